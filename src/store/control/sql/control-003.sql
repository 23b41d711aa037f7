-- control 003 — a device bound to a business proves it is itself.
--
-- Device ids are not secret (every event carries its device's), so naming
-- one is no proof of holding it. The first sign-in on a device born in a
-- business gets a secret that only the device keeps; later sign-ins on
-- that id must present it. Only its BLAKE2b-256 (hex) is stored, as for
-- tokens. NULL until the first sign-in (a device adopted at sign-up).
ALTER TABLE devices ADD COLUMN secret_hash TEXT;
