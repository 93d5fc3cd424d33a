-- 0011: the citizen's identity (shared/spec/api.md, "Finding cases, owning
-- them"; src/casework/referral.c).
--
-- citizen_names is the history of a citizen's names: a referral that
-- gives a known CPR number with another name is refused unless the
-- visitator confirms the new name (update_citizen), and then the old name
-- is kept here with the new one, when (UTC) and by whom it was changed.
-- Append-only, as the access log is: the history of who a person was
-- called is part of the record.
--
-- The citizen's contact person (kontaktperson: name, how they are related
-- to the citizen, phone), given on the referral; the free text
-- `relatives` stays for what does not fit them. '' is none.

CREATE TABLE citizen_names (
  id INTEGER PRIMARY KEY,
  municipality TEXT NOT NULL REFERENCES municipalities(id),
  citizen_id INTEGER NOT NULL,
  old_name TEXT NOT NULL,
  new_name TEXT NOT NULL,
  changed_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  changed_by TEXT NOT NULL,
  FOREIGN KEY (municipality, citizen_id) REFERENCES citizens(municipality, id)
);
CREATE INDEX citizen_names_citizen ON citizen_names(municipality, citizen_id, id);
CREATE TRIGGER citizen_names_no_update BEFORE UPDATE ON citizen_names BEGIN
  SELECT RAISE(ABORT, 'citizen_names: navnehistorikken kan ikke ændres');
END;
CREATE TRIGGER citizen_names_no_delete BEFORE DELETE ON citizen_names BEGIN
  SELECT RAISE(ABORT, 'citizen_names: navnehistorikken kan ikke slettes');
END;

ALTER TABLE citizens ADD COLUMN contact_name TEXT NOT NULL DEFAULT '';
ALTER TABLE citizens ADD COLUMN contact_relation TEXT NOT NULL DEFAULT '';
ALTER TABLE citizens ADD COLUMN contact_phone TEXT NOT NULL DEFAULT '';
