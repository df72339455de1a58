package triage

import (
	"strings"
	"testing"
	"testing/fstest"
)

// TestAmbiguousAlternatives: an alternative is one word, so a phrase whose
// neighbouring positions both have alternatives must say so with
// parentheses; "sie|ihnen|bei dir|du" once meant "sie|ihnen|bei" then
// "dir|du" without anyone noticing.
func TestAmbiguousAlternatives(t *testing.T) {
	for _, tc := range []struct {
		src string
		ok  bool
	}{
		{"sie|ihnen|bei dir|du", false},
		{"cant|cannot breathe|breath", false},
		{"cant|cannot (breathe|breath)", false},
		{"(cant|cannot) (breathe|breath)", true},
		{"(cant|cannot) breathe", true},
		{"bei dir", true},
		{"(bei dir)", false},
		{"(breathe", false},
		{"not|isnt .. breathing|moving", true},
	} {
		_, msg := parsePhrase(tc.src)
		if (msg == "") != tc.ok {
			t.Errorf("parsePhrase(%q): error %q, want ok=%v", tc.src, msg, tc.ok)
		}
	}
	p, _ := parsePhrase("(cant|cannot) (breathe|breath)")
	if _, ok := p.matchAt(tokenize("he cant breathe"), 1); !ok {
		t.Error("(cant|cannot) (breathe|breath) does not match \"cant breathe\"")
	}
}

func ruleFile(id, weight, extra string) string {
	return `{"id": "` + id + `", "kind": "triage.rule", "since": "0.1.0", "severity": "info",
"message": "m", "explanation": "e", "category": "emergency", "lang": "en", "weight": ` + weight + `,` + extra + `
"examples": {"positive": ["x"], "negative": ["y"]}}`
}

// TestNear: a concept fires only with a cue within nearReach words, not
// overlapping it and not denied, and names both; the scanner agrees with the
// reference.
func TestNear(t *testing.T) {
	fsys := fstest.MapFS{
		"cue.json":  {Data: []byte(ruleFile("cue", "0", `"match": ["sweaty|grey", "cold sweat"],`))},
		"rule.json": {Data: []byte(ruleFile("rule", "5", `"match": ["chest pain"], "near": ["@cue", "arm"],`))},
	}
	c, err := Load(fsys)
	if err != nil {
		t.Fatal(err)
	}
	for text, want := range map[string]string{
		"chest pain and he is grey":                       "chest pain + grey",
		"sweaty, then chest pain":                         "chest pain + sweaty",
		"chest pain since this morning":                   "",
		"chest pain but not sweaty":                       "",
		"grey " + strings.Repeat("a ", 12) + "chest pain": "",
		"chest pain down my arm":                          "chest pain + arm",
	} {
		got := ""
		for _, h := range c.scan(tokenize(text)) {
			if h.rule.id == "rule" {
				got = h.words
			}
		}
		var ref *rule
		for _, r := range c.rules {
			if r.id == "rule" {
				ref = r
			}
		}
		refWords, _ := ref.fires(tokenize(text))
		if got != want || refWords != want {
			t.Errorf("%q: scanner %q, reference %q, want %q", text, got, refWords, want)
		}
	}
	bad := fstest.MapFS{
		"rule.json":  {Data: []byte(ruleFile("rule", "5", `"match": ["chest pain"], "near": ["@other"],`))},
		"other.json": {Data: []byte(ruleFile("other", "5", `"match": ["x"],`))},
	}
	if _, err := Load(bad); err == nil || !strings.Contains(err.Error(), "not a word list") {
		t.Errorf("Load with a reference to a rule that is not a word list: %v", err)
	}
}
