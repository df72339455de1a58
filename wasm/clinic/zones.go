package clinic

import (
	"encoding/binary"
	"errors"
	"time"
)

// Time zones without zoneinfo.
//
// The browser core is WebAssembly, where time.LoadLocation finds no zone
// database, and linking time/tzdata would add its whole 450 kB to every
// page the content script runs on. A practice needs only its own zone, and
// the zones of the countries Boundary has jurisdiction data for are few and
// follow fixed rules today. So LoadZone knows those zones as POSIX TZ rules
// (the same rule a zoneinfo file ends with for future dates) and builds a
// Location from the rule, daylight saving time included. Elsewhere it uses
// the system's zoneinfo, and a profile can still fall back to a fixed
// utc_offset for any other zone.
//
// The rules give wrong answers only for dates before the current rules
// began (2007 in North America, 2008 in Australia); opening hours are
// about today. TestZoneRulesMatchZoneinfo compares each rule with the
// system's zoneinfo hour by hour over two years.

// zoneRules maps the IANA names the settings page offers to their POSIX TZ
// rule.
var zoneRules = map[string]string{
	"Europe/London":       "GMT0BST,M3.5.0/1,M10.5.0",
	"Europe/Dublin":       "IST-1GMT0,M10.5.0,M3.5.0/1",
	"Europe/Berlin":       "CET-1CEST,M3.5.0,M10.5.0/3",
	"America/New_York":    "EST5EDT,M3.2.0,M11.1.0",
	"America/Chicago":     "CST6CDT,M3.2.0,M11.1.0",
	"America/Denver":      "MST7MDT,M3.2.0,M11.1.0",
	"America/Phoenix":     "MST7",
	"America/Los_Angeles": "PST8PDT,M3.2.0,M11.1.0",
	"America/Anchorage":   "AKST9AKDT,M3.2.0,M11.1.0",
	"Pacific/Honolulu":    "HST10",
	"America/Toronto":     "EST5EDT,M3.2.0,M11.1.0",
	"America/Vancouver":   "PST8PDT,M3.2.0,M11.1.0",
	"America/Edmonton":    "MST7MDT,M3.2.0,M11.1.0",
	"America/Winnipeg":    "CST6CDT,M3.2.0,M11.1.0",
	"America/Regina":      "CST6",
	"America/Halifax":     "AST4ADT,M3.2.0,M11.1.0",
	"America/St_Johns":    "NST3:30NDT,M3.2.0,M11.1.0",
	"Australia/Sydney":    "AEST-10AEDT,M10.1.0,M4.1.0/3",
	"Australia/Melbourne": "AEST-10AEDT,M10.1.0,M4.1.0/3",
	"Australia/Hobart":    "AEST-10AEDT,M10.1.0,M4.1.0/3",
	"Australia/Brisbane":  "AEST-10",
	"Australia/Adelaide":  "ACST-9:30ACDT,M10.1.0,M4.1.0/3",
	"Australia/Darwin":    "ACST-9:30",
	"Australia/Perth":     "AWST-8",
	"UTC":                 "UTC0",
}

// countryZones are the zones offered for each country, the most populous
// first.
var countryZones = map[string][]string{
	"GB": {"Europe/London"},
	"IE": {"Europe/Dublin"},
	"DE": {"Europe/Berlin"},
	"US": {"America/New_York", "America/Chicago", "America/Denver", "America/Phoenix", "America/Los_Angeles", "America/Anchorage", "Pacific/Honolulu"},
	"CA": {"America/Toronto", "America/Vancouver", "America/Edmonton", "America/Winnipeg", "America/Regina", "America/Halifax", "America/St_Johns"},
	"AU": {"Australia/Sydney", "Australia/Melbourne", "Australia/Brisbane", "Australia/Adelaide", "Australia/Perth", "Australia/Hobart", "Australia/Darwin"},
}

// ZonesOf lists the time zones offered for a country, most populous first.
func ZonesOf(country string) []string { return countryZones[country] }

// LoadZone returns the named zone: from the system's zoneinfo when there is
// one, else from the built-in rule for the zones the settings page offers.
func LoadZone(name string) (*time.Location, error) {
	if loc, err := time.LoadLocation(name); err == nil {
		return loc, nil
	}
	rule, ok := zoneRules[name]
	if !ok {
		return nil, errors.New("unknown time zone " + name)
	}
	return zoneFromRule(name, rule)
}

// zoneFromRule builds a Location that follows a POSIX TZ rule at all times,
// by handing time.LoadLocationFromTZData a zoneinfo file with no
// transitions, one placeholder zone and the rule as its footer. The time
// package then applies the rule to every instant, as it does for instants
// after a real file's last transition.
func zoneFromRule(name, rule string) (*time.Location, error) {
	var b []byte
	u32 := func(n uint32) { b = binary.BigEndian.AppendUint32(b, n) }
	block := func() {
		b = append(b, "TZif2"...)
		b = append(b, make([]byte, 15)...)
		// isutcnt, isstdcnt, leapcnt, timecnt, typecnt, charcnt
		for _, n := range []uint32{0, 0, 0, 0, 1, 4} {
			u32(n)
		}
		u32(0)              // the placeholder zone's offset
		b = append(b, 0, 0) // not DST; abbreviation at index 0
		b = append(b, "UTC\x00"...)
	}
	block() // version 1 data, which readers of version 2 skip
	block()
	b = append(b, '\n')
	b = append(b, rule...)
	b = append(b, '\n')
	return time.LoadLocationFromTZData(name, b)
}
