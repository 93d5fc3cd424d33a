/*
 * api_fsiii.c - GET /api/v1/fsiii: the part of FSIII genop records
 * function ability with (src/core/fsiii.h; KL's FSIII version 20240530,
 * OID 1.2.208.176.2.21): the function-ability scale and the
 * function-ability conditions by area, with their codes and Danish names,
 * for the forms and tables of the web app's Udredning.
 *
 * Any logged-in role may read it. It holds no personal data, so no
 * access-log row is written. Answer:
 *   {"source": {"name", "publisher", "version", "oid"},
 *    "levels": [{"level", "code", "name", "definition"}],
 *    "areas": [{"code", "name", "conditions": [{"code", "name", "definition"}]}]}
 */
#include "api.h"
#include "fsiii.h"
#include "json_util.h"

static json_t *source_json(const genop_fsiii_table *t)
{
    json_t *o = json_object();
    jset(o, "name", jstr("FSIII (Fælles Sprog III)"));
    jset(o, "publisher", jstr("KL (Kommunernes Landsforening), via HL7 Denmark"));
    jset(o, "version", jstr(t->version));
    jset(o, "oid", jstr(t->oid));
    return o;
}

static json_t *levels_json(const genop_fsiii_table *t)
{
    json_t *arr = json_array();
    for (size_t i = 0; i < t->n_levels; i++) {
        const genop_fsiii_level *lv = &t->levels[i];
        json_t *o = json_object();
        jset(o, "level", json_integer(lv->level));
        jset(o, "code", jstr(lv->code));
        jset(o, "name", jstr(lv->name));
        jset(o, "definition", jstr(lv->definition));
        json_array_append_new(arr, o);
    }
    return arr;
}

/* The conditions of area `area`, in the table's (KL's) order. */
static json_t *conditions_json(const genop_fsiii_table *t, size_t area)
{
    json_t *arr = json_array();
    for (size_t i = 0; i < t->n_conditions; i++) {
        const genop_fsiii_condition *c = &t->conditions[i];
        if (c->area != area)
            continue;
        json_t *o = json_object();
        jset(o, "code", jstr(c->code));
        jset(o, "name", jstr(c->name));
        jset(o, "definition", jstr(c->definition));
        json_array_append_new(arr, o);
    }
    return arr;
}

static json_t *areas_json(const genop_fsiii_table *t)
{
    json_t *arr = json_array();
    for (size_t i = 0; i < t->n_areas; i++) {
        json_t *o = json_object();
        jset(o, "code", jstr(t->areas[i].code));
        jset(o, "name", jstr(t->areas[i].name));
        jset(o, "conditions", conditions_json(t, i));
        json_array_append_new(arr, o);
    }
    return arr;
}

void api_fsiii_get(api_ctx *c, http_reply *out)
{
    (void)c;
    const genop_fsiii_table *t = &genop_fsiii_data;
    json_t *o = json_object();
    jset(o, "source", source_json(t));
    jset(o, "levels", levels_json(t));
    jset(o, "areas", areas_json(t));
    http_reply_json(out, 200, o);
}
