/* ahi-desk-lists.h — the desk's smaller lists: waitlist, closures,
 * reminders, reviews and ops alerts
 *
 * Each list is a few flat columns of one projection table, so one
 * table-driven reader serves them all and answers JSON objects whose
 * members are the columns (times as UTC text, absent values left out);
 * docs/api-visits.md lists the members. The app binds the same objects
 * to its rows; the server sends them as they are.
 */
#pragma once

#include <json-glib/json-glib.h>

#include "store/ahi-db.h"

G_BEGIN_DECLS

#define AHI_DESK_LIST_DEFAULT_LIMIT 200
#define AHI_DESK_LIST_MAX_LIMIT     1000

typedef enum {
  AHI_DESK_WAITLIST,    /* waitlist entries, oldest first */
  AHI_DESK_CLOSURES,    /* business closures, by first day */
  AHI_DESK_REMINDERS,   /* reminders, by due time */
  AHI_DESK_REVIEWS,     /* reviews, newest first */
  AHI_DESK_ALERTS,      /* ops alerts, oldest first */
} AhiDeskList;

typedef struct {
  /* Waitlist: also entries that left it; alerts: also resolved ones. */
  gboolean    include_closed;
  /* Reminders only: queued, sent, failed or completed; NULL for all. */
  const char *status;
  /* At most this many rows; 0 means AHI_DESK_LIST_DEFAULT_LIMIT. */
  guint       limit;
} AhiDeskFilter;

/* The list's rows as JSON objects (filter may be NULL: open rows, every
 * status, the default limit). */
JsonArray  *ahi_desk_list      (AhiDb               *db,
                                AhiDeskList          list,
                                const AhiDeskFilter *filter,
                                GError             **error);

/* One row by its id, whether open or not; AHI_STORE_ERROR_NOT_FOUND when
 * there is none. */
JsonObject *ahi_desk_get       (AhiDb               *db,
                                AhiDeskList          list,
                                const char          *id,
                                GError             **error);

G_END_DECLS
