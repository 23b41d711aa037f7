/* ahi-control-private.h — what the files of the control store share */
#pragma once

#include "store/control/ahi-control.h"
#include "store/control/ahi-control-error.h"
#include "store/ahi-db-rows.h"

G_BEGIN_DECLS

struct _AhiControl {
  AhiDb *db;
};

/* Trimmed and ASCII lower-cased: the form e-mails are stored and counted
 * in. ASCII only, because g_utf8_strdown depends on the locale. */
char     *_ahi_control_fold_email (const char  *email);

/* Runs sql (one or two text parameters; second may be NULL) and tells
 * whether it returned a row. */
gboolean  _ahi_control_row_exists (AhiDb       *db,
                                   const char  *sql,
                                   const char  *first,
                                   const char  *second,
                                   gboolean    *out_exists,
                                   GError     **error);

/* A new device row (inside the caller's transaction): device_id, signed
 * in by user_id, born in tenant_id (NULL: named by the server). An id
 * that exists already is DEVICE_TAKEN. */
gboolean  _ahi_control_bind_new_device (AhiDb       *db,
                                        const char  *device_id,
                                        const char  *user_id,
                                        const char  *tenant_id,
                                        gint64       now,
                                        GError     **error);

/* Whether user_id may sign in on device_id, a UUID the device proposes
 * (inside the caller's transaction). out_device_id receives it when it
 * may (an unknown id is created, born in tenant_id when given: user_id
 * must be a member of it, else NOT_FOUND), or stays NULL when the caller
 * should name a new device (a server-named device of another account,
 * or revoked). A device born in a business of which user_id is no
 * member, or in another business than tenant_id, is DEVICE_TAKEN; so is
 * one whose secret the caller does not present (secret: what the device
 * got at its first sign-in). A device born in a business that has no
 * secret yet gets one: out_new_secret (may stay NULL) receives it, for
 * the device to keep. */
gboolean  _ahi_control_claim_device    (AhiDb       *db,
                                        const char  *device_id,
                                        const char  *secret,
                                        const char  *user_id,
                                        const char  *tenant_id,
                                        gint64       now,
                                        char       **out_device_id,
                                        char       **out_new_secret,
                                        GError     **error);

/* A new random secret (32 bytes, base64url) and the hex BLAKE2b-256
 * under which it is kept (ahi-control-tokens.c). */
char     *_ahi_control_new_secret      (void);
char     *_ahi_control_hash_secret     (const char  *secret);

G_END_DECLS
