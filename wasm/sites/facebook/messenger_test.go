package facebook

import (
	"strings"
	"testing"
	"time"

	"github.com/boundaryhq/boundary/rules"
	"github.com/boundaryhq/boundary/wasm/page/htmlpage"
	"github.com/boundaryhq/boundary/wasm/sites"
)

func messenger(t *testing.T) *Messenger {
	t.Helper()
	return NewMessenger(adapter(t))
}

func mustAdapter(tb testing.TB) *Adapter {
	reg, err := sites.Load(rules.FS)
	if err != nil {
		tb.Fatal(err)
	}
	return New(reg.Site("facebook"))
}

// Hand-written layouts shaped like variants of the real inbox that the
// testbed does not produce. The expected reading is stated beside each.
var threadLayouts = []struct {
	name, url, html string
	rows            []ThreadRow // ThreadID, E2EE, Name, Preview, Outgoing, Unread, Current compared
}{
	{
		name: "list rows: aria-current, e2ee link, unread button, You: prefix",
		url:  "https://www.facebook.com/messages/t/111/",
		html: `<div role="navigation"><div role="grid" aria-label="Chats">
			<div role="row"><div role="gridcell"><a aria-current="page" href="/messages/t/111/" role="link"><div><span dir="auto"><span>Ann Lee</span></span>
				<div><span dir="auto"><span>You: see you then</span></span><abbr>2h</abbr></div></div></a></div></div>
			<div role="row"><div role="gridcell"><div><a href="/messages/e2ee/t/222/?ref=x" role="link"><span dir="auto">Bo Chan</span><span dir="auto">my tooth hurts</span></a></div></div>
				<div role="gridcell"><div role="button" aria-label="Mark as Read"></div></div></div>
		</div></div>`,
		rows: []ThreadRow{
			{ThreadID: "111", Name: "Ann Lee", Preview: "see you then", Outgoing: true, Current: true},
			{ThreadID: "222", E2EE: true, Name: "Bo Chan", Preview: "my tooth hurts", Unread: true},
		},
	},
	{
		name: "messenger.com absolute links, German, unread as hidden text; foreign hosts are not threads",
		url:  "https://www.messenger.com/t/333/",
		html: `<div role="navigation"><div role="grid">
			<div role="row"><div role="gridcell"><a href="https://www.messenger.com/t/333/" role="link"><span dir="auto">Jürgen</span>
				<span class="x1">Ungelesene Nachricht:</span><span dir="auto">Du: Bis morgen</span></a></div></div>
			<div role="row"><div role="gridcell"><a href="https://evil.example/t/444/"><span dir="auto">Evil</span></a></div></div>
			<div role="row"><div role="gridcell"><a href="/messages/t/../../settings/"><span dir="auto">Traversal</span></a></div></div>
		</div></div>`,
		rows: []ThreadRow{{ThreadID: "333", Name: "Jürgen", Preview: "Bis morgen", Outgoing: true, Unread: true}},
	},
}

func TestThreadRows(t *testing.T) {
	m := messenger(t)
	for _, l := range threadLayouts {
		t.Run(l.name, func(t *testing.T) {
			doc, err := htmlpage.ParseString(l.html, l.url)
			if err != nil {
				t.Fatal(err)
			}
			got := m.Scan(doc.Root(), l.url, nil, time.UTC).Rows
			if len(got) != len(l.rows) {
				t.Fatalf("got %d rows want %d: %+v", len(got), len(l.rows), got)
			}
			for i, w := range l.rows {
				g := got[i]
				if g.ThreadID != w.ThreadID || g.E2EE != w.E2EE || g.Name != w.Name || g.Preview != w.Preview ||
					g.Outgoing != w.Outgoing || g.Unread != w.Unread || g.Current != w.Current {
					t.Errorf("row %d: got %+v\nwant %+v", i, g, w)
				}
				if g.Anchor == nil || !strings.Contains(g.Anchor.Text(), w.Name) {
					t.Errorf("row %d: anchor is not the name", i)
				}
			}
		})
	}
}

const conversationHTML = `<div role="main"><h2><span dir="auto">Uni Friends</span></h2>
	<div role="grid" aria-label="Messages">
	<div role="row"><div><span class="sr">Sam Vale</span><span dir="auto" aria-hidden="true">Sam Vale</span>
		<div role="gridcell" aria-label="November 23, 2025 at 3:04 PM"><div dir="auto">My chest hurts, see <a href="/messages/t/999/">this</a></div></div></div></div>
	<div role="row"><div><span class="sr">You sent</span><div role="gridcell"><div dir="auto">call 999 now</div></div>
		<span class="sr">23. November 2025 um 15:06</span></div></div>
	<div role="row"><div><span class="sr">Sam Vale</span><div role="gridcell"><div role="button"><img alt="Photo of a rash" src="x.jpg"></div></div>
		<span title="November 23, 2025 at 3:07 PM">3:07 PM</span></div></div>
	</div></div>`

// TestConversation: bubbles with their direction, sender, time and
// attachments; a link to another thread inside a message does not make
// the bubble a thread row.
func TestConversation(t *testing.T) {
	m := messenger(t)
	const url = "https://www.facebook.com/messages/t/555/"
	doc, _ := htmlpage.ParseString(conversationHTML, url)
	got := m.Scan(doc.Root(), url, htmlpage.Seen{}, time.UTC)
	if len(got.Rows) != 0 || len(got.Convs) != 1 || len(got.Bubbles) != 3 {
		t.Fatalf("got %d rows, %d conversations, %d bubbles", len(got.Rows), len(got.Convs), len(got.Bubbles))
	}
	if c := got.Convs[0]; c.ThreadID != "555" || c.Name != "Uni Friends" || c.Window || c.Anchor == nil {
		t.Errorf("conversation: %+v", c)
	}
	b := got.Bubbles
	if b[0].Outgoing || b[0].Sender != "Sam Vale" || b[0].Text != "My chest hurts, see this" || !b[0].SentAt.Equal(time.Date(2025, 11, 23, 15, 4, 0, 0, time.UTC)) {
		t.Errorf("bubble 0: %+v", b[0])
	}
	if !b[1].Outgoing || b[1].Sender != "" || b[1].Text != "call 999 now" || !b[1].SentAt.Equal(time.Date(2025, 11, 23, 15, 6, 0, 0, time.UTC)) {
		t.Errorf("bubble 1: %+v", b[1])
	}
	if b[2].Outgoing || len(b[2].Attachments) != 1 || b[2].Attachments[0] != "Photo of a rash" || b[2].SentAt.Minute() != 7 {
		t.Errorf("bubble 2: %+v", b[2])
	}
}

// TestIncremental: a second scan with the same memory finds nothing; a
// bubble appended later is found alone and names its conversation as
// touched.
func TestIncremental(t *testing.T) {
	m := messenger(t)
	const url = "https://www.facebook.com/messages/t/555/"
	doc, _ := htmlpage.ParseString(conversationHTML, url)
	seen := htmlpage.Seen{}
	m.Scan(doc.Root(), url, seen, time.UTC)
	again := m.Scan(doc.Root(), url, seen, time.UTC)
	if len(again.Rows)+len(again.Convs)+len(again.Bubbles)+len(again.Touched) != 0 {
		t.Errorf("second scan found %+v", again)
	}
	// A new bubble arrives: scan only it, as the MutationObserver would.
	doc2, _ := htmlpage.ParseString(strings.Replace(conversationHTML, `</div></div>`+"\n\t</div></div>", `</div></div><div role="row" id="new"><div><span>Sam Vale</span><div role="gridcell"><div dir="auto">still hurts</div></div></div></div>`+"\n\t</div></div>", 1), url)
	seen2 := htmlpage.Seen{}
	m.Scan(doc2.Root(), url, seen2, time.UTC)
	if n := len(m.Scan(doc2.Root().Query("#new"), url, seen2, time.UTC).Bubbles); n != 0 {
		t.Fatalf("the bubble was already seen, got %d", n)
	}
	doc3, _ := htmlpage.ParseString(conversationHTML, url)
	seen3 := htmlpage.Seen{}
	root := doc3.Root()
	// Mark everything but the last bubble, then scan the last one alone.
	rows := root.QueryAll("[role=row]")
	for _, r := range rows[:2] {
		seen3.Mark(r)
	}
	seen3.Mark(root.Query("[role=main]"))
	got := m.Scan(rows[2], url, seen3, time.UTC)
	if len(got.Bubbles) != 1 || len(got.Touched) != 1 || len(got.Convs) != 0 || got.Touched[0].ThreadID != "555" {
		t.Errorf("appended bubble: %d bubbles, %d touched, %d new conversations", len(got.Bubbles), len(got.Touched), len(got.Convs))
	}
}

func TestChatWindow(t *testing.T) {
	m := messenger(t)
	const url = "https://www.facebook.com/"
	html := `<div><div role="dialog" aria-label="Jenny Smith"><a href="/messages/t/777/"><span dir="auto">Jenny Smith</span></a>
		<div role="grid"><div role="row"><span>Jenny Smith</span><div role="gridcell"><div dir="auto">repeat prescription please</div></div></div></div>
		<div contenteditable="true" role="textbox" aria-label="Message"></div></div>
		<div role="dialog" aria-label="Friend requests"><div role="button" aria-label="Confirm"></div></div></div>`
	doc, _ := htmlpage.ParseString(html, url)
	got := m.Scan(doc.Root(), url, nil, time.UTC)
	if len(got.Convs) != 1 || !got.Convs[0].Window || got.Convs[0].ThreadID != "777" || got.Convs[0].Name != "Jenny Smith" {
		t.Fatalf("chat windows: %+v", got.Convs)
	}
	if len(got.Bubbles) != 1 || got.Bubbles[0].Sender != "Jenny Smith" || len(got.Rows) != 0 {
		t.Errorf("bubbles %+v rows %+v", got.Bubbles, got.Rows)
	}
}

func TestThreadID(t *testing.T) {
	for _, c := range []struct {
		href string
		id   string
		e2ee bool
		ok   bool
	}{
		{"/messages/t/100060959803213/", "100060959803213", false, true},
		{"/messages/e2ee/t/7102938475610293", "7102938475610293", true, true},
		{"https://www.messenger.com/t/123/?x=1#y", "123", false, true},
		{"https://www.messenger.com/e2ee/t/9/", "9", true, true},
		{"https://www.facebook.com.evil.example/messages/t/1/", "", false, false},
		{"//evil.example/t/1/", "", false, false},
		{"/messages/t/", "", false, false},
		{"/messages/t/a/b/", "", false, false},
		{"/messages/t/%3Cscript%3E/", "", false, false},
		{"javascript:/t/1/", "", false, false},
	} {
		id, e2ee, ok := ThreadID(c.href)
		if id != c.id || e2ee != c.e2ee || ok != c.ok {
			t.Errorf("ThreadID(%q) = %q, %v, %v; want %q, %v, %v", c.href, id, e2ee, ok, c.id, c.e2ee, c.ok)
		}
	}
}

func TestParseTime(t *testing.T) {
	m := messenger(t)
	berlin := time.FixedZone("CET", 3600)
	for _, c := range []struct {
		in   string
		want time.Time
	}{
		{"November 23, 2025 at 3:04 PM", time.Date(2025, 11, 23, 15, 4, 0, 0, berlin)},
		{"November 23, 2026 at 12:10\u202fAM", time.Date(2026, 11, 23, 0, 10, 0, 0, berlin)},
		{"23. November 2025 um 15:04", time.Date(2025, 11, 23, 15, 4, 0, 0, berlin)},
		{"3. März 2026 um 08:30", time.Date(2026, 3, 3, 8, 30, 0, 0, berlin)},
		{"Sam Vale", time.Time{}},
		{"12 mutual friends", time.Time{}},
		{"November 99, 2025 at 3:04 PM", time.Time{}},
	} {
		if got := m.ParseTime(c.in, berlin); !got.Equal(c.want) {
			t.Errorf("ParseTime(%q) = %v want %v", c.in, got, c.want)
		}
	}
}

// TestReadInbox: the Lightspeed payload, including values of the wrong type
// at known positions (skipped, not trusted) and a payload that is not JSON.
func TestReadInbox(t *testing.T) {
	m := messenger(t)
	payload := `{"name":null,"step":[1,[1,[5,"deleteThenInsertThread",[19,"1700"],[19,"1699"],"my chest",[9],[9],[19,"42"],[19,"1"],false,true,[9]]],` +
		`[1,[5,"verifyContactRowExists",[19,"42"],[19,"0"],"https://x/a.jpg","Ann Lee",[9],false,[19,"1"]]],` +
		`[1,[5,"upsertMessage","my chest hurts",[9],[19,"20"],[19,"42"],[9],[19,"1700000000000"],[19,"1"],[9],"mid.1","otid",[19,"42"],false,[9],[9]]],` +
		`[1,[5,"upsertMessage","ok",[9],[19,"20"],[19,"42"],[9],[19,"1700000001000"],[19,"1"],[9],"mid.2","otid",[19,"7"],false,[9],[9]]],` +
		`[1,[5,"insertBlobAttachment","Photo of a rash",[19,"1"],[19,"1"],"https://x/p.jpg",[19,"42"],"mid.1",[9]]],` +
		`[1,[5,"upsertMessage",{"evil":1},[9],[19,"20"],{"x":1}]],` +
		`[1,[5,"deleteThenInsertThread"]]]}`
	blob := `{"require":[["ScheduledServerJS","handle",null,[{"__bbox":{"require":[["RelayPrefetchedStreamCache","next",[],["adp_x",{"__bbox":{"result":{"data":{"viewer":{"lightspeed_web_request":{"payload":` + jsonQuote(payload) + `}}}}}}]]]}}]]]}`
	html := `<html><body><script type="application/json">{"require":[["CurrentUserInitialData",[],{"USER_ID":"7"},1]]}</script>` +
		`<script type="application/json">` + blob + `</script>` +
		`<script type="application/json">{"lightspeed_web_request":{"payload":"not json"}}</script></body></html>`
	doc, _ := htmlpage.ParseString(html, "https://www.facebook.com/messages/t/42/")
	in := m.ReadInbox(doc.Root())
	if in.ViewerID != "7" {
		t.Errorf("viewer %q", in.ViewerID)
	}
	th := in.Threads["42"]
	if th == nil || len(in.Threads) != 1 {
		t.Fatalf("threads: %+v", in.Threads)
	}
	if th.Name != "Ann Lee" || !th.Request || th.E2EE || th.Snippet != "my chest" || len(th.Messages) != 2 {
		t.Errorf("thread: %+v", th)
	}
	if mm := th.Messages[0]; mm.Text != "my chest hurts" || mm.SenderID != "42" || mm.TimestampMs != 1700000000000 || len(mm.Attachments) != 1 {
		t.Errorf("message: %+v", mm)
	}
}

func jsonQuote(s string) string {
	return `"` + strings.NewReplacer(`\`, `\\`, `"`, `\"`).Replace(s) + `"`
}

// FuzzMessenger: any markup gives a reading without panics, and a second
// scan with the same memory finds nothing new.
func FuzzMessenger(f *testing.F) {
	f.Add(conversationHTML)
	for _, l := range threadLayouts {
		f.Add(l.html)
	}
	f.Add(`<div role="main"><div role="grid"><div role="row"><div role="gridcell"></div></div></div></div>`)
	f.Add(`<script type="application/json">{"lightspeed_web_request":{"payload":"{\"step\":[5,\"upsertMessage\"]}"}}</script>`)
	m := NewMessenger(mustAdapter(f))
	f.Fuzz(func(t *testing.T, html string) {
		const url = "https://www.facebook.com/messages/t/1/"
		doc, err := htmlpage.ParseString(html, url)
		if err != nil {
			return
		}
		seen := htmlpage.Seen{}
		m.ReadInbox(doc.Root())
		m.Scan(doc.Root(), url, seen, time.UTC)
		again := m.Scan(doc.Root(), url, seen, time.UTC)
		if len(again.Rows)+len(again.Bubbles)+len(again.Convs) != 0 {
			t.Errorf("second scan found new things: %+v", again)
		}
	})
}
