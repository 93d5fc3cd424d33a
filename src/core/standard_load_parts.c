/*
 * standard_load_parts.c - the parts of a standard that stand beside its
 * rules: `closure_reasons` (the reasons a course may end, each with its
 * source; closure_reasons.h merges them with genop's general ones) and
 * `revision` (when the standard was approved and how often it says it is
 * revised; revision.h judges it). Read with the loader's getters
 * (standard_loader.h), so problems are reported as every other part's:
 * FILE:LINE:COLUMN and a Danish message, all of them in one run.
 */
#include <string.h>

#include "closure_reasons.h"
#include "revision.h"
#include "standard_loader.h"

static char *dup_text(const char *s)
{
    return s ? strdup(s) : NULL;
}

/* True when an earlier reason of the standard has the id. */
static bool reason_taken(const genop_standard *s, const char *id)
{
    for (size_t i = 0; i < s->n_closure_reasons; i++)
        if (s->closure_reasons[i].id && strcmp(s->closure_reasons[i].id, id) == 0)
            return true;
    return false;
}

static void load_closure_reason(sl_loader *L, struct fy_node *node, struct fy_node *seq)
{
    static const char *const keys[] = {"id", "label", "source", NULL};
    genop_standard *s = sl_standard(L);
    if (!fy_node_is_mapping(node)) {
        sl_problem(L, node, seq, "hver afslutningsgrund skal være en mapping (id, label, source)");
        return;
    }
    if (s->n_closure_reasons >= GENOP_CLOSURE_REASONS_MAX) {
        sl_problem(L, node, seq, "højst %d afslutningsgrunde", GENOP_CLOSURE_REASONS_MAX);
        return;
    }
    sl_check_keys(L, node, "en afslutningsgrund", keys);
    const char *id = sl_get_text(L, node, "id", "afslutningsgrunden", true);
    if (id && !sl_valid_id(id))
        sl_problem(L, sl_member(node, "id"), node,
                   "afslutningsgrundens id '%.40s' må kun have a-z, 0-9 og _ (højst 40 tegn)", id);
    else if (id && reason_taken(s, id))
        sl_problem(L, sl_member(node, "id"), node,
                   "afslutningsgrunden '%s' står to gange; hver grund nævnes én gang", id);
    else if (id && genop_case_end_find(id, &(genop_case_end){0}))
        sl_problem(L, sl_member(node, "id"), node,
                   "afslutningsgrunden '%s' er genops egen grund til at afslutte en sag uden "
                   "forløb; giv standardens grund et andet id", id);
    genop_closure_reason *r = &s->closure_reasons[s->n_closure_reasons++];
    r->id = dup_text(id);
    r->label = dup_text(sl_get_text(L, node, "label", "afslutningsgrunden", true));
    sl_load_source(L, node, "afslutningsgrunden", &r->source);
}

void sl_load_closure_reasons(sl_loader *L, struct fy_node *root)
{
    struct fy_node *seq = sl_get_seq(L, root, "closure_reasons", "standarden", false);
    if (!seq)
        return;
    if (fy_node_sequence_item_count(seq) == 0) {
        sl_problem(L, seq, root, "closure_reasons skal nævne mindst én grund; udelad nøglen, "
                                 "hvis teksten ingen grunde nævner");
        return;
    }
    void *iter = NULL;
    struct fy_node *item;
    while ((item = fy_node_sequence_iterate(seq, &iter)) != NULL)
        load_closure_reason(L, item, seq);
}

/* revision.every: {amount, unit}; r->has_every when both are good. */
static void load_every(sl_loader *L, struct fy_node *every, genop_revision_rule *r)
{
    static const char *const keys[] = {"amount", "unit", NULL};
    sl_check_keys(L, every, "every", keys);
    bool ok = sl_get_int(L, every, "amount", "every", true, 1, 1200, &r->every_amount);
    if (sl_load_unit(L, every, "every", &r->every_unit)) {
        if (r->every_unit == GENOP_UNIT_WORKDAYS)
            sl_problem(L, sl_member(every, "unit"), every,
                       "revisionsintervallet angives i days, weeks eller months");
        else
            r->has_every = ok;
    }
}

void sl_load_revision(sl_loader *L, struct fy_node *root)
{
    static const char *const keys[] = {"approved_on", "every", "source", NULL};
    struct fy_node *n = sl_get_map(L, root, "revision", "standarden", false);
    if (!n)
        return;
    genop_revision_rule *r = &sl_standard(L)->revision;
    r->present = true;
    sl_check_keys(L, n, "revision", keys);
    const char *approved = sl_get_text(L, n, "approved_on", "revision", false);
    genop_error de;
    if (approved && genop_date_parse(approved, &r->approved_on, &de))
        sl_problem(L, sl_member(n, "approved_on"), n, "approved_on: %s", de.message);
    else
        r->has_approved_on = approved != NULL;
    struct fy_node *every = sl_get_map(L, n, "every", "revision", false);
    if (every)
        load_every(L, every, r);
    genop_date due;
    if (every && !approved)
        sl_problem(L, every, n, "revision har 'every', men ikke 'approved_on': intervallet "
                                "regnes fra godkendelsen, så datoen skal stå der");
    else if (r->has_every && r->has_approved_on && !genop_revision_due(r, &due))
        sl_problem(L, every, n, "revisionen falder uden for kalenderens interval %d-%d",
                   GENOP_YEAR_MIN, GENOP_YEAR_MAX);
    sl_load_source(L, n, "revision", &r->source);
}
