package replies

import (
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/boundaryhq/boundary/wasm/clinic"
	"github.com/boundaryhq/boundary/wasm/jsonw"
)

// The patient handout: a one-page "How to reach us (and why not on my
// personal social media)" notice for the waiting room and the website,
// built from the clinic profile. It is the same page the CLI's handout
// command writes (TestHandoutMatchesCLI holds them together), here so that
// the extension's handout page can render it in the browser.
//
// Every profile value goes through html/template, which escapes it for
// where it lands; nothing the user typed can become markup.

// HandoutLanguages are the languages the handout is written in.
func HandoutLanguages() []string { return []string{"en", "de"} }

// Handout writes the notice for p as a self-contained HTML page. lang ""
// means the profile's language; paper "" means the country's usual paper
// ("A4" or "Letter").
func (l *Library) Handout(w io.Writer, p *clinic.Profile, lang, paper string) error {
	if lang == "" {
		lang = p.Lang()
	}
	if _, ok := handoutWords[lang]; !ok {
		return fmt.Errorf("no handout text in %q; use en or de", lang)
	}
	j := clinic.JurisdictionOf(p.Country)
	if j == nil {
		return fmt.Errorf("no jurisdiction data for %q", p.Country)
	}
	switch strings.ToLower(paper) {
	case "":
		paper = j.Paper
	case "a4":
		paper = "A4"
	case "letter":
		paper = "Letter"
	default:
		return fmt.Errorf("paper must be a4 or letter")
	}
	var cites []string
	for _, id := range l.Guidance(p) {
		cites = append(cites, l.guidance[id].message)
	}
	return writeHandout(w, buildHandout(p, lang, paper, cites))
}

type handoutRow struct {
	Label, Value, Href string
	// Tel is a tel: link built from the digits of a phone number; it is
	// trusted where Href is filtered to web and mail links.
	Tel string
}

type handoutData struct {
	Lang, Paper, Title, Subtitle, Clinic string
	EmergencyHead                        string
	Emergency                            []string
	ContactHead                          string
	Contacts                             []handoutRow
	HoursHead                            string
	Hours                                []handoutRow
	Closed                               string
	WhyHead                              string
	Why                                  []string
	ComplaintsHead, Complaints           string
	ComplaintsURL                        string
	SignOff                              string
	GuidanceHead                         string
	Guidance                             []string
}

// handoutWords holds the notice's fixed text. %s marks where a value goes;
// values are escaped by the template, never spliced into markup.
var handoutWords = map[string]map[string]string{
	"en": {
		"title":          "How to reach us",
		"subtitle":       "(and why not on my personal social media)",
		"emergency":      "In an emergency",
		"call":           "In an emergency, call %s.",
		"call_alt":       "In an emergency, call %s (or %s).",
		"ooh":            "Urgent but not an emergency, or when we are closed: contact %s.",
		"crisis":         "If you are struggling or thinking of harming yourself, contact %s.",
		"vet_call":       "If your pet needs emergency care, call us on %s.",
		"vet_ooh":        "When we are closed, contact %s.",
		"vet_nearest":    "When we are closed, contact your nearest emergency vet.",
		"vet_people":     "If a person is hurt or in danger, call %s.",
		"contact":        "How to reach us",
		"phone":          "Phone",
		"email":          "Email",
		"portal":         "Online",
		"page":           "Our page",
		"hours":          "Opening hours",
		"closed_day":     "closed",
		"closed_dates":   "Also closed on: %s.",
		"why":            "Why not on my personal social media?",
		"why1":           "I keep my personal Facebook, Instagram and Messenger accounts for family and friends. That is not because I don't want to help: messages there are not secure, they never reach %s, and I may not see them for days. So they are the wrong place for anything about %s.",
		"why2":           "Professional guidance asks %s to keep personal and professional contact apart. If you send me a friend request or a message there, I will kindly point you here instead. Thank you for understanding.",
		"why2_general":   "Keeping personal and professional contact apart is part of good practice for %s. If you send me a friend request or a message there, I will kindly point you here instead. Thank you for understanding.",
		"records":        "your records",
		"records_vet":    "your pet's records",
		"care":           "your care",
		"care_vet":       "your pet's care",
		"complaints":     "Not happy with our care?",
		"complaints_how": "Please tell us through our complaints procedure, so that your concern is recorded and answered properly:",
		"guidance":       "Guidance",
		"day_fmt":        "2 Jan 2006",
	},
	"de": {
		"title":          "So erreichen Sie uns",
		"subtitle":       "(und warum nicht über meine privaten sozialen Medien)",
		"emergency":      "Im Notfall",
		"call":           "Im Notfall rufen Sie die %s an.",
		"call_alt":       "Im Notfall rufen Sie die %s (oder die %s) an.",
		"ooh":            "Dringend, aber kein Notfall, oder wenn wir geschlossen haben: Wenden Sie sich an %s.",
		"crisis":         "Wenn es Ihnen schlecht geht oder Sie fürchten, sich etwas anzutun: Wenden Sie sich an %s.",
		"vet_call":       "Wenn Ihr Tier ein Notfall ist, rufen Sie uns an: %s.",
		"vet_ooh":        "Wenn wir geschlossen haben, wenden Sie sich an %s.",
		"vet_nearest":    "Wenn wir geschlossen haben, wenden Sie sich an die nächste tierärztliche Klinik.",
		"vet_people":     "Wenn ein Mensch verletzt oder in Gefahr ist, rufen Sie die %s an.",
		"contact":        "So erreichen Sie uns",
		"phone":          "Telefon",
		"email":          "E-Mail",
		"portal":         "Online",
		"page":           "Unsere Seite",
		"hours":          "Öffnungszeiten",
		"closed_day":     "geschlossen",
		"closed_dates":   "Außerdem geschlossen am: %s.",
		"why":            "Warum nicht über meine privaten sozialen Medien?",
		"why1":           "Meine privaten Profile bei Facebook, Instagram und im Messenger sind für Familie und Freunde da. Nicht, weil ich nicht helfen möchte: Nachrichten dort sind nicht sicher, sie landen nie in %s, und ich sehe sie manchmal erst nach Tagen. Deshalb sind sie der falsche Ort für alles, was %s betrifft.",
		"why2":           "Berufliche Leitlinien verlangen von %s, private und berufliche Kontakte zu trennen. Wenn Sie mir dort eine Freundschaftsanfrage oder eine Nachricht schicken, verweise ich Sie freundlich hierher. Danke für Ihr Verständnis.",
		"why2_general":   "Zur guten Berufspraxis von %s gehört, private und berufliche Kontakte zu trennen. Wenn Sie mir dort eine Freundschaftsanfrage oder eine Nachricht schicken, verweise ich Sie freundlich hierher. Danke für Ihr Verständnis.",
		"records":        "Ihrer Akte",
		"records_vet":    "der Akte Ihres Tieres",
		"care":           "Ihre Behandlung",
		"care_vet":       "die Behandlung Ihres Tieres",
		"complaints":     "Nicht zufrieden mit uns?",
		"complaints_how": "Bitte nutzen Sie unser Beschwerdeverfahren, damit Ihr Anliegen festgehalten und ordentlich beantwortet wird:",
		"guidance":       "Leitlinien",
		"day_fmt":        "2.1.2006",
	},
}

var handoutWho = map[string]map[string]string{
	"en": {
		"physician": "doctors", "dentist": "dentists", "nurse": "nurses", "veterinarian": "vets",
		"therapist": "therapists", "aesthetics": "aesthetic practitioners", "pharmacist": "pharmacists",
	},
	"de": {
		"physician": "Ärztinnen und Ärzten", "dentist": "Zahnärztinnen und Zahnärzten", "nurse": "Pflegefachkräften",
		"veterinarian": "Tierärztinnen und Tierärzten", "therapist": "Therapeutinnen und Therapeuten",
		"aesthetics": "ästhetisch tätigen Fachkräften", "pharmacist": "Apothekerinnen und Apothekern",
	},
}

var handoutDays = map[string][7]string{
	"en": {"Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"},
	"de": {"Sonntag", "Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag", "Samstag"},
}

func buildHandout(p *clinic.Profile, lang, paper string, cites []string) handoutData {
	w := handoutWords[lang]
	vet := p.Profession == "veterinarian"
	d := handoutData{
		Lang: lang, Paper: paper, Title: w["title"], Subtitle: w["subtitle"], Clinic: p.ClinicName,
		EmergencyHead: w["emergency"], ContactHead: w["contact"], HoursHead: w["hours"],
		WhyHead: w["why"], SignOff: p.SignOff, GuidanceHead: w["guidance"], Guidance: cites,
	}
	ooh, _ := p.OutOfHoursText(lang)
	if vet {
		if p.Phone != "" {
			d.Emergency = append(d.Emergency, fmt.Sprintf(w["vet_call"], p.Phone))
		}
		if ooh != "" {
			d.Emergency = append(d.Emergency, fmt.Sprintf(w["vet_ooh"], ooh))
		} else {
			d.Emergency = append(d.Emergency, w["vet_nearest"])
		}
		d.Emergency = append(d.Emergency, fmt.Sprintf(w["vet_people"], p.Emergency()))
	} else {
		j := clinic.JurisdictionOf(p.Country)
		if p.EmergencyNumber == "" && j.EmergencyAlt != "" {
			d.Emergency = append(d.Emergency, fmt.Sprintf(w["call_alt"], p.Emergency(), j.EmergencyAlt))
		} else {
			d.Emergency = append(d.Emergency, fmt.Sprintf(w["call"], p.Emergency()))
		}
		if ooh != "" {
			d.Emergency = append(d.Emergency, fmt.Sprintf(w["ooh"], ooh))
		}
		if p.Profession == "therapist" {
			crisis, _ := p.CrisisLineText(lang)
			d.Emergency = append(d.Emergency, fmt.Sprintf(w["crisis"], crisis))
		}
	}

	if p.Phone != "" {
		d.Contacts = append(d.Contacts, handoutRow{Label: w["phone"], Value: p.Phone, Tel: "tel:" + strings.Map(dialable, p.Phone)})
	}
	if p.Email != "" {
		d.Contacts = append(d.Contacts, handoutRow{Label: w["email"], Value: p.Email, Href: "mailto:" + p.Email})
	}
	if p.PortalURL != "" {
		d.Contacts = append(d.Contacts, handoutRow{Label: w["portal"], Value: p.PortalURL, Href: p.PortalURL})
	}
	if p.BusinessPageURL != "" {
		d.Contacts = append(d.Contacts, handoutRow{Label: w["page"], Value: p.BusinessPageURL, Href: p.BusinessPageURL})
	}

	if h := p.Hours; h != nil {
		for _, day := range []time.Weekday{1, 2, 3, 4, 5, 6, 0} {
			var ivs []string
			for _, iv := range h.Week[day] {
				ivs = append(ivs, handoutClock(iv.Start, false)+"–"+handoutClock(iv.End, true))
			}
			v := strings.Join(ivs, ", ")
			if v == "" {
				v = w["closed_day"]
			}
			d.Hours = append(d.Hours, handoutRow{Label: handoutDays[lang][day], Value: v})
		}
		var dates []string
		for _, c := range h.Closed {
			if t, err := time.Parse("2006-01-02", c); err == nil {
				dates = append(dates, t.Format(w["day_fmt"]))
			}
		}
		if len(dates) > 0 {
			d.Closed = fmt.Sprintf(w["closed_dates"], strings.Join(dates, ", "))
		}
	}

	records, care := w["records"], w["care"]
	if vet {
		records, care = w["records_vet"], w["care_vet"]
	}
	d.Why = []string{
		fmt.Sprintf(w["why1"], records, care),
		fmt.Sprintf(w["why2"], handoutWho[lang][p.Profession]),
	}
	if len(cites) == 0 {
		// No guidance in the pack for this country: say what is true
		// everywhere without claiming a document.
		d.Why[1] = fmt.Sprintf(w["why2_general"], handoutWho[lang][p.Profession])
	}
	if p.ComplaintsURL != "" {
		d.ComplaintsHead, d.Complaints, d.ComplaintsURL = w["complaints"], w["complaints_how"], p.ComplaintsURL
	}
	return d
}

func dialable(r rune) rune {
	if r == '+' || r >= '0' && r <= '9' {
		return r
	}
	return -1
}

// handoutClock writes minutes after midnight as HH:MM; an interval that
// ends at midnight ends at 24:00.
func handoutClock(m int, end bool) string {
	if m == 0 && end {
		return "24:00"
	}
	h, mm := strconv.Itoa(m/60), strconv.Itoa(m%60)
	if len(h) < 2 {
		h = "0" + h
	}
	if len(mm) < 2 {
		mm = "0" + mm
	}
	return h + ":" + mm
}

// writeHandout writes the page. Values are escaped for where they land:
// text and attribute values by escapeHTML, links by safeURL first. The
// markup is the same html/template used to write (handout_test.go keeps
// that template as the reference and compares): the browser core cannot
// link text/template, whose use of reflection keeps every method of every
// type alive and would make the module five times larger.
func writeHandout(w io.Writer, d handoutData) error {
	var b strings.Builder
	t := func(s string) { b.WriteString(escapeHTML(s)) }
	l := func(parts ...string) {
		for _, p := range parts {
			b.WriteString(p)
		}
	}
	paper := d.Paper
	if !slices.Contains([]string{"A4", "Letter"}, paper) {
		paper = "A4"
	}
	l("<!DOCTYPE html>\n<html lang=\"")
	t(d.Lang)
	l("\">\n<head>\n<meta charset=\"utf-8\">\n<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>")
	t(d.Title)
	if d.Clinic != "" {
		l(" · ")
		t(d.Clinic)
	}
	l("</title>\n<style>\n@page { size: ", paper, "; margin: 12mm; }\n", handoutCSS, "</style>\n</head>\n<body>\n<header>\n<h1>")
	t(d.Title)
	l("</h1>\n<p class=\"sub\">")
	t(d.Subtitle)
	l("</p>")
	if d.Clinic != "" {
		l("\n<p class=\"clinic\">")
		t(d.Clinic)
		l("</p>")
	}
	l("\n</header>\n<section class=\"emergency\">\n<h2>")
	t(d.EmergencyHead)
	l("</h2>")
	for _, e := range d.Emergency {
		l("\n<p>")
		t(e)
		l("</p>")
	}
	l("\n</section>\n<div class=\"cols\">")
	if len(d.Contacts) > 0 {
		l("\n<section>\n<h2>")
		t(d.ContactHead)
		l("</h2>\n<table>")
		for _, c := range d.Contacts {
			href := safeURL(c.Href)
			if c.Tel != "" {
				href = normalizeURL(c.Tel)
			}
			l("\n<tr><th>")
			t(c.Label)
			l("</th><td><a href=\"")
			t(href)
			l("\">")
			t(c.Value)
			l("</a></td></tr>")
		}
		l("\n</table>\n</section>")
	}
	if len(d.Hours) > 0 {
		l("\n<section>\n<h2>")
		t(d.HoursHead)
		l("</h2>\n<table>")
		for _, h := range d.Hours {
			l("\n<tr><th>")
			t(h.Label)
			l("</th><td>")
			t(h.Value)
			l("</td></tr>")
		}
		l("\n</table>")
		if d.Closed != "" {
			l("\n<p>")
			t(d.Closed)
			l("</p>")
		}
		l("\n</section>")
	}
	l("\n</div>\n<section class=\"why\">\n<h2>")
	t(d.WhyHead)
	l("</h2>")
	for _, p := range d.Why {
		l("\n<p>")
		t(p)
		l("</p>")
	}
	l("\n</section>")
	if d.ComplaintsURL != "" {
		l("\n<section>\n<h2>")
		t(d.ComplaintsHead)
		l("</h2>\n<p>")
		t(d.Complaints)
		l(" <a href=\"")
		t(safeURL(d.ComplaintsURL))
		l("\">")
		t(d.ComplaintsURL)
		l("</a></p>\n</section>")
	}
	l("\n<footer>")
	if d.SignOff != "" {
		l("\n<p class=\"signoff\">")
		t(d.SignOff)
		l("</p>")
	}
	if len(d.Guidance) > 0 {
		l("\n")
		t(d.GuidanceHead)
		l(":\n<ul>")
		for _, g := range d.Guidance {
			l("\n<li>")
			t(g)
			l("</li>")
		}
		l("\n</ul>")
	}
	l("\n</footer>\n</body>\n</html>\n")
	_, err := io.WriteString(w, b.String())
	return err
}

// escapeHTML escapes text and quoted attribute values as html/template
// does: the five markup characters, + (which UTF-7 sniffing once turned
// into markup) and NUL.
func escapeHTML(s string) string {
	if !strings.ContainsAny(s, "\x00\"&'+<>") {
		return s
	}
	var b strings.Builder
	for _, r := range s {
		switch r {
		case 0:
			b.WriteString("\uFFFD")
		case '"':
			b.WriteString("&#34;")
		case '&':
			b.WriteString("&amp;")
		case '\'':
			b.WriteString("&#39;")
		case '+':
			b.WriteString("&#43;")
		case '<':
			b.WriteString("&lt;")
		case '>':
			b.WriteString("&gt;")
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// safeURL lets through web and mail links and relative ones; anything with
// another scheme (javascript:, data:) becomes the inert "#ZgotmplZ", as
// html/template does.
func safeURL(s string) string {
	if i := strings.IndexAny(s, ":/?#"); i >= 0 && s[i] == ':' {
		switch strings.ToLower(s[:i]) {
		case "http", "https", "mailto":
		default:
			return "#ZgotmplZ"
		}
	}
	return normalizeURL(s)
}

// normalizeURL percent-encodes the bytes that may not appear in a URL,
// keeping existing escapes, as html/template's URL normaliser does.
func normalizeURL(s string) string {
	const hex = "0123456789abcdef"
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9',
			strings.IndexByte("!#$&*+,/:;=?@[]-._~%", c) >= 0:
			b.WriteByte(c)
		default:
			b.WriteByte('%')
			b.WriteByte(hex[c>>4])
			b.WriteByte(hex[c&15])
		}
	}
	return b.String()
}

const handoutCSS = `* { box-sizing: border-box; }
html { color: #111; background: #fff; }
body { margin: 0 auto; max-width: 186mm; padding: 6mm 0; font: 11pt/1.35 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
header { border-bottom: 2pt solid #111; margin-bottom: 4mm; padding-bottom: 2mm; }
h1 { font-size: 22pt; margin: 0; line-height: 1.1; }
.sub { font-size: 12pt; margin: 1mm 0 0; color: #333; }
.clinic { font-size: 14pt; font-weight: 600; margin: 2mm 0 0; }
h2 { font-size: 12.5pt; margin: 0 0 1.5mm; }
section { margin: 0 0 4mm; break-inside: avoid; page-break-inside: avoid; }
.emergency { border: 2.5pt solid #b00020; border-radius: 3mm; padding: 2.5mm 4mm; }
.emergency h2 { color: #b00020; }
.emergency p { margin: 1mm 0; font-size: 12pt; }
.emergency p:first-of-type { font-weight: 700; font-size: 13.5pt; }
.cols { display: grid; grid-template-columns: 1fr 1fr; gap: 0 8mm; }
table { border-collapse: collapse; }
th { text-align: left; font-weight: 600; padding: 0.5mm 5mm 0.5mm 0; vertical-align: top; white-space: nowrap; }
td { padding: 0.5mm 0; overflow-wrap: anywhere; }
a { color: inherit; text-decoration: none; }
p { margin: 0 0 1.5mm; }
footer { border-top: 0.5pt solid #999; padding-top: 2mm; font-size: 8.5pt; color: #444; }
footer .signoff { font-size: 11pt; color: #111; margin: 0 0 1.5mm; }
footer ul { margin: 1mm 0 0; padding-left: 5mm; }
@media print { body { max-width: none; padding: 0; font-size: 10.5pt; } }
`

// HandoutJSON renders the handout for the settings page from a stored
// profile: {"html": "<!DOCTYPE html>…"}, or {"error": "…", "errors":
// ["field: message", …]} when the profile cannot be used.
func (l *Library) HandoutJSON(profile []byte, lang string) []byte {
	var w jsonw.Writer
	w.BeginObject()
	p, errs := clinic.ParseProfile(profile)
	if p == nil || len(errs) > 0 {
		w.FieldString("error", "the clinic profile is incomplete or invalid").Key("errors").BeginArray()
		for _, e := range errs {
			w.String_(e.Error())
		}
		return w.EndArray().EndObject().Bytes()
	}
	var b strings.Builder
	if err := l.Handout(&b, p, lang, ""); err != nil {
		return w.FieldString("error", err.Error()).EndObject().Bytes()
	}
	return w.FieldString("html", b.String()).EndObject().Bytes()
}
