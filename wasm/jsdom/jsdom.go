//go:build js && wasm

// Package jsdom is Boundary's only door to the browser: it implements the
// page interface over the live DOM and exports the core's operations to the
// extension's JavaScript as one small table of functions that pass JSON.
//
// Element reads go through honnef.co/go/js/dom/v2's BasicElement. Calls that
// return elements use syscall/js directly: dom/v2 wraps every element it
// returns by comparing its constructor against some sixty HTML element
// classes, one JS call each, which would dominate a scan's cost.
package jsdom

import (
	"strings"
	"syscall/js"

	"github.com/tidwall/gjson"
	"honnef.co/go/js/dom/v2"

	"github.com/boundaryhq/boundary/wasm/page"
)

// Node is an element of a live document.
type Node struct{ el *dom.BasicElement }

// Wrap turns a JS element into a page.Node; null and undefined give nil.
func Wrap(v js.Value) page.Node {
	if v.IsNull() || v.IsUndefined() {
		return nil
	}
	return Node{&dom.BasicElement{BasicNode: &dom.BasicNode{Value: v}}}
}

// Value is the underlying JS element.
func (n Node) Value() js.Value { return n.el.Value }

func (n Node) Tag() string { return strings.ToLower(n.el.TagName()) }

func (n Node) Attr(name string) (string, bool) {
	v := n.el.Call("getAttribute", jstr(name))
	if v.IsNull() {
		return "", false
	}
	return v.String(), true
}

func (n Node) Text() string { return n.el.TextContent() }

// jsStrings caches selectors and attribute names as JS strings: adapters
// use a few dozen distinct ones, and converting a Go string for every call
// costs more than the DOM lookup it names.
var jsStrings = map[string]js.Value{}

func jstr(s string) js.Value {
	v, ok := jsStrings[s]
	if !ok {
		v = js.ValueOf(s)
		jsStrings[s] = v
	}
	return v
}

// call runs a DOM method that may throw (an invalid selector throws a
// SyntaxError) and turns the exception into ok=false.
func (n Node) call(method string, args ...any) (v js.Value, ok bool) {
	defer func() {
		if recover() != nil {
			ok = false
		}
	}()
	return n.el.Call(method, args...), true
}

func (n Node) QueryAll(sel string) []page.Node {
	list, ok := n.call("querySelectorAll", jstr(sel))
	if !ok {
		return nil
	}
	return wrapList(list)
}

// wrapList wraps every element of a JS array or NodeList.
func wrapList(list js.Value) []page.Node {
	l := list.Length()
	out := make([]page.Node, l)
	for i := 0; i < l; i++ {
		out[i] = Wrap(list.Index(i))
	}
	return out
}

func (n Node) Query(sel string) page.Node {
	v, ok := n.call("querySelector", jstr(sel))
	if !ok {
		return nil
	}
	return Wrap(v)
}

func (n Node) Matches(sel string) bool {
	v, ok := n.call("matches", jstr(sel))
	return ok && v.Bool()
}

func (n Node) Closest(sel string) page.Node {
	v, ok := n.call("closest", jstr(sel))
	if !ok {
		return nil
	}
	return Wrap(v)
}

func (n Node) Holder(sel string, limit int) page.Node {
	// One call to the batch helper instead of a querySelector per level.
	if h, ok := n.HolderIn([]page.Node{n}, sel, limit); ok && len(h) == 1 {
		return h[0]
	}
	for x, i := page.Node(n), 0; x != nil && i <= limit; x, i = x.Parent(), i+1 {
		if x.Query(sel) != nil {
			return x
		}
	}
	return nil
}

func (n Node) Parent() page.Node { return Wrap(n.el.Get("parentElement")) }

func (n Node) Contains(other page.Node) bool {
	o, ok := other.(Node)
	return ok && n.el.Call("contains", o.el.Value).Bool()
}

func (n Node) Same(other page.Node) bool {
	o, ok := other.(Node)
	return ok && o.el.Value.Equal(n.el.Value)
}

// Seen is page.Seen over a JS WeakSet, so that handled nodes can still be
// garbage-collected when the page drops them.
type Seen struct{ set js.Value }

// NewSeen returns an empty set.
func NewSeen() *Seen { return &Seen{js.Global().Get("WeakSet").New()} }

func (s *Seen) Mark(n page.Node) bool {
	v := n.(Node).el.Value
	if s.set.Call("has", v).Bool() {
		return false
	}
	s.set.Call("add", v)
	return true
}

// Doc is a live document.
type Doc struct {
	doc dom.Document
	url string
}

// Document wraps a JS Document (the page's, or one made by DOMParser).
// url overrides the address, for documents parsed from sent markup.
func Document(v js.Value, url string) *Doc {
	d := &Doc{doc: dom.WrapDocument(v), url: url}
	if url == "" {
		d.url = v.Get("URL").String()
	}
	return d
}

func (d *Doc) URL() string     { return d.url }
func (d *Doc) Root() page.Node { return Wrap(d.doc.Underlying().Get("documentElement")) }
func (d *Doc) Lang() string {
	if r := d.Root(); r != nil {
		return strings.ToLower(page.AttrOr(r, "lang"))
	}
	return ""
}

// PathFrom returns the child-element index path from root down to n, or
// nil when n is not below root. The offscreen fallback returns anchors as
// paths, because elements cannot cross from one document to another.
func PathFrom(root, n page.Node) []int {
	var rev []int
	cur := n.(Node).el.Value
	top := root.(Node).el.Value
	for !cur.Equal(top) {
		parent := cur.Get("parentElement")
		if parent.IsNull() {
			return nil
		}
		i := 0
		for sib := cur.Get("previousElementSibling"); !sib.IsNull(); sib = sib.Get("previousElementSibling") {
			i++
		}
		rev = append(rev, i)
		cur = parent
	}
	out := make([]int, len(rev))
	for i := range rev {
		out[i] = rev[len(rev)-1-i]
	}
	return out
}

// batch is globalThis.BoundaryGo.dom from extension/src/go-start.js, or
// undefined where the core runs without it (the wasm tests under Node).
var batch = func() js.Value {
	if g := js.Global().Get("BoundaryGo"); g.Type() == js.TypeObject {
		return g.Get("dom")
	}
	return js.Undefined()
}()

// jsArray builds a JS array of the nodes' elements.
func jsArray(nodes []page.Node) (js.Value, bool) {
	vals := make([]any, len(nodes))
	for i, n := range nodes {
		o, ok := n.(Node)
		if !ok {
			return js.Value{}, false
		}
		vals[i] = o.el.Value
	}
	return js.ValueOf(vals), true
}

// RelevantIn implements page.Batcher; nil means "no answer", and
// page.Relevant then asks node by node.
func (n Node) RelevantIn(roots []page.Node, sel, up string) []bool {
	if batch.Type() != js.TypeObject {
		return nil
	}
	arr, ok := jsArray(roots)
	if !ok {
		return nil
	}
	out, _ := flags(batch.Call("relevant", arr, jstr(sel), jstr(up)), len(roots))
	return out
}

// flags reads a batch helper's answer of one '1' or '0' per node; ok is
// false when it is not a string of n such characters.
func flags(v js.Value, n int) ([]bool, bool) {
	if v.Type() != js.TypeString {
		return nil, false
	}
	s := v.String()
	if len(s) != n {
		return nil, false
	}
	out := make([]bool, n)
	for i := range s {
		out[i] = s[i] == '1'
	}
	return out, true
}

// QueryAllIn implements page.Batcher. A selector the browser rejects
// yields no nodes, as QueryAll does.
func (n Node) QueryAllIn(roots []page.Node, sel string) ([]page.Node, bool) {
	arr, ok := jsArray(roots)
	if batch.Type() != js.TypeObject || !ok {
		return nil, false
	}
	v := batch.Call("queryAllIn", arr, jstr(sel))
	if v.IsNull() || v.IsUndefined() {
		return nil, true
	}
	return wrapList(v), true
}

// ReadIn implements page.Reader: one call reads every value, and the answer
// comes back as one JSON string rather than one crossing per value.
func (n Node) ReadIn(nodes []page.Node, reads []page.Read) ([]page.Value, bool) {
	arr, ok := jsArray(nodes)
	if batch.Type() != js.TypeObject || !ok {
		return nil, false
	}
	sels, attrs := make([]any, len(reads)), make([]any, len(reads))
	for i, r := range reads {
		sels[i], attrs[i] = jstr(r.Sel), jstr(r.Attr)
	}
	v := batch.Call("readIn", arr, js.ValueOf(sels), js.ValueOf(attrs))
	if v.Type() != js.TypeString {
		return nil, false
	}
	res := gjson.Parse(v.String())
	if !res.IsArray() {
		return nil, false
	}
	vals := make([]page.Value, 0, len(nodes)*len(reads))
	res.ForEach(func(_, x gjson.Result) bool {
		if x.Type == gjson.String {
			vals = append(vals, page.Value{S: x.Str, OK: true})
		} else {
			vals = append(vals, page.Value{})
		}
		return true
	})
	return vals, true
}

// MarkIn implements page.SeenBatcher.
func (s *Seen) MarkIn(nodes []page.Node) ([]bool, bool) {
	arr, ok := jsArray(nodes)
	if batch.Type() != js.TypeObject || !ok {
		return nil, false
	}
	return flags(batch.Call("markIn", s.set, arr), len(nodes))
}

// HolderIn implements page.Climber.
func (n Node) HolderIn(nodes []page.Node, sel string, limit int) ([]page.Node, bool) {
	return n.climb("holderIn", nodes, jstr(sel), limit)
}

// ClosestIn implements page.Climber.
func (n Node) ClosestIn(nodes []page.Node, sel string) ([]page.Node, bool) {
	return n.climb("closestIn", nodes, jstr(sel))
}

// climb calls one of the batch helpers that answer an element or null per
// node. A selector the browser rejects gives null, and so no answer.
func (n Node) climb(fn string, nodes []page.Node, args ...any) ([]page.Node, bool) {
	arr, ok := jsArray(nodes)
	if batch.Type() != js.TypeObject || !ok {
		return nil, false
	}
	v := batch.Call(fn, append([]any{arr}, args...)...)
	if v.IsNull() || v.IsUndefined() {
		return nil, false
	}
	return wrapList(v), true
}
