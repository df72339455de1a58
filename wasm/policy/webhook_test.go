package policy

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/tidwall/gjson"
)

const appSecret = "app-secret-for-tests"

// graph is a fake Graph API Send endpoint: Meta is the one outside party,
// so this is the one place a fake stands in.
type graph struct {
	mu    sync.Mutex
	sent  []gjson.Result
	auth  []string
	fail  bool
	srv   *httptest.Server
	paths []string
}

func newGraph(t *testing.T) *graph {
	g := &graph{}
	g.srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		g.mu.Lock()
		defer g.mu.Unlock()
		if g.fail {
			http.Error(w, `{"error":{"message":"temporarily unavailable"}}`, 503)
			return
		}
		g.sent = append(g.sent, gjson.ParseBytes(b))
		g.auth = append(g.auth, r.Header.Get("Authorization"))
		g.paths = append(g.paths, r.Method+" "+r.URL.Path)
		w.Write([]byte(`{"recipient_id":"1","message_id":"m"}`))
	}))
	t.Cleanup(g.srv.Close)
	return g
}

func (g *graph) count() int {
	g.mu.Lock()
	defer g.mu.Unlock()
	return len(g.sent)
}

func webhookFixture(t *testing.T) (*fixture, *graph) {
	f := newFixture(t)
	g := newGraph(t)
	f.env[EnvAppSecret] = appSecret
	f.env[EnvVerifyToken] = "verify-me"
	f.env[EnvPageToken+"_RIVERSIDE"] = "page-token-riverside"
	f.env[EnvSendAPI] = g.srv.URL + "/v21.0"
	f.publish("riverside", riverside(t))
	return f, g
}

func event(sender, mid, text string, at time.Time) []byte {
	return []byte(`{"object":"page","entry":[{"id":"PAGE1","time":` + strconv.FormatInt(at.UnixMilli(), 10) +
		`,"messaging":[{"sender":{"id":"` + sender + `"},"recipient":{"id":"PAGE1"},"timestamp":` +
		strconv.FormatInt(at.UnixMilli(), 10) + `,"message":{"mid":"` + mid + `","text":"` + text + `"}}]}]}`)
}

func sign(body []byte, secret string) string {
	m := hmac.New(sha256.New, []byte(secret))
	m.Write(body)
	return "sha256=" + hex.EncodeToString(m.Sum(nil))
}

func (f *fixture) deliver(body []byte, sig string) *httptest.ResponseRecorder {
	return f.do("POST", "/v1/clinics/riverside/messenger/webhook", "", body, "X-Hub-Signature-256", sig, "Content-Type", "application/json")
}

func TestWebhookVerification(t *testing.T) {
	f, _ := webhookFixture(t)
	w := f.do("GET", "/v1/clinics/riverside/messenger/webhook?hub.mode=subscribe&hub.verify_token=verify-me&hub.challenge=1158201444", "", nil)
	if w.Code != 200 || w.Body.String() != "1158201444" {
		t.Errorf("challenge: %d %q", w.Code, w.Body)
	}
	w = f.do("GET", "/v1/clinics/riverside/messenger/webhook?hub.mode=subscribe&hub.verify_token=wrong&hub.challenge=1", "", nil)
	if w.Code != 403 || strings.Contains(w.Body.String(), "1") && !strings.Contains(w.Body.String(), "error") {
		t.Errorf("wrong verify token: %d %q", w.Code, w.Body)
	}
}

func TestWebhookSignature(t *testing.T) {
	f, g := webhookFixture(t)
	f.now = time.Date(2026, 11, 23, 20, 0, 0, 0, time.UTC) // Monday evening: closed
	body := event("PSID1", "m.sig", "hello", f.now)
	for name, sig := range map[string]string{
		"missing":      "",
		"wrong secret": sign(body, "not-the-secret"),
		"sha1 form":    "sha1=" + strings.Repeat("0", 40),
		"not hex":      "sha256=zz",
		"other body":   sign(event("PSID1", "m.sig", "hello!", f.now), appSecret),
	} {
		if w := f.deliver(body, sig); w.Code != 401 {
			t.Errorf("%s signature: %d", name, w.Code)
		}
	}
	if g.count() != 0 {
		t.Fatal("an unsigned event caused a reply")
	}
	if w := f.deliver(body, sign(body, appSecret)); w.Code != 200 {
		t.Fatalf("good signature: %d %s", w.Code, w.Body)
	}
	if g.count() != 1 {
		t.Fatalf("sent %d replies", g.count())
	}
	// Unconfigured: no secret, no processing.
	f.env[EnvAppSecret] = ""
	if w := f.deliver(body, sign(body, "")); w.Code != 503 {
		t.Errorf("unconfigured webhook: %d", w.Code)
	}
}

func TestAfterHoursOncePerSenderPerClosedPeriod(t *testing.T) {
	f, g := webhookFixture(t)
	post := func(sender, mid, text string, at time.Time) {
		t.Helper()
		f.now = at.Add(2 * time.Second)
		b := event(sender, mid, text, at)
		if w := f.deliver(b, sign(b, appSecret)); w.Code != 200 {
			t.Fatalf("%s: %d %s", mid, w.Code, w.Body)
		}
	}
	mon := func(h, m int) time.Time { return time.Date(2026, 11, 23, h, m, 0, 0, time.UTC) } // London = UTC in November

	post("PSID1", "m1", "Can I book a blood test?", mon(12, 0)) // open
	if g.count() != 0 {
		t.Fatal("replied within hours")
	}
	post("PSID1", "m2", "Are you open tomorrow?", mon(19, 5)) // closed since 18:30
	if g.count() != 1 {
		t.Fatalf("after hours: %d replies", g.count())
	}
	first := g.sent[0]
	if first.Get("recipient.id").Str != "PSID1" || first.Get("messaging_type").Str != "RESPONSE" ||
		!strings.Contains(first.Get("message.text").Str, "Riverside Surgery is closed right now") {
		t.Errorf("reply %s", first.Raw)
	}
	if g.auth[0] != "Bearer page-token-riverside" || g.paths[0] != "POST /v21.0/me/messages" {
		t.Errorf("send API call %q %q", g.auth[0], g.paths[0])
	}
	post("PSID1", "m3", "Hello again?", mon(22, 40)) // same closed period
	post("PSID1", "m4", "Still there?", mon(23, 59).Add(2*time.Hour))
	if g.count() != 1 {
		t.Fatalf("second reply to the same sender in one closed period: %d", g.count())
	}
	post("PSID2", "m5", "Do you have flu jabs?", mon(21, 0)) // another sender
	if g.count() != 2 {
		t.Fatalf("other sender: %d", g.count())
	}
	post("PSID1", "m6", "Thanks, see you", mon(19, 0).AddDate(0, 0, 1)) // Tuesday evening: a new period
	if g.count() != 3 {
		t.Fatalf("next closed period: %d", g.count())
	}
	post("PSID3", "m7", "Merry Christmas, is the surgery open?", time.Date(2026, 12, 25, 11, 0, 0, 0, time.UTC))
	if g.count() != 4 {
		t.Fatalf("closed date: %d", g.count())
	}
}

func TestEmergencyTemplate(t *testing.T) {
	f, g := webhookFixture(t)
	at := time.Date(2026, 11, 23, 23, 0, 0, 0, time.UTC)
	f.now = at
	b := event("PSID9", "m.e1", "my dad has crushing chest pain and can't breathe", at)
	if w := f.deliver(b, sign(b, appSecret)); w.Code != 200 {
		t.Fatal(w.Code)
	}
	if g.count() != 1 || !strings.Contains(g.sent[0].Get("message.text").Str, "If this is an emergency, please call 999 now") {
		t.Fatalf("emergency reply: %d %v", g.count(), g.sent)
	}
	// An emergency gets the emergency template even after the sender had
	// the after-hours note in the same period.
	b = event("PSID8", "m.e2", "what time do you open", at)
	f.deliver(b, sign(b, appSecret))
	b = event("PSID8", "m.e3", "she took an overdose of her tablets", at.Add(time.Minute))
	f.deliver(b, sign(b, appSecret))
	if g.count() != 3 || !strings.Contains(g.sent[2].Get("message.text").Str, "emergency") {
		t.Fatalf("emergency after the after-hours note: %d", g.count())
	}
	// Within hours even an emergency is left to the team.
	at = time.Date(2026, 11, 24, 10, 0, 0, 0, time.UTC)
	f.now = at
	b = event("PSID7", "m.e4", "chest pain and can't breathe", at)
	f.deliver(b, sign(b, appSecret))
	if g.count() != 3 {
		t.Fatalf("replied within hours: %d", g.count())
	}
}

func TestWebhookIdempotentAndWindow(t *testing.T) {
	f, g := webhookFixture(t)
	at := time.Date(2026, 11, 23, 20, 0, 0, 0, time.UTC)
	f.now = at
	b := event("PSID1", "m.retry", "hello", at)
	g.fail = true
	if w := f.deliver(b, sign(b, appSecret)); w.Code != 502 {
		t.Fatalf("failed send: %d", w.Code)
	}
	g.fail = false
	for i := 0; i < 3; i++ { // Meta retries the same delivery
		if w := f.deliver(b, sign(b, appSecret)); w.Code != 200 {
			t.Fatalf("retry %d: %d", i, w.Code)
		}
	}
	if g.count() != 1 {
		t.Fatalf("retries sent %d replies, want 1", g.count())
	}
	// Outside the 24-hour window: no reply.
	old := event("PSID5", "m.old", "hello", at.Add(-25*time.Hour))
	f.deliver(old, sign(old, appSecret))
	// Echoes of the Page's own messages: no reply.
	echo := []byte(strings.Replace(string(event("PSID6", "m.echo", "hi", at)), `"text"`, `"is_echo":true,"text"`, 1))
	f.deliver(echo, sign(echo, appSecret))
	if g.count() != 1 {
		t.Fatalf("window or echo: %d replies", g.count())
	}
}

func TestClosedSince(t *testing.T) {
	closed := func(t time.Time) bool { return t.Hour() >= 18 || t.Hour() < 8 }
	at := time.Date(2026, 11, 24, 3, 17, 0, 0, time.UTC)
	if got, want := closedSince(closed, at), "2026-11-23T18:00:00Z"; got != want {
		t.Errorf("got %s want %s", got, want)
	}
	never := func(time.Time) bool { return true }
	if got := closedSince(never, at); !strings.HasPrefix(got, "long:") {
		t.Errorf("always closed: %s", got)
	}
}
