/* ahi-kpi-tile.c — one KPI of the Command Center's row */
#include "ahi-kpi-tile.h"

#include "ahi-words.h"

struct _AhiKpiTile
{
  GtkButton  parent_instance;

  GtkLabel  *label_label;
  GtkLabel  *value_label;
  GtkLabel  *change_label;

  char      *kpi_id;
  char      *formula;
};

G_DEFINE_FINAL_TYPE (AhiKpiTile, ahi_kpi_tile, GTK_TYPE_BUTTON)

static void
ahi_kpi_tile_finalize (GObject *object)
{
  AhiKpiTile *self = AHI_KPI_TILE (object);

  g_free (self->kpi_id);
  g_free (self->formula);
  G_OBJECT_CLASS (ahi_kpi_tile_parent_class)->finalize (object);
}

static void
ahi_kpi_tile_class_init (AhiKpiTileClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = ahi_kpi_tile_finalize;

  gtk_widget_class_set_template_from_resource (widget_class, "/app/ahi/Desk/ahi-kpi-tile.ui");
  gtk_widget_class_bind_template_child (widget_class, AhiKpiTile, label_label);
  gtk_widget_class_bind_template_child (widget_class, AhiKpiTile, value_label);
  gtk_widget_class_bind_template_child (widget_class, AhiKpiTile, change_label);
}

static void
ahi_kpi_tile_init (AhiKpiTile *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
ahi_kpi_tile_new (const AhiKpiValue *value,
                  AhiBlueprint      *blueprint)
{
  AhiKpiTile *self = g_object_new (AHI_TYPE_KPI_TILE, NULL);
  const char *label = ahi_words_kpi_label (value->id, blueprint);
  g_autofree char *text = ahi_words_kpi_value (value);
  g_autofree char *change = ahi_words_kpi_change (value);
  g_autofree char *accessible = NULL;

  self->kpi_id = g_strdup (value->id);
  self->formula = ahi_words_kpi_formula (value);
  gtk_label_set_label (self->label_label, label);
  gtk_label_set_label (self->value_label, text);
  gtk_label_set_label (self->change_label, change != NULL ? change : "");
  gtk_widget_set_visible (GTK_WIDGET (self->change_label), change != NULL);

  /* Read as one sentence by a screen reader: "No-show: %6,8, ▲ 1,2 puan". */
  accessible = change != NULL ? g_strdup_printf ("%s: %s, %s", label, text, change)
                              : g_strdup_printf ("%s: %s", label, text);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);
  return GTK_WIDGET (self);
}

const char *
ahi_kpi_tile_get_kpi_id (AhiKpiTile *self)
{
  g_return_val_if_fail (AHI_IS_KPI_TILE (self), NULL);
  return self->kpi_id;
}

const char *
ahi_kpi_tile_get_label (AhiKpiTile *self)
{
  g_return_val_if_fail (AHI_IS_KPI_TILE (self), NULL);
  return gtk_label_get_label (self->label_label);
}

const char *
ahi_kpi_tile_get_value (AhiKpiTile *self)
{
  g_return_val_if_fail (AHI_IS_KPI_TILE (self), NULL);
  return gtk_label_get_label (self->value_label);
}

const char *
ahi_kpi_tile_get_formula (AhiKpiTile *self)
{
  g_return_val_if_fail (AHI_IS_KPI_TILE (self), NULL);
  return self->formula;
}
