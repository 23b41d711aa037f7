/* ahi-business-routes.c — blueprint changes, resources, revenue events, automations, reputation
 *
 * Reads answer from the store's queries (the same ones the app uses);
 * every write is an event appended through the store's one write path.
 * Where a body is an event's payload (resources, ledger lines) the
 * catalogue's own validation checks it, so the API and sync refuse the
 * same things with the same codes; what only the tenant's data can decide
 * (a resource kind the blueprint has, a customer that exists) is checked
 * against the tenant's database. docs/api-business.md documents each
 * route.
 */
#include "ahi-routes-private.h"

#include "ahi-server-error.h"
#include "ahi-server.h"
#include "core/ahi-blueprint.h"
#include "core/ahi-core-error.h"
#include "core/ahi-id.h"
#include "core/ahi-time.h"
#include "store/query/ahi-business-query.h"
#include "store/engine/ahi-reputation.h"
#include "store/engine/ahi-retention.h"
#include "store/ahi-event-log.h"
#include "store/ahi-store-error.h"
#include "store/ahi-tenant.h"

#define LEDGER_DEFAULT_LIMIT 100
#define LEDGER_MAX_LIMIT     500

static const char * const channels[] = { "whatsapp", "sms", "email", "call", NULL };

/* ------------------------------------------------------------- helpers */

/* Members a body may have; anything else is refused before it is read. */
static gboolean
check_members (JsonObject          *body,
               const char * const  *allowed,
               GError             **error)
{
  g_autoptr(GList) names = json_object_get_members (body);

  for (GList *l = names; l != NULL; l = l->next)
    if (!g_strv_contains (allowed, l->data))
      {
        g_set_error (error, AHI_CORE_ERROR, AHI_CORE_ERROR_UNKNOWN_FIELD, "%s: unknown field", (const char *) l->data);
        return FALSE;
      }
  return TRUE;
}

/* An optional member of one JSON value type; absent gives NULL. */
static JsonNode *
optional_member (JsonObject  *body,
                 const char  *name,
                 GType        value_type,
                 gboolean     object,
                 GError     **error)
{
  JsonNode *node = json_object_get_member (body, name);
  gboolean ok;

  if (node == NULL)
    return NULL;
  ok = object ? JSON_NODE_HOLDS_OBJECT (node)
              : JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == value_type;
  if (!ok)
    {
      g_set_error (error, AHI_CORE_ERROR, AHI_CORE_ERROR_WRONG_TYPE, "%s: must be %s", name,
                   object ? "an object" : value_type == G_TYPE_STRING ? "a string" : "an integer");
      return NULL;
    }
  return node;
}

static void
set_time_member (JsonObject *object,
                 const char *name,
                 gint64      value)
{
  g_autofree char *text = ahi_time_format_utc (value);
  json_object_set_string_member (object, name, text);
}

/* ----------------------------------------------------------- blueprint */

/* A sector change or new overrides. The event carries the whole choice
 * (sector and overrides); the merged blueprint is checked here and again
 * by the reducer, and nothing is written unless it is valid. */
static void
handle_blueprint_patch (AhiRequest *request)
{
  static const char * const allowed[] = { "sector", "overrides", "event_id", NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) body = ahi_request_read_json (request, &error);
  g_autoptr(JsonObject) current_overrides = NULL;
  g_autoptr(AhiBlueprint) base = NULL;
  g_autoptr(AhiBlueprint) merged = NULL;
  g_autoptr(AhiEvent) event = NULL;
  g_autofree char *current_sector = NULL;
  JsonNode *sector_node = NULL, *overrides_node = NULL;
  JsonObject *overrides;
  const char *sector, *event_id = NULL;
  gboolean duplicate = FALSE;
  AhiStore *store = NULL;

  if (body == NULL || !check_members (body, allowed, &error) || !ahi_route_body_id (body, "event_id", &event_id, &error))
    goto out;
  sector_node = optional_member (body, "sector", G_TYPE_STRING, FALSE, &error);
  if (error == NULL)
    overrides_node = optional_member (body, "overrides", G_TYPE_INVALID, TRUE, &error);
  if (error != NULL)
    goto out;
  if (sector_node == NULL && overrides_node == NULL)
    {
      g_set_error (&error, AHI_CORE_ERROR, AHI_CORE_ERROR_MISSING_FIELD, "sector or overrides: give at least one");
      goto out;
    }
  if ((store = ahi_route_tenant_store (request, &error)) == NULL ||
      !ahi_business_blueprint_choice (ahi_store_get_db (store), &current_sector, &current_overrides, &error))
    goto out;

  sector = sector_node != NULL ? json_node_get_string (sector_node) : current_sector;
  /* Overrides were written against their sector's base: a new sector
   * without new overrides starts from its shipped blueprint. */
  if (overrides_node != NULL)
    overrides = json_node_get_object (overrides_node);
  else if (g_str_equal (sector, current_sector))
    overrides = current_overrides;
  else
    overrides = NULL;

  base = ahi_blueprint_load (sector, &error);
  if (base == NULL)
    goto out;
  merged = overrides != NULL && json_object_get_size (overrides) > 0
           ? ahi_blueprint_merge (base, overrides, &error) : g_object_ref (base);
  if (merged == NULL)
    goto out;

  event = ahi_route_new_event (request, store, "blueprint.updated", request->tenant_id);
  if (event_id != NULL)
    {
      g_free (event->event_id);
      event->event_id = g_strdup (event_id);
    }
  json_object_set_string_member (event->payload, "sector", sector);
  if (overrides != NULL && json_object_get_size (overrides) > 0)
    json_object_set_object_member (event->payload, "overrides", json_object_ref (overrides));
  if (!ahi_route_append (store, event, &duplicate, &error))
    goto out;

  {
    g_autoptr(JsonObject) answer = ahi_blueprint_to_json (merged);
    ahi_route_respond_written (request, FALSE, duplicate, event, "blueprint", answer);
  }
  return;

out:
  ahi_request_respond_error (request, error);
}

/* ----------------------------------------------------------- resources */

static JsonObject *
resource_to_json (const AhiResourceRow *row)
{
  JsonObject *object = json_object_new ();

  json_object_set_string_member (object, "resource_id", row->resource_id);
  json_object_set_string_member (object, "kind", row->kind);
  json_object_set_string_member (object, "name", row->name);
  json_object_set_boolean_member (object, "in_service", row->in_service);
  return object;
}

static JsonObject *
read_resource (AhiDb       *db,
               const char  *resource_id,
               GError     **error)
{
  g_autoptr(AhiResourceRow) row = ahi_business_resource (db, resource_id, error);

  return row != NULL ? resource_to_json (row) : NULL;
}

/* A kind the tenant's blueprint does not declare would be a column the
 * calendar cannot show: the request is well-formed but unprocessable. */
static gboolean
check_resource_kind (AhiStore    *store,
                     AhiEvent    *event,
                     GError     **error)
{
  g_autoptr(AhiBlueprint) blueprint = NULL;
  const char *kind;

  if (!json_object_has_member (event->payload, "kind"))
    return TRUE;
  kind = json_object_get_string_member (event->payload, "kind");
  blueprint = ahi_tenant_load_blueprint (ahi_store_get_db (store), error);
  if (blueprint == NULL)
    return FALSE;
  if (ahi_blueprint_lookup_resource_kind (blueprint, kind) == NULL)
    {
      g_set_error (error, AHI_SERVER_ERROR, AHI_SERVER_ERROR_UNPROCESSABLE,
                   "kind: the blueprint has no resource kind '%s'", kind);
      return FALSE;
    }
  return TRUE;
}

static void
handle_resources_list (AhiRequest *request)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  AhiStore *store = ahi_route_tenant_store (request, &error);

  if (store == NULL || (rows = ahi_business_resources (ahi_store_get_db (store), &error)) == NULL)
    {
      ahi_request_respond_error (request, error);
      return;
    }
  ahi_route_respond_list (request, "resources", rows, (AhiRouteToJson) resource_to_json);
}

/* A new resource (POST: 201) or a change of the path's (PATCH: 200), from
 * the body: the catalogue and the blueprint's resource kinds judge it
 * before the append. */
static void
write_resource (AhiRequest *request,
                const char *type,
                gboolean    in_path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) body = ahi_request_read_json (request, &error);
  g_autoptr(AhiEvent) event = NULL;
  const char *resource_id = NULL;
  gboolean duplicate = FALSE;
  AhiStore *store = NULL;

  if (body == NULL || (in_path && !ahi_route_path_entity (request, 1, "resource", &resource_id, &error)) ||
      (store = ahi_route_tenant_store (request, &error)) == NULL ||
      (event = ahi_route_event_from_body (request, store, type, "resource_id", resource_id, body, &error)) == NULL)
    goto out;
  /* An unknown (or another business's) id in the path is the reducer's
   * NOT_FOUND: 404, with nothing written. */
  if (!ahi_route_check_event (event, &error) || !check_resource_kind (store, event, &error) ||
      !ahi_route_append (store, event, &duplicate, &error))
    goto out;
  ahi_route_respond_written_read (request, store, !in_path, duplicate, event, "resource", read_resource);
  return;

out:
  ahi_request_respond_error (request, error);
}

static void
handle_resources_create (AhiRequest *request)
{
  write_resource (request, "resource.created", FALSE);
}

static void
handle_resources_update (AhiRequest *request)
{
  write_resource (request, "resource.updated", TRUE);
}

static void
handle_resources_delete (AhiRequest *request)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) body = NULL;
  g_autoptr(AhiEvent) event = NULL;
  const char *resource_id = NULL;
  gboolean duplicate = FALSE;
  AhiStore *store = NULL;

  /* A DELETE may come bare: its reason is optional. */
  if ((body = ahi_route_read_body (request, TRUE, &error)) == NULL ||
      !ahi_route_path_entity (request, 1, "resource", &resource_id, &error) ||
      (store = ahi_route_tenant_store (request, &error)) == NULL ||
      (event = ahi_route_event_from_body (request, store, "resource.deleted", NULL, resource_id, body,
                                          &error)) == NULL)
    goto out;
  if (!ahi_route_check_event (event, &error) || !ahi_route_append (store, event, &duplicate, &error))
    goto out;
  /* The resource left the list: the answer is the event alone. */
  ahi_route_respond_written (request, FALSE, duplicate, event, "resource", NULL);
  return;

out:
  ahi_request_respond_error (request, error);
}

/* ------------------------------------------------------------- revenue */

static void
handle_revenue_list (AhiRequest *request)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) lines = NULL;
  g_autoptr(JsonObject) object = NULL;
  const char *after = NULL;
  guint64 limit = 0;
  gint64 from = 0, to = 0;
  gboolean has_more = FALSE;
  AhiStore *store = NULL;
  JsonArray *array;

  if (!ahi_route_query_period (request, &from, &to, &error) ||
      !ahi_route_query_uint (request, "limit", 1, LEDGER_MAX_LIMIT, LEDGER_DEFAULT_LIMIT, &limit, &error) ||
      !ahi_route_query_id (request, "after", &after, &error) ||
      (store = ahi_route_tenant_store (request, &error)) == NULL ||
      /* The receptionist reads the lines of the current day, no other. */
      !ahi_route_check_money_scope (request, store, from, to, &error))
    goto out;
  lines = ahi_business_revenue_page (ahi_store_get_db (store), from, to, after, limit, &has_more, &error);
  if (lines == NULL)
    {
      /* A cursor this ledger never gave out is the caller's mistake. */
      if (g_error_matches (error, AHI_STORE_ERROR, AHI_STORE_ERROR_NOT_FOUND))
        {
          g_clear_error (&error);
          g_set_error (&error, AHI_SERVER_ERROR, AHI_SERVER_ERROR_BAD_REQUEST, "after: no such ledger line");
        }
      goto out;
    }

  object = json_object_new ();
  set_time_member (object, "from", from);
  set_time_member (object, "to", to);
  array = json_array_new ();
  for (guint i = 0; i < lines->len; i++)
    json_array_add_object_element (array, json_object_ref (g_ptr_array_index (lines, i)));
  json_object_set_array_member (object, "lines", array);
  json_object_set_boolean_member (object, "has_more", has_more);
  if (has_more)
    json_object_set_string_member (object, "next_after",
                                   json_object_get_string_member (g_ptr_array_index (lines, lines->len - 1),
                                                                  "revenue_event_id"));
  ahi_route_respond_object (request, 200, object);
  return;

out:
  ahi_request_respond_error (request, error);
}

/* Staff record money of the current local day only: a line of another
 * day changes a till already counted. Which kinds staff may record is
 * the write table's (ahi-access.c: takings), checked on the append. The
 * event was checked, so its members are well-formed. */
static gboolean
check_staff_line (AhiRequest  *request,
                  AhiStore    *store,
                  AhiEvent    *event,
                  GError     **error)
{
  gint64 booked_at = 0;

  if (g_strcmp0 (request->role, "staff") != 0)
    return TRUE;
  ahi_time_parse_utc (json_object_get_string_member (event->payload, "booked_at"), &booked_at);
  return ahi_route_check_money_scope (request, store, booked_at, booked_at + 1, error);
}

static void
handle_revenue_create (AhiRequest *request)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) body = ahi_request_read_json (request, &error);
  g_autoptr(AhiEvent) event = NULL;
  gboolean duplicate = FALSE;
  AhiStore *store = NULL;

  if (body == NULL || (store = ahi_route_tenant_store (request, &error)) == NULL ||
      (event = ahi_route_event_from_body (request, store, "revenue.event.created", "revenue_event_id", NULL, body,
                                          &error)) == NULL)
    goto out;
  /* A customer, visit or staff member the tenant does not have is the
   * reducer's INVALID_REFERENCE: 422, nothing written. A payment taken
   * twice because an answer was lost would be money counted twice: the
   * retry ids make the second one the first's answer. */
  if (!ahi_route_check_event (event, &error) || !check_staff_line (request, store, event, &error) ||
      !ahi_route_append (store, event, &duplicate, &error))
    goto out;
  ahi_route_respond_written_read (request, store, TRUE, duplicate, event, "revenue_event",
                                  ahi_business_revenue_line);
  return;

out:
  ahi_request_respond_error (request, error);
}

/* ---------------------------------------------------------- automation */

static gboolean
check_channel (const char  *channel,
               GError     **error)
{
  if (channel != NULL && !g_strv_contains (channels, channel))
    {
      g_set_error (error, AHI_CORE_ERROR, AHI_CORE_ERROR_INVALID_VALUE,
                   "channel: one of whatsapp, sms, email, call");
      return FALSE;
    }
  return TRUE;
}

static void
handle_reactivation_list (AhiRequest *request)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) candidates = NULL;
  g_autoptr(GPtrArray) skipped = NULL;
  g_autoptr(JsonObject) object = NULL;
  const char *channel = ahi_request_query (request, "channel");
  gint64 now = ahi_server_now (request->server);
  AhiStore *store = NULL;
  JsonObject *skipped_counts;
  JsonArray *array;
  guint bp;

  if (!check_channel (channel, &error) || (store = ahi_route_tenant_store (request, &error)) == NULL)
    goto out;
  bp = ahi_retention_return_probability_bp (ahi_store_get_db (store), now, NULL, NULL, &error);
  if (error != NULL)
    goto out;
  candidates = ahi_retention_reactivation_candidates (ahi_store_get_db (store), now, channel, &skipped, &error);
  if (candidates == NULL)
    goto out;

  object = json_object_new ();
  set_time_member (object, "now", now);
  json_object_set_int_member (object, "return_probability_bp", bp);
  array = json_array_new ();
  for (guint i = 0; i < candidates->len; i++)
    {
      AhiRetentionCustomer *c = g_ptr_array_index (candidates, i);
      JsonObject *item = json_object_new ();

      json_object_set_string_member (item, "customer_id", c->customer_id);
      json_object_set_string_member (item, "tier", ahi_risk_tier_to_string (c->tier));
      set_time_member (item, "last_completed_at", c->last_completed_at);
      json_object_set_int_member (item, "days_since", c->days_since);
      json_object_set_int_member (item, "cycle_days", c->cycle_days);
      json_object_set_boolean_member (item, "cycle_from_history", c->cycle_from_history);
      json_object_set_int_member (item, "ratio_pct", c->ratio_pct);
      json_object_set_int_member (item, "avg_ticket_minor", c->avg_ticket_minor);
      json_object_set_int_member (item, "score", c->score);
      json_object_set_int_member (item, "expected_value_minor", c->expected_value_minor);
      json_array_add_object_element (array, item);
    }
  json_object_set_array_member (object, "candidates", array);

  /* Who was left out is counted by reason: the list itself would name
   * every customer of the business. */
  skipped_counts = json_object_new ();
  for (guint i = 0; skipped != NULL && i < skipped->len; i++)
    {
      AhiRetentionCustomer *c = g_ptr_array_index (skipped, i);
      const char *reason = ahi_retention_skip_to_string (c->skip);

      json_object_set_int_member (skipped_counts, reason,
                                  (json_object_has_member (skipped_counts, reason)
                                   ? json_object_get_int_member (skipped_counts, reason) : 0) + 1);
    }
  json_object_set_object_member (object, "skipped", skipped_counts);
  ahi_route_respond_object (request, 200, object);
  return;

out:
  ahi_request_respond_error (request, error);
}

/* The id of the automation.reactivation.queued event just appended for
 * campaign_id: the log's last event. */
static char *
campaign_event_id (AhiStore    *store,
                   const char  *campaign_id,
                   GError     **error)
{
  g_autoptr(GPtrArray) events = NULL;
  AhiEvent *last;
  gint64 last_seq = ahi_event_log_last_seq (ahi_store_get_db (store), error);

  if (last_seq <= 0 || (events = ahi_event_log_read (ahi_store_get_db (store), last_seq - 1, 1, NULL, error)) == NULL)
    return NULL;
  last = events->len == 1 ? g_ptr_array_index (events, 0) : NULL;
  if (last == NULL || g_strcmp0 (last->entity_id, campaign_id) != 0)
    {
      g_set_error (error, AHI_SERVER_ERROR, AHI_SERVER_ERROR_INTERNAL, "The campaign's event is not the log's last");
      return NULL;
    }
  return g_strdup (last->event_id);
}

static void
handle_reactivation_queue (AhiRequest *request)
{
  static const char * const allowed[] = { "tier", "channel", "template", "due_at", "limit", NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) body = ahi_request_read_json (request, &error);
  g_autofree char *campaign_id = NULL;
  AhiReactivationRequest campaign = { 0 };
  JsonNode *tier = NULL, *channel = NULL, *template_id = NULL, *due_at = NULL, *limit = NULL;
  AhiStore *store = NULL;
  guint n_customers = 0;

  if (body == NULL || !check_members (body, allowed, &error))
    goto out;
  if ((tier = optional_member (body, "tier", G_TYPE_STRING, FALSE, &error)) == NULL && error == NULL)
    g_set_error (&error, AHI_CORE_ERROR, AHI_CORE_ERROR_MISSING_FIELD, "tier: required");
  if (error == NULL)
    channel = optional_member (body, "channel", G_TYPE_STRING, FALSE, &error);
  if (error == NULL)
    template_id = optional_member (body, "template", G_TYPE_STRING, FALSE, &error);
  if (error == NULL)
    due_at = optional_member (body, "due_at", G_TYPE_STRING, FALSE, &error);
  if (error == NULL)
    limit = optional_member (body, "limit", G_TYPE_INT64, FALSE, &error);
  if (error != NULL)
    goto out;

  if (!ahi_risk_tier_from_string (json_node_get_string (tier), &campaign.tier))
    {
      g_set_error (&error, AHI_CORE_ERROR, AHI_CORE_ERROR_INVALID_VALUE, "tier: one of due, at_risk, lost");
      goto out;
    }
  campaign.channel = channel != NULL ? json_node_get_string (channel) : NULL;
  if (!check_channel (campaign.channel, &error))
    goto out;
  campaign.template_id = template_id != NULL ? json_node_get_string (template_id) : NULL;
  if (due_at != NULL && !ahi_time_parse_utc (json_node_get_string (due_at), &campaign.due_at))
    {
      g_set_error (&error, AHI_CORE_ERROR, AHI_CORE_ERROR_INVALID_VALUE,
                   "due_at: a UTC time like 2026-12-01T09:00:00Z");
      goto out;
    }
  if (limit != NULL)
    {
      gint64 value = json_node_get_int (limit);

      if (value < 1 || value > AHI_RETENTION_MAX_CAMPAIGN)
        {
          g_set_error (&error, AHI_CORE_ERROR, AHI_CORE_ERROR_OUT_OF_RANGE, "limit: from 1 to %d",
                       AHI_RETENTION_MAX_CAMPAIGN);
          goto out;
        }
      campaign.limit = value;
    }
  campaign.actor_user_id = request->user_id;
  campaign.actor_role = request->role;

  /* The reminders and the campaign are one all-or-nothing append; a bad
   * template id is the catalogue's to refuse, with nothing written. */
  if ((store = ahi_route_tenant_store (request, &error)) == NULL ||
      !ahi_retention_queue_campaign (store, &campaign, ahi_server_now (request->server), &campaign_id,
                                     &n_customers, &error))
    goto out;

  {
    g_autoptr(JsonObject) object = json_object_new ();
    g_autoptr(JsonObject) entity = json_object_new ();
    g_autofree char *event_id = NULL;

    /* The campaign's own event is the last of its all-or-nothing append
     * (the reminders come first), and nothing else writes between that
     * append and this line: the server writes on its one loop. */
    if (campaign_id != NULL && (event_id = campaign_event_id (store, campaign_id, &error)) == NULL)
      goto out;
    ahi_route_set_string (object, "event_id", event_id);
    ahi_route_set_string (entity, "campaign_id", campaign_id);
    json_object_set_int_member (entity, "customers", n_customers);
    json_object_set_object_member (object, "campaign", g_steal_pointer (&entity));
    ahi_route_respond_object (request, campaign_id != NULL ? 201 : 200, object);
  }
  return;

out:
  ahi_request_respond_error (request, error);
}

/* ---------------------------------------------------------- reputation */

static void
handle_reputation_summary (AhiRequest *request)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) object = NULL;
  AhiReputationSummary summary = { 0 };
  AhiStore *store = NULL;
  gint64 from = 0, to = 0;
  JsonArray *distribution;

  if (!ahi_route_query_period (request, &from, &to, &error) || (store = ahi_route_tenant_store (request, &error)) == NULL ||
      !ahi_reputation_summary (ahi_store_get_db (store), from, to, &summary, &error))
    {
      ahi_request_respond_error (request, error);
      return;
    }

  object = json_object_new ();
  set_time_member (object, "from", from);
  set_time_member (object, "to", to);
  json_object_set_int_member (object, "count", summary.count);
  distribution = json_array_new ();
  for (guint i = 0; i < G_N_ELEMENTS (summary.distribution); i++)
    json_array_add_int_element (distribution, summary.distribution[i]);
  json_object_set_array_member (object, "distribution", distribution);
  json_object_set_int_member (object, "average_hundredths", summary.average_hundredths);
  json_object_set_int_member (object, "previous_count", summary.previous_count);
  json_object_set_int_member (object, "previous_average_hundredths", summary.previous_average_hundredths);
  if (summary.has_trend)
    json_object_set_int_member (object, "trend_hundredths", summary.trend_hundredths);
  ahi_route_respond_object (request, 200, object);
}

/* --------------------------------------------------------------- table */

static const AhiRoute business_routes[] = {
  { "PATCH", "/api/tenant/*/blueprint", AHI_AUTH_TENANT, ahi_roles_owners, handle_blueprint_patch },
  { "GET", "/api/tenant/*/resources", AHI_AUTH_TENANT, ahi_roles_everyone, handle_resources_list },
  { "POST", "/api/tenant/*/resources", AHI_AUTH_TENANT, ahi_roles_managers, handle_resources_create },
  { "PATCH", "/api/tenant/*/resources/*", AHI_AUTH_TENANT, ahi_roles_managers, handle_resources_update },
  { "DELETE", "/api/tenant/*/resources/*", AHI_AUTH_TENANT, ahi_roles_managers, handle_resources_delete },
  { "GET", "/api/tenant/*/revenue/events", AHI_AUTH_TENANT, ahi_roles_everyone, handle_revenue_list },
  { "POST", "/api/tenant/*/revenue/events", AHI_AUTH_TENANT, ahi_roles_everyone, handle_revenue_create },
  { "GET", "/api/tenant/*/automation/reactivation", AHI_AUTH_TENANT, ahi_roles_managers, handle_reactivation_list },
  { "POST", "/api/tenant/*/automation/reactivation", AHI_AUTH_TENANT, ahi_roles_managers, handle_reactivation_queue },
  { "GET", "/api/tenant/*/reputation/summary", AHI_AUTH_TENANT, ahi_roles_everyone, handle_reputation_summary },
};

const AhiRoute *
ahi_business_routes (guint *n_routes)
{
  *n_routes = G_N_ELEMENTS (business_routes);
  return business_routes;
}
