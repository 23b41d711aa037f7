/* ahi-blueprint-parse.c — reading a blueprint's JSON and checking it against the contract */
#include "ahi-blueprint-private.h"

#include <stdarg.h>
#include <string.h>

#include "ahi-core-error.h"

/* ------------------------------------------------------------ the contract */

#define MAX_LABEL_CHARS    80
#define MAX_NAME_CHARS     120
#define MAX_ID_CHARS       64
#define MAX_SERVICES       500
#define MAX_TEMPLATES      100
#define MAX_RESOURCE_KINDS 8
#define MAX_INTERVALS      28
#define MAX_RULES          16
/* The same bound the event codec puts on money: 1e12 lira in kuruş. */
#define MAX_PRICE_MINOR    G_GINT64_CONSTANT (100000000000000)

static const char * const top_members[] = {
  "contract_version", "id", "primary_object", "required_fields", "resource_kinds",
  "resource_templates", "kpis", "modules", "automation_defaults", "risk_tiers",
  "finance", "compliance", "default_opening_hours", "services", "vocabulary", NULL
};

static const char * const primary_objects[] = {
  "customer_visit", "patient_episode", "vehicle_job_card", NULL
};

const char * const _ahi_blueprint_known_kpis[] = {
  "revenue_sold", "revenue_net_of_tax", "fill_rate_pct", "no_show_rate_pct",
  "cancellation_rate_pct", "open_ops_alerts", "at_risk_customers",
  "reactivation_conversion_pct", "repeat_visit_cycle_days", "rebooking_rate_pct",
  "average_ticket", "revenue_brought_back", NULL
};

const char * const _ahi_blueprint_known_modules[] = {
  "command_center", "calendar", "customers", "revenue", "automations",
  "resources", "settings", "treatment_plans", "vehicles", NULL
};

/* A desk without these cannot be run (or set right again). */
static const char * const mandatory_modules[] = { "command_center", "settings", NULL };

const char * const _ahi_blueprint_required_objects[] = { "customer", "vehicle", "appointment", NULL };
static const char * const customer_fields[] = { "full_name", "phone", "email", "birth_date", "city", NULL };
static const char * const vehicle_fields[] = { "plate", "make", "model", "year", "km", NULL };
static const char * const appointment_fields[] = { "staff_id", "resource_ids", "vehicle_id", "plan_step_id", NULL };
static const char * const * const required_object_fields[] = {
  customer_fields, vehicle_fields, appointment_fields
};
G_STATIC_ASSERT (G_N_ELEMENTS (_ahi_blueprint_required_objects) - 1 == G_N_ELEMENTS (((AhiBlueprint *) NULL)->required));
G_STATIC_ASSERT (G_N_ELEMENTS (required_object_fields) == G_N_ELEMENTS (((AhiBlueprint *) NULL)->required));

const char * const _ahi_blueprint_word_keys[] = {
  "customer", "customers", "visit", "visits", "resource", "resources",
  "primary_item", "primary_list", NULL
};

static const char * const resource_kind_members[] = { "id", "label", "capacity", NULL };
static const char * const template_members[] = { "kind", "name", NULL };
static const char * const rule_members[] = { "kind", "enabled", "params", NULL };
static const char * const risk_members[] = { "due_pct", "at_risk_pct", "lost_pct", "fallback_cycle_days", NULL };
static const char * const finance_members[] = {
  "currency", "vat_rate_bp", "default_payment_method", "deposit_pct",
  "deposit_min_price_minor", "no_show_fee_pct", "late_cancel_hours", NULL
};
static const char * const compliance_members[] = {
  "kvkk", "gdpr_ready", "healthcare_mode", "retention_months", NULL
};
static const char * const interval_members[] = { "weekday", "opens", "closes", NULL };
static const char * const service_members[] = {
  "code", "name", "duration_min", "price_minor", "vat_rate_bp", "resource_kinds",
  "revisit_days", "revisit_km", NULL
};
static const char * const service_optional[] = { "revisit_km", NULL };

static const char * const payment_methods[] = { "cash", "card", "transfer", NULL };
static const char * const channels[] = { "whatsapp", "sms", "email", "call", NULL };

typedef enum {
  PARAM_INT,
  PARAM_CHANNEL,
} ParamType;

typedef struct {
  const char *name;
  ParamType   type;
  gint64      min;
  gint64      max;
} ParamSpec;

typedef struct {
  const char      *kind;
  const ParamSpec *params;   /* terminated by a NULL name */
} RuleSpec;

#define CHANNEL { "channel", PARAM_CHANNEL, 0, 0 }
#define PARAMS_END { NULL, 0, 0, 0 }

static const ParamSpec rebook_params[] = {
  { "min_days", PARAM_INT, 1, 365 }, { "max_days", PARAM_INT, 1, 730 }, CHANNEL, PARAMS_END
};
static const ParamSpec recall_params[] = {
  { "interval_months", PARAM_INT, 1, 60 }, { "remind_before_days", PARAM_INT, 0, 90 }, CHANNEL, PARAMS_END
};
static const ParamSpec continuity_params[] = {
  { "max_gap_days", PARAM_INT, 1, 365 }, CHANNEL, PARAMS_END
};
static const ParamSpec maintenance_params[] = {
  { "interval_months", PARAM_INT, 1, 120 }, { "interval_km", PARAM_INT, 1000, 200000 },
  { "est_km_per_month", PARAM_INT, 100, 20000 }, { "remind_before_days", PARAM_INT, 0, 90 },
  CHANNEL, PARAMS_END
};
static const ParamSpec reactivation_params[] = {
  { "max_attempts", PARAM_INT, 1, 10 }, { "interval_days", PARAM_INT, 1, 365 }, CHANNEL, PARAMS_END
};
static const ParamSpec slot_fill_params[] = {
  { "max_candidates", PARAM_INT, 1, 50 }, { "min_lead_minutes", PARAM_INT, 0, 1440 }, CHANNEL, PARAMS_END
};
static const ParamSpec confirmation_params[] = {
  { "hours_before", PARAM_INT, 1, 168 }, { "second_reminder_hours_before", PARAM_INT, 0, 48 },
  CHANNEL, PARAMS_END
};
static const ParamSpec review_params[] = {
  { "delay_hours", PARAM_INT, 0, 168 }, CHANNEL, PARAMS_END
};
static const ParamSpec contact_cap_params[] = {
  { "max_messages", PARAM_INT, 1, 30 }, { "window_days", PARAM_INT, 1, 365 }, PARAMS_END
};

static const RuleSpec rule_specs[] = {
  { "rebook", rebook_params },
  { "recall", recall_params },
  { "treatment_continuity", continuity_params },
  { "maintenance_recall", maintenance_params },
  { "reactivation", reactivation_params },
  { "slot_fill", slot_fill_params },
  { "appointment_confirmation", confirmation_params },
  { "review_request", review_params },
  { "contact_cap", contact_cap_params },
};


/* ---------------------------------------------------------------- errors */

void
_ahi_blueprint_report_error (GError     **error,
                             const char  *path,
                             const char  *format,
                             ...)
{
  g_autofree char *detail = NULL;
  va_list args;

  va_start (args, format);
  detail = g_strdup_vprintf (format, args);
  va_end (args);

  g_set_error (error, AHI_CORE_ERROR, AHI_CORE_ERROR_INVALID_BLUEPRINT,
               "%s: %s", path, detail);
}

char *
_ahi_blueprint_member_path (const char *parent,
                            const char *name)
{
  if (parent == NULL || parent[0] == '\0')
    return g_strdup (name);
  return g_strconcat (parent, ".", name, NULL);
}

char *
_ahi_blueprint_index_path (const char *parent,
                           guint       index)
{
  return g_strdup_printf ("%s[%u]", parent, index);
}

/* Items of keyed lists are found by their position, which after a merge is
 * a position in the merged list: the item's key is added to the message so
 * that whoever wrote the override can find it. Always returns FALSE. */
static gboolean
name_item (GError     **error,
           const char  *what,
           const char  *key)
{
  if (error != NULL && *error != NULL)
    {
      char *message = g_strdup_printf ("%s (%s '%s')", (*error)->message, what, key);

      g_free ((*error)->message);
      (*error)->message = message;
    }
  return FALSE;
}

/* ---------------------------------------------------------- JSON readers */

static gboolean
check_members (JsonObject         *object,
               const char         *path,
               const char * const *names,
               const char * const *optional,
               GError            **error)
{
  g_autoptr(GList) members = json_object_get_members (object);

  for (GList *l = members; l != NULL; l = l->next)
    {
      if (!g_strv_contains (names, l->data))
        {
          g_autofree char *p = _ahi_blueprint_member_path (path, l->data);
          return fail (error, p, "unknown member");
        }
    }

  for (guint i = 0; names[i] != NULL; i++)
    {
      if (!json_object_has_member (object, names[i]) &&
          (optional == NULL || !g_strv_contains (optional, names[i])))
        {
          g_autofree char *p = _ahi_blueprint_member_path (path, names[i]);
          return fail (error, p, "missing");
        }
    }

  return TRUE;
}

static gboolean
read_int (JsonNode    *node,
          const char  *path,
          gint64       min,
          gint64       max,
          gint64      *out,
          GError     **error)
{
  gint64 value;

  /* 1.0 parses as a double: an integer member must be written as one. */
  if (node == NULL)
    return fail (error, path, "missing");
  if (!JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_INT64)
    return fail (error, path, "must be an integer");

  value = json_node_get_int (node);
  if (value < min || value > max)
    return fail (error, path,
                      "must be between %" G_GINT64_FORMAT " and %" G_GINT64_FORMAT
                      " (is %" G_GINT64_FORMAT ")", min, max, value);
  *out = value;
  return TRUE;
}

static gboolean
read_uint (JsonNode    *node,
           const char  *path,
           guint        min,
           guint        max,
           guint       *out,
           GError     **error)
{
  gint64 value;

  if (!read_int (node, path, min, max, &value, error))
    return FALSE;
  *out = (guint) value;
  return TRUE;
}

gboolean
_ahi_blueprint_read_bool (JsonNode    *node,
                          const char  *path,
                          gboolean    *out,
                          GError     **error)
{
  if (node == NULL)
    return fail (error, path, "missing");
  if (!JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_BOOLEAN)
    return fail (error, path, "must be true or false");
  *out = json_node_get_boolean (node);
  return TRUE;
}

/* Text shown to people: not empty, bounded, no control characters. */
static gboolean
read_text (JsonNode     *node,
           const char   *path,
           guint         max_chars,
           const char  **out,
           GError      **error)
{
  const char *value;

  if (node == NULL)
    return fail (error, path, "missing");
  if (!JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_STRING)
    return fail (error, path, "must be a string");

  value = json_node_get_string (node);
  if (value[0] == '\0')
    return fail (error, path, "must not be empty");
  if (g_ascii_isspace (value[0]) || g_ascii_isspace (value[strlen (value) - 1]))
    return fail (error, path, "must not start or end with a space");
  if (g_utf8_strlen (value, -1) > max_chars)
    return fail (error, path, "longer than %u characters", max_chars);
  for (const char *p = value; *p != '\0'; p++)
    {
      if ((guchar) *p < 0x20 || *p == 0x7f)
        return fail (error, path, "contains a control character");
    }

  *out = value;
  return TRUE;
}

/* Ids and codes: a lower-case letter, then lower-case letters, digits, '_'. */
gboolean
_ahi_blueprint_read_ident (JsonNode     *node,
                           const char   *path,
                           const char  **out,
                           GError      **error)
{
  const char *value;
  gsize len;

  if (node == NULL)
    return fail (error, path, "missing");
  if (!JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_STRING)
    return fail (error, path, "must be a string");

  value = json_node_get_string (node);
  len = strlen (value);
  if (len == 0 || len > MAX_ID_CHARS || !g_ascii_islower (value[0]))
    goto bad;
  for (gsize i = 1; i < len; i++)
    {
      if (!g_ascii_islower (value[i]) && !g_ascii_isdigit (value[i]) && value[i] != '_')
        goto bad;
    }

  *out = value;
  return TRUE;

bad:
  return fail (error, path,
                    "must be a lower-case identifier of at most %d characters ([a-z][a-z0-9_]*)",
                    MAX_ID_CHARS);
}

static gboolean
read_enum (JsonNode            *node,
           const char          *path,
           const char * const  *values,
           const char          *what,
           const char         **out,
           GError             **error)
{
  const char *value;

  if (node == NULL)
    return fail (error, path, "missing");
  if (!JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_STRING)
    return fail (error, path, "must be a string");

  value = json_node_get_string (node);
  if (!g_strv_contains (values, value))
    return fail (error, path, "unknown %s '%s'", what, value);

  *out = value;
  return TRUE;
}

gboolean
_ahi_blueprint_read_object (JsonNode     *node,
                            const char   *path,
                            JsonObject  **out,
                            GError      **error)
{
  if (node == NULL)
    return fail (error, path, "missing");
  if (!JSON_NODE_HOLDS_OBJECT (node))
    return fail (error, path, "must be an object");
  *out = json_node_get_object (node);
  return TRUE;
}

static gboolean
read_array (JsonNode     *node,
            const char   *path,
            guint         min_items,
            guint         max_items,
            JsonArray   **out,
            GError      **error)
{
  JsonArray *array;
  guint n;

  if (node == NULL)
    return fail (error, path, "missing");
  if (!JSON_NODE_HOLDS_ARRAY (node))
    return fail (error, path, "must be an array");

  array = json_node_get_array (node);
  n = json_array_get_length (array);
  if (n < min_items)
    return fail (error, path, "needs at least %u item%s", min_items, min_items == 1 ? "" : "s");
  if (n > max_items)
    return fail (error, path, "has more than %u items", max_items);

  *out = array;
  return TRUE;
}

/* "HH:MM", two digits each, 00:00 to 23:59. */
static gboolean
read_clock (JsonNode    *node,
            const char  *path,
            guint       *minutes,
            GError     **error)
{
  const char *s;
  guint h, m;

  if (node == NULL)
    return fail (error, path, "missing");
  if (!JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_STRING)
    return fail (error, path, "must be a string");

  s = json_node_get_string (node);
  if (strlen (s) != 5 || s[2] != ':' ||
      !g_ascii_isdigit (s[0]) || !g_ascii_isdigit (s[1]) ||
      !g_ascii_isdigit (s[3]) || !g_ascii_isdigit (s[4]))
    return fail (error, path, "'%s' is not a time of day \"HH:MM\"", s);

  h = (guint) (s[0] - '0') * 10 + (guint) (s[1] - '0');
  m = (guint) (s[3] - '0') * 10 + (guint) (s[4] - '0');
  if (h > 23 || m > 59)
    return fail (error, path, "'%s' is not a time of day between 00:00 and 23:59", s);

  *minutes = h * 60 + m;
  return TRUE;
}

/* A list of distinct identifiers, each one of allowed[] when given. */
static gboolean
read_ident_list (JsonNode            *node,
                 const char          *path,
                 guint                min_items,
                 guint                max_items,
                 const char * const  *allowed,
                 const char          *what,
                 char              ***out,
                 GError             **error)
{
  JsonArray *array;
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

  if (!read_array (node, path, min_items, max_items, &array, error))
    return FALSE;

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      g_autofree char *p = _ahi_blueprint_index_path (path, i);
      JsonNode *item = json_array_get_element (array, i);
      const char *value;

      if (allowed != NULL)
        {
          if (!read_enum (item, p, allowed, what, &value, error))
            return FALSE;
        }
      else if (!_ahi_blueprint_read_ident (item, p, &value, error))
        return FALSE;

      if (!g_hash_table_add (seen, (gpointer) value))
        return fail (error, p, "'%s' is listed twice", value);
      g_strv_builder_add (builder, value);
    }

  *out = g_strv_builder_end (builder);
  return TRUE;
}

/* ------------------------------------------------------------- sections */

static const char *
intern (AhiBlueprint *self,
        const char   *s)
{
  return g_string_chunk_insert_const (self->strings, s);
}

gssize
_ahi_blueprint_strv_index (const char * const *strv,
                           const char         *s)
{
  for (gssize i = 0; strv[i] != NULL; i++)
    {
      if (g_str_equal (strv[i], s))
        return i;
    }
  return -1;
}

static gboolean
parse_required_fields (AhiBlueprint  *self,
                       JsonNode      *node,
                       GError       **error)
{
  const char *path = "required_fields";
  JsonObject *object;
  g_autoptr(GList) members = NULL;
  char **customer;

  if (!_ahi_blueprint_read_object (node, path, &object, error))
    return FALSE;

  members = json_object_get_members (object);
  for (GList *l = members; l != NULL; l = l->next)
    {
      const char *name = l->data;
      g_autofree char *p = _ahi_blueprint_member_path (path, name);
      gssize idx = _ahi_blueprint_strv_index (_ahi_blueprint_required_objects, name);

      if (idx < 0)
        return fail (error, p, "unknown object (known: customer, vehicle, appointment)");
      if (!read_ident_list (json_object_get_member (object, name), p, 0, 16,
                            required_object_fields[idx], "field", &self->required[idx], error))
        return FALSE;
    }

  /* Only customer must be there: vehicle and appointment may be left out. */
  if (!check_members (object, path, _ahi_blueprint_required_objects, &_ahi_blueprint_required_objects[1], error))
    return FALSE;

  /* customer.created cannot be written without a name (docs/events.md). */
  customer = self->required[0];
  if (!g_strv_contains ((const char * const *) customer, "full_name"))
    return fail (error, "required_fields.customer", "must include full_name");

  /* Vehicles exist only where the vehicle is the primary object. */
  if (!g_str_equal (self->primary_object, "vehicle_job_card"))
    {
      if (self->required[1] != NULL)
        return fail (error, "required_fields.vehicle", "needs primary_object vehicle_job_card");
      if (self->required[2] != NULL &&
          g_strv_contains ((const char * const *) self->required[2], "vehicle_id"))
        return fail (error, "required_fields.appointment", "vehicle_id needs primary_object vehicle_job_card");
    }

  return TRUE;
}

static gboolean
parse_resource_kinds (AhiBlueprint  *self,
                      JsonNode      *node,
                      GError       **error)
{
  const char *path = "resource_kinds";
  JsonArray *array;
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

  if (!read_array (node, path, 1, MAX_RESOURCE_KINDS, &array, error))
    return FALSE;

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      g_autofree char *p = _ahi_blueprint_index_path (path, i);
      g_autofree char *id_path = _ahi_blueprint_member_path (p, "id");
      g_autofree char *label_path = _ahi_blueprint_member_path (p, "label");
      g_autofree char *capacity_path = _ahi_blueprint_member_path (p, "capacity");
      JsonObject *item;
      AhiResourceKind kind = { NULL, };
      const char *id, *label;

      if (!_ahi_blueprint_read_object (json_array_get_element (array, i), p, &item, error) ||
          !_ahi_blueprint_read_ident (json_object_get_member (item, "id"), id_path, &id, error))
        return FALSE;
      if (!check_members (item, p, resource_kind_members, NULL, error) ||
          !read_text (json_object_get_member (item, "label"), label_path, MAX_LABEL_CHARS, &label, error) ||
          !_ahi_blueprint_read_bool (json_object_get_member (item, "capacity"), capacity_path, &kind.capacity, error))
        return name_item (error, "kind", id);

      if (!g_hash_table_add (seen, (gpointer) id))
        return fail (error, id_path, "resource kind '%s' is declared twice", id);

      kind.id = intern (self, id);
      kind.label = intern (self, label);
      if (kind.capacity)
        {
          if (self->capacity_kind != NULL)
            return fail (error, capacity_path,
                         "second capacity kind: '%s' already is the capacity kind",
                         self->capacity_kind) || name_item (error, "kind", id);
          self->capacity_kind = kind.id;
        }
      g_array_append_val (self->resource_kinds, kind);
    }

  if (self->capacity_kind == NULL)
    return fail (error, path, "no capacity kind: exactly one kind must have capacity true");

  return TRUE;
}

static gboolean
parse_templates (AhiBlueprint  *self,
                 JsonNode      *node,
                 GError       **error)
{
  const char *path = "resource_templates";
  JsonArray *array;
  g_autoptr(GHashTable) names = g_hash_table_new (g_str_hash, g_str_equal);

  if (!read_array (node, path, 0, MAX_TEMPLATES, &array, error))
    return FALSE;

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      g_autofree char *p = _ahi_blueprint_index_path (path, i);
      g_autofree char *kind_path = _ahi_blueprint_member_path (p, "kind");
      g_autofree char *name_path = _ahi_blueprint_member_path (p, "name");
      JsonObject *item;
      AhiResourceTemplate template;
      const char *kind, *name;

      if (!_ahi_blueprint_read_object (json_array_get_element (array, i), p, &item, error) ||
          !check_members (item, p, template_members, NULL, error) ||
          !_ahi_blueprint_read_ident (json_object_get_member (item, "kind"), kind_path, &kind, error) ||
          !read_text (json_object_get_member (item, "name"), name_path, MAX_LABEL_CHARS, &name, error))
        return FALSE;

      if (ahi_blueprint_lookup_resource_kind (self, kind) == NULL)
        return fail (error, kind_path, "'%s' is not a declared resource kind", kind);
      if (!g_hash_table_add (names, (gpointer) name))
        return fail (error, name_path, "'%s' is used twice", name);

      template.kind = intern (self, kind);
      template.name = intern (self, name);
      g_array_append_val (self->templates, template);
    }

  return TRUE;
}

static gboolean
parse_modules (AhiBlueprint  *self,
               JsonNode      *node,
               GError       **error)
{
  const char *path = "modules";

  if (!read_ident_list (node, path, 1, G_N_ELEMENTS (_ahi_blueprint_known_modules) - 1,
                        _ahi_blueprint_known_modules, "module", &self->modules, error))
    return FALSE;

  for (guint i = 0; mandatory_modules[i] != NULL; i++)
    {
      if (!g_strv_contains ((const char * const *) self->modules, mandatory_modules[i]))
        return fail (error, path, "must include %s", mandatory_modules[i]);
    }

  for (guint i = 0; self->modules[i] != NULL; i++)
    {
      g_autofree char *p = _ahi_blueprint_index_path (path, i);

      if (g_str_equal (self->modules[i], "treatment_plans") &&
          !g_str_equal (self->primary_object, "patient_episode"))
        return fail (error, p, "treatment_plans needs primary_object patient_episode");
      if (g_str_equal (self->modules[i], "vehicles") &&
          !g_str_equal (self->primary_object, "vehicle_job_card"))
        return fail (error, p, "vehicles needs primary_object vehicle_job_card");
    }

  return TRUE;
}

static const RuleSpec *
lookup_rule_spec (const char *kind)
{
  for (guint i = 0; i < G_N_ELEMENTS (rule_specs); i++)
    {
      if (g_str_equal (rule_specs[i].kind, kind))
        return &rule_specs[i];
    }
  return NULL;
}

/* Checks params against the kind's table and returns them in table order. */
static JsonObject *
parse_rule_params (const RuleSpec  *spec,
                   JsonNode        *node,
                   const char      *path,
                   GError         **error)
{
  JsonObject *object;
  g_autoptr(JsonObject) params = json_object_new ();
  g_autoptr(GStrvBuilder) names_builder = g_strv_builder_new ();
  g_auto(GStrv) names = NULL;

  if (!_ahi_blueprint_read_object (node, path, &object, error))
    return NULL;

  for (guint i = 0; spec->params[i].name != NULL; i++)
    g_strv_builder_add (names_builder, spec->params[i].name);
  names = g_strv_builder_end (names_builder);

  if (!check_members (object, path, (const char * const *) names, NULL, error))
    return NULL;

  for (guint i = 0; spec->params[i].name != NULL; i++)
    {
      const ParamSpec *ps = &spec->params[i];
      JsonNode *value = json_object_get_member (object, ps->name);
      g_autofree char *p = _ahi_blueprint_member_path (path, ps->name);

      if (ps->type == PARAM_INT)
        {
          gint64 v;

          if (!read_int (value, p, ps->min, ps->max, &v, error))
            return NULL;
          json_object_set_int_member (params, ps->name, v);
        }
      else
        {
          const char *v;

          if (!read_enum (value, p, channels, "channel", &v, error))
            return NULL;
          json_object_set_string_member (params, ps->name, v);
        }
    }

  /* Rules between parameters of one kind. */
  if (g_str_equal (spec->kind, "rebook") &&
      json_object_get_int_member (params, "min_days") > json_object_get_int_member (params, "max_days"))
    {
      g_autofree char *p = _ahi_blueprint_member_path (path, "max_days");
      _ahi_blueprint_report_error (error, p, "must not be below min_days");
      return NULL;
    }
  if (g_str_equal (spec->kind, "appointment_confirmation") &&
      json_object_get_int_member (params, "second_reminder_hours_before") >=
      json_object_get_int_member (params, "hours_before"))
    {
      g_autofree char *p = _ahi_blueprint_member_path (path, "second_reminder_hours_before");
      _ahi_blueprint_report_error (error, p, "must be below hours_before (0 = no second reminder)");
      return NULL;
    }

  return g_steal_pointer (&params);
}

static gboolean
parse_automations (AhiBlueprint  *self,
                   JsonNode      *node,
                   GError       **error)
{
  const char *path = "automation_defaults";
  JsonArray *array;
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

  if (!read_array (node, path, 0, MAX_RULES, &array, error))
    return FALSE;

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      g_autofree char *p = _ahi_blueprint_index_path (path, i);
      g_autofree char *kind_path = _ahi_blueprint_member_path (p, "kind");
      g_autofree char *enabled_path = _ahi_blueprint_member_path (p, "enabled");
      g_autofree char *params_path = _ahi_blueprint_member_path (p, "params");
      JsonObject *item;
      const RuleSpec *spec;
      const char *kind;
      AhiAutomationRule rule = { NULL, };

      if (!_ahi_blueprint_read_object (json_array_get_element (array, i), p, &item, error) ||
          !_ahi_blueprint_read_ident (json_object_get_member (item, "kind"), kind_path, &kind, error))
        return FALSE;
      if (!check_members (item, p, rule_members, NULL, error))
        return name_item (error, "rule", kind);

      spec = lookup_rule_spec (kind);
      if (spec == NULL)
        return fail (error, kind_path, "unknown automation kind '%s'", kind);
      if (!g_hash_table_add (seen, (gpointer) kind))
        return fail (error, kind_path, "'%s' has a rule already", kind);
      if (!_ahi_blueprint_read_bool (json_object_get_member (item, "enabled"), enabled_path, &rule.enabled, error))
        return name_item (error, "rule", kind);

      rule.params = parse_rule_params (spec, json_object_get_member (item, "params"), params_path, error);
      if (rule.params == NULL)
        return name_item (error, "rule", kind);
      rule.kind = intern (self, kind);
      g_array_append_val (self->automations, rule);
    }

  return TRUE;
}

static gboolean
parse_risk_tiers (AhiBlueprint  *self,
                  JsonNode      *node,
                  GError       **error)
{
  const char *path = "risk_tiers";
  JsonObject *object;
  guint values[4];

  if (!_ahi_blueprint_read_object (node, path, &object, error) ||
      !check_members (object, path, risk_members, NULL, error))
    return FALSE;

  for (guint i = 0; i < 4; i++)
    {
      g_autofree char *p = _ahi_blueprint_member_path (path, risk_members[i]);
      guint max = i == 3 ? 3650 : 10000;

      if (!read_uint (json_object_get_member (object, risk_members[i]), p, 1, max, &values[i], error))
        return FALSE;
    }

  /* The tiers are thresholds on one scale: each must come after the last. */
  if (values[1] <= values[0])
    return fail (error, "risk_tiers.at_risk_pct", "must be above due_pct (%u ≤ %u)", values[1], values[0]);
  if (values[2] <= values[1])
    return fail (error, "risk_tiers.lost_pct", "must be above at_risk_pct (%u ≤ %u)", values[2], values[1]);

  self->risk_tiers.due_pct = values[0];
  self->risk_tiers.at_risk_pct = values[1];
  self->risk_tiers.lost_pct = values[2];
  self->risk_tiers.fallback_cycle_days = values[3];
  return TRUE;
}

/* ISO 4217: three upper-case ASCII letters. */
static gboolean
read_currency (JsonNode     *node,
               const char   *path,
               const char  **out,
               GError      **error)
{
  const char *value;

  if (node == NULL)
    return fail (error, path, "missing");
  if (!JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_STRING)
    return fail (error, path, "must be a string");

  value = json_node_get_string (node);
  if (strlen (value) != 3 || !g_ascii_isupper (value[0]) ||
      !g_ascii_isupper (value[1]) || !g_ascii_isupper (value[2]))
    return fail (error, path, "'%s' is not an ISO 4217 code such as \"TRY\"", value);

  *out = value;
  return TRUE;
}

static gboolean
parse_finance (AhiBlueprint  *self,
               JsonNode      *node,
               GError       **error)
{
  const char *path = "finance";
  JsonObject *object;
  AhiFinancePolicy *f = &self->finance;
  const char *currency, *method;

  if (!_ahi_blueprint_read_object (node, path, &object, error) ||
      !check_members (object, path, finance_members, NULL, error) ||
      !read_currency (json_object_get_member (object, "currency"), "finance.currency", &currency, error) ||
      !read_uint (json_object_get_member (object, "vat_rate_bp"), "finance.vat_rate_bp",
                  0, 10000, &f->vat_rate_bp, error) ||
      !read_enum (json_object_get_member (object, "default_payment_method"),
                  "finance.default_payment_method", payment_methods, "payment method", &method, error) ||
      !read_uint (json_object_get_member (object, "deposit_pct"), "finance.deposit_pct",
                  0, 100, &f->deposit_pct, error) ||
      !read_int (json_object_get_member (object, "deposit_min_price_minor"), "finance.deposit_min_price_minor",
                 0, MAX_PRICE_MINOR, &f->deposit_min_price_minor, error) ||
      !read_uint (json_object_get_member (object, "no_show_fee_pct"), "finance.no_show_fee_pct",
                  0, 100, &f->no_show_fee_pct, error) ||
      !read_uint (json_object_get_member (object, "late_cancel_hours"), "finance.late_cancel_hours",
                  0, 168, &f->late_cancel_hours, error))
    return FALSE;

  f->currency = intern (self, currency);
  f->default_payment_method = intern (self, method);
  return TRUE;
}

static gboolean
parse_compliance (AhiBlueprint  *self,
                  JsonNode      *node,
                  GError       **error)
{
  const char *path = "compliance";
  JsonObject *object;
  AhiCompliance *c = &self->compliance;

  if (!_ahi_blueprint_read_object (node, path, &object, error) ||
      !check_members (object, path, compliance_members, NULL, error) ||
      !_ahi_blueprint_read_bool (json_object_get_member (object, "kvkk"), "compliance.kvkk", &c->kvkk, error) ||
      !_ahi_blueprint_read_bool (json_object_get_member (object, "gdpr_ready"), "compliance.gdpr_ready", &c->gdpr_ready, error) ||
      !_ahi_blueprint_read_bool (json_object_get_member (object, "healthcare_mode"), "compliance.healthcare_mode",
                                 &c->healthcare_mode, error) ||
      !read_uint (json_object_get_member (object, "retention_months"), "compliance.retention_months",
                  1, 600, &c->retention_months, error))
    return FALSE;

  /* A clinic keeps health data; switching the protection off is not a
   * setting a tenant can choose. */
  if (g_str_equal (self->primary_object, "patient_episode") && !c->healthcare_mode)
    return fail (error, "compliance.healthcare_mode", "must be true for primary_object patient_episode");

  return TRUE;
}

typedef struct {
  AhiOpeningInterval interval;
  guint              index;     /* position in the input, for messages */
} IndexedInterval;

static gint
compare_intervals (gconstpointer a,
                   gconstpointer b)
{
  const IndexedInterval *x = a, *y = b;

  if (x->interval.weekday != y->interval.weekday)
    return x->interval.weekday < y->interval.weekday ? -1 : 1;
  if (x->interval.opens_min != y->interval.opens_min)
    return x->interval.opens_min < y->interval.opens_min ? -1 : 1;
  return 0;
}

static gboolean
parse_opening_hours (AhiBlueprint  *self,
                     JsonNode      *node,
                     GError       **error)
{
  const char *path = "default_opening_hours";
  JsonArray *array;
  g_autoptr(GArray) intervals = g_array_new (FALSE, FALSE, sizeof (IndexedInterval));

  if (!read_array (node, path, 0, MAX_INTERVALS, &array, error))
    return FALSE;

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      g_autofree char *p = _ahi_blueprint_index_path (path, i);
      g_autofree char *weekday_path = _ahi_blueprint_member_path (p, "weekday");
      g_autofree char *opens_path = _ahi_blueprint_member_path (p, "opens");
      g_autofree char *closes_path = _ahi_blueprint_member_path (p, "closes");
      JsonObject *item;
      IndexedInterval ii = { { 0, }, i };

      if (!_ahi_blueprint_read_object (json_array_get_element (array, i), p, &item, error) ||
          !check_members (item, p, interval_members, NULL, error) ||
          !read_uint (json_object_get_member (item, "weekday"), weekday_path, 1, 7, &ii.interval.weekday, error) ||
          !read_clock (json_object_get_member (item, "opens"), opens_path, &ii.interval.opens_min, error) ||
          !read_clock (json_object_get_member (item, "closes"), closes_path, &ii.interval.closes_min, error))
        return FALSE;

      if (ii.interval.closes_min <= ii.interval.opens_min)
        return fail (error, closes_path, "must be after opens");
      g_array_append_val (intervals, ii);
    }

  g_array_sort (intervals, compare_intervals);
  for (guint i = 0; i < intervals->len; i++)
    {
      const IndexedInterval *ii = &g_array_index (intervals, IndexedInterval, i);

      if (i > 0)
        {
          const IndexedInterval *prev = &g_array_index (intervals, IndexedInterval, i - 1);

          if (prev->interval.weekday == ii->interval.weekday &&
              ii->interval.opens_min < prev->interval.closes_min)
            {
              g_autofree char *p = _ahi_blueprint_index_path (path, MAX (ii->index, prev->index));
              return fail (error, p, "overlaps %s[%u] on weekday %u",
                                path, MIN (ii->index, prev->index), ii->interval.weekday);
            }
        }
      g_array_append_val (self->opening_hours, ii->interval);
    }

  return TRUE;
}

static gboolean
parse_services (AhiBlueprint  *self,
                JsonNode      *node,
                GError       **error)
{
  const char *path = "services";
  JsonArray *array;
  g_autoptr(GHashTable) codes = g_hash_table_new (g_str_hash, g_str_equal);

  if (!read_array (node, path, 0, MAX_SERVICES, &array, error))
    return FALSE;

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      g_autofree char *p = _ahi_blueprint_index_path (path, i);
      g_autofree char *code_path = _ahi_blueprint_member_path (p, "code");
      g_autofree char *name_path = _ahi_blueprint_member_path (p, "name");
      g_autofree char *duration_path = _ahi_blueprint_member_path (p, "duration_min");
      g_autofree char *price_path = _ahi_blueprint_member_path (p, "price_minor");
      g_autofree char *vat_path = _ahi_blueprint_member_path (p, "vat_rate_bp");
      g_autofree char *kinds_path = _ahi_blueprint_member_path (p, "resource_kinds");
      g_autofree char *days_path = _ahi_blueprint_member_path (p, "revisit_days");
      g_autofree char *km_path = _ahi_blueprint_member_path (p, "revisit_km");
      g_auto(GStrv) kinds = NULL;
      JsonObject *item;
      JsonNode *days, *km;
      AhiBlueprintService service = { NULL, };
      const char *code, *name;

      if (!_ahi_blueprint_read_object (json_array_get_element (array, i), p, &item, error) ||
          !_ahi_blueprint_read_ident (json_object_get_member (item, "code"), code_path, &code, error))
        return FALSE;
      if (!check_members (item, p, service_members, service_optional, error))
        return name_item (error, "service", code);

      if (!g_hash_table_add (codes, (gpointer) code))
        return fail (error, code_path, "service code '%s' is used twice", code);

      if (!read_text (json_object_get_member (item, "name"), name_path, MAX_NAME_CHARS, &name, error) ||
          !read_uint (json_object_get_member (item, "duration_min"), duration_path, 5, 24 * 60,
                      &service.duration_min, error) ||
          !read_int (json_object_get_member (item, "price_minor"), price_path, 0, MAX_PRICE_MINOR,
                     &service.price_minor, error) ||
          !read_uint (json_object_get_member (item, "vat_rate_bp"), vat_path, 0, 10000,
                      &service.vat_rate_bp, error) ||
          !read_ident_list (json_object_get_member (item, "resource_kinds"), kinds_path, 1,
                            MAX_RESOURCE_KINDS, NULL, NULL, &kinds, error))
        return name_item (error, "service", code);

      for (guint k = 0; kinds[k] != NULL; k++)
        {
          if (ahi_blueprint_lookup_resource_kind (self, kinds[k]) == NULL)
            {
              g_autofree char *kp = _ahi_blueprint_index_path (kinds_path, k);
              return fail (error, kp, "'%s' is not a declared resource kind", kinds[k]) ||
                     name_item (error, "service", code);
            }
        }

      /* null (or, for km, absence) means the service has no natural next visit. */
      days = json_object_get_member (item, "revisit_days");
      if (!JSON_NODE_HOLDS_NULL (days) &&
          !read_uint (days, days_path, 1, 3650, &service.revisit_days, error))
        return name_item (error, "service", code);
      km = json_object_get_member (item, "revisit_km");
      if (km != NULL && !JSON_NODE_HOLDS_NULL (km) &&
          !read_uint (km, km_path, 1, 1000000, &service.revisit_km, error))
        return name_item (error, "service", code);

      service.code = intern (self, code);
      service.name = intern (self, name);
      service.resource_kinds = (const char * const *) g_steal_pointer (&kinds);
      g_array_append_val (self->services, service);
    }

  return TRUE;
}

/* Labels of modules or KPIs: only known ids, and one for each listed. */
static gboolean
parse_labels (AhiBlueprint        *self,
              JsonNode            *node,
              const char          *path,
              const char * const  *known,
              const char          *what,
              char               **listed,
              GHashTable          *labels,
              GError             **error)
{
  JsonObject *object;
  g_autoptr(GList) members = NULL;

  if (!_ahi_blueprint_read_object (node, path, &object, error))
    return FALSE;

  members = json_object_get_members (object);
  for (GList *l = members; l != NULL; l = l->next)
    {
      const char *id = l->data;
      g_autofree char *p = _ahi_blueprint_member_path (path, id);
      const char *label;

      if (!g_strv_contains (known, id))
        return fail (error, p, "unknown %s", what);
      if (!read_text (json_object_get_member (object, id), p, MAX_LABEL_CHARS, &label, error))
        return FALSE;
      g_hash_table_insert (labels, (gpointer) intern (self, id), (gpointer) intern (self, label));
    }

  for (guint i = 0; listed[i] != NULL; i++)
    {
      if (!g_hash_table_contains (labels, listed[i]))
        {
          g_autofree char *p = _ahi_blueprint_member_path (path, listed[i]);
          return fail (error, p, "missing: every listed %s needs a label", what);
        }
    }

  return TRUE;
}

static gboolean
parse_vocabulary (AhiBlueprint  *self,
                  JsonNode      *node,
                  GError       **error)
{
  const char *path = "vocabulary";
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) members = NULL;
  JsonObject *object;

  g_strv_builder_addv (builder, (const char **) _ahi_blueprint_word_keys);
  g_strv_builder_add_many (builder, "modules", "kpis", NULL);
  members = g_strv_builder_end (builder);

  if (!_ahi_blueprint_read_object (node, path, &object, error) ||
      !check_members (object, path, (const char * const *) members, NULL, error))
    return FALSE;

  for (guint i = 0; _ahi_blueprint_word_keys[i] != NULL; i++)
    {
      g_autofree char *p = _ahi_blueprint_member_path (path, _ahi_blueprint_word_keys[i]);
      const char *word;

      if (!read_text (json_object_get_member (object, _ahi_blueprint_word_keys[i]), p, MAX_LABEL_CHARS, &word, error))
        return FALSE;
      g_hash_table_insert (self->words, (gpointer) _ahi_blueprint_word_keys[i], (gpointer) intern (self, word));
    }

  return parse_labels (self, json_object_get_member (object, "modules"), "vocabulary.modules",
                       _ahi_blueprint_known_modules, "module", self->modules, self->module_labels, error) &&
         parse_labels (self, json_object_get_member (object, "kpis"), "vocabulary.kpis",
                       _ahi_blueprint_known_kpis, "KPI", self->kpis, self->kpi_labels, error);
}

static gboolean
parse_blueprint (AhiBlueprint  *self,
                 JsonObject    *root,
                 GError       **error)
{
  gint64 version;
  const char *id, *primary;

  /* The version decides what the rest means, so it is read first. */
  if (!json_object_has_member (root, "contract_version"))
    return fail (error, "contract_version", "missing");
  if (!read_int (json_object_get_member (root, "contract_version"), "contract_version",
                 G_MININT64, G_MAXINT64, &version, error))
    return FALSE;
  if (version != AHI_BLUEPRINT_CONTRACT_VERSION)
    return fail (error, "contract_version", "version %" G_GINT64_FORMAT " is not supported (this build reads %d)",
                      version, AHI_BLUEPRINT_CONTRACT_VERSION);

  if (!check_members (root, "", top_members, NULL, error) ||
      !_ahi_blueprint_read_ident (json_object_get_member (root, "id"), "id", &id, error) ||
      !read_enum (json_object_get_member (root, "primary_object"), "primary_object",
                  primary_objects, "primary object", &primary, error))
    return FALSE;

  self->id = intern (self, id);
  self->primary_object = intern (self, primary);

  return parse_required_fields (self, json_object_get_member (root, "required_fields"), error) &&
         parse_resource_kinds (self, json_object_get_member (root, "resource_kinds"), error) &&
         parse_templates (self, json_object_get_member (root, "resource_templates"), error) &&
         read_ident_list (json_object_get_member (root, "kpis"), "kpis", 1,
                          G_N_ELEMENTS (_ahi_blueprint_known_kpis) - 1, _ahi_blueprint_known_kpis, "KPI", &self->kpis, error) &&
         parse_modules (self, json_object_get_member (root, "modules"), error) &&
         parse_automations (self, json_object_get_member (root, "automation_defaults"), error) &&
         parse_risk_tiers (self, json_object_get_member (root, "risk_tiers"), error) &&
         parse_finance (self, json_object_get_member (root, "finance"), error) &&
         parse_compliance (self, json_object_get_member (root, "compliance"), error) &&
         parse_opening_hours (self, json_object_get_member (root, "default_opening_hours"), error) &&
         parse_services (self, json_object_get_member (root, "services"), error) &&
         parse_vocabulary (self, json_object_get_member (root, "vocabulary"), error);
}

/* ------------------------------------------------------------ public API */

AhiBlueprint *
ahi_blueprint_new_from_json (JsonObject  *object,
                             GError     **error)
{
  g_autoptr(AhiBlueprint) self = NULL;

  g_return_val_if_fail (object != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  self = g_object_new (AHI_TYPE_BLUEPRINT, NULL);
  if (!parse_blueprint (self, object, error))
    return NULL;

  return g_steal_pointer (&self);
}
