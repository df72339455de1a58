package audit

import (
	"errors"
	"io/fs"
	"maps"
	"slices"
	"sort"
	"strings"

	"github.com/tidwall/gjson"

	"github.com/boundaryhq/boundary/wasm/jsonw"
	"github.com/boundaryhq/boundary/wasm/why"
)

// Visit is one page the browser audit opens, with the checks it answers.
type Visit struct {
	Page   string   // page id, as PageResult.Page will report it
	URL    string   // absolute https://www.facebook.com address
	Title  string   // what the progress list calls it
	Checks []string // ids of the checks this visit answers
}

// Origin is where the browser audit reads.
const Origin = "https://www.facebook.com"

// pageTitles name the pages in the progress list. A page id without a
// title shows as its id, which is ugly but never wrong.
var pageTitles = map[string]string{
	"settings_privacy":             "Privacy settings",
	"settings_profile_and_tagging": "Profile and tagging",
	"settings_followers":           "Followers and public content",
	"settings_active_status":       "Active status",
	"profile_lock":                 "Profile locking",
	"profile_timeline":             "Your profile's posts",
	"about":                        "About sections",
	"groups_joins":                 "Your groups",
	"page_reviews":                 "Your practice's reviews",
}

// Visits lists the fewest pages that answer every check, in check order.
// A path segment "*" is the signed-in person's own profile ("me", which
// Facebook redirects to it), except for reviews, which live on the
// practice's Page: practicePage is that Page's address (from the clinic
// profile's business_page_url), and without it the review check has no
// visit and stays "not read yet".
func (c *Checks) Visits(practicePage string) []Visit {
	var out []Visit
	covered := map[string]bool{}
	slug := pageSlug(practicePage)
	for _, ch := range c.List {
		if covered[ch.ID] {
			continue
		}
		for _, p := range ch.Pages {
			fill := "me"
			if ch.Read.Method == "review_replies" {
				// Only a Page's own address can show its reviews; a
				// pattern without "*" would be the person's profile.
				if !strings.Contains(p.Path, "*") {
					continue
				}
				fill = slug
			}
			u, ok := p.visitURL(fill)
			if !ok {
				continue
			}
			v := Visit{Page: p.Page, URL: u, Title: pageTitles[p.Page]}
			if v.Title == "" {
				v.Title = p.Page
			}
			// Every check this one address answers rides along.
			for _, other := range c.List {
				for _, op := range other.Pages {
					if !covered[other.ID] && op.Match(u) {
						covered[other.ID] = true
						v.Checks = append(v.Checks, other.ID)
						break
					}
				}
			}
			out = append(out, v)
			break
		}
	}
	return out
}

// visitURL builds an address that matches the pattern, with "*" segments
// filled; ok is false when a "*" has nothing to fill it.
func (p PagePattern) visitURL(fill string) (string, bool) {
	segs := strings.Split(p.Path, "/")
	for i, s := range segs {
		if s == "*" {
			if fill == "" {
				return "", false
			}
			segs[i] = fill
		}
	}
	u := Origin + strings.Join(segs, "/")
	if len(p.Query) > 0 {
		var keys []string
		for k := range p.Query {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for i, k := range keys {
			sep := "&"
			if i == 0 {
				sep = "?"
			}
			u += sep + k + "=" + p.Query[k]
		}
	}
	return u, p.Match(u)
}

// pageSlug is the first path segment of a Facebook Page address, or "" if
// the address is not one.
func pageSlug(raw string) string {
	raw = strings.TrimSpace(raw)
	for _, pre := range []string{"https://www.facebook.com/", "https://facebook.com/", "https://web.facebook.com/", "https://m.facebook.com/"} {
		if strings.HasPrefix(strings.ToLower(raw), pre) {
			path, _ := splitURL(raw)
			seg, _, _ := strings.Cut(strings.TrimPrefix(path, "/"), "/")
			if seg == "" || seg == "profile.php" || seg == "me" || !slugOK(seg) {
				return ""
			}
			return seg
		}
	}
	return ""
}

func slugOK(s string) bool {
	for _, r := range s {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '.' || r == '-' || r == '_') {
			return false
		}
	}
	return true
}

// PracticePage reads business_page_url from a clinic profile (the JSON
// that wasm/clinic parses); "" when there is none.
func PracticePage(profileJSON string) string {
	if !gjson.Valid(profileJSON) {
		return ""
	}
	return gjson.Get(profileJSON, "business_page_url").String()
}

// VisitsJSON is [{page, url, title, checks}].
func VisitsJSON(vs []Visit) []byte {
	var w jsonw.Writer
	w.BeginArray()
	for _, v := range vs {
		w.BeginObject().FieldString("page", v.Page).FieldString("url", v.URL).
			FieldString("title", v.Title).FieldStrings("checks", v.Checks).EndObject()
	}
	w.EndArray()
	return w.Bytes()
}

// ParseVisits reads what the browser collected: a JSON array with one
// entry per visit, each either a page result as PageResult.JSON writes it,
// or {"page": id, "error": why} for a page that gave no answer. Results
// are rebuilt from the checks: only status, value, detail and the page
// travel, while severity, message and fix come from the rule pack, and an
// unknown id or status is dropped rather than trusted. Checks of a failed
// page become unknown with the reason.
func (c *Checks) ParseVisits(data []byte) ([]PageResult, error) {
	if !gjson.ValidBytes(data) {
		return nil, errors.New("audit: collected results are not valid JSON")
	}
	v := gjson.ParseBytes(data)
	if !v.IsArray() {
		return nil, errors.New("audit: collected results must be a JSON array")
	}
	var out []PageResult
	for _, e := range v.Array() {
		lang := pageLang(e.Get("lang").String())
		pr := PageResult{Page: e.Get("page").String(), URL: e.Get("url").String(), Lang: lang}
		if pr.Page == "" {
			pr.Page = UnknownPage
		}
		if failed := e.Get("error").String(); failed != "" {
			for _, ch := range c.List {
				for _, p := range ch.Pages {
					if p.Page == pr.Page {
						pr.Results = append(pr.Results, Result{
							ID: ch.ID, Status: Unknown, Detail: "could not read: " + failed, Severity: ch.Severity,
							DetailWhy: []why.Reason{why.New("msg_audit_unread_prefix"), why.Text(failed)},
							Message:   ch.Message, Fix: ch.Fix(lang), FixURL: ch.FixURL, Page: pr.Page,
						})
						break
					}
				}
			}
			out = append(out, pr)
			continue
		}
		for _, r := range e.Get("checks").Array() {
			ch := c.Get(r.Get("id").String())
			if ch == nil {
				continue
			}
			status, value := r.Get("status").String(), r.Get("value").String()
			switch status {
			case OK, Risk:
				// The status must follow from the value, or it is not ours.
				if ch.Judge(value) != status {
					status, value = Unknown, ""
				}
			default:
				status, value = Unknown, ""
			}
			detail := r.Get("detail").String()
			pieces := detailPieces(r.Get("detail_why"), detail)
			if status == Unknown && !strings.HasPrefix(detail, "could not read") {
				detail = "could not read: " + detail
				pieces = append([]why.Reason{why.New("msg_audit_unread_prefix")}, pieces...)
			}
			if c := clip(detail, 400); c != detail {
				detail, pieces = c, []why.Reason{why.Text(c)}
			}
			pr.Results = append(pr.Results, Result{
				ID: ch.ID, Status: status, Value: value, Detail: detail, DetailWhy: pieces, Severity: ch.Severity,
				Message: ch.Message, Fix: ch.Fix(lang), FixURL: ch.FixURL, Page: pr.Page,
			})
		}
		out = append(out, pr)
	}
	return out, nil
}

// detailPieces reads a result's detail_why as the page sent it. Like the
// rest of a result it is not trusted: only audit keys are taken, and only
// when they say exactly the English detail; otherwise the detail is one
// piece without a key.
func detailPieces(v gjson.Result, detail string) []why.Reason {
	var out []why.Reason
	for _, p := range v.Array() {
		key := p.Get("key").String()
		args := []string{}
		for _, a := range p.Get("args").Array() {
			args = append(args, a.String())
		}
		if _, ok := why.English[key]; key != "" && (!strings.HasPrefix(key, "msg_audit_") || !ok) {
			return []why.Reason{why.Text(detail)}
		}
		if key == "" {
			if len(args) != 1 {
				return []why.Reason{why.Text(detail)}
			}
			out = append(out, why.Text(args[0]))
			continue
		}
		out = append(out, why.New(key, args...))
	}
	if len(out) == 0 || detailOf(out) != detail {
		return []why.Reason{why.Text(detail)}
	}
	return out
}

// ReportJSON is the merged report with what a reader needs beside each
// finding: {"score","ok","risk","unknown","pages","page_titles","checks":[{id, status,
// value, detail, detail_why, severity, message, fix, fix_url, read_on, steps,
// explanation, guidance, guidance_titles}]}. detail_why is the detail as
// keyed pieces (Result.DetailWhy). steps is the menu path in
// words; titles maps guidance ids to titles (GuidanceTitles) and may be nil.
func (c *Checks) ReportJSON(r Report, titles map[string]string) []byte {
	var w jsonw.Writer
	w.BeginObject().FieldInt("score", int64(r.Score)).FieldInt("ok", int64(r.OK)).
		FieldInt("risk", int64(r.Risk)).FieldInt("unknown", int64(r.Unknown)).FieldStrings("pages", r.Pages)
	read := make([]string, len(r.Pages))
	for i, p := range r.Pages {
		if read[i] = pageTitles[p]; read[i] == "" {
			read[i] = p
		}
	}
	w.FieldStrings("page_titles", read)
	w.Key("checks").BeginArray()
	for _, res := range r.Results {
		w.BeginObject().
			FieldString("id", res.ID).
			FieldString("status", res.Status).
			FieldString("value", res.Value).
			FieldString("detail", res.Detail)
		writePieces(&w, res)
		w.FieldString("severity", res.Severity).
			FieldString("message", res.Message).
			FieldString("fix", res.Fix).
			FieldString("fix_url", res.FixURL).
			FieldString("read_on", res.Page).
			FieldString("steps", strings.TrimSpace(strings.TrimSuffix(res.Fix, res.FixURL)))
		if ch := c.Get(res.ID); ch != nil {
			w.FieldString("explanation", ch.Explanation).FieldStrings("guidance", ch.Guidance)
			w.Key("translations").BeginObject()
			for _, lang := range slices.Sorted(maps.Keys(ch.Translations)) {
				tr := ch.Translations[lang]
				w.Key(lang).BeginObject().FieldString("message", tr.Message).FieldString("explanation", tr.Explanation).EndObject()
			}
			w.EndObject()
			var named []string
			for _, g := range ch.Guidance {
				if t := titles[g]; t != "" {
					named = append(named, t)
				} else {
					named = append(named, g)
				}
			}
			w.FieldStrings("guidance_titles", named)
		}
		w.EndObject()
	}
	w.EndArray().EndObject()
	return w.Bytes()
}

// GuidanceTitles maps guidance ids to their titles (the message of each
// rules/guidance file), so a report can cite "GMC: …" instead of an id.
func GuidanceTitles(fsys fs.FS) map[string]string {
	out := map[string]string{}
	entries, err := fs.ReadDir(fsys, "guidance")
	if err != nil {
		return out
	}
	for _, e := range entries {
		if e.IsDir() || !strings.HasSuffix(e.Name(), ".json") {
			continue
		}
		data, err := fs.ReadFile(fsys, "guidance/"+e.Name())
		if err != nil || !gjson.ValidBytes(data) {
			continue
		}
		v := gjson.ParseBytes(data)
		if id, title := v.Get("id").String(), v.Get("message").String(); id != "" && title != "" {
			out[id] = title
		}
	}
	return out
}
