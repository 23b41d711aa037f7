/* ahi-fold.c — the Turkish search fold
 *
 * The fold must give the same key on every machine, whatever the process
 * locale, because keys are stored and the query is folded again at search
 * time (docs/search.md). So it is table-driven and uses only the Unicode
 * character database that ships inside GLib: no g_utf8_strdown (Turkish
 * and Lithuanian casing depends on the locale) and no g_str_to_ascii
 * (which turns "ı" into "?").
 */
#include "ahi-fold.h"

#include <stdlib.h>
#include <string.h>

/* ---------------------------------------------------------------------- */
/* tables                                                                  */
/* ---------------------------------------------------------------------- */

typedef struct {
  gunichar    c;
  const char *folded;
} FoldEntry;

/* Letters whose fold is not "decompose, drop the marks, lower-case".
 * The Turkish rows come first and are the point of this module: dotted
 * and dotless i must meet, and no Turkish letter may depend on casing
 * rules. The rest are Latin letters with no canonical decomposition that
 * appear in customers' names. Sorted by code point for bsearch. */
static const FoldEntry fold_table[] = {
  { 0x0049, "i" },    /* I */
  { 0x00C2, "a" },    /* Â */
  { 0x00C6, "ae" },   /* Æ */
  { 0x00C7, "c" },    /* Ç */
  { 0x00CE, "i" },    /* Î */
  { 0x00D0, "d" },    /* Ð */
  { 0x00D6, "o" },    /* Ö */
  { 0x00D8, "o" },    /* Ø */
  { 0x00DB, "u" },    /* Û */
  { 0x00DC, "u" },    /* Ü */
  { 0x00DE, "th" },   /* Þ */
  { 0x00DF, "ss" },   /* ß */
  { 0x00E2, "a" },    /* â */
  { 0x00E6, "ae" },   /* æ */
  { 0x00E7, "c" },    /* ç */
  { 0x00EE, "i" },    /* î */
  { 0x00F0, "d" },    /* ð */
  { 0x00F6, "o" },    /* ö */
  { 0x00F8, "o" },    /* ø */
  { 0x00FB, "u" },    /* û */
  { 0x00FC, "u" },    /* ü */
  { 0x00FE, "th" },   /* þ */
  { 0x0110, "d" },    /* Đ */
  { 0x0111, "d" },    /* đ */
  { 0x011E, "g" },    /* Ğ */
  { 0x011F, "g" },    /* ğ */
  { 0x0130, "i" },    /* İ */
  { 0x0131, "i" },    /* ı */
  { 0x0141, "l" },    /* Ł */
  { 0x0142, "l" },    /* ł */
  { 0x0152, "oe" },   /* Œ */
  { 0x0153, "oe" },   /* œ */
  { 0x015E, "s" },    /* Ş */
  { 0x015F, "s" },    /* ş */
  { 0x0218, "s" },    /* Ș (Romanian, comma below) */
  { 0x0219, "s" },    /* ș */
  { 0x021A, "t" },    /* Ț */
  { 0x021B, "t" },    /* ț */
};

/* ---------------------------------------------------------------------- */
/* helpers                                                                 */
/* ---------------------------------------------------------------------- */

static int
compare_entry (const void *key,
               const void *element)
{
  gunichar c = *(const gunichar *) key;
  const FoldEntry *entry = element;

  return c < entry->c ? -1 : c > entry->c ? 1 : 0;
}

static const char *
lookup_table (gunichar c)
{
  const FoldEntry *entry = bsearch (&c, fold_table, G_N_ELEMENTS (fold_table),
                                    sizeof fold_table[0], compare_entry);

  return entry != NULL ? entry->folded : NULL;
}

/* The Combining Diacritical Marks block: accents, cedillas, the dot above
 * of a decomposed "İ" or of "i̇" from a C-locale strdown. Marks of other
 * blocks (Indic vowel signs…) carry meaning and are kept. */
static gboolean
is_latin_diacritic (gunichar c)
{
  return c >= 0x0300 && c <= 0x036F;
}

static gboolean
is_mark (gunichar c)
{
  GUnicodeType type = g_unichar_type (c);

  return type == G_UNICODE_NON_SPACING_MARK
         || type == G_UNICODE_SPACING_MARK
         || type == G_UNICODE_ENCLOSING_MARK;
}

/* Appends the fold of one code point that is not in the table. */
static void
append_lowered (GString  *out,
                gunichar  c)
{
  const char *folded = lookup_table (c);

  if (folded != NULL)
    g_string_append (out, folded);
  else if (c < 0x80)
    g_string_append_c (out, g_ascii_tolower ((char) c));
  else
    /* g_unichar_tolower applies the simple Unicode mapping only, with
     * none of g_utf8_strdown's locale-dependent special casing. */
    g_string_append_unichar (out, g_unichar_tolower (c));
}

/* Folds one letter, digit or mark. A letter that decomposes into a base
 * and diacritics only ("é" = e + U+0301, "ñ" = n + U+0303) becomes its
 * base; anything else (a Hangul syllable decomposes into jamo) is kept
 * whole, so that only accents are ever lost. */
static void
append_folded_char (GString  *out,
                    gunichar  c)
{
  gunichar decomposition[G_UNICHAR_MAX_DECOMPOSITION_LENGTH];
  const char *folded;
  gsize n;
  gboolean only_diacritics = TRUE;

  g_assert (!is_latin_diacritic (c));

  folded = lookup_table (c);
  if (folded != NULL)
    {
      g_string_append (out, folded);
      return;
    }

  if (c < 0x80)
    {
      g_string_append_c (out, g_ascii_tolower ((char) c));
      return;
    }

  n = g_unichar_fully_decompose (c, FALSE, decomposition,
                                 G_N_ELEMENTS (decomposition));
  for (gsize i = 1; i < n; i++)
    if (!is_latin_diacritic (decomposition[i]))
      only_diacritics = FALSE;

  if (n > 1 && only_diacritics)
    append_lowered (out, decomposition[0]);
  else
    append_lowered (out, c);
}

/* ---------------------------------------------------------------------- */
/* public API                                                              */
/* ---------------------------------------------------------------------- */

char *
ahi_fold (const char *text)
{
  g_autoptr(GString) out = NULL;
  gboolean pending_space = FALSE;

  g_return_val_if_fail (text != NULL, NULL);

  /* Callers validate their input; a fold of garbage must still not crash
   * or produce a key that matches something. */
  if (!g_utf8_validate (text, -1, NULL))
    return g_strdup ("");

  out = g_string_sized_new (strlen (text));

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isalnum (c) || is_mark (c))
        {
          /* A mark right after a separator is not a reason for a word. */
          if (is_latin_diacritic (c))
            continue;

          /* Collapsed separators become one space, and none at either
           * end. */
          if (pending_space && out->len > 0)
            g_string_append_c (out, ' ');
          pending_space = FALSE;
          append_folded_char (out, c);
        }
      else
        {
          pending_space = TRUE;
        }
    }

  return g_string_free (g_steal_pointer (&out), FALSE);
}
