/* ahi-control-signup.c — a new business with its owner, and the members
 * the owner adds */
#include "store/control/ahi-control-private.h"

#include <string.h>

#include "core/ahi-blueprint.h"
#include "core/ahi-id.h"
#include "store/ahi-tenant-bootstrap.h"

/* ------------------------------------------------------------- helpers */

static char *
normalize_email (const char  *email,
                 GError     **error)
{
  g_autofree char *folded = NULL;
  const char *at;
  gsize length;

  if (!g_utf8_validate (email, -1, NULL))
    {
      g_set_error_literal (error, AHI_CONTROL_ERROR, AHI_CONTROL_ERROR_INVALID,
                           "The e-mail address is not valid UTF-8");
      return NULL;
    }

  folded = _ahi_control_fold_email (email);
  length = strlen (folded);
  at = strrchr (folded, '@');

  if (length > AHI_EMAIL_MAX_BYTES || at == NULL || at == folded || at[1] == '\0')
    {
      g_set_error_literal (error, AHI_CONTROL_ERROR, AHI_CONTROL_ERROR_UNPROCESSABLE,
                           "The e-mail address is not valid");
      return NULL;
    }
  for (const char *p = folded; *p != '\0'; p++)
    if ((guchar) *p <= 0x20 || (guchar) *p == 0x7f)
      {
        g_set_error_literal (error, AHI_CONTROL_ERROR, AHI_CONTROL_ERROR_UNPROCESSABLE,
                             "The e-mail address is not valid");
        return NULL;
      }

  return g_steal_pointer (&folded);
}

/* A trimmed, non-empty UTF-8 copy of a name, or NULL with error. */
static char *
clean_text (const char  *text,
            const char  *what,
            GError     **error)
{
  g_autofree char *copy = NULL;

  if (text == NULL || !g_utf8_validate (text, -1, NULL))
    {
      g_set_error (error, AHI_CONTROL_ERROR, AHI_CONTROL_ERROR_INVALID,
                   "The %s is missing or not valid UTF-8", what);
      return NULL;
    }

  copy = g_strstrip (g_strdup (text));
  if (*copy == '\0')
    {
      g_set_error (error, AHI_CONTROL_ERROR, AHI_CONTROL_ERROR_UNPROCESSABLE,
                   "The %s is empty", what);
      return NULL;
    }
  return g_steal_pointer (&copy);
}

static gboolean
insert_member (AhiControl  *self,
               const char   *tenant_id,
               const char   *email,
               const char   *display_name,
               const char   *password_hash,
               const char   *role,
               const char   *staff_id,
               gint64        now,
               char        **out_user_id,
               GError      **error)
{
  g_autofree char *user_id = ahi_id_new ();
  gboolean taken = FALSE;
  sqlite3_stmt *stmt;

  if (!_ahi_control_row_exists (self->db, "SELECT 1 FROM users WHERE email = ?", email, NULL, &taken, error))
    return FALSE;
  if (taken)
    {
      g_set_error_literal (error, AHI_CONTROL_ERROR, AHI_CONTROL_ERROR_CONFLICT,
                           "This e-mail address is registered already");
      return FALSE;
    }

  stmt = ahi_db_prepare (self->db,
                         "INSERT INTO users (user_id, email, display_name, password_hash, created_at) "
                         "VALUES (?, ?, ?, ?, ?)", error);
  if (stmt == NULL)
    return FALSE;
  ahi_db_bind_text (stmt, 1, user_id);
  ahi_db_bind_text (stmt, 2, email);
  ahi_db_bind_text (stmt, 3, display_name);
  ahi_db_bind_text (stmt, 4, password_hash);
  sqlite3_bind_int64 (stmt, 5, now);
  if (!ahi_db_step_done (self->db, stmt, error))
    return FALSE;

  stmt = ahi_db_prepare (self->db,
                         "INSERT INTO memberships (tenant_id, user_id, role, created_at, staff_id) "
                         "VALUES (?, ?, ?, ?, ?)", error);
  if (stmt == NULL)
    return FALSE;
  ahi_db_bind_text (stmt, 1, tenant_id);
  ahi_db_bind_text (stmt, 2, user_id);
  ahi_db_bind_text (stmt, 3, role);
  sqlite3_bind_int64 (stmt, 4, now);
  ahi_db_bind_text (stmt, 5, staff_id);
  if (!ahi_db_step_done (self->db, stmt, error))
    return FALSE;

  *out_user_id = g_steal_pointer (&user_id);
  return TRUE;
}

/* ---------------------------------------------------------- public API */

gboolean
ahi_control_sign_up (AhiControl  *self,
                      const char   *tenant_id,
                      const char   *business_name,
                      const char   *sector,
                      const char   *email,
                      const char   *display_name,
                      const char   *password_hash,
                      const char   *device_id,
                      gint64        now,
                      char        **out_tenant_id,
                      char        **out_user_id,
                      GError      **error)
{
  g_autofree char *owner_staff_id = NULL;
  g_autofree char *new_tenant_id = NULL;
  g_autofree char *name = NULL;
  g_autofree char *owner_name = NULL;
  g_autofree char *folded_email = NULL;
  g_autofree char *user_id = NULL;
  gboolean taken = FALSE;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (email != NULL, FALSE);
  g_return_val_if_fail (password_hash != NULL && *password_hash != '\0', FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (tenant_id != NULL && !ahi_id_is_valid (tenant_id))
    {
      g_set_error_literal (error, AHI_CONTROL_ERROR, AHI_CONTROL_ERROR_INVALID,
                           "The tenant id is not a UUID");
      return FALSE;
    }
  if (device_id != NULL && !ahi_id_is_valid (device_id))
    {
      g_set_error_literal (error, AHI_CONTROL_ERROR, AHI_CONTROL_ERROR_INVALID,
                           "The device id is not a UUID");
      return FALSE;
    }
  if (sector == NULL || !g_strv_contains (ahi_blueprint_list_ids (), sector))
    {
      g_set_error (error, AHI_CONTROL_ERROR, AHI_CONTROL_ERROR_UNPROCESSABLE,
                   "Unknown sector “%s”", sector != NULL ? sector : "");
      return FALSE;
    }
  if ((name = clean_text (business_name, "business name", error)) == NULL ||
      (owner_name = clean_text (display_name, "display name", error)) == NULL ||
      (folded_email = normalize_email (email, error)) == NULL)
    return FALSE;

  new_tenant_id = tenant_id != NULL ? g_strdup (tenant_id) : ahi_id_new ();
  /* The staff row the tenant's bootstrap makes for its owner. */
  owner_staff_id = ahi_tenant_owner_id (new_tenant_id);

  if (!ahi_db_begin (self->db, error))
    return FALSE;

  if (!_ahi_control_row_exists (self->db, "SELECT 1 FROM tenants WHERE tenant_id = ?",
                   new_tenant_id, NULL, &taken, error))
    goto fail;
  if (taken)
    {
      g_set_error_literal (error, AHI_CONTROL_ERROR, AHI_CONTROL_ERROR_CONFLICT,
                           "This tenant exists already");
      goto fail;
    }

  stmt = ahi_db_prepare (self->db,
                         "INSERT INTO tenants (tenant_id, name, sector, created_at) "
                         "VALUES (?, ?, ?, ?)", error);
  if (stmt == NULL)
    goto fail;
  ahi_db_bind_text (stmt, 1, new_tenant_id);
  ahi_db_bind_text (stmt, 2, name);
  ahi_db_bind_text (stmt, 3, sector);
  sqlite3_bind_int64 (stmt, 4, now);
  if (!ahi_db_step_done (self->db, stmt, error) ||
      !insert_member (self, new_tenant_id, folded_email, owner_name, password_hash,
                      "owner", owner_staff_id, now, &user_id, error) ||
      (device_id != NULL && !_ahi_control_bind_new_device (self->db, device_id, user_id, new_tenant_id, now, error)) ||
      !ahi_db_commit (self->db, error))
    goto fail;

  if (out_tenant_id != NULL)
    *out_tenant_id = g_steal_pointer (&new_tenant_id);
  if (out_user_id != NULL)
    *out_user_id = g_steal_pointer (&user_id);
  return TRUE;

fail:
  ahi_db_rollback (self->db);
  return FALSE;
}

gboolean
ahi_control_add_member (AhiControl  *self,
                         const char   *tenant_id,
                         const char   *email,
                         const char   *display_name,
                         const char   *password_hash,
                         const char   *role,
                         gint64        now,
                         const char   *staff_id,
                         char        **out_user_id,
                         GError      **error)
{
  g_autofree char *name = NULL;
  g_autofree char *folded_email = NULL;
  g_autofree char *user_id = NULL;
  gboolean exists = FALSE;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (tenant_id != NULL, FALSE);
  g_return_val_if_fail (email != NULL, FALSE);
  g_return_val_if_fail (password_hash != NULL && *password_hash != '\0', FALSE);
  g_return_val_if_fail (role != NULL, FALSE);
  g_return_val_if_fail (staff_id == NULL || ahi_id_is_valid (staff_id), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (g_strcmp0 (role, "owner") == 0)
    {
      g_set_error_literal (error, AHI_CONTROL_ERROR, AHI_CONTROL_ERROR_UNPROCESSABLE,
                           "A tenant has one owner; invite a manager or staff");
      return FALSE;
    }
  if (g_strcmp0 (role, "manager") != 0 && g_strcmp0 (role, "staff") != 0)
    {
      g_set_error (error, AHI_CONTROL_ERROR, AHI_CONTROL_ERROR_INVALID,
                   "Unknown role “%s”", role);
      return FALSE;
    }
  if ((name = clean_text (display_name, "display name", error)) == NULL ||
      (folded_email = normalize_email (email, error)) == NULL)
    return FALSE;

  if (!ahi_db_begin (self->db, error))
    return FALSE;

  if (!_ahi_control_row_exists (self->db, "SELECT 1 FROM tenants WHERE tenant_id = ?",
                   tenant_id, NULL, &exists, error))
    goto fail;
  if (!exists)
    {
      g_set_error_literal (error, AHI_CONTROL_ERROR, AHI_CONTROL_ERROR_NOT_FOUND,
                           "No such tenant");
      goto fail;
    }
  if (!insert_member (self, tenant_id, folded_email, name, password_hash, role,
                      staff_id, now, &user_id, error) ||
      !ahi_db_commit (self->db, error))
    goto fail;

  if (out_user_id != NULL)
    *out_user_id = g_steal_pointer (&user_id);
  return TRUE;

fail:
  ahi_db_rollback (self->db);
  return FALSE;
}
