/* test-backup.c — backups: written beside a writer, checked, restored */
#include <string.h>

#include <gio/gio.h>
#include <glib/gstdio.h>

#include "ahi-test-fixture.h"
#include "core/ahi-id.h"
#include "store/ahi-backup.h"
#include "store/ahi-migrations.h"
#include "store/ahi-store-dump.h"
#include "store/ahi-store-error.h"

/* ------------------------------------------------------------- helpers */

static void
append_customer (AhiStore *store,
                 guint     n,
                 gint64    at)
{
  g_autofree char *id = ahi_id_new ();
  g_autofree char *pii = g_strdup_printf ("{\"full_name\":\"Müşteri %u\"}", n);

  fx_append (store, "customer.created", id, at, "{\"source\":\"phone\"}", pii);
}

static char *
dump (AhiStore *store)
{
  g_autoptr(GError) error = NULL;
  char *text = ahi_store_dump_projections (ahi_store_get_db (store), &error);

  g_assert_no_error (error);
  return text;
}

static char *
file_checksum (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize length = 0;

  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);
  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) contents, length);
}

static gint
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* The names in dir, sorted, joined by spaces. */
static char *
names_in (const char *dir)
{
  g_autoptr(GDir) listing = g_dir_open (dir, 0, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  g_assert_nonnull (listing);
  while ((name = g_dir_read_name (listing)) != NULL)
    g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_strings);
  g_ptr_array_add (names, NULL);
  return g_strjoinv (" ", (char **) names->pdata);
}

static void
remove_tree (const char *dir)
{
  g_autoptr(GDir) listing = g_dir_open (dir, 0, NULL);
  const char *name;

  while (listing != NULL && (name = g_dir_read_name (listing)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_assert_cmpint (g_remove (path), ==, 0);
    }
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

/* Runs SQL on a database file with a plain connection (to damage, date
 * or inspect a copy). */
static void
exec_on_file (const char *path,
              const char *sql)
{
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
}

static gint64
int_on_file (const char *path,
             const char *sql)
{
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

static void
copy_file (const char *from,
           const char *to)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize length = 0;

  g_file_get_contents (from, &contents, &length, &error);
  g_assert_no_error (error);
  g_file_set_contents (to, contents, length, &error);
  g_assert_no_error (error);
}

/* ------------------------------------------- backup beside a live writer */

typedef struct {
  char     *path;
  gint      appended;   /* atomic: customers committed by the writer */
  gint      stop;       /* atomic */
} Writer;

static gpointer
writer_thread (gpointer data)
{
  Writer *writer = data;
  g_autoptr(GError) error = NULL;
  /* Its own connection, as the app's second thread would have. */
  AhiStore *store = ahi_store_open (writer->path, &error);
  guint n = 0;

  g_assert_no_error (error);
  while (!g_atomic_int_get (&writer->stop))
    {
      append_customer (store, 1000 + n++, fx_time ("2026-06-03T08:00:00Z"));
      g_atomic_int_inc (&writer->appended);
    }
  g_object_unref (store);
  return NULL;
}

static void
wait_appended (Writer *writer,
               gint    at_least)
{
  while (g_atomic_int_get (&writer->appended) < at_least)
    g_usleep (1000);
}

static void
test_write_while_writing (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *tenant_id = NULL;
  g_autofree char *backup_tenant = NULL;
  g_autofree char *dir = fx_tmpdir ();
  g_autofree char *dest = g_build_filename (dir, "yedek.ahibackup", NULL);
  AhiStore *store = fx_store_new ("live.db");
  Writer writer = { g_strdup (ahi_store_get_path (store)), 0, 0 };
  GThread *thread;
  gint64 base_events, backup_events = 0, started;
  gint before, after;
  double ms;

  tenant_id = fx_create_tenant (store, "hair_beauty");
  /* Enough rows that the copy takes a moment, in one batch. */
  {
    g_autoptr(GPtrArray) batch = g_ptr_array_new_with_free_func ((GDestroyNotify) ahi_event_free);

    for (guint i = 0; i < 2000; i++)
      {
        g_autofree char *id = ahi_id_new ();
        g_autofree char *pii = g_strdup_printf ("{\"full_name\":\"Müşteri %u\"}", i);

        g_ptr_array_add (batch, fx_event (store, "customer.created", id, fx_time ("2026-06-02T08:00:00Z"),
                                          "{\"source\":\"phone\"}", pii));
      }
    ahi_store_append_all (store, batch, NULL, &error);
    g_assert_no_error (error);
  }
  base_events = fx_int (store, "SELECT count(*) FROM tenant_event_logs");

  thread = g_thread_new ("writer", writer_thread, &writer);
  wait_appended (&writer, 20);

  before = g_atomic_int_get (&writer.appended);
  started = g_get_monotonic_time ();
  g_assert_true (ahi_backup_write (store, dest, &error));
  ms = (g_get_monotonic_time () - started) / 1e3;
  after = g_atomic_int_get (&writer.appended);
  g_assert_no_error (error);

  /* The writer goes on after the copy: it was never locked out. */
  wait_appended (&writer, after + 20);
  g_atomic_int_set (&writer.stop, 1);
  g_thread_join (thread);
  g_test_message ("backup of %" G_GINT64_FORMAT " events took %.1f ms; the writer committed %d customers meanwhile",
                  base_events, ms, after - before);

  /* A snapshot of one instant: every customer committed before the copy
   * began is in it, none later than its end (+1: one the writer had
   * committed but not counted yet). */
  g_assert_true (ahi_backup_check (dest, &backup_tenant, &backup_events, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (backup_tenant, ==, tenant_id);
  g_assert_cmpint (backup_events, >=, base_events + before);
  g_assert_cmpint (backup_events, <=, base_events + after + 1);
  /* The log and the projections are of the same instant. */
  g_assert_cmpint (int_on_file (dest, "SELECT count(*) FROM customers"), ==,
                   int_on_file (dest, "SELECT count(*) FROM tenant_event_logs WHERE type = 'customer.created'"));
  /* One self-contained file: journal_mode delete (header byte 18 = 1;
   * WAL would be 2), and nothing beside it but the file itself. */
  {
    g_autofree char *names = names_in (dir);
    g_autofree char *contents = NULL;
    gsize length = 0;

    g_assert_cmpstr (names, ==, "yedek.ahibackup");
    g_assert_true (g_file_get_contents (dest, &contents, &length, NULL));
    g_assert_cmpint (contents[18], ==, 1);
    g_assert_cmpint (contents[19], ==, 1);
  }

  g_free (writer.path);
  remove_tree (dir);
  fx_store_free (store);
}

static void
test_write_refusals (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = fx_tmpdir ();
  g_autofree char *dest = g_build_filename (dir, "old.ahibackup", NULL);
  g_autofree char *missing = g_build_filename (dir, "no-such-folder", "x.ahibackup", NULL);
  g_autofree char *contents = NULL;
  AhiStore *store = fx_store_new ("empty.db");

  /* A backup of a store without a business could never be restored: it
   * is refused and the file already at dest stays as it was. */
  g_assert_true (g_file_set_contents (dest, "old", -1, NULL));
  g_assert_false (ahi_backup_write (store, dest, &error));
  g_assert_error (error, AHI_STORE_ERROR, AHI_STORE_ERROR_INVALID_STATE);
  g_clear_error (&error);
  g_assert_true (g_file_get_contents (dest, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, "old");

  g_free (fx_create_tenant (store, "generic"));
  g_assert_false (ahi_backup_write (store, ahi_store_get_path (store), &error));
  g_assert_error (error, AHI_STORE_ERROR, AHI_STORE_ERROR_INVALID_INPUT);
  g_clear_error (&error);

  g_assert_false (ahi_backup_write (store, missing, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* Now it works, and replaces the old file whole. */
  g_assert_true (ahi_backup_write (store, dest, &error));
  g_assert_no_error (error);
  g_assert_true (ahi_backup_check (dest, NULL, NULL, &error));
  {
    g_autofree char *names = names_in (dir);
    g_assert_cmpstr (names, ==, "old.ahibackup");
  }

  remove_tree (dir);
  fx_store_free (store);
}

/* -------------------------------------------------------------- restore */

static void
test_restore_round_trip (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = fx_tmpdir ();
  g_autofree char *backup = g_build_filename (dir, "b.ahibackup", NULL);
  g_autofree char *tenant_id = NULL;
  g_autofree char *device_id = NULL;
  g_autofree char *before = NULL;
  g_autofree char *changed = NULL;
  g_autofree char *after = NULL;
  g_autofree char *live = NULL;
  g_autofree char *wal = NULL;
  gint64 events_before, checked_events = 0;
  AhiStore *store = fx_store_new ("live.db");

  tenant_id = fx_create_tenant (store, "hair_beauty");
  fx_run_every_type (store, NULL);
  live = g_strdup (ahi_store_get_path (store));
  wal = g_strconcat (live, "-wal", NULL);
  device_id = g_strdup (ahi_store_get_device_id (store));
  before = dump (store);
  events_before = fx_int (store, "SELECT count(*) FROM tenant_event_logs");

  g_assert_true (ahi_backup_write (store, backup, &error));
  g_assert_no_error (error);
  g_assert_true (ahi_backup_check (backup, NULL, &checked_events, &error));
  g_assert_cmpint (checked_events, ==, events_before);

  /* Life goes on after the backup… */
  append_customer (store, 1, fx_time ("2026-07-01T08:00:00Z"));
  append_customer (store, 2, fx_time ("2026-07-01T08:05:00Z"));
  changed = dump (store);
  g_assert_cmpstr (changed, !=, before);

  /* …and a restore while the business is open is refused, harmlessly. */
  g_assert_false (ahi_backup_restore (backup, live, &error));
  g_assert_error (error, AHI_STORE_ERROR, AHI_STORE_ERROR_INVALID_STATE);
  g_clear_error (&error);
  {
    g_autofree char *still = dump (store);
    g_assert_cmpstr (still, ==, changed);
  }
  append_customer (store, 3, fx_time ("2026-07-01T08:10:00Z"));

  /* Closed, the restore goes through and brings back the state of the
   * backup exactly, log included. */
  g_assert_finalize_object (store);
  g_assert_true (ahi_backup_restore (backup, live, &error));
  g_assert_no_error (error);
  g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));
  store = ahi_store_open (live, &error);
  g_assert_no_error (error);
  after = dump (store);
  g_assert_cmpstr (after, ==, before);
  g_assert_cmpint (fx_int (store, "SELECT count(*) FROM tenant_event_logs"), ==, events_before);
  g_assert_cmpstr (ahi_store_get_tenant_id (store), ==, tenant_id);
  g_assert_cmpstr (ahi_store_get_device_id (store), ==, device_id);

  /* On a new laptop there is no live database yet: the restore makes it. */
  {
    g_autofree char *fresh = g_build_filename (dir, "new-laptop.db", NULL);
    g_autofree char *fresh_dump = NULL;
    AhiStore *copy;

    g_assert_true (ahi_backup_restore (backup, fresh, &error));
    g_assert_no_error (error);
    copy = ahi_store_open (fresh, &error);
    g_assert_no_error (error);
    fresh_dump = dump (copy);
    g_assert_cmpstr (fresh_dump, ==, before);
    g_assert_finalize_object (copy);
  }

  /* The restored business takes new events. */
  append_customer (store, 4, fx_time ("2026-07-02T08:00:00Z"));
  g_assert_cmpint (fx_int (store, "SELECT count(*) FROM tenant_event_logs"), ==, events_before + 1);
  {
    /* Only the live database (and its WAL companions) in its folder: no
     * temporary copy left behind. */
    g_autofree char *live_dir = g_path_get_dirname (live);
    g_autofree char *names = names_in (live_dir);
    g_assert_cmpstr (names, ==, "live.db live.db-shm live.db-wal");
  }

  remove_tree (dir);
  fx_store_free (store);
}

static void
test_restore_refuses_bad_files (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = fx_tmpdir ();
  g_autofree char *good = g_build_filename (dir, "good.ahibackup", NULL);
  g_autofree char *text = g_build_filename (dir, "notes.ahibackup", NULL);
  g_autofree char *foreign = g_build_filename (dir, "foreign.ahibackup", NULL);
  g_autofree char *newer = g_build_filename (dir, "newer.ahibackup", NULL);
  g_autofree char *damaged = g_build_filename (dir, "damaged.ahibackup", NULL);
  g_autofree char *truncated = g_build_filename (dir, "truncated.ahibackup", NULL);
  g_autofree char *no_business = g_build_filename (dir, "empty.ahibackup", NULL);
  g_autofree char *missing = g_build_filename (dir, "missing.ahibackup", NULL);
  g_autofree char *live = NULL;
  g_autofree char *live_dir = NULL;
  g_autofree char *live_sum = NULL;
  g_autofree char *tenant_id = NULL;
  g_autofree char *checked_tenant = NULL;
  g_autofree char *newer_sql = NULL;
  gint64 live_events, checked_events = 0;
  AhiStore *store = fx_store_new ("live.db");

  tenant_id = fx_create_tenant (store, "dental_esthetic");
  fx_run_every_type (store, NULL);
  live_events = fx_int (store, "SELECT count(*) FROM tenant_event_logs");
  g_assert_true (ahi_backup_write (store, good, &error));
  g_assert_no_error (error);
  live = g_strdup (ahi_store_get_path (store));
  live_dir = g_path_get_dirname (live);
  g_assert_finalize_object (store);
  live_sum = file_checksum (live);

  /* The good one, for reference: whose, and how many events. */
  g_assert_true (ahi_backup_check (good, &checked_tenant, &checked_events, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (checked_tenant, ==, tenant_id);
  g_assert_cmpint (checked_events, ==, live_events);

  /* A text file. */
  g_assert_true (g_file_set_contents (text, "Yedek değil, alışveriş listesi.\n", -1, NULL));
  /* Another program's SQLite file: application_id 0, one table. */
  exec_on_file (foreign, "CREATE TABLE recipes (name TEXT); INSERT INTO recipes VALUES ('börek')");
  /* Ours, from a newer Ahi Desk: one schema version ahead. */
  copy_file (good, newer);
  newer_sql = g_strdup_printf ("PRAGMA user_version = %d", ahi_migrations_latest () + 1);
  exec_on_file (newer, newer_sql);
  /* Ours, with the log's root page overwritten by garbage. */
  {
    gint64 page_size = int_on_file (good, "PRAGMA page_size");
    gint64 root = int_on_file (good, "SELECT rootpage FROM sqlite_master WHERE name = 'tenant_event_logs'");
    g_autofree char *contents = NULL;
    gsize length = 0;

    g_assert_true (g_file_get_contents (good, &contents, &length, NULL));
    g_assert_cmpint ((gint64) length, >=, root * page_size);
    memset (contents + (root - 1) * page_size, 0xa5, page_size);
    g_assert_true (g_file_set_contents (damaged, contents, length, NULL));
  }
  /* Cut in half, as a copy to a full USB stick would be. */
  {
    g_autofree char *contents = NULL;
    gsize length = 0;

    g_assert_true (g_file_get_contents (good, &contents, &length, NULL));
    g_assert_true (g_file_set_contents (truncated, contents, length / 2, NULL));
  }
  /* Ours, but without a business in it. */
  {
    g_autofree char *empty_path = NULL;
    AhiStore *empty = fx_store_new ("nothing.db");

    empty_path = g_strdup (ahi_store_get_path (empty));
    g_object_unref (empty);
    copy_file (empty_path, no_business);
    store = ahi_store_open (empty_path, NULL);
    fx_store_free (store);
  }

  {
    struct {
      const char *path;
      GQuark      domain;
      gint        code;
    } cases[] = {
      { text, AHI_STORE_ERROR, AHI_STORE_ERROR_NOT_A_DATABASE },
      { foreign, AHI_STORE_ERROR, AHI_STORE_ERROR_NOT_A_DATABASE },
      { newer, AHI_STORE_ERROR, AHI_STORE_ERROR_SCHEMA_TOO_NEW },
      { damaged, AHI_STORE_ERROR, AHI_STORE_ERROR_CORRUPT },
      { truncated, AHI_STORE_ERROR, AHI_STORE_ERROR_CORRUPT },
      { no_business, AHI_STORE_ERROR, AHI_STORE_ERROR_INVALID_STATE },
      { missing, G_IO_ERROR, G_IO_ERROR_NOT_FOUND },
      { live, AHI_STORE_ERROR, AHI_STORE_ERROR_INVALID_INPUT },   /* the live file itself */
    };

    for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
      {
        g_autofree char *sum = NULL;
        g_autofree char *names = NULL;
        g_autofree char *file_sum = g_file_test (cases[i].path, G_FILE_TEST_EXISTS) ? file_checksum (cases[i].path) : NULL;

        g_test_message ("restoring %s", cases[i].path);
        if (cases[i].path != live)
          {
            g_assert_false (ahi_backup_check (cases[i].path, NULL, NULL, &error));
            g_assert_error (error, cases[i].domain, cases[i].code);
            g_clear_error (&error);
          }
        g_assert_false (ahi_backup_restore (cases[i].path, live, &error));
        g_assert_error (error, cases[i].domain, cases[i].code);
        g_clear_error (&error);

        /* The live database is byte for byte as it was, alone in its
         * folder; the refused file was only read. */
        sum = file_checksum (live);
        g_assert_cmpstr (sum, ==, live_sum);
        names = names_in (live_dir);
        g_assert_cmpstr (names, ==, "live.db");
        if (file_sum != NULL)
          {
            g_autofree char *after = file_checksum (cases[i].path);
            g_assert_cmpstr (after, ==, file_sum);
          }
      }
  }

  /* Nothing was written beside the refused files either. */
  {
    g_autofree char *names = names_in (dir);
    g_assert_cmpstr (names, ==, "damaged.ahibackup empty.ahibackup foreign.ahibackup good.ahibackup"
                                " newer.ahibackup notes.ahibackup truncated.ahibackup");
  }

  store = ahi_store_open (live, &error);
  g_assert_no_error (error);
  g_assert_cmpint (fx_int (store, "SELECT count(*) FROM tenant_event_logs"), ==, live_events);
  remove_tree (dir);
  fx_store_free (store);
}

/* ---------------------------------------------------------------- daily */

static void
test_auto_daily (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *root = fx_tmpdir ();
  g_autofree char *dir = g_build_filename (root, "Yedekler", NULL);
  g_autofree char *tenant_id = NULL;
  g_autofree char *other = NULL;
  g_autofree char *prefix = NULL;
  g_autofree char *names = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *out = NULL;
  AhiStore *store = fx_store_new ("live.db");
  struct {
    const char *utc;
    const char *written;   /* the Istanbul date written, NULL: none */
  } runs[] = {
    /* 22:30 UTC is 01:30 the next day in Istanbul (UTC+3). */
    { "2026-06-10T22:30:00Z", "2026-06-11" },
    /* 20:59 UTC is 23:59 the same Istanbul day: nothing new. */
    { "2026-06-11T20:59:00Z", NULL },
    /* 21:00 UTC is Istanbul midnight: a new day. */
    { "2026-06-11T21:00:00Z", "2026-06-12" },
    { "2026-06-13T09:00:00Z", "2026-06-13" },
    { "2026-06-13T12:00:00Z", NULL },
    { "2026-06-14T09:00:00Z", "2026-06-14" },
  };

  tenant_id = fx_create_tenant (store, "hair_beauty");
  prefix = g_strdup_printf ("ahi-%s-", tenant_id);
  other = ahi_id_new ();

  /* Files that are not this tenant's automatic backups stay. */
  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  {
    g_autofree char *a = g_strdup_printf ("%s/ahi-%s-2020-01-01.ahibackup", dir, other);
    g_autofree char *b = g_strdup_printf ("%s/%slatest.ahibackup", dir, prefix);
    g_autofree char *c = g_build_filename (dir, "notlar.txt", NULL);

    g_assert_true (g_file_set_contents (a, "x", -1, NULL));
    g_assert_true (g_file_set_contents (b, "x", -1, NULL));
    g_assert_true (g_file_set_contents (c, "x", -1, NULL));
  }

  for (guint i = 0; i < G_N_ELEMENTS (runs); i++)
    {
      g_autofree char *path = NULL;

      g_assert_true (ahi_backup_auto (store, dir, 3, fx_time (runs[i].utc), &path, &error));
      g_assert_no_error (error);
      if (runs[i].written == NULL)
        g_assert_null (path);
      else
        {
          g_autofree char *want = g_strdup_printf ("%s/%s%s.ahibackup", dir, prefix, runs[i].written);
          g_assert_cmpstr (path, ==, want);
          g_assert_true (ahi_backup_check (path, NULL, NULL, &error));
          g_assert_no_error (error);
        }
      append_customer (store, i, fx_time (runs[i].utc));
    }

  /* Four days were written (11, 12, 13, 14); keep 3 leaves 12–14. */
  names = names_in (dir);
  expected = g_strdup_printf ("ahi-%s-2020-01-01.ahibackup %s2026-06-12.ahibackup %s2026-06-13.ahibackup"
                              " %s2026-06-14.ahibackup %slatest.ahibackup notlar.txt",
                              other, prefix, prefix, prefix, prefix);
  /* The other tenant's id and ours are both UUIDv7 made a moment apart:
   * compare as sets, not in an order that depends on them. */
  {
    g_auto(GStrv) got = g_strsplit (names, " ", -1);
    g_auto(GStrv) want = g_strsplit (expected, " ", -1);

    g_assert_cmpuint (g_strv_length (got), ==, g_strv_length (want));
    for (guint i = 0; want[i] != NULL; i++)
      g_assert_true (g_strv_contains ((const char * const *) got, want[i]));
  }

  /* Keep 1 on a day already backed up: nothing written, two removed. */
  g_assert_true (ahi_backup_auto (store, dir, 1, fx_time ("2026-06-14T10:00:00Z"), &out, &error));
  g_assert_no_error (error);
  g_assert_null (out);
  {
    g_autofree char *today = g_strdup_printf ("%s2026-06-14.ahibackup", prefix);
    g_autofree char *gone = g_strdup_printf ("%s2026-06-13.ahibackup", prefix);
    g_auto(GStrv) got = NULL;

    g_free (names);
    names = names_in (dir);
    got = g_strsplit (names, " ", -1);
    g_assert_cmpuint (g_strv_length (got), ==, 4);
    g_assert_true (g_strv_contains ((const char * const *) got, today));
    g_assert_false (g_strv_contains ((const char * const *) got, gone));
  }

  remove_tree (dir);
  g_rmdir (root);
  fx_store_free (store);
}

/* ---------------------------------------------------------------- async */

static void
on_done_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static GAsyncResult *
wait_for (GAsyncResult **slot)
{
  while (*slot == NULL)
    g_main_context_iteration (NULL, TRUE);
  return *slot;
}

static void
test_async (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = fx_tmpdir ();
  g_autofree char *dest = g_build_filename (dir, "elle.ahibackup", NULL);
  g_autofree char *daily = g_build_filename (dir, "daily", NULL);
  g_autofree char *tenant_id = NULL;
  g_autofree char *checked_tenant = NULL;
  g_autofree char *written = NULL;
  g_autofree char *written_again = NULL;
  g_autofree char *live = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  GAsyncResult *results[6] = { NULL };
  gint64 events, checked_events = 0;
  AhiStore *store = fx_store_new ("live.db");

  tenant_id = fx_create_tenant (store, "auto_service");
  live = g_strdup (ahi_store_get_path (store));
  events = fx_int (store, "SELECT count(*) FROM tenant_event_logs");
  before = dump (store);

  ahi_backup_write_async (store, dest, NULL, on_done_cb, &results[0]);
  g_assert_true (ahi_backup_write_finish (wait_for (&results[0]), &error));
  g_assert_no_error (error);

  ahi_backup_check_async (dest, NULL, on_done_cb, &results[1]);
  g_assert_true (ahi_backup_check_finish (wait_for (&results[1]), &checked_tenant, &checked_events, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (checked_tenant, ==, tenant_id);
  g_assert_cmpint (checked_events, ==, events);

  /* 2026-06-01T06:00:00Z is 09:00 in Istanbul, on 1 June. */
  ahi_backup_auto_async (store, daily, 2, fx_time ("2026-06-01T06:00:00Z"), NULL, on_done_cb, &results[2]);
  g_assert_true (ahi_backup_auto_finish (wait_for (&results[2]), &written, &error));
  g_assert_no_error (error);
  expected = g_strdup_printf ("%s/ahi-%s-2026-06-01.ahibackup", daily, tenant_id);
  g_assert_cmpstr (written, ==, expected);
  ahi_backup_auto_async (store, daily, 2, fx_time ("2026-06-01T07:00:00Z"), NULL, on_done_cb, &results[3]);
  g_assert_true (ahi_backup_auto_finish (wait_for (&results[3]), &written_again, &error));
  g_assert_null (written_again);

  append_customer (store, 1, fx_time ("2026-06-02T08:00:00Z"));
  g_assert_finalize_object (store);
  ahi_backup_restore_async (dest, live, NULL, on_done_cb, &results[4]);
  g_assert_true (ahi_backup_restore_finish (wait_for (&results[4]), &error));
  g_assert_no_error (error);

  store = ahi_store_open (live, &error);
  g_assert_no_error (error);
  after = dump (store);
  g_assert_cmpstr (after, ==, before);

  /* A refusal comes back through the callback too. */
  {
    g_autofree char *missing = g_build_filename (dir, "yok.ahibackup", NULL);

    ahi_backup_check_async (missing, NULL, on_done_cb, &results[5]);
    g_assert_false (ahi_backup_check_finish (wait_for (&results[5]), NULL, NULL, &error));
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  }

  for (guint i = 0; i < G_N_ELEMENTS (results); i++)
    g_object_unref (results[i]);
  remove_tree (daily);
  remove_tree (dir);
  fx_store_free (store);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  ahi_store_module_init ();

  g_test_add_func ("/store/backup/write-while-writing", test_write_while_writing);
  g_test_add_func ("/store/backup/write-refusals", test_write_refusals);
  g_test_add_func ("/store/backup/restore-round-trip", test_restore_round_trip);
  g_test_add_func ("/store/backup/restore-refuses-bad-files", test_restore_refuses_bad_files);
  g_test_add_func ("/store/backup/auto-daily", test_auto_daily);
  g_test_add_func ("/store/backup/async", test_async);

  return g_test_run ();
}
