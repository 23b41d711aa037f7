-- 003 — what the Command Center's questions need at 100k customers and
-- a million visits (bench-command-center): lookups by appointment for
-- reminders and reviews, sales by customer, sends by purpose, bookings by
-- vehicle, the end side of staff and resource bookings for the slot
-- search, and each customer's completed spend and sales kept as
-- projection columns beside completed_visits (the at-risk money and the
-- average ticket are then one row each).

ALTER TABLE customers ADD COLUMN completed_minor INTEGER NOT NULL DEFAULT 0;
ALTER TABLE customers ADD COLUMN sales_minor INTEGER NOT NULL DEFAULT 0;
ALTER TABLE customers ADD COLUMN sales_tickets INTEGER NOT NULL DEFAULT 0;

UPDATE customers SET completed_minor =
  (SELECT coalesce (sum (a.total_minor), 0) FROM appointments a
   WHERE a.customer_id = customers.customer_id AND a.status = 'completed');

UPDATE customers SET
  sales_minor = (SELECT coalesce (sum (r.amount_minor), 0) FROM revenue_events r
                 WHERE r.customer_id = customers.customer_id AND r.kind = 'sale'),
  sales_tickets = (SELECT count (DISTINCT coalesce (r.appointment_id, r.revenue_event_id)) FROM revenue_events r
                   WHERE r.customer_id = customers.customer_id AND r.kind = 'sale');

CREATE INDEX reminders_appointment ON reminders (appointment_id, purpose);
CREATE INDEX reminders_purpose_sent ON reminders (purpose, sent_at);
CREATE INDEX reviews_appointment ON reviews (appointment_id);
CREATE INDEX revenue_events_customer ON revenue_events (customer_id, kind);
CREATE INDEX appointments_vehicle ON appointments (vehicle_id);
CREATE INDEX appointment_items_staff_end ON appointment_items (staff_id, ends_at);
CREATE INDEX appointment_resources_end ON appointment_resources (resource_id, ends_at);
