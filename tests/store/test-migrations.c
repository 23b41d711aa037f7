/* test-migrations.c — schema creation, re-runs, refusals, log immutability */
#include <glib/gstdio.h>

#include "ahi-test-fixture.h"
#include "store/ahi-migrations.h"
#include "store/ahi-store-error.h"

static char *
checksum_file (const char *path)
{
  g_autofree char *contents = NULL;
  gsize length = 0;
  g_autoptr(GError) error = NULL;

  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);
  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) contents, length);
}

static void
test_from_empty (void)
{
  AhiStore *store = fx_store_new ("empty.db");

  g_assert_cmpint (fx_int (store, "PRAGMA user_version"), ==, ahi_migrations_latest ());
  g_assert_cmpint (fx_int (store, "SELECT count(*) FROM sqlite_master WHERE name = 'tenant_event_logs'"), ==, 1);
  g_assert_cmpint (fx_int (store, "SELECT count(*) FROM sqlite_master WHERE name = 'customer_search'"), ==, 1);
  g_assert_null (ahi_store_get_tenant_id (store));
  g_assert_nonnull (ahi_store_get_device_id (store));
  fx_store_free (store);
}

static void
test_rerun (void)
{
  AhiStore *store = fx_store_new ("rerun.db");
  g_autofree char *path = g_strdup (ahi_store_get_path (store));
  g_autofree char *device = g_strdup (ahi_store_get_device_id (store));
  g_autofree char *tenant = fx_create_tenant (store, "hair_beauty");
  g_autoptr(GError) error = NULL;
  gint64 events = fx_int (store, "SELECT count(*) FROM tenant_event_logs");
  AhiStore *again;

  g_object_unref (store);

  /* Opening again migrates nothing and keeps the identity and the data. */
  again = ahi_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (fx_int (again, "PRAGMA user_version"), ==, ahi_migrations_latest ());
  g_assert_cmpstr (ahi_store_get_device_id (again), ==, device);
  g_assert_cmpstr (ahi_store_get_tenant_id (again), ==, tenant);
  g_assert_cmpint (fx_int (again, "SELECT count(*) FROM tenant_event_logs"), ==, events);
  fx_store_free (again);
}

static void
test_newer_schema_refused (void)
{
  g_autofree char *dir = fx_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "newer.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *sql = NULL;
  sqlite3 *raw = NULL;
  AhiStore *store;

  /* A database as a future Ahi Desk would leave it. */
  g_assert_cmpint (sqlite3_open (path, &raw), ==, SQLITE_OK);
  sql = g_strdup_printf ("PRAGMA application_id = %d; PRAGMA user_version = %d;"
                         "CREATE TABLE future (x);",
                         0x41484944, ahi_migrations_latest () + 1);
  g_assert_cmpint (sqlite3_exec (raw, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (raw);
  before = checksum_file (path);

  store = ahi_store_open (path, &error);
  g_assert_error (error, AHI_STORE_ERROR, AHI_STORE_ERROR_SCHEMA_TOO_NEW);
  g_assert_null (store);
  g_assert_nonnull (strstr (error->message, "newer"));

  after = checksum_file (path);
  g_assert_cmpstr (before, ==, after);

  g_remove (path);
  g_rmdir (dir);
}

static void
test_foreign_file_refused (void)
{
  g_autofree char *dir = fx_tmpdir ();
  g_autofree char *sqlite_path = g_build_filename (dir, "other.db", NULL);
  g_autofree char *text_path = g_build_filename (dir, "notes.txt", NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  sqlite3 *raw = NULL;

  /* Another program's SQLite file is not migrated into ours. */
  g_assert_cmpint (sqlite3_open (sqlite_path, &raw), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (raw, "CREATE TABLE contacts (name TEXT)", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (raw);
  before = checksum_file (sqlite_path);
  g_assert_null (ahi_store_open (sqlite_path, &error));
  g_assert_error (error, AHI_STORE_ERROR, AHI_STORE_ERROR_NOT_A_DATABASE);
  g_clear_error (&error);
  after = checksum_file (sqlite_path);
  g_assert_cmpstr (before, ==, after);

  /* Nor is a file that is not SQLite at all. */
  g_assert_true (g_file_set_contents (text_path, "Randevu defteri, 2026\n", -1, NULL));
  g_assert_null (ahi_store_open (text_path, &error));
  g_assert_error (error, AHI_STORE_ERROR, AHI_STORE_ERROR_NOT_A_DATABASE);

  g_remove (sqlite_path);
  g_remove (text_path);
  g_rmdir (dir);
}

static void
test_log_is_append_only (void)
{
  AhiStore *store = fx_store_new ("log.db");
  g_autofree char *tenant = fx_create_tenant (store, "hair_beauty");
  g_autoptr(GError) error = NULL;
  gint64 rows = fx_int (store, "SELECT count(*) FROM tenant_event_logs");
  g_autofree char *first = fx_text (store, "SELECT payload FROM tenant_event_logs WHERE seq = 1");

  g_assert_cmpint (rows, >, 0);

  g_assert_false (ahi_db_exec (ahi_store_get_db (store), "UPDATE tenant_event_logs SET payload = '{}' WHERE seq = 1", &error));
  g_assert_error (error, AHI_STORE_ERROR, AHI_STORE_ERROR_SQLITE);
  g_assert_nonnull (strstr (error->message, "append-only"));
  g_clear_error (&error);

  g_assert_false (ahi_db_exec (ahi_store_get_db (store), "DELETE FROM tenant_event_logs", &error));
  g_assert_error (error, AHI_STORE_ERROR, AHI_STORE_ERROR_SQLITE);
  g_clear_error (&error);

  g_assert_cmpint (fx_int (store, "SELECT count(*) FROM tenant_event_logs"), ==, rows);
  {
    g_autofree char *still = fx_text (store, "SELECT payload FROM tenant_event_logs WHERE seq = 1");
    g_assert_cmpstr (still, ==, first);
  }
  fx_store_free (store);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  ahi_store_module_init ();

  g_test_add_func ("/store/migrations/from-empty", test_from_empty);
  g_test_add_func ("/store/migrations/rerun", test_rerun);
  g_test_add_func ("/store/migrations/newer-schema-refused", test_newer_schema_refused);
  g_test_add_func ("/store/migrations/foreign-file-refused", test_foreign_file_refused);
  g_test_add_func ("/store/log/append-only", test_log_is_append_only);

  return g_test_run ();
}
