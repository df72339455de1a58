package names

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// FuzzFoldParse: Fold and Parse never panic, Fold is idempotent and
// returns single-spaced UTF-8, and every parsed word has a key with no
// space and a spelling key.
func FuzzFoldParse(f *testing.F) {
	for _, s := range []string{
		"José García-López", "✨ 𝐉𝐞𝐧𝐧𝐲 Smith ✨", "Dr. med. Hans Müller, MD", "<img src=x onerror=alert(1)>",
		"Robert \"Bob\" (Jones) van der Berg-Smith", "\xff\xfe\x00", "J.R.R.", "&amp;&#x1F600;", "Ｊｅｎｎｙ",
		"((((\"\"''", "aaron", "McDONALD", "Zz", "a\u0301\u0302\u0303", "\u202e\u2066\u200d", strings.Repeat("é", 600),
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		k := Fold(s)
		if !utf8.ValidString(k) || strings.Contains(k, "  ") || strings.TrimSpace(k) != k {
			t.Fatalf("Fold(%q) = %q", s, k)
		}
		if slow := foldSlow(s); k != slow {
			t.Fatalf("Fold(%q) = %q, but the general path gives %q", s, k, slow)
		}
		if k2 := Fold(k); k2 != k {
			t.Fatalf("Fold(Fold(%q)) = %q, want %q", s, k2, k)
		}
		for _, o := range []Order{OrderAuto, OrderFirstLast, OrderLastFirst} {
			n := ParseOrder(s, o)
			for i, tok := range n.Tokens {
				if tok.Key == "" || strings.ContainsRune(tok.Key, ' ') || tok.Spell == "" || tok.Pos != i || tok.Group > i {
					t.Fatalf("ParseOrder(%q, %d) token %d = %+v", s, o, i, tok)
				}
			}
			_ = n.First() + n.Middle() + n.Last()
		}
		ParseParts(s, s, s)
		SpellingKey(k)
	})
}
