/*
 * seed_casework.c - the benchmarks' seeders' way into the domain layer
 * (see seed_casework.h).
 */
#include "seed_casework.h"

#include <stdio.h>
#include <stdlib.h>

#include "event_append.h"
#include "event_input.h"
#include "referral.h"

const char *const seed_first_names[SEED_FIRST_NAMES] = {
    "Karen", "Jens", "Inge", "Niels", "Kirsten", "Poul", "Hanne", "Ole", "Grethe", "Erik",
    "Birthe", "Henning", "Lone", "Bent", "Susanne", "Søren", "Mette", "Jørgen", "Anne", "Aksel",
};
const char *const seed_last_names[SEED_LAST_NAMES] = {
    "Jensen", "Nielsen", "Hansen", "Pedersen", "Andersen", "Christensen", "Larsen",
    "Sørensen", "Rasmussen", "Jørgensen", "Petersen", "Madsen", "Kristensen", "Olsen",
};
json_t *seed_jdate(genop_date d)
{
    char buf[GENOP_DATE_STR_SIZE];
    return json_string(genop_date_format(d, buf));
}

/* Tells that the registration of body was refused; returns 1. */
static int refused(const char *what, const json_t *body, const genop_error *e)
{
    char *b = json_dumps(body, JSON_COMPACT);
    fprintf(stderr, "seed: %s %s refused: %s (%s)\n", what, b ? b : "?", e->message, e->field);
    free(b);
    return 1;
}

int seed_post_case(casework_local *loc, const genop_user *user, json_t *body, int64_t *id)
{
    casework_referral in;
    casework_referral_result r;
    genop_error e;
    genop_err err = body ? casework_referral_from_json(body, &in, &e)
                         : genop_fail(&e, GENOP_ENOMEM, "out of memory");
    if (!err)
        err = casework_referral_register(&loc->env, user, &in, &r, &e);
    int rc = err ? refused("case", body, &e) : 0;
    if (!rc)
        *id = r.case_id;
    json_decref(body);
    return rc;
}

int seed_post_event(casework_local *loc, const genop_user *user, int64_t id, json_t *body)
{
    casework_event ev;
    genop_error e;
    int64_t event_id;
    genop_err err = casework_event_read(body, &ev, &e);
    if (!err)
        err = casework_event_append(&loc->env, user, id, &ev, &event_id, &e);
    casework_event_release(&ev);
    int rc = err ? refused("event", body, &e) : 0;
    json_decref(body);
    return rc;
}
