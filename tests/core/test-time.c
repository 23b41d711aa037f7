/* test-time.c — strict parsers, zones and locale-free date names */
#include <locale.h>

#include "core/ahi-core.h"
#include "core/ahi-time.h"

/* 2026-12-01T00:00:00Z worked out by hand: 1970…2025 are 56 years with
 * 14 leap days (1972, 1976, … 2024), so 2026-01-01 is day
 * 56 × 365 + 14 = 20454; January to November 2026 add 334 days. */
#define DAY_2026_12_01 20788
#define UNIX_2026_12_01 ((gint64) DAY_2026_12_01 * 86400)

static void
assert_utc_rejected (const char *text)
{
  gint64 value = 42;

  if (ahi_time_parse_utc (text, &value))
    g_error ("accepted \"%s\"", text);
  /* A failed parse leaves the output alone. */
  g_assert_cmpint (value, ==, 42);
}

static void
test_parse_utc (void)
{
  gint64 t;

  g_assert_true (ahi_time_parse_utc ("1970-01-01T00:00:00Z", &t));
  g_assert_cmpint (t, ==, 0);
  g_assert_true (ahi_time_parse_utc ("1969-12-31T23:59:59Z", &t));
  g_assert_cmpint (t, ==, -1);
  g_assert_true (ahi_time_parse_utc ("2026-12-01T06:00:00Z", &t));
  g_assert_cmpint (t, ==, UNIX_2026_12_01 + 6 * 3600);
  /* 2000 is a leap year (divisible by 400): 951 827 696 is
   * 2000-02-29T12:34:56Z (11 016 days + 45 296 s). */
  g_assert_true (ahi_time_parse_utc ("2000-02-29T12:34:56Z", &t));
  g_assert_cmpint (t, ==, (gint64) 11016 * 86400 + 45296);
  g_assert_true (ahi_time_parse_utc ("2024-02-29T00:00:00Z", &t));
  g_assert_true (ahi_time_parse_utc ("0001-01-01T00:00:00Z", &t));
  g_assert_true (ahi_time_parse_utc ("9999-12-31T23:59:59Z", &t));
}

static void
test_parse_utc_strict (void)
{
  const char *rejected[] = {
    "",
    "2026-02-29T00:00:00Z",    /* not a leap year */
    "1900-02-29T00:00:00Z",    /* centuries are not, unless divisible by 400 */
    "2026-04-31T00:00:00Z",
    "2026-13-01T00:00:00Z",
    "2026-00-10T00:00:00Z",
    "2026-12-00T00:00:00Z",
    "0000-01-01T00:00:00Z",
    "2026-12-01T24:00:00Z",
    "2026-12-01T23:60:00Z",
    "2016-12-31T23:59:60Z",    /* a real leap second: unix time has none */
    "2026-12-01t06:00:00Z",
    "2026-12-01T06:00:00z",
    "2026-12-01 06:00:00Z",
    "2026-12-01T06:00:00",
    "2026-12-01T06:00:00+00:00",
    "2026-12-01T06:00:00.000Z",
    "2026-12-01T06:00Z",
    "2026-12-1T06:00:00Z",
    "+2026-12-01T06:00:00Z",
    " 2026-12-01T06:00:00Z",
    "2026-12-01T06:00:00Z ",
    "2026-12-01T06:00:00Z\n",
    "2026-12-01T06:0a:00Z",
    "2026-12-01T-6:00:00Z",
    "2026-12-01",
  };

  for (gsize i = 0; i < G_N_ELEMENTS (rejected); i++)
    assert_utc_rejected (rejected[i]);
  assert_utc_rejected (NULL);
}

static void
test_format_utc (void)
{
  g_autofree char *epoch = ahi_time_format_utc (0);
  g_autofree char *before = ahi_time_format_utc (-1);
  g_autofree char *dec = ahi_time_format_utc (UNIX_2026_12_01 + 6 * 3600);
  g_autofree char *leap = ahi_time_format_utc ((gint64) 11016 * 86400 + 45296);

  g_assert_cmpstr (epoch, ==, "1970-01-01T00:00:00Z");
  g_assert_cmpstr (before, ==, "1969-12-31T23:59:59Z");
  g_assert_cmpstr (dec, ==, "2026-12-01T06:00:00Z");
  g_assert_cmpstr (leap, ==, "2000-02-29T12:34:56Z");
}

static void
test_utc_round_trip (void)
{
  gint64 from, to;

  g_assert_true (ahi_time_parse_utc ("1800-01-01T00:00:00Z", &from));
  g_assert_true (ahi_time_parse_utc ("2200-01-01T00:00:00Z", &to));

  /* A step that is not a multiple of a day or an hour visits every time
   * of day and every day of the 400-year cycle. */
  for (gint64 t = from; t < to; t += 86400 * 3 + 3607)
    {
      g_autofree char *text = ahi_time_format_utc (t);
      gint64 back;

      g_assert_true (ahi_time_parse_utc (text, &back));
      g_assert_cmpint (back, ==, t);
    }
}

static void
test_date_parse (void)
{
  int y = 0, m = 0, d = 0;
  const char *rejected[] = {
    "", "2026-02-29", "2100-02-29", "2026-11-31", "2026-1-01", "2026-01-1",
    "2026/01/01", "2026-01-01T", "2026-01-01 ", "20260101", "0000-01-01",
    "2026-01-32", "-026-01-01",
  };

  g_assert_true (ahi_date_parse ("2026-12-01", &y, &m, &d));
  g_assert_cmpint (y, ==, 2026);
  g_assert_cmpint (m, ==, 12);
  g_assert_cmpint (d, ==, 1);
  g_assert_true (ahi_date_parse ("2024-02-29", &y, &m, &d));
  g_assert_cmpint (d, ==, 29);
  g_assert_true (ahi_date_parse ("2000-02-29", &y, &m, &d));
  g_assert_true (ahi_date_parse ("2026-01-31", &y, &m, &d));

  for (gsize i = 0; i < G_N_ELEMENTS (rejected); i++)
    {
      if (ahi_date_parse (rejected[i], &y, &m, &d))
        g_error ("accepted \"%s\"", rejected[i]);
    }
  g_assert_false (ahi_date_parse (NULL, &y, &m, &d));
}

static void
test_clock_parse (void)
{
  int minutes = -1;
  const char *rejected[] = {
    "", "24:00", "23:60", "9:05", "09:5", "0905", "09.05", "09:05 ",
    " 09:05", "-1:00", "+9:00", "09:05:00", "ab:cd",
  };

  g_assert_true (ahi_clock_parse ("00:00", &minutes));
  g_assert_cmpint (minutes, ==, 0);
  g_assert_true (ahi_clock_parse ("23:59", &minutes));
  g_assert_cmpint (minutes, ==, 23 * 60 + 59);
  g_assert_true (ahi_clock_parse ("09:05", &minutes));
  g_assert_cmpint (minutes, ==, 545);

  for (gsize i = 0; i < G_N_ELEMENTS (rejected); i++)
    {
      if (ahi_clock_parse (rejected[i], &minutes))
        g_error ("accepted \"%s\"", rejected[i]);
    }
  g_assert_false (ahi_clock_parse (NULL, &minutes));
}

static void
test_timezone (void)
{
  g_autoptr(GTimeZone) istanbul = ahi_timezone_new (AHI_DEFAULT_TIMEZONE);
  g_autoptr(GTimeZone) utc = ahi_timezone_new ("UTC");
  g_autoptr(GTimeZone) unknown = ahi_timezone_new ("Nowhere/Atlantis");

  g_assert_nonnull (istanbul);
  g_assert_nonnull (utc);
  g_assert_null (unknown);
}

static void
test_from_local (void)
{
  g_autoptr(GTimeZone) istanbul = ahi_timezone_new (AHI_DEFAULT_TIMEZONE);
  g_autoptr(GTimeZone) utc = ahi_timezone_new ("UTC");
  g_autoptr(GTimeZone) berlin = ahi_timezone_new ("Europe/Berlin");

  /* Istanbul is +03:00 all year since 2016: 09:00 local is 06:00Z. */
  g_assert_cmpint (ahi_time_from_local (istanbul, 2026, 12, 1, 9, 0), ==,
                   UNIX_2026_12_01 + 6 * 3600);
  /* 01:30 local on 1 December is still 30 November in UTC. */
  g_assert_cmpint (ahi_time_from_local (istanbul, 2026, 12, 1, 1, 30), ==,
                   UNIX_2026_12_01 - 90 * 60);
  g_assert_cmpint (ahi_time_from_local (utc, 2026, 12, 1, 9, 0), ==,
                   UNIX_2026_12_01 + 9 * 3600);
  /* Berlin is +01:00 in winter and +02:00 in summer. 2026-07-01 is
   * day 20788 - 153 (July to November: 31+31+30+31+30). */
  g_assert_cmpint (ahi_time_from_local (berlin, 2026, 12, 1, 9, 0), ==,
                   UNIX_2026_12_01 + 8 * 3600);
  g_assert_cmpint (ahi_time_from_local (berlin, 2026, 7, 1, 9, 0), ==,
                   (gint64) (DAY_2026_12_01 - 153) * 86400 + 7 * 3600);
}

static void
test_local_day (void)
{
  g_autoptr(GTimeZone) istanbul = ahi_timezone_new (AHI_DEFAULT_TIMEZONE);
  g_autoptr(GTimeZone) utc = ahi_timezone_new ("UTC");

  /* Istanbul's 1 December starts at 21:00Z on 30 November. */
  g_assert_cmpint (ahi_time_local_day (istanbul, UNIX_2026_12_01 - 3 * 3600), ==,
                   DAY_2026_12_01);
  g_assert_cmpint (ahi_time_local_day (istanbul, UNIX_2026_12_01 - 3 * 3600 - 1), ==,
                   DAY_2026_12_01 - 1);
  g_assert_cmpint (ahi_time_local_day (istanbul, UNIX_2026_12_01 + 20 * 3600 + 59 * 60), ==,
                   DAY_2026_12_01);
  g_assert_cmpint (ahi_time_local_day (istanbul, UNIX_2026_12_01 + 21 * 3600), ==,
                   DAY_2026_12_01 + 1);
  /* Before 1970 the day rounds down, not towards zero. */
  g_assert_cmpint (ahi_time_local_day (utc, -1), ==, -1);
  g_assert_cmpint (ahi_time_local_day (utc, -86400), ==, -1);
  g_assert_cmpint (ahi_time_local_day (utc, -86401), ==, -2);
}

static void
assert_date (GTimeZone  *zone,
             gint64      unix_seconds,
             const char *language,
             const char *expected)
{
  g_autofree char *text = ahi_time_format_date (zone, unix_seconds, language);

  g_assert_cmpstr (text, ==, expected);
}

static void
test_format_date (void)
{
  g_autoptr(GTimeZone) istanbul = ahi_timezone_new (AHI_DEFAULT_TIMEZONE);
  g_autoptr(GTimeZone) utc = ahi_timezone_new ("UTC");
  gint64 noon = UNIX_2026_12_01 + 9 * 3600;

  assert_date (istanbul, noon, "tr", "1 Aralık 2026 Salı");
  assert_date (istanbul, noon, "en", "Tuesday, 1 December 2026");
  assert_date (istanbul, noon, "tr_TR", "1 Aralık 2026 Salı");
  assert_date (istanbul, noon, "de", "Tuesday, 1 December 2026");
  assert_date (istanbul, noon, NULL, "Tuesday, 1 December 2026");

  /* 22:00Z on 30 November is already 1 December in Istanbul. */
  assert_date (istanbul, UNIX_2026_12_01 - 2 * 3600, "tr", "1 Aralık 2026 Salı");
  assert_date (utc, UNIX_2026_12_01 - 2 * 3600, "tr", "30 Kasım 2026 Pazartesi");

  /* Every Turkish day name, 2 to 7 December 2026. */
  assert_date (utc, noon + 1 * 86400, "tr", "2 Aralık 2026 Çarşamba");
  assert_date (utc, noon + 2 * 86400, "tr", "3 Aralık 2026 Perşembe");
  assert_date (utc, noon + 3 * 86400, "tr", "4 Aralık 2026 Cuma");
  assert_date (utc, noon + 4 * 86400, "tr", "5 Aralık 2026 Cumartesi");
  assert_date (utc, noon + 5 * 86400, "tr", "6 Aralık 2026 Pazar");
  assert_date (utc, noon + 6 * 86400, "tr", "7 Aralık 2026 Pazartesi");
  assert_date (utc, noon + 6 * 86400, "en", "Monday, 7 December 2026");

  /* 2000-02-29 was a Tuesday, 1970-01-01 a Thursday. */
  assert_date (utc, (gint64) 11016 * 86400, "tr", "29 Şubat 2000 Salı");
  assert_date (utc, 0, "tr", "1 Ocak 1970 Perşembe");
  assert_date (utc, 0, "en", "Thursday, 1 January 1970");
}

static void
test_format_date_months (void)
{
  g_autoptr(GTimeZone) utc = ahi_timezone_new ("UTC");
  const char *expected[12] = {
    "Ocak", "Şubat", "Mart", "Nisan", "Mayıs", "Haziran",
    "Temmuz", "Ağustos", "Eylül", "Ekim", "Kasım", "Aralık",
  };

  for (int month = 1; month <= 12; month++)
    {
      g_autofree char *text = NULL;
      g_autofree char *date = g_strdup_printf ("2026-%02d-15T12:00:00Z", month);
      g_autofree char *prefix = g_strdup_printf ("15 %s 2026 ", expected[month - 1]);
      gint64 t;

      g_assert_true (ahi_time_parse_utc (date, &t));
      text = ahi_time_format_date (utc, t, "tr");
      g_assert_true (g_str_has_prefix (text, prefix));
    }
}

static void
test_format_clock (void)
{
  g_autoptr(GTimeZone) istanbul = ahi_timezone_new (AHI_DEFAULT_TIMEZONE);
  g_autoptr(GTimeZone) utc = ahi_timezone_new ("UTC");
  g_autofree char *nine = ahi_time_format_clock (istanbul, UNIX_2026_12_01 + 6 * 3600);
  g_autofree char *six = ahi_time_format_clock (utc, UNIX_2026_12_01 + 6 * 3600);
  g_autofree char *afternoon = ahi_time_format_clock (istanbul,
                                                      UNIX_2026_12_01 + 11 * 3600 + 5 * 60 + 59);
  g_autofree char *midnight = ahi_time_format_clock (istanbul, UNIX_2026_12_01 - 3 * 3600);
  g_autofree char *before_epoch = ahi_time_format_clock (utc, -60);

  g_assert_cmpstr (nine, ==, "09:00");
  g_assert_cmpstr (six, ==, "06:00");
  g_assert_cmpstr (afternoon, ==, "14:05");   /* seconds are cut, not rounded */
  g_assert_cmpstr (midnight, ==, "00:00");
  g_assert_cmpstr (before_epoch, ==, "23:59");
}

int
main (int    argc,
      char **argv)
{
  /* Whatever locale the machine has, the output must not change. */
  setlocale (LC_ALL, "");

  g_test_init (&argc, &argv, NULL);
  ahi_core_init ();

  g_test_add_func ("/core/time/parse-utc", test_parse_utc);
  g_test_add_func ("/core/time/parse-utc-strict", test_parse_utc_strict);
  g_test_add_func ("/core/time/format-utc", test_format_utc);
  g_test_add_func ("/core/time/utc-round-trip", test_utc_round_trip);
  g_test_add_func ("/core/time/date-parse", test_date_parse);
  g_test_add_func ("/core/time/clock-parse", test_clock_parse);
  g_test_add_func ("/core/time/timezone", test_timezone);
  g_test_add_func ("/core/time/from-local", test_from_local);
  g_test_add_func ("/core/time/local-day", test_local_day);
  g_test_add_func ("/core/time/format-date", test_format_date);
  g_test_add_func ("/core/time/format-date-months", test_format_date_months);
  g_test_add_func ("/core/time/format-clock", test_format_clock);

  return g_test_run ();
}
