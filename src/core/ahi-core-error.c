/* ahi-core-error.c */
#include "ahi-core-error.h"

G_DEFINE_QUARK (ahi-core-error-quark, ahi_core_error)
