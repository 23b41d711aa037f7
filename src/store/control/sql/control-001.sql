-- control 001 — the server's own database: tenants, users and their
-- roles, devices and their tokens, login attempts. Times are unix seconds
-- (UTC). No raw token or password is ever stored: passwords as Argon2id
-- strings, tokens as the hex BLAKE2b-256 of the token text.

CREATE TABLE tenants (
  tenant_id   TEXT    PRIMARY KEY NOT NULL,
  name        TEXT    NOT NULL,
  sector      TEXT    NOT NULL,
  created_at  INTEGER NOT NULL
) WITHOUT ROWID;

-- email is stored trimmed and lower-cased (ASCII), so UNIQUE holds across
-- "Ada@X.com" and " ada@x.com".
CREATE TABLE users (
  user_id        TEXT    PRIMARY KEY NOT NULL,
  email          TEXT    NOT NULL UNIQUE,
  display_name   TEXT    NOT NULL,
  password_hash  TEXT    NOT NULL,
  created_at     INTEGER NOT NULL
) WITHOUT ROWID;

CREATE TABLE memberships (
  tenant_id   TEXT    NOT NULL REFERENCES tenants (tenant_id),
  user_id     TEXT    NOT NULL REFERENCES users (user_id),
  role        TEXT    NOT NULL CHECK (role IN ('owner', 'manager', 'staff')),
  created_at  INTEGER NOT NULL,
  PRIMARY KEY (tenant_id, user_id)
) WITHOUT ROWID;
CREATE INDEX memberships_user ON memberships (user_id, tenant_id);

CREATE TABLE devices (
  device_id   TEXT    PRIMARY KEY NOT NULL,
  user_id     TEXT    NOT NULL REFERENCES users (user_id),
  created_at  INTEGER NOT NULL,
  revoked_at  INTEGER
) WITHOUT ROWID;
CREATE INDEX devices_user ON devices (user_id);

-- expires_at is the first second at which the token no longer works.
CREATE TABLE tokens (
  token_hash  TEXT    PRIMARY KEY NOT NULL,
  kind        TEXT    NOT NULL CHECK (kind IN ('access', 'refresh')),
  user_id     TEXT    NOT NULL REFERENCES users (user_id),
  device_id   TEXT    NOT NULL REFERENCES devices (device_id),
  expires_at  INTEGER NOT NULL,
  revoked_at  INTEGER
) WITHOUT ROWID;
CREATE INDEX tokens_device ON tokens (device_id, expires_at);

-- One row per failed or pending login; a successful login deletes them.
CREATE TABLE login_attempts (
  email  TEXT    NOT NULL,
  at     INTEGER NOT NULL
);
CREATE INDEX login_attempts_email ON login_attempts (email, at);
CREATE INDEX login_attempts_at ON login_attempts (at);
