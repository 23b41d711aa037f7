/* ahi-store-error.h — the error domain of src/store */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define AHI_STORE_ERROR (ahi_store_error_quark ())

typedef enum {
  AHI_STORE_ERROR_SQLITE,            /* SQLite failed (I/O, corruption, full disk) */
  AHI_STORE_ERROR_SCHEMA_TOO_NEW,    /* the database was written by a newer Ahi Desk */
  AHI_STORE_ERROR_NOT_A_DATABASE,    /* the file is not an Ahi Desk database */
  AHI_STORE_ERROR_WRONG_TENANT,      /* the event belongs to another tenant */
  AHI_STORE_ERROR_NOT_FOUND,         /* the event changes an entity that does not exist */
  AHI_STORE_ERROR_CONFLICT,          /* the entity exists already, or a device_seq is reused */
  AHI_STORE_ERROR_INVALID_REFERENCE, /* the event points at a missing or deleted entity */
  AHI_STORE_ERROR_INVALID_STATE,     /* e.g. completing a cancelled appointment */
  AHI_STORE_ERROR_RESOURCE_BUSY,     /* a booking would double-book a resource or staff member */
  AHI_STORE_ERROR_INVALID_INPUT,     /* what the user typed is refused (a PIN of letters, an empty name) */
  AHI_STORE_ERROR_WRONG_PIN,         /* the PIN does not match */
  AHI_STORE_ERROR_FORBIDDEN,         /* the actor's role may not do this */
  AHI_STORE_ERROR_CORRUPT,           /* the file is an Ahi Desk database but fails its integrity check */
  /* A booking takes what the day does not offer (docs/slots.md, "Booking rules"): */
  AHI_STORE_ERROR_OUTSIDE_OPENING_HOURS,    /* outside the opening hours, or on a closed day */
  AHI_STORE_ERROR_STAFF_UNAVAILABLE,        /* the person named is not working, absent, inactive or unskilled */
  AHI_STORE_ERROR_RESOURCE_OUT_OF_SERVICE,  /* a chair, room or device out of service */
} AhiStoreError;

GQuark ahi_store_error_quark (void);

G_END_DECLS
