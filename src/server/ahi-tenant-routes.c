/* ahi-tenant-routes.c — the tenant reads without an area of their own
 * (the Command Center, the blueprint, the revenue summary) and the
 * health probe
 */
#include "ahi-routes-private.h"

#include "ahi-server.h"
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

static const AhiRoute tenant_routes[] = {
  { "GET", "/api/health", AHI_AUTH_NONE, NULL, handle_health },
  { "GET", "/api/tenant/*/command-center", AHI_AUTH_TENANT, ahi_roles_everyone, handle_command_center },
  { "GET", "/api/tenant/*/blueprint", AHI_AUTH_TENANT, ahi_roles_everyone, handle_blueprint },
  { "GET", "/api/tenant/*/revenue/summary", AHI_AUTH_TENANT, ahi_roles_managers, handle_revenue_summary },
};

const AhiRoute *
ahi_tenant_routes (guint *n_routes)
{
  *n_routes = G_N_ELEMENTS (tenant_routes);
  return tenant_routes;
}
