/*
 * report_public_html.c - the public page (GET /offentlig/{ID}) as a small
 * Danish HTML document, rendered here so that it needs no script: a
 * citizen's link opens it, a printer prints it (its style sheet has a
 * print part), a screen reader reads it (one h1, an h2 per promise, each
 * promise's figures in a table with a caption and headers).
 *
 * Each promise: its name, genop's sentence of what it promises, its
 * conditions, the standard's own words and the source, then a table with
 * the last full month and the last 12 full months as columns and kept,
 * not kept, not yet done and the share kept as rows. A suppressed count is
 * "<5"; a share is exact ("95,3 %"), a bound ("mindst 92,5 %", "højst
 * 28,6 %") or withheld with its reason. Every text from the standard is
 * escaped.
 */
#include <string.h>

#include "report_public.h"
#include "standard_text.h"

/* Appends s with &, <, >, " and ' escaped. */
static void add_escaped(genop_buf *b, const char *s)
{
    while (s && *s) {
        size_t n = strcspn(s, "&<>\"'");
        genop_buf_add(b, s, n);
        s += n;
        switch (*s) {
        case '&': genop_buf_adds(b, "&amp;"); break;
        case '<': genop_buf_adds(b, "&lt;"); break;
        case '>': genop_buf_adds(b, "&gt;"); break;
        case '"': genop_buf_adds(b, "&quot;"); break;
        case '\'': genop_buf_adds(b, "&#39;"); break;
        default: return;
        }
        s++;
    }
}

/* "november 2026" ("November 2026" when capital): the Danish date of the
 * month's first day without "1. ". */
static void add_month_as(genop_buf *b, genop_date first_of_month, bool capital)
{
    char da[GENOP_DATE_DA_SIZE];
    char *month = genop_date_format_da(first_of_month, da) + 3;
    if (capital && month[0] >= 'a' && month[0] <= 'z')
        month[0] = (char)(month[0] - 'a' + 'A');
    genop_buf_adds(b, month);
}

static void add_month(genop_buf *b, genop_date first_of_month)
{
    add_month_as(b, first_of_month, false);
}

/* A share in ten-thousandths as a Danish percentage with one decimal,
 * "95,3 %": rounded half up (down for a least bound, up for a most one),
 * never 100 % unless all were kept nor 0 % unless none were. */
static void add_percent(genop_buf *b, long e4, public_share_kind kind)
{
    long tenths = kind == PUBLIC_SHARE_AT_LEAST  ? e4 / 10
                  : kind == PUBLIC_SHARE_AT_MOST ? (e4 + 9) / 10
                                                 : (e4 + 5) / 10;
    if (tenths == 1000 && e4 < 10000)
        tenths = 999;
    if (tenths == 0 && e4 > 0)
        tenths = 1;
    genop_buf_addf(b, "%ld,%ld&nbsp;%%", tenths / 10, tenths % 10);
}

static void add_count(genop_buf *b, public_count c)
{
    if (c.suppressed)
        genop_buf_adds(b, "<td class=\"small\">&lt;5</td>");
    else
        genop_buf_addf(b, "<td>%ld</td>", c.value);
}

static void add_share(genop_buf *b, const public_figures *f)
{
    switch (f->share) {
    case PUBLIC_SHARE_EXACT:
        genop_buf_adds(b, "<td class=\"share\">");
        break;
    case PUBLIC_SHARE_AT_LEAST:
        genop_buf_adds(b, "<td class=\"share\">mindst ");
        break;
    case PUBLIC_SHARE_AT_MOST:
        genop_buf_adds(b, "<td class=\"share\">højst ");
        break;
    case PUBLIC_SHARE_FEW:
        genop_buf_adds(b, "<td class=\"withheld\">vises ikke (under 5 frister)</td>");
        return;
    case PUBLIC_SHARE_SMALL_PARTS:
        genop_buf_adds(b, "<td class=\"withheld\">vises ikke (for små tal)</td>");
        return;
    }
    add_percent(b, f->share_e4, f->share);
    genop_buf_adds(b, "</td>");
}

static void add_paragraphs(genop_buf *b, unsigned bits)
{
    if (bits == (GENOP_PARA_86_1 | GENOP_PARA_86_2))
        genop_buf_adds(b, "§&nbsp;86, stk.&nbsp;1 og&nbsp;2");
    else
        genop_buf_adds(b, bits & GENOP_PARA_86_2 ? "§&nbsp;86, stk.&nbsp;2" : "§&nbsp;86, stk.&nbsp;1");
}

/* The table's head: first, then the last month and the 12 months. */
static void add_period_headers(genop_buf *b, const report_public *p, const char *first)
{
    genop_buf_addf(b, "<thead><tr><th scope=\"col\">%s</th><th scope=\"col\">", first);
    add_month_as(b, p->month_from, true);
    genop_buf_adds(b, "</th><th scope=\"col\">");
    add_month_as(b, p->year_from, true);
    genop_buf_adds(b, " – ");
    add_month(b, p->month_from);
    genop_buf_adds(b, "</th></tr></thead>\n");
}

/* The figures of one promise: periods as columns, measures as rows. */
static void add_table(genop_buf *b, const report_public *p, const public_promise *pr,
                      bool both)
{
    const public_figures *m = &pr->month, *y = &pr->year;
    genop_buf_adds(b, "<table>\n<caption>");
    add_escaped(b, pr->rule->label);
    if (both) {
        genop_buf_adds(b, ", ");
        add_paragraphs(b, pr->rule->paragraphs);
    }
    genop_buf_adds(b, ": frister, der udløb i perioden</caption>\n");
    add_period_headers(b, p, "Frister");
    genop_buf_adds(b, "<tbody>\n<tr><th scope=\"row\">Holdt</th>");
    add_count(b, m->kept);
    add_count(b, y->kept);
    genop_buf_adds(b, "</tr>\n<tr><th scope=\"row\">Ikke holdt</th>");
    add_count(b, m->not_kept);
    add_count(b, y->not_kept);
    genop_buf_adds(b, "</tr>\n<tr><th scope=\"row\">Heraf endnu ikke sket</th>");
    add_count(b, m->open);
    add_count(b, y->open);
    genop_buf_adds(b, "</tr>\n<tr><th scope=\"row\">Andel holdt</th>");
    add_share(b, m);
    add_share(b, y);
    genop_buf_adds(b, "</tr>\n</tbody>\n</table>\n");
}

static void add_promise(genop_buf *b, const report_public *p, size_t i)
{
    const public_promise *pr = &p->promises[i];
    const genop_deadline_rule *d = pr->rule;
    bool both = p->standard->paragraphs == (GENOP_PARA_86_1 | GENOP_PARA_86_2);
    char text[GENOP_RULE_TEXT_MAX];
    const char *details[GENOP_DEADLINE_DETAILS_MAX];
    size_t n_details = genop_deadline_details(d, details);
    genop_buf_addf(b, "<section class=\"promise\" id=\"loefte-%zu\" aria-labelledby=\"loefte-%zu-h\">\n"
                      "<h2 id=\"loefte-%zu-h\">", i + 1, i + 1, i + 1);
    add_escaped(b, d->label);
    if (both) {
        genop_buf_adds(b, " <span class=\"para\">");
        add_paragraphs(b, d->paragraphs);
        genop_buf_adds(b, "</span>");
    }
    genop_buf_adds(b, "</h2>\n<p class=\"promise-text\">");
    add_escaped(b, genop_deadline_text(d, text, sizeof text));
    for (size_t k = 0; k < n_details; k++) {
        genop_buf_adds(b, " ");
        add_escaped(b, details[k]);
    }
    genop_buf_adds(b, "</p>\n");
    if (d->source.quote) {
        genop_buf_adds(b, d->source.law ? "<p class=\"quote-label\">Lovens ord:</p>\n"
                                        : "<p class=\"quote-label\">Kommunens egne ord:</p>\n");
        genop_buf_adds(b, "<blockquote><p>»");
        add_escaped(b, d->source.quote);
        genop_buf_adds(b, "«</p></blockquote>\n");
    }
    genop_buf_adds(b, d->source.law ? "<p class=\"source\">Kilde (loven, da standarden intet "
                                      "siger om det): "
                                    : "<p class=\"source\">Kilde: ");
    add_escaped(b, d->source.citation);
    genop_buf_adds(b, "</p>\n");
    add_table(b, p, pr, both);
    genop_buf_adds(b, "</section>\n");
}

static void add_head(genop_buf *b, const genop_standard *std, const char *css_href,
                     const char *json_href)
{
    genop_buf_adds(b, "<!DOCTYPE html>\n<html lang=\"da\">\n<head>\n<meta charset=\"utf-8\">\n"
                      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                      "<title>Hvordan holder ");
    add_escaped(b, std->municipality);
    genop_buf_adds(b, " sine løfter om genoptræning?</title>\n<link rel=\"stylesheet\" href=\"");
    add_escaped(b, css_href);
    genop_buf_adds(b, "\">\n");
    if (json_href) {
        genop_buf_adds(b, "<link rel=\"alternate\" type=\"application/json\" href=\"");
        add_escaped(b, json_href);
        genop_buf_adds(b, "\">\n");
    }
    genop_buf_adds(b, "</head>\n<body>\n<main>\n");
}

/* What the page is, which standard, when computed. */
static void add_intro(genop_buf *b, const report_public *p)
{
    const genop_standard *std = p->standard;
    char da[GENOP_DATE_DA_SIZE];
    genop_buf_adds(b, "<h1>Hvordan holder ");
    add_escaped(b, std->municipality);
    genop_buf_adds(b, " sine løfter om genoptræning?</h1>\n<p class=\"lead\">");
    add_escaped(b, std->municipality);
    genop_buf_adds(b, " lover i sin kvalitetsstandard, hvor hurtigt du får svar, og hvornår din "
                      "træning efter servicelovens § 86 begynder. Her kan du se, hvor ofte hvert "
                      "løfte blev holdt i ");
    add_month(b, p->month_from);
    genop_buf_adds(b, " og i de 12 måneder fra ");
    add_month(b, p->year_from);
    genop_buf_adds(b, " til ");
    add_month(b, p->month_from);
    genop_buf_adds(b, ".</p>\n<dl class=\"facts\">\n<dt>Kvalitetsstandard</dt><dd>");
    add_escaped(b, std->title);
    genop_buf_adds(b, "</dd>\n");
    if (std->approved) {
        genop_buf_adds(b, "<dt>Godkendt</dt><dd>");
        add_escaped(b, std->approved);
        genop_buf_adds(b, "</dd>\n");
    }
    if (std->has_effective_from)
        genop_buf_addf(b, "<dt>Gælder fra</dt><dd>%s</dd>\n",
                       genop_date_format_da(std->effective_from, da));
    int minute;
    genop_date day = genop_time_in_denmark(p->computed_at, &minute);
    genop_buf_addf(b, "<dt>Tallene er beregnet</dt><dd>%s kl. %02d.%02d</dd>\n</dl>\n",
                   genop_date_format_da(day, da), minute / 60, minute % 60);
}

/* Every promise's share kept in one table, each linking to its section. */
static void add_overview(genop_buf *b, const report_public *p, bool both)
{
    if (p->n_promises == 0)
        return;
    genop_buf_adds(b, "<section class=\"overview\" aria-labelledby=\"overblik-h\">\n"
                      "<h2 id=\"overblik-h\">Overblik</h2>\n<table>\n"
                      "<caption>Andel af fristerne, der blev holdt, for hvert løfte</caption>\n");
    add_period_headers(b, p, "Løfte");
    genop_buf_adds(b, "<tbody>\n");
    for (size_t i = 0; i < p->n_promises; i++) {
        const public_promise *pr = &p->promises[i];
        genop_buf_addf(b, "<tr><th scope=\"row\"><a href=\"#loefte-%zu\">", i + 1);
        add_escaped(b, pr->rule->label);
        if (both) {
            genop_buf_adds(b, ", ");
            add_paragraphs(b, pr->rule->paragraphs);
        }
        genop_buf_adds(b, "</a></th>");
        add_share(b, &pr->month);
        add_share(b, &pr->year);
        genop_buf_adds(b, "</tr>\n");
    }
    genop_buf_adds(b, "</tbody>\n</table>\n</section>\n");
}

static void add_explanation(genop_buf *b)
{
    genop_buf_adds(
        b,
        "<section class=\"explain\" aria-labelledby=\"laes-h\">\n"
        "<h2 id=\"laes-h\">Sådan læser du tallene</h2>\n<ul>\n"
        "<li>Hver frist tæller i den måned, hvor den udløb.</li>\n"
        "<li><strong>Holdt</strong>: det skete senest på fristens sidste dag.</li>\n"
        "<li><strong>Ikke holdt</strong>: det skete for sent, eller det er endnu ikke sket. "
        "<strong>Heraf endnu ikke sket</strong> er dem, der stadig ikke var sket, da tallene blev "
        "beregnet.</li>\n"
        "<li><strong>Andel holdt</strong>: de holdte frister ud af de holdte og de ikke holdte.</li>\n"
        "<li><strong>&lt;5</strong> betyder færre end 5 (også 0). Små tal vises ikke, så ingen "
        "borger kan genkendes. Er et af tallene bag andelen under 5, vises andelen som "
        "&quot;mindst&quot; eller &quot;højst&quot;, og bygger den på færre end 5 frister, vises "
        "den slet ikke.</li>\n"
        "<li>Siden viser kun tal. Den rummer ingen oplysninger om den enkelte borger.</li>\n"
        "</ul>\n</section>\n");
}

void report_public_write_html(const report_public *p, const char *css_href,
                              const char *json_href, genop_buf *b)
{
    add_head(b, p->standard, css_href, json_href);
    add_intro(b, p);
    add_overview(b, p, p->standard->paragraphs == (GENOP_PARA_86_1 | GENOP_PARA_86_2));
    add_explanation(b);
    for (size_t i = 0; i < p->n_promises; i++)
        add_promise(b, p, i);
    if (p->n_promises == 0)
        genop_buf_adds(b, "<p>Kvalitetsstandarden lover ingen frister.</p>\n");
    genop_buf_adds(b, "</main>\n<footer>\n<p>Tallene er beregnet af genop ud fra kommunens sager, "
                      "efter de regler, kvalitetsstandarden sætter.");
    if (json_href) {
        genop_buf_adds(b, " <a href=\"");
        add_escaped(b, json_href);
        genop_buf_adds(b, "\">Tallene som data (JSON)</a>.");
    }
    genop_buf_adds(b, "</p>\n</footer>\n</body>\n</html>\n");
}

void report_public_write_html_unknown(const char *id, const genop_standard *const *stds,
                                      size_t n, const char *css_href, genop_buf *b)
{
    genop_buf_adds(b, "<!DOCTYPE html>\n<html lang=\"da\">\n<head>\n<meta charset=\"utf-8\">\n"
                      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                      "<title>Kommunen findes ikke</title>\n<link rel=\"stylesheet\" href=\"");
    add_escaped(b, css_href);
    genop_buf_adds(b, "\">\n</head>\n<body>\n<main>\n<h1>Kommunen findes ikke</h1>\n"
                      "<p>genop kender ingen kommune med navnet »");
    add_escaped(b, id);
    genop_buf_adds(b, "«. Se i stedet, hvordan en af disse kommuner holder sine løfter:</p>\n<ul>\n");
    for (size_t i = 0; i < n; i++) {
        genop_buf_adds(b, "<li><a href=\"/offentlig/");
        add_escaped(b, stds[i]->id);
        genop_buf_adds(b, "\">");
        add_escaped(b, stds[i]->municipality);
        genop_buf_adds(b, "</a></li>\n");
    }
    genop_buf_adds(b, "</ul>\n</main>\n</body>\n</html>\n");
}
