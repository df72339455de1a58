// Package testbed serves hostile imitations of facebook.com and messenger.com
// pages under their real host names, for real-browser end-to-end tests and
// for native adapter tests over saved HTML.
//
// The pages copy what makes the real site hard for an extension: atomic class
// names that change between builds (?build=2 also changes nesting and element
// order), deep wrapper nesting, cards rendered both by the server and by page
// script, infinite scroll, history.pushState navigation, a popover, two UI
// languages, embedded Relay and Lightspeed data, a strict-CSP variant, and
// display names that try to inject markup. Everything a page shows is
// deterministic, so Render returns byte for byte what the server sends.
//
// The ground truth (who is a patient, what each message is about) is in
// data/; README.md explains why each tricky person and thread is there.
package testbed

import (
	"crypto/sha256"
	"encoding/base64"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/boundaryhq/boundary/wasm/testbed/privacy"
)

// Options tune a server. The zero value is what Render uses.
type Options struct {
	// AjaxDelay is added server-side to every /ajax/ response, to imitate
	// network latency on top of the page script's own short delay.
	AjaxDelay time.Duration
}

// New returns the testbed handler. It routes on the request's Host.
func New(opts Options) http.Handler {
	return &server{opts: opts}
}

// Render returns exactly the body the handler sends for a GET of
// pathAndQuery on host, or an error when that GET does not answer 200.
func Render(host, pathAndQuery string) ([]byte, error) {
	if !strings.HasPrefix(pathAndQuery, "/") {
		return nil, errors.New("testbed: Render needs a path starting with /")
	}
	r := httptest.NewRequest(http.MethodGet, "https://"+host+pathAndQuery, nil)
	w := httptest.NewRecorder()
	renderHandler.ServeHTTP(w, r)
	if w.Code != http.StatusOK {
		return nil, fmt.Errorf("testbed: GET https://%s%s answered %d", host, pathAndQuery, w.Code)
	}
	return w.Body.Bytes(), nil
}

var renderHandler = New(Options{})

type server struct{ opts Options }

// Hosts the certificate must name; the server answers for the first five.
var Hosts = []string{"www.facebook.com", "facebook.com", "m.facebook.com", "www.messenger.com", "messenger.com", "www.instagram.com"}

func (s *server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	host := r.Host
	if h, _, err := net.SplitHostPort(host); err == nil {
		host = h
	}
	host = strings.ToLower(host)
	switch host {
	case "www.facebook.com":
		s.facebook(w, r)
	case "facebook.com", "messenger.com":
		u := *r.URL
		u.Scheme, u.Host = "https", "www."+host
		http.Redirect(w, r, u.String(), http.StatusMovedPermanently)
	case "www.messenger.com":
		s.messenger(w, r)
	default:
		http.Error(w, "testbed: no site for host "+host, http.StatusMisdirectedRequest)
	}
}

// req is what every page builder needs to know about the request.
type req struct {
	host   string
	path   string
	q      url.Values
	locale string
	L      labels
	b      build
	strict bool
	nonce  string
	count  int
}

func newReq(r *http.Request, host string) *req {
	q := r.URL.Query()
	rq := &req{host: host, path: r.URL.Path, q: q, locale: DefaultLocale}
	if _, ok := Labels[q.Get("locale")]; ok {
		rq.locale = q.Get("locale")
	}
	rq.L = labelsFor(rq.locale)
	n, _ := strconv.Atoi(q.Get("build"))
	rq.b = buildOf(n)
	rq.strict = q.Get("csp") == "strict"
	if c, err := strconv.Atoi(q.Get("count")); err == nil && c > 0 {
		rq.count = min(c, 5000)
	}
	// Real nonces are random per response. This one is derived from the URL
	// so that Render and the server agree; tests must not rely on its value.
	sum := sha256.Sum256([]byte("nonce|" + host + r.URL.RequestURI()))
	rq.nonce = base64.RawURLEncoding.EncodeToString(sum[:])[:12]
	return rq
}

// sticky is the query that page links and fetches carry so a test variant
// survives scrolling and navigation.
func (rq *req) sticky() string {
	v := url.Values{}
	if rq.locale != DefaultLocale {
		v.Set("locale", rq.locale)
	}
	if rq.b.n == 2 {
		v.Set("build", "2")
	}
	if rq.strict {
		v.Set("csp", "strict")
	}
	return v.Encode()
}

// link adds the sticky query to an in-site path.
func (rq *req) link(path string) string {
	s := rq.sticky()
	if s == "" {
		return path
	}
	if strings.Contains(path, "?") {
		return path + "&" + s
	}
	return path + "?" + s
}

// csp is modelled on facebook.com's published policy: it allows
// 'wasm-unsafe-eval' but not 'unsafe-eval'.
const defaultCSP = "default-src data: blob: 'self' https://*.fbsbx.com 'unsafe-inline' *.facebook.com *.fbcdn.net 'wasm-unsafe-eval';" +
	"script-src *.facebook.com *.fbcdn.net *.facebook.net 127.0.0.1:* 'unsafe-inline' blob: data: 'self' connect.facebook.net 'wasm-unsafe-eval';" +
	"style-src *.fbcdn.net data: *.facebook.com 'unsafe-inline';" +
	"connect-src *.facebook.com facebook.com *.fbcdn.net *.facebook.net wss://*.facebook.com:* wss://*.fbcdn.net attachment.fbsbx.com blob: 'self' wss://gateway.facebook.com wss://edge-chat.facebook.com *.fbsbx.com *.fb.com;" +
	"font-src data: *.facebook.com *.fbcdn.net *.fbsbx.com;" +
	"img-src *.fbcdn.net *.facebook.com data: https://*.fbsbx.com facebook.com *.cdninstagram.com fbsbx.com fbcdn.net blob: *.fb.com;" +
	"media-src *.cdninstagram.com blob: *.fbcdn.net *.fbsbx.com www.facebook.com *.facebook.com data:;" +
	"frame-src *.doubleclick.net *.google.com *.facebook.com www.googleadservices.com *.fbsbx.com fbsbx.com data: www.instagram.com *.fbcdn.net;" +
	"manifest-src data: blob: 'self' https://*.fbsbx.com 'unsafe-inline' *.facebook.com *.fbcdn.net;" +
	"worker-src blob: *.facebook.com data:;" +
	"block-all-mixed-content;upgrade-insecure-requests;"

func (rq *req) csp() string {
	if rq.strict {
		return "default-src 'self'; script-src 'self' 'nonce-" + rq.nonce + "'; object-src 'none'"
	}
	if rq.messenger() {
		return strings.ReplaceAll(defaultCSP, "*.facebook.com", "*.facebook.com *.messenger.com")
	}
	return defaultCSP
}

func (rq *req) writeHTML(w http.ResponseWriter, status int, page string) {
	h := w.Header()
	h.Set("Content-Type", "text/html; charset=utf-8")
	h.Set("Content-Security-Policy", rq.csp())
	h.Set("Cache-Control", "private, no-cache, no-store, must-revalidate")
	h.Set("X-Frame-Options", "DENY")
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Cross-Origin-Opener-Policy", "same-origin-allow-popups")
	h.Set("Document-Policy", "force-load-at-top")
	h.Set("Strict-Transport-Security", "max-age=15552000; preload")
	w.WriteHeader(status)
	_, _ = w.Write([]byte(page))
}

// writeAjax sends JSON the way facebook.com's /ajax/ endpoints do: behind a
// "for (;;);" guard that the page script strips.
func (s *server) writeAjax(w http.ResponseWriter, r *http.Request, v any) {
	if s.opts.AjaxDelay > 0 {
		select {
		case <-time.After(s.opts.AjaxDelay):
		case <-r.Context().Done():
			return
		}
	}
	h := w.Header()
	h.Set("Content-Type", "application/x-javascript; charset=utf-8")
	h.Set("Cache-Control", "private, no-cache, no-store, must-revalidate")
	h.Set("X-Content-Type-Options", "nosniff")
	_, _ = w.Write([]byte("for (;;);" + jsonText(v)))
}

func (s *server) facebook(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	rq := newReq(r, "www.facebook.com")
	p := r.URL.Path
	switch {
	case serveStatic(w, r, rq):
	case strings.HasPrefix(p, "/v/t39.30808-1/"):
		serveAvatar(w, strings.TrimPrefix(p, "/v/t39.30808-1/"))
	case strings.HasPrefix(p, "/v/t1.15752-9/"):
		servePhoto(w, strings.TrimPrefix(p, "/v/t1.15752-9/"))
	case p == "/favicon.ico":
		writeStatic(w, "image/svg+xml", []byte(favicon))
	case p == "/":
		rq.writeHTML(w, http.StatusOK, homePage(rq))
	case p == "/friends/" || p == "/friends":
		rq.writeHTML(w, http.StatusOK, friendsPage(rq))
	case p == "/friends/requests/" || p == "/friends/requests":
		rq.writeHTML(w, http.StatusOK, requestsPage(rq))
	case p == "/friends/suggestions/" || p == "/friends/suggestions":
		rq.writeHTML(w, http.StatusOK, suggestionsPage(rq))
	case p == "/ajax/friending/requests/":
		s.writeAjax(w, r, requestsAjax(rq))
	case p == "/ajax/messaging/threads/":
		s.writeAjax(w, r, threadsAjax(rq))
	case p == "/ajax/messaging/messages/":
		s.writeAjax(w, r, messagesAjax(rq))
	case p == "/messages/requests/" || p == "/messages/requests":
		rq.writeHTML(w, http.StatusOK, messagesPage(rq, "", true, false))
	case p == "/messages/" || p == "/messages/t/":
		rq.writeHTML(w, http.StatusOK, messagesPage(rq, "", false, false))
	case strings.HasPrefix(p, "/messages/t/") || strings.HasPrefix(p, "/messages/e2ee/t/"):
		id := strings.Trim(p[strings.LastIndex(strings.TrimSuffix(p, "/"), "/"):], "/")
		if threadByID(id) == nil {
			rq.writeHTML(w, http.StatusNotFound, notFoundPage(rq))
			return
		}
		rq.writeHTML(w, http.StatusOK, messagesPage(rq, id, false, strings.HasPrefix(p, "/messages/e2ee/")))
	case privacy.Serves(r.URL):
		privacyPages.ServeHTTP(w, r)
	default:
		rq.writeHTML(w, http.StatusNotFound, notFoundPage(rq))
	}
}

// privacyPages are the settings and About pages the privacy audit reads.
var privacyPages = privacy.Handler()

func (s *server) messenger(w http.ResponseWriter, r *http.Request) {
	rq := newReq(r, "www.messenger.com")
	p := r.URL.Path
	switch {
	case serveStatic(w, r, rq):
	case strings.HasPrefix(p, "/v/t39.30808-1/"):
		serveAvatar(w, strings.TrimPrefix(p, "/v/t39.30808-1/"))
	case strings.HasPrefix(p, "/v/t1.15752-9/"):
		servePhoto(w, strings.TrimPrefix(p, "/v/t1.15752-9/"))
	case p == "/favicon.ico":
		writeStatic(w, "image/svg+xml", []byte(favicon))
	case p == "/ajax/messaging/threads/":
		s.writeAjax(w, r, threadsAjax(rq))
	case p == "/ajax/messaging/messages/":
		s.writeAjax(w, r, messagesAjax(rq))
	case p == "/" || p == "/t/":
		rq.writeHTML(w, http.StatusOK, messagesPage(rq, "", false, false))
	case p == "/requests/" || p == "/requests":
		rq.writeHTML(w, http.StatusOK, messagesPage(rq, "", true, false))
	case strings.HasPrefix(p, "/t/") || strings.HasPrefix(p, "/e2ee/t/"):
		id := strings.Trim(p[strings.LastIndex(strings.TrimSuffix(p, "/"), "/"):], "/")
		if threadByID(id) == nil {
			rq.writeHTML(w, http.StatusNotFound, notFoundPage(rq))
			return
		}
		rq.writeHTML(w, http.StatusOK, messagesPage(rq, id, false, strings.HasPrefix(p, "/e2ee/")))
	default:
		rq.writeHTML(w, http.StatusNotFound, notFoundPage(rq))
	}
}
