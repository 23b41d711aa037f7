-- 006-sync-acks.sql — a device retires its rejected answers (DESIGN §4)
--
-- Pull sends a device every rejected answer it has not retired, so that an
-- outbox row rejected while the device was away still learns why. Once
-- the device has shown the rejection to a person (an ops alert) it
-- acknowledges up to a device_seq, and pull stops sending those. The
-- answers themselves stay: a push of the same seq gets its stored answer
-- again, word for word.

ALTER TABLE sync_devices ADD COLUMN acked_seq INTEGER NOT NULL DEFAULT 0;
