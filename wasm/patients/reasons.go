package patients

import (
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/boundaryhq/boundary/wasm/names"
	"github.com/boundaryhq/boundary/wasm/why"
)

// maxAlso is how many other matching entries the reasons name.
const maxAlso = 2

// reasons writes the evidence as reasons for the badge (see package why
// for their English). Their arguments are plain text: the extension must
// insert them as text, never as HTML.
func (d *Directory) reasons(q *query, x *entry, ev *evidence, ok bool, also []int32) []why.Reason {
	var r []why.Reason
	say := func(key string, args ...string) { r = append(r, why.New(key, args...)) }
	if ok {
		say("why_matches", x.Display)
	} else {
		say("why_resembles", x.Display)
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
		say("why_spelling", word(qp), word(gp))
	case gNick:
		say("why_nickname", word(qp), word(gp))
	case gNickOwn:
		own := qp
		if !own.own {
			own = gp
		}
		say("why_nickname_own", word(qp), word(gp), word(own))
	case gInitQ:
		say("why_initial_fits", word(qp), word(gp))
	case gInitE:
		say("why_initial_list_fits", word(gp), word(qp))
	case gInitBoth:
		say("why_only_initial", word(qp))
	case gJoinQ:
		say("why_written_two", word(qp), word(&q.t[ev.gq2]), word(gp))
	case gJoinE:
		say("why_written", word(qp), pretty(x.First))
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
		say("why_middle_matches", word(qp))
		qMiddle = false
	case gp.Role == names.RoleMiddle:
		say("why_middle_in_list", word(gp))
	case gp.Role == names.RoleFirst && !isFirstWord(x, int(ev.ge)):
		say("why_part_of_first", word(gp), pretty(x.First))
	}
	if qMiddle {
		say("why_middle_here", word(qp))
	}

	// Surname.
	if i := ev.surQ1; i >= 0 {
		qs := &q.t[i]
		switch {
		case ev.sur&sfJoin != 0:
			say("why_surname", wordsOf(q, ev.surQ&^ev.surLongQ), pretty(x.Last))
		case ev.sur&sfSpell != 0:
			say("why_spelling", wordsOf(q, ev.surQ&^ev.surLongQ), pretty(x.Last))
		default:
			for j := range x.sur {
				if x.sur[j].Key == qs.Key {
					accent(qs, &x.sur[j])
					break
				}
			}
		}
		if ev.sur&sfPart != 0 {
			say("why_surname_includes", pretty(x.Last), wordsOf(q, ev.surQ&^ev.surLongQ))
		}
		if ev.sur&sfLong != 0 {
			say("why_surname_includes", wordsOf(q, ev.surQ), pretty(x.Last))
		}
	}
	if len(accents) > 0 {
		say("why_accents", strings.Join(accents, ", "))
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
				say("why_initial_fits", word(a), word(b))
				continue
			}
		}
		switch ev.alignKind[i] {
		case gInitQ:
			say("why_middle_initial_fits", word(a), word(b))
		case gInitE:
			say("why_middle_fits_initial", word(a), word(b))
		case gInitBoth:
			say("why_middle_initial_matches", word(a))
		default:
			say("why_middle_matches", word(a))
		}
	}
	if ev.compound {
		say("why_first_differs", group(q.t[:q.n], qp.Group), group(x.given, gp.Group))
	} else if ev.conflictQ >= 0 {
		say("why_middle_differs", word(&q.t[ev.conflictQ]), word(&x.given[ev.conflictE]))
	}
	if ev.shortened >= 0 {
		say("why_shortened", group(x.given, gp.Group), word(gp))
	}
	for i := 0; i < q.n; i++ {
		if ev.ignored&(1<<i) == 0 {
			continue
		}
		t := &q.t[i]
		if t.Group == qp.Group && ev.giv != gJoinQ {
			say("why_first_shortened", group(q.t[:q.n], qp.Group), word(gp))
			continue
		}
		key := "why_ignored_middle"
		switch {
		case t.Role == names.RoleSurname:
			key = "why_ignored_surname"
		case t.Alias:
			key = "why_ignored_nickname"
		case t.Initial:
			key = "why_ignored_initial"
		case ev.maxSurPos >= 0 && t.Pos > ev.maxSurPos:
			key = "why_ignored_extra"
		}
		say(key, word(t))
	}
	if ev.reversed {
		if ev.nameGiven {
			say("why_reversed_given", wordsOf(q, ev.surQ))
		} else {
			say("why_reversed")
		}
	}
	if ev.asMiddle {
		if ev.nameGiven {
			say("why_as_middle_given", wordsOf(q, ev.surQ), word(&q.t[ev.dispSur]))
		} else {
			say("why_as_middle", wordsOf(q, ev.surQ), word(&q.t[ev.dispSur]))
		}
	}
	if !ok && ev.givLvl <= lvlInitial && !ev.boosted {
		say("why_initial_not_enough")
	}
	switch {
	case len(also) == 1:
		say("why_also_one", d.entries[also[0]].Display)
	case len(also) == maxAlso:
		say("why_also_two", d.entries[also[0]].Display, d.entries[also[1]].Display)
	case len(also) > maxAlso:
		say("why_also_more", d.entries[also[0]].Display, d.entries[also[1]].Display, strconv.Itoa(len(also)-maxAlso))
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
