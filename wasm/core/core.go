// Package core wires the pure-Go parts of Boundary into the operations the
// extension and the CLI perform: locate the page, run the site adapter over
// new nodes, match people against the patient list and describe the result
// as JSON. The browser bridge (wasm/jsdom) and the CLI (wasm/cmd/boundary)
// both call this package, so they cannot drift apart.
package core

import (
	"io/fs"
	"strconv"
	"time"

	"github.com/boundaryhq/boundary/wasm/clinic"
	"github.com/boundaryhq/boundary/wasm/jsonw"
	"github.com/boundaryhq/boundary/wasm/names"
	"github.com/boundaryhq/boundary/wasm/page"
	"github.com/boundaryhq/boundary/wasm/patients"
	"github.com/boundaryhq/boundary/wasm/sites"
	"github.com/boundaryhq/boundary/wasm/sites/facebook"
	"github.com/boundaryhq/boundary/wasm/triage"
	"github.com/boundaryhq/boundary/wasm/why"
)

// Engine holds the loaded rule packs and the user's patient list.
type Engine struct {
	Sites    *sites.Registry
	Facebook *facebook.Adapter
	// Messenger reads conversations; the triage classifier decides about
	// their messages. It is loaded on first use (see classifier), so pages
	// without conversations never pay for compiling its rules.
	Messenger *facebook.Messenger
	fsys      fs.FS
	tri       *triage.Classifier
	// nick is loaded when the first non-empty patient list arrives (see
	// nicknames): without a list there is no name to match, and building
	// the tables is a good part of the core's start in the browser.
	nick *names.Nicknames
	dir  *patients.Directory

	hours       *clinic.Hours
	loc         *time.Location
	threads     map[string]*thread
	threadOrder []string
}

// New loads the rule packs from fsys (rules.FS in production).
func New(fsys fs.FS) (*Engine, error) {
	reg, err := sites.Load(fsys)
	if err != nil {
		return nil, err
	}
	fb := reg.Site("facebook")
	if fb == nil {
		return nil, errNoFacebook
	}
	a := facebook.New(fb)
	e := &Engine{Sites: reg, Facebook: a, Messenger: facebook.NewMessenger(a), fsys: fsys}
	e.dir = patients.NewDirectory(nil, nil)
	return e, nil
}

// Triage returns the message classifier, loading the triage rule pack on
// first use.
func (e *Engine) Triage() *triage.Classifier {
	return onDemand(&e.tri, "triage rules", triage.Load, e.fsys)
}

// onDemand returns *slot, filling it from the embedded rule packs on first
// use. The packs are checked by the rule tests, so a failure here is a
// build defect: it panics, and the bridge's panic guard and the CLI both
// report it as an error.
func onDemand[T any](slot **T, what string, load func(fs.FS) (*T, error), fsys fs.FS) *T {
	if *slot == nil {
		v, err := load(fsys)
		if err != nil {
			panic(what + ": " + err.Error())
		}
		*slot = v
	}
	return *slot
}

// Prepare loads, ahead of the first scan of the page at url, what that scan
// will need beyond the core's start: the triage classifier when root holds
// a Messenger row (a thread in a list, or a bubble in a conversation or a
// chat window). It reports whether it loaded anything. The extension calls it in a task
// of its own, so that the page's main thread is never held for the start,
// the classifier and the first scan in one go; a scan without it loads the
// same things itself.
func (e *Engine) Prepare(url string, root page.Node) bool {
	site, kind := e.Sites.Locate(url)
	if site == nil || kind == sites.Unknown || site.ID != "facebook" || e.tri != nil {
		return false
	}
	if sel := e.Messenger.RowSelector(); !root.Matches(sel) && root.Query(sel) == nil {
		return false
	}
	e.Triage()
	return true
}

// nicknames returns the nickname tables, loading them on first use.
func (e *Engine) nicknames() *names.Nicknames {
	return onDemand(&e.nick, "nickname tables", names.LoadNicknames, e.fsys)
}

type constError string

func (e constError) Error() string { return string(e) }

const errNoFacebook = constError("core: the rule pack has no facebook site")

// SetPatients replaces the patient list.
func (e *Engine) SetPatients(entries []patients.Entry) {
	var nick *names.Nicknames
	if len(entries) > 0 {
		nick = e.nicknames()
	}
	e.dir = patients.NewDirectory(entries, nick)
	e.threads, e.threadOrder = nil, nil
}

// Directory is the patient list as set by SetPatients, for the other
// checks that look names up (the draft checks).
func (e *Engine) Directory() *patients.Directory { return e.dir }

// Patients is the number of people on the list.
func (e *Engine) Patients() int { return e.dir.Len() }

// Item is one thing on the page that Boundary has an opinion about.
type Item struct {
	Kind       string // "friend_request", "thread" or "message"
	Name       string // the person, or the conversation's name
	ProfileURL string
	Verdict    string // "patient" or "unknown"; for Messenger items the category
	Score      float64
	Reasons    []string
	// Why is Reasons as keys and arguments, for the extension to draw in
	// the user's language (package why); Reasons[i] is Why[i] in English.
	Why    []why.Reason
	Match  string
	Mutual int

	// Messenger items (kind thread or message).
	ThreadID string
	Surface  string // "row", "conversation" or "chat"
	Category string // a triage category
	Clinical bool
	Rules    []string
	Request  bool // a message request from a non-friend
	E2EE     bool
	Unread   bool
	Messages int // messages known in the thread
	// Message items only.
	Sender   string
	Outgoing bool
	Text     string
	SentAt   string // RFC 3339, or ""
	// Anchor is where the extension draws the badge. Not serialised.
	Anchor page.Node
}

// Verdicts.
const (
	VerdictPatient = "patient"
	VerdictUnknown = "unknown"
)

// Scan runs the adapters for the page at url over roots (the document root
// for a full scan, or the subtrees a mutation added) and returns the page
// kind and the items found. seen makes repeated scans incremental; relay
// carries names from the page's embedded data (nil when not read).
func (e *Engine) Scan(url string, roots []page.Node, seen page.Seen, relay map[string]string) (string, []Item) {
	site, kind := e.Sites.Locate(url)
	if site == nil || kind == sites.Unknown {
		return sites.Unknown, nil
	}
	var items []Item
	if site.ID == "facebook" {
		for _, c := range e.Facebook.FriendRequestsIn(roots, url, seen, relay) {
			items = append(items, e.friendRequest(c))
		}
		// Conversation lists, open conversations and chat windows can be
		// on any page of the site (chat windows dock on the feed).
		items = append(items, e.scanMessenger(url, kind, roots, seen)...)
	}
	return kind, items
}

// RelayNames reads the embedded friend-request data of a whole document.
func (e *Engine) RelayNames(root page.Node) map[string]string {
	return e.Facebook.RelayNames(root)
}

func (e *Engine) friendRequest(c facebook.Card) Item {
	it := Item{Kind: "friend_request", Name: c.Name, ProfileURL: c.ProfileURL, Verdict: VerdictUnknown, Mutual: c.Mutual, Anchor: c.Anchor}
	if c.Name == "" {
		return it
	}
	m, ok := e.dir.Match(c.Name)
	it.Score = m.Score
	if !ok {
		return it
	}
	it.Verdict = VerdictPatient
	it.Match = m.Entry.Display
	w := append([]why.Reason(nil), m.Why...)
	if c.FromData {
		w = append(w, why.New("why_name_from_data"))
	}
	switch {
	case c.Mutual == 0:
		w = append(w, why.New("why_mutual_none"))
	case c.Mutual == 1:
		w = append(w, why.New("why_mutual_one"))
	default:
		w = append(w, why.New("why_mutual", strconv.Itoa(c.Mutual)))
	}
	it.Why, it.Reasons = w, why.Strings(w)
	return it
}

// WriteItem writes one item as the JSON object of the scan contract.
func WriteItem(w *jsonw.Writer, it Item) {
	if it.Kind == KindThread || it.Kind == KindMessage {
		w.BeginObject()
		WriteMessengerFields(w, it)
		if it.Kind == KindMessage {
			w.FieldString("text", it.Text)
		}
		w.EndObject()
		return
	}
	w.BeginObject()
	WriteFriendFields(w, it)
	w.EndObject()
}

// WriteFriendFields writes the fields of a friend-request item into an open
// object.
func WriteFriendFields(w *jsonw.Writer, it Item) {
	w.FieldString("kind", it.Kind).
		FieldString("name", it.Name).
		FieldString("profile_url", it.ProfileURL).
		FieldString("verdict", it.Verdict).
		FieldFloat("score", it.Score).
		FieldStrings("reasons", nonNil(it.Reasons)).
		FieldString("match", it.Match)
}

// WriteScan writes {"page": kind, "items": [...]}.
func WriteScan(w *jsonw.Writer, kind string, items []Item) {
	w.BeginObject().FieldString("page", kind).Key("items").BeginArray()
	for _, it := range items {
		WriteItem(w, it)
	}
	w.EndArray().EndObject()
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

// WriteMessengerFields writes the fields of a thread or message item into an
// open object.
func WriteMessengerFields(w *jsonw.Writer, it Item) {
	w.FieldString("kind", it.Kind).
		FieldString("thread_id", it.ThreadID).
		FieldString("surface", it.Surface).
		FieldString("name", it.Name).
		FieldString("category", it.Category).
		FieldBool("clinical", it.Clinical).
		FieldBool("emergency", it.Category == "emergency").
		FieldFloat("score", it.Score).
		FieldStrings("reasons", nonNil(it.Reasons)).
		FieldStrings("rules", nonNil(it.Rules)).
		FieldString("match", it.Match).
		FieldBool("request", it.Request).
		FieldBool("e2ee", it.E2EE).
		FieldBool("unread", it.Unread)
	if it.Kind == KindThread {
		w.FieldInt("messages", int64(it.Messages))
	} else {
		w.FieldString("sender", it.Sender).
			FieldBool("outgoing", it.Outgoing).
			FieldString("sent_at", it.SentAt)
	}
}
