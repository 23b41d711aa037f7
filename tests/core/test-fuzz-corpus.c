/* test-fuzz-corpus.c — the fuzzers' corpus, replayed by the normal suite
 *
 * fuzz/corpus/<target>/ holds the seeds and every input the fuzzers found
 * interesting or crashing (fuzz/README.md). Each file goes through the very
 * entry point its fuzz target calls (fuzz/ahi-fuzz-targets.c), which
 * aborts when a decoder breaks a promise; here each input must either
 * decode, or be refused with a GError. Under ASan (the suite's second run)
 * a crash or a leak on any of them fails the test too. The counts are
 * printed, so that an emptied corpus does not pass unnoticed.
 */
#include <string.h>

#include "ahi-fuzz-targets.h"

typedef enum {
  TARGET_JSON,
  TARGET_EVENT,
  TARGET_PUSH,
} Target;

typedef struct {
  const char *name;
  Target      target;
  guint       min_files;   /* the seeds alone are more than this */
} Corpus;

static const Corpus corpora[] = {
  { "json", TARGET_JSON, 20 },
  { "event", TARGET_EVENT, 20 },
  { "push", TARGET_PUSH, 5 },
};

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(char * const *) a, *(char * const *) b);
}

static void
test_corpus (gconstpointer data)
{
  const Corpus *corpus = data;
  const char *root = g_getenv ("AHI_SOURCE_ROOT");
  g_autofree char *dir_path = NULL;
  g_autoptr(GDir) dir = NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  guint decoded = 0, refused = 0, items = 0, rejected_items = 0;
  const char *name;

  g_assert_nonnull (root);
  dir_path = g_build_filename (root, "fuzz", "corpus", corpus->name, NULL);
  dir = g_dir_open (dir_path, 0, &error);
  g_assert_no_error (error);
  while ((name = g_dir_read_name (dir)) != NULL)
    g_ptr_array_add (names, g_strdup (name));
  /* The same order on every machine, for readable failures. */
  g_ptr_array_sort (names, compare_names);

  for (guint i = 0; i < names->len; i++)
    {
      g_autofree char *path = g_build_filename (dir_path, g_ptr_array_index (names, i), NULL);
      g_autofree char *contents = NULL;
      g_autoptr(GError) decode_error = NULL;
      gsize length = 0;
      guint n_items = 0, n_rejected = 0;
      gboolean ok = FALSE;

      g_file_get_contents (path, &contents, &length, &error);
      g_assert_no_error (error);

      switch (corpus->target)
        {
        case TARGET_JSON:
          ok = ahi_fuzz_json ((const guint8 *) contents, length, &decode_error);
          break;
        case TARGET_EVENT:
          ok = ahi_fuzz_event ((const guint8 *) contents, length, &decode_error);
          break;
        case TARGET_PUSH:
        default:
          ok = ahi_fuzz_push_body ((const guint8 *) contents, length, &n_items, &n_rejected, &decode_error);
          break;
        }

      /* Decoded, or refused with a reason: never both, never neither. */
      if (ok)
        {
          g_assert_no_error (decode_error);
          decoded++;
          items += n_items;
          rejected_items += n_rejected;
        }
      else
        {
          if (decode_error == NULL)
            g_error ("%s: refused without an error", path);
          g_assert_nonnull (decode_error->message);
          refused++;
        }
    }

  g_test_message ("fuzz/corpus/%s: %u files, %u decoded, %u refused", corpus->name, names->len, decoded, refused);
  if (corpus->target == TARGET_PUSH)
    g_test_message ("fuzz/corpus/push: %u events in the decoded bodies, %u of them rejected", items, rejected_items);

  g_assert_cmpuint (names->len, >, corpus->min_files);
  /* The seeds hold both good and bad inputs: a corpus whose every file
   * decodes, or none does, has lost one half. */
  g_assert_cmpuint (decoded, >, 0);
  g_assert_cmpuint (refused, >, 0);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  ahi_fuzz_init ();

  for (guint i = 0; i < G_N_ELEMENTS (corpora); i++)
    {
      g_autofree char *path = g_strdup_printf ("/core/fuzz-corpus/%s", corpora[i].name);
      g_test_add_data_func (path, &corpora[i], test_corpus);
    }
  return g_test_run ();
}
