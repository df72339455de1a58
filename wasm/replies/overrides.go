package replies

import (
	"strconv"
	"strings"

	"github.com/boundaryhq/boundary/wasm/clinic"
	"github.com/boundaryhq/boundary/wasm/jsonw"
	"github.com/tidwall/gjson"
)

// The user's edits live apart from the built-in pack, as a list of
// overrides the extension keeps in storage:
//
//	{"overrides": [
//	  {"template": "after_hours.all.en", "based_on_version": 2,
//	   "situation": "after_hours", "lang": "en", "text": "…"},
//	  {"template": "user.after_hours.short", "situation": "after_hours",
//	   "lang": "en", "professions": ["nurse"], "text": "…"}
//	]}
//
// An override with based_on_version replaces the built-in template of the
// same id; one without adds a template, whose id must start with "user.".
// Because the override is stored whole (situation and language included),
// it survives an upgrade that rewords or even removes the built-in, and
// OverrideInfo tells the user when the built-in moved on. Resetting a
// template to the built-in wording is deleting its override.

// Override is one stored user edit.
type Override struct {
	Template       string
	BasedOnVersion int // 0 for a template the user added
	Situation      string
	Lang           string
	Professions    []string // nil: every profession
	Text           string
}

// OverrideInfo relates a user's copy to the built-in it was based on.
type OverrideInfo struct {
	BasedOn        string
	BasedOnVersion int
	// BuiltinVersion is the built-in's version in this release, 0 if the
	// release no longer has it.
	BuiltinVersion int
	// Outdated is set when the built-in wording changed since the copy
	// was made: the panel offers to compare or reset.
	Outdated bool
}

// OverrideError is one override that could not be applied.
type OverrideError struct {
	Template string
	Msg      string
}

func (e OverrideError) Error() string { return e.Template + ": " + e.Msg }

// OverrideErrors lists every override that was skipped.
type OverrideErrors []OverrideError

func (es OverrideErrors) Error() string {
	s := make([]string, len(es))
	for i, e := range es {
		s[i] = e.Error()
	}
	return strings.Join(s, "\n")
}

// ParseOverrides reads the stored overrides.
func ParseOverrides(data []byte) ([]Override, error) {
	if len(strings.TrimSpace(string(data))) == 0 {
		return nil, nil
	}
	if !gjson.ValidBytes(data) {
		return nil, OverrideErrors{{Msg: "overrides are not valid JSON"}}
	}
	var out []Override
	for _, o := range gjson.GetBytes(data, "overrides").Array() {
		ov := Override{
			Template:       o.Get("template").Str,
			BasedOnVersion: int(o.Get("based_on_version").Int()),
			Situation:      o.Get("situation").Str,
			Lang:           o.Get("lang").Str,
			Text:           o.Get("text").Str,
		}
		for _, p := range o.Get("professions").Array() {
			ov.Professions = append(ov.Professions, p.Str)
		}
		out = append(out, ov)
	}
	return out, nil
}

// EncodeOverrides writes overrides in the form ParseOverrides reads.
func EncodeOverrides(os []Override) []byte {
	var w jsonw.Writer
	w.BeginObject().Key("overrides").BeginArray()
	for _, o := range os {
		w.BeginObject().FieldString("template", o.Template)
		if o.BasedOnVersion > 0 {
			w.FieldInt("based_on_version", int64(o.BasedOnVersion))
		}
		w.FieldString("situation", o.Situation).FieldString("lang", o.Lang)
		if o.Professions != nil {
			w.FieldStrings("professions", o.Professions)
		}
		w.FieldString("text", o.Text).EndObject()
	}
	return w.EndArray().EndObject().Bytes()
}

// NewOverride makes the user's copy of a template with new text, recording
// the built-in version it is based on. It fails for locked templates and
// for text that does not parse.
func (l *Library) NewOverride(templateID, text string) (Override, error) {
	t := l.templates[templateID]
	if t == nil {
		return Override{}, OverrideError{templateID, "no such template"}
	}
	if t.Locked {
		return Override{}, OverrideError{templateID, "locked by the clinic's policy"}
	}
	if _, err := parseText(text); err != nil {
		return Override{}, OverrideError{templateID, err.Error()}
	}
	o := Override{Template: templateID, Situation: t.Situation, Lang: t.Lang, Professions: t.Professions, Text: text}
	if b := l.builtin[templateID]; b != nil {
		o.BasedOnVersion = b.Version
	} else if t.Override != nil {
		o.BasedOnVersion = t.Override.BasedOnVersion
	}
	return o, nil
}

func (l *Library) clone() *Library {
	n := *l
	n.templates = make(map[string]*Template, len(l.templates))
	for k, v := range l.templates {
		n.templates[k] = v
	}
	return &n
}

// ApplyOverrides returns lib with the user's overrides applied. Overrides
// that cannot be applied (locked, malformed, clashing) are skipped and
// reported in an OverrideErrors; the rest still apply, so one bad entry
// never costs the user their other edits.
func ApplyOverrides(lib *Library, overridesJSON []byte) (*Library, error) {
	os, err := ParseOverrides(overridesJSON)
	if err != nil {
		return lib, err
	}
	n := lib.clone()
	var errs OverrideErrors
	seen := map[string]bool{}
	for _, o := range os {
		if msg := n.applyOverride(o, seen); msg != "" {
			errs = append(errs, OverrideError{o.Template, msg})
		}
	}
	if len(errs) > 0 {
		return n, errs
	}
	return n, nil
}

func (l *Library) applyOverride(o Override, seen map[string]bool) string {
	if o.Template == "" {
		return "an override needs a template id"
	}
	if seen[o.Template] {
		return "overridden twice; the first one is kept"
	}
	seen[o.Template] = true
	cur := l.templates[o.Template]
	if cur != nil && cur.Locked {
		return "locked by the clinic's policy; your copy is kept in storage but not used"
	}
	parts, err := parseText(o.Text)
	if err != nil {
		return err.Error()
	}
	if strings.TrimSpace(o.Text) == "" {
		return "empty text; delete the override to go back to the built-in wording"
	}
	t := &Template{ID: o.Template, Text: o.Text, parts: parts, Source: User, Version: o.BasedOnVersion}
	if o.BasedOnVersion > 0 {
		info := &OverrideInfo{BasedOn: o.Template, BasedOnVersion: o.BasedOnVersion}
		if b := l.builtin[o.Template]; b != nil {
			t.Situation, t.Lang, t.Professions = b.Situation, b.Lang, b.Professions
			t.Fallback, t.NeedsOneOf, t.Message, t.Guidance = b.Fallback, b.NeedsOneOf, b.Message, b.Guidance
			info.BuiltinVersion = b.Version
			info.Outdated = b.Version > o.BasedOnVersion
		} else {
			// The built-in is gone in this release: the copy stands on its
			// own, described by what the override stored.
			t.Situation, t.Lang, t.Professions = o.Situation, o.Lang, o.Professions
		}
		t.Override = info
	} else {
		if !strings.HasPrefix(o.Template, "user.") {
			return "a template you add needs an id starting with \"user.\""
		}
		if cur != nil && cur.Source != User {
			return "clashes with a template of the same id"
		}
		t.Situation, t.Lang, t.Professions = o.Situation, o.Lang, o.Professions
	}
	if l.situation(t.Situation) == nil {
		return "unknown situation " + strconv.Quote(t.Situation)
	}
	if !hasString(clinic.Languages, t.Lang) {
		return "unknown language " + strconv.Quote(t.Lang)
	}
	for _, p := range t.Professions {
		if !clinic.IsProfession(p) {
			return "unknown profession " + strconv.Quote(p)
		}
	}
	l.templates[t.ID] = t
	return ""
}

// ApplyPolicy returns lib with a clinic policy applied. A policy adds or
// replaces templates (full reply.template rules, header and examples
// included) and locks templates by id; both end up locked, so the user's
// overrides cannot change what the clinic decided:
//
//	{"lock": ["complaint.all.en"], "templates": [{…rule…}]}
//
// Templates that do not validate are skipped and reported.
func ApplyPolicy(lib *Library, policyJSON []byte) (*Library, error) {
	if !gjson.ValidBytes(policyJSON) {
		return lib, OverrideErrors{{Msg: "policy is not valid JSON"}}
	}
	n := lib.clone()
	var errs OverrideErrors
	v := gjson.ParseBytes(policyJSON)
	for _, raw := range v.Get("templates").Array() {
		t, ps := n.parseTemplate("", []byte(raw.Raw))
		if t == nil {
			for _, p := range ps {
				errs = append(errs, OverrideError{raw.Get("id").Str, p.Msg})
			}
			continue
		}
		t.Source, t.Locked = Policy, true
		n.templates[t.ID] = t
	}
	for _, id := range v.Get("lock").Array() {
		t := n.templates[id.Str]
		if t == nil {
			errs = append(errs, OverrideError{id.Str, "cannot lock: no such template"})
			continue
		}
		c := *t
		c.Locked = true
		n.templates[id.Str] = &c
	}
	if len(errs) > 0 {
		return n, errs
	}
	return n, nil
}
