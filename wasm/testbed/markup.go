package testbed

import (
	"encoding/json"
	"fmt"
	"hash/fnv"
	"sort"
	"strconv"
	"strings"
)

// node is one element, text or template use in a page tree. The same trees
// are rendered to HTML by the server and, for templates, shipped as JSON to
// the page script, which builds them with createElement. That way a card the
// server renders and a card the page script renders are the same markup.
//
// Strings in a template may hold {slot} references that are filled from the
// data of the enclosing use. Filling happens in one pass, so a name that
// itself contains "{href}" stays literal.
type node struct {
	Tag    string      `json:"t,omitempty"`
	Attrs  [][2]string `json:"a,omitempty"`
	Text   string      `json:"x,omitempty"`
	If     string      `json:"if,omitempty"` // rendered only when the slot is non-empty
	Unless string      `json:"un,omitempty"` // rendered only when the slot is empty
	Kids   []*node     `json:"k,omitempty"`
	Mount  string      `json:"m,omitempty"` // the page script keeps a reference to this element

	raw  string            // trusted markup (our own escaped JSON); never sent to JS
	use  *node             // render this template here...
	data map[string]string // ...with these slots
}

func el(tag string, attrs []string, kids ...*node) *node {
	n := &node{Tag: tag, Kids: kids}
	for i := 0; i+1 < len(attrs); i += 2 {
		n.Attrs = append(n.Attrs, [2]string{attrs[i], attrs[i+1]})
	}
	return n
}

// a is shorthand for an attribute list.
func a(kv ...string) []string { return kv }

func text(s string) *node { return &node{Text: s} }

func rawHTML(s string) *node { return &node{raw: s} }

func use(tpl *node, data map[string]string) *node { return &node{use: tpl, data: data} }

func frag(kids ...*node) *node { return &node{Kids: kids} }

func (n *node) add(kids ...*node) *node { n.Kids = append(n.Kids, kids...); return n }

var voidTags = map[string]bool{"img": true, "input": true, "br": true, "meta": true, "link": true, "hr": true}

// fill replaces {slot} references in one pass.
func fill(s string, data map[string]string) string {
	if data == nil || !strings.Contains(s, "{") {
		return s
	}
	var b strings.Builder
	for {
		i := strings.IndexByte(s, '{')
		if i < 0 {
			break
		}
		j := strings.IndexByte(s[i:], '}')
		if j < 0 {
			break
		}
		key := s[i+1 : i+j]
		if !isSlotName(key) {
			b.WriteString(s[:i+1])
			s = s[i+1:]
			continue
		}
		b.WriteString(s[:i])
		b.WriteString(data[key])
		s = s[i+j+1:]
	}
	b.WriteString(s)
	return b.String()
}

func isSlotName(k string) bool {
	if k == "" {
		return false
	}
	for _, c := range k {
		if !(c == '_' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9') {
			return false
		}
	}
	return true
}

var textEscaper = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;")
var attrEscaper = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&quot;")

func render(b *strings.Builder, n *node, data map[string]string) {
	switch {
	case n == nil:
		return
	case n.use != nil:
		render(b, n.use, n.data)
		return
	case n.raw != "":
		b.WriteString(n.raw)
		return
	}
	if n.If != "" && data[n.If] == "" || n.Unless != "" && data[n.Unless] != "" {
		return
	}
	if n.Tag == "" {
		b.WriteString(textEscaper.Replace(fill(n.Text, data)))
		for _, k := range n.Kids {
			render(b, k, data)
		}
		return
	}
	b.WriteByte('<')
	b.WriteString(n.Tag)
	for _, at := range n.Attrs {
		b.WriteByte(' ')
		b.WriteString(at[0])
		b.WriteString(`="`)
		b.WriteString(attrEscaper.Replace(fill(at[1], data)))
		b.WriteByte('"')
	}
	b.WriteByte('>')
	if voidTags[n.Tag] {
		return
	}
	for _, k := range n.Kids {
		render(b, k, data)
	}
	b.WriteString("</")
	b.WriteString(n.Tag)
	b.WriteByte('>')
}

func renderString(n *node) string {
	var b strings.Builder
	render(&b, n, nil)
	return b.String()
}

// jsonScript is the body of a <script type="application/json">. The encoder
// escapes <, > and & as \u003c, \u003e and \u0026 (as facebook.com does for
// <), and U+2028/9, so no string can end the script element.
func jsonText(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		panic(err)
	}
	return string(b)
}

func jsonScript(v any, nonce string) *node {
	body := jsonText(v)
	attrs := a("type", "application/json", "data-content-len", strconv.Itoa(len(body)), "data-sjs", "")
	if nonce != "" {
		attrs = append(attrs, "nonce", nonce)
	}
	s := el("script", attrs)
	s.Kids = []*node{rawHTML(body)}
	return s
}

// Atomic CSS. Real Comet pages style every element with one class per
// declaration, and the names change with every build. Here a class name is a
// hash of the build salt and the declaration, and style groups are named in
// one table so the stylesheet for a build can be produced completely.
var styleGroups = map[string]string{
	"block":       "display:block",
	"flex":        "display:flex",
	"iflex":       "display:inline-flex",
	"col":         "flex-direction:column",
	"row":         "flex-direction:row",
	"rowrev":      "flex-direction:row-reverse",
	"wrap":        "flex-wrap:wrap",
	"grow":        "flex-grow:1",
	"noshrink":    "flex-shrink:0",
	"minw0":       "min-width:0",
	"minh0":       "min-height:0",
	"center":      "align-items:center",
	"stretch":     "align-items:stretch",
	"jcenter":     "justify-content:center",
	"between":     "justify-content:space-between",
	"jend":        "justify-content:flex-end",
	"rel":         "position:relative",
	"abs":         "position:absolute",
	"fixed":       "position:fixed",
	"sticky":      "position:sticky",
	"top0":        "top:0",
	"z1":          "z-index:1",
	"z3":          "z-index:3",
	"boxb":        "box-sizing:border-box",
	"pad4":        "padding:4px",
	"pad8":        "padding:8px",
	"pad12":       "padding:12px",
	"pad16":       "padding:16px",
	"padx8":       "padding-left:8px;padding-right:8px",
	"padx12":      "padding-left:12px;padding-right:12px",
	"padx16":      "padding-left:16px;padding-right:16px",
	"pady4":       "padding-top:4px;padding-bottom:4px",
	"pady8":       "padding-top:8px;padding-bottom:8px",
	"gap4":        "gap:4px",
	"gap8":        "gap:8px",
	"gap12":       "gap:12px",
	"mt4":         "margin-top:4px",
	"mt8":         "margin-top:8px",
	"mt16":        "margin-top:16px",
	"mb8":         "margin-bottom:8px",
	"round6":      "border-radius:6px",
	"round8":      "border-radius:8px",
	"roundfull":   "border-radius:50%",
	"pill":        "border-radius:20px",
	"white":       "background-color:var(--surface-background)",
	"wash":        "background-color:var(--web-wash)",
	"primarybg":   "background-color:var(--primary-button-background)",
	"secondarybg": "background-color:var(--secondary-button-background)",
	"hoverbg":     "background-color:var(--hover-overlay)",
	"shadow":      "box-shadow:0 1px 2px var(--shadow-2)",
	"shadowbig":   "box-shadow:0 12px 28px 0 var(--shadow-2),0 2px 4px 0 var(--shadow-1)",
	"txtprimary":  "color:var(--primary-text)",
	"txtsecond":   "color:var(--secondary-text)",
	"txtonmedia":  "color:var(--primary-button-text)",
	"txtlink":     "color:var(--blue-link)",
	"txt13":       "font-size:.8125rem;line-height:1.2308",
	"txt15":       "font-size:.9375rem;line-height:1.3333",
	"txt17":       "font-size:1.0625rem;line-height:1.1765",
	"txt20":       "font-size:1.25rem;line-height:1.2",
	"txt24":       "font-size:1.5rem;line-height:1.1667",
	"bold":        "font-weight:700",
	"semibold":    "font-weight:600",
	"normal":      "font-weight:400",
	"nowrap":      "white-space:nowrap",
	"prewrap":     "white-space:pre-wrap",
	"ellipsis":    "overflow:hidden;text-overflow:ellipsis",
	"breakword":   "overflow-wrap:anywhere",
	"clamp2":      "display:-webkit-box;-webkit-box-orient:vertical;-webkit-line-clamp:2;overflow:hidden",
	"nodecor":     "text-decoration:none",
	"pointer":     "cursor:pointer",
	"hidden":      "overflow:hidden",
	"scrolly":     "overflow-y:auto",
	"w100":        "width:100%",
	"h100":        "height:100%",
	"w20":         "width:20px;height:20px",
	"w36":         "width:36px;height:36px",
	"w40":         "width:40px;height:40px",
	"w60":         "width:60px;height:60px",
	"h56":         "height:56px",
	"h36":         "height:36px",
	"minh36":      "min-height:36px",
	"leftpane":    "width:360px",
	"navpane":     "width:300px",
	"paneh":       "height:calc(100vh - 56px)",
	"maxw680":     "max-width:680px",
	"maxw240":     "max-width:240px",
	"grid":        "display:grid;grid-template-columns:repeat(auto-fill,minmax(200px,1fr))",
	"order-1":     "order:-1",
	"order1":      "order:1",
	"sronly":      "position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0,0,0,0);white-space:nowrap",
	"border":      "border:1px solid var(--divider)",
	"borderb":     "border-bottom:1px solid var(--divider)",
	"bordert":     "border-top:1px solid var(--divider)",
	"outline0":    "outline:none",
	"spin":        "animation:tbspin .8s linear infinite",
	"spinner":     "width:24px;height:24px;border:3px solid var(--divider);border-top-color:var(--primary-button-background);border-radius:50%",
	"dialog":      "right:16px;top:52px;width:360px;max-height:calc(100vh - 80px)",
	"chatdock":    "right:80px;bottom:0;gap:8px;align-items:flex-end",
	"chatwin":     "width:328px;height:455px",
	"bubblein":    "background-color:var(--comment-background);color:var(--primary-text);border-radius:18px",
	"bubbleout":   "background-color:var(--primary-button-background);color:#fff;border-radius:18px",
	"maxw70":      "max-width:70%",
	"selfend":     "align-self:flex-end",
	"selfstart":   "align-self:flex-start",
	"unreaddot":   "width:12px;height:12px;border-radius:50%;background-color:var(--primary-button-background)",
	"img200":      "max-width:200px;height:auto;border-radius:18px",
}

type build struct {
	n    int
	salt string
}

func buildOf(n int) build {
	if n == 2 {
		return build{2, "comet-2024-11-rev-1018862311"}
	}
	return build{1, "comet-2024-10-rev-1017530417"}
}

// className is the atomic class for one declaration in this build. Lengths
// vary from 6 to 9 characters like the real ones ("x9f619", "x1n2onr6").
func (b build) className(decl string) string {
	h := fnv.New64a()
	h.Write([]byte(b.salt))
	h.Write([]byte{0})
	h.Write([]byte(decl))
	v := h.Sum64()
	s := strconv.FormatUint(v, 36)
	n := 5 + int(v%4)
	if n > len(s) {
		n = len(s)
	}
	return "x" + s[:n]
}

// cx returns the class attribute value for the named style groups.
func (b build) cx(groups ...string) string {
	var out []string
	for _, g := range groups {
		d, ok := styleGroups[g]
		if !ok {
			panic("testbed: unknown style group " + g)
		}
		for _, decl := range strings.Split(d, ";") {
			out = append(out, b.className(decl))
		}
	}
	if b.n == 2 {
		// Later builds emit the same classes in another order.
		sort.Strings(out)
	}
	return strings.Join(out, " ")
}

// stylesheet is the atomic CSS for a build: every declaration of every group.
func (b build) stylesheet() string {
	seen := map[string]bool{}
	var decls []string
	for _, d := range styleGroups {
		for _, decl := range strings.Split(d, ";") {
			if !seen[decl] {
				seen[decl] = true
				decls = append(decls, decl)
			}
		}
	}
	sort.Strings(decls)
	var s strings.Builder
	for _, d := range decls {
		fmt.Fprintf(&s, ".%s{%s}\n", b.className(d), d)
	}
	return s.String()
}

// sheetPath is where the atomic sheet of a build is served.
func (b build) sheetPath() string {
	h := fnv.New32a()
	h.Write([]byte(b.salt))
	return "/rsrc.php/v4/y" + string(rune('a'+b.n)) + "/l/0,cross/" + strconv.FormatUint(uint64(h.Sum32()), 36) + "Qz.css"
}

// wrap nests inner in n anonymous divs styled with the given groups, the way
// Comet pages bury every element under layout wrappers.
func (b build) wrap(n int, inner *node, groups ...string) *node {
	for i := 0; i < n; i++ {
		var cls string
		if len(groups) > 0 {
			cls = b.cx(groups[i%len(groups)])
		} else {
			cls = b.cx("minw0", "rel")
		}
		inner = el("div", a("class", cls), inner)
	}
	return inner
}

// wrapAll is wrap with every group on every level, for wrappers that must
// pass a height constraint down to a scroller.
func (b build) wrapAll(n int, inner *node, groups ...string) *node {
	for i := 0; i < n; i++ {
		inner = el("div", a("class", b.cx(groups...)), inner)
	}
	return inner
}
