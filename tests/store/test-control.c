/* test-control.c — the control store: sign-up, members and roles,
 * tokens, the login rate limit */
#include <string.h>
#include <glib/gstdio.h>
#include <sodium.h>

#include "core/ahi-password.h"
#include "store/ahi-store.h"
#include "store/ahi-store-error.h"
#include "store/ahi-tenant-bootstrap.h"
#include "store/control/ahi-control.h"
#include "store/control/ahi-control-members.h"

#define T        ((gint64) 1700000000)
#define ADOPT_ID "0190f3a2-7c1e-7abc-8def-0123456789ab"
#define PASSWORD "correct horse battery"
#define DEVICE   "0190f3a2-7c1e-7abc-8def-0000000000d1"
#define ADOPT_2  "0190f3a2-7c1e-7abc-8def-0000000000a2"

/* One hash for everybody: made once, at the minimum cost. */
static char *password_hash;

typedef struct {
  char        *dir;
  char        *path;
  AhiControl  *control;
} Fixture;

/* ------------------------------------------------------------- helpers */

static void
fixture_set_up (Fixture       *fx,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fx->dir = g_dir_make_tmp ("ahi-control-XXXXXX", &error);
  g_assert_no_error (error);
  fx->path = g_build_filename (fx->dir, "control.db", NULL);
  fx->control = ahi_control_open (fx->path, &error);
  g_assert_no_error (error);
  g_assert_nonnull (fx->control);
}

static void
fixture_tear_down (Fixture       *fx,
                   gconstpointer  data)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  g_clear_pointer (&fx->control, ahi_control_free);
  dir = g_dir_open (fx->dir, 0, NULL);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *file = g_build_filename (fx->dir, name, NULL);
      g_assert_cmpint (g_unlink (file), ==, 0);
    }
  g_assert_cmpint (g_rmdir (fx->dir), ==, 0);
  g_free (fx->path);
  g_free (fx->dir);
}

static gint64
count (Fixture    *fx,
       const char *sql)
{
  g_autoptr(GError) error = NULL;
  gint64 value = ahi_db_query_int (ahi_control_get_db (fx->control), sql, -1, &error);

  g_assert_no_error (error);
  return value;
}

static void
assert_counts (Fixture *fx,
               gint64   tenants,
               gint64   users,
               gint64   memberships)
{
  g_assert_cmpint (count (fx, "SELECT count(*) FROM tenants"), ==, tenants);
  g_assert_cmpint (count (fx, "SELECT count(*) FROM users"), ==, users);
  g_assert_cmpint (count (fx, "SELECT count(*) FROM memberships"), ==, memberships);
}

/* Signs up a hair salon; returns the tenant id, the owner's in out_user_id. */
static char *
sign_up (Fixture     *fx,
         const char  *tenant_id,
         const char  *email,
         char       **out_user_id)
{
  g_autoptr(GError) error = NULL;
  char *out_tenant_id = NULL;

  g_assert_true (ahi_control_sign_up (fx->control, tenant_id, "Salon Ada", "hair_beauty",
                                       email, "Ada", password_hash, NULL, T,
                                       &out_tenant_id, out_user_id, &error));
  g_assert_no_error (error);
  return out_tenant_id;
}

static char *
add_member (Fixture    *fx,
            const char *tenant_id,
            const char *email,
            const char *role)
{
  g_autoptr(GError) error = NULL;
  char *user_id = NULL;

  g_assert_true (ahi_control_add_member (fx->control, tenant_id, email, "Bob",
                                          password_hash, role, T, NULL, &user_id, &error));
  g_assert_no_error (error);
  return user_id;
}

static void
assert_role (Fixture    *fx,
             const char *user_id,
             const char *tenant_id,
             const char *expected)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *role = NULL;

  g_assert_true (ahi_control_role_in (fx->control, user_id, tenant_id, &role, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (role, ==, expected);
}

static void
assert_not_member (Fixture    *fx,
                   const char *user_id,
                   const char *tenant_id)
{
  g_autoptr(GError) error = NULL;
  char *role = NULL;

  g_assert_false (ahi_control_role_in (fx->control, user_id, tenant_id, &role, &error));
  g_assert_error (error, AHI_CONTROL_ERROR, AHI_CONTROL_ERROR_NOT_FOUND);
  g_assert_null (role);
}

static void
issue_with (Fixture    *fx,
            const char *user_id,
            const char *device_id,
            const char *device_secret,
            gint64      now,
            AhiTokens  *out)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (ahi_control_issue_tokens (fx->control, user_id, device_id, device_secret, NULL, now, out, &error));
  g_assert_no_error (error);
}

static void
issue (Fixture    *fx,
       const char *user_id,
       const char *device_id,
       gint64      now,
       AhiTokens  *out)
{
  issue_with (fx, user_id, device_id, NULL, now, out);
}

static void
assert_authenticates (Fixture    *fx,
                      const char *access_token,
                      gint64      now,
                      const char *user_id,
                      const char *device_id)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *out_user = NULL;
  g_autofree char *out_device = NULL;

  g_assert_true (ahi_control_authenticate (fx->control, access_token, now,
                                            &out_user, &out_device, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (out_user, ==, user_id);
  g_assert_cmpstr (out_device, ==, device_id);
}

static void
assert_auth_fails (Fixture    *fx,
                   const char *access_token,
                   gint64      now,
                   int         code)
{
  g_autoptr(GError) error = NULL;
  char *out_user = NULL;

  g_assert_false (ahi_control_authenticate (fx->control, access_token, now,
                                             &out_user, NULL, &error));
  g_assert_error (error, AHI_CONTROL_ERROR, code);
  g_assert_null (out_user);
}

static void
assert_refresh_fails (Fixture    *fx,
                      const char *refresh_token,
                      gint64      now)
{
  g_autoptr(GError) error = NULL;
  g_auto(AhiTokens) tokens = { 0, };

  g_assert_false (ahi_control_refresh (fx->control, refresh_token, now, &tokens, &error));
  g_assert_error (error, AHI_CONTROL_ERROR, AHI_CONTROL_ERROR_UNAUTHORIZED);
  g_assert_null (tokens.access_token);
}

static void
assert_token_shape (const char *token)
{
  g_assert_cmpuint (strlen (token), ==, 43);
  for (const char *p = token; *p != '\0'; p++)
    g_assert_true (g_ascii_isalnum (*p) || *p == '-' || *p == '_');
}

static gboolean
bytes_contain (GByteArray *haystack,
               const char *needle)
{
  gsize length = strlen (needle);

  for (gsize i = 0; i + length <= haystack->len; i++)
    if (memcmp (haystack->data + i, needle, length) == 0)
      return TRUE;
  return FALSE;
}

static void
append_file (GByteArray *bytes,
             const char *path)
{
  g_autofree char *contents = NULL;
  gsize length = 0;

  if (g_file_get_contents (path, &contents, &length, NULL))
    g_byte_array_append (bytes, (const guint8 *) contents, length);
}

/* The same hex BLAKE2b-256 the module stores, worked out separately. */
static char *
expected_hash (const char *token)
{
  guchar digest[32];
  char hex[65];

  crypto_generichash (digest, sizeof digest, (const guchar *) token, strlen (token), NULL, 0);
  sodium_bin2hex (hex, sizeof hex, digest, sizeof digest);
  return g_strdup (hex);
}

/* --------------------------------------------------------------- tests */

static void
test_sign_up (Fixture       *fx,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) tenants = NULL;
  g_autofree char *owner = NULL;
  g_autofree char *tenant = sign_up (fx, NULL, "  Ada@Example.COM ", &owner);
  g_autofree char *login_user = NULL;
  g_autofree char *hash = NULL;

  g_assert_cmpuint (strlen (tenant), ==, 36);
  g_assert_cmpuint (strlen (owner), ==, 36);
  assert_counts (fx, 1, 1, 1);
  assert_role (fx, owner, tenant, "owner");
  g_assert_true (ahi_control_tenant_exists (fx->control, tenant, &error));
  g_assert_no_error (error);
  g_assert_false (ahi_control_tenant_exists (fx->control, ADOPT_ID, &error));
  g_assert_no_error (error);

  tenants = ahi_control_tenants_of (fx->control, owner, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (tenants->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (tenants, 0), ==, tenant);

  /* Stored trimmed and lower-cased; found in any case. */
  g_assert_cmpint (count (fx, "SELECT count(*) FROM users WHERE email = 'ada@example.com'"), ==, 1);
  hash = ahi_control_password_hash_for (fx->control, "ADA@example.com", &login_user, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (hash, ==, password_hash);
  g_assert_cmpstr (login_user, ==, owner);
  g_assert_true (ahi_password_verify (hash, PASSWORD));
}

static void
test_adopt (Fixture       *fx,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *owner = NULL;
  g_autofree char *tenant = sign_up (fx, ADOPT_ID, "ada@example.com", &owner);
  char *out_tenant = NULL;

  g_assert_cmpstr (tenant, ==, ADOPT_ID);
  assert_role (fx, owner, ADOPT_ID, "owner");

  /* The same id again, with another e-mail: refused, nothing written. */
  g_assert_false (ahi_control_sign_up (fx->control, ADOPT_ID, "Other", "generic",
                                        "eve@example.com", "Eve", password_hash, NULL, T,
                                        &out_tenant, NULL, &error));
  g_assert_error (error, AHI_CONTROL_ERROR, AHI_CONTROL_ERROR_CONFLICT);
  g_assert_null (out_tenant);
  g_clear_error (&error);
  assert_counts (fx, 1, 1, 1);

  /* Not a canonical lower-case UUID. */
  g_assert_false (ahi_control_sign_up (fx->control, "not-a-uuid", "Other", "generic",
                                        "eve@example.com", "Eve", password_hash, NULL, T,
                                        NULL, NULL, &error));
  g_assert_error (error, AHI_CONTROL_ERROR, AHI_CONTROL_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (ahi_control_sign_up (fx->control, "0190F3A2-7C1E-7ABC-8DEF-0123456789AB",
                                        "Other", "generic", "eve@example.com", "Eve",
                                        password_hash, NULL, T, NULL, NULL, &error));
  g_assert_error (error, AHI_CONTROL_ERROR, AHI_CONTROL_ERROR_INVALID);
  assert_counts (fx, 1, 1, 1);
}

static void
test_duplicate_email (Fixture       *fx,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *tenant = sign_up (fx, NULL, "ada@example.com", NULL);

  /* The tenant row of the second sign-up is written before the e-mail is
   * found taken: the rollback must take it back. */
  g_assert_false (ahi_control_sign_up (fx->control, ADOPT_ID, "Salon Two", "hair_beauty",
                                        " ADA@example.com", "Ada", password_hash, NULL, T,
                                        NULL, NULL, &error));
  g_assert_error (error, AHI_CONTROL_ERROR, AHI_CONTROL_ERROR_CONFLICT);
  assert_counts (fx, 1, 1, 1);
  g_assert_false (ahi_control_tenant_exists (fx->control, ADOPT_ID, NULL));
}

static void
test_bad_input (Fixture       *fx,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *local_242 = g_strnfill (242, 'a');
  g_autofree char *email_254 = g_strconcat (local_242, "@example.com", NULL);
  g_autofree char *email_255 = g_strconcat ("b", email_254, NULL);
  g_autofree char *tenant = NULL;
  const char *bad_emails[] = { "ada.example.com", "@example.com", "ada@", "a da@example.com", "", email_255 };

  g_assert_cmpuint (strlen (email_254), ==, 254);
  g_assert_cmpuint (strlen (email_255), ==, 255);

  for (guint i = 0; i < G_N_ELEMENTS (bad_emails); i++)
    {
      g_assert_false (ahi_control_sign_up (fx->control, NULL, "Salon", "hair_beauty",
                                            bad_emails[i], "Ada", password_hash, NULL, T,
                                            NULL, NULL, &error));
      g_assert_error (error, AHI_CONTROL_ERROR, AHI_CONTROL_ERROR_UNPROCESSABLE);
      g_clear_error (&error);
    }

  g_assert_false (ahi_control_sign_up (fx->control, NULL, "Salon", "bakery",
                                        "ada@example.com", "Ada", password_hash, NULL, T,
                                        NULL, NULL, &error));
  g_assert_error (error, AHI_CONTROL_ERROR, AHI_CONTROL_ERROR_UNPROCESSABLE);
  g_clear_error (&error);
  g_assert_false (ahi_control_sign_up (fx->control, NULL, "   ", "hair_beauty",
                                        "ada@example.com", "Ada", password_hash, NULL, T,
                                        NULL, NULL, &error));
  g_assert_error (error, AHI_CONTROL_ERROR, AHI_CONTROL_ERROR_UNPROCESSABLE);
  g_clear_error (&error);
  assert_counts (fx, 0, 0, 0);

  /* 254 bytes is the limit itself. */
  tenant = sign_up (fx, NULL, email_254, NULL);
  assert_counts (fx, 1, 1, 1);
}

static void
test_members_and_roles (Fixture       *fx,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) tenants = NULL;
  g_autofree char *owner = NULL;
  g_autofree char *tenant = sign_up (fx, NULL, "ada@example.com", &owner);
  g_autofree char *manager = add_member (fx, tenant, "Bob@Example.com", "manager");
  g_autofree char *staff = add_member (fx, tenant, "cem@example.com", "staff");

  assert_counts (fx, 1, 3, 3);
  assert_role (fx, owner, tenant, "owner");
  assert_role (fx, manager, tenant, "manager");
  assert_role (fx, staff, tenant, "staff");

  tenants = ahi_control_tenants_of (fx->control, staff, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (tenants->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (tenants, 0), ==, tenant);

  g_assert_false (ahi_control_add_member (fx->control, tenant, "dan@example.com", "Dan",
                                           password_hash, "owner", T, NULL, NULL, &error));
  g_assert_error (error, AHI_CONTROL_ERROR, AHI_CONTROL_ERROR_UNPROCESSABLE);
  g_clear_error (&error);
  g_assert_false (ahi_control_add_member (fx->control, tenant, "dan@example.com", "Dan",
                                           password_hash, "admin", T, NULL, NULL, &error));
  g_assert_error (error, AHI_CONTROL_ERROR, AHI_CONTROL_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (ahi_control_add_member (fx->control, ADOPT_ID, "dan@example.com", "Dan",
                                           password_hash, "staff", T, NULL, NULL, &error));
  g_assert_error (error, AHI_CONTROL_ERROR, AHI_CONTROL_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (ahi_control_add_member (fx->control, tenant, "BOB@example.com", "Bob",
                                           password_hash, "staff", T, NULL, NULL, &error));
  g_assert_error (error, AHI_CONTROL_ERROR, AHI_CONTROL_ERROR_CONFLICT);
  g_clear_error (&error);
  assert_counts (fx, 1, 3, 3);
}

static void
test_non_member_not_found (Fixture       *fx,
                           gconstpointer  data)
{
  g_autofree char *owner_a = NULL;
  g_autofree char *owner_b = NULL;
  g_autofree char *tenant_a = sign_up (fx, NULL, "ada@example.com", &owner_a);
  g_autofree char *tenant_b = sign_up (fx, ADOPT_ID, "eve@example.com", &owner_b);
  g_autofree char *staff_a = add_member (fx, tenant_a, "cem@example.com", "staff");

  /* Another tenant answers exactly as a tenant that does not exist. */
  assert_not_member (fx, owner_a, tenant_b);
  assert_not_member (fx, staff_a, tenant_b);
  assert_not_member (fx, owner_b, tenant_a);
  assert_not_member (fx, owner_a, "0190f3a2-0000-7000-8000-000000000000");
  assert_role (fx, owner_b, tenant_b, "owner");
}

static void
test_unknown_email (Fixture       *fx,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *tenant = sign_up (fx, NULL, "ada@example.com", NULL);
  char *user_id = NULL;

  g_assert_null (ahi_control_password_hash_for (fx->control, "nobody@example.com", &user_id, &error));
  g_assert_error (error, AHI_CONTROL_ERROR, AHI_CONTROL_ERROR_INVALID_CREDENTIALS);
  g_assert_null (user_id);
}

static void
test_tokens (Fixture       *fx,
             gconstpointer  data)
{
  g_autofree char *owner = NULL;
  g_autofree char *tenant = sign_up (fx, NULL, "ada@example.com", &owner);
  g_auto(AhiTokens) tokens = { 0, };
  g_auto(AhiTokens) same_device = { 0, };
  g_auto(AhiTokens) new_device = { 0, };
  g_autoptr(GError) error = NULL;

  issue (fx, owner, NULL, T, &tokens);
  assert_token_shape (tokens.access_token);
  assert_token_shape (tokens.refresh_token);
  g_assert_cmpstr (tokens.access_token, !=, tokens.refresh_token);
  /* 15 min = 900 s; 30 days = 30 × 86 400 = 2 592 000 s. */
  g_assert_cmpint (tokens.access_expires_at, ==, T + 900);
  g_assert_cmpint (tokens.refresh_expires_at, ==, T + 2592000);
  g_assert_cmpuint (strlen (tokens.device_id), ==, 36);

  /* Valid through T + 899; at T + 900 it has expired. */
  assert_authenticates (fx, tokens.access_token, T, owner, tokens.device_id);
  assert_authenticates (fx, tokens.access_token, T + 899, owner, tokens.device_id);
  assert_auth_fails (fx, tokens.access_token, T + 900, AHI_CONTROL_ERROR_TOKEN_EXPIRED);

  /* A refresh token is no access token; made-up ones are unknown. */
  assert_auth_fails (fx, tokens.refresh_token, T, AHI_CONTROL_ERROR_UNAUTHORIZED);
  assert_auth_fails (fx, "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", T, AHI_CONTROL_ERROR_UNAUTHORIZED);
  assert_auth_fails (fx, "short", T, AHI_CONTROL_ERROR_UNAUTHORIZED);
  assert_auth_fails (fx, "", T, AHI_CONTROL_ERROR_UNAUTHORIZED);

  /* A known device keeps its id; an unknown UUID is the device's own and
   * is kept too (an app names its device before it ever signs in). */
  issue (fx, owner, tokens.device_id, T + 10, &same_device);
  g_assert_cmpstr (same_device.device_id, ==, tokens.device_id);
  issue (fx, owner, ADOPT_ID, T + 10, &new_device);
  g_assert_cmpstr (new_device.device_id, ==, ADOPT_ID);
  g_assert_cmpint (count (fx, "SELECT count(*) FROM devices"), ==, 2);
  g_assert_cmpint (count (fx, "SELECT count(*) FROM tokens"), ==, 6);

  /* No such user. */
  ahi_tokens_clear (&new_device);
  g_assert_false (ahi_control_issue_tokens (fx->control, ADOPT_ID, NULL, NULL, NULL, T, &new_device, &error));
  g_assert_error (error, AHI_CONTROL_ERROR, AHI_CONTROL_ERROR_NOT_FOUND);
  g_assert_null (new_device.access_token);
  g_assert_cmpint (count (fx, "SELECT count(*) FROM devices"), ==, 2);
}

static void
test_refresh_rotation (Fixture       *fx,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *owner = NULL;
  g_autofree char *tenant = sign_up (fx, NULL, "ada@example.com", &owner);
  g_auto(AhiTokens) first = { 0, };
  g_auto(AhiTokens) second = { 0, };
  g_auto(AhiTokens) third = { 0, };

  issue (fx, owner, NULL, T, &first);
  /* The access token has expired (T + 1000 ≥ T + 900): the app refreshes. */
  assert_auth_fails (fx, first.access_token, T + 1000, AHI_CONTROL_ERROR_TOKEN_EXPIRED);
  g_assert_true (ahi_control_refresh (fx->control, first.refresh_token, T + 1000, &second, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (second.device_id, ==, first.device_id);
  g_assert_cmpstr (second.refresh_token, !=, first.refresh_token);
  g_assert_cmpint (second.access_expires_at, ==, T + 1900);
  g_assert_cmpint (second.refresh_expires_at, ==, T + 1000 + 2592000);
  assert_authenticates (fx, second.access_token, T + 1000, owner, first.device_id);

  /* An access token is no refresh token. */
  assert_refresh_fails (fx, second.access_token, T + 1001);

  /* The refresh token of T + 1000 works through T + 2 593 999. */
  assert_refresh_fails (fx, second.refresh_token, T + 1000 + 2592000);
  g_assert_true (ahi_control_refresh (fx->control, second.refresh_token, T + 1000 + 2591999,
                                      &third, &error));
  g_assert_no_error (error);
  assert_authenticates (fx, third.access_token, T + 1000 + 2591999, owner, first.device_id);
}

/* A refresh token works once; presented again, it has been copied, and
 * the whole family of its device ends: the thief's and the device's. */
static void
test_refresh_reuse (Fixture       *fx,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *owner = NULL;
  g_autofree char *tenant = sign_up (fx, NULL, "ada@example.com", &owner);
  g_auto(AhiTokens) phone = { 0, };
  g_auto(AhiTokens) laptop = { 0, };
  g_auto(AhiTokens) rotated = { 0, };
  g_auto(AhiTokens) again = { 0, };

  issue (fx, owner, NULL, T, &phone);
  issue (fx, owner, NULL, T, &laptop);
  g_assert_true (ahi_control_refresh (fx->control, phone.refresh_token, T + 10, &rotated, &error));
  g_assert_no_error (error);
  assert_authenticates (fx, rotated.access_token, T + 11, owner, phone.device_id);

  /* The spent token again: refused, and the phone's live pair with it. */
  assert_refresh_fails (fx, phone.refresh_token, T + 20);
  assert_auth_fails (fx, rotated.access_token, T + 21, AHI_CONTROL_ERROR_UNAUTHORIZED);
  assert_refresh_fails (fx, rotated.refresh_token, T + 22);
  /* Every token of the phone is revoked: 2 issued at T, 2 at the
   * rotation; none of the laptop's (2). */
  g_assert_cmpint (count (fx, "SELECT count(*) FROM tokens WHERE revoked_at IS NULL"), ==, 2);

  /* Another device of the same account goes on. */
  assert_authenticates (fx, laptop.access_token, T + 30, owner, laptop.device_id);
  /* The phone signs in again with its password and keeps its id. */
  ahi_tokens_clear (&again);
  issue (fx, owner, phone.device_id, T + 40, &again);
  g_assert_cmpstr (again.device_id, ==, phone.device_id);
}

static void
test_logout (Fixture       *fx,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *owner = NULL;
  g_autofree char *tenant = sign_up (fx, NULL, "ada@example.com", &owner);
  g_auto(AhiTokens) phone = { 0, };
  g_auto(AhiTokens) phone_again = { 0, };
  g_auto(AhiTokens) laptop = { 0, };

  issue (fx, owner, NULL, T, &phone);
  issue (fx, owner, phone.device_id, T + 5, &phone_again);
  issue (fx, owner, NULL, T, &laptop);

  g_assert_true (ahi_control_logout (fx->control, phone.access_token, T + 10, &error));
  g_assert_no_error (error);

  /* Every token of the phone is gone, both pairs; the laptop's live on. */
  assert_auth_fails (fx, phone.access_token, T + 10, AHI_CONTROL_ERROR_UNAUTHORIZED);
  assert_auth_fails (fx, phone_again.access_token, T + 10, AHI_CONTROL_ERROR_UNAUTHORIZED);
  assert_refresh_fails (fx, phone.refresh_token, T + 10);
  assert_refresh_fails (fx, phone_again.refresh_token, T + 10);
  assert_authenticates (fx, laptop.access_token, T + 10, owner, laptop.device_id);

  g_assert_false (ahi_control_logout (fx->control, phone.access_token, T + 11, &error));
  g_assert_error (error, AHI_CONTROL_ERROR, AHI_CONTROL_ERROR_UNAUTHORIZED);
}

static void
test_revoke_device (Fixture       *fx,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *owner = NULL;
  g_autofree char *tenant = sign_up (fx, NULL, "ada@example.com", &owner);
  g_autofree char *staff = add_member (fx, tenant, "cem@example.com", "staff");
  g_auto(AhiTokens) phone = { 0, };
  g_auto(AhiTokens) after = { 0, };

  issue (fx, owner, NULL, T, &phone);

  /* Somebody else's device is nobody's. */
  g_assert_false (ahi_control_revoke_device (fx->control, staff, phone.device_id, T, &error));
  g_assert_error (error, AHI_CONTROL_ERROR, AHI_CONTROL_ERROR_NOT_FOUND);
  g_clear_error (&error);
  assert_authenticates (fx, phone.access_token, T, owner, phone.device_id);

  g_assert_true (ahi_control_revoke_device (fx->control, owner, phone.device_id, T + 1, &error));
  g_assert_no_error (error);
  assert_auth_fails (fx, phone.access_token, T + 1, AHI_CONTROL_ERROR_UNAUTHORIZED);
  assert_refresh_fails (fx, phone.refresh_token, T + 1);

  /* Signing in again on a removed device makes a new one. */
  issue (fx, owner, phone.device_id, T + 2, &after);
  g_assert_cmpstr (after.device_id, !=, phone.device_id);
  assert_authenticates (fx, after.access_token, T + 2, owner, after.device_id);
}

static void
check_rate (Fixture    *fx,
            const char *email,
            gint64      now,
            gboolean    allowed)
{
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (ahi_control_check_login_rate (fx->control, email, NULL, now, &error), ==, allowed);
  if (allowed)
    g_assert_no_error (error);
  else
    g_assert_error (error, AHI_CONTROL_ERROR, AHI_CONTROL_ERROR_RATE_LIMITED);
}

static void
record (Fixture    *fx,
        const char *email,
        gint64      now)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (ahi_control_record_login_attempt (fx->control, email, NULL, now, &error));
  g_assert_no_error (error);
}

static void
test_rate_limit (Fixture       *fx,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  /* Five attempts at T, in any spelling of the address, are allowed. */
  for (int i = 0; i < 5; i++)
    {
      check_rate (fx, "ada@example.com", T, TRUE);
      record (fx, i % 2 == 0 ? "ada@example.com" : " ADA@Example.com", T);
    }

  /* The sixth is refused, until the window of 15 min = 900 s has passed:
   * at T + 899 the attempts of T still count, at T + 900 none does. */
  check_rate (fx, "ada@example.com", T, FALSE);
  check_rate (fx, "Ada@example.com", T + 899, FALSE);
  check_rate (fx, "eve@example.com", T, TRUE);
  check_rate (fx, "ada@example.com", T + 900, TRUE);

  /* Recording at T + 900 drops the old rows: one remains. */
  record (fx, "ada@example.com", T + 900);
  g_assert_cmpint (count (fx, "SELECT count(*) FROM login_attempts"), ==, 1);

  /* A successful login clears the count. */
  for (int i = 0; i < 4; i++)
    record (fx, "ada@example.com", T + 901);
  check_rate (fx, "ada@example.com", T + 902, FALSE);
  g_assert_true (ahi_control_clear_login_attempts (fx->control, "ADA@example.com", &error));
  g_assert_no_error (error);
  check_rate (fx, "ada@example.com", T + 902, TRUE);
}

static void
test_raw_tokens_not_stored (Fixture       *fx,
                            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *owner = NULL;
  g_autofree char *tenant = sign_up (fx, NULL, "ada@example.com", &owner);
  g_autofree char *wal = g_strconcat (fx->path, "-wal", NULL);
  g_autofree char *access_hash = NULL;
  g_autofree char *refresh_hash = NULL;
  g_autoptr(GByteArray) live = g_byte_array_new ();
  g_autoptr(GByteArray) closed = g_byte_array_new ();
  g_auto(AhiTokens) first = { 0, };
  g_auto(AhiTokens) second = { 0, };

  issue (fx, owner, NULL, T, &first);
  g_assert_true (ahi_control_refresh (fx->control, first.refresh_token, T + 1, &second, &error));
  g_assert_no_error (error);
  access_hash = expected_hash (second.access_token);
  refresh_hash = expected_hash (second.refresh_token);

  /* While open, the rows may still be in the WAL. */
  append_file (live, fx->path);
  append_file (live, wal);
  /* The search works: the hashes are there. */
  g_assert_true (bytes_contain (live, access_hash));
  g_assert_true (bytes_contain (live, refresh_hash));
  g_assert_false (bytes_contain (live, first.access_token));
  g_assert_false (bytes_contain (live, first.refresh_token));
  g_assert_false (bytes_contain (live, second.access_token));
  g_assert_false (bytes_contain (live, second.refresh_token));

  /* Closed: everything checkpointed into the main file. */
  g_clear_pointer (&fx->control, ahi_control_free);
  g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));
  append_file (closed, fx->path);
  g_assert_true (bytes_contain (closed, access_hash));
  g_assert_false (bytes_contain (closed, first.access_token));
  g_assert_false (bytes_contain (closed, first.refresh_token));
  g_assert_false (bytes_contain (closed, second.access_token));
  g_assert_false (bytes_contain (closed, second.refresh_token));
}

static void
test_reopen (Fixture       *fx,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *owner = NULL;
  g_autofree char *tenant = sign_up (fx, NULL, "ada@example.com", &owner);
  g_autofree char *other = g_build_filename (fx->dir, "other.db", NULL);
  g_autoptr(AhiDb) db = NULL;
  AhiControl  *control;
  sqlite3_stmt *stmt;

  g_assert_cmpint (count (fx, "PRAGMA user_version"), ==, 3);
  g_assert_cmpint (count (fx, "PRAGMA application_id"), ==, 0x41484943);
  stmt = ahi_db_prepare (ahi_control_get_db (fx->control), "PRAGMA journal_mode", &error);
  g_assert_no_error (error);
  g_assert_true (ahi_db_step_row (ahi_control_get_db (fx->control), stmt, &error));
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, "wal");
  sqlite3_reset (stmt);

  /* Reopened: nothing migrated twice, the data kept. */
  g_clear_pointer (&fx->control, ahi_control_free);
  fx->control = ahi_control_open (fx->path, &error);
  g_assert_no_error (error);
  assert_counts (fx, 1, 1, 1);
  assert_role (fx, owner, tenant, "owner");

  /* Somebody else's SQLite file is refused and left alone. */
  db = ahi_db_open (other, TRUE, 0, &error);
  g_assert_no_error (error);
  g_assert_true (ahi_db_exec (db, "CREATE TABLE notes (x)", &error));
  g_clear_pointer (&db, ahi_db_close);
  control = ahi_control_open (other, &error);
  g_assert_error (error, AHI_STORE_ERROR, AHI_STORE_ERROR_NOT_A_DATABASE);
  g_assert_null (control);
  g_clear_error (&error);

  /* A newer control schema is refused. */
  g_assert_true (ahi_db_exec (ahi_control_get_db (fx->control), "PRAGMA user_version = 4", &error));
  g_clear_pointer (&fx->control, ahi_control_free);
  control = ahi_control_open (fx->path, &error);
  g_assert_error (error, AHI_STORE_ERROR, AHI_STORE_ERROR_SCHEMA_TOO_NEW);
  g_assert_null (control);
}

/* Twenty failed sign-ins from one address, whatever the e-mails, and that
 * address waits out the window; other addresses do not. */
static void
test_rate_limit_address (Fixture       *fx,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  /* 20 e-mails, one failure each: none of them near its own 5. */
  for (int i = 0; i < 20; i++)
    {
      g_autofree char *email = g_strdup_printf ("user%d@example.com", i);

      g_assert_true (ahi_control_check_login_rate (fx->control, email, "192.0.2.7", T, &error));
      g_assert_true (ahi_control_record_login_attempt (fx->control, email, "192.0.2.7", T, &error));
      g_assert_no_error (error);
    }

  /* The 21st from 192.0.2.7 is refused, for a fresh e-mail too. */
  g_assert_false (ahi_control_check_login_rate (fx->control, "new@example.com", "192.0.2.7", T + 1, &error));
  g_assert_error (error, AHI_CONTROL_ERROR, AHI_CONTROL_ERROR_RATE_LIMITED);
  g_clear_error (&error);
  /* The same e-mail from another address, or with no address known, is not. */
  g_assert_true (ahi_control_check_login_rate (fx->control, "new@example.com", "198.51.100.4", T + 1, &error));
  g_assert_true (ahi_control_check_login_rate (fx->control, "new@example.com", NULL, T + 1, &error));
  g_assert_no_error (error);

  /* A successful login of user0 forgets its one failure: 19 remain, and
   * the address may try again (19 < 20). */
  g_assert_true (ahi_control_clear_login_attempts (fx->control, "user0@example.com", &error));
  g_assert_true (ahi_control_check_login_rate (fx->control, "new@example.com", "192.0.2.7", T + 2, &error));
  g_assert_no_error (error);
  g_assert_true (ahi_control_record_login_attempt (fx->control, "x@example.com", "192.0.2.7", T + 2, &error));
  g_assert_false (ahi_control_check_login_rate (fx->control, "new@example.com", "192.0.2.7", T + 3, &error));
  g_clear_error (&error);

  /* 15 min = 900 s after the 19 failures of T: only the one of T + 2
   * still counts. */
  g_assert_true (ahi_control_check_login_rate (fx->control, "new@example.com", "192.0.2.7", T + 900, &error));
  g_assert_no_error (error);
}

/* A device born in a business: its members sign in on it, one at a time;
 * nobody of another business does. */
static void
test_device_born_in_business (Fixture       *fx,
                              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *owner = NULL;
  g_autofree char *manager = NULL;
  g_autofree char *stranger = NULL;
  g_autofree char *out_tenant = NULL;
  g_autofree char *other_tenant = NULL;
  g_auto(AhiTokens) owner_desk = { 0, };
  g_auto(AhiTokens) manager_desk = { 0, };
  g_auto(AhiTokens) owner_again = { 0, };
  g_auto(AhiTokens) refused = { 0, };

  /* Sign-up adopts the business and its device. */
  g_assert_true (ahi_control_sign_up (fx->control, ADOPT_ID, "Salon Ada", "hair_beauty", "ada@example.com", "Ada",
                                      password_hash, DEVICE, T, &out_tenant, &owner, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count (fx, "SELECT count(*) FROM devices WHERE device_id = '" DEVICE "' "
                              "AND tenant_id = '" ADOPT_ID "'"), ==, 1);
  manager = add_member (fx, ADOPT_ID, "bob@example.com", "manager");
  other_tenant = sign_up (fx, ADOPT_2, "eve@example.com", &stranger);

  /* The owner signs in on it and keeps its id; the device gets its
   * secret (43 base64url characters, 32 random bytes) at this first
   * sign-in, and only its hash is kept. */
  issue (fx, owner, DEVICE, T + 1, &owner_desk);
  g_assert_cmpstr (owner_desk.device_id, ==, DEVICE);
  g_assert_nonnull (owner_desk.device_secret);
  g_assert_cmpuint (strlen (owner_desk.device_secret), ==, 43);
  g_assert_cmpint (count (fx, "SELECT count(*) FROM devices WHERE secret_hash IS NOT NULL"), ==, 1);

  /* A business of its own may not take it: device_taken, nothing moves. */
  g_assert_false (ahi_control_issue_tokens (fx->control, stranger, DEVICE, NULL, NULL, T + 2, &refused, &error));
  g_assert_error (error, AHI_CONTROL_ERROR, AHI_CONTROL_ERROR_DEVICE_TAKEN);
  g_clear_error (&error);
  g_assert_null (refused.access_token);
  assert_authenticates (fx, owner_desk.access_token, T + 2, owner, DEVICE);
  /* Nor naming another business for it, even a member. */
  g_assert_false (ahi_control_issue_tokens (fx->control, owner, DEVICE, NULL, ADOPT_2, T + 2, &refused, &error));
  g_assert_error (error, AHI_CONTROL_ERROR, AHI_CONTROL_ERROR_DEVICE_TAKEN);
  g_clear_error (&error);

  /* A member who only knows the id (every event carries it) does not
   * get the device: its secret is the proof of holding it. The owner's
   * session goes on. */
  g_assert_false (ahi_control_issue_tokens (fx->control, manager, DEVICE, NULL, NULL, T + 2, &refused, &error));
  g_assert_error (error, AHI_CONTROL_ERROR, AHI_CONTROL_ERROR_DEVICE_TAKEN);
  g_clear_error (&error);
  g_assert_false (ahi_control_issue_tokens (fx->control, manager, DEVICE, "a-guess", NULL, T + 2, &refused, &error));
  g_assert_error (error, AHI_CONTROL_ERROR, AHI_CONTROL_ERROR_DEVICE_TAKEN);
  g_clear_error (&error);
  assert_authenticates (fx, owner_desk.access_token, T + 2, owner, DEVICE);

  /* The owner signs out; the manager signs in on the same desk, which
   * presents its secret. No new secret is given. */
  g_assert_true (ahi_control_logout (fx->control, owner_desk.access_token, T + 3, &error));
  g_assert_no_error (error);
  issue_with (fx, manager, DEVICE, owner_desk.device_secret, T + 4, &manager_desk);
  g_assert_cmpstr (manager_desk.device_id, ==, DEVICE);
  g_assert_null (manager_desk.device_secret);
  assert_authenticates (fx, manager_desk.access_token, T + 4, manager, DEVICE);

  /* The owner comes back without the manager signing out: one person at
   * a time, the manager's session ends. */
  issue_with (fx, owner, DEVICE, owner_desk.device_secret, T + 5, &owner_again);
  g_assert_cmpstr (owner_again.device_id, ==, DEVICE);
  assert_auth_fails (fx, manager_desk.access_token, T + 5, AHI_CONTROL_ERROR_UNAUTHORIZED);
  assert_refresh_fails (fx, manager_desk.refresh_token, T + 5);
  assert_authenticates (fx, owner_again.access_token, T + 5, owner, DEVICE);
  g_assert_cmpint (count (fx, "SELECT count(*) FROM devices"), ==, 1);

  /* Another sign-up cannot adopt a device the server knows. */
  g_assert_false (ahi_control_sign_up (fx->control, NULL, "Other", "generic", "zed@example.com", "Zed",
                                       password_hash, DEVICE, T + 6, NULL, NULL, &error));
  g_assert_error (error, AHI_CONTROL_ERROR, AHI_CONTROL_ERROR_DEVICE_TAKEN);
  g_clear_error (&error);
  g_assert_false (ahi_control_sign_up (fx->control, NULL, "Other", "generic", "zed@example.com", "Zed",
                                       password_hash, "not-a-uuid", T + 6, NULL, NULL, &error));
  g_assert_error (error, AHI_CONTROL_ERROR, AHI_CONTROL_ERROR_INVALID);
  g_clear_error (&error);
  assert_counts (fx, 2, 3, 3);

  /* An unknown device id named for a business of the user is born there;
   * for a business of which the user is no member, not found. */
  ahi_tokens_clear (&refused);
  g_assert_false (ahi_control_issue_tokens (fx->control, stranger, ADOPT_ID, NULL, ADOPT_ID, T + 7, &refused, &error));
  g_assert_error (error, AHI_CONTROL_ERROR, AHI_CONTROL_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_true (ahi_control_issue_tokens (fx->control, stranger, ADOPT_ID, NULL, ADOPT_2, T + 7, &refused, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (refused.device_id, ==, ADOPT_ID);
  g_assert_cmpint (count (fx, "SELECT count(*) FROM devices WHERE tenant_id = '" ADOPT_2 "'"), ==, 1);
}

static void
assert_desk (Fixture    *fx,
             const char *tenant_id,
             const char *device_id,
             gboolean    expected)
{
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (ahi_control_device_is_desk (fx->control, tenant_id, device_id, &error), ==, expected);
  g_assert_no_error (error);
}

static void
test_desk_devices (Fixture       *fx,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *owner = NULL;
  g_autofree char *stranger = NULL;
  g_autofree char *tenant = NULL;
  g_autofree char *other = NULL;
  g_autofree char *staff = NULL;
  g_auto(AhiTokens) desk = { 0, };
  g_auto(AhiTokens) phone = { 0, };
  g_auto(AhiTokens) elsewhere = { 0, };

  g_assert_true (ahi_control_sign_up (fx->control, ADOPT_ID, "Salon Ada", "hair_beauty", "ada@example.com", "Ada",
                                      password_hash, DEVICE, T, &tenant, &owner, &error));
  g_assert_no_error (error);
  other = sign_up (fx, ADOPT_2, "eve@example.com", &stranger);
  staff = add_member (fx, tenant, "bob@example.com", "staff");
  issue (fx, owner, DEVICE, T, &desk);
  issue (fx, staff, NULL, T, &phone);         /* named by the server, of a member */
  issue (fx, stranger, NULL, T, &elsewhere);  /* of another business's account */

  assert_desk (fx, tenant, DEVICE, FALSE);
  g_assert_true (ahi_control_add_desk_device (fx->control, tenant, DEVICE, owner, T + 1, &error));
  g_assert_true (ahi_control_add_desk_device (fx->control, tenant, DEVICE, owner, T + 2, &error));
  g_assert_true (ahi_control_add_desk_device (fx->control, tenant, phone.device_id, owner, T + 2, &error));
  g_assert_no_error (error);
  assert_desk (fx, tenant, DEVICE, TRUE);
  assert_desk (fx, tenant, phone.device_id, TRUE);
  /* A desk of one business is no desk of another. */
  assert_desk (fx, other, DEVICE, FALSE);
  g_assert_cmpint (count (fx, "SELECT count(*) FROM desk_devices"), ==, 2);

  /* Not of this business, or unknown: not found, nothing written. */
  g_assert_false (ahi_control_add_desk_device (fx->control, tenant, elsewhere.device_id, owner, T + 3, &error));
  g_assert_error (error, AHI_CONTROL_ERROR, AHI_CONTROL_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (ahi_control_add_desk_device (fx->control, other, DEVICE, stranger, T + 3, &error));
  g_assert_error (error, AHI_CONTROL_ERROR, AHI_CONTROL_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (ahi_control_add_desk_device (fx->control, tenant, ADOPT_2, owner, T + 3, &error));
  g_assert_error (error, AHI_CONTROL_ERROR, AHI_CONTROL_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (ahi_control_remove_desk_device (fx->control, other, DEVICE, &error));
  g_assert_error (error, AHI_CONTROL_ERROR, AHI_CONTROL_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_cmpint (count (fx, "SELECT count(*) FROM desk_devices"), ==, 2);

  g_assert_true (ahi_control_remove_desk_device (fx->control, tenant, DEVICE, &error));
  g_assert_true (ahi_control_remove_desk_device (fx->control, tenant, DEVICE, &error));
  g_assert_no_error (error);
  assert_desk (fx, tenant, DEVICE, FALSE);
  assert_desk (fx, tenant, phone.device_id, TRUE);
}

static void
assert_member_for_staff (Fixture    *fx,
                         const char *tenant_id,
                         const char *staff_id,
                         const char *user_id,
                         const char *role)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *out_user = NULL;
  g_autofree char *out_role = NULL;

  if (user_id == NULL)
    {
      g_assert_false (ahi_control_member_for_staff (fx->control, tenant_id, staff_id, &out_user, &out_role, &error));
      g_assert_error (error, AHI_CONTROL_ERROR, AHI_CONTROL_ERROR_NOT_FOUND);
      g_assert_null (out_user);
      return;
    }
  g_assert_true (ahi_control_member_for_staff (fx->control, tenant_id, staff_id, &out_user, &out_role, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (out_user, ==, user_id);
  g_assert_cmpstr (out_role, ==, role);
}

/* Each membership names its staff row: the owner's is the one the
 * tenant's bootstrap makes, a later member's the one the caller made. */
static void
test_member_for_staff (Fixture       *fx,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *owner = NULL;
  g_autofree char *stranger = NULL;
  g_autofree char *tenant = sign_up (fx, ADOPT_ID, "ada@example.com", &owner);
  g_autofree char *other = sign_up (fx, ADOPT_2, "eve@example.com", &stranger);
  g_autofree char *owner_staff = ahi_tenant_owner_id (ADOPT_ID);
  g_autofree char *other_owner_staff = ahi_tenant_owner_id (ADOPT_2);
  g_autofree char *bob = NULL;
  g_autoptr(AhiMember) member = NULL;
  const char *bob_staff = "0190f3a2-7c1e-7abc-8def-0000000000b0";

  assert_member_for_staff (fx, tenant, owner_staff, owner, "owner");
  g_assert_true (ahi_control_add_member (fx->control, tenant, "bob@example.com", "Bob", password_hash, "staff",
                                         T, bob_staff, &bob, &error));
  g_assert_no_error (error);
  assert_member_for_staff (fx, tenant, bob_staff, bob, "staff");
  member = ahi_control_get_member (fx->control, tenant, bob, T, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (member->staff_id, ==, bob_staff);

  /* The role is the membership's: a change shows at once. */
  g_assert_true (ahi_control_set_member_role (fx->control, tenant, bob, "manager", &error));
  g_assert_no_error (error);
  assert_member_for_staff (fx, tenant, bob_staff, bob, "manager");

  /* Another business's staff row, or an unknown one, is nobody here. */
  assert_member_for_staff (fx, tenant, other_owner_staff, NULL, NULL);
  assert_member_for_staff (fx, other, bob_staff, NULL, NULL);
  assert_member_for_staff (fx, tenant, ADOPT_2, NULL, NULL);

  /* An owner of a database from before the link gets it back on open. */
  g_assert_true (ahi_db_exec (ahi_control_get_db (fx->control), "UPDATE memberships SET staff_id = NULL "
                              "WHERE role = 'owner'", &error));
  assert_member_for_staff (fx, tenant, owner_staff, NULL, NULL);
  g_clear_pointer (&fx->control, ahi_control_free);
  fx->control = ahi_control_open (fx->path, &error);
  g_assert_no_error (error);
  assert_member_for_staff (fx, tenant, owner_staff, owner, "owner");
  assert_member_for_staff (fx, other, other_owner_staff, stranger, "owner");
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);
  ahi_store_module_init ();

  password_hash = ahi_password_hash (PASSWORD, ahi_password_cost_min (), &error);
  g_assert_no_error (error);

#define ADD(path, func) \
  g_test_add ("/store/control/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("sign-up", test_sign_up);
  ADD ("adopt", test_adopt);
  ADD ("duplicate-email", test_duplicate_email);
  ADD ("bad-input", test_bad_input);
  ADD ("members-and-roles", test_members_and_roles);
  ADD ("refresh-reuse", test_refresh_reuse);
  ADD ("rate-limit-address", test_rate_limit_address);
  ADD ("device-born-in-business", test_device_born_in_business);
  ADD ("desk-devices", test_desk_devices);
  ADD ("member-for-staff", test_member_for_staff);
  ADD ("non-member-not-found", test_non_member_not_found);
  ADD ("unknown-email", test_unknown_email);
  ADD ("tokens", test_tokens);
  ADD ("refresh-rotation", test_refresh_rotation);
  ADD ("logout", test_logout);
  ADD ("revoke-device", test_revoke_device);
  ADD ("rate-limit", test_rate_limit);
  ADD ("raw-tokens-not-stored", test_raw_tokens_not_stored);
  ADD ("reopen", test_reopen);

#undef ADD

  status = g_test_run ();
  g_free (password_hash);
  return status;
}
