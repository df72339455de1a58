//go:build js && wasm

// Command core is the WebAssembly module the extension loads in content
// scripts, the offscreen document and its own pages. It loads the embedded
// rule packs, installs globalThis.boundaryCore and then waits for calls.
package main

import (
	"runtime/debug"
	"syscall/js"

	"github.com/boundaryhq/boundary/rules"
	"github.com/boundaryhq/boundary/wasm/core"
	"github.com/boundaryhq/boundary/wasm/jsdom"
)

// startGC is the GC percentage until the first full scan is done. The
// start allocates some 15 MB of rule tables and scan state on a heap that
// begins at 4 MB, and at the default of 100 the collector runs again and
// again on the page's main thread while it grows; a higher target lets the
// heap grow in a few steps. The default comes back after the first scan.
const startGC = 400

func main() {
	gc := debug.SetGCPercent(startGC)
	jsdom.AfterFirstScan = func() { debug.SetGCPercent(gc) }
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
