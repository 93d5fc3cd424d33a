-- 0019: the kept views of a municipality's cases, in case order, without
-- the rest of their kept answers: what a report over every case reads
-- (src/store/sqlite/case_views.c; docs/report.md, "How it scales").
-- A case_answers row is mostly its answer's JSON (~5 KB), so a walk of the
-- table reads about a page a case for a view of a few hundred bytes; this
-- index holds the view itself (a dozen cases a page) and is walked instead.
-- It is derived data like the table, kept by SQLite with each row.

CREATE INDEX case_answers_views ON case_answers(municipality, case_id, last_event_id,
                                                view_format, view);
