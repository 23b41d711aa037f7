/* ahi-push-actors.c — who may act for a pushed event (DESIGN §4 Identity)
 *
 * An event is acted by the token's own user (by account id, or by the
 * staff row linked to that account); or, on a device an owner or manager
 * registered as a desk device, by any member of the business — the shared
 * front desk where people switch with a PIN — or by a desk colleague who
 * has a staff row but no account. Each acts in the role the server holds
 * for them: the membership's for a member, the staff row's for a desk
 * colleague. Anything else is "wrong_actor".
 */
#include "ahi-push-actors.h"

#include "ahi-server.h"
#include "store/control/ahi-control-error.h"
#include "store/control/ahi-control-members.h"

/* ------------------------------------------------------------- helpers */

static gboolean
refuse (const AhiEvent  *event,
        const char     **out_code,
        char           **out_message,
        const char      *why)
{
  *out_code = "wrong_actor";
  *out_message = g_strdup_printf ("Event %s is acted by %s, %s", event->event_id, event->actor_user_id, why);
  return TRUE;
}

/* The member an actor id names in tenant: an account that is a member,
 * or the staff row linked to one (ahi_control_member_for_staff). Not a
 * member: user stays NULL. */
static gboolean
member_of_actor (AhiControl   *control,
                 const char   *tenant_id,
                 const char   *actor_id,
                 char        **out_user,
                 char        **out_role,
                 char        **out_staff,
                 GError      **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(AhiMember) member = ahi_control_get_member (control, tenant_id, actor_id, 0, &local_error);

  if (member != NULL)
    {
      *out_user = g_strdup (member->user_id);
      *out_role = g_strdup (member->role);
      *out_staff = g_strdup (member->staff_id);
      return TRUE;
    }
  if (!g_error_matches (local_error, AHI_CONTROL_ERROR, AHI_CONTROL_ERROR_NOT_FOUND))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  g_clear_error (&local_error);
  if (ahi_control_member_for_staff (control, tenant_id, actor_id, out_user, out_role, &local_error))
    {
      *out_staff = g_strdup (actor_id);
      return TRUE;
    }
  if (!g_error_matches (local_error, AHI_CONTROL_ERROR, AHI_CONTROL_ERROR_NOT_FOUND))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  return TRUE;
}

static gboolean
staff_of_account (const char  *account_id,
                  char       **out_staff_id,
                  gpointer     data,
                  GError     **error)
{
  AhiTenantPeople *people = data;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(AhiMember) member = ahi_control_get_member (people->control, people->tenant_id, account_id, 0,
                                                         &local_error);

  *out_staff_id = NULL;
  if (member != NULL)
    {
      *out_staff_id = g_strdup (member->staff_id);
      return TRUE;
    }
  if (g_error_matches (local_error, AHI_CONTROL_ERROR, AHI_CONTROL_ERROR_NOT_FOUND))
    return TRUE;
  g_propagate_error (error, g_steal_pointer (&local_error));
  return FALSE;
}

/* The membership role of the account staff_id is linked to, or NULL. */
static gboolean
member_role_of_row (const char  *staff_id,
                    char       **out_role,
                    gpointer     data,
                    GError     **error)
{
  AhiTenantPeople *people = data;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *user = NULL;

  *out_role = NULL;
  if (ahi_control_member_for_staff (people->control, people->tenant_id, staff_id, &user, out_role, &local_error) ||
      g_error_matches (local_error, AHI_CONTROL_ERROR, AHI_CONTROL_ERROR_NOT_FOUND))
    return TRUE;
  g_propagate_error (error, g_steal_pointer (&local_error));
  return FALSE;
}

/* ---------------------------------------------------------- public API */

AhiSyncPeople
ahi_tenant_people_hooks (AhiTenantPeople *people)
{
  return (AhiSyncPeople) { staff_of_account, member_role_of_row, people };
}

gboolean
ahi_push_actors_resolve (AhiStore        *store,
                         const AhiEvent  *event,
                         AhiSyncActor    *out_actor,
                         const char     **out_code,
                         char           **out_message,
                         gpointer         data,
                         GError         **error)
{
  AhiPushActors *self = data;
  AhiRequest *request = self->request;
  AhiControl *control = ahi_server_get_control (request->server);
  g_autofree char *member_user = NULL;
  g_autofree char *member_role = NULL;
  g_autofree char *member_staff = NULL;
  g_autofree char *row_role = NULL;

  /* Is the actor a member (by account id or by the staff row linked to
   * one)? */
  if (!member_of_actor (control, request->tenant_id, event->actor_user_id,
                                     &member_user, &member_role, &member_staff, error))
    return FALSE;

  if (member_user != NULL)
    {
      if (g_strcmp0 (member_user, request->user_id) != 0 && !self->desk)
        return refuse (event, out_code, out_message,
                       "another member: only a desk device carries its members' events");
      out_actor->role = g_steal_pointer (&member_role);
    }
  else
    {
      if (!ahi_sync_staff_role (store, event->actor_user_id, &row_role, error))
        return FALSE;
      if (row_role == NULL)
        return refuse (event, out_code, out_message, "who is neither a member nor a staff member of this business");
      if (!self->desk)
        return refuse (event, out_code, out_message,
                       "a colleague without an account: only a desk device carries their events");
      out_actor->role = g_steal_pointer (&row_role);
    }
  return TRUE;
}
