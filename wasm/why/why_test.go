package why

import (
	"regexp"
	"testing"
)

func TestString(t *testing.T) {
	for _, tc := range []struct {
		r    Reason
		want string
	}{
		{New("why_rule", "emergency-chest-pain-en", "chest pain"), `rule emergency-chest-pain-en: "chest pain"`},
		// An argument is never expanded again.
		{New("why_matches", "Smith $1, <b>Jane</b>"), `matches 'Smith $1, <b>Jane</b>' in your list`},
		{New("why_also_more", "A", "B", "3"), `also matches 'A', 'B' and 3 more`},
		{New("why_after_hours", "Sun 21:15", "Mon–Fri 08:00–18:00 (local time)", "So", "21:15", "Mo–Fr 08:00–18:00 (Ortszeit)"), "arrived Sun 21:15, outside clinic hours (Mon–Fri 08:00–18:00 (local time))"},
		{New("why_request"), "message request from someone who is not your friend"},
		{Text("sender matches 'Doe, John' in your list"), "sender matches 'Doe, John' in your list"},
		{Reason{}, ""},
		// A missing argument gives nothing rather than "$2".
		{New("why_spelling", "Jon"), "spelling Jon → "},
	} {
		if got := tc.r.String(); got != tc.want {
			t.Errorf("%v: got %q, want %q", tc.r, got, tc.want)
		}
	}
	if !(Reason{}).IsZero() || Text("x").IsZero() || New("why_request").IsZero() {
		t.Error("IsZero is wrong")
	}
}

// TestKeys: keys are catalogue message names, and each template uses its
// arguments in order from $1 without gaps, so none is silently dropped.
func TestKeys(t *testing.T) {
	name := regexp.MustCompile(`^why_[a-z0-9_]+$`)
	arg := regexp.MustCompile(`\$([1-9])`)
	for k, tmpl := range English {
		if !name.MatchString(k) {
			t.Errorf("key %q is not a catalogue name", k)
		}
		seen := map[string]bool{}
		for _, m := range arg.FindAllStringSubmatch(tmpl, -1) {
			seen[m[1]] = true
		}
		for i := 1; i <= len(seen); i++ {
			if !seen[string(rune('0'+i))] {
				t.Errorf("%s: %q skips $%d", k, tmpl, i)
			}
		}
	}
}
