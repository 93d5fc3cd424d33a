/*
 * cmd_calendar.c - `genop calendar holidays|add|between`: the Danish
 * workday calendar from the command line (shared/spec/evaluate.md, 1).
 */
#include <stdio.h>
#include <string.h>

#include "calendar.h"
#include "cli.h"

static const char usage[] =
    "Brug:\n"
    "  genop calendar holidays ÅR [--standard ID|FIL]\n"
    "      Alle helligdage og fridage i ÅR (1900-2199), én pr. linje, sorteret.\n"
    "  genop calendar add DATO N ENHED [--standard ID|FIL]\n"
    "      ENHED er workdays, days, weeks eller months.\n"
    "      workdays: den N'te hverdag efter DATO (DATO selv tæller aldrig; N=0 giver DATO;\n"
    "      negativ N tæller bagud). months: samme dag N måneder senere, dog højst\n"
    "      månedens sidste dag.\n"
    "  genop calendar between FRA TIL [--standard ID|FIL]\n"
    "      Antal hverdage d med FRA < d <= TIL (0 hvis TIL <= FRA).\n"
    "\n"
    "Hverdage er mandag-fredag undtagen helligdage og de fridage, den offentlige\n"
    "forvaltning holder (grundlovsdag, juleaftensdag, nytårsaftensdag). Med\n"
    "--standard bruges standardens egne fridage i stedet.\n";

/* Parsed common options: the calendar to use (owned) and the positionals. */
typedef struct cal_args {
    genop_calendar *cal;
    genop_standard *std;
    const char *pos[4];
    int n_pos;
} cal_args;

static int parse_args(int argc, char **argv, cal_args *a);

static int cmd_holidays(const cal_args *a)
{
    long year;
    if (a->n_pos != 1 || !cli_parse_long(a->pos[0], &year))
        return cli_usage_error(&genop_cmd_calendar, "holidays: angiv ét årstal, fx 2025");
    genop_holiday days[GENOP_HOLIDAYS_PER_YEAR_MAX];
    size_t n;
    genop_error e;
    if (year < GENOP_YEAR_MIN || year > GENOP_YEAR_MAX ||
        genop_calendar_holidays(a->cal, (int)year, days, &n, &e)) {
        cli_error("calendar holidays: året %ld er uden for det understøttede interval %d-%d",
                  year, GENOP_YEAR_MIN, GENOP_YEAR_MAX);
        return CLI_FAILED;
    }
    for (size_t i = 0; i < n; i++) {
        char d[GENOP_DATE_STR_SIZE];
        printf("%s %s\n", genop_date_format(days[i].date, d), days[i].name);
    }
    return CLI_OK;
}

static bool parse_date_arg(const char *what, const char *s, genop_date *out)
{
    genop_error e;
    if (genop_date_parse(s, out, &e) == GENOP_OK)
        return true;
    cli_error("calendar %s: %s", what, e.message);
    return false;
}

/* The largest |N| `calendar add` takes: more than the 300 years of the
 * supported calendar in days, so every in-range result can be reached. */
#define ADD_N_MAX 200000L

/* True if s is a decimal integer: an optional sign and at least one digit. */
static bool is_integer_text(const char *s)
{
    if (*s == '+' || *s == '-')
        s++;
    if (!*s)
        return false;
    for (; *s; s++)
        if (*s < '0' || *s > '9')
            return false;
    return true;
}

/* Reads N of `calendar add`, telling a non-number from a number that is out
 * of range. */
static bool parse_count(const char *s, long *n)
{
    if (!is_integer_text(s)) {
        cli_error("calendar add: N skal være et helt tal, ikke '%.40s'", s);
        return false;
    }
    if (!cli_parse_long(s, n) || *n < -ADD_N_MAX || *n > ADD_N_MAX) {
        cli_error("calendar add: N = %.40s er uden for det tilladte interval %ld til %ld",
                  s, -ADD_N_MAX, ADD_N_MAX);
        return false;
    }
    return true;
}

static int cmd_add(const cal_args *a)
{
    if (a->n_pos != 3)
        return cli_usage_error(&genop_cmd_calendar, "add: angiv DATO N ENHED");
    genop_date date, out;
    long n;
    if (!parse_date_arg("add", a->pos[0], &date))
        return CLI_FAILED;
    if (!parse_count(a->pos[1], &n))
        return CLI_FAILED;
    const char *unit = a->pos[2];
    genop_error e = {0};
    genop_err err = GENOP_OK;
    if (strcmp(unit, "workdays") == 0)
        err = genop_calendar_add_workdays(a->cal, date, n, &out, &e);
    else if (strcmp(unit, "days") == 0)
        out = date + (genop_date)n;
    else if (strcmp(unit, "weeks") == 0)
        out = date + (genop_date)(7 * n);
    else if (strcmp(unit, "months") == 0)
        out = genop_date_add_months(date, (int)n);
    else
        return cli_usage_error(&genop_cmd_calendar,
                               "add: ukendt enhed '%s' (workdays, days, weeks, months)", unit);
    if (!err && !genop_date_in_range(out))
        err = genop_fail(&e, GENOP_ERANGE, "resultatet ligger uden for %d-%d",
                         GENOP_YEAR_MIN, GENOP_YEAR_MAX);
    if (err) {
        cli_error("calendar add: %s", e.message);
        return CLI_FAILED;
    }
    char buf[GENOP_DATE_STR_SIZE];
    printf("%s\n", genop_date_format(out, buf));
    return CLI_OK;
}

static int cmd_between(const cal_args *a)
{
    if (a->n_pos != 2)
        return cli_usage_error(&genop_cmd_calendar, "between: angiv FRA TIL");
    genop_date from, to;
    if (!parse_date_arg("between", a->pos[0], &from) || !parse_date_arg("between", a->pos[1], &to))
        return CLI_FAILED;
    long n;
    genop_error e;
    if (genop_calendar_workdays_between(a->cal, from, to, &n, &e)) {
        cli_error("calendar between: %s", e.message);
        return CLI_FAILED;
    }
    printf("%ld\n", n);
    return CLI_OK;
}

static int parse_args(int argc, char **argv, cal_args *a)
{
    const char *standard = NULL;
    memset(a, 0, sizeof *a);
    for (int i = 2; i < argc; i++) {
        if (strcmp(argv[i], "--standard") == 0) {
            if (++i >= argc)
                return cli_usage_error(&genop_cmd_calendar, "--standard kræver et id eller en fil");
            standard = argv[i];
        } else if (argv[i][0] == '-' && argv[i][1] != '\0' &&
                   !(argv[i][1] >= '0' && argv[i][1] <= '9')) {
            return cli_usage_error(&genop_cmd_calendar, "ukendt tilvalg '%s'", argv[i]);
        } else if (a->n_pos < 4) {
            a->pos[a->n_pos++] = argv[i];
        } else {
            return cli_usage_error(&genop_cmd_calendar, "for mange argumenter");
        }
    }
    genop_error e;
    genop_err err = standard ? cli_load_standard(standard, &a->std, &e)
                             : genop_calendar_new_default(&a->cal, &e);
    if (err) {
        cli_error("calendar: %s", e.message);
        return CLI_FAILED;
    }
    if (a->std)
        a->cal = a->std->calendar;
    return CLI_OK;
}

static int run(int argc, char **argv)
{
    if (argc < 2)
        return cli_usage_error(&genop_cmd_calendar, "angiv holidays, add eller between");
    if (cli_is_help(argv[1])) {
        fputs(usage, stdout);
        return CLI_OK;
    }
    const char *sub = argv[1];
    int (*fn)(const cal_args *) = strcmp(sub, "holidays") == 0 ? cmd_holidays
                                  : strcmp(sub, "add") == 0    ? cmd_add
                                  : strcmp(sub, "between") == 0 ? cmd_between
                                                                : NULL;
    if (!fn)
        return cli_usage_error(&genop_cmd_calendar, "ukendt underkommando '%s'", sub);
    if (cli_help_requested(argc - 1, argv + 1, usage))   /* after the subcommand */
        return CLI_OK;
    cal_args a;
    int rc = parse_args(argc, argv, &a);
    if (rc == CLI_OK)
        rc = fn(&a);
    if (a.std)
        genop_standard_free(a.std);
    else
        genop_calendar_free(a.cal);
    return rc;
}

const genop_command genop_cmd_calendar = {
    .name = "calendar",
    .summary = "helligdage, hverdage og datoregning efter den danske kalender",
    .usage = usage,
    .run = run,
};
