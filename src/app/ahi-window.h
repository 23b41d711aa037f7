/* ahi-window.h — the main window: modules beside (or under) the content
 *
 * On a laptop a sidebar lists the modules the blueprint makes visible
 * beside the content; on a 360 px phone the leaflet folds to one pane and
 * a bottom switcher holds at most five pages, the rest behind "More". The
 * pages are made from the blueprint, so a sector change re-shapes them.
 */
#pragma once

#include <adwaita.h>

#include "ahi-context.h"
#include "ahi-user-switch.h"

G_BEGIN_DECLS

#define AHI_TYPE_WINDOW (ahi_window_get_type ())
G_DECLARE_FINAL_TYPE (AhiWindow, ahi_window, AHI, WINDOW, AdwApplicationWindow)

AhiWindow  *ahi_window_new               (GtkApplication *application,
                                          AhiContext     *context);
AhiContext *ahi_window_get_context       (AhiWindow      *self);
/* Shows a module's page (a blueprint module id). FALSE when the business
 * has no such module. */
gboolean    ahi_window_show_module       (AhiWindow      *self,
                                          const char     *module);
/* The module shown now. */
const char *ahi_window_get_module        (AhiWindow      *self);
void        ahi_window_add_toast         (AhiWindow      *self,
                                          const char     *text);

/* Who is at the desk: opens the switcher (win.switch-user). */
AhiUserSwitch *ahi_window_open_user_switch (AhiWindow    *self);

/* Backups. win.backup and win.restore only pick a file with the file
 * chooser and call these; tests call them with a path. */

/* Writes a consistent copy of the business to path (on a worker) and
 * says so in a toast with the file's name. */
void        ahi_window_back_up_async     (AhiWindow            *self,
                                          const char           *path,
                                          GCancellable         *cancellable,
                                          GAsyncReadyCallback   callback,
                                          gpointer              user_data);
gboolean    ahi_window_back_up_finish    (AhiWindow            *self,
                                          GAsyncResult         *result,
                                          GError              **error);
/* The daily automatic backup, which the window runs by itself a few
 * seconds after it opens: into the settings' backup folder (default
 * g_get_user_data_dir()/ahi-desk/backups), keeping the settings'
 * backup-keep. out_path gets the file written, NULL when today's
 * existed. */
void        ahi_window_auto_back_up_async  (AhiWindow          *self,
                                            GCancellable       *cancellable,
                                            GAsyncReadyCallback callback,
                                            gpointer            user_data);
gboolean    ahi_window_auto_back_up_finish (AhiWindow          *self,
                                            GAsyncResult       *result,
                                            char              **out_path,
                                            GError            **error);
/* Restores the backup at path: checks it (a bad file is told plainly and
 * nothing changes), asks to confirm (ahi_window_get_dialog, response
 * "restore" or "cancel"), then replaces the business and opens it in a
 * new window, which replaces this one and is the result (owned by GTK).
 * Declining is G_IO_ERROR_CANCELLED. Owners and managers only. */
void        ahi_window_restore_async     (AhiWindow            *self,
                                          const char           *path,
                                          GCancellable         *cancellable,
                                          GAsyncReadyCallback   callback,
                                          gpointer              user_data);
AhiWindow  *ahi_window_restore_finish    (AhiWindow            *self,
                                          GAsyncResult         *result,
                                          GError              **error);
/* The question or message the window shows now, or NULL. */
AdwMessageDialog *ahi_window_get_dialog  (AhiWindow            *self);

/* For tests and screenshots. */
GtkWidget  *ahi_window_get_leaflet       (AhiWindow      *self);
GtkWidget  *ahi_window_get_stack         (AhiWindow      *self);
GtkWidget  *ahi_window_get_switcher_bar  (AhiWindow      *self);
GtkWidget  *ahi_window_get_sidebar_list  (AhiWindow      *self);
GtkWidget  *ahi_window_get_command_center (AhiWindow     *self);
const char *ahi_window_get_sync_text     (AhiWindow      *self);
GtkWidget  *ahi_window_get_user_button   (AhiWindow      *self);
/* The text of the last toast shown. */
const char *ahi_window_get_last_toast    (AhiWindow      *self);

G_END_DECLS
