//go:build js && wasm

package jsdom

import (
	"syscall/js"

	"github.com/boundaryhq/boundary/rules"
	"github.com/boundaryhq/boundary/wasm/clinic"
	"github.com/boundaryhq/boundary/wasm/jsonw"
	"github.com/boundaryhq/boundary/wasm/replies"
	"github.com/tidwall/gjson"
)

// The settings page's clinic profile, template editor and handout. Every
// function takes and returns JSON strings; failures come back as
// {"error": "…"}:
//
//	profileValidate(profile) → {ok, errors: [{field, message}], normalized}
//	profileSchema() → {professions, languages, countries, weekdays}
//	templatesList(overrides, locked, lang) → see replies.EditorList
//	templateSave(overrides, id, text, locked) → {overrides: string}
//	templateReset(overrides, id) → {overrides: string}
//	templateAdd(overrides, situation, lang, professions, text) → {overrides: string, id}
//	templatePreview(id, text, profile, lang) → see replies.Preview
//	handout(profile, lang) → {html} | {error, errors}
//
// overrides is the stored replyOverrides string, locked the clinic
// policy's list of locked template ids, professions a JSON array.
func init() {
	exporters = append(exporters, func(b *bridge, set func(string, func([]js.Value) any)) {
		set("profileValidate", func(a []js.Value) any { return string(clinic.ValidateJSON([]byte(str(arg(a, 0))))) })
		set("profileSchema", func([]js.Value) any { return string(clinic.SchemaJSON()) })
		set("templatesList", func(a []js.Value) any {
			return withLibrary(func(lib *replies.Library) string {
				return string(replies.EditorList(lib, []byte(str(arg(a, 0))), []byte(str(arg(a, 1))), str(arg(a, 2))))
			})
		})
		set("templateSave", func(a []js.Value) any {
			return withLibrary(func(lib *replies.Library) string {
				out, err := replies.EditorSave(lib, []byte(str(arg(a, 0))), []byte(str(arg(a, 3))), str(arg(a, 1)), str(arg(a, 2)))
				return overridesAnswer(out, "", err)
			})
		})
		set("templateReset", func(a []js.Value) any {
			out, err := replies.EditorReset([]byte(str(arg(a, 0))), str(arg(a, 1)))
			return overridesAnswer(out, "", err)
		})
		set("templateAdd", func(a []js.Value) any {
			return withLibrary(func(lib *replies.Library) string {
				var profs []string
				for _, p := range gjson.Parse(str(arg(a, 3))).Array() {
					profs = append(profs, p.String())
				}
				out, id, err := replies.EditorAdd(lib, []byte(str(arg(a, 0))), str(arg(a, 1)), str(arg(a, 2)), profs, str(arg(a, 4)))
				return overridesAnswer(out, id, err)
			})
		})
		set("templatePreview", func(a []js.Value) any {
			return withLibrary(func(lib *replies.Library) string {
				return string(replies.Preview(lib, str(arg(a, 0)), str(arg(a, 1)), []byte(str(arg(a, 2))), str(arg(a, 3))))
			})
		})
		set("handout", func(a []js.Value) any {
			return withLibrary(func(lib *replies.Library) string {
				return string(lib.HandoutJSON([]byte(str(arg(a, 0))), str(arg(a, 1))))
			})
		})
	})
}

// The template pack is loaded on first use: content scripts that never
// suggest a reply never pay for it.
var (
	replyLib    *replies.Library
	replyLibErr error
)

func withLibrary(f func(*replies.Library) string) string {
	if replyLib == nil && replyLibErr == nil {
		replyLib, replyLibErr = replies.Load(rules.FS)
	}
	if replyLibErr != nil {
		return errorJSON("template pack: " + replyLibErr.Error())
	}
	return f(replyLib)
}

func overridesAnswer(out []byte, id string, err error) string {
	if err != nil {
		return errorJSON(err.Error())
	}
	var w jsonw.Writer
	w.BeginObject().FieldString("overrides", string(out))
	if id != "" {
		w.FieldString("id", id)
	}
	return w.EndObject().String()
}
