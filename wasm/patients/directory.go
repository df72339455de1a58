// Package patients holds the clinician's patient list and answers one
// question: does this display name on a friend request or message belong to
// someone on the list?
//
// The list comes from a practice-system export (ReadTable, GuessMapping,
// Import), is kept in browser storage (EncodeEntries, DecodeEntries), and is
// searched by a Directory. Matching needs evidence for both the surname and
// the given name; see Match for the scoring.
//
// Everything here runs inside the WebAssembly content script, so the package
// avoids fmt, reflect, regexp and the encoding packages.
package patients

import (
	"strings"

	"github.com/boundaryhq/boundary/wasm/names"
	"github.com/boundaryhq/boundary/wasm/why"
)

// Threshold is the score from which Match reports a likely patient. With an
// exact surname it admits the same first name (1.0), a spelling variant
// (0.93), a nickname from the tables (0.9), the list's first name as a
// display middle name (0.85), and an initial confirmed by a middle name
// (0.85). It keeps out a bare initial (0.7), the list's middle name as the
// display's first name (0.78), a nickname of a middle name (0.7), a short
// form that is mostly a name of its own (Liam for William, 0.75) and a
// reversed "Thomas James" (0.75). See Match for the whole scoring.
const Threshold = 0.8

// Entry is one patient on the list, as imported.
type Entry struct {
	Last, First, Middle string
	Display             string // "Smith, Jane" as the user sees it
}

// Match is the best candidate for a display name.
type Match struct {
	Entry   Entry
	Score   float64  // 0..1; a likely patient from Threshold up
	Reasons []string // plain-text sentences, the first one naming the entry
	// Why is Reasons as keys and arguments, for drawing them in the
	// user's language: Reasons[i] is Why[i] in English.
	Why []why.Reason
}

// Directory finds patients by display name. It is immutable once built, so
// Match may be called from several goroutines.
type Directory struct {
	entries  []entry
	surnames map[string]bool   // spelling keys of every surname word, and of whole surnames as one word
	index    map[probe][]int32 // (surname key, given-name probe) → entries, in list order
	given    map[string]bool   // every given name on the list, folded
	nick     *names.Nicknames
}

// probe finds the entries that have a surname and a given name that could
// match: Match only scores those. Looking up the given name with the surname
// keeps the work per display name small even when a third of the list are
// Nguyens.
type probe struct {
	sur  string // a surname key
	kind uint8
	giv  string
}

const (
	probeSpell   uint8 = iota // giv is the SpellingKey of a given name, or of the first-name words as one
	probeLetter               // giv is the first letter of a given name, for a display initial
	probeInitial              // giv is a given name that is only an initial, for any display name with that letter
)

// maxWords bounds the words considered per name; bit sets below are uint16.
const maxWords = 12

type tok struct {
	names.Token
	node int32 // nickname table ID, or -1
	own  bool  // a short form that is mostly a name of its own (names.Nicknames.Standalone)
}

// newTok wraps a parsed word with what the nickname tables know of it.
func newTok(t names.Token, nick *names.Nicknames) tok {
	x := tok{Token: t, node: -1}
	if !t.Initial {
		x.node = nick.Lookup(t.Key, t.Spell)
		x.own = nick.Standalone(t.Key) || nick.Standalone(nick.Name(x.node))
	}
	return x
}

type entry struct {
	Entry
	given     []tok // first, nickname and middle names, written order
	sur       []tok // surname words, written order
	core      uint16
	nCore     int
	surJoin   string  // the surname as one word ("vanderberg"), when it has several
	coreJoin  string  // the core words as one word ("garcialopez"), when different
	firstJoin string  // the first-name words as one ("jeanluc", "maryann")
	same      []int32 // later entries with the same name word for word; they score as this one
}

// NewDirectory indexes entries for Match. nick may be nil (no nicknames).
// Entries without a usable surname and given name are kept, so Len counts
// them, but never match.
func NewDirectory(entries []Entry, nick *names.Nicknames) *Directory {
	d := &Directory{
		entries:  make([]entry, len(entries)),
		surnames: map[string]bool{},
		index:    map[probe][]int32{},
		given:    map[string]bool{},
		nick:     nick,
	}
	same := map[string]int32{} // name signature → first entry with it
	for i, e := range entries {
		if e.Display == "" {
			e.Display = DisplayName(e.Last, e.First, e.Middle)
		}
		x := &d.entries[i]
		x.Entry = e
		n := names.ParseParts(e.First, e.Middle, e.Last)
		if len(n.Surname()) == 0 { // a full name in one field
			n = names.Parse(strings.TrimSpace(e.First + " " + e.Middle + " " + e.Last))
		}
		for _, t := range n.Tokens {
			if t.Role == names.RoleSurname {
				if len(x.sur) < maxWords {
					x.sur = append(x.sur, tok{Token: t, node: -1})
				}
				continue
			}
			if len(x.given) < maxWords {
				x.given = append(x.given, newTok(t, nick))
			}
		}
		if len(x.sur) == 0 || len(x.given) == 0 {
			x.sur, x.given = nil, nil
			continue
		}
		// An entry with the same words and roles as an earlier one is not
		// indexed: it scores the same, so Match counts it with the first.
		var sig strings.Builder
		for _, t := range n.Tokens {
			sig.WriteString(t.Key)
			sig.WriteByte(byte('0' + t.Role))
			if t.Initial {
				sig.WriteByte('.')
			}
			if t.Group != t.Pos {
				sig.WriteByte('-')
			}
		}
		if first, dup := same[sig.String()]; dup {
			d.entries[first].same = append(d.entries[first].same, int32(i))
			continue
		}
		same[sig.String()] = int32(i)
		d.prepare(int32(i), x)
	}
	return d
}

// prepare works out what Match compares and adds the entry to the index.
func (d *Directory) prepare(id int32, x *entry) {
	for j, t := range x.sur {
		if !t.Particle && !t.Initial {
			x.core |= 1 << j
			x.nCore++
		}
	}
	if x.nCore == 0 { // "Le", "Van": particles are the whole surname
		for j, t := range x.sur {
			if !t.Initial {
				x.core |= 1 << j
				x.nCore++
			}
		}
	}
	if len(x.sur) > 1 {
		var all, core strings.Builder
		for j, t := range x.sur {
			all.WriteString(t.Key)
			if x.core&(1<<j) != 0 {
				core.WriteString(t.Key)
			}
		}
		x.surJoin = all.String()
		if x.nCore > 1 && core.String() != x.surJoin {
			x.coreJoin = core.String()
		}
	}
	var first strings.Builder
	nFirst := 0
	for _, t := range x.given {
		if !t.Initial {
			d.given[t.Key] = true
		}
		if t.Role == names.RoleFirst && !t.Initial {
			first.WriteString(t.Key)
			nFirst++
		}
	}
	if nFirst > 1 {
		x.firstJoin = first.String()
	}
	var sur []string
	for j, t := range x.sur {
		if x.core&(1<<j) != 0 {
			sur = append(sur, t.Spell)
		}
	}
	if x.surJoin != "" {
		sur = append(sur, names.SpellingKey(x.surJoin))
	}
	if x.coreJoin != "" {
		sur = append(sur, names.SpellingKey(x.coreJoin))
	}
	var giv []probe
	for _, t := range x.given {
		if t.Initial {
			giv = append(giv, probe{kind: probeInitial, giv: t.Key})
		} else {
			giv = append(giv, probe{kind: probeSpell, giv: t.Spell})
		}
		giv = append(giv, probe{kind: probeLetter, giv: firstLetter(t.Key)})
	}
	if x.firstJoin != "" {
		giv = append(giv, probe{kind: probeSpell, giv: names.SpellingKey(x.firstJoin)})
	}
	for _, s := range sur {
		if len(s) < 2 {
			continue
		}
		d.surnames[s] = true
		for _, g := range giv {
			g.sur = s
			ids := d.index[g]
			if len(ids) > 0 && ids[len(ids)-1] == id {
				continue
			}
			d.index[g] = append(ids, id)
		}
	}
}

// firstLetter returns the first character of s.
func firstLetter(s string) string {
	for i := range s {
		if i > 0 {
			return s[:i]
		}
	}
	return s
}

// firstNameWord reports whether a display word is also used as a first
// name: some patient on the list has it, or it is on the list of common
// given names. (The nickname rows would be too loose: they come from
// genealogy and give Smith the nickname Smitty.)
func (d *Directory) firstNameWord(t *tok) bool {
	return d.given[t.Key] || d.nick.CommonGiven(t.Key)
}

// Len returns the number of entries, usable or not.
func (d *Directory) Len() int {
	if d == nil {
		return 0
	}
	return len(d.entries)
}

// DisplayName writes a name the way the list shows it: "Smith, Jane Anne".
func DisplayName(last, first, middle string) string {
	last, first, middle = collapse(last), collapse(first), collapse(middle)
	given := strings.TrimSpace(first + " " + middle)
	switch {
	case last == "":
		return given
	case given == "":
		return last
	}
	return last + ", " + given
}

// collapse trims s and turns runs of white space into one space.
func collapse(s string) string {
	return strings.Join(strings.Fields(s), " ")
}
