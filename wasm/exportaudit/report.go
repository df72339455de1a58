package exportaudit

import (
	"encoding/json"
	"html"
	"io"
	"strconv"
	"strings"
)

// WriteJSON writes the report as indented JSON. Findings are already in a
// stable order (severity, kind, newest first, id), so two runs over the
// same export give the same bytes.
func (r *Report) WriteJSON(w io.Writer) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(r)
}

var kindTitles = []struct{ kind, title string }{
	{KindPatientThread, "Messages from patients about their care"},
	{KindPostMentions, "Posts and comments that mention a patient"},
	{KindPostClinical, "Posts and comments that may describe a case"},
	{KindFriendIsPatient, "Patients among your friends"},
	{KindRequestFromPatient, "Friend requests from patients"},
	{KindClinicalThread, "Messages with clinical content (sender not on your patient list)"},
	{KindProfileWork, "Profile entries that reveal your workplace or job"},
	{KindCommunityGroup, "Local community groups"},
	{KindProfileTraining, "Profile entries that reveal clinical training"},
}

const reportCSS = `body{font:15px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;color:#1b1b1b;max-width:60rem;margin:2rem auto;padding:0 1rem}
h1{font-size:1.6rem;margin:0 0 .25rem}h2{font-size:1.15rem;margin:1.75rem 0 .5rem}
.meta{color:#555}table{border-collapse:collapse;width:100%}th,td{text-align:left;vertical-align:top;border-bottom:1px solid #ddd;padding:.35rem .5rem}
th{font-size:.8rem;text-transform:uppercase;color:#555}.sev{font-weight:600}.high,.critical{color:#b00020}.medium{color:#8a4b00}.low,.info{color:#555}
.id{font-family:ui-monospace,monospace;font-size:.8rem;color:#555}.note{border:1px solid #ccc;border-radius:.4rem;padding:.75rem 1rem}
@media print{body{margin:0;max-width:none;font-size:10pt}tr{break-inside:avoid}h2{break-after:avoid}}`

// WriteHTML writes a self-contained, printable HTML version of the report.
// Everything taken from the export is escaped.
func (r *Report) WriteHTML(w io.Writer) error {
	var b strings.Builder
	e := html.EscapeString
	b.WriteString("<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">")
	b.WriteString("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">")
	b.WriteString("<title>Boundary: Facebook export audit</title><style>" + reportCSS + "</style></head><body>\n")
	b.WriteString("<h1>Facebook export audit</h1>\n<p class=\"meta\">Export: " + e(r.Source) + " (layout " + e(r.Layout) + ")")
	if r.Owner != "" {
		b.WriteString(", account of " + e(r.Owner))
	}
	c := r.Counts
	b.WriteString(". Read " + itoa(c.Files) + " files: " + itoa(c.Friends) + " friends, " + itoa(c.RequestsIn) + " friend requests, " +
		itoa(c.Threads) + " conversations with " + itoa(c.Messages) + " messages, " + itoa(c.Groups) + " groups, " +
		itoa(c.Posts) + " posts, " + itoa(c.Comments) + " comments.</p>\n")
	if !r.PatientList {
		b.WriteString("<p class=\"note\">No patient list was given, so no finding can name a patient. Run again with --patients to match friends, requests and messages against your list.</p>\n")
	}
	if len(r.Findings) == 0 {
		b.WriteString("<p class=\"note\">Nothing to report.</p>\n")
	}
	for _, kt := range kindTitles {
		var fs []Finding
		for _, f := range r.Findings {
			if f.Kind == kt.kind {
				fs = append(fs, f)
			}
		}
		if len(fs) == 0 {
			continue
		}
		b.WriteString("<h2>" + e(kt.title) + " (" + itoa(len(fs)) + ")</h2>\n<p>" + e(kindInfo[kt.kind].message) + "</p>\n")
		b.WriteString("<table><thead><tr><th>Severity</th><th>Who or what</th><th>When</th><th>Why</th><th>Where</th></tr></thead><tbody>\n")
		for _, f := range fs {
			who := f.Name
			if f.Patient != "" && f.Patient != f.Name {
				who += " (patient list: " + f.Patient + ")"
			}
			why := strings.Join(f.Reasons, "; ")
			if f.Count > 1 {
				why += "; " + itoa(f.Count) + " messages"
			}
			if f.Excerpt != "" {
				why += "; \u201c" + f.Excerpt + "\u201d"
			}
			b.WriteString("<tr><td class=\"sev " + e(f.Severity) + "\">" + e(f.Severity) + "</td><td>" + e(who) + "</td><td>" + e(f.Time) +
				"</td><td>" + e(why) + "</td><td>" + e(f.File) + "<div class=\"id\">" + e(f.ID) + "</div></td></tr>\n")
		}
		b.WriteString("</tbody></table>\n")
	}
	b.WriteString("<p class=\"meta\">This report holds patient names and message excerpts. Keep it on your own device and delete it when you are done.</p>\n</body></html>\n")
	_, err := io.WriteString(w, b.String())
	return err
}

func itoa(n int) string { return strconv.Itoa(n) }
