package facebook

import (
	"testing"

	"github.com/boundaryhq/boundary/rules"
	"github.com/boundaryhq/boundary/wasm/page/htmlpage"
	"github.com/boundaryhq/boundary/wasm/sites"
)

func adapter(t *testing.T) *Adapter {
	t.Helper()
	reg, err := sites.Load(rules.FS)
	if err != nil {
		t.Fatal(err)
	}
	return New(reg.Site("facebook"))
}

// Layouts the testbed does not use, each shaped like a variant seen on
// the real site: the adapter must key on roles, labels and links, never
// on nesting. The expected cards are stated next to each fixture.
var layouts = []struct {
	name string
	html string
	want []Card // Name, ProfileURL and Mutual are compared
}{
	{
		name: "name link separate from buttons, vanity URL, img avatar",
		html: `<div role="main"><div class="a"><div class="b">
			<div><a href="https://www.facebook.com/jane.smith.77?__tn__=%2CdK" role="link" tabindex="0"><img alt="" src="https://scontent.example/p.jpg"></a></div>
			<div><div><a href="/jane.smith.77" role="link"><span dir="auto"><span>Jane Smith</span></span></a></div>
			<div><span dir="auto">3 mutual friends</span></div>
			<div><div aria-label="Confirm request" role="button" tabindex="0"><span dir="auto">Confirm</span></div>
			<div aria-label="Delete request" role="button" tabindex="0"><span dir="auto">Delete</span></div></div></div>
		</div></div></div>`,
		want: []Card{{Name: "Jane Smith", ProfileURL: "https://www.facebook.com/jane.smith.77", Mutual: 3}},
	},
	{
		name: "deactivated account: no link, button where the link would be",
		html: `<div><div><div role="button" tabindex="0"><svg role="img" aria-label="Old Account"><image href="x"></image></svg></div>
			<span dir="auto">Old Account</span>
			<div role="button" aria-label="Confirm"><span>Confirm</span></div><div role="button" aria-label="Delete"></div></div></div>`,
		want: []Card{{Name: "Old Account"}},
	},
	{
		name: "suggestions are not requests",
		html: `<div><a href="/profile.php?id=42"><span dir="auto">Sam Patel</span></a>
			<div role="button" aria-label="Add friend"></div><div role="button" aria-label="Remove"></div></div>`,
	},
	{
		name: "two requests in a list, German labels, label case differs",
		html: `<div role="list"><div role="listitem"><div><a href="/friends/requests/?profile_id=1001"><svg role="img" aria-label="Jürgen Müller"></svg></a>
			<a href="/friends/requests/?profile_id=1001"><span dir="auto">Jürgen Müller</span></a><span dir="auto">1.024 gemeinsame Freunde</span>
			<div role="button" aria-label="bestätigen"></div><div role="button" aria-label="Löschen"></div></div></div>
			<div role="listitem"><div><a href="/friends/requests/?profile_id=1002"><svg role="img" aria-label="Anna Schmidt"></svg></a>
			<span dir="auto">Anna Schmidt</span>
			<div role="button" aria-label="Bestätigen"></div></div></div></div>`,
		want: []Card{
			{Name: "Jürgen Müller", ProfileURL: "https://www.facebook.com/profile.php?id=1001", Mutual: 1024},
			{Name: "Anna Schmidt", ProfileURL: "https://www.facebook.com/profile.php?id=1002"},
		},
	},
	{
		name: "hostile name stays literal text",
		html: `<div><a href="/profile.php?id=7"><span dir="auto">&lt;img src=x onerror=alert(1)&gt;</span></a>
			<div role="button" aria-label="Confirm"></div></div>`,
		want: []Card{{Name: "<img src=x onerror=alert(1)>", ProfileURL: "https://www.facebook.com/profile.php?id=7"}},
	},
	{
		name: "links to other sites and site sections are not profiles",
		html: `<div><a href="https://evil.example/jane"><span dir="auto">Evil</span></a><a href="/groups/123"></a>
			<span dir="auto">Real Person</span><div role="button" aria-label="Confirm"></div></div>`,
		want: []Card{{Name: "Real Person"}},
	},
}

func TestFriendRequestLayouts(t *testing.T) {
	a := adapter(t)
	for _, l := range layouts {
		t.Run(l.name, func(t *testing.T) {
			doc, err := htmlpage.ParseString(l.html, "https://www.facebook.com/friends/requests/")
			if err != nil {
				t.Fatal(err)
			}
			got := a.FriendRequests(doc.Root(), doc.URL(), htmlpage.Seen{}, nil)
			if len(got) != len(l.want) {
				t.Fatalf("got %d cards %+v, want %d", len(got), got, len(l.want))
			}
			for i, w := range l.want {
				g := got[i]
				if g.Name != w.Name || g.ProfileURL != w.ProfileURL || g.Mutual != w.Mutual {
					t.Errorf("card %d: got {%q %q %d} want {%q %q %d}", i, g.Name, g.ProfileURL, g.Mutual, w.Name, w.ProfileURL, w.Mutual)
				}
			}
		})
	}
}

func TestProfileID(t *testing.T) {
	a := adapter(t)
	for _, c := range []struct {
		href, id string
		ok       bool
	}{
		{"/profile.php?id=100004", "100004", true},
		{"/friends/requests/?profile_id=55&ref=x", "55", true},
		{"https://www.facebook.com/jane.doe", "jane.doe", true},
		{"https://m.facebook.com/jane.doe?ref=bookmarks", "jane.doe", true},
		{"https://www.facebook.com.evil.example/jane.doe", "", false},
		{"//evil.example/jane", "", false},
		{"/friends/", "", false},
		{"/groups/abc", "", false},
		{"/profile.php?id=abc", "", false},
		{"javascript:alert(1)", "", false},
		{"", "", false},
	} {
		id, ok := a.ProfileID(c.href)
		if id != c.id || ok != c.ok {
			t.Errorf("ProfileID(%q): got %q, %v want %q, %v", c.href, id, ok, c.id, c.ok)
		}
	}
}

func TestRelayNames(t *testing.T) {
	a := adapter(t)
	html := `<html><body><script type="application/json" data-sjs>{"require":[["ScheduledServerJS","handle",null,[{"__bbox":{"require":[["RelayPrefetchedStreamCache","next",[],["adp_x",{"__bbox":{"result":{"data":{"viewer":{"friending_possibilities":{"edges":[{"node":{"id":"9","name":"Ann \u003cb\u003eLee"}}]}}}}}}]]]}}]]]}</script>
	<script type="application/json">{"unrelated":true}</script><script type="application/json">{not json friending_possibilities</script></body></html>`
	doc, _ := htmlpage.ParseString(html, "https://www.facebook.com/friends/requests/")
	got := a.RelayNames(doc.Root())
	if len(got) != 1 || got["9"] != "Ann <b>Lee" {
		t.Errorf("got %v want map[9:Ann <b>Lee]", got)
	}
}

func FuzzFriendRequests(f *testing.F) {
	for _, l := range layouts {
		f.Add(l.html)
	}
	f.Add(`<div role=button aria-label=Confirm><a href="/profile.php?id=1"><div role=button aria-label=Confirm></div></a></div>`)
	a, _ := sites.Load(rules.FS)
	ad := New(a.Site("facebook"))
	f.Fuzz(func(t *testing.T, html string) {
		doc, err := htmlpage.ParseString(html, "https://www.facebook.com/friends/requests/")
		if err != nil {
			return
		}
		seen := htmlpage.Seen{}
		first := ad.FriendRequests(doc.Root(), doc.URL(), seen, ad.RelayNames(doc.Root()))
		if again := ad.FriendRequests(doc.Root(), doc.URL(), seen, nil); len(again) != 0 {
			t.Errorf("a second scan found %d cards again (first found %d)", len(again), len(first))
		}
	})
}
