package testbed

import (
	"bytes"
	"embed"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"hash/fnv"
	"strconv"
)

//go:embed data/people.json data/patients.csv data/threads.json
var dataFS embed.FS

// Person is someone who sent the clinician a friend request.
type Person struct {
	ID     string `json:"id"`
	Name   string `json:"name"`   // exactly as the site shows it
	Vanity string `json:"vanity"` // profile user name, or ""
	// Patient is the "Surname, Forename" of the patients.csv row this
	// person is, or "" when they are not a patient (the ground truth).
	Patient     string `json:"patient"`
	Deactivated bool   `json:"deactivated,omitempty"`
}

// Patient is one row of the demo practice-system export.
type Patient struct {
	ID, Surname, Forename, Middle, DOB, Sex, Preferred, Address, Postcode, Phone string
}

// Key is the "Surname, Forename" form people.json refers to.
func (p Patient) Key() string { return p.Surname + ", " + p.Forename }

// People returns the request senders in the order the site lists them.
func People() []Person {
	b, err := dataFS.ReadFile("data/people.json")
	if err != nil {
		panic(err)
	}
	var ps []Person
	if err := json.Unmarshal(b, &ps); err != nil {
		panic(fmt.Errorf("testbed: people.json: %w", err))
	}
	return ps
}

// Patients parses patients.csv (UTF-8 with a byte-order mark).
func Patients() ([]Patient, error) {
	b, err := dataFS.ReadFile("data/patients.csv")
	if err != nil {
		return nil, err
	}
	b = bytes.TrimPrefix(b, []byte("\uFEFF"))
	rows, err := csv.NewReader(bytes.NewReader(b)).ReadAll()
	if err != nil {
		return nil, err
	}
	var out []Patient
	for _, r := range rows[1:] {
		if len(r) != 10 {
			return nil, fmt.Errorf("testbed: patients.csv: row has %d fields", len(r))
		}
		out = append(out, Patient{r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7], r[8], r[9]})
	}
	return out, nil
}

// PatientsCSV is the raw export, as a clinician would upload it.
func PatientsCSV() []byte {
	b, _ := dataFS.ReadFile("data/patients.csv")
	return b
}

// suggestions are "People you may know" cards. Hannah Lewis is a patient:
// a suggestion is not a request and must not be flagged as one.
var suggestions = []Person{
	{ID: "100071144552201", Name: "Hannah Lewis", Patient: "Lewis, Hannah"},
	{ID: "100071144552202", Name: "Marcus Reid", Vanity: "marcus.reid.31"},
	{ID: "100071144552203", Name: "Eleanor Price"},
	{ID: "100071144552204", Name: "Tobias Lindqvist"},
	{ID: "100071144552205", Name: "Grace O'Neill"},
	{ID: "100071144552206", Name: "Samir Haddad", Vanity: "samir.haddad"},
	{ID: "100071144552207", Name: "Freya Whitfield"},
	{ID: "100071144552208", Name: "Ines Baptista"},
}

// Filler names for big pages. None of these first/last combinations is a
// patient; the page script generates the same names for appendCards.
var fillerFirst = []string{"Aaron", "Bethany", "Callum", "Delia", "Edgar", "Fiona", "Gideon", "Harriet", "Ivo", "Jasmine", "Kieran", "Leona", "Magnus", "Nadia", "Orson", "Petra", "Quentin", "Rosalind", "Silas", "Tamsin", "Ulrich", "Verity", "Wendell", "Xanthe", "Yorick", "Zelda"}
var fillerLast = []string{"Ashdown", "Blakemore", "Carrow", "Dunmore", "Eversley", "Fairbairn", "Gatling", "Holloway", "Ingleby", "Jessop", "Kettering", "Lockwood", "Marchbank", "Northcott", "Ormerod", "Pengelly", "Quarrie", "Rowntree", "Stainton", "Trevelyan", "Upton", "Varley", "Wetherall"}

const fillerIDBase = 100090000000000

// filler is the i-th generated non-patient sender. The formula is repeated
// in comet.js (fillerPerson); keep them equal.
func filler(i int) Person {
	return Person{
		ID:   strconv.FormatInt(fillerIDBase+int64(i), 10),
		Name: fillerFirst[i%len(fillerFirst)] + " " + fillerLast[(i*7+3)%len(fillerLast)],
	}
}

// mutualCount is a stable pseudo-random number of mutual friends (0 means
// the card shows none). comet.js repeats it (fnv1a) for cards it invents.
func mutualCount(id string) int {
	h := fnv.New32a()
	h.Write([]byte(id))
	v := int(h.Sum32() % 40)
	if v < 8 {
		return 0
	}
	return v - 7
}

func idHash(id string) uint32 {
	h := fnv.New32a()
	h.Write([]byte("v"))
	h.Write([]byte(id))
	return h.Sum32()
}

// bigList is the request list for ?count=N: the real people spread evenly
// through generated filler.
func bigList(n int) []Person {
	real := People()
	if n <= len(real) {
		return real[:n]
	}
	out := make([]Person, 0, n)
	step := n / len(real)
	ri, fi := 0, 0
	for i := 0; i < n; i++ {
		if ri < len(real) && i%step == step/2 {
			out = append(out, real[ri])
			ri++
			continue
		}
		out = append(out, filler(fi))
		fi++
	}
	return out
}

// avatarID is whose picture a card shows. Filler people share eight
// pictures so that a page of 5000 cards does not make 5000 image requests.
func avatarID(id string) string {
	n, err := strconv.ParseInt(id, 10, 64)
	if err != nil || n < fillerIDBase || n >= fillerIDBase+1e9 {
		return id
	}
	return strconv.FormatInt(fillerIDBase+(n-fillerIDBase)%8, 10)
}
