/* ahi-i18n.h — the app's language: Turkish first, English complete
 *
 * Translations come from gettext. A fresh machine often has no tr_TR
 * locale (STACK-NOTES), so the language is chosen through LANGUAGE over a
 * UTF-8 locale that exists, and money, dates and names are formatted by
 * our own tables for the language code, never by strftime.
 */
#pragma once

#include <glib.h>
#include <glib/gi18n.h>

G_BEGIN_DECLS

/* Sets up gettext for language ("tr", "en"; NULL or "": the system's
 * language when it is English or Turkish, Turkish otherwise). Translations
 * are read from AHI_LOCALEDIR when set (uninstalled runs and tests), else
 * from the install's locale dir. Call before any window exists. */
void        ahi_i18n_init     (const char *language);

/* "tr" or "en": what ahi_i18n_init chose. */
const char *ahi_i18n_language (void);

G_END_DECLS
