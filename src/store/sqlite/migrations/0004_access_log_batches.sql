-- 0004: the batches of read rows the journal of reads has moved into
-- access_log (src/store/sqlite/read_journal.c), by the batch's own random
-- id: a batch whose import was committed is never imported twice, even if
-- its file outlived the import (a crash before the unlink). Reads are
-- logged when they happen and imported a moment later, so the log is
-- listed by time, not by id.

CREATE TABLE access_log_batches (
  batch TEXT PRIMARY KEY CHECK (length(batch) BETWEEN 1 AND 64),
  rows INTEGER NOT NULL CHECK (rows >= 0),
  imported_at TEXT NOT NULL
);
