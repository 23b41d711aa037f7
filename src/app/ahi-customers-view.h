/* ahi-customers-view.h — the sector's primary list: Müşteriler / Hastalar
 *
 * A search entry over the business's people: with nothing typed, the
 * first page of the list; typing searches as you type (folded, so "isil"
 * finds "Işıl") on the context's worker, each keystroke cancelling the
 * search before it. Each row: name, phone number, the last visit. Nobody
 * found is said in words. The list follows the context's "changed", and
 * loads only while it is on screen.
 */
#pragma once

#include <adwaita.h>

#include "ahi-context.h"

G_BEGIN_DECLS

#define AHI_TYPE_CUSTOMERS_VIEW (ahi_customers_view_get_type ())
G_DECLARE_FINAL_TYPE (AhiCustomersView, ahi_customers_view, AHI, CUSTOMERS_VIEW, AdwBin)

/* Rows shown at most: the list's first page, or the best hits. Typing
 * finds the others; more rows would only cost layout time. */
#define AHI_CUSTOMERS_VIEW_LIMIT 50

GtkWidget      *ahi_customers_view_new              (AhiContext       *context);
/* TRUE once the rows shown answer the text in the search entry and no
 * load is on its way. */
gboolean        ahi_customers_view_is_idle          (AhiCustomersView *self);

/* For tests and screenshots. */
GtkSearchEntry *ahi_customers_view_get_search_entry (AhiCustomersView *self);
/* The rows shown (AhiCustomerItem), in their order. */
GListModel     *ahi_customers_view_get_model        (AhiCustomersView *self);
/* The list drawing them: each row is a box named by the customer's id
 * holding the name label, then the subtitle label. */
GtkListView    *ahi_customers_view_get_list_view    (AhiCustomersView *self);
/* The summary under the entry ("300 patients", "3 found"). */
const char     *ahi_customers_view_get_summary      (AhiCustomersView *self);
/* "list", "empty" or "loading". */
const char     *ahi_customers_view_get_state        (AhiCustomersView *self);
AdwStatusPage  *ahi_customers_view_get_empty_page   (AhiCustomersView *self);

G_END_DECLS
