/*
 * standard_load_quotes.c - keeps one libfyaml 0.7.12 bug away from the
 * loader: in a single-quoted scalar, two or more escaped quotes in a row
 * ('x '''' y', which YAML reads as "x '' y") come back from
 * fy_node_get_scalar0() wrong (0.7.12 gives "x ''' "), and from four in a
 * row on, as an empty text while libfyaml leaks the buffer it built
 * (fy_atom_format_text() returns before fy_atom_iter_finish()). Fixed
 * upstream after 0.7.12 (libfyaml commit c0a716e, "atom: Correctly handle
 * streams of single quoted single quotes"); found by
 * tests/fuzz/fuzz_standard.
 *
 * Before the loader reads a single text, this walk looks at the source
 * bytes of every single-quoted scalar (its marks give where it is) and
 * reports each one holding four quote characters in a row - which inside
 * single quotes can only be two escaped quotes - at its FILE:LINE:COLUMN,
 * asking for double quotes instead. The loader then reads nothing.
 */
#include <string.h>

#include "standard_loader.h"

/* Deeper than any part of the format (standard-format.md); a node below it
 * is never read by the loader, so it cannot reach the bug. */
enum { QUOTES_DEPTH_MAX = 32 };

/* True when the single-quoted scalar node's source holds "''''". The
 * token's marks (libfyaml 0.7.12) span the text between the quotes. */
static bool has_quote_run(struct fy_node *node, const char *text, size_t len)
{
    if (fy_node_get_style(node) != FYNS_SINGLE_QUOTED)
        return false;
    struct fy_token *t = fy_node_get_scalar_token(node);
    const struct fy_mark *start = t ? fy_token_start_mark(t) : NULL;
    const struct fy_mark *end = t ? fy_token_end_mark(t) : NULL;
    if (!start || !end || end->input_pos > len || start->input_pos > end->input_pos)
        return false;
    int run = 0;
    for (size_t i = start->input_pos; i < end->input_pos; i++) {
        run = text[i] == '\'' ? run + 1 : 0;
        if (run == 4)
            return true;
    }
    return false;
}

static int check_node(sl_loader *L, struct fy_node *node, const char *text, size_t len,
                      int depth)
{
    if (!node || depth > QUOTES_DEPTH_MAX)
        return 0;
    if (fy_node_is_scalar(node)) {
        if (!has_quote_run(node, text, len))
            return 0;
        sl_problem(L, node, NULL,
                   "to eller flere undslupne apostroffer i træk ('') i en tekst i enkelte "
                   "anførselstegn læser YAML-biblioteket forkert; skriv teksten i dobbelte "
                   "anførselstegn (\"...\")");
        return 1;
    }
    int found = 0;
    void *iter = NULL;
    if (fy_node_is_mapping(node)) {
        struct fy_node_pair *pair;
        while ((pair = fy_node_mapping_iterate(node, &iter)) != NULL) {
            found += check_node(L, fy_node_pair_key(pair), text, len, depth + 1);
            found += check_node(L, fy_node_pair_value(pair), text, len, depth + 1);
        }
        return found;
    }
    struct fy_node *item;
    while ((item = fy_node_sequence_iterate(node, &iter)) != NULL)
        found += check_node(L, item, text, len, depth + 1);
    return found;
}

bool sl_check_single_quotes(sl_loader *L, struct fy_node *root, const char *text, size_t len)
{
    return check_node(L, root, text, len, 0) == 0;
}
