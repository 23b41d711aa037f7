/* test-blueprint.c — the shipped blueprints, the contract, merges and words
 *
 * Expected values are worked out by hand from /work/shared/data
 * (services.json, tr-business-facts.md) and docs/blueprints.md, not read
 * back from the code under test.
 */
#include <stdlib.h>
#include <string.h>

#include "core/ahi-blueprint.h"
#include "core/ahi-blueprint-words.h"
#include "core/ahi-core.h"
#include "core/ahi-core-error.h"

/* ---------------------------------------------------------------- helpers */

static JsonObject *
parse_object (const char *json)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_data (parser, json, -1, &error);
  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)));
  return json_object_ref (json_node_get_object (json_parser_get_root (parser)));
}

static JsonNode *
parse_node (const char *json)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_data (parser, json, -1, &error);
  g_assert_no_error (error);
  return json_node_copy (json_parser_get_root (parser));
}

static char *
canonical (AhiBlueprint *bp)
{
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);

  json_node_take_object (node, ahi_blueprint_to_json (bp));
  return json_to_string (node, FALSE);
}

static AhiBlueprint *
load (const char *id)
{
  g_autoptr(GError) error = NULL;
  AhiBlueprint *bp = ahi_blueprint_load (id, &error);

  g_assert_no_error (error);
  g_assert_nonnull (bp);
  return bp;
}

/* Sets (or, with value NULL, removes) the member at a path such as
 * "services[3].duration_min" inside root. */
static void
set_path (JsonObject *root,
          const char *path,
          const char *value)
{
  g_auto(GStrv) parts = g_strsplit (path, ".", -1);
  JsonObject *object = root;

  for (guint i = 0; parts[i] != NULL; i++)
    {
      g_autofree char *name = g_strdup (parts[i]);
      char *bracket = strchr (name, '[');
      int index = -1;
      gboolean last = parts[i + 1] == NULL;

      if (bracket != NULL)
        {
          index = atoi (bracket + 1);
          *bracket = '\0';
        }

      if (last && index < 0)
        {
          if (value == NULL)
            {
              g_assert_true (json_object_has_member (object, name));
              json_object_remove_member (object, name);
            }
          else
            json_object_set_member (object, name, parse_node (value));
          return;
        }

      if (index >= 0)
        {
          JsonArray *array = json_object_get_array_member (object, name);

          g_assert_cmpint (index, <, (int) json_array_get_length (array));
          if (last)
            {
              /* JsonArray cannot replace an element in place: rebuild it. */
              JsonArray *rebuilt = json_array_new ();

              g_assert_nonnull (value);
              for (guint k = 0; k < json_array_get_length (array); k++)
                json_array_add_element (rebuilt, (int) k == index
                                        ? parse_node (value)
                                        : json_node_copy (json_array_get_element (array, k)));
              json_object_set_array_member (object, name, rebuilt);
              return;
            }
          object = json_array_get_object_element (array, (guint) index);
        }
      else
        object = json_object_get_object_member (object, name);
      g_assert_nonnull (object);
    }
}

/* ------------------------------------------------------- shipped facts */

static void
test_list_ids (void)
{
  const char * const *ids = ahi_blueprint_list_ids ();

  g_assert_cmpuint (g_strv_length ((char **) ids), ==, 4);
  g_assert_true (g_strv_contains (ids, "hair_beauty"));
  g_assert_true (g_strv_contains (ids, "dental_esthetic"));
  g_assert_true (g_strv_contains (ids, "auto_service"));
  g_assert_true (g_strv_contains (ids, "generic"));

  for (guint i = 0; ids[i] != NULL; i++)
    {
      g_autoptr(AhiBlueprint) bp = load (ids[i]);
      guint n_services = ahi_blueprint_get_n_services (bp);

      g_assert_cmpstr (ahi_blueprint_get_id (bp), ==, ids[i]);
      /* The brief: a starter menu of 10 to 20 services per sector. */
      g_assert_cmpuint (n_services, >=, 10);
      g_assert_cmpuint (n_services, <=, 20);
      g_assert_true (ahi_blueprint_has_module (bp, "command_center"));
      g_assert_true (ahi_blueprint_has_module (bp, "settings"));
    }
}

static void
test_load_unknown (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AhiBlueprint) bp = ahi_blueprint_load ("../hair_beauty", &error);

  g_assert_error (error, AHI_CORE_ERROR, AHI_CORE_ERROR_INVALID_BLUEPRINT);
  g_assert_null (bp);
  g_clear_error (&error);

  bp = ahi_blueprint_load ("barber", &error);
  g_assert_error (error, AHI_CORE_ERROR, AHI_CORE_ERROR_INVALID_BLUEPRINT);
  g_assert_nonnull (strstr (error->message, "barber"));
  g_assert_null (bp);
}

static void
test_hair (void)
{
  g_autoptr(AhiBlueprint) bp = load ("hair_beauty");
  const AhiBlueprintService *cut;
  const AhiAutomationRule *rebook;
  const AhiOpeningInterval *hours;
  const AhiResourceKind *kinds;
  guint n;

  g_assert_cmpstr (ahi_blueprint_get_primary_object (bp), ==, "customer_visit");
  g_assert_cmpstr (ahi_blueprint_get_capacity_kind (bp), ==, "chair");

  kinds = ahi_blueprint_get_resource_kinds (bp, &n);
  g_assert_cmpuint (n, ==, 3);
  g_assert_cmpstr (kinds[0].id, ==, "chair");
  g_assert_true (kinds[0].capacity);
  g_assert_cmpstr (kinds[1].id, ==, "specialist");
  g_assert_false (kinds[1].capacity);
  g_assert_cmpstr (kinds[2].id, ==, "device");
  g_assert_cmpstr (kinds[2].label, ==, "Device");

  /* services.json: "Kadın saç kesimi", 60 min, 900 TL with 20 % KDV,
   * chair + specialist, back every 56 days. */
  cut = ahi_blueprint_lookup_service (bp, "kadin_sac_kesimi");
  g_assert_nonnull (cut);
  g_assert_cmpstr (cut->name, ==, "Kadın saç kesimi (yıkama + fön dahil)");
  g_assert_cmpuint (cut->duration_min, ==, 60);
  g_assert_cmpint (cut->price_minor, ==, 90000);
  g_assert_cmpuint (cut->vat_rate_bp, ==, 2000);
  g_assert_cmpuint (g_strv_length ((char **) cut->resource_kinds), ==, 2);
  g_assert_cmpstr (cut->resource_kinds[0], ==, "chair");
  g_assert_cmpstr (cut->resource_kinds[1], ==, "specialist");
  g_assert_cmpuint (cut->revisit_days, ==, 56);
  g_assert_cmpuint (cut->revisit_km, ==, 0);

  /* Gelin saçı has no natural next visit: revisit_days is null. */
  g_assert_cmpuint (ahi_blueprint_lookup_service (bp, "gelin_saci")->revisit_days, ==, 0);
  g_assert_cmpint (ahi_blueprint_lookup_service (bp, "gelin_saci")->price_minor, ==, 1200000);

  /* The product plan §7.1: call back after 30–45 days. */
  rebook = ahi_blueprint_lookup_automation (bp, "rebook");
  g_assert_nonnull (rebook);
  g_assert_true (rebook->enabled);
  g_assert_cmpint (ahi_automation_rule_get_int (rebook, "min_days"), ==, 30);
  g_assert_cmpint (ahi_automation_rule_get_int (rebook, "max_days"), ==, 45);
  g_assert_cmpstr (ahi_automation_rule_get_string (rebook, "channel"), ==, "whatsapp");
  g_assert_nonnull (ahi_blueprint_lookup_automation (bp, "review_request"));
  g_assert_nonnull (ahi_blueprint_lookup_automation (bp, "appointment_confirmation"));
  g_assert_nonnull (ahi_blueprint_lookup_automation (bp, "contact_cap"));
  g_assert_null (ahi_blueprint_lookup_automation (bp, "recall"));

  /* Salons: Monday to Saturday 09:00–20:00, Sunday closed. */
  hours = ahi_blueprint_get_opening_hours (bp, &n);
  g_assert_cmpuint (n, ==, 6);
  for (guint i = 0; i < n; i++)
    {
      g_assert_cmpuint (hours[i].weekday, ==, i + 1);
      g_assert_cmpuint (hours[i].opens_min, ==, 9 * 60);
      g_assert_cmpuint (hours[i].closes_min, ==, 20 * 60);
    }

  g_assert_cmpuint (ahi_blueprint_get_finance (bp)->vat_rate_bp, ==, 2000);
  g_assert_cmpstr (ahi_blueprint_get_finance (bp)->currency, ==, "TRY");
  g_assert_false (ahi_blueprint_get_compliance (bp)->healthcare_mode);
  g_assert_cmpstr (ahi_blueprint_word (bp, "customer"), ==, "Customer");
  g_assert_cmpstr (ahi_blueprint_word (bp, "visit"), ==, "Visit");
  g_assert_null (ahi_blueprint_word (bp, "colour"));
  g_assert_cmpstr (ahi_blueprint_get_kpis (bp)[0], ==, "revenue_sold");
  g_assert_cmpstr (ahi_blueprint_kpi_label (bp, "revenue_sold"), ==, "Sales (KDV incl.)");
  g_assert_false (ahi_blueprint_has_module (bp, "treatment_plans"));
  g_assert_false (ahi_blueprint_has_module (bp, "vehicles"));
  g_assert_true (ahi_blueprint_is_field_required (bp, "customer", "phone"));
  g_assert_false (ahi_blueprint_is_field_required (bp, "vehicle", "plate"));
  g_assert_cmpuint (g_strv_length ((char **) ahi_blueprint_get_required_fields (bp, "vehicle")), ==, 0);
}

static void
test_dental (void)
{
  g_autoptr(AhiBlueprint) bp = load ("dental_esthetic");
  const AhiOpeningInterval *hours;
  const AhiAutomationRule *recall;
  const AhiBlueprintService *cleaning;
  guint n;

  g_assert_cmpstr (ahi_blueprint_get_primary_object (bp), ==, "patient_episode");
  g_assert_cmpstr (ahi_blueprint_get_capacity_kind (bp), ==, "room");
  g_assert_true (ahi_blueprint_get_compliance (bp)->healthcare_mode);
  g_assert_true (ahi_blueprint_get_compliance (bp)->kvkk);
  g_assert_cmpstr (ahi_blueprint_word (bp, "customer"), ==, "Patient");
  g_assert_cmpstr (ahi_blueprint_word (bp, "customers"), ==, "Patients");
  g_assert_cmpstr (ahi_blueprint_word (bp, "visit"), ==, "Treatment");
  g_assert_cmpstr (ahi_blueprint_word (bp, "primary_list"), ==, "Patients");
  g_assert_cmpstr (ahi_blueprint_module_label (bp, "customers"), ==, "Patients");
  g_assert_true (ahi_blueprint_has_module (bp, "treatment_plans"));
  g_assert_nonnull (ahi_blueprint_lookup_resource_kind (bp, "doctor"));

  /* Dental KDV is the reduced 10 %. */
  g_assert_cmpuint (ahi_blueprint_get_finance (bp)->vat_rate_bp, ==, 1000);

  /* Diş taşı temizliği: 7.000 TL, recall every 6 months: 6 × 365.25 / 12
   * = 182.6 → 183 days. */
  cleaning = ahi_blueprint_lookup_service (bp, "dis_tasi_temizligi");
  g_assert_nonnull (cleaning);
  g_assert_cmpint (cleaning->price_minor, ==, 700000);
  g_assert_cmpuint (cleaning->vat_rate_bp, ==, 1000);
  g_assert_cmpuint (cleaning->revisit_days, ==, 183);

  recall = ahi_blueprint_lookup_automation (bp, "recall");
  g_assert_nonnull (recall);
  g_assert_cmpint (ahi_automation_rule_get_int (recall, "interval_months"), ==, 6);
  g_assert_nonnull (ahi_blueprint_lookup_automation (bp, "treatment_continuity"));
  g_assert_null (ahi_blueprint_lookup_automation (bp, "rebook"));

  /* TDB hours: 09:00–13:00 and 14:00–19:00, Monday to Saturday. */
  hours = ahi_blueprint_get_opening_hours (bp, &n);
  g_assert_cmpuint (n, ==, 12);
  g_assert_cmpuint (hours[0].weekday, ==, 1);
  g_assert_cmpuint (hours[0].opens_min, ==, 540);
  g_assert_cmpuint (hours[0].closes_min, ==, 780);
  g_assert_cmpuint (hours[1].weekday, ==, 1);
  g_assert_cmpuint (hours[1].opens_min, ==, 840);
  g_assert_cmpuint (hours[1].closes_min, ==, 1140);
  g_assert_cmpuint (hours[11].weekday, ==, 6);
  g_assert_true (ahi_blueprint_is_field_required (bp, "customer", "birth_date"));
}

static void
test_auto (void)
{
  g_autoptr(AhiBlueprint) bp = load ("auto_service");
  const AhiAutomationRule *recall;
  const AhiOpeningInterval *hours;
  const AhiBlueprintService *service;
  guint n;

  g_assert_cmpstr (ahi_blueprint_get_primary_object (bp), ==, "vehicle_job_card");
  g_assert_cmpstr (ahi_blueprint_get_capacity_kind (bp), ==, "lift");
  ahi_blueprint_get_resource_kinds (bp, &n);
  g_assert_cmpuint (n, ==, 2);
  g_assert_nonnull (ahi_blueprint_lookup_resource_kind (bp, "technician"));
  g_assert_true (ahi_blueprint_is_field_required (bp, "vehicle", "plate"));
  g_assert_true (ahi_blueprint_has_module (bp, "vehicles"));
  g_assert_cmpstr (ahi_blueprint_word (bp, "primary_item"), ==, "Vehicle");
  g_assert_cmpstr (ahi_blueprint_word (bp, "visit"), ==, "Job card");

  /* Periyodik bakım: 9.000 TL, every 15.000 km or 12 months (365 days). */
  service = ahi_blueprint_lookup_service (bp, "periyodik_bakim");
  g_assert_nonnull (service);
  g_assert_cmpint (service->price_minor, ==, 900000);
  g_assert_cmpuint (service->revisit_km, ==, 15000);
  g_assert_cmpuint (service->revisit_days, ==, 365);
  /* Klima gazı needs no lift. */
  service = ahi_blueprint_lookup_service (bp, "klima_gazi");
  g_assert_cmpuint (g_strv_length ((char **) service->resource_kinds), ==, 1);
  g_assert_cmpstr (service->resource_kinds[0], ==, "technician");

  recall = ahi_blueprint_lookup_automation (bp, "maintenance_recall");
  g_assert_nonnull (recall);
  g_assert_cmpint (ahi_automation_rule_get_int (recall, "interval_months"), ==, 12);
  g_assert_cmpint (ahi_automation_rule_get_int (recall, "interval_km"), ==, 15000);

  /* Mon–Fri 08:30–18:30, Saturday 08:30–14:00. */
  hours = ahi_blueprint_get_opening_hours (bp, &n);
  g_assert_cmpuint (n, ==, 6);
  g_assert_cmpuint (hours[4].weekday, ==, 5);
  g_assert_cmpuint (hours[4].opens_min, ==, 510);
  g_assert_cmpuint (hours[4].closes_min, ==, 1110);
  g_assert_cmpuint (hours[5].weekday, ==, 6);
  g_assert_cmpuint (hours[5].closes_min, ==, 840);
}

static void
test_generic (void)
{
  g_autoptr(AhiBlueprint) bp = load ("generic");

  g_assert_cmpstr (ahi_blueprint_get_primary_object (bp), ==, "customer_visit");
  g_assert_cmpstr (ahi_blueprint_get_capacity_kind (bp), ==, "room");
  g_assert_cmpstr (ahi_blueprint_word (bp, "customer"), ==, "Customer");
  g_assert_false (ahi_blueprint_get_compliance (bp)->healthcare_mode);
}

/* ------------------------------------------------------------ round trip */

static void
test_round_trip (void)
{
  const char * const *ids = ahi_blueprint_list_ids ();

  for (guint i = 0; ids[i] != NULL; i++)
    {
      g_autoptr(AhiBlueprint) bp = load (ids[i]);
      g_autoptr(JsonObject) json = ahi_blueprint_to_json (bp);
      g_autoptr(GError) error = NULL;
      g_autoptr(AhiBlueprint) again = ahi_blueprint_new_from_json (json, &error);
      g_autofree char *first = NULL;
      g_autofree char *second = NULL;
      g_autofree char *resource = g_strdup_printf ("/app/ahi/Desk/blueprints/%s.json", ids[i]);
      g_autoptr(GBytes) bytes = g_resources_lookup_data (resource, 0, &error);
      g_autoptr(JsonNode) shipped = NULL;
      g_autoptr(JsonNode) canonical_node = json_node_new (JSON_NODE_OBJECT);

      g_assert_no_error (error);
      g_assert_nonnull (again);
      g_assert_true (ahi_blueprint_equal (bp, again));
      first = canonical (bp);
      second = canonical (again);
      g_assert_cmpstr (first, ==, second);

      /* The shipped file says exactly what the canonical form says:
       * nothing in it is dropped or invented by the parser. */
      shipped = parse_node (g_bytes_get_data (bytes, NULL));
      json_node_set_object (canonical_node, json);
      g_assert_true (json_node_equal (shipped, canonical_node));
    }
}

/* ------------------------------------------------------- bad blueprints */

typedef struct {
  const char *name;
  const char *path;         /* member to set in the hair_beauty canonical form */
  const char *value;        /* JSON text; NULL removes the member */
  const char *expect;       /* what the message must start with */
} BadCase;

static const BadCase bad_cases[] = {
  { "unknown-member", "colour", "\"red\"", "colour: unknown member" },
  { "unknown-nested-member", "finance.tip_pct", "10", "finance.tip_pct: unknown member" },
  { "missing-member", "finance", NULL, "finance: missing" },
  { "wrong-type", "services[3].duration_min", "\"45\"", "services[3].duration_min: must be an integer" },
  { "float-price", "services[1].price_minor", "450.5", "services[1].price_minor: must be an integer" },
  { "duplicate-kpi", "kpis", "[\"revenue_sold\", \"fill_rate_pct\", \"revenue_sold\"]", "kpis[2]: " },
  { "unknown-kpi", "kpis", "[\"revenue_sold\", \"happiness_index\"]", "kpis[1]: unknown KPI" },
  { "duplicate-module", "modules", "[\"command_center\", \"calendar\", \"calendar\", \"settings\"]", "modules[2]: " },
  { "unknown-module", "modules", "[\"command_center\", \"inventory\", \"settings\"]", "modules[1]: unknown module" },
  { "no-settings-module", "modules", "[\"command_center\", \"calendar\"]", "modules: must include settings" },
  { "sector-module", "modules", "[\"command_center\", \"vehicles\", \"settings\"]", "modules[1]: " },
  { "two-capacity-kinds", "resource_kinds[2].capacity", "true", "resource_kinds[2].capacity: second capacity kind" },
  { "no-capacity-kind", "resource_kinds[0].capacity", "false", "resource_kinds: no capacity kind" },
  { "undeclared-kind", "services[0].resource_kinds", "[\"chair\", \"lift\"]",
    "services[0].resource_kinds[1]: 'lift' is not a declared resource kind" },
  { "template-kind", "resource_templates[0].kind", "\"lift\"", "resource_templates[0].kind: " },
  { "negative-price", "services[2].price_minor", "-100", "services[2].price_minor: must be between 0" },
  { "short-duration", "services[0].duration_min", "4", "services[0].duration_min: must be between 5 and 1440" },
  { "long-duration", "services[0].duration_min", "1441", "services[0].duration_min: must be between 5 and 1440" },
  { "vat-over-100", "services[0].vat_rate_bp", "10001", "services[0].vat_rate_bp: must be between 0 and 10000" },
  { "duplicate-code", "services[1].code", "\"kadin_sac_kesimi\"", "services[1].code: " },
  { "empty-name", "services[0].name", "\"\"", "services[0].name: must not be empty" },
  { "padded-word", "vocabulary.visit", "\" Visit\"", "vocabulary.visit: must not start or end with a space" },
  { "contract-version-2", "contract_version", "2", "contract_version: version 2 is not supported" },
  { "bad-clock", "default_opening_hours[0].opens", "\"9:00\"", "default_opening_hours[0].opens: '9:00' is not" },
  { "clock-25", "default_opening_hours[0].closes", "\"25:00\"", "default_opening_hours[0].closes: " },
  { "closes-before-opens", "default_opening_hours[1].closes", "\"08:00\"",
    "default_opening_hours[1].closes: must be after opens" },
  { "overlap", "default_opening_hours[1]", "{\"weekday\": 1, \"opens\": \"19:00\", \"closes\": \"21:00\"}",
    "default_opening_hours[1]: overlaps default_opening_hours[0] on weekday 1" },
  { "weekday-8", "default_opening_hours[0].weekday", "8", "default_opening_hours[0].weekday: must be between 1 and 7" },
  { "tiers-not-ascending", "risk_tiers.at_risk_pct", "90", "risk_tiers.at_risk_pct: must be above due_pct" },
  { "tiers-equal", "risk_tiers.lost_pct", "150", "risk_tiers.lost_pct: must be above at_risk_pct" },
  { "missing-word", "vocabulary.customers", NULL, "vocabulary.customers: missing" },
  { "missing-kpi-label", "vocabulary.kpis.fill_rate_pct", NULL, "vocabulary.kpis.fill_rate_pct: missing" },
  { "unknown-vocabulary", "vocabulary.owner", "\"Owner\"", "vocabulary.owner: unknown member" },
  { "unknown-automation", "automation_defaults[0].kind", "\"birthday\"",
    "automation_defaults[0].kind: unknown automation kind 'birthday'" },
  { "unknown-param", "automation_defaults[0].params.colour", "\"red\"",
    "automation_defaults[0].params.colour: unknown member" },
  { "rebook-window-inverted", "automation_defaults[0].params.min_days", "50",
    "automation_defaults[0].params.max_days: must not be below min_days" },
  { "bad-channel", "automation_defaults[1].params.channel", "\"pigeon\"",
    "automation_defaults[1].params.channel: unknown channel" },
  { "enabled-not-bool", "automation_defaults[1].enabled", "1", "automation_defaults[1].enabled: must be true or false" },
  { "currency", "finance.currency", "\"tl\"", "finance.currency: " },
  { "payment-method", "finance.default_payment_method", "\"bitcoin\"", "finance.default_payment_method: " },
  { "primary-object", "primary_object", "\"pet_grooming\"", "primary_object: unknown primary object" },
  { "required-unknown-field", "required_fields.customer", "[\"full_name\", \"shoe_size\"]",
    "required_fields.customer[1]: unknown field" },
  { "required-no-name", "required_fields.customer", "[\"phone\"]", "required_fields.customer: must include full_name" },
  { "vehicle-in-salon", "required_fields.vehicle", "[\"plate\"]", "required_fields.vehicle: needs primary_object" },
  { "retention-zero", "compliance.retention_months", "0", "compliance.retention_months: must be between 1 and 600" },
  { "bad-id", "id", "\"Hair Beauty\"", "id: must be a lower-case identifier" },
};

static void
test_bad_blueprint (gconstpointer data)
{
  const BadCase *c = data;
  g_autoptr(AhiBlueprint) base = load ("hair_beauty");
  g_autoptr(JsonObject) json = ahi_blueprint_to_json (base);
  g_autoptr(GError) error = NULL;
  g_autoptr(AhiBlueprint) bp = NULL;

  set_path (json, c->path, c->value);
  bp = ahi_blueprint_new_from_json (json, &error);
  g_assert_null (bp);
  g_assert_error (error, AHI_CORE_ERROR, AHI_CORE_ERROR_INVALID_BLUEPRINT);
  if (!g_str_has_prefix (error->message, c->expect))
    g_error ("%s: message \"%s\" does not start with \"%s\"", c->name, error->message, c->expect);
}

static void
test_dental_healthcare_mode_stays (void)
{
  g_autoptr(AhiBlueprint) base = load ("dental_esthetic");
  g_autoptr(JsonObject) json = ahi_blueprint_to_json (base);
  g_autoptr(GError) error = NULL;
  g_autoptr(AhiBlueprint) bp = NULL;

  set_path (json, "compliance.healthcare_mode", "false");
  bp = ahi_blueprint_new_from_json (json, &error);
  g_assert_null (bp);
  g_assert_error (error, AHI_CORE_ERROR, AHI_CORE_ERROR_INVALID_BLUEPRINT);
  g_assert_true (g_str_has_prefix (error->message, "compliance.healthcare_mode: "));
}

/* ----------------------------------------------------------------- merges */

static AhiBlueprint *
merge_ok (AhiBlueprint *base,
          const char   *overrides)
{
  g_autoptr(JsonObject) object = parse_object (overrides);
  g_autoptr(GError) error = NULL;
  AhiBlueprint *merged = ahi_blueprint_merge (base, object, &error);

  g_assert_no_error (error);
  g_assert_nonnull (merged);
  return merged;
}

static void
test_merge_price (void)
{
  g_autoptr(AhiBlueprint) base = load ("hair_beauty");
  g_autoptr(AhiBlueprint) merged =
    merge_ok (base, "{\"services\": [{\"code\": \"kadin_sac_kesimi\", \"price_minor\": 95000}]}");
  const AhiBlueprintService *cut = ahi_blueprint_lookup_service (merged, "kadin_sac_kesimi");

  g_assert_cmpint (cut->price_minor, ==, 95000);
  /* Members the override does not name stay. */
  g_assert_cmpuint (cut->duration_min, ==, 60);
  g_assert_cmpuint (cut->revisit_days, ==, 56);
  g_assert_cmpuint (ahi_blueprint_get_n_services (merged), ==, ahi_blueprint_get_n_services (base));
  g_assert_cmpstr (ahi_blueprint_get_service (merged, 0)->code, ==, "kadin_sac_kesimi");
  g_assert_cmpint (ahi_blueprint_lookup_service (base, "kadin_sac_kesimi")->price_minor, ==, 90000);
  g_assert_false (ahi_blueprint_equal (base, merged));
}

static void
test_merge_add_service (void)
{
  g_autoptr(AhiBlueprint) base = load ("hair_beauty");
  guint n = ahi_blueprint_get_n_services (base);
  g_autoptr(AhiBlueprint) merged =
    merge_ok (base, "{\"services\": [{\"code\": \"sac_botoksu\", \"name\": \"Saç botoksu\","
                    " \"duration_min\": 90, \"price_minor\": 250000, \"vat_rate_bp\": 2000,"
                    " \"resource_kinds\": [\"chair\", \"specialist\"], \"revisit_days\": 60}]}");
  const AhiBlueprintService *added;

  g_assert_cmpuint (ahi_blueprint_get_n_services (merged), ==, n + 1);
  added = ahi_blueprint_get_service (merged, n);
  g_assert_cmpstr (added->code, ==, "sac_botoksu");
  g_assert_cmpstr (added->name, ==, "Saç botoksu");
  g_assert_cmpint (added->price_minor, ==, 250000);
  g_assert_null (ahi_blueprint_lookup_service (base, "sac_botoksu"));
}

static void
test_merge_remove_service (void)
{
  g_autoptr(AhiBlueprint) base = load ("hair_beauty");
  guint n = ahi_blueprint_get_n_services (base);
  g_autoptr(AhiBlueprint) merged =
    merge_ok (base, "{\"services\": [{\"code\": \"gelin_saci\", \"remove\": true}]}");

  g_assert_cmpuint (ahi_blueprint_get_n_services (merged), ==, n - 1);
  g_assert_null (ahi_blueprint_lookup_service (merged, "gelin_saci"));
  g_assert_nonnull (ahi_blueprint_lookup_service (base, "gelin_saci"));
}

static void
test_merge_disable_automation (void)
{
  g_autoptr(AhiBlueprint) base = load ("hair_beauty");
  g_autoptr(AhiBlueprint) merged =
    merge_ok (base, "{\"automation_defaults\": [{\"kind\": \"review_request\", \"enabled\": false},"
                    " {\"kind\": \"rebook\", \"params\": {\"max_days\": 60}}]}");
  const AhiAutomationRule *review = ahi_blueprint_lookup_automation (merged, "review_request");
  const AhiAutomationRule *rebook = ahi_blueprint_lookup_automation (merged, "rebook");

  g_assert_false (review->enabled);
  /* params untouched by the override stay as they were (delay 3 h). */
  g_assert_cmpint (ahi_automation_rule_get_int (review, "delay_hours"), ==, 3);
  g_assert_true (ahi_blueprint_lookup_automation (base, "review_request")->enabled);
  g_assert_cmpint (ahi_automation_rule_get_int (rebook, "min_days"), ==, 30);
  g_assert_cmpint (ahi_automation_rule_get_int (rebook, "max_days"), ==, 60);
  g_assert_cmpint (ahi_automation_rule_get_int (ahi_blueprint_lookup_automation (base, "rebook"), "max_days"), ==, 45);
}

static void
test_merge_kpi_order (void)
{
  g_autoptr(AhiBlueprint) base = load ("hair_beauty");
  g_autoptr(AhiBlueprint) merged =
    merge_ok (base, "{\"kpis\": [\"at_risk_customers\", \"revenue_sold\", \"no_show_rate_pct\"]}");
  const char * const *kpis = ahi_blueprint_get_kpis (merged);

  /* Arrays of scalars replace. */
  g_assert_cmpuint (g_strv_length ((char **) kpis), ==, 3);
  g_assert_cmpstr (kpis[0], ==, "at_risk_customers");
  g_assert_cmpstr (kpis[1], ==, "revenue_sold");
  g_assert_cmpstr (kpis[2], ==, "no_show_rate_pct");
  g_assert_false (ahi_blueprint_has_kpi (merged, "fill_rate_pct"));
  g_assert_cmpstr (ahi_blueprint_get_kpis (base)[0], ==, "revenue_sold");
}

/* An override stored or logged under KPI contract 1 still applies: the
 * old revenue ids are read as the new ones, in the list and as labels,
 * and the blueprint holds only the new ids. */
static void
test_merge_kpi_v1_ids (void)
{
  g_autoptr(AhiBlueprint) base = load ("hair_beauty");
  g_autoptr(AhiBlueprint) merged =
    merge_ok (base, "{\"kpis\": [\"revenue_net\", \"fill_rate_pct\", \"revenue_gross\"],"
                    " \"vocabulary\": {\"kpis\": {\"revenue_gross\": \"Ciro\", \"fill_rate_pct\": \"Doluluk\"}}}");
  const char * const *kpis = ahi_blueprint_get_kpis (merged);
  g_autofree char *json = canonical (merged);

  g_assert_cmpuint (g_strv_length ((char **) kpis), ==, 3);
  g_assert_cmpstr (kpis[0], ==, "revenue_net_of_tax");
  g_assert_cmpstr (kpis[1], ==, "fill_rate_pct");
  g_assert_cmpstr (kpis[2], ==, "revenue_sold");
  g_assert_cmpstr (ahi_blueprint_kpi_label (merged, "revenue_sold"), ==, "Ciro");
  g_assert_cmpstr (ahi_blueprint_kpi_label (merged, "revenue_net_of_tax"), ==, "Net (KDV excl.)");
  g_assert_cmpstr (ahi_blueprint_kpi_label (merged, "fill_rate_pct"), ==, "Doluluk");
  g_assert_null (strstr (json, "revenue_gross"));
  g_assert_null (strstr (json, "\"revenue_net\""));

  /* Labelling both names in one override is a contradiction: the old one
   * is then unknown, and nothing is merged. */
  {
    g_autoptr(JsonObject) both =
      parse_object ("{\"vocabulary\": {\"kpis\": {\"revenue_sold\": \"Satış\", \"revenue_gross\": \"Ciro\"}}}");
    g_autoptr(GError) error = NULL;
    g_autoptr(AhiBlueprint) none = ahi_blueprint_merge (base, both, &error);

    g_assert_null (none);
    g_assert_error (error, AHI_CORE_ERROR, AHI_CORE_ERROR_INVALID_BLUEPRINT);
    g_assert_nonnull (strstr (error->message, "revenue_gross"));
  }
}

static void
test_merge_objects (void)
{
  g_autoptr(AhiBlueprint) base = load ("hair_beauty");
  g_autoptr(AhiBlueprint) merged =
    merge_ok (base, "{\"vocabulary\": {\"customer\": \"Client\", \"kpis\": {\"fill_rate_pct\": \"Occupancy\"}},"
                    " \"finance\": {\"deposit_pct\": 50},"
                    " \"resource_kinds\": [{\"id\": \"chair\", \"label\": \"Seat\"},"
                    "   {\"id\": \"sink\", \"label\": \"Sink\", \"capacity\": false}],"
                    " \"id\": \"hair_beauty\"}");
  guint n;

  g_assert_cmpstr (ahi_blueprint_word (merged, "customer"), ==, "Client");
  g_assert_cmpstr (ahi_blueprint_word (merged, "customers"), ==, "Customers");
  g_assert_cmpstr (ahi_blueprint_kpi_label (merged, "fill_rate_pct"), ==, "Occupancy");
  g_assert_cmpstr (ahi_blueprint_kpi_label (merged, "no_show_rate_pct"), ==, "No-show rate");
  g_assert_cmpuint (ahi_blueprint_get_finance (merged)->deposit_pct, ==, 50);
  g_assert_cmpint (ahi_blueprint_get_finance (merged)->deposit_min_price_minor, ==, 500000);
  ahi_blueprint_get_resource_kinds (merged, &n);
  g_assert_cmpuint (n, ==, 4);
  g_assert_cmpstr (ahi_blueprint_lookup_resource_kind (merged, "chair")->label, ==, "Seat");
  g_assert_true (ahi_blueprint_lookup_resource_kind (merged, "chair")->capacity);
  g_assert_cmpstr (ahi_blueprint_get_capacity_kind (merged), ==, "chair");
}

static void
test_merge_empty (void)
{
  g_autoptr(AhiBlueprint) base = load ("dental_esthetic");
  g_autoptr(AhiBlueprint) merged = merge_ok (base, "{}");
  g_autoptr(JsonObject) json = ahi_blueprint_to_json (merged);
  g_autoptr(GError) error = NULL;
  g_autoptr(AhiBlueprint) again = ahi_blueprint_new_from_json (json, &error);

  g_assert_true (ahi_blueprint_equal (base, merged));
  g_assert_no_error (error);
  g_assert_true (ahi_blueprint_equal (merged, again));
}

typedef struct {
  const char *name;
  const char *overrides;
  const char *expect;
} BadMerge;

static const BadMerge bad_merges[] = {
  { "override-id", "{\"id\": \"dental_esthetic\"}", "id: cannot be overridden" },
  { "override-primary-object", "{\"primary_object\": \"patient_episode\"}", "primary_object: cannot be overridden" },
  { "override-contract-version", "{\"contract_version\": 2}", "contract_version: cannot be overridden" },
  { "remove-unknown", "{\"services\": [{\"code\": \"sac_ekimi\", \"remove\": true}]}",
    "services[0]: there is no 'sac_ekimi' to remove" },
  { "remove-false", "{\"services\": [{\"code\": \"manikur\", \"remove\": false}]}", "services[0].remove: must be true" },
  { "remove-with-more", "{\"services\": [{\"code\": \"manikur\", \"remove\": true, \"price_minor\": 1}]}",
    "services[0]: a removal names only code and remove" },
  { "no-key", "{\"services\": [{\"price_minor\": 1}]}", "services[0].code: missing" },
  { "twice", "{\"services\": [{\"code\": \"manikur\", \"price_minor\": 1}, {\"code\": \"manikur\", \"price_minor\": 2}]}",
    "services[1].code: 'manikur' appears twice" },
  { "not-an-array", "{\"services\": {\"code\": \"manikur\"}}", "services: must be an array" },
  { "negative-price", "{\"services\": [{\"code\": \"kadin_sac_kesimi\", \"price_minor\": -1}]}",
    "services[0].price_minor: must be between 0" },
  { "incomplete-new-service", "{\"services\": [{\"code\": \"sac_botoksu\", \"price_minor\": 250000}]}",
    "services[18].name: missing" },
  { "unknown-member", "{\"colour\": \"red\"}", "colour: unknown member" },
  { "second-capacity", "{\"resource_kinds\": [{\"id\": \"device\", \"capacity\": true}]}",
    "resource_kinds[2].capacity: second capacity kind" },
  { "remove-kind-in-use", "{\"resource_kinds\": [{\"id\": \"device\", \"remove\": true}]}",
    "resource_templates[3].kind: 'device' is not a declared resource kind" },
  { "undeclared-kind-named", "{\"services\": [{\"code\": \"manikur\", \"resource_kinds\": [\"chair\", \"lift\"]}]}",
    "services[11].resource_kinds[1]: 'lift' is not a declared resource kind (service 'manikur')" },
  { "unknown-kpi", "{\"kpis\": [\"revenue_sold\", \"vibes\"]}", "kpis[1]: unknown KPI" },
  { "bad-hours", "{\"default_opening_hours\": [{\"weekday\": 1, \"opens\": \"18:00\", \"closes\": \"09:00\"}]}",
    "default_opening_hours[0].closes: must be after opens" },
  { "tiers", "{\"risk_tiers\": {\"lost_pct\": 120}}", "risk_tiers.lost_pct: must be above at_risk_pct" },
  { "wrong-param-type", "{\"automation_defaults\": [{\"kind\": \"rebook\", \"params\": {\"min_days\": \"30\"}}]}",
    "automation_defaults[0].params.min_days: must be an integer" },
};

static void
test_bad_merge (gconstpointer data)
{
  const BadMerge *c = data;
  g_autoptr(AhiBlueprint) base = load ("hair_beauty");
  g_autofree char *before = canonical (base);
  g_autofree char *after = NULL;
  g_autoptr(JsonObject) overrides = parse_object (c->overrides);
  g_autofree char *overrides_before = NULL;
  g_autofree char *overrides_after = NULL;
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);
  g_autoptr(GError) error = NULL;
  g_autoptr(AhiBlueprint) merged = NULL;

  json_node_set_object (node, overrides);
  overrides_before = json_to_string (node, FALSE);

  merged = ahi_blueprint_merge (base, overrides, &error);
  g_assert_null (merged);
  g_assert_error (error, AHI_CORE_ERROR, AHI_CORE_ERROR_INVALID_BLUEPRINT);
  if (!g_str_has_prefix (error->message, c->expect))
    g_error ("%s: message \"%s\" does not start with \"%s\"", c->name, error->message, c->expect);

  /* Neither the base nor the caller's overrides changed. */
  after = canonical (base);
  g_assert_cmpstr (before, ==, after);
  overrides_after = json_to_string (node, FALSE);
  g_assert_cmpstr (overrides_before, ==, overrides_after);
}

static void
test_merge_keeps_overrides (void)
{
  g_autoptr(AhiBlueprint) base = load ("hair_beauty");
  g_autoptr(JsonObject) overrides =
    parse_object ("{\"finance\": {\"deposit_pct\": 40}, \"services\": [{\"code\": \"x_new\", \"name\": \"Yeni\","
                  " \"duration_min\": 30, \"price_minor\": 1000, \"vat_rate_bp\": 2000,"
                  " \"resource_kinds\": [\"chair\"], \"revisit_days\": null}]}");
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr(AhiBlueprint) once = NULL;
  g_autoptr(AhiBlueprint) twice = NULL;

  json_node_set_object (node, overrides);
  before = json_to_string (node, FALSE);
  once = merge_ok (base, "{}");
  g_clear_object (&once);
  {
    g_autoptr(GError) error = NULL;

    once = ahi_blueprint_merge (base, overrides, &error);
    g_assert_no_error (error);
    twice = ahi_blueprint_merge (base, overrides, &error);
    g_assert_no_error (error);
  }
  after = json_to_string (node, FALSE);
  /* The caller's overrides are read, never taken over or edited, so the
   * same overrides give the same blueprint every time. */
  g_assert_cmpstr (before, ==, after);
  g_assert_true (ahi_blueprint_equal (once, twice));
  g_assert_cmpuint (ahi_blueprint_lookup_service (once, "x_new")->revisit_days, ==, 0);
}

/* ------------------------------------------------------------------ words */

static void
test_words_header_fresh (void)
{
  const char *root = g_getenv ("AHI_SOURCE_ROOT");
  g_autofree char *tool = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GError) error = NULL;
  int status = 0;

  if (root == NULL)
    {
      g_test_skip ("AHI_SOURCE_ROOT is not set (run through meson test)");
      return;
    }

  tool = g_build_filename (root, "tools", "blueprint-words", NULL);
  {
    const char *argv[] = { "python3", tool, "--check", NULL };

    g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                  &out, &err, &status, &error);
  }
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, &error))
    g_error ("tools/blueprint-words --check: %s\n%s", error->message, err);
}

static void
free_gstring (GString *string)
{
  g_string_free (string, TRUE);
}

/* msgid → msgstr of the entries of a .po file that gettext would use:
 * not fuzzy, not obsolete, not the header. */
static GHashTable *
read_po (const char *path)
{
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) lines = NULL;
  GHashTable *table = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GString) msgid = NULL;
  g_autoptr(GString) msgstr = NULL;
  GString *current = NULL;
  gboolean fuzzy = FALSE;

  g_file_get_contents (path, &text, NULL, &error);
  g_assert_no_error (error);
  lines = g_strsplit (text, "\n", -1);

  for (guint i = 0; ; i++)
    {
      const char *line = lines[i];
      const char *quoted = NULL;

      /* An entry ends at a blank line or at the end of the file. */
      if (line == NULL || line[0] == '\0')
        {
          if (msgid != NULL && msgstr != NULL && msgid->len > 0 && !fuzzy)
            g_hash_table_insert (table, g_string_free (g_steal_pointer (&msgid), FALSE),
                                 g_string_free (g_steal_pointer (&msgstr), FALSE));
          g_clear_pointer (&msgid, free_gstring);
          g_clear_pointer (&msgstr, free_gstring);
          current = NULL;
          fuzzy = FALSE;
          if (line == NULL)
            break;
          continue;
        }

      if (g_str_has_prefix (line, "#,") && strstr (line, "fuzzy") != NULL)
        fuzzy = TRUE;
      else if (line[0] == '#')
        continue;
      else if (g_str_has_prefix (line, "msgid "))
        {
          msgid = g_string_new (NULL);
          current = msgid;
          quoted = line + strlen ("msgid ");
        }
      else if (g_str_has_prefix (line, "msgstr "))
        {
          msgstr = g_string_new (NULL);
          current = msgstr;
          quoted = line + strlen ("msgstr ");
        }
      else if (line[0] == '"')
        quoted = line;

      if (quoted != NULL && current != NULL)
        {
          g_autofree char *inner = NULL;
          g_autofree char *unescaped = NULL;
          gsize len = strlen (quoted);

          g_assert_cmpuint (len, >=, 2);
          g_assert_cmpint (quoted[0], ==, '"');
          g_assert_cmpint (quoted[len - 1], ==, '"');
          inner = g_strndup (quoted + 1, len - 2);
          unescaped = g_strcompress (inner);
          g_string_append (current, unescaped);
        }
    }

  return table;
}

static void
add_word (GPtrArray  *words,
          const char *word)
{
  g_assert_nonnull (word);
  g_ptr_array_add (words, (gpointer) word);
}

static void
test_words_translated (void)
{
  const char *root = g_getenv ("AHI_SOURCE_ROOT");
  const char * const *ids = ahi_blueprint_list_ids ();
  g_autofree char *po_path = NULL;
  g_autoptr(GHashTable) po = NULL;
  g_autoptr(GPtrArray) blueprints = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) words = g_ptr_array_new ();
  const char * const keys[] = {
    "customer", "customers", "visit", "visits", "resource", "resources", "primary_item", "primary_list", NULL
  };

  if (root == NULL)
    {
      g_test_skip ("AHI_SOURCE_ROOT is not set (run through meson test)");
      return;
    }

  /* Every word a shipped blueprint can show. */
  for (guint i = 0; ids[i] != NULL; i++)
    {
      AhiBlueprint *bp = load (ids[i]);
      const AhiResourceKind *kinds;
      guint n;

      g_ptr_array_add (blueprints, bp);
      for (guint k = 0; keys[k] != NULL; k++)
        add_word (words, ahi_blueprint_word (bp, keys[k]));
      for (guint k = 0; ahi_blueprint_get_modules (bp)[k] != NULL; k++)
        add_word (words, ahi_blueprint_module_label (bp, ahi_blueprint_get_modules (bp)[k]));
      for (guint k = 0; ahi_blueprint_get_kpis (bp)[k] != NULL; k++)
        add_word (words, ahi_blueprint_kpi_label (bp, ahi_blueprint_get_kpis (bp)[k]));
      for (guint k = 0; ahi_blueprint_known_modules ()[k] != NULL; k++)
        {
          const char *label = ahi_blueprint_module_label (bp, ahi_blueprint_known_modules ()[k]);
          if (label != NULL)
            add_word (words, label);
        }
      for (guint k = 0; ahi_blueprint_known_kpis ()[k] != NULL; k++)
        {
          const char *label = ahi_blueprint_kpi_label (bp, ahi_blueprint_known_kpis ()[k]);
          if (label != NULL)
            add_word (words, label);
        }
      kinds = ahi_blueprint_get_resource_kinds (bp, &n);
      for (guint k = 0; k < n; k++)
        add_word (words, kinds[k].label);
    }

  po_path = g_build_filename (root, "po", "tr.po", NULL);
  po = read_po (po_path);

  for (guint i = 0; i < words->len; i++)
    {
      const char *word = g_ptr_array_index (words, i);
      const char *translation = g_hash_table_lookup (po, word);

      if (!g_strv_contains (ahi_blueprint_words, word))
        g_error ("\"%s\" is not in src/core/ahi-blueprint-words.h", word);
      if (translation == NULL || translation[0] == '\0')
        g_error ("\"%s\" has no Turkish translation in po/tr.po", word);
    }

  /* And the other way: the header lists nothing untranslated. */
  for (guint i = 0; ahi_blueprint_words[i] != NULL; i++)
    {
      const char *translation = g_hash_table_lookup (po, ahi_blueprint_words[i]);

      g_assert_nonnull (translation);
      g_assert_cmpstr (translation, !=, "");
    }

  /* The words of UI.md, by hand. */
  g_assert_cmpstr (g_hash_table_lookup (po, "Customer"), ==, "Müşteri");
  g_assert_cmpstr (g_hash_table_lookup (po, "Visit"), ==, "Ziyaret");
  g_assert_cmpstr (g_hash_table_lookup (po, "Patient"), ==, "Hasta");
  g_assert_cmpstr (g_hash_table_lookup (po, "Treatment"), ==, "Tedavi");
  g_assert_cmpstr (g_hash_table_lookup (po, "Vehicle"), ==, "Araç");
  g_assert_cmpstr (g_hash_table_lookup (po, "Job card"), ==, "İş emri");
  g_assert_cmpstr (g_hash_table_lookup (po, "Patients"), ==, "Hastalar");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  ahi_core_init ();

  g_test_add_func ("/core/blueprint/list-ids", test_list_ids);
  g_test_add_func ("/core/blueprint/load-unknown", test_load_unknown);
  g_test_add_func ("/core/blueprint/hair-beauty", test_hair);
  g_test_add_func ("/core/blueprint/dental-esthetic", test_dental);
  g_test_add_func ("/core/blueprint/auto-service", test_auto);
  g_test_add_func ("/core/blueprint/generic", test_generic);
  g_test_add_func ("/core/blueprint/round-trip", test_round_trip);

  for (guint i = 0; i < G_N_ELEMENTS (bad_cases); i++)
    {
      g_autofree char *name = g_strdup_printf ("/core/blueprint/refused/%s", bad_cases[i].name);
      g_test_add_data_func (name, &bad_cases[i], test_bad_blueprint);
    }
  g_test_add_func ("/core/blueprint/refused/dental-without-healthcare-mode", test_dental_healthcare_mode_stays);

  g_test_add_func ("/core/blueprint/merge/price", test_merge_price);
  g_test_add_func ("/core/blueprint/merge/add-service", test_merge_add_service);
  g_test_add_func ("/core/blueprint/merge/remove-service", test_merge_remove_service);
  g_test_add_func ("/core/blueprint/merge/disable-automation", test_merge_disable_automation);
  g_test_add_func ("/core/blueprint/merge/kpi-order", test_merge_kpi_order);
  g_test_add_func ("/core/blueprint/merge/kpi-v1-ids", test_merge_kpi_v1_ids);
  g_test_add_func ("/core/blueprint/merge/objects", test_merge_objects);
  g_test_add_func ("/core/blueprint/merge/empty", test_merge_empty);
  g_test_add_func ("/core/blueprint/merge/keeps-overrides", test_merge_keeps_overrides);
  for (guint i = 0; i < G_N_ELEMENTS (bad_merges); i++)
    {
      g_autofree char *name = g_strdup_printf ("/core/blueprint/merge-refused/%s", bad_merges[i].name);
      g_test_add_data_func (name, &bad_merges[i], test_bad_merge);
    }

  g_test_add_func ("/core/blueprint/words/header-fresh", test_words_header_fresh);
  g_test_add_func ("/core/blueprint/words/translated", test_words_translated);

  return g_test_run ();
}
