package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/boundaryhq/boundary/wasm/testbed/privacy"
)

func runCmd(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errb bytes.Buffer
	code = run(args, strings.NewReader(""), &out, &errb)
	return code, out.String(), errb.String()
}

func savePage(t *testing.T, path string) string {
	t.Helper()
	body, err := privacy.Render(path)
	if err != nil {
		t.Fatal(err)
	}
	f := filepath.Join(t.TempDir(), "page.html")
	if err := os.WriteFile(f, body, 0o644); err != nil {
		t.Fatal(err)
	}
	return f
}

type pageJSON struct {
	Page   string `json:"page"`
	Checks []struct {
		ID, Status, Value, Severity, Fix string
	} `json:"checks"`
}

func TestAuditCommand(t *testing.T) {
	f := savePage(t, "/settings?tab=privacy&state=public&locale=de_DE")
	code, out, errs := runCmd(t, "audit", "--url", "https://www.facebook.com/settings?tab=privacy&section=composer", f)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	var got pageJSON
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatalf("%v: %s", err, out)
	}
	if got.Page != "settings_privacy" || len(got.Checks) != 6 {
		t.Errorf("page %s with %d checks, want settings_privacy with 6", got.Page, len(got.Checks))
	}
	for _, c := range got.Checks {
		if c.Status != "risk" || c.Value == "" || c.Severity == "" || !strings.Contains(c.Fix, "https://www.facebook.com/") {
			t.Errorf("check %+v: want a risk with value, severity and fix", c)
		}
	}

	// A page no check reads.
	code, out, _ = runCmd(t, "audit", "--url", "https://www.facebook.com/marketplace/", f)
	if code != 0 || strings.TrimSpace(out) != `{"page":"unknown","url":"https://www.facebook.com/marketplace/","lang":"de","checks":[]}` {
		t.Errorf("unknown page: exit %d, %s", code, out)
	}

	// Unreadable file.
	code, _, errs = runCmd(t, "audit", "--url", "https://www.facebook.com/me", filepath.Join(t.TempDir(), "missing.html"))
	if code == 0 || !strings.Contains(errs, "missing.html") {
		t.Errorf("missing file: exit %d, stderr %q", code, errs)
	}
	empty := filepath.Join(t.TempDir(), "empty.html")
	os.WriteFile(empty, []byte("no markup here"), 0o644)
	if code, _, errs = runCmd(t, "audit", "--url", "https://www.facebook.com/me", empty); code == 0 || errs == "" {
		t.Errorf("not HTML: exit %d, stderr %q", code, errs)
	}
	if code, _, _ = runCmd(t, "audit", f); code != 2 {
		t.Errorf("no --url: exit %d, want 2", code)
	}

	// Several pages merge into one report, optionally as HTML.
	g := savePage(t, "/groups/joins/?state=public")
	h := filepath.Join(t.TempDir(), "report.html")
	code, out, errs = runCmd(t, "audit", "--url", "https://www.facebook.com/settings?tab=privacy", f, "--url", "https://www.facebook.com/groups/joins/", g, "--html", h)
	if code != 0 {
		t.Fatalf("merge: exit %d: %s", code, errs)
	}
	var rep struct {
		Score, Risk, Unknown int
		Checks               []json.RawMessage
	}
	if err := json.Unmarshal([]byte(out), &rep); err != nil || len(rep.Checks) != 20 || rep.Risk != 7 || rep.Score != 0 {
		t.Errorf("merged report: %v %+v", err, rep)
	}
	if b, err := os.ReadFile(h); err != nil || !bytes.Contains(b, []byte("community_groups")) {
		t.Errorf("HTML report not written: %v", err)
	}
}

func writeFiles(t *testing.T, files map[string]string) string {
	dir := t.TempDir()
	for name, body := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func TestExportAuditCommand(t *testing.T) {
	export := writeFiles(t, map[string]string{
		"connections/friends/your_friends.json":                             `{"friends_v2":[{"name":"Jos\u00c3\u00a9 N\u00c3\u00ba\u00c3\u00b1ez","timestamp":1500000000},{"name":"Robin Friend","timestamp":1500000001}]}`,
		"your_facebook_activity/groups/your_group_membership_activity.json": `{"groups_joined_v2":[{"timestamp":1,"data":[{"name":"Ortsgruppe Musterstadt"}]}]}`,
		"your_facebook_activity/messages/inbox/jose_1/message_1.json":       `{"participants":[{"name":"Jos\u00c3\u00a9 N\u00c3\u00ba\u00c3\u00b1ez"},{"name":"Sam Taylor"}],"messages":[{"sender_name":"Jos\u00c3\u00a9 N\u00c3\u00ba\u00c3\u00b1ez","timestamp_ms":1700000000000,"content":"Doctor, I have had chest pain since last night and my left arm feels numb, what should I take?","type":"Generic"}],"title":"Jos\u00c3\u00a9 N\u00c3\u00ba\u00c3\u00b1ez"}`,
	})
	csv := filepath.Join(t.TempDir(), "patients.csv")
	os.WriteFile(csv, []byte("Last Name,First Name,Date of Birth\nNúñez,José,1980-01-01\nDoe,Chris,1975-05-05\n"), 0o644)
	h := filepath.Join(t.TempDir(), "out.html")
	code, out, errs := runCmd(t, "export-audit", export, "--patients", csv, "--html", h)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	var rep struct {
		Layout   string
		Findings []struct{ ID, Kind, Name, Patient string }
	}
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatalf("%v: %s", err, out)
	}
	kinds := map[string]bool{}
	for _, f := range rep.Findings {
		kinds[f.Kind] = true
		if f.ID == "" {
			t.Errorf("finding without id: %+v", f)
		}
	}
	for _, k := range []string{"friend_is_patient", "community_group", "clinical_thread_from_patient"} {
		if !kinds[k] {
			t.Errorf("no %s finding in %s", k, out)
		}
	}
	if rep.Layout != "2023+" {
		t.Errorf("layout %q", rep.Layout)
	}
	if b, err := os.ReadFile(h); err != nil || !bytes.Contains(b, []byte("José Núñez")) {
		t.Errorf("HTML report: %v", err)
	}

	htmlExport := writeFiles(t, map[string]string{"html/messages.htm": "<html></html>"})
	if code, _, errs = runCmd(t, "export-audit", htmlExport); code == 0 || !strings.Contains(errs, "re-download in JSON format") {
		t.Errorf("HTML export: exit %d, stderr %q", code, errs)
	}
	unknown := writeFiles(t, map[string]string{"notes.json": "{}"})
	if code, _, errs = runCmd(t, "export-audit", unknown); code == 0 || !strings.Contains(errs, "unknown export layout") {
		t.Errorf("unknown layout: exit %d, stderr %q", code, errs)
	}
	if code, _, _ = runCmd(t, "export-audit"); code != 2 {
		t.Errorf("no path: exit %d, want 2", code)
	}
}
