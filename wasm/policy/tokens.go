package policy

import (
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"encoding/hex"
	"sort"
	"strings"
)

// Roles a token can have. RoleRoot is the deployment's own admin token
// (the ADMIN_TOKEN secret): it acts for every clinic and is never stored.
const (
	RoleRead  = "read"
	RoleAdmin = "admin"
	RoleRoot  = "root"
)

// tokenPrefix marks Boundary tokens so that secret scanners and people can
// tell them apart from other credentials.
const tokenPrefix = "bnd_"

// newToken returns a fresh random token and its public id.
func newToken() (token, id string, err error) {
	var b [32]byte
	if _, err := rand.Read(b[:]); err != nil {
		return "", "", err
	}
	var i [6]byte
	if _, err := rand.Read(i[:]); err != nil {
		return "", "", err
	}
	return tokenPrefix + base64.RawURLEncoding.EncodeToString(b[:]), hex.EncodeToString(i[:]), nil
}

// HashToken is the form tokens are stored and looked up in. Tokens carry
// 256 random bits, so a plain SHA-256 is enough: there is nothing to
// brute-force that a slow hash would protect.
func HashToken(token string) string {
	h := sha256.Sum256([]byte(token))
	return hex.EncodeToString(h[:])
}

// sameSecret compares two secrets in constant time. Hashing first makes the
// comparison independent of both lengths as well.
func sameSecret(a, b string) bool {
	ha, hb := sha256.Sum256([]byte(a)), sha256.Sum256([]byte(b))
	return subtle.ConstantTimeCompare(ha[:], hb[:]) == 1
}

// bearer returns the token of an "Authorization: Bearer …" header, or "".
func bearer(h string) string {
	const p = "bearer "
	if len(h) > len(p) && strings.EqualFold(h[:len(p)], p) {
		return strings.TrimSpace(h[len(p):])
	}
	return ""
}

func sortTokens(ts []Token) {
	sort.Slice(ts, func(i, j int) bool {
		if !ts[i].Created.Equal(ts[j].Created) {
			return ts[i].Created.Before(ts[j].Created)
		}
		return ts[i].ID < ts[j].ID
	})
}
