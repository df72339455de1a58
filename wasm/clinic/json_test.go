package clinic

import (
	"encoding/json"
	"testing"
)

func TestValidateJSON(t *testing.T) {
	type answer struct {
		OK     bool
		Errors []struct {
			Field, Message, Key string
			Args                []string
		}
		Normalized map[string]any
	}
	var good answer
	if err := json.Unmarshal(ValidateJSON([]byte(`{"profession":"dentist","country":"gb","clinic_name":" Smile ","hours":{"week":{"tue":["09:00-17:00"],"mon":["09:00-17:00"]}}}`)), &good); err != nil {
		t.Fatal(err)
	}
	if !good.OK || len(good.Errors) != 0 || good.Normalized["country"] != "GB" || good.Normalized["clinic_name"] != "Smile" {
		t.Errorf("valid profile: %+v", good)
	}
	var bad answer
	if err := json.Unmarshal(ValidateJSON([]byte(`{"profession":"dentist","country":"GB","email":"not an address","hours":{"week":{"mon":["17:00-09:00"]}}}`)), &bad); err != nil {
		t.Fatal(err)
	}
	if bad.OK || bad.Normalized != nil || len(bad.Errors) != 2 || bad.Errors[0].Field != "email" || bad.Errors[1].Field != "hours.week.mon" {
		t.Errorf("invalid profile: %+v", bad)
	}
	// Each error also comes as a key and arguments for the catalogues.
	if e := bad.Errors[len(bad.Errors)-1]; len(bad.Errors) != 2 || e.Key != "msg_hours_interval_order" || len(e.Args) != 1 || e.Args[0] != `"17:00-09:00"` ||
		bad.Errors[0].Key != "msg_prof_email" || bad.Errors[0].Args == nil || len(bad.Errors[0].Args) != 0 {
		t.Errorf("invalid profile: keys %+v", bad.Errors)
	}
	var broken answer
	if err := json.Unmarshal(ValidateJSON([]byte(`{"profession":`)), &broken); err != nil {
		t.Fatal(err)
	}
	if broken.OK || len(broken.Errors) != 1 || broken.Errors[0].Field != "" {
		t.Errorf("broken JSON: %+v", broken)
	}
}

func TestSchemaJSON(t *testing.T) {
	var s struct {
		Professions []struct{ ID, Label string }
		Countries   []struct {
			Code, Name, Emergency string
			Zones                 []string
		}
		Weekdays []struct{ Key, Label string }
	}
	if err := json.Unmarshal(SchemaJSON(), &s); err != nil {
		t.Fatal(err)
	}
	if len(s.Professions) != len(Professions) || len(s.Countries) != len(Countries()) || len(s.Weekdays) != 7 {
		t.Fatalf("schema: %+v", s)
	}
	for _, p := range s.Professions {
		if p.Label == "" {
			t.Errorf("profession %s has no label", p.ID)
		}
	}
	for _, c := range s.Countries {
		if c.Name == "" || c.Emergency == "" || len(c.Zones) == 0 {
			t.Errorf("country %+v lacks a name, emergency number or zones", c)
		}
	}
	if s.Weekdays[0].Key != "mon" || s.Weekdays[6].Key != "sun" {
		t.Errorf("weekdays do not run Monday first: %+v", s.Weekdays)
	}
}
