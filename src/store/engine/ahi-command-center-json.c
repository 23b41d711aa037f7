/* ahi-command-center-json.c — a Command Center snapshot read back from
 * its canonical JSON
 *
 * The app keeps the last snapshot it showed so that the next start paints
 * the desk at once and refreshes it behind; reading it back checks every
 * member, since a cache file is input like any other.
 */
#include "store/engine/ahi-command-center.h"

#include <string.h>

#include "store/ahi-store-error.h"
#include "core/ahi-json-strict.h"
#include "core/ahi-time.h"

static gboolean
fail (GError     **error,
      const char  *what)
{
  g_set_error (error, AHI_STORE_ERROR, AHI_STORE_ERROR_NOT_A_DATABASE, "Not a Command Center snapshot: %s", what);
  return FALSE;
}

/* An integer member, or "absent" when it is missing or null. */
static gboolean
read_int (JsonObject *object,
          const char *name,
          gboolean   *present,
          gint64     *out)
{
  JsonNode *node = json_object_get_member (object, name);

  *present = node != NULL && !JSON_NODE_HOLDS_NULL (node);
  if (!*present)
    return TRUE;
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_INT64)
    return FALSE;
  *out = json_node_get_int (node);
  return TRUE;
}

static gboolean
read_kpi (JsonObject   *object,
          AhiKpiValue  *value,
          GError      **error)
{
  const char *id = json_object_get_string_member_with_default (object, "id", NULL);
  const char *currency = json_object_get_string_member_with_default (object, "currency", "");
  gboolean has_numerator = FALSE, has_denominator = FALSE, has_stake = FALSE, has_late = FALSE;

  if (id == NULL || !ahi_kpi_value_init (value, id))
    return fail (error, "a KPI of an unknown id");
  if (!read_int (object, "value", &value->has_value, &value->value) ||
      !read_int (object, "numerator", &has_numerator, &value->numerator) ||
      !read_int (object, "denominator", &has_denominator, &value->denominator) ||
      !read_int (object, "previous", &value->has_previous, &value->previous) ||
      !read_int (object, "late_cancellations", &has_late, &value->late_cancellations) ||
      !read_int (object, "late_cancellation_rate_pct", &value->has_late_rate, &value->late_rate) ||
      !read_int (object, "at_stake_minor", &has_stake, &value->at_stake_minor))
    return fail (error, "a KPI member is not an integer");
  if (strlen (currency) >= sizeof value->currency)
    return fail (error, "a currency code is too long");
  g_strlcpy (value->currency, currency, sizeof value->currency);
  value->at_stake_hidden = g_str_equal (id, "at_risk_customers") && !has_stake;
  return TRUE;
}

static AhiActionCard *
read_card (JsonObject  *object,
           GError     **error)
{
  g_autoptr(AhiActionCard) card = g_new0 (AhiActionCard, 1);
  JsonNode *why = json_object_get_member (object, "why");
  JsonNode *rows = json_object_get_member (object, "rows");
  JsonNode *button = json_object_get_member (object, "button");
  gboolean present = FALSE;
  gint64 count = 0;
  JsonArray *events;

  card->subject_ids = g_ptr_array_new_with_free_func (g_free);
  card->button_events = g_ptr_array_new_with_free_func (g_free);
  card->kind = g_strdup (json_object_get_string_member_with_default (object, "kind", NULL));
  if (card->kind == NULL || why == NULL || !JSON_NODE_HOLDS_OBJECT (why) || rows == NULL ||
      !JSON_NODE_HOLDS_ARRAY (rows) || button == NULL || !JSON_NODE_HOLDS_OBJECT (button) ||
      !read_int (object, "count", &present, &count) || !present || count < 0 || count > G_MAXUINT ||
      !read_int (object, "expected_value_minor", &present, &card->expected_value_minor) || !present)
    {
      fail (error, "a card lacks a member");
      return NULL;
    }
  card->count = (guint) count;
  card->why = json_object_ref (json_node_get_object (why));
  for (guint i = 0; i < json_array_get_length (json_node_get_array (rows)); i++)
    {
      const char *id = json_node_get_string (json_array_get_element (json_node_get_array (rows), i));

      if (id == NULL)
        {
          fail (error, "a card's row is not an id");
          return NULL;
        }
      g_ptr_array_add (card->subject_ids, g_strdup (id));
    }
  events = json_object_get_array_member (json_node_get_object (button), "events");
  for (guint i = 0; events != NULL && i < json_array_get_length (events); i++)
    {
      const char *type = json_node_get_string (json_array_get_element (events, i));

      if (type == NULL)
        {
          fail (error, "a card's event is not a type");
          return NULL;
        }
      g_ptr_array_add (card->button_events, g_strdup (type));
    }
  return g_steal_pointer (&card);
}

AhiCommandCenter *
ahi_command_center_from_json (const char  *json,
                              GError     **error)
{
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(AhiCommandCenter) center = g_new0 (AhiCommandCenter, 1);
  JsonObject *object;
  JsonArray *kpis, *cards;
  const char *now;

  g_return_val_if_fail (json != NULL, NULL);

  root = ahi_json_strict_parse (json, -1, 16 * 1024 * 1024, error);
  if (root == NULL)
    return NULL;
  if (!JSON_NODE_HOLDS_OBJECT (root))
    return fail (error, "not an object"), NULL;
  object = json_node_get_object (root);
  center->kpis = g_array_new (FALSE, TRUE, sizeof (AhiKpiValue));
  center->cards = g_ptr_array_new_with_free_func ((GDestroyNotify) ahi_action_card_free);

  now = json_object_get_string_member_with_default (object, "now", NULL);
  kpis = json_object_has_member (object, "kpis") ? json_object_get_array_member (object, "kpis") : NULL;
  cards = json_object_has_member (object, "cards") ? json_object_get_array_member (object, "cards") : NULL;
  if (json_object_get_int_member_with_default (object, "v", 0) != AHI_COMMAND_CENTER_VERSION || now == NULL ||
      !ahi_time_parse_utc (now, &center->now) || kpis == NULL || cards == NULL)
    return fail (error, "an unknown version or a missing member"), NULL;
  center->tenant_id = g_strdup (json_object_get_string_member_with_default (object, "tenant_id", NULL));
  center->sector = g_strdup (json_object_get_string_member_with_default (object, "sector", NULL));
  if (center->tenant_id == NULL || center->sector == NULL)
    return fail (error, "no tenant or sector"), NULL;

  for (guint i = 0; i < json_array_get_length (kpis); i++)
    {
      JsonObject *kpi = json_array_get_object_element (kpis, i);
      AhiKpiValue value = { 0 };

      if (kpi == NULL || !read_kpi (kpi, &value, error))
        return kpi == NULL ? (fail (error, "a KPI is not an object"), NULL) : NULL;
      g_array_append_val (center->kpis, value);
    }
  for (guint i = 0; i < json_array_get_length (cards); i++)
    {
      JsonObject *card_object = json_array_get_object_element (cards, i);
      AhiActionCard *card;

      if (card_object == NULL)
        return fail (error, "a card is not an object"), NULL;
      card = read_card (card_object, error);
      if (card == NULL)
        return NULL;
      g_ptr_array_add (center->cards, card);
    }
  return g_steal_pointer (&center);
}
