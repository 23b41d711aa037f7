/* ahi-route-write.c — request bodies into events, for every area's writes
 *
 * Every write of the tenant API is one event of docs/events.md, made for
 * the caller and appended through the store's one write path. What each
 * area does the same lives here: the event's envelope, the body's members
 * in its payload or PII, and the catalogue's judgement before the append.
 * What differs by area stays there (how a retry is recognised, which
 * members a body may hold, what the answer shows).
 */
#include "ahi-routes-private.h"

#include "ahi-server-error.h"
#include "ahi-server.h"
#include "core/ahi-id.h"
#include "core/ahi-json-strict.h"
#include "store/ahi-event-log.h"

/* ------------------------------------------------------------- helpers */

static gboolean
is_field (const AhiFieldSpec *fields,
          const char         *name)
{
  for (guint i = 0; fields != NULL && fields[i].name != NULL; i++)
    if (g_str_equal (fields[i].name, name))
      return TRUE;
  return FALSE;
}

/* The catalogue names members by their place in the event
 * ("payload.tags[2]", "pii.full_name"); the client sent a flat body, so
 * the message names the body's member instead ("body: …" for the whole
 * of it). The code stays. */
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

static gboolean
same_object (JsonObject *a,
             JsonObject *b)
{
  gboolean a_empty = a == NULL || json_object_get_size (a) == 0;
  gboolean b_empty = b == NULL || json_object_get_size (b) == 0;

  if (a_empty || b_empty)
    return a_empty == b_empty;
  return json_object_equal (a, b);
}

/* Whether event, made from a request, is the write the log holds under
 * its id: the same type, entity, actor and members. Its time is not
 * compared (a retry comes later), nor personal data that an erasure
 * took out of the log since. */
static gboolean
same_write (const AhiEvent *stored,
            const AhiEvent *event)
{
  return g_strcmp0 (stored->type, event->type) == 0 &&
         g_strcmp0 (stored->entity_id, event->entity_id) == 0 &&
         g_strcmp0 (stored->actor_user_id, event->actor_user_id) == 0 &&
         same_object (stored->payload, event->payload) &&
         (stored->pii == NULL || same_object (stored->pii, event->pii));
}

/* ---------------------------------------------------------- public API */

AhiEvent *
ahi_route_event_from_body (AhiRequest  *request,
                           AhiStore    *store,
                           const char  *type,
                           const char  *id_member,
                           const char  *entity_id,
                           JsonObject  *body,
                           GError     **error)
{
  g_autofree char *new_entity_id = NULL;
  const char *event_id = NULL, *body_entity_id = NULL;
  AhiEvent *event;

  if (!ahi_route_body_id (body, "event_id", &event_id, error) ||
      !ahi_route_body_id (body, entity_id == NULL ? id_member : NULL, &body_entity_id, error))
    return NULL;

  if (entity_id == NULL)
    {
      if (body_entity_id != NULL)
        new_entity_id = g_strdup (body_entity_id);
      else if (event_id != NULL)
        new_entity_id = ahi_id_derive (event_id, type);
      else
        new_entity_id = ahi_id_new ();
      entity_id = new_entity_id;
    }

  event = ahi_route_new_event (request, store, type, entity_id);
  /* A retry names the same event: the client's, or one derived from the
   * entity the client named, so that the same create sent twice is one
   * event either way. */
  if (event_id != NULL || body_entity_id != NULL)
    {
      g_free (event->event_id);
      event->event_id = event_id != NULL ? g_strdup (event_id) : ahi_id_derive (body_entity_id, type);
    }
  {
    const char *ids[] = { "event_id", body_entity_id != NULL ? id_member : NULL, NULL };

    ahi_route_fill_event (event, body, ids);
  }
  return event;
}

gboolean
ahi_route_append (AhiStore  *store,
                  AhiEvent  *event,
                  gboolean  *out_duplicate,
                  GError   **error)
{
  return ahi_route_append_checked (store, event, NULL, NULL, out_duplicate, error);
}

gboolean
ahi_route_append_checked (AhiStore       *store,
                          AhiEvent       *event,
                          AhiStoreCheck   check,
                          gpointer        check_data,
                          gboolean       *out_duplicate,
                          GError        **error)
{
  g_autoptr(AhiEvent) stored = NULL;
  gboolean duplicate = FALSE;

  if (!(check != NULL ? ahi_store_append_checked (store, event, check, check_data, &duplicate, error)
                      : ahi_store_append (store, event, &duplicate, error)))
    return FALSE;
  if (out_duplicate != NULL)
    *out_duplicate = duplicate;
  if (!duplicate)
    return TRUE;

  /* The id is taken: by this very write (a retry after a lost answer,
   * which gets the stored answer), or by another one, which must not be
   * answered as if it had been written. */
  stored = ahi_event_log_get (ahi_store_get_db (store), event->event_id, error);
  if (stored == NULL)
    return FALSE;
  if (!same_write (stored, event))
    {
      g_set_error (error, AHI_SERVER_ERROR, AHI_SERVER_ERROR_ID_REUSED,
                   "This id was already used for another write (%s of %s %s)",
                   stored->type, stored->entity, stored->entity_id);
      return FALSE;
    }
  return TRUE;
}

AhiEvent *
ahi_route_new_event (AhiRequest *request,
                     AhiStore   *store,
                     const char *type,
                     const char *entity_id)
{
  /* The caller is who the token says, in the role the membership gives:
   * the log then tells who did what, whichever client they used. */
  return ahi_store_new_event (store, type, entity_id, request->user_id, request->role,
                              ahi_server_now (request->server));
}

void
ahi_route_fill_event (AhiEvent           *event,
                      JsonObject         *body,
                      const char * const *skip)
{
  const AhiEventSpec *spec = ahi_event_catalogue_lookup (event->type);
  JsonObjectIter iter;
  const char *name;
  JsonNode *member;

  g_assert (spec != NULL);
  json_object_iter_init_ordered (&iter, body);
  while (json_object_iter_next_ordered (&iter, &name, &member))
    {
      if (skip != NULL && g_strv_contains (skip, name))
        continue;
      json_object_set_member (is_field (spec->pii, name) ? ahi_event_get_pii (event) : event->payload,
                              name, ahi_json_strict_copy (member, FALSE));
    }
}

gboolean
ahi_route_check_event (AhiEvent  *event,
                       GError   **error)
{
  GError *local_error = NULL;
  gboolean valid;

  /* The store numbers the event when it appends it (0 until then), which
   * the envelope's rules refuse: it is checked as it will be. */
  g_assert (event->device_seq == 0);
  event->device_seq = 1;
  valid = ahi_event_validate (event, &local_error);
  event->device_seq = 0;
  if (!valid)
    {
      rename_paths (&local_error);
      g_propagate_error (error, local_error);
    }
  return valid;
}
