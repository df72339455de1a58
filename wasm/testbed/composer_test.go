package testbed

import (
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestComposerBundleIsServedAndLoaded(t *testing.T) {
	bundle := filepath.Join(t.TempDir(), "composer.js")
	if err := os.WriteFile(bundle, []byte("/* lexical composer */"), 0o644); err != nil {
		t.Fatal(err)
	}
	t.Setenv(ComposerEnv, bundle)
	h := New(Options{})
	get := func(u string) (int, string, http.Header) {
		w := httptest.NewRecorder()
		h.ServeHTTP(w, httptest.NewRequest(http.MethodGet, u, nil))
		b, _ := io.ReadAll(w.Result().Body)
		return w.Code, string(b), w.Result().Header
	}
	for _, host := range []string{"www.facebook.com", "www.messenger.com"} {
		code, body, hdr := get("https://" + host + pathComposerJS)
		if code != 200 || body != "/* lexical composer */" || !strings.HasPrefix(hdr.Get("Content-Type"), "application/javascript") {
			t.Errorf("%s: %d %q %v", host, code, body, hdr)
		}
	}
	tag := `src="` + pathComposerJS + `"`
	for u, want := range map[string]bool{
		"https://www.facebook.com/messages/t/100035903025108/":            true,
		"https://www.facebook.com/messages/t/100035903025108/?csp=strict": true,
		"https://www.messenger.com/t/100035903025108/":                    true,
		"https://www.facebook.com/":                                       true, // chat windows
		"https://www.facebook.com/friends/requests/":                      true,
		"https://www.facebook.com/nope/":                                  false,
	} {
		_, body, _ := get(u)
		if got := strings.Contains(body, tag); got != want {
			t.Errorf("%s: composer script %v, want %v", u, got, want)
		}
	}
	// Without the bundle the path answers 404 with how to build it.
	t.Setenv(ComposerEnv, filepath.Join(t.TempDir(), "missing.js"))
	if code, body, _ := get("https://www.facebook.com" + pathComposerJS); code != 404 || !strings.Contains(body, "build-testbed-composer") {
		t.Errorf("missing bundle: %d %q", code, body)
	}
}
