package policy

import (
	"bytes"
	"context"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/tidwall/gjson"
)

const (
	rootToken = "root-secret-for-tests-only"
	extOrigin = "chrome-extension://abcdefghijklmnopabcdefghijklmnop"
)

type fixture struct {
	t     *testing.T
	store *Memory
	srv   *Server
	env   map[string]string
	now   time.Time
}

func newFixture(t *testing.T) *fixture {
	f := &fixture{t: t, store: NewMemory(), env: map[string]string{
		EnvAdminToken:     rootToken,
		EnvAllowedOrigins: extOrigin + ", chrome-extension://second",
	}, now: time.Date(2026, 11, 23, 12, 0, 0, 0, time.UTC)}
	f.srv = New(Config{Store: f.store, Env: func(k string) string { return f.env[k] }, Do: http.DefaultClient.Do, Now: func() time.Time { return f.now }})
	return f
}

// do sends a request; headers come in name, value pairs.
func (f *fixture) do(method, path, token string, body []byte, headers ...string) *httptest.ResponseRecorder {
	f.t.Helper()
	r := httptest.NewRequest(method, path, bytes.NewReader(body))
	if token != "" {
		r.Header.Set("Authorization", "Bearer "+token)
	}
	for i := 0; i+1 < len(headers); i += 2 {
		r.Header.Set(headers[i], headers[i+1])
	}
	w := httptest.NewRecorder()
	f.srv.ServeHTTP(w, r)
	return w
}

func (f *fixture) token(clinic, role string) string {
	f.t.Helper()
	w := f.do("POST", "/v1/clinics/"+clinic+"/tokens", rootToken, []byte(`{"role":"`+role+`","label":"test"}`))
	if w.Code != http.StatusCreated {
		f.t.Fatalf("create token: %d %s", w.Code, w.Body)
	}
	return gjson.Get(w.Body.String(), "token").Str
}

// publish creates the clinic's first policy and returns its ETag.
func (f *fixture) publish(clinic string, body []byte) string {
	f.t.Helper()
	w := f.do("PUT", "/v1/clinics/"+clinic+"/policy", rootToken, body, "If-None-Match", "*")
	if w.Code != http.StatusCreated {
		f.t.Fatalf("publish: %d %s", w.Code, w.Body)
	}
	return w.Header().Get("ETag")
}

func riverside(t *testing.T) []byte {
	b, err := os.ReadFile("testdata/riverside.json")
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// withMessage returns the pack with its explanation changed, so its ETag
// differs.
func withMessage(pack []byte, msg string) []byte {
	return bytes.Replace(pack, []byte(`"message": "Riverside Surgery's shared policy for every team member."`), []byte(`"message": "`+msg+`"`), 1)
}

func TestHealthz(t *testing.T) {
	f := newFixture(t)
	if w := f.do("GET", "/healthz", "", nil); w.Code != 200 || !strings.Contains(w.Body.String(), `"ok":true`) {
		t.Fatalf("got %d %s", w.Code, w.Body)
	}
}

func TestAuth(t *testing.T) {
	f := newFixture(t)
	f.publish("riverside", riverside(t))
	read := f.token("riverside", RoleRead)
	for _, tc := range []struct {
		name, method, token string
		want                int
	}{
		{"no token", "GET", "", 401},
		{"unknown token", "GET", "bnd_nope", 401},
		{"read token reads", "GET", read, 200},
		{"root reads", "GET", rootToken, 200},
		{"read token cannot write", "PUT", read, 403},
		{"read token cannot list tokens", "LIST", read, 403},
		{"read token cannot mint tokens", "MINT", read, 403},
	} {
		var w *httptest.ResponseRecorder
		switch tc.method {
		case "GET":
			w = f.do("GET", "/v1/clinics/riverside/policy", tc.token, nil)
		case "PUT":
			w = f.do("PUT", "/v1/clinics/riverside/policy", tc.token, riverside(t), "If-Match", `"x"`)
		case "LIST":
			w = f.do("GET", "/v1/clinics/riverside/tokens", tc.token, nil)
		case "MINT":
			w = f.do("POST", "/v1/clinics/riverside/tokens", tc.token, []byte(`{"role":"admin"}`))
		}
		if w.Code != tc.want {
			t.Errorf("%s: got %d %s, want %d", tc.name, w.Code, w.Body, tc.want)
		}
		if tc.want == 401 && !strings.HasPrefix(w.Header().Get("WWW-Authenticate"), "Bearer") {
			t.Errorf("%s: 401 without WWW-Authenticate", tc.name)
		}
	}
	// No default credentials: without ADMIN_TOKEN nothing can mint the
	// first token, and an empty bearer is no match for an empty secret.
	f.env[EnvAdminToken] = ""
	if w := f.do("POST", "/v1/clinics/riverside/tokens", rootToken, []byte(`{"role":"read"}`)); w.Code != 401 {
		t.Errorf("root token still works without ADMIN_TOKEN: %d", w.Code)
	}
	if w := f.do("GET", "/v1/clinics/riverside/policy", " ", nil); w.Code != 401 {
		t.Errorf("blank bearer: got %d", w.Code)
	}
}

func TestTenancy(t *testing.T) {
	f := newFixture(t)
	f.publish("clinic-a", riverside(t))
	f.publish("clinic-b", withMessage(riverside(t), "Clinic B only."))
	readA, adminA := f.token("clinic-a", RoleRead), f.token("clinic-a", RoleAdmin)
	for _, tok := range []string{readA, adminA} {
		if w := f.do("GET", "/v1/clinics/clinic-b/policy", tok, nil); w.Code != 403 || strings.Contains(w.Body.String(), "Clinic B only") {
			t.Errorf("clinic A's token read clinic B: %d %s", w.Code, w.Body)
		}
		if w := f.do("GET", "/v1/clinics/clinic-a/policy", tok, nil); w.Code != 200 || strings.Contains(w.Body.String(), "Clinic B only") {
			t.Errorf("clinic A's token on its own clinic: %d", w.Code)
		}
	}
	etagB := f.do("GET", "/v1/clinics/clinic-b/policy", rootToken, nil).Header().Get("ETag")
	if w := f.do("PUT", "/v1/clinics/clinic-b/policy", adminA, riverside(t), "If-Match", etagB); w.Code != 403 {
		t.Errorf("clinic A's admin wrote clinic B: %d", w.Code)
	}
	if w := f.do("GET", "/v1/clinics/clinic-b/tokens", adminA, nil); w.Code != 403 {
		t.Errorf("clinic A's admin listed clinic B's tokens: %d", w.Code)
	}
	// Clinic A's admin cannot revoke clinic B's token even knowing its id.
	readB := f.token("clinic-b", RoleRead)
	tb, _ := f.store.TokenByHash(context.Background(), HashToken(readB))
	if w := f.do("DELETE", "/v1/clinics/clinic-a/tokens/"+tb.ID, adminA, nil); w.Code != 404 {
		t.Errorf("revoking another clinic's token id: %d", w.Code)
	}
	if w := f.do("GET", "/v1/clinics/clinic-b/policy", readB, nil); w.Code != 200 {
		t.Errorf("clinic B's token stopped working: %d", w.Code)
	}
	if w := f.do("GET", "/v1/clinics/Clinic_B/policy", rootToken, nil); w.Code != 400 {
		t.Errorf("bad clinic id: %d", w.Code)
	}
}

func TestETagAndConditionalGet(t *testing.T) {
	f := newFixture(t)
	tag := f.publish("riverside", riverside(t))
	read := f.token("riverside", RoleRead)
	w := f.do("GET", "/v1/clinics/riverside/policy", read, nil)
	if w.Code != 200 || w.Header().Get("ETag") != tag || !bytes.Equal(w.Body.Bytes(), riverside(t)) {
		t.Fatalf("GET: %d etag %q want %q", w.Code, w.Header().Get("ETag"), tag)
	}
	if cc := w.Header().Get("Cache-Control"); cc != "private, no-cache" {
		t.Errorf("Cache-Control %q", cc)
	}
	for _, inm := range []string{tag, "W/" + tag, `"other", ` + tag, "*"} {
		w := f.do("GET", "/v1/clinics/riverside/policy", read, nil, "If-None-Match", inm)
		if w.Code != 304 || w.Body.Len() != 0 || w.Header().Get("ETag") != tag {
			t.Errorf("If-None-Match %s: got %d, %d bytes", inm, w.Code, w.Body.Len())
		}
	}
	if w := f.do("GET", "/v1/clinics/riverside/policy", read, nil, "If-None-Match", `"stale"`); w.Code != 200 {
		t.Errorf("stale If-None-Match: %d", w.Code)
	}
	if w := f.do("GET", "/v1/clinics/nopolicy/policy", rootToken, nil); w.Code != 404 {
		t.Errorf("no policy: %d", w.Code)
	}
}

func TestPutNeedsIfMatchAndRejectsStale(t *testing.T) {
	f := newFixture(t)
	admin := f.token("riverside", RoleAdmin)
	v1 := riverside(t)
	if w := f.do("PUT", "/v1/clinics/riverside/policy", admin, v1); w.Code != 428 {
		t.Fatalf("PUT without precondition: %d", w.Code)
	}
	if w := f.do("PUT", "/v1/clinics/riverside/policy", admin, v1, "If-Match", "*"); w.Code != 428 {
		t.Fatalf("blind If-Match *: %d", w.Code)
	}
	w := f.do("PUT", "/v1/clinics/riverside/policy", admin, v1, "If-None-Match", "*")
	if w.Code != 201 {
		t.Fatalf("create: %d %s", w.Code, w.Body)
	}
	tag1 := w.Header().Get("ETag")
	if got := gjson.Get(w.Body.String(), "locked").String(); !strings.Contains(got, "riverside.after_hours.en") {
		t.Errorf("locked %s lacks the pack's own template", got)
	}
	if w := f.do("PUT", "/v1/clinics/riverside/policy", admin, v1, "If-None-Match", "*"); w.Code != 412 {
		t.Errorf("second create: %d", w.Code)
	}
	// Two admins edit the same version: the first wins, the second gets
	// 412 instead of silently overwriting it.
	v2, v3 := withMessage(v1, "Second version."), withMessage(v1, "Third version.")
	w = f.do("PUT", "/v1/clinics/riverside/policy", admin, v2, "If-Match", tag1)
	if w.Code != 200 {
		t.Fatalf("update: %d %s", w.Code, w.Body)
	}
	tag2 := w.Header().Get("ETag")
	if tag2 == tag1 {
		t.Fatal("ETag did not change")
	}
	if w := f.do("PUT", "/v1/clinics/riverside/policy", admin, v3, "If-Match", tag1); w.Code != 412 {
		t.Errorf("stale If-Match: %d %s", w.Code, w.Body)
	}
	if w := f.do("PUT", "/v1/clinics/riverside/policy", admin, v3, "If-Match", "W/"+tag2); w.Code != 412 {
		t.Errorf("weak If-Match: %d", w.Code)
	}
	got := f.do("GET", "/v1/clinics/riverside/policy", admin, nil)
	if !bytes.Equal(got.Body.Bytes(), v2) {
		t.Errorf("stored policy is not the winning update")
	}
}

func TestValidationErrors(t *testing.T) {
	f := newFixture(t)
	tag := f.publish("riverside", riverside(t))
	for _, tc := range []struct {
		name string
		body string
		want []string
	}{
		{"not JSON", `{"id":`, []string{"not valid JSON"}},
		{"array", `[1,2]`, []string{"a rule must be a JSON object"}},
		{"wrong kind", strings.Replace(string(riverside(t)), `"clinic.policy"`, `"guidance"`, 1), []string{`kind: must be "clinic.policy"`}},
		{"bad profile", strings.Replace(string(riverside(t)), `"phone": "020 7946 0321",`, `"phone": "call us",`, 1), []string{"profile.phone: must be a phone number"}},
		{"unknown field", strings.Replace(string(riverside(t)), `"min_version"`, `"min_verison"`, 1), []string{"min_verison: unknown field"}},
		{"lock a missing template", strings.Replace(string(riverside(t)), `"emergency.all.en"`, `"no.such.template"`, 1), []string{"cannot lock: no such template"}},
		{"bad template", strings.Replace(string(riverside(t)), `"situation": "after_hours"`, `"situation": "gossip"`, 1), []string{`situation "gossip"`}},
		{"bad min_version", strings.Replace(string(riverside(t)), `"min_version": "0.1.0"`, `"min_version": "latest"`, 1), []string{"min_version: must be a version"}},
	} {
		w := f.do("PUT", "/v1/clinics/riverside/policy", rootToken, []byte(tc.body), "If-Match", tag)
		if w.Code != 400 {
			t.Errorf("%s: got %d, want 400", tc.name, w.Code)
			continue
		}
		got := gjson.Get(w.Body.String(), "error").Str
		for _, p := range gjson.Get(w.Body.String(), "problems").Array() {
			got += "\n" + p.Str
		}
		for _, want := range tc.want {
			if !strings.Contains(got, want) {
				t.Errorf("%s: answer %s lacks %q", tc.name, w.Body, want)
			}
		}
	}
	if w := f.do("POST", "/v1/clinics/riverside/tokens", rootToken, []byte(`{"role":"owner"}`)); w.Code != 400 || !strings.Contains(w.Body.String(), "role: must be") {
		t.Errorf("bad role: %d %s", w.Code, w.Body)
	}
}

func TestBodyLimits(t *testing.T) {
	f := newFixture(t)
	tag := f.publish("riverside", riverside(t))
	big := append([]byte(`{"id":"x","pad":"`), bytes.Repeat([]byte("a"), 300<<10)...)
	big = append(big, `"}`...)
	if w := f.do("PUT", "/v1/clinics/riverside/policy", rootToken, big, "If-Match", tag); w.Code != 413 {
		t.Errorf("big policy: %d", w.Code)
	}
	// Without a Content-Length the reader still stops at the limit.
	r := httptest.NewRequest("PUT", "/v1/clinics/riverside/policy", struct{ *bytes.Reader }{bytes.NewReader(big)})
	r.ContentLength = -1
	r.Header.Set("Authorization", "Bearer "+rootToken)
	r.Header.Set("If-Match", tag)
	w := httptest.NewRecorder()
	f.srv.ServeHTTP(w, r)
	if w.Code != 413 {
		t.Errorf("chunked big policy: %d", w.Code)
	}
	if w := f.do("POST", "/v1/clinics/riverside/tokens", rootToken, bytes.Repeat([]byte(" "), 5<<10)); w.Code != 413 {
		t.Errorf("big token request: %d", w.Code)
	}
}

func TestCORS(t *testing.T) {
	f := newFixture(t)
	f.publish("riverside", riverside(t))
	read := f.token("riverside", RoleRead)
	w := f.do("OPTIONS", "/v1/clinics/riverside/policy", "", nil, "Origin", extOrigin,
		"Access-Control-Request-Method", "GET", "Access-Control-Request-Headers", "authorization,if-none-match")
	if w.Code != 204 || w.Header().Get("Access-Control-Allow-Origin") != extOrigin ||
		!strings.Contains(w.Header().Get("Access-Control-Allow-Headers"), "Authorization") {
		t.Errorf("preflight: %d %v", w.Code, w.Header())
	}
	w = f.do("GET", "/v1/clinics/riverside/policy", read, nil, "Origin", extOrigin)
	if w.Code != 200 || w.Header().Get("Access-Control-Allow-Origin") != extOrigin || w.Header().Get("Access-Control-Expose-Headers") != "ETag" {
		t.Errorf("GET from the extension: %d %v", w.Code, w.Header())
	}
	for _, o := range []string{"https://evil.example", "chrome-extension://otherextension", "null"} {
		w := f.do("GET", "/v1/clinics/riverside/policy", read, nil, "Origin", o)
		if w.Code != 403 || w.Header().Get("Access-Control-Allow-Origin") != "" {
			t.Errorf("origin %s: %d, ACAO %q", o, w.Code, w.Header().Get("Access-Control-Allow-Origin"))
		}
		w = f.do("OPTIONS", "/v1/clinics/riverside/policy", "", nil, "Origin", o, "Access-Control-Request-Method", "GET")
		if w.Header().Get("Access-Control-Allow-Origin") != "" {
			t.Errorf("preflight from %s allowed", o)
		}
	}
	// Without Origin (curl, the admin's scripts) there are no CORS headers.
	if w := f.do("GET", "/v1/clinics/riverside/policy", read, nil); w.Header().Get("Access-Control-Allow-Origin") != "" {
		t.Error("CORS header without Origin")
	}
}

func TestTokensHashedListedRevoked(t *testing.T) {
	f := newFixture(t)
	f.publish("riverside", riverside(t))
	w := f.do("POST", "/v1/clinics/riverside/tokens", rootToken, []byte(`{"role":"read","label":"front desk"}`))
	tok, id := gjson.Get(w.Body.String(), "token").Str, gjson.Get(w.Body.String(), "id").Str
	if !strings.HasPrefix(tok, "bnd_") || len(tok) < 40 || id == "" {
		t.Fatalf("token %q id %q", tok, id)
	}
	for _, st := range f.store.tokens {
		if st.Hash == tok || strings.Contains(st.Hash, tok) || st.Hash != HashToken(tok) && st.ID == id {
			t.Fatalf("store keeps the token, not its hash: %+v", st)
		}
	}
	list := f.do("GET", "/v1/clinics/riverside/tokens", rootToken, nil).Body.String()
	if strings.Contains(list, tok) || strings.Contains(list, HashToken(tok)) || gjson.Get(list, "tokens.0.label").Str != "front desk" {
		t.Errorf("token list %s", list)
	}
	if w := f.do("GET", "/v1/clinics/riverside/policy", tok, nil); w.Code != 200 {
		t.Fatalf("new token: %d", w.Code)
	}
	if w := f.do("DELETE", "/v1/clinics/riverside/tokens/"+id, rootToken, nil); w.Code != 204 {
		t.Fatalf("revoke: %d", w.Code)
	}
	if w := f.do("GET", "/v1/clinics/riverside/policy", tok, nil); w.Code != 401 {
		t.Errorf("revoked token: %d", w.Code)
	}
	if w := f.do("DELETE", "/v1/clinics/riverside/tokens/"+id, rootToken, nil); w.Code != 404 {
		t.Errorf("second revoke: %d", w.Code)
	}
	// A clinic admin manages its own read tokens.
	admin := f.token("riverside", RoleAdmin)
	if w := f.do("POST", "/v1/clinics/riverside/tokens", admin, []byte(`{"role":"read"}`)); w.Code != 201 {
		t.Errorf("clinic admin mints a read token: %d", w.Code)
	}
}
