/* ahi-hours-routes.c — the business's weekly opening hours
 *
 * Everyone at the desk reads the week (the calendar and the slots are
 * built on it); the owner and managers replace it. A replacement is one
 * tenant.settings.updated event carrying only opening_hours, the event
 * the app writes from its settings, appended through the store's one
 * write path. docs/api-business.md documents both routes.
 */
#include "ahi-routes-private.h"

#include "core/ahi-core-error.h"
#include "core/ahi-time.h"
#include "store/query/ahi-business-query.h"

static JsonObject *
read_hours (AhiDb       *db,
            const char  *tenant_id,
            GError     **error)
{
  return ahi_business_opening_hours (db, error);
}

static void
handle_hours (AhiRequest *request)
{
  g_autoptr(GError) error = NULL;
  AhiStore *store = ahi_route_tenant_store (request, &error);

  if (store == NULL)
    {
      ahi_request_respond_error (request, error);
      return;
    }
  ahi_route_respond_read (request, store, 200, request->tenant_id, read_hours);
}

/* What the catalogue cannot say of a week (its items are checked one by
 * one): an interval closes after it opens, and the intervals of one day
 * do not overlap. Called after the catalogue has checked every item's
 * shape, so the members are there and well-formed. */
static gboolean
check_week (JsonArray  *intervals,
            GError    **error)
{
  int opens[28], closes[28], weekdays[28];
  guint n = json_array_get_length (intervals);

  g_assert (n <= G_N_ELEMENTS (opens));
  for (guint i = 0; i < n; i++)
    {
      JsonObject *interval = json_array_get_object_element (intervals, i);

      weekdays[i] = json_object_get_int_member (interval, "weekday");
      if (!ahi_clock_parse (json_object_get_string_member (interval, "opens"), &opens[i]) ||
          !ahi_clock_parse (json_object_get_string_member (interval, "closes"), &closes[i]) || closes[i] <= opens[i])
        {
          g_set_error (error, AHI_CORE_ERROR, AHI_CORE_ERROR_INVALID_VALUE,
                       "intervals[%u]: closes must be after opens", i);
          return FALSE;
        }
      for (guint j = 0; j < i; j++)
        if (weekdays[j] == weekdays[i] && opens[i] < closes[j] && opens[j] < closes[i])
          {
            g_set_error (error, AHI_CORE_ERROR, AHI_CORE_ERROR_INVALID_VALUE,
                         "intervals[%u]: overlaps intervals[%u] on the same weekday", i, j);
            return FALSE;
          }
    }
  return TRUE;
}

/* PUT opening-hours {"intervals":[{"weekday":1,"opens":"09:00","closes":"19:00"},…]}
 * (plus the retry id event_id): replaces the whole week; a weekday
 * without intervals is closed. */
static void
handle_hours_set (AhiRequest *request)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) body = NULL;
  g_autoptr(JsonObject) renamed = json_object_new ();
  g_autoptr(AhiEvent) event = NULL;
  g_autoptr(GList) names = NULL;
  gboolean duplicate = FALSE;
  AhiStore *store = NULL;

  if ((body = ahi_route_read_body (request, FALSE, &error)) == NULL)
    goto out;
  /* The body speaks of the week's intervals; the event's field is
   * opening_hours. Only those two members are a request here: the other
   * settings have routes of their own to come. */
  names = json_object_get_members (body);
  for (GList *l = names; l != NULL; l = l->next)
    {
      const char *name = l->data;

      if (!g_str_equal (name, "intervals") && !g_str_equal (name, "event_id"))
        {
          g_set_error (&error, AHI_CORE_ERROR, AHI_CORE_ERROR_UNKNOWN_FIELD, "%s: unknown field", name);
          goto out;
        }
      json_object_set_member (renamed, g_str_equal (name, "intervals") ? "opening_hours" : name,
                              json_node_copy (json_object_get_member (body, name)));
    }
  if (!json_object_has_member (renamed, "opening_hours"))
    {
      g_set_error (&error, AHI_CORE_ERROR, AHI_CORE_ERROR_MISSING_FIELD, "intervals: required");
      goto out;
    }
  if ((store = ahi_route_tenant_store (request, &error)) == NULL ||
      (event = ahi_route_event_from_body (request, store, "tenant.settings.updated", NULL, request->tenant_id,
                                          renamed, &error)) == NULL)
    goto out;
  if (!ahi_route_check_event (event, &error))
    {
      /* The catalogue names the event's field; the client sent intervals. */
      if (g_str_has_prefix (error->message, "opening_hours"))
        {
          g_autofree char *message = g_strconcat ("intervals", error->message + strlen ("opening_hours"), NULL);
          GError *renamed_error = g_error_new_literal (error->domain, error->code, message);

          g_clear_error (&error);
          error = renamed_error;
        }
      goto out;
    }
  if (!check_week (json_object_get_array_member (event->payload, "opening_hours"), &error) ||
      !ahi_route_append (store, event, &duplicate, &error))
    goto out;
  ahi_route_respond_written_read (request, store, FALSE, duplicate, event, "opening_hours", read_hours);
  return;

out:
  ahi_request_respond_error (request, error);
}

static const AhiRoute hours_routes[] = {
  { "GET", "/api/tenant/*/opening-hours", AHI_AUTH_TENANT, ahi_roles_everyone, handle_hours },
  { "PUT", "/api/tenant/*/opening-hours", AHI_AUTH_TENANT, ahi_roles_managers, handle_hours_set },
};

const AhiRoute *
ahi_hours_routes (guint *n_routes)
{
  *n_routes = G_N_ELEMENTS (hours_routes);
  return hours_routes;
}
