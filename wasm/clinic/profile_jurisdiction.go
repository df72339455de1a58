package clinic

import "sort"

// Jurisdiction holds what a country decides for every profile in it: the
// emergency number, the out-of-hours service and crisis line patients can
// be sent to when the practice is shut, the language replies default to,
// and the paper the handout is printed on.
//
// Which guidance applies is not here: guidance rules name their own
// jurisdiction and professions (rules/guidance), and the replies package
// reads it from there.
type Jurisdiction struct {
	Country   string
	Language  string
	Emergency string
	// EmergencyAlt is another number that also reaches the emergency
	// services (112 in GB); the handout mentions it, replies do not.
	EmergencyAlt string
	// OutOfHours is the public service for urgent, non-emergency help, by
	// language, phrased to follow "contact" or "wenden Sie sich an".
	// Empty where services are regional and the practice must name its own.
	OutOfHours map[string]string
	// OutOfHoursExcept are the professions OutOfHours does not serve: a
	// human health line is no help for a sick dog.
	OutOfHoursExcept []string
	// CrisisLine is a free line for people in emotional distress, by
	// language, phrased like OutOfHours.
	CrisisLine map[string]string
	Paper      string // "A4" or "Letter"
}

// The numbers below are public services as published by their operators.
// A practice should still confirm them in its profile: regional services
// (NHS 111 is England, Scotland and Wales; Canadian 811 lines are run by
// the provinces) may not cover every patient.
var jurisdictions = map[string]*Jurisdiction{
	"GB": {
		Country: "GB", Language: "en", Emergency: "999", EmergencyAlt: "112",
		OutOfHours: map[string]string{
			"en": "NHS 111 (call 111 or go to 111.nhs.uk)",
			"de": "NHS 111 (Telefon 111 oder 111.nhs.uk)",
		},
		OutOfHoursExcept: []string{"veterinarian"},
		CrisisLine: map[string]string{
			"en": "Samaritans on 116 123",
			"de": "die Samaritans unter 116 123",
		},
		Paper: "A4",
	},
	"IE": {
		Country: "IE", Language: "en", Emergency: "112", EmergencyAlt: "999",
		// GP out-of-hours co-operatives are regional.
		CrisisLine: map[string]string{
			"en": "Samaritans on 116 123",
			"de": "die Samaritans unter 116 123",
		},
		Paper: "A4",
	},
	"DE": {
		Country: "DE", Language: "de", Emergency: "112",
		OutOfHours: map[string]string{
			"en": "the on-call medical service on 116 117",
			"de": "den ärztlichen Bereitschaftsdienst unter 116 117",
		},
		// The dental emergency service is organised by region.
		OutOfHoursExcept: []string{"veterinarian", "dentist"},
		CrisisLine: map[string]string{
			"en": "TelefonSeelsorge on 0800 111 0 111",
			"de": "die TelefonSeelsorge unter 0800 111 0 111",
		},
		Paper: "A4",
	},
	"US": {
		Country: "US", Language: "en", Emergency: "911",
		CrisisLine: map[string]string{
			"en": "the 988 Suicide & Crisis Lifeline (call or text 988)",
			"de": "die 988 Suicide & Crisis Lifeline (Anruf oder SMS an 988)",
		},
		Paper: "Letter",
	},
	"CA": {
		Country: "CA", Language: "en", Emergency: "911",
		OutOfHours: map[string]string{
			"en": "your provincial health line on 811",
			"de": "die Gesundheitshotline Ihrer Provinz unter 811",
		},
		OutOfHoursExcept: []string{"veterinarian"},
		CrisisLine: map[string]string{
			"en": "9-8-8, the Suicide Crisis Helpline (call or text 988)",
			"de": "9-8-8, die Suicide Crisis Helpline (Anruf oder SMS an 988)",
		},
		Paper: "Letter",
	},
	"AU": {
		Country: "AU", Language: "en", Emergency: "000", EmergencyAlt: "112",
		OutOfHours: map[string]string{
			"en": "healthdirect on 1800 022 222",
			"de": "healthdirect unter 1800 022 222",
		},
		OutOfHoursExcept: []string{"veterinarian"},
		CrisisLine: map[string]string{
			"en": "Lifeline on 13 11 14",
			"de": "Lifeline unter 13 11 14",
		},
		Paper: "A4",
	},
}

// JurisdictionOf returns the data for an upper-case country code, or nil.
func JurisdictionOf(country string) *Jurisdiction { return jurisdictions[country] }

// Countries lists the supported country codes in alphabetical order.
func Countries() []string {
	out := make([]string, 0, len(jurisdictions))
	for c := range jurisdictions {
		out = append(out, c)
	}
	sort.Strings(out)
	return out
}

// jurisdictionText returns the text for lang, else the English one.
func jurisdictionText(m map[string]string, lang string) string {
	if s, ok := m[lang]; ok {
		return s
	}
	return m["en"]
}
