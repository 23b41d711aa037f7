/* ahi-demo-names.c — realistic Turkish names for demo and test data */
#include "demo/ahi-demo-names.h"

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "ahi-demo-resources.h"

#define NAMES_RESOURCE "/app/ahi/Desk/demo/tr-names.json"

/* A static library's GResource is dropped by the linker unless something
 * refers to it: the one reader of the names registers it by hand. */
static void
register_resource (void)
{
  static gsize registered = 0;

  if (g_once_init_enter (&registered))
    {
      g_resources_register (ahi_demo_get_resource ());
      g_once_init_leave (&registered, 1);
    }
}

GPtrArray *
ahi_demo_names_sample (GRand *rand,
                       guint  n)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  GPtrArray *names = g_ptr_array_new_full (n, g_free);
  JsonObject *root;
  JsonArray *female, *male, *surnames;
  gsize size = 0;
  const char *data;

  /* The list ships inside the binary: failing to read it is a build bug. */
  register_resource ();
  bytes = g_resources_lookup_data (NAMES_RESOURCE, G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);
  g_assert (bytes != NULL);
  data = g_bytes_get_data (bytes, &size);
  if (!json_parser_load_from_data (parser, data, size, NULL))
    g_assert_not_reached ();

  root = json_node_get_object (json_parser_get_root (parser));
  female = json_object_get_array_member (root, "first_names_female");
  male = json_object_get_array_member (root, "first_names_male");
  surnames = json_object_get_array_member (root, "surnames");

  for (guint i = 0; i < n; i++)
    {
      JsonArray *firsts = g_rand_boolean (rand) ? female : male;
      const char *first = json_array_get_string_element (firsts, g_rand_int_range (rand, 0, json_array_get_length (firsts)));
      const char *last = json_array_get_string_element (surnames, g_rand_int_range (rand, 0, json_array_get_length (surnames)));

      g_ptr_array_add (names, g_strdup_printf ("%s %s", first, last));
    }
  return names;
}
