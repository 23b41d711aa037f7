/* ahi-settings.h — this machine's preferences, typed
 *
 * A thin typed face over the GSettings schema app.ahi.Desk
 * (data/app.ahi.Desk.gschema.xml): the main window's size, the business
 * opened last, the language, the automatic backups. Business data never
 * lives here; it stays in the business's database.
 *
 * When the schema is not installed (an uninstalled run that did not set
 * GSETTINGS_SCHEMA_DIR) the values are kept in memory for this run only,
 * starting from the schema's defaults, rather than aborting the app.
 * Tests run with GSETTINGS_BACKEND=memory.
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define AHI_TYPE_SETTINGS (ahi_settings_get_type ())
G_DECLARE_FINAL_TYPE (AhiSettings, ahi_settings, AHI, SETTINGS, GObject)

AhiSettings *ahi_settings_new                  (void);
/* FALSE when the schema was missing and nothing outlives this run. */
gboolean     ahi_settings_is_persistent        (AhiSettings  *self);

/* The main window's unmaximized size in logical pixels. */
void         ahi_settings_get_window_size      (AhiSettings  *self,
                                                int          *width,
                                                int          *height);
void         ahi_settings_set_window_size      (AhiSettings  *self,
                                                int           width,
                                                int           height);
gboolean     ahi_settings_get_window_maximized (AhiSettings  *self);
void         ahi_settings_set_window_maximized (AhiSettings  *self,
                                                gboolean      maximized);

/* The database path of the business opened last; NULL when there is
 * none (the first run). NULL or "" clears it. */
char        *ahi_settings_dup_last_business    (AhiSettings  *self);
void         ahi_settings_set_last_business   (AhiSettings  *self,
                                                const char   *path);

/* "tr", "en", or NULL for the system's language. */
char        *ahi_settings_dup_language         (AhiSettings  *self);
void         ahi_settings_set_language         (AhiSettings  *self,
                                                const char   *language);

/* How many daily automatic backups are kept (1 to 365). */
guint        ahi_settings_get_backup_keep      (AhiSettings  *self);
void         ahi_settings_set_backup_keep      (AhiSettings  *self,
                                                guint         keep);
/* The folder of the automatic backups; NULL for "beside the database". */
char        *ahi_settings_dup_backup_dir       (AhiSettings  *self);
void         ahi_settings_set_backup_dir       (AhiSettings  *self,
                                                const char   *dir);
/* When the last automatic backup was written, Unix seconds; 0 = never. */
gint64       ahi_settings_get_last_backup      (AhiSettings  *self);
void         ahi_settings_set_last_backup      (AhiSettings  *self,
                                                gint64        when);

G_END_DECLS
