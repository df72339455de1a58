package main

import (
	"flag"
	"fmt"
	"html/template"
	"io"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/boundaryhq/boundary/rules"
	"github.com/boundaryhq/boundary/wasm/clinic"
	"github.com/boundaryhq/boundary/wasm/replies"
	"github.com/boundaryhq/boundary/wasm/rulepack"
)

func init() {
	register(command{
		name:  "handout",
		usage: "handout --profile PROFILE.json [--lang en] [--paper a4|letter] > handout.html: a printable \"how to reach us\" notice",
		run:   cmdHandout,
	})
}

func cmdHandout(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fl := flag.NewFlagSet("handout", flag.ContinueOnError)
	fl.SetOutput(stderr)
	profilePath := fl.String("profile", "", "the clinic profile, JSON")
	lang := fl.String("lang", "", "language of the notice: en or de (default: the profile's)")
	paper := fl.String("paper", "", "a4 or letter (default: the country's usual paper)")
	if err := fl.Parse(args); err != nil {
		return 2
	}
	if *profilePath == "" || fl.NArg() > 0 {
		fmt.Fprintln(stderr, "usage: boundary handout --profile PROFILE.json [--lang en] [--paper a4|letter] > handout.html")
		return 2
	}
	p, code := readProfileFile(*profilePath, "handout", stderr)
	if p == nil {
		return code
	}
	if *lang == "" {
		*lang = p.Lang()
	}
	if _, ok := handoutWords[*lang]; !ok {
		fmt.Fprintf(stderr, "boundary handout: no handout text in %q; use en or de\n", *lang)
		return 2
	}
	switch strings.ToLower(*paper) {
	case "":
		*paper = clinic.JurisdictionOf(p.Country).Paper
	case "a4":
		*paper = "A4"
	case "letter":
		*paper = "Letter"
	default:
		fmt.Fprintln(stderr, "boundary handout: --paper must be a4 or letter")
		return 2
	}
	cites, err := handoutGuidance(p)
	if err != nil {
		fmt.Fprintln(stderr, "boundary handout:", err)
		return 1
	}
	if err := handoutPage.Execute(stdout, buildHandout(p, *lang, *paper, cites)); err != nil {
		fmt.Fprintln(stderr, "boundary handout:", err)
		return 1
	}
	return 0
}

// handoutGuidance names the guidance documents that apply to the profile,
// for the footnote.
func handoutGuidance(p *clinic.Profile) ([]string, error) {
	lib, err := replies.Load(rules.FS)
	if err != nil {
		return nil, err
	}
	g, err := rulepack.Load(rules.FS, "guidance")
	if err != nil {
		return nil, err
	}
	var out []string
	for _, id := range lib.Guidance(p) {
		out = append(out, g.Get(id).Message)
	}
	return out, nil
}

type handoutRow struct {
	Label, Value, Href string
	// Tel is a tel: link built from the digits of a phone number;
	// html/template does not let tel: through on its own.
	Tel template.URL
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
		d.Contacts = append(d.Contacts, handoutRow{Label: w["phone"], Value: p.Phone, Tel: template.URL("tel:" + strings.Map(dialable, p.Phone))})
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

// The page is self-contained: no scripts, fonts, images or links to load,
// and a Content-Security-Policy that would block them if there were.
var handoutPage = template.Must(template.New("handout").Funcs(template.FuncMap{
	"paper": func(s string) template.CSS {
		if !slices.Contains([]string{"A4", "Letter"}, s) {
			s = "A4"
		}
		return template.CSS(s)
	},
}).Parse(`<!DOCTYPE html>
<html lang="{{.Lang}}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{.Title}}{{if .Clinic}} · {{.Clinic}}{{end}}</title>
<style>
@page { size: {{paper .Paper}}; margin: 12mm; }
* { box-sizing: border-box; }
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
</style>
</head>
<body>
<header>
<h1>{{.Title}}</h1>
<p class="sub">{{.Subtitle}}</p>
{{- if .Clinic}}
<p class="clinic">{{.Clinic}}</p>
{{- end}}
</header>
<section class="emergency">
<h2>{{.EmergencyHead}}</h2>
{{- range .Emergency}}
<p>{{.}}</p>
{{- end}}
</section>
<div class="cols">
{{- if .Contacts}}
<section>
<h2>{{.ContactHead}}</h2>
<table>
{{- range .Contacts}}
<tr><th>{{.Label}}</th><td><a href="{{if .Tel}}{{.Tel}}{{else}}{{.Href}}{{end}}">{{.Value}}</a></td></tr>
{{- end}}
</table>
</section>
{{- end}}
{{- if .Hours}}
<section>
<h2>{{.HoursHead}}</h2>
<table>
{{- range .Hours}}
<tr><th>{{.Label}}</th><td>{{.Value}}</td></tr>
{{- end}}
</table>
{{- if .Closed}}
<p>{{.Closed}}</p>
{{- end}}
</section>
{{- end}}
</div>
<section class="why">
<h2>{{.WhyHead}}</h2>
{{- range .Why}}
<p>{{.}}</p>
{{- end}}
</section>
{{- if .ComplaintsURL}}
<section>
<h2>{{.ComplaintsHead}}</h2>
<p>{{.Complaints}} <a href="{{.ComplaintsURL}}">{{.ComplaintsURL}}</a></p>
</section>
{{- end}}
<footer>
{{- if .SignOff}}
<p class="signoff">{{.SignOff}}</p>
{{- end}}
{{- if .Guidance}}
{{.GuidanceHead}}:
<ul>
{{- range .Guidance}}
<li>{{.}}</li>
{{- end}}
</ul>
{{- end}}
</footer>
</body>
</html>
`))
