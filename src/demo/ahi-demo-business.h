/* ahi-demo-business.h — a sector's demo business in a database file
 *
 * Made through the ordinary write path: the tenant bootstrap, then months
 * of generated visits (ahi-generator). `ahi-demo --db` makes it; the
 * app's first run runs that program for its "demo business".
 */
#pragma once

#include "demo/ahi-generator.h"

G_BEGIN_DECLS

/* Opens the database at path and, when it holds no business yet, fills
 * it with a demo business of sector: n_customers customers with
 * days_of_history days of visits and two weeks of bookings around now.
 * A database that holds a business already is opened as it is (stats
 * then stay zero). An unknown sector is INVALID_INPUT and makes no file;
 * a demo that fails half-way is removed, if this call created the file.
 * stats may be NULL. */
AhiStore *ahi_demo_business_open (const char         *path,
                                  const char         *sector,
                                  guint               n_customers,
                                  guint               days_of_history,
                                  gint64              now,
                                  AhiGeneratorStats  *stats,
                                  GError            **error);

/* The demo's business name for sector, in the business's language. */
const char *ahi_demo_business_name (const char *sector);

/* TRUE when sector is one of the shipped blueprints. */
gboolean  ahi_demo_business_is_sector (const char *sector);

G_END_DECLS
