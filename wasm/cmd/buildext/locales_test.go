package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/boundaryhq/boundary/wasm/why"
)

type message struct {
	Message      string                       `json:"message"`
	Placeholders map[string]map[string]string `json:"placeholders"`
}

func readCatalogue(t *testing.T, lang string) map[string]message {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("..", "..", "..", "extension", "_locales", lang, "messages.json"))
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]message
	if err := json.Unmarshal(data, &m); err != nil {
		t.Fatalf("%s: %v", lang, err)
	}
	return m
}

var placeholderUse = regexp.MustCompile(`\$([A-Za-z0-9_]+)\$`)

// TestLocalesAgree: every language has every key of the default (en), with
// the same placeholders, each placeholder defined and used; and every key
// the in-page scripts ask for (t('key'), category labels) exists.
func TestLocalesAgree(t *testing.T) {
	en := readCatalogue(t, "en")
	entries, err := os.ReadDir(filepath.Join("..", "..", "..", "extension", "_locales"))
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		lang := e.Name()
		cat := readCatalogue(t, lang)
		for k, want := range en {
			got, ok := cat[k]
			if !ok {
				t.Errorf("%s: missing %q", lang, k)
				continue
			}
			if strings.TrimSpace(got.Message) == "" {
				t.Errorf("%s: %q is empty", lang, k)
			}
			if a, b := placeholders(got), placeholders(want); a != b {
				t.Errorf("%s: %q has placeholders %s, en has %s", lang, k, a, b)
			}
			for _, u := range placeholderUse.FindAllStringSubmatch(got.Message, -1) {
				if _, ok := got.Placeholders[strings.ToLower(u[1])]; !ok {
					t.Errorf("%s: %q uses undefined $%s$", lang, k, u[1])
				}
			}
		}
		for k := range cat {
			if _, ok := en[k]; !ok {
				t.Errorf("%s: %q is not in en", lang, k)
			}
		}
	}
	// Keys the scripts use.
	call := regexp.MustCompile(`\bt\('([A-Za-z_]+)'`)
	files, _ := filepath.Glob(filepath.Join("..", "..", "..", "extension", "src", "*.js"))
	more, _ := filepath.Glob(filepath.Join("..", "..", "..", "extension", "src", "features", "*.js"))
	used := 0
	for _, f := range append(files, more...) {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range call.FindAllStringSubmatch(string(data), -1) {
			used++
			if _, ok := en[m[1]]; !ok {
				t.Errorf("%s asks for %q, which en does not have", filepath.Base(f), m[1])
			}
		}
	}
	if used < 200 {
		t.Errorf("found only %d uses of t('…') in the scripts; the pattern no longer matches them", used)
	}
	// Keys the extension's own pages ask for in their markup.
	attr := regexp.MustCompile(`data-i18n="([^"]*)"|data-i18n-attr="([^"]*)"`)
	pages, _ := filepath.Glob(filepath.Join("..", "..", "..", "extension", "*.html"))
	marked := map[string]int{}
	for _, f := range pages {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range attr.FindAllStringSubmatch(string(data), -1) {
			var keys []string
			if m[1] != "" {
				keys = []string{m[1]}
			}
			for _, pair := range strings.Fields(m[2]) {
				a, k, ok := strings.Cut(pair, ":")
				if !ok || (a != "aria-label" && a != "title" && a != "placeholder") {
					t.Errorf("%s: data-i18n-attr %q must be attribute:key with aria-label, title or placeholder", filepath.Base(f), pair)
					continue
				}
				keys = append(keys, k)
			}
			for _, k := range keys {
				marked[filepath.Base(f)]++
				if _, ok := en[k]; !ok {
					t.Errorf("%s asks for %q, which en does not have", filepath.Base(f), k)
				}
			}
		}
	}
	for _, page := range []string{"popup.html", "options.html", "report.html", "handout.html"} {
		if marked[page] < 3 {
			t.Errorf("%s has %d data-i18n keys; its wording is not in the catalogues", page, marked[page])
		}
	}
	for _, c := range []string{"emergency", "medical_question", "appointment_admin", "complaint", "sensitive_info", "personal"} {
		if _, ok := en["cat_"+c]; !ok {
			t.Errorf("no label for category %s", c)
		}
	}
}

func placeholders(m message) string {
	var ks []string
	for k, v := range m.Placeholders {
		ks = append(ks, k+"="+v["content"])
	}
	sort.Strings(ks)
	return strings.Join(ks, ",")
}

// TestReasonsInCatalogue: every reason the core gives (package why) is in
// every catalogue, and the English catalogue says exactly what the CLI
// prints, so the browser in English and the CLI cannot drift apart.
func TestReasonsInCatalogue(t *testing.T) {
	en := readCatalogue(t, "en")
	de := readCatalogue(t, "de")
	if len(why.English) < 40 {
		t.Fatalf("why.English has %d keys", len(why.English))
	}
	for k, want := range why.English {
		m, ok := en[k]
		if !ok {
			t.Errorf("en: no message for reason %q", k)
			continue
		}
		if got := resolve(m); got != want {
			t.Errorf("en: %q is %q, the core's English is %q", k, got, want)
		}
		if _, ok := de[k]; !ok {
			t.Errorf("de: no message for reason %q", k)
		}
	}
	for k := range en {
		if strings.HasPrefix(k, "why_") && k != "why" || strings.HasPrefix(k, "msg_") {
			if _, ok := why.English[k]; !ok {
				t.Errorf("en: %q is not a reason or message the core gives", k)
			}
		}
	}
}

// TestSyncErrorsInCatalogue: the policy sync's errors, which the service
// worker names by key ('syncErr_…') beside their English, are in every
// catalogue, and every such key in the catalogue is one a script names.
func TestSyncErrorsInCatalogue(t *testing.T) {
	en := readCatalogue(t, "en")
	de := readCatalogue(t, "de")
	named := regexp.MustCompile(`'(syncErr_[A-Za-z0-9]+)'`)
	files, _ := filepath.Glob(filepath.Join("..", "..", "..", "extension", "src", "*.js"))
	used := map[string]bool{}
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range named.FindAllStringSubmatch(string(data), -1) {
			used[m[1]] = true
			if _, ok := en[m[1]]; !ok {
				t.Errorf("%s names %q, which en does not have", filepath.Base(f), m[1])
			}
			if _, ok := de[m[1]]; !ok {
				t.Errorf("%s names %q, which de does not have", filepath.Base(f), m[1])
			}
		}
	}
	if len(used) < 15 {
		t.Errorf("found only %d sync error keys in the scripts", len(used))
	}
	// Where a script gives a key beside its English, the English catalogue
	// says exactly that English (${…} in it being $1, $2, … in order), so
	// the English pages read as before.
	given := regexp.MustCompile("(?:SyncError|refused)\\('(syncErr_[A-Za-z0-9]+)', ('[^']*'|`[^`]*`)")
	subst := regexp.MustCompile(`\$\{[^}]*\}`)
	data, err := os.ReadFile(filepath.Join("..", "..", "..", "extension", "src", "sw-policy.js"))
	if err != nil {
		t.Fatal(err)
	}
	pairs := given.FindAllStringSubmatch(string(data), -1)
	if len(pairs) < 15 {
		t.Errorf("found only %d sync errors with their English in sw-policy.js", len(pairs))
	}
	for _, m := range pairs {
		n := 0
		want := subst.ReplaceAllStringFunc(m[2][1:len(m[2])-1], func(string) string { n++; return "$" + string(rune('0'+n)) })
		if got := resolve(en[m[1]]); got != want {
			t.Errorf("en: %q is %q, sw-policy.js says %q", m[1], got, want)
		}
	}
	for k := range en {
		if strings.HasPrefix(k, "syncErr_") && !used[k] {
			t.Errorf("en: %q is named by no script", k)
		}
	}
}

// resolve writes a message's named placeholders back as $1…$9.
func resolve(m message) string {
	return placeholderUse.ReplaceAllStringFunc(m.Message, func(s string) string {
		if p, ok := m.Placeholders[strings.ToLower(s[1:len(s)-1])]; ok {
			return p["content"]
		}
		return s
	})
}
