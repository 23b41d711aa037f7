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
 * 401 token_expired. The areas' own tests (test-people, test-visits)
 * send each role a valid request instead, so that a success cell there
 * comes back exactly; the no-token and other-business columns are this
 * test's alone.
 */
#include <string.h>

#include "ahi-test-tenant.h"
#include "server/ahi-routes.h"
#include "store/ahi-store.h"

#define T0 1795500000   /* 2026-11-24T06:00:00Z: the server's clock */

static char *data_dir;

/* ------------------------------------------------------------- the docs */

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

static const char *
body_for (const char *method)
{
  return g_str_equal (method, "GET") || g_str_equal (method, "DELETE") ? NULL : "{}";
}

/* ------------------------------------------------------------------ test */

static void
test_matrix (void)
{
  g_autoptr(GPtrArray) rows = ahi_test_roles_table (NULL);
  AhiTestServer server = { 0 };
  g_autofree char *now = g_strdup_printf ("%d", T0);
  g_autofree char *later = g_strdup_printf ("%d", T0 + 16 * 60);
  g_autofree char *salon = NULL, *other = NULL;
  char *tokens[4] = { NULL };   /* owner, manager, staff; the other business's owner */
  const char *roles[] = { "owner", "manager", "staff" };
  guint calls = 0, tenant_routes = 0;

  g_assert_cmpuint (rows->len, >, 20);

  ahi_test_server_fix_clock (now);
  ahi_test_server_start (&server);
  salon = ahi_test_sign_up (&server, NULL, NULL, "hair_beauty", "isil@example.com", "çok-gizli-parola", NULL);
  other = ahi_test_sign_up (&server, NULL, NULL, "hair_beauty", "selin@example.com", "çok-gizli-parola", NULL);
  tokens[0] = ahi_test_login (&server, "isil@example.com", "çok-gizli-parola", NULL);
  g_free (ahi_test_add_member (&server, salon, tokens[0], "mehmet@example.com", "parola-manager", "manager"));
  g_free (ahi_test_add_member (&server, salon, tokens[0], "ayse@example.com", "parola-staff", "staff"));
  tokens[1] = ahi_test_login (&server, "mehmet@example.com", "parola-manager", NULL);
  tokens[2] = ahi_test_login (&server, "ayse@example.com", "parola-staff", NULL);
  tokens[3] = ahi_test_login (&server, "selin@example.com", "çok-gizli-parola", NULL);

  for (guint i = 0; i < rows->len; i++)
    {
      AhiTestRolesRow *row = g_ptr_array_index (rows, i);
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
        AhiTestRolesRow *row = g_ptr_array_index (rows, i);
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
  ahi_test_server_fix_clock (later);
  ahi_test_server_start (&server);
  for (guint i = 0; i < rows->len; i++)
    {
      AhiTestRolesRow *row = g_ptr_array_index (rows, i);
      gboolean has_other_params = FALSE;
      g_autofree char *path = concrete_path (row->path, salon, &has_other_params);

      if (row->cells[3] != 401)
        continue;
      for (guint r = 0; r < G_N_ELEMENTS (roles); r++)
        ahi_test_assert_error (ahi_test_call (&server, row->method, path, tokens[r], body_for (row->method)),
                               401, "token_expired");
    }
  ahi_test_server_stop (&server);
  ahi_test_server_fix_clock (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (tokens); i++)
    g_free (tokens[i]);

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
