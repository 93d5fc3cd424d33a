/*
 * referral.c - registering a referral (see referral.h): the citizen's and
 * the referral's values checked, then citizen, case, referral event,
 * projection, kept answer and access log in one job. Who the citizen is
 * (a known CPR number with another name, the citizen's other open cases,
 * the consent) is referral_identity.c's.
 */
#include "referral.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "audit.h"
#include "case_answer.h"
#include "case_json.h"
#include "case_rules.h"
#include "case_view.h"
#include "cpr.h"
#include "input_limits.h"
#include "json_util.h"
#include "municipalities.h"
#include "projection.h"
#include "referral_identity.h"
#include "roles.h"
#include "strbuf.h"

/* What the checks of a referral look at. */
typedef struct checking {
    const genop_standard *std;
    genop_date today;
    const genop_user *actor;
    casework_new_case *nc;
} checking;

/* A registration as a job of the writer. */
typedef struct register_job {
    const casework_env *env;
    const genop_user *actor;
    const genop_standard *std;
    const casework_referral *in;
    casework_new_case nc;
    bool created;
    casework_referral_result *out;
} register_job;

enum { TEXT_REQUIRED = 1u << 0, TEXT_MULTI_LINE = 1u << 1 };

/* A text that must fit the store's field of `size` bytes (NUL included)
 * and, unless TEXT_MULTI_LINE, hold no line break; never another control
 * character. The JSON reader checks the same (json_input.h); this keeps
 * it true for callers that give typed input directly (genop demo). */
static genop_err fits(const char *field, const char *s, size_t size, unsigned flags,
                      genop_error *e)
{
    bool multi = flags & TEXT_MULTI_LINE;
    if (!s || !s[0])
        return flags & TEXT_REQUIRED ? genop_refuse(e, GENOP_EINVAL, field, "%s mangler", field)
                                     : GENOP_OK;
    if (strlen(s) >= size)
        return genop_refuse(e, GENOP_EINVAL, field, "%s er %zu byte lang; højst %zu", field,
                            strlen(s), size - 1);
    for (const unsigned char *p = (const unsigned char *)s; *p; p++)
        if (*p == 0x7f || (*p < 0x20 && (!multi || (*p != '\n' && *p != '\r' && *p != '\t'))))
            return genop_refuse(e, GENOP_EINVAL, field, "%s indeholder %s", field,
                                multi ? "styretegn, der ikke er tilladt"
                                      : "linjeskift eller andre styretegn");
    return GENOP_OK;
}

static genop_err check_texts(const casework_referral *in, genop_error *e)
{
    const unsigned R = TEXT_REQUIRED, M = TEXT_MULTI_LINE;
    genop_err err = fits("$.citizen.cpr", in->cpr, 17, R, e);
    if (!err)
        err = fits("$.citizen.name", in->name, GENOP_NAME_MAX, R, e);
    if (!err)
        err = fits("$.citizen.address", in->address, GENOP_ADDRESS_MAX, 0, e);
    if (!err)
        err = fits("$.citizen.phone", in->phone, GENOP_PHONE_MAX, 0, e);
    if (!err)
        err = fits("$.citizen.relatives", in->relatives, GENOP_ADDRESS_MAX, M, e);
    if (!err && (in->contact_relation || in->contact_phone) && !in->contact_name)
        err = genop_refuse(e, GENOP_EINVAL, "$.citizen.contact.name",
                           "$.citizen.contact.name mangler: kontaktpersonens navn");
    if (!err)
        err = fits("$.citizen.contact.name", in->contact_name, GENOP_NAME_MAX, 0, e);
    if (!err)
        err = fits("$.citizen.contact.relation", in->contact_relation, GENOP_TEXT_SMALL_MAX, 0, e);
    if (!err)
        err = fits("$.citizen.contact.phone", in->contact_phone, GENOP_PHONE_MAX, 0, e);
    if (!err)
        err = fits("$.referral.paragraph", in->paragraph, 17, R, e);
    if (!err)
        err = fits("$.referral.source", in->source, GENOP_TEXT_SMALL_MAX, R, e);
    if (!err)
        err = fits("$.referral.condition", in->condition, GENOP_CONDITION_MAX + 1, 0, e);
    if (!err)
        err = fits("$.referral.text", in->text, GENOP_EVENT_TEXT_MAX + 1, M, e);
    return err;
}

static genop_err read_cpr(checking *c, const char *text, genop_error *e)
{
    genop_cpr cpr;
    genop_error why;
    if (genop_cpr_parse(text, &cpr, &why))
        return genop_refuse(e, GENOP_EINVAL, "$.citizen.cpr", "$.citizen.cpr: %s", why.message);
    if (cpr.birth_date > c->today)
        return genop_refuse(e, GENOP_EINVAL, "$.citizen.cpr",
                            "$.citizen.cpr: CPR-nummeret giver en fødselsdato i fremtiden");
    memcpy(c->nc->citizen.cpr, cpr.digits, sizeof c->nc->citizen.cpr);
    c->nc->citizen.birth_date = cpr.birth_date;
    return GENOP_OK;
}

/* The citizen's municipality code: given, or the actor's municipality's. */
static genop_err read_municipality_code(checking *c, int64_t code, genop_error *e)
{
    if (code == 0) {
        c->nc->citizen.municipality_code = c->std->municipality_code;
        return GENOP_OK;
    }
    if (code < CASEWORK_MUNICIPALITY_CODE_MIN || code > CASEWORK_MUNICIPALITY_CODE_MAX ||
        !genop_municipality_find((int)code))
        return genop_refuse(e, GENOP_EINVAL, "$.citizen.municipality_code",
                            "$.citizen.municipality_code: ingen kommune har kommunekode %" PRId64
                            "; skriv bopælskommunens kode med tre cifre, fx 791 for Viborg "
                            "Kommune, eller lad feltet stå tomt, når borgeren bor i kommunen",
                            code);
    c->nc->citizen.municipality_code = (int)code;
    return GENOP_OK;
}

static genop_err read_citizen(checking *c, const casework_referral *in, genop_error *e)
{
    genop_citizen *cit = &c->nc->citizen;
    genop_err err = read_municipality_code(c, in->municipality_code, e);
    if (!err)
        err = read_cpr(c, in->cpr, e);
    if (err)
        return err;
    if (in->has_birth_date && in->birth_date > c->today)
        return genop_refuse(e, GENOP_EINVAL, "$.citizen.birth_date",
                            "$.citizen.birth_date ligger i fremtiden");
    snprintf(cit->municipality, sizeof cit->municipality, "%s", c->actor->municipality);
    referral_trim(in->name, cit->name, sizeof cit->name);
    if (!cit->name[0])
        return genop_refuse(e, GENOP_EINVAL, "$.citizen.name", "$.citizen.name mangler");
    referral_trim(in->contact_name, cit->contact_name, sizeof cit->contact_name);
    referral_trim(in->contact_relation, cit->contact_relation, sizeof cit->contact_relation);
    referral_trim(in->contact_phone, cit->contact_phone, sizeof cit->contact_phone);
    snprintf(cit->address, sizeof cit->address, "%s", in->address ? in->address : "");
    snprintf(cit->phone, sizeof cit->phone, "%s", in->phone ? in->phone : "");
    snprintf(cit->relatives, sizeof cit->relatives, "%s", in->relatives ? in->relatives : "");
    if (in->has_birth_date)
        cit->birth_date = in->birth_date;
    cit->digital_post_exempt = in->digital_post_exempt;
    return GENOP_OK;
}

/* The referral_received event's stored body, from the checked fields. */
static char *referral_body(const casework_referral *in)
{
    char d[GENOP_DATE_STR_SIZE];
    json_t *b = json_object();
    jset(b, "type", json_string("referral_received"));
    jset(b, "date", json_string(genop_date_format(in->date, d)));
    jset(b, "paragraph", jstr(in->paragraph));
    jset(b, "source", jstr(in->source));
    if (in->condition)
        jset(b, "condition", jstr(in->condition));
    if (in->text)
        jset(b, "text", jstr(in->text));
    if (in->has_consent)
        jset(b, "consent", json_boolean(in->consent));
    char *text = b ? json_dumps(b, JSON_COMPACT | JSON_PRESERVE_ORDER) : NULL;
    json_decref(b);
    return text;
}

/* Checks the referral as an event on an empty case (its date may not lie
 * in the future). */
static genop_err referral_admissible(checking *c, genop_error *e)
{
    casework_new_case *nc = c->nc;
    genop_case empty = {0};
    genop_error why;
    if (genop_event_parse(nc->event_body, strlen(nc->event_body), "$.referral", &nc->referral, e))
        return casework_refusal_at_path(GENOP_EINVAL, e);
    if (genop_event_admissible(&empty, &nc->referral, c->today, &why)) {
        /* The rules name the event's field first ("$.date: ..."): here the
         * event is the referral, so that is $.referral.date. */
        const char *m = why.message;
        const char *r = strncmp(m, "$.date: ", 8) == 0 ? m + 8 : m;
        return genop_refuse(e, GENOP_EREFUSED, "$.referral.date", "$.referral.date: %s", r);
    }
    return GENOP_OK;
}

static genop_err read_referral(checking *c, const casework_referral *in, genop_error *e)
{
    casework_new_case *nc = c->nc;
    unsigned para = genop_paragraph_from_name(in->paragraph);
    if (!para)
        return genop_refuse(e, GENOP_EINVAL, "$.referral.paragraph",
                            "$.referral.paragraph skal være \"86.1\" eller \"86.2\"");
    genop_case_row *row = &nc->row;
    snprintf(row->municipality, sizeof row->municipality, "%s", c->actor->municipality);
    row->paragraph = para;
    row->referral_date = in->date;
    snprintf(row->referral_source, sizeof row->referral_source, "%s", in->source);
    snprintf(row->condition, sizeof row->condition, "%s", in->condition ? in->condition : "");
    if (!(nc->event_body = referral_body(in)))
        return genop_fail(e, GENOP_ENOMEM, "ikke nok hukommelse til henvendelsen");
    return referral_admissible(c, e);
}

genop_err casework_referral_prepare(const genop_standard *std, genop_date today,
                                    const genop_user *actor, const casework_referral *in,
                                    casework_new_case *out, genop_error *e)
{
    checking c = {std, today, actor, out};
    memset(out, 0, sizeof *out);
    genop_err err = check_texts(in, e);
    if (!err)
        err = read_citizen(&c, in, e);
    if (!err)
        err = read_referral(&c, in, e);
    if (!err)
        err = referral_check_consent(in, e);
    return err;
}

void casework_new_case_release(casework_new_case *nc)
{
    free(nc->event_body);
    nc->event_body = NULL;
}

genop_err casework_referral_write(genop_store *s, const genop_user *u,
                                  const casework_referral *in, casework_new_case *nc,
                                  bool *created, casework_referral_result *out,
                                  genop_event_row *ev, genop_error *e)
{
    memset(ev, 0, sizeof *ev);
    snprintf(ev->type, sizeof ev->type, "referral_received");
    ev->body = nc->event_body;                  /* borrowed */
    genop_err err = referral_citizen_resolve(s, u, in, &nc->citizen, created, out, e);
    if (err == GENOP_ECONFLICT && out->conflict_citizen_id)
        return err;
    nc->row.citizen_id = nc->citizen.id;
    if (!err && !*created)
        err = referral_duplicates(s, &nc->row, out, e);
    if (!err)
        err = genop_store_case_create(s, &nc->row, u->username, e);
    if (!err) {
        ev->case_id = nc->row.id;
        ev->date = nc->referral.date;
        ev->author_id = u->id;
        snprintf(ev->author, sizeof ev->author, "%s", u->username);
        err = genop_store_event_append(s, u->municipality, ev, e);
    }
    return casework_internal(err, e);
}

/* The job: the case written (casework_referral_write), then its
 * projection, kept answer and log. A refusal of the citizen is returned
 * as it is (the writer rolls back); any other failure is the store's. */
static genop_err store_case(genop_store *s, void *ctx, genop_error *e)
{
    register_job *j = ctx;
    casework_new_case *nc = &j->nc;
    const genop_user *u = j->actor;
    genop_case view = {0};
    genop_event_row ev;
    genop_err err = casework_referral_write(s, u, j->in, nc, &j->created, j->out, &ev, e);
    if (err)
        return err;
    case_view_init(&view, &nc->citizen, j->std);
    err = genop_case_add(&view, &nc->referral, e);
    if (!err)
        err = projection_update(s, &nc->row, &nc->citizen, &view, j->std, j->env->today, e);
    if (!err)
        err = case_answer_store(s, u->municipality, nc->row.id, j->std, e);
    if (!err)
        err = audit_add(s, u, nc->citizen.id, nc->row.id, AUDIT_CASE_CREATE,
                        AUDIT_PURPOSE_CASEWORK, e);
    genop_case_release(&view);
    return casework_internal(err, e);
}

genop_err casework_referral_conflict_read(const casework_env *env, const genop_user *actor,
                                          int64_t citizen_id, genop_error *e)
{
    genop_error log_e;
    genop_err err = audit_read(env, actor, citizen_id, 0, AUDIT_CITIZEN_IDENTITY,
                               AUDIT_PURPOSE_CASEWORK, &log_e);
    if (err) {
        *e = log_e;
        return casework_internal(err, e);
    }
    return GENOP_ECONFLICT;
}

genop_err casework_referral_register(const casework_env *env, const genop_user *actor,
                                     const casework_referral *in,
                                     casework_referral_result *out, genop_error *e)
{
    register_job j;
    memset(&j, 0, sizeof j);
    memset(out, 0, sizeof *out);
    j.env = env;
    j.actor = actor;
    j.in = in;
    j.out = out;
    genop_err err = casework_require_role(actor, ROLES_VISITATOR, "registrere henvendelser", e);
    if (!err)
        err = casework_user_standard(env, actor, &j.std, e);
    if (!err)
        err = casework_referral_prepare(j.std, env->today, actor, in, &j.nc, e);
    if (!err)
        err = casework_write(env, store_case, &j, e);
    if (err == GENOP_ECONFLICT && out->conflict_citizen_id)
        err = casework_referral_conflict_read(env, actor, out->conflict_citizen_id, e);
    if (!err) {
        out->case_id = j.nc.row.id;
        out->citizen_id = j.nc.citizen.id;
        out->citizen_created = j.created;
    }
    casework_new_case_release(&j.nc);
    return err;
}
