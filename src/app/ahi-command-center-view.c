/* ahi-command-center-view.c — the first screen: KPIs, then what to do now
 *
 * A card's button acts on a worker, then a toast says what was done; when
 * the store can take the action back (ahi_command_center_kind_can_undo)
 * the toast offers "Undo", which runs on the worker too and says in a
 * second toast that it was undone, or why it could not be.
 *
 * What the view shows follows the one at the desk (the write table and
 * the read scope of core/ahi-access.h): a card whose button appends what
 * their role may not append keeps its information but its button is not
 * offered, and without revenue summaries (staff) no KPI in kuruş and no
 * card's money is shown. The snapshot the view keeps and caches stays
 * whole: the desk switches people, and the next one may read it all.
 */
#include "ahi-command-center-view.h"

#include "ahi-action-card.h"
#include "ahi-i18n.h"
#include "ahi-kpi-tile.h"
#include "ahi-snapshot-cache.h"
#include "ahi-words.h"
#include "core/ahi-time.h"
#include "store/ahi-tenant.h"

/* An action that can be taken back: the events its batch appended. The
 * toast offering it and the view (its last action) share one. */
typedef struct {
  char      *kind;
  GPtrArray *event_ids;     /* char* */
  gboolean   started;       /* an undo is on its way or done: offered once */
  GWeakRef   toast;         /* the toast offering it, while it shows */
} Undoable;

struct _AhiCommandCenterView
{
  AdwBin        parent_instance;

  GtkWidget    *kpi_box;
  GtkWidget    *cards_box;
  GtkWidget    *calm_page;
  GtkWidget    *spinner;
  GtkWidget    *stale_label;

  AhiContext   *context;
  GCancellable *cancellable;
  guint         in_flight;       /* snapshots and actions on their way */
  gboolean      reload_again;    /* the business changed during a load */
  Undoable     *last_undoable;   /* the last action, while it can be undone */
  AhiCommandCenter *center;      /* the last snapshot shown, whole */
  char         *shown_role;      /* the role it was narrowed for */
};

G_DEFINE_FINAL_TYPE (AhiCommandCenterView, ahi_command_center_view, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_CONTEXT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* --------------------------------------------------------------- helpers */

static void
clear_box (GtkWidget *box)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (box)) != NULL)
    gtk_box_remove (GTK_BOX (box), child);
}

static void
show_toast (AhiCommandCenterView *self,
            const char           *text)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);

  if (overlay != NULL)
    adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), adw_toast_new (text));
}

static void
undoable_clear (gpointer data)
{
  Undoable *undoable = data;

  g_free (undoable->kind);
  g_ptr_array_unref (undoable->event_ids);
  g_weak_ref_clear (&undoable->toast);
}

static Undoable *
undoable_new (const char *kind,
              GPtrArray  *event_ids)
{
  Undoable *undoable = g_rc_box_new0 (Undoable);

  undoable->kind = g_strdup (kind);
  undoable->event_ids = g_ptr_array_ref (event_ids);
  g_weak_ref_init (&undoable->toast, NULL);
  return undoable;
}

static void
undoable_release (gpointer data)
{
  g_rc_box_release_full (data, undoable_clear);
}

static void
set_busy (AhiCommandCenterView *self,
          gboolean              busy)
{
  self->in_flight += busy ? 1 : -1;
  gtk_widget_set_visible (self->spinner, self->in_flight > 0);
  gtk_spinner_set_spinning (GTK_SPINNER (self->spinner), self->in_flight > 0);

  /* A change that came while something was on its way is shown now. */
  if (self->in_flight == 0 && self->reload_again)
    {
      self->reload_again = FALSE;
      ahi_command_center_view_reload (self);
    }
}

/* ------------------------------------------------------------- callbacks */

static void
on_tile_clicked_cb (AhiKpiTile           *tile,
                    AhiCommandCenterView *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  g_autofree char *heading = g_strdup_printf ("%s · %s", ahi_kpi_tile_get_label (tile), ahi_kpi_tile_get_value (tile));
  GtkWidget *dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, heading,
                                              ahi_kpi_tile_get_formula (tile));

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

typedef struct {
  AhiCommandCenterView *view;
  AhiActionCardWidget  *card;
  char                 *kind;
  guint                 count;
} Acting;

static void
on_undo_done_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      data)
{
  g_autoptr(AhiCommandCenterView) self = data;
  g_autoptr(GError) error = NULL;
  guint n_events = 0;

  if (ahi_context_undo_finish (AHI_CONTEXT (source), result, &n_events, &error))
    {
      /* TRANSLATORS: after "Undo": the queued messages are called off. */
      g_autofree char *text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Undone: %u message will not be sent",
                                                            "Undone: %u messages will not be sent", n_events),
                                               n_events);
      show_toast (self, text);
    }
  else if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      /* TRANSLATORS: %s says why, e.g. that a message was sent already. */
      g_autofree char *text = g_strdup_printf (_("Could not undo it: %s"), ahi_words_error (error));
      show_toast (self, text);
    }
  if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    set_busy (self, FALSE);
}

/* Takes undoable back on the worker; FALSE when it was taken back (or
 * tried) already. */
static gboolean
start_undo (AhiCommandCenterView *self,
            Undoable             *undoable)
{
  g_autoptr(AdwToast) toast = NULL;

  if (undoable == NULL || undoable->started)
    return FALSE;
  /* Once: a refusal (a message went out meanwhile) is final, and a second
   * tap on the toast must not append a second batch. */
  undoable->started = TRUE;
  /* The toast's own button dismisses it; the same when undone otherwise,
   * so the answer is not queued behind an offer that no longer holds. */
  toast = g_weak_ref_get (&undoable->toast);
  if (toast != NULL)
    adw_toast_dismiss (toast);
  set_busy (self, TRUE);
  ahi_context_undo_async (self->context, undoable->event_ids, self->cancellable, on_undo_done_cb,
                          g_object_ref (self));
  return TRUE;
}

static void
on_undo_clicked_cb (AdwToast             *toast,
                    AhiCommandCenterView *self)
{
  start_undo (self, g_object_get_data (G_OBJECT (toast), "ahi-undoable"));
}

static void
show_undo_toast (AhiCommandCenterView *self,
                 const char           *text,
                 Undoable             *undoable)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);
  AdwToast *toast;

  if (overlay == NULL)
    return;
  toast = adw_toast_new (text);
  /* TRANSLATORS: the button of the toast after an action. */
  adw_toast_set_button_label (toast, _("Undo"));
  g_object_set_data_full (G_OBJECT (toast), "ahi-undoable", g_rc_box_acquire (undoable), undoable_release);
  g_weak_ref_set (&undoable->toast, toast);
  /* The toast may outlive the view (a sector change builds a new one). */
  g_signal_connect_object (toast, "button-clicked", G_CALLBACK (on_undo_clicked_cb), self, 0);
  adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), toast);
}

static void
on_act_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      data)
{
  Acting *acting = data;
  AhiCommandCenterView *self = acting->view;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) event_ids = NULL;

  if (ahi_context_act_full_finish (AHI_CONTEXT (source), result, &event_ids, &error))
    {
      g_autofree char *done = ahi_words_card_done (acting->kind, acting->count);

      if (event_ids->len > 0 && ahi_command_center_kind_can_undo (acting->kind))
        {
          g_clear_pointer (&self->last_undoable, undoable_release);
          self->last_undoable = undoable_new (acting->kind, event_ids);
          show_undo_toast (self, done, self->last_undoable);
        }
      else
        show_toast (self, done);
    }
  else if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      /* TRANSLATORS: %s says why, from the layer that refused. */
      g_autofree char *text = g_strdup_printf (_("Could not do it: %s"), ahi_words_error (error));
      ahi_action_card_widget_set_busy (acting->card, FALSE);
      show_toast (self, text);
    }
  if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    set_busy (self, FALSE);
  g_object_unref (acting->card);
  g_object_unref (acting->view);
  g_free (acting->kind);
  g_free (acting);
}

static void
on_card_activated_cb (AhiActionCardWidget  *card,
                      const char           *kind,
                      AhiCommandCenterView *self)
{
  Acting *acting = g_new0 (Acting, 1);

  acting->view = g_object_ref (self);
  acting->card = g_object_ref (card);
  acting->kind = g_strdup (kind);
  acting->count = ahi_action_card_widget_get_count (card);
  ahi_action_card_widget_set_busy (card, TRUE);
  set_busy (self, TRUE);
  ahi_context_act_full_async (self->context, kind, self->cancellable, on_act_done_cb, acting);
}

/* center as the one at the desk may read it: itself, or a narrowed copy
 * (through its canonical JSON, which the cache trusts too). NULL when the
 * copy cannot be made: then nothing is shown rather than too much. */
static AhiCommandCenter *
narrow_for_desk (AhiCommandCenterView *self,
                 AhiCommandCenter     *center)
{
  AhiReadScope scope = ahi_context_actor_read_scope (self->context);
  g_autofree char *json = NULL;
  g_autoptr(GError) error = NULL;
  AhiCommandCenter *copy;

  if (scope.revenue_summaries)
    return center;
  json = ahi_command_center_to_json (center);
  copy = ahi_command_center_from_json (json, &error);
  if (copy == NULL)
    {
      g_debug ("The snapshot could not be narrowed: %s", error->message);
      return NULL;
    }
  ahi_command_center_apply_scope (copy, scope);
  return copy;
}

static void
show_center (AhiCommandCenterView *self,
             AhiCommandCenter     *whole)
{
  AhiBlueprint *blueprint = ahi_context_get_blueprint (self->context);
  AhiCommandCenter *center = narrow_for_desk (self, whole);
  const char *currency = "TRY";

  clear_box (self->kpi_box);
  clear_box (self->cards_box);
  g_free (self->shown_role);
  self->shown_role = g_strdup (ahi_context_get_actor_role (self->context));
  if (center == NULL)
    return;

  for (guint i = 0; i < center->kpis->len; i++)
    {
      const AhiKpiValue *value = &g_array_index (center->kpis, AhiKpiValue, i);
      GtkWidget *tile = ahi_kpi_tile_new (value, blueprint);

      if (value->unit == AHI_KPI_UNIT_MINOR && value->currency[0] != '\0')
        currency = value->currency;
      g_signal_connect (tile, "clicked", G_CALLBACK (on_tile_clicked_cb), self);
      gtk_box_append (GTK_BOX (self->kpi_box), tile);
    }

  for (guint i = 0; i < center->cards->len; i++)
    {
      const AhiActionCard *card = g_ptr_array_index (center->cards, i);
      GtkWidget *widget;

      /* A card kind this version has no words for is left out rather than
       * shown half-explained. */
      if (ahi_words_card_title (card->kind) == NULL)
        continue;
      widget = ahi_action_card_widget_new (card, blueprint, currency);
      /* Every event its button appends must be theirs to append (win
       * back queues a campaign, a manager's call). */
      if (!ahi_context_actor_may_append_all (self->context, card->button_events))
        ahi_action_card_widget_set_offered (AHI_ACTION_CARD (widget), FALSE,
                                            ahi_words_who_may (ahi_context_roles_may_append_all (card->button_events)));
      g_signal_connect (widget, "activated", G_CALLBACK (on_card_activated_cb), self);
      gtk_box_append (GTK_BOX (self->cards_box), widget);
    }
  gtk_widget_set_visible (self->calm_page, gtk_widget_get_first_child (self->cards_box) == NULL);
  if (center != whole)
    ahi_command_center_free (center);
}

/* Keeps center (whole) as the one shown, and shows it. */
static void
take_center (AhiCommandCenterView *self,
             AhiCommandCenter     *center)
{
  if (self->center != center)
    {
      g_clear_pointer (&self->center, ahi_command_center_free);
      self->center = center;
    }
  show_center (self, center);
}

static void
on_center_loaded_cb (GObject      *source,
                     GAsyncResult *result,
                     gpointer      data)
{
  g_autoptr(AhiCommandCenterView) self = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(AhiCommandCenter) center = ahi_context_load_command_center_finish (AHI_CONTEXT (source), result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (center == NULL)
    {
      g_autofree char *text = g_strdup_printf (_("Could not read the figures: %s"), ahi_words_error (error));
      show_toast (self, text);
    }
  else
    {
      ahi_snapshot_cache_save (center);
      take_center (self, g_steal_pointer (&center));
      gtk_widget_set_visible (self->stale_label, FALSE);
    }
  set_busy (self, FALSE);
}

static void
on_context_changed_cb (AhiContext           *context,
                       AhiCommandCenterView *self)
{
  /* Another person at the desk: what they may do and read shows at once,
   * before the fresh snapshot is built. */
  if (self->center != NULL && g_strcmp0 (self->shown_role, ahi_context_get_actor_role (context)) != 0)
    show_center (self, self->center);
  ahi_command_center_view_reload (self);
}

/* ------------------------------------------------------------- overrides */

static void
ahi_command_center_view_dispose (GObject *object)
{
  AhiCommandCenterView *self = AHI_COMMAND_CENTER_VIEW (object);

  g_cancellable_cancel (self->cancellable);
  if (self->context != NULL)
    g_signal_handlers_disconnect_by_data (self->context, self);
  g_clear_object (&self->context);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->last_undoable, undoable_release);
  g_clear_pointer (&self->center, ahi_command_center_free);
  g_clear_pointer (&self->shown_role, g_free);

  G_OBJECT_CLASS (ahi_command_center_view_parent_class)->dispose (object);
}

static void
ahi_command_center_view_set_property (GObject      *object,
                                      guint         prop_id,
                                      const GValue *value,
                                      GParamSpec   *pspec)
{
  AhiCommandCenterView *self = AHI_COMMAND_CENTER_VIEW (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      self->context = g_value_dup_object (value);
      g_signal_connect (self->context, "changed", G_CALLBACK (on_context_changed_cb), self);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ahi_command_center_view_get_property (GObject    *object,
                                      guint       prop_id,
                                      GValue     *value,
                                      GParamSpec *pspec)
{
  AhiCommandCenterView *self = AHI_COMMAND_CENTER_VIEW (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      g_value_set_object (value, self->context);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ahi_command_center_view_class_init (AhiCommandCenterViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ahi_command_center_view_dispose;
  object_class->set_property = ahi_command_center_view_set_property;
  object_class->get_property = ahi_command_center_view_get_property;

  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL, AHI_TYPE_CONTEXT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/app/ahi/Desk/ahi-command-center-view.ui");
  gtk_widget_class_bind_template_child (widget_class, AhiCommandCenterView, kpi_box);
  gtk_widget_class_bind_template_child (widget_class, AhiCommandCenterView, cards_box);
  gtk_widget_class_bind_template_child (widget_class, AhiCommandCenterView, calm_page);
  gtk_widget_class_bind_template_child (widget_class, AhiCommandCenterView, spinner);
  gtk_widget_class_bind_template_child (widget_class, AhiCommandCenterView, stale_label);
}

static void
ahi_command_center_view_init (AhiCommandCenterView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
}

/* ------------------------------------------------------------ public API */

GtkWidget *
ahi_command_center_view_new (AhiContext *context)
{
  AhiCommandCenterView *self = g_object_new (AHI_TYPE_COMMAND_CENTER_VIEW, "context", context, NULL);
  const AhiDeskStatus *status = ahi_context_get_status (context);
  AhiCommandCenter *cached = ahi_snapshot_cache_load (status->tenant_id, status->sector);

  /* The last snapshot first, said to be so, while the fresh one is built:
   * the desk sees its figures at once even on a big business. */
  if (cached != NULL)
    {
      g_autoptr(GTimeZone) zone = ahi_tenant_timezone (ahi_store_get_db (ahi_context_get_store (context)));
      g_autofree char *clock = ahi_time_format_clock (zone, cached->now);
      /* TRANSLATORS: %s is a time of day, "14:05". */
      g_autofree char *text = g_strdup_printf (_("Figures of %s · updating…"), clock);

      take_center (self, cached);
      gtk_label_set_label (GTK_LABEL (self->stale_label), text);
      gtk_widget_set_visible (self->stale_label, TRUE);
    }
  ahi_command_center_view_reload (self);
  return GTK_WIDGET (self);
}

void
ahi_command_center_view_reload (AhiCommandCenterView *self)
{
  g_return_if_fail (AHI_IS_COMMAND_CENTER_VIEW (self));

  /* One snapshot at a time: a change during a load asks for one more. */
  if (self->in_flight > 0)
    {
      self->reload_again = TRUE;
      return;
    }
  set_busy (self, TRUE);
  ahi_context_load_command_center_async (self->context, self->cancellable, on_center_loaded_cb, g_object_ref (self));
}

gboolean
ahi_command_center_view_undo_last (AhiCommandCenterView *self)
{
  g_return_val_if_fail (AHI_IS_COMMAND_CENTER_VIEW (self), FALSE);
  return start_undo (self, self->last_undoable);
}

gboolean
ahi_command_center_view_is_idle (AhiCommandCenterView *self)
{
  g_return_val_if_fail (AHI_IS_COMMAND_CENTER_VIEW (self), TRUE);
  return self->in_flight == 0;
}

GtkWidget *
ahi_command_center_view_get_kpi_box (AhiCommandCenterView *self)
{
  g_return_val_if_fail (AHI_IS_COMMAND_CENTER_VIEW (self), NULL);
  return self->kpi_box;
}

GtkWidget *
ahi_command_center_view_get_cards_box (AhiCommandCenterView *self)
{
  g_return_val_if_fail (AHI_IS_COMMAND_CENTER_VIEW (self), NULL);
  return self->cards_box;
}
