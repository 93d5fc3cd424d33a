/*
 * api_page.c - a page of a list as the API answers it: {"items", "total",
 * "limit", "offset"} (see api.h).
 */
#include "api.h"
#include "json_util.h"

json_t *api_page_json(json_t *items, size_t total, size_t limit, size_t offset)
{
    json_t *o = json_object();
    jset(o, "items", items);
    jset(o, "total", json_integer((json_int_t)total));
    jset(o, "limit", json_integer((json_int_t)limit));
    jset(o, "offset", json_integer((json_int_t)offset));
    return o;
}
