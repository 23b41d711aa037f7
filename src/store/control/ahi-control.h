/* ahi-control.h — the server's control database: tenants, users, roles,
 * devices, tokens and the login rate limit
 *
 * One SQLite file in WAL mode, used from one thread. Password hashes are
 * made and checked by core/ahi-password on a worker; this module only
 * stores them. Errors are AHI_CONTROL_ERROR (ahi-control-error.h), but
 * SQLite's own and a foreign or newer file (AHI_STORE_ERROR).
 * Tokens are 32 random bytes as 43 base64url characters; only their
 * BLAKE2b-256 (hex) is stored, so a copy of the file gives no session
 * away. Times are unix seconds passed in by the caller; every expiry is
 * the first second at which a thing no longer works.
 */
#pragma once

#include <glib.h>

#include "store/ahi-db.h"
#include "store/control/ahi-control-error.h"

G_BEGIN_DECLS

#define AHI_ACCESS_TOKEN_TTL       (15 * 60)             /* seconds */
#define AHI_REFRESH_TOKEN_TTL      (30 * 24 * 60 * 60)
#define AHI_TOKEN_LENGTH           43
#define AHI_EMAIL_MAX_BYTES        254

/* Failed sign-ins counted over the last AHI_LOGIN_WINDOW seconds: at most
 * AHI_LOGIN_MAX_ATTEMPTS for one e-mail address (a guessed password) and
 * AHI_LOGIN_MAX_PER_ADDRESS from one client address (many e-mails tried
 * from one place). */
#define AHI_LOGIN_WINDOW           (15 * 60)
#define AHI_LOGIN_MAX_ATTEMPTS     5
#define AHI_LOGIN_MAX_PER_ADDRESS  20

typedef struct _AhiControl AhiControl;

typedef struct {
  char   *access_token;
  char   *refresh_token;
  gint64  access_expires_at;
  gint64  refresh_expires_at;
  char   *device_id;
  /* Given once, at the first sign-in on a device born in a business: the
   * device keeps it and presents it at every later sign-in on its id.
   * NULL otherwise. */
  char   *device_secret;
} AhiTokens;

/* Frees the members (wiping the tokens) and zeroes tokens. */
void          ahi_tokens_clear                 (AhiTokens    *tokens);

/* ----------------------------------------- opening (ahi-control.c) */

/* Opens or creates the control database and migrates it. A file from a
 * newer version, or a file that is not a control database, is an error
 * and is left untouched. */
AhiControl   *ahi_control_open                 (const char   *path,
                                                GError      **error);
void          ahi_control_free                 (AhiControl   *self);
AhiDb        *ahi_control_get_db               (AhiControl   *self);

/* The role of user_id in tenant_id. Not a member, or no such tenant, is
 * NOT_FOUND, never FORBIDDEN: another tenant's ids answer as missing. */
gboolean      ahi_control_role_in              (AhiControl   *self,
                                                const char   *user_id,
                                                const char   *tenant_id,
                                                char        **out_role,
                                                GError      **error);
/* FALSE without error when there is no such tenant. */
gboolean      ahi_control_tenant_exists        (AhiControl   *self,
                                                const char   *tenant_id,
                                                GError      **error);
/* The ids of the tenants user_id belongs to, oldest membership first. */
GPtrArray    *ahi_control_tenants_of           (AhiControl   *self,
                                                const char   *user_id,
                                                GError      **error);
/* The member of tenant_id whose staff row (in the tenant's database) is
 * staff_id: their user id and their membership's role (owner, manager,
 * staff), the one source of a member's role. No member linked to that
 * staff row (a staff member without an account, or none at all):
 * NOT_FOUND. */
gboolean      ahi_control_member_for_staff     (AhiControl   *self,
                                                const char   *tenant_id,
                                                const char   *staff_id,
                                                char        **out_user_id,
                                                char        **out_role,
                                                GError      **error);

/* ---------------------------------- signing up (ahi-control-signup.c) */

/* A tenant with its owner in one transaction; the owner's membership is
 * linked to the staff row the tenant's bootstrap makes
 * (ahi_tenant_owner_id). tenant_id NULL makes a new id; a given one
 * ("adopt": a business made offline in the app) must be a UUID (INVALID)
 * that is not taken (CONFLICT). device_id (may be NULL) is the app's own
 * device, born in that business: it must be a UUID (INVALID) the server
 * does not know (DEVICE_TAKEN), and is bound to the tenant. An e-mail
 * already registered is a CONFLICT; a malformed one, or an empty name,
 * sector or display name, is UNPROCESSABLE. Nothing is written on any
 * error. */
gboolean      ahi_control_sign_up              (AhiControl   *self,
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
                                                GError      **error);

/* A new user as manager or staff of tenant (NOT_FOUND when it does not
 * exist; "owner" is UNPROCESSABLE, another role INVALID; a taken e-mail
 * a CONFLICT). staff_id (may be NULL) is the id of the member's staff
 * row, which the caller creates in the tenant's database (a
 * staff.created event); the membership is linked to it. Whether the
 * caller may invite is the caller's check (ahi_control_role_in: owners
 * only). */
gboolean      ahi_control_add_member           (AhiControl   *self,
                                                const char   *tenant_id,
                                                const char   *email,
                                                const char   *display_name,
                                                const char   *password_hash,
                                                const char   *role,
                                                gint64        now,
                                                const char   *staff_id,
                                                char        **out_user_id,
                                                GError      **error);

/* ------------------------------- signing in (ahi-control-login.c) */

/* The stored hash for a login. An unknown e-mail is INVALID_CREDENTIALS,
 * the same error as a wrong password; the caller should still verify
 * against some hash then, so that timing does not tell either. */
char         *ahi_control_password_hash_for    (AhiControl   *self,
                                                const char   *email,
                                                char        **out_user_id,
                                                GError      **error);

/* RATE_LIMITED when email has AHI_LOGIN_MAX_ATTEMPTS failed attempts, or
 * address (the client's, may be NULL: not counted)
 * AHI_LOGIN_MAX_PER_ADDRESS, recorded in the AHI_LOGIN_WINDOW seconds
 * before now (an attempt at t counts while now < t + AHI_LOGIN_WINDOW). */
gboolean      ahi_control_check_login_rate     (AhiControl   *self,
                                                const char   *email,
                                                const char   *address,
                                                gint64        now,
                                                GError      **error);
/* A failed attempt for email from address (may be NULL). */
gboolean      ahi_control_record_login_attempt (AhiControl   *self,
                                                const char   *email,
                                                const char   *address,
                                                gint64        now,
                                                GError      **error);
/* After a successful login: email's failed attempts are forgotten (those
 * of other e-mails from the same address still count). */
gboolean      ahi_control_clear_login_attempts (AhiControl   *self,
                                                const char   *email,
                                                GError      **error);

/* ------------------------------------ tokens (ahi-control-tokens.c) */

/* A new access and refresh token for user_id (NOT_FOUND when unknown) on
 * device_id, the UUID the device proposes (NULL or not a UUID: the
 * server names a new device). A device born in a business
 * (ahi_control_sign_up, or tenant_id below) serves any member of it, one
 * at a time: the previous member's tokens on it are revoked, and a
 * signed-out device comes back; a member of another business gets
 * DEVICE_TAKEN, as does a tenant_id other than the device's own. An
 * unknown id is kept, born in tenant_id when given (user_id must be a
 * member: NOT_FOUND otherwise). A device the server named serves its own
 * account while it is not revoked; anyone else gets a new device. A
 * device born in a business must present device_secret, what its first
 * sign-in gave it in out->device_secret (DEVICE_TAKEN otherwise). out
 * must be empty (zeroed or cleared); it is filled only on success. */
gboolean      ahi_control_issue_tokens         (AhiControl   *self,
                                                const char   *user_id,
                                                const char   *device_id,
                                                const char   *device_secret,
                                                const char   *tenant_id,
                                                gint64        now,
                                                AhiTokens    *out,
                                                GError      **error);
/* New tokens for the device of refresh_token, which is spent (rotation).
 * Unknown or expired: UNAUTHORIZED. A spent (or otherwise revoked) one
 * presented again is UNAUTHORIZED too, and first revokes its family,
 * every access and refresh token of its account on its device: a refresh
 * token used twice has been copied. */
gboolean      ahi_control_refresh              (AhiControl   *self,
                                                const char   *refresh_token,
                                                gint64        now,
                                                AhiTokens    *out,
                                                GError      **error);
/* The user and device of a live access token. Unknown or revoked (or a
 * refresh token): UNAUTHORIZED; expired: TOKEN_EXPIRED (refresh it). */
gboolean      ahi_control_authenticate         (AhiControl   *self,
                                                const char   *access_token,
                                                gint64        now,
                                                char        **out_user_id,
                                                char        **out_device_id,
                                                GError      **error);
/* Revokes every token of the device of access_token (which may have
 * expired, but not been revoked: else UNAUTHORIZED). */
gboolean      ahi_control_logout               (AhiControl   *self,
                                                const char   *access_token,
                                                gint64        now,
                                                GError      **error);
/* "Remove device": the device of user_id and all its tokens are revoked.
 * Another user's or an unknown device: NOT_FOUND. A device born in a
 * business comes back when a member signs in on it again. */
gboolean      ahi_control_revoke_device        (AhiControl   *self,
                                                const char   *user_id,
                                                const char   *device_id,
                                                gint64        now,
                                                GError      **error);

/* --------------------------- desk devices (ahi-control-devices.c) */

/* Registers device_id as a shared front desk of tenant_id, by user_id
 * (whose role the caller checked: owners and managers). The device must
 * be of this business: born in it, or named by the server for an
 * account that is a member of it; else (or unknown) NOT_FOUND.
 * Registering twice changes nothing. */
gboolean      ahi_control_add_desk_device      (AhiControl   *self,
                                                const char   *tenant_id,
                                                const char   *device_id,
                                                const char   *user_id,
                                                gint64        now,
                                                GError      **error);
/* Ends the registration; the same NOT_FOUND as registering. A device of
 * this business that was no desk succeeds and changes nothing. */
gboolean      ahi_control_remove_desk_device   (AhiControl   *self,
                                                const char   *tenant_id,
                                                const char   *device_id,
                                                GError      **error);
/* TRUE when device_id is registered as a desk device of tenant_id: any
 * member of the business may act on it (the push's actor check). FALSE
 * without error when it is not. */
gboolean      ahi_control_device_is_desk       (AhiControl   *self,
                                                const char   *tenant_id,
                                                const char   *device_id,
                                                GError      **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AhiControl, ahi_control_free)
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (AhiTokens, ahi_tokens_clear)

G_END_DECLS
