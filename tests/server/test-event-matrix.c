/* test-event-matrix.c — every event type of the catalogue × every caller,
 * as docs/events.md "Who may write" says
 *
 * The route × role matrix (test-matrix.c) proves who may call which
 * route; a push is one route that carries every kind of write, so this is
 * its second axis (issue 9 §1). A hair salon with an owner, a manager and
 * a staff member (each signed in on their own device, none of them a desk
 * device) and another business's owner push one schema-valid event of
 * every type of ahi_event_catalogue(), each acting as themselves; then a
 * staff member pushes every type acted by the owner (by the owner's
 * account id and by the owner's staff row), claiming "owner", and every
 * type as themselves claiming "owner"; and the owner pushes every type
 * claiming "system". A second test pushes each condition of the "when"
 * column both ways.
 *
 * Expected answers come from the docs table, not from the code under test:
 * a "–" is `forbidden`; a "✓" is anything but `forbidden` or `wrong_actor`
 * (the payload's ids name nothing, so `not_found` or `invalid_reference`
 * are fine); where the "when" column names a condition, what the
 * synthesized event gets is worked out by hand below, and the condition is
 * pushed both ways. No answer may be `invalid_event`: the payloads are
 * built from the catalogue's field specs, so a refusal can only come from
 * who acts. After every refused push (forbidden, wrong_actor, HTTP 404)
 * the tenant's log and projections are byte for byte what they were.
 */
#include <string.h>

#include "ahi-test-tenant.h"

#include "core/ahi-event.h"
#include "core/ahi-id.h"
#include "store/ahi-db.h"
#include "store/ahi-store.h"
#include "store/ahi-store-dump.h"

static char *data_dir;

/* When the pushed events occurred, by the devices' clocks; and the times
 * a payload names (an hour apart where an order rule wants them ordered). */
#define AT        "2026-12-01T07:00:00Z"
#define TIME_1    "2026-12-07T09:00:00Z"
#define TIME_2    "2026-12-07T10:00:00Z"


/* ------------------------------------------------------------- the docs */

/* One row of docs/events.md "## Who may write". */
typedef struct {
  gboolean  may[4];   /* owner, manager, staff, system: ✓ */
  char     *when;     /* the conditions column, "" when none */
} WriteRow;

static void
write_row_free (WriteRow *row)
{
  g_free (row->when);
  g_free (row);
}

static gboolean
parse_mark (const char *cell)
{
  g_autofree char *mark = g_strstrip (g_strdup (cell));

  if (g_str_equal (mark, "✓"))
    return TRUE;
  if (!g_str_equal (mark, "–"))
    g_error ("docs/events.md, Who may write: \"%s\" is neither ✓ nor –", mark);
  return FALSE;
}

/* type → WriteRow, from the table under "## Who may write" up to the next
 * section. */
static GHashTable *
read_write_table (void)
{
  g_autofree char *file = g_build_filename (g_getenv ("AHI_SOURCE_ROOT"), "docs", "events.md", NULL);
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(GError) error = NULL;
  GHashTable *rows = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) write_row_free);
  gboolean in_section = FALSE, in_table = FALSE;

  g_file_get_contents (file, &text, NULL, &error);
  g_assert_no_error (error);
  lines = g_strsplit (text, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto(GStrv) cells = NULL;
      g_auto(GStrv) quoted = NULL;
      WriteRow *row;

      if (g_str_has_prefix (lines[i], "## "))
        {
          in_section = g_str_equal (lines[i], "## Who may write");
          continue;
        }
      if (!in_section)
        continue;
      if (g_str_has_prefix (lines[i], "| type | owner | manager | staff | system | when |"))
        {
          in_table = TRUE;
          continue;
        }
      if (!in_table || !g_str_has_prefix (lines[i], "| `"))
        continue;

      /* | `staff.updated` | ✓ | ✓ | ✓ | – | own row, role grant | */
      cells = g_strsplit (lines[i], "|", -1);
      g_assert_cmpuint (g_strv_length (cells), ==, 8);
      quoted = g_strsplit (cells[1], "`", -1);
      g_assert_cmpuint (g_strv_length (quoted), ==, 3);
      row = g_new0 (WriteRow, 1);
      for (guint c = 0; c < 4; c++)
        row->may[c] = parse_mark (cells[c + 2]);
      row->when = g_strstrip (g_strdup (cells[6]));
      g_assert_true (g_hash_table_insert (rows, g_strdup (quoted[1]), row));
    }
  g_assert_true (in_table);
  return rows;
}

/* ------------------------------------------------- the worked conditions */

/* What the synthesized event of a type whose "when" column names a
 * condition gets, worked out from the conditions' text in docs/events.md.
 * The synthesized event takes every enum's first value and fresh ids. */
typedef struct {
  const char *type;
  const char *when;        /* the docs' column, word for word */
  gboolean    may[3];      /* owner, manager, staff */
} Worked;

static const Worked worked[] = {
  /* payload {"role":"owner"} (the enum's first): "only an owner gives the
   * owner or manager role" → the owner may, the manager may not; staff
   * have "–" in the table. */
  { "staff.created", "role grant", { TRUE, FALSE, FALSE } },
  /* payload {"role":"owner"} on a fresh entity id, a row that is nobody's
   * (neither a member's row nor the caller's own): the owner gives
   * "owner" to a row that is not a member's → may (the store then finds
   * no such row); the manager gives "owner" → may not; staff act on their
   * own row only → may not. */
  { "staff.updated", "own row, role grant", { TRUE, FALSE, FALSE } },
  /* staff_id a fresh id, not the caller's row: owners and managers may;
   * staff record their own absences only → may not. */
  { "staff.absence.added", "own row", { TRUE, TRUE, FALSE } },
  /* kind: the enum's first ("general"), in a salon (no healthcare mode):
   * a health note's rule does not apply → all three may. */
  { "crm.note.created", "health note", { TRUE, TRUE, TRUE } },
  /* kind "sale" (the enum's first): staff record sales → all three may. */
  { "revenue.event.created", "takings", { TRUE, TRUE, TRUE } },
};

static const Worked *
worked_for (const char *type)
{
  for (guint i = 0; i < G_N_ELEMENTS (worked); i++)
    if (g_str_equal (worked[i].type, type))
      return &worked[i];
  return NULL;
}

/* ------------------------------------------------------------- payloads */

/* Pairs that must be in order when both are in one object (docs/events.md:
 * ends after starts, closes after opens, ends_on not before starts_on): the
 * second of a pair gets the later value. */
static const char * const later_fields[] = { "ends_at", "closes", "ends", "ends_on", "latest_at", NULL };

static JsonNode *
value_for (const AhiFieldSpec *spec)
{
  gboolean later = g_strv_contains (later_fields, spec->name);
  JsonNode *node = NULL;

  switch (spec->kind)
    {
    case AHI_FIELD_ID:
      {
        g_autofree char *id = ahi_id_new ();
        node = json_node_init_string (json_node_alloc (), id);
      }
      break;
    case AHI_FIELD_STRING:
      /* Short enough for the smallest bound (16 chars); the zone is a real
       * one in case a reducer reads it. */
      node = json_node_init_string (json_node_alloc (),
                                    g_str_equal (spec->name, "timezone") ? "Europe/Istanbul" : "Matris");
      break;
    case AHI_FIELD_TEXT:
      node = json_node_init_string (json_node_alloc (), "matris");
      break;
    case AHI_FIELD_ENUM:
      node = json_node_init_string (json_node_alloc (), spec->values[0]);
      break;
    case AHI_FIELD_INT:
      node = json_node_init_int (json_node_alloc (), spec->min);
      break;
    case AHI_FIELD_MONEY:
    case AHI_FIELD_PRICE:
      node = json_node_init_int (json_node_alloc (), 90000);
      break;
    case AHI_FIELD_BOOL:
      node = json_node_init_boolean (json_node_alloc (), TRUE);
      break;
    case AHI_FIELD_TIME:
      node = json_node_init_string (json_node_alloc (), later ? TIME_2 : TIME_1);
      break;
    case AHI_FIELD_DATE:
      node = json_node_init_string (json_node_alloc (), later ? "2026-12-08" : "2026-12-07");
      break;
    case AHI_FIELD_CLOCK:
      node = json_node_init_string (json_node_alloc (), later ? "18:00" : "09:00");
      break;
    case AHI_FIELD_PHONE:
      node = json_node_init_string (json_node_alloc (), "+905321234567");
      break;
    case AHI_FIELD_CURRENCY:
      node = json_node_init_string (json_node_alloc (), "TRY");
      break;
    case AHI_FIELD_OBJECT:
      node = json_node_init_object (json_node_alloc (), json_object_new ());
      break;
    case AHI_FIELD_ID_LIST:
    case AHI_FIELD_STRING_LIST:
    case AHI_FIELD_OBJECT_LIST:
      {
        JsonArray *array = json_array_new ();

        /* As few items as allowed, but one item of an object list (its
         * fields and order rules are part of what must be valid). */
        for (gint64 n = 0; n < MAX (spec->min, spec->kind == AHI_FIELD_OBJECT_LIST ? 1 : 0); n++)
          {
            if (spec->kind == AHI_FIELD_ID_LIST)
              {
                g_autofree char *id = ahi_id_new ();
                json_array_add_string_element (array, id);
              }
            else if (spec->kind == AHI_FIELD_STRING_LIST)
              json_array_add_string_element (array, "matris");
            else
              {
                JsonObject *item = json_object_new ();

                for (const AhiFieldSpec *f = spec->item_fields; f->name != NULL; f++)
                  if (f->required)
                    json_object_set_member (item, f->name, value_for (f));
                json_array_add_object_element (array, item);
              }
          }
        node = json_node_init_array (json_node_alloc (), array);
        json_array_unref (array);
      }
      break;
    default:
      g_assert_not_reached ();
    }
  return node;
}

/* The required fields of fields; with at_least_one, the first field when
 * none is required (an update sets at least one). */
static JsonObject *
object_for (const AhiFieldSpec *fields,
            gboolean            at_least_one)
{
  JsonObject *object = json_object_new ();

  for (const AhiFieldSpec *f = fields; f != NULL && f->name != NULL; f++)
    if (f->required)
      json_object_set_member (object, f->name, value_for (f));
  if (at_least_one && json_object_get_size (object) == 0 && fields != NULL && fields[0].name != NULL)
    json_object_set_member (object, fields[0].name, value_for (&fields[0]));
  return object;
}

static gboolean
has_required (const AhiFieldSpec *fields)
{
  for (const AhiFieldSpec *f = fields; f != NULL && f->name != NULL; f++)
    if (f->required)
      return TRUE;
  return FALSE;
}

static char *
object_text (JsonObject *object)
{
  g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), object);

  return json_to_string (node, FALSE);
}

/* ------------------------------------------------------------- callers */

typedef struct {
  const char *name;       /* for messages */
  char       *token;
  char       *device;
  char       *user_id;
  char       *staff_id;   /* the member's staff row in the salon; NULL for the other owner */
  gint64      seq;        /* the device's last device_seq */
} Caller;

static void
caller_clear (Caller *caller)
{
  g_free (caller->token);
  g_free (caller->device);
  g_free (caller->user_id);
  g_free (caller->staff_id);
}

enum { OWNER, MANAGER, STAFF, OTHER, N_CALLERS };

typedef struct {
  AhiTestServer  server;
  char          *salon;
  Caller         callers[N_CALLERS];
  GString       *mismatches;    /* one line per answer that contradicts the docs */
  guint          pushes;
  GHashTable    *outcomes;      /* what the pushes came to → how many */
  guint          refusals;      /* refused pushes whose state was compared */
} Fixture;

/* One event to push: the event's envelope beyond the caller's device. */
typedef struct {
  const AhiEventSpec *spec;
  char               *entity_id;
  JsonObject         *payload;
  JsonObject         *pii;      /* NULL: none */
} Draft;

static void
draft_clear (Draft *draft)
{
  g_free (draft->entity_id);
  g_clear_pointer (&draft->payload, json_object_unref);
  g_clear_pointer (&draft->pii, json_object_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Draft, draft_clear)

/* A schema-valid event of spec: required fields, one field for an update,
 * pii when the type has required pii (or an update that has only pii to
 * set), fresh ids; a tenant's own events name the tenant. */
static void
draft_init (Draft              *draft,
            const AhiEventSpec *spec,
            const char         *tenant)
{
  gboolean partial = (spec->flags & AHI_EVENT_SPEC_PARTIAL) != 0;

  draft->spec = spec;
  draft->entity_id = g_str_equal (spec->entity, "tenant") ? g_strdup (tenant) : ahi_id_new ();
  draft->payload = object_for (spec->payload, partial && spec->payload[0].name != NULL);
  draft->pii = NULL;
  if (spec->pii != NULL && has_required (spec->pii))
    draft->pii = object_for (spec->pii, FALSE);
}

/* ---------------------------------------------------------- the tenant */

static const char *
tenant_uri (const char *tenant,
            char      **out_uri)
{
  g_autofree char *name = g_strconcat (tenant, ".db", NULL);
  g_autofree char *path = g_build_filename (data_dir, "tenants", name, NULL);
  g_autofree char *file_uri = g_filename_to_uri (path, NULL, NULL);

  *out_uri = g_strconcat (file_uri, "?mode=ro", NULL);
  return *out_uri;
}

/* The salon's log (every row, every column, in seq order) and projections
 * (less the push's own bookkeeping, sync_answers and sync_devices, which a
 * refusal must move on), read through a fresh read-only connection beside
 * the running server; out_log_rows: the log's length. */
static char *
tenant_state (Fixture *fx,
              gint64  *out_log_rows)
{
  g_autofree char *uri = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(AhiDb) db = ahi_db_open (tenant_uri (fx->salon, &uri), FALSE, 0, &error);
  g_autofree char *projections = NULL;
  g_auto(GStrv) lines = NULL;
  GString *state = g_string_new ("## tenant_event_logs\n");
  sqlite3_stmt *stmt;
  gboolean skip = FALSE;

  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_db_readonly (ahi_db_get_handle (db), "main"), ==, 1);
  *out_log_rows = 0;
  stmt = ahi_db_prepare (db, "SELECT * FROM tenant_event_logs ORDER BY seq", &error);
  g_assert_no_error (error);
  while (ahi_db_step_row (db, stmt, &error))
    {
      for (int c = 0; c < sqlite3_column_count (stmt); c++)
        {
          int type = sqlite3_column_type (stmt, c);
          const guint8 *bytes = sqlite3_column_blob (stmt, c);
          int n = sqlite3_column_bytes (stmt, c);

          /* The column's type and its bytes in hex: byte for byte, whatever
           * the type. */
          g_string_append_printf (state, "%s%s=%d:", c > 0 ? "|" : "", sqlite3_column_name (stmt, c), type);
          for (int b = 0; b < n; b++)
            g_string_append_printf (state, "%02x", bytes[b]);
        }
      g_string_append_c (state, '\n');
      (*out_log_rows)++;
    }
  g_assert_no_error (error);

  projections = ahi_store_dump_projections (db, &error);
  g_assert_no_error (error);
  lines = g_strsplit (projections, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      if (g_str_has_prefix (lines[i], "## "))
        skip = g_str_has_prefix (lines[i], "## sync_");
      if (!skip)
        g_string_append_printf (state, "%s\n", lines[i]);
    }
  return g_string_free (state, FALSE);
}

/* ---------------------------------------------------------------- push */

/* What a push came to: "accepted", the answer's code, or "http-404". */
typedef enum {
  EXPECT_MAY,            /* neither forbidden nor wrong_actor */
  EXPECT_FORBIDDEN,
  EXPECT_WRONG_ACTOR,
  EXPECT_NOT_FOUND,      /* HTTP 404: not this caller's business */
} Expect;

static const char *
expect_name (Expect expect)
{
  switch (expect)
    {
    case EXPECT_MAY: return "allowed (not forbidden, not wrong_actor)";
    case EXPECT_FORBIDDEN: return "forbidden";
    case EXPECT_WRONG_ACTOR: return "wrong_actor";
    case EXPECT_NOT_FOUND: return "HTTP 404";
    default: g_assert_not_reached ();
    }
}

/* Pushes draft from caller's device to the salon, acted by actor_id
 * claiming role, and checks the answer against expect; a refusal must
 * leave the salon's log and projections as they were. what names the case
 * in a mismatch. Returns what the push came to. */
static char *
push (Fixture      *fx,
      Caller       *caller,
      const char   *actor_id,
      const char   *role,
      Draft        *draft,
      Expect        expect,
      const char   *what)
{
  g_autofree char *payload = object_text (draft->payload);
  g_autofree char *pii = draft->pii != NULL ? object_text (draft->pii) : NULL;
  g_autofree char *event = NULL, *body = NULL, *path = NULL, *before = NULL, *got = NULL;
  gint64 rows_before = 0;
  AhiTestReply reply;

  caller->seq++;
  event = ahi_test_event_text_as (fx->salon, caller->device, actor_id, role, caller->seq, draft->spec->type,
                                  draft->spec->entity, draft->entity_id, AT, payload, pii, NULL);
  body = ahi_test_push_body (caller->device, event);
  path = g_strdup_printf ("/api/tenant/%s/sync/push", fx->salon);
  before = tenant_state (fx, &rows_before);
  g_assert_cmpint (rows_before, >, 0);

  reply = ahi_test_call (&fx->server, "POST", path, caller->token, body);
  fx->pushes++;
  if (reply.status == 200)
    {
      JsonArray *answers = json_object_get_array_member (ahi_test_reply_object (&reply), "answers");
      JsonObject *answer;

      g_assert_cmpuint (json_array_get_length (answers), ==, 1);
      answer = json_array_get_object_element (answers, 0);
      /* Every push is one more of the device's seqs, refused or not. */
      g_assert_cmpint (json_object_get_int_member (answer, "device_seq"), ==, caller->seq);
      got = g_strdup (g_str_equal (json_object_get_string_member (answer, "status"), "accepted")
                        ? "accepted" : json_object_get_string_member (answer, "code"));
      if (g_str_equal (got, "invalid_event"))
        g_error ("%s as %s (%s): invalid_event — the synthesized payload is wrong: %s\n%s", draft->spec->type,
                 caller->name, what, json_object_get_string_member (answer, "message"), event);
    }
  else
    got = g_strdup_printf ("http-%u", reply.status);
  ahi_test_reply_clear (&reply);
  g_hash_table_insert (fx->outcomes, g_strdup (got),
                       GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (fx->outcomes, got)) + 1));

  if ((expect == EXPECT_MAY && (g_str_equal (got, "forbidden") || g_str_equal (got, "wrong_actor") ||
                                g_str_has_prefix (got, "http-"))) ||
      (expect == EXPECT_FORBIDDEN && !g_str_equal (got, "forbidden")) ||
      (expect == EXPECT_WRONG_ACTOR && !g_str_equal (got, "wrong_actor")) ||
      (expect == EXPECT_NOT_FOUND && !g_str_equal (got, "http-404")))
    g_string_append_printf (fx->mismatches,
                            "%s as %s (%s): got %s, docs/events.md says %s\n", draft->spec->type,
                            caller->name, what, got, expect_name (expect));

  if ((g_str_equal (got, "forbidden") || g_str_equal (got, "wrong_actor") || g_str_equal (got, "http-404")))
    {
      gint64 rows_after = 0;
      g_autofree char *after = tenant_state (fx, &rows_after);

      g_assert_cmpint (rows_after, ==, rows_before);
      if (g_strcmp0 (before, after) != 0)
        g_error ("%s as %s (%s), refused %s: the salon's log or projections changed", draft->spec->type,
                 caller->name, what, got);
      fx->refusals++;
    }
  else if (g_str_equal (got, "accepted"))
    {
      /* The reader sees what the server writes: an accepted push is one
       * more log row, and the state moved. */
      gint64 rows_after = 0;
      g_autofree char *after = tenant_state (fx, &rows_after);

      g_assert_cmpint (rows_after, ==, rows_before + 1);
      g_assert_cmpstr (before, !=, after);
    }
  return g_steal_pointer (&got);
}

/* push, for a case whose answer the checks above say all about. */
static void
check (Fixture    *fx,
       Caller     *caller,
       const char *actor_id,
       const char *role,
       Draft      *draft,
       Expect      expect,
       const char *what)
{
  g_free (push (fx, caller, actor_id, role, draft, expect, what));
}

/* ---------------------------------------------------------------- setup */

static char *
member_staff_id (JsonArray  *members,
                 const char *user_id)
{
  for (guint i = 0; i < json_array_get_length (members); i++)
    {
      JsonObject *member = json_array_get_object_element (members, i);

      if (g_str_equal (json_object_get_string_member (member, "user_id"), user_id))
        return g_strdup (json_object_get_string_member (member, "staff_id"));
    }
  g_assert_not_reached ();
}

/* The salon and the other business, their people's e-mail addresses
 * told apart by test (every test's server shares the data dir). */
static void
fixture_set_up (Fixture    *fx,
                const char *test)
{
  Caller *owner = &fx->callers[OWNER];
  Caller *other = &fx->callers[OTHER];
  AhiTestReply reply;
  JsonArray *members;
  g_autofree char *isil = g_strdup_printf ("isil-%s@example.com", test);
  g_autofree char *selin = g_strdup_printf ("selin-%s@example.com", test);
  g_autofree char *mehmet = g_strdup_printf ("mehmet-%s@example.com", test);
  g_autofree char *ayse = g_strdup_printf ("ayse-%s@example.com", test);

  fx->mismatches = g_string_new (NULL);
  fx->outcomes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  ahi_test_server_start (&fx->server);
  fx->salon = ahi_test_sign_up (&fx->server, NULL, NULL, "hair_beauty", isil, "çok-gizli-parola",
                                &owner->user_id);
  g_free (ahi_test_sign_up (&fx->server, "Selin Güzellik", "Selin Ak", "hair_beauty", selin,
                            "çok-gizli-parola", &other->user_id));
  owner->token = ahi_test_login (&fx->server, isil, "çok-gizli-parola", &owner->device);
  fx->callers[MANAGER].user_id = ahi_test_add_member (&fx->server, fx->salon, owner->token, mehmet,
                                                      "parola-manager", "manager");
  fx->callers[STAFF].user_id = ahi_test_add_member (&fx->server, fx->salon, owner->token, ayse,
                                                    "parola-staff", "staff");
  fx->callers[MANAGER].token = ahi_test_login (&fx->server, mehmet, "parola-manager",
                                               &fx->callers[MANAGER].device);
  fx->callers[STAFF].token = ahi_test_login (&fx->server, ayse, "parola-staff",
                                             &fx->callers[STAFF].device);
  other->token = ahi_test_login (&fx->server, selin, "çok-gizli-parola", &other->device);
  owner->name = "owner";
  fx->callers[MANAGER].name = "manager";
  fx->callers[STAFF].name = "staff";
  other->name = "another business's owner";

  /* Each member's staff row in the salon, as the members list says. */
  reply = ahi_test_callf (&fx->server, "GET", owner->token, NULL, "/api/tenant/%s/members", fx->salon);
  members = json_object_get_array_member (ahi_test_expect (&reply, 200), "members");
  g_assert_cmpuint (json_array_get_length (members), ==, 3);
  for (guint c = OWNER; c <= STAFF; c++)
    {
      fx->callers[c].staff_id = member_staff_id (members, fx->callers[c].user_id);
      g_assert_nonnull (fx->callers[c].staff_id);
    }
  ahi_test_reply_clear (&reply);
}

static void
fixture_tear_down (Fixture *fx)
{
  ahi_test_server_stop (&fx->server);
  for (guint c = 0; c < N_CALLERS; c++)
    caller_clear (&fx->callers[c]);
  g_free (fx->salon);
  g_string_free (fx->mismatches, TRUE);
  g_hash_table_unref (fx->outcomes);
}

/* Reports what the pushes came to, fails on any answer that contradicts
 * the docs (all of them listed first), and stops the server. */
static void
fixture_finish (Fixture *fx)
{
  g_autoptr(GString) tally = g_string_new (NULL);
  g_autoptr(GList) keys = g_list_sort (g_hash_table_get_keys (fx->outcomes), (GCompareFunc) g_strcmp0);

  for (GList *k = keys; k != NULL; k = k->next)
    g_string_append_printf (tally, "%s%s %u", k == keys ? "" : ", ", (const char *) k->data,
                            GPOINTER_TO_UINT (g_hash_table_lookup (fx->outcomes, k->data)));
  g_test_message ("answers: %s; %u refused pushes with the log and projections compared", tally->str,
                  fx->refusals);
  if (fx->mismatches->len > 0)
    g_error ("answers that contradict docs/events.md:\n%s", fx->mismatches->str);
  fixture_tear_down (fx);
}

/* ---------------------------------------------------------- conditions */

/* A draft of type with payload member name set to value (a string). */
static void
draft_with (Draft      *draft,
            const char *type,
            const char *tenant,
            const char *name,
            const char *value)
{
  draft_init (draft, ahi_event_catalogue_lookup (type), tenant);
  if (name != NULL)
    json_object_set_string_member (draft->payload, name, value);
}

/* The conditions pushed both ways, each worked out from the conditions'
 * text in docs/events.md. */
static void
push_conditions (Fixture *fx)
{
  Caller *owner = &fx->callers[OWNER];
  Caller *manager = &fx->callers[MANAGER];
  Caller *staff = &fx->callers[STAFF];
  g_autofree char *colleague = NULL;   /* a staff-role row with no account */

  /* takings — staff record a sale, deposit or no_show_fee; a refund or an
   * adjustment is an owner's or a manager's. Every kind of the catalogue
   * by staff and by a manager. */
  {
    const char * const takings[] = { "sale", "deposit", "no_show_fee", NULL };
    const AhiFieldSpec *kind = NULL;

    for (const AhiFieldSpec *f = ahi_event_catalogue_lookup ("revenue.event.created")->payload; f->name != NULL; f++)
      if (g_str_equal (f->name, "kind"))
        kind = f;
    g_assert_nonnull (kind);
    for (guint k = 0; kind->values[k] != NULL; k++)
      {
        g_auto(Draft) by_staff = { 0 };
        g_auto(Draft) by_manager = { 0 };
        g_autofree char *what = g_strdup_printf ("kind %s", kind->values[k]);

        draft_with (&by_staff, "revenue.event.created", fx->salon, "kind", kind->values[k]);
        check (fx, staff, staff->user_id, "staff", &by_staff,
               g_strv_contains (takings, kind->values[k]) ? EXPECT_MAY : EXPECT_FORBIDDEN, what);
        draft_with (&by_manager, "revenue.event.created", fx->salon, "kind", kind->values[k]);
        check (fx, manager, manager->user_id, "manager", &by_manager, EXPECT_MAY, what);
      }
  }

  /* role grant — only an owner gives the owner or manager role. A manager
   * creating a "staff" row may (and it is accepted: the colleague without
   * an account used below), a "manager" or "owner" row may not; the owner
   * may create a "manager" row. */
  {
    g_auto(Draft) staff_row = { 0 };
    g_auto(Draft) manager_row = { 0 };
    g_auto(Draft) owner_row = { 0 };
    g_auto(Draft) by_owner = { 0 };

    draft_with (&staff_row, "staff.created", fx->salon, "role", "staff");
    colleague = g_strdup (staff_row.entity_id);
    check (fx, manager, manager->staff_id, "manager", &staff_row, EXPECT_MAY, "role staff");
    draft_with (&manager_row, "staff.created", fx->salon, "role", "manager");
    check (fx, manager, manager->user_id, "manager", &manager_row, EXPECT_FORBIDDEN, "role manager");
    draft_with (&owner_row, "staff.created", fx->salon, "role", "owner");
    check (fx, manager, manager->user_id, "manager", &owner_row, EXPECT_FORBIDDEN, "role owner");
    draft_with (&by_owner, "staff.created", fx->salon, "role", "manager");
    check (fx, owner, owner->user_id, "owner", &by_owner, EXPECT_MAY, "role manager");
  }
  /* The colleague's row exists now: the manager's "staff" row was
   * accepted. */
  {
    g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM staff WHERE staff_id = '%s' AND role = 'staff'",
                                            colleague);
    g_assert_cmpint (ahi_test_tenant_int (data_dir, fx->salon, sql), ==, 1);
  }

  /* own row, role grant — staff.updated. A draft with an empty payload
   * and a new display name (pii), or with one payload member. */
  {
    struct {
      Caller     *caller;
      const char *role;
      const char *row;       /* the entity: whose staff row */
      const char *member;    /* payload member set, NULL: only the name (pii) */
      const char *value;
      Expect      expect;
      const char *what;
    } cases[] = {
      /* Staff change their own name and PIN: own row, name → may. */
      { staff, "staff", staff->staff_id, NULL, NULL, EXPECT_MAY, "own row, name" },
      /* … never role, skills or whether they still work here. */
      { staff, "staff", staff->staff_id, "active", NULL, EXPECT_FORBIDDEN, "own row, active" },
      /* Their own row only: the manager's row → may not; a colleague's. */
      { staff, "staff", manager->staff_id, NULL, NULL, EXPECT_FORBIDDEN, "manager's row, name" },
      { staff, "staff", colleague, NULL, NULL, EXPECT_FORBIDDEN, "colleague's row, name" },
      /* A manager changes staff-role rows: the staff member's → may. */
      { manager, "manager", staff->staff_id, NULL, NULL, EXPECT_MAY, "staff member's row, name" },
      /* … not the owner's (could reset the owner's PIN) → may not. */
      { manager, "manager", owner->staff_id, NULL, NULL, EXPECT_FORBIDDEN, "owner's row, name" },
      /* Only an owner gives the manager role: on the colleague's row the
       * manager may not, "staff" again may. */
      { manager, "manager", colleague, "role", "manager", EXPECT_FORBIDDEN, "colleague's row, role manager" },
      { manager, "manager", colleague, "role", "staff", EXPECT_MAY, "colleague's row, role staff" },
      /* A member's role changes through the membership routes only: even
       * the owner may not set it by an event … */
      { owner, "owner", staff->staff_id, "role", "manager", EXPECT_FORBIDDEN, "staff member's row, role manager" },
      /* … while the owner may rename a member, and may give the colleague
       * (a row without an account) the manager role. */
      { owner, "owner", staff->staff_id, NULL, NULL, EXPECT_MAY, "staff member's row, name" },
      { owner, "owner", colleague, "role", "manager", EXPECT_MAY, "colleague's row, role manager" },
    };

    /* Each case acted by the caller's account id, then by their staff
     * row: both name the same member (docs/events.md, who may act). */
    for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
      for (guint by_row = 0; by_row < 2; by_row++)
        {
          g_auto(Draft) draft = { 0 };
          g_autofree char *what = g_strdup_printf ("%s, by %s", cases[i].what, by_row ? "staff row" : "account id");

          draft_init (&draft, ahi_event_catalogue_lookup ("staff.updated"), fx->salon);
          g_free (draft.entity_id);
          draft.entity_id = g_strdup (cases[i].row);
          json_object_unref (draft.payload);
          draft.payload = json_object_new ();
          if (cases[i].member == NULL)
            {
              g_clear_pointer (&draft.pii, json_object_unref);
              draft.pii = json_object_new ();
              json_object_set_string_member (draft.pii, "display_name", "Yeni Ad");
            }
          else if (cases[i].value == NULL)
            json_object_set_boolean_member (draft.payload, cases[i].member, TRUE);
          else
            json_object_set_string_member (draft.payload, cases[i].member, cases[i].value);
          check (fx, cases[i].caller, by_row ? cases[i].caller->staff_id : cases[i].caller->user_id,
                 cases[i].role, &draft, cases[i].expect, what);
        }
  }

  /* own row — staff.absence.added: staff record their own absences. */
  {
    for (guint by_row = 0; by_row < 2; by_row++)
      {
        g_auto(Draft) own = { 0 };
        g_auto(Draft) others = { 0 };
        g_auto(Draft) by_manager = { 0 };
        const char *by = by_row ? "by staff row" : "by account id";
        g_autofree char *own_what = g_strdup_printf ("own row, %s", by);
        g_autofree char *others_what = g_strdup_printf ("manager's row, %s", by);
        g_autofree char *manager_what = g_strdup_printf ("staff member's row, %s", by);

        draft_with (&own, "staff.absence.added", fx->salon, "staff_id", staff->staff_id);
        check (fx, staff, by_row ? staff->staff_id : staff->user_id, "staff", &own, EXPECT_MAY, own_what);
        draft_with (&others, "staff.absence.added", fx->salon, "staff_id", manager->staff_id);
        check (fx, staff, by_row ? staff->staff_id : staff->user_id, "staff", &others, EXPECT_FORBIDDEN,
               others_what);
        draft_with (&by_manager, "staff.absence.added", fx->salon, "staff_id", staff->staff_id);
        check (fx, manager, by_row ? manager->staff_id : manager->user_id, "manager", &by_manager, EXPECT_MAY,
               manager_what);
      }
  }
}

/* ------------------------------------------------------------------ test */

static void
test_event_matrix (void)
{
  g_autoptr(GHashTable) table = read_write_table ();
  const char *roles[] = { "owner", "manager", "staff" };
  Fixture fx = { 0 };
  Caller *owner, *staff, *other;
  const AhiEventSpec *catalogue;
  guint n_types = 0, cells = 0;

  /* The docs' table and the catalogue list the same types. */
  catalogue = ahi_event_catalogue (&n_types);
  g_assert_cmpuint (n_types, >, 40);
  g_assert_cmpuint (g_hash_table_size (table), ==, n_types);
  for (guint t = 0; t < n_types; t++)
    {
      WriteRow *row = g_hash_table_lookup (table, catalogue[t].type);
      const Worked *w = worked_for (catalogue[t].type);

      if (row == NULL)
        g_error ("%s is not in docs/events.md, Who may write", catalogue[t].type);
      /* A condition in the docs needs its worked case here, and the worked
       * case agrees with the marks: a "–" is forbidden whatever. */
      if (*row->when != '\0' || w != NULL)
        {
          if (w == NULL || !g_str_equal (w->when, row->when))
            g_error ("%s: docs/events.md says when \"%s\"; work out its cases in this test", catalogue[t].type,
                     row->when);
          for (guint r = 0; r < 3; r++)
            g_assert_true (row->may[r] || !w->may[r]);
        }
    }

  fixture_set_up (&fx, "matrix");
  owner = &fx.callers[OWNER];
  staff = &fx.callers[STAFF];
  other = &fx.callers[OTHER];

  g_test_message ("type: owner, manager, staff, other business's owner, staff as the owner (account, row), "
                  "staff claiming owner, owner claiming system");
  for (guint t = 0; t < n_types; t++)
    {
      const AhiEventSpec *spec = &catalogue[t];
      WriteRow *row = g_hash_table_lookup (table, spec->type);
      const Worked *w = worked_for (spec->type);
      g_autoptr(GString) line = g_string_new (spec->type);
      const char *colon = ": ";

      /* Owner, manager, staff, each acting as themselves: by account id
       * for even types, by their own staff row for odd ones (both name
       * the same member). */
      for (guint r = 0; r < G_N_ELEMENTS (roles); r++)
        {
          Caller *caller = &fx.callers[OWNER + r];
          gboolean may = w != NULL ? w->may[r] : row->may[r];
          g_auto(Draft) draft = { 0 };
          g_autofree char *got = NULL;

          draft_init (&draft, spec, fx.salon);
          got = push (&fx, caller, t % 2 == 0 ? caller->user_id : caller->staff_id, roles[r], &draft,
                      may ? EXPECT_MAY : EXPECT_FORBIDDEN, t % 2 == 0 ? "by account id" : "by staff row");
          g_string_append_printf (line, "%s%s", colon, got);
          colon = ", ";
          cells++;
        }

      /* Another business's owner, acting as themselves, at the salon's
       * address: the salon does not exist for them. */
      {
        g_auto(Draft) draft = { 0 };
        g_autofree char *got = NULL;

        draft_init (&draft, spec, fx.salon);
        got = push (&fx, other, other->user_id, "owner", &draft, EXPECT_NOT_FOUND, "at the salon's address");
        g_string_append_printf (line, ", %s", got);
        cells++;
      }

      /* A staff member posing as the owner, on the staff member's own
       * (no desk) device: by the owner's account id and by the owner's
       * staff row, claiming "owner". */
      {
        g_auto(Draft) by_account = { 0 };
        g_auto(Draft) by_row = { 0 };
        g_autofree char *got_account = NULL, *got_row = NULL;

        draft_init (&by_account, spec, fx.salon);
        got_account = push (&fx, staff, owner->user_id, "owner", &by_account, EXPECT_WRONG_ACTOR,
                            "posing as the owner's account");
        draft_init (&by_row, spec, fx.salon);
        got_row = push (&fx, staff, owner->staff_id, "owner", &by_row, EXPECT_WRONG_ACTOR,
                        "posing as the owner's staff row");
        g_string_append_printf (line, ", (%s, %s)", got_account, got_row);
        cells++;
      }

      /* The staff member as themselves claiming the owner's role: the
       * role is the server's, never the event's claim. */
      {
        g_auto(Draft) draft = { 0 };
        g_autofree char *got = NULL;

        draft_init (&draft, spec, fx.salon);
        got = push (&fx, staff, t % 2 == 0 ? staff->user_id : staff->staff_id, "owner", &draft, EXPECT_WRONG_ACTOR,
                    "as themselves claiming owner");
        g_string_append_printf (line, ", %s", got);
        cells++;
      }

      /* The owner claiming "system": no device acts as the server, even
       * for the types only the server makes. */
      {
        g_auto(Draft) draft = { 0 };
        g_autofree char *got = NULL;

        draft_init (&draft, spec, fx.salon);
        got = push (&fx, owner, owner->user_id, "system", &draft, EXPECT_WRONG_ACTOR, "claiming system");
        g_string_append_printf (line, ", %s", got);
        cells++;
      }
      g_test_message ("%s", line->str);
    }

  g_test_message ("event matrix: %u types x 7 callers (owner, manager, staff, another business's owner, "
                  "staff posing as the owner, staff claiming the owner's role, owner claiming system) = %u cells; "
                  "%u pushes", n_types, cells, fx.pushes);
  g_assert_cmpuint (cells, ==, n_types * 7);
  fixture_finish (&fx);
}

/* The conditions of the "when" column, each pushed both ways. */
static void
test_conditions (void)
{
  Fixture fx = { 0 };

  fixture_set_up (&fx, "conditions");
  push_conditions (&fx);
  g_test_message ("conditions: %u pushes", fx.pushes);
  fixture_finish (&fx);
}

int
main (int    argc,
      char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);
  ahi_store_module_init ();
  data_dir = g_dir_make_tmp ("ahi-event-matrix-XXXXXX", NULL);
  ahi_test_server_init (data_dir);
  g_test_add_func ("/server/event-matrix/type-caller", test_event_matrix);
  g_test_add_func ("/server/event-matrix/conditions", test_conditions);
  status = g_test_run ();

  ahi_test_server_finish ();
  g_free (data_dir);
  return status;
}
