package replies

import (
	"errors"
	"flag"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/boundaryhq/boundary/rules"
	"github.com/boundaryhq/boundary/wasm/clinic"
	"github.com/boundaryhq/boundary/wasm/rulepack"
	"github.com/tidwall/gjson"
)

var update = flag.Bool("update", false, "rewrite golden files in testdata/golden")

func loadLib(t *testing.T) *Library {
	t.Helper()
	l, err := Load(rules.FS)
	if err != nil {
		t.Fatalf("Load(rules.FS): %v", err)
	}
	return l
}

func profileFrom(t *testing.T, raw string) *clinic.Profile {
	t.Helper()
	p, errs := clinic.ParseProfile([]byte(raw))
	if len(errs) > 0 {
		t.Fatalf("profile %s: %v", raw, errs)
	}
	return p
}

func suggestedIDs(ss []Suggestion) []string {
	var ids []string
	for _, s := range ss {
		ids = append(ids, s.TemplateID)
	}
	return ids
}

// TestExamples runs every template's own examples. A positive example is a
// profile (and vars) for which Suggest offers the template and Render fills
// it, with the text containing what the example expects. A negative example
// is a profile for which Suggest must not offer it: either the template
// does not fit (profession, language), or it cannot be filled, in which
// case "missing" lists exactly the fields Render must name.
func TestExamples(t *testing.T) {
	lib := loadLib(t)
	pack, err := rulepack.Load(rules.FS, ".")
	if err != nil {
		t.Fatalf("rule pack: %v", err)
	}
	n := 0
	for _, r := range pack.OfKind("reply.template") {
		tpl := lib.Template(r.ID)
		for i, ex := range r.Positive {
			n++
			p := profileFrom(t, ex.Get("profile").Raw)
			lang := ex.Get("lang").String()
			if lang == "" {
				lang = tpl.Lang
			}
			if ids := suggestedIDs(lib.Suggest(tpl.Situation, p, lang)); !hasString(ids, tpl.ID) {
				t.Errorf("%s positive[%d]: Suggest(%s, %s) = %v, want it to include the template (blocked: %v)",
					r.ID, i, tpl.Situation, lang, ids, lib.Blocked(tpl.Situation, p, lang))
			}
			vars := map[string]string{}
			ex.Get("vars").ForEach(func(k, v gjson.Result) bool { vars[k.Str] = v.Str; return true })
			text, err := lib.Render(tpl.ID, p, vars)
			if err != nil {
				t.Errorf("%s positive[%d]: Render: %v", r.ID, i, err)
				continue
			}
			checkFilled(t, r.ID, text)
			for _, c := range ex.Get("contains").Array() {
				if !strings.Contains(text, c.Str) {
					t.Errorf("%s positive[%d]: text does not contain %q:\n%s", r.ID, i, c.Str, text)
				}
			}
			for _, c := range ex.Get("excludes").Array() {
				if strings.Contains(text, c.Str) {
					t.Errorf("%s positive[%d]: text contains %q:\n%s", r.ID, i, c.Str, text)
				}
			}
		}
		for i, ex := range r.Negative {
			n++
			p := profileFrom(t, ex.Get("profile").Raw)
			lang := ex.Get("lang").String()
			if lang == "" {
				lang = tpl.Lang
			}
			if ids := suggestedIDs(lib.Suggest(tpl.Situation, p, lang)); hasString(ids, tpl.ID) {
				t.Errorf("%s negative[%d]: Suggest(%s, %s) = %v, must not include the template", r.ID, i, tpl.Situation, lang, ids)
			}
			want := ex.Get("missing").Array()
			if len(want) == 0 {
				continue
			}
			_, err := lib.Render(tpl.ID, p, nil)
			var m *MissingError
			if !errors.As(err, &m) {
				t.Errorf("%s negative[%d]: Render error = %v, want a MissingError", r.ID, i, err)
				continue
			}
			var ws []string
			for _, w := range want {
				ws = append(ws, w.Str)
			}
			if got := m.Names(); !reflect.DeepEqual(got, ws) {
				t.Errorf("%s negative[%d]: missing = %v, want %v", r.ID, i, got, ws)
			}
		}
	}
	if n == 0 {
		t.Fatal("no template examples ran")
	}
	t.Logf("%d template examples", n)
}

// checkFilled fails on anything of the template syntax left in a reply.
func checkFilled(t *testing.T, id, text string) {
	t.Helper()
	for _, s := range []string{"{", "}", "[[", "]]", "||"} {
		if strings.Contains(text, s) {
			t.Errorf("%s: rendered text still contains %q:\n%s", id, s, text)
		}
	}
	if strings.Contains(text, "  ") || strings.Contains(text, "\n\n\n") || strings.Contains(text, " \n") {
		t.Errorf("%s: rendered text has stray whitespace: %q", id, text)
	}
}

func sampleProfiles(t *testing.T) map[string]*clinic.Profile {
	t.Helper()
	files, _ := filepath.Glob("testdata/profiles/*.json")
	if len(files) == 0 {
		t.Fatal("no sample profiles")
	}
	out := map[string]*clinic.Profile{}
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		p, errs := clinic.ParseProfile(data)
		if len(errs) > 0 {
			t.Fatalf("%s: %v", f, errs)
		}
		out[strings.TrimSuffix(filepath.Base(f), ".json")] = p
	}
	return out
}

// TestEveryProfileGetsEveryReply: each sample profile (one per profession)
// gets at least one filled reply for every situation in both languages,
// the profession's own wording comes first where there is one, and every
// reply is short enough to read in a chat window.
func TestEveryProfileGetsEveryReply(t *testing.T) {
	lib := loadLib(t)
	profs := sampleProfiles(t)
	seen := map[string]bool{}
	for name, p := range profs {
		seen[p.Profession] = true
		for _, sit := range lib.Situations() {
			for _, lang := range []string{"en", "de"} {
				ss := lib.Suggest(sit.ID, p, lang)
				if len(ss) == 0 {
					t.Errorf("%s: no %s reply in %s; blocked: %v", name, sit.ID, lang, lib.Blocked(sit.ID, p, lang))
					continue
				}
				own := sit.ID + "." + p.Profession + "." + lang
				if lib.Template(own) != nil && ss[0].TemplateID != own {
					t.Errorf("%s: %s/%s: first suggestion %s, want the profession's own %s", name, sit.ID, lang, ss[0].TemplateID, own)
				}
				for _, s := range ss {
					checkFilled(t, s.TemplateID, s.Text)
					if s.Lang != lang {
						t.Errorf("%s: %s in %s offered %s", name, sit.ID, lang, s.TemplateID)
					}
					if n := utf8.RuneCountInString(s.Text); n > 750 {
						t.Errorf("%s: %s is %d characters, too long for a chat reply", name, s.TemplateID, n)
					}
				}
			}
		}
	}
	for _, p := range clinic.Professions {
		if !seen[p] {
			t.Errorf("no sample profile for %s in testdata/profiles", p)
		}
	}
}

// TestVetsGetNoHumanWording: generic wording about doctors, health records
// and emergency departments must never reach a vet's client.
func TestVetsGetNoHumanWording(t *testing.T) {
	lib := loadLib(t)
	p := sampleProfiles(t)["veterinarian-gb"]
	for _, sit := range lib.Situations() {
		for _, lang := range []string{"en", "de"} {
			for _, s := range lib.Suggest(sit.ID, p, lang) {
				for _, w := range []string{"doctor", "health", "emergency department", "NHS", "Arzt", "Gesundheit", "Notaufnahme", "Patient"} {
					if strings.Contains(s.Text, w) {
						t.Errorf("%s offered to a vet contains %q", s.TemplateID, w)
					}
				}
			}
		}
	}
}

func TestGolden(t *testing.T) {
	lib := loadLib(t)
	profs := sampleProfiles(t)
	names := make([]string, 0, len(profs))
	for n := range profs {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, name := range names {
		for _, lang := range []string{"en", "de"} {
			var b strings.Builder
			for _, sit := range lib.Situations() {
				for i, s := range lib.Suggest(sit.ID, profs[name], lang) {
					if i > 0 {
						break
					}
					b.WriteString("=== " + sit.ID + " (" + s.TemplateID + ")")
					if len(s.Guidance) > 0 {
						b.WriteString(" guidance: " + strings.Join(s.Guidance, ", "))
					}
					if len(s.Defaulted) > 0 {
						b.WriteString(" defaults: " + strings.Join(s.Defaulted, ", "))
					}
					b.WriteString("\n" + s.Text + "\n\n")
				}
			}
			golden(t, filepath.Join("testdata", "golden", name+"."+lang+".txt"), b.String())
		}
	}
}

func golden(t *testing.T, path, got string) {
	t.Helper()
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if got != string(want) {
		t.Errorf("%s differs from the output (run go test -update to accept):\n--- got\n%s", path, got)
	}
}

func TestRenderNamesMissingFields(t *testing.T) {
	lib := loadLib(t)
	p := profileFrom(t, `{"profession":"physician","country":"US"}`)
	_, err := lib.Render("complaint.all.en", p, nil)
	var m *MissingError
	if !errors.As(err, &m) {
		t.Fatalf("Render = %v, want a MissingError", err)
	}
	if want := []string{"clinic_name", "complaints_url"}; !reflect.DeepEqual(m.Fields, want) {
		t.Errorf("Fields = %v, want %v", m.Fields, want)
	}
	if got := err.Error(); !strings.Contains(got, "clinic_name, complaints_url") {
		t.Errorf("error %q does not name the fields", got)
	}
	// The chooser falls back to the variant that needs no complaints URL.
	p.ClinicName, p.Phone = "Maple Family Medicine", "(555) 010-4477"
	ss := lib.Suggest("complaint", p, "en")
	if len(ss) != 1 || ss[0].TemplateID != "complaint.all.contact.en" {
		t.Errorf("Suggest(complaint) = %v, want only the fallback", suggestedIDs(ss))
	}
}

func TestRenderVars(t *testing.T) {
	lib := loadLib(t)
	p := sampleProfiles(t)["physician-gb"]
	got, err := lib.Render("review_or_post_reply.all.en", p, map[string]string{"first_name": "Lee\n{phone}", "phone": "020 7946 0999"})
	if err != nil {
		t.Fatal(err)
	}
	// Values are inserted as text, never expanded, and kept on one line.
	if !strings.HasPrefix(got, "Hi Lee {phone}, thank you") || !strings.Contains(got, "020 7946 0999") {
		t.Errorf("got %q", got)
	}
	if _, err := lib.Render("review_or_post_reply.all.en", p, map[string]string{"nickname": "x"}); err == nil {
		t.Error("unknown variable accepted")
	}
	if _, err := lib.Render("no.such.template", p, nil); err == nil {
		t.Error("unknown template accepted")
	}
}

func TestSuggestDefaultsAndGuidance(t *testing.T) {
	lib := loadLib(t)
	p := sampleProfiles(t)["physician-gb"]
	ss := lib.Suggest("decline_friend_request", p, "")
	if len(ss) == 0 {
		t.Fatal("no suggestion")
	}
	if want := []string{"gmc-social-media", "mdu-friend-requests"}; !reflect.DeepEqual(ss[0].Guidance, want) {
		t.Errorf("GB physician guidance = %v, want %v", ss[0].Guidance, want)
	}
	us := profileFrom(t, `{"profession":"physician","country":"US","clinic_name":"M","business_page_url":"https://m.example/"}`)
	if got, want := lib.Suggest("decline_friend_request", us, "")[0].Guidance, []string{"ama-opinion-2-3-2", "acp-fsmb-2013"}; !reflect.DeepEqual(got, want) {
		t.Errorf("US physician guidance = %v, want %v", got, want)
	}
	ah := lib.Suggest("after_hours", p, "en")[0]
	if !reflect.DeepEqual(ah.Defaulted, []string{"emergency_number", "out_of_hours"}) {
		t.Errorf("Defaulted = %v, want emergency_number and out_of_hours", ah.Defaulted)
	}
	// German profile, no language asked for: German replies.
	de := sampleProfiles(t)["dentist-de"]
	if s := lib.Suggest("after_hours", de, ""); len(s) == 0 || s[0].Lang != "de" {
		t.Errorf("dentist-de after_hours = %v, want German", suggestedIDs(s))
	}
	// A language without templates falls back to English.
	if s := lib.Suggest("after_hours", p, "fr"); len(s) == 0 || s[0].Lang != "en" {
		t.Errorf("fr fell back to %v, want English", suggestedIDs(s))
	}
}

func TestTextSyntax(t *testing.T) {
	for _, tc := range []struct {
		text, err string
	}{
		{"Hi {first_name}", ""},
		{"[[a {phone}||b]] c [d] e|f", ""},
		{"{nickname}", "unknown variable {nickname}"},
		{"{phone", "unclosed {"},
		{"phone}", "} without {"},
		{"[[a [[b]] ]]", "cannot nest"},
		{"a ]]", "]] without [["},
		{"[[a", "unclosed [["},
		{"a || b", "only allowed inside"},
	} {
		_, err := parseText(tc.text)
		switch {
		case tc.err == "" && err != nil:
			t.Errorf("parseText(%q) = %v, want no error", tc.text, err)
		case tc.err != "" && (err == nil || !strings.Contains(err.Error(), tc.err)):
			t.Errorf("parseText(%q) = %v, want %q", tc.text, err, tc.err)
		}
	}
}

func TestFill(t *testing.T) {
	parts, err := parseText("Call us[[ on {phone}]][[ or at {email}||, or write to us]].\n\n\n[[{sign_off}]]\n")
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		vals map[string]string
		want string
	}{
		{map[string]string{"phone": "1", "email": "e@x.example", "sign_off": "Sam"}, "Call us on 1 or at e@x.example.\n\nSam"},
		{map[string]string{}, "Call us, or write to us."},
	} {
		if got := fill(parts, tc.vals); got != tc.want {
			t.Errorf("fill(%v) = %q, want %q", tc.vals, got, tc.want)
		}
	}
}
