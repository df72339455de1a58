package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestEval(t *testing.T) {
	dir := t.TempDir()
	f := filepath.Join(dir, "set.jsonl")
	os.WriteFile(f, []byte(strings.Join([]string{
		`{"id": "e1", "text": "my baby is not breathing and has gone blue", "label": "emergency", "source": "mine"}`,
		`{"id": "e2", "text": "lol see you at the pub", "label": "personal", "source": "mine"}`,
		`{"id": "e3", "text": "Is it safe to take ibuprofen with warfarin?", "label": "clinical", "source": "other"}`,
		`{"id": "e4", "text": "can I book an appointment for my booster?", "label": "appointment_admin", "source": "mine"}`,
	}, "\n")+"\n"), 0o644)
	var out, errb bytes.Buffer
	if code := run([]string{"eval", "--json", f}, nil, &out, &errb); code != 0 {
		t.Fatalf("exit %d: %s", code, errb.String())
	}
	var rep evalReport
	if err := json.Unmarshal(out.Bytes(), &rep); err != nil {
		t.Fatal(err)
	}
	if rep.Clinical.N != 4 || rep.Clinical.Positives != 3 {
		t.Errorf("overall n=%d positives=%d, want 4 and 3", rep.Clinical.N, rep.Clinical.Positives)
	}
	if rep.Clinical.TP != 3 || rep.Clinical.TN != 1 {
		t.Errorf("overall %+v, want all four right", rep.Clinical)
	}
	if m, ok := rep.Categories["emergency"]; !ok || m.TP != 1 {
		t.Errorf("emergency category: %+v", m)
	}
	if _, ok := rep.Sources["other"]; !ok {
		t.Errorf("no figures for source other: %v", rep.Sources)
	}
	if rep.Categories["emergency"].N != 3 {
		t.Errorf("category figures count %d messages, want the 3 with specific labels", rep.Categories["emergency"].N)
	}

	out.Reset()
	if code := run([]string{"eval", f}, nil, &out, &errb); code != 0 || !strings.Contains(out.String(), "clinical vs personal") {
		t.Errorf("text report: exit %d, %q", code, out.String())
	}
	for _, split := range []string{"test", "train"} {
		out.Reset()
		if code := run([]string{"eval", "--json", "--split", split, f}, nil, &out, &errb); code != 0 {
			t.Errorf("--split %s: exit %d", split, code)
		}
	}
	if code := run([]string{"eval", "--split", "dev", f}, nil, &out, &errb); code != 2 {
		t.Errorf("--split dev: exit %d, want 2", code)
	}
}
