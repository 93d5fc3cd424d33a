/*
 * cmd_demo.c - `genop demo`: evaluates the shipped demo cases (demo/cases,
 * one JSON file per case, each naming its standard) and prints a readable
 * Danish summary per case: every deadline, limit, the attendance and the
 * eligibility findings. `make run` shows this until the server exists.
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "case_json.h"
#include "cli.h"
#include "evaluate.h"
#include "registry.h"

static const char usage[] =
    "Brug: genop demo [--cases MAPPE] [--as-of DATO]\n"
    "\n"
    "Vurderer demo-sagerne (standard: demo/cases) mod deres kommuners\n"
    "kvalitetsstandarder og viser resultatet som tekst.\n";

static const char *status_da(const genop_deadline_result *d)
{
    switch (d->status) {
    case GENOP_DEADLINE_MET: return "overholdt";
    case GENOP_DEADLINE_LATE: return "overskredet (udført for sent)";
    case GENOP_DEADLINE_PENDING: return "åben";
    case GENOP_DEADLINE_OVERDUE:
        return d->rule->citizens_deadline ? "udløbet" : "OVERSKREDET";
    }
    return "?";
}

/* Prints s left-aligned in `width` characters (UTF-8 aware). */
static void print_padded(const char *s, int width)
{
    int chars = 0;
    for (const unsigned char *p = (const unsigned char *)s; *p; p++)
        chars += (*p & 0xC0) != 0x80;
    printf("%s%*s", s, width > chars ? width - chars : 0, "");
}

static void print_deadline(const genop_deadline_result *d)
{
    char d1[GENOP_DATE_STR_SIZE], d2[GENOP_DATE_STR_SIZE];
    printf("   Frist  ");
    print_padded(d->rule->label, 38);
    printf("senest %s  %s", genop_date_format(d->due, d1), status_da(d));
    long left = d->workdays_left;
    if (d->done)
        printf(" (%s)", genop_date_format(d->done_date, d2));
    else if (left == 0)
        printf(" (forfalder i dag)");
    else if (left > 0)
        printf(" (%ld %s tilbage)", left, left == 1 ? "hverdag" : "hverdage");
    else if (!d->rule->citizens_deadline)
        printf(" (%ld %s over)", -left, left == -1 ? "hverdag" : "hverdage");
    printf("\n          kilde: %s\n", d->rule->source.citation);
}

static void print_result(const char *name, const char *title, const genop_result *r)
{
    char d1[GENOP_DATE_STR_SIZE], d2[GENOP_DATE_STR_SIZE];
    printf("\n== %s: %s\n", name, title);
    printf("   %s, § 86, stk. %s, henvendelse %s, opgjort %s\n", r->standard->municipality,
           r->paragraph == GENOP_PARA_86_2 ? "2" : "1", genop_date_format(r->referral_date, d1),
           genop_date_format(r->as_of, d2));
    if (r->paragraph_not_covered)
        printf("   Bemærk: standarden dækker ikke denne paragraf.\n");
    for (size_t i = 0; i < r->n_deadlines; i++)
        print_deadline(&r->deadlines[i]);
    for (size_t i = 0; i < r->n_limits; i++) {
        const genop_limit_result *l = &r->limits[i];
        printf("   Grænse ");
        print_padded(l->rule->label, 38);
        printf("%ld af %ld%s\n", l->used, l->max, l->exceeded ? "  OVERSKREDET" : "");
    }
    printf("   Fremmøde: %d %s, %d afbud%s\n", r->attendance.no_shows,
           r->attendance.no_shows == 1 ? "udeblivelse" : "udeblivelser",
           r->attendance.citizen_cancellations,
           r->attendance.review ? " - forløbet skal vurderes" : "");
    printf("   Berettiget: %s\n", r->eligible ? "ja" : "nej");
    for (size_t i = 0; i < r->n_findings; i++)
        printf("     - %s (kilde: %s)\n", r->findings[i].detail, r->findings[i].source->citation);
}

static int name_cmp(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Evaluates one demo file; the file names its standard in "standard". */
static int demo_one(const char *dir, const char *name, genop_date as_of)
{
    char path[1024];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    char *text = NULL;
    size_t len;
    json_t *root = NULL;
    genop_standard *std = NULL;
    genop_case c = {0};
    genop_result r;
    genop_error e;
    genop_err err = cli_read_file(path, GENOP_CASE_JSON_MAX, &text, &len, &e);
    if (!err)
        err = genop_json_parse(text, len, &root, &e);
    const char *sid = root ? json_string_value(json_object_get(root, "standard")) : NULL;
    const char *title = root ? json_string_value(json_object_get(root, "title")) : NULL;
    if (!err && !sid)
        err = genop_fail(&e, GENOP_EINVAL, "$.standard mangler");
    if (!err)
        err = genop_registry_load(sid, &std, &e);
    if (!err)
        err = genop_case_parse(text, len, &c, &e);
    if (!err)
        err = genop_evaluate(&c, std, c.has_as_of ? c.as_of : as_of, &r, &e);
    if (err)
        cli_error("demo: %s: %s", path, e.message);
    else
        print_result(name, title ? title : "", &r);
    genop_case_release(&c);
    genop_standard_free(std);
    json_decref(root);
    free(text);
    return err ? CLI_FAILED : CLI_OK;
}

static int run(int argc, char **argv)
{
    const char *dir = "demo/cases";
    genop_date as_of = cli_today();
    for (int i = 1; i < argc; i++) {
        genop_error e;
        if (cli_is_help(argv[i])) {
            fputs(usage, stdout);
            return CLI_OK;
        } else if (strcmp(argv[i], "--cases") == 0 && i + 1 < argc) {
            dir = argv[++i];
        } else if (strcmp(argv[i], "--as-of") == 0 && i + 1 < argc) {
            if (genop_date_parse(argv[++i], &as_of, &e)) {
                cli_error("demo: --as-of: %s", e.message);
                return CLI_FAILED;
            }
        } else {
            return cli_usage_error(&genop_cmd_demo, "ukendt argument '%s'", argv[i]);
        }
    }
    DIR *d = opendir(dir);
    if (!d) {
        cli_error("demo: mappen %s kan ikke åbnes", dir);
        return CLI_FAILED;
    }
    char *names[256];
    size_t n = 0;
    struct dirent *ent;
    while ((ent = readdir(d)) != NULL && n < 256) {
        size_t len = strlen(ent->d_name);
        if (len > 5 && strcmp(ent->d_name + len - 5, ".json") == 0)
            if ((names[n] = strdup(ent->d_name)) != NULL)
                n++;
    }
    closedir(d);
    qsort(names, n, sizeof *names, name_cmp);
    int rc = CLI_OK;
    printf("genop - demo-sager vurderet mod kommunernes kvalitetsstandarder (%zu sager)\n", n);
    for (size_t i = 0; i < n; i++) {
        if (demo_one(dir, names[i], as_of) != CLI_OK)
            rc = CLI_FAILED;
        free(names[i]);
    }
    return rc;
}

const genop_command genop_cmd_demo = {
    .name = "demo",
    .summary = "vurder demo-sagerne og vis resultatet som tekst",
    .usage = usage,
    .run = run,
};
