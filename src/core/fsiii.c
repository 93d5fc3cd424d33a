/*
 * fsiii.c - look-ups in the compiled-in FSIII table (see fsiii.h; KL's
 * FSIII version 20240530, OID 1.2.208.176.2.21): a condition by its code,
 * by binary search over the indices the build sorted by code, and the
 * steps of the function-ability scale.
 */
#include "fsiii.h"

#include <string.h>

const genop_fsiii_condition *genop_fsiii_condition_find(const char *code, size_t len,
                                                        size_t *index)
{
    const genop_fsiii_table *t = &genop_fsiii_data;
    if (len != GENOP_FSIII_CODE_LEN)
        return NULL;
    size_t lo = 0, hi = t->n_conditions;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        size_t i = t->by_code[mid];
        int cmp = memcmp(code, t->conditions[i].code, GENOP_FSIII_CODE_LEN);
        if (cmp == 0) {
            if (index)
                *index = i;
            return &t->conditions[i];
        }
        if (cmp < 0)
            hi = mid;
        else
            lo = mid + 1;
    }
    return NULL;
}

const genop_fsiii_area *genop_fsiii_condition_area(const genop_fsiii_condition *c)
{
    return &genop_fsiii_data.areas[c->area];
}

const genop_fsiii_level *genop_fsiii_level_find(long long level)
{
    const genop_fsiii_table *t = &genop_fsiii_data;
    for (size_t i = 0; i < t->n_levels; i++)
        if (t->levels[i].level == level)
            return &t->levels[i];
    return NULL;
}

bool genop_fsiii_level_valid(long long level)
{
    return genop_fsiii_level_find(level) != NULL;
}
