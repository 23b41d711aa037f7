/* test-ui-files.c — every control in the .ui files has an accessible name
 *
 * GTK 4.8 cannot read accessible labels back at run time (STACK-NOTES),
 * so the templates are checked as written: each control a person operates
 * carries a label, a title, a tooltip or an explicit accessible label or
 * labelled-by relation. An icon alone names nothing for a screen reader.
 */
#include <gio/gio.h>

/* Classes a person operates, and templates derived from them. */
static const char * const controls[] = {
  "GtkButton", "GtkToggleButton", "GtkMenuButton", "GtkCheckButton", "GtkSwitch", "GtkLinkButton",
  "GtkEntry", "GtkSearchEntry", "GtkPasswordEntry", "GtkSpinButton", "GtkScale", "GtkDropDown",
  "GtkListBox", "GtkTextView", "AdwEntryRow", "AdwPasswordEntryRow", "AdwComboRow", "AdwActionRow",
  "AdwExpanderRow", "AdwSplitButton", NULL,
};

/* What names a control: its own text, or what it is labelled by. */
static const char * const naming_properties[] = { "label", "title", "tooltip-text", NULL };

typedef struct {
  char     *class_name;
  char     *id;
  gboolean  is_control;
  gboolean  named;
} Element;

typedef struct {
  const char *file;
  GPtrArray  *stack;          /* Element*, objects and templates open */
  GQueue      tags;           /* the names of every open tag */
  guint       unnamed;
  guint       checked;
} Scan;

static void
element_free (Element *element)
{
  g_free (element->class_name);
  g_free (element->id);
  g_free (element);
}

static Element *
innermost (Scan *scan)
{
  return scan->stack->len > 0 ? g_ptr_array_index (scan->stack, scan->stack->len - 1) : NULL;
}

static void
on_start (GMarkupParseContext  *context,
          const char           *tag,
          const char          **names,
          const char          **values,
          gpointer              data,
          GError              **error)
{
  Scan *scan = data;
  const char *parent_tag = g_queue_peek_head (&scan->tags);

  if (g_str_equal (tag, "object") || g_str_equal (tag, "template"))
    {
      Element *element = g_new0 (Element, 1);

      for (guint i = 0; names[i] != NULL; i++)
        {
          if (g_str_equal (names[i], "class") && g_str_equal (tag, "object"))
            element->class_name = g_strdup (values[i]);
          else if (g_str_equal (names[i], "parent") && g_str_equal (tag, "template"))
            element->class_name = g_strdup (values[i]);
          else if (g_str_equal (names[i], "id"))
            element->id = g_strdup (values[i]);
        }
      element->is_control = element->class_name != NULL && g_strv_contains (controls, element->class_name);
      g_ptr_array_add (scan->stack, element);
    }
  else if (g_str_equal (tag, "property") && innermost (scan) != NULL)
    {
      Element *element = innermost (scan);
      gboolean in_accessibility = g_strcmp0 (parent_tag, "accessibility") == 0;

      for (guint i = 0; names[i] != NULL; i++)
        if (g_str_equal (names[i], "name") &&
            (g_strv_contains (naming_properties, values[i]) ||
             (in_accessibility && g_str_equal (values[i], "label"))))
          element->named = TRUE;
    }
  else if (g_str_equal (tag, "relation") && g_strcmp0 (parent_tag, "accessibility") == 0 && innermost (scan) != NULL)
    {
      Element *element = innermost (scan);

      for (guint i = 0; names[i] != NULL; i++)
        if (g_str_equal (names[i], "name") && g_str_equal (values[i], "labelled-by"))
          element->named = TRUE;
    }
  g_queue_push_head (&scan->tags, g_strdup (tag));
}

static void
on_end (GMarkupParseContext  *context,
        const char           *tag,
        gpointer              data,
        GError              **error)
{
  Scan *scan = data;

  g_free (g_queue_pop_head (&scan->tags));
  if (g_str_equal (tag, "object") || g_str_equal (tag, "template"))
    {
      Element *element = innermost (scan);

      g_assert (element != NULL);
      if (element->is_control)
        {
          scan->checked++;
          if (!element->named)
            {
              g_test_message ("%s: %s%s%s has no accessible name", scan->file, element->class_name,
                              element->id != NULL ? " #" : "", element->id != NULL ? element->id : "");
              scan->unnamed++;
            }
        }
      g_ptr_array_remove_index (scan->stack, scan->stack->len - 1);
    }
}

static void
test_every_control_is_named (void)
{
  g_autofree char *dir = g_build_filename (g_getenv ("AHI_SOURCE_ROOT"), "src", "app", NULL);
  g_autoptr(GDir) folder = NULL;
  g_autoptr(GError) error = NULL;
  const GMarkupParser parser = { on_start, on_end, NULL, NULL, NULL };
  guint files = 0, controls_checked = 0, unnamed = 0;
  const char *name;

  folder = g_dir_open (dir, 0, &error);
  g_assert_no_error (error);
  while ((name = g_dir_read_name (folder)) != NULL)
    {
      g_autofree char *path = NULL;
      g_autofree char *text = NULL;
      g_autoptr(GMarkupParseContext) context = NULL;
      Scan scan = { name, g_ptr_array_new_with_free_func ((GDestroyNotify) element_free), G_QUEUE_INIT, 0, 0 };

      if (!g_str_has_suffix (name, ".ui"))
        continue;
      path = g_build_filename (dir, name, NULL);
      g_file_get_contents (path, &text, NULL, &error);
      g_assert_no_error (error);
      context = g_markup_parse_context_new (&parser, 0, &scan, NULL);
      g_markup_parse_context_parse (context, text, -1, &error);
      g_assert_no_error (error);
      g_markup_parse_context_end_parse (context, &error);
      g_assert_no_error (error);

      files++;
      controls_checked += scan.checked;
      unnamed += scan.unnamed;
      g_ptr_array_unref (scan.stack);
      g_queue_clear_full (&scan.tags, g_free);
    }
  g_test_message ("%u .ui files, %u controls checked", files, controls_checked);
  g_assert_cmpuint (files, >, 0);
  g_assert_cmpuint (controls_checked, >, 0);
  g_assert_cmpuint (unnamed, ==, 0);
}

/* The check itself must catch a nameless icon button. */
static void
test_catches_nameless_button (void)
{
  const char *ui =
    "<interface><object class=\"GtkBox\"><child>"
    "<object class=\"GtkButton\" id=\"bare\"><property name=\"icon-name\">go-next-symbolic</property></object>"
    "</child><child>"
    "<object class=\"GtkButton\" id=\"named\"><accessibility><property name=\"label\">Next</property></accessibility></object>"
    "</child></object></interface>";
  const GMarkupParser parser = { on_start, on_end, NULL, NULL, NULL };
  Scan scan = { "inline", g_ptr_array_new_with_free_func ((GDestroyNotify) element_free), G_QUEUE_INIT, 0, 0 };
  g_autoptr(GMarkupParseContext) context = g_markup_parse_context_new (&parser, 0, &scan, NULL);

  g_assert_true (g_markup_parse_context_parse (context, ui, -1, NULL));
  g_assert_cmpuint (scan.checked, ==, 2);
  g_assert_cmpuint (scan.unnamed, ==, 1);
  g_ptr_array_unref (scan.stack);
  g_queue_clear_full (&scan.tags, g_free);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/app/ui-files/every-control-is-named", test_every_control_is_named);
  g_test_add_func ("/app/ui-files/catches-nameless-button", test_catches_nameless_button);
  return g_test_run ();
}
