package patients

import (
	"math/rand/v2"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/boundaryhq/boundary/rules"
	"github.com/boundaryhq/boundary/wasm/names"
)

var (
	nickOnce sync.Once
	nickTab  *names.Nicknames
)

func nicknames(t testing.TB) *names.Nicknames {
	nickOnce.Do(func() {
		var err error
		if nickTab, err = names.LoadNicknames(rules.FS); err != nil {
			panic(err)
		}
	})
	return nickTab
}

// fixture is the patient list most matching tests run against.
var fixture = []Entry{
	{Last: "Smith", First: "Jennifer"},
	{Last: "Jones", First: "Robert"},
	{Last: "Jones", First: "Mary"},
	{Last: "Taylor", First: "Elizabeth", Middle: "Anne"},
	{Last: "García-López", First: "José"},
	{Last: "van der Berg", First: "Pieter"},
	{Last: "de la Cruz", First: "Maria"},
	{Last: "Smith", First: "Christopher"},
	{Last: "Thomas", First: "James"},
	{Last: "Picard", First: "Jean-Luc"},
	{Last: "Paul", First: "John"},
	{Last: "Miller", First: "John", Middle: "Robert"},
	{Last: "Müller", First: "Jürgen"},
	{Last: "Brown", First: "Bob"}, // the list has the nickname
	{Last: "O'Brien", First: "Seán"},
	{Last: "Nguyen", First: "An"},
	{Last: "Wojciechowski", First: "Katarzyna"},
	{Last: "Katz", First: "Catherine"},
	{Last: "Brown", First: "Emily"},
	{Last: "Green", First: "Aaron"},
	{Last: "Lee", First: "Danielle"},
	{Last: "Lopez", First: "Francisco"},
	{Last: "Ivanova", First: "Ekaterina"},
	{Last: "Schmidt", First: "Mary Ann"},
	{Last: "Wang", First: "Xiao Ming"},
	{Last: "Smith-Jones", First: "Rebecca"},
	{Last: "Johnson", First: "J."}, // only an initial
	{Last: "White", First: "Jennifer (Jenny)"},
	{Last: "SANCHEZ", First: "MARIA", Display: "SANCHEZ, MARIA"}, // an all-capitals export
	{Last: "Nelson", First: "William"},
}

func fixtureDirectory(t testing.TB) *Directory {
	return NewDirectory(fixture, nicknames(t))
}

func TestMatch(t *testing.T) {
	d := fixtureDirectory(t)
	tests := []struct {
		display string
		ok      bool
		entry   string   // the Display of the entry matched ("" for none)
		reasons []string // substrings that must appear among the reasons
	}{
		// the same name, however written
		{"Jennifer Smith", true, "Smith, Jennifer", nil},
		{"JENNIFER SMITH", true, "Smith, Jennifer", nil},
		{"jennifer smith", true, "Smith, Jennifer", nil},
		{"  Jennifer \t Smith  ", true, "Smith, Jennifer", nil},
		{"Smith, Jennifer", true, "Smith, Jennifer", nil},
		{"Smith Jennifer", true, "Smith, Jennifer", []string{"written surname first"}},
		{"Maria Sanchez", true, "SANCHEZ, MARIA", nil},
		// nicknames, in both directions
		{"Jenny Smith", true, "Smith, Jennifer", []string{"nickname Jenny → Jennifer"}},
		{"Jen Smith", true, "Smith, Jennifer", []string{"nickname Jen → Jennifer"}},
		{"Dr. Bob Jones 🏥", true, "Jones, Robert", []string{"nickname Bob → Robert"}},
		{"Bobby Jones", true, "Jones, Robert", []string{"nickname Bobby → Robert"}},
		{"Robert Brown", true, "Brown, Bob", []string{"nickname Robert → Bob"}},
		{"Liz Taylor", true, "Taylor, Elizabeth Anne", []string{"nickname Liz → Elizabeth"}},
		{"Lizzie Taylor", true, "Taylor, Elizabeth Anne", []string{"nickname Lizzie → Elizabeth"}},
		{"Beth Taylor", true, "Taylor, Elizabeth Anne", []string{"nickname Beth → Elizabeth"}},
		{"Chris Smith", true, "Smith, Christopher", []string{"nickname Chris → Christopher"}},
		{"Kasia Wojciechowski", true, "Wojciechowski, Katarzyna", []string{"nickname Kasia → Katarzyna"}},
		{"Paco Lopez", true, "Lopez, Francisco", []string{"nickname Paco → Francisco"}},
		{"Pancho López", true, "Lopez, Francisco", []string{"nickname Pancho → Francisco", "accents ignored (López → Lopez)"}},
		{"Katya Ivanova", true, "Ivanova, Ekaterina", []string{"nickname Katya → Ekaterina"}},
		{"Kate Katz", true, "Katz, Catherine", []string{"nickname Kate → Catherine"}},
		{"Ron Green", true, "Green, Aaron", []string{"nickname Ron → Aaron"}},
		{"Will Nelson", true, "Nelson, William", []string{"nickname Will → William"}},
		{"Jenny White", true, "White, Jennifer (Jenny)", nil},
		{"Jennifer White", true, "White, Jennifer (Jenny)", nil},
		// spelling and accents
		{"Katherine Katz", true, "Katz, Catherine", []string{"spelling Katherine → Catherine"}},
		{"Jurgen Muller", true, "Müller, Jürgen", []string{"accents ignored (Jurgen → Jürgen, Muller → Müller)"}},
		{"Juergen Mueller", true, "Müller, Jürgen", []string{"spelling Juergen → Jürgen", "spelling Mueller → Müller"}},
		{"Sean O'Brien", true, "O'Brien, Seán", []string{"accents ignored (Sean → Seán)"}},
		{"Seán O’Brien", true, "O'Brien, Seán", nil},
		{"Sean OBrien", true, "O'Brien, Seán", nil},
		// middle names and initials
		{"Elizabeth Anne Taylor", true, "Taylor, Elizabeth Anne", []string{"middle name Anne matches"}},
		{"Elizabeth A. Taylor", true, "Taylor, Elizabeth Anne", []string{"middle initial A. fits Anne"}},
		{"E. Anne Taylor", true, "Taylor, Elizabeth Anne", []string{"initial E. fits Elizabeth", "middle name Anne matches"}},
		{"Elizabeth Marie Taylor", true, "Taylor, Elizabeth Anne", []string{"middle name Marie differs from Anne in your list"}},
		{"Jennifer Lynn Smith", true, "Smith, Jennifer", []string{"middle name Lynn ignored"}},
		{"Robert Miller", false, "Miller, John Robert", []string{"Robert is a middle name in your list"}},
		{"John Robert Miller", true, "Miller, John Robert", []string{"middle name Robert matches"}},
		{"J. Robert Miller", true, "Miller, John Robert", []string{"initial J. fits John", "middle name Robert matches"}},
		{"Mary Schmidt", true, "Schmidt, Mary Ann", nil},
		{"Mary Ann Schmidt", true, "Schmidt, Mary Ann", nil},
		{"Maryann Schmidt", true, "Schmidt, Mary Ann", []string{"Maryann is written Mary Ann in your list"}},
		{"Ann Schmidt", true, "Schmidt, Mary Ann", []string{"Ann is part of the first name Mary Ann in your list"}},
		{"Xiaoming Wang", true, "Wang, Xiao Ming", nil},
		{"Xiao Ming Wang", true, "Wang, Xiao Ming", nil},
		{"Jean-Luc Picard", true, "Picard, Jean-Luc", nil},
		{"Jean Luc Picard", true, "Picard, Jean-Luc", nil},
		{"Jean Picard", true, "Picard, Jean-Luc", []string{"Jean-Luc shortened to Jean"}},
		{"Mary-Jane Jones", true, "Jones, Mary", []string{"first name Mary-Jane shortened to Mary in your list"}},
		// hyphenated, double and particle surnames
		{"José García-López", true, "García-López, José", nil},
		{"José García López", true, "García-López, José", nil},
		{"Jose Garcia", true, "García-López, José", []string{"surname García-López includes Garcia", "accents ignored (Jose → José, Garcia → García)"}},
		{"Pepe García", true, "García-López, José", []string{"nickname Pepe → José", "surname García-López includes García"}},
		{"Pieter van der Berg", true, "van der Berg, Pieter", nil},
		{"Pieter Van Der Berg", true, "van der Berg, Pieter", nil},
		{"Pieter Vanderberg", true, "van der Berg, Pieter", []string{"surname Vanderberg → van der Berg"}},
		{"Pieter Berg", true, "van der Berg, Pieter", nil},
		{"Maria de la Cruz", true, "de la Cruz, Maria", nil},
		{"Maria Delacruz", true, "de la Cruz, Maria", nil},
		{"Rebecca Smith-Jones", true, "Smith-Jones, Rebecca", nil},
		{"Becky Jones", true, "Smith-Jones, Rebecca", []string{"nickname Becky → Rebecca", "surname Smith-Jones includes Jones"}},
		{"Jennifer Smith-Jones", true, "Smith, Jennifer", []string{"surname Smith-Jones includes Smith"}},
		{"Jennifer Jones (Smith)", true, "Smith, Jennifer", []string{"other surname Jones ignored"}},
		{"An Nguyen", true, "Nguyen, An", nil},
		{"Nguyễn An", true, "Nguyen, An", []string{"accents ignored (Nguyễn → Nguyen)", "written surname first"}},
		// decoration and hostile text
		{"✨ Jenny Smith ✨", true, "Smith, Jennifer", []string{"nickname Jenny → Jennifer"}},
		{"𝐉𝐞𝐧𝐧𝐲 𝐒𝐦𝐢𝐭𝐡", true, "Smith, Jennifer", []string{"nickname Jenny → Jennifer"}},
		{"Ｊｅｎｎｙ　Ｓｍｉｔｈ", true, "Smith, Jennifer", nil},
		{"Jenny Smith 🇺🇸💕", true, "Smith, Jennifer", nil},
		{"J\u200bенny Smith", false, "", nil}, // Cyrillic look-alikes are other letters
		{"Jen\u200bny Sm\u202eith", true, "Smith, Jennifer", nil},
		{"Mary <b>Jones</b>", true, "Jones, Mary", nil},
		{"<b>Mary</b> <i>Jones</i>", true, "Jones, Mary", nil},

		// hard negatives: surname and given-name evidence are both needed
		{"Jennifer Jones", false, "", nil}, // same first name, other surname
		{"Jessica Smith", false, "", nil},  // same surname, other first name
		{"Robert Smith", false, "", nil},   // a Robert and a Smith, not the same person
		{"Jennifer Smithson", false, "", nil},
		{"Jenny Smithers", false, "", nil},
		{"Christine Smith", false, "", nil}, // Chris is a nickname of both; they are not each other's
		{"Ronald Green", false, "", nil},    // Ron stands for Aaron and Ronald; not transitive
		{"Erin Green", false, "", nil},      // excluded: separate names today
		{"Emma Brown", false, "", nil},      // excluded: Emily and Emma
		{"Daniel Lee", false, "", nil},      // not Danielle
		{"Maria Smith", false, "", nil},
		{"Jennifer", false, "", nil},
		{"Smith", false, "", nil},
		{"Dr. Smith", false, "", nil},
		{"", false, "", nil},
		{"   ", false, "", nil},
		{"🏥✨", false, "", nil},
		{"<img src=x onerror=alert(1)>", false, "", nil},
		{"<script>alert(1)</script>", false, "", nil},
		// close, but below the threshold
		{"J. Smith", false, "Smith, Jennifer", []string{"initial J. fits Jennifer", "an initial alone is not enough"}},
		{"Jo Johnson", false, "Johnson, J.", []string{"initial J. in your list fits Jo"}},
		{"Thomas James", false, "Thomas, James", []string{"written surname first, and Thomas is also a first name"}},
		{"John Paul Smith", false, "Paul, John", []string{"Paul is a middle name here (surname Smith), and a first name too"}},
		{"Jean-Pierre Picard", false, "Picard, Jean-Luc", []string{"first name Jean-Pierre differs from Jean-Luc"}},
		{"Liam Nelson", false, "Nelson, William", []string{"nickname Liam → William, but Liam is also a name of its own"}},
		{"Jack Paul", false, "Paul, John", []string{"nickname Jack → John, but Jack is also a name of its own"}},
	}
	for _, tt := range tests {
		m, ok := d.Match(tt.display)
		if ok != tt.ok || m.Entry.Display != tt.entry {
			t.Errorf("Match(%q) = %q ok %v (score %.3f, %q); want %q ok %v",
				tt.display, m.Entry.Display, ok, m.Score, m.Reasons, tt.entry, tt.ok)
			continue
		}
		if ok != (m.Score >= Threshold) || m.Score < 0 || m.Score > 1 {
			t.Errorf("Match(%q) score %v with ok %v; want 0..1 and ok exactly from %v", tt.display, m.Score, ok, Threshold)
		}
		if m.Entry.Display != "" && !strings.HasSuffix(m.Reasons[0], quote(m.Entry.Display)+" in your list") &&
			!strings.Contains(m.Reasons[0], quote(m.Entry.Display)+" in your list,") {
			t.Errorf("Match(%q) first reason %q, want it to name %q", tt.display, m.Reasons[0], m.Entry.Display)
		}
		for _, want := range tt.reasons {
			if !slices.Contains(m.Reasons, want) {
				t.Errorf("Match(%q) reasons %q, want %q among them", tt.display, m.Reasons, want)
			}
		}
	}
}

// TestMatchBadge pins the whole reason list for the cases the badge copy
// was written from.
func TestMatchBadge(t *testing.T) {
	d := fixtureDirectory(t)
	tests := []struct {
		display string
		score   float64
		reasons []string
	}{
		{"Jennifer Smith", 1, []string{"matches 'Smith, Jennifer' in your list"}},
		{"Jenny Smith", 0.9, []string{"matches 'Smith, Jennifer' in your list", "nickname Jenny → Jennifer"}},
		{"José Garcia-Lopez", 1, []string{"matches 'García-López, José' in your list", "accents ignored (Garcia → García)"}},
		{"J. Smith", 0.7, []string{"resembles 'Smith, Jennifer' in your list, not closely enough", "initial J. fits Jennifer", "an initial alone is not enough"}},
	}
	for _, tt := range tests {
		m, _ := d.Match(tt.display)
		if m.Score != tt.score || !slices.Equal(m.Reasons, tt.reasons) {
			t.Errorf("Match(%q) = %.3f %q; want %.3f %q", tt.display, m.Score, m.Reasons, tt.score, tt.reasons)
		}
	}
}

func TestMatchAmbiguous(t *testing.T) {
	d := NewDirectory([]Entry{
		{Last: "Smith", First: "Christopher"},
		{Last: "Smith", First: "Christine"},
		{Last: "Smith", First: "Christian"},
		{Last: "Smith", First: "Jane", Middle: "A."},
		{Last: "Smith", First: "Jane", Middle: "B."},
		{Last: "Smith", First: "Jennifer"},
	}, nicknames(t))
	tests := []struct {
		display, entry, also string
	}{
		// equal scores: the entry earlier in the list, and the others named
		{"Chris Smith", "Smith, Christopher", "also matches 'Smith, Christine' and 'Smith, Christian'"},
		{"Jane Smith", "Smith, Jane A.", "also matches 'Smith, Jane B.'"},
		// a better score wins whatever the order
		{"Jane B. Smith", "Smith, Jane B.", "also matches 'Smith, Jane A.'"}, // 0.94 with a differing initial
		{"Christine Smith", "Smith, Christine", ""},
	}
	for _, tt := range tests {
		for run := 0; run < 3; run++ { // deterministic
			m, ok := d.Match(tt.display)
			if !ok || m.Entry.Display != tt.entry {
				t.Fatalf("Match(%q) = %q ok %v, want %q", tt.display, m.Entry.Display, ok, tt.entry)
			}
			last := m.Reasons[len(m.Reasons)-1]
			if tt.also != "" && last != tt.also || tt.also == "" && strings.HasPrefix(last, "also") {
				t.Errorf("Match(%q) reasons %q, want the last to be %q", tt.display, m.Reasons, tt.also)
			}
		}
	}
	// Many equal matches are counted, not all named.
	var many []Entry
	for i := 0; i < 6; i++ {
		many = append(many, Entry{Last: "Smith", First: "Jane", Middle: string(rune('A' + i))})
	}
	m, _ := NewDirectory(many, nil).Match("Jane Smith")
	if last := m.Reasons[len(m.Reasons)-1]; last != "also matches 'Smith, Jane B', 'Smith, Jane C' and 3 more" {
		t.Errorf("Match(Jane Smith) last reason %q, want two named and 3 more", last)
	}
}

// TestMatchInitialOnly documents the decision that an initial and a surname
// never reach the threshold, even when only one entry could fit.
func TestMatchInitialOnly(t *testing.T) {
	d := NewDirectory([]Entry{{Last: "Wojciechowski", First: "Katarzyna"}}, nicknames(t))
	for _, s := range []string{"K. Wojciechowski", "K Wojciechowski", "Wojciechowski, K."} {
		m, ok := d.Match(s)
		if ok || m.Score != lvlInitial || m.Entry.Last != "Wojciechowski" {
			t.Errorf("Match(%q) = %q ok %v score %v; want the entry with score %v and ok false", s, m.Entry.Display, ok, m.Score, lvlInitial)
		}
	}
}

func TestMatchWithoutNicknames(t *testing.T) {
	d := NewDirectory(fixture, nil)
	if _, ok := d.Match("Jenny Smith"); ok {
		t.Error("Match(Jenny Smith) without nickname tables = ok, want no match")
	}
	if m, ok := d.Match("Jennifer Smith"); !ok || m.Score != 1 {
		t.Errorf("Match(Jennifer Smith) without nickname tables = %v %v, want 1 true", m.Score, ok)
	}
}

func TestMatchEdgeCases(t *testing.T) {
	var nilDir *Directory
	if _, ok := nilDir.Match("Jennifer Smith"); ok || nilDir.Len() != 0 {
		t.Error("a nil Directory must match nothing and have Len 0")
	}
	empty := NewDirectory(nil, nicknames(t))
	if _, ok := empty.Match("Jennifer Smith"); ok || empty.Len() != 0 {
		t.Error("an empty Directory must match nothing")
	}
	// Unusable entries count but never match.
	d := NewDirectory([]Entry{{Last: "Smith"}, {First: "Jennifer"}, {}, {Last: "Smith", First: "Jennifer"}}, nicknames(t))
	if d.Len() != 4 {
		t.Errorf("Len = %d, want 4", d.Len())
	}
	if m, ok := d.Match("Jennifer Smith"); !ok || m.Entry.First != "Jennifer" || m.Entry.Last != "Smith" {
		t.Errorf("Match = %+v %v, want the complete entry", m.Entry, ok)
	}
	// A full name in the First field still works.
	d = NewDirectory([]Entry{{First: "Jennifer Smith"}}, nicknames(t))
	if m, ok := d.Match("Jenny Smith"); !ok || m.Entry.Display != "Jennifer Smith" {
		t.Errorf("Match(Jenny Smith) against a whole name in First = %q %v", m.Entry.Display, ok)
	}
	// Huge, strange and invalid input must not panic or crawl.
	fd := fixtureDirectory(t)
	for _, s := range []string{
		strings.Repeat("Jenny ", 2000) + "Smith",
		"Jennifer Smith " + strings.Repeat("x", 10000),
		strings.Repeat("a", 10000),
		strings.Repeat("Smith ", 2000),
		strings.Repeat("𝐉", 3000),
		strings.Repeat("\u200b", 5000) + "Jennifer Smith",
		"\xff\xfe\x00Jennifer\x00Smith",
		strings.Repeat("<b>", 3000),
		strings.Repeat("(", 1000) + "Jennifer Smith",
	} {
		fd.Match(s)
	}
	if m, ok := fd.Match("Jennifer Smith" + strings.Repeat(" ", 10000)); !ok {
		t.Errorf("Match(Jennifer Smith + 10,000 spaces) = %v %v, want a match", m.Score, ok)
	}
}

// TestMatchConcurrent runs Match from several goroutines; run with -race.
func TestMatchConcurrent(t *testing.T) {
	d := fixtureDirectory(t)
	var wg sync.WaitGroup
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < 200; i++ {
				if _, ok := d.Match("Jenny Smith"); !ok {
					t.Error("Match(Jenny Smith) failed under concurrency")
					return
				}
			}
		}()
	}
	wg.Wait()
}

func TestPretty(t *testing.T) {
	for in, want := range map[string]string{
		"JENNY": "Jenny", "jenny": "Jenny", "McDonald": "McDonald", "O'BRIEN": "O'Brien",
		"van der berg": "Van der Berg", "van der Berg": "van der Berg", "GARCÍA-LÓPEZ": "García-López", "J": "J", "": "",
	} {
		if got := pretty(in); got != want {
			t.Errorf("pretty(%q) = %q, want %q", in, got, want)
		}
	}
}

// benchList builds n entries with surnames and first names drawn from
// skewed pools, the way a real list has many Smiths and few Wojciechowskis.
func benchList(n int, r *rand.Rand) []Entry {
	if r == nil {
		r = rand.New(rand.NewPCG(1, 2))
	}
	surnames := strings.Fields(`Smith Johnson Williams Brown Jones Garcia Miller Davis Rodriguez
		Martinez Hernandez Lopez Gonzalez Wilson Anderson Thomas Taylor Moore Jackson Martin Lee
		Perez Thompson White Harris Sanchez Clark Ramirez Lewis Robinson Walker Young Allen King
		Wright Scott Torres Nguyen Hill Flores Green Adams Nelson Baker Hall Rivera Campbell
		Mitchell Carter Roberts Müller Schmidt Schneider Fischer Weber Meyer Wagner Becker Schulz
		Hoffmann Koch Richter Klein Wolf Schröder Neumann Schwarz Zimmermann Braun Krüger Hofmann
		Hartmann Lange Schmitt Werner Krause Meier Lehmann Schmid Schulze Maier Köhler Herrmann
		König Walter Mayer Huber Kaiser Fuchs Peters Lang Scholz Möller Weiß Jung Hahn Keller
		Vogel Friedrich Günther Frank Berger Winkler Roth Beck Lorenz Baumann Franke Albrecht
		Ludwig Winter Simon Kraus Martin Böhm Schuster Jäger Otto Sommer Groß Seidel Heinrich
		Brandt Haas Schreiber Graf Schulte Dietrich Ziegler Kuhn Kühn Pohl Engel Horn Busch
		Bergmann Thomas Voigt Sauer Arnold Wolff Pfeiffer García-López van der Berg de la Cruz
		O'Brien Kowalski Nowak Wiśniewski Wójcik Kowalczyk Kamiński Lewandowski Zieliński Szymański
		Woźniak Dąbrowski Ivanov Petrov Smirnov Kuznetsov Popov Rossi Russo Ferrari Esposito
		Bianchi Romano Colombo Ricci Marino Greco Bruno Gallo Conti Silva Santos Oliveira Souza
		Pereira Costa Rodrigues Almeida Nascimento Lima Tran Le Pham Hoang Phan Vu Dang Bui Do
		Ho Ngo Duong Ly Wang Li Zhang Liu Chen Yang Huang Zhao Wu Zhou Kim Park Choi Jung Kang`)
	given := strings.Fields(`James Mary Robert Patricia John Jennifer Michael Linda David Elizabeth
		William Barbara Richard Susan Joseph Jessica Thomas Sarah Christopher Karen Charles Lisa
		Daniel Nancy Matthew Betty Anthony Margaret Mark Sandra Donald Ashley Steven Kimberly Paul
		Emily Andrew Donna Joshua Michelle Kenneth Carol Kevin Amanda Brian Dorothy George Melissa
		Timothy Deborah Ronald Stephanie Edward Rebecca Jason Sharon Jeffrey Laura Ryan Cynthia
		Jacob Kathleen Gary Amy Nicholas Angela Eric Shirley Jonathan Anna Stephen Brenda Larry
		Pamela Justin Emma Scott Nicole Brandon Helen Benjamin Samantha Samuel Katherine Gregory
		Christine Alexander Debra Frank Rachel Patrick Carolyn Raymond Janet Jack Catherine Dennis
		Maria Jerry Heather Tyler Diane Aaron Ruth Jose Julie Adam Olivia Nathan Joyce Henry
		Virginia Douglas Victoria Zachary Kelly Peter Lauren Kyle Christina Hans Jürgen Wolfgang
		Klaus Anna Ursula Monika Petra Sabine Katarzyna Małgorzata Piotr Krzysztof Tomasz Agnieszka
		Giuseppe Francesco Giovanni Sofia Giulia Francisco Alejandro Lucía Carmen Dmitri Ekaterina
		Olga Aleksandr Wei Fang Min Jun Minh Anh Linh Huong Thanh Jean-Luc Marie-Claire Mary Ann`)
	zipf := func(n int) int { // index with a long tail
		return int(float64(n) * r.Float64() * r.Float64() * r.Float64())
	}
	out := make([]Entry, n)
	for i := range out {
		out[i] = Entry{Last: surnames[zipf(len(surnames))], First: given[zipf(len(given))]}
		if r.IntN(4) == 0 {
			out[i].Middle = given[r.IntN(len(given))]
		}
	}
	return out
}

// benchQueries mixes names on the list, their nicknames, and strangers,
// half of whom share a surname with someone on the list.
func benchQueries(list []Entry, r *rand.Rand) []string {
	strangers := strings.Fields(`Liam Noah Oliver Elijah Lucas Mason Logan Ethan Aiden Ava Mia
		Harper Evelyn Abigail Ella Scarlett Grace Chloe Zoey Riley Nora Lily Hannah Layla Zoe`)
	nick := map[string]string{"Jennifer": "Jenny", "Robert": "Bob", "William": "Bill", "Elizabeth": "Liz",
		"Michael": "Mike", "Christopher": "Chris", "Katherine": "Kate", "Francisco": "Paco", "Joseph": "Joe"}
	qs := make([]string, 1000)
	for i := range qs {
		e := list[r.IntN(len(list))]
		switch r.IntN(5) {
		case 0, 1:
			qs[i] = e.First + " " + e.Last
		case 2:
			if n, ok := nick[e.First]; ok {
				qs[i] = "✨ " + n + " " + e.Last + " ✨"
			} else {
				qs[i] = e.Last + ", " + e.First
			}
		case 3:
			qs[i] = strangers[r.IntN(len(strangers))] + " " + e.Last
		default:
			qs[i] = strangers[r.IntN(len(strangers))] + " " + strangers[r.IntN(len(strangers))] + "son"
		}
	}
	return qs
}

func BenchmarkMatch(b *testing.B) {
	r := rand.New(rand.NewPCG(1, 2))
	list := benchList(5000, r)
	d := NewDirectory(list, nicknames(b))
	qs := benchQueries(list, r)
	hits := 0
	measure(b, func(i int) {
		if _, ok := d.Match(qs[i%len(qs)]); ok {
			hits++
		}
	})
	b.ReportMetric(float64(hits)/float64(b.N), "hits/op")
}

// measure runs f b.N times and also reports the thread's CPU time per
// operation, which a busy machine does not inflate.
func measure(b *testing.B, f func(i int)) {
	lockThread()
	defer unlockThread()
	b.ReportAllocs()
	b.ResetTimer()
	c0, ok := threadCPU()
	for i := 0; i < b.N; i++ {
		f(i)
	}
	if c1, _ := threadCPU(); ok {
		b.ReportMetric(float64(c1-c0)/float64(b.N), "cpu-ns/op")
	}
}

func BenchmarkNewDirectory(b *testing.B) {
	list := benchList(5000, rand.New(rand.NewPCG(1, 2)))
	nick := nicknames(b)
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		NewDirectory(list, nick)
	}
}

func BenchmarkLoadNicknames(b *testing.B) {
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		if _, err := names.LoadNicknames(rules.FS); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkMatchCommonSurname is the worst case we know of: a clinic where
// most patients share a handful of surnames and given names, as in a
// Vietnamese community practice.
func BenchmarkMatchCommonSurname(b *testing.B) {
	b.Run("raw", benchCommonSurname)      // 5,000 rows, many the same name
	b.Run("imported", benchCommonSurname) // the same after Import's de-duplication
}

func benchCommonSurname(b *testing.B) {
	r := rand.New(rand.NewPCG(3, 4))
	surnames := strings.Fields("Nguyễn Trần Lê Phạm Hoàng")
	middles := strings.Fields("Văn Thị Đức Minh Hữu Ngọc Thanh Quang")
	given := strings.Fields(`An Anh Bảo Bình Châu Chi Dũng Duy Giang Hà Hải Hạnh Hiếu Hoa Hùng Hương
		Khánh Lan Linh Long Mai Nam Nga Ngân Phúc Phương Quân Quỳnh Sơn Tâm Thảo Thu Trang Tuấn Vy`)
	list := make([]Entry, 5000)
	for i := range list {
		list[i] = Entry{Last: surnames[r.IntN(3)*r.IntN(2)], First: given[r.IntN(len(given))], Middle: middles[r.IntN(len(middles))]}
	}
	if b.Name() == "BenchmarkMatchCommonSurname/imported" {
		// Import drops repeated names, leaving 3 × 36 × 8 at most.
		list = slices.CompactFunc(slices.SortedFunc(slices.Values(list), func(a, b Entry) int {
			return strings.Compare(a.Last+a.First+a.Middle, b.Last+b.First+b.Middle)
		}), func(a, b Entry) bool { return a == b })
	}
	d := NewDirectory(list, nicknames(b))
	qs := []string{"An Nguyen", "Nguyễn Văn An", "Linh Tran", "Mai Le", "John Nguyen", "Thu Pham"}
	measure(b, func(i int) { d.Match(qs[i%len(qs)]) })
}

// TestMatchAtScale checks a 5,000-entry list: every entry finds itself,
// written either way round, and strangers who share only a surname with the
// list, or only a first name, find nobody.
func TestMatchAtScale(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	list := benchList(5000, r)
	d := NewDirectory(list, nicknames(t))
	for i, e := range list {
		if i%7 != 0 {
			continue
		}
		for _, s := range []string{e.First + " " + e.Last, e.Last + ", " + e.First} {
			if m, ok := d.Match(s); !ok || m.Score != 1 || (m.Entry.First != e.First || m.Entry.Last != e.Last) {
				t.Errorf("Match(%q) = %q %v %.3f, want an entry named %s %s with score 1", s, m.Entry.Display, ok, m.Score, e.First, e.Last)
			}
		}
	}
	strangers := strings.Fields(`Liam Noah Elijah Mason Logan Ethan Aiden Mia Harper Evelyn Scarlett
		Chloe Zoey Riley Layla Brooklyn Aurora Penelope Hazel Violet Stella Maverick Kai Jaxon Everly`)
	surnames := map[string]bool{}
	givens := map[string]bool{}
	for _, e := range list {
		surnames[e.Last] = true
		givens[e.First] = true
	}
	fp := 0
	for s := range surnames {
		for _, g := range strangers {
			if m, ok := d.Match(g + " " + s); ok {
				fp++
				t.Errorf("stranger %q matched %q (%q)", g+" "+s, m.Entry.Display, m.Reasons)
			}
		}
	}
	for g := range givens {
		if m, ok := d.Match(g + " Zyxwvut"); ok {
			t.Errorf("stranger %q matched %q", g+" Zyxwvut", m.Entry.Display)
		}
	}
}
