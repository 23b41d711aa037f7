/* test-demo-data-dir.c — `ahi-demo --server-data-dir`, served by ahi-server
 *
 * ahi-server links no generator: the demo business README and
 * tools/run-server-demo promise is prepared beforehand by the ahi-demo
 * program (AHI_DEMO_PROGRAM) in the data dir, and a real ahi-server then
 * serves that dir like any other. What a person relies on: the login
 * demo-<sector>@ahi.app / ahi-demo-2026 owns "Ahi Demo" with six months
 * of history and two weeks of bookings; it is made once; a run cut short
 * leaves no account without its business; an unknown sector writes
 * nothing.
 */
#include <signal.h>
#include <string.h>

#include <glib/gstdio.h>

#include "ahi-test-server.h"
#include "ahi-test-tenant.h"

#define NOW "2026-12-01T09:00:00Z"
#define NOW_UNIX G_GINT64_CONSTANT (1796115600)   /* date -u -d 2026-12-01T09:00:00Z +%s */
#define DAY 86400
#define EMAIL "demo-hair_beauty@ahi.app"
#define PASSWORD "ahi-demo-2026"

/* ------------------------------------------------------------- helpers */

static GSubprocess *
spawn_demo (const char *data_dir,
            const char *sector)
{
  g_autoptr(GError) error = NULL;
  const char *program = g_getenv ("AHI_DEMO_PROGRAM");
  GSubprocess *process;

  g_assert_nonnull (program);
  process = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE, &error,
                              program, "--server-data-dir", data_dir, "--sector", sector, "--now", NOW,
                              "--password-cost", "min", NULL);
  g_assert_no_error (error);
  return process;
}

/* Runs ahi-demo to its end; its exit status, and what it printed. */
static int
run_demo (const char  *data_dir,
          const char  *sector,
          char       **out_stdout,
          char       **out_stderr)
{
  g_autoptr(GSubprocess) process = spawn_demo (data_dir, sector);
  g_autoptr(GError) error = NULL;

  g_subprocess_communicate_utf8 (process, NULL, NULL, out_stdout, out_stderr, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (process));
  return g_subprocess_get_exit_status (process);
}

/* POST /api/login with the demo's login: the status, and the one
 * business it owns in out_tenant (when 200). */
static guint
demo_login (AhiTestServer  *server,
            char          **out_tenant,
            char          **out_token)
{
  AhiTestReply reply = ahi_test_call (server, "POST", "/api/login", NULL,
                                      "{\"email\":\"" EMAIL "\",\"password\":\"" PASSWORD "\"}");
  guint status = reply.status;

  if (status == 200)
    {
      JsonObject *object = ahi_test_reply_object (&reply);
      JsonArray *tenants = json_object_get_array_member (object, "tenants");

      g_assert_cmpuint (json_array_get_length (tenants), ==, 1);
      *out_tenant = g_strdup (json_array_get_string_element (tenants, 0));
      *out_token = g_strdup (json_object_get_string_member (object, "access_token"));
    }
  ahi_test_reply_clear (&reply);
  return status;
}

/* The names in data_dir/tenants ending in suffix. */
static guint
count_files (const char *data_dir,
             const char *prefix,
             const char *suffix)
{
  g_autofree char *path = g_build_filename (data_dir, "tenants", NULL);
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;
  guint n = 0;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    if (g_str_has_prefix (name, prefix) && g_str_has_suffix (name, suffix))
      n++;
  return n;
}

static char *
new_data_dir (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *tmp = g_dir_make_tmp ("ahi-demo-data-dir-XXXXXX", &error);

  g_assert_no_error (error);
  /* The data dir itself does not exist yet: ahi-demo makes it. */
  return g_build_filename (tmp, "data", NULL);
}

static void
remove_data_dir (const char *data_dir)
{
  g_autofree char *parent = g_path_get_dirname (data_dir);

  /* ahi_test_server_finish removes the data dir; its parent is ours. */
  ahi_test_server_finish ();
  g_rmdir (parent);
}

/* ---------------------------------------------------------------- tests */

static void
test_prepared_then_served (void)
{
  g_autofree char *data_dir = new_data_dir ();
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *tenant = NULL;
  g_autofree char *token = NULL;
  g_autofree char *again = NULL;
  g_autofree char *token_again = NULL;
  g_autofree char *sql = NULL;
  AhiTestServer server = { 0 };
  AhiTestReply reply;

  ahi_test_server_init (data_dir);
  ahi_test_server_fix_clock (NOW);
  g_assert_cmpint (run_demo (data_dir, "hair_beauty", &out, &err), ==, 0);
  g_test_message ("%s", out);
  g_assert_nonnull (strstr (out, "demo login: " EMAIL " / " PASSWORD "\n"));
  g_assert_cmpuint (count_files (data_dir, "", ".db"), ==, 1);

  ahi_test_server_start (&server);
  g_assert_cmpuint (demo_login (&server, &tenant, &token), ==, 200);

  /* The business the README describes: "Ahi Demo" of the sector, owned
   * by the login, 1500 customers (the demo's size), served over HTTP. */
  g_assert_cmpint (ahi_test_tenant_int (data_dir, tenant,
                                        "SELECT name = 'Ahi Demo' AND sector = 'hair_beauty' FROM tenant_settings"),
                   ==, 1);
  g_assert_cmpint (ahi_test_tenant_int (data_dir, tenant, "SELECT count(*) FROM customers"), ==, 1500);
  reply = ahi_test_callf (&server, "GET", token, NULL, "/api/tenant/%s/customers?limit=2", tenant);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (ahi_test_expect (&reply, 200), "customers")),
                    ==, 2);
  ahi_test_reply_clear (&reply);
  reply = ahi_test_callf (&server, "GET", token, NULL, "/api/tenant/%s/command-center", tenant);
  ahi_test_expect (&reply, 200);
  ahi_test_reply_clear (&reply);

  /* Six months of history up to now (the clock the server stands at):
   * the first finished visit falls in the first weeks of the 180 days
   * before it, 180 × 86400 s = 15 552 000 s; bookings run up to two
   * weeks ahead, 14 × 86400 s = 1 209 600 s. */
  sql = g_strdup_printf ("SELECT min (starts_at) >= %" G_GINT64_FORMAT " AND min (starts_at) < %" G_GINT64_FORMAT
                         " FROM appointments WHERE status = 'completed'",
                         NOW_UNIX - 181 * DAY, NOW_UNIX - 150 * DAY);
  g_assert_cmpint (ahi_test_tenant_int (data_dir, tenant, sql), ==, 1);
  g_free (sql);
  sql = g_strdup_printf ("SELECT max (starts_at) > %" G_GINT64_FORMAT " AND max (starts_at) < %" G_GINT64_FORMAT
                         " FROM appointments WHERE status IN ('booked', 'confirmed')",
                         NOW_UNIX, NOW_UNIX + 15 * DAY);
  g_assert_cmpint (ahi_test_tenant_int (data_dir, tenant, sql), ==, 1);
  ahi_test_server_stop (&server);

  /* Made once: a second run finds it, and the same login opens the same
   * business, the only one in the dir. */
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_demo (data_dir, "hair_beauty", &out, &err), ==, 0);
  g_assert_nonnull (strstr (out, "Found the demo business"));
  g_assert_nonnull (strstr (out, "demo login: " EMAIL " / " PASSWORD "\n"));
  g_assert_cmpuint (count_files (data_dir, "", ".db"), ==, 1);
  ahi_test_server_start (&server);
  g_assert_cmpuint (demo_login (&server, &again, &token_again), ==, 200);
  g_assert_cmpstr (again, ==, tenant);
  ahi_test_server_stop (&server);

  remove_data_dir (data_dir);
}

/* An unknown sector: exit 1, said why, and no data dir at all. */
static void
test_unknown_sector (void)
{
  g_autofree char *data_dir = new_data_dir ();
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  ahi_test_server_init (data_dir);
  g_assert_cmpint (run_demo (data_dir, "bakery", &out, &err), ==, 1);
  g_assert_nonnull (strstr (err, "Unknown sector bakery"));
  g_assert_false (g_file_test (data_dir, G_FILE_TEST_EXISTS));
  remove_data_dir (data_dir);
}

static gboolean
partial_made (gpointer data)
{
  return count_files (data, ".partial-", ".db") > 0;
}

/* Killed while it generates: no account was written, so the login is
 * refused rather than opening a business that is not there, and the
 * next run makes the demo whole. */
static void
test_cut_short (void)
{
  g_autofree char *data_dir = new_data_dir ();
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *tenant = NULL;
  g_autofree char *token = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  AhiTestServer server = { 0 };
  gint64 deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;

  ahi_test_server_init (data_dir);
  ahi_test_server_fix_clock (NOW);
  process = spawn_demo (data_dir, "hair_beauty");
  /* The tenant file is made first, under its partial name. */
  while (!partial_made (data_dir) && g_get_monotonic_time () < deadline)
    g_usleep (2000);
  g_assert_true (partial_made (data_dir));
  g_subprocess_send_signal (process, SIGKILL);
  g_subprocess_wait (process, NULL, &error);
  g_assert_no_error (error);
  if (!g_subprocess_get_if_signaled (process))
    {
      /* It finished before the kill landed: nothing was cut short. */
      g_test_skip ("ahi-demo finished before it could be stopped");
      remove_data_dir (data_dir);
      return;
    }

  ahi_test_server_start (&server);
  ahi_test_assert_error (ahi_test_call (&server, "POST", "/api/login", NULL,
                                        "{\"email\":\"" EMAIL "\",\"password\":\"" PASSWORD "\"}"),
                         401, "invalid_credentials");
  ahi_test_server_stop (&server);

  g_assert_cmpint (run_demo (data_dir, "hair_beauty", &out, &err), ==, 0);
  g_assert_nonnull (strstr (out, "Made the demo business"));
  ahi_test_server_start (&server);
  g_assert_cmpuint (demo_login (&server, &tenant, &token), ==, 200);
  g_assert_cmpint (ahi_test_tenant_int (data_dir, tenant, "SELECT count(*) FROM customers"), ==, 1500);
  ahi_test_server_stop (&server);

  remove_data_dir (data_dir);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/server/demo-data-dir/prepared-then-served", test_prepared_then_served);
  g_test_add_func ("/server/demo-data-dir/unknown-sector", test_unknown_sector);
  g_test_add_func ("/server/demo-data-dir/cut-short", test_cut_short);
  return g_test_run ();
}
