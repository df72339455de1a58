package triage

import (
	"bufio"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"
)

type labelled struct {
	ID, Text, Label, Source, Lang, Profession string
}

// readCorpus reads our own labelled messages in testdata/corpus.
func readCorpus(t testing.TB) []labelled {
	t.Helper()
	files, _ := filepath.Glob("testdata/corpus/*.jsonl")
	if len(files) == 0 {
		t.Fatal("no testdata/corpus/*.jsonl")
	}
	var out []labelled
	for _, f := range files {
		out = append(out, readJSONL(t, f)...)
	}
	return out
}

func readJSONL(t testing.TB, name string) []labelled {
	t.Helper()
	f, err := os.Open(name)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []labelled
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<20)
	for n := 1; sc.Scan(); n++ {
		var m labelled
		if err := json.Unmarshal(sc.Bytes(), &m); err != nil {
			t.Fatalf("%s:%d: %v", name, n, err)
		}
		out = append(out, m)
	}
	return out
}
