/* ahi-control.c — the control database: its schema, opening it, and
 * who belongs to which tenant */
#include "store/control/ahi-control-private.h"

#include <gio/gio.h>

#include "core/ahi-id.h"
#include "store/ahi-migrations.h"
#include "store/ahi-store.h"
#include "store/ahi-tenant-bootstrap.h"

/* "AHIC": a control database. Another value (a tenant's "AHID" among them)
 * is refused rather than migrated. */
#define CONTROL_APPLICATION_ID 0x41484943

static const char * const control_migrations[] = {
  "/app/ahi/Desk/store/control/sql/control-001.sql",
  "/app/ahi/Desk/store/control/sql/control-002.sql",
  "/app/ahi/Desk/store/control/sql/control-003.sql",
};

static const AhiSchema control_schema = {
  "ahi-server control database", CONTROL_APPLICATION_ID, control_migrations, G_N_ELEMENTS (control_migrations),
};

/* ------------------------------------------------------------- helpers */

/* Trimmed and ASCII lower-cased: the form e-mails are stored and counted
 * in. ASCII only, because g_utf8_strdown depends on the locale. */
char *
_ahi_control_fold_email (const char *email)
{
  g_autofree char *copy = g_strdup (email);

  return g_ascii_strdown (g_strstrip (copy), -1);
}

gboolean
_ahi_control_row_exists (AhiDb       *db,
            const char  *sql,
            const char  *first,
            const char  *second,
            gboolean    *out_exists,
            GError     **error)
{
  GError *local_error = NULL;
  sqlite3_stmt *stmt = ahi_db_prepare (db, sql, error);

  if (stmt == NULL)
    return FALSE;

  ahi_db_bind_text (stmt, 1, first);
  if (second != NULL)
    ahi_db_bind_text (stmt, 2, second);

  *out_exists = ahi_db_step_row (db, stmt, &local_error);
  sqlite3_reset (stmt);
  return ahi_db_finish_rows (local_error, error);
}

/* Owners who signed up before memberships named their staff row get the
 * one their tenant's bootstrap made them: it derives from the tenant id.
 * Members added before then keep none (ahi_control_member_for_staff
 * finds nobody for them) until their role next changes. */
static gboolean
link_owners (AhiDb   *db,
             GError **error)
{
  g_autoptr(GPtrArray) tenants = g_ptr_array_new_with_free_func (g_free);
  GError *local_error = NULL;
  sqlite3_stmt *stmt;

  stmt = ahi_db_prepare (db, "SELECT tenant_id FROM memberships WHERE role = 'owner' AND staff_id IS NULL", error);
  if (stmt == NULL)
    return FALSE;
  while (ahi_db_step_row (db, stmt, &local_error))
    g_ptr_array_add (tenants, ahi_db_column_dup (stmt, 0));
  if (!ahi_db_finish_rows (local_error, error))
    return FALSE;
  if (tenants->len == 0)
    return TRUE;

  if (!ahi_db_begin (db, error))
    return FALSE;
  for (guint i = 0; i < tenants->len; i++)
    {
      const char *tenant_id = g_ptr_array_index (tenants, i);
      g_autofree char *staff_id = ahi_id_is_valid (tenant_id) ? ahi_tenant_owner_id (tenant_id) : NULL;

      if (staff_id == NULL)
        continue;
      stmt = ahi_db_prepare (db, "UPDATE memberships SET staff_id = ? WHERE tenant_id = ? AND role = 'owner'", error);
      if (stmt == NULL)
        goto fail;
      ahi_db_bind_text (stmt, 1, staff_id);
      ahi_db_bind_text (stmt, 2, tenant_id);
      if (!ahi_db_step_done (db, stmt, error))
        goto fail;
    }
  if (ahi_db_commit (db, error))
    return TRUE;

fail:
  ahi_db_rollback (db);
  return FALSE;
}

/* ---------------------------------------------------------- public API */

AhiControl *
ahi_control_open (const char  *path,
                   GError     **error)
{
  g_autoptr(AhiControl) self = NULL;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  ahi_store_module_init ();

  self = g_new0 (AhiControl, 1);
  self->db = ahi_db_open (path, TRUE, 0, error);
  if (self->db == NULL ||
      !ahi_schema_check (self->db, &control_schema, error) ||
      !ahi_db_enable_wal (self->db, error) ||
      !ahi_db_exec (self->db, "PRAGMA foreign_keys = ON", error) ||
      !ahi_schema_migrate (self->db, &control_schema, error) ||
      !link_owners (self->db, error))
    return NULL;

  return g_steal_pointer (&self);
}

void
ahi_control_free (AhiControl *self)
{
  if (self == NULL)
    return;

  g_clear_pointer (&self->db, ahi_db_close);
  g_free (self);
}

AhiDb *
ahi_control_get_db (AhiControl *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->db;
}

gboolean
ahi_control_role_in (AhiControl  *self,
                      const char   *user_id,
                      const char   *tenant_id,
                      char        **out_role,
                      GError      **error)
{
  GError *local_error = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (user_id != NULL, FALSE);
  g_return_val_if_fail (tenant_id != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  stmt = ahi_db_prepare (self->db,
                         "SELECT role FROM memberships WHERE tenant_id = ? AND user_id = ?", error);
  if (stmt == NULL)
    return FALSE;
  ahi_db_bind_text (stmt, 1, tenant_id);
  ahi_db_bind_text (stmt, 2, user_id);

  if (!ahi_db_step_row (self->db, stmt, &local_error))
    {
      /* The same answer for "no such tenant" and "not yours". */
      if (ahi_db_finish_rows (local_error, error))
        g_set_error_literal (error, AHI_CONTROL_ERROR, AHI_CONTROL_ERROR_NOT_FOUND,
                             "No such tenant");
      return FALSE;
    }

  if (out_role != NULL)
    *out_role = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_reset (stmt);
  return TRUE;
}

gboolean
ahi_control_tenant_exists (AhiControl  *self,
                            const char   *tenant_id,
                            GError      **error)
{
  gboolean exists = FALSE;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (tenant_id != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return _ahi_control_row_exists (self->db, "SELECT 1 FROM tenants WHERE tenant_id = ?",
                     tenant_id, NULL, &exists, error) && exists;
}

GPtrArray *
ahi_control_tenants_of (AhiControl  *self,
                         const char   *user_id,
                         GError      **error)
{
  g_autoptr(GPtrArray) tenants = NULL;
  GError *local_error = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (user_id != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  stmt = ahi_db_prepare (self->db,
                         "SELECT tenant_id FROM memberships WHERE user_id = ? "
                         "ORDER BY created_at, tenant_id", error);
  if (stmt == NULL)
    return NULL;
  ahi_db_bind_text (stmt, 1, user_id);

  tenants = g_ptr_array_new_with_free_func (g_free);
  while (ahi_db_step_row (self->db, stmt, &local_error))
    g_ptr_array_add (tenants, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
  if (!ahi_db_finish_rows (local_error, error))
    return NULL;

  return g_steal_pointer (&tenants);
}

gboolean
ahi_control_member_for_staff (AhiControl   *self,
                              const char   *tenant_id,
                              const char   *staff_id,
                              char        **out_user_id,
                              char        **out_role,
                              GError      **error)
{
  GError *local_error = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (tenant_id != NULL, FALSE);
  g_return_val_if_fail (staff_id != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  stmt = ahi_db_prepare (self->db,
                         "SELECT user_id, role FROM memberships WHERE tenant_id = ? AND staff_id = ?", error);
  if (stmt == NULL)
    return FALSE;
  ahi_db_bind_text (stmt, 1, tenant_id);
  ahi_db_bind_text (stmt, 2, staff_id);
  if (!ahi_db_step_row (self->db, stmt, &local_error))
    {
      if (ahi_db_finish_rows (local_error, error))
        g_set_error_literal (error, AHI_CONTROL_ERROR, AHI_CONTROL_ERROR_NOT_FOUND,
                             "No member of this business is linked to that staff member");
      return FALSE;
    }
  if (out_user_id != NULL)
    *out_user_id = ahi_db_column_dup (stmt, 0);
  if (out_role != NULL)
    *out_role = ahi_db_column_dup (stmt, 1);
  sqlite3_reset (stmt);
  return TRUE;
}
