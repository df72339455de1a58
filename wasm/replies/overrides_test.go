package replies

import (
	"errors"
	"reflect"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/boundaryhq/boundary/rules"
)

func TestOverrideReplacesAndResets(t *testing.T) {
	lib := loadLib(t)
	p := sampleProfiles(t)["physician-gb"]
	o, err := lib.NewOverride("after_hours.all.en", "We're closed. Ring {phone} tomorrow, or {out_of_hours} tonight.")
	if err != nil {
		t.Fatal(err)
	}
	if o.BasedOnVersion != 1 || o.Situation != "after_hours" || o.Lang != "en" {
		t.Errorf("NewOverride = %+v", o)
	}
	stored := EncodeOverrides([]Override{o})
	mine, err := ApplyOverrides(lib, stored)
	if err != nil {
		t.Fatal(err)
	}
	ss := mine.Suggest("after_hours", p, "en")
	if ss[0].TemplateID != "after_hours.all.en" || ss[0].Source != User || !strings.HasPrefix(ss[0].Text, "We're closed. Ring 020 7946 0321 tomorrow") {
		t.Errorf("first suggestion = %+v, want the user's copy", ss[0])
	}
	if ss[0].Override == nil || ss[0].Override.Outdated {
		t.Errorf("Override = %+v, want a current copy", ss[0].Override)
	}
	// The built-in library is untouched, and stays reachable for a diff.
	if lib.Template("after_hours.all.en").Source != Builtin || mine.Builtin("after_hours.all.en").Source != Builtin {
		t.Error("ApplyOverrides changed the built-in library")
	}
	// Reset is deleting the override.
	reset, err := ApplyOverrides(lib, EncodeOverrides(nil))
	if err != nil {
		t.Fatal(err)
	}
	if got := reset.Suggest("after_hours", p, "en")[0]; got.Source != Builtin {
		t.Errorf("after reset the first suggestion is %s from %s", got.TemplateID, got.Source)
	}
}

// TestOverrideSurvivesUpgrade: an override made against version 1 still
// applies when the pack ships version 2, and says that it is outdated; one
// whose built-in was removed keeps working on its own.
func TestOverrideSurvivesUpgrade(t *testing.T) {
	lib := loadLib(t)
	p := sampleProfiles(t)["physician-gb"]
	stored := []byte(`{"overrides": [
		{"template": "after_hours.all.en", "based_on_version": 1, "situation": "after_hours", "lang": "en", "text": "Closed now; call {phone}."},
		{"template": "after_hours.retired.en", "based_on_version": 3, "situation": "after_hours", "lang": "en", "professions": ["physician"], "text": "Old favourite: {clinic_name}."}
	]}`)
	upgraded := withBuiltinVersion(t, lib, "after_hours.all.en", 2)
	mine, err := ApplyOverrides(upgraded, stored)
	if err != nil {
		t.Fatal(err)
	}
	got := mine.Template("after_hours.all.en").Override
	want := &OverrideInfo{BasedOn: "after_hours.all.en", BasedOnVersion: 1, BuiltinVersion: 2, Outdated: true}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Override = %+v, want %+v", got, want)
	}
	orphan := mine.Template("after_hours.retired.en")
	if orphan == nil || orphan.Override.BuiltinVersion != 0 || !orphan.For("physician") || orphan.For("nurse") {
		t.Fatalf("orphaned override = %+v", orphan)
	}
	ids := suggestedIDs(mine.Suggest("after_hours", p, "en"))
	if !hasString(ids, "after_hours.retired.en") || !hasString(ids, "after_hours.all.en") {
		t.Errorf("Suggest = %v, want both user templates", ids)
	}
}

// withBuiltinVersion returns a library whose built-in template id has the
// given version, as a newer release of the pack would.
func withBuiltinVersion(t *testing.T, lib *Library, id string, v int) *Library {
	t.Helper()
	n := lib.clone()
	n.builtin = map[string]*Template{}
	for k, b := range lib.builtin {
		n.builtin[k] = b
	}
	c := *lib.builtin[id]
	c.Version = v
	n.builtin[id], n.templates[id] = &c, &c
	return n
}

func TestOverrideAdditionsAndProblems(t *testing.T) {
	lib := loadLib(t)
	p := sampleProfiles(t)["nurse-ie"]
	stored := []byte(`{"overrides": [
		{"template": "user.after_hours.short", "situation": "after_hours", "lang": "en", "professions": ["nurse"], "text": "Back tomorrow. {sign_off}"},
		{"template": "my.own", "situation": "after_hours", "lang": "en", "text": "x"},
		{"template": "user.bad", "situation": "after_hours", "lang": "en", "text": "Hi {nickname}"},
		{"template": "user.nowhere", "situation": "small_talk", "lang": "en", "text": "x"},
		{"template": "user.after_hours.short", "situation": "after_hours", "lang": "en", "text": "again"},
		{"template": "complaint.all.en", "based_on_version": 1, "text": ""}
	]}`)
	mine, err := ApplyOverrides(lib, stored)
	var errs OverrideErrors
	if !errors.As(err, &errs) {
		t.Fatalf("ApplyOverrides error = %v, want OverrideErrors", err)
	}
	var bad []string
	for _, e := range errs {
		bad = append(bad, e.Template)
	}
	if want := []string{"my.own", "user.bad", "user.nowhere", "user.after_hours.short", "complaint.all.en"}; !reflect.DeepEqual(bad, want) {
		t.Errorf("rejected %v, want %v\n%v", bad, want, err)
	}
	// The good override still applies, and the user's own comes first.
	ss := mine.Suggest("after_hours", p, "en")
	if len(ss) == 0 || ss[0].TemplateID != "user.after_hours.short" || ss[0].Text != "Back tomorrow. Siobhán Murphy, Practice Nurse" {
		t.Errorf("Suggest = %v", suggestedIDs(ss))
	}
	if mine.Template("complaint.all.en").Source != Builtin {
		t.Error("an empty override replaced the built-in")
	}
	if _, err := ApplyOverrides(lib, []byte("{not json")); err == nil {
		t.Error("malformed overrides accepted")
	}
}

func TestOverridesRoundTrip(t *testing.T) {
	in := []Override{
		{Template: "after_hours.all.en", BasedOnVersion: 2, Situation: "after_hours", Lang: "en", Text: "A \"quoted\" <b>line</b>\nand {phone}"},
		{Template: "user.x", Situation: "complaint", Lang: "de", Professions: []string{"nurse", "dentist"}, Text: "Grüße"},
	}
	out, err := ParseOverrides(EncodeOverrides(in))
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(out, in) {
		t.Errorf("round trip:\n got %+v\nwant %+v", out, in)
	}
}

func TestPolicyLocks(t *testing.T) {
	lib := loadLib(t)
	p := sampleProfiles(t)["physician-gb"]
	policy := []byte(`{
		"lock": ["complaint.all.en"],
		"templates": [{
			"id": "policy.after_hours.en", "kind": "reply.template", "since": "0.1.0", "severity": "info",
			"message": "The clinic's own after-hours reply.", "explanation": "Agreed by the partners.",
			"situation": "after_hours", "lang": "en", "version": 1,
			"text": "{clinic_name} is closed. Out of hours: {out_of_hours}.",
			"examples": {"positive": [{}], "negative": [{}]}
		}]
	}`)
	pol, err := ApplyPolicy(lib, policy)
	if err != nil {
		t.Fatal(err)
	}
	if !pol.Template("complaint.all.en").Locked || lib.Template("complaint.all.en").Locked {
		t.Error("lock not applied, or applied to the built-in library")
	}
	if _, err := pol.NewOverride("complaint.all.en", "x"); err == nil {
		t.Error("NewOverride accepted a locked template")
	}
	mine, err := ApplyOverrides(pol, []byte(`{"overrides": [
		{"template": "complaint.all.en", "based_on_version": 1, "situation": "complaint", "lang": "en", "text": "mine"},
		{"template": "policy.after_hours.en", "based_on_version": 1, "situation": "after_hours", "lang": "en", "text": "mine"}
	]}`))
	var errs OverrideErrors
	if !errors.As(err, &errs) || len(errs) != 2 {
		t.Fatalf("overriding locked templates: %v", err)
	}
	if got := mine.Template("complaint.all.en"); got.Source != Builtin || !got.Locked {
		t.Errorf("locked template replaced: %+v", got)
	}
	ids := suggestedIDs(mine.Suggest("after_hours", p, "en"))
	if !hasString(ids, "policy.after_hours.en") {
		t.Errorf("policy template not offered: %v", ids)
	}
	if _, err := ApplyPolicy(lib, []byte(`{"lock": ["no.such"], "templates": [{"id": "x"}]}`)); err == nil {
		t.Error("bad policy accepted")
	}
}

// TestLoadRejectsBadTemplates checks Load's own validation with a small
// pack: unknown situation, profession and placeholder, and missing
// guidance.
func TestLoadRejectsBadTemplates(t *testing.T) {
	guidance, _ := rules.FS.ReadFile("guidance/gmc-social-media.json")
	sit, _ := rules.FS.ReadFile("replies/_situations.json")
	head := `"kind": "reply.template", "since": "0.1.0", "severity": "info", "message": "m", "explanation": "e", "examples": {"positive": [{}], "negative": [{}]}, "version": 1, "lang": "en"`
	fsys := fstest.MapFS{
		"guidance/gmc-social-media.json": {Data: guidance},
		"replies/_situations.json":       {Data: sit},
		"replies/a.json":                 {Data: []byte(`{"id": "a", ` + head + `, "situation": "small_talk", "text": "x"}`)},
		"replies/b.json":                 {Data: []byte(`{"id": "b", ` + head + `, "situation": "complaint", "professions": ["surgeon"], "text": "x"}`)},
		"replies/c.json":                 {Data: []byte(`{"id": "c", ` + head + `, "situation": "complaint", "text": "Hi {nickname}"}`)},
		"replies/d.json":                 {Data: []byte(`{"id": "d", ` + head + `, "situation": "complaint", "guidance": ["nope"], "text": "x"}`)},
		"replies/e.json":                 {Data: []byte(`{"id": "e", ` + head + `, "situation": "complaint", "needs_one_of": ["fax"], "text": "x"}`)},
		"replies/ok.json":                {Data: []byte(`{"id": "ok", ` + head + `, "situation": "complaint", "guidance": ["gmc-social-media"], "text": "x"}`)},
	}
	_, err := Load(fsys)
	if err == nil {
		t.Fatal("Load accepted a bad pack")
	}
	for _, want := range []string{"a.json: situation \"small_talk\"", "b.json: unknown profession \"surgeon\"", "c.json: text: unknown variable {nickname}", "d.json: guidance \"nope\"", "e.json: needs_one_of"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("Load error does not mention %q:\n%v", want, err)
		}
	}
	if strings.Contains(err.Error(), "ok.json") {
		t.Errorf("Load complained about a good template:\n%v", err)
	}
}

func TestEncodeSuggestions(t *testing.T) {
	lib := loadLib(t)
	p := sampleProfiles(t)["physician-gb"]
	o, _ := lib.NewOverride("emergency.all.en", "Call {emergency_number} now.")
	mine, _ := ApplyOverrides(lib, EncodeOverrides([]Override{o}))
	got := string(EncodeSuggestions(mine.Suggest("emergency", p, "en")))
	want := `[{"template":"emergency.all.en","situation":"emergency","lang":"en","text":"Call 999 now.","guidance":[],"defaulted":["emergency_number"],"version":1,"source":"user","locked":false,"override":{"based_on":"emergency.all.en","based_on_version":1,"builtin_version":1,"outdated":false}}]`
	if got != want {
		t.Errorf("EncodeSuggestions =\n%s\nwant\n%s", got, want)
	}
}
