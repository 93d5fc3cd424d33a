/*
 * standard_load.c - the YAML reader for quality standards.
 *
 * It builds a libfyaml document (YAML 1.2, so `no` stays a string and
 * duplicate keys are errors), then walks it with a small set of typed
 * getters. Each getter reports a problem at the node's line and column and
 * carries on, so one run finds every problem in a file. Cross-field checks
 * (a deadline's paragraphs inside the standard's, ids unique) run after
 * the walk. The result is only handed out when there were no problems.
 */
#include "standard_load.h"
#include "standard_loader.h"

#include <errno.h>
#include <libfyaml.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "utf8.h"

typedef struct loader {
    const char *filename;
    genop_problems *problems;
    genop_error *first;       /* the first problem, for one-line errors */
    size_t count;
    genop_standard *std;
} loader;

void genop_problems_free(genop_problems *p)
{
    if (!p)
        return;
    for (size_t i = 0; i < p->n; i++)
        free(p->items[i]);
    free(p->items);
    memset(p, 0, sizeof *p);
}

static void problems_add(genop_problems *p, const char *text)
{
    if (p->n >= GENOP_PROBLEMS_MAX) {
        p->dropped++;
        return;
    }
    if (p->n == p->cap) {
        size_t cap = p->cap ? p->cap * 2 : 8;
        char **grown = realloc(p->items, cap * sizeof *grown);
        if (!grown) {
            p->dropped++;
            return;
        }
        p->items = grown;
        p->cap = cap;
    }
    char *copy = strdup(text);
    if (!copy) {
        p->dropped++;
        return;
    }
    p->items[p->n++] = copy;
}

static void report_at(loader *L, int line, int column, const char *fmt, va_list ap)
    __attribute__((format(printf, 4, 0)));

static void record(loader *L, genop_err code, const char *message)
{
    char text[GENOP_ERROR_MSG_MAX];
    genop_bprintf(text, sizeof text, "%s", message);
    genop_utf8_sanitize(text);
    if (L->count++ == 0)
        genop_fail(L->first, code, "%s", text);
    if (L->problems)
        problems_add(L->problems, text);
}

static void report_at(loader *L, int line, int column, const char *fmt, va_list ap)
{
    char msg[GENOP_ERROR_MSG_MAX];
    vsnprintf(msg, sizeof msg, fmt, ap);
    char full[GENOP_ERROR_MSG_MAX];
    genop_bprintf(full, sizeof full, "%s:%d:%d: %s", L->filename, line, column, msg);
    record(L, GENOP_EINVAL, full);
}

/* The first scalar inside node (node itself if it is one), or NULL for an
 * empty collection. */
static struct fy_node *first_scalar(struct fy_node *node)
{
    struct fy_node *n = node;
    while (n && !fy_node_is_scalar(n)) {
        void *iter = NULL;
        if (fy_node_is_mapping(n)) {
            struct fy_node_pair *p = fy_node_mapping_iterate(n, &iter);
            n = p ? fy_node_pair_key(p) : NULL;
        } else {
            n = fy_node_sequence_iterate(n, &iter);
        }
    }
    return n;
}

/* The key under which node stands in its parent mapping, or NULL. */
static struct fy_node *key_of(struct fy_node *node)
{
    struct fy_node *parent = fy_node_get_parent(node);
    if (!parent || !fy_node_is_mapping(parent))
        return NULL;
    void *iter = NULL;
    struct fy_node_pair *p;
    while ((p = fy_node_mapping_iterate(parent, &iter)) != NULL)
        if (fy_node_pair_value(p) == node)
            return fy_node_pair_key(p);
    return NULL;
}

/* The 1-based line and column where node starts. Collections have no
 * token of their own in this libfyaml version, so they report their first
 * scalar; an empty one reports the key it stands under, else `fallback`. */
static void node_position(struct fy_node *node, struct fy_node *fallback,
                          int *line, int *column)
{
    struct fy_node *n = first_scalar(node);
    for (struct fy_node *up = node; !n && up; up = fy_node_get_parent(up))
        n = key_of(up);
    if (!n && fallback && fallback != node) {
        node_position(fallback, NULL, line, column);
        return;
    }
    struct fy_token *t = n ? fy_node_get_scalar_token(n) : NULL;
    const struct fy_mark *m = t ? fy_token_start_mark(t) : NULL;
    *line = m ? m->line + 1 : 1;
    *column = m ? m->column + 1 : 1;
}

/* Reports fmt at node's position (or fallback's); problem() and
 * sl_problem() take the arguments. */
static void vproblem(loader *L, struct fy_node *node, struct fy_node *fallback,
                     const char *fmt, va_list ap) __attribute__((format(printf, 4, 0)));

static void vproblem(loader *L, struct fy_node *node, struct fy_node *fallback,
                     const char *fmt, va_list ap)
{
    int line, column;
    node_position(node, fallback, &line, &column);
    report_at(L, line, column, fmt, ap);
}

static void problem(loader *L, struct fy_node *node, struct fy_node *fallback,
                    const char *fmt, ...) __attribute__((format(printf, 4, 5)));

static void problem(loader *L, struct fy_node *node, struct fy_node *fallback,
                    const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vproblem(L, node, fallback, fmt, ap);
    va_end(ap);
}

static struct fy_node *member(struct fy_node *map, const char *key)
{
    return fy_node_mapping_lookup_by_string(map, key, FY_NT);
}

/* Reports every key of map that is not in allowed (NULL-terminated). */
static void check_keys(loader *L, struct fy_node *map, const char *what,
                       const char *const *allowed)
{
    void *iter = NULL;
    struct fy_node_pair *p;
    while ((p = fy_node_mapping_iterate(map, &iter)) != NULL) {
        struct fy_node *k = fy_node_pair_key(p);
        const char *name = fy_node_is_scalar(k) ? fy_node_get_scalar0(k) : NULL;
        bool ok = false;
        for (size_t i = 0; name && allowed[i]; i++)
            ok = ok || strcmp(name, allowed[i]) == 0;
        if (ok)
            continue;
        char list[256] = "";
        size_t used = 0;
        for (size_t i = 0; allowed[i] && used < sizeof list; i++) {
            int n = snprintf(list + used, sizeof list - used, "%s%s", i ? ", " : "", allowed[i]);
            used += n > 0 ? (size_t)n : 0;
        }
        problem(L, k, map, "ukendt nøgle '%.40s' i %s (tilladt: %s)",
                name ? name : "?", what, list);
    }
}

/* A required or optional member that must be a mapping (or, with
 * want_sequence, a list); NULL (with a problem if it was required or of
 * the wrong kind) otherwise. */
static struct fy_node *get_collection(loader *L, struct fy_node *map, const char *key,
                                      const char *what, bool required, bool want_sequence)
{
    struct fy_node *v = member(map, key);
    if (!v) {
        if (required)
            problem(L, map, NULL, "%s mangler '%s'", what, key);
        return NULL;
    }
    if (want_sequence ? !fy_node_is_sequence(v) : !fy_node_is_mapping(v)) {
        problem(L, v, map, want_sequence ? "'%s' i %s skal være en liste"
                                         : "'%s' i %s skal være en mapping (nøgle: værdi)",
                key, what);
        return NULL;
    }
    return v;
}

static struct fy_node *get_map(loader *L, struct fy_node *map, const char *key,
                               const char *what, bool required)
{
    return get_collection(L, map, key, what, required, false);
}

static struct fy_node *get_seq(loader *L, struct fy_node *map, const char *key,
                               const char *what, bool required)
{
    return get_collection(L, map, key, what, required, true);
}

/* The text of a scalar member, or NULL (with a problem when required or
 * when the member is not a scalar). */
static const char *get_text(loader *L, struct fy_node *map, const char *key,
                            const char *what, bool required)
{
    struct fy_node *v = member(map, key);
    if (!v) {
        if (required)
            problem(L, map, NULL, "%s mangler '%s'", what, key);
        return NULL;
    }
    if (!fy_node_is_scalar(v) || fy_node_is_alias(v)) {
        problem(L, v, map, "'%s' i %s skal være en tekst", key, what);
        return NULL;
    }
    const char *s = fy_node_get_scalar0(v);
    bool empty = !s || !*s ||
                 (fy_node_get_style(v) == FYNS_PLAIN && (strcmp(s, "~") == 0 || strcmp(s, "null") == 0));
    if (empty && required)
        problem(L, v, map, "'%s' i %s må ikke være tom", key, what);
    return empty ? NULL : s;
}

static char *dup_text(const char *s)
{
    return s ? strdup(s) : NULL;
}

/* An integer member in [min, max]; plain (unquoted) scalars only. */
static bool get_int(loader *L, struct fy_node *map, const char *key, const char *what,
                    bool required, long min, long max, int *out)
{
    struct fy_node *v = member(map, key);
    if (!v) {
        if (required)
            problem(L, map, NULL, "%s mangler '%s'", what, key);
        return false;
    }
    const char *s = fy_node_is_scalar(v) ? fy_node_get_scalar0(v) : NULL;
    char *end = NULL;
    errno = 0;
    long n = s && fy_node_get_style(v) == FYNS_PLAIN ? strtol(s, &end, 10) : 0;
    if (!s || !end || end == s || *end || errno || fy_node_get_style(v) != FYNS_PLAIN) {
        problem(L, v, map, "'%s' i %s skal være et heltal", key, what);
        return false;
    }
    if (n < min || n > max) {
        problem(L, v, map, "'%s' i %s er %ld; den skal være %ld-%ld", key, what, n, min, max);
        return false;
    }
    *out = (int)n;
    return true;
}

static bool get_bool(loader *L, struct fy_node *map, const char *key, const char *what,
                     bool *out)
{
    struct fy_node *v = member(map, key);
    if (!v)
        return false;
    const char *s = fy_node_is_scalar(v) ? fy_node_get_scalar0(v) : NULL;
    if (s && fy_node_get_style(v) == FYNS_PLAIN && strcmp(s, "true") == 0)
        *out = true;
    else if (s && fy_node_get_style(v) == FYNS_PLAIN && strcmp(s, "false") == 0)
        *out = false;
    else {
        problem(L, v, map, "'%s' i %s skal være true eller false", key, what);
        return false;
    }
    return true;
}

static char *join_citation(const char *a, const char *sep, const char *b)
{
    size_t n = strlen(a) + strlen(sep) + strlen(b) + 1;
    char *out = malloc(n);
    if (out)
        snprintf(out, n, "%s%s%s", a, sep, b);
    return out;
}

/* A law source: the standard says nothing and the law's default applies
 * (docs/standard-format.md, "source and citations"). */
static void load_law_source(loader *L, struct fy_node *s, genop_source *src)
{
    src->law = dup_text(get_text(L, s, "law", "source", true));
    src->law_paragraph = dup_text(get_text(L, s, "paragraph", "source", true));
    if (member(s, "section"))
        problem(L, member(s, "section"), s,
                "en kilde nævner enten 'section' (standardens afsnit) eller 'law' (en lov), ikke begge");
    if (src->law && src->law_paragraph)
        src->citation = join_citation(src->law, " ", src->law_paragraph);
}

static void load_source(loader *L, struct fy_node *map, const char *what,
                        genop_source *src)
{
    static const char *const keys[] = {"section", "law", "paragraph", "quote", "note", NULL};
    struct fy_node *s = get_map(L, map, "source", what, true);
    if (!s)
        return;
    check_keys(L, s, "source", keys);
    src->quote = dup_text(get_text(L, s, "quote", "source", false));
    src->note = dup_text(get_text(L, s, "note", "source", false));
    if (member(s, "law")) {
        load_law_source(L, s, src);
        return;
    }
    if (member(s, "paragraph"))
        problem(L, member(s, "paragraph"), s,
                "'paragraph' i source hører til en lov; angiv også 'law'");
    src->section = dup_text(get_text(L, s, "section", "source", true));
    const char *muni = L->std->short_name ? L->std->short_name : "?";
    if (src->section)
        src->citation = join_citation(muni, ", ", src->section);
}

/* A list of "86.1"/"86.2"; absent means all of the standard's. */
static unsigned load_paragraphs(loader *L, struct fy_node *map, const char *what,
                                bool required)
{
    struct fy_node *seq = get_seq(L, map, "paragraphs", what, required);
    if (!seq)
        return L->std->paragraphs;
    unsigned bits = 0;
    void *iter = NULL;
    struct fy_node *item;
    while ((item = fy_node_sequence_iterate(seq, &iter)) != NULL) {
        const char *s = fy_node_is_scalar(item) ? fy_node_get_scalar0(item) : NULL;
        unsigned bit = s ? genop_paragraph_from_name(s) : 0;
        if (!bit)
            problem(L, item, seq, "paragraf '%.20s' i %s findes ikke; brug \"86.1\" eller \"86.2\"",
                    s ? s : "?", what);
        else if (L->std->paragraphs && !(L->std->paragraphs & bit))
            problem(L, item, seq, "%s gælder § %s, som standarden ikke dækker", what, s);
        bits |= bit;
    }
    if (!bits)
        problem(L, seq, map, "%s skal nævne mindst én paragraf", what);
    return bits;
}

static bool load_unit(loader *L, struct fy_node *map, const char *what, genop_unit *out)
{
    const char *s = get_text(L, map, "unit", what, true);
    if (!s)
        return false;
    if (genop_unit_from_name(s, out))
        return true;
    problem(L, member(map, "unit"), map,
            "enheden '%.30s' i %s findes ikke (days, workdays, weeks, months)", s, what);
    return false;
}

static void load_anchor(loader *L, struct fy_node *map, const char *key, const char *what,
                        genop_anchor *out)
{
    const char *s = get_text(L, map, key, what, true);
    if (s && !genop_anchor_from_name(s, out))
        problem(L, member(map, key), map,
                "%s: '%s: %.40s' er ikke en hændelse, en frist kan regnes fra eller til",
                what, key, s);
}

static bool valid_id(const char *s)
{
    if (!s || !*s || strlen(s) > 40)
        return false;
    for (const char *p = s; *p; p++)
        if (!((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == '_'))
            return false;
    return true;
}

static void load_deadline(loader *L, struct fy_node *node, struct fy_node *seq)
{
    static const char *const keys[] = {"id", "label", "paragraphs", "from", "until", "when",
                                       "amount", "unit", "due_on_workday", "owner", "source",
                                       NULL};
    if (!fy_node_is_mapping(node)) {
        problem(L, node, seq, "hver frist skal være en mapping");
        return;
    }
    if (L->std->n_deadlines >= GENOP_DEADLINES_MAX) {
        problem(L, node, seq, "højst %d frister", GENOP_DEADLINES_MAX);
        return;
    }
    genop_deadline_rule *d = &L->std->deadlines[L->std->n_deadlines++];
    check_keys(L, node, "en frist", keys);
    const char *id = get_text(L, node, "id", "en frist", true);
    if (id && !valid_id(id))
        problem(L, member(node, "id"), node, "fristens id '%.40s' må kun have a-z, 0-9 og _", id);
    d->id = dup_text(id);
    d->label = dup_text(get_text(L, node, "label", "en frist", true));
    d->paragraphs = load_paragraphs(L, node, "fristen", false);
    load_anchor(L, node, "from", "fristen", &d->from);
    load_anchor(L, node, "until", "fristen", &d->until);
    if (member(node, "from") && member(node, "until") && d->from == d->until &&
        fy_node_is_scalar(member(node, "from")))
        problem(L, member(node, "until"), node, "en frist kan ikke regnes fra og til samme hændelse");
    const char *when = get_text(L, node, "when", "fristen", false);
    if (when && !genop_condition_from_name(when, &d->when))
        problem(L, member(node, "when"), node,
                "betingelsen '%.40s' findes ikke (always, granted, not_refused, not_fully_upheld)",
                when);
    get_int(L, node, "amount", "fristen", true, 0, 3650, &d->amount);
    load_unit(L, node, "fristen", &d->unit);
    get_bool(L, node, "due_on_workday", "fristen", &d->due_on_workday);
    const char *owner = get_text(L, node, "owner", "fristen", false);
    if (owner && strcmp(owner, "citizen") == 0)
        d->citizens_deadline = true;
    else if (owner && strcmp(owner, "municipality") != 0)
        problem(L, member(node, "owner"), node,
                "'owner: %.40s' findes ikke (municipality eller citizen)", owner);
    load_source(L, node, "fristen", &d->source);
}

static void load_limit(loader *L, struct fy_node *node, struct fy_node *seq)
{
    static const char *const keys[] = {"id", "label", "paragraphs", "max", "unit", "source", NULL};
    if (!fy_node_is_mapping(node)) {
        problem(L, node, seq, "hver grænse skal være en mapping");
        return;
    }
    if (L->std->n_limits >= GENOP_LIMITS_MAX) {
        problem(L, node, seq, "højst %d grænser", GENOP_LIMITS_MAX);
        return;
    }
    genop_limit_rule *l = &L->std->limits[L->std->n_limits++];
    check_keys(L, node, "en grænse", keys);
    const char *id = get_text(L, node, "id", "en grænse", true);
    if (id && !genop_limit_from_name(id, &l->kind))
        problem(L, member(node, "id"), node,
                "grænsen '%.40s' findes ikke (sessions, assessment_sessions, sessions_per_week, "
                "minutes_per_week, course_length)", id);
    l->label = dup_text(get_text(L, node, "label", "en grænse", true));
    l->paragraphs = load_paragraphs(L, node, "grænsen", false);
    get_int(L, node, "max", "grænsen", true, 0, 100000, &l->max);
    if (id && l->kind == GENOP_LIMIT_COURSE_LENGTH) {
        if (load_unit(L, node, "grænsen", &l->unit) && l->unit == GENOP_UNIT_WORKDAYS)
            problem(L, member(node, "unit"), node, "et forløbs længde angives i days, weeks eller months");
    } else if (member(node, "unit")) {
        problem(L, member(node, "unit"), node, "kun course_length har en enhed");
    }
    load_source(L, node, "grænsen", &l->source);
}

/* attendance.admission: an admission during the course puts it up for
 * review. Its paragraphs default to the attendance rule's. */
static void load_admission(loader *L, struct fy_node *attendance, genop_attendance_rule *r)
{
    static const char *const keys[] = {"paragraphs", "source", NULL};
    struct fy_node *n = get_map(L, attendance, "admission", "attendance", false);
    if (!n)
        return;
    r->admission.present = true;
    check_keys(L, n, "admission", keys);
    r->admission.paragraphs = member(n, "paragraphs") ? load_paragraphs(L, n, "admission", false)
                                                      : r->paragraphs;
    load_source(L, n, "admission", &r->admission.source);
}

static void load_attendance(loader *L, struct fy_node *root)
{
    static const char *const keys[] = {"counts", "review_limit", "paragraphs", "source",
                                       "admission", NULL};
    struct fy_node *a = get_map(L, root, "attendance", "standarden", false);
    if (!a)
        return;
    genop_attendance_rule *r = &L->std->attendance;
    r->present = true;
    check_keys(L, a, "attendance", keys);
    const char *counts = get_text(L, a, "counts", "attendance", true);
    if (counts && strcmp(counts, "no_shows") == 0)
        r->counts = GENOP_COUNT_NO_SHOWS;
    else if (counts && strcmp(counts, "no_shows_and_cancellations") == 0)
        r->counts = GENOP_COUNT_NO_SHOWS_AND_CANCELLATIONS;
    else if (counts)
        problem(L, member(a, "counts"), a,
                "'counts: %.40s' findes ikke (no_shows, no_shows_and_cancellations)", counts);
    get_int(L, a, "review_limit", "attendance", true, 1, 1000, &r->review_limit);
    r->paragraphs = load_paragraphs(L, a, "attendance", false);
    load_source(L, a, "attendance", &r->source);
    load_admission(L, a, r);
}

/* The paragraphs an eligibility rule applies to: those it names, else all
 * of the standard's (spec/evaluate.md section 4, "hospital_plan excludes"). */
static void load_eligibility_rule(loader *L, struct fy_node *el, const char *name,
                                  const char *const keys[], bool *present,
                                  unsigned *paragraphs, genop_source *source)
{
    struct fy_node *n = get_map(L, el, name, "eligibility", false);
    if (!n)
        return;
    *present = true;
    check_keys(L, n, name, keys);
    *paragraphs = load_paragraphs(L, n, name, false);
    load_source(L, n, name, source);
}

static void load_eligibility(loader *L, struct fy_node *root)
{
    static const char *const keys[] = {"minimum_age", "residency", "hospital_plan_excludes",
                                       "quarantine", NULL};
    static const char *const flag_keys[] = {"paragraphs", "source", NULL};
    static const char *const age_keys[] = {"years", "paragraphs", "source", NULL};
    static const char *const q_keys[] = {"amount", "unit", "paragraphs", "source", NULL};
    genop_standard *s = L->std;
    struct fy_node *el = get_map(L, root, "eligibility", "standarden", false);
    if (!el)
        return;
    check_keys(L, el, "eligibility", keys);
    load_eligibility_rule(L, el, "minimum_age", age_keys, &s->minimum_age.present,
                          &s->minimum_age.paragraphs, &s->minimum_age.source);
    load_eligibility_rule(L, el, "residency", flag_keys, &s->residency.present,
                          &s->residency.paragraphs, &s->residency.source);
    load_eligibility_rule(L, el, "hospital_plan_excludes", flag_keys,
                          &s->hospital_plan_excludes.present,
                          &s->hospital_plan_excludes.paragraphs,
                          &s->hospital_plan_excludes.source);
    load_eligibility_rule(L, el, "quarantine", q_keys, &s->quarantine.present,
                          &s->quarantine.paragraphs, &s->quarantine.source);
    struct fy_node *n;
    /* Age and residency concern the citizen, not the kind of training:
     * unless they name paragraphs they apply to every case, also one of a
     * paragraph the standard does not cover. */
    if ((n = member(el, "minimum_age")) && fy_node_is_mapping(n) && !member(n, "paragraphs"))
        s->minimum_age.paragraphs = GENOP_PARA_86_1 | GENOP_PARA_86_2;
    if ((n = member(el, "residency")) && fy_node_is_mapping(n) && !member(n, "paragraphs"))
        s->residency.paragraphs = GENOP_PARA_86_1 | GENOP_PARA_86_2;
    if ((n = member(el, "minimum_age")) && fy_node_is_mapping(n))
        get_int(L, n, "years", "minimum_age", true, 0, 130, &s->minimum_age.minimum_years);
    if ((n = member(el, "quarantine")) && fy_node_is_mapping(n)) {
        get_int(L, n, "amount", "quarantine", true, 0, 3650, &s->quarantine.amount);
        if (load_unit(L, n, "quarantine", &s->quarantine.unit) &&
            s->quarantine.unit == GENOP_UNIT_WORKDAYS)
            problem(L, member(n, "unit"), n, "karensperioden angives i days, weeks eller months");
    }
}

/* A text list: a YAML sequence of strings, or a single string. */
static void load_text_list(loader *L, struct fy_node *map, const char *key,
                           genop_text_list *out)
{
    struct fy_node *v = member(map, key);
    if (!v)
        return;
    size_t n = fy_node_is_sequence(v) ? (size_t)fy_node_sequence_item_count(v) : 1;
    out->items = calloc(n ? n : 1, sizeof *out->items);
    if (!out->items)
        return;
    if (fy_node_is_alias(v)) {
        problem(L, v, map, "'%s' i content: YAML-aliaser (*navn) bruges ikke; skriv teksten", key);
        return;
    }
    if (fy_node_is_scalar(v)) {
        out->items[out->n++] = dup_text(fy_node_get_scalar0(v));
        return;
    }
    if (!fy_node_is_sequence(v)) {
        problem(L, v, map, "'%s' i content skal være en tekst eller en liste af tekster", key);
        return;
    }
    void *iter = NULL;
    struct fy_node *item;
    while ((item = fy_node_sequence_iterate(v, &iter)) != NULL && out->n < n) {
        if (!fy_node_is_scalar(item) || fy_node_is_alias(item)) {
            problem(L, item, v, "'%s' i content må kun indeholde tekster (ingen aliaser)", key);
            continue;
        }
        out->items[out->n++] = dup_text(fy_node_get_scalar0(item));
    }
}

static void load_content(loader *L, struct fy_node *root)
{
    static const char *const keys[] = {"purpose", "target_group", "includes", "excludes",
                                       "provider", "obligations", "complaints", "contact", NULL};
    struct fy_node *c = get_map(L, root, "content", "standarden", true);
    if (!c)
        return;
    check_keys(L, c, "content", keys);
    genop_content *ct = &L->std->content;
    genop_text_list *lists[] = {&ct->purpose, &ct->target_group, &ct->includes,
                                &ct->excludes, &ct->provider, &ct->obligations,
                                &ct->complaints, &ct->contact};
    for (size_t i = 0; keys[i]; i++)
        load_text_list(L, c, keys[i], lists[i]);
    if (!ct->purpose.n)
        problem(L, c, root, "content mangler 'purpose' (ydelsens formål)");
}

static void load_municipality(loader *L, struct fy_node *root)
{
    static const char *const keys[] = {"name", "short_name", "code", NULL};
    struct fy_node *m = get_map(L, root, "municipality", "standarden", true);
    if (!m)
        return;
    check_keys(L, m, "municipality", keys);
    L->std->municipality = dup_text(get_text(L, m, "name", "municipality", true));
    L->std->short_name = dup_text(get_text(L, m, "short_name", "municipality", true));
    get_int(L, m, "code", "municipality", true, 100, 999, &L->std->municipality_code);
}

/* days_off, when present, replaces the public administration's usual days
 * off in this standard's calendar; an empty list means none. */
static void load_calendar(loader *L, struct fy_node *root, genop_error *e)
{
    static const char *const keys[] = {"name", "month", "day", "first_year", "last_year", NULL};
    struct fy_node *seq = get_seq(L, root, "days_off", "standarden", false);
    genop_day_off days[GENOP_DAYS_OFF_MAX];
    size_t n = 0;
    void *iter = NULL;
    struct fy_node *item;
    while (seq && (item = fy_node_sequence_iterate(seq, &iter)) != NULL) {
        if (!fy_node_is_mapping(item) || n >= GENOP_DAYS_OFF_MAX) {
            problem(L, item, seq, "hver fridag skal være en mapping; højst %d", GENOP_DAYS_OFF_MAX);
            continue;
        }
        genop_day_off *d = &days[n];
        memset(d, 0, sizeof *d);
        check_keys(L, item, "en fridag", keys);
        d->name = get_text(L, item, "name", "fridagen", true);
        bool ok = d->name != NULL;
        ok &= get_int(L, item, "month", "fridagen", true, 1, 12, &d->month);
        ok &= get_int(L, item, "day", "fridagen", true, 1, 31, &d->day);
        get_int(L, item, "first_year", "fridagen", false, GENOP_YEAR_MIN, GENOP_YEAR_MAX, &d->first_year);
        get_int(L, item, "last_year", "fridagen", false, GENOP_YEAR_MIN, GENOP_YEAR_MAX, &d->last_year);
        if (ok && d->day > genop_days_in_month(2000, d->month))
            problem(L, member(item, "day"), item, "%02d-%02d er ingen dato", d->month, d->day);
        else if (ok && d->first_year && d->last_year && d->first_year > d->last_year)
            problem(L, member(item, "last_year"), item, "last_year %d ligger før first_year %d",
                    d->last_year, d->first_year);
        else if (ok)
            n++;
    }
    if (L->count)
        return;
    genop_err err = seq ? genop_calendar_new(days, n, &L->std->calendar, e)
                        : genop_calendar_new_default(&L->std->calendar, e);
    if (err)
        problem(L, seq ? seq : root, root, "kalenderen kunne ikke bygges: %s", e ? e->message : "");
}

/* Two rules of one kind may not cover the same paragraph; the second one
 * is reported. */
static void check_unique_deadlines(loader *L, struct fy_node *seq)
{
    genop_standard *s = L->std;
    for (size_t j = 1; j < s->n_deadlines; j++)
        for (size_t i = 0; i < j; i++)
            if (s->deadlines[i].id && s->deadlines[j].id &&
                strcmp(s->deadlines[i].id, s->deadlines[j].id) == 0 &&
                (s->deadlines[i].paragraphs & s->deadlines[j].paragraphs)) {
                problem(L, fy_node_sequence_get_by_index(seq, (int)j), seq,
                        "fristen '%s' findes to gange for samme paragraf", s->deadlines[j].id);
                break;
            }
}

static void check_unique_limits(loader *L, struct fy_node *seq)
{
    genop_standard *s = L->std;
    for (size_t j = 1; j < s->n_limits; j++)
        for (size_t i = 0; i < j; i++)
            if (s->limits[i].kind == s->limits[j].kind &&
                (s->limits[i].paragraphs & s->limits[j].paragraphs)) {
                problem(L, fy_node_sequence_get_by_index(seq, (int)j), seq,
                        "grænsen '%s' findes to gange for samme paragraf",
                        genop_limit_name(s->limits[j].kind));
                break;
            }
}

static void load_root(loader *L, struct fy_node *root, genop_error *e)
{
    static const char *const keys[] = {"id", "municipality", "title", "approved",
                                       "complaint_routes", "effective_from", "paragraphs", "days_off", "deadlines",
                                       "limits", "attendance", "eligibility", "content",
                                       "closure_reasons", "revision", "documentation", "criteria",
                                       "letters", "cancellations", NULL};
    genop_standard *s = L->std;
    check_keys(L, root, "standarden", keys);
    const char *id = get_text(L, root, "id", "standarden", true);
    if (id && !valid_id(id))
        problem(L, member(root, "id"), root, "standardens id '%.40s' må kun have a-z, 0-9 og _", id);
    s->id = dup_text(id);
    load_municipality(L, root);
    s->title = dup_text(get_text(L, root, "title", "standarden", true));
    s->approved = dup_text(get_text(L, root, "approved", "standarden", false));
    /* Optional: not every published standard says when it took effect. */
    const char *eff = get_text(L, root, "effective_from", "standarden", false);
    genop_error de;
    if (eff && genop_date_parse(eff, &s->effective_from, &de))
        problem(L, member(root, "effective_from"), root, "effective_from: %s", de.message);
    else
        s->has_effective_from = eff != NULL;
    s->paragraphs = 0;
    s->paragraphs = load_paragraphs(L, root, "standarden", true);
    struct fy_node *seq = get_seq(L, root, "deadlines", "standarden", false);
    void *iter = NULL;
    struct fy_node *item;
    while (seq && (item = fy_node_sequence_iterate(seq, &iter)) != NULL)
        load_deadline(L, item, seq);
    if (seq)
        check_unique_deadlines(L, seq);
    struct fy_node *lim = get_seq(L, root, "limits", "standarden", false);
    iter = NULL;
    while (lim && (item = fy_node_sequence_iterate(lim, &iter)) != NULL)
        load_limit(L, item, lim);
    if (lim)
        check_unique_limits(L, lim);
    load_attendance(L, root);
    load_eligibility(L, root);
    load_content(L, root);
    sl_load_complaint_routes(L, root);
    sl_load_closure_reasons(L, root);
    sl_load_revision(L, root);
    sl_load_documentation(L, root);
    sl_load_criteria(L, root);
    sl_load_letters(L, root);
    sl_load_cancellations(L, root);
    load_calendar(L, root, e);
}

/* libfyaml's messages, in Danish where we know them. */
static const char *yaml_error_da(const char *message)
{
    static const struct { const char *en, *da; } known[] = {
        {"duplicate key", "nøglen står to gange"},
        {"Max depth", "strukturen er indlejret for dybt"},
        {"tab character", "tabulatorer må ikke bruges til indrykning"},
        {"invalid indentation", "forkert indrykning"},
        {"wrongly indented", "forkert indrykning"},
        {"missing ']'", "der mangler ']'"},
        {"missing '}'", "der mangler '}'"},
        {"missing ':'", "der mangler ':'"},
        {"unterminated", "en tekst i anførselstegn er ikke afsluttet"},
        {"invalid element in flow sequence", "ugyldigt element i en liste"},
        {"did not find expected", "uventet tegn"},
    };
    for (size_t i = 0; message && i < sizeof known / sizeof known[0]; i++)
        if (strstr(message, known[i].en))
            return known[i].da;
    return NULL;
}

/* Reports libfyaml's syntax errors; their line and column are 1-based. */
static void report_syntax(loader *L, struct fy_diag *diag)
{
    void *iter = NULL;
    struct fy_diag_error *err;
    bool any = false;
    while ((err = fy_diag_errors_iterate(diag, &iter)) != NULL) {
        char msg[GENOP_ERROR_MSG_MAX];
        const char *da = yaml_error_da(err->msg);
        genop_bprintf(msg, sizeof msg, "%s:%d:%d: YAML-syntaksfejl: %s", L->filename,
                      err->line, err->column, da ? da : err->msg);
        record(L, GENOP_EPARSE, msg);
        any = true;
    }
    if (!any) {
        char msg[GENOP_ERROR_MSG_MAX];
        genop_bprintf(msg, sizeof msg, "%s:1:1: filen indeholder intet YAML-dokument; "
                      "en kvalitetsstandard er en YAML-mapping", L->filename);
        record(L, GENOP_EINVAL, msg);
    }
}

/* A standard is UTF-8 text without NUL bytes. Checked before libfyaml sees
 * it: besides giving a clear position, it keeps invalid bytes away from a
 * libfyaml 0.7.12 scanner loop that never ends on some of them (found by
 * tests/fuzz/fuzz_standard: "%" followed by the byte 0xDB). */
static bool check_utf8(loader *L, const char *text, size_t len)
{
    const unsigned char *s = (const unsigned char *)text;
    int line = 1, column = 1;
    for (size_t i = 0; i < len;) {
        size_t n = genop_utf8_sequence(s + i, len - i);
        if (n == 0) {
            char msg[GENOP_ERROR_MSG_MAX];
            genop_bprintf(msg, sizeof msg, "%s:%d:%d: filen er ikke gyldig UTF-8-tekst "
                          "(byte 0x%02X)", L->filename, line, column, s[i]);
            record(L, GENOP_EPARSE, msg);
            return false;
        }
        if (s[i] == '\n') {
            line++;
            column = 1;
        } else {
            column++;
        }
        i += n;
    }
    return true;
}

genop_err genop_standard_parse(const char *text, size_t len, const char *filename,
                               genop_standard **out, genop_problems *problems,
                               genop_error *e)
{
    *out = NULL;
    if (len > GENOP_STANDARD_MAX)
        return genop_fail(e, GENOP_ETOOBIG, "%s fylder %zu byte; højst %u", filename, len,
                          GENOP_STANDARD_MAX);
    loader L = {.filename = filename, .problems = problems, .first = e};
    L.std = calloc(1, sizeof *L.std);
    struct fy_diag_cfg dcfg;
    fy_diag_cfg_default(&dcfg);
    dcfg.fp = NULL;
    dcfg.output_fn = NULL;
    struct fy_diag *diag = fy_diag_create(&dcfg);
    if (!L.std || !diag) {
        fy_diag_destroy(diag);
        free(L.std);
        return genop_fail(e, GENOP_ENOMEM, "ikke nok hukommelse til at læse %s", filename);
    }
    fy_diag_set_collect_errors(diag, true);
    struct fy_parse_cfg cfg = {
        .flags = FYPCF_QUIET | FYPCF_DEFAULT_VERSION_1_2 | FYPCF_DISABLE_MMAP_OPT,
        .diag = diag,
    };
    struct fy_document *doc = check_utf8(&L, text, len)
                                  ? fy_document_build_from_string(&cfg, text, len)
                                  : NULL;
    struct fy_node *root = doc ? fy_document_root(doc) : NULL;
    if (L.count)
        ; /* not UTF-8: already reported */
    else if (!doc)
        report_syntax(&L, diag);
    else if (!root)
        problem(&L, NULL, NULL, "filen er tom; en kvalitetsstandard er en YAML-mapping");
    else if (!fy_node_is_mapping(root))
        problem(&L, root, NULL, "en kvalitetsstandard skal være en YAML-mapping");
    else if (sl_check_single_quotes(&L, root, text, len))
        load_root(&L, root, e);
    fy_document_destroy(doc);
    fy_diag_destroy(diag);
    if (L.count) {
        genop_standard_free(L.std);
        return e ? e->code : GENOP_EINVAL;
    }
    *out = L.std;
    return GENOP_OK;
}

/* ---- standard_loader.h: the getters, for standard_load_parts.c ---- */

genop_standard *sl_standard(sl_loader *L)
{
    return L->std;
}

void sl_problem(sl_loader *L, struct fy_node *node, struct fy_node *fallback,
                const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vproblem(L, node, fallback, fmt, ap);
    va_end(ap);
}

struct fy_node *sl_member(struct fy_node *map, const char *key)
{
    return member(map, key);
}

void sl_check_keys(sl_loader *L, struct fy_node *map, const char *what,
                   const char *const *allowed)
{
    check_keys(L, map, what, allowed);
}

struct fy_node *sl_get_map(sl_loader *L, struct fy_node *map, const char *key,
                           const char *what, bool required)
{
    return get_map(L, map, key, what, required);
}

struct fy_node *sl_get_seq(sl_loader *L, struct fy_node *map, const char *key,
                           const char *what, bool required)
{
    return get_seq(L, map, key, what, required);
}

const char *sl_get_text(sl_loader *L, struct fy_node *map, const char *key,
                        const char *what, bool required)
{
    return get_text(L, map, key, what, required);
}

bool sl_get_bool(sl_loader *L, struct fy_node *map, const char *key, const char *what,
                 bool required, bool *out)
{
    if (required && !member(map, key)) {
        problem(L, map, NULL, "%s mangler '%s'", what, key);
        return false;
    }
    return get_bool(L, map, key, what, out);
}

bool sl_get_int(sl_loader *L, struct fy_node *map, const char *key, const char *what,
                bool required, long min, long max, int *out)
{
    return get_int(L, map, key, what, required, min, max, out);
}

bool sl_load_unit(sl_loader *L, struct fy_node *map, const char *what, genop_unit *out)
{
    return load_unit(L, map, what, out);
}

void sl_load_source(sl_loader *L, struct fy_node *map, const char *what, genop_source *src)
{
    load_source(L, map, what, src);
}

unsigned sl_load_paragraphs(sl_loader *L, struct fy_node *map, const char *what)
{
    return load_paragraphs(L, map, what, false);
}

bool sl_valid_id(const char *s)
{
    return valid_id(s);
}
