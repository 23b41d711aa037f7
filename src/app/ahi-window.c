/* ahi-window.c — the main window: modules beside (or under) the content */
#include "ahi-window-private.h"

#include "ahi-command-center-view.h"
#include "ahi-customers-view.h"
#include "ahi-i18n.h"
#include "ahi-settings-view.h"
#include "ahi-user-switch.h"
#include "ahi-words.h"
#include "core/ahi-time.h"
#include "store/ahi-tenant.h"

/* The bottom switcher of a phone shows this many pages at most; with more
 * modules the last place is "More" (STACK-NOTES: the bar has no overflow
 * of its own and truncates labels). Four fit Turkish words whole at 360 px
 * where five cut "Müşteriler" and "Daha fazla" short. */
#define BAR_PAGES 4

G_DEFINE_FINAL_TYPE (AhiWindow, ahi_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_CONTEXT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* --------------------------------------------------------------- helpers */

static gboolean
module_on_bar (AhiWindow  *self,
               const char *module)
{
  return adw_view_stack_get_child_by_name (self->stack, module) != NULL;
}

static GtkWidget *
not_built_page (const char *label,
                const char *icon)
{
  GtkWidget *page = adw_status_page_new ();

  adw_status_page_set_icon_name (ADW_STATUS_PAGE (page), icon);
  adw_status_page_set_title (ADW_STATUS_PAGE (page), label);
  adw_status_page_set_description (ADW_STATUS_PAGE (page),
    _("This module comes in a later version of Ahi Desk. What it will show is already being recorded."));
  return page;
}

static GtkWidget *
new_module_page (AhiWindow  *self,
                 const char *module,
                 const char *label)
{
  if (g_str_equal (module, "command_center"))
    return ahi_command_center_view_new (self->context);
  if (g_str_equal (module, "customers"))
    return ahi_customers_view_new (self->context);
  if (g_str_equal (module, "settings"))
    return ahi_settings_view_new (self->context);
  return not_built_page (label, ahi_words_module_icon (module));
}

/* A module's page, made once: a sector change keeps the pages of the
 * modules both sectors have (they follow "changed" themselves), which
 * keeps the switch to relabelling. */
static GtkWidget *
module_page (AhiWindow  *self,
             const char *module,
             const char *label)
{
  GtkWidget *page = g_hash_table_lookup (self->pages, module);

  if (page == NULL)
    {
      page = g_object_ref_sink (new_module_page (self, module, label));
      g_hash_table_insert (self->pages, g_strdup (module), page);
    }
  else if (ADW_IS_STATUS_PAGE (page))
    adw_status_page_set_title (ADW_STATUS_PAGE (page), label);
  if (g_str_equal (module, "command_center"))
    self->command_center = page;
  return page;
}

static GtkWidget *
sidebar_row (const char *module,
             const char *label)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *text = gtk_label_new (label);

  gtk_label_set_xalign (GTK_LABEL (text), 0);
  gtk_label_set_wrap (GTK_LABEL (text), TRUE);
  gtk_box_append (GTK_BOX (box), gtk_image_new_from_icon_name (ahi_words_module_icon (module)));
  gtk_box_append (GTK_BOX (box), text);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_widget_set_name (row, module);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  return row;
}

static void
on_more_row_activated_cb (GtkListBox    *list,
                          GtkListBoxRow *row,
                          AhiWindow     *self)
{
  ahi_window_show_module (self, gtk_widget_get_name (GTK_WIDGET (row)));
}

static void
update_chrome (AhiWindow *self)
{
  gboolean folded = adw_leaflet_get_folded (self->leaflet);
  gboolean in_more = g_strcmp0 (adw_view_stack_get_visible_child_name (self->stack), "more") == 0;
  const char *inner = self->more_stack != NULL ? gtk_stack_get_visible_child_name (self->more_stack) : NULL;
  AhiBlueprint *blueprint = ahi_context_get_blueprint (self->context);

  gtk_widget_set_visible (self->back_button, folded && in_more && g_strcmp0 (inner, "list") != 0);
  if (in_more && g_strcmp0 (inner, "list") == 0)
    adw_window_title_set_title (self->page_title, _("More"));
  else if (self->module != NULL && folded)
    /* A phone's header also holds who is at the desk: the short name,
     * as on the bottom switcher, keeps the title whole. */
    adw_window_title_set_title (self->page_title, ahi_words_module_short_label (self->module, blueprint));
  else if (self->module != NULL)
    adw_window_title_set_title (self->page_title, ahi_words_module_label (self->module, blueprint));
}

static void
select_sidebar_row (AhiWindow  *self,
                    const char *module)
{
  self->syncing_selection = TRUE;
  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->sidebar_list)); row != NULL;
       row = gtk_widget_get_next_sibling (row))
    if (g_strcmp0 (gtk_widget_get_name (row), module) == 0)
      gtk_list_box_select_row (self->sidebar_list, GTK_LIST_BOX_ROW (row));
  self->syncing_selection = FALSE;
}

static void
clear_pages (AhiWindow *self)
{
  GtkSelectionModel *pages = adw_view_stack_get_pages (self->stack);
  GtkWidget *row;

  while (g_list_model_get_n_items (G_LIST_MODEL (pages)) > 0)
    {
      g_autoptr(AdwViewStackPage) page = g_list_model_get_item (G_LIST_MODEL (pages), 0);
      adw_view_stack_remove (self->stack, adw_view_stack_page_get_child (page));
    }
  g_object_unref (pages);
  /* GTK 4.8 has no gtk_list_box_remove_all. */
  while ((row = gtk_widget_get_first_child (GTK_WIDGET (self->sidebar_list))) != NULL)
    gtk_list_box_remove (self->sidebar_list, row);
  self->more_stack = NULL;
  self->command_center = NULL;
}

/* Makes the pages, the sidebar and the "More" page from the blueprint:
 * the sector decides which modules exist and what they are called. */
static void
build_pages (AhiWindow *self)
{
  AhiBlueprint *blueprint = ahi_context_get_blueprint (self->context);
  const char * const *modules = ahi_blueprint_get_modules (blueprint);
  guint n = g_strv_length ((char **) modules);
  guint on_bar = n <= BAR_PAGES ? n : BAR_PAGES - 1;
  GtkWidget *more_list = NULL;

  clear_pages (self);

  for (guint i = 0; i < n; i++)
    {
      const char *module = modules[i];
      const char *label = ahi_words_module_label (module, blueprint);
      GtkWidget *page = module_page (self, module, label);

      gtk_list_box_append (self->sidebar_list, sidebar_row (module, label));
      if (i < on_bar)
        {
          AdwViewStackPage *stack_page =
            adw_view_stack_add_titled (self->stack, page, module, ahi_words_module_short_label (module, blueprint));
          adw_view_stack_page_set_icon_name (stack_page, ahi_words_module_icon (module));
          continue;
        }

      if (self->more_stack == NULL)
        {
          GtkWidget *scroller = gtk_scrolled_window_new ();
          GtkWidget *clamp = adw_clamp_new ();

          self->more_stack = GTK_STACK (gtk_stack_new ());
          more_list = gtk_list_box_new ();
          gtk_list_box_set_selection_mode (GTK_LIST_BOX (more_list), GTK_SELECTION_NONE);
          gtk_widget_add_css_class (more_list, "boxed-list");
          gtk_widget_set_margin_top (more_list, 18);
          gtk_widget_set_margin_start (more_list, 12);
          gtk_widget_set_margin_end (more_list, 12);
          gtk_accessible_update_property (GTK_ACCESSIBLE (more_list), GTK_ACCESSIBLE_PROPERTY_LABEL, _("More"), -1);
          g_signal_connect (more_list, "row-activated", G_CALLBACK (on_more_row_activated_cb), self);
          adw_clamp_set_child (ADW_CLAMP (clamp), more_list);
          gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), clamp);
          gtk_stack_add_named (self->more_stack, scroller, "list");
        }
      {
        GtkWidget *row = adw_action_row_new ();

        adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), label);
        adw_action_row_add_prefix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name (ahi_words_module_icon (module)));
        adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
        gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
        gtk_widget_set_name (row, module);
        gtk_list_box_append (GTK_LIST_BOX (more_list), row);
      }
      gtk_stack_add_named (self->more_stack, page, module);
    }

  /* Pages of modules the new sector does not have go. */
  {
    GHashTableIter iter;
    gpointer key;

    g_hash_table_iter_init (&iter, self->pages);
    while (g_hash_table_iter_next (&iter, &key, NULL))
      if (!g_strv_contains (modules, key))
        g_hash_table_iter_remove (&iter);
  }

  if (self->more_stack != NULL)
    {
      /* TRANSLATORS: the bottom switcher's last page on a phone. */
      AdwViewStackPage *more = adw_view_stack_add_titled (self->stack, GTK_WIDGET (self->more_stack), "more", _("More"));
      adw_view_stack_page_set_icon_name (more, "view-more-symbolic");
    }
  g_free (self->sector);
  self->sector = g_strdup (ahi_context_get_status (self->context)->sector);
}

/* The header names who is at the desk; their role decides what the
 * window offers. A change of person is said in a toast too. */
static void
update_user (AhiWindow *self)
{
  const char *name = ahi_context_get_actor_name (self->context);
  const char *actor = ahi_context_get_actor_id (self->context);
  /* TRANSLATORS: %s is the name of the person using the app. */
  g_autofree char *label = g_strdup_printf (_("%s is at the desk. Switch user"), name);

  gtk_label_set_label (self->user_label, name);
  adw_avatar_set_text (self->user_avatar, name);
  gtk_widget_set_tooltip_text (self->user_button, label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->user_button), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);

  if (self->actor_shown != NULL && g_strcmp0 (self->actor_shown, actor) != 0)
    {
      /* TRANSLATORS: %s is the name of the person who just took the desk. */
      g_autofree char *toast = g_strdup_printf (_("%s is at the desk now."), name);

      ahi_window_add_toast (self, toast);
    }
  g_free (self->actor_shown);
  self->actor_shown = g_strdup (actor);
  _ahi_window_update_backup_actions (self);
}

static void
update_status (AhiWindow *self)
{
  const AhiDeskStatus *status = ahi_context_get_status (self->context);
  g_autoptr(GTimeZone) zone = ahi_tenant_timezone (ahi_store_get_db (ahi_context_get_store (self->context)));
  g_autofree char *today = ahi_time_format_date (zone, ahi_context_now (self->context), ahi_i18n_language ());
  g_autofree char *sync = NULL;
  g_autofree char *sync_short = NULL;
  g_autofree char *alerts = NULL;
  g_autofree char *alerts_tip = NULL;
  guint pending = (guint) MIN (status->pending_events, G_MAXUINT);
  guint open = (guint) MIN (status->open_alerts, G_MAXUINT);

  adw_window_title_set_title (self->business_title, status->name);
  adw_window_title_set_subtitle (self->page_title, today);
  gtk_window_set_title (GTK_WINDOW (self), status->name);

  /* Sync state in words, never only in colour; until sync exists the
   * desk works offline and says how much is waiting. */
  if (pending == 0)
    sync = g_strdup (_("Offline · nothing waiting"));
  else
    {
      g_autofree char *count = ahi_words_count (pending);

      /* TRANSLATORS: %s is a count with its thousands grouped, "12.786". */
      sync = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Offline · %s change waiting",
                                           "Offline · %s changes waiting", pending), count);
    }
  sync_short = g_strdup (_("Offline"));
  gtk_label_set_label (self->sync_label, sync);
  gtk_label_set_label (self->sync_short_label, sync_short);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->sync_short_label), sync);

  alerts = g_strdup_printf ("%u", open);
  alerts_tip = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u open alert", "%u open alerts", open), open);
  adw_button_content_set_label (self->alerts_content, alerts);
  gtk_widget_set_tooltip_text (self->alerts_button, alerts_tip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->alerts_button), GTK_ACCESSIBLE_PROPERTY_LABEL, alerts_tip, -1);
  gtk_widget_set_visible (self->alerts_button, open > 0);
}

/* ------------------------------------------------------------- callbacks */

static void
on_context_changed_cb (AhiContext *context,
                       AhiWindow  *self)
{
  const char *sector = ahi_context_get_status (context)->sector;

  if (g_strcmp0 (sector, self->sector) != 0)
    {
      g_autofree char *shown = g_strdup (self->module);

      build_pages (self);
      if (shown == NULL || !ahi_window_show_module (self, shown))
        ahi_window_show_module (self, "command_center");
    }
  update_status (self);
  update_user (self);
  update_chrome (self);
}

static void
on_leaflet_folded_cb (AhiWindow *self)
{
  gboolean folded = adw_leaflet_get_folded (self->leaflet);

  adw_view_switcher_bar_set_reveal (self->switcher_bar, folded);
  /* A phone's header has room for the initials only; the name is in the
   * button's tooltip and accessible label. */
  gtk_widget_set_visible (GTK_WIDGET (self->user_label), !folded);
  adw_header_bar_set_show_start_title_buttons (self->content_header, folded);
  if (folded)
    adw_leaflet_set_visible_child (self->leaflet, self->content);
  update_chrome (self);
}

static void
on_sidebar_row_selected_cb (AhiWindow     *self,
                            GtkListBoxRow *row)
{
  if (row == NULL || self->syncing_selection)
    return;
  ahi_window_show_module (self, gtk_widget_get_name (GTK_WIDGET (row)));
}

static void
on_stack_page_cb (AhiWindow *self)
{
  const char *name = adw_view_stack_get_visible_child_name (self->stack);

  if (name == NULL)
    return;
  /* The bottom switcher moved to another page: follow it. */
  if (!g_str_equal (name, "more"))
    {
      g_free (self->module);
      self->module = g_strdup (name);
      select_sidebar_row (self, name);
    }
  update_chrome (self);
}

static void
on_back_clicked_cb (AhiWindow *self)
{
  if (self->more_stack != NULL)
    gtk_stack_set_visible_child_name (self->more_stack, "list");
  update_chrome (self);
}

static void
show_module_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  ahi_window_show_module (AHI_WINDOW (widget), g_variant_get_string (parameter, NULL));
}

static void
switch_user_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  ahi_window_open_user_switch (AHI_WINDOW (widget));
}

static void
reload_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  AhiWindow *self = AHI_WINDOW (widget);
  g_autoptr(GError) error = NULL;

  if (!ahi_context_reload (self->context, &error))
    ahi_window_add_toast (self, error->message);
}

/* ------------------------------------------------------------- overrides */

static void
ahi_window_constructed (GObject *object)
{
  AhiWindow *self = AHI_WINDOW (object);

  G_OBJECT_CLASS (ahi_window_parent_class)->constructed (object);

  g_signal_connect (self->context, "changed", G_CALLBACK (on_context_changed_cb), self);
  build_pages (self);
  ahi_window_show_module (self, "command_center");
  update_status (self);
  update_user (self);
  on_leaflet_folded_cb (self);
  _ahi_window_schedule_auto_backup (self);
}

static void
ahi_window_dispose (GObject *object)
{
  AhiWindow *self = AHI_WINDOW (object);

  self->disposed = TRUE;
  _ahi_window_dispose_backup (self);
  if (self->context != NULL)
    g_signal_handlers_disconnect_by_data (self->context, self);
  g_clear_pointer (&self->pages, g_hash_table_unref);
  gtk_widget_dispose_template (GTK_WIDGET (self), AHI_TYPE_WINDOW);
  G_OBJECT_CLASS (ahi_window_parent_class)->dispose (object);
}

static void
ahi_window_finalize (GObject *object)
{
  AhiWindow *self = AHI_WINDOW (object);

  g_clear_object (&self->context);
  g_free (self->sector);
  g_free (self->module);
  g_free (self->last_toast);
  g_free (self->actor_shown);
  G_OBJECT_CLASS (ahi_window_parent_class)->finalize (object);
}

static void
ahi_window_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  AhiWindow *self = AHI_WINDOW (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      self->context = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ahi_window_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  AhiWindow *self = AHI_WINDOW (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      g_value_set_object (value, self->context);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ahi_window_class_init (AhiWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = ahi_window_constructed;
  object_class->dispose = ahi_window_dispose;
  object_class->finalize = ahi_window_finalize;
  object_class->set_property = ahi_window_set_property;
  object_class->get_property = ahi_window_get_property;

  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL, AHI_TYPE_CONTEXT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/app/ahi/Desk/ahi-window.ui");
  gtk_widget_class_bind_template_child (widget_class, AhiWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, AhiWindow, leaflet);
  gtk_widget_class_bind_template_child (widget_class, AhiWindow, sidebar);
  gtk_widget_class_bind_template_child (widget_class, AhiWindow, sidebar_header);
  gtk_widget_class_bind_template_child (widget_class, AhiWindow, business_title);
  gtk_widget_class_bind_template_child (widget_class, AhiWindow, sidebar_list);
  gtk_widget_class_bind_template_child (widget_class, AhiWindow, content);
  gtk_widget_class_bind_template_child (widget_class, AhiWindow, content_header);
  gtk_widget_class_bind_template_child (widget_class, AhiWindow, page_title);
  gtk_widget_class_bind_template_child (widget_class, AhiWindow, back_button);
  gtk_widget_class_bind_template_child (widget_class, AhiWindow, user_button);
  gtk_widget_class_bind_template_child (widget_class, AhiWindow, user_avatar);
  gtk_widget_class_bind_template_child (widget_class, AhiWindow, user_label);
  gtk_widget_class_bind_template_child (widget_class, AhiWindow, alerts_button);
  gtk_widget_class_bind_template_child (widget_class, AhiWindow, alerts_content);
  gtk_widget_class_bind_template_child (widget_class, AhiWindow, sync_label);
  gtk_widget_class_bind_template_child (widget_class, AhiWindow, sync_short_label);
  gtk_widget_class_bind_template_child (widget_class, AhiWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, AhiWindow, switcher_bar);
  gtk_widget_class_bind_template_callback (widget_class, on_leaflet_folded_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_sidebar_row_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_stack_page_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_back_clicked_cb);

  gtk_widget_class_install_action (widget_class, "win.show-module", "s", show_module_action);
  gtk_widget_class_install_action (widget_class, "win.reload", NULL, reload_action);
  gtk_widget_class_install_action (widget_class, "win.switch-user", NULL, switch_user_action);
  _ahi_window_class_init_backup (widget_class);
}

static void
ahi_window_init (AhiWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->pages = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
}

/* ------------------------------------------------------------ public API */

AhiWindow *
ahi_window_new (GtkApplication *application,
                AhiContext     *context)
{
  g_return_val_if_fail (AHI_IS_CONTEXT (context), NULL);
  return g_object_new (AHI_TYPE_WINDOW, "application", application, "context", context, NULL);
}

AhiContext *
ahi_window_get_context (AhiWindow *self)
{
  g_return_val_if_fail (AHI_IS_WINDOW (self), NULL);
  return self->context;
}

gboolean
ahi_window_show_module (AhiWindow  *self,
                        const char *module)
{
  g_return_val_if_fail (AHI_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (module != NULL, FALSE);

  if (!ahi_blueprint_has_module (ahi_context_get_blueprint (self->context), module))
    return FALSE;

  g_free (self->module);
  self->module = g_strdup (module);
  if (module_on_bar (self, module))
    adw_view_stack_set_visible_child_name (self->stack, module);
  else
    {
      gtk_stack_set_visible_child_name (self->more_stack, module);
      adw_view_stack_set_visible_child_name (self->stack, "more");
    }
  select_sidebar_row (self, module);
  if (adw_leaflet_get_folded (self->leaflet))
    adw_leaflet_set_visible_child (self->leaflet, self->content);
  update_chrome (self);
  return TRUE;
}

const char *
ahi_window_get_module (AhiWindow *self)
{
  g_return_val_if_fail (AHI_IS_WINDOW (self), NULL);
  return self->module;
}

void
ahi_window_add_toast (AhiWindow  *self,
                      const char *text)
{
  g_return_if_fail (AHI_IS_WINDOW (self));

  /* Work that ends after the window closed has nobody to tell. */
  if (self->disposed)
    return;
  g_free (self->last_toast);
  self->last_toast = g_strdup (text);
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (text));
}

const char *
ahi_window_get_last_toast (AhiWindow *self)
{
  g_return_val_if_fail (AHI_IS_WINDOW (self), NULL);
  return self->last_toast;
}

AhiUserSwitch *
ahi_window_open_user_switch (AhiWindow *self)
{
  AhiUserSwitch *user_switch;

  g_return_val_if_fail (AHI_IS_WINDOW (self), NULL);

  user_switch = ahi_user_switch_new (GTK_WINDOW (self), self->context);
  gtk_window_present (GTK_WINDOW (user_switch));
  return user_switch;
}

GtkWidget *
ahi_window_get_user_button (AhiWindow *self)
{
  g_return_val_if_fail (AHI_IS_WINDOW (self), NULL);
  return self->user_button;
}

GtkWidget *
ahi_window_get_leaflet (AhiWindow *self)
{
  return GTK_WIDGET (self->leaflet);
}

GtkWidget *
ahi_window_get_stack (AhiWindow *self)
{
  return GTK_WIDGET (self->stack);
}

GtkWidget *
ahi_window_get_switcher_bar (AhiWindow *self)
{
  return GTK_WIDGET (self->switcher_bar);
}

GtkWidget *
ahi_window_get_sidebar_list (AhiWindow *self)
{
  return GTK_WIDGET (self->sidebar_list);
}

GtkWidget *
ahi_window_get_command_center (AhiWindow *self)
{
  return self->command_center;
}

const char *
ahi_window_get_sync_text (AhiWindow *self)
{
  return gtk_label_get_label (self->sync_label);
}
