/* ahi-people-routes.c — customers, vehicles, treatment plans, staff, notes
 *
 * Reads answer from the store's queries (the same ones the app uses);
 * every write is an event appended through the store's one write path.
 */
#include "ahi-routes-private.h"

#include "ahi-server-error.h"
#include "ahi-server.h"
#include "store/ahi-customer-search.h"

static void
handle_customers (AhiRequest *request)
{
  g_autoptr(GError) error = NULL;
  AhiStore *store = ahi_route_tenant_store (request, &error);
  const char *q = ahi_request_query (request, "q");
  const char *limit_text = ahi_request_query (request, "limit");
  guint64 limit = 20;
  g_autoptr(GPtrArray) hits = NULL;
  g_autoptr(JsonObject) object = NULL;
  JsonArray *array;

  if (limit_text != NULL && (!g_ascii_string_to_unsigned (limit_text, 10, 1, 200, &limit, NULL)))
    g_set_error (&error, AHI_SERVER_ERROR, AHI_SERVER_ERROR_BAD_REQUEST, "limit: a number from 1 to 200");
  if (error == NULL && store != NULL)
    hits = ahi_customer_search (ahi_store_get_db (store), q != NULL ? q : "", limit, &error);
  if (hits == NULL)
    {
      ahi_request_respond_error (request, error);
      return;
    }

  object = json_object_new ();
  array = json_array_new ();
  for (guint i = 0; i < hits->len; i++)
    {
      AhiCustomerHit *hit = g_ptr_array_index (hits, i);
      JsonObject *item = json_object_new ();

      json_object_set_string_member (item, "customer_id", hit->customer_id);
      json_object_set_string_member (item, "full_name", hit->full_name);
      if (hit->phone != NULL)
        json_object_set_string_member (item, "phone", hit->phone);
      json_array_add_object_element (array, item);
    }
  json_object_set_array_member (object, "customers", array);
  ahi_route_respond_object (request, 200, object);
}

static const AhiRoute people_routes[] = {
  { "GET", "/api/tenant/*/customers", AHI_AUTH_TENANT, ahi_roles_everyone, handle_customers },
};

const AhiRoute *
ahi_people_routes (guint *n_routes)
{
  *n_routes = G_N_ELEMENTS (people_routes);
  return people_routes;
}
