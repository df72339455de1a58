package privacy_test

import (
	"bytes"
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"golang.org/x/net/html"

	"github.com/boundaryhq/boundary/rules"
	"github.com/boundaryhq/boundary/wasm/audit"
	"github.com/boundaryhq/boundary/wasm/page/htmlpage"
	"github.com/boundaryhq/boundary/wasm/testbed/privacy"
)

const (
	ok   = audit.OK
	risk = audit.Risk
)

// expected is what the audit must find on the testbed, per state. The same
// answer is expected in both UI languages and on every page that can
// answer the check.
var expected = map[string]map[string]string{
	"private": {
		"future_posts_audience": ok, "past_posts_limited": ok, "friend_request_senders": ok,
		"friends_list_visibility": ok, "lookup_by_email": ok, "lookup_by_phone": ok,
		"search_engine_indexing": ok, "profile_posting": ok, "tag_review": ok, "timeline_review": ok,
		"followers_public_posts": ok, "active_status": ok, "profile_locked": ok,
		"about_work_visible": ok, "about_education_visible": ok, "about_places_visible": ok,
		"about_contact_visible": ok, "about_family_visible": ok, "community_groups": ok,
		"practice_reviews_from_personal": ok,
	},
	"public": {
		"future_posts_audience": risk, "past_posts_limited": risk, "friend_request_senders": risk,
		"friends_list_visibility": risk, "lookup_by_email": risk, "lookup_by_phone": risk,
		"search_engine_indexing": risk, "profile_posting": risk, "tag_review": risk, "timeline_review": risk,
		"followers_public_posts": risk, "active_status": risk, "profile_locked": risk,
		"about_work_visible": risk, "about_education_visible": risk, "about_places_visible": risk,
		"about_contact_visible": risk, "about_family_visible": risk, "community_groups": risk,
		"practice_reviews_from_personal": risk,
	},
	"mixed": {
		"future_posts_audience": ok, "past_posts_limited": risk, "friend_request_senders": risk,
		"friends_list_visibility": risk, "lookup_by_email": ok, "lookup_by_phone": risk,
		"search_engine_indexing": risk, "profile_posting": ok, "tag_review": risk, "timeline_review": ok,
		"followers_public_posts": risk, "active_status": ok, "profile_locked": risk,
		"about_work_visible": risk, "about_education_visible": ok, "about_places_visible": ok,
		"about_contact_visible": risk, "about_family_visible": ok, "community_groups": risk,
		"practice_reviews_from_personal": ok,
	},
}

// expectedScore follows from the table and the severities in rules/audit:
// mixed has ok weights 8+4+4+4+2+2+4+4+8 = 40 against risk weights
// 4+8+4+8+4+2+4+4+8+8+4 = 58, and floor(100*40/98) = 40.
var expectedScore = map[string]int{"private": 100, "public": 0, "mixed": 40, "hostile": 40}

func init() {
	// hostile differs from mixed only in the workplace's name and its
	// audience (public instead of friends of friends): both are risks.
	expected["hostile"] = expected["mixed"]
}

func render(t *testing.T, path string) *htmlpage.Doc {
	t.Helper()
	body, err := privacy.Render(path)
	if err != nil {
		t.Fatalf("Render(%s): %v", path, err)
	}
	d, err := htmlpage.Parse(bytes.NewReader(body), "https://www.facebook.com"+path)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func withState(path, state, locale string) string {
	sep := "?"
	if strings.Contains(path, "?") {
		sep = "&"
	}
	return path + sep + "state=" + state + "&locale=" + locale
}

func TestAuditFindsTheExpected(t *testing.T) {
	c, err := audit.Load(rules.FS)
	if err != nil {
		t.Fatal(err)
	}
	for _, state := range privacy.States {
		for _, locale := range privacy.Locales {
			var pages []audit.PageResult
			answered := map[string]bool{}
			for _, p := range privacy.Paths {
				path := withState(p, state, locale)
				pr := c.Run(render(t, path))
				if pr.Page == audit.UnknownPage || len(pr.Results) == 0 {
					t.Errorf("%s: no check answered (page %s)", path, pr.Page)
				}
				for _, r := range pr.Results {
					answered[r.ID] = true
					if want := expected[state][r.ID]; r.Status != want {
						t.Errorf("%s: %s = %s %q (%s), want %s", path, r.ID, r.Status, r.Value, r.Detail, want)
					}
				}
				pages = append(pages, pr)
			}
			for id := range expected[state] {
				if !answered[id] {
					t.Errorf("%s %s: no testbed page answers %s", state, locale, id)
				}
			}
			rep := c.Merge(pages)
			if rep.Unknown != 0 || rep.Score != expectedScore[state] {
				t.Errorf("%s %s: score %d with %d unknown, want %d with none", state, locale, rep.Score, rep.Unknown, expectedScore[state])
			}
		}
	}
}

// The audit must not lean on class names or nesting: the same pages with
// every class removed and every anonymous wrapper doubled read the same.
func TestMarkupIndependence(t *testing.T) {
	c, err := audit.Load(rules.FS)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range privacy.Paths {
		path := withState(p, "mixed", "de_DE")
		body, _ := privacy.Render(path)
		s := string(body)
		for {
			i := strings.Index(s, ` class="`)
			if i < 0 {
				break
			}
			j := strings.IndexByte(s[i+8:], '"')
			s = s[:i] + s[i+8+j+1:]
		}
		d, err := deepen(s, "https://www.facebook.com"+path)
		if err != nil {
			t.Fatal(err)
		}
		a, b := c.Run(render(t, path)), c.Run(d)
		if string(a.JSON()) != string(b.JSON()) {
			t.Errorf("%s reads differently without classes:\n%s\n%s", path, a.JSON(), b.JSON())
		}
	}
}

// deepen parses a page and puts two more anonymous wrappers inside every
// anonymous div, tripling the nesting without changing what the page says.
func deepen(s, url string) (*htmlpage.Doc, error) {
	root, err := html.Parse(strings.NewReader(s))
	if err != nil {
		return nil, err
	}
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
		if n.Type == html.ElementNode && n.Data == "div" && len(n.Attr) == 0 {
			outer := &html.Node{Type: html.ElementNode, Data: "div"}
			inner := &html.Node{Type: html.ElementNode, Data: "section"}
			for c := n.FirstChild; c != nil; {
				next := c.NextSibling
				n.RemoveChild(c)
				inner.AppendChild(c)
				c = next
			}
			outer.AppendChild(inner)
			n.AppendChild(outer)
		}
	}
	walk(root)
	var b bytes.Buffer
	if err := html.Render(&b, root); err != nil {
		return nil, err
	}
	return htmlpage.ParseString(b.String(), url)
}

// A UI language without labels gives unknown, never ok.
func TestUnlabelledLanguageIsUnknown(t *testing.T) {
	c, err := audit.Load(rules.FS)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range privacy.Paths {
		body, _ := privacy.Render(withState(p, "public", "en_US"))
		s := strings.Replace(string(body), ` lang="en"`, ` lang="fr"`, 1)
		d, _ := htmlpage.ParseString(s, "https://www.facebook.com"+p)
		for _, r := range c.Run(d).Results {
			// Settings pages embed their values, so those read without labels.
			if r.Status == audit.OK {
				t.Errorf("%s: %s is ok on a page in a language without labels (%s)", p, r.ID, r.Detail)
			}
		}
	}
}

func TestRenderIsDeterministicAndHostile(t *testing.T) {
	a, _ := privacy.Render("/settings?tab=privacy&state=public")
	b, _ := privacy.Render("/settings?tab=privacy&state=public")
	if !bytes.Equal(a, b) {
		t.Error("Render is not deterministic")
	}
	s := string(a)
	for _, want := range []string{
		`role="button"`, `aria-label="Edit privacy. Sharing with Public."`, `dir="auto"`,
		`<script type="application/json"`, `300645083384735`, `class="x`,
	} {
		if !strings.Contains(s, want) {
			t.Errorf("privacy settings page lacks %s", want)
		}
	}
	de, _ := privacy.Render("/settings?tab=privacy&state=public&locale=de_DE")
	if !strings.Contains(string(de), `aria-label="Privatsphäre bearbeiten. Geteilt mit: Öffentlich."`) || !strings.Contains(string(de), `lang="de"`) {
		t.Error("German page lacks the German audience button or lang")
	}
	if strings.Contains(s, "</script><") && strings.Count(s, "<script") != strings.Count(s, "</script>") {
		t.Error("unbalanced scripts")
	}
}

func TestHandler(t *testing.T) {
	srv := httptest.NewServer(privacy.Handler())
	defer srv.Close()
	for _, tc := range []struct {
		path string
		code int
	}{
		{"/settings?tab=privacy&section=composer&state=private", 200},
		{"/groups/joins/?locale=de_DE", 200},
		{"/settings?tab=security", 404},
		{"/nowhere", 404},
		{"/settings?tab=privacy&state=weird", 400},
		{"/settings?tab=privacy&locale=xx_XX", 400},
	} {
		resp, err := http.Get(srv.URL + tc.path)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != tc.code {
			t.Errorf("GET %s = %d, want %d", tc.path, resp.StatusCode, tc.code)
		}
		if tc.code == 200 && !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/html") {
			t.Errorf("GET %s: content type %s", tc.path, resp.Header.Get("Content-Type"))
		}
	}
}

// The ground truth derived from the state definitions agrees with the
// table written by hand above: two independent statements of the truth.
func TestExpectedFollowsFromTheStates(t *testing.T) {
	for _, state := range privacy.States {
		got, err := privacy.ExpectedStatuses(state)
		if err != nil {
			t.Fatal(err)
		}
		if len(got) != len(expected[state]) {
			t.Errorf("%s: %d checks, want %d", state, len(got), len(expected[state]))
		}
		for id, want := range expected[state] {
			if got[id] != want {
				t.Errorf("%s: derived %s = %s, table says %s", state, id, got[id], want)
			}
		}
	}
	if _, err := privacy.ExpectedStatuses("nope"); err == nil {
		t.Error("unknown state: no error")
	}
}

// Cookies choose the state, language and lazy loading while the address
// stays the real one; the query still wins; the ground truth is served.
func TestHandlerCookies(t *testing.T) {
	srv := httptest.NewServer(privacy.Handler())
	defer srv.Close()
	get := func(path string, cookies map[string]string) string {
		req, _ := http.NewRequest(http.MethodGet, srv.URL+path, nil)
		for k, v := range cookies {
			req.AddCookie(&http.Cookie{Name: "testbed_" + k, Value: v})
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		var b bytes.Buffer
		b.ReadFrom(resp.Body)
		if resp.StatusCode != 200 {
			t.Fatalf("GET %s: %d %s", path, resp.StatusCode, b.String())
		}
		return b.String()
	}
	de := get("/settings?tab=privacy", map[string]string{"locale": "de_DE", "state": "public"})
	if !strings.Contains(de, `lang="de"`) || !strings.Contains(de, "Geteilt mit: Öffentlich") {
		t.Error("cookies did not choose the German public page")
	}
	if en := get("/settings?tab=privacy&locale=en_US", map[string]string{"locale": "de_DE"}); !strings.Contains(en, `lang="en"`) {
		t.Error("the query must win over the cookie")
	}
	req, _ := http.NewRequest(http.MethodGet, srv.URL+"/settings?tab=privacy", nil)
	req.AddCookie(&http.Cookie{Name: "testbed_csp", Value: "strict"})
	if resp, err := http.DefaultClient.Do(req); err != nil || !strings.Contains(resp.Header.Get("Content-Security-Policy"), "script-src 'self'") {
		t.Error("the csp cookie did not give the strict policy")
	} else {
		resp.Body.Close()
	}
	stall, _ := http.NewRequest(http.MethodGet, srv.URL+"/groups/joins/", nil)
	stall.AddCookie(&http.Cookie{Name: "testbed_stall", Value: "/groups"})
	ctx, cancel := context.WithTimeout(context.Background(), 300*time.Millisecond)
	defer cancel()
	if resp, err := http.DefaultClient.Do(stall.WithContext(ctx)); err == nil {
		var b bytes.Buffer
		_, rerr := b.ReadFrom(resp.Body)
		resp.Body.Close()
		if rerr == nil || strings.Contains(b.String(), "</html>") {
			t.Error("a stalled page finished loading")
		}
	}
	lazy := get("/me/about", map[string]string{"lazy": "1"})
	if !strings.Contains(lazy, "<template data-lazy") || !strings.Contains(lazy, "setTimeout") {
		t.Error("lazy About page keeps nothing back")
	}
	if exp := get(privacy.ExpectedPath, map[string]string{"state": "private"}); !strings.HasPrefix(exp, `{"about_contact_visible":"ok"`) {
		t.Errorf("expected: %s", exp)
	}
}

// A rendered page in a language the audit has no labels for (the
// testbed's French) reads as unknown wherever it has no embedded data.
func TestFrenchPagesAreUnknown(t *testing.T) {
	c, err := audit.Load(rules.FS)
	if err != nil {
		t.Fatal(err)
	}
	for _, locale := range privacy.UnlabelledLocales {
		for _, p := range privacy.Paths {
			pr := c.Run(render(t, withState(p, "public", locale)))
			if pr.Lang != "fr" {
				t.Fatalf("%s: lang %q", p, pr.Lang)
			}
			for _, r := range pr.Results {
				if r.Status == audit.OK {
					t.Errorf("%s: %s ok without labels", p, r.ID)
				}
				if strings.HasPrefix(r.ID, "about_") && r.Status != audit.Unknown {
					t.Errorf("%s: %s = %s, want unknown", p, r.ID, r.Status)
				}
			}
		}
	}
}
