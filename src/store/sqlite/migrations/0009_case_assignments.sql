-- 0008: who is responsible for a case: per case and role (visitator,
-- terapeut) the username of its current `assigned` event (shared/spec/
-- api.md: an assignment holds until the next `assigned` event of the same
-- role; src/casework/assignment.c derives it from the corrected events).
-- Derived data, written in the same transaction as the event that changes
-- it, so "my cases" and "my tasks" are read from the index on
-- (municipality, username) instead of from every case's events. No case
-- had an `assigned` event before this migration (the API did not take
-- them), so there is nothing to fill in.

CREATE TABLE case_assignments (
  municipality TEXT NOT NULL,
  case_id INTEGER NOT NULL,
  role TEXT NOT NULL CHECK (role IN ('visitator', 'terapeut')),
  username TEXT NOT NULL CHECK (length(username) BETWEEN 1 AND 63),
  since TEXT NOT NULL,
  PRIMARY KEY (municipality, case_id, role),
  FOREIGN KEY (municipality, case_id) REFERENCES cases(municipality, id)
) WITHOUT ROWID;
CREATE INDEX case_assignments_user ON case_assignments(municipality, username, case_id);
