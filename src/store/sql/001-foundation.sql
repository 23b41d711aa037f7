-- 001 — the foundation: the event log, its personal-data side table and
-- the projections every sector shares. Times are unix seconds (UTC),
-- money is integer minor units, percentages are basis points.

CREATE TABLE store_meta (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
) WITHOUT ROWID;

-- The immutable log. seq is the order events were applied here; on the
-- server it is the tenant's server_seq as well.
CREATE TABLE tenant_event_logs (
  seq            INTEGER PRIMARY KEY,
  event_id       TEXT    NOT NULL UNIQUE,
  tenant_id      TEXT    NOT NULL,
  device_id      TEXT    NOT NULL,
  device_seq     INTEGER NOT NULL,
  type           TEXT    NOT NULL,
  entity         TEXT    NOT NULL,
  entity_id      TEXT    NOT NULL,
  actor_user_id  TEXT    NOT NULL,
  actor_role     TEXT    NOT NULL,
  occurred_at    INTEGER NOT NULL,
  payload        TEXT    NOT NULL,   -- canonical JSON, never personal data
  has_pii        INTEGER NOT NULL DEFAULT 0,
  server_seq     INTEGER,            -- known when the server accepted it
  received_at    INTEGER,
  UNIQUE (device_id, device_seq)
);
CREATE INDEX tenant_event_logs_entity ON tenant_event_logs (entity_id, seq);

CREATE TRIGGER tenant_event_logs_no_update BEFORE UPDATE ON tenant_event_logs
BEGIN
  SELECT RAISE (ABORT, 'tenant_event_logs is append-only');
END;

CREATE TRIGGER tenant_event_logs_no_delete BEFORE DELETE ON tenant_event_logs
BEGIN
  SELECT RAISE (ABORT, 'tenant_event_logs is append-only');
END;

-- Personal data of an event, outside the immutable rows: erasing a person
-- deletes their rows here and never touches the log.
CREATE TABLE event_pii (
  event_id    TEXT PRIMARY KEY,
  subject_id  TEXT NOT NULL,         -- the customer the data is about
  pii         TEXT NOT NULL          -- canonical JSON
) WITHOUT ROWID;
CREATE INDEX event_pii_subject ON event_pii (subject_id);

-- ------------------------------------------------------------ tenant

CREATE TABLE tenant_settings (
  tenant_id               TEXT PRIMARY KEY,
  name                    TEXT    NOT NULL,
  sector                  TEXT    NOT NULL,
  timezone                TEXT    NOT NULL,
  currency                TEXT    NOT NULL,
  locale                  TEXT    NOT NULL,
  late_cancel_window_min  INTEGER NOT NULL DEFAULT 1440,
  slot_buffer_min         INTEGER NOT NULL DEFAULT 0,
  contact_cap_days        INTEGER NOT NULL DEFAULT 30,
  created_at              INTEGER NOT NULL,
  updated_at              INTEGER NOT NULL
) WITHOUT ROWID;

CREATE TABLE opening_hours (
  weekday     INTEGER NOT NULL,      -- ISO, 1 = Monday
  opens_min   INTEGER NOT NULL,      -- minutes after local midnight
  closes_min  INTEGER NOT NULL,
  PRIMARY KEY (weekday, opens_min)
) WITHOUT ROWID;

CREATE TABLE tenant_blueprint_overrides (
  tenant_id   TEXT PRIMARY KEY,
  sector      TEXT    NOT NULL,
  overrides   TEXT    NOT NULL,      -- JSON object, {} when none
  updated_at  INTEGER NOT NULL
) WITHOUT ROWID;

CREATE TABLE compliance_profiles (
  tenant_id         TEXT PRIMARY KEY,
  kvkk              INTEGER NOT NULL,
  gdpr_ready        INTEGER NOT NULL,
  healthcare_mode   INTEGER NOT NULL,
  retention_months  INTEGER NOT NULL,
  updated_at        INTEGER NOT NULL
) WITHOUT ROWID;

CREATE TABLE automation_rules (
  rule_id     TEXT PRIMARY KEY,
  kind        TEXT    NOT NULL,
  enabled     INTEGER NOT NULL,
  params      TEXT    NOT NULL,      -- JSON object
  updated_at  INTEGER NOT NULL
) WITHOUT ROWID;

-- Risk tiers of the tenant's effective blueprint: a customer whose days
-- since the last visit ÷ usual cycle (in basis points) is at least
-- min_ratio_bp is in the tier.
CREATE TABLE retention_segments (
  tier          TEXT PRIMARY KEY,
  min_ratio_bp  INTEGER NOT NULL
) WITHOUT ROWID;

CREATE TABLE business_closures (
  closure_id  TEXT PRIMARY KEY,
  starts_on   TEXT NOT NULL,         -- local dates, YYYY-MM-DD
  ends_on     TEXT NOT NULL,
  reason      TEXT NOT NULL
) WITHOUT ROWID;

-- --------------------------------------------------------- resources

CREATE TABLE tenant_resources (
  resource_id  TEXT PRIMARY KEY,
  kind         TEXT    NOT NULL,
  name         TEXT    NOT NULL,
  in_service   INTEGER NOT NULL DEFAULT 1,
  deleted_at   INTEGER,
  created_at   INTEGER NOT NULL,
  updated_at   INTEGER NOT NULL
) WITHOUT ROWID;

-- ------------------------------------------------------------- staff

CREATE TABLE staff (
  staff_id      TEXT PRIMARY KEY,
  display_name  TEXT    NOT NULL,
  role          TEXT    NOT NULL,
  skills        TEXT    NOT NULL DEFAULT '[]',
  active        INTEGER NOT NULL DEFAULT 1,
  pin_hash      TEXT,
  created_at    INTEGER NOT NULL,
  updated_at    INTEGER NOT NULL
) WITHOUT ROWID;

CREATE TABLE staff_hours (
  staff_id    TEXT    NOT NULL,
  weekday     INTEGER NOT NULL,
  starts_min  INTEGER NOT NULL,
  ends_min    INTEGER NOT NULL,
  PRIMARY KEY (staff_id, weekday, starts_min)
) WITHOUT ROWID;

CREATE TABLE staff_absences (
  absence_id  TEXT PRIMARY KEY,
  staff_id    TEXT    NOT NULL,
  kind        TEXT    NOT NULL,
  starts_at   INTEGER NOT NULL,
  ends_at     INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX staff_absences_staff ON staff_absences (staff_id, starts_at);

-- ---------------------------------------------------------- services

CREATE TABLE services (
  service_id      TEXT PRIMARY KEY,
  code            TEXT    NOT NULL,
  name            TEXT    NOT NULL,
  duration_min    INTEGER NOT NULL,
  price_minor     INTEGER NOT NULL,
  vat_rate_bp     INTEGER NOT NULL,
  resource_kinds  TEXT    NOT NULL,   -- JSON array
  revisit_days    INTEGER,
  active          INTEGER NOT NULL DEFAULT 1,
  created_at      INTEGER NOT NULL,
  updated_at      INTEGER NOT NULL
) WITHOUT ROWID;

-- --------------------------------------------------------- customers

-- Personal columns (full_name, phone, email, birth_date, city) come from
-- event_pii and are blanked on erasure. The visit columns are kept by the
-- reducer from appointment events, shaped for the Command Center.
CREATE TABLE customers (
  customer_id        TEXT PRIMARY KEY,
  full_name          TEXT,
  phone              TEXT,
  email              TEXT,
  birth_date         TEXT,
  city               TEXT,
  source             TEXT    NOT NULL,
  tags               TEXT    NOT NULL DEFAULT '[]',
  search_key         TEXT    NOT NULL DEFAULT '',
  erased_at          INTEGER,
  created_at         INTEGER NOT NULL,
  updated_at         INTEGER NOT NULL,
  completed_visits   INTEGER NOT NULL DEFAULT 0,
  no_shows           INTEGER NOT NULL DEFAULT 0,
  first_completed_at INTEGER,
  last_completed_at  INTEGER,
  last_status        TEXT,            -- status of the latest finished appointment
  next_start_at      INTEGER          -- earliest open appointment
);
CREATE INDEX customers_last_completed ON customers (last_completed_at, next_start_at);

-- Instant search over the folded key (docs/search.md).
CREATE VIRTUAL TABLE customer_search USING fts5 (
  search_key,
  content = 'customers',
  content_rowid = 'rowid',
  prefix = '1 2 3',
  tokenize = 'unicode61 remove_diacritics 0'
);

CREATE TRIGGER customers_search_insert AFTER INSERT ON customers
BEGIN
  INSERT INTO customer_search (rowid, search_key) VALUES (new.rowid, new.search_key);
END;

CREATE TRIGGER customers_search_update AFTER UPDATE OF search_key ON customers
BEGIN
  INSERT INTO customer_search (customer_search, rowid, search_key) VALUES ('delete', old.rowid, old.search_key);
  INSERT INTO customer_search (rowid, search_key) VALUES (new.rowid, new.search_key);
END;

CREATE TRIGGER customers_search_delete AFTER DELETE ON customers
BEGIN
  INSERT INTO customer_search (customer_search, rowid, search_key) VALUES ('delete', old.rowid, old.search_key);
END;

CREATE TABLE vehicles (
  vehicle_id   TEXT PRIMARY KEY,
  customer_id  TEXT    NOT NULL,
  plate        TEXT,
  make         TEXT,
  model        TEXT,
  year         INTEGER,
  km           INTEGER,
  created_at   INTEGER NOT NULL,
  updated_at   INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX vehicles_customer ON vehicles (customer_id);

CREATE TABLE treatment_plans (
  plan_id      TEXT PRIMARY KEY,
  customer_id  TEXT    NOT NULL,
  title        TEXT    NOT NULL,
  total_steps  INTEGER NOT NULL,
  done_steps   INTEGER NOT NULL DEFAULT 0,
  created_at   INTEGER NOT NULL,
  updated_at   INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX treatment_plans_customer ON treatment_plans (customer_id);

CREATE TABLE treatment_plan_steps (
  plan_id         TEXT    NOT NULL,
  step_id         TEXT    NOT NULL,
  position        INTEGER NOT NULL,
  label           TEXT    NOT NULL,
  service_id      TEXT,
  done_at         INTEGER,
  appointment_id  TEXT,
  PRIMARY KEY (plan_id, step_id)
) WITHOUT ROWID;

-- ------------------------------------------------------ appointments

CREATE TABLE appointments (
  appointment_id  TEXT PRIMARY KEY,
  customer_id     TEXT    NOT NULL,
  starts_at       INTEGER NOT NULL,
  ends_at         INTEGER NOT NULL,
  status          TEXT    NOT NULL,  -- booked confirmed arrived completed cancelled no_show
  source          TEXT    NOT NULL,
  total_minor     INTEGER NOT NULL,
  vehicle_id      TEXT,
  plan_step_id    TEXT,
  campaign_id     TEXT,
  late_min        INTEGER,
  cancelled_by    TEXT,
  cancel_reason   TEXT,
  late_cancel     INTEGER NOT NULL DEFAULT 0,
  cancelled_at    INTEGER,
  created_by      TEXT    NOT NULL,
  created_at      INTEGER NOT NULL,
  updated_at      INTEGER NOT NULL
) WITHOUT ROWID;
-- Covering index for the KPI queries (DESIGN §9: 141 ms → 8 ms).
CREATE INDEX appointments_time ON appointments (starts_at, status, ends_at);
CREATE INDEX appointments_customer ON appointments (customer_id, starts_at);

CREATE TABLE appointment_items (
  appointment_id  TEXT    NOT NULL,
  position        INTEGER NOT NULL,
  service_id      TEXT    NOT NULL,
  staff_id        TEXT,
  starts_at       INTEGER NOT NULL,
  ends_at         INTEGER NOT NULL,
  price_minor     INTEGER NOT NULL,
  PRIMARY KEY (appointment_id, position)
) WITHOUT ROWID;
CREATE INDEX appointment_items_staff ON appointment_items (staff_id, starts_at);

CREATE TABLE appointment_resources (
  appointment_id  TEXT    NOT NULL,
  position        INTEGER NOT NULL,
  resource_id     TEXT    NOT NULL,
  starts_at       INTEGER NOT NULL,
  ends_at         INTEGER NOT NULL,
  PRIMARY KEY (appointment_id, position, resource_id)
) WITHOUT ROWID;
CREATE INDEX appointment_resources_time ON appointment_resources (resource_id, starts_at);

-- -------------------------------------------------------------- CRM

CREATE TABLE notes (
  note_id      TEXT PRIMARY KEY,
  customer_id  TEXT    NOT NULL,
  kind         TEXT    NOT NULL,     -- general | health
  text         TEXT,                 -- from event_pii, NULL once erased
  created_by   TEXT    NOT NULL,
  created_at   INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX notes_customer ON notes (customer_id, created_at);

CREATE TABLE reminders (
  reminder_id     TEXT PRIMARY KEY,
  customer_id     TEXT    NOT NULL,
  channel         TEXT    NOT NULL,
  purpose         TEXT    NOT NULL,
  due_at          INTEGER NOT NULL,
  template        TEXT    NOT NULL,
  appointment_id  TEXT,
  campaign_id     TEXT,
  status          TEXT    NOT NULL DEFAULT 'queued',  -- queued sent failed completed
  sent_at         INTEGER,
  provider        TEXT,
  provider_ref    TEXT,
  failure         TEXT,
  outcome         TEXT,
  created_at      INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX reminders_due ON reminders (status, due_at);
CREATE INDEX reminders_customer ON reminders (customer_id, sent_at);

CREATE TABLE reviews (
  review_id       TEXT PRIMARY KEY,
  rating          INTEGER NOT NULL,
  source          TEXT    NOT NULL,
  customer_id     TEXT,
  appointment_id  TEXT,
  comment         TEXT,              -- from event_pii
  received_at     INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX reviews_time ON reviews (received_at);

CREATE TABLE ops_alerts (
  alert_id        TEXT PRIMARY KEY,
  kind            TEXT    NOT NULL,
  severity        TEXT    NOT NULL,
  subject_entity  TEXT,
  subject_id      TEXT,
  detail          TEXT,
  raised_at       INTEGER NOT NULL,
  resolved_at     INTEGER,
  resolution      TEXT
) WITHOUT ROWID;
CREATE INDEX ops_alerts_open ON ops_alerts (resolved_at, raised_at);

CREATE TABLE waitlist (
  entry_id        TEXT PRIMARY KEY,
  customer_id     TEXT    NOT NULL,
  service_id      TEXT    NOT NULL,
  earliest_at     INTEGER,
  latest_at       INTEGER,
  staff_id        TEXT,
  added_at        INTEGER NOT NULL,
  removed_at      INTEGER,
  removed_reason  TEXT
) WITHOUT ROWID;

CREATE TABLE consents (
  consent_id        TEXT PRIMARY KEY,
  customer_id       TEXT    NOT NULL,
  purpose           TEXT    NOT NULL,
  channel           TEXT    NOT NULL,
  source            TEXT    NOT NULL,
  iys_state         TEXT    NOT NULL,
  given_at          INTEGER NOT NULL,
  withdrawn_at      INTEGER,
  withdrawn_source  TEXT
) WITHOUT ROWID;
CREATE INDEX consents_customer ON consents (customer_id, purpose);

-- ----------------------------------------------------------- revenue

CREATE TABLE revenue_events (
  revenue_event_id  TEXT PRIMARY KEY,
  kind              TEXT    NOT NULL,
  source            TEXT    NOT NULL,
  method            TEXT    NOT NULL,
  amount_minor      INTEGER NOT NULL,
  discount_minor    INTEGER NOT NULL DEFAULT 0,
  currency          TEXT    NOT NULL,
  vat_rate_bp       INTEGER NOT NULL,
  vat_minor         INTEGER NOT NULL,  -- KDV inside amount_minor, half up
  booked_at         INTEGER NOT NULL,
  customer_id       TEXT,
  appointment_id    TEXT,
  staff_id          TEXT,
  campaign_id       TEXT,
  recorded_by       TEXT    NOT NULL
) WITHOUT ROWID;
CREATE INDEX revenue_events_time ON revenue_events (booked_at, kind, amount_minor);

-- -------------------------------------------------------- automation

CREATE TABLE campaigns (
  campaign_id           TEXT PRIMARY KEY,
  tier                  TEXT    NOT NULL,
  channel               TEXT    NOT NULL,
  customer_count        INTEGER NOT NULL,
  expected_value_minor  INTEGER NOT NULL,
  queued_by             TEXT    NOT NULL,
  queued_at             INTEGER NOT NULL
) WITHOUT ROWID;

CREATE TABLE campaign_members (
  campaign_id  TEXT NOT NULL,
  customer_id  TEXT NOT NULL,
  reminder_id  TEXT NOT NULL,
  PRIMARY KEY (campaign_id, customer_id)
) WITHOUT ROWID;
