package triage

import (
	"testing"

	"github.com/boundaryhq/boundary/rules"
)

func load(t testing.TB) *Classifier {
	t.Helper()
	c, err := Load(rules.FS)
	if err != nil {
		t.Fatalf("Load(rules.FS): %v", err)
	}
	return c
}

// TestRuleExamples runs every triage rule's own examples: each positive must
// fire the rule and each negative must not. Word lists (weight 0) are
// checked by whether they match.
func TestRuleExamples(t *testing.T) {
	c := load(t)
	for _, r := range c.rules {
		for _, ex := range r.positive {
			if w, ok := r.fires(tokenize(ex)); !ok {
				t.Errorf("%s: positive example does not fire: %q", r.id, ex)
			} else if w == "" {
				t.Errorf("%s: fired on %q without naming words", r.id, ex)
			}
		}
		for _, ex := range r.negative {
			if w, ok := r.fires(tokenize(ex)); ok {
				t.Errorf("%s: negative example fires on %q: %q", r.id, w, ex)
			}
		}
	}
}

// TestScannerAgrees holds the indexed scanner to the plain reference
// (rule.fires) on every message of our corpus and on every rule example.
func TestScannerAgrees(t *testing.T) {
	c := load(t)
	var texts []string
	for _, r := range c.rules {
		texts = append(texts, r.positive...)
		texts = append(texts, r.negative...)
	}
	for _, m := range readCorpus(t) {
		texts = append(texts, m.Text)
	}
	for _, text := range texts {
		toks := tokenize(text)
		want := map[string]string{}
		for _, r := range c.rules {
			if w, ok := r.fires(toks); ok {
				want[r.id] = w
			}
		}
		got := map[string]string{}
		for _, h := range c.scan(toks) {
			got[h.rule.id] = h.words
		}
		if len(got) != len(want) {
			t.Errorf("%q: scanner fires %v, reference %v", text, got, want)
			continue
		}
		for id, w := range want {
			if got[id] != w {
				t.Errorf("%q: %s: scanner words %q, reference %q", text, id, got[id], w)
			}
		}
	}
}
