/* ahi-demo-server.h — a demo business in an ahi-server data dir
 *
 * What `ahi-server --demo SECTOR` used to make at start, made beforehand
 * by `ahi-demo --server-data-dir DIR` so that the server links no
 * generator: an account in the control database, demo-<sector>@ahi.app
 * with the password AHI_DEMO_SERVER_PASSWORD, owning a business "Ahi
 * Demo" of the sector whose tenant file holds six months of history.
 * Made once per data dir; ahi-server then serves the dir like any other.
 */
#pragma once

#include "core/ahi-password.h"

G_BEGIN_DECLS

#define AHI_DEMO_SERVER_PASSWORD "ahi-demo-2026"

/* The demo account's e-mail for sector. */
char     *ahi_demo_server_email   (const char       *sector);

/* Makes the demo business of sector in data_dir (created if missing)
 * unless its account is there already; out_created (may be NULL) says
 * which. now is the server's time the history ends at; the password is
 * hashed at cost. An unknown sector is INVALID_INPUT. The tenant file is
 * made under a temporary name and the account written last, so a run cut
 * short leaves no account without its business: the next run makes it
 * again. */
gboolean  ahi_demo_server_prepare (const char       *data_dir,
                                   const char       *sector,
                                   gint64            now,
                                   AhiPasswordCost   cost,
                                   gboolean         *out_created,
                                   GError          **error);

G_END_DECLS
