/* ahi-control-members.c — the members of a business and the devices of
 * an account (ahi-control-members.h) */
#include "store/control/ahi-control-members.h"
#include "store/control/ahi-control-private.h"

/* A device that can still get an access token without a password: not
 * revoked, and holding a refresh token neither spent (rotation revokes
 * the old one) nor expired at ?2. "d" is the device. */
#define DEVICE_IS_ACTIVE                                                    \
  "d.revoked_at IS NULL AND EXISTS (SELECT 1 FROM tokens t "                \
  "  WHERE t.device_id = d.device_id AND t.kind = 'refresh' "               \
  "    AND t.revoked_at IS NULL AND t.expires_at > ?2)"

/* ?1 the tenant, ?2 now. The owner first, then managers, then staff: the
 * order a team page shows them in. */
#define SELECT_MEMBERS                                                      \
  "SELECT m.user_id, u.display_name, u.email, m.role, m.created_at, "       \
  "       (SELECT count(*) FROM devices d "                                 \
  "        WHERE d.user_id = m.user_id AND " DEVICE_IS_ACTIVE "), "         \
  "       m.staff_id "                                                      \
  "FROM memberships m JOIN users u ON u.user_id = m.user_id "               \
  "WHERE m.tenant_id = ?1 "

#define MEMBERS_ORDER                                                       \
  "ORDER BY CASE m.role WHEN 'owner' THEN 0 WHEN 'manager' THEN 1 ELSE 2 END, " \
  "         m.created_at, m.user_id"

/* ------------------------------------------------------------- helpers */

static gpointer
read_member (sqlite3_stmt *stmt)
{
  AhiMember *member = g_new0 (AhiMember, 1);

  member->user_id = ahi_db_column_dup (stmt, 0);
  member->display_name = ahi_db_column_dup (stmt, 1);
  member->email = ahi_db_column_dup (stmt, 2);
  member->role = ahi_db_column_dup (stmt, 3);
  member->joined_at = sqlite3_column_int64 (stmt, 4);
  member->active_devices = (guint) sqlite3_column_int64 (stmt, 5);
  member->staff_id = ahi_db_column_dup (stmt, 6);
  return member;
}

static gpointer
read_device (sqlite3_stmt *stmt)
{
  AhiDevice *device = g_new0 (AhiDevice, 1);

  device->device_id = ahi_db_column_dup (stmt, 0);
  device->first_seen_at = sqlite3_column_int64 (stmt, 1);
  /* Every pair of tokens is issued together, the access token expiring
   * AHI_ACCESS_TOKEN_TTL after its issue: the newest one tells when the
   * device last signed in or refreshed. An active device always holds
   * one (it is issued with the live refresh token). */
  if (sqlite3_column_type (stmt, 2) != SQLITE_NULL)
    device->last_used_at = sqlite3_column_int64 (stmt, 2) - AHI_ACCESS_TOKEN_TTL;
  return device;
}

static void
set_no_member (GError **error)
{
  g_set_error_literal (error, AHI_CONTROL_ERROR, AHI_CONTROL_ERROR_NOT_FOUND, "No such member");
}

/* The role of user_id in tenant_id, inside the caller's transaction;
 * NOT_FOUND when they are no member of it. */
static char *
member_role (AhiDb       *db,
             const char  *tenant_id,
             const char  *user_id,
             GError     **error)
{
  GError *local_error = NULL;
  sqlite3_stmt *stmt = ahi_db_prepare (db,
                                       "SELECT role FROM memberships WHERE tenant_id = ? AND user_id = ?",
                                       error);
  char *role;

  if (stmt == NULL)
    return NULL;
  ahi_db_bind_text (stmt, 1, tenant_id);
  ahi_db_bind_text (stmt, 2, user_id);
  if (!ahi_db_step_row (db, stmt, &local_error))
    {
      if (ahi_db_finish_rows (local_error, error))
        set_no_member (error);
      return NULL;
    }
  role = ahi_db_column_dup (stmt, 0);
  sqlite3_reset (stmt);
  return role;
}

/* Runs sql with the one text parameter user_id and ?2 the time now. */
static gboolean
run_for_user (AhiDb       *db,
              const char  *sql,
              const char  *user_id,
              gint64       now,
              GError     **error)
{
  sqlite3_stmt *stmt = ahi_db_prepare (db, sql, error);

  if (stmt == NULL)
    return FALSE;
  ahi_db_bind_text (stmt, 1, user_id);
  sqlite3_bind_int64 (stmt, 2, now);
  return ahi_db_step_done (db, stmt, error);
}

/* ---------------------------------------------------------- public API */

void
ahi_member_free (AhiMember *member)
{
  if (member == NULL)
    return;
  g_free (member->user_id);
  g_free (member->display_name);
  g_free (member->email);
  g_free (member->role);
  g_free (member->staff_id);
  g_free (member);
}

void
ahi_device_free (AhiDevice *device)
{
  if (device == NULL)
    return;
  g_free (device->device_id);
  g_free (device);
}

GPtrArray *
ahi_control_list_members (AhiControl  *self,
                           const char   *tenant_id,
                           gint64        now,
                           GError      **error)
{
  AhiDb *db;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (tenant_id != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  db = self->db;
  stmt = ahi_db_prepare (db, SELECT_MEMBERS MEMBERS_ORDER, error);
  if (stmt == NULL)
    return NULL;
  ahi_db_bind_text (stmt, 1, tenant_id);
  sqlite3_bind_int64 (stmt, 2, now);
  return ahi_db_read_rows (db, stmt, read_member, (GDestroyNotify) ahi_member_free, error);
}

AhiMember *
ahi_control_get_member (AhiControl  *self,
                         const char   *tenant_id,
                         const char   *user_id,
                         gint64        now,
                         GError      **error)
{
  GError *local_error = NULL;
  AhiMember *member;
  AhiDb *db;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (tenant_id != NULL, NULL);
  g_return_val_if_fail (user_id != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  db = self->db;
  stmt = ahi_db_prepare (db, SELECT_MEMBERS "AND m.user_id = ?3", error);
  if (stmt == NULL)
    return NULL;
  ahi_db_bind_text (stmt, 1, tenant_id);
  sqlite3_bind_int64 (stmt, 2, now);
  ahi_db_bind_text (stmt, 3, user_id);
  if (!ahi_db_step_row (db, stmt, &local_error))
    {
      if (ahi_db_finish_rows (local_error, error))
        set_no_member (error);
      return NULL;
    }
  member = read_member (stmt);
  sqlite3_reset (stmt);
  return member;
}

gboolean
ahi_control_set_member_role (AhiControl  *self,
                              const char   *tenant_id,
                              const char   *user_id,
                              const char   *role,
                              GError      **error)
{
  g_autofree char *current = NULL;
  AhiDb *db;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (tenant_id != NULL, FALSE);
  g_return_val_if_fail (user_id != NULL, FALSE);
  g_return_val_if_fail (role != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  /* The same rule and words as an invitation (ahi_control_add_member). */
  if (g_str_equal (role, "owner"))
    {
      g_set_error_literal (error, AHI_CONTROL_ERROR, AHI_CONTROL_ERROR_UNPROCESSABLE,
                           "A tenant has one owner; choose manager or staff");
      return FALSE;
    }
  if (!g_str_equal (role, "manager") && !g_str_equal (role, "staff"))
    {
      g_set_error (error, AHI_CONTROL_ERROR, AHI_CONTROL_ERROR_INVALID, "Unknown role “%s”", role);
      return FALSE;
    }

  db = self->db;
  if (!ahi_db_begin (db, error))
    return FALSE;
  if ((current = member_role (db, tenant_id, user_id, error)) == NULL)
    goto fail;
  if (g_str_equal (current, "owner"))
    {
      /* Only an owner may call this, and a business has one: this is the
       * owner demoting themself, which would leave nobody who may manage
       * the members. */
      g_set_error_literal (error, AHI_CONTROL_ERROR, AHI_CONTROL_ERROR_OWNER_STAYS,
                           "The owner cannot change their own role: the business would have no owner");
      goto fail;
    }

  stmt = ahi_db_prepare (db, "UPDATE memberships SET role = ? WHERE tenant_id = ? AND user_id = ?", error);
  if (stmt == NULL)
    goto fail;
  ahi_db_bind_text (stmt, 1, role);
  ahi_db_bind_text (stmt, 2, tenant_id);
  ahi_db_bind_text (stmt, 3, user_id);
  if (!ahi_db_step_done (db, stmt, error) || !ahi_db_commit (db, error))
    goto fail;
  return TRUE;

fail:
  ahi_db_rollback (db);
  return FALSE;
}

gboolean
ahi_control_remove_member (AhiControl  *self,
                            const char   *tenant_id,
                            const char   *user_id,
                            gint64        now,
                            GError      **error)
{
  g_autofree char *role = NULL;
  GError *local_error = NULL;
  gboolean has_other;
  AhiDb *db;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (tenant_id != NULL, FALSE);
  g_return_val_if_fail (user_id != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  db = self->db;
  if (!ahi_db_begin (db, error))
    return FALSE;
  if ((role = member_role (db, tenant_id, user_id, error)) == NULL)
    goto fail;
  if (g_str_equal (role, "owner"))
    {
      g_set_error_literal (error, AHI_CONTROL_ERROR, AHI_CONTROL_ERROR_OWNER_STAYS,
                           "The owner cannot leave their own business");
      goto fail;
    }

  /* From the next request on, the server finds no membership: this
   * business answers the account exactly as another business does. */
  stmt = ahi_db_prepare (db, "DELETE FROM memberships WHERE tenant_id = ? AND user_id = ?", error);
  if (stmt == NULL)
    goto fail;
  ahi_db_bind_text (stmt, 1, tenant_id);
  ahi_db_bind_text (stmt, 2, user_id);
  if (!ahi_db_step_done (db, stmt, error))
    goto fail;

  stmt = ahi_db_prepare (db, "SELECT 1 FROM memberships WHERE user_id = ? LIMIT 1", error);
  if (stmt == NULL)
    goto fail;
  ahi_db_bind_text (stmt, 1, user_id);
  has_other = ahi_db_step_row (db, stmt, &local_error);
  sqlite3_reset (stmt);
  if (!ahi_db_finish_rows (local_error, error))
    goto fail;

  /* With no business left, the account's sessions serve nothing: end
   * them, so that a phone left in the salon signs nobody in. Tokens of a
   * revoked device fail already (lookup_token); revoking them too keeps
   * each row telling the truth on its own. */
  if (!has_other &&
      (!run_for_user (db, "UPDATE tokens SET revoked_at = ?2 WHERE revoked_at IS NULL AND device_id IN "
                          "(SELECT device_id FROM devices WHERE user_id = ?1)",
                      user_id, now, error) ||
       !run_for_user (db, "UPDATE devices SET revoked_at = ?2 WHERE user_id = ?1 AND revoked_at IS NULL",
                      user_id, now, error)))
    goto fail;

  if (!ahi_db_commit (db, error))
    goto fail;
  return TRUE;

fail:
  ahi_db_rollback (db);
  return FALSE;
}

GPtrArray *
ahi_control_list_devices (AhiControl  *self,
                           const char   *user_id,
                           gint64        now,
                           GError      **error)
{
  AhiDb *db;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (user_id != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  db = self->db;
  stmt = ahi_db_prepare (db,
                         "SELECT d.device_id, d.created_at, "
                         "       (SELECT max(a.expires_at) FROM tokens a "
                         "        WHERE a.device_id = d.device_id AND a.kind = 'access') "
                         "FROM devices d "
                         "WHERE d.user_id = ?1 AND " DEVICE_IS_ACTIVE " "
                         "ORDER BY d.created_at, d.device_id", error);
  if (stmt == NULL)
    return NULL;
  ahi_db_bind_text (stmt, 1, user_id);
  sqlite3_bind_int64 (stmt, 2, now);
  return ahi_db_read_rows (db, stmt, read_device, (GDestroyNotify) ahi_device_free, error);
}
