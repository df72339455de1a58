package suggest

import (
	"errors"
	"strings"

	"github.com/boundaryhq/boundary/wasm/drafts"
	"github.com/boundaryhq/boundary/wasm/patients"
	"github.com/tidwall/gjson"
)

// DraftContext is what the page knows about where a draft is going.
type DraftContext struct {
	Lang      string // the text's language; "" guesses it
	UILang    string // the language of the messages shown to the user
	Recipient string // the conversation's display name, if any
	// ToPatient, when set, says whether the recipient is a patient or
	// client; otherwise Recipient is matched against the patient list.
	ToPatient *bool
}

// ParseDraftContext reads the context JSON the draft checker sends.
func ParseDraftContext(data []byte) (DraftContext, error) {
	var dc DraftContext
	if strings.TrimSpace(string(data)) == "" {
		return dc, nil
	}
	if !gjson.ValidBytes(data) {
		return dc, errors.New("context is not valid JSON")
	}
	v := gjson.ParseBytes(data)
	dc.Lang, dc.UILang, dc.Recipient = v.Get("lang").Str, v.Get("ui_lang").Str, v.Get("recipient").Str
	if tp := v.Get("to_patient"); tp.IsBool() {
		b := tp.Bool()
		dc.ToPatient = &b
	}
	return dc, nil
}

// Draft runs the draft checks over text. It reports whether the text was
// treated as a reply to a patient or client.
func Draft(c *drafts.Checker, dir *patients.Directory, text string, dc DraftContext) ([]drafts.Finding, bool) {
	toPatient := false
	if dc.ToPatient != nil {
		toPatient = *dc.ToPatient
	} else if dc.Recipient != "" && dir != nil && dir.Len() > 0 {
		_, toPatient = dir.Match(dc.Recipient)
	}
	ctx := drafts.Context{Lang: dc.Lang, UILang: dc.UILang, ToPatient: toPatient, Recipient: dc.Recipient}
	if ctx.Lang == "" {
		ctx.Lang = GuessLang(text)
	}
	if dir != nil && dir.Len() > 0 {
		ctx.Patients = func(s string) []drafts.Span { return NameSpans(dir, s) }
	}
	return c.Check(text, ctx), toPatient
}

var stopwords = map[string]map[string]bool{
	"en": set("the and you your i is to see thanks thank for with it a of in be will please have ok are can my this that we at on soon"),
	"de": set("der die das und ich du sie ist nicht mit bis bald danke für ein eine zu es wir gut alles nach sind kein ihr ihre bitte auf dem den im schon gerne mal"),
}

func set(s string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(s) {
		m[w] = true
	}
	return m
}

// GuessLang says whether a short text is English or German from its
// commonest words, or "" when it cannot tell; the checks then use the
// patterns of every language.
func GuessLang(text string) string {
	en, de := 0, 0
	for _, w := range strings.FieldsFunc(strings.ToLower(text), func(r rune) bool {
		return !(r >= 'a' && r <= 'z' || r == 'ä' || r == 'ö' || r == 'ü' || r == 'ß' || r == '\'')
	}) {
		if stopwords["en"][w] {
			en++
		}
		if stopwords["de"][w] {
			de++
		}
	}
	switch {
	case en > de:
		return "en"
	case de > en:
		return "de"
	}
	return ""
}
