/* ahi-customer-query.c — reading customers and what hangs off them */
#include "store/query/ahi-customer-query.h"

#include "store/ahi-db-rows.h"

#define CUSTOMER_COLUMNS \
  "customer_id, full_name, phone, email, birth_date, city, source, tags, created_at, updated_at," \
  " coalesce (erased_at, 0), completed_visits, no_shows, coalesce (last_completed_at, 0)," \
  " coalesce (next_start_at, 0)"

#define VEHICLE_COLUMNS \
  "vehicle_id, customer_id, plate, make, model, coalesce (year, 0), coalesce (km, -1), created_at, updated_at"

#define PLAN_COLUMNS \
  "plan_id, customer_id, title, total_steps, done_steps, created_at, updated_at"

#define NOTE_COLUMNS \
  "note_id, customer_id, kind, text, created_by, created_at"

/* ---------------------------------------------------------------- free */

void
ahi_customer_free (AhiCustomer *customer)
{
  if (customer == NULL)
    return;
  g_free (customer->customer_id);
  g_free (customer->full_name);
  g_free (customer->phone);
  g_free (customer->email);
  g_free (customer->birth_date);
  g_free (customer->city);
  g_free (customer->source);
  g_strfreev (customer->tags);
  g_free (customer);
}

void
ahi_vehicle_free (AhiVehicle *vehicle)
{
  if (vehicle == NULL)
    return;
  g_free (vehicle->vehicle_id);
  g_free (vehicle->customer_id);
  g_free (vehicle->plate);
  g_free (vehicle->make);
  g_free (vehicle->model);
  g_free (vehicle);
}

void
ahi_plan_step_free (AhiPlanStep *step)
{
  if (step == NULL)
    return;
  g_free (step->step_id);
  g_free (step->label);
  g_free (step->service_id);
  g_free (step->appointment_id);
  g_free (step);
}

void
ahi_treatment_plan_free (AhiTreatmentPlan *plan)
{
  if (plan == NULL)
    return;
  g_free (plan->plan_id);
  g_free (plan->customer_id);
  g_free (plan->title);
  g_clear_pointer (&plan->steps, g_ptr_array_unref);
  g_free (plan);
}

void
ahi_note_free (AhiNote *note)
{
  if (note == NULL)
    return;
  g_free (note->note_id);
  g_free (note->customer_id);
  g_free (note->kind);
  g_free (note->text);
  g_free (note->created_by);
  g_free (note);
}

/* ----------------------------------------------------------- row reads */

static gpointer
read_customer (sqlite3_stmt *stmt)
{
  AhiCustomer *customer = g_new0 (AhiCustomer, 1);

  customer->customer_id = ahi_db_column_dup (stmt, 0);
  customer->full_name = ahi_db_column_dup (stmt, 1);
  customer->phone = ahi_db_column_dup (stmt, 2);
  customer->email = ahi_db_column_dup (stmt, 3);
  customer->birth_date = ahi_db_column_dup (stmt, 4);
  customer->city = ahi_db_column_dup (stmt, 5);
  customer->source = ahi_db_column_dup (stmt, 6);
  customer->tags = ahi_db_column_strv (stmt, 7);
  customer->created_at = sqlite3_column_int64 (stmt, 8);
  customer->updated_at = sqlite3_column_int64 (stmt, 9);
  customer->erased_at = sqlite3_column_int64 (stmt, 10);
  customer->completed_visits = sqlite3_column_int64 (stmt, 11);
  customer->no_shows = sqlite3_column_int64 (stmt, 12);
  customer->last_completed_at = sqlite3_column_int64 (stmt, 13);
  customer->next_start_at = sqlite3_column_int64 (stmt, 14);
  return customer;
}

static gpointer
read_vehicle (sqlite3_stmt *stmt)
{
  AhiVehicle *vehicle = g_new0 (AhiVehicle, 1);

  vehicle->vehicle_id = ahi_db_column_dup (stmt, 0);
  vehicle->customer_id = ahi_db_column_dup (stmt, 1);
  vehicle->plate = ahi_db_column_dup (stmt, 2);
  vehicle->make = ahi_db_column_dup (stmt, 3);
  vehicle->model = ahi_db_column_dup (stmt, 4);
  vehicle->year = sqlite3_column_int64 (stmt, 5);
  vehicle->km = sqlite3_column_int64 (stmt, 6);
  vehicle->created_at = sqlite3_column_int64 (stmt, 7);
  vehicle->updated_at = sqlite3_column_int64 (stmt, 8);
  return vehicle;
}

static gpointer
read_plan_step (sqlite3_stmt *stmt)
{
  AhiPlanStep *step = g_new0 (AhiPlanStep, 1);

  step->step_id = ahi_db_column_dup (stmt, 0);
  step->position = sqlite3_column_int (stmt, 1);
  step->label = ahi_db_column_dup (stmt, 2);
  step->service_id = ahi_db_column_dup (stmt, 3);
  step->done_at = sqlite3_column_int64 (stmt, 4);
  step->appointment_id = ahi_db_column_dup (stmt, 5);
  return step;
}

static gpointer
read_plan (sqlite3_stmt *stmt)
{
  AhiTreatmentPlan *plan = g_new0 (AhiTreatmentPlan, 1);

  plan->plan_id = ahi_db_column_dup (stmt, 0);
  plan->customer_id = ahi_db_column_dup (stmt, 1);
  plan->title = ahi_db_column_dup (stmt, 2);
  plan->total_steps = sqlite3_column_int (stmt, 3);
  plan->done_steps = sqlite3_column_int (stmt, 4);
  plan->created_at = sqlite3_column_int64 (stmt, 5);
  plan->updated_at = sqlite3_column_int64 (stmt, 6);
  return plan;
}

static gpointer
read_note (sqlite3_stmt *stmt)
{
  AhiNote *note = g_new0 (AhiNote, 1);

  note->note_id = ahi_db_column_dup (stmt, 0);
  note->customer_id = ahi_db_column_dup (stmt, 1);
  note->kind = ahi_db_column_dup (stmt, 2);
  note->text = ahi_db_column_dup (stmt, 3);
  note->created_by = ahi_db_column_dup (stmt, 4);
  note->created_at = sqlite3_column_int64 (stmt, 5);
  return note;
}

/* ----------------------------------------------------------- customers */

AhiCustomer *
ahi_customer_query_get (AhiDb       *db,
                        const char  *customer_id,
                        GError     **error)
{
  g_return_val_if_fail (db != NULL, NULL);
  g_return_val_if_fail (customer_id != NULL, NULL);

  return ahi_db_read_one (db, "SELECT " CUSTOMER_COLUMNS " FROM customers WHERE customer_id = ?1", customer_id,
                          read_customer, "customer", error);
}

GPtrArray *
ahi_customer_query_list (AhiDb       *db,
                         const char  *after,
                         guint        limit,
                         gboolean    *out_has_more,
                         GError     **error)
{
  /* One row more than asked tells whether another page follows. The
   * primary key's index serves both the cursor and the order. */
  sqlite3_stmt *stmt = ahi_db_prepare (db,
    "SELECT " CUSTOMER_COLUMNS " FROM customers"
    " WHERE customer_id > ?1 AND erased_at IS NULL ORDER BY customer_id LIMIT ?2", error);
  GPtrArray *rows;

  g_return_val_if_fail (db != NULL, NULL);
  g_return_val_if_fail (limit > 0, NULL);

  if (stmt == NULL)
    return NULL;
  ahi_db_bind_text (stmt, 1, after != NULL ? after : "");
  sqlite3_bind_int64 (stmt, 2, (gint64) limit + 1);
  rows = ahi_db_read_rows (db, stmt, read_customer, (GDestroyNotify) ahi_customer_free, error);
  if (rows == NULL)
    return NULL;
  if (out_has_more != NULL)
    *out_has_more = rows->len > limit;
  if (rows->len > limit)
    g_ptr_array_set_size (rows, limit);
  return rows;
}

/* ------------------------------------------------------------ vehicles */

GPtrArray *
ahi_vehicle_query_of (AhiDb       *db,
                      const char  *customer_id,
                      GError     **error)
{
  sqlite3_stmt *stmt = ahi_db_prepare (db,
    "SELECT " VEHICLE_COLUMNS " FROM vehicles WHERE customer_id = ?1 ORDER BY created_at, vehicle_id", error);

  g_return_val_if_fail (customer_id != NULL, NULL);

  if (stmt == NULL)
    return NULL;
  ahi_db_bind_text (stmt, 1, customer_id);
  return ahi_db_read_rows (db, stmt, read_vehicle, (GDestroyNotify) ahi_vehicle_free, error);
}

AhiVehicle *
ahi_vehicle_query_get (AhiDb       *db,
                       const char  *vehicle_id,
                       GError     **error)
{
  g_return_val_if_fail (vehicle_id != NULL, NULL);

  return ahi_db_read_one (db, "SELECT " VEHICLE_COLUMNS " FROM vehicles WHERE vehicle_id = ?1", vehicle_id,
                          read_vehicle, "vehicle", error);
}

/* ----------------------------------------------------- treatment plans */

static gboolean
read_steps (AhiDb             *db,
            AhiTreatmentPlan  *plan,
            GError           **error)
{
  sqlite3_stmt *stmt = ahi_db_prepare (db,
    "SELECT step_id, position, label, service_id, coalesce (done_at, 0), appointment_id"
    " FROM treatment_plan_steps WHERE plan_id = ?1 ORDER BY position", error);

  if (stmt == NULL)
    return FALSE;
  ahi_db_bind_text (stmt, 1, plan->plan_id);
  plan->steps = ahi_db_read_rows (db, stmt, read_plan_step, (GDestroyNotify) ahi_plan_step_free, error);
  return plan->steps != NULL;
}

GPtrArray *
ahi_treatment_plan_query_of (AhiDb       *db,
                             const char  *customer_id,
                             GError     **error)
{
  sqlite3_stmt *stmt = ahi_db_prepare (db,
    "SELECT " PLAN_COLUMNS " FROM treatment_plans WHERE customer_id = ?1 ORDER BY created_at, plan_id", error);
  g_autoptr(GPtrArray) plans = NULL;
  gboolean owned = FALSE;

  g_return_val_if_fail (customer_id != NULL, NULL);

  if (stmt == NULL)
    return NULL;
  /* Plans and their steps from one snapshot: a step marked done between
   * two statements must not show in one and not the other. */
  if (!ahi_db_snapshot_begin (db, &owned, error))
    return NULL;
  ahi_db_bind_text (stmt, 1, customer_id);
  plans = ahi_db_read_rows (db, stmt, read_plan, (GDestroyNotify) ahi_treatment_plan_free, error);
  for (guint i = 0; plans != NULL && i < plans->len; i++)
    if (!read_steps (db, g_ptr_array_index (plans, i), error))
      g_clear_pointer (&plans, g_ptr_array_unref);
  ahi_db_snapshot_end (db, owned);
  return g_steal_pointer (&plans);
}

AhiTreatmentPlan *
ahi_treatment_plan_query_get (AhiDb       *db,
                              const char  *plan_id,
                              GError     **error)
{
  g_autoptr(AhiTreatmentPlan) plan = NULL;
  gboolean owned = FALSE;

  g_return_val_if_fail (plan_id != NULL, NULL);

  if (!ahi_db_snapshot_begin (db, &owned, error))
    return NULL;
  plan = ahi_db_read_one (db, "SELECT " PLAN_COLUMNS " FROM treatment_plans WHERE plan_id = ?1", plan_id,
                          read_plan, "treatment plan", error);
  if (plan != NULL && !read_steps (db, plan, error))
    g_clear_pointer (&plan, ahi_treatment_plan_free);
  ahi_db_snapshot_end (db, owned);
  return g_steal_pointer (&plan);
}

/* --------------------------------------------------------------- notes */

GPtrArray *
ahi_note_query_of (AhiDb       *db,
                   const char  *customer_id,
                   gboolean     with_health,
                   GError     **error)
{
  sqlite3_stmt *stmt = ahi_db_prepare (db,
    "SELECT " NOTE_COLUMNS " FROM notes WHERE customer_id = ?1 AND (?2 OR kind <> 'health')"
    " ORDER BY created_at, note_id", error);

  g_return_val_if_fail (customer_id != NULL, NULL);

  if (stmt == NULL)
    return NULL;
  ahi_db_bind_text (stmt, 1, customer_id);
  sqlite3_bind_int (stmt, 2, with_health ? 1 : 0);
  return ahi_db_read_rows (db, stmt, read_note, (GDestroyNotify) ahi_note_free, error);
}

AhiNote *
ahi_note_query_get (AhiDb       *db,
                    const char  *note_id,
                    GError     **error)
{
  g_return_val_if_fail (note_id != NULL, NULL);

  return ahi_db_read_one (db, "SELECT " NOTE_COLUMNS " FROM notes WHERE note_id = ?1", note_id,
                          read_note, "note", error);
}
