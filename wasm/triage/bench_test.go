package triage

import (
	"testing"
	"time"
)

// benchTexts mix the lengths and kinds the classifier meets: short chat,
// Messenger-length questions, a long detailed history, German.
var benchTexts = []string{
	"hey are we still on for saturday? 😂",
	"my dog ate a whole bar of dark chocolate about an hour ago, he's 12kg, what do I do??",
	"Hi Dr Jones, sorry to bother you on here, is there any chance I could get an appointment this week? The online system keeps saying there's nothing free and my cough has been going on for three weeks now.",
	"hab seit gestern fieber und halsschmerzen, darf ich ibuprofen nehmen?",
	"SUBJECT: High Blood Pressure MESSAGE: I know you may not answer this but my blood pressure comes up at night when I am asleep. I take four medicines. I have asked doctors why this happens and no one knows. My readings are usually 150/95 in the morning and I have had a stent since 2019, diabetes type 2 and a DVT last year. Is there anything else I should ask my cardiologist about?",
	"lol that's amazing",
}

func BenchmarkClassify(b *testing.B) {
	c := load(b)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		c.Classify(Message{Text: benchTexts[i%len(benchTexts)], Incoming: true}, Context{})
	}
}

// TestThroughput reports messages per second over the benchmark texts. It
// runs natively and, under GOOS=js GOARCH=wasm with Node, gives the
// WebAssembly figure (see wasm_js_test.go).
func TestThroughput(t *testing.T) {
	c := load(t)
	n := 3000
	if testing.Short() {
		n = 300
	}
	start := time.Now()
	for i := 0; i < n; i++ {
		c.Classify(Message{Text: benchTexts[i%len(benchTexts)], Incoming: true}, Context{})
	}
	el := time.Since(start)
	t.Logf("%d messages in %v: %.0f messages/second", n, el, float64(n)/el.Seconds())
}
