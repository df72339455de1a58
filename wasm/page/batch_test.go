package page_test

import (
	"strings"
	"testing"

	"github.com/boundaryhq/boundary/wasm/page"
	"github.com/boundaryhq/boundary/wasm/page/htmlpage"
)

func TestRelevantAndQueryAllIn(t *testing.T) {
	doc, err := htmlpage.ParseString(`<html><body>
		<div id="a"><b class="x" id="a1"></b><b class="x" id="a2"></b></div>
		<div id="b"><i></i></div>
		<b class="x" id="c"><b class="x" id="c1"></b></b>
		<div class="row" id="d"><span id="d1"></span></div>
	</body></html>`, "https://example.com/")
	if err != nil {
		t.Fatal(err)
	}
	root := doc.Root()
	roots := []page.Node{root.Query("#a"), root.Query("#b"), root.Query("#c"), root.Query("#d1")}
	ids := func(ns []page.Node) []string {
		var out []string
		for _, n := range ns {
			out = append(out, page.AttrOr(n, "id"))
		}
		return out
	}
	for _, tc := range []struct {
		name string
		got  []string
		want []string
	}{
		{"relevant .x", ids(page.Relevant(roots, ".x", "")), []string{"a", "c"}},
		{"relevant .x or inside .row", ids(page.Relevant(roots, ".x", ".row")), []string{"a", "c", "d1"}},
		{"relevant nothing", ids(page.Relevant(roots, "table", "")), nil},
		{"query all in", ids(page.QueryAllIn(roots, ".x")), []string{"a1", "a2", "c", "c1"}},
		{"query all in, no roots", ids(page.QueryAllIn(nil, ".x")), nil},
	} {
		if len(tc.got) != len(tc.want) {
			t.Errorf("%s: got %v want %v", tc.name, tc.got, tc.want)
			continue
		}
		for i := range tc.got {
			if tc.got[i] != tc.want[i] {
				t.Errorf("%s: got %v want %v", tc.name, tc.got, tc.want)
				break
			}
		}
	}
}

func TestReadAll(t *testing.T) {
	doc, err := htmlpage.ParseString(`<html><body>
		<div id="a" title="A"><img aria-label="Ann &lt;b&gt;Lee&lt;/b&gt;"><span>Ann</span> 3 mutual</div>
		<div id="b"><img><span>Bo</span></div>
		<div id="c" title=""></div>
	</body></html>`, "https://example.com/")
	if err != nil {
		t.Fatal(err)
	}
	root := doc.Root()
	nodes := []page.Node{root.Query("#a"), root.Query("#b"), root.Query("#c")}
	reads := []page.Read{{}, {Attr: "title"}, {Sel: "img", Attr: "aria-label"}, {Sel: "span"}}
	got := page.ReadAll(nodes, reads)
	want := []page.Value{
		{"Ann 3 mutual", true}, {"A", true}, {"Ann <b>Lee</b>", true}, {"Ann", true},
		{"Bo", true}, {"", false}, {"", false}, {"Bo", true},
		{"", true}, {"", true}, {"", false}, {"", false},
	}
	if len(got) != len(want) {
		t.Fatalf("got %d values, want %d", len(got), len(want))
	}
	for i := range want {
		g := got[i]
		g.S = strings.Join(strings.Fields(g.S), " ")
		if g != want[i] {
			t.Errorf("node %d read %d: got %+v, want %+v", i/len(reads), i%len(reads), g, want[i])
		}
	}
	if page.ReadAll(nil, reads) != nil || page.ReadAll(nodes, nil) != nil {
		t.Error("ReadAll of nothing is not empty")
	}
}

func TestMarkAll(t *testing.T) {
	doc, err := htmlpage.ParseString(`<html><body><p id="a"></p><p id="b"></p></body></html>`, "https://example.com/")
	if err != nil {
		t.Fatal(err)
	}
	a, b := doc.Root().Query("#a"), doc.Root().Query("#b")
	seen := htmlpage.Seen{}
	seen.Mark(b)
	got := page.MarkAll(seen, []page.Node{a, b, a})
	if len(got) != 3 || !got[0] || got[1] || got[2] {
		t.Fatalf("MarkAll = %v, want [true false false]", got)
	}
}

func TestHolderAndClosestAll(t *testing.T) {
	doc, err := htmlpage.ParseString(`<html><body>
		<a href="/x" id="l"><div id="card"><img class="av"><div><i id="b1"></i></div></div></a>
		<div id="other"><i id="b2"></i></div>
	</body></html>`, "https://example.com/")
	if err != nil {
		t.Fatal(err)
	}
	root := doc.Root()
	b1, b2 := root.Query("#b1"), root.Query("#b2")
	id := func(n page.Node) string { return page.AttrOr(n, "id") }
	h := page.HolderAll([]page.Node{b1, b2}, "img.av", 24)
	if len(h) != 2 || id(h[0]) != "card" || h[1] == nil || h[1].Tag() != "body" {
		t.Errorf("HolderAll: got %v", h)
	}
	if h := page.HolderAll([]page.Node{b2}, "img.av", 1); len(h) != 1 || h[0] != nil {
		t.Errorf("HolderAll within 1 level: got %v, want [nil]", h)
	}
	c := page.ClosestAll([]page.Node{b1, b2}, "a[href]")
	if len(c) != 2 || id(c[0]) != "l" || c[1] != nil {
		t.Errorf("ClosestAll: got %v", c)
	}
	if page.HolderAll(nil, "a", 1) == nil || len(page.ClosestAll(nil, "a")) != 0 {
		t.Error("batches of no nodes")
	}
}
