package audit

import (
	"sort"

	"github.com/boundaryhq/boundary/wasm/jsonw"
	"github.com/boundaryhq/boundary/wasm/rulepack"
	"github.com/boundaryhq/boundary/wasm/why"
)

// Weight is how much a check of a severity counts towards the score:
// info 1, low 2, medium 4, high 8, critical 16. Each step doubles, so one
// high-severity risk outweighs any number of info-level successes short
// of eight.
func Weight(severity string) int {
	r := rulepack.SeverityRank(severity)
	if r < 0 {
		return 0
	}
	return 1 << r
}

// Score is 0-100: the weighted share of known checks that are ok,
//
//	score = floor(100 * sum(weight of ok) / sum(weight of ok and risk))
//
// Unknown results count as neither, so a page that could not be read
// neither helps nor hurts; the report lists them. Flooring means a single
// remaining risk never shows as 100. With nothing known the score is 0.
func Score(results []Result) int {
	ok, known := 0, 0
	for _, r := range results {
		w := Weight(r.Severity)
		switch r.Status {
		case OK:
			ok += w
			known += w
		case Risk:
			known += w
		}
	}
	if known == 0 {
		return 0
	}
	return 100 * ok / known
}

// Report is the audit across the pages visited, one result per check.
type Report struct {
	Score   int
	OK      int
	Risk    int
	Unknown int
	Pages   []string // page ids that were read, in the order given
	Results []Result // most severe first; risk before unknown before ok
}

// Merge combines page results into one report with a result for every
// check. A check read on several pages is risk if any page showed a risk
// (the value is listed, so the clinician sees which), ok if any page read
// it as ok, and unknown otherwise. Checks on no visited page are unknown
// with a pointer to the page that answers them.
func (c *Checks) Merge(pages []PageResult) Report {
	var rep Report
	best := map[string]Result{}
	seenPage := map[string]bool{}
	for _, p := range pages {
		if p.Page != UnknownPage && !seenPage[p.Page] {
			seenPage[p.Page] = true
			rep.Pages = append(rep.Pages, p.Page)
		}
		for _, r := range p.Results {
			prev, ok := best[r.ID]
			if !ok || rank(r.Status) > rank(prev.Status) {
				best[r.ID] = r
			}
		}
	}
	for _, ch := range c.List {
		r, ok := best[ch.ID]
		if !ok {
			r = Result{
				ID: ch.ID, Status: Unknown, Severity: ch.Severity, Message: ch.Message,
				Detail: "not read yet: open " + ch.FixURL, Fix: ch.Fix("en"), FixURL: ch.FixURL,
				DetailWhy: []why.Reason{why.New("msg_audit_not_read_yet", ch.FixURL)},
			}
		}
		switch r.Status {
		case OK:
			rep.OK++
		case Risk:
			rep.Risk++
		default:
			rep.Unknown++
		}
		rep.Results = append(rep.Results, r)
	}
	Sort(rep.Results)
	rep.Score = Score(rep.Results)
	return rep
}

// rank orders statuses for merging: a risk seen anywhere wins.
func rank(status string) int {
	switch status {
	case Risk:
		return 2
	case OK:
		return 1
	}
	return 0
}

// Sort orders results by severity (highest first), then risk, unknown,
// ok, then id, which is the order a clinician should work through them.
func Sort(rs []Result) {
	order := map[string]int{Risk: 0, Unknown: 1, OK: 2}
	sort.SliceStable(rs, func(i, j int) bool {
		a, b := rs[i], rs[j]
		if sa, sb := rulepack.SeverityRank(a.Severity), rulepack.SeverityRank(b.Severity); sa != sb {
			return sa > sb
		}
		if order[a.Status] != order[b.Status] {
			return order[a.Status] < order[b.Status]
		}
		return a.ID < b.ID
	})
}

// writeResults writes the checks; keyed adds each detail as keyed pieces
// (detail_why), which the extension needs and the CLI does not print.
func writeResults(w *jsonw.Writer, rs []Result, keyed bool) {
	w.Key("checks").BeginArray()
	for _, r := range rs {
		w.BeginObject().
			FieldString("id", r.ID).
			FieldString("status", r.Status).
			FieldString("value", r.Value).
			FieldString("detail", r.Detail)
		if keyed {
			writePieces(w, r)
		}
		w.FieldString("severity", r.Severity).
			FieldString("message", r.Message).
			FieldString("fix", r.Fix).
			FieldString("fix_url", r.FixURL)
		if r.Page != "" {
			w.FieldString("read_on", r.Page)
		}
		w.EndObject()
	}
	w.EndArray()
}

// JSON is the page result as the CLI prints it:
// {"page","url","lang","checks":[{id,status,value,detail,severity,message,fix,fix_url}]}.
func (p PageResult) JSON() []byte { return p.json(false) }

// KeyedJSON is the page result as the extension passes it on: JSON with
// each check's detail also as keyed pieces ("detail_why": [{key, args}]).
func (p PageResult) KeyedJSON() []byte { return p.json(true) }

func (p PageResult) json(keyed bool) []byte {
	var w jsonw.Writer
	w.BeginObject().FieldString("page", p.Page).FieldString("url", p.URL).FieldString("lang", p.Lang)
	writeResults(&w, p.Results, keyed)
	w.EndObject()
	return w.Bytes()
}

// writePieces writes r's detail as keyed pieces; a result made without
// them (none is, today) gives its detail as one piece without a key.
func writePieces(w *jsonw.Writer, r Result) {
	pieces := r.DetailWhy
	if detailOf(pieces) != r.Detail {
		pieces = []why.Reason{why.Text(r.Detail)}
	}
	w.Key("detail_why").BeginArray()
	for _, p := range pieces {
		p.WriteJSON(w)
	}
	w.EndArray()
}

// JSON is the merged report: {"score","ok","risk","unknown","pages","checks"}.
func (r Report) JSON() []byte {
	var w jsonw.Writer
	w.BeginObject().FieldInt("score", int64(r.Score)).FieldInt("ok", int64(r.OK)).
		FieldInt("risk", int64(r.Risk)).FieldInt("unknown", int64(r.Unknown)).FieldStrings("pages", r.Pages)
	writeResults(&w, r.Results, false)
	w.EndObject()
	return w.Bytes()
}
