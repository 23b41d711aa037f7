/* ahi-action-card.c — one "what do we do now" card */
#include "ahi-action-card.h"

#include "ahi-words.h"

struct _AhiActionCardWidget
{
  GtkBox     parent_instance;

  GtkLabel  *title_label;
  GtkLabel  *why_label;
  GtkLabel  *value_label;
  GtkLabel  *reason_label;
  GtkButton *button;

  char      *kind;
  guint      count;
  gboolean   offered;   /* the one at the desk may append what it appends */
  gboolean   busy;
};

/* The store's AhiActionCard names the data; the widget takes the longer
 * type name so that both can be used in one file. */
G_DEFINE_FINAL_TYPE (AhiActionCardWidget, ahi_action_card_widget, GTK_TYPE_BOX)

enum {
  ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
update_button (AhiActionCardWidget *self)
{
  gtk_widget_set_sensitive (GTK_WIDGET (self->button), self->offered && !self->busy);
}

static void
on_button_clicked_cb (AhiActionCardWidget *self)
{
  /* A click that reaches a button not offered (a script, a stale
   * layout) does nothing. */
  if (!self->offered)
    return;
  g_signal_emit (self, signals[ACTIVATED], 0, self->kind);
}

static void
ahi_action_card_widget_finalize (GObject *object)
{
  AhiActionCardWidget *self = AHI_ACTION_CARD (object);

  g_free (self->kind);
  G_OBJECT_CLASS (ahi_action_card_widget_parent_class)->finalize (object);
}

static void
ahi_action_card_widget_class_init (AhiActionCardWidgetClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = ahi_action_card_widget_finalize;

  /* The button was pressed: do what the card of this kind proposes. */
  signals[ACTIVATED] = g_signal_new ("activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                     0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class, "/app/ahi/Desk/ahi-action-card.ui");
  gtk_widget_class_bind_template_child (widget_class, AhiActionCardWidget, title_label);
  gtk_widget_class_bind_template_child (widget_class, AhiActionCardWidget, why_label);
  gtk_widget_class_bind_template_child (widget_class, AhiActionCardWidget, value_label);
  gtk_widget_class_bind_template_child (widget_class, AhiActionCardWidget, reason_label);
  gtk_widget_class_bind_template_child (widget_class, AhiActionCardWidget, button);
  gtk_widget_class_bind_template_callback (widget_class, on_button_clicked_cb);
}

static void
ahi_action_card_widget_init (AhiActionCardWidget *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->offered = TRUE;
}

GtkWidget *
ahi_action_card_widget_new (const AhiActionCard *card,
                            AhiBlueprint        *blueprint,
                            const char          *currency)
{
  AhiActionCardWidget *self = g_object_new (AHI_TYPE_ACTION_CARD, NULL);
  const char *title = ahi_words_card_title (card->kind);
  const char *verb = ahi_words_card_verb (card->kind);
  g_autofree char *why = ahi_words_card_why (card, blueprint);
  g_autofree char *value = ahi_words_card_value (card, currency);

  self->kind = g_strdup (card->kind);
  self->count = card->count;
  gtk_label_set_label (self->title_label, title != NULL ? title : card->kind);
  gtk_label_set_label (self->why_label, why);
  gtk_label_set_label (self->value_label, value);
  /* A card worth no money now (a review, an alert) says so by saying
   * nothing: "≈ ₺0" reads like a mistake. */
  gtk_widget_set_visible (GTK_WIDGET (self->value_label), card->expected_value_minor > 0);
  gtk_button_set_label (self->button, verb != NULL ? verb : title);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->button), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, why, -1);
  return GTK_WIDGET (self);
}

const char *
ahi_action_card_widget_get_kind (AhiActionCardWidget *self)
{
  g_return_val_if_fail (AHI_IS_ACTION_CARD (self), NULL);
  return self->kind;
}

guint
ahi_action_card_widget_get_count (AhiActionCardWidget *self)
{
  g_return_val_if_fail (AHI_IS_ACTION_CARD (self), 0);
  return self->count;
}

GtkButton *
ahi_action_card_widget_get_button (AhiActionCardWidget *self)
{
  g_return_val_if_fail (AHI_IS_ACTION_CARD (self), NULL);
  return self->button;
}

const char *
ahi_action_card_widget_get_value (AhiActionCardWidget *self)
{
  g_return_val_if_fail (AHI_IS_ACTION_CARD (self), NULL);
  return gtk_widget_get_visible (GTK_WIDGET (self->value_label)) ? gtk_label_get_label (self->value_label) : NULL;
}

const char *
ahi_action_card_widget_get_title (AhiActionCardWidget *self)
{
  g_return_val_if_fail (AHI_IS_ACTION_CARD (self), NULL);
  return gtk_label_get_label (self->title_label);
}

void
ahi_action_card_widget_set_busy (AhiActionCardWidget *self,
                                 gboolean             busy)
{
  g_return_if_fail (AHI_IS_ACTION_CARD (self));
  self->busy = busy;
  update_button (self);
}

void
ahi_action_card_widget_set_offered (AhiActionCardWidget *self,
                                    gboolean             offered,
                                    const char          *reason)
{
  g_return_if_fail (AHI_IS_ACTION_CARD (self));

  self->offered = offered;
  update_button (self);
  gtk_label_set_label (self->reason_label, !offered && reason != NULL ? reason : "");
  gtk_widget_set_visible (GTK_WIDGET (self->reason_label), !offered && reason != NULL);
  /* Hovered or read out, the greyed button says why too. */
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->button), offered ? NULL : reason);
}

gboolean
ahi_action_card_widget_get_offered (AhiActionCardWidget *self)
{
  g_return_val_if_fail (AHI_IS_ACTION_CARD (self), FALSE);
  return self->offered;
}

const char *
ahi_action_card_widget_get_reason (AhiActionCardWidget *self)
{
  g_return_val_if_fail (AHI_IS_ACTION_CARD (self), NULL);
  return gtk_widget_get_visible (GTK_WIDGET (self->reason_label)) ? gtk_label_get_label (self->reason_label) : NULL;
}
