package patients

import (
	"strconv"
	"strings"
	"unicode"

	"github.com/boundaryhq/boundary/wasm/names"
	"github.com/boundaryhq/boundary/wasm/why"
)

// Mapping says which columns of a Table hold the name. Column numbers count
// from 0; -1 means absent.
type Mapping struct {
	First, Last, Middle, Name int
	// NameOrder says how to read the Name column when a cell has no comma
	// ("Smith, Jane" is always surname first): "auto" (same as
	// "first_last"), "first_last" ("Jane Smith") or "last_first"
	// ("Smith Jane").
	NameOrder string
}

// Skip is a row that Import left out.
type Skip struct {
	Row    int        // the line of the file where the row starts (see Table.Lines)
	Reason string     // for the person importing, in plain language (English)
	Why    why.Reason // Reason as a key and arguments, for the extension
}

// Name orders for Mapping.NameOrder.
const (
	OrderAuto      = "auto"
	OrderFirstLast = "first_last"
	OrderLastFirst = "last_first"
)

// GuessMapping recognises name columns by their headers, in English,
// German, French, Spanish, Italian and Dutch: First name / Forename / Given
// name / Vorname / Prénom, Last name / Surname / Family name / Nachname /
// Nom, Middle name / MI, and a whole name in Name / Full name / Patient /
// Client / Owner. Headers about doctors, contacts, addresses, dates, IDs
// and the like are never chosen.
//
// Veterinary exports: when some header names the owner or client (Owner,
// Client, Besitzer, Tierhalter, Kunde) or an animal (Pet, Species, Breed,
// Tierart), the owner's columns are used and the patient's — the animal's —
// never are.
//
// A "Name" column beside a first-name column and no surname column is the
// surname, as in German "Name; Vorname" exports. A table with one column
// and no recognised header uses it as the name.
func GuessMapping(t *Table) Mapping {
	m := Mapping{First: -1, Last: -1, Middle: -1, Name: -1, NameOrder: OrderAuto}
	if t == nil {
		return m
	}
	hs := make([]header, len(t.Header))
	owners := false // a veterinary export: the animal is the patient
	for i, h := range t.Header {
		hs[i] = classifyHeader(h)
		owners = owners || hs[i].party == partyOwner
		for _, w := range strings.Fields(names.Fold(h)) {
			owners = owners || headerAnimal[w]
		}
	}
	rank := [4]int{99, 99, 99, 99} // best rank so far for First, Last, Middle, Name
	cols := [4]*int{&m.First, &m.Last, &m.Middle, &m.Name}
	for i, h := range hs {
		if h.kind == colNone || owners && h.party == partyPatient {
			continue
		}
		if owners && h.kind == colName && h.party != partyOwner {
			continue // a plain "Name" in a vet export is likely the animal's
		}
		r := h.rank
		if owners && h.party != partyOwner {
			r += 10 // prefer "Owner First Name" to "First Name"
		}
		if r < rank[h.kind-1] {
			rank[h.kind-1] = r
			*cols[h.kind-1] = i
		}
	}
	if m.First >= 0 && m.Last < 0 && m.Name >= 0 && hs[m.Name].bare {
		m.Last, m.Name = m.Name, -1
	}
	if m.First < 0 && m.Last < 0 && m.Name < 0 && len(t.Header) == 1 {
		m.Name = 0
	}
	return m
}

type colKind uint8

const (
	colNone colKind = iota
	colFirst
	colLast
	colMiddle
	colName
)

type partyKind uint8

const (
	partyNone partyKind = iota
	partyOwner
	partyPatient
)

type header struct {
	kind  colKind
	party partyKind
	rank  int  // lower is better
	bare  bool // just "Name", which may mean the surname
}

var (
	// headerNever are header words that rule a column out.
	headerNever = wordSet(`email mail phone telephone tel fax mobile cell
		handy address street strasse city town zip postcode plz ort country
		birth birthday dob born geburtsdatum geburtstag date datum doctor dr
		physician provider therapist clinician practitioner vet veterinarian
		referring referrer referral arzt hausarzt tierarzt zahnarzt behandler
		emergency notfall contact kontakt guarantor insurance insurer
		versicherung kasse krankenkasse employer arbeitgeber spouse partner
		parent guardian mother father mutter vater user username login file
		filename company firma practice praxis clinic klinik id nr no number
		nummer code account konto species breed rasse tierart sex gender
		geschlecht age alter status note notes bemerkung bemerkungen title
		titel anrede salutation prefix suffix maiden geburtsname
		staff mitarbeiter assistant assistent nurse`)
	headerOwner   = wordSet(`owner owners client clients customer customers kunde kunden besitzer halter tierhalter eigentumer`)
	headerPatient = wordSet(`patient patients patienten pet pets animal animals tier tiere`)
	headerAnimal  = wordSet(`pet pets animal animals tier tiere species breed rasse tierart`)
)

func wordSet(s string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(s) {
		m[w] = true
	}
	return m
}

// classifyHeader reads one header cell: "Patient First Name",
// "owner_last_name", "OwnerLastName", "Vorname", "Nom de famille".
func classifyHeader(h string) header {
	// Split camel case before folding: "OwnerLastName" → "Owner Last Name".
	var b strings.Builder
	prev := rune(0)
	for _, r := range h {
		if unicode.IsUpper(r) && unicode.IsLower(prev) {
			b.WriteByte(' ')
		}
		b.WriteRune(r)
		prev = r
	}
	words := strings.Fields(names.Fold(b.String()))
	var hd header
	for _, w := range words {
		switch {
		case headerNever[w]:
			return header{}
		case headerOwner[w]:
			hd.party = partyOwner
		case headerPatient[w]:
			hd.party = partyPatient
		}
	}
	joined := strings.Join(words, "")
	// Words that only say whose name it is.
	for _, w := range words {
		if hd.party != partyNone && (headerOwner[w] || headerPatient[w]) {
			joined = strings.Replace(joined, w, "", 1)
		}
	}
	switch joined {
	case "firstname", "forename", "forenames", "givenname", "givennames", "fname",
		"first", "given", "vorname", "vornamen", "prenom", "voornaam", "nombre",
		"nombres", "christianname":
		hd.kind, hd.rank = colFirst, 0
	case "rufname", "preferredname", "preferredfirstname", "knownas":
		hd.kind, hd.rank = colFirst, 3
	case "lastname", "surname", "familyname", "lname", "last", "nachname",
		"familienname", "zuname", "nomdefamille", "apellido", "apellidos",
		"achternaam", "cognome", "sobrenome", "surnames":
		hd.kind, hd.rank = colLast, 0
	case "nom":
		hd.kind, hd.rank, hd.bare = colLast, 1, hd.party == partyNone
	case "middlename", "middlenames", "middle", "middleinitial", "mi",
		"zweitervorname", "weiterevornamen", "secondname", "secondforename":
		hd.kind, hd.rank = colMiddle, 0
	case "name", "naam":
		hd.kind, hd.rank, hd.bare = colName, 1, hd.party == partyNone
	case "fullname", "displayname", "patientenname", "nombrecompleto",
		"vollstandigername", "nomcomplet", "volledigenaam", "completename":
		hd.kind, hd.rank = colName, 0
	case "":
		if hd.party != partyNone { // just "Patient", "Owner", "Client"
			hd.kind, hd.rank = colName, 1
		}
	}
	if hd.kind == colNone {
		return header{}
	}
	return hd
}

// Validate reports why m cannot import t, in words for the user.
func (m Mapping) Validate(t *Table) error {
	if t == nil || len(t.Header) == 0 {
		return why.Err("msg_csv_no_columns")
	}
	n := len(t.Header)
	seen := map[int]string{}
	// kind is the column's part of the key, so that the catalogues word
	// each column, and each of the six pairs, as a whole sentence.
	for _, c := range [...]struct {
		col  int
		kind string
	}{{m.First, "first"}, {m.Last, "last"}, {m.Middle, "middle"}, {m.Name, "name"}} {
		if c.col < -1 || c.col >= n {
			return why.Err("msg_csv_col_missing_"+c.kind, strconv.Itoa(c.col+1), strconv.Itoa(n))
		}
		if c.col < 0 {
			continue
		}
		if other, dup := seen[c.col]; dup {
			return why.Err("msg_csv_col_twice_"+other+"_"+c.kind, quote(t.Header[c.col]))
		}
		seen[c.col] = c.kind
	}
	switch m.NameOrder {
	case "", OrderAuto, OrderFirstLast, OrderLastFirst:
	default:
		return why.Err("msg_csv_order", strconv.Quote(m.NameOrder))
	}
	switch {
	case m.First >= 0 && m.Last >= 0, m.Name >= 0:
		return nil
	case m.First >= 0:
		return why.Err("msg_csv_need_last")
	case m.Last >= 0:
		return why.Err("msg_csv_need_first")
	}
	return why.Err("msg_csv_need_name")
}

// maxNameChars bounds a name cell; longer cells are not names.
const maxNameChars = 200

// Import turns rows into entries. It skips, with a reason, rows whose cell
// count differs from the header's, rows without a name, a Name cell with
// only one word ("Jane"), names with no letters, overlong cells and repeats
// of a name already imported. If m does not Validate, every row is skipped
// with that reason under Row 0.
//
// With First and Last columns chosen, a row where both are blank falls back
// to the Name column if there is one.
func Import(t *Table, m Mapping) (entries []Entry, skipped []Skip) {
	if err := m.Validate(t); err != nil {
		return nil, []Skip{{Row: 0, Reason: err.Error(), Why: why.Of(err)}}
	}
	order := names.OrderFirstLast
	if m.NameOrder == OrderLastFirst {
		order = names.OrderLastFirst
	}
	seen := map[string]int{}
	n := len(t.Header)
	for i, row := range t.Rows {
		line := t.line(i)
		skip := func(key string, args ...string) {
			r := why.New(key, args...)
			skipped = append(skipped, Skip{Row: line, Reason: r.String(), Why: r})
		}
		if len(row) != n && !extraCellsEmpty(row, n) {
			if len(row) == 1 {
				skip("msg_csv_skip_cell", strconv.Itoa(n))
			} else {
				skip("msg_csv_skip_cells", strconv.Itoa(len(row)), strconv.Itoa(n))
			}
			continue
		}
		cell := func(c int) string {
			if c < 0 || c >= len(row) {
				return ""
			}
			return collapse(row[c])
		}
		var e Entry
		first, last, middle, full := cell(m.First), cell(m.Last), cell(m.Middle), cell(m.Name)
		tooLong := false
		for _, s := range [...]string{first, last, middle, full} {
			tooLong = tooLong || len([]rune(s)) > maxNameChars
		}
		if tooLong {
			skip("msg_csv_skip_long", strconv.Itoa(maxNameChars))
			continue
		}
		useParts := m.First >= 0 && m.Last >= 0 && (first != "" || last != "" || full == "")
		if useParts {
			switch {
			case first == "" && last == "":
				skip("msg_csv_skip_empty")
				continue
			case !hasLetter(last) && !hasLetter(first):
				skip("msg_csv_skip_no_letters")
				continue
			case !hasLetter(last):
				skip("msg_csv_skip_no_last", quote(first))
				continue
			case !hasLetter(first):
				skip("msg_csv_skip_no_first", quote(last))
				continue
			}
			e = Entry{Last: last, First: first, Middle: middle, Display: DisplayName(last, first, middle)}
		} else {
			if full == "" {
				skip("msg_csv_skip_empty")
				continue
			}
			p := names.ParseOrder(full, order)
			switch {
			case len(p.Tokens) == 0:
				skip("msg_csv_skip_name_no_letters", quote(full))
				continue
			case len(p.Surname()) == 0 || len(p.Given()) == 0:
				skip("msg_csv_skip_one_name", quote(full))
				continue
			}
			e = Entry{Last: p.Last(), First: p.First(), Middle: p.Middle(), Display: full}
			if middle != "" && e.Middle == "" {
				e.Middle = middle
			}
		}
		key := names.Fold(e.Last) + "|" + names.Fold(e.First) + "|" + names.Fold(e.Middle)
		if prev, dup := seen[key]; dup {
			skip("msg_csv_skip_repeat", strconv.Itoa(prev))
			continue
		}
		seen[key] = line
		entries = append(entries, e)
	}
	return entries, skipped
}

func hasLetter(s string) bool {
	for _, r := range s {
		if unicode.IsLetter(r) {
			return true
		}
	}
	return false
}

func extraCellsEmpty(row []string, n int) bool {
	if len(row) < n {
		return false
	}
	for _, c := range row[n:] {
		if strings.TrimSpace(c) != "" {
			return false
		}
	}
	return true
}
