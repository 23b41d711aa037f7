/* ahi-secret-store-libsecret.h — the desktop's secret store
 *
 * Keeps secrets with libsecret: in the session's secret service (GNOME
 * Keyring, KWallet, KeePassXC) on a desktop, and through the secret portal
 * inside Flatpak. Items use the schema "app.ahi.Desk.Secret" with one
 * string attribute, "key", so a keyring manager shows them as Ahi Desk's.
 * A service that cannot be reached, is locked or refuses gives
 * AHI_SYNC_ERROR_SECRET_SERVICE; cancellation stays G_IO_ERROR_CANCELLED.
 */
#pragma once

#include "ahi-secret-store.h"

G_BEGIN_DECLS

#define AHI_LIBSECRET_STORE_SCHEMA_NAME "app.ahi.Desk.Secret"

#define AHI_TYPE_LIBSECRET_STORE (ahi_libsecret_store_get_type ())
G_DECLARE_FINAL_TYPE (AhiLibsecretStore, ahi_libsecret_store, AHI, LIBSECRET_STORE, GObject)

/* Connects lazily: creating the store never blocks or fails. */
AhiLibsecretStore *ahi_libsecret_store_new (void);

G_END_DECLS
