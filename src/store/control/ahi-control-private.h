/* ahi-control-private.h — what the files of the control store share */
#pragma once

#include "store/control/ahi-control.h"
#include "store/control/ahi-control-error.h"
#include "store/ahi-db-rows.h"

G_BEGIN_DECLS

struct _AhiControl {
  AhiDb *db;
};

/* Trimmed and ASCII lower-cased: the form e-mails are stored and counted
 * in. ASCII only, because g_utf8_strdown depends on the locale. */
char     *_ahi_control_fold_email (const char  *email);

/* Runs sql (one or two text parameters; second may be NULL) and tells
 * whether it returned a row. */
gboolean  _ahi_control_row_exists (AhiDb       *db,
                                   const char  *sql,
                                   const char  *first,
                                   const char  *second,
                                   gboolean    *out_exists,
                                   GError     **error);

G_END_DECLS
