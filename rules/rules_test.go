package rules

import (
	"bytes"
	"encoding/json"
	"io/fs"
	"strings"
	"testing"

	"github.com/boundaryhq/boundary/wasm/rulepack"
)

// TestPackIsValid is the meta-test: every rule file parses, carries the
// shared header, has positive and negative examples, a unique id equal to
// its file name, and cites only guidance that exists. Each kind's own
// package runs the examples.
func TestPackIsValid(t *testing.T) {
	p, err := rulepack.Load(FS, ".")
	if err != nil {
		t.Fatalf("rule pack does not validate:\n%v", err)
	}
	if len(p.Rules) == 0 {
		t.Fatal("rule pack is empty")
	}
}

// TestCanonicalForm keeps rule files diff-friendly: format(parse(x)) == x.
func TestCanonicalForm(t *testing.T) {
	n := 0
	fs.WalkDir(FS, ".", func(name string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(name, ".json") {
			return err
		}
		n++
		src, _ := fs.ReadFile(FS, name)
		var compact, out bytes.Buffer
		if err := json.Compact(&compact, src); err != nil {
			t.Errorf("%s: %v", name, err)
			return nil
		}
		json.Indent(&out, compact.Bytes(), "", "  ")
		out.WriteByte('\n')
		if !bytes.Equal(src, out.Bytes()) {
			t.Errorf("%s: not in canonical form; run scripts/fmt-rules", name)
		}
		return nil
	})
	if n == 0 {
		t.Fatal("no rule files found")
	}
}
