/* test-phone.c — normalising front-desk input to E.164 */
#include <string.h>

#include "core/ahi-core.h"
#include "core/ahi-core-error.h"
#include "core/ahi-phone.h"

static void
assert_normalizes (const char *input,
                   const char *default_country_code,
                   const char *expected)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *e164 = ahi_phone_normalize (input, default_country_code, &error);

  if (error != NULL)
    g_error ("\"%s\" rejected: %s", input, error->message);
  g_assert_cmpstr (e164, ==, expected);
  g_assert_true (ahi_phone_is_e164 (e164));
}

static void
assert_rejected (const char *input,
                 const char *message_part)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *e164 = ahi_phone_normalize (input, NULL, &error);

  if (e164 != NULL)
    g_error ("\"%s\" accepted as %s", input, e164);
  g_assert_error (error, AHI_CORE_ERROR, AHI_CORE_ERROR_INVALID_VALUE);
  /* The message names the problem, so that a log line is enough. */
  if (strstr (error->message, message_part) == NULL)
    g_error ("\"%s\": message \"%s\" does not say \"%s\"",
             input, error->message, message_part);
}

static void
test_normalize_turkish (void)
{
  const char *inputs[] = {
    "0532 123 45 67",
    "05321234567",
    "532 123 4567",
    "532-123-4567",
    "(0532) 123 45 67",
    "0532.123.45.67",
    "+90 (532) 123-45-67",
    "+90 532 123 45 67",
    "+905321234567",
    "0090 532 1234567",
    "90 532 123 45 67",
    "+90 (0532) 123 45 67",   /* trunk 0 after the country code */
    "  0532 123 45 67  ",
  };

  for (gsize i = 0; i < G_N_ELEMENTS (inputs); i++)
    assert_normalizes (inputs[i], NULL, "+905321234567");

  /* Istanbul landline; the default country spelled out. */
  assert_normalizes ("0212 345 67 89", "90", "+902123456789");
  assert_normalizes ("(212) 345 67 89", AHI_PHONE_DEFAULT_COUNTRY_CODE, "+902123456789");
}

static void
test_normalize_foreign (void)
{
  /* Other countries keep their code. */
  assert_normalizes ("+44 20 7946 0958", NULL, "+442079460958");
  assert_normalizes ("0044 20 7946 0958", NULL, "+442079460958");
  assert_normalizes ("+1 (202) 555-0143", NULL, "+12025550143");
  assert_normalizes ("+49 30 1234567", NULL, "+49301234567");
  /* A tenant whose default country is not Turkey. */
  assert_normalizes ("020 7946 0958", "44", "+442079460958");
  assert_normalizes ("+90 532 123 45 67", "44", "+905321234567");
}

static void
test_reject (void)
{
  assert_rejected ("", "empty");
  assert_rejected ("   ", "empty");
  assert_rejected ("() -", "empty");
  assert_rejected ("0532 ABC 45 67", "letters");
  assert_rejected ("0532 123 45 6a", "letters");
  assert_rejected ("Ahmet", "letters");
  assert_rejected ("0532 İki", "letters");
  assert_rejected ("0532 123 45 6", "too short");      /* 9 national digits */
  assert_rejected ("532 123 45 6", "too short");
  assert_rejected ("+90 532 123 45 6", "too short");
  assert_rejected ("0532 123 45 678", "too long");     /* 11 national digits */
  assert_rejected ("+90 532 123 45 678", "too long");
  assert_rejected ("+90 0532 123 45 678", "too long");
  assert_rejected ("+44 1234 5678 9012 34", "too long"); /* 16 digits */
  assert_rejected ("+12 345", "too short");
  assert_rejected ("++90 532 123 45 67", "unexpected character");
  assert_rejected ("0532+123 45 67", "unexpected character");
  assert_rejected ("#0532 123 45 67", "unexpected character");
  assert_rejected ("0532_123_45_67", "unexpected character");
  assert_rejected ("+0 532 123 45 67", "country code");
  assert_rejected ("000 532 123 45 67", "country code");
}

static void
test_is_e164 (void)
{
  const char *valid[] = {
    "+905321234567", "+902123456789", "+442079460958", "+12025550143",
    "+123456789012345",   /* 15 digits, the most E.164 allows */
  };
  const char *invalid[] = {
    "", "+", "905321234567", "05321234567", "+90532123456", "+9053212345678",
    "+900321234567",      /* Turkish national numbers do not start with 0 */
    "+90 532 123 45 67", "+90-532-123-45-67", "+1234567890123456",
    "+0442079460958", "+44207946095a", "+44 20", "++442079460958",
  };

  for (gsize i = 0; i < G_N_ELEMENTS (valid); i++)
    g_assert_true (ahi_phone_is_e164 (valid[i]));
  for (gsize i = 0; i < G_N_ELEMENTS (invalid); i++)
    {
      if (ahi_phone_is_e164 (invalid[i]))
        g_error ("\"%s\" taken as E.164", invalid[i]);
    }
  g_assert_false (ahi_phone_is_e164 (NULL));
}

static void
test_format (void)
{
  g_autofree char *mobile = ahi_phone_format ("+905321234567");
  g_autofree char *landline = ahi_phone_format ("+902123456789");
  g_autofree char *uk = ahi_phone_format ("+442079460958");
  g_autoptr(GError) error = NULL;
  g_autofree char *back = NULL;

  g_assert_cmpstr (mobile, ==, "+90 532 123 45 67");
  g_assert_cmpstr (landline, ==, "+90 212 345 67 89");
  g_assert_cmpstr (uk, ==, "+442079460958");

  /* What we show can be typed back in. */
  back = ahi_phone_normalize (mobile, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (back, ==, "+905321234567");
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  ahi_core_init ();

  g_test_add_func ("/core/phone/normalize-turkish", test_normalize_turkish);
  g_test_add_func ("/core/phone/normalize-foreign", test_normalize_foreign);
  g_test_add_func ("/core/phone/reject", test_reject);
  g_test_add_func ("/core/phone/is-e164", test_is_e164);
  g_test_add_func ("/core/phone/format", test_format);

  return g_test_run ();
}
