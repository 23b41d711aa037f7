/* ahi-json-strict.h — strict JSON in, canonical JSON out
 *
 * json-glib is lenient: it keeps the last of two equal member names,
 * wraps integers that overflow int64, reads 1e400 as infinity, cuts
 * strings at \u0000 and accepts comments and single quotes. Events and
 * request bodies must not mean one thing to us and another to a different
 * parser, so the raw text is checked against RFC 8259 and our own bounds
 * first, and json-glib only builds the tree of a document already known
 * to be good.
 *
 * Errors are in AHI_CORE_ERROR and name the member by its path, e.g.
 * "payload.items[1].ends_at".
 */
#pragma once

#include <glib.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* Objects and arrays nest at most this deep (the root object is depth 1). */
#define AHI_JSON_STRICT_MAX_DEPTH 32

/* Checks that text (length bytes, or NUL-terminated when length < 0) is one
 * JSON value within our bounds. Refuses, with the code in brackets:
 *   more than max_bytes bytes or deeper than AHI_JSON_STRICT_MAX_DEPTH [TOO_LARGE],
 *   bytes that are not UTF-8, lone surrogate escapes [INVALID_UTF8],
 *   a member name twice in one object [DUPLICATE_KEY],
 *   \u0000 or a raw NUL in a string [NUL_IN_STRING],
 *   an integer outside int64 [OUT_OF_RANGE],
 *   a number with a fraction or an exponent [WRONG_TYPE],
 *   anything else that is not RFC 8259 JSON, trailing garbage [INVALID_JSON]. */
gboolean   ahi_json_strict_check     (const char  *text,
                                      gssize       length,
                                      gsize        max_bytes,
                                      GError     **error);

/* ahi_json_strict_check(), then the root must be an object [INVALID_JSON];
 * returns the parsed root node (transfer full). */
JsonNode  *ahi_json_strict_parse     (const char  *text,
                                      gssize       length,
                                      gsize        max_bytes,
                                      GError     **error);

/* Compact JSON of node with members in the order the objects hold them.
 * Unlike json-glib's generator it escapes every control character, and it
 * never depends on the json-glib version, so equal trees always give equal
 * bytes. Non-finite doubles become null. */
void       ahi_json_strict_append    (GString     *out,
                                      JsonNode    *node);
char      *ahi_json_strict_to_string (JsonNode    *node);

/* A deep copy (json_node_copy() shares objects and arrays). When
 * sort_members is TRUE, object members come out sorted by name (bytewise),
 * which gives free-form objects a canonical order. */
JsonNode  *ahi_json_strict_copy      (JsonNode    *node,
                                      gboolean     sort_members);

G_END_DECLS
