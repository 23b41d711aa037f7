/* ahi-demo-server.c — a demo business in an ahi-server data dir */
#include "demo/ahi-demo-server.h"

#include <errno.h>

#include <glib/gstdio.h>

#include "demo/ahi-demo-business.h"
#include "demo/ahi-generator.h"
#include "store/control/ahi-control.h"
#include "store/control/ahi-control-error.h"
#include "store/sync/ahi-sync-rights.h"
#include "store/sync/ahi-sync-server.h"
#include "store/ahi-store-error.h"
#include "store/ahi-tenant-bootstrap.h"
#include "core/ahi-id.h"

/* The demo ahi-server has always served: 1500 customers, six months of
 * visits and two weeks of bookings, in a business opened 200 days ago. */
#define DEMO_BUSINESS_NAME "Ahi Demo"
#define DEMO_OWNER_NAME "Derya Aksoy"
#define DEMO_OPENED_DAYS_AGO 200

/* ------------------------------------------------------------- helpers */

/* The checks ahi-server installs on every tenant it opens
 * (src/server/ahi-tenants.c), so that the demo's events meet the same
 * rules here as they would under the server. */
static gboolean
check_event (AhiStore        *store,
             const AhiEvent  *event,
             gpointer         data,
             GError         **error)
{
  return ahi_sync_check_rights (store, event, data, error) &&
         ahi_sync_check_booking (store, event, data, error);
}

static void
remove_database (const char *path)
{
  static const char * const suffixes[] = { "", "-wal", "-shm", "-journal" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (path, suffixes[i], NULL);
      g_remove (file);
    }
}

static gboolean
fail_errno (const char  *what,
            const char  *path,
            GError     **error)
{
  int saved = errno;

  g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved), "Cannot %s %s: %s", what, path,
               g_strerror (saved));
  return FALSE;
}

/* The tenant's database at path, bootstrapped and filled. */
static gboolean
make_tenant (const char  *path,
             const char  *tenant_id,
             const char  *sector,
             gint64       now,
             GError     **error)
{
  g_autoptr(AhiStore) store = ahi_store_open (path, error);
  g_autoptr(GPtrArray) events = NULL;
  AhiTenantSpec spec = {
    .tenant_id = tenant_id,
    .name = DEMO_BUSINESS_NAME,
    .sector = sector,
    .owner_name = DEMO_OWNER_NAME,
    .created_at = now - (gint64) DEMO_OPENED_DAYS_AGO * 86400,
  };
  AhiGeneratorSpec gen = {
    .n_customers = 1500,
    .days_of_history = 180,
    .days_ahead = 14,
    .occupancy_pct = 55,
    .seed = 2026,
    .now = now,
  };

  if (store == NULL)
    return FALSE;
  ahi_store_set_check (store, check_event, NULL);
  events = ahi_tenant_bootstrap_events (&spec, error);
  return events != NULL &&
         ahi_store_append_all (store, events, NULL, error) &&
         ahi_generator_fill (store, &gen, NULL, error);
}

/* Moves a closed database to its name. Closing the last connection folds
 * the WAL into the file; should one remain, it moves too. */
static gboolean
move_database (const char  *from,
               const char  *to,
               GError     **error)
{
  g_autofree char *from_wal = g_strconcat (from, "-wal", NULL);
  g_autofree char *to_wal = g_strconcat (to, "-wal", NULL);
  g_autofree char *from_shm = g_strconcat (from, "-shm", NULL);

  g_remove (from_shm);
  if (g_file_test (from_wal, G_FILE_TEST_EXISTS) && g_rename (from_wal, to_wal) != 0)
    return fail_errno ("move", from_wal, error);
  if (g_rename (from, to) != 0)
    return fail_errno ("move", from, error);
  return TRUE;
}

/* ---------------------------------------------------------- public API */

char *
ahi_demo_server_email (const char *sector)
{
  g_return_val_if_fail (sector != NULL, NULL);
  return g_strdup_printf ("demo-%s@ahi.app", sector);
}

gboolean
ahi_demo_server_prepare (const char       *data_dir,
                         const char       *sector,
                         gint64            now,
                         AhiPasswordCost   cost,
                         gboolean         *out_created,
                         GError          **error)
{
  /* The data dir as ahi-server lays it out: control.db beside tenants/,
   * one <tenant id>.db each (ahi-server.c, ahi-tenants.c). */
  g_autofree char *control_path = NULL;
  g_autofree char *tenants_dir = NULL;
  g_autofree char *email = NULL;
  g_autofree char *existing = NULL;
  g_autofree char *tenant_id = NULL;
  g_autofree char *partial = NULL;
  g_autofree char *partial_name = NULL;
  g_autofree char *final = NULL;
  g_autofree char *final_name = NULL;
  g_autofree char *hash = NULL;
  g_autofree char *user_id = NULL;
  g_autoptr(AhiControl) control = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (data_dir != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (out_created != NULL)
    *out_created = FALSE;
  if (!ahi_demo_business_is_sector (sector))
    {
      g_set_error (error, AHI_STORE_ERROR, AHI_STORE_ERROR_INVALID_INPUT,
                   "Unknown sector %s", sector != NULL ? sector : "(none)");
      return FALSE;
    }

  ahi_store_module_init ();
  tenants_dir = g_build_filename (data_dir, "tenants", NULL);
  if (g_mkdir_with_parents (tenants_dir, 0700) != 0)
    return fail_errno ("create", tenants_dir, error);
  control_path = g_build_filename (data_dir, "control.db", NULL);
  control = ahi_control_open (control_path, error);
  if (control == NULL)
    return FALSE;

  /* Made before: the account is there (and its business with it). */
  email = ahi_demo_server_email (sector);
  existing = ahi_control_password_hash_for (control, email, NULL, &local_error);
  if (existing != NULL)
    return TRUE;
  if (!g_error_matches (local_error, AHI_CONTROL_ERROR, AHI_CONTROL_ERROR_INVALID_CREDENTIALS))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  /* The business first, under a name the server never opens; the
   * account last, then the file takes its name. */
  tenant_id = ahi_id_new ();
  partial_name = g_strconcat (".partial-", tenant_id, ".db", NULL);
  partial = g_build_filename (tenants_dir, partial_name, NULL);
  final_name = g_strconcat (tenant_id, ".db", NULL);
  final = g_build_filename (tenants_dir, final_name, NULL);
  hash = ahi_password_hash (AHI_DEMO_SERVER_PASSWORD, cost, error);
  if (hash == NULL)
    return FALSE;
  if (!make_tenant (partial, tenant_id, sector, now, error) ||
      !ahi_control_sign_up (control, tenant_id, DEMO_BUSINESS_NAME, sector, email, DEMO_OWNER_NAME, hash, NULL, now,
                            NULL, &user_id, error))
    {
      remove_database (partial);
      return FALSE;
    }
  if (!move_database (partial, final, error))
    return FALSE;

  if (out_created != NULL)
    *out_created = TRUE;
  return TRUE;
}
