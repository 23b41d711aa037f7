/* ahi-sync-rights.c — the write table, checked on every server append */
#include "store/sync/ahi-sync-rights.h"

#include "core/ahi-access.h"
#include "store/ahi-tenant-bootstrap.h"
#include "store/sync/ahi-sync-server.h"

gboolean
ahi_sync_check_rights (AhiStore        *store,
                       const AhiEvent  *event,
                       gpointer         data,
                       GError         **error)
{
  g_autofree char *actor_row_role = NULL;
  g_autofree char *target_role = NULL;
  g_autofree char *owner_staff = NULL;
  AhiWriteContext context = { .role = event->actor_role };

  if (!ahi_sync_staff_role (store, event->actor_user_id, &actor_row_role, error))
    return FALSE;
  if (actor_row_role != NULL)
    context.actor_staff_id = event->actor_user_id;
  else if (g_str_equal (event->actor_role, "owner"))
    context.actor_staff_id = owner_staff = ahi_tenant_owner_id (event->tenant_id);

  if (g_str_has_prefix (event->type, "staff.") &&
      !ahi_sync_staff_role (store, event->entity_id, &target_role, error))
    return FALSE;
  context.target_role = target_role;
  return ahi_access_check_write (event, &context, error);
}
