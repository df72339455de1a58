package patients

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// FuzzReadTable: ReadTable never panics, and whatever table it returns,
// GuessMapping, Validate and Import do not panic either, and Import's
// entries have names.
func FuzzReadTable(f *testing.F) {
	for _, s := range []string{
		"First Name,Last Name\nJane,Smith\n",
		"\xEF\xBB\xBFName;Vorname\r\nMüller;Hans\r\n",
		"Patient\tSpecies\tOwner First\tOwner Last\nRex\tDog\tJane\tSmith\n",
		"Patient\n\"Smith, Jane\"\nSmith, John\n",
		"Name,Notes\n\"a\"\"b\",\"c\nd\"\n\"unterminated\n",
		"sep=|\na|b\n1|2\n",
		"\xFF\xFEF\x00i\x00r\x00s\x00t\x00\n\x00",
		"Name\nM\xfcller, Hans\n",
		",,,\n;;;\n",
		"a,b\n\"\n",
		"\r\r\n\n\"\"\"",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		tb, err := ReadTable(data)
		if err != nil {
			if tb != nil {
				t.Fatalf("ReadTable returned a table and an error %v", err)
			}
			return
		}
		if len(tb.Lines) != len(tb.Rows) {
			t.Fatalf("%d rows but %d lines", len(tb.Rows), len(tb.Lines))
		}
		for _, row := range tb.Rows {
			for _, c := range row {
				if !utf8.ValidString(c) {
					t.Fatalf("cell %q is not UTF-8", c)
				}
			}
		}
		m := GuessMapping(tb)
		_ = m.Validate(tb)
		tries := []Mapping{m, {First: -1, Last: -1, Middle: -1, Name: 0, NameOrder: OrderLastFirst}}
		if len(tb.Header) >= 3 {
			tries = append(tries, Mapping{First: 0, Last: 1, Middle: 2, Name: -1})
		}
		for _, m := range tries {
			entries, _ := Import(tb, m)
			for _, e := range entries {
				if e.Last == "" || e.First == "" || e.Display == "" {
					t.Fatalf("Import made an entry without a name: %+v", e)
				}
			}
			NewDirectory(entries, nil)
		}
	})
}

// FuzzMatch: Match never panics, scores stay in 0..1, ok agrees with the
// threshold, and an ok match names its entry in the first reason.
func FuzzMatch(f *testing.F) {
	for _, s := range []string{
		"Jenny Smith", "✨ Jenny Smith ✨", "𝐉𝐞𝐧𝐧𝐲 𝐒𝐦𝐢𝐭𝐡", "Dr. Bob Jones 🏥", "Mary <b>Jones</b>",
		"<img src=x onerror=alert(1)>", "Smith, Jennifer", "J. Smith", "Jean-Pierre Picard",
		"Pieter Vanderberg", "Maria de la Cruz", "Robert \"Bob\" Smith (Jones)", "(((", "-,-,-",
		"Smith Smith Smith", "a b c d e f g h i j k l m n o p", "\xff\xfe", strings.Repeat("Jenny ", 300),
	} {
		f.Add(s)
	}
	d := NewDirectory(fixture, nicknames(f))
	f.Fuzz(func(t *testing.T, s string) {
		m, ok := d.Match(s)
		if m.Score < 0 || m.Score > 1 {
			t.Fatalf("Match(%q) score %v", s, m.Score)
		}
		if ok != (m.Score >= Threshold) {
			t.Fatalf("Match(%q) ok %v with score %v", s, ok, m.Score)
		}
		if ok && (len(m.Reasons) == 0 || !strings.Contains(m.Reasons[0], m.Entry.Display)) {
			t.Fatalf("Match(%q) reasons %q do not name %q", s, m.Reasons, m.Entry.Display)
		}
		// A display name also works as a list entry.
		NewDirectory([]Entry{{First: s}, {Last: s, First: s}}, nicknames(t)).Match(s)
	})
}

// FuzzDecodeEntries: corrupt storage gives an error, never a panic, and
// whatever decodes encodes and decodes to the same entries.
func FuzzDecodeEntries(f *testing.F) {
	for _, s := range []string{
		`{"version":1,"entries":[{"last":"Smith","first":"Jane","display":"Smith, Jane"}]}`,
		`{"version":1,"entries":[]}`,
		`{"version":1,"entries":[{"last":"a\u0000\ud800","first":"\\"}]}`,
		`{"version":1,"entries":[{"last":"a"},{"first":null}]}`,
		`{"version":2}`, `[]`, `{`, ``, `{"version":1,"entries":[[[[[[]]]]]]}`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		es, err := DecodeEntries(data)
		if err != nil {
			if es != nil {
				t.Fatalf("DecodeEntries returned entries and an error %v", err)
			}
			return
		}
		again, err := DecodeEntries(EncodeEntries(es))
		if err != nil || len(again) != len(es) {
			t.Fatalf("round trip of %q: %v, %d entries, want %d", data, err, len(again), len(es))
		}
		for i := range es {
			if again[i] != es[i] && utf8.ValidString(es[i].Last+es[i].First+es[i].Middle+es[i].Display) {
				t.Fatalf("round trip of entry %d: %q, want %q", i, again[i], es[i])
			}
		}
	})
}
