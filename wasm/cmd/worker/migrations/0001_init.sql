-- The policy service's tables (wasm/cmd/worker/d1store.go).
-- Applied with: wrangler d1 migrations apply DB [--local|--remote]

-- One policy pack per clinic, as the admin sent it, with its strong ETag.
CREATE TABLE IF NOT EXISTS policies (
  clinic  TEXT PRIMARY KEY,
  body    TEXT NOT NULL,
  etag    TEXT NOT NULL,
  updated INTEGER NOT NULL
);

-- Issued tokens: only the SHA-256 of each token is kept.
CREATE TABLE IF NOT EXISTS tokens (
  hash    TEXT PRIMARY KEY,
  id      TEXT NOT NULL,
  clinic  TEXT NOT NULL,
  role    TEXT NOT NULL CHECK (role IN ('read', 'admin')),
  label   TEXT NOT NULL,
  created INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS tokens_by_clinic ON tokens (clinic, id);

-- Webhook idempotency: message ids and sender/closed-period keys, with
-- an expiry (unix seconds). No message text is ever stored.
CREATE TABLE IF NOT EXISTS claims (
  key     TEXT PRIMARY KEY,
  expires INTEGER NOT NULL
);
