/* ahi-routes.h — the tenant API's routes and who may call them
 *
 * docs/api.md documents each; the table is the one place a route is
 * declared, with the roles it admits.
 */
#pragma once

#include "ahi-http.h"

G_BEGIN_DECLS

typedef enum {
  AHI_AUTH_NONE,     /* sign-up, login, refresh */
  AHI_AUTH_USER,     /* any signed-in user */
  AHI_AUTH_TENANT,   /* a member of the tenant in the path, with a listed role */
} AhiAuth;

typedef void (*AhiRouteHandler) (AhiRequest *request);

typedef struct {
  const char          *method;
  const char          *pattern;   /* path segments; a segment "*" matches any one */
  AhiAuth              auth;
  const char * const  *roles;     /* AHI_AUTH_TENANT: who may */
  AhiRouteHandler      handler;
} AhiRoute;

const AhiRoute *ahi_routes (guint *n_routes);

G_END_DECLS
