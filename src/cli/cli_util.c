/*
 * cli_util.c - input and error helpers shared by the commands.
 */
#include "cli.h"

#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "registry.h"
#include "utf8.h"
#include "standard_load.h"

void cli_error(const char *fmt, ...)
{
    char msg[GENOP_ERROR_MSG_MAX * 2];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    /* One line, always: fold any newline a message might carry. */
    for (char *p = msg; *p; p++)
        if (*p == '\n' || *p == '\r')
            *p = ' ';
    genop_utf8_sanitize(msg);
    fprintf(stderr, "genop: %s\n", msg);
}

/* "1 sag" or "N sager". */
static const char *sager(size_t n)
{
    return n == 1 ? "sag" : "sager";
}

void cli_report_refresh(const projection_refresh_muni *m)
{
    const char *name = m->std->short_name ? m->std->short_name : m->std->id;
    if (m->cases > 0)
        cli_error("opgavelisten for %s er beregnet på ny for %zu %s (standarden eller genops "
                  "regler er ændret); %zu %s fik nye frister",
                  name, m->cases, sager(m->cases), m->changed, sager(m->changed));
    if (m->failed == 0)
        return;
    char ids[128] = "";
    size_t used = 0, shown = m->failed < PROJECTION_REFRESH_FAILED_MAX ? m->failed
                                                                       : PROJECTION_REFRESH_FAILED_MAX;
    for (size_t i = 0; i < shown && used < sizeof ids; i++) {
        int n = snprintf(ids + used, sizeof ids - used, "%s%lld", i ? ", " : "",
                         (long long)m->failed_ids[i]);
        if (n < 0)
            break;
        used += (size_t)n;
    }
    cli_error("advarsel: %zu %s i %s kunne ikke beregnes på ny og viser stadig de gamle frister "
              "(sag %s%s): %s",
              m->failed, sager(m->failed), name, ids, m->failed > shown ? ", ..." : "",
              m->failure);
}

int cli_usage_error(const genop_command *cmd, const char *fmt, ...)
{
    char msg[GENOP_ERROR_MSG_MAX];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    cli_error("%s: %s (se 'genop %s --help')", cmd->name, msg, cmd->name);
    return CLI_USAGE;
}

bool cli_is_help(const char *arg)
{
    return strcmp(arg, "-h") == 0 || strcmp(arg, "--help") == 0;
}

/* Why a file could not be opened or read, in Danish. */
static const char *errno_da(int err)
{
    switch (err) {
    case ENOENT: return "filen findes ikke";
    case EACCES:
    case EPERM: return "ingen adgang til filen";
    case EISDIR: return "det er en mappe, ikke en fil";
    case ENOTDIR: return "en del af stien er ikke en mappe";
    case ENAMETOOLONG: return "stien er for lang";
    case EMFILE:
    case ENFILE: return "for mange åbne filer";
    case EIO: return "læsefejl på disken";
    default: return strerror(err);
    }
}

bool cli_help_requested(int argc, char **argv, const char *usage)
{
    for (int i = 1; i < argc; i++)
        if (cli_is_help(argv[i])) {
            fputs(usage, stdout);
            return true;
        }
    return false;
}

genop_err cli_read_file(const char *path, size_t max, char **data, size_t *len,
                        genop_error *e)
{
    bool is_stdin = strcmp(path, "-") == 0;
    FILE *f = is_stdin ? stdin : fopen(path, "rb");
    if (!f)
        return genop_fail(e, errno == ENOENT ? GENOP_ENOTFOUND : GENOP_EIO,
                          "%s: kan ikke åbnes: %s", path, errno_da(errno));
    genop_err err = GENOP_OK;
    size_t cap = 64 * 1024, n = 0;
    char *buf = malloc(cap + 1);
    while (buf) {
        size_t got = fread(buf + n, 1, cap - n, f);
        n += got;
        if (n < cap)
            break;
        if (cap >= max + 1) {
            err = genop_fail(e, GENOP_ETOOBIG, "%s er større end %zu byte", path, max);
            break;
        }
        size_t ncap = cap * 2 > max + 1 ? max + 1 : cap * 2;
        char *grown = realloc(buf, ncap + 1);
        if (!grown) {
            free(buf);
            buf = NULL;
            break;
        }
        buf = grown;
        cap = ncap;
    }
    if (!buf)
        err = genop_fail(e, GENOP_ENOMEM, "ikke nok hukommelse til %s", path);
    else if (!err && ferror(f))
        err = genop_fail(e, GENOP_EIO, "%s: kan ikke læses: %s", path, errno_da(errno));
    if (!err && n > max)
        err = genop_fail(e, GENOP_ETOOBIG, "%s er større end %zu byte", path, max);
    if (!is_stdin)
        fclose(f);
    if (err) {
        free(buf);
        return err;
    }
    buf[n] = '\0';
    *data = buf;
    *len = n;
    return GENOP_OK;
}

genop_err cli_load_standard(const char *spec, genop_standard **out, genop_error *e)
{
    size_t n = strlen(spec);
    bool is_path = strchr(spec, '/') || (n > 5 && strcmp(spec + n - 5, ".yaml") == 0);
    if (!is_path)
        return genop_registry_load(spec, out, e);
    char *text;
    size_t len;
    genop_err err = cli_read_file(spec, GENOP_STANDARD_MAX, &text, &len, e);
    if (err)
        return err;
    err = genop_standard_parse(text, len, spec, out, NULL, e);
    free(text);
    return err;
}

genop_date cli_today(void)
{
    return genop_date_in_denmark((int64_t)time(NULL));
}

bool cli_parse_long(const char *s, long *out)
{
    if (!s || !*s)
        return false;
    char *end;
    errno = 0;
    long v = strtol(s, &end, 10);
    if (*end || errno)
        return false;
    *out = v;
    return true;
}

void cli_print_padded(const char *s, int width)
{
    int chars = 0;
    for (const unsigned char *p = (const unsigned char *)s; *p; p++)
        chars += (*p & 0xC0) != 0x80;
    printf("%s%*s", s, width > chars ? width - chars : 0, "");
}
