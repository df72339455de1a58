package patients

import (
	"slices"
	"strings"
	"testing"
)

func TestEncodeDecodeRoundTrip(t *testing.T) {
	tests := [][]Entry{
		nil,
		{},
		{{Last: "Smith", First: "Jane", Display: "Smith, Jane"}},
		{
			{Last: "García-López", First: "José", Middle: "María", Display: "García-López, José María"},
			{Last: `O"Brien \ <b>`, First: "Seán\n\t", Display: "\u2028\u2029&<>"},
			{Last: "王", First: "伟", Display: "👩🏽‍⚕️"},
			{Last: "Jones", First: "Bob", Middle: "", Display: ""},
		},
	}
	for _, es := range tests {
		data := EncodeEntries(es)
		got, err := DecodeEntries(data)
		if err != nil {
			t.Errorf("DecodeEntries(EncodeEntries(%q)) error %v (%s)", es, err, data)
			continue
		}
		if !slices.Equal(got, es) && !(len(got) == 0 && len(es) == 0) {
			t.Errorf("DecodeEntries(EncodeEntries(%q)) = %q", es, got)
		}
	}
	got := string(EncodeEntries([]Entry{{Last: "Smith", First: "Jane", Display: "Smith, Jane"}}))
	want := `{"version":1,"entries":[{"last":"Smith","first":"Jane","display":"Smith, Jane"}]}`
	if got != want {
		t.Errorf("EncodeEntries = %s, want %s", got, want)
	}
	// Invalid UTF-8 in an entry is stored as U+FFFD rather than corrupting the JSON.
	if es, err := DecodeEntries(EncodeEntries([]Entry{{Last: "Sm\xffith", First: "J"}})); err != nil || es[0].Last != "Sm\uFFFDith" {
		t.Errorf("invalid UTF-8 round trip = %q, %v", es, err)
	}
}

func TestDecodeEntriesErrors(t *testing.T) {
	tests := []struct{ in, want string }{
		{``, "not valid JSON"},
		{`{`, "not valid JSON"},
		{`{"version":1,"entries":[]`, "not valid JSON"},
		{`{"version":1,"entries":[]}x`, "not valid JSON"},
		{"\xff\xfe", "not valid JSON"},
		{`[]`, "not a JSON object"},
		{`"text"`, "not a JSON object"},
		{`null`, "not a JSON object"},
		{`{}`, "unknown version"},
		{`{"version":"1","entries":[]}`, "unknown version"},
		{`{"version":2,"entries":[]}`, "unknown version"},
		{`{"version":1.0,"entries":[]}`, "unknown version"},
		{`{"version":1}`, "no entries"},
		{`{"version":1,"entries":{}}`, "no entries"},
		{`{"version":1,"entries":"x"}`, "no entries"},
		{`{"version":1,"entries":[1]}`, "entry 1 is not an object"},
		{`{"version":1,"entries":[{"last":"a","first":"b"},[]]}`, "entry 2 is not an object"},
		{`{"version":1,"entries":[{"last":1,"first":"b"}]}`, "last that is not text"},
		{`{"version":1,"entries":[{"last":"a","first":true}]}`, "first that is not text"},
		{`{"version":1,"entries":[{"last":"a","first":"b","middle":{}}]}`, "middle that is not text"},
		{`{"version":1,"entries":[{"last":"a","first":null}]}`, "null first"},
		{`{"version":1,"entries":[{"display":"x"}]}`, "no name"},
	}
	for _, tt := range tests {
		es, err := DecodeEntries([]byte(tt.in))
		if err == nil || !strings.Contains(err.Error(), tt.want) || es != nil {
			t.Errorf("DecodeEntries(%q) = %q, %v; want nil and an error containing %q", tt.in, es, err, tt.want)
		}
	}
	// Unknown fields are ignored, so a later version can add some.
	es, err := DecodeEntries([]byte(`{"version":1,"saved":"2025-01-01","entries":[{"last":"a","first":"b","dob":"x"}]}`))
	if err != nil || len(es) != 1 || es[0].Last != "a" {
		t.Errorf("DecodeEntries with extra fields = %q, %v", es, err)
	}
}
