package triage

import (
	"slices"
	"testing"
)

func TestFeatureCues(t *testing.T) {
	for _, c := range []struct {
		text     string
		has, not []string
	}{
		{"is it normal that my neurosyphilis came back?", []string{"cue:question", "is it", "~neur", "neurosyphilis"}, []string{"cue:asks nothing"}},
		{"Papa's op went well, he's already moaning about the food", []string{"cue:asks nothing", "op"}, []string{"cue:question"}},
		{"can you have a look at my rash", []string{"can you", "rash", "my rash"}, []string{"cue:asks nothing", "cue:question"}},
		{"I need some advice about my hip", []string{"advice"}, []string{"cue:asks nothing"}},
		{"Kann ich morgen vorbeikommen", []string{"kann ich"}, []string{"cue:asks nothing", "morgen"}},
		{"we went to the match", []string{"cue:asks nothing"}, []string{"to the", "cue:question"}},
		{"Schilddrüsenunterfunktion", []string{"schilddruesenunterfunktion"}, nil},
	} {
		fs := Features(c.text)
		for _, f := range c.has {
			if !slices.Contains(fs, f) {
				t.Errorf("%q: no feature %q in %q", c.text, f, fs)
			}
		}
		for _, f := range c.not {
			if slices.Contains(fs, f) {
				t.Errorf("%q: unexpected feature %q in %q", c.text, f, fs)
			}
		}
	}
}

func TestMedicalRoot(t *testing.T) {
	for w, want := range map[string]string{
		"neurosyphilis":   "~neur", // the first root in list order wins
		"osteoarthritis":  "~oste",
		"dermatologist":   "~derm",
		"schwangerschaft": "~schwanger",
		"tomorrow":        "",
		"scan":            "", // too short to look inside
		"wonderful":       "",
	} {
		if got := medicalRoot(w); got != want {
			t.Errorf("medicalRoot(%q) = %q, want %q", w, got, want)
		}
	}
}
