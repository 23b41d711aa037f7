-- control 002 — devices born in a business, desk devices, each member's
-- staff row, and sign-in attempts counted per client address too.

-- The business a device was born in: the app makes its device id when it
-- creates a business offline, and keeps it. Any member of that business
-- may sign in on it; nobody else. NULL for a device the server named.
-- user_id is then whoever signed in on it last.
ALTER TABLE devices ADD COLUMN tenant_id TEXT REFERENCES tenants (tenant_id);

-- The member's staff row in the tenant's own database (its staff_id):
-- the owner's is derived from the tenant id (ahi_tenant_owner_id), a
-- member added later gets a new one. The membership's role is the truth;
-- the staff row's role follows it.
ALTER TABLE memberships ADD COLUMN staff_id TEXT;
CREATE UNIQUE INDEX memberships_staff ON memberships (tenant_id, staff_id);

-- Devices an owner or manager registered as a shared front desk of the
-- business, on which any of its members may act.
CREATE TABLE desk_devices (
  tenant_id      TEXT    NOT NULL REFERENCES tenants (tenant_id),
  device_id      TEXT    NOT NULL REFERENCES devices (device_id),
  registered_by  TEXT    NOT NULL REFERENCES users (user_id),
  registered_at  INTEGER NOT NULL,
  PRIMARY KEY (tenant_id, device_id)
) WITHOUT ROWID;

-- The client address of each failed login (NULL when unknown).
ALTER TABLE login_attempts ADD COLUMN address TEXT;
CREATE INDEX login_attempts_address ON login_attempts (address, at);
