/*
 * report_public_json.c - the public page's figures as JSON, for GET
 * /api/v1/public/{ID} (docs/report.md, "The public page"): the
 * municipality and its standard, the two periods, and each promise with
 * its sentence, the standard's own words, its source and its figures. A
 * suppressed count is {"count": null, "suppressed": true}; a share is
 * exact (share_kept), a bound (share_kept_at_least / _at_most), or
 * withheld with a reason (share_withheld).
 */
#include <time.h>

#include "json_write.h"
#include "report_public.h"
#include "standard_text.h"

static void write_count(genop_buf *b, bool *first, const char *key, public_count c)
{
    json_write_key(b, first, key);
    genop_buf_adds(b, "{\"count\":");
    json_write_long_or_null(b, !c.suppressed, c.value);
    genop_buf_adds(b, c.suppressed ? ",\"suppressed\":true}" : ",\"suppressed\":false}");
}

static void write_share_member(genop_buf *b, bool *first, const char *key, bool present, long e4)
{
    json_write_key(b, first, key);
    if (present)
        json_write_e4(b, e4);
    else
        genop_buf_adds(b, "null");
}

static void write_withheld(genop_buf *b, bool *first, public_share_kind kind)
{
    json_write_key(b, first, "share_withheld");
    if (kind == PUBLIC_SHARE_FEW)
        genop_buf_adds(b, "{\"reason\":\"few_deadlines\",\"text\":\"Andelen vises ikke, "
                          "fordi den ville bygge på færre end 5 frister.\"}");
    else if (kind == PUBLIC_SHARE_SMALL_PARTS)
        genop_buf_adds(b, "{\"reason\":\"small_counts\",\"text\":\"Andelen vises ikke, "
                          "fordi både de holdte og de ikke holdte frister er færre end 5.\"}");
    else
        genop_buf_adds(b, "null");
}

static void write_figures(genop_buf *b, const public_figures *f)
{
    bool first = true;
    genop_buf_adds(b, "{");
    write_count(b, &first, "kept", f->kept);
    write_count(b, &first, "not_kept", f->not_kept);
    write_count(b, &first, "open", f->open);
    write_share_member(b, &first, "share_kept", f->share == PUBLIC_SHARE_EXACT, f->share_e4);
    write_share_member(b, &first, "share_kept_at_least", f->share == PUBLIC_SHARE_AT_LEAST,
                       f->share_e4);
    write_share_member(b, &first, "share_kept_at_most", f->share == PUBLIC_SHARE_AT_MOST,
                       f->share_e4);
    write_withheld(b, &first, f->share);
    genop_buf_adds(b, "}");
}

static void write_paragraphs(genop_buf *b, unsigned bits)
{
    genop_buf_adds(b, "[");
    if (bits & GENOP_PARA_86_1)
        genop_buf_adds(b, "\"86.1\"");
    if (bits & GENOP_PARA_86_2)
        genop_buf_adds(b, bits & GENOP_PARA_86_1 ? ",\"86.2\"" : "\"86.2\"");
    genop_buf_adds(b, "]");
}

static void write_promise(genop_buf *b, const public_promise *p)
{
    const genop_deadline_rule *d = p->rule;
    char text[GENOP_RULE_TEXT_MAX];
    const char *details[GENOP_DEADLINE_DETAILS_MAX];
    size_t n_details = genop_deadline_details(d, details);
    bool first = true;
    genop_buf_adds(b, "{");
    json_write_key(b, &first, "id");
    genop_buf_add_json_string(b, d->id);
    json_write_key(b, &first, "paragraphs");
    write_paragraphs(b, d->paragraphs);
    json_write_key(b, &first, "label");
    genop_buf_add_json_string(b, d->label);
    json_write_key(b, &first, "text");
    genop_buf_add_json_string(b, genop_deadline_text(d, text, sizeof text));
    json_write_key(b, &first, "details");
    genop_buf_adds(b, "[");
    for (size_t i = 0; i < n_details; i++) {
        genop_buf_adds(b, i ? "," : "");
        genop_buf_add_json_string(b, details[i]);
    }
    genop_buf_adds(b, "]");
    json_write_key(b, &first, "quote");
    genop_buf_add_json_string(b, d->source.quote);
    json_write_key(b, &first, "source");
    genop_buf_add_json_string(b, d->source.citation);
    json_write_key(b, &first, "source_is_law");
    genop_buf_adds(b, d->source.law ? "true" : "false");
    json_write_key(b, &first, "last_month");
    write_figures(b, &p->month);
    json_write_key(b, &first, "last_12_months");
    write_figures(b, &p->year);
    genop_buf_adds(b, "}");
}

static void write_period(genop_buf *b, bool *first, const char *key, genop_date from,
                         genop_date to)
{
    json_write_key(b, first, key);
    genop_buf_adds(b, "{\"from\":");
    json_write_date(b, true, from);
    genop_buf_adds(b, ",\"to\":");
    json_write_date(b, true, to);
    genop_buf_adds(b, "}");
}

static void write_standard(genop_buf *b, bool *first, const genop_standard *std)
{
    bool f = true;
    json_write_key(b, first, "standard");
    genop_buf_adds(b, "{");
    json_write_key(b, &f, "title");
    genop_buf_add_json_string(b, std->title);
    json_write_key(b, &f, "approved");
    genop_buf_add_json_string(b, std->approved);
    json_write_key(b, &f, "effective_from");
    json_write_date(b, std->has_effective_from, std->effective_from);
    json_write_key(b, &f, "paragraphs");
    write_paragraphs(b, std->paragraphs);
    genop_buf_adds(b, "}");
}

void report_public_write_json(const report_public *p, genop_buf *b)
{
    const genop_standard *std = p->standard;
    bool first = true;
    char stamp[32];
    time_t t = (time_t)p->computed_at;
    struct tm tm;
    gmtime_r(&t, &tm);
    strftime(stamp, sizeof stamp, "%Y-%m-%dT%H:%M:%SZ", &tm);
    genop_buf_adds(b, "{");
    json_write_key(b, &first, "municipality");
    genop_buf_add_json_string(b, std->id);
    json_write_key(b, &first, "municipality_name");
    genop_buf_add_json_string(b, std->municipality);
    json_write_key(b, &first, "municipality_code");
    genop_buf_add_long(b, std->municipality_code);
    write_standard(b, &first, std);
    json_write_key(b, &first, "today");
    json_write_date(b, true, p->today);
    json_write_key(b, &first, "computed_at");
    genop_buf_add_json_string(b, stamp);
    json_write_key(b, &first, "suppressed_below");
    genop_buf_add_long(b, REPORT_PUBLIC_SMALL);
    write_period(b, &first, "last_month", p->month_from, p->month_to);
    write_period(b, &first, "last_12_months", p->year_from, p->year_to);
    json_write_key(b, &first, "promises");
    genop_buf_adds(b, "[");
    for (size_t i = 0; i < p->n_promises; i++) {
        genop_buf_adds(b, i ? "," : "");
        write_promise(b, &p->promises[i]);
    }
    genop_buf_adds(b, "]}");
}
