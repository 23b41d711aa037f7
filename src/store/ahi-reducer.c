/* ahi-reducer.c — applies one event to the projection tables
 *
 * One function per event type (in ahi-reducer-business.c, -people.c and
 * -visits.c), found through the table below. Partial updates use
 * coalesce (?, column): an absent member binds NULL and keeps the value.
 */
#include "store/ahi-reducer.h"

#include "store/ahi-reducer-private.h"

typedef gboolean (*ReduceFunc) (AhiDb *db, const AhiEvent *event, GError **error);


/* ------------------------------------------------------------ dispatch */

static const struct {
  const char *type;
  ReduceFunc  reduce;
} reducers[] = {
  { "tenant.created", reduce_tenant_created },
  { "tenant.settings.updated", reduce_tenant_settings_updated },
  { "blueprint.updated", reduce_blueprint_updated },
  { "compliance.profile.updated", reduce_compliance_profile_updated },
  { "automation.rule.set", reduce_automation_rule_set },
  { "business.closure.added", reduce_closure_added },
  { "business.closure.removed", reduce_closure_removed },
  { "resource.created", reduce_resource_created },
  { "resource.updated", reduce_resource_updated },
  { "resource.deleted", reduce_resource_deleted },
  { "staff.created", reduce_staff_created },
  { "staff.updated", reduce_staff_updated },
  { "staff.hours.set", reduce_staff_hours_set },
  { "staff.absence.added", reduce_staff_absence_added },
  { "staff.absence.removed", reduce_staff_absence_removed },
  { "service.created", reduce_service_created },
  { "service.updated", reduce_service_updated },
  { "customer.created", reduce_customer_created },
  { "customer.updated", reduce_customer_updated },
  { "customer.erased", reduce_customer_erased },
  { "vehicle.created", reduce_vehicle_created },
  { "vehicle.updated", reduce_vehicle_updated },
  { "treatment_plan.created", reduce_treatment_plan_created },
  { "treatment_plan.step.done", reduce_treatment_plan_step_done },
  { "appointment.created", reduce_appointment_created },
  { "appointment.moved", reduce_appointment_moved },
  { "appointment.cancelled", reduce_appointment_cancelled },
  { "appointment.status.updated", reduce_appointment_status_updated },
  { "crm.note.created", reduce_note_created },
  { "reminder.created", reduce_reminder_created },
  { "reminder.sent", reduce_reminder_sent },
  { "reminder.completed", reduce_reminder_completed },
  { "review.received", reduce_review_received },
  { "ops.alert.raised", reduce_ops_alert_raised },
  { "ops.alert.resolved", reduce_ops_alert_resolved },
  { "waitlist.entry.added", reduce_waitlist_added },
  { "waitlist.entry.removed", reduce_waitlist_removed },
  { "consent.given", reduce_consent_given },
  { "consent.withdrawn", reduce_consent_withdrawn },
  { "consent.iys.updated", reduce_consent_iys_updated },
  { "revenue.event.created", reduce_revenue_created },
  { "automation.reactivation.queued", reduce_reactivation_queued },
  { "cash.reconciled", reduce_cash_reconciled },
};

static ReduceFunc
find_reducer (const char *type)
{
  for (guint i = 0; i < G_N_ELEMENTS (reducers); i++)
    if (g_str_equal (reducers[i].type, type))
      return reducers[i].reduce;
  return NULL;
}

gboolean
ahi_reducer_apply (AhiDb           *db,
                   const AhiEvent  *event,
                   GError         **error)
{
  ReduceFunc reduce;

  g_return_val_if_fail (db != NULL, FALSE);
  g_return_val_if_fail (event != NULL, FALSE);

  reduce = find_reducer (event->type);
  if (reduce == NULL)
    {
      /* The catalogue and this table must list the same types; a test
       * checks it, so this is a programming error. */
      g_critical ("No reducer for event type %s", event->type);
      g_set_error (error, AHI_STORE_ERROR, AHI_STORE_ERROR_INVALID_STATE,
                   "No reducer for event type %s", event->type);
      return FALSE;
    }
  return reduce (db, event, error);
}

char *
ahi_reducer_pii_subject (AhiDb           *db,
                         const AhiEvent  *event,
                         GError         **error)
{
  const char *customer_id;

  if (event->pii == NULL)
    return NULL;

  /* Customers and staff members are the people whose data we hold. */
  if (g_str_equal (event->entity, "customer") || g_str_equal (event->entity, "staff"))
    return g_strdup (event->entity_id);

  customer_id = member_string (event->payload, "customer_id");
  if (customer_id != NULL)
    return g_strdup (customer_id);

  if (g_str_equal (event->type, "vehicle.updated"))
    {
      sqlite3_stmt *stmt = ahi_db_prepare (db, "SELECT customer_id FROM vehicles WHERE vehicle_id = ?", error);
      g_autoptr(GError) local_error = NULL;
      char *owner = NULL;

      if (stmt == NULL)
        return NULL;
      ahi_db_bind_text (stmt, 1, event->entity_id);
      if (ahi_db_step_row (db, stmt, &local_error))
        {
          owner = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
          sqlite3_reset (stmt);
        }
      if (local_error != NULL)
        g_propagate_error (error, g_steal_pointer (&local_error));
      else if (owner == NULL)
        g_set_error (error, AHI_STORE_ERROR, AHI_STORE_ERROR_NOT_FOUND,
                     "%s: no vehicle with id %s", event->type, event->entity_id);
      return owner;
    }

  /* A review without a known customer: its comment is about nobody we
   * hold, so it is keyed by the review itself. */
  return g_strdup (event->entity_id);
}
