-- 0013: the outbox (shared/spec/letters.md section 2; src/casework/
-- letters/outbox.h; docs/letters.md "Sending", docs/memo.md).
--
-- digital_post_senders: each municipality's sender for Digital Post, its
-- CVR number (configuration: in no standard's text, so genop invents
-- none; docs/memo.md). `test` marks a value that is no municipality's
-- (the demo's 12345678), so nobody mistakes it for a real one. One row
-- per municipality; setting it again replaces the row (it is a setting,
-- not a record), with who set it and when.
--
-- letter_dispatches: a letter sent, once (its letter id is the key, so a
-- letter is sent at most once): how (digital_post: the MeMo message's
-- UUID and its file in the spool's new/; print: queued for printing), when
-- (UTC) and by whom, the day the citizen counts as having received it
-- (Digital Post: the day sent; print: 6 workdays after the letter's
-- date) and, for a decision letter, the decision_received event the
-- sending recorded (NULL when the case had its receipt already). A record:
-- triggers refuse changing or deleting it.
--
-- letter_prints: a queued letter printed (when, by whom); only a letter
-- queued for print, once. A record, likewise.
--
-- A letter's status (made, sent, queued, printed) is read from these
-- tables (src/store/sqlite/letters.c), not kept in letters.status.

CREATE TABLE digital_post_senders (
  municipality TEXT PRIMARY KEY REFERENCES municipalities(id),
  cvr TEXT NOT NULL CHECK (length(cvr) = 8 AND cvr NOT GLOB '*[^0-9]*'),
  test INTEGER NOT NULL DEFAULT 0 CHECK (test IN (0, 1)),
  set_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  set_by TEXT NOT NULL CHECK (length(set_by) > 0)
);

CREATE TABLE letter_dispatches (
  letter_id INTEGER PRIMARY KEY REFERENCES letters(id),
  municipality TEXT NOT NULL REFERENCES municipalities(id),
  channel TEXT NOT NULL CHECK (channel IN ('digital_post', 'print')),
  sent TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  sent_by TEXT NOT NULL CHECK (length(sent_by) > 0),
  memo_uuid TEXT UNIQUE CHECK (memo_uuid IS NULL OR length(memo_uuid) = 36),
  spool_file TEXT,
  received TEXT NOT NULL CHECK (date(received) IS received),
  received_event INTEGER REFERENCES case_events(id),
  CHECK ((channel = 'digital_post') = (memo_uuid IS NOT NULL AND spool_file IS NOT NULL))
);
CREATE INDEX letter_dispatches_queue ON letter_dispatches(municipality, channel, letter_id);

CREATE TRIGGER letter_dispatches_muni BEFORE INSERT ON letter_dispatches
WHEN NOT EXISTS (SELECT 1 FROM letters l WHERE l.id = NEW.letter_id
                 AND l.municipality = NEW.municipality)
BEGIN
  SELECT RAISE(ABORT, 'letter_dispatches: brevet hører ikke til kommunen');
END;
CREATE TRIGGER letter_dispatches_no_change BEFORE UPDATE ON letter_dispatches BEGIN
  SELECT RAISE(ABORT, 'letter_dispatches: en afsendelse kan ikke ændres');
END;
CREATE TRIGGER letter_dispatches_no_delete BEFORE DELETE ON letter_dispatches BEGIN
  SELECT RAISE(ABORT, 'letter_dispatches: en afsendelse kan ikke slettes');
END;

CREATE TABLE letter_prints (
  letter_id INTEGER PRIMARY KEY REFERENCES letter_dispatches(letter_id),
  municipality TEXT NOT NULL REFERENCES municipalities(id),
  printed TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  printed_by TEXT NOT NULL CHECK (length(printed_by) > 0)
);

CREATE TRIGGER letter_prints_queued BEFORE INSERT ON letter_prints
WHEN NOT EXISTS (SELECT 1 FROM letter_dispatches d WHERE d.letter_id = NEW.letter_id
                 AND d.municipality = NEW.municipality AND d.channel = 'print')
BEGIN
  SELECT RAISE(ABORT, 'letter_prints: brevet står ikke i kommunens udskriftskø');
END;
CREATE TRIGGER letter_prints_no_change BEFORE UPDATE ON letter_prints BEGIN
  SELECT RAISE(ABORT, 'letter_prints: en udskrivning kan ikke ændres');
END;
CREATE TRIGGER letter_prints_no_delete BEFORE DELETE ON letter_prints BEGIN
  SELECT RAISE(ABORT, 'letter_prints: en udskrivning kan ikke slettes');
END;
