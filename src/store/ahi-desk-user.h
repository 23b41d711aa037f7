/* ahi-desk-user.h — who is at the desk: staff members and their PINs
 *
 * Staff members switch user at the desk with a short PIN (4 to 6 ASCII
 * digits). The PIN is never stored: a staff.updated event carries its
 * Argon2id hash (libsodium crypto_pwhash_str) as personal data of the
 * member, so it lands in event_pii and in staff.pin_hash, never in the
 * immutable log. A PIN keeps a colleague from acting under another's
 * name; it does not protect the database file (a few thousand guesses
 * are cheap offline), which is the operating system's job.
 *
 * Hashing and verifying cost ~150 ms (the interactive cost, STACK-NOTES):
 * the UI uses the _async variants, which read and write the database on
 * the calling thread and run only the Argon2id work on GLib's pool.
 */
#pragma once

#include <gio/gio.h>

#include "store/ahi-store.h"

G_BEGIN_DECLS

#define AHI_DESK_PIN_MIN_DIGITS 4
#define AHI_DESK_PIN_MAX_DIGITS 6

typedef struct {
  char     *staff_id;
  char     *display_name;
  char     *role;          /* owner | manager | staff */
  gboolean  has_pin;
} AhiDeskUser;

void         ahi_desk_user_free          (AhiDeskUser  *user);

/* The business's active staff members (AhiDeskUser*): owners first, then
 * managers, then staff, each group by name (Turkish letters folded). */
GPtrArray   *ahi_desk_users_list         (AhiDb        *db,
                                          GError      **error);

/* TRUE for 4 to 6 ASCII digits; otherwise FALSE with INVALID_INPUT and a
 * message the UI may show. Lets the UI check before it hashes. */
gboolean     ahi_desk_pin_is_valid       (const char   *pin,
                                          GError      **error);

/* Sets staff_id's PIN: appends a staff.updated event whose pii carries
 * the new pin_hash, acted by actor_id in actor_role, and returns it (the
 * caller frees it). Anyone may set their own PIN; an owner anyone's; a
 * manager only that of a member with the staff role (FORBIDDEN
 * otherwise). A malformed PIN is INVALID_INPUT, an unknown or departed
 * member NOT_FOUND; then nothing is appended. Blocks for the hash. */
AhiEvent    *ahi_desk_user_set_pin_event (AhiStore     *store,
                                          const char   *staff_id,
                                          const char   *pin,
                                          const char   *actor_id,
                                          const char   *actor_role,
                                          gint64        now,
                                          GError      **error);

/* TRUE when pin is staff_id's PIN. A wrong PIN is FALSE with WRONG_PIN,
 * an unknown or departed member NOT_FOUND, a member without a PIN yet
 * INVALID_STATE, a malformed PIN INVALID_INPUT. Blocks for the hash. */
gboolean     ahi_desk_user_verify_pin    (AhiDb        *db,
                                          const char   *staff_id,
                                          const char   *pin,
                                          GError      **error);

void         ahi_desk_user_set_pin_event_async  (AhiStore            *store,
                                                 const char          *staff_id,
                                                 const char          *pin,
                                                 const char          *actor_id,
                                                 const char          *actor_role,
                                                 gint64               now,
                                                 GCancellable        *cancellable,
                                                 GAsyncReadyCallback  callback,
                                                 gpointer             user_data);
AhiEvent    *ahi_desk_user_set_pin_event_finish (AhiStore            *store,
                                                 GAsyncResult        *result,
                                                 GError             **error);

/* The member's hash is read from db before this returns; only the
 * Argon2id check runs on the pool. */
void         ahi_desk_user_verify_pin_async     (AhiDb               *db,
                                                 const char          *staff_id,
                                                 const char          *pin,
                                                 GCancellable        *cancellable,
                                                 GAsyncReadyCallback  callback,
                                                 gpointer             user_data);
gboolean     ahi_desk_user_verify_pin_finish    (GAsyncResult        *result,
                                                 GError             **error);

/* Tests only: hash new PINs at libsodium's minimum cost instead of the
 * interactive one. Hashes carry their cost, so either kind verifies. */
void         ahi_desk_user_set_min_cost  (gboolean      min_cost);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AhiDeskUser, ahi_desk_user_free)

G_END_DECLS
