-- 0015: the training calendar's appointments (shared/spec/calendar.md,
-- "Booking"): a case's time with a therapist, in a room, at the citizen's
-- home or on a team's weekly meeting. `start` is the Danish wall-clock
-- time as booked ("YYYY-MM-DDTHH:MM"), `day` its date; starts_at and
-- ends_at are its instants (unix seconds), which overlaps are judged by,
-- also across the summer-time changes. Cancelling sets status, by and
-- reason; the outcome links the session event it appended to the case's
-- log (the log stays the record of what happened).

CREATE TABLE appointments (
  id INTEGER PRIMARY KEY,
  municipality TEXT NOT NULL,
  case_id INTEGER NOT NULL,
  therapist_id INTEGER NOT NULL REFERENCES users(id),
  start TEXT NOT NULL CHECK (length(start) = 16),
  day TEXT NOT NULL CHECK (length(day) = 10),
  starts_at INTEGER NOT NULL,
  ends_at INTEGER NOT NULL CHECK (ends_at > starts_at),
  minutes INTEGER NOT NULL CHECK (minutes BETWEEN 1 AND 1440),
  kind TEXT NOT NULL CHECK (kind IN ('training', 'assessment')),
  place TEXT NOT NULL CHECK (place IN ('room', 'home', 'team')),
  room_id INTEGER,
  team_id INTEGER,
  status TEXT NOT NULL DEFAULT 'booked' CHECK (status IN ('booked', 'cancelled', 'done')),
  cancelled_by TEXT CHECK (cancelled_by IS NULL OR cancelled_by IN ('provider', 'citizen')),
  cancel_reason TEXT,
  outcome TEXT,
  event_id INTEGER,
  created_by TEXT NOT NULL,
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  CHECK ((place = 'room') = (room_id IS NOT NULL) OR place = 'team'),
  CHECK ((place = 'team') = (team_id IS NOT NULL)),
  UNIQUE (municipality, id),
  FOREIGN KEY (municipality, case_id) REFERENCES cases(municipality, id),
  FOREIGN KEY (municipality, room_id) REFERENCES rooms(municipality, id),
  FOREIGN KEY (municipality, team_id) REFERENCES teams(municipality, id)
);
CREATE INDEX appointments_therapist ON appointments(municipality, therapist_id, starts_at);
CREATE INDEX appointments_case ON appointments(municipality, case_id, starts_at);
CREATE INDEX appointments_room ON appointments(municipality, room_id, starts_at);
CREATE INDEX appointments_team ON appointments(municipality, team_id, starts_at);
CREATE INDEX appointments_day ON appointments(municipality, day);
