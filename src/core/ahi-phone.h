/* ahi-phone.h — phone numbers in E.164
 *
 * What the front desk types ("0532 123 45 67", "532-123-4567",
 * "+90 (532) 123 45 67", "0090532…") is stored as "+905321234567".
 * National numbers without a country code take the tenant's default
 * (+90). Shown grouped: "+90 532 123 45 67".
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define AHI_PHONE_DEFAULT_COUNTRY_CODE "90"

/* E.164 text, or NULL with AHI_CORE_ERROR_INVALID_VALUE. */
char     *ahi_phone_normalize (const char  *input,
                               const char  *default_country_code,
                               GError     **error);
gboolean  ahi_phone_is_e164   (const char  *text);
/* "+90 532 123 45 67" for Turkish numbers; other countries as stored. */
char     *ahi_phone_format    (const char  *e164);

G_END_DECLS
