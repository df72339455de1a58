package patients

import (
	"slices"

	"github.com/boundaryhq/boundary/wasm/names"
	"github.com/boundaryhq/boundary/wasm/why"
)

// Evidence levels and weights. They are documented on Match; change them
// there too.
const (
	lvlExact   = 1.0  // the same name
	lvlSpell   = 0.93 // a spelling variant: Jon/John, Catherine/Katherine
	lvlNick    = 0.9  // one nickname-table row: Jenny/Jennifer, Pepe/José
	lvlNickOwn = 0.75 // a row from a short form that is mostly a name of its own: Liam/William
	lvlInitial = 0.7  // an initial and a name that starts with it

	wOther     = 0.85 // a display given name other than the first: "John Robert Smith" for Smith, Robert
	wMiddle    = 0.78 // a middle name in the list: "Robert Smith" for Smith, John Robert
	wFirstPart = 0.9  // a later word of the list's first name: Ann of "Mary Ann"
	boostInit  = 0.85 // an initial that fits, confirmed by a matching middle name

	surSpell = 0.93 // the surname spelled differently (Smyth/Smith)
	surPart  = 0.93 // part of a double surname (García of García-López)
	surLong  = 0.95 // the display's hyphenated surname contains the list's

	penIgnored       = 0.02 // per extra display word, at most three
	penConflict      = 0.06 // a middle name that differs from the list's
	penShortened     = 0.03 // Jean for Jean-Luc
	penCompound      = 0.25 // Jean-Pierre for Jean-Luc
	penReversed      = 0.15 // "Smith Jane" without a comma
	penReversedGiven = 0.25 // … when the surname word is also a first name: "Thomas James"
	penMiddle        = 0.1  // the list's surname is a middle name on the display
	penMiddleGiven   = 0.25 // … and it is also a first name: "John Paul Smith" for Paul, John
)

// Kinds of given-name evidence.
const (
	gNone uint8 = iota
	gExact
	gSpell
	gNick
	gNickOwn  // a nickname row through a name of its own (Liam)
	gInitQ    // the display has the initial
	gInitE    // the list has the initial
	gInitBoth // both are initials
	gJoinQ    // two display words are one list word: Jean Luc / Jeanluc
	gJoinE    // one display word is the list's first name words: Maryann / Mary Ann
)

const (
	sfSpell uint8 = 1 << iota
	sfPart
	sfLong
	sfJoin
)

// evidence records why a candidate scored what it did, so that reasons can
// be written for the winner only.
type evidence struct {
	score    float64
	sur      uint8  // sf* flags
	surQ     uint16 // display words used as the surname
	surQ1    int8   // a display word that matched a list surname word, or the first of a joined run
	surLongQ uint16 // display surname words beyond the list's

	giv    uint8 // g* kind of the primary pair
	givLvl float64
	gq, ge int8 // the primary pair: display word, list given word
	gq2    int8 // second display word of gJoinQ

	align     [maxWords]int8  // display word → list given word it agrees with, or -1
	alignKind [maxWords]uint8 // g* kind of that agreement
	ignored   uint16          // display words that the list does not have
	conflictQ int8            // a display middle name that differs…
	conflictE int8            // … from this list given name
	compound  bool            // the first name is another compound (Jean-Pierre/Jean-Luc)
	shortened int8            // list compound partner missing from the display, or -1
	boosted   bool
	reversed  bool
	asMiddle  bool // the list's surname is a middle name on the display
	dispSur   int8 // the display's own surname word when asMiddle
	nameGiven bool // for reversed/asMiddle: the surname word is also a first name
	maxSurPos int  // position of the last display word used as surname
}

type query struct {
	t        [maxWords]tok
	given    [maxWords]bool // the word is also a first name (see firstNameWord)
	particle [maxWords]bool // names.IsParticle
	n        int
	comma    bool
	join2    [maxWords]string // t[i]+t[i+1] keys, when both are whole words
	join3    [maxWords]string // t[i]+t[i+1]+t[i+2]
	spell2   [maxWords]string // their spelling keys
	spell3   [maxWords]string
}

func (d *Directory) parseQuery(s string, q *query) {
	n := names.Parse(s)
	q.comma = n.Comma
	for _, t := range n.Tokens {
		if q.n == maxWords {
			break
		}
		qt := newTok(t, d.nick)
		q.t[q.n] = qt
		q.given[q.n] = !t.Initial && d.firstNameWord(&qt)
		q.particle[q.n] = names.IsParticle(t.Key, t.Plain)
		q.n++
	}
	for i := 0; i+1 < q.n; i++ {
		a, b := &q.t[i], &q.t[i+1]
		if a.Initial || b.Initial {
			continue
		}
		q.join2[i] = a.Key + b.Key
		q.spell2[i] = names.SpellingKey(q.join2[i])
		if i+2 < q.n && !q.t[i+2].Initial {
			q.join3[i] = q.join2[i] + q.t[i+2].Key
			q.spell3[i] = names.SpellingKey(q.join3[i])
		}
	}
}

// candidates returns the entries that share a surname key and a given-name
// probe with the display name, sorted, each once.
func (d *Directory) candidates(q *query, buf []int32) []int32 {
	// Surname keys on the list, with the display words they came from:
	// those words are not probed as given names for that key.
	var surBuf [3 * maxWords]string
	var fromBuf [3 * maxWords]uint16
	sur, from := surBuf[:0], fromBuf[:0]
	addSur := func(k string, words uint16) {
		if len(k) < 2 || !d.surnames[k] {
			return
		}
		if i := slices.Index(sur, k); i >= 0 {
			from[i] &= words // probe a word unless every source used it
			return
		}
		sur, from = append(sur, k), append(from, words)
	}
	for i := 0; i < q.n; i++ {
		if !q.t[i].Initial {
			addSur(q.t[i].Spell, 1<<i)
		}
		addSur(q.spell2[i], 3<<i)
		addSur(q.spell3[i], 7<<i)
	}
	if len(sur) == 0 {
		return buf[:0]
	}
	// Given-name probes, with the display words they come from.
	var probeBuf [64]probe
	var wordBuf [64]uint16
	probes, words := probeBuf[:0], wordBuf[:0]
	add := func(kind uint8, giv string, w uint16) {
		probes, words = append(probes, probe{kind: kind, giv: giv}), append(words, w)
	}
	for i := 0; i < q.n; i++ {
		t := &q.t[i]
		if t.Initial {
			add(probeLetter, t.Key, 1<<i)
			continue
		}
		add(probeSpell, t.Spell, 1<<i)
		add(probeInitial, firstLetter(t.Key), 1<<i)
		for _, id := range d.nick.Links(t.node) {
			add(probeSpell, d.nick.Spelling(id), 1<<i)
		}
		if t.node >= 0 && d.nick.Spelling(t.node) != t.Spell { // a spelling the table lacks
			add(probeSpell, d.nick.Spelling(t.node), 1<<i)
		}
		if q.spell2[i] != "" {
			add(probeSpell, q.spell2[i], 3<<i)
		}
	}
	out := buf[:0]
	for k, key := range sur {
		for j, p := range probes {
			if words[j]&from[k] != 0 {
				continue
			}
			p.sur = key
			out = append(out, d.index[p]...)
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// Match returns the list entry that displayName most likely belongs to; ok
// reports a likely patient (Score ≥ Threshold). When ok is false, m may
// still describe the closest candidate, with its lower score and reasons,
// or be empty.
//
// Scoring. Candidates share a surname word (exact or spelling variant) or
// the whole surname written as one word, and have a given name that could
// fit. Each gets
//
//	score = surname × given − penalties
//
// Surname: 1 when every main word of the list's surname is on the display
// (particles such as "van der" may be missing); 0.93 when spelled
// differently (Smyth/Smith, four letters or more); 0.93 for part of a double
// surname (García for García-López); 0.95 when the display's hyphenated
// surname contains the list's (Smith-Jones for Smith). Without a surname
// word there is no candidate.
//
// Given name: the best pair of a display given name and a list given name,
// level × display weight × list weight. Levels: same name 1, spelling
// variant 0.93, nickname 0.9, initial 0.7, and 0.75 for a nickname row when
// one side is a short form that is mostly a name of its own (Liam, Jack,
// Ella: names/nicknames-standalone.csv). Weights: 1 for the display's first
// given name or a nickname in brackets, 0.85 for its other words; 1 for the
// list's first name or a nickname in brackets, 0.9 for a later word of the
// first name ("Ann" of "Mary Ann"), 0.78 for a middle name. So "Robert
// Smith" for Smith, John Robert scores 0.78 and is not enough: few people
// go by their middle name, many strangers are called Robert. An initial
// that fits and is confirmed by a matching middle name ("J. Robert Smith")
// counts 0.85. Without a given-name pair there is no
// match: a stranger with the same surname, or with the same first name,
// never matches.
//
// Penalties: 0.02 for each display word the list lacks (at most three);
// 0.06 for a middle name that differs from the list's; 0.03 for Jean when
// the list has Jean-Luc, 0.25 for Jean-Pierre; 0.15 when the display puts
// the surname first without a comma, 0.25 if that surname word is also a
// first name ("Thomas James" is not James Thomas); 0.1 when the list's
// surname is the display's middle name and the display has another surname,
// 0.25 if that word is also a first name.
//
// So a bare initial with the surname scores 0.7 and is never enough, even
// when the list holds only one person with that surname and initial: that
// says nothing about the many strangers who share it.
//
// Ties between entries go to the one earlier in the list, and the reasons
// name the other entries that also reach Threshold.
func (d *Directory) Match(displayName string) (m Match, ok bool) {
	if d == nil || len(d.entries) == 0 {
		return Match{}, false
	}
	var qv query
	q := &qv
	d.parseQuery(displayName, q)
	if q.n < 2 {
		return Match{}, false
	}
	var candBuf [64]int32
	cands := d.candidates(q, candBuf[:0])

	var best, ev evidence
	bestID := int32(-1)
	type scored struct {
		id    int32
		score float64
	}
	var above []scored // candidates at or above Threshold
	for _, id := range cands {
		x := &d.entries[id]
		s := d.score(q, x, &ev)
		if s <= 0 {
			continue
		}
		if s >= Threshold-1e-9 {
			above = append(above, scored{id, s})
			for _, dup := range x.same {
				above = append(above, scored{dup, s})
			}
		}
		if bestID < 0 || s > best.score+1e-9 {
			best, bestID = ev, id
		}
	}
	if bestID < 0 {
		return Match{}, false
	}
	ok = best.score >= Threshold-1e-9
	slices.SortStableFunc(above, func(a, b scored) int { // by score, then list order
		switch {
		case a.score > b.score+1e-9:
			return -1
		case b.score > a.score+1e-9:
			return 1
		}
		return int(a.id - b.id)
	})
	var also []int32
	for _, a := range above {
		if a.id != bestID {
			also = append(also, a.id)
		}
	}
	x := &d.entries[bestID]
	w := d.reasons(q, x, &best, ok, also)
	return Match{
		Entry:   x.Entry,
		Score:   round3(best.score),
		Reasons: why.Strings(w),
		Why:     w,
	}, ok
}

func round3(f float64) float64 {
	if f < 0 {
		return 0
	}
	if f > 1 {
		return 1
	}
	return float64(int(f*1000+0.5)) / 1000
}

// compat compares a display given name with a list given name.
func (d *Directory) compat(a, b *tok) (float64, uint8) {
	if a.Initial || b.Initial {
		switch {
		case a.Initial && b.Initial:
			if a.Key == b.Key {
				return lvlInitial, gInitBoth
			}
		case a.Initial:
			if hasPrefix(b.Key, a.Key) {
				return lvlInitial, gInitQ
			}
		default:
			if hasPrefix(a.Key, b.Key) {
				return lvlInitial, gInitE
			}
		}
		return 0, gNone
	}
	if a.Key == b.Key {
		return lvlExact, gExact
	}
	if len(a.Key) >= 3 && len(b.Key) >= 3 && a.Spell == b.Spell {
		return lvlSpell, gSpell
	}
	if a.node >= 0 && b.node >= 0 {
		if a.node == b.node {
			return lvlSpell, gSpell
		}
		if d.nick.Linked(a.node, b.node) {
			if a.own || b.own {
				return lvlNickOwn, gNickOwn
			}
			return lvlNick, gNick
		}
	}
	return 0, gNone
}

func hasPrefix(s, p string) bool { return len(s) >= len(p) && s[:len(p)] == p }

// score scores one candidate and fills ev.
func (d *Directory) score(q *query, x *entry, ev *evidence) float64 {
	*ev = evidence{gq: -1, ge: -1, gq2: -1, conflictQ: -1, conflictE: -1, shortened: -1, surQ1: -1, dispSur: -1, maxSurPos: -1}
	for i := range ev.align {
		ev.align[i] = -1
	}
	all := uint16(1)<<q.n - 1

	// Surname, word by word.
	s := 0.0
	var used uint16
	matched, spelled := 0, false
	for j := range x.sur {
		if x.core&(1<<j) == 0 {
			continue
		}
		et := &x.sur[j]
		best, bestLvl := -1, 0
		for i := 0; i < q.n; i++ {
			qt := &q.t[i]
			if used&(1<<i) != 0 || qt.Initial {
				continue
			}
			lvl := 0
			if qt.Key == et.Key {
				lvl = 2
			} else if len(qt.Key) >= 4 && len(et.Key) >= 4 && qt.Spell == et.Spell {
				lvl = 1
			}
			if lvl == 0 {
				continue
			}
			if lvl > bestLvl || lvl == bestLvl && preferSurname(qt, &q.t[best]) {
				best, bestLvl = i, lvl
			}
		}
		if best >= 0 {
			used |= 1 << best
			matched++
			spelled = spelled || bestLvl == 1
			if ev.surQ1 < 0 {
				ev.surQ1 = int8(best)
			}
		}
	}
	if matched > 0 {
		s = 1
		if spelled {
			s *= surSpell
			ev.sur |= sfSpell
		}
		if matched < x.nCore {
			s *= surPart
			ev.sur |= sfPart
		}
	}
	// The whole surname written as one word on one side only:
	// Vanderberg for van der Berg, or van der Berg for Vanderberg.
	if s < 1 {
		try := func(mask uint16, first int) {
			if s < 1 && mask&^all == 0 {
				s, used, ev.sur, ev.surQ1 = 1, mask, sfJoin, int8(first)
			}
		}
		for i := 0; i < q.n; i++ {
			if q.t[i].Initial {
				continue
			}
			if k := q.t[i].Key; k == x.surJoin || k == x.coreJoin {
				try(1<<i, i)
			}
			for j := range x.sur {
				if k := x.sur[j].Key; x.core&(1<<j) != 0 && len(k) >= 4 {
					if q.join2[i] == k {
						try(3<<i, i)
					}
					if q.join3[i] == k {
						try(7<<i, i)
					}
				}
			}
			if x.surJoin != "" && q.join2[i] == x.surJoin {
				try(3<<i, i)
			}
			if x.surJoin != "" && q.join3[i] == x.surJoin {
				try(7<<i, i)
			}
		}
	}
	if s == 0 {
		return 0
	}
	// Particles just before the surname ("van der", "de la") go with it;
	// the first display word never does.
	for i := 1; i < q.n; i++ {
		if used&(1<<i) == 0 {
			continue
		}
		for k := i - 1; k >= 1 && used&(1<<k) == 0 && q.particle[k]; k-- {
			used |= 1 << k
		}
	}
	// The rest of a hyphenated display surname: Smith-Jones for Smith.
	var long uint16
	for i := 0; i < q.n; i++ {
		if used&(1<<i) == 0 {
			continue
		}
		for k := 0; k < q.n; k++ {
			if used&(1<<k) == 0 && q.t[k].Group == q.t[i].Group && k != i {
				long |= 1 << k
			}
		}
	}
	if long != 0 && (all&^(used|long)) != 0 {
		used |= long
		ev.surLongQ = long
		ev.sur |= sfLong
		if s > surLong {
			s = surLong
		}
	}
	ev.surQ = used
	rem := all &^ used
	if rem == 0 {
		return 0
	}
	for i := 0; i < q.n; i++ {
		if used&(1<<i) != 0 && !q.t[i].Alias && q.t[i].Pos > ev.maxSurPos {
			ev.maxSurPos = q.t[i].Pos
		}
	}

	// Given name: the best pair.
	firstQ := -1
	for i := 0; i < q.n; i++ {
		if rem&(1<<i) != 0 && !q.t[i].Alias {
			firstQ = i
			break
		}
	}
	wD := func(i int) float64 {
		if i == firstQ || q.t[i].Alias && q.t[i].Role != names.RoleSurname {
			return 1
		}
		return wOther
	}
	firstE := -1
	for j := range x.given {
		if x.given[j].Role == names.RoleFirst {
			firstE = j
			break
		}
	}
	wE := func(j int) float64 {
		switch x.given[j].Role {
		case names.RoleFirst:
			if j == firstE {
				return 1
			}
			return wFirstPart
		case names.RoleNickname:
			return 1
		}
		return wMiddle
	}
	g := 0.0
	for i := 0; i < q.n; i++ {
		if rem&(1<<i) == 0 {
			continue
		}
		for j := range x.given {
			lvl, kind := d.compat(&q.t[i], &x.given[j])
			if lvl == 0 {
				continue
			}
			if v := lvl * wD(i) * wE(j); v > g+1e-9 {
				g, ev.giv, ev.givLvl, ev.gq, ev.ge, ev.gq2 = v, kind, lvl, int8(i), int8(j), -1
			}
		}
		if q.t[i].Initial {
			continue
		}
		if x.firstJoin != "" && q.t[i].Key == x.firstJoin {
			if v := wD(i); v > g+1e-9 {
				g, ev.giv, ev.givLvl, ev.gq, ev.ge, ev.gq2 = v, gJoinE, lvlExact, int8(i), int8(firstE), -1
			}
		}
		if k := q.join2[i]; k != "" && rem&(1<<(i+1)) != 0 {
			for j := range x.given {
				if x.given[j].Key == k {
					if v := wD(i) * wE(j); v > g+1e-9 {
						g, ev.giv, ev.givLvl, ev.gq, ev.ge, ev.gq2 = v, gJoinQ, lvlExact, int8(i), int8(j), int8(i+1)
					}
				}
			}
		}
	}
	if g == 0 {
		return 0
	}
	usedQ := used | 1<<ev.gq
	var usedE uint32 = 1 << ev.ge
	if ev.gq2 >= 0 {
		usedQ |= 1 << ev.gq2
	}
	if ev.giv == gJoinE {
		for j := range x.given {
			if x.given[j].Role == names.RoleFirst {
				usedE |= 1 << j
			}
		}
	}
	ev.align[ev.gq] = ev.ge
	ev.alignKind[ev.gq] = ev.giv

	// Other display given names: agree with a list given name, or not.
	strong := false // a second pair at nickname level or better
	for i := 0; i < q.n; i++ {
		if usedQ&(1<<i) != 0 {
			continue
		}
		bj, blvl, bkind := -1, 0.0, gNone
		for j := range x.given {
			if usedE&(1<<j) != 0 {
				continue
			}
			if lvl, kind := d.compat(&q.t[i], &x.given[j]); lvl > blvl {
				bj, blvl, bkind = j, lvl, kind
			}
		}
		if bj >= 0 {
			usedQ |= 1 << i
			usedE |= 1 << bj
			ev.align[i], ev.alignKind[i] = int8(bj), bkind
			strong = strong || blvl >= lvlNick
		}
	}
	primaryStrong := ev.givLvl >= lvlNick
	// An initial confirmed by a full middle name: "J. Robert Smith".
	if firstQ >= 0 && firstE >= 0 && ev.align[firstQ] == int8(firstE) {
		k := ev.alignKind[firstQ]
		if (k == gInitQ || k == gInitE || k == gInitBoth) && (strong || primaryStrong && int(ev.gq) != firstQ) && g < boostInit {
			g = boostInit
			ev.boosted = true
		}
	}

	pen := 0.0
	gp := &x.given[ev.ge]
	qp := &q.t[ev.gq]
	// Reversed order, or the list's surname in the display's middle.
	if !qp.Alias {
		nameGiven := false
		for i := 0; i < q.n; i++ {
			if used&(1<<i) != 0 && ev.surLongQ&(1<<i) == 0 && !q.t[i].Alias && !q.t[i].Particle && q.given[i] {
				nameGiven = true
			}
		}
		if q.comma && qp.Role == names.RoleSurname || !q.comma && ev.maxSurPos >= 0 && qp.Pos > ev.maxSurPos {
			ev.reversed, ev.nameGiven = true, nameGiven
			if nameGiven {
				pen += penReversedGiven
			} else {
				pen += penReversed
			}
		} else if !q.comma {
			onlyMiddle := ev.maxSurPos >= 0 // some plain display word is the surname…
			for i := 0; i < q.n; i++ {
				if used&(1<<i) != 0 && !q.t[i].Alias && q.t[i].Role == names.RoleSurname {
					onlyMiddle = false // … but not one the display has as its surname
				}
			}
			if onlyMiddle {
				for i := 0; i < q.n; i++ {
					if usedQ&(1<<i) == 0 && q.t[i].Role == names.RoleSurname && !q.t[i].Alias && !q.t[i].Particle {
						ev.asMiddle, ev.nameGiven, ev.dispSur = true, nameGiven, int8(i)
						usedQ |= 1 << i // explained by the penalty, not ignored
						if nameGiven {
							pen += penMiddleGiven
						} else {
							pen += penMiddle
						}
						break
					}
				}
			}
		}
	}
	// Display words left over.
	nIgnored := 0
	for i := 0; i < q.n; i++ {
		if usedQ&(1<<i) != 0 {
			continue
		}
		qt := &q.t[i]
		if q.particle[i] {
			continue
		}
		if lvl, _ := d.compat(qt, gp); lvl >= lvlNick {
			continue // another form of the same name: Robert "Bob"
		}
		if qt.Group == qp.Group && ev.giv != gJoinQ {
			for j := range x.given {
				if usedE&(1<<j) == 0 && j != int(ev.ge) && x.given[j].Group == gp.Group && x.given[j].Role == gp.Role {
					ev.compound = true
					ev.conflictQ, ev.conflictE = int8(i), int8(j)
				}
			}
			if ev.compound {
				continue
			}
		}
		conflict := -1
		for j := range x.given {
			if usedE&(1<<j) == 0 && x.given[j].Role != names.RoleNickname && j != int(ev.ge) {
				conflict = j
				break
			}
		}
		if conflict >= 0 && !qt.Alias {
			if ev.conflictQ < 0 {
				ev.conflictQ, ev.conflictE = int8(i), int8(conflict)
			}
			continue
		}
		ev.ignored |= 1 << i
		nIgnored++
	}
	if ev.compound {
		pen += penCompound
	} else if ev.conflictQ >= 0 {
		pen += penConflict
	}
	if nIgnored > 3 {
		nIgnored = 3
	}
	pen += float64(nIgnored) * penIgnored
	// Jean for Jean-Luc.
	if !ev.compound && ev.giv != gJoinE {
		for j := range x.given {
			if usedE&(1<<j) == 0 && j != int(ev.ge) && x.given[j].Group == gp.Group && x.given[j].Role == gp.Role {
				ev.shortened = int8(j)
				pen += penShortened
				break
			}
		}
	}
	score := s*g - pen
	if score < 0 {
		score = 0
	}
	ev.score = score
	return score
}

// preferSurname breaks ties between display words for a surname: a word
// the display has as its surname, then a later word.
func preferSurname(a, b *tok) bool {
	as, bs := a.Role == names.RoleSurname, b.Role == names.RoleSurname
	if as != bs {
		return as
	}
	return a.Pos > b.Pos
}
