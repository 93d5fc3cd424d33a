/*
 * standard_load_documentation.c - the standard's `documentation`: what it
 * requires written down about a course (standard.h,
 * genop_documentation_rule; documentation.h judges it). Today one key,
 * end_status: a mapping holding its source and, optionally, the
 * paragraphs it applies to (by default the standard's). Read with the
 * loader's getters (standard_loader.h), so problems are reported as every
 * other part's: FILE:LINE:COLUMN and a Danish message.
 */
#include "standard_loader.h"

void sl_load_documentation(sl_loader *L, struct fy_node *root)
{
    static const char *const keys[] = {"end_status", NULL};
    static const char *const rule_keys[] = {"paragraphs", "source", NULL};
    struct fy_node *d = sl_get_map(L, root, "documentation", "standarden", false);
    if (!d)
        return;
    sl_check_keys(L, d, "documentation", keys);
    struct fy_node *n = sl_get_map(L, d, "end_status", "documentation", true);
    if (!n)
        return;
    genop_flag_rule *r = &sl_standard(L)->documentation.end_status;
    r->present = true;
    sl_check_keys(L, n, "end_status", rule_keys);
    r->paragraphs = sl_load_paragraphs(L, n, "end_status");
    sl_load_source(L, n, "end_status", &r->source);
}
