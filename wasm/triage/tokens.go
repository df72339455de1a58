package triage

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// token is one folded word of a message. brk marks the first word of a
// sentence or line, so that negation and bigrams do not reach across one.
type token struct {
	w   string
	brk bool
	// q marks the last word before a question mark.
	q bool
}

// artefacts are strings that corpora put into messages and real senders never
// type: MeQSum's "SUBJECT: … MESSAGE:" frame and its de-identification
// placeholders, and the HTML entities left in the SMS collection. Dropping
// them keeps the model from learning where a message came from instead of
// what it says.
var artefacts = []string{
	"SUBJECT:", "MESSAGE:", "[NAME]", "[LOCATION]", "[DATE]", "[CONTACT]",
	"[AGE]", "[PROFESSION]", "[ID]", "&lt;", "&gt;", "&amp;", "#&gt;", "&lt;#",
}

func stripArtefacts(s string) string {
	if strings.IndexByte(s, '[') < 0 && strings.IndexByte(s, '&') < 0 &&
		!strings.Contains(s, "SUBJECT:") && !strings.Contains(s, "MESSAGE:") {
		return s
	}
	for _, a := range artefacts {
		if strings.Contains(s, a) {
			s = strings.ReplaceAll(s, a, " ")
		}
	}
	return s
}

// tokenize splits text into folded words: lower case, German umlauts and ß
// spelled out (ä → ae, ß → ss) so that "Übelkeit" and "uebelkeit" meet,
// other accents dropped, apostrophes removed inside words ("don't" → "dont")
// and a final 's dropped ("Bella's" → "bella").
// Emoji and other symbols are words of their own. Any other non-letter,
// non-digit character separates words; . ! ? and line breaks also end a
// sentence.
func tokenize(text string) []token {
	text = stripArtefacts(text)
	toks := make([]token, 0, len(text)/5+1)
	var b strings.Builder
	brk := true
	flush := func() {
		if b.Len() > 0 {
			toks = append(toks, token{w: b.String(), brk: brk})
			b.Reset()
			brk = false
		}
	}
	for i := 0; i < len(text); {
		r, size := utf8.DecodeRuneInString(text[i:])
		i += size
		switch {
		case r < utf8.RuneSelf && (r >= 'a' && r <= 'z' || r >= '0' && r <= '9'):
			b.WriteByte(byte(r))
		case r >= 'A' && r <= 'Z':
			b.WriteByte(byte(r) + 'a' - 'A')
		case r == '\'' || r == '\u2019' || r == '`' || r == '\u00b4':
			// Inside a word an apostrophe joins ("don't" → "dont"), except
			// that a final 's goes ("dog's" → "dog", "it's" → "it");
			// elsewhere it is a quote mark and separates.
			if b.Len() > 0 && i < len(text) && (text[i] == 's' || text[i] == 'S') &&
				(i+1 >= len(text) || !isWordRune(text[i+1:])) {
				i++
				continue
			}
			if b.Len() == 0 || i >= len(text) || !isWordRune(text[i:]) {
				flush()
			}
		case r == '.' || r == '!' || r == '?' || r == '\n' || r == ';':
			// "3.5" and "e.g" stay inside a sentence.
			if r == '.' && b.Len() > 0 && i < len(text) && isWordRune(text[i:]) {
				flush()
				continue
			}
			flush()
			if r == '?' && len(toks) > 0 {
				toks[len(toks)-1].q = true
			}
			brk = true
		case r >= utf8.RuneSelf && unicode.IsLetter(r):
			if f, ok := fold[r]; ok {
				b.WriteString(f)
			} else {
				b.WriteRune(unicode.ToLower(r))
			}
		case r >= utf8.RuneSelf && unicode.IsDigit(r):
			b.WriteRune(r)
		case r >= 0x2190 && unicode.Is(unicode.So, r):
			// An emoji or symbol is a word of its own: 😂 and 💕 say a
			// lot about who is writing.
			flush()
			toks = append(toks, token{w: string(r), brk: brk})
			brk = false
		default:
			flush()
		}
	}
	flush()
	return toks
}

func isWordRune(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsLetter(r) || unicode.IsDigit(r)
}

// fold maps letters with diacritics to plain ASCII. German gets its own
// spelling (ä → ae), as Germans type it on a keyboard without umlauts.
var fold = map[rune]string{
	'ä': "ae", 'ö': "oe", 'ü': "ue", 'Ä': "ae", 'Ö': "oe", 'Ü': "ue", 'ß': "ss", 'ẞ': "ss",
	'à': "a", 'á': "a", 'â': "a", 'ã': "a", 'å': "a", 'À': "a", 'Á': "a", 'Â': "a",
	'ç': "c", 'Ç': "c", 'è': "e", 'é': "e", 'ê': "e", 'ë': "e", 'È': "e", 'É': "e", 'Ê': "e",
	'ì': "i", 'í': "i", 'î': "i", 'ï': "i", 'ñ': "n", 'Ñ': "n",
	'ò': "o", 'ó': "o", 'ô': "o", 'õ': "o", 'ø': "o", 'ù': "u", 'ú': "u", 'û': "u", 'ý': "y", 'ÿ': "y",
}

// Fold returns text as the classifier sees it: folded words joined by single
// spaces. Rule authors and tests use it to check how a phrase will be read.
func Fold(text string) string {
	if isFolded(text) {
		// The common case in rule packs: one word already in lower case.
		return text
	}
	toks := tokenize(text)
	var b strings.Builder
	for i, t := range toks {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(t.w)
	}
	return b.String()
}

// isFolded reports whether s is one non-empty word of a to z and 0 to 9,
// which folds to itself.
func isFolded(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; (c < 'a' || c > 'z') && (c < '0' || c > '9') {
			return false
		}
	}
	return s != ""
}
