package core

import (
	"encoding/json"
	"os"
	"strings"
	"testing"

	"github.com/boundaryhq/boundary/rules"
	"github.com/boundaryhq/boundary/wasm/page"
	"github.com/boundaryhq/boundary/wasm/page/htmlpage"
	"github.com/boundaryhq/boundary/wasm/patients"
	"github.com/boundaryhq/boundary/wasm/testbed"
)

type person struct {
	ID          string `json:"id"`
	Name        string `json:"name"`
	Patient     string `json:"patient"`
	Deactivated bool   `json:"deactivated"`
}

func loadEngine(t testing.TB) *Engine {
	t.Helper()
	eng, err := New(rules.FS)
	if err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile("../testbed/data/patients.csv")
	if err != nil {
		t.Fatal(err)
	}
	tab, err := patients.ReadTable(data)
	if err != nil {
		t.Fatal(err)
	}
	entries, _ := patients.Import(tab, patients.GuessMapping(tab))
	eng.SetPatients(entries)
	return eng
}

func loadPeople(t testing.TB) map[string]person {
	data, err := os.ReadFile("../testbed/data/people.json")
	if err != nil {
		t.Fatal(err)
	}
	var ps []person
	if err := json.Unmarshal(data, &ps); err != nil {
		t.Fatal(err)
	}
	m := map[string]person{}
	for _, p := range ps {
		m[strings.Join(strings.Fields(p.Name), " ")] = p
	}
	return m
}

func scanPage(t testing.TB, eng *Engine, path string) (string, []Item) {
	t.Helper()
	html, err := testbed.Render("www.facebook.com", path)
	if err != nil {
		t.Fatal(err)
	}
	url := "https://www.facebook.com" + path
	doc, err := htmlpage.Parse(strings.NewReader(string(html)), url)
	if err != nil {
		t.Fatal(err)
	}
	root := doc.Root()
	kind, items := eng.Scan(url, []page.Node{root}, nil, eng.RelayNames(root))
	return kind, ofKind(items, "friend_request")
}

// ofKind keeps the items of one kind: friend-request pages also carry
// docked chat windows, whose items the Messenger tests check.
func ofKind(items []Item, kind string) []Item {
	var out []Item
	for _, it := range items {
		if it.Kind == kind {
			out = append(out, it)
		}
	}
	return out
}

// TestFriendRequestPagesMatchGroundTruth scans the testbed's friend-request
// pages in both languages and both markup builds, and checks every verdict
// against the testbed's ground truth: exactly the listed patients are
// flagged, each with the list entry it really is.
func TestFriendRequestPagesMatchGroundTruth(t *testing.T) {
	eng := loadEngine(t)
	people := loadPeople(t)
	for _, path := range []string{
		"/friends/requests/?count=200",
		"/friends/requests/?count=200&locale=de_DE",
		"/friends/requests/?count=200&build=2",
		"/friends/requests/?count=200&build=2&locale=de_DE",
	} {
		t.Run(path, func(t *testing.T) {
			kind, items := scanPage(t, eng, path)
			if kind != "friend_requests" {
				t.Fatalf("page kind: got %q want friend_requests", kind)
			}
			if len(items) != 200 {
				t.Errorf("cards found: got %d want 200", len(items))
			}
			seen := map[string]bool{}
			for _, it := range items {
				p, known := people[it.Name]
				if !known {
					// Filler people are never patients.
					if it.Verdict == VerdictPatient {
						t.Errorf("%q: flagged as %q but is not in people.json", it.Name, it.Match)
					}
					continue
				}
				seen[it.Name] = true
				switch {
				case p.Patient != "" && it.Verdict != VerdictPatient:
					t.Errorf("%q: got %s (score %.2f) want patient %q", it.Name, it.Verdict, it.Score, p.Patient)
				case p.Patient == "" && it.Verdict == VerdictPatient:
					t.Errorf("%q: got patient %q (score %.2f, %v) want unknown", it.Name, it.Match, it.Score, it.Reasons)
				case p.Patient != "" && !strings.HasPrefix(it.Match, p.Patient):
					t.Errorf("%q: matched %q want %q", it.Name, it.Match, p.Patient)
				}
				if it.Verdict == VerdictPatient && len(it.Reasons) == 0 {
					t.Errorf("%q: flagged without reasons", it.Name)
				}
				if !p.Deactivated && !strings.Contains(it.ProfileURL, "facebook.com/") {
					t.Errorf("%q: profile_url %q", it.Name, it.ProfileURL)
				}
			}
			for name := range people {
				if !seen[name] {
					t.Errorf("person %q not found on the page", name)
				}
			}
		})
	}
}

// TestSuggestionsAreNotRequests: "People you may know" cards carry Add
// friend, not Confirm, and must never be read as requests, even when the
// suggested person is a patient.
func TestSuggestionsAreNotRequests(t *testing.T) {
	eng := loadEngine(t)
	people := loadPeople(t)
	for _, path := range []string{"/friends/", "/friends/?locale=de_DE&build=2"} {
		_, items := scanPage(t, eng, path)
		if len(items) == 0 {
			t.Fatalf("%s: no request cards found", path)
		}
		for _, it := range items {
			if _, ok := people[it.Name]; !ok {
				t.Errorf("%s: %q read as a request but is not a request sender", path, it.Name)
			}
		}
	}
}

func TestUnknownPage(t *testing.T) {
	eng := loadEngine(t)
	doc, _ := htmlpage.ParseString(`<div role="button" aria-label="Confirm"><a href="/profile.php?id=1">Jane Smith</a></div>`, "https://example.org/friends/requests/")
	kind, items := eng.Scan(doc.URL(), []page.Node{doc.Root()}, nil, nil)
	if kind != "unknown" || len(items) != 0 {
		t.Errorf("got %q with %d items, want unknown with none", kind, len(items))
	}
}

// TestIncrementalScanHandlesEachCardOnce: a second scan of the same nodes
// returns nothing, as the content script's MutationObserver path relies on.
func TestIncrementalScanHandlesEachCardOnce(t *testing.T) {
	eng := loadEngine(t)
	html, _ := testbed.Render("www.facebook.com", "/friends/requests/?count=50")
	doc, _ := htmlpage.Parse(strings.NewReader(string(html)), "https://www.facebook.com/friends/requests/")
	seen := htmlpage.Seen{}
	_, first := eng.Scan(doc.URL(), []page.Node{doc.Root()}, seen, nil)
	_, again := eng.Scan(doc.URL(), []page.Node{doc.Root()}, seen, nil)
	first = ofKind(first, "friend_request")
	if len(first) != 50 || len(again) != 0 {
		t.Errorf("got %d then %d items, want 50 then 0", len(first), len(again))
	}
}

// BenchmarkScan100Cards measures the native cost of one incremental scan
// that finds 100 new cards (adapter + matching), for comparison with the
// in-browser figure scripts/bench reports.
func BenchmarkScan100Cards(b *testing.B) {
	eng := loadEngine(b)
	html, _ := testbed.Render("www.facebook.com", "/friends/requests/?count=100")
	doc, _ := htmlpage.Parse(strings.NewReader(string(html)), "https://www.facebook.com/friends/requests/")
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		_, items := eng.Scan(doc.URL(), []page.Node{doc.Root()}, htmlpage.Seen{}, nil)
		if items = ofKind(items, "friend_request"); len(items) != 100 {
			b.Fatalf("got %d items", len(items))
		}
	}
}
