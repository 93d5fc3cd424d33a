/*
 * roles.c - the role policy of roles.h as tables.
 */
#include "roles.h"

#include <string.h>

/* The event types a terapeut may register (the training unit's own; an
 * admission is often first known to the therapist whose session the
 * citizen missed). */
static const char *const terapeut_types[] = {
    "contacted", "assessment", "session", "closed", "function_status", "note", "correction",
    "admitted", "assigned",
};

/* A leder distributes the cases: assignments, and corrections of them
 * (assignment.h says who may assign whom). */
static const char *const leder_types[] = {"assigned", "correction"};

static bool listed(const char *type, const char *const *types, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(type, types[i]) == 0)
            return true;
    return false;
}

bool roles_may_append(genop_role role, const char *type)
{
    if (role == GENOP_ROLE_VISITATOR)
        return true;
    if (role == GENOP_ROLE_TERAPEUT)
        return listed(type, terapeut_types, sizeof terapeut_types / sizeof terapeut_types[0]);
    if (role == GENOP_ROLE_LEDER)
        return listed(type, leder_types, sizeof leder_types / sizeof leder_types[0]);
    return false;
}

/* The API's event types in the Danish words the case page uses
 * (web/labels.js), for messages a user reads. */
static const struct { const char *type, *label; } type_labels[] = {
    {"referral_received", "en henvendelse"}, {"contacted", "en kontakt til borgeren"},
    {"assessment", "en udredning eller samtale"}, {"decision", "en afgørelse"},
    {"decision_received", "at borgeren har modtaget afgørelsen"},
    {"grant_received", "at bevillingen er modtaget"}, {"session", "en træningsgang"},
    {"closed", "en afslutning af forløbet"}, {"complaint_received", "en klage"},
    {"complaint_decided", "en genvurdering af en klage"},
    {"complaint_forwarded", "at en klage er sendt til Ankestyrelsen"},
    {"hospital_plan", "en genoptræningsplan fra sygehuset"},
    {"previous_course", "et tidligere forløb"}, {"function_status", "en udredning (FSIII)"},
    {"admitted", "en indlæggelse"}, {"assigned", "hvem der er ansvarlig"},
    {"appeal_decided", "Ankestyrelsens afgørelse"}, {"note", "et journalnotat"},
    {"correction", "en rettelse"},
};

const char *roles_event_label(const char *type)
{
    for (size_t i = 0; i < sizeof type_labels / sizeof type_labels[0]; i++)
        if (strcmp(type, type_labels[i].type) == 0)
            return type_labels[i].label;
    return "denne slags hændelse";
}

const char *roles_label(genop_role role)
{
    switch (role) {
    case GENOP_ROLE_VISITATOR: return "visitator";
    case GENOP_ROLE_TERAPEUT: return "terapeut";
    case GENOP_ROLE_LEDER: return "leder";
    case GENOP_ROLE_ADMIN: return "administrator";
    default: return "bruger";
    }
}

bool roles_sees_full_cpr(genop_role role)
{
    return role == GENOP_ROLE_VISITATOR;
}

bool roles_sees_contact(genop_role role)
{
    return role == GENOP_ROLE_VISITATOR || role == GENOP_ROLE_TERAPEUT;
}

char *roles_cpr_text(genop_role role, const char *digits, char buf[GENOP_CPR_TEXT_SIZE])
{
    bool full = roles_sees_full_cpr(role) && strlen(digits) == 10;
    memcpy(buf, digits, 6);
    buf[6] = '-';
    memcpy(buf + 7, full ? digits + 6 : "xxxx", 4);
    buf[11] = '\0';
    return buf;
}
