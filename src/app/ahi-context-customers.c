/* ahi-context-customers.c — the customer list and its type-ahead search
 *
 * Both run on the context's worker connection (one job at a time, under
 * worker_lock), never on the main thread: on a 100k-customer business a
 * ranked search or a page with its projections is no work for the frame
 * clock. Each keystroke starts a search and cancels the one before; a
 * cancelled search that is still waiting for the lock gives up without
 * touching the database, so a fast typist queues no work. The rows come
 * back as AhiCustomerItem, every text already made for the desk to read.
 */
#include "ahi-context-private.h"

#include "ahi-customer-item.h"
#include "ahi-i18n.h"
#include "core/ahi-time.h"
#include "store/query/ahi-customer-query.h"
#include "store/query/ahi-customer-search.h"
#include "store/ahi-tenant.h"

typedef struct {
  char     *typed;      /* NULL: the list's first page */
  guint     limit;
  char     *language;   /* the app's, read on the main thread */
  gboolean  has_more;   /* out */
} SearchJob;

/* --------------------------------------------------------------- helpers */

static void
search_job_free (SearchJob *job)
{
  g_free (job->typed);
  g_free (job->language);
  g_free (job);
}

static AhiCustomerItem *
item_from_customer (const AhiCustomer *customer,
                    GTimeZone         *zone,
                    const char        *language)
{
  g_autofree char *last_visit = NULL;

  if (customer->last_completed_at != 0)
    last_visit = ahi_time_format_date (zone, customer->last_completed_at, language);
  return ahi_customer_item_new (customer->customer_id, customer->full_name, customer->phone,
                                customer->last_completed_at, last_visit);
}

/* The hits of a search, each read whole (by its primary key) for the
 * date of the last visit, which the search index does not carry. */
static gboolean
add_hits (AhiDb       *db,
          SearchJob   *job,
          GTimeZone   *zone,
          GListStore  *model,
          GError     **error)
{
  g_autoptr(GPtrArray) hits = NULL;

  /* One more than shown tells whether the search was cut short. */
  hits = ahi_customer_search (db, job->typed, job->limit + 1, error);
  if (hits == NULL)
    return FALSE;
  job->has_more = hits->len > job->limit;
  for (guint i = 0; i < MIN (hits->len, job->limit); i++)
    {
      const AhiCustomerHit *hit = g_ptr_array_index (hits, i);
      g_autoptr(AhiCustomer) customer = ahi_customer_query_get (db, hit->customer_id, error);
      g_autoptr(AhiCustomerItem) item = NULL;

      if (customer == NULL)
        return FALSE;
      item = item_from_customer (customer, zone, job->language);
      g_list_store_append (model, item);
    }
  return TRUE;
}

static gboolean
add_first_page (AhiDb       *db,
                SearchJob   *job,
                GTimeZone   *zone,
                GListStore  *model,
                GError     **error)
{
  g_autoptr(GPtrArray) customers = ahi_customer_query_list (db, NULL, job->limit, &job->has_more, error);

  if (customers == NULL)
    return FALSE;
  for (guint i = 0; i < customers->len; i++)
    {
      g_autoptr(AhiCustomerItem) item = item_from_customer (g_ptr_array_index (customers, i), zone, job->language);
      g_list_store_append (model, item);
    }
  return TRUE;
}

static void
search_in_thread (GTask        *task,
                  gpointer      source,
                  gpointer      data,
                  GCancellable *cancellable)
{
  AhiContext *self = source;
  SearchJob *job = data;
  g_autoptr(GListStore) model = g_list_store_new (AHI_TYPE_CUSTOMER_ITEM);
  GError *error = NULL;
  AhiStore *store;
  gboolean ok = FALSE;

  g_mutex_lock (&self->worker_lock);
  /* The user typed on while this one waited for the connection. */
  if (g_cancellable_set_error_if_cancelled (cancellable, &error))
    {
      g_mutex_unlock (&self->worker_lock);
      g_task_return_error (task, error);
      return;
    }
  store = _ahi_context_worker_store (self, &error);
  if (store != NULL)
    {
      AhiDb *db = ahi_store_get_db (store);
      g_autoptr(GTimeZone) zone = ahi_tenant_timezone (db);

      ok = job->typed != NULL ? add_hits (db, job, zone, model, &error)
                              : add_first_page (db, job, zone, model, &error);
    }
  g_mutex_unlock (&self->worker_lock);

  if (!ok)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, g_steal_pointer (&model), g_object_unref);
}

/* ------------------------------------------------------------ public API */

void
ahi_context_search_customers_async (AhiContext          *self,
                                    const char          *typed,
                                    guint                limit,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autofree char *query = NULL;
  SearchJob *job;

  g_return_if_fail (AHI_IS_CONTEXT (self));
  g_return_if_fail (limit > 0);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, ahi_context_search_customers_async);

  job = g_new0 (SearchJob, 1);
  /* Text with nothing searchable left (spaces, a lone dash) is no search:
   * the list shows as if nothing were typed. Building the FTS query is
   * pure string work, no SQL. */
  query = typed != NULL ? ahi_customer_search_query (typed) : NULL;
  job->typed = query != NULL ? g_strdup (typed) : NULL;
  job->limit = limit;
  job->language = g_strdup (ahi_i18n_language ());
  g_task_set_task_data (task, job, (GDestroyNotify) search_job_free);
  g_task_run_in_thread (task, search_in_thread);
}

GListModel *
ahi_context_search_customers_finish (AhiContext    *self,
                                     GAsyncResult  *result,
                                     gboolean      *out_has_more,
                                     GError       **error)
{
  GListModel *model;

  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == ahi_context_search_customers_async, NULL);

  model = g_task_propagate_pointer (G_TASK (result), error);
  if (model != NULL && out_has_more != NULL)
    *out_has_more = ((SearchJob *) g_task_get_task_data (G_TASK (result)))->has_more;
  return model;
}
