/* ahi-blueprint-private.h — what the blueprint's files share
 *
 * The blueprint is split by idea (the GObject and its accessors, parsing
 * against the contract, merging overrides, the canonical JSON form); these
 * are the struct, the contract tables and the error and reader helpers more
 * than one of them needs.
 */
#pragma once

#include "ahi-blueprint.h"

G_BEGIN_DECLS

struct _AhiBlueprint
{
  GObject       parent_instance;

  /* Every string of the blueprint lives here; the structs point into it. */
  GStringChunk *strings;

  const char   *id;
  const char   *primary_object;
  char        **required[3];      /* by _ahi_blueprint_required_objects[], NULL when absent */
  GArray       *resource_kinds;   /* AhiResourceKind */
  const char   *capacity_kind;
  GArray       *templates;        /* AhiResourceTemplate */
  char        **kpis;
  char        **modules;
  GArray       *automations;      /* AhiAutomationRule, params owned */
  AhiRiskTiers  risk_tiers;
  AhiFinancePolicy finance;
  AhiCompliance compliance;
  GArray       *opening_hours;    /* AhiOpeningInterval */
  GArray       *services;         /* AhiBlueprintService, resource_kinds owned */
  GHashTable   *words;            /* key → word */
  GHashTable   *module_labels;    /* module id → label */
  GHashTable   *kpi_labels;       /* kpi id → label */
};

/* The contract's tables that more than one file reads; NULL-terminated.
 * Defined with the rest of the contract in ahi-blueprint-parse.c. */
extern const char * const _ahi_blueprint_known_kpis[];
extern const char * const _ahi_blueprint_known_modules[];
extern const char * const _ahi_blueprint_required_objects[];
extern const char * const _ahi_blueprint_word_keys[];

void      _ahi_blueprint_report_error (GError     **error,
                                       const char  *path,
                                       const char  *format,
                                       ...) G_GNUC_PRINTF (3, 4);

/* "return fail (…)" reads as what it does, and lets the compiler see that
 * the out-parameters of a failed reader are never used. */
#define fail(error, path, ...) (_ahi_blueprint_report_error ((error), (path), __VA_ARGS__), FALSE)

char     *_ahi_blueprint_member_path  (const char   *parent,
                                       const char   *name);
char     *_ahi_blueprint_index_path   (const char   *parent,
                                       guint         index);
gboolean  _ahi_blueprint_read_bool    (JsonNode     *node,
                                       const char   *path,
                                       gboolean     *out,
                                       GError      **error);
gboolean  _ahi_blueprint_read_ident   (JsonNode     *node,
                                       const char   *path,
                                       const char  **out,
                                       GError      **error);
gboolean  _ahi_blueprint_read_object  (JsonNode     *node,
                                       const char   *path,
                                       JsonObject  **out,
                                       GError      **error);
gssize    _ahi_blueprint_strv_index   (const char * const *strv,
                                       const char         *s);

G_END_DECLS
