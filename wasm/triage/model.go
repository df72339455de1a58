package triage

import (
	"math"
	"sort"
	"strings"

	"github.com/boundaryhq/boundary/wasm/rulepack"
	"github.com/boundaryhq/boundary/wasm/why"
	"github.com/tidwall/gjson"
)

// A triage.model file holds a linear model over the message's folded words
// and word pairs:
//
//	bias       log-odds of clinical for a message with no known feature
//	threshold  probability at and above which a message counts as clinical
//	weights    {"feature": weight, ...}; a feature is a word ("rash"), two
//	           neighbouring words in one sentence ("my rash", also the asking
//	           pairs of stopwords such as "can you"), a medical word ending
//	           ("-itis") or stem ("~neur"), a cue ("cue:question", "cue:asks
//	           nothing") or a rule that fired ("rule:<id>")
//	training   how the weights were made (read by people, not by code)
//
// scripts/train-triage regenerates it.
type model struct {
	id        string
	bias      float64
	threshold float64
	weights   map[string]float64
}

func compileModel(r *rulepack.Rule) (*model, rulepack.Problems) {
	var ps rulepack.Problems
	bad := func(msg string) { ps = append(ps, rulepack.Problem{Path: r.Path, Msg: msg}) }
	m := &model{id: r.ID, threshold: 0.5, weights: map[string]float64{}}
	b := r.Raw.Get("bias")
	if b.Type != gjson.Number {
		bad("bias must be a number")
	}
	m.bias = b.Float()
	if t := r.Raw.Get("threshold"); t.Exists() {
		if t.Type != gjson.Number || t.Float() <= 0 || t.Float() >= 1 {
			bad("threshold must be a number between 0 and 1")
		}
		m.threshold = t.Float()
	}
	w := r.Raw.Get("weights")
	if !w.IsObject() {
		bad("weights must be an object of feature: weight")
		return m, ps
	}
	w.ForEach(func(k, v gjson.Result) bool {
		if v.Type != gjson.Number {
			bad("weight of " + quote(k.Str) + " must be a number")
			return true
		}
		m.weights[k.Str] = v.Float()
		return true
	})
	return m, ps
}

// Features lists the model features of a text, each once, in text order:
// words that are not stopwords, and pairs of neighbouring words in one
// sentence unless both are stopwords. The trainer uses it so that training
// and classification read text alike.
func Features(text string) []string { return features(tokenize(text)) }

func features(toks []token) []string {
	out := make([]string, 0, 2*len(toks))
	seen := make(map[string]bool, 2*len(toks))
	add := func(f string) {
		if !seen[f] {
			seen[f] = true
			out = append(out, f)
		}
	}
	prev := ""
	question, ask := false, false
	for _, t := range toks {
		question = question || t.q
		ask = ask || requestWords[t.w]
		w := featureWord(t.w)
		if t.brk {
			prev = ""
		}
		stop := stopwords[w]
		if !stop {
			add(w)
			if sfx := medicalSuffix(w); sfx != "" {
				add(sfx)
			}
			if root := medicalRoot(w); root != "" {
				add(root)
			}
		}
		if prev != "" && (!(stop && stopwords[prev]) || askPairs[prev+" "+w]) {
			add(prev + " " + w)
			ask = ask || askPairs[prev+" "+w]
		}
		prev = w
	}
	if question {
		add(questionFeature)
	}
	if !question && !ask {
		add(noRequestFeature)
	}
	return out
}

// noRequestFeature stands for a message that asks nothing: no question mark,
// no ask pair and no word of asking ("advice", "please", "bitte"). News told
// to a friend ("Papa's op went well") reads like that; a message to a
// clinician seldom does.
const noRequestFeature = "cue:asks nothing"

var requestWords = setOf(`
please pls plz advice advise help recommend wondering wonder question questions need needs know tell explain
bitte rat helfen hilfe empfehlen frage fragen brauche wissen erklaeren
`)

// questionFeature stands for a question mark anywhere in the message: people
// ask a clinician; they tell a friend.
const questionFeature = "cue:question"

// askPairs are pairs of stopwords kept as features although both words are
// stopwords: they are how people ask someone for something or ask about
// themselves ("can you", "should i", "is it"), which sets a request to a
// clinician apart from news told to a friend.
var askPairs = pairsOf(`
can_you could_you would_you do_you can_u could_u do_u will_you have_you are_you
should_i can_i do_i must_i is_it is_this is_that will_it would_it could_it should_it
how_long how_much how_many what_should when_can when_should why_is why_do
koennen_sie koennten_sie haben_sie sind_sie kann_ich sollte_ich soll_ich muss_ich darf_ich
ist_das ist_es wie_lange wie_viel was_soll kannst_du hast_du
`)

// pairsOf reads a set of word pairs written with "_" between the words.
func pairsOf(pairs string) map[string]bool {
	m := map[string]bool{}
	for p := range setOf(pairs) {
		m[strings.ReplaceAll(p, "_", " ")] = true
	}
	return m
}

// featureWord maps every number to one feature: phone numbers, prices and
// times say little about who is writing, and the corpora differ in how they
// mask them.
func featureWord(w string) string {
	for i := 0; i < len(w); i++ {
		if w[i] < '0' || w[i] > '9' {
			return w
		}
	}
	return "#"
}

type contribution struct {
	feature string
	weight  float64
}

// score returns the model's log-odds for the word features and the
// contributions that pushed hardest in the direction of the verdict, which is
// decided by the log-odds plus offset (the rules' share). extra are
// contributions already counted in the offset (word lists) that may be named.
func (m *model) score(fs []string, extra []contribution, offset float64, top int) (float64, []contribution) {
	logit := m.bias
	var cs []contribution
	for _, f := range fs {
		if w, ok := m.weights[f]; ok {
			logit += w
			cs = append(cs, contribution{f, w})
		}
	}
	cs = append(cs, extra...)
	sign := 1.0
	if logit+offset < logit2(m.threshold) {
		sign = -1
	}
	sort.SliceStable(cs, func(i, j int) bool { return cs[i].weight*sign > cs[j].weight*sign })
	n := 0
	for n < len(cs) && n < top && cs[n].weight*sign > 0 {
		n++
	}
	return logit, cs[:n]
}

func sigmoid(x float64) float64 { return 1 / (1 + math.Exp(-x)) }

// logit2 is the inverse of sigmoid.
func logit2(p float64) float64 { return math.Log(p / (1 - p)) }

// describeContributions is the model's reason: its probability and the
// features that pushed it most.
func describeContributions(p float64, cs []contribution) why.Reason {
	if len(cs) == 0 {
		return why.New("why_model", ftoa(p, 2))
	}
	var b strings.Builder
	for i, c := range cs {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString("\"")
		b.WriteString(c.feature)
		b.WriteString("\" ")
		if c.weight >= 0 {
			b.WriteByte('+')
		}
		b.WriteString(ftoa(c.weight, 2))
	}
	return why.New("why_model_top", ftoa(p, 2), b.String())
}

// suffixes are word endings of medical Latin and Greek and of drug names.
// They let the model recognise a rare term it never saw in training
// ("diverticulosis", "esomeprazole") by its family.
var suffixes = []string{
	"itis", "osis", "oses", "emia", "aemia", "ectomy", "otomy", "ostomy", "plasty", "scopy", "ology", "ologist", "pathy",
	"algia", "oma", "omas", "ism", "trophy", "plegia", "penia", "uria", "rrhea", "rrhoea", "cele", "genic",
	"mycin", "cillin", "cycline", "floxacin", "pril", "sartan", "olol", "dipine", "statin", "azole", "prazole", "tidine",
	"mab", "nib", "parin", "pam", "lam", "oxetine", "triptyline", "tropin", "sone", "olone", "ide", "ine", "ol",
	"ose", "itis", "om", "ie", "ika", "ikum",
}

// medicalSuffix returns the feature for w's medical ending, or "". Short
// words are left alone: "ide" would otherwise match "side".
func medicalSuffix(w string) string {
	if len(w) < 7 {
		return ""
	}
	for _, s := range suffixes {
		if len(w) > len(s)+3 && w[len(w)-len(s):] == s {
			return "-" + s
		}
	}
	return ""
}

// roots are Greek and Latin stems of medical words in English and German.
// Like the suffixes, they let the model place a word it never saw in training
// ("neurosyphilis", "Schilddrüsenunterfunktion") in its family.
var roots = []string{
	"cardi", "kardi", "neur", "derm", "gastr", "hepat", "nephr", "oste", "arthr", "syph", "leuk", "lymph",
	"myel", "carcin", "onco", "pulmon", "thyr", "gluc", "insulin", "hormon", "infect", "infekt", "bacter", "bakter",
	"fung", "allerg", "immun", "vacc", "impf", "cyst", "zyst", "tumo", "prostat", "ovar", "uter", "menstr",
	"pregn", "schwanger", "diabet", "chole", "hypert", "hypo", "therap", "medic", "medik", "symptom", "syndrom",
	"diagnos", "surg", "operat", "inflam", "entzuend", "schmerz", "tablett", "antibio", "steroid", "biops",
	"scan", "sympt", "chemo", "psych", "ortho", "urin", "vagin", "penis", "rektal", "rectal", "colon", "kolon",
}

// rootsByStart indexes roots by their first two letters, so that a word is
// checked by looking up each of its letter pairs instead of by trying every
// root.
var rootsByStart = func() map[string][]int {
	m := map[string][]int{}
	for i, r := range roots {
		m[r[:2]] = append(m[r[:2]], i)
	}
	return m
}()

// medicalRoot returns the feature for the first medical stem (in the order
// of roots) inside w, or "". Short words are left alone: "scan" as a word is
// its own feature already.
func medicalRoot(w string) string {
	if len(w) < 7 {
		return ""
	}
	best := len(roots)
	for i := 0; i+2 <= len(w); i++ {
		for _, k := range rootsByStart[w[i:i+2]] {
			if k < best && strings.HasPrefix(w[i:], roots[k]) {
				best = k
			}
		}
	}
	if best == len(roots) {
		return ""
	}
	return "~" + roots[best]
}
