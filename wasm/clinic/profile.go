package clinic

// The clinic profile: who the clinician is professionally, how patients and
// clients should reach the practice, and where to send them when it is shut.
// Replies, the handout and the draft checks read it; the user edits it once.
//
// A profile is a flat JSON object whose keys are the names reply templates
// use for the same values:
//
//	{
//	  "profession": "physician",
//	  "country": "GB",
//	  "language": "en",
//	  "clinic_name": "Riverside Surgery",
//	  "phone": "+44 20 7946 0321",
//	  "email": "reception@riverside.example",
//	  "portal_url": "https://riverside.example/online",
//	  "business_page_url": "https://www.facebook.com/riversidesurgery",
//	  "time_zone": "Europe/London",
//	  "hours": {"week": {"mon": ["08:00-18:30"]}, "closed": ["2026-12-25"]},
//	  "away": [{"from": "2026-08-03", "to": "2026-08-14"}],
//	  "out_of_hours": "NHS 111 (call 111 or go to 111.nhs.uk)",
//	  "emergency_number": "999",
//	  "crisis_line": "Samaritans on 116 123",
//	  "complaints_url": "https://riverside.example/complaints",
//	  "sign_off": "Dr Amara Okafor"
//	}
//
// Only profession and country are required. Values left out stay empty in
// the Profile, so that encoding gives back what the user wrote; the
// jurisdiction's defaults are applied by the accessors (Lang, Emergency,
// OutOfHoursText, CrisisLineText), never stored.
//
// out_of_hours and crisis_line are phrases that read naturally after
// "contact" or "wenden Sie sich an": "Hillside Emergency Vets on 01632
// 960999", "die TelefonSeelsorge unter 0800 111 0 111".

import (
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/boundaryhq/boundary/wasm/jsonw"
	"github.com/boundaryhq/boundary/wasm/why"
	"github.com/tidwall/gjson"
)

// Professions a profile may name, in the order the settings page lists them.
var Professions = []string{
	"physician", "dentist", "nurse", "veterinarian", "therapist", "aesthetics", "pharmacist",
}

// IsProfession reports whether s is one of Professions.
func IsProfession(s string) bool {
	for _, p := range Professions {
		if p == s {
			return true
		}
	}
	return false
}

// Languages the replies and the handout are written in.
var Languages = []string{"en", "de"}

// Away is a period, both dates included, in which the clinician is away
// from the practice.
type Away struct {
	From, To string // "2026-08-03"
}

// Profile is the clinician's practice as replies and the handout need it.
type Profile struct {
	Profession string
	Country    string // ISO 3166-1 alpha-2, upper case: "GB"
	Language   string // "en" or "de"; "" means the country's language

	ClinicName      string
	Phone           string
	Email           string
	PortalURL       string
	BusinessPageURL string

	TimeZone  string // IANA name: "Europe/London"
	UTCOffset string // "+01:00", used only where the zone cannot be loaded
	Hours     *Hours // nil: no opening hours given
	Away      []Away

	OutOfHours      string // "" means the jurisdiction's default, if any
	EmergencyNumber string // "" means the jurisdiction's number
	CrisisLine      string // "" means the jurisdiction's default
	ComplaintsURL   string
	SignOff         string
}

// FieldError is a problem with one profile field, for the settings page to
// show beside that field. Msg is the English; Key and Args say the same
// for the extension to word in the browser's language (package why).
type FieldError struct {
	Field string // the JSON key: "phone", "hours", "away[1].to"
	Msg   string
	Key   string   // "msg_prof_…", "msg_hours_…"; "" when only Msg is known
	Args  []string // inserted as text, never as markup
}

// fieldError makes a FieldError from a key of why.English.
func fieldError(field, key string, args ...string) FieldError {
	r := why.New(key, args...)
	return FieldError{Field: field, Msg: r.String(), Key: key, Args: args}
}

// Why is the message as a key and arguments (a keyless reason when the
// error has no key).
func (e FieldError) Why() why.Reason {
	if e.Key == "" {
		return why.Text(e.Msg)
	}
	return why.New(e.Key, e.Args...)
}

func (e FieldError) Error() string { return e.Field + ": " + e.Msg }

// profileKeys are the keys ParseProfile knows; anything else is reported,
// because a misspelt key would otherwise silently leave a value empty.
var profileKeys = []string{
	"profession", "country", "language", "clinic_name", "phone", "email",
	"portal_url", "business_page_url", "time_zone", "utc_offset", "hours",
	"away", "out_of_hours", "emergency_number", "crisis_line",
	"complaints_url", "sign_off",
}

// ParseProfile reads and validates a profile. It returns every field error
// at once; the profile is nil only when the input is not a JSON object. A
// profile with errors is still returned so the settings page can show what
// was understood.
func ParseProfile(data []byte) (*Profile, []FieldError) {
	var errs []FieldError
	bad := func(field, key string, args ...string) { errs = append(errs, fieldError(field, key, args...)) }
	if !gjson.ValidBytes(data) {
		return nil, []FieldError{fieldError("", "msg_json_invalid")}
	}
	v := gjson.ParseBytes(data)
	if !v.IsObject() {
		return nil, []FieldError{fieldError("", "msg_prof_not_object")}
	}
	v.ForEach(func(k, _ gjson.Result) bool {
		if !listHas(profileKeys, k.Str) {
			bad(k.Str, "msg_prof_unknown_field")
		}
		return true
	})
	str := func(key string) string {
		f := v.Get(key)
		if !f.Exists() || f.Type == gjson.Null {
			return ""
		}
		if f.Type != gjson.String {
			bad(key, "msg_prof_not_string")
			return ""
		}
		return strings.TrimSpace(f.Str)
	}
	p := &Profile{
		Profession:      str("profession"),
		Country:         strings.ToUpper(str("country")),
		Language:        strings.ToLower(str("language")),
		ClinicName:      str("clinic_name"),
		Phone:           str("phone"),
		Email:           str("email"),
		PortalURL:       str("portal_url"),
		BusinessPageURL: str("business_page_url"),
		TimeZone:        str("time_zone"),
		UTCOffset:       str("utc_offset"),
		OutOfHours:      str("out_of_hours"),
		EmergencyNumber: str("emergency_number"),
		CrisisLine:      str("crisis_line"),
		ComplaintsURL:   str("complaints_url"),
		SignOff:         str("sign_off"),
	}

	switch {
	case p.Profession == "":
		bad("profession", "msg_prof_profession_required", strings.Join(Professions, ", "))
	case !IsProfession(p.Profession):
		bad("profession", "msg_prof_profession_unknown", strconv.Quote(p.Profession), strings.Join(Professions, ", "))
	}
	switch {
	case p.Country == "":
		bad("country", "msg_prof_country_required", strings.Join(Countries(), ", "))
	case JurisdictionOf(p.Country) == nil:
		bad("country", "msg_prof_country_unknown", strconv.Quote(p.Country), strings.Join(Countries(), ", "))
	}
	if p.Language != "" && !listHas(Languages, p.Language) {
		bad("language", "msg_prof_language", strings.Join(Languages, ", "))
	}

	for _, f := range []struct{ key, val string }{
		{"clinic_name", p.ClinicName}, {"sign_off", p.SignOff},
		{"out_of_hours", p.OutOfHours}, {"crisis_line", p.CrisisLine},
	} {
		if key := checkLine(f.val); key != "" {
			bad(f.key, key)
		}
	}
	for _, f := range []struct{ key, val string }{{"phone", p.Phone}, {"emergency_number", p.EmergencyNumber}} {
		if f.val != "" && !ValidPhone(f.val) {
			bad(f.key, "msg_prof_phone")
		}
	}
	if p.Email != "" && !ValidEmail(p.Email) {
		bad("email", "msg_prof_email")
	}
	for _, f := range []struct{ key, val string }{
		{"portal_url", p.PortalURL}, {"business_page_url", p.BusinessPageURL}, {"complaints_url", p.ComplaintsURL},
	} {
		if f.val != "" && !ValidURL(f.val) {
			bad(f.key, "msg_prof_url")
		}
	}

	var loc *time.Location
	if p.TimeZone != "" {
		l, err := LoadZone(p.TimeZone)
		if err != nil && p.UTCOffset != "" {
			l, err = fixedZone(p.TimeZone, p.UTCOffset)
		}
		if err != nil {
			bad("time_zone", "msg_prof_zone_unknown", strconv.Quote(p.TimeZone))
		} else {
			loc = l
		}
	} else if p.UTCOffset != "" {
		bad("utc_offset", "msg_prof_offset_alone")
	}
	if p.UTCOffset != "" {
		if _, err := fixedZone("", p.UTCOffset); err != nil {
			bad("utc_offset", "msg_prof_offset_form")
		}
	}

	if h := v.Get("hours"); h.Exists() && h.Type != gjson.Null {
		if h.Get("tz").Exists() || h.Get("utc_offset").Exists() {
			bad("hours", "msg_prof_hours_zone")
		} else if fes := checkProfileHours(h); len(fes) > 0 {
			errs = append(errs, fes...)
		} else if hours, err := Parse([]byte(h.Raw)); err != nil {
			// Not reached from the settings page, which checkProfileHours
			// has already checked more strictly; Parse's errors have no key.
			errs = append(errs, FieldError{Field: "hours", Msg: strings.TrimPrefix(err.Error(), "hours: ")})
		} else {
			hours.Loc = loc
			p.Hours = hours
		}
	}

	if a := v.Get("away"); a.Exists() && a.Type != gjson.Null {
		if !a.IsArray() {
			bad("away", "msg_prof_away_list")
			a = gjson.Result{}
		}
		for i, x := range a.Array() {
			field := "away[" + strconv.Itoa(i) + "]"
			from, err1 := time.Parse(awayDate, x.Get("from").String())
			to, err2 := time.Parse(awayDate, x.Get("to").String())
			switch {
			case err1 != nil:
				bad(field+".from", "msg_prof_away_from")
			case err2 != nil:
				bad(field+".to", "msg_prof_away_to")
			case to.Before(from):
				bad(field+".to", "msg_prof_away_order")
			default:
				p.Away = append(p.Away, Away{x.Get("from").Str, x.Get("to").Str})
			}
		}
	}
	return p, errs
}

const awayDate = "2006-01-02"

// AwayOn returns the away period that includes t's date in the profile's
// time zone, or nil.
func (p *Profile) AwayOn(t time.Time) *Away {
	if p.Hours != nil && p.Hours.Loc != nil {
		t = t.In(p.Hours.Loc)
	}
	d := t.Format(awayDate)
	for i, a := range p.Away {
		// ISO dates compare correctly as strings.
		if a.From <= d && d <= a.To {
			return &p.Away[i]
		}
	}
	return nil
}

// Lang is the language replies should use: the profile's, else the
// country's, else English.
func (p *Profile) Lang() string {
	if p.Language != "" {
		return p.Language
	}
	if j := JurisdictionOf(p.Country); j != nil {
		return j.Language
	}
	return "en"
}

// Emergency is the number to call in an emergency: the profile's own, else
// the country's.
func (p *Profile) Emergency() string {
	if p.EmergencyNumber != "" {
		return p.EmergencyNumber
	}
	if j := JurisdictionOf(p.Country); j != nil {
		return j.Emergency
	}
	return ""
}

// OutOfHoursText is where to go when the clinic is shut, in lang: the
// profile's own text, else the country's service for this profession, else
// "". The second result reports whether the value is a default the user
// has not confirmed.
func (p *Profile) OutOfHoursText(lang string) (string, bool) {
	if p.OutOfHours != "" {
		return p.OutOfHours, false
	}
	if j := JurisdictionOf(p.Country); j != nil && len(j.OutOfHours) > 0 && !listHas(j.OutOfHoursExcept, p.Profession) {
		return jurisdictionText(j.OutOfHours, lang), true
	}
	return "", false
}

// CrisisLineText is the crisis line for people in distress, in lang: the
// profile's own, else the country's. The second result reports whether it
// is a default.
func (p *Profile) CrisisLineText(lang string) (string, bool) {
	if p.CrisisLine != "" {
		return p.CrisisLine, false
	}
	if j := JurisdictionOf(p.Country); j != nil && len(j.CrisisLine) > 0 {
		return jurisdictionText(j.CrisisLine, lang), true
	}
	return "", false
}

// Encode writes the profile back as JSON in the form ParseProfile reads,
// leaving out empty values.
func (p *Profile) Encode() []byte {
	var w jsonw.Writer
	w.BeginObject()
	opt := func(k, v string) {
		if v != "" {
			w.FieldString(k, v)
		}
	}
	opt("profession", p.Profession)
	opt("country", p.Country)
	opt("language", p.Language)
	opt("clinic_name", p.ClinicName)
	opt("phone", p.Phone)
	opt("email", p.Email)
	opt("portal_url", p.PortalURL)
	opt("business_page_url", p.BusinessPageURL)
	opt("time_zone", p.TimeZone)
	opt("utc_offset", p.UTCOffset)
	if p.Hours != nil {
		w.Key("hours")
		encodeHours(&w, p.Hours)
	}
	if len(p.Away) > 0 {
		w.Key("away").BeginArray()
		for _, a := range p.Away {
			w.BeginObject().FieldString("from", a.From).FieldString("to", a.To).EndObject()
		}
		w.EndArray()
	}
	opt("out_of_hours", p.OutOfHours)
	opt("emergency_number", p.EmergencyNumber)
	opt("crisis_line", p.CrisisLine)
	opt("complaints_url", p.ComplaintsURL)
	opt("sign_off", p.SignOff)
	w.EndObject()
	return w.Bytes()
}

// encodeHours writes the week and closed dates; the zone is the profile's
// time_zone and is written there.
func encodeHours(w *jsonw.Writer, h *Hours) {
	w.BeginObject().Key("week").BeginObject()
	for _, d := range []time.Weekday{1, 2, 3, 4, 5, 6, 0} {
		if len(h.Week[d]) == 0 {
			continue
		}
		w.Key(dayKeys[d]).BeginArray()
		for _, iv := range h.Week[d] {
			w.String_(clock(iv.Start, false) + "-" + clock(iv.End, true))
		}
		w.EndArray()
	}
	w.EndObject()
	if len(h.Closed) > 0 {
		w.FieldStrings("closed", h.Closed)
	}
	w.EndObject()
}

// checkLine accepts one line of text of reasonable length; it answers the
// key of what is wrong, or "".
func checkLine(s string) string {
	if utf8.RuneCountInString(s) > 200 {
		return "msg_prof_line_long"
	}
	for _, r := range s {
		if unicode.IsControl(r) {
			return "msg_prof_line_control"
		}
	}
	return ""
}

// ValidPhone accepts the ways people write phone numbers on a practice's
// letterhead: "+44 20 7946 0321", "(555) 010-4477", "116 123", "999".
func ValidPhone(s string) bool {
	digits := 0
	for i, r := range s {
		switch {
		case r >= '0' && r <= '9':
			digits++
		case r == '+':
			if i != 0 {
				return false
			}
		case r == ' ' || r == '-' || r == '(' || r == ')' || r == '/' || r == '.':
		default:
			return false
		}
	}
	return digits >= 3 && digits <= 15
}

// ValidEmail checks the shape local@host.tld; it cannot tell whether the
// mailbox exists.
func ValidEmail(s string) bool {
	local, host, ok := strings.Cut(s, "@")
	if !ok || local == "" || len(s) > 254 || strings.ContainsAny(s, " \t<>()[],;:\"\\") || strings.Contains(host, "@") {
		return false
	}
	if local[0] == '.' || local[len(local)-1] == '.' || strings.Contains(local, "..") {
		return false
	}
	return validHost(host)
}

// ValidURL checks the shape of a web address: http or https, a host name
// with a dot (or localhost), and no spaces.
func ValidURL(s string) bool {
	rest, ok := strings.CutPrefix(s, "https://")
	if !ok {
		if rest, ok = strings.CutPrefix(s, "http://"); !ok {
			return false
		}
	}
	if strings.ContainsAny(s, " \t\n\"<>\\^`{|}") {
		return false
	}
	host := rest
	if i := strings.IndexAny(host, "/?#"); i >= 0 {
		host = host[:i]
	}
	if strings.Contains(host, "@") {
		return false // user:password@ has no place in a link for patients
	}
	if h, port, ok := strings.Cut(host, ":"); ok {
		if n, err := strconv.Atoi(port); err != nil || n < 1 || n > 65535 {
			return false
		}
		host = h
	}
	return host == "localhost" || validHost(host)
}

func validHost(h string) bool {
	h = strings.TrimSuffix(h, ".")
	labels := strings.Split(h, ".")
	if len(labels) < 2 || len(h) > 253 {
		return false
	}
	for _, l := range labels {
		if l == "" || len(l) > 63 || l[0] == '-' || l[len(l)-1] == '-' {
			return false
		}
		for _, r := range l {
			if !(r == '-' || unicode.IsLetter(r) || unicode.IsDigit(r)) {
				return false
			}
		}
	}
	return true
}

func listHas(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}

// checkProfileHours checks a profile's opening hours field by field, so the
// settings page can put each message beside its weekday: "hours.week.mon",
// "hours.closed". It is stricter than Parse in one way: an interval that
// ends before it starts is an error here, because in a form "18:00-08:00"
// is far more often a slip than a night shift; hours past midnight are
// written as two intervals, "18:00-24:00" and the next day's "00:00-08:00".
func checkProfileHours(h gjson.Result) []FieldError {
	var errs []FieldError
	bad := func(field, key string, args ...string) { errs = append(errs, fieldError(field, key, args...)) }
	if !h.IsObject() {
		return []FieldError{fieldError("hours", "msg_hours_not_object")}
	}
	h.ForEach(func(k, _ gjson.Result) bool {
		if k.Str != "week" && k.Str != "closed" {
			bad("hours", "msg_hours_unknown_field", strconv.Quote(k.Str))
		}
		return true
	})
	week := h.Get("week")
	if week.Exists() && !week.IsObject() {
		bad("hours.week", "msg_hours_week_object")
		week = gjson.Result{}
	}
	week.ForEach(func(k, days gjson.Result) bool {
		field := "hours.week." + k.Str
		if !listHas(dayKeys[:], k.Str) {
			bad("hours.week", "msg_hours_unknown_day", strconv.Quote(k.Str))
			return true
		}
		if !days.IsArray() {
			bad(field, "msg_hours_day_list")
			return true
		}
		var ivs []Interval
		for _, s := range days.Array() {
			iv, err := parseInterval(s.Str)
			switch {
			case s.Type != gjson.String || err != nil:
				bad(field, "msg_hours_interval_form", strconv.Quote(s.String()))
				return true
			case iv.End != 0 && iv.End < iv.Start:
				bad(field, "msg_hours_interval_order", strconv.Quote(s.Str))
				return true
			}
			ivs = append(ivs, iv)
		}
		sort.Slice(ivs, func(i, j int) bool { return ivs[i].Start < ivs[j].Start })
		for i := 1; i < len(ivs); i++ {
			prevEnd := ivs[i-1].End
			if prevEnd == 0 {
				prevEnd = 24 * 60
			}
			if ivs[i].Start < prevEnd {
				bad(field, "msg_hours_overlap", clock(ivs[i-1].Start, false)+"-"+clock(ivs[i-1].End, true), clock(ivs[i].Start, false)+"-"+clock(ivs[i].End, true))
				return true
			}
		}
		return true
	})
	if c := h.Get("closed"); c.Exists() {
		if !c.IsArray() {
			bad("hours.closed", "msg_hours_closed_list")
		}
		for i, d := range c.Array() {
			if _, err := time.Parse(awayDate, d.Str); d.Type != gjson.String || err != nil {
				bad("hours.closed", "msg_hours_closed_date", strconv.Itoa(i+1), strconv.Quote(d.String()))
			}
		}
	}
	return errs
}
