//go:build js && wasm

package main

// D1 rather than KV: D1 answers a conditional UPDATE or INSERT with the
// number of rows it changed, in one atomic step, so If-Match can refuse a
// stale write (412) and the webhook can claim a message id exactly once.
// KV has no compare-and-swap: two admins saving at once, or Meta retrying
// a delivery while the first is in flight, could both win there.

import (
	"context"
	"database/sql"
	"time"

	"github.com/boundaryhq/boundary/wasm/policy"
	"github.com/syumai/workers/cloudflare/d1"
)

type d1Store struct {
	binding string
	db      *sql.DB
}

var _ policy.Store = (*d1Store)(nil)

// open binds the database on first use: the binding exists only once a
// request has handed the runtime its env.
func (s *d1Store) open() (*sql.DB, error) {
	if s.db != nil {
		return s.db, nil
	}
	c, err := d1.OpenConnector(s.binding)
	if err != nil {
		return nil, err
	}
	s.db = sql.OpenDB(c)
	return s.db, nil
}

func (s *d1Store) exec(ctx context.Context, q string, args ...any) (int64, error) {
	db, err := s.open()
	if err != nil {
		return 0, err
	}
	res, err := db.ExecContext(ctx, q, args...)
	if err != nil {
		return 0, err
	}
	return res.RowsAffected()
}

func (s *d1Store) Policy(ctx context.Context, clinic string) (*policy.Stored, error) {
	db, err := s.open()
	if err != nil {
		return nil, err
	}
	var p policy.Stored
	var body string
	err = db.QueryRowContext(ctx, `SELECT body, etag FROM policies WHERE clinic = ?`, clinic).Scan(&body, &p.ETag)
	if err == sql.ErrNoRows {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	p.Body = []byte(body)
	return &p, nil
}

func (s *d1Store) SwapPolicy(ctx context.Context, clinic, prev string, p policy.Stored) error {
	var n int64
	var err error
	now := time.Now().Unix()
	if prev == "" {
		n, err = s.exec(ctx, `INSERT INTO policies (clinic, body, etag, updated) VALUES (?, ?, ?, ?) ON CONFLICT (clinic) DO NOTHING`,
			clinic, string(p.Body), p.ETag, now)
	} else {
		n, err = s.exec(ctx, `UPDATE policies SET body = ?, etag = ?, updated = ? WHERE clinic = ? AND etag = ?`,
			string(p.Body), p.ETag, now, clinic, prev)
	}
	if err != nil {
		return err
	}
	if n != 1 {
		return policy.ErrConflict
	}
	return nil
}

func (s *d1Store) AddToken(ctx context.Context, t policy.Token) error {
	_, err := s.exec(ctx, `INSERT INTO tokens (hash, id, clinic, role, label, created) VALUES (?, ?, ?, ?, ?, ?)`,
		t.Hash, t.ID, t.Clinic, t.Role, t.Label, t.Created.Unix())
	return err
}

func (s *d1Store) TokenByHash(ctx context.Context, hash string) (*policy.Token, error) {
	db, err := s.open()
	if err != nil {
		return nil, err
	}
	var t policy.Token
	var created int64
	err = db.QueryRowContext(ctx, `SELECT hash, id, clinic, role, label, created FROM tokens WHERE hash = ?`, hash).
		Scan(&t.Hash, &t.ID, &t.Clinic, &t.Role, &t.Label, &created)
	if err == sql.ErrNoRows {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	t.Created = time.Unix(created, 0).UTC()
	return &t, nil
}

func (s *d1Store) Tokens(ctx context.Context, clinic string) ([]policy.Token, error) {
	db, err := s.open()
	if err != nil {
		return nil, err
	}
	rows, err := db.QueryContext(ctx, `SELECT id, clinic, role, label, created FROM tokens WHERE clinic = ? ORDER BY created, id`, clinic)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []policy.Token
	for rows.Next() {
		var t policy.Token
		var created int64
		if err := rows.Scan(&t.ID, &t.Clinic, &t.Role, &t.Label, &created); err != nil {
			return nil, err
		}
		t.Created = time.Unix(created, 0).UTC()
		out = append(out, t)
	}
	return out, rows.Err()
}

func (s *d1Store) RevokeToken(ctx context.Context, clinic, id string) (bool, error) {
	n, err := s.exec(ctx, `DELETE FROM tokens WHERE clinic = ? AND id = ?`, clinic, id)
	return n > 0, err
}

func (s *d1Store) Claim(ctx context.Context, key string, now time.Time, ttl time.Duration) (bool, error) {
	if _, err := s.exec(ctx, `DELETE FROM claims WHERE key = ? AND expires <= ?`, key, now.Unix()); err != nil {
		return false, err
	}
	n, err := s.exec(ctx, `INSERT INTO claims (key, expires) VALUES (?, ?) ON CONFLICT (key) DO NOTHING`, key, now.Add(ttl).Unix())
	return n == 1, err
}

func (s *d1Store) Unclaim(ctx context.Context, key string) error {
	_, err := s.exec(ctx, `DELETE FROM claims WHERE key = ?`, key)
	return err
}
