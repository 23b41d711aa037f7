/* ahi-tenant-bootstrap.c — the events that create a business */
#include "store/ahi-tenant-bootstrap.h"

#include "core/ahi-blueprint.h"
#include "core/ahi-id.h"
#include "core/ahi-time.h"

typedef struct {
  const AhiTenantSpec *spec;
  char                *device_id;
  char                *owner_id;
  GPtrArray           *events;
} Bootstrap;

static char *
derived_id (const char *tenant_id,
            const char *kind,
            const char *key)
{
  g_autofree char *name = g_strdup_printf ("ahi-bootstrap/%s/%s", kind, key);
  return ahi_id_derive (tenant_id, name);
}

/* Adds an event whose id, entity id and sequence follow from the tenant
 * id and key alone. */
static AhiEvent *
add_event (Bootstrap  *boot,
           const char *type,
           const char *entity_id,
           const char *key)
{
  AhiEvent *event = ahi_event_new (type, boot->spec->tenant_id, entity_id, boot->device_id,
                                   boot->events->len + 1, boot->owner_id, "owner",
                                   boot->spec->created_at);
  g_free (event->event_id);
  event->event_id = derived_id (boot->spec->tenant_id, "event", key);
  g_ptr_array_add (boot->events, event);
  return event;
}

static JsonArray *
copy_array (JsonArray *array)
{
  JsonArray *copy = json_array_new ();

  for (guint i = 0; i < json_array_get_length (array); i++)
    json_array_add_element (copy, json_node_copy (json_array_get_element (array, i)));
  return copy;
}

static char *
format_clock (guint minutes)
{
  return g_strdup_printf ("%02u:%02u", minutes / 60, minutes % 60);
}

static JsonArray *
default_opening_hours (AhiBlueprint *blueprint)
{
  JsonArray *hours = json_array_new ();
  guint n = 0;
  const AhiOpeningInterval *intervals = ahi_blueprint_get_opening_hours (blueprint, &n);

  for (guint i = 0; i < n; i++)
    {
      JsonObject *interval = json_object_new ();
      g_autofree char *opens = format_clock (intervals[i].opens_min);
      g_autofree char *closes = format_clock (intervals[i].closes_min);

      json_object_set_int_member (interval, "weekday", intervals[i].weekday);
      json_object_set_string_member (interval, "opens", opens);
      json_object_set_string_member (interval, "closes", closes);
      json_array_add_object_element (hours, interval);
    }
  return hours;
}

/* Staff hours of the owner: the business's opening hours. */
static JsonArray *
owner_intervals (JsonArray *opening_hours)
{
  JsonArray *intervals = json_array_new ();

  for (guint i = 0; i < json_array_get_length (opening_hours); i++)
    {
      JsonObject *hours = json_array_get_object_element (opening_hours, i);
      JsonObject *interval = json_object_new ();

      json_object_set_int_member (interval, "weekday", json_object_get_int_member (hours, "weekday"));
      json_object_set_string_member (interval, "starts", json_object_get_string_member (hours, "opens"));
      json_object_set_string_member (interval, "ends", json_object_get_string_member (hours, "closes"));
      json_array_add_object_element (intervals, interval);
    }
  return intervals;
}

static JsonArray *
string_array (const char * const *strings)
{
  JsonArray *array = json_array_new ();

  for (guint i = 0; strings != NULL && strings[i] != NULL; i++)
    json_array_add_string_element (array, strings[i]);
  return array;
}

GPtrArray *
ahi_tenant_bootstrap_events (const AhiTenantSpec  *spec,
                             GError              **error)
{
  g_autoptr(AhiBlueprint) blueprint = NULL;
  g_autoptr(JsonArray) hours = NULL;
  g_autoptr(GPtrArray) events = g_ptr_array_new_with_free_func ((GDestroyNotify) ahi_event_free);
  g_autofree char *device_id = NULL;
  g_autofree char *owner_id = NULL;
  const AhiCompliance *compliance;
  const AhiResourceTemplate *templates;
  const AhiAutomationRule *rules;
  guint n = 0;
  Bootstrap boot;
  AhiEvent *event;

  g_return_val_if_fail (spec != NULL, NULL);
  g_return_val_if_fail (ahi_id_is_valid (spec->tenant_id), NULL);
  g_return_val_if_fail (spec->name != NULL && spec->sector != NULL && spec->owner_name != NULL, NULL);

  blueprint = ahi_blueprint_load (spec->sector, error);
  if (blueprint == NULL)
    return NULL;

  device_id = derived_id (spec->tenant_id, "device", "bootstrap");
  owner_id = ahi_tenant_owner_id (spec->tenant_id);
  boot = (Bootstrap) { spec, device_id, owner_id, events };

  hours = spec->opening_hours != NULL ? copy_array (spec->opening_hours) : default_opening_hours (blueprint);

  event = add_event (&boot, "tenant.created", spec->tenant_id, "tenant");
  json_object_set_string_member (event->payload, "name", spec->name);
  json_object_set_string_member (event->payload, "sector", spec->sector);
  json_object_set_string_member (event->payload, "timezone", spec->timezone ? spec->timezone : AHI_DEFAULT_TIMEZONE);
  json_object_set_string_member (event->payload, "currency", ahi_blueprint_get_finance (blueprint)->currency);
  json_object_set_string_member (event->payload, "locale", spec->locale ? spec->locale : "tr");
  json_object_set_array_member (event->payload, "opening_hours", copy_array (hours));

  event = add_event (&boot, "blueprint.updated", spec->tenant_id, "blueprint");
  json_object_set_string_member (event->payload, "sector", spec->sector);

  compliance = ahi_blueprint_get_compliance (blueprint);
  event = add_event (&boot, "compliance.profile.updated", spec->tenant_id, "compliance");
  json_object_set_boolean_member (event->payload, "kvkk", compliance->kvkk);
  json_object_set_boolean_member (event->payload, "gdpr_ready", compliance->gdpr_ready);
  json_object_set_boolean_member (event->payload, "healthcare_mode", compliance->healthcare_mode);
  json_object_set_int_member (event->payload, "retention_months", compliance->retention_months);

  event = add_event (&boot, "tenant.settings.updated", spec->tenant_id, "finance");
  json_object_set_int_member (event->payload, "late_cancel_window_min",
                              ahi_blueprint_get_finance (blueprint)->late_cancel_hours * 60);

  event = add_event (&boot, "staff.created", owner_id, "owner");
  json_object_set_string_member (ahi_event_get_pii (event), "display_name", spec->owner_name);
  json_object_set_string_member (event->payload, "role", "owner");

  event = add_event (&boot, "staff.hours.set", owner_id, "owner-hours");
  json_object_set_array_member (event->payload, "intervals", owner_intervals (hours));

  templates = ahi_blueprint_get_resource_templates (blueprint, &n);
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *key = g_strdup_printf ("resource-%u", i);
      g_autofree char *resource_id = derived_id (spec->tenant_id, "resource", key);

      event = add_event (&boot, "resource.created", resource_id, key);
      json_object_set_string_member (event->payload, "kind", templates[i].kind);
      json_object_set_string_member (event->payload, "name", templates[i].name);
    }

  for (guint i = 0; i < ahi_blueprint_get_n_services (blueprint); i++)
    {
      const AhiBlueprintService *service = ahi_blueprint_get_service (blueprint, i);
      g_autofree char *key = g_strdup_printf ("service-%s", service->code);
      g_autofree char *service_id = derived_id (spec->tenant_id, "service", service->code);

      event = add_event (&boot, "service.created", service_id, key);
      json_object_set_string_member (event->payload, "code", service->code);
      json_object_set_string_member (event->payload, "name", service->name);
      json_object_set_int_member (event->payload, "duration_min", service->duration_min);
      json_object_set_int_member (event->payload, "price_minor", service->price_minor);
      json_object_set_int_member (event->payload, "vat_rate_bp", service->vat_rate_bp);
      json_object_set_array_member (event->payload, "resource_kinds", string_array (service->resource_kinds));
      if (service->revisit_days > 0)
        json_object_set_int_member (event->payload, "revisit_days", service->revisit_days);
    }

  rules = ahi_blueprint_get_automation_rules (blueprint, &n);
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *key = g_strdup_printf ("rule-%s", rules[i].kind);
      g_autofree char *rule_id = derived_id (spec->tenant_id, "rule", rules[i].kind);
      g_autoptr(JsonNode) params = json_node_init_object (json_node_alloc (), rules[i].params);

      event = add_event (&boot, "automation.rule.set", rule_id, key);
      json_object_set_string_member (event->payload, "kind", rules[i].kind);
      json_object_set_boolean_member (event->payload, "enabled", rules[i].enabled);
      json_object_set_member (event->payload, "params", json_node_copy (params));
    }

  return g_steal_pointer (&events);
}

char *
ahi_tenant_owner_id (const char *tenant_id)
{
  g_return_val_if_fail (ahi_id_is_valid (tenant_id), NULL);
  return derived_id (tenant_id, "staff", "owner");
}
