/* test-http-head.c — the request guard's reading of a head, case by case
 *
 * The process test (test-body-limits.c) shows the answers a client gets;
 * this one pins the parser's edges, where libsoup and the guard must not
 * disagree about where a body ends: which framings pass, with what
 * length, and which cap each route gets.
 */
#include <string.h>

#include "server/ahi-http-head.h"
#include "server/ahi-server-error.h"

#define KiB 1024
#define MiB (1024 * 1024)

typedef struct {
  const char      *head;
  int              error;    /* -1: parses */
  AhiHttpBodyKind  body;
  guint64          length;
  guint64          cap;
} Case;

static void
test_framing (void)
{
  const Case cases[] = {
    /* No body, a length, chunked. */
    { "GET /api/health HTTP/1.1\r\nHost: x\r\n\r\n", -1, AHI_HTTP_BODY_NONE, 0, 64 * KiB },
    { "POST /api/login HTTP/1.1\r\nHost: x\r\nContent-Length: 17\r\n\r\n", -1, AHI_HTTP_BODY_LENGTH, 17, 64 * KiB },
    /* Leading zeros are still 17; LF-only lines as libsoup reads them. */
    { "POST /api/login HTTP/1.1\nHost: x\nContent-Length:   0017  \n\n", -1, AHI_HTTP_BODY_LENGTH, 17, 64 * KiB },
    { "POST /api/login HTTP/1.0\r\ntransfer-encoding: Chunked\r\n\r\n", -1, AHI_HTTP_BODY_CHUNKED, 0, 64 * KiB },
    /* The cap is the route's: 64 KiB = 65536 passes, 65537 does not. */
    { "POST /api/signup HTTP/1.1\r\nHost: x\r\nContent-Length: 65536\r\n\r\n", -1, AHI_HTTP_BODY_LENGTH, 65536, 64 * KiB },
    { "POST /api/signup HTTP/1.1\r\nHost: x\r\nContent-Length: 65537\r\n\r\n", AHI_SERVER_ERROR_TOO_LARGE, 0, 0, 0 },
    /* A push may carry 1 MiB = 1048576; its query does not change that. */
    { "POST /api/tenant/t1/sync/push?x=1 HTTP/1.1\r\nHost: x\r\nContent-Length: 1048576\r\n\r\n", -1, AHI_HTTP_BODY_LENGTH,
      MiB, MiB },
    { "POST /api/tenant/t1/sync/push HTTP/1.1\r\nHost: x\r\nContent-Length: 1048577\r\n\r\n", AHI_SERVER_ERROR_TOO_LARGE, 0, 0, 0 },
    { "POST http://127.0.0.1:8080/api/tenant/t1/sync/push HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n", -1,
      AHI_HTTP_BODY_CHUNKED, 0, MiB },
    /* Not the push route: 64 KiB (no id, another verb, a longer path). */
    { "POST /api/tenant//sync/push HTTP/1.1\r\nHost: x\r\n\r\n", -1, AHI_HTTP_BODY_NONE, 0, 64 * KiB },
    { "PUT /api/tenant/t1/sync/push HTTP/1.1\r\nHost: x\r\n\r\n", -1, AHI_HTTP_BODY_NONE, 0, 64 * KiB },
    { "POST /api/tenant/t1/sync/push/x HTTP/1.1\r\nHost: x\r\n\r\n", -1, AHI_HTTP_BODY_NONE, 0, 64 * KiB },
    /* More digits than a guint64 holds: too large, not malformed. */
    { "POST /api/signup HTTP/1.1\r\nHost: x\r\nContent-Length: 99999999999999999999999\r\n\r\n", AHI_SERVER_ERROR_TOO_LARGE,
      0, 0, 0 },
    /* Malformed framing. */
    { "POST /api/signup HTTP/1.1\r\nHost: x\r\nContent-Length: abc\r\n\r\n", AHI_SERVER_ERROR_BAD_REQUEST, 0, 0, 0 },
    { "POST /api/signup HTTP/1.1\r\nHost: x\r\nContent-Length: -1\r\n\r\n", AHI_SERVER_ERROR_BAD_REQUEST, 0, 0, 0 },
    { "POST /api/signup HTTP/1.1\r\nHost: x\r\nContent-Length: +1\r\n\r\n", AHI_SERVER_ERROR_BAD_REQUEST, 0, 0, 0 },
    { "POST /api/signup HTTP/1.1\r\nHost: x\r\nContent-Length: 1 2\r\n\r\n", AHI_SERVER_ERROR_BAD_REQUEST, 0, 0, 0 },
    { "POST /api/signup HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\nContent-Length: 2\r\n\r\n", AHI_SERVER_ERROR_BAD_REQUEST,
      0, 0, 0 },
    { "POST /api/signup HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\nTransfer-Encoding: chunked\r\n\r\n",
      AHI_SERVER_ERROR_BAD_REQUEST, 0, 0, 0 },
    { "POST /api/signup HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: identity\r\n\r\n", AHI_SERVER_ERROR_BAD_REQUEST, 0, 0, 0 },
    { "POST /api/signup HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n\r\n",
      AHI_SERVER_ERROR_BAD_REQUEST, 0, 0, 0 },
    { "POST /api/signup HTTP/1.1\r\nHost: x\r\nContent-Length : 2\r\n\r\n", AHI_SERVER_ERROR_BAD_REQUEST, 0, 0, 0 },
    { "POST /api/signup HTTP/1.1\r\nHost: x\r\nX-A: 1\r\n folded\r\n\r\n", AHI_SERVER_ERROR_BAD_REQUEST, 0, 0, 0 },
    { "POST /api/signup HTTP/1.1\r\nHost: x\r\nX-A: 1\x01\r\n\r\n", AHI_SERVER_ERROR_BAD_REQUEST, 0, 0, 0 },
    { "POST /api/signup HTTP/1.1\r\nHost: a/b\r\n\r\n", AHI_SERVER_ERROR_BAD_REQUEST, 0, 0, 0 },
    /* Host: required in HTTP/1.1 (not in 1.0), once. */
    { "GET /api/health HTTP/1.1\r\n\r\n", AHI_SERVER_ERROR_BAD_REQUEST, 0, 0, 0 },
    { "GET /api/health HTTP/1.0\r\n\r\n", -1, AHI_HTTP_BODY_NONE, 0, 64 * KiB },
    { "GET /api/health HTTP/1.1\r\nHost: x\r\nHost: y\r\n\r\n", AHI_SERVER_ERROR_BAD_REQUEST, 0, 0, 0 },
    /* Expect: 100-continue passes (libsoup answers it); nothing else. */
    { "POST /api/login HTTP/1.1\r\nHost: x\r\nExpect: 100-Continue\r\nContent-Length: 2\r\n\r\n", -1,
      AHI_HTTP_BODY_LENGTH, 2, 64 * KiB },
    { "POST /api/login HTTP/1.1\r\nHost: x\r\nExpect: foo\r\nContent-Length: 2\r\n\r\n",
      AHI_SERVER_ERROR_BAD_REQUEST, 0, 0, 0 },
    /* Absolute form as http only. */
    { "GET https://x/api/health HTTP/1.1\r\nHost: x\r\n\r\n", AHI_SERVER_ERROR_BAD_REQUEST, 0, 0, 0 },
    /* Request lines. */
    { "POST  /api/signup HTTP/1.1\r\nHost: x\r\n\r\n", AHI_SERVER_ERROR_BAD_REQUEST, 0, 0, 0 },
    { "POST /api/signup HTTP/2.0\r\n\r\n", AHI_SERVER_ERROR_BAD_REQUEST, 0, 0, 0 },
    { "POST api/signup HTTP/1.1\r\nHost: x\r\n\r\n", AHI_SERVER_ERROR_BAD_REQUEST, 0, 0, 0 },
    { "GET /api/%2e%2e/x/../health HTTP/1.1\r\nHost: x\r\n\r\n", AHI_SERVER_ERROR_BAD_REQUEST, 0, 0, 0 },
    { "GET /api/%zz HTTP/1.1\r\nHost: x\r\n\r\n", AHI_SERVER_ERROR_BAD_REQUEST, 0, 0, 0 },
    { "OPTIONS * HTTP/1.1\r\nHost: x\r\n\r\n", AHI_SERVER_ERROR_BAD_REQUEST, 0, 0, 0 },
    { "P(ST /api/signup HTTP/1.1\r\nHost: x\r\n\r\n", AHI_SERVER_ERROR_BAD_REQUEST, 0, 0, 0 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      AhiHttpHead head;
      gboolean ok = ahi_http_head_parse (cases[i].head, strlen (cases[i].head), &head, &error);

      g_test_message ("case %u: %s", i, error != NULL ? error->message : "parses");
      if (cases[i].error < 0)
        {
          g_assert_no_error (error);
          g_assert_true (ok);
          g_assert_cmpint (head.body, ==, cases[i].body);
          g_assert_cmpuint (head.length, ==, cases[i].length);
          g_assert_cmpuint (head.cap, ==, cases[i].cap);
        }
      else
        {
          g_assert_false (ok);
          g_assert_error (error, AHI_SERVER_ERROR, cases[i].error);
        }
      ahi_http_head_clear (&head);
    }

  /* A NUL anywhere in the head. */
  {
    const char with_nul[] = "GET /api/health HTTP/1.1\r\nX-A: a\0b\r\n\r\n";
    g_autoptr(GError) error = NULL;
    AhiHttpHead head;

    g_assert_false (ahi_http_head_parse (with_nul, sizeof with_nul - 1, &head, &error));
    g_assert_error (error, AHI_SERVER_ERROR, AHI_SERVER_ERROR_BAD_REQUEST);
    ahi_http_head_clear (&head);
  }
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/server/http-head/framing", test_framing);
  return g_test_run ();
}
