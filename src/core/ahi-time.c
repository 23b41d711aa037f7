/* ahi-time.c — instants, dates and the tenant's time zone
 *
 * Calendar arithmetic is done here on plain integers (proleptic Gregorian,
 * days since 1970-01-01) rather than through GDateTime, so that parsing is
 * strict and formatting never depends on the process locale. GTimeZone is
 * used only for what it is good at: the UTC offset of a zone at an instant.
 */
#include "ahi-time.h"

#include <string.h>

#define SECONDS_PER_DAY 86400

/* Years outside 0001..9999 do not fit the four-digit wire format. */
#define MIN_YEAR 1
#define MAX_YEAR 9999

/* ---------------------------------------------------------------------- */
/* name tables                                                             */
/* ---------------------------------------------------------------------- */

/* Month and day names are data, as in CLDR: a fresh machine has no
 * tr_TR locale, so strftime would silently print English. */
static const char * const month_names_tr[12] = {
  "Ocak", "Şubat", "Mart", "Nisan", "Mayıs", "Haziran",
  "Temmuz", "Ağustos", "Eylül", "Ekim", "Kasım", "Aralık",
};

static const char * const month_names_en[12] = {
  "January", "February", "March", "April", "May", "June",
  "July", "August", "September", "October", "November", "December",
};

/* Indexed by ISO weekday - 1: Monday first. */
static const char * const day_names_tr[7] = {
  "Pazartesi", "Salı", "Çarşamba", "Perşembe", "Cuma", "Cumartesi", "Pazar",
};

static const char * const day_names_en[7] = {
  "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday",
};

/* ---------------------------------------------------------------------- */
/* calendar helpers                                                        */
/* ---------------------------------------------------------------------- */

static gboolean
is_leap_year (int year)
{
  return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

static int
days_in_month (int year,
               int month)
{
  static const int days[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };

  g_assert (month >= 1 && month <= 12);
  if (month == 2 && is_leap_year (year))
    return 29;
  return days[month - 1];
}

static gboolean
is_valid_date (int year,
               int month,
               int day)
{
  return year >= MIN_YEAR && year <= MAX_YEAR
         && month >= 1 && month <= 12
         && day >= 1 && day <= days_in_month (year, month);
}

static gint64
floor_div (gint64 a,
           gint64 b)
{
  gint64 q = a / b;

  if ((a % b != 0) && ((a < 0) != (b < 0)))
    q--;
  return q;
}

/* Days since 1970-01-01 of a valid date. Counting in 400-year eras that
 * start on 1 March puts the leap day at the end of each year, which makes
 * the day of year a simple function of the month. */
static gint64
days_from_civil (int year,
                 int month,
                 int day)
{
  gint64 y = month <= 2 ? year - 1 : year;
  gint64 era = floor_div (y, 400);
  gint64 year_of_era = y - era * 400;                          /* 0..399 */
  gint64 shifted_month = month > 2 ? month - 3 : month + 9;    /* March = 0 */
  gint64 day_of_year = (153 * shifted_month + 2) / 5 + day - 1;
  gint64 day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100
                      + day_of_year;

  /* 719468 days separate 0000-03-01 from 1970-01-01. */
  return era * 146097 + day_of_era - 719468;
}

/* The inverse of days_from_civil. */
static void
civil_from_days (gint64  days,
                 int    *out_year,
                 int    *out_month,
                 int    *out_day)
{
  gint64 z = days + 719468;
  gint64 era = floor_div (z, 146097);
  gint64 day_of_era = z - era * 146097;                        /* 0..146096 */
  gint64 year_of_era = (day_of_era - day_of_era / 1460 + day_of_era / 36524
                        - day_of_era / 146096) / 365;          /* 0..399 */
  gint64 day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4
                                     - year_of_era / 100);     /* 0..365 */
  gint64 shifted_month = (5 * day_of_year + 2) / 153;          /* 0..11 */
  gint64 month = shifted_month < 10 ? shifted_month + 3 : shifted_month - 9;
  gint64 year = year_of_era + era * 400 + (month <= 2 ? 1 : 0);

  *out_year = (int) year;
  *out_month = (int) month;
  *out_day = (int) (day_of_year - (153 * shifted_month + 2) / 5 + 1);
}

/* ISO weekday, 1 = Monday … 7 = Sunday. 1970-01-01 was a Thursday. */
static int
iso_weekday_from_days (gint64 days)
{
  gint64 from_monday = days + 3;
  gint64 r = from_monday - floor_div (from_monday, 7) * 7;

  return (int) r + 1;
}

/* Reads exactly n ASCII digits; no sign, no space. */
static gboolean
read_digits (const char *text,
             guint       n,
             int        *out)
{
  int value = 0;

  for (guint i = 0; i < n; i++)
    {
      if (text[i] < '0' || text[i] > '9')
        return FALSE;
      value = value * 10 + (text[i] - '0');
    }

  *out = value;
  return TRUE;
}

/* Parses "YYYY-MM-DD" at the start of text without looking at what
 * follows. */
static gboolean
read_date (const char *text,
           int        *year,
           int        *month,
           int        *day)
{
  int y, m, d;

  /* read_digits stops at the first non-digit, so a short string fails on
   * its terminator before anything past it is read. */
  if (!read_digits (text, 4, &y) || text[4] != '-'
      || !read_digits (text + 5, 2, &m) || text[7] != '-'
      || !read_digits (text + 8, 2, &d))
    return FALSE;

  if (!is_valid_date (y, m, d))
    return FALSE;

  *year = y;
  *month = m;
  *day = d;
  return TRUE;
}

static gint32
zone_offset_at (GTimeZone *zone,
                gint64     unix_seconds)
{
  int interval = g_time_zone_find_interval (zone, G_TIME_TYPE_UNIVERSAL,
                                            unix_seconds);

  return g_time_zone_get_offset (zone, interval);
}

static gboolean
language_is_turkish (const char *language)
{
  /* "tr", "tr_TR", "tr-TR" and "tr_TR.UTF-8" are all Turkish. */
  return language != NULL
         && g_ascii_strncasecmp (language, "tr", 2) == 0
         && (language[2] == '\0' || language[2] == '_' || language[2] == '-'
             || language[2] == '.' || language[2] == '@');
}

/* ---------------------------------------------------------------------- */
/* public API                                                              */
/* ---------------------------------------------------------------------- */

gboolean
ahi_time_parse_utc (const char *text,
                    gint64     *out_unix)
{
  int year, month, day, hour, minute, second;

  g_return_val_if_fail (out_unix != NULL, FALSE);

  if (text == NULL)
    return FALSE;

  if (!read_date (text, &year, &month, &day) || text[10] != 'T'
      || !read_digits (text + 11, 2, &hour) || text[13] != ':'
      || !read_digits (text + 14, 2, &minute) || text[16] != ':'
      || !read_digits (text + 17, 2, &second) || text[19] != 'Z'
      || text[20] != '\0')
    return FALSE;

  /* Unix time has no leap seconds, so ":60" is rejected like ":61". */
  if (hour > 23 || minute > 59 || second > 59)
    return FALSE;

  *out_unix = days_from_civil (year, month, day) * SECONDS_PER_DAY
              + hour * 3600 + minute * 60 + second;
  return TRUE;
}

char *
ahi_time_format_utc (gint64 unix_seconds)
{
  gint64 days = floor_div (unix_seconds, SECONDS_PER_DAY);
  gint64 second_of_day = unix_seconds - days * SECONDS_PER_DAY;
  int year, month, day;

  g_return_val_if_fail (days >= days_from_civil (MIN_YEAR, 1, 1)
                        && days <= days_from_civil (MAX_YEAR, 12, 31), NULL);

  civil_from_days (days, &year, &month, &day);

  return g_strdup_printf ("%04d-%02d-%02dT%02d:%02d:%02dZ",
                          year, month, day,
                          (int) (second_of_day / 3600),
                          (int) (second_of_day / 60 % 60),
                          (int) (second_of_day % 60));
}

gboolean
ahi_date_parse (const char *text,
                int        *year,
                int        *month,
                int        *day)
{
  int y, m, d;

  g_return_val_if_fail (year != NULL, FALSE);
  g_return_val_if_fail (month != NULL, FALSE);
  g_return_val_if_fail (day != NULL, FALSE);

  if (text == NULL || !read_date (text, &y, &m, &d) || text[10] != '\0')
    return FALSE;

  *year = y;
  *month = m;
  *day = d;
  return TRUE;
}

gboolean
ahi_clock_parse (const char *text,
                 int        *out_minutes)
{
  int hour, minute;

  g_return_val_if_fail (out_minutes != NULL, FALSE);

  if (text == NULL
      || !read_digits (text, 2, &hour) || text[2] != ':'
      || !read_digits (text + 3, 2, &minute) || text[5] != '\0')
    return FALSE;

  if (hour > 23 || minute > 59)
    return FALSE;

  *out_minutes = hour * 60 + minute;
  return TRUE;
}

GTimeZone *
ahi_timezone_new (const char *tzid)
{
  g_return_val_if_fail (tzid != NULL, NULL);

  /* Unlike g_time_zone_new, this returns NULL instead of silently falling
   * back to UTC for an unknown id. */
  return g_time_zone_new_identifier (tzid);
}

gint64
ahi_time_from_local (GTimeZone *zone,
                     int        year,
                     int        month,
                     int        day,
                     int        hour,
                     int        minute)
{
  gint64 local;
  int interval;

  g_return_val_if_fail (zone != NULL, 0);
  g_return_val_if_fail (is_valid_date (year, month, day), 0);
  g_return_val_if_fail (hour >= 0 && hour <= 23, 0);
  g_return_val_if_fail (minute >= 0 && minute <= 59, 0);

  local = days_from_civil (year, month, day) * SECONDS_PER_DAY
          + hour * 3600 + minute * 60;

  /* g_time_zone_adjust_time moves a wall-clock time that falls in a
   * daylight-saving gap forward to one that exists, and in an overlap
   * prefers standard time (the later of the two instants). */
  interval = g_time_zone_adjust_time (zone, G_TIME_TYPE_STANDARD, &local);

  return local - g_time_zone_get_offset (zone, interval);
}

gint64
ahi_time_local_day (GTimeZone *zone,
                    gint64     unix_seconds)
{
  g_return_val_if_fail (zone != NULL, 0);

  return floor_div (unix_seconds + zone_offset_at (zone, unix_seconds),
                    SECONDS_PER_DAY);
}

char *
ahi_time_format_date (GTimeZone  *zone,
                      gint64      unix_seconds,
                      const char *language)
{
  gint64 days;
  int year, month, day, weekday;

  g_return_val_if_fail (zone != NULL, NULL);

  days = ahi_time_local_day (zone, unix_seconds);
  g_return_val_if_fail (days >= days_from_civil (MIN_YEAR, 1, 1)
                        && days <= days_from_civil (MAX_YEAR, 12, 31), NULL);

  civil_from_days (days, &year, &month, &day);
  weekday = iso_weekday_from_days (days);

  if (language_is_turkish (language))
    return g_strdup_printf ("%d %s %d %s", day, month_names_tr[month - 1],
                            year, day_names_tr[weekday - 1]);

  return g_strdup_printf ("%s, %d %s %d", day_names_en[weekday - 1], day,
                          month_names_en[month - 1], year);
}

char *
ahi_time_format_clock (GTimeZone *zone,
                       gint64     unix_seconds)
{
  gint64 local;
  gint64 second_of_day;

  g_return_val_if_fail (zone != NULL, NULL);

  local = unix_seconds + zone_offset_at (zone, unix_seconds);
  second_of_day = local - floor_div (local, SECONDS_PER_DAY) * SECONDS_PER_DAY;

  return g_strdup_printf ("%02d:%02d", (int) (second_of_day / 3600),
                          (int) (second_of_day / 60 % 60));
}
