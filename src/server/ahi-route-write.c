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

#include "ahi-server.h"
#include "core/ahi-json-strict.h"

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

/* ---------------------------------------------------------- public API */

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
