/* fuzz-push.c — libFuzzer target: a sync push body as the push route decodes it
 *
 * The work is in ahi-fuzz-targets.c, shared with the corpus test of the
 * normal suite; see fuzz/README.md for building and running.
 */
#include <stddef.h>
#include <stdint.h>

#include "ahi-fuzz-targets.h"

int LLVMFuzzerInitialize (int *argc, char ***argv);
int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  ahi_fuzz_init ();
  return 0;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GError) error = NULL;

  ahi_fuzz_push_body (data, size, NULL, NULL, &error);
  return 0;
}
