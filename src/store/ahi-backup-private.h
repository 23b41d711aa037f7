/* ahi-backup-private.h — what ahi-backup-async.c shares with ahi-backup.c */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* ahi_backup_write and ahi_backup_auto from the live database's path:
 * thread-safe, they open their own connections. */
gboolean _ahi_backup_write_from (const char  *live_path,
                                 const char  *dest_path,
                                 GError     **error);
gboolean _ahi_backup_auto_from  (const char  *live_path,
                                 const char  *dir,
                                 guint        keep,
                                 gint64       now,
                                 char       **out_path,
                                 GError     **error);

G_END_DECLS
