/* test-money.c — formatting and KDV on integer minor units */
#include "core/ahi-core.h"
#include "core/ahi-money.h"

static void
assert_format (gint64               minor,
               const char          *currency,
               const char          *language,
               AhiMoneyFormatFlags  flags,
               const char          *expected)
{
  g_autofree char *text = ahi_money_format (ahi_money_init (minor, currency),
                                            language, flags);

  g_assert_cmpstr (text, ==, expected);
}

static void
test_init (void)
{
  AhiMoney m = ahi_money_init (123450, "TRY");

  g_assert_cmpint (m.minor, ==, 123450);
  g_assert_cmpstr (m.currency, ==, "TRY");
}

static void
test_symbol (void)
{
  g_assert_cmpstr (ahi_money_currency_symbol ("TRY"), ==, "₺");
  g_assert_cmpstr (ahi_money_currency_symbol ("EUR"), ==, "€");
  g_assert_cmpstr (ahi_money_currency_symbol ("USD"), ==, "$");
  g_assert_cmpstr (ahi_money_currency_symbol ("GBP"), ==, "GBP");
}

static void
test_format_tr (void)
{
  assert_format (123450, "TRY", "tr", 0, "₺1.234,50");
  assert_format (0, "TRY", "tr", 0, "₺0,00");
  assert_format (5, "TRY", "tr", 0, "₺0,05");
  assert_format (100, "TRY", "tr", 0, "₺1,00");
  assert_format (99999, "TRY", "tr", 0, "₺999,99");
  assert_format (100000, "TRY", "tr", 0, "₺1.000,00");
  assert_format (123456789012, "TRY", "tr", 0, "₺1.234.567.890,12");
  /* Regional variants of the language are still Turkish. */
  assert_format (123450, "TRY", "tr_TR", 0, "₺1.234,50");
  assert_format (123450, "EUR", "tr", 0, "€1.234,50");
}

static void
test_format_en (void)
{
  assert_format (123450, "TRY", "en", 0, "₺1,234.50");
  assert_format (123450, "USD", "en", 0, "$1,234.50");
  assert_format (123450, "EUR", "en", 0, "€1,234.50");
  assert_format (7, "TRY", "en", 0, "₺0.07");
  /* Unknown languages fall back to English. */
  assert_format (123450, "TRY", "de", 0, "₺1,234.50");
  assert_format (123450, "TRY", NULL, 0, "₺1,234.50");
  /* "tra" is not Turkish just because it starts with "tr". */
  assert_format (123450, "TRY", "tra", 0, "₺1,234.50");
}

static void
test_format_negative (void)
{
  assert_format (-123450, "TRY", "tr", 0, "-₺1.234,50");
  assert_format (-123450, "TRY", "en", 0, "-₺1,234.50");
  assert_format (-5, "TRY", "tr", 0, "-₺0,05");
}

static void
test_format_whole (void)
{
  /* 184.250,00 TL: no kuruş shown. */
  assert_format (18425000, "TRY", "tr", AHI_MONEY_FORMAT_WHOLE, "₺184.250");
  assert_format (18425000, "TRY", "en", AHI_MONEY_FORMAT_WHOLE, "₺184,250");
  /* 184.249,50 is exactly half: away from zero, up. */
  assert_format (18424950, "TRY", "tr", AHI_MONEY_FORMAT_WHOLE, "₺184.250");
  /* 184.249,49 is below half: down. */
  assert_format (18424949, "TRY", "tr", AHI_MONEY_FORMAT_WHOLE, "₺184.249");
  /* -1,50 → -2 and -1,49 → -1: the same rule on the magnitude. */
  assert_format (-150, "TRY", "tr", AHI_MONEY_FORMAT_WHOLE, "-₺2");
  assert_format (-149, "TRY", "tr", AHI_MONEY_FORMAT_WHOLE, "-₺1");
  /* -0,49 rounds to zero, which has no sign. */
  assert_format (-49, "TRY", "tr", AHI_MONEY_FORMAT_WHOLE, "₺0");
  assert_format (99950, "TRY", "tr", AHI_MONEY_FORMAT_WHOLE, "₺1.000");
}

static void
test_format_extremes (void)
{
  /* G_MAXINT64 = 9 223 372 036 854 775 807 minor units. */
  assert_format (G_MAXINT64, "TRY", "tr", 0, "₺92.233.720.368.547.758,07");
  /* G_MININT64 has no positive counterpart in a gint64. */
  assert_format (G_MININT64, "TRY", "tr", 0, "-₺92.233.720.368.547.758,08");
  assert_format (G_MININT64, "TRY", "en", AHI_MONEY_FORMAT_WHOLE,
                 "-₺92,233,720,368,547,758");
}

static void
test_format_other_currency (void)
{
  /* A code rather than a sign gets a space. */
  assert_format (123450, "CHF", "en", 0, "CHF 1,234.50");
  /* Yen have no minor unit; dinars have three digits of it. */
  assert_format (1234, "JPY", "en", 0, "JPY 1,234");
  assert_format (1234567, "KWD", "en", 0, "KWD 1,234.567");
  assert_format (1234500, "KWD", "tr", AHI_MONEY_FORMAT_WHOLE, "KWD 1.235");
}

static void
test_vat_included (void)
{
  /* 120,00 at 20 %: net 100,00, KDV 20,00. */
  g_assert_cmpint (ahi_money_vat_included (12000, 2000), ==, 2000);
  /* 100,00 at 10 %: 100 × 10 / 110 = 9,0909… → 9,09. */
  g_assert_cmpint (ahi_money_vat_included (10000, 1000), ==, 909);
  /* 118,00 at 18 %: 18,00. */
  g_assert_cmpint (ahi_money_vat_included (11800, 1800), ==, 1800);
  /* 101,00 at 1 %: 1,00. */
  g_assert_cmpint (ahi_money_vat_included (10100, 100), ==, 100);
  /* 99,99 at 20 %: 9999 / 6 = 1666,5 → half up → 16,67. */
  g_assert_cmpint (ahi_money_vat_included (9999, 2000), ==, 1667);
  g_assert_cmpint (ahi_money_vat_included (0, 2000), ==, 0);
  g_assert_cmpint (ahi_money_vat_included (12000, 0), ==, 0);
}

static void
test_vat_half (void)
{
  /* At 20 % the KDV is gross / 6: 3 kuruş hold exactly 0,5. */
  g_assert_cmpint (ahi_money_vat_included (3, 2000), ==, 1);
  g_assert_cmpint (ahi_money_vat_included (9, 2000), ==, 2);   /* 1,5 */
  g_assert_cmpint (ahi_money_vat_included (2, 2000), ==, 0);   /* 0,33 */
  g_assert_cmpint (ahi_money_vat_included (4, 2000), ==, 1);   /* 0,67 */
}

static void
test_vat_negative (void)
{
  /* A refund contains exactly the negated KDV of its sale, halves too. */
  g_assert_cmpint (ahi_money_vat_included (-12000, 2000), ==, -2000);
  g_assert_cmpint (ahi_money_vat_included (-10000, 1000), ==, -909);
  g_assert_cmpint (ahi_money_vat_included (-3, 2000), ==, -1);
  g_assert_cmpint (ahi_money_vat_included (-9, 2000), ==, -2);

  for (gint64 gross = 0; gross < 5000; gross++)
    g_assert_cmpint (ahi_money_vat_included (-gross, 1800), ==,
                     -ahi_money_vat_included (gross, 1800));
}

static void
test_vat_nearest (void)
{
  const int rates[] = { 0, 100, 800, 1000, 1800, 2000, 10000 };

  /* The result is the nearest integer to gross × rate / (10000 + rate),
   * ties away from zero. Checked here on exact integer products, which
   * are small enough in this range. */
  for (gsize r = 0; r < G_N_ELEMENTS (rates); r++)
    for (gint64 gross = -30000; gross <= 30000; gross++)
      {
        gint64 divisor = 10000 + rates[r];
        gint64 vat = ahi_money_vat_included (gross, rates[r]);
        gint64 error = vat * divisor - gross * rates[r];   /* = divisor × (vat - exact) */

        g_assert_cmpint (2 * ABS (error), <=, divisor);
        if (2 * ABS (error) == divisor)
          g_assert_cmpint (ABS (vat * divisor), >, ABS (gross * rates[r]));
      }
}

static void
test_vat_large (void)
{
  /* 1e12 TL (1e14 kuruş) at 20 %: 1e14 / 6 = 16 666 666 666 666,67 → …667;
   * gross × rate alone would be 2e17, still in range, but at G_MAXINT64 it
   * would overflow. */
  g_assert_cmpint (ahi_money_vat_included (100000000000000, 2000), ==,
                   16666666666667);
  g_assert_cmpint (ahi_money_vat_included (-100000000000000, 2000), ==,
                   -16666666666667);
  /* 1e14 / 11 = 9 090 909 090 909,09… */
  g_assert_cmpint (ahi_money_vat_included (100000000000000, 1000), ==,
                   9090909090909);
  /* G_MAXINT64 = 6 × 1 537 228 672 809 129 301 + 1: the remainder 1/6 rounds
   * down. */
  g_assert_cmpint (ahi_money_vat_included (G_MAXINT64, 2000), ==,
                   1537228672809129301);
  /* G_MININT64 = -(6 × 1 537 228 672 809 129 301 + 2): 2/6 rounds down too. */
  g_assert_cmpint (ahi_money_vat_included (G_MININT64, 2000), ==,
                   -1537228672809129301);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  ahi_core_init ();

  g_test_add_func ("/core/money/init", test_init);
  g_test_add_func ("/core/money/symbol", test_symbol);
  g_test_add_func ("/core/money/format-tr", test_format_tr);
  g_test_add_func ("/core/money/format-en", test_format_en);
  g_test_add_func ("/core/money/format-negative", test_format_negative);
  g_test_add_func ("/core/money/format-whole", test_format_whole);
  g_test_add_func ("/core/money/format-extremes", test_format_extremes);
  g_test_add_func ("/core/money/format-other-currency", test_format_other_currency);
  g_test_add_func ("/core/money/vat-included", test_vat_included);
  g_test_add_func ("/core/money/vat-half", test_vat_half);
  g_test_add_func ("/core/money/vat-negative", test_vat_negative);
  g_test_add_func ("/core/money/vat-nearest", test_vat_nearest);
  g_test_add_func ("/core/money/vat-large", test_vat_large);

  return g_test_run ();
}
