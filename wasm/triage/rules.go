package triage

import (
	"strconv"
	"strings"

	"github.com/boundaryhq/boundary/wasm/rulepack"
	"github.com/tidwall/gjson"
)

// A triage.rule file adds these fields to the shared header:
//
//	category  one of Categories: what a message that fires the rule is
//	lang      "en" or "de": the language its phrases are written in
//	weight    how strongly a firing pushes towards clinical, in log-odds
//	          (negative for rules that recognise personal chat); 0 makes
//	          the rule a word list that other rules name in "with" and
//	          that never fires on its own. Once the model is retrained
//	          with the rule, its learned weight "rule:<id>" is used
//	          instead, so this is the author's estimate until then
//	match     phrases (see phrase.go); the rule fires when one matches
//	with      optional phrases, one of which must also occur in the message
//	near      optional phrases, one of which must occur within nearReach
//	          words of the match (before or after it, not overlapping it):
//	          a concept and a cue that together make the case ("chest
//	          pain" near "sweaty", "lips swelling" near "after the prawns")
//	unless    optional guard phrases: a match is ignored when a guard
//	          matches within guardReach words of it ("dying to see you")
//	negation  optional, default true: ignore a match that a negator shortly
//	          before it denies ("no chest pain", "keine Atemnot"); near and
//	          with phrases are denied the same way
//
// In every list, "@rule-id" stands for the match phrases of that rule, which
// must be a word list (weight 0) that names no other rule itself: concept
// lexicons and cue lists are written once and shared.

// guardReach is how far from a match an unless phrase still guards it.
const guardReach = 6

// nearReach is how far from a match a near phrase may stand: about one
// short sentence on either side.
const nearReach = 10

type rule struct {
	id, category, lang, severity, message string
	weight                                float64
	match, with, near, unless             []phrase
	negation                              bool
	refs                                  map[string][]string // field → ids named with "@"
	positive, negative                    []string
}

func compileRule(r *rulepack.Rule) (*rule, rulepack.Problems) {
	var ps rulepack.Problems
	bad := func(msg string) { ps = append(ps, rulepack.Problem{Path: r.Path, Msg: msg}) }
	v := r.Raw
	ru := &rule{
		id: r.ID, severity: r.Severity, message: r.Message,
		category: v.Get("category").String(),
		lang:     v.Get("lang").String(),
		negation: true,
		refs:     map[string][]string{},
	}
	if categoryRank(ru.category) < 0 {
		bad("category must be one of " + strings.Join(Categories, ", "))
	}
	if ru.lang != "en" && ru.lang != "de" {
		bad("lang must be \"en\" or \"de\"")
	}
	w := v.Get("weight")
	if w.Type != gjson.Number {
		bad("weight must be a number (log-odds towards clinical)")
	}
	ru.weight = w.Float()
	if ru.category == "personal" && ru.weight > 0 || ru.category != "personal" && ru.weight < 0 {
		bad("weight must be negative for personal rules and positive for the others (0 for a word list)")
	}
	if n := v.Get("negation"); n.Exists() {
		if !n.IsBool() {
			bad("negation must be true or false")
		}
		ru.negation = n.Bool()
	}
	list := func(field string, required bool) []phrase {
		f := v.Get(field)
		if !f.Exists() {
			if required {
				bad("missing field " + field)
			}
			return nil
		}
		if !f.IsArray() || len(f.Array()) == 0 {
			bad(field + " must be a non-empty list of phrases")
			return nil
		}
		var out []phrase
		for _, x := range f.Array() {
			if x.Type != gjson.String {
				bad(field + " must hold strings")
				continue
			}
			if strings.HasPrefix(x.Str, "@") {
				ru.refs[field] = append(ru.refs[field], x.Str[1:])
				continue
			}
			p, msg := parsePhrase(x.Str)
			if msg != "" {
				bad(field + ": " + msg)
				continue
			}
			out = append(out, p)
		}
		return out
	}
	ru.match = list("match", true)
	ru.with = list("with", false)
	ru.near = list("near", false)
	ru.unless = list("unless", false)
	for _, x := range r.Positive {
		ru.positive = append(ru.positive, x.String())
	}
	for _, x := range r.Negative {
		ru.negative = append(ru.negative, x.String())
	}
	return ru, ps
}

// list reports whether the rule is a word list: it never fires as a rule of
// its own, but the model may weigh its matching.
func (r *rule) list() bool { return r.weight == 0 }

// hit is a rule that fired, with the words of its first counted match.
type hit struct {
	rule  *rule
	words string
}

// fires reports whether the rule fires on toks and with which words.
func (r *rule) fires(toks []token) (string, bool) {
	for i := range toks {
		for pi := range r.match {
			p := &r.match[pi]
			end, ok := p.matchAt(toks, i)
			if !ok || r.negation && negated(toks, i) || r.guarded(toks, i, end) {
				continue
			}
			if len(r.with) > 0 && !anyMatch(r.with, toks, r.negation) {
				return "", false
			}
			if len(r.near) == 0 {
				return words(toks[i:end]), true
			}
			if ns, ne, ok := r.nearBy(toks, i, end); ok {
				return nearWords(toks, i, end, ns, ne), true
			}
		}
	}
	return "", false
}

// nearBy finds the first near phrase that stands within nearReach words of
// the match [start, end) without overlapping it.
func (r *rule) nearBy(toks []token, start, end int) (int, int, bool) {
	for j := max(start-nearReach, 0); j < end+nearReach && j < len(toks); j++ {
		for pi := range r.near {
			if nend, ok := r.near[pi].matchAt(toks, j); ok && nearOK(span{j, nend, pi}, start, end) &&
				!(r.negation && negated(toks, j)) {
				return j, nend, true
			}
		}
	}
	return 0, 0, false
}

// nearOK reports whether a near phrase at n counts for the match [start, end):
// before it, after it, or inside one of its gaps ("took" a "whole" box of
// "pills"), but never on the match's own first or last word, so that one
// word cannot be both the concept and its cue.
func nearOK(n span, start, end int) bool {
	apart := n.end <= start || n.start >= end || n.start > start && n.end < end
	return apart && n.start >= start-nearReach && n.start < end+nearReach
}

// nearWords names both the match and the cue near it: "chest pain + sweaty".
func nearWords(toks []token, start, end, ns, ne int) string {
	return words(toks[start:end]) + " + " + words(toks[ns:ne])
}

func (r *rule) guarded(toks []token, start, end int) bool {
	lo, hi := start-guardReach, end+guardReach
	for gi := range r.unless {
		g := &r.unless[gi]
		for j := max(lo, 0); j < hi && j < len(toks); j++ {
			if gend, ok := g.matchAt(toks, j); ok && gend > lo {
				return true
			}
		}
	}
	return false
}

func anyMatch(ps []phrase, toks []token, negation bool) bool {
	for i := range toks {
		for pi := range ps {
			if _, ok := ps[pi].matchAt(toks, i); ok && !(negation && negated(toks, i)) {
				return true
			}
		}
	}
	return false
}

func words(toks []token) string {
	var b strings.Builder
	for i, t := range toks {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(t.w)
	}
	return b.String()
}

// Categories of message, most severe first. Thread and the choice between
// rules of different categories follow this order.
var Categories = []string{"emergency", "sensitive_info", "complaint", "medical_question", "appointment_admin", "personal"}

// categoryRank is the index in Categories, or -1.
func categoryRank(c string) int {
	for i, v := range Categories {
		if v == c {
			return i
		}
	}
	return -1
}

func ftoa(f float64, prec int) string { return strconv.FormatFloat(f, 'f', prec, 64) }
