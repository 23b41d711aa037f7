/* test-slots.c — interval sets, the slot search and the double-booking
 * check, every expectation worked out by hand
 *
 * The day is Monday 2026-12-07 in Europe/Istanbul (UTC+3): local midnight
 * is 2026-12-06T21:00:00Z, and at (9, 30) is 09:30 at the desk.
 */
#include "core/ahi-slots.h"
#include "core/ahi-time.h"

#define MINUTE 60
#define HOUR   3600

static const char * const CHAIR[] = { "chair", NULL };
static const char * const SPECIALIST[] = { "specialist", NULL };
static const char * const CHAIR_SPECIALIST[] = { "chair", "specialist", NULL };
static const char * const CHAIR_SPECIALIST_DEVICE[] = { "chair", "specialist", "device", NULL };

static gint64
utc (const char *text)
{
  gint64 value = 0;

  g_assert_true (ahi_time_parse_utc (text, &value));
  return value;
}

static gint64
origin (void)
{
  return utc ("2026-12-06T21:00:00Z");
}

static gint64
at (int hour,
    int minute)
{
  return origin () + hour * HOUR + minute * MINUTE;
}

/* "09:00 09:30 …": the starts as local clock times after day_origin. */
static char *
starts_text (GPtrArray *slots,
             gint64     day_origin)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < slots->len; i++)
    {
      const AhiSlot *slot = g_ptr_array_index (slots, i);
      gint64 minutes = (slot->starts_at - day_origin) / MINUTE;

      g_string_append_printf (text, "%s%02d:%02d", i > 0 ? " " : "", (int) (minutes / 60), (int) (minutes % 60));
    }
  return g_string_free (text, FALSE);
}

static void
assert_starts (AhiSlotRequest *request,
               const char     *expected)
{
  g_autoptr(GPtrArray) slots = ahi_slots_search (request, G_MININT64);
  g_autofree char *text = starts_text (slots, origin ());

  g_assert_cmpstr (text, ==, expected);
}

static char *
ids_text (const AhiSlotItem *item)
{
  g_autofree char *resources = g_strjoinv (",", item->resource_ids);

  return g_strdup_printf ("%s [%s]", item->staff_id != NULL ? item->staff_id : "-", resources);
}

static void
assert_item (const AhiSlotItem *item,
             const char        *service_id,
             gint64             starts_at,
             gint64             ends_at,
             const char        *expected_ids)
{
  g_autofree char *ids = ids_text (item);

  g_assert_cmpstr (item->service_id, ==, service_id);
  g_assert_cmpint (item->starts_at, ==, starts_at);
  g_assert_cmpint (item->ends_at, ==, ends_at);
  g_assert_cmpstr (ids, ==, expected_ids);
}

/* ------------------------------------------------------------ intervals */

static GArray *
set_of (const gint64 *bounds,
        guint         n_bounds)
{
  GArray *set = ahi_intervals_new ();

  for (guint i = 0; i + 1 < n_bounds; i += 2)
    ahi_intervals_add (set, bounds[i], bounds[i + 1]);
  return set;
}

static char *
set_text (const GArray *set)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < set->len; i++)
    {
      const AhiInterval *interval = &g_array_index (set, AhiInterval, i);

      g_string_append_printf (text, "%s[%" G_GINT64_FORMAT ",%" G_GINT64_FORMAT ")",
                              i > 0 ? " " : "", interval->start, interval->end);
    }
  return g_string_free (text, FALSE);
}

static void
assert_set (const GArray *set,
            const char   *expected)
{
  g_autofree char *text = set_text (set);

  g_assert_cmpstr (text, ==, expected);
}

static void
test_intervals (void)
{
  static const gint64 base[] = { 30, 40, 10, 20, 20, 25, 60, 60 };
  static const gint64 whole[] = { 0, 100 };
  static const gint64 cuts[] = { 10, 20, 20, 30, 50, 60, 90, 120 };
  static const gint64 two[] = { 0, 10, 20, 30 };
  static const gint64 middle[] = { 5, 25 };
  g_autoptr(GArray) set = set_of (base, G_N_ELEMENTS (base));
  g_autoptr(GArray) all = set_of (whole, G_N_ELEMENTS (whole));
  g_autoptr(GArray) remove = set_of (cuts, G_N_ELEMENTS (cuts));
  g_autoptr(GArray) pair = set_of (two, G_N_ELEMENTS (two));
  g_autoptr(GArray) inner = set_of (middle, G_N_ELEMENTS (middle));
  g_autoptr(GArray) none = ahi_intervals_new ();
  g_autoptr(GArray) rest = NULL;
  g_autoptr(GArray) same = NULL;
  g_autoptr(GArray) nothing = NULL;
  g_autoptr(GArray) both = NULL;

  /* Sorted; [10,20) and [20,25) touch and merge; the empty one is dropped. */
  assert_set (set, "[10,25) [30,40)");
  ahi_intervals_add (set, 35, 50);
  assert_set (set, "[10,25) [30,50)");

  /* Touching cuts merged into [10,30); the last one runs past the end. */
  assert_set (remove, "[10,30) [50,60) [90,120)");
  rest = ahi_intervals_subtract (all, remove);
  assert_set (rest, "[0,10) [30,50) [60,90)");
  same = ahi_intervals_subtract (all, none);
  assert_set (same, "[0,100)");
  nothing = ahi_intervals_subtract (inner, all);
  assert_set (nothing, "");

  both = ahi_intervals_intersect (pair, inner);
  assert_set (both, "[5,10) [20,25)");

  g_assert_true (ahi_intervals_contains (pair, 0, 10));
  g_assert_true (ahi_intervals_contains (pair, 5, 10));
  g_assert_false (ahi_intervals_contains (pair, 5, 11));
  g_assert_false (ahi_intervals_contains (pair, 10, 20));
  g_assert_true (ahi_intervals_contains (pair, 20, 30));
  g_assert_false (ahi_intervals_contains (pair, 25, 35));
  g_assert_false (ahi_intervals_contains (none, 0, 1));

  /* Half-open: touching intervals do not overlap. */
  g_assert_false (ahi_interval_overlaps (0, 10, 10, 20));
  g_assert_false (ahi_interval_overlaps (10, 20, 0, 10));
  g_assert_true (ahi_interval_overlaps (0, 10, 9, 20));
  g_assert_true (ahi_interval_overlaps (5, 6, 0, 10));
}

/* --------------------------------------------------------------- search */

/* Open 09:00–12:00; a 60-minute cut needs a chair and a specialist;
 * candidates every 30 minutes. */
static void
test_overlap_and_touching (void)
{
  g_autoptr(AhiSlotRequest) request = ahi_slot_request_new (origin (), 30 * MINUTE, 0);
  g_autoptr(GPtrArray) slots = NULL;

  ahi_slot_request_add_opening (request, at (9, 0), at (12, 0));
  ahi_slot_request_add_resource (request, "c1", "chair", TRUE);
  ahi_slot_request_add_staff (request, "s1", SPECIALIST);
  ahi_slot_request_add_staff_hours (request, "s1", at (9, 0), at (12, 0));
  ahi_slot_request_add_service (request, "cut", 60 * MINUTE, CHAIR_SPECIALIST);

  /* Free day: every start whose hour ends by 12:00. */
  assert_starts (request, "09:00 09:30 10:00 10:30 11:00");

  /* The only chair is held 10:00–11:00: 09:00 ends as it starts and 11:00
   * starts as it ends (touching is fine); 09:30, 10:00, 10:30 overlap. */
  ahi_slot_request_add_resource_booking (request, "c1", "A", at (10, 0), at (11, 0));
  assert_starts (request, "09:00 11:00");

  /* A second chair takes the overlapping starts; the lowest id still
   * goes first where both are free. */
  ahi_slot_request_add_resource (request, "c2", "chair", TRUE);
  slots = ahi_slots_search (request, G_MININT64);
  g_assert_cmpuint (slots->len, ==, 5);
  assert_item (&((AhiSlot *) slots->pdata[0])->items[0], "cut", at (9, 0), at (10, 0), "s1 [c1]");
  assert_item (&((AhiSlot *) slots->pdata[1])->items[0], "cut", at (9, 30), at (10, 30), "s1 [c2]");
  assert_item (&((AhiSlot *) slots->pdata[4])->items[0], "cut", at (11, 0), at (12, 0), "s1 [c1]");

  /* The specialist is booked 11:00–11:30: 10:30 and 11:00 overlap it,
   * 10:00–11:00 touches it. */
  ahi_slot_request_add_staff_booking (request, "s1", "B", at (11, 0), at (11, 30));
  assert_starts (request, "09:00 09:30 10:00");

  /* Starts before not_before are left out; not_before needs no grid. */
  {
    g_autoptr(GPtrArray) later = ahi_slots_search (request, at (9, 10));
    g_autofree char *text = starts_text (later, origin ());

    g_assert_cmpstr (text, ==, "09:30 10:00");
  }
}

/* Open 09:00–13:00, one chair held 10:00–11:00, 60-minute service, a
 * 15-minute grid. */
static void
test_buffer (void)
{
  g_autoptr(AhiSlotRequest) plain = ahi_slot_request_new (origin (), 15 * MINUTE, 0);
  g_autoptr(AhiSlotRequest) buffered = ahi_slot_request_new (origin (), 15 * MINUTE, 15 * MINUTE);
  AhiSlotRequest *requests[] = { plain, buffered };

  for (guint i = 0; i < G_N_ELEMENTS (requests); i++)
    {
      ahi_slot_request_add_opening (requests[i], at (9, 0), at (13, 0));
      ahi_slot_request_add_resource (requests[i], "c1", "chair", TRUE);
      ahi_slot_request_add_resource_booking (requests[i], "c1", "A", at (10, 0), at (11, 0));
      ahi_slot_request_add_service (requests[i], "cut", 60 * MINUTE, CHAIR);
    }

  /* No buffer: end by 10:00 (09:00) or start from 11:00 (to 12:00). */
  assert_starts (plain, "09:00 11:00 11:15 11:30 11:45 12:00");

  /* 15 minutes between bookings, both ways: a new one must end by 09:45
   * (none can) or start from 11:15. The last ends at closing time: the
   * buffer after it need not fit in the opening hours. */
  assert_starts (buffered, "11:15 11:30 11:45 12:00");
}

/* A specialist works 09:00–13:00 and 14:00–18:00 (lunch is the gap) with
 * a break 10:00–10:30; open 09:00–18:00; a 30-minute manicure needs only
 * the specialist. */
static void
test_break (void)
{
  g_autoptr(AhiSlotRequest) request = ahi_slot_request_new (origin (), 30 * MINUTE, 0);
  g_autoptr(GPtrArray) slots = NULL;

  ahi_slot_request_add_opening (request, at (9, 0), at (18, 0));
  ahi_slot_request_add_staff (request, "s1", SPECIALIST);
  ahi_slot_request_add_staff_hours (request, "s1", at (9, 0), at (13, 0));
  ahi_slot_request_add_staff_hours (request, "s1", at (14, 0), at (18, 0));
  ahi_slot_request_add_staff_absence (request, "s1", at (10, 0), at (10, 30));
  ahi_slot_request_add_service (request, "manicure", 30 * MINUTE, SPECIALIST);

  assert_starts (request,
                 "09:00 09:30 10:30 11:00 11:30 12:00 12:30 "
                 "14:00 14:30 15:00 15:30 16:00 16:30 17:00 17:30");

  slots = ahi_slots_search (request, G_MININT64);
  assert_item (&((AhiSlot *) slots->pdata[2])->items[0], "manicure", at (10, 30), at (11, 0), "s1 []");
}

/* A closure takes its time out of the opening hours. */
static void
test_closure (void)
{
  g_autoptr(AhiSlotRequest) whole = ahi_slot_request_new (origin (), 30 * MINUTE, 0);
  g_autoptr(AhiSlotRequest) afternoon = ahi_slot_request_new (origin (), 30 * MINUTE, 0);
  g_autoptr(AhiSlot) walk_in = NULL;

  ahi_slot_request_add_opening (whole, at (9, 0), at (18, 0));
  ahi_slot_request_add_resource (whole, "c1", "chair", TRUE);
  ahi_slot_request_add_service (whole, "cut", 30 * MINUTE, CHAIR);
  ahi_slot_request_add_closure (whole, origin (), origin () + 24 * HOUR);
  assert_starts (whole, "");
  walk_in = ahi_slots_first_fit (whole, at (9, 0));
  g_assert_null (walk_in);

  /* Closed from 12:00: 30-minute starts from 09:00 to 11:30. */
  ahi_slot_request_add_opening (afternoon, at (9, 0), at (18, 0));
  ahi_slot_request_add_resource (afternoon, "c1", "chair", TRUE);
  ahi_slot_request_add_service (afternoon, "cut", 30 * MINUTE, CHAIR);
  ahi_slot_request_add_closure (afternoon, at (12, 0), origin () + 24 * HOUR);
  assert_starts (afternoon, "09:00 09:30 10:00 10:30 11:00 11:30");
}

/* An implant needs a room, a doctor and a device. Two devices: d1 is out
 * of service, d2 is held 10:00–11:00. Open 09:00–12:00, hourly grid. */
static void
test_out_of_service (void)
{
  static const char * const implant[] = { "room", "doctor", "device", NULL };
  static const char * const doctor[] = { "doctor", NULL };
  static const char * const doctor_device[] = { "doctor", "device", NULL };
  g_autoptr(AhiSlotRequest) request = ahi_slot_request_new (origin (), HOUR, 0);
  g_autoptr(AhiSlotRequest) broken = ahi_slot_request_new (origin (), HOUR, 0);
  g_autoptr(GPtrArray) slots = NULL;

  ahi_slot_request_add_opening (request, at (9, 0), at (12, 0));
  ahi_slot_request_add_resource (request, "r2", "room", TRUE);
  ahi_slot_request_add_resource (request, "r1", "room", TRUE);
  ahi_slot_request_add_resource (request, "d1", "device", FALSE);
  ahi_slot_request_add_resource (request, "d2", "device", TRUE);
  ahi_slot_request_add_resource_booking (request, "d2", "X", at (10, 0), at (11, 0));
  ahi_slot_request_add_staff (request, "doc", doctor);
  ahi_slot_request_add_staff_hours (request, "doc", at (9, 0), at (12, 0));
  ahi_slot_request_add_service (request, "implant", HOUR, implant);

  /* 10:00 would need d1, which is out of service. Rooms and devices in
   * the order of the service's kinds, the lowest free id of each. */
  slots = ahi_slots_search (request, G_MININT64);
  g_assert_cmpuint (slots->len, ==, 2);
  assert_item (&((AhiSlot *) slots->pdata[0])->items[0], "implant", at (9, 0), at (10, 0), "doc [r1,d2]");
  assert_item (&((AhiSlot *) slots->pdata[1])->items[0], "implant", at (11, 0), at (12, 0), "doc [r1,d2]");

  /* Every device out of service: "device" is still a thing kind, and a
   * person whose skills say "device" does not stand in for one. */
  ahi_slot_request_add_opening (broken, at (9, 0), at (12, 0));
  ahi_slot_request_add_resource (broken, "r1", "room", TRUE);
  ahi_slot_request_add_resource (broken, "d1", "device", FALSE);
  ahi_slot_request_add_staff (broken, "doc", doctor_device);
  ahi_slot_request_add_staff_hours (broken, "doc", at (9, 0), at (12, 0));
  ahi_slot_request_add_service (broken, "implant", HOUR, implant);
  assert_starts (broken, "");
}

/* One customer, a 30-minute cut then a 60-minute colour; one chair, one
 * specialist 09:00–13:00, the colour device held 10:30–11:30. */
static void
test_multi_service (void)
{
  g_autoptr(AhiSlotRequest) request = ahi_slot_request_new (origin (), 30 * MINUTE, 0);
  g_autoptr(AhiSlotRequest) reversed = ahi_slot_request_new (origin (), 30 * MINUTE, 0);
  g_autoptr(GPtrArray) slots = NULL;
  AhiSlotRequest *requests[] = { request, reversed };
  const AhiSlot *first;

  for (guint i = 0; i < G_N_ELEMENTS (requests); i++)
    {
      ahi_slot_request_add_opening (requests[i], at (9, 0), at (13, 0));
      ahi_slot_request_add_resource (requests[i], "c1", "chair", TRUE);
      ahi_slot_request_add_resource (requests[i], "d1", "device", TRUE);
      ahi_slot_request_add_resource_booking (requests[i], "d1", "C", at (10, 30), at (11, 30));
      ahi_slot_request_add_staff (requests[i], "s1", SPECIALIST);
      ahi_slot_request_add_staff_hours (requests[i], "s1", at (9, 0), at (13, 0));
    }
  ahi_slot_request_add_service (request, "cut", 30 * MINUTE, CHAIR_SPECIALIST);
  ahi_slot_request_add_service (request, "colour", 60 * MINUTE, CHAIR_SPECIALIST_DEVICE);
  ahi_slot_request_add_service (reversed, "colour", 60 * MINUTE, CHAIR_SPECIALIST_DEVICE);
  ahi_slot_request_add_service (reversed, "cut", 30 * MINUTE, CHAIR_SPECIALIST);

  /* Cut at t, colour t+30..t+90. The colour overlaps 10:30–11:30 when
   * 09:00 < t < 11:00; the run must end by 13:00, so t <= 11:30. */
  slots = ahi_slots_search (request, G_MININT64);
  {
    g_autofree char *text = starts_text (slots, origin ());

    g_assert_cmpstr (text, ==, "09:00 11:00 11:30");
  }
  first = slots->pdata[0];
  g_assert_cmpint (first->starts_at, ==, at (9, 0));
  g_assert_cmpint (first->ends_at, ==, at (10, 30));
  g_assert_cmpuint (first->n_items, ==, 2);
  assert_item (&first->items[0], "cut", at (9, 0), at (9, 30), "s1 [c1]");
  assert_item (&first->items[1], "colour", at (9, 30), at (10, 30), "s1 [c1,d1]");

  /* Colour first at t: it overlaps the device's hour when
   * 09:30 < t < 11:30. */
  assert_starts (reversed, "09:00 09:30 11:30");
}

/* Times in unix seconds do not care where midnight is: the opening runs
 * across UTC midnight and an absence across local midnight; the grid
 * follows the local day. */
static void
test_midnight (void)
{
  g_autoptr(AhiSlotRequest) request = ahi_slot_request_new (origin (), 30 * MINUTE, 0);
  g_autoptr(AhiSlotRequest) kolkata = NULL;
  g_autoptr(GPtrArray) slots = NULL;
  g_autoptr(GPtrArray) kolkata_slots = NULL;
  gint64 kolkata_origin = utc ("2026-12-06T18:30:00Z");   /* 7 Dec 00:00 at UTC+5:30 */

  /* Open 02:00–04:00 local = 23:00Z (6 Dec) to 01:00Z (7 Dec). */
  ahi_slot_request_add_opening (request, utc ("2026-12-06T23:00:00Z"), utc ("2026-12-07T01:00:00Z"));
  ahi_slot_request_add_staff (request, "s1", SPECIALIST);
  ahi_slot_request_add_staff_hours (request, "s1", utc ("2026-12-06T23:00:00Z"), utc ("2026-12-07T01:00:00Z"));
  /* Away from 23:00 local on the 6th to 02:30 local on the 7th. */
  ahi_slot_request_add_staff_absence (request, "s1", utc ("2026-12-06T20:00:00Z"), utc ("2026-12-06T23:30:00Z"));
  ahi_slot_request_add_service (request, "cut", HOUR, SPECIALIST);

  slots = ahi_slots_search (request, G_MININT64);
  g_assert_cmpuint (slots->len, ==, 2);
  g_assert_cmpint (((AhiSlot *) slots->pdata[0])->starts_at, ==, utc ("2026-12-06T23:30:00Z"));   /* 02:30 */
  g_assert_cmpint (((AhiSlot *) slots->pdata[0])->ends_at, ==, utc ("2026-12-07T00:30:00Z"));
  g_assert_cmpint (((AhiSlot *) slots->pdata[1])->starts_at, ==, utc ("2026-12-07T00:00:00Z"));   /* 03:00 */
  g_assert_cmpint (((AhiSlot *) slots->pdata[1])->ends_at, ==, utc ("2026-12-07T01:00:00Z"));

  /* At UTC+5:30, open 09:00–11:00 local (03:30Z–05:30Z): an hourly grid
   * from local midnight gives 09:00 and 10:00 local, not 04:00Z. */
  kolkata = ahi_slot_request_new (kolkata_origin, HOUR, 0);
  ahi_slot_request_add_opening (kolkata, utc ("2026-12-07T03:30:00Z"), utc ("2026-12-07T05:30:00Z"));
  ahi_slot_request_add_service (kolkata, "consult", HOUR, NULL);
  kolkata_slots = ahi_slots_search (kolkata, G_MININT64);
  g_assert_cmpuint (kolkata_slots->len, ==, 2);
  g_assert_cmpint (((AhiSlot *) kolkata_slots->pdata[0])->starts_at, ==, utc ("2026-12-07T03:30:00Z"));
  g_assert_cmpint (((AhiSlot *) kolkata_slots->pdata[1])->starts_at, ==, utc ("2026-12-07T04:30:00Z"));
  /* A service that needs nothing gets nobody and nothing. */
  assert_item (&((AhiSlot *) kolkata_slots->pdata[0])->items[0], "consult",
               utc ("2026-12-07T03:30:00Z"), utc ("2026-12-07T04:30:00Z"), "- []");
}

static void
test_empty_day (void)
{
  g_autoptr(AhiSlotRequest) closed = ahi_slot_request_new (origin (), 15 * MINUTE, 0);
  g_autoptr(AhiSlotRequest) unskilled = ahi_slot_request_new (origin (), 15 * MINUTE, 0);
  g_autoptr(AhiSlotRequest) nothing = ahi_slot_request_new (origin (), 15 * MINUTE, 0);
  g_autoptr(AhiSlot) none = NULL;

  /* No opening hours (Sunday). */
  ahi_slot_request_add_resource (closed, "c1", "chair", TRUE);
  ahi_slot_request_add_service (closed, "cut", 30 * MINUTE, CHAIR);
  assert_starts (closed, "");
  none = ahi_slots_first_fit (closed, at (9, 0));
  g_assert_null (none);

  /* Open, but the only person has no "specialist" skill, or no hours. */
  ahi_slot_request_add_opening (unskilled, at (9, 0), at (18, 0));
  ahi_slot_request_add_resource (unskilled, "c1", "chair", TRUE);
  ahi_slot_request_add_staff (unskilled, "owner", NULL);
  ahi_slot_request_add_staff_hours (unskilled, "owner", at (9, 0), at (18, 0));
  ahi_slot_request_add_staff (unskilled, "s1", SPECIALIST);
  ahi_slot_request_add_service (unskilled, "cut", 30 * MINUTE, CHAIR_SPECIALIST);
  assert_starts (unskilled, "");

  /* No services asked for. */
  ahi_slot_request_add_opening (nothing, at (9, 0), at (18, 0));
  assert_starts (nothing, "");
}

/* The lowest id wins wherever several fit, whatever the order they were
 * added in; a person must cover every person kind of the service. */
static void
test_lowest_id (void)
{
  static const char * const both[] = { "specialist", "colourist", NULL };
  static const char * const needs_both[] = { "chair", "specialist", "colourist", NULL };
  g_autoptr(AhiSlotRequest) request = ahi_slot_request_new (origin (), HOUR, 0);
  g_autoptr(GPtrArray) slots = NULL;

  ahi_slot_request_add_opening (request, at (9, 0), at (10, 0));
  ahi_slot_request_add_resource (request, "c2", "chair", TRUE);
  ahi_slot_request_add_resource (request, "c1", "chair", TRUE);
  ahi_slot_request_add_staff (request, "s3", both);
  ahi_slot_request_add_staff (request, "s2", both);
  ahi_slot_request_add_staff (request, "s1", SPECIALIST);
  for (guint i = 1; i <= 3; i++)
    {
      g_autofree char *id = g_strdup_printf ("s%u", i);

      ahi_slot_request_add_staff_hours (request, id, at (9, 0), at (10, 0));
    }
  ahi_slot_request_add_service (request, "colour", HOUR, needs_both);

  slots = ahi_slots_search (request, G_MININT64);
  g_assert_cmpuint (slots->len, ==, 1);
  assert_item (&((AhiSlot *) slots->pdata[0])->items[0], "colour", at (9, 0), at (10, 0), "s2 [c1]");
}

/* ------------------------------------------------------------- walk-in */

static void
test_walk_in (void)
{
  g_autoptr(AhiSlotRequest) plain = ahi_slot_request_new (origin (), 15 * MINUTE, 0);
  g_autoptr(AhiSlotRequest) buffered = ahi_slot_request_new (origin (), 15 * MINUTE, 10 * MINUTE);
  g_autoptr(AhiSlotRequest) two = ahi_slot_request_new (origin (), 15 * MINUTE, 0);
  AhiSlotRequest *requests[] = { plain, buffered };
  static const char * const device[] = { "device", NULL };

  /* Open 09:00–18:00; the only chair is held 09:00–10:20. */
  for (guint i = 0; i < G_N_ELEMENTS (requests); i++)
    {
      ahi_slot_request_add_opening (requests[i], at (9, 0), at (18, 0));
      ahi_slot_request_add_resource (requests[i], "c1", "chair", TRUE);
      ahi_slot_request_add_resource_booking (requests[i], "c1", "A", at (9, 0), at (10, 20));
      ahi_slot_request_add_service (requests[i], "cut", 30 * MINUTE, CHAIR);
    }

  {
    /* At 10:07 the chair frees at 10:20, off the grid: that is the fit. */
    g_autoptr(AhiSlot) fit = ahi_slots_first_fit (plain, at (10, 7));

    g_assert_nonnull (fit);
    g_assert_cmpint (fit->starts_at, ==, at (10, 20));
    g_assert_cmpint (fit->ends_at, ==, at (10, 50));
  }
  {
    /* At 10:25 the chair is free: now. */
    g_autoptr(AhiSlot) fit = ahi_slots_first_fit (plain, at (10, 25));

    g_assert_cmpint (fit->starts_at, ==, at (10, 25));
  }
  {
    /* At 17:30 it still fits by closing; at 17:31 it does not. */
    g_autoptr(AhiSlot) fit = ahi_slots_first_fit (plain, at (17, 30));
    g_autoptr(AhiSlot) late = ahi_slots_first_fit (plain, at (17, 31));

    g_assert_cmpint (fit->starts_at, ==, at (17, 30));
    g_assert_null (late);
  }
  {
    /* Ten minutes after the booking: 10:30. */
    g_autoptr(AhiSlot) fit = ahi_slots_first_fit (buffered, at (10, 7));

    g_assert_cmpint (fit->starts_at, ==, at (10, 30));
  }

  /* A cut then a 30-minute treatment on a device held 10:00–11:00: the
   * cut may start at 10:30 so that the device is free when it ends. */
  ahi_slot_request_add_opening (two, at (9, 0), at (18, 0));
  ahi_slot_request_add_resource (two, "c1", "chair", TRUE);
  ahi_slot_request_add_resource (two, "d1", "device", TRUE);
  ahi_slot_request_add_resource_booking (two, "d1", "D", at (10, 0), at (11, 0));
  ahi_slot_request_add_service (two, "cut", 30 * MINUTE, CHAIR);
  ahi_slot_request_add_service (two, "mask", 30 * MINUTE, device);
  {
    g_autoptr(AhiSlot) fit = ahi_slots_first_fit (two, at (10, 0));

    g_assert_cmpint (fit->starts_at, ==, at (10, 30));
    assert_item (&fit->items[0], "cut", at (10, 30), at (11, 0), "- [c1]");
    assert_item (&fit->items[1], "mask", at (11, 0), at (11, 30), "- [d1]");
  }
}

/* ------------------------------------------------------ double booking */

static void
test_conflict (void)
{
  static const char * const c1[] = { "c1", NULL };
  static const char * const c2_c1[] = { "c2", "c1", NULL };
  /* The buffer shapes offered slots only; it is not a double booking. */
  g_autoptr(AhiSlotRequest) request = ahi_slot_request_new (origin (), HOUR, 15 * MINUTE);
  AhiSlotHold before = { at (9, 0), at (10, 0), "s1", c1 };
  AhiSlotHold after = { at (11, 0), at (11, 30), "s1", NULL };
  AhiSlotHold staff_overlap = { at (10, 30), at (11, 30), "s1", NULL };
  AhiSlotHold chair_overlap = { at (11, 30), at (12, 30), NULL, c2_c1 };
  AhiSlotHold both = { at (10, 59), at (11, 1), "s1", c1 };
  AhiSlotHold clean = { at (9, 0), at (10, 0), "s2", NULL };
  AhiSlotHold late = { at (12, 30), at (13, 30), NULL, c1 };
  AhiSlotHold long_hold = { at (11, 30), at (13, 30), NULL, c1 };
  AhiSlotHold pair[2];

  ahi_slot_request_add_staff_booking (request, "s1", "A", at (10, 0), at (11, 0));
  ahi_slot_request_add_resource_booking (request, "c1", "C", at (13, 0), at (14, 0));
  ahi_slot_request_add_resource_booking (request, "c1", "B", at (11, 0), at (12, 0));

  /* Touching either end is no conflict. */
  g_assert_null (ahi_slots_find_conflict (request, &before, 1, NULL));
  g_assert_null (ahi_slots_find_conflict (request, &after, 1, NULL));
  g_assert_null (ahi_slots_find_conflict (request, NULL, 0, NULL));

  g_assert_cmpstr (ahi_slots_find_conflict (request, &staff_overlap, 1, NULL), ==, "A");
  g_assert_cmpstr (ahi_slots_find_conflict (request, &chair_overlap, 1, NULL), ==, "B");
  /* The staff member is checked before the resources. */
  g_assert_cmpstr (ahi_slots_find_conflict (request, &both, 1, NULL), ==, "A");
  /* Re-checking A itself (ignore it): the chair's B remains. */
  g_assert_cmpstr (ahi_slots_find_conflict (request, &both, 1, "A"), ==, "B");
  /* Among several, the earliest booking of the holder. */
  g_assert_cmpstr (ahi_slots_find_conflict (request, &long_hold, 1, NULL), ==, "B");

  /* Items in order: the first clean, the second on C. */
  pair[0] = clean;
  pair[1] = late;
  g_assert_cmpstr (ahi_slots_find_conflict (request, pair, 2, NULL), ==, "C");
  g_assert_null (ahi_slots_find_conflict (request, pair, 2, "C"));
}

/* ------------------------------------------------------ booking rules */

static void
test_rules (void)
{
  static const char * const c1[] = { "c1", NULL };
  static const char * const c2[] = { "c2", NULL };
  g_autoptr(AhiSlotRequest) request = ahi_slot_request_new (origin (), 15 * MINUTE, 15 * MINUTE);
  static const char * const skills[] = { "specialist", NULL };
  guint index = 99;

  /* Open 09:00–13:00 and 14:00–19:00; chair c2 out of service; s1 a
   * specialist working 09:00–17:00 with a break 11:00–11:30; s2 works
   * all day without skills. A booking of s1 at 10:00–11:00 is there: the
   * rules do not look at bookings or the buffer. */
  ahi_slot_request_add_opening (request, at (9, 0), at (13, 0));
  ahi_slot_request_add_opening (request, at (14, 0), at (19, 0));
  ahi_slot_request_add_resource (request, "c1", "chair", TRUE);
  ahi_slot_request_add_resource (request, "c2", "chair", FALSE);
  ahi_slot_request_add_staff (request, "s1", skills);
  ahi_slot_request_add_staff_hours (request, "s1", at (9, 0), at (17, 0));
  ahi_slot_request_add_staff_absence (request, "s1", at (11, 0), at (11, 30));
  ahi_slot_request_add_staff (request, "s2", NULL);
  ahi_slot_request_add_staff_hours (request, "s2", at (9, 0), at (19, 0));
  ahi_slot_request_add_staff_booking (request, "s1", "A", at (10, 0), at (11, 0));
  ahi_slot_request_add_service (request, "cut", HOUR, CHAIR_SPECIALIST);

  {
    /* Inside everything (and over A: a double booking is not a rule). */
    AhiSlotHold ok = { at (10, 0), at (11, 0), "s1", c1, "cut" };
    /* 18:45–19:30: past the close. 12:30–14:30: across the lunch gap. */
    AhiSlotHold late = { at (18, 45), at (19, 30), NULL, c1, "cut" };
    AhiSlotHold lunch = { at (12, 30), at (14, 30), NULL, c1, "cut" };
    /* s1 in the break, after hours; s2 without the skill; nobody at all
     * (the desk's to choose: no rule); s9 unknown here. */
    AhiSlotHold in_break = { at (10, 45), at (11, 15), "s1", c1, "cut" };
    AhiSlotHold after_hours = { at (17, 0), at (18, 0), "s1", c1, "cut" };
    AhiSlotHold unskilled = { at (9, 0), at (10, 0), "s2", c1, "cut" };
    AhiSlotHold nobody = { at (9, 0), at (10, 0), NULL, c1, "cut" };
    AhiSlotHold stranger = { at (9, 0), at (10, 0), "s9", c1, "cut" };
    /* The chair out of service; an unknown service judges the person's
     * time but not the skill. */
    AhiSlotHold broken = { at (9, 0), at (10, 0), NULL, c2, "cut" };
    AhiSlotHold unknown_service = { at (9, 0), at (10, 0), "s2", c1, "dye" };
    AhiSlotHold run[2] = { { at (9, 0), at (10, 0), "s1", c1, "cut" }, { at (10, 0), at (10, 30), "s2", c2, "cut" } };

    g_assert_cmpint (ahi_slots_check_rules (request, &ok, 1, &index), ==, AHI_SLOT_RULE_OK);
    g_assert_cmpint (ahi_slots_check_rules (request, &late, 1, NULL), ==, AHI_SLOT_RULE_OUTSIDE_OPENING);
    g_assert_cmpint (ahi_slots_check_rules (request, &lunch, 1, NULL), ==, AHI_SLOT_RULE_OUTSIDE_OPENING);
    g_assert_cmpint (ahi_slots_check_rules (request, &in_break, 1, NULL), ==, AHI_SLOT_RULE_STAFF_UNAVAILABLE);
    g_assert_cmpint (ahi_slots_check_rules (request, &after_hours, 1, NULL), ==, AHI_SLOT_RULE_STAFF_UNAVAILABLE);
    g_assert_cmpint (ahi_slots_check_rules (request, &unskilled, 1, NULL), ==, AHI_SLOT_RULE_STAFF_UNAVAILABLE);
    g_assert_cmpint (ahi_slots_check_rules (request, &nobody, 1, NULL), ==, AHI_SLOT_RULE_OK);
    g_assert_cmpint (ahi_slots_check_rules (request, &stranger, 1, NULL), ==, AHI_SLOT_RULE_STAFF_UNAVAILABLE);
    g_assert_cmpint (ahi_slots_check_rules (request, &broken, 1, NULL), ==, AHI_SLOT_RULE_RESOURCE_OUT_OF_SERVICE);
    g_assert_cmpint (ahi_slots_check_rules (request, &unknown_service, 1, NULL), ==, AHI_SLOT_RULE_OK);
    /* The second item breaks it (s2 has no skill, before the chair). */
    g_assert_cmpint (ahi_slots_check_rules (request, run, 2, &index), ==, AHI_SLOT_RULE_STAFF_UNAVAILABLE);
    g_assert_cmpuint (index, ==, 1);
  }

  /* A closure takes the whole day out. */
  ahi_slot_request_add_closure (request, origin (), origin () + 24 * HOUR);
  {
    AhiSlotHold ok = { at (10, 0), at (11, 0), "s1", c1, "cut" };

    g_assert_cmpint (ahi_slots_check_rules (request, &ok, 1, NULL), ==, AHI_SLOT_RULE_OUTSIDE_OPENING);
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/slots/intervals", test_intervals);
  g_test_add_func ("/core/slots/overlap-and-touching", test_overlap_and_touching);
  g_test_add_func ("/core/slots/buffer", test_buffer);
  g_test_add_func ("/core/slots/break", test_break);
  g_test_add_func ("/core/slots/closure", test_closure);
  g_test_add_func ("/core/slots/out-of-service", test_out_of_service);
  g_test_add_func ("/core/slots/multi-service", test_multi_service);
  g_test_add_func ("/core/slots/midnight", test_midnight);
  g_test_add_func ("/core/slots/empty-day", test_empty_day);
  g_test_add_func ("/core/slots/lowest-id", test_lowest_id);
  g_test_add_func ("/core/slots/walk-in", test_walk_in);
  g_test_add_func ("/core/slots/conflict", test_conflict);
  g_test_add_func ("/core/slots/rules", test_rules);

  return g_test_run ();
}
