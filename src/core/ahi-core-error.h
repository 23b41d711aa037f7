/* ahi-core-error.h — the error domain of src/core
 *
 * One domain for the pure domain layer. Codes are stable: the server maps
 * them to JSON error codes and HTTP statuses, the app to sentences.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define AHI_CORE_ERROR (ahi_core_error_quark ())

typedef enum {
  AHI_CORE_ERROR_INVALID_JSON,        /* not JSON at all, or not an object */
  AHI_CORE_ERROR_INVALID_UTF8,        /* bytes that are not UTF-8 */
  AHI_CORE_ERROR_DUPLICATE_KEY,       /* a member named twice in one object */
  AHI_CORE_ERROR_NUL_IN_STRING,       /* \u0000 inside a string */
  AHI_CORE_ERROR_TOO_LARGE,           /* document, string or list over its bound */
  AHI_CORE_ERROR_UNSUPPORTED_VERSION, /* envelope or contract version we do not know */
  AHI_CORE_ERROR_UNKNOWN_TYPE,        /* event type not in the catalogue */
  AHI_CORE_ERROR_MISSING_FIELD,       /* a required member is absent */
  AHI_CORE_ERROR_UNKNOWN_FIELD,       /* a member the contract does not name */
  AHI_CORE_ERROR_WRONG_TYPE,          /* a member of the wrong JSON type */
  AHI_CORE_ERROR_OUT_OF_RANGE,        /* an integer outside its bounds */
  AHI_CORE_ERROR_INVALID_VALUE,       /* bad id, time, enum value, phone… */
  AHI_CORE_ERROR_INVALID_BLUEPRINT,   /* blueprint or override breaks the contract */
  AHI_CORE_ERROR_FORBIDDEN,           /* the role may not write this (ahi-access.h) */
} AhiCoreError;

GQuark ahi_core_error_quark (void);

G_END_DECLS
