// Package page is the one view of a web page that every site adapter,
// the classifier front end and the privacy audit work through.
//
// Two implementations exist: wasm/page/htmlpage parses HTML natively (tests,
// the CLI, saved pages) and wasm/jsdom wraps the live browser DOM. Adapters
// never learn which one they have, so the code that runs in the extension is
// exactly the code the native tests exercise.
//
// Selectors are plain CSS as understood by document.querySelectorAll. Keep
// them to the portable subset (tags, #id, .class, [attr], [attr=v], [attr^=v],
// [attr*=v], [attr$=v], descendant and child combinators, :not(), comma lists)
// so that the native matcher and the browser agree.
package page

// Node is an element of the page. Text nodes are never handed out: adapters
// read text through Text, which is the element's textContent.
type Node interface {
	// Tag is the lower-case tag name ("div", "a", "svg").
	Tag() string
	// Attr returns the attribute's value and whether it is present.
	Attr(name string) (string, bool)
	// Text is the concatenated text of the node and its descendants, as
	// textContent would give it (script and style contents included, so
	// adapters should not call it on large containers).
	Text() string
	// QueryAll returns the descendants that match sel, in document order.
	// A selector the implementation cannot parse yields no nodes.
	QueryAll(sel string) []Node
	// Query returns the first descendant that matches sel, or nil.
	Query(sel string) Node
	// Matches reports whether the node itself matches sel.
	Matches(sel string) bool
	// Closest returns the nearest inclusive ancestor matching sel, or nil.
	Closest(sel string) Node
	// Holder returns the nearest inclusive ancestor that has a descendant
	// matching sel, climbing at most limit levels, or nil. It is
	// closest(":has(sel)") without the cost browsers pay for :has.
	Holder(sel string, limit int) Node
	// Parent returns the parent element, or nil at the root.
	Parent() Node
	// Contains reports whether other is this node or one of its descendants.
	Contains(other Node) bool
	// Same reports whether other refers to the same underlying element.
	Same(other Node) bool
}

// Document is a whole page: its address and its root element.
type Document interface {
	// URL is the page's address as the browser shows it.
	URL() string
	// Root is the <html> element.
	Root() Node
	// Lang is the document's UI language from <html lang>, lower-cased, or "".
	Lang() string
}

// Seen remembers which nodes a scan has already handled, so that incremental
// scans do work proportional to what is new. Browser implementations use a
// WeakSet; native ones a map.
type Seen interface {
	// Mark records n and reports whether it was new.
	Mark(n Node) bool
}

// AttrOr returns the attribute's value or "" when it is absent.
func AttrOr(n Node, name string) string {
	if n == nil {
		return ""
	}
	v, _ := n.Attr(name)
	return v
}
