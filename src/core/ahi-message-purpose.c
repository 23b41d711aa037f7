/* ahi-message-purpose.c — the reminder purposes and which are commercial
 *
 * The reasons behind each row are in docs/retention.md. In short: win-back,
 * rebook nudges and unasked slot offers ask for a new purchase; review
 * requests ask the customer to promote the business and no exemption is
 * confirmed for them, so they are commercial too (the side that cannot
 * earn an İYS fine). Reminders, confirmations, treatment continuity,
 * maintenance recalls and a call back after a low rating concern a
 * service already supplied or under way.
 */
#include "ahi-message-purpose.h"

#include <string.h>

/* ------------------------------------------------------------- tables */

static const AhiMessagePurpose purposes[] = {
  { "appointment_reminder",     AHI_MESSAGE_KIND_SERVICE },
  { "appointment_confirmation", AHI_MESSAGE_KIND_SERVICE },
  { "reactivation",             AHI_MESSAGE_KIND_COMMERCIAL },
  { "rebook",                   AHI_MESSAGE_KIND_COMMERCIAL },
  { "review_request",           AHI_MESSAGE_KIND_COMMERCIAL },
  { "recovery",                 AHI_MESSAGE_KIND_SERVICE },
  { "treatment_continuity",     AHI_MESSAGE_KIND_SERVICE },
  { "maintenance_recall",       AHI_MESSAGE_KIND_SERVICE },
  { "slot_offer",               AHI_MESSAGE_KIND_COMMERCIAL },
};

static const char * const kind_names[] = { "service", "commercial" };

/* --------------------------------------------------------- public API */

const AhiMessagePurpose *
ahi_message_purpose_list (guint *n_purposes)
{
  if (n_purposes != NULL)
    *n_purposes = G_N_ELEMENTS (purposes);
  return purposes;
}

const AhiMessagePurpose *
ahi_message_purpose_lookup (const char *purpose)
{
  g_return_val_if_fail (purpose != NULL, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (purposes); i++)
    if (strcmp (purposes[i].purpose, purpose) == 0)
      return &purposes[i];
  return NULL;
}

gboolean
ahi_message_purpose_is_commercial (const char *purpose)
{
  const AhiMessagePurpose *found;

  g_return_val_if_fail (purpose != NULL, TRUE);

  found = ahi_message_purpose_lookup (purpose);
  return found == NULL || found->kind == AHI_MESSAGE_KIND_COMMERCIAL;
}

const char *
ahi_message_kind_to_string (AhiMessageKind kind)
{
  g_return_val_if_fail ((guint) kind < G_N_ELEMENTS (kind_names), NULL);

  return kind_names[kind];
}
