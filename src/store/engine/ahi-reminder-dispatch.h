/* ahi-reminder-dispatch.h — which queued reminders are due, and the
 * record of what became of each
 *
 * The dispatcher (src/server/ahi-dispatcher.c) asks for the reminders
 * that are queued and due, hands the sendable ones to a provider and
 * records every outcome as a reminder.sent event (result sent or failed)
 * through the store's one write path. What the data alone decides is
 * decided here: an erased customer, a commercial message whose marketing
 * consent was withdrawn since it was queued, a reminder about an
 * appointment that was cancelled — those fail with a reason and reach no
 * provider.
 */
#pragma once

#include "store/ahi-db.h"
#include "store/ahi-store.h"

G_BEGIN_DECLS

/* Why a due reminder is not sent; also the text of its failure. */
#define AHI_DISPATCH_REFUSED_ERASED       "customer_erased"
#define AHI_DISPATCH_REFUSED_NO_CONSENT   "no_marketing_consent"
#define AHI_DISPATCH_REFUSED_CANCELLED    "appointment_cancelled"

typedef struct {
  char        *reminder_id;
  char        *customer_id;
  char        *channel;            /* whatsapp | sms | email | call */
  char        *purpose;
  char        *template_id;
  gint64       due_at;
  char        *appointment_id;     /* NULL when none */
  gint64       appointment_at;     /* its start, 0 when none */
  char        *full_name;          /* personal data: NULL once erased */
  char        *phone;              /* E.164 or NULL */
  char        *email;              /* or NULL */
  char        *business_name;
  const char  *refused;            /* static: an AHI_DISPATCH_REFUSED_*, NULL when sendable */
} AhiDueReminder;

void       ahi_due_reminder_free        (AhiDueReminder  *reminder);

/* The queued reminders whose due_at is at or before now
 * (AhiDueReminder*), oldest due first, at most limit. */
GPtrArray *ahi_reminder_dispatch_due    (AhiDb           *db,
                                         gint64           now,
                                         guint            limit,
                                         GError         **error);

/* The actor of the events the server writes on its own: a user id
 * derived from the tenant id (UUIDv5 of "system"), role "system". */
char      *ahi_reminder_dispatch_system_user (const char *tenant_id);

/* Appends reminder.sent for a reminder: result "sent" with the provider's
 * reference, or "failed" with the failure (at most 200 characters, no
 * personal data). Acted by the system at now. A reminder that is not
 * queued any more is INVALID_STATE and nothing is written, so a result is
 * never recorded twice. */
gboolean   ahi_reminder_dispatch_record (AhiStore        *store,
                                         const char      *reminder_id,
                                         gboolean         sent,
                                         const char      *provider,
                                         const char      *provider_ref,
                                         const char      *failure,
                                         gint64           now,
                                         GError         **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AhiDueReminder, ahi_due_reminder_free)

G_END_DECLS
