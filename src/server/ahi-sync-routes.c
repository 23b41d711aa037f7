/* ahi-sync-routes.c — the sync routes of the tenant API */
#include "ahi-sync-routes.h"
#include "ahi-routes-private.h"

#include <errno.h>
#include <glib/gstdio.h>

#include "ahi-server-error.h"
#include "ahi-push-actors.h"
#include "ahi-server.h"
#include "store/ahi-event-log.h"
#include "store/control/ahi-control.h"
#include "store/ahi-health-audit.h"
#include "store/sync/ahi-sync-server.h"
#include "store/sync/ahi-sync-snapshot.h"

#define PULL_DEFAULT_LIMIT 200
#define PULL_MAX_LIMIT     1000

/* ------------------------------------------------------------- helpers */

static gboolean
may_read_health_notes (AhiStore   *store,
                       const char *role)
{
  return ahi_health_notes_readable_by (ahi_store_get_db (store), role);
}

/* What the calling device may receive (DESIGN §5a, docs/events.md "Who
 * may read"): a desk device carries the widest scope of the members
 * allowed on it (any member: the owner's), and the app hides per person
 * at the desk; any other device its user's role. PIN hashes go to desks
 * only. */
static gboolean
device_scope (AhiRequest  *request,
              AhiStore    *store,
              gboolean    *out_health_notes,
              gboolean    *out_pin_hashes,
              GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  gboolean desk = ahi_control_device_is_desk (ahi_server_get_control (request->server), request->tenant_id,
                                              request->device_id, &local_error);

  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  *out_pin_hashes = desk;
  *out_health_notes = may_read_health_notes (store, desk ? "owner" : request->role);
  return TRUE;
}

/* Records that the caller read these patients' health notes, all or none.
 * Served health notes are recorded first: an answer that cannot be
 * recorded is not given. */
static gboolean
record_health_reads (AhiRequest          *request,
                     AhiStore            *store,
                     const char * const  *patients,
                     const char          *channel,
                     GError             **error)
{
  AhiDb *db = ahi_store_get_db (store);
  gint64 now = ahi_server_now (request->server);

  if (patients == NULL || patients[0] == NULL)
    return TRUE;
  if (!ahi_db_begin (db, error))
    return FALSE;
  for (guint i = 0; patients[i] != NULL; i++)
    if (!ahi_health_audit_record (db, request->user_id, request->role, patients[i], channel, now, error))
      {
        ahi_db_rollback (db);
        return FALSE;
      }
  if (!ahi_db_commit (db, error))
    {
      ahi_db_rollback (db);
      return FALSE;
    }
  return TRUE;
}

/* The body's device_id must be the caller's: the token names the device. */
static gboolean
check_own_device (AhiRequest  *request,
                  const char  *device_id,
                  GError     **error)
{
  if (g_strcmp0 (device_id, request->device_id) == 0)
    return TRUE;
  g_set_error (error, AHI_SERVER_ERROR, AHI_SERVER_ERROR_FORBIDDEN,
               "device_id is not the device this token was given to");
  return FALSE;
}

/* The pushed events as items; a body of another shape is an error. */
static GPtrArray *
read_items (JsonObject  *body,
            GError     **error)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func ((GDestroyNotify) ahi_sync_item_free);
  JsonNode *member = json_object_get_member (body, "events");
  JsonArray *events;

  if (member == NULL || !JSON_NODE_HOLDS_ARRAY (member))
    {
      g_set_error (error, AHI_SERVER_ERROR, AHI_SERVER_ERROR_BAD_REQUEST, "events: an array of events is required");
      return NULL;
    }
  events = json_node_get_array (member);
  for (guint i = 0; i < json_array_get_length (events); i++)
    {
      AhiSyncItem *item = ahi_sync_item_new_from_node (json_array_get_element (events, i), error);

      if (item == NULL)
        return NULL;
      g_ptr_array_add (items, item);
    }
  return g_steal_pointer (&items);
}

/* ---------------------------------------------------------- public API */

void
ahi_sync_routes_push (AhiRequest *request)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) body = NULL;
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(JsonArray) answers = NULL;
  g_autoptr(JsonObject) object = NULL;
  const char *device_id = NULL;
  gint64 expected = 0;
  AhiStore *store;
  AhiPushActors push_actors = { .request = request, .desk = FALSE };
  AhiTenantPeople people = { ahi_server_get_control (request->server), request->tenant_id };
  AhiSyncPeople hooks = ahi_tenant_people_hooks (&people);
  AhiSyncActors actors = { ahi_push_actors_resolve, &push_actors, &hooks };

  /* An owner's or a manager's desk carries the events of everyone who
   * works at it (DESIGN §4, Identity). */
  push_actors.desk = ahi_control_device_is_desk (ahi_server_get_control (request->server), request->tenant_id,
                                                 request->device_id, &error);
  if (error != NULL)
    goto fail;
  if ((body = ahi_request_read_json_max (request, AHI_HTTP_MAX_PUSH_BODY, &error)) == NULL ||
      !ahi_json_get_string (body, "device_id", TRUE, &device_id, &error))
    goto fail;
  /* A device pushes its own events only. */
  if (!check_own_device (request, device_id, &error) ||
      (items = read_items (body, &error)) == NULL ||
      (store = ahi_route_tenant_store (request, &error)) == NULL ||
      !ahi_sync_push_items (store, device_id, &actors, items, &answers, &expected, &error))
    goto fail;

  object = json_object_new ();
  json_object_set_array_member (object, "answers", g_steal_pointer (&answers));
  if (expected > 0)
    json_object_set_int_member (object, "expected_seq", expected);
  ahi_route_respond_object (request, 200, object);
  return;

fail:
  ahi_request_respond_error (request, error);
}

void
ahi_sync_routes_pull (AhiRequest *request)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) page = NULL;
  g_auto(GStrv) patients = NULL;
  guint64 after = 0, limit = 0;
  gint64 log_last;
  gboolean health_notes, pin_hashes;
  AhiStore *store;

  if (!ahi_route_query_uint (request, "after", 0, G_MAXINT64, 0, &after, &error) ||
      !ahi_route_query_uint (request, "limit", 1, PULL_MAX_LIMIT, PULL_DEFAULT_LIMIT, &limit, &error) ||
      (store = ahi_route_tenant_store (request, &error)) == NULL)
    goto fail;

  /* The log only grows: a cursor beyond its end now was never served
   * (another server's, or a restored backup's). The app re-bootstraps. */
  log_last = ahi_event_log_last_seq (ahi_store_get_db (store), &error);
  if (error != NULL)
    goto fail;
  if ((gint64) after > log_last)
    {
      g_set_error (&error, AHI_SERVER_ERROR, AHI_SERVER_ERROR_GONE,
                   "Cursor %" G_GUINT64_FORMAT " is beyond this business's log (%" G_GINT64_FORMAT
                   "): load a snapshot", after, log_last);
      goto fail;
    }

  if (!device_scope (request, store, &health_notes, &pin_hashes, &error))
    goto fail;
  page = ahi_sync_pull (store, request->device_id, (gint64) after, (guint) limit, health_notes, pin_hashes,
                        &error);
  if (page == NULL)
    goto fail;
  /* A page that carries health notes in healthcare mode is a read of
   * each patient's notes (health_notes is TRUE there for the roles that
   * may read them only). */
  if (health_notes && ahi_health_audit_enabled (ahi_store_get_db (store)))
    {
      patients = ahi_sync_page_health_patients (page);
      if (!record_health_reads (request, store, (const char * const *) patients, "pull", &error))
        goto fail;
    }
  ahi_route_respond_object (request, 200, page);
  return;

fail:
  ahi_request_respond_error (request, error);
}

/* ----------------------------------------------------------- bootstrap */

typedef struct {
  AhiRequest *request;
  char       *db_path;
  char       *dir;            /* a private folder beside the tenant files */
  gboolean    health_notes;
  gboolean    pin_hashes;
  gint64      cursor;
  GStrv       patients;
  GBytes     *snapshot;
} Bootstrap;

static void
bootstrap_free (Bootstrap *job)
{
  g_free (job->db_path);
  g_free (job->dir);
  g_strfreev (job->patients);
  g_clear_pointer (&job->snapshot, g_bytes_unref);
  g_free (job);
}

/* Runs on a worker: the copy of a big tenant takes about a second
 * (DESIGN §9), too long for the server's one loop. The snapshot's own
 * connections make it safe beside the loop's writes. The file is mapped
 * and then removed at once, with its folder, whatever happened: the
 * mapping keeps its pages until the answer is sent. */
static void
bootstrap_thread (GTask        *task,
                  gpointer      source,
                  gpointer      data,
                  GCancellable *cancellable)
{
  Bootstrap *job = data;
  g_autofree char *target = g_build_filename (job->dir, "snapshot.db", NULL);
  g_autofree char *journal = g_strconcat (target, "-journal", NULL);
  g_autoptr(GError) error = NULL;

  if (ahi_sync_snapshot_write (job->db_path, target, job->health_notes, job->pin_hashes, &job->cursor, &job->patients, &error))
    {
      g_autoptr(GMappedFile) mapped = g_mapped_file_new (target, FALSE, &error);

      if (mapped != NULL)
        job->snapshot = g_mapped_file_get_bytes (mapped);
    }
  g_remove (journal);
  g_remove (target);
  g_rmdir (job->dir);

  if (error != NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

/* Back on the server's loop: record the health-note reads, then answer. */
static void
on_bootstrap_done_cb (GObject      *source,
                      GAsyncResult *result,
                      gpointer      data)
{
  Bootstrap *job = g_task_get_task_data (G_TASK (result));
  AhiRequest *request = job->request;
  g_autoptr(GError) error = NULL;
  AhiStore *store;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    goto fail;
  /* The copy was scoped to what this role may read; what it holds of
   * health notes in healthcare mode is a read of each patient's notes. */
  if ((store = ahi_route_tenant_store (request, &error)) == NULL)
    goto fail;
  if (job->health_notes && ahi_health_audit_enabled (ahi_store_get_db (store)) &&
      !record_health_reads (request, store, (const char * const *) job->patients, "bootstrap", &error))
    goto fail;

  {
    SoupMessageHeaders *headers = soup_server_message_get_response_headers (request->msg);
    g_autofree char *cursor = g_strdup_printf ("%" G_GINT64_FORMAT, job->cursor);

    soup_message_headers_set_content_type (headers, "application/vnd.sqlite3", NULL);
    soup_message_headers_replace (headers, "X-Ahi-Cursor", cursor);
    soup_message_body_append_bytes (soup_server_message_get_response_body (request->msg), job->snapshot);
    ahi_request_respond (request, 200, NULL);
  }
  ahi_request_finish (request);
  return;

fail:
  ahi_request_respond_error (request, error);
  ahi_request_finish (request);
}

void
ahi_sync_routes_bootstrap (AhiRequest *request)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GTask) task = NULL;
  g_autofree char *tenants_dir = NULL;
  g_autofree char *template = NULL;
  Bootstrap *job;
  AhiStore *store;
  gboolean health_notes, pin_hashes;

  store = ahi_route_tenant_store (request, &error);
  if (store == NULL || !device_scope (request, store, &health_notes, &pin_hashes, &error))
    {
      ahi_request_respond_error (request, error);
      return;
    }

  /* Beside the tenant files (the same disk, not a small /tmp), in a
   * folder of its own: VACUUM INTO wants a target that does not exist,
   * and the folder's name cannot be taken for a tenant's. */
  tenants_dir = g_path_get_dirname (ahi_store_get_path (store));
  template = g_build_filename (tenants_dir, ".snapshot-XXXXXX", NULL);
  if (g_mkdtemp_full (template, 0700) == NULL)
    {
      g_set_error (&error, AHI_SERVER_ERROR, AHI_SERVER_ERROR_INTERNAL,
                   "Cannot make a folder for the snapshot: %s", g_strerror (errno));
      ahi_request_respond_error (request, error);
      return;
    }

  job = g_new0 (Bootstrap, 1);
  job->request = request;
  job->db_path = g_strdup (ahi_store_get_path (store));
  job->dir = g_steal_pointer (&template);
  job->health_notes = health_notes;
  job->pin_hashes = pin_hashes;

  ahi_request_pause (request);
  task = g_task_new (NULL, NULL, on_bootstrap_done_cb, NULL);
  g_task_set_source_tag (task, ahi_sync_routes_bootstrap);
  g_task_set_task_data (task, job, (GDestroyNotify) bootstrap_free);
  g_task_run_in_thread (task, bootstrap_thread);
}

/* ----------------------------------------------------------------- ack */

void
ahi_sync_routes_ack (AhiRequest *request)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) body = NULL;
  g_autoptr(JsonObject) object = NULL;
  const char *device_id = NULL;
  JsonNode *up_to;
  gint64 acked = 0;
  AhiStore *store;

  if ((body = ahi_request_read_json (request, &error)) == NULL ||
      !ahi_json_get_string (body, "device_id", TRUE, &device_id, &error))
    goto fail;
  up_to = json_object_get_member (body, "up_to_seq");
  if (up_to == NULL || !JSON_NODE_HOLDS_VALUE (up_to) || json_node_get_value_type (up_to) != G_TYPE_INT64 ||
      json_node_get_int (up_to) < 0)
    {
      g_set_error (&error, AHI_SERVER_ERROR, AHI_SERVER_ERROR_BAD_REQUEST, "up_to_seq: an integer of 0 or more");
      goto fail;
    }
  if (json_object_get_size (body) != 2)
    {
      g_set_error (&error, AHI_SERVER_ERROR, AHI_SERVER_ERROR_BAD_REQUEST, "Only device_id and up_to_seq are read");
      goto fail;
    }
  /* A device retires its own answers only. */
  if (!check_own_device (request, device_id, &error) ||
      (store = ahi_route_tenant_store (request, &error)) == NULL ||
      !ahi_sync_ack (store, device_id, json_node_get_int (up_to), &acked, &error))
    goto fail;

  object = json_object_new ();
  json_object_set_string_member (object, "device_id", device_id);
  json_object_set_int_member (object, "acked_seq", acked);
  ahi_route_respond_object (request, 200, object);
  return;

fail:
  ahi_request_respond_error (request, error);
}

/* --------------------------------------------------------------- table */

static const AhiRoute sync_routes[] = {
  { "POST", "/api/tenant/*/sync/push", AHI_AUTH_TENANT, ahi_roles_everyone, ahi_sync_routes_push },
  { "GET", "/api/tenant/*/sync/pull", AHI_AUTH_TENANT, ahi_roles_everyone, ahi_sync_routes_pull },
  { "GET", "/api/tenant/*/sync/bootstrap", AHI_AUTH_TENANT, ahi_roles_everyone, ahi_sync_routes_bootstrap },
  { "POST", "/api/tenant/*/sync/ack", AHI_AUTH_TENANT, ahi_roles_everyone, ahi_sync_routes_ack },
};

const AhiRoute *
ahi_sync_routes (guint *n_routes)
{
  *n_routes = G_N_ELEMENTS (sync_routes);
  return sync_routes;
}
