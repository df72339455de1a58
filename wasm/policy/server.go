// Package policy is the clinic policy server: one policy pack per clinic,
// read by every team member's extension and written by the clinic's admin,
// plus the Messenger after-hours autoresponder for the clinic's business
// Page. It is a plain net/http handler over a Store interface, so it runs
// natively under httptest and, unchanged, inside a Cloudflare Worker
// (wasm/cmd/worker adapts the Workers runtime and D1).
//
//	GET    /healthz
//	GET    /v1/clinics/{clinic}/policy             read token; ETag, If-None-Match → 304
//	PUT    /v1/clinics/{clinic}/policy             admin token; If-Match (or If-None-Match: * to create)
//	POST   /v1/clinics/{clinic}/tokens             admin token; {"role": "read"|"admin", "label"}
//	GET    /v1/clinics/{clinic}/tokens             admin token
//	DELETE /v1/clinics/{clinic}/tokens/{id}        admin token
//	GET    /v1/clinics/{clinic}/messenger/webhook  Meta's verification challenge
//	POST   /v1/clinics/{clinic}/messenger/webhook  signed Messenger events
//
// Only hashes of tokens are stored. There are no default credentials: with
// no ADMIN_TOKEN set, nobody can create the first token. Browsers get CORS
// headers only for the configured extension origins.
package policy

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"io"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/boundaryhq/boundary/wasm/jsonw"
	"github.com/boundaryhq/boundary/wasm/policy/pack"
	"github.com/tidwall/gjson"
)

// Env names the server reads through Config.Env.
const (
	EnvAdminToken     = "ADMIN_TOKEN"            // the deployment's admin token (a secret)
	EnvAllowedOrigins = "ALLOWED_ORIGINS"        // comma-separated extension origins
	EnvAppSecret      = "MESSENGER_APP_SECRET"   // Meta app secret: signs webhook bodies
	EnvVerifyToken    = "MESSENGER_VERIFY_TOKEN" // chosen when subscribing the webhook
	EnvPageToken      = "MESSENGER_PAGE_TOKEN"   // Page access token; _<CLINIC> suffix per clinic
	EnvSendAPI        = "SEND_API_BASE"          // Graph API base, default DefaultSendAPI
)

// DefaultSendAPI is the Graph API version the Send API calls go to.
const DefaultSendAPI = "https://graph.facebook.com/v21.0"

// Body limits. A token request is a role and a label.
const (
	maxTokenBody   = 4 << 10
	maxWebhookBody = 1 << 20
)

// Config is what the server needs from its host.
type Config struct {
	Store Store
	// Env returns a variable or secret ("" when unset). The Worker reads
	// them per request, because the runtime hands them over per request.
	Env func(name string) string
	// Do makes the Send API calls (http.DefaultClient.Do natively, the
	// Workers fetch API in the Worker). It is a function rather than an
	// *http.Client so that the Worker does not link net/http's own
	// transport and TLS stack, which it never uses: that halves its size.
	Do func(*http.Request) (*http.Response, error)
	// Now is the clock; nil means time.Now.
	Now func() time.Time
	// Logf reports what the webhook did and why it did not answer. It must
	// never be given message text or names.
	Logf func(format string, args ...any)
}

// Server is the policy service's http.Handler.
type Server struct {
	cfg Config
	mux *http.ServeMux
}

// New returns a Server.
func New(cfg Config) *Server {
	if cfg.Env == nil {
		cfg.Env = func(string) string { return "" }
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	if cfg.Logf == nil {
		cfg.Logf = func(string, ...any) {}
	}
	s := &Server{cfg: cfg, mux: http.NewServeMux()}
	s.mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, _ *http.Request) {
		writeJSON(w, http.StatusOK, []byte(`{"ok":true}`))
	})
	s.mux.HandleFunc("GET /v1/clinics/{clinic}/policy", s.getPolicy)
	s.mux.HandleFunc("PUT /v1/clinics/{clinic}/policy", s.putPolicy)
	s.mux.HandleFunc("POST /v1/clinics/{clinic}/tokens", s.createToken)
	s.mux.HandleFunc("GET /v1/clinics/{clinic}/tokens", s.listTokens)
	s.mux.HandleFunc("DELETE /v1/clinics/{clinic}/tokens/{id}", s.revokeToken)
	s.mux.HandleFunc("GET /v1/clinics/{clinic}/messenger/webhook", s.verifyWebhook)
	s.mux.HandleFunc("POST /v1/clinics/{clinic}/messenger/webhook", s.webhook)
	return s
}

// ServeHTTP applies CORS and the clinic id check, then routes.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	h := w.Header()
	h.Set("X-Content-Type-Options", "nosniff")
	if origin := r.Header.Get("Origin"); origin != "" {
		if !s.originAllowed(origin) {
			fail(w, http.StatusForbidden, "origin not allowed")
			return
		}
		h.Set("Access-Control-Allow-Origin", origin)
		h.Add("Vary", "Origin")
		h.Set("Access-Control-Expose-Headers", "ETag")
		if r.Method == http.MethodOptions {
			// Only team members' extensions call from a browser, and
			// they only read.
			h.Set("Access-Control-Allow-Methods", "GET")
			h.Set("Access-Control-Allow-Headers", "Authorization, If-None-Match")
			h.Set("Access-Control-Max-Age", "600")
			w.WriteHeader(http.StatusNoContent)
			return
		}
	}
	if rest, ok := strings.CutPrefix(r.URL.Path, "/v1/clinics/"); ok {
		if id, _, _ := strings.Cut(rest, "/"); !validClinic(id) {
			fail(w, http.StatusBadRequest, "clinic id must be 1 to 64 lower-case letters, digits and '-'")
			return
		}
	}
	s.mux.ServeHTTP(w, r)
}

func (s *Server) originAllowed(origin string) bool {
	for _, o := range strings.Split(s.cfg.Env(EnvAllowedOrigins), ",") {
		if o = strings.TrimSpace(o); o != "" && o == origin {
			return true
		}
	}
	return false
}

func validClinic(id string) bool {
	if id == "" || len(id) > 64 {
		return false
	}
	for i := 0; i < len(id); i++ {
		c := id[i]
		if !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-') {
			return false
		}
	}
	return true
}

// principal is who a request's token says it is.
type principal struct {
	role, clinic string
}

// authorize checks the bearer token for clinic and the roles allowed. It
// writes the error answer itself and returns nil when access is refused.
func (s *Server) authorize(w http.ResponseWriter, r *http.Request, roles ...string) *principal {
	tok := bearer(r.Header.Get("Authorization"))
	if tok == "" {
		w.Header().Set("WWW-Authenticate", `Bearer realm="boundary"`)
		fail(w, http.StatusUnauthorized, "an Authorization: Bearer token is required")
		return nil
	}
	clinic := r.PathValue("clinic")
	var p *principal
	if root := s.cfg.Env(EnvAdminToken); root != "" && sameSecret(tok, root) {
		p = &principal{RoleRoot, clinic}
	} else {
		hash := HashToken(tok)
		t, err := s.cfg.Store.TokenByHash(r.Context(), hash)
		if err != nil {
			fail(w, http.StatusInternalServerError, "storage error")
			return nil
		}
		if t == nil || !sameSecret(t.Hash, hash) {
			w.Header().Set("WWW-Authenticate", `Bearer realm="boundary", error="invalid_token"`)
			fail(w, http.StatusUnauthorized, "unknown or revoked token")
			return nil
		}
		p = &principal{t.Role, t.Clinic}
	}
	// A tenant's token never reaches another clinic, whatever its role.
	if p.clinic != clinic {
		fail(w, http.StatusForbidden, "this token is not for this clinic")
		return nil
	}
	for _, role := range roles {
		if p.role == role {
			return p
		}
	}
	fail(w, http.StatusForbidden, "this token may not do that")
	return nil
}

func (s *Server) getPolicy(w http.ResponseWriter, r *http.Request) {
	if s.authorize(w, r, RoleRead, RoleAdmin, RoleRoot) == nil {
		return
	}
	p, err := s.cfg.Store.Policy(r.Context(), r.PathValue("clinic"))
	if err != nil {
		fail(w, http.StatusInternalServerError, "storage error")
		return
	}
	if p == nil {
		fail(w, http.StatusNotFound, "this clinic has no policy yet")
		return
	}
	h := w.Header()
	h.Set("ETag", p.ETag)
	// Clients keep their last good copy and revalidate every time: an
	// update must reach the team at the next sync.
	h.Set("Cache-Control", "private, no-cache")
	h.Add("Vary", "Authorization")
	if etagMatches(r.Header.Get("If-None-Match"), p.ETag) {
		w.WriteHeader(http.StatusNotModified)
		return
	}
	writeJSON(w, http.StatusOK, p.Body)
}

func (s *Server) putPolicy(w http.ResponseWriter, r *http.Request) {
	if s.authorize(w, r, RoleAdmin, RoleRoot) == nil {
		return
	}
	ifMatch, ifNone := strings.TrimSpace(r.Header.Get("If-Match")), strings.TrimSpace(r.Header.Get("If-None-Match"))
	var prev string
	switch {
	case ifMatch != "" && ifMatch != "*":
		prev = ifMatch
	case ifMatch == "" && ifNone == "*":
		prev = "" // create: only when the clinic has no policy yet
	default:
		fail(w, http.StatusPreconditionRequired,
			"send If-Match with the ETag you last read (or If-None-Match: * to create the first policy), so no update is lost")
		return
	}
	body, ok := readBody(w, r, pack.MaxSize)
	if !ok {
		return
	}
	if !gjson.ValidBytes(body) {
		failProblems(w, http.StatusBadRequest, "the body is not valid JSON", nil)
		return
	}
	pk, probs := pack.Validate(body)
	if pk == nil {
		failProblems(w, http.StatusBadRequest, "the policy pack is not valid", probs)
		return
	}
	clinic := r.PathValue("clinic")
	tag := etagOf(body)
	if prev != "" && strings.HasPrefix(prev, "W/") {
		// Stored tags are strong; a weak one can never prove which
		// version the admin edited.
		fail(w, http.StatusPreconditionFailed, "If-Match needs the strong ETag from the last GET")
		return
	}
	switch err := s.cfg.Store.SwapPolicy(r.Context(), clinic, prev, Stored{Body: body, ETag: tag}); {
	case errors.Is(err, ErrConflict):
		fail(w, http.StatusPreconditionFailed, "the policy changed since your ETag; GET it again, merge, and retry")
		return
	case err != nil:
		fail(w, http.StatusInternalServerError, "storage error")
		return
	}
	w.Header().Set("ETag", tag)
	status := http.StatusOK
	if prev == "" {
		status = http.StatusCreated
	}
	var jw jsonw.Writer
	jw.BeginObject().FieldString("etag", tag).FieldString("id", pk.ID).FieldStrings("locked", pk.Locked).EndObject()
	writeJSON(w, status, jw.Bytes())
}

func (s *Server) createToken(w http.ResponseWriter, r *http.Request) {
	if s.authorize(w, r, RoleAdmin, RoleRoot) == nil {
		return
	}
	body, ok := readBody(w, r, maxTokenBody)
	if !ok {
		return
	}
	if !gjson.ValidBytes(body) || !gjson.ParseBytes(body).IsObject() {
		failProblems(w, http.StatusBadRequest, "the body must be a JSON object", nil)
		return
	}
	v := gjson.ParseBytes(body)
	var probs []string
	role := v.Get("role").String()
	if role != RoleRead && role != RoleAdmin {
		probs = append(probs, "role: must be \"read\" or \"admin\"")
	}
	label := strings.TrimSpace(v.Get("label").String())
	if len(label) > 100 || strings.ContainsAny(label, "\n\r\t") {
		probs = append(probs, "label: at most 100 characters on one line")
	}
	if len(probs) > 0 {
		failProblems(w, http.StatusBadRequest, "the token request is not valid", probs)
		return
	}
	tok, id, err := newToken()
	if err != nil {
		fail(w, http.StatusInternalServerError, "no randomness")
		return
	}
	t := Token{ID: id, Clinic: r.PathValue("clinic"), Role: role, Label: label, Hash: HashToken(tok), Created: s.cfg.Now().UTC().Truncate(time.Second)}
	if err := s.cfg.Store.AddToken(r.Context(), t); err != nil {
		fail(w, http.StatusInternalServerError, "storage error")
		return
	}
	var jw jsonw.Writer
	jw.BeginObject()
	tokenFields(&jw, t)
	// The only time the token is shown: it is not kept.
	jw.FieldString("token", tok).EndObject()
	writeJSON(w, http.StatusCreated, jw.Bytes())
}

func (s *Server) listTokens(w http.ResponseWriter, r *http.Request) {
	if s.authorize(w, r, RoleAdmin, RoleRoot) == nil {
		return
	}
	ts, err := s.cfg.Store.Tokens(r.Context(), r.PathValue("clinic"))
	if err != nil {
		fail(w, http.StatusInternalServerError, "storage error")
		return
	}
	var jw jsonw.Writer
	jw.BeginObject().Key("tokens").BeginArray()
	for _, t := range ts {
		jw.BeginObject()
		tokenFields(&jw, t)
		jw.EndObject()
	}
	jw.EndArray().EndObject()
	writeJSON(w, http.StatusOK, jw.Bytes())
}

func tokenFields(jw *jsonw.Writer, t Token) {
	jw.FieldString("id", t.ID).FieldString("role", t.Role).FieldString("label", t.Label).
		FieldString("created", t.Created.UTC().Format(time.RFC3339))
}

func (s *Server) revokeToken(w http.ResponseWriter, r *http.Request) {
	if s.authorize(w, r, RoleAdmin, RoleRoot) == nil {
		return
	}
	ok, err := s.cfg.Store.RevokeToken(r.Context(), r.PathValue("clinic"), r.PathValue("id"))
	if err != nil {
		fail(w, http.StatusInternalServerError, "storage error")
		return
	}
	if !ok {
		fail(w, http.StatusNotFound, "no such token")
		return
	}
	w.WriteHeader(http.StatusNoContent)
}

// etagOf is a strong entity tag for a body.
func etagOf(body []byte) string {
	h := sha256.Sum256(body)
	return `"` + hex.EncodeToString(h[:16]) + `"`
}

// etagMatches applies If-None-Match's weak comparison: W/ prefixes are
// ignored and "*" matches any current policy.
func etagMatches(header, tag string) bool {
	for _, c := range strings.Split(header, ",") {
		c = strings.TrimPrefix(strings.TrimSpace(c), "W/")
		if c == "*" || c == tag {
			return true
		}
	}
	return false
}

// readBody reads at most limit bytes and answers 413 itself beyond that.
func readBody(w http.ResponseWriter, r *http.Request, limit int64) ([]byte, bool) {
	if r.ContentLength > limit {
		fail(w, http.StatusRequestEntityTooLarge, "body larger than "+strconv.FormatInt(limit>>10, 10)+" KiB")
		return nil, false
	}
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, limit))
	if err != nil {
		var mbe *http.MaxBytesError
		if errors.As(err, &mbe) {
			fail(w, http.StatusRequestEntityTooLarge, "body larger than "+strconv.FormatInt(limit>>10, 10)+" KiB")
		} else {
			fail(w, http.StatusBadRequest, "could not read the body")
		}
		return nil, false
	}
	return body, true
}

func writeJSON(w http.ResponseWriter, status int, body []byte) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	w.Write(body)
}

func fail(w http.ResponseWriter, status int, msg string) {
	failProblems(w, status, msg, nil)
}

func failProblems(w http.ResponseWriter, status int, msg string, problems []string) {
	var jw jsonw.Writer
	jw.BeginObject().FieldString("error", msg)
	if problems != nil {
		jw.FieldStrings("problems", problems)
	}
	writeJSON(w, status, jw.EndObject().Bytes())
}
