//go:build js && wasm

package jsdom

import (
	"syscall/js"

	"github.com/boundaryhq/boundary/wasm/core"
	"github.com/boundaryhq/boundary/wasm/jsonw"
	"github.com/boundaryhq/boundary/wasm/page"
	"github.com/boundaryhq/boundary/wasm/patients"
)

// AfterFirstScan, when set, runs once after the first full scan of a page
// (scan with no roots, or scanHTML): the command uses it to end start-up
// settings.
var AfterFirstScan func()

func firstScanDone() {
	if f := AfterFirstScan; f != nil {
		AfterFirstScan = nil
		f()
	}
}

// bridge is the state the exported functions share. JS calls arrive one at
// a time on the event loop, so it needs no locking.
type bridge struct {
	eng  *core.Engine
	seen *Seen
	w    jsonw.Writer
}

// Export installs globalThis.boundaryCore, the whole JS↔Go surface:
//
//	setPatients(stored string) → "" | error message
//	prepare() → whether it loaded anything for the document's first scan
//	scan(roots Element[] | null, url string) → {json, anchors: Element[]}
//	scanHTML(url string, markup string[]) → json (anchors as index paths)
//	reset()
//	csvPreview(text string) → json
//	csvImport(text string, mapping json) → json
//
// Every function catches its own panics and reports them as {"error": …},
// because a panic escaping a callback would end the Go program and with it
// every later scan on the page.
func Export(eng *core.Engine) {
	b := &bridge{eng: eng, seen: NewSeen()}
	api := js.Global().Get("Object").New()
	set := func(name string, f func(args []js.Value) any) {
		api.Set(name, js.FuncOf(func(_ js.Value, args []js.Value) (out any) {
			defer func() {
				if r := recover(); r != nil {
					var w jsonw.Writer
					msg := "internal error"
					if e, ok := r.(error); ok {
						msg = e.Error()
					} else if s, ok := r.(string); ok {
						msg = s
					}
					w.BeginObject().FieldString("error", name+": "+msg).EndObject()
					out = w.String()
				}
			}()
			return f(args)
		}))
	}
	set("setPatients", b.setPatients)
	set("prepare", func([]js.Value) any {
		doc := js.Global().Get("document")
		return b.eng.Prepare(doc.Get("URL").String(), Wrap(doc.Get("documentElement")))
	})
	set("scan", b.scan)
	set("scanHTML", b.scanHTML)
	set("reset", func([]js.Value) any { b.seen = NewSeen(); return nil })
	set("csvPreview", b.csvPreview)
	set("csvImport", b.csvImport)
	for _, e := range exporters {
		e(b, set)
	}
	js.Global().Set("boundaryCore", api)
}

// exporter adds functions to boundaryCore. Each feature (audit, replies,
// triage…) registers one from its own file's init, so the features stay in
// separate files and the bridge keeps a single panic guard.
type exporter func(b *bridge, set func(name string, f func(args []js.Value) any))

var exporters []exporter

// errorJSON is the {"error": msg} answer every export gives on failure.
func errorJSON(msg string) string {
	var w jsonw.Writer
	return w.BeginObject().FieldString("error", msg).EndObject().String()
}

func arg(args []js.Value, i int) js.Value {
	if i < len(args) {
		return args[i]
	}
	return js.Undefined()
}

func str(v js.Value) string {
	if v.Type() != js.TypeString {
		return ""
	}
	return v.String()
}

func (b *bridge) setPatients(args []js.Value) any {
	data := str(arg(args, 0))
	if data == "" {
		b.eng.SetPatients(nil)
		return ""
	}
	entries, err := patients.DecodeEntries([]byte(data))
	if err != nil {
		return err.Error()
	}
	b.eng.SetPatients(entries)
	b.seen = NewSeen()
	return ""
}

// scan handles the live page. With roots null it scans the whole document
// and reads the embedded data; otherwise only the given subtrees.
func (b *bridge) scan(args []js.Value) any {
	url := str(arg(args, 1))
	doc := js.Global().Get("document")
	if url == "" {
		url = doc.Get("URL").String()
	}
	var roots []page.Node
	var relay map[string]string
	full := false
	if r := arg(args, 0); r.IsNull() || r.IsUndefined() {
		full = true
		root := Wrap(doc.Get("documentElement"))
		roots = []page.Node{root}
		relay = b.eng.RelayNames(root)
		b.eng.ReadMessengerData(root)
	} else {
		for i, n := 0, r.Length(); i < n; i++ {
			if v := r.Index(i); v.Get("nodeType").Int() == 1 {
				roots = append(roots, Wrap(v))
			}
		}
	}
	kind, items := b.eng.Scan(url, roots, b.seen, relay)
	if full {
		defer firstScanDone()
	}
	anchors := make([]any, 0, len(items))
	b.w.Reset()
	b.w.BeginObject().FieldString("page", kind).Key("items").BeginArray()
	for i, it := range items {
		writeUIItem(&b.w, it)
		b.w.FieldInt("anchor", int64(i)).EndObject()
		anchors = append(anchors, it.Anchor.(Node).Value())
	}
	b.w.EndArray().EndObject()
	out := js.Global().Get("Object").New()
	out.Set("json", b.w.String())
	out.Set("anchors", js.ValueOf(anchors))
	return out
}

// scanHTML is the fallback for pages whose CSP forbids WebAssembly: the
// content script sends the markup of each new subtree, and the core, running
// in an extension document, parses it inertly with DOMParser (scripts in
// such documents never run) and answers with anchors as index paths.
func (b *bridge) scanHTML(args []js.Value) any {
	url := str(arg(args, 0))
	list := arg(args, 1)
	parser := js.Global().Get("DOMParser").New()
	b.w.Reset()
	b.w.BeginObject()
	first := true
	for i, n := 0, list.Length(); i < n; i++ {
		markup := str(list.Index(i))
		parsed := parser.Call("parseFromString", markup, "text/html")
		body := parsed.Get("body")
		top := body.Get("firstElementChild")
		full := len(markup) > 5 && (markup[:5] == "<html" || markup[:5] == "<!DOC" || markup[:5] == "<HTML")
		var root page.Node
		if full {
			root = Wrap(parsed.Get("documentElement"))
		} else if !top.IsNull() {
			root = Wrap(top)
		} else {
			continue
		}
		var relay map[string]string
		if full {
			relay = b.eng.RelayNames(root)
			b.eng.ReadMessengerData(root)
		}
		kind, items := b.eng.Scan(url, []page.Node{root}, nil, relay)
		if first {
			b.w.FieldString("page", kind).Key("items").BeginArray()
			first = false
		}
		for _, it := range items {
			writeUIItem(&b.w, it)
			b.w.FieldInt("root", int64(i)).Key("path").BeginArray()
			for _, p := range PathFrom(root, it.Anchor) {
				b.w.Int(int64(p))
			}
			b.w.EndArray().EndObject()
		}
	}
	firstScanDone()
	if first {
		_, kind := b.eng.Sites.Locate(url)
		b.w.FieldString("page", kind).Key("items").BeginArray()
	}
	b.w.EndArray().EndObject()
	return b.w.String()
}

// writeUIItem writes an item with the extra field the extension draws the
// reasons from ("why": each reason's key and arguments, beside the English
// "reasons"), leaving the object open so callers can add how to find the
// anchor. Labels and summaries are the extension's to word (i18n.js).
func writeUIItem(w *jsonw.Writer, it core.Item) {
	if it.Kind == core.KindThread || it.Kind == core.KindMessage {
		// Message text stays out: the page already shows it, and the
		// drawing code needs only the verdict.
		w.BeginObject()
		core.WriteMessengerFields(w, it)
	} else {
		w.BeginObject()
		core.WriteFriendFields(w, it)
	}
	w.Key("why").BeginArray()
	for _, r := range it.Why {
		w.BeginObject().FieldString("key", r.Key).Key("args").Strings(r.Args).EndObject()
	}
	w.EndArray()
}

func (b *bridge) csvPreview(args []js.Value) any {
	return core.CSVPreview([]byte(str(arg(args, 0))))
}

func (b *bridge) csvImport(args []js.Value) any {
	return core.CSVImport([]byte(str(arg(args, 0))), []byte(str(arg(args, 1))))
}
