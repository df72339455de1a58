package why

import (
	"errors"
	"fmt"
	"regexp"
	"testing"

	"github.com/boundaryhq/boundary/wasm/jsonw"
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
	name := regexp.MustCompile(`^(why|msg)_[a-z0-9_]+$`)
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

// TestError: an Error's text is its English, and Of gives back its key and
// arguments, also through a wrapper that adds nothing to the text; a
// wrapper that adds words, or a plain error, gives only the text.
func TestError(t *testing.T) {
	err := Err("msg_hours_overlap", "08:00-12:00", "11:00-13:00")
	if got, want := err.Error(), "intervals overlap (08:00-12:00 and 11:00-13:00)"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
	for _, tc := range []struct {
		err  error
		want Reason
	}{
		{err, New("msg_hours_overlap", "08:00-12:00", "11:00-13:00")},
		{fmt.Errorf("%w", err), New("msg_hours_overlap", "08:00-12:00", "11:00-13:00")},
		{fmt.Errorf("hours: %w", err), Text("hours: intervals overlap (08:00-12:00 and 11:00-13:00)")},
		{errors.New("plain"), Text("plain")},
	} {
		if got := Of(tc.err); fmt.Sprint(got) != fmt.Sprint(tc.want) {
			t.Errorf("Of(%v): got %v, want %v", tc.err, got, tc.want)
		}
	}
	var w jsonw.Writer
	New("msg_csv_line_columns", "<b>3</b>", "500").WriteJSON(&w)
	if got, want := w.String(), `{"key":"msg_csv_line_columns","args":["\u003cb\u003e3\u003c/b\u003e","500"]}`; got != want {
		t.Errorf("WriteJSON: got %s, want %s", got, want)
	}
	w.Reset()
	New("msg_json_invalid").WriteJSON(&w)
	if got, want := w.String(), `{"key":"msg_json_invalid","args":[]}`; got != want {
		t.Errorf("WriteJSON: got %s, want %s", got, want)
	}
}
