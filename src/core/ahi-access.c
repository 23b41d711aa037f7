/* ahi-access.c — who may write and read what
 *
 * The write table mirrors the catalogue entry for entry (a test holds
 * them together): a new event type cannot be appended by anyone until it
 * has its row here.
 */
#include "ahi-access.h"

#include "core/ahi-core-error.h"

#define PEOPLE   AHI_ROLES_PEOPLE
#define MANAGERS AHI_ROLES_MANAGERS
#define OWNER    AHI_ROLE_OWNER
#define SYSTEM   AHI_ROLE_SYSTEM

static const AhiWriteRight write_table[] = {
  { "tenant.created", OWNER, 0, "the owner, once, when the business is made (offline or at sign-up)" },
  { "tenant.settings.updated", MANAGERS, 0, "name, opening hours, booking rules" },
  { "blueprint.updated", OWNER, 0, "the sector re-shapes the whole panel" },
  { "compliance.profile.updated", OWNER, 0, "turning healthcare mode off would open health notes to everyone" },
  { "automation.rule.set", MANAGERS, 0, NULL },
  { "business.closure.added", MANAGERS, 0, NULL },
  { "business.closure.removed", MANAGERS, 0, NULL },
  { "resource.created", MANAGERS, 0, NULL },
  { "resource.updated", MANAGERS, 0, NULL },
  { "resource.deleted", MANAGERS, 0, NULL },
  { "staff.created", MANAGERS, AHI_WRITE_ROLE_GRANT, "only owners give the owner or manager role" },
  { "staff.updated", PEOPLE, AHI_WRITE_ROLE_GRANT | AHI_WRITE_STAFF_SELF,
    "staff change their own name and PIN; managers change staff rows; a member's role only through the membership routes" },
  { "staff.hours.set", MANAGERS, 0, NULL },
  { "staff.absence.added", PEOPLE, AHI_WRITE_STAFF_SELF, "staff record their own breaks and leave" },
  { "staff.absence.removed", MANAGERS, 0, NULL },
  { "service.created", MANAGERS, 0, NULL },
  { "service.updated", MANAGERS, 0, NULL },
  { "customer.created", PEOPLE, 0, NULL },
  { "customer.updated", PEOPLE, 0, NULL },
  { "customer.erased", MANAGERS, 0, "KVKK erasure cannot be undone" },
  { "vehicle.created", PEOPLE, 0, NULL },
  { "vehicle.updated", PEOPLE, 0, NULL },
  { "treatment_plan.created", MANAGERS, 0, NULL },
  { "treatment_plan.step.done", PEOPLE, 0, NULL },
  { "appointment.created", PEOPLE, 0, NULL },
  { "appointment.moved", PEOPLE, 0, NULL },
  { "appointment.cancelled", PEOPLE, 0, NULL },
  { "appointment.status.updated", PEOPLE, 0, NULL },
  { "crm.note.created", PEOPLE, AHI_WRITE_HEALTH_NOTE, "in healthcare mode, health notes by those who may read them" },
  { "reminder.created", PEOPLE, 0, NULL },
  { "reminder.sent", SYSTEM, 0, "the dispatcher's outcome: the server alone" },
  { "reminder.completed", PEOPLE | SYSTEM, 0, NULL },
  { "review.received", MANAGERS | SYSTEM, 0, NULL },
  { "ops.alert.raised", PEOPLE | SYSTEM, 0, NULL },
  { "ops.alert.resolved", PEOPLE, 0, NULL },
  { "waitlist.entry.added", PEOPLE, 0, NULL },
  { "waitlist.entry.removed", PEOPLE, 0, NULL },
  { "consent.given", PEOPLE, 0, NULL },
  { "consent.withdrawn", PEOPLE, 0, NULL },
  { "consent.iys.updated", MANAGERS | SYSTEM, 0, "İYS registration state" },
  { "revenue.event.created", PEOPLE, AHI_WRITE_STAFF_TAKINGS, "staff record sales, deposits and no-show fees, not refunds or adjustments" },
  { "automation.reactivation.queued", MANAGERS | SYSTEM, 0, "a campaign spends the contact cap of many customers" },
  { "cash.reconciled", PEOPLE, 0, "the receptionist counts the till" },
};

/* ------------------------------------------------------------- helpers */

static gboolean
forbid (GError     **error,
        const char  *format,
        ...) G_GNUC_PRINTF (2, 3);

static gboolean
forbid (GError     **error,
        const char  *format,
        ...)
{
  va_list args;

  if (error == NULL)
    return FALSE;
  g_return_val_if_fail (*error == NULL, FALSE);
  va_start (args, format);
  *error = g_error_new_valist (AHI_CORE_ERROR, AHI_CORE_ERROR_FORBIDDEN, format, args);
  va_end (args);
  return FALSE;
}

static const char *
payload_string (const AhiEvent *event,
                const char     *name)
{
  JsonNode *node = json_object_get_member (event->payload, name);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

/* The staff row a staff.* event is about. */
static const char *
staff_row_of (const AhiEvent *event)
{
  if (g_str_equal (event->type, "staff.absence.added"))
    return payload_string (event, "staff_id");
  return event->entity_id;
}

static gboolean
check_takings (const AhiEvent  *event,
               AhiRole          role,
               GError         **error)
{
  const char *kind = payload_string (event, "kind");

  JsonNode *amount = json_object_get_member (event->payload, "amount_minor");

  if (role != AHI_ROLE_STAFF)
    return TRUE;
  if (g_strcmp0 (kind, "sale") == 0 || g_strcmp0 (kind, "deposit") == 0 || g_strcmp0 (kind, "no_show_fee") == 0)
    {
      /* Money out of the till written as a negative sale is a refund by
       * another name. */
      if (amount == NULL || !JSON_NODE_HOLDS_VALUE (amount) || json_node_get_int (amount) <= 0)
        return forbid (error, "Staff record money coming in: an amount above zero");
      return TRUE;
    }
  return forbid (error, "Staff record sales, deposits and no-show fees; a %s is for an owner or a manager",
                 kind != NULL ? kind : "ledger line");
}

static gboolean
check_self (const AhiEvent         *event,
            const AhiWriteContext  *context,
            AhiRole                 role,
            GError                **error)
{
  if (role != AHI_ROLE_STAFF)
    return TRUE;
  if (context->actor_staff_id == NULL || g_strcmp0 (staff_row_of (event), context->actor_staff_id) != 0)
    return forbid (error, "Staff change their own staff record only");
  if (g_str_equal (event->type, "staff.updated"))
    {
      /* Name and PIN live in the pii; the payload holds role, skills and
       * whether they still work here: a manager's business. */
      if (json_object_get_size (event->payload) > 0)
        return forbid (error, "Staff change their own name and PIN only");
    }
  return TRUE;
}

static gboolean
check_role_grant (const AhiEvent         *event,
                  const AhiWriteContext  *context,
                  AhiRole                 role,
                  GError                **error)
{
  const char *granted = payload_string (event, "role");
  gboolean is_update = g_str_equal (event->type, "staff.updated");

  if (is_update && granted != NULL && context->target_member_role != NULL &&
      !g_str_equal (granted, context->target_member_role))
    return forbid (error, "A member's role changes through the owner's membership routes, not through an event");
  if (granted != NULL && !g_str_equal (granted, "staff") && role != AHI_ROLE_OWNER)
    return forbid (error, "Only an owner gives the %s role", granted);
  /* A manager who could change an owner's or a manager's row (PIN, name,
   * leaving) could act as them. */
  if (is_update && role == AHI_ROLE_MANAGER && context->target_role != NULL &&
      !g_str_equal (context->target_role, "staff") &&
      g_strcmp0 (staff_row_of (event), context->actor_staff_id) != 0)
    return forbid (error, "A manager changes staff members' records only");
  return TRUE;
}

/* ---------------------------------------------------------- public API */

AhiRole
ahi_role_from_string (const char *role)
{
  if (g_strcmp0 (role, "owner") == 0)
    return AHI_ROLE_OWNER;
  if (g_strcmp0 (role, "manager") == 0)
    return AHI_ROLE_MANAGER;
  if (g_strcmp0 (role, "staff") == 0)
    return AHI_ROLE_STAFF;
  if (g_strcmp0 (role, "system") == 0)
    return AHI_ROLE_SYSTEM;
  return AHI_ROLE_NONE;
}

const char *
ahi_role_to_string (AhiRole role)
{
  switch (role)
    {
    case AHI_ROLE_OWNER: return "owner";
    case AHI_ROLE_MANAGER: return "manager";
    case AHI_ROLE_STAFF: return "staff";
    case AHI_ROLE_SYSTEM: return "system";
    case AHI_ROLE_NONE:
    default: return NULL;
    }
}

const AhiWriteRight *
ahi_access_write_table (guint *n_rights)
{
  if (n_rights != NULL)
    *n_rights = G_N_ELEMENTS (write_table);
  return write_table;
}

const AhiWriteRight *
ahi_access_write_lookup (const char *type)
{
  g_return_val_if_fail (type != NULL, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (write_table); i++)
    if (g_str_equal (write_table[i].type, type))
      return &write_table[i];
  return NULL;
}

gboolean
ahi_access_role_may_append (const char *type,
                            const char *role)
{
  const AhiWriteRight *right;

  g_return_val_if_fail (type != NULL, FALSE);

  right = ahi_access_write_lookup (type);
  return right != NULL && (right->roles & ahi_role_from_string (role)) != 0;
}

static gboolean
check_health_note (const AhiEvent         *event,
                   const AhiWriteContext  *context,
                   GError                **error)
{
  AhiReadScope scope = ahi_access_read_scope (context->role);

  if (!context->healthcare_mode || scope.health_notes || g_strcmp0 (payload_string (event, "kind"), "health") != 0)
    return TRUE;
  return forbid (error, "The %s role may not read health notes, so it does not write them", context->role);
}

gboolean
ahi_access_check_write (const AhiEvent         *event,
                        const AhiWriteContext  *context,
                        GError                **error)
{
  const AhiWriteRight *right;
  AhiRole role;

  g_return_val_if_fail (event != NULL, FALSE);
  g_return_val_if_fail (context != NULL, FALSE);

  role = ahi_role_from_string (context->role);
  right = ahi_access_write_lookup (event->type);
  if (right == NULL || role == AHI_ROLE_NONE)
    return forbid (error, "Nobody may append %s events", event->type);
  if ((right->roles & role) == 0)
    return forbid (error, "The %s role may not append %s events", context->role, event->type);
  if ((right->conditions & AHI_WRITE_STAFF_TAKINGS) && !check_takings (event, role, error))
    return FALSE;
  if ((right->conditions & AHI_WRITE_STAFF_SELF) && !check_self (event, context, role, error))
    return FALSE;
  if ((right->conditions & AHI_WRITE_ROLE_GRANT) && !check_role_grant (event, context, role, error))
    return FALSE;
  if ((right->conditions & AHI_WRITE_HEALTH_NOTE) && !check_health_note (event, context, error))
    return FALSE;
  return TRUE;
}

AhiReadScope
ahi_access_read_scope (const char *role)
{
  switch (ahi_role_from_string (role))
    {
    case AHI_ROLE_OWNER:
    case AHI_ROLE_MANAGER:
    case AHI_ROLE_SYSTEM:
      return (AhiReadScope) { .health_notes = TRUE, .revenue_history = TRUE, .revenue_summaries = TRUE };
    case AHI_ROLE_STAFF:
      return (AhiReadScope) { .health_notes = FALSE, .revenue_history = FALSE, .revenue_summaries = FALSE };
    case AHI_ROLE_NONE:
    default:
      return (AhiReadScope) { 0 };
    }
}

AhiReadScope
ahi_access_read_scope_union (AhiReadScope a,
                             AhiReadScope b)
{
  return (AhiReadScope) {
    .health_notes = a.health_notes || b.health_notes,
    .revenue_history = a.revenue_history || b.revenue_history,
    .revenue_summaries = a.revenue_summaries || b.revenue_summaries,
  };
}
