/*
 * location.c - where a store lives (store.h): reading a location
 * (sqlite:PATH, a bare path, or a scheme genop does not know) and opening
 * the back end it names; the back ends' process-wide settings.
 */
#include <ctype.h>
#include <string.h>
#include <strings.h>

#include "sqlite/sqlite.h"
#include "store.h"

void genop_store_configure(void)
{
    sqlite_store_configure();
}

/* The length of location's scheme (the letters, digits, + - . before its
 * first colon, beginning with a letter), or 0 when it has none. */
static size_t scheme_length(const char *location)
{
    if (!isalpha((unsigned char)location[0]))
        return 0;
    size_t n = 1;
    while (isalnum((unsigned char)location[n]) || (location[n] && strchr("+-.", location[n])))
        n++;
    return location[n] == ':' ? n : 0;
}

genop_err genop_store_location_parse(const char *location, genop_store_location *out,
                                     genop_error *e)
{
    if (location == NULL || location[0] == '\0')
        return genop_fail(e, GENOP_EINVAL, "databasen mangler: angiv en fil (genop.db) "
                          "eller sqlite:STI");
    size_t n = scheme_length(location);
    out->backend = GENOP_STORE_SQLITE;
    out->path = location;
    if (n == 0)
        return GENOP_OK;
    if (n == 6 && strncasecmp(location, "sqlite", n) == 0) {
        out->path = location + n + 1;
        if (out->path[0] == '\0')
            return genop_fail(e, GENOP_EINVAL, "databasen \"%s\": stien til databasefilen "
                              "mangler efter sqlite:", location);
        return GENOP_OK;
    }
    if ((n == 10 && strncasecmp(location, "postgresql", n) == 0) ||
        (n == 8 && strncasecmp(location, "postgres", n) == 0))
        return genop_fail(e, GENOP_EINVAL, "databasen \"%s\": PostgreSQL understøttes ikke "
                          "endnu; genop kan bruge SQLite: sqlite:STI eller blot en sti til "
                          "en fil", location);
    return genop_fail(e, GENOP_EINVAL, "databasen \"%s\": ukendt databasetype \"%.*s:\"; "
                      "genop kender sqlite:STI (eller blot en sti til en fil); en fil med "
                      "kolon i navnet skrives ./NAVN eller sqlite:NAVN", location, (int)n,
                      location);
}

genop_err genop_store_open(const char *location, const genop_store_options *o,
                           genop_store **out, genop_error *e)
{
    static const genop_store_options defaults = {.commit_mode = GENOP_COMMIT_DURABLE};
    genop_store_location loc;
    *out = NULL;
    genop_err err = genop_store_location_parse(location, &loc, e);
    if (err)
        return err;
    return sqlite_store_open(loc.path, o ? o : &defaults, out, e);
}
