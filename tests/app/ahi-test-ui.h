/* ahi-test-ui.h — driving a real window under Xvfb
 *
 * A demo business in a real SQLite file, waiting for the main loop
 * instead of sleeping blindly, and PNG screenshots of a window written to
 * the build folder (tests/app/screenshots) for a person to look at.
 */
#pragma once

#include <adwaita.h>

#include "store/ahi-store.h"

G_BEGIN_DECLS

/* The instant the tests' businesses are seen at: Tuesday 24 November 2026,
 * 09:00 in Istanbul. */
#define UI_NOW_UTC "2026-11-24T06:00:00Z"

/* A business of the sector with half a year of generated history, in a
 * fresh temporary file; free with fx_store_free. */
AhiStore *ui_business_new    (const char *sector,
                              guint       n_customers);

/* Runs the main loop for ms milliseconds. */
void      ui_wait            (guint       ms);
/* Runs the main loop until done (data) returns TRUE; fails the test after
 * 60 s. */
void      ui_wait_until      (gboolean  (*done) (gpointer data),
                              gpointer    data);
/* Writes the window's current look to screenshots/name.png in the build
 * folder and returns the path. */
char     *ui_screenshot      (GtkWidget  *window,
                              const char *name);

G_END_DECLS
