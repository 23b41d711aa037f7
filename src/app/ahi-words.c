/* ahi-words.c — the sentences the front desk reads */
#include "ahi-words.h"

#include <string.h>

#include "ahi-i18n.h"
#include "core/ahi-money.h"
#include "store/ahi-store-error.h"

/* ------------------------------------------------------------- tables */

typedef struct {
  const char *kind;
  const char *title;
  const char *verb;
} CardWords;

/* Source words in English; po/tr.po gives the Turkish the desk reads. */
static const CardWords card_words[] = {
  { "win_back", N_("Win back"), N_("Win back") },
  { "fill_slot", N_("Fill an empty slot"), N_("Fill") },
  { "reduce_no_shows", N_("Cut no-shows"), N_("Remind") },
  { "ask_reviews", N_("Ask for reviews"), N_("Ask for reviews") },
  { "recover_low_rating", N_("Recover a low rating"), N_("Call back") },
  { "resolve_ops_alert", N_("Open alerts"), N_("Resolve") },
  { "rebook", N_("Rebook"), N_("Rebook") },
  { "treatment_continuity", N_("Continue treatment plans"), N_("Remind") },
  { "maintenance_recall", N_("Maintenance recall"), N_("Remind") },
};

typedef struct {
  const char *id;
  const char *formula;
} KpiWords;

static const KpiWords kpi_words[] = {
  { "revenue_sold", N_("Sales, deposits and no-show fees charged, KDV included, this month so far") },
  { "revenue_net_of_tax", N_("Sales minus refunds, with corrections, KDV excluded, this month so far") },
  { "fill_rate_pct", N_("Booked minutes ÷ bookable minutes of the capacity resources") },
  { "no_show_rate_pct", N_("No-shows ÷ appointments that were due") },
  { "cancellation_rate_pct", N_("Cancelled ÷ booked appointments") },
  { "open_ops_alerts", N_("Alerts not resolved yet") },
  { "at_risk_customers", N_("Customers past 1.25 times their usual visit cycle") },
  { "reactivation_conversion_pct", N_("Won back ÷ contacted by a win-back campaign") },
  { "repeat_visit_cycle_days", N_("Days between visits, summed ÷ number of repeat visits") },
  { "rebooking_rate_pct", N_("Visits followed by a booking ÷ completed visits") },
  { "average_ticket", N_("Revenue ÷ completed visits") },
  { "revenue_brought_back", N_("Revenue from customers won back by an action") },
};

static gboolean is_turkish (void);

/* What the desk reads when the store refuses: the store's own messages are
 * for the log and the engineer, in English. */
static const struct {
  gint        code;
  const char *text;
} store_errors[] = {
  { AHI_STORE_ERROR_SQLITE, N_("the database could not be read or written (is the disk full?)") },
  { AHI_STORE_ERROR_SCHEMA_TOO_NEW, N_("the business was saved by a newer Ahi Desk") },
  { AHI_STORE_ERROR_NOT_A_DATABASE, N_("the file is not an Ahi Desk business") },
  { AHI_STORE_ERROR_WRONG_TENANT, N_("it belongs to another business") },
  { AHI_STORE_ERROR_NOT_FOUND, N_("it does not exist any more") },
  { AHI_STORE_ERROR_CONFLICT, N_("it changed meanwhile; try again") },
  { AHI_STORE_ERROR_INVALID_REFERENCE, N_("it refers to something that no longer exists") },
  { AHI_STORE_ERROR_INVALID_STATE, N_("it was done already, or cannot be done now") },
  { AHI_STORE_ERROR_RESOURCE_BUSY, N_("the chair, room or staff member is busy at that time") },
  { AHI_STORE_ERROR_INVALID_INPUT, N_("what was typed is not valid") },
  { AHI_STORE_ERROR_WRONG_PIN, N_("the PIN is wrong") },
  { AHI_STORE_ERROR_FORBIDDEN, N_("your role may not do this") },
  { AHI_STORE_ERROR_CORRUPT, N_("the file is damaged") },
  { AHI_STORE_ERROR_OUTSIDE_OPENING_HOURS, N_("the business is closed at that time") },
  { AHI_STORE_ERROR_STAFF_UNAVAILABLE, N_("the staff member does not work at that time or cannot do this service") },
  { AHI_STORE_ERROR_RESOURCE_OUT_OF_SERVICE, N_("the chair, room or device is out of service") },
};

const char *
ahi_words_error (const GError *error)
{
  g_return_val_if_fail (error != NULL, NULL);

  if (error->domain == AHI_STORE_ERROR)
    for (guint i = 0; i < G_N_ELEMENTS (store_errors); i++)
      if (store_errors[i].code == error->code)
        return _(store_errors[i].text);
  /* Others (GIO's, ours already translated) say it well enough. */
  return error->message;
}

char *
ahi_words_count (guint64 n)
{
  /* Thousands grouped as the language writes them: 12.786 / 12,786. */
  g_autofree char *digits = g_strdup_printf ("%" G_GUINT64_FORMAT, n);
  GString *out = g_string_new (NULL);
  gsize len = strlen (digits);

  for (gsize i = 0; i < len; i++)
    {
      if (i > 0 && (len - i) % 3 == 0)
        g_string_append_c (out, is_turkish () ? '.' : ',');
      g_string_append_c (out, digits[i]);
    }
  return g_string_free (out, FALSE);
}

const AhiWordsSector ahi_words_sectors[] = {
  { "hair_beauty", N_("Hair and beauty salon") },
  { "dental_esthetic", N_("Dental and esthetic clinic") },
  { "auto_service", N_("Auto service") },
  { "generic", N_("Other appointment business") },
};

guint
ahi_words_n_sectors (void)
{
  return G_N_ELEMENTS (ahi_words_sectors);
}

static const struct {
  const char *module;
  const char *icon;
} module_icons[] = {
  { "command_center", "view-grid-symbolic" },
  { "calendar", "x-office-calendar-symbolic" },
  { "customers", "system-users-symbolic" },
  { "vehicles", "system-users-symbolic" },
  { "treatment_plans", "view-list-bullet-symbolic" },
  { "revenue", "accessories-calculator-symbolic" },
  { "automations", "mail-send-symbolic" },
  { "resources", "preferences-other-symbolic" },
  { "settings", "emblem-system-symbolic" },
};

static const CardWords *
lookup_card (const char *kind)
{
  for (guint i = 0; i < G_N_ELEMENTS (card_words); i++)
    if (g_str_equal (card_words[i].kind, kind))
      return &card_words[i];
  return NULL;
}

/* -------------------------------------------------------------- helpers */

static gboolean
is_turkish (void)
{
  return g_str_equal (ahi_i18n_language (), "tr");
}

char *
ahi_words_down (const char *word)
{
  GString *out;

  if (!is_turkish ())
    return g_utf8_strdown (word, -1);
  /* Turkish: "I" is "ı" and "İ" is "i", which a locale-free
   * g_utf8_strdown gets wrong ("İş emri" would become "i̇ş emri"). */
  out = g_string_new (NULL);

  for (const char *p = word; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c == 'I')
        g_string_append (out, "ı");
      else if (c == 0x130)
        g_string_append_c (out, 'i');
      else
        g_string_append_unichar (out, g_unichar_tolower (c));
    }
  return g_string_free (out, FALSE);
}

/* Tenths of a percent from basis points, half up on the magnitude, as
 * "%6,8" (tr) or "6.8%" (en); whole percents drop the decimal. */
static char *
format_percent (gint64 bp,
                gboolean signless)
{
  gint64 tenths = (ABS (bp) + 5) / 10;
  const char *sign = (bp < 0 && !signless) ? "-" : "";
  g_autofree char *number = NULL;

  if (tenths % 10 == 0)
    number = g_strdup_printf ("%s%" G_GINT64_FORMAT, sign, tenths / 10);
  else
    number = g_strdup_printf ("%s%" G_GINT64_FORMAT "%s%" G_GINT64_FORMAT,
                              sign, tenths / 10, is_turkish () ? "," : ".", tenths % 10);
  return is_turkish () ? g_strconcat ("%", number, NULL) : g_strconcat (number, "%", NULL);
}

/* Percentage points from basis points: "1,2" / "1.2". */
static char *
format_points (gint64 bp)
{
  gint64 tenths = (ABS (bp) + 5) / 10;

  if (tenths % 10 == 0)
    return g_strdup_printf ("%" G_GINT64_FORMAT, tenths / 10);
  return g_strdup_printf ("%" G_GINT64_FORMAT "%s%" G_GINT64_FORMAT, tenths / 10, is_turkish () ? "," : ".",
                          tenths % 10);
}

static char *
format_money (gint64      minor,
              const char *currency)
{
  return ahi_money_format (ahi_money_init (minor, currency != NULL && *currency != '\0' ? currency : "TRY"),
                           ahi_i18n_language (), AHI_MONEY_FORMAT_WHOLE);
}

/* ----------------------------------------------------------------- cards */

const char *
ahi_words_card_title (const char *kind)
{
  const CardWords *words = lookup_card (kind);

  return words != NULL ? _(words->title) : NULL;
}

const char *
ahi_words_card_verb (const char *kind)
{
  const CardWords *words = lookup_card (kind);

  return words != NULL ? _(words->verb) : NULL;
}

char *
ahi_words_people_word (guint         n,
                       AhiBlueprint *blueprint)
{
  const char *singular = ahi_blueprint_word (blueprint, "customer");
  const char *plural = ahi_blueprint_word (blueprint, "customers");

  if (singular == NULL)
    singular = "Customer";
  if (plural == NULL)
    plural = "Customers";
  /* Turkish keeps the noun singular after a numeral ("14 hasta") and
   * after a verb ("hasta ara"); English counts. */
  return ahi_words_down (_(is_turkish () || n == 1 ? singular : plural));
}

char *
ahi_words_count_of (guint         n,
                    AhiBlueprint *blueprint)
{
  g_autofree char *word = ahi_words_people_word (n, blueprint);

  return g_strdup_printf ("%u %s", n, word);
}

char *
ahi_words_card_why (const AhiActionCard *card,
                    AhiBlueprint        *blueprint)
{
  g_autofree char *people = ahi_words_count_of (card->count, blueprint);
  const char *kind = card->kind;

  /* TRANSLATORS: %s is a number of people, e.g. "14 customers". */
  if (g_str_equal (kind, "win_back"))
    return g_strdup_printf (_("%s are past their usual visit cycle"), people);
  if (g_str_equal (kind, "fill_slot"))
    return g_strdup_printf (_("%s could take a free slot"), people);
  if (g_str_equal (kind, "reduce_no_shows"))
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u appointment is not confirmed yet",
                                         "%u appointments are not confirmed yet", card->count), card->count);
  if (g_str_equal (kind, "ask_reviews"))
    return g_strdup_printf (_("%s finished a visit and were not asked yet"), people);
  if (g_str_equal (kind, "recover_low_rating"))
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u low rating waits for an answer",
                                         "%u low ratings wait for an answer", card->count), card->count);
  if (g_str_equal (kind, "resolve_ops_alert"))
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u alert needs the desk",
                                         "%u alerts need the desk", card->count), card->count);
  if (g_str_equal (kind, "rebook"))
    return g_strdup_printf (_("%s are due for their next visit"), people);
  if (g_str_equal (kind, "treatment_continuity"))
    return g_strdup_printf (_("%s have a treatment plan step waiting"), people);
  if (g_str_equal (kind, "maintenance_recall"))
    return g_strdup_printf (_("%s are due for maintenance"), people);
  return g_strdup (people);
}

const char *
ahi_words_who_may (AhiRole roles)
{
  roles &= AHI_ROLES_PEOPLE;
  if (roles == AHI_ROLES_PEOPLE)
    return NULL;
  if (roles == AHI_ROLE_OWNER)
    return _("Only the owner can do this.");
  if (roles == AHI_ROLES_MANAGERS)
    return _("Only the owner or a manager can do this.");
  if (roles == AHI_ROLE_NONE)
    /* TRANSLATORS: events only the server makes (a message's outcome). */
    return _("Nobody does this at the desk: the system does it by itself.");
  return _("Your role cannot do this.");
}

char *
ahi_words_card_value (const AhiActionCard *card,
                      const char          *currency)
{
  g_autofree char *money = format_money (card->expected_value_minor, currency);

  /* TRANSLATORS: the money a card's action is expected to bring. */
  return g_strdup_printf (_("Expected ≈ %s"), money);
}

char *
ahi_words_card_done (const char *kind,
                     guint       count)
{
  if (g_str_equal (kind, "resolve_ops_alert"))
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u alert resolved", "%u alerts resolved", count), count);
  if (g_str_equal (kind, "recover_low_rating"))
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u call-back task made", "%u call-back tasks made", count),
                            count);
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Message queued for %u person",
                                       "Messages queued for %u people", count), count);
}

/* ------------------------------------------------------------------ KPIs */

const char *
ahi_words_kpi_label (const char   *kpi_id,
                     AhiBlueprint *blueprint)
{
  const char *label = ahi_blueprint_kpi_label (blueprint, kpi_id);

  return _(label != NULL ? label : kpi_id);
}

char *
ahi_words_kpi_value (const AhiKpiValue *value)
{
  if (!value->has_value)
    return g_strdup ("—");
  switch (value->unit)
    {
    case AHI_KPI_UNIT_MINOR:
      return format_money (value->value, value->currency);
    case AHI_KPI_UNIT_BP:
      return format_percent (value->value, FALSE);
    case AHI_KPI_UNIT_DAYS:
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u day", "%u days", (gulong) value->value),
                              (guint) value->value);
    case AHI_KPI_UNIT_COUNT:
    default:
      return g_strdup_printf ("%" G_GINT64_FORMAT, value->value);
    }
}

char *
ahi_words_kpi_change (const AhiKpiValue *value)
{
  gint64 delta = 0, change_bp = 0;
  const char *arrow;

  if (!value->has_value || !value->has_previous || !ahi_kpi_value_delta (value, &delta))
    return NULL;
  arrow = delta > 0 ? "▲" : delta < 0 ? "▼" : "=";

  /* A rate moves in points; money and counts move by a share of what
   * they were. */
  if (value->unit == AHI_KPI_UNIT_BP)
    {
      g_autofree char *points = format_points (delta);
      /* TRANSLATORS: a change of a rate in percentage points: "▲ 1,2 puan". */
      return g_strdup_printf (_("%s %s pts"), arrow, points);
    }
  if (ahi_kpi_value_change_bp (value, &change_bp))
    {
      g_autofree char *percent = format_percent (change_bp, TRUE);
      return g_strdup_printf ("%s %s", arrow, percent);
    }
  return NULL;
}

char *
ahi_words_kpi_formula (const AhiKpiValue *value)
{
  const char *formula = value->id;
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (kpi_words); i++)
    if (g_str_equal (kpi_words[i].id, value->id))
      formula = _(kpi_words[i].formula);
  g_string_append (text, formula);

  if (value->has_ratio)
    {
      g_string_append_c (text, '\n');
      if (value->unit == AHI_KPI_UNIT_MINOR)
        {
          g_autofree char *numerator = format_money (value->numerator, value->currency);
          g_string_append_printf (text, "%s ÷ %" G_GINT64_FORMAT, numerator, value->denominator);
        }
      else
        g_string_append_printf (text, "%" G_GINT64_FORMAT " ÷ %" G_GINT64_FORMAT, value->numerator,
                                value->denominator);
    }
  /* Staff see how many are at risk, not the money (the read scope). */
  if (g_str_equal (value->id, "at_risk_customers") && value->has_value && !value->at_stake_hidden)
    {
      g_autofree char *stake = format_money (value->at_stake_minor, value->currency);
      g_string_append_c (text, '\n');
      /* TRANSLATORS: the money at stake with the customers at risk. */
      g_string_append_printf (text, _("At stake: %s"), stake);
    }
  return g_string_free (text, FALSE);
}

/* --------------------------------------------------------------- modules */

const char *
ahi_words_module_label (const char   *module,
                        AhiBlueprint *blueprint)
{
  const char *label = ahi_blueprint_module_label (blueprint, module);

  return _(label != NULL ? label : module);
}

const char *
ahi_words_module_short_label (const char   *module,
                              AhiBlueprint *blueprint)
{
  /* The bottom switcher gives a page about 90 px: long names get a short
   * form there (the sidebar keeps the whole name). */
  if (g_str_equal (module, "command_center"))
    return C_("bottom bar", "Center");
  if (g_str_equal (module, "treatment_plans"))
    return C_("bottom bar", "Plans");
  return ahi_words_module_label (module, blueprint);
}

const char *
ahi_words_module_icon (const char *module)
{
  for (guint i = 0; i < G_N_ELEMENTS (module_icons); i++)
    if (g_str_equal (module_icons[i].module, module))
      return module_icons[i].icon;
  return "application-x-addon-symbolic";
}
