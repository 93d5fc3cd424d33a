-- 0003: where the citizen lives, for the standards' residency rule: until
-- now every citizen was taken to live in the case's municipality.

ALTER TABLE citizens ADD COLUMN municipality_code INTEGER NOT NULL DEFAULT 0
  CHECK (municipality_code BETWEEN 0 AND 999);
UPDATE citizens SET municipality_code =
  (SELECT code FROM municipalities m WHERE m.id = citizens.municipality);
