/* ahi-user-switch.c — who is at the desk: pick a colleague, type their PIN */
#include "ahi-user-switch.h"

#include "ahi-i18n.h"
#include "store/ahi-store-error.h"

struct _AhiUserSwitch
{
  AdwWindow             parent_instance;

  AdwWindowTitle       *window_title;
  GtkWidget            *back_button;
  GtkStack             *stack;
  GtkListBox           *user_list;
  GtkLabel             *list_status;
  GtkWidget            *own_pin_hint;
  AdwAvatar            *pin_avatar;
  GtkLabel             *pin_name;
  AdwPasswordEntryRow  *pin_row;
  GtkLabel             *pin_error;
  GtkWidget            *pin_button;
  GtkLabel             *set_pin_title;
  AdwPasswordEntryRow  *new_pin_row;
  AdwPasswordEntryRow  *repeat_pin_row;
  GtkLabel             *set_pin_error;
  GtkWidget            *set_pin_button;

  AhiContext           *context;
  GPtrArray            *users;          /* AhiDeskUser*, as listed */
  const AhiDeskUser    *chosen;         /* in users: the PIN page's member */
  GCancellable         *cancellable;
  gboolean              busy;
};

G_DEFINE_FINAL_TYPE (AhiUserSwitch, ahi_user_switch, ADW_TYPE_WINDOW)

/* --------------------------------------------------------------- helpers */

static const char *
role_word (const char *role)
{
  if (g_strcmp0 (role, "owner") == 0)
    return _("Owner");
  if (g_strcmp0 (role, "manager") == 0)
    return _("Manager");
  return _("Staff member");
}

static const AhiDeskUser *
find_user (AhiUserSwitch *self,
           const char    *staff_id)
{
  for (guint i = 0; self->users != NULL && i < self->users->len; i++)
    {
      const AhiDeskUser *user = g_ptr_array_index (self->users, i);

      if (g_strcmp0 (user->staff_id, staff_id) == 0)
        return user;
    }
  return NULL;
}

/* What went wrong, in the desk's words; the store's messages are for logs. */
static char *
pin_error_text (const GError      *error,
                const AhiDeskUser *user)
{
  const char *name = user != NULL ? user->display_name : "";

  if (error->domain == AHI_STORE_ERROR)
    switch (error->code)
      {
      case AHI_STORE_ERROR_WRONG_PIN:
        return g_strdup (_("Wrong PIN. Nothing was changed; try again."));
      case AHI_STORE_ERROR_INVALID_INPUT:
        return g_strdup (_("A PIN is 4 to 6 digits."));
      case AHI_STORE_ERROR_INVALID_STATE:
        /* TRANSLATORS: %s is a staff member's name. */
        return g_strdup_printf (_("%s has no PIN yet."), name);
      case AHI_STORE_ERROR_NOT_FOUND:
        /* TRANSLATORS: %s is a staff member's name. */
        return g_strdup_printf (_("%s no longer works here."), name);
      case AHI_STORE_ERROR_FORBIDDEN:
        return g_strdup (_("Your role may not set this PIN."));
      default:
        break;
      }
  return g_strdup (error->message);
}

static void
show_error (GtkLabel   *label,
            const char *text)
{
  gtk_label_set_label (label, text != NULL ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (label), text != NULL);
}

static void
set_busy (AhiUserSwitch *self,
          gboolean       busy)
{
  self->busy = busy;
  /* The rows stay sensitive but read-only: a focused text made
   * insensitive loses its focus-out in GTK 4.8 (a warning), and the
   * cursor stays where the person was typing. */
  gtk_editable_set_editable (GTK_EDITABLE (self->pin_row), !busy);
  gtk_editable_set_editable (GTK_EDITABLE (self->new_pin_row), !busy);
  gtk_editable_set_editable (GTK_EDITABLE (self->repeat_pin_row), !busy);
  gtk_widget_set_sensitive (self->pin_button, !busy);
  gtk_widget_set_sensitive (self->set_pin_button, !busy);
  gtk_button_set_label (GTK_BUTTON (self->pin_button), busy ? _("Checking…") : _("Switch User"));
}

static void
show_page (AhiUserSwitch *self,
           const char    *page)
{
  gboolean list = g_str_equal (page, "list");

  gtk_stack_set_visible_child_name (self->stack, page);
  gtk_widget_set_visible (self->back_button, !list);
  if (list)
    adw_window_title_set_title (self->window_title, _("Who Is at the Desk?"));
  else if (g_str_equal (page, "pin"))
    adw_window_title_set_title (self->window_title, _("Enter PIN"));
  else
    adw_window_title_set_title (self->window_title, _("Set PIN"));
}

static void
on_edit_pin_clicked_cb (GtkButton     *button,
                        AhiUserSwitch *self);

static GtkWidget *
user_row (AhiUserSwitch     *self,
          const AhiDeskUser *user)
{
  gboolean current = g_strcmp0 (user->staff_id, ahi_context_get_actor_id (self->context)) == 0;
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *avatar = adw_avatar_new (40, user->display_name, TRUE);
  g_autofree char *subtitle = NULL;

  if (current)
    /* TRANSLATORS: a role ("Owner"), then that this person is the one
     * using the app now. */
    subtitle = g_strdup_printf (_("%s · at the desk now"), role_word (user->role));
  else if (!user->has_pin)
    /* TRANSLATORS: a role ("Staff member"), then why they cannot be
     * picked yet. */
    subtitle = g_strdup_printf (_("%s · no PIN yet"), role_word (user->role));
  else
    subtitle = g_strdup (role_word (user->role));

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), user->display_name);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), avatar);
  gtk_widget_set_name (row, user->staff_id);

  if (ahi_context_actor_may_set_pin (self->context, user))
    {
      /* An icon: a phone's row has no room for words beside the name.
       * The tooltip and the accessible label say it. */
      GtkWidget *edit = gtk_button_new_from_icon_name ("dialog-password-symbolic");
      /* TRANSLATORS: %s is a staff member's name. */
      g_autofree char *label = g_strdup_printf (user->has_pin ? _("Change the PIN of %s") : _("Set a PIN for %s"),
                                                user->display_name);

      gtk_widget_set_valign (edit, GTK_ALIGN_CENTER);
      gtk_widget_set_tooltip_text (edit, label);
      gtk_widget_add_css_class (edit, "flat");
      gtk_widget_set_name (edit, "edit-pin");
      gtk_accessible_update_property (GTK_ACCESSIBLE (edit), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
      g_object_set_data_full (G_OBJECT (edit), "staff-id", g_strdup (user->staff_id), g_free);
      g_signal_connect (edit, "clicked", G_CALLBACK (on_edit_pin_clicked_cb), self);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), edit);
      g_object_set_data (G_OBJECT (row), "edit-pin", edit);
    }

  /* Only a colleague with a PIN can take the desk: the others are listed
   * (one may set their PIN) but not offered. */
  if (current)
    adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("object-select-symbolic"));
  else if (user->has_pin)
    {
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
    }
  else
    {
      /* An empty place where the others have an arrow, so that the key
       * buttons stand in one column. */
      GtkWidget *place = gtk_image_new ();

      gtk_image_set_pixel_size (GTK_IMAGE (place), 16);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), place);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
    }
  return row;
}

static void
fill_list (AhiUserSwitch *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) users = ahi_context_list_users (self->context, &error);
  const AhiDeskUser *me = NULL;
  GtkWidget *row;

  if (users == NULL)
    {
      show_error (self->list_status, error->message);
      return;
    }
  /* The PIN page points into the list: keep the member it shows. */
  if (self->chosen != NULL)
    return;
  g_clear_pointer (&self->users, g_ptr_array_unref);
  self->users = g_steal_pointer (&users);

  while ((row = gtk_widget_get_first_child (GTK_WIDGET (self->user_list))) != NULL)
    gtk_list_box_remove (self->user_list, row);
  for (guint i = 0; i < self->users->len; i++)
    gtk_list_box_append (self->user_list, user_row (self, g_ptr_array_index (self->users, i)));

  /* Whoever hands over the desk without a PIN of their own cannot take
   * it back (until the app starts again). */
  me = find_user (self, ahi_context_get_actor_id (self->context));
  gtk_widget_set_visible (self->own_pin_hint, me != NULL && !me->has_pin && self->users->len > 1);
}

static GtkListBoxRow *
find_row (AhiUserSwitch *self,
          const char    *staff_id)
{
  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->user_list)); row != NULL;
       row = gtk_widget_get_next_sibling (row))
    if (g_strcmp0 (gtk_widget_get_name (row), staff_id) == 0)
      return GTK_LIST_BOX_ROW (row);
  return NULL;
}

static void
open_pin_page (AhiUserSwitch     *self,
               const AhiDeskUser *user)
{
  self->chosen = user;
  adw_avatar_set_text (self->pin_avatar, user->display_name);
  gtk_label_set_label (self->pin_name, user->display_name);
  gtk_editable_set_text (GTK_EDITABLE (self->pin_row), "");
  show_error (self->pin_error, NULL);
  show_page (self, "pin");
  gtk_widget_grab_focus (GTK_WIDGET (self->pin_row));
}

static void
open_set_pin_page (AhiUserSwitch     *self,
                   const AhiDeskUser *user)
{
  /* TRANSLATORS: %s is a staff member's name. */
  g_autofree char *title = g_strdup_printf (_("A PIN for %s"), user->display_name);

  self->chosen = user;
  gtk_label_set_label (self->set_pin_title, title);
  gtk_editable_set_text (GTK_EDITABLE (self->new_pin_row), "");
  gtk_editable_set_text (GTK_EDITABLE (self->repeat_pin_row), "");
  show_error (self->set_pin_error, NULL);
  show_page (self, "set-pin");
  gtk_widget_grab_focus (GTK_WIDGET (self->new_pin_row));
}

static void
back_to_list (AhiUserSwitch *self)
{
  /* The PINs typed are not kept on a page nobody sees. */
  gtk_editable_set_text (GTK_EDITABLE (self->pin_row), "");
  gtk_editable_set_text (GTK_EDITABLE (self->new_pin_row), "");
  gtk_editable_set_text (GTK_EDITABLE (self->repeat_pin_row), "");
  self->chosen = NULL;
  fill_list (self);
  show_page (self, "list");
}

/* ------------------------------------------------------------- callbacks */

static void
on_switched_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      data)
{
  g_autoptr(AhiUserSwitch) self = data;
  g_autoptr(GError) error = NULL;

  if (ahi_context_switch_user_finish (AHI_CONTEXT (source), result, &error))
    {
      /* Done: the header now names them. */
      self->busy = FALSE;
      gtk_window_destroy (GTK_WINDOW (self));
      return;
    }
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  set_busy (self, FALSE);
  {
    g_autofree char *text = pin_error_text (error, self->chosen);

    show_error (self->pin_error, text);
  }
  gtk_editable_set_text (GTK_EDITABLE (self->pin_row), "");
  gtk_widget_grab_focus (GTK_WIDGET (self->pin_row));
}

static void
on_pin_activated_cb (AhiUserSwitch *self)
{
  const char *pin = gtk_editable_get_text (GTK_EDITABLE (self->pin_row));

  if (self->busy || self->chosen == NULL)
    return;
  /* A malformed PIN is told at once, without the ~150 ms hash. */
  if (!ahi_desk_pin_is_valid (pin, NULL))
    {
      show_error (self->pin_error, _("A PIN is 4 to 6 digits."));
      return;
    }
  show_error (self->pin_error, NULL);
  set_busy (self, TRUE);
  ahi_context_switch_user_async (self->context, self->chosen->staff_id, pin, self->cancellable,
                                 on_switched_cb, g_object_ref (self));
}

static void
on_pin_set_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      data)
{
  g_autoptr(AhiUserSwitch) self = data;
  g_autoptr(GError) error = NULL;
  g_autofree char *done = NULL;

  if (!ahi_context_set_pin_finish (AHI_CONTEXT (source), result, &error))
    {
      g_autofree char *text = NULL;

      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      set_busy (self, FALSE);
      text = pin_error_text (error, self->chosen);
      show_error (self->set_pin_error, text);
      return;
    }
  set_busy (self, FALSE);
  /* TRANSLATORS: %s is a staff member's name. */
  done = g_strdup_printf (_("The PIN of %s is set."), self->chosen->display_name);
  back_to_list (self);
  gtk_label_set_label (self->list_status, done);
  gtk_widget_set_visible (GTK_WIDGET (self->list_status), TRUE);
}

static void
on_set_pin_activated_cb (AhiUserSwitch *self)
{
  const char *pin = gtk_editable_get_text (GTK_EDITABLE (self->new_pin_row));
  const char *repeat = gtk_editable_get_text (GTK_EDITABLE (self->repeat_pin_row));

  if (self->busy || self->chosen == NULL)
    return;
  if (!ahi_desk_pin_is_valid (pin, NULL))
    {
      show_error (self->set_pin_error, _("A PIN is 4 to 6 digits."));
      return;
    }
  if (g_strcmp0 (pin, repeat) != 0)
    {
      show_error (self->set_pin_error, _("The two PINs differ. Type the same PIN twice."));
      return;
    }
  show_error (self->set_pin_error, NULL);
  set_busy (self, TRUE);
  ahi_context_set_pin_async (self->context, self->chosen->staff_id, pin, self->cancellable,
                             on_pin_set_cb, g_object_ref (self));
}

static void
on_pin_changed_cb (AhiUserSwitch *self,
                   GtkEditable   *row)
{
  /* Typing again clears an old "wrong PIN"; emptying the row after a
   * failed try (done here too) keeps it. */
  if (!self->busy && gtk_editable_get_text (row)[0] != '\0')
    {
      show_error (self->pin_error, NULL);
      show_error (self->set_pin_error, NULL);
    }
}

static void
on_user_activated_cb (AhiUserSwitch *self,
                      GtkListBoxRow *row)
{
  const AhiDeskUser *user = find_user (self, gtk_widget_get_name (GTK_WIDGET (row)));

  if (user == NULL || !user->has_pin || self->busy)
    return;
  gtk_widget_set_visible (GTK_WIDGET (self->list_status), FALSE);
  open_pin_page (self, user);
}

static void
on_edit_pin_clicked_cb (GtkButton     *button,
                        AhiUserSwitch *self)
{
  const AhiDeskUser *user = find_user (self, g_object_get_data (G_OBJECT (button), "staff-id"));

  if (user == NULL || self->busy)
    return;
  gtk_widget_set_visible (GTK_WIDGET (self->list_status), FALSE);
  open_set_pin_page (self, user);
}

static void
on_back_clicked_cb (AhiUserSwitch *self)
{
  if (!self->busy)
    back_to_list (self);
}

static gboolean
on_escape_cb (GtkWidget *widget,
              GVariant  *args,
              gpointer   data)
{
  AhiUserSwitch *self = AHI_USER_SWITCH (widget);

  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "list") != 0)
    on_back_clicked_cb (self);
  else
    gtk_window_close (GTK_WINDOW (self));
  return TRUE;
}

static void
on_context_changed_cb (AhiContext    *context,
                       AhiUserSwitch *self)
{
  fill_list (self);
}

/* ------------------------------------------------------------- overrides */

static void
ahi_user_switch_dispose (GObject *object)
{
  AhiUserSwitch *self = AHI_USER_SWITCH (object);

  g_cancellable_cancel (self->cancellable);
  /* A PIN row that still has the focus when its window goes makes GTK
   * warn that it missed the focus-out: take the focus away first. */
  gtk_window_set_focus (GTK_WINDOW (self), NULL);
  if (self->context != NULL)
    g_signal_handlers_disconnect_by_data (self->context, self);
  g_clear_object (&self->context);
  gtk_widget_dispose_template (GTK_WIDGET (self), AHI_TYPE_USER_SWITCH);
  G_OBJECT_CLASS (ahi_user_switch_parent_class)->dispose (object);
}

static void
ahi_user_switch_finalize (GObject *object)
{
  AhiUserSwitch *self = AHI_USER_SWITCH (object);

  g_clear_pointer (&self->users, g_ptr_array_unref);
  g_clear_object (&self->cancellable);
  G_OBJECT_CLASS (ahi_user_switch_parent_class)->finalize (object);
}

static void
ahi_user_switch_class_init (AhiUserSwitchClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ahi_user_switch_dispose;
  object_class->finalize = ahi_user_switch_finalize;

  gtk_widget_class_set_template_from_resource (widget_class, "/app/ahi/Desk/ahi-user-switch.ui");
  gtk_widget_class_bind_template_child (widget_class, AhiUserSwitch, window_title);
  gtk_widget_class_bind_template_child (widget_class, AhiUserSwitch, back_button);
  gtk_widget_class_bind_template_child (widget_class, AhiUserSwitch, stack);
  gtk_widget_class_bind_template_child (widget_class, AhiUserSwitch, user_list);
  gtk_widget_class_bind_template_child (widget_class, AhiUserSwitch, list_status);
  gtk_widget_class_bind_template_child (widget_class, AhiUserSwitch, own_pin_hint);
  gtk_widget_class_bind_template_child (widget_class, AhiUserSwitch, pin_avatar);
  gtk_widget_class_bind_template_child (widget_class, AhiUserSwitch, pin_name);
  gtk_widget_class_bind_template_child (widget_class, AhiUserSwitch, pin_row);
  gtk_widget_class_bind_template_child (widget_class, AhiUserSwitch, pin_error);
  gtk_widget_class_bind_template_child (widget_class, AhiUserSwitch, pin_button);
  gtk_widget_class_bind_template_child (widget_class, AhiUserSwitch, set_pin_title);
  gtk_widget_class_bind_template_child (widget_class, AhiUserSwitch, new_pin_row);
  gtk_widget_class_bind_template_child (widget_class, AhiUserSwitch, repeat_pin_row);
  gtk_widget_class_bind_template_child (widget_class, AhiUserSwitch, set_pin_error);
  gtk_widget_class_bind_template_child (widget_class, AhiUserSwitch, set_pin_button);
  gtk_widget_class_bind_template_callback (widget_class, on_back_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_user_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_pin_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_pin_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_set_pin_activated_cb);

  gtk_widget_class_add_binding (widget_class, GDK_KEY_Escape, 0, on_escape_cb, NULL);
}

static void
ahi_user_switch_init (AhiUserSwitch *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
}

/* ------------------------------------------------------------ public API */

AhiUserSwitch *
ahi_user_switch_new (GtkWindow  *parent,
                     AhiContext *context)
{
  AhiUserSwitch *self;

  g_return_val_if_fail (AHI_IS_CONTEXT (context), NULL);

  self = g_object_new (AHI_TYPE_USER_SWITCH, "transient-for", parent, NULL);
  self->context = g_object_ref (context);
  g_signal_connect (context, "changed", G_CALLBACK (on_context_changed_cb), self);
  fill_list (self);
  show_page (self, "list");
  return self;
}

gboolean
ahi_user_switch_pick (AhiUserSwitch *self,
                      const char    *staff_id)
{
  GtkListBoxRow *row;

  g_return_val_if_fail (AHI_IS_USER_SWITCH (self), FALSE);

  row = find_row (self, staff_id);
  if (row == NULL || !gtk_list_box_row_get_activatable (row))
    return FALSE;
  gtk_widget_activate (GTK_WIDGET (row));
  return g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "pin") == 0;
}

void
ahi_user_switch_submit_pin (AhiUserSwitch *self,
                            const char    *pin)
{
  g_return_if_fail (AHI_IS_USER_SWITCH (self));

  gtk_editable_set_text (GTK_EDITABLE (self->pin_row), pin);
  g_signal_emit_by_name (self->pin_button, "clicked");
}

gboolean
ahi_user_switch_edit_pin (AhiUserSwitch *self,
                          const char    *staff_id)
{
  GtkListBoxRow *row;
  GtkWidget *edit;

  g_return_val_if_fail (AHI_IS_USER_SWITCH (self), FALSE);

  row = find_row (self, staff_id);
  edit = row != NULL ? g_object_get_data (G_OBJECT (row), "edit-pin") : NULL;
  if (edit == NULL)
    return FALSE;
  g_signal_emit_by_name (edit, "clicked");
  return g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "set-pin") == 0;
}

void
ahi_user_switch_submit_new_pin (AhiUserSwitch *self,
                                const char    *pin,
                                const char    *repeat)
{
  g_return_if_fail (AHI_IS_USER_SWITCH (self));

  gtk_editable_set_text (GTK_EDITABLE (self->new_pin_row), pin);
  gtk_editable_set_text (GTK_EDITABLE (self->repeat_pin_row), repeat);
  g_signal_emit_by_name (self->set_pin_button, "clicked");
}

const char *
ahi_user_switch_get_page (AhiUserSwitch *self)
{
  g_return_val_if_fail (AHI_IS_USER_SWITCH (self), NULL);
  return gtk_stack_get_visible_child_name (self->stack);
}

const char *
ahi_user_switch_get_error (AhiUserSwitch *self)
{
  const char *page;

  g_return_val_if_fail (AHI_IS_USER_SWITCH (self), NULL);

  page = gtk_stack_get_visible_child_name (self->stack);
  if (g_strcmp0 (page, "pin") == 0 && gtk_widget_get_visible (GTK_WIDGET (self->pin_error)))
    return gtk_label_get_label (self->pin_error);
  if (g_strcmp0 (page, "set-pin") == 0 && gtk_widget_get_visible (GTK_WIDGET (self->set_pin_error)))
    return gtk_label_get_label (self->set_pin_error);
  return NULL;
}

gboolean
ahi_user_switch_is_idle (AhiUserSwitch *self)
{
  g_return_val_if_fail (AHI_IS_USER_SWITCH (self), TRUE);
  return !self->busy;
}
