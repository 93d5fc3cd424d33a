-- 0006: the fingerprint of the rules each municipality's stored
-- projections (cases.closed and next_due, open_deadlines, and next_due in
-- case_answers.case_json) were computed with: a hash of the shipped
-- standard's text and genop's rules version (GENOP_RULES_VERSION,
-- src/core/evaluate.h), written by src/casework/projection_refresh.c.
-- When a new genop brings other rules, the fingerprint no longer matches
-- and the projections are computed again from the events before the
-- server answers. A municipality without a row (every one, at this
-- migration) has its projections computed again on the next start.

CREATE TABLE projection_rules (
  municipality TEXT PRIMARY KEY NOT NULL REFERENCES municipalities(id),
  fingerprint TEXT NOT NULL CHECK (length(fingerprint) BETWEEN 1 AND 95),
  computed_at TEXT NOT NULL
) WITHOUT ROWID;
