/* ahi-customer-search.h — type-ahead search over customers
 *
 * The query is folded like the stored key (docs/search.md) and every word
 * matches as a prefix through the FTS5 index, so "ış", "IŞIL" and "isil"
 * all find "Işıl Çağlar", and "0532 12" finds +90 532 12…. Erased
 * customers never match.
 */
#pragma once

#include "store/ahi-db.h"

G_BEGIN_DECLS

typedef struct {
  char *customer_id;
  char *full_name;
  char *phone;
} AhiCustomerHit;

void       ahi_customer_hit_free      (AhiCustomerHit *hit);

/* The FTS5 query for what the user typed, NULL when nothing searchable is
 * left (only spaces or punctuation). */
char      *ahi_customer_search_query  (const char     *typed);

/* Up to limit hits (AhiCustomerHit*), best first; an empty array for an
 * empty query. */
GPtrArray *ahi_customer_search        (AhiDb          *db,
                                       const char     *typed,
                                       guint           limit,
                                       GError        **error);

/* The SQL ahi_customer_search runs, for EXPLAIN QUERY PLAN in tests. */
extern const char ahi_customer_search_sql[];

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AhiCustomerHit, ahi_customer_hit_free)

G_END_DECLS
