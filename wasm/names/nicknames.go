package names

import (
	"errors"
	"io/fs"
	"slices"
	"sort"
	"strconv"
	"strings"
)

// The nickname tables inside a rules file system (see package rules).
const (
	NicknamesEnglish = "names/nicknames-en.csv"    // carltonnorthern/nicknames, unchanged
	NicknamesExtra   = "names/nicknames-extra.csv" // Boundary's supplement
	NicknamesExclude = "names/nicknames-exclude.csv"
	GivenCommon      = "names/given-common.csv"         // common given names, some of them surnames too
	NicknamesOwn     = "names/nicknames-standalone.csv" // short forms that are mostly names of their own
)

// Nicknames knows which given names can stand for each other: Bob for
// Robert, Jenny for Jennifer, Pepe for José. A table row links two names in
// both directions. The relation is not transitive: Ron stands for Aaron and
// for Ronald, yet Aaron and Ronald are not linked. A nil *Nicknames knows no
// names.
type Nicknames struct {
	ids     map[string]int32 // folded name → id
	bySpell map[string]int32 // spelling key → id, for spellings the table lacks
	names   []string         // id → folded name
	links   [][]int32        // id → ids linked to it, sorted
	spells  []string         // id → SpellingKey of the name
	common  map[string]bool  // GivenCommon
	own     map[string]bool  // NicknamesOwn
	pairs   int
}

// Tables is what NewNicknames builds from.
type Tables struct {
	Pairs      []Pair   // rows that link two given names
	Exclude    []Pair   // rows to ignore, in either order
	Common     []string // common given names; see CommonGiven
	Standalone []string // short forms that are mostly names of their own; see Standalone
}

// Pair is one row of a nickname table, folded. Line is the 1-based line in
// its file.
type Pair struct {
	A, B string
	Line int
}

// LoadNicknames reads NicknamesEnglish and NicknamesExtra from fsys, less
// the pairs in NicknamesExclude, and the lists GivenCommon and NicknamesOwn.
// Pass rules.FS.
func LoadNicknames(fsys fs.FS) (*Nicknames, error) {
	var t Tables
	var pairs []Pair
	for _, name := range []string{NicknamesEnglish, NicknamesExtra} {
		data, err := fs.ReadFile(fsys, name)
		if err != nil {
			return nil, err
		}
		p, err := ReadNicknameCSV(data)
		if err != nil {
			return nil, errors.New(name + ": " + err.Error())
		}
		pairs = append(pairs, p...)
	}
	data, err := fs.ReadFile(fsys, NicknamesExclude)
	if err != nil {
		return nil, err
	}
	ex, err := ReadExcludeCSV(data)
	if err != nil {
		return nil, errors.New(NicknamesExclude + ": " + err.Error())
	}
	t.Pairs, t.Exclude = pairs, ex
	for _, l := range [...]struct {
		file string
		dst  *[]string
	}{{GivenCommon, &t.Common}, {NicknamesOwn, &t.Standalone}} {
		if data, err = fs.ReadFile(fsys, l.file); err != nil {
			return nil, err
		}
		if *l.dst, err = ReadGivenCSV(data); err != nil {
			return nil, errors.New(l.file + ": " + err.Error())
		}
	}
	return NewNicknames(t), nil
}

// NewNicknames builds the relation from t. Names are folded first; a pair
// of equal names is ignored.
func NewNicknames(t Tables) *Nicknames {
	pairs, exclude := t.Pairs, t.Exclude
	skip := map[[2]string]bool{}
	for _, p := range exclude {
		a, b := Fold(p.A), Fold(p.B)
		skip[[2]string{a, b}] = true
		skip[[2]string{b, a}] = true
	}
	n := &Nicknames{ids: map[string]int32{}, bySpell: map[string]int32{}, common: map[string]bool{}, own: map[string]bool{}}
	for _, c := range t.Common {
		n.common[Fold(c)] = true
	}
	for _, c := range t.Standalone {
		n.own[Fold(c)] = true
	}
	id := func(s string) int32 {
		if i, ok := n.ids[s]; ok {
			return i
		}
		i := int32(len(n.names))
		n.ids[s] = i
		n.names = append(n.names, s)
		n.links = append(n.links, nil)
		return i
	}
	for _, p := range pairs {
		a, b := Fold(p.A), Fold(p.B)
		if a == "" || b == "" || a == b || skip[[2]string{a, b}] ||
			strings.ContainsRune(a, ' ') || strings.ContainsRune(b, ' ') {
			continue
		}
		x, y := id(a), id(b)
		n.links[x] = append(n.links[x], y)
		n.links[y] = append(n.links[y], x)
	}
	n.spells = make([]string, len(n.names))
	for i, name := range n.names {
		n.spells[i] = SpellingKey(name)
	}
	for i, l := range n.links {
		slices.Sort(l)
		out := l[:0]
		for j, v := range l {
			if j == 0 || v != l[j-1] {
				out = append(out, v)
			}
		}
		n.links[i] = out
		n.pairs += len(out)
	}
	n.pairs /= 2
	sorted := append([]string(nil), n.names...)
	sort.Strings(sorted)
	for _, s := range sorted {
		sp := SpellingKey(s)
		if _, ok := n.bySpell[sp]; !ok {
			n.bySpell[sp] = n.ids[s]
		}
	}
	return n
}

// Len returns the number of distinct linked pairs.
func (n *Nicknames) Len() int {
	if n == nil {
		return 0
	}
	return n.pairs
}

// ID returns the table's number for a folded given name, or -1 when the
// table does not know it. A spelling the table lacks finds the name with the
// same SpellingKey if the word has four letters or more (Jenifer finds
// Jennifer).
func (n *Nicknames) ID(key string) int32 { return n.Lookup(key, "") }

// Lookup is ID with the spelling key already computed; pass "" to have it
// computed.
func (n *Nicknames) Lookup(key, spell string) int32 {
	if n == nil {
		return -1
	}
	if i, ok := n.ids[key]; ok {
		return i
	}
	if len(key) < 4 {
		return -1
	}
	if spell == "" {
		spell = SpellingKey(key)
	}
	if i, ok := n.bySpell[spell]; ok {
		return i
	}
	return -1
}

// Name returns the folded name with the given ID.
func (n *Nicknames) Name(id int32) string {
	if n == nil || id < 0 || int(id) >= len(n.names) {
		return ""
	}
	return n.names[id]
}

// Linked reports whether one row links the names a and b directly.
func (n *Nicknames) Linked(a, b int32) bool {
	if n == nil || a < 0 || b < 0 || int(a) >= len(n.links) || int(b) >= len(n.links) {
		return false
	}
	l := n.links[a]
	i := sort.Search(len(l), func(i int) bool { return l[i] >= b })
	return i < len(l) && l[i] == b
}

// CommonGiven reports whether a folded word is on the list of common given
// names. Many are surnames too (Thomas, James, Paul, Scott), which is what a
// matcher needs to know before reading "Thomas James" as surname first.
func (n *Nicknames) CommonGiven(key string) bool {
	return n != nil && n.common[key]
}

// Standalone reports whether a folded name is a short form that today is
// mostly given as a name of its own: Liam, Jack, Ella, Lena. A nickname
// match through it is weak evidence: most people called Liam are not
// Williams.
func (n *Nicknames) Standalone(key string) bool {
	return n != nil && n.own[key]
}

// Links returns the IDs of the names linked to id, sorted. The slice
// belongs to n; do not change it.
func (n *Nicknames) Links(id int32) []int32 {
	if n == nil || id < 0 || int(id) >= len(n.links) {
		return nil
	}
	return n.links[id]
}

// Spelling returns the SpellingKey of the name with the given ID.
func (n *Nicknames) Spelling(id int32) string {
	if n == nil || id < 0 || int(id) >= len(n.spells) {
		return ""
	}
	return n.spells[id]
}

// Related reports whether the given names a and b (in any form: "José",
// "JOSE") are linked directly by a row.
func (n *Nicknames) Related(a, b string) bool {
	return n.Linked(n.ID(Fold(a)), n.ID(Fold(b)))
}

// Forms returns the folded names that the given name can stand for, sorted.
func (n *Nicknames) Forms(name string) []string {
	id := n.ID(Fold(name))
	if id < 0 {
		return nil
	}
	var out []string
	for _, v := range n.links[id] {
		out = append(out, n.names[v])
	}
	sort.Strings(out)
	return out
}

// ReadNicknameCSV reads a table shaped like carltonnorthern/nicknames:
// the header "name1,relationship,name2", then rows such as
// "robert,has_nickname,bob". Line endings may be CRLF or LF. Names are
// folded; the few that fold to more than one word ("k.c.") are returned but
// NewNicknames ignores them.
func ReadNicknameCSV(data []byte) ([]Pair, error) {
	return readPairs(data, "name1,relationship,name2", func(f []string) (string, string, string) {
		if f[1] != "has_nickname" {
			return "", "", "relationship must be has_nickname, not " + strconv.Quote(f[1])
		}
		return f[0], f[2], ""
	})
}

// ReadExcludeCSV reads NicknamesExclude: the header "name1,name2,reason",
// then pairs to leave out with the reason, which may contain commas.
func ReadExcludeCSV(data []byte) ([]Pair, error) {
	return readPairs(data, "name1,name2,reason", func(f []string) (string, string, string) {
		if strings.TrimSpace(f[2]) == "" {
			return "", "", "reason is empty"
		}
		return f[0], f[1], ""
	})
}

// ReadGivenCSV reads GivenCommon or NicknamesOwn: the header "name", then
// one given name a line.
func ReadGivenCSV(data []byte) ([]string, error) {
	text := strings.TrimPrefix(string(data), "\ufeff")
	var out []string
	for i, line := range strings.Split(text, "\n") {
		line = strings.TrimSuffix(line, "\r")
		if i == 0 {
			if line != "name" {
				return nil, errors.New(`line 1: header must be "name"`)
			}
			continue
		}
		if line == "" {
			continue
		}
		if f := Fold(line); f == "" || strings.ContainsRune(f, ' ') || strings.ContainsAny(line, ",\"") {
			return nil, errors.New("line " + strconv.Itoa(i+1) + ": " + strconv.Quote(line) + " is not one given name")
		}
		out = append(out, Fold(line))
	}
	return out, nil
}

func readPairs(data []byte, header string, row func([]string) (a, b, problem string)) ([]Pair, error) {
	text := strings.TrimPrefix(string(data), "\ufeff")
	var out []Pair
	for i, line := range strings.Split(text, "\n") {
		line = strings.TrimSuffix(line, "\r")
		lineNo := strconv.Itoa(i + 1)
		if i == 0 {
			if line != header {
				return nil, errors.New("line 1: header must be " + strconv.Quote(header) + ", not " + strconv.Quote(line))
			}
			continue
		}
		if line == "" {
			continue
		}
		if strings.ContainsRune(line, '"') {
			return nil, errors.New("line " + lineNo + ": quotes are not allowed")
		}
		f := strings.SplitN(line, ",", 3)
		if len(f) != 3 {
			return nil, errors.New("line " + lineNo + ": want 3 fields")
		}
		a, b, problem := row(f)
		if problem != "" {
			return nil, errors.New("line " + lineNo + ": " + problem)
		}
		fa, fb := Fold(a), Fold(b)
		for _, s := range [...]struct{ raw, folded string }{{a, fa}, {b, fb}} {
			if s.folded == "" || s.raw != strings.TrimSpace(s.raw) {
				return nil, errors.New("line " + lineNo + ": " + strconv.Quote(s.raw) + " is not a given name")
			}
		}
		out = append(out, Pair{A: fa, B: fb, Line: i + 1})
	}
	return out, nil
}
