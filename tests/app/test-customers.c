/* test-customers.c — the sector's primary list in a real window (Xvfb)
 *
 * What the front desk relies on: the "customers" module shows the
 * business's people with their phone numbers grouped the Turkish way and
 * their last visit; typing searches as you type and folds Turkish letters
 * ("isil" finds "Işıl", and finds every such person, nobody else); a
 * search that finds nobody says so; a change to the business shows in the
 * list; a search replaced by the next one never shows its rows. Expected
 * figures come from the database file read here with SQL, never from the
 * view's own answers. Screenshots of both sizes land in the build folder.
 */
#include "ahi-test-ui.h"
#include "../store/ahi-test-fixture.h"
#include "app/ahi-application.h"
#include "app/ahi-command-center-view.h"
#include "app/ahi-customer-item.h"
#include "app/ahi-customers-view.h"
#include "app/ahi-i18n.h"
#include "app/ahi-window.h"
#include "core/ahi-fold.h"

/* ------------------------------------------------------------- helpers */

typedef struct {
  AhiStore         *store;
  AhiContext       *context;
  AhiWindow        *window;
  AhiCustomersView *view;
} Desk;

static gboolean
center_idle (gpointer data)
{
  Desk *desk = data;
  GtkWidget *center = ahi_window_get_command_center (desk->window);

  return center != NULL && ahi_command_center_view_is_idle (AHI_COMMAND_CENTER_VIEW (center));
}

static gboolean
view_idle (gpointer data)
{
  Desk *desk = data;

  return ahi_customers_view_is_idle (desk->view);
}

/* Opens the window on store at the size and shows the customers module,
 * waiting until its first answer is on screen. */
static void
desk_open (Desk     *desk,
           AhiStore *store,
           int       width,
           int       height)
{
  g_autoptr(GError) error = NULL;
  GtkWidget *page;

  desk->store = store;
  desk->context = ahi_context_new (store, &error);
  g_assert_no_error (error);
  ahi_context_set_now (desk->context, fx_time (UI_NOW_UTC));
  desk->window = ahi_window_new (NULL, desk->context);
  gtk_window_set_default_size (GTK_WINDOW (desk->window), width, height);
  gtk_window_present (GTK_WINDOW (desk->window));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (desk->window));
  ui_wait_until (center_idle, desk);

  g_assert_true (ahi_window_show_module (desk->window, "customers"));
  page = adw_view_stack_get_child_by_name (ADW_VIEW_STACK (ahi_window_get_stack (desk->window)), "customers");
  g_assert_true (AHI_IS_CUSTOMERS_VIEW (page));
  desk->view = AHI_CUSTOMERS_VIEW (page);
  ui_wait_until (view_idle, desk);
  /* The leaflet's transition and the rows' first layout. */
  ui_wait (500);
}

static gboolean
is_null (gpointer data)
{
  return *(gpointer *) data == NULL;
}

/* Closes the window and waits for the context to be finalized: work on
 * its way (the daily backup the window starts five seconds after it
 * opens, a search) holds it until it ends. A context never finalized is
 * a leak, and fails the test after a minute. */
static void
desk_close (Desk     *desk,
            gboolean  free_store)
{
  gpointer context = desk->context;

  gtk_window_destroy (GTK_WINDOW (desk->window));
  g_object_add_weak_pointer (G_OBJECT (context), &context);
  g_object_unref (desk->context);
  ui_wait_until (is_null, &context);
  if (free_store)
    fx_store_free (desk->store);
}

/* Types text into the search field and waits for its answer. */
static void
search (Desk       *desk,
        const char *text)
{
  gtk_editable_set_text (GTK_EDITABLE (ahi_customers_view_get_search_entry (desk->view)), text);
  ui_wait_until (view_idle, desk);
}

/* Lets the rows settle into their layout before the picture is taken. */
static void
screenshot (Desk       *desk,
            const char *name)
{
  g_autofree char *path = NULL;

  ui_wait (300);
  path = ui_screenshot (GTK_WIDGET (desk->window), name);
  g_test_message ("screenshot %s", path);
}

static guint
n_rows (Desk *desk)
{
  return g_list_model_get_n_items (ahi_customers_view_get_model (desk->view));
}

static AhiCustomerItem *
item_at (Desk *desk,
         guint i)
{
  AhiCustomerItem *item = g_list_model_get_item (ahi_customers_view_get_model (desk->view), i);

  g_assert_nonnull (item);
  /* The model keeps it alive; the tests only read it. */
  g_object_unref (item);
  return item;
}

static const char *
row_name (Desk *desk,
          guint i)
{
  return ahi_customer_item_get_name (item_at (desk, i));
}

/* The widget drawing the row of customer_id, NULL when it is not on
 * screen (the list view makes widgets for the visible rows only). */
static GtkWidget *
find_named (GtkWidget  *widget,
            const char *name)
{
  if (g_strcmp0 (gtk_widget_get_name (widget), name) == 0)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_named (child, name);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* What row i shows on screen: its name label and its subtitle, with the
 * no-break spaces (which keep a number or a date on one line) read as
 * the spaces they are to the reader. The row must be on screen. */
static void
shown_row (Desk  *desk,
           guint  i,
           char **out_name,
           char **out_subtitle)
{
  GtkWidget *box = find_named (GTK_WIDGET (ahi_customers_view_get_list_view (desk->view)),
                               ahi_customer_item_get_id (item_at (desk, i)));
  GtkWidget *name, *subtitle;
  g_auto(GStrv) parts = NULL;

  g_assert_nonnull (box);
  g_assert_true (gtk_widget_get_mapped (box));
  name = gtk_widget_get_first_child (box);
  subtitle = gtk_widget_get_next_sibling (name);
  *out_name = g_strdup (gtk_label_get_text (GTK_LABEL (name)));
  parts = g_strsplit (gtk_label_get_text (GTK_LABEL (subtitle)), "\xc2\xa0", -1);
  *out_subtitle = g_strjoinv (" ", parts);
}

/* Whether a word of the folded text starts with prefix: how the search
 * matches (every typed word is a prefix of a word of the key). */
static gboolean
has_word_prefix (const char *folded,
                 const char *prefix)
{
  g_auto(GStrv) words = g_strsplit (folded, " ", -1);

  for (guint i = 0; words[i] != NULL; i++)
    if (g_str_has_prefix (words[i], prefix))
      return TRUE;
  return FALSE;
}

/* The people of the database whose name has a word starting with the
 * folded prefix, counted here one by one over every live customer. */
static guint
count_named (AhiStore   *store,
             const char *folded_prefix)
{
  AhiDb *db = ahi_store_get_db (store);
  g_autoptr(GError) error = NULL;
  sqlite3_stmt *stmt = ahi_db_prepare (db, "SELECT full_name FROM customers WHERE erased_at IS NULL", &error);
  guint n = 0;

  g_assert_no_error (error);
  while (ahi_db_step_row (db, stmt, &error))
    {
      g_autofree char *folded = ahi_fold ((const char *) sqlite3_column_text (stmt, 0));
      n += has_word_prefix (folded, folded_prefix) ? 1 : 0;
    }
  g_assert_no_error (error);
  return n;
}

/* "+905321234567" grouped by hand the Turkish way: "+90 532 123 45 67". */
static char *
grouped (const char *e164)
{
  g_assert_cmpuint (strlen (e164), ==, 13);
  g_assert_true (g_str_has_prefix (e164, "+90"));
  return g_strdup_printf ("+90 %.3s %.3s %.2s %.2s", e164 + 3, e164 + 6, e164 + 9, e164 + 11);
}

/* Turkish capitals written out here: "i" is "İ" and "ı" is "I". */
static char *
turkish_up (const char *word)
{
  GString *out = g_string_new (NULL);

  for (const char *p = word; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c == 'i')
        g_string_append (out, "İ");
      else if (c == 0x131)
        g_string_append_c (out, 'I');
      else
        g_string_append_unichar (out, g_unichar_toupper (c));
    }
  return g_string_free (out, FALSE);
}

static gboolean
is_ascii_lower (const char *text)
{
  for (const char *p = text; *p != '\0'; p++)
    if ((guchar) *p >= 0x80 || g_ascii_isupper (*p))
      return FALSE;
  return TRUE;
}

/* --------------------------------------------------------------- tests */

static void
test_list (void)
{
  Desk desk = { 0 };
  g_autofree char *first_name = NULL;
  g_autofree char *first_phone = NULL;
  g_autofree char *fiftieth = NULL;
  g_autofree char *expected_phone = NULL;
  g_autofree char *visited_id = NULL;
  g_autofree char *visited_at = NULL;
  g_autofree char *shown_name = NULL;
  g_autofree char *subtitle = NULL;

  ahi_i18n_init ("tr");
  desk_open (&desk, ui_business_new ("hair_beauty", 300), 1280, 800);

  /* 300 made, none erased: more than one page of 50, so the list shows
   * exactly the first 50 in creation (id) order and says more exist. */
  g_assert_cmpint (fx_int (desk.store, "SELECT count(*) FROM customers WHERE erased_at IS NULL"), ==, 300);
  g_assert_cmpint (AHI_CUSTOMERS_VIEW_LIMIT, ==, 50);
  g_assert_cmpstr (ahi_customers_view_get_state (desk.view), ==, "list");
  g_assert_cmpuint (n_rows (&desk), ==, 50);
  g_assert_nonnull (strstr (ahi_customers_view_get_summary (desk.view), "50"));

  first_name = fx_text (desk.store, "SELECT full_name FROM customers WHERE erased_at IS NULL ORDER BY customer_id LIMIT 1");
  fiftieth = fx_text (desk.store, "SELECT full_name FROM customers WHERE erased_at IS NULL"
                                  " ORDER BY customer_id LIMIT 1 OFFSET 49");
  g_assert_cmpstr (row_name (&desk, 0), ==, first_name);
  g_assert_cmpstr (row_name (&desk, 49), ==, fiftieth);

  /* On screen, the first row: the name, and the phone number grouped
   * for reading first on the line under it. */
  first_phone = fx_text (desk.store, "SELECT phone FROM customers WHERE erased_at IS NULL ORDER BY customer_id LIMIT 1");
  expected_phone = grouped (first_phone);
  shown_row (&desk, 0, &shown_name, &subtitle);
  g_test_message ("first row: %s — %s", shown_name, subtitle);
  g_assert_cmpstr (shown_name, ==, first_name);
  g_assert_true (g_str_has_prefix (subtitle, expected_phone));

  /* One of the first rows (all on screen at 800 px) whose customer
   * came: the day of their last visit, in Istanbul (UTC+3 all year
   * since 2016), with its Turkish month name. */
  visited_id = fx_text (desk.store, "SELECT customer_id FROM (SELECT customer_id, last_completed_at FROM customers"
                                    " WHERE erased_at IS NULL ORDER BY customer_id LIMIT 5)"
                                    " WHERE last_completed_at IS NOT NULL LIMIT 1");
  g_assert_nonnull (visited_id);
  {
    static const char * const months[] = { "Ocak", "Şubat", "Mart", "Nisan", "Mayıs", "Haziran", "Temmuz",
                                           "Ağustos", "Eylül", "Ekim", "Kasım", "Aralık" };
    g_autofree char *sql = g_strdup_printf ("SELECT last_completed_at + 3 * 3600 FROM customers"
                                            " WHERE customer_id = '%s'", visited_id);
    g_autoptr(GDateTime) local = g_date_time_new_from_unix_utc (fx_int (desk.store, sql));
    guint index = 0;

    visited_at = g_strdup_printf ("%d %s %d", g_date_time_get_day_of_month (local),
                                  months[g_date_time_get_month (local) - 1], g_date_time_get_year (local));
    while (index < 5 && !g_str_equal (ahi_customer_item_get_id (item_at (&desk, index)), visited_id))
      index++;
    g_assert_cmpuint (index, <, 5);
    g_clear_pointer (&shown_name, g_free);
    g_clear_pointer (&subtitle, g_free);
    shown_row (&desk, index, &shown_name, &subtitle);
    g_test_message ("visited: %s — %s (expected %s)", shown_name, subtitle, visited_at);
    g_assert_nonnull (strstr (subtitle, visited_at));
  }

  screenshot (&desk, "customers-laptop-hair_beauty-tr");
  desk_close (&desk, TRUE);
}

static void
test_search_folds (void)
{
  Desk desk = { 0 };
  g_autofree char *name = NULL;
  g_autofree char *typed = NULL;
  g_autofree char *stored_word = NULL;
  guint expected;

  ahi_i18n_init ("tr");
  desk_open (&desk, ui_business_new ("hair_beauty", 300), 1280, 800);

  /* A real person whose name carries a dotless ı (which unicode61 keeps
   * apart from "i" and g_str_to_ascii turns into "?"), taking of those
   * names' words the one the most people share, so the search has a
   * set to find and not a single row. */
  {
    AhiDb *db = ahi_store_get_db (desk.store);
    g_autoptr(GError) error = NULL;
    sqlite3_stmt *stmt = ahi_db_prepare (db, "SELECT full_name FROM customers WHERE erased_at IS NULL AND"
                                             " instr (full_name, 'ı')"
                                             " ORDER BY customer_id", &error);
    g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);

    g_assert_no_error (error);
    while (ahi_db_step_row (db, stmt, &error))
      g_ptr_array_add (names, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
    g_assert_no_error (error);
    g_assert_cmpuint (names->len, >, 0);

    expected = 0;
    for (guint n = 0; n < names->len; n++)
      {
        g_auto(GStrv) words = g_strsplit (g_ptr_array_index (names, n), " ", -1);

        for (guint i = 0; words[i] != NULL; i++)
          {
            g_autofree char *folded = NULL;
            guint count;

            if (strstr (words[i], "ı") == NULL)
              continue;
            folded = ahi_fold (words[i]);
            count = count_named (desk.store, folded);
            if (count > expected)
              {
                expected = count;
                g_free (name);
                g_free (stored_word);
                g_free (typed);
                name = g_strdup (g_ptr_array_index (names, n));
                stored_word = g_strdup (words[i]);
                typed = g_steal_pointer (&folded);
              }
          }
      }
  }
  /* What a desk types on a keyboard without Turkish letters: the folded
   * word, plain lower-case ASCII, which differs from the stored one. */
  g_assert_true (is_ascii_lower (typed));
  g_assert_cmpstr (typed, !=, stored_word);
  g_test_message ("\"%s\" (from %s) should find %u", typed, name, expected);
  g_assert_cmpuint (expected, >=, 1);
  g_assert_cmpuint (expected, <=, AHI_CUSTOMERS_VIEW_LIMIT);

  /* Every row shown has the word in its name, and nobody is missing. */
  search (&desk, typed);
  g_assert_cmpstr (ahi_customers_view_get_state (desk.view), ==, "list");
  g_assert_cmpuint (n_rows (&desk), ==, expected);
  {
    gboolean found_name = FALSE;

    for (guint i = 0; i < expected; i++)
      {
        g_autofree char *folded = ahi_fold (row_name (&desk, i));

        g_assert_true (has_word_prefix (folded, typed));
        found_name |= g_str_equal (row_name (&desk, i), name);
      }
    g_assert_true (found_name);
  }
  screenshot (&desk, "customers-laptop-search-tr");

  /* As stored, with its Turkish letters, and in Turkish capitals
   * ("IŞIL"), the same people come. */
  search (&desk, stored_word);
  g_assert_cmpuint (n_rows (&desk), ==, expected);
  {
    g_autofree char *capitals = turkish_up (stored_word);

    g_test_message ("capitals: %s", capitals);
    search (&desk, capitals);
    g_assert_cmpuint (n_rows (&desk), ==, expected);
  }

  /* Escape empties the search and brings the first page back. */
  g_signal_emit_by_name (ahi_customers_view_get_search_entry (desk.view), "stop-search");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (ahi_customers_view_get_search_entry (desk.view))), ==, "");
  ui_wait_until (view_idle, &desk);
  g_assert_cmpuint (n_rows (&desk), ==, 50);
  desk_close (&desk, TRUE);
}

static void
test_nobody_found (void)
{
  Desk desk = { 0 };
  AdwStatusPage *empty;

  ahi_i18n_init ("en");
  desk_open (&desk, ui_business_new ("hair_beauty", 40), 1280, 800);
  /* 40 made, fewer than a page of 50: the list holds them all. */
  g_assert_cmpuint (n_rows (&desk), ==, 40);
  g_assert_cmpstr (ahi_customers_view_get_summary (desk.view), ==, "40 customers");

  /* No name or number starts with "zzq"; the < and & are the desk's text
   * and must show as typed, not break the page's markup. */
  search (&desk, "zzq <b> & x");
  g_assert_cmpint (fx_int (desk.store, "SELECT count(*) FROM customers WHERE full_name LIKE '%zzq%'"), ==, 0);
  g_assert_cmpstr (ahi_customers_view_get_state (desk.view), ==, "empty");
  g_assert_cmpuint (n_rows (&desk), ==, 0);
  empty = ahi_customers_view_get_empty_page (desk.view);
  g_assert_cmpstr (adw_status_page_get_title (empty), ==, "Nobody found");
  g_assert_nonnull (strstr (adw_status_page_get_description (empty), "zzq &lt;b&gt; &amp; x"));
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (empty)));
  screenshot (&desk, "customers-laptop-nobody-en");

  search (&desk, "");
  g_assert_cmpstr (ahi_customers_view_get_state (desk.view), ==, "list");
  g_assert_cmpuint (n_rows (&desk), ==, 40);
  desk_close (&desk, TRUE);
}

/* The words are the sector's: a clinic searches patients, in Turkish
 * with the singular a Turkish object takes ("hasta ara"). */
static void
test_sector_words (void)
{
  Desk desk = { 0 };
  AhiStore *store = ui_business_new ("dental_esthetic", 60);
  g_autofree char *placeholder = NULL;
  g_autofree char *subtitle = NULL;
  g_autofree char *shown_name = NULL;

  ahi_i18n_init ("en");
  desk_open (&desk, store, 1280, 800);
  g_object_get (ahi_customers_view_get_search_entry (desk.view), "placeholder-text", &placeholder, NULL);
  g_assert_cmpstr (placeholder, ==, "Search patients");
  /* A clinic's visit is a treatment: the first row on screen of a
   * patient who came says so. */
  for (guint i = 0; i < 5 && subtitle == NULL; i++)
    if (ahi_customer_item_get_last_visit (item_at (&desk, i)) != NULL)
      shown_row (&desk, i, &shown_name, &subtitle);
  g_assert_nonnull (subtitle);
  g_test_message ("%s — %s", shown_name, subtitle);
  g_assert_nonnull (strstr (subtitle, " · Last treatment: "));
  screenshot (&desk, "customers-laptop-dental_esthetic-en");
  desk_close (&desk, FALSE);
  g_clear_pointer (&placeholder, g_free);

  ahi_i18n_init ("tr");
  desk_open (&desk, store, 360, 720);
  g_object_get (ahi_customers_view_get_search_entry (desk.view), "placeholder-text", &placeholder, NULL);
  g_test_message ("placeholder: %s", placeholder);
  g_assert_nonnull (strstr (placeholder, "hasta"));
  g_assert_null (strstr (placeholder, "hastalar"));
  screenshot (&desk, "customers-phone-dental_esthetic-tr");

  /* The owner makes the clinic a salon: the same page now searches
   * customers ("müşteri"), and shows the same people again. */
  {
    g_autoptr(GError) error = NULL;
    GtkWidget *page;

    g_assert_true (ahi_context_change_sector (desk.context, "hair_beauty", &error));
    g_assert_no_error (error);
    g_assert_true (ahi_window_show_module (desk.window, "customers"));
    page = adw_view_stack_get_child_by_name (ADW_VIEW_STACK (ahi_window_get_stack (desk.window)), "customers");
    g_assert_true (page == GTK_WIDGET (desk.view));
    ui_wait_until (view_idle, &desk);
    g_clear_pointer (&placeholder, g_free);
    g_object_get (ahi_customers_view_get_search_entry (desk.view), "placeholder-text", &placeholder, NULL);
    g_test_message ("placeholder: %s", placeholder);
    g_assert_nonnull (strstr (placeholder, "müşteri"));
    g_assert_null (strstr (placeholder, "müşteriler"));
    g_assert_cmpuint (n_rows (&desk), ==, 50);
  }
  desk_close (&desk, TRUE);
}

/* A customer added elsewhere shows after the context's "changed", at
 * once when the list is on screen, and when it comes back into view
 * when it was not. */
static void
test_follows_changes (void)
{
  Desk desk = { 0 };
  g_autoptr(GError) error = NULL;
  gint64 at = fx_time (UI_NOW_UTC);

  ahi_i18n_init ("tr");
  desk_open (&desk, ui_business_new ("hair_beauty", 40), 360, 720);

  search (&desk, "zeytinoglu");
  g_assert_cmpstr (ahi_customers_view_get_state (desk.view), ==, "empty");

  fx_append (desk.store, "customer.created", "01900000-0000-7000-8000-0000000000c1", at, "{\"source\":\"phone\"}",
             "{\"full_name\":\"Ümmühan Zeytinoğlu\",\"phone\":\"+905320001122\"}");
  g_assert_true (ahi_context_reload (desk.context, &error));
  g_assert_no_error (error);
  g_assert_false (ahi_customers_view_is_idle (desk.view));
  ui_wait_until (view_idle, &desk);
  g_assert_cmpuint (n_rows (&desk), ==, 1);
  g_assert_cmpstr (row_name (&desk, 0), ==, "Ümmühan Zeytinoğlu");
  /* Never came: the phone number alone. */
  {
    g_autofree char *shown_name = NULL;
    g_autofree char *subtitle = NULL;

    shown_row (&desk, 0, &shown_name, &subtitle);
    g_assert_cmpstr (shown_name, ==, "Ümmühan Zeytinoğlu");
    g_assert_cmpstr (subtitle, ==, "+90 532 000 11 22");
  }
  ui_wait (300);
  screenshot (&desk, "customers-phone-search-tr");

  /* Off screen, the list waits; back on screen, it asks again. */
  g_assert_true (ahi_window_show_module (desk.window, "command_center"));
  ui_wait (300);
  g_assert_false (gtk_widget_get_mapped (GTK_WIDGET (desk.view)));
  fx_append (desk.store, "customer.created", "01900000-0000-7000-8000-0000000000c2", at, "{\"source\":\"phone\"}",
             "{\"full_name\":\"Şahin Zeytinoğlu\",\"phone\":\"+905320003344\"}");
  g_assert_true (ahi_context_reload (desk.context, &error));
  g_assert_no_error (error);
  ui_wait_until (center_idle, &desk);
  g_assert_false (ahi_customers_view_is_idle (desk.view));
  g_assert_true (ahi_window_show_module (desk.window, "customers"));
  ui_wait_until (view_idle, &desk);
  g_assert_cmpuint (n_rows (&desk), ==, 2);
  desk_close (&desk, TRUE);
}

typedef struct {
  GListModel *model;
  GError     *error;
  gboolean    done;
} Answer;

static void
on_answer_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      data)
{
  Answer *answer = data;

  answer->model = ahi_context_search_customers_finish (AHI_CONTEXT (source), result, NULL, &answer->error);
  answer->done = TRUE;
}

static gboolean
answered (gpointer data)
{
  Answer *answers = data;

  return answers[0].done && answers[1].done;
}

/* A search replaced by the next one never delivers its rows: the desk
 * would otherwise see "a…" names under "isil". */
static void
test_cancelled_search (void)
{
  AhiStore *store = ui_business_new ("hair_beauty", 60);
  g_autoptr(GError) error = NULL;
  g_autoptr(AhiContext) context = ahi_context_new (store, &error);
  g_autoptr(GCancellable) first = g_cancellable_new ();
  Answer answers[2] = { { 0 } };
  g_autofree char *name = NULL;
  g_autofree char *typed = NULL;

  g_assert_no_error (error);
  name = fx_text (store, "SELECT full_name FROM customers WHERE erased_at IS NULL ORDER BY customer_id LIMIT 1");
  typed = ahi_fold (name);

  ahi_context_search_customers_async (context, "a", 10, first, on_answer_cb, &answers[0]);
  g_cancellable_cancel (first);
  ahi_context_search_customers_async (context, typed, 10, NULL, on_answer_cb, &answers[1]);
  ui_wait_until (answered, answers);

  g_assert_error (answers[0].error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (answers[0].model);
  g_assert_no_error (answers[1].error);
  g_assert_cmpuint (g_list_model_get_n_items (answers[1].model), >=, 1);
  for (guint i = 0; i < g_list_model_get_n_items (answers[1].model); i++)
    {
      g_autoptr(AhiCustomerItem) item = g_list_model_get_item (answers[1].model, i);
      g_autofree char *folded = ahi_fold (ahi_customer_item_get_name (item));
      g_auto(GStrv) words = g_strsplit (typed, " ", -1);

      /* Every typed word starts a word of the name, in any order. */
      for (guint w = 0; words[w] != NULL; w++)
        g_assert_true (has_word_prefix (folded, words[w]));
    }
  g_clear_error (&answers[0].error);
  g_clear_object (&answers[1].model);
  g_assert_finalize_object (g_steal_pointer (&context));
  fx_store_free (store);
}

int
main (int    argc,
      char **argv)
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  ahi_app_module_init ();

  g_test_add_func ("/app/customers/list", test_list);
  g_test_add_func ("/app/customers/search-folds", test_search_folds);
  g_test_add_func ("/app/customers/nobody-found", test_nobody_found);
  g_test_add_func ("/app/customers/sector-words", test_sector_words);
  g_test_add_func ("/app/customers/follows-changes", test_follows_changes);
  g_test_add_func ("/app/customers/cancelled-search", test_cancelled_search);
  return g_test_run ();
}
