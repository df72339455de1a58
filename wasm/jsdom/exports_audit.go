//go:build js && wasm

package jsdom

import (
	"syscall/js"

	"github.com/boundaryhq/boundary/rules"
	"github.com/boundaryhq/boundary/wasm/audit"
	"github.com/boundaryhq/boundary/wasm/jsonw"
)

// The privacy self-audit's part of boundaryCore:
//
//	auditRead(url) → PageResult JSON of the live document
//	auditReadHTML(url, markup) → the same for a serialised document (offscreen, strict-CSP pages)
//	auditPages(clinicProfileJSON) → [{page, url, title, checks}]: where to read
//	auditMerge(collectedJSON) → the merged report JSON, findings most severe first
//
// The checks load on first use, so pages that never audit pay nothing.
func init() {
	exporters = append(exporters, func(b *bridge, set func(string, func([]js.Value) any)) {
		a := &auditBridge{}
		set("auditRead", a.read)
		set("auditReadHTML", a.readHTML)
		set("auditPages", a.pages)
		set("auditMerge", a.merge)
	})
}

type auditBridge struct {
	checks *audit.Checks
	err    error
	titles map[string]string
}

func (a *auditBridge) load() (*audit.Checks, string) {
	if a.checks == nil && a.err == nil {
		a.checks, a.err = audit.Load(rules.FS)
		a.titles = audit.GuidanceTitles(rules.FS)
	}
	if a.err != nil {
		return nil, errJSON("audit checks: " + a.err.Error())
	}
	return a.checks, ""
}

func errJSON(msg string) string {
	var w jsonw.Writer
	w.BeginObject().FieldString("error", msg).EndObject()
	return w.String()
}

func (a *auditBridge) read(args []js.Value) any {
	c, bad := a.load()
	if c == nil {
		return bad
	}
	return string(c.Run(Document(js.Global().Get("document"), str(arg(args, 0)))).KeyedJSON())
}

// readHTML parses the markup inertly (DOMParser documents run no scripts
// and load nothing) and reads it as if it were at url.
func (a *auditBridge) readHTML(args []js.Value) any {
	c, bad := a.load()
	if c == nil {
		return bad
	}
	url, markup := str(arg(args, 0)), str(arg(args, 1))
	if url == "" || markup == "" {
		return errJSON("auditReadHTML needs an address and the page's markup")
	}
	parsed := js.Global().Get("DOMParser").New().Call("parseFromString", markup, "text/html")
	return string(c.Run(Document(parsed, url)).KeyedJSON())
}

func (a *auditBridge) pages(args []js.Value) any {
	c, bad := a.load()
	if c == nil {
		return bad
	}
	return string(audit.VisitsJSON(c.Visits(audit.PracticePage(str(arg(args, 0))))))
}

func (a *auditBridge) merge(args []js.Value) any {
	c, bad := a.load()
	if c == nil {
		return bad
	}
	pages, err := c.ParseVisits([]byte(str(arg(args, 0))))
	if err != nil {
		return errJSON(err.Error())
	}
	return string(c.ReportJSON(c.Merge(pages), a.titles))
}
