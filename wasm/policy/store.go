package policy

import (
	"context"
	"errors"
	"sync"
	"time"
)

// Stored is a clinic's policy as kept: the pack exactly as the admin sent
// it, and its entity tag.
type Stored struct {
	Body []byte
	ETag string
}

// Token is an issued token as kept: never the token itself, only its hash.
type Token struct {
	ID      string // short public id, for listing and revoking
	Clinic  string
	Role    string // RoleRead or RoleAdmin
	Label   string // the admin's note: "front desk laptop"
	Hash    string // hex SHA-256 of the token
	Created time.Time
}

// ErrConflict is returned by SwapPolicy when the stored policy is not the
// one the caller based its change on.
var ErrConflict = errors.New("policy changed since it was read")

// Store is what the server keeps. The Worker implements it over D1; tests
// and local tools use Memory. Every method must be safe for concurrent use.
type Store interface {
	// Policy returns the clinic's policy, or nil when it has none.
	Policy(ctx context.Context, clinic string) (*Stored, error)
	// SwapPolicy replaces the clinic's policy with p if its current ETag is
	// prev ("" means: only if the clinic has no policy yet), as one atomic
	// step; otherwise it returns ErrConflict.
	SwapPolicy(ctx context.Context, clinic, prev string, p Stored) error

	AddToken(ctx context.Context, t Token) error
	// TokenByHash returns the token with that hash, or nil.
	TokenByHash(ctx context.Context, hash string) (*Token, error)
	Tokens(ctx context.Context, clinic string) ([]Token, error)
	// RevokeToken deletes a clinic's token by id and reports whether it
	// existed.
	RevokeToken(ctx context.Context, clinic, id string) (bool, error)

	// Claim records key until now+ttl and reports whether it was new. The
	// webhook uses it to act once per message id and once per sender and
	// closed period, since Meta retries deliveries.
	Claim(ctx context.Context, key string, now time.Time, ttl time.Duration) (bool, error)
	// Unclaim forgets key, so that a failed action is retried.
	Unclaim(ctx context.Context, key string) error
}

// Memory is a Store in memory, for tests and local tools.
type Memory struct {
	mu       sync.Mutex
	policies map[string]Stored
	tokens   map[string]Token // by hash
	claims   map[string]time.Time
}

// NewMemory returns an empty Memory store.
func NewMemory() *Memory {
	return &Memory{policies: map[string]Stored{}, tokens: map[string]Token{}, claims: map[string]time.Time{}}
}

func (m *Memory) Policy(_ context.Context, clinic string) (*Stored, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	p, ok := m.policies[clinic]
	if !ok {
		return nil, nil
	}
	p.Body = append([]byte(nil), p.Body...)
	return &p, nil
}

func (m *Memory) SwapPolicy(_ context.Context, clinic, prev string, p Stored) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.policies[clinic].ETag != prev {
		return ErrConflict
	}
	p.Body = append([]byte(nil), p.Body...)
	m.policies[clinic] = p
	return nil
}

func (m *Memory) AddToken(_ context.Context, t Token) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	if _, dup := m.tokens[t.Hash]; dup {
		return errors.New("token exists")
	}
	m.tokens[t.Hash] = t
	return nil
}

func (m *Memory) TokenByHash(_ context.Context, hash string) (*Token, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	t, ok := m.tokens[hash]
	if !ok {
		return nil, nil
	}
	return &t, nil
}

func (m *Memory) Tokens(_ context.Context, clinic string) ([]Token, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	var out []Token
	for _, t := range m.tokens {
		if t.Clinic == clinic {
			out = append(out, t)
		}
	}
	sortTokens(out)
	return out, nil
}

func (m *Memory) RevokeToken(_ context.Context, clinic, id string) (bool, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	for h, t := range m.tokens {
		if t.Clinic == clinic && t.ID == id {
			delete(m.tokens, h)
			return true, nil
		}
	}
	return false, nil
}

func (m *Memory) Claim(_ context.Context, key string, now time.Time, ttl time.Duration) (bool, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if exp, ok := m.claims[key]; ok && now.Before(exp) {
		return false, nil
	}
	m.claims[key] = now.Add(ttl)
	return true, nil
}

func (m *Memory) Unclaim(_ context.Context, key string) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	delete(m.claims, key)
	return nil
}
