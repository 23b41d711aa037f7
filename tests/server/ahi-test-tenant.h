/* ahi-test-tenant.h — businesses and their people on the test server
 *
 * What the server tests do over and over before they test anything:
 * sign a business up, log its people in, add members, read a tenant's
 * file beside the server, write sync events by hand, and read the roles
 * tables of docs/api*.md. Each helper asserts the answer it needs, so a
 * test reads as its story.
 */
#pragma once

#include "ahi-test-server.h"

G_BEGIN_DECLS

/* ---------------------------------------------------------- accounts */

/* POST /api/signup; asserts 201. business_name and owner_name NULL are
 * the salon most tests share ("Işıl Kuaför" of "Işıl Çağlar"). Returns
 * the new tenant's id, and the owner's user id in out_user_id unless
 * NULL. */
char       *ahi_test_sign_up      (AhiTestServer  *server,
                                   const char     *business_name,
                                   const char     *owner_name,
                                   const char     *sector,
                                   const char     *email,
                                   const char     *password,
                                   char          **out_user_id);

/* POST /api/login (a new device each time); asserts 200. Returns the
 * access token, and the device id in out_device_id unless NULL. */
char       *ahi_test_login        (AhiTestServer  *server,
                                   const char     *email,
                                   const char     *password,
                                   char          **out_device_id);

/* POST /api/tenant/:id/members as owner_token, the role as the display
 * name; asserts 201. Returns the member's user id. */
char       *ahi_test_add_member   (AhiTestServer  *server,
                                   const char     *tenant,
                                   const char     *owner_token,
                                   const char     *email,
                                   const char     *password,
                                   const char     *role);

/* --------------------------------------------------------- the files */

/* One integer (the first column of the first row of sql) from the
 * tenant's database file under data_dir, read beside the server, running
 * or not: WAL lets a reader in, and a read-only connection changes
 * nothing in the data dir. */
gint64      ahi_test_tenant_int   (const char     *data_dir,
                                   const char     *tenant,
                                   const char     *sql);

/* ------------------------------------------------------------- sync */

/* A sync event as a client writes it (docs/events.md), acted by user as
 * owner, with a fresh event id: payload and pii are JSON objects (pii
 * NULL: none), extra is raw text appended to the envelope's members
 * (",\"server_seq\":3"), or NULL. */
/* The same acted in role (the claim the server checks). */
char       *ahi_test_event_text_as (const char    *tenant,
                                    const char    *device,
                                    const char    *user,
                                    const char    *role,
                                    gint64         seq,
                                    const char    *type,
                                    const char    *entity,
                                    const char    *entity_id,
                                    const char    *occurred_at,
                                    const char    *payload,
                                    const char    *pii,
                                    const char    *extra);
char       *ahi_test_event_text   (const char     *tenant,
                                   const char     *device,
                                   const char     *user,
                                   gint64          seq,
                                   const char     *type,
                                   const char     *entity,
                                   const char     *entity_id,
                                   const char     *occurred_at,
                                   const char     *payload,
                                   const char     *pii,
                                   const char     *extra);

/* The body of a sync push of device: events is their JSON texts joined
 * by commas. */
char       *ahi_test_push_body    (const char     *device,
                                   const char     *events);

/* ---------------------------------------------------- the roles tables */

/* One route of a roles table of docs/api*.md: who gets which status. */
typedef struct {
  char  *method;
  char  *path;          /* as documented: /api/tenant/:id/customers/:customerId */
  int    cells[5];      /* owner, manager, staff, no token, other business; 0 = "–" */
  char  *doc;           /* "api-people.md" */
} AhiTestRolesRow;

/* Writes a valid request for the route (method, and path as the docs
 * write it): the path with real ids of data's business, and a body
 * (NULL: none). */
typedef void (*AhiTestValidRequest) (gpointer     data,
                                     const char  *method,
                                     const char  *pattern,
                                     char       **out_path,
                                     char       **out_body);

/* Every route of the roles tables of docs/name (name NULL: of every
 * docs/api*.md, file by file), in the table's order; an array of
 * AhiTestRolesRow. */
GPtrArray  *ahi_test_roles_table  (const char     *name);

/* Each route of docs/name's roles table, called by the owner, manager
 * and staff tokens (in that order) with a valid request made afresh for
 * each call, answers exactly the status its cell says; the table has
 * n_routes rows. */
void        ahi_test_assert_roles (AhiTestServer        *server,
                                   const char           *name,
                                   const char * const   *tokens,
                                   AhiTestValidRequest   valid_request,
                                   gpointer              data,
                                   guint                 n_routes);

/* GET the bootstrap into path; returns the status and, on 200, the copy's
 * cursor (X-Ahi-Cursor). */
guint       ahi_test_fetch_snapshot (AhiTestServer *server,
                                     const char    *tenant,
                                     const char    *token,
                                     const char    *path,
                                     gint64        *out_cursor);
/* One integer a query gives on the SQLite file at path. */
gint64      ahi_test_file_int       (const char    *path,
                                     const char    *sql);
/* Whether the file's bytes (free pages included) hold text. */
gboolean    ahi_test_file_contains  (const char    *path,
                                     const char    *text);

G_END_DECLS
