// Command fmtrules rewrites rule files below the given directories into
// canonical form, or with -check lists the files that are not.
package main

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// Canonical returns the canonical form of a JSON document: two-space
// indentation, key order and string escapes as the author wrote them, and one
// trailing newline.
func Canonical(src []byte) ([]byte, error) {
	var compact bytes.Buffer
	if err := json.Compact(&compact, src); err != nil {
		return nil, err
	}
	var out bytes.Buffer
	if err := json.Indent(&out, compact.Bytes(), "", "  "); err != nil {
		return nil, err
	}
	out.WriteByte('\n')
	return out.Bytes(), nil
}

func main() {
	check := flag.Bool("check", false, "list files not in canonical form and exit 1")
	flag.Parse()
	dirs := flag.Args()
	if len(dirs) == 0 {
		dirs = []string{"rules"}
	}
	bad := 0
	for _, dir := range dirs {
		err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() || !strings.HasSuffix(p, ".json") {
				return err
			}
			src, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			out, err := Canonical(src)
			if err != nil {
				fmt.Fprintf(os.Stderr, "%s: %v\n", p, err)
				bad++
				return nil
			}
			if bytes.Equal(src, out) {
				return nil
			}
			if *check {
				fmt.Println(p)
				bad++
				return nil
			}
			return os.WriteFile(p, out, 0o644)
		})
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
	}
	if bad > 0 {
		os.Exit(1)
	}
}
