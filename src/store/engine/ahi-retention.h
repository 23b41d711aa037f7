/* ahi-retention.h — who to bring back, and whether it worked
 *
 * Reactivation: every customer with a completed visit is scored by how far
 * past their own usual cycle they are, weighted by what they spend, and
 * placed in the blueprint's risk tiers. Customers the desk must not (or
 * need not) write to are skipped with a reason. A campaign for one tier is
 * queued as events in one all-or-nothing append, and its conversion is
 * measured from the bookings that followed the messages. The sectors'
 * critical lists (hair rebook, dental treatment continuity, auto
 * maintenance recall) and the slot-fill ranking for a cancelled
 * appointment live here too. docs/retention.md holds every rule and the
 * formulas with a worked example.
 *
 * All times are unix seconds UTC; "now" is always the caller's, so the
 * same data and the same now give the same answer.
 */
#pragma once

#include "store/ahi-db.h"
#include "store/ahi-store.h"

G_BEGIN_DECLS

/* When the tenant has no reactivation history to measure, p(return) is
 * this prior, and PRIOR_WEIGHT pseudo-contacts of it are blended into the
 * measured rate (docs/retention.md). */
#define AHI_RETENTION_PRIOR_RETURN_BP   1000
#define AHI_RETENTION_PRIOR_WEIGHT      10
/* The most customers one automation.reactivation.queued event may carry. */
#define AHI_RETENTION_MAX_CAMPAIGN      500

/* The commercial reminder purposes (İYS) of core's one table
 * (core/ahi-message-purpose.h), as an SQL list for the statements built
 * from string literals: they need a valid marketing consent on their
 * channel and count against the tenant's contact cap. tests/store's
 * test-retention checks that this list is the table's, no more, no less. */
#define AHI_COMMERCIAL_PURPOSES_SQL "('reactivation', 'rebook', 'review_request', 'slot_offer')"

/* SQL condition on a reminders row (alias): the desk took it back before
 * it was sent, so it reached nobody and counts as no contact. */
#define AHI_REMINDER_WITHDRAWN_SQL(alias) \
  "(" alias ".status = 'completed' AND " alias ".outcome = 'cancelled' AND " alias ".sent_at IS NULL)"

/* A message that counts as a contact (for the contact cap and "asked
 * already"): not failed, and not called off before it was sent (an undo). */
#define AHI_REMINDER_CONTACTED_SQL(alias) \
  "(" alias ".status <> 'failed' AND NOT " AHI_REMINDER_WITHDRAWN_SQL (alias) ")"

typedef enum {
  AHI_RISK_TIER_NONE,      /* not yet due */
  AHI_RISK_TIER_DUE,
  AHI_RISK_TIER_AT_RISK,
  AHI_RISK_TIER_LOST,
} AhiRiskTier;

/* "due", "at_risk", "lost" ("none" for NONE). */
const char *ahi_risk_tier_to_string   (AhiRiskTier  tier);
/* FALSE for anything but due, at_risk and lost. */
gboolean    ahi_risk_tier_from_string (const char  *text,
                                       AhiRiskTier *out_tier);

/* Why a customer is left out, checked in this order. */
typedef enum {
  AHI_RETENTION_SKIP_NONE,          /* a candidate */
  AHI_RETENTION_SKIP_ERASED,        /* personal data erased */
  AHI_RETENTION_SKIP_OPEN_BOOKING,  /* holds a booking not yet finished */
  AHI_RETENTION_SKIP_LAST_NO_SHOW,  /* the latest finished visit was a no-show */
  AHI_RETENTION_SKIP_NOT_DUE,       /* below the due tier */
  AHI_RETENTION_SKIP_NO_CONSENT,    /* no valid marketing consent on the channel */
  AHI_RETENTION_SKIP_CONTACT_CAP,   /* a commercial message within contact_cap_days */
  AHI_RETENTION_SKIP_MAX_ATTEMPTS,  /* the reactivation rule's max_attempts used up */
} AhiRetentionSkip;

const char *ahi_retention_skip_to_string (AhiRetentionSkip skip);

typedef struct {
  char             *customer_id;
  AhiRetentionSkip  skip;
  AhiRiskTier       tier;
  gint64            last_completed_at;
  gint64            days_since;           /* whole days since the last completed visit */
  gint64            cycle_days;           /* the customer's usual cycle */
  gboolean          cycle_from_history;   /* FALSE: the blueprint's fallback_cycle_days */
  gint64            ratio_pct;            /* days_since × 100 ÷ cycle_days, rounded down */
  gint64            avg_ticket_minor;
  gint64            score;                /* ratio_pct × avg_ticket_minor ÷ 100 */
  gint64            expected_value_minor; /* p(return) × avg_ticket_minor */
} AhiRetentionCustomer;

void       ahi_retention_customer_free          (AhiRetentionCustomer *customer);

/* p(return) in basis points, measured from the tenant's reactivation
 * contacts whose attribution window had closed by now. out_contacts and
 * out_converted (may be NULL) receive the counts it was measured on. */
guint      ahi_retention_return_probability_bp  (AhiDb        *db,
                                                 gint64        now,
                                                 guint        *out_contacts,
                                                 guint        *out_converted,
                                                 GError      **error);

/* Reactivation candidates (AhiRetentionCustomer*), highest score first.
 * channel NULL: the reactivation rule's. out_skipped (may be NULL)
 * receives every other customer with a completed visit and the reason it
 * was left out, by customer id. */
GPtrArray *ahi_retention_reactivation_candidates (AhiDb       *db,
                                                  gint64       now,
                                                  const char  *channel,
                                                  GPtrArray  **out_skipped,
                                                  GError     **error);

typedef struct {
  AhiRiskTier  tier;            /* the tier to contact: due, at_risk or lost */
  const char  *channel;         /* NULL: the reactivation rule's channel */
  const char  *template_id;     /* NULL: "reactivation_<tier>" */
  gint64       due_at;          /* when to send; 0: now */
  guint        limit;           /* best scores first; 0 or above 500: 500 */
  const char  *actor_user_id;   /* who queues it */
  const char  *actor_role;      /* owner | manager | staff | system */
} AhiReactivationRequest;

/* The events of a campaign (AhiEvent*): one reminder.created per customer
 * (purpose reactivation) and then automation.reactivation.queued. Empty
 * when nobody qualifies. Each event takes this device's next sequence
 * number: append what you build. */
GPtrArray *ahi_retention_build_campaign (AhiStore                      *store,
                                         const AhiReactivationRequest  *request,
                                         gint64                         now,
                                         GError                       **error);

/* Builds and appends a campaign in one ahi_store_append_all. With nobody
 * to contact it writes nothing, succeeds and *out_campaign_id is NULL. */
gboolean   ahi_retention_queue_campaign (AhiStore                      *store,
                                         const AhiReactivationRequest  *request,
                                         gint64                         now,
                                         char                         **out_campaign_id,
                                         guint                         *out_n_customers,
                                         GError                       **error);

/* The attribution window: the reactivation rule's interval_days. */
gint64     ahi_retention_attribution_days (AhiDb   *db,
                                           GError **error);

typedef struct {
  guint   contacted;        /* customers sent a reactivation message in [from, until) */
  guint   converted;        /* … who booked within the attribution window after it */
  guint   conversion_bp;    /* converted × 10000 ÷ contacted, rounded down */
  gint64  revenue_minor;    /* sales linked to those bookings */
} AhiReactivationConversion;

gboolean   ahi_retention_conversion (AhiDb                      *db,
                                     gint64                      from,
                                     gint64                      until,
                                     AhiReactivationConversion  *out,
                                     GError                    **error);

/* ---------------------------------------------------- critical actions */

typedef struct {
  char       *customer_id;
  char       *subject_id;   /* rebook: the last visit; treatment: the plan; maintenance: the vehicle */
  gint64      last_at;      /* the visit, the plan's last progress, the last service */
  gint64      due_at;       /* when the action became (or becomes) due */
  const char *reason;       /* static: rebook_window, plan_open, months, km */
} AhiCriticalAction;

void       ahi_critical_action_free (AhiCriticalAction *action);

/* Hair: a completed visit between the rebook rule's min_days and max_days
 * ago, no booking since; commercial, so consent and the cap apply. */
GPtrArray *ahi_retention_rebook_candidates      (AhiDb    *db,
                                                 gint64    now,
                                                 GError  **error);
/* Dental: an unfinished treatment plan without progress for the
 * treatment_continuity rule's max_gap_days and no open booking. */
GPtrArray *ahi_retention_treatment_candidates   (AhiDb    *db,
                                                 gint64    now,
                                                 GError  **error);
/* Auto: vehicles whose maintenance falls due (months or estimated km,
 * whichever first) within the rule's remind_before_days. */
GPtrArray *ahi_retention_maintenance_candidates (AhiDb    *db,
                                                 gint64    now,
                                                 GError  **error);
/* The lists the tenant's blueprint has rules for, concatenated in the
 * order rebook, treatment, maintenance. */
GPtrArray *ahi_retention_critical_actions       (AhiDb    *db,
                                                 gint64    now,
                                                 GError  **error);

/* ----------------------------------------------------------- slot fill */

typedef enum {
  AHI_SLOT_FILL_WAITLIST,
  AHI_SLOT_FILL_AT_RISK,
} AhiSlotFillSource;

typedef struct {
  char              *customer_id;
  AhiSlotFillSource  source;
  char              *entry_id;              /* the waitlist entry, NULL for AT_RISK */
  char              *service_id;            /* what they would book */
  AhiRiskTier        tier;                  /* AT_RISK only */
  gint64             expected_value_minor;
} AhiSlotFillCandidate;

void       ahi_slot_fill_candidate_free (AhiSlotFillCandidate *candidate);

/* Who could take the slot a cancelled appointment freed
 * (AhiSlotFillCandidate*): waitlist entries first, then reactivation
 * candidates whose usual service fits, at most limit (0: the slot_fill
 * rule's max_candidates). Empty when the slot starts sooner than the
 * rule's min_lead_minutes after now. INVALID_STATE when the appointment
 * is not cancelled, NOT_FOUND when unknown. */
GPtrArray *ahi_retention_slot_fill_candidates (AhiDb       *db,
                                               const char  *cancelled_appointment_id,
                                               gint64       now,
                                               guint        limit,
                                               GError     **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AhiRetentionCustomer, ahi_retention_customer_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AhiCriticalAction, ahi_critical_action_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AhiSlotFillCandidate, ahi_slot_fill_candidate_free)

G_END_DECLS
