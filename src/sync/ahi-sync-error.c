/* ahi-sync-error.c */
#include "ahi-sync-error.h"

G_DEFINE_QUARK (ahi-sync-error-quark, ahi_sync_error)
