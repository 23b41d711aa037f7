/* ahi-event-log.h — the append-only event log and its personal-data table
 *
 * Writes one log row per event (payload only) and, when the event carries
 * personal data, one event_pii row keyed by the event id and tagged with
 * the customer it is about. Reading joins them back into an AhiEvent; an
 * event whose personal data was erased comes back with pii == NULL.
 */
#pragma once

#include "store/ahi-db.h"
#include "core/ahi-event.h"

G_BEGIN_DECLS

/* TRUE when the log holds event_id already. */
gboolean  ahi_event_log_contains   (AhiDb           *db,
                                    const char      *event_id,
                                    gboolean        *out_contains,
                                    GError         **error);

/* Appends inside the caller's transaction; returns the new local seq, or 0
 * with error. subject_id names the customer the pii is about. */
gint64    ahi_event_log_append     (AhiDb           *db,
                                    const AhiEvent  *event,
                                    const char      *subject_id,
                                    GError         **error);

/* Up to limit events with seq > after_seq, in seq order (AhiEvent*);
 * out_last_seq (may be NULL) receives the seq of the last one returned,
 * or after_seq when there is none. */
GPtrArray *ahi_event_log_read      (AhiDb           *db,
                                    gint64           after_seq,
                                    guint            limit,
                                    gint64          *out_last_seq,
                                    GError         **error);

/* The logged event of that id, with its personal data unless erased;
 * NOT_FOUND when the log does not hold it. */
AhiEvent *ahi_event_log_get        (AhiDb           *db,
                                    const char      *event_id,
                                    GError         **error);

gint64    ahi_event_log_last_seq   (AhiDb           *db,
                                    GError         **error);

G_END_DECLS
