package triage

import "strings"

// Phrase syntax, used in a rule's match, with and unless lists. A phrase is
// folded like message text (see Fold), then read word by word:
//
//	chest pain        two words in a row
//	breath*           a word that starts with "breath"
//	*schmerz*         a word that contains "schmerz" (German compounds)
//	*weh              a word that ends with "weh"
//	cant|cannot       either word; an alternative is one word, never two
//	(cant|cannot) (breathe|breath)
//	                  neighbouring positions that both have alternatives
//	                  must each be put in parentheses, to say that every
//	                  alternative is meant as one word: "sie|bei dir" would
//	                  read as "sie|bei" then "dir", which is never meant.
//	                  Spell a multi-word alternative as a phrase of its own.
//	dog .. ate        "dog", then up to three other words, then "ate"
//	darf ich ... nehmen   the same with up to six words between
//	#                 a number ("took 30 tablets")
//
// A phrase never reaches across the end of a sentence or line.

type altKind uint8

const (
	exact altKind = iota
	prefix
	suffix
	infix
	number
)

type alt struct {
	w    string
	kind altKind
}

func (a alt) matches(w string) bool {
	switch a.kind {
	case prefix:
		return strings.HasPrefix(w, a.w)
	case suffix:
		return strings.HasSuffix(w, a.w)
	case infix:
		return strings.Contains(w, a.w)
	case number:
		return featureWord(w) == "#"
	}
	return w == a.w
}

// elem is one position of a phrase: a set of alternatives, or a gap of up to
// gap words when gap > 0. The alternatives are also kept in sets by kind,
// since word lists have hundreds of them: a word is then checked by looking
// up itself and its own beginnings and endings, not by trying every pattern.
type elem struct {
	alts     []alt
	few      []string        // the exact words, when there are at most fewWords
	exact    map[string]bool // the exact words, when there are more
	prefixes map[string]bool
	suffixes map[string]bool
	infixes  []string
	number   bool
	minFix   int // length of the shortest prefix or suffix
	maxFix   int // and of the longest
	gap      int
}

func (e *elem) matches(w string) bool {
	for _, x := range e.few {
		if x == w {
			return true
		}
	}
	if e.exact[w] {
		return true
	}
	if e.number && featureWord(w) == "#" {
		return true
	}
	for k := e.minFix; k <= e.maxFix && k <= len(w); k++ {
		if e.prefixes[w[:k]] || e.suffixes[w[len(w)-k:]] {
			return true
		}
	}
	for _, in := range e.infixes {
		if strings.Contains(w, in) {
			return true
		}
	}
	return false
}

// wild reports whether the position accepts more than a fixed set of words.
func (e *elem) wild() bool {
	return len(e.prefixes) > 0 || len(e.suffixes) > 0 || len(e.infixes) > 0 || e.number
}

// fewWords is how many exact words a position keeps in a list rather than
// a set: most positions have one or two, and comparing a few strings is
// cheaper than a set lookup and needs no allocation.
const fewWords = 4

// index fills the sets. A set stays nil when the position has no
// alternative of its kind (a nil map reads as empty), which spares most
// positions two or three allocations: rule packs have thousands of them.
func (e *elem) index() {
	e.minFix, e.maxFix = 1<<30, 0
	n := 0
	for _, a := range e.alts {
		if a.kind == exact {
			n++
		}
	}
	if n <= fewWords {
		e.few = make([]string, 0, n)
	}
	put := func(m *map[string]bool, w string) {
		if *m == nil {
			*m = map[string]bool{}
		}
		(*m)[w] = true
	}
	for _, a := range e.alts {
		switch a.kind {
		case exact:
			if e.few != nil {
				e.few = append(e.few, a.w)
			} else {
				put(&e.exact, a.w)
			}
		case prefix:
			put(&e.prefixes, a.w)
		case suffix:
			put(&e.suffixes, a.w)
		case infix:
			e.infixes = append(e.infixes, a.w)
		case number:
			e.number = true
		}
		if a.kind == prefix || a.kind == suffix {
			e.minFix, e.maxFix = min(e.minFix, len(a.w)), max(e.maxFix, len(a.w))
		}
	}
}

type phrase struct {
	src   string
	elems []elem
}

// maxGap is how many words ".." may skip, and maxLongGap how many "..."
// may: German puts the verb last ("darf ich das mit X nehmen").
const (
	maxGap     = 3
	maxLongGap = 6
)

// parsePhrase compiles one phrase. It returns "" as the error when the phrase
// is well-formed.
func parsePhrase(src string) (phrase, string) {
	p := phrase{src: src}
	fields := strings.Fields(src)
	p.elems = make([]elem, 0, len(fields))
	wrapped := make([]bool, len(fields))
	for i, field := range fields {
		if strings.HasPrefix(field, "(") || strings.HasSuffix(field, ")") {
			if !strings.HasPrefix(field, "(") || !strings.HasSuffix(field, ")") || !strings.Contains(field, "|") {
				return p, "phrase " + quote(src) + ": parentheses go around one position with alternatives, as in (cant|cannot)"
			}
			fields[i], wrapped[i] = field[1:len(field)-1], true
		}
		if i > 0 && strings.Contains(field, "|") && strings.Contains(fields[i-1], "|") && !(wrapped[i] && wrapped[i-1]) {
			return p, "phrase " + quote(src) + ": " + quote(fields[i-1]+" "+field) + " is ambiguous: an alternative is one word, so write a multi-word alternative as a phrase of its own, or put each position in parentheses, as in (cant|cannot) (breathe|breath)"
		}
	}
	for _, field := range fields {
		if field == ".." || field == "..." {
			if len(p.elems) == 0 {
				return p, "phrase " + quote(src) + " cannot start with a gap"
			}
			gap := maxGap
			if field == "..." {
				gap = maxLongGap
			}
			p.elems = append(p.elems, elem{gap: gap})
			continue
		}
		var e elem
		e.alts = make([]alt, 0, strings.Count(field, "|")+1)
		for _, a := range strings.Split(field, "|") {
			if a == "#" {
				e.alts = append(e.alts, alt{kind: number})
				continue
			}
			k := exact
			lead, trail := strings.HasPrefix(a, "*"), strings.HasSuffix(a, "*")
			switch {
			case lead && trail:
				k = infix
			case lead:
				k = suffix
			case trail:
				k = prefix
			}
			body := Fold(strings.Trim(a, "*"))
			if body == "" || strings.Contains(body, " ") {
				// "x-ray" folds to "x ray": spell such words with spaces
				// so each one is its own position.
				return p, "phrase " + quote(src) + ": " + quote(a) + " must be one word after folding (it reads " + quote(body) + ")"
			}
			if k != exact && len(body) < 3 {
				return p, "phrase " + quote(src) + ": wildcard word " + quote(a) + " is too short to be safe"
			}
			e.alts = append(e.alts, alt{w: body, kind: k})
		}
		e.index()
		p.elems = append(p.elems, e)
	}
	if len(p.elems) == 0 {
		return p, "empty phrase"
	}
	if p.elems[len(p.elems)-1].gap > 0 {
		return p, "phrase " + quote(src) + " cannot end with a gap"
	}
	return p, ""
}

// matchAt reports where the phrase ends when it matches at toks[i].
func (p *phrase) matchAt(toks []token, i int) (int, bool) {
	if i >= len(toks) || !p.elems[0].matches(toks[i].w) {
		return 0, false
	}
	return matchRest(p.elems[1:], toks, i+1)
}

func matchRest(es []elem, toks []token, i int) (int, bool) {
	if len(es) == 0 {
		return i, true
	}
	e := &es[0]
	if e.gap > 0 {
		for k := 0; k <= e.gap && i+k < len(toks); k++ {
			if k > 0 && toks[i+k-1].brk {
				break
			}
			if end, ok := matchRest(es[1:], toks, i+k); ok {
				return end, true
			}
		}
		return 0, false
	}
	if i >= len(toks) || toks[i].brk || !e.matches(toks[i].w) {
		return 0, false
	}
	return matchRest(es[1:], toks, i+1)
}

// negators turn the words right after them into a denial: "no chest pain",
// "keine Atemnot". Words that negate only in some phrases ("can't breathe")
// are not here; rules spell those phrases out.
var negators = map[string]bool{
	"no": true, "not": true, "never": true, "without": true, "dont": true, "didnt": true,
	"doesnt": true, "isnt": true, "arent": true, "wasnt": true, "werent": true, "hasnt": true,
	"havent": true, "hadnt": true, "nor": true, "denies": true, "nothing": true, "neither": true,
	"kein": true, "keine": true, "keinen": true, "keinem": true, "keiner": true, "keines": true,
	"nicht": true, "nie": true, "niemals": true, "ohne": true, "nix": true, "nichts": true,
}

// negationStop ends the reach of a negator: "no fever but chest pain".
var negationStop = map[string]bool{
	"but": true, "though": true, "however": true, "although": true, "aber": true, "jedoch": true, "doch": true, "sondern": true,
}

// negationWindow is how many words before a match a negator may stand.
const negationWindow = 3

func negated(toks []token, start int) bool {
	if toks[start].brk {
		return false
	}
	for j := start - 1; j >= 0 && j >= start-negationWindow; j-- {
		if negationStop[toks[j].w] {
			return false
		}
		if negators[toks[j].w] {
			return true
		}
		if toks[j].brk {
			return false
		}
	}
	return false
}

func quote(s string) string { return "\"" + s + "\"" }
