-- 004-sync-server.sql — the server's bookkeeping of sync push (DESIGN §4)
--
-- Per device, the last device_seq the server processed and the answer it
-- gave to each. The tables exist in every tenant database (one schema
-- for app and server) but only the server writes them.

CREATE TABLE sync_devices (
  device_id  TEXT PRIMARY KEY,
  last_seq   INTEGER NOT NULL
) WITHOUT ROWID;

CREATE TABLE sync_answers (
  device_id    TEXT    NOT NULL,
  device_seq   INTEGER NOT NULL,
  event_id     TEXT,                -- NULL when the event had no readable id
  status       TEXT    NOT NULL CHECK (status IN ('accepted', 'rejected')),
  code         TEXT,                -- rejected: machine-readable reason
  message      TEXT,                -- rejected: for people
  conflict_id  TEXT,                -- resource_busy: the appointment in the way
  server_seq   INTEGER,             -- accepted: the event's seq in the log
  PRIMARY KEY (device_id, device_seq)
) WITHOUT ROWID;

-- An accepted event, its answer and the device's new last_seq are one
-- transaction: the store's append logs the event, and this trigger writes
-- the answer in the same statement. It fires only for the event a pushing
-- device is expected to send next (its row exists and last_seq is one
-- below), so the app's own log and replays never touch these tables.
CREATE TRIGGER sync_answers_accept AFTER INSERT ON tenant_event_logs
WHEN EXISTS (SELECT 1 FROM sync_devices
             WHERE device_id = NEW.device_id AND last_seq = NEW.device_seq - 1)
BEGIN
  INSERT INTO sync_answers (device_id, device_seq, event_id, status, server_seq)
    VALUES (NEW.device_id, NEW.device_seq, NEW.event_id, 'accepted', NEW.seq);
  UPDATE sync_devices SET last_seq = NEW.device_seq WHERE device_id = NEW.device_id;
END;
