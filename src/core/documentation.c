/*
 * documentation.c - judging the documentation a standard requires of a
 * course (see documentation.h).
 */
#include "documentation.h"

#include <string.h>

static const char *const doc_status_names[GENOP_DOC_COUNT] = {
    "not_needed", "due", "present", "missing",
};

const char *genop_end_status_text(void)
{
    return "Hvert forløb afsluttes med en slutstatus: borgerens funktionsevne og mål ved "
           "forløbets slutning.";
}

const char *genop_doc_status_name(genop_doc_status s)
{
    return doc_status_names[s];
}

void genop_documentation_judge(const genop_case *c, const genop_standard *std, unsigned para,
                               genop_documentation_result *out)
{
    memset(out, 0, sizeof *out);
    const genop_flag_rule *rule = &std->documentation.end_status;
    if (!rule->present || !(rule->paragraphs & para))
        return;
    out->end_status_required = true;
    out->end_status_source = &rule->source;
    bool course = false, closed = false, end = false;
    genop_date closed_on = 0;
    for (size_t i = 0; i < c->n_events; i++) {
        const genop_event *ev = &c->events[i];
        if (ev->type == GENOP_EV_SESSION && genop_session_counts(ev) &&
            (!closed || ev->date <= closed_on))
            course = true;
        else if (ev->type == GENOP_EV_CLOSED && !closed) {
            closed = true;
            closed_on = ev->date;
        } else if (ev->type == GENOP_EV_FUNCTION_STATUS && ev->phase == GENOP_PHASE_END)
            end = true;
    }
    if (end)
        out->end_status = GENOP_DOC_PRESENT;
    else if (!course)
        out->end_status = GENOP_DOC_NOT_NEEDED;
    else
        out->end_status = closed ? GENOP_DOC_MISSING : GENOP_DOC_DUE;
    out->has_end_status_due = closed && course;
    out->end_status_due = closed_on;
}
