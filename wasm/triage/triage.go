// Package triage sorts the direct messages a clinician receives on a personal
// account into categories: emergency, sensitive_info, complaint,
// medical_question, appointment_admin, or personal.
//
// Two things decide. Rules (rules/triage/*.json, kind triage.rule) are
// phrases with negation and hard-negative guards; each names a category and
// adds its weight, in log-odds, towards "clinical". A linear model (kind
// triage.model) over folded words and word pairs supplies the rest of the
// log-odds, so it decides clinical or personal where the rules are silent.
// The category is the most severe one among the rules that fired,
// medical_question when the model alone found the message clinical, and emergency whenever an
// emergency rule fires: missing an emergency costs far more than a false
// alarm, so emergencies are never outvoted.
//
// The package builds for js/wasm and stays small there: no fmt, regexp or
// encoding/json.
package triage

import (
	"errors"
	"io/fs"
	"strconv"
	"strings"
	"time"

	"github.com/boundaryhq/boundary/wasm/clinic"
	"github.com/boundaryhq/boundary/wasm/rulepack"
	"github.com/boundaryhq/boundary/wasm/why"
)

// Message is one chat bubble as the page adapter saw it.
type Message struct {
	ID, Text, Sender string
	// SentAt is when it was sent; zero means unknown.
	SentAt time.Time
	// Request is true for a message request from someone who is not a
	// friend.
	Request bool
	// Attachments counts the images and files in the bubble.
	Attachments int
	Incoming    bool
}

// Context is what the caller knows beyond the message.
type Context struct {
	// Hours are the clinic's opening hours; nil means clinic.Default().
	Hours *clinic.Hours
	// SenderMatch says that the sender is in the user's patient list
	// (why_sender_match, or a sentence the caller wrote); zero if not.
	SenderMatch why.Reason
}

// Result is the verdict on one message or thread.
type Result struct {
	Category string
	Clinical bool
	// Score is the probability that the message is clinical, from 0 to 1.
	// Emergencies score at least EmergencyScore.
	Score float64
	// Reasons explain the verdict: rules with the words that fired, the
	// model's strongest features, the sender match, message requests,
	// attachments and arrival outside clinic hours.
	Reasons []string
	// Why is Reasons as keys and arguments (package why): Reasons[i] is
	// Why[i] in English. Add reasons with say, which keeps both.
	Why []why.Reason
	// Rules are the ids of the rules that fired.
	Rules []string
}

// EmergencyScore is the lowest score an emergency gets.
const EmergencyScore = 0.95

// Context adds these log-odds towards clinical: someone in the patient list
// writing, and a stranger writing through a message request, are each more
// likely to want the clinician than the friend.
const (
	senderMatchWeight = 1.5
	requestWeight     = 0.5
)

// modelReasons is how many model features a reason names.
const modelReasons = 3

// Classifier holds a compiled triage pack. It is safe for concurrent use.
type Classifier struct {
	rules []*rule
	model *model
	ix    *index
}

// Load compiles the triage pack. fsys is rules.FS (the pack is read from its
// triage/ directory) or a tree whose root holds the triage rules. Guidance
// references are checked against guidance/ when fsys has one. Every problem
// in the pack is returned at once, each naming its file.
func Load(fsys fs.FS) (*Classifier, error) {
	dir := "."
	if st, err := fs.Stat(fsys, "triage"); err == nil && st.IsDir() {
		dir = "triage"
	}
	pack, err := rulepack.Load(fsys, dir)
	var ps rulepack.Problems
	if err != nil {
		var lp rulepack.Problems
		if !errors.As(err, &lp) {
			return nil, err
		}
		// The triage directory alone holds no guidance rules, so check
		// those references against guidance/ here instead.
		for _, p := range lp {
			if !strings.HasPrefix(p.Msg, "guidance ") || !strings.HasSuffix(p.Msg, " is not a guidance rule in this pack") {
				ps = append(ps, p)
			}
		}
	}
	c := &Classifier{}
	byID := map[string]*rule{}
	for _, r := range pack.Rules {
		for _, g := range r.Guidance {
			if dir == "triage" {
				if _, err := fs.Stat(fsys, "guidance/"+g+".json"); err != nil {
					ps = append(ps, rulepack.Problem{Path: r.Path, Msg: "guidance " + quote(g) + " is not in guidance/"})
				}
			}
		}
		switch r.Kind {
		case "triage.rule":
			ru, bad := compileRule(r)
			ps = append(ps, bad...)
			c.rules = append(c.rules, ru)
			byID[ru.id] = ru
		case "triage.model":
			if c.model != nil {
				ps = append(ps, rulepack.Problem{Path: r.Path, Msg: "a second triage.model; the pack holds one"})
				continue
			}
			m, bad := compileModel(r)
			ps = append(ps, bad...)
			c.model = m
		default:
			ps = append(ps, rulepack.Problem{Path: r.Path, Msg: "kind " + r.Kind + " does not belong in triage/"})
		}
	}
	for _, ru := range c.rules {
		for _, f := range []struct {
			name string
			list *[]phrase
		}{{"match", &ru.match}, {"with", &ru.with}, {"near", &ru.near}, {"unless", &ru.unless}} {
			for _, ref := range ru.refs[f.name] {
				target := byID[ref]
				switch {
				case target == nil:
					ps = append(ps, rulepack.Problem{Path: dir + "/" + ru.id + ".json", Msg: f.name + ": no triage rule " + quote(ref)})
				case !target.list() || len(target.refs) > 0:
					ps = append(ps, rulepack.Problem{Path: dir + "/" + ru.id + ".json", Msg: f.name + ": " + quote(ref) + " is not a word list (weight 0, no @ names of its own)"})
				default:
					*f.list = append(*f.list, target.match...)
				}
			}
		}
		if len(ru.match) == 0 {
			ps = append(ps, rulepack.Problem{Path: dir + "/" + ru.id + ".json", Msg: "match: no phrases"})
		}
	}
	if len(c.rules) == 0 {
		ps = append(ps, rulepack.Problem{Path: dir, Msg: "no triage rules"})
	}
	if c.model == nil {
		c.model = &model{threshold: 0.5, weights: map[string]float64{}}
	}
	c.ix = buildIndex(c.rules)
	if len(ps) > 0 {
		return nil, ps
	}
	return c, nil
}

// fire runs every rule over the tokens. Word lists (weight 0) are included:
// the model may have learned a weight for a list matching at all.
func (c *Classifier) fire(toks []token) []hit { return c.scan(toks) }

// RuleEvidence is what the rules alone say about a text: the ids of the
// rules that fire and whether one of them is an emergency rule. The trainer
// uses it to give each rule its learned weight.
func (c *Classifier) RuleEvidence(text string) (ids []string, emergency bool) {
	for _, h := range c.fire(tokenize(text)) {
		ids = append(ids, h.rule.id)
		emergency = emergency || h.rule.category == "emergency" && !h.rule.list()
	}
	return ids, emergency
}

// ruleWeight is the log-odds a fired rule adds: the model's learned weight
// for it when the model was trained with the rule, else the rule's own.
func (c *Classifier) ruleWeight(r *rule) float64 {
	if w, ok := c.model.weights[RuleFeature(r.id)]; ok {
		return w
	}
	return r.weight
}

// RuleFeature is the model feature that stands for a rule having fired.
func RuleFeature(id string) string { return "rule:" + id }

// Classify triages one message.
func (c *Classifier) Classify(m Message, ctx Context) Result {
	toks := tokenize(m.Text)
	all := c.fire(toks)
	var hits []hit // rules proper; word lists only feed the model
	var lists []contribution
	offset := 0.0
	emergency := false
	catWeight := map[string]float64{}
	for _, h := range all {
		w := c.ruleWeight(h.rule)
		offset += w
		if h.rule.list() {
			if w != 0 {
				lists = append(lists, contribution{"list " + h.rule.id + " (" + h.words + ")", w})
			}
			continue
		}
		hits = append(hits, h)
		if h.rule.category == "emergency" {
			emergency = true
		}
		if w > 0 {
			catWeight[h.rule.category] += w
		}
	}
	if !ctx.SenderMatch.IsZero() {
		offset += senderMatchWeight
	}
	if m.Request {
		offset += requestWeight
	}
	logit, top := c.model.score(features(toks), lists, offset, modelReasons)
	p := sigmoid(logit + offset)
	res := Result{Score: p, Clinical: p >= c.model.threshold}
	switch {
	case emergency:
		res.Category, res.Clinical = "emergency", true
		res.Score = max(p, EmergencyScore)
	case res.Clinical:
		// The most severe category whose rules fired wins: a photo of a
		// rash with a question is first of all a photo.
		res.Category = "medical_question"
		for _, cat := range Categories[1:5] {
			if catWeight[cat] > 0 {
				res.Category = cat
				break
			}
		}
		if m.Attachments > 0 {
			res.Category = "sensitive_info"
		}
	default:
		res.Category = "personal"
	}

	// Reasons: rules first, the category's own before the rest, then the
	// model, then what the caller told us.
	for pass := 0; pass < 2; pass++ {
		for _, h := range hits {
			if (h.rule.category == res.Category) == (pass == 0) {
				res.Rules = append(res.Rules, h.rule.id)
				res.say(why.New("why_rule", h.rule.id, h.words))
			}
		}
	}
	res.say(describeContributions(sigmoid(logit), top))
	if m.Attachments > 0 && res.Clinical {
		res.say(plural(m.Attachments, "why_attachment", "why_attachments"))
	}
	if !ctx.SenderMatch.IsZero() {
		res.say(ctx.SenderMatch)
	}
	if m.Request {
		res.say(why.New("why_request"))
	}
	if res.Clinical && !m.SentAt.IsZero() {
		h := ctx.Hours
		if h == nil {
			h = clinic.Default()
		}
		if !h.Open(m.SentAt) {
			t := m.SentAt
			if h.Loc != nil {
				t = t.In(h.Loc)
			} else {
				t = t.Local()
			}
			// The hours are described here in both languages the
			// extension speaks; see why_after_hours.
			res.say(why.New("why_after_hours", t.Format("Mon 15:04"), h.Describe("en"), germanDays[t.Weekday()], t.Format("15:04"), h.Describe("de")))
		}
	}
	return res
}

// say adds a reason in both forms.
func (r *Result) say(w why.Reason) {
	r.Why = append(r.Why, w)
	r.Reasons = append(r.Reasons, w.String())
}

// plural is the reason key one for n == 1, else many with n.
func plural(n int, one, many string) why.Reason {
	if n == 1 {
		return why.New(one)
	}
	return why.New(many, strconv.Itoa(n))
}

// germanDays are the German weekday abbreviations, Sunday first, as
// clinic.Hours.Describe("de") writes them.
var germanDays = [7]string{"So", "Mo", "Di", "Mi", "Do", "Fr", "Sa"}

// Thread gives the verdict on a conversation from the verdicts on its
// messages: emergency if any message is one, else the most severe clinical
// category among them, else personal. The score is the highest; reasons and
// rules are merged without repeats, in message order.
func Thread(results []Result) Result {
	out := Result{Category: "personal"}
	seenReason, seenRule := map[string]bool{}, map[string]bool{}
	for _, r := range results {
		if r.Clinical {
			out.Clinical = true
			if rk := categoryRank(r.Category); rk >= 0 && rk < categoryRank(out.Category) {
				out.Category = r.Category
			}
		}
		if r.Category == "emergency" {
			out.Clinical, out.Category = true, "emergency"
		}
		out.Score = max(out.Score, r.Score)
		for i, s := range r.Reasons {
			if !seenReason[s] {
				seenReason[s] = true
				out.Reasons = append(out.Reasons, s)
				if i < len(r.Why) {
					out.Why = append(out.Why, r.Why[i])
				} else {
					out.Why = append(out.Why, why.Text(s))
				}
			}
		}
		for _, s := range r.Rules {
			if !seenRule[s] {
				seenRule[s] = true
				out.Rules = append(out.Rules, s)
			}
		}
	}
	return out
}

// InTestSplit reports whether a labelled message with this id belongs to the
// held-out test split: FNV-1a of the id, mod 5, is 0. Training and tuning
// use only the rest; the split is fixed so figures stay comparable.
func InTestSplit(id string) bool {
	h := uint32(2166136261)
	for i := 0; i < len(id); i++ {
		h ^= uint32(id[i])
		h *= 16777619
	}
	return h%5 == 0
}

// anchorPrefixes name the word lists of clinicians, clinics, conditions and
// drugs (terms-clinical-anchor-en, -de) and the medical vocabulary of named
// conditions, medicines and procedures (terms-vocab-condition-en, ...).
var anchorPrefixes = []string{"terms-clinical-anchor-", "terms-vocab-"}

func isAnchorList(id string) bool {
	for _, p := range anchorPrefixes {
		if strings.HasPrefix(id, p) {
			return true
		}
	}
	return false
}

// ClinicalAnchor reports whether a model feature is a word, or a pair with a
// word, that names a clinician, a clinic, a condition or a drug. The trainer
// keeps such features from arguing for personal chat: friends mention
// doctors too, but a patient who writes "doctor, my diabetes..." must not
// lose the clinical reading for it.
//
// The word lists themselves ("rule:terms-clinical-anchor-en") and the stems
// of medical words ("~diabet", "~allerg") count too: otherwise the weight a
// word may not have moves to the list or the stem that stands for it.
func (c *Classifier) ClinicalAnchor(feature string) bool {
	if id, ok := strings.CutPrefix(feature, RuleFeature("")); ok && isAnchorList(id) || strings.HasPrefix(feature, "~") {
		return true
	}
	if strings.Contains(feature, ":") {
		return false // other rules and cues
	}
	for _, w := range strings.Fields(feature) {
		for _, r := range c.rules {
			if !isAnchorList(r.id) {
				continue
			}
			for pi := range r.match {
				if p := &r.match[pi]; len(p.elems) == 1 && p.elems[0].matches(w) {
					return true
				}
			}
		}
	}
	return false
}
