/* ahi-generator.c — realistic demo and test data for a tenant */
#include "demo/ahi-generator.h"

#include <stdlib.h>

#include "store/ahi-store-error.h"
#include "core/ahi-blueprint.h"
#include "core/ahi-id.h"
#include "demo/ahi-demo-names.h"
#include "store/ahi-tenant-bootstrap.h"
#include "store/ahi-tenant.h"
#include "core/ahi-time.h"

/* Events are written in batches: one transaction per batch keeps the
 * append rate near SQLite's (DESIGN §9) without one huge transaction. */
#define BATCH_EVENTS 4000
#define SLOT_MIN 30

typedef struct {
  char   *service_id;
  guint   duration_min;
  gint64  price_minor;
  guint   vat_rate_bp;
} Service;

typedef struct {
  char *resource_id;
  char *staff_id;
} Lane;

typedef struct {
  AhiStore               *store;
  const AhiGeneratorSpec *spec;
  GRand                  *rand;
  char                   *actor;
  GPtrArray              *batch;      /* AhiEvent* waiting to be appended */
  GPtrArray              *customers;  /* char* ids */
  GArray                 *services;   /* Service */
  GArray                 *lanes;      /* Lane */
  GHashTable             *vehicles;   /* customer id → vehicle id (vehicle sectors) */
  gboolean                with_plans; /* the sector keeps treatment plans */
  GTimeZone              *zone;       /* the tenant's */
  char                    currency[4]; /* the tenant's */
  AhiGeneratorStats       stats;
} Generator;

/* ------------------------------------------------------------- helpers */

static gboolean
flush (Generator  *gen,
       GError    **error)
{
  if (gen->batch->len == 0)
    return TRUE;
  if (!ahi_store_append_all (gen->store, gen->batch, NULL, error))
    return FALSE;
  gen->stats.events += gen->batch->len;
  g_ptr_array_set_size (gen->batch, 0);
  return TRUE;
}

static AhiEvent *
add (Generator  *gen,
     const char *type,
     const char *entity_id,
     gint64      occurred_at)
{
  AhiEvent *event = ahi_store_new_event (gen->store, type, entity_id, gen->actor, "owner", occurred_at);

  g_ptr_array_add (gen->batch, event);
  return event;
}

static char *
new_id_at (gint64 unix_seconds)
{
  return ahi_id_new_v7_at (unix_seconds * 1000);
}

static void
set_time (JsonObject *object,
          const char *name,
          gint64      unix_seconds)
{
  g_autofree char *text = ahi_time_format_utc (unix_seconds);
  json_object_set_string_member (object, name, text);
}

static const char *
pick (Generator           *gen,
      const char * const  *choices,
      const guint         *weights)
{
  guint total = 0, roll;

  for (guint i = 0; choices[i] != NULL; i++)
    total += weights[i];
  roll = g_rand_int_range (gen->rand, 0, total);
  for (guint i = 0; choices[i] != NULL; i++)
    {
      if (roll < weights[i])
        return choices[i];
      roll -= weights[i];
    }
  g_assert_not_reached ();
}

static gboolean
chance (Generator *gen,
        guint      pct)
{
  return (guint) g_rand_int_range (gen->rand, 0, 100) < pct;
}

/* --------------------------------------------------------- what exists */

static gboolean
load_services (Generator  *gen,
               GError    **error)
{
  AhiDb *db = ahi_store_get_db (gen->store);
  sqlite3_stmt *stmt = ahi_db_prepare (db,
    "SELECT service_id, duration_min, price_minor, vat_rate_bp FROM services WHERE active ORDER BY code", error);
  g_autoptr(GError) local_error = NULL;

  if (stmt == NULL)
    return FALSE;
  while (ahi_db_step_row (db, stmt, &local_error))
    {
      Service service = {
        g_strdup ((const char *) sqlite3_column_text (stmt, 0)),
        sqlite3_column_int (stmt, 1),
        sqlite3_column_int64 (stmt, 2),
        sqlite3_column_int (stmt, 3),
      };
      g_array_append_val (gen->services, service);
    }
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  if (gen->services->len == 0)
    {
      g_set_error (error, AHI_STORE_ERROR, AHI_STORE_ERROR_INVALID_STATE, "The business has no services to book");
      return FALSE;
    }
  return TRUE;
}

/* One lane per capacity resource (chair, room, lift), each with a staff
 * member of its own, made here when the business has none yet. */
static gboolean
make_lanes (Generator  *gen,
            GError    **error)
{
  AhiDb *db = ahi_store_get_db (gen->store);
  g_autofree char *sector = NULL;
  g_autoptr(AhiBlueprint) blueprint = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GPtrArray) names = ahi_demo_names_sample (gen->rand, 8);
  sqlite3_stmt *stmt;

  stmt = ahi_db_prepare (db, "SELECT sector FROM tenant_settings", error);
  if (stmt == NULL)
    return FALSE;
  if (ahi_db_step_row (db, stmt, &local_error))
    {
      sector = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      sqlite3_reset (stmt);
    }
  if (sector == NULL)
    {
      if (local_error != NULL)
        g_propagate_error (error, g_steal_pointer (&local_error));
      else
        g_set_error (error, AHI_STORE_ERROR, AHI_STORE_ERROR_INVALID_STATE, "The store holds no business yet");
      return FALSE;
    }
  blueprint = ahi_blueprint_load (sector, error);
  if (blueprint == NULL)
    return FALSE;

  stmt = ahi_db_prepare (db,
    "SELECT resource_id FROM tenant_resources WHERE kind = ? AND deleted_at IS NULL ORDER BY name", error);
  if (stmt == NULL)
    return FALSE;
  ahi_db_bind_text (stmt, 1, ahi_blueprint_get_capacity_kind (blueprint));
  while (ahi_db_step_row (db, stmt, &local_error))
    {
      Lane lane = { g_strdup ((const char *) sqlite3_column_text (stmt, 0)), NULL };
      g_array_append_val (gen->lanes, lane);
    }
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  /* A chain-sized test tenant needs more chairs than a salon has. */
  while (gen->lanes->len < gen->spec->n_lanes)
    {
      gint64 at = gen->spec->now - (gint64) gen->spec->days_of_history * 86400;
      Lane lane = { new_id_at (at), NULL };
      const char *kind = ahi_blueprint_get_capacity_kind (blueprint);
      g_autofree char *name = g_strdup_printf ("%s %u", ahi_blueprint_lookup_resource_kind (blueprint, kind)->label,
                                               gen->lanes->len + 1);
      AhiEvent *event = add (gen, "resource.created", lane.resource_id, at);

      json_object_set_string_member (event->payload, "kind", kind);
      json_object_set_string_member (event->payload, "name", name);
      g_array_append_val (gen->lanes, lane);
    }

  for (guint i = 0; i < gen->lanes->len; i++)
    {
      Lane *lane = &g_array_index (gen->lanes, Lane, i);
      AhiEvent *event;
      JsonArray *skills = json_array_new ();

      lane->staff_id = new_id_at (gen->spec->now - gen->spec->days_of_history * 86400);
      event = add (gen, "staff.created", lane->staff_id, gen->spec->now - (gint64) gen->spec->days_of_history * 86400);
      json_object_set_string_member (ahi_event_get_pii (event), "display_name", g_ptr_array_index (names, i % names->len));
      json_object_set_string_member (event->payload, "role", "staff");
      json_array_add_string_element (skills, "specialist");
      json_object_set_array_member (event->payload, "skills", skills);
    }
  return flush (gen, error);
}

/* ----------------------------------------------------------- customers */

/* Sectors whose primary object is the vehicle: each customer brings one. */
static void
add_vehicle (Generator  *gen,
             const char *customer_id,
             gint64      created)
{
  static const char * const cities[] = { "34", "06", "35", "16", "07", NULL };
  static const guint city_weights[] = { 50, 20, 15, 10, 5 };
  static const char * const cars[] = { "Renault|Clio", "Fiat|Egea", "Toyota|Corolla", "Volkswagen|Passat",
                                       "Hyundai|i20", "Ford|Focus", NULL };
  static const guint car_weights[] = { 25, 25, 15, 10, 15, 10 };
  static const char letters[] = "ABCDEFGHJKLMNPRSTUVYZ";
  g_autofree char *vehicle_id = new_id_at (created);
  g_auto(GStrv) car = g_strsplit (pick (gen, cars, car_weights), "|", 2);
  g_autofree char *plate = g_strdup_printf ("%s %c%c%c %u", pick (gen, cities, city_weights),
                                            letters[g_rand_int_range (gen->rand, 0, sizeof letters - 1)],
                                            letters[g_rand_int_range (gen->rand, 0, sizeof letters - 1)],
                                            letters[g_rand_int_range (gen->rand, 0, sizeof letters - 1)],
                                            (guint) g_rand_int_range (gen->rand, 10, 999));
  AhiEvent *event = add (gen, "vehicle.created", vehicle_id, created);

  json_object_set_string_member (event->payload, "customer_id", customer_id);
  json_object_set_string_member (event->payload, "make", car[0]);
  json_object_set_string_member (event->payload, "model", car[1]);
  json_object_set_int_member (event->payload, "year", g_rand_int_range (gen->rand, 2010, 2025));
  json_object_set_int_member (event->payload, "km", g_rand_int_range (gen->rand, 20, 250) * 1000);
  json_object_set_string_member (ahi_event_get_pii (event), "plate", plate);
  g_hash_table_insert (gen->vehicles, g_strdup (customer_id), g_steal_pointer (&vehicle_id));
}

/* Sectors that keep treatment plans: some patients start one, and some
 * have done its first step. */
static void
add_treatment_plan (Generator  *gen,
                    const char *customer_id,
                    gint64      created)
{
  static const char * const titles[] = { "İmplant tedavisi", "Kanal tedavisi", "Ortodonti", NULL };
  static const guint title_weights[] = { 30, 50, 20 };
  gint64 at = created + g_rand_int_range (gen->rand, 1, 30) * 86400;
  g_autofree char *plan_id = new_id_at (at);
  g_autofree char *first_step = NULL;
  JsonArray *steps = json_array_new ();
  guint n_steps = g_rand_int_range (gen->rand, 2, 5);
  AhiEvent *event;

  if (at >= gen->spec->now)
    {
      json_array_unref (steps);
      return;
    }
  for (guint i = 0; i < n_steps; i++)
    {
      JsonObject *step = json_object_new ();
      g_autofree char *step_id = new_id_at (at);
      g_autofree char *label = g_strdup_printf ("%u. seans", i + 1);
      Service *service = &g_array_index (gen->services, Service, g_rand_int_range (gen->rand, 0, gen->services->len));

      if (i == 0)
        first_step = g_strdup (step_id);
      json_object_set_string_member (step, "step_id", step_id);
      json_object_set_string_member (step, "label", label);
      json_object_set_string_member (step, "service_id", service->service_id);
      json_array_add_object_element (steps, step);
    }
  event = add (gen, "treatment_plan.created", plan_id, at);
  json_object_set_string_member (event->payload, "customer_id", customer_id);
  json_object_set_string_member (event->payload, "title", pick (gen, titles, title_weights));
  json_object_set_array_member (event->payload, "steps", steps);

  if (chance (gen, 60) && at + 7 * 86400 < gen->spec->now)
    {
      event = add (gen, "treatment_plan.step.done", plan_id, at + 7 * 86400);
      json_object_set_string_member (event->payload, "step_id", first_step);
    }
}

static gboolean
make_customers (Generator  *gen,
                GError    **error)
{
  static const char * const sources[] = { "walk_in", "phone", "online", "referral", NULL };
  static const guint source_weights[] = { 30, 40, 20, 10 };
  static const char * const channels[] = { "whatsapp", "sms", NULL };
  static const guint channel_weights[] = { 70, 30 };
  g_autoptr(GPtrArray) names = ahi_demo_names_sample (gen->rand, gen->spec->n_customers);
  gint64 start = gen->spec->now - (gint64) gen->spec->days_of_history * 86400;

  for (guint i = 0; i < gen->spec->n_customers; i++)
    {
      gint64 created = start - g_rand_int_range (gen->rand, 0, 365) * 86400;
      g_autofree char *id = new_id_at (created);
      g_autofree char *phone = g_strdup_printf ("+905%02d%07u", g_rand_int_range (gen->rand, 30, 60),
                                                (guint) g_rand_int_range (gen->rand, 0, 10000000));
      AhiEvent *event = add (gen, "customer.created", id, created);
      JsonObject *pii = ahi_event_get_pii (event);

      json_object_set_string_member (event->payload, "source", pick (gen, sources, source_weights));
      json_object_set_string_member (pii, "full_name", g_ptr_array_index (names, i));
      json_object_set_string_member (pii, "phone", phone);

      if (chance (gen, 70))
        {
          g_autofree char *consent_id = new_id_at (created);

          event = add (gen, "consent.given", consent_id, created);
          json_object_set_string_member (event->payload, "customer_id", id);
          json_object_set_string_member (event->payload, "purpose", "marketing");
          json_object_set_string_member (event->payload, "channel", pick (gen, channels, channel_weights));
          json_object_set_string_member (event->payload, "source", "in_person");
          json_object_set_string_member (event->payload, "iys_state", "registered");
        }

      if (gen->vehicles != NULL)
        add_vehicle (gen, id, created);
      if (gen->with_plans && chance (gen, 15))
        add_treatment_plan (gen, id, created);

      g_ptr_array_add (gen->customers, g_steal_pointer (&id));
      gen->stats.customers++;
      if (gen->batch->len >= BATCH_EVENTS && !flush (gen, error))
        return FALSE;
    }
  return flush (gen, error);
}

/* -------------------------------------------------------- appointments */

static void
book (Generator  *gen,
      Lane       *lane,
      Service    *service,
      const char *customer_id,
      gint64      starts_at)
{
  static const char * const sources[] = { "desk", "phone", "walk_in", "online", NULL };
  static const guint source_weights[] = { 35, 40, 10, 15 };
  static const char * const methods[] = { "cash", "card", "transfer", NULL };
  static const guint method_weights[] = { 40, 55, 5 };
  static const char * const ratings[] = { "5", "4", "3", "2", "1", NULL };
  static const guint rating_weights[] = { 60, 25, 8, 4, 3 };
  gint64 ends_at = starts_at + service->duration_min * 60;
  gint64 booked_at = starts_at - g_rand_int_range (gen->rand, 1, 21) * 86400 + g_rand_int_range (gen->rand, 0, 36000);
  g_autofree char *id = new_id_at (booked_at);
  AhiEvent *event = add (gen, "appointment.created", id, booked_at);
  JsonArray *items = json_array_new ();
  JsonObject *item = json_object_new ();
  JsonArray *resources = json_array_new ();
  gboolean past = ends_at <= gen->spec->now;
  guint roll = g_rand_int_range (gen->rand, 0, 100);

  json_array_add_string_element (resources, lane->resource_id);
  json_object_set_string_member (item, "service_id", service->service_id);
  json_object_set_string_member (item, "staff_id", lane->staff_id);
  json_object_set_array_member (item, "resource_ids", resources);
  set_time (item, "starts_at", starts_at);
  set_time (item, "ends_at", ends_at);
  json_object_set_int_member (item, "price_minor", service->price_minor);
  json_array_add_object_element (items, item);

  json_object_set_string_member (event->payload, "customer_id", customer_id);
  set_time (event->payload, "starts_at", starts_at);
  set_time (event->payload, "ends_at", ends_at);
  json_object_set_array_member (event->payload, "items", items);
  if (gen->vehicles != NULL && g_hash_table_contains (gen->vehicles, customer_id))
    json_object_set_string_member (event->payload, "vehicle_id", g_hash_table_lookup (gen->vehicles, customer_id));
  json_object_set_string_member (event->payload, "source", pick (gen, sources, source_weights));
  gen->stats.appointments++;

  if (!past)
    {
      if (roll < 50 && starts_at - 86400 < gen->spec->now)
        {
          event = add (gen, "appointment.status.updated", id, MIN (gen->spec->now, starts_at - 3600));
          json_object_set_string_member (event->payload, "status", "confirmed");
        }
      return;
    }

  if (roll < 10)
    {
      /* Cancelled: a third of them on the day (late). */
      gint64 at = chance (gen, 33) ? starts_at - g_rand_int_range (gen->rand, 1, 20) * 3600
                                   : starts_at - g_rand_int_range (gen->rand, 2, 10) * 86400;
      event = add (gen, "appointment.cancelled", id, MAX (at, booked_at + 60));
      json_object_set_string_member (event->payload, "cancelled_by", chance (gen, 85) ? "customer" : "business");
      return;
    }
  if (roll < 17)
    {
      event = add (gen, "appointment.status.updated", id, ends_at);
      json_object_set_string_member (event->payload, "status", "no_show");
      return;
    }

  event = add (gen, "appointment.status.updated", id, starts_at);
  json_object_set_string_member (event->payload, "status", "arrived");
  event = add (gen, "appointment.status.updated", id, ends_at);
  json_object_set_string_member (event->payload, "status", "completed");

  {
    g_autofree char *sale_id = new_id_at (ends_at);

    event = add (gen, "revenue.event.created", sale_id, ends_at);
    json_object_set_string_member (event->payload, "kind", "sale");
    json_object_set_string_member (event->payload, "source", "appointment");
    json_object_set_string_member (event->payload, "method", pick (gen, methods, method_weights));
    json_object_set_int_member (event->payload, "amount_minor", service->price_minor);
    json_object_set_string_member (event->payload, "currency", gen->currency);
    json_object_set_int_member (event->payload, "vat_rate_bp", service->vat_rate_bp);
    set_time (event->payload, "booked_at", ends_at);
    json_object_set_string_member (event->payload, "customer_id", customer_id);
    json_object_set_string_member (event->payload, "appointment_id", id);
    json_object_set_string_member (event->payload, "staff_id", lane->staff_id);
  }

  if (chance (gen, 25))
    {
      gint64 at = ends_at + g_rand_int_range (gen->rand, 1, 48) * 3600;
      g_autofree char *review_id = new_id_at (at);

      if (at > gen->spec->now)
        return;
      event = add (gen, "review.received", review_id, at);
      json_object_set_int_member (event->payload, "rating", atoi (pick (gen, ratings, rating_weights)));
      json_object_set_string_member (event->payload, "source", chance (gen, 70) ? "google" : "internal");
      json_object_set_string_member (event->payload, "customer_id", customer_id);
      json_object_set_string_member (event->payload, "appointment_id", id);
    }
}

static gboolean
make_appointments (Generator  *gen,
                   GError    **error)
{
  gint64 today = ahi_time_local_day (gen->zone, gen->spec->now);

  for (gint64 day = today - gen->spec->days_of_history; day <= today + gen->spec->days_ahead; day++)
    {
      g_autoptr(GDateTime) date = g_date_time_new_from_unix_utc (day * 86400);
      int y = g_date_time_get_year (date), m = g_date_time_get_month (date), d = g_date_time_get_day_of_month (date);
      gint64 opens = ahi_time_from_local (gen->zone, y, m, d, 9, 0);
      gint64 closes = ahi_time_from_local (gen->zone, y, m, d, 19, 0);

      /* Sundays closed, as most of our salons and clinics are. */
      if (g_date_time_get_day_of_week (date) == 7)
        continue;

      for (guint l = 0; l < gen->lanes->len; l++)
        {
          Lane *lane = &g_array_index (gen->lanes, Lane, l);
          gint64 t = opens;

          while (t < closes)
            {
              Service *service = &g_array_index (gen->services, Service,
                                                 g_rand_int_range (gen->rand, 0, gen->services->len));
              const char *customer = g_ptr_array_index (gen->customers,
                                                        g_rand_int_range (gen->rand, 0, gen->customers->len));

              if (t + service->duration_min * 60 > closes || !chance (gen, gen->spec->occupancy_pct))
                {
                  t += SLOT_MIN * 60;
                  continue;
                }
              book (gen, lane, service, customer, t);
              /* Round up to the half hour, as a desk books. */
              t += ((service->duration_min + SLOT_MIN - 1) / SLOT_MIN) * SLOT_MIN * 60;
            }
        }
      if (gen->batch->len >= BATCH_EVENTS && !flush (gen, error))
        return FALSE;
    }
  return flush (gen, error);
}

static void
clear_service (gpointer data)
{
  g_free (((Service *) data)->service_id);
}

static void
clear_lane (gpointer data)
{
  g_free (((Lane *) data)->resource_id);
  g_free (((Lane *) data)->staff_id);
}

gboolean
ahi_generator_fill (AhiStore                *store,
                    const AhiGeneratorSpec  *spec,
                    AhiGeneratorStats       *stats,
                    GError                 **error)
{
  Generator gen = { 0 };
  gboolean ok;

  g_return_val_if_fail (AHI_IS_STORE (store), FALSE);
  g_return_val_if_fail (ahi_store_get_tenant_id (store) != NULL, FALSE);
  g_return_val_if_fail (spec->n_customers > 0, FALSE);

  gen.store = store;
  gen.spec = spec;
  gen.rand = g_rand_new_with_seed (spec->seed);
  /* Business days and sales in the tenant's own zone and currency. */
  gen.zone = ahi_tenant_timezone (ahi_store_get_db (store));
  {
    g_autoptr(GError) local_error = NULL;
    sqlite3_stmt *stmt = ahi_db_prepare (ahi_store_get_db (store), "SELECT currency FROM tenant_settings", &local_error);

    g_strlcpy (gen.currency, "TRY", sizeof gen.currency);
    if (stmt != NULL && ahi_db_step_row (ahi_store_get_db (store), stmt, &local_error))
      {
        g_strlcpy (gen.currency, (const char *) sqlite3_column_text (stmt, 0), sizeof gen.currency);
        sqlite3_reset (stmt);
      }
  }
  gen.actor = ahi_tenant_owner_id (ahi_store_get_tenant_id (store));
  gen.batch = g_ptr_array_new_with_free_func ((GDestroyNotify) ahi_event_free);
  gen.customers = g_ptr_array_new_with_free_func (g_free);
  gen.services = g_array_new (FALSE, TRUE, sizeof (Service));
  g_array_set_clear_func (gen.services, clear_service);
  gen.lanes = g_array_new (FALSE, TRUE, sizeof (Lane));
  g_array_set_clear_func (gen.lanes, clear_lane);

  /* What the sector keeps besides visits comes from its blueprint. */
  {
    g_autoptr(AhiBlueprint) blueprint = ahi_tenant_load_blueprint (ahi_store_get_db (store), error);

    if (blueprint == NULL)
      ok = FALSE;
    else
      {
        if (g_str_equal (ahi_blueprint_get_primary_object (blueprint), "vehicle_job_card"))
          gen.vehicles = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
        gen.with_plans = ahi_blueprint_has_module (blueprint, "treatment_plans");
        ok = TRUE;
      }
  }

  ok = ok && load_services (&gen, error) &&
       make_lanes (&gen, error) &&
       make_customers (&gen, error) &&
       make_appointments (&gen, error);

  if (ok && stats != NULL)
    *stats = gen.stats;

  g_rand_free (gen.rand);
  g_time_zone_unref (gen.zone);
  g_clear_pointer (&gen.vehicles, g_hash_table_unref);
  g_free (gen.actor);
  g_ptr_array_unref (gen.batch);
  g_ptr_array_unref (gen.customers);
  g_array_unref (gen.services);
  g_array_unref (gen.lanes);
  return ok;
}
