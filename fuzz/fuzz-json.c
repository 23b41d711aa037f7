/* fuzz-json.c — libFuzzer target: the strict JSON front end (src/core/ahi-json-strict.c)
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

  ahi_fuzz_json (data, size, &error);
  return 0;
}
