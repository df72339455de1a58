package triage

// The scanner runs every rule over a message in one pass. Each phrase is
// filed under the exact words its first position accepts; phrases whose first
// position has wildcards are tried at every word. A phrase is then only
// followed further where its first word is present, which keeps the cost
// close to the message length rather than to the number of phrases.
// rule.fires is the plain reference that the tests hold the scanner to.

const (
	roleMatch uint8 = iota
	roleWith
	roleUnless
	roleNear
)

type pref struct {
	rule int
	role uint8
	idx  int // position in the rule's list
	p    *phrase
}

type span struct{ start, end, idx int }

type index struct {
	first    map[string][]pref // by an exact first word
	prefixes map[string][]pref // by a prefix of the first word
	suffixes map[string][]pref // by a suffix of the first word
	wild     []pref            // first position has infixes or numbers
	minFix   int
	maxFix   int
}

func buildIndex(rules []*rule) *index {
	ix := &index{first: map[string][]pref{}, prefixes: map[string][]pref{}, suffixes: map[string][]pref{}, minFix: 1 << 30}
	// add keeps each word's list in rule, role and phrase order, the order
	// in which refs arrive here, so results never depend on map order. A
	// word given twice in one position is listed once.
	add := func(m map[string][]pref, w string, ref pref) {
		l := m[w]
		if n := len(l); n > 0 && l[n-1].p == ref.p {
			return
		}
		m[w] = append(l, ref)
	}
	for ri, r := range rules {
		for role, ps := range [][]phrase{r.match, r.with, r.unless, r.near} {
			for pi := range ps {
				ref := pref{ri, uint8(role), pi, &ps[pi]}
				e := &ps[pi].elems[0]
				for _, a := range e.alts {
					switch a.kind {
					case exact:
						add(ix.first, a.w, ref)
					case prefix:
						add(ix.prefixes, a.w, ref)
					case suffix:
						add(ix.suffixes, a.w, ref)
					}
					if a.kind == prefix || a.kind == suffix {
						ix.minFix, ix.maxFix = min(ix.minFix, len(a.w)), max(ix.maxFix, len(a.w))
					}
				}
				if len(e.infixes) > 0 || e.number {
					ix.wild = append(ix.wild, ref)
				}
			}
		}
	}
	return ix
}

type ruleState struct {
	matches []span
	guards  []span
	near    []span
	withOK  bool
}

// scan returns the rules that fire, in rule order, with the words of the
// first counted match of each.
func (c *Classifier) scan(toks []token) []hit {
	st := make([]ruleState, len(c.rules))
	try := func(ref pref, i int) {
		end, ok := matchRest(ref.p.elems[1:], toks, i+1)
		if !ok {
			return
		}
		s := &st[ref.rule]
		switch ref.role {
		case roleMatch:
			s.matches = append(s.matches, span{i, end, ref.idx})
		case roleWith:
			if !s.withOK && !(c.rules[ref.rule].negation && negated(toks, i)) {
				s.withOK = true
			}
		case roleUnless:
			s.guards = append(s.guards, span{i, end, ref.idx})
		case roleNear:
			if !(c.rules[ref.rule].negation && negated(toks, i)) {
				s.near = append(s.near, span{i, end, ref.idx})
			}
		}
	}
	// A phrase can reach a word by several of its first alternatives; it
	// is followed once per word.
	tried := make(map[*phrase]int, 16)
	for i := range toks {
		w := toks[i].w
		once := func(ref pref) {
			if tried[ref.p] != i+1 {
				tried[ref.p] = i + 1
				try(ref, i)
			}
		}
		for _, ref := range c.ix.first[w] {
			once(ref)
		}
		for k := c.ix.minFix; k <= c.ix.maxFix && k <= len(w); k++ {
			for _, ref := range c.ix.prefixes[w[:k]] {
				once(ref)
			}
			for _, ref := range c.ix.suffixes[w[len(w)-k:]] {
				once(ref)
			}
		}
		for _, ref := range c.ix.wild {
			if ref.p.elems[0].matches(w) {
				once(ref)
			}
		}
	}
	var hits []hit
	for ri, r := range c.rules {
		s := &st[ri]
		if len(s.matches) == 0 || len(r.with) > 0 && !s.withOK {
			continue
		}
		sortSpans(s.matches)
		for _, m := range s.matches {
			if r.negation && negated(toks, m.start) || guardedBy(s.guards, m) {
				continue
			}
			if len(r.near) == 0 {
				hits = append(hits, hit{r, words(toks[m.start:m.end])})
				break
			}
			if n, ok := firstNear(s.near, m); ok {
				hits = append(hits, hit{r, nearWords(toks, m.start, m.end, n.start, n.end)})
				break
			}
		}
	}
	return hits
}

// firstNear is the near phrase rule.nearBy would find for m: the first by
// start, then by place in the rule.
func firstNear(near []span, m span) (span, bool) {
	best, found := span{}, false
	for _, n := range near {
		if nearOK(n, m.start, m.end) && (!found || n.start < best.start || n.start == best.start && n.idx < best.idx) {
			best, found = n, true
		}
	}
	return best, found
}

func guardedBy(guards []span, m span) bool {
	lo, hi := m.start-guardReach, m.end+guardReach
	for _, g := range guards {
		if g.start < hi && g.end > lo && g.start >= lo {
			return true
		}
	}
	return false
}

// sortSpans orders matches as rule.fires meets them: by start, then by the
// phrase's place in the rule.
func sortSpans(ms []span) {
	for i := 1; i < len(ms); i++ {
		for j := i; j > 0 && (ms[j].start < ms[j-1].start || ms[j].start == ms[j-1].start && ms[j].idx < ms[j-1].idx); j-- {
			ms[j], ms[j-1] = ms[j-1], ms[j]
		}
	}
}
