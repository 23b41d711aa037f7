/* ahi-window-backup.c — back up, the daily backup and restore, in the window
 *
 * The file choosers only pick a path; the work is the context's, on a
 * worker, and the window says what happened in the desk's words. A
 * restore is asked first (whose business, how many events) and ends in a
 * new window on a new context: the old one's connections had to close
 * for the file to be replaced.
 */
#include "ahi-window-private.h"

#include <string.h>

#include "ahi-application.h"
#include "ahi-i18n.h"
#include "store/ahi-backup.h"
#include "store/ahi-store-error.h"
#include "store/ahi-tenant.h"

/* The daily backup waits this long after the window opens, so that it
 * does not compete with the first Command Center for the disk; a front
 * desk keeps the app open all day. */
#define AUTO_BACKUP_DELAY_S 5

/* --------------------------------------------------------------- helpers */

/* 12345 → "12.345" (Turkish) or "12,345" (English). */
static char *
group_digits (gint64 n)
{
  g_autofree char *digits = g_strdup_printf ("%" G_GINT64_FORMAT, ABS (n));
  char separator = g_str_equal (ahi_i18n_language (), "tr") ? '.' : ',';
  GString *text = g_string_new (n < 0 ? "-" : "");
  gsize length = strlen (digits);

  for (gsize i = 0; i < length; i++)
    {
      if (i > 0 && (length - i) % 3 == 0)
        g_string_append_c (text, separator);
      g_string_append_c (text, digits[i]);
    }
  return g_string_free (text, FALSE);
}

/* Why a file cannot be restored or written, in the desk's words. The
 * store's messages name paths and SQLite codes: fine for a log, not for
 * the person at the desk. */
static char *
backup_error_text (const GError *error)
{
  if (error->domain == AHI_STORE_ERROR)
    switch (error->code)
      {
      case AHI_STORE_ERROR_NOT_A_DATABASE:
        return g_strdup (_("This file is not an Ahi Desk backup."));
      case AHI_STORE_ERROR_SCHEMA_TOO_NEW:
        return g_strdup (_("This backup was made by a newer version of Ahi Desk. Update Ahi Desk, then restore it."));
      case AHI_STORE_ERROR_CORRUPT:
        return g_strdup (_("This backup is damaged and cannot be used."));
      case AHI_STORE_ERROR_INVALID_STATE:
        return g_strdup (_("This file holds no business, or the business is still open in another program."));
      case AHI_STORE_ERROR_INVALID_INPUT:
        return g_strdup (_("A backup cannot be written over the business's own database."));
      default:
        break;
      }
  if (error->domain == G_IO_ERROR)
    switch (error->code)
      {
      case G_IO_ERROR_NOT_FOUND:
        return g_strdup (_("The file was not found."));
      case G_IO_ERROR_PERMISSION_DENIED:
        return g_strdup (_("Ahi Desk may not use this file or folder."));
      case G_IO_ERROR_NO_SPACE:
        return g_strdup (_("The disk is full."));
      default:
        break;
      }
  return g_strdup (error->message);
}

static AhiSettings *
dup_settings (AhiWindow *self)
{
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));

  /* The application's, when there is one (the same values either way:
   * both read the same GSettings). */
  if (AHI_IS_APPLICATION (app))
    return g_object_ref (ahi_application_get_settings (AHI_APPLICATION (app)));
  return ahi_settings_new ();
}

static void
clear_dialog (AhiWindow *self)
{
  if (self->dialog != NULL)
    g_object_remove_weak_pointer (G_OBJECT (self->dialog), (gpointer *) &self->dialog);
  self->dialog = NULL;
}

static void
on_dialog_response_cb (AdwMessageDialog *dialog,
                       const char       *response,
                       AhiWindow        *self)
{
  /* Answered: it is no longer the one shown, even while it closes. */
  if (self->dialog == dialog)
    clear_dialog (self);
}

/* Shows an AdwMessageDialog over the window, remembered as the dialog
 * shown now until it is answered or closes. */
static AdwMessageDialog *
present_dialog (AhiWindow  *self,
                const char *heading,
                const char *body)
{
  AdwMessageDialog *dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), heading, body));

  clear_dialog (self);
  self->dialog = dialog;
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &self->dialog);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_dialog_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  return dialog;
}

static void
show_message (AhiWindow  *self,
              const char *heading,
              const char *body)
{
  AdwMessageDialog *dialog = present_dialog (self, heading, body);

  adw_message_dialog_add_response (dialog, "close", _("_Close"));
}

/* "Işıl Kuaför 2026-11-24.ahibackup": the business and its local day. */
static char *
suggested_file_name (AhiWindow *self)
{
  const AhiDeskStatus *status = ahi_context_get_status (self->context);
  AhiStore *store = ahi_context_get_store (self->context);
  g_autoptr(GTimeZone) zone = ahi_tenant_timezone (ahi_store_get_db (store));
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (ahi_context_now (self->context));
  g_autoptr(GDateTime) local = g_date_time_to_timezone (utc, zone);
  g_autofree char *day = g_date_time_format (local, "%Y-%m-%d");
  g_autofree char *name = g_strdup (status->name);

  /* A name may hold a slash; a file name may not. */
  g_strdelimit (name, "/\\", '-');
  return g_strdup_printf ("%s %s%s", name, day, AHI_BACKUP_SUFFIX);
}

static GtkFileFilter *
backup_filter (void)
{
  GtkFileFilter *filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, _("Ahi Desk backups"));
  gtk_file_filter_add_pattern (filter, "*" AHI_BACKUP_SUFFIX);
  return filter;
}

/* ------------------------------------------------------------- callbacks */

static void
on_backed_up_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      data)
{
  g_autoptr(GTask) task = data;
  AhiWindow *self = g_task_get_source_object (task);
  const char *path = g_task_get_task_data (task);
  GError *error = NULL;

  self->backing_up = FALSE;
  _ahi_window_update_backup_actions (self);
  if (ahi_context_back_up_finish (AHI_CONTEXT (source), result, &error))
    {
      g_autofree char *name = g_path_get_basename (path);
      /* TRANSLATORS: %s is the backup's file name. */
      g_autofree char *text = g_strdup_printf (_("Backed up to %s"), name);

      ahi_window_add_toast (self, text);
      g_task_return_boolean (task, TRUE);
      return;
    }
  {
    g_autofree char *why = backup_error_text (error);
    /* TRANSLATORS: %s says why, e.g. "The disk is full." */
    g_autofree char *text = g_strdup_printf (_("The backup was not written: %s"), why);

    ahi_window_add_toast (self, text);
  }
  g_task_return_error (task, error);
}

static void
on_save_response_cb (GtkNativeDialog *chooser,
                     int              response,
                     AhiWindow       *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      g_autofree char *path = file != NULL ? g_file_get_path (file) : NULL;

      if (path != NULL)
        ahi_window_back_up_async (self, path, NULL, NULL, NULL);
    }
  g_object_unref (chooser);
}

static void
on_auto_backed_up_cb (GObject      *source,
                      GAsyncResult *result,
                      gpointer      data)
{
  g_autoptr(GTask) task = data;
  AhiWindow *self = g_task_get_source_object (task);
  g_autofree char *written = NULL;
  GError *error = NULL;

  if (!ahi_context_auto_back_up_finish (AHI_CONTEXT (source), result, &written, &error))
    {
      g_autofree char *why = backup_error_text (error);
      /* TRANSLATORS: %s says why, e.g. "The disk is full." */
      g_autofree char *text = g_strdup_printf (_("Today's automatic backup failed: %s"), why);

      ahi_window_add_toast (self, text);
      g_task_return_error (task, error);
      return;
    }
  /* Quiet when it works: it happens every day. */
  if (written != NULL)
    {
      g_autoptr(AhiSettings) settings = dup_settings (self);

      ahi_settings_set_last_backup (settings, g_get_real_time () / G_USEC_PER_SEC);
      g_debug ("Daily backup written to %s", written);
    }
  g_task_return_pointer (task, g_steal_pointer (&written), g_free);
}

static gboolean
on_auto_backup_due_cb (gpointer data)
{
  AhiWindow *self = data;

  self->auto_backup_id = 0;
  ahi_window_auto_back_up_async (self, NULL, NULL, NULL);
  return G_SOURCE_REMOVE;
}

static void
finish_restore (AhiWindow *self,
                GError    *error,
                AhiWindow *restored)
{
  g_autoptr(GTask) task = g_steal_pointer (&self->restore);

  self->restoring = FALSE;
  if (!self->disposed)
    {
      gtk_widget_set_sensitive (GTK_WIDGET (self->leaflet), TRUE);
      _ahi_window_update_backup_actions (self);
    }
  if (error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, restored, NULL);
}

static void
on_restored_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      data)
{
  g_autoptr(AhiWindow) self = data;
  g_autoptr(AhiContext) context = NULL;
  const char *path = g_task_get_task_data (self->restore);
  g_autofree char *name = g_path_get_basename (path);
  g_autofree char *text = NULL;
  GError *error = NULL;
  AhiWindow *restored;
  int width = 0, height = 0;

  context = ahi_context_restore_finish (AHI_CONTEXT (source), result, &error);
  if (context == NULL)
    {
      g_autofree char *why = backup_error_text (error);
      /* TRANSLATORS: %s says why the backup was refused. */
      g_autofree char *body = g_strdup_printf (_("%s The business was not changed."), why);

      if (!self->disposed)
        show_message (self, _("The Backup Was Not Restored"), body);
      finish_restore (self, error, NULL);
      return;
    }

  /* The restored business in a window of its own, where this one was;
   * this one goes with its closed context. */
  restored = ahi_window_new (gtk_window_get_application (GTK_WINDOW (self)), context);
  gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);
  gtk_window_set_default_size (GTK_WINDOW (restored), width, height);
  if (gtk_window_is_maximized (GTK_WINDOW (self)))
    gtk_window_maximize (GTK_WINDOW (restored));
  gtk_window_present (GTK_WINDOW (restored));
  /* TRANSLATORS: %s is the backup's file name. */
  text = g_strdup_printf (_("Restored from %s"), name);
  ahi_window_add_toast (restored, text);

  finish_restore (self, NULL, restored);
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
on_restore_answered_cb (AdwMessageDialog *dialog,
                        const char       *response,
                        AhiWindow        *self)
{
  const char *path;

  if (self->restore == NULL)
    return;
  if (!g_str_equal (response, "restore"))
    {
      finish_restore (self, g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED, _("Not restored")), NULL);
      return;
    }
  /* Nothing is done on a business that is being replaced. */
  path = g_task_get_task_data (self->restore);
  self->restoring = TRUE;
  _ahi_window_update_backup_actions (self);
  gtk_widget_set_sensitive (GTK_WIDGET (self->leaflet), FALSE);
  ahi_window_add_toast (self, _("Restoring the backup…"));
  ahi_context_restore_async (self->context, path, NULL, on_restored_cb, g_object_ref (self));
}

static void
on_backup_checked_cb (GObject      *source,
                      GAsyncResult *result,
                      gpointer      data)
{
  g_autoptr(AhiWindow) self = data;
  const AhiDeskStatus *status = ahi_context_get_status (self->context);
  g_autofree char *tenant_id = NULL;
  g_autofree char *events_text = NULL;
  g_autofree char *body = NULL;
  AdwMessageDialog *dialog;
  gint64 events = 0;
  GError *error = NULL;

  if (!ahi_context_check_backup_finish (AHI_CONTEXT (source), result, &tenant_id, &events, &error))
    {
      g_autofree char *why = backup_error_text (error);
      /* TRANSLATORS: %s says why the file cannot be restored. */
      g_autofree char *message = g_strdup_printf (_("%s The business was not changed."), why);

      if (!self->disposed)
        show_message (self, _("This File Cannot Be Restored"), message);
      finish_restore (self, error, NULL);
      return;
    }
  if (self->disposed)
    {
      finish_restore (self, g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED, _("Not restored")), NULL);
      return;
    }

  events_text = group_digits (events);
  if (g_strcmp0 (tenant_id, status->tenant_id) == 0)
    /* TRANSLATORS: the first %s is the business's name, the second a
     * number of events ("12.345"). */
    body = g_strdup_printf (_("This is a backup of %s with %s events. Everything recorded after it was made is lost."),
                            status->name, events_text);
  else
    /* TRANSLATORS: the first %s is a number of events, the second the
     * name of the business open now. */
    body = g_strdup_printf (_("This is a backup of another business, with %s events. It replaces %s on this computer."),
                            events_text, status->name);

  dialog = present_dialog (self, _("Restore This Backup?"), body);
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "restore", _("_Restore"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "restore", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_restore_answered_cb), self, 0);
}

static void
on_open_response_cb (GtkNativeDialog *chooser,
                     int              response,
                     AhiWindow       *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      g_autofree char *path = file != NULL ? g_file_get_path (file) : NULL;

      if (path != NULL)
        ahi_window_restore_async (self, path, NULL, NULL, NULL);
    }
  g_object_unref (chooser);
}

/* --------------------------------------------------------------- actions */

static void
backup_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  AhiWindow *self = AHI_WINDOW (widget);
  g_autoptr(GtkFileFilter) filter = backup_filter ();
  g_autofree char *name = suggested_file_name (self);
  GtkFileChooserNative *chooser;

  chooser = gtk_file_chooser_native_new (_("Back Up the Business"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Back Up"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  g_signal_connect (chooser, "response", G_CALLBACK (on_save_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
restore_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  AhiWindow *self = AHI_WINDOW (widget);
  g_autoptr(GtkFileFilter) filter = backup_filter ();
  GtkFileChooserNative *chooser;

  chooser = gtk_file_chooser_native_new (_("Restore From a Backup"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_OPEN, _("_Open"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  g_signal_connect (chooser, "response", G_CALLBACK (on_open_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* --------------------------------------------------------- private API */

void
_ahi_window_class_init_backup (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.backup", NULL, backup_action);
  gtk_widget_class_install_action (widget_class, "win.restore", NULL, restore_action);
}

void
_ahi_window_update_backup_actions (AhiWindow *self)
{
  /* Restoring replaces everybody's work: an owner's or a manager's call,
   * and not offered to the others (the menu hides it). */
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.backup", !self->backing_up && !self->restoring);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.restore",
                                 self->restore == NULL && ahi_context_actor_is_manager (self->context));
}

void
_ahi_window_schedule_auto_backup (AhiWindow *self)
{
  if (self->auto_backup_id == 0)
    self->auto_backup_id = g_timeout_add_seconds (AUTO_BACKUP_DELAY_S, on_auto_backup_due_cb, self);
}

void
_ahi_window_dispose_backup (AhiWindow *self)
{
  g_clear_handle_id (&self->auto_backup_id, g_source_remove);
  /* A question left open goes with the window; a restore already running
   * finishes on its own (its callbacks hold the window). */
  if (self->restore != NULL && !self->restoring && self->dialog != NULL)
    {
      AdwMessageDialog *dialog = self->dialog;

      clear_dialog (self);
      finish_restore (self, g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED, _("Not restored")), NULL);
      gtk_window_destroy (GTK_WINDOW (dialog));
    }
  clear_dialog (self);
}

/* ------------------------------------------------------------ public API */

void
ahi_window_back_up_async (AhiWindow           *self,
                          const char          *path,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (AHI_IS_WINDOW (self));
  g_return_if_fail (path != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, ahi_window_back_up_async);
  g_task_set_task_data (task, g_strdup (path), g_free);
  self->backing_up = TRUE;
  _ahi_window_update_backup_actions (self);
  ahi_context_back_up_async (self->context, path, NULL, on_backed_up_cb, g_steal_pointer (&task));
}

gboolean
ahi_window_back_up_finish (AhiWindow     *self,
                           GAsyncResult  *result,
                           GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == ahi_window_back_up_async, FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

void
ahi_window_auto_back_up_async (AhiWindow           *self,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(AhiSettings) settings = NULL;
  g_autofree char *dir = NULL;

  g_return_if_fail (AHI_IS_WINDOW (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, ahi_window_auto_back_up_async);
  settings = dup_settings (self);
  dir = ahi_settings_dup_backup_dir (settings);
  /* In the user's data folder, not beside the database: a copy in the
   * same folder goes with it when that folder is lost or wiped. */
  if (dir == NULL)
    dir = g_build_filename (g_get_user_data_dir (), "ahi-desk", "backups", NULL);
  ahi_context_auto_back_up_async (self->context, dir, ahi_settings_get_backup_keep (settings), NULL,
                                  on_auto_backed_up_cb, g_steal_pointer (&task));
}

gboolean
ahi_window_auto_back_up_finish (AhiWindow     *self,
                                GAsyncResult  *result,
                                char         **out_path,
                                GError       **error)
{
  GError *local_error = NULL;
  char *path;

  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == ahi_window_auto_back_up_async, FALSE);

  path = g_task_propagate_pointer (G_TASK (result), &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return FALSE;
    }
  if (out_path != NULL)
    *out_path = path;
  else
    g_free (path);
  return TRUE;
}

void
ahi_window_restore_async (AhiWindow           *self,
                          const char          *path,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (AHI_IS_WINDOW (self));
  g_return_if_fail (path != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, ahi_window_restore_async);
  g_task_set_task_data (task, g_strdup (path), g_free);
  /* A restore runs to its end once begun: half of one helps nobody. */
  g_task_set_check_cancellable (task, FALSE);

  if (!ahi_context_actor_is_manager (self->context))
    {
      g_task_return_new_error (task, AHI_STORE_ERROR, AHI_STORE_ERROR_FORBIDDEN, "%s",
                               _("Only an owner or a manager restores a backup."));
      return;
    }
  if (self->restore != NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_PENDING, "%s",
                               _("A backup is being restored already."));
      return;
    }
  self->restore = g_steal_pointer (&task);
  _ahi_window_update_backup_actions (self);
  ahi_context_check_backup_async (self->context, path, NULL, on_backup_checked_cb, g_object_ref (self));
}

AhiWindow *
ahi_window_restore_finish (AhiWindow     *self,
                           GAsyncResult  *result,
                           GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == ahi_window_restore_async, NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

AdwMessageDialog *
ahi_window_get_dialog (AhiWindow *self)
{
  g_return_val_if_fail (AHI_IS_WINDOW (self), NULL);
  return self->dialog;
}
