/* test-event-codec.c — every catalogue type round-trips to canonical bytes
 *
 * The generic cases build each type from its field specs, so a type added
 * to the catalogue is covered without touching this file. The hand-written
 * cases spell the expected canonical bytes out in full.
 */
#include <string.h>

#include "core/ahi-core.h"
#include "core/ahi-core-error.h"
#include "core/ahi-event.h"
#include "core/ahi-json-strict.h"

#define ID(n) "0190f3a2-7c1e-7abc-8def-0000000000" n

/* 2026-11-24T10:00:00Z: 20781 days after 1970-01-01, plus ten hours. */
#define NOV24_10H G_GINT64_CONSTANT (1795514400)

/* ------------------------------------------------------------- builders */

typedef struct {
  guint ids;     /* ids handed out so far, so that every id differs */
} Filler;

static char *
filler_id (Filler *f)
{
  return g_strdup_printf ("0190f3a2-7c1e-7abc-8def-%012x", ++f->ids);
}

static JsonNode *
free_form_object (void)
{
  g_autoptr(JsonParser) parser = json_parser_new ();

  /* Members deliberately out of order: encoding sorts free-form objects. */
  g_assert_true (json_parser_load_from_data (parser,
      "{\"z\":1,\"a\":[true,null,\"ş\"],\"m\":{\"y\":-5,\"b\":\"x\"}}", -1, NULL));
  return json_node_copy (json_parser_get_root (parser));
}

static void fill_object (Filler *f, const AhiFieldSpec *fields, JsonObject *object,
                         gboolean required_only);

/* A valid value for spec. Times, dates and clocks grow with index, the
 * position of the field in its object: the catalogue lists every interval
 * start before its end, so the order rules hold. */
static JsonNode *
valid_value (Filler             *f,
             const AhiFieldSpec *spec,
             guint               index,
             gboolean            required_only)
{
  JsonNode *node = json_node_alloc ();

  switch (spec->kind)
    {
    case AHI_FIELD_ID:
      {
        g_autofree char *id = filler_id (f);

        return json_node_init_string (node, id);
      }
    case AHI_FIELD_STRING:
      /* 12 characters, the shortest STRING bound in v1 is 16. A quote and
       * a backslash check the escaping. */
      g_assert_cmpint (spec->max == 0 ? AHI_EVENT_MAX_STRING_CHARS : spec->max, >=, 12);
      return json_node_init_string (node, "Işıl \"Ç\" \\ ğ");
    case AHI_FIELD_TEXT:
      return json_node_init_string (node, "Satır 1\nSatır 2\tçok iyi 😀 / son");
    case AHI_FIELD_ENUM:
      {
        guint n = g_strv_length ((char **) spec->values);

        return json_node_init_string (node, spec->values[n - 1]);
      }
    case AHI_FIELD_INT:
      return json_node_init_int (node, spec->max);
    case AHI_FIELD_MONEY:
      return json_node_init_int (node, -AHI_MONEY_MAX_MINOR);
    case AHI_FIELD_PRICE:
      return json_node_init_int (node, AHI_MONEY_MAX_MINOR);
    case AHI_FIELD_BOOL:
      return json_node_init_boolean (node, FALSE);
    case AHI_FIELD_TIME:
      {
        g_autofree char *t = g_strdup_printf ("2026-11-24T%02u:15:00Z", 8 + index);

        return json_node_init_string (node, t);
      }
    case AHI_FIELD_DATE:
      {
        g_autofree char *d = g_strdup_printf ("2026-12-%02u", 10 + index);

        return json_node_init_string (node, d);
      }
    case AHI_FIELD_CLOCK:
      {
        g_autofree char *c = g_strdup_printf ("%02u:30", 8 + index);

        return json_node_init_string (node, c);
      }
    case AHI_FIELD_PHONE:
      return json_node_init_string (node, "+905321234567");
    case AHI_FIELD_CURRENCY:
      return json_node_init_string (node, "TRY");
    case AHI_FIELD_OBJECT:
      json_node_unref (node);
      return free_form_object ();
    case AHI_FIELD_ID_LIST:
    case AHI_FIELD_STRING_LIST:
    case AHI_FIELD_OBJECT_LIST:
      {
        g_autoptr(JsonArray) array = json_array_new ();
        gint64 max = spec->max > 0 ? spec->max : AHI_EVENT_MAX_LIST_ITEMS;
        gint64 n = MIN (MAX (spec->min, 2), max);

        for (gint64 i = 0; i < n; i++)
          {
            if (spec->kind == AHI_FIELD_ID_LIST)
              {
                g_autofree char *id = filler_id (f);

                json_array_add_string_element (array, id);
              }
            else if (spec->kind == AHI_FIELD_STRING_LIST)
              json_array_add_string_element (array, i == 0 ? "vip" : "İğne Ölçü");
            else
              {
                g_autoptr(JsonObject) item = json_object_new ();

                fill_object (f, spec->item_fields, item, required_only);
                json_array_add_object_element (array, g_steal_pointer (&item));
              }
          }
        return json_node_init_array (node, array);
      }
    default:
      g_assert_not_reached ();
    }
}

/* Sets every field (or only the required ones) of fields in object, in
 * reverse catalogue order so that encoding has something to reorder. */
static void
fill_object (Filler             *f,
             const AhiFieldSpec *fields,
             JsonObject         *object,
             gboolean            required_only)
{
  guint n = 0;

  while (fields[n].name != NULL)
    n++;
  for (guint i = n; i-- > 0;)
    if (fields[i].required || !required_only)
      json_object_set_member (object, fields[i].name,
                              valid_value (f, &fields[i], i, required_only));
}

static AhiEvent *
build_event (const AhiEventSpec *spec,
             gboolean            required_only)
{
  Filler f = { 0 };
  AhiEvent *event = ahi_event_new (spec->type, ID ("a1"), ID ("e1"), ID ("d1"), 7,
                                   ID ("b1"), "manager", NOV24_10H);

  fill_object (&f, spec->payload, event->payload, required_only);
  if (spec->pii != NULL)
    fill_object (&f, spec->pii, ahi_event_get_pii (event), required_only);

  /* An update with no field set is invalid: set the first one. */
  if (required_only && (spec->flags & AHI_EVENT_SPEC_PARTIAL) &&
      json_object_get_size (event->payload) == 0 &&
      (event->pii == NULL || json_object_get_size (event->pii) == 0))
    json_object_set_member (event->payload, spec->payload[0].name,
                            valid_value (&f, &spec->payload[0], 0, TRUE));

  /* Optional pii with nothing in it is left out altogether. */
  if (event->pii != NULL && json_object_get_size (event->pii) == 0)
    g_clear_pointer (&event->pii, json_object_unref);
  return event;
}

/* ----------------------------------------------------------- assertions */

static void
assert_objects_equal (JsonObject *a,
                      JsonObject *b)
{
  g_autoptr(JsonNode) na = NULL;
  g_autoptr(JsonNode) nb = NULL;

  if (a == NULL || b == NULL)
    {
      g_assert_true (a == b);
      return;
    }
  na = json_node_init_object (json_node_alloc (), a);
  nb = json_node_init_object (json_node_alloc (), b);
  g_assert_true (json_node_equal (na, nb));
}

static void
assert_events_equal (const AhiEvent *a,
                     const AhiEvent *b)
{
  g_assert_cmpuint (a->version, ==, b->version);
  g_assert_cmpstr (a->event_id, ==, b->event_id);
  g_assert_cmpstr (a->tenant_id, ==, b->tenant_id);
  g_assert_cmpstr (a->device_id, ==, b->device_id);
  g_assert_cmpint (a->device_seq, ==, b->device_seq);
  g_assert_cmpstr (a->type, ==, b->type);
  g_assert_cmpstr (a->entity, ==, b->entity);
  g_assert_cmpstr (a->entity_id, ==, b->entity_id);
  g_assert_cmpstr (a->actor_user_id, ==, b->actor_user_id);
  g_assert_cmpstr (a->actor_role, ==, b->actor_role);
  g_assert_cmpint (a->occurred_at, ==, b->occurred_at);
  assert_objects_equal (a->payload, b->payload);
  assert_objects_equal (a->pii, b->pii);
  g_assert_cmpint (a->server_seq, ==, b->server_seq);
  g_assert_cmpint (a->received_at, ==, b->received_at);
}

/* Members of object, in the order the text had them, must follow fields. */
static void
assert_catalogue_order (const AhiFieldSpec *fields,
                        JsonObject         *object)
{
  JsonObjectIter iter;
  const char *name;
  JsonNode *member;
  const AhiFieldSpec *f = fields;

  json_object_iter_init_ordered (&iter, object);
  while (json_object_iter_next_ordered (&iter, &name, &member))
    {
      while (f->name != NULL && !g_str_equal (f->name, name))
        f++;
      g_assert_nonnull (f->name);   /* name came after a later field */

      if (f->kind == AHI_FIELD_OBJECT_LIST)
        {
          JsonArray *items = json_node_get_array (member);

          for (guint i = 0; i < json_array_get_length (items); i++)
            assert_catalogue_order (f->item_fields, json_array_get_object_element (items, i));
        }
      f++;
    }
}

/* encode → decode → encode gives the same bytes and the same event. */
static void
assert_round_trip (const AhiEvent *event)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AhiEvent) decoded = NULL;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;

  ahi_event_validate (event, &error);
  g_assert_no_error (error);

  first = ahi_event_encode (event);
  decoded = ahi_event_decode (first, -1, &error);
  g_assert_no_error (error);
  g_assert_nonnull (decoded);

  second = ahi_event_encode (decoded);
  g_assert_cmpstr (first, ==, second);
  assert_events_equal (event, decoded);

  /* The text is compact: no white space outside strings. */
  g_assert_cmpint (first[0], ==, '{');
  g_assert_null (strstr (first, "\": "));
  g_assert_null (strstr (first, ", \""));
}

static void
assert_canonical_order (const AhiEvent *event)
{
  static const char * const envelope[] = {
    "v", "event_id", "tenant_id", "device_id", "device_seq", "type", "entity",
    "entity_id", "actor", "occurred_at", "payload", "pii", "server_seq", "received_at", NULL
  };
  const AhiEventSpec *spec = ahi_event_catalogue_lookup (event->type);
  g_autofree char *text = ahi_event_encode (event);
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *root;
  JsonObjectIter iter;
  const char *name;
  JsonNode *member;
  guint e = 0;

  /* json-glib keeps members in text order, which is what is checked. */
  g_assert_true (json_parser_load_from_data (parser, text, -1, NULL));
  root = json_node_get_object (json_parser_get_root (parser));

  json_object_iter_init_ordered (&iter, root);
  while (json_object_iter_next_ordered (&iter, &name, &member))
    {
      while (envelope[e] != NULL && !g_str_equal (envelope[e], name))
        e++;
      g_assert_nonnull (envelope[e]);
      e++;
    }

  assert_catalogue_order (spec->payload, json_object_get_object_member (root, "payload"));
  if (json_object_has_member (root, "pii"))
    assert_catalogue_order (spec->pii, json_object_get_object_member (root, "pii"));
}

/* -------------------------------------------------------- generic cases */

static void
test_every_type_full (gconstpointer data)
{
  const AhiEventSpec *spec = data;
  g_autoptr(AhiEvent) event = build_event (spec, FALSE);
  guint n_fields = 0;

  for (const AhiFieldSpec *f = spec->payload; f->name != NULL; f++)
    n_fields++;
  g_assert_cmpuint (json_object_get_size (event->payload), ==, n_fields);

  assert_round_trip (event);
  assert_canonical_order (event);
}

static void
test_every_type_required_only (gconstpointer data)
{
  const AhiEventSpec *spec = data;
  g_autoptr(AhiEvent) event = build_event (spec, TRUE);

  assert_round_trip (event);
  assert_canonical_order (event);
}

static void
test_every_type_accepted (gconstpointer data)
{
  const AhiEventSpec *spec = data;
  g_autoptr(AhiEvent) event = build_event (spec, FALSE);
  g_autoptr(AhiEvent) copy = NULL;
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;

  /* As the server sees it once accepted. */
  event->server_seq = 981;
  event->received_at = NOV24_10H + 5;
  assert_round_trip (event);
  assert_canonical_order (event);

  /* A copy is deep: changing it leaves the original alone. */
  copy = ahi_event_copy (event);
  a = ahi_event_encode (event);
  json_object_set_string_member (copy->payload, "changed", "x");
  if (spec->payload[0].name != NULL)
    json_object_remove_member (copy->payload, spec->payload[0].name);
  b = ahi_event_encode (event);
  g_assert_cmpstr (a, ==, b);
}

/* ------------------------------------------------------------ hand cases */

/* An appointment of two services, the second on no particular staff. */
static const char appointment_canonical[] =
  "{\"v\":1,\"event_id\":\"" ID ("01") "\",\"tenant_id\":\"" ID ("a1") "\","
  "\"device_id\":\"" ID ("d1") "\",\"device_seq\":42,\"type\":\"appointment.created\","
  "\"entity\":\"appointment\",\"entity_id\":\"" ID ("e1") "\","
  "\"actor\":{\"user_id\":\"" ID ("b1") "\",\"role\":\"staff\"},"
  "\"occurred_at\":\"2026-11-24T10:00:00Z\","
  "\"payload\":{\"customer_id\":\"" ID ("c1") "\","
  "\"starts_at\":\"2026-11-27T11:00:00Z\",\"ends_at\":\"2026-11-27T12:30:00Z\","
  "\"items\":["
  "{\"service_id\":\"" ID ("51") "\",\"staff_id\":\"" ID ("52") "\","
  "\"resource_ids\":[\"" ID ("71") "\",\"" ID ("72") "\"],"
  "\"starts_at\":\"2026-11-27T11:00:00Z\",\"ends_at\":\"2026-11-27T12:00:00Z\",\"price_minor\":75000},"
  "{\"service_id\":\"" ID ("53") "\","
  "\"starts_at\":\"2026-11-27T12:00:00Z\",\"ends_at\":\"2026-11-27T12:30:00Z\",\"price_minor\":25050}"
  "],\"source\":\"phone\",\"campaign_id\":\"" ID ("f1") "\"}}";

/* The same event as another client might send it: members in another
 * order, white space, escaped slashes and unicode escapes. */
static const char appointment_shuffled[] =
  "{\n"
  "  \"payload\": {\n"
  "    \"source\": \"phone\",\n"
  "    \"campaign_id\": \"" ID ("f1") "\",\n"
  "    \"items\": [\n"
  "      { \"price_minor\": 75000, \"ends_at\": \"2026-11-27T12:00:00Z\",\n"
  "        \"starts_at\": \"2026-11-27T11:00:00Z\",\n"
  "        \"resource_ids\": [ \"" ID ("71") "\", \"" ID ("72") "\" ],\n"
  "        \"staff_id\": \"" ID ("52") "\", \"service_id\": \"" ID ("51") "\" },\n"
  "      { \"ends_at\": \"2026-11-27T12:30:00Z\", \"service_id\": \"" ID ("53") "\",\n"
  "        \"price_minor\": 25050, \"starts_at\": \"2026-11-27T12:00:00Z\" }\n"
  "    ],\n"
  "    \"ends_at\": \"2026-11-27T12:30:00Z\",\n"
  "    \"starts_at\": \"2026-11-27T11:00:00Z\",\n"
  "    \"customer_id\": \"" ID ("c1") "\"\n"
  "  },\n"
  "  \"occurred_at\": \"2026-11-24T10:00:00Z\",\n"
  "  \"actor\": { \"role\": \"staff\", \"user_id\": \"" ID ("b1") "\" },\n"
  "  \"entity_id\": \"" ID ("e1") "\", \"entity\": \"appointment\",\n"
  "  \"type\": \"appointment.created\", \"device_seq\": 42,\n"
  "  \"device_id\": \"" ID ("d1") "\", \"tenant_id\": \"" ID ("a1") "\",\n"
  "  \"event_id\": \"" ID ("01") "\", \"v\": 1\n"
  "}\r\n";

static void
test_appointment_two_items (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AhiEvent) event = NULL;
  g_autofree char *encoded = NULL;
  g_autofree char *payload = NULL;
  JsonArray *items;
  JsonObject *second;

  event = ahi_event_decode (appointment_shuffled, -1, &error);
  g_assert_no_error (error);

  g_assert_cmpuint (event->version, ==, 1);
  g_assert_cmpstr (event->event_id, ==, ID ("01"));
  g_assert_cmpstr (event->tenant_id, ==, ID ("a1"));
  g_assert_cmpstr (event->device_id, ==, ID ("d1"));
  g_assert_cmpint (event->device_seq, ==, 42);
  g_assert_cmpstr (event->type, ==, "appointment.created");
  g_assert_cmpstr (event->entity, ==, "appointment");
  g_assert_cmpstr (event->entity_id, ==, ID ("e1"));
  g_assert_cmpstr (event->actor_user_id, ==, ID ("b1"));
  g_assert_cmpstr (event->actor_role, ==, "staff");
  g_assert_cmpint (event->occurred_at, ==, NOV24_10H);
  g_assert_null (event->pii);
  g_assert_cmpint (event->server_seq, ==, 0);
  g_assert_cmpint (event->received_at, ==, 0);

  items = json_object_get_array_member (event->payload, "items");
  g_assert_cmpuint (json_array_get_length (items), ==, 2);
  second = json_array_get_object_element (items, 1);
  g_assert_cmpint (json_object_get_int_member (second, "price_minor"), ==, 25050);
  g_assert_false (json_object_has_member (second, "staff_id"));

  encoded = ahi_event_encode (event);
  g_assert_cmpstr (encoded, ==, appointment_canonical);

  /* The canonical text decodes to itself. */
  g_clear_pointer (&event, ahi_event_free);
  event = ahi_event_decode (appointment_canonical, sizeof appointment_canonical - 1, &error);
  g_assert_no_error (error);
  g_clear_pointer (&encoded, g_free);
  encoded = ahi_event_encode (event);
  g_assert_cmpstr (encoded, ==, appointment_canonical);

  payload = ahi_event_encode_member (event, FALSE);
  g_assert_true (g_str_has_prefix (payload, "{\"customer_id\":\"" ID ("c1") "\",\"starts_at\""));
  g_assert_true (g_str_has_suffix (payload, "\"source\":\"phone\",\"campaign_id\":\"" ID ("f1") "\"}"));
  g_assert_null (ahi_event_encode_member (event, TRUE));
}

static const char customer_canonical[] =
  "{\"v\":1,\"event_id\":\"" ID ("02") "\",\"tenant_id\":\"" ID ("a1") "\","
  "\"device_id\":\"" ID ("d1") "\",\"device_seq\":43,\"type\":\"customer.created\","
  "\"entity\":\"customer\",\"entity_id\":\"" ID ("c1") "\","
  "\"actor\":{\"user_id\":\"" ID ("b1") "\",\"role\":\"owner\"},"
  "\"occurred_at\":\"2026-11-24T10:00:00Z\","
  "\"payload\":{\"source\":\"walk_in\",\"tags\":[\"vip\"]},"
  "\"pii\":{\"full_name\":\"Işıl Çağlar\",\"phone\":\"+905321234567\",\"city\":\"Kadıköy\"},"
  "\"server_seq\":1001,\"received_at\":\"2026-11-24T10:00:07Z\"}";

static void
test_customer_turkish_name (void)
{
  /* The name with \u escapes (ş = U+015F, ı = U+0131, Ç = U+00C7,
   * ğ = U+011F) and the pii members in another order. */
  static const char input[] =
    "{\"v\":1,\"event_id\":\"" ID ("02") "\",\"tenant_id\":\"" ID ("a1") "\","
    "\"device_id\":\"" ID ("d1") "\",\"device_seq\":43,\"type\":\"customer.created\","
    "\"entity\":\"customer\",\"entity_id\":\"" ID ("c1") "\","
    "\"actor\":{\"user_id\":\"" ID ("b1") "\",\"role\":\"owner\"},"
    "\"occurred_at\":\"2026-11-24T10:00:00Z\","
    "\"received_at\":\"2026-11-24T10:00:07Z\",\"server_seq\":1001,"
    "\"pii\":{\"city\":\"Kad\\u0131k\\u00f6y\",\"phone\":\"+905321234567\","
    "\"full_name\":\"I\\u015f\\u0131l \\u00c7a\\u011flar\"},"
    "\"payload\":{\"tags\":[\"vip\"],\"source\":\"walk_in\"}}";
  g_autoptr(GError) error = NULL;
  g_autoptr(AhiEvent) event = NULL;
  g_autoptr(AhiEvent) built = NULL;
  g_autofree char *encoded = NULL;
  g_autofree char *built_encoded = NULL;
  g_autofree char *pii = NULL;
  g_autofree char *payload = NULL;
  g_autoptr(JsonArray) tags = json_array_new ();
  JsonObject *p;

  event = ahi_event_decode (input, -1, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (json_object_get_string_member (event->pii, "full_name"), ==, "Işıl Çağlar");
  g_assert_cmpstr (json_object_get_string_member (event->pii, "phone"), ==, "+905321234567");
  g_assert_cmpint (event->server_seq, ==, 1001);
  g_assert_cmpint (event->received_at, ==, NOV24_10H + 7);

  encoded = ahi_event_encode (event);
  g_assert_cmpstr (encoded, ==, customer_canonical);

  pii = ahi_event_encode_member (event, TRUE);
  g_assert_cmpstr (pii, ==, "{\"full_name\":\"Işıl Çağlar\",\"phone\":\"+905321234567\",\"city\":\"Kadıköy\"}");
  payload = ahi_event_encode_member (event, FALSE);
  g_assert_cmpstr (payload, ==, "{\"source\":\"walk_in\",\"tags\":[\"vip\"]}");

  /* Built in code, member by member, it gives the same bytes. */
  built = ahi_event_new ("customer.created", ID ("a1"), ID ("c1"), ID ("d1"), 43,
                         ID ("b1"), "owner", NOV24_10H);
  g_free (built->event_id);
  built->event_id = g_strdup (ID ("02"));
  p = ahi_event_get_pii (built);
  json_object_set_string_member (p, "phone", "+905321234567");
  json_object_set_string_member (p, "city", "Kadıköy");
  json_object_set_string_member (p, "full_name", "Işıl Çağlar");
  json_array_add_string_element (tags, "vip");
  json_object_set_array_member (built->payload, "tags", g_steal_pointer (&tags));
  json_object_set_string_member (built->payload, "source", "walk_in");
  built->server_seq = 1001;
  built->received_at = NOV24_10H + 7;
  g_assert_true (ahi_event_validate (built, &error));
  g_assert_no_error (error);
  built_encoded = ahi_event_encode (built);
  g_assert_cmpstr (built_encoded, ==, customer_canonical);
}

static void
test_escapes_canonical (void)
{
  /* Escapes in, the one canonical spelling out: "\/" becomes "/", "\u00e9"
   * becomes raw UTF-8, the short escapes stay short; the member name is
   * escaped too ("t\u0065xt" is "text"). */
  static const char input[] =
    "{\"v\":1,\"event_id\":\"" ID ("03") "\",\"tenant_id\":\"" ID ("a1") "\","
    "\"device_id\":\"" ID ("d1") "\",\"device_seq\":44,\"type\":\"crm.note.created\","
    "\"entity\":\"note\",\"entity_id\":\"" ID ("0e") "\","
    "\"actor\":{\"user_id\":\"" ID ("b1") "\",\"role\":\"staff\"},"
    "\"occurred_at\":\"2026-11-24T10:00:00Z\","
    "\"payload\":{\"kind\":\"health\",\"customer_id\":\"" ID ("c1") "\"},"
    "\"pii\":{\"t\\u0065xt\":\"a\\\"b\\\\c\\/d\\n\\te\\u00e9\\r\\ud83d\\ude00\"}}";
  static const char expected_pii[] =
    "{\"text\":\"a\\\"b\\\\c/d\\n\\te\xc3\xa9\\r\xf0\x9f\x98\x80\"}";
  g_autoptr(GError) error = NULL;
  g_autoptr(AhiEvent) event = NULL;
  g_autofree char *pii = NULL;

  event = ahi_event_decode (input, -1, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (json_object_get_string_member (event->pii, "text"), ==,
                   "a\"b\\c/d\n\te\xc3\xa9\r\xf0\x9f\x98\x80");
  pii = ahi_event_encode_member (event, TRUE);
  g_assert_cmpstr (pii, ==, expected_pii);
  assert_round_trip (event);
}

static void
test_free_form_sorted (void)
{
  /* blueprint.updated overrides are free-form: their members are sorted
   * bytewise at every level; arrays keep their order. -0 is 0. */
  static const char input[] =
    "{\"v\":1,\"event_id\":\"" ID ("04") "\",\"tenant_id\":\"" ID ("a1") "\","
    "\"device_id\":\"" ID ("d1") "\",\"device_seq\":45,\"type\":\"blueprint.updated\","
    "\"entity\":\"tenant\",\"entity_id\":\"" ID ("a1") "\","
    "\"actor\":{\"user_id\":\"" ID ("b1") "\",\"role\":\"owner\"},"
    "\"occurred_at\":\"2026-11-24T10:00:00Z\","
    "\"payload\":{\"overrides\":{\"terms\":{\"resource\":\"Koltuk\",\"customer\":\"Danışan\"},"
    "\"Z\":[3,1,{\"b\":-0,\"a\":null}],\"a\":false},\"sector\":\"hair_beauty\"}}";
  static const char expected_payload[] =
    "{\"sector\":\"hair_beauty\",\"overrides\":{\"Z\":[3,1,{\"a\":null,\"b\":0}],\"a\":false,"
    "\"terms\":{\"customer\":\"Danışan\",\"resource\":\"Koltuk\"}}}";
  g_autoptr(GError) error = NULL;
  g_autoptr(AhiEvent) event = NULL;
  g_autofree char *payload = NULL;

  event = ahi_event_decode (input, -1, &error);
  g_assert_no_error (error);
  payload = ahi_event_encode_member (event, FALSE);
  g_assert_cmpstr (payload, ==, expected_payload);
  assert_round_trip (event);
}

static void
text_at_bound (const AhiEvent *event,
               const char     *expected)
{
  g_autofree char *text = ahi_event_encode (event);

  g_assert_nonnull (strstr (text, expected));
}

static void
test_bounds_accepted (void)
{
  /* Values exactly at their bounds pass: 80 characters of two bytes each
   * for an 80-character name, int64 extremes in a free-form object, money
   * at ±1e14, rating 1 and 5. */
  g_autoptr(GError) error = NULL;
  g_autoptr(AhiEvent) resource = NULL;
  g_autoptr(AhiEvent) alert = NULL;
  g_autoptr(AhiEvent) review = NULL;
  g_autoptr(GString) name = g_string_new (NULL);
  g_autoptr(JsonObject) detail = json_object_new ();
  g_autofree char *text = NULL;

  for (guint i = 0; i < 80; i++)
    g_string_append (name, "ş");
  resource = ahi_event_new ("resource.created", ID ("a1"), ID ("e2"), ID ("d1"), 1,
                            ID ("b1"), "owner", NOV24_10H);
  json_object_set_string_member (resource->payload, "kind", "chair");
  json_object_set_string_member (resource->payload, "name", name->str);
  assert_round_trip (resource);

  alert = ahi_event_new ("ops.alert.raised", ID ("a1"), ID ("e3"), ID ("d1"), 2,
                         ID ("b1"), "system", NOV24_10H);
  json_object_set_string_member (alert->payload, "kind", "sync_rejected");
  json_object_set_string_member (alert->payload, "severity", "critical");
  json_object_set_int_member (detail, "max", G_MAXINT64);
  json_object_set_int_member (detail, "min", G_MININT64);
  json_object_set_object_member (alert->payload, "detail", g_steal_pointer (&detail));
  assert_round_trip (alert);
  text = ahi_event_encode_member (alert, FALSE);
  g_assert_cmpstr (text, ==,
                   "{\"kind\":\"sync_rejected\",\"severity\":\"critical\","
                   "\"detail\":{\"max\":9223372036854775807,\"min\":-9223372036854775808}}");

  review = ahi_event_new ("review.received", ID ("a1"), ID ("e4"), ID ("d1"), 3,
                          ID ("b1"), "staff", NOV24_10H);
  json_object_set_int_member (review->payload, "rating", 1);
  json_object_set_string_member (review->payload, "source", "google");
  assert_round_trip (review);
  json_object_set_int_member (review->payload, "rating", 5);
  assert_round_trip (review);

  /* The first and the last instant the format can hold. */
  review->occurred_at = 0;
  assert_round_trip (review);
  text_at_bound (review, "\"occurred_at\":\"1970-01-01T00:00:00Z\"");
  review->occurred_at = G_GINT64_CONSTANT (253402300799);
  assert_round_trip (review);
  text_at_bound (review, "\"occurred_at\":\"9999-12-31T23:59:59Z\"");

  /* Optional pii may be absent (review.received has no required pii). */
  g_assert_null (review->pii);
  g_assert_true (ahi_event_validate (review, &error));
  g_assert_no_error (error);
}

static void
test_update_with_pii_only (void)
{
  /* A customer.updated that only changes the phone: the payload may be
   * empty because the pii carries the change. */
  g_autoptr(AhiEvent) event = ahi_event_new ("customer.updated", ID ("a1"), ID ("c1"),
                                             ID ("d1"), 9, ID ("b1"), "staff", NOV24_10H);
  g_autofree char *payload = NULL;
  g_autofree char *pii = NULL;

  json_object_set_string_member (ahi_event_get_pii (event), "phone", "+905551112233");
  assert_round_trip (event);
  payload = ahi_event_encode_member (event, FALSE);
  pii = ahi_event_encode_member (event, TRUE);
  g_assert_cmpstr (payload, ==, "{}");
  g_assert_cmpstr (pii, ==, "{\"phone\":\"+905551112233\"}");
}

static void
test_new_defaults (void)
{
  g_autoptr(AhiEvent) event = ahi_event_new ("resource.deleted", ID ("a1"), ID ("e2"),
                                             ID ("d1"), 5, ID ("b1"), "manager", NOV24_10H);
  g_autoptr(AhiEvent) other = ahi_event_new ("resource.deleted", ID ("a1"), ID ("e2"),
                                             ID ("d1"), 5, ID ("b1"), "manager", NOV24_10H);

  g_assert_cmpuint (event->version, ==, AHI_EVENT_VERSION);
  g_assert_cmpstr (event->entity, ==, "resource");
  g_assert_nonnull (event->payload);
  g_assert_cmpuint (json_object_get_size (event->payload), ==, 0);
  g_assert_null (event->pii);
  g_assert_cmpint (event->server_seq, ==, 0);
  g_assert_cmpint (event->received_at, ==, 0);
  /* Each event gets its own id. */
  g_assert_cmpuint (strlen (event->event_id), ==, 36);
  g_assert_cmpstr (event->event_id, !=, other->event_id);
  assert_round_trip (event);
}

int
main (int   argc,
      char *argv[])
{
  const AhiEventSpec *catalogue;
  guint n_specs;

  g_test_init (&argc, &argv, NULL);
  ahi_core_init ();

  catalogue = ahi_event_catalogue (&n_specs);
  g_assert_cmpuint (n_specs, >, 0);
  for (guint i = 0; i < n_specs; i++)
    {
      g_autofree char *full = g_strdup_printf ("/core/event-codec/full/%s", catalogue[i].type);
      g_autofree char *required = g_strdup_printf ("/core/event-codec/required-only/%s", catalogue[i].type);
      g_autofree char *accepted = g_strdup_printf ("/core/event-codec/accepted/%s", catalogue[i].type);

      g_test_add_data_func (full, &catalogue[i], test_every_type_full);
      g_test_add_data_func (required, &catalogue[i], test_every_type_required_only);
      g_test_add_data_func (accepted, &catalogue[i], test_every_type_accepted);
    }

  g_test_add_func ("/core/event-codec/appointment-two-items", test_appointment_two_items);
  g_test_add_func ("/core/event-codec/customer-turkish-name", test_customer_turkish_name);
  g_test_add_func ("/core/event-codec/escapes-canonical", test_escapes_canonical);
  g_test_add_func ("/core/event-codec/free-form-sorted", test_free_form_sorted);
  g_test_add_func ("/core/event-codec/bounds-accepted", test_bounds_accepted);
  g_test_add_func ("/core/event-codec/update-with-pii-only", test_update_with_pii_only);
  g_test_add_func ("/core/event-codec/new-defaults", test_new_defaults);

  return g_test_run ();
}
