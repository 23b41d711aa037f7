/* ahi-business-create.c — the first run: a business made offline */
#include "store/ahi-business-create.h"

#include "store/ahi-store-error.h"
#include "store/ahi-tenant-bootstrap.h"
#include "core/ahi-blueprint.h"
#include "core/ahi-id.h"

#ifndef N_
#define N_(String) (String)
#endif

/* The staff catalogue's bound on a display name. */
#define OWNER_NAME_MAX_CHARS 80

/* Until the owner types a name, the calendar shows this one. Like the
 * starter menu's service names it is data in the business's language
 * (Turkish by default), not a UI string. */
#define DEFAULT_OWNER_NAME "İşletme Sahibi"

static const AhiHoursPreset presets[] = {
  { "sector_default", N_("The sector's usual hours") },
  { "weekdays_9_18", N_("Monday to Friday, 09:00–18:00") },
  { "weekdays_9_19", N_("Monday to Friday, 09:00–19:00") },
  { "mon_sat_9_19", N_("Monday to Saturday, 09:00–19:00") },
  { "mon_sat_9_20", N_("Monday to Saturday, 09:00–20:00") },
  { "every_day_10_20", N_("Every day, 10:00–20:00") },
};

/* The week each preset stands for, in the order of presets[]; the
 * sector's default has none of its own (last_weekday 0). */
static const struct {
  guint last_weekday;   /* ISO: open from Monday (1) to this day */
  guint opens_min;
  guint closes_min;
} preset_hours[G_N_ELEMENTS (presets)] = {
  { 0, 0, 0 },
  { 5, 9 * 60, 18 * 60 },
  { 5, 9 * 60, 19 * 60 },
  { 6, 9 * 60, 19 * 60 },
  { 6, 9 * 60, 20 * 60 },
  { 7, 10 * 60, 20 * 60 },
};

/* ------------------------------------------------------------- helpers */

static gboolean
lookup_preset (const char  *id,
               guint       *out_index,
               GError     **error)
{
  for (guint i = 0; id != NULL && i < G_N_ELEMENTS (presets); i++)
    if (g_str_equal (presets[i].id, id))
      {
        *out_index = i;
        return TRUE;
      }
  g_set_error (error, AHI_STORE_ERROR, AHI_STORE_ERROR_INVALID_INPUT,
               "Unknown opening hours preset %s", id != NULL ? id : "(none)");
  return FALSE;
}

/* The preset as the opening_hours member of tenant.created; NULL for the
 * sector's own hours, which the bootstrap then takes from the blueprint. */
static JsonArray *
preset_opening_hours (guint index)
{
  JsonArray *hours;
  g_autofree char *opens = NULL;
  g_autofree char *closes = NULL;

  if (preset_hours[index].last_weekday == 0)
    return NULL;

  opens = g_strdup_printf ("%02u:%02u", preset_hours[index].opens_min / 60, preset_hours[index].opens_min % 60);
  closes = g_strdup_printf ("%02u:%02u", preset_hours[index].closes_min / 60, preset_hours[index].closes_min % 60);
  hours = json_array_new ();
  for (guint weekday = 1; weekday <= preset_hours[index].last_weekday; weekday++)
    {
      JsonObject *interval = json_object_new ();

      json_object_set_int_member (interval, "weekday", weekday);
      json_object_set_string_member (interval, "opens", opens);
      json_object_set_string_member (interval, "closes", closes);
      json_array_add_object_element (hours, interval);
    }
  return hours;
}

/* Trims text and checks it holds 1 to max_chars characters. what names
 * the field in the message. */
static char *
clean_text (const char  *text,
            guint        max_chars,
            const char  *what,
            GError     **error)
{
  g_autofree char *clean = NULL;
  glong chars;

  if (text == NULL || !g_utf8_validate (text, -1, NULL))
    {
      g_set_error (error, AHI_STORE_ERROR, AHI_STORE_ERROR_INVALID_INPUT, "The %s is missing", what);
      return NULL;
    }
  clean = g_strstrip (g_strdup (text));
  chars = g_utf8_strlen (clean, -1);
  if (chars == 0)
    {
      g_set_error (error, AHI_STORE_ERROR, AHI_STORE_ERROR_INVALID_INPUT, "The %s is empty", what);
      return NULL;
    }
  if (chars > (glong) max_chars)
    {
      g_set_error (error, AHI_STORE_ERROR, AHI_STORE_ERROR_INVALID_INPUT,
                   "The %s is longer than %u characters", what, max_chars);
      return NULL;
    }
  return g_steal_pointer (&clean);
}

static gboolean
is_blank (const char *text)
{
  for (; text != NULL && *text != '\0'; text++)
    if (!g_ascii_isspace (*text))
      return FALSE;
  return TRUE;
}

static gboolean
is_shipped_sector (const char *sector)
{
  return sector != NULL && g_strv_contains (ahi_blueprint_list_ids (), sector);
}

/* ---------------------------------------------------------- public API */

const AhiHoursPreset *
ahi_business_hours_presets (guint *n_presets)
{
  if (n_presets != NULL)
    *n_presets = G_N_ELEMENTS (presets);
  return presets;
}

gboolean
ahi_business_create (AhiStore    *store,
                     const char  *name,
                     const char  *sector,
                     const char  *owner_name,
                     const char  *hours_preset,
                     gint64       now,
                     char       **out_tenant_id,
                     GError     **error)
{
  g_autofree char *clean_name = NULL;
  g_autofree char *clean_owner = NULL;
  g_autofree char *tenant_id = NULL;
  g_autoptr(JsonArray) hours = NULL;
  g_autoptr(GPtrArray) events = NULL;
  guint preset = 0;
  AhiTenantSpec spec = { 0 };

  g_return_val_if_fail (AHI_IS_STORE (store), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (ahi_store_get_tenant_id (store) != NULL)
    {
      g_set_error (error, AHI_STORE_ERROR, AHI_STORE_ERROR_CONFLICT,
                   "%s holds a business already", ahi_store_get_path (store));
      return FALSE;
    }

  clean_name = clean_text (name, AHI_BUSINESS_NAME_MAX_CHARS, "business name", error);
  if (clean_name == NULL)
    return FALSE;
  if (!is_shipped_sector (sector))
    {
      g_set_error (error, AHI_STORE_ERROR, AHI_STORE_ERROR_INVALID_INPUT,
                   "Unknown sector %s", sector != NULL ? sector : "(none)");
      return FALSE;
    }
  if (!lookup_preset (hours_preset, &preset, error))
    return FALSE;
  if (is_blank (owner_name))
    clean_owner = g_strdup (DEFAULT_OWNER_NAME);
  else if ((clean_owner = clean_text (owner_name, OWNER_NAME_MAX_CHARS, "owner's name", error)) == NULL)
    return FALSE;

  tenant_id = ahi_id_new ();
  hours = preset_opening_hours (preset);
  spec = (AhiTenantSpec) {
    .tenant_id = tenant_id,
    .name = clean_name,
    .sector = sector,
    .owner_name = clean_owner,
    .opening_hours = hours,
    .created_at = now,
  };

  /* One batch: the business exists whole or not at all. */
  events = ahi_tenant_bootstrap_events (&spec, error);
  if (events == NULL || !ahi_store_append_all (store, events, NULL, error))
    return FALSE;

  if (out_tenant_id != NULL)
    *out_tenant_id = g_steal_pointer (&tenant_id);
  return TRUE;
}
