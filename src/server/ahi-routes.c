/* ahi-routes.c — the tenant API's route table (docs/api.md)
 *
 * Each area keeps its handlers and its part of the table in its own file
 * (ahi-<area>-routes.c); this joins the parts, in order, into the one
 * table the server matches against.
 */
#include "ahi-routes.h"
#include "ahi-routes-private.h"

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

      part = ahi_tenant_routes (&n);
      g_array_append_vals (all, part, n);
      part = ahi_sync_routes (&n);
      g_array_append_vals (all, part, n);
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
