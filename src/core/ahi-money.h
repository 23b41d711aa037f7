/* ahi-money.h — money as integer minor units with a currency
 *
 * No floating point touches money anywhere in Ahi Desk. Amounts are gint64
 * minor units (kuruş for TRY). Formatting follows the language: Turkish
 * "₺1.234,50", English "₺1,234.50"; whole amounts may drop the kuruş.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct {
  gint64 minor;          /* kuruş, cents… */
  char   currency[4];    /* ISO 4217, NUL-terminated */
} AhiMoney;

typedef enum {
  AHI_MONEY_FORMAT_DEFAULT     = 0,
  AHI_MONEY_FORMAT_WHOLE       = 1 << 0,  /* round to whole units: "₺184.250" */
} AhiMoneyFormatFlags;

AhiMoney  ahi_money_init      (gint64      minor,
                               const char *currency);
/* Formats for a language ("tr", "en"; anything else falls back to "en"). */
char     *ahi_money_format    (AhiMoney              money,
                               const char           *language,
                               AhiMoneyFormatFlags   flags);
/* KDV contained in a KDV-inclusive amount at rate_bp basis points
 * (0..10000), rounded half away from zero to the minor unit (docs/kpi.md):
 * 120,00 at 2000 bp → 20,00; a refund contains the negated KDV of its
 * sale. */
gint64    ahi_money_vat_included (gint64 gross_minor,
                                  gint   rate_bp);
/* "TRY" → "₺", "EUR" → "€", "USD" → "$", others the code itself. */
const char *ahi_money_currency_symbol (const char *currency);

G_END_DECLS
