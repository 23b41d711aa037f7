/* ahi-revenue.h — Revenue OS: the ledger summarised, the till reconciled,
 * revenue and losses per staff member
 *
 * Read-only queries over revenue_events, cash_counts and appointments.
 * Every figure is defined in docs/revenue.md. Money is integer minor
 * units of the tenant's currency, KDV included unless the name says
 * net_of_tax; periods are half-open
 * [from, to) in unix seconds; days and months are local to the tenant's
 * zone. The JSON forms are deterministic and hold integers and strings
 * only.
 */
#pragma once

#include "store/ahi-db.h"
#include "store/ahi-store.h"

G_BEGIN_DECLS

/* The bucket of ledger lines and visits that name no staff member. Staff
 * ids are UUIDs, so the key cannot collide, and it sorts after them. */
#define AHI_REVENUE_UNASSIGNED "unassigned"

/* The summary's version: its "v" member. 2 named every figure after
 * what it is (docs/revenue.md, "Names and versions"); version 1 had
 * gross_minor and net_minor, which the KPIs read differently. */
#define AHI_REVENUE_SUMMARY_VERSION 2

/* The money vocabulary of docs/revenue.md, the same names as the KPIs'.
 * Income lines are sale, deposit and no_show_fee; every figure but
 * net_of_tax_minor includes KDV. */
typedef struct {
  gint64 list_minor;            /* income lines at list price: Σ (amount + discount) */
  gint64 discount_minor;        /* Σ discount on income lines */
  gint64 sold_minor;            /* Σ amount on income lines: list − discount */
  gint64 refund_minor;          /* Σ amount on refund lines (positive) */
  gint64 adjustment_minor;      /* Σ amount on adjustment lines, signed */
  gint64 net_of_refunds_minor;  /* sold − refund + adjustment: the money kept */
  gint64 tax_minor;             /* KDV inside net_of_refunds: each line's vat_minor, refunds negated */
  gint64 net_of_tax_minor;      /* net_of_refunds − tax */
  guint  lines;                 /* ledger lines counted */
} AhiRevenueTotals;

typedef struct {
  char             *key;
  AhiRevenueTotals  totals;
} AhiRevenueBucket;

typedef struct {
  gint64            from;
  gint64            to;
  char              currency[4];    /* the tenant's; lines in others are left out */
  AhiRevenueTotals  total;
  GArray           *by_source;      /* AhiRevenueBucket, by key (bytewise) */
  GArray           *by_method;
  GArray           *by_staff;       /* key: staff id or AHI_REVENUE_UNASSIGNED */
  GArray           *by_day;         /* key: local date, YYYY-MM-DD */
  GArray           *by_month;       /* key: local month, YYYY-MM */
  guint             foreign_lines;  /* lines of the period in another currency */
} AhiRevenueSummary;

/* The ledger lines booked in [from, to). INVALID_STATE before the
 * business exists; INVALID_STATE too if a sum would overflow. */
AhiRevenueSummary *ahi_revenue_summary          (AhiDb                    *db,
                                                 gint64                    from,
                                                 gint64                    to,
                                                 GError                  **error);
void               ahi_revenue_summary_free     (AhiRevenueSummary        *summary);
char              *ahi_revenue_summary_to_json  (const AhiRevenueSummary  *summary);

/* ------------------------------------------------------ reconciliation */

/* Cash the ledger expects in the till for a local business day
 * ("YYYY-MM-DD"): cash sales + deposits + no-show fees − cash refunds
 * + cash adjustments, as the ledger stands now. */
gboolean           ahi_revenue_expected_cash    (AhiDb                    *db,
                                                 const char               *business_date,
                                                 gint64                   *out_expected_minor,
                                                 GError                  **error);

/* A cash.reconciled event of store's device for the day, with the
 * expected amount computed now; the caller appends it. note may be NULL.
 * NULL with an AHI_CORE_ERROR when the event would not validate (bad
 * date, amount out of range, note too long); no sequence number is taken
 * then. */
AhiEvent          *ahi_revenue_new_cash_count   (AhiStore                 *store,
                                                 const char               *business_date,
                                                 gint64                    counted_minor,
                                                 const char               *note,
                                                 const char               *actor_user_id,
                                                 const char               *actor_role,
                                                 gint64                    occurred_at,
                                                 GError                  **error);

typedef struct {
  char   *cash_count_id;
  char   *business_date;
  gint64  counted_minor;
  gint64  expected_minor;
  gint64  difference_minor;   /* counted − expected; negative is a shortfall */
  char   *note;               /* NULL when none */
  char   *counted_by;
  gint64  counted_at;
} AhiRevenueCashCount;

void               ahi_revenue_cash_count_free  (AhiRevenueCashCount      *count);

/* The counts of a business day (AhiRevenueCashCount*), oldest first; the
 * last one is the day's standing count. */
GPtrArray         *ahi_revenue_cash_counts      (AhiDb                    *db,
                                                 const char               *business_date,
                                                 GError                  **error);

/* -------------------------------------------------------- staff report */

typedef struct {
  char   *staff_id;                /* or AHI_REVENUE_UNASSIGNED */
  gint64  revenue_minor;           /* net_of_refunds of the member's ledger lines booked in the period */
  guint   completed_visits;        /* completed appointments with an item of theirs */
  guint   no_shows;                /* no-show appointments with an item of theirs */
  gint64  no_show_lost_minor;      /* their items' prices on those */
  guint   late_cancellations;      /* late cancellations by the customer */
  gint64  late_cancel_lost_minor;  /* their items' prices on those */
} AhiRevenueStaffRow;

typedef struct {
  gint64  from;
  gint64  to;
  GArray *rows;                    /* AhiRevenueStaffRow, by staff id */
} AhiRevenueStaffReport;

/* Every active staff member, and anyone else with a figure in [from, to):
 * ledger lines by booked_at, appointments by starts_at. */
AhiRevenueStaffReport *ahi_revenue_staff_report         (AhiDb                        *db,
                                                         gint64                        from,
                                                         gint64                        to,
                                                         GError                      **error);
void                   ahi_revenue_staff_report_free    (AhiRevenueStaffReport        *report);
char                  *ahi_revenue_staff_report_to_json (const AhiRevenueStaffReport  *report);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AhiRevenueSummary, ahi_revenue_summary_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AhiRevenueCashCount, ahi_revenue_cash_count_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AhiRevenueStaffReport, ahi_revenue_staff_report_free)

G_END_DECLS
