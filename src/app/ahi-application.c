/* ahi-application.c — the Ahi Desk application */
#include "ahi-application.h"

#include "ahi-context.h"
#include "ahi-first-run.h"
#include "ahi-i18n.h"
#include "ahi-window.h"
#include "core/ahi-blueprint.h"
#include "core/ahi-time.h"
#include "store/ahi-store-error.h"
#include "store/ahi-store.h"

/* The GResource compiled into this static library (STACK-NOTES: it is
 * dropped at link time unless registered by hand). */
GResource *ahi_app_get_resource (void);

/* The smallest main window that still lays out (ahi-window.ui asks for
 * 360×480): a saved size below it is not restored as it is. */
#define MIN_WINDOW_WIDTH 360
#define MIN_WINDOW_HEIGHT 480

struct _AhiApplication
{
  AdwApplication  parent_instance;

  AhiSettings    *settings;
  char           *db_path;       /* --db */
  char           *demo_sector;   /* --demo */
  gint64          now;           /* --now, 0 for the wall clock */
};

G_DEFINE_FINAL_TYPE (AhiApplication, ahi_application, ADW_TYPE_APPLICATION)

/* --------------------------------------------------------------- helpers */

static void
show_error (AhiApplication *self,
            const char     *heading,
            const GError   *error)
{
  GtkWidget *dialog = adw_message_dialog_new (NULL, heading, error->message);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("Close"));
  gtk_window_set_application (GTK_WINDOW (dialog), GTK_APPLICATION (self));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
restore_window_state (AhiApplication *self,
                      GtkWindow      *window)
{
  AhiSettings *settings = ahi_application_get_settings (self);
  int width = 0, height = 0;

  ahi_settings_get_window_size (settings, &width, &height);
  gtk_window_set_default_size (window, MAX (width, MIN_WINDOW_WIDTH), MAX (height, MIN_WINDOW_HEIGHT));
  if (ahi_settings_get_window_maximized (settings))
    gtk_window_maximize (window);
}

static void
save_window_state (AhiApplication *self,
                   GtkWindow      *window)
{
  AhiSettings *settings = ahi_application_get_settings (self);
  int width = 0, height = 0;

  /* GTK 4 keeps the default size at the window's size as it is resized,
   * and leaves it at the unmaximized size while maximized: the size to
   * come back to. */
  gtk_window_get_default_size (window, &width, &height);
  if (width > 0 && height > 0)
    ahi_settings_set_window_size (settings, width, height);
  ahi_settings_set_window_maximized (settings, gtk_window_is_maximized (window));
}

static gboolean
is_shipped_sector (const char *sector)
{
  return g_strv_contains (ahi_blueprint_list_ids (), sector);
}

/* The first run, with a line saying why it shows (NULL: it simply is the
 * first run). */
static AhiFirstRun *
show_first_run (AhiApplication *self,
                const char     *message)
{
  AhiFirstRun *first_run = ahi_first_run_new (self);

  if (message != NULL)
    ahi_first_run_show_message (first_run, message);
  gtk_window_present (GTK_WINDOW (first_run));
  return first_run;
}

static void
open_demo (AhiApplication *self,
           const char     *sector)
{
  g_autofree char *path = ahi_application_dup_demo_path (sector);
  g_autoptr(GError) error = NULL;
  AhiFirstRun *first_run;

  /* Made once: later starts open it at once. */
  if (g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_autofree char *message = NULL;

      if (ahi_application_open_business (self, path, &error))
        return;
      /* TRANSLATORS: %s says why, e.g. the file is damaged. */
      message = g_strdup_printf (_("The demo business could not be opened: %s"), error->message);
      show_first_run (self, message);
      return;
    }
  /* Making it takes a second or more: the first run shows that it is
   * being prepared. */
  first_run = show_first_run (self, NULL);
  ahi_first_run_open_demo (first_run, sector);
}

/* ------------------------------------------------------------- callbacks */

static gboolean
on_window_close_request_cb (GtkWindow      *window,
                            AhiApplication *self)
{
  save_window_state (self, window);
  return FALSE;
}

/* --------------------------------------------------------------- actions */

static void
about_action (GSimpleAction *action,
              GVariant      *parameter,
              gpointer       data)
{
  GtkApplication *app = GTK_APPLICATION (data);
  GtkWidget *about = adw_about_window_new ();

  adw_about_window_set_application_name (ADW_ABOUT_WINDOW (about), "Ahi Desk");
  adw_about_window_set_application_icon (ADW_ABOUT_WINDOW (about), AHI_APP_ID);
  adw_about_window_set_version (ADW_ABOUT_WINDOW (about), "0.1.0");
  adw_about_window_set_developer_name (ADW_ABOUT_WINDOW (about), "Ahi Desk");
  adw_about_window_set_license_type (ADW_ABOUT_WINDOW (about), GTK_LICENSE_GPL_3_0);
  adw_about_window_set_comments (ADW_ABOUT_WINDOW (about),
                                 _("The front desk of salons, clinics and service shops: what to do now, and the money it brings back."));
  gtk_window_set_transient_for (GTK_WINDOW (about), gtk_application_get_active_window (app));
  gtk_window_present (GTK_WINDOW (about));
}

static void
quit_action (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       data)
{
  g_application_quit (G_APPLICATION (data));
}

static const GActionEntry app_actions[] = {
  { "about", about_action },
  { "quit", quit_action },
};

/* ------------------------------------------------------------- overrides */

static gint
ahi_application_handle_local_options (GApplication *application,
                                      GVariantDict *options)
{
  AhiApplication *self = AHI_APPLICATION (application);
  const char *language = NULL;
  const char *now_text = NULL;
  g_autofree char *saved_language = NULL;

  g_variant_dict_lookup (options, "db", "^ay", &self->db_path);
  g_variant_dict_lookup (options, "demo", "s", &self->demo_sector);
  g_variant_dict_lookup (options, "now", "&s", &now_text);
  g_variant_dict_lookup (options, "language", "&s", &language);

  /* The command line wins over the settings; the settings over the
   * system's language. */
  if (language == NULL)
    language = saved_language = ahi_settings_dup_language (ahi_application_get_settings (self));
  ahi_i18n_init (language);

  /* Mistakes on the command line are said there, with exit status 1. */
  if (self->db_path != NULL && self->demo_sector != NULL)
    {
      g_printerr ("%s\n", _("Give either --db or --demo, not both."));
      return 1;
    }
  if (self->demo_sector != NULL && !is_shipped_sector (self->demo_sector))
    {
      g_autofree char *sectors = g_strjoinv (", ", (char **) ahi_blueprint_list_ids ());

      /* TRANSLATORS: the first %s is what was given, the second the
       * sectors there are ("hair_beauty, dental_esthetic, …"). */
      g_printerr (_("Unknown sector %s: choose one of %s."), self->demo_sector, sectors);
      g_printerr ("\n");
      return 1;
    }
  if (now_text != NULL && !ahi_time_parse_utc (now_text, &self->now))
    {
      g_printerr ("%s\n", _("--now wants a UTC time like 2026-12-01T09:00:00Z"));
      return 1;
    }
  return -1;
}

static void
ahi_application_startup (GApplication *application)
{
  static const char * const quit_accels[] = { "<Control>q", NULL };
  static const char * const reload_accels[] = { "<Control>r", "F5", NULL };
  static const char * const backup_accels[] = { "<Control>b", NULL };
  static const char * const switch_user_accels[] = { "<Control>u", NULL };
  static const struct {
    const char *action;
    const char *accel;
  } module_accels[] = {
    { "win.show-module::command_center", "<Control>1" },
    { "win.show-module::calendar", "<Control>2" },
    { "win.show-module::customers", "<Control>3" },
    { "win.show-module::revenue", "<Control>4" },
    { "win.show-module::settings", "<Control>comma" },
  };
  GtkApplication *app = GTK_APPLICATION (application);

  G_APPLICATION_CLASS (ahi_application_parent_class)->startup (application);

  g_action_map_add_action_entries (G_ACTION_MAP (application), app_actions, G_N_ELEMENTS (app_actions), application);
  gtk_application_set_accels_for_action (app, "app.quit", quit_accels);
  gtk_application_set_accels_for_action (app, "win.reload", reload_accels);
  gtk_application_set_accels_for_action (app, "win.backup", backup_accels);
  gtk_application_set_accels_for_action (app, "win.switch-user", switch_user_accels);
  for (guint i = 0; i < G_N_ELEMENTS (module_accels); i++)
    {
      const char *accels[] = { module_accels[i].accel, NULL };
      gtk_application_set_accels_for_action (app, module_accels[i].action, accels);
    }
}

static void
ahi_application_activate (GApplication *application)
{
  AhiApplication *self = AHI_APPLICATION (application);
  g_autoptr(GError) error = NULL;
  g_autofree char *last = NULL;
  g_autofree char *message = NULL;
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (application));

  if (window != NULL)
    {
      gtk_window_present (window);
      return;
    }
  if (self->db_path != NULL)
    {
      if (!ahi_application_open_business (self, self->db_path, &error))
        show_error (self, _("The business could not be opened"), error);
      return;
    }
  if (self->demo_sector != NULL)
    {
      open_demo (self, self->demo_sector);
      return;
    }

  last = ahi_settings_dup_last_business (ahi_application_get_settings (self));
  if (last != NULL)
    {
      if (ahi_application_open_business (self, last, &error))
        return;
      /* Moved, deleted or damaged: the desk can still start anew or open
       * a demo, and is told why its business did not open. */
      /* TRANSLATORS: %s says why, e.g. "No business at /home/…/x.db". */
      message = g_strdup_printf (_("The last business could not be opened: %s"), error->message);
    }
  show_first_run (self, message);
}

static void
ahi_application_shutdown (GApplication *application)
{
  AhiApplication *self = AHI_APPLICATION (application);

  /* Quitting (Ctrl+Q) closes no window one by one: keep the size of the
   * main window that is still open. */
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (application)); l != NULL; l = l->next)
    if (AHI_IS_WINDOW (l->data))
      save_window_state (self, GTK_WINDOW (l->data));

  G_APPLICATION_CLASS (ahi_application_parent_class)->shutdown (application);
}

static void
ahi_application_finalize (GObject *object)
{
  AhiApplication *self = AHI_APPLICATION (object);

  g_clear_object (&self->settings);
  g_free (self->db_path);
  g_free (self->demo_sector);
  G_OBJECT_CLASS (ahi_application_parent_class)->finalize (object);
}

static void
ahi_application_class_init (AhiApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->finalize = ahi_application_finalize;
  app_class->handle_local_options = ahi_application_handle_local_options;
  app_class->startup = ahi_application_startup;
  app_class->activate = ahi_application_activate;
  app_class->shutdown = ahi_application_shutdown;
}

static void
ahi_application_init (AhiApplication *self)
{
  static const GOptionEntry options[] = {
    { "db", 0, 0, G_OPTION_ARG_FILENAME, NULL, N_("The business's database file"), N_("FILE") },
    { "demo", 0, 0, G_OPTION_ARG_STRING, NULL,
      N_("Open the demo business of a sector (hair_beauty, dental_esthetic, auto_service, generic), made once"),
      N_("SECTOR") },
    { "language", 0, 0, G_OPTION_ARG_STRING, NULL, N_("tr or en (default: the settings', else the system's, else Turkish)"),
      N_("LANG") },
    { "now", 0, 0, G_OPTION_ARG_STRING, NULL, N_("Show the business as at this UTC time"), N_("TIME") },
    { NULL }
  };

  g_application_add_main_option_entries (G_APPLICATION (self), options);
}

/* ------------------------------------------------------------ public API */

void
ahi_app_module_init (void)
{
  static gsize initialised = 0;

  ahi_store_module_init ();
  if (g_once_init_enter (&initialised))
    {
      g_resources_register (ahi_app_get_resource ());
      g_once_init_leave (&initialised, 1);
    }
}

AhiApplication *
ahi_application_new (void)
{
  ahi_app_module_init ();
  /* Non-unique: two businesses may be open side by side (a chain's
   * manager), and tests start their own instance. */
  return g_object_new (AHI_TYPE_APPLICATION,
                       "application-id", AHI_APP_ID,
                       "flags", G_APPLICATION_NON_UNIQUE,
                       "resource-base-path", "/app/ahi/Desk",
                       NULL);
}

AhiSettings *
ahi_application_get_settings (AhiApplication *self)
{
  g_return_val_if_fail (AHI_IS_APPLICATION (self), NULL);

  /* Made on first use, not in init: the environment that picks the
   * backend (tests) is set by then. */
  if (self->settings == NULL)
    self->settings = ahi_settings_new ();
  return self->settings;
}

gint64
ahi_application_get_now (AhiApplication *self)
{
  g_return_val_if_fail (AHI_IS_APPLICATION (self), 0);
  return self->now;
}

gboolean
ahi_application_open_business (AhiApplication  *self,
                               const char      *path,
                               GError         **error)
{
  g_autoptr(AhiStore) store = NULL;
  g_autoptr(AhiContext) context = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *absolute = NULL;
  AhiWindow *window;

  g_return_val_if_fail (AHI_IS_APPLICATION (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  /* ahi_store_open would make an empty database at a path that holds
   * none: a mistyped or moved path must not leave a stray file. */
  if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
    {
      /* TRANSLATORS: %s is a file's path. */
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, _("No business at %s"), path);
      return FALSE;
    }
  store = ahi_store_open (path, error);
  if (store == NULL)
    return FALSE;
  context = ahi_context_new (store, &local_error);
  if (context == NULL)
    {
      /* An empty database (a first run that was cut short, a wrong file)
       * is said in the desk's words, not the store's. */
      if (g_error_matches (local_error, AHI_STORE_ERROR, AHI_STORE_ERROR_INVALID_STATE))
        /* TRANSLATORS: %s is a file's path. */
        g_set_error (error, AHI_STORE_ERROR, AHI_STORE_ERROR_INVALID_STATE, _("%s holds no business"), path);
      else
        g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  ahi_context_set_now (context, self->now);

  window = ahi_window_new (GTK_APPLICATION (self), context);
  restore_window_state (self, GTK_WINDOW (window));
  g_signal_connect_object (window, "close-request", G_CALLBACK (on_window_close_request_cb), self, 0);
  gtk_window_present (GTK_WINDOW (window));

  /* Absolute: the next start may run from another folder. */
  absolute = g_canonicalize_filename (path, NULL);
  ahi_settings_set_last_business (ahi_application_get_settings (self), absolute);
  return TRUE;
}

char *
ahi_application_dup_data_dir (void)
{
  return g_build_filename (g_get_user_data_dir (), "ahi-desk", NULL);
}

char *
ahi_application_dup_demo_path (const char *sector)
{
  g_autofree char *dir = ahi_application_dup_data_dir ();
  g_autofree char *file = NULL;

  g_return_val_if_fail (sector != NULL, NULL);

  file = g_strconcat ("demo-", sector, ".db", NULL);
  return g_build_filename (dir, file, NULL);
}
