package names

import (
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"
)

// MaxInputBytes bounds the work done on one name. Display names on social
// sites are far shorter; anything beyond this is decoration or an attack,
// and is ignored.
const MaxInputBytes = 1024

// maxParseWords bounds the words Parse reads; no name has more.
const maxParseWords = 64

// Fold returns s as a comparison key:
//
//   - lower case, with diacritics removed and ligatures spelled out
//     (José → jose, Łukasz → lukasz, Straße → strasse, Nguyễn → nguyen);
//   - decorative letters read as plain ones (𝐉𝐞𝐧𝐧𝐲 → jenny, Ｊｅｎｎｙ → jenny,
//     Ⓙⓔⓝⓝⓨ → jenny, ᴊᴇɴɴʏ → jenny);
//   - HTML-like tags and character references, emoji, symbols, punctuation,
//     zero-width and bidirectional control characters removed;
//   - apostrophes inside a word dropped (O'Brien → obrien), other
//     punctuation and white space turned into single spaces
//     (García-López → garcia lopez), with no space at either end.
//
// Letters of other scripts are kept and lower-cased; digits are kept. Only
// the first MaxInputBytes of s are read.
func Fold(s string) string {
	if isASCIIWord(s) {
		// The common case (nickname tables, most names): one word of ASCII
		// letters folds to its lower case, which costs nothing when it
		// already is.
		return strings.ToLower(s)
	}
	return foldSlow(s)
}

// isASCIIWord reports whether s is one non-empty run of ASCII letters.
func isASCIIWord(s string) bool {
	if s == "" || len(s) > MaxInputBytes {
		return false
	}
	for i := 0; i < len(s); i++ {
		if c := s[i] | 0x20; c < 'a' || c > 'z' {
			return false
		}
	}
	return true
}

func foldSlow(s string) string {
	toks := tokenize(s, true, nil)
	n := 0
	for _, t := range toks {
		n += len(t.key) + 1
	}
	var b strings.Builder
	b.Grow(n)
	for i, t := range toks {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(t.key)
	}
	return b.String()
}

// class is what a character does in a name.
type class uint8

const (
	clsSpace  class = iota // white space, symbols, emoji, other punctuation: ends a word
	clsLetter              // part of a word
	clsDigit               // part of a word in Fold, a separator in Parse
	clsJoin                // inside a word but adds no letter: combining marks, invisible characters
	clsApos                // apostrophe: joins letters (O'Brien); elsewhere a quote mark
	clsComma               // separates "Last, First"
	clsHyphen              // joins a double name (García-López)
	clsOpen                // opening bracket
	clsClose               // closing bracket
	clsQuote               // double quote mark of any style
	clsLess                // '<', which may start a tag
	clsAmp                 // '&', which may start a character reference
)

// char is one folded character.
type char struct {
	cls   class
	key   string // the folded form, when it is a fixed string
	lower rune   // the folded form otherwise (letters of other scripts)
	plain rune   // the letter as written, with decorative forms made plain; 0 for none
}

var asciiClass [128]class

const lowerAZ = "abcdefghijklmnopqrstuvwxyz"
const digits09 = "0123456789"

var (
	latinTable [0x250 - 0xC0]string // U+00C0–U+024F
	latinExt   [0x100]string        // U+1E00–U+1EFF
)

func init() {
	for c := 'a'; c <= 'z'; c++ {
		asciiClass[c] = clsLetter
		asciiClass[c-'a'+'A'] = clsLetter
	}
	for c := '0'; c <= '9'; c++ {
		asciiClass[c] = clsDigit
	}
	asciiClass['\''] = clsApos
	asciiClass['`'] = clsApos
	asciiClass[','] = clsComma
	asciiClass['-'] = clsHyphen
	asciiClass['('] = clsOpen
	asciiClass['['] = clsOpen
	asciiClass['{'] = clsOpen
	asciiClass[')'] = clsClose
	asciiClass[']'] = clsClose
	asciiClass['}'] = clsClose
	asciiClass['"'] = clsQuote
	asciiClass['<'] = clsLess
	asciiClass['&'] = clsAmp
	for _, g := range latinGroups {
		for _, r := range g.from {
			switch {
			case r >= 0xC0 && r < 0x250:
				latinTable[r-0xC0] = g.to
			case r >= 0x1E00 && r < 0x1F00:
				latinExt[r-0x1E00] = g.to
			default:
				panic("names: latinGroups letter out of range: " + string(r))
			}
		}
	}
}

// fancy returns the plain letter or digit that a decorative character stands
// for, or 0.
func fancy(r rune) rune {
	i := sort.Search(len(fancyRuns), func(i int) bool { return fancyRuns[i].hi >= r })
	if i < len(fancyRuns) && fancyRuns[i].lo <= r {
		return fancyRuns[i].to + (r - fancyRuns[i].lo)
	}
	return 0
}

// classify folds one character.
func classify(r rune) char {
	if r < utf8.RuneSelf {
		c := asciiClass[r]
		switch c {
		case clsLetter:
			l := r | 0x20
			return char{cls: clsLetter, key: lowerAZ[l-'a' : l-'a'+1], plain: r}
		case clsDigit:
			return char{cls: clsDigit, key: digits09[r-'0' : r-'0'+1], plain: r}
		}
		return char{cls: c}
	}
	switch {
	case r >= 0xC0 && r < 0x250:
		if k := latinTable[r-0xC0]; k != "" {
			return char{cls: clsLetter, key: k, plain: r}
		}
	case r >= 0x1E00 && r < 0x1F00:
		if k := latinExt[r-0x1E00]; k != "" {
			return char{cls: clsLetter, key: k, plain: r}
		}
	case r >= 0xFF01 && r <= 0xFF5E: // fullwidth ASCII
		return classify(r - 0xFEE0)
	}
	switch r {
	case 0x2019, 0x2018, 0x02BC, 0x02BB, 0x00B4, 0x2032, 0x02B9:
		return char{cls: clsApos}
	case 0x00B7: // Catalan middle dot: l·l
		return char{cls: clsJoin}
	case 0x2010, 0x2011, 0x2012, 0x2013, 0x2212, 0xFE63:
		return char{cls: clsHyphen}
	case 0x060C, 0x3001, 0xFE50:
		return char{cls: clsComma}
	case 0x201C, 0x201D, 0x201E, 0x201F, 0x00AB, 0x00BB, 0x2039, 0x203A,
		0x300C, 0x300D, 0x300E, 0x300F:
		return char{cls: clsQuote}
	case 0x27E8, 0x3010, 0x3014, 0xFF5F:
		return char{cls: clsOpen}
	case 0x27E9, 0x3011, 0x3015, 0xFF60:
		return char{cls: clsClose}
	case 0x0259, 0x018F: // schwa, as in Azerbaijani Əliyev → aliyev
		return char{cls: clsLetter, key: "a", plain: r}
	case 0x025B: // open e
		return char{cls: clsLetter, key: "e", plain: r}
	case 0x0254: // open o
		return char{cls: clsLetter, key: "o", plain: r}
	case 0x03C2: // final sigma
		return char{cls: clsLetter, lower: 0x03C3, plain: r}
	case 0x0401, 0x0451: // Ё, ё: Russian usually writes е
		return char{cls: clsLetter, lower: 0x0435, plain: r}
	case 0x3164, 0x115F, 0x1160, 0xFFA0, 0x2800:
		// Hangul fillers and the blank Braille pattern are letters or
		// symbols to Unicode but show as nothing; they make "invisible"
		// names.
		return char{cls: clsSpace}
	}
	if r >= 0x0386 && r <= 0x03CE {
		// Greek letters with tonos or dialytika: Ά → α.
		if b := greekBase[r-0x0386]; b != 0 {
			return char{cls: clsLetter, lower: b, plain: r}
		}
	}
	if f := fancy(r); f != 0 {
		c := classify(f)
		c.plain = f
		return c
	}
	switch {
	case unicode.Is(unicode.Mn, r):
		// Combining marks: the accent of a decomposed "é", and the
		// variation selectors that follow emoji.
		return char{cls: clsJoin, plain: r}
	case unicode.Is(unicode.Cf, r), unicode.Is(unicode.Me, r):
		// Zero-width spaces and joiners, bidirectional controls, soft
		// hyphens, tag characters, enclosing keycaps.
		return char{cls: clsJoin}
	case unicode.IsLetter(r), unicode.Is(unicode.Mc, r):
		return char{cls: clsLetter, lower: unicode.ToLower(r), plain: r}
	case unicode.IsDigit(r):
		return char{cls: clsDigit, lower: r, plain: r}
	}
	return char{cls: clsSpace}
}

// greekBase holds the base letters of the accented Greek letters
// U+0386–U+03CE; 0 where a letter has no accent.
var greekBase = func() (t [0x03CF - 0x0386]rune) {
	for _, p := range [...][2]rune{
		{'Ά', 'α'}, {'Έ', 'ε'}, {'Ή', 'η'}, {'Ί', 'ι'}, {'Ό', 'ο'}, {'Ύ', 'υ'}, {'Ώ', 'ω'},
		{'ΐ', 'ι'}, {'Ϊ', 'ι'}, {'Ϋ', 'υ'}, {'ά', 'α'}, {'έ', 'ε'}, {'ή', 'η'}, {'ί', 'ι'},
		{'ΰ', 'υ'}, {'ϊ', 'ι'}, {'ϋ', 'υ'}, {'ό', 'ο'}, {'ύ', 'υ'}, {'ώ', 'ω'},
	} {
		t[p[0]-0x0386] = p[1]
	}
	return t
}()

// rawTok is one word as the tokenizer sees it.
type rawTok struct {
	key, plain string
	ks, ke     int  // key is keys[ks:ke] while tokenizing
	ps, pe     int  // plain is plains[ps:pe]
	letters    int  // letters in the word (digits not counted)
	hyphen     bool // joined to the previous word by a hyphen
	comma      bool // a comma stands between it and the previous word
	alias      bool // written inside brackets or quotes
}

// tokenize splits s into words. With keepDigits false, digits separate
// words and are dropped, as they never belong to a name, and at most
// maxParseWords words are read. At most MaxInputBytes of s are read.
func tokenize(s string, keepDigits bool, dst []rawTok) []rawTok {
	if len(s) > MaxInputBytes {
		cut := MaxInputBytes
		for cut > 0 && !utf8.RuneStart(s[cut]) {
			cut--
		}
		s = s[:cut]
	}
	// All words share two buffers, turned into strings once at the end.
	var keyArr, plainArr [256]byte
	var (
		key, plain   = keyArr[:0], plainArr[:0]
		wordKey      int // where the current word starts in key
		wordPlain    int
		letters      int
		depth        int  // bracket depth
		dq, sq       bool // inside double or single quotes
		unbalanced   bool
		sawComma     bool
		sawHyphen    bool
		sawBreak     bool // a bracket or quote: hyphens do not reach across it
		prevIsLetter bool
		start        = len(dst)
	)
	flush := func() {
		if len(key) > wordKey {
			dst = append(dst, rawTok{
				ks: wordKey, ke: len(key),
				ps: wordPlain, pe: len(plain),
				letters: letters,
				hyphen:  sawHyphen && !sawComma && !sawBreak && len(dst) > start,
				comma:   sawComma && len(dst) > start,
				alias:   depth > 0 || dq || sq,
			})
			sawComma, sawHyphen, sawBreak = false, false, false
		} else {
			key, plain = key[:wordKey], plain[:wordPlain]
		}
		wordKey, wordPlain, letters = len(key), len(plain), 0
	}
	for i := 0; i < len(s); {
		if !keepDigits && len(dst)-start >= maxParseWords {
			break
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size <= 1 {
			flush()
			i += size
			prevIsLetter = false
			continue
		}
		c := classify(r)
		switch c.cls {
		case clsLetter:
			if c.key != "" {
				key = append(key, c.key...)
			} else {
				key = utf8.AppendRune(key, c.lower)
			}
			plain = utf8.AppendRune(plain, c.plain)
			letters++
			prevIsLetter = true
			i += size
			continue
		case clsDigit:
			if keepDigits {
				if c.key != "" {
					key = append(key, c.key...)
				} else {
					key = utf8.AppendRune(key, c.lower)
				}
				plain = utf8.AppendRune(plain, c.plain)
				prevIsLetter = true
				i += size
				continue
			}
			flush()
		case clsJoin:
			if c.plain != 0 && len(plain) > wordPlain {
				plain = utf8.AppendRune(plain, c.plain)
			}
			i += size
			continue // does not change prevIsLetter: "Jen\u200bny" stays one word
		case clsApos:
			if prevIsLetter && i+size < len(s) {
				next, _ := utf8.DecodeRuneInString(s[i+size:])
				if classify(next).cls == clsLetter {
					plain = append(plain, '\'')
					i += size
					continue
				}
			}
			flush()
			sq = !sq
			sawBreak = true
		case clsComma:
			flush()
			sawComma = true
		case clsHyphen:
			flush()
			sawHyphen = true
		case clsOpen:
			flush()
			depth++
			sawBreak = true
		case clsClose:
			flush()
			if depth > 0 {
				depth--
			} else {
				unbalanced = true
			}
			sawBreak = true
		case clsQuote:
			flush()
			dq = !dq
			sawBreak = true
		case clsLess:
			flush()
			if end := tagEnd(s, i); end > 0 {
				i = end
				prevIsLetter = false
				continue
			}
		case clsAmp:
			flush()
			if end := entityEnd(s, i); end > 0 {
				i = end
				prevIsLetter = false
				continue
			}
		default:
			flush()
		}
		prevIsLetter = false
		i += size
	}
	flush()
	out := dst[start:]
	keys, plains := string(key), string(plain)
	for i := range out {
		out[i].key, out[i].plain = keys[out[i].ks:out[i].ke], plains[out[i].ps:out[i].pe]
	}
	if unbalanced || depth != 0 || dq || sq {
		// A stray bracket or quote says nothing about which words are
		// nicknames.
		for i := range out {
			out[i].alias = false
		}
	}
	all := len(out) > 0
	for _, t := range out {
		all = all && t.alias
	}
	if all { // the whole name in quotes is just a quoted name
		for i := range out {
			out[i].alias = false
		}
	}
	return dst
}

// tagEnd returns the index just past an HTML-like tag starting at s[i] ==
// '<', or 0 when there is none: "<b>", "</b>", "<img src=x onerror=…>",
// "<!-- -->". A lone "<" as in "<3" is not a tag.
func tagEnd(s string, i int) int {
	if i+1 >= len(s) {
		return 0
	}
	c := s[i+1]
	if !(c == '/' || c == '!' || (c|0x20 >= 'a' && c|0x20 <= 'z')) {
		return 0
	}
	for j := i + 1; j < len(s) && j < i+256; j++ {
		switch s[j] {
		case '>':
			return j + 1
		case '<':
			return 0
		}
	}
	return 0
}

// entityEnd returns the index just past a character reference starting at
// s[i] == '&' ("&amp;", "&#39;", "&#x1F600;"), or 0.
func entityEnd(s string, i int) int {
	j := i + 1
	if j < len(s) && s[j] == '#' {
		j++
		if j < len(s) && (s[j] == 'x' || s[j] == 'X') {
			j++
		}
	}
	n := 0
	for j < len(s) && n < 10 && (s[j]|0x20 >= 'a' && s[j]|0x20 <= 'z' || s[j] >= '0' && s[j] <= '9') {
		j++
		n++
	}
	if n >= 2 && j < len(s) && s[j] == ';' {
		return j + 1
	}
	return 0
}

// SpellingKey returns a key that two spellings of the same name share:
// Catherine and Katherine, Jon and John, Sara and Sarah, Smith and Smyth,
// Jenifer and Jennifer, Katie and Katy, Elisabeth and Elizabeth, and the
// German spellings without umlauts, Mueller and Müller, Juergen and Jürgen.
// It takes a folded word (see Fold). The rules are few on purpose: ph→f; c
// and q→k; h dropped after the first letter; y→i, z→s and x→ks after the
// first letter; ae, oe and ue → a, o and u before a consonant; doubled
// letters single; a final "ie" or "ei" → "i" in words of four letters or
// more. It never merges names that differ in their last vowel, so
// Daniel/Danielle, Julian/Julia and Joe/Jo stay apart.
func SpellingKey(key string) string {
	var buf [64]byte
	b := appendSpelling(buf[:0], key)
	if string(b) == key {
		return key
	}
	return string(b)
}

// appendSpelling appends SpellingKey(key) to b.
func appendSpelling(b []byte, key string) []byte {
	start := len(b)
	// Scottish and Irish Mac/Mc are one prefix: MacDonald is McDonald.
	if len(key) >= 6 && strings.HasPrefix(key, "mac") && isConsonant(key[3]) {
		b = append(b, 'm')
		key = key[2:]
	}
	for i := 0; i < len(key); i++ {
		c := key[i]
		switch {
		case c == 'p' && i+1 < len(key) && key[i+1] == 'h':
			c = 'f'
			i++
		case c == 'c' || c == 'q':
			c = 'k'
		case i > 0 && c == 'h':
			continue
		case i > 0 && c == 'y':
			c = 'i'
		case i > 0 && c == 'z':
			c = 's'
		case i > 0 && c == 'x':
			if len(b) == start || b[len(b)-1] != 'k' {
				b = append(b, 'k')
			}
			c = 's'
		case (c == 'a' || c == 'o' || c == 'u') && i+2 < len(key) && key[i+1] == 'e' && isConsonant(key[i+2]):
			i++ // Mueller → Muller, as Fold writes Müller
		}
		if len(b) > start && b[len(b)-1] == c && c < utf8.RuneSelf {
			continue
		}
		b = append(b, c)
	}
	if n := len(b); n-start >= 4 && (b[n-1] == 'e' && b[n-2] == 'i' || b[n-1] == 'i' && b[n-2] == 'e') {
		b = append(b[:n-2], 'i')
	}
	return b
}

func isConsonant(c byte) bool {
	return c >= 'a' && c <= 'z' && c != 'a' && c != 'e' && c != 'i' && c != 'o' && c != 'u' && c != 'y'
}
