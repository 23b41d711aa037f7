/* ahi-customers-view.c — the sector's primary list: Müşteriler / Hastalar */
#include "ahi-customers-view.h"

#include "ahi-customer-item.h"
#include "ahi-i18n.h"
#include "ahi-words.h"
#include "store/query/ahi-customer-search.h"

struct _AhiCustomersView
{
  AdwBin          parent_instance;

  GtkSearchEntry *search_entry;
  GtkLabel       *summary_label;
  GtkStack       *content_stack;
  GtkSpinner     *spinner;
  GtkScrolledWindow *scroller;
  GtkListView    *list_view;
  AdwStatusPage  *empty_page;
  GtkNoSelection *selection;       /* the list view's model, over model */

  AhiContext     *context;
  GCancellable   *cancellable;     /* the load on its way; NULL when none */
  char           *loading_text;    /* what that load answers */
  char           *shown_text;      /* what the rows shown answer; NULL before the first */
  GListModel     *model;           /* the rows shown (AhiCustomerItem), never NULL */
  gboolean        stale;           /* the business changed while off screen */
};

G_DEFINE_FINAL_TYPE (AhiCustomersView, ahi_customers_view, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_CONTEXT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* --------------------------------------------------------------- helpers */

static char *
people_word (AhiBlueprint *blueprint)
{
  return ahi_words_people_word (G_MAXUINT, blueprint);
}

static void
update_words (AhiCustomersView *self)
{
  AhiBlueprint *blueprint = ahi_context_get_blueprint (self->context);
  g_autofree char *people = people_word (blueprint);
  /* TRANSLATORS: the search field's placeholder. %s is the blueprint's
   * word for the people of the list in lower case: plural in English
   * ("patients"), singular in Turkish ("hasta"), so "%s ara". */
  g_autofree char *placeholder = g_strdup_printf (_("Search %s"), people);

  /* GTK 4.8 has the property but not yet its setter. */
  g_object_set (self->search_entry, "placeholder-text", placeholder, NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->list_view), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  ahi_words_module_label ("customers", blueprint), -1);
}

/* The text with its spaces made non-breaking: a phone number or a date
 * cut over two lines on a phone is hard to read (and to dial). */
static char *
keep_together (const char *text)
{
  g_auto(GStrv) parts = g_strsplit (text, " ", -1);

  return g_strjoinv ("\xc2\xa0", parts);    /* U+00A0 NO-BREAK SPACE */
}

/* "phone · Last visit: date": what the desk checks before calling. On a
 * narrow screen it wraps only after the dot. */
static char *
row_subtitle (AhiCustomersView *self,
              AhiCustomerItem  *item)
{
  const char *last_visit = ahi_customer_item_get_last_visit (item);
  g_autofree char *phone = NULL;
  g_autofree char *visit_word = NULL;
  g_autofree char *visited = NULL;
  g_autofree char *visited_together = NULL;
  const char *word;

  phone = keep_together (ahi_customer_item_get_phone (item) != NULL ? ahi_customer_item_get_phone (item)
                                                                     : _("No phone number"));
  if (last_visit == NULL)
    return g_steal_pointer (&phone);

  word = ahi_blueprint_word (ahi_context_get_blueprint (self->context), "visit");
  visit_word = ahi_words_down (_(word != NULL ? word : "Visit"));
  /* TRANSLATORS: first %s is the blueprint's word for a visit in lower
   * case ("visit", "treatment", "job card"), second a date, "12 Kasım
   * 2026 Perşembe": "Son %s: %s". */
  visited = g_strdup_printf (_("Last %s: %s"), visit_word, last_visit);
  visited_together = keep_together (visited);
  return g_strconcat (phone, " · ", visited_together, NULL);
}

/* A row: the name over the phone and the last visit. GTK 4.8's list
 * view makes a widget for up to 200 rows around the one in view, not only
 * for those on screen, so a row is kept cheap: two labels (an AdwAvatar
 * each doubled the time a new answer took to lay out). */
static void
on_row_setup_cb (GtkSignalListItemFactory *factory,
                 GtkListItem              *list_item,
                 AhiCustomersView         *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *name = gtk_label_new (NULL);
  GtkWidget *subtitle = gtk_label_new (NULL);

  gtk_widget_set_margin_top (box, 9);
  gtk_widget_set_margin_bottom (box, 9);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_label_set_xalign (GTK_LABEL (name), 0);
  gtk_label_set_ellipsize (GTK_LABEL (name), PANGO_ELLIPSIZE_END);
  gtk_label_set_xalign (GTK_LABEL (subtitle), 0);
  gtk_label_set_wrap (GTK_LABEL (subtitle), TRUE);
  gtk_widget_add_css_class (subtitle, "caption");
  gtk_widget_add_css_class (subtitle, "dim-label");
  gtk_box_append (GTK_BOX (box), name);
  gtk_box_append (GTK_BOX (box), subtitle);

  /* No page of a customer exists yet: a row shows, it does not open. */
  gtk_list_item_set_activatable (list_item, FALSE);
  gtk_list_item_set_selectable (list_item, FALSE);
  gtk_list_item_set_child (list_item, box);
}

static void
on_row_bind_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *list_item,
                AhiCustomersView         *self)
{
  AhiCustomerItem *item = gtk_list_item_get_item (list_item);
  GtkWidget *box = gtk_list_item_get_child (list_item);
  GtkWidget *name = gtk_widget_get_first_child (box);
  GtkWidget *subtitle = gtk_widget_get_next_sibling (name);
  const char *full_name = ahi_customer_item_get_name (item);
  g_autofree char *subtitle_text = row_subtitle (self, item);
  g_autofree char *spoken = NULL;

  /* Plain text (gtk_label_set_text): a name is the desk's text, and
   * "Ayşe & Mert" must show as typed. */
  gtk_label_set_text (GTK_LABEL (name), full_name != NULL ? full_name : "—");
  gtk_label_set_text (GTK_LABEL (subtitle), subtitle_text);
  gtk_widget_set_name (box, ahi_customer_item_get_id (item));
  spoken = g_strconcat (full_name != NULL ? full_name : "", ", ", subtitle_text, NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (box), GTK_ACCESSIBLE_PROPERTY_LABEL, spoken, -1);
}

static void
show_summary (AhiCustomersView *self,
              guint             n,
              gboolean          has_more,
              gboolean          searching)
{
  g_autofree char *text = NULL;

  if (n == 0)
    text = g_strdup ("");
  else if (searching && has_more)
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "The best %u match is shown. Type more to narrow it down.",
                                         "The best %u matches are shown. Type more to narrow it down.", n), n);
  else if (searching)
    {
      g_autofree char *people = ahi_words_count_of (n, ahi_context_get_blueprint (self->context));
      /* TRANSLATORS: %s is a number of people, "3 patients". */
      text = g_strdup_printf (_("%s found"), people);
    }
  else if (has_more)
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         "The first %u is shown. Type a name or a phone number to find anyone.",
                                         "The first %u are shown. Type a name or a phone number to find anyone.", n),
                            n);
  else
    text = ahi_words_count_of (n, ahi_context_get_blueprint (self->context));
  gtk_label_set_label (self->summary_label, text);
  gtk_widget_set_visible (GTK_WIDGET (self->summary_label), n > 0);
}

static void
show_empty (AhiCustomersView *self,
            const char       *typed,
            gboolean          searching)
{
  if (searching)
    {
      g_autofree char *escaped = g_markup_escape_text (typed, -1);
      /* TRANSLATORS: %s is what was typed in the search field. */
      g_autofree char *description = g_strdup_printf (_("No one matches “%s”. Try part of the name or of the phone number."),
                                                      escaped);

      adw_status_page_set_icon_name (self->empty_page, "system-search-symbolic");
      adw_status_page_set_title (self->empty_page, _("Nobody found"));
      adw_status_page_set_description (self->empty_page, description);
    }
  else
    {
      adw_status_page_set_icon_name (self->empty_page, "system-users-symbolic");
      adw_status_page_set_title (self->empty_page, _("Nobody here yet"));
      adw_status_page_set_description (self->empty_page,
                                       _("People show up here once they are booked or walk in."));
    }
  gtk_stack_set_visible_child_name (self->content_stack, "empty");
}

static void
show_rows (AhiCustomersView *self,
           GListModel       *model,
           gboolean          has_more)
{
  g_autofree char *query = ahi_customer_search_query (self->loading_text);
  gboolean searching = query != NULL;
  guint n = g_list_model_get_n_items (model);

  g_set_object (&self->model, model);
  gtk_no_selection_set_model (self->selection, model);
  g_free (self->shown_text);
  self->shown_text = g_steal_pointer (&self->loading_text);

  show_summary (self, n, has_more, searching);
  if (n == 0)
    show_empty (self, self->shown_text, searching);
  else
    {
      /* A new answer starts at its best row. */
      gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->scroller), 0);
      gtk_stack_set_visible_child_name (self->content_stack, "list");
    }
}

static void
set_loading (AhiCustomersView *self,
             gboolean          loading)
{
  gtk_spinner_set_spinning (self->spinner, loading);
  /* Rows already shown stay while the next answer comes; only the very
   * first load shows the spinner. */
  if (loading && self->shown_text == NULL)
    gtk_stack_set_visible_child_name (self->content_stack, "loading");
}

static void
on_loaded_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      data)
{
  g_autoptr(AhiCustomersView) self = data;
  g_autoptr(GError) error = NULL;
  gboolean has_more = FALSE;
  g_autoptr(GListModel) model = ahi_context_search_customers_finish (AHI_CONTEXT (source), result, &has_more, &error);

  /* A newer load replaced this one, or the view is gone. */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  g_clear_object (&self->cancellable);
  set_loading (self, FALSE);

  if (model == NULL)
    {
      GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);
      /* Toasts and status pages read markup; the reason is plain text. */
      g_autofree char *reason = g_markup_escape_text (ahi_words_error (error), -1);
      /* TRANSLATORS: %s says why, from the layer that refused. */
      g_autofree char *text = g_strdup_printf (_("Could not read the list: %s"), reason);

      /* Rows shown before stay, with a toast; with none yet, the page
       * itself says what went wrong rather than spinning on. */
      if (self->shown_text == NULL)
        {
          adw_status_page_set_icon_name (self->empty_page, "dialog-warning-symbolic");
          adw_status_page_set_title (self->empty_page, _("Could not read the list"));
          adw_status_page_set_description (self->empty_page, reason);
          gtk_widget_set_visible (GTK_WIDGET (self->summary_label), FALSE);
          gtk_stack_set_visible_child_name (self->content_stack, "empty");
        }
      else if (overlay != NULL)
        adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), adw_toast_new (text));
      /* What was asked counts as answered, or the view would never be
       * idle again; the next keystroke or change asks anew. */
      g_free (self->shown_text);
      self->shown_text = g_steal_pointer (&self->loading_text);
      return;
    }
  show_rows (self, model, has_more);
}

/* Asks the context for what the entry says now, cancelling the load
 * before: only the newest answer is ever shown. */
static void
load (AhiCustomersView *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  self->stale = FALSE;
  g_free (self->loading_text);
  self->loading_text = g_strdup (text);
  set_loading (self, TRUE);
  ahi_context_search_customers_async (self->context, text, AHI_CUSTOMERS_VIEW_LIMIT, self->cancellable,
                                      on_loaded_cb, g_object_ref (self));
}

/* ------------------------------------------------------------- callbacks */

static void
on_search_changed_cb (AhiCustomersView *self)
{
  load (self);
}

static void
on_stop_search_cb (AhiCustomersView *self)
{
  /* Escape empties the search and the whole list comes back. */
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
}

static void
on_context_changed_cb (AhiContext       *context,
                       AhiCustomersView *self)
{
  /* A sector change renames the people ("hasta" for "müşteri"). */
  update_words (self);
  /* Off screen, the list waits to be seen: the Command Center's actions
   * change the business often and the worker has better things to do. */
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    load (self);
  else
    self->stale = TRUE;
}

/* ------------------------------------------------------------- overrides */

static void
ahi_customers_view_map (GtkWidget *widget)
{
  AhiCustomersView *self = AHI_CUSTOMERS_VIEW (widget);

  GTK_WIDGET_CLASS (ahi_customers_view_parent_class)->map (widget);
  if (self->stale)
    load (self);
}

static void
ahi_customers_view_dispose (GObject *object)
{
  AhiCustomersView *self = AHI_CUSTOMERS_VIEW (object);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->context != NULL)
    g_signal_handlers_disconnect_by_data (self->context, self);
  g_clear_object (&self->selection);
  g_clear_object (&self->model);
  g_clear_object (&self->context);
  gtk_widget_dispose_template (GTK_WIDGET (self), AHI_TYPE_CUSTOMERS_VIEW);

  G_OBJECT_CLASS (ahi_customers_view_parent_class)->dispose (object);
}

static void
ahi_customers_view_finalize (GObject *object)
{
  AhiCustomersView *self = AHI_CUSTOMERS_VIEW (object);

  g_free (self->loading_text);
  g_free (self->shown_text);

  G_OBJECT_CLASS (ahi_customers_view_parent_class)->finalize (object);
}

static void
ahi_customers_view_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  AhiCustomersView *self = AHI_CUSTOMERS_VIEW (object);

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
ahi_customers_view_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  AhiCustomersView *self = AHI_CUSTOMERS_VIEW (object);

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
ahi_customers_view_class_init (AhiCustomersViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ahi_customers_view_dispose;
  object_class->finalize = ahi_customers_view_finalize;
  object_class->set_property = ahi_customers_view_set_property;
  object_class->get_property = ahi_customers_view_get_property;
  widget_class->map = ahi_customers_view_map;

  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL, AHI_TYPE_CONTEXT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/app/ahi/Desk/ahi-customers-view.ui");
  gtk_widget_class_bind_template_child (widget_class, AhiCustomersView, search_entry);
  gtk_widget_class_bind_template_child (widget_class, AhiCustomersView, summary_label);
  gtk_widget_class_bind_template_child (widget_class, AhiCustomersView, content_stack);
  gtk_widget_class_bind_template_child (widget_class, AhiCustomersView, spinner);
  gtk_widget_class_bind_template_child (widget_class, AhiCustomersView, scroller);
  gtk_widget_class_bind_template_child (widget_class, AhiCustomersView, list_view);
  gtk_widget_class_bind_template_child (widget_class, AhiCustomersView, empty_page);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_stop_search_cb);
}

static void
ahi_customers_view_init (AhiCustomersView *self)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();

  gtk_widget_init_template (GTK_WIDGET (self));
  self->model = G_LIST_MODEL (g_list_store_new (AHI_TYPE_CUSTOMER_ITEM));
  self->selection = gtk_no_selection_new (g_object_ref (self->model));
  g_signal_connect (factory, "setup", G_CALLBACK (on_row_setup_cb), self);
  g_signal_connect (factory, "bind", G_CALLBACK (on_row_bind_cb), self);
  gtk_list_view_set_factory (self->list_view, factory);
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (self->selection));
  /* Nothing is read before the list is first seen: at start the worker
   * builds the Command Center, which the desk sees first. */
  self->stale = TRUE;
  /* Typing anywhere on the page goes to the search. */
  gtk_search_entry_set_key_capture_widget (self->search_entry, GTK_WIDGET (self));
}

/* ------------------------------------------------------------ public API */

GtkWidget *
ahi_customers_view_new (AhiContext *context)
{
  AhiCustomersView *self;

  g_return_val_if_fail (AHI_IS_CONTEXT (context), NULL);

  self = g_object_new (AHI_TYPE_CUSTOMERS_VIEW, "context", context, NULL);
  update_words (self);
  return GTK_WIDGET (self);
}

gboolean
ahi_customers_view_is_idle (AhiCustomersView *self)
{
  g_return_val_if_fail (AHI_IS_CUSTOMERS_VIEW (self), TRUE);

  return self->cancellable == NULL && !self->stale && self->shown_text != NULL &&
         g_str_equal (self->shown_text, gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));
}

GtkSearchEntry *
ahi_customers_view_get_search_entry (AhiCustomersView *self)
{
  g_return_val_if_fail (AHI_IS_CUSTOMERS_VIEW (self), NULL);
  return self->search_entry;
}

GListModel *
ahi_customers_view_get_model (AhiCustomersView *self)
{
  g_return_val_if_fail (AHI_IS_CUSTOMERS_VIEW (self), NULL);
  return self->model;
}

GtkListView *
ahi_customers_view_get_list_view (AhiCustomersView *self)
{
  g_return_val_if_fail (AHI_IS_CUSTOMERS_VIEW (self), NULL);
  return self->list_view;
}

const char *
ahi_customers_view_get_summary (AhiCustomersView *self)
{
  g_return_val_if_fail (AHI_IS_CUSTOMERS_VIEW (self), NULL);
  return gtk_label_get_label (self->summary_label);
}

const char *
ahi_customers_view_get_state (AhiCustomersView *self)
{
  g_return_val_if_fail (AHI_IS_CUSTOMERS_VIEW (self), NULL);
  return gtk_stack_get_visible_child_name (self->content_stack);
}

AdwStatusPage *
ahi_customers_view_get_empty_page (AhiCustomersView *self)
{
  g_return_val_if_fail (AHI_IS_CUSTOMERS_VIEW (self), NULL);
  return self->empty_page;
}
