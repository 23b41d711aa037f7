/* ahi-action-card.h — one "what do we do now" card
 *
 * What (title), why (one line with the number), what it is worth, and
 * one button that does it. The card does not act itself: it emits
 * "activated" with its kind, and the view asks the context. The view
 * decides whether the button is offered to the one at the desk.
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
/* What it is expected to bring ("Expected ≈ ₺1.250"), or NULL when the
 * card shows no money. */
const char *ahi_action_card_widget_get_value  (AhiActionCardWidget *self);
/* While its action runs the button is insensitive. */
void        ahi_action_card_widget_set_busy   (AhiActionCardWidget *self,
                                               gboolean             busy);
/* A card whose button appends what the one at the desk may not append
 * still shows what it knows, but its button is not offered: insensitive,
 * with reason (who may do it) on a line of the card and as its tooltip. */
void        ahi_action_card_widget_set_offered (AhiActionCardWidget *self,
                                                gboolean             offered,
                                                const char          *reason);
gboolean    ahi_action_card_widget_get_offered (AhiActionCardWidget *self);
/* The line saying who may do it, or NULL when the button is offered. */
const char *ahi_action_card_widget_get_reason  (AhiActionCardWidget *self);

G_END_DECLS
