/* ahi-application.h — the Ahi Desk application
 *
 * Opens a business in a window: the database file given with --db, the
 * demo business of a sector with --demo SECTOR (made once in the user's
 * data folder), else the business opened last; with none of these (or
 * when the last one no longer opens) the first run creates one. Sets the
 * language (--language, else the settings' language, else the system's;
 * Turkish first), restores and saves the main window's size, and sets the
 * keyboard shortcuts of the frequent actions.
 */
#pragma once

#include <adwaita.h>

#include "ahi-settings.h"

G_BEGIN_DECLS

#define AHI_TYPE_APPLICATION (ahi_application_get_type ())
G_DECLARE_FINAL_TYPE (AhiApplication, ahi_application, AHI, APPLICATION, AdwApplication)

/* Registers the app's resources (templates, CSS, shortcuts window) and
 * the store's; safe to call more than once. */
void            ahi_app_module_init              (void);

AhiApplication *ahi_application_new              (void);

/* This machine's preferences, shared by the app's windows. */
AhiSettings    *ahi_application_get_settings     (AhiApplication  *self);

/* The instant given with --now (Unix seconds), 0 for the wall clock. */
gint64          ahi_application_get_now          (AhiApplication  *self);

/* Opens the business whose database is at path in a new main window,
 * with the window's saved size, and remembers it as the business opened
 * last. A missing file is G_IO_ERROR_NOT_FOUND (nothing is created);
 * the message of every error is for the person at the desk. */
gboolean        ahi_application_open_business    (AhiApplication  *self,
                                                  const char      *path,
                                                  GError         **error);

/* Where the app keeps its businesses: g_get_user_data_dir()/ahi-desk. */
char           *ahi_application_dup_data_dir     (void);
/* The demo business of sector in the data folder: demo-<sector>.db. */
char           *ahi_application_dup_demo_path    (const char      *sector);

G_END_DECLS
