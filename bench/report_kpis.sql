-- report_kpis.sql - the deadline KPIs of `genop report` (shared/spec/
-- report.md: "deadlines" and "months") computed the way a BI tool would:
-- one plain SQL query over the store's event table, with the rules of
-- Aalborg's standard written out by hand and a table of workdays. The
-- benchmark (bench/report.sh, bench/report_kpis.py) runs it against the
-- same database as `genop report` and checks that both give the same
-- numbers; genop itself never computes a KPI in SQL.
--
-- Parameters: :municipality (aalborg), :from, :to, :as_of (YYYY-MM-DD).
-- Expects a table calendar(day TEXT PRIMARY KEY, workday INTEGER,
-- workday_no INTEGER): every day of the years the data spans, workday 1
-- on Monday to Friday except Aalborg's days off (the public holidays and
-- the days off of shared/spec/evaluate.md section 1, as `genop calendar
-- holidays YEAR --standard aalborg` lists them), and workday_no the number
-- of workdays from the table's first day up to and including this day.
-- So the workdays between a and b (a < d <= b) are
-- workday_no(b) - workday_no(a), and the n-th workday after a is the
-- workday whose workday_no is workday_no(a) + n.
--
-- Result: one row per (month, deadline, paragraph) with a deadline due in
-- the period; month '' is the whole period. Columns: month, id,
-- paragraph, met, late, pending, overdue, share_met, days_median,
-- days_p90, workdays_median, workdays_p90.

WITH
-- The deadlines of Aalborg's standard (standards/aalborg.yaml, read from
-- shared/seeds/004_6f2433a879464978.txt), as genop's evaluator applies
-- them (shared/spec/evaluate.md section 3). anchor: the event the deadline
-- counts from; until: the event that meets it; cond: when it applies.
-- The complaint window (owner: citizen, "Hvis du ønsker at klage": "senest
-- 4 uger efter, at du har modtaget afgørelsen") is the citizen's own
-- deadline and not counted (report.md).
rules(id, paragraph, anchor, until, amount, unit, cond) AS (VALUES
  -- "Hvordan får du bevilget træning?": "du vil modtage en bevilling inden
  -- for: tre hverdage, hvis du har ansøgt om genoptræning" / "fem
  -- hverdage, hvis du har ansøgt om vedligeholdende træning", from the
  -- referral.
  ('decision', '86.1', 'referral', 'decision', 3, 'workdays', 'always'),
  ('decision', '86.2', 'referral', 'decision', 5, 'workdays', 'always'),
  -- "Genoptræning - Servicelovens § 86, stk. 1 › Hvordan tilrettelægges
  -- genoptræningen?": "... til du er begyndt i genoptræning, kan der gå op
  -- til 8 hverdage"; "Vedligeholdende træning - Servicelovens § 86, stk. 2
  -- › Hvordan tilrettelægges den vedligeholdende træning?": "op til 10
  -- hverdage". Until the first session that counts; not after a refusal.
  ('start', '86.1', 'referral', 'session', 8, 'workdays', 'not_refused'),
  ('start', '86.2', 'referral', 'session', 10, 'workdays', 'not_refused'),
  -- "Hvordan får du bevilget træning?": "Du tilbydes opstart inden for fem
  -- hverdage efter Træningsenheden har modtaget bevillingen" - from
  -- grant_received, else the first granting decision; only if granted.
  ('start_after_grant', '86.1', 'grant', 'session', 5, 'workdays', 'granted'),
  ('start_after_grant', '86.2', 'grant', 'session', 5, 'workdays', 'granted'),
  -- "Hvis du ønsker at klage": "Du meddeles resultatet af genvurderingen
  -- senest 4 uger efter, visitationens modtagelse af din klage."
  ('complaint_reconsideration', '86.1', 'complaint', 'complaint_decided', 28, 'days', 'always'),
  ('complaint_reconsideration', '86.2', 'complaint', 'complaint_decided', 28, 'days', 'always'),
  -- "Hvis du ønsker at klage": "Hvis ikke afgørelsen ændres, sendes din
  -- klage til Ankestyrelsen ... senest 4 uger efter, at klagen er modtaget
  -- i visitationen" - unless the first reconsideration upheld it fully.
  ('complaint_forward', '86.1', 'complaint', 'complaint_forwarded', 28, 'days', 'not_fully_upheld'),
  ('complaint_forward', '86.2', 'complaint', 'complaint_forwarded', 28, 'days', 'not_fully_upheld')
),
-- A correction replaces the event it corrects (its latest correction
-- wins; "event": null withdraws it); notes change nothing.
fix AS (
  SELECT corrects, max(id) AS id FROM case_events
  WHERE municipality = :municipality AND type = 'correction'
  GROUP BY corrects
),
-- The corrected events: type, date and body as the case now has them;
-- pos orders events of the same date (the order they were registered).
ev AS (
  SELECT e.case_id, e.id AS pos,
         coalesce(json_extract(k.body, '$.event.type'), e.type) AS type,
         coalesce(json_extract(k.body, '$.event.date'), e.event_date) AS day,
         coalesce(json_extract(k.body, '$.event'), e.body) AS body
  FROM case_events e
  LEFT JOIN fix f ON f.corrects = e.id
  LEFT JOIN case_events k ON k.id = f.id
  WHERE e.municipality = :municipality AND e.type NOT IN ('note', 'correction')
    AND (k.id IS NULL OR json_type(k.body, '$.event') = 'object')
),
-- What each case's deadlines need, in one pass over its events: the first
-- date of each anchor, and (by the latest date, then the latest
-- registered) whether the latest decision granted; the first
-- reconsideration's "upheld". Every complaint counts: Aalborg's one
-- complaint route reconsiders ("Hvis du ønsker at klage": "Når
-- visitationen har modtaget din klage, vil din sag blive genvurderet").
facts AS (
  SELECT case_id,
    max(CASE WHEN type = 'referral_received' THEN json_extract(body, '$.paragraph') END) AS paragraph,
    min(CASE WHEN type = 'referral_received' THEN day END) AS referral,
    min(CASE WHEN type = 'decision' THEN day END) AS decision,
    substr(max(CASE WHEN type = 'decision'
                    THEN day || printf('%019d', pos) || json_extract(body, '$.granted') END), 30) AS latest_granted,
    min(CASE WHEN type = 'decision' AND json_extract(body, '$.granted') THEN day END) AS first_grant,
    min(CASE WHEN type = 'grant_received' THEN day END) AS grant_received,
    min(CASE WHEN type = 'session' AND json_extract(body, '$.outcome') <> 'provider_cancelled'
             THEN day END) AS session,
    min(CASE WHEN type = 'complaint_received' THEN day END) AS complaint,
    min(CASE WHEN type = 'complaint_decided' THEN day END) AS complaint_decided,
    substr(min(CASE WHEN type = 'complaint_decided'
                    THEN day || printf('%019d', pos) || json_extract(body, '$.upheld') END), 30) AS first_upheld,
    min(CASE WHEN type = 'complaint_forwarded' THEN day END) AS complaint_forwarded
  FROM ev GROUP BY case_id
),
-- Each case's deadlines: counted from, due, done.
dl AS (
  SELECT r.id, f.paragraph, r.amount, r.unit,
         CASE r.anchor WHEN 'referral' THEN f.referral
                       WHEN 'grant' THEN coalesce(f.grant_received, f.first_grant)
                       ELSE f.complaint END AS from_day,
         CASE r.until WHEN 'decision' THEN f.decision
                      WHEN 'session' THEN f.session
                      WHEN 'complaint_decided' THEN f.complaint_decided
                      ELSE f.complaint_forwarded END AS done
  FROM facts f JOIN rules r ON r.paragraph = f.paragraph
  WHERE CASE r.cond WHEN 'always' THEN 1
                    WHEN 'not_refused' THEN f.decision IS NULL OR f.latest_granted = '1'
                    WHEN 'granted' THEN f.latest_granted = '1'
                    ELSE f.complaint_decided IS NOT NULL AND f.first_upheld <> 'full' END
),
due AS (
  SELECT dl.*, CASE dl.unit
           WHEN 'days' THEN date(from_day, '+' || amount || ' days')
           ELSE (SELECT w.day FROM calendar w
                 WHERE w.workday = 1
                   AND w.workday_no = (SELECT c.workday_no FROM calendar c WHERE c.day = from_day) + amount)
         END AS due
  FROM dl WHERE from_day IS NOT NULL
),
-- The deadlines due in the period, with status, days and workdays, once
-- for the period (month '') and once for the due date's month.
judged AS (
  SELECT id, paragraph, due,
         CASE WHEN done IS NOT NULL AND done <= due THEN 'met'
              WHEN done IS NOT NULL THEN 'late'
              WHEN :as_of <= due THEN 'pending' ELSE 'overdue' END AS status,
         CASE WHEN done IS NOT NULL THEN CAST(julianday(done) - julianday(from_day) AS INTEGER) END AS days,
         CASE WHEN done IS NOT NULL THEN max(0,
              (SELECT workday_no FROM calendar WHERE day = done) -
              (SELECT workday_no FROM calendar WHERE day = from_day)) END AS workdays
  FROM due WHERE due BETWEEN :from AND :to
),
keyed AS (
  SELECT '' AS month, * FROM judged
  UNION ALL
  SELECT substr(due, 1, 7), * FROM judged
),
counts AS (
  SELECT month, id, paragraph,
         sum(status = 'met') AS met, sum(status = 'late') AS late,
         sum(status = 'pending') AS pending, sum(status = 'overdue') AS overdue,
         sum(days IS NOT NULL) AS n
  FROM keyed GROUP BY month, id, paragraph
),
-- The done deadlines ranked by days and by workdays: the median is the
-- value at rank ceil(n/2) = (n + 1) / 2, the 90th percentile at rank
-- ceil(0.9 n) = (9 n + 9) / 10, in whole numbers (report.md).
ranked AS (
  SELECT month, id, paragraph, days, workdays,
         row_number() OVER (PARTITION BY month, id, paragraph ORDER BY days) AS by_days,
         row_number() OVER (PARTITION BY month, id, paragraph ORDER BY workdays) AS by_workdays
  FROM keyed WHERE days IS NOT NULL
),
ranks AS (
  SELECT c.month, c.id, c.paragraph,
         max(CASE WHEN r.by_days = (c.n + 1) / 2 THEN r.days END) AS days_median,
         max(CASE WHEN r.by_days = (9 * c.n + 9) / 10 THEN r.days END) AS days_p90,
         max(CASE WHEN r.by_workdays = (c.n + 1) / 2 THEN r.workdays END) AS workdays_median,
         max(CASE WHEN r.by_workdays = (9 * c.n + 9) / 10 THEN r.workdays END) AS workdays_p90
  FROM counts c JOIN ranked r USING (month, id, paragraph)
  GROUP BY c.month, c.id, c.paragraph
)
SELECT c.month, c.id, c.paragraph, c.met, c.late, c.pending, c.overdue,
       -- met / (met + late + overdue), rounded half up to 4 decimals in
       -- whole numbers; null when nothing was met, late or overdue.
       CASE WHEN c.met + c.late + c.overdue > 0
            THEN ((c.met * 20000 + c.met + c.late + c.overdue) / (2 * (c.met + c.late + c.overdue))) / 10000.0
       END AS share_met,
       r.days_median, r.days_p90, r.workdays_median, r.workdays_p90
FROM counts c LEFT JOIN ranks r USING (month, id, paragraph)
ORDER BY c.month, c.id, c.paragraph;
