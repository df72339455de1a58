package core

import (
	"strings"
	"testing"

	"golang.org/x/net/html"

	"github.com/boundaryhq/boundary/wasm/page"
	"github.com/boundaryhq/boundary/wasm/page/htmlpage"
	"github.com/boundaryhq/boundary/wasm/testbed"
)

// TestContextSelectorCarriesALiveBubble follows the strict-CSP path: the
// content script cannot run the core, so it sends markup. A bubble sent
// alone has no conversation and gives nothing; the enclosing match of
// ContextSelector, sent as markup and parsed on its own, brings the open
// conversation's verdict to emergency.
func TestContextSelectorCarriesALiveBubble(t *testing.T) {
	eng := loadEngine(t)
	const id = "100032272158956" // Sophie Turner, a friend with flu
	url := "https://www.facebook.com/messages/t/" + id + "/"
	sel := eng.ContextSelector(url)
	if sel == "" {
		t.Fatal("no context selector on a Messenger page")
	}
	if got := eng.ContextSelector("https://example.org/messages/t/1/"); got != "" {
		t.Errorf("context selector on a site without a pack: %q", got)
	}
	src, _ := testbed.Render("www.facebook.com", "/messages/t/"+id+"/")
	doc, err := htmlpage.ParseString(string(src), url)
	if err != nil {
		t.Fatal(err)
	}
	root := doc.Root()
	eng.ReadMessengerData(root)
	if _, items := eng.Scan(url, []page.Node{root}, nil, nil); emergencyConv(items, id) {
		t.Fatal("before: already an emergency")
	}
	grid := root.Query("[role=main] [role=grid]")
	other, err := htmlpage.ParseString(`<div role="row" id="live"><div><span>Sophie Turner</span><div role="gridcell"><div dir="auto">I just took 30 of my sleeping tablets</div></div></div></div>`, url)
	if err != nil || grid == nil {
		t.Fatal("fixture", err)
	}
	appendChild(grid, other.Root().Query("#live"))
	bubble := root.Query("#live")

	// Alone, as markup, the bubble has no conversation to belong to.
	if _, items := eng.Scan(url, []page.Node{reparse(t, bubble, url)}, nil, nil); emergencyConv(items, id) {
		t.Fatal("a bubble alone was read in context; the test no longer shows the need")
	}
	conv := bubble.Closest(sel)
	if conv == nil {
		t.Fatalf("%q matches no ancestor of the live bubble", sel)
	}
	if !conv.Matches("[role=main]") {
		t.Errorf("context is not the open conversation")
	}
	_, items := eng.Scan(url, []page.Node{reparse(t, conv, url)}, nil, nil)
	if !emergencyConv(items, id) {
		t.Errorf("the conversation's markup did not carry the live emergency: %+v", items)
	}
	// The thread list's rows are outside the conversation: its role=main
	// has no grid above the list, so a new row is read on its own.
	if row := root.Query("[role=navigation] [role=row]"); row != nil && row.Closest(sel) != nil {
		t.Errorf("a thread-list row has a conversation context")
	}
}

func emergencyConv(items []Item, id string) bool {
	for _, it := range items {
		if it.Kind == KindThread && it.Surface == SurfaceConversation && it.ThreadID == id && it.Category == "emergency" {
			return true
		}
	}
	return false
}

// reparse renders n and parses the markup alone, as the offscreen core does.
func reparse(t *testing.T, n page.Node, url string) page.Node {
	t.Helper()
	var b strings.Builder
	if err := html.Render(&b, n.(htmlpage.Node).HTML()); err != nil {
		t.Fatal(err)
	}
	nodes, err := htmlpage.ParseFragment(b.String())
	if err != nil || len(nodes) == 0 {
		t.Fatal("reparse", err)
	}
	return nodes[0]
}
