/* test-fold.c — the Turkish search fold */
#include <locale.h>

#include "core/ahi-core.h"
#include "core/ahi-fold.h"

static void
assert_fold (const char *text,
             const char *expected)
{
  g_autofree char *folded = ahi_fold (text);
  g_autofree char *twice = ahi_fold (folded);

  g_assert_cmpstr (folded, ==, expected);
  /* Stored keys may be folded again by the query path: a fixed point. */
  g_assert_cmpstr (twice, ==, expected);
}

static void
test_turkish (void)
{
  assert_fold ("Işıl Çağlar", "isil caglar");
  assert_fold ("İSTANBUL", "istanbul");
  assert_fold ("IŞIL", "isil");
  assert_fold ("ışıl", "isil");
  assert_fold ("ılık", "ilik");
  assert_fold ("ŞĞÇÖÜ şğçöü", "sgcou sgcou");
  assert_fold ("Âşık Îmâ Ûmit", "asik ima umit");
  assert_fold ("Gülşen Öztürk", "gulsen ozturk");
}

static void
test_same_key (void)
{
  /* What the user may type for one stored name must all meet. */
  const char *spellings[] = { "Işıl", "IŞIL", "isil", "ışıl", "İşil", "ISIL", "işil" };

  for (gsize i = 0; i < G_N_ELEMENTS (spellings); i++)
    assert_fold (spellings[i], "isil");
}

static void
test_combining (void)
{
  /* "İ" decomposed, and the "i̇" that a C-locale strdown makes of it. */
  assert_fold ("I\xcc\x87STANBUL", "istanbul");
  assert_fold ("i\xcc\x87stanbul", "istanbul");
  /* s + combining cedilla, e + combining acute: same as precomposed. */
  assert_fold ("S\xcc\xa7" "ahin", "sahin");
  assert_fold ("Jose\xcc\x81", "jose");
  /* A stray mark at the start is not a word. */
  assert_fold ("\xcc\x81" "abc", "abc");
}

static void
test_diacritics (void)
{
  assert_fold ("José Müller", "jose muller");
  assert_fold ("Ñandú", "nandu");
  assert_fold ("À la carte", "a la carte");
  assert_fold ("Zoë Brontë", "zoe bronte");
  assert_fold ("Łódź", "lodz");
  assert_fold ("Straße", "strasse");
  assert_fold ("Ærø", "aero");
  assert_fold ("Ștefan", "stefan");
}

static void
test_separators (void)
{
  assert_fold ("  Ayşe   Yılmaz  ", "ayse yilmaz");
  assert_fold ("Ayşe-Nur, O'Brien!", "ayse nur o brien");
  assert_fold ("a\t\n\r b", "a b");
  assert_fold ("0532 123 45 67", "0532 123 45 67");
  assert_fold ("Saç kesimi (uzun) — 450₺", "sac kesimi uzun 450");
  assert_fold ("", "");
  assert_fold ("!!! ... ---", "");
}

static void
test_other_scripts (void)
{
  /* Lower-cased, accents dropped, letters kept. */
  assert_fold ("Ελένη", "ελενη");
  assert_fold ("ПЕТР", "петр");
  /* A Hangul syllable decomposes into jamo, not into a base and accents:
   * it stays whole. */
  assert_fold ("한국", "한국");
  assert_fold ("मनीषा", "मनीषा");
}

static void
test_locale_independent (void)
{
  const char *locales[] = { "C", "C.UTF-8", "tr_TR.UTF-8", "tr_TR.utf8" };
  g_autofree char *saved = g_strdup (setlocale (LC_ALL, NULL));

  /* Each locale that exists here must give the same key. */
  for (gsize i = 0; i < G_N_ELEMENTS (locales); i++)
    {
      if (setlocale (LC_ALL, locales[i]) == NULL)
        continue;
      assert_fold ("Işıl İSTANBUL ılık", "isil istanbul ilik");
    }
  setlocale (LC_ALL, saved);
}

static void
test_invalid_utf8 (void)
{
  assert_fold ("\xff", "");
  assert_fold ("Işıl\xc3", "");
  assert_fold ("\xc0\xaf", "");   /* overlong "/" */
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  ahi_core_init ();

  g_test_add_func ("/core/fold/turkish", test_turkish);
  g_test_add_func ("/core/fold/same-key", test_same_key);
  g_test_add_func ("/core/fold/combining", test_combining);
  g_test_add_func ("/core/fold/diacritics", test_diacritics);
  g_test_add_func ("/core/fold/separators", test_separators);
  g_test_add_func ("/core/fold/other-scripts", test_other_scripts);
  g_test_add_func ("/core/fold/locale-independent", test_locale_independent);
  g_test_add_func ("/core/fold/invalid-utf8", test_invalid_utf8);

  return g_test_run ();
}
