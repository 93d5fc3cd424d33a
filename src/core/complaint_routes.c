/*
 * complaint_routes.c - the names of complaint topics and handlers, the
 * route a complaint takes under a standard, and the route as a Danish
 * sentence (see complaint_routes.h).
 */
#include "complaint_routes.h"

#include <stdio.h>
#include <string.h>

#include "names.h"

static const char *const about_names[GENOP_ABOUT_COUNT] = {
    "decision", "service_level", "professional",
};
static const char *const about_labels_da[GENOP_ABOUT_COUNT] = {
    "afgørelsen", "serviceniveauet", "det faglige indhold",
};
static const char *const handler_names[GENOP_HANDLER_COUNT] = {
    "municipality", "ankestyrelsen", "styrelsen_for_patientklager",
};
static const char *const handler_labels_da[GENOP_HANDLER_COUNT] = {
    "kommunen", "Ankestyrelsen", "Styrelsen for Patientklager",
};

const char *genop_complaint_about_name(genop_complaint_about a) { return about_names[a]; }
const char *genop_complaint_about_label_da(genop_complaint_about a) { return about_labels_da[a]; }
const char *genop_complaint_handler_name(genop_complaint_handler h) { return handler_names[h]; }
const char *genop_complaint_handler_label_da(genop_complaint_handler h)
{
    return handler_labels_da[h];
}

bool genop_complaint_about_from_name(const char *name, genop_complaint_about *out)
{
    int i;
    if (!name || !genop_name_index(about_names, GENOP_ABOUT_COUNT, name, &i))
        return false;
    *out = (genop_complaint_about)i;
    return true;
}

bool genop_complaint_handler_from_name(const char *name, genop_complaint_handler *out)
{
    int i;
    if (!name || !genop_name_index(handler_names, GENOP_HANDLER_COUNT, name, &i))
        return false;
    *out = (genop_complaint_handler)i;
    return true;
}

const genop_complaint_route *genop_complaint_route_for(const genop_standard *std,
                                                       genop_complaint_about about)
{
    for (size_t i = 0; i < std->n_complaint_routes; i++)
        if (std->complaint_routes[i].about & (1u << about))
            return &std->complaint_routes[i];
    if (about != GENOP_ABOUT_DECISION)
        return genop_complaint_route_for(std, GENOP_ABOUT_DECISION);
    return NULL;
}

bool genop_complaint_reconsidered(const genop_standard *std, const genop_event *ev)
{
    if (!ev->has_about)
        return true;
    const genop_complaint_route *r = genop_complaint_route_for(std, ev->about);
    return !r || r->reconsiders;
}

genop_err genop_complaint_admissible(const genop_standard *std, const genop_case *c,
                                     const genop_event *ev, genop_error *e)
{
    const genop_event *outside = NULL;
    for (size_t i = 0; ev->type == GENOP_EV_COMPLAINT_DECIDED && i < c->n_events; i++) {
        const genop_event *k = &c->events[i];
        if (k->type != GENOP_EV_COMPLAINT_RECEIVED || k->date > ev->date)
            continue;
        if (genop_complaint_reconsidered(std, k))
            return GENOP_OK;
        outside = k;
    }
    if (!outside)
        return GENOP_OK;
    char d[GENOP_DATE_DA_SIZE];
    const genop_complaint_route *r = genop_complaint_route_for(std, outside->about);
    return genop_fail(e, GENOP_EINVAL, "$.date: der er ingen klage, som kommunen genvurderer: "
                      "klagen af %s over %s går direkte til %s", genop_date_format_da(outside->date, d),
                      about_labels_da[outside->about], handler_labels_da[r->handler]);
}

/* Appends s to buf at *used. What does not fit in size - 1 bytes is cut
 * before the first character that does not fit whole, and nothing is
 * appended after that (*used becomes size). */
static void append(char *buf, size_t size, size_t *used, const char *s)
{
    size_t n = strlen(s);
    if (*used + 1 >= size)
        return;
    bool cut = n > size - 1 - *used;
    if (cut) {
        n = size - 1 - *used;
        while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
            n--;
    }
    memcpy(buf + *used, s, n);
    buf[*used + n] = '\0';
    *used = cut ? size : *used + n;
}

/* "afgørelsen", "afgørelsen og serviceniveauet", ... */
static void about_list(const genop_complaint_route *r, char *buf, size_t size, size_t *used)
{
    int k = 0, total = 0;
    for (int a = 0; a < GENOP_ABOUT_COUNT; a++)
        total += (r->about >> a) & 1u;
    for (int a = 0; a < GENOP_ABOUT_COUNT; a++) {
        if (!(r->about & (1u << a)))
            continue;
        append(buf, size, used, k == 0 ? "" : k == total - 1 ? " og " : ", ");
        append(buf, size, used, about_labels_da[a]);
        k++;
    }
}

const char *genop_complaint_route_text(const genop_complaint_route *r, char *buf, size_t size)
{
    size_t used = 0;
    if (size == 0)
        return buf;
    buf[0] = '\0';
    append(buf, size, &used, "Klager over ");
    about_list(r, buf, size, &used);
    if (!r->reconsiders) {
        append(buf, size, &used, " sendes direkte til ");
        append(buf, size, &used, handler_labels_da[r->handler]);
        if (r->web) {
            append(buf, size, &used, " (");
            append(buf, size, &used, r->web);
            append(buf, size, &used, ")");
        }
        append(buf, size, &used, "; kommunen genvurderer dem ikke.");
        return buf;
    }
    append(buf, size, &used, " sendes til ");
    append(buf, size, &used, r->unit.present ? r->unit.name : "kommunen");
    for (size_t i = 0; r->unit.present && i < r->unit.address.n; i++) {
        append(buf, size, &used, ", ");
        append(buf, size, &used, r->unit.address.items[i]);
    }
    append(buf, size, &used, ", som genvurderer sagen.");
    if (r->handler != GENOP_HANDLER_MUNICIPALITY) {
        append(buf, size, &used, " Får borgeren ikke fuldt medhold, sendes klagen til ");
        append(buf, size, &used, handler_labels_da[r->handler]);
        append(buf, size, &used, ".");
    }
    return buf;
}
