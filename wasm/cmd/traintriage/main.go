// Command traintriage fits the triage model (rules/triage/triage-model.json)
// from labelled messages: logistic regression over the folded words and word
// pairs that triage.Features gives, clinical against personal.
//
// Only the training part of the fixed id-hash split is read (see
// triage.InTestSplit), so the held-out figures stay honest. The model is fitted
// to what the rules leave over: each message's rule log-odds is a fixed
// offset, as it is when the classifier runs. Training is deterministic: same
// data and flags, same file.
//
// With -cv it instead reports k-fold cross-validation on the training split
// for a grid of settings; with -cross it trains on one corpus and scores the
// other, to see how far the model carries to text unlike its training data.
//
// Run it through scripts/train-triage.
package main

import (
	"bufio"
	"encoding/json"
	"flag"
	"fmt"
	"hash/fnv"
	"io"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/boundaryhq/boundary/wasm/triage"
)

type example struct {
	id, text, source, label string
	clinical                bool
	feats                   []string
	rules                   []string // rule features of the rules that fired
	offset                  float64
	emergency               bool
	dev                     bool // from the development corpus
}

type params struct {
	epochs       int
	lr, l2       float64
	minDF        int
	l2rules      float64
	minWeight    float64
	maxFeats     int
	offset       bool
	ruleFeatures bool
	ownWeight    float64 // weight of our own corpus against the dev corpus
	threshold    float64 // probability at and above which a message is clinical
	// anchor says how features that name a clinician, clinic, condition
	// or drug (triage.Classifier.ClinicalAnchor) are treated: "free" like
	// any other, "words" kept at or above zero when a single word, "pairs"
	// also when in a word pair, "drop" single words left out.
	anchor   string
	isAnchor func(string) bool
}

func main() {
	dev := flag.String("dev", "../shared/data/dev-corpus/messages.jsonl", "development corpus (JSON Lines)")
	corpus := flag.String("corpus", "wasm/triage/testdata/corpus", "directory of our own labelled *.jsonl")
	rulesDir := flag.String("rules", "rules", "rule tree whose triage/ rules give the offsets")
	out := flag.String("out", "rules/triage/triage-model.json", "model file to write")
	cv := flag.Int("cv", 0, "report k-fold cross-validation on the training split for a grid of settings instead of writing a model")
	cvShow := flag.Bool("cvshow", false, "with -cv, score only the flags' own setting and list the messages it gets wrong")
	cross := flag.Bool("cross", false, "train on one corpus, score the other (training split of each), and exit")
	pick := flag.Bool("pick", false, "choose regularisation and threshold by k-fold CV (k from -cv, default 5) with the rule in pickSetting, print the table and the choice, and exit")
	emShow := flag.Bool("emshow", false, "list the training split's emergencies the emergency rules miss and the other messages they fire on, and exit")
	p := params{}
	flag.IntVar(&p.epochs, "epochs", 30, "passes over the data")
	flag.Float64Var(&p.lr, "lr", 0.1, "initial learning rate")
	flag.Float64Var(&p.l2, "l2", 1e-3, "L2 penalty per example on word features")
	flag.Float64Var(&p.l2rules, "l2rules", 0, "L2 penalty per example on rule and word-list features")
	flag.IntVar(&p.minDF, "mindf", 3, "keep features seen in at least this many training messages")
	flag.Float64Var(&p.minWeight, "minweight", 0.1, "drop weights smaller than this from the file")
	flag.IntVar(&p.maxFeats, "maxfeats", 2500, "keep at most this many features, the largest weights")
	flag.BoolVar(&p.offset, "offset", false, "add the rules' own weights as a fixed offset")
	flag.BoolVar(&p.ruleFeatures, "rulefeatures", true, "learn a weight for each rule as a feature")
	flag.Float64Var(&p.ownWeight, "ownweight", 1, "weight of a message from our own corpus relative to the dev corpus")
	flag.StringVar(&p.anchor, "anchor", "pairs", "clinical anchor words (clinicians, clinics, conditions, drugs): free, words (single words never negative), pairs (nor pairs with one), drop (single words left out)")
	// The threshold is the lowest step whose 5-fold CV false-positive rate
	// on real personal chat (the dev corpus's sms_ham, training split) is
	// at most 0.8 %: the 1 % target with a fifth held back for
	// unseen text. With the medical vocabulary lists (terms-vocab-*,
	// terms-anatomy-*), the v4 sets and the vocabulary as a cue of the
	// medical-advice-question rules, 0.75 gives 0.78 % with MeQSum recall
	// 0.911 (0.7 gives 0.98 %). (Before the lists: 0.75 gave 0.78 % with
	// MeQSum recall 0.898; with the lists alone, 0.75 gave 0.83 %, so 0.8
	// with recall 0.898.)
	flag.Float64Var(&p.threshold, "threshold", 0.75, "probability at and above which a message counts as clinical")
	flag.Parse()
	if p.threshold <= 0 || p.threshold >= 1 {
		fatal(fmt.Errorf("-threshold must be between 0 and 1"))
	}

	c, err := triage.Load(os.DirFS(*rulesDir))
	if err != nil {
		fatal(err)
	}
	switch p.anchor {
	case "free", "words", "pairs", "drop":
	default:
		fatal(fmt.Errorf("-anchor must be free, words, pairs or drop"))
	}
	p.isAnchor = c.ClinicalAnchor
	ruleWeights, err := readRuleWeights(*rulesDir)
	if err != nil {
		fatal(err)
	}
	var all []example
	devEx, err := readJSONL(*dev, true)
	if err != nil {
		fatal(err)
	}
	all = append(all, devEx...)
	files, _ := filepath.Glob(filepath.Join(*corpus, "*.jsonl"))
	sort.Strings(files)
	if len(files) == 0 {
		fatal(fmt.Errorf("no *.jsonl in %s", *corpus))
	}
	for _, f := range files {
		ex, err := readJSONL(f, false)
		if err != nil {
			fatal(err)
		}
		all = append(all, ex...)
	}
	var train []example
	for _, e := range all {
		if triage.InTestSplit(e.id) {
			continue
		}
		e.feats = triage.Features(e.text)
		ids, emergency := c.RuleEvidence(e.text)
		e.emergency = emergency
		for _, id := range ids {
			e.rules = append(e.rules, triage.RuleFeature(id))
			e.offset += ruleWeights[id]
		}
		train = append(train, e)
	}
	switch {
	case *pick:
		k := *cv
		if k == 0 {
			k = 5
		}
		pickSetting(train, k, p)
	case *emShow:
		emergencyReport(train)
	case *cv > 0:
		crossValidate(train, *cv, p, *cvShow)
	case *cross:
		crossDomain(train, p)
	default:
		m := fit(train, p)
		if err := writeModel(*out, m, p, train, *dev, *corpus); err != nil {
			fatal(err)
		}
		fmt.Fprintf(os.Stderr, "traintriage: %d training messages, %d features, bias %.3f → %s\n", len(train), len(m.weights), m.bias, *out)
	}
}

// readRuleWeights reads each triage rule's own weight, which the offset
// mode adds as it is.
func readRuleWeights(dir string) (map[string]float64, error) {
	files, err := filepath.Glob(filepath.Join(dir, "triage", "*.json"))
	if err != nil {
		return nil, err
	}
	out := map[string]float64{}
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			return nil, err
		}
		var r struct {
			ID     string
			Kind   string
			Weight float64
		}
		if err := json.Unmarshal(data, &r); err != nil {
			return nil, fmt.Errorf("%s: %v", f, err)
		}
		if r.Kind == "triage.rule" {
			out[r.ID] = r.Weight
		}
	}
	return out, nil
}

func fatal(err error) {
	fmt.Fprintln(os.Stderr, "traintriage:", err)
	os.Exit(1)
}

func readJSONL(name string, dev bool) ([]example, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var out []example
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 0, 64*1024), 4<<20)
	for n := 1; sc.Scan(); n++ {
		var r struct{ ID, Text, Label, Source string }
		if err := json.Unmarshal(sc.Bytes(), &r); err != nil || r.ID == "" || r.Label == "" {
			return nil, fmt.Errorf("%s:%d: need id, text and label", name, n)
		}
		out = append(out, example{id: r.ID, text: r.Text, source: r.Source, label: r.Label, clinical: r.Label != "personal", dev: dev})
	}
	return out, sc.Err()
}

type model struct {
	bias    float64
	weights map[string]float64
}

func (m *model) logit(e *example, useOffset bool) float64 {
	z := m.bias
	for _, f := range e.feats {
		z += m.weights[f]
	}
	for _, f := range e.rules {
		z += m.weights[f]
	}
	if useOffset {
		z += e.offset
	}
	return z
}

// fit runs plain stochastic gradient descent on the log loss with L2, in a
// fixed pseudo-random order, with classes weighted to count equally.
func fit(train []example, p params) *model {
	df := map[string]int{}
	for _, e := range train {
		for _, f := range e.feats {
			df[f]++
		}
		if p.ruleFeatures {
			for _, f := range e.rules {
				df[f] += p.minDF // a rule is kept however rarely it fires
			}
		}
	}
	index := map[string]int{}
	var names []string
	for f, n := range df {
		if n >= p.minDF && !(p.anchor == "drop" && !strings.Contains(f, " ") && p.isAnchor(f)) {
			names = append(names, f)
		}
	}
	sort.Strings(names)
	for i, f := range names {
		index[f] = i
	}
	ids := make([][]int, len(train))
	var pos, neg float64
	for i, e := range train {
		for _, f := range e.feats {
			if j, ok := index[f]; ok {
				ids[i] = append(ids[i], j)
			}
		}
		if p.ruleFeatures {
			for _, f := range e.rules {
				ids[i] = append(ids[i], index[f])
			}
		}
		if e.clinical {
			pos += weightOf(e, p)
		} else {
			neg += weightOf(e, p)
		}
	}
	cw := map[bool]float64{true: (pos + neg) / (2 * pos), false: (pos + neg) / (2 * neg)}
	w := make([]float64, len(names))
	l2 := make([]float64, len(names))
	nonneg := make([]bool, len(names))
	for j, f := range names {
		switch p.anchor {
		case "words":
			nonneg[j] = !strings.Contains(f, " ") && p.isAnchor(f)
		case "pairs":
			nonneg[j] = p.isAnchor(f)
		}
		l2[j] = p.l2
		if strings.HasPrefix(f, "rule:") {
			l2[j] = p.l2rules
		}
	}
	b := 0.0
	rng := rand.New(rand.NewPCG(1, 2))
	for epoch := 0; epoch < p.epochs; epoch++ {
		lr := p.lr / (1 + 0.2*float64(epoch))
		for _, i := range rng.Perm(len(train)) {
			e := &train[i]
			z := b
			for _, j := range ids[i] {
				z += w[j]
			}
			if p.offset {
				z += e.offset
			}
			y := 0.0
			if e.clinical {
				y = 1
			}
			g := (sigmoid(z) - y) * cw[e.clinical] * weightOf(*e, p)
			b -= lr * g
			for _, j := range ids[i] {
				w[j] -= lr * (g + l2[j]*w[j])
				if nonneg[j] && w[j] < 0 {
					w[j] = 0 // projected gradient: the constraint holds at every step
				}
			}
		}
	}
	m := &model{bias: round3(b), weights: map[string]float64{}}
	type fw struct {
		f string
		w float64
	}
	var kept []fw
	for j, f := range names {
		if math.Abs(w[j]) >= p.minWeight {
			kept = append(kept, fw{f, w[j]})
		}
	}
	sort.Slice(kept, func(i, j int) bool {
		if a, b := math.Abs(kept[i].w), math.Abs(kept[j].w); a != b {
			return a > b
		}
		return kept[i].f < kept[j].f
	})
	if len(kept) > p.maxFeats {
		kept = kept[:p.maxFeats]
	}
	for _, k := range kept {
		m.weights[k.f] = round3(k.w)
	}
	return m
}

func weightOf(e example, p params) float64 {
	if e.dev {
		return 1
	}
	return p.ownWeight
}

func sigmoid(x float64) float64 { return 1 / (1 + math.Exp(-x)) }

func round3(x float64) float64 { return math.Round(x*1000) / 1000 }

// predict mirrors Classifier.Classify's clinical decision.
func predict(m *model, e *example, p params) bool {
	if e.emergency {
		return true
	}
	return m.logit(e, p.offset) >= math.Log(p.threshold/(1-p.threshold))
}

type tally struct{ tp, fp, fn, tn int }

func (t *tally) add(truth, pred bool) {
	switch {
	case truth && pred:
		t.tp++
	case pred:
		t.fp++
	case truth:
		t.fn++
	default:
		t.tn++
	}
}

func (t tally) String() string {
	p := float64(t.tp) / math.Max(1, float64(t.tp+t.fp))
	r := float64(t.tp) / math.Max(1, float64(t.tp+t.fn))
	f1 := 2 * float64(t.tp) / math.Max(1, float64(2*t.tp+t.fp+t.fn))
	fpr := float64(t.fp) / math.Max(1, float64(t.fp+t.tn))
	return fmt.Sprintf("P %.3f R %.3f F1 %.3f FPR %.4f (fp %d fn %d)", p, r, f1, fpr, t.fp, t.fn)
}

func fold(id string, k int) int {
	h := fnv.New32a()
	io.WriteString(h, "cv:"+id)
	return int(h.Sum32() % uint32(k))
}

// splitFold returns the training split without fold f, and fold f.
func splitFold(train []example, k, f int) (tr, te []example) {
	for _, e := range train {
		if fold(e.id, k) == f {
			te = append(te, e)
		} else {
			tr = append(tr, e)
		}
	}
	return tr, te
}

func crossValidate(train []example, k int, base params, show bool) {
	type setting struct {
		name string
		p    params
	}
	var grid []setting
	for _, l2 := range []float64{1e-4, 1e-3, 1e-2} {
		for _, mindf := range []int{2, 3, 5} {
			for _, off := range []bool{true, false} {
				for _, own := range []float64{1, 2} {
					p := base
					p.l2, p.minDF, p.offset, p.ruleFeatures, p.ownWeight = l2, mindf, off, !off, own
					grid = append(grid, setting{fmt.Sprintf("l2=%g mindf=%d offset=%v own=%g", l2, mindf, off, own), p})
				}
			}
		}
	}
	if show {
		grid = []setting{{"flags", base}}
	}
	for _, s := range grid {
		var all tally
		thr := []float64{0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9}
		byThr := make([]tally, len(thr))
		bySource := map[string]*tally{}
		for f := 0; f < k; f++ {
			tr, te := splitFold(train, k, f)
			m := fit(tr, s.p)
			for i := range te {
				pred := predict(m, &te[i], s.p)
				all.add(te[i].clinical, pred)
				if show {
					p := sigmoid(m.logit(&te[i], s.p.offset))
					for k, t := range thr {
						byThr[k].add(te[i].clinical, te[i].emergency || p >= t)
					}
				}
				if show && pred != te[i].clinical {
					fmt.Printf("%s\t%s\t%.2f\t%.1f\t%q\n", te[i].source, te[i].label, sigmoid(m.logit(&te[i], s.p.offset)), te[i].offset, te[i].text)
				}
				if bySource[te[i].source] == nil {
					bySource[te[i].source] = &tally{}
				}
				bySource[te[i].source].add(te[i].clinical, pred)
			}
		}
		fmt.Printf("%-40s %s\n", s.name, all)
		if show {
			for k, t := range thr {
				fmt.Printf("    threshold %.1f  %s\n", t, byThr[k])
			}
		}
		for _, src := range sortedKeys(bySource) {
			fmt.Printf("    %-14s %s\n", src, bySource[src])
		}
	}
}

// emergencyReport prints, for the training split only, how the emergency
// rules do on their own: recall on messages labelled emergency, and how
// often they fire on the rest (false alarms), with the messages concerned.
func emergencyReport(train []example) {
	var hit, miss, alarms, others int
	for _, e := range train {
		switch {
		case e.label == "emergency" && e.emergency:
			hit++
		case e.label == "emergency":
			miss++
			fmt.Printf("missed\t%s\t%q\n", e.source, e.text)
		case e.emergency:
			alarms++
			others++
			fmt.Printf("alarm\t%s\t%s\t%q\n", e.source, e.label, e.text)
		default:
			others++
		}
	}
	fmt.Printf("emergency rules on the training split: recall %d/%d = %.3f; fire on %d of %d other messages\n",
		hit, hit+miss, float64(hit)/math.Max(1, float64(hit+miss)), alarms, others)
}

func crossDomain(train []example, p params) {
	var dev, own []example
	for _, e := range train {
		if e.dev {
			dev = append(dev, e)
		} else {
			own = append(own, e)
		}
	}
	for _, dir := range []struct {
		name   string
		tr, te []example
	}{{"train dev corpus → score own corpus", dev, own}, {"train own corpus → score dev corpus", own, dev}} {
		m := fit(dir.tr, p)
		var t tally
		bySource := map[string]*tally{}
		for i := range dir.te {
			pred := predict(m, &dir.te[i], p)
			t.add(dir.te[i].clinical, pred)
			if bySource[dir.te[i].source] == nil {
				bySource[dir.te[i].source] = &tally{}
			}
			bySource[dir.te[i].source].add(dir.te[i].clinical, pred)
		}
		fmt.Printf("%s: %s\n", dir.name, t)
		for _, src := range sortedKeys(bySource) {
			fmt.Printf("    %-14s %s\n", src, bySource[src])
		}
	}
}

func sortedKeys(m map[string]*tally) []string {
	var ks []string
	for k := range m {
		ks = append(ks, k)
	}
	sort.Strings(ks)
	return ks
}

// writeModel writes the triage.model rule in canonical form (two-space
// indent, one trailing newline), header first and weights sorted by name.
func writeModel(name string, m *model, p params, train []example, dev, corpus string) error {
	nDev, nOwn := 0, 0
	for _, e := range train {
		if e.dev {
			nDev++
		} else {
			nOwn++
		}
	}
	type training struct {
		Method   string   `json:"method"`
		Data     []string `json:"data"`
		Messages int      `json:"messages"`
		Split    string   `json:"split"`
		Settings string   `json:"settings"`
		Sources  []string `json:"sources"`
	}
	doc := struct {
		ID          string             `json:"id"`
		Kind        string             `json:"kind"`
		Since       string             `json:"since"`
		Severity    string             `json:"severity"`
		Message     string             `json:"message"`
		Explanation string             `json:"explanation"`
		Bias        float64            `json:"bias"`
		Threshold   float64            `json:"threshold"`
		Training    training           `json:"training"`
		Weights     map[string]float64 `json:"weights"`
	}{
		ID: "triage-model", Kind: "triage.model", Since: "0.1.0", Severity: "info",
		Message:     "The message reads like a clinical message rather than personal chat.",
		Explanation: "A linear model over the message's words and word pairs, fitted to labelled clinical and personal messages on top of the triage rules. Its strongest words are shown with each verdict.",
		Bias:        m.bias,
		Threshold:   p.threshold,
		Training: training{
			Method:   "logistic regression, stochastic gradient descent, classes weighted equally, rule log-odds as a fixed offset",
			Data:     []string{filepath.ToSlash(filepath.Base(dev)) + fmt.Sprintf(" (%d messages)", nDev), filepath.ToSlash(corpus) + fmt.Sprintf(" (%d messages)", nOwn)},
			Messages: len(train),
			Split:    "training part only: FNV-1a(id) mod 5 != 0",
			Settings: fmt.Sprintf("epochs=%d lr=%g l2=%g mindf=%d minweight=%g maxfeats=%d offset=%v ownweight=%g threshold=%g anchor=%s", p.epochs, p.lr, p.l2, p.minDF, p.minWeight, p.maxFeats, p.offset, p.ownWeight, p.threshold, p.anchor),
			Sources: []string{
				"MeQSum: Ben Abacha and Demner-Fushman, ACL 2019, CC BY 4.0",
				"SMS Spam Collection (ham): Almeida, Gómez Hidalgo and Yamakami, 2011, CC BY 4.0",
				"Boundary's own labelled messages, wasm/triage/testdata/corpus",
			},
		},
		Weights: m.weights,
	}
	var b strings.Builder
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(doc); err != nil {
		return err
	}
	return os.WriteFile(name, []byte(b.String()), 0o644)
}

// shortfall measures how far a CV result is from meeting both targets of the
// issue (clinical-vs-personal F1 >= 0.95, false positives on personal chat
// <= 1 %), each in units of its own slack: 0.05 of F1, one point of FPR. The
// rule was fixed before the grid was run: the setting with the smallest
// shortfall wins, ties going to the higher F1.
func shortfall(t tally) float64 {
	f1 := 2 * float64(t.tp) / math.Max(1, float64(2*t.tp+t.fp+t.fn))
	fpr := float64(t.fp) / math.Max(1, float64(t.fp+t.tn))
	return math.Max(0, 0.95-f1)/0.05 + math.Max(0, fpr-0.01)/0.01
}

// pickSetting runs k-fold CV on the training split over a small grid of
// regularisation settings and thresholds and prints each with its shortfall.
func pickSetting(train []example, k int, base params) {
	type result struct {
		name string
		thr  float64
		t    tally
	}
	var best *result
	for _, l2 := range []float64{3e-4, 1e-3, 3e-3} {
		for _, mindf := range []int{2, 3} {
			for _, own := range []float64{1, 2} {
				p := base
				p.l2, p.minDF, p.ownWeight = l2, mindf, own
				var thrs []float64
				for t := 0.5; t < 0.96; t += 0.05 {
					thrs = append(thrs, math.Round(t*100)/100)
				}
				byThr := make([]tally, len(thrs))
				for f := 0; f < k; f++ {
					tr, te := splitFold(train, k, f)
					m := fit(tr, p)
					for i := range te {
						pr := sigmoid(m.logit(&te[i], p.offset))
						for ti, t := range thrs {
							byThr[ti].add(te[i].clinical, te[i].emergency || pr >= t)
						}
					}
				}
				name := fmt.Sprintf("l2=%g mindf=%d own=%g", l2, mindf, own)
				for ti, t := range thrs {
					r := result{name, t, byThr[ti]}
					fmt.Printf("%-28s threshold %.2f  %s  shortfall %.3f\n", name, t, r.t, shortfall(r.t))
					if best == nil || shortfall(r.t) < shortfall(best.t) ||
						shortfall(r.t) == shortfall(best.t) && r.t.tp*2*(best.t.tp*2+best.t.fp+best.t.fn) > best.t.tp*2*(r.t.tp*2+r.t.fp+r.t.fn) {
						rr := r
						best = &rr
					}
				}
			}
		}
	}
	fmt.Printf("chosen: %s threshold %.2f  %s  shortfall %.3f\n", best.name, best.thr, best.t, shortfall(best.t))
}
