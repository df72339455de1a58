package htmlpage

import (
	"testing"

	"github.com/boundaryhq/boundary/wasm/page"
)

// TestParseFragment: serialized subtrees parse as a body's children, and
// malformed markup is repaired rather than refused.
func TestParseFragment(t *testing.T) {
	nodes, err := ParseFragment(`<div role="row"><span>A &amp; B</span></div><p>unclosed<div id=x>`)
	if err != nil {
		t.Fatal(err)
	}
	if len(nodes) != 3 {
		t.Fatalf("got %d top elements, want 3", len(nodes))
	}
	if got := nodes[0].Text(); got != "A & B" {
		t.Errorf("text %q", got)
	}
	if nodes[2].Tag() != "div" || page.AttrOr(nodes[2], "id") != "x" {
		t.Errorf("third element: %s", nodes[2].Tag())
	}
}
