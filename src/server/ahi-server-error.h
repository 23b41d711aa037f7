/* ahi-server-error.h — the error domain of src/server, and the one place
 * errors of every layer become an HTTP status and a JSON error code
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define AHI_SERVER_ERROR (ahi_server_error_quark ())

typedef enum {
  AHI_SERVER_ERROR_BAD_REQUEST,          /* 400: malformed request */
  AHI_SERVER_ERROR_UNAUTHORIZED,         /* 401: no or unknown token */
  AHI_SERVER_ERROR_TOKEN_EXPIRED,        /* 401: refresh it */
  AHI_SERVER_ERROR_INVALID_CREDENTIALS,  /* 401: wrong e-mail or password */
  AHI_SERVER_ERROR_FORBIDDEN,            /* 403: your role may not */
  AHI_SERVER_ERROR_NOT_FOUND,            /* 404: no such thing (or not yours) */
  AHI_SERVER_ERROR_CONFLICT,             /* 409: exists already, double booking */
  AHI_SERVER_ERROR_TOO_LARGE,            /* 413: body over the cap */
  AHI_SERVER_ERROR_UNPROCESSABLE,        /* 422: well-formed but breaks a rule */
  AHI_SERVER_ERROR_RATE_LIMITED,         /* 429: too many attempts */
  AHI_SERVER_ERROR_INTERNAL,             /* 500 */
  AHI_SERVER_ERROR_GONE,                 /* 410: a sync cursor the server does not serve */
  AHI_SERVER_ERROR_ID_REUSED,            /* 409: a client id already used for another write */
  AHI_SERVER_ERROR_TIMEOUT,              /* 408: the request arrived too slowly */
  AHI_SERVER_ERROR_BUSY,                 /* 503: too many large bodies arriving at once */
} AhiServerError;

GQuark ahi_server_error_quark (void);

/* The HTTP status and the stable JSON code for any GError of ours (core,
 * store or server); anything else is 500 "internal". */
guint       ahi_server_error_status (const GError *error);
const char *ahi_server_error_code   (const GError *error);

/* {"error":{"code":…,"message":…}} */
char       *ahi_server_error_to_json (const GError *error);

G_END_DECLS
