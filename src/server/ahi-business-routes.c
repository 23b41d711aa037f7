/* ahi-business-routes.c — blueprint changes, resources, revenue events, automations, reputation
 *
 * Reads answer from the store's queries (the same ones the app uses);
 * every write is an event appended through the store's one write path.
 */
#include "ahi-routes-private.h"

#include "ahi-server-error.h"
#include "ahi-server.h"

static const AhiRoute business_routes[] = {
  { NULL },
};

const AhiRoute *
ahi_business_routes (guint *n_routes)
{
  /* The table ends with an empty entry until the area has routes. */
  *n_routes = G_N_ELEMENTS (business_routes) - 1;
  return business_routes;
}
