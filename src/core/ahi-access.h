/* ahi-access.h — who may write and read what (DESIGN §5a)
 *
 * Two tables, one each way, read by every place that decides:
 *
 * - writes: event type → the roles that may append it, and the
 *   conditions that narrow it (staff record sales but not refunds; a role
 *   is granted by owners only; staff change their own row only). The
 *   server's push check, every REST write and the app (which hides what
 *   the person at the desk may not do) ask ahi_access_check_write() or
 *   ahi_access_role_may_append().
 * - reads: per role, what it may read (health notes in healthcare mode,
 *   staff PIN hashes, revenue).
 *
 * The role is always the server's (the membership, or the staff row of a
 * desk colleague without an account), never the event's claim; "system"
 * is the server itself (dispatcher outcomes, later messaging and
 * invoicing) and no device may act as it.
 */
#pragma once

#include "core/ahi-event.h"

G_BEGIN_DECLS

typedef enum {
  AHI_ROLE_NONE    = 0,
  AHI_ROLE_OWNER   = 1 << 0,
  AHI_ROLE_MANAGER = 1 << 1,
  AHI_ROLE_STAFF   = 1 << 2,
  AHI_ROLE_SYSTEM  = 1 << 3,
} AhiRole;

#define AHI_ROLES_PEOPLE   (AHI_ROLE_OWNER | AHI_ROLE_MANAGER | AHI_ROLE_STAFF)
#define AHI_ROLES_MANAGERS (AHI_ROLE_OWNER | AHI_ROLE_MANAGER)

/* What narrows a write beyond its roles. */
typedef enum {
  AHI_WRITE_PLAIN         = 0,
  /* Staff record money coming in (sale, deposit, no-show fee, a
   * positive amount); refunds and adjustments — and a negative "sale",
   * which is one — are a manager's. */
  AHI_WRITE_STAFF_TAKINGS = 1 << 0,
  /* Staff act on their own staff row only (payload staff_id, or the
   * entity for staff.*), and change only their name and PIN. */
  AHI_WRITE_STAFF_SELF    = 1 << 1,
  /* Setting a role: only owners give "owner" or "manager"; a manager
   * changes staff-role rows and their own only (one who could reset an
   * owner's PIN could act as the owner); a member's role (a staff row
   * linked to an account) is the membership's: an event may repeat it
   * (the owner's membership routes change the membership first), never
   * change it. */
  AHI_WRITE_ROLE_GRANT    = 1 << 2,
  /* Whoever may not read health notes does not write them either (a
   * note of kind "health" in healthcare mode; see the read scope). */
  AHI_WRITE_HEALTH_NOTE   = 1 << 3,
} AhiWriteCondition;

typedef struct {
  const char         *type;        /* an event type of the catalogue */
  AhiRole             roles;       /* who may append it at all */
  AhiWriteCondition   conditions;
  const char         *doc;         /* one line for docs/events.md */
} AhiWriteRight;

/* What the check needs beyond the event: who acts, in the server's view,
 * and for staff.* events the row they change. */
typedef struct {
  const char *role;              /* "owner", "manager", "staff", "system" */
  const char *actor_staff_id;    /* the actor's staff row; NULL if none */
  const char *target_role;       /* staff.*: the changed row's role now, NULL when new */
  /* staff.*: the membership role of the account the row is linked to;
   * NULL for a row without an account */
  const char *target_member_role;
  /* The business is in healthcare mode: health notes are special-category
   * data that only roles whose read scope has health_notes see. */
  gboolean    healthcare_mode;
} AhiWriteContext;

/* Read scope of one role (DESIGN §5a). */
typedef struct {
  /* Health notes, when the business is in healthcare mode (outside it
   * notes are ordinary and everyone reads them). */
  gboolean health_notes;
  /* Ledger lines, expected cash: FALSE means the current local business
   * day only (the receptionist takes payments and counts the till). */
  gboolean revenue_history;
  /* Summaries, the staff report and KPI figures in kuruş. */
  gboolean revenue_summaries;
} AhiReadScope;

AhiRole              ahi_role_from_string        (const char             *role);
const char          *ahi_role_to_string          (AhiRole                 role);

/* The write table, in the catalogue's order; n_rights receives its length. */
const AhiWriteRight *ahi_access_write_table      (guint                  *n_rights);
const AhiWriteRight *ahi_access_write_lookup     (const char             *type);

/* Whether role may append events of type in at least some case (the app
 * offers an action only then). */
gboolean             ahi_access_role_may_append  (const char             *type,
                                                  const char             *role);

/* Whether this event may be appended by who context names. FALSE with
 * AHI_CORE_ERROR_FORBIDDEN and a message that names the rule. */
gboolean             ahi_access_check_write      (const AhiEvent         *event,
                                                  const AhiWriteContext  *context,
                                                  GError                **error);

/* The read scope of a role; an unknown role reads nothing. */
AhiReadScope         ahi_access_read_scope       (const char             *role);
/* The widest scope of several roles (a desk device carries the scope of
 * the widest member allowed on it; the app hides per person). */
AhiReadScope         ahi_access_read_scope_union (AhiReadScope            a,
                                                  AhiReadScope            b);

G_END_DECLS
