/* ahi-demo-names.h — realistic Turkish names for demo and test data */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* n full names ("Ayşe Yılmaz"), drawn with rand from the bundled lists of
 * common Turkish first names and surnames; a name may repeat, as in life. */
GPtrArray *ahi_demo_names_sample (GRand *rand,
                                  guint  n);

G_END_DECLS
