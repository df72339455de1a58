// Package report writes the privacy self-audit as one printable HTML page:
// self-contained (no scripts, fonts or images from anywhere), styled for
// screen and print, with every piece of text escaped.
//
// It writes by hand rather than with html/template so that the same code
// runs in the WebAssembly core, which the options page uses to offer the
// report, and in the native CLI.
package report

import (
	"strconv"
	"strings"

	"github.com/boundaryhq/boundary/wasm/audit"
)

// Options are the page's surroundings.
type Options struct {
	Title     string // defaults to "Boundary privacy self-audit"
	Generated string // a date or time, shown as given
}

const css = `body{font:15px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;color:#1b1b1b;max-width:52rem;margin:2rem auto;padding:0 1rem}
h1{font-size:1.6rem;margin:0 0 .25rem}
.meta{color:#555;margin:0 0 1.5rem}
.score{display:flex;gap:1.5rem;align-items:baseline;border:1px solid #ccc;border-radius:.5rem;padding:1rem;margin-bottom:1.5rem}
.score b{font-size:2.4rem}
.check{border:1px solid #ccc;border-left-width:.5rem;border-radius:.4rem;padding:.75rem 1rem;margin:0 0 1rem;break-inside:avoid}
.check.risk{border-left-color:#b00020}
.check.unknown{border-left-color:#8a6d00}
.check.ok{border-left-color:#1e7b34}
.check h2{font-size:1.05rem;margin:0 0 .35rem}
.tag{display:inline-block;font-size:.75rem;font-weight:600;text-transform:uppercase;letter-spacing:.03em;border-radius:.25rem;padding:0 .35rem;margin-right:.4rem;border:1px solid currentColor}
.risk .status{color:#b00020}.unknown .status{color:#8a6d00}.ok .status{color:#1e7b34}
dl{display:grid;grid-template-columns:7rem 1fr;gap:.2rem .75rem;margin:.5rem 0 0}
dt{color:#555}dd{margin:0;overflow-wrap:anywhere}
footer{color:#555;font-size:.85rem;margin-top:2rem}
@media print{body{margin:0;max-width:none;font-size:11pt}.check,.score{border-color:#999}a{color:inherit;text-decoration:none}a[href]::after{content:" (" attr(href) ")";font-size:.85em;color:#555}}`

// HTML renders the report. c supplies each check's explanation and the
// guidance it cites; it may be nil.
func HTML(c *audit.Checks, rep audit.Report, o Options) []byte {
	if o.Title == "" {
		o.Title = "Boundary privacy self-audit"
	}
	var b strings.Builder
	b.WriteString("<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
	b.WriteString("<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">")
	b.WriteString("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">")
	b.WriteString("<title>" + Escape(o.Title) + "</title><style>" + css + "</style></head><body>\n")
	b.WriteString("<h1>" + Escape(o.Title) + "</h1>\n<p class=\"meta\">")
	if o.Generated != "" {
		b.WriteString("Generated " + Escape(o.Generated) + ". ")
	}
	b.WriteString("Pages read: ")
	if len(rep.Pages) == 0 {
		b.WriteString("none")
	} else {
		b.WriteString(Escape(strings.Join(rep.Pages, ", ")))
	}
	b.WriteString(".</p>\n")
	b.WriteString("<section class=\"score\"><div><b>" + strconv.Itoa(rep.Score) + "</b>/100</div><div>")
	b.WriteString(strconv.Itoa(rep.Risk) + " to fix, " + strconv.Itoa(rep.Unknown) + " could not be read, " + strconv.Itoa(rep.OK) + " fine.")
	b.WriteString(" The score weighs each check by severity (info 1, low 2, medium 4, high 8, critical 16) and counts only checks that could be read.</div></section>\n")
	for _, r := range rep.Results {
		b.WriteString("<section class=\"check " + Escape(r.Status) + "\" id=\"" + Escape(r.ID) + "\">")
		b.WriteString("<h2><span class=\"tag status\">" + Escape(statusWord(r.Status)) + "</span><span class=\"tag\">" + Escape(r.Severity) + "</span>")
		b.WriteString(Escape(r.Message) + "</h2>")
		if c != nil {
			if ch := c.Get(r.ID); ch != nil {
				b.WriteString("<p>" + Escape(ch.Explanation) + "</p>")
			}
		}
		b.WriteString("<dl><dt>Check</dt><dd>" + Escape(r.ID) + "</dd>")
		b.WriteString("<dt>Found</dt><dd>" + Escape(r.Detail) + "</dd>")
		if r.Status != audit.OK {
			b.WriteString("<dt>Fix</dt><dd>" + Escape(strings.TrimSpace(strings.TrimSuffix(r.Fix, r.FixURL))))
			if safeURL(r.FixURL) {
				b.WriteString(" <a href=\"" + Escape(r.FixURL) + "\">" + Escape(r.FixURL) + "</a>")
			}
			b.WriteString("</dd>")
		}
		if c != nil {
			if ch := c.Get(r.ID); ch != nil && len(ch.Guidance) > 0 {
				b.WriteString("<dt>Guidance</dt><dd>" + Escape(strings.Join(ch.Guidance, ", ")) + "</dd>")
			}
		}
		b.WriteString("</dl></section>\n")
	}
	b.WriteString("<footer>Privacy settings reduce what others see but never guarantee it. Facebook changes its settings pages often; a check that could not be read is listed as such, never as fine. Review your settings again after changes and at least once a year.</footer>\n")
	b.WriteString("</body></html>\n")
	return []byte(b.String())
}

func statusWord(s string) string {
	switch s {
	case audit.Risk:
		return "fix"
	case audit.OK:
		return "ok"
	}
	return "could not read"
}

// safeURL allows only https links, so a rule can never inject javascript:.
func safeURL(u string) bool { return strings.HasPrefix(u, "https://") }

var escaper = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&#34;", "'", "&#39;")

// Escape makes text safe in HTML text and in quoted attribute values.
func Escape(s string) string { return escaper.Replace(s) }
