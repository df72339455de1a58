//go:build js && wasm

package jsdom

import (
	"syscall/js"
	"time"

	"github.com/boundaryhq/boundary/rules"
	"github.com/boundaryhq/boundary/wasm/drafts"
	"github.com/boundaryhq/boundary/wasm/jsonw"
	"github.com/boundaryhq/boundary/wasm/replies"
	"github.com/boundaryhq/boundary/wasm/suggest"
)

// The reply panel and the draft checks (issue 6):
//
//	suggest(item, profile, overrides, policy, lang) → {profile:{state,source,errors},
//	    problems, suggestions:[{template, situation, title, about, lang, text,
//	    missing, one_of, defaulted, guidance, best}]}
//	draftCheck(text, context) → {to_patient, findings:[{id, rule, severity,
//	    message, explanation, guidance, spans:[{start,end,start16,end16}]}]}
//
// Every argument is a JSON string as chrome.storage keeps it; "" means not
// set. Bad input gives {"error": …}.
func init() {
	exporters = append(exporters, func(b *bridge, set func(string, func([]js.Value) any)) {
		ps := &panelState{b: b}
		set("suggest", ps.suggest)
		set("draftCheck", ps.draftCheck)
	})
}

type panelState struct {
	b       *bridge
	checker *drafts.Checker
}

func (ps *panelState) suggest(args []js.Value) any {
	it, err := suggest.ParseItem([]byte(str(arg(args, 0))))
	if err != nil {
		return errorJSON(err.Error())
	}
	if l := str(arg(args, 4)); l != "" {
		it.Lang = l
	}
	in := suggest.Inputs{
		Profile:   []byte(str(arg(args, 1))),
		Overrides: []byte(str(arg(args, 2))),
		Policy:    []byte(str(arg(args, 3))),
	}
	return withLibrary(func(lib *replies.Library) string {
		return string(suggest.Encode(suggest.Suggest(lib, it, in, time.Now())))
	})
}

func (ps *panelState) draftCheck(args []js.Value) any {
	if ps.checker == nil {
		c, err := drafts.Load(rules.FS)
		if err != nil {
			return errorJSON("draft checks: " + err.Error())
		}
		ps.checker = c
	}
	text := str(arg(args, 0))
	dc, err := suggest.ParseDraftContext([]byte(str(arg(args, 1))))
	if err != nil {
		return errorJSON(err.Error())
	}
	found, toPatient := suggest.Draft(ps.checker, ps.b.eng.Directory(), text, dc)
	var w jsonw.Writer
	w.BeginObject().FieldBool("to_patient", toPatient).Key("findings").Raw(drafts.EncodeFindings(text, found))
	return w.EndObject().String()
}
