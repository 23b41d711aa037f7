/* ahi-routes.c — the tenant API's route table (docs/api.md)
 *
 * Each area keeps its handlers and its part of the table in its own file
 * (ahi-<area>-routes.c); this joins the parts into the one table the
 * server matches against. The few tenant reads without an area of their
 * own (the Command Center, the blueprint, the revenue summary) and the
 * health probe are here too.
 */
#include "ahi-routes.h"
#include "ahi-routes-private.h"

#include "ahi-server.h"
#include "ahi-sync-routes.h"
#include "core/ahi-access.h"
#include "core/ahi-blueprint.h"
#include "store/engine/ahi-revenue.h"
#include "store/ahi-tenant.h"

/* The snapshot's "now" may be this old before it is made again even when
 * nothing was written: month-to-date and days-since figures move with the
 * clock. */
#define COMMAND_CENTER_MAX_AGE 300

/* -------------------------------------------------------- tenant reads */

static void
handle_command_center (AhiRequest *request)
{
  g_autoptr(GError) error = NULL;
  gboolean cached = FALSE;
  g_autofree char *json = ahi_tenants_command_center (ahi_server_get_tenants (request->server), request->tenant_id,
                                                      ahi_access_read_scope (request->role),
                                                      ahi_server_now (request->server), COMMAND_CENTER_MAX_AGE,
                                                      &cached, &error);

  if (json == NULL)
    {
      ahi_request_respond_error (request, error);
      return;
    }
  soup_message_headers_replace (soup_server_message_get_response_headers (request->msg),
                                "X-Ahi-Cache", cached ? "hit" : "miss");
  ahi_request_respond (request, 200, json);
}

static void
handle_revenue_summary (AhiRequest *request)
{
  g_autoptr(GError) error = NULL;
  AhiRevenueSummary *summary = NULL;
  AhiStore *store;
  gint64 from = 0, to = 0;

  if (!ahi_route_query_period (request, &from, &to, &error) ||
      (store = ahi_route_tenant_store (request, &error)) == NULL ||
      (summary = ahi_revenue_summary (ahi_store_get_db (store), from, to, &error)) == NULL)
    {
      ahi_request_respond_error (request, error);
      return;
    }
  {
    g_autofree char *json = ahi_revenue_summary_to_json (summary);
    ahi_request_respond (request, 200, json);
  }
  ahi_revenue_summary_free (summary);
}

static void
handle_blueprint (AhiRequest *request)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AhiBlueprint) blueprint = NULL;
  AhiStore *store = ahi_route_tenant_store (request, &error);

  if (store == NULL || (blueprint = ahi_tenant_load_blueprint (ahi_store_get_db (store), &error)) == NULL)
    {
      ahi_request_respond_error (request, error);
      return;
    }
  {
    g_autoptr(JsonObject) object = ahi_blueprint_to_json (blueprint);
    ahi_route_respond_object (request, 200, object);
  }
}

/* ------------------------------------------------------------- health */

/* Does no work at all: the load benchmark's baseline, and a liveness
 * probe for whoever runs the server. */
static void
handle_health (AhiRequest *request)
{
  ahi_request_respond (request, 200, "{\"ok\":true}");
}

/* --------------------------------------------------------------- table */

static const AhiRoute tenant_read_routes[] = {
  { "GET", "/api/health", AHI_AUTH_NONE, NULL, handle_health },
  { "GET", "/api/tenant/*/command-center", AHI_AUTH_TENANT, ahi_roles_everyone, handle_command_center },
  { "GET", "/api/tenant/*/blueprint", AHI_AUTH_TENANT, ahi_roles_everyone, handle_blueprint },
  { "GET", "/api/tenant/*/revenue/summary", AHI_AUTH_TENANT, ahi_roles_managers, handle_revenue_summary },
  { "POST", "/api/tenant/*/sync/push", AHI_AUTH_TENANT, ahi_roles_everyone, ahi_sync_routes_push },
  { "GET", "/api/tenant/*/sync/pull", AHI_AUTH_TENANT, ahi_roles_everyone, ahi_sync_routes_pull },
  { "GET", "/api/tenant/*/sync/bootstrap", AHI_AUTH_TENANT, ahi_roles_everyone, ahi_sync_routes_bootstrap },
  { "POST", "/api/tenant/*/sync/ack", AHI_AUTH_TENANT, ahi_roles_everyone, ahi_sync_routes_ack },
};

/* Each area of the API keeps its routes beside its handlers; this joins
 * them, in order, into the one table the server matches against. */
const AhiRoute *
ahi_routes (guint *n_routes)
{
  static GArray *table = NULL;

  if (g_once_init_enter (&table))
    {
      GArray *all = g_array_new (FALSE, FALSE, sizeof (AhiRoute));
      const AhiRoute *part;
      guint n;

      g_array_append_vals (all, tenant_read_routes, G_N_ELEMENTS (tenant_read_routes));
      part = ahi_auth_routes (&n);
      g_array_append_vals (all, part, n);
      part = ahi_people_routes (&n);
      g_array_append_vals (all, part, n);
      part = ahi_visit_routes (&n);
      g_array_append_vals (all, part, n);
      part = ahi_business_routes (&n);
      g_array_append_vals (all, part, n);
      part = ahi_account_routes (&n);
      g_array_append_vals (all, part, n);
      part = ahi_cash_routes (&n);
      g_array_append_vals (all, part, n);
      part = ahi_hours_routes (&n);
      g_array_append_vals (all, part, n);
      part = ahi_consent_routes (&n);
      g_array_append_vals (all, part, n);
      g_once_init_leave (&table, all);
    }
  *n_routes = table->len;
  return (const AhiRoute *) table->data;
}
