/* ahi-user-switch.h — who is at the desk: pick a colleague, type their PIN
 *
 * A small modal window over the main one. It lists the business's active
 * staff (owners first); picking one asks their PIN, which the context
 * checks off the main thread, and on success makes them the one at the
 * desk and closes. A wrong PIN says so and changes nothing. A member
 * without a PIN cannot be picked; whoever may set it (themselves, an
 * owner, a manager for staff) is offered to, on a page of its own.
 */
#pragma once

#include <adwaita.h>

#include "ahi-context.h"

G_BEGIN_DECLS

#define AHI_TYPE_USER_SWITCH (ahi_user_switch_get_type ())
G_DECLARE_FINAL_TYPE (AhiUserSwitch, ahi_user_switch, AHI, USER_SWITCH, AdwWindow)

AhiUserSwitch *ahi_user_switch_new            (GtkWindow      *parent,
                                               AhiContext     *context);

/* What a person does, through the same widgets, for tests. */

/* Activates staff_id's row; FALSE when it is not offered (no PIN yet,
 * already at the desk, unknown). */
gboolean    ahi_user_switch_pick              (AhiUserSwitch  *self,
                                               const char     *staff_id);
/* Types pin into the PIN row and presses "Switch User". */
void        ahi_user_switch_submit_pin        (AhiUserSwitch  *self,
                                               const char     *pin);
/* Presses staff_id's "Set PIN…"; FALSE when it is not offered. */
gboolean    ahi_user_switch_edit_pin          (AhiUserSwitch  *self,
                                               const char     *staff_id);
/* Types the new PIN twice and presses "Set PIN". */
void        ahi_user_switch_submit_new_pin    (AhiUserSwitch  *self,
                                               const char     *pin,
                                               const char     *repeat);

/* "list", "pin" or "set-pin". */
const char *ahi_user_switch_get_page          (AhiUserSwitch  *self);
/* The error shown on the page now, or NULL. */
const char *ahi_user_switch_get_error         (AhiUserSwitch  *self);
/* FALSE while a PIN is checked or hashed. */
gboolean    ahi_user_switch_is_idle           (AhiUserSwitch  *self);

G_END_DECLS
