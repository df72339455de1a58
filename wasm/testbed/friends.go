package testbed

import (
	"strconv"
	"strings"
)

// Viewer is the clinician whose account the pages belong to.
var Viewer = Person{ID: "100004242424242", Name: "Sam Carter", Vanity: "sam.carter.gp"}

const pageSize = 10

// pageBuilder collects what one HTML page needs while it is built.
type pageBuilder struct {
	rq     *req
	ids    int
	route  string
	title  string
	mounts map[string]string // element ids the page script looks up
	boot   map[string]any    // CometTestbedBootstrap payload
	blobs  []*node           // data scripts at the end of <body>
	dock   *node             // docked chat windows, if any

	idPrefix string
}

func newPage(rq *req, route, title string) *pageBuilder {
	pg := &pageBuilder{rq: rq, route: route, title: title, mounts: map[string]string{}, boot: map[string]any{}}
	// Banner ids first, in the same order on every page, so a pushState
	// navigation that keeps the old banner cannot collide with new ids.
	pg.mount("jewel")
	pg.mount("layer")
	return pg
}

// uid returns a React useId-style id (":R1f:").
func (pg *pageBuilder) uid() string {
	prefix := pg.idPrefix
	if prefix == "" {
		prefix = ":R"
	}
	s := prefix + strconv.FormatInt(int64(pg.ids), 36) + ":"
	pg.ids++
	return s
}

func (pg *pageBuilder) mount(name string) string {
	if id, ok := pg.mounts[name]; ok {
		return id
	}
	id := pg.uid()
	pg.mounts[name] = id
	return id
}

// cardSlots is the data a card template is filled with. comet.js repeats
// these rules in slotsFor for cards it invents; keep them equal.
func (pg *pageBuilder) cardSlots(p Person, suggestion bool) map[string]string {
	L := pg.rq.L
	h := idHash(p.ID)
	d := map[string]string{
		"id":     p.ID,
		"name":   p.Name,
		"avatar": avatarURL(avatarID(p.ID)),
	}
	switch {
	case p.Deactivated:
	case p.Vanity != "":
		d["href"] = "/" + p.Vanity
	case suggestion || h%3 == 1:
		d["href"] = "/profile.php?id=" + p.ID
	default:
		d["href"] = "/friends/requests/?profile_id=" + p.ID
	}
	if m := mutualCount(p.ID); m > 0 {
		d["mutual"] = L.mutual(m)
		if h%5 == 2 {
			d["mutual_lb"] = pg.uid()
		}
	}
	if suggestion {
		d["primary_label"], d["primary_text"] = L.get("add_friend"), L.get("add_friend")
		d["secondary_label"], d["secondary_text"] = L.get("remove"), L.get("remove")
	} else {
		d["primary_label"], d["primary_text"] = L.get("confirm"), L.get("confirm")
		d["secondary_label"], d["secondary_text"] = L.get("delete"), L.get("delete")
		if h%4 == 0 {
			d["primary_label"], d["secondary_label"] = L.get("confirm_request"), L.get("delete_request")
		}
	}
	return d
}

func relayEdge(p Person, d map[string]string) map[string]any {
	var u any
	if d["href"] != "" {
		u = "https://www.facebook.com" + d["href"]
	}
	return map[string]any{
		"node": map[string]any{
			"__typename":      "User",
			"id":              p.ID,
			"name":            p.Name,
			"url":             u,
			"profile_picture": map[string]any{"uri": "https://www.facebook.com" + d["avatar"]},
			"social_context":  map[string]any{"text": d["mutual"]},
			"is_deactivated":  p.Deactivated,
		},
		"cursor": "AQHR" + strconv.FormatUint(uint64(idHash(p.ID)), 36),
	}
}

// relayBlob wraps a query result the way Comet pages preload Relay data.
func relayBlob(preloader string, data any, nonce string) *node {
	return jsonScript(map[string]any{
		"require": []any{[]any{"ScheduledServerJS", "handle", nil, []any{map[string]any{
			"__bbox": map[string]any{
				"require": []any{[]any{"RelayPrefetchedStreamCache", "next", []any{}, []any{
					preloader,
					map[string]any{"__bbox": map[string]any{
						"complete":        true,
						"result":          map[string]any{"data": data, "extensions": map[string]any{"is_final": true}},
						"sequence_number": 0,
					}},
				}}},
			},
		}}}},
	}, nonce)
}

func requestsRelay(edges []any, total int, next int, nonce string) *node {
	return relayBlob("adp_FriendingCometFriendRequestsRootQueryRelayPreloader_6580e3b1a7ac0c0a3a6b3f2", map[string]any{
		"viewer": map[string]any{
			"friending_possibilities": map[string]any{
				"edges":     edges,
				"count":     total,
				"page_info": map[string]any{"has_next_page": next >= 0, "end_cursor": strconv.Itoa(max(next, 0))},
			},
			"actor": map[string]any{"__typename": "User", "id": Viewer.ID},
		},
	}, nonce)
}

// --- templates --------------------------------------------------------------

func avatarTpl(b build, size string) *node {
	return el("svg", a("aria-label", "{name}", "role", "img", "class", b.cx("block"), "width", size, "height", size, "viewBox", "0 0 60 60"),
		el("g", nil,
			el("image", a("x", "0", "y", "0", "width", "60", "height", "60", "preserveAspectRatio", "xMidYMid slice", "xlink:href", "{avatar}")),
			el("circle", a("cx", "30", "cy", "30", "r", "29.5", "fill", "none", "stroke", "rgba(0,0,0,0.1)", "stroke-width", "1")),
		))
}

func nameTpl(b build) *node {
	return el("span", a("class", b.cx("block", "txt15", "semibold", "txtprimary", "breakword"), "dir", "auto"),
		el("span", a("class", b.cx("block", "clamp2")),
			el("span", a("class", b.cx("breakword")), text("{name}"))))
}

func mutualTpl(b build) *node {
	mini := el("div", a("class", b.cx("flex", "row")),
		el("div", a("class", b.cx("w20", "roundfull", "secondarybg"))),
		el("div", a("class", b.cx("w20", "roundfull", "wash"))))
	withLB := &node{If: "mutual_lb", Kids: []*node{
		el("div", a("role", "button", "tabindex", "0", "aria-labelledby", "{mutual_lb}", "class", b.cx("flex", "row", "center", "gap4", "pointer")),
			b.wrap(1, mini, "noshrink"),
			el("span", a("id", "{mutual_lb}", "dir", "auto", "class", b.cx("txt13", "txtsecond")), text("{mutual}"))),
	}}
	plain := &node{Unless: "mutual_lb", Kids: []*node{
		el("span", a("dir", "auto", "class", b.cx("block", "txt13", "txtsecond")),
			el("span", a("class", b.cx("ellipsis", "nowrap")), text("{mutual}"))),
	}}
	return &node{If: "mutual", Kids: []*node{el("div", a("class", b.cx("mt4", "flex", "center")), withLB, plain)}}
}

func buttonTpl(b build, which string, primary bool) *node {
	bg, fg := "secondarybg", "txtprimary"
	if primary {
		bg, fg = "primarybg", "txtonmedia"
	}
	return el("div", a("aria-label", "{"+which+"_label}", "role", "button", "tabindex", "0", "class", b.cx("iflex", "rel", "jcenter", "center", "grow", "h36", "padx12", "round6", "pointer", bg)),
		el("div", a("class", b.cx("flex", "center", "minw0")),
			el("div", a("class", b.cx("flex", "center")),
				el("span", a("class", b.cx("txt15", "semibold", fg, "nowrap"), "dir", "auto"),
					el("span", a("class", b.cx("ellipsis")), text("{"+which+"_text}"))))),
		el("div", a("class", b.cx("abs", "round6"), "role", "none", "data-visualcompletion", "ignore")))
}

func buttonsTpl(b build) *node {
	p, s := buttonTpl(b, "primary", true), buttonTpl(b, "secondary", false)
	if b.n == 2 {
		// Secondary first in the DOM, shown second by row-reverse.
		return el("div", a("class", b.cx("flex", "rowrev", "gap8", "mt8", "order1")), s, p)
	}
	return el("div", a("class", b.cx("flex", "row", "gap8", "mt8")), p, s)
}

// linkOr renders kids inside the profile link, or inside a div[role=button]
// for a deactivated account that has no profile to link to.
func linkOr(b build, hidden bool, groups []string, kids ...*node) *node {
	attrs := a("href", "{href}", "role", "link", "tabindex", "0", "class", b.cx(groups...))
	if hidden {
		attrs = a("aria-hidden", "true", "href", "{href}", "role", "link", "tabindex", "-1", "class", b.cx(groups...))
	}
	return frag(
		&node{If: "href", Kids: []*node{el("a", attrs, kids...)}},
		&node{Unless: "href", Kids: []*node{el("div", a("role", "button", "tabindex", "0", "class", b.cx(groups...)), kids...)}},
	)
}

// cardTpl is a request card ("list" in the requests pane, "grid" on the
// friends home). Suggestions use the grid card with other buttons, as the
// real site does. Build 2 changes nesting, wrapper order and DOM order.
func cardTpl(b build, grid bool) *node {
	size := "60"
	if grid {
		size = "100%"
	}
	avatar := avatarTpl(b, size)
	name := nameTpl(b)
	if b.n == 1 {
		var content *node
		if grid {
			content = el("div", a("class", b.cx("flex", "col", "w100")),
				b.wrap(2, avatar, "rel", "hidden"),
				el("div", a("class", b.cx("pad12", "flex", "col")),
					b.wrap(2, name), mutualTpl(b), el("div", a("class", b.cx("flex", "col")), buttonsTpl(b))))
			return el("div", a("class", b.cx("white", "round8", "shadow", "hidden", "flex", "col")),
				b.wrap(1, linkOr(b, false, []string{"block", "nodecor", "txtprimary", "outline0"}, content)))
		}
		content = el("div", a("class", b.cx("flex", "row", "center", "pad8", "gap12")),
			b.wrap(2, el("div", a("class", b.cx("w60", "roundfull", "hidden", "noshrink")), avatar), "noshrink"),
			el("div", a("class", b.cx("grow", "minw0", "flex", "col")),
				b.wrap(2, name), b.wrap(1, mutualTpl(b)), buttonsTpl(b)))
		return el("div", a("class", b.cx("rel", "padx8")),
			b.wrap(2, linkOr(b, false, []string{"block", "nodecor", "round8", "outline0"}, content)))
	}
	// Build 2: text column first in the DOM, separate links for name and
	// avatar, buttons before the name, extra wrappers.
	nameLink := linkOr(b, false, []string{"nodecor", "txtprimary", "outline0"}, b.wrap(1, name, "block"))
	avatarLink := linkOr(b, true, []string{"block", "outline0"}, avatar)
	textCol := el("div", a("class", b.cx("grow", "minw0", "flex", "col")),
		b.wrap(1, buttonsTpl(b), "order1"),
		b.wrap(3, nameLink),
		b.wrap(2, mutualTpl(b)))
	if grid {
		return el("div", a("class", b.cx("rel")),
			b.wrap(1, el("div", a("class", b.cx("white", "round8", "shadow", "hidden", "flex", "col")),
				el("div", a("class", b.cx("flex", "col", "pad12", "order1")), b.wrap(1, textCol)),
				b.wrap(3, avatarLink, "rel", "block"))))
	}
	return el("div", a("class", b.cx("rel")),
		b.wrap(3, el("div", a("class", b.cx("flex", "rowrev", "center", "pad8", "gap12")),
			b.wrap(2, textCol, "grow", "minw0"),
			el("div", a("class", b.cx("w60", "roundfull", "hidden", "noshrink")), b.wrap(1, avatarLink)))))
}

func spinnerTpl(b build) *node {
	return el("div", a("role", "progressbar", "aria-label", "{loading}", "aria-valuemin", "0", "aria-valuemax", "100", "aria-valuetext", "{loading}", "tabindex", "-1", "class", b.cx("flex", "jcenter", "pad16")),
		el("div", a("class", b.cx("spinner", "spin", "boxb"))))
}

func closeIcon() *node {
	return el("svg", a("viewBox", "0 0 20 20", "width", "20", "height", "20", "fill", "currentColor", "aria-hidden", "true"),
		el("path", a("d", "M15.5 4.5l-11 11m0-11l11 11", "stroke", "currentColor", "stroke-width", "2")))
}

func dialogTpl(b build) *node {
	list := el("div", a("class", b.cx("scrolly", "pady8", "grow")))
	list.Mount = "list"
	closeBtn := el("div", a("role", "button", "tabindex", "0", "aria-label", "{close}", "class", b.cx("iflex", "center", "jcenter", "w36", "roundfull", "secondarybg", "pointer")), closeIcon())
	closeBtn.Mount = "close"
	return el("div", a("role", "dialog", "aria-label", "{title}", "class", b.cx("fixed", "z3", "dialog", "white", "round8", "shadowbig", "flex", "col", "hidden")),
		el("div", a("class", b.cx("flex", "between", "center", "padx16", "pady8", "borderb")),
			el("span", a("dir", "auto", "class", b.cx("txt20", "bold", "txtprimary")), el("span", nil, text("{title}"))),
			closeBtn),
		list)
}

// templates are shipped to the page script in the bootstrap blob.
func (pg *pageBuilder) templates() map[string]*node {
	b := pg.rq.b
	return map[string]*node{
		"card":    cardTpl(b, false),
		"grid":    cardTpl(b, true),
		"spinner": spinnerTpl(b),
		"dialog":  dialogTpl(b),
	}
}

// --- pages -----------------------------------------------------------------

func requestsPage(rq *req) string {
	L := rq.L
	pg := newPage(rq, "requests", L.get("friend_requests")+" | "+L.get("facebook"))
	people := People()
	total := len(people)
	shown := people
	next := -1
	if rq.count > 0 {
		shown = bigList(rq.count)
		total = len(shown)
	} else if len(people) > pageSize {
		shown = people[:pageSize]
		next = pageSize
	}
	tpl := pg.templates()
	pg.boot["tpl"] = tpl
	listID, sentinelID := pg.mount("list"), pg.mount("sentinel")
	var cards []*node
	var slots []map[string]string
	var edges []any
	for _, p := range shown {
		d := pg.cardSlots(p, false)
		slots = append(slots, d)
		cards = append(cards, use(tpl["card"], d))
		edges = append(edges, relayEdge(p, d))
	}
	b := rq.b
	header := el("div", a("class", b.cx("padx16", "pady8")),
		el("div", a("class", b.cx("flex", "center", "gap8")),
			el("a", a("href", rq.link("/friends/"), "aria-label", L.get("friends"), "role", "link", "tabindex", "0", "class", b.cx("iflex", "center", "jcenter", "w36", "roundfull", "hoverbg", "txtprimary")),
				arrowIcon()),
			el("div", nil,
				el("span", a("dir", "auto", "class", b.cx("block", "txt13", "txtsecond")), text(L.get("friends"))),
				el("h1", a("class", b.cx("txt24", "bold", "txtprimary")), el("span", a("dir", "auto"), text(L.get("friend_requests")))))),
		el("div", a("class", b.cx("mt16", "bordert", "pady8")),
			el("span", a("dir", "auto", "class", b.cx("txt17", "semibold", "txtprimary")), text(L.requestCount(total)))))
	list := el("div", a("id", listID, "class", b.cx("flex", "col")), cards...)
	sentinel := el("div", a("id", sentinelID, "class", b.cx("minh36")))
	pane := el("div", a("role", "navigation", "aria-label", L.get("friend_requests"), "class", b.cx("leftpane", "paneh", "scrolly", "white", "shadow", "noshrink", "sticky", "top0")),
		b.wrap(2+b.n, el("div", a("class", b.cx("flex", "col")), header, b.wrap(b.n, list), sentinel)))
	main := el("div", a("role", "main", "class", b.cx("grow", "flex", "center", "jcenter", "minw0")),
		b.wrap(3, el("span", a("dir", "auto", "class", b.cx("txt20", "bold", "txtsecond")), text(L.get("preview_hint")))))
	region := regionRow(pg, pane, main)

	pg.blobs = append(pg.blobs, requestsRelay(edges, total, next, pg.blobNonce()))
	pg.boot["cards"] = slots
	pg.boot["next"] = next
	pg.boot["total"] = total
	pg.boot["fillerNext"] = fillerUsed(shown)
	return pg.html(region)
}

func fillerUsed(ps []Person) int {
	n := 0
	for _, p := range ps {
		if id, err := strconv.ParseInt(p.ID, 10, 64); err == nil && id >= fillerIDBase && id < fillerIDBase+1e6 {
			n = max(n, int(id-fillerIDBase)+1)
		}
	}
	return n
}

func friendsPage(rq *req) string {
	L := rq.L
	pg := newPage(rq, "friends", L.get("friends")+" | "+L.get("facebook"))
	b := rq.b
	tpl := pg.templates()
	people := People()[:6]
	var reqCards []*node
	var edges []any
	for _, p := range people {
		d := pg.cardSlots(p, false)
		reqCards = append(reqCards, use(tpl["grid"], d))
		edges = append(edges, relayEdge(p, d))
	}
	sugCards, sugEdges := pg.suggestionCards(tpl["grid"])
	main := el("div", a("role", "main", "class", b.cx("grow", "minw0", "pad16")),
		b.wrap(b.n+1, frag(
			section(pg, L.get("friend_requests"), rq.link("/friends/requests/"), reqCards),
			section(pg, L.get("people_you_may_know"), rq.link("/friends/suggestions/"), sugCards))))
	region := regionRow(pg, friendsNav(pg, "friends"), main)
	pg.blobs = append(pg.blobs,
		requestsRelay(edges, len(People()), len(people), pg.blobNonce()),
		pymkRelay(sugEdges, pg.blobNonce()))
	return pg.html(region)
}

func suggestionsPage(rq *req) string {
	L := rq.L
	pg := newPage(rq, "suggestions", L.get("suggestions")+" | "+L.get("facebook"))
	b := rq.b
	tpl := pg.templates()
	sugCards, sugEdges := pg.suggestionCards(tpl["grid"])
	main := el("div", a("role", "main", "class", b.cx("grow", "minw0", "pad16")),
		b.wrap(2, section(pg, L.get("people_you_may_know"), "", sugCards)))
	region := regionRow(pg, friendsNav(pg, "suggestions"), main)
	pg.blobs = append(pg.blobs, pymkRelay(sugEdges, pg.blobNonce()))
	return pg.html(region)
}

func (pg *pageBuilder) suggestionCards(tpl *node) ([]*node, []any) {
	var cards []*node
	var edges []any
	for _, p := range suggestions {
		d := pg.cardSlots(p, true)
		cards = append(cards, use(tpl, d))
		edges = append(edges, relayEdge(p, d))
	}
	return cards, edges
}

func pymkRelay(edges []any, nonce string) *node {
	return relayBlob("adp_FriendingCometPYMKPanelPaginationQueryRelayPreloader_6580e3b1a7b2d1e77c1b4d0", map[string]any{
		"viewer": map[string]any{"people_you_may_know": map[string]any{"edges": edges}},
	}, nonce)
}

func section(pg *pageBuilder, title, seeAll string, cards []*node) *node {
	b := pg.rq.b
	head := el("div", a("class", b.cx("flex", "between", "center", "pady8")),
		el("h2", a("class", b.cx("txt20", "bold", "txtprimary")), el("span", a("dir", "auto"), text(title))))
	if seeAll != "" {
		head.add(el("a", a("href", seeAll, "role", "link", "tabindex", "0", "class", b.cx("txt15", "txtlink", "nodecor")), el("span", a("dir", "auto"), text(pg.rq.L.get("see_all")))))
	}
	return el("div", a("class", b.cx("mb8", "pady8", "borderb")), head,
		el("div", a("class", b.cx("grid", "gap8")), cards...))
}

func friendsNav(pg *pageBuilder, active string) *node {
	L, b := pg.rq.L, pg.rq.b
	item := func(key, href string) *node {
		attrs := a("href", pg.rq.link(href), "role", "link", "tabindex", "0", "class", b.cx("flex", "center", "gap12", "pad8", "round8", "nodecor", "txtprimary"))
		if key == active || key == "home" && active == "friends" {
			attrs = append(attrs, "aria-current", "page")
		}
		return el("li", nil, el("a", attrs,
			el("div", a("class", b.cx("iflex", "center", "jcenter", "w36", "roundfull", "secondarybg")), friendsIcon()),
			el("span", a("dir", "auto", "class", b.cx("txt15", "semibold")), text(L.get(key)))))
	}
	return el("div", a("role", "navigation", "aria-label", L.get("friends"), "class", b.cx("navpane", "paneh", "white", "shadow", "noshrink", "pad8", "boxb", "sticky", "top0")),
		el("h1", a("class", b.cx("txt24", "bold", "txtprimary", "padx8", "pady8")), el("span", a("dir", "auto"), text(L.get("friends")))),
		el("ul", a("class", b.cx("flex", "col")),
			item("home", "/friends/"), item("friend_requests", "/friends/requests/"), item("suggestions", "/friends/suggestions/")))
}

func homePage(rq *req) string {
	L, b := rq.L, rq.b
	pg := newPage(rq, "home", L.get("facebook"))
	navItem := func(label, href string, icon *node) *node {
		return el("li", nil, el("a", a("href", rq.link(href), "role", "link", "tabindex", "0", "class", b.cx("flex", "center", "gap12", "pad8", "round8", "nodecor", "txtprimary")),
			el("div", a("class", b.cx("iflex", "center", "jcenter", "w36", "roundfull", "secondarybg")), icon),
			el("span", a("dir", "auto", "class", b.cx("txt15", "semibold")), text(label))))
	}
	nav := el("div", a("role", "navigation", "aria-label", L.get("shortcuts"), "class", b.cx("navpane", "noshrink", "pad8", "boxb")),
		el("ul", a("class", b.cx("flex", "col")),
			navItem(Viewer.Name, "/"+Viewer.Vanity, profileIcon()),
			navItem(L.get("friends"), "/friends/", friendsIcon()),
			navItem(L.get("friend_requests"), "/friends/requests/", friendsIcon()),
			navItem(L.get("messenger"), "/messages/t/", chatIcon())))
	composer := el("div", a("class", b.cx("white", "round8", "shadow", "pad12", "flex", "center", "gap8")),
		el("div", a("class", b.cx("w40", "roundfull", "secondarybg", "noshrink"))),
		el("div", a("role", "button", "tabindex", "0", "class", b.cx("grow", "pill", "wash", "pad8", "txtsecond", "txt17", "pointer")),
			el("span", nil, text(L.get("whats_on_your_mind")))))
	feed := el("div", a("role", "feed", "class", b.cx("flex", "col", "gap12", "mt16")))
	for i, p := range feedPosts {
		feed.add(post(pg, i, p))
	}
	main := el("div", a("role", "main", "class", b.cx("grow", "minw0", "flex", "jcenter", "pad16")),
		el("div", a("class", b.cx("w100", "maxw680")), b.wrap(2+b.n, frag(composer, feed))))
	region := regionRow(pg, nav, main)
	pg.blobs = append(pg.blobs, notificationsRelay(pg.blobNonce()))
	return pg.html(region)
}

type feedPost struct{ author, id, text string }

// feedPosts name patients in passing: they are neither requests nor
// messages, so nothing on the home feed should be flagged.
var feedPosts = []feedPost{
	{"Marcus Reid", "100071144552202", "Half marathon done in 1:52! Thanks to everyone who sponsored me for the hospice 💜"},
	{"Eleanor Price", "100071144552203", "Happy birthday to the wonderful Jenny Smith! 🎂 Hope you have a lovely day <3"},
	{"Samir Haddad", "100071144552206", "Does anyone know a good dentist in Harrogate? Asking for a friend whose tooth is killing him."},
}

func post(pg *pageBuilder, i int, p feedPost) *node {
	b := pg.rq.b
	lb := pg.uid()
	return el("div", a("role", "article", "aria-labelledby", lb, "class", b.cx("white", "round8", "shadow", "pad12")),
		b.wrap(2, el("div", a("class", b.cx("flex", "center", "gap8")),
			el("div", a("class", b.cx("w40", "roundfull", "secondarybg", "noshrink"))),
			el("h3", a("id", lb, "class", b.cx("txt15", "semibold")),
				el("a", a("href", "/profile.php?id="+p.id, "role", "link", "tabindex", "0", "class", b.cx("nodecor", "txtprimary")), el("span", a("dir", "auto"), text(p.author)))))),
		el("div", a("dir", "auto", "class", b.cx("txt15", "txtprimary", "mt8", "prewrap")), text(p.text)))
}

func notificationsRelay(nonce string) *node {
	items := []any{}
	for i, s := range []string{
		"Priya Patel commented on your photo.",
		"Dr. Bob Jones 🏥 sent you a friend request.",
		"Eleanor Price mentioned you in a comment: \"<3 you're the best doctor\"",
	} {
		items = append(items, map[string]any{"node": map[string]any{"id": "notif" + strconv.Itoa(i), "body": map[string]any{"text": s}, "seen_state": "UNSEEN"}})
	}
	return relayBlob("adp_CometNotificationsDropdownQueryRelayPreloader_6580e3b1a7c4e9f5e8d2c1a", map[string]any{
		"viewer": map[string]any{"notifications_page": map[string]any{"edges": items}},
	}, nonce)
}

func notFoundPage(rq *req) string {
	L, b := rq.L, rq.b
	pg := newPage(rq, "notfound", L.get("facebook"))
	main := el("div", a("role", "main", "class", b.cx("grow", "flex", "col", "center", "jcenter", "pad16")),
		el("h2", a("class", b.cx("txt20", "bold", "txtsecond")), text("This content isn't available right now")),
		el("a", a("href", rq.link("/"), "class", b.cx("txtlink", "mt8")), text(L.get("home"))))
	return pg.html(regionRow(pg, frag(), main))
}

// --- shell -----------------------------------------------------------------

func regionRow(pg *pageBuilder, left, main *node) *node {
	b := pg.rq.b
	return el("div", a("id", pg.mount("region"), "class", b.cx("flex", "row", "stretch", "w100")), left, main)
}

func (pg *pageBuilder) blobNonce() string {
	// Inert JSON needs no nonce, but facebook.com stamps one on every
	// script element; the strict variant does the same.
	if pg.rq.strict {
		return pg.rq.nonce
	}
	return ""
}

func (pg *pageBuilder) html(region *node) string {
	rq, b := pg.rq, pg.rq.b
	pg.boot["route"] = pg.route
	pg.boot["locale"] = rq.locale
	pg.boot["build"] = b.n
	pg.boot["sticky"] = rq.sticky()
	pg.boot["L"] = rq.L
	pg.boot["mounts"] = pg.mounts
	pg.boot["title"] = pg.title
	pg.boot["viewer"] = map[string]string{"id": Viewer.ID, "name": Viewer.Name}
	pg.boot["avatar"] = avatarURL("{id}")
	pg.boot["filler"] = map[string]any{"first": fillerFirst, "last": fillerLast, "base": strconv.FormatInt(fillerIDBase, 10)}
	if _, ok := pg.boot["tpl"]; !ok {
		pg.boot["tpl"] = pg.templates()
	}
	pg.addChatDock()

	var s strings.Builder
	s.WriteString("<!DOCTYPE html>\n")
	head := el("head", nil,
		el("meta", a("charset", "utf-8")),
		el("meta", a("name", "referrer", "content", "origin-when-crossorigin", "id", "meta_referrer")),
		el("meta", a("name", "color-scheme", "content", "light")),
		el("meta", a("name", "viewport", "content", "width=device-width, initial-scale=1")),
		el("script", a("nonce", rq.nonce), rawHTML(`document.documentElement.className+=" _9dls __fb-light-mode";window.__tbInlineRan=true;`)),
		el("link", a("rel", "stylesheet", "href", pathBaseCSS, "data-bootloader-hash", "Q7ZvCbA", "crossorigin", "anonymous")),
		el("link", a("rel", "stylesheet", "href", b.sheetPath(), "data-bootloader-hash", "Atomic"+strconv.Itoa(b.n), "crossorigin", "anonymous")),
		el("title", nil, text(pg.title)),
		el("script", a("src", pathCometJS, "defer", "", "nonce", rq.nonce, "crossorigin", "anonymous", "data-btmanifest", "1017530417_main")),
	)
	head.add(el("script", a("src", pathMessengerJS, "defer", "", "nonce", rq.nonce, "crossorigin", "anonymous", "data-btmanifest", "1017530417_msgr")))
	head.add(pg.composerScript()) // composer.go
	shell := el("div", a("class", b.cx("flex", "col", "wash")))
	if !rq.messenger() {
		shell.add(topBar(pg))
	}
	shell.add(region)
	root := el("div", a("id", "mount_0_0_"+strconv.FormatUint(uint64(idHash(pg.route))%3844, 36), "class", b.cx("rel", "z1")),
		b.wrap(3+2*b.n, shell, "rel", "minw0"))
	layer := el("div", a("id", pg.mounts["layer"], "class", b.cx("rel", "z3")))
	if pg.dock != nil {
		layer.add(pg.dock)
	}
	body := el("body", a("class", b.cx("wash", "txtprimary"), "dir", "ltr"),
		root, layer,
		bootloaderBlob(pg.blobNonce()),
		userBlob(pg.blobNonce()),
	)
	body.add(pg.blobs...)
	body.add(jsonScript(map[string]any{"require": []any{[]any{"CometTestbedBootstrap", "init", nil, []any{pg.boot}}}}, pg.blobNonce()))
	htmlEl := el("html", a("id", "facebook", "class", "", "lang", htmlLang(rq.locale), "dir", "ltr"), head, body)
	s.WriteString(renderString(htmlEl))
	return s.String()
}

func topBar(pg *pageBuilder) *node {
	rq, L, b := pg.rq, pg.rq.L, pg.rq.b
	tab := func(key, href string, route string, icon *node) *node {
		attrs := a("href", rq.link(href), "aria-label", L.get(key), "role", "link", "tabindex", "0", "class", b.cx("iflex", "center", "jcenter", "h56", "padx16", "txtsecond", "nodecor"))
		if pg.route == route || route == "friends" && (pg.route == "requests" || pg.route == "suggestions") {
			attrs = append(attrs, "aria-current", "page")
		}
		return el("li", nil, el("a", attrs, icon))
	}
	round := func(label, id string, icon *node) *node {
		attrs := a("aria-label", label, "role", "button", "tabindex", "0", "class", b.cx("iflex", "center", "jcenter", "w40", "roundfull", "secondarybg", "pointer", "rel"))
		if id != "" {
			attrs = append(attrs, "id", id, "aria-haspopup", "dialog", "aria-expanded", "false")
		}
		return el("div", attrs, icon)
	}
	left := el("div", a("class", b.cx("flex", "center", "gap8", "padx16")),
		el("a", a("href", rq.link("/"), "aria-label", L.get("facebook"), "role", "link", "tabindex", "0"), logo()),
		el("label", a("class", b.cx("flex", "center", "pill", "wash", "padx12", "h36")),
			el("input", a("type", "search", "aria-label", L.get("search"), "placeholder", L.get("search"), "class", b.cx("wash", "txt15", "outline0")))))
	center := el("div", a("role", "navigation", "class", b.cx("flex", "jcenter", "grow")),
		el("ul", a("class", b.cx("flex", "row", "gap8")),
			tab("home", "/", "home", homeIcon()),
			tab("friends", "/friends/", "friends", friendsIcon()),
			tab("watch", "/watch/", "watch", videoIcon()),
			tab("groups", "/groups/feed/", "groups", groupsIcon())))
	right := el("div", a("class", b.cx("flex", "center", "gap8", "padx16")),
		round(L.get("menu"), "", menuIcon()),
		round(L.get("friend_requests"), pg.mounts["jewel"], friendsIcon()),
		round(L.get("messenger"), "", chatIcon()),
		round(L.get("notifications"), "", bellIcon()),
		round(L.get("your_profile"), "", profileIcon()))
	return el("div", a("role", "banner", "class", b.cx("flex", "between", "center", "h56", "white", "shadow", "sticky", "top0", "z3")),
		b.wrap(b.n, left, "flex"), center, right)
}

func bootloaderBlob(nonce string) *node {
	rsrc := map[string]any{}
	for i := 0; i < 160; i++ {
		k := strconv.FormatUint(uint64(idHash("rsrc"+strconv.Itoa(i))), 36)
		rsrc[k] = map[string]any{"type": "js", "src": "https://static.xx.fbcdn.net/rsrc.php/v4/y" + k[:1] + "/r/" + k + ".js", "p": ":" + strconv.Itoa(i*7%97), "c": i % 3}
	}
	return jsonScript(map[string]any{
		"require": []any{
			[]any{"Bootloader", "handlePayload", nil, []any{map[string]any{"consistency": map[string]any{"rev": 1017530417}, "rsrcMap": rsrc, "compMap": map[string]any{"CometFriendingRoot.react": map[string]any{"r": []string{"AbC9xZ", "Q7ZvCbA"}, "be": 1}}}}},
			[]any{"CometSSRMergedContentInjector", "onPayloadReceived", nil, []any{map[string]any{"ssr": false}}},
		},
	}, nonce)
}

func userBlob(nonce string) *node {
	return jsonScript(map[string]any{
		"define": []any{
			[]any{"CurrentUserInitialData", []any{}, map[string]any{"ACCOUNT_ID": Viewer.ID, "USER_ID": Viewer.ID, "NAME": Viewer.Name, "SHORT_NAME": "Sam", "IS_BUSINESS_PERSON_ACCOUNT": false}, 270},
			[]any{"LSD", []any{}, map[string]any{"token": "AVr3kLmZ0pE"}, 323},
			[]any{"SiteData", []any{}, map[string]any{"server_revision": 1017530417, "client_revision": 1017530417, "locale": "en_US", "hsi": "7441234567890123456"}, 317},
		},
	}, nonce)
}

// requestsAjax is the next page of the infinite-scroll list.
func requestsAjax(rq *req) map[string]any {
	cursor, _ := strconv.Atoi(rq.q.Get("cursor"))
	people := People()
	cursor = min(max(cursor, 0), len(people))
	end := min(cursor+pageSize, len(people))
	pg := newPage(rq, "ajax", "")
	pg.idPrefix = ":Rq" + strconv.Itoa(cursor) + "_"
	slots := []map[string]string{}
	edges := []any{}
	for _, p := range people[cursor:end] {
		d := pg.cardSlots(p, false)
		slots = append(slots, d)
		edges = append(edges, relayEdge(p, d))
	}
	next := end
	if end >= len(people) {
		next = -1
	}
	return map[string]any{
		"__ar": 1,
		"payload": map[string]any{
			"cards": slots,
			"next":  next,
			"data": map[string]any{"viewer": map[string]any{"friending_possibilities": map[string]any{
				"edges":     edges,
				"page_info": map[string]any{"has_next_page": next >= 0, "end_cursor": strconv.Itoa(end)},
			}}},
		},
		"lid": "7441" + strconv.Itoa(cursor),
	}
}
