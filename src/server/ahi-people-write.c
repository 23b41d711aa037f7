/* ahi-people-write.c — request bodies into events, for the people routes
 *
 * The people area's own rules over the shared ones (ahi-route-write.c):
 * a body holds only its event type's fields by name, a client may name a
 * new entity (its event id then derives from it, so a create sent twice
 * is one event), and the business's blueprint may require more fields.
 */
#include "ahi-people-private.h"

#include "ahi-server-error.h"
#include "core/ahi-core-error.h"
#include "core/ahi-id.h"
#include "store/query/ahi-customer-query.h"
#include "store/ahi-health-audit.h"
#include "store/ahi-store-error.h"
#include "store/ahi-tenant.h"

/* ------------------------------------------------------------- helpers */

static const AhiFieldSpec *
lookup_field (const AhiFieldSpec *fields,
              const char         *name)
{
  for (guint i = 0; fields != NULL && fields[i].name != NULL; i++)
    if (g_str_equal (fields[i].name, name))
      return &fields[i];
  return NULL;
}

/* The body may hold the fields of the event type by name, but not those
 * the path or the server sets (write->not_in_body); the retry ids
 * (event_id, and the new entity's id when creating) are read apart.
 * Refused before anything is looked up, with the member named. */
static gboolean
check_members (const AhiEventSpec    *spec,
               const AhiPeopleWrite  *write,
               JsonObject            *body,
               gboolean               creating,
               GError               **error)
{
  JsonObjectIter iter;
  const char *name;
  JsonNode *node;

  json_object_iter_init (&iter, body);
  while (json_object_iter_next (&iter, &name, &node))
    {
      gboolean in_body = write->not_in_body == NULL || !g_strv_contains (write->not_in_body, name);

      if (g_str_equal (name, "event_id") ||
          (creating && write->id_member != NULL && g_str_equal (name, write->id_member)))
        continue;
      if (!in_body || (lookup_field (spec->payload, name) == NULL && lookup_field (spec->pii, name) == NULL))
        {
          g_set_error (error, AHI_CORE_ERROR, AHI_CORE_ERROR_UNKNOWN_FIELD, "%s: not a field of this request", name);
          return FALSE;
        }
    }
  return TRUE;
}

/* ---------------------------------------------------------- public API */

AhiEvent *
ahi_people_event_new (AhiRequest            *request,
                      AhiStore              *store,
                      const AhiPeopleWrite  *write,
                      const char            *entity_id,
                      JsonObject            *body,
                      GError               **error)
{
  const AhiEventSpec *spec = ahi_event_catalogue_lookup (write->type);
  AhiEvent *event;

  g_assert (spec != NULL);

  if (!check_members (spec, write, body, entity_id == NULL, error) ||
      (event = ahi_route_event_from_body (request, store, write->type, write->id_member, entity_id, body,
                                          error)) == NULL)
    return NULL;
  /* A type with required personal data gets its pii object even when the
   * body has none of it, so the missing field is named. */
  if (spec->pii != NULL)
    ahi_event_get_pii (event);
  return event;
}

/* Fields the blueprint requires on object that the event sets neither
 * in its payload nor its PII. */
static gboolean
check_required (AhiStore        *store,
                const char      *object,
                const AhiEvent  *event,
                GError         **error)
{
  g_autoptr(AhiBlueprint) blueprint = ahi_tenant_load_blueprint (ahi_store_get_db (store), error);
  const char * const *required;

  if (blueprint == NULL)
    return FALSE;
  required = ahi_blueprint_get_required_fields (blueprint, object);
  for (guint i = 0; required[i] != NULL; i++)
    if (!json_object_has_member (event->payload, required[i]) &&
        (event->pii == NULL || !json_object_has_member (event->pii, required[i])))
      {
        g_set_error (error, AHI_SERVER_ERROR, AHI_SERVER_ERROR_UNPROCESSABLE,
                     "%s: required by this business (its blueprint)", required[i]);
        return FALSE;
      }
  return TRUE;
}

gboolean
ahi_people_append (AhiStore              *store,
                   const AhiPeopleWrite  *write,
                   AhiEvent              *event,
                   gboolean              *out_duplicate,
                   GError               **error)
{
  /* The catalogue first, so that a bad body is a 400 before the
   * blueprint's 422. */
  if (!ahi_route_check_event (event, error) ||
      (write->required_object != NULL && !check_required (store, write->required_object, event, error)))
    return FALSE;
  return ahi_route_append (store, event, out_duplicate, error);
}

void
ahi_people_write (AhiRequest            *request,
                  AhiStore              *store,
                  const AhiPeopleWrite  *write,
                  const char            *entity_id,
                  JsonObject            *body,
                  AhiRouteRead           read)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AhiEvent) event = NULL;
  gboolean duplicate = FALSE;

  if ((event = ahi_people_event_new (request, store, write, entity_id, body, &error)) == NULL ||
      !ahi_people_append (store, write, event, &duplicate, &error))
    {
      ahi_request_respond_error (request, error);
      return;
    }
  /* A retried create answers what the first one made. */
  ahi_route_respond_written_read (request, store, entity_id == NULL, duplicate, event, write->answer_member, read);
}

void
ahi_people_create (AhiRequest            *request,
                   const AhiPeopleWrite  *write,
                   AhiRouteRead           read)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) body = NULL;
  AhiStore *store;

  if ((body = ahi_route_read_body (request, FALSE, &error)) == NULL ||
      (store = ahi_route_tenant_store (request, &error)) == NULL)
    {
      ahi_request_respond_error (request, error);
      return;
    }
  ahi_people_write (request, store, write, NULL, body, read);
}

gboolean
ahi_people_may_read_health (AhiStore   *store,
                            const char *role)
{
  return ahi_health_notes_readable_by (ahi_store_get_db (store), role);
}

gboolean
ahi_people_require_live_customer (AhiStore    *store,
                                  const char  *customer_id,
                                  GError     **error)
{
  g_autoptr(AhiCustomer) customer = ahi_customer_query_get (ahi_store_get_db (store), customer_id, error);

  if (customer == NULL)
    return FALSE;
  if (customer->erased_at != 0)
    {
      g_set_error (error, AHI_STORE_ERROR, AHI_STORE_ERROR_INVALID_STATE,
                   "Customer %s was erased", customer_id);
      return FALSE;
    }
  return TRUE;
}
