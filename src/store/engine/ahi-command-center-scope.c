/* ahi-command-center-scope.c — a snapshot as a role may read it
 *
 * The snapshot is built once per business and narrowed per read scope
 * (DESIGN §5a): staff read today's till, not the business's figures, so
 * their Command Center keeps every card and every count but no KPI in
 * kuruş and no card's money.
 */
#include "store/engine/ahi-command-center.h"

/* ------------------------------------------------------------- helpers */

static void
drop_money_members (JsonObject *object)
{
  g_autoptr(GList) names = json_object_get_members (object);

  for (GList *l = names; l != NULL; l = l->next)
    if (g_str_has_suffix (l->data, "_minor"))
      json_object_remove_member (object, l->data);
}

/* ---------------------------------------------------------- public API */

void
ahi_command_center_apply_scope (AhiCommandCenter *center,
                                AhiReadScope      scope)
{
  g_return_if_fail (center != NULL);

  if (scope.revenue_summaries)
    return;
  for (guint i = center->kpis->len; i > 0; i--)
    {
      AhiKpiValue *value = &g_array_index (center->kpis, AhiKpiValue, i - 1);

      if (value->unit == AHI_KPI_UNIT_MINOR)
        g_array_remove_index (center->kpis, i - 1);
      else
        {
          value->at_stake_minor = 0;
          value->at_stake_hidden = TRUE;
        }
    }
  for (guint i = 0; i < center->cards->len; i++)
    {
      AhiActionCard *card = g_ptr_array_index (center->cards, i);

      card->expected_value_minor = 0;
      if (card->why != NULL)
        drop_money_members (card->why);
    }
}
