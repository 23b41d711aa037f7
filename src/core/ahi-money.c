/* ahi-money.c — money as integer minor units with a currency
 *
 * Every computation here is on integers. Magnitudes are handled as
 * guint64 so that G_MININT64 can be negated and formatted without
 * overflow; signs are put back at the end.
 */
#include "ahi-money.h"

#include <string.h>

/* ---------------------------------------------------------------------- */
/* tables                                                                  */
/* ---------------------------------------------------------------------- */

typedef struct {
  const char *code;
  const char *symbol;
} CurrencySymbol;

static const CurrencySymbol currency_symbols[] = {
  { "TRY", "₺" },
  { "EUR", "€" },
  { "USD", "$" },
};

/* ISO 4217 minor-unit exponents that are not 2. */
typedef struct {
  const char *code;
  guint       digits;
} CurrencyExponent;

static const CurrencyExponent currency_exponents[] = {
  { "JPY", 0 }, { "KRW", 0 }, { "ISK", 0 }, { "CLP", 0 },
  { "BHD", 3 }, { "IQD", 3 }, { "JOD", 3 }, { "KWD", 3 },
  { "LYD", 3 }, { "OMR", 3 }, { "TND", 3 },
};

typedef struct {
  char group;      /* thousands separator */
  char decimal;    /* decimal mark */
} NumberSymbols;

static const NumberSymbols symbols_tr = { '.', ',' };
static const NumberSymbols symbols_en = { ',', '.' };

/* ---------------------------------------------------------------------- */
/* helpers                                                                 */
/* ---------------------------------------------------------------------- */

static guint
currency_minor_digits (const char *currency)
{
  for (gsize i = 0; i < G_N_ELEMENTS (currency_exponents); i++)
    if (strcmp (currency_exponents[i].code, currency) == 0)
      return currency_exponents[i].digits;
  return 2;
}

static gboolean
is_currency_code (const char *currency)
{
  return currency != NULL
         && g_ascii_isupper (currency[0])
         && g_ascii_isupper (currency[1])
         && g_ascii_isupper (currency[2])
         && currency[3] == '\0';
}

static gboolean
language_is_turkish (const char *language)
{
  return language != NULL
         && g_ascii_strncasecmp (language, "tr", 2) == 0
         && (language[2] == '\0' || language[2] == '_' || language[2] == '-'
             || language[2] == '.' || language[2] == '@');
}

/* |value| without overflow, also for G_MININT64. */
static guint64
magnitude (gint64 value)
{
  return value < 0 ? (guint64) 0 - (guint64) value : (guint64) value;
}

/* Appends value in decimal with a separator every three digits. */
static void
append_grouped (GString *out,
                guint64  value,
                char     group)
{
  char digits[24];
  int n = g_snprintf (digits, sizeof digits, "%" G_GUINT64_FORMAT, value);

  for (int i = 0; i < n; i++)
    {
      if (i > 0 && (n - i) % 3 == 0)
        g_string_append_c (out, group);
      g_string_append_c (out, digits[i]);
    }
}

/* ---------------------------------------------------------------------- */
/* public API                                                              */
/* ---------------------------------------------------------------------- */

AhiMoney
ahi_money_init (gint64      minor,
                const char *currency)
{
  AhiMoney money = { 0, "" };

  g_return_val_if_fail (is_currency_code (currency), money);

  money.minor = minor;
  memcpy (money.currency, currency, 4);
  return money;
}

const char *
ahi_money_currency_symbol (const char *currency)
{
  g_return_val_if_fail (currency != NULL, NULL);

  for (gsize i = 0; i < G_N_ELEMENTS (currency_symbols); i++)
    if (strcmp (currency_symbols[i].code, currency) == 0)
      return currency_symbols[i].symbol;
  return currency;
}

char *
ahi_money_format (AhiMoney             money,
                  const char          *language,
                  AhiMoneyFormatFlags  flags)
{
  const NumberSymbols *symbols;
  const char *symbol;
  guint digits;
  guint64 scale = 1;
  guint64 mag;
  guint64 whole;
  guint64 fraction;
  GString *out;

  /* Defensive: the struct may have been filled by hand. */
  money.currency[3] = '\0';
  g_return_val_if_fail (is_currency_code (money.currency), NULL);

  symbols = language_is_turkish (language) ? &symbols_tr : &symbols_en;
  symbol = ahi_money_currency_symbol (money.currency);
  digits = currency_minor_digits (money.currency);
  for (guint i = 0; i < digits; i++)
    scale *= 10;

  mag = magnitude (money.minor);
  whole = mag / scale;
  fraction = mag % scale;

  if (flags & AHI_MONEY_FORMAT_WHOLE)
    {
      /* Half away from zero, on the magnitude: 0,50 → 1 and -0,50 → -1. */
      if (scale > 1 && fraction * 2 >= scale)
        whole++;
      fraction = 0;
    }

  out = g_string_new (NULL);

  /* No "-₺0" when a small negative amount rounds to zero. */
  if (money.minor < 0 && (whole != 0 || fraction != 0))
    g_string_append_c (out, '-');

  g_string_append (out, symbol);
  /* A code rather than a sign ("CHF") needs a space before the digits. */
  if (symbol == money.currency || strcmp (symbol, money.currency) == 0)
    g_string_append_c (out, ' ');

  append_grouped (out, whole, symbols->group);

  if (!(flags & AHI_MONEY_FORMAT_WHOLE) && digits > 0)
    g_string_append_printf (out, "%c%0*" G_GUINT64_FORMAT,
                            symbols->decimal, (int) digits, fraction);

  return g_string_free (out, FALSE);
}

gint64
ahi_money_vat_included (gint64 gross_minor,
                        gint   rate_bp)
{
  guint64 mag;
  guint64 divisor;
  guint64 quotient;
  guint64 remainder;
  guint64 vat;

  g_return_val_if_fail (rate_bp >= 0 && rate_bp <= 10000, 0);

  /* vat = gross × rate / (10000 + rate). Splitting gross into
   * quotient × divisor + remainder keeps every product small: the first
   * term is below gross, the second below 2 × 20000 × 10000, so no
   * amount representable in a gint64 can overflow. */
  mag = magnitude (gross_minor);
  divisor = 10000 + (guint64) rate_bp;
  quotient = mag / divisor;
  remainder = mag % divisor;

  /* Rounding half up on the magnitude, i.e. half away from zero, so that a
   * refund contains exactly the negated KDV of its sale. */
  vat = quotient * (guint64) rate_bp
        + (2 * remainder * (guint64) rate_bp + divisor) / (2 * divisor);

  return gross_minor < 0 ? -(gint64) vat : (gint64) vat;
}
