/* ahi-generator.h — realistic demo and test data for a tenant
 *
 * Fills a bootstrapped store with customers (Turkish names), staff, and
 * months of appointments with the outcomes a real desk sees — completed
 * visits paid in cash or by card, no-shows, late and early cancellations,
 * reviews, marketing consents — and upcoming bookings. Everything goes
 * through the ordinary write path as events. The same seed draws the same
 * choices (ids still differ between runs: they are fresh UUIDv7s).
 */
#pragma once

#include "store/ahi-store.h"

G_BEGIN_DECLS

typedef struct {
  guint   n_customers;      /* e.g. 2000 */
  guint   days_of_history;  /* days before now with finished visits */
  guint   days_ahead;       /* days after now with bookings */
  guint   occupancy_pct;    /* chance a free half hour gets booked, 0..100 */
  guint32 seed;
  gint64  now;              /* unix seconds */
  guint   n_lanes;          /* capacity resources (chairs, rooms, lifts) to book;
                             * 0: those the business has; more are added
                             * with resource.created events */
} AhiGeneratorSpec;

typedef struct {
  guint customers;
  guint appointments;
  guint events;
} AhiGeneratorStats;

gboolean ahi_generator_fill (AhiStore                *store,
                             const AhiGeneratorSpec  *spec,
                             AhiGeneratorStats       *stats,
                             GError                 **error);

G_END_DECLS
