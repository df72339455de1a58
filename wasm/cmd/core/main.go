//go:build js && wasm

// Command core is the WebAssembly module the extension loads in content
// scripts, the offscreen document and its own pages. It loads the embedded
// rule packs, installs globalThis.boundaryCore and then waits for calls.
package main

import (
	"syscall/js"

	"github.com/boundaryhq/boundary/rules"
	"github.com/boundaryhq/boundary/wasm/core"
	"github.com/boundaryhq/boundary/wasm/jsdom"
)

func main() {
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
