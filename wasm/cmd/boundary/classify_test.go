package main

import (
	"bytes"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"testing"
)

func runClassify(t *testing.T, args []string, input string) []map[string]any {
	t.Helper()
	var out, errb bytes.Buffer
	if code := run(append([]string{"classify"}, args...), strings.NewReader(input), &out, &errb); code != 0 {
		t.Fatalf("classify exited %d: %s", code, errb.String())
	}
	var res []map[string]any
	for _, line := range strings.Split(strings.TrimSuffix(out.String(), "\n"), "\n") {
		var m map[string]any
		if err := json.Unmarshal([]byte(line), &m); err != nil {
			t.Fatalf("output line is not JSON: %q", line)
		}
		res = append(res, m)
	}
	return res
}

func keys(m map[string]any) string {
	var ks []string
	for k := range m {
		ks = append(ks, k)
	}
	sort.Strings(ks)
	return strings.Join(ks, ",")
}

// TestClassifyContract: one output line per input line, in order, with
// exactly the documented fields, and bad lines reported without stopping.
func TestClassifyContract(t *testing.T) {
	long := `{"id": "big", "text": "` + strings.Repeat("a", maxLine+10) + `"}`
	input := strings.Join([]string{
		`{"id": "m1", "text": "my dad has crushing chest pain and is sweating"}`,
		`{"id": 42, "text": "haha see you at the pub later"}`,
		`not json`,
		`[1, 2]`,
		`{"id": "m5"}`,
		`{"id": "m6", "text": "hi", "sent_at": "yesterday"}`,
		long,
		``,
		`{"text": "can I book an appointment with you next week?", "request": true}`,
		`{"id": "m10", "text": "here's a pic of the rash", "attachments": 1, "sender_match": "sender matches 'Smith, Jane' in your list"}`,
	}, "\n") // no newline after the last line: it must still be read
	got := runClassify(t, nil, input)
	if len(got) != 10 {
		t.Fatalf("got %d output lines for 10 input lines", len(got))
	}
	want := []struct {
		id   any
		keys string
		cat  string
	}{
		{"m1", "category,clinical,id,reasons,score", "emergency"},
		{42.0, "category,clinical,id,reasons,score", "personal"},
		{nil, "error,id", ""},
		{nil, "error,id", ""},
		{"m5", "error,id", ""},
		{"m6", "error,id", ""},
		{nil, "error,id", ""},
		{nil, "error,id", ""},
		{nil, "category,clinical,id,reasons,score", "appointment_admin"},
		{"m10", "category,clinical,id,reasons,score", "sensitive_info"},
	}
	for i, w := range want {
		g := got[i]
		if g["id"] != w.id {
			t.Errorf("line %d: id = %v, want %v", i+1, g["id"], w.id)
		}
		if k := keys(g); k != w.keys {
			t.Errorf("line %d: fields %s, want %s (%v)", i+1, k, w.keys, g)
		}
		if w.cat != "" && g["category"] != w.cat {
			t.Errorf("line %d: category = %v, want %s (%v)", i+1, g["category"], w.cat, g["reasons"])
		}
		if s, ok := g["score"].(float64); ok && (s < 0 || s > 1) {
			t.Errorf("line %d: score %v outside 0..1", i+1, s)
		}
	}
	if got[0]["clinical"] != true || got[1]["clinical"] != false {
		t.Errorf("clinical flags: %v, %v", got[0]["clinical"], got[1]["clinical"])
	}
	reasons := strings.Join(toStrings(got[9]["reasons"]), " | ")
	if !strings.Contains(reasons, "Smith, Jane") || !strings.Contains(reasons, "1 attachment") {
		t.Errorf("reasons of m10 miss the sender match or the attachment: %s", reasons)
	}
	if r := strings.Join(toStrings(got[8]["reasons"]), " | "); !strings.Contains(r, "message request") {
		t.Errorf("reasons of a message request do not say so: %s", r)
	}
	if !strings.Contains(got[6]["error"].(string), "longer than") {
		t.Errorf("long line error = %v", got[6]["error"])
	}
}

func toStrings(v any) []string {
	var out []string
	for _, x := range v.([]any) {
		out = append(out, x.(string))
	}
	return out
}

// TestClassifyHours: the out-of-hours reason follows --hours and --tz.
func TestClassifyHours(t *testing.T) {
	msg := `{"id": "a", "text": "can I get a repeat prescription for my inhaler?", "sent_at": "2026-03-07T22:30:00Z"}` + "\n" // a Saturday
	got := runClassify(t, []string{"--tz", "Europe/London"}, msg)
	r := strings.Join(toStrings(got[0]["reasons"]), " | ")
	if !strings.Contains(r, "outside clinic hours (Mon–Fri 08:00–18:00 (Europe/London))") || !strings.Contains(r, "Sat 22:30") {
		t.Errorf("default hours, London: reasons = %s", r)
	}
	dir := t.TempDir()
	hours := filepath.Join(dir, "hours.json")
	os.WriteFile(hours, []byte(`{"tz": "Asia/Tokyo", "week": {"sun": ["07:00-12:00"]}}`), 0o644)
	got = runClassify(t, []string{"--hours", hours}, msg) // 07:30 Sunday in Tokyo
	if r := strings.Join(toStrings(got[0]["reasons"]), " | "); strings.Contains(r, "outside clinic hours") {
		t.Errorf("open on Sunday morning in Tokyo, but reasons = %s", r)
	}
	var out, errb bytes.Buffer
	if code := run([]string{"classify", "--tz", "Mars/Olympus"}, strings.NewReader(msg), &out, &errb); code != 2 {
		t.Errorf("unknown zone: exit %d, want 2", code)
	}
	os.WriteFile(hours, []byte(`{"week": {"funday": []}}`), 0o644)
	if code := run([]string{"classify", "--hours", hours}, strings.NewReader(msg), &out, &errb); code != 1 {
		t.Errorf("bad hours file: exit %d, want 1", code)
	}
}

// TestClassifyStreams runs 100,000 lines through one process and checks
// that output keeps pace with input and that memory stays flat.
func TestClassifyStreams(t *testing.T) {
	if testing.Short() {
		t.Skip("100,000 lines")
	}
	const n = 100000
	texts := []string{
		"hey are we still on for saturday?",
		"my dog ate a bar of dark chocolate, what do I do",
		"can I book in for my smear next week",
		"is it normal to still have a cough 3 weeks after covid?",
	}
	pr, pw := io.Pipe()
	go func() {
		for i := 0; i < n; i++ {
			io.WriteString(pw, `{"id": "`+strconv.Itoa(i)+`", "text": "`+texts[i%len(texts)]+`"}`+"\n")
		}
		pw.Close()
	}()
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	cw := &countingWriter{}
	if code := run([]string{"classify"}, pr, cw, io.Discard); code != 0 {
		t.Fatalf("exit %d", code)
	}
	runtime.GC()
	runtime.ReadMemStats(&after)
	if cw.lines != n {
		t.Errorf("%d output lines for %d inputs", cw.lines, n)
	}
	if grown := int64(after.HeapInuse) - int64(before.HeapInuse); grown > 8<<20 {
		t.Errorf("heap grew by %d bytes over the run", grown)
	}
}

type countingWriter struct{ lines int }

func (c *countingWriter) Write(p []byte) (int, error) {
	c.lines += bytes.Count(p, []byte{'\n'})
	return len(p), nil
}
