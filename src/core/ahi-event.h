/* ahi-event.h — the event envelope, its catalogue and its strict codec
 *
 * Every change in Ahi Desk is an event (docs/events.md). An event names its
 * type, the entity it changes and carries a payload; personal data travels
 * in a separate "pii" member so that the immutable log never holds it.
 * Decoding is strict: json-glib alone accepts duplicate keys, overflowing
 * integers and NUL in strings, the decoder here refuses them with a code
 * and a message that names the field.
 */
#pragma once

#include <glib.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* The version of the envelope and of the catalogue. Adding an event type or
 * an optional field keeps it; anything else bumps it (docs/events.md). */
#define AHI_EVENT_VERSION 1

/* Bounds every decoder enforces. */
#define AHI_EVENT_MAX_BYTES        (64 * 1024)   /* one encoded event */
#define AHI_EVENT_MAX_ENVELOPE_BYTES 1024       /* ids, type, actor, times: a generous bound */
#define AHI_EVENT_MAX_STRING_CHARS 200           /* default for short strings */
#define AHI_EVENT_MAX_TEXT_CHARS   4000          /* notes, comments */
#define AHI_EVENT_MAX_LIST_ITEMS   500
#define AHI_MONEY_MAX_MINOR        G_GINT64_CONSTANT (100000000000000) /* 1e12 lira in kuruş */

typedef enum {
  AHI_FIELD_ID,           /* UUID, lower-case canonical text */
  AHI_FIELD_STRING,       /* non-empty text of at most max chars */
  AHI_FIELD_TEXT,         /* free text, may be empty, at most max chars */
  AHI_FIELD_ENUM,         /* one of values[] */
  AHI_FIELD_INT,          /* integer in [min, max] */
  AHI_FIELD_MONEY,        /* integer minor units in ±AHI_MONEY_MAX_MINOR */
  AHI_FIELD_PRICE,        /* integer minor units in 0..AHI_MONEY_MAX_MINOR: a price, never negative */
  AHI_FIELD_BOOL,
  AHI_FIELD_TIME,         /* instant, "YYYY-MM-DDTHH:MM:SSZ" (UTC) */
  AHI_FIELD_DATE,         /* calendar date, "YYYY-MM-DD" */
  AHI_FIELD_CLOCK,        /* local time of day, "HH:MM" */
  AHI_FIELD_PHONE,        /* E.164, "+905321234567" */
  AHI_FIELD_CURRENCY,     /* ISO 4217 code, three upper-case letters */
  AHI_FIELD_OBJECT,       /* any JSON object, bounded by the event size */
  AHI_FIELD_ID_LIST,      /* array of UUIDs, at most max items */
  AHI_FIELD_STRING_LIST,  /* array of short strings, at most max items */
  AHI_FIELD_OBJECT_LIST,  /* array of objects checked against item_fields */
} AhiFieldKind;

typedef struct _AhiFieldSpec AhiFieldSpec;

struct _AhiFieldSpec {
  const char          *name;
  AhiFieldKind         kind;
  gboolean             required;
  gint64               min;          /* INT: lower bound; lists: fewest items */
  gint64               max;          /* INT: upper bound; strings: chars; lists: items (0 = default) */
  const char * const  *values;       /* ENUM: NULL-terminated */
  const AhiFieldSpec  *item_fields;  /* OBJECT_LIST: terminated by a NULL name */
  const char          *doc;          /* one line for docs/events.md */
};

typedef enum {
  AHI_EVENT_SPEC_NONE    = 0,
  /* An update: every payload field is optional, but at least one of the
   * payload or pii fields must be present. */
  AHI_EVENT_SPEC_PARTIAL = 1 << 0,
} AhiEventSpecFlags;

typedef struct {
  const char          *type;         /* "appointment.created" */
  const char          *entity;       /* "appointment" */
  const AhiFieldSpec  *payload;      /* terminated by a NULL name */
  const AhiFieldSpec  *pii;          /* NULL: the event carries no personal data */
  AhiEventSpecFlags    flags;
  const char          *doc;          /* one line for docs/events.md */
} AhiEventSpec;

/* The catalogue, in documentation order; n_specs receives its length. */
const AhiEventSpec *ahi_event_catalogue        (guint       *n_specs);
const AhiEventSpec *ahi_event_catalogue_lookup (const char  *type);

extern const char * const ahi_actor_roles[];   /* owner, manager, staff, system */

typedef struct {
  guint        version;        /* AHI_EVENT_VERSION */
  char        *event_id;       /* UUIDv7 made by the device */
  char        *tenant_id;
  char        *device_id;
  gint64       device_seq;     /* 1, 2, 3… per device */
  char        *type;
  char        *entity;
  char        *entity_id;
  char        *actor_user_id;
  char        *actor_role;     /* one of ahi_actor_roles */
  gint64       occurred_at;    /* unix seconds, device clock */
  JsonObject  *payload;        /* never NULL */
  JsonObject  *pii;            /* NULL when the event carries no personal data */
  gint64       server_seq;     /* 0 until the server accepted it */
  gint64       received_at;    /* unix seconds, 0 until the server accepted it */
} AhiEvent;

/* A new event with an empty payload; the strings are copied. */
AhiEvent   *ahi_event_new       (const char      *type,
                                 const char      *tenant_id,
                                 const char      *entity_id,
                                 const char      *device_id,
                                 gint64           device_seq,
                                 const char      *actor_user_id,
                                 const char      *actor_role,
                                 gint64           occurred_at);
AhiEvent   *ahi_event_copy      (const AhiEvent  *event);
void        ahi_event_free      (AhiEvent        *event);

/* The payload or pii object, created on first use. */
JsonObject *ahi_event_get_pii   (AhiEvent        *event);

/* Checks an event against the envelope rules and its catalogue entry. */
gboolean    ahi_event_validate  (const AhiEvent  *event,
                                 GError         **error);
/* The same checks without the bound on the encoded size, for a caller
 * that encodes the event itself anyway and bounds that (the store). */
gboolean    ahi_event_validate_content (const AhiEvent *event,
                                        GError        **error);

/* Strict decode of one JSON event: validates too. */
AhiEvent   *ahi_event_decode    (const char      *json,
                                 gssize           length,
                                 GError         **error);
AhiEvent   *ahi_event_from_node (JsonNode        *node,
                                 GError         **error);

/* Canonical encoding: envelope members in a fixed order, payload and pii
 * members in catalogue order, no white space. Equal events encode to equal
 * bytes. */
char       *ahi_event_encode    (const AhiEvent  *event);
JsonNode   *ahi_event_to_node   (const AhiEvent  *event);

/* Canonical text of a payload or pii object alone (catalogue order). */
char       *ahi_event_encode_member (const AhiEvent *event,
                                     gboolean        pii);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AhiEvent, ahi_event_free)

G_END_DECLS
