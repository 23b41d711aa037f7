/* ahi-slots.c — free slots and double-booking checks, pure maths
 *
 * The search tries candidate starts in order and, for each, walks the
 * services in sequence: the whole run must lie inside one opening
 * interval, and each item takes the lowest-id staff member and the
 * lowest-id resources that can hold it. Items of one run never overlap
 * each other in time, so choosing each one greedily is exact. See
 * docs/slots.md.
 */
#include "ahi-slots.h"

#include <string.h>

typedef struct {
  char   *appointment_id;
  gint64  start;
  gint64  end;
} Booking;

typedef struct {
  char     *id;
  char     *kind;
  gboolean  in_service;
} Resource;

typedef struct {
  char   *id;
  GStrv   skills;
  GArray *hours;      /* interval set */
  GArray *absences;   /* interval set */
  GArray *free;       /* hours − absences, made by request_prepare */
} Staff;

typedef struct {
  char      *id;
  gint64     duration;
  GStrv      kinds;
  GPtrArray *person_kinds;  /* const char *, made by request_prepare */
  GPtrArray *thing_kinds;   /* const char *, made by request_prepare */
} Service;

struct _AhiSlotRequest {
  gint64      origin;
  gint64      step;
  gint64      buffer;
  GArray     *openings;           /* interval set */
  GArray     *closures;           /* interval set */
  GArray     *open;               /* openings − closures, made by request_prepare */
  GPtrArray  *resources;          /* Resource */
  GPtrArray  *staff;              /* Staff */
  GPtrArray  *services;           /* Service */
  GHashTable *staff_bookings;     /* staff id → GArray of Booking */
  GHashTable *resource_bookings;  /* resource id → GArray of Booking */
  gint64      total_duration;
};

/* ------------------------------------------------------- interval sets */

static int
compare_intervals (gconstpointer a,
                   gconstpointer b)
{
  const AhiInterval *x = a;
  const AhiInterval *y = b;

  if (x->start != y->start)
    return x->start < y->start ? -1 : 1;
  if (x->end != y->end)
    return x->end < y->end ? -1 : 1;
  return 0;
}

/* Sorts and merges overlapping and touching members in place. */
static void
normalize_intervals (GArray *set)
{
  guint out = 0;

  g_array_sort (set, compare_intervals);
  for (guint i = 0; i < set->len; i++)
    {
      AhiInterval cur = g_array_index (set, AhiInterval, i);

      if (out > 0 && cur.start <= g_array_index (set, AhiInterval, out - 1).end)
        {
          AhiInterval *last = &g_array_index (set, AhiInterval, out - 1);

          last->end = MAX (last->end, cur.end);
          continue;
        }
      g_array_index (set, AhiInterval, out++) = cur;
    }
  g_array_set_size (set, out);
}

GArray *
ahi_intervals_new (void)
{
  return g_array_new (FALSE, FALSE, sizeof (AhiInterval));
}

void
ahi_intervals_add (GArray *set,
                   gint64  start,
                   gint64  end)
{
  AhiInterval interval = { start, end };

  g_return_if_fail (set != NULL);

  if (end <= start)
    return;
  g_array_append_val (set, interval);
  normalize_intervals (set);
}

GArray *
ahi_intervals_subtract (const GArray *set,
                        const GArray *remove)
{
  GArray *result = ahi_intervals_new ();
  guint r = 0;

  g_return_val_if_fail (set != NULL && remove != NULL, result);

  for (guint i = 0; i < set->len; i++)
    {
      AhiInterval piece = g_array_index (set, AhiInterval, i);

      /* Members of remove that end before this piece cannot touch the
       * later pieces either: both sets are sorted and disjoint. */
      while (r < remove->len && g_array_index (remove, AhiInterval, r).end <= piece.start)
        r++;
      for (guint k = r; k < remove->len && piece.start < piece.end; k++)
        {
          const AhiInterval *cut = &g_array_index (remove, AhiInterval, k);

          if (cut->start >= piece.end)
            break;
          if (cut->start > piece.start)
            {
              AhiInterval before = { piece.start, cut->start };

              g_array_append_val (result, before);
            }
          piece.start = MAX (piece.start, cut->end);
        }
      if (piece.start < piece.end)
        g_array_append_val (result, piece);
    }
  return result;
}

GArray *
ahi_intervals_intersect (const GArray *a,
                         const GArray *b)
{
  GArray *result = ahi_intervals_new ();
  guint i = 0;
  guint k = 0;

  g_return_val_if_fail (a != NULL && b != NULL, result);

  while (i < a->len && k < b->len)
    {
      const AhiInterval *x = &g_array_index (a, AhiInterval, i);
      const AhiInterval *y = &g_array_index (b, AhiInterval, k);
      AhiInterval both = { MAX (x->start, y->start), MIN (x->end, y->end) };

      if (both.start < both.end)
        g_array_append_val (result, both);
      if (x->end < y->end)
        i++;
      else
        k++;
    }
  return result;
}

gboolean
ahi_intervals_contains (const GArray *set,
                        gint64        start,
                        gint64        end)
{
  g_return_val_if_fail (set != NULL, FALSE);

  for (guint i = 0; i < set->len; i++)
    {
      const AhiInterval *member = &g_array_index (set, AhiInterval, i);

      if (member->start > start)
        break;
      if (end <= member->end)
        return TRUE;
    }
  return FALSE;
}

gboolean
ahi_interval_overlaps (gint64 a_start,
                       gint64 a_end,
                       gint64 b_start,
                       gint64 b_end)
{
  return a_start < b_end && b_start < a_end;
}

/* ------------------------------------------------------------- results */

static void
slot_item_clear (AhiSlotItem *item)
{
  g_clear_pointer (&item->service_id, g_free);
  g_clear_pointer (&item->staff_id, g_free);
  g_clear_pointer (&item->resource_ids, g_strfreev);
}

void
ahi_slot_free (AhiSlot *slot)
{
  if (slot == NULL)
    return;
  for (guint i = 0; i < slot->n_items; i++)
    slot_item_clear (&slot->items[i]);
  g_free (slot->items);
  g_free (slot);
}

/* ------------------------------------------------------------- request */

static void
booking_clear (gpointer data)
{
  Booking *booking = data;

  g_free (booking->appointment_id);
}

static void
resource_free (gpointer data)
{
  Resource *resource = data;

  g_free (resource->id);
  g_free (resource->kind);
  g_free (resource);
}

static void
staff_free (gpointer data)
{
  Staff *staff = data;

  g_free (staff->id);
  g_strfreev (staff->skills);
  g_array_unref (staff->hours);
  g_array_unref (staff->absences);
  g_clear_pointer (&staff->free, g_array_unref);
  g_free (staff);
}

static void
service_free (gpointer data)
{
  Service *service = data;

  g_free (service->id);
  g_strfreev (service->kinds);
  g_clear_pointer (&service->person_kinds, g_ptr_array_unref);
  g_clear_pointer (&service->thing_kinds, g_ptr_array_unref);
  g_free (service);
}

AhiSlotRequest *
ahi_slot_request_new (gint64 origin,
                      gint64 step_seconds,
                      gint64 buffer_seconds)
{
  AhiSlotRequest *self;

  g_return_val_if_fail (step_seconds > 0, NULL);
  g_return_val_if_fail (buffer_seconds >= 0, NULL);

  self = g_new0 (AhiSlotRequest, 1);
  self->origin = origin;
  self->step = step_seconds;
  self->buffer = buffer_seconds;
  self->openings = ahi_intervals_new ();
  self->closures = ahi_intervals_new ();
  self->resources = g_ptr_array_new_with_free_func (resource_free);
  self->staff = g_ptr_array_new_with_free_func (staff_free);
  self->services = g_ptr_array_new_with_free_func (service_free);
  self->staff_bookings = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                (GDestroyNotify) g_array_unref);
  self->resource_bookings = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                   (GDestroyNotify) g_array_unref);
  return self;
}

void
ahi_slot_request_free (AhiSlotRequest *self)
{
  if (self == NULL)
    return;
  g_array_unref (self->openings);
  g_array_unref (self->closures);
  g_clear_pointer (&self->open, g_array_unref);
  g_ptr_array_unref (self->resources);
  g_ptr_array_unref (self->staff);
  g_ptr_array_unref (self->services);
  g_hash_table_unref (self->staff_bookings);
  g_hash_table_unref (self->resource_bookings);
  g_free (self);
}

void
ahi_slot_request_add_opening (AhiSlotRequest *self,
                              gint64          start,
                              gint64          end)
{
  g_return_if_fail (self != NULL);
  ahi_intervals_add (self->openings, start, end);
}

void
ahi_slot_request_add_closure (AhiSlotRequest *self,
                              gint64          start,
                              gint64          end)
{
  g_return_if_fail (self != NULL);
  ahi_intervals_add (self->closures, start, end);
}

void
ahi_slot_request_add_resource (AhiSlotRequest *self,
                               const char     *resource_id,
                               const char     *kind,
                               gboolean        in_service)
{
  Resource *resource;

  g_return_if_fail (self != NULL);
  g_return_if_fail (resource_id != NULL && kind != NULL);

  resource = g_new0 (Resource, 1);
  resource->id = g_strdup (resource_id);
  resource->kind = g_strdup (kind);
  resource->in_service = in_service;
  g_ptr_array_add (self->resources, resource);
}

void
ahi_slot_request_add_staff (AhiSlotRequest     *self,
                            const char         *staff_id,
                            const char * const *skills)
{
  Staff *staff;

  g_return_if_fail (self != NULL);
  g_return_if_fail (staff_id != NULL);

  staff = g_new0 (Staff, 1);
  staff->id = g_strdup (staff_id);
  staff->skills = skills != NULL ? g_strdupv ((char **) skills) : g_new0 (char *, 1);
  staff->hours = ahi_intervals_new ();
  staff->absences = ahi_intervals_new ();
  g_ptr_array_add (self->staff, staff);
}

static Staff *
lookup_staff (AhiSlotRequest *self,
              const char     *staff_id)
{
  for (guint i = 0; i < self->staff->len; i++)
    {
      Staff *staff = g_ptr_array_index (self->staff, i);

      if (g_str_equal (staff->id, staff_id))
        return staff;
    }
  return NULL;
}

void
ahi_slot_request_add_staff_hours (AhiSlotRequest *self,
                                  const char     *staff_id,
                                  gint64          start,
                                  gint64          end)
{
  Staff *staff;

  g_return_if_fail (self != NULL && staff_id != NULL);
  staff = lookup_staff (self, staff_id);
  g_return_if_fail (staff != NULL);
  ahi_intervals_add (staff->hours, start, end);
}

void
ahi_slot_request_add_staff_absence (AhiSlotRequest *self,
                                    const char     *staff_id,
                                    gint64          start,
                                    gint64          end)
{
  Staff *staff;

  g_return_if_fail (self != NULL && staff_id != NULL);
  staff = lookup_staff (self, staff_id);
  g_return_if_fail (staff != NULL);
  ahi_intervals_add (staff->absences, start, end);
}

static void
add_booking (GHashTable *table,
             const char *holder_id,
             const char *appointment_id,
             gint64      start,
             gint64      end)
{
  GArray *bookings = g_hash_table_lookup (table, holder_id);
  Booking booking = { g_strdup (appointment_id), start, end };

  if (bookings == NULL)
    {
      bookings = g_array_new (FALSE, FALSE, sizeof (Booking));
      g_array_set_clear_func (bookings, booking_clear);
      g_hash_table_insert (table, g_strdup (holder_id), bookings);
    }
  g_array_append_val (bookings, booking);
}

void
ahi_slot_request_add_staff_booking (AhiSlotRequest *self,
                                    const char     *staff_id,
                                    const char     *appointment_id,
                                    gint64          start,
                                    gint64          end)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (staff_id != NULL && appointment_id != NULL);
  g_return_if_fail (end > start);
  add_booking (self->staff_bookings, staff_id, appointment_id, start, end);
}

void
ahi_slot_request_add_resource_booking (AhiSlotRequest *self,
                                       const char     *resource_id,
                                       const char     *appointment_id,
                                       gint64          start,
                                       gint64          end)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (resource_id != NULL && appointment_id != NULL);
  g_return_if_fail (end > start);
  add_booking (self->resource_bookings, resource_id, appointment_id, start, end);
}

void
ahi_slot_request_add_service (AhiSlotRequest     *self,
                              const char         *service_id,
                              gint64              duration_seconds,
                              const char * const *kinds)
{
  Service *service;

  g_return_if_fail (self != NULL && service_id != NULL);
  g_return_if_fail (duration_seconds > 0);

  service = g_new0 (Service, 1);
  service->id = g_strdup (service_id);
  service->duration = duration_seconds;
  service->kinds = kinds != NULL ? g_strdupv ((char **) kinds) : g_new0 (char *, 1);
  g_ptr_array_add (self->services, service);
}

/* ---------------------------------------------------------- preparing */

static int
compare_resources (gconstpointer a,
                   gconstpointer b)
{
  const Resource *x = *(Resource * const *) a;
  const Resource *y = *(Resource * const *) b;

  return strcmp (x->id, y->id);
}

static int
compare_staff (gconstpointer a,
               gconstpointer b)
{
  const Staff *x = *(Staff * const *) a;
  const Staff *y = *(Staff * const *) b;

  return strcmp (x->id, y->id);
}

static int
compare_bookings (gconstpointer a,
                  gconstpointer b)
{
  const Booking *x = a;
  const Booking *y = b;

  if (x->start != y->start)
    return x->start < y->start ? -1 : 1;
  return strcmp (x->appointment_id, y->appointment_id);
}

static gboolean
is_thing_kind (AhiSlotRequest *self,
               const char     *kind)
{
  for (guint i = 0; i < self->resources->len; i++)
    if (g_str_equal (((Resource *) g_ptr_array_index (self->resources, i))->kind, kind))
      return TRUE;
  return FALSE;
}

static void
sort_bookings (GHashTable *table)
{
  GHashTableIter iter;
  gpointer value;

  g_hash_table_iter_init (&iter, table);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    g_array_sort (value, compare_bookings);
}

/* Derives what the search reads: the open set, each person's free set,
 * the split of each service's kinds, the id order. Cheap, so it runs on
 * every search and nothing goes stale when the caller adds more. */
static void
request_prepare (AhiSlotRequest *self)
{
  g_clear_pointer (&self->open, g_array_unref);
  self->open = ahi_intervals_subtract (self->openings, self->closures);

  g_ptr_array_sort (self->resources, compare_resources);
  g_ptr_array_sort (self->staff, compare_staff);
  for (guint i = 0; i < self->staff->len; i++)
    {
      Staff *staff = g_ptr_array_index (self->staff, i);

      g_clear_pointer (&staff->free, g_array_unref);
      staff->free = ahi_intervals_subtract (staff->hours, staff->absences);
    }

  self->total_duration = 0;
  for (guint i = 0; i < self->services->len; i++)
    {
      Service *service = g_ptr_array_index (self->services, i);

      g_clear_pointer (&service->person_kinds, g_ptr_array_unref);
      g_clear_pointer (&service->thing_kinds, g_ptr_array_unref);
      service->person_kinds = g_ptr_array_new ();
      service->thing_kinds = g_ptr_array_new ();
      for (guint k = 0; service->kinds[k] != NULL; k++)
        g_ptr_array_add (is_thing_kind (self, service->kinds[k]) ? service->thing_kinds : service->person_kinds,
                         service->kinds[k]);
      self->total_duration += service->duration;
    }

  sort_bookings (self->staff_bookings);
  sort_bookings (self->resource_bookings);
}

/* ---------------------------------------------------------- searching */

/* Whether a booking of holder_id keeps [start, end) out, buffer
 * included on both sides: two bookings must be buffer apart. */
static gboolean
is_blocked (GHashTable *table,
            const char *holder_id,
            gint64      start,
            gint64      end,
            gint64      buffer)
{
  GArray *bookings = g_hash_table_lookup (table, holder_id);

  for (guint i = 0; bookings != NULL && i < bookings->len; i++)
    {
      const Booking *booking = &g_array_index (bookings, Booking, i);

      if (booking->start >= end + buffer)
        break;
      if (ahi_interval_overlaps (start, end + buffer, booking->start, booking->end + buffer))
        return TRUE;
    }
  return FALSE;
}

static gboolean
staff_covers (const Staff     *staff,
              const GPtrArray *person_kinds)
{
  for (guint k = 0; k < person_kinds->len; k++)
    if (!g_strv_contains ((const char * const *) staff->skills, g_ptr_array_index (person_kinds, k)))
      return FALSE;
  return TRUE;
}

static const char *
choose_staff (AhiSlotRequest *self,
              const Service  *service,
              gint64          start,
              gint64          end)
{
  for (guint i = 0; i < self->staff->len; i++)
    {
      const Staff *staff = g_ptr_array_index (self->staff, i);

      if (staff_covers (staff, service->person_kinds) &&
          ahi_intervals_contains (staff->free, start, end) &&
          !is_blocked (self->staff_bookings, staff->id, start, end, self->buffer))
        return staff->id;
    }
  return NULL;
}

static const char *
choose_resource (AhiSlotRequest *self,
                 const char     *kind,
                 GPtrArray      *taken,
                 gint64          start,
                 gint64          end)
{
  for (guint i = 0; i < self->resources->len; i++)
    {
      const Resource *resource = g_ptr_array_index (self->resources, i);

      if (resource->in_service &&
          g_str_equal (resource->kind, kind) &&
          !g_ptr_array_find_with_equal_func (taken, resource->id, g_str_equal, NULL) &&
          !is_blocked (self->resource_bookings, resource->id, start, end, self->buffer))
        return resource->id;
    }
  return NULL;
}

/* The run of services starting at start, or NULL when it does not fit. */
static AhiSlot *
fit_at (AhiSlotRequest *self,
        gint64          start)
{
  g_autoptr(AhiSlot) slot = NULL;
  gint64 at = start;

  if (!ahi_intervals_contains (self->open, start, start + self->total_duration))
    return NULL;

  slot = g_new0 (AhiSlot, 1);
  slot->starts_at = start;
  slot->ends_at = start + self->total_duration;
  slot->n_items = self->services->len;
  slot->items = g_new0 (AhiSlotItem, slot->n_items);

  for (guint i = 0; i < self->services->len; i++)
    {
      const Service *service = g_ptr_array_index (self->services, i);
      AhiSlotItem *item = &slot->items[i];
      g_autoptr(GPtrArray) taken = g_ptr_array_new ();

      item->service_id = g_strdup (service->id);
      item->starts_at = at;
      item->ends_at = at + service->duration;
      at = item->ends_at;

      if (service->person_kinds->len > 0)
        {
          const char *staff_id = choose_staff (self, service, item->starts_at, item->ends_at);

          if (staff_id == NULL)
            return NULL;
          item->staff_id = g_strdup (staff_id);
        }

      for (guint k = 0; k < service->thing_kinds->len; k++)
        {
          const char *resource_id = choose_resource (self, g_ptr_array_index (service->thing_kinds, k),
                                                     taken, item->starts_at, item->ends_at);

          if (resource_id == NULL)
            return NULL;
          g_ptr_array_add (taken, (gpointer) resource_id);
        }
      g_ptr_array_add (taken, NULL);
      item->resource_ids = g_strdupv ((char **) taken->pdata);
    }
  return g_steal_pointer (&slot);
}

/* The first grid instant at or after instant. */
static gint64
grid_ceil (AhiSlotRequest *self,
           gint64          instant)
{
  gint64 offset = instant - self->origin;
  gint64 steps = offset >= 0 ? (offset + self->step - 1) / self->step : -((-offset) / self->step);

  return self->origin + steps * self->step;
}

GPtrArray *
ahi_slots_search (AhiSlotRequest *self,
                  gint64          not_before)
{
  GPtrArray *slots = g_ptr_array_new_with_free_func ((GDestroyNotify) ahi_slot_free);

  g_return_val_if_fail (self != NULL, slots);

  request_prepare (self);
  if (self->services->len == 0)
    return slots;

  for (guint i = 0; i < self->open->len; i++)
    {
      const AhiInterval *open = &g_array_index (self->open, AhiInterval, i);

      for (gint64 start = grid_ceil (self, MAX (open->start, not_before));
           start + self->total_duration <= open->end;
           start += self->step)
        {
          AhiSlot *slot = fit_at (self, start);

          if (slot != NULL)
            g_ptr_array_add (slots, slot);
        }
    }
  return slots;
}

static void
add_candidates (GArray       *candidates,
                const GArray *offsets,
                gint64        boundary,
                gint64        not_before)
{
  for (guint i = 0; i < offsets->len; i++)
    {
      gint64 candidate = boundary - g_array_index (offsets, gint64, i);

      if (candidate > not_before)
        g_array_append_val (candidates, candidate);
    }
}

static void
add_booking_candidates (GHashTable   *table,
                        GArray       *candidates,
                        const GArray *offsets,
                        gint64        buffer,
                        gint64        not_before)
{
  GHashTableIter iter;
  gpointer value;

  g_hash_table_iter_init (&iter, table);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      GArray *bookings = value;

      for (guint i = 0; i < bookings->len; i++)
        add_candidates (candidates, offsets, g_array_index (bookings, Booking, i).end + buffer, not_before);
    }
}

static int
compare_instants (gconstpointer a,
                  gconstpointer b)
{
  gint64 x = *(const gint64 *) a;
  gint64 y = *(const gint64 *) b;

  return x < y ? -1 : x > y;
}

AhiSlot *
ahi_slots_first_fit (AhiSlotRequest *self,
                     gint64          not_before)
{
  g_autoptr(GArray) offsets = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) candidates = g_array_new (FALSE, FALSE, sizeof (gint64));
  gint64 offset = 0;

  g_return_val_if_fail (self != NULL, NULL);

  request_prepare (self);
  if (self->services->len == 0)
    return NULL;

  /* The set of starts that fit is a union of intervals closed on the
   * left; each left end is an instant something becomes free (an
   * opening, a working interval, the end of an absence or of a booking
   * plus the buffer) minus the offset of the item it frees. The earliest
   * fit is therefore not_before or one of those. */
  for (guint i = 0; i < self->services->len; i++)
    {
      g_array_append_val (offsets, offset);
      offset += ((Service *) g_ptr_array_index (self->services, i))->duration;
    }

  g_array_append_val (candidates, not_before);
  for (guint i = 0; i < self->open->len; i++)
    add_candidates (candidates, offsets, g_array_index (self->open, AhiInterval, i).start, not_before);
  for (guint s = 0; s < self->staff->len; s++)
    {
      const Staff *staff = g_ptr_array_index (self->staff, s);

      for (guint i = 0; i < staff->free->len; i++)
        add_candidates (candidates, offsets, g_array_index (staff->free, AhiInterval, i).start, not_before);
    }
  add_booking_candidates (self->staff_bookings, candidates, offsets, self->buffer, not_before);
  add_booking_candidates (self->resource_bookings, candidates, offsets, self->buffer, not_before);

  g_array_sort (candidates, compare_instants);
  for (guint i = 0; i < candidates->len; i++)
    {
      gint64 candidate = g_array_index (candidates, gint64, i);
      AhiSlot *slot;

      if (i > 0 && candidate == g_array_index (candidates, gint64, i - 1))
        continue;
      slot = fit_at (self, candidate);
      if (slot != NULL)
        return slot;
    }
  return NULL;
}

/* ---------------------------------------------------- double booking */

static const char *
first_overlap (GHashTable *table,
               const char *holder_id,
               gint64      start,
               gint64      end,
               const char *ignore_appointment_id)
{
  GArray *bookings = g_hash_table_lookup (table, holder_id);

  for (guint i = 0; bookings != NULL && i < bookings->len; i++)
    {
      const Booking *booking = &g_array_index (bookings, Booking, i);

      if (booking->start >= end)
        break;
      if (ahi_interval_overlaps (start, end, booking->start, booking->end) &&
          g_strcmp0 (booking->appointment_id, ignore_appointment_id) != 0)
        return booking->appointment_id;
    }
  return NULL;
}

const char *
ahi_slots_find_conflict (AhiSlotRequest    *self,
                         const AhiSlotHold *holds,
                         guint              n_holds,
                         const char        *ignore_appointment_id)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (holds != NULL || n_holds == 0, NULL);

  sort_bookings (self->staff_bookings);
  sort_bookings (self->resource_bookings);

  for (guint i = 0; i < n_holds; i++)
    {
      const AhiSlotHold *hold = &holds[i];
      const char *found = NULL;

      if (hold->staff_id != NULL)
        found = first_overlap (self->staff_bookings, hold->staff_id,
                               hold->starts_at, hold->ends_at, ignore_appointment_id);
      for (guint r = 0; found == NULL && hold->resource_ids != NULL && hold->resource_ids[r] != NULL; r++)
        found = first_overlap (self->resource_bookings, hold->resource_ids[r],
                               hold->starts_at, hold->ends_at, ignore_appointment_id);
      if (found != NULL)
        return found;
    }
  return NULL;
}

/* ------------------------------------------------------ booking rules */

static const Service *
lookup_service (AhiSlotRequest *self,
                const char     *service_id)
{
  for (guint i = 0; service_id != NULL && i < self->services->len; i++)
    {
      const Service *service = g_ptr_array_index (self->services, i);

      if (g_str_equal (service->id, service_id))
        return service;
    }
  return NULL;
}

static const Resource *
lookup_resource (AhiSlotRequest *self,
                 const char     *resource_id)
{
  for (guint i = 0; i < self->resources->len; i++)
    {
      const Resource *resource = g_ptr_array_index (self->resources, i);

      if (g_str_equal (resource->id, resource_id))
        return resource;
    }
  return NULL;
}

/* The rules an item keeps on its own: its person, its things. */
/* When an item ends for the rules: not before its service takes its
 * time. A shortened item (a 45-minute cut sent as 18:45–19:00) is judged
 * for the whole cut, as the slots route would have offered it. */
static gint64
judged_end (AhiSlotRequest    *self,
            const AhiSlotHold *hold)
{
  const Service *service = lookup_service (self, hold->service_id);

  return service != NULL ? MAX (hold->ends_at, hold->starts_at + service->duration) : hold->ends_at;
}

static AhiSlotRule
check_item (AhiSlotRequest    *self,
            const AhiSlotHold *hold)
{
  const Service *service = lookup_service (self, hold->service_id);
  gint64 ends_at = judged_end (self, hold);

  /* Only a person the booking names is judged: one that names nobody
   * leaves the choice to the desk (docs/slots.md, "Booking rules"). */
  if (hold->staff_id != NULL)
    {
      const Staff *staff = lookup_staff (self, hold->staff_id);

      if (staff == NULL || !ahi_intervals_contains (staff->free, hold->starts_at, ends_at) ||
          (service != NULL && !staff_covers (staff, service->person_kinds)))
        return AHI_SLOT_RULE_STAFF_UNAVAILABLE;
    }

  for (guint r = 0; hold->resource_ids != NULL && hold->resource_ids[r] != NULL; r++)
    {
      const Resource *resource = lookup_resource (self, hold->resource_ids[r]);

      if (resource != NULL && !resource->in_service)
        return AHI_SLOT_RULE_RESOURCE_OUT_OF_SERVICE;
    }
  return AHI_SLOT_RULE_OK;
}

AhiSlotRule
ahi_slots_check_rules (AhiSlotRequest    *self,
                       const AhiSlotHold *holds,
                       guint              n_holds,
                       guint             *out_index)
{
  gint64 first = G_MAXINT64;
  gint64 last = G_MININT64;

  g_return_val_if_fail (self != NULL, AHI_SLOT_RULE_OK);
  g_return_val_if_fail (holds != NULL || n_holds == 0, AHI_SLOT_RULE_OK);

  if (out_index != NULL)
    *out_index = 0;
  if (n_holds == 0)
    return AHI_SLOT_RULE_OK;
  request_prepare (self);

  /* As the search: one run inside one open interval, which also keeps it
   * off closed days and out of the lunch gap. */
  for (guint i = 0; i < n_holds; i++)
    {
      first = MIN (first, holds[i].starts_at);
      last = MAX (last, judged_end (self, &holds[i]));
    }
  if (!ahi_intervals_contains (self->open, first, last))
    return AHI_SLOT_RULE_OUTSIDE_OPENING;

  for (guint i = 0; i < n_holds; i++)
    {
      AhiSlotRule rule = check_item (self, &holds[i]);

      if (rule != AHI_SLOT_RULE_OK)
        {
          if (out_index != NULL)
            *out_index = i;
          return rule;
        }
    }
  return AHI_SLOT_RULE_OK;
}
