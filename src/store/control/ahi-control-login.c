/* ahi-control-login.c — what a login reads (the stored hash) and the
 * limits on failed sign-in attempts: per e-mail (a password guessed) and
 * per client address (many e-mails tried from one place) */
#include "store/control/ahi-control-private.h"

/* ---------------------------------------------------------- public API */

char *
ahi_control_password_hash_for (AhiControl  *self,
                                const char   *email,
                                char        **out_user_id,
                                GError      **error)
{
  g_autofree char *folded = NULL;
  g_autofree char *hash = NULL;
  GError *local_error = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (email != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  folded = _ahi_control_fold_email (email);
  stmt = ahi_db_prepare (self->db,
                         "SELECT user_id, password_hash FROM users WHERE email = ?", error);
  if (stmt == NULL)
    return NULL;
  ahi_db_bind_text (stmt, 1, folded);

  if (!ahi_db_step_row (self->db, stmt, &local_error))
    {
      if (ahi_db_finish_rows (local_error, error))
        g_set_error_literal (error, AHI_CONTROL_ERROR, AHI_CONTROL_ERROR_INVALID_CREDENTIALS,
                             "Wrong e-mail address or password");
      return NULL;
    }

  if (out_user_id != NULL)
    *out_user_id = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  hash = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
  sqlite3_reset (stmt);
  return g_steal_pointer (&hash);
}

/* The failed attempts of column = value in the window before now. */
static gboolean
count_attempts (AhiDb       *db,
                const char  *sql,
                const char  *value,
                gint64       now,
                gint64      *out,
                GError     **error)
{
  GError *local_error = NULL;
  sqlite3_stmt *stmt = ahi_db_prepare (db, sql, error);

  if (stmt == NULL)
    return FALSE;
  ahi_db_bind_text (stmt, 1, value);
  sqlite3_bind_int64 (stmt, 2, now - AHI_LOGIN_WINDOW);
  *out = 0;
  if (ahi_db_step_row (db, stmt, &local_error))
    {
      *out = sqlite3_column_int64 (stmt, 0);
      sqlite3_reset (stmt);
    }
  return ahi_db_finish_rows (local_error, error);
}

gboolean
ahi_control_check_login_rate (AhiControl  *self,
                              const char  *email,
                              const char  *address,
                              gint64       now,
                              GError     **error)
{
  g_autofree char *folded = NULL;
  gint64 by_email = 0, by_address = 0;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (email != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  folded = _ahi_control_fold_email (email);
  if (!count_attempts (self->db, "SELECT count(*) FROM login_attempts WHERE email = ? AND at > ?",
                       folded, now, &by_email, error) ||
      (address != NULL &&
       !count_attempts (self->db, "SELECT count(*) FROM login_attempts WHERE address = ? AND at > ?",
                        address, now, &by_address, error)))
    return FALSE;

  if (by_email >= AHI_LOGIN_MAX_ATTEMPTS || by_address >= AHI_LOGIN_MAX_PER_ADDRESS)
    {
      g_set_error_literal (error, AHI_CONTROL_ERROR, AHI_CONTROL_ERROR_RATE_LIMITED,
                           "Too many sign-in attempts; try again in a few minutes");
      return FALSE;
    }
  return TRUE;
}

gboolean
ahi_control_record_login_attempt (AhiControl  *self,
                                  const char  *email,
                                  const char  *address,
                                  gint64       now,
                                  GError     **error)
{
  g_autofree char *folded = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (email != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  folded = _ahi_control_fold_email (email);
  if (!ahi_db_begin (self->db, error))
    return FALSE;

  /* Attempts out of every window go, whatever their e-mail: a stream of
   * made-up addresses must not grow the table for ever. */
  stmt = ahi_db_prepare (self->db, "DELETE FROM login_attempts WHERE at <= ?", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, now - AHI_LOGIN_WINDOW);
  if (!ahi_db_step_done (self->db, stmt, error))
    goto fail;

  stmt = ahi_db_prepare (self->db, "INSERT INTO login_attempts (email, at, address) VALUES (?, ?, ?)", error);
  if (stmt == NULL)
    goto fail;
  ahi_db_bind_text (stmt, 1, folded);
  sqlite3_bind_int64 (stmt, 2, now);
  ahi_db_bind_text (stmt, 3, address);
  if (!ahi_db_step_done (self->db, stmt, error) ||
      !ahi_db_commit (self->db, error))
    goto fail;
  return TRUE;

fail:
  ahi_db_rollback (self->db);
  return FALSE;
}

gboolean
ahi_control_clear_login_attempts (AhiControl  *self,
                                   const char   *email,
                                   GError      **error)
{
  g_autofree char *folded = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (email != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  folded = _ahi_control_fold_email (email);
  stmt = ahi_db_prepare (self->db, "DELETE FROM login_attempts WHERE email = ?", error);
  if (stmt == NULL)
    return FALSE;
  ahi_db_bind_text (stmt, 1, folded);
  return ahi_db_step_done (self->db, stmt, error);
}
