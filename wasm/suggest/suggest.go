// Package suggest decides which boundary replies the in-page panel offers
// for a flagged friend request or message, best first, and fills them in
// from the clinic profile (the clinic's policy profile wins over the
// user's). It also finds patient-list names in free text for the
// confidentiality draft check. The templates, their filling and the
// checks themselves live in wasm/replies and wasm/drafts; this package only
// chooses and orders.
//
// A suggestion is either ready to insert (Text is set) or tells the panel
// which values it needs (Missing, OneOf); the panel then asks for them and
// calls again with Item.Vars. No text with an unfilled {placeholder} ever
// leaves this package.
package suggest

import (
	"errors"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/boundaryhq/boundary/wasm/clinic"
	"github.com/boundaryhq/boundary/wasm/jsonw"
	"github.com/boundaryhq/boundary/wasm/replies"
	"github.com/tidwall/gjson"
)

// Item is what the panel knows about the thing being replied to.
type Item struct {
	// Kind is "friend_request", "thread", "message", "post", "comment" or
	// "review".
	Kind string
	// Category is the triage label of a message: medical_question,
	// appointment_admin, emergency, complaint, sensitive_info, personal.
	Category string
	// Verdict is "patient", "unknown" or "non_client".
	Verdict string
	// Situation, when set, is offered first whatever the rest says.
	Situation string
	// Name is the display name of the person, as the page shows it.
	Name string
	// Lang is the reply language the user picked; "" means the profile's.
	Lang string
	// Vars are values the user typed into the panel for this one reply.
	Vars map[string]string
}

// ParseItem reads the item JSON the panel sends. Unknown fields are
// ignored: items come from different adapters.
func ParseItem(data []byte) (Item, error) {
	if len(strings.TrimSpace(string(data))) == 0 {
		return Item{}, nil
	}
	if !gjson.ValidBytes(data) {
		return Item{}, errors.New("item is not valid JSON")
	}
	v := gjson.ParseBytes(data)
	if !v.IsObject() {
		return Item{}, errors.New("item must be a JSON object")
	}
	it := Item{
		Kind:      v.Get("kind").Str,
		Category:  first(v, "category", "label", "triage.category", "triage.label"),
		Verdict:   v.Get("verdict").Str,
		Situation: v.Get("situation").Str,
		Name:      v.Get("name").Str,
		Lang:      v.Get("lang").Str,
	}
	v.Get("vars").ForEach(func(k, val gjson.Result) bool {
		if s := strings.TrimSpace(val.Str); s != "" && len(s) <= 500 {
			if it.Vars == nil {
				it.Vars = map[string]string{}
			}
			it.Vars[k.Str] = s
		}
		return true
	})
	return it, nil
}

func first(v gjson.Result, paths ...string) string {
	for _, p := range paths {
		if s := v.Get(p).Str; s != "" {
			return s
		}
	}
	return ""
}

// Situations returns the situation ids to offer for it, best first,
// followed by every other situation of the library, so the user can always
// pick another. now decides between the in-hours and after-hours replies.
func Situations(lib *replies.Library, it Item, p *clinic.Profile, now time.Time) []string {
	var best []string
	add := func(ids ...string) { best = append(best, ids...) }
	if it.Situation != "" {
		add(it.Situation)
	}
	switch it.Kind {
	case "friend_request":
		add("decline_friend_request")
	case "post", "comment", "review":
		add("review_or_post_reply")
	}
	// A conversation whose subject is not known yet: a health question is
	// what a clinician most often has to turn away.
	conversation := it.Kind != "friend_request" && it.Kind != "post" && it.Kind != "comment" && it.Kind != "review"
	if conversation && it.Category == "" {
		it.Category = "medical_question"
	}
	closed := Closed(p, now)
	switch it.Category {
	case "emergency":
		add("emergency")
	case "medical_question":
		if it.Verdict == "non_client" {
			add("non_client_question")
		}
		if closed {
			add("after_hours")
		}
		add("redirect_medical_question")
		if it.Verdict != "patient" {
			add("non_client_question")
		}
	case "appointment_admin":
		add("appointment_admin")
		if closed {
			add("after_hours")
		}
	case "complaint":
		add("complaint")
	case "sensitive_info":
		add("sensitive_info")
	case "non_client_question":
		add("non_client_question")
	}
	var out []string
	seen := map[string]bool{}
	known := map[string]bool{}
	for _, s := range lib.Situations() {
		known[s.ID] = true
	}
	for _, id := range best {
		if known[id] && !seen[id] {
			seen[id] = true
			out = append(out, id)
		}
	}
	for _, s := range lib.Situations() {
		// In a conversation there is no friend request to decline.
		if !seen[s.ID] && !(conversation && s.ID == "decline_friend_request") {
			seen[s.ID] = true
			out = append(out, s.ID)
		}
	}
	if conversation && !seen["decline_friend_request"] {
		out = append(out, "decline_friend_request")
	}
	return out
}

// Closed reports whether the practice is shut at now: outside its hours
// (the default weekday hours when none are set), or the clinician is away.
func Closed(p *clinic.Profile, now time.Time) bool {
	if p.AwayOn(now) != nil {
		return true
	}
	h := p.Hours
	if h == nil {
		h = clinic.Default()
	}
	return !h.Open(now)
}

// Suggestion is one reply the panel offers.
type Suggestion struct {
	Template  string
	Situation string
	Title     string // the situation's name in the reply's language
	About     string // what the template is for
	Lang      string
	Text      string   // empty when the template still needs values
	Missing   []string // values the template needs, each one
	OneOf     []string // values of which it needs at least one
	Defaulted []string // values taken from the country, to confirm
	Guidance  []string
	Best      bool // the first ready reply of the best situation
}

// Profile states.
const (
	ProfileOK      = "ok"
	ProfileNone    = "none"
	ProfileInvalid = "invalid"
)

// Result is what the panel draws.
type Result struct {
	ProfileState  string // ProfileOK, ProfileNone or ProfileInvalid
	ProfileSource string // "policy" or "local" or ""
	ProfileErrors []string
	Suggestions   []Suggestion
	Problems      []string // overrides or policy templates that were skipped
}

// Inputs are the stored settings, as the extension keeps them.
type Inputs struct {
	Profile   []byte // clinicProfile: a profile JSON text, or empty
	Overrides []byte // replyOverrides, or empty
	Policy    []byte // clinicPolicy ({pack:{…}}) or the pack itself, or empty
}

// Suggest builds the panel's list for it.
func Suggest(base *replies.Library, it Item, in Inputs, now time.Time) Result {
	var res Result
	lib, probs := Library(base, in.Policy, in.Overrides)
	res.Problems = probs

	p, src, state, errs := Profile(in.Profile, in.Policy)
	res.ProfileState, res.ProfileSource, res.ProfileErrors = state, src, errs
	q := withVars(p, it.Vars)

	lang := it.Lang
	if lang == "" {
		lang = q.Lang()
	}
	if !hasString(lib.Languages(), lang) {
		lang = "en"
	}
	fn := FirstName(it.Name)
	if v := it.Vars["first_name"]; v != "" {
		fn = v
	}
	labels := map[string]string{}
	for _, s := range lib.Situations() {
		labels[s.ID] = s.Label(lang)
	}
	// The best situation is the first that has any template for this
	// profession and language: without a profile, the profession-specific
	// ones drop out.
	gotBest, bestSit := false, ""
	for _, sit := range Situations(lib, it, q, now) {
		ready := lib.Suggest(sit, q, lang)
		var blocked []*replies.MissingError
		if bestSit == "" {
			blocked = lib.Blocked(sit, q, lang)
			if len(ready)+len(blocked) > 0 {
				bestSit = sit
			}
		}
		for _, s := range ready {
			text := s.Text
			if fn != "" {
				if t, err := lib.Render(s.TemplateID, q, map[string]string{"first_name": fn}); err == nil {
					text = t
				}
			}
			if HasPlaceholder(text) {
				continue
			}
			sg := Suggestion{
				Template: s.TemplateID, Situation: sit, Title: labels[sit], Lang: s.Lang, Text: text,
				Defaulted: s.Defaulted, Guidance: s.Guidance,
			}
			if t := lib.Template(s.TemplateID); t != nil {
				sg.About = t.Message
			}
			if sit == bestSit && !gotBest {
				sg.Best, gotBest = true, true
			}
			res.Suggestions = append(res.Suggestions, sg)
		}
		// Templates the profile cannot fill are offered only for the best
		// situation, where the panel asks for what they need.
		for _, m := range blocked {
			sg := Suggestion{Template: m.Template, Situation: sit, Title: labels[sit], Lang: lang, Missing: m.Fields, OneOf: m.OneOf}
			if t := lib.Template(m.Template); t != nil {
				sg.About, sg.Lang = t.Message, t.Lang
			}
			res.Suggestions = append(res.Suggestions, sg)
		}
	}
	return res
}

// placeholderVars are the profile values a user may type into the panel.
var placeholderVars = map[string]func(p *clinic.Profile, v string){
	"clinic_name":       func(p *clinic.Profile, v string) { p.ClinicName = v },
	"phone":             func(p *clinic.Profile, v string) { p.Phone = v },
	"email":             func(p *clinic.Profile, v string) { p.Email = v },
	"portal_url":        func(p *clinic.Profile, v string) { p.PortalURL = v },
	"business_page_url": func(p *clinic.Profile, v string) { p.BusinessPageURL = v },
	"out_of_hours":      func(p *clinic.Profile, v string) { p.OutOfHours = v },
	"emergency_number":  func(p *clinic.Profile, v string) { p.EmergencyNumber = v },
	"crisis_line":       func(p *clinic.Profile, v string) { p.CrisisLine = v },
	"complaints_url":    func(p *clinic.Profile, v string) { p.ComplaintsURL = v },
	"sign_off":          func(p *clinic.Profile, v string) { p.SignOff = v },
}

// withVars returns a copy of p with the panel's one-off values set.
func withVars(p *clinic.Profile, vars map[string]string) *clinic.Profile {
	q := *p
	for k, v := range vars {
		if set := placeholderVars[k]; set != nil {
			set(&q, v)
		}
	}
	return &q
}

// Profile picks the profile: the clinic policy's when it has one, else the
// user's own. A profile with field errors is still used (what it says
// validly is better than nothing) and the errors are reported.
func Profile(local, policy []byte) (p *clinic.Profile, source, state string, errs []string) {
	raw := local
	source = "local"
	if pk := pack(policy); pk.Get("profile").IsObject() {
		raw, source = []byte(pk.Get("profile").Raw), "policy"
	}
	if len(strings.TrimSpace(string(raw))) == 0 {
		return &clinic.Profile{}, "", ProfileNone, nil
	}
	// The extension stores the profile as a JSON string; a string holding
	// JSON is unwrapped once.
	if v := gjson.ParseBytes(raw); v.Type == gjson.String {
		raw = []byte(v.Str)
	}
	prof, fe := clinic.ParseProfile(raw)
	for _, e := range fe {
		errs = append(errs, e.Error())
	}
	if prof == nil {
		return &clinic.Profile{}, source, ProfileInvalid, errs
	}
	if len(fe) > 0 {
		return prof, source, ProfileInvalid, errs
	}
	return prof, source, ProfileOK, nil
}

func pack(policy []byte) gjson.Result {
	if len(policy) == 0 || !gjson.ValidBytes(policy) {
		return gjson.Result{}
	}
	v := gjson.ParseBytes(policy)
	if pk := v.Get("pack"); pk.IsObject() {
		return pk
	}
	return v
}

// Library applies the clinic policy (templates and locks) and then the
// user's overrides to base. What cannot be applied is reported and left
// out; the rest applies.
func Library(base *replies.Library, policy, overrides []byte) (*replies.Library, []string) {
	lib := base
	var probs []string
	if pk := pack(policy); pk.IsObject() {
		var w jsonw.Writer
		w.BeginObject().Key("lock").BeginArray()
		for _, key := range []string{"locked", "lock"} {
			for _, id := range pk.Get(key).Array() {
				if id.Type == gjson.String {
					w.String_(id.Str)
				}
			}
		}
		w.EndArray()
		if t := pk.Get("templates"); t.IsArray() {
			w.Key("templates").Raw([]byte(t.Raw))
		}
		w.EndObject()
		n, err := replies.ApplyPolicy(lib, w.Bytes())
		lib = n
		if err != nil {
			probs = append(probs, "clinic policy: "+err.Error())
		}
	}
	if s := strings.TrimSpace(string(overrides)); s != "" {
		raw := []byte(s)
		if v := gjson.ParseBytes(raw); v.Type == gjson.String {
			raw = []byte(v.Str)
		}
		n, err := replies.ApplyOverrides(lib, raw)
		lib = n
		if err != nil {
			probs = append(probs, "your templates: "+err.Error())
		}
	}
	return lib, probs
}

// HasPlaceholder reports whether text still holds a {variable}.
func HasPlaceholder(text string) bool {
	for i := strings.IndexByte(text, '{'); i >= 0; {
		j := strings.IndexByte(text[i:], '}')
		if j < 0 {
			return false
		}
		if isVarName(text[i+1 : i+j]) {
			return true
		}
		k := strings.IndexByte(text[i+1:], '{')
		if k < 0 {
			return false
		}
		i += 1 + k
	}
	return false
}

func isVarName(s string) bool {
	if s == "" {
		return false
	}
	for _, r := range s {
		if !(r >= 'a' && r <= 'z' || r == '_' || r >= '0' && r <= '9') {
			return false
		}
	}
	return true
}

// titles are words before a first name that are not the first name.
var titles = map[string]bool{
	"dr": true, "mr": true, "mrs": true, "ms": true, "miss": true, "mx": true, "prof": true,
	"frau": true, "herr": true, "sir": true, "dame": true, "rev": true,
}

// FirstName is the given name to greet someone by, from a display name, or
// "" when the name does not look like one (markup, digits, bidi tricks):
// then the reply says "Hello," instead. It takes the first word made only
// of letters, after titles, and tames ALL CAPS.
func FirstName(display string) string {
	for _, r := range display {
		// Right-to-left overrides and similar controls make the name read
		// differently from what it is; greet neutrally.
		if r >= 0x202A && r <= 0x202E || r >= 0x2066 && r <= 0x2069 {
			return ""
		}
	}
	var words []string
	for _, w := range strings.Fields(display) {
		w = strings.Map(func(r rune) rune {
			if unicode.Is(unicode.Cf, r) {
				return -1
			}
			return r
		}, w)
		w = strings.TrimRight(w, ".,")
		if w != "" {
			words = append(words, w)
		}
	}
	for _, w := range words {
		if titles[strings.ToLower(w)] {
			continue
		}
		if !onlyLetters(w) {
			if !hasLetter(w) {
				continue // an emoji or a sparkle around the name
			}
			return "" // markup or other noise: do not guess
		}
		if utf8.RuneCountInString(w) < 2 {
			return ""
		}
		if strings.ToUpper(w) == w {
			r, n := utf8.DecodeRuneInString(w)
			w = string(r) + strings.ToLower(w[n:])
		}
		return w
	}
	return ""
}

func onlyLetters(w string) bool {
	for _, r := range w {
		if !unicode.IsLetter(r) && !unicode.Is(unicode.Mn, r) && r != '-' && r != '\'' && r != '’' {
			return false
		}
	}
	return true
}

func hasLetter(w string) bool {
	for _, r := range w {
		if unicode.IsLetter(r) {
			return true
		}
	}
	return false
}

func hasString(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}

// Encode writes r as the JSON the panel reads.
func Encode(r Result) []byte {
	var w jsonw.Writer
	w.BeginObject().
		Key("profile").BeginObject().FieldString("state", r.ProfileState).FieldString("source", r.ProfileSource).
		FieldStrings("errors", nonNil(r.ProfileErrors)).EndObject().
		FieldStrings("problems", nonNil(r.Problems)).
		Key("suggestions").BeginArray()
	for _, s := range r.Suggestions {
		w.BeginObject().
			FieldString("template", s.Template).FieldString("situation", s.Situation).
			FieldString("title", s.Title).FieldString("about", s.About).FieldString("lang", s.Lang).
			FieldString("text", s.Text).FieldStrings("missing", nonNil(s.Missing)).FieldStrings("one_of", nonNil(s.OneOf)).
			FieldStrings("defaulted", nonNil(s.Defaulted)).FieldStrings("guidance", nonNil(s.Guidance)).
			FieldBool("best", s.Best).
			EndObject()
	}
	return w.EndArray().EndObject().Bytes()
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}
