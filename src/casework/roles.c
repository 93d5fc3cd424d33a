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
