package clinic

import (
	"strings"
	"testing"
	"time"
	_ "time/tzdata" // the tests name zones; do not depend on the host's zoneinfo
)

func at(t *testing.T, s string, loc *time.Location) time.Time {
	t.Helper()
	tm, err := time.ParseInLocation("2006-01-02 15:04", s, loc)
	if err != nil {
		t.Fatal(err)
	}
	return tm
}

func TestDefault(t *testing.T) {
	h := Default()
	h.Loc = time.UTC
	for _, c := range []struct {
		when string
		open bool
	}{
		{"2026-03-02 08:00", true},  // Monday opening
		{"2026-03-02 07:59", false}, // just before
		{"2026-03-06 17:59", true},  // Friday
		{"2026-03-06 18:00", false}, // closing time is closed
		{"2026-03-07 10:00", false}, // Saturday
		{"2026-03-08 10:00", false}, // Sunday
	} {
		if got := h.Open(at(t, c.when, time.UTC)); got != c.open {
			t.Errorf("Open(%s) = %v, want %v", c.when, got, c.open)
		}
	}
	if got := Default().Describe("en"); got != "Mon–Fri 08:00–18:00 (local time)" {
		t.Errorf("Describe = %q", got)
	}
}

func TestParse(t *testing.T) {
	h, err := Parse([]byte(`{
		"tz": "Europe/Berlin",
		"week": {"mon": ["08:00-12:30", "13:30-18:00"], "tue": ["08:00-12:30", "13:30-18:00"], "sat": ["09:00-12:00"], "fri": ["22:00-06:00"]},
		"closed": ["2026-12-25"]
	}`))
	if err != nil {
		t.Fatal(err)
	}
	berlin, _ := time.LoadLocation("Europe/Berlin")
	for _, c := range []struct {
		when string
		open bool
	}{
		{"2026-03-02 12:45", false}, // lunch break on Monday
		{"2026-03-02 13:30", true},
		{"2026-03-07 11:00", true},  // Saturday morning
		{"2026-03-06 23:00", true},  // Friday night shift
		{"2026-03-07 05:59", true},  // its tail on Saturday morning
		{"2026-03-07 06:00", false}, // over
		{"2026-03-04 10:00", false}, // Wednesday is not listed
		{"2026-12-25 10:00", false}, // a Friday, but closed
		{"2026-12-26 02:00", false}, // no night shift after a closed day
	} {
		if got := h.Open(at(t, c.when, berlin)); got != c.open {
			t.Errorf("Open(%s Berlin) = %v, want %v", c.when, got, c.open)
		}
	}
	// The same instant seen from another zone gives the same answer.
	if !h.Open(at(t, "2026-03-02 12:30", time.UTC)) { // 13:30 in Berlin
		t.Error("Open must convert to the clinic's zone")
	}
	if got, want := h.Describe("en"), "Mon–Tue 08:00–12:30, 13:30–18:00; Fri 22:00–06:00; Sat 09:00–12:00 (Europe/Berlin), closed on 1 date(s)"; got != want {
		t.Errorf("Describe(en)\n got %q\nwant %q", got, want)
	}
	if got := h.Describe("de"); !strings.HasPrefix(got, "Mo–Di 08:00–12:30, 13:30–18:00; Fr 22:00–06:00; Sa 09:00–12:00 (Europe/Berlin)") {
		t.Errorf("Describe(de) = %q", got)
	}
}

func TestParseOffsetFallback(t *testing.T) {
	h, err := Parse([]byte(`{"tz": "Nowhere/Atlantis", "utc_offset": "-03:30", "week": {"mon": ["00:00-24:00"]}}`))
	if err != nil {
		t.Fatal(err)
	}
	if _, off := time.Date(2026, 3, 2, 12, 0, 0, 0, time.UTC).In(h.Loc).Zone(); off != -(3*3600 + 1800) {
		t.Errorf("offset %d", off)
	}
	if !h.Open(time.Date(2026, 3, 2, 12, 0, 0, 0, time.UTC)) {
		t.Error("open all Monday")
	}
	if h.Describe("en") != "Mon 00:00–24:00 (Nowhere/Atlantis)" {
		t.Errorf("Describe = %q", h.Describe("en"))
	}
}

func TestParseErrors(t *testing.T) {
	for _, c := range []struct{ json, want string }{
		{`nope`, "not valid JSON"},
		{`[]`, "must be a JSON object"},
		{`{"tz": "Nowhere/Atlantis"}`, "unknown time zone"},
		{`{"week": {"funday": []}}`, "unknown weekday"},
		{`{"week": {"mon": "08:00-18:00"}}`, "must be a list"},
		{`{"week": {"mon": ["8-18"]}}`, "must look like 08:00-18:00"},
		{`{"week": {"mon": ["08:00-08:00"]}}`, "must look like 08:00-18:00"},
		{`{"week": {"mon": ["25:00-26:00"]}}`, "must look like 08:00-18:00"},
		{`{"closed": ["25/12/2026"]}`, "closed date"},
		{`{"utc_offset": "1h"}`, "utc_offset"},
	} {
		_, err := Parse([]byte(c.json))
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("Parse(%s): err = %v, want %q", c.json, err, c.want)
		}
	}
}

func TestDescribeClosedWeek(t *testing.T) {
	h := &Hours{Loc: time.UTC}
	if got := h.Describe("de"); got != "die ganze Woche geschlossen (UTC)" {
		t.Errorf("Describe(de) = %q", got)
	}
	if got := h.Describe("fr"); got != "closed all week (UTC)" {
		t.Errorf("Describe(fr) = %q", got)
	}
}
