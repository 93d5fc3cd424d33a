-- 0012: letters (shared/spec/letters.md section 2; src/casework/letters/
-- letters.h; docs/letters.md).
--
-- A letter is made once and kept as it was made: the document it was
-- laid out from (JSON, src/letters/letter_doc_json.h), the PDF the
-- citizen gets, and the PDF's SHA-256 (hex), so anyone can check that
-- the PDF shown later is the one that was made. A new version is a new
-- letter. Triggers refuse to change what a letter says or to delete one,
-- as the access log's do (0001); only its status (made, then sent,
-- printed, delivered: the outbox's, migration 0013) and when that changed
-- may be updated.
--
-- event_id is the case's event the letter is for (the decision, the
-- complaint's reconsideration, ...); NULL for a letter about no single
-- event (an access report, an appeal bundle). created is UTC; created_by
-- the username of who made it.

CREATE TABLE letters (
  id INTEGER PRIMARY KEY,
  municipality TEXT NOT NULL REFERENCES municipalities(id),
  case_id INTEGER NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('decision', 'complaint_decision', 'complaint_forwarded',
                                     'course_ended', 'access_report', 'appeal_bundle')),
  event_id INTEGER REFERENCES case_events(id),
  created TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  created_by TEXT NOT NULL CHECK (length(created_by) > 0),
  document TEXT NOT NULL CHECK (json_valid(document)),
  pdf BLOB NOT NULL CHECK (length(pdf) > 0),
  sha256 TEXT NOT NULL CHECK (length(sha256) = 64 AND sha256 NOT GLOB '*[^0-9a-f]*'),
  status TEXT NOT NULL DEFAULT 'made' CHECK (status IN ('made', 'sent', 'printed', 'delivered')),
  status_changed TEXT,
  FOREIGN KEY (municipality, case_id) REFERENCES cases(municipality, id)
);
CREATE INDEX letters_case ON letters(municipality, case_id, id);

CREATE TRIGGER letters_no_change
BEFORE UPDATE OF id, municipality, case_id, kind, event_id, created, created_by, document, pdf,
                 sha256 ON letters
BEGIN
  SELECT RAISE(ABORT, 'letters: et brev kan ikke ændres, når det er lavet; en ny udgave er et nyt brev');
END;
CREATE TRIGGER letters_no_delete BEFORE DELETE ON letters BEGIN
  SELECT RAISE(ABORT, 'letters: et brev kan ikke slettes');
END;
