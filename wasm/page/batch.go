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

// Read names one value to read from a node: the attribute Attr, or the
// text content when Attr is "", of the node itself or, when Sel is not "",
// of its first descendant that matches Sel.
type Read struct{ Sel, Attr string }

// Value is what a Read found. OK is false when there is no such element or
// attribute.
type Value struct {
	S  string
	OK bool
}

// Reader is implemented by nodes that can read many values in one call,
// for the same reason as Batcher.
type Reader interface {
	// ReadIn returns, node by node, one Value per read: len(nodes) ×
	// len(reads) values. ok is false when the batch could not be asked.
	ReadIn(nodes []Node, reads []Read) (vals []Value, ok bool)
}

// ReadAll returns, node by node, one Value per read: the value of read j
// for nodes[i] is at i*len(reads)+j.
func ReadAll(nodes []Node, reads []Read) []Value {
	if len(nodes) == 0 || len(reads) == 0 {
		return nil
	}
	if r, isR := nodes[0].(Reader); isR {
		if vals, ok := r.ReadIn(nodes, reads); ok && len(vals) == len(nodes)*len(reads) {
			return vals
		}
	}
	vals := make([]Value, 0, len(nodes)*len(reads))
	for _, n := range nodes {
		for _, rd := range reads {
			vals = append(vals, readOne(n, rd))
		}
	}
	return vals
}

func readOne(n Node, rd Read) Value {
	el := n
	if rd.Sel != "" {
		if el = n.Query(rd.Sel); el == nil {
			return Value{}
		}
	}
	if rd.Attr == "" {
		return Value{el.Text(), true}
	}
	s, ok := el.Attr(rd.Attr)
	return Value{s, ok}
}

// SeenBatcher is implemented by a Seen that can mark many nodes in one call.
type SeenBatcher interface {
	// MarkIn is MarkAll; ok is false when the batch could not be asked.
	MarkIn(nodes []Node) (isNew []bool, ok bool)
}

// MarkAll marks the nodes in order and reports, for each, whether it was
// new: a node listed twice is new only the first time.
func MarkAll(s Seen, nodes []Node) []bool {
	if b, isB := s.(SeenBatcher); isB && len(nodes) > 0 {
		if isNew, ok := b.MarkIn(nodes); ok && len(isNew) == len(nodes) {
			return isNew
		}
	}
	isNew := make([]bool, len(nodes))
	for i, n := range nodes {
		isNew[i] = s.Mark(n)
	}
	return isNew
}

// Climber is implemented by nodes that can climb from many nodes in one
// call, for the same reason as Batcher.
type Climber interface {
	// HolderIn returns Holder(sel, limit) of each node (nil where none);
	// ok is false when the batch could not be asked.
	HolderIn(nodes []Node, sel string, limit int) (holders []Node, ok bool)
	// ClosestIn returns Closest(sel) of each node (nil where none).
	ClosestIn(nodes []Node, sel string) (found []Node, ok bool)
}

// HolderAll returns, for each node, its Holder(sel, limit), or nil.
func HolderAll(nodes []Node, sel string, limit int) []Node {
	if c, isC := first(nodes).(Climber); isC {
		if out, ok := c.HolderIn(nodes, sel, limit); ok && len(out) == len(nodes) {
			return out
		}
	}
	out := make([]Node, len(nodes))
	for i, n := range nodes {
		out[i] = n.Holder(sel, limit)
	}
	return out
}

// ClosestAll returns, for each node, its Closest(sel), or nil.
func ClosestAll(nodes []Node, sel string) []Node {
	if c, isC := first(nodes).(Climber); isC {
		if out, ok := c.ClosestIn(nodes, sel); ok && len(out) == len(nodes) {
			return out
		}
	}
	out := make([]Node, len(nodes))
	for i, n := range nodes {
		out[i] = n.Closest(sel)
	}
	return out
}

func first(nodes []Node) Node {
	if len(nodes) == 0 {
		return nil
	}
	return nodes[0]
}
