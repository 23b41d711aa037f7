/* ahi-json-strict.c — strict JSON in, canonical JSON out
 *
 * The checker is a small recursive-descent reader over the raw bytes. It
 * builds nothing but what it needs to judge the text: a stack of the
 * objects and arrays it is inside (for the path in messages) and, per
 * object, the set of member names seen so far. Recursion is bounded by
 * AHI_JSON_STRICT_MAX_DEPTH, so hostile input cannot exhaust the stack.
 */
#include "ahi-json-strict.h"

#include <math.h>
#include <string.h>

#include "ahi-core-error.h"

/* ----------------------------------------------------------------- types */

typedef struct {
  gboolean    is_object;
  GHashTable *names;      /* object: decoded member names seen, lazily made */
  char       *key;        /* object: the member being read */
  guint       index;      /* array: the element being read */
} Frame;

typedef struct {
  const guchar *text;
  gsize         length;
  gsize         pos;
  Frame         frames[AHI_JSON_STRICT_MAX_DEPTH];
  guint         depth;
  GString      *scratch;  /* decoded member names */
} Reader;

/* ------------------------------------------------------------- UTF-8 */

/* Length of the well-formed UTF-8 sequence at p (RFC 3629: no overlong
 * forms, no surrogates, nothing above U+10FFFF), or 0. A NUL byte is
 * valid UTF-8; where it may appear is the grammar's business. */
static gsize
utf8_sequence_length (const guchar *p,
                      gsize         avail)
{
  guchar c = p[0];
  guchar lo = 0x80, hi = 0xBF;
  gsize n;

  if (c < 0x80)
    return 1;
  if (c >= 0xC2 && c <= 0xDF)
    n = 2;
  else if (c >= 0xE0 && c <= 0xEF)
    {
      n = 3;
      if (c == 0xE0)
        lo = 0xA0;              /* overlong */
      else if (c == 0xED)
        hi = 0x9F;              /* surrogates */
    }
  else if (c >= 0xF0 && c <= 0xF4)
    {
      n = 4;
      if (c == 0xF0)
        lo = 0x90;              /* overlong */
      else if (c == 0xF4)
        hi = 0x8F;              /* above U+10FFFF */
    }
  else
    return 0;

  if (avail < n)
    return 0;
  if (p[1] < lo || p[1] > hi)
    return 0;
  for (gsize i = 2; i < n; i++)
    if (p[i] < 0x80 || p[i] > 0xBF)
      return 0;
  return n;
}

/* ------------------------------------------------------------- helpers */

static char *
reader_path (Reader *r)
{
  GString *path = g_string_new (NULL);

  for (guint i = 0; i < r->depth; i++)
    {
      Frame *f = &r->frames[i];

      if (f->is_object)
        {
          if (f->key == NULL)
            break;
          if (path->len > 0)
            g_string_append_c (path, '.');
          g_string_append (path, f->key);
        }
      else
        g_string_append_printf (path, "[%u]", f->index);
    }

  if (path->len == 0)
    g_string_append (path, "document");
  return g_string_free (path, FALSE);
}

/* Sets error with the current path in front of the message. */
G_GNUC_PRINTF (4, 5)
static gboolean
reader_fail (Reader      *r,
             GError     **error,
             AhiCoreError code,
             const char  *format,
             ...)
{
  g_autofree char *path = reader_path (r);
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  g_set_error (error, AHI_CORE_ERROR, code, "%s: %s", path, message);
  return FALSE;
}

static gboolean
reader_fail_syntax (Reader     *r,
                    GError    **error,
                    const char *expected)
{
  if (r->pos >= r->length)
    return reader_fail (r, error, AHI_CORE_ERROR_INVALID_JSON,
                        "invalid JSON: unexpected end of the document, expected %s", expected);
  return reader_fail (r, error, AHI_CORE_ERROR_INVALID_JSON,
                      "invalid JSON at byte %" G_GSIZE_FORMAT ": expected %s",
                      r->pos, expected);
}

static void
reader_skip_space (Reader *r)
{
  while (r->pos < r->length)
    {
      guchar c = r->text[r->pos];

      if (c != ' ' && c != '\t' && c != '\n' && c != '\r')
        break;
      r->pos++;
    }
}

static int
reader_peek (Reader *r)
{
  return r->pos < r->length ? r->text[r->pos] : -1;
}

static int
hex_value (guchar c)
{
  if (c >= '0' && c <= '9')
    return c - '0';
  if (c >= 'a' && c <= 'f')
    return c - 'a' + 10;
  if (c >= 'A' && c <= 'F')
    return c - 'A' + 10;
  return -1;
}

/* Reads the 4 hex digits of a \u escape; pos is on the 'u'. */
static gboolean
read_hex4 (Reader   *r,
           gunichar *out,
           GError  **error)
{
  gunichar v = 0;

  if (r->length - r->pos < 5)
    {
      r->pos = r->length;
      return reader_fail_syntax (r, error, "four hex digits after \\u");
    }
  for (guint i = 1; i <= 4; i++)
    {
      int h = hex_value (r->text[r->pos + i]);

      if (h < 0)
        {
          r->pos += i;
          return reader_fail_syntax (r, error, "four hex digits after \\u");
        }
      v = v * 16 + (gunichar) h;
    }
  r->pos += 5;
  *out = v;
  return TRUE;
}

/* ---------------------------------------------------------------- grammar */

static gboolean read_value (Reader *r, GError **error);

/* Reads a string; pos is on the opening quote. Decodes into out when it is
 * not NULL (member names, which must be compared after unescaping). */
static gboolean
read_string (Reader   *r,
             GString  *out,
             GError  **error)
{
  r->pos++;

  for (;;)
    {
      guchar c;

      if (r->pos >= r->length)
        return reader_fail_syntax (r, error, "the end of the string");

      c = r->text[r->pos];
      if (c == '"')
        {
          r->pos++;
          return TRUE;
        }
      else if (c == '\\')
        {
          gunichar u;

          r->pos++;
          if (r->pos >= r->length)
            return reader_fail_syntax (r, error, "an escape");
          c = r->text[r->pos];
          switch (c)
            {
            case '"': case '\\': case '/':
              u = c;
              break;
            case 'b': u = '\b'; break;
            case 'f': u = '\f'; break;
            case 'n': u = '\n'; break;
            case 'r': u = '\r'; break;
            case 't': u = '\t'; break;
            case 'u':
              if (!read_hex4 (r, &u, error))
                return FALSE;
              r->pos--;   /* the common r->pos++ below steps past the escape */
              if (u == 0)
                return reader_fail (r, error, AHI_CORE_ERROR_NUL_IN_STRING,
                                    "\\u0000 in a string");
              if (u >= 0xDC00 && u <= 0xDFFF)
                return reader_fail (r, error, AHI_CORE_ERROR_INVALID_UTF8,
                                    "lone low surrogate \\u%04X in a string", u);
              if (u >= 0xD800 && u <= 0xDBFF)
                {
                  gunichar low = 0;

                  /* A high surrogate is only text together with a low one. */
                  if (r->length - r->pos < 3 ||
                      r->text[r->pos + 1] != '\\' || r->text[r->pos + 2] != 'u')
                    return reader_fail (r, error, AHI_CORE_ERROR_INVALID_UTF8,
                                        "lone high surrogate \\u%04X in a string", u);
                  r->pos += 2;
                  if (!read_hex4 (r, &low, error))
                    return FALSE;
                  r->pos--;
                  if (low < 0xDC00 || low > 0xDFFF)
                    return reader_fail (r, error, AHI_CORE_ERROR_INVALID_UTF8,
                                        "lone high surrogate \\u%04X in a string", u);
                  u = 0x10000 + ((u - 0xD800) << 10) + (low - 0xDC00);
                }
              break;
            default:
              return reader_fail_syntax (r, error, "a valid escape");
            }
          r->pos++;
          if (out != NULL)
            g_string_append_unichar (out, u);
        }
      else if (c == 0)
        return reader_fail (r, error, AHI_CORE_ERROR_NUL_IN_STRING, "NUL byte in a string");
      else if (c < 0x20)
        return reader_fail (r, error, AHI_CORE_ERROR_INVALID_JSON,
                            "unescaped control character 0x%02X in a string", c);
      else
        {
          gsize n = utf8_sequence_length (r->text + r->pos, r->length - r->pos);

          if (n == 0)
            return reader_fail (r, error, AHI_CORE_ERROR_INVALID_UTF8,
                                "invalid UTF-8 at byte %" G_GSIZE_FORMAT, r->pos);
          if (out != NULL)
            g_string_append_len (out, (const char *) r->text + r->pos, n);
          r->pos += n;
        }
    }
}

/* Reads a number; only integers inside int64 pass. The whole token is read
 * first, so that "1." is reported as bad JSON rather than as a float. */
static gboolean
read_number (Reader  *r,
             GError **error)
{
  gboolean negative = FALSE, fraction = FALSE, exponent = FALSE, overflow = FALSE;
  guint64 magnitude = 0;
  const guint64 limit_pos = G_MAXINT64;
  const guint64 limit_neg = (guint64) G_MAXINT64 + 1;

  if (reader_peek (r) == '-')
    {
      negative = TRUE;
      r->pos++;
    }

  if (reader_peek (r) == '0')
    r->pos++;
  else if (reader_peek (r) >= '1' && reader_peek (r) <= '9')
    {
      while (reader_peek (r) >= '0' && reader_peek (r) <= '9')
        {
          guint d = (guint) (r->text[r->pos] - '0');

          if (magnitude > (G_MAXUINT64 - d) / 10)
            overflow = TRUE;
          else
            magnitude = magnitude * 10 + d;
          r->pos++;
        }
    }
  else
    return reader_fail_syntax (r, error, "a digit");

  if (reader_peek (r) == '.')
    {
      fraction = TRUE;
      r->pos++;
      if (!(reader_peek (r) >= '0' && reader_peek (r) <= '9'))
        return reader_fail_syntax (r, error, "a digit after the decimal point");
      while (reader_peek (r) >= '0' && reader_peek (r) <= '9')
        r->pos++;
    }

  if (reader_peek (r) == 'e' || reader_peek (r) == 'E')
    {
      exponent = TRUE;
      r->pos++;
      if (reader_peek (r) == '+' || reader_peek (r) == '-')
        r->pos++;
      if (!(reader_peek (r) >= '0' && reader_peek (r) <= '9'))
        return reader_fail_syntax (r, error, "a digit in the exponent");
      while (reader_peek (r) >= '0' && reader_peek (r) <= '9')
        r->pos++;
    }

  if (fraction || exponent)
    return reader_fail (r, error, AHI_CORE_ERROR_WRONG_TYPE,
                        "not an integer (numbers with a fraction or an exponent are not accepted)");

  if (overflow || magnitude > (negative ? limit_neg : limit_pos))
    return reader_fail (r, error, AHI_CORE_ERROR_OUT_OF_RANGE,
                        "integer outside the 64-bit range");

  return TRUE;
}

static gboolean
read_literal (Reader     *r,
              const char *word,
              GError    **error)
{
  gsize n = strlen (word);

  if (r->length - r->pos < n || memcmp (r->text + r->pos, word, n) != 0)
    return reader_fail_syntax (r, error, "a JSON value");
  r->pos += n;
  return TRUE;
}

static gboolean
reader_push (Reader  *r,
             gboolean is_object,
             GError **error)
{
  Frame *f;

  if (r->depth >= AHI_JSON_STRICT_MAX_DEPTH)
    return reader_fail (r, error, AHI_CORE_ERROR_TOO_LARGE,
                        "nested deeper than %d levels", AHI_JSON_STRICT_MAX_DEPTH);
  f = &r->frames[r->depth++];
  f->is_object = is_object;
  f->names = NULL;
  f->key = NULL;
  f->index = 0;
  return TRUE;
}

static void
reader_pop (Reader *r)
{
  Frame *f;

  g_assert (r->depth > 0);
  f = &r->frames[--r->depth];
  g_clear_pointer (&f->names, g_hash_table_unref);
  f->key = NULL;      /* owned by names */
}

static gboolean
read_object (Reader  *r,
             GError **error)
{
  Frame *f;

  if (!reader_push (r, TRUE, error))
    return FALSE;
  f = &r->frames[r->depth - 1];
  r->pos++;

  reader_skip_space (r);
  if (reader_peek (r) == '}')
    {
      r->pos++;
      reader_pop (r);
      return TRUE;
    }

  for (;;)
    {
      char *name;

      /* Until the name is read, errors belong to the object itself. */
      f->key = NULL;
      reader_skip_space (r);
      if (reader_peek (r) != '"')
        return reader_fail_syntax (r, error, "a member name");

      g_string_truncate (r->scratch, 0);
      if (!read_string (r, r->scratch, error))
        return FALSE;

      if (f->names == NULL)
        f->names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      if (g_hash_table_contains (f->names, r->scratch->str))
        {
          /* Name the duplicate by its full path. */
          g_autofree char *dup = g_strdup (r->scratch->str);

          f->key = dup;
          reader_fail (r, error, AHI_CORE_ERROR_DUPLICATE_KEY,
                       "member \"%s\" appears twice in one object", dup);
          f->key = NULL;
          return FALSE;
        }
      name = g_strdup (r->scratch->str);
      g_hash_table_add (f->names, name);
      f->key = name;

      reader_skip_space (r);
      if (reader_peek (r) != ':')
        return reader_fail_syntax (r, error, "':'");
      r->pos++;

      if (!read_value (r, error))
        return FALSE;

      reader_skip_space (r);
      if (reader_peek (r) == ',')
        {
          r->pos++;
          continue;
        }
      if (reader_peek (r) == '}')
        {
          r->pos++;
          reader_pop (r);
          return TRUE;
        }
      return reader_fail_syntax (r, error, "',' or '}'");
    }
}

static gboolean
read_array (Reader  *r,
            GError **error)
{
  Frame *f;

  if (!reader_push (r, FALSE, error))
    return FALSE;
  f = &r->frames[r->depth - 1];
  r->pos++;

  reader_skip_space (r);
  if (reader_peek (r) == ']')
    {
      r->pos++;
      reader_pop (r);
      return TRUE;
    }

  for (;;)
    {
      if (!read_value (r, error))
        return FALSE;

      reader_skip_space (r);
      if (reader_peek (r) == ',')
        {
          r->pos++;
          f->index++;
          continue;
        }
      if (reader_peek (r) == ']')
        {
          r->pos++;
          reader_pop (r);
          return TRUE;
        }
      return reader_fail_syntax (r, error, "',' or ']'");
    }
}

static gboolean
read_value (Reader  *r,
            GError **error)
{
  int c;

  reader_skip_space (r);
  c = reader_peek (r);
  switch (c)
    {
    case '{':
      return read_object (r, error);
    case '[':
      return read_array (r, error);
    case '"':
      return read_string (r, NULL, error);
    case 't':
      return read_literal (r, "true", error);
    case 'f':
      return read_literal (r, "false", error);
    case 'n':
      return read_literal (r, "null", error);
    default:
      if (c == '-' || (c >= '0' && c <= '9'))
        return read_number (r, error);
      return reader_fail_syntax (r, error, "a JSON value");
    }
}

static void
reader_clear (Reader *r)
{
  while (r->depth > 0)
    reader_pop (r);
  g_string_free (r->scratch, TRUE);
}

/* Resolves length and applies the byte bound; FALSE with error when the
 * document is too large. */
static gboolean
measure (const char  *text,
         gssize       length,
         gsize        max_bytes,
         gsize       *out_length,
         GError     **error)
{
  if (length < 0)
    {
      /* Look no further than the bound: an endless string is refused too. */
      gsize n = strnlen (text, max_bytes < G_MAXSSIZE ? max_bytes + 1 : (gsize) G_MAXSSIZE);

      if (n > max_bytes)
        {
          g_set_error (error, AHI_CORE_ERROR, AHI_CORE_ERROR_TOO_LARGE,
                       "document: larger than %" G_GSIZE_FORMAT " bytes", max_bytes);
          return FALSE;
        }
      *out_length = n;
    }
  else
    *out_length = (gsize) length;

  if (*out_length > max_bytes)
    {
      g_set_error (error, AHI_CORE_ERROR, AHI_CORE_ERROR_TOO_LARGE,
                   "document: %" G_GSIZE_FORMAT " bytes, larger than %" G_GSIZE_FORMAT,
                   *out_length, max_bytes);
      return FALSE;
    }
  return TRUE;
}

static gboolean
check_text (const char  *text,
            gsize        length,
            gboolean     want_object,
            GError     **error)
{
  Reader r = { (const guchar *) text, length, 0 };
  g_autoptr(GError) local_error = NULL;
  gssize bad_byte = -1;
  gboolean ok;

  /* Bad UTF-8 anywhere is reported as such, even where the grammar fails
   * first; the reader below names the member when the bytes are in one of
   * its strings. */
  for (gsize i = 0; i < length;)
    {
      gsize n = utf8_sequence_length (r.text + i, length - i);

      if (n == 0)
        {
          bad_byte = (gssize) i;
          break;
        }
      i += n;
    }

  r.scratch = g_string_new (NULL);
  reader_skip_space (&r);
  if (want_object && reader_peek (&r) != '{')
    ok = reader_fail (&r, &local_error, AHI_CORE_ERROR_INVALID_JSON, "not a JSON object");
  else
    {
      ok = read_value (&r, &local_error);
      if (ok)
        {
          reader_skip_space (&r);
          if (r.pos < r.length)
            ok = reader_fail (&r, &local_error, AHI_CORE_ERROR_INVALID_JSON,
                              "trailing characters at byte %" G_GSIZE_FORMAT, r.pos);
        }
    }
  reader_clear (&r);

  if (bad_byte >= 0 &&
      (ok || !g_error_matches (local_error, AHI_CORE_ERROR, AHI_CORE_ERROR_INVALID_UTF8)))
    {
      g_clear_error (&local_error);
      g_set_error (&local_error, AHI_CORE_ERROR, AHI_CORE_ERROR_INVALID_UTF8,
                   "document: invalid UTF-8 at byte %" G_GSSIZE_FORMAT, bad_byte);
      ok = FALSE;
    }

  if (!ok)
    g_propagate_error (error, g_steal_pointer (&local_error));
  return ok;
}

/* ------------------------------------------------------------ writer */

static void
append_string (GString    *out,
               const char *str)
{
  g_autofree char *valid = NULL;

  /* Only invalid trees built in code get here with bad bytes; keep the
   * output JSON all the same. */
  if (!g_utf8_validate (str, -1, NULL))
    str = valid = g_utf8_make_valid (str, -1);

  g_string_append_c (out, '"');
  for (const guchar *p = (const guchar *) str; *p != '\0'; p++)
    {
      switch (*p)
        {
        case '"':  g_string_append (out, "\\\""); break;
        case '\\': g_string_append (out, "\\\\"); break;
        case '\b': g_string_append (out, "\\b"); break;
        case '\f': g_string_append (out, "\\f"); break;
        case '\n': g_string_append (out, "\\n"); break;
        case '\r': g_string_append (out, "\\r"); break;
        case '\t': g_string_append (out, "\\t"); break;
        default:
          if (*p < 0x20 || *p == 0x7F)
            g_string_append_printf (out, "\\u%04x", *p);
          else
            g_string_append_c (out, (char) *p);
        }
    }
  g_string_append_c (out, '"');
}

static void
append_value (GString  *out,
              JsonNode *node)
{
  GType type = json_node_get_value_type (node);

  if (type == G_TYPE_INT64)
    g_string_append_printf (out, "%" G_GINT64_FORMAT, json_node_get_int (node));
  else if (type == G_TYPE_BOOLEAN)
    g_string_append (out, json_node_get_boolean (node) ? "true" : "false");
  else if (type == G_TYPE_STRING)
    append_string (out, json_node_get_string (node));
  else if (type == G_TYPE_DOUBLE)
    {
      double d = json_node_get_double (node);
      char buf[G_ASCII_DTOSTR_BUF_SIZE];

      if (isfinite (d))
        g_string_append (out, g_ascii_dtostr (buf, sizeof buf, d));
      else
        g_string_append (out, "null");
    }
  else
    g_string_append (out, "null");
}

void
ahi_json_strict_append (GString  *out,
                        JsonNode *node)
{
  g_return_if_fail (out != NULL);

  if (node == NULL)
    {
      g_string_append (out, "null");
      return;
    }

  switch (json_node_get_node_type (node))
    {
    case JSON_NODE_OBJECT:
      {
        JsonObjectIter iter;
        const char *name;
        JsonNode *member;
        gboolean first = TRUE;

        g_string_append_c (out, '{');
        json_object_iter_init_ordered (&iter, json_node_get_object (node));
        while (json_object_iter_next_ordered (&iter, &name, &member))
          {
            if (!first)
              g_string_append_c (out, ',');
            first = FALSE;
            append_string (out, name);
            g_string_append_c (out, ':');
            ahi_json_strict_append (out, member);
          }
        g_string_append_c (out, '}');
      }
      break;

    case JSON_NODE_ARRAY:
      {
        JsonArray *array = json_node_get_array (node);
        guint n = json_array_get_length (array);

        g_string_append_c (out, '[');
        for (guint i = 0; i < n; i++)
          {
            if (i > 0)
              g_string_append_c (out, ',');
            ahi_json_strict_append (out, json_array_get_element (array, i));
          }
        g_string_append_c (out, ']');
      }
      break;

    case JSON_NODE_VALUE:
      append_value (out, node);
      break;

    case JSON_NODE_NULL:
    default:
      g_string_append (out, "null");
      break;
    }
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (a, b);
}

/* ------------------------------------------------------------ public API */

gboolean
ahi_json_strict_check (const char  *text,
                       gssize       length,
                       gsize        max_bytes,
                       GError     **error)
{
  gsize n;

  g_return_val_if_fail (text != NULL, FALSE);
  g_return_val_if_fail (max_bytes > 0, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!measure (text, length, max_bytes, &n, error))
    return FALSE;
  return check_text (text, n, FALSE, error);
}

JsonNode *
ahi_json_strict_parse (const char  *text,
                       gssize       length,
                       gsize        max_bytes,
                       GError     **error)
{
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GError) local_error = NULL;
  JsonNode *root;
  gsize n;

  g_return_val_if_fail (text != NULL, NULL);
  g_return_val_if_fail (max_bytes > 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!measure (text, length, max_bytes, &n, error))
    return NULL;
  if (!check_text (text, n, TRUE, error))
    return NULL;

  /* The text is plain RFC 8259 now, where json-glib and the standard
   * agree; a failure here would be a json-glib bug, reported as such. */
  parser = json_parser_new ();
  if (!json_parser_load_from_data (parser, text, (gssize) n, &local_error))
    {
      g_set_error (error, AHI_CORE_ERROR, AHI_CORE_ERROR_INVALID_JSON,
                   "document: %s", local_error->message);
      return NULL;
    }

  root = json_parser_steal_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_clear_pointer (&root, json_node_unref);
      g_set_error (error, AHI_CORE_ERROR, AHI_CORE_ERROR_INVALID_JSON,
                   "document: not a JSON object");
      return NULL;
    }
  return root;
}

char *
ahi_json_strict_to_string (JsonNode *node)
{
  GString *out = g_string_new (NULL);

  ahi_json_strict_append (out, node);
  return g_string_free (out, FALSE);
}

JsonNode *
ahi_json_strict_copy (JsonNode *node,
                      gboolean  sort_members)
{
  g_return_val_if_fail (node != NULL, NULL);

  switch (json_node_get_node_type (node))
    {
    case JSON_NODE_OBJECT:
      {
        JsonObject *from = json_node_get_object (node);
        g_autoptr(JsonObject) to = json_object_new ();
        JsonNode *result = json_node_new (JSON_NODE_OBJECT);

        if (sort_members)
          {
            GList *names = json_object_get_members (from);

            names = g_list_sort (names, compare_names);
            for (GList *l = names; l != NULL; l = l->next)
              json_object_set_member (to, l->data,
                                      ahi_json_strict_copy (json_object_get_member (from, l->data), TRUE));
            g_list_free (names);
          }
        else
          {
            JsonObjectIter iter;
            const char *name;
            JsonNode *member;

            json_object_iter_init_ordered (&iter, from);
            while (json_object_iter_next_ordered (&iter, &name, &member))
              json_object_set_member (to, name, ahi_json_strict_copy (member, FALSE));
          }
        json_node_set_object (result, to);
        return result;
      }

    case JSON_NODE_ARRAY:
      {
        JsonArray *from = json_node_get_array (node);
        guint n = json_array_get_length (from);
        g_autoptr(JsonArray) to = json_array_sized_new (n);
        JsonNode *result = json_node_new (JSON_NODE_ARRAY);

        for (guint i = 0; i < n; i++)
          json_array_add_element (to, ahi_json_strict_copy (json_array_get_element (from, i),
                                                            sort_members));
        json_node_set_array (result, to);
        return result;
      }

    case JSON_NODE_VALUE:
      {
        /* json_node_copy() shares the JsonValue, and json_node_set_*() on
         * either node would then change both: make a new one. */
        GType type = json_node_get_value_type (node);
        JsonNode *result = json_node_alloc ();

        if (type == G_TYPE_INT64)
          return json_node_init_int (result, json_node_get_int (node));
        if (type == G_TYPE_BOOLEAN)
          return json_node_init_boolean (result, json_node_get_boolean (node));
        if (type == G_TYPE_DOUBLE)
          return json_node_init_double (result, json_node_get_double (node));
        if (type == G_TYPE_STRING)
          return json_node_init_string (result, json_node_get_string (node));
        return json_node_init_null (result);
      }

    case JSON_NODE_NULL:
    default:
      return json_node_new (JSON_NODE_NULL);
    }
}
