/* ahi-phone.c — phone numbers in E.164
 *
 * Front-desk input is forgiving (spaces, dashes, brackets, a trunk "0",
 * "00" or "+" before the country code); what comes out is strict E.164.
 * Turkish numbers are checked for their exact length (10 national digits)
 * because that is where typing mistakes are most common; other countries
 * are only checked against the E.164 bounds.
 */
#include "ahi-phone.h"

#include <string.h>

#include "ahi-core-error.h"

#define TURKEY_COUNTRY_CODE "90"
#define TURKEY_NATIONAL_DIGITS 10

/* E.164 allows at most 15 digits; the shortest numbers in use (small
 * island states) have 7 with their country code. */
#define E164_MIN_DIGITS 7
#define E164_MAX_DIGITS 15

/* ---------------------------------------------------------------------- */
/* helpers                                                                 */
/* ---------------------------------------------------------------------- */

static gboolean
is_all_digits (const char *text)
{
  if (*text == '\0')
    return FALSE;
  for (const char *p = text; *p != '\0'; p++)
    if (!g_ascii_isdigit (*p))
      return FALSE;
  return TRUE;
}

/* Separators people type between digit groups. */
static gboolean
is_separator (char c)
{
  return c == ' ' || c == '\t' || c == '-' || c == '.' || c == '/'
         || c == '(' || c == ')';
}

static gboolean
set_invalid (GError     **error,
             const char  *message)
{
  g_set_error_literal (error, AHI_CORE_ERROR, AHI_CORE_ERROR_INVALID_VALUE,
                       message);
  return FALSE;
}

/* Keeps only the digits of input and notes whether it started with "+".
 * Anything other than digits, separators and one leading "+" is an error;
 * letters get their own message because "0532 ABC" is a common slip. */
static gboolean
collect_digits (const char  *input,
                GString     *digits,
                gboolean    *out_plus,
                GError     **error)
{
  gboolean plus = FALSE;

  for (const char *p = input; *p != '\0'; p++)
    {
      char c = *p;

      if (g_ascii_isdigit (c))
        g_string_append_c (digits, c);
      else if (c == '+' && digits->len == 0 && !plus)
        plus = TRUE;
      else if (is_separator (c))
        continue;
      else if (g_ascii_isalpha (c) || (guchar) c >= 0x80)
        /* Non-ASCII bytes are letters of some script more often than not
         * ("0532 İki…"), and no digit we accept is outside ASCII. */
        return set_invalid (error, "Phone number contains letters");
      else
        return set_invalid (error, "Phone number contains an unexpected character");
    }

  *out_plus = plus;
  return TRUE;
}

/* ---------------------------------------------------------------------- */
/* public API                                                              */
/* ---------------------------------------------------------------------- */

char *
ahi_phone_normalize (const char  *input,
                     const char  *default_country_code,
                     GError     **error)
{
  g_autoptr(GString) digits = g_string_new (NULL);
  g_autoptr(GString) e164 = g_string_new ("+");
  gboolean plus = FALSE;
  const char *national;

  g_return_val_if_fail (input != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (default_country_code == NULL)
    default_country_code = AHI_PHONE_DEFAULT_COUNTRY_CODE;
  g_return_val_if_fail (is_all_digits (default_country_code)
                        && strlen (default_country_code) <= 3
                        && default_country_code[0] != '0', NULL);

  if (!collect_digits (input, digits, &plus, error))
    return NULL;

  if (digits->len == 0)
    {
      set_invalid (error, "Phone number is empty");
      return NULL;
    }

  if (plus)
    {
      /* "+90 …", "+44 …": the country code is already there. */
      g_string_append (e164, digits->str);
    }
  else if (g_str_has_prefix (digits->str, "00"))
    {
      /* "0090 …": the international call prefix stands for "+". */
      g_string_append (e164, digits->str + 2);
    }
  else if (digits->str[0] == '0')
    {
      /* "0532 …": the national trunk prefix, then the national number. */
      g_string_append (e164, default_country_code);
      g_string_append (e164, digits->str + 1);
    }
  else if (strcmp (default_country_code, TURKEY_COUNTRY_CODE) == 0
           && digits->len == strlen (TURKEY_COUNTRY_CODE) + TURKEY_NATIONAL_DIGITS
           && g_str_has_prefix (digits->str, TURKEY_COUNTRY_CODE))
    {
      /* "90 532 123 45 67": the country code without its "+". Only
       * recognisable because Turkish national numbers have a fixed length
       * and never start with 9. */
      g_string_append (e164, digits->str);
    }
  else
    {
      /* "532 123 4567": a national number without the trunk prefix. */
      g_string_append (e164, default_country_code);
      g_string_append (e164, digits->str);
    }

  if (e164->str[1] == '0')
    {
      set_invalid (error, "Phone number has no valid country code");
      return NULL;
    }

  if (g_str_has_prefix (e164->str + 1, TURKEY_COUNTRY_CODE))
    {
      national = e164->str + 1 + strlen (TURKEY_COUNTRY_CODE);

      /* "+90 (0532) …" is common on business cards: the trunk "0" does not
       * belong after the country code, so drop it. */
      if (national[0] == '0' && strlen (national) == TURKEY_NATIONAL_DIGITS + 1)
        g_string_erase (e164, national - e164->str, 1);

      national = e164->str + 1 + strlen (TURKEY_COUNTRY_CODE);
      if (strlen (national) < TURKEY_NATIONAL_DIGITS)
        {
          set_invalid (error, "Turkish phone number is too short: it needs 10 digits after +90");
          return NULL;
        }
      if (strlen (national) > TURKEY_NATIONAL_DIGITS)
        {
          set_invalid (error, "Turkish phone number is too long: it needs 10 digits after +90");
          return NULL;
        }
      if (national[0] == '0')
        {
          set_invalid (error, "Turkish phone number cannot start with 0 after +90");
          return NULL;
        }
    }
  else if (e164->len - 1 < E164_MIN_DIGITS)
    {
      set_invalid (error, "Phone number is too short");
      return NULL;
    }
  else if (e164->len - 1 > E164_MAX_DIGITS)
    {
      set_invalid (error, "Phone number is too long: E.164 allows at most 15 digits");
      return NULL;
    }

  g_assert (ahi_phone_is_e164 (e164->str));
  return g_string_free (g_steal_pointer (&e164), FALSE);
}

gboolean
ahi_phone_is_e164 (const char *text)
{
  gsize n_digits;

  if (text == NULL || text[0] != '+' || !is_all_digits (text + 1))
    return FALSE;

  /* Country codes never start with 0. */
  if (text[1] == '0')
    return FALSE;

  n_digits = strlen (text + 1);

  /* Turkish numbers are held to the same exact length as on input, so
   * that the store never keeps one the normaliser would reject. */
  if (g_str_has_prefix (text + 1, TURKEY_COUNTRY_CODE))
    return n_digits == strlen (TURKEY_COUNTRY_CODE) + TURKEY_NATIONAL_DIGITS
           && text[1 + strlen (TURKEY_COUNTRY_CODE)] != '0';

  return n_digits >= E164_MIN_DIGITS && n_digits <= E164_MAX_DIGITS;
}

char *
ahi_phone_format (const char *e164)
{
  const char *n;

  g_return_val_if_fail (e164 != NULL, NULL);

  if (!ahi_phone_is_e164 (e164) || !g_str_has_prefix (e164 + 1, TURKEY_COUNTRY_CODE))
    return g_strdup (e164);

  /* The Turkish grouping: area or operator code, then 3-2-2. */
  n = e164 + 1 + strlen (TURKEY_COUNTRY_CODE);
  return g_strdup_printf ("+90 %.3s %.3s %.2s %.2s", n, n + 3, n + 6, n + 8);
}
