package rulepack

import (
	"strings"
	"testing"
	"testing/fstest"
)

func TestParseReportsEveryProblem(t *testing.T) {
	_, ps := Parse("rules/x/bad.json", []byte(`{"id":"Bad Id","kind":"nope","since":"1","severity":"huge","message":"","examples":{}}`))
	got := ps.Error()
	for _, want := range []string{"must be lower-case", "unknown kind", "severity must be", "since must be", "message must be", "explanation", "examples must hold"} {
		if !strings.Contains(got, want) {
			t.Errorf("problems %q lack %q", got, want)
		}
	}
}

func TestLoadRejectsDuplicatesAndMissingGuidance(t *testing.T) {
	rule := `{"id":"a","kind":"draft.check","since":"0.1.0","severity":"low","message":"m","explanation":"e","guidance":["nope"],"examples":{"positive":["x"],"negative":["y"]}}`
	fsys := fstest.MapFS{
		"p/one/a.json":  {Data: []byte(rule)},
		"p/two/a.json":  {Data: []byte(rule)},
		"p/_notes.json": {Data: []byte(`not a rule`)},
		"p/broken.json": {Data: []byte(`{"id":`)},
	}
	_, err := Load(fsys, "p")
	if err == nil {
		t.Fatal("a broken pack loaded without error")
	}
	for _, want := range []string{"also used by", "is not a guidance rule", "broken.json: not valid JSON"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q lacks %q", err, want)
		}
	}
}

// FuzzParse: no input makes the loader panic, and whatever it accepts has
// the header fields it promises.
func FuzzParse(f *testing.F) {
	f.Add([]byte(`{"id":"a","kind":"guidance","since":"0.1.0","severity":"info","message":"m","explanation":"e"}`))
	f.Add([]byte(`{"id":"a","kind":"draft.check","since":"0.1.0","severity":"low","message":"m","explanation":"e","examples":{"positive":[1],"negative":[2]}}`))
	f.Add([]byte(`[]`))
	f.Add([]byte(`{"examples":{"positive":"x"}}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		r, ps := Parse("", data)
		if r == nil && ps == nil {
			t.Fatal("neither a rule nor problems")
		}
		if r != nil && (r.ID == "" || r.Kind == "" || SeverityRank(r.Severity) < 0) {
			t.Fatalf("accepted a rule with an incomplete header: %+v", r)
		}
	})
}
