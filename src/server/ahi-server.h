/* ahi-server.h — ahi-server: listening, routing, authentication, roles
 *
 * One SoupServer on one thread (STACK-NOTES): slow work (password hashes)
 * runs on a worker pool and the request is finished back on the main
 * context. Every route names who may call it (docs/api.md); the check is
 * here, once, before any handler runs.
 */
#pragma once

#include <libsoup/soup.h>

#include "ahi-http.h"
#include "ahi-tenants.h"
#include "core/ahi-password.h"
#include "store/control/ahi-control.h"

G_BEGIN_DECLS

/* Initialises the layers below (ahi_store_module_init). Safe to call
 * more than once. */
void         ahi_server_module_init  (void);

AhiServer   *ahi_server_new          (const char      *data_dir,
                                      AhiPasswordCost  cost,
                                      GError         **error);
void         ahi_server_free         (AhiServer       *self);

/* Serves HTTPS with the PEM certificate (chain) and key of these files;
 * call before ahi_server_listen. */
gboolean     ahi_server_set_tls      (AhiServer       *self,
                                      const char      *cert_file,
                                      const char      *key_file,
                                      GError         **error);
gboolean     ahi_server_get_tls      (AhiServer       *self);

/* A request's head and body must arrive within this many seconds of its
 * first byte, or it is answered 408 and the connection closed (default
 * 60); call before ahi_server_listen. */
void         ahi_server_set_body_timeout (AhiServer   *self,
                                          guint        seconds);

/* Listens on host:port (port 0 picks one); out_port receives it. */
gboolean     ahi_server_listen       (AhiServer       *self,
                                      const char      *host,
                                      guint            port,
                                      guint           *out_port,
                                      GError         **error);

/* Stops accepting, and calls done once the requests in flight are
 * answered. */
void         ahi_server_stop         (AhiServer       *self,
                                      GSourceFunc      done,
                                      gpointer         data);

AhiControl  *ahi_server_get_control  (AhiServer       *self);
AhiTenants  *ahi_server_get_tenants  (AhiServer       *self);
AhiPasswordCost ahi_server_get_password_cost (AhiServer *self);

/* Requests waiting on a worker keep the server from finishing a stop. */
void         ahi_server_hold         (AhiServer       *self);
void         ahi_server_release      (AhiServer       *self);

/* Stops the server's clock at unix_seconds (> 0): every "now" is that
 * second, for tests that compute figures by hand (--fixed-clock). */
void         ahi_server_set_fixed_clock (AhiServer    *self,
                                         gint64        unix_seconds);
/* unix seconds: the real clock, or the fixed one when set. */
gint64       ahi_server_now          (AhiServer       *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AhiServer, ahi_server_free)

G_END_DECLS
