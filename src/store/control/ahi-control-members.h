/* ahi-control-members.h — the members of a business and the devices of
 * an account
 * A device belongs to an account, not to a business: it
 * signs in once and serves every business its user is a member of. A
 * device is active while it is not revoked and holds a refresh token
 * that has neither expired nor been spent: while it can still get an
 * access token without a password.
 */
#pragma once

#include "store/control/ahi-control.h"

G_BEGIN_DECLS

typedef struct {
  char    *user_id;
  char    *display_name;
  char    *email;
  char    *role;            /* owner, manager, staff */
  gint64   joined_at;       /* the membership's creation, unix seconds */
  guint    active_devices;  /* the account's, across its businesses */
  char    *staff_id;        /* the member's staff row in the tenant; NULL for
                             * a member added before memberships named it */
} AhiMember;

typedef struct {
  char    *device_id;
  gint64   first_seen_at;   /* its first sign-in */
  /* Its last sign-in or token refresh: an app in use refreshes at least
   * once per access token lifetime (AHI_ACCESS_TOKEN_TTL). */
  gint64   last_used_at;
} AhiDevice;

void         ahi_member_free               (AhiMember    *member);
void         ahi_device_free               (AhiDevice    *device);

/* The members of tenant_id: the owner, then managers, then staff, each
 * group in the order they joined. now judges which devices are active. */
GPtrArray   *ahi_control_list_members     (AhiControl  *self,
                                            const char   *tenant_id,
                                            gint64        now,
                                            GError      **error);
/* One member; NOT_FOUND when user_id is no member of tenant_id. */
AhiMember   *ahi_control_get_member       (AhiControl  *self,
                                            const char   *tenant_id,
                                            const char   *user_id,
                                            gint64        now,
                                            GError      **error);

/* A member's new role, manager or staff ("owner" is UNPROCESSABLE,
 * anything else BAD_REQUEST). No such member: NOT_FOUND. The owner's own
 * role never changes (OWNER_STAYS): a business always
 * keeps its owner. The same role again changes nothing and succeeds. */
gboolean     ahi_control_set_member_role  (AhiControl  *self,
                                            const char   *tenant_id,
                                            const char   *user_id,
                                            const char   *role,
                                            GError      **error);

/* Ends user_id's membership of tenant_id; when it was the account's last
 * business, every device of the account is revoked with its tokens, in
 * the same transaction. No such member: NOT_FOUND; the owner:
 * OWNER_STAYS. The account itself stays: the tenants'
 * logs name it as the actor of what it did. */
gboolean     ahi_control_remove_member    (AhiControl  *self,
                                            const char   *tenant_id,
                                            const char   *user_id,
                                            gint64        now,
                                            GError      **error);

/* The active devices of user_id, in the order they first signed in. */
GPtrArray   *ahi_control_list_devices     (AhiControl  *self,
                                            const char   *user_id,
                                            gint64        now,
                                            GError      **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AhiMember, ahi_member_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AhiDevice, ahi_device_free)

G_END_DECLS
