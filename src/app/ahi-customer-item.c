/* ahi-customer-item.c — one row of the customer list, ready to show */
#include "ahi-customer-item.h"

#include "core/ahi-phone.h"

struct _AhiCustomerItem
{
  GObject  parent_instance;

  char    *customer_id;
  char    *full_name;
  char    *phone;          /* formatted for reading */
  gint64   last_visit_at;
  char    *last_visit;
};

G_DEFINE_FINAL_TYPE (AhiCustomerItem, ahi_customer_item, G_TYPE_OBJECT)

/* ------------------------------------------------------------- overrides */

static void
ahi_customer_item_finalize (GObject *object)
{
  AhiCustomerItem *self = AHI_CUSTOMER_ITEM (object);

  g_free (self->customer_id);
  g_free (self->full_name);
  g_free (self->phone);
  g_free (self->last_visit);

  G_OBJECT_CLASS (ahi_customer_item_parent_class)->finalize (object);
}

static void
ahi_customer_item_class_init (AhiCustomerItemClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = ahi_customer_item_finalize;
}

static void
ahi_customer_item_init (AhiCustomerItem *self)
{
}

/* ------------------------------------------------------------ public API */

AhiCustomerItem *
ahi_customer_item_new (const char *customer_id,
                       const char *full_name,
                       const char *phone,
                       gint64      last_visit_at,
                       const char *last_visit)
{
  AhiCustomerItem *self;

  g_return_val_if_fail (customer_id != NULL, NULL);

  self = g_object_new (AHI_TYPE_CUSTOMER_ITEM, NULL);
  self->customer_id = g_strdup (customer_id);
  self->full_name = g_strdup (full_name);
  /* Grouped once here rather than on every bind of the row. */
  self->phone = phone != NULL && *phone != '\0' ? ahi_phone_format (phone) : NULL;
  self->last_visit_at = last_visit_at;
  self->last_visit = g_strdup (last_visit);
  return self;
}

const char *
ahi_customer_item_get_id (AhiCustomerItem *self)
{
  g_return_val_if_fail (AHI_IS_CUSTOMER_ITEM (self), NULL);
  return self->customer_id;
}

const char *
ahi_customer_item_get_name (AhiCustomerItem *self)
{
  g_return_val_if_fail (AHI_IS_CUSTOMER_ITEM (self), NULL);
  return self->full_name;
}

const char *
ahi_customer_item_get_phone (AhiCustomerItem *self)
{
  g_return_val_if_fail (AHI_IS_CUSTOMER_ITEM (self), NULL);
  return self->phone;
}

gint64
ahi_customer_item_get_last_visit_at (AhiCustomerItem *self)
{
  g_return_val_if_fail (AHI_IS_CUSTOMER_ITEM (self), 0);
  return self->last_visit_at;
}

const char *
ahi_customer_item_get_last_visit (AhiCustomerItem *self)
{
  g_return_val_if_fail (AHI_IS_CUSTOMER_ITEM (self), NULL);
  return self->last_visit;
}
