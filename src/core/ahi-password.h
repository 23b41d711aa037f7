/* ahi-password.h — Argon2id hashes of secrets (libsodium): account
 * passwords on the server, desk PINs in the app
 *
 * ahi_password_hash and ahi_password_verify block for as long as the cost
 * says (~150 ms at the interactive cost, STACK-NOTES): call them on a worker
 * thread, or use the _async variants, which run on GLib's thread pool, so
 * that no main loop ever hashes. The cost is stored in the hash string, so
 * a hash made at any cost verifies. Call ahi_core_init () first.
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* An account password's bounds, in bytes (ahi_password_check). A desk PIN
 * has rules of its own (ahi-desk-user.h) and only shares the upper one. */
#define AHI_PASSWORD_MIN_BYTES 8
#define AHI_PASSWORD_MAX_BYTES 256

#define AHI_PASSWORD_ERROR (ahi_password_error_quark ())

typedef enum {
  AHI_PASSWORD_ERROR_INVALID_UTF8,  /* the secret is not UTF-8 */
  AHI_PASSWORD_ERROR_TOO_SHORT,     /* under AHI_PASSWORD_MIN_BYTES (ahi_password_check) */
  AHI_PASSWORD_ERROR_TOO_LONG,      /* over AHI_PASSWORD_MAX_BYTES */
  AHI_PASSWORD_ERROR_FAILED,        /* libsodium could not hash (out of memory) */
} AhiPasswordError;

GQuark           ahi_password_error_quark      (void);

typedef struct {
  guint64 opslimit;
  gsize   memlimit;
} AhiPasswordCost;

/* crypto_pwhash_OPSLIMIT/MEMLIMIT_INTERACTIVE: the server's and the
 * desk's cost (2 passes over 64 MiB, ~150 ms here). */
AhiPasswordCost  ahi_password_cost_interactive (void);
/* crypto_pwhash_OPSLIMIT/MEMLIMIT_MIN (1 pass over 8 KiB): tests only. */
AhiPasswordCost  ahi_password_cost_min         (void);

/* The account password rule: UTF-8 (else INVALID_UTF8) of
 * AHI_PASSWORD_MIN_BYTES to AHI_PASSWORD_MAX_BYTES bytes (else TOO_SHORT
 * or TOO_LONG). Cheap: check before hashing. */
gboolean         ahi_password_check            (const char       *password,
                                                GError          **error);

/* An "$argon2id$…" string of secret. A secret that is not UTF-8 is
 * INVALID_UTF8, one over AHI_PASSWORD_MAX_BYTES bytes TOO_LONG; there is
 * no lower bound here (a PIN has 4 digits). Blocks. */
char            *ahi_password_hash             (const char       *secret,
                                                AhiPasswordCost   cost,
                                                GError          **error);
/* TRUE when secret matches hash. Anything malformed is FALSE. Blocks. */
gboolean         ahi_password_verify           (const char       *hash,
                                                const char       *secret);
/* TRUE when hash was made with another cost or algorithm than cost: the
 * caller may store a new hash after a successful login. */
gboolean         ahi_password_needs_rehash     (const char       *hash,
                                                AhiPasswordCost   cost);

/* ahi_password_hash on GLib's thread pool. */
void             ahi_password_hash_async       (const char          *secret,
                                                AhiPasswordCost      cost,
                                                GCancellable        *cancellable,
                                                GAsyncReadyCallback  callback,
                                                gpointer             user_data);
char            *ahi_password_hash_finish      (GAsyncResult        *result,
                                                GError             **error);

/* ahi_password_verify on GLib's thread pool. */
void             ahi_password_verify_async     (const char          *hash,
                                                const char          *secret,
                                                GCancellable        *cancellable,
                                                GAsyncReadyCallback  callback,
                                                gpointer             user_data);
/* FALSE for a wrong secret (no error) and when cancelled (error set). */
gboolean         ahi_password_verify_finish    (GAsyncResult        *result,
                                                GError             **error);

G_END_DECLS
