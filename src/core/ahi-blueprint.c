/* ahi-blueprint.c — a sector's blueprint: the type, loading and accessors
 *
 * Reading a blueprint and checking it are one pass: every section is parsed
 * into the structs the accessors hand out, and the first broken rule stops
 * the pass with a message that starts with the member's path. The canonical
 * JSON form is rebuilt from those structs, so what a blueprint says is
 * exactly what it parsed. Merging works on JSON: the base's canonical form
 * with the overrides folded in is parsed again as a whole, which is what
 * makes a half-merged blueprint impossible. The parse is in
 * ahi-blueprint-parse.c, the merge in ahi-blueprint-merge.c, the canonical
 * form in ahi-blueprint-json.c.
 */
#include "ahi-blueprint-private.h"

#include "ahi-core.h"

G_DEFINE_FINAL_TYPE (AhiBlueprint, ahi_blueprint, G_TYPE_OBJECT)

/* ------------------------------------------------------------ the contract */

static const char * const shipped_ids[] = {
  "hair_beauty", "dental_esthetic", "auto_service", "generic", NULL
};

/* --------------------------------------------------------------- GObject */

static void
clear_automation_rule (gpointer data)
{
  AhiAutomationRule *rule = data;

  g_clear_pointer (&rule->params, json_object_unref);
}

static void
clear_service (gpointer data)
{
  AhiBlueprintService *service = data;

  g_strfreev ((char **) service->resource_kinds);
  service->resource_kinds = NULL;
}

static void
ahi_blueprint_finalize (GObject *object)
{
  AhiBlueprint *self = AHI_BLUEPRINT (object);

  for (guint i = 0; i < G_N_ELEMENTS (self->required); i++)
    g_clear_pointer (&self->required[i], g_strfreev);
  g_clear_pointer (&self->resource_kinds, g_array_unref);
  g_clear_pointer (&self->templates, g_array_unref);
  g_clear_pointer (&self->kpis, g_strfreev);
  g_clear_pointer (&self->modules, g_strfreev);
  g_clear_pointer (&self->automations, g_array_unref);
  g_clear_pointer (&self->opening_hours, g_array_unref);
  g_clear_pointer (&self->services, g_array_unref);
  g_clear_pointer (&self->words, g_hash_table_unref);
  g_clear_pointer (&self->module_labels, g_hash_table_unref);
  g_clear_pointer (&self->kpi_labels, g_hash_table_unref);
  g_clear_pointer (&self->strings, g_string_chunk_free);

  G_OBJECT_CLASS (ahi_blueprint_parent_class)->finalize (object);
}

static void
ahi_blueprint_class_init (AhiBlueprintClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = ahi_blueprint_finalize;
}

static void
ahi_blueprint_init (AhiBlueprint *self)
{
  self->strings = g_string_chunk_new (1024);
  self->resource_kinds = g_array_new (FALSE, TRUE, sizeof (AhiResourceKind));
  self->templates = g_array_new (FALSE, TRUE, sizeof (AhiResourceTemplate));
  self->automations = g_array_new (FALSE, TRUE, sizeof (AhiAutomationRule));
  g_array_set_clear_func (self->automations, clear_automation_rule);
  self->opening_hours = g_array_new (FALSE, TRUE, sizeof (AhiOpeningInterval));
  self->services = g_array_new (FALSE, TRUE, sizeof (AhiBlueprintService));
  g_array_set_clear_func (self->services, clear_service);
  /* Keys and values point into self->strings or at static tables. */
  self->words = g_hash_table_new (g_str_hash, g_str_equal);
  self->module_labels = g_hash_table_new (g_str_hash, g_str_equal);
  self->kpi_labels = g_hash_table_new (g_str_hash, g_str_equal);
}

/* ------------------------------------------------------------ public API */

const char * const *
ahi_blueprint_list_ids (void)
{
  return shipped_ids;
}

const char * const *
ahi_blueprint_known_kpis (void)
{
  return _ahi_blueprint_known_kpis;
}

const char * const *
ahi_blueprint_known_modules (void)
{
  return _ahi_blueprint_known_modules;
}

AhiBlueprint *
ahi_blueprint_load (const char  *sector_id,
                    GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(AhiBlueprint) blueprint = NULL;
  g_autofree char *resource = NULL;
  JsonNode *root;

  g_return_val_if_fail (sector_id != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  /* Checked against the list before it becomes part of a resource path. */
  if (!g_strv_contains (shipped_ids, sector_id))
    {
      _ahi_blueprint_report_error (error, "id", "no shipped blueprint is called '%s'", sector_id);
      return NULL;
    }

  ahi_core_init ();
  resource = g_strdup_printf ("/app/ahi/Desk/blueprints/%s.json", sector_id);
  bytes = g_resources_lookup_data (resource, G_RESOURCE_LOOKUP_FLAGS_NONE, &local_error);
  if (bytes == NULL)
    {
      _ahi_blueprint_report_error (error, resource, "%s", local_error->message);
      return NULL;
    }

  parser = json_parser_new ();
  if (!json_parser_load_from_data (parser, g_bytes_get_data (bytes, NULL),
                                   (gssize) g_bytes_get_size (bytes), &local_error))
    {
      _ahi_blueprint_report_error (error, resource, "%s", local_error->message);
      return NULL;
    }

  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      _ahi_blueprint_report_error (error, resource, "not a JSON object");
      return NULL;
    }

  blueprint = ahi_blueprint_new_from_json (json_node_get_object (root), error);
  if (blueprint == NULL)
    return NULL;
  if (!g_str_equal (blueprint->id, sector_id))
    {
      _ahi_blueprint_report_error (error, "id", "is '%s' in %s", blueprint->id, resource);
      return NULL;
    }

  return g_steal_pointer (&blueprint);
}

const char *
ahi_blueprint_get_id (AhiBlueprint *self)
{
  g_return_val_if_fail (AHI_IS_BLUEPRINT (self), NULL);
  return self->id;
}

const char *
ahi_blueprint_get_primary_object (AhiBlueprint *self)
{
  g_return_val_if_fail (AHI_IS_BLUEPRINT (self), NULL);
  return self->primary_object;
}

const char * const *
ahi_blueprint_get_required_fields (AhiBlueprint *self,
                                   const char   *object)
{
  static const char * const none[] = { NULL };
  gssize idx;

  g_return_val_if_fail (AHI_IS_BLUEPRINT (self), none);
  g_return_val_if_fail (object != NULL, none);

  idx = _ahi_blueprint_strv_index (_ahi_blueprint_required_objects, object);
  if (idx < 0 || self->required[idx] == NULL)
    return none;
  return (const char * const *) self->required[idx];
}

gboolean
ahi_blueprint_is_field_required (AhiBlueprint *self,
                                 const char   *object,
                                 const char   *field)
{
  g_return_val_if_fail (AHI_IS_BLUEPRINT (self), FALSE);
  g_return_val_if_fail (object != NULL, FALSE);
  g_return_val_if_fail (field != NULL, FALSE);

  return g_strv_contains (ahi_blueprint_get_required_fields (self, object), field);
}

const AhiResourceKind *
ahi_blueprint_get_resource_kinds (AhiBlueprint *self,
                                  guint        *n_kinds)
{
  g_return_val_if_fail (AHI_IS_BLUEPRINT (self), NULL);
  g_return_val_if_fail (n_kinds != NULL, NULL);

  *n_kinds = self->resource_kinds->len;
  return (const AhiResourceKind *) (gpointer) self->resource_kinds->data;
}

const AhiResourceKind *
ahi_blueprint_lookup_resource_kind (AhiBlueprint *self,
                                    const char   *kind_id)
{
  g_return_val_if_fail (AHI_IS_BLUEPRINT (self), NULL);
  g_return_val_if_fail (kind_id != NULL, NULL);

  for (guint i = 0; i < self->resource_kinds->len; i++)
    {
      const AhiResourceKind *kind = &g_array_index (self->resource_kinds, AhiResourceKind, i);

      if (g_str_equal (kind->id, kind_id))
        return kind;
    }
  return NULL;
}

const char *
ahi_blueprint_get_capacity_kind (AhiBlueprint *self)
{
  g_return_val_if_fail (AHI_IS_BLUEPRINT (self), NULL);
  return self->capacity_kind;
}

const AhiResourceTemplate *
ahi_blueprint_get_resource_templates (AhiBlueprint *self,
                                      guint        *n_templates)
{
  g_return_val_if_fail (AHI_IS_BLUEPRINT (self), NULL);
  g_return_val_if_fail (n_templates != NULL, NULL);

  *n_templates = self->templates->len;
  return (const AhiResourceTemplate *) (gpointer) self->templates->data;
}

const char * const *
ahi_blueprint_get_kpis (AhiBlueprint *self)
{
  g_return_val_if_fail (AHI_IS_BLUEPRINT (self), NULL);
  return (const char * const *) self->kpis;
}

const char * const *
ahi_blueprint_get_modules (AhiBlueprint *self)
{
  g_return_val_if_fail (AHI_IS_BLUEPRINT (self), NULL);
  return (const char * const *) self->modules;
}

gboolean
ahi_blueprint_has_kpi (AhiBlueprint *self,
                       const char   *kpi)
{
  g_return_val_if_fail (AHI_IS_BLUEPRINT (self), FALSE);
  g_return_val_if_fail (kpi != NULL, FALSE);

  return g_strv_contains ((const char * const *) self->kpis, kpi);
}

gboolean
ahi_blueprint_has_module (AhiBlueprint *self,
                          const char   *module)
{
  g_return_val_if_fail (AHI_IS_BLUEPRINT (self), FALSE);
  g_return_val_if_fail (module != NULL, FALSE);

  return g_strv_contains ((const char * const *) self->modules, module);
}

const AhiAutomationRule *
ahi_blueprint_get_automation_rules (AhiBlueprint *self,
                                    guint        *n_rules)
{
  g_return_val_if_fail (AHI_IS_BLUEPRINT (self), NULL);
  g_return_val_if_fail (n_rules != NULL, NULL);

  *n_rules = self->automations->len;
  return (const AhiAutomationRule *) (gpointer) self->automations->data;
}

const AhiAutomationRule *
ahi_blueprint_lookup_automation (AhiBlueprint *self,
                                 const char   *kind)
{
  g_return_val_if_fail (AHI_IS_BLUEPRINT (self), NULL);
  g_return_val_if_fail (kind != NULL, NULL);

  for (guint i = 0; i < self->automations->len; i++)
    {
      const AhiAutomationRule *rule = &g_array_index (self->automations, AhiAutomationRule, i);

      if (g_str_equal (rule->kind, kind))
        return rule;
    }
  return NULL;
}

gint64
ahi_automation_rule_get_int (const AhiAutomationRule *rule,
                             const char              *param)
{
  JsonNode *node;

  g_return_val_if_fail (rule != NULL, 0);
  g_return_val_if_fail (param != NULL, 0);

  node = json_object_get_member (rule->params, param);
  g_return_val_if_fail (node != NULL && json_node_get_value_type (node) == G_TYPE_INT64, 0);
  return json_node_get_int (node);
}

const char *
ahi_automation_rule_get_string (const AhiAutomationRule *rule,
                                const char              *param)
{
  JsonNode *node;

  g_return_val_if_fail (rule != NULL, NULL);
  g_return_val_if_fail (param != NULL, NULL);

  node = json_object_get_member (rule->params, param);
  g_return_val_if_fail (node != NULL && json_node_get_value_type (node) == G_TYPE_STRING, NULL);
  return json_node_get_string (node);
}

const AhiRiskTiers *
ahi_blueprint_get_risk_tiers (AhiBlueprint *self)
{
  g_return_val_if_fail (AHI_IS_BLUEPRINT (self), NULL);
  return &self->risk_tiers;
}

const AhiFinancePolicy *
ahi_blueprint_get_finance (AhiBlueprint *self)
{
  g_return_val_if_fail (AHI_IS_BLUEPRINT (self), NULL);
  return &self->finance;
}

const AhiCompliance *
ahi_blueprint_get_compliance (AhiBlueprint *self)
{
  g_return_val_if_fail (AHI_IS_BLUEPRINT (self), NULL);
  return &self->compliance;
}

const AhiOpeningInterval *
ahi_blueprint_get_opening_hours (AhiBlueprint *self,
                                 guint        *n_intervals)
{
  g_return_val_if_fail (AHI_IS_BLUEPRINT (self), NULL);
  g_return_val_if_fail (n_intervals != NULL, NULL);

  *n_intervals = self->opening_hours->len;
  return (const AhiOpeningInterval *) (gpointer) self->opening_hours->data;
}

guint
ahi_blueprint_get_n_services (AhiBlueprint *self)
{
  g_return_val_if_fail (AHI_IS_BLUEPRINT (self), 0);
  return self->services->len;
}

const AhiBlueprintService *
ahi_blueprint_get_service (AhiBlueprint *self,
                           guint         index)
{
  g_return_val_if_fail (AHI_IS_BLUEPRINT (self), NULL);
  g_return_val_if_fail (index < self->services->len, NULL);

  return &g_array_index (self->services, AhiBlueprintService, index);
}

const AhiBlueprintService *
ahi_blueprint_lookup_service (AhiBlueprint *self,
                              const char   *code)
{
  g_return_val_if_fail (AHI_IS_BLUEPRINT (self), NULL);
  g_return_val_if_fail (code != NULL, NULL);

  for (guint i = 0; i < self->services->len; i++)
    {
      const AhiBlueprintService *service = &g_array_index (self->services, AhiBlueprintService, i);

      if (g_str_equal (service->code, code))
        return service;
    }
  return NULL;
}

const char *
ahi_blueprint_word (AhiBlueprint *self,
                    const char   *key)
{
  g_return_val_if_fail (AHI_IS_BLUEPRINT (self), NULL);
  g_return_val_if_fail (key != NULL, NULL);

  return g_hash_table_lookup (self->words, key);
}

const char *
ahi_blueprint_module_label (AhiBlueprint *self,
                            const char   *module)
{
  g_return_val_if_fail (AHI_IS_BLUEPRINT (self), NULL);
  g_return_val_if_fail (module != NULL, NULL);

  return g_hash_table_lookup (self->module_labels, module);
}

const char *
ahi_blueprint_kpi_label (AhiBlueprint *self,
                         const char   *kpi)
{
  g_return_val_if_fail (AHI_IS_BLUEPRINT (self), NULL);
  g_return_val_if_fail (kpi != NULL, NULL);

  return g_hash_table_lookup (self->kpi_labels, kpi);
}
