-- 002 — Revenue OS: till counts, and the index the staff report reads.
-- Money is integer minor units, times unix seconds (UTC); business_date
-- is the local day in the tenant's zone, YYYY-MM-DD.

-- One row per cash.reconciled event. A recount is a new row: counts are
-- money records and, like the ledger, never corrected in place.
CREATE TABLE cash_counts (
  cash_count_id     TEXT PRIMARY KEY,
  business_date     TEXT    NOT NULL,
  counted_minor     INTEGER NOT NULL,
  expected_minor    INTEGER NOT NULL,
  difference_minor  INTEGER NOT NULL,  -- counted − expected; negative is a shortfall
  note              TEXT,
  counted_by        TEXT    NOT NULL,
  counted_at        INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX cash_counts_day ON cash_counts (business_date, counted_at);

-- The staff report sums each member's ledger lines over a period.
CREATE INDEX revenue_events_staff ON revenue_events (staff_id, booked_at);
