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

/* For tests and screenshots. */
GtkWidget  *ahi_window_get_leaflet       (AhiWindow      *self);
GtkWidget  *ahi_window_get_stack         (AhiWindow      *self);
GtkWidget  *ahi_window_get_switcher_bar  (AhiWindow      *self);
GtkWidget  *ahi_window_get_sidebar_list  (AhiWindow      *self);
GtkWidget  *ahi_window_get_command_center (AhiWindow     *self);
const char *ahi_window_get_sync_text     (AhiWindow      *self);

G_END_DECLS
