/* ahi-demo-program.h — the first run's demo business, made by ahi-demo
 *
 * The app links no data generator: test data is no part of the product.
 * Its "demo business" is made by `ahi-demo`, a program of its own
 * (src/demo), run as a subprocess while the window keeps drawing.
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* Where ahi-demo is: $AHI_DEMO_PROGRAM when set (the tests, `meson
 * devenv`), else where the build installs it (libexecdir). */
char     *ahi_demo_program_path        (void);

/* Runs ahi-demo to make the demo business of sector in the database file
 * at path (which must hold no other business), with its history ending at
 * now. Fails with G_IO_ERROR_NOT_FOUND when the program is not there and
 * G_IO_ERROR_FAILED, saying what it said, when it fails; what a failed
 * run leaves at path is the caller's to remove. */
void      ahi_demo_program_make_async  (const char           *path,
                                        const char           *sector,
                                        gint64                now,
                                        GCancellable         *cancellable,
                                        GAsyncReadyCallback   callback,
                                        gpointer              user_data);
gboolean  ahi_demo_program_make_finish (GAsyncResult         *result,
                                        GError              **error);

G_END_DECLS
