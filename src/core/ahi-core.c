/* ahi-core.c — start-up of the core layer */
#include "ahi-core.h"

#include <sodium.h>

#include "ahi-core-resources.h"

void
ahi_core_init (void)
{
  static gsize initialised = 0;

  if (g_once_init_enter (&initialised))
    {
      if (sodium_init () < 0)
        g_error ("libsodium could not be initialised");
      /* A GResource linked from a static library is dropped by the linker
       * unless something refers to it: register it by hand. */
      g_resources_register (ahi_core_get_resource ());
      g_once_init_leave (&initialised, 1);
    }
}
