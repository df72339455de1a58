package facebook

import (
	"strings"

	"github.com/tidwall/gjson"

	"github.com/boundaryhq/boundary/wasm/page"
)

// The Messenger inbox arrives embedded in the page as a Lightspeed
// payload: data.viewer.lightspeed_web_request.payload, a JSON string of
// nested procedure calls [5, "procName", args…] in which 64-bit integers
// are [19, "digits"] and null is [9]. Argument positions (0-based, after
// the name) are those of the web client:
//
//	deleteThenInsertThread(lastActivityMs, lastReadMs, snippet, …, threadKey@5, …, isE2EE@7, isRequest@8)
//	verifyContactRowExists(contactId, …, avatarUrl@2, name@3, …)
//	upsertMessage(text, …, threadKey@3, …, timestampMs@5, …, messageId@8, otid@9, senderId@10, …)
//	insertBlobAttachment(alt, width, height, url, threadKey@4, messageId@5, …)
//
// Positions that do not hold the expected type are skipped, so a changed
// client degrades to reading the markup alone.

// LSThread is a conversation the payload lists.
type LSThread struct {
	ID       string
	Snippet  string
	E2EE     bool
	Request  bool
	Name     string // from the contact row of a one-to-one thread
	Messages []LSMessage
}

// LSMessage is one message the payload carries.
type LSMessage struct {
	ID, Text, SenderID string
	TimestampMs        int64
	Attachments        []string
}

// Inbox is what the embedded data says about the conversations.
type Inbox struct {
	ViewerID string
	Threads  map[string]*LSThread
	Order    []string // thread ids in payload order
}

// maxPayload bounds the payload string read, so that a hostile page cannot
// make one scan parse an unbounded document.
const maxPayload = 8 << 20

// ReadInbox reads the Lightspeed payloads and the viewer's id from the
// script[type="application/json"] tags under root. Only scripts that
// mention the payload's marker are parsed.
func (m *Messenger) ReadInbox(root page.Node) *Inbox {
	in := &Inbox{Threads: map[string]*LSThread{}}
	marker := m.sel["lightspeed_marker"]
	viewerKey := m.sel["viewer_key"]
	for _, s := range root.QueryAll(m.a.site.Selectors["embedded_json"]) {
		text := s.Text()
		hasLS := marker != "" && strings.Contains(text, marker)
		hasViewer := in.ViewerID == "" && viewerKey != "" && strings.Contains(text, `"`+viewerKey+`"`)
		if !hasLS && !hasViewer || len(text) > maxPayload || !gjson.Valid(text) {
			continue
		}
		walkJSON(gjson.Parse(text), 0, func(v gjson.Result) {
			if !v.IsObject() {
				return
			}
			if hasViewer && in.ViewerID == "" {
				if id := v.Get(viewerKey); id.Type == gjson.String && isDigits(id.Str) {
					in.ViewerID = id.Str
				}
			}
			if hasLS {
				if p := v.Get(marker + ".payload"); p.Type == gjson.String && len(p.Str) <= maxPayload && gjson.Valid(p.Str) {
					in.readPayload(gjson.Parse(p.Str))
				}
			}
		})
	}
	return in
}

// walkJSON calls f on v and every value below it, to a bounded depth: the
// require/__bbox wrapping changes between builds.
func walkJSON(v gjson.Result, depth int, f func(gjson.Result)) {
	if depth > 40 {
		return
	}
	f(v)
	if v.IsObject() || v.IsArray() {
		v.ForEach(func(_, c gjson.Result) bool {
			if c.IsObject() || c.IsArray() {
				walkJSON(c, depth+1, f)
			}
			return true
		})
	}
}

func (in *Inbox) thread(id string) *LSThread {
	t := in.Threads[id]
	if t == nil {
		t = &LSThread{ID: id}
		in.Threads[id] = t
		in.Order = append(in.Order, id)
	}
	return t
}

// lsString decodes a Lightspeed value as text: strings as they are,
// [19,"digits"] as the digits; anything else is "".
func lsString(v gjson.Result) string {
	switch {
	case v.Type == gjson.String:
		return v.Str
	case v.IsArray():
		if a := v.Array(); len(a) == 2 && a[0].Int() == 19 && a[1].Type == gjson.String {
			return a[1].Str
		}
	}
	return ""
}

func lsInt(v gjson.Result) int64 {
	s := lsString(v)
	if !isDigits(s) || len(s) > 18 {
		return 0
	}
	var n int64
	for i := 0; i < len(s); i++ {
		n = n*10 + int64(s[i]-'0')
	}
	return n
}

func (in *Inbox) readPayload(p gjson.Result) {
	contacts := map[string]string{}
	type ref struct {
		t *LSThread
		i int
	}
	msgByID := map[string]ref{}
	walkJSON(p, 0, func(v gjson.Result) {
		if !v.IsArray() {
			return
		}
		a := v.Array()
		if len(a) < 2 || a[0].Type != gjson.Number || a[0].Int() != 5 || a[1].Type != gjson.String {
			return
		}
		args := a[2:]
		arg := func(i int) gjson.Result {
			if i < len(args) {
				return args[i]
			}
			return gjson.Result{}
		}
		switch a[1].Str {
		case "deleteThenInsertThread":
			id := lsString(arg(5))
			if id == "" {
				return
			}
			t := in.thread(id)
			t.Snippet = lsString(arg(2))
			t.E2EE = arg(7).Type == gjson.True
			t.Request = arg(8).Type == gjson.True
		case "verifyContactRowExists":
			if id, name := lsString(arg(0)), lsString(arg(3)); id != "" && name != "" {
				contacts[id] = name
			}
		case "upsertMessage":
			id := lsString(arg(3))
			if id == "" {
				return
			}
			t := in.thread(id)
			t.Messages = append(t.Messages, LSMessage{
				ID: lsString(arg(8)), Text: lsString(arg(0)), SenderID: lsString(arg(10)), TimestampMs: lsInt(arg(5)),
			})
			if mid := lsString(arg(8)); mid != "" {
				msgByID[mid] = ref{t, len(t.Messages) - 1}
			}
		case "insertBlobAttachment":
			if r, ok := msgByID[lsString(arg(5))]; ok {
				msg := &r.t.Messages[r.i]
				msg.Attachments = append(msg.Attachments, lsString(arg(0)))
			}
		}
	})
	for id, t := range in.Threads {
		if t.Name == "" {
			t.Name = contacts[id]
		}
	}
}
