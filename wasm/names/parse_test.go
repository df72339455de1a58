package names

import (
	"strings"
	"testing"
)

func TestParse(t *testing.T) {
	tests := []struct {
		in                  string
		first, middle, last string
		comma               bool
	}{
		{"Jennifer Smith", "Jennifer", "", "Smith", false},
		{"Jennifer Anne Smith", "Jennifer", "Anne", "Smith", false},
		{"Jennifer A. Smith", "Jennifer", "A.", "Smith", false},
		{"J. Smith", "J.", "", "Smith", false},
		{"J Smith", "J.", "", "Smith", false},
		{"J.R.R. Tolkien", "J.", "R. R.", "Tolkien", false},
		{"Smith, Jane", "Jane", "", "Smith", true},
		{"Smith, Jane Anne", "Jane", "Anne", "Smith", true},
		{"García-López, José", "José", "", "García-López", true},
		{"José García-López", "José", "", "García-López", false},
		{"Jane Smith-Jones", "Jane", "", "Smith-Jones", false},
		{"Jean-Luc Picard", "Jean-Luc", "", "Picard", false},
		{"Pieter van der Berg", "Pieter", "", "van der Berg", false},
		{"Van der Berg, Pieter", "Pieter", "", "Van der Berg", true},
		{"Maria de la Cruz", "Maria", "", "de la Cruz", false},
		{"José García y López", "José", "", "García y López", false},
		{"Ludwig van Beethoven", "Ludwig", "", "van Beethoven", false},
		{"Van Morrison", "Van", "", "Morrison", false}, // a first name, not a particle
		{"Anh Do", "Anh", "", "Do", false},             // a surname, not a credential
		{"Yo-Yo Ma", "Yo-Yo", "", "Ma", false},
		{"Nguyễn Văn An", "Nguyễn", "Văn", "An", false}, // Văn is a name, not "van"
		{"O'Brien, Seán", "Seán", "", "O'Brien", true},
		// titles and suffixes
		{"Dr. Bob Jones 🏥", "Bob", "", "Jones", false},
		{"Dr Bob Jones", "Bob", "", "Jones", false},
		{"Mr. John Smith Jr.", "John", "", "Smith", false},
		{"Mrs Jane Smith", "Jane", "", "Smith", false},
		{"Ms. Jane Smith", "Jane", "", "Smith", false},
		{"Prof. Dr. med. Hans Müller", "Hans", "", "Müller", false},
		{"Herr Hans Müller", "Hans", "", "Müller", false},
		{"Frau Dr. Anna Schmidt", "Anna", "", "Schmidt", false},
		{"Müller, Dr. Hans", "Hans", "", "Müller", true},
		{"John Smith III", "John", "", "Smith", false},
		{"John Smith Sr.", "John", "", "Smith", false},
		{"Jane Smith, RN", "Jane", "", "Smith", false},
		{"Jane Smith, RN, BSN", "Jane", "", "Smith", false},
		{"John Smith, MD, PhD", "John", "", "Smith", false},
		{"John Smith MD PhD", "John", "", "Smith", false},
		{"John Smith, DO", "John", "", "Smith", false},
		{"John Smith DDS", "John", "", "Smith", false},
		{"Smith Jr., John", "John", "", "Smith", true},
		// nicknames and other names in brackets or quotes
		{`Robert "Bob" Smith`, "Robert (Bob)", "", "Smith", false},
		{"Robert ‘Bob’ Smith", "Robert (Bob)", "", "Smith", false},
		{"Jennifer (Jenny) Smith", "Jennifer (Jenny)", "", "Smith", false},
		{"Jennifer Smith (Jones)", "Jennifer", "", "Smith (Jones)", false},
		{`"Jenny Smith"`, "Jenny", "", "Smith", false}, // the whole name quoted
		{"Jenny (Smith", "Jenny", "", "Smith", false},  // a stray bracket
		// decoration
		{"✨ Jenny Smith ✨", "Jenny", "", "Smith", false},
		{"𝐉𝐞𝐧𝐧𝐲 𝐒𝐦𝐢𝐭𝐡", "Jenny", "", "Smith", false},
		{"Mary <b>Jones</b>", "Mary", "", "Jones", false},
		{"Jenny Smith 1985", "Jenny", "", "Smith", false},
		// degenerate
		{"Jenny", "Jenny", "", "", false},
		{"", "", "", "", false},
		{"🏥🏥", "", "", "", false},
		{"<img src=x onerror=alert(1)>", "", "", "", false},
		{",,,", "", "", "", false},
		{"Dr.", "Dr", "", "", false}, // nothing else to keep
	}
	for _, tt := range tests {
		n := Parse(tt.in)
		if n.First() != tt.first || n.Middle() != tt.middle || n.Last() != tt.last || n.Comma != tt.comma {
			t.Errorf("Parse(%q) = first %q middle %q last %q comma %v; want %q %q %q %v",
				tt.in, n.First(), n.Middle(), n.Last(), n.Comma, tt.first, tt.middle, tt.last, tt.comma)
		}
	}
}

func TestParseOrderLastFirst(t *testing.T) {
	tests := []struct{ in, first, middle, last string }{
		{"Smith Jane", "Jane", "", "Smith"},
		{"Smith Jane Anne", "Jane", "Anne", "Smith"},
		{"van der Berg Pieter", "Pieter", "", "van der Berg"},
		{"García-López José", "José", "", "García-López"},
		{"Smith, Jane", "Jane", "", "Smith"}, // the comma decides
		{"Smith", "Smith", "", ""},
	}
	for _, tt := range tests {
		n := ParseOrder(tt.in, OrderLastFirst)
		if n.First() != tt.first || n.Middle() != tt.middle || n.Last() != tt.last {
			t.Errorf("ParseOrder(%q, OrderLastFirst) = %q %q %q; want %q %q %q",
				tt.in, n.First(), n.Middle(), n.Last(), tt.first, tt.middle, tt.last)
		}
	}
}

func TestParseParts(t *testing.T) {
	tests := []struct {
		first, middle, last string
		wantFirst, wantLast string
		roles               string
	}{
		{"Jane", "", "Smith", "Jane", "Smith", "first surname"},
		{"Mary Ann", "Louise", "Smith", "Mary Ann", "Smith", "first first middle surname"},
		{"Jennifer (Jenny)", "", "Smith", "Jennifer (Jenny)", "Smith", "first nickname surname"},
		{"Jean-Luc", "", "Picard", "Jean-Luc", "Picard", "first first surname"},
		{"Dr. Jane", "", "Smith Jr.", "Jane", "Smith", "first surname"},
		{"Pieter", "", "van der Berg", "Pieter", "van der Berg", "first surname surname surname"},
		{"Jane", "", "Smith, Jr.", "Jane", "Smith", "first surname"},
		{"Jane", "", "Smith (Jones)", "Jane", "Smith (Jones)", "first surname surname"},
	}
	for _, tt := range tests {
		n := ParseParts(tt.first, tt.middle, tt.last)
		var roles []string
		for _, tok := range n.Tokens {
			roles = append(roles, tok.Role.String())
		}
		if n.First() != tt.wantFirst || n.Last() != tt.wantLast || strings.Join(roles, " ") != tt.roles {
			t.Errorf("ParseParts(%q, %q, %q) = %q / %q roles %q; want %q / %q roles %q",
				tt.first, tt.middle, tt.last, n.First(), n.Last(), strings.Join(roles, " "),
				tt.wantFirst, tt.wantLast, tt.roles)
		}
	}
}

func TestParseTokens(t *testing.T) {
	n := Parse("Dr. J. Robert (Bob) van der Berg-Smith")
	type want struct {
		key      string
		role     Role
		initial  bool
		alias    bool
		particle bool
		group    int
	}
	wants := []want{
		{"j", RoleFirst, true, false, false, 0},
		{"robert", RoleMiddle, false, false, false, 1},
		{"bob", RoleNickname, false, true, false, 2},
		{"van", RoleSurname, false, false, true, 3},
		{"der", RoleSurname, false, false, true, 4},
		{"berg", RoleSurname, false, false, false, 5},
		{"smith", RoleSurname, false, false, false, 5},
	}
	if len(n.Tokens) != len(wants) {
		t.Fatalf("got %d tokens %+v, want %d", len(n.Tokens), n.Tokens, len(wants))
	}
	for i, w := range wants {
		g := n.Tokens[i]
		if g.Key != w.key || g.Role != w.role || g.Initial != w.initial || g.Alias != w.alias ||
			g.Particle != w.particle || g.Group != w.group || g.Pos != i {
			t.Errorf("token %d = %+v, want %+v at Pos %d", i, g, w, i)
		}
	}
	// A surname of particles only keeps them as the surname.
	if n := Parse("Thi Le"); len(n.Surname()) != 1 || n.Surname()[0].Particle {
		t.Errorf("Parse(Thi Le) surname %+v, want one word that is not a particle", n.Surname())
	}
}

func TestParseLongInput(t *testing.T) {
	n := Parse(strings.Repeat("Jenny ", 2000) + "Smith")
	if len(n.Tokens) == 0 || len(n.Tokens) > MaxInputBytes/2 {
		t.Errorf("got %d tokens from a 12,000-byte name", len(n.Tokens))
	}
}
