/*
 * result_tree.c - an evaluation as a jansson tree (see result_tree.h).
 */
#include "result_tree.h"

#include "result_json.h"
#include "strbuf.h"

json_t *genop_result_to_json(const genop_result *r, const genop_case *c)
{
    genop_buf b = {0};
    genop_result_write_json(r, c, &b);
    json_t *j = genop_buf_failed(&b) ? NULL : json_loadb(b.data, b.len, 0, NULL);
    genop_buf_release(&b);
    return j;
}
