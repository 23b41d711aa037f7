/* ahi-control-error.h — the error domain of the control store
 *
 * The control database (accounts, memberships, devices, tokens) refuses
 * with these codes; the server maps each to an HTTP status and a JSON
 * code in its one table (src/server/ahi-server-error.c).
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define AHI_CONTROL_ERROR (ahi_control_error_quark ())

typedef enum {
  AHI_CONTROL_ERROR_INVALID,              /* malformed: not UTF-8, not a UUID, an unknown role */
  AHI_CONTROL_ERROR_UNPROCESSABLE,        /* well-formed but breaks a rule: an empty name, a bad e-mail */
  AHI_CONTROL_ERROR_CONFLICT,             /* the e-mail or tenant id is taken */
  AHI_CONTROL_ERROR_NOT_FOUND,            /* no such tenant, user, member or device (or not yours) */
  AHI_CONTROL_ERROR_UNAUTHORIZED,         /* an unknown, revoked or spent token */
  AHI_CONTROL_ERROR_TOKEN_EXPIRED,        /* an access token past its expiry: refresh it */
  AHI_CONTROL_ERROR_INVALID_CREDENTIALS,  /* wrong e-mail or password */
  AHI_CONTROL_ERROR_RATE_LIMITED,         /* too many sign-in attempts */
  AHI_CONTROL_ERROR_OWNER_STAYS,          /* the owner cannot leave nor change their role */
  AHI_CONTROL_ERROR_DEVICE_TAKEN,         /* the device was born in another business */
} AhiControlError;

GQuark ahi_control_error_quark (void);

G_END_DECLS
