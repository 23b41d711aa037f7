/* ahi-blueprint.h — a sector's blueprint: the data that shapes the desk
 *
 * Sectors are data, not code. A blueprint names the primary object, the
 * fields the desk insists on, the resource kinds (one of them the capacity
 * the calendar is built on), the KPI cards, the visible modules, the
 * automation defaults, risk tiers, finance fallbacks, the compliance
 * profile, default opening hours, a starter service menu and the sector's
 * words. Four ship in the core's GResource (data/blueprints/); a tenant's
 * overrides merge over one of them. docs/blueprints.md is the contract.
 *
 * A blueprint is immutable once made, so every pointer an accessor returns
 * lives as long as the blueprint. Words and labels are English source words:
 * the UI shows g_dgettext ("ahi", word); tools/blueprint-words lists them
 * for xgettext.
 */
#pragma once

#include <glib-object.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* The one contract version this build reads and writes. */
#define AHI_BLUEPRINT_CONTRACT_VERSION 1

typedef struct {
  const char *id;              /* "chair" */
  const char *label;           /* English source word: "Chair" */
  gboolean    capacity;        /* the calendar's columns; exactly one kind */
} AhiResourceKind;

typedef struct {
  const char *kind;            /* a declared resource kind id */
  const char *name;            /* "Koltuk 1": data, shown as it is */
} AhiResourceTemplate;

typedef struct {
  const char *kind;            /* "rebook", "recall", "review_request"… */
  gboolean    enabled;
  JsonObject *params;          /* every parameter of the kind, checked; read only */
} AhiAutomationRule;

/* Days since the last completed visit as a percentage of the customer's
 * usual cycle (fallback_cycle_days when it is not known yet): at or past
 * due_pct the customer is due, at_risk_pct at risk, lost_pct lost. */
typedef struct {
  guint due_pct;
  guint at_risk_pct;
  guint lost_pct;
  guint fallback_cycle_days;
} AhiRiskTiers;

/* Fallbacks for money that a service or a tenant setting does not decide. */
typedef struct {
  const char *currency;                 /* ISO 4217, "TRY" */
  guint       vat_rate_bp;              /* KDV for sales without a service: 2000 = 20 % */
  const char *default_payment_method;   /* cash | card | transfer */
  guint       deposit_pct;              /* deposit asked on booking, 0 = none */
  gint64      deposit_min_price_minor;  /* … only for services priced at least this */
  guint       no_show_fee_pct;          /* share of the price charged for a no-show, 0 = none */
  guint       late_cancel_hours;        /* a cancellation this close counts as late */
} AhiFinancePolicy;

typedef struct {
  gboolean kvkk;
  gboolean gdpr_ready;
  gboolean healthcare_mode;    /* health notes are special-category data */
  guint    retention_months;   /* personal data of inactive customers */
} AhiCompliance;

typedef struct {
  guint weekday;               /* ISO: 1 = Monday … 7 = Sunday */
  guint opens_min;             /* minutes after local midnight */
  guint closes_min;            /* after opens_min, on the same day */
} AhiOpeningInterval;

typedef struct {
  const char         *code;            /* "kadin_sac_kesimi" */
  const char         *name;            /* Turkish menu name: data, shown as it is */
  guint               duration_min;
  gint64              price_minor;     /* KDV included, kuruş */
  guint               vat_rate_bp;
  const char * const *resource_kinds;  /* distinct declared kinds, NULL-terminated */
  guint               revisit_days;    /* usual days to the next visit, 0 = none */
  guint               revisit_km;      /* vehicles: km to the next visit, 0 = none */
} AhiBlueprintService;

#define AHI_TYPE_BLUEPRINT (ahi_blueprint_get_type ())
G_DECLARE_FINAL_TYPE (AhiBlueprint, ahi_blueprint, AHI, BLUEPRINT, GObject)

/* The shipped blueprints: hair_beauty, dental_esthetic, auto_service, generic. */
const char * const *ahi_blueprint_list_ids      (void);
/* Every KPI id and every module id the contract knows, in canonical order. */
const char * const *ahi_blueprint_known_kpis    (void);
const char * const *ahi_blueprint_known_modules (void);

/* A shipped blueprint from the core's GResource; an unknown id is
 * AHI_CORE_ERROR_INVALID_BLUEPRINT. */
AhiBlueprint *ahi_blueprint_load          (const char    *sector_id,
                                           GError       **error);
/* Checks object against the whole contract; errors name the member path
 * ("services[3].duration_min: …"), code AHI_CORE_ERROR_INVALID_BLUEPRINT. */
AhiBlueprint *ahi_blueprint_new_from_json (JsonObject    *object,
                                           GError       **error);
/* A new blueprint: base with a tenant's overrides merged over it by the
 * rules of docs/blueprints.md and checked as a whole. On error NULL, and
 * base is left as it was. */
AhiBlueprint *ahi_blueprint_merge         (AhiBlueprint  *base,
                                           JsonObject    *overrides,
                                           GError       **error);
/* The canonical JSON form (fixed member order): a fresh object that
 * ahi_blueprint_new_from_json() reads back into an equal blueprint. */
JsonObject   *ahi_blueprint_to_json       (AhiBlueprint  *self);
/* Whether the canonical forms are equal. */
gboolean      ahi_blueprint_equal         (AhiBlueprint  *a,
                                           AhiBlueprint  *b);

const char   *ahi_blueprint_get_id             (AhiBlueprint *self);
/* customer_visit | patient_episode | vehicle_job_card */
const char   *ahi_blueprint_get_primary_object (AhiBlueprint *self);

/* Fields the desk requires on an object (customer, vehicle, appointment);
 * never NULL, empty when none. */
const char * const *ahi_blueprint_get_required_fields (AhiBlueprint *self,
                                                       const char   *object);
gboolean      ahi_blueprint_is_field_required  (AhiBlueprint *self,
                                                const char   *object,
                                                const char   *field);

const AhiResourceKind     *ahi_blueprint_get_resource_kinds     (AhiBlueprint *self,
                                                                 guint        *n_kinds);
const AhiResourceKind     *ahi_blueprint_lookup_resource_kind   (AhiBlueprint *self,
                                                                 const char   *kind_id);
/* The id of the one kind with capacity: "chair", "room", "lift". */
const char                *ahi_blueprint_get_capacity_kind      (AhiBlueprint *self);
const AhiResourceTemplate *ahi_blueprint_get_resource_templates (AhiBlueprint *self,
                                                                 guint        *n_templates);

/* KPI card ids and module ids in display order, NULL-terminated. */
const char * const *ahi_blueprint_get_kpis    (AhiBlueprint *self);
const char * const *ahi_blueprint_get_modules (AhiBlueprint *self);
gboolean      ahi_blueprint_has_kpi           (AhiBlueprint *self,
                                               const char   *kpi);
gboolean      ahi_blueprint_has_module        (AhiBlueprint *self,
                                               const char   *module);

const AhiAutomationRule *ahi_blueprint_get_automation_rules (AhiBlueprint *self,
                                                             guint        *n_rules);
/* NULL when the blueprint has no rule of that kind. */
const AhiAutomationRule *ahi_blueprint_lookup_automation    (AhiBlueprint *self,
                                                             const char   *kind);
/* A parameter of a rule; the contract guarantees it is there and typed. */
gint64        ahi_automation_rule_get_int      (const AhiAutomationRule *rule,
                                                const char              *param);
const char   *ahi_automation_rule_get_string   (const AhiAutomationRule *rule,
                                                const char              *param);

const AhiRiskTiers     *ahi_blueprint_get_risk_tiers (AhiBlueprint *self);
const AhiFinancePolicy *ahi_blueprint_get_finance    (AhiBlueprint *self);
const AhiCompliance    *ahi_blueprint_get_compliance (AhiBlueprint *self);

/* Sorted by weekday, then opening time. */
const AhiOpeningInterval *ahi_blueprint_get_opening_hours (AhiBlueprint *self,
                                                           guint        *n_intervals);

guint         ahi_blueprint_get_n_services     (AhiBlueprint *self);
const AhiBlueprintService *ahi_blueprint_get_service    (AhiBlueprint *self,
                                                         guint         index);
/* NULL when no service has that code. */
const AhiBlueprintService *ahi_blueprint_lookup_service (AhiBlueprint *self,
                                                         const char   *code);

/* The English source word for a vocabulary key (customer, customers, visit,
 * visits, resource, resources, primary_item, primary_list); NULL for a key
 * the contract does not know. */
const char   *ahi_blueprint_word               (AhiBlueprint *self,
                                                const char   *key);
/* Labels of a module or a KPI, English source words; NULL when the
 * blueprint has none for it (it always has one for those it lists). */
const char   *ahi_blueprint_module_label       (AhiBlueprint *self,
                                                const char   *module);
const char   *ahi_blueprint_kpi_label          (AhiBlueprint *self,
                                                const char   *kpi);

G_END_DECLS
