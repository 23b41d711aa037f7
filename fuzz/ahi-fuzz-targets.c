/* ahi-fuzz-targets.c — the decoders the fuzzers and the corpus test drive
 *
 * Nothing here decodes anything itself: every step calls the function the
 * server or the store calls, with the bound it passes. What this file adds
 * is the checks of what the callers of those decoders take for granted,
 * made fatal so that the fuzzer reports them like a crash.
 */
#include "ahi-fuzz-targets.h"

#include <string.h>

#include "core/ahi-core.h"
#include "core/ahi-core-error.h"
#include "core/ahi-event.h"
#include "core/ahi-json-strict.h"
#include "server/ahi-server.h"
#include "server/ahi-http.h"
#include "server/ahi-server-error.h"
#include "store/sync/ahi-sync-server.h"

/* ------------------------------------------------------------- helpers */

/* A refusal must carry an error, of a domain the server maps to a status
 * of its own choosing; anything else would answer 500 "internal". */
static void
check_refusal (const char   *target,
               const GError *error)
{
  if (error == NULL)
    g_error ("%s: refused without an error", target);
  if (error->domain != AHI_CORE_ERROR && error->domain != AHI_SERVER_ERROR)
    g_error ("%s: refused with an error of domain %s: %s", target,
             g_quark_to_string (error->domain), error->message);
  if (ahi_server_error_status (error) >= 500)
    g_error ("%s: bad input maps to status %u: %s", target,
             ahi_server_error_status (error), error->message);
}

static gboolean
same_outcome (gboolean      ok_a,
              const GError *a,
              gboolean      ok_b,
              const GError *b)
{
  if (ok_a != ok_b)
    return FALSE;
  return ok_a || (a->domain == b->domain && a->code == b->code);
}

/* The first byte that is not JSON white space, or -1. */
static int
first_token (const guint8 *data,
             gsize         size)
{
  for (gsize i = 0; i < size; i++)
    if (data[i] != ' ' && data[i] != '\t' && data[i] != '\n' && data[i] != '\r')
      return data[i];
  return -1;
}

/* ------------------------------------------------------------ targets */

void
ahi_fuzz_init (void)
{
  ahi_core_init ();
  ahi_server_module_init ();
  g_log_set_always_fatal (G_LOG_FATAL_MASK | G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING);
}

gboolean
ahi_fuzz_json (const guint8 *data,
               gsize         size,
               GError      **error)
{
  const char *text = (const char *) data;
  g_autoptr(GError) check_error = NULL;
  g_autoptr(GError) parse_error = NULL;
  g_autoptr(JsonNode) root = NULL;
  gboolean ok;

  /* ahi_json_strict_check() does not touch text when size is 0, but
   * wants a pointer all the same (libFuzzer may pass NULL). */
  if (text == NULL)
    text = "";

  ok = ahi_json_strict_check (text, (gssize) size, AHI_EVENT_MAX_BYTES, &check_error);
  if (!ok)
    check_refusal ("json check", check_error);

  root = ahi_json_strict_parse (text, (gssize) size, AHI_EVENT_MAX_BYTES, &parse_error);
  if (root == NULL)
    {
      check_refusal ("json parse", parse_error);
      /* The checker passed an object that json-glib then refused: the
       * two parsers disagree, which is what the checker exists to stop. */
      if (ok && first_token (data, size) == '{')
        g_error ("json: the checker accepts what json-glib refuses: %s", parse_error->message);
    }
  else
    {
      g_autofree char *once = NULL;
      g_autofree char *twice = NULL;
      g_autofree char *sorted_text = NULL;
      g_autoptr(JsonNode) again = NULL;
      g_autoptr(JsonNode) sorted = NULL;
      g_autoptr(GError) again_error = NULL;
      g_autoptr(GError) sorted_error = NULL;

      if (!ok)
        g_error ("json: parse accepts what check refuses: %s", check_error->message);

      /* The canonical text of an accepted document is accepted again and
       * writes the very same bytes: the log and the answers depend on it.
       * It may be longer than the input (0x7F becomes \u007f), so it is
       * bounded by its own length. */
      once = ahi_json_strict_to_string (root);
      again = ahi_json_strict_parse (once, -1, strlen (once) + 1, &again_error);
      if (again == NULL)
        g_error ("json: canonical text refused: %s\n%s", again_error->message, once);
      twice = ahi_json_strict_to_string (again);
      if (strcmp (once, twice) != 0)
        g_error ("json: canonical text is not a fixed point:\n%s\n%s", once, twice);

      sorted = ahi_json_strict_copy (root, TRUE);
      sorted_text = ahi_json_strict_to_string (sorted);
      if (strlen (sorted_text) != strlen (once))
        g_error ("json: a sorted copy has another length:\n%s\n%s", once, sorted_text);
      g_clear_pointer (&sorted, json_node_unref);
      sorted = ahi_json_strict_parse (sorted_text, -1, strlen (sorted_text) + 1, &sorted_error);
      if (sorted == NULL)
        g_error ("json: sorted canonical text refused: %s", sorted_error->message);
    }

  /* A NUL-terminated caller (length -1) sees the text up to the first NUL,
   * exactly like one that passes that length. */
  {
    g_autofree char *copy = g_strndup (text, size);
    g_autoptr(GError) a = NULL;
    g_autoptr(GError) b = NULL;
    gboolean ok_a = ahi_json_strict_check (copy, -1, AHI_EVENT_MAX_BYTES, &a);
    gboolean ok_b = ahi_json_strict_check (copy, (gssize) strlen (copy), AHI_EVENT_MAX_BYTES, &b);

    if (!same_outcome (ok_a, a, ok_b, b))
      g_error ("json: length -1 and strlen() disagree");
  }

  if (!ok)
    g_propagate_error (error, g_steal_pointer (&check_error));
  return ok;
}

gboolean
ahi_fuzz_event (const guint8 *data,
                gsize         size,
                GError      **error)
{
  const char *text = data != NULL ? (const char *) data : "";
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GError) again_error = NULL;
  g_autoptr(GError) node_error = NULL;
  g_autoptr(AhiEvent) event = NULL;
  g_autoptr(AhiEvent) again = NULL;
  g_autoptr(AhiEvent) copy = NULL;
  g_autoptr(AhiEvent) from_node = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *encoded = NULL;
  g_autofree char *reencoded = NULL;
  g_autofree char *copied = NULL;
  g_autofree char *payload = NULL;
  g_autofree char *pii = NULL;

  event = ahi_event_decode (text, (gssize) size, &local_error);
  if (event == NULL)
    {
      check_refusal ("event", local_error);
      if (local_error->domain != AHI_CORE_ERROR)
        g_error ("event: refused outside the core's domain: %s", local_error->message);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  /* What decodes validates, encodes within the bound, and decodes again
   * to an event that encodes the same: a device and the server store the
   * same bytes for one event. */
  if (!ahi_event_validate (event, &local_error))
    g_error ("event: decoded but does not validate: %s", local_error->message);
  encoded = ahi_event_encode (event);
  if (strlen (encoded) > AHI_EVENT_MAX_BYTES)
    g_error ("event: encodes to %zu bytes", strlen (encoded));
  again = ahi_event_decode (encoded, -1, &again_error);
  if (again == NULL)
    g_error ("event: its canonical encoding is refused: %s\n%s", again_error->message, encoded);
  reencoded = ahi_event_encode (again);
  if (strcmp (encoded, reencoded) != 0)
    g_error ("event: encoding is not a fixed point:\n%s\n%s", encoded, reencoded);

  copy = ahi_event_copy (event);
  copied = ahi_event_encode (copy);
  if (strcmp (encoded, copied) != 0)
    g_error ("event: a copy encodes differently:\n%s\n%s", encoded, copied);

  node = ahi_event_to_node (event);
  from_node = ahi_event_from_node (node, &node_error);
  if (from_node == NULL)
    g_error ("event: its own node is refused: %s", node_error->message);

  /* What validates on a device can be pushed: alone in a push body it is
   * one item, without an error. (Only when the body fits the cap: an
   * event near AHI_EVENT_MAX_BYTES does not, a known gap.) */
  {
    g_autofree char *body = g_strdup_printf ("{\"device_id\":\"%s\",\"events\":[%s]}", event->device_id, encoded);
    g_autoptr(GError) push_error = NULL;
    guint items = 0, rejected = 0;

    if (strlen (body) <= AHI_HTTP_MAX_BODY &&
        (!ahi_fuzz_push_body ((const guint8 *) body, strlen (body), &items, &rejected, &push_error) ||
         items != 1 || rejected != 0))
      g_error ("event: valid alone, refused in a push body: %s",
               push_error != NULL ? push_error->message : "rejected item");
  }

  /* The store writes the payload and the pii apart (the log never holds
   * personal data); both must write for every valid event. */
  payload = ahi_event_encode_member (event, FALSE);
  pii = ahi_event_encode_member (event, TRUE);
  if (payload == NULL || (pii == NULL) != (event->pii == NULL || json_object_get_size (event->pii) == 0))
    g_error ("event: payload or pii does not encode");
  return TRUE;
}

gboolean
ahi_fuzz_push_body (const guint8 *data,
                    gsize         size,
                    guint        *out_items,
                    guint        *out_rejected,
                    GError      **error)
{
  const char *text = data != NULL ? (const char *) data : "";
  g_autoptr(GError) local_error = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func ((GDestroyNotify) ahi_sync_item_free);
  const char *device_id = NULL;
  JsonObject *body;
  JsonNode *member;
  JsonArray *events;
  guint rejected = 0;

  if (out_items != NULL)
    *out_items = 0;
  if (out_rejected != NULL)
    *out_rejected = 0;

  /* ahi_request_read_json() without the HTTP message: the same cap, the
   * same strict parse (libsoup hands it the body as bytes). */
  if (size > AHI_HTTP_MAX_BODY)
    {
      g_set_error (error, AHI_SERVER_ERROR, AHI_SERVER_ERROR_TOO_LARGE, "body too large");
      return FALSE;
    }
  root = ahi_json_strict_parse (text, (gssize) size, AHI_HTTP_MAX_BODY, &local_error);
  if (root == NULL)
    goto refused;
  body = json_node_get_object (root);

  /* ahi_sync_routes_push(): the device, then the events, each item made
   * by the store's own decoder. */
  if (!ahi_json_get_string (body, "device_id", TRUE, &device_id, &local_error))
    goto refused;
  member = json_object_get_member (body, "events");
  if (member == NULL || !JSON_NODE_HOLDS_ARRAY (member))
    {
      g_set_error (&local_error, AHI_SERVER_ERROR, AHI_SERVER_ERROR_BAD_REQUEST, "events: not an array");
      goto refused;
    }
  events = json_node_get_array (member);
  for (guint i = 0; i < json_array_get_length (events); i++)
    {
      AhiSyncItem *item = ahi_sync_item_new_from_node (json_array_get_element (events, i), &local_error);

      if (item == NULL)
        goto refused;
      g_ptr_array_add (items, item);

      /* ahi_sync_push_items() asserts the seq and orders the batch by it;
       * an item is either an event or the reason it is not one; a decoded
       * event is the item (same seq, same id). */
      if (item->device_seq < 1)
        g_error ("push: item %u has device_seq %" G_GINT64_FORMAT, i, item->device_seq);
      if ((item->event == NULL) == (item->error == NULL))
        g_error ("push: item %u is both or neither an event and an error", i);
      if (item->event != NULL &&
          (item->event->device_seq != item->device_seq || g_strcmp0 (item->event->event_id, item->event_id) != 0))
        g_error ("push: item %u does not match its event", i);
      if (item->error != NULL)
        {
          if (item->error->domain != AHI_CORE_ERROR)
            g_error ("push: item %u refused outside the core's domain: %s", i, item->error->message);
          rejected++;
        }
    }

  if (out_items != NULL)
    *out_items = items->len;
  if (out_rejected != NULL)
    *out_rejected = rejected;
  return TRUE;

refused:
  check_refusal ("push", local_error);
  g_propagate_error (error, g_steal_pointer (&local_error));
  return FALSE;
}
