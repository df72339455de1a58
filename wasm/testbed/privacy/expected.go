package privacy

import (
	"errors"
	"net/http"
	"sort"
	"strconv"
	"strings"

	"github.com/boundaryhq/boundary/rules"
	"github.com/boundaryhq/boundary/wasm/audit"
)

// ExpectedPath serves Expected as JSON for the browser tests:
// GET /__testbed/privacy/expected?state=mixed → {"check id": "ok"|"risk"}.
const ExpectedPath = "/__testbed/privacy/expected"

// Expected is the ground truth for a state, derived from the state's
// definition rather than read from any page: each setting's value is
// mapped to the check's canonical value and judged with the check's own
// safe list. It does not depend on how the audit reads pages, so the
// reader's results can be held against it.
func Expected(state string) ([]byte, error) {
	m, err := ExpectedStatuses(state)
	if err != nil {
		return nil, err
	}
	ids := make([]string, 0, len(m))
	for id := range m {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	var b strings.Builder
	b.WriteString("{")
	for i, id := range ids {
		if i > 0 {
			b.WriteString(",")
		}
		b.WriteString(strconv.Quote(id) + ":" + strconv.Quote(m[id]))
	}
	b.WriteString("}")
	return []byte(b.String()), nil
}

// ExpectedStatuses is Expected as a map.
func ExpectedStatuses(state string) (map[string]string, error) {
	p, ok := states[state]
	if !ok {
		return nil, errors.New("privacy testbed: unknown state " + state)
	}
	c, err := audit.Load(rules.FS)
	if err != nil {
		return nil, err
	}
	onOff := func(b bool) string {
		if b {
			return "on"
		}
		return "off"
	}
	// canonical maps a raw setting (an audience id or a value id) to the
	// check's value id.
	canonical := func(ch *audit.Check, raw string) string {
		for _, v := range ch.Values {
			if v.ID == raw {
				return v.ID
			}
			for _, id := range v.IDs {
				if id == raw {
					return v.ID
				}
			}
		}
		return ""
	}
	items := func(ch *audit.Check, lists ...[]item) string {
		worst, any := "none", false
		for _, l := range lists {
			for _, it := range l {
				any = true
				v := canonical(ch, it.audience)
				if ch.Judge(v) == audit.Risk {
					return v
				}
				worst = v
			}
		}
		if !any {
			return "none"
		}
		return worst
	}
	locked := "unlocked"
	if p.locked {
		locked = "locked"
	}
	groups := "none"
	reviews := "none"
	for _, r := range p.replies {
		if r == viewerName {
			reviews = "personal"
		}
	}
	raw := map[string]func(*audit.Check) string{
		"future_posts_audience":          func(ch *audit.Check) string { return canonical(ch, p.future) },
		"past_posts_limited":             func(ch *audit.Check) string { return items(ch, p.posts) },
		"friend_request_senders":         func(ch *audit.Check) string { return canonical(ch, p.friendRequests) },
		"friends_list_visibility":        func(ch *audit.Check) string { return canonical(ch, p.friendsList) },
		"lookup_by_email":                func(ch *audit.Check) string { return canonical(ch, p.emailLookup) },
		"lookup_by_phone":                func(ch *audit.Check) string { return canonical(ch, p.phoneLookup) },
		"search_engine_indexing":         func(*audit.Check) string { return onOff(p.search) },
		"profile_posting":                func(ch *audit.Check) string { return canonical(ch, p.posting) },
		"tag_review":                     func(*audit.Check) string { return onOff(p.tagReview) },
		"timeline_review":                func(*audit.Check) string { return onOff(p.timelineReview) },
		"followers_public_posts":         func(ch *audit.Check) string { return canonical(ch, p.followers) },
		"active_status":                  func(*audit.Check) string { return onOff(p.active) },
		"profile_locked":                 func(*audit.Check) string { return locked },
		"about_work_visible":             func(ch *audit.Check) string { return items(ch, p.work) },
		"about_education_visible":        func(ch *audit.Check) string { return items(ch, p.college, p.school) },
		"about_places_visible":           func(ch *audit.Check) string { return items(ch, p.places) },
		"about_contact_visible":          func(ch *audit.Check) string { return items(ch, p.contact) },
		"about_family_visible":           func(ch *audit.Check) string { return items(ch, p.family, p.relationship) },
		"community_groups":               func(*audit.Check) string { return groups },
		"practice_reviews_from_personal": func(*audit.Check) string { return reviews },
	}
	out := map[string]string{}
	for _, ch := range c.List {
		f := raw[ch.ID]
		if f == nil {
			return nil, errors.New("privacy testbed: no ground truth for check " + ch.ID)
		}
		if ch.ID == "community_groups" {
			for _, g := range p.groups {
				if ch.NameFlagged(g) {
					groups = "community"
				}
			}
		}
		out[ch.ID] = ch.Judge(f(ch))
	}
	return out, nil
}

func serveExpected(w http.ResponseWriter, r *http.Request) {
	body, err := Render(withCookies(r))
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Cache-Control", "no-store")
	w.Write(body)
}
