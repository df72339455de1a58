package names

import (
	"crypto/sha256"
	"encoding/hex"
	"io/fs"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/boundaryhq/boundary/rules"
)

// upstreamSHA256 is the hash of names.csv from carltonnorthern/nicknames at
// commit 21d75051c39cb022d145388d60c87dc30505228b. The file must stay
// unchanged; Boundary's own pairs go in the other files.
const upstreamSHA256 = "f370c99f12a564f4f074192ba690f242b7857d53a4ea60257366e365cc63a276"

func loadNicknames(t testing.TB) *Nicknames {
	t.Helper()
	n, err := LoadNicknames(rules.FS)
	if err != nil {
		t.Fatal(err)
	}
	return n
}

func readPairsFile(t *testing.T, name string, read func([]byte) ([]Pair, error)) []Pair {
	t.Helper()
	data, err := fs.ReadFile(rules.FS, name)
	if err != nil {
		t.Fatal(err)
	}
	p, err := read(data)
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return p
}

func key(a, b string) [2]string {
	if a > b {
		a, b = b, a
	}
	return [2]string{a, b}
}

func TestNicknamesEnglishUnchanged(t *testing.T) {
	data, err := fs.ReadFile(rules.FS, NicknamesEnglish)
	if err != nil {
		t.Fatal(err)
	}
	sum := sha256.Sum256(data)
	if got := hex.EncodeToString(sum[:]); got != upstreamSHA256 {
		t.Errorf("%s has SHA-256 %s, want upstream's %s: keep it unchanged and put new pairs in %s",
			NicknamesEnglish, got, upstreamSHA256, NicknamesExtra)
	}
	if p := readPairsFile(t, NicknamesEnglish, ReadNicknameCSV); len(p) != 2691 {
		t.Errorf("%s has %d rows, want 2691", NicknamesEnglish, len(p))
	}
	for _, f := range []string{"names/LICENSE-nicknames.txt", "names/README.md"} {
		if _, err := fs.Stat(rules.FS, f); err != nil {
			t.Errorf("%s must ship with the table: %v", f, err)
		}
	}
}

// TestNicknamesExtraClean is the meta-test for Boundary's supplement: it
// parses, pairs one-word names, has no self-pairs, no pair twice in either
// order, and repeats no upstream pair.
func TestNicknamesExtraClean(t *testing.T) {
	upstream := map[[2]string]bool{}
	for _, p := range readPairsFile(t, NicknamesEnglish, ReadNicknameCSV) {
		upstream[key(p.A, p.B)] = true
	}
	extra := readPairsFile(t, NicknamesExtra, ReadNicknameCSV)
	if len(extra) < 200 {
		t.Errorf("%s has %d rows, want a few hundred", NicknamesExtra, len(extra))
	}
	seen := map[[2]string]int{}
	for _, p := range extra {
		k := key(p.A, p.B)
		switch {
		case strings.ContainsRune(p.A, ' ') || strings.ContainsRune(p.B, ' '):
			t.Errorf("%s line %d: %q, %q: want one word each", NicknamesExtra, p.Line, p.A, p.B)
		case p.A == p.B:
			t.Errorf("%s line %d: %q pairs a name with itself", NicknamesExtra, p.Line, p.A)
		case upstream[k]:
			t.Errorf("%s line %d: %q, %q is already in %s", NicknamesExtra, p.Line, p.A, p.B, NicknamesEnglish)
		case seen[k] > 0:
			t.Errorf("%s line %d: %q, %q repeats line %d", NicknamesExtra, p.Line, p.A, p.B, seen[k])
		}
		seen[k] = p.Line
	}
	// The file is kept sorted so that diffs stay small.
	data, _ := fs.ReadFile(rules.FS, NicknamesExtra)
	lines := strings.Split(strings.TrimSuffix(string(data), "\n"), "\n")[1:]
	if !slices.IsSortedFunc(lines, func(a, b string) int { return strings.Compare(Fold(a), Fold(b)) }) {
		t.Errorf("%s is not sorted by folded name", NicknamesExtra)
	}
}

func TestNicknamesExcludeClean(t *testing.T) {
	upstream := map[[2]string]bool{}
	for _, p := range readPairsFile(t, NicknamesEnglish, ReadNicknameCSV) {
		upstream[key(p.A, p.B)] = true
	}
	seen := map[[2]string]bool{}
	for _, p := range readPairsFile(t, NicknamesExclude, ReadExcludeCSV) {
		k := key(p.A, p.B)
		if !upstream[k] {
			t.Errorf("%s line %d: %q, %q is not in %s, so excluding it does nothing", NicknamesExclude, p.Line, p.A, p.B, NicknamesEnglish)
		}
		if seen[k] {
			t.Errorf("%s line %d: %q, %q is listed twice", NicknamesExclude, p.Line, p.A, p.B)
		}
		seen[k] = true
	}
}

// TestStandaloneClean: every standalone name is a nickname in the tables,
// or listing it changes nothing.
func TestStandaloneClean(t *testing.T) {
	n := loadNicknames(t)
	data, err := fs.ReadFile(rules.FS, NicknamesOwn)
	if err != nil {
		t.Fatal(err)
	}
	list, err := ReadGivenCSV(data)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.IsSorted(list) || len(slices.Compact(slices.Clone(list))) != len(list) {
		t.Errorf("%s must be sorted without repeats", NicknamesOwn)
	}
	for _, name := range list {
		if len(n.Forms(name)) == 0 {
			t.Errorf("%s lists %q, which no nickname row links to another name", NicknamesOwn, name)
		}
	}
}

func TestGivenCommonClean(t *testing.T) {
	data, err := fs.ReadFile(rules.FS, GivenCommon)
	if err != nil {
		t.Fatal(err)
	}
	list, err := ReadGivenCSV(data)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.IsSorted(list) || len(slices.Compact(slices.Clone(list))) != len(list) {
		t.Errorf("%s must be sorted without repeats", GivenCommon)
	}
	for _, surnameOnly := range []string{"smith", "jones", "garcia", "nguyen", "muller"} {
		if slices.Contains(list, surnameOnly) {
			t.Errorf("%s lists %q, which is a surname only", GivenCommon, surnameOnly)
		}
	}
}

func TestNicknamesRelated(t *testing.T) {
	n := loadNicknames(t)
	tests := []struct {
		a, b string
		want bool
	}{
		{"Bob", "Robert", true},
		{"robert", "bob", true}, // rows work both ways
		{"Bobby", "Robert", true},
		{"Liz", "Elizabeth", true},
		{"Lizzie", "Elizabeth", true},
		{"Beth", "Elizabeth", true},
		{"Jenny", "Jennifer", true},
		{"Jen", "Jennifer", true},
		{"Kate", "Katherine", true},
		{"Katie", "Katherine", true},
		{"Will", "William", true},
		{"Liam", "William", true},
		{"Chris", "Christopher", true},
		{"Chris", "Christine", true},
		{"Chris", "Christian", true},
		{"José", "Pepe", true},
		{"JOSE", "pepe", true},
		{"Francisco", "Paco", true},
		{"Francisco", "Pancho", true},
		{"Aleksandr", "Sasha", true},
		{"Margarethe", "Grete", true},
		{"Giuseppe", "Beppe", true},
		{"Johannes", "Hannes", true},
		{"Dmitri", "Dima", true},
		{"Ekaterina", "Katya", true},
		{"Guillermo", "Memo", true},
		{"Wolfgang", "Wolfi", true},
		{"Jenifer", "Jenny", true}, // a spelling the table lacks finds Jennifer
		// not transitive
		{"Aaron", "Ronald", false},          // both link to Ron
		{"Christopher", "Christine", false}, // both link to Chris
		{"Jenny", "Jen", false},             // both link to Jennifer
		// excluded as separate names today
		{"Aaron", "Erin", false},
		{"Emily", "Emma", false},
		{"John", "Ian", false},
		// unrelated and unknown
		{"Robert", "Jennifer", false},
		{"Robert", "Robert", false}, // the same name is not a nickname
		{"Zyxw", "Robert", false},
		{"", "", false},
	}
	for _, tt := range tests {
		if got := n.Related(tt.a, tt.b); got != tt.want {
			t.Errorf("Related(%q, %q) = %v, want %v", tt.a, tt.b, got, tt.want)
		}
	}
	if got := n.Forms("Chris"); !slices.Contains(got, "christopher") || !slices.Contains(got, "christine") || !slices.Contains(got, "christian") {
		t.Errorf("Forms(Chris) = %v, want Christopher, Christine and Christian among them", got)
	}
	if !n.Standalone("liam") || n.Standalone("bob") {
		t.Errorf("Standalone(liam), Standalone(bob) = %v, %v; want true, false", n.Standalone("liam"), n.Standalone("bob"))
	}
	if !n.CommonGiven("thomas") || n.CommonGiven("smith") {
		t.Errorf("CommonGiven(thomas), CommonGiven(smith) = %v, %v; want true, false", n.CommonGiven("thomas"), n.CommonGiven("smith"))
	}
}

func TestNicknamesNil(t *testing.T) {
	var n *Nicknames
	if n.Related("Bob", "Robert") || n.ID("bob") != -1 || n.Len() != 0 || n.Forms("bob") != nil ||
		n.Standalone("liam") || n.Linked(0, 1) || n.Links(0) != nil || n.Spelling(0) != "" || n.CommonGiven("x") || n.Name(0) != "" {
		t.Error("a nil *Nicknames must know no names")
	}
}

func TestLoadNicknamesErrors(t *testing.T) {
	good := map[string]string{
		NicknamesEnglish: "name1,relationship,name2\r\nrobert,has_nickname,bob\r\n",
		NicknamesExtra:   "name1,relationship,name2\njosé,has_nickname,pepe\n",
		NicknamesExclude: "name1,name2,reason\n",
		GivenCommon:      "name\nthomas\n",
		NicknamesOwn:     "name\nliam\n",
	}
	fsys := func(change map[string]string) fs.FS {
		m := fstest.MapFS{}
		for k, v := range good {
			m[k] = &fstest.MapFile{Data: []byte(v)}
		}
		for k, v := range change {
			if v == "" {
				delete(m, k)
			} else {
				m[k] = &fstest.MapFile{Data: []byte(v)}
			}
		}
		return m
	}
	n, err := LoadNicknames(fsys(nil))
	if err != nil || !n.Related("Pepe", "José") || n.Len() != 2 {
		t.Fatalf("LoadNicknames(good) = %v, %v; want 2 pairs with José/Pepe", n.Len(), err)
	}
	bad := []struct {
		name   string
		change map[string]string
		want   string
	}{
		{"missing file", map[string]string{NicknamesExtra: ""}, "nicknames-extra.csv"},
		{"bad header", map[string]string{NicknamesExtra: "a,b,c\n"}, "header"},
		{"bad relationship", map[string]string{NicknamesExtra: "name1,relationship,name2\nbob,is,robert\n"}, "has_nickname"},
		{"quotes", map[string]string{NicknamesExtra: "name1,relationship,name2\n\"bob\",has_nickname,robert\n"}, "quotes"},
		{"too few fields", map[string]string{NicknamesExtra: "name1,relationship,name2\nbob,has_nickname\n"}, "3 fields"},
		{"empty name", map[string]string{NicknamesExtra: "name1,relationship,name2\n,has_nickname,robert\n"}, "not a given name"},
		{"exclusion without reason", map[string]string{NicknamesExclude: "name1,name2,reason\nbob,robert,\n"}, "reason"},
		{"two words", map[string]string{GivenCommon: "name\nmary ann\n"}, "one given name"},
	}
	for _, b := range bad {
		if _, err := LoadNicknames(fsys(b.change)); err == nil || !strings.Contains(err.Error(), b.want) {
			t.Errorf("%s: LoadNicknames error %v, want one mentioning %q", b.name, err, b.want)
		}
	}
}
