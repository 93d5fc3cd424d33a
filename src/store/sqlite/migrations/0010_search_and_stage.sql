-- 0008: finding citizens by name, and where a case stands.
--
-- citizen_name_words holds every word of every citizen's name, folded as
-- src/core/name_words.h says (lower case, the accents Danish does not
-- write taken off; æ, ø and å letters of their own), so that a search for
-- words at the start of a name's words is a range scan of its key: "ben"
-- is every word from "ben" up to "ben" followed by U+10FFFF. The words are
-- made by the SQL function genop_name_words(name), a JSON array, which
-- genop registers on each of its connections (src/store/sqlite/
-- sql_functions.c); the triggers keep the table right whatever writes a
-- name, so a connection without the function cannot write a citizen.
-- A change of the folding needs a migration that folds every name again.
--
-- cases.stage is where the case stands (src/casework/case_stage.h),
-- projected from its events with its other projections. A closed case's
-- is known here; the others' are computed at the next start of genop
-- serve (or genop demo): the fingerprints of the rules the projections
-- were computed with are forgotten, so every municipality's projections
-- are computed again (src/casework/projection_refresh.h). Until then, or
-- where that fails, it is NULL and the case list says open or closed.

CREATE TABLE citizen_name_words (
  municipality TEXT NOT NULL REFERENCES municipalities(id),
  word TEXT NOT NULL,
  citizen_id INTEGER NOT NULL,
  PRIMARY KEY (municipality, word, citizen_id),
  FOREIGN KEY (municipality, citizen_id) REFERENCES citizens(municipality, id)
) WITHOUT ROWID;

CREATE TRIGGER citizens_name_words_insert AFTER INSERT ON citizens BEGIN
  INSERT OR IGNORE INTO citizen_name_words (municipality, word, citizen_id)
    SELECT new.municipality, j.value, new.id FROM json_each(genop_name_words(new.name)) j;
END;
CREATE TRIGGER citizens_name_words_update AFTER UPDATE OF name, municipality ON citizens BEGIN
  DELETE FROM citizen_name_words WHERE municipality = old.municipality AND citizen_id = old.id;
  INSERT OR IGNORE INTO citizen_name_words (municipality, word, citizen_id)
    SELECT new.municipality, j.value, new.id FROM json_each(genop_name_words(new.name)) j;
END;
CREATE TRIGGER citizens_name_words_delete AFTER DELETE ON citizens BEGIN
  DELETE FROM citizen_name_words WHERE municipality = old.municipality AND citizen_id = old.id;
END;

INSERT OR IGNORE INTO citizen_name_words (municipality, word, citizen_id)
  SELECT c.municipality, j.value, c.id FROM citizens c, json_each(genop_name_words(c.name)) j;

ALTER TABLE cases ADD COLUMN stage TEXT CHECK (stage IN
  ('referred', 'granted', 'training', 'refused', 'complaint', 'closed'));
UPDATE cases SET stage = 'closed' WHERE closed = 1;
CREATE INDEX cases_municipality_stage ON cases(municipality, stage, id);
DELETE FROM projection_rules;
