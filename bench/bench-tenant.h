/* bench-tenant.h — large generated tenants for the benchmarks, cached
 *
 * A 100k-customer tenant with a million appointments takes minutes to
 * write through the real write path; the benchmarks build it once into
 * the build folder and reuse the file.
 */
#pragma once

#include "store/ahi-store.h"

G_BEGIN_DECLS

/* Opens (building it first when missing) the cached tenant of sector with
 * n_customers customers and n_lanes capacity resources over days of
 * history, "now" being fixed so figures repeat from run to run. */
AhiStore *bench_tenant_open (const char *sector,
                             guint       n_customers,
                             guint       n_lanes,
                             guint       days,
                             gint64      now);

G_END_DECLS
