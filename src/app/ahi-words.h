/* ahi-words.h — the sentences the front desk reads
 *
 * Card titles, button verbs and "why" lines, KPI values and changes,
 * formatted for the app's language (ahi-i18n). Kept apart from the
 * widgets so each sentence is made in one place and tested without a
 * display. Sector words come from the blueprint, never from an `if`.
 */
#pragma once

#include "core/ahi-access.h"
#include "core/ahi-blueprint.h"
#include "core/ahi-kpi.h"
#include "store/engine/ahi-command-center.h"

G_BEGIN_DECLS

/* "Geri kazan" — the card's title; NULL for a kind the app does not know. */
const char *ahi_words_card_title   (const char          *kind);
/* The verb on the card's one button. */
const char *ahi_words_card_verb    (const char          *kind);
/* One line saying why, with the number: "14 müşteri olağan ziyaret
 * döngüsünü geçti". */
char       *ahi_words_card_why     (const AhiActionCard *card,
                                    AhiBlueprint        *blueprint);
/* "Beklenen ≈ ₺8.400". */
char       *ahi_words_card_value   (const AhiActionCard *card,
                                    const char          *currency);
/* Who may do what the desk does not offer the one at it, roles being the
 * people's roles that may (ahi_context_roles_may_append_all): "Only the
 * owner or a manager can do this." NULL when every role may. */
const char *ahi_words_who_may       (AhiRole              roles);
/* The toast after the button: what was done, with the number. */
char       *ahi_words_card_done    (const char          *kind,
                                    guint                count);

/* A word in lower case by the app's language (Turkish dotted and dotless
 * i kept apart). */
char       *ahi_words_down         (const char          *word);

/* The blueprint's word for n of its customers, lower case: "hasta" /
 * "patients" (Turkish keeps the noun singular after a numeral). */
char       *ahi_words_people_word  (guint                n,
                                    AhiBlueprint        *blueprint);

/* n of the blueprint's customers: "14 hasta" / "14 patients" (Turkish
 * keeps the noun singular after a numeral). */
char       *ahi_words_count_of     (guint                n,
                                    AhiBlueprint        *blueprint);

/* A KPI's label in the blueprint's words, translated. */
const char *ahi_words_kpi_label    (const char          *kpi_id,
                                    AhiBlueprint        *blueprint);
/* "₺184.250", "%72", "%6,8", "23", "35 gün"; "—" when there is no value. */
char       *ahi_words_kpi_value    (const AhiKpiValue   *value);
/* "▲ %12", "▼ 3 puan"; NULL when there is no previous period. */
char       *ahi_words_kpi_change   (const AhiKpiValue   *value);
/* What the KPI is made of: its formula and, for a ratio, the numerator
 * and denominator with their numbers. */
char       *ahi_words_kpi_formula  (const AhiKpiValue   *value);

/* What a refusal means, in words the desk reads (translated); the error's
 * own message for errors this table does not know. */
const char *ahi_words_error        (const GError        *error);
/* A count with its thousands grouped for the language: "12.786". */
char       *ahi_words_count        (guint64              n);

/* The sectors the app offers, in order, with their names (English source
 * words: show _(name)); ahi_words_n_sectors() of them. */
typedef struct {
  const char *id;
  const char *name;
} AhiWordsSector;

extern const AhiWordsSector ahi_words_sectors[];
guint       ahi_words_n_sectors    (void);

/* A module's label (the blueprint's word, translated) and icon name. */
const char *ahi_words_module_label (const char          *module,
                                    AhiBlueprint        *blueprint);
const char *ahi_words_module_icon  (const char          *module);
/* The label on a phone's bottom switcher: short enough to show whole. */
const char *ahi_words_module_short_label (const char    *module,
                                          AhiBlueprint  *blueprint);

G_END_DECLS
