/*
 * referral_identity.c - who the citizen of a referral is (see
 * referral_identity.h): the stored citizen and the name a referral gives,
 * the warning of an open case of the same paragraph and condition, and
 * the consent a referral by someone else needs.
 */
#include "referral_identity.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "case.h"
#include "name_words.h"

static bool is_blank(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f';
}

void referral_trim(const char *name, char *out, size_t size)
{
    const char *start = name ? name : "";
    while (is_blank(*start))
        start++;
    size_t n = strlen(start);
    while (n > 0 && is_blank(start[n - 1]))
        n--;
    if (n >= size)
        n = size - 1;
    memcpy(out, start, n);
    out[n] = '\0';
}

/* The names are compared exactly once the white space at their ends is
 * taken off: "Bent Kristensen " is Bent Kristensen, but "bent
 * kristensen", "Bent  Kristensen" and "Bent Kristiansen" are other names.
 * A CPR number names one person, so a name that differs at all is either
 * a typing error or a change of name (marriage, a name added), and the
 * visitator, not genop, should say which; folding case or accents would
 * store the old spelling over the one the citizen now uses without anyone
 * having looked. */
bool referral_names_differ(const char *stored, const char *given)
{
    char a[GENOP_NAME_MAX], b[GENOP_NAME_MAX];
    referral_trim(stored, a, sizeof a);
    referral_trim(given, b, sizeof b);
    return strcmp(a, b) != 0;
}

/* Who referred is the referral's source, a free text ("egen læge",
 * "datter", "Hvidovre Hospital"). The citizen's own referral is a source
 * of one of these words, any case, white space at the ends ignored; the
 * web form writes "borgeren" when the visitator chooses "Borgeren selv".
 * Anything else is someone else. */
static const char *const OWN_SOURCES[] = {"borgeren", "borger", "borgeren selv",
                                          "egen henvendelse"};

bool referral_by_citizen(const char *source)
{
    char s[GENOP_TEXT_SMALL_MAX];
    referral_trim(source, s, sizeof s);
    for (size_t i = 0; i < sizeof OWN_SOURCES / sizeof OWN_SOURCES[0]; i++)
        if (strcasecmp(s, OWN_SOURCES[i]) == 0)
            return true;
    return false;
}

/* A referral from anyone but the citizen needs the citizen's consent: the
 * standards say so where they name who may refer -
 *   Skive (/work/shared/seeds/001_95bec8d377386f72.txt, "Visitation"):
 *     "Henvendelser kan med borgerens samtykke desuden komme fra:
 *      Borgerens pårørende, Pleje & Omsorg, Praktiserende læger, ...";
 *   Nyborg (002_a8f5a9570aa7b901.txt, "Hvem kan henvise"): "Hvis
 *     fagpersoner kontakter Sundhed og Træning, skal de have dit samtykke
 *     til det."
 * and it is the data protection every municipality keeps (a third party
 * hands over the citizen's health data), so genop asks it everywhere. */
genop_err referral_check_consent(const casework_referral *in, genop_error *e)
{
    if (referral_by_citizen(in->source) || (in->has_consent && in->consent))
        return GENOP_OK;
    char source[GENOP_TEXT_SMALL_MAX];
    referral_trim(in->source, source, sizeof source);
    return genop_refuse(e, GENOP_EINVAL, "$.referral.consent",
                        "$.referral.consent: Henvendelsen kommer fra en anden end borgeren "
                        "(»%s«) og kræver borgerens samtykke. Markér, at borgeren har givet "
                        "samtykke, eller at borgeren selv henvender sig.", source);
}

/* The known citizen *found against the referral's name: refused, renamed
 * or kept. */
static genop_err known_citizen(genop_store *s, const genop_user *actor,
                               const casework_referral *in, genop_citizen *found,
                               casework_referral_result *out, genop_error *e)
{
    if (!referral_names_differ(found->name, in->name))
        return GENOP_OK;
    if (!in->update_citizen) {
        char given[GENOP_NAME_MAX];
        referral_trim(in->name, given, sizeof given);
        out->conflict_citizen_id = found->id;
        snprintf(out->conflict_name, sizeof out->conflict_name, "%s", found->name);
        return genop_refuse(e, GENOP_ECONFLICT, "$.citizen.name",
                            "Borgeren med dette CPR-nummer hedder »%s« i genop, ikke »%s«. "
                            "Bekræft det nye navn (update_citizen), så opdateres navnet og "
                            "sagen oprettes; det gamle navn gemmes i borgerens historik.",
                            found->name, given);
    }
    char name[GENOP_NAME_MAX];
    referral_trim(in->name, name, sizeof name);
    genop_err err = genop_store_citizen_rename(s, actor->municipality, found->id, name,
                                               actor->username, e);
    if (!err) {
        snprintf(found->name, sizeof found->name, "%s", name);
        out->citizen_renamed = true;
    }
    return err;
}

genop_err referral_citizen_resolve(genop_store *s, const genop_user *actor,
                                   const casework_referral *in, genop_citizen *cit,
                                   bool *created, casework_referral_result *out,
                                   genop_error *e)
{
    genop_citizen found;
    *created = false;
    genop_err err = genop_store_citizen_find_by_cpr(s, cit->municipality, cit->cpr, &found, e);
    if (err == GENOP_ENOTFOUND) {
        err = genop_store_citizen_create(s, cit, e);
        *created = err == GENOP_OK;
        return err;
    }
    if (!err)
        err = known_citizen(s, actor, in, &found, out, e);
    if (!err)
        *cit = found;
    return err;
}

/* Two conditions are the same when their words are, folded as names are
 * (name_words.h: any case, æ, ø and å letters of their own, the spaces
 * and punctuation between words not counted): "Knæ" and " knæ", "venstre
 * knæ" and "Venstre  knæ". A case without a condition is the same as any:
 * if either referral left it out, nothing tells the two apart, and a
 * visitator would rather see the warning than miss a second case. */
static bool same_condition(const char *a, const char *b)
{
    char wa[GENOP_NAME_WORD_SIZE], wb[GENOP_NAME_WORD_SIZE];
    const char *pa = a ? a : "", *pb = b ? b : "";
    size_t na = genop_name_word_next(&pa, wa, sizeof wa, NULL);
    size_t nb = genop_name_word_next(&pb, wb, sizeof wb, NULL);
    if (na == 0 || nb == 0)
        return true;
    while (na > 0 && nb > 0 && strcmp(wa, wb) == 0) {
        na = genop_name_word_next(&pa, wa, sizeof wa, NULL);
        nb = genop_name_word_next(&pb, wb, sizeof wb, NULL);
    }
    return na == 0 && nb == 0;
}

static void add_warning(casework_referral_result *out, const genop_case_row *other)
{
    if (out->n_warnings >= CASEWORK_REFERRAL_WARNINGS_MAX)
        return;
    casework_referral_warning *w = &out->warnings[out->n_warnings++];
    w->code = CASEWORK_WARNING_SAME_CONDITION;
    w->case_id = other->id;
    char stk = other->paragraph == GENOP_PARA_86_2 ? '2' : '1';
    if (other->condition[0])
        snprintf(w->detail, sizeof w->detail,
                 "Borgeren har allerede en åben sag efter § 86, stk. %c for samme lidelse "
                 "(%s): sag %" PRId64 ". Se, om henvendelsen hører til den.",
                 stk, other->condition, other->id);
    else
        snprintf(w->detail, sizeof w->detail,
                 "Borgeren har allerede en åben sag efter § 86, stk. %c uden angivet lidelse: "
                 "sag %" PRId64 ". Se, om henvendelsen hører til den.", stk, other->id);
}

genop_err referral_duplicates(genop_store *s, const genop_case_row *row,
                              casework_referral_result *out, genop_error *e)
{
    genop_case_filter f;
    memset(&f, 0, sizeof f);
    f.closed = 0;
    f.paragraph = row->paragraph;
    f.citizen_id = row->citizen_id;
    genop_list list = {0};
    size_t total = 0;
    genop_err err = genop_store_case_list(s, row->municipality, &f, &list, &total, e);
    const genop_case_summary *items = list.items;
    for (size_t i = 0; !err && i < list.n; i++)
        if (items[i].c.id != row->id && same_condition(items[i].c.condition, row->condition))
            add_warning(out, &items[i].c);
    genop_store_free_list(&list);
    return err;
}
