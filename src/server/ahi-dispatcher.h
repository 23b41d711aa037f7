/* ahi-dispatcher.h — sends queued reminders through a message provider
 *
 * On a timer the server walks its tenants, asks the store which queued
 * reminders are due (src/store/ahi-reminder-dispatch.h), hands each
 * sendable one to a provider and records the outcome as reminder.sent,
 * acted by the system. A provider says "sent" (with its reference), a
 * permanent failure (recorded as failed, with the reason) or a transient
 * one (nothing recorded: the reminder stays queued and is tried again on
 * the next tick).
 *
 * The one provider built so far is the local outbox: it writes each
 * message as one line of JSON to DATA_DIR/outbox/<tenant>.jsonl for a
 * person to read, and delivers nothing. WhatsApp and SMS providers come
 * later behind the same interface.
 */
#pragma once

#include <gio/gio.h>

#include "ahi-http.h"
#include "store/ahi-store.h"

G_BEGIN_DECLS

#define AHI_DISPATCH_ERROR (ahi_dispatch_error_quark ())

typedef enum {
  AHI_DISPATCH_ERROR_PERMANENT,   /* this message can never go: recorded as failed */
  AHI_DISPATCH_ERROR_TRANSIENT,   /* try again later: nothing recorded */
} AhiDispatchError;

GQuark ahi_dispatch_error_quark (void);

/* One message as a provider sees it. The strings are borrowed. */
typedef struct {
  const char *tenant_id;
  const char *reminder_id;
  const char *channel;        /* whatsapp | sms | email | call */
  const char *phone;          /* E.164, NULL when the customer has none */
  const char *email;          /* NULL when none */
  const char *text;           /* the message, already written out */
  gint64      at;             /* when it is handed over, unix seconds */
} AhiOutgoingMessage;

/* ------------------------------------------------------------ provider */

#define AHI_TYPE_MESSAGE_PROVIDER (ahi_message_provider_get_type ())
G_DECLARE_INTERFACE (AhiMessageProvider, ahi_message_provider, AHI, MESSAGE_PROVIDER, GObject)

struct _AhiMessageProviderInterface {
  GTypeInterface parent_iface;

  const char *(*get_name) (AhiMessageProvider       *self);
  /* Returns the provider's reference for the message (transfer full), or
   * NULL with an AHI_DISPATCH_ERROR. */
  char       *(*send)     (AhiMessageProvider       *self,
                           const AhiOutgoingMessage *message,
                           GError                  **error);
};

/* The name recorded in reminder.sent's provider field. */
const char *ahi_message_provider_get_name (AhiMessageProvider       *self);
char       *ahi_message_provider_send     (AhiMessageProvider       *self,
                                           const AhiOutgoingMessage *message,
                                           GError                  **error);

/* ------------------------------------------------------ local outbox */

#define AHI_OUTBOX_PROVIDER_NAME "local_outbox"

#define AHI_TYPE_OUTBOX_PROVIDER (ahi_outbox_provider_get_type ())
G_DECLARE_FINAL_TYPE (AhiOutboxProvider, ahi_outbox_provider, AHI, OUTBOX_PROVIDER, GObject)

/* Writes under dir (made on first use, mode 0700; files 0600: they hold
 * phone numbers). */
AhiOutboxProvider *ahi_outbox_provider_new (const char *dir);

/* ---------------------------------------------------------- dispatch */

typedef struct {
  guint sent;
  guint failed;
  guint deferred;    /* transient failures, still queued */
} AhiDispatchCounts;

/* The most reminders one tenant sends in one pass: a long backlog drains
 * over several ticks instead of holding the server's loop. */
#define AHI_DISPATCH_BATCH 200

/* One pass over one tenant's store at now. Counts are added to out. An
 * error is the store's (SQLite): what was recorded before it stays. */
gboolean    ahi_dispatch_store            (AhiMessageProvider *provider,
                                           AhiStore           *store,
                                           gint64              now,
                                           AhiDispatchCounts  *out,
                                           GError            **error);

/* The message text of a due reminder: a short Turkish text per purpose
 * with the customer's first name and the business's name (appointment
 * times in the business's zone). */
char       *ahi_dispatch_message_text     (const char         *purpose,
                                           const char         *full_name,
                                           const char         *business_name,
                                           gint64              appointment_at,
                                           GTimeZone          *zone);

/* ------------------------------------------------------------- timer */

typedef struct _AhiDispatcher AhiDispatcher;

/* Every interval seconds (> 0) a pass over every tenant of the server's
 * data dir, on the default main context. */
AhiDispatcher *ahi_dispatcher_new  (AhiServer          *server,
                                    const char         *data_dir,
                                    AhiMessageProvider *provider,
                                    guint               interval);
/* One pass now, over every tenant. */
void           ahi_dispatcher_run  (AhiDispatcher      *self);
void           ahi_dispatcher_free (AhiDispatcher      *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AhiDispatcher, ahi_dispatcher_free)

G_END_DECLS
