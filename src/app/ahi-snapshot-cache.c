/* ahi-snapshot-cache.c — the last Command Center the desk saw */
#include "ahi-snapshot-cache.h"

#include "core/ahi-id.h"

static char *
cache_path (const char *tenant_id)
{
  g_autofree char *file = NULL;

  /* The tenant id names the file: anything else would be a path. */
  if (tenant_id == NULL || !ahi_id_is_valid (tenant_id))
    return NULL;
  file = g_strconcat (tenant_id, "-command-center.json", NULL);
  return g_build_filename (g_get_user_cache_dir (), "ahi-desk", file, NULL);
}

AhiCommandCenter *
ahi_snapshot_cache_load (const char *tenant_id,
                         const char *sector)
{
  g_autofree char *path = cache_path (tenant_id);
  g_autofree char *json = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(AhiCommandCenter) center = NULL;

  if (path == NULL || !g_file_get_contents (path, &json, NULL, NULL))
    return NULL;
  center = ahi_command_center_from_json (json, &error);
  if (center == NULL)
    {
      g_debug ("snapshot cache %s ignored: %s", path, error->message);
      return NULL;
    }
  if (g_strcmp0 (center->tenant_id, tenant_id) != 0 || g_strcmp0 (center->sector, sector) != 0)
    return NULL;
  return g_steal_pointer (&center);
}

void
ahi_snapshot_cache_save (AhiCommandCenter *center)
{
  g_autofree char *path = cache_path (center->tenant_id);
  g_autofree char *dir = NULL;
  g_autofree char *json = NULL;
  g_autoptr(GError) error = NULL;

  if (path == NULL)
    return;
  dir = g_path_get_dirname (path);
  json = ahi_command_center_to_json (center);
  if (g_mkdir_with_parents (dir, 0700) != 0 || !g_file_set_contents (path, json, -1, &error))
    g_debug ("snapshot cache %s not written: %s", path, error != NULL ? error->message : g_strerror (errno));
}
