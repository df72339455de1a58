//go:build js && wasm

// Command core is the WebAssembly module the extension loads in content
// scripts, the offscreen document and its own pages. It loads the embedded
// rule packs, installs globalThis.boundaryCore and then waits for calls.
package main

import (
	"runtime/debug"
	"sync"
	"syscall/js"
	"time"

	"github.com/boundaryhq/boundary/rules"
	"github.com/boundaryhq/boundary/wasm/core"
	"github.com/boundaryhq/boundary/wasm/jsdom"
)

// startGC is the GC percentage until the first full scan is done. The
// start allocates some 15 MB of rule tables and scan state on a heap that
// begins at 4 MB, and at the default of 100 the collector runs again and
// again on the page's main thread while it grows; a higher target lets the
// heap grow in a few steps. The default comes back after the first scan,
// or after startGCFor in documents that never scan (the options page, the
// popup, an offscreen document used only for the audit or the policy), so
// a long-lived document does not keep a heap five times its live size.
const (
	startGC    = 400
	startGCFor = 5 * time.Second
)

func main() {
	gc := debug.SetGCPercent(startGC)
	var restore sync.Once
	end := func() { restore.Do(func() { debug.SetGCPercent(gc) }) }
	jsdom.AfterFirstScan = end
	time.AfterFunc(startGCFor, end)
	if m := js.Global().Get("__boundaryMain"); m.Type() == js.TypeFunction {
		m.Invoke()
	}
	eng, err := core.New(rules.FS)
	ready := js.Global().Get("__boundaryReady")
	if err != nil {
		if ready.Type() == js.TypeFunction {
			ready.Invoke(err.Error())
		}
		return
	}
	jsdom.Export(eng)
	if ready.Type() == js.TypeFunction {
		ready.Invoke()
	}
	select {}
}
