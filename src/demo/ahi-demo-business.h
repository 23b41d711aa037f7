/* ahi-demo-business.h — the demo business a first run offers
 *
 * A sector's demo, made through the ordinary write path: the tenant
 * bootstrap, then months of generated visits (ahi-generator).
 */
#pragma once

#include "store/ahi-store.h"

G_BEGIN_DECLS

/* Opens the database at path and, when it holds no business yet, fills
 * it with a realistic demo business of sector: a few hundred customers
 * with three months of visits and two weeks of bookings around now. A
 * database that holds a business already is opened as it is. */
AhiStore *ahi_business_open_demo (const char  *path,
                                  const char  *sector,
                                  gint64       now,
                                  GError     **error);

G_END_DECLS
