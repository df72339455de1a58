// Package privacy serves the Facebook-like settings, profile, About, group
// and review pages that the privacy self-audit (wasm/audit) reads, for the
// testbed at www.facebook.com.
//
// Every page comes in three account states (?state=private|public|mixed,
// default mixed) and two UI languages (?locale=en_US|de_DE, default
// en_US). The markup is deliberately as hostile as Facebook's Comet UI:
// generated atomic class names, anonymous div nesting of varying depth,
// role and aria-label attributes, span[dir=auto] text, audience buttons
// labelled "Edit privacy. Sharing with Public." and page data embedded in
// script[type="application/json"]. A reader that works here keys on
// semantics, as it must on the real site.
//
// The main testbed mounts Handler; tests call Render directly.
package privacy

import (
	"errors"
	"net/http"
	"net/url"
	"strings"
	"time"
)

// ErrNotFound is returned by Render for an address the testbed does not
// serve.
var ErrNotFound = errors.New("privacy testbed: no such page")

// Cookies a browser test sets to choose the account state, UI language
// and lazy loading while the pages keep their real addresses, as on the
// real site, where the account and not the address decides what a page
// shows. A query parameter of the same name wins.
var Cookies = []string{"state", "locale", "lazy", "csp"}

const cookiePrefix = "testbed_"

// withCookies adds the cookie choices the address does not make itself.
func withCookies(r *http.Request) string {
	uri := r.URL.RequestURI()
	q := r.URL.Query()
	for _, name := range Cookies {
		c, err := r.Cookie(cookiePrefix + name)
		if err != nil || q.Has(name) || c.Value == "" {
			continue
		}
		sep := "&"
		if !strings.Contains(uri, "?") {
			sep = "?"
		}
		uri += sep + name + "=" + url.QueryEscape(c.Value)
	}
	return uri
}

// stalls reports whether the testbed_stall cookie names a path prefix of
// this request: such pages send half their markup and then hang, for
// tests of a page that never answers.
func stalls(r *http.Request) bool {
	c, err := r.Cookie(cookiePrefix + "stall")
	return err == nil && strings.HasPrefix(c.Value, "/") && strings.HasPrefix(r.URL.Path, c.Value)
}

// Handler serves the pages over HTTP.
func Handler() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == ExpectedPath {
			serveExpected(w, r)
			return
		}
		uri := withCookies(r)
		body, err := Render(uri)
		switch {
		case errors.Is(err, ErrNotFound):
			http.NotFound(w, r)
			return
		case err != nil:
			http.Error(w, err.Error(), http.StatusBadRequest)
			return
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Header().Set("Cache-Control", "no-store")
		if stalls(r) {
			// Half a page, then nothing: the page never finishes loading,
			// as on a connection that dies, until the client goes away.
			w.WriteHeader(http.StatusOK)
			w.Write(body[:len(body)/2])
			if f, ok := w.(http.Flusher); ok {
				f.Flush()
			}
			select {
			case <-r.Context().Done():
			case <-time.After(2 * time.Minute):
			}
			return
		}
		if u, err := url.Parse(uri); err == nil && u.Query().Get("csp") == "strict" {
			// Like the main testbed's strict variant: no WebAssembly and
			// no inline script, so the extension's core runs offscreen.
			w.Header().Set("Content-Security-Policy", "default-src 'self'; script-src 'self'; object-src 'none'")
		}
		w.Write(body)
	})
}

// Paths lists one address per page the testbed serves, for tests and for
// the lead's E2E list.
var Paths = []string{
	"/settings?tab=privacy",
	"/settings?tab=privacy&section=composer",
	"/settings?tab=privacy&section=friendlist",
	"/settings?tab=privacy&section=canfriend",
	"/settings?tab=privacy&section=findemail",
	"/settings?tab=privacy&section=findphone",
	"/settings?tab=privacy&section=search",
	"/settings?tab=profile_and_tagging",
	"/settings?tab=followers",
	"/settings?tab=active_status",
	"/private_sharing/home_view/",
	"/me",
	"/profile.php?id=" + viewerID,
	"/me/about",
	"/profile.php?id=" + viewerID + "&sk=about_work_and_education",
	"/me/about_work_and_education",
	"/me/about_places",
	"/me/about_contact_and_basic_info",
	"/me/about_family_and_relationships",
	"/profile.php?id=" + viewerID + "&sk=about_places",
	"/profile.php?id=" + viewerID + "&sk=about_contact_and_basic_info",
	"/profile.php?id=" + viewerID + "&sk=about_family_and_relationships",
	"/groups/joins/",
	"/" + practiceSlug + "/reviews",
}

// Render returns the page for a path and query such as
// "/settings?tab=privacy&state=public&locale=de_DE".
func Render(pathAndQuery string) ([]byte, error) {
	u, err := url.Parse(pathAndQuery)
	if err != nil {
		return nil, err
	}
	q := u.Query()
	state := q.Get("state")
	if state == "" {
		state = "mixed"
	}
	p, ok := states[state]
	if !ok {
		return nil, errors.New("privacy testbed: unknown state " + state + " (want private, public or mixed)")
	}
	locale := q.Get("locale")
	if locale == "" {
		locale = "en_US"
	}
	t, ok := tr[locale]
	if !ok {
		return nil, errors.New("privacy testbed: unknown locale " + locale + " (want en_US, de_DE or fr_FR)")
	}
	path := strings.TrimSuffix(u.Path, "/")
	if u.Path == ExpectedPath {
		return Expected(state)
	}
	pg := &pageCtx{w: newWriter(pathAndQuery), p: p, t: t, q: q}
	var title string
	var body func()
	switch {
	case path == "/settings":
		title = t["settings"]
		switch q.Get("tab") {
		case "privacy":
			body = pg.privacySettings
		case "profile_and_tagging":
			body = pg.taggingSettings
		case "followers":
			body = pg.followerSettings
		case "active_status":
			body = pg.activeStatus
		default:
			return nil, ErrNotFound
		}
	case path == "/private_sharing/home_view":
		title, body = t["lock_title"], pg.lockPage
	case path == "/me" || (path == "/profile.php" && q.Get("sk") == ""):
		title, body = viewerName, pg.timeline
	case strings.HasPrefix(path, "/me/about") || (path == "/profile.php" && strings.HasPrefix(q.Get("sk"), "about")):
		sk := strings.TrimPrefix(path, "/me/")
		if path == "/profile.php" {
			sk = q.Get("sk")
		}
		if !pg.aboutKnown(sk) {
			return nil, ErrNotFound
		}
		title, body = viewerName, func() { pg.about(sk) }
	case path == "/groups/joins":
		title, body = t["groups"], pg.groups
	case path == "/"+practiceSlug+"/reviews":
		title, body = practiceName, pg.reviews
	default:
		return nil, ErrNotFound
	}
	pg.frame(title, body)
	return []byte(pg.w.b.String()), nil
}

type pageCtx struct {
	w *writer
	p profile
	t map[string]string
	q url.Values
}

// link keeps the state and locale on in-page links, so a tester can click
// through one account.
func (pg *pageCtx) link(path string) string {
	extra := "state=" + pg.q.Get("state") + "&locale=" + pg.q.Get("locale")
	if pg.q.Get("state") == "" && pg.q.Get("locale") == "" {
		return path
	}
	if strings.Contains(path, "?") {
		return path + "&" + extra
	}
	return path + "?" + extra
}

// frame writes the page chrome Comet puts around every page: the banner,
// the account button and the mount point nested deep in anonymous divs.
func (pg *pageCtx) frame(title string, body func()) {
	w, t := pg.w, pg.t
	w.b.WriteString(`<!DOCTYPE html><html id="facebook" class="` + w.classes() + `" lang="` + t["lang"] + `" dir="ltr"><head><meta charset="utf-8">`)
	w.b.WriteString(`<meta name="viewport" content="width=device-width, initial-scale=1"><title>` + escape(title) + ` | Facebook</title></head>`)
	w.open("body")
	w.el("div", []string{"id", "mount_0_0_" + pg.id()}, func() {
		w.nest(func() {
			w.el("div", []string{"role", "banner"}, func() {
				w.nest(func() {
					w.el("a", []string{"href", "/", "aria-label", "Facebook"}, func() { w.el("svg", []string{"viewBox", "0 0 36 36"}, nil) })
				})
				w.el("div", []string{"role", "navigation", "aria-label", "Facebook"}, func() {
					w.el("a", []string{"href", pg.link("/"), "aria-label", t["home"]}, nil)
					w.el("a", []string{"href", pg.link("/groups/feed/"), "aria-label", t["groups"]}, nil)
				})
				w.nest(func() {
					w.el("div", []string{"role", "button", "tabindex", "0", "aria-label", t["your_profile"]}, func() {
						w.el("svg", []string{"role", "img", "aria-label", viewerName}, nil)
					})
				})
			})
			w.nest(func() {
				w.el("div", []string{"role", "main"}, func() { w.nest(body) })
			})
		})
	})
	pg.w.data("CometViewerQuery", map[string]any{"viewer": map[string]any{"actor": map[string]any{"__typename": "User", "id": viewerID, "name": viewerName}}})
	w.close("body")
	w.b.WriteString("</html>\n")
}

func (pg *pageCtx) id() string {
	return string(rune('a'+pg.w.next()%26)) + string(rune('A'+pg.w.next()%26))
}

func escape(s string) string {
	return strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&#34;").Replace(s)
}
