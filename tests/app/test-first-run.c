/* test-first-run.c — the first run in a real display (Xvfb)
 *
 * What the desk relies on: three fields make a working offline business
 * (its name, its sector's blueprint, the opening hours it chose, the
 * starter menu) and the main window then shows its Command Center; a bad
 * name is explained next to the field and creates nothing; the preview
 * follows the sector as it is chosen; a demo opens, made once; the next
 * start opens the business again with the window's saved size, and a
 * business that no longer opens brings the first run back without
 * leaving a stray file. The application runs for real (registered,
 * activated, or run with a command line); its data and settings live in
 * a temporary home (XDG_DATA_HOME, XDG_CONFIG_HOME, GSETTINGS_BACKEND
 * memory), never in the real one.
 */
#include <string.h>

#include <json-glib/json-glib.h>
#include <glib/gstdio.h>

#include "ahi-test-ui.h"
#include "../store/ahi-test-fixture.h"
#include "app/ahi-application.h"
#include "app/ahi-command-center-view.h"
#include "app/ahi-first-run.h"
#include "app/ahi-i18n.h"
#include "app/ahi-window.h"
#include "store/ahi-business-create.h"

static char *test_home;

/* ------------------------------------------------------------- helpers */

/* The blueprint as shipped, read from its JSON file and not through the
 * code under test. */
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

static guint
shipped_count (const char *sector,
               const char *member)
{
  g_autoptr(JsonObject) blueprint = shipped_blueprint (sector);

  return json_array_get_length (json_object_get_array_member (blueprint, member));
}

static char *
data_dir (void)
{
  return g_build_filename (g_get_user_data_dir (), "ahi-desk", NULL);
}

static void
remove_tree (const char *path)
{
  if (g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
      const char *name;

      while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);
          remove_tree (child);
        }
      g_rmdir (path);
    }
  else
    g_remove (path);
}

/* The files in the data folder, sorted. */
static GPtrArray *
data_files (void)
{
  g_autofree char *dir_path = data_dir ();
  g_autoptr(GDir) dir = g_dir_open (dir_path, 0, NULL);
  GPtrArray *files = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    g_ptr_array_add (files, g_strdup (name));
  g_ptr_array_sort (files, (GCompareFunc) g_strcmp0);
  return files;
}

/* The settings as stored, read through GSettings and not the app's
 * wrapper. Every test starts from the schema's defaults and an empty
 * data folder. */
static GSettings *
stored_settings (void)
{
  return g_settings_new (AHI_APP_ID);
}

static void
fresh_start (const char *language)
{
  g_autoptr(GSettings) settings = stored_settings ();
  g_autofree char *dir = data_dir ();
  const char *keys[] = { "last-business", "window-width", "window-height", "window-maximized", "language" };

  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    g_settings_reset (settings, keys[i]);
  remove_tree (dir);
  /* The app takes its language from the settings when the command line
   * names none. */
  g_settings_set_string (settings, "language", language);
}

static GtkWindow *
find_window (AhiApplication *app,
             GType           type)
{
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (app)); l != NULL; l = l->next)
    if (G_TYPE_CHECK_INSTANCE_TYPE (l->data, type))
      return l->data;
  return NULL;
}

/* What a test does with the app while it runs. */
typedef void (*AppBody) (AhiApplication *app,
                         gpointer        data);

typedef struct {
  AppBody  body;
  gpointer data;
  GType    first_window;
  gboolean ran;
} Run;

static void
on_activate_cb (GApplication *app,
                Run          *run)
{
  if (run->ran)
    return;
  run->ran = TRUE;
  if (run->body != NULL)
    run->body (AHI_APPLICATION (app), run->data);
  g_application_quit (app);
}

static void
on_window_added_cb (GtkApplication *app,
                    GtkWindow      *window,
                    Run            *run)
{
  if (run->first_window == G_TYPE_INVALID)
    run->first_window = G_OBJECT_TYPE (window);
}

/* Runs the app as `ahi ARGS…` would, and body once it is activated (the
 * app has shown its first window); returns the exit status and the type
 * of the first window shown. A whole run, startup to shutdown, as a
 * desktop starts and quits it. */
static int
run_app (const char * const *args,
         AppBody             body,
         gpointer            data,
         GType              *first_window)
{
  AhiApplication *app = ahi_application_new ();
  Run run = { body, data, G_TYPE_INVALID, FALSE };
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  GList *windows;
  int status;

  g_ptr_array_add (argv, (gpointer) "ahi");
  for (guint i = 0; args != NULL && args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);

  g_signal_connect_after (app, "activate", G_CALLBACK (on_activate_cb), &run);
  g_signal_connect (app, "window-added", G_CALLBACK (on_window_added_cb), &run);
  status = g_application_run (G_APPLICATION (app), (int) argv->len - 1, (char **) argv->pdata);

  windows = g_list_copy (gtk_application_get_windows (GTK_APPLICATION (app)));
  for (GList *l = windows; l != NULL; l = l->next)
    gtk_window_destroy (l->data);
  g_list_free (windows);
  ui_wait (50);
  g_assert_finalize_object (app);
  if (first_window != NULL)
    *first_window = run.first_window;
  return status;
}

static AhiFirstRun *
shown_first_run (AhiApplication *app,
                 int             width,
                 int             height)
{
  AhiFirstRun *first_run = (AhiFirstRun *) find_window (app, AHI_TYPE_FIRST_RUN);

  g_assert_nonnull (first_run);
  gtk_window_set_default_size (GTK_WINDOW (first_run), width, height);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (first_run));
  ui_wait (300);
  return first_run;
}

/* Chooses the combo row's item whose text is label, as a person would. */
static void
choose (GtkWidget  *combo_row,
        const char *label)
{
  GListModel *model = adw_combo_row_get_model (ADW_COMBO_ROW (combo_row));

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    if (g_str_equal (gtk_string_list_get_string (GTK_STRING_LIST (model), i), label))
      {
        adw_combo_row_set_selected (ADW_COMBO_ROW (combo_row), i);
        return;
      }
  g_error ("no item \"%s\"", label);
}

static GPtrArray *
child_names (GtkWidget *box)
{
  GPtrArray *names = g_ptr_array_new_with_free_func (g_free);

  for (GtkWidget *child = gtk_widget_get_first_child (box); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      /* A flow box wraps each of its children. */
      GtkWidget *item = GTK_IS_FLOW_BOX_CHILD (child) ? gtk_flow_box_child_get_child (GTK_FLOW_BOX_CHILD (child)) : child;
      g_ptr_array_add (names, g_strdup (gtk_widget_get_name (item)));
    }
  return names;
}

static void
assert_same_list (GPtrArray *got,
                  GPtrArray *expected)
{
  g_assert_cmpuint (got->len, ==, expected->len);
  for (guint i = 0; i < got->len; i++)
    g_assert_cmpstr (g_ptr_array_index (got, i), ==, g_ptr_array_index (expected, i));
}

/* The label of a preview's module row: an icon, then the label. */
static const char *
preview_module_label (AhiFirstRun *first_run,
                      const char  *module)
{
  GtkWidget *box = ahi_first_run_get_preview_modules (first_run);

  for (GtkWidget *row = gtk_widget_get_first_child (box); row != NULL; row = gtk_widget_get_next_sibling (row))
    if (g_str_equal (gtk_widget_get_name (row), module))
      return gtk_label_get_label (GTK_LABEL (gtk_widget_get_last_child (row)));
  return NULL;
}

static gboolean
main_window_shown (gpointer data)
{
  return find_window (data, AHI_TYPE_WINDOW) != NULL;
}

static gboolean
main_window_idle (gpointer data)
{
  AhiWindow *window = (AhiWindow *) find_window (data, AHI_TYPE_WINDOW);
  GtkWidget *center = window != NULL ? ahi_window_get_command_center (window) : NULL;

  return center != NULL && ahi_command_center_view_is_idle (AHI_COMMAND_CENTER_VIEW (center));
}

/* The main window, once it took the first run's place and drew its
 * Command Center; prints how long it took from start (µs). */
static AhiWindow *
wait_for_main_window (AhiApplication *app,
                      gint64          start,
                      const char     *what)
{
  AhiWindow *window;

  ui_wait_until (main_window_shown, app);
  g_test_message ("%s: main window after %.0f ms", what, (g_get_monotonic_time () - start) / 1e3);
  ui_wait_until (main_window_idle, app);
  window = (AhiWindow *) find_window (app, AHI_TYPE_WINDOW);
  /* The first run is gone: one window. */
  g_assert_null (find_window (app, AHI_TYPE_FIRST_RUN));
  g_assert_cmpuint (g_list_length (gtk_application_get_windows (GTK_APPLICATION (app))), ==, 1);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  return window;
}

/* A screenshot of what is drawn once the pending layout is done (the
 * widget paints nothing while it waits for an allocation). */
static void
screenshot (GtkWidget  *window,
            const char *name)
{
  gtk_test_widget_wait_for_draw (window);
  g_free (ui_screenshot (window, name));
}

/* A second connection to the business's file, for the test's own SQL. */
static AhiStore *
open_again (const char *path)
{
  g_autoptr(GError) error = NULL;
  AhiStore *store = ahi_store_open (path, &error);

  g_assert_no_error (error);
  return store;
}

/* --------------------------------------------------------------- tests */

static void
preview_body (AhiApplication *app,
              gpointer        data)
{
  const struct {
    const char *name;       /* what the desk reads in the list (English) */
    const char *sector;
    const char *third;      /* the third module, in the sector's words */
    const char *third_id;
  } choices[] = {
    { "Dental and esthetic clinic", "dental_esthetic", "Patients", "customers" },
    { "Auto service", "auto_service", "Vehicles", "vehicles" },
    { "Hair and beauty salon", "hair_beauty", "Customers", "customers" },
  };
  AhiFirstRun *first_run;
  g_autoptr(GPtrArray) first = NULL;

  /* No business yet: the first run, and nothing else. */
  g_assert_null (find_window (app, AHI_TYPE_WINDOW));
  first_run = shown_first_run (app, 1280, 800);

  /* The first sector is chosen to begin with, and previewed already. */
  {
    g_autoptr(GPtrArray) expected = shipped_list (ahi_first_run_get_sector (first_run), "modules");

    first = child_names (ahi_first_run_get_preview_modules (first_run));
    assert_same_list (first, expected);
  }

  for (guint i = 0; i < G_N_ELEMENTS (choices); i++)
    {
      g_autoptr(GPtrArray) modules = NULL;
      g_autoptr(GPtrArray) kpis = NULL;
      g_autoptr(GPtrArray) shipped_modules = shipped_list (choices[i].sector, "modules");
      g_autoptr(GPtrArray) shipped_kpis = shipped_list (choices[i].sector, "kpis");

      choose (ahi_first_run_get_sector_row (first_run), choices[i].name);
      ui_wait (50);
      g_assert_cmpstr (ahi_first_run_get_sector (first_run), ==, choices[i].sector);

      /* The sector's modules and key figures, in its blueprint's order… */
      modules = child_names (ahi_first_run_get_preview_modules (first_run));
      assert_same_list (modules, shipped_modules);
      kpis = child_names (ahi_first_run_get_preview_kpis (first_run));
      assert_same_list (kpis, shipped_kpis);
      /* …in the sector's words. */
      g_assert_cmpstr (g_ptr_array_index (modules, 2), ==, choices[i].third_id);
      g_assert_cmpstr (preview_module_label (first_run, choices[i].third_id), ==, choices[i].third);
    }
  /* What changed between the salon and the clinic: the clinic's preview
   * had treatment plans, the salon's has not. */
  {
    g_autoptr(GPtrArray) dental = shipped_list ("dental_esthetic", "modules");

    g_assert_true (g_ptr_array_find_with_equal_func (dental, "treatment_plans", g_str_equal, NULL));
    g_assert_false (g_ptr_array_find_with_equal_func (first, "treatment_plans", g_str_equal, NULL));
  }
}

static void
test_preview_follows_sector (void)
{
  fresh_start ("en");
  g_assert_cmpint (run_app (NULL, preview_body, NULL, NULL), ==, 0);
}

static void
bad_name_body (AhiApplication *app,
               gpointer        data)
{
  AhiFirstRun *first_run = shown_first_run (app, 1280, 800);
  GtkWidget *name_row = ahi_first_run_get_name_row (first_run);
  GtkWidget *create = ahi_first_run_get_create_button (first_run);
  g_autoptr(GSettings) settings = stored_settings ();
  g_autoptr(GString) long_name = g_string_new (NULL);
  g_autoptr(GPtrArray) files = NULL;
  g_autofree char *last = NULL;

  /* Nothing but spaces. */
  g_assert_null (ahi_first_run_get_name_error (first_run));
  gtk_editable_set_text (GTK_EDITABLE (name_row), "   ");
  g_signal_emit_by_name (create, "clicked");
  ui_wait (100);
  g_assert_nonnull (ahi_first_run_get_name_error (first_run));
  g_assert_true (strstr (ahi_first_run_get_name_error (first_run), "name") != NULL);
  g_assert_false (ahi_first_run_is_busy (first_run));
  screenshot (GTK_WIDGET (first_run), "first-run-empty-name-en");

  /* Typing again takes the message away. */
  gtk_editable_set_text (GTK_EDITABLE (name_row), "Işıl");
  g_assert_null (ahi_first_run_get_name_error (first_run));

  /* 121 characters, each two bytes in UTF-8 (ş): one past the limit of
   * 120, counted in characters and not bytes. */
  for (guint i = 0; i < 121; i++)
    g_string_append (long_name, "ş");
  gtk_editable_set_text (GTK_EDITABLE (name_row), long_name->str);
  g_signal_emit_by_name (create, "clicked");
  ui_wait (100);
  g_assert_nonnull (ahi_first_run_get_name_error (first_run));
  g_assert_true (strstr (ahi_first_run_get_name_error (first_run), "120") != NULL);
  g_assert_true (strstr (ahi_first_run_get_name_error (first_run), "121") != NULL);
  g_assert_false (ahi_first_run_is_busy (first_run));

  /* Nothing was made: no file, no last business, no main window. */
  files = data_files ();
  g_assert_cmpuint (files->len, ==, 0);
  last = g_settings_get_string (settings, "last-business");
  g_assert_cmpstr (last, ==, "");
  g_assert_null (find_window (app, AHI_TYPE_WINDOW));
  g_assert_true (find_window (app, AHI_TYPE_FIRST_RUN) == GTK_WINDOW (first_run));

  /* 120 of them is a name: the boundary is accepted, whole. */
  g_string_truncate (long_name, 120 * strlen ("ş"));
  gtk_editable_set_text (GTK_EDITABLE (name_row), long_name->str);
  g_signal_emit_by_name (create, "clicked");
  {
    AhiWindow *window = wait_for_main_window (app, g_get_monotonic_time (), "120-character name");

    g_assert_cmpstr (ahi_context_get_status (ahi_window_get_context (window))->name, ==, long_name->str);
  }
}

static void
test_bad_name_creates_nothing (void)
{
  fresh_start ("en");
  g_assert_cmpint (run_app (NULL, bad_name_body, NULL, NULL), ==, 0);
}

static void
create_body (AhiApplication *app,
             gpointer        data)
{
  AhiFirstRun *first_run = shown_first_run (app, 1280, 800);
  AhiWindow *window;
  AhiContext *context;
  AhiStore *store;
  GtkWidget *center, *kpi_box;
  g_autoptr(GSettings) settings = stored_settings ();
  g_autoptr(GPtrArray) files = NULL;
  g_autofree char *file = NULL;
  g_autofree char *path = NULL;
  g_autofree char *dir = data_dir ();
  g_autofree char *last = NULL;
  guint n_tiles = 0;
  gint64 start;

  gtk_editable_set_text (GTK_EDITABLE (ahi_first_run_get_name_row (first_run)), "  Gülüş Diş Kliniği  ");
  choose (ahi_first_run_get_sector_row (first_run), "Dental and esthetic clinic");
  choose (ahi_first_run_get_hours_row (first_run), "Monday to Friday, 09:00–18:00");
  ui_wait (100);
  screenshot (GTK_WIDGET (first_run), "first-run-filled-en");

  start = g_get_monotonic_time ();
  g_signal_emit_by_name (ahi_first_run_get_create_button (first_run), "clicked");
  /* The work is on a worker: the window says so and keeps drawing. */
  g_assert_true (ahi_first_run_is_busy (first_run));
  window = wait_for_main_window (app, start, "create");

  /* The main window shows the new business's Command Center, with the
   * clinic's key figures. */
  context = ahi_window_get_context (window);
  g_assert_cmpstr (ahi_window_get_module (window), ==, "command_center");
  center = ahi_window_get_command_center (window);
  g_assert_true (gtk_widget_get_mapped (center));
  kpi_box = ahi_command_center_view_get_kpi_box (AHI_COMMAND_CENTER_VIEW (center));
  for (GtkWidget *tile = gtk_widget_get_first_child (kpi_box); tile != NULL; tile = gtk_widget_get_next_sibling (tile))
    n_tiles++;
  g_assert_cmpuint (n_tiles, ==, shipped_count ("dental_esthetic", "kpis"));
  screenshot (GTK_WIDGET (window), "first-run-created-en");

  /* The database is <tenant-id>.db in the data folder; beside it only
   * its own WAL files while it is open (no half-made leftovers). */
  file = g_strconcat (ahi_context_get_status (context)->tenant_id, ".db", NULL);
  path = g_build_filename (dir, file, NULL);
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
  files = data_files ();
  for (guint i = 0; i < files->len; i++)
    g_assert_true (g_str_has_prefix (g_ptr_array_index (files, i), file));
  last = g_settings_get_string (settings, "last-business");
  g_assert_cmpstr (last, ==, path);

  /* What the file holds, read over a connection of the test's own. */
  store = open_again (path);
  {
    g_autofree char *row = fx_text (store, "SELECT name || '|' || sector FROM tenant_settings");
    g_autofree char *hours = fx_text (store, "SELECT group_concat (weekday || ' ' || opens_min || '-' || closes_min, ';')"
                                             " FROM (SELECT * FROM opening_hours ORDER BY weekday, opens_min)");
    g_autofree char *owner = fx_text (store, "SELECT display_name || '|' || role FROM staff");

    /* The name as typed, without the spaces around it. */
    g_assert_cmpstr (row, ==, "Gülüş Diş Kliniği|dental_esthetic");
    /* Monday to Friday (ISO weekdays 1–5), 09:00 = 9×60 = 540 min to
     * 18:00 = 18×60 = 1080 min; no Saturday (6) or Sunday (7). */
    g_assert_cmpstr (hours, ==, "1 540-1080;2 540-1080;3 540-1080;4 540-1080;5 540-1080");
    /* The owner, not asked for, is called by the role until renamed. */
    g_assert_cmpstr (owner, ==, "Owner|owner");
  }
  /* The clinic's starter menu, every service of its blueprint, bookable,
   * and its resources. */
  g_assert_cmpint (fx_int (store, "SELECT count(*) FROM services WHERE active"), ==,
                   shipped_count ("dental_esthetic", "services"));
  g_assert_cmpint (fx_int (store, "SELECT count(*) FROM tenant_resources"), ==,
                   shipped_count ("dental_esthetic", "resource_templates"));
  g_object_unref (store);
}

static void
test_create_business (void)
{
  fresh_start ("en");
  g_assert_cmpint (run_app (NULL, create_body, NULL, NULL), ==, 0);
}

static gboolean
not_busy (gpointer data)
{
  return !ahi_first_run_is_busy (data);
}

static void
unwritable_body (AhiApplication *app,
                 gpointer        data)
{
  AhiFirstRun *first_run = shown_first_run (app, 1280, 800);
  GtkWidget *name_row = ahi_first_run_get_name_row (first_run);

  gtk_editable_set_text (GTK_EDITABLE (name_row), "Işıl Kuaför");
  g_signal_emit_by_name (ahi_first_run_get_create_button (first_run), "clicked");
  g_assert_true (ahi_first_run_is_busy (first_run));
  ui_wait_until (not_busy, first_run);

  /* Back on the form as it was filled, told why; no main window. */
  g_assert_null (find_window (app, AHI_TYPE_WINDOW));
  g_assert_true (find_window (app, AHI_TYPE_FIRST_RUN) == GTK_WINDOW (first_run));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (name_row)), ==, "Işıl Kuaför");
  g_assert_true (gtk_widget_get_mapped (name_row));
  ui_wait (400);   /* the stack's crossfade back to the form */
  screenshot (GTK_WIDGET (first_run), "first-run-not-made-en");
}

/* The data folder cannot be made (a file stands in its place): the
 * business is not made, nothing is left behind, and the desk can try
 * again. */
static void
test_unwritable_data_folder (void)
{
  g_autoptr(GSettings) settings = stored_settings ();
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = data_dir ();
  g_autofree char *last = NULL;
  g_autofree char *contents = NULL;

  fresh_start ("en");
  g_assert_cmpint (g_mkdir_with_parents (g_get_user_data_dir (), 0700), ==, 0);
  g_file_set_contents (dir, "", 0, &error);
  g_assert_no_error (error);

  g_assert_cmpint (run_app (NULL, unwritable_body, NULL, NULL), ==, 0);
  g_assert_true (g_file_test (dir, G_FILE_TEST_IS_REGULAR));
  g_file_get_contents (dir, &contents, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (contents, ==, "");
  last = g_settings_get_string (settings, "last-business");
  g_assert_cmpstr (last, ==, "");
  remove_tree (dir);
}

/* How long the making takes where it runs (a worker), measured here on
 * the test's thread: it decides whether it may run on the main thread. */
static void
test_creation_time (void)
{
  g_autofree char *dir = fx_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "timed.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(AhiStore) store = NULL;
  gint64 t0, t1, t2;

  t0 = g_get_monotonic_time ();
  store = ahi_store_open (path, &error);
  g_assert_no_error (error);
  t1 = g_get_monotonic_time ();
  g_assert_true (ahi_business_create (store, "Işıl Kuaför", "hair_beauty", "Owner", "sector_default",
                                      fx_time (UI_NOW_UTC), NULL, &error));
  g_assert_no_error (error);
  t2 = g_get_monotonic_time ();
  g_test_message ("new database %.1f ms, business in it %.1f ms", (t1 - t0) / 1e3, (t2 - t1) / 1e3);
  g_clear_object (&store);
  remove_tree (dir);
}

/* A business in the data folder made through the store, as a first run
 * would have left it; returns its path. */
static char *
business_on_disk (const char *name)
{
  g_autofree char *dir = data_dir ();
  char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(AhiStore) store = NULL;

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  store = ahi_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_true (ahi_business_create (store, "Işıl Kuaför", "hair_beauty", NULL, "sector_default",
                                      fx_time (UI_NOW_UTC), NULL, &error));
  g_assert_no_error (error);
  return path;
}

static void
reopen_body (AhiApplication *app,
             gpointer        data)
{
  GtkWindow *window = find_window (app, AHI_TYPE_WINDOW);
  int width = 0, height = 0;

  /* The business opened last opens at once, in the saved size. */
  g_assert_nonnull (window);
  g_assert_null (find_window (app, AHI_TYPE_FIRST_RUN));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  ui_wait (200);
  gtk_window_get_default_size (window, &width, &height);
  g_assert_cmpint (width, ==, 1000);
  g_assert_cmpint (height, ==, 700);

  /* Resized, then closed: that size is kept for the next start. */
  gtk_window_set_default_size (window, 900, 650);
  ui_wait (200);
  gtk_window_close (window);
  ui_wait (50);
}

static void
first_run_again_body (AhiApplication *app,
                      gpointer        data)
{
  g_assert_null (find_window (app, AHI_TYPE_WINDOW));
  g_assert_nonnull (find_window (app, AHI_TYPE_FIRST_RUN));
}

static void
test_next_start (void)
{
  g_autoptr(GSettings) settings = stored_settings ();
  g_autofree char *path = NULL;
  g_autoptr(GPtrArray) files = NULL;
  g_autofree char *last = NULL;
  GType first_window = G_TYPE_INVALID;

  fresh_start ("en");
  path = business_on_disk ("business.db");
  g_settings_set_string (settings, "last-business", path);
  g_settings_set_int (settings, "window-width", 1000);
  g_settings_set_int (settings, "window-height", 700);

  g_assert_cmpint (run_app (NULL, reopen_body, NULL, &first_window), ==, 0);
  g_assert_true (first_window == AHI_TYPE_WINDOW);
  g_assert_cmpint (g_settings_get_int (settings, "window-width"), ==, 900);
  g_assert_cmpint (g_settings_get_int (settings, "window-height"), ==, 650);
  g_assert_false (g_settings_get_boolean (settings, "window-maximized"));

  /* The file is gone (moved, deleted): the first run comes back, and no
   * empty database appears where it was. */
  remove_tree (path);
  g_assert_cmpint (run_app (NULL, first_run_again_body, NULL, &first_window), ==, 0);
  g_assert_true (first_window == AHI_TYPE_FIRST_RUN);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  files = data_files ();
  g_assert_cmpuint (files->len, ==, 0);
  /* It is still the one to look for, should the file come back. */
  last = g_settings_get_string (settings, "last-business");
  g_assert_cmpstr (last, ==, path);
}

/* `ahi --demo generic` on a machine without that demo: the first run
 * shows that it is being prepared, then the demo's main window. */
static void
new_demo_body (AhiApplication *app,
               gpointer        data)
{
  gint64 start = *(gint64 *) data;
  AhiFirstRun *first_run = (AhiFirstRun *) find_window (app, AHI_TYPE_FIRST_RUN);
  AhiWindow *window;
  AhiStore *store;
  g_autoptr(GSettings) settings = stored_settings ();
  g_autofree char *demo = g_build_filename (g_get_user_data_dir (), "ahi-desk", "demo-generic.db", NULL);
  g_autofree char *last = NULL;

  /* Made on a worker: the window draws its "preparing" page meanwhile. */
  g_assert_nonnull (first_run);
  g_assert_true (ahi_first_run_is_busy (first_run));
  g_assert_cmpstr (ahi_first_run_get_sector (first_run), ==, "generic");
  gtk_window_set_default_size (GTK_WINDOW (first_run), 1280, 800);
  ui_wait (200);
  g_assert_true (ahi_first_run_is_busy (first_run));
  screenshot (GTK_WIDGET (first_run), "first-run-preparing-demo-en");
  window = wait_for_main_window (app, start, "new demo of generic");

  g_assert_true (g_file_test (demo, G_FILE_TEST_IS_REGULAR));
  last = g_settings_get_string (settings, "last-business");
  g_assert_cmpstr (last, ==, demo);
  g_assert_cmpstr (ahi_context_get_status (ahi_window_get_context (window))->sector, ==, "generic");
  /* A demo to try things on: customers and their visits are there. */
  store = open_again (demo);
  g_assert_cmpint (fx_int (store, "SELECT count(*) FROM customers"), >=, 100);
  g_assert_cmpint (fx_int (store, "SELECT count(*) FROM appointments"), >, 0);
  g_object_unref (store);
}

/* "Open Demo" on the first run, for the demo made before: it opens. */
static void
demo_button_body (AhiApplication *app,
                  gpointer        data)
{
  AhiFirstRun *first_run = shown_first_run (app, 1280, 800);
  AhiWindow *window;

  choose (ahi_first_run_get_sector_row (first_run), "Other appointment business");
  g_signal_emit_by_name (ahi_first_run_get_demo_button (first_run), "clicked");
  window = wait_for_main_window (app, g_get_monotonic_time (), "demo made before, from the button");
  g_assert_cmpstr (ahi_context_get_status (ahi_window_get_context (window))->sector, ==, "generic");
}

static void
test_demo (void)
{
  g_autoptr(GSettings) settings = stored_settings ();
  g_autofree char *last = NULL;
  GType first_window = G_TYPE_INVALID;
  gint64 start;

  fresh_start ("en");
  {
    const char * const args[] = { "--demo", "generic", NULL };

    start = g_get_monotonic_time ();
    g_assert_cmpint (run_app (args, new_demo_body, &start, &first_window), ==, 0);
    g_assert_true (first_window == AHI_TYPE_FIRST_RUN);
  }

  /* Made once: the button and the command line open it again at once,
   * and no second copy appears. */
  g_settings_set_string (settings, "last-business", "");
  g_assert_cmpint (run_app (NULL, demo_button_body, NULL, NULL), ==, 0);
  {
    const char * const args[] = { "--demo", "generic", NULL };
    g_autoptr(GPtrArray) files = NULL;

    start = g_get_monotonic_time ();
    g_assert_cmpint (run_app (args, NULL, NULL, &first_window), ==, 0);
    g_test_message ("--demo generic, made before: run took %.0f ms", (g_get_monotonic_time () - start) / 1e3);
    g_assert_true (first_window == AHI_TYPE_WINDOW);
    files = data_files ();
    for (guint i = 0; i < files->len; i++)
      g_assert_true (g_str_has_prefix (g_ptr_array_index (files, i), "demo-generic.db"));
  }

  /* An unknown sector is refused on the command line: status 1, no
   * window. */
  {
    const char * const args[] = { "--demo", "bakery", NULL };

    first_window = G_TYPE_INVALID;
    g_assert_cmpint (run_app (args, NULL, NULL, &first_window), ==, 1);
    g_assert_true (first_window == G_TYPE_INVALID);
  }
  /* --db opens that file, whatever the settings say, and it becomes the
   * business opened last. */
  {
    g_autofree char *other = business_on_disk ("other.db");
    const char * const args[] = { "--db", other, NULL };

    g_settings_set_string (settings, "last-business", "");
    first_window = G_TYPE_INVALID;
    g_assert_cmpint (run_app (args, NULL, NULL, &first_window), ==, 0);
    g_assert_true (first_window == AHI_TYPE_WINDOW);
    last = g_settings_get_string (settings, "last-business");
    g_assert_cmpstr (last, ==, other);
  }
}

/* "Open Demo" when the ahi-demo program is missing or fails: the first
 * run comes back to the form and says why (the program's own last line
 * when it said one); no main window, nothing left in the data folder. */
static void
demo_not_made_body (AhiApplication *app,
                    gpointer        data)
{
  const char *expected = data;
  AhiFirstRun *first_run = shown_first_run (app, 1280, 800);
  const char *message;

  g_signal_emit_by_name (ahi_first_run_get_demo_button (first_run), "clicked");
  g_assert_true (ahi_first_run_is_busy (first_run));
  ui_wait_until (not_busy, first_run);

  g_assert_null (find_window (app, AHI_TYPE_WINDOW));
  g_assert_true (find_window (app, AHI_TYPE_FIRST_RUN) == GTK_WINDOW (first_run));
  message = ahi_first_run_get_message (first_run);
  g_test_message ("shown: %s", message);
  g_assert_nonnull (message);
  g_assert_true (g_str_has_prefix (message, "The business could not be made: "));
  g_assert_nonnull (strstr (message, expected));
}

static void
test_demo_program_missing_or_failing (void)
{
  g_autofree char *program = g_strdup (g_getenv ("AHI_DEMO_PROGRAM"));
  g_autofree char *missing = g_build_filename (test_home, "no-such-dir", "ahi-demo", NULL);
  g_autofree char *failing = g_build_filename (test_home, "failing-ahi-demo", NULL);
  g_autofree char *expected = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) files = NULL;

  /* Not installed: the path it looked at is named. */
  fresh_start ("en");
  g_setenv ("AHI_DEMO_PROGRAM", missing, TRUE);
  expected = g_strdup_printf ("The demo program is not installed: %s is missing.", missing);
  g_assert_cmpint (run_app (NULL, demo_not_made_body, expected, NULL), ==, 0);
  files = data_files ();
  g_assert_cmpuint (files->len, ==, 0);
  g_clear_pointer (&files, g_ptr_array_unref);

  /* It fails half-way, after writing to the database it was given
   * (`--db PATH` comes first): what it wrote is removed, and its last
   * line is what the desk reads. */
  g_file_set_contents (failing,
                       "#!/bin/sh\n"
                       "[ \"$1\" = --db ] || exit 9\n"
                       "echo half-made > \"$2\"\n"
                       "echo 'generating…' >&2\n"
                       "echo 'ahi-demo: cannot make the demo business: disk full' >&2\n"
                       "exit 3\n", -1, &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_chmod (failing, 0700), ==, 0);
  fresh_start ("en");
  g_setenv ("AHI_DEMO_PROGRAM", failing, TRUE);
  g_assert_cmpint (run_app (NULL, demo_not_made_body,
                            "The demo program failed: ahi-demo: cannot make the demo business: disk full", NULL), ==, 0);
  files = data_files ();
  g_assert_cmpuint (files->len, ==, 0);

  if (program != NULL)
    g_setenv ("AHI_DEMO_PROGRAM", program, TRUE);
  else
    g_unsetenv ("AHI_DEMO_PROGRAM");
  g_remove (failing);
}

static gboolean
side_by_side (gpointer data)
{
  AhiFirstRun *first_run = data;
  graphene_rect_t create, preview;

  g_assert_true (gtk_widget_compute_bounds (ahi_first_run_get_create_button (first_run), GTK_WIDGET (first_run), &create));
  g_assert_true (gtk_widget_compute_bounds (ahi_first_run_get_preview_modules (first_run), GTK_WIDGET (first_run), &preview));
  return preview.origin.x > create.origin.x + create.size.width;
}

static gboolean
stacked (gpointer data)
{
  AhiFirstRun *first_run = data;
  graphene_rect_t create, preview;

  /* Content wider than the phone would widen the window past 360 (the
   * frame GTK draws itself takes a few pixels of it). */
  if (gtk_widget_get_width (GTK_WIDGET (first_run)) > 360)
    return FALSE;
  g_assert_true (gtk_widget_compute_bounds (ahi_first_run_get_create_button (first_run), GTK_WIDGET (first_run), &create));
  g_assert_true (gtk_widget_compute_bounds (ahi_first_run_get_preview_modules (first_run), GTK_WIDGET (first_run), &preview));
  return preview.origin.y > create.origin.y + create.size.height;
}

/* The first run at both sizes, for a person to look at. On a laptop the
 * preview stands beside the form; on a 360 px phone they stack, and
 * nothing makes the window wider than the phone (ui_wait_until fails the
 * test when the layout does not come within its time). */
static void
screenshots_body (AhiApplication *app,
                  gpointer        data)
{
  const char *language = data;
  AhiFirstRun *first_run = shown_first_run (app, 1280, 800);
  g_autofree char *laptop = g_strdup_printf ("first-run-laptop-%s", language);
  g_autofree char *phone = g_strdup_printf ("first-run-phone-%s", language);
  g_autofree char *phone_preview = g_strdup_printf ("first-run-phone-preview-%s", language);
  GtkWidget *scroller;
  GtkAdjustment *h, *v;

  ui_wait_until (side_by_side, first_run);
  screenshot (GTK_WIDGET (first_run), laptop);

  gtk_window_set_default_size (GTK_WINDOW (first_run), 360, 720);
  ui_wait_until (stacked, first_run);
  ui_wait (300);
  /* …and fits the phone's width: nothing to scroll sideways. */
  scroller = gtk_widget_get_ancestor (ahi_first_run_get_create_button (first_run), GTK_TYPE_SCROLLED_WINDOW);
  h = gtk_scrolled_window_get_hadjustment (GTK_SCROLLED_WINDOW (scroller));
  g_assert_cmpfloat (gtk_adjustment_get_upper (h), <=, gtk_adjustment_get_page_size (h));
  screenshot (GTK_WIDGET (first_run), phone);

  /* The preview, further down on a phone. */
  v = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scroller));
  gtk_adjustment_set_value (v, gtk_adjustment_get_upper (v) - gtk_adjustment_get_page_size (v));
  ui_wait (100);
  screenshot (GTK_WIDGET (first_run), phone_preview);
}

static void
test_screenshots (void)
{
  const char * const languages[] = { "tr", "en" };

  for (guint l = 0; l < G_N_ELEMENTS (languages); l++)
    {
      fresh_start (languages[l]);
      g_assert_cmpint (run_app (NULL, screenshots_body, (gpointer) languages[l], NULL), ==, 0);
    }
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *data = NULL;
  g_autofree char *config = NULL;
  int status;

  /* Before anything reads them (GLib caches the user's folders). */
  test_home = g_dir_make_tmp ("ahi-first-run-XXXXXX", &error);
  g_assert_no_error (error);
  data = g_build_filename (test_home, "data", NULL);
  config = g_build_filename (test_home, "config", NULL);
  g_setenv ("XDG_DATA_HOME", data, TRUE);
  g_setenv ("XDG_CONFIG_HOME", config, TRUE);

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  ahi_app_module_init ();
  g_assert_cmpstr (g_get_user_data_dir (), ==, data);

  g_test_add_func ("/app/first-run/preview-follows-sector", test_preview_follows_sector);
  g_test_add_func ("/app/first-run/bad-name-creates-nothing", test_bad_name_creates_nothing);
  g_test_add_func ("/app/first-run/create-business", test_create_business);
  g_test_add_func ("/app/first-run/unwritable-data-folder", test_unwritable_data_folder);
  g_test_add_func ("/app/first-run/creation-time", test_creation_time);
  g_test_add_func ("/app/first-run/next-start", test_next_start);
  g_test_add_func ("/app/first-run/demo", test_demo);
  g_test_add_func ("/app/first-run/demo-program-missing-or-failing", test_demo_program_missing_or_failing);
  g_test_add_func ("/app/first-run/screenshots", test_screenshots);
  status = g_test_run ();

  remove_tree (test_home);
  g_free (test_home);
  return status;
}
