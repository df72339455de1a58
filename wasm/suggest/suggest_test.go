package suggest

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/boundaryhq/boundary/rules"
	"github.com/boundaryhq/boundary/wasm/drafts"
	"github.com/boundaryhq/boundary/wasm/names"
	"github.com/boundaryhq/boundary/wasm/patients"
	"github.com/boundaryhq/boundary/wasm/replies"
	"github.com/tidwall/gjson"
)

func loadLib(t *testing.T) *replies.Library {
	t.Helper()
	l, err := replies.Load(rules.FS)
	if err != nil {
		t.Fatal(err)
	}
	return l
}

func profile(t *testing.T, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "replies", "testdata", "profiles", name+".json"))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// A Tuesday at 10:00 and at 23:00 in London (the physician-gb profile's
// zone; it is open 08:00-18:30).
var (
	tueDay   = time.Date(2026, 3, 10, 10, 0, 0, 0, time.UTC)
	tueNight = time.Date(2026, 3, 10, 23, 0, 0, 0, time.UTC)
)

func bestOf(t *testing.T, r Result) Suggestion {
	t.Helper()
	for _, s := range r.Suggestions {
		if s.Best {
			return s
		}
	}
	t.Fatalf("no best suggestion in %+v", r)
	return Suggestion{}
}

func TestBestSituationFollowsTheItem(t *testing.T) {
	lib := loadLib(t)
	in := Inputs{Profile: profile(t, "physician-gb")}
	for _, tc := range []struct {
		item Item
		now  time.Time
		want string
	}{
		{Item{Kind: "friend_request", Name: "Mary <b>Jones</b>"}, tueDay, "decline_friend_request"},
		{Item{Kind: "thread", Category: "medical_question", Verdict: "patient"}, tueDay, "redirect_medical_question"},
		{Item{Kind: "thread", Category: "medical_question", Verdict: "patient"}, tueNight, "after_hours"},
		{Item{Kind: "thread", Category: "medical_question", Verdict: "non_client"}, tueDay, "non_client_question"},
		{Item{Kind: "message", Category: "emergency"}, tueNight, "emergency"},
		{Item{Kind: "thread", Category: "appointment_admin"}, tueDay, "appointment_admin"},
		{Item{Kind: "thread", Category: "complaint"}, tueDay, "complaint"},
		{Item{Kind: "thread", Category: "sensitive_info"}, tueDay, "sensitive_info"},
		{Item{Kind: "comment"}, tueDay, "review_or_post_reply"},
		{Item{Kind: "thread"}, tueDay, "redirect_medical_question"},
		{Item{Kind: "thread", Category: "personal", Situation: "complaint"}, tueDay, "complaint"},
	} {
		r := Suggest(lib, tc.item, in, tc.now)
		if got := bestOf(t, r).Situation; got != tc.want {
			t.Errorf("%+v at %v: best situation %s, want %s", tc.item, tc.now, got, tc.want)
		}
		if r.ProfileState != ProfileOK {
			t.Errorf("profile state %s %v", r.ProfileState, r.ProfileErrors)
		}
		// Every situation stays reachable, each suggestion is filled.
		sits := map[string]bool{}
		for _, s := range r.Suggestions {
			sits[s.Situation] = true
			if s.Text == "" && len(s.Missing)+len(s.OneOf) == 0 {
				t.Errorf("%s: neither text nor what it needs", s.Template)
			}
			if HasPlaceholder(s.Text) || strings.Contains(s.Text, "[[") {
				t.Errorf("%s: unfilled text %q", s.Template, s.Text)
			}
		}
		if len(sits) != len(lib.Situations()) {
			t.Errorf("%+v: %d situations offered, want %d", tc.item, len(sits), len(lib.Situations()))
		}
	}
}

func TestFriendRequestGreetsByFirstName(t *testing.T) {
	lib := loadLib(t)
	in := Inputs{Profile: profile(t, "physician-gb")}
	for name, greet := range map[string]string{
		"Mary <b>Jones</b>":              "Hi Mary,",
		"✨ Jenny Smith ✨":                "Hi Jenny,",
		"Dr. Bob Jones 🏥":                "Hi Bob,",
		"CHINEDU OKAFOR":                 "Hi Chinedu,",
		"<img src=x onerror=alert(1)>":   "Hello,",
		"\u202ehtims ynnej":              "Hello,",
		"Gar\u200deth Hughes":            "Hi Gareth,",
		"":                               "Hello,",
		"</script><script>alert('json')": "Hello,",
	} {
		s := bestOf(t, Suggest(lib, Item{Kind: "friend_request", Name: name}, in, tueDay))
		if !strings.HasPrefix(s.Text, greet+"\n") {
			t.Errorf("%q: reply starts %q, want %q", name, s.Text[:min(20, len(s.Text))], greet)
		}
		for _, v := range []string{"Riverside Surgery", "https://www.facebook.com/riversidesurgery.example", "Dr Amara Okafor"} {
			if !strings.Contains(s.Text, v) {
				t.Errorf("%q: reply lacks %q", name, v)
			}
		}
	}
}

func TestNoProfileAsksForValues(t *testing.T) {
	lib := loadLib(t)
	r := Suggest(lib, Item{Kind: "friend_request"}, Inputs{}, tueDay)
	if r.ProfileState != ProfileNone {
		t.Fatalf("state %s", r.ProfileState)
	}
	var needs []Suggestion
	for _, s := range r.Suggestions {
		if s.Situation == "decline_friend_request" {
			if s.Text != "" {
				t.Errorf("%s rendered without a profile: %q", s.Template, s.Text)
			}
			needs = append(needs, s)
		}
	}
	if len(needs) == 0 || !reflect.DeepEqual(needs[0].Missing, []string{"clinic_name", "business_page_url"}) {
		t.Fatalf("needs = %+v", needs)
	}
	// The user types the two values into the panel: now it renders.
	it := Item{Kind: "friend_request", Name: "Jenny Smith", Vars: map[string]string{"clinic_name": "Elm Practice", "business_page_url": "https://www.facebook.com/elm.example"}}
	s := bestOf(t, Suggest(lib, it, Inputs{}, tueDay))
	if s.Template != "decline_friend_request.all.en" || !strings.Contains(s.Text, "Elm Practice at https://www.facebook.com/elm.example") || !strings.HasPrefix(s.Text, "Hi Jenny,") {
		t.Errorf("with vars: %+v", s)
	}
	// Something is ready even without a profile.
	ready := 0
	for _, s := range r.Suggestions {
		if s.Text != "" {
			ready++
		}
	}
	if ready == 0 {
		t.Error("no profile-free reply at all")
	}
}

func TestPolicyProfileWinsAndLocksApply(t *testing.T) {
	lib := loadLib(t)
	local := profile(t, "physician-gb")
	vet := profile(t, "veterinarian-gb")
	policy := []byte(`{"pack":{"profile":` + string(vet) + `,"locked":["decline_friend_request.all.en"]},"etag":"x"}`)
	over := replies.EncodeOverrides([]replies.Override{{Template: "decline_friend_request.all.en", Text: "Hello, my own words for {clinic_name}.", BasedOnVersion: 1}})
	r := Suggest(lib, Item{Kind: "friend_request"}, Inputs{Profile: local, Policy: policy, Overrides: over}, tueDay)
	if r.ProfileSource != "policy" {
		t.Errorf("source %q", r.ProfileSource)
	}
	s := bestOf(t, r)
	vetName := gjson.GetBytes(vet, "clinic_name").Str
	if !strings.Contains(s.Text, vetName) || strings.Contains(s.Text, "my own words") {
		t.Errorf("best = %q, want the locked built-in filled from the policy profile (%s)", s.Text, vetName)
	}
	if len(r.Problems) == 0 {
		t.Error("the override of a locked template was not reported")
	}
	// Without the lock, the user's words win.
	r = Suggest(lib, Item{Kind: "friend_request"}, Inputs{Profile: local, Overrides: over}, tueDay)
	if s := bestOf(t, r); s.Text != "Hello, my own words for Riverside Surgery." {
		t.Errorf("override: %q", s.Text)
	}
	// The stored form is a JSON string holding the profile.
	quoted := []byte(`"` + strings.ReplaceAll(strings.ReplaceAll(string(local), `"`, `\"`), "\n", `\n`) + `"`)
	if r := Suggest(lib, Item{Kind: "friend_request"}, Inputs{Profile: quoted}, tueDay); r.ProfileState != ProfileOK {
		t.Errorf("quoted profile: %s %v", r.ProfileState, r.ProfileErrors)
	}
	if r := Suggest(lib, Item{Kind: "friend_request"}, Inputs{Profile: []byte(`{"profession":"wizard"}`)}, tueDay); r.ProfileState != ProfileInvalid || len(r.ProfileErrors) == 0 {
		t.Errorf("bad profile: %s %v", r.ProfileState, r.ProfileErrors)
	}
}

func TestHasPlaceholder(t *testing.T) {
	for s, want := range map[string]bool{
		"Hello {first_name}": true, "a {b} c": true, "{}": false, "{ x }": false, "JSON {\"a\":1}": false,
		"no braces": false, "{{clinic_name}": true, "{Clinic}": false,
	} {
		if got := HasPlaceholder(s); got != want {
			t.Errorf("HasPlaceholder(%q) = %v", s, got)
		}
	}
}

func TestParseItem(t *testing.T) {
	it, err := ParseItem([]byte(`{"kind":"thread","triage":{"category":"emergency"},"name":"A B","vars":{"phone":" 0123 ","x":""},"extra":[1]}`))
	if err != nil || it.Category != "emergency" || it.Vars["phone"] != "0123" || len(it.Vars) != 1 {
		t.Errorf("%+v %v", it, err)
	}
	for _, bad := range []string{"[", "[1]", `"s"`} {
		if _, err := ParseItem([]byte(bad)); err == nil {
			t.Errorf("%q: no error", bad)
		}
	}
}

func dirOf(t *testing.T, list ...string) *patients.Directory {
	nick, err := names.LoadNicknames(rules.FS)
	if err != nil {
		t.Fatal(err)
	}
	var es []patients.Entry
	for _, n := range list {
		f, l, _ := strings.Cut(n, " ")
		es = append(es, patients.Entry{First: f, Last: l, Display: l + ", " + f})
	}
	return patients.NewDirectory(es, nick)
}

func TestNameSpans(t *testing.T) {
	d := dirOf(t, "Maria Schulz", "Tom Baker", "Anna-Lena Schmidt")
	for text, want := range map[string][]string{
		"Guess who I saw in the waiting room: Maria Schulz!": {"Maria Schulz"},
		"tom baker and Maria  Schulz say hi":                 {"tom baker", "Maria  Schulz"},
		"Hi Maria Schulz, thanks":                            {"Maria Schulz"},
		"Schulz, Maria was in":                               {"Schulz, Maria"},
		"Anna Lena Schmidt came":                             {"Anna Lena Schmidt"},
		"Maria. Schulz is a town":                            nil,
		"Maria and Tom came":                                 nil,
		"Nobody here":                                        nil,
	} {
		var got []string
		for _, s := range NameSpans(d, text) {
			got = append(got, text[s.Start:s.End])
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%q: got %q want %q", text, got, want)
		}
	}
	if NameSpans(nil, "Maria Schulz") != nil || NameSpans(dirOf(t), "Maria Schulz") != nil {
		t.Error("no list must find nothing")
	}
}

// TestDraftExamples runs every draft check's examples through Draft with
// the real directory, the way the extension does: the names check uses the
// patient list rather than the checker tests' stand-in.
func TestDraftExamples(t *testing.T) {
	c, err := drafts.Load(rules.FS)
	if err != nil {
		t.Fatal(err)
	}
	files, _ := filepath.Glob("../../rules/drafts/*.json")
	n := 0
	for _, f := range files {
		raw, _ := os.ReadFile(f)
		rule := gjson.ParseBytes(raw)
		id := rule.Get("id").Str
		run := func(ex gjson.Result) ([]drafts.Span, string) {
			text := strings.NewReplacer("⟦", "", "⟧", "").Replace(ex.Get("text").Str)
			var list []string
			for _, p := range ex.Get("patients").Array() {
				list = append(list, p.Str)
			}
			tp := ex.Get("to_patient").Bool()
			found, _ := Draft(c, dirOf(t, list...), text, DraftContext{Lang: ex.Get("lang").Str, Recipient: ex.Get("recipient").Str, ToPatient: &tp})
			var spans []drafts.Span
			for _, fd := range found {
				if fd.Rule == id {
					spans = append(spans, fd.Spans...)
				}
			}
			return spans, text
		}
		for _, ex := range rule.Get("examples.positive").Array() {
			n++
			if spans, text := run(ex); len(spans) == 0 {
				t.Errorf("%s: did not fire on %q", id, text)
			}
		}
		for _, ex := range rule.Get("examples.negative").Array() {
			n++
			if spans, text := run(ex); len(spans) > 0 {
				t.Errorf("%s: fired on negative %q", id, text)
			}
		}
	}
	if n < 16 {
		t.Fatalf("only %d examples", n)
	}
}

func TestToPatientFromRecipient(t *testing.T) {
	c, _ := drafts.Load(rules.FS)
	d := dirOf(t, "Priya Patel")
	_, tp := Draft(c, d, "see u soon hun xx", DraftContext{Recipient: "Priya Patel"})
	if !tp {
		t.Error("Priya Patel is on the list")
	}
	f, tp := Draft(c, d, "see u soon hun xx", DraftContext{Recipient: "Sophie Turner"})
	if tp || len(f) != 0 {
		t.Errorf("friend: to_patient %v, findings %+v", tp, f)
	}
}

func TestGuessLang(t *testing.T) {
	for s, want := range map[string]string{
		"Thanks, see you soon": "en", "Alles gut, bis bald": "de", "lol": "", "Schmidt u Partner": "",
	} {
		if got := GuessLang(s); got != want {
			t.Errorf("GuessLang(%q) = %q want %q", s, got, want)
		}
	}
}
