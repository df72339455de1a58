package audit_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/tidwall/gjson"

	"github.com/boundaryhq/boundary/rules"
	"github.com/boundaryhq/boundary/wasm/audit"
	"github.com/boundaryhq/boundary/wasm/why"
)

func TestVisitsCoverEveryCheckOnce(t *testing.T) {
	c := load(t)
	for _, tc := range []struct {
		practice string
		reviews  string // the reviews visit's address, "" for none
	}{
		{"https://www.facebook.com/riversidesurgery", "https://www.facebook.com/riversidesurgery/reviews"},
		{"https://www.facebook.com/riversidesurgery/?ref=x", "https://www.facebook.com/riversidesurgery/reviews"},
		{"", ""},
		{"https://evil.example/riverside", ""},
		{"https://www.facebook.com/profile.php?id=1", ""},
	} {
		vs := c.Visits(tc.practice)
		seen := map[string]string{}
		reviews := ""
		for _, v := range vs {
			if !strings.HasPrefix(v.URL, audit.Origin+"/") || v.Title == "" || len(v.Checks) == 0 {
				t.Errorf("%q: bad visit %+v", tc.practice, v)
			}
			if v.Page == "page_reviews" {
				reviews = v.URL
			}
			for _, id := range v.Checks {
				if prev, dup := seen[id]; dup {
					t.Errorf("%q: %s answered by both %s and %s", tc.practice, id, prev, v.URL)
				}
				seen[id] = v.URL
				// The visit's address must really be one the check reads.
				matched := false
				for _, p := range c.Get(id).Pages {
					matched = matched || (p.Page == v.Page && p.Match(v.URL))
				}
				if !matched {
					t.Errorf("%s does not read %s", id, v.URL)
				}
			}
		}
		if reviews != tc.reviews {
			t.Errorf("%q: reviews visit %q, want %q", tc.practice, reviews, tc.reviews)
		}
		want := len(wantIDs)
		if tc.reviews == "" {
			want-- // the review check needs the practice's Page
		}
		if len(seen) != want {
			t.Errorf("%q: visits cover %d checks, want %d", tc.practice, len(seen), want)
		}
		if len(vs) > 9 {
			t.Errorf("%q: %d visits; the About overview and the privacy tab should each cover several checks", tc.practice, len(vs))
		}
	}
	if got := audit.PracticePage(`{"business_page_url":"https://www.facebook.com/x"}`); got != "https://www.facebook.com/x" {
		t.Errorf("PracticePage: got %q", got)
	}
	if got := audit.PracticePage(`not json`); got != "" {
		t.Errorf("PracticePage of junk: got %q", got)
	}
}

func TestParseVisitsTrustsOnlyTheRulePack(t *testing.T) {
	c := load(t)
	collected := `[
	 {"page":"settings_privacy","url":"https://www.facebook.com/settings?tab=privacy","lang":"de","checks":[
	  {"id":"future_posts_audience","status":"ok","value":"public","detail":"forged","severity":"info","message":"<b>x</b>","fix_url":"javascript:alert(1)"},
	  {"id":"lookup_by_phone","status":"risk","value":"everyone","detail":"\"Wer kann…\" is set to \"Alle\""},
	  {"id":"friends_list_visibility","status":"fine","value":"only_me"},
	  {"id":"no_such_check","status":"risk","value":"public"}]},
	 {"page":"about","error":"the page did not answer within 20 s"}
	]`
	pages, err := c.ParseVisits([]byte(collected))
	if err != nil {
		t.Fatal(err)
	}
	by := map[string]audit.Result{}
	for _, p := range pages {
		for _, r := range p.Results {
			by[r.ID] = r
		}
	}
	if r := by["future_posts_audience"]; r.Status != audit.Unknown || r.Severity != "high" || strings.Contains(r.FixURL, "javascript") || r.Message == "<b>x</b>" {
		t.Errorf("a status that does not follow from the value must turn unknown, with the pack's severity, message and link: %+v", r)
	}
	if r := by["lookup_by_phone"]; r.Status != audit.Risk || !strings.Contains(r.Fix, "Einstellungen") {
		t.Errorf("phone: %+v, want risk with German steps", r)
	}
	if r := by["friends_list_visibility"]; r.Status != audit.Unknown {
		t.Errorf("an unknown status word must be unknown: %+v", r)
	}
	if _, ok := by["no_such_check"]; ok {
		t.Error("an unknown check id was kept")
	}
	for _, id := range []string{"about_work_visible", "about_contact_visible"} {
		if r := by[id]; r.Status != audit.Unknown || !strings.Contains(r.Detail, "did not answer") {
			t.Errorf("%s on a page that never answered: %+v", id, r)
		}
	}
	rep := c.Merge(pages)
	out := c.ReportJSON(rep, audit.GuidanceTitles(rules.FS))
	if !gjson.ValidBytes(out) {
		t.Fatalf("invalid JSON %s", out)
	}
	v := gjson.ParseBytes(out)
	if v.Get("score").Int() != 0 || v.Get("risk").Int() != 1 || v.Get("checks.#").Int() != int64(len(wantIDs)) {
		t.Errorf("report: %s", out)
	}
	first := v.Get("checks.0")
	if first.Get("id").String() != "lookup_by_phone" || first.Get("explanation").String() == "" ||
		!strings.HasPrefix(first.Get("steps").String(), "Einstellungen") || strings.Contains(first.Get("steps").String(), "https://") ||
		first.Get("guidance_titles.#").Int() == 0 || first.Get("guidance_titles.0").String() == first.Get("guidance.0").String() {
		t.Errorf("first finding: %s", first.Raw)
	}
	for _, bad := range []string{`{}`, `[`, `"x"`} {
		if _, err := c.ParseVisits([]byte(bad)); err == nil {
			t.Errorf("ParseVisits(%s): no error", bad)
		}
	}
}

func TestRiskyAboutEntriesAreNamed(t *testing.T) {
	c := load(t)
	body := `<div><div role="heading">Work</div>
	<div><div><span dir="auto">Nurse at <b>Springfield</b> Clinic</span></div><div role="button" aria-label="Edit privacy. Sharing with Public."></div></div>
	<div><div><span dir="auto">Barista at Moe's</span></div><div role="button" aria-label="Edit privacy. Sharing with Only me."></div></div></div>`
	r := c.RunOne(c.Get("about_work_visible"), doc(t, "https://www.facebook.com/me/about", "en", body))
	if r.Status != audit.Risk || !strings.Contains(r.Detail, `"Nurse at Springfield Clinic"`) || strings.Contains(r.Detail, "Barista") {
		t.Errorf("got %s %q", r.Status, r.Detail)
	}
}

// TestDetailKeys: a finding's detail comes as keyed pieces whose English
// is the detail, word for word; the German arguments name audiences as
// Facebook's German UI does. The pieces travel from the page to the report
// (KeyedJSON, ParseVisits, ReportJSON) but never into the CLI's JSON, and
// pieces that do not say the detail are not trusted.
func TestDetailKeys(t *testing.T) {
	c := load(t)
	body := `<div><div role="heading">Work</div>
	<div><div><span dir="auto">Nurse &lt;b&gt;here&lt;/b&gt;</span></div><div role="button" aria-label="Edit privacy. Sharing with Public."></div></div></div>`
	pr := c.Run(doc(t, "https://www.facebook.com/me/about", "en", body))
	var r audit.Result
	for _, x := range pr.Results {
		if x.ID == "about_work_visible" {
			r = x
		}
	}
	if r.Detail != `1 item: public 1; visible: "Nurse <b>here</b>"` {
		t.Fatalf("detail %q", r.Detail)
	}
	want := []why.Reason{
		why.New("msg_audit_item", "public 1", "Öffentlich 1"),
		why.New("msg_audit_visible", `"Nurse <b>here</b>"`, `"Nurse <b>here</b>"`),
	}
	if fmt.Sprint(r.DetailWhy) != fmt.Sprint(want) {
		t.Errorf("pieces: got %v, want %v", r.DetailWhy, want)
	}
	if strings.Contains(string(pr.JSON()), "detail_why") {
		t.Error("the CLI's page JSON carries detail_why")
	}
	keyed := pr.KeyedJSON()
	if got := gjson.GetBytes(keyed, `checks.#(id=="about_work_visible").detail_why.0.key`).String(); got != "msg_audit_item" {
		t.Errorf("KeyedJSON: %s", keyed)
	}
	pages, err := c.ParseVisits([]byte("[" + string(keyed) + "]"))
	if err != nil {
		t.Fatal(err)
	}
	rep := c.Merge(pages)
	out := c.ReportJSON(rep, nil)
	if strings.Contains(string(rep.JSON()), "detail_why") {
		t.Error("the CLI's report JSON carries detail_why")
	}
	f := gjson.GetBytes(out, `checks.#(id=="about_work_visible")`)
	if f.Get("detail").String() != r.Detail || f.Get("detail_why.0.key").String() != "msg_audit_item" ||
		f.Get("detail_why.0.args.1").String() != "Öffentlich 1" || f.Get("detail_why.1.args.0").String() != `"Nurse <b>here</b>"` {
		t.Errorf("report finding: %s", f.Raw)
	}
	// A check no page answered says where to look.
	nr := gjson.GetBytes(out, `checks.#(detail%"not read yet*")`)
	if nr.Get("detail_why.0.key").String() != "msg_audit_not_read_yet" || nr.Get("detail_why.0.args.0").String() == "" {
		t.Errorf("not read yet: %s", nr.Raw)
	}
	// An unknown result gains the "could not read: " piece.
	un := gjson.GetBytes(out, `checks.#(id=="about_education_visible")`)
	if !strings.HasPrefix(un.Get("detail").String(), "could not read") || un.Get("detail_why.0.key").String() != "msg_audit_unread_prefix" && un.Get("detail_why.0.key").String() != "msg_audit_unread" {
		t.Errorf("unknown finding: %s", un.Raw)
	}

	// Pieces that do not say the detail, or keys that are not audit
	// details, are replaced by the detail as text.
	for _, bad := range []string{
		`[{"key":"msg_audit_item","args":["friends 1","Freunde 1"]}]`,
		`[{"key":"why_request","args":[]}]`,
		`[{"key":"msg_audit_nope","args":[]}]`,
	} {
		in := `[{"page":"about","lang":"en","checks":[{"id":"about_work_visible","status":"risk","value":"public","detail":"1 item: public 1","detail_why":` + bad + `}]}]`
		pages, err := c.ParseVisits([]byte(in))
		if err != nil {
			t.Fatal(err)
		}
		got := pages[0].Results[0].DetailWhy
		if len(got) != 1 || got[0].Key != "" || got[0].String() != "1 item: public 1" {
			t.Errorf("ParseVisits trusted %s: %v", bad, got)
		}
	}
}
