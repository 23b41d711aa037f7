/* test-window.c — the main window in a real display (Xvfb)
 *
 * What the front desk relies on: on a laptop the sidebar lists the
 * blueprint's modules and the Command Center shows its KPI row; on a
 * 360 px phone the leaflet folds and a bottom switcher of at most five
 * pages appears with no label cut short; a sector change re-shapes the
 * words, the KPIs and the cards; a card's button appends its events with
 * the person at the desk as actor. Screenshots of both sizes, both
 * sectors and both languages land in the build folder.
 */
#include <json-glib/json-glib.h>

#include "ahi-test-ui.h"
#include "../store/ahi-test-fixture.h"
#include "app/ahi-action-card.h"
#include "app/ahi-application.h"
#include "app/ahi-command-center-view.h"
#include "app/ahi-i18n.h"
#include "app/ahi-kpi-tile.h"
#include "app/ahi-window.h"

/* ------------------------------------------------------------- helpers */

/* The blueprint as shipped, read here from its JSON file and not through
 * the code under test. */
static JsonObject *
shipped_blueprint (const char *sector)
{
  g_autofree char *file = g_strconcat (sector, ".json", NULL);
  g_autofree char *path = g_build_filename (g_getenv ("AHI_SOURCE_ROOT"), "data", "blueprints", file, NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_file (parser, path, &error);
  g_assert_no_error (error);
  return json_object_ref (json_node_get_object (json_parser_get_root (parser)));
}

static GPtrArray *
shipped_list (const char *sector,
              const char *member)
{
  g_autoptr(JsonObject) blueprint = shipped_blueprint (sector);
  JsonArray *array = json_object_get_array_member (blueprint, member);
  GPtrArray *list = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < json_array_get_length (array); i++)
    g_ptr_array_add (list, g_strdup (json_array_get_string_element (array, i)));
  return list;
}

typedef struct {
  AhiStore   *store;
  AhiContext *context;
  AhiWindow  *window;
} Desk;

static gboolean
desk_idle (gpointer data)
{
  Desk *desk = data;
  GtkWidget *center = ahi_window_get_command_center (desk->window);

  return center != NULL && ahi_command_center_view_is_idle (AHI_COMMAND_CENTER_VIEW (center));
}

static void
desk_open (Desk       *desk,
           AhiStore   *store,
           int         width,
           int         height)
{
  g_autoptr(GError) error = NULL;

  desk->store = store;
  desk->context = ahi_context_new (store, &error);
  g_assert_no_error (error);
  ahi_context_set_now (desk->context, fx_time (UI_NOW_UTC));
  desk->window = ahi_window_new (NULL, desk->context);
  gtk_window_set_default_size (GTK_WINDOW (desk->window), width, height);
  gtk_window_present (GTK_WINDOW (desk->window));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (desk->window));
  ui_wait_until (desk_idle, desk);
  /* Leaflet transitions and the first layout of the loaded cards. */
  ui_wait (500);
}

static void
desk_close (Desk     *desk,
            gboolean  free_store)
{
  gtk_window_destroy (GTK_WINDOW (desk->window));
  ui_wait (50);
  g_assert_finalize_object (desk->context);
  if (free_store)
    fx_store_free (desk->store);
}

static GPtrArray *
tile_ids (Desk *desk)
{
  GtkWidget *center = ahi_window_get_command_center (desk->window);
  GtkWidget *box = ahi_command_center_view_get_kpi_box (AHI_COMMAND_CENTER_VIEW (center));
  GPtrArray *ids = g_ptr_array_new_with_free_func (g_free);

  for (GtkWidget *child = gtk_widget_get_first_child (box); child != NULL; child = gtk_widget_get_next_sibling (child))
    g_ptr_array_add (ids, g_strdup (ahi_kpi_tile_get_kpi_id (AHI_KPI_TILE (child))));
  return ids;
}

static GPtrArray *
card_kinds (Desk *desk)
{
  GtkWidget *center = ahi_window_get_command_center (desk->window);
  GtkWidget *box = ahi_command_center_view_get_cards_box (AHI_COMMAND_CENTER_VIEW (center));
  GPtrArray *kinds = g_ptr_array_new_with_free_func (g_free);

  for (GtkWidget *child = gtk_widget_get_first_child (box); child != NULL; child = gtk_widget_get_next_sibling (child))
    g_ptr_array_add (kinds, g_strdup (ahi_action_card_widget_get_kind (AHI_ACTION_CARD (child))));
  return kinds;
}

static gboolean
contains (GPtrArray  *list,
          const char *item)
{
  return g_ptr_array_find_with_equal_func (list, item, g_str_equal, NULL);
}

static void
assert_same_list (GPtrArray *got,
                  GPtrArray *expected)
{
  g_assert_cmpuint (got->len, ==, expected->len);
  for (guint i = 0; i < got->len; i++)
    g_assert_cmpstr (g_ptr_array_index (got, i), ==, g_ptr_array_index (expected, i));
}

static const char *
page_title (Desk       *desk,
            const char *module)
{
  GtkWidget *list = ahi_window_get_sidebar_list (desk->window);

  for (GtkWidget *row = gtk_widget_get_first_child (list); row != NULL; row = gtk_widget_get_next_sibling (row))
    if (g_strcmp0 (gtk_widget_get_name (row), module) == 0)
      {
        /* The row holds an icon, then the label. */
        GtkWidget *box = gtk_list_box_row_get_child (GTK_LIST_BOX_ROW (row));
        return gtk_label_get_label (GTK_LABEL (gtk_widget_get_last_child (box)));
      }
  return NULL;
}

static guint
count_ellipsized_labels (GtkWidget *widget)
{
  guint n = 0;

  if (GTK_IS_LABEL (widget) && gtk_widget_get_mapped (widget) &&
      pango_layout_is_ellipsized (gtk_label_get_layout (GTK_LABEL (widget))))
    {
      g_test_message ("cut short: \"%s\"", gtk_label_get_label (GTK_LABEL (widget)));
      n++;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    n += count_ellipsized_labels (child);
  return n;
}

static guint
visible_pages (GtkWidget *stack)
{
  g_autoptr(GtkSelectionModel) pages = adw_view_stack_get_pages (ADW_VIEW_STACK (stack));
  guint n = 0;

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (pages)); i++)
    {
      g_autoptr(AdwViewStackPage) page = g_list_model_get_item (G_LIST_MODEL (pages), i);
      n += adw_view_stack_page_get_visible (page) ? 1 : 0;
    }
  return n;
}

/* The first number in a text, its thousands grouped or not
 * ("Çevrimdışı · 12.786 değişiklik bekliyor"). */
static gint64
number_in (const char *text)
{
  const char *p = text;
  gint64 n = 0;

  while (*p != '\0' && !g_ascii_isdigit (*p))
    p++;
  g_assert_true (g_ascii_isdigit (*p));
  for (; g_ascii_isdigit (*p) || ((*p == '.' || *p == ',') && g_ascii_isdigit (p[1])); p++)
    if (g_ascii_isdigit (*p))
      n = n * 10 + (*p - '0');
  return n;
}

/* --------------------------------------------------------------- tests */

static void
test_laptop (void)
{
  Desk desk = { 0 };
  g_autoptr(GPtrArray) modules = shipped_list ("hair_beauty", "modules");
  g_autoptr(GPtrArray) kpis = shipped_list ("hair_beauty", "kpis");
  g_autoptr(GPtrArray) tiles = NULL;
  GtkWidget *list;
  guint i = 0;

  ahi_i18n_init ("tr");
  desk_open (&desk, ui_business_new ("hair_beauty", 300), 1280, 800);

  g_assert_false (adw_leaflet_get_folded (ADW_LEAFLET (ahi_window_get_leaflet (desk.window))));
  g_assert_false (adw_view_switcher_bar_get_reveal (ADW_VIEW_SWITCHER_BAR (ahi_window_get_switcher_bar (desk.window))));

  /* The sidebar: every module of the blueprint, in its order. */
  list = ahi_window_get_sidebar_list (desk.window);
  g_assert_true (gtk_widget_get_mapped (list));
  for (GtkWidget *row = gtk_widget_get_first_child (list); row != NULL; row = gtk_widget_get_next_sibling (row), i++)
    g_assert_cmpstr (gtk_widget_get_name (row), ==, g_ptr_array_index (modules, i));
  g_assert_cmpuint (i, ==, modules->len);
  /* Turkish first: the salon's third module is its customers. */
  g_assert_cmpstr (page_title (&desk, "customers"), ==, "Müşteriler");

  /* The KPI row: the blueprint's set, in its order. */
  tiles = tile_ids (&desk);
  assert_same_list (tiles, kpis);
  g_assert_cmpstr (ahi_window_get_module (desk.window), ==, "command_center");

  g_free (ui_screenshot (GTK_WIDGET (desk.window), "laptop-hair_beauty-tr"));
  desk_close (&desk, TRUE);
}

static void
test_phone (void)
{
  Desk desk = { 0 };
  GtkWidget *bar;

  ahi_i18n_init ("tr");
  desk_open (&desk, ui_business_new ("dental_esthetic", 200), 360, 720);

  g_assert_true (adw_leaflet_get_folded (ADW_LEAFLET (ahi_window_get_leaflet (desk.window))));
  /* The window fits the phone: nothing asks for more than 360 px. */
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (desk.window)), <=, 360);
  bar = ahi_window_get_switcher_bar (desk.window);
  g_assert_true (adw_view_switcher_bar_get_reveal (ADW_VIEW_SWITCHER_BAR (bar)));
  g_assert_true (gtk_widget_get_mapped (bar));
  /* The clinic has eight modules: three on the bar and "More". */
  g_assert_cmpuint (visible_pages (ahi_window_get_stack (desk.window)), ==, 4);
  g_assert_cmpuint (count_ellipsized_labels (bar), ==, 0);
  /* The sidebar is gone and the Command Center is what shows. */
  g_assert_false (gtk_widget_get_mapped (ahi_window_get_sidebar_list (desk.window)));
  g_assert_cmpstr (ahi_window_get_module (desk.window), ==, "command_center");

  /* A module past the bar is reached through "More". */
  g_assert_true (ahi_window_show_module (desk.window, "settings"));
  ui_wait (300);
  g_assert_cmpstr (adw_view_stack_get_visible_child_name (ADW_VIEW_STACK (ahi_window_get_stack (desk.window))), ==, "more");

  g_free (ui_screenshot (GTK_WIDGET (desk.window), "phone-settings-dental_esthetic-tr"));
  desk_close (&desk, TRUE);
}

static void
test_sector_switch (void)
{
  Desk desk = { 0 };
  g_autoptr(GPtrArray) dental_kpis = shipped_list ("dental_esthetic", "kpis");
  g_autoptr(GPtrArray) before = NULL;
  g_autoptr(GPtrArray) after = NULL;
  g_autoptr(GPtrArray) tiles = NULL;
  g_autoptr(GError) error = NULL;

  ahi_i18n_init ("tr");
  desk_open (&desk, ui_business_new ("hair_beauty", 300), 1280, 800);
  before = card_kinds (&desk);
  /* A salon's own card is the rebooking of its regulars. */
  g_assert_true (contains (before, "rebook"));
  g_assert_cmpstr (page_title (&desk, "customers"), ==, "Müşteriler");

  g_assert_true (ahi_context_change_sector (desk.context, "dental_esthetic", &error));
  g_assert_no_error (error);
  ui_wait_until (desk_idle, &desk);
  ui_wait (300);

  /* The same business, now a clinic: its words, its KPIs, its cards. */
  g_assert_cmpstr (page_title (&desk, "customers"), ==, "Hastalar");
  tiles = tile_ids (&desk);
  assert_same_list (tiles, dental_kpis);
  after = card_kinds (&desk);
  g_assert_false (contains (after, "rebook"));
  g_assert_cmpint (fx_int (desk.store, "SELECT count(*) FROM tenant_event_logs WHERE type = 'blueprint.updated'"
                                       " AND json_extract(payload, '$.sector') = 'dental_esthetic'"), ==, 1);
  desk_close (&desk, TRUE);
}

static void
test_action_appends_events (void)
{
  Desk desk = { 0 };
  GtkWidget *center, *first;
  g_autofree char *kind = NULL;
  gint64 events_before, owner_events, waiting_before;

  ahi_i18n_init ("tr");
  desk_open (&desk, ui_business_new ("hair_beauty", 300), 1280, 800);
  center = ahi_window_get_command_center (desk.window);
  first = gtk_widget_get_first_child (ahi_command_center_view_get_cards_box (AHI_COMMAND_CENTER_VIEW (center)));
  g_assert_nonnull (first);
  kind = g_strdup (ahi_action_card_widget_get_kind (AHI_ACTION_CARD (first)));
  events_before = fx_int (desk.store, "SELECT max(seq) FROM tenant_event_logs");
  waiting_before = number_in (ahi_window_get_sync_text (desk.window));

  g_signal_emit_by_name (ahi_action_card_widget_get_button (AHI_ACTION_CARD (first)), "clicked");
  ui_wait_until (desk_idle, &desk);
  g_test_message ("acted on %s", kind);

  /* The tap appended events, every one of them acted by the one at the
   * desk (the owner, until somebody else signs in with a PIN). */
  {
    g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM tenant_event_logs WHERE seq > %" G_GINT64_FORMAT,
                                            events_before);
    g_autofree char *owner_sql = g_strdup_printf ("SELECT count(*) FROM tenant_event_logs WHERE seq > %" G_GINT64_FORMAT
                                                  " AND actor_user_id = '%s' AND actor_role = 'owner'",
                                                  events_before, ahi_context_get_actor_id (desk.context));
    gint64 appended = fx_int (desk.store, sql);

    owner_events = fx_int (desk.store, owner_sql);
    g_assert_cmpint (appended, >, 0);
    g_assert_cmpint (owner_events, ==, appended);
    /* The header counts them as waiting for sync, each one. */
    g_assert_cmpint (number_in (ahi_window_get_sync_text (desk.window)), ==, waiting_before + appended);
  }
  desk_close (&desk, TRUE);
}

/* Both sizes, both sectors, both languages, for a person to look at. */
static void
test_screenshots (void)
{
  const char * const languages[] = { "tr", "en" };
  const char * const sectors[] = { "hair_beauty", "dental_esthetic" };
  const struct { const char *name; int width, height; } sizes[] = {
    { "laptop", 1280, 800 },
    { "phone", 360, 720 },
  };

  for (guint s = 0; s < G_N_ELEMENTS (sectors); s++)
    {
      AhiStore *store = ui_business_new (sectors[s], 200);

      for (guint l = 0; l < G_N_ELEMENTS (languages); l++)
        for (guint z = 0; z < G_N_ELEMENTS (sizes); z++)
          {
            Desk desk = { 0 };
            g_autofree char *name = g_strdup_printf ("%s-%s-%s", sizes[z].name, sectors[s], languages[l]);
            g_autofree char *path = NULL;

            ahi_i18n_init (languages[l]);
            desk_open (&desk, store, sizes[z].width, sizes[z].height);
            path = ui_screenshot (GTK_WIDGET (desk.window), name);
            g_test_message ("screenshot %s", path);
            desk_close (&desk, FALSE);
          }
      fx_store_free (store);
    }
}

int
main (int    argc,
      char **argv)
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  ahi_app_module_init ();

  g_test_add_func ("/app/window/laptop", test_laptop);
  g_test_add_func ("/app/window/phone", test_phone);
  g_test_add_func ("/app/window/sector-switch", test_sector_switch);
  g_test_add_func ("/app/window/action-appends-events", test_action_appends_events);
  g_test_add_func ("/app/window/screenshots", test_screenshots);
  return g_test_run ();
}
