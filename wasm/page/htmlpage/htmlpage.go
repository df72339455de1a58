// Package htmlpage implements package page over golang.org/x/net/html, the
// same HTML5 parsing algorithm browsers use, with CSS selectors matched by
// cascadia. It serves the native tests, the CLI and saved pages; it is never
// linked into the browser core.
package htmlpage

import (
	"bytes"
	"errors"
	"io"
	"strings"
	"sync"

	"github.com/andybalholm/cascadia"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/boundaryhq/boundary/wasm/page"
)

// Doc is a parsed page.
type Doc struct {
	url  string
	root *html.Node
}

// ErrNotHTML is returned for input that holds no markup at all.
var ErrNotHTML = errors.New("htmlpage: input holds no HTML elements")

// Parse reads an HTML document. Like a browser it accepts malformed markup;
// it fails only on read errors or on input without a single element.
func Parse(r io.Reader, url string) (*Doc, error) {
	data, err := io.ReadAll(r)
	if err != nil {
		return nil, err
	}
	if bytes.IndexByte(data, '<') < 0 {
		return nil, ErrNotHTML
	}
	root, err := html.Parse(bytes.NewReader(data))
	if err != nil {
		return nil, err
	}
	d := &Doc{url: url}
	for c := root.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.ElementNode {
			d.root = c
		}
	}
	if d.root == nil {
		return nil, ErrNotHTML
	}
	return d, nil
}

// ParseString is Parse over a string.
func ParseString(s, url string) (*Doc, error) { return Parse(strings.NewReader(s), url) }

// ParseFragment parses markup as the children of a <body>, the way a
// content script's serialized subtree arrives, and returns the top elements.
func ParseFragment(s string) ([]page.Node, error) {
	ctx := &html.Node{Type: html.ElementNode, Data: "body", DataAtom: atom.Body}
	nodes, err := html.ParseFragment(strings.NewReader(s), ctx)
	if err != nil {
		return nil, err
	}
	var out []page.Node
	for _, n := range nodes {
		if n.Type == html.ElementNode {
			out = append(out, Node{n})
		}
	}
	return out, nil
}

func (d *Doc) URL() string     { return d.url }
func (d *Doc) Root() page.Node { return Node{d.root} }
func (d *Doc) Lang() string    { return strings.ToLower(Node{d.root}.attr("lang")) }

// Node wraps an element node.
type Node struct{ n *html.Node }

// Wrap exposes an *html.Node as a page.Node; nil stays nil.
func Wrap(n *html.Node) page.Node {
	if n == nil {
		return nil
	}
	return Node{n}
}

// HTML returns the underlying node.
func (n Node) HTML() *html.Node { return n.n }

func (n Node) Tag() string { return n.n.Data }

func (n Node) attr(name string) string {
	v, _ := n.Attr(name)
	return v
}

func (n Node) Attr(name string) (string, bool) {
	for _, a := range n.n.Attr {
		if a.Namespace == "" && a.Key == name {
			return a.Val, true
		}
	}
	return "", false
}

func (n Node) Text() string {
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(x *html.Node) {
		for c := x.FirstChild; c != nil; c = c.NextSibling {
			switch c.Type {
			case html.TextNode:
				b.WriteString(c.Data)
			case html.ElementNode:
				walk(c)
			}
		}
	}
	walk(n.n)
	return b.String()
}

var (
	selMu    sync.Mutex
	selCache = map[string]cascadia.SelectorGroup{}
)

// compile caches parsed selectors; an unparsable one is cached as nil and
// matches nothing, as the page interface promises.
func compile(sel string) cascadia.SelectorGroup {
	selMu.Lock()
	defer selMu.Unlock()
	if g, ok := selCache[sel]; ok {
		return g
	}
	g, err := cascadia.ParseGroup(sel)
	if err != nil {
		g = nil
	}
	selCache[sel] = g
	return g
}

func (n Node) QueryAll(sel string) []page.Node {
	g := compile(sel)
	if g == nil {
		return nil
	}
	var out []page.Node
	var walk func(*html.Node)
	walk = func(x *html.Node) {
		for c := x.FirstChild; c != nil; c = c.NextSibling {
			if c.Type != html.ElementNode {
				continue
			}
			if g.Match(c) {
				out = append(out, Node{c})
			}
			walk(c)
		}
	}
	walk(n.n)
	return out
}

func (n Node) Query(sel string) page.Node {
	g := compile(sel)
	if g == nil {
		return nil
	}
	var found *html.Node
	var walk func(*html.Node) bool
	walk = func(x *html.Node) bool {
		for c := x.FirstChild; c != nil; c = c.NextSibling {
			if c.Type != html.ElementNode {
				continue
			}
			if g.Match(c) {
				found = c
				return true
			}
			if walk(c) {
				return true
			}
		}
		return false
	}
	walk(n.n)
	return Wrap(found)
}

func (n Node) Matches(sel string) bool {
	g := compile(sel)
	return g != nil && g.Match(n.n)
}

func (n Node) Closest(sel string) page.Node {
	g := compile(sel)
	if g == nil {
		return nil
	}
	for x := n.n; x != nil; x = x.Parent {
		if x.Type == html.ElementNode && g.Match(x) {
			return Node{x}
		}
	}
	return nil
}

func (n Node) Holder(sel string, limit int) page.Node {
	for x, i := n, 0; i <= limit; i++ {
		if x.Query(sel) != nil {
			return x
		}
		p := x.n.Parent
		if p == nil || p.Type != html.ElementNode {
			return nil
		}
		x = Node{p}
	}
	return nil
}

func (n Node) Parent() page.Node {
	p := n.n.Parent
	if p == nil || p.Type != html.ElementNode {
		return nil
	}
	return Node{p}
}

func (n Node) Contains(other page.Node) bool {
	o, ok := other.(Node)
	if !ok {
		return false
	}
	for x := o.n; x != nil; x = x.Parent {
		if x == n.n {
			return true
		}
	}
	return false
}

func (n Node) Same(other page.Node) bool {
	o, ok := other.(Node)
	return ok && o.n == n.n
}

// Seen is the native page.Seen.
type Seen map[*html.Node]struct{}

func (s Seen) Mark(n page.Node) bool {
	x := n.(Node).n
	if _, ok := s[x]; ok {
		return false
	}
	s[x] = struct{}{}
	return true
}
