/* ahi-fuzz-targets.h — the decoders the fuzzers and the corpus test drive
 *
 * One entry point per fuzz target. The libFuzzer programs (fuzz/fuzz-*.c)
 * and the normal test suite (tests/core/test-fuzz-corpus.c) call these
 * same functions, so an input the fuzzer found is replayed through exactly
 * the code it broke.
 *
 * Each entry point feeds raw bytes to the real decoder and returns TRUE
 * when the decoder accepted them, FALSE with a GError when it refused
 * them. Beyond "no crash, no leak" each one checks what callers rely on
 * and aborts (g_error) when it does not hold: a refusal always comes with
 * an error of our domains, an accepted document re-encodes to bytes the
 * decoder accepts again and that encode the same, and so on.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Registers resources and makes GLib's warnings and criticals fatal, so
 * that a failed precondition (g_return_if_fail) counts as a crash. */
void     ahi_fuzz_init       (void);

/* The strict JSON front end: ahi_json_strict_check() on any value, and
 * ahi_json_strict_parse() plus the canonical writer on objects. */
gboolean ahi_fuzz_json       (const guint8 *data,
                              gsize         size,
                              GError      **error);

/* The event decoder: ahi_event_decode() (strict JSON, envelope mapping,
 * catalogue validation), then encode, copy and decode again. */
gboolean ahi_fuzz_event      (const guint8 *data,
                              gsize         size,
                              GError      **error);

/* A sync push body as the push route reads it: the body cap and strict
 * parse of ahi_request_read_json(), the device_id member, then every
 * element of "events" through ahi_sync_item_new_from_node(). TRUE when
 * the route would go on to push the batch; out_items (may be NULL) then
 * receives the number of items, out_rejected how many of them carry a
 * decoding error (the route answers those "invalid_event"). */
gboolean ahi_fuzz_push_body  (const guint8 *data,
                              gsize         size,
                              guint        *out_items,
                              guint        *out_rejected,
                              GError      **error);

G_END_DECLS
