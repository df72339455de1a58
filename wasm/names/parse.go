package names

import "strings"

// Role is what a word is in a parsed name.
type Role uint8

const (
	RoleFirst    Role = iota // the first name, or part of it ("Mary Ann" in a first-name field, "Jean-Luc")
	RoleMiddle               // a middle name or middle initial
	RoleNickname             // a name written in brackets or quotes: Robert "Bob" Smith, Jennifer (Jenny)
	RoleSurname              // the family name, or part of it ("García-López", "van der Berg")
)

func (r Role) String() string {
	switch r {
	case RoleFirst:
		return "first"
	case RoleMiddle:
		return "middle"
	case RoleNickname:
		return "nickname"
	case RoleSurname:
		return "surname"
	}
	return "?"
}

// Token is one word of a name.
type Token struct {
	Key      string // the word folded: "garcia" (see Fold)
	Plain    string // the word as written, without decoration: "García"
	Spell    string // SpellingKey(Key)
	Pos      int    // position among the name's words, from 0
	Group    int    // Pos of the first word of its hyphenated group: both words of García-López have the Pos of García
	Role     Role
	Initial  bool // a single letter, such as "J" or "J."
	Alias    bool // written in brackets or quotes: a nickname, or after the surname another surname ("Jennifer Smith (Jones)")
	Particle bool // a surname particle (van, der, de, la, von…) in a surname that has other words too
}

// Name is a parsed personal name. Titles (Dr, Mrs, Prof, Herr…) and
// suffixes (Jr, III, PhD, MD, RN…) are dropped, and so are digits, emoji and
// other decoration.
type Name struct {
	Tokens []Token // in written order
	Comma  bool    // written "Last, First"
}

// Order says how to read a name without a comma. A comma always means
// "Last, First".
type Order uint8

const (
	OrderAuto      Order = iota // "Last, First" with a comma, otherwise "First Middle Last"
	OrderFirstLast              // "Jane Anne Smith"
	OrderLastFirst              // "Smith Jane Anne"
)

// Parse reads a display name such as "Dr. Jennifer A. García-López",
// "Smith, Jane" or "✨ Jenny Smith ✨". Without a comma the last word is the
// surname, with the particles before it ("Maria de la Cruz") and the rest of
// its hyphenated group ("Jane Smith-Jones").
func Parse(s string) Name { return ParseOrder(s, OrderAuto) }

// ParseOrder is Parse with a known word order.
func ParseOrder(s string, order Order) Name {
	var buf [16]rawTok
	raw := tokenize(s, false, buf[:0])
	pl := splitParts(raw)
	parts := pl.p[:pl.n]
	n := Name{Tokens: make([]Token, 0, len(raw))}
	if len(parts) >= 2 {
		n.Comma = true
		appendPart(&n, parts[0], RoleSurname)
		for _, p := range parts[1:] {
			appendGiven(&n, p)
		}
		return finish(n)
	}
	if len(parts) == 0 {
		return n
	}
	words := parts[0]
	// Nicknames in brackets are never the surname; find the plain words.
	plain := 0
	for _, t := range words {
		if !t.alias {
			plain++
		}
	}
	if plain < 2 {
		appendGiven(&n, words)
		return finish(n)
	}
	var sStart, sEnd int // the surname is words[sStart:sEnd]
	if order == OrderLastFirst {
		i := 0
		for i < len(words) && (words[i].alias || isParticleWord(words[i].key, words[i].plain) && i+1 < len(words)) {
			i++
		}
		sStart, sEnd = 0, i+1
		for sEnd < len(words) && words[sEnd].hyphen {
			sEnd++
		}
		if sEnd >= len(words) { // keep one word for the first name
			sEnd = len(words) - 1
		}
	} else {
		last := len(words) - 1
		for words[last].alias {
			last--
		}
		sStart, sEnd = last, last+1
		for sStart > 0 && words[sStart].hyphen {
			sStart--
		}
		if !isParticleWord(words[sStart].key, words[sStart].plain) {
			for sStart > 1 && isParticleWord(words[sStart-1].key, words[sStart-1].plain) && !words[sStart-1].alias {
				sStart--
			}
			// Spanish "García y López": both surnames.
			if sStart > 2 && words[sStart-1].key == "y" && !words[sStart-2].alias {
				sStart -= 2
			}
		}
		if sStart == 0 {
			sStart = 1
		}
	}
	for i, t := range words {
		switch {
		case i >= sStart && i < sEnd && !t.alias:
			n.Tokens = append(n.Tokens, mkToken(t, RoleSurname))
		case t.alias && i >= sEnd && order != OrderLastFirst:
			// After the surname, a name in brackets is another surname:
			// "Jennifer Smith (Jones)".
			n.Tokens = append(n.Tokens, mkToken(t, RoleSurname))
		default:
			n.Tokens = append(n.Tokens, mkToken(t, RoleMiddle))
		}
	}
	return finish(n)
}

// ParseParts reads a name kept in separate fields, as practice systems do.
// Words of the first-name field are all RoleFirst ("Mary Ann"), except those
// in brackets or quotes, which are nicknames ("Jennifer (Jenny)").
func ParseParts(first, middle, last string) Name {
	var buf [16]rawTok
	var n Name
	raw := tokenize(first, false, buf[:0])
	raw = stripTitles(raw)
	for _, t := range raw {
		role := RoleFirst
		if t.alias {
			role = RoleNickname
		}
		n.Tokens = append(n.Tokens, mkToken(t, role))
	}
	raw = tokenize(middle, false, buf[:0])
	for _, t := range raw {
		role := RoleMiddle
		if t.alias {
			role = RoleNickname
		}
		n.Tokens = append(n.Tokens, mkToken(t, role))
	}
	pl := splitParts(tokenize(last, false, buf[:0]))
	if parts := pl.p[:pl.n]; len(parts) > 0 {
		for _, p := range parts { // "Smith Jones" or, oddly, "Smith, Jones"
			for _, t := range p {
				n.Tokens = append(n.Tokens, mkToken(t, RoleSurname))
			}
		}
	}
	return finish(n)
}

func appendPart(n *Name, words []rawTok, role Role) {
	for _, t := range words {
		n.Tokens = append(n.Tokens, mkToken(t, role))
	}
}

// appendGiven adds given names; finish decides which is the first name.
func appendGiven(n *Name, words []rawTok) { appendPart(n, words, RoleMiddle) }

func mkToken(t rawTok, role Role) Token {
	if t.alias && role != RoleSurname {
		role = RoleNickname
	}
	return Token{
		Key:     t.key,
		Plain:   t.plain,
		Role:    role,
		Alias:   t.alias,
		Initial: t.letters == 1 && firstRuneAlphabetic(t.key),
		Group:   -1,
		Pos:     boolInt(t.hyphen), // finish turns this into positions
	}
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

// firstRuneAlphabetic reports whether a one-letter word is an initial: true
// for Latin, Greek and Cyrillic letters, false for a Chinese or Korean
// syllable, which is a whole name.
func firstRuneAlphabetic(key string) bool {
	for _, r := range key {
		return r < 0x0530
	}
	return false
}

// finish numbers the words, links hyphenated groups, picks the first name
// among the given names, and marks particles.
func finish(n Name) Name {
	// Spelling keys, in one buffer: most differ from the word.
	var arr [256]byte
	buf := arr[:0]
	for i := range n.Tokens {
		buf = appendSpelling(buf, n.Tokens[i].Key)
	}
	spells := string(buf)
	off := 0
	for i := range n.Tokens {
		t := &n.Tokens[i]
		l := len(appendSpelling(arr[:0], t.Key))
		if sp := spells[off : off+l]; sp == t.Key {
			t.Spell = t.Key
		} else {
			t.Spell = sp
		}
		off += l
	}
	for i := range n.Tokens {
		hyphen := n.Tokens[i].Pos == 1
		n.Tokens[i].Pos = i
		n.Tokens[i].Group = i
		if hyphen && i > 0 && n.Tokens[i-1].Role == n.Tokens[i].Role {
			n.Tokens[i].Group = n.Tokens[i-1].Group
		}
	}
	// The first plain given word and its hyphenated group are the first
	// name, unless a first-name field already said which words are.
	hasFirst := false
	for _, t := range n.Tokens {
		hasFirst = hasFirst || t.Role == RoleFirst
	}
	if !hasFirst {
		g := -1
		for i, t := range n.Tokens {
			if t.Role == RoleMiddle && (g < 0 || t.Group == g) {
				g = t.Group
				n.Tokens[i].Role = RoleFirst
			}
		}
	}
	// Particles only mean something next to another surname word.
	core := 0
	for _, t := range n.Tokens {
		if t.Role == RoleSurname && !isParticleWord(t.Key, t.Plain) {
			core++
		}
	}
	if core > 0 {
		for i, t := range n.Tokens {
			n.Tokens[i].Particle = t.Role == RoleSurname && isParticleWord(t.Key, t.Plain)
		}
	}
	return n
}

// partList holds comma-separated parts without a heap allocation.
type partList struct {
	p [maxParts][]rawTok
	n int
}

// maxParts bounds the comma-separated parts of a name; more are dropped.
const maxParts = 8

// splitParts cuts words at commas, drops titles and suffixes, and drops
// comma-separated parts that hold only credentials ("Jane Smith, RN, BSN").
func splitParts(raw []rawTok) partList {
	var pl partList
	start := 0
	for i := 1; i <= len(raw) && pl.n < maxParts; i++ {
		if i == len(raw) || raw[i].comma {
			pl.p[pl.n] = raw[start:i]
			pl.n++
			start = i
		}
	}
	parts := pl.p[:pl.n]
	// Credentials after a comma may be ambiguous words (DO, PA, MA).
	for len(parts) > 1 && allSuffixes(parts[len(parts)-1]) {
		parts = parts[:len(parts)-1]
	}
	n := 0
	for _, p := range parts {
		p = stripTitles(p)
		p = stripSuffixes(p)
		if len(p) > 0 {
			pl.p[n] = p
			n++
		}
	}
	pl.n = n
	return pl
}

func allSuffixes(p []rawTok) bool {
	for _, t := range p {
		if !suffixes[t.key] && !ambiguousSuffixes[t.key] && !titles[t.key] {
			return false
		}
	}
	return true
}

// stripTitles drops honorifics at the start, keeping at least one word.
// "Dr. med. Hans Müller": academic words after Dr or Prof go too.
func stripTitles(p []rawTok) []rawTok {
	academic := false
	for len(p) > 1 {
		k := p[0].key
		switch {
		case titles[k]:
			academic = academic || k == "dr" || k == "prof" || k == "doctor" || k == "professor"
		case academic && academicWords[k]:
		default:
			return p
		}
		p = p[1:]
	}
	return p
}

// stripSuffixes drops a final run of suffixes and credentials, keeping at
// least one word. A run of only ambiguous words stays: "Anh Do" and
// "Yo-Yo Ma" are names, "John Smith MD DO" is not.
func stripSuffixes(p []rawTok) []rawTok {
	i := len(p)
	sure := false
	for i > 1 {
		k := p[i-1].key
		if suffixes[k] {
			sure = true
		} else if !ambiguousSuffixes[k] {
			break
		}
		i--
	}
	if sure {
		return p[:i]
	}
	return p
}

func set(words string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(words) {
		m[w] = true
	}
	return m
}

var (
	// titles come before a name. Don, Lady and Imam are left alone: they
	// are given names too.
	titles = set(`mr mrs ms miss mx mister missus dr doctor prof professor
		herr frau fr hr fru rev reverend pastor sir dame mme mlle madame
		monsieur sr sra srta senor senora senorita dott dottssa dottoressa
		dra drs ir ing dipl mag univ hon capt cpt col sgt lt cdr`)
	// academicWords follow Dr or Prof in German-speaking countries.
	academicWords = set(`med dent vet rer nat phil jur habil univ mult oec
		pol sc theol paed pharm ing dipl`)
	// suffixes follow a name and are never names themselves.
	suffixes = set(`jr jnr junior sr snr senior ii iii iv phd md mbbs mbchb
		bmbs frcs frcp frcpc mrcp mrcs mrcgp frcgp facs facp facog faap facc
		rn rgn rmn lpn lvn np aprn fnp crna cnm cns dnp msn bsn dds dmd dvm
		vmd mrcvs bvsc bvms frcvs dacvim pharmd rph psyd lcsw lmft lpc lmhc
		dpt dpm otr slp ccc rdh mba mph mpa msw edd esq cpa cfp mbe obe cbe
		qc kc msc bsc`)
	// ambiguousSuffixes are credentials that are also surnames or given
	// names (Do, Ma, Pa, Ba); they go only beside a sure suffix or after a
	// comma.
	ambiguousSuffixes = set(`do pa pt ma ba bs ms od dc jd ot rd c`)
	particles         = set(`van von der den de del della dela la le les du da
		das dos do di ter ten te zu zum zur vom af av bin ibn al el st ste
		saint`)
)

// isParticleWord is isParticle for a word as written: Vietnamese Văn and
// Lê are names, Dutch van and French le are particles.
func isParticleWord(key, plain string) bool {
	if !particles[key] {
		return false
	}
	for i := 0; i < len(plain); i++ {
		if plain[i] >= 0x80 {
			return false
		}
	}
	return true
}

// IsParticle reports whether a word, folded (key) and as written (plain), is
// a surname particle such as van, de, la or von. Written with diacritics it
// is not: Vietnamese Văn and Lê are names.
func IsParticle(key, plain string) bool { return isParticleWord(key, plain) }

// Given returns the given names and nicknames in written order.
func (n Name) Given() []Token {
	var out []Token
	for _, t := range n.Tokens {
		if t.Role != RoleSurname {
			out = append(out, t)
		}
	}
	return out
}

// Surname returns the surname words in written order.
func (n Name) Surname() []Token {
	var out []Token
	for _, t := range n.Tokens {
		if t.Role == RoleSurname {
			out = append(out, t)
		}
	}
	return out
}

// First returns the first name as written, with nicknames in brackets:
// "Jean-Luc", "Robert (Bob)".
func (n Name) First() string { return n.render(RoleFirst, RoleNickname) }

// Middle returns the middle names as written: "Anne", "A. B.".
func (n Name) Middle() string { return n.render(RoleMiddle, RoleMiddle) }

// Last returns the surname as written: "García-López", "van der Berg".
func (n Name) Last() string { return n.render(RoleSurname, RoleSurname) }

// render writes the words with roles a or b, joining hyphenated groups with
// "-" and putting nicknames in brackets.
func (n Name) render(a, b Role) string {
	var sb strings.Builder
	prev := -1 // index of the previous word written
	inAlias := false
	for i, t := range n.Tokens {
		if t.Role != a && t.Role != b {
			continue
		}
		alias := t.Alias
		if inAlias && (!alias || prev != i-1) {
			sb.WriteByte(')')
			inAlias = false
		}
		if prev >= 0 {
			if t.Group == n.Tokens[prev].Group && prev == i-1 && t.Group != i {
				sb.WriteByte('-')
			} else {
				sb.WriteByte(' ')
			}
		}
		if alias && !inAlias {
			sb.WriteByte('(')
			inAlias = true
		}
		sb.WriteString(t.Plain)
		if t.Initial && t.Role != RoleSurname && len(t.Plain) <= 2 {
			sb.WriteByte('.')
		}
		prev = i
	}
	if inAlias {
		sb.WriteByte(')')
	}
	return sb.String()
}
