//go:build js && wasm

package jsdom

import (
	"syscall/js"

	"github.com/boundaryhq/boundary/wasm/policy/pack"
)

// policyValidate(packJSON string) → {"ok": true, "id", "locked", "min_version",
// "autoresponder"} | {"ok": false, "problems": […]}. The service worker runs
// it (through the offscreen document) on every policy the clinic's server
// sends, with the validator the server itself used, and keeps the last
// good policy when it fails.
func init() {
	exporters = append(exporters, func(_ *bridge, set func(string, func([]js.Value) any)) {
		set("policyValidate", func(args []js.Value) any {
			a := arg(args, 0)
			if a.Type() != js.TypeString {
				return string(pack.Report(nil, []string{"pack: expected the policy as a JSON string"}))
			}
			return string(pack.Report(pack.Validate([]byte(a.String()))))
		})
	})
}
