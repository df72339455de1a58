package clinic

import (
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/boundaryhq/boundary/rules"
	"github.com/boundaryhq/boundary/wasm/rulepack"
)

// The sample profiles, one per profession, live with the replies that use
// them.
const samples = "../replies/testdata/profiles/*.json"

func semantic(t *testing.T, data []byte) any {
	t.Helper()
	var v any
	if err := json.Unmarshal(data, &v); err != nil {
		t.Fatalf("%v in %s", err, data)
	}
	return v
}

// TestRoundTrip: encode(parse(x)) == x, compared as JSON values.
func TestRoundTrip(t *testing.T) {
	files, _ := filepath.Glob(samples)
	if len(files) < len(Professions) {
		t.Fatalf("found %d sample profiles, want one per profession", len(files))
	}
	for _, f := range files {
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		p, errs := ParseProfile(src)
		if len(errs) > 0 {
			t.Errorf("%s: %v", f, errs)
			continue
		}
		out := p.Encode()
		if got, want := semantic(t, out), semantic(t, src); !reflect.DeepEqual(got, want) {
			t.Errorf("%s: round trip changed the profile:\n got %s\nwant %s", f, out, src)
		}
		p2, errs := ParseProfile(out)
		if len(errs) > 0 || string(p2.Encode()) != string(out) {
			t.Errorf("%s: encoding is not stable: %v", f, errs)
		}
	}
}

func TestFieldErrors(t *testing.T) {
	for _, tc := range []struct {
		json   string
		fields []string
	}{
		{`{"profession":"physician","country":"GB"}`, nil},
		{`{"profession":"dentist","country":"gb","language":"DE"}`, nil},
		{`{}`, []string{"profession", "country"}},
		{`{"profession":"surgeon","country":"FR"}`, []string{"profession", "country"}},
		{`{"profession":"nurse","country":"US","language":"fr"}`, []string{"language"}},
		{`{"profession":"nurse","country":"US","phone_number":"1"}`, []string{"phone_number"}},
		{`{"profession":"nurse","country":"US","phone":"call me"}`, []string{"phone"}},
		{`{"profession":"nurse","country":"US","phone":"12"}`, []string{"phone"}},
		{`{"profession":"nurse","country":"US","phone":"555+0100"}`, []string{"phone"}},
		{`{"profession":"nurse","country":"US","phone":"+1 (555) 010-0100"}`, nil},
		{`{"profession":"nurse","country":"US","emergency_number":"nine one one"}`, []string{"emergency_number"}},
		{`{"profession":"nurse","country":"US","email":"front desk@clinic.example"}`, []string{"email"}},
		{`{"profession":"nurse","country":"US","email":"desk@localhost"}`, []string{"email"}},
		{`{"profession":"nurse","country":"US","email":"desk@clinic.example"}`, nil},
		{`{"profession":"nurse","country":"US","portal_url":"clinic.example/portal"}`, []string{"portal_url"}},
		{`{"profession":"nurse","country":"US","business_page_url":"javascript:alert(1)"}`, []string{"business_page_url"}},
		{`{"profession":"nurse","country":"US","complaints_url":"https://user:pw@clinic.example/"}`, []string{"complaints_url"}},
		{`{"profession":"nurse","country":"US","complaints_url":"https://clinic.example:99999/"}`, []string{"complaints_url"}},
		{`{"profession":"nurse","country":"US","portal_url":"https://clinic.example/a b"}`, []string{"portal_url"}},
		{`{"profession":"nurse","country":"US","portal_url":"https://clinic.example:8443/p?q=1#x"}`, nil},
		{`{"profession":"nurse","country":"US","time_zone":"Mars/Olympus"}`, []string{"time_zone"}},
		{`{"profession":"nurse","country":"US","time_zone":"Mars/Olympus","utc_offset":"+01:00"}`, nil},
		{`{"profession":"nurse","country":"US","utc_offset":"+01:00"}`, []string{"utc_offset"}},
		{`{"profession":"nurse","country":"US","time_zone":"UTC","utc_offset":"1h"}`, []string{"utc_offset"}},
		{`{"profession":"nurse","country":"US","hours":{"week":{"mon":["8-18"]}}}`, []string{"hours.week.mon"}},
		{`{"profession":"nurse","country":"US","hours":{"week":{"mon":["18:00-08:00"],"tue":["08:00-12:00","11:00-13:00"],"wed":["18:00-24:00"],"thu":["00:00-08:00"]}}}`, []string{"hours.week.mon", "hours.week.tue"}},
		{`{"profession":"nurse","country":"US","hours":{"week":{"someday":["08:00-12:00"],"fri":"08:00-12:00"}}}`, []string{"hours.week", "hours.week.fri"}},
		{`{"profession":"nurse","country":"US","hours":{"closed":["2026-12-25","Christmas"]}}`, []string{"hours.closed"}},
		{`{"profession":"nurse","country":"US","hours":{"open":true}}`, []string{"hours"}},
		{`{"profession":"nurse","country":"DE","time_zone":"Europe/Berlin"}`, nil},
		{`{"profession":"nurse","country":"US","hours":{"tz":"UTC"}}`, []string{"hours"}},
		{`{"profession":"nurse","country":"US","away":[{"from":"2026-08-10","to":"2026-08-01"},{"from":"soon","to":"2026-08-01"}]}`, []string{"away[0].to", "away[1].from"}},
		{`{"profession":"nurse","country":"US","away":{"from":"2026-08-10"}}`, []string{"away"}},
		{`{"profession":"nurse","country":"US","sign_off":"Sam\nNurse"}`, []string{"sign_off"}},
		{`{"profession":"nurse","country":"US","clinic_name":42}`, []string{"clinic_name"}},
		{`{"profession":"nurse","country":"US","crisis_line":"` + strings.Repeat("x", 201) + `"}`, []string{"crisis_line"}},
	} {
		p, errs := ParseProfile([]byte(tc.json))
		if p == nil {
			t.Errorf("ParseProfile(%s) = nil profile", tc.json)
			continue
		}
		var got []string
		for _, e := range errs {
			got = append(got, e.Field)
			if e.Msg == "" {
				t.Errorf("%s: error for %s has no message", tc.json, e.Field)
			}
		}
		if !reflect.DeepEqual(got, tc.fields) {
			t.Errorf("ParseProfile(%s) errors on %v, want %v (%v)", tc.json, got, tc.fields, errs)
		}
	}
	for _, bad := range []string{`not json`, `[1,2]`} {
		if p, errs := ParseProfile([]byte(bad)); p != nil || len(errs) != 1 {
			t.Errorf("ParseProfile(%s) = %v, %v; want nil and one error", bad, p, errs)
		}
	}
}

func TestJurisdictionDefaults(t *testing.T) {
	for _, tc := range []struct {
		json, lang                string
		emergency, ooh, crisis    string
		oohDefault, crisisDefault bool
		replyLang                 string
	}{
		{`{"profession":"physician","country":"GB"}`, "en", "999", "NHS 111 (call 111 or go to 111.nhs.uk)", "Samaritans on 116 123", true, true, "en"},
		{`{"profession":"veterinarian","country":"GB"}`, "en", "999", "", "Samaritans on 116 123", false, true, "en"},
		{`{"profession":"physician","country":"DE"}`, "de", "112", "den ärztlichen Bereitschaftsdienst unter 116 117", "die TelefonSeelsorge unter 0800 111 0 111", true, true, "de"},
		{`{"profession":"dentist","country":"DE"}`, "de", "112", "", "die TelefonSeelsorge unter 0800 111 0 111", false, true, "de"},
		{`{"profession":"therapist","country":"US"}`, "en", "911", "", "the 988 Suicide & Crisis Lifeline (call or text 988)", false, true, "en"},
		{`{"profession":"nurse","country":"IE","out_of_hours":"Caredoc on 0818 300 365","crisis_line":"Pieta on 1800 247 247"}`, "en", "112", "Caredoc on 0818 300 365", "Pieta on 1800 247 247", false, false, "en"},
		{`{"profession":"aesthetics","country":"AU","emergency_number":"112"}`, "en", "112", "healthdirect on 1800 022 222", "Lifeline on 13 11 14", true, true, "en"},
		{`{"profession":"pharmacist","country":"CA","language":"de"}`, "fr", "911", "your provincial health line on 811", "9-8-8, the Suicide Crisis Helpline (call or text 988)", true, true, "de"},
	} {
		p, errs := ParseProfile([]byte(tc.json))
		if len(errs) > 0 {
			t.Fatalf("%s: %v", tc.json, errs)
		}
		if got := p.Emergency(); got != tc.emergency {
			t.Errorf("%s: Emergency() = %q, want %q", tc.json, got, tc.emergency)
		}
		if got, d := p.OutOfHoursText(tc.lang); got != tc.ooh || d != tc.oohDefault {
			t.Errorf("%s: OutOfHoursText(%s) = %q, %v; want %q, %v", tc.json, tc.lang, got, d, tc.ooh, tc.oohDefault)
		}
		if got, d := p.CrisisLineText(tc.lang); got != tc.crisis || d != tc.crisisDefault {
			t.Errorf("%s: CrisisLineText(%s) = %q, %v; want %q, %v", tc.json, tc.lang, got, d, tc.crisis, tc.crisisDefault)
		}
		if got := p.Lang(); got != tc.replyLang {
			t.Errorf("%s: Lang() = %q, want %q", tc.json, got, tc.replyLang)
		}
	}
	want := []string{"AU", "CA", "DE", "GB", "IE", "US"}
	if got := Countries(); !reflect.DeepEqual(got, want) {
		t.Errorf("Countries() = %v, want %v", got, want)
	}
}

func TestHoursTakeTheProfileZone(t *testing.T) {
	p, errs := ParseProfile([]byte(`{"profession":"nurse","country":"US","time_zone":"America/New_York","hours":{"week":{"mon":["09:00-17:00"]}}}`))
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	// Monday 2026-03-02 14:30 UTC is 09:30 in New York.
	if !p.Hours.Open(time.Date(2026, 3, 2, 14, 30, 0, 0, time.UTC)) {
		t.Error("hours ignore the profile's time zone")
	}
}

func TestAwayOn(t *testing.T) {
	p, errs := ParseProfile([]byte(`{"profession":"nurse","country":"GB","time_zone":"Europe/London","hours":{"week":{}},"away":[{"from":"2026-08-03","to":"2026-08-14"}]}`))
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	for _, tc := range []struct {
		t    time.Time
		away bool
	}{
		{time.Date(2026, 8, 2, 22, 59, 0, 0, time.UTC), false}, // 23:59 on the 2nd in London
		{time.Date(2026, 8, 2, 23, 0, 0, 0, time.UTC), true},   // midnight on the 3rd
		{time.Date(2026, 8, 14, 12, 0, 0, 0, time.UTC), true},
		{time.Date(2026, 8, 15, 12, 0, 0, 0, time.UTC), false},
	} {
		if got := p.AwayOn(tc.t) != nil; got != tc.away {
			t.Errorf("AwayOn(%v) = %v, want %v", tc.t, got, tc.away)
		}
	}
}

// TestGuidanceCoversProfessions keeps the profession names here and in the
// guidance pack the same, since replies match them by string.
func TestGuidanceCoversProfessions(t *testing.T) {
	g, err := rulepack.Load(rules.FS, "guidance")
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range g.OfKind("guidance") {
		for _, p := range r.Raw.Get("professions").Array() {
			if !IsProfession(p.Str) {
				t.Errorf("%s names profession %q, which profiles cannot choose", r.ID, p.Str)
			}
		}
		if c := strings.ToUpper(r.Raw.Get("jurisdiction").Str); JurisdictionOf(c) == nil {
			t.Errorf("%s has jurisdiction %q, which profiles cannot choose", r.ID, c)
		}
	}
}

// TestFieldErrorKeys: each message is a key of why.English with its
// arguments, and its English is word for word what it was before keys
// (the CLI and the English settings page print Msg).
func TestFieldErrorKeys(t *testing.T) {
	const us = `"profession":"nurse","country":"US",`
	for _, tc := range []struct {
		json, field, key string
		args             []string
		msg              string
	}{
		{`nope`, "", "msg_json_invalid", nil, "not valid JSON"},
		{`[1]`, "", "msg_prof_not_object", nil, "a profile must be a JSON object"},
		{`{` + us + `"phone_number":"1"}`, "phone_number", "msg_prof_unknown_field", nil, "unknown field"},
		{`{` + us + `"clinic_name":42}`, "clinic_name", "msg_prof_not_string", nil, "must be a string"},
		{`{"country":"US"}`, "profession", "msg_prof_profession_required", []string{"physician, dentist, nurse, veterinarian, therapist, aesthetics, pharmacist"}, "required; one of physician, dentist, nurse, veterinarian, therapist, aesthetics, pharmacist"},
		{`{"profession":"<b>x</b>","country":"US"}`, "profession", "msg_prof_profession_unknown", []string{`"<b>x</b>"`, "physician, dentist, nurse, veterinarian, therapist, aesthetics, pharmacist"}, `unknown profession "<b>x</b>"; one of physician, dentist, nurse, veterinarian, therapist, aesthetics, pharmacist`},
		{`{"profession":"nurse"}`, "country", "msg_prof_country_required", []string{"AU, CA, DE, GB, IE, US"}, "required; one of AU, CA, DE, GB, IE, US"},
		{`{"profession":"nurse","country":"FR"}`, "country", "msg_prof_country_unknown", []string{`"FR"`, "AU, CA, DE, GB, IE, US"}, `no jurisdiction data for "FR"; one of AU, CA, DE, GB, IE, US`},
		{`{` + us + `"language":"fr"}`, "language", "msg_prof_language", []string{"en, de"}, "must be one of en, de"},
		{`{` + us + `"sign_off":"` + strings.Repeat("x", 201) + `"}`, "sign_off", "msg_prof_line_long", nil, "too long (at most 200 characters)"},
		{`{` + us + `"sign_off":"a\nb"}`, "sign_off", "msg_prof_line_control", nil, "must be a single line without control characters"},
		{`{` + us + `"phone":"call me"}`, "phone", "msg_prof_phone", nil, "must be a phone number: digits, spaces and + - ( ) / . only, with 3 to 15 digits"},
		{`{` + us + `"email":"x"}`, "email", "msg_prof_email", nil, "must be an email address like reception@clinic.example"},
		{`{` + us + `"portal_url":"x"}`, "portal_url", "msg_prof_url", nil, "must be a web address starting with https:// (or http://) and a host name"},
		{`{` + us + `"time_zone":"Mars/Olympus"}`, "time_zone", "msg_prof_zone_unknown", []string{`"Mars/Olympus"`}, `unknown time zone "Mars/Olympus"; use an IANA name like Europe/London`},
		{`{` + us + `"utc_offset":"+01:00"}`, "utc_offset", "msg_prof_offset_alone", nil, "only a fallback for time_zone; set time_zone too"},
		{`{` + us + `"time_zone":"UTC","utc_offset":"1h"}`, "utc_offset", "msg_prof_offset_form", nil, "must look like +01:00"},
		{`{` + us + `"hours":{"tz":"UTC"}}`, "hours", "msg_prof_hours_zone", nil, "the time zone belongs in time_zone, not inside hours"},
		{`{` + us + `"away":{}}`, "away", "msg_prof_away_list", nil, `must be a list of {"from": "2026-08-03", "to": "2026-08-14"}`},
		{`{` + us + `"away":[{"from":"soon","to":"2026-08-01"}]}`, "away[0].from", "msg_prof_away_from", nil, "must be a date like 2026-08-03"},
		{`{` + us + `"away":[{"from":"2026-08-01","to":"later"}]}`, "away[0].to", "msg_prof_away_to", nil, "must be a date like 2026-08-14"},
		{`{` + us + `"away":[{"from":"2026-08-10","to":"2026-08-01"}]}`, "away[0].to", "msg_prof_away_order", nil, "must not be before from"},
		{`{` + us + `"hours":[]}`, "hours", "msg_hours_not_object", nil, "must be an object with week and closed"},
		{`{` + us + `"hours":{"open":true}}`, "hours", "msg_hours_unknown_field", []string{`"open"`}, `unknown field "open" (use week and closed)`},
		{`{` + us + `"hours":{"week":[]}}`, "hours.week", "msg_hours_week_object", nil, "must be an object of weekday: intervals"},
		{`{` + us + `"hours":{"week":{"someday":[]}}}`, "hours.week", "msg_hours_unknown_day", []string{`"someday"`}, `unknown weekday "someday" (use mon, tue, wed, thu, fri, sat, sun)`},
		{`{` + us + `"hours":{"week":{"fri":"08:00-12:00"}}}`, "hours.week.fri", "msg_hours_day_list", nil, `must be a list of intervals like "08:00-18:00"`},
		{`{` + us + `"hours":{"week":{"mon":["<i>8-18</i>"]}}}`, "hours.week.mon", "msg_hours_interval_form", []string{`"<i>8-18</i>"`}, `"<i>8-18</i>" must look like 08:00-18:00`},
		{`{` + us + `"hours":{"week":{"mon":["18:00-08:00"]}}}`, "hours.week.mon", "msg_hours_interval_order", []string{`"18:00-08:00"`}, `"18:00-08:00" ends before it starts; for hours past midnight write 18:00-24:00 here and 00:00-08:00 on the next day`},
		{`{` + us + `"hours":{"week":{"tue":["08:00-12:00","11:00-13:00"]}}}`, "hours.week.tue", "msg_hours_overlap", []string{"08:00-12:00", "11:00-13:00"}, "intervals overlap (08:00-12:00 and 11:00-13:00)"},
		{`{` + us + `"hours":{"closed":{}}}`, "hours.closed", "msg_hours_closed_list", nil, "must be a list of dates like 2026-12-25"},
		{`{` + us + `"hours":{"closed":["2026-12-25","Christmas"]}}`, "hours.closed", "msg_hours_closed_date", []string{"2", `"Christmas"`}, `date 2 ("Christmas") must look like 2026-12-25`},
	} {
		_, errs := ParseProfile([]byte(tc.json))
		if len(errs) == 0 {
			t.Errorf("ParseProfile(%s): no error", tc.json)
			continue
		}
		e := errs[0]
		if e.Field != tc.field || e.Key != tc.key || !reflect.DeepEqual(e.Args, tc.args) || e.Msg != tc.msg {
			t.Errorf("ParseProfile(%s):\ngot  %q %q %q %q\nwant %q %q %q %q", tc.json, e.Field, e.Key, e.Args, e.Msg, tc.field, tc.key, tc.args, tc.msg)
		}
		if got := e.Why().String(); got != tc.msg {
			t.Errorf("%s: Why() says %q, want %q", tc.key, got, tc.msg)
		}
	}
}
