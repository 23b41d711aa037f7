/* ahi-action-card.h — one "what do we do now" card
 *
 * What (title), why (one line with the number), what it is worth, and
 * one button that does it. The card does not act itself: it emits
 * "activated" with its kind, and the view asks the context.
 */
#pragma once

#include <gtk/gtk.h>

#include "core/ahi-blueprint.h"
#include "store/engine/ahi-command-center.h"

G_BEGIN_DECLS

#define AHI_TYPE_ACTION_CARD (ahi_action_card_widget_get_type ())
G_DECLARE_FINAL_TYPE (AhiActionCardWidget, ahi_action_card_widget, AHI, ACTION_CARD, GtkBox)

GtkWidget  *ahi_action_card_widget_new        (const AhiActionCard *card,
                                               AhiBlueprint        *blueprint,
                                               const char          *currency);
const char *ahi_action_card_widget_get_kind   (AhiActionCardWidget *self);
guint       ahi_action_card_widget_get_count  (AhiActionCardWidget *self);
GtkButton  *ahi_action_card_widget_get_button (AhiActionCardWidget *self);
const char *ahi_action_card_widget_get_title  (AhiActionCardWidget *self);
/* While its action runs the button is insensitive. */
void        ahi_action_card_widget_set_busy   (AhiActionCardWidget *self,
                                               gboolean             busy);

G_END_DECLS
