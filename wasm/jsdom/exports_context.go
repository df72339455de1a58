//go:build js && wasm

package jsdom

import "syscall/js"

// contextSelector(url) → CSS selector (or "") of the containers whose
// markup the strict-CSP fallback sends for a node added under them; see
// core.Engine.ContextSelector.
func init() {
	exporters = append(exporters, func(b *bridge, set func(string, func([]js.Value) any)) {
		set("contextSelector", func(args []js.Value) any {
			return b.eng.ContextSelector(str(arg(args, 0)))
		})
	})
}
