/* ahi-revenue.c — Revenue OS: summary, till reconciliation, staff report
 *
 * The ledger (revenue_events) is append-only: a correction is a new line,
 * so every figure here is a plain sum over the lines of a period. Sums
 * are checked for overflow instead of trusting that no tenant ever books
 * 46 000 lines of a trillion lira. Definitions: docs/revenue.md.
 */
#include "store/engine/ahi-revenue.h"

#include <string.h>

#include "store/ahi-store-error.h"
#include "store/ahi-tenant.h"
#include "core/ahi-core-error.h"
#include "core/ahi-id.h"
#include "core/ahi-json-strict.h"
#include "core/ahi-time.h"

/* Days from 0001-01-01 (GDate's Julian day 1) to 1970-01-01. */
#define UNIX_EPOCH_JULIAN 719163

typedef enum {
  LINE_INCOME,       /* sale, deposit, no_show_fee */
  LINE_REFUND,
  LINE_ADJUSTMENT,
} LineClass;

/* ------------------------------------------------------------ helpers */

static gboolean
classify_kind (const char *kind,
               LineClass  *out_class)
{
  if (g_str_equal (kind, "sale") || g_str_equal (kind, "deposit") || g_str_equal (kind, "no_show_fee"))
    *out_class = LINE_INCOME;
  else if (g_str_equal (kind, "refund"))
    *out_class = LINE_REFUND;
  else if (g_str_equal (kind, "adjustment"))
    *out_class = LINE_ADJUSTMENT;
  else
    return FALSE;
  return TRUE;
}

static gboolean
add_checked (gint64 *sum,
             gint64  value)
{
  return !__builtin_add_overflow (*sum, value, sum);
}

static gboolean
sub_checked (gint64 *sum,
             gint64  value)
{
  return !__builtin_sub_overflow (*sum, value, sum);
}

/* Adds one ledger line to totals; FALSE when a sum would overflow. */
static gboolean
totals_add_line (AhiRevenueTotals *totals,
                 LineClass         line_class,
                 gint64            amount,
                 gint64            discount,
                 gint64            vat)
{
  gboolean ok = TRUE;

  totals->lines++;
  switch (line_class)
    {
    case LINE_INCOME:
      /* amount is what the customer was charged, discount what was taken
       * off the list price: list is their sum, sold the amount. */
      ok = add_checked (&totals->list_minor, amount) &&
           add_checked (&totals->list_minor, discount) &&
           add_checked (&totals->discount_minor, discount) &&
           add_checked (&totals->sold_minor, amount) &&
           add_checked (&totals->net_of_refunds_minor, amount) &&
           add_checked (&totals->tax_minor, vat) &&
           add_checked (&totals->net_of_tax_minor, amount) &&
           sub_checked (&totals->net_of_tax_minor, vat);
      break;
    case LINE_REFUND:
      /* The refund's KDV went back with it: net of tax loses its net part. */
      ok = add_checked (&totals->refund_minor, amount) &&
           sub_checked (&totals->net_of_refunds_minor, amount) &&
           sub_checked (&totals->tax_minor, vat) &&
           sub_checked (&totals->net_of_tax_minor, amount) &&
           add_checked (&totals->net_of_tax_minor, vat);
      break;
    case LINE_ADJUSTMENT:
      /* Signed: vat_minor carries the sign of the amount. */
      ok = add_checked (&totals->adjustment_minor, amount) &&
           add_checked (&totals->net_of_refunds_minor, amount) &&
           add_checked (&totals->tax_minor, vat) &&
           add_checked (&totals->net_of_tax_minor, amount) &&
           sub_checked (&totals->net_of_tax_minor, vat);
      break;
    default:
      g_assert_not_reached ();
    }
  return ok;
}

static void
set_overflow_error (GError **error)
{
  g_set_error (error, AHI_STORE_ERROR, AHI_STORE_ERROR_INVALID_STATE,
               "Revenue sums overflow 64-bit minor units; ask for a shorter period");
}

/* The tenant's currency, or INVALID_STATE before the business exists. */
static gboolean
read_currency (AhiDb   *db,
               char     out_currency[4],
               GError **error)
{
  sqlite3_stmt *stmt = ahi_db_prepare (db, "SELECT currency FROM tenant_settings", error);
  g_autoptr(GError) local_error = NULL;

  if (stmt == NULL)
    return FALSE;
  if (!ahi_db_step_row (db, stmt, &local_error))
    {
      if (local_error != NULL)
        g_propagate_error (error, g_steal_pointer (&local_error));
      else
        g_set_error (error, AHI_STORE_ERROR, AHI_STORE_ERROR_INVALID_STATE,
                     "No business exists yet; there is no revenue to report");
      return FALSE;
    }
  g_strlcpy (out_currency, (const char *) sqlite3_column_text (stmt, 0), 4);
  sqlite3_reset (stmt);
  return TRUE;
}

/* "YYYY-MM-DD" of a day number (days since 1970-01-01). */
static void
format_day (gint64 days,
            char   out[11])
{
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_julian (&date, (guint32) (days + UNIX_EPOCH_JULIAN));
  g_snprintf (out, 11, "%04d-%02d-%02d",
              g_date_get_year (&date), g_date_get_month (&date), g_date_get_day (&date));
}

/* The instants a local business day starts and ends at. */
static gboolean
business_day_range (AhiDb       *db,
                    const char  *business_date,
                    gint64      *out_start,
                    gint64      *out_end,
                    GError     **error)
{
  g_autoptr(GTimeZone) zone = NULL;
  int year, month, day;
  GDate next;

  if (!ahi_date_parse (business_date, &year, &month, &day))
    {
      g_set_error (error, AHI_CORE_ERROR, AHI_CORE_ERROR_INVALID_VALUE,
                   "business_date: %s is not a date (YYYY-MM-DD)", business_date);
      return FALSE;
    }
  g_date_clear (&next, 1);
  g_date_set_dmy (&next, day, month, year);
  g_date_add_days (&next, 1);

  zone = ahi_tenant_timezone (db);
  *out_start = ahi_time_from_local (zone, year, month, day, 0, 0);
  *out_end = ahi_time_from_local (zone, g_date_get_year (&next), g_date_get_month (&next),
                                  g_date_get_day (&next), 0, 0);
  return TRUE;
}

/* ------------------------------------------------------------- buckets */

static void
bucket_clear (gpointer data)
{
  AhiRevenueBucket *bucket = data;

  g_clear_pointer (&bucket->key, g_free);
}

static int
compare_buckets (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (((const AhiRevenueBucket *) a)->key, ((const AhiRevenueBucket *) b)->key);
}

static AhiRevenueTotals *
bucket_lookup (GHashTable *buckets,
               const char *key)
{
  AhiRevenueTotals *totals = g_hash_table_lookup (buckets, key);

  if (totals == NULL)
    {
      totals = g_new0 (AhiRevenueTotals, 1);
      g_hash_table_insert (buckets, g_strdup (key), totals);
    }
  return totals;
}

static GArray *
buckets_to_array (GHashTable *buckets)
{
  GArray *array = g_array_sized_new (FALSE, TRUE, sizeof (AhiRevenueBucket), g_hash_table_size (buckets));
  GHashTableIter iter;
  gpointer key, value;

  g_array_set_clear_func (array, bucket_clear);
  g_hash_table_iter_init (&iter, buckets);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      AhiRevenueBucket bucket = { g_strdup (key), *(AhiRevenueTotals *) value };

      g_array_append_val (array, bucket);
    }
  g_array_sort (array, compare_buckets);
  return array;
}

static GHashTable *
buckets_new (void)
{
  return g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
}

/* ------------------------------------------------------------- summary */

void
ahi_revenue_summary_free (AhiRevenueSummary *summary)
{
  if (summary == NULL)
    return;
  g_clear_pointer (&summary->by_source, g_array_unref);
  g_clear_pointer (&summary->by_method, g_array_unref);
  g_clear_pointer (&summary->by_staff, g_array_unref);
  g_clear_pointer (&summary->by_day, g_array_unref);
  g_clear_pointer (&summary->by_month, g_array_unref);
  g_free (summary);
}

AhiRevenueSummary *
ahi_revenue_summary (AhiDb    *db,
                     gint64    from,
                     gint64    to,
                     GError  **error)
{
  g_autoptr(AhiRevenueSummary) summary = NULL;
  g_autoptr(GHashTable) by_source = buckets_new ();
  g_autoptr(GHashTable) by_method = buckets_new ();
  g_autoptr(GHashTable) by_staff = buckets_new ();
  g_autoptr(GHashTable) by_day = buckets_new ();
  g_autoptr(GHashTable) by_month = buckets_new ();
  g_autoptr(GTimeZone) zone = NULL;
  g_autoptr(GError) local_error = NULL;
  sqlite3_stmt *stmt;
  gboolean ok = TRUE;

  g_return_val_if_fail (db != NULL, NULL);
  g_return_val_if_fail (from <= to, NULL);

  summary = g_new0 (AhiRevenueSummary, 1);
  summary->from = from;
  summary->to = to;
  if (!read_currency (db, summary->currency, error))
    return NULL;
  zone = ahi_tenant_timezone (db);

  /* Range on booked_at: the revenue_events_time index. */
  stmt = ahi_db_prepare (db,
    "SELECT kind, source, method, amount_minor, discount_minor, vat_minor, booked_at, staff_id, currency"
    " FROM revenue_events WHERE booked_at >= ?1 AND booked_at < ?2", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, from);
  sqlite3_bind_int64 (stmt, 2, to);

  while (ok && ahi_db_step_row (db, stmt, &local_error))
    {
      const char *kind = (const char *) sqlite3_column_text (stmt, 0);
      const char *source = (const char *) sqlite3_column_text (stmt, 1);
      const char *method = (const char *) sqlite3_column_text (stmt, 2);
      gint64 amount = sqlite3_column_int64 (stmt, 3);
      gint64 discount = sqlite3_column_int64 (stmt, 4);
      gint64 vat = sqlite3_column_int64 (stmt, 5);
      gint64 days = ahi_time_local_day (zone, sqlite3_column_int64 (stmt, 6));
      const char *staff_id = (const char *) sqlite3_column_text (stmt, 7);
      const char *currency = (const char *) sqlite3_column_text (stmt, 8);
      char day_key[11];
      char month_key[8];
      LineClass line_class;

      if (!g_str_equal (currency, summary->currency))
        {
          summary->foreign_lines++;
          continue;
        }
      if (!classify_kind (kind, &line_class))
        {
          /* The catalogue's enum and this switch disagree: a newer
           * contract wrote this database. Refuse rather than miscount. */
          g_set_error (&local_error, AHI_STORE_ERROR, AHI_STORE_ERROR_INVALID_STATE,
                       "Unknown ledger kind %s", kind);
          ok = FALSE;
          break;
        }

      format_day (days, day_key);
      g_strlcpy (month_key, day_key, sizeof month_key);

      ok = totals_add_line (&summary->total, line_class, amount, discount, vat) &&
           totals_add_line (bucket_lookup (by_source, source), line_class, amount, discount, vat) &&
           totals_add_line (bucket_lookup (by_method, method), line_class, amount, discount, vat) &&
           totals_add_line (bucket_lookup (by_staff, staff_id != NULL ? staff_id : AHI_REVENUE_UNASSIGNED),
                            line_class, amount, discount, vat) &&
           totals_add_line (bucket_lookup (by_day, day_key), line_class, amount, discount, vat) &&
           totals_add_line (bucket_lookup (by_month, month_key), line_class, amount, discount, vat);
      if (!ok)
        set_overflow_error (&local_error);
    }
  if (!ok)
    sqlite3_reset (stmt);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  summary->by_source = buckets_to_array (by_source);
  summary->by_method = buckets_to_array (by_method);
  summary->by_staff = buckets_to_array (by_staff);
  summary->by_day = buckets_to_array (by_day);
  summary->by_month = buckets_to_array (by_month);
  return g_steal_pointer (&summary);
}

static void
build_totals (JsonBuilder            *builder,
              const AhiRevenueTotals *totals)
{
  /* The order of docs/revenue.md: the JSON is compared byte for byte. */
  const struct {
    const char *name;
    gint64      value;
  } figures[] = {
    { "list_minor", totals->list_minor },
    { "discount_minor", totals->discount_minor },
    { "sold_minor", totals->sold_minor },
    { "refund_minor", totals->refund_minor },
    { "adjustment_minor", totals->adjustment_minor },
    { "net_of_refunds_minor", totals->net_of_refunds_minor },
    { "tax_minor", totals->tax_minor },
    { "net_of_tax_minor", totals->net_of_tax_minor },
  };

  json_builder_begin_object (builder);
  for (guint i = 0; i < G_N_ELEMENTS (figures); i++)
    {
      json_builder_set_member_name (builder, figures[i].name);
      json_builder_add_int_value (builder, figures[i].value);
    }
  json_builder_set_member_name (builder, "lines");
  json_builder_add_int_value (builder, totals->lines);
  json_builder_end_object (builder);
}

static void
build_buckets (JsonBuilder *builder,
               const char  *name,
               GArray      *buckets)
{
  json_builder_set_member_name (builder, name);
  json_builder_begin_object (builder);
  for (guint i = 0; i < buckets->len; i++)
    {
      const AhiRevenueBucket *bucket = &g_array_index (buckets, AhiRevenueBucket, i);

      json_builder_set_member_name (builder, bucket->key);
      build_totals (builder, &bucket->totals);
    }
  json_builder_end_object (builder);
}

static void
build_period (JsonBuilder *builder,
              gint64       from,
              gint64       to)
{
  g_autofree char *from_text = ahi_time_format_utc (from);
  g_autofree char *to_text = ahi_time_format_utc (to);

  json_builder_set_member_name (builder, "from");
  json_builder_add_string_value (builder, from_text);
  json_builder_set_member_name (builder, "to");
  json_builder_add_string_value (builder, to_text);
}

static char *
builder_to_string (JsonBuilder *builder)
{
  g_autoptr(JsonNode) root = json_builder_get_root (builder);

  return ahi_json_strict_to_string (root);
}

char *
ahi_revenue_summary_to_json (const AhiRevenueSummary *summary)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  g_return_val_if_fail (summary != NULL, NULL);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "v");
  json_builder_add_int_value (builder, AHI_REVENUE_SUMMARY_VERSION);
  build_period (builder, summary->from, summary->to);
  json_builder_set_member_name (builder, "currency");
  json_builder_add_string_value (builder, summary->currency);
  json_builder_set_member_name (builder, "total");
  build_totals (builder, &summary->total);
  build_buckets (builder, "by_source", summary->by_source);
  build_buckets (builder, "by_method", summary->by_method);
  build_buckets (builder, "by_staff", summary->by_staff);
  build_buckets (builder, "by_day", summary->by_day);
  build_buckets (builder, "by_month", summary->by_month);
  json_builder_set_member_name (builder, "foreign_lines");
  json_builder_add_int_value (builder, summary->foreign_lines);
  json_builder_end_object (builder);

  return builder_to_string (builder);
}

/* ------------------------------------------------------ reconciliation */

gboolean
ahi_revenue_expected_cash (AhiDb       *db,
                           const char  *business_date,
                           gint64      *out_expected_minor,
                           GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  char currency[4];
  gint64 start, end;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (db != NULL, FALSE);
  g_return_val_if_fail (business_date != NULL, FALSE);
  g_return_val_if_fail (out_expected_minor != NULL, FALSE);

  if (!read_currency (db, currency, error) ||
      !business_day_range (db, business_date, &start, &end, error))
    return FALSE;

  /* Every cash line adds its amount except a refund, which leaves the
   * till. SQLite's sum() raises an error on overflow rather than wrap. */
  stmt = ahi_db_prepare (db,
    "SELECT coalesce (sum (CASE kind WHEN 'refund' THEN -amount_minor ELSE amount_minor END), 0)"
    " FROM revenue_events WHERE booked_at >= ?1 AND booked_at < ?2 AND method = 'cash' AND currency = ?3",
    error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, start);
  sqlite3_bind_int64 (stmt, 2, end);
  ahi_db_bind_text (stmt, 3, currency);
  if (!ahi_db_step_row (db, stmt, &local_error))
    {
      if (local_error == NULL)
        g_set_error (&local_error, AHI_STORE_ERROR, AHI_STORE_ERROR_SQLITE, "Expected cash: no result");
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  *out_expected_minor = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  return TRUE;
}

AhiEvent *
ahi_revenue_new_cash_count (AhiStore    *store,
                            const char  *business_date,
                            gint64       counted_minor,
                            const char  *note,
                            const char  *actor_user_id,
                            const char  *actor_role,
                            gint64       occurred_at,
                            GError     **error)
{
  g_autoptr(AhiEvent) draft = NULL;
  AhiEvent *event;
  g_autofree char *entity_id = NULL;
  gint64 expected = 0;

  g_return_val_if_fail (AHI_IS_STORE (store), NULL);
  g_return_val_if_fail (ahi_store_get_tenant_id (store) != NULL, NULL);
  g_return_val_if_fail (business_date != NULL, NULL);
  g_return_val_if_fail (actor_user_id != NULL, NULL);
  g_return_val_if_fail (actor_role != NULL, NULL);

  if (!ahi_revenue_expected_cash (ahi_store_get_db (store), business_date, &expected, error))
    return NULL;

  /* Validate a draft first: taking the device's next sequence number for
   * an event that is then thrown away would leave a gap in its log. */
  entity_id = ahi_id_new ();
  draft = ahi_event_new ("cash.reconciled", ahi_store_get_tenant_id (store), entity_id,
                         ahi_store_get_device_id (store), 1, actor_user_id, actor_role, occurred_at);
  json_object_set_string_member (draft->payload, "business_date", business_date);
  json_object_set_int_member (draft->payload, "counted_minor", counted_minor);
  json_object_set_int_member (draft->payload, "expected_minor", expected);
  if (note != NULL)
    json_object_set_string_member (draft->payload, "note", note);
  if (!ahi_event_validate (draft, error))
    return NULL;

  event = ahi_store_new_event (store, "cash.reconciled", entity_id, actor_user_id, actor_role, occurred_at);
  json_object_unref (event->payload);
  event->payload = json_object_ref (draft->payload);
  return event;
}

void
ahi_revenue_cash_count_free (AhiRevenueCashCount *count)
{
  if (count == NULL)
    return;
  g_free (count->cash_count_id);
  g_free (count->business_date);
  g_free (count->note);
  g_free (count->counted_by);
  g_free (count);
}

GPtrArray *
ahi_revenue_cash_counts (AhiDb       *db,
                         const char  *business_date,
                         GError     **error)
{
  g_autoptr(GPtrArray) counts = g_ptr_array_new_with_free_func ((GDestroyNotify) ahi_revenue_cash_count_free);
  g_autoptr(GError) local_error = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (db != NULL, NULL);
  g_return_val_if_fail (business_date != NULL, NULL);

  stmt = ahi_db_prepare (db,
    "SELECT cash_count_id, business_date, counted_minor, expected_minor, difference_minor, note,"
    " counted_by, counted_at FROM cash_counts WHERE business_date = ?"
    " ORDER BY counted_at, cash_count_id", error);
  if (stmt == NULL)
    return NULL;
  ahi_db_bind_text (stmt, 1, business_date);
  while (ahi_db_step_row (db, stmt, &local_error))
    {
      AhiRevenueCashCount *count = g_new0 (AhiRevenueCashCount, 1);

      count->cash_count_id = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      count->business_date = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      count->counted_minor = sqlite3_column_int64 (stmt, 2);
      count->expected_minor = sqlite3_column_int64 (stmt, 3);
      count->difference_minor = sqlite3_column_int64 (stmt, 4);
      count->note = g_strdup ((const char *) sqlite3_column_text (stmt, 5));
      count->counted_by = g_strdup ((const char *) sqlite3_column_text (stmt, 6));
      count->counted_at = sqlite3_column_int64 (stmt, 7);
      g_ptr_array_add (counts, count);
    }
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  return g_steal_pointer (&counts);
}

/* -------------------------------------------------------- staff report */

static void
staff_row_clear (gpointer data)
{
  AhiRevenueStaffRow *row = data;

  g_clear_pointer (&row->staff_id, g_free);
}

static int
compare_staff_rows (gconstpointer a,
                    gconstpointer b)
{
  return strcmp (((const AhiRevenueStaffRow *) a)->staff_id, ((const AhiRevenueStaffRow *) b)->staff_id);
}

static AhiRevenueStaffRow *
staff_row_lookup (GHashTable *rows,
                  const char *staff_id)
{
  AhiRevenueStaffRow *row;

  if (staff_id == NULL)
    staff_id = AHI_REVENUE_UNASSIGNED;
  row = g_hash_table_lookup (rows, staff_id);
  if (row == NULL)
    {
      row = g_new0 (AhiRevenueStaffRow, 1);
      row->staff_id = g_strdup (staff_id);
      g_hash_table_insert (rows, row->staff_id, row);
    }
  return row;
}

static void
staff_row_free (gpointer data)
{
  staff_row_clear (data);
  g_free (data);
}

static gboolean
staff_add_active (AhiDb      *db,
                  GHashTable *rows,
                  GError    **error)
{
  g_autoptr(GError) local_error = NULL;
  sqlite3_stmt *stmt = ahi_db_prepare (db, "SELECT staff_id FROM staff WHERE active = 1", error);

  if (stmt == NULL)
    return FALSE;
  while (ahi_db_step_row (db, stmt, &local_error))
    staff_row_lookup (rows, (const char *) sqlite3_column_text (stmt, 0));
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  return TRUE;
}

static gboolean
staff_add_revenue (AhiDb      *db,
                   GHashTable *rows,
                   gint64      from,
                   gint64      to,
                   GError    **error)
{
  g_autoptr(GError) local_error = NULL;
  char currency[4];
  sqlite3_stmt *stmt;
  gboolean ok = TRUE;

  if (!read_currency (db, currency, error))
    return FALSE;

  /* Per member: what was paid on income lines, less refunds, plus
   * signed adjustments (the summary's net_of_refunds_minor, per member). */
  stmt = ahi_db_prepare (db,
    "SELECT staff_id, sum (CASE kind WHEN 'refund' THEN -amount_minor ELSE amount_minor END)"
    " FROM revenue_events WHERE booked_at >= ?1 AND booked_at < ?2 AND currency = ?3"
    " GROUP BY staff_id", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, from);
  sqlite3_bind_int64 (stmt, 2, to);
  ahi_db_bind_text (stmt, 3, currency);
  while (ok && ahi_db_step_row (db, stmt, &local_error))
    {
      AhiRevenueStaffRow *row = staff_row_lookup (rows, (const char *) sqlite3_column_text (stmt, 0));

      ok = add_checked (&row->revenue_minor, sqlite3_column_int64 (stmt, 1));
      if (!ok)
        {
          sqlite3_reset (stmt);
          set_overflow_error (&local_error);
        }
    }
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  return TRUE;
}

static gboolean
staff_add_visits (AhiDb      *db,
                  GHashTable *rows,
                  gint64      from,
                  gint64      to,
                  GError    **error)
{
  g_autoptr(GError) local_error = NULL;
  sqlite3_stmt *stmt;

  /* An appointment counts once per member who has an item in it; the
   * value lost is the price of that member's items. A late cancellation
   * counts only when the customer cancelled: the business cancelling its
   * own booking is not a customer's loss to the member. */
  stmt = ahi_db_prepare (db,
    "SELECT i.staff_id, a.status, count (DISTINCT a.appointment_id), sum (i.price_minor)"
    " FROM appointments a JOIN appointment_items i ON i.appointment_id = a.appointment_id"
    " WHERE a.starts_at >= ?1 AND a.starts_at < ?2"
    "   AND (a.status IN ('completed', 'no_show')"
    "        OR (a.status = 'cancelled' AND a.late_cancel = 1 AND a.cancelled_by = 'customer'))"
    " GROUP BY i.staff_id, a.status", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, from);
  sqlite3_bind_int64 (stmt, 2, to);
  while (ahi_db_step_row (db, stmt, &local_error))
    {
      AhiRevenueStaffRow *row = staff_row_lookup (rows, (const char *) sqlite3_column_text (stmt, 0));
      const char *status = (const char *) sqlite3_column_text (stmt, 1);
      guint count = (guint) sqlite3_column_int64 (stmt, 2);
      gint64 value = sqlite3_column_int64 (stmt, 3);

      if (g_str_equal (status, "completed"))
        row->completed_visits = count;
      else if (g_str_equal (status, "no_show"))
        {
          row->no_shows = count;
          row->no_show_lost_minor = value;
        }
      else
        {
          row->late_cancellations = count;
          row->late_cancel_lost_minor = value;
        }
    }
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  return TRUE;
}

void
ahi_revenue_staff_report_free (AhiRevenueStaffReport *report)
{
  if (report == NULL)
    return;
  g_clear_pointer (&report->rows, g_array_unref);
  g_free (report);
}

AhiRevenueStaffReport *
ahi_revenue_staff_report (AhiDb    *db,
                          gint64    from,
                          gint64    to,
                          GError  **error)
{
  g_autoptr(GHashTable) rows = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, staff_row_free);
  AhiRevenueStaffReport *report;
  GHashTableIter iter;
  gpointer value;
  gboolean own_snapshot;
  gboolean ok;

  g_return_val_if_fail (db != NULL, NULL);
  g_return_val_if_fail (from <= to, NULL);

  /* One snapshot for the three reads, so a write between them cannot
   * make revenue and visits disagree; inside the caller's transaction,
   * that transaction is the snapshot. */
  if (!ahi_db_snapshot_begin (db, &own_snapshot, error))
    return NULL;
  ok = staff_add_active (db, rows, error) &&
       staff_add_revenue (db, rows, from, to, error) &&
       staff_add_visits (db, rows, from, to, error);
  ahi_db_snapshot_end (db, own_snapshot);
  if (!ok)
    return NULL;

  report = g_new0 (AhiRevenueStaffReport, 1);
  report->from = from;
  report->to = to;
  report->rows = g_array_sized_new (FALSE, TRUE, sizeof (AhiRevenueStaffRow), g_hash_table_size (rows));
  g_array_set_clear_func (report->rows, staff_row_clear);

  /* The array takes over each row's staff_id; the table only frees the
   * row structs from here on. */
  g_hash_table_iter_init (&iter, rows);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      AhiRevenueStaffRow *row = value;

      g_array_append_val (report->rows, *row);
      row->staff_id = NULL;
    }
  g_array_sort (report->rows, compare_staff_rows);
  return report;
}

char *
ahi_revenue_staff_report_to_json (const AhiRevenueStaffReport *report)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  g_return_val_if_fail (report != NULL, NULL);

  json_builder_begin_object (builder);
  build_period (builder, report->from, report->to);
  json_builder_set_member_name (builder, "staff");
  json_builder_begin_array (builder);
  for (guint i = 0; i < report->rows->len; i++)
    {
      const AhiRevenueStaffRow *row = &g_array_index (report->rows, AhiRevenueStaffRow, i);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "staff_id");
      json_builder_add_string_value (builder, row->staff_id);
      json_builder_set_member_name (builder, "revenue_minor");
      json_builder_add_int_value (builder, row->revenue_minor);
      json_builder_set_member_name (builder, "completed_visits");
      json_builder_add_int_value (builder, row->completed_visits);
      json_builder_set_member_name (builder, "no_shows");
      json_builder_add_int_value (builder, row->no_shows);
      json_builder_set_member_name (builder, "no_show_lost_minor");
      json_builder_add_int_value (builder, row->no_show_lost_minor);
      json_builder_set_member_name (builder, "late_cancellations");
      json_builder_add_int_value (builder, row->late_cancellations);
      json_builder_set_member_name (builder, "late_cancel_lost_minor");
      json_builder_add_int_value (builder, row->late_cancel_lost_minor);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  return builder_to_string (builder);
}
