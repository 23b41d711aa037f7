/* main.c — ahi, the front desk */
#include "ahi-application.h"

int
main (int    argc,
      char **argv)
{
  g_autoptr(AhiApplication) app = ahi_application_new ();

  return g_application_run (G_APPLICATION (app), argc, argv);
}
