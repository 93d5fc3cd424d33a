-- 0002: a closed case keeps no open deadlines (the projection's writes,
-- src/store/sqlite/events.c), so the worklist counts them from the index
-- alone, without joining cases.

DELETE FROM open_deadlines WHERE (municipality, case_id) IN
  (SELECT municipality, id FROM cases WHERE closed = 1);
