/* ahi-window-private.h — what ahi-window.c and ahi-window-backup.c share
 *
 * The window is split along its ideas: the modules and the header
 * (ahi-window.c), and the copies of the business — back up, the daily
 * backup, restore (ahi-window-backup.c).
 */
#pragma once

#include "ahi-window.h"

G_BEGIN_DECLS

struct _AhiWindow
{
  AdwApplicationWindow  parent_instance;

  AdwToastOverlay      *toast_overlay;
  AdwLeaflet           *leaflet;
  GtkWidget            *sidebar;
  AdwHeaderBar         *sidebar_header;
  AdwWindowTitle       *business_title;
  GtkListBox           *sidebar_list;
  GtkWidget            *content;
  AdwHeaderBar         *content_header;
  AdwWindowTitle       *page_title;
  GtkWidget            *back_button;
  GtkWidget            *user_button;
  AdwAvatar            *user_avatar;
  GtkLabel             *user_label;
  GtkWidget            *alerts_button;
  AdwButtonContent     *alerts_content;
  GtkLabel             *sync_label;
  GtkLabel             *sync_short_label;
  AdwViewStack         *stack;
  AdwViewSwitcherBar   *switcher_bar;

  AhiContext           *context;
  char                 *sector;         /* the sector the pages were made for */
  char                 *module;         /* the module shown */
  GtkStack             *more_stack;     /* "list" + the modules past the bar */
  GtkWidget            *command_center;
  GHashTable           *pages;          /* module id → its page (a strong ref) */
  gboolean              syncing_selection;
  gboolean              disposed;
  char                 *last_toast;
  char                 *actor_shown;    /* whom the header names */

  /* Backups (ahi-window-backup.c). */
  guint                 auto_backup_id; /* the daily backup's timeout */
  gboolean              backing_up;
  GTask                *restore;        /* a restore under way, asked or running */
  gboolean              restoring;      /* the business is being replaced */
  AdwMessageDialog     *dialog;         /* the question or message shown now (weak) */
};

/* Installs win.backup and win.restore. */
void  _ahi_window_class_init_backup   (GtkWidgetClass *widget_class);
/* Enables the actions of backups as the one at the desk and the work
 * under way allow. */
void  _ahi_window_update_backup_actions (AhiWindow    *self);
/* Plans the daily automatic backup for a little after the window opens. */
void  _ahi_window_schedule_auto_backup (AhiWindow     *self);
/* Stops what backups left planned or asked; from dispose. */
void  _ahi_window_dispose_backup      (AhiWindow      *self);

G_END_DECLS
