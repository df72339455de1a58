package testbed

import (
	"embed"
	"fmt"
	"net/http"
	"strings"
)

//go:embed static
var staticFS embed.FS

// Static files live under facebook-like resource paths.
const (
	pathCometJS     = "/rsrc.php/v4/y2/r/AbC9xZq4Lw_.js"
	pathMessengerJS = "/rsrc.php/v4/yM/r/Mz4aPq1sK0e.js"
	pathBaseCSS     = "/rsrc.php/v4/yK/l/0,cross/Q7ZvCbAl9Rb.css"
)

var staticFiles = map[string]string{
	pathCometJS:     "static/comet.js",
	pathMessengerJS: "static/messenger.js",
	pathBaseCSS:     "static/base.css",
}

// serveStatic answers resource paths and reports whether it did.
func serveStatic(w http.ResponseWriter, r *http.Request, rq *req) bool {
	p := r.URL.Path
	if serveComposer(w, r) {
		return true
	}
	for _, n := range []int{1, 2} {
		if b := buildOf(n); p == b.sheetPath() {
			writeStatic(w, "text/css; charset=utf-8", []byte(b.stylesheet()))
			return true
		}
	}
	name, ok := staticFiles[p]
	if !ok {
		return false
	}
	body, err := staticFS.ReadFile(name)
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return true
	}
	ct := "application/javascript; charset=utf-8"
	if strings.HasSuffix(name, ".css") {
		ct = "text/css; charset=utf-8"
	}
	writeStatic(w, ct, body)
	return true
}

func writeStatic(w http.ResponseWriter, ct string, body []byte) {
	w.Header().Set("Content-Type", ct)
	w.Header().Set("Cache-Control", "public, max-age=31536000, immutable")
	w.Header().Set("Access-Control-Allow-Origin", "*")
	w.Header().Set("X-Content-Type-Options", "nosniff")
	_, _ = w.Write(body)
}

var avatarColors = []string{"#6a7ec9", "#c96a8f", "#5fa88a", "#c9a23d", "#8a6ac9", "#4f9fc9", "#c9743d", "#7a8a99"}

// serveAvatar draws a profile picture for "<id>_n.svg": a coloured
// silhouette, no text, so nothing from the name reaches the image.
func serveAvatar(w http.ResponseWriter, file string) {
	id, ok := strings.CutSuffix(file, "_n.svg")
	if !ok || id == "" || strings.Trim(id, "0123456789") != "" {
		http.NotFound(w, nil)
		return
	}
	c := avatarColors[idHash(id)%uint32(len(avatarColors))]
	svg := fmt.Sprintf(`<svg xmlns="http://www.w3.org/2000/svg" width="120" height="120" viewBox="0 0 120 120"><rect width="120" height="120" fill="%s"/><circle cx="60" cy="46" r="22" fill="#fff" fill-opacity=".85"/><path d="M18 120c4-26 22-40 42-40s38 14 42 40z" fill="#fff" fill-opacity=".85"/></svg>`, c)
	w.Header().Set("Content-Type", "image/svg+xml")
	w.Header().Set("Cache-Control", "public, max-age=31536000, immutable")
	_, _ = w.Write([]byte(svg))
}

func avatarURL(id string) string {
	return "/v/t39.30808-1/" + id + "_n.svg?stp=cp0_dst-jpg_s60x60&_nc_cat=1&ccb=1-7&_nc_sid=5f2048"
}

// servePhoto draws a placeholder for a message's image attachment.
func servePhoto(w http.ResponseWriter, file string) {
	name, ok := strings.CutSuffix(file, "_n.svg")
	if !ok || name == "" || strings.Trim(name, "0123456789abcdef") != "" {
		http.NotFound(w, nil)
		return
	}
	svg := `<svg xmlns="http://www.w3.org/2000/svg" width="480" height="360" viewBox="0 0 480 360"><rect width="480" height="360" fill="#d8c3b5"/><circle cx="240" cy="180" r="90" fill="#c98f7a"/><circle cx="210" cy="160" r="14" fill="#b4463a"/><circle cx="262" cy="196" r="18" fill="#b4463a"/><circle cx="236" cy="222" r="10" fill="#b4463a"/></svg>`
	w.Header().Set("Content-Type", "image/svg+xml")
	w.Header().Set("Cache-Control", "public, max-age=31536000, immutable")
	_, _ = w.Write([]byte(svg))
}

const favicon = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 36 36"><circle cx="18" cy="18" r="18" fill="#0866ff"/></svg>`
