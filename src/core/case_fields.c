/*
 * case_fields.c - the fields of the case format and their checks (see
 * case_fields.h): one check per event type that has fields of its own,
 * the citizen's and the case's fields, the items of a function status's
 * lists, and a decision's grant with its exceptions. Pure: no I/O, no
 * allocation.
 */
#include "case_fields.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "complaint_routes.h"
#include "input_limits.h"
#include "standard.h"

const char *const case_event_keys[N_EVENT_KEYS] = {
    "type", "date", "paragraph", "condition", "granted", "minutes", "outcome",
    "kind", "upheld", "reason", "phase", "levels", "goals", "role", "username", "grant",
    "channel", "about",
};
const char *const case_grant_keys[N_GRANT_KEYS] = {
    "form", "place", "sessions_per_week", "minutes_per_session", "sessions", "until",
    "transport", "exceptions",
};
const char *const case_exception_keys[N_EXCEPTION_KEYS] = {"limit", "max", "reason"};
const char *const case_level_keys[N_LEVEL_KEYS] = {"code", "level"};
const char *const case_goal_keys[N_GOAL_KEYS] = {"text", "reached"};
const char *const case_citizen_keys[N_CITIZEN_KEYS] = {"birth_date", "municipality_code"};
const char *const case_root_keys[N_ROOT_KEYS] = {"as_of", "id", "citizen", "events"};

/* ---- checking raw values ------------------------------------------------ */

const char *raw_type_da(raw_type t)
{
    switch (t) {
    case RAW_OBJECT: return "et objekt";
    case RAW_ARRAY: return "en liste";
    case RAW_STRING: return "en tekst";
    case RAW_INTEGER: return "et heltal";
    case RAW_REAL: return "et decimaltal";
    case RAW_BOOL: return "true/false";
    case RAW_NULL: return "null";
    default: return "intet";
    }
}

/* The text of a string field: NULL (and OK) when absent and not required. */
static genop_err need_text(const raw_value *v, const char *path, const char *key,
                           bool required, const char **out, genop_error *e)
{
    *out = NULL;
    if (v->type == RAW_ABSENT)
        return required ? genop_fail(e, GENOP_EINVAL, "%s.%s mangler", path, key) : GENOP_OK;
    if (v->type != RAW_STRING)
        return genop_fail(e, GENOP_EINVAL, "%s.%s skal være en tekst, ikke %s", path, key,
                          raw_type_da(v->type));
    if (v->has_nul)
        return genop_fail(e, GENOP_EINVAL, "%s.%s indeholder et NUL-tegn (\\u0000)", path, key);
    *out = v->text;
    return GENOP_OK;
}

static genop_err need_date(const raw_value *v, const char *path, const char *key,
                           bool required, bool *present, genop_date *out, genop_error *e)
{
    const char *s;
    genop_err err = need_text(v, path, key, required, &s, e);
    if (present)
        *present = s != NULL;
    if (err || !s)
        return err;
    err = genop_date_parse(v->len < RAW_TEXT_SIZE - 1 ? s : "(for lang)", out, e);
    if (err)
        genop_error_prefix(e, "%s.%s", path, key);
    return err;
}

/* Copies a condition text into dst, which holds GENOP_CONDITION_MAX + 1. */
static genop_err need_condition(const raw_value *v, const char *path, bool required,
                                char *dst, genop_error *e)
{
    const char *s;
    genop_err err = need_text(v, path, "condition", required, &s, e);
    if (err || !s)
        return err;
    if (v->len > GENOP_CONDITION_MAX)
        return genop_fail(e, GENOP_ETOOBIG, "%s.condition er %zu byte lang; højst %d",
                          path, v->len, GENOP_CONDITION_MAX);
    memcpy(dst, s, v->len + 1);
    return GENOP_OK;
}

static genop_err check_referral(const raw_value *o, const char *path, genop_event *ev,
                                genop_error *e)
{
    const char *p;
    genop_err err = need_text(&o[K_PARAGRAPH], path, "paragraph", true, &p, e);
    if (err)
        return err;
    ev->paragraph = genop_paragraph_from_name(p);
    if (!ev->paragraph)
        return genop_fail(e, GENOP_EINVAL,
                          "%s.paragraph er '%.20s'; den skal være \"86.1\" eller \"86.2\"",
                          path, p);
    return need_condition(&o[K_CONDITION], path, false, ev->condition, e);
}

/* A closure's reason (required, any text); kept in ev->reason when it
 * fits, else left empty. */
static genop_err check_closed(const raw_value *o, const char *path, genop_event *ev,
                              genop_error *e)
{
    const char *reason;
    genop_err err = need_text(&o[K_REASON], path, "reason", true, &reason, e);
    if (!err && o[K_REASON].len <= GENOP_CONDITION_MAX)
        memcpy(ev->reason, reason, o[K_REASON].len + 1);
    return err;
}

/* One of the words `allowed` (NULL-terminated), if v is present. */
static genop_err need_word(const raw_value *v, const char *path, const char *key,
                           const char *const *allowed, const char *listed, genop_error *e)
{
    const char *s;
    genop_err err = need_text(v, path, key, false, &s, e);
    if (err || !s)
        return err;
    for (const char *const *w = allowed; *w; w++)
        if (strcmp(s, *w) == 0)
            return GENOP_OK;
    return genop_fail(e, GENOP_EINVAL, "%s.%s er '%.40s'; den skal være %s", path, key, s, listed);
}

/* A positive whole number, if v is present (or null, when nullable). */
static genop_err need_positive(const raw_value *v, const char *path, const char *key,
                               bool nullable, genop_error *e)
{
    if (v->type == RAW_ABSENT || (nullable && v->type == RAW_NULL))
        return GENOP_OK;
    if (v->type != RAW_INTEGER)
        return genop_fail(e, GENOP_EINVAL, "%s.%s skal være et positivt heltal%s, ikke %s", path,
                          key, nullable ? " eller null" : "", raw_type_da(v->type));
    if (v->integer < 1 || v->integer > GENOP_EXCEPTION_MAX_MAX)
        return genop_fail(e, GENOP_ERANGE, "%s.%s er %lld; det skal være et positivt heltal "
                          "(1-%d)", path, key, v->integer, GENOP_EXCEPTION_MAX_MAX);
    return GENOP_OK;
}

/* The grant's end date, if given: a date not before the decision's. */
static genop_err check_until(const raw_value *v, const char *gp, genop_date decided,
                             genop_error *e)
{
    if (v->type == RAW_NULL)
        return GENOP_OK;
    bool present;
    genop_date until;
    genop_err err = need_date(v, gp, "until", false, &present, &until, e);
    if (err || !present || until >= decided)
        return err;
    char a[GENOP_DATE_STR_SIZE], b[GENOP_DATE_STR_SIZE];
    return genop_fail(e, GENOP_EINVAL, "%s.until er %s, før afgørelsens dato %s", gp,
                      genop_date_format(until, a), genop_date_format(decided, b));
}

/* A granted decision's `grant` (letters.md section 1): every field that
 * is there must be right; which must be there is the API's to say. */
static genop_err check_grant(const raw_value *o, const grant_items *g, const char *path,
                             const genop_event *ev, genop_error *e)
{
    static const char *const forms[] = {"individual", "team", "self_training", NULL};
    static const char *const places[] = {"centre", "home", "local_area", NULL};
    const raw_value *v = &o[K_GRANT], *f = g->fields;
    if (v->type == RAW_ABSENT || v->type == RAW_NULL)
        return GENOP_OK;
    if (v->type != RAW_OBJECT)
        return genop_fail(e, GENOP_EINVAL, "%s.grant skal være et objekt (det bevilgede), ikke %s",
                          path, raw_type_da(v->type));
    if (!ev->granted)
        return genop_fail(e, GENOP_EINVAL, "%s.grant: en afgørelse med afslag (granted: false) "
                          "bevilger intet", path);
    char gp[96];
    snprintf(gp, sizeof gp, "%s.grant", path);
    genop_err err = need_word(&f[K_FORM], gp, "form", forms, "individual, team eller "
                              "self_training", e);
    if (!err)
        err = need_word(&f[K_PLACE], gp, "place", places, "centre, home eller local_area", e);
    if (!err)
        err = need_positive(&f[K_SESSIONS_PER_WEEK], gp, "sessions_per_week", false, e);
    if (!err)
        err = need_positive(&f[K_MINUTES_PER_SESSION], gp, "minutes_per_session", false, e);
    if (!err)
        err = need_positive(&f[K_SESSIONS], gp, "sessions", true, e);
    if (!err)
        err = check_until(&f[K_UNTIL], gp, ev->date, e);
    if (err)
        return err;
    if (f[K_TRANSPORT].type != RAW_ABSENT && f[K_TRANSPORT].type != RAW_BOOL)
        return genop_fail(e, GENOP_EINVAL, "%s.transport skal være true eller false, ikke %s", gp,
                          raw_type_da(f[K_TRANSPORT].type));
    raw_type xt = f[K_EXCEPTIONS].type;
    if (xt != RAW_ABSENT && xt != RAW_NULL && xt != RAW_ARRAY)
        return genop_fail(e, GENOP_EINVAL, "%s.exceptions skal være en liste af {limit, max, "
                          "reason}, ikke %s", gp, raw_type_da(xt));
    if (g->err && e)
        *e = g->first;
    return g->err;
}

static genop_err check_decision(const raw_value *o, const grant_items *g, const char *path,
                                genop_event *ev, genop_error *e)
{
    const raw_value *v = &o[K_GRANTED];
    if (v->type == RAW_ABSENT)
        return genop_fail(e, GENOP_EINVAL, "%s.granted mangler (true eller false)", path);
    if (v->type != RAW_BOOL)
        return genop_fail(e, GENOP_EINVAL, "%s.granted skal være true eller false, ikke %s",
                          path, raw_type_da(v->type));
    ev->granted = v->boolean;
    return check_grant(o, g, path, ev, e);
}

static genop_err check_session(const raw_value *o, const char *path, genop_event *ev,
                               genop_error *e)
{
    const raw_value *m = &o[K_MINUTES];
    if (m->type == RAW_ABSENT)
        return genop_fail(e, GENOP_EINVAL, "%s.minutes mangler", path);
    if (m->type != RAW_INTEGER)
        return genop_fail(e, GENOP_EINVAL, "%s.minutes skal være et heltal, ikke %s",
                          path, raw_type_da(m->type));
    if (m->integer < 0)
        return genop_fail(e, GENOP_ERANGE, "%s.minutes: minuttallet %lld er negativt; en "
                          "træningsgang varer 0 minutter eller mere", path, m->integer);
    if (m->integer > GENOP_SESSION_MINUTES_MAX)
        return genop_fail(e, GENOP_ERANGE, "%s.minutes: minuttallet %lld er for stort; en "
                          "træningsgang kan højst vare %d minutter (%d timer)", path,
                          m->integer, GENOP_SESSION_MINUTES_MAX, GENOP_SESSION_MINUTES_MAX / 60);
    ev->minutes = (int)m->integer;
    const char *s;
    genop_err err = need_text(&o[K_OUTCOME], path, "outcome", true, &s, e);
    if (err)
        return err;
    if (!genop_outcome_from_name(s, &ev->outcome))
        return genop_fail(e, GENOP_EINVAL,
                          "%s.outcome er '%.40s'; den skal være attended, citizen_cancelled, "
                          "no_show eller provider_cancelled", path, s);
    err = need_text(&o[K_KIND], path, "kind", false, &s, e);
    if (err)
        return err;
    ev->kind = GENOP_SESSION_TRAINING;
    if (s && !genop_session_kind_from_name(s, &ev->kind))
        return genop_fail(e, GENOP_EINVAL,
                          "%s.kind er '%.40s'; den skal være training eller assessment", path, s);
    return GENOP_OK;
}

static genop_err check_complaint_decided(const raw_value *o, const char *path,
                                         genop_event *ev, genop_error *e)
{
    const char *s;
    genop_err err = need_text(&o[K_UPHELD], path, "upheld", true, &s, e);
    if (err)
        return err;
    if (!genop_upheld_from_name(s, &ev->upheld))
        return genop_fail(e, GENOP_EINVAL,
                          "%s.upheld er '%.40s'; den skal være full, partial eller none", path, s);
    return GENOP_OK;
}

/* A complaint_received event's optional detail (docs/complaints.md): how
 * it came (`channel`) and what it is about (`about`, complaint_routes.h).
 * Without them it is evaluate.md's plain complaint. */
static genop_err check_complaint_received(const raw_value *o, const char *path,
                                          genop_event *ev, genop_error *e)
{
    static const char *const channels[] = {"oral", "written", NULL};
    const char *s;
    genop_err err = need_word(&o[K_CHANNEL], path, "channel", channels,
                              "oral (mundtlig) eller written (skriftlig)", e);
    if (!err)
        err = need_text(&o[K_ABOUT], path, "about", false, &s, e);
    if (err || !s)
        return err;
    if (!genop_complaint_about_from_name(s, &ev->about))
        return genop_fail(e, GENOP_EINVAL, "%s.about er '%.40s'; den skal være decision "
                          "(afgørelsen), service_level (serviceniveauet) eller professional "
                          "(det faglige indhold)", path, s);
    ev->has_about = true;
    return GENOP_OK;
}

/* An `assigned` event (shared/spec/api.md, "Finding cases, owning them"):
 * a role, visitator or terapeut, and a username. Whether that user exists
 * is the API's to check; the case format only needs the shape. */
static genop_err check_assigned(const raw_value *o, const char *path, genop_error *e)
{
    const char *role, *user;
    genop_err err = need_text(&o[K_ROLE], path, "role", true, &role, e);
    if (err)
        return err;
    if (strcmp(role, "visitator") != 0 && strcmp(role, "terapeut") != 0)
        return genop_fail(e, GENOP_EINVAL, "%s.role er '%.40s'; den skal være visitator eller "
                          "terapeut", path, role);
    err = need_text(&o[K_USERNAME], path, "username", true, &user, e);
    if (!err && !*user)
        return genop_fail(e, GENOP_EINVAL, "%s.username er tom", path);
    return err;
}

/* An `appeal_decided` event (shared/spec/letters.md section 3):
 * Ankestyrelsen's outcome. */
static genop_err check_appeal_decided(const raw_value *o, const char *path, genop_event *ev,
                                      genop_error *e)
{
    const char *s;
    genop_err err = need_text(&o[K_OUTCOME], path, "outcome", true, &s, e);
    if (err)
        return err;
    if (genop_appeal_outcome_from_name(s, &ev->appeal))
        return GENOP_OK;
    return genop_fail(e, GENOP_EINVAL, "%s.outcome er '%.40s'; den skal være upheld "
                      "(stadfæstet), changed (ændret), annulled (ophævet) eller remitted "
                      "(hjemvist)", path, s);
}

/* A list member of a function_status event: absent is OK unless required. */
static genop_err need_list(const raw_value *v, const char *path, const char *key,
                           bool required, const char *what, genop_error *e)
{
    if (v->type == RAW_ABSENT)
        return required ? genop_fail(e, GENOP_EINVAL, "%s.%s mangler: %s", path, key, what)
                        : GENOP_OK;
    if (v->type != RAW_ARRAY)
        return genop_fail(e, GENOP_EINVAL, "%s.%s skal være en liste (%s), ikke %s", path, key,
                          what, raw_type_da(v->type));
    return GENOP_OK;
}

/* The phase, the lists and what their items came to (status_items). */
static genop_err check_function_status(const raw_value *o, const status_items *items,
                                       const char *path, genop_event *ev, genop_error *e)
{
    const char *s;
    genop_err err = need_text(&o[K_PHASE], path, "phase", true, &s, e);
    if (err)
        return err;
    if (!genop_status_phase_from_name(s, &ev->phase))
        return genop_fail(e, GENOP_EINVAL,
                          "%s.phase er '%.40s'; den skal være start (startstatus) eller end "
                          "(slutstatus)", path, s);
    err = need_list(&o[K_LEVELS], path, "levels", true,
                    "funktionsevnetilstandenes niveauer som [{code, level}]", e);
    if (!err)
        err = need_list(&o[K_GOALS], path, "goals", false,
                        "borgerens egne mål som [{text, reached}]", e);
    if (err)
        return err;
    if (items->err) {
        if (e)
            *e = items->first;
        return items->err;
    }
    if (items->n_levels == 0)
        return genop_fail(e, GENOP_EINVAL, "%s.levels er tom: angiv niveauet for mindst én "
                          "funktionsevnetilstand", path);
    if (ev->phase == GENOP_PHASE_START && items->first_reached >= 0)
        return genop_fail(e, GENOP_EINVAL, "%s.goals[%ld].reached: om et mål er nået, angives i "
                          "slutstatus, ikke i startstatus", path, items->first_reached);
    if (ev->phase == GENOP_PHASE_END && items->first_unreached >= 0)
        return genop_fail(e, GENOP_EINVAL, "%s.goals[%ld].reached mangler: slutstatus angiver for "
                          "hvert mål, om det er nået (true eller false)", path,
                          items->first_unreached);
    return GENOP_OK;
}

genop_err case_fields_event(const raw_value *o, const status_items *items,
                            const grant_items *grant, const char *path, genop_event *ev,
                            genop_error *e)
{
    memset(ev, 0, sizeof *ev);
    const char *type;
    genop_err err = need_text(&o[K_TYPE], path, "type", true, &type, e);
    if (err)
        return err;
    if (!genop_event_type_from_name(type, &ev->type))
        return genop_fail(e, GENOP_EINVAL, "%s.type: ukendt hændelsestype '%.40s'", path, type);
    err = need_date(&o[K_DATE], path, "date", true, NULL, &ev->date, e);
    if (err)
        return err;
    switch (ev->type) {
    case GENOP_EV_REFERRAL_RECEIVED: return check_referral(o, path, ev, e);
    case GENOP_EV_DECISION: return check_decision(o, grant, path, ev, e);
    case GENOP_EV_SESSION: return check_session(o, path, ev, e);
    case GENOP_EV_COMPLAINT_DECIDED: return check_complaint_decided(o, path, ev, e);
    case GENOP_EV_PREVIOUS_COURSE: return need_condition(&o[K_CONDITION], path, true, ev->condition, e);
    case GENOP_EV_CLOSED: return check_closed(o, path, ev, e);
    case GENOP_EV_FUNCTION_STATUS: return check_function_status(o, items, path, ev, e);
    case GENOP_EV_ASSIGNED: return check_assigned(o, path, e);
    case GENOP_EV_APPEAL_DECIDED: return check_appeal_decided(o, path, ev, e);
    case GENOP_EV_COMPLAINT_RECEIVED: return check_complaint_received(o, path, ev, e);
    default: return GENOP_OK;
    }
}

genop_err case_fields_citizen(const raw_value *o, genop_case *c, genop_error *e)
{
    genop_err err = need_date(&o[K_BIRTH_DATE], "$.citizen", "birth_date", false,
                              &c->has_birth_date, &c->birth_date, e);
    if (err)
        return err;
    const raw_value *code = &o[K_MUNICIPALITY_CODE];
    if (code->type == RAW_ABSENT)
        return GENOP_OK;
    if (code->type != RAW_INTEGER)
        return genop_fail(e, GENOP_EINVAL,
                          "$.citizen.municipality_code skal være et heltal (kommunekode), ikke %s",
                          raw_type_da(code->type));
    if (code->integer < 100 || code->integer > 999)
        return genop_fail(e, GENOP_ERANGE,
                          "$.citizen.municipality_code er %lld; en kommunekode har tre cifre",
                          code->integer);
    c->has_municipality_code = true;
    c->municipality_code = (int)code->integer;
    return GENOP_OK;
}

genop_err case_fields_root(const raw_value *o, genop_case *c, genop_error *e)
{
    const raw_value *events = &o[K_EVENTS];
    if (events->type == RAW_ABSENT)
        return genop_fail(e, GENOP_EINVAL, "$.events mangler");
    if (events->type != RAW_ARRAY)
        return genop_fail(e, GENOP_EINVAL, "$.events skal være en liste, ikke %s",
                          raw_type_da(events->type));
    const raw_value *cit = &o[K_CITIZEN];
    if (cit->type != RAW_ABSENT && cit->type != RAW_OBJECT)
        return genop_fail(e, GENOP_EINVAL, "$.citizen skal være et objekt, ikke %s",
                          raw_type_da(cit->type));
    const raw_value *id = &o[K_ID];
    if (id->type == RAW_STRING || id->type == RAW_INTEGER) {
        if (id->has_nul)
            return genop_fail(e, GENOP_EINVAL, "$.id indeholder et NUL-tegn (\\u0000)");
        if (id->len > GENOP_CASE_ID_MAX)
            return genop_fail(e, GENOP_ETOOBIG, "$.id er %zu byte langt; højst %d", id->len,
                              GENOP_CASE_ID_MAX);
        c->id_kind = id->type == RAW_STRING ? GENOP_CASE_ID_STRING : GENOP_CASE_ID_NUMBER;
        memcpy(c->id, id->text, id->len + 1);
    } else if (id->type != RAW_ABSENT) {
        return genop_fail(e, GENOP_EINVAL, "$.id skal være en tekst eller et heltal, ikke %s",
                          raw_type_da(id->type));
    }
    return need_date(&o[K_AS_OF], "$", "as_of", false, &c->has_as_of, &c->as_of, e);
}

/* ---- the items of a function_status event -------------------------------- */

void status_items_reset(status_items *s)
{
    s->n_levels = s->n_goals = 0;
    s->first_reached = s->first_unreached = -1;
    s->err = GENOP_OK;
}

/* Notes the first fault of a list's items: *err and *first, unless one
 * is noted already. */
static void first_fault(genop_err *err, genop_error *first, genop_err code, const char *fmt,
                        va_list ap) __attribute__((format(printf, 4, 0)));

static void first_fault(genop_err *err, genop_error *first, genop_err code, const char *fmt,
                        va_list ap)
{
    if (*err)
        return;
    vsnprintf(first->message, sizeof first->message, fmt, ap);
    first->code = code;
    *err = code;
}

void status_items_fail(status_items *s, genop_err code, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    first_fault(&s->err, &s->first, code, fmt, ap);
    va_end(ap);
}

void status_items_level(status_items *s, const raw_value *item, const char *path)
{
    const raw_value *code = &item[K_CODE], *level = &item[K_LEVEL];
    size_t at = 0;
    const genop_fsiii_condition *cond = NULL;
    if (code->type == RAW_ABSENT)
        status_items_fail(s, GENOP_EINVAL, "%s.code mangler: funktionsevnetilstandens FSIII-kode",
                          path);
    else if (code->type != RAW_STRING)
        status_items_fail(s, GENOP_EINVAL, "%s.code skal være en tekst (en FSIII-kode), ikke %s",
                          path, raw_type_da(code->type));
    else if (code->has_nul || !(cond = genop_fsiii_condition_find(code->text, code->len, &at)))
        status_items_fail(s, GENOP_EINVAL, "%s.code: '%.40s' er ikke en funktionsevnetilstand i "
                          "FSIII (version %s)", path, code->text, GENOP_FSIII_VERSION);
    else if (s->seen[at])
        status_items_fail(s, GENOP_EINVAL, "%s.code: funktionsevnetilstanden %s (%s) står to "
                          "gange i samme status", path, cond->name,
                          genop_fsiii_condition_area(cond)->name);
    if (cond)
        s->seen[at] = true;
    if (level->type == RAW_ABSENT)
        status_items_fail(s, GENOP_EINVAL, "%s.level mangler: et niveau på FSIII's "
                          "funktionsevneskala (0-4 eller 9)", path);
    else if (level->type != RAW_INTEGER)
        status_items_fail(s, GENOP_EINVAL, "%s.level skal være et heltal (0-4 eller 9), ikke %s",
                          path, raw_type_da(level->type));
    else if (!genop_fsiii_level_valid(level->integer))
        status_items_fail(s, GENOP_ERANGE, "%s.level er %lld; niveauet skal være 0, 1, 2, 3, 4 "
                          "eller 9 (FSIII's funktionsevneskala)", path, level->integer);
}

/* True if the text of v, as far as it is held, is only white space. */
static bool blank_text(const raw_value *v)
{
    if (v->len >= RAW_TEXT_SIZE - 1)
        return false;
    return v->text[strspn(v->text, " \t\r\n")] == '\0';
}

void status_items_goal(status_items *s, const raw_value *item, const char *path, long index)
{
    const raw_value *text = &item[K_TEXT], *reached = &item[K_REACHED];
    if (s->n_goals > GENOP_STATUS_GOALS_MAX)
        status_items_fail(s, GENOP_ETOOBIG, "%s: en status kan højst have %d mål", path,
                          GENOP_STATUS_GOALS_MAX);
    else if (text->type == RAW_ABSENT)
        status_items_fail(s, GENOP_EINVAL, "%s.text mangler: målet med borgerens egne ord", path);
    else if (text->type != RAW_STRING)
        status_items_fail(s, GENOP_EINVAL, "%s.text skal være en tekst, ikke %s", path,
                          raw_type_da(text->type));
    else if (text->has_nul)
        status_items_fail(s, GENOP_EINVAL, "%s.text indeholder et NUL-tegn (\\u0000)", path);
    else if (text->len == 0 || blank_text(text))
        status_items_fail(s, GENOP_EINVAL, "%s.text er tom: skriv målet med borgerens egne ord",
                          path);
    else if (text->len > GENOP_GOAL_TEXT_MAX)
        status_items_fail(s, GENOP_ETOOBIG, "%s.text er %zu byte lang; højst %d", path,
                          text->len, GENOP_GOAL_TEXT_MAX);
    if (reached->type == RAW_ABSENT || reached->type == RAW_NULL) {
        if (s->first_unreached < 0)
            s->first_unreached = index;
    } else if (reached->type != RAW_BOOL) {
        status_items_fail(s, GENOP_EINVAL, "%s.reached skal være true eller false, ikke %s", path,
                          raw_type_da(reached->type));
    } else if (s->first_reached < 0) {
        s->first_reached = index;
    }
}

/* ---- the exceptions of a decision's grant -------------------------------- */

void grant_items_reset(grant_items *g)
{
    for (int i = 0; i < N_GRANT_KEYS; i++)
        g->fields[i].type = RAW_ABSENT;
    g->n_exceptions = 0;
    g->seen = 0;
    g->err = GENOP_OK;
}

void grant_items_fail(grant_items *g, genop_err code, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    first_fault(&g->err, &g->first, code, fmt, ap);
    va_end(ap);
}

/* The exception's limit id: known, and not given twice in one grant. */
static bool exception_limit(grant_items *g, const raw_value *v, const char *path,
                            genop_limit_kind *out)
{
    if (v->type == RAW_ABSENT)
        grant_items_fail(g, GENOP_EINVAL, "%s.limit mangler: den grænse i standarden, der gøres "
                         "undtagelse fra", path);
    else if (v->type != RAW_STRING)
        grant_items_fail(g, GENOP_EINVAL, "%s.limit skal være en tekst, ikke %s", path,
                         raw_type_da(v->type));
    else if (v->has_nul || !genop_limit_from_name(v->text, out))
        grant_items_fail(g, GENOP_EINVAL, "%s.limit er '%.40s'; den skal være sessions, "
                         "assessment_sessions, sessions_per_week, minutes_per_week eller "
                         "course_length", path, v->text);
    else if (g->seen & (1u << *out))
        grant_items_fail(g, GENOP_EINVAL, "%s.limit: bevillingen gør allerede undtagelse fra "
                         "grænsen %s", path, v->text);
    else
        return true;
    return false;
}

static bool exception_max(grant_items *g, const raw_value *v, const char *path)
{
    if (v->type == RAW_ABSENT)
        grant_items_fail(g, GENOP_EINVAL, "%s.max mangler: det højeste antal, undtagelsen "
                         "tillader", path);
    else if (v->type != RAW_INTEGER)
        grant_items_fail(g, GENOP_EINVAL, "%s.max skal være et positivt heltal, ikke %s", path,
                         raw_type_da(v->type));
    else if (v->integer < 1 || v->integer > GENOP_EXCEPTION_MAX_MAX)
        grant_items_fail(g, GENOP_ERANGE, "%s.max er %lld; det skal være et positivt heltal "
                         "(1-%d)", path, v->integer, GENOP_EXCEPTION_MAX_MAX);
    else
        return true;
    return false;
}

static bool exception_reason(grant_items *g, const raw_value *v, const char *reason,
                             const char *path)
{
    if (v->type == RAW_ABSENT)
        grant_items_fail(g, GENOP_EINVAL, "%s.reason mangler: begrundelsen for undtagelsen", path);
    else if (v->type != RAW_STRING)
        grant_items_fail(g, GENOP_EINVAL, "%s.reason skal være en tekst, ikke %s", path,
                         raw_type_da(v->type));
    else if (v->has_nul)
        grant_items_fail(g, GENOP_EINVAL, "%s.reason indeholder et NUL-tegn (\\u0000)", path);
    else if (v->len > GENOP_EXCEPTION_REASON_MAX)
        grant_items_fail(g, GENOP_ETOOBIG, "%s.reason er %zu byte lang; højst %d", path, v->len,
                         GENOP_EXCEPTION_REASON_MAX);
    else if (reason[strspn(reason, " \t\r\n")] == '\0')
        grant_items_fail(g, GENOP_EINVAL, "%s.reason er tom: skriv begrundelsen for undtagelsen",
                         path);
    else
        return true;
    return false;
}

bool grant_items_exception(grant_items *g, const raw_value *item, const char *reason,
                           const char *path, genop_exception *out)
{
    memset(out, 0, sizeof *out);
    bool ok = exception_limit(g, &item[K_EX_LIMIT], path, &out->limit);
    if (ok)
        g->seen |= 1u << out->limit;
    ok = exception_max(g, &item[K_EX_MAX], path) && ok;
    ok = exception_reason(g, &item[K_EX_REASON], reason, path) && ok;
    if (!ok)
        return false;
    out->max = (long)item[K_EX_MAX].integer;
    memcpy(out->reason, reason, item[K_EX_REASON].len + 1);
    return true;
}
