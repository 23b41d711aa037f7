/* ahi-customer-query.h — reading customers and what hangs off them
 *
 * One set of queries serves the app and the server: a customer, the
 * customer list in pages, their vehicles, treatment plans and notes, as
 * plain structs read from the projections. Personal columns an erasure
 * blanked come back NULL. Unknown ids are AHI_STORE_ERROR_NOT_FOUND.
 */
#pragma once

#include "store/ahi-db.h"

G_BEGIN_DECLS

typedef struct {
  char    *customer_id;
  char    *full_name;          /* NULL once erased */
  char    *phone;
  char    *email;
  char    *birth_date;         /* YYYY-MM-DD */
  char    *city;
  char    *source;
  char   **tags;               /* never NULL */
  gint64   created_at;
  gint64   updated_at;
  gint64   erased_at;          /* 0 unless erased */
  gint64   completed_visits;
  gint64   no_shows;
  gint64   last_completed_at;  /* 0 when never */
  gint64   next_start_at;      /* 0 when none booked */
} AhiCustomer;

typedef struct {
  char    *vehicle_id;
  char    *customer_id;
  char    *plate;              /* NULL once the owner is erased */
  char    *make;
  char    *model;
  gint64   year;               /* 0 when unknown */
  gint64   km;                 /* -1 when unknown */
  gint64   created_at;
  gint64   updated_at;
} AhiVehicle;

typedef struct {
  char    *step_id;
  guint    position;
  char    *label;
  char    *service_id;         /* may be NULL */
  gint64   done_at;            /* 0 while open */
  char    *appointment_id;     /* may be NULL */
} AhiPlanStep;

typedef struct {
  char      *plan_id;
  char      *customer_id;
  char      *title;
  guint      total_steps;
  guint      done_steps;
  gint64     created_at;
  gint64     updated_at;
  GPtrArray *steps;            /* AhiPlanStep*, in order */
} AhiTreatmentPlan;

typedef struct {
  char    *note_id;
  char    *customer_id;
  char    *kind;               /* general | health */
  char    *text;               /* NULL once the customer is erased */
  char    *created_by;         /* user id */
  gint64   created_at;
} AhiNote;

void              ahi_customer_free        (AhiCustomer      *customer);
void              ahi_vehicle_free         (AhiVehicle       *vehicle);
void              ahi_plan_step_free       (AhiPlanStep      *step);
void              ahi_treatment_plan_free  (AhiTreatmentPlan *plan);
void              ahi_note_free            (AhiNote          *note);

/* One customer, erased ones included (their personal data NULL). */
AhiCustomer      *ahi_customer_query_get   (AhiDb            *db,
                                            const char       *customer_id,
                                            GError          **error);

/* A page of the customer list (AhiCustomer*), erased customers left out,
 * in customer id order — creation order for the time-ordered ids Ahi
 * Desk makes — starting after the id after (NULL: from the start). At
 * most limit customers; out_has_more (may be NULL) tells whether more
 * follow the last one. The order does not move when customers are added
 * or edited, so paging with the last id never skips nor repeats. */
GPtrArray        *ahi_customer_query_list  (AhiDb            *db,
                                            const char       *after,
                                            guint             limit,
                                            gboolean         *out_has_more,
                                            GError          **error);

/* A customer's vehicles (AhiVehicle*), oldest first. */
GPtrArray        *ahi_vehicle_query_of     (AhiDb            *db,
                                            const char       *customer_id,
                                            GError          **error);
AhiVehicle       *ahi_vehicle_query_get    (AhiDb            *db,
                                            const char       *vehicle_id,
                                            GError          **error);

/* A customer's treatment plans (AhiTreatmentPlan*), oldest first, each
 * with its steps. */
GPtrArray        *ahi_treatment_plan_query_of  (AhiDb        *db,
                                                const char   *customer_id,
                                                GError      **error);
AhiTreatmentPlan *ahi_treatment_plan_query_get (AhiDb        *db,
                                                const char   *plan_id,
                                                GError      **error);

/* A customer's notes (AhiNote*), oldest first. Health notes are left out
 * unless with_health: the caller decides who may read them (in
 * healthcare mode that is not the front-desk staff). */
GPtrArray        *ahi_note_query_of        (AhiDb            *db,
                                            const char       *customer_id,
                                            gboolean          with_health,
                                            GError          **error);
AhiNote          *ahi_note_query_get       (AhiDb            *db,
                                            const char       *note_id,
                                            GError          **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AhiCustomer, ahi_customer_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AhiVehicle, ahi_vehicle_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AhiTreatmentPlan, ahi_treatment_plan_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AhiNote, ahi_note_free)

G_END_DECLS
