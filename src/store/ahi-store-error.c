/* ahi-store-error.c */
#include "store/ahi-store-error.h"

G_DEFINE_QUARK (ahi-store-error-quark, ahi_store_error)
