package core

import (
	"encoding/json"
	"os"
	"strings"
	"testing"

	"github.com/boundaryhq/boundary/wasm/page"
	"github.com/boundaryhq/boundary/wasm/page/htmlpage"
	"github.com/boundaryhq/boundary/wasm/sites/facebook"
	"github.com/boundaryhq/boundary/wasm/testbed"
	"github.com/boundaryhq/boundary/wasm/triage"
)

type gtMessage struct {
	ID    string `json:"id"`
	From  string `json:"from"`
	Text  string `json:"text"`
	Label string `json:"label"`
}

type gtThread struct {
	ID       string      `json:"id"`
	Name     string      `json:"name"`
	Patient  string      `json:"patient"`
	E2EE     bool        `json:"e2ee"`
	Request  bool        `json:"request"`
	Messages []gtMessage `json:"messages"`
}

func loadThreads(t testing.TB) map[string]gtThread {
	data, err := os.ReadFile("../testbed/data/threads.json")
	if err != nil {
		t.Fatal(err)
	}
	var ts []gtThread
	if err := json.Unmarshal(data, &ts); err != nil {
		t.Fatal(err)
	}
	m := map[string]gtThread{}
	for _, th := range ts {
		m[th.ID] = th
	}
	return m
}

// expected is the ground-truth category of a thread over the messages a
// page makes known: emergency if any is one, else the most severe label.
func expected(msgs []gtMessage) string {
	best := "personal"
	for _, m := range msgs {
		if rank(m.Label) < rank(best) {
			best = m.Label
		}
	}
	return best
}

func rank(c string) int {
	for i, x := range triage.Categories {
		if x == c {
			return i
		}
	}
	return len(triage.Categories)
}

func scanURL(t testing.TB, eng *Engine, host, path string) (string, []Item) {
	t.Helper()
	html, err := testbed.Render(host, path)
	if err != nil {
		t.Fatal(err)
	}
	url := "https://" + host + path
	doc, err := htmlpage.Parse(strings.NewReader(string(html)), url)
	if err != nil {
		t.Fatal(err)
	}
	root := doc.Root()
	eng.ReadMessengerData(root)
	return eng.Scan(url, []page.Node{root}, htmlpage.Seen{}, eng.RelayNames(root))
}

// surfaces are the testbed pages with Messenger content: every
// conversation on facebook.com and messenger.com, the requests folder, and
// the feed with its docked chat windows.
func surfaces(th map[string]gtThread) []struct{ host, path string } {
	var out []struct{ host, path string }
	for id, g := range th {
		p := "/t/" + id + "/"
		if g.E2EE {
			p = "/e2ee" + p
		}
		out = append(out, struct{ host, path string }{"www.facebook.com", "/messages" + p}, struct{ host, path string }{"www.messenger.com", p})
	}
	out = append(out, struct{ host, path string }{"www.facebook.com", "/messages/requests/"}, struct{ host, path string }{"www.messenger.com", "/requests/"}, struct{ host, path string }{"www.facebook.com", "/"})
	return out
}

// TestMessengerPagesMatchGroundTruth scans every Messenger surface of the
// testbed in both languages and both markup builds and checks what the
// adapter read against threads.json: each conversation's id and name,
// every row of the list, message requests, the patient-list match, the
// bubbles' direction, and the verdict of every emergency thread. The other
// categories are compared in aggregate (the detector's accuracy on this
// text is a figure, not a pass/fail line; see BENCHMARKS.md).
func TestMessengerPagesMatchGroundTruth(t *testing.T) {
	th := loadThreads(t)
	agree, total := 0, 0
	for _, q := range []string{"", "?locale=de_DE", "?build=2", "?build=2&locale=de_DE"} {
		for _, s := range surfaces(th) {
			eng := loadEngine(t)
			kind, items := scanURL(t, eng, s.host, s.path+q)
			where := s.host + s.path + q
			open := ""
			if id, _, ok := threadIDOf(s.path); ok {
				open = id
				if kind != "messenger_thread" {
					t.Errorf("%s: page kind %q", where, kind)
				}
			}
			var rows, convs, bubbles int
			for _, it := range items {
				g, ok := th[it.ThreadID]
				if !ok {
					t.Errorf("%s: item for unknown thread %q (%q)", where, it.ThreadID, it.Name)
					continue
				}
				if strings.Join(strings.Fields(it.Name), " ") != strings.Join(strings.Fields(g.Name), " ") {
					t.Errorf("%s: thread %s named %q want %q", where, it.ThreadID, it.Name, g.Name)
				}
				if g.Patient != "" && !strings.HasPrefix(it.Match, g.Patient) {
					t.Errorf("%s: %q matched %q want patient %q", where, g.Name, it.Match, g.Patient)
				}
				if g.Patient == "" && it.Match != "" {
					t.Errorf("%s: %q matched %q but is not a patient", where, g.Name, it.Match)
				}
				if g.Request != it.Request {
					t.Errorf("%s: %q request=%v want %v", where, g.Name, it.Request, g.Request)
				}
				switch {
				case it.Kind == KindMessage:
					bubbles++
					if it.Anchor == nil {
						t.Errorf("%s: message without anchor", where)
					}
				case it.Surface == SurfaceRow:
					rows++
					// A row knows its thread's last message, and all of
					// them when the thread is open beside the list.
					known := g.Messages[len(g.Messages)-1:]
					if it.ThreadID == open {
						known = g.Messages
					}
					if expected(known) == "emergency" && it.Category != "emergency" {
						t.Errorf("%s: row of emergency thread %q shown as %s (%v)", where, g.Name, it.Category, it.Reasons)
					}
				default:
					convs++
					if s.path != "/" && it.ThreadID != open {
						t.Errorf("%s: conversation %s open, want %s", where, it.ThreadID, open)
					}
					if s.path != "/" && it.Messages != len(g.Messages) {
						t.Errorf("%s: conversation %q knows %d messages, want %d (markup and embedded data)", where, g.Name, it.Messages, len(g.Messages))
					}
					known := g.Messages
					want := expected(known)
					if want == "emergency" && it.Category != "emergency" {
						t.Errorf("%s: emergency thread %q shown as %s (%v)", where, g.Name, it.Category, it.Reasons)
					}
					total++
					if (it.Category == "personal") == (want == "personal") {
						agree++
					}
				}
			}
			switch {
			case s.path == "/":
				if convs != 2 {
					t.Errorf("%s: %d chat windows, want 2", where, convs)
				}
			case strings.Contains(s.path, "requests"):
				if rows != 5 || convs != 0 {
					t.Errorf("%s: %d rows and %d conversations, want 5 and 0", where, rows, convs)
				}
			default:
				if convs != 1 || rows < 12 || bubbles == 0 {
					t.Errorf("%s: %d rows, %d conversations, %d bubbles", where, rows, convs, bubbles)
				}
			}
		}
	}
	t.Logf("clinical-vs-personal agreement of open conversations with ground truth: %d/%d", agree, total)
}

func threadIDOf(path string) (string, bool, bool) {
	return facebookThreadID(path)
}

// TestLiveMessageMakesAnEmergency: a bubble appended to an open personal
// conversation and scanned alone (as the MutationObserver hands it over)
// brings the conversation's verdict, re-issued as touched, to emergency.
func TestLiveMessageMakesAnEmergency(t *testing.T) {
	eng := loadEngine(t)
	const id = "100032272158956" // Sophie Turner, a friend with flu
	html, _ := testbed.Render("www.facebook.com", "/messages/t/"+id+"/")
	url := "https://www.facebook.com/messages/t/" + id + "/"
	live := `<div role="row" id="live"><div><span>Sophie Turner</span><div role="gridcell"><div dir="auto">I just took 30 of my sleeping tablets</div></div></div></div>`
	doc, _ := htmlpage.Parse(strings.NewReader(string(html)), url)
	root := doc.Root()
	seen := htmlpage.Seen{}
	eng.ReadMessengerData(root)
	_, items := eng.Scan(url, []page.Node{root}, seen, nil)
	for _, it := range items {
		if it.Kind == KindThread && it.ThreadID == id && it.Category == "emergency" {
			t.Fatalf("before: already an emergency: %+v", it)
		}
	}
	// Put the live bubble into the conversation grid of the same tree.
	grid := root.Query("[role=main] [role=grid]")
	other, err := htmlpage.ParseString(live, url)
	if err != nil || grid == nil {
		t.Fatal("fixture", err)
	}
	appendChild(grid, other.Root().Query("#live"))
	_, items = eng.Scan(url, []page.Node{root.Query("#live")}, seen, nil)
	var conv, msg bool
	for _, it := range items {
		switch {
		case it.Kind == KindMessage && it.Category == "emergency":
			msg = true
		case it.Kind == KindThread && it.Surface == SurfaceConversation && it.ThreadID == id && it.Category == "emergency":
			conv = true
		}
	}
	if !msg || !conv {
		t.Errorf("after the live message: message emergency %v, conversation emergency %v; items %+v", msg, conv, items)
	}
}

// TestOutsideHoursAndClinicProfile: a clinic profile's hours decide the
// "outside clinic hours" reason, in the browser's fixed offset.
func TestOutsideHoursAndClinicProfile(t *testing.T) {
	eng := loadEngine(t)
	out := SetClinic(eng, []byte(`{"profession":"dentist","country":"DE","time_zone":"Europe/Berlin","hours":{"week":{"mon":["08:00-12:00"]}}}`), "Europe/Berlin", "60")
	if !strings.Contains(out, `"hours":"Mon 08:00–12:00`) {
		t.Fatalf("SetClinic: %s", out)
	}
	// Monday 2026-03-02 10:00 UTC is 11:00 in Berlin (open); 12:30 UTC is
	// 13:30 (closed).
	got := ClassifyJSONL(eng, `{"id":"a","text":"Can I book a check-up for next week?","sent_at":"2026-03-02T10:00:00Z"}
{"id":"b","text":"Can I book a check-up for next week?","sent_at":"2026-03-02T12:30:00Z"}
not json`)
	lines := strings.Split(strings.TrimSpace(got), "\n")
	if len(lines) != 3 {
		t.Fatalf("classify: %q", got)
	}
	if strings.Contains(lines[0], "outside clinic hours") || !strings.Contains(lines[1], "outside clinic hours") {
		t.Errorf("hours reasons: %s / %s", lines[0], lines[1])
	}
	if !strings.Contains(lines[2], `"error"`) {
		t.Errorf("bad line: %s", lines[2])
	}
	if bad := SetClinic(eng, []byte(`[1,2]`), "", "x"); !strings.Contains(bad, "error") {
		t.Errorf("a profile that is not an object: %s", bad)
	}
}

// appendChild moves child (from any tree) to the end of parent.
func appendChild(parent, child page.Node) {
	c := child.(htmlpage.Node).HTML()
	c.Parent.RemoveChild(c)
	parent.(htmlpage.Node).HTML().AppendChild(c)
}

var facebookThreadID = facebook.ThreadID

// BenchmarkMessengerPage measures a full scan of a conversation page
// natively (12 rows, the open conversation, its embedded data) with a
// fresh engine memory, so every message is classified.
func BenchmarkMessengerPage(b *testing.B) {
	eng := loadEngine(b)
	html, _ := testbed.Render("www.facebook.com", "/messages/t/100060959803213/")
	const url = "https://www.facebook.com/messages/t/100060959803213/"
	doc, _ := htmlpage.Parse(strings.NewReader(string(html)), url)
	root := doc.Root()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		eng.threads, eng.threadOrder = nil, nil
		eng.ReadMessengerData(root)
		_, items := eng.Scan(url, []page.Node{root}, htmlpage.Seen{}, nil)
		if len(items) < 13 {
			b.Fatalf("got %d items", len(items))
		}
	}
}

// Prepare loads the classifier ahead of the first scan only where the page
// shows a Messenger surface, and only once.
func TestPrepare(t *testing.T) {
	const url = "https://www.facebook.com/friends/requests/"
	html, err := testbed.Render("www.facebook.com", "/friends/requests/")
	if err != nil {
		t.Fatal(err)
	}
	withChat, err := htmlpage.Parse(strings.NewReader(string(html)), url)
	if err != nil {
		t.Fatal(err)
	}
	bare, err := htmlpage.Parse(strings.NewReader(`<html><body><div role="main"><a href="/profile.php?id=4">Ann Lee</a></div></body></html>`), url)
	if err != nil {
		t.Fatal(err)
	}

	eng := loadEngine(t)
	if eng.Prepare(url, bare.Root()) || eng.tri != nil {
		t.Fatal("Prepare loaded the classifier for a page without a Messenger surface")
	}
	if eng.Prepare("https://example.org/", withChat.Root()) || eng.tri != nil {
		t.Fatal("Prepare loaded the classifier for a site it does not know")
	}
	if !eng.Prepare(url, withChat.Root()) || eng.tri == nil {
		t.Fatal("Prepare did not load the classifier for a page with chat windows")
	}
	if eng.Prepare(url, withChat.Root()) {
		t.Fatal("Prepare loaded the classifier twice")
	}
	// The scan after it finds what a scan without it finds.
	_, got := eng.Scan(url, []page.Node{withChat.Root()}, htmlpage.Seen{}, nil)
	_, want := loadEngine(t).Scan(url, []page.Node{withChat.Root()}, htmlpage.Seen{}, nil)
	if len(got) != len(want) || len(ofKind(got, KindMessage)) == 0 {
		t.Fatalf("scan after Prepare: %d items (%d messages), without: %d", len(got), len(ofKind(got, KindMessage)), len(want))
	}
}
