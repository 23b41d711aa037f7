/* ahi-reputation.h — ratings: the summary, recovery of low ratings and
 * the review booster
 *
 * A summary counts the reviews received in a window and compares its
 * average with the window just before it. A rating of 3 or less that has
 * no low_rating alert yet becomes an ops.alert.raised event: the desk's
 * recovery task. After a completed visit the booster queues a review
 * request (reminder.created, purpose review_request), which Ahi Desk
 * treats as a commercial message: marketing consent on the channel and
 * the tenant's contact cap apply (docs/retention.md).
 */
#pragma once

#include "store/ahi-db.h"
#include "store/ahi-store.h"

G_BEGIN_DECLS

/* Ratings at or below this are low and get a recovery alert. */
#define AHI_REPUTATION_LOW_RATING 3

typedef struct {
  gint64    from;                        /* window [from, until) */
  gint64    until;
  guint     count;
  guint     distribution[5];             /* [0] = 1 star … [4] = 5 stars */
  gint64    average_hundredths;          /* 0 when count is 0; rounded half up */
  guint     previous_count;              /* the window of the same length before from */
  gint64    previous_average_hundredths;
  gboolean  has_trend;                   /* both windows have reviews */
  gint64    trend_hundredths;            /* average − previous average */
} AhiReputationSummary;

gboolean   ahi_reputation_summary (AhiDb                 *db,
                                   gint64                 from,
                                   gint64                 until,
                                   AhiReputationSummary  *out,
                                   GError               **error);

/* One ops.alert.raised (kind low_rating, subject the review) per review
 * received at or after since with a rating ≤ 3 and no low_rating alert
 * yet, oldest first. Each event takes this device's next sequence number:
 * append what you build. */
GPtrArray *ahi_reputation_build_recovery_alerts (AhiStore    *store,
                                                 gint64       since,
                                                 gint64       now,
                                                 const char  *actor_user_id,
                                                 const char  *actor_role,
                                                 GError     **error);

/* Builds the recovery alerts and appends them in one transaction. */
gboolean   ahi_reputation_raise_recovery_alerts (AhiStore    *store,
                                                 gint64       since,
                                                 gint64       now,
                                                 const char  *actor_user_id,
                                                 const char  *actor_role,
                                                 guint       *out_n_alerts,
                                                 GError     **error);

/* One reminder.created (purpose review_request) per customer whose
 * completed visit ended in the last delay_hours + 24 hours (the
 * review_request rule), who has not reviewed it, has a valid marketing
 * consent on the rule's channel and no commercial message within the
 * contact cap. Due delay_hours after the visit ended (now at the
 * earliest). Append what you build. */
GPtrArray *ahi_reputation_build_review_requests (AhiStore    *store,
                                                 gint64       now,
                                                 const char  *actor_user_id,
                                                 const char  *actor_role,
                                                 GError     **error);

/* Builds the review requests and appends them in one transaction. */
gboolean   ahi_reputation_queue_review_requests (AhiStore    *store,
                                                 gint64       now,
                                                 const char  *actor_user_id,
                                                 const char  *actor_role,
                                                 guint       *out_n_requests,
                                                 GError     **error);

G_END_DECLS
