/*
 * report_text.c - the report as a readable Danish text: the period, each
 * promise of the standard with how often it was kept and how long it
 * took, month by month, the sessions and the cases (report.h), then
 * report_more.h's sections and the open deadlines by workdays to due.
 */
#include "report_more.h"

static const char *const month_names[12] = {
    "januar", "februar", "marts", "april", "maj", "juni",
    "juli", "august", "september", "oktober", "november", "december",
};

const char *report_text_paragraph(unsigned p)
{
    return p == GENOP_PARA_86_2 ? "§ 86, stk. 2" : "§ 86, stk. 1";
}

/* "94,97 %" or "-" when there is no share. */
static void add_share(genop_buf *b, const report_deadline *d)
{
    if (!d->has_share) {
        genop_buf_adds(b, "-");
        return;
    }
    long e4 = (long)(d->share_met * 10000.0 + 0.5);
    genop_buf_addf(b, "%ld,%02ld %%", e4 / 100, e4 % 100);
}

static void add_value(genop_buf *b, report_value v)
{
    if (v.present)
        genop_buf_add_long(b, v.value);
    else
        genop_buf_adds(b, "-");
}

static void add_deadline(genop_buf *b, const report_deadline *d, const char *indent, bool source)
{
    genop_buf_addf(b, "%s%s (%s, %s)\n", indent, d->rule->label,
                   report_text_paragraph(d->paragraph), d->rule->id);
    genop_buf_addf(b, "%s  overholdt %ld, for sent %ld, afventer %ld, overskredet %ld;"
                   " andel overholdt ", indent, d->met, d->late, d->pending, d->overdue);
    add_share(b, d);
    genop_buf_addf(b, "\n%s  dage: median ", indent);
    add_value(b, d->days_median);
    genop_buf_adds(b, ", 90 %-fraktil ");
    add_value(b, d->days_p90);
    genop_buf_adds(b, "; arbejdsdage: median ");
    add_value(b, d->workdays_median);
    genop_buf_adds(b, ", 90 %-fraktil ");
    add_value(b, d->workdays_p90);
    genop_buf_adds(b, "\n");
    if (source && d->rule->source.citation)
        genop_buf_addf(b, "%s  kilde: %s\n", indent, d->rule->source.citation);
}

static void add_header(genop_buf *b, const report *r)
{
    char from[GENOP_DATE_DA_SIZE], to[GENOP_DATE_DA_SIZE], as_of[GENOP_DATE_DA_SIZE];
    genop_buf_addf(b, "Kvalitetsmål: %s (%s)\n", r->standard->title ? r->standard->title : "",
                   r->municipality);
    genop_buf_addf(b, "Periode: %s - %s, opgjort pr. %s\n",
                   genop_date_format_da(r->query.from, from), genop_date_format_da(r->query.to, to),
                   genop_date_format_da(r->query.as_of, as_of));
    genop_buf_addf(b, "Sager: %s (%ld i alt)\n",
                   r->query.paragraph ? report_text_paragraph(r->query.paragraph)
                                      : "alle paragraffer",
                   r->cases.evaluated);
}

static void add_counts(genop_buf *b, const report *r)
{
    const report_attendance *a = &r->attendance;
    const report_cases *c = &r->cases;
    genop_buf_addf(b, "\nFremmøde (træninger dateret i perioden)\n"
                   "  træninger, der tæller: %ld (heraf gennemført %ld)\n"
                   "  udeblivelser: %ld\n  aflyst af borgeren: %ld\n  aflyst af enheden: %ld\n",
                   a->sessions, a->attended, a->no_shows, a->citizen_cancellations,
                   a->provider_cancellations);
    genop_buf_addf(b, "\nSager\n  henvisninger modtaget: %ld\n  bevilget (første afgørelse): %ld\n"
                   "  afslået (første afgørelse): %ld\n  afsluttet: %ld\n",
                   c->referrals, c->granted, c->refused, c->closed);
    const report_extras *x = &r->extras;
    genop_buf_addf(b, "\nKlager\n  modtaget: %ld\n  givet medhold: %ld fuldt, %ld delvist, %ld ikke\n"
                   "  sendt til Ankestyrelsen: %ld\n",
                   x->complaints_received, x->complaints_decided[GENOP_UPHELD_FULL],
                   x->complaints_decided[GENOP_UPHELD_PARTIAL],
                   x->complaints_decided[GENOP_UPHELD_NONE], x->complaints_forwarded);
    genop_buf_addf(b, "\nGrænser overskredet i perioden\n  træninger: %ld\n  udredninger: %ld\n"
                   "  træninger pr. uge: %ld\n  minutter pr. uge: %ld\n  forløbets længde: %ld\n"
                   "Forløb sat til vurdering for fremmøde: %ld\n",
                   x->limits_exceeded[GENOP_LIMIT_SESSIONS],
                   x->limits_exceeded[GENOP_LIMIT_ASSESSMENT_SESSIONS],
                   x->limits_exceeded[GENOP_LIMIT_SESSIONS_PER_WEEK],
                   x->limits_exceeded[GENOP_LIMIT_MINUTES_PER_WEEK],
                   x->limits_exceeded[GENOP_LIMIT_COURSE_LENGTH], x->attendance_reviews);
}

void report_write_text(const report *r, genop_buf *b)
{
    add_header(b, r);
    genop_buf_adds(b, "\nFrister med forfald i perioden\n");
    if (r->n_deadlines == 0)
        genop_buf_adds(b, "  ingen\n");
    for (size_t i = 0; i < r->n_deadlines; i++)
        add_deadline(b, &r->deadlines[i], "  ", true);
    genop_buf_adds(b, "\nMåned for måned (efter fristens forfaldsdato)\n");
    if (r->n_months == 0)
        genop_buf_adds(b, "  ingen\n");
    for (size_t m = 0; m < r->n_months; m++) {
        const report_month *mo = &r->months[m];
        genop_buf_addf(b, "  %s %d\n", month_names[mo->month - 1], mo->year);
        for (size_t i = 0; i < mo->n_deadlines; i++)
            add_deadline(b, &mo->deadlines[i], "    ", false);
    }
    add_counts(b, r);
    report_more_text(r, b);
    report_dist_text(r, b);
}
