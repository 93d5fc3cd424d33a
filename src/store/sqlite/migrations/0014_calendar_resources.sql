-- 0014: the training calendar's resources (shared/spec/calendar.md,
-- "Setting up"): locations with their rooms (capacity: how many
-- appointments a room holds at once), each therapist's profession, weekly
-- working hours (wall-clock minutes of the day, Europe/Copenhagen) and
-- absences, and the teams (hold) that meet every week on one weekday.
-- Every row carries its municipality; composite foreign keys keep a room,
-- a team and a staff member's rows within it.

CREATE TABLE locations (
  id INTEGER PRIMARY KEY,
  municipality TEXT NOT NULL REFERENCES municipalities(id),
  name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 127),
  address TEXT NOT NULL CHECK (length(address) <= 255),
  UNIQUE (municipality, id)
);
CREATE TABLE rooms (
  id INTEGER PRIMARY KEY,
  municipality TEXT NOT NULL,
  location_id INTEGER NOT NULL,
  name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 127),
  capacity INTEGER NOT NULL CHECK (capacity BETWEEN 1 AND 1000),
  UNIQUE (municipality, id),
  FOREIGN KEY (municipality, location_id) REFERENCES locations(municipality, id)
);
CREATE INDEX rooms_location ON rooms(municipality, location_id, id);
-- The users table has no (municipality, id) key to refer to; the store
-- writes a staff member's rows only for a user of the same municipality.
CREATE TABLE staff_profiles (
  municipality TEXT NOT NULL REFERENCES municipalities(id),
  user_id INTEGER NOT NULL REFERENCES users(id),
  profession TEXT NOT NULL
    CHECK (profession IN ('fysioterapeut', 'ergoterapeut', 'træningsassistent')),
  PRIMARY KEY (municipality, user_id)
) WITHOUT ROWID;
CREATE TABLE staff_hours (
  municipality TEXT NOT NULL,
  user_id INTEGER NOT NULL,
  weekday INTEGER NOT NULL CHECK (weekday BETWEEN 1 AND 7),
  from_minute INTEGER NOT NULL CHECK (from_minute BETWEEN 0 AND 1439),
  to_minute INTEGER NOT NULL CHECK (to_minute BETWEEN 1 AND 1440 AND to_minute > from_minute),
  PRIMARY KEY (municipality, user_id, weekday, from_minute),
  FOREIGN KEY (municipality, user_id) REFERENCES staff_profiles(municipality, user_id)
) WITHOUT ROWID;
CREATE TABLE staff_absences (
  id INTEGER PRIMARY KEY,
  municipality TEXT NOT NULL,
  user_id INTEGER NOT NULL,
  from_date TEXT NOT NULL,
  to_date TEXT NOT NULL CHECK (to_date >= from_date),
  reason TEXT NOT NULL CHECK (length(reason) <= 127),
  FOREIGN KEY (municipality, user_id) REFERENCES staff_profiles(municipality, user_id)
);
CREATE INDEX staff_absences_user ON staff_absences(municipality, user_id, from_date);
CREATE TABLE teams (
  id INTEGER PRIMARY KEY,
  municipality TEXT NOT NULL REFERENCES municipalities(id),
  name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 127),
  paragraph TEXT NOT NULL CHECK (paragraph IN ('86.1', '86.2')),
  room_id INTEGER NOT NULL,
  weekday INTEGER NOT NULL CHECK (weekday BETWEEN 1 AND 7),
  start_minute INTEGER NOT NULL CHECK (start_minute BETWEEN 0 AND 1439),
  minutes INTEGER NOT NULL CHECK (minutes BETWEEN 1 AND 1440),
  capacity INTEGER NOT NULL CHECK (capacity BETWEEN 1 AND 1000),
  therapist_id INTEGER NOT NULL REFERENCES users(id),
  from_date TEXT NOT NULL,
  to_date TEXT CHECK (to_date IS NULL OR to_date >= from_date),
  UNIQUE (municipality, id),
  FOREIGN KEY (municipality, room_id) REFERENCES rooms(municipality, id)
);
CREATE INDEX teams_municipality ON teams(municipality, id);
