/* ahi-event.c — the event envelope, its validation and its canonical codec
 *
 * Decoding is three steps: ahi_json_strict_parse() refuses text json-glib
 * would misread, the envelope is mapped member by member, and
 * ahi_event_validate() checks the result against the catalogue. Encoding
 * rebuilds every object in catalogue order and writes it with
 * ahi_json_strict_append(), so equal events give equal bytes whatever
 * order their members were set or received in.
 */
#include "ahi-event.h"

#include <string.h>

#include "ahi-core-error.h"
#include "ahi-id.h"
#include "ahi-json-strict.h"
#include "ahi-phone.h"
#include "ahi-time.h"

/* Instants must print as "YYYY-MM-DDTHH:MM:SSZ": 1970-01-01T00:00:00Z up
 * to 9999-12-31T23:59:59Z. */
#define TIME_MIN G_GINT64_CONSTANT (0)
#define TIME_MAX G_GINT64_CONSTANT (253402300799)

/* An event travels inside a push body, {"events":[EVENT]}, which the
 * server reads with the same depth bound: two levels deeper than the event
 * alone. An event nested deeper than this would validate on the device
 * and then be refused with its whole batch on every try. */
#define EVENT_MAX_DEPTH (AHI_JSON_STRICT_MAX_DEPTH - 2)

/* The envelope's members, in canonical order. */
static const char * const envelope_members[] = {
  "v", "event_id", "tenant_id", "device_id", "device_seq", "type", "entity",
  "entity_id", "actor", "occurred_at", "payload", "pii", "server_seq",
  "received_at", NULL
};

/* Pairs of fields that must be in order when both are in one object. The
 * catalogue names its intervals consistently, so one table serves the
 * payload, the pii and every nested item. */
typedef struct {
  const char   *first;
  const char   *second;
  AhiFieldKind  kind;
  gboolean      strictly;   /* TRUE: second after first; FALSE: not before */
} OrderRule;

static const OrderRule order_rules[] = {
  { "starts_at", "ends_at", AHI_FIELD_TIME, TRUE },
  { "opens", "closes", AHI_FIELD_CLOCK, TRUE },
  { "starts", "ends", AHI_FIELD_CLOCK, TRUE },
  { "starts_on", "ends_on", AHI_FIELD_DATE, FALSE },
  { "earliest_at", "latest_at", AHI_FIELD_TIME, FALSE },
};

/* --------------------------------------------------------------- helpers */

G_GNUC_PRINTF (4, 5)
static gboolean
fail (GError      **error,
      AhiCoreError  code,
      const char   *path,
      const char   *format,
      ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  g_set_error (error, AHI_CORE_ERROR, code, "%s: %s", path, message);
  return FALSE;
}

static char *
member_path (const char *parent,
             const char *name)
{
  return parent != NULL ? g_strconcat (parent, ".", name, NULL) : g_strdup (name);
}

static const char *
describe_node (JsonNode *node)
{
  switch (json_node_get_node_type (node))
    {
    case JSON_NODE_OBJECT:
      return "an object";
    case JSON_NODE_ARRAY:
      return "an array";
    case JSON_NODE_NULL:
      return "null";
    case JSON_NODE_VALUE:
    default:
      {
        GType type = json_node_get_value_type (node);

        if (type == G_TYPE_STRING)
          return "a string";
        if (type == G_TYPE_INT64)
          return "an integer";
        if (type == G_TYPE_BOOLEAN)
          return "a boolean";
        return "a number";
      }
    }
}

static gboolean
node_holds (JsonNode *node,
            GType     type)
{
  return JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == type;
}

static gboolean
expect_type (JsonNode    *node,
             GType        type,
             const char  *path,
             GError     **error)
{
  const char *expected;

  if (node_holds (node, type))
    return TRUE;

  if (type == G_TYPE_STRING)
    expected = "a string";
  else if (type == G_TYPE_INT64)
    expected = "an integer";
  else
    expected = "a boolean";
  return fail (error, AHI_CORE_ERROR_WRONG_TYPE, path, "expected %s, got %s",
               expected, describe_node (node));
}

static const AhiFieldSpec *
find_field (const AhiFieldSpec *fields,
            const char         *name)
{
  for (const AhiFieldSpec *f = fields; f != NULL && f->name != NULL; f++)
    if (g_str_equal (f->name, name))
      return f;
  return NULL;
}

static gboolean
object_is_empty (JsonObject *object)
{
  return object == NULL || json_object_get_size (object) == 0;
}

static JsonObject *
object_copy (JsonObject *object)
{
  g_autoptr(JsonNode) from = json_node_init_object (json_node_alloc (), object);
  g_autoptr(JsonNode) to = ahi_json_strict_copy (from, FALSE);

  return json_object_ref (json_node_get_object (to));
}

/* ------------------------------------------------------------ validation */

/* Text checks shared by STRING, TEXT and STRING_LIST items. Short strings
 * are labels and names: no control characters at all. Free text may hold
 * tabs and line breaks. */
static gboolean
check_text (JsonNode    *node,
            const char  *path,
            gboolean     may_be_empty,
            gboolean     allow_breaks,
            gint64       max_chars,
            GError     **error)
{
  const char *str;
  glong chars;

  if (!expect_type (node, G_TYPE_STRING, path, error))
    return FALSE;

  str = json_node_get_string (node);
  if (!g_utf8_validate (str, -1, NULL))
    return fail (error, AHI_CORE_ERROR_INVALID_UTF8, path, "not valid UTF-8");

  if (!may_be_empty && *str == '\0')
    return fail (error, AHI_CORE_ERROR_INVALID_VALUE, path, "must not be empty");

  for (const guchar *p = (const guchar *) str; *p != '\0'; p++)
    if ((*p < 0x20 || *p == 0x7F) &&
        !(allow_breaks && (*p == '\n' || *p == '\r' || *p == '\t')))
      return fail (error, AHI_CORE_ERROR_INVALID_VALUE, path,
                   "control character 0x%02X not allowed", *p);

  chars = g_utf8_strlen (str, -1);
  if (chars > max_chars)
    return fail (error, AHI_CORE_ERROR_TOO_LARGE, path,
                 "%ld characters, at most %" G_GINT64_FORMAT " allowed", chars, max_chars);
  return TRUE;
}

/* Free-form objects (AHI_FIELD_OBJECT): any JSON our decoder would take
 * back, so that what validates also round-trips. */
static gboolean
check_free_node (JsonNode    *node,
                 const char  *path,
                 guint        depth,
                 GError     **error)
{
  switch (json_node_get_node_type (node))
    {
    case JSON_NODE_OBJECT:
    case JSON_NODE_ARRAY:
      if (depth > EVENT_MAX_DEPTH)
        return fail (error, AHI_CORE_ERROR_TOO_LARGE, path,
                     "nested deeper than %d levels", EVENT_MAX_DEPTH);
      if (JSON_NODE_HOLDS_OBJECT (node))
        {
          JsonObjectIter iter;
          const char *name;
          JsonNode *member;

          json_object_iter_init_ordered (&iter, json_node_get_object (node));
          while (json_object_iter_next_ordered (&iter, &name, &member))
            {
              g_autofree char *child = member_path (path, name);

              if (!g_utf8_validate (name, -1, NULL))
                return fail (error, AHI_CORE_ERROR_INVALID_UTF8, path, "member name not valid UTF-8");
              if (!check_free_node (member, child, depth + 1, error))
                return FALSE;
            }
        }
      else
        {
          JsonArray *array = json_node_get_array (node);

          for (guint i = 0; i < json_array_get_length (array); i++)
            {
              g_autofree char *child = g_strdup_printf ("%s[%u]", path, i);

              if (!check_free_node (json_array_get_element (array, i), child, depth + 1, error))
                return FALSE;
            }
        }
      return TRUE;

    case JSON_NODE_VALUE:
      if (node_holds (node, G_TYPE_DOUBLE))
        return fail (error, AHI_CORE_ERROR_WRONG_TYPE, path,
                     "not an integer (the contract has no fractional numbers)");
      if (node_holds (node, G_TYPE_STRING) &&
          !g_utf8_validate (json_node_get_string (node), -1, NULL))
        return fail (error, AHI_CORE_ERROR_INVALID_UTF8, path, "not valid UTF-8");
      return TRUE;

    case JSON_NODE_NULL:
    default:
      return TRUE;
    }
}

static gboolean check_object (const AhiFieldSpec *fields, JsonObject *object,
                              const char *path, guint depth, GError **error);

/* Item count of a list field against [min, max]. */
static gboolean
check_list_length (const AhiFieldSpec *spec,
                   JsonArray          *array,
                   const char         *path,
                   GError            **error)
{
  gint64 max = spec->max > 0 ? spec->max : AHI_EVENT_MAX_LIST_ITEMS;
  guint n = json_array_get_length (array);

  if (n > max)
    return fail (error, AHI_CORE_ERROR_TOO_LARGE, path,
                 "%u items, at most %" G_GINT64_FORMAT " allowed", n, max);
  if (n < spec->min)
    return fail (error, AHI_CORE_ERROR_INVALID_VALUE, path,
                 "%u items, at least %" G_GINT64_FORMAT " needed", n, spec->min);
  return TRUE;
}

static gboolean
check_id (JsonNode    *node,
          const char  *path,
          GError     **error)
{
  if (!expect_type (node, G_TYPE_STRING, path, error))
    return FALSE;
  if (!ahi_id_is_valid (json_node_get_string (node)))
    return fail (error, AHI_CORE_ERROR_INVALID_VALUE, path, "not a lower-case UUID");
  return TRUE;
}

/* depth is the JSON depth of node (envelope 1, payload 2, …). */
static gboolean
check_field (const AhiFieldSpec *spec,
             JsonNode           *node,
             const char         *path,
             guint               depth,
             GError            **error)
{
  const char *str = NULL;

  /* Kinds carried as strings share the type check. */
  switch (spec->kind)
    {
    case AHI_FIELD_ENUM:
    case AHI_FIELD_TIME:
    case AHI_FIELD_DATE:
    case AHI_FIELD_CLOCK:
    case AHI_FIELD_PHONE:
    case AHI_FIELD_CURRENCY:
      if (!expect_type (node, G_TYPE_STRING, path, error))
        return FALSE;
      str = json_node_get_string (node);
      break;
    default:
      break;
    }

  switch (spec->kind)
    {
    case AHI_FIELD_ID:
      return check_id (node, path, error);

    case AHI_FIELD_STRING:
      return check_text (node, path, FALSE, FALSE,
                         spec->max > 0 ? spec->max : AHI_EVENT_MAX_STRING_CHARS, error);

    case AHI_FIELD_TEXT:
      return check_text (node, path, TRUE, TRUE,
                         spec->max > 0 ? spec->max : AHI_EVENT_MAX_TEXT_CHARS, error);

    case AHI_FIELD_ENUM:
      if (!g_strv_contains ((const char * const *) spec->values, str))
        {
          g_autofree char *allowed = g_strjoinv (", ", (char **) spec->values);

          return fail (error, AHI_CORE_ERROR_INVALID_VALUE, path,
                       "\"%s\" is not one of %s", str, allowed);
        }
      return TRUE;

    case AHI_FIELD_INT:
      {
        gint64 v;

        if (!expect_type (node, G_TYPE_INT64, path, error))
          return FALSE;
        v = json_node_get_int (node);
        if (v < spec->min || v > spec->max)
          return fail (error, AHI_CORE_ERROR_OUT_OF_RANGE, path,
                       "%" G_GINT64_FORMAT " is outside %" G_GINT64_FORMAT "..%" G_GINT64_FORMAT,
                       v, spec->min, spec->max);
        return TRUE;
      }

    case AHI_FIELD_MONEY:
      {
        gint64 v;

        if (!expect_type (node, G_TYPE_INT64, path, error))
          return FALSE;
        v = json_node_get_int (node);
        if (v < -AHI_MONEY_MAX_MINOR || v > AHI_MONEY_MAX_MINOR)
          return fail (error, AHI_CORE_ERROR_OUT_OF_RANGE, path,
                       "%" G_GINT64_FORMAT " minor units is outside -%" G_GINT64_FORMAT "..%" G_GINT64_FORMAT,
                       v, AHI_MONEY_MAX_MINOR, AHI_MONEY_MAX_MINOR);
        return TRUE;
      }

    case AHI_FIELD_PRICE:
      {
        gint64 v;

        if (!expect_type (node, G_TYPE_INT64, path, error))
          return FALSE;
        v = json_node_get_int (node);
        if (v < 0 || v > AHI_MONEY_MAX_MINOR)
          return fail (error, AHI_CORE_ERROR_OUT_OF_RANGE, path,
                       "%" G_GINT64_FORMAT " minor units is outside 0..%" G_GINT64_FORMAT,
                       v, AHI_MONEY_MAX_MINOR);
        return TRUE;
      }

    case AHI_FIELD_BOOL:
      return expect_type (node, G_TYPE_BOOLEAN, path, error);

    case AHI_FIELD_TIME:
      {
        gint64 t;

        if (!ahi_time_parse_utc (str, &t))
          return fail (error, AHI_CORE_ERROR_INVALID_VALUE, path,
                       "\"%s\" is not a UTC time like 2026-11-24T10:00:00Z", str);
        if (t < TIME_MIN || t > TIME_MAX)
          return fail (error, AHI_CORE_ERROR_OUT_OF_RANGE, path,
                       "\"%s\" is outside 1970..9999", str);
        return TRUE;
      }

    case AHI_FIELD_DATE:
      {
        int y, m, d;

        if (!ahi_date_parse (str, &y, &m, &d))
          return fail (error, AHI_CORE_ERROR_INVALID_VALUE, path,
                       "\"%s\" is not a date like 2026-11-24", str);
        return TRUE;
      }

    case AHI_FIELD_CLOCK:
      {
        int minutes;

        if (!ahi_clock_parse (str, &minutes))
          return fail (error, AHI_CORE_ERROR_INVALID_VALUE, path,
                       "\"%s\" is not a time of day like 09:30", str);
        return TRUE;
      }

    case AHI_FIELD_PHONE:
      if (!ahi_phone_is_e164 (str))
        return fail (error, AHI_CORE_ERROR_INVALID_VALUE, path,
                     "\"%s\" is not an E.164 number like +905321234567", str);
      return TRUE;

    case AHI_FIELD_CURRENCY:
      if (strlen (str) != 3 ||
          !g_ascii_isupper (str[0]) || !g_ascii_isupper (str[1]) || !g_ascii_isupper (str[2]))
        return fail (error, AHI_CORE_ERROR_INVALID_VALUE, path,
                     "\"%s\" is not an ISO 4217 code like TRY", str);
      return TRUE;

    case AHI_FIELD_OBJECT:
      if (!JSON_NODE_HOLDS_OBJECT (node))
        return fail (error, AHI_CORE_ERROR_WRONG_TYPE, path, "expected an object, got %s",
                     describe_node (node));
      return check_free_node (node, path, depth, error);

    case AHI_FIELD_ID_LIST:
    case AHI_FIELD_STRING_LIST:
    case AHI_FIELD_OBJECT_LIST:
      {
        JsonArray *array;
        guint n;
        g_autoptr(GHashTable) seen = NULL;

        if (!JSON_NODE_HOLDS_ARRAY (node))
          return fail (error, AHI_CORE_ERROR_WRONG_TYPE, path, "expected an array, got %s",
                       describe_node (node));
        array = json_node_get_array (node);
        if (!check_list_length (spec, array, path, error))
          return FALSE;

        n = json_array_get_length (array);
        if (spec->kind == AHI_FIELD_ID_LIST)
          seen = g_hash_table_new (g_str_hash, g_str_equal);

        for (guint i = 0; i < n; i++)
          {
            JsonNode *item = json_array_get_element (array, i);
            g_autofree char *item_path = g_strdup_printf ("%s[%u]", path, i);

            switch (spec->kind)
              {
              case AHI_FIELD_ID_LIST:
                if (!check_id (item, item_path, error))
                  return FALSE;
                /* A list of ids is a set (resources held, people
                 * contacted): the same id twice is a bug upstream. */
                if (!g_hash_table_add (seen, (gpointer) json_node_get_string (item)))
                  return fail (error, AHI_CORE_ERROR_INVALID_VALUE, item_path,
                               "repeats %s", json_node_get_string (item));
                break;

              case AHI_FIELD_STRING_LIST:
                if (!check_text (item, item_path, FALSE, FALSE, AHI_EVENT_MAX_STRING_CHARS, error))
                  return FALSE;
                break;

              case AHI_FIELD_OBJECT_LIST:
              default:
                if (!JSON_NODE_HOLDS_OBJECT (item))
                  return fail (error, AHI_CORE_ERROR_WRONG_TYPE, item_path,
                               "expected an object, got %s", describe_node (item));
                if (!check_object (spec->item_fields, json_node_get_object (item),
                                   item_path, depth + 1, error))
                  return FALSE;
                break;
              }
          }
        return TRUE;
      }

    default:
      g_assert_not_reached ();
    }
}

/* Both members are known to be valid values of rule->kind. */
static int
compare_ordered (const OrderRule *rule,
                 const char      *a,
                 const char      *b)
{
  switch (rule->kind)
    {
    case AHI_FIELD_TIME:
      {
        gint64 ta = 0, tb = 0;

        ahi_time_parse_utc (a, &ta);
        ahi_time_parse_utc (b, &tb);
        return ta < tb ? -1 : ta > tb ? 1 : 0;
      }
    case AHI_FIELD_CLOCK:
      {
        int ma = 0, mb = 0;

        ahi_clock_parse (a, &ma);
        ahi_clock_parse (b, &mb);
        return ma < mb ? -1 : ma > mb ? 1 : 0;
      }
    case AHI_FIELD_DATE:
    default:
      {
        int ya = 0, mona = 0, da = 0, yb = 0, monb = 0, db = 0;

        ahi_date_parse (a, &ya, &mona, &da);
        ahi_date_parse (b, &yb, &monb, &db);
        if (ya != yb)
          return ya < yb ? -1 : 1;
        if (mona != monb)
          return mona < monb ? -1 : 1;
        return da < db ? -1 : da > db ? 1 : 0;
      }
    }
}

static gboolean
check_order (const AhiFieldSpec *fields,
             JsonObject         *object,
             const char         *path,
             GError            **error)
{
  for (guint i = 0; i < G_N_ELEMENTS (order_rules); i++)
    {
      const OrderRule *rule = &order_rules[i];
      const AhiFieldSpec *first = find_field (fields, rule->first);
      const AhiFieldSpec *second = find_field (fields, rule->second);
      int cmp;

      if (first == NULL || second == NULL ||
          first->kind != rule->kind || second->kind != rule->kind ||
          !json_object_has_member (object, rule->first) ||
          !json_object_has_member (object, rule->second))
        continue;

      cmp = compare_ordered (rule,
                             json_object_get_string_member (object, rule->first),
                             json_object_get_string_member (object, rule->second));
      if (rule->strictly ? cmp >= 0 : cmp > 0)
        {
          g_autofree char *second_path = member_path (path, rule->second);

          return fail (error, AHI_CORE_ERROR_INVALID_VALUE, second_path,
                       rule->strictly ? "must be after %s" : "must not be before %s",
                       rule->first);
        }
    }
  return TRUE;
}

/* Checks object against fields: unknown members first (in the order they
 * come), then each field in catalogue order, then the order rules. depth is
 * the JSON depth of object. */
static gboolean
check_object (const AhiFieldSpec *fields,
              JsonObject         *object,
              const char         *path,
              guint               depth,
              GError            **error)
{
  JsonObjectIter iter;
  const char *name;
  JsonNode *member;

  json_object_iter_init_ordered (&iter, object);
  while (json_object_iter_next_ordered (&iter, &name, &member))
    if (find_field (fields, name) == NULL)
      {
        g_autofree char *child = member_path (path, name);

        return fail (error, AHI_CORE_ERROR_UNKNOWN_FIELD, child, "not a field of this event");
      }

  for (const AhiFieldSpec *f = fields; f->name != NULL; f++)
    {
      g_autofree char *child = member_path (path, f->name);

      member = json_object_get_member (object, f->name);
      if (member == NULL)
        {
          if (f->required)
            return fail (error, AHI_CORE_ERROR_MISSING_FIELD, child, "required");
          continue;
        }
      if (!check_field (f, member, child, depth + 1, error))
        return FALSE;
    }

  return check_order (fields, object, path, error);
}

static gboolean
has_required (const AhiFieldSpec *fields)
{
  for (const AhiFieldSpec *f = fields; f != NULL && f->name != NULL; f++)
    if (f->required)
      return TRUE;
  return FALSE;
}

static gboolean
check_envelope_id (const char  *id,
                   const char  *path,
                   GError     **error)
{
  if (id == NULL)
    return fail (error, AHI_CORE_ERROR_MISSING_FIELD, path, "required");
  if (!ahi_id_is_valid (id))
    return fail (error, AHI_CORE_ERROR_INVALID_VALUE, path, "not a lower-case UUID");
  return TRUE;
}

/* --------------------------------------------------------------- encoding */

static JsonNode *
string_node (const char *str)
{
  return str != NULL ? json_node_init_string (json_node_alloc (), str)
                     : json_node_new (JSON_NODE_NULL);
}

static JsonNode *
int_node (gint64 v)
{
  return json_node_init_int (json_node_alloc (), v);
}

static JsonNode *
time_node (gint64 t)
{
  g_autofree char *text = NULL;

  /* Only invalid events hold such instants; keep the number rather than
   * ask the calendar code about year 300 billion. */
  if (t < TIME_MIN || t > TIME_MAX)
    return int_node (t);

  text = ahi_time_format_utc (t);
  return string_node (text);
}

static JsonNode *canonical_object (const AhiFieldSpec *fields, JsonObject *object);

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (a, b);
}

static JsonNode *
canonical_field (const AhiFieldSpec *spec,
                 JsonNode           *node)
{
  if (spec->kind == AHI_FIELD_OBJECT_LIST && JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *from = json_node_get_array (node);
      guint n = json_array_get_length (from);
      g_autoptr(JsonArray) to = json_array_sized_new (n);

      for (guint i = 0; i < n; i++)
        {
          JsonNode *item = json_array_get_element (from, i);

          if (JSON_NODE_HOLDS_OBJECT (item))
            json_array_add_element (to, canonical_object (spec->item_fields,
                                                          json_node_get_object (item)));
          else
            json_array_add_element (to, ahi_json_strict_copy (item, TRUE));
        }
      return json_node_init_array (json_node_alloc (), to);
    }

  /* Free-form objects have no catalogue order: sort their members. */
  return ahi_json_strict_copy (node, TRUE);
}

/* A copy of object with the members of fields first, in catalogue order.
 * Members the catalogue does not name only occur in events that fail
 * validation; they follow, sorted, so that encoding stays total. */
static JsonNode *
canonical_object (const AhiFieldSpec *fields,
                  JsonObject         *object)
{
  g_autoptr(JsonObject) to = json_object_new ();
  GList *names;

  for (const AhiFieldSpec *f = fields; f != NULL && f->name != NULL; f++)
    {
      JsonNode *member = json_object_get_member (object, f->name);

      if (member != NULL)
        json_object_set_member (to, f->name, canonical_field (f, member));
    }

  names = g_list_sort (json_object_get_members (object), compare_names);
  for (GList *l = names; l != NULL; l = l->next)
    if (find_field (fields, l->data) == NULL)
      json_object_set_member (to, l->data,
                              ahi_json_strict_copy (json_object_get_member (object, l->data), TRUE));
  g_list_free (names);

  return json_node_init_object (json_node_alloc (), to);
}

static const AhiFieldSpec *
spec_fields (const AhiEvent *event,
             gboolean        pii)
{
  const AhiEventSpec *spec = event->type != NULL ? ahi_event_catalogue_lookup (event->type) : NULL;

  if (spec == NULL)
    return NULL;
  return pii ? spec->pii : spec->payload;
}

/* --------------------------------------------------------------- decoding */

/* Fetches an envelope member of the given JSON type; missing members are
 * an error when required, else *out stays NULL. */
static gboolean
get_member (JsonObject  *object,
            const char  *name,
            const char  *path,
            GType        type,        /* G_TYPE_NONE: an object */
            gboolean     required,
            JsonNode   **out,
            GError     **error)
{
  JsonNode *node = json_object_get_member (object, name);

  *out = NULL;
  if (node == NULL)
    {
      if (required)
        return fail (error, AHI_CORE_ERROR_MISSING_FIELD, path, "required");
      return TRUE;
    }

  if (type == G_TYPE_NONE)
    {
      if (!JSON_NODE_HOLDS_OBJECT (node))
        return fail (error, AHI_CORE_ERROR_WRONG_TYPE, path, "expected an object, got %s",
                     describe_node (node));
    }
  else if (!expect_type (node, type, path, error))
    return FALSE;

  *out = node;
  return TRUE;
}

static gboolean
get_string (JsonObject  *object,
            const char  *name,
            const char  *path,
            char       **out,
            GError     **error)
{
  JsonNode *node;

  if (!get_member (object, name, path, G_TYPE_STRING, TRUE, &node, error))
    return FALSE;
  *out = g_strdup (json_node_get_string (node));
  return TRUE;
}

static gboolean
get_time (JsonObject  *object,
          const char  *name,
          gboolean     required,
          gint64      *out,
          GError     **error)
{
  JsonNode *node;
  const char *text;

  if (!get_member (object, name, name, G_TYPE_STRING, required, &node, error))
    return FALSE;
  if (node == NULL)
    return TRUE;

  text = json_node_get_string (node);
  if (!ahi_time_parse_utc (text, out))
    return fail (error, AHI_CORE_ERROR_INVALID_VALUE, name,
                 "\"%s\" is not a UTC time like 2026-11-24T10:00:00Z", text);
  return TRUE;
}

static gboolean
no_unknown_members (JsonObject          *object,
                    const char * const  *known,
                    const char          *parent,
                    GError             **error)
{
  JsonObjectIter iter;
  const char *name;
  JsonNode *member;

  json_object_iter_init_ordered (&iter, object);
  while (json_object_iter_next_ordered (&iter, &name, &member))
    if (!g_strv_contains (known, name))
      {
        g_autofree char *path = member_path (parent, name);

        return fail (error, AHI_CORE_ERROR_UNKNOWN_FIELD, path, "not a member of the envelope");
      }
  return TRUE;
}

/* Maps the envelope onto event, without judging the values beyond their
 * JSON types: ahi_event_validate() does that for decoded and built events
 * alike. */
static gboolean
map_envelope (JsonObject  *root,
              AhiEvent    *event,
              GError     **error)
{
  static const char * const actor_members[] = { "user_id", "role", NULL };
  JsonNode *node;
  JsonObject *actor;

  /* The version first: a newer envelope may well have members this one
   * does not know, and "unsupported version" is the useful answer. */
  if (!get_member (root, "v", "v", G_TYPE_INT64, TRUE, &node, error))
    return FALSE;
  if (json_node_get_int (node) != AHI_EVENT_VERSION)
    return fail (error, AHI_CORE_ERROR_UNSUPPORTED_VERSION, "v",
                 "version %" G_GINT64_FORMAT " is not supported (this is %d)",
                 json_node_get_int (node), AHI_EVENT_VERSION);
  event->version = AHI_EVENT_VERSION;

  if (!no_unknown_members (root, envelope_members, NULL, error))
    return FALSE;

  if (!get_string (root, "event_id", "event_id", &event->event_id, error) ||
      !get_string (root, "tenant_id", "tenant_id", &event->tenant_id, error) ||
      !get_string (root, "device_id", "device_id", &event->device_id, error))
    return FALSE;

  if (!get_member (root, "device_seq", "device_seq", G_TYPE_INT64, TRUE, &node, error))
    return FALSE;
  event->device_seq = json_node_get_int (node);

  if (!get_string (root, "type", "type", &event->type, error) ||
      !get_string (root, "entity", "entity", &event->entity, error) ||
      !get_string (root, "entity_id", "entity_id", &event->entity_id, error))
    return FALSE;

  if (!get_member (root, "actor", "actor", G_TYPE_NONE, TRUE, &node, error))
    return FALSE;
  actor = json_node_get_object (node);
  if (!no_unknown_members (actor, actor_members, "actor", error) ||
      !get_string (actor, "user_id", "actor.user_id", &event->actor_user_id, error) ||
      !get_string (actor, "role", "actor.role", &event->actor_role, error))
    return FALSE;

  if (!get_time (root, "occurred_at", TRUE, &event->occurred_at, error))
    return FALSE;

  if (!get_member (root, "payload", "payload", G_TYPE_NONE, TRUE, &node, error))
    return FALSE;
  g_clear_pointer (&event->payload, json_object_unref);
  event->payload = object_copy (json_node_get_object (node));

  if (!get_member (root, "pii", "pii", G_TYPE_NONE, FALSE, &node, error))
    return FALSE;
  if (node != NULL)
    event->pii = object_copy (json_node_get_object (node));

  if (!get_member (root, "server_seq", "server_seq", G_TYPE_INT64, FALSE, &node, error))
    return FALSE;
  if (node != NULL)
    {
      /* 0 means "not accepted yet" in the struct, so it cannot travel. */
      if (json_node_get_int (node) < 1)
        return fail (error, AHI_CORE_ERROR_OUT_OF_RANGE, "server_seq",
                     "%" G_GINT64_FORMAT " is not a sequence number (1 or more)",
                     json_node_get_int (node));
      event->server_seq = json_node_get_int (node);
    }

  return get_time (root, "received_at", FALSE, &event->received_at, error);
}

/* ------------------------------------------------------------ public API */

AhiEvent *
ahi_event_new (const char *type,
               const char *tenant_id,
               const char *entity_id,
               const char *device_id,
               gint64      device_seq,
               const char *actor_user_id,
               const char *actor_role,
               gint64      occurred_at)
{
  const AhiEventSpec *spec;
  AhiEvent *event;

  g_return_val_if_fail (type != NULL, NULL);

  spec = ahi_event_catalogue_lookup (type);
  event = g_new0 (AhiEvent, 1);
  event->version = AHI_EVENT_VERSION;
  event->event_id = ahi_id_new ();
  event->tenant_id = g_strdup (tenant_id);
  event->device_id = g_strdup (device_id);
  event->device_seq = device_seq;
  event->type = g_strdup (type);
  /* An unknown type keeps entity NULL; validation reports the type. */
  event->entity = spec != NULL ? g_strdup (spec->entity) : NULL;
  event->entity_id = g_strdup (entity_id);
  event->actor_user_id = g_strdup (actor_user_id);
  event->actor_role = g_strdup (actor_role);
  event->occurred_at = occurred_at;
  event->payload = json_object_new ();
  return event;
}

AhiEvent *
ahi_event_copy (const AhiEvent *event)
{
  AhiEvent *copy;

  g_return_val_if_fail (event != NULL, NULL);

  copy = g_new0 (AhiEvent, 1);
  copy->version = event->version;
  copy->event_id = g_strdup (event->event_id);
  copy->tenant_id = g_strdup (event->tenant_id);
  copy->device_id = g_strdup (event->device_id);
  copy->device_seq = event->device_seq;
  copy->type = g_strdup (event->type);
  copy->entity = g_strdup (event->entity);
  copy->entity_id = g_strdup (event->entity_id);
  copy->actor_user_id = g_strdup (event->actor_user_id);
  copy->actor_role = g_strdup (event->actor_role);
  copy->occurred_at = event->occurred_at;
  copy->payload = event->payload != NULL ? object_copy (event->payload) : json_object_new ();
  copy->pii = event->pii != NULL ? object_copy (event->pii) : NULL;
  copy->server_seq = event->server_seq;
  copy->received_at = event->received_at;
  return copy;
}

void
ahi_event_free (AhiEvent *event)
{
  if (event == NULL)
    return;

  g_free (event->event_id);
  g_free (event->tenant_id);
  g_free (event->device_id);
  g_free (event->type);
  g_free (event->entity);
  g_free (event->entity_id);
  g_free (event->actor_user_id);
  g_free (event->actor_role);
  g_clear_pointer (&event->payload, json_object_unref);
  g_clear_pointer (&event->pii, json_object_unref);
  g_free (event);
}

JsonObject *
ahi_event_get_pii (AhiEvent *event)
{
  g_return_val_if_fail (event != NULL, NULL);

  if (event->pii == NULL)
    event->pii = json_object_new ();
  return event->pii;
}

gboolean
ahi_event_validate (const AhiEvent  *event,
                    GError         **error)
{
  g_autofree char *encoded = NULL;
  gsize size;

  if (!ahi_event_validate_content (event, error))
    return FALSE;

  /* What validates must also decode: bound the canonical size. */
  encoded = ahi_event_encode (event);
  size = strlen (encoded);
  if (size > AHI_EVENT_MAX_BYTES)
    return fail (error, AHI_CORE_ERROR_TOO_LARGE, "event",
                 "encodes to %" G_GSIZE_FORMAT " bytes, at most %d allowed",
                 size, AHI_EVENT_MAX_BYTES);
  return TRUE;
}

gboolean
ahi_event_validate_content (const AhiEvent  *event,
                            GError         **error)
{
  const AhiEventSpec *spec;

  g_return_val_if_fail (event != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (event->version != AHI_EVENT_VERSION)
    return fail (error, AHI_CORE_ERROR_UNSUPPORTED_VERSION, "v",
                 "version %u is not supported (this is %d)", event->version, AHI_EVENT_VERSION);

  if (!check_envelope_id (event->event_id, "event_id", error) ||
      !check_envelope_id (event->tenant_id, "tenant_id", error) ||
      !check_envelope_id (event->device_id, "device_id", error))
    return FALSE;

  if (event->device_seq < 1)
    return fail (error, AHI_CORE_ERROR_OUT_OF_RANGE, "device_seq",
                 "%" G_GINT64_FORMAT " is not a sequence number (1 or more)", event->device_seq);

  if (event->type == NULL)
    return fail (error, AHI_CORE_ERROR_MISSING_FIELD, "type", "required");
  spec = ahi_event_catalogue_lookup (event->type);
  if (spec == NULL)
    return fail (error, AHI_CORE_ERROR_UNKNOWN_TYPE, "type",
                 "\"%s\" is not in the catalogue", event->type);

  if (event->entity == NULL)
    return fail (error, AHI_CORE_ERROR_MISSING_FIELD, "entity", "required");
  if (!g_str_equal (event->entity, spec->entity))
    return fail (error, AHI_CORE_ERROR_INVALID_VALUE, "entity",
                 "\"%s\" does not match %s, whose entity is \"%s\"",
                 event->entity, spec->type, spec->entity);

  if (!check_envelope_id (event->entity_id, "entity_id", error) ||
      !check_envelope_id (event->actor_user_id, "actor.user_id", error))
    return FALSE;

  if (event->actor_role == NULL)
    return fail (error, AHI_CORE_ERROR_MISSING_FIELD, "actor.role", "required");
  if (!g_strv_contains (ahi_actor_roles, event->actor_role))
    return fail (error, AHI_CORE_ERROR_INVALID_VALUE, "actor.role",
                 "\"%s\" is not a role", event->actor_role);

  if (event->occurred_at < TIME_MIN || event->occurred_at > TIME_MAX)
    return fail (error, AHI_CORE_ERROR_OUT_OF_RANGE, "occurred_at",
                 "%" G_GINT64_FORMAT " is outside 1970..9999", event->occurred_at);

  /* The server stamps both at once; one without the other is a bug. */
  if (event->server_seq < 0)
    return fail (error, AHI_CORE_ERROR_OUT_OF_RANGE, "server_seq",
                 "%" G_GINT64_FORMAT " is negative", event->server_seq);
  if (event->received_at < TIME_MIN || event->received_at > TIME_MAX)
    return fail (error, AHI_CORE_ERROR_OUT_OF_RANGE, "received_at",
                 "%" G_GINT64_FORMAT " is outside 1970..9999", event->received_at);
  if (event->server_seq > 0 && event->received_at == 0)
    return fail (error, AHI_CORE_ERROR_MISSING_FIELD, "received_at", "required with server_seq");
  if (event->server_seq == 0 && event->received_at != 0)
    return fail (error, AHI_CORE_ERROR_MISSING_FIELD, "server_seq", "required with received_at");

  if (event->payload == NULL)
    return fail (error, AHI_CORE_ERROR_MISSING_FIELD, "payload", "required");
  if (!check_object (spec->payload, event->payload, "payload", 2, error))
    return FALSE;

  if (spec->pii == NULL)
    {
      if (event->pii != NULL)
        return fail (error, AHI_CORE_ERROR_UNKNOWN_FIELD, "pii",
                     "%s carries no personal data", spec->type);
    }
  else if (event->pii == NULL)
    {
      if (has_required (spec->pii))
        return fail (error, AHI_CORE_ERROR_MISSING_FIELD, "pii",
                     "required: %s carries personal data", spec->type);
    }
  else if (!check_object (spec->pii, event->pii, "pii", 2, error))
    return FALSE;

  if ((spec->flags & AHI_EVENT_SPEC_PARTIAL) != 0 &&
      object_is_empty (event->payload) && object_is_empty (event->pii))
    return fail (error, AHI_CORE_ERROR_MISSING_FIELD, "payload",
                 spec->pii != NULL ? "an update must set at least one payload or pii field"
                                   : "an update must set at least one field");

  return TRUE;
}

AhiEvent *
ahi_event_from_node (JsonNode  *node,
                     GError   **error)
{
  g_autoptr(AhiEvent) event = NULL;

  g_return_val_if_fail (node != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error (error, AHI_CORE_ERROR, AHI_CORE_ERROR_INVALID_JSON,
                   "document: not a JSON object");
      return NULL;
    }

  event = g_new0 (AhiEvent, 1);
  event->payload = json_object_new ();
  if (!map_envelope (json_node_get_object (node), event, error))
    return NULL;
  if (!ahi_event_validate (event, error))
    return NULL;
  return g_steal_pointer (&event);
}

AhiEvent *
ahi_event_decode (const char  *json,
                  gssize       length,
                  GError     **error)
{
  g_autoptr(JsonNode) root = NULL;

  g_return_val_if_fail (json != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  root = ahi_json_strict_parse (json, length, AHI_EVENT_MAX_BYTES, error);
  if (root == NULL)
    return NULL;
  return ahi_event_from_node (root, error);
}

JsonNode *
ahi_event_to_node (const AhiEvent *event)
{
  g_autoptr(JsonObject) root = NULL;
  g_autoptr(JsonObject) actor = NULL;

  g_return_val_if_fail (event != NULL, NULL);

  root = json_object_new ();
  json_object_set_member (root, "v", int_node (event->version));
  json_object_set_member (root, "event_id", string_node (event->event_id));
  json_object_set_member (root, "tenant_id", string_node (event->tenant_id));
  json_object_set_member (root, "device_id", string_node (event->device_id));
  json_object_set_member (root, "device_seq", int_node (event->device_seq));
  json_object_set_member (root, "type", string_node (event->type));
  json_object_set_member (root, "entity", string_node (event->entity));
  json_object_set_member (root, "entity_id", string_node (event->entity_id));

  actor = json_object_new ();
  json_object_set_member (actor, "user_id", string_node (event->actor_user_id));
  json_object_set_member (actor, "role", string_node (event->actor_role));
  json_object_set_object_member (root, "actor", g_steal_pointer (&actor));

  json_object_set_member (root, "occurred_at", time_node (event->occurred_at));

  if (event->payload != NULL)
    json_object_set_member (root, "payload",
                            canonical_object (spec_fields (event, FALSE), event->payload));
  else
    json_object_set_object_member (root, "payload", json_object_new ());

  /* An empty pii says nothing: leave it out, so that it and a missing one
   * encode alike. */
  if (!object_is_empty (event->pii))
    json_object_set_member (root, "pii", canonical_object (spec_fields (event, TRUE), event->pii));

  if (event->server_seq != 0)
    json_object_set_member (root, "server_seq", int_node (event->server_seq));
  if (event->received_at != 0)
    json_object_set_member (root, "received_at", time_node (event->received_at));

  return json_node_init_object (json_node_alloc (), root);
}

char *
ahi_event_encode (const AhiEvent *event)
{
  g_autoptr(JsonNode) node = NULL;

  g_return_val_if_fail (event != NULL, NULL);

  node = ahi_event_to_node (event);
  return ahi_json_strict_to_string (node);
}

char *
ahi_event_encode_member (const AhiEvent *event,
                         gboolean        pii)
{
  JsonObject *object;
  g_autoptr(JsonNode) node = NULL;

  g_return_val_if_fail (event != NULL, NULL);

  object = pii ? event->pii : event->payload;
  if (pii && object_is_empty (object))
    return NULL;
  if (object == NULL)
    return g_strdup ("{}");

  node = canonical_object (spec_fields (event, pii), object);
  return ahi_json_strict_to_string (node);
}
