/* ahi-dispatcher.c — sends queued reminders through a message provider */
#include "ahi-dispatcher.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <unistd.h>

#include "ahi-server.h"
#include "core/ahi-id.h"
#include "core/ahi-json-strict.h"
#include "core/ahi-time.h"
#include "store/engine/ahi-reminder-dispatch.h"
#include "store/ahi-tenant.h"

G_DEFINE_QUARK (ahi-dispatch-error-quark, ahi_dispatch_error)

/* ------------------------------------------------------------ provider */

G_DEFINE_INTERFACE (AhiMessageProvider, ahi_message_provider, G_TYPE_OBJECT)

static void
ahi_message_provider_default_init (AhiMessageProviderInterface *iface)
{
}

const char *
ahi_message_provider_get_name (AhiMessageProvider *self)
{
  g_return_val_if_fail (AHI_IS_MESSAGE_PROVIDER (self), NULL);
  return AHI_MESSAGE_PROVIDER_GET_IFACE (self)->get_name (self);
}

char *
ahi_message_provider_send (AhiMessageProvider       *self,
                           const AhiOutgoingMessage *message,
                           GError                  **error)
{
  g_return_val_if_fail (AHI_IS_MESSAGE_PROVIDER (self), NULL);
  g_return_val_if_fail (message != NULL, NULL);
  return AHI_MESSAGE_PROVIDER_GET_IFACE (self)->send (self, message, error);
}

/* ------------------------------------------------------- local outbox */

struct _AhiOutboxProvider {
  GObject  parent_instance;
  char    *dir;
};

static void ahi_outbox_provider_iface_init (AhiMessageProviderInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (AhiOutboxProvider, ahi_outbox_provider, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (AHI_TYPE_MESSAGE_PROVIDER, ahi_outbox_provider_iface_init))

static const char *
outbox_get_name (AhiMessageProvider *provider)
{
  return AHI_OUTBOX_PROVIDER_NAME;
}

/* Appends one line with one write(2) on an O_APPEND descriptor, so a
 * reader never sees half a line from us. */
static gboolean
append_line (const char  *path,
             const char  *line,
             GError     **error)
{
  gsize length = strlen (line);
  gssize written;
  int fd = g_open (path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600);

  if (fd < 0)
    {
      int saved = errno;
      g_set_error (error, AHI_DISPATCH_ERROR, AHI_DISPATCH_ERROR_TRANSIENT,
                   "Cannot open the outbox: %s", g_strerror (saved));
      return FALSE;
    }
  do
    written = write (fd, line, length);
  while (written < 0 && errno == EINTR);
  if (written != (gssize) length)
    {
      int saved = errno;
      close (fd);
      g_set_error (error, AHI_DISPATCH_ERROR, AHI_DISPATCH_ERROR_TRANSIENT,
                   "Cannot write the outbox: %s", written < 0 ? g_strerror (saved) : "short write");
      return FALSE;
    }
  if (close (fd) != 0)
    {
      g_set_error (error, AHI_DISPATCH_ERROR, AHI_DISPATCH_ERROR_TRANSIENT, "Cannot close the outbox");
      return FALSE;
    }
  return TRUE;
}

static char *
outbox_send (AhiMessageProvider       *provider,
             const AhiOutgoingMessage *message,
             GError                  **error)
{
  AhiOutboxProvider *self = AHI_OUTBOX_PROVIDER (provider);
  gboolean by_email = g_str_equal (message->channel, "email");
  g_autoptr(JsonObject) object = json_object_new ();
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *message_id = ahi_id_new_v7_at (message->at * 1000);
  g_autofree char *at = ahi_time_format_utc (message->at);
  g_autofree char *name = g_strconcat (message->tenant_id, ".jsonl", NULL);
  g_autofree char *path = g_build_filename (self->dir, name, NULL);
  g_autofree char *json = NULL;
  g_autofree char *line = NULL;

  /* A message nobody can receive is a permanent failure: sending it
   * again tomorrow finds no address either. The reasons are codes, never
   * the data itself. */
  if (by_email && message->email == NULL)
    {
      g_set_error_literal (error, AHI_DISPATCH_ERROR, AHI_DISPATCH_ERROR_PERMANENT, "no_email");
      return NULL;
    }
  if (!by_email && message->phone == NULL)
    {
      g_set_error_literal (error, AHI_DISPATCH_ERROR, AHI_DISPATCH_ERROR_PERMANENT, "no_phone");
      return NULL;
    }
  if (!ahi_id_is_valid (message->tenant_id))
    {
      g_set_error_literal (error, AHI_DISPATCH_ERROR, AHI_DISPATCH_ERROR_PERMANENT, "bad_tenant");
      return NULL;
    }
  if (g_mkdir_with_parents (self->dir, 0700) != 0)
    {
      int saved = errno;
      g_set_error (error, AHI_DISPATCH_ERROR, AHI_DISPATCH_ERROR_TRANSIENT,
                   "Cannot create the outbox folder: %s", g_strerror (saved));
      return NULL;
    }

  json_object_set_string_member (object, "message_id", message_id);
  json_object_set_string_member (object, "reminder_id", message->reminder_id);
  json_object_set_string_member (object, "channel", message->channel);
  if (by_email)
    json_object_set_string_member (object, "email", message->email);
  else
    json_object_set_string_member (object, "phone", message->phone);
  json_object_set_string_member (object, "text", message->text);
  json_object_set_string_member (object, "at", at);
  node = json_node_init_object (json_node_alloc (), object);
  json = ahi_json_strict_to_string (node);
  line = g_strconcat (json, "\n", NULL);
  if (!append_line (path, line, error))
    return NULL;
  return g_steal_pointer (&message_id);
}

static void
ahi_outbox_provider_iface_init (AhiMessageProviderInterface *iface)
{
  iface->get_name = outbox_get_name;
  iface->send = outbox_send;
}

static void
ahi_outbox_provider_finalize (GObject *object)
{
  AhiOutboxProvider *self = AHI_OUTBOX_PROVIDER (object);

  g_free (self->dir);
  G_OBJECT_CLASS (ahi_outbox_provider_parent_class)->finalize (object);
}

static void
ahi_outbox_provider_class_init (AhiOutboxProviderClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = ahi_outbox_provider_finalize;
}

static void
ahi_outbox_provider_init (AhiOutboxProvider *self)
{
}

AhiOutboxProvider *
ahi_outbox_provider_new (const char *dir)
{
  AhiOutboxProvider *self;

  g_return_val_if_fail (dir != NULL, NULL);
  self = g_object_new (AHI_TYPE_OUTBOX_PROVIDER, NULL);
  self->dir = g_strdup (dir);
  return self;
}

/* ------------------------------------------------------------ messages */

char *
ahi_dispatch_message_text (const char *purpose,
                           const char *full_name,
                           const char *business_name,
                           gint64      appointment_at,
                           GTimeZone  *zone)
{
  g_autofree char *first = NULL;
  const char *space;

  /* The customer is greeted by the first word of their name. */
  space = full_name != NULL ? strchr (full_name, ' ') : NULL;
  first = full_name == NULL ? g_strdup ("")
        : space != NULL ? g_strndup (full_name, space - full_name) : g_strdup (full_name);

  if ((g_str_equal (purpose, "appointment_reminder") || g_str_equal (purpose, "appointment_confirmation")) &&
      appointment_at > 0)
    {
      g_autofree char *date = ahi_time_format_date (zone, appointment_at, "tr");
      g_autofree char *clock = ahi_time_format_clock (zone, appointment_at);
      return g_strdup_printf ("Merhaba %s, randevunuz %s saat %s. Görüşmek üzere! — %s",
                              first, date, clock, business_name);
    }
  if (g_str_equal (purpose, "appointment_reminder") || g_str_equal (purpose, "appointment_confirmation"))
    return g_strdup_printf ("Merhaba %s, randevunuzu hatırlatırız. — %s", first, business_name);
  if (g_str_equal (purpose, "reactivation"))
    return g_strdup_printf ("Merhaba %s, sizi özledik! Yeni bir randevu için bu mesaja yanıt verebilirsiniz. — %s",
                            first, business_name);
  if (g_str_equal (purpose, "rebook"))
    return g_strdup_printf ("Merhaba %s, bir sonraki randevunuzun zamanı geldi. Yanıt verin, yerinizi ayıralım. — %s",
                            first, business_name);
  if (g_str_equal (purpose, "review_request"))
    return g_strdup_printf ("Merhaba %s, bizi tercih ettiğiniz için teşekkürler. Deneyiminizi puanlar mısınız? — %s",
                            first, business_name);
  if (g_str_equal (purpose, "recovery"))
    return g_strdup_printf ("Merhaba %s, yaşadığınız sorun için üzgünüz; sizi arayıp dinlemek isteriz. — %s",
                            first, business_name);
  if (g_str_equal (purpose, "treatment_continuity"))
    return g_strdup_printf ("Merhaba %s, tedavinizin bir sonraki adımı için randevu almanızı rica ederiz. — %s",
                            first, business_name);
  if (g_str_equal (purpose, "maintenance_recall"))
    return g_strdup_printf ("Merhaba %s, aracınızın bakım zamanı yaklaştı. Randevu için yanıt verebilirsiniz. — %s",
                            first, business_name);
  if (g_str_equal (purpose, "slot_offer"))
    return g_strdup_printf ("Merhaba %s, yakın bir saatte yer açıldı. İsterseniz sizin için ayıralım. — %s",
                            first, business_name);
  return g_strdup_printf ("Merhaba %s. — %s", first, business_name);
}

/* ------------------------------------------------------------ dispatch */

gboolean
ahi_dispatch_store (AhiMessageProvider *provider,
                    AhiStore           *store,
                    gint64              now,
                    AhiDispatchCounts  *out,
                    GError            **error)
{
  AhiDb *db = ahi_store_get_db (store);
  const char *provider_name = ahi_message_provider_get_name (provider);
  g_autoptr(GPtrArray) due = NULL;
  g_autoptr(GTimeZone) zone = NULL;

  g_return_val_if_fail (out != NULL, FALSE);

  /* A store without its business yet has nothing to send. */
  if (ahi_store_get_tenant_id (store) == NULL)
    return TRUE;
  due = ahi_reminder_dispatch_due (db, now, AHI_DISPATCH_BATCH, error);
  if (due == NULL)
    return FALSE;
  zone = ahi_tenant_timezone (db);

  for (guint i = 0; i < due->len; i++)
    {
      AhiDueReminder *reminder = g_ptr_array_index (due, i);
      g_autoptr(GError) send_error = NULL;
      g_autofree char *text = NULL;
      g_autofree char *ref = NULL;
      gboolean recorded;

      if (reminder->refused != NULL)
        {
          recorded = ahi_reminder_dispatch_record (store, reminder->reminder_id, FALSE, provider_name, NULL,
                                                   reminder->refused, now, error);
          if (!recorded)
            return FALSE;
          out->failed++;
          continue;
        }

      text = ahi_dispatch_message_text (reminder->purpose, reminder->full_name, reminder->business_name,
                                        reminder->appointment_at, zone);
      {
        AhiOutgoingMessage message = {
          .tenant_id = ahi_store_get_tenant_id (store),
          .reminder_id = reminder->reminder_id,
          .channel = reminder->channel,
          .phone = reminder->phone,
          .email = reminder->email,
          .text = text,
          .at = now,
        };
        ref = ahi_message_provider_send (provider, &message, &send_error);
      }

      if (ref != NULL)
        {
          if (!ahi_reminder_dispatch_record (store, reminder->reminder_id, TRUE, provider_name, ref, NULL, now, error))
            return FALSE;
          out->sent++;
        }
      else if (g_error_matches (send_error, AHI_DISPATCH_ERROR, AHI_DISPATCH_ERROR_PERMANENT))
        {
          if (!ahi_reminder_dispatch_record (store, reminder->reminder_id, FALSE, provider_name, NULL,
                                             send_error->message, now, error))
            return FALSE;
          out->failed++;
        }
      else
        /* Transient (the outbox disk, a provider outage): it stays queued
         * and the next tick tries again. */
        out->deferred++;
    }
  return TRUE;
}

/* --------------------------------------------------------------- timer */

struct _AhiDispatcher {
  AhiServer          *server;
  char               *tenants_dir;
  AhiMessageProvider *provider;
  guint               source;
};

/* Every tenant of the data dir, not only those open: a reminder falls
 * due whether or not anybody used the business since the restart. The
 * store is taken through the server's LRU, so the descriptors stay
 * bounded. */
void
ahi_dispatcher_run (AhiDispatcher *self)
{
  g_autoptr(GDir) dir = g_dir_open (self->tenants_dir, 0, NULL);
  gint64 now = ahi_server_now (self->server);
  const char *entry;

  if (dir == NULL)
    return;
  while ((entry = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *tenant_id = NULL;
      g_autoptr(GError) error = NULL;
      AhiDispatchCounts counts = { 0 };
      AhiStore *store;

      if (!g_str_has_suffix (entry, ".db"))
        continue;
      tenant_id = g_strndup (entry, strlen (entry) - strlen (".db"));
      if (!ahi_id_is_valid (tenant_id))
        continue;

      store = ahi_tenants_get (ahi_server_get_tenants (self->server), tenant_id, FALSE, &error);
      if (store == NULL || !ahi_dispatch_store (self->provider, store, now, &counts, &error))
        /* Store and provider errors name files and codes, never a
         * customer. */
        g_printerr ("ahi-server: dispatch tenant=%s failed: %s\n", tenant_id, error->message);
      if (counts.sent + counts.failed + counts.deferred > 0)
        g_printerr ("ahi-server: dispatch tenant=%s sent=%u failed=%u deferred=%u\n",
                    tenant_id, counts.sent, counts.failed, counts.deferred);
    }
}

static gboolean
on_tick_cb (gpointer data)
{
  ahi_dispatcher_run (data);
  return G_SOURCE_CONTINUE;
}

AhiDispatcher *
ahi_dispatcher_new (AhiServer          *server,
                    const char         *data_dir,
                    AhiMessageProvider *provider,
                    guint               interval)
{
  AhiDispatcher *self;

  g_return_val_if_fail (server != NULL && data_dir != NULL, NULL);
  g_return_val_if_fail (AHI_IS_MESSAGE_PROVIDER (provider), NULL);
  g_return_val_if_fail (interval > 0, NULL);

  self = g_new0 (AhiDispatcher, 1);
  self->server = server;
  self->tenants_dir = g_build_filename (data_dir, "tenants", NULL);
  self->provider = g_object_ref (provider);
  self->source = g_timeout_add_seconds (interval, on_tick_cb, self);
  return self;
}

void
ahi_dispatcher_free (AhiDispatcher *self)
{
  if (self == NULL)
    return;
  g_clear_handle_id (&self->source, g_source_remove);
  g_clear_object (&self->provider);
  g_free (self->tenants_dir);
  g_free (self);
}
