-- 0017: a team's roster and its waiting list (issue 14, "team rosters and
-- waiting lists"; docs/calendar.md, "Teams"). A roster row enrolls a case
-- on a team from a day to a day (to_date NULL: until the grant or the
-- team ends); left_on is the day it left (its bookings from then on are
-- cancelled). The waiting list keeps a full team's cases in order
-- (position 1 first); offered_on and offer_due are set while the case is
-- offered a freed place (the worklist task team_place).

CREATE TABLE team_roster (
  id INTEGER PRIMARY KEY,
  municipality TEXT NOT NULL,
  team_id INTEGER NOT NULL,
  case_id INTEGER NOT NULL,
  from_date TEXT NOT NULL CHECK (length(from_date) = 10),
  to_date TEXT CHECK (to_date IS NULL OR to_date >= from_date),
  left_on TEXT CHECK (left_on IS NULL OR length(left_on) = 10),
  created_by TEXT NOT NULL,
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  FOREIGN KEY (municipality, team_id) REFERENCES teams(municipality, id),
  FOREIGN KEY (municipality, case_id) REFERENCES cases(municipality, id)
);
CREATE INDEX team_roster_team ON team_roster(municipality, team_id, from_date);
CREATE INDEX team_roster_case ON team_roster(municipality, case_id);

CREATE TABLE team_waiting_list (
  municipality TEXT NOT NULL,
  team_id INTEGER NOT NULL,
  case_id INTEGER NOT NULL,
  position INTEGER NOT NULL CHECK (position >= 1),
  added_on TEXT NOT NULL CHECK (length(added_on) = 10),
  added_by TEXT NOT NULL,
  offered_on TEXT CHECK (offered_on IS NULL OR length(offered_on) = 10),
  offer_due TEXT CHECK ((offer_due IS NULL) = (offered_on IS NULL)),
  PRIMARY KEY (municipality, team_id, case_id),
  FOREIGN KEY (municipality, team_id) REFERENCES teams(municipality, id),
  FOREIGN KEY (municipality, case_id) REFERENCES cases(municipality, id)
) WITHOUT ROWID;
CREATE INDEX team_waiting_case ON team_waiting_list(municipality, case_id);
