/* ahi-first-run.h — the first run: a business made offline, or a demo
 *
 * Three fields and nothing more: the business's name, its sector and its
 * opening hours (a preset). While the sector is chosen, its desk is
 * previewed: the modules in the sector's words, the key figures of its
 * Command Center, its starter menu and resources, all read from the
 * sector's blueprint. "Create" makes the business in the user's data
 * folder (<tenant-id>.db) off the main thread; "Open Demo" opens, making
 * it once, the demo business of the chosen sector. Either way the main
 * window of the new business then takes this window's place.
 *
 * Connecting to an ahi-server is not offered yet (it comes with sync).
 */
#pragma once

#include <adwaita.h>

#include "ahi-application.h"

G_BEGIN_DECLS

#define AHI_TYPE_FIRST_RUN (ahi_first_run_get_type ())
G_DECLARE_FINAL_TYPE (AhiFirstRun, ahi_first_run, AHI, FIRST_RUN, AdwApplicationWindow)

AhiFirstRun *ahi_first_run_new              (AhiApplication *application);

/* Tells the desk something over the form (why the last business did not
 * open, why the creation failed). */
void         ahi_first_run_show_message     (AhiFirstRun    *self,
                                             const char     *text);
/* The last message shown, NULL before any. */
const char  *ahi_first_run_get_message      (AhiFirstRun    *self);
/* Opens the demo business of sector, as "Open Demo" does; the sector
 * becomes the chosen one. */
void         ahi_first_run_open_demo        (AhiFirstRun    *self,
                                             const char     *sector);
/* TRUE while a business is being made. */
gboolean     ahi_first_run_is_busy          (AhiFirstRun    *self);
/* The sector chosen now (a blueprint id). */
const char  *ahi_first_run_get_sector       (AhiFirstRun    *self);

/* For tests and screenshots: the fields, the buttons, and the preview. */
GtkWidget   *ahi_first_run_get_name_row     (AhiFirstRun    *self);
GtkWidget   *ahi_first_run_get_sector_row   (AhiFirstRun    *self);
GtkWidget   *ahi_first_run_get_hours_row    (AhiFirstRun    *self);
GtkWidget   *ahi_first_run_get_create_button (AhiFirstRun   *self);
GtkWidget   *ahi_first_run_get_demo_button  (AhiFirstRun    *self);
/* The message beside the name field; NULL when none shows. */
const char  *ahi_first_run_get_name_error   (AhiFirstRun    *self);
/* The preview's module rows (each named by its module id, holding an
 * icon and then the label) and its key figures (labels). */
GtkWidget   *ahi_first_run_get_preview_modules (AhiFirstRun *self);
GtkWidget   *ahi_first_run_get_preview_kpis (AhiFirstRun    *self);

G_END_DECLS
