// Command buildext assembles the unpacked extension from manifest.json,
// extension/ and a built core.wasm: dist/chrome and dist/firefox (one base
// manifest, a small patch for Firefox), icons drawn here, and a zip of each
// for the stores. Test code, node_modules and dev files never ship.
package main

import (
	"archive/zip"
	"encoding/json"
	"flag"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// shipped lists what goes into the package, relative to extension/.
var shipped = []string{"src", "_locales", "options.html", "popup.html", "offscreen.html", "report.html", "handout.html"}

// notShipped are files under shipped directories that stay behind.
func notShipped(rel string) bool {
	return strings.Contains(rel, "node_modules") || strings.HasSuffix(rel, ".test.mjs") || strings.HasPrefix(filepath.Base(rel), ".")
}

func main() {
	root := flag.String("root", ".", "repository root")
	out := flag.String("out", "dist", "output directory")
	wasm := flag.String("wasm", "", "built core.wasm")
	wasmExec := flag.String("wasm-exec", "", "wasm_exec.js matching the Go that built core.wasm")
	flag.Parse()
	if *wasm == "" || *wasmExec == "" {
		fmt.Fprintln(os.Stderr, "usage: buildext -wasm core.wasm -wasm-exec wasm_exec.js [-root .] [-out dist]")
		os.Exit(2)
	}
	if err := build(*root, *out, *wasm, *wasmExec); err != nil {
		fmt.Fprintln(os.Stderr, "buildext:", err)
		os.Exit(1)
	}
}

func build(root, out, wasm, wasmExec string) error {
	var manifest map[string]any
	data, err := os.ReadFile(filepath.Join(root, "manifest.json"))
	if err != nil {
		return err
	}
	if err := json.Unmarshal(data, &manifest); err != nil {
		return fmt.Errorf("manifest.json: %w", err)
	}
	for _, target := range []string{"chrome", "firefox"} {
		dir := filepath.Join(out, target)
		if err := os.RemoveAll(dir); err != nil {
			return err
		}
		for _, s := range shipped {
			if err := copyTree(filepath.Join(root, "extension", s), filepath.Join(dir, s)); err != nil {
				return err
			}
		}
		if err := copyFile(wasm, filepath.Join(dir, "core.wasm")); err != nil {
			return err
		}
		if err := copyFile(wasmExec, filepath.Join(dir, "wasm_exec.js")); err != nil {
			return err
		}
		if err := writeIcons(filepath.Join(dir, "icons")); err != nil {
			return err
		}
		m := patch(manifest, target)
		mj, _ := json.MarshalIndent(m, "", "  ")
		if err := os.WriteFile(filepath.Join(dir, "manifest.json"), append(mj, '\n'), 0o644); err != nil {
			return err
		}
		version, _ := m["version"].(string)
		if err := zipDir(dir, filepath.Join(out, "boundary-"+target+"-"+version+".zip")); err != nil {
			return err
		}
	}
	return nil
}

// patch derives a browser's manifest from the base (Chrome) one. Firefox has
// no offscreen documents and runs background pages instead of service
// workers; its background page can parse markup itself, so it loads the Go
// runtime and the DOM helpers that offscreen.html loads in Chrome, and
// src/offscreen-link.js runs the core there.
func patch(base map[string]any, target string) map[string]any {
	m := map[string]any{}
	for k, v := range base {
		m[k] = v
	}
	if target != "firefox" {
		return m
	}
	m["background"] = map[string]any{"scripts": []string{"wasm_exec.js", "src/sw.js"}, "type": "module"}
	perms := []any{}
	for _, p := range base["permissions"].([]any) {
		if p != "offscreen" {
			perms = append(perms, p)
		}
	}
	m["permissions"] = perms
	delete(m, "minimum_chrome_version")
	m["browser_specific_settings"] = map[string]any{"gecko": map[string]any{"id": "boundary@boundaryhq.example", "strict_min_version": "128.0"}}
	var wars []any
	for _, w := range base["web_accessible_resources"].([]any) {
		ww := map[string]any{}
		for k, v := range w.(map[string]any) {
			if k != "use_dynamic_url" {
				ww[k] = v
			}
		}
		wars = append(wars, ww)
	}
	m["web_accessible_resources"] = wars
	return m
}

func copyTree(src, dst string) error {
	info, err := os.Stat(src)
	if err != nil {
		return err
	}
	if !info.IsDir() {
		return copyFile(src, dst)
	}
	return filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		if rel != "." && notShipped(rel) {
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		if d.IsDir() {
			return nil
		}
		return copyFile(p, filepath.Join(dst, rel))
	})
}

func copyFile(src, dst string) error {
	if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
		return err
	}
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	outF, err := os.Create(dst)
	if err != nil {
		return err
	}
	if _, err := io.Copy(outF, in); err != nil {
		outF.Close()
		return err
	}
	return outF.Close()
}

// writeIcons draws the toolbar icon: a teal rounded square with a white
// bar across it, a boundary line.
func writeIcons(dir string) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	teal := color.RGBA{0x0f, 0x76, 0x6e, 0xff}
	for _, size := range []int{16, 32, 48, 128} {
		img := image.NewRGBA(image.Rect(0, 0, size, size))
		r := float64(size) / 5
		for y := 0; y < size; y++ {
			for x := 0; x < size; x++ {
				if !inRounded(float64(x)+0.5, float64(y)+0.5, float64(size), r) {
					continue
				}
				c := teal
				if y >= size*9/20 && y < size*11/20 && x >= size/5 && x < size*4/5 {
					c = color.RGBA{0xff, 0xff, 0xff, 0xff}
				}
				img.Set(x, y, c)
			}
		}
		f, err := os.Create(filepath.Join(dir, fmt.Sprintf("%d.png", size)))
		if err != nil {
			return err
		}
		if err := png.Encode(f, img); err != nil {
			f.Close()
			return err
		}
		if err := f.Close(); err != nil {
			return err
		}
	}
	return nil
}

func inRounded(x, y, size, r float64) bool {
	cx := clamp(x, r, size-r)
	cy := clamp(y, r, size-r)
	return (x-cx)*(x-cx)+(y-cy)*(y-cy) <= r*r
}

func clamp(v, lo, hi float64) float64 {
	if v < lo {
		return lo
	}
	if v > hi {
		return hi
	}
	return v
}

// zipDir writes a store-ready zip with files in a stable order.
func zipDir(dir, dst string) error {
	var files []string
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			files = append(files, p)
		}
		return err
	})
	if err != nil {
		return err
	}
	sort.Strings(files)
	f, err := os.Create(dst)
	if err != nil {
		return err
	}
	zw := zip.NewWriter(f)
	for _, p := range files {
		rel, _ := filepath.Rel(dir, p)
		w, err := zw.Create(filepath.ToSlash(rel))
		if err != nil {
			return err
		}
		in, err := os.Open(p)
		if err != nil {
			return err
		}
		_, err = io.Copy(w, in)
		in.Close()
		if err != nil {
			return err
		}
	}
	if err := zw.Close(); err != nil {
		return err
	}
	return f.Close()
}
