-- 0016: the personal keys of the therapists' calendar feeds
-- (shared/spec/calendar.md, "Calendar feeds"). A key is kept only as its
-- hash (BLAKE2b of the secret, as an API token's); one key per user: a
-- new key replaces the row, which ends the old key.

CREATE TABLE calendar_keys (
  user_id INTEGER PRIMARY KEY REFERENCES users(id),
  municipality TEXT NOT NULL,
  key_hash BLOB NOT NULL UNIQUE,
  created_by TEXT NOT NULL,
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);
