/* ahi-health-audit.h — the record of who read a patient's health notes
 *
 * In healthcare mode (dental and esthetic clinics) health notes are
 * special-category data: whoever serves them (the server's answers, pull
 * pages, bootstrap copies) records here who read whose notes, when, and
 * through which channel. The record is append-only (sql/005).
 */
#pragma once

#include "store/ahi-db.h"

G_BEGIN_DECLS

typedef struct {
  gint64  read_at;
  char   *user_id;
  char   *role;
  char   *customer_id;
  char   *channel;
} AhiHealthRead;

void       ahi_health_read_free        (AhiHealthRead *read);

/* Whether the business runs in healthcare mode (its compliance profile;
 * TRUE when it cannot be read: the safe side). */
gboolean   ahi_health_audit_enabled    (AhiDb         *db);

/* Who reads health notes: in healthcare mode (dental and esthetic
 * clinics) they are special-category data (KVKK md. 6) that the owner and
 * managers read and the front-desk staff do not; elsewhere every role
 * does. The one rule for answers, pull and bootstrap. */
gboolean   ahi_health_notes_readable_by (AhiDb        *db,
                                         const char   *role);

/* Records that user_id (in role) read customer_id's health notes through
 * channel ("api", "pull", "bootstrap") at read_at. */
gboolean   ahi_health_audit_record     (AhiDb         *db,
                                        const char    *user_id,
                                        const char    *role,
                                        const char    *customer_id,
                                        const char    *channel,
                                        gint64         read_at,
                                        GError       **error);

/* Every read of customer_id's notes, oldest first (AhiHealthRead*). */
GPtrArray *ahi_health_audit_reads_of   (AhiDb         *db,
                                        const char    *customer_id,
                                        GError       **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AhiHealthRead, ahi_health_read_free)

G_END_DECLS
