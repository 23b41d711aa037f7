/* ahi-core.h — start-up of the core layer */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Registers the core's resources (blueprints) and initialises libsodium.
 * Safe to call more than once and from any thread; every program and test
 * calls it before using core. */
void ahi_core_init (void);

G_END_DECLS
