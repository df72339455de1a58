package sites

import (
	"testing"

	"github.com/boundaryhq/boundary/rules"
)

// TestPackExamples runs every site pack's examples: each URL must be
// located as the page kind the example names.
func TestPackExamples(t *testing.T) {
	reg, err := Load(rules.FS)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, s := range reg.Sites {
		for _, set := range []string{"positive", "negative"} {
			for _, ex := range s.Raw.Get("examples." + set).Array() {
				n++
				_, got := reg.Locate(ex.Get("url").String())
				if want := ex.Get("page").String(); got != want {
					t.Errorf("%s %s example %s: got page %q want %q", s.ID, set, ex.Get("url"), got, want)
				}
			}
		}
	}
	if n == 0 {
		t.Fatal("no examples ran")
	}
}

func TestLocate(t *testing.T) {
	reg, err := Load(rules.FS)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct{ url, want string }{
		{"https://www.facebook.com/friends/requests", "friend_requests"},
		{"https://WWW.FACEBOOK.COM:443/friends/requests/?x=1#y", "friend_requests"},
		{"https://user@www.facebook.com/friends", "friends"},
		{"https://www.facebook.com/friendsofmine", "facebook_other"},
		{"https://www.facebook.com", "facebook_other"},
		{"https://www.facebook.com?x=/friends", "facebook_other"},
		{"https://evil.example/?u=https://www.facebook.com/friends", "unknown"},
		{"javascript:alert(1)", "unknown"},
		{"", "unknown"},
	} {
		if _, got := reg.Locate(c.url); got != c.want {
			t.Errorf("Locate(%q): got %q want %q", c.url, got, c.want)
		}
	}
}

func TestLabels(t *testing.T) {
	reg, _ := Load(rules.FS)
	fb := reg.Site("facebook")
	if fb == nil {
		t.Fatal("no facebook pack")
	}
	for _, c := range []struct {
		key, text string
		want      bool
	}{
		{"confirm", "Confirm", true},
		{"confirm", "  confirm   REQUEST ", true},
		{"confirm", "Bestätigen", true},
		{"confirm", "Confirmed", false},
		{"suggestion", "Add friend", true},
		{"confirm", "", false},
	} {
		if got := fb.HasLabel(c.key, c.text); got != c.want {
			t.Errorf("HasLabel(%q, %q): got %v want %v", c.key, c.text, got, c.want)
		}
	}
	if !fb.ContainsLabel("mutual", "12 mutual friends") || !fb.ContainsLabel("mutual", "3 gemeinsame Freunde") {
		t.Error("mutual-friend wording not recognised")
	}
}
