/* ahi-server-error.c — errors of every layer as HTTP statuses and codes */
#include "ahi-server-error.h"

#include <json-glib/json-glib.h>

#include "core/ahi-core-error.h"
#include "core/ahi-json-strict.h"
#include "core/ahi-password.h"
#include "store/ahi-store-error.h"
#include "store/control/ahi-control-error.h"

G_DEFINE_QUARK (ahi-server-error-quark, ahi_server_error)

typedef struct {
  int         code;
  guint       status;
  const char *name;
} Mapping;

static const Mapping server_map[] = {
  { AHI_SERVER_ERROR_BAD_REQUEST, 400, "bad_request" },
  { AHI_SERVER_ERROR_UNAUTHORIZED, 401, "unauthorized" },
  { AHI_SERVER_ERROR_TOKEN_EXPIRED, 401, "token_expired" },
  { AHI_SERVER_ERROR_INVALID_CREDENTIALS, 401, "invalid_credentials" },
  { AHI_SERVER_ERROR_FORBIDDEN, 403, "forbidden" },
  { AHI_SERVER_ERROR_NOT_FOUND, 404, "not_found" },
  { AHI_SERVER_ERROR_CONFLICT, 409, "conflict" },
  { AHI_SERVER_ERROR_TOO_LARGE, 413, "too_large" },
  { AHI_SERVER_ERROR_UNPROCESSABLE, 422, "unprocessable" },
  { AHI_SERVER_ERROR_RATE_LIMITED, 429, "rate_limited" },
  { AHI_SERVER_ERROR_GONE, 410, "snapshot_required" },
  { AHI_SERVER_ERROR_ID_REUSED, 409, "id_reused" },
  { AHI_SERVER_ERROR_TIMEOUT, 408, "request_timeout" },
  { AHI_SERVER_ERROR_BUSY, 503, "busy" },
  /* Last: the answer for any error no table names. */
  { AHI_SERVER_ERROR_INTERNAL, 500, "internal" },
};

/* Bad input from the client: the event or JSON codec refused it. */
static const Mapping core_map[] = {
  { AHI_CORE_ERROR_INVALID_JSON, 400, "invalid_json" },
  { AHI_CORE_ERROR_INVALID_UTF8, 400, "invalid_utf8" },
  { AHI_CORE_ERROR_DUPLICATE_KEY, 400, "duplicate_key" },
  { AHI_CORE_ERROR_NUL_IN_STRING, 400, "nul_in_string" },
  { AHI_CORE_ERROR_TOO_LARGE, 413, "too_large" },
  { AHI_CORE_ERROR_UNSUPPORTED_VERSION, 400, "unsupported_version" },
  { AHI_CORE_ERROR_UNKNOWN_TYPE, 400, "unknown_type" },
  { AHI_CORE_ERROR_MISSING_FIELD, 400, "missing_field" },
  { AHI_CORE_ERROR_UNKNOWN_FIELD, 400, "unknown_field" },
  { AHI_CORE_ERROR_WRONG_TYPE, 400, "wrong_type" },
  { AHI_CORE_ERROR_OUT_OF_RANGE, 400, "out_of_range" },
  { AHI_CORE_ERROR_INVALID_VALUE, 400, "invalid_value" },
  { AHI_CORE_ERROR_INVALID_BLUEPRINT, 422, "invalid_blueprint" },
  { AHI_CORE_ERROR_FORBIDDEN, 403, "forbidden" },
};

/* The model's rules: well-formed requests the data refuses. */
static const Mapping store_map[] = {
  { AHI_STORE_ERROR_SQLITE, 500, "internal" },
  { AHI_STORE_ERROR_SCHEMA_TOO_NEW, 500, "internal" },
  { AHI_STORE_ERROR_NOT_A_DATABASE, 500, "internal" },
  { AHI_STORE_ERROR_WRONG_TENANT, 404, "not_found" },
  { AHI_STORE_ERROR_NOT_FOUND, 404, "not_found" },
  { AHI_STORE_ERROR_CONFLICT, 409, "conflict" },
  { AHI_STORE_ERROR_INVALID_REFERENCE, 422, "invalid_reference" },
  { AHI_STORE_ERROR_INVALID_STATE, 409, "invalid_state" },
  { AHI_STORE_ERROR_RESOURCE_BUSY, 409, "resource_busy" },
  { AHI_STORE_ERROR_INVALID_INPUT, 400, "invalid_value" },
  { AHI_STORE_ERROR_WRONG_PIN, 401, "invalid_credentials" },
  { AHI_STORE_ERROR_FORBIDDEN, 403, "forbidden" },
  { AHI_STORE_ERROR_CORRUPT, 500, "internal" },
  /* The day refuses a booking as the business stands now (its hours, its
   * rota, its resources): 409 like a double booking, since the same
   * request succeeds once that state changes (docs/api.md). */
  { AHI_STORE_ERROR_OUTSIDE_OPENING_HOURS, 409, "outside_opening_hours" },
  { AHI_STORE_ERROR_STAFF_UNAVAILABLE, 409, "staff_unavailable" },
  { AHI_STORE_ERROR_RESOURCE_OUT_OF_SERVICE, 409, "resource_out_of_service" },
};

/* The control database's refusals: accounts, members, devices, tokens. */
static const Mapping control_map[] = {
  { AHI_CONTROL_ERROR_INVALID, 400, "bad_request" },
  { AHI_CONTROL_ERROR_UNPROCESSABLE, 422, "unprocessable" },
  { AHI_CONTROL_ERROR_CONFLICT, 409, "conflict" },
  { AHI_CONTROL_ERROR_NOT_FOUND, 404, "not_found" },
  { AHI_CONTROL_ERROR_UNAUTHORIZED, 401, "unauthorized" },
  { AHI_CONTROL_ERROR_TOKEN_EXPIRED, 401, "token_expired" },
  { AHI_CONTROL_ERROR_INVALID_CREDENTIALS, 401, "invalid_credentials" },
  { AHI_CONTROL_ERROR_RATE_LIMITED, 429, "rate_limited" },
  { AHI_CONTROL_ERROR_OWNER_STAYS, 409, "invalid_state" },
  { AHI_CONTROL_ERROR_DEVICE_TAKEN, 409, "device_taken" },
};

/* A password the account rule refuses (core/ahi-password.h). */
static const Mapping password_map[] = {
  { AHI_PASSWORD_ERROR_INVALID_UTF8, 400, "bad_request" },
  { AHI_PASSWORD_ERROR_TOO_SHORT, 422, "unprocessable" },
  { AHI_PASSWORD_ERROR_TOO_LONG, 422, "unprocessable" },
  { AHI_PASSWORD_ERROR_FAILED, 500, "internal" },
};

static const Mapping *
lookup (const GError *error)
{
  const Mapping *map = NULL;
  guint n = 0;

  if (error->domain == AHI_SERVER_ERROR)
    map = server_map, n = G_N_ELEMENTS (server_map);
  else if (error->domain == AHI_CORE_ERROR)
    map = core_map, n = G_N_ELEMENTS (core_map);
  else if (error->domain == AHI_STORE_ERROR)
    map = store_map, n = G_N_ELEMENTS (store_map);
  else if (error->domain == AHI_CONTROL_ERROR)
    map = control_map, n = G_N_ELEMENTS (control_map);
  else if (error->domain == AHI_PASSWORD_ERROR)
    map = password_map, n = G_N_ELEMENTS (password_map);

  for (guint i = 0; i < n; i++)
    if (map[i].code == error->code)
      return &map[i];
  return &server_map[G_N_ELEMENTS (server_map) - 1];
}

guint
ahi_server_error_status (const GError *error)
{
  g_return_val_if_fail (error != NULL, 500);
  return lookup (error)->status;
}

const char *
ahi_server_error_code (const GError *error)
{
  g_return_val_if_fail (error != NULL, "internal");
  return lookup (error)->name;
}

char *
ahi_server_error_to_json (const GError *error)
{
  g_autoptr(JsonNode) root = json_node_alloc ();
  JsonObject *object = json_object_new ();
  JsonObject *inner = json_object_new ();
  guint status = ahi_server_error_status (error);

  json_object_set_string_member (inner, "code", ahi_server_error_code (error));
  /* An internal failure's text may name files and tables: say less. */
  json_object_set_string_member (inner, "message", status >= 500 ? "Internal error" : error->message);
  json_object_set_object_member (object, "error", inner);
  json_node_init_object (root, object);
  json_object_unref (object);
  return ahi_json_strict_to_string (root);
}
