/* ahi-id.c — UUIDv7 and UUIDv5 identifiers
 *
 * Layouts follow RFC 9562 (v7) and RFC 4122 (v5). Ids are always written
 * in the canonical lower-case 8-4-4-4-12 form, and only that form is
 * accepted back, so that two spellings of one id never reach the store.
 */
#include "ahi-id.h"

#include <string.h>
#include <sodium.h>

/* ---------------------------------------------------------------------- */
/* helpers                                                                 */
/* ---------------------------------------------------------------------- */

static const char hex_digits[] = "0123456789abcdef";

static char *
format_uuid (const guint8 bytes[16])
{
  char *out = g_malloc (AHI_ID_LENGTH + 1);
  char *p = out;

  for (guint i = 0; i < 16; i++)
    {
      /* Dashes sit before bytes 4, 6, 8 and 10: 8-4-4-4-12. */
      if (i == 4 || i == 6 || i == 8 || i == 10)
        *p++ = '-';
      *p++ = hex_digits[bytes[i] >> 4];
      *p++ = hex_digits[bytes[i] & 0x0f];
    }
  *p = '\0';

  return out;
}

static int
lower_hex_value (char c)
{
  if (c >= '0' && c <= '9')
    return c - '0';
  if (c >= 'a' && c <= 'f')
    return c - 'a' + 10;
  return -1;
}

/* Parses a canonical id into its 16 bytes; FALSE for anything else. */
static gboolean
parse_uuid (const char *id,
            guint8      bytes[16])
{
  guint n = 0;

  for (guint i = 0; i < AHI_ID_LENGTH; i++)
    {
      if (i == 8 || i == 13 || i == 18 || i == 23)
        {
          if (id[i] != '-')
            return FALSE;
          continue;
        }

      int hi = lower_hex_value (id[i]);
      if (hi < 0)
        return FALSE;
      i++;
      int lo = lower_hex_value (id[i]);
      if (lo < 0)
        return FALSE;

      bytes[n++] = (guint8) ((hi << 4) | lo);
    }

  g_assert (n == 16);
  return id[AHI_ID_LENGTH] == '\0';
}

/* ---------------------------------------------------------------------- */
/* public API                                                              */
/* ---------------------------------------------------------------------- */

char *
ahi_id_new_v7_at (gint64 unix_ms)
{
  guint8 bytes[16];

  /* The timestamp field is 48 bits: years 1970 to 10889. */
  g_return_val_if_fail (unix_ms >= 0 && unix_ms < ((gint64) 1 << 48), NULL);

  /* Cryptographic randomness for the 74 non-time bits: ids are visible to
   * clients and must not be guessable from their neighbours. */
  randombytes_buf (bytes + 6, sizeof bytes - 6);

  for (guint i = 0; i < 6; i++)
    bytes[i] = (guint8) (unix_ms >> (8 * (5 - i)));

  bytes[6] = (bytes[6] & 0x0f) | 0x70;   /* version 7 */
  bytes[8] = (bytes[8] & 0x3f) | 0x80;   /* variant 10 */

  return format_uuid (bytes);
}

char *
ahi_id_new (void)
{
  return ahi_id_new_v7_at (g_get_real_time () / 1000);
}

char *
ahi_id_derive (const char *namespace_id,
               const char *name)
{
  guint8 ns[16];
  guint8 digest[20];
  gsize digest_len = sizeof digest;
  g_autoptr(GChecksum) sha1 = NULL;

  g_return_val_if_fail (namespace_id != NULL, NULL);
  g_return_val_if_fail (name != NULL, NULL);
  g_return_val_if_fail (parse_uuid (namespace_id, ns), NULL);

  /* RFC 4122 §4.3: SHA-1 over the namespace's bytes in network order
   * followed by the name, then the first 16 bytes with version and
   * variant stamped in. */
  sha1 = g_checksum_new (G_CHECKSUM_SHA1);
  g_checksum_update (sha1, ns, sizeof ns);
  g_checksum_update (sha1, (const guchar *) name, (gssize) strlen (name));
  g_checksum_get_digest (sha1, digest, &digest_len);
  g_assert (digest_len == sizeof digest);

  digest[6] = (digest[6] & 0x0f) | 0x50;   /* version 5 */
  digest[8] = (digest[8] & 0x3f) | 0x80;   /* variant 10 */

  return format_uuid (digest);
}

gboolean
ahi_id_is_valid (const char *id)
{
  guint8 bytes[16];

  if (id == NULL)
    return FALSE;

  /* parse_uuid reads at most AHI_ID_LENGTH + 1 bytes, but a shorter
   * string must not be read past its terminator. */
  if (strnlen (id, AHI_ID_LENGTH + 1) != AHI_ID_LENGTH)
    return FALSE;

  return parse_uuid (id, bytes);
}
