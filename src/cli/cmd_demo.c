/*
 * cmd_demo.c - `genop demo`: two demos.
 *
 * With --db FILE it makes a demo database for `genop serve` (demo_db.c:
 * municipalities, users, cases written through the API's own code); `make
 * run` starts the server on it.
 *
 * Without --db it evaluates the shipped demo cases (demo/cases, one JSON
 * file per case, each naming its standard) and prints a readable Danish
 * summary per case: every deadline, limit, the attendance, the eligibility
 * findings, the rules that could not be checked and the warnings. A case
 * is judged as of --as-of when given, else its own "as_of", else today.
 */
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "case_json.h"
#include "cli.h"
#include "demo_db.h"
#include "demo_history.h"
#include "evaluate.h"
#include "json_tree.h"
#include "registry.h"

static const char usage[] =
    "Brug: genop demo [--cases MAPPE] [--as-of DATO]\n"
    "      genop demo --db FIL [--force] [--url URL]\n"
    "      genop demo --db FIL --cases ANTAL --municipality KOMMUNE --years ÅR\n"
    "                 [--seed FRØ] [--as-of DATO] [--force] [--per-event]\n"
    "\n"
    "Uden --db: vurderer demo-sagerne (standard: demo/cases) mod deres\n"
    "kommuners kvalitetsstandarder og viser resultatet som tekst.\n"
    "\n"
    "Med --db: laver en demodatabase til 'genop serve' med de fem kommuner og\n"
    "deres kvalitetsstandarder, brugere i alle roller (adgangskoderne vises\n"
    "én gang) og opdigtede sager i alle tilstande, dateret ud fra i dag.\n"
    "\n"
    "Med --db og --cases ANTAL: skriver en kommunes opdigtede historik med ANTAL\n"
    "sager henvist over ÅR år frem til DATO: henvendelser efter årstiden, begge\n"
    "paragraffer hvor standarden har dem, frister der nogle gange overskrides,\n"
    "træningsgange med afbud og udeblivelser, afslutninger, afslag og klager.\n"
    "Samme tilvalg og frø giver de samme sager.\n"
    "\n"
    "Tilvalg:\n"
    "  --db FIL       lav demodatabasen i FIL (også skrevet sqlite:FIL). En\n"
    "                 eksisterende fil, der ikke er tom, overskrives kun med --force\n"
    "  --force        slet en eksisterende database i FIL (og dens -wal- og\n"
    "                 -shm-filer) og lav en ny\n"
    "  --url URL      serverens adresse i vejledningen til sidst (standard:\n"
    "                 http://127.0.0.1:8086)\n"
    "  --cases MAPPE  uden --db: mappen med sagerne: én JSON-fil pr. sag, der selv\n"
    "                 nævner sin standard i \"standard\" (højst 256 sager)\n"
    "  --cases ANTAL  med --db: historikkens antal sager (1 til 10000000)\n"
    "  --municipality KOMMUNE  historikkens kommune: aalborg, ishoj, nyborg,\n"
    "                 rodovre eller skive\n"
    "  --years ÅR     historikken dækker ÅR år (1 til 50) frem til DATO\n"
    "  --seed FRØ     frøet til de tilfældige tal (et helt tal; standard: 1)\n"
    "  --as-of DATO   uden --db: opgør alle sager pr. DATO (ÅÅÅÅ-MM-DD). Datoen går\n"
    "                 forud for sagernes egen \"as_of\"; uden --as-of bruges sagens\n"
    "                 \"as_of\", og har sagen ingen, dagens dato. Med --db og\n"
    "                 --cases: historikkens sidste dag (standard: i dag)\n"
    "  --per-event    med --db og --cases: registrér hver hændelse for sig, som\n"
    "                 API'et gør, i stedet for hele sagen på én gang (langsomt; giver\n"
    "                 den samme database og er til sammenligning)\n";

#define DEMO_FILES_MAX 256
#define DEMO_PATH_MAX 1024

static const char *plural(long n, const char *one, const char *many)
{
    return n == 1 || n == -1 ? one : many;
}

/* A deadline's status in words, into buf: "overholdt (2025-04-15)",
 * "for sent (udført 2025-02-12)", "åben, 3 hverdage tilbage", ... */
static const char *status_da(const genop_deadline_result *d, genop_date as_of, char *buf,
                             size_t size)
{
    char date[GENOP_DATE_STR_SIZE];
    long left = d->workdays_left;
    switch (d->status) {
    case GENOP_DEADLINE_MET:
        snprintf(buf, size, "overholdt (%s)", genop_date_format(d->done_date, date));
        break;
    case GENOP_DEADLINE_LATE:
        snprintf(buf, size, "for sent (udført %s)", genop_date_format(d->done_date, date));
        break;
    case GENOP_DEADLINE_PENDING:
        if (as_of == d->due)
            snprintf(buf, size, "forfalder i dag");
        else if (left > 0)
            snprintf(buf, size, "åben, %ld %s tilbage", left, plural(left, "hverdag", "hverdage"));
        else    /* due on a day off with no workday before it */
            snprintf(buf, size, "åben, ingen hverdage tilbage");
        break;
    case GENOP_DEADLINE_OVERDUE:
        if (d->rule->citizens_deadline)
            snprintf(buf, size, "udløbet uden klage");
        else if (left < 0)
            snprintf(buf, size, "OVERSKREDET med %ld %s", -left,
                     plural(left, "hverdag", "hverdage"));
        else    /* past due, but no workday since (a weekend) */
            snprintf(buf, size, "OVERSKREDET med %ld %s", (long)(as_of - d->due),
                     plural((long)(as_of - d->due), "dag", "dage"));
        break;
    default:
        snprintf(buf, size, "%s", genop_deadline_status_name(d->status));
        break;
    }
    return buf;
}

/* The unit of a limit's used and max, agreeing with n. */
static const char *limit_unit(genop_limit_kind kind, long n)
{
    switch (kind) {
    case GENOP_LIMIT_SESSIONS:
    case GENOP_LIMIT_SESSIONS_PER_WEEK: return plural(n, "træningsgang", "træningsgange");
    case GENOP_LIMIT_ASSESSMENT_SESSIONS: return plural(n, "udredningsgang", "udredningsgange");
    case GENOP_LIMIT_MINUTES_PER_WEEK: return plural(n, "minut", "minutter");
    case GENOP_LIMIT_COURSE_LENGTH: return plural(n, "dag", "dage");
    default: return "";
    }
}

/* What an eligibility rule needs that the case lacked, in Danish; NULL for
 * a kind without a Danish text. */
static const char *unchecked_da(genop_finding_kind k)
{
    switch (k) {
    case GENOP_FINDING_AGE: return "alder (ingen fødselsdato)";
    case GENOP_FINDING_RESIDENCY: return "bopæl (ingen kommunekode)";
    case GENOP_FINDING_HOSPITAL_PLAN: return "genoptræningsplan (ingen oplysning)";
    case GENOP_FINDING_QUARANTINE:
        return "karensperiode (henvendelsen nævner ingen lidelse at sammenligne med)";
    default: return NULL;
    }
}

static void print_deadline(const genop_deadline_result *d, genop_date as_of)
{
    char due[GENOP_DATE_STR_SIZE], status[96];
    printf("   Frist  ");
    cli_print_padded(d->rule->label, 38);
    printf("senest %s  %s\n", genop_date_format(d->due, due),
           status_da(d, as_of, status, sizeof status));
    printf("          kilde: %s\n", d->rule->source.citation);
}

static void print_limit(const genop_limit_result *l)
{
    printf("   Grænse ");
    cli_print_padded(l->rule->label, 38);
    printf("%ld af %ld %s", l->used, l->max, limit_unit(l->rule->kind, l->max));
    if (l->has_period)
        printf(" (uge %04d-W%02d)", l->period_year, l->period_week);
    printf("%s\n", l->exceeded ? "  OVERSKREDET" : "");
    printf("          kilde: %s\n", l->rule->source.citation);
}

/* The hospital admissions during the course, when there were any. */
static void print_admissions(const genop_attendance_result *a)
{
    char d[GENOP_DATE_STR_SIZE];
    if (a->admissions == 0)
        return;
    if (a->admission_review) {
        printf("   Indlæggelse: %s (kilde: %s)\n", a->admission_detail,
               a->admission_source->citation);
        return;
    }
    printf("   Indlæggelse: %d under forløbet, senest %s (standarden har ingen regel om "
           "indlæggelse)\n", a->admissions, genop_date_format(a->last_admission, d));
}

static void print_result(const char *name, const char *title, const genop_result *r)
{
    char d1[GENOP_DATE_STR_SIZE], d2[GENOP_DATE_STR_SIZE];
    const char *stk = r->paragraph == GENOP_PARA_86_2 ? "2" : "1";
    printf("\n== %s: %s\n", name, title);
    printf("   %s, § 86, stk. %s, henvendelse %s, opgjort %s\n", r->standard->municipality,
           stk, genop_date_format(r->referral_date, d1), genop_date_format(r->as_of, d2));
    if (r->paragraph_not_covered)
        printf("   Bemærk: %ss kvalitetsstandard dækker ikke § 86, stk. %s; standarden "
               "giver ingen frister eller grænser for sagen.\n", r->standard->municipality, stk);
    if (r->before_effective)
        printf("   Bemærk: henvendelsen er modtaget før kvalitetsstandarden trådte i kraft "
               "(%s).\n", genop_date_format(r->standard->effective_from, d1));
    for (size_t i = 0; i < r->n_deadlines; i++)
        print_deadline(&r->deadlines[i], r->as_of);
    for (size_t i = 0; i < r->n_limits; i++)
        print_limit(&r->limits[i]);
    printf("   Fremmøde: %d %s, %d afbud%s\n", r->attendance.no_shows,
           plural(r->attendance.no_shows, "udeblivelse", "udeblivelser"),
           r->attendance.citizen_cancellations,
           r->attendance.review ? " - forløbet skal vurderes" : "");
    print_admissions(&r->attendance);
    printf("   Berettiget: %s\n", !r->eligible ? "nej" : r->unchecked ? "ja, med forbehold" : "ja");
    for (size_t i = 0; i < r->n_findings; i++)
        printf("     - %s (kilde: %s)\n", r->findings[i].detail, r->findings[i].source->citation);
    for (int k = 0; k < GENOP_FINDING_COUNT; k++)
        if (r->unchecked & (1u << k)) {
            const char *da = unchecked_da((genop_finding_kind)k);
            printf("     Ikke kontrolleret: %s\n",
                   da ? da : genop_finding_name((genop_finding_kind)k));
        }
}

static int name_cmp(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Evaluates one demo file; the file names its standard in "standard". */
static int demo_one(const char *dir, const char *name, bool has_as_of, genop_date as_of)
{
    char path[DEMO_PATH_MAX];
    int n = snprintf(path, sizeof path, "%s/%s", dir, name);
    if (n < 0 || (size_t)n >= sizeof path) {
        cli_error("demo: stien til %s i %.60s er længere end %d byte", name, dir,
                  DEMO_PATH_MAX - 1);
        return CLI_FAILED;
    }
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
        err = genop_evaluate(&c, std, has_as_of || !c.has_as_of ? as_of : c.as_of, &r, &e);
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

static void free_names(char **names, size_t n)
{
    for (size_t i = 0; i < n; i++)
        free(names[i]);
}

/* The demo files of dir (names ending in .json) into names, sorted; fails
 * with an error, rather than leaving cases out, when there are more than
 * DEMO_FILES_MAX. */
static int list_cases(const char *dir, char **names, size_t *n_out)
{
    DIR *d = opendir(dir);
    if (!d) {
        cli_error("demo: mappen %s kan ikke åbnes", dir);
        return CLI_FAILED;
    }
    size_t n = 0;
    int rc = CLI_OK;
    struct dirent *ent;
    while ((ent = readdir(d)) != NULL) {
        size_t len = strlen(ent->d_name);
        if (len <= 5 || strcmp(ent->d_name + len - 5, ".json") != 0)
            continue;
        if (n == DEMO_FILES_MAX) {
            cli_error("demo: mappen %s har flere end %d sager (.json-filer)", dir,
                      DEMO_FILES_MAX);
            rc = CLI_FAILED;
            break;
        }
        if ((names[n] = strdup(ent->d_name)) == NULL) {
            cli_error("demo: ikke nok hukommelse til at læse mappen %s", dir);
            rc = CLI_FAILED;
            break;
        }
        n++;
    }
    closedir(d);
    if (rc) {
        free_names(names, n);
        return rc;
    }
    qsort(names, n, sizeof *names, name_cmp);
    *n_out = n;
    return CLI_OK;
}

/* The command line of `genop demo`. */
typedef struct demo_args {
    const char *dir, *db, *url, *municipality;
    bool has_as_of, has_cases, force, per_event;
    genop_date as_of;
    long years;                   /* -1: not given */
    bool has_seed;
    uint64_t seed;
} demo_args;

/* Reads the value of option argv[*i] into *val; false (after a usage
 * error told) when it is missing. */
static bool option_value(int argc, char **argv, int *i, const char *what, const char **val)
{
    if (++*i >= argc) {
        cli_usage_error(&genop_cmd_demo, "%s kræver %s", argv[*i - 1], what);
        return false;
    }
    *val = argv[*i];
    return true;
}

/* The seed: a whole number, 0 to UINT64_MAX. */
static bool parse_seed(const char *s, uint64_t *out)
{
    uint64_t v = 0;
    if (!*s)
        return false;
    for (; *s; s++) {
        if (*s < '0' || *s > '9' || v > (UINT64_MAX - (uint64_t)(*s - '0')) / 10)
            return false;
        v = v * 10 + (uint64_t)(*s - '0');
    }
    *out = v;
    return true;
}

/* One option of argv at *i into a. CLI_OK, or the exit code of an error
 * told. */
static int parse_option(int argc, char **argv, int *i, demo_args *a)
{
    const char *opt = argv[*i], *v = NULL;
    genop_error e;
    if (strcmp(opt, "--force") == 0 || strcmp(opt, "--per-event") == 0) {
        *(opt[2] == 'f' ? &a->force : &a->per_event) = true;
        return CLI_OK;
    }
    static const char *const valued[] = {"--db", "--url", "--cases", "--as-of",
                                         "--municipality", "--years", "--seed"};
    static const char *const what[] = {"en fil", "en adresse", "en mappe eller et antal",
                                       "en dato", "en kommune", "et antal år", "et tal"};
    size_t k = 0;
    while (k < sizeof valued / sizeof valued[0] && strcmp(opt, valued[k]) != 0)
        k++;
    if (k == sizeof valued / sizeof valued[0])
        return cli_usage_error(&genop_cmd_demo, "ukendt argument '%s'", opt);
    if (!option_value(argc, argv, i, what[k], &v))
        return CLI_USAGE;
    switch (k) {
    case 0: a->db = v; break;
    case 1: a->url = v; break;
    case 2: a->has_cases = true; a->dir = v; break;
    case 3:
        if (genop_date_parse(v, &a->as_of, &e)) {
            cli_error("demo: --as-of: %s", e.message);
            return CLI_FAILED;
        }
        a->has_as_of = true;
        break;
    case 4: a->municipality = v; break;
    case 5:
        if (!cli_parse_long(v, &a->years) || a->years < 1 || a->years > DEMO_HISTORY_YEARS_MAX)
            return cli_usage_error(&genop_cmd_demo, "--years skal være et helt antal år fra 1 "
                                   "til %d, ikke '%s'", DEMO_HISTORY_YEARS_MAX, v);
        break;
    default:
        if (!parse_seed(v, &a->seed))
            return cli_usage_error(&genop_cmd_demo, "--seed skal være et helt tal fra 0 til "
                                   "%llu, ikke '%s'", (unsigned long long)UINT64_MAX, v);
        a->has_seed = true;
        break;
    }
    return CLI_OK;
}

/* `genop demo --db PATH --cases N ...`: the history's options checked. */
static int run_history(const demo_args *a)
{
    if (a->url)
        return cli_usage_error(&genop_cmd_demo, "--url hører til demodatabasen uden --cases");
    long cases;
    if (!cli_parse_long(a->dir, &cases) || cases < 1 || cases > DEMO_HISTORY_CASES_MAX)
        return cli_usage_error(&genop_cmd_demo, "--cases skal med --db være et antal sager fra "
                               "1 til %ld, ikke '%s'", DEMO_HISTORY_CASES_MAX, a->dir);
    if (!a->municipality)
        return cli_usage_error(&genop_cmd_demo, "--cases med --db kræver --municipality");
    if (a->years < 0)
        return cli_usage_error(&genop_cmd_demo, "--cases med --db kræver --years");
    demo_history_opts o = {
        .db = a->db, .force = a->force, .cases = cases, .municipality = a->municipality,
        .years = (int)a->years, .seed = a->has_seed ? a->seed : 1,
        .last = a->has_as_of ? a->as_of : cli_today(), .per_event = a->per_event,
    };
    return demo_history_run(&o);
}

/* The shipped demo cases evaluated (no --db). */
static int run_cases(const demo_args *a)
{
    genop_date as_of = a->has_as_of ? a->as_of : cli_today();
    char *names[DEMO_FILES_MAX];
    size_t n;
    if (list_cases(a->dir, names, &n))
        return CLI_FAILED;
    int rc = CLI_OK;
    printf("genop - demo-sager vurderet mod kommunernes kvalitetsstandarder (%zu %s)\n", n,
           n == 1 ? "sag" : "sager");
    for (size_t i = 0; i < n; i++)
        if (demo_one(a->dir, names[i], a->has_as_of, as_of) != CLI_OK)
            rc = CLI_FAILED;
    free_names(names, n);
    return rc;
}

static int run(int argc, char **argv)
{
    demo_args a = {.dir = "demo/cases", .years = -1};
    for (int i = 1; i < argc; i++) {
        if (cli_is_help(argv[i])) {
            fputs(usage, stdout);
            return CLI_OK;
        }
        int rc = parse_option(argc, argv, &i, &a);
        if (rc != CLI_OK)
            return rc;
    }
    bool history = a.municipality || a.years >= 0 || a.has_seed;
    if (a.db && a.has_cases)
        return run_history(&a);
    if (history)
        return cli_usage_error(&genop_cmd_demo, "--municipality, --years og --seed hører til "
                               "--db med --cases");
    if (a.per_event)
        return cli_usage_error(&genop_cmd_demo, "--per-event hører til --db med --cases");
    if (a.db && a.has_as_of)
        return cli_usage_error(&genop_cmd_demo, "--as-of hører til --db med --cases, eller "
                               "til demo-sagerne uden --db");
    if (!a.db && (a.force || a.url))
        return cli_usage_error(&genop_cmd_demo, "--force og --url hører til --db");
    if (a.db)
        return demo_db_run(a.db, a.force, a.url);
    return run_cases(&a);
}

const genop_command genop_cmd_demo = {
    .name = "demo",
    .summary = "lav en demodatabase (--db), eller vurder demo-sagerne som tekst",
    .usage = usage,
    .run = run,
};
