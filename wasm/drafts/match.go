package drafts

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// token is a word, a number or a single other character of the text, with
// its byte offsets. Words and numbers are split apart ("400mg" is 400, mg)
// so that patterns see "take 400mg" and "take 400 mg" alike.
type token struct {
	start, end int
	norm       string // lower case, ’ folded to '
	kind       byte   // 'w' word, 'n' number, 'p' anything else
}

func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.Is(unicode.Mn, r) }

func tokenize(s string) []token {
	var out []token
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		switch {
		case unicode.IsSpace(r):
			i += n
		case isWordRune(r):
			j := i + n
			for j < len(s) {
				r2, n2 := utf8.DecodeRuneInString(s[j:])
				if isWordRune(r2) {
					j += n2
					continue
				}
				// An apostrophe inside a word keeps it whole: "you've".
				if r2 == '\'' || r2 == '’' {
					if r3, _ := utf8.DecodeRuneInString(s[j+n2:]); isWordRune(r3) {
						j += n2
						continue
					}
				}
				break
			}
			norm := strings.ReplaceAll(strings.ToLower(s[i:j]), "’", "'")
			out = append(out, token{i, j, norm, 'w'})
			i = j
		case r >= '0' && r <= '9':
			j := i + 1
			for j < len(s) {
				c := s[j]
				if c >= '0' && c <= '9' || (c == '.' || c == ',') && j+1 < len(s) && s[j+1] >= '0' && s[j+1] <= '9' {
					j++
					continue
				}
				break
			}
			out = append(out, token{i, j, s[i:j], 'n'})
			i = j
		default:
			out = append(out, token{i, i + n, string(unicode.ToLower(r)), 'p'})
			i += n
		}
	}
	return out
}

// A pattern is a sequence of space-separated elements:
//
//	word      the word itself, case-insensitive; "100%" or "risk-free" are
//	          read as their tokens (100 %, risk - free)
//	#         any number
//	@name     any entry of the rule's class "name" (entries may be phrases)
//	*         any one word
//	*suffix   any word ending in suffix, longer than it: *itis
//	x?        the element x, or nothing
type elem struct {
	kind     byte // 'l' literal, 'n' number, 'c' class, 'a' any word, 's' suffix
	lit      string
	class    [][]string
	optional bool
}

type pattern struct {
	src   string
	elems []elem
}

func compilePattern(src string, classes map[string][][]string) (pattern, string) {
	p := pattern{src: src}
	for _, piece := range strings.Fields(src) {
		opt := false
		if len(piece) > 1 && strings.HasSuffix(piece, "?") {
			opt, piece = true, strings.TrimSuffix(piece, "?")
		}
		var es []elem
		switch {
		case piece == "#":
			es = []elem{{kind: 'n'}}
		case piece == "*":
			es = []elem{{kind: 'a'}}
		case strings.HasPrefix(piece, "*"):
			es = []elem{{kind: 's', lit: strings.ToLower(piece[1:])}}
		case strings.HasPrefix(piece, "@"):
			c, ok := classes[piece[1:]]
			if !ok {
				return p, "pattern " + quote(src) + " uses unknown class " + piece
			}
			es = []elem{{kind: 'c', class: c}}
		default:
			for _, t := range tokenize(piece) {
				es = append(es, elem{kind: 'l', lit: t.norm})
			}
		}
		if opt {
			if len(es) != 1 {
				return p, "pattern " + quote(src) + ": ? applies to one word only"
			}
			es[0].optional = true
		}
		p.elems = append(p.elems, es...)
	}
	if len(p.elems) == 0 {
		return p, "empty pattern"
	}
	return p, ""
}

// compileClass reads class entries as token sequences.
func compileClass(entries []string) [][]string {
	var out [][]string
	for _, e := range entries {
		var seq []string
		for _, t := range tokenize(e) {
			seq = append(seq, t.norm)
		}
		if len(seq) > 0 {
			out = append(out, seq)
		}
	}
	return out
}

// matchAt returns the index after the last token the pattern matches when
// it starts at token i, or -1.
func matchAt(toks []token, i int, els []elem) int {
	if len(els) == 0 {
		return i
	}
	e := els[0]
	if e.optional {
		if end := matchOne(toks, i, e, els[1:]); end >= 0 {
			return end
		}
		return matchAt(toks, i, els[1:])
	}
	return matchOne(toks, i, e, els[1:])
}

func matchOne(toks []token, i int, e elem, rest []elem) int {
	if e.kind == 'c' {
		for _, seq := range e.class {
			if i+len(seq) > len(toks) {
				continue
			}
			ok := true
			for k, w := range seq {
				if toks[i+k].norm != w {
					ok = false
					break
				}
			}
			if ok {
				if end := matchAt(toks, i+len(seq), rest); end >= 0 {
					return end
				}
			}
		}
		return -1
	}
	if i >= len(toks) {
		return -1
	}
	t := toks[i]
	switch e.kind {
	case 'l':
		if t.norm != e.lit {
			return -1
		}
	case 'n':
		if t.kind != 'n' {
			return -1
		}
	case 'a':
		if t.kind != 'w' {
			return -1
		}
	case 's':
		if t.kind != 'w' || len(t.norm) <= len(e.lit) || !strings.HasSuffix(t.norm, e.lit) {
			return -1
		}
	}
	return matchAt(toks, i+1, rest)
}

// match is one pattern hit: a byte span and its normalised words.
type match struct {
	Span
	norm string
}

// findAll returns the non-overlapping hits of any of the patterns, leftmost
// first and, at the same start, longest first.
func findAll(toks []token, ps []pattern) []match {
	var ms []match
	for i := range toks {
		best := -1
		for _, p := range ps {
			if end := matchAt(toks, i, p.elems); end > best {
				best = end
			}
		}
		if best > i {
			ms = append(ms, hit(toks, i, best))
		}
	}
	// Drop hits that start inside an earlier, kept one.
	var out []match
	for _, m := range ms {
		if len(out) > 0 && m.Start < out[len(out)-1].End {
			continue
		}
		out = append(out, m)
	}
	return out
}

func hit(toks []token, from, to int) match {
	words := make([]string, 0, to-from)
	for _, t := range toks[from:to] {
		words = append(words, t.norm)
	}
	return match{Span{toks[from].start, toks[to-1].end}, strings.Join(words, " ")}
}

func overlaps(a, b Span) bool { return a.Start < b.End && b.Start < a.End }

func quote(s string) string { return "\"" + s + "\"" }
