/* ahi-store-error.c */
#include "ahi-store-error.h"

G_DEFINE_QUARK (ahi-store-error-quark, ahi_store_error)
