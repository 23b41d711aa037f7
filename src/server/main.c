/* main.c — ahi-server
 *
 *   ahi-server --data-dir DIR --listen 127.0.0.1:PORT
 *              [--fixed-clock UNIX_SECONDS|UTC_TIME]   (tests only)
 *
 * Prints "listening on http://HOST:PORT" when ready (port 0 picks one), so
 * scripts and tests can wait for it; with --tls-cert/--tls-key it serves
 * HTTPS and says https://. SIGTERM stops accepting, answers the
 * requests in flight and exits 0.
 */
#include <glib-unix.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>

#include "ahi-server-error.h"
#include "ahi-dispatcher.h"
#include "ahi-server.h"
#include "core/ahi-time.h"

static char *opt_data_dir = NULL;
static char *opt_listen = NULL;
static char *opt_cost = NULL;
static char *opt_tls_cert = NULL;
static char *opt_tls_key = NULL;
static char *opt_fixed_clock = NULL;
static gint opt_dispatch_interval = 30;
static gint opt_body_timeout = 60;
static gboolean opt_no_command_center_cache = FALSE;

static const GOptionEntry entries[] = {
  { "data-dir", 0, 0, G_OPTION_ARG_FILENAME, &opt_data_dir, "Where the control and tenant databases live", "DIR" },
  { "listen", 0, 0, G_OPTION_ARG_STRING, &opt_listen, "Address to listen on (default 127.0.0.1:8080)", "HOST:PORT" },
  { "password-cost", 0, 0, G_OPTION_ARG_STRING, &opt_cost, "Argon2id cost: interactive (default) or min (tests only)", "COST" },
  { "tls-cert", 0, 0, G_OPTION_ARG_FILENAME, &opt_tls_cert, "Serve HTTPS with this PEM certificate (chain)", "FILE" },
  { "tls-key", 0, 0, G_OPTION_ARG_FILENAME, &opt_tls_key, "The PEM private key of --tls-cert", "FILE" },
  { "fixed-clock", 0, 0, G_OPTION_ARG_STRING, &opt_fixed_clock, "Stop the clock at this time, unix seconds or 2026-12-01T09:00:00Z (tests only)", "TIME" },
  { "no-command-center-cache", 0, 0, G_OPTION_ARG_NONE, &opt_no_command_center_cache, "Build every Command Center answer afresh (benchmarks only)", NULL },
  { "body-timeout", 0, 0, G_OPTION_ARG_INT, &opt_body_timeout, "Answer 408 to a request whose head and body take longer than SECONDS to arrive (default 60)", "SECONDS" },
  { "dispatch-interval", 0, 0, G_OPTION_ARG_INT, &opt_dispatch_interval, "Send due reminders to the local outbox every SECONDS (default 30, 0 = off)", "SECONDS" },
  { NULL }
};

static gboolean
on_sigterm_cb (gpointer data)
{
  GMainLoop *loop = data;

  g_main_loop_quit (loop);
  return G_SOURCE_REMOVE;
}

static gboolean
on_stopped_cb (gpointer data)
{
  gboolean *stopped = data;

  *stopped = TRUE;
  return G_SOURCE_REMOVE;
}

/* --fixed-clock: unix seconds, or a UTC time as the API writes them. */
static gboolean
parse_fixed_clock (const char *text,
                   gint64     *out)
{
  guint64 seconds = 0;

  if (g_ascii_string_to_unsigned (text, 10, 1, G_MAXINT64 / 2, &seconds, NULL))
    {
      *out = (gint64) seconds;
      return TRUE;
    }
  return ahi_time_parse_utc (text, out) && *out > 0;
}

int
main (int argc, char *argv[])
{
  g_autoptr(GOptionContext) context = g_option_context_new ("— the Ahi Desk tenant API");
  g_autoptr(GError) error = NULL;
  g_autoptr(AhiServer) server = NULL;
  g_autoptr(GMainLoop) loop = NULL;
  g_autofree char *host = NULL;
  AhiPasswordCost cost;
  const char *colon;
  guint64 port = 8080;
  guint bound = 0;
  gboolean stopped = FALSE;
  g_autoptr(AhiDispatcher) dispatcher = NULL;
  g_autoptr(AhiOutboxProvider) outbox = NULL;

  setlocale (LC_ALL, "");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      fprintf (stderr, "ahi-server: %s\n", error->message);
      return EXIT_FAILURE;
    }
  if (opt_data_dir == NULL)
    {
      fprintf (stderr, "ahi-server: --data-dir is required\n");
      return EXIT_FAILURE;
    }
  if (opt_body_timeout < 1 || opt_body_timeout > 3600)
    {
      fprintf (stderr, "ahi-server: --body-timeout wants a number of seconds from 1 to 3600\n");
      return EXIT_FAILURE;
    }
  if (opt_dispatch_interval < 0)
    {
      fprintf (stderr, "ahi-server: --dispatch-interval wants 0 (off) or a number of seconds\n");
      return EXIT_FAILURE;
    }

  host = g_strdup (opt_listen != NULL ? opt_listen : "127.0.0.1:8080");
  colon = strrchr (host, ':');
  if (colon == NULL || !g_ascii_string_to_unsigned (colon + 1, 10, 0, 65535, &port, NULL))
    {
      fprintf (stderr, "ahi-server: --listen wants HOST:PORT\n");
      return EXIT_FAILURE;
    }
  host[colon - host] = '\0';

  if (opt_cost == NULL || g_str_equal (opt_cost, "interactive"))
    cost = ahi_password_cost_interactive ();
  else if (g_str_equal (opt_cost, "min"))
    cost = ahi_password_cost_min ();
  else
    {
      fprintf (stderr, "ahi-server: --password-cost is interactive or min\n");
      return EXIT_FAILURE;
    }

  server = ahi_server_new (opt_data_dir, cost, &error);
  if (server == NULL)
    {
      fprintf (stderr, "ahi-server: %s\n", error->message);
      return EXIT_FAILURE;
    }
  if ((opt_tls_cert == NULL) != (opt_tls_key == NULL))
    {
      fprintf (stderr, "ahi-server: --tls-cert and --tls-key go together\n");
      return EXIT_FAILURE;
    }
  if (opt_tls_cert != NULL && !ahi_server_set_tls (server, opt_tls_cert, opt_tls_key, &error))
    {
      fprintf (stderr, "ahi-server: cannot load the TLS certificate: %s\n", error->message);
      return EXIT_FAILURE;
    }
  if (opt_fixed_clock != NULL)
    {
      gint64 fixed = 0;
      g_autofree char *text = NULL;

      if (!parse_fixed_clock (opt_fixed_clock, &fixed))
        {
          fprintf (stderr, "ahi-server: --fixed-clock wants unix seconds or a UTC time like 2026-12-01T09:00:00Z\n");
          return EXIT_FAILURE;
        }
      ahi_server_set_fixed_clock (server, fixed);
      /* Said out loud: a server whose time stands still must never pass
       * for one that serves a business. */
      text = ahi_time_format_utc (fixed);
      fprintf (stderr, "ahi-server: FIXED CLOCK at %s (%" G_GINT64_FORMAT "): time does not move; for tests only\n",
               text, fixed);
    }
  ahi_server_set_body_timeout (server, (guint) opt_body_timeout);
  if (opt_no_command_center_cache)
    ahi_tenants_set_command_center_cache (ahi_server_get_tenants (server), FALSE);
  if (!ahi_server_listen (server, host, port, &bound, &error))
    {
      fprintf (stderr, "ahi-server: cannot listen on %s:%" G_GUINT64_FORMAT ": %s\n", host, port, error->message);
      return EXIT_FAILURE;
    }

  printf ("listening on %s://%s:%u\n", ahi_server_get_tls (server) ? "https" : "http", host, bound);
  fflush (stdout);

  loop = g_main_loop_new (NULL, FALSE);
  g_unix_signal_add (SIGTERM, on_sigterm_cb, loop);
  g_unix_signal_add (SIGINT, on_sigterm_cb, loop);
  /* Queued reminders go to DATA_DIR/outbox: a file a person reads, not a
   * delivery (docs/api-business.md). */
  if (opt_dispatch_interval > 0)
    {
      g_autofree char *outbox_dir = g_build_filename (opt_data_dir, "outbox", NULL);

      outbox = ahi_outbox_provider_new (outbox_dir);
      dispatcher = ahi_dispatcher_new (server, opt_data_dir, AHI_MESSAGE_PROVIDER (outbox), opt_dispatch_interval);
    }
  g_main_loop_run (loop);
  /* No dispatch pass while the requests in flight finish. */
  g_clear_pointer (&dispatcher, ahi_dispatcher_free);

  /* Stop accepting, let the requests in flight finish, then leave. */
  ahi_server_stop (server, on_stopped_cb, &stopped);
  while (!stopped)
    g_main_context_iteration (NULL, TRUE);

  g_free (opt_data_dir);
  g_free (opt_listen);
  g_free (opt_cost);
  g_free (opt_tls_cert);
  g_free (opt_tls_key);
  g_free (opt_fixed_clock);
  return EXIT_SUCCESS;
}
