/* ahi-people-write.c — request bodies into events, for the people routes */
#include "ahi-people-private.h"

#include "ahi-server-error.h"
#include "core/ahi-core-error.h"
#include "core/ahi-id.h"
#include "core/ahi-json-strict.h"
#include "core/ahi-time.h"
#include "store/ahi-customer-query.h"
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

/* The catalogue names members by their place in the event
 * ("payload.tags[2]", "pii.full_name"); the client sent a flat body, so
 * the message names the body's member instead. The code stays. */
static void
rename_paths (GError **error)
{
  GError *old = *error;
  const char *message = old->message;
  const char *rest = NULL;

  if (g_str_has_prefix (message, "payload."))
    rest = message + strlen ("payload.");
  else if (g_str_has_prefix (message, "pii."))
    rest = message + strlen ("pii.");
  else if (g_str_has_prefix (message, "payload:") || g_str_has_prefix (message, "pii:"))
    rest = NULL;
  else
    return;

  if (rest != NULL)
    *error = g_error_new_literal (old->domain, old->code, rest);
  else
    *error = g_error_new (old->domain, old->code, "body%s", strchr (message, ':'));
  g_error_free (old);
}

/* ---------------------------------------------------------- public API */

gboolean
ahi_people_path_id (AhiRequest  *request,
                    guint        index,
                    const char  *what,
                    const char **out,
                    GError     **error)
{
  const char *id = index < request->params->len ? g_ptr_array_index (request->params, index) : NULL;

  *out = NULL;
  if (id == NULL || !ahi_id_is_valid (id))
    {
      /* The text is not echoed: it may be anything a client typed. */
      g_set_error (error, AHI_SERVER_ERROR, AHI_SERVER_ERROR_NOT_FOUND, "No such %s", what);
      return FALSE;
    }
  *out = id;
  return TRUE;
}

JsonObject *
ahi_people_read_body (AhiRequest  *request,
                      gboolean     allow_empty,
                      GError     **error)
{
  SoupMessageBody *body = soup_server_message_get_request_body (request->msg);

  if (allow_empty && body->length == 0)
    return json_object_new ();
  return ahi_request_read_json (request, error);
}

AhiEvent *
ahi_people_event_new (AhiRequest            *request,
                      AhiStore              *store,
                      const AhiPeopleWrite  *write,
                      const char            *entity_id,
                      JsonObject            *body,
                      GError               **error)
{
  const AhiEventSpec *spec = ahi_event_catalogue_lookup (write->type);
  g_autoptr(AhiEvent) event = NULL;
  g_autofree char *new_id = NULL;
  gboolean client_named = FALSE;
  JsonObjectIter iter;
  const char *name;
  JsonNode *node;

  g_assert (spec != NULL);

  if (entity_id == NULL)
    {
      JsonNode *id_node = write->id_member != NULL ? json_object_get_member (body, write->id_member) : NULL;

      if (id_node != NULL)
        {
          if (!JSON_NODE_HOLDS_VALUE (id_node) || json_node_get_value_type (id_node) != G_TYPE_STRING)
            {
              g_set_error (error, AHI_CORE_ERROR, AHI_CORE_ERROR_WRONG_TYPE, "%s: expected a string", write->id_member);
              return NULL;
            }
          if (!ahi_id_is_valid (json_node_get_string (id_node)))
            {
              g_set_error (error, AHI_CORE_ERROR, AHI_CORE_ERROR_INVALID_VALUE, "%s: not a lower-case UUID",
                           write->id_member);
              return NULL;
            }
          new_id = g_strdup (json_node_get_string (id_node));
          client_named = TRUE;
        }
      else
        new_id = ahi_id_new ();
      entity_id = new_id;
    }

  event = ahi_route_new_event (request, store, write->type, entity_id);
  if (client_named)
    {
      /* The same create sent again (a retry after a lost answer) is the
       * same event: the store sees a duplicate and changes nothing. */
      g_free (event->event_id);
      event->event_id = ahi_id_derive (entity_id, write->type);
    }

  /* A type with required personal data gets its pii object even when the
   * body has none of it, so the missing field is named. */
  if (spec->pii != NULL)
    ahi_event_get_pii (event);

  json_object_iter_init (&iter, body);
  while (json_object_iter_next (&iter, &name, &node))
    {
      gboolean in_body = write->not_in_body == NULL || !g_strv_contains (write->not_in_body, name);

      if (write->id_member != NULL && g_str_equal (name, write->id_member) && client_named)
        continue;
      if (in_body && lookup_field (spec->payload, name) != NULL)
        json_object_set_member (event->payload, name, ahi_json_strict_copy (node, FALSE));
      else if (in_body && lookup_field (spec->pii, name) != NULL)
        json_object_set_member (ahi_event_get_pii (event), name, ahi_json_strict_copy (node, FALSE));
      else
        {
          g_set_error (error, AHI_CORE_ERROR, AHI_CORE_ERROR_UNKNOWN_FIELD, "%s: not a field of this request", name);
          return NULL;
        }
    }
  return g_steal_pointer (&event);
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
ahi_people_append (AhiStore    *store,
                   AhiEvent    *event,
                   const char  *required_object,
                   gboolean    *out_duplicate,
                   GError     **error)
{
  GError *local_error = NULL;
  gboolean valid;

  /* The store numbers the event when it appends it; checked here first
   * (as if numbered) so that a bad body is a 400 before the blueprint's
   * 422, and its message names the body's member. */
  g_assert (event->device_seq == 0);
  event->device_seq = 1;
  valid = ahi_event_validate (event, &local_error);
  event->device_seq = 0;
  if (!valid)
    {
      rename_paths (&local_error);
      g_propagate_error (error, local_error);
      return FALSE;
    }
  if (required_object != NULL && !check_required (store, required_object, event, error))
    return FALSE;
  return ahi_store_append (store, event, out_duplicate, error);
}

gboolean
ahi_people_may_read_health (AhiStore   *store,
                            const char *role)
{
  return !ahi_health_audit_enabled (ahi_store_get_db (store)) || g_strcmp0 (role, "staff") != 0;
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

void
ahi_people_set_string (JsonObject *object,
                       const char *name,
                       const char *value)
{
  if (value != NULL)
    json_object_set_string_member (object, name, value);
  else
    json_object_set_null_member (object, name);
}

void
ahi_people_set_time (JsonObject *object,
                     const char *name,
                     gint64      value)
{
  if (value != 0)
    {
      g_autofree char *text = ahi_time_format_utc (value);
      json_object_set_string_member (object, name, text);
    }
  else
    json_object_set_null_member (object, name);
}

void
ahi_people_set_strv (JsonObject  *object,
                     const char  *name,
                     char       **values)
{
  JsonArray *array = json_array_new ();

  for (guint i = 0; values != NULL && values[i] != NULL; i++)
    json_array_add_string_element (array, values[i]);
  json_object_set_array_member (object, name, array);
}
