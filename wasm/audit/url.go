package audit

import "strings"

// splitURL returns the path (without a trailing slash, "/" for the root)
// and the decoded query of an address, absolute or not. It is a small
// replacement for net/url, which would link fmt into the wasm core.
func splitURL(raw string) (string, map[string]string) {
	if i := strings.IndexByte(raw, '#'); i >= 0 {
		raw = raw[:i]
	}
	query := ""
	if i := strings.IndexByte(raw, '?'); i >= 0 {
		raw, query = raw[:i], raw[i+1:]
	}
	if i := strings.Index(raw, "://"); i >= 0 {
		raw = raw[i+3:]
		if j := strings.IndexByte(raw, '/'); j >= 0 {
			raw = raw[j:]
		} else {
			raw = "/"
		}
	}
	if !strings.HasPrefix(raw, "/") {
		raw = "/" + raw
	}
	for len(raw) > 1 && strings.HasSuffix(raw, "/") {
		raw = raw[:len(raw)-1]
	}
	q := map[string]string{}
	for _, kv := range strings.Split(query, "&") {
		if kv == "" {
			continue
		}
		k, v, _ := strings.Cut(kv, "=")
		k = unescape(k)
		if _, dup := q[k]; !dup {
			q[k] = unescape(v)
		}
	}
	return unescape(raw), q
}

func unescape(s string) string {
	if !strings.ContainsAny(s, "%+") {
		return s
	}
	b := make([]byte, 0, len(s))
	for i := 0; i < len(s); i++ {
		switch {
		case s[i] == '+':
			b = append(b, ' ')
		case s[i] == '%' && i+2 < len(s) && isHex(s[i+1]) && isHex(s[i+2]):
			b = append(b, unhex(s[i+1])<<4|unhex(s[i+2]))
			i += 2
		default:
			b = append(b, s[i])
		}
	}
	return string(b)
}

func isHex(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F'
}

func unhex(c byte) byte {
	switch {
	case c >= '0' && c <= '9':
		return c - '0'
	case c >= 'a' && c <= 'f':
		return c - 'a' + 10
	}
	return c - 'A' + 10
}

// Match reports whether an address is one of the pattern's pages.
func (p PagePattern) Match(rawURL string) bool {
	path, q := splitURL(rawURL)
	return p.match(path, q)
}

func (p PagePattern) match(path string, q map[string]string) bool {
	want := strings.Split(strings.TrimSuffix(p.Path, "/"), "/")
	got := strings.Split(path, "/")
	if p.Path == "/" {
		want = []string{""}
	}
	if len(want) != len(got) {
		return false
	}
	for i := range want {
		if want[i] != "*" && !strings.EqualFold(want[i], got[i]) {
			return false
		}
		if want[i] == "*" && got[i] == "" {
			return false
		}
	}
	for k, v := range p.Query {
		if q[k] != v {
			return false
		}
	}
	for _, k := range p.Absent {
		if _, ok := q[k]; ok {
			return false
		}
	}
	return true
}

// pageLang is the page's primary UI language subtag ("en", "de"), or "".
func pageLang(lang string) string {
	lang = strings.ToLower(strings.TrimSpace(lang))
	if i := strings.IndexAny(lang, "-_"); i >= 0 {
		lang = lang[:i]
	}
	return lang
}
