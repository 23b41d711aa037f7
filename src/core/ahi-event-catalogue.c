/* ahi-event-catalogue.c — every event type, its entity and its fields
 *
 * This table is the contract (docs/events.md is checked against it by a
 * test). Entity ids travel in the envelope's entity_id, never again in the
 * payload; personal data travels in "pii" and never reaches the log.
 */
#include "ahi-event.h"

#define END { NULL }
#define REQ TRUE
#define OPT FALSE

const char * const ahi_actor_roles[] = { "owner", "manager", "staff", "system", NULL };

static const char * const sectors[] = { "hair_beauty", "dental_esthetic", "auto_service", "generic", NULL };
static const char * const staff_roles[] = { "owner", "manager", "staff", NULL };
static const char * const customer_sources[] = { "walk_in", "phone", "online", "referral", "import", "other", NULL };
static const char * const booking_sources[] = { "desk", "phone", "walk_in", "online", "campaign", NULL };
static const char * const appointment_statuses[] = { "confirmed", "arrived", "completed", "no_show", NULL };
static const char * const cancelled_by[] = { "customer", "business", NULL };
static const char * const booking_overrides[] = { "outside_hours", NULL };
static const char * const note_kinds[] = { "general", "health", NULL };
static const char * const channels[] = { "whatsapp", "sms", "email", "call", NULL };
static const char * const reminder_purposes[] = {
  "appointment_reminder", "appointment_confirmation", "reactivation", "rebook",
  "review_request", "recovery", "treatment_continuity", "maintenance_recall", "slot_offer", NULL
};
static const char * const reminder_results[] = { "sent", "failed", NULL };
static const char * const reminder_outcomes[] = { "booked", "declined", "no_answer", "cancelled", NULL };
static const char * const review_sources[] = { "internal", "google", "whatsapp", "other", NULL };
static const char * const alert_severities[] = { "info", "warning", "critical", NULL };
static const char * const consent_purposes[] = { "marketing", "health_data", NULL };
static const char * const consent_sources[] = { "in_person", "paper_form", "online_form", "phone", "import", NULL };
static const char * const iys_states[] = { "not_required", "pending", "registered", "rejected", NULL };
static const char * const revenue_kinds[] = { "sale", "refund", "deposit", "no_show_fee", "adjustment", NULL };
static const char * const revenue_sources[] = { "appointment", "product", "package", "campaign", "manual", NULL };
static const char * const payment_methods[] = { "cash", "card", "transfer", NULL };
static const char * const absence_kinds[] = { "break", "leave", "sick", NULL };
static const char * const risk_tiers[] = { "due", "at_risk", "lost", NULL };
static const char * const waitlist_reasons[] = { "booked", "withdrawn", "expired", NULL };

/* ---------------------------------------------------------------- tenant */

static const AhiFieldSpec opening_interval_fields[] = {
  { "weekday", AHI_FIELD_INT, REQ, 1, 7, .doc = "ISO weekday, 1 = Monday" },
  { "opens", AHI_FIELD_CLOCK, REQ, .doc = "local time the interval starts" },
  { "closes", AHI_FIELD_CLOCK, REQ, .doc = "local time the interval ends (after opens)" },
  END
};

static const AhiFieldSpec tenant_created[] = {
  { "name", AHI_FIELD_STRING, REQ, .max = 120, .doc = "the business's name as shown in the header" },
  { "sector", AHI_FIELD_ENUM, REQ, .values = sectors, .doc = "blueprint id" },
  { "timezone", AHI_FIELD_STRING, REQ, .max = 64, .doc = "IANA zone, e.g. Europe/Istanbul" },
  { "currency", AHI_FIELD_CURRENCY, REQ, .doc = "ISO 4217, e.g. TRY" },
  { "locale", AHI_FIELD_STRING, REQ, .max = 16, .doc = "language of the desk, e.g. tr" },
  { "opening_hours", AHI_FIELD_OBJECT_LIST, REQ, 0, 28, .item_fields = opening_interval_fields,
    .doc = "weekly opening intervals" },
  END
};

static const AhiFieldSpec tenant_settings_updated[] = {
  { "name", AHI_FIELD_STRING, OPT, .max = 120, .doc = "the business's name" },
  { "timezone", AHI_FIELD_STRING, OPT, .max = 64, .doc = "IANA zone" },
  { "locale", AHI_FIELD_STRING, OPT, .max = 16, .doc = "language of the desk" },
  { "opening_hours", AHI_FIELD_OBJECT_LIST, OPT, 0, 28, .item_fields = opening_interval_fields,
    .doc = "replaces the weekly opening intervals" },
  { "late_cancel_window_min", AHI_FIELD_INT, OPT, 0, 7 * 24 * 60,
    .doc = "a cancellation this close to the start counts as late" },
  { "slot_buffer_min", AHI_FIELD_INT, OPT, 0, 240, .doc = "minutes kept free after each booking" },
  { "contact_cap_days", AHI_FIELD_INT, OPT, 0, 365,
    .doc = "a customer gets at most one marketing message in this many days" },
  END
};

static const AhiFieldSpec blueprint_updated[] = {
  { "sector", AHI_FIELD_ENUM, REQ, .values = sectors, .doc = "blueprint id the tenant runs on" },
  { "overrides", AHI_FIELD_OBJECT, OPT, .doc = "tenant overrides merged over the shipped blueprint (docs/blueprints.md)" },
  END
};

static const AhiFieldSpec compliance_profile_updated[] = {
  { "kvkk", AHI_FIELD_BOOL, REQ, .doc = "KVKK (Law 6698) rules on" },
  { "gdpr_ready", AHI_FIELD_BOOL, REQ, .doc = "GDPR export and erasure on" },
  { "healthcare_mode", AHI_FIELD_BOOL, REQ, .doc = "health notes are special-category data" },
  { "retention_months", AHI_FIELD_INT, REQ, 1, 600, .doc = "personal data of inactive customers is kept this long" },
  END
};

static const AhiFieldSpec automation_rule_set[] = {
  { "kind", AHI_FIELD_STRING, REQ, .max = 64, .doc = "rule kind, e.g. rebook, recall, review_request" },
  { "enabled", AHI_FIELD_BOOL, REQ, .doc = "whether the rule proposes actions" },
  { "params", AHI_FIELD_OBJECT, REQ, .doc = "the rule's parameters (windows, caps, channels)" },
  END
};

static const AhiFieldSpec closure_added[] = {
  { "starts_on", AHI_FIELD_DATE, REQ, .doc = "first closed day (local)" },
  { "ends_on", AHI_FIELD_DATE, REQ, .doc = "last closed day (local), not before starts_on" },
  { "reason", AHI_FIELD_STRING, REQ, .max = 120, .doc = "e.g. Ramazan Bayramı" },
  END
};

static const AhiFieldSpec closure_removed[] = {
  { "reason", AHI_FIELD_TEXT, OPT, .max = 200, .doc = "why the closure was lifted" },
  END
};

/* ------------------------------------------------------------- resources */

static const AhiFieldSpec resource_created[] = {
  { "kind", AHI_FIELD_STRING, REQ, .max = 40, .doc = "a resource kind of the blueprint (chair, room, lift…)" },
  { "name", AHI_FIELD_STRING, REQ, .max = 80, .doc = "e.g. Koltuk 1" },
  END
};

static const AhiFieldSpec resource_updated[] = {
  { "kind", AHI_FIELD_STRING, OPT, .max = 40, .doc = "resource kind" },
  { "name", AHI_FIELD_STRING, OPT, .max = 80, .doc = "display name" },
  { "in_service", AHI_FIELD_BOOL, OPT, .doc = "false while broken or under maintenance" },
  END
};

static const AhiFieldSpec resource_deleted[] = {
  { "reason", AHI_FIELD_TEXT, OPT, .max = 200, .doc = "why it was removed" },
  END
};

/* ------------------------------------------------------------------ staff */

static const AhiFieldSpec work_interval_fields[] = {
  { "weekday", AHI_FIELD_INT, REQ, 1, 7, .doc = "ISO weekday, 1 = Monday" },
  { "starts", AHI_FIELD_CLOCK, REQ, .doc = "local start" },
  { "ends", AHI_FIELD_CLOCK, REQ, .doc = "local end (after starts)" },
  END
};

static const AhiFieldSpec staff_created[] = {
  { "role", AHI_FIELD_ENUM, REQ, .values = staff_roles, .doc = "what the member may do" },
  { "skills", AHI_FIELD_STRING_LIST, OPT, 0, 32, .doc = "resource kinds or skills the member covers" },
  END
};

/* A staff member's name and PIN hash are personal data whose subject is
 * the member: they travel in pii, never in the log. */
static const AhiFieldSpec staff_pii[] = {
  { "display_name", AHI_FIELD_STRING, REQ, .max = 80, .doc = "name shown on the calendar" },
  END
};

static const AhiFieldSpec staff_updated[] = {
  { "role", AHI_FIELD_ENUM, OPT, .values = staff_roles, .doc = "what the member may do" },
  { "skills", AHI_FIELD_STRING_LIST, OPT, 0, 32, .doc = "replaces the skills" },
  { "active", AHI_FIELD_BOOL, OPT, .doc = "false when the member left" },
  END
};

static const AhiFieldSpec staff_update_pii[] = {
  { "display_name", AHI_FIELD_STRING, OPT, .max = 80, .doc = "name shown on the calendar" },
  { "pin_hash", AHI_FIELD_STRING, OPT, .max = 160, .doc = "Argon2id hash of the desk PIN (never the PIN)" },
  END
};

static const AhiFieldSpec staff_hours_set[] = {
  { "intervals", AHI_FIELD_OBJECT_LIST, REQ, 0, 56, .item_fields = work_interval_fields,
    .doc = "replaces the weekly working intervals (a lunch break is the gap between two)" },
  END
};

static const AhiFieldSpec staff_absence_added[] = {
  { "staff_id", AHI_FIELD_ID, REQ, .doc = "whose absence" },
  { "kind", AHI_FIELD_ENUM, REQ, .values = absence_kinds, .doc = "break, leave or sick" },
  { "starts_at", AHI_FIELD_TIME, REQ, .doc = "start" },
  { "ends_at", AHI_FIELD_TIME, REQ, .doc = "end, after starts_at" },
  END
};

static const AhiFieldSpec staff_absence_removed[] = {
  END
};

/* --------------------------------------------------------------- services */

static const AhiFieldSpec service_created[] = {
  { "code", AHI_FIELD_STRING, REQ, .max = 64, .doc = "stable code, e.g. kadin_sac_kesimi" },
  { "name", AHI_FIELD_STRING, REQ, .max = 120, .doc = "name on the menu" },
  { "duration_min", AHI_FIELD_INT, REQ, 5, 24 * 60, .doc = "minutes it takes" },
  { "price_minor", AHI_FIELD_PRICE, REQ, .doc = "price with KDV included, kuruş" },
  { "vat_rate_bp", AHI_FIELD_INT, REQ, 0, 10000, .doc = "KDV rate in basis points (2000 = 20 %)" },
  { "resource_kinds", AHI_FIELD_STRING_LIST, REQ, 0, 8, .doc = "resource kinds it needs at once" },
  { "revisit_days", AHI_FIELD_INT, OPT, 0, 3650, .doc = "usual days until the next visit" },
  END
};

static const AhiFieldSpec service_updated[] = {
  { "name", AHI_FIELD_STRING, OPT, .max = 120, .doc = "name on the menu" },
  { "duration_min", AHI_FIELD_INT, OPT, 5, 24 * 60, .doc = "minutes it takes" },
  { "price_minor", AHI_FIELD_PRICE, OPT, .doc = "price with KDV included, kuruş" },
  { "vat_rate_bp", AHI_FIELD_INT, OPT, 0, 10000, .doc = "KDV rate in basis points" },
  { "resource_kinds", AHI_FIELD_STRING_LIST, OPT, 0, 8, .doc = "resource kinds it needs" },
  { "revisit_days", AHI_FIELD_INT, OPT, 0, 3650, .doc = "usual days until the next visit" },
  { "active", AHI_FIELD_BOOL, OPT, .doc = "false when taken off the menu" },
  END
};

/* -------------------------------------------------------------- customers */

static const AhiFieldSpec customer_created[] = {
  { "source", AHI_FIELD_ENUM, REQ, .values = customer_sources, .doc = "how the customer came" },
  { "tags", AHI_FIELD_STRING_LIST, OPT, 0, 32, .doc = "free labels, e.g. vip" },
  END
};

static const AhiFieldSpec customer_pii[] = {
  { "full_name", AHI_FIELD_STRING, REQ, .max = 120, .doc = "name and surname" },
  { "phone", AHI_FIELD_PHONE, OPT, .doc = "E.164" },
  { "email", AHI_FIELD_STRING, OPT, .max = 254, .doc = "e-mail address" },
  { "birth_date", AHI_FIELD_DATE, OPT, .doc = "for birthday greetings (with consent)" },
  { "city", AHI_FIELD_STRING, OPT, .max = 80, .doc = "city or district" },
  END
};

static const AhiFieldSpec customer_updated[] = {
  { "tags", AHI_FIELD_STRING_LIST, OPT, 0, 32, .doc = "replaces the labels" },
  END
};

static const AhiFieldSpec customer_update_pii[] = {
  { "full_name", AHI_FIELD_STRING, OPT, .max = 120, .doc = "name and surname" },
  { "phone", AHI_FIELD_PHONE, OPT, .doc = "E.164" },
  { "email", AHI_FIELD_STRING, OPT, .max = 254, .doc = "e-mail address" },
  { "birth_date", AHI_FIELD_DATE, OPT, .doc = "birth date" },
  { "city", AHI_FIELD_STRING, OPT, .max = 80, .doc = "city or district" },
  END
};

static const AhiFieldSpec customer_erased[] = {
  { "reason", AHI_FIELD_STRING, REQ, .max = 200, .doc = "e.g. KVKK erasure request of 2026-11-24" },
  END
};

/* --------------------------------------------------------------- vehicles */

static const AhiFieldSpec vehicle_created[] = {
  { "customer_id", AHI_FIELD_ID, REQ, .doc = "owner" },
  { "make", AHI_FIELD_STRING, OPT, .max = 40, .doc = "e.g. Renault" },
  { "model", AHI_FIELD_STRING, OPT, .max = 40, .doc = "e.g. Clio" },
  { "year", AHI_FIELD_INT, OPT, 1950, 2100, .doc = "model year" },
  { "km", AHI_FIELD_INT, OPT, 0, 5000000, .doc = "odometer at registration" },
  END
};

static const AhiFieldSpec vehicle_pii[] = {
  { "plate", AHI_FIELD_STRING, REQ, .max = 16, .doc = "licence plate, e.g. 34 ABC 123" },
  END
};

static const AhiFieldSpec vehicle_updated[] = {
  { "make", AHI_FIELD_STRING, OPT, .max = 40, .doc = "make" },
  { "model", AHI_FIELD_STRING, OPT, .max = 40, .doc = "model" },
  { "year", AHI_FIELD_INT, OPT, 1950, 2100, .doc = "model year" },
  { "km", AHI_FIELD_INT, OPT, 0, 5000000, .doc = "odometer now" },
  END
};

static const AhiFieldSpec vehicle_update_pii[] = {
  { "plate", AHI_FIELD_STRING, OPT, .max = 16, .doc = "licence plate" },
  END
};

/* -------------------------------------------------------- treatment plans */

static const AhiFieldSpec plan_step_fields[] = {
  { "step_id", AHI_FIELD_ID, REQ, .doc = "step id" },
  { "label", AHI_FIELD_STRING, REQ, .max = 120, .doc = "e.g. Kanal tedavisi 2. seans" },
  { "service_id", AHI_FIELD_ID, OPT, .doc = "the service the step books" },
  END
};

static const AhiFieldSpec treatment_plan_created[] = {
  { "customer_id", AHI_FIELD_ID, REQ, .doc = "the patient" },
  { "title", AHI_FIELD_STRING, REQ, .max = 120, .doc = "e.g. İmplant tedavisi" },
  { "steps", AHI_FIELD_OBJECT_LIST, REQ, 1, 50, .item_fields = plan_step_fields, .doc = "ordered steps" },
  END
};

static const AhiFieldSpec treatment_plan_step_done[] = {
  { "step_id", AHI_FIELD_ID, REQ, .doc = "the step done" },
  { "appointment_id", AHI_FIELD_ID, OPT, .doc = "the visit it was done in" },
  END
};

/* ----------------------------------------------------------- appointments */

static const AhiFieldSpec appointment_item_fields[] = {
  { "service_id", AHI_FIELD_ID, REQ, .doc = "the service" },
  { "staff_id", AHI_FIELD_ID, OPT, .doc = "who does it" },
  { "resource_ids", AHI_FIELD_ID_LIST, OPT, 0, 8, .doc = "resources it holds" },
  { "starts_at", AHI_FIELD_TIME, REQ, .doc = "start" },
  { "ends_at", AHI_FIELD_TIME, REQ, .doc = "end, after starts_at" },
  { "price_minor", AHI_FIELD_PRICE, REQ, .doc = "agreed price, KDV included" },
  END
};

static const AhiFieldSpec appointment_created[] = {
  { "customer_id", AHI_FIELD_ID, REQ, .doc = "who comes" },
  { "starts_at", AHI_FIELD_TIME, REQ, .doc = "start of the first item" },
  { "ends_at", AHI_FIELD_TIME, REQ, .doc = "end of the last item" },
  { "items", AHI_FIELD_OBJECT_LIST, REQ, 1, 10, .item_fields = appointment_item_fields,
    .doc = "the services booked, in order" },
  { "source", AHI_FIELD_ENUM, REQ, .values = booking_sources, .doc = "how it was booked" },
  { "vehicle_id", AHI_FIELD_ID, OPT, .doc = "auto service: the vehicle" },
  { "plan_step_id", AHI_FIELD_ID, OPT, .doc = "dental: the treatment-plan step it serves" },
  { "campaign_id", AHI_FIELD_ID, OPT, .doc = "the campaign that brought it (attribution)" },
  { "override", AHI_FIELD_ENUM, OPT, .values = booking_overrides,
    .doc = "booked outside the rules of the day on purpose (who may: below)" },
  END
};

static const AhiFieldSpec appointment_moved_item_fields[] = {
  { "staff_id", AHI_FIELD_ID, OPT, .doc = "who does it now" },
  { "resource_ids", AHI_FIELD_ID_LIST, OPT, 0, 8, .doc = "resources it holds now" },
  { "starts_at", AHI_FIELD_TIME, REQ, .doc = "new start" },
  { "ends_at", AHI_FIELD_TIME, REQ, .doc = "new end, after starts_at" },
  END
};

static const AhiFieldSpec appointment_moved[] = {
  { "starts_at", AHI_FIELD_TIME, REQ, .doc = "new start of the first item" },
  { "ends_at", AHI_FIELD_TIME, REQ, .doc = "new end of the last item" },
  { "items", AHI_FIELD_OBJECT_LIST, REQ, 1, 10, .item_fields = appointment_moved_item_fields,
    .doc = "every item of the appointment, in its order, where it goes" },
  { "override", AHI_FIELD_ENUM, OPT, .values = booking_overrides,
    .doc = "moved outside the rules of the day on purpose" },
  { "reason", AHI_FIELD_TEXT, OPT, .max = 200, .doc = "why" },
  END
};

static const AhiFieldSpec appointment_cancelled[] = {
  { "cancelled_by", AHI_FIELD_ENUM, REQ, .values = cancelled_by, .doc = "who cancelled" },
  { "reason", AHI_FIELD_TEXT, OPT, .max = 200, .doc = "why" },
  END
};

static const AhiFieldSpec appointment_status_updated[] = {
  { "status", AHI_FIELD_ENUM, REQ, .values = appointment_statuses, .doc = "new status" },
  { "late_min", AHI_FIELD_INT, OPT, 0, 24 * 60, .doc = "minutes late on arrival" },
  END
};

/* -------------------------------------------------------------- CRM notes */

static const AhiFieldSpec note_created[] = {
  { "customer_id", AHI_FIELD_ID, REQ, .doc = "about whom" },
  { "kind", AHI_FIELD_ENUM, REQ, .values = note_kinds, .doc = "health notes are special-category data" },
  END
};

static const AhiFieldSpec note_pii[] = {
  { "text", AHI_FIELD_TEXT, REQ, .max = AHI_EVENT_MAX_TEXT_CHARS, .doc = "the note" },
  END
};

/* -------------------------------------------------------------- reminders */

static const AhiFieldSpec reminder_created[] = {
  { "customer_id", AHI_FIELD_ID, REQ, .doc = "to whom" },
  { "channel", AHI_FIELD_ENUM, REQ, .values = channels, .doc = "how" },
  { "purpose", AHI_FIELD_ENUM, REQ, .values = reminder_purposes, .doc = "why (decides whether marketing consent is needed)" },
  { "due_at", AHI_FIELD_TIME, REQ, .doc = "when to send" },
  { "template", AHI_FIELD_STRING, REQ, .max = 64, .doc = "message template id" },
  { "appointment_id", AHI_FIELD_ID, OPT, .doc = "the appointment it is about" },
  { "campaign_id", AHI_FIELD_ID, OPT, .doc = "the campaign it belongs to" },
  END
};

static const AhiFieldSpec reminder_sent[] = {
  { "result", AHI_FIELD_ENUM, REQ, .values = reminder_results, .doc = "sent or failed" },
  { "provider", AHI_FIELD_STRING, REQ, .max = 40, .doc = "which provider handled it" },
  { "provider_ref", AHI_FIELD_STRING, OPT, .max = 120, .doc = "the provider's message id" },
  { "failure", AHI_FIELD_TEXT, OPT, .max = 200, .doc = "why it failed" },
  END
};

static const AhiFieldSpec reminder_completed[] = {
  { "outcome", AHI_FIELD_ENUM, REQ, .values = reminder_outcomes, .doc = "what came of it" },
  END
};

/* ---------------------------------------------------------------- reviews */

static const AhiFieldSpec review_received[] = {
  { "rating", AHI_FIELD_INT, REQ, 1, 5, .doc = "stars" },
  { "source", AHI_FIELD_ENUM, REQ, .values = review_sources, .doc = "where it was left" },
  { "customer_id", AHI_FIELD_ID, OPT, .doc = "who, when known" },
  { "appointment_id", AHI_FIELD_ID, OPT, .doc = "which visit, when known" },
  END
};

static const AhiFieldSpec review_pii[] = {
  { "comment", AHI_FIELD_TEXT, OPT, .max = AHI_EVENT_MAX_TEXT_CHARS, .doc = "what they wrote" },
  END
};

/* ------------------------------------------------------------- ops alerts */

static const AhiFieldSpec ops_alert_raised[] = {
  { "kind", AHI_FIELD_STRING, REQ, .max = 64, .doc = "e.g. sync_rejected, low_rating, device_out_of_service" },
  { "severity", AHI_FIELD_ENUM, REQ, .values = alert_severities, .doc = "how urgent" },
  { "subject_entity", AHI_FIELD_STRING, OPT, .max = 40, .doc = "entity it is about" },
  { "subject_id", AHI_FIELD_ID, OPT, .doc = "id it is about" },
  { "detail", AHI_FIELD_OBJECT, OPT, .doc = "machine-readable detail (codes and ids, no personal data)" },
  END
};

static const AhiFieldSpec ops_alert_resolved[] = {
  { "resolution", AHI_FIELD_STRING, REQ, .max = 200, .doc = "what was done" },
  END
};

/* --------------------------------------------------------------- waitlist */

static const AhiFieldSpec waitlist_added[] = {
  { "customer_id", AHI_FIELD_ID, REQ, .doc = "who waits" },
  { "service_id", AHI_FIELD_ID, REQ, .doc = "for what" },
  { "earliest_at", AHI_FIELD_TIME, OPT, .doc = "not before" },
  { "latest_at", AHI_FIELD_TIME, OPT, .doc = "not after" },
  { "staff_id", AHI_FIELD_ID, OPT, .doc = "preferred staff" },
  END
};

static const AhiFieldSpec waitlist_removed[] = {
  { "reason", AHI_FIELD_ENUM, REQ, .values = waitlist_reasons, .doc = "why it left the list" },
  END
};

/* ---------------------------------------------------------------- consent */

static const AhiFieldSpec consent_given[] = {
  { "customer_id", AHI_FIELD_ID, REQ, .doc = "whose consent" },
  { "purpose", AHI_FIELD_ENUM, REQ, .values = consent_purposes, .doc = "marketing (İYS) or health data (KVKK açık rıza)" },
  { "channel", AHI_FIELD_ENUM, REQ, .values = channels, .doc = "channel it covers" },
  { "source", AHI_FIELD_ENUM, REQ, .values = consent_sources, .doc = "how it was taken" },
  { "iys_state", AHI_FIELD_ENUM, REQ, .values = iys_states, .doc = "İYS registration state" },
  END
};

static const AhiFieldSpec consent_withdrawn[] = {
  { "source", AHI_FIELD_ENUM, REQ, .values = consent_sources, .doc = "how the withdrawal came" },
  END
};

static const AhiFieldSpec consent_iys_updated[] = {
  { "iys_state", AHI_FIELD_ENUM, REQ, .values = iys_states, .doc = "new İYS registration state" },
  END
};

/* ---------------------------------------------------------------- revenue */

static const AhiFieldSpec revenue_created[] = {
  { "kind", AHI_FIELD_ENUM, REQ, .values = revenue_kinds, .doc = "sale, refund, deposit, no-show fee or adjustment" },
  { "source", AHI_FIELD_ENUM, REQ, .values = revenue_sources, .doc = "what it was for" },
  { "method", AHI_FIELD_ENUM, REQ, .values = payment_methods, .doc = "how it was paid" },
  { "amount_minor", AHI_FIELD_MONEY, REQ, .doc = "KDV included; refunds positive, adjustments signed" },
  { "discount_minor", AHI_FIELD_PRICE, OPT, .doc = "discount given on the line, KDV included" },
  { "currency", AHI_FIELD_CURRENCY, REQ, .doc = "ISO 4217" },
  { "vat_rate_bp", AHI_FIELD_INT, REQ, 0, 10000, .doc = "KDV rate in basis points" },
  { "booked_at", AHI_FIELD_TIME, REQ, .doc = "when the money moved (business day follows from it)" },
  { "customer_id", AHI_FIELD_ID, OPT, .doc = "who paid" },
  { "appointment_id", AHI_FIELD_ID, OPT, .doc = "for which visit" },
  { "staff_id", AHI_FIELD_ID, OPT, .doc = "who earned it" },
  { "campaign_id", AHI_FIELD_ID, OPT, .doc = "the campaign it is attributed to" },
  END
};

/* ------------------------------------------------------------- cash desk */

/* The till count of one local business day. The difference (counted −
 * expected) is computed and stored by the reducer, never sent. */
static const AhiFieldSpec cash_reconciled[] = {
  { "business_date", AHI_FIELD_DATE, REQ, .doc = "the local business day counted" },
  { "counted_minor", AHI_FIELD_MONEY, REQ, .doc = "cash counted in the till for the day, float excluded" },
  { "expected_minor", AHI_FIELD_MONEY, REQ, .doc = "cash the ledger expected at count time (docs/revenue.md)" },
  { "note", AHI_FIELD_TEXT, OPT, .max = 200, .doc = "why it differs, no personal data" },
  END
};

/* ------------------------------------------------------------- automation */

static const AhiFieldSpec reactivation_queued[] = {
  { "tier", AHI_FIELD_ENUM, REQ, .values = risk_tiers, .doc = "which risk tier was targeted" },
  { "channel", AHI_FIELD_ENUM, REQ, .values = channels, .doc = "how they are contacted" },
  { "customer_ids", AHI_FIELD_ID_LIST, REQ, 1, AHI_EVENT_MAX_LIST_ITEMS, .doc = "who is contacted" },
  { "reminder_ids", AHI_FIELD_ID_LIST, REQ, 1, AHI_EVENT_MAX_LIST_ITEMS, .doc = "the reminders created for them, same order" },
  { "expected_value_minor", AHI_FIELD_PRICE, REQ, .doc = "expected revenue brought back, kuruş" },
  END
};

#define SPEC(t, e, p, pi, f, d) { t, e, p, pi, f, d }

static const AhiEventSpec catalogue[] = {
  SPEC ("tenant.created", "tenant", tenant_created, NULL, 0, "A business is created for a sector."),
  SPEC ("tenant.settings.updated", "tenant", tenant_settings_updated, NULL, AHI_EVENT_SPEC_PARTIAL, "Business settings change."),
  SPEC ("blueprint.updated", "tenant", blueprint_updated, NULL, 0, "The sector or the tenant's blueprint overrides change."),
  SPEC ("compliance.profile.updated", "tenant", compliance_profile_updated, NULL, 0, "KVKK/GDPR/healthcare settings and retention."),
  SPEC ("automation.rule.set", "automation_rule", automation_rule_set, NULL, 0, "An automation rule is created or replaced."),
  SPEC ("business.closure.added", "closure", closure_added, NULL, 0, "The business is closed on some days (bayram, holiday)."),
  SPEC ("business.closure.removed", "closure", closure_removed, NULL, 0, "A closure is lifted."),
  SPEC ("resource.created", "resource", resource_created, NULL, 0, "A chair, room, lift or device is added."),
  SPEC ("resource.updated", "resource", resource_updated, NULL, AHI_EVENT_SPEC_PARTIAL, "A resource changes or goes out of service."),
  SPEC ("resource.deleted", "resource", resource_deleted, NULL, 0, "A resource is removed."),
  SPEC ("staff.created", "staff", staff_created, staff_pii, 0, "A staff member joins."),
  SPEC ("staff.updated", "staff", staff_updated, staff_update_pii, AHI_EVENT_SPEC_PARTIAL, "A staff member changes (role, PIN, leaves)."),
  SPEC ("staff.hours.set", "staff", staff_hours_set, NULL, 0, "A staff member's weekly hours are replaced."),
  SPEC ("staff.absence.added", "staff_absence", staff_absence_added, NULL, 0, "A break, leave or sick day is recorded."),
  SPEC ("staff.absence.removed", "staff_absence", staff_absence_removed, NULL, 0, "An absence is withdrawn."),
  SPEC ("service.created", "service", service_created, NULL, 0, "A service joins the menu."),
  SPEC ("service.updated", "service", service_updated, NULL, AHI_EVENT_SPEC_PARTIAL, "A service changes or leaves the menu."),
  SPEC ("customer.created", "customer", customer_created, customer_pii, 0, "A customer (patient, vehicle owner) is registered."),
  SPEC ("customer.updated", "customer", customer_updated, customer_update_pii, AHI_EVENT_SPEC_PARTIAL, "A customer's details change."),
  SPEC ("customer.erased", "customer", customer_erased, NULL, 0, "A customer's personal data is erased (KVKK md. 7)."),
  SPEC ("vehicle.created", "vehicle", vehicle_created, vehicle_pii, 0, "A vehicle is registered to a customer."),
  SPEC ("vehicle.updated", "vehicle", vehicle_updated, vehicle_update_pii, AHI_EVENT_SPEC_PARTIAL, "A vehicle's details or odometer change."),
  SPEC ("treatment_plan.created", "treatment_plan", treatment_plan_created, NULL, 0, "A treatment plan with ordered steps is made."),
  SPEC ("treatment_plan.step.done", "treatment_plan", treatment_plan_step_done, NULL, 0, "A step of a treatment plan is done."),
  SPEC ("appointment.created", "appointment", appointment_created, NULL, 0, "An appointment is booked."),
  SPEC ("appointment.moved", "appointment", appointment_moved, NULL, 0, "An appointment moves to another time, person or resource."),
  SPEC ("appointment.cancelled", "appointment", appointment_cancelled, NULL, 0, "An appointment is cancelled."),
  SPEC ("appointment.status.updated", "appointment", appointment_status_updated, NULL, 0, "An appointment is confirmed, arrives, completes or is a no-show."),
  SPEC ("crm.note.created", "note", note_created, note_pii, 0, "A note about a customer is written."),
  SPEC ("reminder.created", "reminder", reminder_created, NULL, 0, "A message is queued."),
  SPEC ("reminder.sent", "reminder", reminder_sent, NULL, 0, "A provider sent (or failed to send) a queued message."),
  SPEC ("reminder.completed", "reminder", reminder_completed, NULL, 0, "What came of a message."),
  SPEC ("review.received", "review", review_received, review_pii, 0, "A rating and comment arrive."),
  SPEC ("ops.alert.raised", "ops_alert", ops_alert_raised, NULL, 0, "Something needs the desk's attention."),
  SPEC ("ops.alert.resolved", "ops_alert", ops_alert_resolved, NULL, 0, "An alert is dealt with."),
  SPEC ("waitlist.entry.added", "waitlist_entry", waitlist_added, NULL, 0, "A customer waits for a slot."),
  SPEC ("waitlist.entry.removed", "waitlist_entry", waitlist_removed, NULL, 0, "A customer leaves the waitlist."),
  SPEC ("consent.given", "consent", consent_given, NULL, 0, "A customer gives consent for a purpose and channel."),
  SPEC ("consent.withdrawn", "consent", consent_withdrawn, NULL, 0, "A consent is withdrawn (ret)."),
  SPEC ("consent.iys.updated", "consent", consent_iys_updated, NULL, 0, "İYS registration state of a consent changes."),
  SPEC ("revenue.event.created", "revenue_event", revenue_created, NULL, 0, "Money moves: sale, refund, deposit, no-show fee, adjustment."),
  SPEC ("automation.reactivation.queued", "campaign", reactivation_queued, NULL, 0, "A win-back campaign is queued."),
  SPEC ("cash.reconciled", "cash_count", cash_reconciled, NULL, 0, "The till is counted against what the ledger expected."),
};

const AhiEventSpec *
ahi_event_catalogue (guint *n_specs)
{
  if (n_specs != NULL)
    *n_specs = G_N_ELEMENTS (catalogue);
  return catalogue;
}

const AhiEventSpec *
ahi_event_catalogue_lookup (const char *type)
{
  g_return_val_if_fail (type != NULL, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (catalogue); i++)
    if (g_str_equal (catalogue[i].type, type))
      return &catalogue[i];
  return NULL;
}
