package pack

import (
	"os"
	"strings"
	"testing"

	"github.com/tidwall/gjson"
)

func TestValidateRiverside(t *testing.T) {
	b, err := os.ReadFile("../testdata/riverside.json")
	if err != nil {
		t.Fatal(err)
	}
	p, probs := Validate(b)
	if p == nil {
		t.Fatalf("problems: %v", probs)
	}
	if p.ID != "riverside-surgery" || p.Profile == nil || p.Profile.Hours == nil || !p.Autoresponder || p.MinVersion != "0.1.0" {
		t.Errorf("pack %+v", p)
	}
	rep := gjson.ParseBytes(Report(p, nil))
	if !rep.Get("ok").Bool() || rep.Get("locked.#").Int() != 2 {
		t.Errorf("report %s", rep.Raw)
	}
	lib, err := p.Library()
	if err != nil {
		t.Fatal(err)
	}
	if tp := lib.Template("riverside.after_hours.en"); tp == nil || !tp.Locked {
		t.Error("the pack's template is missing or not locked")
	}
	off := strings.Replace(string(b), `"min_version"`, `"autoresponder": false, "min_version"`, 1)
	if p, probs := Validate([]byte(off)); p == nil || p.Autoresponder {
		t.Errorf("autoresponder false: %v %v", p, probs)
	}
}

func TestValidateReportsEveryProblem(t *testing.T) {
	p, probs := Validate([]byte(`{"id":"x","kind":"clinic.policy","since":"0.1.0","severity":"info","message":"m","explanation":"e","profile":{"country":"XX"},"locked":[1],"templates":{},"autoresponder":"yes"}`))
	if p != nil {
		t.Fatal("accepted a broken pack")
	}
	got := strings.Join(probs, "\n")
	for _, want := range []string{"profile.profession: required", "profile.country: no jurisdiction", "locked: must be a list", "templates: must be a list", "autoresponder: must be true or false"} {
		if !strings.Contains(got, want) {
			t.Errorf("problems %q lack %q", got, want)
		}
	}
	rep := gjson.ParseBytes(Report(nil, probs))
	if rep.Get("ok").Bool() || rep.Get("problems.#").Int() != int64(len(probs)) {
		t.Errorf("report %s", rep.Raw)
	}
	if p, probs := Validate(make([]byte, MaxSize+1)); p != nil || !strings.Contains(probs[0], "larger than") {
		t.Errorf("oversize: %v", probs)
	}
}
