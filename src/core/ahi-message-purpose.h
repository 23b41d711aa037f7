/* ahi-message-purpose.h — why a message to a customer is sent, and
 * whether the law calls it commercial
 *
 * Law 6563 and İYS: a commercial electronic message (one that promotes
 * the business or asks for a new purchase) needs the recipient's
 * marketing consent on its channel, registered in İYS; a service message
 * about a visit or a treatment already supplied or under way does not.
 * This is the one table of the reminder purposes of the event catalogue
 * and their kind, shared by the retention engine, the dispatcher and the
 * messaging work. docs/retention.md ("Commercial or service message")
 * gives the reason for each.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum {
  AHI_MESSAGE_KIND_SERVICE,     /* transactional: no marketing consent, no contact cap */
  AHI_MESSAGE_KIND_COMMERCIAL,  /* İYS: marketing consent on the channel; counts against the contact cap */
} AhiMessageKind;

typedef struct {
  const char     *purpose;      /* "reactivation": a reminder's purpose */
  AhiMessageKind  kind;
} AhiMessagePurpose;

/* Every purpose, in the event catalogue's order (reminder.created's
 * purpose enum; tests/core/test-message-purpose.c checks they agree). */
const AhiMessagePurpose *ahi_message_purpose_list          (guint       *n_purposes);
/* NULL for a purpose the table does not know. */
const AhiMessagePurpose *ahi_message_purpose_lookup        (const char  *purpose);
/* TRUE for a commercial purpose, and for one the table does not know:
 * asking for consent that was not needed costs reach, sending without it
 * risks a fine. */
gboolean                 ahi_message_purpose_is_commercial (const char  *purpose);
/* "service" or "commercial". */
const char              *ahi_message_kind_to_string        (AhiMessageKind kind);

G_END_DECLS
