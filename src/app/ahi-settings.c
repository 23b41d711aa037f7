/* ahi-settings.c — this machine's preferences, typed */
#include "ahi-settings.h"

/* The schema's bounds on backup-keep (data/app.ahi.Desk.gschema.xml). */
#define BACKUP_KEEP_MIN 1
#define BACKUP_KEEP_MAX 365

struct _AhiSettings
{
  GObject     parent_instance;

  GSettings  *settings;    /* NULL when the schema is not installed */
  GHashTable *memory;      /* key → GVariant, used only without the schema */
};

G_DEFINE_FINAL_TYPE (AhiSettings, ahi_settings, G_TYPE_OBJECT)

/* --------------------------------------------------------------- helpers */

/* The schema's defaults, for a run without the schema installed. Kept
 * beside the few keys they mirror; the schema remains the reference. */
static GHashTable *
memory_defaults (void)
{
  GHashTable *memory = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, (GDestroyNotify) g_variant_unref);

  g_hash_table_insert (memory, "window-width", g_variant_ref_sink (g_variant_new_int32 (1280)));
  g_hash_table_insert (memory, "window-height", g_variant_ref_sink (g_variant_new_int32 (800)));
  g_hash_table_insert (memory, "window-maximized", g_variant_ref_sink (g_variant_new_boolean (FALSE)));
  g_hash_table_insert (memory, "last-business", g_variant_ref_sink (g_variant_new_string ("")));
  g_hash_table_insert (memory, "language", g_variant_ref_sink (g_variant_new_string ("")));
  g_hash_table_insert (memory, "backup-keep", g_variant_ref_sink (g_variant_new_uint32 (7)));
  g_hash_table_insert (memory, "backup-dir", g_variant_ref_sink (g_variant_new_string ("")));
  g_hash_table_insert (memory, "last-backup", g_variant_ref_sink (g_variant_new_int64 (0)));
  return memory;
}

static GVariant *
get_value (AhiSettings *self,
           const char  *key)
{
  GVariant *value;

  if (self->settings != NULL)
    return g_settings_get_value (self->settings, key);
  value = g_hash_table_lookup (self->memory, key);
  g_assert (value != NULL);
  return g_variant_ref (value);
}

/* Takes a floating value. */
static void
set_value (AhiSettings *self,
           const char  *key,
           GVariant    *value)
{
  if (self->settings != NULL)
    g_settings_set_value (self->settings, key, value);
  else
    g_hash_table_insert (self->memory, (gpointer) g_intern_string (key), g_variant_ref_sink (value));
}

/* A string key, NULL when empty: "" means "not chosen" in this schema. */
static char *
dup_string (AhiSettings *self,
            const char  *key)
{
  g_autoptr(GVariant) value = get_value (self, key);
  const char *text = g_variant_get_string (value, NULL);

  return *text != '\0' ? g_strdup (text) : NULL;
}

static void
set_string (AhiSettings *self,
            const char  *key,
            const char  *text)
{
  set_value (self, key, g_variant_new_string (text != NULL ? text : ""));
}

/* ------------------------------------------------------------- overrides */

static void
ahi_settings_finalize (GObject *object)
{
  AhiSettings *self = AHI_SETTINGS (object);

  g_clear_object (&self->settings);
  g_clear_pointer (&self->memory, g_hash_table_unref);
  G_OBJECT_CLASS (ahi_settings_parent_class)->finalize (object);
}

static void
ahi_settings_class_init (AhiSettingsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = ahi_settings_finalize;
}

static void
ahi_settings_init (AhiSettings *self)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;

  /* g_settings_new aborts on a missing schema; an uninstalled run should
   * still open its business. */
  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, AHI_APP_ID, TRUE);
  if (schema != NULL)
    self->settings = g_settings_new_full (schema, NULL, NULL);
  else
    {
      g_message ("The settings schema %s is not installed: preferences last for this run only", AHI_APP_ID);
      self->memory = memory_defaults ();
    }
}

/* ------------------------------------------------------------ public API */

AhiSettings *
ahi_settings_new (void)
{
  return g_object_new (AHI_TYPE_SETTINGS, NULL);
}

gboolean
ahi_settings_is_persistent (AhiSettings *self)
{
  g_return_val_if_fail (AHI_IS_SETTINGS (self), FALSE);
  return self->settings != NULL;
}

void
ahi_settings_get_window_size (AhiSettings *self,
                              int         *width,
                              int         *height)
{
  g_autoptr(GVariant) w = NULL;
  g_autoptr(GVariant) h = NULL;

  g_return_if_fail (AHI_IS_SETTINGS (self));

  w = get_value (self, "window-width");
  h = get_value (self, "window-height");
  if (width != NULL)
    *width = g_variant_get_int32 (w);
  if (height != NULL)
    *height = g_variant_get_int32 (h);
}

void
ahi_settings_set_window_size (AhiSettings *self,
                              int          width,
                              int          height)
{
  g_return_if_fail (AHI_IS_SETTINGS (self));
  g_return_if_fail (width > 0 && height > 0);

  set_value (self, "window-width", g_variant_new_int32 (width));
  set_value (self, "window-height", g_variant_new_int32 (height));
}

gboolean
ahi_settings_get_window_maximized (AhiSettings *self)
{
  g_autoptr(GVariant) value = NULL;

  g_return_val_if_fail (AHI_IS_SETTINGS (self), FALSE);
  value = get_value (self, "window-maximized");
  return g_variant_get_boolean (value);
}

void
ahi_settings_set_window_maximized (AhiSettings *self,
                                   gboolean     maximized)
{
  g_return_if_fail (AHI_IS_SETTINGS (self));
  set_value (self, "window-maximized", g_variant_new_boolean (!!maximized));
}

char *
ahi_settings_dup_last_business (AhiSettings *self)
{
  g_return_val_if_fail (AHI_IS_SETTINGS (self), NULL);
  return dup_string (self, "last-business");
}

void
ahi_settings_set_last_business (AhiSettings *self,
                                const char  *path)
{
  g_return_if_fail (AHI_IS_SETTINGS (self));
  set_string (self, "last-business", path);
}

char *
ahi_settings_dup_language (AhiSettings *self)
{
  g_return_val_if_fail (AHI_IS_SETTINGS (self), NULL);
  return dup_string (self, "language");
}

void
ahi_settings_set_language (AhiSettings *self,
                           const char  *language)
{
  g_return_if_fail (AHI_IS_SETTINGS (self));
  set_string (self, "language", language);
}

guint
ahi_settings_get_backup_keep (AhiSettings *self)
{
  g_autoptr(GVariant) value = NULL;

  g_return_val_if_fail (AHI_IS_SETTINGS (self), BACKUP_KEEP_MIN);
  value = get_value (self, "backup-keep");
  return g_variant_get_uint32 (value);
}

void
ahi_settings_set_backup_keep (AhiSettings *self,
                              guint        keep)
{
  g_return_if_fail (AHI_IS_SETTINGS (self));
  /* GSettings refuses a value out of the schema's range with a critical;
   * the caller gets the nearest one the schema allows instead. */
  set_value (self, "backup-keep", g_variant_new_uint32 (CLAMP (keep, BACKUP_KEEP_MIN, BACKUP_KEEP_MAX)));
}

char *
ahi_settings_dup_backup_dir (AhiSettings *self)
{
  g_return_val_if_fail (AHI_IS_SETTINGS (self), NULL);
  return dup_string (self, "backup-dir");
}

void
ahi_settings_set_backup_dir (AhiSettings *self,
                             const char  *dir)
{
  g_return_if_fail (AHI_IS_SETTINGS (self));
  set_string (self, "backup-dir", dir);
}

gint64
ahi_settings_get_last_backup (AhiSettings *self)
{
  g_autoptr(GVariant) value = NULL;

  g_return_val_if_fail (AHI_IS_SETTINGS (self), 0);
  value = get_value (self, "last-backup");
  return g_variant_get_int64 (value);
}

void
ahi_settings_set_last_backup (AhiSettings *self,
                              gint64       when)
{
  g_return_if_fail (AHI_IS_SETTINGS (self));
  set_value (self, "last-backup", g_variant_new_int64 (when));
}
