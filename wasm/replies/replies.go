// Package replies holds Boundary's boundary replies: short, warm messages
// that move a patient or client from the clinician's personal account to
// the practice's own channels. Templates are rules of kind reply.template in
// rules/replies, one file per situation, profession and language; this
// package loads them, picks the ones that fit a clinic profile, fills them
// in and keeps the user's own edits across upgrades of the built-in pack.
//
// A template never renders an unfilled placeholder. Values it cannot do
// without make Render fail with a *MissingError naming them; values it can
// do without sit in optional sections (see parseText), and Suggest only
// offers templates that render, so a profile without, say, a business page
// gets the variant that points to the phone and email instead.
package replies

import (
	"errors"
	"io/fs"
	"path"
	"sort"
	"strconv"
	"strings"

	"github.com/boundaryhq/boundary/wasm/clinic"
	"github.com/boundaryhq/boundary/wasm/jsonw"
	"github.com/boundaryhq/boundary/wasm/rulepack"
	"github.com/tidwall/gjson"
)

// Template is one reply template.
type Template struct {
	ID        string
	Situation string
	Lang      string
	// Professions the template is written for; nil means every profession.
	Professions []string
	// Fallback templates are offered after the others: they exist for
	// profiles that lack what the main variant needs.
	Fallback bool
	// Version increases whenever the wording changes, so a user's edited
	// copy can tell that it was based on older wording.
	Version int
	Text    string
	// NeedsOneOf names variables of which at least one must be filled,
	// typically the ways to reach the clinic.
	NeedsOneOf []string
	Message    string // what the template is for, from the rule header
	Guidance   []string
	// Locked templates come from a clinic policy and cannot be overridden.
	Locked bool
	Source Source
	// Override is set on the user's edited copy of a built-in template.
	Override *OverrideInfo

	parts []part
}

// Source says where a template came from.
type Source string

const (
	Builtin Source = "builtin" // rules/replies in this release
	Policy  Source = "policy"  // the clinic's policy pack
	User    Source = "user"    // the user's own edits and additions
)

// Situation is a kind of message a reply answers.
type Situation struct {
	ID     string
	Labels map[string]string // by language: "Decline a friend request"
}

// Label returns the situation's name in lang, else in English.
func (s Situation) Label(lang string) string {
	if l, ok := s.Labels[lang]; ok {
		return l
	}
	return s.Labels["en"]
}

type guidanceInfo struct {
	jurisdiction string
	professions  []string
	message      string // the document's title, as the handout cites it
}

// Library is a loaded set of templates. It is never changed once built:
// ApplyPolicy and ApplyOverrides return new libraries, so the built-in one
// can be reused when the user's overrides change.
type Library struct {
	situations []Situation
	templates  map[string]*Template
	// builtin keeps the pack's own templates even when the user has
	// replaced one, to tell the user when the built-in wording moved on.
	builtin  map[string]*Template
	guidance map[string]guidanceInfo
}

// Dir is where the templates live in the rules tree.
const Dir = "replies"

// Load reads the template pack from fsys (normally rules.FS): the
// situations in replies/_situations.json, every replies/*.json template, and
// the guidance rules they cite. All problems are reported together.
func Load(fsys fs.FS) (*Library, error) {
	l := &Library{templates: map[string]*Template{}, builtin: map[string]*Template{}, guidance: map[string]guidanceInfo{}}
	var ps rulepack.Problems

	sit, err := fs.ReadFile(fsys, path.Join(Dir, "_situations.json"))
	if err != nil {
		return nil, err
	}
	l.situations, err = parseSituations(sit)
	if err != nil {
		return nil, errors.New(path.Join(Dir, "_situations.json") + ": " + err.Error())
	}

	g, err := rulepack.Load(fsys, "guidance")
	if err != nil {
		return nil, err
	}
	for _, r := range g.OfKind("guidance") {
		gi := guidanceInfo{jurisdiction: strings.ToUpper(r.Raw.Get("jurisdiction").Str), message: r.Message}
		for _, p := range r.Raw.Get("professions").Array() {
			gi.professions = append(gi.professions, p.Str)
		}
		l.guidance[r.ID] = gi
	}

	names, err := fs.Glob(fsys, path.Join(Dir, "*.json"))
	if err != nil {
		return nil, err
	}
	for _, name := range names {
		if strings.HasPrefix(path.Base(name), "_") {
			continue
		}
		data, err := fs.ReadFile(fsys, name)
		if err != nil {
			return nil, err
		}
		t, bad := l.parseTemplate(name, data)
		ps = append(ps, bad...)
		if t == nil {
			continue
		}
		if _, dup := l.templates[t.ID]; dup {
			ps = append(ps, rulepack.Problem{Path: name, Msg: "id " + t.ID + " is used twice"})
			continue
		}
		t.Source = Builtin
		l.templates[t.ID] = t
		l.builtin[t.ID] = t
	}
	if len(ps) > 0 {
		return nil, ps
	}
	if len(l.templates) == 0 {
		return nil, errors.New(Dir + ": no templates")
	}
	return l, nil
}

func parseSituations(data []byte) ([]Situation, error) {
	if !gjson.ValidBytes(data) {
		return nil, errors.New("not valid JSON")
	}
	var out []Situation
	for _, s := range gjson.GetBytes(data, "situations").Array() {
		sit := Situation{ID: s.Get("id").Str, Labels: map[string]string{}}
		s.Get("label").ForEach(func(k, v gjson.Result) bool {
			sit.Labels[k.Str] = v.Str
			return true
		})
		if sit.ID == "" || sit.Labels["en"] == "" {
			return nil, errors.New("every situation needs an id and an English label")
		}
		out = append(out, sit)
	}
	if len(out) == 0 {
		return nil, errors.New("no situations")
	}
	return out, nil
}

// parseTemplate reads one reply.template rule: the shared header through
// rulepack.Parse, then the kind's own fields.
func (l *Library) parseTemplate(name string, data []byte) (*Template, rulepack.Problems) {
	r, ps := rulepack.Parse(name, data)
	if r == nil {
		return nil, ps
	}
	if r.Kind != "reply.template" {
		return nil, rulepack.Problems{{Path: name, Msg: "kind must be reply.template"}}
	}
	bad := func(msg string) { ps = append(ps, rulepack.Problem{Path: name, Msg: msg}) }
	v := r.Raw
	t := &Template{
		ID:        r.ID,
		Situation: v.Get("situation").Str,
		Lang:      v.Get("lang").Str,
		Fallback:  v.Get("fallback").Bool(),
		Version:   int(v.Get("version").Int()),
		Text:      v.Get("text").Str,
		Message:   r.Message,
		Guidance:  r.Guidance,
		Locked:    v.Get("locked").Bool(),
	}
	if l.situation(t.Situation) == nil {
		bad("situation " + strconv.Quote(t.Situation) + " is not in " + Dir + "/_situations.json")
	}
	if !hasString(clinic.Languages, t.Lang) {
		bad("lang must be one of " + strings.Join(clinic.Languages, ", "))
	}
	if t.Version < 1 {
		bad("version must be a whole number from 1")
	}
	if msg := readProfessions(v, &t.Professions); msg != "" {
		bad(msg)
	}
	for _, n := range v.Get("needs_one_of").Array() {
		if !isVariable(n.Str) {
			bad("needs_one_of names unknown variable " + strconv.Quote(n.Str))
		}
		t.NeedsOneOf = append(t.NeedsOneOf, n.Str)
	}
	for _, g := range t.Guidance {
		if _, ok := l.guidance[g]; !ok {
			bad("guidance " + strconv.Quote(g) + " is not a guidance rule")
		}
	}
	parts, err := parseText(t.Text)
	if err != nil {
		bad("text: " + err.Error())
	} else if strings.TrimSpace(t.Text) == "" {
		bad("text must not be empty")
	}
	t.parts = parts
	if len(ps) > 0 {
		return nil, ps
	}
	return t, nil
}

func readProfessions(v gjson.Result, out *[]string) string {
	f := v.Get("professions")
	if !f.Exists() {
		return ""
	}
	if !f.IsArray() || len(f.Array()) == 0 {
		return "professions must be a non-empty list (leave it out for every profession)"
	}
	for _, p := range f.Array() {
		if !clinic.IsProfession(p.Str) {
			return "unknown profession " + strconv.Quote(p.Str)
		}
		*out = append(*out, p.Str)
	}
	return ""
}

func (l *Library) situation(id string) *Situation {
	for i := range l.situations {
		if l.situations[i].ID == id {
			return &l.situations[i]
		}
	}
	return nil
}

// Situations lists the situations in the order the panel offers them.
func (l *Library) Situations() []Situation { return l.situations }

// Languages lists the languages that have templates, sorted.
func (l *Library) Languages() []string {
	var out []string
	for _, t := range l.templates {
		if !hasString(out, t.Lang) {
			out = append(out, t.Lang)
		}
	}
	sort.Strings(out)
	return out
}

// Template returns the template with that id, or nil. A user's override
// stands in for the built-in it replaces.
func (l *Library) Template(id string) *Template { return l.templates[id] }

// Builtin returns the pack's own template with that id even when the user
// has replaced it, or nil.
func (l *Library) Builtin(id string) *Template { return l.builtin[id] }

// Templates returns every template, sorted by id.
func (l *Library) Templates() []*Template {
	out := make([]*Template, 0, len(l.templates))
	for _, t := range l.templates {
		out = append(out, t)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out
}

// For reports whether the template is written for that profession.
func (t *Template) For(profession string) bool {
	return t.Professions == nil || hasString(t.Professions, profession)
}

// Uses lists every variable the template mentions.
func (t *Template) Uses() []string { return uses(t.parts) }

// Guidance returns the ids of the guidance rules that apply to the
// profile's profession and country.
func (l *Library) Guidance(p *clinic.Profile) []string {
	var out []string
	for id, g := range l.guidance {
		if g.jurisdiction == p.Country && hasString(g.professions, p.Profession) {
			out = append(out, id)
		}
	}
	sort.Strings(out)
	return out
}

// MissingError says which values a template needs and the profile lacks.
type MissingError struct {
	Template string
	Fields   []string // each one is needed
	OneOf    []string // at least one of these is needed, and none is set
}

func (e *MissingError) Error() string {
	var b strings.Builder
	b.WriteString("template " + e.Template + " cannot be filled: missing ")
	if len(e.Fields) > 0 {
		b.WriteString(strings.Join(e.Fields, ", "))
		if len(e.OneOf) > 0 {
			b.WriteString("; and ")
		}
	}
	if len(e.OneOf) > 0 {
		b.WriteString("at least one of " + strings.Join(e.OneOf, ", "))
	}
	return b.String()
}

// Names returns every field the error mentions, for a settings page to
// highlight.
func (e *MissingError) Names() []string {
	return append(append([]string(nil), e.Fields...), e.OneOf...)
}

// Values are the variables a profile provides in one language. Defaulted
// names the ones taken from the jurisdiction rather than the user, so the
// panel can ask the user to confirm them.
func Values(p *clinic.Profile, lang string) (vals map[string]string, defaulted []string) {
	vals = map[string]string{
		"clinic_name":       p.ClinicName,
		"phone":             p.Phone,
		"email":             p.Email,
		"portal_url":        p.PortalURL,
		"business_page_url": p.BusinessPageURL,
		"emergency_number":  p.Emergency(),
		"complaints_url":    p.ComplaintsURL,
		"sign_off":          p.SignOff,
	}
	if p.Hours != nil {
		// Closed dates are for the handout and the triage; in a reply,
		// "closed on 2 dates" only raises a question it cannot answer.
		h := *p.Hours
		h.Closed = nil
		vals["hours"] = h.Describe(lang)
	}
	if p.EmergencyNumber == "" && vals["emergency_number"] != "" {
		defaulted = append(defaulted, "emergency_number")
	}
	var d bool
	if vals["out_of_hours"], d = p.OutOfHoursText(lang); d {
		defaulted = append(defaulted, "out_of_hours")
	}
	if vals["crisis_line"], d = p.CrisisLineText(lang); d {
		defaulted = append(defaulted, "crisis_line")
	}
	return vals, defaulted
}

// Render fills a template from the profile and vars (first_name, or any
// profile value to replace for this one reply). It fails with a
// *MissingError when a value the template cannot do without is empty.
func (l *Library) Render(templateID string, p *clinic.Profile, vars map[string]string) (string, error) {
	t := l.templates[templateID]
	if t == nil {
		return "", errors.New("no reply template " + strconv.Quote(templateID))
	}
	text, _, err := t.render(p, vars)
	return text, err
}

func (t *Template) render(p *clinic.Profile, vars map[string]string) (string, []string, error) {
	vals, defaulted := Values(p, t.Lang)
	for k, v := range vars {
		if !isVariable(k) {
			return "", nil, errors.New("unknown variable " + strconv.Quote(k) + "; known: " + strings.Join(Variables, ", "))
		}
		vals[k] = v
		for i, d := range defaulted {
			if d == k {
				defaulted = append(defaulted[:i:i], defaulted[i+1:]...)
				break
			}
		}
	}
	for k, v := range vals {
		vals[k] = oneLine(v)
	}
	miss := &MissingError{Template: t.ID}
	for _, n := range required(t.parts) {
		if vals[n] == "" {
			miss.Fields = append(miss.Fields, n)
		}
	}
	if len(t.NeedsOneOf) > 0 {
		some := false
		for _, n := range t.NeedsOneOf {
			some = some || vals[n] != ""
		}
		if !some {
			miss.OneOf = t.NeedsOneOf
		}
	}
	if len(miss.Fields) > 0 || len(miss.OneOf) > 0 {
		return "", nil, miss
	}
	var used []string
	for _, d := range defaulted {
		if hasString(t.Uses(), d) {
			used = append(used, d)
		}
	}
	return fill(t.parts, vals), used, nil
}

// Suggestion is a filled reply the panel can offer.
type Suggestion struct {
	TemplateID string
	Situation  string
	Lang       string
	Text       string
	// Guidance lists the cited guidance that applies to the profile's
	// profession and country.
	Guidance []string
	// Defaulted names values taken from the jurisdiction (NHS 111, 988…)
	// rather than from the profile, which the user should confirm.
	Defaulted []string
	Version   int
	Source    Source
	Locked    bool
	Override  *OverrideInfo
}

// Suggest returns the filled replies for a situation, best first: the
// user's own templates, then those written for fewer professions (so the
// vet's wording beats the generic one), then main variants before
// fallbacks. Templates that cannot be filled from the profile are left out;
// Blocked says why. lang "" means the profile's language; a language
// without templates falls back to English.
func (l *Library) Suggest(situation string, p *clinic.Profile, lang string) []Suggestion {
	ts := l.candidates(situation, p, lang)
	mine := l.Guidance(p)
	var out []Suggestion
	for _, t := range ts {
		text, defaulted, err := t.render(p, nil)
		if err != nil {
			continue
		}
		s := Suggestion{
			TemplateID: t.ID, Situation: t.Situation, Lang: t.Lang, Text: text,
			Defaulted: defaulted, Version: t.Version, Source: t.Source,
			Locked: t.Locked, Override: t.Override,
		}
		for _, g := range t.Guidance {
			if hasString(mine, g) {
				s.Guidance = append(s.Guidance, g)
			}
		}
		out = append(out, s)
	}
	return out
}

// Blocked returns, for each template that fits the situation, profession
// and language but cannot be filled from the profile, what it lacks. It
// explains an empty Suggest.
func (l *Library) Blocked(situation string, p *clinic.Profile, lang string) []*MissingError {
	var out []*MissingError
	for _, t := range l.candidates(situation, p, lang) {
		var m *MissingError
		if _, _, err := t.render(p, nil); errors.As(err, &m) {
			out = append(out, m)
		}
	}
	return out
}

// candidates are the templates for the situation, profession and language,
// in the order Suggest offers them.
func (l *Library) candidates(situation string, p *clinic.Profile, lang string) []*Template {
	if lang == "" {
		lang = p.Lang()
	}
	if !hasString(l.Languages(), lang) {
		lang = "en"
	}
	var ts []*Template
	for _, t := range l.templates {
		if t.Situation == situation && t.Lang == lang && t.For(p.Profession) {
			ts = append(ts, t)
		}
	}
	sort.Slice(ts, func(i, j int) bool {
		a, b := ts[i], ts[j]
		if (a.Source == User) != (b.Source == User) {
			return a.Source == User
		}
		if sa, sb := a.breadth(), b.breadth(); sa != sb {
			return sa < sb
		}
		if a.Fallback != b.Fallback {
			return !a.Fallback
		}
		return a.ID < b.ID
	})
	return ts
}

// breadth is how many professions a template is written for.
func (t *Template) breadth() int {
	if t.Professions == nil {
		return len(clinic.Professions)
	}
	return len(t.Professions)
}

// EncodeSuggestions writes suggestions as JSON for the extension's panel.
func EncodeSuggestions(ss []Suggestion) []byte {
	var w jsonw.Writer
	w.BeginArray()
	for _, s := range ss {
		w.BeginObject().
			FieldString("template", s.TemplateID).FieldString("situation", s.Situation).
			FieldString("lang", s.Lang).FieldString("text", s.Text).
			FieldStrings("guidance", s.Guidance).FieldStrings("defaulted", s.Defaulted).
			FieldInt("version", int64(s.Version)).FieldString("source", string(s.Source)).
			FieldBool("locked", s.Locked)
		if o := s.Override; o != nil {
			w.Key("override").BeginObject().
				FieldString("based_on", o.BasedOn).FieldInt("based_on_version", int64(o.BasedOnVersion)).
				FieldInt("builtin_version", int64(o.BuiltinVersion)).FieldBool("outdated", o.Outdated).
				EndObject()
		}
		w.EndObject()
	}
	return w.EndArray().Bytes()
}
