package audit

import (
	"sort"
	"strconv"
	"strings"

	"github.com/tidwall/gjson"

	"github.com/boundaryhq/boundary/wasm/page"
	"github.com/boundaryhq/boundary/wasm/why"
)

// Result is one check's answer on one page.
type Result struct {
	ID       string
	Status   string // OK, Risk or Unknown
	Value    string // canonical value read ("public", "on", "community"), "" when unknown
	Detail   string // what was read, in words (always set; says why for unknown)
	Severity string
	Message  string
	Fix      string // menu path in the page's language, then the deep link
	FixURL   string
	Page     string // page id the result was read on
	// DetailWhy is Detail as keyed pieces (package why) whose English,
	// joined, is Detail; the extension words them in its own language.
	DetailWhy []why.Reason
}

// PageResult holds the checks one page could answer.
type PageResult struct {
	Page    string // page id from the checks' page patterns, or "unknown"
	URL     string
	Lang    string
	Results []Result
}

// UnknownPage is the page id of a page no check reads.
const UnknownPage = "unknown"

// maxClimb bounds how far a row or section may extend above its label. It
// is a backstop only: what keeps a row from reading its neighbour is
// semantic (another check's label, or a control with a label of its own
// closer than ours), never a depth, because Comet's depth changes.
const maxClimb = 64

// Run answers every check that the document's page can answer.
func (c *Checks) Run(doc page.Document) PageResult {
	path, q := splitURL(doc.URL())
	pr := PageResult{Page: UnknownPage, URL: doc.URL(), Lang: pageLang(doc.Lang())}
	r := &reader{c: c, root: doc.Root(), lang: pr.Lang}
	for _, ch := range c.List {
		for _, p := range ch.Pages {
			if !p.match(path, q) {
				continue
			}
			if pr.Page == UnknownPage {
				pr.Page = p.Page
			}
			res := r.run(ch)
			res.Page = p.Page
			pr.Results = append(pr.Results, res)
			break
		}
	}
	return pr
}

// RunOne answers one check on a document whatever its address; the rule
// examples use it.
func (c *Checks) RunOne(ch *Check, doc page.Document) Result {
	r := &reader{c: c, root: doc.Root(), lang: pageLang(doc.Lang())}
	return r.run(ch)
}

type reader struct {
	c      *Checks
	root   page.Node
	lang   string
	blobs  []string
	loaded bool
}

// reading is what a method found: a canonical value (or "" when it could
// not map what it saw) and a description, as keyed pieces.
type reading struct {
	value string
	why   []why.Reason
}

// said is a reading described by one message (a key of why.English).
func said(value, key string, args ...string) reading {
	return reading{value, []why.Reason{why.New(key, args...)}}
}

// detail is the description in English.
func (rd reading) detail() string { return detailOf(rd.why) }

func detailOf(rs []why.Reason) string {
	var b strings.Builder
	for _, r := range rs {
		b.WriteString(r.String())
	}
	return b.String()
}

// valueWord names a check's value in lang for a detail: its first label
// there, else its id (the English details name values by id).
func valueWord(ch *Check, id, lang string) string {
	if v := ch.value(id); v != nil && len(v.Labels[lang]) > 0 {
		return v.Labels[lang][0]
	}
	return id
}

func (r *reader) run(ch *Check) Result {
	var rd reading
	switch ch.Read.Method {
	case "setting":
		rd = r.setting(ch)
	case "audience_items":
		rd = r.audienceItems(ch)
	case "phrase":
		rd = r.phrase(ch)
	case "name_list":
		rd = r.nameList(ch)
	case "review_replies":
		rd = r.reviewReplies(ch)
	}
	status := Unknown
	if rd.value != "" {
		status = ch.Judge(rd.value)
	}
	if status == Unknown {
		rd.value = ""
		if rd.detail() == "" {
			rd.why = []why.Reason{why.New("msg_audit_unread")}
		} else if !strings.HasPrefix(rd.detail(), "could not read") {
			rd.why = append([]why.Reason{why.New("msg_audit_unread_prefix")}, rd.why...)
		}
	}
	return Result{
		ID: ch.ID, Status: status, Value: rd.value, Detail: rd.detail(), DetailWhy: rd.why,
		Severity: ch.Severity, Message: ch.Message, Fix: ch.Fix(r.lang), FixURL: ch.FixURL,
	}
}

// langs returns the UI languages to read with: the page's own if the
// check has labels for it, every language when the page names none, and
// none when the page's language has no labels.
func (r *reader) langs(m map[string][]string) []string {
	if r.lang != "" {
		if len(m[r.lang]) > 0 {
			return []string{r.lang}
		}
		return nil
	}
	var out []string
	for l := range m {
		out = append(out, l)
	}
	sort.Strings(out)
	return out
}

func (r *reader) noLabels() reading {
	return said("", "msg_audit_no_labels", strconv.Quote(r.lang))
}

// fold normalises label text for comparison: Unicode spaces, typographic
// apostrophes, runs of white space, a trailing full stop and case.
func fold(s string) string {
	s = strings.NewReplacer("\u00a0", " ", "\u202f", " ", "\u2019", "'", "\u200e", "", "\u200f", "").Replace(s)
	s = strings.Join(strings.Fields(s), " ")
	s = strings.TrimSuffix(s, ".")
	return strings.ToLower(strings.TrimSpace(s))
}

// lookup maps a label seen on the page to a canonical value.
func (ch *Check) lookup(lang, text string) string {
	t := fold(text)
	if t == "" {
		return ""
	}
	for _, v := range ch.Values {
		for _, l := range v.Labels[lang] {
			if fold(l) == t {
				return v.ID
			}
		}
	}
	return ""
}

// fromData maps an embedded value (an audience id, a value id, a bool) to
// a canonical value.
func (ch *Check) fromData(v gjson.Result) string {
	switch v.Type {
	case gjson.True:
		if ch.value("on") != nil {
			return "on"
		}
	case gjson.False:
		if ch.value("off") != nil {
			return "off"
		}
	}
	s := v.String()
	for _, val := range ch.Values {
		if val.ID == s || containsStr(val.IDs, s) {
			return val.ID
		}
	}
	return ""
}

const labelSel = "span[dir=auto], [role=heading], h1, h2, h3, h4, label"

// navSel marks navigation: menus and tabs repeat section names ("Places
// lived") as links, and are never a row label or a section heading.
const navSel = "[role=navigation], [role=tablist], [role=tab], [role=menu]"

// labels returns the label candidates below n that are not navigation.
func labels(n page.Node) []page.Node {
	var out []page.Node
	for _, x := range n.QueryAll(labelSel) {
		if x.Closest(navSel) == nil {
			out = append(out, x)
		}
	}
	return out
}

// ownLabel reports whether t is one of the check's labels in lang.
func ownLabel(ch *Check, lang, t string) bool {
	for _, l := range ch.Read.Labels[lang] {
		if fold(l) == t {
			return true
		}
	}
	return false
}

// otherLabel reports whether n holds another check's row label or section
// heading, which means n has grown past this check's row.
func (r *reader) otherLabel(n page.Node, lang string, ch *Check) bool {
	known := r.c.known[lang]
	for _, x := range labels(n) {
		t := fold(x.Text())
		if known[t] && !ownLabel(ch, lang, t) {
			return true
		}
	}
	return false
}

func (r *reader) setting(ch *Check) reading {
	langs := r.langs(ch.Read.Labels)
	var seen reading
	for _, lang := range langs {
		for _, label := range ch.Read.Labels[lang] {
			want := fold(label)
			// A switch can carry the row label itself.
			for _, n := range r.root.QueryAll("[role=switch][aria-label], [role=checkbox][aria-label], input[aria-label]") {
				if fold(page.AttrOr(n, "aria-label")) == want {
					if v, ok := switchValue(ch, n); ok {
						return said(v, "msg_audit_switch", strconv.Quote(label), v, valueWord(ch, v, "de"))
					}
				}
			}
			for _, n := range labels(r.root) {
				if fold(n.Text()) != want {
					continue
				}
				v, raw, found := r.rowValue(ch, lang, n)
				if v != "" {
					return said(v, "msg_audit_set_to", strconv.Quote(label), strconv.Quote(raw))
				}
				if found {
					seen = said("", "msg_audit_unknown_value", strconv.Quote(label), strconv.Quote(raw))
				} else if seen.why == nil {
					seen = said("", "msg_audit_no_value", strconv.Quote(label))
				}
			}
		}
	}
	if d := r.fromDataRefs(ch, ch.Read.Data); d.value != "" {
		return d
	}
	if seen.why != nil {
		return seen
	}
	if len(langs) == 0 {
		return r.noLabels()
	}
	return said("", "msg_audit_no_label")
}

func (r *reader) fromDataRefs(ch *Check, refs []DataRef) reading {
	for _, d := range refs {
		if v, ok := r.data(d); ok {
			if id := ch.fromData(v); id != "" {
				return said(id, "msg_audit_data", d.Key+"."+d.Path, strconv.Quote(v.String()))
			}
		}
	}
	return reading{}
}

func switchValue(ch *Check, n page.Node) (string, bool) {
	if ch.value("on") == nil || ch.value("off") == nil {
		return "", false
	}
	if v, ok := n.Attr("aria-checked"); ok {
		if v == "true" {
			return "on", true
		}
		return "off", true
	}
	if n.Tag() == "input" {
		if _, ok := n.Attr("checked"); ok {
			return "on", true
		}
		return "off", true
	}
	return "", false
}

// rowValue climbs from a label to the smallest ancestor that shows a value
// and reads it. It gives up when the ancestor reaches another check's label.
func (r *reader) rowValue(ch *Check, lang string, label page.Node) (value, raw string, found bool) {
	n := label
	for i := 0; i < maxClimb; i++ {
		n = n.Parent()
		if n == nil || r.otherLabel(n, lang, ch) {
			return "", "", false
		}
		if v, raw, found := controlValue(ch, lang, n, label); found {
			return v, raw, true
		}
	}
	return "", "", false
}

// controlValue reads the value a row shows, from the most to the least
// explicit control. found is true when something value-like was seen even
// if it maps to no known value.
func controlValue(ch *Check, lang string, row, label page.Node) (value, raw string, found bool) {
	for _, n := range row.QueryAll("[role=switch], [role=checkbox], input[type=checkbox]") {
		if !ownedBy(n, row) {
			continue
		}
		if v, ok := switchValue(ch, n); ok {
			return v, v, true
		}
	}
	for _, n := range row.QueryAll("[aria-label]") {
		al := page.AttrOr(n, "aria-label")
		for _, p := range ch.Read.AudiencePrefix[lang] {
			if strings.HasPrefix(fold(al), fold(p)) && len(al) > len(p) && ownedBy(n, row) {
				rest := strings.TrimSpace(al[len(p):])
				if v := ch.lookup(lang, rest); v != "" {
					return v, rest, true
				}
				if raw == "" {
					raw = rest
				}
			}
		}
	}
	for _, n := range row.QueryAll("[role=radio][aria-checked=true], [role=option][aria-selected=true], option[selected]") {
		if !ownedBy(n, row) {
			continue
		}
		t := n.Text()
		if v := ch.lookup(lang, t); v != "" {
			return v, strings.TrimSpace(t), true
		}
		if v := ch.lookup(lang, page.AttrOr(n, "aria-label")); v != "" {
			return v, page.AttrOr(n, "aria-label"), true
		}
		if raw == "" {
			raw = strings.TrimSpace(t)
		}
	}
	for _, n := range row.QueryAll("[role=button], [role=combobox], [role=link], a, select") {
		if n.Contains(label) || !ownedBy(n, row) {
			continue
		}
		t := n.Text()
		if v := ch.lookup(lang, t); v != "" {
			return v, strings.TrimSpace(t), true
		}
		if v := ch.lookup(lang, page.AttrOr(n, "aria-label")); v != "" {
			return v, page.AttrOr(n, "aria-label"), true
		}
		if raw == "" && len(t) < 80 {
			raw = strings.TrimSpace(t)
		}
	}
	for _, n := range row.QueryAll("span[dir=auto]") {
		if label.Contains(n) || n.Contains(label) {
			continue
		}
		t := n.Text()
		if v := ch.lookup(lang, t); v != "" {
			return v, strings.TrimSpace(t), true
		}
	}
	return "", raw, raw != ""
}

// ownedBy reports whether a control belongs to row: the nearest ancestor
// of the control that holds some label text outside the control must not
// lie strictly inside row. If it does, the control has a label of its own
// closer than ours, so it is another row's control that our row, missing
// its own, has grown to include.
func ownedBy(control, row page.Node) bool {
	for n := control.Parent(); n != nil; n = n.Parent() {
		for _, x := range labels(n) {
			if !control.Contains(x) {
				return !row.Contains(n) || n.Same(row)
			}
		}
		if n.Same(row) {
			return true
		}
	}
	return true
}

// hasPhrase reports whether n holds an element whose text or aria-label is
// one of phrases.
func hasPhrase(n page.Node, phrases []string) bool {
	if len(phrases) == 0 {
		return false
	}
	for _, x := range n.QueryAll("span[dir=auto], [role=button], [role=heading], a, [aria-label]") {
		t, al := fold(x.Text()), fold(page.AttrOr(x, "aria-label"))
		for _, p := range phrases {
			if fp := fold(p); fp == t || fp == al {
				return true
			}
		}
	}
	return false
}

// audienceOf reads an audience marker's aria-label.
func audienceOf(ch *Check, lang string, n page.Node) (value, raw string, ok bool) {
	al := page.AttrOr(n, "aria-label")
	for _, p := range ch.Read.AudiencePrefix[lang] {
		if strings.HasPrefix(fold(al), fold(p)) && len(al) > len(p) {
			rest := strings.TrimSpace(al[len(p):])
			return ch.lookup(lang, rest), rest, true
		}
	}
	return "", "", false
}

func (r *reader) audienceItems(ch *Check) reading {
	langs := r.langs(ch.Read.AudiencePrefix)
	if len(langs) == 0 {
		return r.noLabels()
	}
	var miss reading
	for _, lang := range langs {
		var containers []page.Node
		if len(ch.Read.Labels[lang]) == 0 {
			containers = []page.Node{r.root}
		} else {
			containers = r.sections(ch, lang)
			if len(containers) == 0 {
				miss = said("", "msg_audit_no_heading")
				continue
			}
		}
		var vals, raws, what []string
		unreadable := 0
		for _, c := range containers {
			if ch.Read.Item != "" {
				for _, item := range c.QueryAll(ch.Read.Item) {
					if p := item.Parent(); p != nil && p.Closest(ch.Read.Item) != nil {
						continue // a comment inside a post
					}
					got := false
					for _, m := range item.QueryAll("[aria-label]") {
						if v, raw, ok := audienceOf(ch, lang, m); ok {
							vals, raws, got = append(vals, v), append(raws, raw), true
							break
						}
					}
					if !got {
						unreadable++
					}
				}
				continue
			}
			for _, m := range c.QueryAll("[aria-label]") {
				if !underOwnHeading(ch, lang, m) {
					continue
				}
				if v, raw, ok := audienceOf(ch, lang, m); ok {
					vals, raws = append(vals, v), append(raws, raw)
					if v != "" && ch.Judge(v) == Risk {
						if t := itemText(ch, lang, m, c); t != "" {
							what = append(what, t)
						}
					}
				}
			}
		}
		if len(vals) == 0 {
			empty := false
			for _, c := range containers {
				empty = empty || hasPhrase(c, ch.Read.Empty[lang])
			}
			if empty && unreadable == 0 && ch.value("none") != nil {
				return said("none", "msg_audit_nothing_listed")
			}
			miss = said("", "msg_audit_no_audience")
			continue
		}
		rd := summarize(ch, vals, raws, unreadable)
		if rd.value != "" && ch.Judge(rd.value) == Risk && len(what) > 0 {
			rd.why = append(rd.why, why.New("msg_audit_visible", quoteList(what, 3, "and"), quoteList(what, 3, "und")))
		}
		return rd
	}
	return miss
}

// summarize judges a set of item audiences: any risky item makes the whole
// risky; all must be readable and safe for ok.
func summarize(ch *Check, vals, raws []string, unreadable int) reading {
	counts := map[string]int{}
	var unmapped []string
	for i, v := range vals {
		if v == "" {
			unmapped = append(unmapped, strconv.Quote(raws[i]))
			continue
		}
		counts[v]++
	}
	// The German detail names each audience as Facebook's German UI does.
	var parts, teile []string
	worst := ""
	for _, v := range ch.Values {
		if counts[v.ID] == 0 {
			continue
		}
		parts = append(parts, v.ID+" "+strconv.Itoa(counts[v.ID]))
		teile = append(teile, valueWord(ch, v.ID, "de")+" "+strconv.Itoa(counts[v.ID]))
		if worst == "" || (ch.Judge(worst) == OK && ch.Judge(v.ID) == Risk) {
			worst = v.ID
		}
	}
	sort.Strings(unmapped)
	parts = append(parts, unmapped...)
	teile = append(teile, unmapped...)
	if unreadable > 0 {
		parts = append(parts, "no audience shown "+strconv.Itoa(unreadable))
		teile = append(teile, "ohne angezeigte Zielgruppe "+strconv.Itoa(unreadable))
	}
	detail := []why.Reason{why.New("msg_audit_items", strconv.Itoa(len(vals)+unreadable), strings.Join(parts, ", "), strings.Join(teile, ", "))}
	if len(vals)+unreadable == 1 {
		detail = []why.Reason{why.New("msg_audit_item", strings.Join(parts, ", "), strings.Join(teile, ", "))}
	}
	if worst != "" && ch.Judge(worst) == Risk {
		return reading{worst, detail}
	}
	if len(unmapped) > 0 || unreadable > 0 {
		return reading{"", detail}
	}
	return reading{worst, detail}
}

// sections finds the containers under the check's section headings: the
// smallest ancestor of a heading that holds an audience marker or an
// "empty" phrase, short of another check's heading.
func (r *reader) sections(ch *Check, lang string) []page.Node {
	var out []page.Node
	for _, label := range ch.Read.Labels[lang] {
		want := fold(label)
		for _, h := range labels(r.root) {
			if fold(h.Text()) != want {
				continue
			}
			n := h
			for i := 0; i < maxClimb; i++ {
				n = n.Parent()
				if n == nil || r.otherLabel(n, lang, ch) {
					break
				}
				if hasMarker(ch, lang, n) || hasPhrase(n, ch.Read.Empty[lang]) {
					dup := false
					for _, o := range out {
						dup = dup || o.Same(n) || o.Contains(n)
					}
					if !dup {
						out = append(out, n)
					}
					break
				}
			}
		}
	}
	return out
}

// underOwnHeading reports whether the nearest heading above an item is
// one of the check's section headings: an item belongs to the section it
// is listed under, so a section that has lost its items does not take a
// neighbouring section's.
func underOwnHeading(ch *Check, lang string, m page.Node) bool {
	for n := m.Parent(); n != nil; n = n.Parent() {
		hs := n.QueryAll(headingSel)
		found := false
		for _, h := range hs {
			if h.Closest(navSel) != nil || m.Contains(h) {
				continue
			}
			found = true
			if ownLabel(ch, lang, fold(h.Text())) {
				return true
			}
		}
		if found {
			return false
		}
	}
	return false
}

const headingSel = "[role=heading], h1, h2, h3, h4, h5, h6"

func hasMarker(ch *Check, lang string, n page.Node) bool {
	for _, m := range n.QueryAll("[aria-label]") {
		if !underOwnHeading(ch, lang, m) {
			continue
		}
		if _, _, ok := audienceOf(ch, lang, m); ok {
			return true
		}
	}
	return false
}

func (r *reader) phrase(ch *Check) reading {
	labels := map[string][]string{}
	for _, v := range ch.Values {
		for l, ls := range v.Labels {
			labels[l] = append(labels[l], ls...)
		}
	}
	langs := r.langs(labels)
	for _, lang := range langs {
		found := map[string]string{}
		for _, x := range r.root.QueryAll("span[dir=auto], [role=button], [role=heading], h1, h2, h3, [aria-label]") {
			for _, t := range []string{x.Text(), page.AttrOr(x, "aria-label")} {
				if v := ch.lookup(lang, t); v != "" {
					found[v] = strings.TrimSpace(t)
				}
			}
		}
		switch len(found) {
		case 0:
			continue
		case 1:
			for v, t := range found {
				return said(v, "msg_audit_shows", strconv.Quote(t))
			}
		default:
			var ts []string
			for _, t := range found {
				ts = append(ts, strconv.Quote(t))
			}
			sort.Strings(ts)
			return said("", "msg_audit_conflict", strings.Join(ts, ", "))
		}
	}
	if d := r.fromDataRefs(ch, ch.Read.Data); d.value != "" {
		return d
	}
	if len(langs) == 0 {
		return r.noLabels()
	}
	return said("", "msg_audit_no_phrase")
}

func (r *reader) nameList(ch *Check) reading {
	// Names are matched against every language's patterns (a German
	// clinician may be in an English-named group), but only a UI language
	// with its own patterns can be judged: a French page's local groups
	// would carry French names that no pattern covers.
	if len(r.langs(ch.Read.Patterns)) == 0 {
		return r.noLabels()
	}
	var patterns []string
	for _, ps := range ch.Read.Patterns {
		patterns = append(patterns, ps...)
	}
	type item struct{ names []string }
	byID := map[string]*item{}
	var order []string
	for _, a := range r.root.QueryAll("a[href]") {
		path, _ := splitURL(page.AttrOr(a, "href"))
		if !strings.HasPrefix(path+"/", ch.Read.Link) {
			continue
		}
		seg, _, _ := strings.Cut(strings.TrimPrefix(path+"/", ch.Read.Link), "/")
		if seg == "" || containsStr(ch.Read.Exclude, strings.ToLower(seg)) {
			continue
		}
		it := byID[seg]
		if it == nil {
			it = &item{}
			byID[seg] = it
			order = append(order, seg)
		}
		if t := strings.Join(strings.Fields(a.Text()), " "); t != "" {
			it.names = append(it.names, t)
		}
	}
	var names, flagged []string
	for _, id := range order {
		it := byID[id]
		if len(it.names) == 0 {
			continue
		}
		names = append(names, it.names[0])
		for _, n := range it.names {
			if matchesPattern(n, patterns) {
				flagged = append(flagged, it.names[0])
				break
			}
		}
	}
	total := strconv.Itoa(len(names))
	if len(flagged) > 0 {
		return said("community", "msg_audit_local", strconv.Itoa(len(flagged)), total, strings.Join(flagged, "; "))
	}
	if len(names) > 0 {
		return said("none", "msg_audit_none_local", total)
	}
	for _, lang := range r.langs(ch.Read.Empty) {
		if hasPhrase(r.root, ch.Read.Empty[lang]) {
			return said("none", "msg_audit_nothing_listed")
		}
	}
	return said("", "msg_audit_no_entries")
}

// matchesPattern reports whether a word of name starts with a pattern, so
// that German compounds ("Nachbarschaftshilfe") match "nachbar". A pattern
// with a space must appear as a phrase.
func matchesPattern(name string, patterns []string) bool {
	low := " " + strings.ToLower(strings.Join(strings.FieldsFunc(name, notWordRune), " "))
	for _, p := range patterns {
		if strings.Contains(low, " "+strings.ToLower(p)) {
			return true
		}
	}
	return false
}

func notWordRune(r rune) bool {
	return r == ' ' || r == '-' || r == ',' || r == '.' || r == '(' || r == ')' || r == '&' || r == '/' || r == '|' || r == ':' || r == '!' || r == '"' || r == '\u00a0'
}

func (r *reader) reviewReplies(ch *Check) reading {
	viewer := ""
	for _, d := range ch.Read.Viewer {
		if v, ok := r.data(d); ok && v.String() != "" {
			viewer = v.String()
			break
		}
	}
	if viewer == "" {
		return said("", "msg_audit_no_viewer")
	}
	langs := r.langs(ch.Read.ReplyPrefix)
	if len(langs) == 0 {
		return r.noLabels()
	}
	for _, lang := range langs {
		reviews, replies, mine := 0, 0, 0
		for _, a := range r.root.QueryAll("[role=article][aria-label]") {
			al := page.AttrOr(a, "aria-label")
			for _, p := range ch.Read.ReviewPrefix[lang] {
				if strings.HasPrefix(fold(al), fold(p)) {
					reviews++
				}
			}
			for _, p := range ch.Read.ReplyPrefix[lang] {
				if !strings.HasPrefix(fold(al), fold(p)) || len(al) <= len(p) {
					continue
				}
				replies++
				author := al[len(p):]
				for _, sep := range ch.Read.ReplySeparator[lang] {
					if i := strings.Index(author, sep); i >= 0 {
						author = author[:i]
					}
				}
				if fold(author) == fold(viewer) {
					mine++
				}
			}
		}
		if mine > 0 {
			return said("personal", "msg_audit_personal", strconv.Itoa(mine), strconv.Itoa(replies), viewer)
		}
		if reviews > 0 || replies > 0 || hasPhrase(r.root, ch.Read.Empty[lang]) {
			return said("none", "msg_audit_not_personal", strconv.Itoa(replies), strconv.Itoa(reviews))
		}
	}
	return said("", "msg_audit_no_reviews")
}

// data finds ref in the page's embedded JSON.
func (r *reader) data(ref DataRef) (gjson.Result, bool) {
	if !r.loaded {
		r.loaded = true
		for _, s := range r.root.QueryAll(`script[type="application/json"]`) {
			r.blobs = append(r.blobs, s.Text())
		}
	}
	for _, b := range r.blobs {
		if !strings.Contains(b, `"`+ref.Key+`"`) || !gjson.Valid(b) {
			continue
		}
		if v, ok := findKey(gjson.Parse(b), ref.Key); ok {
			if ref.Path == "" {
				return v, true
			}
			if x := v.Get(ref.Path); x.Exists() {
				return x, true
			}
		}
	}
	return gjson.Result{}, false
}

// findKey returns the value of the first key named key, depth first, so the
// reader does not depend on how the page nests its data.
func findKey(v gjson.Result, key string) (gjson.Result, bool) {
	var out gjson.Result
	found := false
	v.ForEach(func(k, val gjson.Result) bool {
		if k.Type == gjson.String && k.Str == key {
			out, found = val, true
			return false
		}
		if val.IsObject() || val.IsArray() {
			out, found = findKey(val, key)
			return !found
		}
		return true
	})
	return out, found
}

// NameFlagged reports whether a name (a group's title, say) matches the
// check's patterns in any language. The export audit uses it so that one
// list of community-group words serves both audits.
func (ch *Check) NameFlagged(name string) bool {
	var patterns []string
	for _, ps := range ch.Read.Patterns {
		patterns = append(patterns, ps...)
	}
	return matchesPattern(name, patterns)
}

// itemText is the text of the About entry an audience marker belongs to:
// the smallest ancestor below the section that has text and holds no
// other marker. It names what is exposed, so the clinician knows which
// entry to change; it is page text and is only ever shown as text.
func itemText(ch *Check, lang string, marker, section page.Node) string {
	for n := marker.Parent(); n != nil && !n.Same(section); n = n.Parent() {
		t := strings.Join(strings.Fields(n.Text()), " ")
		if t == "" {
			continue
		}
		markers := 0
		for _, x := range n.QueryAll("[aria-label]") {
			if _, _, ok := audienceOf(ch, lang, x); ok {
				markers++
			}
		}
		if markers != 1 {
			return ""
		}
		return clip(t, 80)
	}
	return ""
}

// clip shortens s to at most n runes, marking the cut.
func clip(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}

// quoteList quotes up to max items and counts the rest; and is the word
// for "and" in the detail's language ("and 2 more", "und 2 weitere").
func quoteList(list []string, max int, and string) string {
	more := map[string]string{"and": " more", "und": " weitere"}[and]
	var parts []string
	for i, s := range list {
		if i == max {
			parts = append(parts, and+" "+strconv.Itoa(len(list)-max)+more)
			break
		}
		parts = append(parts, strconv.Quote(s))
	}
	return strings.Join(parts, ", ")
}
