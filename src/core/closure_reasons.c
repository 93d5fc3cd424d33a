/*
 * closure_reasons.c - genop's general reasons for ending a course and a
 * standard's effective list of them (see closure_reasons.h).
 */
#include "closure_reasons.h"

#include <stdio.h>
#include <string.h>

static const struct {
    const char *id, *label;
} general[GENOP_GENERAL_REASONS] = {
    {"goal_reached", "Målet er nået"},
    {"citizen_declined", "Borgeren ønsker ikke at fortsætte"},
    {"no_shows", "Udeblivelser"},
    {"moved", "Borgeren er flyttet"},
    {"deceased", "Borgeren er død"},
    {"other", "Anden årsag"},
};

static const genop_case_end_reason case_ends[GENOP_CASE_END_COUNT] = {
    [GENOP_END_REFUSED] = {
        "refused", "Afslag: sagen er afsluttet uden forløb",
        "når sagens seneste afgørelse er et afslag, og ingen klage over den er under behandling",
        "Sagens seneste afgørelse er et afslag, og ingen klage over det er under behandling: "
        "sagen afsluttes uden et træningsforløb. Borgerens klagefrist løber videre; kommer der "
        "en klage, står den på opgavelisten."},
    [GENOP_END_COMPLAINT_FORWARDED] = {
        "complaint_forwarded", "Klagen er sendt til Ankestyrelsen",
        "når klagen over sagens seneste afgørelse, et afslag, er sendt til Ankestyrelsen",
        "Klagen over afslaget er sendt til Ankestyrelsen, og kommunens del af sagen er slut. "
        "Sagen afsluttes uden et træningsforløb."},
};

const genop_case_end_reason *genop_case_end_reason_of(genop_case_end end)
{
    return &case_ends[end];
}

bool genop_case_end_find(const char *id, genop_case_end *out)
{
    for (size_t i = 0; i < GENOP_CASE_END_COUNT; i++) {
        if (strcmp(case_ends[i].id, id) == 0) {
            *out = (genop_case_end)i;
            return true;
        }
    }
    return false;
}

genop_reason_entry genop_general_reason(size_t i)
{
    return (genop_reason_entry){general[i].id, general[i].label, NULL, true};
}

/* True when the standard names a reason with the id. */
static bool named(const genop_standard *std, const char *id)
{
    for (size_t i = 0; i < std->n_closure_reasons; i++)
        if (strcmp(std->closure_reasons[i].id, id) == 0)
            return true;
    return false;
}

size_t genop_closure_reasons(const genop_standard *std, genop_reason_entry out[GENOP_REASONS_MAX])
{
    size_t n = 0;
    for (size_t i = 0; i < std->n_closure_reasons; i++) {
        const genop_closure_reason *r = &std->closure_reasons[i];
        out[n++] = (genop_reason_entry){r->id, r->label, &r->source, false};
    }
    for (size_t i = 0; i < GENOP_GENERAL_REASONS; i++)
        if (!named(std, general[i].id))
            out[n++] = genop_general_reason(i);
    return n;
}

bool genop_closure_reason_find(const genop_standard *std, const char *id, genop_reason_entry *out)
{
    genop_reason_entry all[GENOP_REASONS_MAX];
    size_t n = genop_closure_reasons(std, all);
    for (size_t i = 0; i < n; i++) {
        if (strcmp(all[i].id, id) == 0) {
            *out = all[i];
            return true;
        }
    }
    return false;
}

const char *genop_closure_reason_ids(const genop_standard *std, char *buf, size_t size)
{
    genop_reason_entry all[GENOP_REASONS_MAX];
    size_t n = genop_closure_reasons(std, all);
    size_t used = 0;
    if (size)
        buf[0] = '\0';
    for (size_t i = 0; i < n && used + 1 < size; i++) {
        int w = snprintf(buf + used, size - used, "%s%s", i ? ", " : "", all[i].id);
        if (w < 0)
            break;
        used += (size_t)w < size - used ? (size_t)w : size - used - 1;
    }
    return buf;
}
