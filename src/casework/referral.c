/*
 * referral.c - registering a referral (see referral.h): the citizen's and
 * the referral's values checked, then citizen, case, referral event,
 * projection, kept answer and access log in one job.
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
#include "json_util.h"
#include "projection.h"
#include "roles.h"
#include "strbuf.h"

/* A referral made ready to store. */
typedef struct new_case {
    const casework_env *env;
    const genop_user *actor;
    const genop_standard *std;
    genop_citizen cit;
    genop_case_row row;
    char *event_body;          /* owned: the referral_received event's JSON */
    genop_event ev;
    bool created;
} new_case;

/* A text that must fit the store's field of `size` bytes (NUL included). */
static genop_err fits(const char *field, const char *s, size_t size, bool required,
                      genop_error *e)
{
    if (!s || !s[0])
        return required ? genop_refuse(e, GENOP_EINVAL, field, "%s mangler", field) : GENOP_OK;
    if (strlen(s) >= size)
        return genop_refuse(e, GENOP_EINVAL, field, "%s er %zu byte lang; højst %zu", field,
                            strlen(s), size - 1);
    return GENOP_OK;
}

static genop_err check_texts(const casework_referral *in, genop_error *e)
{
    genop_err err = fits("$.citizen.cpr", in->cpr, 17, true, e);
    if (!err)
        err = fits("$.citizen.name", in->name, GENOP_NAME_MAX, true, e);
    if (!err)
        err = fits("$.citizen.address", in->address, GENOP_ADDRESS_MAX, false, e);
    if (!err)
        err = fits("$.citizen.phone", in->phone, GENOP_PHONE_MAX, false, e);
    if (!err)
        err = fits("$.citizen.relatives", in->relatives, GENOP_ADDRESS_MAX, false, e);
    if (!err)
        err = fits("$.referral.paragraph", in->paragraph, 17, true, e);
    if (!err)
        err = fits("$.referral.source", in->source, GENOP_TEXT_SMALL_MAX, true, e);
    if (!err)
        err = fits("$.referral.condition", in->condition, GENOP_CONDITION_MAX + 1, false, e);
    if (!err)
        err = fits("$.referral.text", in->text, CASEWORK_REFERRAL_TEXT_MAX + 1, false, e);
    return err;
}

static genop_err read_cpr(new_case *nc, const char *text, genop_error *e)
{
    genop_cpr cpr;
    genop_error why;
    if (genop_cpr_parse(text, &cpr, &why))
        return genop_refuse(e, GENOP_EINVAL, "$.citizen.cpr", "$.citizen.cpr: %s", why.message);
    if (cpr.birth_date > nc->env->today)
        return genop_refuse(e, GENOP_EINVAL, "$.citizen.cpr",
                            "$.citizen.cpr: CPR-nummeret giver en fødselsdato i fremtiden");
    memcpy(nc->cit.cpr, cpr.digits, sizeof nc->cit.cpr);
    nc->cit.birth_date = cpr.birth_date;
    return GENOP_OK;
}

/* The citizen's municipality code: given, or the actor's municipality's. */
static genop_err read_municipality_code(new_case *nc, int64_t code, genop_error *e)
{
    if (code == 0) {
        nc->cit.municipality_code = nc->std->municipality_code;
        return GENOP_OK;
    }
    if (code < CASEWORK_MUNICIPALITY_CODE_MIN || code > CASEWORK_MUNICIPALITY_CODE_MAX)
        return genop_refuse(e, GENOP_EINVAL, "$.citizen.municipality_code",
                            "$.citizen.municipality_code: %" PRId64 " er ikke en kommunekode "
                            "(kommunekoder går fra %d til %d)", code,
                            CASEWORK_MUNICIPALITY_CODE_MIN, CASEWORK_MUNICIPALITY_CODE_MAX);
    nc->cit.municipality_code = (int)code;
    return GENOP_OK;
}

static genop_err read_citizen(new_case *nc, const casework_referral *in, genop_error *e)
{
    genop_citizen *cit = &nc->cit;
    genop_err err = read_municipality_code(nc, in->municipality_code, e);
    if (!err)
        err = read_cpr(nc, in->cpr, e);
    if (err)
        return err;
    if (in->has_birth_date && in->birth_date > nc->env->today)
        return genop_refuse(e, GENOP_EINVAL, "$.citizen.birth_date",
                            "$.citizen.birth_date ligger i fremtiden");
    snprintf(cit->municipality, sizeof cit->municipality, "%s", nc->actor->municipality);
    snprintf(cit->name, sizeof cit->name, "%s", in->name);
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
static genop_err referral_admissible(new_case *nc, genop_error *e)
{
    genop_case empty = {0};
    genop_error why;
    if (genop_event_parse(nc->event_body, strlen(nc->event_body), "$.referral", &nc->ev, e))
        return casework_refusal_at_path(GENOP_EINVAL, e);
    if (genop_event_admissible(&empty, &nc->ev, nc->env->today, &why)) {
        /* The rules name the event's field first ("$.date: ..."): here the
         * event is the referral, so that is $.referral.date. */
        const char *m = why.message;
        const char *r = strncmp(m, "$.date: ", 8) == 0 ? m + 8 : m;
        return genop_refuse(e, GENOP_EREFUSED, "$.referral.date", "$.referral.date: %s", r);
    }
    return GENOP_OK;
}

static genop_err read_referral(new_case *nc, const casework_referral *in, genop_error *e)
{
    unsigned para = genop_paragraph_from_name(in->paragraph);
    if (!para)
        return genop_refuse(e, GENOP_EINVAL, "$.referral.paragraph",
                            "$.referral.paragraph skal være \"86.1\" eller \"86.2\"");
    genop_case_row *row = &nc->row;
    snprintf(row->municipality, sizeof row->municipality, "%s", nc->actor->municipality);
    row->paragraph = para;
    row->referral_date = in->date;
    snprintf(row->referral_source, sizeof row->referral_source, "%s", in->source);
    snprintf(row->condition, sizeof row->condition, "%s", in->condition ? in->condition : "");
    if (!(nc->event_body = referral_body(in)))
        return genop_fail(e, GENOP_ENOMEM, "ikke nok hukommelse til henvendelsen");
    return referral_admissible(nc, e);
}

/* The job: citizen, case, referral event, projection, kept answer, log. */
static genop_err store_case(genop_store *s, void *ctx, genop_error *e)
{
    new_case *nc = ctx;
    const genop_user *u = nc->actor;
    genop_case view = {0};
    genop_event_row ev = {.type = "referral_received", .body = nc->event_body};
    genop_err err = genop_store_citizen_find_or_create(s, &nc->cit, &nc->created, e);
    nc->row.citizen_id = nc->cit.id;
    if (!err)
        err = genop_store_case_create(s, &nc->row, u->username, e);
    if (!err) {
        ev.case_id = nc->row.id;
        ev.date = nc->ev.date;
        ev.author_id = u->id;
        snprintf(ev.author, sizeof ev.author, "%s", u->username);
        err = genop_store_event_append(s, u->municipality, &ev, e);
    }
    if (!err) {
        case_view_init(&view, &nc->cit, nc->std);
        err = genop_case_add(&view, &nc->ev, e);
    }
    if (!err)
        err = projection_update(s, &nc->row, &nc->cit, &view, nc->std, nc->env->today, e);
    if (!err)
        err = case_answer_store(s, u->municipality, nc->row.id, nc->std, e);
    if (!err)
        err = audit_add(s, u, nc->cit.id, nc->row.id, AUDIT_CASE_CREATE, AUDIT_PURPOSE_CASEWORK,
                        e);
    genop_case_release(&view);
    return casework_internal(err, e);
}

genop_err casework_referral_register(const casework_env *env, const genop_user *actor,
                                     const casework_referral *in,
                                     casework_referral_result *out, genop_error *e)
{
    new_case nc;
    memset(&nc, 0, sizeof nc);
    nc.env = env;
    nc.actor = actor;
    genop_err err = casework_require_role(actor, ROLES_VISITATOR, "registrere henvendelser", e);
    if (!err)
        err = casework_user_standard(env, actor, &nc.std, e);
    if (!err)
        err = check_texts(in, e);
    if (!err)
        err = read_citizen(&nc, in, e);
    if (!err)
        err = read_referral(&nc, in, e);
    if (!err)
        err = casework_write(env, store_case, &nc, e);
    if (!err) {
        out->case_id = nc.row.id;
        out->citizen_id = nc.cit.id;
        out->citizen_created = nc.created;
    }
    free(nc.event_body);
    return err;
}
