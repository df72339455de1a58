package testbed

import (
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/boundaryhq/boundary/wasm/page"
	"github.com/boundaryhq/boundary/wasm/page/htmlpage"
)

// get performs a request against the handler and returns the response.
func get(t *testing.T, h http.Handler, url string) (*http.Response, string) {
	t.Helper()
	r := httptest.NewRequest(http.MethodGet, url, nil)
	w := httptest.NewRecorder()
	h.ServeHTTP(w, r)
	res := w.Result()
	b, _ := io.ReadAll(res.Body)
	return res, string(b)
}

func parse(t *testing.T, url, body string) page.Document {
	t.Helper()
	d, err := htmlpage.ParseString(body, url)
	if err != nil {
		t.Fatalf("parse %s: %v", url, err)
	}
	return d
}

func TestPagesRender(t *testing.T) {
	h := New(Options{})
	tests := []struct {
		url, lang, title string
		want             []string // selectors that must match
	}{
		{"https://www.facebook.com/", "en", "Facebook", []string{`[role=banner] [role=button][aria-label="Friend requests"]`, `[role=feed] [role=article]`}},
		{"https://www.facebook.com/friends/", "en", "Friends | Facebook", []string{`[role=button][aria-label="Add friend"]`, `[role=button][aria-label^="Confirm"]`}},
		{"https://www.facebook.com/friends/requests/", "en", "Friend requests | Facebook", []string{`svg[role=img][aria-label] image`, `[role=button][aria-label^="Delete"]`}},
		{"https://www.facebook.com/friends/requests", "en", "Friend requests | Facebook", []string{`span[dir=auto]`}},
		{"https://www.facebook.com/friends/requests/?locale=de_DE", "de", "Freundschaftsanfragen | Facebook", []string{`[role=button][aria-label="Bestätigen"]`, `[role=button][aria-label="Löschen"]`}},
		{"https://www.facebook.com/friends/?locale=de_DE", "de", "Freunde | Facebook", []string{`[role=button][aria-label="Als Freund/in hinzufügen"]`, `[role=button][aria-label="Entfernen"]`}},
		{"https://www.facebook.com/friends/suggestions/", "en", "Suggestions | Facebook", []string{`[role=button][aria-label="Remove"]`}},
		{"https://www.facebook.com/friends/requests/?build=2", "en", "Friend requests | Facebook", []string{`a[href^="/friends/requests/?profile_id="]`}},
		{"https://www.facebook.com/friends/requests/?csp=strict", "en", "Friend requests | Facebook", []string{`script[nonce]`}},
	}
	for _, tt := range tests {
		res, body := get(t, h, tt.url)
		if res.StatusCode != 200 {
			t.Errorf("%s: status %d", tt.url, res.StatusCode)
			continue
		}
		d := parse(t, tt.url, body)
		if d.Lang() != tt.lang {
			t.Errorf("%s: lang %q, want %q", tt.url, d.Lang(), tt.lang)
		}
		if id, _ := d.Root().Attr("id"); id != "facebook" {
			t.Errorf("%s: html id %q", tt.url, id)
		}
		if got := d.Root().Query("title").Text(); got != tt.title {
			t.Errorf("%s: title %q, want %q", tt.url, got, tt.title)
		}
		for _, sel := range tt.want {
			if d.Root().Query(sel) == nil {
				t.Errorf("%s: nothing matches %s", tt.url, sel)
			}
		}
	}
}

func TestHostRouting(t *testing.T) {
	h := New(Options{})
	tests := []struct {
		url      string
		status   int
		location string
	}{
		{"https://facebook.com/friends/?locale=de_DE", 301, "https://www.facebook.com/friends/?locale=de_DE"},
		{"https://messenger.com/t/1/", 301, "https://www.messenger.com/t/1/"},
		{"https://www.facebook.com:8443/friends/", 200, ""},
		{"https://WWW.FACEBOOK.COM/", 200, ""},
		{"https://www.example.com/", 421, ""},
		{"https://www.facebook.com/nope/", 404, ""},
	}
	for _, tt := range tests {
		res, _ := get(t, h, tt.url)
		if res.StatusCode != tt.status {
			t.Errorf("%s: status %d, want %d", tt.url, res.StatusCode, tt.status)
		}
		if loc := res.Header.Get("Location"); loc != tt.location {
			t.Errorf("%s: Location %q, want %q", tt.url, loc, tt.location)
		}
	}
}

func TestCSP(t *testing.T) {
	h := New(Options{})
	res, _ := get(t, h, "https://www.facebook.com/friends/requests/")
	csp := res.Header.Get("Content-Security-Policy")
	scriptSrc := directive(csp, "script-src")
	if !strings.Contains(scriptSrc, "'wasm-unsafe-eval'") || strings.Contains(strings.ReplaceAll(scriptSrc, "'wasm-unsafe-eval'", ""), "unsafe-eval") {
		t.Errorf("default script-src %q: want 'wasm-unsafe-eval' and no 'unsafe-eval'", scriptSrc)
	}

	for _, u := range []string{"/friends/requests/?csp=strict", "/?csp=strict&locale=de_DE", "/friends/?build=2&csp=strict", "/messages/t/?csp=strict", "/messages/requests/?csp=strict&build=2"} {
		res, body := get(t, h, "https://www.facebook.com"+u)
		csp := res.Header.Get("Content-Security-Policy")
		m := regexp.MustCompile(`^default-src 'self'; script-src 'self' 'nonce-([A-Za-z0-9_-]+)'; object-src 'none'$`).FindStringSubmatch(csp)
		if m == nil {
			t.Errorf("%s: strict CSP %q", u, csp)
			continue
		}
		d := parse(t, u, body)
		for _, s := range d.Root().QueryAll("script") {
			if _, src := s.Attr("src"); (src || page.AttrOr(s, "type") == "") && page.AttrOr(s, "nonce") != m[1] {
				t.Errorf("%s: executable script without the policy's nonce: %v", u, page.AttrOr(s, "src"))
			}
		}
		if strings.Contains(body, "style=") {
			t.Errorf("%s: inline style attribute would be blocked by the strict policy", u)
		}
	}
}

func directive(csp, name string) string {
	for _, d := range strings.Split(csp, ";") {
		d = strings.TrimSpace(d)
		if strings.HasPrefix(d, name+" ") {
			return d
		}
	}
	return ""
}

// bootstrap returns the page script's bootstrap payload.
func bootstrap(t *testing.T, d page.Document) map[string]any {
	t.Helper()
	for _, s := range d.Root().QueryAll(`script[type="application/json"]`) {
		var v struct {
			Require [][]json.RawMessage `json:"require"`
		}
		if json.Unmarshal([]byte(s.Text()), &v) != nil {
			continue
		}
		for _, r := range v.Require {
			var name string
			if len(r) == 4 && json.Unmarshal(r[0], &name) == nil && name == "CometTestbedBootstrap" {
				var args []map[string]any
				if err := json.Unmarshal(r[3], &args); err != nil {
					t.Fatal(err)
				}
				return args[0]
			}
		}
	}
	t.Fatal("no bootstrap blob")
	return nil
}

func ajaxJSON(t *testing.T, h http.Handler, url string) map[string]any {
	t.Helper()
	res, body := get(t, h, url)
	if res.StatusCode != 200 {
		t.Fatalf("%s: status %d", url, res.StatusCode)
	}
	body, ok := strings.CutPrefix(body, "for (;;);")
	if !ok {
		t.Fatalf("%s: no for (;;); guard", url)
	}
	var v map[string]any
	if err := json.Unmarshal([]byte(body), &v); err != nil {
		t.Fatalf("%s: %v", url, err)
	}
	return v
}

func TestInfiniteScrollPagesEveryoneOnce(t *testing.T) {
	h := New(Options{})
	for _, locale := range []string{"en_US", "de_DE"} {
		_, body := get(t, h, "https://www.facebook.com/friends/requests/?locale="+locale)
		d := parse(t, "", body)
		var ids []string
		boot := bootstrap(t, d)
		for _, c := range boot["cards"].([]any) {
			ids = append(ids, c.(map[string]any)["id"].(string))
		}
		if got := len(d.Root().QueryAll(`svg[role=img][aria-label]`)); got != len(ids) || got != pageSize {
			t.Errorf("%s: %d avatars, %d bootstrap cards, want %d", locale, got, len(ids), pageSize)
		}
		next := int(boot["next"].(float64))
		for pages := 0; next >= 0; pages++ {
			if pages > 100 {
				t.Fatal("cursor never ends")
			}
			v := ajaxJSON(t, h, "https://www.facebook.com/ajax/friending/requests/?cursor="+strconv.Itoa(next)+"&locale="+locale)
			p := v["payload"].(map[string]any)
			for _, c := range p["cards"].([]any) {
				c := c.(map[string]any)
				ids = append(ids, c["id"].(string))
				if want := Labels[locale]["confirm"]; c["primary_text"] != want {
					t.Errorf("%s: button text %q, want %q", locale, c["primary_text"], want)
				}
			}
			next = int(p["next"].(float64))
		}
		people := People()
		if len(ids) != len(people) {
			t.Fatalf("%s: paged %d people, want %d", locale, len(ids), len(people))
		}
		seen := map[string]bool{}
		for i, id := range ids {
			if seen[id] {
				t.Errorf("%s: %s listed twice", locale, id)
			}
			seen[id] = true
			if id != people[i].ID {
				t.Errorf("%s: position %d is %s, want %s", locale, i, id, people[i].ID)
			}
		}
	}
}

var hostileNames = []string{
	"<img src=x onerror=alert(1)>",
	"<script>alert(1)</script>",
	`Tom "><svg onload=alert(document.domain)>`,
	"</script><script>alert('json')</script>",
	"Mary <b>Jones</b>",
}

func TestHostileNamesStayInert(t *testing.T) {
	h := New(Options{})
	urls := []string{
		"https://www.facebook.com/friends/requests/",
		"https://www.facebook.com/friends/requests/?build=2&locale=de_DE",
		"https://www.facebook.com/friends/requests/?count=200",
		"https://www.facebook.com/friends/",
	}
	for _, u := range urls {
		_, body := get(t, h, u)
		for _, name := range hostileNames {
			if strings.Contains(body, name) {
				t.Errorf("%s: raw %q in the HTML", u, name)
			}
		}
		d := parse(t, u, body)
		if n := d.Root().QueryAll("b, img[src=x], [onerror], [onload], body script:not([type]):not([src])"); len(n) > 0 {
			t.Errorf("%s: %d injected elements", u, len(n))
		}
		// The blobs carry names \u003c-escaped.
		for _, s := range d.Root().QueryAll(`script[type="application/json"]`) {
			if strings.ContainsAny(s.Text(), "<>") {
				t.Errorf("%s: unescaped < or > in a JSON script", u)
			}
		}
	}
	_, body := get(t, h, "https://www.facebook.com/friends/requests/?count=100")
	d := parse(t, "", body)
	for _, name := range hostileNames {
		svg := d.Root().Query(`svg[role=img][aria-label="` + strings.ReplaceAll(name, `"`, `\"`) + `"]`)
		if svg == nil {
			t.Errorf("no avatar labelled %q", name)
			continue
		}
		if j := jsonText(name); !strings.Contains(body, j[1:len(j)-1]) {
			t.Errorf("%q not found \\u003c-escaped in the JSON blobs", name)
		}
	}
	// And in the scroll endpoint.
	_, raw := get(t, h, "https://www.facebook.com/ajax/friending/requests/?cursor=0")
	if strings.ContainsAny(raw, "<>") || !strings.Contains(raw, `Mary \u003cb\u003eJones\u003c/b\u003e`) {
		t.Error("ajax JSON must carry names with \\u003c escapes only")
	}
}

func TestRenderEqualsHandler(t *testing.T) {
	srv := httptest.NewUnstartedServer(New(Options{}))
	srv.StartTLS()
	defer srv.Close()
	c := srv.Client()
	for _, u := range []string{
		"/", "/friends/", "/friends/requests/", "/friends/requests/?locale=de_DE&build=2&csp=strict",
		"/friends/requests/?count=300", "/friends/suggestions/", "/ajax/friending/requests/?cursor=10",
		"/messages/t/", "/messages/requests/",
	} {
		req, _ := http.NewRequest("GET", srv.URL+u, nil)
		req.Host = "www.facebook.com"
		res, err := c.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		served, _ := io.ReadAll(res.Body)
		res.Body.Close()
		rendered, err := Render("www.facebook.com", u)
		if err != nil {
			t.Errorf("Render %s: %v", u, err)
			continue
		}
		if string(served) != string(rendered) {
			t.Errorf("%s: Render differs from what the server sends", u)
		}
	}
	if _, err := Render("www.facebook.com", "/no/such/page/"); err == nil {
		t.Error("Render of a 404 should fail")
	}
}

func classTokens(body string) map[string]bool {
	out := map[string]bool{}
	for _, m := range regexp.MustCompile(`class="([^"]*)"`).FindAllStringSubmatch(body, -1) {
		for _, c := range strings.Fields(m[1]) {
			out[c] = true
		}
	}
	return out
}

func TestBuildTwoChangesClassesAndStructure(t *testing.T) {
	h := New(Options{})
	_, b1 := get(t, h, "https://www.facebook.com/friends/requests/")
	_, b2 := get(t, h, "https://www.facebook.com/friends/requests/?build=2")
	c1, c2 := classTokens(b1), classTokens(b2)
	shared := 0
	for c := range c1 {
		if c2[c] {
			shared++
		}
	}
	if shared > 0 {
		t.Errorf("builds share %d class names", shared)
	}
	if len(c1) < 50 {
		t.Errorf("only %d distinct classes", len(c1))
	}
	// Same cards, different structure: depth of the first Confirm button.
	d1, d2 := parse(t, "", b1), parse(t, "", b2)
	sel := `[role=navigation] [role=button][aria-label^="Confirm"]`
	if depth(d1.Root().Query(sel)) == depth(d2.Root().Query(sel)) {
		t.Error("build 2 should nest the cards differently")
	}
	for _, d := range []page.Document{d1, d2} {
		dep := depth(d.Root().Query(`[role=navigation] span[dir=auto] span span`))
		if dep < 15 || dep > 45 {
			t.Errorf("name nested %d levels deep, want 15..45", dep)
		}
	}
	// Every class used has a rule in the build's sheet.
	for n, body := range map[int]string{1: b1, 2: b2} {
		sheet := buildOf(n).stylesheet()
		for c := range classTokens(body) {
			if c != "" && !strings.Contains(sheet, "."+c+"{") {
				t.Errorf("build %d: class %s has no rule", n, c)
			}
		}
	}
}

func depth(n page.Node) int {
	d := 0
	for ; n != nil; n = n.Parent() {
		d++
	}
	return d
}

func TestBigPage(t *testing.T) {
	h := New(Options{})
	_, body := get(t, h, "https://www.facebook.com/friends/requests/?count=1000")
	d := parse(t, "", body)
	avatars := d.Root().QueryAll(`[role=navigation] svg[role=img][aria-label]`)
	if len(avatars) != 1000 {
		t.Fatalf("%d cards, want 1000", len(avatars))
	}
	names := map[string]bool{}
	for _, a := range avatars {
		names[page.AttrOr(a, "aria-label")] = true
	}
	for _, p := range People() {
		if !names[p.Name] {
			t.Errorf("big page lacks %q", p.Name)
		}
	}
	boot := bootstrap(t, d)
	if boot["next"].(float64) != -1 || len(boot["cards"].([]any)) != 1000 {
		t.Error("big page must be complete and describe every card")
	}
}

func TestData(t *testing.T) {
	patients, err := Patients()
	if err != nil {
		t.Fatal(err)
	}
	if len(patients) < 40 {
		t.Errorf("%d patients, want about 40", len(patients))
	}
	if !strings.HasPrefix(string(PatientsCSV()), "\uFEFFPatient ID,Surname,Forename") {
		t.Error("patients.csv must start with a BOM and the header")
	}
	keys := map[string]bool{}
	for _, p := range patients {
		keys[p.Key()] = true
	}
	ids := map[string]bool{}
	people := People()
	isPatient := 0
	for _, p := range append(people, suggestions...) {
		if p.Patient != "" {
			isPatient++
			if !keys[p.Patient] {
				t.Errorf("%s: patient %q is not in patients.csv", p.Name, p.Patient)
			}
		}
		if ids[p.ID] || len(p.ID) != 15 || strings.Trim(p.ID, "0123456789") != "" || !strings.HasPrefix(p.ID, "1000") {
			t.Errorf("bad or repeated id %q", p.ID)
		}
		ids[p.ID] = true
	}
	if len(people) < 60 || isPatient < 30 {
		t.Errorf("%d people, %d patients among them", len(people), isPatient)
	}
	for _, name := range hostileNames {
		found := false
		for _, p := range people {
			found = found || p.Name == name
		}
		if !found {
			t.Errorf("hostile name %q missing", name)
		}
	}
	for i := 0; i < 5000; i++ {
		f := filler(i)
		if keys[lastFirst(f.Name)] {
			t.Errorf("filler %q is a patient", f.Name)
		}
	}
}

func lastFirst(name string) string {
	f := strings.Fields(name)
	return f[len(f)-1] + ", " + f[0]
}

func TestLabelsComplete(t *testing.T) {
	for loc, m := range Labels {
		for k := range Labels[DefaultLocale] {
			if m[k] == "" {
				t.Errorf("%s lacks %q", loc, k)
			}
		}
		if len(m) != len(Labels[DefaultLocale]) {
			t.Errorf("%s has %d labels, en_US %d", loc, len(m), len(Labels[DefaultLocale]))
		}
	}
}

func TestStatic(t *testing.T) {
	h := New(Options{})
	for path, ct := range map[string]string{
		pathCometJS: "application/javascript", pathMessengerJS: "application/javascript", pathBaseCSS: "text/css",
		buildOf(1).sheetPath(): "text/css", buildOf(2).sheetPath(): "text/css",
		"/v/t39.30808-1/100056260700664_n.svg": "image/svg+xml",
	} {
		res, body := get(t, h, "https://www.facebook.com"+path)
		if res.StatusCode != 200 || !strings.HasPrefix(res.Header.Get("Content-Type"), ct) || body == "" {
			t.Errorf("%s: %d %s", path, res.StatusCode, res.Header.Get("Content-Type"))
		}
	}
	// Page script must build DOM, never parse data as HTML.
	for _, f := range []string{"static/comet.js", "static/messenger.js"} {
		b, _ := staticFS.ReadFile(f)
		for _, bad := range []string{"innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(", "new Function"} {
			if strings.Contains(string(b), bad) {
				t.Errorf("%s uses %s", f, bad)
			}
		}
	}
}

func TestMessengerPages(t *testing.T) {
	h := New(Options{})
	threads := Threads()
	var e2ee, plain, req *Thread
	for i := range threads {
		switch {
		case threads[i].E2EE && e2ee == nil:
			e2ee = &threads[i]
		case threads[i].Request && req == nil:
			req = &threads[i]
		case !threads[i].E2EE && !threads[i].Request && plain == nil:
			plain = &threads[i]
		}
	}
	tests := []struct {
		url  string
		open *Thread
	}{
		{"https://www.facebook.com/messages/t/" + plain.ID + "/", plain},
		{"https://www.facebook.com/messages/e2ee/t/" + e2ee.ID + "/?locale=de_DE", e2ee},
		{"https://www.facebook.com/messages/t/" + req.ID + "/?build=2", req},
		{"https://www.messenger.com/t/" + plain.ID + "/?csp=strict", plain},
		{"https://www.messenger.com/e2ee/t/" + e2ee.ID + "/", e2ee},
		{"https://www.facebook.com/messages/requests/", nil},
		{"https://www.messenger.com/requests/", nil},
	}
	for _, tt := range tests {
		res, body := get(t, h, tt.url)
		if res.StatusCode != 200 {
			t.Errorf("%s: status %d", tt.url, res.StatusCode)
			continue
		}
		d := parse(t, tt.url, body)
		rows := d.Root().QueryAll(`[role=navigation] [role=grid] [role=row] [role=gridcell] a[role=link][href*="/t/"]`)
		if len(rows) == 0 {
			t.Errorf("%s: no thread rows", tt.url)
		}
		if d.Root().Query(`a[aria-label="Message requests"], a[aria-label="Nachrichtenanfragen"]`) == nil {
			t.Errorf("%s: no Message requests entry", tt.url)
		}
		if tt.open == nil {
			continue
		}
		cur := d.Root().QueryAll(`[role=navigation] [role=grid] [role=row] [role=link][aria-current=page]`)
		if len(cur) > 1 {
			t.Errorf("%s: %d current threads", tt.url, len(cur))
		}
		bubbles := d.Root().QueryAll(`[role=main] [role=grid] [role=row]`)
		if want := min(len(tt.open.Messages), msgPage); len(bubbles) != want {
			t.Errorf("%s: %d message rows, want %d", tt.url, len(bubbles), want)
		}
		if d.Root().Query(`[role=main] div[contenteditable=true][role=textbox][aria-label]`) == nil {
			t.Errorf("%s: no composer", tt.url)
		}
		for _, r := range bubbles {
			if r.Query(`[role=gridcell]`) == nil {
				t.Errorf("%s: message row without a gridcell", tt.url)
				break
			}
		}
	}
}

func TestMessengerHostileTextAndLightspeed(t *testing.T) {
	h := New(Options{})
	var hostile *Thread
	for i, th := range Threads() {
		if strings.Contains(th.Name, "onerror") {
			hostile = &Threads()[i]
		}
	}
	_, body := get(t, h, "https://www.facebook.com/messages/t/"+hostile.ID+"/")
	for _, m := range hostile.Messages {
		if strings.Contains(body, m.Text) {
			t.Errorf("raw message text %q in HTML", m.Text)
		}
	}
	d := parse(t, "", body)
	if n := d.Root().QueryAll("img[src=x], [onerror], [onload], body script:not([type]):not([src])"); len(n) > 0 {
		t.Errorf("%d injected elements", len(n))
	}
	found := false
	for _, r := range d.Root().QueryAll(`[role=main] [role=grid] [role=row] div[dir=auto]`) {
		found = found || r.Text() == "<script>alert(document.cookie)</script>"
	}
	if !found {
		t.Error("hostile message text not shown literally")
	}

	// The Lightspeed payload is a JSON string of procedure calls.
	var payload string
	for _, s := range d.Root().QueryAll(`script[type="application/json"]`) {
		if strings.Contains(s.Text(), "lightspeed_web_request") {
			var v struct {
				Require [][]json.RawMessage `json:"require"`
			}
			if err := json.Unmarshal([]byte(s.Text()), &v); err != nil {
				t.Fatal(err)
			}
			// require[0][3][0].__bbox.require[0][3][1].__bbox.result.data.viewer.lightspeed_web_request.payload
			var args []struct {
				BBox struct {
					Require [][]json.RawMessage `json:"require"`
				} `json:"__bbox"`
			}
			json.Unmarshal(v.Require[0][3], &args)
			var inner []json.RawMessage
			json.Unmarshal(args[0].BBox.Require[0][3], &inner)
			var res struct {
				BBox struct {
					Result struct {
						Data struct {
							Viewer struct {
								LS struct {
									Payload string `json:"payload"`
								} `json:"lightspeed_web_request"`
							} `json:"viewer"`
						} `json:"data"`
					} `json:"result"`
				} `json:"__bbox"`
			}
			json.Unmarshal(inner[1], &res)
			payload = res.BBox.Result.Data.Viewer.LS.Payload
		}
	}
	if payload == "" {
		t.Fatal("no Lightspeed payload")
	}
	var p struct {
		Step []json.RawMessage `json:"step"`
	}
	if err := json.Unmarshal([]byte(payload), &p); err != nil {
		t.Fatalf("payload is not JSON: %v", err)
	}
	texts := map[string]bool{}
	names := map[string]bool{}
	for _, st := range p.Step[1:] {
		var step []json.RawMessage
		json.Unmarshal(st, &step)
		var call []json.RawMessage
		json.Unmarshal(step[1], &call)
		var name string
		json.Unmarshal(call[1], &name)
		switch name {
		case "upsertMessage":
			var text string
			json.Unmarshal(call[2], &text)
			texts[text] = true
			var key []any
			json.Unmarshal(call[5], &key)
			if len(key) != 2 || key[0] != float64(19) {
				t.Errorf("threadKey %s is not [19,\"…\"]", call[5])
			}
		case "verifyContactRowExists":
			var n string
			json.Unmarshal(call[5], &n)
			names[n] = true
		}
	}
	for _, m := range hostile.Messages {
		if !texts[m.Text] {
			t.Errorf("upsertMessage lacks %q", m.Text)
		}
	}
	if !names[hostile.Name] {
		t.Errorf("verifyContactRowExists lacks %q", hostile.Name)
	}
}

func TestThreadsData(t *testing.T) {
	labels := map[string]bool{LabelMedicalQuestion: true, LabelAppointmentAdmin: true, LabelEmergency: true, LabelComplaint: true, LabelSensitiveInfo: true, LabelPersonal: true}
	patients, _ := Patients()
	keys := map[string]bool{}
	for _, p := range patients {
		keys[p.Key()] = true
	}
	seen := map[string]bool{}
	count := map[string]int{}
	langs := map[string]int{}
	for _, th := range Threads() {
		if seen[th.ID] {
			t.Errorf("thread id %s repeated", th.ID)
		}
		seen[th.ID] = true
		if th.Patient != "" && !keys[th.Patient] {
			t.Errorf("%s: patient %q not in patients.csv", th.Name, th.Patient)
		}
		langs[th.Lang]++
		for _, m := range th.Messages {
			if !labels[m.Label] {
				t.Errorf("%s: message label %q", th.Name, m.Label)
			}
			count[m.Label]++
			if m.Text == "" && m.Image == nil {
				t.Errorf("%s: empty message", th.Name)
			}
		}
	}
	if len(seen) < 30 {
		t.Errorf("%d threads, want about 30", len(seen))
	}
	for l := range labels {
		if count[l] == 0 {
			t.Errorf("no message labelled %s", l)
		}
	}
	if langs["de"] == 0 || langs["en"] == 0 {
		t.Errorf("languages %v", langs)
	}
}
