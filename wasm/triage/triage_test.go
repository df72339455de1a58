package triage

import (
	"errors"
	"strings"
	"testing"
	"testing/fstest"
	"time"
	_ "time/tzdata"

	"github.com/boundaryhq/boundary/wasm/clinic"
	"github.com/boundaryhq/boundary/wasm/rulepack"
	"github.com/boundaryhq/boundary/wasm/why"
)

func TestClassify(t *testing.T) {
	c := load(t)
	for _, tc := range []struct {
		text, cat string
	}{
		{"my dad has crushing chest pain and he's gone all sweaty", "emergency"},
		{"our lab just ate a whole bar of dark chocolate", "emergency"},
		{"mein Mann hat starke Brustschmerzen", "emergency"},
		{"I don't want to be alive anymore", "emergency"},
		{"can I book in with you next week? the online system won't let me", "appointment_admin"},
		{"I want to make a formal complaint about the receptionist at the surgery", "complaint"},
		{"here's a pic of the rash on my back, what do you think?", "sensitive_info"},
		{"is it ok to take ibuprofen with my blood pressure pills?", "medical_question"},
		{"I'm dying to see you!! only 3 more days", "personal"},
		{"emergency meeting at work, I'll be late for dinner", "personal"},
		{"Meine Doktorarbeit frisst mich auf", "personal"},
		{"haha see you at the pub later", "personal"},
	} {
		r := c.Classify(Message{Text: tc.text, Incoming: true}, Context{})
		if r.Category != tc.cat {
			t.Errorf("%q: category %s, want %s (%v)", tc.text, r.Category, tc.cat, r.Reasons)
		}
		if r.Clinical != (tc.cat != "personal") {
			t.Errorf("%q: clinical %v", tc.text, r.Clinical)
		}
		if r.Score < 0 || r.Score > 1 {
			t.Errorf("%q: score %v", tc.text, r.Score)
		}
	}
}

func TestReasons(t *testing.T) {
	c := load(t)
	london, _ := time.LoadLocation("Europe/London")
	r := c.Classify(Message{
		Text:        "my dad has crushing chest pain",
		SentAt:      time.Date(2026, 3, 7, 23, 10, 0, 0, time.UTC), // Saturday night
		Request:     true,
		Attachments: 2,
		Incoming:    true,
	}, Context{Hours: &clinic.Hours{Loc: london}, SenderMatch: why.Text("sender matches 'Smith, Jane' in your list")})
	if r.Category != "emergency" || r.Score < EmergencyScore {
		t.Fatalf("category %s score %v", r.Category, r.Score)
	}
	all := strings.Join(r.Reasons, "\n")
	for _, want := range []string{
		`rule emergency-chest-pain-en: "crushing chest"`,
		"model ",
		"sender matches 'Smith, Jane' in your list",
		"message request from someone who is not your friend",
		"2 attachments in a clinical message",
		"arrived Sat 23:10, outside clinic hours (closed all week (Europe/London))",
	} {
		if !strings.Contains(all, want) {
			t.Errorf("reasons lack %q:\n%s", want, all)
		}
	}
	if r.Rules[0] != "emergency-chest-pain-en" {
		t.Errorf("rules %v: the category's own rule comes first", r.Rules)
	}

	// Personal chat gets no out-of-hours reason, and the model explains
	// itself with the words that pulled towards personal.
	r = c.Classify(Message{Text: "lol see you at the pub tonight", SentAt: time.Date(2026, 3, 7, 23, 0, 0, 0, time.UTC)}, Context{})
	if r.Clinical || strings.Contains(strings.Join(r.Reasons, "|"), "outside clinic hours") {
		t.Errorf("personal message: %+v", r)
	}
	if !strings.HasPrefix(r.Reasons[len(r.Reasons)-1], "model ") {
		t.Errorf("last reason %q should be the model's", r.Reasons[len(r.Reasons)-1])
	}
}

// TestAttachments: a photo in a clinical message makes it sensitive; among
// friends it changes nothing.
func TestAttachments(t *testing.T) {
	c := load(t)
	r := c.Classify(Message{Text: "is this rash normal? it's been spreading since yesterday", Attachments: 1}, Context{})
	if r.Category != "sensitive_info" {
		t.Errorf("clinical message with a photo: %s", r.Category)
	}
	r = c.Classify(Message{Text: "look at the new puppy 😍", Attachments: 1}, Context{})
	if r.Category != "personal" {
		t.Errorf("puppy photo: %s %v", r.Category, r.Reasons)
	}
}

// TestSenderMatchRaisesScore: the same words score higher from someone in
// the patient list.
func TestSenderMatchRaisesScore(t *testing.T) {
	c := load(t)
	m := Message{Text: "thanks for today, see you next week"}
	a := c.Classify(m, Context{})
	b := c.Classify(m, Context{SenderMatch: why.Text("sender matches 'Doe, John' in your list")})
	if b.Score <= a.Score {
		t.Errorf("score with sender match %v, without %v", b.Score, a.Score)
	}
}

func TestThread(t *testing.T) {
	personal := Result{Category: "personal", Score: 0.1, Reasons: []string{"model 0.10"}}
	admin := Result{Category: "appointment_admin", Clinical: true, Score: 0.8, Reasons: []string{"rule a: \"book\""}, Rules: []string{"a"}}
	question := Result{Category: "medical_question", Clinical: true, Score: 0.7, Reasons: []string{"rule q: \"should i\""}, Rules: []string{"q"}}
	emergency := Result{Category: "emergency", Clinical: true, Score: 0.95, Reasons: []string{"rule e: \"chest pain\""}, Rules: []string{"e"}}
	for _, tc := range []struct {
		in   []Result
		cat  string
		clin bool
	}{
		{nil, "personal", false},
		{[]Result{personal, personal}, "personal", false},
		{[]Result{personal, admin}, "appointment_admin", true},
		{[]Result{admin, question, admin}, "medical_question", true},
		{[]Result{question, emergency, personal}, "emergency", true},
	} {
		got := Thread(tc.in)
		if got.Category != tc.cat || got.Clinical != tc.clin {
			t.Errorf("Thread(%d results) = %s/%v, want %s/%v", len(tc.in), got.Category, got.Clinical, tc.cat, tc.clin)
		}
	}
	got := Thread([]Result{admin, question, admin, emergency})
	if got.Score != 0.95 || strings.Join(got.Rules, ",") != "a,q,e" || len(got.Reasons) != 3 {
		t.Errorf("merged %+v", got)
	}
}

func TestLoadErrorsNameTheFile(t *testing.T) {
	good := `{"id": "x-en", "kind": "triage.rule", "since": "0.1.0", "severity": "low", "message": "m", "explanation": "e",
		"category": "appointment_admin", "lang": "en", "weight": 1, "match": ["book"], "examples": {"positive": ["book"], "negative": ["no"]}}`
	for _, tc := range []struct {
		name, file, want string
	}{
		{"bad json", `{`, "triage/broken.json: not valid JSON"},
		{"category", strings.Replace(strings.Replace(good, `"x-en"`, `"broken"`, 1), "appointment_admin", "gossip", 1), "triage/broken.json: category must be one of"},
		{"phrase", strings.Replace(strings.Replace(good, `"x-en"`, `"broken"`, 1), `["book"]`, `[".. book"]`, 1), "triage/broken.json: match: phrase"},
		{"ref", strings.Replace(strings.Replace(good, `"x-en"`, `"broken"`, 1), `"match"`, `"with": ["@nowhere"], "match"`, 1), "triage/broken.json: with: no triage rule"},
		{"weight sign", strings.Replace(strings.Replace(good, `"x-en"`, `"broken"`, 1), `"weight": 1`, `"weight": -1`, 1), "triage/broken.json: weight must be negative"},
	} {
		fsys := fstest.MapFS{
			"triage/x-en.json":   {Data: []byte(good)},
			"triage/broken.json": {Data: []byte(tc.file)},
		}
		_, err := Load(fsys)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: err = %v, want %q", tc.name, err, tc.want)
		}
		var ps rulepack.Problems
		if err != nil && !errors.As(err, &ps) {
			t.Errorf("%s: error is not rulepack.Problems", tc.name)
		}
	}
	if _, err := Load(fstest.MapFS{"triage/x-en.json": {Data: []byte(good)}}); err != nil {
		t.Errorf("a pack of one good rule: %v", err)
	}
}

func TestFold(t *testing.T) {
	for in, want := range map[string]string{
		"Übelkeit & Schmerzen!":    "uebelkeit schmerzen",
		"I can't breathe":          "i cant breathe",
		"Bella's ears":             "bella ears",
		"SUBJECT: flu MESSAGE: hi": "flu hi",
		"x-ray 3.5mg":              "x ray 3 5mg",
		"lol 😂😂 ok":                "lol 😂 😂 ok",
	} {
		if got := Fold(in); got != want {
			t.Errorf("Fold(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestNegation(t *testing.T) {
	c := load(t)
	for _, text := range []string{"no chest pain, just a cough", "keine Brustschmerzen, nur Husten"} {
		for _, h := range c.fire(tokenize(text)) {
			if h.rule.category == "emergency" {
				t.Errorf("%q fires %s", text, h.rule.id)
			}
		}
	}
	r := c.Classify(Message{Text: "no fever but chest pain since an hour"}, Context{})
	if r.Category != "emergency" {
		t.Errorf("'but' ends the negation: %s", r.Category)
	}
}
