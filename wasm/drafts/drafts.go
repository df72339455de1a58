// Package drafts checks what the clinician is typing, before it is sent or
// posted: a tone that is too casual for a patient or client, advice that
// does not belong on social media (doses, diagnoses, promises), and
// anything that could identify a patient. Checks are rules of kind
// draft.check in rules/drafts; each returns byte spans so the panel can
// underline the words, and a stable id so the panel can remember what the
// user dismissed in a conversation.
//
// A check extends one of four types:
//
//	phrases   words and phrases in a small pattern language (see pattern),
//	          per language, with "unless" patterns for the harmless uses
//	near      a phrase that only counts with a detail nearby: "a patient of
//	          mine" with an age, a date or a diagnosis within "within" bytes
//	emoji     more than "max" emoji in one message
//	names     a name from the patient list, found by the caller's matcher
//
// "when": "to_patient" limits a check to replies to someone flagged as a
// patient or client; "always" applies it to every post, comment and message.
package drafts

import (
	"hash/fnv"
	"io/fs"
	"path"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/boundaryhq/boundary/wasm/jsonw"
	"github.com/boundaryhq/boundary/wasm/rulepack"
	"github.com/tidwall/gjson"
)

// Span is a byte range of the checked text, end exclusive.
type Span struct{ Start, End int }

// Context is what the caller knows about where the text is going.
type Context struct {
	// Lang is the language the text is written in ("en", "de"); "" checks
	// the patterns of every language.
	Lang string
	// UILang is the language of the messages; "" is English.
	UILang string
	// ToPatient is set when the reply goes to someone the user flagged
	// as a patient or client.
	ToPatient bool
	// Recipient is the name of the person being replied to; naming them
	// to their face is not a leak.
	Recipient string
	// Patients finds names from the patient list in text. Nil skips the
	// names check.
	Patients func(text string) []Span
	// Guidance is the guidance that applies to the user's profession and
	// country; findings cite only those. Nil keeps every citation.
	Guidance []string
}

// Finding is one problem in the text.
type Finding struct {
	// ID stays the same while the user edits around the words: the rule
	// id, plus the matched words for rules that can match different ones.
	ID          string
	Rule        string
	Severity    string
	Message     string
	Explanation string
	Guidance    []string
	Spans       []Span // sorted, byte offsets into the text
}

type check struct {
	id, kind, when string
	severity       string
	msg, expl      map[string]string // by UI language; "en" always set
	guidance       []string
	patterns       map[string][]pattern // by text language
	unless         map[string][]pattern
	near           map[string][]pattern
	within         int
	max            int
}

// Checker runs the checks of a rule pack.
type Checker struct{ checks []*check }

// Dir is where the checks live in the rules tree.
const Dir = "drafts"

var kinds = []string{"phrases", "near", "emoji", "names"}

// Load reads every drafts/*.json rule from fsys (normally rules.FS).
func Load(fsys fs.FS) (*Checker, error) {
	names, err := fs.Glob(fsys, path.Join(Dir, "*.json"))
	if err != nil {
		return nil, err
	}
	c := &Checker{}
	var ps rulepack.Problems
	for _, name := range names {
		if strings.HasPrefix(path.Base(name), "_") {
			continue
		}
		data, err := fs.ReadFile(fsys, name)
		if err != nil {
			return nil, err
		}
		ch, bad := parseCheck(name, data)
		ps = append(ps, bad...)
		if ch != nil {
			c.checks = append(c.checks, ch)
		}
	}
	if len(ps) > 0 {
		return nil, ps
	}
	return c, nil
}

func parseCheck(name string, data []byte) (*check, rulepack.Problems) {
	r, ps := rulepack.Parse(name, data)
	if r == nil {
		return nil, ps
	}
	bad := func(msg string) { ps = append(ps, rulepack.Problem{Path: name, Msg: msg}) }
	if r.Kind != "draft.check" {
		bad("kind must be draft.check")
		return nil, ps
	}
	v := r.Raw
	ch := &check{
		id: r.ID, kind: v.Get("check").Str, when: v.Get("when").Str, severity: r.Severity,
		msg: map[string]string{"en": r.Message}, expl: map[string]string{"en": r.Explanation},
		guidance: r.Guidance, within: int(v.Get("near.within").Int()), max: int(v.Get("max").Int()),
	}
	if !hasString(kinds, ch.kind) {
		bad("check must be one of " + strings.Join(kinds, ", "))
	}
	if ch.when != "always" && ch.when != "to_patient" {
		bad("when must be always or to_patient")
	}
	v.Get("translations").ForEach(func(lang, t gjson.Result) bool {
		ch.msg[lang.Str], ch.expl[lang.Str] = t.Get("message").Str, t.Get("explanation").Str
		if ch.msg[lang.Str] == "" || ch.expl[lang.Str] == "" {
			bad("translations." + lang.Str + " needs a message and an explanation")
		}
		return true
	})
	classes := map[string][][]string{}
	v.Get("classes").ForEach(func(k, list gjson.Result) bool {
		var entries []string
		for _, e := range list.Array() {
			entries = append(entries, e.Str)
		}
		classes[k.Str] = compileClass(entries)
		return true
	})
	compile := func(field string) map[string][]pattern {
		out := map[string][]pattern{}
		v.Get(field).ForEach(func(lang, list gjson.Result) bool {
			for _, src := range list.Array() {
				p, msg := compilePattern(src.Str, classes)
				if msg != "" {
					bad(field + "." + lang.Str + ": " + msg)
					continue
				}
				out[lang.Str] = append(out[lang.Str], p)
			}
			return true
		})
		return out
	}
	ch.patterns = compile("patterns")
	ch.unless = compile("unless")
	ch.near = compile("near.patterns")
	switch ch.kind {
	case "phrases", "near":
		if len(ch.patterns) == 0 {
			bad(ch.kind + " checks need patterns")
		}
		if ch.kind == "near" && (len(ch.near) == 0 || ch.within <= 0) {
			bad("near checks need near.patterns and near.within")
		}
	case "emoji":
		if ch.max < 1 {
			bad("emoji checks need max of at least 1")
		}
	}
	if len(ps) > 0 {
		return nil, ps
	}
	return ch, nil
}

// IDs lists the checks' rule ids.
func (c *Checker) IDs() []string {
	var out []string
	for _, ch := range c.checks {
		out = append(out, ch.id)
	}
	return out
}

// Check returns the findings in text, ordered by where they start.
func (c *Checker) Check(text string, ctx Context) []Finding {
	var toks []token
	var out []Finding
	for _, ch := range c.checks {
		if ch.when == "to_patient" && !ctx.ToPatient {
			continue
		}
		if (ch.kind == "phrases" || ch.kind == "near") && toks == nil {
			toks = tokenize(text)
		}
		switch ch.kind {
		case "phrases":
			out = append(out, ch.phrases(toks, ctx)...)
		case "near":
			out = append(out, ch.nearby(toks, ctx)...)
		case "emoji":
			if sp := emojiSpans(text); len(sp) > ch.max {
				f := ch.finding(ch.id, ctx)
				f.Spans = sp
				out = append(out, f)
			}
		case "names":
			out = append(out, ch.names(text, ctx)...)
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Spans[0].Start < out[j].Spans[0].Start })
	return out
}

// forLang returns the check's patterns in the text's language, or in every
// language when it is not known.
func (ch *check) forLang(m map[string][]pattern, lang string) []pattern {
	if lang != "" {
		return m[lang]
	}
	var out []pattern
	for _, ps := range m {
		out = append(out, ps...)
	}
	return out
}

// hits are the pattern matches not excused by an unless pattern.
func (ch *check) hits(toks []token, m map[string][]pattern, lang string) []match {
	ms := findAll(toks, ch.forLang(m, lang))
	if len(ms) == 0 {
		return nil
	}
	excused := findAll(toks, ch.forLang(ch.unless, lang))
	var out []match
	for _, m := range ms {
		ok := true
		for _, e := range excused {
			if overlaps(m.Span, e.Span) {
				ok = false
				break
			}
		}
		if ok {
			out = append(out, m)
		}
	}
	return out
}

func (ch *check) phrases(toks []token, ctx Context) []Finding {
	var out []Finding
	byID := map[string]int{}
	for _, m := range ch.hits(toks, ch.patterns, ctx.Lang) {
		id := ch.id + ":" + m.norm
		if i, ok := byID[id]; ok {
			out[i].Spans = append(out[i].Spans, m.Span)
			continue
		}
		f := ch.finding(id, ctx)
		f.Spans = []Span{m.Span}
		byID[id] = len(out)
		out = append(out, f)
	}
	return out
}

// nearby reports a trigger only when a detail stands within ch.within
// bytes of it, on either side; the finding underlines both.
func (ch *check) nearby(toks []token, ctx Context) []Finding {
	triggers := ch.hits(toks, ch.patterns, ctx.Lang)
	if len(triggers) == 0 {
		return nil
	}
	details := ch.hits(toks, ch.near, ctx.Lang)
	var out []Finding
	for _, t := range triggers {
		spans := []Span{t.Span}
		for _, d := range details {
			if overlaps(d.Span, t.Span) {
				continue
			}
			if d.Start-t.End <= ch.within && t.Start-d.End <= ch.within {
				spans = append(spans, d.Span)
			}
		}
		if len(spans) == 1 {
			continue
		}
		sort.Slice(spans, func(i, j int) bool { return spans[i].Start < spans[j].Start })
		f := ch.finding(ch.id+":"+t.norm, ctx)
		f.Spans = spans
		out = append(out, f)
	}
	return out
}

func (ch *check) names(text string, ctx Context) []Finding {
	if ctx.Patients == nil {
		return nil
	}
	recipient := strings.ToLower(strings.Join(strings.Fields(ctx.Recipient), " "))
	first, _, _ := strings.Cut(recipient, " ")
	var out []Finding
	byID := map[string]int{}
	for _, s := range ctx.Patients(text) {
		if s.Start < 0 || s.End > len(text) || s.Start >= s.End || !utf8.RuneStart(text[s.Start]) || s.End < len(text) && !utf8.RuneStart(text[s.End]) {
			continue // a matcher bug must not make the panel underline garbage
		}
		name := strings.ToLower(strings.Join(strings.Fields(text[s.Start:s.End]), " "))
		if recipient != "" && (name == recipient || name == first) {
			continue
		}
		// The id must not carry the name into storage.
		h := fnv.New32a()
		h.Write([]byte(name))
		id := ch.id + ":" + strconv.FormatUint(uint64(h.Sum32()), 16)
		if i, ok := byID[id]; ok {
			out[i].Spans = append(out[i].Spans, s)
			continue
		}
		f := ch.finding(id, ctx)
		f.Spans = []Span{s}
		byID[id] = len(out)
		out = append(out, f)
	}
	for i := range out {
		sort.Slice(out[i].Spans, func(a, b int) bool { return out[i].Spans[a].Start < out[i].Spans[b].Start })
	}
	return out
}

func (ch *check) finding(id string, ctx Context) Finding {
	lang := ctx.UILang
	if _, ok := ch.msg[lang]; !ok {
		lang = "en"
	}
	f := Finding{ID: id, Rule: ch.id, Severity: ch.severity, Message: ch.msg[lang], Explanation: ch.expl[lang]}
	for _, g := range ch.guidance {
		if ctx.Guidance == nil || hasString(ctx.Guidance, g) {
			f.Guidance = append(f.Guidance, g)
		}
	}
	return f
}

// EncodeFindings writes findings as JSON for the extension. Each span has
// byte offsets and UTF-16 offsets, which is what JavaScript strings and
// DOM ranges count in.
func EncodeFindings(text string, found []Finding) []byte {
	var w jsonw.Writer
	w.BeginArray()
	for _, f := range found {
		w.BeginObject().
			FieldString("id", f.ID).FieldString("rule", f.Rule).FieldString("severity", f.Severity).
			FieldString("message", f.Message).FieldString("explanation", f.Explanation).
			FieldStrings("guidance", f.Guidance)
		w.Key("spans").BeginArray()
		for _, s := range f.Spans {
			w.BeginObject().FieldInt("start", int64(s.Start)).FieldInt("end", int64(s.End)).
				FieldInt("start16", int64(utf16Len(text[:s.Start]))).FieldInt("end16", int64(utf16Len(text[:s.End]))).
				EndObject()
		}
		w.EndArray().EndObject()
	}
	return w.EndArray().Bytes()
}

func utf16Len(s string) int {
	n := 0
	for _, r := range s {
		if r >= 0x10000 {
			n += 2
		} else {
			n++
		}
	}
	return n
}

func hasString(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}
