package patients

import (
	"bytes"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"testing"
	"unicode/utf16"

	"github.com/boundaryhq/boundary/wasm/why"
)

func utf16LE(s string, bom bool) []byte {
	var b []byte
	if bom {
		b = append(b, 0xFF, 0xFE)
	}
	for _, u := range utf16.Encode([]rune(s)) {
		b = append(b, byte(u), byte(u>>8))
	}
	return b
}

func utf16BE(s string) []byte {
	b := []byte{0xFE, 0xFF}
	for _, u := range utf16.Encode([]rune(s)) {
		b = append(b, byte(u>>8), byte(u))
	}
	return b
}

func TestReadTable(t *testing.T) {
	tests := []struct {
		name     string
		in       []byte
		sep      byte
		bom      bool
		encoding string
		header   []string
		rows     [][]string
		lines    []int
		warn     bool
	}{
		{
			name: "comma, LF",
			in:   []byte("First Name,Last Name,DOB\nJane,Smith,1980-01-01\nBob,Jones,1970-02-03\n"),
			sep:  ',', encoding: "UTF-8",
			header: []string{"First Name", "Last Name", "DOB"},
			rows:   [][]string{{"Jane", "Smith", "1980-01-01"}, {"Bob", "Jones", "1970-02-03"}},
			lines:  []int{2, 3},
		},
		{
			name: "CRLF and trailing empty lines",
			in:   []byte("First,Last\r\nJane,Smith\r\nBob,Jones\r\n\r\n\r\n"),
			sep:  ',', encoding: "UTF-8",
			header: []string{"First", "Last"},
			rows:   [][]string{{"Jane", "Smith"}, {"Bob", "Jones"}},
			lines:  []int{2, 3},
		},
		{
			name: "old Mac CR only, no final line break",
			in:   []byte("First,Last\rJane,Smith\rBob,Jones"),
			sep:  ',', encoding: "UTF-8",
			header: []string{"First", "Last"},
			rows:   [][]string{{"Jane", "Smith"}, {"Bob", "Jones"}},
			lines:  []int{2, 3},
		},
		{
			name: "semicolon with BOM, German export",
			in:   []byte("\xEF\xBB\xBFName;Vorname;Geburtsdatum\r\nMüller;Hans;01.01.1970\r\nSchmidt;\"Anna; Maria\";02.02.1980\r\n"),
			sep:  ';', bom: true, encoding: "UTF-8",
			header: []string{"Name", "Vorname", "Geburtsdatum"},
			rows:   [][]string{{"Müller", "Hans", "01.01.1970"}, {"Schmidt", "Anna; Maria", "02.02.1980"}},
			lines:  []int{2, 3},
		},
		{
			name: "tab",
			in:   []byte("Patient\tSpecies\tOwner First\tOwner Last\nRex\tDog\tJane\tSmith\n"),
			sep:  '\t', encoding: "UTF-8",
			header: []string{"Patient", "Species", "Owner First", "Owner Last"},
			rows:   [][]string{{"Rex", "Dog", "Jane", "Smith"}},
			lines:  []int{2},
		},
		{
			name: "pipe",
			in:   []byte("first|last\nJane|Smith\n"),
			sep:  '|', encoding: "UTF-8",
			header: []string{"first", "last"},
			rows:   [][]string{{"Jane", "Smith"}},
			lines:  []int{2},
		},
		{
			name: "quotes: separators, doubled quotes, line breaks, blanks around",
			in:   []byte("Name,Notes\n\"Smith, Jane\",\"line one\nline two \"\"quoted\"\"\"\n  \"Jones, Bob\"  ,plain \"inner\" quotes\n"),
			sep:  ',', encoding: "UTF-8",
			header: []string{"Name", "Notes"},
			rows:   [][]string{{"Smith, Jane", "line one\nline two \"quoted\""}, {"Jones, Bob", "plain \"inner\" quotes"}},
			lines:  []int{2, 4},
		},
		{
			name: "text after a closing quote is kept",
			in:   []byte("Name,X\n\"Smith\" Jr,1\n"),
			sep:  ',', encoding: "UTF-8",
			header: []string{"Name", "X"},
			rows:   [][]string{{"Smith Jr", "1"}},
			lines:  []int{2},
		},
		{
			name: "Excel's sep= line",
			in:   []byte("sep=;\nFull Name;Notes, with a comma\nJane Smith;x, y\n"),
			sep:  ';', encoding: "UTF-8",
			header: []string{"Full Name", "Notes, with a comma"},
			rows:   [][]string{{"Jane Smith", "x, y"}},
			lines:  []int{3},
		},
		{
			name: "one column of names with commas is not split",
			in:   []byte("Patient\n\"Smith, Jane\"\nSmith, John\nJane Doe\n"),
			sep:  0, encoding: "UTF-8",
			header: []string{"Patient"},
			rows:   [][]string{{"Smith, Jane"}, {"Smith, John"}, {"Jane Doe"}},
			lines:  []int{2, 3, 4},
		},
		{
			name: "blank lines and rows of empty cells are skipped",
			in:   []byte("\n\nFirst,Last\n,\nJane,Smith\n\n  ,  \nBob,Jones\n"),
			sep:  ',', encoding: "UTF-8",
			header: []string{"First", "Last"},
			rows:   [][]string{{"Jane", "Smith"}, {"Bob", "Jones"}},
			lines:  []int{5, 8},
		},
		{
			name: "ragged rows are kept for Import to judge",
			in:   []byte("First,Last\nJane,Smith\nBob\nAl,Jones,extra\n"),
			sep:  ',', encoding: "UTF-8",
			header: []string{"First", "Last"},
			rows:   [][]string{{"Jane", "Smith"}, {"Bob"}, {"Al", "Jones", "extra"}},
			lines:  []int{2, 3, 4},
		},
		{
			name: "Windows-1252",
			in:   []byte("Name,Vorname\nM\xfcller,J\xfcrgen\nO\x92Brien,Se\xe1n\n"),
			sep:  ',', encoding: "Windows-1252", warn: true,
			header: []string{"Name", "Vorname"},
			rows:   [][]string{{"Müller", "Jürgen"}, {"O’Brien", "Seán"}},
			lines:  []int{2, 3},
		},
		{
			name: "UTF-16LE with BOM, as Excel's Unicode Text",
			in:   utf16LE("First\tLast\r\nJosé\tGarcía\r\n", true),
			sep:  '\t', bom: true, encoding: "UTF-16LE",
			header: []string{"First", "Last"},
			rows:   [][]string{{"José", "García"}},
			lines:  []int{2},
		},
		{
			name: "UTF-16LE without BOM",
			in:   utf16LE("First,Last\nJane,Smith\n", false),
			sep:  ',', encoding: "UTF-16LE", warn: true,
			header: []string{"First", "Last"},
			rows:   [][]string{{"Jane", "Smith"}},
			lines:  []int{2},
		},
		{
			name: "DOS end-of-file mark",
			in:   []byte("First,Last\r\nJane,Smith\r\n\x1a"),
			sep:  ',', encoding: "UTF-8",
			header: []string{"First", "Last"},
			rows:   [][]string{{"Jane", "Smith"}},
			lines:  []int{2},
		},
		{
			name: "UTF-16BE with BOM",
			in:   utf16BE("First,Last\nJosé,García\n"),
			sep:  ',', bom: true, encoding: "UTF-16BE",
			header: []string{"First", "Last"},
			rows:   [][]string{{"José", "García"}},
			lines:  []int{2},
		},
		{
			name: "header only",
			in:   []byte("First,Last\n"),
			sep:  ',', encoding: "UTF-8",
			header: []string{"First", "Last"},
		},
	}
	for _, tt := range tests {
		got, err := ReadTable(tt.in)
		if err != nil {
			t.Errorf("%s: ReadTable error %v", tt.name, err)
			continue
		}
		if got.Separator != tt.sep || got.HadBOM != tt.bom || got.Encoding != tt.encoding ||
			!slices.Equal(got.Header, tt.header) || !equalRows(got.Rows, tt.rows) ||
			!slices.Equal(got.Lines, tt.lines) || (len(got.Warnings) > 0) != tt.warn {
			t.Errorf("%s: ReadTable =\n  sep %q bom %v enc %s header %q rows %q lines %v warnings %q\nwant\n  sep %q bom %v enc %s header %q rows %q lines %v warning %v",
				tt.name, got.Separator, got.HadBOM, got.Encoding, got.Header, got.Rows, got.Lines, got.Warnings,
				tt.sep, tt.bom, tt.encoding, tt.header, tt.rows, tt.lines, tt.warn)
		}
	}
}

func equalRows(a, b [][]string) bool {
	return slices.EqualFunc(a, b, func(x, y []string) bool { return slices.Equal(x, y) })
}

func TestReadTableErrors(t *testing.T) {
	tests := []struct {
		name string
		in   []byte
		want string // a substring of the error
	}{
		{"empty", nil, "empty"},
		{"white space", []byte(" \r\n\t\n"), "empty"},
		{"only separators", []byte(",,,\n;;\n"), "empty"},
		{"only a BOM", []byte("\xEF\xBB\xBF"), "empty"},
		{"binary", []byte("\x00\x01\x02\x03\x04binary\x00"), "not a text file"},
		{"control characters", bytes.Repeat([]byte("ab\x01\x02"), 50), "not a text file"},
		{"xlsx", []byte("PK\x03\x04\x14\x00\x06\x00"), "Excel workbook (.xlsx)"},
		{"xls", []byte("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1\x00\x00"), "old Excel workbook (.xls)"},
		{"pdf", []byte("%PDF-1.7\n"), "PDF"},
		{"rtf", []byte("{\\rtf1\\ansi"), "Rich Text"},
		{"unclosed quote", []byte("First,Last\n\"Jane,Smith\nBob,Jones\n"), "line 2: a quoted field is never closed"},
		{"one column of junk", []byte("x\n12345\n67890\n!!!!\n"), "single column that does not look like a list of names"},
		{"one column of long text", []byte("Notes\n" + strings.Repeat(strings.Repeat("lorem ipsum ", 20)+"\n", 5)), "single column"},
		{"too large", make([]byte, MaxFileBytes+1), "larger than 20 MB"},
		{"too many columns", []byte(strings.Repeat("a,", MaxColumns+1) + "\n"), "columns"},
	}
	for _, tt := range tests {
		_, err := ReadTable(tt.in)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: ReadTable error %v, want one containing %q", tt.name, err, tt.want)
		}
	}
	if _, err := ReadTable(nil); !errors.Is(err, ErrEmpty) {
		t.Errorf("ReadTable(nil) error %v, want ErrEmpty", err)
	}
}

func TestReadTableRowLimit(t *testing.T) {
	var b strings.Builder
	b.WriteString("First,Last\n")
	for i := 0; i < MaxRows; i++ {
		b.WriteString("Jane,Smith" + strconv.Itoa(i) + "\n")
	}
	tb, err := ReadTable([]byte(b.String()))
	if err != nil || len(tb.Rows) != MaxRows {
		t.Fatalf("ReadTable(%d rows) = %v; want them all", MaxRows, err)
	}
	b.WriteString("Bob,Jones\n")
	if _, err := ReadTable([]byte(b.String())); err == nil || !strings.Contains(err.Error(), "more than 100,000 rows") {
		t.Errorf("ReadTable(%d rows) error %v, want too many rows", MaxRows+1, err)
	}
}

func TestGuessMapping(t *testing.T) {
	tests := []struct {
		header                    string
		first, last, middle, name int
	}{
		{"First Name,Last Name,DOB", 0, 1, -1, -1},
		{"first_name,middle_name,last_name", 0, 2, 1, -1},
		{"FirstName,MiddleInitial,LastName", 0, 2, 1, -1},
		{"PatientID,PatientFirstName,PatientLastName", 1, 2, -1, -1},
		{"Forename,Surname", 0, 1, -1, -1},
		{"Given name,Family name,MI", 0, 1, 2, -1},
		{"Vorname,Nachname,Geburtsdatum", 0, 1, -1, -1},
		{"Name,Vorname,Geburtsdatum", 1, 0, -1, -1}, // German: Name is the surname
		{"Nom,Prénom", 1, 0, -1, -1},
		{"Nombre,Apellidos", 0, 1, -1, -1},
		{"Voornaam,Achternaam", 0, 1, -1, -1},
		{"Patient,DOB,Phone", -1, -1, -1, 0},
		{"Patient Name,Doctor,Email", -1, -1, -1, 0},
		{"Full name,Address", -1, -1, -1, 0},
		{"Client", -1, -1, -1, 0},
		{"Name", -1, -1, -1, 0},
		{"Whatever", -1, -1, -1, 0}, // one column: it is the name
		// veterinary exports: the owner is the client, the patient is an animal
		{"Patient,Species,Owner First,Owner Last", 2, 3, -1, -1},
		{"Pet Name,Client Name,Phone", -1, -1, -1, 1},
		{"Patient Name,Breed,Owner", -1, -1, -1, 2},
		{"Tiername,Tierart,Besitzer", -1, -1, -1, 2},
		{"Patient,Species", -1, -1, -1, -1},
		{"Name,Species,Client Last Name,Client First Name", 3, 2, -1, -1},
		// never a name column
		{"Referring Physician,Emergency Contact Name,Email", -1, -1, -1, -1},
		{"Doctor First Name,Doctor Last Name", -1, -1, -1, -1},
		{"ID,Date,Amount", -1, -1, -1, -1},
		{"Middle,Last", -1, 1, 0, -1},
	}
	for _, tt := range tests {
		got := GuessMapping(&Table{Header: strings.Split(tt.header, ",")})
		want := Mapping{First: tt.first, Last: tt.last, Middle: tt.middle, Name: tt.name, NameOrder: OrderAuto}
		if got != want {
			t.Errorf("GuessMapping(%q) = %+v, want %+v", tt.header, got, want)
		}
	}
	if got := GuessMapping(nil); got.First != -1 || got.Name != -1 {
		t.Errorf("GuessMapping(nil) = %+v, want nothing", got)
	}
}

func TestValidate(t *testing.T) {
	tb := &Table{Header: []string{"First", "Last", "Middle", "Name"}}
	tests := []struct {
		m    Mapping
		want string // "" for valid
	}{
		{Mapping{First: 0, Last: 1, Middle: 2, Name: -1}, ""},
		{Mapping{First: -1, Last: -1, Middle: -1, Name: 3, NameOrder: OrderLastFirst}, ""},
		{Mapping{First: 0, Last: 1, Middle: -1, Name: 3}, ""},
		{Mapping{First: 0, Last: -1, Middle: -1, Name: -1}, "choose the surname column too"},
		{Mapping{First: -1, Last: 1, Middle: -1, Name: -1}, "choose the first-name column too"},
		{Mapping{First: -1, Last: -1, Middle: 2, Name: -1}, "choose the column or columns"},
		{Mapping{First: -1, Last: -1, Middle: -1, Name: -1}, "choose the column or columns"},
		{Mapping{First: 0, Last: 0, Middle: -1, Name: -1}, "both the first-name and the surname column"},
		{Mapping{First: 4, Last: 1, Middle: -1, Name: -1}, "not in the file"},
		{Mapping{First: -2, Last: 1, Middle: -1, Name: -1}, "not in the file"},
		{Mapping{First: -1, Last: -1, Middle: -1, Name: 3, NameOrder: "backwards"}, "unknown name order"},
	}
	for _, tt := range tests {
		err := tt.m.Validate(tb)
		if tt.want == "" && err != nil || tt.want != "" && (err == nil || !strings.Contains(err.Error(), tt.want)) {
			t.Errorf("%+v.Validate = %v, want %q", tt.m, err, tt.want)
		}
	}
	if err := (Mapping{Name: 0}).Validate(nil); err == nil {
		t.Error("Validate(nil) = nil, want an error")
	}
}

func TestImport(t *testing.T) {
	tb, err := ReadTable([]byte(`First Name,Middle,Last Name,DOB
Jane,,Smith,1980
Bob,Q,Jones,1970
 Jennifer  (Jenny) , ,  White ,1990
,,,1991
Madonna,,,1958
,,Cher,1946
"Smith, Jane",,,1
Jane,,Smith,1980
JANE,,SMITH,1981
Al,,Brown,1960,extra
Ann,,Lee
Zoë,,O'Brien,2000,,
12,,34,1
Jane,,` + strings.Repeat("x", 201) + `,1
`))
	if err != nil {
		t.Fatal(err)
	}
	m := GuessMapping(tb)
	entries, skipped := Import(tb, m)
	wantEntries := []Entry{
		{Last: "Smith", First: "Jane", Display: "Smith, Jane"},
		{Last: "Jones", First: "Bob", Middle: "Q", Display: "Jones, Bob Q"},
		{Last: "White", First: "Jennifer (Jenny)", Display: "White, Jennifer (Jenny)"},
		{Last: "O'Brien", First: "Zoë", Display: "O'Brien, Zoë"},
	}
	wantSkipped := []rowReason{
		{5, "the name is empty"},
		{6, "no surname for 'Madonna'"},
		{7, "no first name for 'Cher'"},
		{8, "no surname for 'Smith, Jane'"},
		{9, "same name as line 2"},
		{10, "same name as line 2"},
		{11, "has 5 cells but the header has 4"},
		{12, "has 3 cells but the header has 4"},
		{14, "the name has no letters"},
		{15, "a name cell is longer than 200 characters"},
	}
	if !slices.Equal(entries, wantEntries) {
		t.Errorf("Import entries =\n%q\nwant\n%q", entries, wantEntries)
	}
	if !slices.Equal(rowReasons(skipped), wantSkipped) {
		t.Errorf("Import skipped =\n%v\nwant\n%v", skipped, wantSkipped)
	}
}

func TestImportNameColumn(t *testing.T) {
	tb, err := ReadTable([]byte(`Patient;Notes
Smith, Jane Anne;
Jane Smith;dup of line 2? no: no middle
García-López, José;
Pieter van der Berg;
Dr. Bob Jones Jr.;
Jennifer Smith (Jones);
Madonna;
🏥;
;
O'Brien, Seán;
`))
	if err != nil {
		t.Fatal(err)
	}
	m := GuessMapping(tb)
	entries, skipped := Import(tb, m)
	want := []Entry{
		{Last: "Smith", First: "Jane", Middle: "Anne", Display: "Smith, Jane Anne"},
		{Last: "Smith", First: "Jane", Display: "Jane Smith"},
		{Last: "García-López", First: "José", Display: "García-López, José"},
		{Last: "van der Berg", First: "Pieter", Display: "Pieter van der Berg"},
		{Last: "Jones", First: "Bob", Display: "Dr. Bob Jones Jr."},
		{Last: "Smith (Jones)", First: "Jennifer", Display: "Jennifer Smith (Jones)"},
		{Last: "O'Brien", First: "Seán", Display: "O'Brien, Seán"},
	}
	wantSkipped := []rowReason{
		{8, "only one name in 'Madonna'; a surname and a first name are needed"},
		{9, "the name '🏥' has no letters"},
	}
	if !slices.Equal(entries, want) {
		t.Errorf("Import entries =\n%q\nwant\n%q", entries, want)
	}
	if !slices.Equal(rowReasons(skipped), wantSkipped) {
		t.Errorf("Import skipped = %v, want %v", skipped, wantSkipped)
	}

	// Surname first without a comma, when the user says so.
	tb = &Table{Header: []string{"Name"}, Rows: [][]string{{"Smith Jane"}, {"van der Berg Pieter"}}}
	entries, _ = Import(tb, Mapping{First: -1, Last: -1, Middle: -1, Name: 0, NameOrder: OrderLastFirst})
	if len(entries) != 2 || entries[0].Last != "Smith" || entries[0].First != "Jane" || entries[1].Last != "van der Berg" {
		t.Errorf("Import last_first = %q", entries)
	}
	// A hand-built table without Lines reports row i on line i+2.
	tb = &Table{Header: []string{"Name"}, Rows: [][]string{{"Madonna"}}}
	if _, skipped := Import(tb, Mapping{First: -1, Last: -1, Middle: -1, Name: 0}); len(skipped) != 1 || skipped[0].Row != 2 {
		t.Errorf("Import skipped %v, want row 2", skipped)
	}
	// An invalid mapping skips everything with the reason.
	if e, s := Import(tb, Mapping{First: 0, Last: -1, Middle: -1, Name: -1}); e != nil || len(s) != 1 || s[0].Row != 0 {
		t.Errorf("Import with an invalid mapping = %v %v", e, s)
	}
	// Name fallback when First and Last are blank in a row.
	tb = &Table{Header: []string{"First", "Last", "Name"}, Rows: [][]string{{"", "", "Jane Smith"}, {"Bob", "Jones", "ignored"}}}
	entries, _ = Import(tb, Mapping{First: 0, Last: 1, Middle: -1, Name: 2})
	if len(entries) != 2 || entries[0].Last != "Smith" || entries[1].First != "Bob" {
		t.Errorf("Import with a Name fallback = %q", entries)
	}
}

// TestImportThenMatch runs the whole path a clinician takes.
func TestImportThenMatch(t *testing.T) {
	tb, err := ReadTable([]byte("\xEF\xBB\xBFNachname;Vorname\r\nMüller;Jürgen\r\nGarcía-López;José\r\n"))
	if err != nil {
		t.Fatal(err)
	}
	entries, skipped := Import(tb, GuessMapping(tb))
	if len(skipped) != 0 {
		t.Fatalf("skipped %v", skipped)
	}
	stored, err := DecodeEntries(EncodeEntries(entries))
	if err != nil {
		t.Fatal(err)
	}
	d := NewDirectory(stored, nicknames(t))
	for display, want := range map[string]string{"Juergen Mueller": "Müller, Jürgen", "Pepe Garcia": "García-López, José"} {
		if m, ok := d.Match(display); !ok || m.Entry.Display != want {
			t.Errorf("Match(%q) = %q %v, want %q", display, m.Entry.Display, ok, want)
		}
	}
}

func BenchmarkReadTableImport(b *testing.B) {
	var sb strings.Builder
	sb.WriteString("Patient ID;Nachname;Vorname;Geburtsdatum;Telefon\r\n")
	list := benchList(20000, nil)
	for i, e := range list {
		sb.WriteString(strconv.Itoa(i) + ";" + e.Last + ";\"" + e.First + "\";01.01.1970;+49 30 1234567\r\n")
	}
	data := []byte(sb.String())
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		tb, err := ReadTable(data)
		if err != nil {
			b.Fatal(err)
		}
		Import(tb, GuessMapping(tb))
	}
}

// rowReason is a Skip without its key, which TestSkipKeys checks.
type rowReason struct {
	Row    int
	Reason string
}

func rowReasons(ss []Skip) []rowReason {
	out := make([]rowReason, len(ss))
	for i, s := range ss {
		out[i] = rowReason{s.Row, s.Reason}
	}
	return out
}

// TestSkipKeys: each skipped row's reason is also a key with arguments
// whose English is the Reason.
func TestSkipKeys(t *testing.T) {
	tb, err := ReadTable([]byte("First,Last,DOB\nMadonna,,1\nJane,Smith\n<b>Jane</b>,Smith,1\nJANE,SMITH,2\nA,B,1,9\n"))
	if err != nil {
		t.Fatal(err)
	}
	_, skipped := Import(tb, GuessMapping(tb))
	want := []struct {
		key  string
		args []string
	}{
		{"msg_csv_skip_no_last", []string{"'Madonna'"}},
		{"msg_csv_skip_cells", []string{"2", "3"}},
		{"msg_csv_skip_repeat", []string{"4"}},
		{"msg_csv_skip_cells", []string{"4", "3"}},
	}
	if len(skipped) != len(want) {
		t.Fatalf("skipped %v, want %d rows", skipped, len(want))
	}
	for i, s := range skipped {
		if s.Why.Key != want[i].key || !slices.Equal(s.Why.Args, want[i].args) || s.Why.String() != s.Reason {
			t.Errorf("row %d: got %q %q (%q), want %q %q", s.Row, s.Why.Key, s.Why.Args, s.Reason, want[i].key, want[i].args)
		}
	}
	// A mapping that cannot work skips everything with its reason.
	_, skipped = Import(tb, Mapping{First: 0, Last: -1, Middle: -1, Name: -1})
	if len(skipped) != 1 || skipped[0].Why.Key != "msg_csv_need_last" || skipped[0].Reason != "choose the surname column too: a first name alone cannot tell patients apart from strangers" {
		t.Errorf("bad mapping: %+v", skipped)
	}
}

// TestErrorKeys: every error ReadTable and Validate give is a why.Error
// whose English is unchanged.
func TestErrorKeys(t *testing.T) {
	for _, tc := range []struct {
		in, key string
		args    []string
		msg     string
	}{
		{"", "msg_csv_empty", nil, "the file is empty"},
		{"PK\x03\x04rest", "msg_csv_xlsx", nil, `this is a ZIP file, probably an Excel workbook (.xlsx); open it in Excel and save it as "CSV UTF-8"`},
		{"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", "msg_csv_xls", nil, `this is an old Excel workbook (.xls); open it in Excel and save it as "CSV UTF-8"`},
		{"%PDF-1.4", "msg_csv_pdf", nil, "this is a PDF; export the patient list as CSV instead"},
		{"{\\rtf1", "msg_csv_rtf", nil, "this is a Rich Text document; export the patient list as CSV instead"},
		{"Name\nJane Smith\x00\x00\x00\x00\x00\x00\x00\n", "msg_csv_binary", nil, "this is not a text file; export the patient list as CSV"},
		{"First,Last\n\"<b>Jane,Smith\n", "msg_csv_open_quote", []string{"2"}, "line 2: a quoted field is never closed"},
		{"Notes\n12345\n67890\n", "msg_csv_one_column", nil, "the file has a single column that does not look like a list of names; export the patient list as CSV with one row per patient"},
	} {
		_, err := ReadTable([]byte(tc.in))
		checkKeyed(t, fmt.Sprintf("ReadTable(%q)", tc.in), err, tc.key, tc.args, tc.msg)
	}
	tb := &Table{Header: []string{"Vorname", "<i>Nachname</i>"}, Rows: [][]string{{"Jane", "Smith"}}}
	for _, tc := range []struct {
		m    Mapping
		key  string
		args []string
		msg  string
	}{
		{Mapping{First: 0, Last: 5, Middle: -1, Name: -1}, "msg_csv_col_missing_last", []string{"6", "2"}, "the surname column 6 is not in the file, which has 2 columns"},
		{Mapping{First: 1, Last: 1, Middle: -1, Name: -1}, "msg_csv_col_twice_first_last", []string{"'<i>Nachname</i>'"}, "column '<i>Nachname</i>' is chosen as both the first-name and the surname column"},
		{Mapping{First: 0, Last: 1, Middle: -1, Name: 1}, "msg_csv_col_twice_last_name", []string{"'<i>Nachname</i>'"}, "column '<i>Nachname</i>' is chosen as both the surname and the name column"},
		{Mapping{First: 0, Last: 1, Middle: -1, Name: -1, NameOrder: "odd"}, "msg_csv_order", []string{`"odd"`}, `unknown name order "odd"`},
		{Mapping{First: -1, Last: 1, Middle: -1, Name: -1}, "msg_csv_need_first", nil, "choose the first-name column too: a surname alone cannot tell patients apart from strangers"},
		{Mapping{First: -1, Last: -1, Middle: 0, Name: -1}, "msg_csv_need_name", nil, "choose the column or columns that hold the patients' names"},
	} {
		checkKeyed(t, fmt.Sprintf("Validate(%+v)", tc.m), tc.m.Validate(tb), tc.key, tc.args, tc.msg)
	}
}

// checkKeyed holds an error to its key, arguments and English message.
func checkKeyed(t *testing.T, what string, err error, key string, args []string, msg string) {
	t.Helper()
	if err == nil {
		t.Errorf("%s: no error", what)
		return
	}
	r := why.Of(err)
	if r.Key != key || !slices.Equal(r.Args, args) || err.Error() != msg {
		t.Errorf("%s: got %q %q %q, want %q %q %q", what, r.Key, r.Args, err.Error(), key, args, msg)
	}
}
