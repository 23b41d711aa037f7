/* ahi-customer-search.c — type-ahead search over customers */
#include "store/query/ahi-customer-search.h"

#include "core/ahi-fold.h"

const char ahi_customer_search_sql[] =
  "SELECT c.customer_id, c.full_name, c.phone"
  " FROM customer_search s JOIN customers c ON c.rowid = s.rowid"
  " WHERE customer_search MATCH ?1 AND c.erased_at IS NULL"
  " ORDER BY s.rank, c.full_name LIMIT ?2";

/* One or two typed letters match a large share of all customers: ranking
 * them all costs more than it tells (22 ms against 0.1 ms at 100k in
 * bench-store), so those come in index order until the next letter. */
static const char search_unranked_sql[] =
  "SELECT c.customer_id, c.full_name, c.phone"
  " FROM customer_search s JOIN customers c ON c.rowid = s.rowid"
  " WHERE customer_search MATCH ?1 AND c.erased_at IS NULL"
  " LIMIT ?2";

/* A query of one quoted prefix term of at most two characters: "ab"* */
static gboolean
is_short_prefix (const char *query)
{
  return strchr (query, ' ') == NULL && strlen (query) <= 5;
}

void
ahi_customer_hit_free (AhiCustomerHit *hit)
{
  if (hit == NULL)
    return;
  g_free (hit->customer_id);
  g_free (hit->full_name);
  g_free (hit->phone);
  g_free (hit);
}

static gboolean
is_all_digits (const char *word)
{
  for (const char *p = word; *p != '\0'; p++)
    if (!g_ascii_isdigit (*p))
      return FALSE;
  return *word != '\0';
}

char *
ahi_customer_search_query (const char *typed)
{
  g_autofree char *folded = NULL;
  g_auto(GStrv) words = NULL;
  g_autoptr(GString) query = g_string_new (NULL);

  g_return_val_if_fail (typed != NULL, NULL);

  folded = ahi_fold (typed);
  words = g_strsplit (folded, " ", -1);

  /* "0532 123 45 67" is one phone number, typed in groups. */
  if (words[0] != NULL && words[1] != NULL)
    {
      gboolean all_digits = TRUE;

      for (guint i = 0; words[i] != NULL && all_digits; i++)
        all_digits = *words[i] == '\0' || is_all_digits (words[i]);
      if (all_digits)
        {
          char *joined = g_strjoinv ("", words);
          g_strfreev (words);
          words = g_new0 (char *, 2);
          words[0] = joined;
        }
    }

  for (guint i = 0; words[i] != NULL; i++)
    {
      const char *word = words[i];

      if (*word == '\0')
        continue;

      /* Phone numbers are stored as national numbers: what the desk
       * types with a trunk 0 or the country code 90 is cut to match. */
      if (is_all_digits (word))
        {
          if (word[0] == '0' && word[1] == '0' && word[2] == '9' && word[3] == '0')
            word += 4;
          else if (word[0] == '9' && word[1] == '0' && strlen (word) > 10)
            word += 2;
          else if (word[0] == '0')
            word += 1;
          if (*word == '\0')
            continue;
        }

      /* Folded words hold only letters and digits; quoting keeps FTS5
       * syntax out of the user's hands all the same. */
      if (query->len > 0)
        g_string_append_c (query, ' ');
      g_string_append_c (query, '"');
      for (const char *p = word; *p != '\0'; p++)
        {
          if (*p == '"')
            g_string_append_c (query, '"');
          g_string_append_c (query, *p);
        }
      g_string_append (query, "\"*");
    }

  if (query->len == 0)
    return NULL;
  return g_string_free (g_steal_pointer (&query), FALSE);
}

GPtrArray *
ahi_customer_search (AhiDb       *db,
                     const char  *typed,
                     guint        limit,
                     GError     **error)
{
  g_autoptr(GPtrArray) hits = g_ptr_array_new_with_free_func ((GDestroyNotify) ahi_customer_hit_free);
  g_autofree char *query = NULL;
  g_autoptr(GError) local_error = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (db != NULL, NULL);
  g_return_val_if_fail (typed != NULL, NULL);

  query = ahi_customer_search_query (typed);
  if (query == NULL)
    return g_steal_pointer (&hits);

  stmt = ahi_db_prepare (db, is_short_prefix (query) ? search_unranked_sql : ahi_customer_search_sql, error);
  if (stmt == NULL)
    return NULL;
  ahi_db_bind_text (stmt, 1, query);
  sqlite3_bind_int64 (stmt, 2, limit);

  while (ahi_db_step_row (db, stmt, &local_error))
    {
      AhiCustomerHit *hit = g_new0 (AhiCustomerHit, 1);

      hit->customer_id = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      hit->full_name = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      hit->phone = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
      g_ptr_array_add (hits, hit);
    }

  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  return g_steal_pointer (&hits);
}
