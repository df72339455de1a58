package suggest

import (
	"unicode"
	"unicode/utf8"

	"github.com/boundaryhq/boundary/wasm/drafts"
	"github.com/boundaryhq/boundary/wasm/patients"
)

// word is a run of letters (with inner hyphens and apostrophes) and what
// separates it from the previous word.
type word struct {
	start, end int
	comma      bool // a single comma (and spaces) before it
	joined     bool // only spaces before it
}

func words(text string) []word {
	var out []word
	gapComma, gapOK := false, false
	for i := 0; i < len(text); {
		r, n := utf8.DecodeRuneInString(text[i:])
		if unicode.IsLetter(r) {
			j := i + n
			for j < len(text) {
				r2, n2 := utf8.DecodeRuneInString(text[j:])
				if unicode.IsLetter(r2) || unicode.Is(unicode.Mn, r2) {
					j += n2
					continue
				}
				if r2 == '-' || r2 == '\'' || r2 == '’' {
					if r3, _ := utf8.DecodeRuneInString(text[j+n2:]); unicode.IsLetter(r3) {
						j += n2
						continue
					}
				}
				break
			}
			out = append(out, word{start: i, end: j, comma: gapComma && gapOK, joined: gapOK && !gapComma})
			i = j
			gapComma, gapOK = false, true
			continue
		}
		switch {
		case r == ' ' || r == '\t' || r == '\u00a0':
		case r == ',' && !gapComma:
			gapComma = true
		default:
			gapOK = false // line breaks, full stops and the rest end a name
		}
		i += n
	}
	return out
}

// NameSpans finds names from the patient list in free text: runs of two or
// three words ("Maria Schulz", "Anna Lena Schmidt", "Schulz, Maria") that
// the directory matches. Shorter runs win, so a greeting word before a
// name ("Hi Maria Schulz") is not part of the span.
func NameSpans(dir *patients.Directory, text string) []drafts.Span {
	if dir == nil || dir.Len() == 0 {
		return nil
	}
	ws := words(text)
	// score is the directory's score for words i..i+n-1 as one name, or 0
	// when they do not form a name or are not on the list.
	score := func(i, n int) float64 {
		if i+n > len(ws) {
			return 0
		}
		for k := i + 1; k < i+n; k++ {
			if !ws[k].joined && !(n == 2 && ws[k].comma) {
				return 0
			}
		}
		m, ok := dir.Match(text[ws[i].start:ws[i+n-1].end])
		if !ok {
			return 0
		}
		return m.Score
	}
	var out []drafts.Span
	for i := 0; i < len(ws); {
		s2, s3 := score(i, 2), score(i, 3)
		n := 0
		switch {
		case s3 > 0 && s3 > s2 && s3 > score(i+1, 2):
			n = 3 // "Anna Lena Schmidt", not "Lena Schmidt"
		case s2 > 0:
			n = 2 // "Tom Baker", not "Tom Baker and"
		}
		if n == 0 {
			i++
			continue
		}
		out = append(out, drafts.Span{Start: ws[i].start, End: ws[i+n-1].end})
		i += n
	}
	return out
}
