/*
 * registry.c - lookup of the standards compiled into genop.
 */
#include "registry.h"

#include <stdio.h>
#include <string.h>

#include "standard_load.h"

const genop_embedded_standard *genop_registry_find(const char *id)
{
    for (const genop_embedded_standard *s = genop_embedded_standards; s->id; s++)
        if (strcmp(s->id, id) == 0)
            return s;
    return NULL;
}

void genop_registry_ids(char *buf, size_t size)
{
    size_t used = 0;
    buf[0] = '\0';
    for (const genop_embedded_standard *s = genop_embedded_standards; s->id; s++) {
        int n = snprintf(buf + used, size - used, "%s%s", used ? ", " : "", s->id);
        if (n < 0 || (size_t)n >= size - used)
            return;
        used += (size_t)n;
    }
}

genop_err genop_registry_load(const char *id, genop_standard **out, genop_error *e)
{
    const genop_embedded_standard *s = genop_registry_find(id);
    if (!s) {
        char ids[256];
        genop_registry_ids(ids, sizeof ids);
        return genop_fail(e, GENOP_ENOTFOUND,
                          "kvalitetsstandarden '%.60s' findes ikke; de indbyggede er: %s",
                          id, ids);
    }
    char name[96];
    snprintf(name, sizeof name, "standards/%s.yaml", s->id);
    return genop_standard_parse(s->text, s->len, name, out, NULL, e);
}
