// Package rulepack reads and validates Boundary's rule files: the shared
// header every rule carries, whatever its kind, and the canonical form the
// files are kept in. It is the one validator for rules/ packs in the
// extension and for policy packs on the clinic's server.
//
// A rule file is a JSON object named <id>.json. Its header fields are:
//
//	id           stable identifier, equal to the file name without .json
//	kind         one of Kinds
//	since        the Boundary version that introduced it ("0.1.0")
//	severity     info, low, medium, high or critical
//	message      one sentence for the person reading the finding
//	explanation  why it matters, in plain language
//	guidance     optional list of ids from rules/guidance/
//	examples     {"positive": [...], "negative": [...]}, both non-empty
//
// Everything else belongs to the kind and is read by the package that owns
// the kind.
package rulepack

import (
	"errors"
	"io/fs"
	"path"
	"sort"
	"strings"

	"github.com/tidwall/gjson"
)

// Kinds are the rule kinds Boundary knows. A small fixed vocabulary keeps
// packs reviewable: a new kind is a code change, a new rule is not.
var Kinds = []string{
	"site.selectors", // where a site keeps what we read, per page and UI language
	"triage.rule",    // words and phrases that suggest a message category
	"triage.model",   // weights of the linear triage model
	"reply.template", // a boundary reply for a situation, profession and language
	"draft.check",    // a check on text the clinician is typing
	"audit.check",    // one privacy setting or profile field to read and judge
	"guidance",       // a professional body's document that rules cite
	"clinic.policy",  // a clinic's team policy: profile, templates, locks (wasm/policy/pack)
}

// noExamples are the kinds that describe a source rather than detect
// anything, so positive and negative examples would mean nothing.
var noExamples = []string{"guidance", "triage.model", "clinic.policy"}

// Severities in increasing order.
var Severities = []string{"info", "low", "medium", "high", "critical"}

// SeverityRank orders severities; unknown ones rank below info.
func SeverityRank(s string) int {
	for i, v := range Severities {
		if v == s {
			return i
		}
	}
	return -1
}

// Rule is one parsed rule file.
type Rule struct {
	Path        string
	ID          string
	Kind        string
	Since       string
	Severity    string
	Message     string
	Explanation string
	Guidance    []string
	Positive    []gjson.Result
	Negative    []gjson.Result
	// Raw is the whole object, for the kind's own fields.
	Raw gjson.Result
}

// Problem is a validation failure tied to a file.
type Problem struct {
	Path string
	Msg  string
}

func (p Problem) Error() string { return p.Path + ": " + p.Msg }

// Problems collects every failure found, so a broken pack reports all of
// them at once instead of one per run.
type Problems []Problem

func (ps Problems) Error() string {
	var b strings.Builder
	for i, p := range ps {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(p.Error())
	}
	return b.String()
}

// Parse validates the header of one rule file. name is the file's path,
// used for messages and for the id-equals-file-name check ("" skips it).
func Parse(name string, data []byte) (*Rule, Problems) {
	var ps Problems
	bad := func(msg string) { ps = append(ps, Problem{name, msg}) }
	if !gjson.ValidBytes(data) {
		bad("not valid JSON")
		return nil, ps
	}
	v := gjson.ParseBytes(data)
	if !v.IsObject() {
		bad("a rule must be a JSON object")
		return nil, ps
	}
	r := &Rule{Path: name, Raw: v}
	str := func(field string, required bool) string {
		f := v.Get(field)
		if !f.Exists() {
			if required {
				bad("missing field " + field)
			}
			return ""
		}
		if f.Type != gjson.String || strings.TrimSpace(f.Str) == "" {
			bad(field + " must be a non-empty string")
			return ""
		}
		return f.Str
	}
	r.ID = str("id", true)
	r.Kind = str("kind", true)
	r.Since = str("since", true)
	r.Severity = str("severity", true)
	r.Message = str("message", true)
	r.Explanation = str("explanation", true)
	if r.ID != "" && !validID(r.ID) {
		bad("id " + quote(r.ID) + " must be lower-case letters, digits, '_', '-' and '.'")
	}
	if name != "" && r.ID != "" && strings.TrimSuffix(path.Base(name), ".json") != r.ID {
		bad("file name must be " + r.ID + ".json")
	}
	if r.Kind != "" && !contains(Kinds, r.Kind) {
		bad("unknown kind " + quote(r.Kind))
	}
	if r.Severity != "" && SeverityRank(r.Severity) < 0 {
		bad("severity must be one of " + strings.Join(Severities, ", "))
	}
	if r.Since != "" && !validVersion(r.Since) {
		bad("since must be a version like 0.1.0")
	}
	if g := v.Get("guidance"); g.Exists() {
		if !g.IsArray() {
			bad("guidance must be a list of guidance ids")
		}
		for _, x := range g.Array() {
			if x.Type != gjson.String {
				bad("guidance must be a list of guidance ids")
				continue
			}
			r.Guidance = append(r.Guidance, x.Str)
		}
	}
	ex := v.Get("examples")
	r.Positive = ex.Get("positive").Array()
	r.Negative = ex.Get("negative").Array()
	if (len(r.Positive) == 0 || len(r.Negative) == 0) && !contains(noExamples, r.Kind) {
		bad("examples must hold at least one positive and one negative example")
	}
	if len(ps) > 0 {
		return nil, ps
	}
	return r, nil
}

// Pack is a set of rules read from one tree.
type Pack struct {
	Rules []*Rule
	byID  map[string]*Rule
}

// Get returns the rule with that id, or nil.
func (p *Pack) Get(id string) *Rule { return p.byID[id] }

// OfKind returns the rules of one kind in file order.
func (p *Pack) OfKind(kind string) []*Rule {
	var out []*Rule
	for _, r := range p.Rules {
		if r.Kind == kind {
			out = append(out, r)
		}
	}
	return out
}

// Load reads every *.json file below dir in fsys as a rule, checks the
// headers, id uniqueness and guidance references, and returns all problems
// together. Files whose names start with "_" are not rules (schemas, notes).
func Load(fsys fs.FS, dir string) (*Pack, error) {
	p := &Pack{byID: map[string]*Rule{}}
	var ps Problems
	err := fs.WalkDir(fsys, dir, func(name string, d fs.DirEntry, err error) error {
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
		r, bad := Parse(name, data)
		ps = append(ps, bad...)
		if r == nil {
			return nil
		}
		if prev, dup := p.byID[r.ID]; dup {
			ps = append(ps, Problem{name, "id " + r.ID + " is also used by " + prev.Path})
			return nil
		}
		p.byID[r.ID] = r
		p.Rules = append(p.Rules, r)
		return nil
	})
	if err != nil {
		return nil, err
	}
	for _, r := range p.Rules {
		for _, g := range r.Guidance {
			if gr := p.byID[g]; gr == nil || gr.Kind != "guidance" {
				ps = append(ps, Problem{r.Path, "guidance " + quote(g) + " is not a guidance rule in this pack"})
			}
		}
	}
	sort.SliceStable(p.Rules, func(i, j int) bool { return p.Rules[i].Path < p.Rules[j].Path })
	if len(ps) > 0 {
		return p, ps
	}
	return p, nil
}

// ErrNotCanonical is returned by Canonical for files not in canonical form.
var ErrNotCanonical = errors.New("not in canonical form (2-space indent, one trailing newline; run scripts/fmt-rules)")

func validID(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '_' || c == '-' || c == '.') {
			return false
		}
	}
	return true
}

func validVersion(s string) bool {
	parts := strings.Split(s, ".")
	if len(parts) != 3 {
		return false
	}
	for _, p := range parts {
		if p == "" {
			return false
		}
		for i := 0; i < len(p); i++ {
			if p[i] < '0' || p[i] > '9' {
				return false
			}
		}
	}
	return true
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}

func quote(s string) string { return "\"" + s + "\"" }
