/* ahi-control-error.c */
#include "store/control/ahi-control-error.h"

G_DEFINE_QUARK (ahi-control-error-quark, ahi_control_error)
