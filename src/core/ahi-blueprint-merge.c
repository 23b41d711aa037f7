/* ahi-blueprint-merge.c — a tenant's overrides merged over a blueprint by the documented rules */
#include "ahi-blueprint-private.h"

#include "ahi-kpi.h"

/* ------------------------------------------------------------------ merge */

/* Members an override may only repeat, never change. */
static const char * const fixed_members[] = { "contract_version", "id", "primary_object", NULL };

/* json_node_copy() shares objects and arrays; a merge must own its tree. */
static JsonNode *
deep_copy (JsonNode *node)
{
  JsonNode *copy;

  if (JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObject *source = json_node_get_object (node);
      JsonObject *object = json_object_new ();
      g_autoptr(GList) names = json_object_get_members (source);

      for (GList *l = names; l != NULL; l = l->next)
        json_object_set_member (object, l->data, deep_copy (json_object_get_member (source, l->data)));
      copy = json_node_new (JSON_NODE_OBJECT);
      json_node_take_object (copy, object);
      return copy;
    }

  if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *source = json_node_get_array (node);
      JsonArray *array = json_array_sized_new (json_array_get_length (source));

      for (guint i = 0; i < json_array_get_length (source); i++)
        json_array_add_element (array, deep_copy (json_array_get_element (source, i)));
      copy = json_node_new (JSON_NODE_ARRAY);
      json_node_take_array (copy, array);
      return copy;
    }

  return json_node_copy (node);
}

/* The member that names an item of a list merged item by item. */
static const char *
keyed_list_key (const char *member)
{
  if (g_str_equal (member, "services"))
    return "code";
  if (g_str_equal (member, "resource_kinds"))
    return "id";
  if (g_str_equal (member, "automation_defaults"))
    return "kind";
  return NULL;
}

static gboolean merge_object (JsonObject  *target,
                              JsonObject  *overrides,
                              const char  *path,
                              gboolean     top,
                              GError     **error);

static gint
find_keyed (JsonArray  *array,
            const char *key,
            const char *value)
{
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *item = json_array_get_element (array, i);
      JsonNode *name;

      if (!JSON_NODE_HOLDS_OBJECT (item))
        continue;
      name = json_object_get_member (json_node_get_object (item), key);
      if (name != NULL && JSON_NODE_HOLDS_VALUE (name) &&
          json_node_get_value_type (name) == G_TYPE_STRING &&
          g_str_equal (json_node_get_string (name), value))
        return (gint) i;
    }
  return -1;
}

static gboolean
merge_keyed_list (JsonArray   *target,
                  JsonNode    *overrides,
                  const char  *path,
                  const char  *key,
                  GError     **error)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  JsonArray *items;

  if (!JSON_NODE_HOLDS_ARRAY (overrides))
    return fail (error, path, "must be an array of objects keyed by %s", key);

  items = json_node_get_array (overrides);
  for (guint i = 0; i < json_array_get_length (items); i++)
    {
      g_autofree char *p = _ahi_blueprint_index_path (path, i);
      g_autofree char *key_path = _ahi_blueprint_member_path (p, key);
      g_autofree char *remove_path = _ahi_blueprint_member_path (p, "remove");
      JsonObject *item;
      JsonNode *remove;
      const char *value;
      gint found;

      if (!_ahi_blueprint_read_object (json_array_get_element (items, i), p, &item, error))
        return FALSE;
      if (!json_object_has_member (item, key))
        return fail (error, key_path, "missing: an override item is named by its %s", key);
      if (!_ahi_blueprint_read_ident (json_object_get_member (item, key), key_path, &value, error))
        return FALSE;
      if (!g_hash_table_add (seen, (gpointer) value))
        return fail (error, key_path, "'%s' appears twice in the override", value);

      found = find_keyed (target, key, value);
      remove = json_object_get_member (item, "remove");
      if (remove != NULL)
        {
          gboolean yes;

          if (!_ahi_blueprint_read_bool (remove, remove_path, &yes, error))
            return FALSE;
          if (!yes)
            return fail (error, remove_path, "must be true (leave it out to keep the item)");
          if (json_object_get_size (item) != 2)
            return fail (error, p, "a removal names only %s and remove", key);
          if (found < 0)
            return fail (error, p, "there is no '%s' to remove", value);
          json_array_remove_element (target, (guint) found);
        }
      else if (found >= 0)
        {
          JsonObject *existing = json_node_get_object (json_array_get_element (target, (guint) found));

          if (!merge_object (existing, item, p, FALSE, error))
            return FALSE;
        }
      else
        json_array_add_element (target, deep_copy (json_array_get_element (items, i)));
    }

  return TRUE;
}

static gboolean
merge_object (JsonObject  *target,
              JsonObject  *overrides,
              const char  *path,
              gboolean     top,
              GError     **error)
{
  g_autoptr(GList) names = json_object_get_members (overrides);

  for (GList *l = names; l != NULL; l = l->next)
    {
      const char *name = l->data;
      g_autofree char *p = _ahi_blueprint_member_path (path, name);
      JsonNode *value = json_object_get_member (overrides, name);
      JsonNode *current = json_object_get_member (target, name);
      const char *key = top ? keyed_list_key (name) : NULL;

      if (top && g_strv_contains (fixed_members, name))
        {
          /* Repeating the base's value is harmless (a client may send back
           * what it read); changing it would change what the tenant is. */
          if (current == NULL || !json_node_equal (current, value))
            return fail (error, p, "cannot be overridden");
          continue;
        }

      if (key != NULL && current != NULL && JSON_NODE_HOLDS_ARRAY (current))
        {
          if (!merge_keyed_list (json_node_get_array (current), value, p, key, error))
            return FALSE;
        }
      else if (current != NULL && JSON_NODE_HOLDS_OBJECT (current) && JSON_NODE_HOLDS_OBJECT (value))
        {
          if (!merge_object (json_node_get_object (current), json_node_get_object (value), p, FALSE, error))
            return FALSE;
        }
      else
        json_object_set_member (target, name, deep_copy (value));
    }

  return TRUE;
}

/* ------------------------------------------------------- KPI contract 1 */

/* An override stored, or logged in a blueprint.updated event, before KPI
 * contract 2 names the revenue KPIs by their old ids. The log is never
 * rewritten, so they are read as the ids they have now: in the kpis list
 * and as keys of vocabulary.kpis (where an old key stands aside when the
 * same override also labels the new id, and then fails as unknown). */
static JsonObject *
overrides_with_current_kpi_ids (JsonObject *overrides)
{
  g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), overrides);
  g_autoptr(JsonNode) copy = deep_copy (node);
  JsonObject *object = json_node_get_object (copy);
  JsonNode *kpis = json_object_get_member (object, "kpis");
  JsonNode *vocabulary = json_object_get_member (object, "vocabulary");

  if (kpis != NULL && JSON_NODE_HOLDS_ARRAY (kpis))
    {
      JsonArray *ids = json_node_get_array (kpis);
      JsonArray *renamed = json_array_sized_new (json_array_get_length (ids));

      for (guint i = 0; i < json_array_get_length (ids); i++)
        {
          JsonNode *id = json_array_get_element (ids, i);
          const char *now = NULL;

          if (JSON_NODE_HOLDS_VALUE (id) && json_node_get_value_type (id) == G_TYPE_STRING)
            now = ahi_kpi_id_from_v1 (json_node_get_string (id));
          if (now != NULL)
            json_array_add_string_element (renamed, now);
          else
            json_array_add_element (renamed, json_node_copy (id));
        }
      json_object_set_array_member (object, "kpis", renamed);
    }

  if (vocabulary != NULL && JSON_NODE_HOLDS_OBJECT (vocabulary))
    {
      JsonNode *labels = json_object_get_member (json_node_get_object (vocabulary), "kpis");

      if (labels != NULL && JSON_NODE_HOLDS_OBJECT (labels))
        {
          JsonObject *by_id = json_node_get_object (labels);
          g_autoptr(GList) names = json_object_get_members (by_id);

          for (GList *l = names; l != NULL; l = l->next)
            {
              /* The name belongs to the member removed below. */
              g_autofree char *old = g_strdup (l->data);
              const char *now = ahi_kpi_id_from_v1 (old);

              if (now == NULL || json_object_has_member (by_id, now))
                continue;
              json_object_set_member (by_id, now, json_node_copy (json_object_get_member (by_id, old)));
              json_object_remove_member (by_id, old);
            }
        }
    }

  return json_object_ref (object);
}

/* ------------------------------------------------------------ public API */

AhiBlueprint *
ahi_blueprint_merge (AhiBlueprint  *base,
                     JsonObject    *overrides,
                     GError       **error)
{
  g_autoptr(JsonObject) merged = NULL;
  g_autoptr(JsonObject) current = NULL;

  g_return_val_if_fail (AHI_IS_BLUEPRINT (base), NULL);
  g_return_val_if_fail (overrides != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  /* The canonical form is a fresh tree: folding the overrides into it
   * cannot touch base, whatever happens next. */
  merged = ahi_blueprint_to_json (base);
  current = overrides_with_current_kpi_ids (overrides);
  if (!merge_object (merged, current, "", TRUE, error))
    return NULL;

  return ahi_blueprint_new_from_json (merged, error);
}
