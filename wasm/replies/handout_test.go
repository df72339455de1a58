package replies

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestHandoutMatchesCLI: the handout the extension renders is, byte for
// byte, the one `boundary handout` writes (its golden files).
func TestHandoutMatchesCLI(t *testing.T) {
	lib := loadLib(t)
	golden := filepath.Join("..", "cmd", "boundary", "testdata", "handout")
	for name, p := range sampleProfiles(t) {
		for _, lang := range HandoutLanguages() {
			want, err := os.ReadFile(filepath.Join(golden, name+"."+lang+".html"))
			if err != nil {
				t.Fatal(err)
			}
			var b strings.Builder
			if err := lib.Handout(&b, p, lang, ""); err != nil {
				t.Fatalf("%s %s: %v", name, lang, err)
			}
			if b.String() != string(want) {
				t.Errorf("%s %s: handout differs from the CLI's golden file", name, lang)
			}
		}
	}
}

func TestHandoutJSON(t *testing.T) {
	lib := loadLib(t)
	var ok struct{ HTML, Error string }
	evil := `{"profession":"dentist","country":"DE","clinic_name":"<img src=x onerror=alert(1)>","phone":"030 1234567"}`
	if err := json.Unmarshal(lib.HandoutJSON([]byte(evil), "de"), &ok); err != nil {
		t.Fatal(err)
	}
	if ok.Error != "" || !strings.Contains(ok.HTML, "&lt;img src=x onerror=alert(1)&gt;") || strings.Contains(ok.HTML, "<img") {
		t.Errorf("handout of a hostile clinic name: error %q, escaped: %v", ok.Error, strings.Contains(ok.HTML, "&lt;img"))
	}
	if !strings.Contains(ok.HTML, `lang="de"`) || !strings.Contains(ok.HTML, "So erreichen Sie uns") {
		t.Error("German handout is not in German")
	}
	for _, tc := range []struct{ profile, lang, want string }{
		{`{"profession":"dentist"}`, "", "country: required"},
		{`not json`, "", "not valid JSON"},
		{`{"profession":"dentist","country":"DE"}`, "fr", "no handout text"},
	} {
		var bad struct {
			Error  string
			Errors []string
			HTML   string
		}
		if err := json.Unmarshal(lib.HandoutJSON([]byte(tc.profile), tc.lang), &bad); err != nil {
			t.Fatal(err)
		}
		all := bad.Error + " " + strings.Join(bad.Errors, "; ")
		if bad.HTML != "" || !strings.Contains(all, tc.want) {
			t.Errorf("HandoutJSON(%s, %q) = %+v, want an error mentioning %q", tc.profile, tc.lang, bad, tc.want)
		}
	}
}
