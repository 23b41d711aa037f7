/* ahi-test-tenant.c — businesses and their people on the test server */
#include "ahi-test-tenant.h"

#include <sqlite3.h>
#include <string.h>

#include "core/ahi-id.h"
#include "store/ahi-db.h"

/* ------------------------------------------------------------- helpers */

/* The string member name of the reply's object, after asserting the
 * status, and the member other in out_other unless NULL; the reply is
 * cleared. */
static char *
take_member (AhiTestReply  reply,
             guint         status,
             const char   *name,
             char        **out_other,
             const char   *other)
{
  JsonObject *object = ahi_test_expect (&reply, status);
  char *value = g_strdup (json_object_get_string_member (object, name));

  if (out_other != NULL)
    *out_other = g_strdup (json_object_get_string_member (object, other));
  ahi_test_reply_clear (&reply);
  return value;
}

static void
row_free (AhiTestRolesRow *row)
{
  g_free (row->method);
  g_free (row->path);
  g_free (row->doc);
  g_free (row);
}

static int
parse_cell (const char *cell)
{
  while (*cell == ' ')
    cell++;
  return g_ascii_isdigit (*cell) ? (int) g_ascii_strtoll (cell, NULL, 10) : 0;
}

/* The rows of the roles tables of one file: those under the header
 * "| route | owner | … |", up to the first line that is no table row. */
static void
read_table (const char *file,
            GPtrArray  *rows)
{
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(GError) error = NULL;
  gboolean in_roles = FALSE;

  g_file_get_contents (file, &text, NULL, &error);
  g_assert_no_error (error);
  lines = g_strsplit (text, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto(GStrv) cells = NULL;
      g_auto(GStrv) routes = NULL;

      if (g_str_has_prefix (lines[i], "| route | owner | manager | staff | no token | other business |"))
        {
          in_roles = TRUE;
          continue;
        }
      if (!g_str_has_prefix (lines[i], "|"))
        {
          in_roles = FALSE;
          continue;
        }
      if (!in_roles || g_str_has_prefix (lines[i], "|---") || g_str_has_prefix (lines[i], "| ---"))
        continue;

      /* | `GET /a`, `POST /b` | 200 | 403 | 403 | 401 | 404 | */
      cells = g_strsplit (lines[i], "|", -1);
      g_assert_cmpuint (g_strv_length (cells), >=, 8);
      routes = g_strsplit (cells[1], "`", -1);
      for (guint r = 1; routes[r] != NULL; r += 2)
        {
          AhiTestRolesRow *row = g_new0 (AhiTestRolesRow, 1);
          const char *space = strchr (routes[r], ' ');

          g_assert_nonnull (space);
          row->method = g_strndup (routes[r], space - routes[r]);
          row->path = g_strdup (space + 1);
          for (guint c = 0; c < 5; c++)
            row->cells[c] = parse_cell (cells[c + 2]);
          row->doc = g_path_get_basename (file);
          g_ptr_array_add (rows, row);
        }
    }
}

/* ---------------------------------------------------------- accounts */

char *
ahi_test_sign_up (AhiTestServer  *server,
                  const char     *business_name,
                  const char     *owner_name,
                  const char     *sector,
                  const char     *email,
                  const char     *password,
                  char          **out_user_id)
{
  g_autofree char *body = g_strdup_printf ("{\"business_name\":\"%s\",\"sector\":\"%s\",\"email\":\"%s\","
                                           "\"password\":\"%s\",\"owner_name\":\"%s\"}",
                                           business_name != NULL ? business_name : "Işıl Kuaför", sector, email,
                                           password, owner_name != NULL ? owner_name : "Işıl Çağlar");

  return take_member (ahi_test_call (server, "POST", "/api/signup", NULL, body), 201, "tenant_id",
                      out_user_id, "user_id");
}

char *
ahi_test_login (AhiTestServer  *server,
                const char     *email,
                const char     *password,
                char          **out_device_id)
{
  g_autofree char *body = g_strdup_printf ("{\"email\":\"%s\",\"password\":\"%s\"}", email, password);

  return take_member (ahi_test_call (server, "POST", "/api/login", NULL, body), 200, "access_token",
                      out_device_id, "device_id");
}

char *
ahi_test_add_member (AhiTestServer  *server,
                     const char     *tenant,
                     const char     *owner_token,
                     const char     *email,
                     const char     *password,
                     const char     *role)
{
  g_autofree char *path = g_strdup_printf ("/api/tenant/%s/members", tenant);
  g_autofree char *body = g_strdup_printf ("{\"email\":\"%s\",\"password\":\"%s\",\"display_name\":\"%s\","
                                           "\"role\":\"%s\"}", email, password, role, role);

  return take_member (ahi_test_call (server, "POST", path, owner_token, body), 201, "user_id", NULL, NULL);
}

/* --------------------------------------------------------- the files */

gint64
ahi_test_tenant_int (const char *data_dir,
                     const char *tenant,
                     const char *sql)
{
  g_autofree char *name = g_strconcat (tenant, ".db", NULL);
  g_autofree char *path = g_build_filename (data_dir, "tenants", name, NULL);
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 value;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return value;
}

/* ------------------------------------------------------------- sync */

char *
ahi_test_event_text_as (const char *tenant,
                        const char *device,
                        const char *user,
                        const char *role,
                        gint64      seq,
                        const char *type,
                        const char *entity,
                        const char *entity_id,
                        const char *occurred_at,
                        const char *payload,
                        const char *pii,
                        const char *extra)
{
  g_autofree char *event_id = ahi_id_new ();

  return g_strdup_printf ("{\"v\":1,\"event_id\":\"%s\",\"tenant_id\":\"%s\",\"device_id\":\"%s\","
                          "\"device_seq\":%" G_GINT64_FORMAT ",\"type\":\"%s\",\"entity\":\"%s\","
                          "\"entity_id\":\"%s\",\"actor\":{\"user_id\":\"%s\",\"role\":\"%s\"},"
                          "\"occurred_at\":\"%s\",\"payload\":%s%s%s%s}",
                          event_id, tenant, device, seq, type, entity, entity_id, user, role,
                          occurred_at, payload, pii != NULL ? ",\"pii\":" : "", pii != NULL ? pii : "",
                          extra != NULL ? extra : "");
}

char *
ahi_test_event_text (const char *tenant,
                     const char *device,
                     const char *user,
                     gint64      seq,
                     const char *type,
                     const char *entity,
                     const char *entity_id,
                     const char *occurred_at,
                     const char *payload,
                     const char *pii,
                     const char *extra)
{
  return ahi_test_event_text_as (tenant, device, user, "owner", seq, type, entity, entity_id, occurred_at,
                                 payload, pii, extra);
}

char *
ahi_test_push_body (const char *device,
                    const char *events)
{
  return g_strdup_printf ("{\"device_id\":\"%s\",\"events\":[%s]}", device, events);
}

/* ---------------------------------------------------- the roles tables */

GPtrArray *
ahi_test_roles_table (const char *name)
{
  g_autofree char *docs = g_build_filename (g_getenv ("AHI_SOURCE_ROOT"), "docs", NULL);
  GPtrArray *rows = g_ptr_array_new_with_free_func ((GDestroyNotify) row_free);

  if (name != NULL)
    {
      g_autofree char *file = g_build_filename (docs, name, NULL);
      read_table (file, rows);
    }
  else
    {
      g_autoptr(GDir) dir = g_dir_open (docs, 0, NULL);
      const char *entry;

      g_assert_nonnull (dir);
      while ((entry = g_dir_read_name (dir)) != NULL)
        if (g_str_has_prefix (entry, "api") && g_str_has_suffix (entry, ".md"))
          {
            g_autofree char *file = g_build_filename (docs, entry, NULL);
            read_table (file, rows);
          }
    }
  return rows;
}

void
ahi_test_assert_roles (AhiTestServer        *server,
                       const char           *name,
                       const char * const   *tokens,
                       AhiTestValidRequest   valid_request,
                       gpointer              data,
                       guint                 n_routes)
{
  g_autoptr(GPtrArray) rows = ahi_test_roles_table (name);

  for (guint i = 0; i < rows->len; i++)
    {
      AhiTestRolesRow *row = g_ptr_array_index (rows, i);

      for (guint who = 0; who < 3; who++)
        {
          g_autofree char *path = NULL;
          g_autofree char *body = NULL;
          AhiTestReply reply;

          valid_request (data, row->method, row->path, &path, &body);
          reply = ahi_test_call (server, row->method, path, tokens[who], body);
          if (reply.status != (guint) row->cells[who])
            g_error ("%s %s as caller %u: %u, %s says %d", row->method, path, who, reply.status, name,
                     row->cells[who]);
          ahi_test_reply_clear (&reply);
        }
    }
  g_assert_cmpuint (rows->len, ==, n_routes);
}

/* ---------------------------------------------------- bootstrap copies */

/* GET the bootstrap into path; returns the status and X-Ahi-Cursor. */
guint
ahi_test_fetch_snapshot (AhiTestServer *server,
                const char    *tenant,
                const char    *token,
                const char    *path,
                gint64        *out_cursor)
{
  g_autofree char *uri = g_strdup_printf ("%s/api/tenant/%s/sync/bootstrap", server->base, tenant);
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autoptr(SoupMessage) msg = soup_message_new ("GET", uri);
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GError) error = NULL;
  SoupMessageHeaders *headers;
  const char *cursor;

  if (token != NULL)
    {
      g_autofree char *bearer = g_strconcat ("Bearer ", token, NULL);
      soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization", bearer);
    }
  body = soup_session_send_and_read (session, msg, NULL, &error);
  g_assert_no_error (error);
  if (soup_message_get_status (msg) != 200)
    return soup_message_get_status (msg);

  headers = soup_message_get_response_headers (msg);
  g_assert_cmpstr (soup_message_headers_get_content_type (headers, NULL), ==, "application/vnd.sqlite3");
  cursor = soup_message_headers_get_one (headers, "X-Ahi-Cursor");
  g_assert_nonnull (cursor);
  *out_cursor = g_ascii_strtoll (cursor, NULL, 10);
  g_assert_true (g_file_set_contents (path, g_bytes_get_data (body, NULL), g_bytes_get_size (body), &error));
  g_assert_no_error (error);
  return 200;
}

gint64
ahi_test_file_int (const char *path,
          const char *sql)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AhiDb) db = ahi_db_open (path, FALSE, 0, &error);
  gint64 value;

  g_assert_no_error (error);
  value = ahi_db_query_int (db, sql, -1, &error);
  g_assert_no_error (error);
  return value;
}

gboolean
ahi_test_file_contains (const char *path,
               const char *text)
{
  g_autofree char *contents = NULL;
  gsize length = 0, n = strlen (text);

  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  for (gsize i = 0; i + n <= length; i++)
    if (memcmp (contents + i, text, n) == 0)
      return TRUE;
  return FALSE;
}
