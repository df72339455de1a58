package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"
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
	if used < 30 {
		t.Errorf("found only %d uses of t('…') in the scripts; the pattern no longer matches them", used)
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
