/* ahi-fold.h — the Turkish search fold
 *
 * One rule, used both when storing a search key and when folding what the
 * user types (docs/search.md): İ, I, ı and i all become "i"; ş ğ ç ö ü â î û
 * (either case) become s g c o u a i u; everything else is lower-cased
 * without looking at the process locale; runs of white space and
 * punctuation become one space. Combining diacritics (U+0300–U+036F, the
 * dot above included) are dropped and other accented Latin letters (é, ñ…)
 * become their base letter. So "Işıl Çağlar", "IŞIL", "isil" and "ışıl"
 * all fold to "isil…". Text that is not UTF-8 folds to "".
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

char *ahi_fold (const char *text);

G_END_DECLS
