package main

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

func TestHandoutGolden(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join(replySamples, "*.json"))
	if len(files) == 0 {
		t.Fatal("no sample profiles")
	}
	for _, f := range files {
		name := strings.TrimSuffix(filepath.Base(f), ".json")
		for _, lang := range []string{"en", "de"} {
			code, out, errs := replyRun("handout", "--profile", f, "--lang", lang)
			if code != 0 {
				t.Errorf("%s %s: exit %d: %s", name, lang, code, errs)
				continue
			}
			checkSelfContained(t, name+"."+lang, out)
			replyGolden(t, filepath.Join("testdata", "handout", name+"."+lang+".html"), out)
		}
	}
}

// checkSelfContained fails on anything a printed notice would have to
// fetch, and on script: such tags and attributes in the markup, and
// imports or url() in the page's style sheet.
func checkSelfContained(t *testing.T, name, html string) {
	t.Helper()
	if m := handoutFetching.FindString(html); m != "" {
		t.Errorf("%s: handout would load something: %q", name, m)
	}
	if css := handoutStyle.FindString(html); strings.Contains(css, "url(") || strings.Contains(css, "@import") {
		t.Errorf("%s: style sheet loads resources", name)
	}
	for _, want := range []string{"<!DOCTYPE html>", `<meta charset="utf-8">`, "@page { size: ", "default-src 'none'"} {
		if !strings.Contains(html, want) {
			t.Errorf("%s: handout lacks %q", name, want)
		}
	}
}

var (
	handoutFetching = regexp.MustCompile(`(?i)<(script|link|img|iframe|object|embed|video|audio|source|base)\b|<[^>]*\s(src|srcset|background)=`)
	handoutStyle    = regexp.MustCompile(`(?s)<style>.*?</style>`)
)

func TestHandoutEscapesProfileValues(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "evil.json")
	body := `{"profession": "therapist", "country": "US",
		"clinic_name": "<script>alert(1)</script> & \"Co\"",
		"sign_off": "<img src=x onerror=alert(2)>",
		"out_of_hours": "</p><b>bold</b>",
		"crisis_line": "<style>body{display:none}</style>",
		"email": "a@b.example",
		"portal_url": "https://x.example/?q=1&r='2'"}`
	if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
	code, out, errs := replyRun("handout", "--profile", p)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	checkSelfContained(t, "evil", out)
	for _, bad := range []string{"<script>", "<b>bold", "<style>body", "onerror=alert(2)>", "r='2'"} {
		if strings.Contains(out, bad) {
			t.Errorf("profile value reached the page unescaped: %q", bad)
		}
	}
	for _, want := range []string{"&lt;script&gt;alert(1)&lt;/script&gt; &amp; &#34;Co&#34;", "&lt;b&gt;bold&lt;/b&gt;", "https://x.example/?q=1&amp;r=&#39;2&#39;"} {
		if !strings.Contains(out, want) {
			t.Errorf("escaped value %q missing", want)
		}
	}
	// Exactly one <style> element: the page's own.
	if n := len(regexp.MustCompile(`<style`).FindAllString(out, -1)); n != 1 {
		t.Errorf("%d <style> elements, want 1", n)
	}
}

func TestHandoutOptions(t *testing.T) {
	gb := filepath.Join(replySamples, "physician-gb.json")
	us := filepath.Join(replySamples, "therapist-us.json")
	for _, tc := range []struct {
		args []string
		code int
		want string
	}{
		{[]string{"handout", "--profile", gb}, 0, "@page { size: A4;"},
		{[]string{"handout", "--profile", us}, 0, "@page { size: Letter;"},
		{[]string{"handout", "--profile", gb, "--paper", "letter"}, 0, "@page { size: Letter;"},
		{[]string{"handout", "--profile", us}, 0, "the 988 Suicide &amp; Crisis Lifeline"},
		{[]string{"handout", "--profile", gb}, 0, "GMC: Doctors&#39; use of social media"},
		{[]string{"handout", "--profile", filepath.Join(replySamples, "veterinarian-gb.json")}, 0, "If your pet needs emergency care, call us on 01632 960123."},
		{[]string{"handout", "--profile", gb, "--paper", "a5"}, 2, ""},
		{[]string{"handout", "--profile", gb, "--lang", "fr"}, 2, ""},
		{[]string{"handout"}, 2, ""},
	} {
		code, out, errs := replyRun(tc.args...)
		if code != tc.code {
			t.Errorf("%v: exit %d, want %d: %s", tc.args, code, tc.code, errs)
		}
		if !strings.Contains(out, tc.want) {
			t.Errorf("%v: output lacks %q", tc.args, tc.want)
		}
	}
}
