/* ahi-control-tokens.c — devices and their access and refresh tokens */
#include "store/control/ahi-control-private.h"

#include <string.h>
#include <sodium.h>

#include "core/ahi-id.h"

#define TOKEN_BYTES 32

typedef struct {
  char     *user_id;
  char     *device_id;
  gint64    expires_at;
  gboolean  revoked;
} TokenRow;

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

/* The hex BLAKE2b-256 of a token's text: its key in the tokens table (and
 * how a device's secret is kept). */
char *
_ahi_control_hash_secret (const char *token)
{
  guchar digest[crypto_generichash_BYTES];
  char hex[crypto_generichash_BYTES * 2 + 1];

  G_STATIC_ASSERT (crypto_generichash_BYTES == 32);

  crypto_generichash (digest, sizeof digest, (const guchar *) token, strlen (token), NULL, 0);
  sodium_bin2hex (hex, sizeof hex, digest, sizeof digest);
  return g_strdup (hex);
}

char *
_ahi_control_new_secret (void)
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
insert_token (AhiControl  *self,
              const char   *token,
              const char   *kind,
              const char   *user_id,
              const char   *device_id,
              gint64        expires_at,
              GError      **error)
{
  g_autofree char *hash = _ahi_control_hash_secret (token);
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
issue_pair (AhiControl  *self,
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

  tokens.access_token = _ahi_control_new_secret ();
  tokens.refresh_token = _ahi_control_new_secret ();
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
lookup_token (AhiControl  *self,
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

  hash = _ahi_control_hash_secret (token);
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
revoke_device_tokens (AhiControl  *self,
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

static gboolean
revoke_family (AhiControl  *self,
               const char  *device_id,
               const char  *user_id,
               gint64       now,
               GError     **error)
{
  sqlite3_stmt *stmt = ahi_db_prepare (self->db,
                                       "UPDATE tokens SET revoked_at = ? "
                                       "WHERE device_id = ? AND user_id = ? AND revoked_at IS NULL", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, now);
  ahi_db_bind_text (stmt, 2, device_id);
  ahi_db_bind_text (stmt, 3, user_id);
  return ahi_db_step_done (self->db, stmt, error);
}

static void
set_unauthorized (GError **error)
{
  g_set_error_literal (error, AHI_CONTROL_ERROR, AHI_CONTROL_ERROR_UNAUTHORIZED,
                       "The token is not valid; sign in again");
}

/* The token's row when it is known and not revoked; otherwise FALSE
 * with UNAUTHORIZED (or the database's error) and row left empty. */
static gboolean
find_live_token (AhiControl  *self,
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

/* ---------------------------------------------------------- public API */

void
ahi_tokens_clear (AhiTokens *tokens)
{
  if (tokens == NULL)
    return;

  wipe_and_free (tokens->access_token);
  wipe_and_free (tokens->refresh_token);
  wipe_and_free (tokens->device_secret);
  g_free (tokens->device_id);
  memset (tokens, 0, sizeof *tokens);
}

gboolean
ahi_control_issue_tokens (AhiControl   *self,
                          const char   *user_id,
                          const char   *device_id,
                          const char   *device_secret,
                          const char   *tenant_id,
                          gint64        now,
                          AhiTokens    *out,
                          GError      **error)
{
  g_autofree char *usable_device = NULL;
  char *new_secret = NULL;
  gboolean exists = FALSE;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (user_id != NULL, FALSE);
  g_return_val_if_fail (out != NULL && out->access_token == NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!ahi_db_begin (self->db, error))
    return FALSE;

  if (!_ahi_control_row_exists (self->db, "SELECT 1 FROM users WHERE user_id = ?",
                                user_id, NULL, &exists, error))
    goto fail;
  if (!exists)
    {
      g_set_error_literal (error, AHI_CONTROL_ERROR, AHI_CONTROL_ERROR_NOT_FOUND,
                           "No such user");
      goto fail;
    }

  if (device_id != NULL && ahi_id_is_valid (device_id))
    {
      if (!_ahi_control_claim_device (self->db, device_id, device_secret, user_id, tenant_id, now, &usable_device,
                                      &new_secret, error))
        goto fail;
    }

  if (usable_device == NULL)
    {
      usable_device = ahi_id_new ();
      if (!_ahi_control_bind_new_device (self->db, usable_device, user_id, NULL, now, error))
        goto fail;
    }

  if (!issue_pair (self, user_id, usable_device, now, out, error))
    goto fail;
  if (!ahi_db_commit (self->db, error))
    {
      ahi_tokens_clear (out);
      goto fail;
    }
  out->device_secret = g_steal_pointer (&new_secret);
  return TRUE;

fail:
  wipe_and_free (new_secret);
  ahi_db_rollback (self->db);
  return FALSE;
}

gboolean
ahi_control_refresh (AhiControl  *self,
                      const char   *refresh_token,
                      gint64        now,
                      AhiTokens    *out,
                      GError      **error)
{
  g_autofree char *hash = NULL;
  GError *local_error = NULL;
  TokenRow row = { 0, };
  sqlite3_stmt *stmt;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (refresh_token != NULL, FALSE);
  g_return_val_if_fail (out != NULL && out->access_token == NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!ahi_db_begin (self->db, error))
    return FALSE;

  if (!lookup_token (self, refresh_token, "refresh", &row, &local_error))
    {
      if (local_error != NULL)
        g_propagate_error (error, local_error);
      else
        set_unauthorized (error);
      goto fail;
    }
  if (row.revoked)
    {
      /* A refresh token is spent when it is rotated: presenting it again
       * means two holders of the device's session, one of them not the
       * device (a copied token). End the whole family, so that neither
       * goes on; the device signs in again with a password. The family
       * is the session's: this account's tokens on this device (on a
       * shared desk, a colleague signed in since is another session). */
      if (!revoke_family (self, row.device_id, row.user_id, now, error) ||
          !ahi_db_commit (self->db, error))
        goto fail;
      set_unauthorized (error);
      token_row_clear (&row);
      return FALSE;
    }
  if (now >= row.expires_at)
    {
      set_unauthorized (error);
      goto fail;
    }

  hash = _ahi_control_hash_secret (refresh_token);
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
ahi_control_authenticate (AhiControl  *self,
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
      g_set_error_literal (error, AHI_CONTROL_ERROR, AHI_CONTROL_ERROR_TOKEN_EXPIRED,
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
ahi_control_logout (AhiControl  *self,
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
ahi_control_revoke_device (AhiControl  *self,
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

  if (!_ahi_control_row_exists (self->db, "SELECT 1 FROM devices WHERE device_id = ? AND user_id = ?",
                   device_id, user_id, &exists, error))
    goto fail;
  if (!exists)
    {
      g_set_error_literal (error, AHI_CONTROL_ERROR, AHI_CONTROL_ERROR_NOT_FOUND,
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
