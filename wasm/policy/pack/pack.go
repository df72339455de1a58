// Package pack reads and validates a clinic policy pack: the one document a
// clinic's admin publishes for the whole team. The policy server checks it
// before storing it and the extension checks it again before using it, with
// this same code, so a pack the server accepted is a pack the extension
// accepts.
//
// A pack is a rule file of kind clinic.policy (the rulepack header, without
// examples) with these fields of its own:
//
//	profile        the clinic profile (wasm/clinic): channels, hours in the
//	               clinic's time zone, emergency and out-of-hours numbers
//	templates      reply.template rules the clinic adds or replaces
//	locked         ids of templates team members may not edit locally
//	min_version    the oldest extension version the pack is written for
//	autoresponder  false switches the Messenger after-hours reply off
//
// Templates the pack adds are locked too, because the clinic wrote them.
//
// The package stays small enough for the browser core: gjson to read,
// jsonw to write, no encoding/json or fmt.
package pack

import (
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/boundaryhq/boundary/rules"
	"github.com/boundaryhq/boundary/wasm/clinic"
	"github.com/boundaryhq/boundary/wasm/jsonw"
	"github.com/boundaryhq/boundary/wasm/replies"
	"github.com/boundaryhq/boundary/wasm/rulepack"
	"github.com/tidwall/gjson"
)

// Kind is the rulepack kind of a policy pack.
const Kind = "clinic.policy"

// MaxSize is the largest pack accepted, in bytes. A real pack (a profile and
// a few dozen templates in two languages) is under 64 KiB.
const MaxSize = 256 << 10

// Pack is a validated policy pack.
type Pack struct {
	ID         string
	MinVersion string
	// Profile is the clinic's profile; nil when the pack sets none.
	Profile *clinic.Profile
	// Locked lists the ids of every template team members may not edit:
	// those named in "locked" and those the pack adds.
	Locked        []string
	Autoresponder bool

	policy []byte // {"lock": […], "templates": […]} for replies.ApplyPolicy
}

var fields = []string{
	"id", "kind", "since", "severity", "message", "explanation", "guidance", "examples",
	"profile", "templates", "locked", "min_version", "autoresponder",
}

// haveZones reports whether this runtime can load IANA time zones.
var haveZones = sync.OnceValue(func() bool {
	_, err := time.LoadLocation("Europe/London")
	return err == nil
})

var builtin = sync.OnceValues(func() (*replies.Library, error) { return replies.Load(rules.FS) })

// Validate reads a pack and returns it, or every problem found, each as
// "field: what is wrong" for the admin to fix.
func Validate(data []byte) (*Pack, []string) {
	var probs []string
	bad := func(field, msg string) { probs = append(probs, field+": "+msg) }
	if len(data) > MaxSize {
		return nil, []string{"pack: larger than " + strconv.Itoa(MaxSize>>10) + " KiB"}
	}
	r, ps := rulepack.Parse("", data)
	for _, p := range ps {
		probs = append(probs, "pack: "+p.Msg)
	}
	if r == nil {
		return nil, probs
	}
	if r.Kind != Kind {
		bad("kind", "must be "+strconv.Quote(Kind))
	}
	v := r.Raw
	v.ForEach(func(k, _ gjson.Result) bool {
		if !has(fields, k.Str) {
			bad(k.Str, "unknown field")
		}
		return true
	})
	p := &Pack{ID: r.ID, Autoresponder: true}
	if mv := v.Get("min_version"); mv.Exists() {
		if mv.Type != gjson.String || !validVersion(mv.Str) {
			bad("min_version", "must be a version like 0.1.0")
		} else {
			p.MinVersion = mv.Str
		}
	}
	if ar := v.Get("autoresponder"); ar.Exists() {
		if ar.Type != gjson.True && ar.Type != gjson.False {
			bad("autoresponder", "must be true or false")
		} else {
			p.Autoresponder = ar.Bool()
		}
	}
	if pr := v.Get("profile"); pr.Exists() {
		if !pr.IsObject() {
			bad("profile", "must be a JSON object")
		} else {
			prof, errs := clinic.ParseProfile([]byte(pr.Raw))
			n := 0
			for _, e := range errs {
				if e.Field == "time_zone" && strings.HasPrefix(e.Msg, "unknown time zone") && !haveZones() {
					// The browser core carries no zone database (and
					// wasm_exec finds none), so a zone the server, which
					// links time/tzdata, accepted cannot be checked here.
					continue
				}
				bad("profile."+e.Field, e.Msg)
				n++
			}
			if n == 0 {
				p.Profile = prof
			}
		}
	}
	var locked []string
	if l := v.Get("locked"); l.Exists() {
		if !l.IsArray() {
			bad("locked", "must be a list of template ids")
		}
		for _, id := range l.Array() {
			if id.Type != gjson.String || id.Str == "" {
				bad("locked", "must be a list of template ids")
				continue
			}
			locked = append(locked, id.Str)
		}
	}
	var w jsonw.Writer
	w.BeginObject().FieldStrings("lock", locked).Key("templates").BeginArray()
	if t := v.Get("templates"); t.Exists() {
		if !t.IsArray() {
			bad("templates", "must be a list of reply.template rules")
		}
		for i, x := range t.Array() {
			if !x.IsObject() {
				bad("templates["+strconv.Itoa(i)+"]", "must be a reply.template rule")
				continue
			}
			w.Raw([]byte(x.Raw))
		}
	}
	w.EndArray().EndObject()
	p.policy = append([]byte(nil), w.Bytes()...)
	lib, err := builtin()
	if err != nil {
		bad("pack", "built-in templates failed to load: "+err.Error())
		return nil, probs
	}
	applied, err := replies.ApplyPolicy(lib, p.policy)
	if err != nil {
		for _, line := range strings.Split(err.Error(), "\n") {
			bad("templates", line)
		}
	}
	for _, t := range applied.Templates() {
		if t.Locked {
			p.Locked = append(p.Locked, t.ID)
		}
	}
	if len(probs) > 0 {
		return nil, probs
	}
	return p, nil
}

// Library returns the built-in templates with the pack's applied.
func (p *Pack) Library() (*replies.Library, error) {
	lib, err := builtin()
	if err != nil {
		return nil, err
	}
	return replies.ApplyPolicy(lib, p.policy)
}

// Report writes the outcome of Validate as JSON for the extension and the
// server's 400 answers: {"ok": true, "id", "locked", "min_version"} or
// {"ok": false, "problems": […]}.
func Report(p *Pack, problems []string) []byte {
	var w jsonw.Writer
	w.BeginObject().FieldBool("ok", p != nil)
	if p != nil {
		w.FieldString("id", p.ID).FieldStrings("locked", p.Locked).FieldString("min_version", p.MinVersion).
			FieldBool("autoresponder", p.Autoresponder)
	} else {
		w.FieldStrings("problems", problems)
	}
	return w.EndObject().Bytes()
}

func validVersion(s string) bool {
	parts := strings.Split(s, ".")
	if len(parts) != 3 {
		return false
	}
	for _, x := range parts {
		if _, err := strconv.Atoi(x); err != nil || x == "" || x[0] == '-' || x[0] == '+' {
			return false
		}
	}
	return true
}

func has(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
