/* ahi-blueprint-json.c — the canonical JSON form of a blueprint, and equality by it */
#include "ahi-blueprint-private.h"

/* --------------------------------------------------------- canonical JSON */

static JsonArray *
strv_to_array (const char * const *strv)
{
  JsonArray *array = json_array_new ();

  for (guint i = 0; strv[i] != NULL; i++)
    json_array_add_string_element (array, strv[i]);
  return array;
}

static char *
format_clock (guint minutes)
{
  return g_strdup_printf ("%02u:%02u", minutes / 60, minutes % 60);
}

static JsonObject *
required_fields_to_json (AhiBlueprint *self)
{
  JsonObject *object = json_object_new ();

  for (guint i = 0; _ahi_blueprint_required_objects[i] != NULL; i++)
    {
      if (self->required[i] != NULL)
        json_object_set_array_member (object, _ahi_blueprint_required_objects[i],
                                      strv_to_array ((const char * const *) self->required[i]));
    }
  return object;
}

static JsonArray *
resource_kinds_to_json (AhiBlueprint *self)
{
  JsonArray *array = json_array_new ();

  for (guint i = 0; i < self->resource_kinds->len; i++)
    {
      const AhiResourceKind *kind = &g_array_index (self->resource_kinds, AhiResourceKind, i);
      JsonObject *item = json_object_new ();

      json_object_set_string_member (item, "id", kind->id);
      json_object_set_string_member (item, "label", kind->label);
      json_object_set_boolean_member (item, "capacity", kind->capacity);
      json_array_add_object_element (array, item);
    }
  return array;
}

static JsonArray *
templates_to_json (AhiBlueprint *self)
{
  JsonArray *array = json_array_new ();

  for (guint i = 0; i < self->templates->len; i++)
    {
      const AhiResourceTemplate *template = &g_array_index (self->templates, AhiResourceTemplate, i);
      JsonObject *item = json_object_new ();

      json_object_set_string_member (item, "kind", template->kind);
      json_object_set_string_member (item, "name", template->name);
      json_array_add_object_element (array, item);
    }
  return array;
}

static JsonArray *
automations_to_json (AhiBlueprint *self)
{
  JsonArray *array = json_array_new ();

  for (guint i = 0; i < self->automations->len; i++)
    {
      const AhiAutomationRule *rule = &g_array_index (self->automations, AhiAutomationRule, i);
      JsonObject *item = json_object_new ();
      JsonObject *params = json_object_new ();
      g_autoptr(GList) names = json_object_get_members (rule->params);

      /* A fresh copy: a merge edits the canonical form in place and must
       * never reach the params this blueprint keeps. */
      for (GList *l = names; l != NULL; l = l->next)
        json_object_set_member (params, l->data,
                                json_node_copy (json_object_get_member (rule->params, l->data)));

      json_object_set_string_member (item, "kind", rule->kind);
      json_object_set_boolean_member (item, "enabled", rule->enabled);
      json_object_set_object_member (item, "params", params);
      json_array_add_object_element (array, item);
    }
  return array;
}

static JsonObject *
risk_tiers_to_json (AhiBlueprint *self)
{
  JsonObject *object = json_object_new ();

  json_object_set_int_member (object, "due_pct", self->risk_tiers.due_pct);
  json_object_set_int_member (object, "at_risk_pct", self->risk_tiers.at_risk_pct);
  json_object_set_int_member (object, "lost_pct", self->risk_tiers.lost_pct);
  json_object_set_int_member (object, "fallback_cycle_days", self->risk_tiers.fallback_cycle_days);
  return object;
}

static JsonObject *
finance_to_json (AhiBlueprint *self)
{
  const AhiFinancePolicy *f = &self->finance;
  JsonObject *object = json_object_new ();

  json_object_set_string_member (object, "currency", f->currency);
  json_object_set_int_member (object, "vat_rate_bp", f->vat_rate_bp);
  json_object_set_string_member (object, "default_payment_method", f->default_payment_method);
  json_object_set_int_member (object, "deposit_pct", f->deposit_pct);
  json_object_set_int_member (object, "deposit_min_price_minor", f->deposit_min_price_minor);
  json_object_set_int_member (object, "no_show_fee_pct", f->no_show_fee_pct);
  json_object_set_int_member (object, "late_cancel_hours", f->late_cancel_hours);
  return object;
}

static JsonObject *
compliance_to_json (AhiBlueprint *self)
{
  const AhiCompliance *c = &self->compliance;
  JsonObject *object = json_object_new ();

  json_object_set_boolean_member (object, "kvkk", c->kvkk);
  json_object_set_boolean_member (object, "gdpr_ready", c->gdpr_ready);
  json_object_set_boolean_member (object, "healthcare_mode", c->healthcare_mode);
  json_object_set_int_member (object, "retention_months", c->retention_months);
  return object;
}

static JsonArray *
opening_hours_to_json (AhiBlueprint *self)
{
  JsonArray *array = json_array_new ();

  for (guint i = 0; i < self->opening_hours->len; i++)
    {
      const AhiOpeningInterval *interval = &g_array_index (self->opening_hours, AhiOpeningInterval, i);
      g_autofree char *opens = format_clock (interval->opens_min);
      g_autofree char *closes = format_clock (interval->closes_min);
      JsonObject *item = json_object_new ();

      json_object_set_int_member (item, "weekday", interval->weekday);
      json_object_set_string_member (item, "opens", opens);
      json_object_set_string_member (item, "closes", closes);
      json_array_add_object_element (array, item);
    }
  return array;
}

static JsonArray *
services_to_json (AhiBlueprint *self)
{
  JsonArray *array = json_array_new ();

  for (guint i = 0; i < self->services->len; i++)
    {
      const AhiBlueprintService *service = &g_array_index (self->services, AhiBlueprintService, i);
      JsonObject *item = json_object_new ();

      json_object_set_string_member (item, "code", service->code);
      json_object_set_string_member (item, "name", service->name);
      json_object_set_int_member (item, "duration_min", service->duration_min);
      json_object_set_int_member (item, "price_minor", service->price_minor);
      json_object_set_int_member (item, "vat_rate_bp", service->vat_rate_bp);
      json_object_set_array_member (item, "resource_kinds", strv_to_array (service->resource_kinds));
      if (service->revisit_days > 0)
        json_object_set_int_member (item, "revisit_days", service->revisit_days);
      else
        json_object_set_null_member (item, "revisit_days");
      /* Only vehicles have kilometres: the member is left out elsewhere. */
      if (service->revisit_km > 0)
        json_object_set_int_member (item, "revisit_km", service->revisit_km);
      json_array_add_object_element (array, item);
    }
  return array;
}

static JsonObject *
labels_to_json (GHashTable         *labels,
                const char * const *known)
{
  JsonObject *object = json_object_new ();

  /* In the contract's order, so that the form does not depend on hashing. */
  for (guint i = 0; known[i] != NULL; i++)
    {
      const char *label = g_hash_table_lookup (labels, known[i]);

      if (label != NULL)
        json_object_set_string_member (object, known[i], label);
    }
  return object;
}

static JsonObject *
vocabulary_to_json (AhiBlueprint *self)
{
  JsonObject *object = json_object_new ();

  for (guint i = 0; _ahi_blueprint_word_keys[i] != NULL; i++)
    json_object_set_string_member (object, _ahi_blueprint_word_keys[i], g_hash_table_lookup (self->words, _ahi_blueprint_word_keys[i]));
  json_object_set_object_member (object, "modules", labels_to_json (self->module_labels, _ahi_blueprint_known_modules));
  json_object_set_object_member (object, "kpis", labels_to_json (self->kpi_labels, _ahi_blueprint_known_kpis));
  return object;
}

static char *
to_canonical_string (AhiBlueprint *self)
{
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);

  json_node_take_object (node, ahi_blueprint_to_json (self));
  return json_to_string (node, FALSE);
}

/* ------------------------------------------------------------ public API */

JsonObject *
ahi_blueprint_to_json (AhiBlueprint *self)
{
  JsonObject *object;

  g_return_val_if_fail (AHI_IS_BLUEPRINT (self), NULL);

  object = json_object_new ();
  json_object_set_int_member (object, "contract_version", AHI_BLUEPRINT_CONTRACT_VERSION);
  json_object_set_string_member (object, "id", self->id);
  json_object_set_string_member (object, "primary_object", self->primary_object);
  json_object_set_object_member (object, "required_fields", required_fields_to_json (self));
  json_object_set_array_member (object, "resource_kinds", resource_kinds_to_json (self));
  json_object_set_array_member (object, "resource_templates", templates_to_json (self));
  json_object_set_array_member (object, "kpis", strv_to_array ((const char * const *) self->kpis));
  json_object_set_array_member (object, "modules", strv_to_array ((const char * const *) self->modules));
  json_object_set_array_member (object, "automation_defaults", automations_to_json (self));
  json_object_set_object_member (object, "risk_tiers", risk_tiers_to_json (self));
  json_object_set_object_member (object, "finance", finance_to_json (self));
  json_object_set_object_member (object, "compliance", compliance_to_json (self));
  json_object_set_array_member (object, "default_opening_hours", opening_hours_to_json (self));
  json_object_set_array_member (object, "services", services_to_json (self));
  json_object_set_object_member (object, "vocabulary", vocabulary_to_json (self));
  return object;
}

gboolean
ahi_blueprint_equal (AhiBlueprint *a,
                     AhiBlueprint *b)
{
  g_autofree char *sa = NULL;
  g_autofree char *sb = NULL;

  g_return_val_if_fail (AHI_IS_BLUEPRINT (a), FALSE);
  g_return_val_if_fail (AHI_IS_BLUEPRINT (b), FALSE);

  if (a == b)
    return TRUE;
  sa = to_canonical_string (a);
  sb = to_canonical_string (b);
  return g_str_equal (sa, sb);
}
