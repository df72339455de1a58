//go:build js && wasm

package jsdom

import (
	"syscall/js"

	"github.com/boundaryhq/boundary/wasm/core"
)

// Triage functions of boundaryCore:
//
//	setClinic(profile json | "", zone string, offsetMinutes string) → json
//	classify(jsonl string) → jsonl (one verdict line per input line)
//
// setClinic takes the clinic profile (the clinicProfile storage value, or
// the policy pack's profile) and the browser's time zone name and current
// UTC offset in minutes east of UTC. It answers {"hours": "…", "zone":
// "…"} or {"error": "…"}.
func init() {
	exporters = append(exporters, func(b *bridge, set func(string, func([]js.Value) any)) {
		set("setClinic", func(args []js.Value) any {
			out := core.SetClinic(b.eng, []byte(str(arg(args, 0))), str(arg(args, 1)), str(arg(args, 2)))
			b.seen = NewSeen()
			return out
		})
		set("classify", func(args []js.Value) any {
			return core.ClassifyJSONL(b.eng, str(arg(args, 0)))
		})
	})
}
