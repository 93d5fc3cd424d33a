-- 0016: the personal keys of the therapists' calendar feeds, and the
-- new time owed for a cancelled appointment
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

-- An appointment the provider cancelled where the standard promises a
-- new time (its `cancellations`): the day it was cancelled, until the
-- case's next appointment is booked (then NULL); while any is set the
-- case has the worklist task new_time.
ALTER TABLE appointments ADD COLUMN new_time_since TEXT
  CHECK (new_time_since IS NULL OR length(new_time_since) = 10);
