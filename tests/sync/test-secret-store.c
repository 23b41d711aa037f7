/* test-secret-store.c — the secret store contract, in memory and on libsecret
 *
 * One contract (ahi-secret-store.h) is checked against every
 * implementation, through the blocking calls and again through the
 * non-blocking ones:
 * - AhiMemorySecretStore, always;
 * - AhiLibsecretStore on the session's secret service, when one can be
 *   reached (a bare dbus-run-session has none: the test is then skipped
 *   and says why);
 * - AhiLibsecretStore on libsecret's file backend, which is what libsecret
 *   uses inside Flatpak, when the program runs with
 *   --libsecret-file-backend (a second registration in meson.build: the
 *   backend is chosen once per process, at libsecret's first use).
 */
#include <string.h>

#include <glib/gstdio.h>

#include "sync/ahi-secret-store.h"
#include "sync/ahi-secret-store-libsecret.h"
#include "sync/ahi-secret-store-memory.h"
#include "sync/ahi-sync-error.h"

#define SECRET_SERVICE_NAME "org.freedesktop.secrets"
#define SERVICE_ANSWER_TIMEOUT_S 10

/* A secret with Turkish letters and ASCII punctuation: it must come back
 * byte for byte. */
#define UTF8_SECRET "şifre-İı-ğüç:ÖŞ/+="

typedef enum {
  CALLS_BLOCKING,
  CALLS_ASYNC,
} Calls;

static char *file_backend_dir;

#ifdef __SANITIZE_ADDRESS__
/* tests/lsan.supp names the frames of a leak inside libsecret, but GLib
 * and libsecret are built without frame pointers: LeakSanitizer only sees
 * those frames with the slow unwinder. This test is small, so it can
 * afford it. */
const char *__lsan_default_options (void);

const char *
__lsan_default_options (void)
{
  return "fast_unwind_on_malloc=0";
}
#endif

/* ------------------------------------------------------------------ */
/* Running the non-blocking calls to completion                        */

static void
on_ready_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
  g_main_context_wakeup (NULL);
}

/* Named for tests/lsan.supp: libsecret 0.20.5's file backend leaks a
 * string GLib allocates while this loop runs (see there). */
static GAsyncResult *
await_secret_result (GAsyncResult **slot)
{
  while (*slot == NULL)
    g_main_context_iteration (NULL, TRUE);
  return *slot;
}

static gboolean
do_store (AhiSecretStore  *store,
          Calls            calls,
          const char      *key,
          const char      *label,
          const char      *secret,
          GCancellable    *cancellable,
          GError         **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  if (calls == CALLS_BLOCKING)
    return ahi_secret_store_store (store, key, label, secret, cancellable, error);
  ahi_secret_store_store_async (store, key, label, secret, cancellable,
                                on_ready_cb, &result);
  return ahi_secret_store_store_finish (store, await_secret_result (&result), error);
}

static AhiSecret *
do_lookup (AhiSecretStore  *store,
           Calls            calls,
           const char      *key,
           GCancellable    *cancellable,
           GError         **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  if (calls == CALLS_BLOCKING)
    return ahi_secret_store_lookup (store, key, cancellable, error);
  ahi_secret_store_lookup_async (store, key, cancellable, on_ready_cb, &result);
  return ahi_secret_store_lookup_finish (store, await_secret_result (&result), error);
}

static gboolean
do_clear (AhiSecretStore  *store,
          Calls            calls,
          const char      *key,
          GCancellable    *cancellable,
          GError         **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  if (calls == CALLS_BLOCKING)
    return ahi_secret_store_clear (store, key, cancellable, error);
  ahi_secret_store_clear_async (store, key, cancellable, on_ready_cb, &result);
  return ahi_secret_store_clear_finish (store, await_secret_result (&result), error);
}

/* ------------------------------------------------------------------ */
/* Assertions                                                           */

/* Drops the caller's reference and asserts the object goes. A worker
 * thread of the default non-blocking calls lets go of its task (and the
 * task of the store) just after the result was delivered, so the last
 * reference may take a moment to fall; a second is plenty. */
static void
assert_finalized_soon (gpointer object)
{
  gpointer weak = object;
  gint64 deadline = g_get_monotonic_time () + G_USEC_PER_SEC;

  g_object_add_weak_pointer (G_OBJECT (object), &weak);
  g_object_unref (object);
  while (weak != NULL && g_get_monotonic_time () < deadline)
    {
      while (g_main_context_iteration (NULL, FALSE))
        ;
      if (weak != NULL)
        g_usleep (1000);
    }
  if (weak != NULL)
    g_object_remove_weak_pointer (G_OBJECT (weak), &weak);
  g_assert_null (weak);
}

static void
assert_holds (AhiSecretStore *store,
              Calls           calls,
              const char     *key,
              const char     *expected)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AhiSecret) secret = do_lookup (store, calls, key, NULL, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (secret, ==, expected);
}

static void
assert_holds_nothing (AhiSecretStore *store,
                      Calls           calls,
                      const char     *key)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AhiSecret) secret = do_lookup (store, calls, key, NULL, &error);

  g_assert_error (error, AHI_SYNC_ERROR, AHI_SYNC_ERROR_SECRET_NOT_FOUND);
  g_assert_null (secret);
}

static void
assert_store_fails (AhiSecretStore *store,
                    Calls           calls,
                    const char     *key,
                    const char     *secret,
                    GCancellable   *cancellable,
                    GQuark          domain,
                    int             code)
{
  g_autoptr(GError) error = NULL;

  g_assert_false (do_store (store, calls, key, NULL, secret, cancellable, &error));
  g_assert_error (error, domain, code);
}

/* ------------------------------------------------------------------ */
/* The contract                                                         */

/* run_id makes the keys of this run unique: on a real keyring they must
 * never meet a token the user keeps there. */
static void
check_contract (AhiSecretStore *store,
                Calls           calls,
                const char     *run_id)
{
  g_autofree char *tenant_a = g_strdup_printf ("%s-a", run_id);
  g_autofree char *tenant_b = g_strdup_printf ("%s-b", run_id);
  g_autofree char *key_a = ahi_secret_key_server_token (tenant_a);
  g_autofree char *key_b = ahi_secret_key_server_token (tenant_b);
  /* "server-token:<run>-" is a prefix of both keys and holds nothing. */
  g_autofree char *key_prefix = g_strdup_printf ("server-token:%s-", run_id);
  g_autoptr(GCancellable) cancelled = g_cancellable_new ();
  g_autoptr(GError) error = NULL;

  g_assert_true (g_str_has_prefix (key_a, "server-token:"));
  g_assert_true (g_str_has_suffix (key_a, tenant_a));

  /* Nothing is there before anything is stored: not found, not an error
   * of the service. */
  assert_holds_nothing (store, calls, key_a);

  /* Two tenants' tokens live side by side. */
  g_assert_true (do_store (store, calls, key_a, "Ahi Desk test token A (safe to delete)",
                           "token-a-1", NULL, &error));
  g_assert_no_error (error);
  g_assert_true (do_store (store, calls, key_b, "Ahi Desk test token B (safe to delete)",
                           UTF8_SECRET, NULL, &error));
  g_assert_no_error (error);
  assert_holds (store, calls, key_a, "token-a-1");
  assert_holds (store, calls, key_b, UTF8_SECRET);

  /* Keys match exactly, never by prefix. */
  assert_holds_nothing (store, calls, key_prefix);

  /* Storing again replaces. */
  g_assert_true (do_store (store, calls, key_a, "Ahi Desk test token A (safe to delete)",
                           "token-a-2", NULL, &error));
  g_assert_no_error (error);
  assert_holds (store, calls, key_a, "token-a-2");
  assert_holds (store, calls, key_b, UTF8_SECRET);

  /* Bad arguments are refused and change nothing. */
  assert_store_fails (store, calls, "", "token", NULL,
                      AHI_SYNC_ERROR, AHI_SYNC_ERROR_INVALID_KEY);
  assert_store_fails (store, calls, key_a, "", NULL,
                      AHI_SYNC_ERROR, AHI_SYNC_ERROR_INVALID_SECRET);
  assert_store_fails (store, calls, key_a, "token-\xff\xfe", NULL,
                      AHI_SYNC_ERROR, AHI_SYNC_ERROR_INVALID_SECRET);
  assert_store_fails (store, calls, "server-token:\xc3", "token", NULL,
                      AHI_SYNC_ERROR, AHI_SYNC_ERROR_INVALID_KEY);
  {
    g_autoptr(GError) lookup_error = NULL;
    g_autoptr(AhiSecret) none = do_lookup (store, calls, "", NULL, &lookup_error);

    g_assert_error (lookup_error, AHI_SYNC_ERROR, AHI_SYNC_ERROR_INVALID_KEY);
    g_assert_null (none);
  }
  g_assert_false (do_clear (store, calls, "", NULL, &error));
  g_assert_error (error, AHI_SYNC_ERROR, AHI_SYNC_ERROR_INVALID_KEY);
  g_clear_error (&error);
  assert_holds (store, calls, key_a, "token-a-2");

  /* A call cancelled before it starts changes nothing. */
  g_cancellable_cancel (cancelled);
  assert_store_fails (store, calls, key_a, "token-a-3", cancelled,
                      G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_false (do_clear (store, calls, key_b, cancelled, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);
  {
    g_autoptr(GError) lookup_error = NULL;
    g_autoptr(AhiSecret) none = do_lookup (store, calls, key_a, cancelled, &lookup_error);

    g_assert_error (lookup_error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
    g_assert_null (none);
  }
  assert_holds (store, calls, key_a, "token-a-2");
  assert_holds (store, calls, key_b, UTF8_SECRET);

  /* Clearing removes one key only, and clearing twice is fine. */
  g_assert_true (do_clear (store, calls, key_a, NULL, &error));
  g_assert_no_error (error);
  assert_holds_nothing (store, calls, key_a);
  assert_holds (store, calls, key_b, UTF8_SECRET);
  g_assert_true (do_clear (store, calls, key_a, NULL, &error));
  g_assert_no_error (error);

  g_assert_true (do_clear (store, calls, key_b, NULL, &error));
  g_assert_no_error (error);
  assert_holds_nothing (store, calls, key_b);
}

static char *
new_run_id (void)
{
  g_autofree char *uuid = g_uuid_string_random ();

  return g_strdup_printf ("ahi-test-%s", uuid);
}

/* ------------------------------------------------------------------ */
/* AhiMemorySecretStore                                                 */

static void
test_memory_contract_blocking (void)
{
  g_autoptr(AhiMemorySecretStore) store = ahi_memory_secret_store_new ();
  g_autofree char *run_id = new_run_id ();

  check_contract (AHI_SECRET_STORE (store), CALLS_BLOCKING, run_id);
  g_assert_cmpuint (ahi_memory_secret_store_get_n_secrets (store), ==, 0);
  assert_finalized_soon (g_steal_pointer (&store));
}

static void
test_memory_contract_async (void)
{
  g_autoptr(AhiMemorySecretStore) store = ahi_memory_secret_store_new ();
  g_autofree char *run_id = new_run_id ();

  check_contract (AHI_SECRET_STORE (store), CALLS_ASYNC, run_id);
  g_assert_cmpuint (ahi_memory_secret_store_get_n_secrets (store), ==, 0);
  assert_finalized_soon (g_steal_pointer (&store));
}

static void
test_memory_labels_and_count (void)
{
  g_autoptr(AhiMemorySecretStore) store = ahi_memory_secret_store_new ();
  AhiSecretStore *secrets = AHI_SECRET_STORE (store);
  g_autoptr(GError) error = NULL;
  g_autofree char *label_a = NULL;
  g_autofree char *label_b = NULL;

  g_assert_true (ahi_secret_store_store (secrets, "server-token:a",
                                         "Ahi Desk server token for Salon Işıl",
                                         "t1", NULL, &error));
  g_assert_true (ahi_secret_store_store (secrets, "server-token:b", NULL,
                                         "t2", NULL, &error));
  g_assert_true (ahi_secret_store_store (secrets, "server-token:a",
                                         "Ahi Desk server token for Salon Işıl",
                                         "t3", NULL, &error));
  g_assert_no_error (error);

  /* Three stores on two keys, one of them replaced: two secrets. */
  g_assert_cmpuint (ahi_memory_secret_store_get_n_secrets (store), ==, 2);

  label_a = ahi_memory_secret_store_dup_label (store, "server-token:a");
  label_b = ahi_memory_secret_store_dup_label (store, "server-token:b");
  g_assert_cmpstr (label_a, ==, "Ahi Desk server token for Salon Işıl");
  /* Without a label, the key names the item. */
  g_assert_cmpstr (label_b, ==, "server-token:b");
  g_assert_null (ahi_memory_secret_store_dup_label (store, "server-token:c"));

  assert_finalized_soon (g_steal_pointer (&store));
}

static void
test_memory_instances_apart (void)
{
  g_autoptr(AhiMemorySecretStore) one = ahi_memory_secret_store_new ();
  g_autoptr(AhiMemorySecretStore) two = ahi_memory_secret_store_new ();
  g_autoptr(GError) error = NULL;

  g_assert_true (ahi_secret_store_store (AHI_SECRET_STORE (one), "server-token:a",
                                         NULL, "t1", NULL, &error));
  g_assert_no_error (error);
  assert_holds (AHI_SECRET_STORE (one), CALLS_BLOCKING, "server-token:a", "t1");
  /* Each test's store starts empty, whatever another one holds. */
  assert_holds_nothing (AHI_SECRET_STORE (two), CALLS_BLOCKING, "server-token:a");

  assert_finalized_soon (g_steal_pointer (&one));
  assert_finalized_soon (g_steal_pointer (&two));
}

static void
test_memory_unavailable (void)
{
  g_autoptr(AhiMemorySecretStore) store = ahi_memory_secret_store_new ();
  AhiSecretStore *secrets = AHI_SECRET_STORE (store);
  g_autoptr(GError) error = NULL;

  g_assert_true (ahi_secret_store_store (secrets, "server-token:a", NULL, "t1",
                                         NULL, &error));
  g_assert_no_error (error);

  ahi_memory_secret_store_set_unavailable (store, TRUE);
  for (Calls calls = CALLS_BLOCKING; calls <= CALLS_ASYNC; calls++)
    {
      g_autoptr(AhiSecret) secret = NULL;

      assert_store_fails (secrets, calls, "server-token:a", "t2", NULL,
                          AHI_SYNC_ERROR, AHI_SYNC_ERROR_SECRET_SERVICE);
      /* An unreachable keyring is not "no token": the caller must not
       * ask the user to log in again because of it. */
      secret = do_lookup (secrets, calls, "server-token:a", NULL, &error);
      g_assert_error (error, AHI_SYNC_ERROR, AHI_SYNC_ERROR_SECRET_SERVICE);
      g_assert_null (secret);
      g_clear_error (&error);
      g_assert_false (do_clear (secrets, calls, "server-token:a", NULL, &error));
      g_assert_error (error, AHI_SYNC_ERROR, AHI_SYNC_ERROR_SECRET_SERVICE);
      g_clear_error (&error);
    }

  /* Back again, it holds what it held before. */
  ahi_memory_secret_store_set_unavailable (store, FALSE);
  assert_holds (secrets, CALLS_BLOCKING, "server-token:a", "t1");

  assert_finalized_soon (g_steal_pointer (&store));
}

static void
on_stored_count_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  guint *pending = user_data;
  g_autoptr(GError) error = NULL;

  g_assert_true (ahi_secret_store_store_finish (AHI_SECRET_STORE (source),
                                                result, &error));
  g_assert_no_error (error);
  (*pending)--;
  g_main_context_wakeup (NULL);
}

/* The default non-blocking calls run on worker threads at the same time:
 * none of them may be lost. */
static void
test_memory_concurrent (void)
{
  g_autoptr(AhiMemorySecretStore) store = ahi_memory_secret_store_new ();
  AhiSecretStore *secrets = AHI_SECRET_STORE (store);
  const guint n = 64;
  guint pending = n;

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *key = g_strdup_printf ("server-token:tenant-%u", i);
      g_autofree char *value = g_strdup_printf ("token-%u", i);

      ahi_secret_store_store_async (secrets, key, NULL, value, NULL,
                                    on_stored_count_cb, &pending);
    }
  while (pending > 0)
    g_main_context_iteration (NULL, TRUE);

  /* 64 different keys stored: 64 secrets, each its own. */
  g_assert_cmpuint (ahi_memory_secret_store_get_n_secrets (store), ==, n);
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *key = g_strdup_printf ("server-token:tenant-%u", i);
      g_autofree char *value = g_strdup_printf ("token-%u", i);

      assert_holds (secrets, CALLS_BLOCKING, key, value);
    }

  assert_finalized_soon (g_steal_pointer (&store));
}

/* ------------------------------------------------------------------ */
/* AhiLibsecretStore on the session's secret service                   */

/* Whether something owns, or D-Bus can start, the secret service. Asks
 * the bus only: libsecret itself must not be touched before we know,
 * because a missing service would make it fail noisily. */
static gboolean
secret_service_on_bus (char **why)
{
  g_autoptr(GDBusConnection) bus = NULL;
  g_autoptr(GVariant) owned = NULL;
  g_autoptr(GVariant) activatable = NULL;
  g_autofree const char **names = NULL;
  g_autoptr(GError) error = NULL;
  gboolean has_owner = FALSE;

  /* Without an address GLib would try to autolaunch a bus over X11. */
  if (g_getenv ("DBUS_SESSION_BUS_ADDRESS") == NULL)
    {
      *why = g_strdup ("no session bus: DBUS_SESSION_BUS_ADDRESS is not set");
      return FALSE;
    }
  bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, &error);
  if (bus == NULL)
    {
      *why = g_strdup_printf ("the session bus cannot be reached: %s", error->message);
      return FALSE;
    }

  owned = g_dbus_connection_call_sync (bus, "org.freedesktop.DBus", "/org/freedesktop/DBus",
                                       "org.freedesktop.DBus", "NameHasOwner",
                                       g_variant_new ("(s)", SECRET_SERVICE_NAME),
                                       G_VARIANT_TYPE ("(b)"), G_DBUS_CALL_FLAGS_NONE,
                                       2000, NULL, &error);
  g_assert_no_error (error);
  g_variant_get (owned, "(b)", &has_owner);
  if (has_owner)
    return TRUE;

  activatable = g_dbus_connection_call_sync (bus, "org.freedesktop.DBus", "/org/freedesktop/DBus",
                                             "org.freedesktop.DBus", "ListActivatableNames",
                                             NULL, G_VARIANT_TYPE ("(as)"),
                                             G_DBUS_CALL_FLAGS_NONE, 2000, NULL, &error);
  g_assert_no_error (error);
  g_variant_get (activatable, "(^a&s)", &names);
  if (g_strv_contains (names, SECRET_SERVICE_NAME))
    return TRUE;

  *why = g_strdup ("no secret service on the session bus: nothing owns or can start "
                   SECRET_SERVICE_NAME " (a bare dbus-run-session has no keyring "
                   "daemon, see STACK-NOTES.md); the libsecret store is checked on "
                   "libsecret's file backend by the secret-store-libsecret-file test");
  return FALSE;
}

static gboolean
on_service_timeout_cb (gpointer user_data)
{
  g_cancellable_cancel (G_CANCELLABLE (user_data));
  return G_SOURCE_REMOVE;
}

/* A service that is there may still be unusable here: locked, with an
 * unlock prompt nobody will answer. One store, given a time limit, tells. */
static gboolean
secret_service_usable (AhiSecretStore  *store,
                       const char      *run_id,
                       char           **why)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *key = g_strdup_printf ("probe:%s", run_id);
  guint timeout_id;

  timeout_id = g_timeout_add_seconds (SERVICE_ANSWER_TIMEOUT_S, on_service_timeout_cb,
                                      cancellable);
  ahi_secret_store_store_async (store, key, "Ahi Desk test probe (safe to delete)",
                                "probe", cancellable, on_ready_cb, &result);
  if (!ahi_secret_store_store_finish (store, await_secret_result (&result), &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        *why = g_strdup_printf ("the secret service did not store a secret within %d s "
                                "(a locked keyring waiting for its password?)",
                                SERVICE_ANSWER_TIMEOUT_S);
      else
        *why = g_strdup_printf ("the secret service is there but refused a secret: %s",
                                error->message);
      if (!g_cancellable_is_cancelled (cancellable))
        g_source_remove (timeout_id);
      return FALSE;
    }
  g_source_remove (timeout_id);
  g_assert_true (ahi_secret_store_clear (store, key, NULL, &error));
  g_assert_no_error (error);
  return TRUE;
}

static void
test_libsecret_service (void)
{
  g_autoptr(AhiLibsecretStore) store = NULL;
  g_autofree char *run_id = new_run_id ();
  g_autofree char *why = NULL;

  if (!secret_service_on_bus (&why))
    {
      g_test_skip (why);
      return;
    }
  store = ahi_libsecret_store_new ();
  if (!secret_service_usable (AHI_SECRET_STORE (store), run_id, &why))
    {
      g_test_skip (why);
      return;
    }
  check_contract (AHI_SECRET_STORE (store), CALLS_BLOCKING, run_id);
  check_contract (AHI_SECRET_STORE (store), CALLS_ASYNC, run_id);
}

/* ------------------------------------------------------------------ */
/* AhiLibsecretStore on libsecret's file backend                       */

static void
test_libsecret_file_contract_blocking (void)
{
  g_autoptr(AhiLibsecretStore) store = ahi_libsecret_store_new ();
  g_autofree char *run_id = new_run_id ();

  check_contract (AHI_SECRET_STORE (store), CALLS_BLOCKING, run_id);
}

static void
test_libsecret_file_contract_async (void)
{
  g_autoptr(AhiLibsecretStore) store = ahi_libsecret_store_new ();
  g_autofree char *run_id = new_run_id ();

  check_contract (AHI_SECRET_STORE (store), CALLS_ASYNC, run_id);
}

static gboolean
contains_bytes (const char *haystack,
                gsize       haystack_len,
                const char *needle)
{
  gsize needle_len = strlen (needle);

  for (gsize i = 0; i + needle_len <= haystack_len; i++)
    if (memcmp (haystack + i, needle, needle_len) == 0)
      return TRUE;
  return FALSE;
}

/* The keyring file holds the secret, and holds it encrypted. */
static void
test_libsecret_file_on_disk (void)
{
  g_autoptr(AhiLibsecretStore) store = ahi_libsecret_store_new ();
  g_autofree char *path = g_build_filename (file_backend_dir, "keyring", NULL);
  const char *secret = "token-that-must-not-be-readable-on-disk";
  g_autofree char *contents = NULL;
  gsize length = 0;
  g_autoptr(GError) error = NULL;

  g_assert_true (ahi_secret_store_store (AHI_SECRET_STORE (store), "server-token:disk",
                                         NULL, secret, NULL, &error));
  g_assert_no_error (error);

  g_assert_true (g_file_get_contents (path, &contents, &length, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (length, >, 0);
  g_assert_false (contains_bytes (contents, length, secret));

  /* A fresh store object reads it back from the file. */
  g_clear_object (&store);
  store = ahi_libsecret_store_new ();
  assert_holds (AHI_SECRET_STORE (store), CALLS_BLOCKING, "server-token:disk", secret);
  g_assert_true (ahi_secret_store_clear (AHI_SECRET_STORE (store), "server-token:disk",
                                         NULL, &error));
  g_assert_no_error (error);
}

/* libsecret picks its backend once, at first use, from the environment;
 * these variables are how libsecret's own tests point the file backend at
 * a file and give it its password (inside Flatpak the portal gives it). */
static void
use_libsecret_file_backend (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  file_backend_dir = g_dir_make_tmp ("ahi-test-keyring-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (file_backend_dir, "keyring", NULL);

  g_setenv ("SECRET_BACKEND", "file", TRUE);
  g_setenv ("SECRET_FILE_TEST_PATH", path, TRUE);
  g_setenv ("SECRET_FILE_TEST_PASSWORD", "ahi-test-keyring-password", TRUE);
}

/* The keyring and whatever libsecret wrote beside it (it keeps a
 * "keyring~" backup when it rewrites the file). */
static void
remove_file_backend_dir (void)
{
  g_autoptr(GDir) dir = g_dir_open (file_backend_dir, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (file_backend_dir, name, NULL);

      g_unlink (path);
    }
  g_assert_cmpint (g_rmdir (file_backend_dir), ==, 0);
  g_clear_pointer (&file_backend_dir, g_free);
}

int
main (int    argc,
      char **argv)
{
  gboolean file_backend = FALSE;
  int status;

  /* Our own option, taken out before GTest sees the arguments. */
  for (int i = 1; i < argc; i++)
    if (g_str_equal (argv[i], "--libsecret-file-backend"))
      {
        file_backend = TRUE;
        memmove (&argv[i], &argv[i + 1], (size_t) (argc - i) * sizeof *argv);
        argc--;
        break;
      }

  /* Before anything can start a thread: setenv is not thread-safe. */
  if (file_backend)
    use_libsecret_file_backend ();

  g_test_init (&argc, &argv, NULL);

  if (file_backend)
    {
      g_test_add_func ("/sync/secret-store/libsecret-file/contract-blocking",
                       test_libsecret_file_contract_blocking);
      g_test_add_func ("/sync/secret-store/libsecret-file/contract-async",
                       test_libsecret_file_contract_async);
      g_test_add_func ("/sync/secret-store/libsecret-file/on-disk",
                       test_libsecret_file_on_disk);
    }
  else
    {
      g_test_add_func ("/sync/secret-store/memory/contract-blocking",
                       test_memory_contract_blocking);
      g_test_add_func ("/sync/secret-store/memory/contract-async",
                       test_memory_contract_async);
      g_test_add_func ("/sync/secret-store/memory/labels-and-count",
                       test_memory_labels_and_count);
      g_test_add_func ("/sync/secret-store/memory/instances-apart",
                       test_memory_instances_apart);
      g_test_add_func ("/sync/secret-store/memory/unavailable",
                       test_memory_unavailable);
      g_test_add_func ("/sync/secret-store/memory/concurrent",
                       test_memory_concurrent);
      g_test_add_func ("/sync/secret-store/libsecret/service",
                       test_libsecret_service);
    }

  status = g_test_run ();
  if (file_backend)
    remove_file_backend_dir ();
  return status;
}
