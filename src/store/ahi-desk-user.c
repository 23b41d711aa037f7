/* ahi-desk-user.c — who is at the desk: staff members and their PINs */
#include "store/ahi-desk-user.h"

#include <string.h>
#include <sodium.h>

#include "store/ahi-store-error.h"
#include "core/ahi-fold.h"
#include "core/ahi-password.h"

typedef struct {
  char   *staff_id;
  char   *pin;
  char   *actor_id;
  char   *actor_role;
  gint64  now;
} PinJob;

/* Tests ask for libsodium's minimum cost; the desk uses the interactive
 * one. Read on the hashing thread, hence atomic. */
static gint use_min_cost = 0;

/* ------------------------------------------------------------- helpers */

static void
pin_job_free (PinJob *job)
{
  /* The PIN copy was ours: leave no trace of it in freed memory. */
  if (job->pin != NULL)
    sodium_memzero (job->pin, strlen (job->pin));
  g_free (job->pin);
  g_free (job->staff_id);
  g_free (job->actor_id);
  g_free (job->actor_role);
  g_free (job);
}

static guint
role_rank (const char *role)
{
  if (g_strcmp0 (role, "owner") == 0)
    return 0;
  if (g_strcmp0 (role, "manager") == 0)
    return 1;
  return 2;
}

typedef struct {
  AhiDeskUser *user;
  char        *key;    /* folded name, for an order that knows Ç and İ */
} SortEntry;

static gint
compare_entries (gconstpointer a,
                 gconstpointer b)
{
  const SortEntry *x = a, *y = b;
  guint rx = role_rank (x->user->role), ry = role_rank (y->user->role);
  int by_name;

  if (rx != ry)
    return rx < ry ? -1 : 1;
  by_name = strcmp (x->key, y->key);
  return by_name != 0 ? by_name : strcmp (x->user->staff_id, y->user->staff_id);
}

/* An active member's role and PIN hash (NULL when none is set). */
static gboolean
lookup_member (AhiDb       *db,
               const char  *staff_id,
               char       **out_role,
               char       **out_hash,
               GError     **error)
{
  sqlite3_stmt *stmt = ahi_db_prepare (db, "SELECT role, pin_hash FROM staff WHERE staff_id = ? AND active", error);
  g_autoptr(GError) local_error = NULL;
  gboolean found = FALSE;

  if (stmt == NULL)
    return FALSE;
  ahi_db_bind_text (stmt, 1, staff_id);
  if (ahi_db_step_row (db, stmt, &local_error))
    {
      found = TRUE;
      *out_role = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      *out_hash = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      sqlite3_reset (stmt);
    }
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  if (!found)
    {
      g_set_error (error, AHI_STORE_ERROR, AHI_STORE_ERROR_NOT_FOUND,
                   "No staff member %s works here", staff_id);
      return FALSE;
    }
  return TRUE;
}

/* Anyone may change their own PIN; an owner anyone's; a manager those of
 * staff-role members. A manager resetting an owner's PIN could act as the
 * owner, so that is refused. */
static gboolean
may_set_pin (const char  *staff_id,
             const char  *member_role,
             const char  *actor_id,
             const char  *actor_role,
             GError     **error)
{
  if (g_strcmp0 (staff_id, actor_id) == 0 ||
      g_strcmp0 (actor_role, "owner") == 0 ||
      (g_strcmp0 (actor_role, "manager") == 0 && g_strcmp0 (member_role, "staff") == 0))
    return TRUE;

  g_set_error (error, AHI_STORE_ERROR, AHI_STORE_ERROR_FORBIDDEN,
               "A %s may not set the PIN of a %s", actor_role, member_role);
  return FALSE;
}

/* Everything a PIN change must pass before the expensive hash. */
static gboolean
check_set_pin (AhiStore    *store,
               const char  *staff_id,
               const char  *pin,
               const char  *actor_id,
               const char  *actor_role,
               GError     **error)
{
  g_autofree char *role = NULL;
  g_autofree char *hash = NULL;

  return ahi_desk_pin_is_valid (pin, error) &&
         lookup_member (ahi_store_get_db (store), staff_id, &role, &hash, error) &&
         may_set_pin (staff_id, role, actor_id, actor_role, error);
}

static AhiPasswordCost
pin_cost (void)
{
  return g_atomic_int_get (&use_min_cost) ? ahi_password_cost_min () : ahi_password_cost_interactive ();
}

static char *
hash_pin (const char  *pin,
          GError     **error)
{
  return ahi_password_hash (pin, pin_cost (), error);
}

static gboolean
verify_hash (const char  *hash,
             const char  *pin,
             GError     **error)
{
  if (ahi_password_verify (hash, pin))
    return TRUE;

  g_set_error_literal (error, AHI_STORE_ERROR, AHI_STORE_ERROR_WRONG_PIN, "Wrong PIN");
  return FALSE;
}

/* The stored hash of a member whose PIN is to be verified. */
static char *
hash_to_verify (AhiDb       *db,
                const char  *staff_id,
                const char  *pin,
                GError     **error)
{
  g_autofree char *role = NULL;
  char *hash = NULL;

  if (!ahi_desk_pin_is_valid (pin, error) ||
      !lookup_member (db, staff_id, &role, &hash, error))
    return NULL;
  if (hash == NULL)
    g_set_error (error, AHI_STORE_ERROR, AHI_STORE_ERROR_INVALID_STATE,
                 "Staff member %s has no PIN yet", staff_id);
  return hash;
}

/* Appends the staff.updated event that carries the new hash. */
static AhiEvent *
append_pin_event (AhiStore    *store,
                  const char  *staff_id,
                  const char  *hash,
                  const char  *actor_id,
                  const char  *actor_role,
                  gint64       now,
                  GError     **error)
{
  g_autoptr(AhiEvent) event = ahi_store_new_event (store, "staff.updated", staff_id, actor_id, actor_role, now);

  json_object_set_string_member (ahi_event_get_pii (event), "pin_hash", hash);
  if (!ahi_store_append (store, event, NULL, error))
    return NULL;
  return g_steal_pointer (&event);
}

/* ------------------------------------------------------------ callbacks */

/* Back on the caller's thread: the store is touched only here. */
static void
on_pin_hashed_cb (GObject      *source_object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) outer = user_data;
  PinJob *job = g_task_get_task_data (outer);
  AhiStore *store = g_task_get_source_object (outer);
  g_autofree char *hash = NULL;
  GError *error = NULL;
  AhiEvent *event;

  hash = ahi_password_hash_finish (result, &error);
  if (hash == NULL)
    {
      g_task_return_error (outer, error);
      return;
    }
  event = append_pin_event (store, job->staff_id, hash, job->actor_id, job->actor_role, job->now, &error);
  if (event == NULL)
    g_task_return_error (outer, error);
  else
    g_task_return_pointer (outer, event, (GDestroyNotify) ahi_event_free);
}

/* Back on the caller's thread: a mismatch becomes WRONG_PIN. */
static void
on_pin_verified_cb (GObject      *source_object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(GTask) outer = user_data;
  GError *error = NULL;

  if (ahi_password_verify_finish (result, &error))
    g_task_return_boolean (outer, TRUE);
  else if (error != NULL)
    g_task_return_error (outer, error);
  else
    g_task_return_new_error (outer, AHI_STORE_ERROR, AHI_STORE_ERROR_WRONG_PIN, "Wrong PIN");
}

/* ---------------------------------------------------------- public API */

void
ahi_desk_user_free (AhiDeskUser *user)
{
  if (user == NULL)
    return;
  g_free (user->staff_id);
  g_free (user->display_name);
  g_free (user->role);
  g_free (user);
}

GPtrArray *
ahi_desk_users_list (AhiDb   *db,
                     GError **error)
{
  g_autoptr(GArray) entries = g_array_new (FALSE, FALSE, sizeof (SortEntry));
  g_autoptr(GError) local_error = NULL;
  GPtrArray *users;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (db != NULL, NULL);

  stmt = ahi_db_prepare (db,
    "SELECT staff_id, display_name, role, pin_hash IS NOT NULL FROM staff WHERE active", error);
  if (stmt == NULL)
    return NULL;
  while (ahi_db_step_row (db, stmt, &local_error))
    {
      AhiDeskUser *user = g_new0 (AhiDeskUser, 1);
      SortEntry entry;

      user->staff_id = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      user->display_name = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      user->role = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
      user->has_pin = sqlite3_column_int (stmt, 3) != 0;
      entry = (SortEntry) { user, ahi_fold (user->display_name) };
      g_array_append_val (entries, entry);
    }

  g_array_sort (entries, compare_entries);
  users = g_ptr_array_new_full (entries->len, (GDestroyNotify) ahi_desk_user_free);
  for (guint i = 0; i < entries->len; i++)
    {
      SortEntry *entry = &g_array_index (entries, SortEntry, i);

      g_ptr_array_add (users, entry->user);
      g_free (entry->key);
    }

  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      g_ptr_array_unref (users);
      return NULL;
    }
  return users;
}

gboolean
ahi_desk_pin_is_valid (const char  *pin,
                       GError     **error)
{
  gsize length = pin != NULL ? strlen (pin) : 0;

  /* ASCII digits only: a PIN pad types those, and "٤٥٦٧" or "1234 " would
   * otherwise hash to a PIN nobody can type again. */
  for (gsize i = 0; i < length; i++)
    if (!g_ascii_isdigit (pin[i]))
      {
        length = 0;
        break;
      }
  if (length < AHI_DESK_PIN_MIN_DIGITS || length > AHI_DESK_PIN_MAX_DIGITS)
    {
      g_set_error (error, AHI_STORE_ERROR, AHI_STORE_ERROR_INVALID_INPUT,
                   "A PIN is %d to %d digits", AHI_DESK_PIN_MIN_DIGITS, AHI_DESK_PIN_MAX_DIGITS);
      return FALSE;
    }
  return TRUE;
}

AhiEvent *
ahi_desk_user_set_pin_event (AhiStore    *store,
                             const char  *staff_id,
                             const char  *pin,
                             const char  *actor_id,
                             const char  *actor_role,
                             gint64       now,
                             GError     **error)
{
  g_autofree char *hash = NULL;

  g_return_val_if_fail (AHI_IS_STORE (store), NULL);
  g_return_val_if_fail (staff_id != NULL, NULL);
  g_return_val_if_fail (actor_id != NULL && actor_role != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!check_set_pin (store, staff_id, pin, actor_id, actor_role, error))
    return NULL;
  hash = hash_pin (pin, error);
  if (hash == NULL)
    return NULL;
  return append_pin_event (store, staff_id, hash, actor_id, actor_role, now, error);
}

gboolean
ahi_desk_user_verify_pin (AhiDb       *db,
                          const char  *staff_id,
                          const char  *pin,
                          GError     **error)
{
  g_autofree char *hash = NULL;

  g_return_val_if_fail (db != NULL, FALSE);
  g_return_val_if_fail (staff_id != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  hash = hash_to_verify (db, staff_id, pin, error);
  return hash != NULL && verify_hash (hash, pin, error);
}

void
ahi_desk_user_set_pin_event_async (AhiStore            *store,
                                   const char          *staff_id,
                                   const char          *pin,
                                   const char          *actor_id,
                                   const char          *actor_role,
                                   gint64               now,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_autoptr(GTask) outer = NULL;
  GError *error = NULL;
  PinJob *job;

  g_return_if_fail (AHI_IS_STORE (store));
  g_return_if_fail (staff_id != NULL);
  g_return_if_fail (actor_id != NULL && actor_role != NULL);

  outer = g_task_new (store, cancellable, callback, user_data);
  g_task_set_source_tag (outer, ahi_desk_user_set_pin_event_async);

  if (!check_set_pin (store, staff_id, pin, actor_id, actor_role, &error))
    {
      g_task_return_error (outer, error);
      return;
    }

  job = g_new0 (PinJob, 1);
  job->staff_id = g_strdup (staff_id);
  job->pin = g_strdup (pin);
  job->actor_id = g_strdup (actor_id);
  job->actor_role = g_strdup (actor_role);
  job->now = now;
  g_task_set_task_data (outer, job, (GDestroyNotify) pin_job_free);

  /* The hash runs on the pool; its callback, on this thread, appends. */
  ahi_password_hash_async (pin, pin_cost (), cancellable, on_pin_hashed_cb, g_object_ref (outer));
}

AhiEvent *
ahi_desk_user_set_pin_event_finish (AhiStore      *store,
                                    GAsyncResult  *result,
                                    GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, store), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == ahi_desk_user_set_pin_event_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

void
ahi_desk_user_verify_pin_async (AhiDb               *db,
                                const char          *staff_id,
                                const char          *pin,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autofree char *hash = NULL;
  GError *error = NULL;

  g_return_if_fail (db != NULL);
  g_return_if_fail (staff_id != NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, ahi_desk_user_verify_pin_async);

  hash = hash_to_verify (db, staff_id, pin, &error);
  if (hash == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  /* The hash is read here, on the caller's thread; only Argon2id runs on
   * the pool. */
  ahi_password_verify_async (hash, pin, cancellable, on_pin_verified_cb, g_object_ref (task));
}

gboolean
ahi_desk_user_verify_pin_finish (GAsyncResult  *result,
                                 GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == ahi_desk_user_verify_pin_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

void
ahi_desk_user_set_min_cost (gboolean min_cost)
{
  g_atomic_int_set (&use_min_cost, min_cost ? 1 : 0);
}
