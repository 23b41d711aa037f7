/* ahi-staff-query.h — reading the staff and their weekly hours
 *
 * The calendar's columns, the booking form's "who" and the staff screen
 * all read the same members, each with their working intervals. One set
 * of queries serves the app and the server.
 */
#pragma once

#include "store/ahi-db.h"

G_BEGIN_DECLS

typedef struct {
  guint  weekday;      /* ISO, 1 = Monday */
  guint  starts_min;   /* minutes after local midnight */
  guint  ends_min;
} AhiStaffInterval;

typedef struct {
  char    *staff_id;
  char    *display_name;
  char    *role;        /* owner | manager | staff */
  char   **skills;      /* never NULL */
  gboolean active;
  gint64   created_at;
  gint64   updated_at;
  GArray  *hours;       /* AhiStaffInterval, by weekday then start */
} AhiStaffMember;

void            ahi_staff_member_free  (AhiStaffMember  *member);

/* Every member (AhiStaffMember*) in the order they joined (by the
 * second; members of the same second by id), so the calendar's columns
 * stay put when someone is renamed; those who left (active false) only
 * when with_inactive. */
GPtrArray      *ahi_staff_query_list   (AhiDb           *db,
                                        gboolean         with_inactive,
                                        GError         **error);

/* One member, whether active or not; NOT_FOUND for an unknown id. */
AhiStaffMember *ahi_staff_query_get    (AhiDb           *db,
                                        const char      *staff_id,
                                        GError         **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AhiStaffMember, ahi_staff_member_free)

G_END_DECLS
