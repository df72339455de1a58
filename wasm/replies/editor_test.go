package replies

import (
	"encoding/json"
	"os"
	"strings"
	"testing"
)

type editorTemplate struct {
	ID, Situation, Lang, Text, Source   string
	BuiltinText                         string `json:"builtin_text"`
	Professions                         []string
	Overridden, Added, Locked, Outdated bool
	KeptCopy                            bool `json:"kept_copy"`
	BasedOnVersion                      int  `json:"based_on_version"`
	BuiltinVersion                      int  `json:"builtin_version"`
}

type editorList struct {
	Situations  []struct{ ID string }
	OverridesOK bool `json:"overrides_ok"`
	Problems    []struct{ Template, Message string }
	Templates   []editorTemplate
}

func list(t *testing.T, lib *Library, overrides, locked, lang string) (editorList, map[string]editorTemplate) {
	t.Helper()
	raw := EditorList(lib, []byte(overrides), []byte(locked), lang)
	var l editorList
	if err := json.Unmarshal(raw, &l); err != nil {
		t.Fatalf("EditorList is not JSON: %v\n%s", err, raw)
	}
	by := map[string]editorTemplate{}
	for _, x := range l.Templates {
		by[x.ID] = x
	}
	return l, by
}

func TestEditorListFlags(t *testing.T) {
	lib := loadLib(t)
	all, by := list(t, lib, "", "", "")
	if len(all.Templates) != len(lib.Templates()) || !all.OverridesOK || len(all.Problems) != 0 {
		t.Fatalf("plain list: %d templates, ok %v, problems %v", len(all.Templates), all.OverridesOK, all.Problems)
	}
	x := by["after_hours.all.en"]
	if x.Overridden || x.Added || x.Locked || x.Text != x.BuiltinText || x.Source != "builtin" {
		t.Errorf("built-in entry: %+v", x)
	}
	en, _ := list(t, lib, "", "", "en")
	for _, x := range en.Templates {
		if x.Lang != "en" {
			t.Errorf("lang filter let %s through", x.ID)
		}
	}
	if len(en.Templates) == 0 || len(en.Templates) == len(all.Templates) {
		t.Errorf("lang filter kept %d of %d", len(en.Templates), len(all.Templates))
	}

	stored, err := EditorSave(lib, nil, nil, "complaint.all.en", "Please use {complaints_url}. {sign_off}")
	if err != nil {
		t.Fatal(err)
	}
	stored, id, err := EditorAdd(lib, stored, "after_hours", "en", []string{"nurse"}, "Closed; ring {phone}.")
	if err != nil || id != "user.after_hours.en.1" {
		t.Fatalf("EditorAdd = %q, %v", id, err)
	}
	l, by := list(t, lib, string(stored), `["complaint.all.en", "emergency.all.en"]`, "en")
	c := by["complaint.all.en"]
	if !c.Locked || !c.KeptCopy || c.Text != c.BuiltinText {
		t.Errorf("locked template with a stored copy: %+v", c)
	}
	if len(l.Problems) != 1 || l.Problems[0].Template != "complaint.all.en" {
		t.Errorf("problems = %+v, want the locked copy reported", l.Problems)
	}
	if e := by["emergency.all.en"]; !e.Locked || e.KeptCopy {
		t.Errorf("locked template without a copy: %+v", e)
	}
	if u := by[id]; !u.Added || u.Overridden || u.Situation != "after_hours" || len(u.Professions) != 1 {
		t.Errorf("added template: %+v", u)
	}
	// Without the lock the copy is in use again: locking never deletes it.
	_, by = list(t, lib, string(stored), "", "en")
	if c := by["complaint.all.en"]; !c.Overridden || c.Locked || !strings.HasPrefix(c.Text, "Please use") {
		t.Errorf("after unlocking: %+v", c)
	}
}

func TestEditorSaveResetAndUpgrade(t *testing.T) {
	lib := loadLib(t)
	stored, err := EditorSave(lib, []byte(""), nil, "after_hours.all.en", "Closed now. Call {phone}.")
	if err != nil {
		t.Fatal(err)
	}
	stored, err = EditorSave(lib, stored, nil, "after_hours.all.en", "Closed until tomorrow. Call {phone}.")
	if err != nil {
		t.Fatal(err)
	}
	os, _ := ParseOverrides(stored)
	if len(os) != 1 || os[0].Text != "Closed until tomorrow. Call {phone}." || os[0].BasedOnVersion != 1 {
		t.Fatalf("after two saves: %+v", os)
	}
	// A new release rewords the built-in: the copy stays and says so.
	_, by := list(t, withBuiltinVersion(t, lib, "after_hours.all.en", 2), string(stored), "", "en")
	if x := by["after_hours.all.en"]; !x.Overridden || !x.Outdated || x.BasedOnVersion != 1 || x.BuiltinVersion != 2 || !strings.HasPrefix(x.Text, "Closed until") {
		t.Errorf("after an upgrade: %+v", x)
	}
	// Saving the built-in wording is a reset.
	same, err := EditorSave(lib, stored, nil, "after_hours.all.en", lib.Template("after_hours.all.en").Text)
	if err != nil {
		t.Fatal(err)
	}
	if os, _ := ParseOverrides(same); len(os) != 0 {
		t.Errorf("saving the built-in wording kept %+v", os)
	}
	reset, err := EditorReset(stored, "after_hours.all.en")
	if err != nil {
		t.Fatal(err)
	}
	if os, _ := ParseOverrides(reset); len(os) != 0 {
		t.Errorf("reset kept %+v", os)
	}
}

func TestEditorRefusals(t *testing.T) {
	lib := loadLib(t)
	for _, tc := range []struct {
		overrides, locked, id, text, want string
	}{
		{"", "", "after_hours.all.en", "Hi {nickname}", "unknown variable {nickname}"},
		{"", "", "after_hours.all.en", "Hi [[{phone}", "unclosed [["},
		{"", "", "after_hours.all.en", "  ", "empty"},
		{"", "", "no.such.template", "Hi", "no template"},
		{"", `["after_hours.all.en"]`, "after_hours.all.en", "Hi", "locked"},
		{"{broken", "", "after_hours.all.en", "Hi", "cannot be read"},
		{`{"overrides": 5}`, "", "after_hours.all.en", "Hi", "cannot be read"},
	} {
		_, err := EditorSave(lib, []byte(tc.overrides), []byte(tc.locked), tc.id, tc.text)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("EditorSave(%q, %q, %q) error = %v, want %q", tc.overrides, tc.id, tc.text, err, tc.want)
		}
	}
	for _, tc := range []struct {
		situation, lang string
		professions     []string
		text, want      string
	}{
		{"small_talk", "en", nil, "Hi", "unknown situation"},
		{"after_hours", "fr", nil, "Hi", "unknown language"},
		{"after_hours", "en", []string{"surgeon"}, "Hi", "unknown profession"},
		{"after_hours", "en", nil, "Hi {nick}", "unknown variable"},
		{"after_hours", "en", nil, "", "empty"},
	} {
		_, _, err := EditorAdd(lib, nil, tc.situation, tc.lang, tc.professions, tc.text)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("EditorAdd(%q, %q, %v, %q) error = %v, want %q", tc.situation, tc.lang, tc.professions, tc.text, err, tc.want)
		}
	}
	if _, err := EditorReset([]byte("{broken"), "x"); err == nil {
		t.Error("EditorReset rewrote unreadable overrides")
	}
}

func TestEditorAddNumbersAndEdits(t *testing.T) {
	lib := loadLib(t)
	s1, id1, err := EditorAdd(lib, nil, "complaint", "de", nil, "Bitte nutzen Sie {complaints_url}.")
	if err != nil {
		t.Fatal(err)
	}
	s2, id2, err := EditorAdd(lib, s1, "complaint", "de", nil, "Zweite Fassung.")
	if err != nil || id1 == id2 {
		t.Fatalf("ids %q and %q, %v", id1, id2, err)
	}
	s3, err := EditorSave(lib, s2, nil, id1, "Neu: {complaints_url}")
	if err != nil {
		t.Fatal(err)
	}
	os, _ := ParseOverrides(s3)
	if len(os) != 2 || os[0].Template != id1 || os[0].Text != "Neu: {complaints_url}" || os[0].Situation != "complaint" || os[0].BasedOnVersion != 0 {
		t.Errorf("after editing an added template: %+v", os)
	}
	mine, err := ApplyOverrides(lib, s3)
	if err != nil || mine.Template(id2) == nil {
		t.Errorf("added templates do not apply: %v", err)
	}
}

func TestPreview(t *testing.T) {
	lib := loadLib(t)
	gb, err := os.ReadFile("testdata/profiles/physician-gb.json")
	if err != nil {
		t.Fatal(err)
	}
	type answer struct {
		Text, Error   string
		Needs         []string
		OneOf         []string `json:"one_of"`
		Defaulted     []string
		ProfileErrors []string `json:"profile_errors"`
		Problems      []struct {
			Field, Message, Key string
			Args                []string
		} `json:"profile_problems"`
	}
	get := func(id, text, profile, lang string) answer {
		var a answer
		raw := Preview(lib, id, text, []byte(profile), lang)
		if err := json.Unmarshal(raw, &a); err != nil {
			t.Fatalf("Preview is not JSON: %s", raw)
		}
		if strings.ContainsAny(a.Text, "{}") || strings.Contains(a.Text, "[[") {
			t.Errorf("preview shows template syntax: %q", a.Text)
		}
		return a
	}
	a := get("after_hours.all.en", lib.Template("after_hours.all.en").Text, string(gb), "")
	if !strings.HasPrefix(a.Text, "Hi Sam,") || !strings.Contains(a.Text, "Riverside") || len(a.Needs) != 0 {
		t.Errorf("full preview = %+v", a)
	}
	minimal := `{"profession":"physician","country":"GB"}`
	if a := get("after_hours.all.en", lib.Template("after_hours.all.en").Text, minimal, ""); a.Text != "" || len(a.Needs) != 1 || a.Needs[0] != "clinic_name" || len(a.OneOf) != 3 {
		t.Errorf("preview without a clinic name = %+v", a)
	}
	if a := get("", "Call {emergency_number}. {sign_off}", minimal, "en"); a.Needs[0] != "sign_off" {
		t.Errorf("preview of new text = %+v", a)
	}
	if a := get("", "Call {emergency_number}.", minimal, "en"); a.Text != "Call 999." || len(a.Defaulted) != 1 {
		t.Errorf("preview with a default = %+v", a)
	}
	if a := get("", "Hi {nickname}", minimal, "en"); !strings.Contains(a.Error, "unknown variable") {
		t.Errorf("preview of bad text = %+v", a)
	}
	if a := get("", "Hi", "", "en"); len(a.Needs) != 1 || a.Needs[0] != "profile" {
		t.Errorf("preview without a profile = %+v", a)
	}
	if a := get("", "Hi", `{"profession":"x"}`, "en"); len(a.Needs) != 1 || len(a.ProfileErrors) == 0 {
		t.Errorf("preview with a bad profile = %+v", a)
	}
	// The same problems, keyed for the extension's catalogues, in the
	// same order and with the same English.
	if a := get("", "Hi", `{"profession":"x","country":"GB"}`, "en"); len(a.Problems) != 1 || len(a.ProfileErrors) != 1 ||
		a.Problems[0].Key != "msg_prof_profession_unknown" || a.Problems[0].Field+": "+a.Problems[0].Message != a.ProfileErrors[0] ||
		len(a.Problems[0].Args) != 2 || a.Problems[0].Args[0] != `"x"` {
		t.Errorf("keyed profile problems = %+v", a)
	}
}
