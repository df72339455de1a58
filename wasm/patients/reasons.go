package patients

import (
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/boundaryhq/boundary/wasm/names"
)

// maxAlso is how many other matching entries the reasons name.
const maxAlso = 2

// reasons writes the evidence as sentences for the badge. They are plain
// text: the extension must insert them as text, never as HTML.
func (d *Directory) reasons(q *query, x *entry, ev *evidence, ok bool, also []int32) []string {
	var r []string
	if ok {
		r = append(r, "matches "+quote(x.Display)+" in your list")
	} else {
		r = append(r, "resembles "+quote(x.Display)+" in your list, not closely enough")
	}
	qp, gp := &q.t[ev.gq], &x.given[ev.ge]
	var accents []string
	accent := func(a, b *tok) {
		if a.Key == b.Key && !strings.EqualFold(a.Plain, b.Plain) && (!isASCII(a.Plain) || !isASCII(b.Plain)) {
			accents = append(accents, word(a)+" → "+word(b))
		}
	}

	// Given name.
	switch ev.giv {
	case gExact:
		accent(qp, gp)
	case gSpell:
		r = append(r, "spelling "+word(qp)+" → "+word(gp))
	case gNick:
		r = append(r, "nickname "+word(qp)+" → "+word(gp))
	case gNickOwn:
		own := qp
		if !own.own {
			own = gp
		}
		r = append(r, "nickname "+word(qp)+" → "+word(gp)+", but "+word(own)+" is also a name of its own")
	case gInitQ:
		r = append(r, "initial "+word(qp)+" fits "+word(gp))
	case gInitE:
		r = append(r, "initial "+word(gp)+" in your list fits "+word(qp))
	case gInitBoth:
		r = append(r, "only the initial "+word(qp)+" is known")
	case gJoinQ:
		r = append(r, word(qp)+" "+word(&q.t[ev.gq2])+" is written "+word(gp)+" in your list")
	case gJoinE:
		r = append(r, word(qp)+" is written "+pretty(x.First)+" in your list")
	}
	firstQ := -1
	for i := 0; i < q.n; i++ {
		if ev.surQ&(1<<i) == 0 && !q.t[i].Alias {
			firstQ = i
			break
		}
	}
	qMiddle := int(ev.gq) != firstQ && !qp.Alias
	switch {
	case ev.giv == gJoinE:
	case gp.Role == names.RoleMiddle && qMiddle:
		r = append(r, "middle name "+word(qp)+" matches")
		qMiddle = false
	case gp.Role == names.RoleMiddle:
		r = append(r, word(gp)+" is a middle name in your list")
	case gp.Role == names.RoleFirst && !isFirstWord(x, int(ev.ge)):
		r = append(r, word(gp)+" is part of the first name "+pretty(x.First)+" in your list")
	}
	if qMiddle {
		r = append(r, word(qp)+" is a middle name here")
	}

	// Surname.
	if i := ev.surQ1; i >= 0 {
		qs := &q.t[i]
		switch {
		case ev.sur&sfJoin != 0:
			r = append(r, "surname "+wordsOf(q, ev.surQ&^ev.surLongQ)+" → "+pretty(x.Last))
		case ev.sur&sfSpell != 0:
			r = append(r, "spelling "+wordsOf(q, ev.surQ&^ev.surLongQ)+" → "+pretty(x.Last))
		default:
			for j := range x.sur {
				if x.sur[j].Key == qs.Key {
					accent(qs, &x.sur[j])
					break
				}
			}
		}
		if ev.sur&sfPart != 0 {
			r = append(r, "surname "+pretty(x.Last)+" includes "+wordsOf(q, ev.surQ&^ev.surLongQ))
		}
		if ev.sur&sfLong != 0 {
			r = append(r, "surname "+wordsOf(q, ev.surQ)+" includes "+pretty(x.Last))
		}
	}
	if len(accents) > 0 {
		r = append(r, "accents ignored ("+strings.Join(accents, ", ")+")")
	}

	// Other given names.
	for i := 0; i < q.n; i++ {
		j := ev.align[i]
		if j < 0 || i == int(ev.gq) {
			continue
		}
		a, b := &q.t[i], &x.given[j]
		if b.Role != names.RoleMiddle && !ev.boosted {
			continue
		}
		switch ev.alignKind[i] {
		case gInitQ, gInitE:
			if b.Role != names.RoleMiddle { // the boosted first-name initial
				r = append(r, "initial "+word(a)+" fits "+word(b))
				continue
			}
		}
		switch ev.alignKind[i] {
		case gInitQ:
			r = append(r, "middle initial "+word(a)+" fits "+word(b))
		case gInitE:
			r = append(r, "middle name "+word(a)+" fits the initial "+word(b)+" in your list")
		case gInitBoth:
			r = append(r, "middle initial "+word(a)+" matches")
		default:
			r = append(r, "middle name "+word(a)+" matches")
		}
	}
	if ev.compound {
		r = append(r, "first name "+group(q.t[:q.n], qp.Group)+" differs from "+group(x.given, gp.Group))
	} else if ev.conflictQ >= 0 {
		r = append(r, "middle name "+word(&q.t[ev.conflictQ])+" differs from "+word(&x.given[ev.conflictE])+" in your list")
	}
	if ev.shortened >= 0 {
		r = append(r, group(x.given, gp.Group)+" shortened to "+word(gp))
	}
	for i := 0; i < q.n; i++ {
		if ev.ignored&(1<<i) == 0 {
			continue
		}
		t := &q.t[i]
		if t.Group == qp.Group && ev.giv != gJoinQ {
			r = append(r, "first name "+group(q.t[:q.n], qp.Group)+" shortened to "+word(gp)+" in your list")
			continue
		}
		kind := "middle name "
		switch {
		case t.Role == names.RoleSurname:
			kind = "other surname "
		case t.Alias:
			kind = "nickname "
		case t.Initial:
			kind = "middle initial "
		case ev.maxSurPos >= 0 && t.Pos > ev.maxSurPos:
			kind = "extra name "
		}
		r = append(r, kind+word(t)+" ignored")
	}
	if ev.reversed {
		s := "written surname first"
		if ev.nameGiven {
			s += ", and " + wordsOf(q, ev.surQ) + " is also a first name"
		}
		r = append(r, s)
	}
	if ev.asMiddle {
		s := wordsOf(q, ev.surQ) + " is a middle name here (surname " + word(&q.t[ev.dispSur]) + ")"
		if ev.nameGiven {
			s += ", and a first name too"
		}
		r = append(r, s)
	}
	if !ok && ev.givLvl <= lvlInitial && !ev.boosted {
		r = append(r, "an initial alone is not enough")
	}
	if len(also) > 0 {
		s := "also matches "
		for k, id := range also {
			if k == maxAlso {
				s += " and " + strconv.Itoa(len(also)-maxAlso) + " more"
				break
			}
			if k > 0 {
				if k == len(also)-1 {
					s += " and "
				} else {
					s += ", "
				}
			}
			s += quote(d.entries[id].Display)
		}
		r = append(r, s)
	}
	return r
}

func isFirstWord(x *entry, j int) bool {
	for k := range x.given {
		if x.given[k].Role == names.RoleFirst {
			return k == j
		}
	}
	return false
}

func quote(s string) string { return "'" + s + "'" }

// word writes a name word for a reason: "Jenny", "J.".
func word(t *tok) string {
	s := pretty(t.Plain)
	if t.Initial && utf8.RuneCountInString(t.Plain) == 1 {
		s += "."
	}
	return s
}

// wordsOf writes the display words in set, in written order, joining
// hyphenated ones with "-".
func wordsOf(q *query, set uint16) string {
	var b strings.Builder
	prev := -1
	for i := 0; i < q.n; i++ {
		if set&(1<<i) == 0 {
			continue
		}
		if prev >= 0 {
			if prev == i-1 && q.t[i].Group == q.t[prev].Group {
				b.WriteByte('-')
			} else {
				b.WriteByte(' ')
			}
		}
		b.WriteString(word(&q.t[i]))
		prev = i
	}
	return b.String()
}

// group writes the hyphenated group g: "Jean-Luc".
func group(ts []tok, g int) string {
	var parts []string
	for i := range ts {
		if ts[i].Group == g {
			parts = append(parts, word(&ts[i]))
		}
	}
	return strings.Join(parts, "-")
}

// pretty title-cases a name written all in capitals or all in lower case
// ("JENNY", "jenny" → "Jenny"; "O'BRIEN" → "O'Brien"; "van der berg" → "Van
// der Berg") and leaves mixed case as written ("McDonald", "van der Berg").
func pretty(s string) string {
	upper, lower := false, false
	for _, c := range s {
		upper = upper || unicode.IsUpper(c)
		lower = lower || unicode.IsLower(c)
	}
	if upper == lower { // mixed, or no cased letters
		return s
	}
	fields := strings.Fields(s)
	for i, f := range fields {
		if i > 0 && names.IsParticle(names.Fold(f), f) {
			fields[i] = strings.ToLower(f)
			continue
		}
		var b strings.Builder
		start := true
		for _, c := range f {
			if start {
				b.WriteRune(unicode.ToTitle(c))
			} else {
				b.WriteRune(unicode.ToLower(c))
			}
			start = c == '\'' || c == '-' || c == '’'
		}
		fields[i] = b.String()
	}
	return strings.Join(fields, " ")
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}
