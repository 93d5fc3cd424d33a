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

static const char *status_da(genop_deadline_status s)
{
    switch (s) {
    case GENOP_DEADLINE_MET: return "overholdt";
    case GENOP_DEADLINE_LATE: return "overskredet (udført for sent)";
    case GENOP_DEADLINE_PENDING: return "åben";
    case GENOP_DEADLINE_OVERDUE: return "OVERSKREDET";
    }
    return "?";
}

static void print_result(const char *name, const char *title, const genop_result *r)
{
    char d1[GENOP_DATE_STR_SIZE], d2[GENOP_DATE_STR_SIZE];
    printf("\n== %s: %s\n", name, title);
    printf("   %s, § 86, stk. %s, henvendelse %s, opgjort %s\n", r->standard->municipality,
           r->paragraph == GENOP_PARA_86_2 ? "2" : "1", genop_date_format(r->referral_date, d1),
           genop_date_format(r->as_of, d2));
    for (size_t i = 0; i < r->n_deadlines; i++) {
        const genop_deadline_result *d = &r->deadlines[i];
        printf("   Frist  %-36s senest %s  %s", d->rule->label, genop_date_format(d->due, d1),
               status_da(d->status));
        if (d->done)
            printf(" (%s)", genop_date_format(d->done_date, d2));
        else
            printf(" (%ld hverdage tilbage)", d->workdays_left);
        printf("\n          kilde: %s\n", d->rule->source.citation);
    }
    for (size_t i = 0; i < r->n_limits; i++) {
        const genop_limit_result *l = &r->limits[i];
        printf("   Grænse %-36s %ld af %ld%s\n", l->rule->label, l->used, l->max,
               l->exceeded ? "  OVERSKREDET" : "");
    }
    printf("   Fremmøde: %d udeblivelser, %d afbud%s\n", r->attendance.no_shows,
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
        err = genop_case_from_json(root, &c, &e);
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
