/* ahi-test-ui.c — driving a real window under Xvfb */
#include "ahi-test-ui.h"

#include <glib/gstdio.h>

#include "../store/ahi-test-fixture.h"
#include "core/ahi-time.h"
#include "demo/ahi-generator.h"

AhiStore *
ui_business_new (const char *sector,
                 guint       n_customers)
{
  AhiStore *store = fx_store_new ("business.db");
  g_autofree char *tenant = fx_create_tenant (store, sector);
  g_autoptr(GError) error = NULL;
  AhiGeneratorSpec spec = {
    .n_customers = n_customers,
    .days_of_history = 150,
    .days_ahead = 10,
    .occupancy_pct = 55,
    .seed = 20261201,
    .now = fx_time (UI_NOW_UTC),
  };
  AhiGeneratorStats stats = { 0 };

  g_assert_true (ahi_generator_fill (store, &spec, &stats, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (stats.customers, ==, n_customers);
  return store;
}

static gboolean
on_timeout_cb (gpointer data)
{
  gboolean *done = data;

  *done = TRUE;
  return G_SOURCE_REMOVE;
}

void
ui_wait (guint ms)
{
  gboolean done = FALSE;

  g_timeout_add (ms, on_timeout_cb, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
}

void
ui_wait_until (gboolean (*done) (gpointer data),
               gpointer   data)
{
  gint64 deadline = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;

  while (!done (data))
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      ui_wait (20);
    }
}

char *
ui_screenshot (GtkWidget  *window,
               const char *name)
{
  g_autofree char *dir = g_build_filename (g_getenv ("G_TEST_BUILDDIR") != NULL ? g_getenv ("G_TEST_BUILDDIR") : ".",
                                           "app", "screenshots", NULL);
  g_autofree char *file = g_strconcat (name, ".png", NULL);
  char *path = g_build_filename (dir, file, NULL);
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (window);
  g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  GskRenderer *renderer = gtk_native_get_renderer (GTK_NATIVE (window));
  int width = gtk_widget_get_width (window);
  int height = gtk_widget_get_height (window);

  g_assert_cmpint (width, >, 0);
  g_assert_cmpint (height, >, 0);
  g_mkdir_with_parents (dir, 0755);
  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  g_assert_nonnull (node);
  texture = gsk_renderer_render_texture (renderer, node, &GRAPHENE_RECT_INIT (0, 0, width, height));
  g_assert_true (gdk_texture_save_to_png (texture, path));
  return path;
}
