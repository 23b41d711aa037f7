/* ahi-demo-main.c — creates a demo business and prints what it holds
 *
 * Until the app and the server exist, this is the product a newcomer can
 * run: a real tenant database made by the real write path (bootstrap,
 * then months of generated visits), and the figures a front desk would
 * read from it.
 */
#include <locale.h>
#include <stdlib.h>

#include "store/engine/ahi-command-center.h"
#include "store/query/ahi-customer-search.h"
#include "demo/ahi-generator.h"
#include "store/ahi-store.h"
#include "store/ahi-tenant-bootstrap.h"
#include "core/ahi-blueprint.h"
#include "core/ahi-id.h"
#include "core/ahi-money.h"
#include "core/ahi-phone.h"
#include "core/ahi-time.h"

static char   *opt_db = NULL;
static char   *opt_sector = NULL;
static int     opt_customers = 1500;
static int     opt_days = 180;

static const GOptionEntry entries[] = {
  { "db", 0, 0, G_OPTION_ARG_FILENAME, &opt_db, "Database file (created once)", "PATH" },
  { "sector", 0, 0, G_OPTION_ARG_STRING, &opt_sector, "hair_beauty, dental_esthetic, auto_service or generic", "ID" },
  { "customers", 0, 0, G_OPTION_ARG_INT, &opt_customers, "Customers to generate", "N" },
  { "days", 0, 0, G_OPTION_ARG_INT, &opt_days, "Days of history", "N" },
  { NULL }
};

static const char *
demo_name (const char *sector)
{
  if (g_str_equal (sector, "dental_esthetic"))
    return "Gülüş Ağız ve Diş Sağlığı Polikliniği";
  if (g_str_equal (sector, "auto_service"))
    return "Usta Oto Servis";
  if (g_str_equal (sector, "hair_beauty"))
    return "Işıl Kuaför & Güzellik";
  return "Ahi İşletmesi";
}

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

static gboolean
create (AhiStore    *store,
        const char  *sector,
        gint64       now,
        GError     **error)
{
  g_autofree char *tenant_id = ahi_id_new ();
  g_autoptr(GPtrArray) events = NULL;
  AhiGeneratorStats stats = { 0 };
  AhiTenantSpec spec = {
    .tenant_id = tenant_id,
    .name = demo_name (sector),
    .sector = sector,
    .owner_name = "Derya Aksoy",
    .created_at = now - (gint64) (opt_days + 30) * 86400,
  };
  AhiGeneratorSpec gen = {
    .n_customers = opt_customers,
    .days_of_history = opt_days,
    .days_ahead = 14,
    .occupancy_pct = 55,
    .seed = 2026,
    .now = now,
  };
  gint64 started = g_get_monotonic_time ();

  events = ahi_tenant_bootstrap_events (&spec, error);
  if (events == NULL || !ahi_store_append_all (store, events, NULL, error))
    return FALSE;
  if (!ahi_generator_fill (store, &gen, &stats, error))
    return FALSE;
  g_print ("Created %u customers, %u appointments (%u events) in %.1f s\n\n",
           stats.customers, stats.appointments, stats.events,
           (g_get_monotonic_time () - started) / 1e6);
  return TRUE;
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

int
main (int argc, char *argv[])
{
  g_autoptr(GOptionContext) context = g_option_context_new ("— a demo business in one SQLite file");
  g_autoptr(GError) error = NULL;
  g_autoptr(AhiStore) store = NULL;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  setlocale (LC_ALL, "");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("%s\n", error->message);
      return EXIT_FAILURE;
    }
  if (opt_sector == NULL)
    opt_sector = g_strdup ("hair_beauty");
  if (opt_db == NULL)
    opt_db = g_strdup_printf ("demo-%s.db", opt_sector);
  if (opt_customers < 1 || opt_days < 1)
    {
      g_printerr ("--customers and --days must be at least 1\n");
      return EXIT_FAILURE;
    }

  store = ahi_store_open (opt_db, &error);
  if (store == NULL)
    {
      g_printerr ("Cannot open %s: %s\n", opt_db, error->message);
      return EXIT_FAILURE;
    }
  if (ahi_store_get_tenant_id (store) == NULL && !create (store, opt_sector, now, &error))
    {
      g_printerr ("Cannot create the demo business: %s\n", error->message);
      return EXIT_FAILURE;
    }

  report (store, now);
  g_print ("\nDatabase: %s\n", opt_db);
  g_free (opt_db);
  g_free (opt_sector);
  return EXIT_SUCCESS;
}
