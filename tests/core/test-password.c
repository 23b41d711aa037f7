/* test-password.c — Argon2id hashes: round trip, refusals, the worker pool */
#include <string.h>

#include "core/ahi-core.h"
#include "core/ahi-password.h"

static char *
hash_min (const char *password)
{
  g_autoptr(GError) error = NULL;
  char *hash = ahi_password_hash (password, ahi_password_cost_min (), &error);

  g_assert_no_error (error);
  g_assert_nonnull (hash);
  return hash;
}

static void
test_round_trip (void)
{
  g_autofree char *hash = hash_min ("correct horse battery");
  g_autofree char *again = hash_min ("correct horse battery");

  g_assert_true (ahi_password_verify (hash, "correct horse battery"));
  /* A fresh salt each time: the same password never gives the same string. */
  g_assert_cmpstr (hash, !=, again);
  g_assert_true (ahi_password_verify (again, "correct horse battery"));
}

static void
test_wrong_refused (void)
{
  g_autofree char *hash = hash_min ("correct horse battery");

  g_assert_false (ahi_password_verify (hash, "correct horse batterY"));
  g_assert_false (ahi_password_verify (hash, "correct horse battery "));
  g_assert_false (ahi_password_verify (hash, ""));
  g_assert_false (ahi_password_verify ("not a hash", "correct horse battery"));
  g_assert_false (ahi_password_verify ("", "correct horse battery"));
}

static void
test_names_argon2id (void)
{
  g_autofree char *hash = hash_min ("correct horse battery");

  /* crypto_pwhash_MEMLIMIT_MIN is 8192 bytes = 8 KiB ("m=8") and
   * OPSLIMIT_MIN is 1 pass ("t=1"); libsodium uses one lane ("p=1");
   * v=19 is Argon2 version 0x13. */
  g_assert_true (g_str_has_prefix (hash, "$argon2id$v=19$m=8,t=1,p=1$"));
  g_assert_false (ahi_password_needs_rehash (hash, ahi_password_cost_min ()));
  g_assert_true (ahi_password_needs_rehash (hash, ahi_password_cost_interactive ()));
  g_assert_true (ahi_password_needs_rehash ("$argon2i$v=19$m=8,t=1,p=1$xx$yy", ahi_password_cost_min ()));
}

static void
test_interactive_cost (void)
{
  AhiPasswordCost cost = ahi_password_cost_interactive ();

  /* libsodium 1.0.18: 2 passes over 64 MiB. Not hashed here: ~150 ms. */
  g_assert_cmpuint (cost.opslimit, ==, 2);
  g_assert_cmpuint (cost.memlimit, ==, 64 * 1024 * 1024);
}

static void
test_length_limits (void)
{
  g_autofree char *max = g_strnfill (256, 'a');
  g_autofree char *over = g_strnfill (257, 'a');
  g_autofree char *hash = NULL;
  g_autoptr(GError) error = NULL;

  /* The account rule: 8 to 256 bytes. */
  g_assert_false (ahi_password_check ("1234567", &error));
  g_assert_error (error, AHI_PASSWORD_ERROR, AHI_PASSWORD_ERROR_TOO_SHORT);
  g_clear_error (&error);

  g_assert_false (ahi_password_check ("", &error));
  g_assert_error (error, AHI_PASSWORD_ERROR, AHI_PASSWORD_ERROR_TOO_SHORT);
  g_clear_error (&error);

  g_assert_false (ahi_password_check (over, &error));
  g_assert_error (error, AHI_PASSWORD_ERROR, AHI_PASSWORD_ERROR_TOO_LONG);
  g_clear_error (&error);

  g_assert_true (ahi_password_check ("12345678", &error));
  g_assert_true (ahi_password_check (max, &error));
  g_assert_no_error (error);

  /* The hash itself has only the upper bound: a desk PIN has 4 digits. */
  g_assert_null (ahi_password_hash (over, ahi_password_cost_min (), &error));
  g_assert_error (error, AHI_PASSWORD_ERROR, AHI_PASSWORD_ERROR_TOO_LONG);
  g_clear_error (&error);
  hash = hash_min ("1234");
  g_assert_true (ahi_password_verify (hash, "1234"));
  g_assert_false (ahi_password_verify (hash, "1235"));

  /* The limits count bytes: 8 and 256 pass. "şifre12" is 7 characters but
   * 8 bytes (ş is two), so it passes too. */
  g_clear_pointer (&hash, g_free);
  hash = hash_min ("12345678");
  g_assert_true (ahi_password_verify (hash, "12345678"));
  g_clear_pointer (&hash, g_free);
  hash = hash_min (max);
  g_assert_true (ahi_password_verify (hash, max));
  g_assert_false (ahi_password_verify (hash, over));
  g_clear_pointer (&hash, g_free);
  g_assert_cmpuint (strlen ("şifre12"), ==, 8);
  hash = hash_min ("şifre12");
  g_assert_true (ahi_password_verify (hash, "şifre12"));
}

static void
test_not_utf8 (void)
{
  g_autoptr(GError) error = NULL;

  g_assert_null (ahi_password_hash ("pass\xff\xfeword", ahi_password_cost_min (), &error));
  g_assert_error (error, AHI_PASSWORD_ERROR, AHI_PASSWORD_ERROR_INVALID_UTF8);
  g_clear_error (&error);
  g_assert_false (ahi_password_check ("pass\xff\xfeword", &error));
  g_assert_error (error, AHI_PASSWORD_ERROR, AHI_PASSWORD_ERROR_INVALID_UTF8);
}

typedef struct {
  char     *hash;
  GError   *error;
  gboolean  verified;
  gboolean  done;
} AsyncResult;

static void
on_hash_ready_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  AsyncResult *state = user_data;

  state->hash = ahi_password_hash_finish (result, &state->error);
  state->done = TRUE;
}

static void
on_verify_ready_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  AsyncResult *state = user_data;

  state->verified = ahi_password_verify_finish (result, &state->error);
  state->done = TRUE;
}

static void
wait_for (AsyncResult *state)
{
  while (!state->done)
    g_main_context_iteration (NULL, TRUE);
  state->done = FALSE;
}

static void
test_async (void)
{
  AsyncResult state = { 0, };

  ahi_password_hash_async ("correct horse battery", ahi_password_cost_min (), NULL,
                           on_hash_ready_cb, &state);
  wait_for (&state);
  g_assert_no_error (state.error);
  g_assert_true (g_str_has_prefix (state.hash, "$argon2id$"));

  ahi_password_verify_async (state.hash, "correct horse battery", NULL, on_verify_ready_cb, &state);
  wait_for (&state);
  g_assert_no_error (state.error);
  g_assert_true (state.verified);

  ahi_password_verify_async (state.hash, "wrong horse battery", NULL, on_verify_ready_cb, &state);
  wait_for (&state);
  g_assert_no_error (state.error);
  g_assert_false (state.verified);

  g_free (state.hash);
  state.hash = NULL;

  /* Refusals come back through the task as well. */
  ahi_password_hash_async ("pass\xff\xfeword", ahi_password_cost_min (), NULL, on_hash_ready_cb, &state);
  wait_for (&state);
  g_assert_null (state.hash);
  g_assert_error (state.error, AHI_PASSWORD_ERROR, AHI_PASSWORD_ERROR_INVALID_UTF8);
  g_clear_error (&state.error);
}

static void
test_async_cancelled (void)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  AsyncResult state = { 0, };

  g_cancellable_cancel (cancellable);
  ahi_password_hash_async ("correct horse battery", ahi_password_cost_min (), cancellable,
                           on_hash_ready_cb, &state);
  wait_for (&state);
  g_assert_null (state.hash);
  g_assert_error (state.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&state.error);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  ahi_core_init ();

  g_test_add_func ("/core/password/round-trip", test_round_trip);
  g_test_add_func ("/core/password/wrong-refused", test_wrong_refused);
  g_test_add_func ("/core/password/names-argon2id", test_names_argon2id);
  g_test_add_func ("/core/password/interactive-cost", test_interactive_cost);
  g_test_add_func ("/core/password/length-limits", test_length_limits);
  g_test_add_func ("/core/password/not-utf8", test_not_utf8);
  g_test_add_func ("/core/password/async", test_async);
  g_test_add_func ("/core/password/async-cancelled", test_async_cancelled);

  return g_test_run ();
}
