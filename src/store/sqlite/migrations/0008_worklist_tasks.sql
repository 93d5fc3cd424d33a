-- 0008: the worklist's tasks beside the standard's deadlines (shared/spec/
-- api.md, "the worklist's tasks"): a course up for review for its
-- attendance (attendance_review), a limit exceeded (limit_exceeded, with
-- the limit's id), a course past the standard's length (course_length),
-- and a required end status missing after the closure (end_status). They
-- are rows of open_deadlines like the deadlines, computed by
-- src/casework/projection_tasks.c in the same transaction as each event:
-- - kind: 'deadline' (a deadline of the standard) or 'task';
-- - limit_id: limit_exceeded's limit ("" for every other row);
-- - listed_from: the first day the row is on the worklist. A deadline and
--   most tasks are on it at once (listed_from = from_date); a course is
--   on it for its length only from the day after its last allowed day
--   (its due), with no event to mark that day.
-- A closed case keeps one kind of row now: end_status (migration 0002
-- kept none). Every municipality's projections are computed again on the
-- next start (GENOP_RULES_VERSION 2), which adds the tasks of the cases
-- that have them; the rows that stay are the deadlines, as they were.

ALTER TABLE open_deadlines ADD COLUMN kind TEXT NOT NULL DEFAULT 'deadline'
  CHECK (kind IN ('deadline', 'task'));
ALTER TABLE open_deadlines ADD COLUMN limit_id TEXT NOT NULL DEFAULT '';
ALTER TABLE open_deadlines ADD COLUMN listed_from TEXT NOT NULL DEFAULT '';
UPDATE open_deadlines SET listed_from = from_date;
