/* test-id.c — UUIDv7 and UUIDv5 identifiers */
#include <string.h>

#include "core/ahi-core.h"
#include "core/ahi-id.h"

/* The 48-bit timestamp of a v7 id: its first 12 hex digits. */
static gint64
v7_timestamp (const char *id)
{
  char hex[13];

  memcpy (hex, id, 8);
  memcpy (hex + 8, id + 9, 4);
  hex[12] = '\0';
  return (gint64) g_ascii_strtoull (hex, NULL, 16);
}

static void
test_v7_layout (void)
{
  for (guint i = 0; i < 100; i++)
    {
      g_autofree char *id = ahi_id_new ();

      g_assert_nonnull (id);
      g_assert_cmpuint (strlen (id), ==, AHI_ID_LENGTH);
      g_assert_true (ahi_id_is_valid (id));
      /* Version nibble: the first digit of the third group. */
      g_assert_cmpint (id[14], ==, '7');
      /* Variant 10: the first digit of the fourth group is 8, 9, a or b. */
      g_assert_nonnull (strchr ("89ab", id[19]));
    }
}

static void
test_v7_timestamp (void)
{
  /* 0x0190f3a27c1e ms is 2024-07-27T10:00:30.494Z; the id must start with those
   * digits, split by the first dash. */
  g_autofree char *id = ahi_id_new_v7_at (0x0190f3a27c1e);
  g_autofree char *zero = ahi_id_new_v7_at (0);
  g_autofree char *max = ahi_id_new_v7_at (((gint64) 1 << 48) - 1);

  g_assert_true (g_str_has_prefix (id, "0190f3a2-7c1e-7"));
  g_assert_true (g_str_has_prefix (zero, "00000000-0000-7"));
  g_assert_true (g_str_has_prefix (max, "ffffffff-ffff-7"));
  g_assert_cmpint (v7_timestamp (id), ==, 0x0190f3a27c1e);
}

static void
test_v7_now (void)
{
  gint64 before = g_get_real_time () / 1000;
  g_autofree char *id = ahi_id_new ();
  gint64 after = g_get_real_time () / 1000;

  g_assert_cmpint (v7_timestamp (id), >=, before);
  g_assert_cmpint (v7_timestamp (id), <=, after);
}

static void
test_v7_sorts_by_time (void)
{
  /* Lexical order of the text is time order, across hex-digit carries
   * (0x0ff → 0x100) too, which is what the store's B-tree relies on. */
  gint64 times[] = { 0, 1, 0xff, 0x100, 0xfff, 0x1000,
                     1796104800000, 1796104800001, 1796104801000,
                     ((gint64) 1 << 48) - 1 };
  g_autofree char *previous = NULL;

  for (gsize i = 0; i < G_N_ELEMENTS (times); i++)
    {
      char *id = ahi_id_new_v7_at (times[i]);

      if (previous != NULL)
        g_assert_cmpstr (previous, <, id);
      g_free (previous);
      previous = id;
    }
}

static void
test_v7_unique (void)
{
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal,
                                                      g_free, NULL);

  /* All in the same millisecond: uniqueness then rests on the 74 random
   * bits alone. */
  for (guint i = 0; i < 10000; i++)
    {
      char *id = ahi_id_new_v7_at (1796104800000);

      g_assert_true (g_hash_table_add (seen, id));
    }
  g_assert_cmpuint (g_hash_table_size (seen), ==, 10000);
}

static void
test_v5_rfc_vector (void)
{
  /* RFC 4122 name-based (SHA-1) id of "www.example.com" in the DNS
   * namespace. */
  g_autofree char *id = ahi_id_derive ("6ba7b810-9dad-11d1-80b4-00c04fd430c8",
                                       "www.example.com");

  g_assert_cmpstr (id, ==, "2ed6657d-e927-568b-95e1-2665a8aea6a2");
}

static void
test_v5_deterministic (void)
{
  const char *ns = "0190f3a2-7c1e-7abc-8def-0123456789ab";
  g_autofree char *a = ahi_id_derive (ns, "tenant/bootstrap/service-1");
  g_autofree char *b = ahi_id_derive (ns, "tenant/bootstrap/service-1");
  g_autofree char *other_name = ahi_id_derive (ns, "tenant/bootstrap/service-2");
  g_autofree char *other_ns = ahi_id_derive ("6ba7b810-9dad-11d1-80b4-00c04fd430c8",
                                             "tenant/bootstrap/service-1");
  g_autofree char *empty = ahi_id_derive (ns, "");

  g_assert_cmpstr (a, ==, b);
  g_assert_cmpstr (a, !=, other_name);
  g_assert_cmpstr (a, !=, other_ns);
  g_assert_true (ahi_id_is_valid (a));
  g_assert_true (ahi_id_is_valid (empty));
  g_assert_cmpint (a[14], ==, '5');
  g_assert_nonnull (strchr ("89ab", a[19]));
}

static void
test_v5_bad_namespace (void)
{
  char *id;

  /* A programming error: a critical, and no id. */
  g_test_expect_message (NULL, G_LOG_LEVEL_CRITICAL, "*assertion*failed*");
  id = ahi_id_derive ("6BA7B810-9DAD-11D1-80B4-00C04FD430C8", "www.example.com");
  g_test_assert_expected_messages ();
  g_assert_null (id);
}

static void
test_is_valid (void)
{
  const char *valid[] = {
    "0190f3a2-7c1e-7abc-8def-0123456789ab",
    "00000000-0000-0000-0000-000000000000",
    "6ba7b810-9dad-11d1-80b4-00c04fd430c8",  /* any version */
    "ffffffff-ffff-ffff-ffff-ffffffffffff",
  };
  const char *invalid[] = {
    "",
    "0190F3A2-7C1E-7ABC-8DEF-0123456789AB",   /* upper case */
    "0190f3a2-7c1e-7abc-8def-0123456789aB",   /* one upper-case digit */
    "0190f3a27c1e7abc8def0123456789ab",       /* no dashes */
    "0190f3a2-7c1e-7abc-8def0-123456789ab",   /* dash moved */
    "0190f3a2-7c1e-7abc-8def-0123456789a",    /* one digit short */
    "0190f3a2-7c1e-7abc-8def-0123456789abc",  /* one digit long */
    "0190f3a2-7c1e-7abc-8def-0123456789ab\n", /* trailing newline */
    " 0190f3a2-7c1e-7abc-8def-0123456789ab",  /* leading space */
    "{0190f3a2-7c1e-7abc-8def-0123456789ab}", /* braces */
    "0190f3a2-7c1e-7abc-8def-0123456789ag",   /* not hex */
    "0190f3a2_7c1e_7abc_8def_0123456789ab",   /* wrong separator */
    "0190f3a2-7c1e-7abc-8def-0123456789-b",   /* dash in place of a digit */
  };

  for (gsize i = 0; i < G_N_ELEMENTS (valid); i++)
    g_assert_true (ahi_id_is_valid (valid[i]));
  for (gsize i = 0; i < G_N_ELEMENTS (invalid); i++)
    {
      if (ahi_id_is_valid (invalid[i]))
        g_error ("accepted invalid id \"%s\"", invalid[i]);
    }
  g_assert_false (ahi_id_is_valid (NULL));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  ahi_core_init ();

  g_test_add_func ("/core/id/v7/layout", test_v7_layout);
  g_test_add_func ("/core/id/v7/timestamp", test_v7_timestamp);
  g_test_add_func ("/core/id/v7/now", test_v7_now);
  g_test_add_func ("/core/id/v7/sorts-by-time", test_v7_sorts_by_time);
  g_test_add_func ("/core/id/v7/unique", test_v7_unique);
  g_test_add_func ("/core/id/v5/rfc-vector", test_v5_rfc_vector);
  g_test_add_func ("/core/id/v5/deterministic", test_v5_deterministic);
  g_test_add_func ("/core/id/v5/bad-namespace", test_v5_bad_namespace);
  g_test_add_func ("/core/id/is-valid", test_is_valid);

  return g_test_run ();
}
