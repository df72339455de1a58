package page

// Batcher is implemented by nodes that can answer one question for many
// nodes in a single call. A live DOM pays for every call across the
// JS↔WebAssembly boundary, so an incremental scan of a hundred added
// subtrees asks once instead of a hundred times. Native pages need not
// implement it: the functions below fall back to the Node methods and give
// the same answers.
type Batcher interface {
	// RelevantIn reports, for each root, what Relevant reports for it.
	RelevantIn(roots []Node, sel, up string) []bool
	// QueryAllIn is QueryAllIn over roots; ok is false when the batch
	// could not be asked, and the caller then asks node by node.
	QueryAllIn(roots []Node, sel string) (nodes []Node, ok bool)
}

// Relevant returns the roots that match sel or hold a descendant matching
// it, or that have an ancestor matching up (ignored when ""), in order.
// Adapters use it to skip added subtrees in which they cannot find
// anything.
func Relevant(roots []Node, sel, up string) []Node {
	if len(roots) == 0 {
		return nil
	}
	var ok []bool
	if b, isB := roots[0].(Batcher); isB && len(roots) > 1 {
		ok = b.RelevantIn(roots, sel, up)
	}
	if len(ok) != len(roots) {
		ok = make([]bool, len(roots))
		for i, r := range roots {
			ok[i] = r.Matches(sel) || r.Query(sel) != nil || up != "" && r.Closest(up) != nil
		}
	}
	var out []Node
	for i, r := range roots {
		if ok[i] {
			out = append(out, r)
		}
	}
	return out
}

// QueryAllIn returns, root by root, the root itself when it matches sel
// and then its descendants that match, in document order. Roots must not
// lie inside one another, or nodes would be returned twice.
func QueryAllIn(roots []Node, sel string) []Node {
	if len(roots) == 0 {
		return nil
	}
	if b, isB := roots[0].(Batcher); isB && len(roots) > 1 {
		if out, ok := b.QueryAllIn(roots, sel); ok {
			return out
		}
	}
	var out []Node
	for _, r := range roots {
		if r.Matches(sel) {
			out = append(out, r)
		}
		out = append(out, r.QueryAll(sel)...)
	}
	return out
}
