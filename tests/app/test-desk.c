/* test-desk.c — who is at the desk, and the copies of the business (Xvfb)
 *
 * What the front desk relies on: a colleague takes the desk with their
 * PIN and from then on every event names them; a wrong PIN changes
 * nothing; a member without a PIN cannot be picked until someone allowed
 * to sets one; a staff member is not offered the sector or a restore;
 * what each role may append and read decides what the Command Center
 * offers and shows (the owner all, a manager win back but not the
 * sector, staff neither and no money). A
 * backup written from the window restores the business exactly as it
 * was; a damaged or foreign file is refused (or asked about) and the live
 * business stays as it is; the daily backup runs by itself and keeps the
 * newest N. Screenshots of the switcher and the header at both sizes land
 * in the build folder.
 */
#include <string.h>

#include <glib/gstdio.h>

#include "ahi-test-ui.h"
#include "../store/ahi-test-fixture.h"
#include "app/ahi-action-card.h"
#include "app/ahi-application.h"
#include "app/ahi-command-center-view.h"
#include "app/ahi-i18n.h"
#include "app/ahi-kpi-tile.h"
#include "app/ahi-settings.h"
#include "app/ahi-user-switch.h"
#include "app/ahi-window.h"
#include "core/ahi-id.h"
#include "store/ahi-backup.h"
#include "store/ahi-desk-user.h"
#include "store/ahi-store-dump.h"
#include "store/ahi-store-error.h"

/* The owner the fixture's businesses are created with. */
#define OWNER_NAME "Derya Aksoy"
#define BUSINESS_NAME "Işıl Kuaför"

/* XDG_DATA_HOME of this run: the daily backups land under it. */
static char *data_home;

/* ------------------------------------------------------------- helpers */

typedef struct {
  char       *path;      /* the business's database */
  AhiContext *context;
  AhiWindow  *window;
} Desk;

/* A business in a fresh temporary folder; nothing of the test keeps it
 * open (a restore needs every connection closed). */
static char *
business_new_sized (const char *sector,
                    guint       n_customers)
{
  AhiStore *store = ui_business_new (sector, n_customers);
  char *path = g_strdup (ahi_store_get_path (store));

  g_assert_finalize_object (store);
  return path;
}

static char *
business_new (const char *sector)
{
  return business_new_sized (sector, 40);
}

static void
business_remove (const char *path)
{
  g_autofree char *dir = g_path_get_dirname (path);
  g_autoptr(GDir) folder = g_dir_open (dir, 0, NULL);
  const char *name;

  /* The database, its -wal/-shm, and whatever the test wrote beside it. */
  while (folder != NULL && (name = g_dir_read_name (folder)) != NULL)
    {
      g_autofree char *file = g_build_filename (dir, name, NULL);
      g_remove (file);
    }
  g_rmdir (dir);
}

static gboolean
desk_idle (gpointer data)
{
  Desk *desk = data;
  GtkWidget *center = ahi_window_get_command_center (desk->window);

  return center != NULL && ahi_command_center_view_is_idle (AHI_COMMAND_CENTER_VIEW (center));
}

static void
desk_show (Desk      *desk,
           AhiWindow *window,
           int        width,
           int        height)
{
  desk->window = window;
  gtk_window_set_default_size (GTK_WINDOW (window), width, height);
  gtk_window_present (GTK_WINDOW (window));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  ui_wait_until (desk_idle, desk);
  /* Leaflet transitions and the first layout of the loaded cards. */
  ui_wait (500);
}

static void
desk_open (Desk       *desk,
           const char *path,
           int         width,
           int         height)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AhiStore) store = ahi_store_open (path, &error);

  g_assert_no_error (error);
  desk->path = g_strdup (path);
  desk->context = ahi_context_new (store, &error);
  g_assert_no_error (error);
  ahi_context_set_now (desk->context, fx_time (UI_NOW_UTC));
  desk_show (desk, ahi_window_new (NULL, desk->context), width, height);
}

static gboolean
is_null (gpointer data)
{
  return *(gpointer *) data == NULL;
}

/* Closes the window and checks that the context goes with it: nothing
 * (a view, a job on a worker) keeps the business open behind the desk.
 * A job still running may finish first. */
static void
desk_close (Desk *desk)
{
  gpointer context = desk->context;

  gtk_window_destroy (GTK_WINDOW (desk->window));
  g_object_add_weak_pointer (G_OBJECT (context), &context);
  g_object_unref (desk->context);
  ui_wait_until (is_null, &context);
  g_clear_pointer (&desk->path, g_free);
}

static AhiStore *
desk_store (Desk *desk)
{
  return ahi_context_get_store (desk->context);
}

static gint64
event_count (Desk *desk)
{
  return fx_int (desk_store (desk), "SELECT count(*) FROM tenant_event_logs");
}

static char *
dump (Desk *desk)
{
  g_autoptr(GError) error = NULL;
  char *text = ahi_store_dump_projections (ahi_store_get_db (desk_store (desk)), &error);

  g_assert_no_error (error);
  return text;
}

/* The first member of the role, as the store lists them. */
static AhiDeskUser *
member_of_role (Desk       *desk,
                const char *role)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) users = ahi_desk_users_list (ahi_store_get_db (desk_store (desk)), &error);

  g_assert_no_error (error);
  for (guint i = 0; i < users->len; i++)
    {
      AhiDeskUser *user = g_ptr_array_index (users, i);

      if (g_str_equal (user->role, role))
        return g_ptr_array_steal_index (users, i);
    }
  g_assert_not_reached ();
}

static const char *
user_button_text (Desk *desk)
{
  GtkWidget *button = ahi_window_get_user_button (desk->window);
  /* The button holds a box: the avatar, then the name. */
  GtkWidget *box = gtk_button_get_child (GTK_BUTTON (button));

  return gtk_label_get_label (GTK_LABEL (gtk_widget_get_last_child (box)));
}

static gboolean
switch_idle (gpointer data)
{
  return ahi_user_switch_is_idle (data);
}

/* Sets the member's PIN the way an owner does, through the store, so a
 * test about something else starts with a PIN in place. */
static void
set_pin_directly (Desk       *desk,
                  const char *staff_id,
                  const char *pin)
{
  g_autofree char *owner = g_strdup (ahi_context_get_actor_id (desk->context));
  g_autoptr(GError) error = NULL;
  g_autoptr(AhiEvent) event = ahi_desk_user_set_pin_event (desk_store (desk), staff_id, pin, owner, "owner",
                                                          fx_time (UI_NOW_UTC), &error);

  g_assert_no_error (error);
  g_assert_nonnull (event);
}

/* Switches to staff_id with pin through the switcher, as a person does,
 * and waits until it closed. */
static void
switch_to (Desk       *desk,
           const char *staff_id,
           const char *pin)
{
  AhiUserSwitch *user_switch = ahi_window_open_user_switch (desk->window);

  g_object_add_weak_pointer (G_OBJECT (user_switch), (gpointer *) &user_switch);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (user_switch));
  g_assert_true (ahi_user_switch_pick (user_switch, staff_id));
  ahi_user_switch_submit_pin (user_switch, pin);
  ui_wait_until (is_null, &user_switch);
  ui_wait_until (desk_idle, desk);
}

static GtkWidget *
find_widget (GtkWidget *root,
             GType      type,
             const char *action_name)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type) &&
      (action_name == NULL || g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (root)), action_name) == 0))
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_widget (child, type, action_name);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* Waiting for an async call of the window. */
typedef struct {
  GAsyncResult *result;
} Wait;

static void
on_done_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      data)
{
  Wait *wait = data;

  wait->result = g_object_ref (result);
}

static gboolean
wait_done (gpointer data)
{
  return ((Wait *) data)->result != NULL;
}

static gboolean
dialog_shown (gpointer data)
{
  return ahi_window_get_dialog (data) != NULL;
}

static void
back_up (Desk       *desk,
         const char *path)
{
  Wait wait = { NULL };
  g_autoptr(GError) error = NULL;

  ahi_window_back_up_async (desk->window, path, NULL, on_done_cb, &wait);
  ui_wait_until (wait_done, &wait);
  g_assert_true (ahi_window_back_up_finish (desk->window, wait.result, &error));
  g_assert_no_error (error);
  g_object_unref (wait.result);
}

/* Asks the window to restore path and waits for its question (or its
 * message about a bad file), which it returns. */
static AdwMessageDialog *
ask_restore (Desk       *desk,
             const char *path,
             Wait       *wait)
{
  AdwMessageDialog *dialog;

  ahi_window_restore_async (desk->window, path, NULL, on_done_cb, wait);
  ui_wait_until (dialog_shown, desk->window);
  dialog = ahi_window_get_dialog (desk->window);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (dialog));
  return dialog;
}

/* 12345 → "12,345": the English grouping, written out here rather than
 * taken from the code under test. */
static char *
english_number (gint64 n)
{
  g_autofree char *digits = g_strdup_printf ("%" G_GINT64_FORMAT, n);
  GString *text = g_string_new (NULL);
  gsize length = strlen (digits);

  for (gsize i = 0; i < length; i++)
    {
      if (i > 0 && (length - i) % 3 == 0)
        g_string_append_c (text, ',');
      g_string_append_c (text, digits[i]);
    }
  return g_string_free (text, FALSE);
}

static guint
count_files_with_prefix (const char *dir,
                         const char *prefix)
{
  g_autoptr(GDir) folder = g_dir_open (dir, 0, NULL);
  const char *name;
  guint n = 0;

  while (folder != NULL && (name = g_dir_read_name (folder)) != NULL)
    n += g_str_has_prefix (name, prefix) ? 1 : 0;
  return n;
}

/* Removes a folder of this test and everything in it. */
static void
remove_folder (const char *dir)
{
  g_autoptr(GDir) folder = g_dir_open (dir, 0, NULL);
  const char *name;

  while (folder != NULL && (name = g_dir_read_name (folder)) != NULL)
    {
      g_autofree char *file = g_build_filename (dir, name, NULL);

      if (g_file_test (file, G_FILE_TEST_IS_DIR) && !g_file_test (file, G_FILE_TEST_IS_SYMLINK))
        remove_folder (file);
      else
        g_remove (file);
    }
  g_rmdir (dir);
}

/* A new member with the role, added by the owner as the back office
 * would (the business made by the fixture has an owner and staff only). */
static char *
add_member (Desk       *desk,
            const char *name,
            const char *role)
{
  g_autofree char *owner = g_strdup (ahi_context_get_actor_id (desk->context));
  g_autofree char *id = ahi_id_new ();
  g_autoptr(AhiEvent) event = ahi_store_new_event (desk_store (desk), "staff.created", id, owner, "owner",
                                                  fx_time (UI_NOW_UTC));
  g_autoptr(GError) error = NULL;

  json_object_set_string_member (event->payload, "role", role);
  json_object_set_string_member (ahi_event_get_pii (event), "display_name", name);
  g_assert_true (ahi_store_append (desk_store (desk), event, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (ahi_context_reload (desk->context, &error));
  g_assert_no_error (error);
  return g_steal_pointer (&id);
}

static GtkWidget *
cards_box (Desk *desk)
{
  return ahi_command_center_view_get_cards_box (AHI_COMMAND_CENTER_VIEW (ahi_window_get_command_center (desk->window)));
}

static AhiActionCardWidget *
card_of_kind (Desk       *desk,
              const char *kind)
{
  for (GtkWidget *child = gtk_widget_get_first_child (cards_box (desk)); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (g_strcmp0 (ahi_action_card_widget_get_kind (AHI_ACTION_CARD (child)), kind) == 0)
      return AHI_ACTION_CARD (child);
  return NULL;
}

/* The KPI tiles shown, by id, joined with spaces. */
static char *
tile_ids (Desk *desk)
{
  GtkWidget *center = ahi_window_get_command_center (desk->window);
  GtkWidget *box = ahi_command_center_view_get_kpi_box (AHI_COMMAND_CENTER_VIEW (center));
  GString *ids = g_string_new (NULL);

  for (GtkWidget *child = gtk_widget_get_first_child (box); child != NULL; child = gtk_widget_get_next_sibling (child))
    g_string_append_printf (ids, "%s%s", ids->len > 0 ? " " : "", ahi_kpi_tile_get_kpi_id (AHI_KPI_TILE (child)));
  return g_string_free (ids, FALSE);
}

static AhiKpiTile *
tile_of_id (Desk       *desk,
            const char *id)
{
  GtkWidget *center = ahi_window_get_command_center (desk->window);
  GtkWidget *box = ahi_command_center_view_get_kpi_box (AHI_COMMAND_CENTER_VIEW (center));

  for (GtkWidget *child = gtk_widget_get_first_child (box); child != NULL; child = gtk_widget_get_next_sibling (child))
    if (g_str_equal (ahi_kpi_tile_get_kpi_id (AHI_KPI_TILE (child)), id))
      return AHI_KPI_TILE (child);
  return NULL;
}

/* How many labels showing on the Command Center hold text (a lira sign:
 * money). */
static guint
count_shown_labels_with (GtkWidget  *root,
                         const char *text)
{
  guint n = 0;

  if (!gtk_widget_get_visible (root))
    return 0;
  if (GTK_IS_LABEL (root) && strstr (gtk_label_get_label (GTK_LABEL (root)), text) != NULL)
    n++;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL; child = gtk_widget_get_next_sibling (child))
    n += count_shown_labels_with (child, text);
  return n;
}

static gboolean
sector_offered (Desk *desk)
{
  GtkWidget *settings;

  g_assert_true (ahi_window_show_module (desk->window, "settings"));
  ui_wait (300);
  settings = adw_view_stack_get_visible_child (ADW_VIEW_STACK (ahi_window_get_stack (desk->window)));
  return gtk_widget_get_mapped (find_widget (settings, ADW_TYPE_COMBO_ROW, NULL));
}

static void
show_center (Desk *desk)
{
  g_assert_true (ahi_window_show_module (desk->window, "command_center"));
  ui_wait_until (desk_idle, desk);
  ui_wait (300);
}

/* The hair salon's KPIs (data/blueprints/hair_beauty.json, in its order)
 * and, among them, those in kuruş: revenue_sold, average_ticket,
 * revenue_brought_back, revenue_net_of_tax. Staff read none of these
 * four (no revenue summaries): the other eight, in the same order. */
#define ALL_TILES "revenue_sold fill_rate_pct no_show_rate_pct at_risk_customers rebooking_rate_pct" \
                  " average_ticket reactivation_conversion_pct revenue_brought_back repeat_visit_cycle_days" \
                  " cancellation_rate_pct open_ops_alerts revenue_net_of_tax"
#define STAFF_TILES "fill_rate_pct no_show_rate_pct at_risk_customers rebooking_rate_pct" \
                    " reactivation_conversion_pct repeat_visit_cycle_days cancellation_rate_pct open_ops_alerts"
/* Win back queues a campaign (automation.reactivation.queued): the write
 * table gives it to owners and managers. */
#define WIN_BACK_WHO "Only the owner or a manager can do this."

/* --------------------------------------------------------------- tests */

static void
test_switch_user (void)
{
  Desk desk = { 0 };
  g_autofree char *path = business_new ("hair_beauty");
  g_autoptr(AhiDeskUser) owner = NULL;
  g_autoptr(AhiDeskUser) staff = NULL;
  AhiUserSwitch *user_switch;
  GtkWidget *center, *first;
  gint64 pin_events, before;

  ahi_i18n_init ("en");
  desk_open (&desk, path, 1280, 800);
  owner = member_of_role (&desk, "owner");
  staff = member_of_role (&desk, "staff");

  /* The owner is at the desk first, and the header names her. */
  g_assert_cmpstr (ahi_context_get_actor_id (desk.context), ==, owner->staff_id);
  g_assert_cmpstr (user_button_text (&desk), ==, OWNER_NAME);
  g_assert_true (gtk_widget_get_mapped (ahi_window_get_user_button (desk.window)));
  g_free (ui_screenshot (GTK_WIDGET (desk.window), "desk-header-laptop-en"));

  user_switch = ahi_window_open_user_switch (desk.window);
  g_object_add_weak_pointer (G_OBJECT (user_switch), (gpointer *) &user_switch);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (user_switch));
  ui_wait (300);
  g_free (ui_screenshot (GTK_WIDGET (user_switch), "desk-user-switch-list-en"));

  /* Nobody has a PIN yet: the staff member is listed but not offered. */
  g_assert_false (staff->has_pin);
  g_assert_false (ahi_user_switch_pick (user_switch, staff->staff_id));
  g_assert_cmpstr (ahi_user_switch_get_page (user_switch), ==, "list");

  /* The owner sets it: two different PINs are refused before anything
   * is hashed or written. */
  pin_events = fx_int (desk_store (&desk), "SELECT count(*) FROM tenant_event_logs WHERE type = 'staff.updated'");
  g_assert_true (ahi_user_switch_edit_pin (user_switch, staff->staff_id));
  ahi_user_switch_submit_new_pin (user_switch, "2468", "2469");
  g_assert_cmpstr (ahi_user_switch_get_error (user_switch), ==, "The two PINs differ. Type the same PIN twice.");
  ahi_user_switch_submit_new_pin (user_switch, "24a8", "24a8");
  g_assert_cmpstr (ahi_user_switch_get_error (user_switch), ==, "A PIN is 4 to 6 digits.");
  ahi_user_switch_submit_new_pin (user_switch, "2468", "2468");
  ui_wait_until (switch_idle, user_switch);
  g_assert_null (ahi_user_switch_get_error (user_switch));
  g_assert_cmpstr (ahi_user_switch_get_page (user_switch), ==, "list");
  /* One staff.updated event, acted by the owner, on the member. */
  {
    g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM tenant_event_logs WHERE type = 'staff.updated'"
                                            " AND entity_id = '%s' AND actor_user_id = '%s' AND actor_role = 'owner'",
                                            staff->staff_id, owner->staff_id);

    g_assert_cmpint (fx_int (desk_store (&desk), sql), ==, 1);
    g_assert_cmpint (fx_int (desk_store (&desk), "SELECT count(*) FROM tenant_event_logs WHERE type = 'staff.updated'"),
                     ==, pin_events + 1);
  }

  /* Now they can be picked. A wrong PIN says so and changes nothing. */
  g_assert_true (ahi_user_switch_pick (user_switch, staff->staff_id));
  g_assert_cmpstr (ahi_user_switch_get_page (user_switch), ==, "pin");
  ahi_user_switch_submit_pin (user_switch, "1111");
  ui_wait_until (switch_idle, user_switch);
  g_assert_cmpstr (ahi_user_switch_get_error (user_switch), ==, "Wrong PIN. Nothing was changed; try again.");
  g_assert_cmpstr (ahi_context_get_actor_id (desk.context), ==, owner->staff_id);
  g_assert_cmpstr (ahi_context_get_actor_role (desk.context), ==, "owner");
  g_assert_cmpstr (user_button_text (&desk), ==, OWNER_NAME);
  /* The page's slide and the new layout. */
  ui_wait (400);
  g_free (ui_screenshot (GTK_WIDGET (user_switch), "desk-user-switch-wrong-pin-en"));

  /* The right one: the switcher closes and the staff member is at the
   * desk, in the header too. */
  ahi_user_switch_submit_pin (user_switch, "2468");
  ui_wait_until (is_null, &user_switch);
  ui_wait_until (desk_idle, &desk);
  g_assert_cmpstr (ahi_context_get_actor_id (desk.context), ==, staff->staff_id);
  g_assert_cmpstr (ahi_context_get_actor_role (desk.context), ==, "staff");
  g_assert_cmpstr (user_button_text (&desk), ==, staff->display_name);
  {
    g_autofree char *toast = g_strdup_printf ("%s is at the desk now.", staff->display_name);

    g_assert_cmpstr (ahi_window_get_last_toast (desk.window), ==, toast);
  }

  /* A card's button they are offered: every event it appends is acted
   * by them. */
  center = ahi_window_get_command_center (desk.window);
  first = gtk_widget_get_first_child (ahi_command_center_view_get_cards_box (AHI_COMMAND_CENTER_VIEW (center)));
  while (first != NULL && !ahi_action_card_widget_get_offered (AHI_ACTION_CARD (first)))
    first = gtk_widget_get_next_sibling (first);
  g_assert_nonnull (first);
  before = fx_int (desk_store (&desk), "SELECT max(seq) FROM tenant_event_logs");
  g_signal_emit_by_name (ahi_action_card_widget_get_button (AHI_ACTION_CARD (first)), "clicked");
  ui_wait_until (desk_idle, &desk);
  {
    g_autofree char *all = g_strdup_printf ("SELECT count(*) FROM tenant_event_logs WHERE seq > %" G_GINT64_FORMAT, before);
    g_autofree char *theirs = g_strdup_printf ("SELECT count(*) FROM tenant_event_logs WHERE seq > %" G_GINT64_FORMAT
                                               " AND actor_user_id = '%s' AND actor_role = 'staff'",
                                               before, staff->staff_id);
    gint64 appended = fx_int (desk_store (&desk), all);

    g_test_message ("the card appended %" G_GINT64_FORMAT " events; toast: %s", appended,
                    ahi_window_get_last_toast (desk.window));
    g_assert_cmpint (appended, >, 0);
    g_assert_cmpint (fx_int (desk_store (&desk), theirs), ==, appended);
  }

  desk_close (&desk);
  business_remove (path);
}

static void
test_staff_not_offered (void)
{
  Desk desk = { 0 };
  g_autofree char *path = business_new ("hair_beauty");
  g_autoptr(AhiDeskUser) owner = NULL;
  g_autoptr(AhiDeskUser) staff = NULL;
  g_autoptr(GError) error = NULL;
  AhiUserSwitch *user_switch;
  GtkWidget *settings;
  Wait wait = { NULL };

  ahi_i18n_init ("en");
  desk_open (&desk, path, 1280, 800);
  owner = member_of_role (&desk, "owner");
  staff = member_of_role (&desk, "staff");
  set_pin_directly (&desk, staff->staff_id, "97531");

  /* The owner is offered the sector and a restore (the check below can
   * see them when they are there). */
  g_assert_true (ahi_window_show_module (desk.window, "settings"));
  ui_wait (300);
  settings = adw_view_stack_get_visible_child (ADW_VIEW_STACK (ahi_window_get_stack (desk.window)));
  g_assert_true (gtk_widget_get_mapped (find_widget (settings, ADW_TYPE_COMBO_ROW, NULL)));
  g_assert_true (gtk_widget_get_mapped (find_widget (settings, GTK_TYPE_BUTTON, "win.restore")));

  switch_to (&desk, staff->staff_id, "97531");
  g_assert_cmpstr (ahi_context_get_actor_role (desk.context), ==, "staff");
  ui_wait (300);

  /* A staff member: neither the sector nor a restore; a backup still. */
  g_assert_false (gtk_widget_get_mapped (find_widget (settings, ADW_TYPE_COMBO_ROW, NULL)));
  g_assert_false (gtk_widget_get_mapped (find_widget (settings, GTK_TYPE_BUTTON, "win.restore")));
  g_assert_true (gtk_widget_get_mapped (find_widget (settings, GTK_TYPE_BUTTON, "win.backup")));
  g_free (ui_screenshot (GTK_WIDGET (desk.window), "desk-settings-staff-laptop-en"));

  /* Asked anyway (a shortcut, a script), the window refuses. */
  ahi_window_restore_async (desk.window, path, NULL, on_done_cb, &wait);
  ui_wait_until (wait_done, &wait);
  g_assert_null (ahi_window_restore_finish (desk.window, wait.result, &error));
  g_assert_error (error, AHI_STORE_ERROR, AHI_STORE_ERROR_FORBIDDEN);
  g_clear_object (&wait.result);

  /* In the switcher, they may set their own PIN but not the owner's. */
  user_switch = ahi_window_open_user_switch (desk.window);
  g_object_add_weak_pointer (G_OBJECT (user_switch), (gpointer *) &user_switch);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (user_switch));
  g_assert_false (ahi_user_switch_edit_pin (user_switch, owner->staff_id));
  /* The owner has no PIN: she is listed, not offered. */
  g_assert_false (ahi_user_switch_pick (user_switch, owner->staff_id));
  g_assert_true (ahi_user_switch_edit_pin (user_switch, staff->staff_id));
  gtk_window_destroy (GTK_WINDOW (user_switch));
  ui_wait_until (is_null, &user_switch);

  desk_close (&desk);
  business_remove (path);
}

/* What each person at the desk is offered and shown, from the one write
 * table and the read scopes (core/ahi-access.h): the owner everything;
 * a manager win back but not the sector; a staff member neither, and no
 * money on the Command Center. */
static void
test_roles_shown (void)
{
  Desk desk = { 0 };
  g_autofree char *path = business_new_sized ("hair_beauty", 200);
  g_autofree char *manager_id = NULL;
  g_autofree char *tiles = NULL;
  g_autoptr(AhiDeskUser) staff = NULL;
  AhiActionCardWidget *win_back, *other = NULL;
  GtkWidget *center;
  gint64 before;

  ahi_i18n_init ("en");
  desk_open (&desk, path, 1280, 800);
  staff = member_of_role (&desk, "staff");
  manager_id = add_member (&desk, "Selin Kaya", "manager");
  set_pin_directly (&desk, staff->staff_id, "97531");
  set_pin_directly (&desk, manager_id, "86420");
  center = ahi_window_get_command_center (desk.window);

  /* The owner: the sector, every tile, win back offered with its money. */
  g_assert_true (sector_offered (&desk));
  show_center (&desk);
  tiles = tile_ids (&desk);
  g_assert_cmpstr (tiles, ==, ALL_TILES);
  g_clear_pointer (&tiles, g_free);
  win_back = card_of_kind (&desk, "win_back");
  g_assert_nonnull (win_back);
  g_assert_true (ahi_action_card_widget_get_offered (win_back));
  g_assert_true (gtk_widget_get_sensitive (GTK_WIDGET (ahi_action_card_widget_get_button (win_back))));
  g_assert_null (ahi_action_card_widget_get_reason (win_back));
  g_assert_true (g_str_has_prefix (ahi_action_card_widget_get_value (win_back), "Expected ≈ ₺"));
  g_assert_nonnull (strstr (ahi_kpi_tile_get_formula (tile_of_id (&desk, "at_risk_customers")), "At stake: ₺"));
  g_assert_cmpuint (count_shown_labels_with (center, "₺"), >, 0);

  /* A staff member: no sector; the tiles without kuruş; win back shows
   * what it knows but its button is not offered, and the card says who
   * may; no lira anywhere on the Command Center. */
  switch_to (&desk, staff->staff_id, "97531");
  g_assert_cmpstr (ahi_context_get_actor_role (desk.context), ==, "staff");
  g_assert_false (sector_offered (&desk));
  show_center (&desk);
  tiles = tile_ids (&desk);
  g_assert_cmpstr (tiles, ==, STAFF_TILES);
  g_clear_pointer (&tiles, g_free);
  g_assert_null (strstr (ahi_kpi_tile_get_formula (tile_of_id (&desk, "at_risk_customers")), "At stake"));
  win_back = card_of_kind (&desk, "win_back");
  g_assert_nonnull (win_back);
  g_assert_cmpstr (ahi_action_card_widget_get_title (win_back), !=, "");
  g_assert_false (ahi_action_card_widget_get_offered (win_back));
  g_assert_false (gtk_widget_get_sensitive (GTK_WIDGET (ahi_action_card_widget_get_button (win_back))));
  g_assert_cmpstr (ahi_action_card_widget_get_reason (win_back), ==, WIN_BACK_WHO);
  g_assert_cmpstr (gtk_widget_get_tooltip_text (GTK_WIDGET (ahi_action_card_widget_get_button (win_back))), ==,
                   WIN_BACK_WHO);
  g_assert_null (ahi_action_card_widget_get_value (win_back));
  g_assert_cmpuint (count_shown_labels_with (center, "₺"), ==, 0);
  /* The other cards append reminders, which staff may: offered. */
  for (GtkWidget *child = gtk_widget_get_first_child (cards_box (&desk)); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (AHI_ACTION_CARD (child) != win_back)
      {
        other = AHI_ACTION_CARD (child);
        g_assert_true (ahi_action_card_widget_get_offered (other));
        g_assert_null (ahi_action_card_widget_get_reason (other));
      }
  g_assert_nonnull (other);
  /* Pressed anyway (a script), the button does nothing. */
  before = event_count (&desk);
  g_signal_emit_by_name (ahi_action_card_widget_get_button (win_back), "clicked");
  ui_wait (200);
  ui_wait_until (desk_idle, &desk);
  g_assert_cmpint (event_count (&desk), ==, before);
  /* And the sector, asked for through the context, is refused. */
  {
    g_autoptr(GError) error = NULL;

    g_assert_false (ahi_context_change_sector (desk.context, "dental_esthetic", &error));
    g_assert_error (error, AHI_STORE_ERROR, AHI_STORE_ERROR_FORBIDDEN);
    g_assert_cmpstr (error->message, ==, "Only the owner can do this.");
    g_assert_cmpint (event_count (&desk), ==, before);
  }
  g_free (ui_screenshot (GTK_WIDGET (desk.window), "desk-center-staff-laptop-en"));

  /* A manager: win back offered again, with the money; still no sector. */
  switch_to (&desk, manager_id, "86420");
  g_assert_cmpstr (ahi_context_get_actor_role (desk.context), ==, "manager");
  g_assert_false (sector_offered (&desk));
  show_center (&desk);
  tiles = tile_ids (&desk);
  g_assert_cmpstr (tiles, ==, ALL_TILES);
  win_back = card_of_kind (&desk, "win_back");
  g_assert_nonnull (win_back);
  g_assert_true (ahi_action_card_widget_get_offered (win_back));
  g_assert_true (gtk_widget_get_sensitive (GTK_WIDGET (ahi_action_card_widget_get_button (win_back))));
  g_assert_null (ahi_action_card_widget_get_reason (win_back));
  g_assert_true (g_str_has_prefix (ahi_action_card_widget_get_value (win_back), "Expected ≈ ₺"));
  /* The PIN rule is the table's staff.updated rule: a manager sets their
   * own PIN and a staff member's, never the owner's. */
  {
    g_autoptr(AhiDeskUser) owner = member_of_role (&desk, "owner");
    AhiUserSwitch *user_switch = ahi_window_open_user_switch (desk.window);

    g_object_add_weak_pointer (G_OBJECT (user_switch), (gpointer *) &user_switch);
    gtk_test_widget_wait_for_draw (GTK_WIDGET (user_switch));
    g_assert_false (ahi_user_switch_edit_pin (user_switch, owner->staff_id));
    g_assert_true (ahi_user_switch_edit_pin (user_switch, staff->staff_id));
    gtk_window_destroy (GTK_WINDOW (user_switch));
    ui_wait_until (is_null, &user_switch);
    user_switch = ahi_window_open_user_switch (desk.window);
    g_object_add_weak_pointer (G_OBJECT (user_switch), (gpointer *) &user_switch);
    gtk_test_widget_wait_for_draw (GTK_WIDGET (user_switch));
    g_assert_true (ahi_user_switch_edit_pin (user_switch, manager_id));
    gtk_window_destroy (GTK_WINDOW (user_switch));
    ui_wait_until (is_null, &user_switch);
  }

  desk_close (&desk);
  business_remove (path);
}

/* The staff member's Command Center at both sizes and in both languages,
 * for a person to look at: no money, win back's button greyed with who
 * may press it. */
static void
test_staff_screenshots (void)
{
  g_autofree char *path = business_new_sized ("hair_beauty", 200);
  const char * const languages[] = { "tr", "en" };
  const struct { const char *name; int width, height; } sizes[] = {
    { "laptop", 1280, 800 },
    { "phone", 360, 720 },
  };

  for (guint l = 0; l < G_N_ELEMENTS (languages); l++)
    for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
      {
        Desk desk = { 0 };
        g_autoptr(AhiDeskUser) staff = NULL;
        g_autofree char *name = g_strdup_printf ("desk-center-staff-%s-%s", sizes[i].name, languages[l]);
        g_autofree char *shot = NULL;
        AhiActionCardWidget *win_back;

        ahi_i18n_init (languages[l]);
        desk_open (&desk, path, sizes[i].width, sizes[i].height);
        staff = member_of_role (&desk, "staff");
        if (l == 0 && i == 0)
          set_pin_directly (&desk, staff->staff_id, "97531");
        switch_to (&desk, staff->staff_id, "97531");
        ui_wait (500);
        /* The window's own frame may take a few pixels off the size asked. */
        g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (desk.window)), <=, sizes[i].width);
        win_back = card_of_kind (&desk, "win_back");
        g_assert_nonnull (win_back);
        g_assert_false (ahi_action_card_widget_get_offered (win_back));
        shot = ui_screenshot (GTK_WIDGET (desk.window), name);
        g_test_message ("screenshot %s", shot);
        desk_close (&desk);
      }
  business_remove (path);
}

static void
test_backup_restore (void)
{
  Desk desk = { 0 };
  g_autofree char *path = business_new ("hair_beauty");
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *backup = g_build_filename (dir, "copy" AHI_BACKUP_SUFFIX, NULL);
  g_autofree char *dump_at_backup = NULL;
  g_autofree char *dump_restored = NULL;
  g_autofree char *number = NULL;
  g_autofree char *backup_tenant = NULL;
  g_autoptr(GError) error = NULL;
  gpointer old_context;
  AdwMessageDialog *dialog;
  AhiWindow *restored;
  Wait wait = { NULL };
  gint64 events_at_backup = 0, events_in_file = 0;

  ahi_i18n_init ("en");
  desk_open (&desk, path, 1280, 800);

  /* Back up: a toast names the file. */
  back_up (&desk, backup);
  g_assert_cmpstr (ahi_window_get_last_toast (desk.window), ==, "Backed up to copy" AHI_BACKUP_SUFFIX);
  events_at_backup = event_count (&desk);
  dump_at_backup = dump (&desk);
  /* The file holds the same log, read by the store's own check. */
  g_assert_true (ahi_backup_check (backup, &backup_tenant, &events_in_file, &error));
  g_assert_no_error (error);
  g_assert_cmpint (events_in_file, ==, events_at_backup);
  g_assert_cmpstr (backup_tenant, ==, ahi_context_get_status (desk.context)->tenant_id);

  /* A change after the backup: the sector, one event. */
  g_assert_true (ahi_context_change_sector (desk.context, "dental_esthetic", &error));
  g_assert_no_error (error);
  ui_wait_until (desk_idle, &desk);
  g_assert_cmpint (event_count (&desk), ==, events_at_backup + 1);

  /* Restore: the question names the business and the backup's events. */
  dialog = ask_restore (&desk, backup, &wait);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Restore This Backup?");
  number = english_number (events_at_backup);
  {
    g_autofree char *body = g_strdup_printf ("This is a backup of " BUSINESS_NAME " with %s events."
                                             " Everything recorded after it was made is lost.", number);

    g_assert_cmpstr (adw_message_dialog_get_body (dialog), ==, body);
  }
  g_free (ui_screenshot (GTK_WIDGET (dialog), "desk-restore-question-en"));

  old_context = desk.context;
  g_object_add_weak_pointer (G_OBJECT (old_context), &old_context);
  adw_message_dialog_response (dialog, "restore");
  ui_wait_until (wait_done, &wait);
  restored = ahi_window_restore_finish (desk.window, wait.result, &error);
  g_assert_no_error (error);
  g_assert_nonnull (restored);
  g_clear_object (&wait.result);

  /* The old window and its context are gone; a new one shows the
   * business as it was at the backup. */
  g_object_unref (desk.context);
  ui_wait_until (is_null, &old_context);
  desk.context = g_object_ref (ahi_window_get_context (restored));
  desk.window = restored;
  ui_wait_until (desk_idle, &desk);
  g_assert_cmpint (event_count (&desk), ==, events_at_backup);
  g_assert_cmpstr (ahi_context_get_status (desk.context)->sector, ==, "hair_beauty");
  dump_restored = dump (&desk);
  g_assert_cmpstr (dump_restored, ==, dump_at_backup);
  g_assert_cmpstr (ahi_window_get_last_toast (restored), ==, "Restored from copy" AHI_BACKUP_SUFFIX);
  /* "now" came along: the restored window shows the same instant. */
  g_assert_cmpint (ahi_context_now (desk.context), ==, fx_time (UI_NOW_UTC));

  desk_close (&desk);
  business_remove (path);
}

/* Writes a copy of a real backup with one page overwritten: ours, but
 * damaged. */
static void
write_damaged_copy (const char *good,
                    const char *damaged)
{
  g_autofree char *bytes = NULL;
  g_autoptr(GError) error = NULL;
  gsize length = 0, page;

  g_file_get_contents (good, &bytes, &length, &error);
  g_assert_no_error (error);
  /* The page size is the big-endian 16-bit number at offset 16 of the
   * header (1 means 65536). Page 2 is the first table's root. */
  page = ((guchar) bytes[16] << 8) | (guchar) bytes[17];
  if (page == 1)
    page = 65536;
  g_assert_cmpuint (length, >=, 3 * page);
  memset (bytes + page, 0xA5, page);
  g_file_set_contents (damaged, bytes, length, &error);
  g_assert_no_error (error);
}

static void
test_restore_refuses (void)
{
  Desk desk = { 0 };
  g_autofree char *path = business_new ("hair_beauty");
  g_autofree char *other_path = business_new ("auto_service");
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *garbage = g_build_filename (dir, "garbage" AHI_BACKUP_SUFFIX, NULL);
  g_autofree char *good = g_build_filename (dir, "good" AHI_BACKUP_SUFFIX, NULL);
  g_autofree char *damaged = g_build_filename (dir, "damaged" AHI_BACKUP_SUFFIX, NULL);
  g_autofree char *foreign = g_build_filename (dir, "foreign" AHI_BACKUP_SUFFIX, NULL);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (20261124);
  char noise[8192];
  AhiContext *context;
  gint64 events;
  const struct {
    const char *path;
    gint        code;
    const char *body;
  } refused[] = {
    { garbage, AHI_STORE_ERROR_NOT_A_DATABASE, "This file is not an Ahi Desk backup. The business was not changed." },
    { damaged, AHI_STORE_ERROR_CORRUPT, "This backup is damaged and cannot be used. The business was not changed." },
  };

  ahi_i18n_init ("en");
  for (guint i = 0; i < sizeof noise; i++)
    noise[i] = (char) g_rand_int_range (rand, 0, 256);
  g_assert_true (g_file_set_contents (garbage, noise, sizeof noise, NULL));

  desk_open (&desk, path, 1280, 800);
  context = desk.context;
  back_up (&desk, good);
  write_damaged_copy (good, damaged);
  events = event_count (&desk);
  before = dump (&desk);

  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      Wait wait = { NULL };
      g_autoptr(GError) error = NULL;
      AdwMessageDialog *dialog = ask_restore (&desk, refused[i].path, &wait);

      /* Said plainly, before any question; nothing else happens. */
      g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "This File Cannot Be Restored");
      g_assert_cmpstr (adw_message_dialog_get_body (dialog), ==, refused[i].body);
      ui_wait_until (wait_done, &wait);
      g_assert_null (ahi_window_restore_finish (desk.window, wait.result, &error));
      g_assert_error (error, AHI_STORE_ERROR, refused[i].code);
      g_clear_object (&wait.result);
      if (i == 0)
        g_free (ui_screenshot (GTK_WIDGET (dialog), "desk-restore-refused-en"));
      adw_message_dialog_response (dialog, "close");
      g_assert_null (ahi_window_get_dialog (desk.window));
    }

  /* Another business's backup is asked about as such; declined, nothing
   * changes either. */
  {
    Wait wait = { NULL };
    g_autoptr(GError) error = NULL;
    g_autoptr(AhiStore) store = ahi_store_open (other_path, &error);
    AdwMessageDialog *dialog;

    g_assert_no_error (error);
    g_assert_true (ahi_backup_write (store, foreign, &error));
    g_assert_no_error (error);
    dialog = ask_restore (&desk, foreign, &wait);
    g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Restore This Backup?");
    g_assert_true (g_str_has_prefix (adw_message_dialog_get_body (dialog), "This is a backup of another business, with "));
    g_assert_true (g_str_has_suffix (adw_message_dialog_get_body (dialog), "It replaces " BUSINESS_NAME " on this computer."));
    adw_message_dialog_response (dialog, "cancel");
    ui_wait_until (wait_done, &wait);
    g_assert_null (ahi_window_restore_finish (desk.window, wait.result, &error));
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
    g_clear_object (&wait.result);
  }

  /* The same window, the same context, the same business. */
  g_assert_true (ahi_window_get_context (desk.window) == context);
  g_assert_cmpint (event_count (&desk), ==, events);
  after = dump (&desk);
  g_assert_cmpstr (after, ==, before);

  desk_close (&desk);
  business_remove (path);
  business_remove (other_path);
}

static gboolean
file_exists (gpointer data)
{
  return g_file_test (data, G_FILE_TEST_EXISTS);
}

static void
test_auto_backup (void)
{
  Desk desk = { 0 };
  g_autofree char *path = business_new ("hair_beauty");
  g_autofree char *dir = g_build_filename (data_home, "ahi-desk", "backups", NULL);
  g_autofree char *prefix = NULL;
  g_autofree char *today = NULL;
  g_autofree char *written = NULL;
  g_autofree char *again = NULL;
  g_autoptr(AhiSettings) settings = ahi_settings_new ();
  g_autoptr(GError) error = NULL;
  const char *tenant;
  Wait wait = { NULL };
  gint64 events = 0;

  ahi_i18n_init ("en");
  remove_folder (dir);
  ahi_settings_set_backup_keep (settings, 7);
  desk_open (&desk, path, 1280, 800);
  tenant = ahi_context_get_status (desk.context)->tenant_id;
  prefix = g_strdup_printf ("ahi-%s-", tenant);
  /* UI_NOW_UTC is 06:00 UTC on 24 November: 09:00 that day in Istanbul. */
  today = g_strdup_printf ("%s/%s2026-11-24" AHI_BACKUP_SUFFIX, dir, prefix);

  /* By itself, a few seconds after the window opened. */
  ui_wait_until (file_exists, today);
  g_assert_true (ahi_backup_check (today, NULL, &events, &error));
  g_assert_no_error (error);
  g_assert_cmpint (events, ==, event_count (&desk));
  ahi_settings_set_last_backup (settings, 0);

  /* Older days' backups, and another business's. */
  for (guint day = 10; day <= 13; day++)
    {
      g_autofree char *old = g_strdup_printf ("%s/%s2026-11-%02u" AHI_BACKUP_SUFFIX, dir, prefix, day);
      g_assert_true (g_file_set_contents (old, "old", -1, NULL));
    }
  {
    g_autofree char *theirs = g_strdup_printf ("%s/ahi-0190aaaa-0000-7000-8000-000000000000-2026-11-01" AHI_BACKUP_SUFFIX, dir);
    g_assert_true (g_file_set_contents (theirs, "theirs", -1, NULL));
  }
  g_remove (today);

  /* keep = 3 from the settings: 4 old + today's = 5 files, the 2 oldest
   * (10th, 11th) go. The other business's file stays. */
  ahi_settings_set_backup_keep (settings, 3);
  ahi_window_auto_back_up_async (desk.window, NULL, on_done_cb, &wait);
  ui_wait_until (wait_done, &wait);
  g_assert_true (ahi_window_auto_back_up_finish (desk.window, wait.result, &written, &error));
  g_assert_no_error (error);
  g_clear_object (&wait.result);
  g_assert_cmpstr (written, ==, today);
  g_assert_cmpuint (count_files_with_prefix (dir, prefix), ==, 3);
  g_assert_true (g_file_test (today, G_FILE_TEST_EXISTS));
  {
    g_autofree char *kept = g_strdup_printf ("%s/%s2026-11-12" AHI_BACKUP_SUFFIX, dir, prefix);
    g_autofree char *gone = g_strdup_printf ("%s/%s2026-11-11" AHI_BACKUP_SUFFIX, dir, prefix);

    g_assert_true (g_file_test (kept, G_FILE_TEST_EXISTS));
    g_assert_false (g_file_test (gone, G_FILE_TEST_EXISTS));
  }
  g_assert_cmpuint (count_files_with_prefix (dir, "ahi-0190aaaa-"), ==, 1);
  /* The time of the last one written is kept in the settings. */
  g_assert_cmpint (ahi_settings_get_last_backup (settings), >, 0);

  /* Once a day: asked again the same day, nothing is written. */
  ahi_window_auto_back_up_async (desk.window, NULL, on_done_cb, &wait);
  ui_wait_until (wait_done, &wait);
  g_assert_true (ahi_window_auto_back_up_finish (desk.window, wait.result, &again, &error));
  g_assert_no_error (error);
  g_clear_object (&wait.result);
  g_assert_null (again);
  g_assert_cmpuint (count_files_with_prefix (dir, prefix), ==, 3);

  ahi_settings_set_backup_keep (settings, 7);
  desk_close (&desk);
  remove_folder (dir);
  business_remove (path);
}

/* The header and the switcher at both sizes, for a person to look at. */
static void
test_screenshots (void)
{
  g_autofree char *path = business_new ("hair_beauty");
  const char * const languages[] = { "tr", "en" };

  for (guint l = 0; l < G_N_ELEMENTS (languages); l++)
    {
      Desk desk = { 0 };
      g_autofree char *header = g_strdup_printf ("desk-header-phone-%s", languages[l]);
      g_autofree char *laptop = g_strdup_printf ("desk-header-laptop-%s", languages[l]);
      g_autofree char *list = g_strdup_printf ("desk-user-switch-phone-%s", languages[l]);
      g_autofree char *pin = g_strdup_printf ("desk-user-switch-pin-phone-%s", languages[l]);
      g_autoptr(AhiDeskUser) staff = NULL;
      AhiUserSwitch *user_switch;

      ahi_i18n_init (languages[l]);
      desk_open (&desk, path, 1280, 800);
      staff = member_of_role (&desk, "staff");
      if (l == 0)
        set_pin_directly (&desk, staff->staff_id, "2468");
      g_free (ui_screenshot (GTK_WIDGET (desk.window), laptop));
      desk_close (&desk);

      desk_open (&desk, path, 360, 720);
      g_free (ui_screenshot (GTK_WIDGET (desk.window), header));
      user_switch = ahi_window_open_user_switch (desk.window);
      g_object_add_weak_pointer (G_OBJECT (user_switch), (gpointer *) &user_switch);
      gtk_window_set_default_size (GTK_WINDOW (user_switch), 360, 640);
      gtk_test_widget_wait_for_draw (GTK_WIDGET (user_switch));
      ui_wait (300);
      g_free (ui_screenshot (GTK_WIDGET (user_switch), list));
      g_assert_true (ahi_user_switch_pick (user_switch, staff->staff_id));
      ui_wait (400);
      g_free (ui_screenshot (GTK_WIDGET (user_switch), pin));
      gtk_window_destroy (GTK_WINDOW (user_switch));
      ui_wait_until (is_null, &user_switch);
      desk_close (&desk);
    }
  business_remove (path);
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *cache_home = NULL;
  int status;

  /* Before anything reads them (GLib caches the user folders): the daily
   * backups and the snapshot cache go to a folder of this run. */
  data_home = g_dir_make_tmp ("ahi-desk-data-XXXXXX", &error);
  g_assert_no_error (error);
  cache_home = g_build_filename (data_home, "cache", NULL);
  g_setenv ("XDG_DATA_HOME", data_home, TRUE);
  g_setenv ("XDG_CACHE_HOME", cache_home, TRUE);

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  ahi_app_module_init ();
  /* Argon2id at libsodium's minimum cost: PINs in milliseconds. */
  ahi_desk_user_set_min_cost (TRUE);

  g_test_add_func ("/app/desk/switch-user", test_switch_user);
  g_test_add_func ("/app/desk/staff-not-offered", test_staff_not_offered);
  g_test_add_func ("/app/desk/roles-shown", test_roles_shown);
  g_test_add_func ("/app/desk/staff-screenshots", test_staff_screenshots);
  g_test_add_func ("/app/desk/backup-restore", test_backup_restore);
  g_test_add_func ("/app/desk/restore-refuses", test_restore_refuses);
  g_test_add_func ("/app/desk/auto-backup", test_auto_backup);
  g_test_add_func ("/app/desk/screenshots", test_screenshots);
  status = g_test_run ();

  remove_folder (cache_home);
  remove_folder (data_home);
  g_free (data_home);
  return status;
}
