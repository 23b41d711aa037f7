/* ahi-customer-item.h — one row of the customer list, ready to show
 *
 * What the context hands the customer list: the name, the phone number
 * grouped for reading and the date of the last completed visit in the
 * app's language, all made on the worker that read them, so that a view
 * only lays text out. Immutable once made.
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define AHI_TYPE_CUSTOMER_ITEM (ahi_customer_item_get_type ())
G_DECLARE_FINAL_TYPE (AhiCustomerItem, ahi_customer_item, AHI, CUSTOMER_ITEM, GObject)

/* phone is E.164 or NULL; last_visit_at is unix seconds, 0 when never;
 * last_visit is that date already formatted (NULL when never). */
AhiCustomerItem *ahi_customer_item_new            (const char      *customer_id,
                                                   const char      *full_name,
                                                   const char      *phone,
                                                   gint64           last_visit_at,
                                                   const char      *last_visit);

const char      *ahi_customer_item_get_id         (AhiCustomerItem *self);
const char      *ahi_customer_item_get_name       (AhiCustomerItem *self);
/* "+90 532 123 45 67" for a Turkish number; NULL when there is none. */
const char      *ahi_customer_item_get_phone      (AhiCustomerItem *self);
gint64           ahi_customer_item_get_last_visit_at (AhiCustomerItem *self);
/* "12 Kasım 2026 Perşembe"; NULL when they never completed a visit. */
const char      *ahi_customer_item_get_last_visit (AhiCustomerItem *self);

G_END_DECLS
