// Package audit is the privacy self-audit of a clinician's personal
// Facebook profile: it reads settings and About pages through package page
// and judges each setting against the checks in rules/audit/.
//
// A check is data (kind "audit.check"): the pages it can read, how to read
// them per UI language, which values are safe, and how to fix a risky one.
// The code here only knows a small, fixed set of reading methods:
//
//	setting         a settings row found by its label; the value is the row's
//	                switch, audience selector, radio, button or value text
//	audience_items  items under a section heading (About) or in articles
//	                (timeline); the widest audience among them is the value
//	phrase          a state shown as a fixed phrase somewhere on the page
//	name_list       names of links of one kind (groups) matched to patterns
//	review_replies  replies on a Page's reviews written by the viewer
//
// Besides the shared header (rulepack), a check file holds:
//
//	pages     [{page, path, query?, absent?}]: where it can be read
//	read      {method, labels{lang:[..]}, audience_prefix{lang:[..]}, empty{lang:[..]},
//	           data:[{key, path}], item, link, exclude, patterns{lang:[..]},
//	           review_prefix, reply_prefix, reply_separator, viewer:[{key, path}]}
//	values    {id: {labels{lang:[..]}, ids:[audience ids]}}, most exposed first
//	safe      [value ids that are ok]
//	fix       {url, steps{en, de}}
//	examples  {positive|negative: [{url, lang, html, value}]}: positives read
//	          as risk, negatives as ok, each with the stated value
//
// Reading never depends on class names or on how deep the markup nests; it
// keys on labels, aria-labels, roles, link patterns and embedded
// script[type="application/json"] data. Whatever cannot be read is "unknown",
// never "ok".
//
// This package is compiled into the WebAssembly content-script core, so it
// avoids fmt, encoding/json, regexp, net/url and reflect-heavy code: gjson
// reads, wasm/jsonw writes.
package audit

import (
	"errors"
	"io/fs"
	"sort"
	"strings"

	"github.com/tidwall/gjson"

	"github.com/boundaryhq/boundary/wasm/rulepack"
)

// Statuses of a result.
const (
	OK      = "ok"
	Risk    = "risk"
	Unknown = "unknown"
)

// Methods are the reading methods a check may name.
var Methods = []string{"setting", "audience_items", "phrase", "name_list", "review_replies"}

// Dir is where the checks live inside the rules tree.
const Dir = "audit"

// Check is one audit.check rule, parsed.
type Check struct {
	ID          string
	Severity    string
	Message     string
	Explanation string
	Guidance    []string
	Pages       []PagePattern
	Read        Read
	Values      []Value
	Safe        []string
	FixURL      string
	FixSteps    map[string]string // UI language -> menu path in words
	// Translations are Message and Explanation in languages other than
	// English, by language code, for the extension's own pages.
	Translations map[string]Wording
	Rule         *rulepack.Rule
}

// Wording is a check's message and explanation in one language.
type Wording struct {
	Message     string
	Explanation string
}

// PagePattern says where a check can be read. Path segments equal to "*"
// match any one segment; a trailing slash is ignored. Query lists
// parameters that must have that value, Absent those that must be missing.
type PagePattern struct {
	Page   string // stable page id, reported as PageResult.Page
	Path   string
	Query  map[string]string
	Absent []string
}

// Read is how to read a check. Maps are keyed by UI language ("en", "de").
type Read struct {
	Method         string
	Labels         map[string][]string // row label (setting) or section heading (audience_items)
	AudiencePrefix map[string][]string // aria-label prefixes before an audience name
	Item           string              // audience_items: selector of one item (optional)
	Empty          map[string][]string // phrases meaning "nothing listed"
	Data           []DataRef           // embedded-JSON fallback, language-free
	Link           string              // name_list: href path prefix of a listed thing
	Exclude        []string            // name_list: path segments after Link that are navigation
	Patterns       map[string][]string // name_list: word prefixes that flag a name
	ReviewPrefix   map[string][]string // review_replies: aria-label prefix of a review
	ReplyPrefix    map[string][]string // review_replies: aria-label prefix of a reply
	ReplySeparator map[string][]string // review_replies: text after the author's name
	Viewer         []DataRef           // review_replies: where the viewer's name is embedded
}

// DataRef points into embedded JSON: find an object holding Key anywhere in
// any script[type="application/json"], then read Path (gjson syntax) below
// that key's value.
type DataRef struct {
	Key  string
	Path string
}

// Value is one canonical value a check can read, with the labels that show
// it per UI language and the audience ids that stand for it.
type Value struct {
	ID     string
	Labels map[string][]string
	IDs    []string
}

// Checks is the loaded set of checks.
type Checks struct {
	List []*Check
	byID map[string]*Check
	// known holds, per language, every row label and section heading of
	// every check: a row or section never extends over another's label.
	known map[string]map[string]bool
}

// Get returns the check with that id, or nil.
func (c *Checks) Get(id string) *Check { return c.byID[id] }

// Load reads every audit.check below rules/audit in fsys (rules.FS) and
// validates the header and the kind's own fields.
func Load(fsys fs.FS) (*Checks, error) {
	var rs []*rulepack.Rule
	var ps rulepack.Problems
	err := fs.WalkDir(fsys, Dir, func(name string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() || !strings.HasSuffix(name, ".json") || strings.HasPrefix(d.Name(), "_") {
			return nil
		}
		data, err := fs.ReadFile(fsys, name)
		if err != nil {
			return err
		}
		r, bad := rulepack.Parse(name, data)
		ps = append(ps, bad...)
		if r != nil {
			rs = append(rs, r)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	c := &Checks{byID: map[string]*Check{}, known: map[string]map[string]bool{}}
	for _, r := range rs {
		if r.Kind != "audit.check" {
			ps = append(ps, rulepack.Problem{Path: r.Path, Msg: "kind must be audit.check below " + Dir + "/"})
			continue
		}
		ch, bad := parseCheck(r)
		ps = append(ps, bad...)
		if ch == nil {
			continue
		}
		if _, dup := c.byID[ch.ID]; dup {
			ps = append(ps, rulepack.Problem{Path: r.Path, Msg: "duplicate id " + ch.ID})
			continue
		}
		c.byID[ch.ID] = ch
		c.List = append(c.List, ch)
	}
	ps = append(ps, c.checkPageIDs()...)
	if len(ps) > 0 {
		return nil, ps
	}
	if len(c.List) == 0 {
		return nil, errors.New("audit: no checks found below " + Dir + "/")
	}
	sort.Slice(c.List, func(i, j int) bool { return c.List[i].ID < c.List[j].ID })
	for _, ch := range c.List {
		if ch.Read.Method != "setting" && ch.Read.Method != "audience_items" {
			continue
		}
		for lang, labels := range ch.Read.Labels {
			if c.known[lang] == nil {
				c.known[lang] = map[string]bool{}
			}
			for _, l := range labels {
				c.known[lang][fold(l)] = true
			}
		}
	}
	return c, nil
}

// checkPageIDs makes sure one page id always means the same pattern, so
// that the id a PageResult reports does not depend on check order.
func (c *Checks) checkPageIDs() rulepack.Problems {
	var ps rulepack.Problems
	seen := map[string]string{}
	for _, ch := range c.List {
		for _, p := range ch.Pages {
			key := p.key()
			if prev, ok := seen[key]; ok && prev != p.Page {
				ps = append(ps, rulepack.Problem{Path: ch.Rule.Path, Msg: "page pattern " + key + " is called both " + prev + " and " + p.Page})
			}
			seen[key] = p.Page
		}
	}
	return ps
}

func parseCheck(r *rulepack.Rule) (*Check, rulepack.Problems) {
	var ps rulepack.Problems
	bad := func(msg string) { ps = append(ps, rulepack.Problem{Path: r.Path, Msg: msg}) }
	v := r.Raw
	ch := &Check{
		ID: r.ID, Severity: r.Severity, Message: r.Message, Explanation: r.Explanation,
		Guidance: r.Guidance, Rule: r,
	}
	for _, p := range v.Get("pages").Array() {
		pp := PagePattern{Page: p.Get("page").String(), Path: p.Get("path").String(), Absent: strs(p.Get("absent"))}
		if q := p.Get("query"); q.Exists() {
			pp.Query = map[string]string{}
			q.ForEach(func(k, val gjson.Result) bool { pp.Query[k.String()] = val.String(); return true })
		}
		if pp.Page == "" || !strings.HasPrefix(pp.Path, "/") {
			bad("each page needs a page id and a path starting with /")
		}
		ch.Pages = append(ch.Pages, pp)
	}
	if len(ch.Pages) == 0 {
		bad("pages must list at least one page")
	}
	rd := v.Get("read")
	ch.Read = Read{
		Method:         rd.Get("method").String(),
		Labels:         langMap(rd.Get("labels")),
		AudiencePrefix: langMap(rd.Get("audience_prefix")),
		Item:           rd.Get("item").String(),
		Empty:          langMap(rd.Get("empty")),
		Data:           dataRefs(rd.Get("data")),
		Link:           rd.Get("link").String(),
		Exclude:        strs(rd.Get("exclude")),
		Patterns:       langMap(rd.Get("patterns")),
		ReviewPrefix:   langMap(rd.Get("review_prefix")),
		ReplyPrefix:    langMap(rd.Get("reply_prefix")),
		ReplySeparator: langMap(rd.Get("reply_separator")),
		Viewer:         dataRefs(rd.Get("viewer")),
	}
	if !containsStr(Methods, ch.Read.Method) {
		bad("read.method must be one of " + strings.Join(Methods, ", "))
	}
	switch ch.Read.Method {
	case "setting":
		if len(ch.Read.Labels) == 0 && len(ch.Read.Data) == 0 {
			bad("a setting needs read.labels or read.data")
		}
	case "audience_items":
		if len(ch.Read.AudiencePrefix) == 0 {
			bad("audience_items needs read.audience_prefix")
		}
	case "name_list":
		if ch.Read.Link == "" || len(ch.Read.Patterns) == 0 {
			bad("name_list needs read.link and read.patterns")
		}
	case "review_replies":
		if len(ch.Read.ReplyPrefix) == 0 || len(ch.Read.Viewer) == 0 {
			bad("review_replies needs read.reply_prefix and read.viewer")
		}
	}
	v.Get("values").ForEach(func(k, val gjson.Result) bool {
		ch.Values = append(ch.Values, Value{ID: k.String(), Labels: langMap(val.Get("labels")), IDs: strs(val.Get("ids"))})
		return true
	})
	if len(ch.Values) == 0 {
		bad("values must name at least one value")
	}
	ch.Safe = strs(v.Get("safe"))
	if len(ch.Safe) == 0 {
		bad("safe must list at least one value")
	}
	for _, s := range ch.Safe {
		if ch.value(s) == nil {
			bad("safe value " + s + " is not in values")
		}
	}
	ch.FixURL = v.Get("fix.url").String()
	ch.FixSteps = map[string]string{}
	v.Get("fix.steps").ForEach(func(k, val gjson.Result) bool { ch.FixSteps[k.String()] = val.String(); return true })
	if !strings.HasPrefix(ch.FixURL, "https://www.facebook.com/") || ch.FixSteps["en"] == "" || ch.FixSteps["de"] == "" {
		bad("fix needs a https://www.facebook.com/ url and steps in en and de")
	}
	ch.Translations = map[string]Wording{}
	v.Get("translations").ForEach(func(k, val gjson.Result) bool {
		ch.Translations[k.String()] = Wording{Message: val.Get("message").String(), Explanation: val.Get("explanation").String()}
		return true
	})
	if de := ch.Translations["de"]; de.Message == "" || de.Explanation == "" {
		bad("translations need a de message and explanation")
	}
	if len(ps) > 0 {
		return nil, ps
	}
	return ch, nil
}

func (ch *Check) value(id string) *Value {
	for i := range ch.Values {
		if ch.Values[i].ID == id {
			return &ch.Values[i]
		}
	}
	return nil
}

// Judge turns a canonical value into a status: safe values are ok, other
// known values are risk, anything else is unknown.
func (ch *Check) Judge(value string) string {
	switch {
	case containsStr(ch.Safe, value):
		return OK
	case ch.value(value) != nil:
		return Risk
	}
	return Unknown
}

// Fix is the menu path in the UI language (English if there is none), then
// the deep link.
func (ch *Check) Fix(lang string) string {
	s := ch.FixSteps[lang]
	if s == "" {
		s = ch.FixSteps["en"]
	}
	return s + " " + ch.FixURL
}

func (p PagePattern) key() string {
	k := p.Path + "?"
	var qs []string
	for q, v := range p.Query {
		qs = append(qs, q+"="+v)
	}
	for _, a := range p.Absent {
		qs = append(qs, "!"+a)
	}
	sort.Strings(qs)
	return k + strings.Join(qs, "&")
}

func langMap(v gjson.Result) map[string][]string {
	if !v.Exists() {
		return nil
	}
	m := map[string][]string{}
	v.ForEach(func(k, val gjson.Result) bool { m[k.String()] = strs(val); return true })
	return m
}

func dataRefs(v gjson.Result) []DataRef {
	var out []DataRef
	for _, d := range v.Array() {
		out = append(out, DataRef{Key: d.Get("key").String(), Path: d.Get("path").String()})
	}
	return out
}

func strs(v gjson.Result) []string {
	var out []string
	for _, x := range v.Array() {
		out = append(out, x.String())
	}
	return out
}

func containsStr(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}
