package testbed

import (
	"encoding/json"
	"fmt"
	"hash/fnv"
	"strconv"
	"strings"
	"sync"
	"time"
)

// Thread is one conversation of data/threads.json.
type Thread struct {
	ID      string `json:"id"`   // the URL id: the other person's id, or an e2ee/group thread id
	Name    string `json:"name"` // as the thread list shows it
	Patient string `json:"patient"`
	// Context is the profession the thread matters to (gp, dentist, vet,
	// therapist, physio, aesthetics, midwife), or "" for private life.
	Context      string        `json:"context"`
	Lang         string        `json:"lang"`
	E2EE         bool          `json:"e2ee"`
	Request      bool          `json:"request"` // a message request from a non-friend
	Unread       bool          `json:"unread"`
	Participants []Participant `json:"participants,omitempty"` // group chats only
	Messages     []Message     `json:"messages"`
	Note         string        `json:"note,omitempty"`
}

type Participant struct {
	ID   string `json:"id"`
	Name string `json:"name"`
}

// Message labels are the triage ground truth.
const (
	LabelMedicalQuestion  = "medical_question"
	LabelAppointmentAdmin = "appointment_admin"
	LabelEmergency        = "emergency"
	LabelComplaint        = "complaint"
	LabelSensitiveInfo    = "sensitive_info"
	LabelPersonal         = "personal"
)

type Message struct {
	ID    string `json:"id"`
	From  string `json:"from"` // "me", "them", or a participant id in groups
	Text  string `json:"text"`
	TS    int64  `json:"ts"` // ms since the epoch
	Label string `json:"label"`
	Image *Image `json:"image,omitempty"`
}

type Image struct {
	Alt string `json:"alt"`
	W   int    `json:"w"`
	H   int    `json:"h"`
}

var threadsOnce = sync.OnceValue(func() []Thread {
	b, err := dataFS.ReadFile("data/threads.json")
	if err != nil {
		panic(err)
	}
	var ts []Thread
	if err := json.Unmarshal(b, &ts); err != nil {
		panic(fmt.Errorf("testbed: threads.json: %w", err))
	}
	return ts
})

// Threads returns the conversations, most recent first.
func Threads() []Thread {
	src := threadsOnce()
	out := make([]Thread, len(src))
	copy(out, src)
	return out
}

func threadByID(id string) *Thread {
	for i, t := range threadsOnce() {
		if t.ID == id {
			return &threadsOnce()[i]
		}
	}
	return nil
}

// personThread is a thread with one other person (the one whose id it is).
func (t *Thread) avatarID() string {
	if len(t.Participants) > 0 {
		return t.Participants[0].ID
	}
	return t.ID
}

func (t *Thread) senderName(from string) string {
	for _, p := range t.Participants {
		if p.ID == from {
			return p.Name
		}
	}
	return t.Name
}

func (t *Thread) last() Message { return t.Messages[len(t.Messages)-1] }

// now is the fixed "current time" of the testbed, an hour after the newest
// message, so relative times are stable.
var now = sync.OnceValue(func() time.Time {
	var max int64
	for _, t := range threadsOnce() {
		for _, m := range t.Messages {
			if m.TS > max {
				max = m.TS
			}
		}
	}
	return time.UnixMilli(max).Add(time.Hour).UTC()
})

var monthsEN = []string{"January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"}
var monthsDE = []string{"Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September", "Oktober", "November", "Dezember"}

func fullTime(ts int64, locale string) string {
	t := time.UnixMilli(ts).UTC()
	if locale == "de_DE" {
		return fmt.Sprintf("%d. %s %d um %02d:%02d", t.Day(), monthsDE[t.Month()-1], t.Year(), t.Hour(), t.Minute())
	}
	return fmt.Sprintf("%s %d, %d at %s", monthsEN[t.Month()-1], t.Day(), t.Year(), t.Format("3:04 PM"))
}

func shortTime(ts int64, locale string) string {
	t := time.UnixMilli(ts).UTC()
	if locale == "de_DE" {
		return t.Format("15:04")
	}
	return t.Format("3:04 PM")
}

func relTime(ts int64) string {
	d := now().Sub(time.UnixMilli(ts))
	switch {
	case d < time.Hour:
		return strconv.Itoa(int(d.Minutes())) + "m"
	case d < 24*time.Hour:
		return strconv.Itoa(int(d.Hours())) + "h"
	case d < 7*24*time.Hour:
		return strconv.Itoa(int(d.Hours()/24)) + "d"
	}
	return strconv.Itoa(int(d.Hours()/24/7)) + "w"
}

func (rq *req) messenger() bool { return rq.host == "www.messenger.com" }

func (rq *req) threadHref(t *Thread) string {
	p := "/t/" + t.ID + "/"
	if t.E2EE {
		p = "/e2ee" + p
	}
	if !rq.messenger() {
		p = "/messages" + p
	}
	return rq.link(p)
}

func (rq *req) requestsHref() string {
	if rq.messenger() {
		return rq.link("/requests/")
	}
	return rq.link("/messages/requests/")
}

func imageURL(mid string) string {
	h := fnv.New64a()
	h.Write([]byte(mid))
	return "/v/t1.15752-9/" + strconv.FormatUint(h.Sum64(), 16) + "_n.svg?stp=dst-jpg_p480x480&_nc_cat=103&ccb=1-7&_nc_sid=9f807c"
}

// threadSlots fill the thread-list row template.
func (pg *pageBuilder) threadSlots(t *Thread, current bool) map[string]string {
	L := pg.rq.L
	last := t.last()
	preview := last.Text
	if preview == "" && last.Image != nil {
		preview = L.get("photo")
	}
	if last.From == "me" {
		preview = L.get("you_prefix") + " " + preview
	}
	d := map[string]string{
		"id":      t.ID,
		"name":    t.Name,
		"href":    pg.rq.threadHref(t),
		"avatar":  avatarURL(t.avatarID()),
		"preview": preview,
		"time":    relTime(last.TS),
	}
	if current {
		d["current"] = "page"
	}
	if t.Unread && !current {
		// Two ways the real list marks unread rows.
		if idHash(t.ID)%2 == 0 {
			d["unread_btn"] = L.get("mark_as_read")
		} else {
			d["unread_txt"] = L.get("unread_message")
		}
	}
	return d
}

// msgSlots fill the message-row template.
func (pg *pageBuilder) msgSlots(t *Thread, m Message) map[string]string {
	L, loc := pg.rq.L, pg.rq.locale
	d := map[string]string{"mid": m.ID, "text": m.Text}
	if m.From == "me" {
		d["out"] = "1"
		d["sender_label"] = L.get("you_sent")
	} else {
		name := t.senderName(m.From)
		d["sender_label"] = name
		if len(t.Participants) > 0 {
			d["sender"] = name
		}
	}
	full := fullTime(m.TS, loc)
	switch m.TS % 3 {
	case 0:
		d["time_hidden"] = full
	case 1:
		d["time_title"], d["time_short"] = full, shortTime(m.TS, loc)
	default:
		d["time_aria"] = full
	}
	if m.Image != nil {
		d["image_src"] = imageURL(m.ID)
		d["image_alt"] = m.Image.Alt
		d["image_w"] = strconv.Itoa(min(m.Image.W, 240))
		d["image_h"] = strconv.Itoa(min(m.Image.W, 240) * m.Image.H / max(m.Image.W, 1))
		d["open_photo"] = L.get("open_photo")
	}
	return d
}

// --- templates --------------------------------------------------------------

func threadRowTpl(b build) *node {
	inner := func() []*node {
		return []*node{
			el("div", a("class", b.cx("flex", "row", "center", "gap12", "pad8")),
				b.wrap(b.n, el("img", a("alt", "", "aria-hidden", "true", "src", "{avatar}", "width", "56", "height", "56", "class", b.cx("roundfull", "noshrink", "block"))), "noshrink"),
				el("div", a("class", b.cx("flex", "col", "minw0", "grow")),
					el("span", a("dir", "auto", "class", b.cx("txt15", "semibold", "txtprimary", "ellipsis", "nowrap")), el("span", nil, text("{name}"))),
					el("div", a("class", b.cx("flex", "row", "gap4", "txt13", "txtsecond", "minw0")),
						&node{If: "unread_txt", Kids: []*node{el("span", a("class", b.cx("sronly")), text("{unread_txt}"))}},
						el("span", a("dir", "auto", "class", b.cx("ellipsis", "nowrap", "minw0")), el("span", nil, text("{preview}"))),
						el("span", a("aria-hidden", "true"), text("·")),
						el("span", nil, el("abbr", a("class", b.cx("nodecor")), text("{time}")))))),
		}
	}
	link := frag(
		&node{If: "current", Kids: []*node{el("a", a("aria-current", "{current}", "href", "{href}", "role", "link", "tabindex", "0", "class", b.cx("block", "nodecor", "round8", "hoverbg")), inner()...)}},
		&node{Unless: "current", Kids: []*node{el("a", a("href", "{href}", "role", "link", "tabindex", "0", "class", b.cx("block", "nodecor", "round8")), inner()...)}},
	)
	cells := []*node{el("div", a("role", "gridcell", "class", b.cx("grow", "minw0")), b.wrap(b.n, link))}
	mark := &node{If: "unread_btn", Kids: []*node{el("div", a("role", "gridcell", "class", b.cx("flex", "center", "padx8")),
		el("div", a("role", "button", "tabindex", "0", "aria-label", "{unread_btn}", "class", b.cx("iflex", "center", "jcenter", "pointer")),
			el("div", a("class", b.cx("unreaddot")))))}}
	cells = append(cells, mark)
	return el("div", a("role", "row", "class", b.cx("flex", "row", "center", "padx8")), cells...)
}

func msgRowTpl(b build) *node {
	bubble := func(out bool) *node {
		g := "bubblein"
		if out {
			g = "bubbleout"
		}
		return el("div", a("dir", "auto", "class", b.cx(g, "padx12", "pady8", "txt15", "prewrap", "breakword")), text("{text}"))
	}
	body := []*node{
		&node{If: "text", Kids: []*node{&node{If: "out", Kids: []*node{bubble(true)}}, &node{Unless: "out", Kids: []*node{bubble(false)}}}},
		&node{If: "image_src", Kids: []*node{el("div", a("role", "button", "tabindex", "0", "aria-label", "{open_photo}", "class", b.cx("block", "mt4")),
			el("img", a("alt", "{image_alt}", "src", "{image_src}", "width", "{image_w}", "height", "{image_h}", "class", b.cx("img200", "block"))))}},
	}
	cellPlain := &node{Unless: "time_aria", Kids: []*node{el("div", a("role", "gridcell", "tabindex", "-1", "class", b.cx("flex", "col")), body...)}}
	cellAria := &node{If: "time_aria", Kids: []*node{el("div", a("role", "gridcell", "tabindex", "-1", "aria-label", "{time_aria}", "class", b.cx("flex", "col")), body...)}}
	col := func(align string) *node {
		return el("div", a("class", b.cx("flex", "col", "maxw70", align)),
			el("span", a("class", b.cx("sronly")), text("{sender_label}")),
			&node{If: "sender", Kids: []*node{el("span", a("dir", "auto", "aria-hidden", "true", "class", b.cx("txt13", "txtsecond", "padx12")), text("{sender}"))}},
			b.wrap(b.n, frag(cellPlain, cellAria)),
			&node{If: "time_hidden", Kids: []*node{el("span", a("class", b.cx("sronly")), text("{time_hidden}"))}},
			&node{If: "time_title", Kids: []*node{el("span", a("title", "{time_title}", "class", b.cx("txt13", "txtsecond", "padx12")), text("{time_short}"))}},
		)
	}
	return el("div", a("role", "row", "class", b.cx("flex", "col", "pady4", "padx16")),
		&node{If: "out", Kids: []*node{b.wrap(b.n, col("selfend"), "flex")}},
		&node{Unless: "out", Kids: []*node{b.wrap(b.n, col("selfstart"), "flex")}})
}

func composerTpl(b build) *node {
	ed := el("div", a("aria-label", "{message}", "aria-placeholder", "Aa", "contenteditable", "true", "role", "textbox", "spellcheck", "true", "tabindex", "0", "class", b.cx("grow", "pill", "wash", "padx12", "pady8", "txt15", "breakword")))
	ed.Mount = "composer"
	return el("div", a("class", b.cx("flex", "row", "center", "gap8", "pad8", "bordert")),
		b.wrap(b.n, ed, "grow"),
		el("div", a("role", "button", "tabindex", "0", "aria-label", "{send}", "class", b.cx("iflex", "center", "jcenter", "w36", "roundfull", "pointer", "txtlink")), chatIcon()))
}

func chatWinTpl(b build) *node {
	grid := el("div", a("role", "grid", "aria-label", "{grid_label}", "class", b.cx("scrolly", "grow", "pady8", "minh0")))
	grid.Mount = "rows"
	closeBtn := el("div", a("role", "button", "tabindex", "0", "aria-label", "{close_chat}", "class", b.cx("iflex", "center", "jcenter", "w36", "roundfull", "pointer")), closeIcon())
	closeBtn.Mount = "close"
	return el("div", a("role", "dialog", "aria-label", "{name}", "class", b.cx("chatwin", "white", "shadowbig", "flex", "col", "round8", "hidden")),
		el("div", a("class", b.cx("flex", "between", "center", "pad8", "borderb")),
			el("a", a("href", "{href}", "role", "link", "tabindex", "0", "class", b.cx("flex", "center", "gap8", "nodecor", "txtprimary", "minw0")),
				el("img", a("alt", "", "src", "{avatar}", "width", "32", "height", "32", "class", b.cx("roundfull"))),
				el("span", a("dir", "auto", "class", b.cx("txt15", "semibold", "ellipsis", "nowrap")), text("{name}"))),
			closeBtn),
		b.wrapAll(b.n, grid, "grow", "flex", "col", "minh0"),
		composerTpl(b))
}

func (pg *pageBuilder) msgTemplates() map[string]*node {
	b := pg.rq.b
	return map[string]*node{
		"threadrow": threadRowTpl(b),
		"msgrow":    msgRowTpl(b),
		"chatwin":   chatWinTpl(b),
		"spinner":   spinnerTpl(b),
	}
}

// --- pages -----------------------------------------------------------------

const threadPage = 12 // rows server-rendered before lazy loading
const msgPage = 12    // messages server-rendered before lazy loading

func folder(requests bool) []*Thread {
	var out []*Thread
	for i := range threadsOnce() {
		t := &threadsOnce()[i]
		if t.Request == requests {
			out = append(out, t)
		}
	}
	return out
}

func messagesPage(rq *req, id string, requests, e2ee bool) string {
	L, b := rq.L, rq.b
	title := L.get("messenger")
	if requests {
		title = L.get("message_requests")
	}
	if !rq.messenger() {
		title += " | " + L.get("facebook")
	}
	pg := newPage(rq, "messages", title)
	list := folder(requests)
	var open *Thread
	if id != "" {
		open = threadByID(id)
		if open.E2EE != e2ee {
			// Real links go to the right URL kind; a wrong one still shows.
			e2ee = open.E2EE
		}
	} else if !requests {
		open = list[0]
	}
	tpl := pg.msgTemplates()
	pg.boot["tpl"] = tpl
	pg.boot["folder"] = map[bool]string{false: "inbox", true: "requests"}[requests]

	// Thread list.
	var rows []*node
	var rowData []map[string]string
	shown := list[:min(threadPage, len(list))]
	for _, t := range shown {
		d := pg.threadSlots(t, open != nil && t.ID == open.ID)
		rows = append(rows, use(tpl["threadrow"], d))
		rowData = append(rowData, d)
	}
	next := -1
	if len(list) > threadPage {
		next = threadPage
	}
	pg.boot["threads"] = rowData
	pg.boot["threadsNext"] = next
	heading := L.get("chats")
	if requests {
		heading = L.get("message_requests")
	}
	reqLink := el("a", a("aria-label", L.get("message_requests"), "href", rq.requestsHref(), "role", "link", "tabindex", "0", "class", b.cx("flex", "center", "gap8", "pad8", "round8", "nodecor", "txtprimary", "hoverbg")),
		el("div", a("class", b.cx("iflex", "center", "jcenter", "w36", "roundfull", "secondarybg")), chatIcon()),
		el("span", a("dir", "auto", "class", b.cx("txt15", "semibold")), text(L.get("message_requests"))))
	if requests {
		reqLink.Attrs = append(reqLink.Attrs, [2]string{"aria-current", "page"})
	}
	grid := el("div", a("role", "grid", "aria-label", L.get("conversation_list"), "class", b.cx("grow", "scrolly", "minh0")),
		el("div", a("id", pg.mount("rows"), "class", b.cx("flex", "col")), rows...),
		el("div", a("id", pg.mount("tsentinel"), "class", b.cx("minh36"))))
	pane := el("div", a("role", "navigation", "aria-label", L.get("thread_list"), "class", b.cx("leftpane", "paneh", "white", "flex", "col", "noshrink", "borderb")),
		el("div", a("class", b.cx("padx16", "pady8")),
			el("h1", a("class", b.cx("txt24", "bold", "txtprimary")), el("span", a("dir", "auto"), text(heading))),
			el("label", a("class", b.cx("flex", "center", "pill", "wash", "padx12", "h36", "mt8")),
				el("input", a("type", "search", "aria-label", L.get("search_messenger"), "placeholder", L.get("search_messenger"), "class", b.cx("wash", "txt15", "outline0", "w100")))),
			b.wrap(1, reqLink)),
		b.wrapAll(b.n, grid, "grow", "flex", "col", "minh0"))

	// Conversation.
	var main *node
	if open == nil {
		main = el("div", a("role", "main", "class", b.cx("grow", "flex", "center", "jcenter", "minw0")),
			el("span", a("dir", "auto", "class", b.cx("txt17", "txtsecond")), text(L.get("message_requests_sub"))))
	} else {
		msgs := open.Messages
		first := max(0, len(msgs)-msgPage)
		var mrows []*node
		var mdata []map[string]string
		for _, m := range msgs[first:] {
			d := pg.msgSlots(open, m)
			mrows = append(mrows, use(tpl["msgrow"], d))
			mdata = append(mdata, d)
		}
		pg.boot["thread"] = map[string]any{"id": open.ID, "name": open.Name, "before": first, "messages": mdata, "group": len(open.Participants) > 0}
		head := el("div", a("class", b.cx("flex", "row", "center", "gap8", "pad8", "borderb", "white")),
			el("img", a("alt", "", "src", avatarURL(open.avatarID()), "width", "40", "height", "40", "class", b.cx("roundfull"))),
			el("div", a("class", b.cx("flex", "col")),
				el("h2", a("class", b.cx("txt17", "semibold", "txtprimary")), el("span", a("dir", "auto"), text(open.Name))),
				el("span", a("class", b.cx("txt13", "txtsecond")), text(map[bool]string{true: L.get("end_to_end"), false: L.get("active_now")}[open.E2EE]))))
		mgrid := el("div", a("role", "grid", "aria-label", L.f("messages_in", open.Name), "class", b.cx("grow", "scrolly", "white", "minh0")),
			el("div", a("id", pg.mount("mtop"), "class", b.cx("minh36"))),
			el("div", a("id", pg.mount("mrows"), "class", b.cx("flex", "col")), mrows...))
		comp := use(composerTpl(b), map[string]string{"message": L.get("message"), "send": L.get("press_enter")})
		main = el("div", a("role", "main", "class", b.cx("grow", "flex", "col", "minw0", "paneh")),
			head, b.wrapAll(b.n, mgrid, "grow", "flex", "col", "minh0"), el("div", a("id", pg.mount("composerbox"), "class", b.cx("white")), comp))
	}
	region := regionRow(pg, pane, main)
	pg.blobs = append(pg.blobs, lightspeedBlob(pg, shown, open, pg.blobNonce()))
	return pg.html(region)
}

// --- chat windows docked on ordinary pages ---------------------------------

// dockedThreads are open as chat windows on ordinary pages: a patient's
// prescription request next to a friend's chat.
var dockedThreads = []string{"✨ Jenny Smith ✨", "Sophie Turner"}

func threadByName(name string) *Thread {
	for i, t := range threadsOnce() {
		if t.Name == name {
			return &threadsOnce()[i]
		}
	}
	return nil
}

func (pg *pageBuilder) addChatDock() {
	switch pg.route {
	case "home", "friends", "requests", "suggestions":
	default:
		return
	}
	rq, L, b := pg.rq, pg.rq.L, pg.rq.b
	tpl := chatWinTpl(b)
	rowTpl := msgRowTpl(b)
	dock := el("div", a("id", pg.mount("dock"), "class", b.cx("fixed", "flex", "row", "chatdock", "z3")))
	var chats []map[string]any
	for _, name := range dockedThreads {
		t := threadByName(name)
		if t == nil {
			continue
		}
		win := pg.uid()
		var rows []*node
		var data []map[string]string
		for _, m := range t.Messages {
			d := pg.msgSlots(t, m)
			rows = append(rows, use(rowTpl, d))
			data = append(data, d)
		}
		// Render the window template with its rows filled in: the grid is
		// the template's "rows" mount.
		w := windowWithRows(tpl, rows)
		d := map[string]string{"name": t.Name, "href": rq.threadHref(t), "avatar": avatarURL(t.avatarID()), "grid_label": L.f("messages_in", t.Name), "close_chat": L.get("close_chat"), "message": L.get("message"), "send": L.get("press_enter")}
		dock.add(el("div", a("id", win), use(w, d)))
		chats = append(chats, map[string]any{"id": t.ID, "name": t.Name, "win": win, "messages": data, "slots": d})
	}
	pg.dock = dock
	pg.boot["chats"] = chats
	pg.boot["msgtpl"] = map[string]*node{"msgrow": rowTpl, "chatwin": tpl}
}

// windowWithRows copies the chat-window template, putting rows (already
// bound to their own data) inside its "rows" mount.
func windowWithRows(n *node, rows []*node) *node {
	c := *n
	c.Kids = nil
	for _, k := range n.Kids {
		c.Kids = append(c.Kids, windowWithRows(k, rows))
	}
	if n.Mount == "rows" {
		c.Kids = append(c.Kids, rows...)
	}
	return &c
}

// --- Lightspeed -------------------------------------------------------------

// ls helpers encode Lightspeed values: 64-bit ints as [19,"digits"], null as [9].
func lsInt(v string) any                  { return []any{19, v} }
func lsInt64(v int64) any                 { return []any{19, strconv.FormatInt(v, 10)} }
func lsNull() any                         { return []any{9} }
func lsCall(name string, args ...any) any { return append([]any{5, name}, args...) }

// lightspeedBlob embeds the inbox as the real page does: a Relay result
// whose data.viewer.lightspeed_web_request.payload is a JSON string of
// nested procedure calls. Argument positions are listed in README.md.
func lightspeedBlob(pg *pageBuilder, threads []*Thread, open *Thread, nonce string) *node {
	var steps []any
	if open != nil && !slicesContains(threads, open) {
		threads = append(threads[:len(threads):len(threads)], open)
	}
	for _, t := range threads {
		last := t.last()
		steps = append(steps, []any{1, lsCall("deleteThenInsertThread",
			lsInt64(last.TS), lsInt64(last.TS-1), last.Text, lsNull(), lsNull(),
			lsInt(t.ID), lsInt("1"), boolLS(t.E2EE), boolLS(t.Request), lsNull())})
		steps = append(steps, []any{1, lsCall("verifyContactRowExists",
			lsInt(t.avatarID()), lsInt("0"), "https://www.facebook.com"+avatarURL(t.avatarID()), t.Name, lsNull(), false, lsInt("1"))})
		if open == nil || t.ID != open.ID {
			steps = append(steps, []any{1, upsertMessage(t, last)})
		}
	}
	if open != nil {
		for _, m := range open.Messages {
			steps = append(steps, []any{1, upsertMessage(open, m)})
			if m.Image != nil {
				steps = append(steps, []any{1, lsCall("insertBlobAttachment",
					m.Image.Alt, lsInt(strconv.Itoa(m.Image.W)), lsInt(strconv.Itoa(m.Image.H)), "https://www.facebook.com"+imageURL(m.ID), lsInt(open.ID), m.ID, lsNull())})
			}
		}
	}
	payload := jsonText(map[string]any{"name": nil, "step": append([]any{1}, steps...)})
	return relayBlob("adp_LSPlatformGraphQLLightspeedRequestQueryRelayPreloader_6580e3b1a7d5a9e2f0c4b17", map[string]any{
		"viewer": map[string]any{"lightspeed_web_request": map[string]any{"payload": payload, "dependencies": []any{}, "experiment_config": nil}},
	}, nonce)
}

func boolLS(v bool) any { return v }

func upsertMessage(t *Thread, m Message) any {
	sender := m.From
	switch sender {
	case "me":
		sender = Viewer.ID
	case "them":
		sender = t.ID
	}
	otid := strconv.FormatUint(uint64(idHash(m.ID))*1000003, 10)
	return lsCall("upsertMessage",
		m.Text, lsNull(), lsInt("20"), lsInt(t.ID), lsNull(), lsInt64(m.TS), lsInt64(m.TS), lsNull(),
		m.ID, otid, lsInt(sender), false, lsNull(), lsNull())
}

// --- ajax -------------------------------------------------------------------

func threadsAjax(rq *req) map[string]any {
	cursor, _ := strconv.Atoi(rq.q.Get("cursor"))
	list := folder(rq.q.Get("folder") == "requests")
	cursor = min(max(cursor, 0), len(list))
	end := min(cursor+10, len(list))
	pg := newPage(rq, "ajax", "")
	rows := []map[string]string{}
	for _, t := range list[cursor:end] {
		rows = append(rows, pg.threadSlots(t, t.ID == rq.q.Get("current")))
	}
	next := end
	if end >= len(list) {
		next = -1
	}
	return map[string]any{"__ar": 1, "payload": map[string]any{"threads": rows, "next": next}}
}

func messagesAjax(rq *req) map[string]any {
	t := threadByID(rq.q.Get("thread"))
	if t == nil {
		return map[string]any{"__ar": 1, "error": 1357004, "errorSummary": "Thread not found"}
	}
	before, err := strconv.Atoi(rq.q.Get("before"))
	if err != nil || before > len(t.Messages) {
		before = len(t.Messages)
	}
	start := max(0, before-10)
	pg := newPage(rq, "ajax", "")
	rows := []map[string]string{}
	for _, m := range t.Messages[start:max(before, 0)] {
		rows = append(rows, pg.msgSlots(t, m))
	}
	return map[string]any{"__ar": 1, "payload": map[string]any{"messages": rows, "before": start}}
}

func init() {
	// Fail early on a thread that cannot render.
	for _, t := range threadsOnce() {
		if len(t.Messages) == 0 || strings.TrimSpace(t.ID) == "" {
			panic("testbed: thread without messages or id: " + t.Name)
		}
	}
}

func slicesContains(ts []*Thread, t *Thread) bool {
	for _, x := range ts {
		if x.ID == t.ID {
			return true
		}
	}
	return false
}
