/* ahi-first-run.c — the first run: a business made offline, or a demo */
#include "ahi-first-run.h"

#include <errno.h>

#include <glib/gstdio.h>

#include "ahi-demo-program.h"
#include "ahi-i18n.h"
#include "ahi-words.h"
#include "core/ahi-blueprint.h"
#include "store/ahi-business-create.h"
#include "store/ahi-store.h"


/* From this window width on, the preview stands beside the form: two
 * columns of at least 300 px, 24 px apart, inside 12 px margins need
 * 2×300 + 24 + 2×12 = 648 px; the rest is air. */
#define WIDE_MIN_WIDTH 720

struct _AhiFirstRun
{
  AdwApplicationWindow  parent_instance;

  AdwToastOverlay      *toast_overlay;
  GtkStack             *stack;
  GtkBox               *columns;
  AdwEntryRow          *name_row;
  GtkLabel             *name_error;
  AdwComboRow          *sector_row;
  AdwComboRow          *hours_row;
  GtkWidget            *create_button;
  GtkWidget            *demo_button;
  GtkLabel             *preview_title;
  GtkBox               *preview_modules;
  GtkFlowBox           *preview_kpis;
  GtkLabel             *preview_starter;
  AdwStatusPage        *busy_page;
  GtkSpinner           *busy_spinner;

  char                 *message;       /* the last one shown */
  gboolean              busy;
  gboolean              wide;          /* the columns side by side */
  guint                 turn_id;       /* idle that turns the columns */
};

G_DEFINE_FINAL_TYPE (AhiFirstRun, ahi_first_run, ADW_TYPE_APPLICATION_WINDOW)

/* ---------------------------------------------------------------- worker */

/* What a worker needs, copied: the window's widgets stay on the main
 * thread. */
typedef struct {
  char   *dir;           /* the data folder */
  char   *name;          /* trimmed */
  char   *sector;
  char   *owner_name;
  char   *hours_preset;
  char   *demo_path;     /* set for a demo */
  char   *partial;       /* where a demo is made */
  gint64  now;
  gint64  started;       /* monotonic µs, for the log */
} Job;

static void
job_free (Job *job)
{
  g_free (job->dir);
  g_free (job->name);
  g_free (job->sector);
  g_free (job->owner_name);
  g_free (job->hours_preset);
  g_free (job->demo_path);
  g_free (job->partial);
  g_free (job);
}

/* A name in the data folder that no business uses: the database is made
 * there and renamed only once it is whole, so a cut-short run never
 * leaves a half-made business under a name the app would open. */
static char *
partial_path (const char *dir)
{
  g_autofree char *uuid = g_uuid_string_random ();
  g_autofree char *file = g_strconcat (".partial-", uuid, ".db", NULL);

  return g_build_filename (dir, file, NULL);
}

static void
remove_database (const char *path)
{
  static const char * const suffixes[] = { "", "-wal", "-shm", "-journal" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (path, suffixes[i], NULL);
      g_remove (file);
    }
}

/* Moves a closed database to its name. Closing the last connection folds
 * the WAL into the file and deletes it; should one remain, it moves too. */
static gboolean
move_database (const char  *from,
               const char  *to,
               GError     **error)
{
  g_autofree char *from_wal = g_strconcat (from, "-wal", NULL);
  g_autofree char *to_wal = g_strconcat (to, "-wal", NULL);
  g_autofree char *from_shm = g_strconcat (from, "-shm", NULL);

  g_remove (from_shm);
  if ((g_file_test (from_wal, G_FILE_TEST_EXISTS) && g_rename (from_wal, to_wal) != 0) ||
      g_rename (from, to) != 0)
    {
      int saved = errno;

      /* TRANSLATORS: %s is a file's path, then why it failed. */
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved), _("Could not save %s: %s"), to,
                   g_strerror (saved));
      return FALSE;
    }
  return TRUE;
}

static gboolean
make_dir (const char  *dir,
          GError     **error)
{
  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved = errno;

      /* TRANSLATORS: %s is a folder's path, then why it failed. */
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved), _("Could not make the folder %s: %s"), dir,
                   g_strerror (saved));
      return FALSE;
    }
  return TRUE;
}

/* The new business's database, <tenant-id>.db in the data folder. */
static char *
create_business (Job     *job,
                 GError **error)
{
  g_autofree char *partial = NULL;
  g_autofree char *tenant_id = NULL;
  g_autofree char *file = NULL;
  g_autofree char *path = NULL;
  g_autoptr(AhiStore) store = NULL;
  gboolean created;

  if (!make_dir (job->dir, error))
    return NULL;
  partial = partial_path (job->dir);
  store = ahi_store_open (partial, error);
  if (store == NULL)
    {
      remove_database (partial);
      return NULL;
    }
  created = ahi_business_create (store, job->name, job->sector, job->owner_name, job->hours_preset, job->now,
                                 &tenant_id, error);
  g_clear_object (&store);
  if (!created)
    {
      remove_database (partial);
      return NULL;
    }

  file = g_strconcat (tenant_id, ".db", NULL);
  path = g_build_filename (job->dir, file, NULL);
  if (!move_database (partial, path, error))
    {
      remove_database (partial);
      return NULL;
    }
  return g_steal_pointer (&path);
}

static void
make_in_thread (GTask        *task,
                gpointer      source,
                gpointer      data,
                GCancellable *cancellable)
{
  Job *job = data;
  GError *error = NULL;
  char *path = create_business (job, &error);

  g_debug ("business %s in %.0f ms", path != NULL ? path : "failed", (g_get_monotonic_time () - job->started) / 1e3);
  if (path == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, path, g_free);
}

static void
on_demo_made_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      data)
{
  g_autoptr(GTask) task = data;
  Job *job = g_task_get_task_data (task);
  GError *error = NULL;

  g_debug ("demo %s in %.0f ms", job->demo_path, (g_get_monotonic_time () - job->started) / 1e3);
  if (!ahi_demo_program_make_finish (result, &error) || !move_database (job->partial, job->demo_path, &error))
    {
      remove_database (job->partial);
      g_task_return_error (task, error);
      return;
    }
  g_task_return_pointer (task, g_strdup (job->demo_path), g_free);
}

/* The demo's database, made once by the ahi-demo program (the app links
 * no generator) under a partial name: a later call finds it whole. */
static void
make_demo (GTask *task)
{
  Job *job = g_task_get_task_data (task);
  GError *error = NULL;

  if (g_file_test (job->demo_path, G_FILE_TEST_EXISTS))
    {
      g_task_return_pointer (task, g_strdup (job->demo_path), g_free);
      return;
    }
  if (!make_dir (job->dir, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  job->partial = partial_path (job->dir);
  ahi_demo_program_make_async (job->partial, job->sector, job->now, NULL, on_demo_made_cb, g_object_ref (task));
}

/* --------------------------------------------------------------- helpers */

static AhiApplication *
get_application (AhiFirstRun *self)
{
  return AHI_APPLICATION (gtk_window_get_application (GTK_WINDOW (self)));
}

static guint
sector_index (const char *sector)
{
  for (guint i = 0; i < ahi_words_n_sectors (); i++)
    if (g_str_equal (ahi_words_sectors[i].id, sector))
      return i;
  return G_MAXUINT;
}

static void
clear_children (GtkWidget *parent)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (parent)) != NULL)
    {
      if (GTK_IS_FLOW_BOX (parent))
        gtk_flow_box_remove (GTK_FLOW_BOX (parent), child);
      else
        gtk_box_remove (GTK_BOX (parent), child);
    }
}

static GtkWidget *
module_row (const char   *module,
            AhiBlueprint *blueprint)
{
  GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *icon = gtk_image_new_from_icon_name (ahi_words_module_icon (module));
  GtkWidget *label = gtk_label_new (ahi_words_module_label (module, blueprint));

  gtk_widget_set_name (row, module);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_box_append (GTK_BOX (row), icon);
  gtk_box_append (GTK_BOX (row), label);
  return row;
}

static GtkWidget *
kpi_chip (const char   *kpi,
          AhiBlueprint *blueprint)
{
  GtkWidget *chip = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  GtkWidget *label = gtk_label_new (ahi_words_kpi_label (kpi, blueprint));

  gtk_widget_set_name (chip, kpi);
  gtk_widget_set_halign (chip, GTK_ALIGN_START);
  gtk_widget_add_css_class (chip, "card");
  gtk_widget_set_margin_top (label, 6);
  gtk_widget_set_margin_bottom (label, 6);
  gtk_widget_set_margin_start (label, 10);
  gtk_widget_set_margin_end (label, 10);
  gtk_widget_add_css_class (label, "caption");
  /* Two across on a phone: a long name takes two lines instead. */
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_box_append (GTK_BOX (chip), label);
  return chip;
}

/* The chosen sector's desk, from its blueprint: no sector is described
 * here in code. */
static void
show_preview (AhiFirstRun *self)
{
  guint selected = adw_combo_row_get_selected (self->sector_row);
  g_autoptr(AhiBlueprint) blueprint = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) resources = g_ptr_array_new ();
  g_autofree char *resource_list = NULL;
  g_autofree char *services = NULL;
  g_autofree char *kit = NULL;
  g_autofree char *starter = NULL;
  const AhiResourceTemplate *templates;
  const char * const *ids;
  guint n_templates = 0, n_services;

  if (selected >= ahi_words_n_sectors ())
    return;
  blueprint = ahi_blueprint_load (ahi_words_sectors[selected].id, &error);
  if (blueprint == NULL)
    {
      /* The shipped blueprints are checked by the core's tests. */
      g_critical ("Blueprint %s: %s", ahi_words_sectors[selected].id, error->message);
      return;
    }

  gtk_label_set_label (self->preview_title, _(ahi_words_sectors[selected].name));

  clear_children (GTK_WIDGET (self->preview_modules));
  ids = ahi_blueprint_get_modules (blueprint);
  for (guint i = 0; ids[i] != NULL; i++)
    gtk_box_append (self->preview_modules, module_row (ids[i], blueprint));

  clear_children (GTK_WIDGET (self->preview_kpis));
  ids = ahi_blueprint_get_kpis (blueprint);
  for (guint i = 0; ids[i] != NULL; i++)
    {
      gtk_flow_box_append (self->preview_kpis, kpi_chip (ids[i], blueprint));
      /* A figure's name is read, not operated: keyboard focus skips it. */
      gtk_widget_set_focusable (GTK_WIDGET (gtk_flow_box_get_child_at_index (self->preview_kpis, i)), FALSE);
    }

  /* Resource names are the business's data (Turkish), shown as they are. */
  templates = ahi_blueprint_get_resource_templates (blueprint, &n_templates);
  for (guint i = 0; i < n_templates; i++)
    g_ptr_array_add (resources, (gpointer) templates[i].name);
  g_ptr_array_add (resources, NULL);
  resource_list = g_strjoinv (", ", (char **) resources->pdata);
  n_services = ahi_blueprint_get_n_services (blueprint);
  services = g_strdup_printf (/* TRANSLATORS: %u is a number of services. */
                              g_dngettext (GETTEXT_PACKAGE, "%u service on the starter menu, with price and duration",
                                           "%u services on the starter menu, with prices and durations", n_services),
                              n_services);
  /* TRANSLATORS: %s lists the resources: "Koltuk 1, Koltuk 2, …". */
  kit = g_strdup_printf (_("Resources: %s"), resource_list);
  starter = g_strconcat (services, "\n", kit, NULL);
  gtk_label_set_label (self->preview_starter, starter);
}

static void
show_name_error (AhiFirstRun *self,
                 const char  *text)
{
  gboolean shown = text != NULL;

  gtk_label_set_label (self->name_error, text != NULL ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (self->name_error), shown);
  if (shown)
    gtk_widget_add_css_class (GTK_WIDGET (self->name_row), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->name_row), "error");
  gtk_accessible_update_state (GTK_ACCESSIBLE (self->name_row), GTK_ACCESSIBLE_STATE_INVALID,
                               shown ? GTK_ACCESSIBLE_INVALID_TRUE : GTK_ACCESSIBLE_INVALID_FALSE, -1);
}

/* The name as it will be saved, or NULL after saying next to the field
 * what is wrong with it. The store checks the same bounds again. */
static char *
checked_name (AhiFirstRun *self)
{
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->name_row))));
  glong chars = g_utf8_strlen (name, -1);

  if (chars == 0)
    {
      show_name_error (self, _("Write the name of the business: the desk shows it, and messages to customers are signed with it."));
      return NULL;
    }
  if (chars > AHI_BUSINESS_NAME_MAX_CHARS)
    {
      g_autofree char *text = NULL;

      /* TRANSLATORS: the first %u is the longest name allowed (120), the
       * second how long the typed one is. */
      text = g_strdup_printf (_("This name is too long: at most %u characters, it has %u."),
                              (guint) AHI_BUSINESS_NAME_MAX_CHARS, (guint) chars);
      show_name_error (self, text);
      return NULL;
    }
  show_name_error (self, NULL);
  return g_steal_pointer (&name);
}

static void
set_busy (AhiFirstRun *self,
          const char  *title)
{
  self->busy = title != NULL;
  if (title != NULL)
    adw_status_page_set_title (self->busy_page, title);
  gtk_spinner_set_spinning (self->busy_spinner, self->busy);
  gtk_stack_set_visible_child_name (self->stack, self->busy ? "busy" : "form");
}

static gint64
current_now (AhiFirstRun *self)
{
  gint64 now = ahi_application_get_now (get_application (self));

  return now != 0 ? now : g_get_real_time () / G_USEC_PER_SEC;
}

static void
on_made_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      data)
{
  AhiFirstRun *self = AHI_FIRST_RUN (source);
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_task_propagate_pointer (G_TASK (result), &error);
  g_autofree char *text = NULL;

  if (path != NULL && ahi_application_open_business (get_application (self), path, &error))
    {
      /* The main window has taken over. */
      gtk_window_destroy (GTK_WINDOW (self));
      return;
    }
  /* Back to the form as it was filled, with the reason. */
  set_busy (self, NULL);
  if (path == NULL)
    /* TRANSLATORS: %s says why, e.g. the disk is full. */
    text = g_strdup_printf (_("The business could not be made: %s"), error->message);
  else
    /* TRANSLATORS: %s says why. */
    text = g_strdup_printf (_("The business was made but could not be opened: %s"), error->message);
  ahi_first_run_show_message (self, text);
}

static void
start (AhiFirstRun *self,
       Job         *job,
       const char  *title)
{
  g_autoptr(GTask) task = g_task_new (self, NULL, on_made_cb, NULL);

  job->dir = ahi_application_dup_data_dir ();
  job->now = current_now (self);
  job->started = g_get_monotonic_time ();
  g_task_set_source_tag (task, start);
  g_task_set_task_data (task, job, (GDestroyNotify) job_free);
  set_busy (self, title);
  /* Making a business makes a database and appends its bootstrap in one
   * transaction: 40–110 ms measured here (test-first-run), several
   * frames, so on a worker; a demo generates months of visits, 1–2.5 s,
   * in the ahi-demo process. Either way the window keeps drawing (see
   * the first run's test for the times). */
  if (job->demo_path != NULL)
    make_demo (task);
  else
    g_task_run_in_thread (task, make_in_thread);
}

static void
set_wide (AhiFirstRun *self,
          gboolean     wide)
{
  self->wide = wide;
  gtk_orientable_set_orientation (GTK_ORIENTABLE (self->columns),
                                  wide ? GTK_ORIENTATION_HORIZONTAL : GTK_ORIENTATION_VERTICAL);
  /* Side by side the columns share the width equally; stacked, each
   * takes its own height. */
  gtk_box_set_homogeneous (self->columns, wide);
}

static gboolean
turn_columns_cb (gpointer data)
{
  AhiFirstRun *self = data;

  self->turn_id = 0;
  set_wide (self, gtk_widget_get_width (GTK_WIDGET (self)) >= WIDE_MIN_WIDTH);
  return G_SOURCE_REMOVE;
}

/* ------------------------------------------------------------- callbacks */

static void
on_name_changed_cb (AhiFirstRun *self)
{
  /* The message goes as soon as the desk starts to fix the name. */
  if (gtk_widget_get_visible (GTK_WIDGET (self->name_error)))
    show_name_error (self, NULL);
}

static void
on_sector_selected_cb (AhiFirstRun *self)
{
  show_preview (self);
}

static void
on_create_clicked_cb (AhiFirstRun *self)
{
  guint n_presets = 0;
  const AhiHoursPreset *presets = ahi_business_hours_presets (&n_presets);
  guint preset = adw_combo_row_get_selected (self->hours_row);
  g_autofree char *name = NULL;
  Job *job;

  if (self->busy)
    return;
  name = checked_name (self);
  if (name == NULL)
    {
      gtk_widget_grab_focus (GTK_WIDGET (self->name_row));
      return;
    }

  job = g_new0 (Job, 1);
  job->name = g_steal_pointer (&name);
  job->sector = g_strdup (ahi_first_run_get_sector (self));
  job->hours_preset = g_strdup (presets[MIN (preset, n_presets - 1)].id);
  /* The owner is named later, by themself, in the staff settings: the
   * first run asks three things and no more. */
  /* TRANSLATORS: the business owner's name until they type theirs; a
   * role, not a person ("İşletme Sahibi"). */
  job->owner_name = g_strdup (_("Owner"));
  start (self, job, _("Creating your business…"));
}

static void
on_demo_clicked_cb (AhiFirstRun *self)
{
  Job *job;

  if (self->busy)
    return;
  job = g_new0 (Job, 1);
  job->sector = g_strdup (ahi_first_run_get_sector (self));
  job->demo_path = ahi_application_dup_demo_path (job->sector);
  start (self, job, _("Preparing the demo business…"));
}

/* ------------------------------------------------------------- overrides */

static void
ahi_first_run_size_allocate (GtkWidget *widget,
                             int        width,
                             int        height,
                             int        baseline)
{
  AhiFirstRun *self = AHI_FIRST_RUN (widget);

  GTK_WIDGET_CLASS (ahi_first_run_parent_class)->size_allocate (widget, width, height, baseline);

  /* libadwaita 1.2 has no breakpoints: the window turns the columns
   * itself when its width crosses the threshold, from the main loop (a
   * layout change inside an allocation would be lost). */
  if ((width >= WIDE_MIN_WIDTH) != self->wide && self->turn_id == 0)
    self->turn_id = g_idle_add (turn_columns_cb, self);
}

static gboolean
ahi_first_run_close_request (GtkWindow *window)
{
  AhiFirstRun *self = AHI_FIRST_RUN (window);

  /* A business half made is not left behind: the window stays until the
   * worker is done (a few seconds at most). */
  if (self->busy)
    return TRUE;
  return GTK_WINDOW_CLASS (ahi_first_run_parent_class)->close_request (window);
}

static void
ahi_first_run_dispose (GObject *object)
{
  AhiFirstRun *self = AHI_FIRST_RUN (object);

  g_clear_handle_id (&self->turn_id, g_source_remove);
  g_clear_pointer (&self->message, g_free);
  gtk_widget_dispose_template (GTK_WIDGET (object), AHI_TYPE_FIRST_RUN);
  G_OBJECT_CLASS (ahi_first_run_parent_class)->dispose (object);
}

static void
ahi_first_run_class_init (AhiFirstRunClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = ahi_first_run_dispose;
  window_class->close_request = ahi_first_run_close_request;
  widget_class->size_allocate = ahi_first_run_size_allocate;

  gtk_widget_class_set_template_from_resource (widget_class, "/app/ahi/Desk/ahi-first-run.ui");
  gtk_widget_class_bind_template_child (widget_class, AhiFirstRun, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, AhiFirstRun, stack);
  gtk_widget_class_bind_template_child (widget_class, AhiFirstRun, columns);
  gtk_widget_class_bind_template_child (widget_class, AhiFirstRun, name_row);
  gtk_widget_class_bind_template_child (widget_class, AhiFirstRun, name_error);
  gtk_widget_class_bind_template_child (widget_class, AhiFirstRun, sector_row);
  gtk_widget_class_bind_template_child (widget_class, AhiFirstRun, hours_row);
  gtk_widget_class_bind_template_child (widget_class, AhiFirstRun, create_button);
  gtk_widget_class_bind_template_child (widget_class, AhiFirstRun, demo_button);
  gtk_widget_class_bind_template_child (widget_class, AhiFirstRun, preview_title);
  gtk_widget_class_bind_template_child (widget_class, AhiFirstRun, preview_modules);
  gtk_widget_class_bind_template_child (widget_class, AhiFirstRun, preview_kpis);
  gtk_widget_class_bind_template_child (widget_class, AhiFirstRun, preview_starter);
  gtk_widget_class_bind_template_child (widget_class, AhiFirstRun, busy_page);
  gtk_widget_class_bind_template_child (widget_class, AhiFirstRun, busy_spinner);
  gtk_widget_class_bind_template_callback (widget_class, on_name_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_sector_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_create_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_demo_clicked_cb);
}

static void
ahi_first_run_init (AhiFirstRun *self)
{
  g_autoptr(GtkStringList) sector_names = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) hour_names = gtk_string_list_new (NULL);
  guint n_presets = 0;
  const AhiHoursPreset *presets = ahi_business_hours_presets (&n_presets);

  gtk_widget_init_template (GTK_WIDGET (self));
  set_wide (self, TRUE);

  for (guint i = 0; i < ahi_words_n_sectors (); i++)
    gtk_string_list_append (sector_names, _(ahi_words_sectors[i].name));
  for (guint i = 0; i < n_presets; i++)
    gtk_string_list_append (hour_names, g_dgettext (GETTEXT_PACKAGE, presets[i].label));
  adw_combo_row_set_model (self->hours_row, G_LIST_MODEL (hour_names));
  /* Setting the model selects the first sector and fills the preview. */
  adw_combo_row_set_model (self->sector_row, G_LIST_MODEL (sector_names));
  show_preview (self);
}

/* ------------------------------------------------------------ public API */

AhiFirstRun *
ahi_first_run_new (AhiApplication *application)
{
  g_return_val_if_fail (AHI_IS_APPLICATION (application), NULL);
  return g_object_new (AHI_TYPE_FIRST_RUN, "application", application, NULL);
}

void
ahi_first_run_show_message (AhiFirstRun *self,
                            const char  *text)
{
  AdwToast *toast;

  g_return_if_fail (AHI_IS_FIRST_RUN (self));
  g_return_if_fail (text != NULL);

  g_free (self->message);
  self->message = g_strdup (text);
  toast = adw_toast_new (text);
  /* Read, not glanced at: it stays until dismissed. */
  adw_toast_set_timeout (toast, 0);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

void
ahi_first_run_open_demo (AhiFirstRun *self,
                         const char  *sector)
{
  guint index;

  g_return_if_fail (AHI_IS_FIRST_RUN (self));
  g_return_if_fail (sector != NULL);

  index = sector_index (sector);
  g_return_if_fail (index != G_MAXUINT);
  adw_combo_row_set_selected (self->sector_row, index);
  on_demo_clicked_cb (self);
}

const char *
ahi_first_run_get_message (AhiFirstRun *self)
{
  g_return_val_if_fail (AHI_IS_FIRST_RUN (self), NULL);
  return self->message;
}

gboolean
ahi_first_run_is_busy (AhiFirstRun *self)
{
  g_return_val_if_fail (AHI_IS_FIRST_RUN (self), FALSE);
  return self->busy;
}

const char *
ahi_first_run_get_sector (AhiFirstRun *self)
{
  guint selected;

  g_return_val_if_fail (AHI_IS_FIRST_RUN (self), NULL);
  selected = adw_combo_row_get_selected (self->sector_row);
  return ahi_words_sectors[MIN (selected, ahi_words_n_sectors () - 1)].id;
}

GtkWidget *
ahi_first_run_get_name_row (AhiFirstRun *self)
{
  g_return_val_if_fail (AHI_IS_FIRST_RUN (self), NULL);
  return GTK_WIDGET (self->name_row);
}

GtkWidget *
ahi_first_run_get_sector_row (AhiFirstRun *self)
{
  g_return_val_if_fail (AHI_IS_FIRST_RUN (self), NULL);
  return GTK_WIDGET (self->sector_row);
}

GtkWidget *
ahi_first_run_get_hours_row (AhiFirstRun *self)
{
  g_return_val_if_fail (AHI_IS_FIRST_RUN (self), NULL);
  return GTK_WIDGET (self->hours_row);
}

GtkWidget *
ahi_first_run_get_create_button (AhiFirstRun *self)
{
  g_return_val_if_fail (AHI_IS_FIRST_RUN (self), NULL);
  return self->create_button;
}

GtkWidget *
ahi_first_run_get_demo_button (AhiFirstRun *self)
{
  g_return_val_if_fail (AHI_IS_FIRST_RUN (self), NULL);
  return self->demo_button;
}

const char *
ahi_first_run_get_name_error (AhiFirstRun *self)
{
  g_return_val_if_fail (AHI_IS_FIRST_RUN (self), NULL);
  if (!gtk_widget_get_visible (GTK_WIDGET (self->name_error)))
    return NULL;
  return gtk_label_get_label (self->name_error);
}

GtkWidget *
ahi_first_run_get_preview_modules (AhiFirstRun *self)
{
  g_return_val_if_fail (AHI_IS_FIRST_RUN (self), NULL);
  return GTK_WIDGET (self->preview_modules);
}

GtkWidget *
ahi_first_run_get_preview_kpis (AhiFirstRun *self)
{
  g_return_val_if_fail (AHI_IS_FIRST_RUN (self), NULL);
  return GTK_WIDGET (self->preview_kpis);
}
