/*
 * cmd_evaluate.c - `genop evaluate`: holds one case (a JSON file) or a
 * stream of cases (JSON Lines on standard input) to a quality standard and
 * prints the result (shared/spec/evaluate.md, section 3).
 *
 * Output for a case is built completely before any of it is printed, so a
 * bad case never leaves a partial result behind.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "case_json.h"
#include "cli.h"
#include "evaluate.h"
#include "result_json.h"

static const char usage[] =
    "Brug:\n"
    "  genop evaluate --standard ID|FIL [--as-of DATO] SAG.json\n"
    "  genop evaluate --standard ID|FIL [--as-of DATO] --jsonl < sager.jsonl\n"
    "\n"
    "Holder en sag op mod en kvalitetsstandard og skriver resultatet som JSON:\n"
    "frister (deadlines), grænser (limits), fremmøde (attendance) og\n"
    "berettigelse (eligibility), hver med kilden i standarden.\n"
    "\n"
    "Tilvalg:\n"
    "  --standard ID|FIL  en indbygget standard (rodovre, skive, nyborg, ishoj,\n"
    "                     aalborg) eller en YAML-fil\n"
    "  --as-of DATO       opgørelsesdato (standard: i dag); en sags eget \"as_of\" vinder\n"
    "  --jsonl            én sag pr. linje på standard input, ét resultat pr. linje;\n"
    "                     en fejlbehæftet linje giver {\"error\": ...}, og status 1 til sidst\n"
    "  SAG.json           sagen; '-' læser standard input\n";

typedef struct eval_opts {
    const char *standard;
    const char *as_of_text;
    const char *case_path;
    bool jsonl;
} eval_opts;

static int parse_opts(int argc, char **argv, eval_opts *o)
{
    memset(o, 0, sizeof *o);
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if ((strcmp(a, "--standard") == 0 || strcmp(a, "--as-of") == 0) && i + 1 >= argc)
            return cli_usage_error(&genop_cmd_evaluate, "%s kræver en værdi", a);
        if (strcmp(a, "--standard") == 0)
            o->standard = argv[++i];
        else if (strcmp(a, "--as-of") == 0)
            o->as_of_text = argv[++i];
        else if (strcmp(a, "--jsonl") == 0)
            o->jsonl = true;
        else if (a[0] == '-' && a[1] != '\0')
            return cli_usage_error(&genop_cmd_evaluate, "ukendt tilvalg '%s'", a);
        else if (!o->case_path)
            o->case_path = a;
        else
            return cli_usage_error(&genop_cmd_evaluate, "kun én sagsfil ad gangen ('%s')", a);
    }
    if (!o->standard)
        return cli_usage_error(&genop_cmd_evaluate, "mangler --standard");
    if (o->jsonl && o->case_path)
        return cli_usage_error(&genop_cmd_evaluate, "--jsonl læser standard input; angiv ingen fil");
    if (!o->jsonl && !o->case_path)
        return cli_usage_error(&genop_cmd_evaluate, "angiv en sagsfil eller --jsonl");
    return CLI_OK;
}

/* Evaluates one parsed case object; on success *out is the result object
 * (with the case's own "id" copied in, when it has one). */
static genop_err evaluate_json(const json_t *root, const genop_standard *std,
                               genop_date default_as_of, genop_case *c, json_t **out,
                               genop_error *e)
{
    genop_err err = genop_case_from_json(root, c, e);
    if (err)
        return err;
    genop_result r;
    err = genop_evaluate(c, std, c->has_as_of ? c->as_of : default_as_of, &r, e);
    if (err)
        return err;
    json_t *res = genop_result_to_json(&r);
    if (!res)
        return genop_fail(e, GENOP_ENOMEM, "ikke nok hukommelse til resultatet");
    json_t *id = json_object_get(root, "id");
    if (id)
        json_object_set(res, "id", id);
    *out = res;
    return GENOP_OK;
}

static int evaluate_file(const eval_opts *o, const genop_standard *std, genop_date as_of)
{
    char *text = NULL;
    size_t len;
    json_t *root = NULL, *res = NULL;
    genop_case c = {0};
    genop_error e;
    genop_err err = cli_read_file(o->case_path, GENOP_CASE_JSON_MAX, &text, &len, &e);
    if (!err) {
        err = genop_json_parse(text, len, &root, &e);
        if (err)
            genop_error_prefix(&e, "%s", o->case_path);
    }
    if (!err) {
        err = evaluate_json(root, std, as_of, &c, &res, &e);
        if (err)
            genop_error_prefix(&e, "%s", o->case_path);
    }
    if (err)
        cli_error("evaluate: %s", e.message);
    else {
        json_dumpf(res, stdout, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
        putchar('\n');
    }
    json_decref(res);
    json_decref(root);
    genop_case_release(&c);
    free(text);
    return err ? CLI_FAILED : CLI_OK;
}

/* Reads one line (without its newline) into *buf, growing it up to
 * GENOP_CASE_JSON_MAX. Returns false at end of input. *too_long is set when
 * the line was longer; the rest of it is skipped. */
static bool read_line(FILE *in, char **buf, size_t *cap, size_t *len, bool *too_long)
{
    size_t n = 0;
    int ch;
    *too_long = false;
    while ((ch = getc(in)) != EOF && ch != '\n') {
        if (n >= GENOP_CASE_JSON_MAX) {
            *too_long = true;
            continue;
        }
        if (n + 1 >= *cap) {
            size_t ncap = *cap ? *cap * 2 : 4096;
            char *grown = realloc(*buf, ncap);
            if (!grown) {
                *too_long = true;
                continue;
            }
            *buf = grown;
            *cap = ncap;
        }
        (*buf)[n++] = (char)ch;
    }
    if (ch == EOF && n == 0 && !*too_long)
        return false;
    if (*buf)
        (*buf)[n] = '\0';
    *len = n;
    return true;
}

static void print_error_line(size_t line_no, const char *message)
{
    char msg[GENOP_ERROR_MSG_MAX + 32];
    snprintf(msg, sizeof msg, "linje %zu: %s", line_no, message);
    json_t *o = json_pack("{s:s}", "error", msg);
    if (!o) /* the message was not valid UTF-8 */
        o = json_pack("{s:s}", "error", "linjen kunne ikke læses");
    json_dumpf(o, stdout, JSON_COMPACT);
    putchar('\n');
    json_decref(o);
}

static int evaluate_stream(const genop_standard *std, genop_date as_of)
{
    char *line = NULL;
    size_t cap = 0, len, line_no = 0;
    bool too_long, any_bad = false;
    genop_case c = {0};
    while (read_line(stdin, &line, &cap, &len, &too_long)) {
        line_no++;
        genop_error e;
        json_t *root = NULL, *res = NULL;
        genop_err err = too_long ? genop_fail(&e, GENOP_ETOOBIG, "linjen er længere end %u byte",
                                              GENOP_CASE_JSON_MAX)
                                 : genop_json_parse(line ? line : "", len, &root, &e);
        if (!err)
            err = evaluate_json(root, std, as_of, &c, &res, &e);
        if (err) {
            any_bad = true;
            print_error_line(line_no, e.message);
        } else {
            json_dumpf(res, stdout, JSON_COMPACT | JSON_PRESERVE_ORDER);
            putchar('\n');
        }
        json_decref(res);
        json_decref(root);
    }
    genop_case_release(&c);
    free(line);
    fflush(stdout);
    if (any_bad)
        cli_error("evaluate: en eller flere linjer kunne ikke vurderes (se deres \"error\")");
    return any_bad ? CLI_FAILED : CLI_OK;
}

static int run(int argc, char **argv)
{
    for (int i = 1; i < argc; i++)
        if (cli_is_help(argv[i])) {
            fputs(usage, stdout);
            return CLI_OK;
        }
    eval_opts o;
    int rc = parse_opts(argc, argv, &o);
    if (rc)
        return rc;
    genop_date as_of = cli_today();
    genop_error e;
    if (o.as_of_text && genop_date_parse(o.as_of_text, &as_of, &e)) {
        cli_error("evaluate: --as-of: %s", e.message);
        return CLI_FAILED;
    }
    genop_standard *std;
    if (cli_load_standard(o.standard, &std, &e)) {
        cli_error("evaluate: --standard: %s", e.message);
        return CLI_FAILED;
    }
    rc = o.jsonl ? evaluate_stream(std, as_of) : evaluate_file(&o, std, as_of);
    genop_standard_free(std);
    return rc;
}

const genop_command genop_cmd_evaluate = {
    .name = "evaluate",
    .summary = "hold en sag op mod en kvalitetsstandard (frister, grænser, fremmøde, berettigelse)",
    .usage = usage,
    .run = run,
};
