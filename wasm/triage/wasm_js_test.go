package triage

import (
	"testing"
	"time"
)

// TestWasmThroughput runs only under GOOS=js GOARCH=wasm (with Node):
//
//	PATH="$(go env GOROOT)/lib/wasm:$PATH" GOOS=js GOARCH=wasm go test -run Wasm -v ./wasm/triage
//
// It reports how many messages per second the core triages in
// WebAssembly, loading the embedded rule pack first as the extension does.
func TestWasmThroughput(t *testing.T) {
	start := time.Now()
	c := load(t)
	t.Logf("rule pack loaded in %v", time.Since(start))
	const n = 2000
	start = time.Now()
	for i := 0; i < n; i++ {
		c.Classify(Message{Text: benchTexts[i%len(benchTexts)], Incoming: true}, Context{})
	}
	el := time.Since(start)
	t.Logf("wasm: %d messages in %v: %.0f messages/second", n, el, float64(n)/el.Seconds())
}
