/* ahi-context-private.h — what ahi-context.c and ahi-context-backup.c share
 *
 * The context's state is split over two files along its two ideas (the
 * business and who is at the desk; copies of the business), which both
 * need the connections and their locks.
 */
#pragma once

#include "ahi-context.h"

G_BEGIN_DECLS

struct _AhiContext
{
  GObject        parent_instance;

  AhiStore      *store;          /* the main thread's connection; NULL while closed */
  char          *path;           /* the business's database file */
  AhiBlueprint  *blueprint;
  AhiDeskStatus *status;
  gint64         fixed_now;
  char          *actor_id;
  char          *actor_role;
  char          *actor_name;

  /* The worker's own connection (SQLite: one connection per thread),
   * opened on first use; the mutex lets one job at a time use it. */
  GMutex         worker_lock;
  AhiStore      *worker_store;
  /* Backups open connections of their own; a restore must wait for them
   * (a connection left open makes it refuse), so they hold this. */
  GMutex         backup_lock;
  /* Set (atomically) while a restore has the business closed: the worker
   * opens no connection then. */
  gint           closed;
  /* Appends made through the main connection (atomic), and how many of
   * them the worker's connection has seen: see _ahi_context_worker_store. */
};

/* The worker's connection; call with worker_lock held. G_IO_ERROR_CLOSED
 * while the business is closed for a restore. Both connections append
 * this device's events: the store numbers them inside its write
 * transaction, so neither reuses the other's numbers. */
AhiStore *_ahi_context_worker_store   (AhiContext  *self,
                                       GError     **error);
/* Reads the status and blueprint on the main connection. */
gboolean  _ahi_context_read_business  (AhiContext  *self,
                                       GError     **error);
void      _ahi_context_emit_changed   (AhiContext  *self);

G_END_DECLS
