/*
 * standard_load_criteria.c - the standard's `criteria`: the conditions
 * its text sets for who can and cannot receive training, each with its
 * source (standard.h, genop_criterion; criteria.h lists them after the
 * eligibility rules). Read with the loader's getters (standard_loader.h),
 * so problems are reported as every other part's: FILE:LINE:COLUMN and a
 * Danish message, all of them in one run.
 */
#include <string.h>

#include "criteria.h"
#include "standard_loader.h"

static char *dup_text(const char *s)
{
    return s ? strdup(s) : NULL;
}

/* True when an earlier criterion of the standard has the id. */
static bool criterion_taken(const genop_standard *s, const char *id)
{
    for (size_t i = 0; i < s->n_criteria; i++)
        if (s->criteria[i].id && strcmp(s->criteria[i].id, id) == 0)
            return true;
    return false;
}

/* The item's id, checked: well-formed, not reserved, not seen before. */
static const char *criterion_id(sl_loader *L, struct fy_node *node)
{
    const char *id = sl_get_text(L, node, "id", "kriteriet", true);
    struct fy_node *at = sl_member(node, "id");
    if (!id)
        return NULL;
    if (!sl_valid_id(id))
        sl_problem(L, at, node, "kriteriets id '%.40s' må kun have a-z, 0-9 og _ (højst 40 tegn)",
                   id);
    else if (genop_criterion_id_reserved(id))
        sl_problem(L, at, node,
                   "kriteriets id '%s' er forbeholdt: minimum_age, residency, "
                   "hospital_plan_excludes og quarantine er betingelserne under eligibility, og "
                   "other er en begrundelse, standarden ikke nævner",
                   id);
    else if (criterion_taken(sl_standard(L), id))
        sl_problem(L, at, node, "kriteriet '%s' står to gange; hvert kriterium nævnes én gang", id);
    else
        return id;
    return NULL;
}

static void load_criterion(sl_loader *L, struct fy_node *node, struct fy_node *seq)
{
    static const char *const keys[] = {"id", "text", "paragraphs", "source", NULL};
    genop_standard *s = sl_standard(L);
    if (!fy_node_is_mapping(node)) {
        sl_problem(L, node, seq, "hvert kriterium skal være en mapping (id, text, source)");
        return;
    }
    if (s->n_criteria >= GENOP_CRITERIA_MAX) {
        sl_problem(L, node, seq, "højst %d kriterier", GENOP_CRITERIA_MAX);
        return;
    }
    sl_check_keys(L, node, "et kriterium", keys);
    const char *id = criterion_id(L, node);
    const char *text = sl_get_text(L, node, "text", "kriteriet", true);
    if (text && strlen(text) >= GENOP_CRITERION_TEXT_MAX) {
        sl_problem(L, sl_member(node, "text"), node,
                   "kriteriets tekst er %zu bytes; højst %d", strlen(text),
                   GENOP_CRITERION_TEXT_MAX - 1);
        text = NULL;
    }
    genop_criterion *c = &s->criteria[s->n_criteria++];
    c->id = dup_text(id);
    c->text = dup_text(text);
    c->paragraphs = sl_load_paragraphs(L, node, "kriteriet");
    sl_load_source(L, node, "kriteriet", &c->source);
}

void sl_load_criteria(sl_loader *L, struct fy_node *root)
{
    struct fy_node *seq = sl_get_seq(L, root, "criteria", "standarden", false);
    if (!seq)
        return;
    if (fy_node_sequence_item_count(seq) == 0) {
        sl_problem(L, seq, root, "criteria skal nævne mindst ét kriterium; udelad nøglen, "
                                 "hvis teksten ingen nævner");
        return;
    }
    void *iter = NULL;
    struct fy_node *item;
    while ((item = fy_node_sequence_iterate(seq, &iter)) != NULL)
        load_criterion(L, item, seq);
}
