/*
 * referral_input.c - reading a referral as a client sends it (POST
 * /api/v1/cases) into a casework_referral (see referral.h): the form of
 * each member (type, length, one line); what the values mean is
 * casework_referral_register()'s to judge.
 */
#include <string.h>

#include "case.h"
#include "input_limits.h"
#include "json_input.h"
#include "referral.h"

/* citizen.contact: {"name", "relation", "phone"}, the name required. */
static genop_err read_contact(const json_t *citizen, casework_referral *in, genop_error *e)
{
    const char *P = "$.citizen.contact";
    json_t *obj;
    genop_err err = in_object(citizen, "$.citizen", "contact", 0, &obj, e);
    if (err || !obj)
        return err;
    err = in_text(obj, P, "name", IN_REQUIRED | IN_ONE_LINE, GENOP_NAME_MAX - 1,
                  &in->contact_name, e);
    if (!err)
        err = in_text(obj, P, "relation", IN_ONE_LINE, GENOP_TEXT_SMALL_MAX - 1,
                      &in->contact_relation, e);
    if (!err)
        err = in_text(obj, P, "phone", IN_ONE_LINE, GENOP_PHONE_MAX - 1, &in->contact_phone, e);
    return err;
}

static genop_err read_citizen(const json_t *obj, casework_referral *in, genop_error *e)
{
    const char *P = "$.citizen";
    bool has_exempt;
    genop_err err = in_text(obj, P, "cpr", IN_REQUIRED | IN_ONE_LINE, 16, &in->cpr, e);
    if (!err)
        err = in_text(obj, P, "name", IN_REQUIRED | IN_ONE_LINE, GENOP_NAME_MAX - 1, &in->name, e);
    if (!err)
        err = in_text(obj, P, "address", IN_ONE_LINE, GENOP_ADDRESS_MAX - 1, &in->address, e);
    if (!err)
        err = in_text(obj, P, "phone", IN_ONE_LINE, GENOP_PHONE_MAX - 1, &in->phone, e);
    if (!err)
        err = in_text(obj, P, "relatives", 0, GENOP_ADDRESS_MAX - 1, &in->relatives, e);
    if (!err)
        err = in_date(obj, P, "birth_date", 0, &in->has_birth_date, &in->birth_date, e);
    if (!err)
        err = in_bool(obj, P, "digital_post_exempt", 0, &has_exempt, &in->digital_post_exempt,
                      e);
    if (!err)
        err = in_id(obj, P, "municipality_code", 0, &in->municipality_code, e);
    if (!err)
        err = read_contact(obj, in, e);
    return err;
}

static genop_err read_referral(const json_t *obj, casework_referral *in, genop_error *e)
{
    const char *P = "$.referral";
    bool has_date;
    genop_err err = in_date(obj, P, "date", IN_REQUIRED, &has_date, &in->date, e);
    if (!err)
        err = in_text(obj, P, "paragraph", IN_REQUIRED | IN_ONE_LINE, 16, &in->paragraph, e);
    if (!err)
        err = in_text(obj, P, "source", IN_REQUIRED | IN_ONE_LINE, GENOP_TEXT_SMALL_MAX - 1,
                      &in->source, e);
    if (!err)
        err = in_text(obj, P, "condition", IN_ONE_LINE, GENOP_CONDITION_MAX, &in->condition, e);
    if (!err)
        err = in_text(obj, P, "text", 0, GENOP_EVENT_TEXT_MAX, &in->text, e);
    if (!err)
        err = in_bool(obj, P, "consent", 0, &in->has_consent, &in->consent, e);
    return err;
}

genop_err casework_referral_from_json(const json_t *body, casework_referral *in, genop_error *e)
{
    memset(in, 0, sizeof *in);
    json_t *citizen, *referral;
    bool has_update;
    genop_err err = in_object(body, "$", "citizen", IN_REQUIRED, &citizen, e);
    if (!err)
        err = in_bool(body, "$", "update_citizen", 0, &has_update, &in->update_citizen, e);
    if (!err)
        err = in_object(body, "$", "referral", IN_REQUIRED, &referral, e);
    if (!err)
        err = read_citizen(citizen, in, e);
    if (!err)
        err = read_referral(referral, in, e);
    return err;
}

