/* test-access.c — who may write and read what
 *
 * The write table covers the catalogue exactly, docs/events.md shows it
 * row for row, and the conditions decide the cases a front desk meets:
 * the receptionist takes a payment but cannot refund it, a manager cannot
 * make a manager, nobody's device may act as the server.
 */
#include <string.h>

#include "core/ahi-access.h"
#include "core/ahi-core-error.h"
#include "core/ahi-core.h"

#define TENANT "01900000-0000-7000-8000-000000000001"
#define DEVICE "01900000-0000-7000-8000-000000000002"
#define AYSE   "01900000-0000-7000-8000-0000000000a1"   /* a staff member's row */
#define MERT   "01900000-0000-7000-8000-0000000000a2"   /* another staff member's row */

/* ------------------------------------------------------------- helpers */

static AhiEvent *
event_with (const char *type,
            const char *entity_id,
            const char *payload_json)
{
  AhiEvent *event = ahi_event_new (type, TENANT, entity_id, DEVICE, 1, AYSE, "staff", 1796000000);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_data (parser, payload_json, -1, &error);
  g_assert_no_error (error);
  json_object_unref (event->payload);
  event->payload = json_object_ref (json_node_get_object (json_parser_get_root (parser)));
  return event;
}

static gboolean
allowed (const AhiEvent        *event,
         const AhiWriteContext *context)
{
  g_autoptr(GError) error = NULL;
  gboolean ok = ahi_access_check_write (event, context, &error);

  if (ok)
    g_assert_no_error (error);
  else
    {
      g_assert_error (error, AHI_CORE_ERROR, AHI_CORE_ERROR_FORBIDDEN);
      g_assert_cmpuint (strlen (error->message), >, 0);
    }
  return ok;
}

/* Not inlined: GCC 12 then takes the file's text for a local. */
static G_GNUC_NO_INLINE char *
read_doc (void)
{
  const char *root = g_getenv ("AHI_SOURCE_ROOT");
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  char *contents = NULL;

  g_assert_nonnull (root);
  path = g_build_filename (root, "docs", "events.md", NULL);
  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);
  return contents;
}

/* ---------------------------------------------------------------- tests */

/* One row per catalogue type, in catalogue order, and no other row: a
 * new type cannot slip in without someone deciding who may write it. */
static void
test_table_covers_catalogue (void)
{
  guint n_specs, n_rights;
  const AhiEventSpec *specs = ahi_event_catalogue (&n_specs);
  const AhiWriteRight *rights = ahi_access_write_table (&n_rights);

  g_assert_cmpuint (n_rights, ==, n_specs);
  for (guint i = 0; i < n_specs; i++)
    {
      g_assert_cmpstr (rights[i].type, ==, specs[i].type);
      g_assert_cmpuint (rights[i].roles, !=, AHI_ROLE_NONE);
      g_assert_true (ahi_access_write_lookup (specs[i].type) == &rights[i]);
    }
  g_assert_null (ahi_access_write_lookup ("tenant.deleted"));
}

/* docs/events.md "Who may write": one row per type with ✓ / – for owner,
 * manager, staff and system, as the table says. */
static void
test_docs_match_table (void)
{
  g_autofree char *doc = read_doc ();
  const char *section = strstr (doc, "## Who may write");
  const char *end;
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;
  guint n_rights, rows = 0;
  const AhiWriteRight *rights = ahi_access_write_table (&n_rights);
  const AhiRole order[] = { AHI_ROLE_OWNER, AHI_ROLE_MANAGER, AHI_ROLE_STAFF, AHI_ROLE_SYSTEM };

  g_assert_nonnull (section);
  end = strstr (section, "\n## Who may read");
  g_assert_nonnull (end);
  text = g_strndup (section, end - section);
  lines = g_strsplit (text, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto(GStrv) cells = NULL;
      g_autofree char *type = NULL;
      const AhiWriteRight *right;

      if (!g_str_has_prefix (lines[i], "| `"))
        continue;
      cells = g_strsplit (lines[i], "|", -1);
      /* "", " `type` ", owner, manager, staff, system, when, "" */
      g_assert_cmpuint (g_strv_length (cells), ==, 8);
      type = g_strndup (strchr (cells[1], '`') + 1, strrchr (cells[1], '`') - strchr (cells[1], '`') - 1);
      right = ahi_access_write_lookup (type);
      g_assert_nonnull (right);
      g_assert_true (right == &rights[rows]);
      for (guint r = 0; r < G_N_ELEMENTS (order); r++)
        {
          g_autofree char *cell = g_strstrip (g_strdup (cells[2 + r]));
          gboolean yes = g_str_equal (cell, "✓");

          g_assert_true (yes || g_str_equal (cell, "–"));
          if (yes != ((right->roles & order[r]) != 0))
            g_error ("docs/events.md: %s, %s column says %s", type, ahi_role_to_string (order[r]), cell);
        }
      rows++;
    }
  g_assert_cmpuint (rows, ==, n_rights);
}

/* The receptionist takes money in; giving it back is a manager's call. */
static void
test_staff_takings (void)
{
  const AhiWriteContext staff = { .role = "staff", .actor_staff_id = AYSE };
  const AhiWriteContext manager = { .role = "manager" };
  const char *in[] = { "sale", "deposit", "no_show_fee" };
  const char *out[] = { "refund", "adjustment" };

  for (guint i = 0; i < G_N_ELEMENTS (in); i++)
    {
      g_autofree char *payload = g_strdup_printf ("{\"kind\":\"%s\",\"amount_minor\":50000}", in[i]);
      g_autofree char *negative = g_strdup_printf ("{\"kind\":\"%s\",\"amount_minor\":-50000}", in[i]);
      g_autoptr(AhiEvent) event = event_with ("revenue.event.created", MERT, payload);
      g_autoptr(AhiEvent) money_out = event_with ("revenue.event.created", MERT, negative);

      g_assert_true (allowed (event, &staff));
      /* 500 TL out of the till as a "sale" of −500 TL is a refund. */
      g_assert_false (allowed (money_out, &staff));
      g_assert_true (allowed (money_out, &manager));
    }
  for (guint i = 0; i < G_N_ELEMENTS (out); i++)
    {
      g_autofree char *payload = g_strdup_printf ("{\"kind\":\"%s\",\"amount_minor\":50000}", out[i]);
      g_autoptr(AhiEvent) event = event_with ("revenue.event.created", MERT, payload);

      g_assert_false (allowed (event, &staff));
      g_assert_true (allowed (event, &manager));
    }
}

/* Roles: only owners give "owner" or "manager"; a manager adds staff. */
static void
test_role_grant (void)
{
  const AhiWriteContext owner = { .role = "owner" };
  const AhiWriteContext manager = { .role = "manager", .actor_staff_id = MERT };
  const AhiWriteContext staff = { .role = "staff", .actor_staff_id = AYSE };
  g_autoptr(AhiEvent) make_manager = event_with ("staff.created", AYSE, "{\"role\":\"manager\"}");
  g_autoptr(AhiEvent) make_staff = event_with ("staff.created", AYSE, "{\"role\":\"staff\"}");
  g_autoptr(AhiEvent) promote = event_with ("staff.updated", AYSE, "{\"role\":\"owner\"}");

  g_assert_true (allowed (make_manager, &owner));
  g_assert_false (allowed (make_manager, &manager));
  g_assert_true (allowed (make_staff, &manager));
  g_assert_false (allowed (make_staff, &staff));

  /* Ayşe's row is a staff row here: the owner may promote it... */
  {
    AhiWriteContext target = owner;

    target.target_role = "staff";
    g_assert_true (allowed (promote, &target));
    /* ...unless it is a member's row: the membership's role (here staff)
     * rules, and an event may only repeat it. */
    target.target_member_role = "staff";
    g_assert_false (allowed (promote, &target));
    target.target_member_role = "owner";
    g_assert_true (allowed (promote, &target));
  }
  /* Staff never promote themselves. */
  {
    AhiWriteContext self = staff;

    self.target_role = "staff";
    g_assert_false (allowed (promote, &self));
  }
}

/* A manager resets a staff member's PIN, never an owner's or another
 * manager's; staff change their own name and PIN only. */
static void
test_pin_and_self (void)
{
  g_autoptr(AhiEvent) pin = event_with ("staff.updated", AYSE, "{}");
  g_autoptr(AhiEvent) leave = event_with ("staff.updated", AYSE, "{\"active\":false}");
  g_autoptr(AhiEvent) own_break = event_with ("staff.absence.added", MERT, "{\"staff_id\":\"" AYSE "\"}");
  g_autoptr(AhiEvent) other_break = event_with ("staff.absence.added", MERT, "{\"staff_id\":\"" MERT "\"}");
  AhiWriteContext manager = { .role = "manager", .actor_staff_id = MERT, .target_role = "staff" };
  AhiWriteContext ayse = { .role = "staff", .actor_staff_id = AYSE, .target_role = "staff" };
  AhiWriteContext mert = { .role = "staff", .actor_staff_id = MERT, .target_role = "staff" };

  json_object_set_string_member (ahi_event_get_pii (pin), "pin_hash", "$argon2id$v=19$m=8,t=1,p=1$x$y");

  g_assert_true (allowed (pin, &manager));
  manager.target_role = "owner";
  g_assert_false (allowed (pin, &manager));
  manager.target_role = "manager";
  g_assert_false (allowed (pin, &manager));

  g_assert_true (allowed (pin, &ayse));
  g_assert_false (allowed (pin, &mert));
  g_assert_false (allowed (leave, &ayse));
  g_assert_true (allowed (own_break, &ayse));
  g_assert_false (allowed (other_break, &ayse));
}

/* What only an owner may do, what nobody's device may do, and roles the
 * table does not know. */
static void
test_owner_only_and_system (void)
{
  const char *owner_only[] = { "blueprint.updated", "compliance.profile.updated", "tenant.created" };
  const char *roles[] = { "manager", "staff" };
  g_autoptr(AhiEvent) sent = event_with ("reminder.sent", MERT, "{}");
  const AhiWriteContext system = { .role = "system" };

  for (guint i = 0; i < G_N_ELEMENTS (owner_only); i++)
    {
      g_autoptr(AhiEvent) event = event_with (owner_only[i], TENANT, "{}");
      const AhiWriteContext owner = { .role = "owner" };

      g_assert_true (allowed (event, &owner));
      for (guint r = 0; r < G_N_ELEMENTS (roles); r++)
        {
          const AhiWriteContext other = { .role = roles[r] };

          g_assert_false (allowed (event, &other));
          g_assert_false (ahi_access_role_may_append (owner_only[i], roles[r]));
        }
    }
  g_assert_true (allowed (sent, &system));
  for (guint r = 0; r < G_N_ELEMENTS (roles); r++)
    {
      const AhiWriteContext other = { .role = roles[r] };

      g_assert_false (allowed (sent, &other));
    }
  {
    const AhiWriteContext nobody = { .role = "receptionist" };

    g_assert_false (allowed (sent, &nobody));
    g_assert_false (ahi_access_role_may_append ("customer.created", "receptionist"));
  }
}

/* In healthcare mode a health note is written only by whoever may read
 * it; outside it, or for another kind of note, everyone writes. */
static void
test_health_notes (void)
{
  g_autoptr(AhiEvent) health = event_with ("crm.note.created", MERT, "{\"kind\":\"health\"}");
  g_autoptr(AhiEvent) general = event_with ("crm.note.created", MERT, "{\"kind\":\"general\"}");
  AhiWriteContext staff = { .role = "staff", .healthcare_mode = TRUE };
  AhiWriteContext manager = { .role = "manager", .healthcare_mode = TRUE };

  g_assert_false (allowed (health, &staff));
  g_assert_true (allowed (general, &staff));
  g_assert_true (allowed (health, &manager));
  staff.healthcare_mode = FALSE;
  g_assert_true (allowed (health, &staff));
}

/* Staff read today's till, not the business's figures; a desk carries
 * the widest of its members. */
static void
test_read_scope (void)
{
  AhiReadScope staff = ahi_access_read_scope ("staff");
  AhiReadScope manager = ahi_access_read_scope ("manager");
  AhiReadScope nobody = ahi_access_read_scope (NULL);
  AhiReadScope desk = ahi_access_read_scope_union (staff, manager);

  g_assert_false (staff.health_notes);
  g_assert_false (staff.revenue_history);
  g_assert_false (staff.revenue_summaries);
  g_assert_true (manager.health_notes && manager.revenue_history && manager.revenue_summaries);
  g_assert_true (desk.health_notes && desk.revenue_history && desk.revenue_summaries);
  g_assert_false (nobody.health_notes || nobody.revenue_history || nobody.revenue_summaries);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  ahi_core_init ();

  g_test_add_func ("/core/access/table-covers-catalogue", test_table_covers_catalogue);
  g_test_add_func ("/core/access/docs-match-table", test_docs_match_table);
  g_test_add_func ("/core/access/staff-takings", test_staff_takings);
  g_test_add_func ("/core/access/role-grant", test_role_grant);
  g_test_add_func ("/core/access/pin-and-self", test_pin_and_self);
  g_test_add_func ("/core/access/owner-only-and-system", test_owner_only_and_system);
  g_test_add_func ("/core/access/health-notes", test_health_notes);
  g_test_add_func ("/core/access/read-scope", test_read_scope);
  return g_test_run ();
}
