/* ahi-password.h — Argon2id password hashes (libsodium)
 *
 * ahi_password_hash and ahi_password_verify block for as long as the cost
 * says (~150 ms at the interactive cost, STACK-NOTES): call them on a worker
 * thread, or use the _async variants, which run on GLib's thread pool, so
 * that the server's main loop never hashes. The cost is stored in the hash
 * string, so a hash made at any cost verifies.
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define AHI_PASSWORD_MIN_BYTES 8
#define AHI_PASSWORD_MAX_BYTES 256

typedef struct {
  guint64 opslimit;
  gsize   memlimit;
} AhiPasswordCost;

/* crypto_pwhash_OPSLIMIT/MEMLIMIT_INTERACTIVE: the server's cost. */
AhiPasswordCost  ahi_password_cost_interactive (void);
/* crypto_pwhash_OPSLIMIT/MEMLIMIT_MIN: for tests only. */
AhiPasswordCost  ahi_password_cost_min         (void);

/* An "$argon2id$…" string. A password that is not UTF-8 is a
 * BAD_REQUEST; one under AHI_PASSWORD_MIN_BYTES or over
 * AHI_PASSWORD_MAX_BYTES bytes is UNPROCESSABLE. Blocks. */
char            *ahi_password_hash             (const char       *password,
                                                AhiPasswordCost   cost,
                                                GError          **error);
/* TRUE when password matches hash. Anything malformed is FALSE. Blocks. */
gboolean         ahi_password_verify           (const char       *hash,
                                                const char       *password);
/* TRUE when hash was made with another cost or algorithm than cost: the
 * caller may store a new hash after a successful login. */
gboolean         ahi_password_needs_rehash     (const char       *hash,
                                                AhiPasswordCost   cost);

void             ahi_password_hash_async       (const char          *password,
                                                AhiPasswordCost      cost,
                                                GCancellable        *cancellable,
                                                GAsyncReadyCallback  callback,
                                                gpointer             user_data);
char            *ahi_password_hash_finish      (GAsyncResult        *result,
                                                GError             **error);

void             ahi_password_verify_async     (const char          *hash,
                                                const char          *password,
                                                GCancellable        *cancellable,
                                                GAsyncReadyCallback  callback,
                                                gpointer             user_data);
/* FALSE for a wrong password (no error) and when cancelled (error set). */
gboolean         ahi_password_verify_finish    (GAsyncResult        *result,
                                                GError             **error);

G_END_DECLS
