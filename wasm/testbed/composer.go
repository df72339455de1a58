package testbed

import (
	"net/http"
	"os"
	"path/filepath"
)

// The Messenger composer on the thread pages and in the docked chat
// windows is the real Lexical editor: extension/test/composer bundled by
// scripts/build-testbed-composer into out/testbed-static/composer.js. It
// keeps its own model of the text, reverts DOM edits that did not come
// through input events, and re-renders from the model, as Facebook's does.
// The bundle is built from npm packages, so it is read from disk rather
// than embedded: the Go build must not depend on node_modules.
const pathComposerJS = "/rsrc.php/v4/composer.js"

// ComposerEnv names the environment variable that points at the bundle
// when it is not at out/testbed-static/composer.js beside the binary's
// build/ directory or the working directory.
const ComposerEnv = "TESTBED_COMPOSER_JS"

// composerPath finds the bundle; looked up on each request, so a rebuilt
// bundle is served without restarting the testbed.
func composerPath() string {
	if p := os.Getenv(ComposerEnv); p != "" {
		return p
	}
	rel := filepath.Join("out", "testbed-static", "composer.js")
	var tries []string
	if exe, err := os.Executable(); err == nil {
		tries = append(tries, filepath.Join(filepath.Dir(exe), "..", rel))
	}
	if wd, err := os.Getwd(); err == nil {
		for d := wd; ; d = filepath.Dir(d) {
			tries = append(tries, filepath.Join(d, rel))
			if filepath.Dir(d) == d {
				break
			}
		}
	}
	for _, p := range tries {
		if _, err := os.Stat(p); err == nil {
			return p
		}
	}
	return ""
}

// serveComposer answers the bundle's path and reports whether it did.
func serveComposer(w http.ResponseWriter, r *http.Request) bool {
	if r.URL.Path != pathComposerJS {
		return false
	}
	p := composerPath()
	body, err := os.ReadFile(p)
	if p == "" || err != nil {
		http.Error(w, "testbed: the Lexical composer bundle is not built; run scripts/build-testbed-composer (or set "+ComposerEnv+")", http.StatusNotFound)
		return true
	}
	writeStatic(w, "application/javascript; charset=utf-8", body)
	return true
}

// composerScript is the script tag that turns the page's message boxes
// into Lexical editors: on thread pages and on pages with chat windows.
// Same origin, so the strict-CSP variant's script-src 'self' allows it, as
// the real site's policy allows its own scripts.
func (pg *pageBuilder) composerScript() *node {
	if pg.route != "messages" && pg.dock == nil {
		return nil
	}
	return el("script", a("src", pathComposerJS, "defer", "", "nonce", pg.rq.nonce, "crossorigin", "anonymous", "data-btmanifest", "1017530417_composer"))
}
