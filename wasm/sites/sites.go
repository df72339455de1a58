// Package sites reads the site selector packs in rules/sites and answers the
// first question every scan asks: which site and which kind of page is this?
//
// A pack lists the site's hosts, its page kinds by path prefix, its CSS
// selectors and its UI labels per language. When the site's markup changes,
// the pack changes; the adapters that read it do not.
package sites

import (
	"errors"
	"io/fs"
	"strings"

	"github.com/tidwall/gjson"

	"github.com/boundaryhq/boundary/wasm/rulepack"
)

// Unknown is the page kind of any page no pack claims.
const Unknown = "unknown"

// Site is one site's selector pack.
type Site struct {
	ID        string
	Hosts     []string
	Pages     []Page
	Selectors map[string]string
	// Labels maps a label key ("confirm") to every known wording in every
	// language, folded for comparison. Adapters accept any language: a
	// German card on an English-tagged page is still a card.
	Labels map[string][]string
	// LabelsByLang keeps the per-language view for messages and tests.
	LabelsByLang map[string]map[string][]string
	Raw          gjson.Result
}

// Page maps path prefixes to a page kind.
type Page struct {
	Kind  string
	Paths []string
}

// Registry holds every site pack.
type Registry struct {
	Sites []*Site
}

// Load reads rules/sites from fsys (the rules.FS root).
func Load(fsys fs.FS) (*Registry, error) {
	entries, err := fs.ReadDir(fsys, "sites")
	if err != nil {
		return nil, err
	}
	reg := &Registry{}
	for _, e := range entries {
		if e.IsDir() || !strings.HasSuffix(e.Name(), ".json") {
			continue
		}
		name := "sites/" + e.Name()
		data, err := fs.ReadFile(fsys, name)
		if err != nil {
			return nil, err
		}
		s, err := Parse(name, data)
		if err != nil {
			return nil, err
		}
		reg.Sites = append(reg.Sites, s)
	}
	if len(reg.Sites) == 0 {
		return nil, errors.New("sites: no site packs found under sites/")
	}
	return reg, nil
}

// Parse validates and reads one site pack.
func Parse(name string, data []byte) (*Site, error) {
	r, ps := rulepack.Parse(name, data)
	if ps != nil {
		return nil, ps
	}
	if r.Kind != "site.selectors" {
		return nil, rulepack.Problem{Path: name, Msg: "kind must be site.selectors"}
	}
	v := r.Raw
	s := &Site{ID: r.ID, Selectors: map[string]string{}, Labels: map[string][]string{}, LabelsByLang: map[string]map[string][]string{}, Raw: v}
	for _, h := range v.Get("hosts").Array() {
		s.Hosts = append(s.Hosts, strings.ToLower(h.String()))
	}
	for _, p := range v.Get("pages").Array() {
		pg := Page{Kind: p.Get("kind").String()}
		for _, x := range p.Get("paths").Array() {
			pg.Paths = append(pg.Paths, x.String())
		}
		if pg.Kind == "" || len(pg.Paths) == 0 {
			return nil, rulepack.Problem{Path: name, Msg: "every page needs a kind and at least one path"}
		}
		s.Pages = append(s.Pages, pg)
	}
	v.Get("selectors").ForEach(func(k, val gjson.Result) bool {
		s.Selectors[k.String()] = val.String()
		return true
	})
	v.Get("labels").ForEach(func(lang, keys gjson.Result) bool {
		m := map[string][]string{}
		keys.ForEach(func(k, list gjson.Result) bool {
			for _, l := range list.Array() {
				m[k.String()] = append(m[k.String()], l.String())
				s.Labels[k.String()] = append(s.Labels[k.String()], FoldLabel(l.String()))
			}
			return true
		})
		s.LabelsByLang[lang.String()] = m
		return true
	})
	if len(s.Hosts) == 0 || len(s.Pages) == 0 {
		return nil, rulepack.Problem{Path: name, Msg: "a site pack needs hosts and pages"}
	}
	return s, nil
}

// FoldLabel lower-cases a UI label and collapses its white space, so that
// "Confirm  Request" and "confirm request" compare equal.
func FoldLabel(s string) string {
	return strings.Join(strings.Fields(strings.ToLower(s)), " ")
}

// HasLabel reports whether text is one of the site's wordings for key.
func (s *Site) HasLabel(key, text string) bool {
	t := FoldLabel(text)
	if t == "" {
		return false
	}
	for _, l := range s.Labels[key] {
		if l == t {
			return true
		}
	}
	return false
}

// ContainsLabel reports whether text contains one of the wordings for key.
func (s *Site) ContainsLabel(key, text string) bool {
	t := FoldLabel(text)
	for _, l := range s.Labels[key] {
		if l != "" && strings.Contains(t, l) {
			return true
		}
	}
	return false
}

// Locate returns the site and page kind for a URL. The host must be one of
// the pack's hosts exactly: "www.facebook.com.evil.example" is not Facebook.
func (r *Registry) Locate(rawURL string) (*Site, string) {
	scheme, rest, ok := strings.Cut(rawURL, "://")
	if !ok || (scheme != "https" && scheme != "http") {
		return nil, Unknown
	}
	host, path := rest, "/"
	if i := strings.IndexAny(rest, "/?#"); i >= 0 {
		host, path = rest[:i], rest[i:]
		if path[0] != '/' {
			path = "/"
		}
	}
	if i := strings.LastIndexByte(host, '@'); i >= 0 {
		host = host[i+1:]
	}
	if i := strings.LastIndexByte(host, ':'); i >= 0 {
		host = host[:i]
	}
	host = strings.ToLower(host)
	if i := strings.IndexAny(path, "?#"); i >= 0 {
		path = path[:i]
	}
	for _, s := range r.Sites {
		for _, h := range s.Hosts {
			if h != host {
				continue
			}
			for _, p := range s.Pages {
				for _, prefix := range p.Paths {
					if pathHasPrefix(path, prefix) {
						return s, p.Kind
					}
				}
			}
			return s, Unknown
		}
	}
	return nil, Unknown
}

// pathHasPrefix matches whole path segments: "/friends" claims "/friends"
// and "/friends/requests" but not "/friendsofmine". A prefix ending in "/"
// claims everything below it.
func pathHasPrefix(path, prefix string) bool {
	if !strings.HasPrefix(path, prefix) {
		return false
	}
	if len(path) == len(prefix) || strings.HasSuffix(prefix, "/") {
		return true
	}
	return path[len(prefix)] == '/'
}

// Site returns the pack with that id, or nil.
func (r *Registry) Site(id string) *Site {
	for _, s := range r.Sites {
		if s.ID == id {
			return s
		}
	}
	return nil
}
