package drafts

import "unicode/utf8"

// isPictograph reports whether r starts an emoji as people type them. The
// ranges are the Unicode blocks emoji keyboards draw from; symbols that
// only become emoji with a variation selector (©, ↔) are left out.
func isPictograph(r rune) bool {
	switch {
	case r >= 0x1F300 && r <= 0x1F5FF, // symbols and pictographs
		r >= 0x1F600 && r <= 0x1F64F, // emoticons
		r >= 0x1F680 && r <= 0x1F6FF, // transport and map
		r >= 0x1F900 && r <= 0x1F9FF, // supplemental symbols and pictographs
		r >= 0x1FA70 && r <= 0x1FAFF, // symbols and pictographs extended-A
		r >= 0x2600 && r <= 0x27BF,   // miscellaneous symbols, dingbats
		r >= 0x1F1E6 && r <= 0x1F1FF, // regional indicators (flags)
		r == 0x2B50, r == 0x2B55, r == 0x1F004, r == 0x1F0CF:
		return !isSkinTone(r)
	}
	return false
}

func isSkinTone(r rune) bool { return r >= 0x1F3FB && r <= 0x1F3FF }

// joins reports whether r belongs to the emoji before it: skin tones,
// variation selectors, the zero-width joiner, keycaps and tag characters.
func joins(r rune) bool {
	return isSkinTone(r) || r == 0xFE0F || r == 0xFE0E || r == 0x200D || r == 0x20E3 || r >= 0xE0020 && r <= 0xE007F
}

// emojiSpans returns one span per emoji as a reader sees it: a family
// joined with zero-width joiners, a thumbs-up with a skin tone and a flag
// made of two regional indicators each count once.
func emojiSpans(s string) []Span {
	var out []Span
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		if !isPictograph(r) {
			i += n
			continue
		}
		start := i
		i += n
		flag := r >= 0x1F1E6 && r <= 0x1F1FF
		if flag {
			if r2, n2 := utf8.DecodeRuneInString(s[i:]); r2 >= 0x1F1E6 && r2 <= 0x1F1FF {
				i += n2
			}
		}
		for i < len(s) {
			r2, n2 := utf8.DecodeRuneInString(s[i:])
			if !joins(r2) {
				break
			}
			i += n2
			if r2 == 0x200D {
				// The joiner glues the next pictograph to this one.
				if r3, n3 := utf8.DecodeRuneInString(s[i:]); isPictograph(r3) {
					i += n3
				}
			}
		}
		out = append(out, Span{start, i})
	}
	return out
}
