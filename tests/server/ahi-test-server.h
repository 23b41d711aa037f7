/* ahi-test-server.h — a real ahi-server process for the server tests
 *
 * Starts the binary the README starts (AHI_SERVER_BINARY) on a loopback
 * port of its choosing, talks JSON to it over HTTP, and stops it with
 * SIGTERM, checking that it exits 0. The process dies with the test even
 * when an assertion aborts it.
 */
#pragma once

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

G_BEGIN_DECLS

typedef struct {
  GSubprocess *process;
  char        *base;      /* http://127.0.0.1:PORT */
} AhiTestServer;

typedef struct {
  guint     status;
  JsonNode *body;         /* NULL when empty */
  char     *cache;        /* X-Ahi-Cache, NULL when absent */
} AhiTestReply;

/* The data dir every server of this test uses, and the HTTP session. */
void          ahi_test_server_init   (const char    *data_dir);
void          ahi_test_server_finish (void);

/* The servers started from now on run with --fixed-clock time (unix
 * seconds or a UTC time); NULL: the real clock. A running server keeps
 * its clock: moving it is a restart, as for a production server. */
void          ahi_test_server_fix_clock (const char *time);

void          ahi_test_server_start  (AhiTestServer *server);
/* The same with more: extra_args for the server after the usual ones
 * (NULL-terminated, may be NULL), and its stderr into stderr_path (NULL:
 * the test's own). */
void          ahi_test_server_start_with (AhiTestServer      *server,
                                          const char * const *extra_args,
                                          const char         *stderr_path);
void          ahi_test_server_stop   (AhiTestServer *server);
/* Kills the server with SIGKILL (no clean-up at all: a crash or a power
 * cut as far as the data dir can tell) and reaps it. */
void          ahi_test_server_kill   (AhiTestServer *server);

AhiTestReply  ahi_test_call          (AhiTestServer *server,
                                      const char    *method,
                                      const char    *path,
                                      const char    *token,
                                      const char    *body);
/* ahi_test_call with the path made from path_format and what follows. */
AhiTestReply  ahi_test_callf         (AhiTestServer *server,
                                      const char    *method,
                                      const char    *token,
                                      const char    *body,
                                      const char    *path_format,
                                      ...) G_GNUC_PRINTF (5, 6);
void          ahi_test_reply_clear   (AhiTestReply  *reply);
JsonObject   *ahi_test_reply_object  (AhiTestReply  *reply);

/* The reply's object after asserting its status (the body is logged when
 * the status is another); the reply keeps the object. */
JsonObject   *ahi_test_expect        (AhiTestReply  *reply,
                                      guint          status);

/* The answer of a write (docs/api.md, "One answer for every write"):
 * asserts the status and the event id, and returns the entity under
 * member (NULL: the whole answer); the reply keeps it. */
JsonObject   *ahi_test_expect_written (AhiTestReply *reply,
                                       guint         status,
                                       const char   *member);

/* The reply is an error of that status and JSON code; clears it. */
void          ahi_test_assert_error  (AhiTestReply   reply,
                                      guint          status,
                                      const char    *code);

G_END_DECLS
