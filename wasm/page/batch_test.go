package page_test

import (
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
