/* ahi-reducer-private.h — what the reducer's files share
 *
 * The reducer is split by domain (business set-up, people, visits and
 * money); these helpers bind event members to statements and check the
 * references every domain needs.
 */
#pragma once

#include "store/ahi-db.h"
#include "store/ahi-store-error.h"
#include "core/ahi-event.h"

G_BEGIN_DECLS

#define CUSTOMER_SQL "SELECT 1 FROM customers WHERE customer_id = ?1 AND erased_at IS NULL"
#define SERVICE_SQL  "SELECT 1 FROM services WHERE service_id = ?1"
#define STAFF_SQL    "SELECT 1 FROM staff WHERE staff_id = ?1"
#define RESOURCE_SQL "SELECT 1 FROM tenant_resources WHERE resource_id = ?1 AND deleted_at IS NULL"

/* Member access on a validated event: absent members give NULL / 0. */
const char *member_string            (JsonObject *object, const char *name);
gint64      member_time              (JsonObject *object, const char *name);
int         clock_minutes            (const char *text);
char       *member_json              (JsonObject *object, const char *name);

/* Binds a member by its JSON type (absent: NULL); times as unix seconds. */
void        bind_member              (sqlite3_stmt *stmt, int index, JsonObject *object, const char *name);
void        bind_time                (sqlite3_stmt *stmt, int index, JsonObject *object, const char *name);

/* NOT_FOUND unless the last statement changed a row. */
gboolean    require_changed          (AhiDb *db, const AhiEvent *event, GError **error);
/* INVALID_REFERENCE unless sql (?1 = id) finds a row; a NULL id passes. */
gboolean    require_reference        (AhiDb *db, const AhiEvent *event, const char *what,
                                      const char *sql, const char *id, GError **error);
gboolean    require_customer         (AhiDb *db, const AhiEvent *event, const char *id, GError **error);
/* Steps an INSERT of a new entity; a second create is CONFLICT. */
gboolean    insert_entity            (AhiDb *db, const AhiEvent *event, sqlite3_stmt *stmt, GError **error);

gboolean    refresh_customer_search  (AhiDb *db, const char *customer_id, GError **error);
gboolean    refresh_customer_visits  (AhiDb *db, const char *customer_id, GError **error);

/* One function per event type, listed in ahi-reducer.c. */
gboolean    reduce_tenant_created (AhiDb *db, const AhiEvent *event, GError **error);
gboolean    reduce_tenant_settings_updated (AhiDb *db, const AhiEvent *event, GError **error);
gboolean    reduce_blueprint_updated (AhiDb *db, const AhiEvent *event, GError **error);
gboolean    reduce_compliance_profile_updated (AhiDb *db, const AhiEvent *event, GError **error);
gboolean    reduce_automation_rule_set (AhiDb *db, const AhiEvent *event, GError **error);
gboolean    reduce_closure_added (AhiDb *db, const AhiEvent *event, GError **error);
gboolean    reduce_closure_removed (AhiDb *db, const AhiEvent *event, GError **error);
gboolean    reduce_resource_created (AhiDb *db, const AhiEvent *event, GError **error);
gboolean    reduce_resource_updated (AhiDb *db, const AhiEvent *event, GError **error);
gboolean    reduce_resource_deleted (AhiDb *db, const AhiEvent *event, GError **error);
gboolean    reduce_staff_created (AhiDb *db, const AhiEvent *event, GError **error);
gboolean    reduce_staff_updated (AhiDb *db, const AhiEvent *event, GError **error);
gboolean    reduce_staff_hours_set (AhiDb *db, const AhiEvent *event, GError **error);
gboolean    reduce_staff_absence_added (AhiDb *db, const AhiEvent *event, GError **error);
gboolean    reduce_staff_absence_removed (AhiDb *db, const AhiEvent *event, GError **error);
gboolean    reduce_service_created (AhiDb *db, const AhiEvent *event, GError **error);
gboolean    reduce_service_updated (AhiDb *db, const AhiEvent *event, GError **error);
gboolean    reduce_customer_created (AhiDb *db, const AhiEvent *event, GError **error);
gboolean    reduce_customer_updated (AhiDb *db, const AhiEvent *event, GError **error);
gboolean    reduce_customer_erased (AhiDb *db, const AhiEvent *event, GError **error);
gboolean    reduce_vehicle_created (AhiDb *db, const AhiEvent *event, GError **error);
gboolean    reduce_vehicle_updated (AhiDb *db, const AhiEvent *event, GError **error);
gboolean    reduce_treatment_plan_created (AhiDb *db, const AhiEvent *event, GError **error);
gboolean    reduce_treatment_plan_step_done (AhiDb *db, const AhiEvent *event, GError **error);
gboolean    reduce_appointment_created (AhiDb *db, const AhiEvent *event, GError **error);
gboolean    reduce_appointment_moved (AhiDb *db, const AhiEvent *event, GError **error);
gboolean    reduce_appointment_cancelled (AhiDb *db, const AhiEvent *event, GError **error);
gboolean    reduce_appointment_status_updated (AhiDb *db, const AhiEvent *event, GError **error);
gboolean    reduce_note_created (AhiDb *db, const AhiEvent *event, GError **error);
gboolean    reduce_reminder_created (AhiDb *db, const AhiEvent *event, GError **error);
gboolean    reduce_reminder_sent (AhiDb *db, const AhiEvent *event, GError **error);
gboolean    reduce_reminder_completed (AhiDb *db, const AhiEvent *event, GError **error);
gboolean    reduce_review_received (AhiDb *db, const AhiEvent *event, GError **error);
gboolean    reduce_ops_alert_raised (AhiDb *db, const AhiEvent *event, GError **error);
gboolean    reduce_ops_alert_resolved (AhiDb *db, const AhiEvent *event, GError **error);
gboolean    reduce_waitlist_added (AhiDb *db, const AhiEvent *event, GError **error);
gboolean    reduce_waitlist_removed (AhiDb *db, const AhiEvent *event, GError **error);
gboolean    reduce_consent_given (AhiDb *db, const AhiEvent *event, GError **error);
gboolean    reduce_consent_withdrawn (AhiDb *db, const AhiEvent *event, GError **error);
gboolean    reduce_consent_iys_updated (AhiDb *db, const AhiEvent *event, GError **error);
gboolean    reduce_revenue_created (AhiDb *db, const AhiEvent *event, GError **error);
gboolean    reduce_reactivation_queued (AhiDb *db, const AhiEvent *event, GError **error);
gboolean    reduce_cash_reconciled (AhiDb *db, const AhiEvent *event, GError **error);

G_END_DECLS
