package drafts

import (
	"reflect"
	"strings"
	"testing"

	"github.com/boundaryhq/boundary/rules"
	"github.com/boundaryhq/boundary/wasm/rulepack"
	"github.com/tidwall/gjson"
)

func loadChecker(t *testing.T) *Checker {
	t.Helper()
	c, err := Load(rules.FS)
	if err != nil {
		t.Fatalf("Load(rules.FS): %v", err)
	}
	return c
}

// marked removes the ⟦ ⟧ marks from an example and returns the clean text
// and the marked spans, in byte offsets of the clean text.
func marked(s string) (string, []Span) {
	var b strings.Builder
	var spans []Span
	start := -1
	for _, r := range s {
		switch r {
		case '⟦':
			start = b.Len()
		case '⟧':
			spans = append(spans, Span{start, b.Len()})
		default:
			b.WriteRune(r)
		}
	}
	return b.String(), spans
}

// nameMatcher stands in for the patient directory: whole words, any case,
// any whitespace between the parts of a name.
func nameMatcher(names []string) func(string) []Span {
	return func(text string) []Span {
		toks := tokenize(text)
		var out []Span
		for _, n := range names {
			parts := tokenize(n)
			for i := 0; i+len(parts) <= len(toks); i++ {
				ok := true
				for k, p := range parts {
					if toks[i+k].norm != p.norm {
						ok = false
						break
					}
				}
				if ok {
					out = append(out, Span{toks[i].start, toks[i+len(parts)-1].end})
				}
			}
		}
		return out
	}
}

func exampleContext(ex gjson.Result) Context {
	ctx := Context{Lang: ex.Get("lang").Str, ToPatient: ex.Get("to_patient").Bool(), Recipient: ex.Get("recipient").Str}
	if ps := ex.Get("patients"); ps.Exists() {
		var names []string
		for _, p := range ps.Array() {
			names = append(names, p.Str)
		}
		ctx.Patients = nameMatcher(names)
	}
	return ctx
}

func ruleSpans(fs []Finding, rule string) []Span {
	var out []Span
	for _, f := range fs {
		if f.Rule == rule {
			out = append(out, f.Spans...)
		}
	}
	return out
}

// TestExamples runs every check's examples: in a positive example the
// check underlines exactly the marked words, in a negative one it stays
// quiet.
func TestExamples(t *testing.T) {
	c := loadChecker(t)
	pack, err := rulepack.Load(rules.FS, ".")
	if err != nil {
		t.Fatal(err)
	}
	rs := pack.OfKind("draft.check")
	if len(rs) != len(c.IDs()) {
		t.Fatalf("pack has %d draft checks, Load read %d", len(rs), len(c.IDs()))
	}
	n := 0
	for _, r := range rs {
		for i, ex := range r.Positive {
			n++
			text, want := marked(ex.Get("text").Str)
			got := ruleSpans(c.Check(text, exampleContext(ex)), r.ID)
			sortSpans(got)
			if !reflect.DeepEqual(got, want) {
				t.Errorf("%s positive[%d] %q:\n got %s\nwant %s", r.ID, i, text, show(text, got), show(text, want))
			}
		}
		for i, ex := range r.Negative {
			n++
			text := ex.Get("text").Str
			if got := ruleSpans(c.Check(text, exampleContext(ex)), r.ID); len(got) > 0 {
				t.Errorf("%s negative[%d] %q: fired on %s", r.ID, i, text, show(text, got))
			}
		}
	}
	t.Logf("%d draft check examples", n)
}

func sortSpans(s []Span) {
	for i := 1; i < len(s); i++ {
		for j := i; j > 0 && s[j].Start < s[j-1].Start; j-- {
			s[j], s[j-1] = s[j-1], s[j]
		}
	}
}

func show(text string, spans []Span) string {
	var parts []string
	for _, s := range spans {
		parts = append(parts, "⟦"+text[s.Start:s.End]+"⟧")
	}
	return strings.Join(parts, " ")
}

func TestFindingsAreStableAndExplained(t *testing.T) {
	c := loadChecker(t)
	ctx := Context{Lang: "en", ToPatient: true}
	a := c.Check("lol ok, lol", ctx)
	b := c.Check("Well. LOL, that is fine, lol", ctx)
	if len(a) != 1 || len(b) != 1 || a[0].ID != b[0].ID || a[0].ID != "draft.tone.slang:lol" {
		t.Fatalf("ids differ or findings not merged: %+v / %+v", a, b)
	}
	if len(a[0].Spans) != 2 || a[0].Message == "" || a[0].Explanation == "" || a[0].Severity != "low" {
		t.Errorf("finding = %+v", a[0])
	}
	de := c.Check("lol", Context{Lang: "en", ToPatient: true, UILang: "de"})
	if !strings.HasPrefix(de[0].Message, "Chat-Kürzel") {
		t.Errorf("German message = %q", de[0].Message)
	}
	g := c.Check("take 2 tablets", Context{Guidance: []string{"gmc-social-media"}})
	if len(g) != 1 || !reflect.DeepEqual(g[0].Guidance, []string{"gmc-social-media"}) {
		t.Errorf("guidance not filtered: %+v", g)
	}
}

func TestNamesNeverLeakIntoIDs(t *testing.T) {
	c := loadChecker(t)
	fs := c.Check("Saw Maria Schulz today", Context{Patients: nameMatcher([]string{"Maria Schulz"})})
	for _, f := range fs {
		if strings.Contains(strings.ToLower(f.ID), "maria") {
			t.Errorf("finding id %q contains the patient's name", f.ID)
		}
	}
	// A matcher returning nonsense spans is ignored rather than trusted.
	bad := func(string) []Span { return []Span{{-1, 3}, {5, 2}, {0, 99}, {1, 2}} }
	if got := c.Check("Ünïcode", Context{Patients: bad}); len(got) != 0 {
		t.Errorf("bad spans produced %+v", got)
	}
}

func TestLanguageSelection(t *testing.T) {
	c := loadChecker(t)
	// English slang "u" does not apply to German text.
	if got := c.Check("Schmidt u Partner", Context{Lang: "de", ToPatient: true}); len(got) != 0 {
		t.Errorf("German text: %+v", got)
	}
	if got := c.Check("see u", Context{ToPatient: true}); len(got) != 1 {
		t.Errorf("unknown language: %+v, want the English check to fire", got)
	}
}

func TestTokenize(t *testing.T) {
	var got []string
	for _, tk := range tokenize("You’ve 400mg, 2.5 ml; 45-year-old ÄRZTIN 👍🏽") {
		got = append(got, tk.norm)
	}
	want := []string{"you've", "400", "mg", ",", "2.5", "ml", ";", "45", "-", "year", "-", "old", "ärztin", "👍", "🏽"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("tokenize = %q\nwant %q", got, want)
	}
}

func TestPatterns(t *testing.T) {
	classes := map[string][][]string{"u": compileClass([]string{"mg", "kidney stone"})}
	for _, tc := range []struct {
		pattern, text, want string
	}{
		{"take # @u", "please Take 400mg now", "Take 400mg"},
		{"sounds like a? an? *itis", "sounds like an appendicitis", "sounds like an appendicitis"},
		{"sounds like a? an? *itis", "sounds like itis", ""},
		{"has a? @u", "she has a kidney stone", "has a kidney stone"},
		{"setzen sie *? *? ab", "Setzen Sie es ab", "Setzen Sie es ab"},
		{"100 % safe", "it's 100 % safe", "100 % safe"},
		{"100%", "100 percent", ""},
	} {
		p, msg := compilePattern(tc.pattern, classes)
		if msg != "" {
			t.Fatalf("%s: %s", tc.pattern, msg)
		}
		ms := findAll(tokenize(tc.text), []pattern{p})
		got := ""
		if len(ms) > 0 {
			got = tc.text[ms[0].Start:ms[0].End]
		}
		if got != tc.want {
			t.Errorf("%q in %q = %q, want %q", tc.pattern, tc.text, got, tc.want)
		}
	}
	for _, bad := range []string{"@nope", "a-b?", ""} {
		if _, msg := compilePattern(bad, classes); msg == "" {
			t.Errorf("compilePattern(%q) accepted", bad)
		}
	}
}

func TestEmojiSpans(t *testing.T) {
	for _, tc := range []struct {
		text string
		n    int
	}{
		{"no emoji ©", 0},
		{"👍🏽", 1},
		{"👨‍👩‍👧", 1},
		{"🇬🇧🇩🇪", 2},
		{"❤️😊 ✨", 3},
	} {
		if got := len(emojiSpans(tc.text)); got != tc.n {
			t.Errorf("emojiSpans(%q) = %d, want %d", tc.text, got, tc.n)
		}
	}
}

func TestEncodeFindings(t *testing.T) {
	text := "😊 lol"
	fs := []Finding{{ID: "x:lol", Rule: "x", Severity: "low", Message: "m", Explanation: "e", Spans: []Span{{5, 8}}}}
	got := string(EncodeFindings(text, fs))
	want := `[{"id":"x:lol","rule":"x","severity":"low","message":"m","explanation":"e","guidance":[],"spans":[{"start":5,"end":8,"start16":3,"end16":6}]}]`
	if got != want {
		t.Errorf("EncodeFindings =\n%s\nwant\n%s", got, want)
	}
}

func TestLoadRejectsBadChecks(t *testing.T) {
	for _, tc := range []struct{ json, want string }{
		{`"check": "regex", "when": "always", "patterns": {"en": ["x"]}`, "check must be one of"},
		{`"check": "phrases", "when": "sometimes", "patterns": {"en": ["x"]}`, "when must be"},
		{`"check": "phrases", "when": "always"`, "need patterns"},
		{`"check": "phrases", "when": "always", "patterns": {"en": ["@nope"]}`, "unknown class @nope"},
		{`"check": "near", "when": "always", "patterns": {"en": ["x"]}`, "near.patterns"},
		{`"check": "emoji", "when": "always"`, "max"},
		{`"check": "names", "when": "always", "translations": {"de": {"message": "m"}}`, "translations.de"},
	} {
		src := `{"id": "t", "kind": "draft.check", "since": "0.1.0", "severity": "low", "message": "m", "explanation": "e", "examples": {"positive": [{}], "negative": [{}]}, ` + tc.json + `}`
		_, ps := parseCheck("t.json", []byte(src))
		if ps == nil || !strings.Contains(ps.Error(), tc.want) {
			t.Errorf("%s: problems = %v, want %q", tc.json, ps, tc.want)
		}
	}
}
