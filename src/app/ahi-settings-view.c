/* ahi-settings-view.c — the business's settings */
#include "ahi-settings-view.h"

#include "ahi-i18n.h"
#include "ahi-words.h"
#include "ahi-window.h"


struct _AhiSettingsView
{
  AdwBin        parent_instance;

  GtkWidget    *business_group;
  AdwComboRow  *sector_row;
  GtkWidget    *restore_row;

  AhiContext   *context;
  gboolean      updating;
};

G_DEFINE_FINAL_TYPE (AhiSettingsView, ahi_settings_view, ADW_TYPE_BIN)

static void
show_sector (AhiSettingsView *self)
{
  const char *sector = ahi_context_get_status (self->context)->sector;

  self->updating = TRUE;
  for (guint i = 0; i < ahi_words_n_sectors (); i++)
    if (g_strcmp0 (ahi_words_sectors[i].id, sector) == 0)
      adw_combo_row_set_selected (self->sector_row, i);
  self->updating = FALSE;
  /* The sector is a blueprint.updated event: offered only to whom the
   * write table lets append it (the owner). A restore is not an event:
   * the app's own rule, owners and managers. The others are not offered
   * them. */
  gtk_widget_set_visible (self->business_group, ahi_context_actor_may_append (self->context, "blueprint.updated"));
  gtk_widget_set_visible (self->restore_row, ahi_context_actor_is_manager (self->context));
}

typedef struct {
  AhiContext *context;
  GtkWidget  *window;     /* may be NULL */
  const char *sector;     /* static */
} SectorChange;

/* Runs from the main loop, not from the combo row's signal: the change
 * re-makes every page, this one too. */
static gboolean
change_sector_cb (gpointer data)
{
  SectorChange *change = data;
  g_autoptr(GError) error = NULL;

  if (!ahi_context_change_sector (change->context, change->sector, &error))
    {
      g_autofree char *text = g_strdup_printf (_("The sector was not changed: %s"), ahi_words_error (error));

      if (change->window != NULL)
        ahi_window_add_toast (AHI_WINDOW (change->window), text);
      /* Puts the row back on the sector in force. */
      ahi_context_reload (change->context, NULL);
    }
  g_object_unref (change->context);
  g_clear_object (&change->window);
  g_free (change);
  return G_SOURCE_REMOVE;
}

static void
on_sector_selected_cb (AhiSettingsView *self)
{
  guint selected = adw_combo_row_get_selected (self->sector_row);
  SectorChange *change;
  GtkWidget *window;

  if (self->updating || selected >= ahi_words_n_sectors () ||
      g_strcmp0 (ahi_words_sectors[selected].id, ahi_context_get_status (self->context)->sector) == 0)
    return;
  window = gtk_widget_get_ancestor (GTK_WIDGET (self), AHI_TYPE_WINDOW);
  change = g_new0 (SectorChange, 1);
  change->context = g_object_ref (self->context);
  change->window = window != NULL ? g_object_ref (window) : NULL;
  change->sector = ahi_words_sectors[selected].id;
  g_idle_add (change_sector_cb, change);
}

static void
on_context_changed_cb (AhiContext      *context,
                       AhiSettingsView *self)
{
  show_sector (self);
}

static void
ahi_settings_view_dispose (GObject *object)
{
  AhiSettingsView *self = AHI_SETTINGS_VIEW (object);

  if (self->context != NULL)
    g_signal_handlers_disconnect_by_data (self->context, self);
  g_clear_object (&self->context);
  G_OBJECT_CLASS (ahi_settings_view_parent_class)->dispose (object);
}

static void
ahi_settings_view_class_init (AhiSettingsViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ahi_settings_view_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, "/app/ahi/Desk/ahi-settings-view.ui");
  gtk_widget_class_bind_template_child (widget_class, AhiSettingsView, business_group);
  gtk_widget_class_bind_template_child (widget_class, AhiSettingsView, sector_row);
  gtk_widget_class_bind_template_child (widget_class, AhiSettingsView, restore_row);
  gtk_widget_class_bind_template_callback (widget_class, on_sector_selected_cb);
}

static void
ahi_settings_view_init (AhiSettingsView *self)
{
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);

  gtk_widget_init_template (GTK_WIDGET (self));
  self->updating = TRUE;
  for (guint i = 0; i < ahi_words_n_sectors (); i++)
    gtk_string_list_append (names, _(ahi_words_sectors[i].name));
  adw_combo_row_set_model (self->sector_row, G_LIST_MODEL (names));
  self->updating = FALSE;
}

GtkWidget *
ahi_settings_view_new (AhiContext *context)
{
  AhiSettingsView *self = g_object_new (AHI_TYPE_SETTINGS_VIEW, NULL);

  self->context = g_object_ref (context);
  g_signal_connect (context, "changed", G_CALLBACK (on_context_changed_cb), self);
  show_sector (self);
  return GTK_WIDGET (self);
}
