/* fuzz-seeds.c — writes the seed inputs of the fuzz targets
 *
 *   fuzz-seeds CORPUS_DIR
 *
 * The fuzzer finds its way much faster from real inputs than from empty
 * files, so the seeds are real events: a business of each sector is
 * bootstrapped and filled by the demo generator in a temporary store, and
 * up to two events of every type it wrote become event seeds, JSON seeds
 * and (in small batches of one device) push-body seeds. A handful of
 * hand-written documents adds what the generator never writes: the edges
 * of the strict JSON grammar. Files are named by content, so running this
 * twice adds nothing.
 */
#include <glib/gstdio.h>
#include <stdlib.h>

#include "core/ahi-core.h"
#include "core/ahi-id.h"
#include "server/ahi-server.h"
#include "store/ahi-event-log.h"
#include "demo/ahi-generator.h"
#include "store/ahi-store.h"
#include "store/ahi-tenant-bootstrap.h"

#define PER_TYPE 2
#define BATCH    4

static const char * const json_edges[] = {
  "{}", "[]", "0", "-0", "\"\"", "true", "null", " {\"a\" : [1, -2, {\"b\":null}] } ",
  "{\"a\":9223372036854775807,\"b\":-9223372036854775808}",
  "{\"a\":9223372036854775808}", "{\"a\":1.5}", "{\"a\":1e3}", "{\"a\":01}",
  "{\"a\":1,\"a\":2}", "{\"a\":1,\"\\u0061\":2}", "{\"s\":\"\\ud83d\\ude00\\u00e7\\/\\\\\\\"\\b\\f\\n\\r\\t\"}",
  "{\"s\":\"\\ud83d\"}", "{\"s\":\"\\ude00\"}", "{\"s\":\"\\u0000\"}", "{\"s\":\"\x7f\"}",
  "{\"s\":\"I\xc5\x9f\xc4\xb1l \xe2\x82\xba \xf0\x9f\x92\x87\"}", "{\"s\":\"\xc0\xaf\"}", "{\"s\":\"\xed\xa0\x80\"}",
  "{\"a\":[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]}",
  "{\"a\":[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]}",
  "{\"a\":true}x", "{'a':1}", "{\"a\":1,}", "/* c */{}", "{\"a\":tru}",
  NULL
};

static void
write_seed (const char *dir,
            const char *prefix,
            const char *text,
            gssize      length)
{
  g_autofree char *digest = NULL;
  g_autofree char *name = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;

  if (length < 0)
    length = (gssize) strlen (text);
  digest = g_compute_checksum_for_data (G_CHECKSUM_SHA1, (const guchar *) text, (gsize) length);
  name = g_strdup_printf ("%s-%.12s", prefix, digest);
  path = g_build_filename (dir, name, NULL);
  if (!g_file_set_contents (path, text, length, &error))
    g_error ("%s", error->message);
}

/* Every event of a demo business of sector, read back from its log. */
static GPtrArray *
demo_events (const char *tmp,
             const char *sector)
{
  g_autofree char *path = g_strdup_printf ("%s/%s.db", tmp, sector);
  g_autofree char *tenant_id = ahi_id_new ();
  g_autoptr(AhiStore) store = NULL;
  g_autoptr(GPtrArray) boot = NULL;
  g_autoptr(GError) error = NULL;
  gint64 now = 1795000000;   /* 2026-11-17 */
  AhiTenantSpec spec = {
    .tenant_id = tenant_id, .name = "Işıl Kuaför", .sector = sector,
    .owner_name = "Derya Aksoy", .created_at = now - 40 * 86400,
  };
  AhiGeneratorSpec gen = {
    .n_customers = 40, .days_of_history = 30, .days_ahead = 7,
    .occupancy_pct = 50, .seed = 2026, .now = now,
  };
  GPtrArray *events;

  store = ahi_store_open (path, &error);
  if (store == NULL ||
      (boot = ahi_tenant_bootstrap_events (&spec, &error)) == NULL ||
      !ahi_store_append_all (store, boot, NULL, &error) ||
      !ahi_generator_fill (store, &gen, NULL, &error) ||
      (events = ahi_event_log_read (ahi_store_get_db (store), 0, G_MAXUINT, NULL, &error)) == NULL)
    g_error ("%s: %s", sector, error->message);
  return events;
}

int
main (int argc, char *argv[])
{
  static const char * const sectors[] = { "hair_beauty", "dental_esthetic", "auto_service", NULL };
  g_autofree char *tmp = NULL;
  g_autofree char *json_dir = NULL, *event_dir = NULL, *push_dir = NULL;
  guint n_json = 0, n_event = 0, n_push = 0;

  if (argc != 2)
    {
      g_printerr ("usage: %s CORPUS_DIR\n", argv[0]);
      return EXIT_FAILURE;
    }
  ahi_core_init ();
  ahi_server_module_init ();

  json_dir = g_build_filename (argv[1], "json", NULL);
  event_dir = g_build_filename (argv[1], "event", NULL);
  push_dir = g_build_filename (argv[1], "push", NULL);
  g_mkdir_with_parents (json_dir, 0755);
  g_mkdir_with_parents (event_dir, 0755);
  g_mkdir_with_parents (push_dir, 0755);
  tmp = g_dir_make_tmp ("ahi-fuzz-seeds-XXXXXX", NULL);

  for (guint i = 0; json_edges[i] != NULL; i++, n_json++)
    write_seed (json_dir, "seed", json_edges[i], -1);

  for (guint s = 0; sectors[s] != NULL; s++)
    {
      g_autoptr(GPtrArray) events = demo_events (tmp, sectors[s]);
      g_autoptr(GHashTable) per_type = g_hash_table_new (g_str_hash, g_str_equal);
      g_autofree char *device = ahi_id_new ();
      g_autoptr(GString) batch = g_string_new (NULL);
      guint in_batch = 0;
      gint64 seq = 0;

      for (guint i = 0; i < events->len; i++)
        {
          AhiEvent *event = g_ptr_array_index (events, i);
          guint seen = GPOINTER_TO_UINT (g_hash_table_lookup (per_type, event->type));
          g_autofree char *as_stored = NULL;
          g_autofree char *as_pushed = NULL;

          if (seen >= PER_TYPE)
            continue;
          g_hash_table_insert (per_type, event->type, GUINT_TO_POINTER (seen + 1));

          /* As the server serves it (pull), and as a device pushes it. */
          as_stored = ahi_event_encode (event);
          write_seed (event_dir, "seed", as_stored, -1);
          write_seed (json_dir, "seed", as_stored, -1);
          n_event++, n_json++;

          g_free (event->device_id);
          event->device_id = g_strdup (device);
          event->device_seq = ++seq;
          event->server_seq = 0;
          event->received_at = 0;
          as_pushed = ahi_event_encode (event);
          write_seed (event_dir, "seed", as_pushed, -1);
          n_event++;

          g_string_append_printf (batch, "%s%s", in_batch > 0 ? "," : "", as_pushed);
          if (++in_batch == BATCH)
            {
              g_autofree char *body = g_strdup_printf ("{\"device_id\":\"%s\",\"events\":[%s]}", device, batch->str);

              write_seed (push_dir, "seed", body, -1);
              n_push++;
              g_string_truncate (batch, 0);
              in_batch = 0;
            }
        }
    }

  /* Bodies of the wrong shape the route must refuse. */
  {
    static const char * const bodies[] = {
      "{}", "{\"device_id\":\"0190f3a2-7c1e-7abc-8def-000000000001\",\"events\":[]}",
      "{\"device_id\":\"0190f3a2-7c1e-7abc-8def-000000000001\",\"events\":{}}",
      "{\"device_id\":\"0190f3a2-7c1e-7abc-8def-000000000001\",\"events\":[{\"v\":1}]}",
      "{\"device_id\":\"0190f3a2-7c1e-7abc-8def-000000000001\",\"events\":[{\"device_seq\":1}]}",
      "{\"device_id\":1,\"events\":[]}", "[]",
      NULL
    };

    for (guint i = 0; bodies[i] != NULL; i++, n_push++)
      write_seed (push_dir, "seed", bodies[i], -1);
  }

  {
    const char *argv_rm[] = { "rm", "-rf", tmp, NULL };
    g_spawn_sync (NULL, (char **) argv_rm, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL, NULL, NULL);
  }
  g_print ("seeds: %u json, %u event, %u push\n", n_json, n_event, n_push);
  return EXIT_SUCCESS;
}
