/*
 * cmd_standard.c - `genop standard check FILE...` validates quality standard
 * files and reports every problem as FILE:LINE:COLUMN, and warns (exit 0)
 * of a standard older than its own revision interval; `genop standard show
 * ID|FILE` prints a standard's rules as Danish text a visitator can read,
 * each rule with its source, the reasons a course may end and the
 * standard's revision; `genop standard list` names the shipped ones.
 * --as-of DATO judges the revision as of that day instead of today.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "closure_reasons.h"
#include "documentation.h"
#include "registry.h"
#include "revision.h"
#include "standard_load.h"
#include "standard_text.h"

static const char usage[] =
    "Brug:\n"
    "  genop standard list             de indbyggede kvalitetsstandarder\n"
    "  genop standard check FIL...     kontrollér standardfiler; alle fejl vises\n"
    "                                  som FIL:LINJE:KOLONNE: besked; en standard,\n"
    "                                  der er ældre end den selv lover, giver en\n"
    "                                  advarsel (afslutningsstatus 0)\n"
    "  genop standard show ID|FIL      standardens regler på dansk, med kilder\n"
    "\n"
    "  --as-of DATO    vurdér standardens revision pr. DATO (standard: i dag)\n"
    "\n"
    "Formatet er beskrevet i docs/standard-format.md.\n";

/* The warning, on standard error, for a standard older than its own
 * revision interval as of today; nothing otherwise. */
static void warn_revision(const char *path, const genop_standard *std, genop_date today)
{
    genop_revision_state st = genop_revision_judge(&std->revision, today);
    char text[GENOP_REVISION_TEXT_MAX];
    if (st.overdue)
        fprintf(stderr, "%s: advarsel: %s\n", path,
                genop_revision_warning(&std->revision, &st, text, sizeof text));
}

static int check_one(const char *path, genop_date today)
{
    char *text;
    size_t len;
    genop_error e;
    if (cli_read_file(path, GENOP_STANDARD_MAX, &text, &len, &e)) {
        cli_error("standard check: %s", e.message);
        return CLI_FAILED;
    }
    genop_problems problems = {0};
    genop_standard *std = NULL;
    genop_err err = genop_standard_parse(text, len, path, &std, &problems, &e);
    free(text);
    if (!err) {
        printf("%s: i orden (%s, %zu %s, %zu %s)\n", path, std->municipality,
               std->n_deadlines, std->n_deadlines == 1 ? "frist" : "frister",
               std->n_limits, std->n_limits == 1 ? "grænse" : "grænser");
        warn_revision(path, std, today);
        genop_standard_free(std);
        return CLI_OK;
    }
    for (size_t i = 0; i < problems.n; i++)
        fprintf(stderr, "%s\n", problems.items[i]);
    if (problems.n == 0)
        fprintf(stderr, "%s\n", e.message);
    if (problems.dropped)
        fprintf(stderr, "%s: ... og %zu fejl mere\n", path, problems.dropped);
    fprintf(stderr, "genop: standard check: %s har %zu fejl\n", path,
            problems.n + problems.dropped);
    genop_problems_free(&problems);
    return CLI_FAILED;
}

static void print_source(const genop_source *s)
{
    printf("      Kilde: %s\n", s->citation);
    if (s->law)
        printf("      Standarden siger intet om det; lovens regel gælder.\n");
    if (s->quote)
        printf("      %s: »%s«\n", s->law ? "Lovens ord" : "Standardens ord", s->quote);
    if (s->note)
        printf("      Sådan læser genop det: %s\n", s->note);
}

static void print_paragraphs(unsigned bits)
{
    if (bits == (GENOP_PARA_86_1 | GENOP_PARA_86_2))
        printf("§ 86, stk. 1 og 2");
    else
        printf("§ 86, stk. %d", bits == GENOP_PARA_86_2 ? 2 : 1);
}

/* One eligibility rule: its sentence, the paragraphs it concerns (every
 * case's, when it names none), its source. */
static void print_eligibility(const char *text, unsigned paragraphs, const genop_source *src)
{
    printf("  - %s (", text);
    if (paragraphs == (GENOP_PARA_86_1 | GENOP_PARA_86_2))
        printf("alle sager");
    else
        print_paragraphs(paragraphs);
    printf(")\n");
    print_source(src);
}

static const char *condition_text(genop_condition when)
{
    switch (when) {
    case GENOP_WHEN_GRANTED: return " (kun når træningen er bevilget)";
    case GENOP_WHEN_NOT_REFUSED: return " (ikke når der er givet afslag)";
    case GENOP_WHEN_NOT_FULLY_UPHELD: return " (kun når klagen ikke gives fuldt medhold)";
    default: return "";
    }
}

static void show_deadlines(const genop_standard *s)
{
    printf("\nFrister\n");
    if (!s->n_deadlines)
        printf("  (standarden lover ingen frister)\n");
    for (size_t i = 0; i < s->n_deadlines; i++) {
        const genop_deadline_rule *d = &s->deadlines[i];
        printf("  - %s (", d->label);
        print_paragraphs(d->paragraphs);
        printf("): %d %s fra %s til %s%s.\n", d->amount,
               genop_unit_label_da(d->unit, d->amount), genop_anchor_label_da(d->from),
               genop_anchor_label_da(d->until), condition_text(d->when));
        if (d->citizens_deadline)
            printf("      Fristen er borgerens; den binder ikke kommunen.\n");
        if (d->due_on_workday)
            printf("      Falder fristen på en fridag, rykkes den til næste hverdag.\n");
        print_source(&d->source);
    }
}

/* A limit's maximum with its unit, singular or plural ("højst 1
 * træningsgang pr. uge"), into buf. */
static const char *limit_text(const genop_limit_rule *l, char *buf, size_t size)
{
    bool one = l->max == 1;
    switch (l->kind) {
    case GENOP_LIMIT_SESSIONS:
        snprintf(buf, size, "højst %d %s i alt", l->max, one ? "træningsgang" : "træningsgange");
        break;
    case GENOP_LIMIT_ASSESSMENT_SESSIONS:
        snprintf(buf, size, "højst %d %s", l->max, one ? "udredningsgang" : "udredningsgange");
        break;
    case GENOP_LIMIT_SESSIONS_PER_WEEK:
        snprintf(buf, size, "højst %d %s pr. uge", l->max,
                 one ? "træningsgang" : "træningsgange");
        break;
    case GENOP_LIMIT_MINUTES_PER_WEEK:
        snprintf(buf, size, "højst %d %s pr. uge", l->max, one ? "minut" : "minutter");
        break;
    case GENOP_LIMIT_COURSE_LENGTH:
        snprintf(buf, size, "højst %d %s fra første træningsgang", l->max,
                 genop_unit_label_da(l->unit, l->max));
        break;
    default:
        snprintf(buf, size, "højst %d", l->max);
        break;
    }
    return buf;
}

static void show_limits(const genop_standard *s)
{
    printf("\nGrænser\n");
    if (!s->n_limits)
        printf("  (standarden sætter ingen faste grænser)\n");
    for (size_t i = 0; i < s->n_limits; i++) {
        const genop_limit_rule *l = &s->limits[i];
        char buf[128];
        printf("  - %s (", l->label);
        print_paragraphs(l->paragraphs);
        printf("): %s.\n", limit_text(l, buf, sizeof buf));
        print_source(&l->source);
    }
}

/* The attendance rule's admission rule, when it has one. */
static void print_admission(const genop_admission_rule *r)
{
    char buf[GENOP_RULE_TEXT_MAX];
    if (!r->present)
        return;
    printf("  - %s\n", genop_admission_text(r, buf, sizeof buf));
    print_source(&r->source);
}

static void show_rules(const genop_standard *s)
{
    const genop_attendance_rule *a = &s->attendance;
    printf("\nFremmøde\n");
    if (a->present) {
        bool one = a->review_limit == 1;
        printf("  - Forløbet kan tages op til vurdering ved %d %s.\n", a->review_limit,
               a->counts == GENOP_COUNT_NO_SHOWS
                   ? (one ? "udeblivelse" : "udeblivelser")
                   : (one ? "udeblivelse eller afbud" : "udeblivelser og afbud tilsammen"));
        print_source(&a->source);
        print_admission(&a->admission);
    } else {
        printf("  (standarden sætter ingen grænse for udeblivelser)\n");
    }
    printf("\nHvem kan få træning\n");
    char text[GENOP_RULE_TEXT_MAX];
    if (s->minimum_age.present)
        print_eligibility(genop_minimum_age_text(&s->minimum_age, text, sizeof text),
                          s->minimum_age.paragraphs, &s->minimum_age.source);
    if (s->residency.present)
        print_eligibility(genop_residency_text(s, text, sizeof text),
                          s->residency.paragraphs, &s->residency.source);
    if (s->hospital_plan_excludes.present)
        print_eligibility(genop_hospital_plan_text(s, text, sizeof text),
                          s->hospital_plan_excludes.paragraphs,
                          &s->hospital_plan_excludes.source);
    if (s->quarantine.present)
        print_eligibility(genop_quarantine_text(&s->quarantine, text, sizeof text),
                          s->quarantine.paragraphs, &s->quarantine.source);
}

/* The documentation the standard requires of a course. */
static void show_documentation(const genop_standard *s)
{
    const genop_flag_rule *r = &s->documentation.end_status;
    if (!r->present)
        return;
    printf("\nDokumentation\n");
    print_eligibility(genop_end_status_text(), r->paragraphs, &r->source);
}

/* The target group's criteria (`criteria`), which a refusal names. */
static void show_criteria(const genop_standard *s)
{
    if (!s->n_criteria)
        return;
    printf("\nMålgruppen: betingelser, som visitator vurderer\n");
    for (size_t i = 0; i < s->n_criteria; i++)
        print_eligibility(s->criteria[i].text, s->criteria[i].paragraphs, &s->criteria[i].source);
}

static void show_closure_reasons(const genop_standard *s)
{
    genop_reason_entry all[GENOP_REASONS_MAX];
    size_t n = genop_closure_reasons(s, all);
    printf("\nGrunde til at afslutte et forløb\n");
    for (size_t i = 0; i < n; i++) {
        printf("  - %s (%s)\n", all[i].label, all[i].id);
        if (all[i].source)
            print_source(all[i].source);
        else
            printf("      genops generelle grund; standarden nævner den ikke.\n");
    }
}

/* What the standard says of its own revision, and the warning when it is
 * older than it promises as of today. */
static void show_revision(const genop_standard *s, genop_date today)
{
    const genop_revision_rule *r = &s->revision;
    if (!r->present)
        return;
    char text[GENOP_REVISION_TEXT_MAX];
    genop_revision_state st = genop_revision_judge(r, today);
    printf("\nRevision\n  - %s\n", genop_revision_text(r, text, sizeof text));
    if (st.overdue)
        printf("      ADVARSEL: %s\n", genop_revision_warning(r, &st, text, sizeof text));
    print_source(&r->source);
}

static void show_text(const char *heading, const genop_text_list *l)
{
    if (!l->n)
        return;
    printf("\n%s\n", heading);
    for (size_t i = 0; i < l->n; i++)
        printf("  - %s\n", l->items[i]);
}

static int show(const char *spec, genop_date today)
{
    genop_standard *s;
    genop_error e;
    if (cli_load_standard(spec, &s, &e)) {
        cli_error("standard show: %s", e.message);
        return CLI_FAILED;
    }
    char eff[GENOP_DATE_STR_SIZE];
    printf("%s\n%s (kommunekode %d)\n", s->title, s->municipality, s->municipality_code);
    printf("Gælder for ");
    print_paragraphs(s->paragraphs);
    if (s->has_effective_from)
        printf(" i Lov om social service, fra %s.\n", genop_date_format(s->effective_from, eff));
    else
        printf(" i Lov om social service (teksten angiver ikke, hvornår den gælder fra).\n");
    if (s->approved)
        printf("Godkendt: %s\n", s->approved);
    show_revision(s, today);
    show_deadlines(s);
    show_limits(s);
    show_rules(s);
    show_documentation(s);
    show_criteria(s);
    show_closure_reasons(s);
    const genop_content *c = &s->content;
    show_text("Formål", &c->purpose);
    show_text("Målgruppe", &c->target_group);
    show_text("Træningen kan indeholde", &c->includes);
    show_text("Træningen indeholder ikke", &c->excludes);
    show_text("Hvem leverer træningen", &c->provider);
    show_text("Borgerens forpligtelser", &c->obligations);
    show_text("Klage", &c->complaints);
    show_text("Kontakt", &c->contact);
    genop_standard_free(s);
    return CLI_OK;
}

static int list(void)
{
    for (const genop_embedded_standard *es = genop_embedded_standards; es->id; es++) {
        genop_standard *s;
        genop_error e;
        if (genop_registry_load(es->id, &s, &e)) {
            cli_error("standard list: %s", e.message);
            return CLI_FAILED;
        }
        printf("%-8s %s (kommunekode %d), ", s->id, s->municipality, s->municipality_code);
        print_paragraphs(s->paragraphs);
        printf("\n");
        genop_standard_free(s);
    }
    return CLI_OK;
}

/* Takes --as-of DATO out of argv[2..argc), leaving the other arguments in
 * order from argv[2] and their end in *argc; *today is the date or today.
 * Returns -1 to go on, else the exit code (help printed, a bad option or
 * date reported). */
static int read_options(int *argc, char **argv, genop_date *today)
{
    int n = 2;
    bool given = false;
    for (int i = 2; i < *argc; i++) {
        if (cli_is_help(argv[i])) {
            fputs(usage, stdout);
            return CLI_OK;
        }
        if (strcmp(argv[i], "--as-of") == 0) {
            genop_error e;
            if (i + 1 >= *argc)
                return cli_usage_error(&genop_cmd_standard, "--as-of: angiv en dato (ÅÅÅÅ-MM-DD)");
            if (genop_date_parse(argv[++i], today, &e)) {
                cli_error("standard: --as-of: %s", e.message);
                return CLI_FAILED;
            }
            given = true;
        } else if (argv[i][0] == '-' && argv[i][1]) {
            return cli_usage_error(&genop_cmd_standard, "ukendt tilvalg '%s'", argv[i]);
        } else {
            argv[n++] = argv[i];
        }
    }
    *argc = n;
    if (!given)
        *today = cli_today();
    return -1;
}

static int run(int argc, char **argv)
{
    if (argc < 2)
        return cli_usage_error(&genop_cmd_standard, "angiv list, check eller show");
    if (cli_is_help(argv[1])) {
        fputs(usage, stdout);
        return CLI_OK;
    }
    genop_date today;
    int rc = read_options(&argc, argv, &today);
    if (rc >= 0)
        return rc;
    const char *sub = argv[1];
    if (strcmp(sub, "list") == 0)
        return argc == 2 ? list() : cli_usage_error(&genop_cmd_standard, "list tager ingen argumenter");
    if (strcmp(sub, "show") == 0)
        return argc == 3 ? show(argv[2], today)
                         : cli_usage_error(&genop_cmd_standard, "show: angiv ét id eller én fil");
    if (strcmp(sub, "check") == 0) {
        if (argc < 3)
            return cli_usage_error(&genop_cmd_standard, "check: angiv mindst én fil");
        rc = CLI_OK;
        for (int i = 2; i < argc; i++)
            if (check_one(argv[i], today) != CLI_OK)
                rc = CLI_FAILED;
        return rc;
    }
    return cli_usage_error(&genop_cmd_standard, "ukendt underkommando '%s'", sub);
}

const genop_command genop_cmd_standard = {
    .name = "standard",
    .summary = "kontrollér, vis og list kvalitetsstandarder",
    .usage = usage,
    .run = run,
};
