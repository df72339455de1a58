package clinic

import (
	"github.com/boundaryhq/boundary/wasm/jsonw"
)

// The settings page talks to this package in JSON, through the browser
// core; these two functions are that conversation, kept here so it is
// tested natively.

// ValidateJSON checks a profile the settings page assembled and answers
//
//	{"ok": true|false, "errors": [{"field": "email", "message": "…",
//	  "key": "msg_prof_email", "args": [...]}],
//	 "normalized": {…profile as Encode writes it…} | null}
//
// normalized is the profile to store, and is given only when ok is true.
// An error's field is a profile key, or a path into one ("hours.week.mon",
// "away[1].to"), or "" for the profile as a whole. message is the English;
// key and args say it for the extension's catalogues (key "" when the
// message has none).
func ValidateJSON(data []byte) []byte {
	p, errs := ParseProfile(data)
	var w jsonw.Writer
	w.BeginObject().FieldBool("ok", p != nil && len(errs) == 0).Key("errors").BeginArray()
	for _, e := range errs {
		e.WriteJSON(&w)
	}
	w.EndArray().Key("normalized")
	if p != nil && len(errs) == 0 {
		w.Raw(p.Encode())
	} else {
		w.Null()
	}
	return w.EndObject().Bytes()
}

var professionLabels = map[string]string{
	"physician": "Physician (doctor)", "dentist": "Dentist", "nurse": "Nurse",
	"veterinarian": "Veterinarian (vet)", "therapist": "Therapist or mental health professional",
	"aesthetics": "Aesthetics practitioner", "pharmacist": "Pharmacist",
}

var countryNames = map[string]string{
	"AU": "Australia", "CA": "Canada", "DE": "Germany", "GB": "United Kingdom",
	"IE": "Ireland", "US": "United States",
}

var weekdayLabels = [7]string{"Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"}

// SchemaJSON describes what a profile may hold, for the settings page to
// build its form from:
//
//	{"professions": [{"id", "label"}], "languages": ["en", "de"],
//	 "countries": [{"code", "name", "language", "emergency", "emergency_alt",
//	   "out_of_hours": {"en": …}, "out_of_hours_except": [...],
//	   "crisis_line": {"en": …}, "paper", "zones": [...]}],
//	 "weekdays": [{"key": "mon", "label": "Monday"}, …]}
//
// Weekdays run Monday first.
func SchemaJSON() []byte {
	var w jsonw.Writer
	w.BeginObject().Key("professions").BeginArray()
	for _, p := range Professions {
		w.BeginObject().FieldString("id", p).FieldString("label", professionLabels[p]).EndObject()
	}
	w.EndArray().FieldStrings("languages", Languages).Key("countries").BeginArray()
	for _, c := range Countries() {
		j := JurisdictionOf(c)
		w.BeginObject().FieldString("code", c).FieldString("name", countryNames[c]).
			FieldString("language", j.Language).FieldString("emergency", j.Emergency).
			FieldString("emergency_alt", j.EmergencyAlt)
		textMap(&w, "out_of_hours", j.OutOfHours)
		w.FieldStrings("out_of_hours_except", nonNil(j.OutOfHoursExcept))
		textMap(&w, "crisis_line", j.CrisisLine)
		w.FieldString("paper", j.Paper).FieldStrings("zones", nonNil(ZonesOf(c))).EndObject()
	}
	w.EndArray().Key("weekdays").BeginArray()
	for i := 1; i <= 7; i++ {
		d := i % 7
		w.BeginObject().FieldString("key", dayKeys[d]).FieldString("label", weekdayLabels[d]).EndObject()
	}
	return w.EndArray().EndObject().Bytes()
}

func textMap(w *jsonw.Writer, key string, m map[string]string) {
	w.Key(key).BeginObject()
	for _, l := range Languages {
		if s, ok := m[l]; ok {
			w.FieldString(l, s)
		}
	}
	w.EndObject()
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

// WriteJSON writes the error as {"field", "message", "key", "args"}, the
// shape the settings page and the template editor read.
func (e FieldError) WriteJSON(w *jsonw.Writer) {
	args := e.Args
	if args == nil {
		args = []string{}
	}
	w.BeginObject().FieldString("field", e.Field).FieldString("message", e.Msg).
		FieldString("key", e.Key).FieldStrings("args", args).EndObject()
}
