/* test-event-docs.c — docs/events.md matches the catalogue
 *
 * Every catalogue type has a section headed "### `<type>`", in catalogue
 * order; in it "#### Payload", "#### Items of `<list>`" for each object
 * list and "#### PII" when the type has personal data, each with one row
 * "| `<field>` | …" per field in catalogue order. The page names no type
 * that is not in the catalogue.
 */
#include <string.h>

#include "core/ahi-core.h"
#include "core/ahi-event.h"

typedef struct {
  const AhiEventSpec *spec;
  gboolean            has_payload;
  gboolean            has_pii;
  GPtrArray          *lists;      /* names of the object lists with a table */
} Section;

typedef struct {
  char               *where;      /* for messages: "tenant.created / Payload" */
  const AhiFieldSpec *fields;     /* what the rows must list */
  GPtrArray          *rows;
} Table;

static char *
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

/* The text between the backtick that ends prefix and the next one, when
 * that one is followed by suffix (by the end of the line when suffix is
 * NULL); NULL otherwise. */
static char *
quoted_after (const char *line,
              const char *prefix,
              const char *suffix)
{
  const char *start, *end;

  if (!g_str_has_prefix (line, prefix))
    return NULL;
  start = line + strlen (prefix);
  end = strchr (start, '`');
  if (end == NULL || end == start)
    return NULL;
  if (suffix == NULL ? end[1] != '\0' : !g_str_has_prefix (end + 1, suffix))
    return NULL;
  return g_strndup (start, (gsize) (end - start));
}

static void
table_check (Table *table)
{
  guint i = 0;

  if (table->where == NULL)
    return;

  for (const AhiFieldSpec *f = table->fields; f != NULL && f->name != NULL; f++, i++)
    {
      if (i >= table->rows->len)
        g_error ("%s: no row for field %s", table->where, f->name);
      if (!g_str_equal (table->rows->pdata[i], f->name))
        g_error ("%s: row %u is %s, the catalogue has %s there",
                 table->where, i + 1, (char *) table->rows->pdata[i], f->name);
    }
  if (i < table->rows->len)
    g_error ("%s: row %s names no field of the catalogue",
             table->where, (char *) table->rows->pdata[i]);

  g_clear_pointer (&table->where, g_free);
  g_ptr_array_set_size (table->rows, 0);
}

static void
section_check (Section *section)
{
  const AhiEventSpec *spec = section->spec;

  if (spec == NULL)
    return;

  if (!section->has_payload)
    g_error ("%s: no \"#### Payload\" table", spec->type);
  if ((spec->pii != NULL) != section->has_pii)
    g_error ("%s: a \"#### PII\" table %s", spec->type,
             spec->pii != NULL ? "is missing" : "where the type has no personal data");
  for (const AhiFieldSpec *f = spec->payload; f->name != NULL; f++)
    if (f->kind == AHI_FIELD_OBJECT_LIST &&
        !g_ptr_array_find_with_equal_func (section->lists, f->name, g_str_equal, NULL))
      g_error ("%s: no \"#### Items of `%s`\" table", spec->type, f->name);

  section->spec = NULL;
  section->has_payload = FALSE;
  section->has_pii = FALSE;
  g_ptr_array_set_size (section->lists, 0);
}

static void
test_docs_match_catalogue (void)
{
  g_autofree char *doc = read_doc ();
  g_auto(GStrv) lines = g_strsplit (doc, "\n", -1);
  g_autoptr(GPtrArray) lists = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (g_free);
  Section section = { NULL, FALSE, FALSE, lists };
  Table table = { NULL, NULL, rows };
  const AhiEventSpec *catalogue;
  guint n_specs, next = 0;

  catalogue = ahi_event_catalogue (&n_specs);

  for (guint l = 0; lines[l] != NULL; l++)
    {
      const char *line = lines[l];
      g_autofree char *name = NULL;

      if (g_str_has_prefix (line, "#"))
        table_check (&table);

      if (g_str_has_prefix (line, "### `"))
        {
          const AhiEventSpec *spec;

          section_check (&section);
          name = quoted_after (line, "### `", NULL);
          if (name == NULL)
            g_error ("line %u: malformed type heading: %s", l + 1, line);
          spec = ahi_event_catalogue_lookup (name);
          if (spec == NULL)
            g_error ("line %u: %s is not in the catalogue", l + 1, name);
          if (next >= n_specs || spec != &catalogue[next])
            g_error ("line %u: %s is out of catalogue order (expected %s)", l + 1, name,
                     next < n_specs ? catalogue[next].type : "nothing more");
          next++;
          section.spec = spec;
        }
      else if (g_str_has_prefix (line, "## ") || g_str_has_prefix (line, "### "))
        section_check (&section);
      else if (g_str_has_prefix (line, "#### ") && section.spec != NULL)
        {
          const AhiEventSpec *spec = section.spec;

          if (g_str_equal (line, "#### Payload"))
            {
              g_assert_false (section.has_payload);
              section.has_payload = TRUE;
              table.fields = spec->payload;
              table.where = g_strdup_printf ("%s / Payload", spec->type);
            }
          else if (g_str_equal (line, "#### PII"))
            {
              g_assert_false (section.has_pii);
              section.has_pii = TRUE;
              table.fields = spec->pii;
              table.where = g_strdup_printf ("%s / PII", spec->type);
            }
          else if ((name = quoted_after (line, "#### Items of `", NULL)) != NULL)
            {
              const AhiFieldSpec *list = NULL;

              for (const AhiFieldSpec *f = spec->payload; f->name != NULL; f++)
                if (f->kind == AHI_FIELD_OBJECT_LIST && g_str_equal (f->name, name))
                  list = f;
              if (list == NULL)
                g_error ("%s: %s is not an object list of the type", spec->type, name);
              g_ptr_array_add (section.lists, g_strdup (name));
              table.fields = list->item_fields;
              table.where = g_strdup_printf ("%s / Items of %s", spec->type, name);
            }
          else
            g_error ("line %u: unexpected heading in %s: %s", l + 1, spec->type, line);
        }
      else if (table.where != NULL && (name = quoted_after (line, "| `", " |")) != NULL)
        g_ptr_array_add (table.rows, g_steal_pointer (&name));
      else if (table.where != NULL && g_str_has_prefix (line, "| `"))
        g_error ("line %u: malformed field row: %s", l + 1, line);
    }
  table_check (&table);
  section_check (&section);

  if (next != n_specs)
    g_error ("docs/events.md has no section for %s", catalogue[next].type);
}

static void
test_docs_name_no_other_type (void)
{
  g_autofree char *doc = read_doc ();
  g_autoptr(GRegex) regex = NULL;
  g_autoptr(GMatchInfo) match = NULL;
  g_autoptr(GError) error = NULL;
  guint seen = 0;

  /* Anything in backticks that looks like a type (dotted lower-case words)
   * must be one; member paths such as payload.items are not types. */
  regex = g_regex_new ("`([a-z_]+(?:\\.[a-z_]+)+)`", 0, 0, &error);
  g_assert_no_error (error);
  g_regex_match (regex, doc, 0, &match);
  while (g_match_info_matches (match))
    {
      g_autofree char *word = g_match_info_fetch (match, 1);

      if (!g_str_has_prefix (word, "payload.") && !g_str_has_prefix (word, "pii.") &&
          !g_str_has_prefix (word, "actor."))
        {
          if (ahi_event_catalogue_lookup (word) == NULL)
            g_error ("docs/events.md names `%s`, which is not in the catalogue", word);
          seen++;
        }
      g_match_info_next (match, NULL);
    }
  g_assert_cmpuint (seen, >, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  ahi_core_init ();

  g_test_add_func ("/core/event-docs/match-catalogue", test_docs_match_catalogue);
  g_test_add_func ("/core/event-docs/name-no-other-type", test_docs_name_no_other_type);

  return g_test_run ();
}
