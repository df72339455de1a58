package names

import (
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

func TestFold(t *testing.T) {
	tests := []struct{ in, want string }{
		// case and white space
		{"Jennifer Smith", "jennifer smith"},
		{"  JENNIFER\t\tSMITH \n", "jennifer smith"},
		{"", ""},
		{"   ", ""},
		// diacritics, many languages
		{"José García-López", "jose garcia lopez"},
		{"Zoë Brontë", "zoe bronte"},
		{"François Müller", "francois muller"},
		{"Łukasz Żółć", "lukasz zolc"},
		{"Søren Kierkegaard", "soren kierkegaard"},
		{"Ærøskøbing", "aeroskobing"},
		{"Straße", "strasse"},
		{"Nguyễn Thị Minh Khai", "nguyen thi minh khai"},
		{"Đặng Văn Lâm", "dang van lam"},
		{"İsmail Işık", "ismail isik"},
		{"Þórður Guðmundsson", "thordur gudmundsson"},
		{"Ştefan Ţiriac", "stefan tiriac"},
		{"Œdipe", "oedipe"},
		{"Əliyev", "aliyev"},
		{"Dvořák", "dvorak"},
		{"José", "jose"},                     // decomposed: e + combining acute
		{"Gal·la", "galla"},                  // Catalan middle dot
		{"Ḫattuša", "hattusa"},               // Latin Extended Additional
		{"Ⅻ Jenny", "jenny"},                 // a Roman numeral is a symbol here
		{"Дмитрий Иванов", "дмитрий иванов"}, // other scripts are kept, lower-cased
		{"ΣΩΚΡΆΤΗΣ", "σωκρατησ"},
		{"Σωκράτης", "σωκρατησ"},
		{"Фёдор", "федор"},
		{"王伟", "王伟"},
		// decorative letters
		{"𝐉𝐞𝐧𝐧𝐲 𝐒𝐦𝐢𝐭𝐡", "jenny smith"}, // bold
		{"𝐽𝑒𝑛𝑛𝑦 𝑆𝑚𝑖𝑡ℎ", "jenny smith"}, // italic, with ℎ from Letterlike Symbols
		{"𝓙𝓮𝓷𝓷𝔂 𝓢𝓶𝓲𝓽𝓱", "jenny smith"}, // bold script
		{"𝔍𝔢𝔫𝔫𝔶 𝔖𝔪𝔦𝔱𝔥", "jenny smith"}, // fraktur
		{"𝕁𝕖𝕟𝕟𝕪 𝕊𝕞𝕚𝕥𝕙", "jenny smith"}, // double-struck
		{"𝙹𝚎𝚗𝚗𝚢 𝚂𝚖𝚒𝚝𝚑", "jenny smith"}, // monospace
		{"𝗝𝗲𝗻𝗻𝘆 𝗦𝗺𝗶𝘁𝗵", "jenny smith"}, // sans-serif bold
		{"ℂ𝕙𝕣𝕚𝕤", "chris"},             // ℂ from Letterlike Symbols
		{"Ｊｅｎｎｙ　Ｓｍｉｔｈ", "jenny smith"}, // fullwidth, ideographic space
		{"Ⓙⓔⓝⓝⓨ", "jenny"},             // circled
		{"⒥⒠⒩⒩⒴", "jenny"},             // parenthesised
		{"🅙🅔🅝🅝🅨 🄹🄴🄽🄽🅈 🅹🅴🅽🅽🆈", "jenny jenny jenny"},
		{"ᴊᴇɴɴʏ ꜱᴍɪᴛʜ", "jenny smith"}, // small capitals
		{"ᴶᵉⁿⁿʸ", "jenny"},             // superscripts
		{"𝟏𝟗𝟖𝟎", "1980"},               // bold digits
		// emoji, symbols, invisible characters
		{"✨ Jenny Smith ✨", "jenny smith"},
		{"Dr. Bob Jones 🏥", "dr bob jones"},
		{"Jenny💕Smith", "jenny smith"},
		{"Jenny Smith 🇺🇸", "jenny smith"},
		{"👩🏽‍⚕️ Jenny", "jenny"},
		{"Jen\u200bny Sm\u200dith", "jenny smith"},             // zero-width space and joiner inside words
		{"\u202eJenny\u202c \u2066Smith\u2069", "jenny smith"}, // bidi controls
		{"Jen\u00adny", "jenny"},                               // soft hyphen
		{"J̶e̶n̶n̶y̶", "jenny"},                                // strikethrough with combining marks
		{"\u3164\u3164", ""},                                   // Hangul fillers: an "invisible" name
		{"★彡 Jenny 彡★", "彡 jenny 彡"},                           // 彡 is a letter (CJK)
		// punctuation
		{"O'Brien", "obrien"},
		{"O’Brien D’Angelo", "obrien dangelo"},
		{"Smith, Jane", "smith jane"},
		{"J.R.R. Tolkien", "j r r tolkien"},
		{`Robert "Bob" Smith`, "robert bob smith"},
		{"Jennifer (Jenny) Smith", "jennifer jenny smith"},
		{"Jenny <3 Smith", "jenny 3 smith"},
		// HTML is text, but tags and character references are decoration
		{"Mary <b>Jones</b>", "mary jones"},
		{"<img src=x onerror=alert(1)>", ""},
		{"Mary &amp; John", "mary john"},
		{"a&#39;b", "a b"},
		{"a < b > c", "a b c"},
		// invalid UTF-8 separates words
		{"Jen\xffny", "jen ny"},
	}
	for _, tt := range tests {
		if got := Fold(tt.in); got != tt.want {
			t.Errorf("Fold(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// TestFoldCoversLatin checks that every letter of Latin-1 Supplement, Latin
// Extended-A and -B and Latin Extended Additional folds to ASCII, so that no
// accented letter slips through as a mismatch.
func TestFoldCoversLatin(t *testing.T) {
	// Letters of Latin Extended-B that are no Latin letter with a diacritic
	// and have no ASCII reading: tone letters, clicks (ǃ as in ǃXóõ), esh,
	// glottal stops. They stay as they are.
	noASCII := "ƄƅƍƛƧƨƩƪƻƼƽƾǀǁǂǃɁɂ"
	for _, rg := range [][2]rune{{0xC0, 0x24F}, {0x1E00, 0x1EFF}} {
		for r := rg[0]; r <= rg[1]; r++ {
			if !unicode.IsLetter(r) || strings.ContainsRune(noASCII, r) {
				continue
			}
			got := Fold(string(r))
			if got == "" || !isASCIILower(got) {
				t.Errorf("Fold(%q U+%04X) = %q, want lower-case ASCII", string(r), r, got)
			}
		}
	}
}

func TestFoldMathematicalAlphanumerics(t *testing.T) {
	n := 0
	for r := rune(0x1D400); r <= 0x1D6A3; r++ { // 13 Latin alphabets
		if !unicode.IsLetter(r) {
			continue // reserved holes, filled from Letterlike Symbols
		}
		want := string(rune('a' + (r-0x1D400)%52%26))
		if got := Fold(string(r)); got != want {
			t.Errorf("Fold(U+%04X) = %q, want %q", r, got, want)
		}
		n++
	}
	if n < 600 {
		t.Errorf("only %d letters checked", n)
	}
	for r := rune(0x1D7CE); r <= 0x1D7FF; r++ {
		want := string(rune('0' + (r-0x1D7CE)%10))
		if got := Fold(string(r)); got != want {
			t.Errorf("Fold(U+%04X) = %q, want %q", r, got, want)
		}
	}
}

func TestFoldLongInput(t *testing.T) {
	long := strings.Repeat("Jenny ", 2000) // 12,000 bytes
	got := Fold(long)
	if len(got) > MaxInputBytes {
		t.Errorf("Fold of %d bytes gave %d bytes, want at most %d", len(long), len(got), MaxInputBytes)
	}
	// Cutting never splits a character.
	cut := strings.Repeat("é", 1000)
	if got := Fold(cut); !utf8.ValidString(got) || strings.Trim(got, "e") != "" {
		t.Errorf("Fold(1000 × é) = %q…, want only e", got[:20])
	}
}

func TestFoldIsIdempotent(t *testing.T) {
	for _, s := range []string{"José García-López", "𝐉𝐞𝐧𝐧𝐲 𝐒𝐦𝐢𝐭𝐡", "O'Brien", "Ærø", "Дмитрий"} {
		once := Fold(s)
		if twice := Fold(once); twice != once {
			t.Errorf("Fold(Fold(%q)) = %q, want %q", s, twice, once)
		}
	}
}

func TestSpellingKey(t *testing.T) {
	same := [][2]string{
		{"catherine", "katherine"},
		{"jon", "john"},
		{"sara", "sarah"},
		{"smith", "smyth"},
		{"jenifer", "jennifer"},
		{"katie", "katy"},
		{"katey", "katie"},
		{"elisabeth", "elizabeth"},
		{"philip", "phillip"},
		{"filip", "philip"},
		{"stephen", "stefen"},
		{"christopher", "kristopher"},
		{"mueller", "muller"},
		{"juergen", "jurgen"},
		{"schroeder", "schroder"},
		{"matthew", "mathew"},
		{"alexander", "aleksander"},
		{"thompson", "tompson"},
	}
	for _, p := range same {
		if a, b := SpellingKey(p[0]), SpellingKey(p[1]); a != b {
			t.Errorf("SpellingKey(%q) = %q, SpellingKey(%q) = %q; want equal", p[0], a, p[1], b)
		}
	}
	different := [][2]string{
		{"daniel", "danielle"},
		{"julian", "julia"},
		{"christian", "christina"},
		{"joe", "jo"},
		{"chloe", "chlo"},
		{"zara", "sara"},
		{"lee", "li"},
		{"jean", "jeanne"},
		{"mark", "marko"},
		{"ann", "anne"},
		{"allen", "alan"},
	}
	for _, p := range different {
		if a, b := SpellingKey(p[0]), SpellingKey(p[1]); a == b {
			t.Errorf("SpellingKey(%q) = SpellingKey(%q) = %q; want different", p[0], p[1], a)
		}
	}
	if got := SpellingKey(""); got != "" {
		t.Errorf("SpellingKey(\"\") = %q, want \"\"", got)
	}
	if got := SpellingKey("дмитрий"); got != "дмитрий" {
		t.Errorf("SpellingKey(дмитрий) = %q, want it unchanged", got)
	}
}

func isASCIILower(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < 'a' || s[i] > 'z' {
			return false
		}
	}
	return true
}
