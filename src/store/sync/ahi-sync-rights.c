/* ahi-sync-rights.c — the write table, checked on every server append */
#include "store/sync/ahi-sync-rights.h"

#include "core/ahi-access.h"
#include "store/ahi-health-audit.h"
#include "store/sync/ahi-sync-server.h"

gboolean
ahi_sync_check_rights (AhiStore             *store,
                       const AhiEvent       *event,
                       const AhiSyncPeople  *people,
                       GError              **error)
{
  g_autofree char *actor_row_role = NULL;
  g_autofree char *actor_staff = NULL;
  g_autofree char *target_role = NULL;
  g_autofree char *target_member_role = NULL;
  AhiWriteContext context = { .role = event->actor_role };

  if (!ahi_sync_staff_role (store, event->actor_user_id, &actor_row_role, error))
    return FALSE;
  if (actor_row_role != NULL)
    context.actor_staff_id = event->actor_user_id;
  else if (people != NULL)
    {
      if (!people->staff_of_account (event->actor_user_id, &actor_staff, people->data, error))
        return FALSE;
      context.actor_staff_id = actor_staff;
    }

  if (g_str_has_prefix (event->type, "staff."))
    {
      if (!ahi_sync_staff_role (store, event->entity_id, &target_role, error))
        return FALSE;
      if (people != NULL && !people->member_role_of_row (event->entity_id, &target_member_role, people->data, error))
        return FALSE;
      context.target_member_role = target_member_role;
    }
  context.target_role = target_role;
  context.healthcare_mode = ahi_health_audit_enabled (ahi_store_get_db (store));
  return ahi_access_check_write (event, &context, error);
}
