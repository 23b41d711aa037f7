/* ahi-time.h — instants, dates and the tenant's time zone
 *
 * Instants are stored as unix seconds (UTC) and travel as
 * "YYYY-MM-DDTHH:MM:SSZ". They are shown in the tenant's zone
 * (Europe/Istanbul by default). Month and day names come from tables
 * built into ahi-time.c, not from the system locale, which a fresh machine
 * lacks.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define AHI_DEFAULT_TIMEZONE "Europe/Istanbul"

/* Strict parse of "YYYY-MM-DDTHH:MM:SSZ"; FALSE for anything else. */
gboolean  ahi_time_parse_utc     (const char *text,
                                  gint64     *out_unix);
char     *ahi_time_format_utc    (gint64      unix_seconds);
/* Strict parse of "YYYY-MM-DD" (a real calendar date). */
gboolean  ahi_date_parse         (const char *text,
                                  int        *year,
                                  int        *month,
                                  int        *day);
/* Strict parse of "HH:MM" to minutes after midnight (0..1439). */
gboolean  ahi_clock_parse        (const char *text,
                                  int        *out_minutes);

/* The zone by IANA id, NULL when the id is unknown. */
GTimeZone *ahi_timezone_new      (const char *tzid);
/* Unix seconds of a local wall-clock time in zone. */
gint64    ahi_time_from_local    (GTimeZone  *zone,
                                  int year, int month, int day,
                                  int hour, int minute);
/* The local calendar date of an instant, as days since 1970-01-01. */
gint64    ahi_time_local_day     (GTimeZone  *zone,
                                  gint64      unix_seconds);

/* "1 Aralık 2026 Salı" (tr) / "Tuesday, 1 December 2026" (en). */
char     *ahi_time_format_date   (GTimeZone  *zone,
                                  gint64      unix_seconds,
                                  const char *language);
/* "14:05", 24-hour, in zone. */
char     *ahi_time_format_clock  (GTimeZone  *zone,
                                  gint64      unix_seconds);

G_END_DECLS
