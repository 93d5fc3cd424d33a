/*
 * cmd_evaluate.c - `genop evaluate`: holds one case (a JSON file) or a
 * stream of cases (JSON Lines on standard input) to a quality standard and
 * prints the result (shared/spec/evaluate.md, section 3).
 *
 * Output for a case is built completely before any of it is printed, so a
 * bad case never leaves a partial result behind.
 */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "case_json.h"
#include "cli.h"
#include "evaluate.h"
#include "result_json.h"
#include "strbuf.h"

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
    "                     en fejlbehæftet (eller tom) linje giver {\"error\": ...}, og\n"
    "                     status 1 til sidst; tomme linjer sidst i input ignoreres\n"
    "  SAG.json           sagen; '-' læser standard input\n";

typedef struct eval_opts {
    const char *standard;
    bool has_as_of;
    genop_date as_of;
    const char *case_path;
    bool jsonl;
} eval_opts;

/* Reads the options. A bad --as-of value is bad data (CLI_FAILED) and is
 * caught here, before a swallowed file name could show up as a missing case
 * file; a malformed command line is CLI_USAGE. */
static int parse_opts(int argc, char **argv, eval_opts *o)
{
    memset(o, 0, sizeof *o);
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if ((strcmp(a, "--standard") == 0 || strcmp(a, "--as-of") == 0) && i + 1 >= argc)
            return cli_usage_error(&genop_cmd_evaluate, "%s kræver en værdi", a);
        if (strcmp(a, "--standard") == 0) {
            o->standard = argv[++i];
        } else if (strcmp(a, "--as-of") == 0) {
            genop_error e;
            if (genop_date_parse(argv[++i], &o->as_of, &e)) {
                cli_error("evaluate: --as-of: %s", e.message);
                return CLI_FAILED;
            }
            o->has_as_of = true;
        } else if (strcmp(a, "--jsonl") == 0) {
            o->jsonl = true;
        } else if (a[0] == '-' && a[1] != '\0') {
            return cli_usage_error(&genop_cmd_evaluate, "ukendt tilvalg '%s'", a);
        } else if (!o->case_path) {
            o->case_path = a;
        } else {
            return cli_usage_error(&genop_cmd_evaluate, "kun én sagsfil ad gangen ('%s')", a);
        }
    }
    if (!o->standard)
        return cli_usage_error(&genop_cmd_evaluate, "mangler --standard");
    if (o->jsonl && o->case_path)
        return cli_usage_error(&genop_cmd_evaluate, "--jsonl læser standard input; angiv ingen fil");
    if (!o->jsonl && !o->case_path)
        return cli_usage_error(&genop_cmd_evaluate, "angiv en sagsfil eller --jsonl");
    return CLI_OK;
}

/* Reads and evaluates one case text; the result is appended to out. */
static genop_err evaluate_text(const char *text, size_t len, const genop_standard *std,
                               genop_date default_as_of, genop_case *c, genop_buf *out,
                               genop_error *e)
{
    genop_err err = genop_case_parse(text, len, c, e);
    if (err)
        return err;
    genop_result r;
    err = genop_evaluate(c, std, c->has_as_of ? c->as_of : default_as_of, &r, e);
    if (err)
        return err;
    genop_result_write_json(&r, c, out);
    return genop_buf_failed(out) ? genop_fail(e, GENOP_ENOMEM, "ikke nok hukommelse til resultatet")
                                 : GENOP_OK;
}

static int evaluate_file(const eval_opts *o, const genop_standard *std, genop_date as_of)
{
    char *text = NULL;
    size_t len;
    json_t *pretty = NULL;
    genop_buf out = {0};
    genop_case c = {0};
    genop_error e;
    genop_err err = cli_read_file(o->case_path, GENOP_CASE_JSON_MAX, &text, &len, &e);
    if (!err) {
        err = evaluate_text(text, len, std, as_of, &c, &out, &e);
        if (err)
            genop_error_prefix(&e, "%s", o->case_path);
    }
    if (!err && !(pretty = json_loadb(out.data, out.len, 0, NULL)))
        err = genop_fail(&e, GENOP_ENOMEM, "ikke nok hukommelse til resultatet");
    if (err)
        cli_error("evaluate: %s", e.message);
    else {
        json_dumpf(pretty, stdout, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
        putchar('\n');
    }
    json_decref(pretty);
    genop_buf_release(&out);
    genop_case_release(&c);
    free(text);
    return err ? CLI_FAILED : CLI_OK;
}

/* Reads standard input line by line through one large buffer: a line is
 * handed out in place (no copy) unless it straddles the buffer's end. */
typedef struct line_reader {
    FILE *in;
    char *buf;
    size_t cap, start, end;
    bool eof;
} line_reader;

#define READ_CHUNK (1u << 20)

typedef enum line_status {
    LINE_OK,       /* *line holds a line (or *too_long is set) */
    LINE_END,      /* no more input */
    LINE_NOMEM,    /* the buffer could not grow */
    LINE_EIO       /* reading standard input failed */
} line_status;

/* Next line (without its "\n" or "\r\n", NUL-terminated in place) in *line
 * and *len. A line longer than GENOP_CASE_JSON_MAX is skipped to its end
 * and reported by *too_long (then *line is NULL). */
static line_status next_line(line_reader *r, char **line, size_t *len, bool *too_long)
{
    *too_long = false;
    for (;;) {
        char *nl = r->end > r->start ? memchr(r->buf + r->start, '\n', r->end - r->start) : NULL;
        if (nl || (r->eof && r->end > r->start)) {
            size_t n = nl ? (size_t)(nl - (r->buf + r->start)) : r->end - r->start;
            *line = r->buf + r->start;
            r->start += n + (nl ? 1 : 0);
            if (n > 0 && (*line)[n - 1] == '\r')
                n--;
            (*line)[n] = '\0';
            *len = n;
            return LINE_OK;
        }
        if (r->eof)
            return LINE_END;
        /* Keep the partial line, then read more behind it. */
        size_t partial = r->end - r->start;
        if (partial > GENOP_CASE_JSON_MAX) {
            *too_long = true;
            r->start = r->end = 0;        /* drop it; the rest is skipped below */
            int ch;
            while ((ch = getc(r->in)) != EOF && ch != '\n')
                ;
            if (ch == EOF && ferror(r->in))
                return LINE_EIO;
            r->eof = ch == EOF;
            *line = NULL;
            *len = 0;
            return LINE_OK;
        }
        if (partial)
            memmove(r->buf, r->buf + r->start, partial);
        r->start = 0;
        r->end = partial;
        if (r->cap - r->end < READ_CHUNK) {
            size_t cap = r->cap ? r->cap * 2 : 2 * READ_CHUNK;
            char *grown = realloc(r->buf, cap + 1);
            if (!grown)
                return LINE_NOMEM;
            r->buf = grown;
            r->cap = cap;
        }
        size_t got = fread(r->buf + r->end, 1, r->cap - r->end, r->in);
        r->end += got;
        if (got == 0 && ferror(r->in))
            return LINE_EIO;
        r->eof = got == 0;
    }
}

/* True if the line has nothing but spaces and tabs. */
static bool is_blank(const char *line, size_t len)
{
    for (size_t i = 0; i < len; i++)
        if (line[i] != ' ' && line[i] != '\t')
            return false;
    return true;
}

static void add_error_line(genop_buf *out, size_t line_no, const char *message)
{
    char msg[GENOP_ERROR_MSG_MAX + 32];
    snprintf(msg, sizeof msg, "linje %zu: %s", line_no, message);
    genop_buf_adds(out, "{\"error\":");
    genop_buf_add_json_string(out, msg);
    genop_buf_adds(out, "}\n");
}

/* Writes out what out holds to standard output and empties it. */
static void flush_out(genop_buf *out)
{
    if (out->len)
        fwrite(out->data, 1, out->len, stdout);
    genop_buf_reset(out);
}

/* Evaluates one case per input line, one output line per input line.
 * Blank lines are held back: one followed by a case gets an error line
 * (so output line N still answers input line N), while blank lines at the
 * end of the input are ignored. */
static int evaluate_stream(const genop_standard *std, genop_date as_of)
{
    line_reader r = {.in = stdin};
    genop_buf out = {0};
    genop_case c = {0};
    char *line;
    size_t len, line_no = 0, blank_from = 0, n_blank = 0;
    bool too_long, any_bad = false;
    const char *fatal = NULL;
    line_status st;
    while ((st = next_line(&r, &line, &len, &too_long)) == LINE_OK) {
        line_no++;
        if (!too_long && is_blank(line, len)) {
            if (n_blank++ == 0)
                blank_from = line_no;
            continue;
        }
        for (size_t i = 0; i < n_blank; i++) {
            any_bad = true;
            add_error_line(&out, blank_from + i, "tom linje; hver linje skal være én sag (et JSON-objekt)");
        }
        n_blank = 0;
        genop_error e;
        size_t mark = out.len;
        genop_err err = too_long ? genop_fail(&e, GENOP_ETOOBIG, "linjen er længere end %u byte",
                                              GENOP_CASE_JSON_MAX)
                                 : evaluate_text(line, len, std, as_of, &c, &out, &e);
        if (err && !genop_buf_failed(&out)) {
            any_bad = true;
            out.len = mark;          /* nothing of a bad case is printed */
            add_error_line(&out, line_no, e.message);
        } else if (!err) {
            genop_buf_add(&out, "\n", 1);
        }
        if (genop_buf_failed(&out)) {
            /* Keep the lines before this one, then stop: a result that
             * cannot be written must not silently go missing. */
            out.len = mark;
            fatal = "ikke nok hukommelse til resultatet";
            break;
        }
        if (out.len >= (1u << 16))
            flush_out(&out);
    }
    if (st == LINE_NOMEM)
        fatal = "ikke nok hukommelse til at læse standard input";
    else if (st == LINE_EIO)
        fatal = "standard input kan ikke læses";
    if (!fatal)
        flush_out(&out);
    else if (out.len)
        fwrite(out.data, 1, out.len, stdout);
    fflush(stdout);
    genop_buf_release(&out);
    genop_case_release(&c);
    free(r.buf);
    if (fatal) {
        cli_error("evaluate: linje %zu: %s", line_no + (st != LINE_OK), fatal);
        return CLI_FAILED;
    }
    if (any_bad)
        cli_error("evaluate: en eller flere linjer kunne ikke vurderes (se deres \"error\")");
    return any_bad ? CLI_FAILED : CLI_OK;
}

static int run(int argc, char **argv)
{
    if (cli_help_requested(argc, argv, usage))
        return CLI_OK;
    eval_opts o;
    int rc = parse_opts(argc, argv, &o);
    if (rc)
        return rc;
    genop_date as_of = o.has_as_of ? o.as_of : cli_today();
    genop_error e;
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
