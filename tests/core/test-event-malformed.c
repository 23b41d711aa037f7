/* test-event-malformed.c — every way an event can be wrong, refused
 *
 * Each case is raw text as a client could send it, with the error code
 * and the path of the field the message must start with, both worked out
 * by hand from docs/events.md. The strict JSON front end is tested here
 * too, through ahi_json_strict_check(), for what events do not reach.
 */
#include <string.h>

#include "core/ahi-core.h"
#include "core/ahi-core-error.h"
#include "core/ahi-event.h"
#include "core/ahi-json-strict.h"

#define ID(n) "0190f3a2-7c1e-7abc-8def-0000000000" n

/* A valid envelope up to (not including) the payload. */
#define HEAD_WITH(type, entity, seq, role) \
  "{\"v\":1,\"event_id\":\"" ID ("01") "\",\"tenant_id\":\"" ID ("a1") "\"," \
  "\"device_id\":\"" ID ("d1") "\",\"device_seq\":" seq ",\"type\":\"" type "\"," \
  "\"entity\":\"" entity "\",\"entity_id\":\"" ID ("e1") "\"," \
  "\"actor\":{\"user_id\":\"" ID ("b1") "\",\"role\":\"" role "\"}," \
  "\"occurred_at\":\"2026-11-24T10:00:00Z\""
#define HEAD(type, entity) HEAD_WITH (type, entity, "1", "staff")

#define EVENT(type, entity, payload) HEAD (type, entity) ",\"payload\":" payload "}"

#define CANCEL(payload) EVENT ("appointment.cancelled", "appointment", payload)
#define REVIEW(payload) EVENT ("review.received", "review", payload)
#define STATUS(payload) EVENT ("appointment.status.updated", "appointment", payload)
#define CUSTOMER(payload, pii) \
  HEAD ("customer.created", "customer") ",\"payload\":" payload ",\"pii\":" pii "}"

/* Appointment items. */
#define ITEM(svc, start, end, price) \
  "{\"service_id\":\"" ID (svc) "\",\"starts_at\":\"2026-11-27T" start ":00Z\"," \
  "\"ends_at\":\"2026-11-27T" end ":00Z\",\"price_minor\":" price "}"
#define APPOINTMENT(items) \
  EVENT ("appointment.created", "appointment", \
         "{\"customer_id\":\"" ID ("c1") "\",\"starts_at\":\"2026-11-27T11:00:00Z\"," \
         "\"ends_at\":\"2026-11-27T12:30:00Z\",\"items\":[" items "],\"source\":\"desk\"}")

typedef struct {
  const char   *name;
  const char   *json;
  AhiCoreError  code;
  const char   *path;    /* the message starts with "<path>:" */
} Case;

static const Case cases[] = {
  /* --- strict JSON ------------------------------------------------------ */
  { "duplicate-key-top",
    HEAD ("appointment.cancelled", "appointment")
    ",\"device_seq\":2,\"payload\":{\"cancelled_by\":\"customer\"}}",
    AHI_CORE_ERROR_DUPLICATE_KEY, "device_seq" },
  { "duplicate-key-payload",
    CANCEL ("{\"cancelled_by\":\"customer\",\"cancelled_by\":\"business\"}"),
    AHI_CORE_ERROR_DUPLICATE_KEY, "payload.cancelled_by" },
  { "duplicate-key-escaped",
    /* "r\u0061ting" is "rating" once unescaped. */
    REVIEW ("{\"rating\":5,\"source\":\"google\",\"r\\u0061ting\":1}"),
    AHI_CORE_ERROR_DUPLICATE_KEY, "payload.rating" },
  { "duplicate-key-nested-item",
    APPOINTMENT (ITEM ("51", "11:00", "12:00", "100") ","
                 "{\"service_id\":\"" ID ("52") "\",\"starts_at\":\"2026-11-27T12:00:00Z\","
                 "\"ends_at\":\"2026-11-27T12:30:00Z\",\"price_minor\":1,\"price_minor\":2}"),
    AHI_CORE_ERROR_DUPLICATE_KEY, "payload.items[1].price_minor" },
  { "duplicate-key-actor",
    "{\"v\":1,\"event_id\":\"" ID ("01") "\",\"tenant_id\":\"" ID ("a1") "\","
    "\"device_id\":\"" ID ("d1") "\",\"device_seq\":1,\"type\":\"appointment.cancelled\","
    "\"entity\":\"appointment\",\"entity_id\":\"" ID ("e1") "\","
    "\"actor\":{\"user_id\":\"" ID ("b1") "\",\"role\":\"staff\",\"role\":\"owner\"},"
    "\"occurred_at\":\"2026-11-24T10:00:00Z\",\"payload\":{\"cancelled_by\":\"customer\"}}",
    AHI_CORE_ERROR_DUPLICATE_KEY, "actor.role" },
  { "integer-overflow-positive",
    HEAD_WITH ("appointment.cancelled", "appointment", "99999999999999999999", "staff")
    ",\"payload\":{\"cancelled_by\":\"customer\"}}",
    AHI_CORE_ERROR_OUT_OF_RANGE, "device_seq" },
  { "integer-overflow-int64-max-plus-one",
    HEAD_WITH ("appointment.cancelled", "appointment", "9223372036854775808", "staff")
    ",\"payload\":{\"cancelled_by\":\"customer\"}}",
    AHI_CORE_ERROR_OUT_OF_RANGE, "device_seq" },
  { "integer-overflow-negative",
    STATUS ("{\"status\":\"arrived\",\"late_min\":-9223372036854775809}"),
    AHI_CORE_ERROR_OUT_OF_RANGE, "payload.late_min" },
  { "float-where-int",
    REVIEW ("{\"rating\":4.5,\"source\":\"google\"}"),
    AHI_CORE_ERROR_WRONG_TYPE, "payload.rating" },
  { "float-whole",
    REVIEW ("{\"rating\":5.0,\"source\":\"google\"}"),
    AHI_CORE_ERROR_WRONG_TYPE, "payload.rating" },
  { "exponent-1e400",
    REVIEW ("{\"rating\":1e400,\"source\":\"google\"}"),
    AHI_CORE_ERROR_WRONG_TYPE, "payload.rating" },
  { "nul-escape-in-string",
    CANCEL ("{\"cancelled_by\":\"customer\",\"reason\":\"x\\u0000y\"}"),
    AHI_CORE_ERROR_NUL_IN_STRING, "payload.reason" },
  { "nul-escape-in-member-name",
    CANCEL ("{\"cancelled_by\":\"customer\",\"re\\u0000ason\":\"x\"}"),
    AHI_CORE_ERROR_NUL_IN_STRING, "payload" },
  { "invalid-utf8-byte",
    CANCEL ("{\"cancelled_by\":\"customer\",\"reason\":\"ge\xc3\x28\"}"),
    AHI_CORE_ERROR_INVALID_UTF8, "payload.reason" },
  { "invalid-utf8-lone-continuation",
    CANCEL ("{\"cancelled_by\":\"customer\",\"reason\":\"\x80\"}"),
    AHI_CORE_ERROR_INVALID_UTF8, "payload.reason" },
  { "invalid-utf8-overlong-slash",
    CANCEL ("{\"cancelled_by\":\"customer\",\"reason\":\"\xc0\xaf\"}"),
    AHI_CORE_ERROR_INVALID_UTF8, "payload.reason" },
  { "invalid-utf8-encoded-surrogate",
    CANCEL ("{\"cancelled_by\":\"customer\",\"reason\":\"\xed\xa0\x80\"}"),
    AHI_CORE_ERROR_INVALID_UTF8, "payload.reason" },
  { "invalid-utf8-above-u10ffff",
    CANCEL ("{\"cancelled_by\":\"customer\",\"reason\":\"\xf4\x90\x80\x80\"}"),
    AHI_CORE_ERROR_INVALID_UTF8, "payload.reason" },
  { "invalid-utf8-outside-string",
    /* Reported as bad UTF-8, not as the syntax error it also is. */
    CANCEL ("{\"cancelled_by\":\"customer\"}\xff"),
    AHI_CORE_ERROR_INVALID_UTF8, "document" },
  { "lone-surrogate-escape",
    CANCEL ("{\"cancelled_by\":\"customer\",\"reason\":\"\\ud800\"}"),
    AHI_CORE_ERROR_INVALID_UTF8, "payload.reason" },
  { "lone-low-surrogate-escape",
    CANCEL ("{\"cancelled_by\":\"customer\",\"reason\":\"\\ude00x\"}"),
    AHI_CORE_ERROR_INVALID_UTF8, "payload.reason" },
  { "trailing-garbage",
    CANCEL ("{\"cancelled_by\":\"customer\"}") "x",
    AHI_CORE_ERROR_INVALID_JSON, "document" },
  { "two-documents",
    CANCEL ("{\"cancelled_by\":\"customer\"}") "{}",
    AHI_CORE_ERROR_INVALID_JSON, "document" },
  { "not-an-object-array",
    "[" CANCEL ("{\"cancelled_by\":\"customer\"}") "]",
    AHI_CORE_ERROR_INVALID_JSON, "document" },
  { "not-an-object-string",
    "\"appointment.cancelled\"",
    AHI_CORE_ERROR_INVALID_JSON, "document" },
  { "empty-document",
    "  ",
    AHI_CORE_ERROR_INVALID_JSON, "document" },
  { "truncated",
    "{\"v\":1,\"event_id\":\"" ID ("01"),
    AHI_CORE_ERROR_INVALID_JSON, "event_id" },
  { "comment",
    /* json-glib itself accepts comments. */
    "/* hi */" CANCEL ("{\"cancelled_by\":\"customer\"}"),
    AHI_CORE_ERROR_INVALID_JSON, "document" },
  { "single-quotes",
    CANCEL ("{'cancelled_by':\"customer\"}"),
    AHI_CORE_ERROR_INVALID_JSON, "payload" },
  { "trailing-comma",
    CANCEL ("{\"cancelled_by\":\"customer\",}"),
    AHI_CORE_ERROR_INVALID_JSON, "payload" },
  { "leading-zero",
    HEAD_WITH ("appointment.cancelled", "appointment", "01", "staff")
    ",\"payload\":{\"cancelled_by\":\"customer\"}}",
    AHI_CORE_ERROR_INVALID_JSON, "device_seq" },
  { "plus-sign",
    HEAD_WITH ("appointment.cancelled", "appointment", "+1", "staff")
    ",\"payload\":{\"cancelled_by\":\"customer\"}}",
    AHI_CORE_ERROR_INVALID_JSON, "device_seq" },
  { "nan",
    REVIEW ("{\"rating\":NaN,\"source\":\"google\"}"),
    AHI_CORE_ERROR_INVALID_JSON, "payload.rating" },
  { "raw-control-character",
    CANCEL ("{\"cancelled_by\":\"customer\",\"reason\":\"a\tb\"}"),
    AHI_CORE_ERROR_INVALID_JSON, "payload.reason" },
  { "bad-escape",
    CANCEL ("{\"cancelled_by\":\"customer\",\"reason\":\"a\\xb\"}"),
    AHI_CORE_ERROR_INVALID_JSON, "payload.reason" },
  { "byte-order-mark",
    "\xef\xbb\xbf" CANCEL ("{\"cancelled_by\":\"customer\"}"),
    AHI_CORE_ERROR_INVALID_JSON, "document" },

  /* --- envelope --------------------------------------------------------- */
  { "wrong-version",
    "{\"v\":2,\"event_id\":\"" ID ("01") "\"}",
    AHI_CORE_ERROR_UNSUPPORTED_VERSION, "v" },
  { "wrong-version-with-new-members",
    /* A v2 event with a member v1 does not know: the version is the news. */
    "{\"v\":2,\"causation_id\":\"" ID ("02") "\"}",
    AHI_CORE_ERROR_UNSUPPORTED_VERSION, "v" },
  { "version-missing",
    "{\"event_id\":\"" ID ("01") "\"}",
    AHI_CORE_ERROR_MISSING_FIELD, "v" },
  { "version-as-string",
    "{\"v\":\"1\"}",
    AHI_CORE_ERROR_WRONG_TYPE, "v" },
  { "unknown-envelope-member",
    HEAD ("appointment.cancelled", "appointment")
    ",\"payload\":{\"cancelled_by\":\"customer\"},\"extra\":1}",
    AHI_CORE_ERROR_UNKNOWN_FIELD, "extra" },
  { "unknown-actor-member",
    "{\"v\":1,\"event_id\":\"" ID ("01") "\",\"tenant_id\":\"" ID ("a1") "\","
    "\"device_id\":\"" ID ("d1") "\",\"device_seq\":1,\"type\":\"appointment.cancelled\","
    "\"entity\":\"appointment\",\"entity_id\":\"" ID ("e1") "\","
    "\"actor\":{\"user_id\":\"" ID ("b1") "\",\"role\":\"staff\",\"name\":\"Ayşe\"},"
    "\"occurred_at\":\"2026-11-24T10:00:00Z\",\"payload\":{\"cancelled_by\":\"customer\"}}",
    AHI_CORE_ERROR_UNKNOWN_FIELD, "actor.name" },
  { "missing-envelope-member",
    "{\"v\":1,\"event_id\":\"" ID ("01") "\",\"tenant_id\":\"" ID ("a1") "\","
    "\"device_id\":\"" ID ("d1") "\",\"device_seq\":1,\"type\":\"appointment.cancelled\","
    "\"entity\":\"appointment\",\"entity_id\":\"" ID ("e1") "\","
    "\"actor\":{\"user_id\":\"" ID ("b1") "\",\"role\":\"staff\"},"
    "\"payload\":{\"cancelled_by\":\"customer\"}}",
    AHI_CORE_ERROR_MISSING_FIELD, "occurred_at" },
  { "missing-payload",
    HEAD ("appointment.cancelled", "appointment") "}",
    AHI_CORE_ERROR_MISSING_FIELD, "payload" },
  { "unknown-type",
    EVENT ("appointment.teleported", "appointment", "{}"),
    AHI_CORE_ERROR_UNKNOWN_TYPE, "type" },
  { "entity-mismatch",
    EVENT ("appointment.cancelled", "customer", "{\"cancelled_by\":\"customer\"}"),
    AHI_CORE_ERROR_INVALID_VALUE, "entity" },
  { "bad-uuid",
    "{\"v\":1,\"event_id\":\"not-a-uuid\",\"tenant_id\":\"" ID ("a1") "\","
    "\"device_id\":\"" ID ("d1") "\",\"device_seq\":1,\"type\":\"appointment.cancelled\","
    "\"entity\":\"appointment\",\"entity_id\":\"" ID ("e1") "\","
    "\"actor\":{\"user_id\":\"" ID ("b1") "\",\"role\":\"staff\"},"
    "\"occurred_at\":\"2026-11-24T10:00:00Z\",\"payload\":{\"cancelled_by\":\"customer\"}}",
    AHI_CORE_ERROR_INVALID_VALUE, "event_id" },
  { "uppercase-uuid",
    "{\"v\":1,\"event_id\":\"" ID ("01") "\",\"tenant_id\":\"" ID ("a1") "\","
    "\"device_id\":\"" ID ("d1") "\",\"device_seq\":1,\"type\":\"appointment.cancelled\","
    "\"entity\":\"appointment\",\"entity_id\":\"0190F3A2-7C1E-7ABC-8DEF-0000000000E1\","
    "\"actor\":{\"user_id\":\"" ID ("b1") "\",\"role\":\"staff\"},"
    "\"occurred_at\":\"2026-11-24T10:00:00Z\",\"payload\":{\"cancelled_by\":\"customer\"}}",
    AHI_CORE_ERROR_INVALID_VALUE, "entity_id" },
  { "bad-actor-role",
    HEAD_WITH ("appointment.cancelled", "appointment", "1", "admin")
    ",\"payload\":{\"cancelled_by\":\"customer\"}}",
    AHI_CORE_ERROR_INVALID_VALUE, "actor.role" },
  { "device-seq-zero",
    HEAD_WITH ("appointment.cancelled", "appointment", "0", "staff")
    ",\"payload\":{\"cancelled_by\":\"customer\"}}",
    AHI_CORE_ERROR_OUT_OF_RANGE, "device_seq" },
  { "device-seq-negative",
    HEAD_WITH ("appointment.cancelled", "appointment", "-3", "staff")
    ",\"payload\":{\"cancelled_by\":\"customer\"}}",
    AHI_CORE_ERROR_OUT_OF_RANGE, "device_seq" },
  { "device-seq-as-string",
    HEAD_WITH ("appointment.cancelled", "appointment", "\"1\"", "staff")
    ",\"payload\":{\"cancelled_by\":\"customer\"}}",
    AHI_CORE_ERROR_WRONG_TYPE, "device_seq" },
  { "time-february-30",
    "{\"v\":1,\"event_id\":\"" ID ("01") "\",\"tenant_id\":\"" ID ("a1") "\","
    "\"device_id\":\"" ID ("d1") "\",\"device_seq\":1,\"type\":\"appointment.cancelled\","
    "\"entity\":\"appointment\",\"entity_id\":\"" ID ("e1") "\","
    "\"actor\":{\"user_id\":\"" ID ("b1") "\",\"role\":\"staff\"},"
    "\"occurred_at\":\"2026-02-30T10:00:00Z\",\"payload\":{\"cancelled_by\":\"customer\"}}",
    AHI_CORE_ERROR_INVALID_VALUE, "occurred_at" },
  { "time-before-1970",
    "{\"v\":1,\"event_id\":\"" ID ("01") "\",\"tenant_id\":\"" ID ("a1") "\","
    "\"device_id\":\"" ID ("d1") "\",\"device_seq\":1,\"type\":\"appointment.cancelled\","
    "\"entity\":\"appointment\",\"entity_id\":\"" ID ("e1") "\","
    "\"actor\":{\"user_id\":\"" ID ("b1") "\",\"role\":\"staff\"},"
    "\"occurred_at\":\"1969-12-31T23:59:59Z\",\"payload\":{\"cancelled_by\":\"customer\"}}",
    AHI_CORE_ERROR_OUT_OF_RANGE, "occurred_at" },
  { "time-as-integer",
    "{\"v\":1,\"event_id\":\"" ID ("01") "\",\"tenant_id\":\"" ID ("a1") "\","
    "\"device_id\":\"" ID ("d1") "\",\"device_seq\":1,\"type\":\"appointment.cancelled\","
    "\"entity\":\"appointment\",\"entity_id\":\"" ID ("e1") "\","
    "\"actor\":{\"user_id\":\"" ID ("b1") "\",\"role\":\"staff\"},"
    "\"occurred_at\":1795514400,\"payload\":{\"cancelled_by\":\"customer\"}}",
    AHI_CORE_ERROR_WRONG_TYPE, "occurred_at" },
  { "server-seq-zero",
    HEAD ("appointment.cancelled", "appointment")
    ",\"payload\":{\"cancelled_by\":\"customer\"},\"server_seq\":0,"
    "\"received_at\":\"2026-11-24T10:00:01Z\"}",
    AHI_CORE_ERROR_OUT_OF_RANGE, "server_seq" },
  { "server-seq-without-received-at",
    HEAD ("appointment.cancelled", "appointment")
    ",\"payload\":{\"cancelled_by\":\"customer\"},\"server_seq\":7}",
    AHI_CORE_ERROR_MISSING_FIELD, "received_at" },
  { "received-at-bad",
    HEAD ("appointment.cancelled", "appointment")
    ",\"payload\":{\"cancelled_by\":\"customer\"},\"server_seq\":7,"
    "\"received_at\":\"2026-11-24T10:00:01+03:00\"}",
    AHI_CORE_ERROR_INVALID_VALUE, "received_at" },
  { "payload-an-array",
    CANCEL ("[]"),
    AHI_CORE_ERROR_WRONG_TYPE, "payload" },
  { "pii-null",
    HEAD ("customer.created", "customer") ",\"payload\":{\"source\":\"phone\"},\"pii\":null}",
    AHI_CORE_ERROR_WRONG_TYPE, "pii" },

  /* --- payload and pii --------------------------------------------------- */
  { "unknown-payload-member",
    CANCEL ("{\"cancelled_by\":\"customer\",\"note\":\"x\"}"),
    AHI_CORE_ERROR_UNKNOWN_FIELD, "payload.note" },
  { "unknown-item-member",
    APPOINTMENT ("{\"service_id\":\"" ID ("51") "\",\"starts_at\":\"2026-11-27T11:00:00Z\","
                 "\"ends_at\":\"2026-11-27T12:30:00Z\",\"price_minor\":1,\"discount\":5}"),
    AHI_CORE_ERROR_UNKNOWN_FIELD, "payload.items[0].discount" },
  { "entity-id-in-payload",
    /* Entity ids travel only in entity_id. */
    CANCEL ("{\"cancelled_by\":\"customer\",\"appointment_id\":\"" ID ("e1") "\"}"),
    AHI_CORE_ERROR_UNKNOWN_FIELD, "payload.appointment_id" },
  { "personal-data-in-payload",
    CUSTOMER ("{\"source\":\"phone\",\"full_name\":\"Işıl Çağlar\"}", "{\"full_name\":\"Işıl Çağlar\"}"),
    AHI_CORE_ERROR_UNKNOWN_FIELD, "payload.full_name" },
  { "staff-name-in-payload",
    HEAD ("staff.created", "staff")
    ",\"payload\":{\"role\":\"staff\",\"display_name\":\"Ayşe\"},\"pii\":{\"display_name\":\"Ayşe\"}}",
    AHI_CORE_ERROR_UNKNOWN_FIELD, "payload.display_name" },
  { "staff-pin-hash-in-payload",
    EVENT ("staff.updated", "staff", "{\"pin_hash\":\"$argon2id$v=19$m=65536,t=3,p=4$c2FsdA$aGFzaA\"}"),
    AHI_CORE_ERROR_UNKNOWN_FIELD, "payload.pin_hash" },
  { "missing-staff-pii",
    EVENT ("staff.created", "staff", "{\"role\":\"staff\"}"),
    AHI_CORE_ERROR_MISSING_FIELD, "pii" },
  { "missing-required",
    CANCEL ("{\"reason\":\"yağmur\"}"),
    AHI_CORE_ERROR_MISSING_FIELD, "payload.cancelled_by" },
  { "missing-required-in-item",
    APPOINTMENT ("{\"service_id\":\"" ID ("51") "\",\"starts_at\":\"2026-11-27T11:00:00Z\","
                 "\"ends_at\":\"2026-11-27T12:30:00Z\"}"),
    AHI_CORE_ERROR_MISSING_FIELD, "payload.items[0].price_minor" },
  { "string-for-int",
    REVIEW ("{\"rating\":\"5\",\"source\":\"google\"}"),
    AHI_CORE_ERROR_WRONG_TYPE, "payload.rating" },
  { "int-for-bool",
    EVENT ("resource.updated", "resource", "{\"in_service\":1}"),
    AHI_CORE_ERROR_WRONG_TYPE, "payload.in_service" },
  { "int-for-string",
    EVENT ("resource.created", "resource", "{\"kind\":\"chair\",\"name\":1}"),
    AHI_CORE_ERROR_WRONG_TYPE, "payload.name" },
  { "null-value",
    CANCEL ("{\"cancelled_by\":\"customer\",\"reason\":null}"),
    AHI_CORE_ERROR_WRONG_TYPE, "payload.reason" },
  { "item-not-an-object",
    APPOINTMENT ("1"),
    AHI_CORE_ERROR_WRONG_TYPE, "payload.items[0]" },
  { "float-in-free-form-object",
    EVENT ("ops.alert.raised", "ops_alert",
           "{\"kind\":\"low_rating\",\"severity\":\"info\",\"detail\":{\"score\":{\"avg\":3.5}}}"),
    AHI_CORE_ERROR_WRONG_TYPE, "payload.detail.score.avg" },
  { "free-form-not-an-object",
    EVENT ("ops.alert.raised", "ops_alert",
           "{\"kind\":\"low_rating\",\"severity\":\"info\",\"detail\":[1]}"),
    AHI_CORE_ERROR_WRONG_TYPE, "payload.detail" },
  { "empty-required-string",
    EVENT ("resource.created", "resource", "{\"kind\":\"chair\",\"name\":\"\"}"),
    AHI_CORE_ERROR_INVALID_VALUE, "payload.name" },
  { "control-character-in-name",
    EVENT ("resource.created", "resource", "{\"kind\":\"chair\",\"name\":\"Koltuk\\n1\"}"),
    AHI_CORE_ERROR_INVALID_VALUE, "payload.name" },
  { "empty-string-in-list",
    EVENT ("customer.updated", "customer", "{\"tags\":[\"vip\",\"\"]}"),
    AHI_CORE_ERROR_INVALID_VALUE, "payload.tags[1]" },
  { "bad-enum",
    CANCEL ("{\"cancelled_by\":\"staff\"}"),
    AHI_CORE_ERROR_INVALID_VALUE, "payload.cancelled_by" },
  { "enum-wrong-case",
    CANCEL ("{\"cancelled_by\":\"Customer\"}"),
    AHI_CORE_ERROR_INVALID_VALUE, "payload.cancelled_by" },
  { "rating-6",
    REVIEW ("{\"rating\":6,\"source\":\"google\"}"),
    AHI_CORE_ERROR_OUT_OF_RANGE, "payload.rating" },
  { "rating-0",
    REVIEW ("{\"rating\":0,\"source\":\"google\"}"),
    AHI_CORE_ERROR_OUT_OF_RANGE, "payload.rating" },
  { "money-over-bound",
    APPOINTMENT (ITEM ("51", "11:00", "12:30", "100000000000001")),
    AHI_CORE_ERROR_OUT_OF_RANGE, "payload.items[0].price_minor" },
  { "money-under-bound",
    APPOINTMENT (ITEM ("51", "11:00", "12:30", "-100000000000001")),
    AHI_CORE_ERROR_OUT_OF_RANGE, "payload.items[0].price_minor" },
  { "negative-service-price",
    /* A price is never negative, unlike a signed amount. */
    EVENT ("service.created", "service",
           "{\"code\":\"kadin_sac_kesimi\",\"name\":\"Kadın saç kesimi\",\"duration_min\":45,"
           "\"price_minor\":-1,\"vat_rate_bp\":2000,\"resource_kinds\":[\"chair\"]}"),
    AHI_CORE_ERROR_OUT_OF_RANGE, "payload.price_minor" },
  { "negative-item-price",
    APPOINTMENT (ITEM ("51", "11:00", "12:00", "100") "," ITEM ("52", "12:00", "12:30", "-1")),
    AHI_CORE_ERROR_OUT_OF_RANGE, "payload.items[1].price_minor" },
  { "time-with-space",
    EVENT ("reminder.created", "reminder",
           "{\"customer_id\":\"" ID ("c1") "\",\"channel\":\"sms\",\"purpose\":\"rebook\","
           "\"due_at\":\"2026-11-24 10:00:00\",\"template\":\"rebook_1\"}"),
    AHI_CORE_ERROR_INVALID_VALUE, "payload.due_at" },
  { "time-missing-z",
    EVENT ("staff.absence.added", "staff_absence",
           "{\"staff_id\":\"" ID ("5a") "\",\"kind\":\"leave\","
           "\"starts_at\":\"2026-11-24T10:00:00\",\"ends_at\":\"2026-11-25T10:00:00Z\"}"),
    AHI_CORE_ERROR_INVALID_VALUE, "payload.starts_at" },
  { "time-in-item-february-30",
    APPOINTMENT ("{\"service_id\":\"" ID ("51") "\",\"starts_at\":\"2026-02-30T11:00:00Z\","
                 "\"ends_at\":\"2026-11-27T12:30:00Z\",\"price_minor\":1}"),
    AHI_CORE_ERROR_INVALID_VALUE, "payload.items[0].starts_at" },
  { "bad-date",
    EVENT ("business.closure.added", "closure",
           "{\"starts_on\":\"2026-13-01\",\"ends_on\":\"2027-01-02\",\"reason\":\"Bayram\"}"),
    AHI_CORE_ERROR_INVALID_VALUE, "payload.starts_on" },
  { "bad-clock",
    EVENT ("tenant.settings.updated", "tenant",
           "{\"opening_hours\":[{\"weekday\":1,\"opens\":\"25:00\",\"closes\":\"26:00\"}]}"),
    AHI_CORE_ERROR_INVALID_VALUE, "payload.opening_hours[0].opens" },
  { "bad-phone",
    CUSTOMER ("{\"source\":\"phone\"}", "{\"full_name\":\"Işıl Çağlar\",\"phone\":\"0532 123 45 67\"}"),
    AHI_CORE_ERROR_INVALID_VALUE, "pii.phone" },
  { "bad-currency",
    EVENT ("revenue.event.created", "revenue_event",
           "{\"kind\":\"sale\",\"source\":\"appointment\",\"method\":\"card\","
           "\"amount_minor\":120000,\"currency\":\"try\",\"vat_rate_bp\":2000,"
           "\"booked_at\":\"2026-11-24T10:00:00Z\"}"),
    AHI_CORE_ERROR_INVALID_VALUE, "payload.currency" },
  { "bad-uuid-in-id-list",
    APPOINTMENT ("{\"service_id\":\"" ID ("51") "\",\"resource_ids\":[\"" ID ("71") "\",\"koltuk-1\"],"
                 "\"starts_at\":\"2026-11-27T11:00:00Z\",\"ends_at\":\"2026-11-27T12:30:00Z\","
                 "\"price_minor\":1}"),
    AHI_CORE_ERROR_INVALID_VALUE, "payload.items[0].resource_ids[1]" },
  { "repeated-id-in-list",
    APPOINTMENT ("{\"service_id\":\"" ID ("51") "\",\"resource_ids\":[\"" ID ("71") "\",\"" ID ("71") "\"],"
                 "\"starts_at\":\"2026-11-27T11:00:00Z\",\"ends_at\":\"2026-11-27T12:30:00Z\","
                 "\"price_minor\":1}"),
    AHI_CORE_ERROR_INVALID_VALUE, "payload.items[0].resource_ids[1]" },
  { "empty-list-below-minimum",
    APPOINTMENT (""),
    AHI_CORE_ERROR_INVALID_VALUE, "payload.items" },
  { "ends-before-starts-in-item",
    APPOINTMENT (ITEM ("51", "11:00", "12:00", "100") "," ITEM ("52", "12:30", "12:00", "100")),
    AHI_CORE_ERROR_INVALID_VALUE, "payload.items[1].ends_at" },
  { "ends-equal-starts",
    EVENT ("staff.absence.added", "staff_absence",
           "{\"staff_id\":\"" ID ("5a") "\",\"kind\":\"break\","
           "\"starts_at\":\"2026-11-24T13:00:00Z\",\"ends_at\":\"2026-11-24T13:00:00Z\"}"),
    AHI_CORE_ERROR_INVALID_VALUE, "payload.ends_at" },
  { "ends-before-starts-top-level",
    EVENT ("appointment.created", "appointment",
           "{\"customer_id\":\"" ID ("c1") "\",\"starts_at\":\"2026-11-27T11:00:00Z\","
           "\"ends_at\":\"2026-11-27T10:30:00Z\",\"items\":[" ITEM ("51", "11:00", "12:00", "1") "],"
           "\"source\":\"desk\"}"),
    AHI_CORE_ERROR_INVALID_VALUE, "payload.ends_at" },
  { "closes-before-opens",
    EVENT ("tenant.settings.updated", "tenant",
           "{\"opening_hours\":[{\"weekday\":1,\"opens\":\"09:00\",\"closes\":\"19:00\"},"
           "{\"weekday\":2,\"opens\":\"09:00\",\"closes\":\"08:59\"}]}"),
    AHI_CORE_ERROR_INVALID_VALUE, "payload.opening_hours[1].closes" },
  { "work-ends-before-starts",
    EVENT ("staff.hours.set", "staff",
           "{\"intervals\":[{\"weekday\":3,\"starts\":\"13:00\",\"ends\":\"12:00\"}]}"),
    AHI_CORE_ERROR_INVALID_VALUE, "payload.intervals[0].ends" },
  { "ends-on-before-starts-on",
    EVENT ("business.closure.added", "closure",
           "{\"starts_on\":\"2026-03-30\",\"ends_on\":\"2026-03-29\",\"reason\":\"Ramazan Bayramı\"}"),
    AHI_CORE_ERROR_INVALID_VALUE, "payload.ends_on" },
  { "weekday-8",
    EVENT ("staff.hours.set", "staff",
           "{\"intervals\":[{\"weekday\":8,\"starts\":\"09:00\",\"ends\":\"12:00\"}]}"),
    AHI_CORE_ERROR_OUT_OF_RANGE, "payload.intervals[0].weekday" },
  { "pii-on-event-without-pii",
    HEAD ("appointment.cancelled", "appointment")
    ",\"payload\":{\"cancelled_by\":\"customer\"},\"pii\":{\"reason\":\"hasta\"}}",
    AHI_CORE_ERROR_UNKNOWN_FIELD, "pii" },
  { "missing-pii",
    EVENT ("customer.created", "customer", "{\"source\":\"walk_in\"}"),
    AHI_CORE_ERROR_MISSING_FIELD, "pii" },
  { "missing-required-pii-field",
    CUSTOMER ("{\"source\":\"walk_in\"}", "{\"phone\":\"+905321234567\"}"),
    AHI_CORE_ERROR_MISSING_FIELD, "pii.full_name" },
  { "unknown-pii-member",
    CUSTOMER ("{\"source\":\"walk_in\"}", "{\"full_name\":\"Işıl Çağlar\",\"tckn\":\"10000000146\"}"),
    AHI_CORE_ERROR_UNKNOWN_FIELD, "pii.tckn" },
  { "empty-partial-update",
    EVENT ("resource.updated", "resource", "{}"),
    AHI_CORE_ERROR_MISSING_FIELD, "payload" },
  { "empty-partial-update-with-empty-pii",
    HEAD ("customer.updated", "customer") ",\"payload\":{},\"pii\":{}}",
    AHI_CORE_ERROR_MISSING_FIELD, "payload" },
  { "text-too-long",
    /* 201 characters where 200 are allowed (20 × "İptal. Çok" + "!"). */
    CANCEL ("{\"cancelled_by\":\"customer\",\"reason\":\""
            "İptal. Çok" "İptal. Çok" "İptal. Çok" "İptal. Çok" "İptal. Çok"
            "İptal. Çok" "İptal. Çok" "İptal. Çok" "İptal. Çok" "İptal. Çok"
            "İptal. Çok" "İptal. Çok" "İptal. Çok" "İptal. Çok" "İptal. Çok"
            "İptal. Çok" "İptal. Çok" "İptal. Çok" "İptal. Çok" "İptal. Çok"
            "!\"}"),
    AHI_CORE_ERROR_TOO_LARGE, "payload.reason" },
};

static void
assert_refused (const char   *json,
                gssize        length,
                AhiCoreError  code,
                const char   *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AhiEvent) event = NULL;
  g_autofree char *prefix = g_strconcat (path, ":", NULL);

  event = ahi_event_decode (json, length, &error);
  g_assert_null (event);
  g_assert_nonnull (error);
  g_test_message ("%s", error->message);
  g_assert_error (error, AHI_CORE_ERROR, (gint) code);
  if (!g_str_has_prefix (error->message, prefix))
    g_error ("message \"%s\" does not start with \"%s\"", error->message, prefix);
}

static void
test_case (gconstpointer data)
{
  const Case *c = data;

  assert_refused (c->json, -1, c->code, c->path);
}

/* ------------------------------------------------------ generated cases */

static char *
appointment_with_items (guint n_items)
{
  GString *json = g_string_new (HEAD ("appointment.created", "appointment")
                                ",\"payload\":{\"customer_id\":\"" ID ("c1") "\","
                                "\"starts_at\":\"2026-11-27T08:00:00Z\","
                                "\"ends_at\":\"2026-11-27T19:00:00Z\",\"items\":[");

  for (guint i = 0; i < n_items; i++)
    g_string_append_printf (json, "%s{\"service_id\":\"" ID ("51") "\","
                            "\"starts_at\":\"2026-11-27T%02u:00:00Z\","
                            "\"ends_at\":\"2026-11-27T%02u:00:00Z\",\"price_minor\":100}",
                            i > 0 ? "," : "", 8 + i, 9 + i);
  g_string_append (json, "],\"source\":\"desk\"}}");
  return g_string_free (json, FALSE);
}

static void
test_too_many_items (void)
{
  g_autofree char *eleven = appointment_with_items (11);
  g_autofree char *ten = appointment_with_items (10);
  g_autoptr(GError) error = NULL;
  g_autoptr(AhiEvent) event = NULL;

  /* appointment.created allows at most 10 items. */
  assert_refused (eleven, -1, AHI_CORE_ERROR_TOO_LARGE, "payload.items");

  event = ahi_event_decode (ten, -1, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (event->payload, "items")), ==, 10);
}

static void
test_name_too_long (void)
{
  g_autoptr(GString) name = g_string_new (NULL);
  g_autofree char *json = NULL;

  /* resource.created name: at most 80 characters; 81 two-byte ones. */
  for (guint i = 0; i < 81; i++)
    g_string_append (name, "ş");
  json = g_strdup_printf (EVENT ("resource.created", "resource",
                                 "{\"kind\":\"chair\",\"name\":\"%s\"}"), name->str);
  assert_refused (json, -1, AHI_CORE_ERROR_TOO_LARGE, "payload.name");
}

static void
test_document_too_large (void)
{
  g_autofree char *text = g_strnfill (AHI_EVENT_MAX_BYTES, 'a');
  g_autofree char *json = g_strdup_printf (HEAD ("crm.note.created", "note")
                                           ",\"payload\":{\"customer_id\":\"" ID ("c1") "\",\"kind\":\"general\"},"
                                           "\"pii\":{\"text\":\"%s\"}}", text);

  assert_refused (json, -1, AHI_CORE_ERROR_TOO_LARGE, "document");
  /* An explicit length over the bound, too. */
  assert_refused (json, (gssize) strlen (json), AHI_CORE_ERROR_TOO_LARGE, "document");
}

static void
test_nesting_too_deep (void)
{
  g_autoptr(GString) detail = g_string_new (NULL);
  g_autofree char *json = NULL;

  /* The root is level 1, payload 2, detail 3: 30 more objects inside
   * detail reach level 33, one over the bound. */
  for (guint i = 0; i < 30; i++)
    g_string_append (detail, "{\"a\":");
  g_string_append (detail, "1");
  for (guint i = 0; i < 30; i++)
    g_string_append_c (detail, '}');

  json = g_strdup_printf (EVENT ("ops.alert.raised", "ops_alert",
                                 "{\"kind\":\"x\",\"severity\":\"info\",\"detail\":{\"a\":%s}}"),
                          detail->str);
  /* The path names the member whose value would open level 33: detail
   * and then 30 times "a". */
  g_string_assign (detail, "payload.detail");
  for (guint i = 0; i < 30; i++)
    g_string_append (detail, ".a");
  assert_refused (json, -1, AHI_CORE_ERROR_TOO_LARGE, detail->str);
}

static void
test_raw_nul (void)
{
  static const char json[] = CANCEL ("{\"cancelled_by\":\"customer\",\"reason\":\"x\0y\"}");

  /* With an explicit length the NUL byte is part of the text. */
  assert_refused (json, sizeof json - 1, AHI_CORE_ERROR_NUL_IN_STRING, "payload.reason");
}

static void
test_object_for_list (void)
{
  assert_refused (EVENT ("appointment.created", "appointment",
                         "{\"customer_id\":\"" ID ("c1") "\",\"starts_at\":\"2026-11-27T11:00:00Z\","
                         "\"ends_at\":\"2026-11-27T12:30:00Z\",\"items\":{},\"source\":\"desk\"}"),
                  -1, AHI_CORE_ERROR_WRONG_TYPE, "payload.items");
}

/* ------------------------------------------------- events built in code */

static AhiEvent *
valid_cancel (void)
{
  AhiEvent *event = ahi_event_new ("appointment.cancelled", ID ("a1"), ID ("e1"), ID ("d1"), 1,
                                   ID ("b1"), "staff", G_GINT64_CONSTANT (1795514400));

  json_object_set_string_member (event->payload, "cancelled_by", "business");
  return event;
}

static void
assert_invalid (const AhiEvent *event,
                AhiCoreError    code,
                const char     *path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *prefix = g_strconcat (path, ":", NULL);

  g_assert_false (ahi_event_validate (event, &error));
  g_assert_error (error, AHI_CORE_ERROR, (gint) code);
  if (!g_str_has_prefix (error->message, prefix))
    g_error ("message \"%s\" does not start with \"%s\"", error->message, prefix);
}

static void
test_built_events (void)
{
  g_autoptr(AhiEvent) event = NULL;
  g_autoptr(GError) error = NULL;

  event = valid_cancel ();
  g_assert_true (ahi_event_validate (event, &error));
  g_assert_no_error (error);

  /* A double set in code. */
  json_object_set_double_member (event->payload, "reason", 1.5);
  assert_invalid (event, AHI_CORE_ERROR_WRONG_TYPE, "payload.reason");

  /* Bytes that are not UTF-8. */
  json_object_set_string_member (event->payload, "reason", "ge\xc3\x28");
  assert_invalid (event, AHI_CORE_ERROR_INVALID_UTF8, "payload.reason");
  json_object_remove_member (event->payload, "reason");

  event->version = 2;
  assert_invalid (event, AHI_CORE_ERROR_UNSUPPORTED_VERSION, "v");
  event->version = 1;

  event->device_seq = 0;
  assert_invalid (event, AHI_CORE_ERROR_OUT_OF_RANGE, "device_seq");
  event->device_seq = 1;

  event->occurred_at = -1;
  assert_invalid (event, AHI_CORE_ERROR_OUT_OF_RANGE, "occurred_at");
  /* Year 10000 does not fit the format; encoding still works. */
  event->occurred_at = G_GINT64_CONSTANT (253402300800);
  assert_invalid (event, AHI_CORE_ERROR_OUT_OF_RANGE, "occurred_at");
  event->occurred_at = G_MAXINT64;
  assert_invalid (event, AHI_CORE_ERROR_OUT_OF_RANGE, "occurred_at");
  {
    g_autofree char *text = ahi_event_encode (event);

    g_assert_nonnull (strstr (text, "\"occurred_at\":9223372036854775807,"));
  }
  event->occurred_at = 1795514400;

  event->received_at = 1795514401;
  assert_invalid (event, AHI_CORE_ERROR_MISSING_FIELD, "server_seq");
  event->received_at = 0;

  g_clear_pointer (&event->tenant_id, g_free);
  assert_invalid (event, AHI_CORE_ERROR_MISSING_FIELD, "tenant_id");
  event->tenant_id = g_strdup (ID ("a1"));

  /* Asking for the pii of an event that has none makes an empty one,
   * which is still a pii member where none may be. */
  ahi_event_get_pii (event);
  assert_invalid (event, AHI_CORE_ERROR_UNKNOWN_FIELD, "pii");
  g_clear_pointer (&event->pii, json_object_unref);

  g_assert_true (ahi_event_validate (event, &error));
  g_assert_no_error (error);

  /* Free-form objects are bounded two levels under a JSON document, so
   * that the event still fits in a push body ({"events":[…]}): detail is
   * level 3, 28 objects inside it reach level 31, one over. */
  {
    g_autoptr(AhiEvent) alert = ahi_event_new ("ops.alert.raised", ID ("a1"), ID ("e1"),
                                               ID ("d1"), 1, ID ("b1"), "system", 1795514400);
    g_autoptr(GString) path = g_string_new ("payload.detail");
    JsonObject *inner = json_object_new ();

    json_object_set_string_member (alert->payload, "kind", "x");
    json_object_set_string_member (alert->payload, "severity", "info");
    json_object_set_int_member (inner, "a", 1);
    for (guint i = 0; i < 28; i++)
      {
        JsonObject *outer = json_object_new ();

        json_object_set_object_member (outer, "a", inner);
        inner = outer;
        g_string_append (path, ".a");
      }
    json_object_set_object_member (alert->payload, "detail", inner);
    assert_invalid (alert, AHI_CORE_ERROR_TOO_LARGE, path->str);
  }

  /* An unknown type still encodes, but never validates. */
  {
    g_autoptr(AhiEvent) unknown = ahi_event_new ("appointment.teleported", ID ("a1"), ID ("e1"),
                                                 ID ("d1"), 1, ID ("b1"), "staff", 1795514400);
    g_autofree char *text = NULL;

    g_assert_null (unknown->entity);
    assert_invalid (unknown, AHI_CORE_ERROR_UNKNOWN_TYPE, "type");
    text = ahi_event_encode (unknown);
    g_assert_nonnull (strstr (text, "\"entity\":null"));
  }
}

/* -------------------------------------------------- the strict front end */

static void
assert_json_refused (const char   *text,
                     AhiCoreError  code)
{
  g_autoptr(GError) error = NULL;

  g_assert_false (ahi_json_strict_check (text, -1, 4096, &error));
  g_assert_error (error, AHI_CORE_ERROR, (gint) code);
}

static void
assert_json_accepted (const char *text)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (ahi_json_strict_check (text, -1, 4096, &error));
  g_assert_no_error (error);
}

static void
test_strict_json (void)
{
  g_autoptr(GString) deep = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = NULL;

  /* Any value may be the root of a checked document. */
  assert_json_accepted ("[1,-2,true,false,null,\"x\",{}]");
  assert_json_accepted (" 0 ");
  assert_json_accepted ("\"\\ud83d\\ude00 \\u00e7\"");
  assert_json_accepted ("[9223372036854775807,-9223372036854775808,-0]");
  assert_json_accepted ("{\"a\":{\"a\":1},\"b\":[{\"a\":1},{\"a\":2}]}");   /* same name, other objects */

  assert_json_refused ("[9223372036854775808]", AHI_CORE_ERROR_OUT_OF_RANGE);
  assert_json_refused ("[-9223372036854775809]", AHI_CORE_ERROR_OUT_OF_RANGE);
  assert_json_refused ("[1E2]", AHI_CORE_ERROR_WRONG_TYPE);
  assert_json_refused ("[1.]", AHI_CORE_ERROR_INVALID_JSON);
  assert_json_refused ("[.5]", AHI_CORE_ERROR_INVALID_JSON);
  assert_json_refused ("[-]", AHI_CORE_ERROR_INVALID_JSON);
  assert_json_refused ("[Infinity]", AHI_CORE_ERROR_INVALID_JSON);
  assert_json_refused ("[tru]", AHI_CORE_ERROR_INVALID_JSON);
  assert_json_refused ("[1 2]", AHI_CORE_ERROR_INVALID_JSON);
  assert_json_refused ("[\"\\u12\"]", AHI_CORE_ERROR_INVALID_JSON);
  assert_json_refused ("[\"\\ud800\\u0041\"]", AHI_CORE_ERROR_INVALID_UTF8);
  assert_json_refused ("{\"\\u0000\":1}", AHI_CORE_ERROR_NUL_IN_STRING);
  assert_json_refused ("{\"a\":1,\"a\":1}", AHI_CORE_ERROR_DUPLICATE_KEY);
  assert_json_refused ("", AHI_CORE_ERROR_INVALID_JSON);
  assert_json_refused ("{\"a\" 1}", AHI_CORE_ERROR_INVALID_JSON);
  assert_json_refused ("{\"a\":1", AHI_CORE_ERROR_INVALID_JSON);
  assert_json_refused ("[1,]", AHI_CORE_ERROR_INVALID_JSON);

  /* 32 levels pass, 33 do not. */
  for (guint i = 0; i < 32; i++)
    g_string_append_c (deep, '[');
  for (guint i = 0; i < 32; i++)
    g_string_append_c (deep, ']');
  assert_json_accepted (deep->str);
  g_string_prepend_c (deep, '[');
  g_string_append_c (deep, ']');
  assert_json_refused (deep->str, AHI_CORE_ERROR_TOO_LARGE);

  /* The byte bound is inclusive. */
  g_assert_true (ahi_json_strict_check ("[1]", -1, 3, &error));
  g_assert_no_error (error);
  g_assert_false (ahi_json_strict_check ("[1]", -1, 2, &error));
  g_assert_error (error, AHI_CORE_ERROR, AHI_CORE_ERROR_TOO_LARGE);
  g_clear_error (&error);

  /* parse wants an object; the duplicate's message names its path. */
  root = ahi_json_strict_parse ("[1]", -1, 4096, &error);
  g_assert_null (root);
  g_assert_error (error, AHI_CORE_ERROR, AHI_CORE_ERROR_INVALID_JSON);
  g_clear_error (&error);
  root = ahi_json_strict_parse ("{\"a\":[{\"b\":1},{\"c\":{\"d\":1,\"d\":2}}]}", -1, 4096, &error);
  g_assert_null (root);
  g_assert_error (error, AHI_CORE_ERROR, AHI_CORE_ERROR_DUPLICATE_KEY);
  g_assert_true (g_str_has_prefix (error->message, "a[1].c.d:"));
  g_clear_error (&error);

  root = ahi_json_strict_parse ("{\"ç\":\"\\u00e7\"}", -1, 4096, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (root), "ç"), ==, "ç");
}

static void
test_strict_writer (void)
{
  g_autoptr(JsonObject) object = json_object_new ();
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(JsonNode) copy = NULL;
  g_autofree char *text = NULL;
  g_autofree char *sorted = NULL;

  /* json-glib 1.6 writes U+001F raw; ours escapes every control
   * character and DEL, and leaves '/' and non-ASCII alone. */
  json_object_set_string_member (object, "s", "\x1f\x7f/ş\"\\");
  json_object_set_int_member (object, "i", -42);
  json_object_set_boolean_member (object, "b", TRUE);
  json_object_set_null_member (object, "n");
  node = json_node_init_object (json_node_alloc (), object);
  text = ahi_json_strict_to_string (node);
  g_assert_cmpstr (text, ==, "{\"s\":\"\\u001f\\u007f/ş\\\"\\\\\",\"i\":-42,\"b\":true,\"n\":null}");

  /* A sorted deep copy; changing the copy leaves the original alone. */
  copy = ahi_json_strict_copy (node, TRUE);
  json_object_set_string_member (json_node_get_object (copy), "s", "changed");
  sorted = ahi_json_strict_to_string (copy);
  g_assert_cmpstr (sorted, ==, "{\"b\":true,\"i\":-42,\"n\":null,\"s\":\"changed\"}");
  g_assert_cmpstr (json_object_get_string_member (object, "s"), ==, "\x1f\x7f/ş\"\\");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  ahi_core_init ();

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/core/event-malformed/%s", cases[i].name);

      g_test_add_data_func (path, &cases[i], test_case);
    }

  g_test_add_func ("/core/event-malformed/object-for-list", test_object_for_list);
  g_test_add_func ("/core/event-malformed/too-many-items", test_too_many_items);
  g_test_add_func ("/core/event-malformed/name-too-long", test_name_too_long);
  g_test_add_func ("/core/event-malformed/document-too-large", test_document_too_large);
  g_test_add_func ("/core/event-malformed/nesting-too-deep", test_nesting_too_deep);
  g_test_add_func ("/core/event-malformed/raw-nul", test_raw_nul);
  g_test_add_func ("/core/event-malformed/built-events", test_built_events);
  g_test_add_func ("/core/event-malformed/strict-json", test_strict_json);
  g_test_add_func ("/core/event-malformed/strict-writer", test_strict_writer);

  return g_test_run ();
}
