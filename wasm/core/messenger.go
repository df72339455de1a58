package core

import (
	"strings"
	"time"

	"github.com/boundaryhq/boundary/wasm/clinic"
	"github.com/boundaryhq/boundary/wasm/page"
	"github.com/boundaryhq/boundary/wasm/sites/facebook"
	"github.com/boundaryhq/boundary/wasm/triage"
	"github.com/boundaryhq/boundary/wasm/why"
)

// Item kinds and surfaces of Messenger items.
const (
	KindThread  = "thread"
	KindMessage = "message"

	SurfaceRow          = "row"          // a conversation in a thread list
	SurfaceConversation = "conversation" // the open conversation's pane
	SurfaceChat         = "chat"         // a chat window docked on a page
)

// maxThreads bounds how many conversations the engine remembers between
// scans; a page that shows more starts forgetting the oldest.
const maxThreads = 5000

// thread is what the engine knows about one conversation: every message
// it has seen in the markup or the page's data, each with its verdict.
type thread struct {
	id, name      string
	request, e2ee bool
	unread        bool
	match         string // the list entry the other person matches ("Smith, Jane"), or ""
	results       map[string]triage.Result
	order         []string
	incoming      []string // the newest incoming texts, for addBurst
}

// SetClinicHours sets the clinic's opening hours used for the "outside
// clinic hours" reason; nil restores the default (Mon–Fri 08:00–18:00 in
// the user's zone).
func (e *Engine) SetClinicHours(h *clinic.Hours) {
	e.hours = h
	e.threads = nil
}

// SetLocalZone sets the user's time zone, in which Messenger states times
// and in which default clinic hours apply. The browser core has no zone
// database, so the extension passes the browser's current UTC offset.
func (e *Engine) SetLocalZone(loc *time.Location) {
	e.loc = loc
	e.threads = nil
}

func (e *Engine) localZone() *time.Location {
	if e.loc != nil {
		return e.loc
	}
	return time.Local
}

func (e *Engine) clinicHours() *clinic.Hours {
	if e.hours != nil {
		return e.hours
	}
	h := clinic.Default()
	h.Loc = e.loc
	return h
}

func (e *Engine) threadState(id string) *thread {
	if e.threads == nil {
		e.threads = map[string]*thread{}
	}
	t := e.threads[id]
	if t == nil {
		if len(e.threads) >= maxThreads {
			for _, old := range e.threadOrder[:len(e.threadOrder)/2] {
				delete(e.threads, old)
			}
			e.threadOrder = append([]string(nil), e.threadOrder[len(e.threadOrder)/2:]...)
		}
		t = &thread{id: id, results: map[string]triage.Result{}}
		e.threads[id] = t
		e.threadOrder = append(e.threadOrder, id)
	}
	return t
}

// ReadMessengerData takes in what the page's embedded Lightspeed data says
// about conversations: names, message requests, and messages with their
// times (also those the markup has not rendered yet). Call it on full
// scans, before Scan.
func (e *Engine) ReadMessengerData(root page.Node) {
	in := e.Messenger.ReadInbox(root)
	for _, id := range in.Order {
		lt := in.Threads[id]
		t := e.threadState(id)
		t.request = t.request || lt.Request
		t.e2ee = t.e2ee || lt.E2EE
		if t.name == "" && lt.Name != "" {
			e.setName(t, lt.Name)
		}
		for _, m := range lt.Messages {
			out := in.ViewerID != "" && m.SenderID == in.ViewerID
			var at time.Time
			if m.TimestampMs > 0 {
				at = time.UnixMilli(m.TimestampMs)
			}
			e.addMessage(t, out, m.Text, m.Attachments, "", at)
		}
	}
}

func (e *Engine) setName(t *thread, name string) {
	t.name = name
	t.match = ""
	if m, ok := e.dir.Match(name); ok {
		t.match = m.Entry.Display
	}
}

// matchReason is the reason for a sender on the patient list; zero for "".
func matchReason(display string) why.Reason {
	if display == "" {
		return why.Reason{}
	}
	return why.New("why_sender_match", display)
}

// messageKey identifies a message within its thread: the markup carries no
// ids, so the same text in the same direction is the same message.
func messageKey(out bool, text string, attachments []string) string {
	k := "in\x00"
	if out {
		k = "out\x00"
	}
	return k + strings.Join(strings.Fields(text), " ") + "\x00" + strings.Join(attachments, "\x00")
}

// addMessage classifies a message once and remembers its verdict.
func (e *Engine) addMessage(t *thread, out bool, text string, attachments []string, sender string, at time.Time) triage.Result {
	key := messageKey(out, text, attachments)
	if r, ok := t.results[key]; ok {
		return r
	}
	msg := triage.Message{Text: text, Request: t.request && !out, Attachments: len(attachments), Incoming: !out, SentAt: at}
	if len(attachments) > 0 {
		// The alt text describes the picture ("Photo of a rash"); it is
		// the only words an attachment has.
		msg.Text = strings.TrimSpace(text + "\n" + strings.Join(attachments, "\n"))
	}
	ctx := triage.Context{Hours: e.clinicHours()}
	if !out {
		msg.Sender = sender
		if sender != "" && sender != t.name {
			if m, ok := e.dir.Match(sender); ok {
				ctx.SenderMatch = matchReason(m.Entry.Display)
			}
		} else {
			ctx.SenderMatch = matchReason(t.match)
		}
	}
	r := e.Triage().Classify(msg, ctx)
	t.results[key] = r
	t.order = append(t.order, key)
	if !out {
		e.addBurst(t, msg, ctx)
	}
	return r
}

// burstLen is how many consecutive incoming messages are also read as one.
const burstLen = 3

// addBurst reads the newest incoming messages of a thread together: people
// split one thought over several bubbles ("he ate a whole bar of dark
// chocolate" / "he's panting and shaking"), and an emergency can be in the
// whole but in no part. Only an emergency found this way counts, so that
// reading together can raise an alarm but never change another verdict.
func (e *Engine) addBurst(t *thread, last triage.Message, ctx triage.Context) {
	t.incoming = append(t.incoming, last.Text)
	if len(t.incoming) > burstLen {
		t.incoming = t.incoming[len(t.incoming)-burstLen:]
	}
	if len(t.incoming) < 2 {
		return
	}
	m := last
	m.Text = strings.Join(t.incoming, "\n")
	r := e.Triage().Classify(m, ctx)
	if r.Category != "emergency" {
		return
	}
	key := "burst\x00" + m.Text
	if _, ok := t.results[key]; !ok {
		t.results[key] = r
		t.order = append(t.order, key)
	}
}

// verdict is the thread's verdict over every message known so far:
// emergency if any message is one, else the most severe clinical category,
// else personal. The reasons of a clinical thread come from its clinical
// messages; the patient-list match and a message request are always said.
func (t *thread) verdict() triage.Result {
	all := make([]triage.Result, 0, len(t.order))
	var clinical []triage.Result
	for _, k := range t.order {
		r := t.results[k]
		all = append(all, r)
		if r.Clinical {
			clinical = append(clinical, r)
		}
	}
	v := triage.Thread(all)
	if len(clinical) > 0 {
		c := triage.Thread(clinical)
		v.Reasons, v.Why, v.Rules = c.Reasons, c.Why, c.Rules
	}
	add := func(w why.Reason) {
		s := w.String()
		for _, r := range v.Reasons {
			if r == s {
				return
			}
		}
		v.Reasons = append(v.Reasons, s)
		v.Why = append(v.Why, w)
	}
	if t.match != "" {
		add(matchReason(t.match))
	}
	if t.request {
		add(why.New("why_request"))
	}
	return v
}

// scanMessenger turns what the Messenger reader found into items: bubbles
// first, so that the rows and banners of their conversations already
// count them.
func (e *Engine) scanMessenger(url, kind string, roots []page.Node, seen page.Seen) []Item {
	var found []facebook.Messages
	if len(roots) > 1 {
		// An incremental scan: most added subtrees hold no Messenger
		// surface, and one batched call finds those that do.
		sel, up := e.Messenger.Interest()
		roots = page.Relevant(roots, sel, up)
	}
	for _, r := range roots {
		found = append(found, e.Messenger.Scan(r, url, seen, e.localZone()))
	}
	var items []Item
	convThread := func(c facebook.Conversation) *thread {
		t := e.threadState(c.ThreadID)
		if c.Name != "" && t.name != c.Name {
			e.setName(t, c.Name)
		}
		return t
	}
	for _, f := range found {
		for _, b := range f.Bubbles {
			var c facebook.Conversation
			for _, x := range append(append([]facebook.Conversation(nil), f.Convs...), f.Touched...) {
				if x.Node.Same(b.Conv) {
					c = x
				}
			}
			if c.ThreadID == "" {
				continue
			}
			t := convThread(c)
			r := e.addMessage(t, b.Outgoing, b.Text, b.Attachments, b.Sender, b.SentAt)
			it := resultItem(KindMessage, t, r)
			it.Surface = surfaceOf(c)
			it.Sender, it.Outgoing, it.Text = b.Sender, b.Outgoing, b.Text
			if !b.SentAt.IsZero() {
				it.SentAt = b.SentAt.Format(time.RFC3339)
			}
			it.Anchor = b.Anchor
			items = append(items, it)
		}
	}
	for _, f := range found {
		for _, c := range append(append([]facebook.Conversation(nil), f.Convs...), f.Touched...) {
			t := convThread(c)
			it := resultItem(KindThread, t, t.verdict())
			it.Surface = surfaceOf(c)
			it.Anchor = c.Anchor
			items = append(items, it)
		}
	}
	for _, f := range found {
		for _, row := range f.Rows {
			t := e.threadState(row.ThreadID)
			if row.Name != "" && t.name != row.Name {
				e.setName(t, row.Name)
			}
			t.e2ee = t.e2ee || row.E2EE
			t.unread = row.Unread
			if kind == "message_requests" && !row.Current {
				t.request = true
			}
			if row.Preview != "" {
				e.addMessage(t, row.Outgoing, row.Preview, nil, "", time.Time{})
			}
			it := resultItem(KindThread, t, t.verdict())
			it.Surface = SurfaceRow
			it.Anchor = row.Anchor
			items = append(items, it)
		}
	}
	return items
}

// messages counts the thread's messages, not the bursts read together.
func (t *thread) messages() int {
	n := 0
	for _, k := range t.order {
		if !strings.HasPrefix(k, "burst\x00") {
			n++
		}
	}
	return n
}

func surfaceOf(c facebook.Conversation) string {
	if c.Window {
		return SurfaceChat
	}
	return SurfaceConversation
}

func resultItem(kind string, t *thread, r triage.Result) Item {
	it := Item{
		Kind: kind, Name: t.name, ThreadID: t.id, Category: r.Category, Clinical: r.Clinical,
		Score: r.Score, Reasons: r.Reasons, Why: r.Why, Rules: r.Rules, Request: t.request, E2EE: t.e2ee, Unread: t.unread,
		Messages: t.messages(), Verdict: r.Category, Match: t.match,
	}
	return it
}
