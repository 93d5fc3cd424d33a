/*
 * names.c - see names.h.
 */
#include "names.h"

#include <string.h>

bool genop_name_index(const char *const *names, int n, const char *name, int *index)
{
    for (int i = 0; i < n; i++)
        if (strcmp(names[i], name) == 0) {
            *index = i;
            return true;
        }
    return false;
}
