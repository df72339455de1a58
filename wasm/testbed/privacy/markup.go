package privacy

import (
	"encoding/json"
	"hash/fnv"
	"html"
	"strconv"
	"strings"
)

// writer emits Comet-like markup: every element carries a handful of
// generated atomic class names, and content sits inside a varying number
// of anonymous divs. Both come from a generator seeded by the page's
// address, so a page renders identically every time while no two pages
// share a nesting pattern. Readers that depend on either break here, as
// they would on the real site.
type writer struct {
	b    strings.Builder
	rnd  uint64
	pool []string
}

func newWriter(seed string) *writer {
	h := fnv.New64a()
	h.Write([]byte(seed))
	w := &writer{rnd: h.Sum64() | 1}
	for i := 0; i < 300; i++ {
		w.pool = append(w.pool, "x"+strconv.FormatUint(w.next()%(36*36*36*36*36*36*36), 36))
	}
	return w
}

// next is xorshift64: small, deterministic and good enough for markup.
func (w *writer) next() uint64 {
	w.rnd ^= w.rnd << 13
	w.rnd ^= w.rnd >> 7
	w.rnd ^= w.rnd << 17
	return w.rnd
}

func (w *writer) classes() string {
	n := 3 + int(w.next()%7)
	cs := make([]string, n)
	for i := range cs {
		cs[i] = w.pool[w.next()%uint64(len(w.pool))]
	}
	return strings.Join(cs, " ")
}

// open writes a start tag with atomic classes and attribute pairs. An
// attribute given with an empty value is written bare (checked, hidden).
func (w *writer) open(tag string, attrs ...string) {
	w.b.WriteString("<" + tag + ` class="` + w.classes() + `"`)
	for i := 0; i+1 < len(attrs); i += 2 {
		if attrs[i+1] == "" && (attrs[i] == "checked" || attrs[i] == "hidden") {
			w.b.WriteString(" " + attrs[i])
			continue
		}
		w.b.WriteString(" " + attrs[i] + `="` + html.EscapeString(attrs[i+1]) + `"`)
	}
	w.b.WriteString(">")
}

func (w *writer) close(tag string) { w.b.WriteString("</" + tag + ">") }

func (w *writer) void(tag string, attrs ...string) { w.open(tag, attrs...) }

// el writes an element around f.
func (w *writer) el(tag string, attrs []string, f func()) {
	w.open(tag, attrs...)
	if f != nil {
		f()
	}
	w.close(tag)
}

// nest wraps f in one to five anonymous divs.
func (w *writer) nest(f func()) {
	d := 1 + int(w.next()%5)
	for i := 0; i < d; i++ {
		w.open("div")
	}
	f()
	for i := 0; i < d; i++ {
		w.close("div")
	}
}

// text writes Comet's usual text: span[dir=auto] around a classed span.
func (w *writer) text(s string) {
	w.open("span", "dir", "auto")
	w.open("span")
	w.b.WriteString(html.EscapeString(s))
	w.close("span")
	w.close("span")
}

// heading writes a section heading the way Comet does: a div with
// role=heading and aria-level around the text.
func (w *writer) heading(level int, s string) {
	w.el("div", []string{"role", "heading", "aria-level", strconv.Itoa(level)}, func() { w.text(s) })
}

// data writes page data the way Facebook ships it: a script of type
// application/json whose require list carries a Relay payload deep inside
// ScheduledServerJS and RelayPrefetchedStreamCache wrappers. json.Marshal
// escapes <, > and &, so the payload can never end the script early.
func (w *writer) data(queryID string, payload map[string]any) {
	blob := map[string]any{
		"require": []any{[]any{"ScheduledServerJS", "handle", nil, []any{map[string]any{
			"__bbox": map[string]any{
				"require": []any{[]any{"RelayPrefetchedStreamCache", "next", []any{},
					[]any{"adp_" + queryID + "RelayPreloader_" + strconv.FormatUint(w.next()%1e6, 10),
						map[string]any{"__bbox": map[string]any{"complete": true, "result": map[string]any{"data": payload}}}}}},
			}}}}},
	}
	j, err := json.Marshal(blob)
	if err != nil {
		panic(err) // only our own maps of strings and bools go in
	}
	w.b.WriteString(`<script type="application/json" data-content-len="` + strconv.Itoa(len(j)) + `" data-sjs>`)
	w.b.Write(j)
	w.b.WriteString("</script>")
}
