/* ahi-cash-routes.c — the till: cash counts, expected cash, the staff report, and staff's money scope
 *
 * The receptionist takes payments and counts the till at closing, so
 * every member of the business reads what the ledger expects in the till
 * and counts it — for the current local day of the business only when
 * they are staff; summaries and the staff report stay with the owner and
 * managers (docs/api-business.md, "Money: who reads what"). Expected cash
 * and the staff report are the store's (src/store/engine/ahi-revenue.c,
 * docs/revenue.md); a count is one cash.reconciled event appended through
 * the store's one write path.
 */
#include "ahi-routes-private.h"

#include "ahi-server-error.h"
#include "ahi-server.h"
#include "core/ahi-core-error.h"
#include "core/ahi-time.h"
#include "store/ahi-event-log.h"
#include "store/ahi-tenant.h"
#include "store/engine/ahi-revenue.h"
#include "store/query/ahi-business-query.h"

/* 1970-01-01 as a GDate Julian day (0001-01-01 is day 1). */
#define UNIX_EPOCH_JULIAN 719163

/* ------------------------------------------------------------- helpers */

static gboolean
is_staff (AhiRequest *request)
{
  return g_strcmp0 (request->role, "staff") == 0;
}

/* [start, end) of the local day date ("YYYY-MM-DD") in zone. */
static void
day_bounds (GTimeZone  *zone,
            int         year,
            int         month,
            int         day,
            gint64     *start,
            gint64     *end)
{
  g_autoptr(GDate) next = g_date_new_dmy (day, month, year);

  g_date_add_days (next, 1);
  *start = ahi_time_from_local (zone, year, month, day, 0, 0);
  *end = ahi_time_from_local (zone, g_date_get_year (next), g_date_get_month (next), g_date_get_day (next), 0, 0);
}

void
ahi_route_today (AhiRequest  *request,
                 AhiStore    *store,
                 char       **out_date,
                 gint64      *out_start,
                 gint64      *out_end)
{
  g_autoptr(GTimeZone) zone = ahi_tenant_timezone (ahi_store_get_db (store));
  g_autoptr(GDate) date = g_date_new_julian (UNIX_EPOCH_JULIAN);
  gint64 start = 0, end = 0;

  g_date_add_days (date, ahi_time_local_day (zone, ahi_server_now (request->server)));
  day_bounds (zone, g_date_get_year (date), g_date_get_month (date), g_date_get_day (date), &start, &end);
  if (out_date != NULL)
    *out_date = g_strdup_printf ("%04d-%02d-%02d", g_date_get_year (date), g_date_get_month (date),
                                 g_date_get_day (date));
  if (out_start != NULL)
    *out_start = start;
  if (out_end != NULL)
    *out_end = end;
}

gboolean
ahi_route_check_money_scope (AhiRequest  *request,
                             AhiStore    *store,
                             gint64       from,
                             gint64       to,
                             GError     **error)
{
  gint64 start = 0, end = 0;

  if (!is_staff (request))
    return TRUE;
  ahi_route_today (request, store, NULL, &start, &end);
  if (from >= start && to <= end)
    return TRUE;
  g_set_error (error, AHI_SERVER_ERROR, AHI_SERVER_ERROR_FORBIDDEN,
               "Staff read the money of the current business day only");
  return FALSE;
}

/* The local day a request names (the query's or body's "date", else
 * today), checked against the caller's money scope. */
static char *
business_day (AhiRequest  *request,
              AhiStore    *store,
              const char  *date,
              const char  *name,
              GError     **error)
{
  g_autofree char *today = NULL;
  int year, month, day;

  ahi_route_today (request, store, &today, NULL, NULL);
  if (date == NULL)
    return g_steal_pointer (&today);
  if (!ahi_date_parse (date, &year, &month, &day))
    {
      g_set_error (error, AHI_SERVER_ERROR, AHI_SERVER_ERROR_BAD_REQUEST, "%s: a local date like 2026-12-07", name);
      return NULL;
    }
  if (is_staff (request) && !g_str_equal (date, today))
    {
      g_set_error (error, AHI_SERVER_ERROR, AHI_SERVER_ERROR_FORBIDDEN,
                   "Staff read and count the till of the current business day only (%s)", today);
      return NULL;
    }
  return g_strdup (date);
}

static JsonObject *
count_to_json (const AhiRevenueCashCount *count)
{
  JsonObject *object = json_object_new ();

  json_object_set_string_member (object, "cash_count_id", count->cash_count_id);
  json_object_set_string_member (object, "business_date", count->business_date);
  json_object_set_int_member (object, "counted_minor", count->counted_minor);
  json_object_set_int_member (object, "expected_minor", count->expected_minor);
  json_object_set_int_member (object, "difference_minor", count->difference_minor);
  ahi_route_set_string (object, "note", count->note);
  json_object_set_string_member (object, "counted_by", count->counted_by);
  ahi_route_set_time (object, "counted_at", count->counted_at);
  return object;
}

/* -------------------------------------------------------------- routes */

/* GET cash/expected?date=YYYY-MM-DD (default: today). */
static void
handle_expected (AhiRequest *request)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *date = NULL;
  g_autofree char *currency = NULL;
  g_autoptr(JsonObject) object = NULL;
  gint64 expected = 0;
  AhiStore *store;

  if ((store = ahi_route_tenant_store (request, &error)) == NULL ||
      (date = business_day (request, store, ahi_request_query (request, "date"), "date", &error)) == NULL ||
      (currency = ahi_business_currency (ahi_store_get_db (store), &error)) == NULL ||
      !ahi_revenue_expected_cash (ahi_store_get_db (store), date, &expected, &error))
    {
      ahi_request_respond_error (request, error);
      return;
    }
  object = json_object_new ();
  json_object_set_string_member (object, "business_date", date);
  json_object_set_string_member (object, "currency", currency);
  json_object_set_int_member (object, "expected_minor", expected);
  ahi_route_respond_object (request, 200, object);
}

/* GET cash/counts?date=YYYY-MM-DD (default: today): the day's counts,
 * oldest first; the last is the standing one. */
static void
handle_counts (AhiRequest *request)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *date = NULL;
  g_autoptr(GPtrArray) counts = NULL;
  g_autoptr(JsonObject) object = NULL;
  AhiStore *store;

  if ((store = ahi_route_tenant_store (request, &error)) == NULL ||
      (date = business_day (request, store, ahi_request_query (request, "date"), "date", &error)) == NULL ||
      (counts = ahi_revenue_cash_counts (ahi_store_get_db (store), date, &error)) == NULL)
    {
      ahi_request_respond_error (request, error);
      return;
    }
  object = json_object_new ();
  json_object_set_string_member (object, "business_date", date);
  json_object_set_array_member (object, "counts", ahi_route_array_of (counts, (AhiRouteToJson) count_to_json));
  ahi_route_respond_object (request, 200, object);
}

/* The count of that id as the answer shows it. */
static JsonObject *
read_count (AhiStore    *store,
            const char  *business_date,
            const char  *cash_count_id,
            GError     **error)
{
  g_autoptr(GPtrArray) counts = ahi_revenue_cash_counts (ahi_store_get_db (store), business_date, error);

  for (guint i = 0; counts != NULL && i < counts->len; i++)
    {
      AhiRevenueCashCount *count = g_ptr_array_index (counts, i);

      if (g_str_equal (count->cash_count_id, cash_count_id))
        return count_to_json (count);
    }
  if (counts != NULL)
    g_set_error (error, AHI_SERVER_ERROR, AHI_SERVER_ERROR_NOT_FOUND, "No cash count %s", cash_count_id);
  return NULL;
}

/* POST cash/counts {"counted_minor": N, "business_date"?, "note"?} plus
 * the retry ids (event_id, cash_count_id). The expected figure is the
 * ledger's at the count, computed here: a client never sends it. */
static void
handle_count (AhiRequest *request)
{
  static const char * const allowed[] = { "business_date", "counted_minor", "note", "event_id", "cash_count_id", NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) body = NULL;
  g_autoptr(AhiEvent) event = NULL;
  g_autoptr(AhiEvent) stored = NULL;
  g_autoptr(JsonObject) count = NULL;
  g_autofree char *date = NULL;
  g_autoptr(GList) names = NULL;
  gboolean duplicate = FALSE;
  gint64 expected = 0;
  JsonNode *date_node;
  AhiStore *store = NULL;

  if ((body = ahi_route_read_body (request, FALSE, &error)) == NULL)
    goto out;
  names = json_object_get_members (body);
  for (GList *l = names; l != NULL; l = l->next)
    if (!g_strv_contains (allowed, l->data))
      {
        g_set_error (&error, AHI_CORE_ERROR, AHI_CORE_ERROR_UNKNOWN_FIELD, "%s: unknown field", (const char *) l->data);
        goto out;
      }
  date_node = json_object_get_member (body, "business_date");
  if (date_node != NULL && (!JSON_NODE_HOLDS_VALUE (date_node) || json_node_get_value_type (date_node) != G_TYPE_STRING))
    {
      g_set_error (&error, AHI_CORE_ERROR, AHI_CORE_ERROR_WRONG_TYPE, "business_date: expected a string");
      goto out;
    }
  if ((store = ahi_route_tenant_store (request, &error)) == NULL ||
      (date = business_day (request, store, date_node != NULL ? json_node_get_string (date_node) : NULL,
                            "business_date", &error)) == NULL ||
      (event = ahi_route_event_from_body (request, store, "cash.reconciled", "cash_count_id", NULL, body,
                                          &error)) == NULL)
    goto out;

  /* A retry keeps the expected figure of the first count (a sale since
   * then does not make it another write); a new count freezes the
   * ledger's figure now. */
  stored = ahi_event_log_get (ahi_store_get_db (store), event->event_id, NULL);
  if (stored != NULL && g_str_equal (stored->type, "cash.reconciled") &&
      json_object_has_member (stored->payload, "expected_minor"))
    expected = json_object_get_int_member (stored->payload, "expected_minor");
  else if (!ahi_revenue_expected_cash (ahi_store_get_db (store), date, &expected, &error))
    goto out;
  json_object_set_string_member (event->payload, "business_date", date);
  json_object_set_int_member (event->payload, "expected_minor", expected);

  if (!ahi_route_check_event (event, &error) || !ahi_route_append (store, event, &duplicate, &error) ||
      (count = read_count (store, date, event->entity_id, &error)) == NULL)
    goto out;
  ahi_route_respond_written (request, TRUE, duplicate, event, "cash_count", count);
  return;

out:
  ahi_request_respond_error (request, error);
}

/* GET revenue/staff-report?from=…Z&to=…Z (owner, manager). */
static void
handle_staff_report (AhiRequest *request)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AhiRevenueStaffReport) report = NULL;
  g_autofree char *json = NULL;
  gint64 from = 0, to = 0;
  AhiStore *store;

  if (!ahi_route_query_period (request, &from, &to, &error) ||
      (store = ahi_route_tenant_store (request, &error)) == NULL ||
      (report = ahi_revenue_staff_report (ahi_store_get_db (store), from, to, &error)) == NULL)
    {
      ahi_request_respond_error (request, error);
      return;
    }
  json = ahi_revenue_staff_report_to_json (report);
  ahi_request_respond (request, 200, json);
}

/* --------------------------------------------------------------- table */

static const AhiRoute cash_routes[] = {
  { "GET", "/api/tenant/*/cash/expected", AHI_AUTH_TENANT, ahi_roles_everyone, handle_expected },
  { "GET", "/api/tenant/*/cash/counts", AHI_AUTH_TENANT, ahi_roles_everyone, handle_counts },
  { "POST", "/api/tenant/*/cash/counts", AHI_AUTH_TENANT, ahi_roles_everyone, handle_count },
  { "GET", "/api/tenant/*/revenue/staff-report", AHI_AUTH_TENANT, ahi_roles_managers, handle_staff_report },
};

const AhiRoute *
ahi_cash_routes (guint *n_routes)
{
  *n_routes = G_N_ELEMENTS (cash_routes);
  return cash_routes;
}
