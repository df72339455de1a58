// Package core wires the pure-Go parts of Boundary into the operations the
// extension and the CLI perform: locate the page, run the site adapter over
// new nodes, match people against the patient list and describe the result
// as JSON. The browser bridge (wasm/jsdom) and the CLI (wasm/cmd/boundary)
// both call this package, so they cannot drift apart.
package core

import (
	"io/fs"
	"strconv"

	"github.com/boundaryhq/boundary/wasm/jsonw"
	"github.com/boundaryhq/boundary/wasm/names"
	"github.com/boundaryhq/boundary/wasm/page"
	"github.com/boundaryhq/boundary/wasm/patients"
	"github.com/boundaryhq/boundary/wasm/sites"
	"github.com/boundaryhq/boundary/wasm/sites/facebook"
)

// Engine holds the loaded rule packs and the user's patient list.
type Engine struct {
	Sites    *sites.Registry
	Facebook *facebook.Adapter
	Nick     *names.Nicknames
	dir      *patients.Directory
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
	nick, err := names.LoadNicknames(fsys)
	if err != nil {
		return nil, err
	}
	e := &Engine{Sites: reg, Facebook: facebook.New(fb), Nick: nick}
	e.dir = patients.NewDirectory(nil, nick)
	return e, nil
}

type constError string

func (e constError) Error() string { return string(e) }

const errNoFacebook = constError("core: the rule pack has no facebook site")

// SetPatients replaces the patient list.
func (e *Engine) SetPatients(entries []patients.Entry) {
	e.dir = patients.NewDirectory(entries, e.Nick)
}

// Patients is the number of people on the list.
func (e *Engine) Patients() int { return e.dir.Len() }

// Item is one thing on the page that Boundary has an opinion about.
type Item struct {
	Kind       string // "friend_request"
	Name       string
	ProfileURL string
	Verdict    string // "patient" or "unknown"
	Score      float64
	Reasons    []string
	Match      string
	Mutual     int
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
		for _, r := range roots {
			for _, c := range e.Facebook.FriendRequests(r, url, seen, relay) {
				items = append(items, e.friendRequest(c))
			}
		}
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
	it.Reasons = append(it.Reasons, m.Reasons...)
	if c.FromData {
		it.Reasons = append(it.Reasons, "name read from the page's data; the card itself shows none")
	}
	switch {
	case c.Mutual == 0:
		it.Reasons = append(it.Reasons, "no mutual friends shown")
	case c.Mutual == 1:
		it.Reasons = append(it.Reasons, "1 mutual friend")
	default:
		it.Reasons = append(it.Reasons, strconv.Itoa(c.Mutual)+" mutual friends")
	}
	return it
}

// WriteItem writes one item as the JSON object of the scan contract.
func WriteItem(w *jsonw.Writer, it Item) {
	w.BeginObject().
		FieldString("kind", it.Kind).
		FieldString("name", it.Name).
		FieldString("profile_url", it.ProfileURL).
		FieldString("verdict", it.Verdict).
		FieldFloat("score", it.Score).
		FieldStrings("reasons", nonNil(it.Reasons)).
		FieldString("match", it.Match).
		EndObject()
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
