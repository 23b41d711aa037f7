/* ahi-control-devices.c — which business a device belongs to, who may
 * sign in on it, and the business's shared front desks
 *
 * A device the app names itself is born in a business (it made its id
 * when it created the business offline, and its events carry that id):
 * it is bound to that business for good. Any member of it may sign in
 * on the device, one at a time (the shared desk: the owner signs out,
 * the manager signs in); an account of another business may not. A
 * device the server names is its account's alone, as before.
 */
#include "store/control/ahi-control-private.h"

#include <string.h>
#include <sodium.h>

/* A device "of" tenant ?1: bound to it, or named by the server for an
 * account that is a member of it. "d" is the device. */
#define DEVICE_OF_TENANT                                                    \
  "(d.tenant_id = ?1 OR (d.tenant_id IS NULL AND EXISTS (SELECT 1 "         \
  "  FROM memberships m WHERE m.tenant_id = ?1 AND m.user_id = d.user_id)))"

/* ------------------------------------------------------------- helpers */

static void
set_device_taken (GError **error)
{
  g_set_error_literal (error, AHI_CONTROL_ERROR, AHI_CONTROL_ERROR_DEVICE_TAKEN,
                       "This device belongs to another business");
}

static void
set_no_device (GError **error)
{
  g_set_error_literal (error, AHI_CONTROL_ERROR, AHI_CONTROL_ERROR_NOT_FOUND, "No such device");
}

/* Runs sql with ?1 device_id, ?2 user_id and ?3 now. */
static gboolean
run_for_device (AhiDb       *db,
                const char  *sql,
                const char  *device_id,
                const char  *user_id,
                gint64       now,
                GError     **error)
{
  sqlite3_stmt *stmt = ahi_db_prepare (db, sql, error);

  if (stmt == NULL)
    return FALSE;
  ahi_db_bind_text (stmt, 1, device_id);
  ahi_db_bind_text (stmt, 2, user_id);
  sqlite3_bind_int64 (stmt, 3, now);
  return ahi_db_step_done (db, stmt, error);
}

/* NOT_FOUND unless device_id is a device of tenant_id (DEVICE_OF_TENANT). */
static gboolean
check_device_of (AhiDb       *db,
                 const char  *tenant_id,
                 const char  *device_id,
                 GError     **error)
{
  GError *local_error = NULL;
  sqlite3_stmt *stmt = ahi_db_prepare (db,
                                       "SELECT 1 FROM devices d WHERE d.device_id = ?2 AND " DEVICE_OF_TENANT,
                                       error);
  gboolean found;

  if (stmt == NULL)
    return FALSE;
  ahi_db_bind_text (stmt, 1, tenant_id);
  ahi_db_bind_text (stmt, 2, device_id);
  found = ahi_db_step_row (db, stmt, &local_error);
  sqlite3_reset (stmt);
  if (!ahi_db_finish_rows (local_error, error))
    return FALSE;
  if (!found)
    set_no_device (error);
  return found;
}

/* ------------------------------------------------------------- private */

gboolean
_ahi_control_bind_new_device (AhiDb       *db,
                              const char  *device_id,
                              const char  *user_id,
                              const char  *tenant_id,
                              gint64       now,
                              GError     **error)
{
  gboolean taken = FALSE;
  sqlite3_stmt *stmt;

  if (!_ahi_control_row_exists (db, "SELECT 1 FROM devices WHERE device_id = ?", device_id, NULL, &taken, error))
    return FALSE;
  if (taken)
    {
      set_device_taken (error);
      return FALSE;
    }

  stmt = ahi_db_prepare (db,
                         "INSERT INTO devices (device_id, user_id, created_at, tenant_id) VALUES (?, ?, ?, ?)",
                         error);
  if (stmt == NULL)
    return FALSE;
  ahi_db_bind_text (stmt, 1, device_id);
  ahi_db_bind_text (stmt, 2, user_id);
  sqlite3_bind_int64 (stmt, 3, now);
  ahi_db_bind_text (stmt, 4, tenant_id);
  return ahi_db_step_done (db, stmt, error);
}

/* Gives a device born in a business its secret (its first sign-in). */
static gboolean
give_secret (AhiDb       *db,
             const char  *device_id,
             char       **out_new_secret,
             GError     **error)
{
  g_autofree char *secret = _ahi_control_new_secret ();
  g_autofree char *hash = _ahi_control_hash_secret (secret);
  sqlite3_stmt *stmt = ahi_db_prepare (db, "UPDATE devices SET secret_hash = ? WHERE device_id = ?", error);

  if (stmt == NULL)
    return FALSE;
  ahi_db_bind_text (stmt, 1, hash);
  ahi_db_bind_text (stmt, 2, device_id);
  if (!ahi_db_step_done (db, stmt, error))
    return FALSE;
  *out_new_secret = g_steal_pointer (&secret);
  return TRUE;
}

gboolean
_ahi_control_claim_device (AhiDb       *db,
                           const char  *device_id,
                           const char  *secret,
                           const char  *user_id,
                           const char  *tenant_id,
                           gint64       now,
                           char       **out_device_id,
                           char       **out_new_secret,
                           GError     **error)
{
  g_autofree char *owner = NULL;
  g_autofree char *born_in = NULL;
  g_autofree char *secret_hash = NULL;
  GError *local_error = NULL;
  gboolean revoked, member = FALSE;
  sqlite3_stmt *stmt;

  stmt = ahi_db_prepare (db, "SELECT user_id, tenant_id, revoked_at IS NOT NULL, secret_hash FROM devices"
                             " WHERE device_id = ?", error);
  if (stmt == NULL)
    return FALSE;
  ahi_db_bind_text (stmt, 1, device_id);
  if (!ahi_db_step_row (db, stmt, &local_error))
    {
      if (!ahi_db_finish_rows (local_error, error))
        return FALSE;

      /* A device id the server has never seen: the device's own. Born in
       * tenant_id when the caller names a business of theirs. */
      if (tenant_id != NULL)
        {
          if (!_ahi_control_row_exists (db, "SELECT 1 FROM memberships WHERE tenant_id = ? AND user_id = ?",
                                        tenant_id, user_id, &member, error))
            return FALSE;
          if (!member)
            {
              g_set_error_literal (error, AHI_CONTROL_ERROR, AHI_CONTROL_ERROR_NOT_FOUND, "No such tenant");
              return FALSE;
            }
        }
      if (!_ahi_control_bind_new_device (db, device_id, user_id, tenant_id, now, error) ||
          (tenant_id != NULL && !give_secret (db, device_id, out_new_secret, error)))
        return FALSE;
      *out_device_id = g_strdup (device_id);
      return TRUE;
    }
  owner = ahi_db_column_dup (stmt, 0);
  born_in = ahi_db_column_dup (stmt, 1);
  revoked = sqlite3_column_int (stmt, 2) != 0;
  secret_hash = ahi_db_column_dup (stmt, 3);
  sqlite3_reset (stmt);

  if (born_in == NULL)
    {
      /* The server named it: its account's own while it is not revoked.
       * Anyone else gets a new device, as a revoked one does. */
      if (g_str_equal (owner, user_id) && !revoked)
        *out_device_id = g_strdup (device_id);
      return TRUE;
    }

  if (tenant_id != NULL && !g_str_equal (tenant_id, born_in))
    {
      set_device_taken (error);
      return FALSE;
    }
  if (!_ahi_control_row_exists (db, "SELECT 1 FROM memberships WHERE tenant_id = ? AND user_id = ?",
                                born_in, user_id, &member, error))
    return FALSE;
  if (!member)
    {
      set_device_taken (error);
      return FALSE;
    }
  /* Holding the device, not knowing its id: the secret it got at its
   * first sign-in. Without this a colleague who read the desk's id in
   * any pulled event could sign in "on the desk" from their own phone
   * and act as everyone who works at it. */
  if (secret_hash != NULL)
    {
      g_autofree char *presented = secret != NULL ? _ahi_control_hash_secret (secret) : NULL;

      if (presented == NULL || strlen (presented) != strlen (secret_hash) ||
          sodium_memcmp (presented, secret_hash, strlen (secret_hash)) != 0)
        {
          g_set_error_literal (error, AHI_CONTROL_ERROR, AHI_CONTROL_ERROR_DEVICE_TAKEN,
                               "This device id is in use: sign in from the device itself");
          return FALSE;
        }
    }
  else if (!give_secret (db, device_id, out_new_secret, error))
    return FALSE;

  /* One person signed in on a device at a time: whoever was before ends
   * here. A bound device signed out (or removed) comes back, since its
   * id is the business's own device and its events carry it. */
  if (!run_for_device (db, "UPDATE tokens SET revoked_at = ?3 "
                           "WHERE device_id = ?1 AND user_id <> ?2 AND revoked_at IS NULL",
                       device_id, user_id, now, error) ||
      !run_for_device (db, "UPDATE devices SET user_id = ?2, revoked_at = NULL WHERE device_id = ?1",
                       device_id, user_id, now, error))
    return FALSE;
  *out_device_id = g_strdup (device_id);
  return TRUE;
}

/* ---------------------------------------------------------- public API */

gboolean
ahi_control_add_desk_device (AhiControl  *self,
                             const char  *tenant_id,
                             const char  *device_id,
                             const char  *user_id,
                             gint64       now,
                             GError     **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (tenant_id != NULL && device_id != NULL && user_id != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!ahi_db_begin (self->db, error))
    return FALSE;
  if (!check_device_of (self->db, tenant_id, device_id, error))
    goto fail;

  /* Registering twice changes nothing: the first registration stands. */
  stmt = ahi_db_prepare (self->db,
                         "INSERT OR IGNORE INTO desk_devices (tenant_id, device_id, registered_by, registered_at) "
                         "VALUES (?, ?, ?, ?)", error);
  if (stmt == NULL)
    goto fail;
  ahi_db_bind_text (stmt, 1, tenant_id);
  ahi_db_bind_text (stmt, 2, device_id);
  ahi_db_bind_text (stmt, 3, user_id);
  sqlite3_bind_int64 (stmt, 4, now);
  if (!ahi_db_step_done (self->db, stmt, error) || !ahi_db_commit (self->db, error))
    goto fail;
  return TRUE;

fail:
  ahi_db_rollback (self->db);
  return FALSE;
}

gboolean
ahi_control_remove_desk_device (AhiControl  *self,
                                const char  *tenant_id,
                                const char  *device_id,
                                GError     **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (tenant_id != NULL && device_id != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!ahi_db_begin (self->db, error))
    return FALSE;
  if (!check_device_of (self->db, tenant_id, device_id, error))
    goto fail;

  stmt = ahi_db_prepare (self->db, "DELETE FROM desk_devices WHERE tenant_id = ? AND device_id = ?", error);
  if (stmt == NULL)
    goto fail;
  ahi_db_bind_text (stmt, 1, tenant_id);
  ahi_db_bind_text (stmt, 2, device_id);
  if (!ahi_db_step_done (self->db, stmt, error) || !ahi_db_commit (self->db, error))
    goto fail;
  return TRUE;

fail:
  ahi_db_rollback (self->db);
  return FALSE;
}

gboolean
ahi_control_device_is_desk (AhiControl  *self,
                            const char  *tenant_id,
                            const char  *device_id,
                            GError     **error)
{
  gboolean desk = FALSE;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (tenant_id != NULL && device_id != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return _ahi_control_row_exists (self->db, "SELECT 1 FROM desk_devices WHERE tenant_id = ? AND device_id = ?",
                                  tenant_id, device_id, &desk, error) && desk;
}
