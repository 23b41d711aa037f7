/* ahi-sync-error.h — the error domain of src/sync */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define AHI_SYNC_ERROR (ahi_sync_error_quark ())

typedef enum {
  AHI_SYNC_ERROR_SECRET_NOT_FOUND,  /* no secret is stored under the key */
  AHI_SYNC_ERROR_SECRET_SERVICE,    /* the secret service is unreachable, locked or refused */
  AHI_SYNC_ERROR_INVALID_KEY,       /* a secret's key is empty or not UTF-8 */
  AHI_SYNC_ERROR_INVALID_SECRET,    /* a secret is empty or not UTF-8 */
} AhiSyncError;

GQuark ahi_sync_error_quark (void);

G_END_DECLS
