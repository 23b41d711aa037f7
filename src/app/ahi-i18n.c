/* ahi-i18n.c — the app's language: Turkish first, English complete */
#include "ahi-i18n.h"

#include <locale.h>

static char current[3] = "tr";

static const char *
system_language (void)
{
  const char * const *names = g_get_language_names ();

  for (guint i = 0; names[i] != NULL; i++)
    {
      if (g_str_has_prefix (names[i], "en"))
        return "en";
      if (g_str_has_prefix (names[i], "tr"))
        return "tr";
    }
  return "tr";
}

void
ahi_i18n_init (const char *language)
{
  const char *dir = g_getenv ("AHI_LOCALEDIR");
  const char *chosen;

  chosen = (language != NULL && *language != '\0') ? language : system_language ();
  if (!g_str_equal (chosen, "en"))
    chosen = "tr";
  g_strlcpy (current, chosen, sizeof current);

  /* gettext ignores LANGUAGE under the "C" locale; C.UTF-8 exists on every
   * Debian machine and honours it, so it stands in for a missing tr_TR. */
  if (setlocale (LC_ALL, "") == NULL || g_str_equal (setlocale (LC_MESSAGES, NULL), "C") ||
      g_str_equal (setlocale (LC_MESSAGES, NULL), "POSIX"))
    setlocale (LC_ALL, "C.UTF-8");
  g_setenv ("LANGUAGE", current, TRUE);
  /* Setting the locale again drops gettext's cached catalogue choice. */
  {
    g_autofree char *messages = g_strdup (setlocale (LC_MESSAGES, NULL));
    setlocale (LC_MESSAGES, messages);
  }

  bindtextdomain (GETTEXT_PACKAGE, dir != NULL ? dir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
}

const char *
ahi_i18n_language (void)
{
  return current;
}
