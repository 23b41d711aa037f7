-- 005-health-audit.sql — who read a patient's health notes, and when
--
-- In healthcare mode every read of a patient's health notes (an answer,
-- a pull page, a bootstrap copy) is recorded: KVKK md. 6 treats health
-- data as special-category data, and the clinic must be able to say who
-- saw it. Like 004 the table exists in every tenant database; the server
-- writes it. It holds ids and times only, no personal data.

CREATE TABLE health_note_reads (
  id           INTEGER PRIMARY KEY,
  read_at      INTEGER NOT NULL,      -- unix seconds
  user_id      TEXT    NOT NULL,      -- who asked (the token's user)
  role         TEXT    NOT NULL,
  customer_id  TEXT    NOT NULL,      -- whose notes
  channel      TEXT    NOT NULL       -- 'api', 'pull', 'bootstrap'
);

CREATE INDEX health_note_reads_customer ON health_note_reads (customer_id, read_at);

-- The audit is evidence: it may grow, never change.
CREATE TRIGGER health_note_reads_no_update BEFORE UPDATE ON health_note_reads
BEGIN
  SELECT RAISE(ABORT, 'health_note_reads is append-only');
END;
CREATE TRIGGER health_note_reads_no_delete BEFORE DELETE ON health_note_reads
BEGIN
  SELECT RAISE(ABORT, 'health_note_reads is append-only');
END;
