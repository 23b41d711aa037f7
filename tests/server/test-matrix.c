/* test-matrix.c — every route × every role × own / other business / no
 * token / expired token, as the docs' roles tables say
 *
 * The tables in docs/api*.md are the contract: this test reads them (not
 * the server's route table) and calls a real ahi-server with each caller.
 * A cell of 401, 403 or 404 must come back exactly; a success cell must
 * get past authentication and the role check (the body or ids may still
 * be refused: those are other tests' business). Then the docs and the
 * server's route table must list the same routes, and, with the clock
 * moved past the access tokens' 15 minutes, every signed-in route answers
 * 401 token_expired.
 */
#include <string.h>

#include "ahi-test-server.h"
#include "server/ahi-routes.h"
#include "store/ahi-store.h"

#define T0 1795500000   /* 2026-11-24T04:00:00Z: the server's clock */

static char *data_dir;

typedef struct {
  char  *method;
  char  *path;          /* as documented: /api/tenant/:id/customers/:customerId */
  int    cells[5];      /* owner, manager, staff, no token, other business; 0 = "–" */
  char  *doc;
} Row;

static void
row_free (Row *row)
{
  g_free (row->method);
  g_free (row->path);
  g_free (row->doc);
  g_free (row);
}

/* ------------------------------------------------------------- the docs */

static int
parse_cell (const char *cell)
{
  while (*cell == ' ')
    cell++;
  return g_ascii_isdigit (*cell) ? (int) g_ascii_strtoll (cell, NULL, 10) : 0;
}

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
      {
        g_auto(GStrv) routes = g_strsplit (cells[1], "`", -1);

        for (guint r = 1; routes[r] != NULL; r += 2)
          {
            Row *row = g_new0 (Row, 1);
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
}

static GPtrArray *
documented_routes (void)
{
  g_autofree char *docs = g_build_filename (g_getenv ("AHI_SOURCE_ROOT"), "docs", NULL);
  g_autoptr(GDir) dir = g_dir_open (docs, 0, NULL);
  GPtrArray *rows = g_ptr_array_new_with_free_func ((GDestroyNotify) row_free);
  const char *name;

  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    if (g_str_has_prefix (name, "api") && g_str_has_suffix (name, ".md"))
      {
        g_autofree char *file = g_build_filename (docs, name, NULL);
        read_table (file, rows);
      }
  return rows;
}

/* ":id" and every other ":param" segment become "*", as in the route table. */
static char *
pattern_of (const char *path)
{
  g_auto(GStrv) parts = g_strsplit (path, "/", -1);

  for (guint i = 0; parts[i] != NULL; i++)
    if (parts[i][0] == ':')
      {
        g_free (parts[i]);
        parts[i] = g_strdup ("*");
      }
  return g_strjoinv ("/", parts);
}

/* The documented path with this tenant's id for :id and a fresh id for
 * any other parameter (it names nothing: the route may answer 404 for
 * it, but only after letting the caller in). */
static char *
concrete_path (const char *path,
               const char *tenant,
               gboolean   *has_other_params)
{
  g_auto(GStrv) parts = g_strsplit (path, "/", -1);

  *has_other_params = FALSE;
  for (guint i = 0; parts[i] != NULL; i++)
    if (parts[i][0] == ':')
      {
        gboolean is_tenant = g_str_equal (parts[i], ":id");

        g_free (parts[i]);
        parts[i] = g_strdup (is_tenant ? tenant : "0196a0d2-7c1e-7000-8000-00000000abcd");
        *has_other_params |= !is_tenant;
      }
  return g_strjoinv ("/", parts);
}

/* ------------------------------------------------------------ the server */

static char *
member_of (AhiTestReply *reply,
           const char   *name)
{
  return g_strdup (json_object_get_string_member (ahi_test_reply_object (reply), name));
}

static char *
sign_up (AhiTestServer *server,
         const char    *email)
{
  g_autofree char *body = g_strdup_printf ("{\"business_name\":\"Işıl Kuaför\",\"sector\":\"hair_beauty\","
                                           "\"email\":\"%s\",\"password\":\"çok-gizli-parola\","
                                           "\"owner_name\":\"Işıl Çağlar\"}", email);
  AhiTestReply reply = ahi_test_call (server, "POST", "/api/signup", NULL, body);
  char *tenant;

  g_assert_cmpuint (reply.status, ==, 201);
  tenant = member_of (&reply, "tenant_id");
  ahi_test_reply_clear (&reply);
  return tenant;
}

static char *
login (AhiTestServer *server,
       const char    *email,
       const char    *password)
{
  g_autofree char *body = g_strdup_printf ("{\"email\":\"%s\",\"password\":\"%s\"}", email, password);
  AhiTestReply reply = ahi_test_call (server, "POST", "/api/login", NULL, body);
  char *token;

  g_assert_cmpuint (reply.status, ==, 200);
  token = member_of (&reply, "access_token");
  ahi_test_reply_clear (&reply);
  return token;
}

static void
add_member (AhiTestServer *server,
            const char    *tenant,
            const char    *owner,
            const char    *email,
            const char    *role)
{
  g_autofree char *path = g_strdup_printf ("/api/tenant/%s/members", tenant);
  g_autofree char *body = g_strdup_printf ("{\"email\":\"%s\",\"password\":\"parola-%s\",\"display_name\":\"%s\","
                                           "\"role\":\"%s\"}", email, role, role, role);
  AhiTestReply reply = ahi_test_call (server, "POST", path, owner, body);

  g_assert_cmpuint (reply.status, ==, 201);
  ahi_test_reply_clear (&reply);
}

static const char *
body_for (const char *method)
{
  return g_str_equal (method, "GET") || g_str_equal (method, "DELETE") ? NULL : "{}";
}

/* ------------------------------------------------------------------ test */

static void
test_matrix (void)
{
  g_autoptr(GPtrArray) rows = documented_routes ();
  AhiTestServer server = { 0 };
  g_autofree char *now = g_strdup_printf ("%d", T0);
  g_autofree char *later = g_strdup_printf ("%d", T0 + 16 * 60);
  g_autofree char *salon = NULL, *other = NULL;
  g_autofree char *tokens[4] = { NULL };
  const char *roles[] = { "owner", "manager", "staff" };
  guint calls = 0, tenant_routes = 0;

  g_assert_cmpuint (rows->len, >, 20);

  g_setenv ("AHI_SERVER_NOW", now, TRUE);
  ahi_test_server_start (&server);
  salon = sign_up (&server, "isil@example.com");
  other = sign_up (&server, "selin@example.com");
  tokens[0] = login (&server, "isil@example.com", "çok-gizli-parola");
  add_member (&server, salon, tokens[0], "mehmet@example.com", "manager");
  add_member (&server, salon, tokens[0], "ayse@example.com", "staff");
  tokens[1] = login (&server, "mehmet@example.com", "parola-manager");
  tokens[2] = login (&server, "ayse@example.com", "parola-staff");
  tokens[3] = login (&server, "selin@example.com", "çok-gizli-parola");

  for (guint i = 0; i < rows->len; i++)
    {
      Row *row = g_ptr_array_index (rows, i);
      gboolean tenant_route = strstr (row->path, ":id") != NULL;
      gboolean has_other_params = FALSE;
      g_autofree char *path = concrete_path (row->path, salon, &has_other_params);

      /* Sign-up and login are for everybody: they are exercised above. */
      if (!tenant_route)
        continue;
      tenant_routes++;

      for (guint r = 0; r < G_N_ELEMENTS (roles); r++)
        {
          AhiTestReply reply = ahi_test_call (&server, row->method, path, tokens[r], body_for (row->method));
          int cell = row->cells[r];

          g_test_message ("%s %s as %s: %u (docs: %d)", row->method, row->path, roles[r], reply.status, cell);
          if (cell == 401 || cell == 403 || cell == 404)
            g_assert_cmpuint (reply.status, ==, cell);
          else if (cell >= 200 && cell < 300)
            {
              g_assert_cmpuint (reply.status, !=, 401);
              g_assert_cmpuint (reply.status, !=, 403);
              if (!has_other_params)
                g_assert_cmpuint (reply.status, !=, 404);
            }
          ahi_test_reply_clear (&reply);
          calls++;
        }

      g_assert_cmpint (row->cells[3], ==, 401);
      ahi_test_assert_error (ahi_test_call (&server, row->method, path, NULL, body_for (row->method)), 401, "unauthorized");
      /* Another business's owner: the salon's ids do not exist for them. */
      g_assert_cmpint (row->cells[4], ==, 404);
      ahi_test_assert_error (ahi_test_call (&server, row->method, path, tokens[3], body_for (row->method)), 404, "not_found");
      calls += 2;
    }
  g_test_message ("%u documented tenant routes, %u calls", tenant_routes, calls);

  /* The docs and the server list the same routes. */
  {
    guint n_routes = 0;
    const AhiRoute *routes = ahi_routes (&n_routes);
    g_autoptr(GHashTable) documented = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

    for (guint i = 0; i < rows->len; i++)
      {
        Row *row = g_ptr_array_index (rows, i);
        g_autofree char *pattern = pattern_of (row->path);

        g_hash_table_add (documented, g_strconcat (row->method, " ", pattern, NULL));
      }
    guint undocumented = 0;

    for (guint i = 0; i < n_routes; i++)
      {
        g_autofree char *key = g_strconcat (routes[i].method, " ", routes[i].pattern, NULL);

        if (!g_hash_table_contains (documented, key))
          {
            g_test_message ("not in a roles table of docs/api*.md: %s", key);
            undocumented++;
          }
      }
    g_assert_cmpuint (undocumented, ==, 0);
    g_assert_cmpuint (g_hash_table_size (documented), ==, n_routes);
  }

  /* Sixteen minutes later every access token has expired. */
  ahi_test_server_stop (&server);
  g_setenv ("AHI_SERVER_NOW", later, TRUE);
  ahi_test_server_start (&server);
  for (guint i = 0; i < rows->len; i++)
    {
      Row *row = g_ptr_array_index (rows, i);
      gboolean has_other_params = FALSE;
      g_autofree char *path = concrete_path (row->path, salon, &has_other_params);

      if (row->cells[3] != 401)
        continue;
      for (guint r = 0; r < G_N_ELEMENTS (roles); r++)
        ahi_test_assert_error (ahi_test_call (&server, row->method, path, tokens[r], body_for (row->method)),
                               401, "token_expired");
    }
  ahi_test_server_stop (&server);
  g_unsetenv ("AHI_SERVER_NOW");

  /* The server's own tenant file refuses to change its history, whoever
   * opens it: the log is append-only by trigger, not by good manners. */
  {
    g_autofree char *file = g_strconcat (salon, ".db", NULL);
    g_autofree char *path = g_build_filename (data_dir, "tenants", file, NULL);
    g_autoptr(GError) error = NULL;
    g_autoptr(AhiStore) store = ahi_store_open (path, &error);
    gint64 events;

    g_assert_no_error (error);
    events = ahi_db_query_int (ahi_store_get_db (store), "SELECT count(*) FROM tenant_event_logs", -1, NULL);
    g_assert_cmpint (events, >, 0);
    g_assert_false (ahi_db_exec (ahi_store_get_db (store), "UPDATE tenant_event_logs SET type = 'x'", &error));
    g_assert_nonnull (strstr (error->message, "append-only"));
    g_clear_error (&error);
    g_assert_false (ahi_db_exec (ahi_store_get_db (store), "DELETE FROM tenant_event_logs", &error));
    g_assert_nonnull (strstr (error->message, "append-only"));
    g_assert_cmpint (ahi_db_query_int (ahi_store_get_db (store), "SELECT count(*) FROM tenant_event_logs", -1, NULL),
                     ==, events);
  }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  ahi_store_module_init ();
  data_dir = g_dir_make_tmp ("ahi-matrix-XXXXXX", NULL);
  ahi_test_server_init (data_dir);
  g_test_add_func ("/server/matrix/route-role-tenant", test_matrix);
  {
    int status = g_test_run ();

    ahi_test_server_finish ();
    g_free (data_dir);
    return status;
  }
}
