/* ahi-desk-lists.c — the desk's smaller lists, one table-driven reader */
#include "store/query/ahi-desk-lists.h"

#include "store/ahi-store-error.h"
#include "core/ahi-time.h"

typedef enum {
  COL_TEXT,
  COL_INT,
  COL_TIME,   /* unix seconds → "YYYY-MM-DDTHH:MM:SSZ" */
  COL_JSON,   /* JSON text stored by the reducer → a JSON member */
} ColumnKind;

typedef struct {
  const char *name;   /* the column and the JSON member */
  ColumnKind  kind;
} Column;

/* Every list selects its columns in this order from one table; the list
 * query binds ?1 include_closed, ?2 status, ?3 limit, and the get query
 * ?1 the id. */
typedef struct {
  const char   *what;       /* for messages */
  const Column *columns;    /* NULL-name terminated */
  const char   *list_sql;
  const char   *get_sql;
} ListSpec;

static const Column waitlist_columns[] = {
  { "entry_id", COL_TEXT }, { "customer_id", COL_TEXT }, { "service_id", COL_TEXT },
  { "earliest_at", COL_TIME }, { "latest_at", COL_TIME }, { "staff_id", COL_TEXT },
  { "added_at", COL_TIME }, { "removed_at", COL_TIME }, { "removed_reason", COL_TEXT },
  { NULL },
};

static const Column closure_columns[] = {
  { "closure_id", COL_TEXT }, { "starts_on", COL_TEXT }, { "ends_on", COL_TEXT }, { "reason", COL_TEXT },
  { NULL },
};

static const Column reminder_columns[] = {
  { "reminder_id", COL_TEXT }, { "customer_id", COL_TEXT }, { "channel", COL_TEXT }, { "purpose", COL_TEXT },
  { "due_at", COL_TIME }, { "template", COL_TEXT }, { "appointment_id", COL_TEXT }, { "campaign_id", COL_TEXT },
  { "status", COL_TEXT }, { "sent_at", COL_TIME }, { "provider", COL_TEXT }, { "provider_ref", COL_TEXT },
  { "failure", COL_TEXT }, { "outcome", COL_TEXT }, { "created_at", COL_TIME },
  { NULL },
};

static const Column review_columns[] = {
  { "review_id", COL_TEXT }, { "rating", COL_INT }, { "source", COL_TEXT }, { "customer_id", COL_TEXT },
  { "appointment_id", COL_TEXT }, { "comment", COL_TEXT }, { "received_at", COL_TIME },
  { NULL },
};

static const Column alert_columns[] = {
  { "alert_id", COL_TEXT }, { "kind", COL_TEXT }, { "severity", COL_TEXT }, { "subject_entity", COL_TEXT },
  { "subject_id", COL_TEXT }, { "detail", COL_JSON }, { "raised_at", COL_TIME }, { "resolved_at", COL_TIME },
  { "resolution", COL_TEXT },
  { NULL },
};

#define WAITLIST_SELECT "SELECT entry_id, customer_id, service_id, earliest_at, latest_at, staff_id, added_at," \
                        " removed_at, removed_reason FROM waitlist"
#define CLOSURE_SELECT  "SELECT closure_id, starts_on, ends_on, reason FROM business_closures"
#define REMINDER_SELECT "SELECT reminder_id, customer_id, channel, purpose, due_at, template, appointment_id," \
                        " campaign_id, status, sent_at, provider, provider_ref, failure, outcome, created_at" \
                        " FROM reminders"
#define REVIEW_SELECT   "SELECT review_id, rating, source, customer_id, appointment_id, comment, received_at" \
                        " FROM reviews"
#define ALERT_SELECT    "SELECT alert_id, kind, severity, subject_entity, subject_id, detail, raised_at," \
                        " resolved_at, resolution FROM ops_alerts"

/* Indexed as AhiDeskList. A list that does not use ?1 or ?2 still has
 * those slots (SQLite numbers up to the highest, ?3), so every list binds
 * the same way. */
static const ListSpec specs[] = {
  [AHI_DESK_WAITLIST] = { "waitlist entry", waitlist_columns,
    WAITLIST_SELECT " WHERE ?1 OR removed_at IS NULL ORDER BY added_at, entry_id LIMIT ?3",
    WAITLIST_SELECT " WHERE entry_id = ?1" },
  [AHI_DESK_CLOSURES] = { "closure", closure_columns,
    CLOSURE_SELECT " ORDER BY starts_on, closure_id LIMIT ?3",
    CLOSURE_SELECT " WHERE closure_id = ?1" },
  [AHI_DESK_REMINDERS] = { "reminder", reminder_columns,
    REMINDER_SELECT " WHERE ?2 IS NULL OR status = ?2 ORDER BY due_at, reminder_id LIMIT ?3",
    REMINDER_SELECT " WHERE reminder_id = ?1" },
  [AHI_DESK_REVIEWS] = { "review", review_columns,
    REVIEW_SELECT " ORDER BY received_at DESC, review_id LIMIT ?3",
    REVIEW_SELECT " WHERE review_id = ?1" },
  [AHI_DESK_ALERTS] = { "ops alert", alert_columns,
    ALERT_SELECT " WHERE ?1 OR resolved_at IS NULL ORDER BY raised_at, alert_id LIMIT ?3",
    ALERT_SELECT " WHERE alert_id = ?1" },
};

/* ------------------------------------------------------------- helpers */

static void
set_column (JsonObject   *object,
            const Column *column,
            sqlite3_stmt *stmt,
            int           index)
{
  if (sqlite3_column_type (stmt, index) == SQLITE_NULL)
    return;

  switch (column->kind)
    {
    case COL_TEXT:
      json_object_set_string_member (object, column->name, (const char *) sqlite3_column_text (stmt, index));
      break;
    case COL_INT:
      json_object_set_int_member (object, column->name, sqlite3_column_int64 (stmt, index));
      break;
    case COL_TIME:
      {
        g_autofree char *text = ahi_time_format_utc (sqlite3_column_int64 (stmt, index));
        json_object_set_string_member (object, column->name, text);
      }
      break;
    case COL_JSON:
      {
        g_autoptr(JsonParser) parser = json_parser_new ();

        /* The reducer stored canonical JSON from a validated event. */
        if (json_parser_load_from_data (parser, (const char *) sqlite3_column_text (stmt, index), -1, NULL))
          json_object_set_member (object, column->name, json_node_copy (json_parser_get_root (parser)));
      }
      break;
    default:
      g_assert_not_reached ();
    }
}

static JsonObject *
read_row (const ListSpec *spec,
          sqlite3_stmt   *stmt)
{
  JsonObject *object = json_object_new ();

  for (int i = 0; spec->columns[i].name != NULL; i++)
    set_column (object, &spec->columns[i], stmt, i);
  return object;
}

/* ---------------------------------------------------------- public API */

JsonArray *
ahi_desk_list (AhiDb               *db,
               AhiDeskList          list,
               const AhiDeskFilter *filter,
               GError             **error)
{
  static const AhiDeskFilter defaults = { 0 };
  g_autoptr(JsonArray) rows = NULL;
  g_autoptr(GError) local_error = NULL;
  const ListSpec *spec;
  sqlite3_stmt *stmt;
  guint limit;

  g_return_val_if_fail (db != NULL, NULL);
  g_return_val_if_fail (list < G_N_ELEMENTS (specs), NULL);

  if (filter == NULL)
    filter = &defaults;
  spec = &specs[list];
  limit = filter->limit == 0 ? AHI_DESK_LIST_DEFAULT_LIMIT : MIN (filter->limit, AHI_DESK_LIST_MAX_LIMIT);

  stmt = ahi_db_prepare (db, spec->list_sql, error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int (stmt, 1, filter->include_closed);
  ahi_db_bind_text (stmt, 2, list == AHI_DESK_REMINDERS ? filter->status : NULL);
  sqlite3_bind_int (stmt, 3, limit);

  rows = json_array_new ();
  while (ahi_db_step_row (db, stmt, &local_error))
    json_array_add_object_element (rows, read_row (spec, stmt));
  if (!ahi_db_finish_rows (g_steal_pointer (&local_error), error))
    return NULL;
  return g_steal_pointer (&rows);
}

JsonObject *
ahi_desk_get (AhiDb        *db,
              AhiDeskList   list,
              const char   *id,
              GError      **error)
{
  g_autoptr(GError) local_error = NULL;
  const ListSpec *spec;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (db != NULL, NULL);
  g_return_val_if_fail (list < G_N_ELEMENTS (specs), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  spec = &specs[list];
  stmt = ahi_db_prepare (db, spec->get_sql, error);
  if (stmt == NULL)
    return NULL;
  ahi_db_bind_text (stmt, 1, id);
  if (ahi_db_step_row (db, stmt, &local_error))
    {
      JsonObject *object = read_row (spec, stmt);

      sqlite3_reset (stmt);
      return object;
    }
  if (local_error != NULL)
    g_propagate_error (error, g_steal_pointer (&local_error));
  else
    g_set_error (error, AHI_STORE_ERROR, AHI_STORE_ERROR_NOT_FOUND, "No %s with id %s", spec->what, id);
  return NULL;
}
