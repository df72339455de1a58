package clinic

import (
	"testing"
	"time"
)

// TestZoneRulesMatchZoneinfo checks every built-in rule against the
// system's zoneinfo, hour by hour through 2026 and 2027, so a wrong rule or
// a country that changed its clocks shows up here rather than in a reply
// that says the practice is open when it is shut.
func TestZoneRulesMatchZoneinfo(t *testing.T) {
	for name, rule := range zoneRules {
		want, err := time.LoadLocation(name)
		if err != nil {
			t.Skipf("no system zoneinfo for %s: %v", name, err)
		}
		got, err := zoneFromRule(name, rule)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		start := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
		for at := start; at.Year() < 2028; at = at.Add(30 * time.Minute) {
			_, wo := at.In(want).Zone()
			_, go_ := at.In(got).Zone()
			if wo != go_ {
				t.Errorf("%s at %s: rule gives offset %d, zoneinfo %d", name, at.Format(time.RFC3339), go_, wo)
				break
			}
		}
		if got.String() != name {
			t.Errorf("zone from rule is named %q, want %q", got.String(), name)
		}
	}
}

func TestZonesOfAreKnown(t *testing.T) {
	for _, c := range Countries() {
		zs := ZonesOf(c)
		if len(zs) == 0 {
			t.Errorf("%s: no zones offered", c)
		}
		for _, z := range zs {
			if _, ok := zoneRules[z]; !ok {
				t.Errorf("%s offers %s, which has no built-in rule", c, z)
			}
		}
	}
}

func TestLoadZone(t *testing.T) {
	if _, err := LoadZone("Mars/Olympus"); err == nil {
		t.Error("LoadZone(Mars/Olympus) succeeded")
	}
	loc, err := LoadZone("Europe/Berlin")
	if err != nil {
		t.Fatal(err)
	}
	summer := time.Date(2026, 7, 1, 12, 0, 0, 0, loc)
	if _, off := summer.Zone(); off != 2*3600 {
		t.Errorf("Berlin in July: offset %d, want 7200", off)
	}
}
