// Package facebook is the adapter for www.facebook.com: it finds friend
// requests (and, in messenger.go, conversations) in a page through the
// semantic hooks the site keeps stable — roles, aria-labels, link patterns
// and embedded Relay data — as listed in rules/sites/facebook.json.
package facebook

import (
	"strings"

	"github.com/tidwall/gjson"

	"github.com/boundaryhq/boundary/wasm/page"
	"github.com/boundaryhq/boundary/wasm/sites"
)

// Adapter reads Facebook pages with one site pack.
type Adapter struct {
	site     *sites.Site
	notPaths []string
	// confirmSel matches Confirm buttons in every known language, so the
	// browser's selector engine, not a loop over every button on the page,
	// picks them out.
	confirmSel string
	// cardSel matches what marks a person (avatar, profile link): the
	// nearest ancestor of a Confirm button holding one is the card.
	cardSel string
	// nameLabel matches the element whose aria-label is the person's full
	// name (the avatar), from the pack's "avatar_label" selector.
	nameLabel string
}

// New returns an adapter over the facebook site pack.
func New(site *sites.Site) *Adapter {
	a := &Adapter{site: site}
	for _, p := range site.Raw.Get("not_profile_paths").Array() {
		a.notPaths = append(a.notPaths, p.String())
	}
	var b strings.Builder
	for _, lang := range site.LabelsByLang {
		for _, l := range lang["confirm"] {
			if b.Len() > 0 {
				b.WriteString(", ")
			}
			b.WriteString(`[role=button][aria-label="`)
			b.WriteString(cssString(l))
			b.WriteString(`" i]`)
		}
	}
	a.confirmSel = b.String()
	a.cardSel = site.Selectors["card"]
	a.nameLabel = site.Selectors["avatar_label"]
	return a
}

// Site is the pack the adapter reads with.
func (a *Adapter) Site() *sites.Site { return a.site }

// Card is one incoming friend request as the page shows it.
type Card struct {
	// Node is the smallest element holding the request's person and its
	// Confirm button; Anchor is where a badge belongs (next to the name).
	Node, Anchor page.Node
	Name         string
	ProfileURL   string
	ProfileID    string
	Mutual       int
	// FromData is true when the name came from the page's embedded data
	// because the markup had none (deactivated or half-rendered cards).
	FromData bool
}

// maxClimb bounds the walk from a Confirm button to its card. Real cards
// sit 6–15 levels above their buttons; the bound keeps a hostile page from
// making one button cost a walk to the document root.
const maxClimb = 24

// FriendRequests returns the friend-request cards under root that seen has
// not marked yet, and marks them. root may be the whole document or a
// subtree a mutation added; pass a nil seen to get every card. relay maps
// profile ids to names from the page's embedded data (see RelayNames) and
// may be nil.
func (a *Adapter) FriendRequests(root page.Node, pageURL string, seen page.Seen, relay map[string]string) []Card {
	return a.FriendRequestsIn([]page.Node{root}, pageURL, seen, relay)
}

// FriendRequestsIn is FriendRequests over several roots that do not lie
// inside one another (the subtrees one mutation batch added). It finds
// their Confirm buttons with one batched query rather than two per root,
// and marks and reads the cards in batches too (see page.ReadAll).
func (a *Adapter) FriendRequestsIn(roots []page.Node, pageURL string, seen page.Seen, relay map[string]string) []Card {
	buttons := page.QueryAllIn(roots, a.confirmSel)
	found := a.cardsOf(buttons)
	if seen != nil && len(found) > 0 {
		nodes := make([]page.Node, len(found))
		for i, l := range found {
			nodes[i] = l.card
		}
		isNew := page.MarkAll(seen, nodes)
		kept := found[:0]
		for i, l := range found {
			if isNew[i] {
				kept = append(kept, l)
			}
		}
		found = kept
	}
	return a.readAll(found, pageURL, relay)
}

// located is a card as cardOf found it: its profile link (nil for cards
// without one), the link's href, and whether the link lies inside the card
// rather than around it.
type located struct {
	card, link page.Node
	href       string
	inside     bool
}

// cardsOf finds the card of each Confirm button, in order, leaving out
// buttons without one. A card is the nearest ancestor that holds a profile
// link or an avatar (the pack's "card" selector): the climbs, the links the
// cards sit inside and those links' addresses are each asked for all
// buttons in one batched call. Buttons that this leaves open take the
// slower path of cardOf.
func (a *Adapter) cardsOf(buttons []page.Node) []located {
	out := make([]located, len(buttons))
	open := make([]bool, len(buttons))
	if a.cardSel == "" {
		for i := range open {
			open[i] = true
		}
	} else {
		holders := page.HolderAll(buttons, a.cardSel, maxClimb)
		var at []int // buttons with a card, and their cards
		var cards []page.Node
		for i, c := range holders {
			if c == nil || c.Same(buttons[i]) {
				open[i] = true
				continue
			}
			at, cards = append(at, i), append(cards, c)
		}
		// The link each card sits inside (closest() starts at the card
		// itself, so a card that is a link is inside it), when it leads
		// to a person.
		around := page.ClosestAll(cards, "a[href]")
		var links []page.Node
		for _, l := range around {
			if l != nil {
				links = append(links, l)
			}
		}
		hrefs := page.ReadAll(links, []page.Read{{Attr: "href"}})
		for k, c := range cards {
			l := around[k]
			if l != nil {
				href := hrefs[0].S
				hrefs = hrefs[1:]
				if _, ok := a.ProfileID(href); ok {
					out[at[k]] = located{card: c, link: l, href: href, inside: l.Same(c)}
					continue
				}
			}
			if l, href := a.profileLink(c); l != nil {
				out[at[k]] = located{card: c, link: l, href: href, inside: true}
			} else {
				out[at[k]] = located{card: c}
			}
		}
	}
	found := out[:0]
	for i, l := range out {
		if open[i] {
			l = a.cardOf(buttons[i])
		}
		if l.card != nil {
			found = append(found, l)
		}
	}
	return found
}

// cardOf climbs from a Confirm button level by level when the pack's card
// selector found nothing: the first ancestor with a profile link, or with
// an avatar, is the card. Cards of deactivated accounts have neither; for
// them the first ancestor with a name-bearing text span will do.
func (a *Adapter) cardOf(button page.Node) located {
	avatar := a.site.Selectors["avatar"]
	n := button.Parent()
	for i := 0; n != nil && i < maxClimb; i, n = i+1, n.Parent() {
		if l, href := a.profileLink(n); l != nil {
			return located{card: n, link: l, href: href, inside: true}
		}
		if n.Query(avatar) != nil {
			l, href := a.enclosingProfileLink(n)
			return located{card: n, link: l, href: href, inside: l != nil && l.Same(n)}
		}
	}
	n = button.Parent()
	for i := 0; n != nil && i < maxClimb; i, n = i+1, n.Parent() {
		if a.nameSpan(n) != nil {
			return located{card: n}
		}
	}
	return located{}
}

// profileLink returns the first link under n whose address is a person's
// profile, skipping navigation, mutual-friend and settings links.
func (a *Adapter) profileLink(n page.Node) (link page.Node, href string) {
	for _, l := range n.QueryAll("a[href]") {
		href := page.AttrOr(l, "href")
		if _, ok := a.ProfileID(href); ok {
			return l, href
		}
	}
	return nil, ""
}

// enclosingProfileLink returns the profile link a card sits inside, if any:
// on /friends/requests the whole card, buttons included, is one link.
func (a *Adapter) enclosingProfileLink(n page.Node) (link page.Node, href string) {
	l := n.Closest("a[href]")
	if l == nil {
		return nil, ""
	}
	href = page.AttrOr(l, "href")
	if _, ok := a.ProfileID(href); !ok {
		return nil, ""
	}
	return l, href
}

// nameSpan returns the first span[dir=auto] under n whose text is a name
// rather than a button label or a mutual-friends count.
func (a *Adapter) nameSpan(n page.Node) page.Node {
	for _, s := range n.QueryAll(a.site.Selectors["name"]) {
		link := s.Closest("a[href]")
		if link == nil && s.Closest("[role=button]") != nil {
			continue // a button's caption
		}
		if link != nil {
			if _, ok := a.ProfileID(page.AttrOr(link, "href")); !ok {
				continue // a link to somewhere other than a person
			}
		}
		t := strings.TrimSpace(s.Text())
		if t == "" || a.isChrome(t) {
			continue
		}
		return s
	}
	return nil
}

// isChrome reports text that belongs to the site's interface, not a person.
func (a *Adapter) isChrome(t string) bool {
	s := a.site
	return s.HasLabel("confirm", t) || s.HasLabel("delete", t) || s.HasLabel("suggestion", t) || s.ContainsLabel("mutual", t)
}

func (a *Adapter) readAll(found []located, pageURL string, relay map[string]string) []Card {
	if len(found) == 0 {
		return nil
	}
	// Two batched reads: each card's text (for the mutual-friends count)
	// and avatar label, and the text of each link inside a card.
	reads := []page.Read{{}}
	if a.nameLabel != "" {
		reads = append(reads, page.Read{Sel: a.nameLabel, Attr: "aria-label"})
	}
	nodes := make([]page.Node, len(found))
	var links []page.Node
	for i, l := range found {
		nodes[i] = l.card
		if l.link != nil && l.inside {
			links = append(links, l.link)
		}
	}
	cardVals := page.ReadAll(nodes, reads)
	linkVals := page.ReadAll(links, []page.Read{{}})
	cards := make([]Card, len(found))
	for i, l := range found {
		var label page.Value
		if len(reads) > 1 {
			label = cardVals[i*len(reads)+1]
		}
		var linkText string
		if l.link != nil && l.inside {
			linkText, linkVals = linkVals[0].S, linkVals[1:]
		}
		cards[i] = a.read(l, cardVals[i*len(reads)].S, label, linkText, pageURL, relay)
	}
	return cards
}

// read makes the Card of one located card from the values readAll read:
// the card's text, its avatar's label and the text of its link.
func (a *Adapter) read(l located, cardText string, label page.Value, linkText, pageURL string, relay map[string]string) Card {
	card, link := l.card, l.link
	c := Card{Node: card, Anchor: card}
	if link != nil {
		c.ProfileID, _ = a.ProfileID(l.href)
		c.ProfileURL = a.profileURL(l.href, c.ProfileID, pageURL)
	}
	// The avatar's label is the full name the person chose; the visible
	// name may be truncated. Prefer it, then the link text, then any span.
	if label.OK {
		c.Name = clean(label.S)
	}
	if link != nil {
		// A link that wraps the whole card reads "Jane Smith 3 mutual
		// friends Confirm Delete"; only a link inside the card is a name.
		if l.inside {
			if t := clean(linkText); t != "" && !a.isChrome(t) {
				if c.Name == "" {
					c.Name = t
				}
				c.Anchor = link
			}
		} else {
			c.Anchor = link
		}
	}
	if c.Name == "" || c.Anchor.Same(card) {
		if s := a.nameSpan(card); s != nil {
			if c.Name == "" {
				c.Name = clean(s.Text())
			}
			if c.Anchor.Same(card) {
				c.Anchor = s
			}
		}
	}
	if c.Name == "" && c.ProfileID != "" && relay != nil {
		if n := relay[c.ProfileID]; n != "" {
			c.Name, c.FromData = n, true
		}
	}
	c.Mutual = a.mutual(cardText)
	return c
}

// mutual finds "12 mutual friends" in a card's text and returns 12. The
// number stands just before the wording in every language listed.
func (a *Adapter) mutual(text string) int {
	t := sites.FoldLabel(text)
	for _, l := range a.site.Labels["mutual"] {
		i := strings.Index(t, l)
		if i <= 0 {
			continue
		}
		j := i
		for j > 0 && (t[j-1] == ' ' || t[j-1] == '.' || t[j-1] == ',' || t[j-1] >= '0' && t[j-1] <= '9') {
			j--
		}
		if n := leadingNumber(t[j:i]); n > 0 {
			return n
		}
	}
	return 0
}

// cssString escapes s for use inside a double-quoted CSS string.
func cssString(s string) string {
	return strings.NewReplacer(`\`, `\\`, `"`, `\"`).Replace(s)
}

// ProfileID extracts a profile's id or vanity name from a link address,
// absolute or relative, and reports whether the address is a profile at all.
func (a *Adapter) ProfileID(href string) (string, bool) {
	h := href
	if i := strings.Index(h, "://"); i >= 0 {
		rest := h[i+3:]
		j := strings.IndexByte(rest, '/')
		if j < 0 {
			return "", false
		}
		if _, kind := siteHost(rest[:j], a.site.Hosts); !kind {
			return "", false
		}
		h = rest[j:]
	}
	if !strings.HasPrefix(h, "/") || strings.HasPrefix(h, "//") {
		return "", false
	}
	path, query, _ := strings.Cut(h, "?")
	query, _, _ = strings.Cut(query, "#")
	path, _, _ = strings.Cut(path, "#")
	if id := queryValue(query, "profile_id"); id != "" && isDigits(id) {
		return id, true
	}
	if path == "/profile.php" {
		if id := queryValue(query, "id"); id != "" && isDigits(id) {
			return id, true
		}
		return "", false
	}
	seg := strings.Trim(path, "/")
	if seg == "" || strings.Contains(seg, "/") || strings.HasSuffix(seg, ".php") {
		return "", false
	}
	for _, p := range a.notPaths {
		if "/"+seg == p {
			return "", false
		}
	}
	for i := 0; i < len(seg); i++ {
		c := seg[i]
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '.') {
			return "", false
		}
	}
	return seg, true
}

func (a *Adapter) profileURL(href, id, pageURL string) string {
	if id == "" {
		return ""
	}
	origin := "https://www.facebook.com"
	if i := strings.Index(pageURL, "://"); i >= 0 {
		rest := pageURL[i+3:]
		if j := strings.IndexAny(rest, "/?#"); j >= 0 {
			rest = rest[:j]
		}
		if _, ok := siteHost(rest, a.site.Hosts); ok {
			origin = pageURL[:i+3] + rest
		}
	}
	if isDigits(id) {
		return origin + "/profile.php?id=" + id
	}
	return origin + "/" + id
}

// RelayNames reads the friend-request edges Facebook embeds in
// script[type="application/json"] tags: profile id → name. Only scripts
// mentioning the pack's marker are parsed, so unrelated megabytes of page
// data cost one substring search each.
func (a *Adapter) RelayNames(root page.Node) map[string]string {
	relay := a.site.Raw.Get("relay")
	marker := relay.Get("marker").String()
	edgesKey := relay.Get("edges").String()
	out := map[string]string{}
	for _, s := range root.QueryAll(a.site.Selectors["embedded_json"]) {
		text := s.Text()
		if marker == "" || !strings.Contains(text, marker) || !gjson.Valid(text) {
			continue
		}
		collectEdges(gjson.Parse(text), edgesKey, relay.Get("id").String(), relay.Get("name").String(), out, 0)
	}
	return out
}

// collectEdges searches a JSON tree for objects carrying edgesKey. The
// require/__bbox wrapping changes between builds, so the search does not
// assume a path to it.
func collectEdges(v gjson.Result, edgesKey, idPath, namePath string, out map[string]string, depth int) {
	if depth > 40 {
		return
	}
	if v.IsObject() {
		if e := v.Get(edgesKey); e.IsArray() {
			for _, edge := range e.Array() {
				id, name := edge.Get(idPath).String(), edge.Get(namePath).String()
				if id != "" && name != "" {
					out[id] = name
				}
			}
		}
	}
	if v.IsObject() || v.IsArray() {
		v.ForEach(func(_, child gjson.Result) bool {
			if child.IsObject() || child.IsArray() {
				collectEdges(child, edgesKey, idPath, namePath, out, depth+1)
			}
			return true
		})
	}
}

func siteHost(host string, hosts []string) (string, bool) {
	if i := strings.LastIndexByte(host, '@'); i >= 0 {
		host = host[i+1:]
	}
	if i := strings.LastIndexByte(host, ':'); i >= 0 {
		host = host[:i]
	}
	host = strings.ToLower(host)
	for _, h := range hosts {
		if h == host {
			return h, true
		}
	}
	return "", false
}

func queryValue(query, key string) string {
	for _, kv := range strings.Split(query, "&") {
		k, v, _ := strings.Cut(kv, "=")
		if k == key {
			return v
		}
	}
	return ""
}

func isDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// leadingNumber returns the first run of digits in s ("12 mutual friends"
// → 12, "1.234 gemeinsame Freunde" → 1234), or 0.
func leadingNumber(s string) int {
	n, seen := 0, false
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= '0' && c <= '9':
			n, seen = n*10+int(c-'0'), true
		case seen && (c == '.' || c == ',') && i+1 < len(s) && s[i+1] >= '0' && s[i+1] <= '9':
		case seen:
			return n
		}
	}
	return n
}

// clean trims and collapses white space in a name read from the page.
func clean(s string) string { return strings.Join(strings.Fields(s), " ") }
