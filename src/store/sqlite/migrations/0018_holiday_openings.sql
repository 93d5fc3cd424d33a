-- 0018: the public holidays and days off of the standard's calendar that
-- a leder has opened for booking (issue 14, item 6: "nothing booked on a
-- public holiday unless a leder allows it"; docs/calendar.md, "Holidays").
-- One row per municipality and day, with the leder's reason; a day not
-- here is closed. Deleting the row closes the day again (appointments
-- booked on it stay).

CREATE TABLE holiday_openings (
  municipality TEXT NOT NULL REFERENCES municipalities(id),
  day TEXT NOT NULL CHECK (length(day) = 10),
  reason TEXT NOT NULL CHECK (length(reason) BETWEEN 1 AND 127),
  created_by TEXT NOT NULL,
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  PRIMARY KEY (municipality, day)
) WITHOUT ROWID;
