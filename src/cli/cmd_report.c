/*
 * cmd_report.c - `genop report`: how well a municipality kept its standard
 * over a period (shared/spec/report.md), from its database, as text, CSV,
 * JSON or an XLSX workbook, on standard output or in a file. The report
 * itself is the domain layer's (src/casework/report/report.h); this file
 * reads the command line, opens the store read-only in one read
 * transaction, and writes the chosen form.
 *
 * Exit codes as every command's (cli.h): a malformed command line is
 * CLI_USAGE (2); a bad value (a date, the municipality, a period the
 * report cannot cover) or a failure to read or write is CLI_FAILED (1).
 */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "registry.h"
#include "report.h"
#include "store.h"

static const char usage[] =
    "Brug:\n"
    "  genop report --db FIL --municipality ID --from DATO --to DATO\n"
    "               [--as-of DATO] [--paragraph 86.1|86.2]\n"
    "               [--format text|csv|xlsx|json] [--out FIL]\n"
    "\n"
    "Opgør, hvor godt kommunens kvalitetsstandard er overholdt i perioden:\n"
    "hver frist (løfte) pr. paragraf med forfald i perioden efter status,\n"
    "andel overholdt og dage og arbejdsdage brugt (median og 90 %-fraktil),\n"
    "det samme måned for måned, fremmøde, sager, klager og overskredne\n"
    "grænser. Hver sag vurderes som 'genop evaluate' ville pr. opgørelsesdatoen.\n"
    "\n"
    "Tilvalg:\n"
    "  --db FIL            databasefilen, også skrevet sqlite:FIL\n"
    "  --municipality ID   kommunen (fx aalborg)\n"
    "  --from DATO         periodens første dag (ÅÅÅÅ-MM-DD)\n"
    "  --to DATO           periodens sidste dag (højst 120 måneder i alt)\n"
    "  --as-of DATO        opgørelsesdato (standard: i dag)\n"
    "  --paragraph P       kun sager efter § 86, stk. 1 (86.1) eller stk. 2 (86.2)\n"
    "  --format F          text (standard), csv, xlsx eller json\n"
    "  --out FIL           skriv til FIL i stedet for standard output (et\n"
    "                      regneark kun til en fil eller et rør, ikke terminalen)\n";

typedef enum { FORMAT_TEXT, FORMAT_CSV, FORMAT_XLSX, FORMAT_JSON } report_format;

typedef struct report_opts {
    const char *db, *municipality, *from, *to, *as_of, *paragraph, *out;
    report_format format;
} report_opts;

static const char *const option_names[] = {"--db", "--municipality", "--from", "--to",
                                           "--as-of", "--paragraph", "--out", "--format"};

static int parse_format(const char *s, report_format *f)
{
    static const char *const names[] = {"text", "csv", "xlsx", "json"};
    for (int i = 0; i < 4; i++)
        if (strcmp(s, names[i]) == 0) {
            *f = (report_format)i;
            return CLI_OK;
        }
    return cli_usage_error(&genop_cmd_report, "--format skal være text, csv, xlsx eller json");
}

static int parse_opts(int argc, char **argv, report_opts *o)
{
    memset(o, 0, sizeof *o);
    const char **slots[] = {&o->db, &o->municipality, &o->from, &o->to,
                            &o->as_of, &o->paragraph, &o->out, NULL};
    const char *format = "text";
    for (int i = 1; i < argc; i++) {
        size_t k = 0;
        while (k < 8 && strcmp(argv[i], option_names[k]) != 0)
            k++;
        if (k == 8)
            return cli_usage_error(&genop_cmd_report, "ukendt tilvalg '%s'", argv[i]);
        if (i + 1 >= argc)
            return cli_usage_error(&genop_cmd_report, "%s kræver en værdi", argv[i]);
        *(k < 7 ? slots[k] : &format) = argv[++i];
    }
    if (!o->db)
        return cli_usage_error(&genop_cmd_report, "mangler --db");
    if (!o->municipality)
        return cli_usage_error(&genop_cmd_report, "mangler --municipality");
    if (!o->from || !o->to)
        return cli_usage_error(&genop_cmd_report, "mangler %s", o->from ? "--to" : "--from");
    int rc = parse_format(format, &o->format);
    if (!rc && o->format == FORMAT_XLSX && !o->out && isatty(STDOUT_FILENO))
        return cli_usage_error(&genop_cmd_report,
                               "et regneark skrives ikke til terminalen; angiv --out FIL");
    return rc;
}

/* The query from o; a bad value is reported and false. */
static bool make_query(const report_opts *o, report_query *q)
{
    memset(q, 0, sizeof *q);
    const char *names[3] = {"--from", "--to", "--as-of"};
    const char *values[3] = {o->from, o->to, o->as_of};
    genop_date *dates[3] = {&q->from, &q->to, &q->as_of};
    q->as_of = cli_today();
    for (int i = 0; i < 3; i++) {
        genop_error e;
        if (values[i] && genop_date_parse(values[i], dates[i], &e)) {
            cli_error("report: %s: %s", names[i], e.message);
            return false;
        }
    }
    if (o->paragraph && !(q->paragraph = genop_paragraph_from_name(o->paragraph))) {
        cli_error("report: --paragraph: '%s' er hverken 86.1 eller 86.2", o->paragraph);
        return false;
    }
    genop_error e;
    if (report_query_check(q, &e)) {
        cli_error("report: %s", e.message);
        return false;
    }
    return true;
}

/* Writes r in o's form to o->out or standard output. */
static genop_err write_report(const report_opts *o, const report *r, genop_error *e)
{
    genop_buf b = {0};
    genop_err err = GENOP_OK;
    switch (o->format) {
    case FORMAT_TEXT: report_write_text(r, &b); break;
    case FORMAT_CSV: report_write_csv(r, &b); break;
    case FORMAT_JSON: report_write_json(r, &b); break;
    case FORMAT_XLSX:
        if (o->out) {
            err = report_write_xlsx(r, o->out, e);
            genop_buf_release(&b);
            return err;
        }
        err = report_write_xlsx_buf(r, &b, e);
        break;
    }
    if (!err && genop_buf_failed(&b))
        err = genop_fail(e, GENOP_ENOMEM, "ikke nok hukommelse til rapporten");
    FILE *f = !err && o->out ? fopen(o->out, "wb") : stdout;
    if (!err && !f)
        err = genop_fail(e, GENOP_EIO, "kunne ikke skrive '%s'", o->out);
    if (!err && b.len && fwrite(b.data, 1, b.len, f) != b.len)
        err = genop_fail(e, GENOP_EIO, "kunne ikke skrive rapporten");
    if (f && f != stdout && fclose(f) != 0 && !err)
        err = genop_fail(e, GENOP_EIO, "kunne ikke skrive '%s'", o->out);
    genop_buf_release(&b);
    return err;
}

/* The database must exist: a report never makes an empty one. */
static genop_err open_existing(const char *db, genop_store **s, genop_error *e)
{
    const char *path = strncmp(db, "sqlite:", 7) == 0 ? db + 7 : db;
    if (access(path, R_OK) != 0)
        return genop_fail(e, GENOP_ENOTFOUND, "databasen '%s' findes ikke", path);
    return genop_store_open(db, NULL, s, e);
}

static int run(int argc, char **argv)
{
    if (cli_help_requested(argc, argv, usage))
        return CLI_OK;
    report_opts o;
    report_query q;
    int rc = parse_opts(argc, argv, &o);
    if (rc)
        return rc;
    if (!make_query(&o, &q))
        return CLI_FAILED;
    genop_standard *std = NULL;
    genop_store *s = NULL;
    report r = {0};
    genop_error e;
    genop_err err = genop_registry_load(o.municipality, &std, &e);
    if (err)
        genop_error_prefix(&e, "--municipality");
    if (!err)
        err = open_existing(o.db, &s, &e);
    if (!err && !(err = genop_store_begin_read(s, &e))) {
        err = report_compute(s, std, o.municipality, &q, &r, &e);
        genop_store_rollback(s);
    }
    if (!err)
        err = write_report(&o, &r, &e);
    report_release(&r);
    genop_store_close(s);
    genop_standard_free(std);
    if (err) {
        cli_error("report: %s", e.message);
        return CLI_FAILED;
    }
    return CLI_OK;
}

const genop_command genop_cmd_report = {
    .name = "report",
    .summary = "opgør, hvor godt kvalitetsstandarden er overholdt (tekst, CSV, JSON, XLSX)",
    .usage = usage,
    .run = run,
};
