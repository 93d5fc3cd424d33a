-- 0005: the answer of a case read as it stood after the case's last event
-- (src/server/case_answer.c): derived data, written in the same
-- transaction as each event, used only while last_event_id is still the
-- case's newest event; a case without one is read from its events.

CREATE TABLE case_answers (
  case_id INTEGER PRIMARY KEY,
  municipality TEXT NOT NULL,
  last_event_id INTEGER NOT NULL,
  view_format INTEGER NOT NULL,
  view BLOB NOT NULL,
  case_json TEXT NOT NULL,
  events_json TEXT NOT NULL,
  FOREIGN KEY (municipality, case_id) REFERENCES cases(municipality, id)
);
