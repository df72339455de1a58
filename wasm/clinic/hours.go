// Package clinic describes the clinician's practice as the triage needs it:
// when the clinic is open. Opening hours are a week of intervals per
// weekday, a list of closed dates and an IANA time zone.
//
// Hours are read from JSON:
//
//	{
//	  "tz": "Europe/Berlin",
//	  "week": {"mon": ["08:00-12:30", "13:30-18:00"], "sat": ["09:00-12:00"]},
//	  "closed": ["2026-12-24", "2026-12-25"]
//	}
//
// Days missing from "week" are closed. An interval may run past midnight
// ("22:00-06:00"): the part after midnight belongs to the next morning.
// "utc_offset" ("+01:00") is a fallback for runtimes without time zone data,
// such as the browser core, and is used only when "tz" cannot be loaded.
package clinic

import (
	"errors"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/tidwall/gjson"
)

// Interval is a span of opening time within a day, in minutes after
// midnight. End <= Start means it runs past midnight.
type Interval struct{ Start, End int }

// Hours is a clinic's weekly opening hours.
type Hours struct {
	// Week holds the intervals of each weekday, indexed by time.Weekday.
	Week [7][]Interval
	// Closed holds dates ("2026-12-25") on which the clinic is shut all day.
	Closed []string
	// Loc is the clinic's time zone; nil means the user's local zone.
	Loc *time.Location
}

// Default is used when the clinician has set no hours: Monday to Friday,
// 08:00 to 18:00, in the user's local time zone.
func Default() *Hours {
	h := &Hours{}
	for d := time.Monday; d <= time.Friday; d++ {
		h.Week[d] = []Interval{{8 * 60, 18 * 60}}
	}
	return h
}

func (h *Hours) loc() *time.Location {
	if h.Loc == nil {
		return time.Local
	}
	return h.Loc
}

// Open reports whether the clinic is open at t.
func (h *Hours) Open(t time.Time) bool {
	t = t.In(h.loc())
	if h.closedOn(t) {
		return false
	}
	m := t.Hour()*60 + t.Minute()
	for _, iv := range h.Week[t.Weekday()] {
		if iv.End > iv.Start && m >= iv.Start && m < iv.End || iv.End <= iv.Start && m >= iv.Start {
			return true
		}
	}
	// The tail of yesterday's overnight interval, unless yesterday was a
	// closed day: then that night's shift did not happen either.
	y := t.AddDate(0, 0, -1)
	if h.closedOn(y) {
		return false
	}
	for _, iv := range h.Week[y.Weekday()] {
		if iv.End <= iv.Start && m < iv.End {
			return true
		}
	}
	return false
}

func (h *Hours) closedOn(t time.Time) bool {
	if len(h.Closed) == 0 {
		return false
	}
	d := t.Format("2006-01-02")
	for _, c := range h.Closed {
		if c == d {
			return true
		}
	}
	return false
}

var dayKeys = [7]string{"sun", "mon", "tue", "wed", "thu", "fri", "sat"}

// Parse reads hours from JSON (see the package comment). A missing "tz"
// means the user's local zone.
func Parse(data []byte) (*Hours, error) {
	if !gjson.ValidBytes(data) {
		return nil, errors.New("hours: not valid JSON")
	}
	v := gjson.ParseBytes(data)
	if !v.IsObject() {
		return nil, errors.New("hours: must be a JSON object")
	}
	h := &Hours{}
	if tz := v.Get("tz"); tz.Exists() && tz.String() != "" {
		loc, err := LoadZone(tz.String())
		if err != nil {
			off := v.Get("utc_offset")
			if !off.Exists() {
				return nil, errors.New("hours: unknown time zone " + strconv.Quote(tz.String()))
			}
			loc, err = fixedZone(tz.String(), off.String())
			if err != nil {
				return nil, err
			}
		}
		h.Loc = loc
	} else if off := v.Get("utc_offset"); off.Exists() {
		loc, err := fixedZone("", off.String())
		if err != nil {
			return nil, err
		}
		h.Loc = loc
	}
	week := v.Get("week")
	if week.Exists() && !week.IsObject() {
		return nil, errors.New("hours: week must be an object of weekday: intervals")
	}
	var err error
	week.ForEach(func(k, days gjson.Result) bool {
		d := -1
		for i, key := range dayKeys {
			if strings.EqualFold(k.String(), key) {
				d = i
			}
		}
		if d < 0 {
			err = errors.New("hours: unknown weekday " + strconv.Quote(k.String()) + " (use mon, tue, wed, thu, fri, sat, sun)")
			return false
		}
		if !days.IsArray() {
			err = errors.New("hours: " + k.String() + " must be a list of intervals like \"08:00-18:00\"")
			return false
		}
		for _, s := range days.Array() {
			iv, e := parseInterval(s.String())
			if e != nil {
				err = e
				return false
			}
			h.Week[d] = append(h.Week[d], iv)
		}
		sort.Slice(h.Week[d], func(i, j int) bool { return h.Week[d][i].Start < h.Week[d][j].Start })
		return true
	})
	if err != nil {
		return nil, err
	}
	for _, c := range v.Get("closed").Array() {
		if _, e := time.Parse("2006-01-02", c.String()); e != nil {
			return nil, errors.New("hours: closed date " + strconv.Quote(c.String()) + " must look like 2026-12-25")
		}
		h.Closed = append(h.Closed, c.String())
	}
	return h, nil
}

func parseInterval(s string) (Interval, error) {
	a, b, ok := strings.Cut(strings.TrimSpace(s), "-")
	if !ok {
		return Interval{}, errors.New("hours: interval " + strconv.Quote(s) + " must look like 08:00-18:00")
	}
	start, ok1 := parseClock(a)
	end, ok2 := parseClock(b)
	if !ok1 || !ok2 || start == 24*60 || start == end {
		return Interval{}, errors.New("hours: interval " + strconv.Quote(s) + " must look like 08:00-18:00")
	}
	if end == 24*60 {
		end = 0 // runs to midnight
	}
	return Interval{start, end}, nil
}

func parseClock(s string) (int, bool) {
	hh, mm, ok := strings.Cut(strings.TrimSpace(s), ":")
	if !ok {
		return 0, false
	}
	h, e1 := strconv.Atoi(hh)
	m, e2 := strconv.Atoi(mm)
	if e1 != nil || e2 != nil || len(mm) != 2 || h < 0 || m < 0 || m > 59 || h > 24 || h == 24 && m != 0 {
		return 0, false
	}
	return h*60 + m, true
}

func fixedZone(name, off string) (*time.Location, error) {
	bad := errors.New("hours: utc_offset " + strconv.Quote(off) + " must look like +01:00")
	if len(off) != 6 || off[0] != '+' && off[0] != '-' || off[3] != ':' {
		return nil, bad
	}
	h, e1 := strconv.Atoi(off[1:3])
	m, e2 := strconv.Atoi(off[4:])
	if e1 != nil || e2 != nil || h > 14 || m > 59 {
		return nil, bad
	}
	secs := (h*60 + m) * 60
	if off[0] == '-' {
		secs = -secs
	}
	if name == "" {
		name = "UTC" + off
	}
	return time.FixedZone(name, secs), nil
}

var dayNames = map[string][7]string{
	"en": {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"},
	"de": {"So", "Mo", "Di", "Mi", "Do", "Fr", "Sa"},
}

// Describe writes the hours for a person, in "en" or "de" (anything else
// gets English): "Mon–Fri 08:00–18:00, Sat 09:00–12:00 (Europe/London)".
// Days with the same hours are grouped, Monday first.
func (h *Hours) Describe(lang string) string {
	names, ok := dayNames[lang]
	if !ok {
		lang, names = "en", dayNames["en"]
	}
	order := [7]int{1, 2, 3, 4, 5, 6, 0}
	var parts []string
	for i := 0; i < 7; {
		d := order[i]
		j := i
		for j+1 < 7 && sameIntervals(h.Week[order[j+1]], h.Week[d]) {
			j++
		}
		if len(h.Week[d]) > 0 {
			days := names[d]
			if j > i {
				days += "–" + names[order[j]]
			}
			var ivs []string
			for _, iv := range h.Week[d] {
				ivs = append(ivs, clock(iv.Start, false)+"–"+clock(iv.End, true))
			}
			parts = append(parts, days+" "+strings.Join(ivs, ", "))
		}
		i = j + 1
	}
	s := strings.Join(parts, "; ")
	if s == "" {
		s = map[string]string{"en": "closed all week", "de": "die ganze Woche geschlossen"}[lang]
	}
	zone := h.loc().String()
	if h.Loc == nil || zone == "Local" {
		zone = map[string]string{"en": "local time", "de": "Ortszeit"}[lang]
	}
	s += " (" + zone + ")"
	if n := len(h.Closed); n > 0 {
		if lang == "de" {
			s += ", an " + strconv.Itoa(n) + " Tag(en) geschlossen"
		} else {
			s += ", closed on " + strconv.Itoa(n) + " date(s)"
		}
	}
	return s
}

func sameIntervals(a, b []Interval) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// clock writes minutes after midnight as HH:MM; an interval's end at
// midnight is written 24:00.
func clock(m int, end bool) string {
	if m == 0 && end {
		return "24:00"
	}
	return pad2(m/60) + ":" + pad2(m%60)
}

func pad2(n int) string {
	if n < 10 {
		return "0" + strconv.Itoa(n)
	}
	return strconv.Itoa(n)
}
