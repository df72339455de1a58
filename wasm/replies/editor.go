package replies

import (
	"bytes"
	"errors"
	"strconv"
	"strings"

	"github.com/boundaryhq/boundary/wasm/clinic"
	"github.com/boundaryhq/boundary/wasm/jsonw"
	"github.com/tidwall/gjson"
)

// The settings page's template editor. It keeps the user's edits as the
// stored overrides (see overrides.go) and works on them through these
// functions, which take and give JSON so the browser core can pass them
// through unchanged. locked is the clinic policy's list of template ids
// (clinicPolicy.pack.locked), as a JSON array; "" or "null" means none.

// Effective returns base with the clinic's locks and then the user's
// overrides applied: the library the panel suggests from. Problems with
// either are returned too, but never stop the rest from applying.
func Effective(base *Library, overrides, locked []byte) (*Library, error) {
	lib := base
	var errs OverrideErrors
	if ids := lockedIDs(locked); len(ids) > 0 {
		var w jsonw.Writer
		w.BeginObject().FieldStrings("lock", ids).EndObject()
		var err error
		lib, err = ApplyPolicy(lib, w.Bytes())
		if es, ok := err.(OverrideErrors); ok {
			errs = append(errs, es...)
		}
	}
	lib, err := ApplyOverrides(lib, overrides)
	var es OverrideErrors
	if errors.As(err, &es) {
		errs = append(errs, es...)
	}
	if len(errs) > 0 {
		return lib, errs
	}
	return lib, nil
}

func lockedIDs(locked []byte) []string {
	var out []string
	for _, id := range gjson.ParseBytes(locked).Array() {
		if id.Type == gjson.String && id.Str != "" {
			out = append(out, id.Str)
		}
	}
	return out
}

// OverridesValid reports whether stored overrides can be read at all; the
// settings page backs up a value that cannot before it starts afresh.
func OverridesValid(overrides []byte) bool {
	if len(bytes.TrimSpace(overrides)) == 0 {
		return true
	}
	v := gjson.ParseBytes(overrides)
	return gjson.ValidBytes(overrides) && v.IsObject() && (!v.Get("overrides").Exists() || v.Get("overrides").IsArray())
}

// EditorList describes every template for the editor, in lang ("" for all
// languages):
//
//	{"situations": [{"id", "label": {"en", "de"}}], "languages", "professions",
//	 "variables", "overrides_ok": bool,
//	 "problems": [{"template", "message"}],
//	 "templates": [{"id", "situation", "lang", "professions", "fallback",
//	   "message", "text", "builtin_text", "version", "source", "overridden",
//	   "added", "locked", "kept_copy", "outdated", "based_on_version",
//	   "builtin_version"}]}
//
// overridden: the user's copy replaces a built-in; added: the user wrote it;
// locked: the clinic's policy fixes the wording; kept_copy: the user has a
// copy in storage that the lock keeps out of use; outdated: the built-in
// wording changed since the user's copy was made (based_on_version <
// builtin_version). professions [] means every profession.
func EditorList(base *Library, overrides, locked []byte, lang string) []byte {
	lib, err := Effective(base, overrides, locked)
	stored, _ := ParseOverrides(overrides)
	kept := map[string]bool{}
	for _, o := range stored {
		kept[o.Template] = true
	}
	var w jsonw.Writer
	w.BeginObject().Key("situations").BeginArray()
	for _, s := range lib.Situations() {
		w.BeginObject().FieldString("id", s.ID).Key("label").BeginObject()
		for _, l := range clinic.Languages {
			w.FieldString(l, s.Label(l))
		}
		w.EndObject().EndObject()
	}
	w.EndArray().FieldStrings("languages", lib.Languages()).
		FieldStrings("professions", clinic.Professions).FieldStrings("variables", Variables).
		FieldBool("overrides_ok", OverridesValid(overrides)).Key("problems").BeginArray()
	var es OverrideErrors
	if errors.As(err, &es) {
		for _, e := range es {
			w.BeginObject().FieldString("template", e.Template).FieldString("message", e.Msg).EndObject()
		}
	}
	w.EndArray().Key("templates").BeginArray()
	for _, t := range lib.Templates() {
		if lang != "" && t.Lang != lang {
			continue
		}
		b := lib.Builtin(t.ID)
		w.BeginObject().FieldString("id", t.ID).FieldString("situation", t.Situation).
			FieldString("lang", t.Lang).FieldStrings("professions", nonNil(t.Professions)).
			FieldBool("fallback", t.Fallback).FieldString("message", t.Message).
			FieldString("text", t.Text)
		if b != nil {
			w.FieldString("builtin_text", b.Text)
		} else {
			w.FieldString("builtin_text", "")
		}
		w.FieldInt("version", int64(t.Version)).FieldString("source", string(t.Source)).
			FieldBool("overridden", t.Override != nil).
			FieldBool("added", t.Source == User && t.Override == nil).
			FieldBool("locked", t.Locked).
			FieldBool("kept_copy", t.Locked && kept[t.ID])
		o := t.Override
		if o == nil {
			o = &OverrideInfo{}
		}
		w.FieldBool("outdated", o.Outdated).FieldInt("based_on_version", int64(o.BasedOnVersion)).
			FieldInt("builtin_version", int64(o.BuiltinVersion))
		w.EndObject()
	}
	return w.EndArray().EndObject().Bytes()
}

// EditorSave stores text as the user's wording of template id and returns
// the new overrides. Saving the built-in wording unchanged removes the
// override instead. It fails, leaving the stored overrides as they were, on
// a locked or unknown template, on text that does not parse (an unknown
// {placeholder}, an unclosed [[) and on empty text.
func EditorSave(base *Library, overrides, locked []byte, id, text string) ([]byte, error) {
	stored, err := storedOverrides(overrides)
	if err != nil {
		return nil, err
	}
	lib, _ := Effective(base, overrides, locked)
	t := lib.Template(id)
	if t == nil {
		return nil, errors.New("no template " + strconv.Quote(id))
	}
	if t.Locked {
		return nil, errors.New("this template is locked by your clinic's policy")
	}
	if strings.TrimSpace(text) == "" {
		return nil, errors.New("the text is empty; use Reset to go back to the built-in wording")
	}
	if _, err := parseText(text); err != nil {
		return nil, err
	}
	if b := lib.Builtin(id); b != nil && b.Text == text {
		return EditorReset(overrides, id)
	}
	var o Override
	if t.Source == User && t.Override == nil {
		// A template the user added: keep what it is for, change the words.
		o = Override{Template: id, Situation: t.Situation, Lang: t.Lang, Professions: t.Professions, Text: text}
	} else if o, err = lib.NewOverride(id, text); err != nil {
		return nil, err
	}
	return EncodeOverrides(replaceOverride(stored, o)), nil
}

// EditorReset removes the user's copy of template id: a built-in goes back
// to its own wording, a template the user added is deleted.
func EditorReset(overrides []byte, id string) ([]byte, error) {
	stored, err := storedOverrides(overrides)
	if err != nil {
		return nil, err
	}
	out := stored[:0:0]
	for _, o := range stored {
		if o.Template != id {
			out = append(out, o)
		}
	}
	return EncodeOverrides(out), nil
}

// EditorAdd adds a template of the user's own for a situation and language,
// for the given professions (none: every profession), and returns the new
// overrides and the id it was given ("user.after_hours.en.2").
func EditorAdd(base *Library, overrides []byte, situation, lang string, professions []string, text string) ([]byte, string, error) {
	stored, err := storedOverrides(overrides)
	if err != nil {
		return nil, "", err
	}
	if strings.TrimSpace(text) == "" {
		return nil, "", errors.New("the text is empty")
	}
	if _, err := parseText(text); err != nil {
		return nil, "", err
	}
	lib, _ := Effective(base, overrides, nil)
	if lib.situation(situation) == nil {
		return nil, "", errors.New("unknown situation " + strconv.Quote(situation))
	}
	if !hasString(clinic.Languages, lang) {
		return nil, "", errors.New("unknown language " + strconv.Quote(lang) + "; one of " + strings.Join(clinic.Languages, ", "))
	}
	for _, p := range professions {
		if !clinic.IsProfession(p) {
			return nil, "", errors.New("unknown profession " + strconv.Quote(p))
		}
	}
	if len(professions) == 0 {
		professions = nil
	}
	taken := map[string]bool{}
	for _, o := range stored {
		taken[o.Template] = true
	}
	id := ""
	for n := 1; ; n++ {
		id = "user." + situation + "." + lang + "." + strconv.Itoa(n)
		if !taken[id] && lib.Template(id) == nil {
			break
		}
	}
	o := Override{Template: id, Situation: situation, Lang: lang, Professions: professions, Text: text}
	return EncodeOverrides(append(stored, o)), id, nil
}

// storedOverrides reads the overrides the editor is about to change. It
// refuses a value it cannot read, so that saving never silently replaces
// the user's edits with an empty list.
func storedOverrides(overrides []byte) ([]Override, error) {
	if !OverridesValid(overrides) {
		return nil, errors.New("the stored templates cannot be read; they were not changed")
	}
	return ParseOverrides(overrides)
}

func replaceOverride(stored []Override, o Override) []Override {
	out := make([]Override, 0, len(stored)+1)
	done := false
	for _, s := range stored {
		if s.Template == o.Template {
			if !done {
				out = append(out, o)
				done = true
			}
			continue
		}
		out = append(out, s)
	}
	if !done {
		out = append(out, o)
	}
	return out
}

// Preview fills text as template id would be filled (id may be "" for a
// template being written) from a profile, for the editor's live preview:
//
//	{"text": "…"} or {"needs": ["clinic_name"], "one_of": ["phone", "email"]}
//	or {"error": "unknown variable {nickname}…"}
//
// plus "defaulted": values taken from the jurisdiction, which the user may
// want to confirm. A missing value is never shown as a raw placeholder:
// the preview names what is needed instead. first_name is filled with a
// sample name, as a reply to a real person would be. An empty or invalid
// profile answers {"needs": ["profile"]} with the profile's own errors:
// "profile_errors" in English, and "profile_problems" as [{field, message,
// key, args}] for the extension to word (see clinic.ValidateJSON).
func Preview(lib *Library, id, text string, profile []byte, lang string) []byte {
	var w jsonw.Writer
	w.BeginObject()
	parts, err := parseText(text)
	if err != nil {
		return w.FieldString("error", err.Error()).EndObject().Bytes()
	}
	p, perrs := clinic.ParseProfile(profile)
	if p == nil || len(perrs) > 0 {
		w.FieldStrings("needs", []string{"profile"}).Key("profile_errors").BeginArray()
		for _, e := range perrs {
			w.String_(e.Error())
		}
		w.EndArray().Key("profile_problems").BeginArray()
		for _, e := range perrs {
			e.WriteJSON(&w)
		}
		return w.EndArray().EndObject().Bytes()
	}
	t := &Template{ID: id, Lang: lang, Text: text, parts: parts}
	if base := lib.Template(id); base != nil {
		t.NeedsOneOf = base.NeedsOneOf
		if t.Lang == "" {
			t.Lang = base.Lang
		}
	}
	if t.Lang == "" {
		t.Lang = p.Lang()
	}
	out, defaulted, err := t.render(p, map[string]string{"first_name": previewName[t.Lang]})
	var m *MissingError
	switch {
	case errors.As(err, &m):
		w.FieldStrings("needs", nonNil(m.Fields)).FieldStrings("one_of", nonNil(m.OneOf))
	case err != nil:
		w.FieldString("error", err.Error())
	default:
		w.FieldString("text", out).FieldStrings("defaulted", nonNil(defaulted))
	}
	return w.EndObject().Bytes()
}

var previewName = map[string]string{"en": "Sam", "de": "Anna"}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}
