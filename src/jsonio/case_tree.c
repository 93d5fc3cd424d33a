/*
 * case_tree.c - the case reader over a jansson tree (see case_tree.h).
 */
#include "case_tree.h"

#include "case_reader.h"

/* The source of case_reader.h for a tree. */
static genop_err from_tree(const void *input, const genop_json_sax *sax, void *ctx,
                           genop_error *e)
{
    return genop_json_sax_walk(input, sax, ctx, e);
}

genop_err genop_case_from_json(const json_t *root, genop_case *c, genop_error *e)
{
    return genop_case_read(from_tree, root, c, e);
}

genop_err genop_event_from_json(const json_t *obj, const char *path, genop_event *ev,
                                genop_error *e)
{
    return genop_event_read(from_tree, obj, path, ev, e);
}

genop_err genop_event_from_json_grant(const json_t *obj, const char *path, genop_event *ev,
                                      genop_grant *grant, genop_error *e)
{
    return genop_event_read_grant(from_tree, obj, path, ev, grant, e);
}
