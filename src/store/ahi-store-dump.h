/* ahi-store-dump.h — a canonical text dump of the projections
 *
 * Every projection table (and the personal-data table) in name order,
 * every row ordered by all its columns, values typed. Two databases with
 * equal state dump to equal text; the log and this installation's own
 * bookkeeping (device id) are left out. Used to prove that replaying a log
 * rebuilds the same state.
 */
#pragma once

#include "store/ahi-db.h"

G_BEGIN_DECLS

char *ahi_store_dump_projections (AhiDb   *db,
                                  GError **error);

G_END_DECLS
