/* ahi-command-center.h — what the desk should do now, and the money in it
 *
 * The Command Center snapshot: the blueprint's KPI row, then action cards
 * made from the data, ranked by expected value. A card says what (kind),
 * why (the numbers and the rows behind them), what it is worth (kuruş),
 * and which events its one button appends; ahi_command_center_act()
 * appends them. A card whose action cannot be taken (nobody to contact,
 * no consent) does not appear. The same database and the same "now" give
 * the same snapshot, byte for byte (docs/command-center.md).
 */
#pragma once

#include "store/engine/ahi-retention.h"
#include "store/ahi-store.h"
#include "core/ahi-access.h"
#include "core/ahi-kpi.h"

G_BEGIN_DECLS

#define AHI_COMMAND_CENTER_MAX_ROWS 50   /* rows listed behind a card */
/* The snapshot's "v": 2 since its KPIs follow KPI contract 2
 * (AHI_KPI_CONTRACT_VERSION); a snapshot of another version is refused. */
#define AHI_COMMAND_CENTER_VERSION  2

typedef struct {
  char       *kind;                  /* win_back, fill_slot, reduce_no_shows, … */
  guint       count;                 /* subjects concerned */
  gint64      expected_value_minor;  /* kuruş */
  JsonObject *why;                   /* the numbers the card's sentence needs */
  GPtrArray  *subject_ids;           /* char*: customers, appointments, reviews, alerts */
  GPtrArray  *button_events;         /* char*: event types the button appends */
} AhiActionCard;

typedef struct {
  gint64      now;
  char       *tenant_id;
  char       *sector;
  GArray     *kpis;                  /* AhiKpiValue, the blueprint's set in its order */
  GPtrArray  *cards;                 /* AhiActionCard*, by expected value, highest first */
} AhiCommandCenter;

void              ahi_action_card_free       (AhiActionCard    *card);
void              ahi_command_center_free    (AhiCommandCenter *center);

/* Reads only; drafts of the events a card would append are built and
 * dropped, which costs nothing (events are numbered when logged). */
AhiCommandCenter *ahi_command_center_build   (AhiStore         *store,
                                              gint64            now,
                                              GError          **error);
/* Narrows center to what scope may read (ahi-command-center-scope.c):
 * without revenue summaries, no KPI in kuruş and no card's money (cards,
 * their counts and their order stay). */
void              ahi_command_center_apply_scope (AhiCommandCenter *center,
                                                  AhiReadScope      scope);
/* Canonical JSON (fixed member order, integers only). */
char             *ahi_command_center_to_json (AhiCommandCenter *center);
/* A snapshot read back from its canonical JSON, every member checked
 * (ahi-command-center-json.c): to_json of the result gives json again. */
AhiCommandCenter *ahi_command_center_from_json (const char     *json,
                                                GError        **error);

/* Does what the card of that kind proposes now (the same rows the
 * snapshot at now lists) as one all-or-nothing batch of events acted by
 * actor; n_events (may be NULL) receives how many were appended. */
gboolean          ahi_command_center_act     (AhiStore         *store,
                                              const char       *kind,
                                              const char       *actor_user_id,
                                              const char       *actor_role,
                                              gint64            now,
                                              guint            *n_events,
                                              GError          **error);
/* The same; out_event_ids (may be NULL) receives the ids of the events
 * appended (char*, in log order, empty when there was nothing to do):
 * what ahi_command_center_undo takes back. */
gboolean          ahi_command_center_act_full (AhiStore        *store,
                                               const char      *kind,
                                               const char      *actor_user_id,
                                               const char      *actor_role,
                                               gint64           now,
                                               GPtrArray      **out_event_ids,
                                               GError         **error);

/* ---- undo (ahi-command-center-undo.c, docs/command-center.md "Undo") */

/* Whether the button of kind appends events an undo can take back. */
gboolean          ahi_command_center_kind_can_undo (const char *kind);

/* Takes back an action whose batch was event_ids (from _act_full) with
 * new events, as one all-or-nothing batch acted by actor at now: each of
 * its messages still waiting to be sent is completed with the outcome
 * "cancelled" (a campaign's through its members). The log is never
 * changed. INVALID_STATE and nothing written when a message was sent
 * already, when nothing is left to take back (undone before), or when an
 * event is of a kind no event withdraws (a raised alert); NOT_FOUND when
 * an id is not in the log. n_events (may be NULL) receives how many
 * events were appended. */
gboolean          ahi_command_center_undo    (AhiStore         *store,
                                              GPtrArray        *event_ids,
                                              const char       *actor_user_id,
                                              const char       *actor_role,
                                              gint64            now,
                                              guint            *n_events,
                                              GError          **error);


G_DEFINE_AUTOPTR_CLEANUP_FUNC (AhiActionCard, ahi_action_card_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AhiCommandCenter, ahi_command_center_free)

G_END_DECLS
