/* ahi-http-head.c — a request's head read before libsoup sees it */
#include "ahi-http-head.h"

#include <string.h>

#include "ahi-http.h"
#include "ahi-server-error.h"

/* RFC 9110 §5.6.2: the characters of a token (methods, header names). */
static gboolean
is_tchar (char c)
{
  return g_ascii_isalnum (c) || (c != '\0' && strchr ("!#$%&'*+-.^_`|~", c) != NULL);
}

static gboolean
is_token (const char *start,
          const char *end)
{
  if (start == end)
    return FALSE;
  for (const char *p = start; p < end; p++)
    if (!is_tchar (*p))
      return FALSE;
  return TRUE;
}

static gboolean
fail (GError     **error,
      const char  *message)
{
  g_set_error_literal (error, AHI_SERVER_ERROR, AHI_SERVER_ERROR_BAD_REQUEST, message);
  return FALSE;
}

/* The path of a request target without its query; NULL when the target is
 * not one the routes could answer: origin form ("/…") or absolute form
 * ("http://host/…"). ("*", for OPTIONS, names no route: libsoup would
 * answer it with an empty 404.) */
static char *
target_path (const char *target)
{
  const char *path = target;
  const char *end;

  /* Absolute form only as http: libsoup compares the scheme with its own
   * connection, which it sees as plain (TLS ends in the front), and would
   * answer https with an empty 400 of its own. */
  if (g_ascii_strncasecmp (target, "http://", 7) == 0)
    {
      path = strchr (strstr (target, "://") + 3, '/');
      if (path == NULL)
        return g_strdup ("/");
    }
  if (*path != '/')
    return NULL;
  end = path + strcspn (path, "?#");
  return g_strndup (path, end - path);
}

/* The request line: METHOD SP target SP HTTP/1.x */
static gboolean
parse_request_line (const char   *line,
                    AhiHttpHead  *head,
                    char        **path,
                    gboolean     *http11,
                    GError      **error)
{
  const char *space1 = strchr (line, ' ');
  const char *space2 = space1 != NULL ? strchr (space1 + 1, ' ') : NULL;
  g_autofree char *target = NULL;
  g_autofree char *decoded = NULL;

  if (space1 == NULL || space2 == NULL || strchr (space2 + 1, ' ') != NULL ||
      !is_token (line, space1) || space2 == space1 + 1)
    return fail (error, "The request line is not METHOD TARGET HTTP/1.1");
  head->method = g_strndup (line, space1 - line);
  *http11 = g_str_equal (space2 + 1, "HTTP/1.1");
  if (!*http11 && !g_str_equal (space2 + 1, "HTTP/1.0"))
    return fail (error, "Only HTTP/1.1 and HTTP/1.0 are spoken here");
  target = g_strndup (space1 + 1, space2 - space1 - 1);
  *path = target_path (target);
  if (*path == NULL)
    return fail (error, "The request target is not a path");
  /* What libsoup would refuse with an empty 400 of its own: escapes that
   * do not decode, and ".." segments smuggled in by them. */
  decoded = g_uri_unescape_string (*path, NULL);
  if (decoded == NULL || strstr (decoded, "/../") != NULL || g_str_has_suffix (decoded, "/.."))
    return fail (error, "The request path does not decode to a path");
  return TRUE;
}

/* One Content-Length value: digits only ("-1", "abc", "5, 5" and "+5" are
 * malformed). Lengths of more digits than a guint64 holds are simply
 * too large. */
static gboolean
parse_length (const char *value,
              guint64    *length)
{
  gsize digits = strlen (value);

  if (digits == 0)
    return FALSE;
  for (gsize i = 0; i < digits; i++)
    if (!g_ascii_isdigit (value[i]))
      return FALSE;
  while (digits > 1 && *value == '0')
    value++, digits--;
  *length = digits > 19 ? G_MAXUINT64 : g_ascii_strtoull (value, NULL, 10);
  return TRUE;
}

gboolean
ahi_http_head_parse (const char   *data,
                     gsize         length,
                     AhiHttpHead  *head,
                     GError      **error)
{
  g_autofree char *text = NULL;
  g_autofree char *path = NULL;
  g_auto(GStrv) lines = NULL;
  guint n_lengths = 0;
  guint n_encodings = 0;
  guint n_hosts = 0;
  gboolean chunked = FALSE;
  gboolean http11 = FALSE;

  memset (head, 0, sizeof *head);
  if (memchr (data, '\0', length) != NULL)
    return fail (error, "The request head holds a NUL byte");
  text = g_strndup (data, length);
  lines = g_strsplit (text, "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      char *line = lines[i];
      gsize len = strlen (line);
      char *colon;
      char *value;

      if (len > 0 && line[len - 1] == '\r')
        line[--len] = '\0';
      for (gsize j = 0; j < len; j++)
        if ((guchar) line[j] < 0x20 && line[j] != '\t')
          return fail (error, "The request head holds a control character");
      if (i == 0)
        {
          if (!parse_request_line (line, head, &path, &http11, error))
            return FALSE;
          continue;
        }
      if (len == 0)
        continue;  /* the blank line that ends the head */
      if (*line == ' ' || *line == '\t')
        return fail (error, "Folded header lines are not accepted");
      colon = strchr (line, ':');
      if (colon == NULL || !is_token (line, colon))
        return fail (error, "A header line is not NAME: VALUE");
      *colon = '\0';
      value = g_strstrip (colon + 1);

      if (g_ascii_strcasecmp (line, "Content-Length") == 0)
        {
          if (++n_lengths > 1)
            return fail (error, "Content-Length is given more than once");
          if (!parse_length (value, &head->length))
            return fail (error, "Content-Length must be a number of bytes");
        }
      else if (g_ascii_strcasecmp (line, "Transfer-Encoding") == 0)
        {
          if (++n_encodings > 1 || g_ascii_strcasecmp (value, "chunked") != 0)
            return fail (error, "The only Transfer-Encoding understood is chunked, alone");
          chunked = TRUE;
        }
      else if (g_ascii_strcasecmp (line, "Host") == 0)
        {
          if (++n_hosts > 1 || strchr (value, '/') != NULL)
            return fail (error, "Host is not one host name");
        }
      /* libsoup answers any other expectation with an empty 417. */
      else if (g_ascii_strcasecmp (line, "Expect") == 0 && g_ascii_strcasecmp (value, "100-continue") != 0)
        return fail (error, "The only Expect understood is 100-continue");
    }

  if (head->method == NULL)
    return fail (error, "The request line is missing");
  /* RFC 9112 §3.2: an HTTP/1.1 request without Host is a 400. */
  if (http11 && n_hosts == 0)
    return fail (error, "Host is required");
  if (chunked && n_lengths > 0)
    return fail (error, "Content-Length and Transfer-Encoding conflict");
  head->body = chunked ? AHI_HTTP_BODY_CHUNKED : n_lengths > 0 ? AHI_HTTP_BODY_LENGTH : AHI_HTTP_BODY_NONE;
  head->cap = ahi_http_body_cap (head->method, path);
  if (head->body == AHI_HTTP_BODY_LENGTH && head->length > head->cap)
    {
      if (head->length == G_MAXUINT64)
        g_set_error (error, AHI_SERVER_ERROR, AHI_SERVER_ERROR_TOO_LARGE,
                     "The body announced is too large; at most %" G_GUINT64_FORMAT " bytes are accepted here",
                     head->cap);
      else
        g_set_error (error, AHI_SERVER_ERROR, AHI_SERVER_ERROR_TOO_LARGE,
                     "The body announced is %" G_GUINT64_FORMAT " bytes; at most %" G_GUINT64_FORMAT
                     " are accepted here", head->length, head->cap);
      return FALSE;
    }
  return TRUE;
}

void
ahi_http_head_clear (AhiHttpHead *head)
{
  g_clear_pointer (&head->method, g_free);
}

guint64
ahi_http_body_cap (const char *method,
                   const char *path)
{
  /* POST /api/tenant/:id/sync/push (ahi-routes.c): a batch of events. */
  const char *rest;
  const char *slash;

  if (g_str_equal (method, "POST") && g_str_has_prefix (path, "/api/tenant/"))
    {
      rest = path + strlen ("/api/tenant/");
      slash = strchr (rest, '/');
      if (slash != NULL && slash > rest && g_str_equal (slash, "/sync/push"))
        return AHI_HTTP_MAX_PUSH_BODY;
    }
  return AHI_HTTP_MAX_BODY;
}
