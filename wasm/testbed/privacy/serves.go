package privacy

import (
	"errors"
	"net/url"
)

// Serves reports whether u is one of this package's pages, so the main
// testbed router can hand it over. Bad parameters count as served: the
// handler answers them with 400, which is the truthful reply.
func Serves(u *url.URL) bool {
	if u.Path == ExpectedPath {
		return true
	}
	_, err := Render(u.RequestURI())
	return !errors.Is(err, ErrNotFound)
}
