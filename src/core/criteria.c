/*
 * criteria.c - a standard's criteria for who can and cannot receive
 * training: its eligibility rules, then its `criteria` (see criteria.h).
 */
#include "criteria.h"

#include <string.h>

#include "standard_text.h"

static const char *const eligibility_ids[GENOP_ELIGIBILITY_RULES] = {
    "minimum_age", "residency", "hospital_plan_excludes", "quarantine",
};

/* The eligibility rule i (in eligibility_ids' order) as an entry; false
 * when the standard does not have it. */
static bool eligibility_entry(const genop_standard *s, size_t i, genop_criterion_entry *out)
{
    const genop_flag_rule *flags[] = {NULL, &s->residency, &s->hospital_plan_excludes, NULL};
    bool present;
    unsigned paragraphs;
    const genop_source *src;
    if (i == 0) {
        present = s->minimum_age.present;
        paragraphs = s->minimum_age.paragraphs;
        src = &s->minimum_age.source;
    } else if (i == 3) {
        present = s->quarantine.present;
        paragraphs = s->quarantine.paragraphs;
        src = &s->quarantine.source;
    } else {
        present = flags[i]->present;
        paragraphs = flags[i]->paragraphs;
        src = &flags[i]->source;
    }
    if (!present)
        return false;
    *out = (genop_criterion_entry){eligibility_ids[i], GENOP_CRITERION_ELIGIBILITY, paragraphs,
                                   src, NULL};
    return true;
}

size_t genop_criteria(const genop_standard *std,
                      genop_criterion_entry out[GENOP_CRITERIA_ALL_MAX])
{
    size_t n = 0;
    for (size_t i = 0; i < GENOP_ELIGIBILITY_RULES; i++)
        if (eligibility_entry(std, i, &out[n]))
            n++;
    for (size_t i = 0; i < std->n_criteria && i < GENOP_CRITERIA_MAX; i++) {
        const genop_criterion *c = &std->criteria[i];
        out[n++] = (genop_criterion_entry){c->id, GENOP_CRITERION_TARGET_GROUP, c->paragraphs,
                                           &c->source, c};
    }
    return n;
}

const char *genop_criterion_text(const genop_standard *std, const genop_criterion_entry *c,
                                 char *buf, size_t size)
{
    if (c->rule)
        return c->rule->text;
    if (strcmp(c->id, "minimum_age") == 0)
        return genop_minimum_age_text(&std->minimum_age, buf, size);
    if (strcmp(c->id, "residency") == 0)
        return genop_residency_text(std, buf, size);
    if (strcmp(c->id, "hospital_plan_excludes") == 0)
        return genop_hospital_plan_text(std, buf, size);
    return genop_quarantine_text(&std->quarantine, buf, size);
}

bool genop_criterion_find(const genop_standard *std, const char *id, genop_criterion_entry *out)
{
    genop_criterion_entry all[GENOP_CRITERIA_ALL_MAX];
    size_t n = id ? genop_criteria(std, all) : 0;
    for (size_t i = 0; i < n; i++)
        if (all[i].id && strcmp(all[i].id, id) == 0) {
            *out = all[i];
            return true;
        }
    return false;
}

bool genop_criterion_id_reserved(const char *id)
{
    for (size_t i = 0; i < GENOP_ELIGIBILITY_RULES; i++)
        if (strcmp(id, eligibility_ids[i]) == 0)
            return true;
    return strcmp(id, GENOP_CRITERION_OTHER) == 0;
}

/* Appends s to buf (holding len bytes) as far as it fits; the new length. */
static size_t append(char *buf, size_t size, size_t len, const char *s)
{
    size_t n = strlen(s);
    if (len + 1 >= size)
        return len;
    if (n > size - 1 - len)
        n = size - 1 - len;
    memcpy(buf + len, s, n);
    buf[len + n] = '\0';
    return len + n;
}

const char *genop_criterion_ids(const genop_standard *std, char *buf, size_t size)
{
    genop_criterion_entry all[GENOP_CRITERIA_ALL_MAX];
    size_t n = genop_criteria(std, all), len = 0;
    if (size == 0)
        return buf;
    buf[0] = '\0';
    for (size_t i = 0; i < n; i++) {
        len = append(buf, size, len, all[i].id ? all[i].id : "?");
        len = append(buf, size, len, ", ");
    }
    append(buf, size, len, GENOP_CRITERION_OTHER);
    return buf;
}
