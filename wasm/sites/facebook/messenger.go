package facebook

// Messenger on www.facebook.com/messages/, in the chat windows docked on
// facebook.com pages, and on www.messenger.com. The adapter keys on the
// accessibility tree the site keeps for screen readers: a thread list is a
// grid of rows holding a link to /t/<id>/, a conversation is a grid of rows
// inside role=main (or a role=dialog chat window), the sender of a bubble
// is announced in visually hidden text ("You sent" for the viewer). Class
// names are never read. Selectors and wordings are in the "messenger" part
// of rules/sites/facebook.json.

import (
	"strings"
	"time"

	"github.com/tidwall/gjson"

	"github.com/boundaryhq/boundary/wasm/page"
	"github.com/boundaryhq/boundary/wasm/sites"
)

// ThreadRow is one conversation in a thread list.
type ThreadRow struct {
	// Node is the row; Anchor is where a badge belongs (the name).
	Node, Anchor page.Node
	ThreadID     string
	E2EE         bool
	Name         string
	// Preview is the last message as the list shows it, without the
	// "You:" prefix; Outgoing says the prefix was there.
	Preview  string
	Outgoing bool
	Unread   bool
	// Current is the row of the conversation open beside the list.
	Current bool
}

// Conversation is an open conversation: the main pane or a chat window.
type Conversation struct {
	// Node is the pane or window; Anchor is its message grid, before which
	// a banner belongs.
	Node, Anchor page.Node
	ThreadID     string
	Name         string
	Window       bool // a chat window docked on an ordinary page
}

// Bubble is one message row of a conversation.
type Bubble struct {
	Node, Anchor page.Node
	// Conv is the conversation the bubble belongs to.
	Conv     page.Node
	Sender   string
	Outgoing bool
	Text     string
	// Time is the time as the page states it; SentAt is it parsed, or
	// zero. Pages show local time, so zone is the user's.
	Time        string
	SentAt      time.Time
	Attachments []string // alt texts of images in the bubble
}

// Messages is what one scan found.
type Messages struct {
	Rows    []ThreadRow
	Convs   []Conversation
	Bubbles []Bubble
	// Touched are conversations, seen before, that received new bubbles.
	Touched []Conversation
}

// Messenger holds the messenger part of the pack, compiled.
type Messenger struct {
	a         *Adapter
	sel       map[string]string
	youPrefix []string
	// monthNames maps folded month names in every language to 1–12.
	monthNames map[string]int
}

// NewMessenger returns the Messenger reader of an adapter.
func NewMessenger(a *Adapter) *Messenger {
	m := &Messenger{a: a, sel: map[string]string{}, monthNames: map[string]int{}, youPrefix: labelsOf(a.site, "you_prefix")}
	a.site.Raw.Get("messenger").ForEach(func(k, v gjson.Result) bool {
		m.sel[k.String()] = v.String()
		return true
	})
	for _, lang := range a.site.LabelsByLang {
		for i, mo := range lang["months"] {
			m.monthNames[sites.FoldLabel(mo)] = i + 1
		}
	}
	return m
}

// labelsOf lists a label's wordings in every language, as written.
func labelsOf(s *sites.Site, key string) []string {
	var out []string
	for _, lang := range s.LabelsByLang {
		out = append(out, lang[key]...)
	}
	return out
}

// Interest returns what a root must match or hold (sel), or sit inside
// (up), for Scan to find anything in it: a thread or bubble row, or a
// conversation. Callers use it to skip added subtrees in one batched call.
func (m *Messenger) Interest() (sel, up string) {
	return m.sel["row"] + ", " + m.sel["conversation"], m.sel["row"]
}

// RowSelector matches the rows Scan reads: a thread in a list, or a bubble
// in a conversation or chat window. A page without one has no message to
// classify.
func (m *Messenger) RowSelector() string { return m.sel["row"] }

// Scan finds thread rows, conversations and message bubbles under root
// that seen has not marked yet, and marks them. A bubble added to a
// conversation already seen puts that conversation in Touched, so the
// caller can bring its verdict up to date. loc is the user's time zone,
// in which the page states times. A nil seen returns everything.
func (m *Messenger) Scan(root page.Node, pageURL string, seen page.Seen, loc *time.Location) Messages {
	var out Messages
	mark := func(n page.Node) bool { return seen == nil || seen.Mark(n) }
	rowSel := m.sel["row"]
	rows := root.QueryAll(rowSel)
	if root.Matches(rowSel) {
		rows = append([]page.Node{root}, rows...)
	} else if r := root.Closest(rowSel); r != nil {
		// A node added inside an existing row (a bubble re-rendered).
		rows = append([]page.Node{r}, rows...)
	}
	var convNodes []page.Node // conversations reported in this scan
	reported := func(c page.Node) bool {
		for _, x := range convNodes {
			if x.Same(c) {
				return true
			}
		}
		return false
	}
	for _, r := range rows {
		conv := r.Closest(m.sel["conversation"])
		link := m.threadLink(r)
		if conv == nil || conv.Closest(m.sel["thread_list"]) != nil || link != nil && r.Query(m.sel["cell"]+" "+m.sel["text"]) == nil {
			// A thread list's row (lists may sit inside role=main on
			// narrow messenger.com windows, but their rows hold no bubble).
			if link != nil && mark(r) {
				out.Rows = append(out.Rows, m.readRow(r, link))
			}
			continue
		}
		if !mark(r) {
			continue
		}
		b, ok := m.readBubble(r, conv, loc)
		if !ok {
			continue
		}
		out.Bubbles = append(out.Bubbles, b)
		if reported(conv) {
			continue
		}
		convNodes = append(convNodes, conv)
		c, ok := m.readConv(conv, pageURL)
		if !ok {
			continue
		}
		if mark(conv) {
			out.Convs = append(out.Convs, c)
		} else {
			out.Touched = append(out.Touched, c)
		}
	}
	// Conversations without a new bubble (an empty chat, or a pane whose
	// rows were all seen) still get their banner place.
	convs := root.QueryAll(m.sel["conversation"])
	if root.Matches(m.sel["conversation"]) {
		convs = append([]page.Node{root}, convs...)
	}
	for _, c := range convs {
		if reported(c) || c.Query(m.sel["grid"]) == nil || c.Closest(m.sel["thread_list"]) != nil || !mark(c) {
			continue
		}
		convNodes = append(convNodes, c)
		if cv, ok := m.readConv(c, pageURL); ok {
			out.Convs = append(out.Convs, cv)
		}
	}
	return out
}

// threadLink returns the link in r that opens a conversation.
func (m *Messenger) threadLink(r page.Node) page.Node {
	for _, l := range r.QueryAll(m.sel["thread_link"]) {
		if _, _, ok := ThreadID(page.AttrOr(l, "href")); ok {
			return l
		}
	}
	return nil
}

// ThreadID reads the conversation id from a link: /messages/t/<id>/,
// /messages/e2ee/t/<id>/, /t/<id>/ or /e2ee/t/<id>/, relative or on a
// Facebook or Messenger host.
func ThreadID(href string) (id string, e2ee bool, ok bool) {
	h := href
	if i := strings.Index(h, "://"); i >= 0 {
		rest := h[i+3:]
		j := strings.IndexByte(rest, '/')
		if j < 0 {
			return "", false, false
		}
		host := strings.ToLower(rest[:j])
		if !(host == "www.facebook.com" || host == "facebook.com" || host == "web.facebook.com" || host == "www.messenger.com" || host == "messenger.com") {
			return "", false, false
		}
		h = rest[j:]
	}
	h, _, _ = strings.Cut(h, "?")
	h, _, _ = strings.Cut(h, "#")
	h = strings.TrimPrefix(h, "/messages")
	if strings.HasPrefix(h, "/e2ee/") {
		e2ee = true
		h = h[len("/e2ee"):]
	}
	if !strings.HasPrefix(h, "/t/") {
		return "", false, false
	}
	id = strings.Trim(h[len("/t/"):], "/")
	if id == "" || strings.Contains(id, "/") || len(id) > 64 {
		return "", false, false
	}
	for i := 0; i < len(id); i++ {
		c := id[i]
		if !(c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '.' || c == '_' || c == '-') {
			return "", false, false
		}
	}
	return id, e2ee, true
}

func (m *Messenger) readRow(r, link page.Node) ThreadRow {
	s := m.a.site
	row := ThreadRow{Node: r, Anchor: link}
	row.ThreadID, row.E2EE, _ = ThreadID(page.AttrOr(link, "href"))
	row.Current = page.AttrOr(link, "aria-current") == "page"
	var texts []page.Node
	for _, sp := range link.QueryAll(m.sel["name"]) {
		if clean(sp.Text()) == "" || inside(sp, m.sel["name"], link) {
			continue // empty, or nested in one already taken
		}
		texts = append(texts, sp)
	}
	if len(texts) > 0 {
		row.Name = clean(texts[0].Text())
		row.Anchor = texts[0]
	}
	if len(texts) > 1 {
		p := clean(texts[1].Text())
		for _, pre := range m.youPrefix {
			if strings.HasPrefix(p, pre) {
				p, row.Outgoing = strings.TrimSpace(p[len(pre):]), true
				break
			}
		}
		row.Preview = p
	}
	if row.Name == "" {
		row.Name = clean(page.AttrOr(link, "aria-label"))
	}
	for _, b := range r.QueryAll(m.sel["unread_button"]) {
		if s.HasLabel("unread", page.AttrOr(b, "aria-label")) {
			row.Unread = true
		}
	}
	// Visually hidden "Unread message:" text: one read of the row's text
	// instead of one per span, since every read crosses into the page.
	if !row.Unread && s.ContainsLabel("unread", r.Text()) {
		row.Unread = true
	}
	return row
}

// inside reports whether n has an ancestor matching sel strictly between
// itself and top.
func inside(n page.Node, sel string, top page.Node) bool {
	for p := n.Parent(); p != nil && !p.Same(top); p = p.Parent() {
		if p.Matches(sel) {
			return true
		}
	}
	return false
}

func (m *Messenger) readConv(c page.Node, pageURL string) (Conversation, bool) {
	cv := Conversation{Node: c, Anchor: c.Query(m.sel["grid"])}
	if cv.Anchor == nil {
		return cv, false
	}
	if page.AttrOr(c, "role") == "dialog" {
		cv.Window = true
		cv.Name = clean(page.AttrOr(c, "aria-label"))
		for _, l := range c.QueryAll(m.sel["thread_link"]) {
			if l.Closest(m.sel["row"]) != nil {
				continue // a link inside a message
			}
			if id, _, ok := ThreadID(page.AttrOr(l, "href")); ok {
				cv.ThreadID = id
				break
			}
		}
	} else {
		if id, _, ok := ThreadID(pageURL); ok {
			cv.ThreadID = id
		}
		if h := c.Query(m.sel["header_name"]); h != nil {
			cv.Name = clean(h.Text())
		}
	}
	return cv, cv.ThreadID != ""
}

func (m *Messenger) readBubble(r, conv page.Node, loc *time.Location) (Bubble, bool) {
	s := m.a.site
	b := Bubble{Node: r, Conv: conv}
	cell := r.Query(m.sel["cell"])
	if cell == nil {
		return b, false
	}
	for _, t := range cell.QueryAll(m.sel["text"]) {
		if inside(t, m.sel["text"], cell) {
			continue
		}
		if b.Anchor == nil {
			b.Anchor = t
		}
		if b.Text != "" {
			b.Text += "\n"
		}
		b.Text += strings.TrimSpace(t.Text())
	}
	for _, img := range cell.QueryAll(m.sel["attachment"]) {
		if alt := clean(page.AttrOr(img, "alt")); alt != "" {
			b.Attachments = append(b.Attachments, alt)
		}
		if b.Anchor == nil {
			b.Anchor = img
		}
	}
	if b.Anchor == nil {
		return b, false
	}
	// Visually hidden spans announce the sender ("You sent" for the
	// viewer) and often the time; a title or the cell's label holds the
	// time otherwise.
	var hidden []string
	for _, sp := range r.QueryAll(m.sel["hidden_text"]) {
		if cell.Contains(sp) || sp.Query(m.sel["hidden_text"]) != nil {
			continue
		}
		if page.AttrOr(sp, "aria-hidden") == "true" {
			if t := clean(sp.Text()); t != "" && m.sel["group_sender"] != "" && sp.Matches(m.sel["group_sender"]) {
				b.Sender = t
			}
			continue
		}
		if _, ok := sp.Attr("title"); ok {
			continue
		}
		if t := clean(sp.Text()); t != "" {
			hidden = append(hidden, t)
		}
	}
	for _, h := range hidden {
		switch {
		case s.HasLabel("you_sent", h):
			b.Outgoing = true
		case b.Time == "" && m.looksLikeTime(h):
			b.Time = h
		case b.Sender == "" && !b.Outgoing:
			b.Sender = h
		}
	}
	if b.Time == "" {
		if t := r.Query(m.sel["time_title"]); t != nil && !cell.Contains(t) {
			b.Time = clean(page.AttrOr(t, "title"))
		} else if l := clean(page.AttrOr(cell, "aria-label")); l != "" {
			b.Time = l
		}
	}
	if b.Outgoing {
		b.Sender = ""
	}
	if b.Time != "" {
		b.SentAt = m.ParseTime(b.Time, loc)
	}
	return b, true
}

func (m *Messenger) looksLikeTime(s string) bool {
	return !m.ParseTime(s, time.UTC).IsZero()
}

// ParseTime reads a full date and time as Messenger states it in any
// listed language ("November 23, 2025 at 3:04 PM", "23. November 2025 um
// 15:04"): a month name, then day, year, hour and minute as the numbers in
// that order, and AM/PM. It returns the zero time when s is not one.
func (m *Messenger) ParseTime(s string, loc *time.Location) time.Time {
	if loc == nil {
		loc = time.UTC
	}
	f := sites.FoldLabel(strings.NewReplacer("\u202f", " ", "\u00a0", " ", ",", " ", ".", " ").Replace(s))
	month := 0
	var nums []int
	pm, am := false, false
	for _, w := range strings.Fields(strings.ReplaceAll(f, ":", " : ")) {
		if mo, ok := m.monthNames[w]; ok && month == 0 {
			month = mo
			continue
		}
		switch w {
		case "pm", "p.m":
			pm = true
			continue
		case "am", "a.m":
			am = true
			continue
		}
		if isDigits(w) && len(w) <= 4 {
			n := 0
			for i := 0; i < len(w); i++ {
				n = n*10 + int(w[i]-'0')
			}
			nums = append(nums, n)
		}
	}
	if month == 0 || len(nums) != 4 {
		return time.Time{}
	}
	day, year, hour, min := nums[0], nums[1], nums[2], nums[3]
	if pm && hour < 12 {
		hour += 12
	}
	if am && hour == 12 {
		hour = 0
	}
	if day < 1 || day > 31 || year < 2000 || year > 2200 || hour > 23 || min > 59 {
		return time.Time{}
	}
	return time.Date(year, time.Month(month), day, hour, min, 0, 0, loc)
}

// ContextSelector selects the conversations that hold a message grid. A
// node added under one can only be read together with it (the bubble's
// thread, sender and time live in the conversation), so a caller that
// hands over markup rather than live nodes sends the enclosing match.
func (m *Messenger) ContextSelector() string {
	conv, grid := m.sel["conversation"], m.sel["grid"]
	if conv == "" || grid == "" {
		return ""
	}
	parts := strings.Split(conv, ",")
	for i, p := range parts {
		parts[i] = strings.TrimSpace(p) + ":has(" + grid + ")"
	}
	return strings.Join(parts, ", ")
}
