package replies

import (
	"html/template"
	"slices"
	"strings"
	"testing"

	"github.com/boundaryhq/boundary/wasm/clinic"
)

// TestHandoutEscapingMatchesHTMLTemplate renders hostile profiles with the
// hand-written writer and with the html/template page it replaced, and
// wants the same bytes: the writer escapes exactly as html/template would.
func TestHandoutEscapingMatchesHTMLTemplate(t *testing.T) {
	lib := loadLib(t)
	for _, raw := range []string{
		`{"profession":"therapist","country":"US","clinic_name":"<script>alert(1)</script> & \"Co\" 'x' +1","sign_off":"<img src=x onerror=alert(2)>","out_of_hours":"</p><b>bold</b>","crisis_line":"<style>body{display:none}</style>","email":"a@b.example","portal_url":"https://x.example/?q=1&r='2'+3ü","complaints_url":"https://x.example/%41'(x)","phone":"+44 (0) 20 7946 0321"}`,
		`{"profession":"veterinarian","country":"GB","clinic_name":"Paws & <Claws>","business_page_url":"http://localhost:8080/a%20b?x=(1)","hours":{"week":{"sat":["09:00-12:00"]},"closed":["2026-12-25"]},"sign_off":"Dr O'Neil"}`,
		`{"profession":"nurse","country":"DE","language":"de","clinic_name":"Praxis Müller & Söhne","portal_url":"https://praxis.example/termin?wer=Müller&wann=morgen#jetzt"}`,
	} {
		p, errs := clinic.ParseProfile([]byte(raw))
		if len(errs) > 0 {
			t.Fatalf("%s: %v", raw, errs)
		}
		for _, lang := range HandoutLanguages() {
			var got, want strings.Builder
			if err := lib.Handout(&got, p, lang, ""); err != nil {
				t.Fatal(err)
			}
			var cites []string
			for _, id := range lib.Guidance(p) {
				cites = append(cites, lib.guidance[id].message)
			}
			if err := referencePage.Execute(&want, buildHandout(p, lang, clinic.JurisdictionOf(p.Country).Paper, cites)); err != nil {
				t.Fatal(err)
			}
			if got.String() != want.String() {
				g, w := got.String(), want.String()
				i := 0
				for i < len(g) && i < len(w) && g[i] == w[i] {
					i++
				}
				t.Errorf("%s %s: differs from html/template at byte %d:\n got %q\nwant %q", p.ClinicName, lang, i, g[i:min(i+80, len(g))], w[i:min(i+80, len(w))])
			}
		}
	}
	for _, u := range []string{"javascript:alert(1)", "data:text/html,x", " JAVASCRIPT:x"} {
		if got := safeURL(u); got != "#ZgotmplZ" && !strings.HasPrefix(got, "%20") {
			t.Errorf("safeURL(%q) = %q", u, got)
		}
	}
}

// The page is self-contained: no scripts, fonts, images or links to load,
// and a Content-Security-Policy that would block them if there were.
// referencePage is the html/template the CLI renders the handout with.
var referencePage = template.Must(template.New("handout").Funcs(template.FuncMap{
	"trusted": func(s string) template.URL { return template.URL(s) },
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
<tr><th>{{.Label}}</th><td><a href="{{if .Tel}}{{trusted .Tel}}{{else}}{{.Href}}{{end}}">{{.Value}}</a></td></tr>
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
