/* ahi-demo-main.c — ahi-demo: demo businesses, made once
 *
 *   ahi-demo [--db PATH] [--sector ID] [--customers N] [--days N]
 *            [--now TIME] [--quiet]
 *       a demo business in one SQLite file (made once), then what a
 *       front desk reads from it; the app's first run runs this for its
 *       "demo business" (--quiet: no report)
 *   ahi-demo --server-data-dir DIR [--sector ID] [--now TIME]
 *            [--password-cost interactive|min]
 *       the demo business of an ahi-server data dir (made once): its
 *       account and six months of history; prints the login
 *
 * Everything is made by the real write path (bootstrap, then months of
 * generated visits). This program, not `ahi` nor `ahi-server`, links the
 * generator.
 */
#include <locale.h>
#include <stdlib.h>

#include "store/engine/ahi-command-center.h"
#include "store/query/ahi-customer-search.h"
#include "demo/ahi-demo-business.h"
#include "demo/ahi-demo-server.h"
#include "store/ahi-store.h"
#include "core/ahi-money.h"
#include "core/ahi-phone.h"
#include "core/ahi-time.h"

#define DEFAULT_CUSTOMERS 1500
#define DEFAULT_DAYS 180

static char     *opt_db = NULL;
static char     *opt_server_data_dir = NULL;
static char     *opt_sector = NULL;
static char     *opt_now = NULL;
static char     *opt_cost = NULL;
static int       opt_customers = -1;  /* -1: not given */
static int       opt_days = -1;
static gboolean  opt_quiet = FALSE;

static const GOptionEntry entries[] = {
  { "db", 0, 0, G_OPTION_ARG_FILENAME, &opt_db, "Database file (created once)", "PATH" },
  { "server-data-dir", 0, 0, G_OPTION_ARG_FILENAME, &opt_server_data_dir,
    "Prepare the demo business of this ahi-server data dir (once) instead", "DIR" },
  { "sector", 0, 0, G_OPTION_ARG_STRING, &opt_sector, "hair_beauty, dental_esthetic, auto_service or generic", "ID" },
  { "customers", 0, 0, G_OPTION_ARG_INT, &opt_customers, "Customers to generate (default 1500)", "N" },
  { "days", 0, 0, G_OPTION_ARG_INT, &opt_days, "Days of history (default 180)", "N" },
  { "now", 0, 0, G_OPTION_ARG_STRING, &opt_now,
    "Generate around this time, unix seconds or 2026-12-01T09:00:00Z (default: the clock)", "TIME" },
  { "quiet", 0, 0, G_OPTION_ARG_NONE, &opt_quiet, "Make the database only: print no report", NULL },
  { "password-cost", 0, 0, G_OPTION_ARG_STRING, &opt_cost,
    "With --server-data-dir: Argon2id cost of the demo password, interactive (default) or min (tests only)", "COST" },
  { NULL }
};

static gint64
query_int (AhiStore *store, const char *sql, gint64 arg)
{
  AhiDb *db = ahi_store_get_db (store);
  sqlite3_stmt *stmt = ahi_db_prepare (db, sql, NULL);
  gint64 value = 0;

  if (stmt == NULL)
    return 0;
  sqlite3_bind_int64 (stmt, 1, arg);
  if (ahi_db_step_row (db, stmt, NULL))
    {
      value = sqlite3_column_int64 (stmt, 0);
      sqlite3_reset (stmt);
    }
  return value;
}

/* --now: unix seconds, or a UTC time as the API writes them. */
static gboolean
parse_now (const char *text,
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

/* printf pads by bytes; Turkish names need padding by characters. */
static char *
pad (const char *text, guint width)
{
  glong chars = g_utf8_strlen (text, -1);
  g_autofree char *spaces = g_strnfill (chars < width ? width - chars : 1, ' ');

  return g_strconcat (text, spaces, NULL);
}

static void
print_money (const char *label, gint64 minor)
{
  g_autofree char *text = ahi_money_format (ahi_money_init (minor, "TRY"), "tr", AHI_MONEY_FORMAT_DEFAULT);
  g_print ("  %-34s %s\n", label, text);
}

static void
report (AhiStore *store,
        gint64    now)
{
  g_autoptr(GTimeZone) zone = ahi_timezone_new (AHI_DEFAULT_TIMEZONE);
  g_autofree char *today = ahi_time_format_date (zone, now, "tr");
  gint64 month_ago = now - 30 * 86400;
  AhiDb *db = ahi_store_get_db (store);
  sqlite3_stmt *stmt;
  g_autoptr(GPtrArray) hits = NULL;

  stmt = ahi_db_prepare (db, "SELECT name, sector FROM tenant_settings", NULL);
  if (stmt != NULL && ahi_db_step_row (db, stmt, NULL))
    {
      g_print ("%s · %s · %s\n", sqlite3_column_text (stmt, 0), sqlite3_column_text (stmt, 1), today);
      sqlite3_reset (stmt);
    }

  g_print ("\nLast 30 days\n");
  print_money ("Revenue (KDV included)",
               query_int (store, "SELECT coalesce (sum (amount_minor), 0) FROM revenue_events WHERE booked_at >= ?1 AND kind = 'sale'", month_ago));
  print_money ("of which KDV",
               query_int (store, "SELECT coalesce (sum (vat_minor), 0) FROM revenue_events WHERE booked_at >= ?1 AND kind = 'sale'", month_ago));
  g_print ("  %-34s %" G_GINT64_FORMAT "\n", "Completed visits",
           query_int (store, "SELECT count(*) FROM appointments WHERE starts_at >= ?1 AND status = 'completed'", month_ago));
  g_print ("  %-34s %" G_GINT64_FORMAT "\n", "No-shows",
           query_int (store, "SELECT count(*) FROM appointments WHERE starts_at >= ?1 AND status = 'no_show'", month_ago));
  g_print ("  %-34s %" G_GINT64_FORMAT "\n", "Late cancellations",
           query_int (store, "SELECT count(*) FROM appointments WHERE starts_at >= ?1 AND late_cancel", month_ago));

  g_print ("\nNow\n");
  g_print ("  %-34s %" G_GINT64_FORMAT "\n", "Customers",
           query_int (store, "SELECT count(*) FROM customers WHERE erased_at IS NULL", 0));
  g_print ("  %-34s %" G_GINT64_FORMAT "\n", "Upcoming bookings",
           query_int (store, "SELECT count(*) FROM appointments WHERE starts_at >= ?1 AND status IN ('booked', 'confirmed')", now));
  g_print ("  %-34s %" G_GINT64_FORMAT "\n", "Not seen for 60+ days, none booked",
           query_int (store, "SELECT count(*) FROM customers WHERE last_completed_at < ?1 AND next_start_at IS NULL", now - 60 * 86400));
  g_print ("  %-34s %" G_GINT64_FORMAT "\n", "Services on the menu",
           query_int (store, "SELECT count(*) FROM services WHERE active", 0));

  {
    g_autoptr(GError) error = NULL;
    g_autoptr(AhiCommandCenter) center = ahi_command_center_build (store, now, &error);

    g_print ("\nCommand Center: this month so far\n");
    if (center == NULL)
      g_print ("  (not available: %s)\n", error->message);
    for (guint i = 0; center != NULL && i < center->kpis->len; i++)
      {
        const AhiKpiValue *kpi = &g_array_index (center->kpis, AhiKpiValue, i);
        g_autofree char *id = pad (kpi->id, 30);
        g_autofree char *text = NULL;

        if (!kpi->has_value)
          text = g_strdup ("—");
        else if (kpi->unit == AHI_KPI_UNIT_MINOR)
          text = ahi_money_format (ahi_money_init (kpi->value, "TRY"), "tr", AHI_MONEY_FORMAT_WHOLE);
        else if (kpi->unit == AHI_KPI_UNIT_BP)
          text = g_strdup_printf ("%%%" G_GINT64_FORMAT ",%02" G_GINT64_FORMAT, kpi->value / 100, kpi->value % 100);
        else
          text = g_strdup_printf ("%" G_GINT64_FORMAT, kpi->value);
        g_print ("  %s %s\n", id, text);
      }

    g_print ("\nWhat to do now (card, rows, expected value)\n");
    for (guint i = 0; center != NULL && i < center->cards->len; i++)
      {
        AhiActionCard *card = g_ptr_array_index (center->cards, i);
        g_autofree char *value = ahi_money_format (ahi_money_init (card->expected_value_minor, "TRY"), "tr",
                                                   AHI_MONEY_FORMAT_WHOLE);
        g_autofree char *kind = pad (card->kind, 22);

        g_print ("  %s %6u  ≈ %s\n", kind, card->count, value);
      }
  }

  hits = ahi_customer_search (db, "ay", 5, NULL);
  g_print ("\nSearch \"ay\" (as the desk types)\n");
  for (guint i = 0; hits != NULL && i < hits->len; i++)
    {
      AhiCustomerHit *hit = g_ptr_array_index (hits, i);
      g_autofree char *phone = hit->phone != NULL ? ahi_phone_format (hit->phone) : g_strdup ("");
      g_autofree char *name = pad (hit->full_name, 30);
      g_print ("  %s %s\n", name, phone);
    }
}

static int
prepare_server (gint64 now)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *email = ahi_demo_server_email (opt_sector);
  AhiPasswordCost cost;
  gboolean created = FALSE;

  if (opt_cost == NULL || g_str_equal (opt_cost, "interactive"))
    cost = ahi_password_cost_interactive ();
  else if (g_str_equal (opt_cost, "min"))
    cost = ahi_password_cost_min ();
  else
    {
      g_printerr ("ahi-demo: --password-cost is interactive or min\n");
      return EXIT_FAILURE;
    }
  if (!ahi_demo_server_prepare (opt_server_data_dir, opt_sector, now, cost, &created, &error))
    {
      g_printerr ("ahi-demo: cannot prepare the demo business of %s: %s\n", opt_server_data_dir, error->message);
      return EXIT_FAILURE;
    }
  g_print ("%s demo business of %s in %s\n", created ? "Made the" : "Found the", opt_sector, opt_server_data_dir);
  g_print ("demo login: %s / %s\n", email, AHI_DEMO_SERVER_PASSWORD);
  return EXIT_SUCCESS;
}

static int
make_database (gint64 now)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AhiStore) store = NULL;
  AhiGeneratorStats stats = { 0 };
  gint64 started = g_get_monotonic_time ();

  if (opt_db == NULL)
    opt_db = g_strdup_printf ("demo-%s.db", opt_sector);
  store = ahi_demo_business_open (opt_db, opt_sector,
                                  opt_customers != -1 ? (guint) opt_customers : DEFAULT_CUSTOMERS,
                                  opt_days != -1 ? (guint) opt_days : DEFAULT_DAYS,
                                  now, &stats, &error);
  if (store == NULL)
    {
      g_printerr ("ahi-demo: cannot make the demo business in %s: %s\n", opt_db, error->message);
      return EXIT_FAILURE;
    }
  if (opt_quiet)
    return EXIT_SUCCESS;
  if (stats.events > 0)
    g_print ("Created %u customers, %u appointments (%u events) in %.1f s\n\n",
             stats.customers, stats.appointments, stats.events,
             (g_get_monotonic_time () - started) / 1e6);
  report (store, now);
  g_print ("\nDatabase: %s\n", opt_db);
  return EXIT_SUCCESS;
}

int
main (int argc, char *argv[])
{
  g_autoptr(GOptionContext) context = g_option_context_new ("— demo businesses, made once");
  g_autoptr(GError) error = NULL;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  int status;

  setlocale (LC_ALL, "");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("ahi-demo: %s\n", error->message);
      return EXIT_FAILURE;
    }
  if (argc > 1)
    {
      g_printerr ("ahi-demo: unexpected argument %s\n", argv[1]);
      return EXIT_FAILURE;
    }
  if (opt_sector == NULL)
    opt_sector = g_strdup ("hair_beauty");
  if ((opt_customers != -1 && opt_customers < 1) || (opt_days != -1 && opt_days < 1))
    {
      g_printerr ("ahi-demo: --customers and --days must be at least 1\n");
      return EXIT_FAILURE;
    }
  if (opt_now != NULL && !parse_now (opt_now, &now))
    {
      g_printerr ("ahi-demo: --now wants unix seconds or a UTC time like 2026-12-01T09:00:00Z\n");
      return EXIT_FAILURE;
    }
  if (opt_server_data_dir != NULL && (opt_db != NULL || opt_customers != -1 || opt_days != -1 || opt_quiet))
    {
      /* The server's demo is one size, the one its README promises. */
      g_printerr ("ahi-demo: --server-data-dir goes without --db, --customers, --days and --quiet\n");
      return EXIT_FAILURE;
    }
  if (opt_server_data_dir == NULL && opt_cost != NULL)
    {
      g_printerr ("ahi-demo: --password-cost goes with --server-data-dir\n");
      return EXIT_FAILURE;
    }

  status = opt_server_data_dir != NULL ? prepare_server (now) : make_database (now);
  g_free (opt_db);
  g_free (opt_server_data_dir);
  g_free (opt_sector);
  g_free (opt_now);
  g_free (opt_cost);
  return status;
}
