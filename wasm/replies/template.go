package replies

import (
	"strings"
)

// Variables are the names a template may use between braces. Every one but
// first_name comes from the clinic profile; first_name is the sender's and
// comes from the conversation.
var Variables = []string{
	"first_name", "clinic_name", "phone", "email", "portal_url",
	"business_page_url", "hours", "out_of_hours", "emergency_number",
	"crisis_line", "complaints_url", "sign_off",
}

func isVariable(s string) bool {
	for _, v := range Variables {
		if v == s {
			return true
		}
	}
	return false
}

// A template's text is literal text with {variable} placeholders and
// optional sections:
//
//	[[ … ]]          dropped when any placeholder inside it is empty
//	[[ A || B ]]     A if all of A's placeholders are filled, else B, else nothing
//
// Sections do not nest. Placeholders outside sections are required: a
// template that lacks one cannot be rendered. After rendering, spaces left
// at line ends by dropped sections are trimmed, runs of spaces become one
// and more than one blank line becomes one.
type part struct {
	text string   // literal text, when alts is nil and name is ""
	name string   // a placeholder
	alts [][]part // an optional section's alternatives, each literals and placeholders
}

type syntaxError struct{ msg string }

func (e *syntaxError) Error() string { return e.msg }

// parseText splits template text into parts and checks its syntax.
func parseText(s string) ([]part, error) {
	var out []part
	var alts [][]part // non-nil while inside a section
	var cur []part
	lit := func(t string) {
		if t != "" {
			cur = append(cur, part{text: t})
		}
	}
	for len(s) > 0 {
		i := strings.IndexAny(s, "{}[]|")
		if i < 0 {
			lit(s)
			break
		}
		lit(s[:i])
		s = s[i:]
		switch {
		case s[0] == '{':
			end := strings.IndexByte(s, '}')
			if end < 0 {
				return nil, &syntaxError{"unclosed { in template"}
			}
			name := s[1:end]
			if !isVariable(name) {
				return nil, &syntaxError{"unknown variable {" + name + "}; known: " + strings.Join(Variables, ", ")}
			}
			cur = append(cur, part{name: name})
			s = s[end+1:]
		case s[0] == '}':
			return nil, &syntaxError{"} without {"}
		case strings.HasPrefix(s, "[["):
			if alts != nil {
				return nil, &syntaxError{"optional sections [[ ]] cannot nest"}
			}
			out = append(out, cur...)
			cur, alts = nil, [][]part{}
			s = s[2:]
		case strings.HasPrefix(s, "]]"):
			if alts == nil {
				return nil, &syntaxError{"]] without [["}
			}
			alts = append(alts, cur)
			out = append(out, part{alts: alts})
			cur, alts = nil, nil
			s = s[2:]
		case strings.HasPrefix(s, "||"):
			if alts == nil {
				return nil, &syntaxError{"|| is only allowed inside [[ ]]"}
			}
			alts = append(alts, cur)
			cur = nil
			s = s[2:]
		default:
			// A single bracket or bar is ordinary text.
			lit(s[:1])
			s = s[1:]
		}
	}
	if alts != nil {
		return nil, &syntaxError{"unclosed [[ in template"}
	}
	return append(out, cur...), nil
}

// required lists the placeholders outside optional sections, in order of
// first use.
func required(parts []part) []string {
	var names []string
	for _, p := range parts {
		if p.name != "" && !hasString(names, p.name) {
			names = append(names, p.name)
		}
	}
	return names
}

// uses lists every placeholder, required or optional.
func uses(parts []part) []string {
	var names []string
	add := func(n string) {
		if n != "" && !hasString(names, n) {
			names = append(names, n)
		}
	}
	for _, p := range parts {
		add(p.name)
		for _, alt := range p.alts {
			for _, q := range alt {
				add(q.name)
			}
		}
	}
	return names
}

// fill renders parts with vals; the caller has checked required names.
func fill(parts []part, vals map[string]string) string {
	var b strings.Builder
	for _, p := range parts {
		switch {
		case p.alts != nil:
			for _, alt := range p.alts {
				if complete(alt, vals) {
					for _, q := range alt {
						b.WriteString(q.text)
						b.WriteString(vals[q.name])
					}
					break
				}
			}
		default:
			b.WriteString(p.text)
			b.WriteString(vals[p.name])
		}
	}
	return tidy(b.String())
}

func complete(alt []part, vals map[string]string) bool {
	for _, q := range alt {
		if q.name != "" && vals[q.name] == "" {
			return false
		}
	}
	return true
}

// tidy repairs the whitespace that dropped sections leave behind.
func tidy(s string) string {
	lines := strings.Split(s, "\n")
	var out []string
	blank := 0
	for _, l := range lines {
		l = strings.TrimRight(collapseSpaces(l), " ")
		if l == "" {
			blank++
			if blank > 1 {
				continue
			}
		} else {
			blank = 0
		}
		out = append(out, l)
	}
	return strings.TrimSpace(strings.Join(out, "\n"))
}

func collapseSpaces(s string) string {
	for strings.Contains(s, "  ") {
		s = strings.ReplaceAll(s, "  ", " ")
	}
	return s
}

// oneLine makes a value safe to drop into a line of text: whitespace runs,
// line breaks included, become one space.
func oneLine(s string) string {
	return strings.Join(strings.Fields(s), " ")
}

func hasString(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}
