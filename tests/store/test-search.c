/* test-search.c — the front desk's type-ahead over 10 000 customers
 *
 * Customers are made from the common Turkish names in data/demo (a copy of
 * shared/data/tr-names.json); expectations are counted from that same list
 * by plain string comparison, not by the fold under test.
 */
#include "ahi-test-fixture.h"
#include "store/query/ahi-customer-search.h"

#define N_CUSTOMERS 10000
#define ISIL  "01900000-0000-7000-8000-00000000f001"
#define CAGLA "01900000-0000-7000-8000-00000000f002"
#define ISMET "01900000-0000-7000-8000-00000000f003"

static AhiStore  *store;
static GPtrArray *names;   /* every generated full name */

static GPtrArray *
load_names (void)
{
  g_autofree char *path = g_build_filename (g_getenv ("AHI_SOURCE_ROOT"), "data", "demo", "tr-names.json", NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  GPtrArray *firsts = g_ptr_array_new_with_free_func (g_free);
  GPtrArray *full = g_ptr_array_new_with_free_func (g_free);
  JsonObject *root;
  JsonArray *surnames;

  json_parser_load_from_file (parser, path, &error);
  g_assert_no_error (error);
  root = json_node_get_object (json_parser_get_root (parser));
  for (guint k = 0; k < 2; k++)
    {
      JsonArray *list = json_object_get_array_member (root, k == 0 ? "first_names_female" : "first_names_male");
      for (guint i = 0; i < json_array_get_length (list); i++)
        g_ptr_array_add (firsts, g_strdup (json_array_get_string_element (list, i)));
    }
  surnames = json_object_get_array_member (root, "surnames");

  for (guint i = 0; i < N_CUSTOMERS; i++)
    {
      const char *first = g_ptr_array_index (firsts, i % firsts->len);
      const char *last = json_array_get_string_element (surnames, (i / firsts->len + i * 7) % json_array_get_length (surnames));
      g_ptr_array_add (full, g_strdup_printf ("%s %s", first, last));
    }
  g_ptr_array_unref (firsts);
  return full;
}

static void
add_customer (GPtrArray  *batch,
              const char *id,
              const char *name,
              const char *phone,
              const char *city)
{
  AhiEvent *event = fx_event (store, "customer.created", id, fx_time ("2026-01-01T09:00:00Z"),
                              "{\"source\":\"import\"}", NULL);
  JsonObject *pii = ahi_event_get_pii (event);

  json_object_set_string_member (pii, "full_name", name);
  if (phone != NULL)
    json_object_set_string_member (pii, "phone", phone);
  if (city != NULL)
    json_object_set_string_member (pii, "city", city);
  g_ptr_array_add (batch, event);
}

static GPtrArray *
search (const char *typed,
        guint       limit)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *hits = ahi_customer_search (ahi_store_get_db (store), typed, limit, &error);

  g_assert_no_error (error);
  return hits;
}

static gboolean
has_id (GPtrArray  *hits,
        const char *id)
{
  for (guint i = 0; i < hits->len; i++)
    if (g_str_equal (((AhiCustomerHit *) g_ptr_array_index (hits, i))->customer_id, id))
      return TRUE;
  return FALSE;
}

/* Whether some word of name starts with one of the given spellings. */
static gboolean
word_starts_with (const char          *name,
                  const char * const  *spellings)
{
  g_auto(GStrv) words = g_strsplit (name, " ", -1);

  for (guint w = 0; words[w] != NULL; w++)
    for (guint s = 0; spellings[s] != NULL; s++)
      if (g_str_has_prefix (words[w], spellings[s]))
        return TRUE;
  return FALSE;
}

static guint
count_names (const char * const *spellings)
{
  guint n = 0;

  for (guint i = 0; i < names->len; i++)
    n += word_starts_with (g_ptr_array_index (names, i), spellings);
  return n;
}

static void
test_isil_any_spelling (void)
{
  /* The name list spells it "Işıl"; the desk types it four ways. */
  static const char * const isil[] = { "Işıl", NULL };
  const char *typed[] = { "ışıl", "IŞIL", "isil", "Isil", "ISIL" };
  guint expected = count_names (isil) + 1;

  g_assert_cmpuint (expected, >, 1);
  for (guint i = 0; i < G_N_ELEMENTS (typed); i++)
    {
      g_autoptr(GPtrArray) hits = search (typed[i], 1000);

      g_test_message ("query %s", typed[i]);
      g_assert_true (has_id (hits, ISIL));
      g_assert_cmpuint (hits->len, ==, expected);
      for (guint h = 0; h < hits->len; h++)
        g_assert_true (word_starts_with (((AhiCustomerHit *) g_ptr_array_index (hits, h))->full_name, isil));
    }
}

static void
test_two_letters (void)
{
  /* "ış" is a prefix of Işıl, Işık, İsmail, İsmet, Ismarlama… every word
   * that folds to "is…". */
  static const char * const is[] = { "Iş", "İş", "Is", "İs", "is", "iş", "ıs", "ış", NULL };
  g_autoptr(GPtrArray) hits = search ("ış", N_CUSTOMERS * 2);

  g_assert_true (has_id (hits, ISIL));
  g_assert_true (has_id (hits, ISMET));
  g_assert_cmpuint (hits->len, ==, count_names (is) + 2);
}

static void
test_without_turkish_letters (void)
{
  static const char * const cagla[] = { "Çağla", NULL };
  g_autoptr(GPtrArray) hits = search ("cagla", 1000);
  g_autoptr(GPtrArray) upper = search ("ÇAĞLA", 1000);

  /* A prefix: Çağla, and the surname Çağlar too (Işıl Çağlar among them). */
  g_assert_true (has_id (hits, CAGLA));
  g_assert_true (has_id (hits, ISIL));
  g_assert_cmpuint (hits->len, ==, count_names (cagla) + 2);
  g_assert_cmpuint (upper->len, ==, hits->len);
}

static void
test_city_and_phone (void)
{
  g_autoptr(GPtrArray) city = search ("istanbul", 100);
  g_autoptr(GPtrArray) trunk = search ("0532 123 45 67", 100);
  g_autoptr(GPtrArray) partial = search ("532123", 100);
  g_autoptr(GPtrArray) e164 = search ("+90 532 123 45 67", 100);

  /* Only Işıl was given a city. */
  g_assert_cmpuint (city->len, ==, 1);
  g_assert_true (has_id (city, ISIL));
  /* Only Işıl has a 532 123… number. */
  g_assert_cmpuint (trunk->len, ==, 1);
  g_assert_true (has_id (trunk, ISIL));
  g_assert_true (has_id (partial, ISIL));
  g_assert_true (has_id (e164, ISIL));
}

static void
test_two_words (void)
{
  static const char * const cag[] = { "Çağ", NULL };
  g_autoptr(GPtrArray) hits = search ("IŞIL çağ", 100);

  g_assert_true (has_id (hits, ISIL));
  for (guint i = 0; i < hits->len; i++)
    {
      const char *name = ((AhiCustomerHit *) g_ptr_array_index (hits, i))->full_name;
      g_assert_true (g_str_has_prefix (name, "Işıl "));
      g_assert_true (word_starts_with (name, cag));
    }
}

static void
test_odd_input (void)
{
  const char *typed[] = { "", "   ", "\"", "*", "AND", "NEAR(", "a\"b", "OR ış", "-", "'; DROP TABLE customers; --" };

  for (guint i = 0; i < G_N_ELEMENTS (typed); i++)
    {
      g_autoptr(GPtrArray) hits = search (typed[i], 10);
      g_assert_nonnull (hits);
    }
  {
    g_autoptr(GPtrArray) hits = search ("   ", 10);
    g_assert_cmpuint (hits->len, ==, 0);
  }
  g_assert_cmpint (fx_int (store, "SELECT count(*) FROM customers"), ==, N_CUSTOMERS + 3);
}

static void
test_rename_and_plan (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *query = ahi_customer_search_query ("ismet");
  g_autofree char *sql = g_strconcat ("EXPLAIN QUERY PLAN ", ahi_customer_search_sql, NULL);
  AhiDb *db = ahi_store_get_db (store);
  sqlite3_stmt *stmt = ahi_db_prepare (db, sql, &error);
  gboolean uses_index = FALSE;

  /* The search runs on the FTS index, not a scan of customers. */
  g_assert_no_error (error);
  ahi_db_bind_text (stmt, 1, query);
  sqlite3_bind_int (stmt, 2, 10);
  while (ahi_db_step_row (db, stmt, &error))
    {
      const char *detail = (const char *) sqlite3_column_text (stmt, 3);
      g_test_message ("plan: %s", detail);
      if (strstr (detail, "VIRTUAL TABLE INDEX") != NULL)
        uses_index = TRUE;
    }
  g_assert_no_error (error);
  g_assert_true (uses_index);

  /* A renamed customer is found by the new name only. */
  fx_append (store, "customer.updated", ISMET, fx_time ("2026-02-01T09:00:00Z"), "{}",
             "{\"full_name\":\"Zübeyde Ünal\"}");
  {
    g_autoptr(GPtrArray) old_name = search ("İsmet Gümüş", 10);
    g_autoptr(GPtrArray) new_name = search ("zubeyde unal", 10);

    g_assert_false (has_id (old_name, ISMET));
    g_assert_true (has_id (new_name, ISMET));
  }
}

int
main (int argc, char *argv[])
{
  g_autoptr(GPtrArray) batch = g_ptr_array_new_with_free_func ((GDestroyNotify) ahi_event_free);
  g_autoptr(GError) error = NULL;
  g_autofree char *tenant = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);
  ahi_store_module_init ();

  store = fx_store_new ("search.db");
  tenant = fx_create_tenant (store, "hair_beauty");
  names = load_names ();
  for (guint i = 0; i < names->len; i++)
    {
      g_autofree char *id = g_strdup_printf ("01900000-0000-7000-8000-%012x", i + 1);
      add_customer (batch, id, g_ptr_array_index (names, i), NULL, NULL);
    }
  add_customer (batch, ISIL, "Işıl Çağlar", "+905321234567", "İstanbul");
  add_customer (batch, CAGLA, "Çağla Öztürk", "+905441234567", NULL);
  add_customer (batch, ISMET, "İsmet Gümüş", NULL, NULL);
  ahi_store_append_all (store, batch, NULL, &error);
  g_assert_no_error (error);

  g_test_add_func ("/store/search/isil-any-spelling", test_isil_any_spelling);
  g_test_add_func ("/store/search/two-letters", test_two_letters);
  g_test_add_func ("/store/search/without-turkish-letters", test_without_turkish_letters);
  g_test_add_func ("/store/search/city-and-phone", test_city_and_phone);
  g_test_add_func ("/store/search/two-words", test_two_words);
  g_test_add_func ("/store/search/odd-input", test_odd_input);
  g_test_add_func ("/store/search/rename-and-plan", test_rename_and_plan);

  status = g_test_run ();
  g_ptr_array_unref (names);
  fx_store_free (store);
  return status;
}
