/* test-message-purpose.c — which messages need marketing consent
 *
 * What the desk relies on: a win-back, rebook, review request or unasked
 * slot offer is never sent without İYS consent, while reminders and
 * recalls about a service under way go to everyone; every purpose a
 * reminder may carry is in the table, and nothing else is.
 */
#include "core/ahi-core.h"
#include "core/ahi-event.h"
#include "core/ahi-message-purpose.h"

static const AhiFieldSpec *
reminder_purpose_field (void)
{
  const AhiEventSpec *spec = ahi_event_catalogue_lookup ("reminder.created");

  g_assert_nonnull (spec);
  for (const AhiFieldSpec *field = spec->payload; field->name != NULL; field++)
    if (g_str_equal (field->name, "purpose"))
      return field;
  g_assert_not_reached ();
}

/* The table lists the catalogue's purposes, in its order, each once. */
static void
test_matches_catalogue (void)
{
  const AhiFieldSpec *field = reminder_purpose_field ();
  const AhiMessagePurpose *list;
  guint n = 0;

  g_assert_cmpint (field->kind, ==, AHI_FIELD_ENUM);
  list = ahi_message_purpose_list (&n);
  g_assert_cmpuint (n, ==, g_strv_length ((char **) field->values));
  for (guint i = 0; i < n; i++)
    {
      g_assert_cmpstr (list[i].purpose, ==, field->values[i]);
      g_assert_true (ahi_message_purpose_lookup (field->values[i]) == &list[i]);
    }
}

/* The kinds of docs/retention.md's table, written out here. */
static void
test_commercial_and_service (void)
{
  const char * const commercial[] = { "reactivation", "rebook", "review_request", "slot_offer" };
  const char * const service[] = {
    "appointment_reminder", "appointment_confirmation", "recovery", "treatment_continuity", "maintenance_recall"
  };
  guint n = 0;

  for (guint i = 0; i < G_N_ELEMENTS (commercial); i++)
    {
      g_assert_cmpint (ahi_message_purpose_lookup (commercial[i])->kind, ==, AHI_MESSAGE_KIND_COMMERCIAL);
      g_assert_true (ahi_message_purpose_is_commercial (commercial[i]));
    }
  for (guint i = 0; i < G_N_ELEMENTS (service); i++)
    {
      g_assert_cmpint (ahi_message_purpose_lookup (service[i])->kind, ==, AHI_MESSAGE_KIND_SERVICE);
      g_assert_false (ahi_message_purpose_is_commercial (service[i]));
    }
  /* 4 + 5: nothing in the table is left unjudged here. */
  ahi_message_purpose_list (&n);
  g_assert_cmpuint (n, ==, G_N_ELEMENTS (commercial) + G_N_ELEMENTS (service));

  g_assert_cmpstr (ahi_message_kind_to_string (AHI_MESSAGE_KIND_SERVICE), ==, "service");
  g_assert_cmpstr (ahi_message_kind_to_string (AHI_MESSAGE_KIND_COMMERCIAL), ==, "commercial");
}

/* A purpose the table does not know is judged commercial: consent is
 * asked rather than a message sent without it. */
static void
test_unknown_is_commercial (void)
{
  g_assert_null (ahi_message_purpose_lookup ("birthday_greeting"));
  g_assert_true (ahi_message_purpose_is_commercial ("birthday_greeting"));
  g_assert_true (ahi_message_purpose_is_commercial (""));
  /* Case and spacing matter: these are identifiers, not words. */
  g_assert_null (ahi_message_purpose_lookup ("Reactivation"));
  g_assert_null (ahi_message_purpose_lookup ("rebook "));
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  ahi_core_init ();

  g_test_add_func ("/core/message-purpose/matches-catalogue", test_matches_catalogue);
  g_test_add_func ("/core/message-purpose/commercial-and-service", test_commercial_and_service);
  g_test_add_func ("/core/message-purpose/unknown-is-commercial", test_unknown_is_commercial);

  return g_test_run ();
}
