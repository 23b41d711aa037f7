/* ahi-demo-program.c — the first run's demo business, made by ahi-demo */
#include "ahi-demo-program.h"

#include "ahi-i18n.h"

/* The first run's demo: big enough to look like a real desk on every
 * screen, small enough to make without a wait (1–2.5 s, see
 * test-first-run). */
#define DEMO_CUSTOMERS "300"
#define DEMO_DAYS_OF_HISTORY "90"

/* ------------------------------------------------------------- helpers */

/* The last line the program wrote to stderr: ahi-demo says why it failed
 * in one line, last. */
static char *
last_line (const char *text)
{
  g_auto(GStrv) lines = g_strsplit (text != NULL ? text : "", "\n", -1);

  for (guint i = g_strv_length (lines); i > 0; i--)
    {
      g_strstrip (lines[i - 1]);
      if (lines[i - 1][0] != '\0')
        return g_strdup (lines[i - 1]);
    }
  return NULL;
}

/* ------------------------------------------------------------- callbacks */

static void
on_communicated_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      data)
{
  GSubprocess *process = G_SUBPROCESS (source);
  g_autoptr(GTask) task = data;
  g_autoptr(GError) error = NULL;
  g_autofree char *said = NULL;
  g_autofree char *why = NULL;

  if (!g_subprocess_communicate_utf8_finish (process, result, NULL, &said, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  if (g_subprocess_get_successful (process))
    {
      g_task_return_boolean (task, TRUE);
      return;
    }

  why = last_line (said);
  if (why == NULL && g_subprocess_get_if_signaled (process))
    /* TRANSLATORS: %d is a signal number: the program was killed. */
    why = g_strdup_printf (_("it was stopped by signal %d"), g_subprocess_get_term_sig (process));
  else if (why == NULL)
    /* TRANSLATORS: %d is the program's exit status. */
    why = g_strdup_printf (_("it ended with status %d"), g_subprocess_get_exit_status (process));
  /* TRANSLATORS: %s is what the program said, in English. */
  g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_FAILED, _("The demo program failed: %s"), why);
}

/* ------------------------------------------------------------ public API */

char *
ahi_demo_program_path (void)
{
  const char *path = g_getenv ("AHI_DEMO_PROGRAM");

  if (path != NULL && *path != '\0')
    return g_strdup (path);
  return g_strdup (AHI_DEMO_PROGRAM_PATH);
}

void
ahi_demo_program_make_async (const char          *path,
                             const char          *sector,
                             gint64               now,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *program = ahi_demo_program_path ();
  g_autofree char *now_text = g_strdup_printf ("%" G_GINT64_FORMAT, now);

  g_return_if_fail (path != NULL);
  g_return_if_fail (sector != NULL);

  g_task_set_source_tag (task, ahi_demo_program_make_async);
  if (!g_file_test (program, G_FILE_TEST_IS_EXECUTABLE) || g_file_test (program, G_FILE_TEST_IS_DIR))
    {
      /* TRANSLATORS: %s is the path where the program should be. */
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                               _("The demo program is not installed: %s is missing."), program);
      return;
    }

  /* Its report goes nowhere (--quiet); what it says on stderr becomes
   * the error. */
  process = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE | G_SUBPROCESS_FLAGS_STDERR_PIPE, &error,
                              program, "--db", path, "--sector", sector, "--now", now_text,
                              "--customers", DEMO_CUSTOMERS, "--days", DEMO_DAYS_OF_HISTORY, "--quiet", NULL);
  if (process == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  g_subprocess_communicate_utf8_async (process, NULL, cancellable, on_communicated_cb, g_steal_pointer (&task));
}

gboolean
ahi_demo_program_make_finish (GAsyncResult  *result,
                              GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  g_return_val_if_fail (g_async_result_is_tagged (result, ahi_demo_program_make_async), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}
