package main

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// The -update flag may already be defined by another test file of this
// package; define it only if not, and read it by name.
func init() {
	if flag.Lookup("update") == nil {
		flag.Bool("update", false, "rewrite golden files")
	}
}

func replyGoldenUpdate() bool {
	f := flag.Lookup("update")
	return f != nil && f.Value.String() == "true"
}

// replySamples are the sample profiles, one per profession.
const replySamples = "../../replies/testdata/profiles"

func replyRun(args ...string) (code int, stdout, stderr string) {
	var out, errb bytes.Buffer
	code = run(args, strings.NewReader(""), &out, &errb)
	return code, out.String(), errb.String()
}

func replyGolden(t *testing.T, path, got string) {
	t.Helper()
	if replyGoldenUpdate() {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if got != string(want) {
		t.Errorf("%s differs (run go test -update to accept):\n--- got\n%s", path, got)
	}
}

// TestReplyGolden prints the best reply for every situation and sample
// profile, as the CLI prints it, into one golden file per profile.
func TestReplyGolden(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join(replySamples, "*.json"))
	if len(files) == 0 {
		t.Fatal("no sample profiles")
	}
	code, list, _ := replyRun("reply", "--list")
	if code != 0 {
		t.Fatalf("reply --list exited %d", code)
	}
	replyGolden(t, "testdata/reply/list.txt", list)
	var situations []string
	for _, l := range strings.Split(list, "\n") {
		if strings.HasPrefix(l, "  ") {
			situations = append(situations, strings.Fields(l)[0])
		}
	}
	if len(situations) != 9 {
		t.Fatalf("reply --list shows %d situations, want 9", len(situations))
	}
	for _, f := range files {
		name := strings.TrimSuffix(filepath.Base(f), ".json")
		var b strings.Builder
		for _, s := range situations {
			code, out, errs := replyRun("reply", "--situation", s, "--profile", f, "--first-name", "Sam")
			if code != 0 {
				t.Errorf("%s %s: exit %d: %s", name, s, code, errs)
			}
			b.WriteString("$ boundary reply --situation " + s + " --first-name Sam\n" + out + errs + "\n")
		}
		replyGolden(t, filepath.Join("testdata", "reply", name+".txt"), b.String())
	}
}

func TestReplyErrors(t *testing.T) {
	dir := t.TempDir()
	write := func(name, body string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	bare := write("bare.json", `{"profession": "nurse", "country": "IE"}`)
	broken := write("broken.json", `{"profession": "nurse", "country": "IE", "phone": "ring me", "portal_url": "www.x.example"}`)
	gb := filepath.Join(replySamples, "physician-gb.json")
	for _, tc := range []struct {
		args     []string
		code     int
		stderr   []string // each must appear
		stdout   string   // must appear
		noStdout bool
	}{
		{args: []string{"reply", "--situation", "complaint", "--profile", bare}, code: 1, noStdout: true,
			stderr: []string{"no complaint reply can be filled", "complaint.all.en needs clinic_name, complaints_url", "complaint.all.contact.en needs clinic_name and one of phone, email"}},
		{args: []string{"reply", "--situation", "after_hours", "--profile", broken}, code: 1, noStdout: true,
			stderr: []string{"phone: must be a phone number", "portal_url: must be a web address"}},
		{args: []string{"reply", "--situation", "small_talk", "--profile", gb}, code: 2, stderr: []string{"unknown situation \"small_talk\""}},
		{args: []string{"reply", "--situation", "emergency", "--profile", gb, "--profession", "surgeon"}, code: 2, stderr: []string{"unknown profession"}},
		{args: []string{"reply", "--situation", "emergency", "--profile", gb, "--lang", "fr"}, code: 2, stderr: []string{"no templates in \"fr\""}},
		{args: []string{"reply", "--profile", gb}, code: 2, stderr: []string{"usage:"}},
		{args: []string{"reply", "--situation", "emergency", "--profile", filepath.Join(dir, "missing.json")}, code: 1, stderr: []string{"no such file"}},
		// --profession answers as a vet from a doctor's profile.
		{args: []string{"reply", "--situation", "emergency", "--profile", gb, "--profession", "veterinarian"}, code: 0, stdout: "If your pet needs emergency care"},
		{args: []string{"reply", "--situation", "emergency", "--profile", gb, "--lang", "de"}, code: 0, stdout: "rufen Sie bitte sofort die 999 an"},
		{args: []string{"reply", "--situation", "decline_friend_request", "--profile", filepath.Join(replySamples, "physician-us-minimal.json"), "--all"}, code: 0, stdout: "--- decline_friend_request.all.contact.en\n"},
	} {
		code, out, errs := replyRun(tc.args...)
		if code != tc.code {
			t.Errorf("%v: exit %d, want %d\nstderr: %s", tc.args, code, tc.code, errs)
		}
		for _, s := range tc.stderr {
			if !strings.Contains(errs, s) {
				t.Errorf("%v: stderr does not mention %q:\n%s", tc.args, s, errs)
			}
		}
		if tc.stdout != "" && !strings.Contains(out, tc.stdout) {
			t.Errorf("%v: stdout does not contain %q:\n%s", tc.args, tc.stdout, out)
		}
		if tc.noStdout && out != "" {
			t.Errorf("%v: printed a reply despite failing:\n%s", tc.args, out)
		}
	}
}
