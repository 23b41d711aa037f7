/* ahi-accounts.c — the control database: tenants, users, roles, devices,
 * tokens and the login rate limit */
#include "ahi-accounts.h"

#include <string.h>
#include <gio/gio.h>
#include <sodium.h>

#include "ahi-server-error.h"
#include "ahi-server-resources.h"
#include "core/ahi-blueprint.h"
#include "core/ahi-id.h"
#include "store/ahi-migrations.h"
#include "store/ahi-store.h"
#include "store/ahi-store-error.h"

/* "AHIC": a control database. Another value (a tenant's "AHID" among them)
 * is refused rather than migrated. */
#define CONTROL_APPLICATION_ID 0x41484943

#define TOKEN_BYTES 32

struct _AhiAccounts {
  AhiDb *db;
};

typedef struct {
  char     *user_id;
  char     *device_id;
  gint64    expires_at;
  gboolean  revoked;
} TokenRow;

static const char * const control_migrations[] = {
  "/app/ahi/Desk/server/sql/control-001.sql",
};

static const AhiSchema control_schema = {
  "ahi-server control database", CONTROL_APPLICATION_ID, control_migrations, G_N_ELEMENTS (control_migrations),
};

/* ------------------------------------------------------------- helpers */

static void
token_row_clear (TokenRow *row)
{
  g_clear_pointer (&row->user_id, g_free);
  g_clear_pointer (&row->device_id, g_free);
}

static void
wipe_and_free (char *secret)
{
  if (secret != NULL)
    sodium_memzero (secret, strlen (secret));
  g_free (secret);
}

/* Trimmed and ASCII lower-cased: the form e-mails are stored and counted
 * in. ASCII only, because g_utf8_strdown depends on the locale. */
static char *
fold_email (const char *email)
{
  g_autofree char *copy = g_strdup (email);

  return g_ascii_strdown (g_strstrip (copy), -1);
}

static char *
normalize_email (const char  *email,
                 GError     **error)
{
  g_autofree char *folded = NULL;
  const char *at;
  gsize length;

  if (!g_utf8_validate (email, -1, NULL))
    {
      g_set_error_literal (error, AHI_SERVER_ERROR, AHI_SERVER_ERROR_BAD_REQUEST,
                           "The e-mail address is not valid UTF-8");
      return NULL;
    }

  folded = fold_email (email);
  length = strlen (folded);
  at = strrchr (folded, '@');

  if (length > AHI_EMAIL_MAX_BYTES || at == NULL || at == folded || at[1] == '\0')
    {
      g_set_error_literal (error, AHI_SERVER_ERROR, AHI_SERVER_ERROR_UNPROCESSABLE,
                           "The e-mail address is not valid");
      return NULL;
    }
  for (const char *p = folded; *p != '\0'; p++)
    if ((guchar) *p <= 0x20 || (guchar) *p == 0x7f)
      {
        g_set_error_literal (error, AHI_SERVER_ERROR, AHI_SERVER_ERROR_UNPROCESSABLE,
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
      g_set_error (error, AHI_SERVER_ERROR, AHI_SERVER_ERROR_BAD_REQUEST,
                   "The %s is missing or not valid UTF-8", what);
      return NULL;
    }

  copy = g_strstrip (g_strdup (text));
  if (*copy == '\0')
    {
      g_set_error (error, AHI_SERVER_ERROR, AHI_SERVER_ERROR_UNPROCESSABLE,
                   "The %s is empty", what);
      return NULL;
    }
  return g_steal_pointer (&copy);
}

/* The hex BLAKE2b-256 of a token's text: its key in the tokens table. */
static char *
hash_token (const char *token)
{
  guchar digest[crypto_generichash_BYTES];
  char hex[crypto_generichash_BYTES * 2 + 1];

  G_STATIC_ASSERT (crypto_generichash_BYTES == 32);

  crypto_generichash (digest, sizeof digest, (const guchar *) token, strlen (token), NULL, 0);
  sodium_bin2hex (hex, sizeof hex, digest, sizeof digest);
  return g_strdup (hex);
}

static char *
new_token (void)
{
  guchar bytes[TOKEN_BYTES];
  char text[sodium_base64_ENCODED_LEN (TOKEN_BYTES, sodium_base64_VARIANT_URLSAFE_NO_PADDING)];
  char *token;

  G_STATIC_ASSERT (sizeof text == AHI_TOKEN_LENGTH + 1);

  randombytes_buf (bytes, sizeof bytes);
  sodium_bin2base64 (text, sizeof text, bytes, sizeof bytes,
                     sodium_base64_VARIANT_URLSAFE_NO_PADDING);
  token = g_strdup (text);
  sodium_memzero (bytes, sizeof bytes);
  sodium_memzero (text, sizeof text);
  return token;
}

static gboolean
row_exists (AhiDb       *db,
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

static gboolean
insert_member (AhiAccounts  *self,
               const char   *tenant_id,
               const char   *email,
               const char   *display_name,
               const char   *password_hash,
               const char   *role,
               gint64        now,
               char        **out_user_id,
               GError      **error)
{
  g_autofree char *user_id = ahi_id_new ();
  gboolean taken = FALSE;
  sqlite3_stmt *stmt;

  if (!row_exists (self->db, "SELECT 1 FROM users WHERE email = ?", email, NULL, &taken, error))
    return FALSE;
  if (taken)
    {
      g_set_error_literal (error, AHI_SERVER_ERROR, AHI_SERVER_ERROR_CONFLICT,
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
                         "INSERT INTO memberships (tenant_id, user_id, role, created_at) "
                         "VALUES (?, ?, ?, ?)", error);
  if (stmt == NULL)
    return FALSE;
  ahi_db_bind_text (stmt, 1, tenant_id);
  ahi_db_bind_text (stmt, 2, user_id);
  ahi_db_bind_text (stmt, 3, role);
  sqlite3_bind_int64 (stmt, 4, now);
  if (!ahi_db_step_done (self->db, stmt, error))
    return FALSE;

  *out_user_id = g_steal_pointer (&user_id);
  return TRUE;
}

static gboolean
insert_token (AhiAccounts  *self,
              const char   *token,
              const char   *kind,
              const char   *user_id,
              const char   *device_id,
              gint64        expires_at,
              GError      **error)
{
  g_autofree char *hash = hash_token (token);
  sqlite3_stmt *stmt;

  stmt = ahi_db_prepare (self->db,
                         "INSERT INTO tokens (token_hash, kind, user_id, device_id, expires_at) "
                         "VALUES (?, ?, ?, ?, ?)", error);
  if (stmt == NULL)
    return FALSE;
  ahi_db_bind_text (stmt, 1, hash);
  ahi_db_bind_text (stmt, 2, kind);
  ahi_db_bind_text (stmt, 3, user_id);
  ahi_db_bind_text (stmt, 4, device_id);
  sqlite3_bind_int64 (stmt, 5, expires_at);
  return ahi_db_step_done (self->db, stmt, error);
}

/* A new pair for a device known to belong to user_id; inside a write
 * transaction. Tokens long expired are dropped on the way. */
static gboolean
issue_pair (AhiAccounts  *self,
            const char   *user_id,
            const char   *device_id,
            gint64        now,
            AhiTokens    *out,
            GError      **error)
{
  g_auto(AhiTokens) tokens = { 0, };
  sqlite3_stmt *stmt;

  /* Kept for a refresh lifetime past their expiry, so that an old token
   * still answers "expired" rather than "unknown" for a while. */
  stmt = ahi_db_prepare (self->db,
                         "DELETE FROM tokens WHERE device_id = ? AND expires_at <= ?", error);
  if (stmt == NULL)
    return FALSE;
  ahi_db_bind_text (stmt, 1, device_id);
  sqlite3_bind_int64 (stmt, 2, now - AHI_REFRESH_TOKEN_TTL);
  if (!ahi_db_step_done (self->db, stmt, error))
    return FALSE;

  tokens.access_token = new_token ();
  tokens.refresh_token = new_token ();
  tokens.access_expires_at = now + AHI_ACCESS_TOKEN_TTL;
  tokens.refresh_expires_at = now + AHI_REFRESH_TOKEN_TTL;
  tokens.device_id = g_strdup (device_id);

  if (!insert_token (self, tokens.access_token, "access", user_id, device_id,
                     tokens.access_expires_at, error) ||
      !insert_token (self, tokens.refresh_token, "refresh", user_id, device_id,
                     tokens.refresh_expires_at, error))
    return FALSE;

  *out = tokens;
  memset (&tokens, 0, sizeof tokens);
  return TRUE;
}

/* Finds a token of kind; FALSE without error when there is none. A token
 * of a revoked device counts as revoked. */
static gboolean
lookup_token (AhiAccounts  *self,
              const char   *token,
              const char   *kind,
              TokenRow     *out,
              GError      **error)
{
  g_autofree char *hash = NULL;
  GError *local_error = NULL;
  sqlite3_stmt *stmt;

  /* Not one of ours: no need to ask the database. */
  if (strlen (token) != AHI_TOKEN_LENGTH)
    return FALSE;

  stmt = ahi_db_prepare (self->db,
                         "SELECT t.user_id, t.device_id, t.expires_at, "
                         "       t.revoked_at IS NOT NULL OR d.revoked_at IS NOT NULL "
                         "FROM tokens t JOIN devices d ON d.device_id = t.device_id "
                         "WHERE t.token_hash = ? AND t.kind = ?", error);
  if (stmt == NULL)
    return FALSE;

  hash = hash_token (token);
  ahi_db_bind_text (stmt, 1, hash);
  ahi_db_bind_text (stmt, 2, kind);
  if (!ahi_db_step_row (self->db, stmt, &local_error))
    {
      ahi_db_finish_rows (local_error, error);
      return FALSE;
    }

  out->user_id = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  out->device_id = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
  out->expires_at = sqlite3_column_int64 (stmt, 2);
  out->revoked = sqlite3_column_int (stmt, 3) != 0;
  sqlite3_reset (stmt);
  return TRUE;
}

static gboolean
revoke_device_tokens (AhiAccounts  *self,
                      const char   *device_id,
                      gint64        now,
                      GError      **error)
{
  sqlite3_stmt *stmt = ahi_db_prepare (self->db,
                                       "UPDATE tokens SET revoked_at = ? "
                                       "WHERE device_id = ? AND revoked_at IS NULL", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, now);
  ahi_db_bind_text (stmt, 2, device_id);
  return ahi_db_step_done (self->db, stmt, error);
}

static void
set_unauthorized (GError **error)
{
  g_set_error_literal (error, AHI_SERVER_ERROR, AHI_SERVER_ERROR_UNAUTHORIZED,
                       "The token is not valid; sign in again");
}

/* ---------------------------------------------------------- public API */

void
ahi_server_module_init (void)
{
  static gsize initialised = 0;

  ahi_store_module_init ();
  if (g_once_init_enter (&initialised))
    {
      /* STACK-NOTES: a static library's GResource is dropped at link
       * time unless registered by hand. */
      g_resources_register (ahi_server_get_resource ());
      g_once_init_leave (&initialised, 1);
    }
}

void
ahi_tokens_clear (AhiTokens *tokens)
{
  if (tokens == NULL)
    return;

  wipe_and_free (tokens->access_token);
  wipe_and_free (tokens->refresh_token);
  g_free (tokens->device_id);
  memset (tokens, 0, sizeof *tokens);
}

AhiAccounts *
ahi_accounts_open (const char  *path,
                   GError     **error)
{
  g_autoptr(AhiAccounts) self = NULL;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  ahi_server_module_init ();

  self = g_new0 (AhiAccounts, 1);
  self->db = ahi_db_open (path, TRUE, 0, error);
  if (self->db == NULL ||
      !ahi_schema_check (self->db, &control_schema, error) ||
      !ahi_db_enable_wal (self->db, error) ||
      !ahi_db_exec (self->db, "PRAGMA foreign_keys = ON", error) ||
      !ahi_schema_migrate (self->db, &control_schema, error))
    return NULL;

  return g_steal_pointer (&self);
}

void
ahi_accounts_free (AhiAccounts *self)
{
  if (self == NULL)
    return;

  g_clear_pointer (&self->db, ahi_db_close);
  g_free (self);
}

AhiDb *
ahi_accounts_get_db (AhiAccounts *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->db;
}

gboolean
ahi_accounts_sign_up (AhiAccounts  *self,
                      const char   *tenant_id,
                      const char   *business_name,
                      const char   *sector,
                      const char   *email,
                      const char   *display_name,
                      const char   *password_hash,
                      gint64        now,
                      char        **out_tenant_id,
                      char        **out_user_id,
                      GError      **error)
{
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
      g_set_error_literal (error, AHI_SERVER_ERROR, AHI_SERVER_ERROR_BAD_REQUEST,
                           "The tenant id is not a UUID");
      return FALSE;
    }
  if (sector == NULL || !g_strv_contains (ahi_blueprint_list_ids (), sector))
    {
      g_set_error (error, AHI_SERVER_ERROR, AHI_SERVER_ERROR_UNPROCESSABLE,
                   "Unknown sector “%s”", sector != NULL ? sector : "");
      return FALSE;
    }
  if ((name = clean_text (business_name, "business name", error)) == NULL ||
      (owner_name = clean_text (display_name, "display name", error)) == NULL ||
      (folded_email = normalize_email (email, error)) == NULL)
    return FALSE;

  new_tenant_id = tenant_id != NULL ? g_strdup (tenant_id) : ahi_id_new ();

  if (!ahi_db_begin (self->db, error))
    return FALSE;

  if (!row_exists (self->db, "SELECT 1 FROM tenants WHERE tenant_id = ?",
                   new_tenant_id, NULL, &taken, error))
    goto fail;
  if (taken)
    {
      g_set_error_literal (error, AHI_SERVER_ERROR, AHI_SERVER_ERROR_CONFLICT,
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
                      "owner", now, &user_id, error) ||
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
ahi_accounts_add_member (AhiAccounts  *self,
                         const char   *tenant_id,
                         const char   *email,
                         const char   *display_name,
                         const char   *password_hash,
                         const char   *role,
                         gint64        now,
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
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (g_strcmp0 (role, "owner") == 0)
    {
      g_set_error_literal (error, AHI_SERVER_ERROR, AHI_SERVER_ERROR_UNPROCESSABLE,
                           "A tenant has one owner; invite a manager or staff");
      return FALSE;
    }
  if (g_strcmp0 (role, "manager") != 0 && g_strcmp0 (role, "staff") != 0)
    {
      g_set_error (error, AHI_SERVER_ERROR, AHI_SERVER_ERROR_BAD_REQUEST,
                   "Unknown role “%s”", role);
      return FALSE;
    }
  if ((name = clean_text (display_name, "display name", error)) == NULL ||
      (folded_email = normalize_email (email, error)) == NULL)
    return FALSE;

  if (!ahi_db_begin (self->db, error))
    return FALSE;

  if (!row_exists (self->db, "SELECT 1 FROM tenants WHERE tenant_id = ?",
                   tenant_id, NULL, &exists, error))
    goto fail;
  if (!exists)
    {
      g_set_error_literal (error, AHI_SERVER_ERROR, AHI_SERVER_ERROR_NOT_FOUND,
                           "No such tenant");
      goto fail;
    }
  if (!insert_member (self, tenant_id, folded_email, name, password_hash, role,
                      now, &user_id, error) ||
      !ahi_db_commit (self->db, error))
    goto fail;

  if (out_user_id != NULL)
    *out_user_id = g_steal_pointer (&user_id);
  return TRUE;

fail:
  ahi_db_rollback (self->db);
  return FALSE;
}

char *
ahi_accounts_password_hash_for (AhiAccounts  *self,
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

  folded = fold_email (email);
  stmt = ahi_db_prepare (self->db,
                         "SELECT user_id, password_hash FROM users WHERE email = ?", error);
  if (stmt == NULL)
    return NULL;
  ahi_db_bind_text (stmt, 1, folded);

  if (!ahi_db_step_row (self->db, stmt, &local_error))
    {
      if (ahi_db_finish_rows (local_error, error))
        g_set_error_literal (error, AHI_SERVER_ERROR, AHI_SERVER_ERROR_INVALID_CREDENTIALS,
                             "Wrong e-mail address or password");
      return NULL;
    }

  if (out_user_id != NULL)
    *out_user_id = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  hash = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
  sqlite3_reset (stmt);
  return g_steal_pointer (&hash);
}

gboolean
ahi_accounts_check_login_rate (AhiAccounts  *self,
                               const char   *email,
                               gint64        now,
                               GError      **error)
{
  g_autofree char *folded = NULL;
  GError *local_error = NULL;
  sqlite3_stmt *stmt;
  gint64 attempts = 0;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (email != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  folded = fold_email (email);
  stmt = ahi_db_prepare (self->db,
                         "SELECT count(*) FROM login_attempts WHERE email = ? AND at > ?", error);
  if (stmt == NULL)
    return FALSE;
  ahi_db_bind_text (stmt, 1, folded);
  sqlite3_bind_int64 (stmt, 2, now - AHI_LOGIN_WINDOW);
  if (ahi_db_step_row (self->db, stmt, &local_error))
    {
      attempts = sqlite3_column_int64 (stmt, 0);
      sqlite3_reset (stmt);
    }
  if (!ahi_db_finish_rows (local_error, error))
    return FALSE;

  if (attempts >= AHI_LOGIN_MAX_ATTEMPTS)
    {
      g_set_error_literal (error, AHI_SERVER_ERROR, AHI_SERVER_ERROR_RATE_LIMITED,
                           "Too many sign-in attempts; try again in a few minutes");
      return FALSE;
    }
  return TRUE;
}

gboolean
ahi_accounts_record_login_attempt (AhiAccounts  *self,
                                   const char   *email,
                                   gint64        now,
                                   GError      **error)
{
  g_autofree char *folded = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (email != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  folded = fold_email (email);
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

  stmt = ahi_db_prepare (self->db, "INSERT INTO login_attempts (email, at) VALUES (?, ?)", error);
  if (stmt == NULL)
    goto fail;
  ahi_db_bind_text (stmt, 1, folded);
  sqlite3_bind_int64 (stmt, 2, now);
  if (!ahi_db_step_done (self->db, stmt, error) ||
      !ahi_db_commit (self->db, error))
    goto fail;
  return TRUE;

fail:
  ahi_db_rollback (self->db);
  return FALSE;
}

gboolean
ahi_accounts_clear_login_attempts (AhiAccounts  *self,
                                   const char   *email,
                                   GError      **error)
{
  g_autofree char *folded = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (email != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  folded = fold_email (email);
  stmt = ahi_db_prepare (self->db, "DELETE FROM login_attempts WHERE email = ?", error);
  if (stmt == NULL)
    return FALSE;
  ahi_db_bind_text (stmt, 1, folded);
  return ahi_db_step_done (self->db, stmt, error);
}

gboolean
ahi_accounts_issue_tokens (AhiAccounts  *self,
                           const char   *user_id,
                           const char   *device_id,
                           gint64        now,
                           AhiTokens    *out,
                           GError      **error)
{
  g_autofree char *usable_device = NULL;
  gboolean exists = FALSE;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (user_id != NULL, FALSE);
  g_return_val_if_fail (out != NULL && out->access_token == NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!ahi_db_begin (self->db, error))
    return FALSE;

  if (!row_exists (self->db, "SELECT 1 FROM users WHERE user_id = ?",
                   user_id, NULL, &exists, error))
    goto fail;
  if (!exists)
    {
      g_set_error_literal (error, AHI_SERVER_ERROR, AHI_SERVER_ERROR_NOT_FOUND,
                           "No such user");
      goto fail;
    }

  if (device_id != NULL)
    {
      if (!row_exists (self->db,
                       "SELECT 1 FROM devices "
                       "WHERE device_id = ? AND user_id = ? AND revoked_at IS NULL",
                       device_id, user_id, &exists, error))
        goto fail;
      if (exists)
        usable_device = g_strdup (device_id);
    }

  if (usable_device == NULL)
    {
      usable_device = ahi_id_new ();
      stmt = ahi_db_prepare (self->db,
                             "INSERT INTO devices (device_id, user_id, created_at) VALUES (?, ?, ?)",
                             error);
      if (stmt == NULL)
        goto fail;
      ahi_db_bind_text (stmt, 1, usable_device);
      ahi_db_bind_text (stmt, 2, user_id);
      sqlite3_bind_int64 (stmt, 3, now);
      if (!ahi_db_step_done (self->db, stmt, error))
        goto fail;
    }

  if (!issue_pair (self, user_id, usable_device, now, out, error))
    goto fail;
  if (!ahi_db_commit (self->db, error))
    {
      ahi_tokens_clear (out);
      goto fail;
    }
  return TRUE;

fail:
  ahi_db_rollback (self->db);
  return FALSE;
}

/* The token's row when it is known and not revoked; otherwise FALSE
 * with UNAUTHORIZED (or the database's error) and row left empty. */
static gboolean
find_live_token (AhiAccounts  *self,
                 const char   *token,
                 const char   *kind,
                 TokenRow     *row,
                 GError      **error)
{
  GError *local_error = NULL;

  if (!lookup_token (self, token, kind, row, &local_error))
    {
      if (local_error != NULL)
        g_propagate_error (error, local_error);
      else
        set_unauthorized (error);
      return FALSE;
    }
  if (row->revoked)
    {
      set_unauthorized (error);
      token_row_clear (row);
      return FALSE;
    }
  return TRUE;
}

gboolean
ahi_accounts_refresh (AhiAccounts  *self,
                      const char   *refresh_token,
                      gint64        now,
                      AhiTokens    *out,
                      GError      **error)
{
  g_autofree char *hash = NULL;
  TokenRow row = { 0, };
  sqlite3_stmt *stmt;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (refresh_token != NULL, FALSE);
  g_return_val_if_fail (out != NULL && out->access_token == NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!ahi_db_begin (self->db, error))
    return FALSE;

  if (!find_live_token (self, refresh_token, "refresh", &row, error))
    goto fail;
  if (now >= row.expires_at)
    {
      set_unauthorized (error);
      goto fail;
    }

  hash = hash_token (refresh_token);
  stmt = ahi_db_prepare (self->db, "UPDATE tokens SET revoked_at = ? WHERE token_hash = ?", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, now);
  ahi_db_bind_text (stmt, 2, hash);
  if (!ahi_db_step_done (self->db, stmt, error) ||
      !issue_pair (self, row.user_id, row.device_id, now, out, error))
    goto fail;
  if (!ahi_db_commit (self->db, error))
    {
      ahi_tokens_clear (out);
      goto fail;
    }

  token_row_clear (&row);
  return TRUE;

fail:
  ahi_db_rollback (self->db);
  token_row_clear (&row);
  return FALSE;
}

gboolean
ahi_accounts_authenticate (AhiAccounts  *self,
                           const char   *access_token,
                           gint64        now,
                           char        **out_user_id,
                           char        **out_device_id,
                           GError      **error)
{
  TokenRow row = { 0, };

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (access_token != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!find_live_token (self, access_token, "access", &row, error))
    return FALSE;
  if (now >= row.expires_at)
    {
      g_set_error_literal (error, AHI_SERVER_ERROR, AHI_SERVER_ERROR_TOKEN_EXPIRED,
                           "The access token has expired; refresh it");
      token_row_clear (&row);
      return FALSE;
    }

  if (out_user_id != NULL)
    *out_user_id = g_steal_pointer (&row.user_id);
  if (out_device_id != NULL)
    *out_device_id = g_steal_pointer (&row.device_id);
  token_row_clear (&row);
  return TRUE;
}

gboolean
ahi_accounts_logout (AhiAccounts  *self,
                     const char   *access_token,
                     gint64        now,
                     GError      **error)
{
  TokenRow row = { 0, };
  gboolean ok;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (access_token != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!find_live_token (self, access_token, "access", &row, error))
    return FALSE;

  ok = revoke_device_tokens (self, row.device_id, now, error);
  token_row_clear (&row);
  return ok;
}

gboolean
ahi_accounts_revoke_device (AhiAccounts  *self,
                            const char   *user_id,
                            const char   *device_id,
                            gint64        now,
                            GError      **error)
{
  gboolean exists = FALSE;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (user_id != NULL, FALSE);
  g_return_val_if_fail (device_id != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!ahi_db_begin (self->db, error))
    return FALSE;

  if (!row_exists (self->db, "SELECT 1 FROM devices WHERE device_id = ? AND user_id = ?",
                   device_id, user_id, &exists, error))
    goto fail;
  if (!exists)
    {
      g_set_error_literal (error, AHI_SERVER_ERROR, AHI_SERVER_ERROR_NOT_FOUND,
                           "No such device");
      goto fail;
    }

  stmt = ahi_db_prepare (self->db,
                         "UPDATE devices SET revoked_at = coalesce (revoked_at, ?) "
                         "WHERE device_id = ?", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, now);
  ahi_db_bind_text (stmt, 2, device_id);
  if (!ahi_db_step_done (self->db, stmt, error) ||
      !revoke_device_tokens (self, device_id, now, error) ||
      !ahi_db_commit (self->db, error))
    goto fail;
  return TRUE;

fail:
  ahi_db_rollback (self->db);
  return FALSE;
}

gboolean
ahi_accounts_role_in (AhiAccounts  *self,
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
        g_set_error_literal (error, AHI_SERVER_ERROR, AHI_SERVER_ERROR_NOT_FOUND,
                             "No such tenant");
      return FALSE;
    }

  if (out_role != NULL)
    *out_role = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_reset (stmt);
  return TRUE;
}

gboolean
ahi_accounts_tenant_exists (AhiAccounts  *self,
                            const char   *tenant_id,
                            GError      **error)
{
  gboolean exists = FALSE;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (tenant_id != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return row_exists (self->db, "SELECT 1 FROM tenants WHERE tenant_id = ?",
                     tenant_id, NULL, &exists, error) && exists;
}

GPtrArray *
ahi_accounts_tenants_of (AhiAccounts  *self,
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
