/* ahi-consent-routes.c — a customer's consents: given, withdrawn, registered with İYS
 *
 * The desk takes a consent in person, on a paper form or by phone, and
 * records a withdrawal (ret) the same way: everyone at the desk may. The
 * İYS registration state is the business's own dealing with İYS: owner
 * and managers. Each write is one consent.* event of docs/events.md
 * appended through the store's one write path, with the retry ids every
 * write takes. docs/api-people.md documents the routes.
 */
#include "ahi-people-private.h"

#include "ahi-server-error.h"
#include "store/ahi-store-error.h"
#include "store/query/ahi-consent-query.h"
#include "store/query/ahi-customer-query.h"

static const char * const from_path_customer[] = { "customer_id", NULL };

static const AhiPeopleWrite consent_given = { "consent.given", "consent_id", from_path_customer, NULL, "consent" };
static const AhiPeopleWrite consent_withdrawn = { "consent.withdrawn", NULL, NULL, NULL, "consent" };
static const AhiPeopleWrite consent_iys = { "consent.iys.updated", NULL, NULL, NULL, "consent" };

static JsonObject *
read_consent (AhiDb       *db,
              const char  *consent_id,
              GError     **error)
{
  return ahi_consent_query_get (db, consent_id, error);
}

static JsonObject *
copy_object (gconstpointer item)
{
  return json_object_ref ((JsonObject *) item);
}

/* GET customers/:customerId/consents: every consent, in force or
 * withdrawn, oldest first; an erased customer's too (they hold no
 * personal data, and they are the record of what was allowed). */
static void
handle_consents (AhiRequest *request)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AhiCustomer) customer = NULL;
  g_autoptr(GPtrArray) consents = NULL;
  const char *customer_id;
  AhiStore *store;

  if (!ahi_route_path_entity (request, 1, "customer", &customer_id, &error) ||
      (store = ahi_route_tenant_store (request, &error)) == NULL ||
      (customer = ahi_customer_query_get (ahi_store_get_db (store), customer_id, &error)) == NULL ||
      (consents = ahi_consent_query_of (ahi_store_get_db (store), customer_id, &error)) == NULL)
    {
      ahi_request_respond_error (request, error);
      return;
    }
  ahi_route_respond_list (request, "consents", consents, copy_object);
}

/* POST customers/:customerId/consents {"purpose","channel","source","iys_state"}. */
static void
handle_consent_give (AhiRequest *request)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) body = NULL;
  g_autoptr(AhiEvent) event = NULL;
  g_autoptr(JsonObject) consent = NULL;
  gboolean duplicate = FALSE;
  const char *customer_id;
  AhiStore *store;

  if (!ahi_route_path_entity (request, 1, "customer", &customer_id, &error) ||
      (body = ahi_route_read_body (request, FALSE, &error)) == NULL ||
      (store = ahi_route_tenant_store (request, &error)) == NULL ||
      !ahi_people_require_live_customer (store, customer_id, &error) ||
      (event = ahi_people_event_new (request, store, &consent_given, NULL, body, &error)) == NULL)
    goto fail;
  json_object_set_string_member (event->payload, "customer_id", customer_id);
  if (!ahi_people_append (store, &consent_given, event, &duplicate, &error) ||
      (consent = read_consent (ahi_store_get_db (store), event->entity_id, &error)) == NULL)
    goto fail;
  ahi_route_respond_written (request, TRUE, duplicate, event, consent_given.answer_member, consent);
  return;

fail:
  ahi_request_respond_error (request, error);
}

/* A change of the consent in the path: withdrawn, or its İYS state. */
static void
change_consent (AhiRequest           *request,
                const AhiPeopleWrite *write)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) body = NULL;
  g_autoptr(JsonObject) consent = NULL;
  const char *consent_id;
  AhiStore *store;

  if (!ahi_route_path_entity (request, 1, "consent", &consent_id, &error) ||
      (body = ahi_route_read_body (request, FALSE, &error)) == NULL ||
      (store = ahi_route_tenant_store (request, &error)) == NULL ||
      (consent = read_consent (ahi_store_get_db (store), consent_id, &error)) == NULL)
    {
      ahi_request_respond_error (request, error);
      return;
    }
  /* A consent withdrawn already is a record now: withdrawing it again
   * is a state it cannot leave (the reducer would only find no consent
   * in force to withdraw). */
  if (write == &consent_withdrawn && !json_object_get_null_member (consent, "withdrawn_at"))
    {
      g_set_error (&error, AHI_STORE_ERROR, AHI_STORE_ERROR_INVALID_STATE, "Consent %s was withdrawn already",
                   consent_id);
      ahi_request_respond_error (request, error);
      return;
    }
  ahi_people_write (request, store, write, consent_id, body, read_consent);
}

static void handle_consent_withdraw (AhiRequest *r) { change_consent (r, &consent_withdrawn); }
static void handle_consent_iys (AhiRequest *r)      { change_consent (r, &consent_iys); }

static const AhiRoute consent_routes[] = {
  { "GET", "/api/tenant/*/customers/*/consents", AHI_AUTH_TENANT, ahi_roles_everyone, handle_consents },
  { "POST", "/api/tenant/*/customers/*/consents", AHI_AUTH_TENANT, ahi_roles_everyone, handle_consent_give },
  { "POST", "/api/tenant/*/consents/*/withdraw", AHI_AUTH_TENANT, ahi_roles_everyone, handle_consent_withdraw },
  { "POST", "/api/tenant/*/consents/*/iys-state", AHI_AUTH_TENANT, ahi_roles_managers, handle_consent_iys },
};

const AhiRoute *
ahi_consent_routes (guint *n_routes)
{
  *n_routes = G_N_ELEMENTS (consent_routes);
  return consent_routes;
}
