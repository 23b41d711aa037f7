/* ahi-reducer-cash.c — the cash desk: till counts
 *
 * A count is a money record: it is inserted once and never updated. The
 * difference is derived here rather than sent, so that a device cannot
 * store a difference that disagrees with its own two amounts.
 */
#include "store/ahi-reducer-private.h"

gboolean
reduce_cash_reconciled (AhiDb *db, const AhiEvent *event, GError **error)
{
  JsonObject *p = event->payload;
  gint64 counted = json_object_get_int_member (p, "counted_minor");
  gint64 expected = json_object_get_int_member (p, "expected_minor");
  sqlite3_stmt *stmt;

  /* Both are within ±10^14 (validated), so the difference fits easily. */
  stmt = ahi_db_prepare (db,
    "INSERT INTO cash_counts (cash_count_id, business_date, counted_minor, expected_minor, difference_minor,"
    " note, counted_by, counted_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", error);
  if (stmt == NULL)
    return FALSE;
  ahi_db_bind_text (stmt, 1, event->entity_id);
  bind_member (stmt, 2, p, "business_date");
  sqlite3_bind_int64 (stmt, 3, counted);
  sqlite3_bind_int64 (stmt, 4, expected);
  sqlite3_bind_int64 (stmt, 5, counted - expected);
  bind_member (stmt, 6, p, "note");
  ahi_db_bind_text (stmt, 7, event->actor_user_id);
  sqlite3_bind_int64 (stmt, 8, event->occurred_at);
  return insert_entity (db, event, stmt, error);
}
