/*
 * case_search.c - reading a search text, the purpose its access-log rows
 * carry, and the search for citizens (see case_search.h).
 */
#include "case_search.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "audit.h"
#include "cpr.h"
#include "decimal.h"
#include "name_words.h"
#include "roles.h"
#include "utf8.h"

#define FIELD "q"
#define SPACES " \t\r\n"

/* The text without the spaces around it: *start and *len. */
static void trim(const char *text, const char **start, size_t *len)
{
    text += strspn(text, SPACES);
    size_t n = strlen(text);
    while (n && strchr(SPACES, text[n - 1]))
        n--;
    *start = text;
    *len = n;
}

/* Checks that text[0..len) is UTF-8 of at most CASEWORK_SEARCH_TEXT_MAX
 * characters. */
static genop_err check_text(const char *text, size_t len, genop_error *e)
{
    size_t chars = 0;
    for (size_t i = 0; i < len; chars++) {
        size_t n = genop_utf8_sequence((const unsigned char *)text + i, len - i);
        if (n == 0)
            return genop_refuse(e, GENOP_EINVAL, FIELD,
                                "Søgeteksten indeholder tegn, der ikke er gyldig UTF-8.");
        i += n;
    }
    if (chars > CASEWORK_SEARCH_TEXT_MAX)
        return genop_refuse(e, GENOP_EINVAL, FIELD,
                            "Søgeteksten er for lang: højst %d tegn, ikke %zu.",
                            CASEWORK_SEARCH_TEXT_MAX, chars);
    return GENOP_OK;
}

/* The CPR number or case number that text (trimmed, NUL-terminated) is. */
static void read_numbers(const char *text, size_t len, genop_case_search *out)
{
    genop_cpr cpr;
    genop_error ignored;
    if (genop_cpr_parse(text, &cpr, &ignored) == GENOP_OK)
        memcpy(out->cpr, cpr.digits, sizeof out->cpr);
    int64_t id;
    if (strspn(text, "0123456789") == len && genop_decimal_parse(text, len, &id))
        out->case_id = id;
}

/* True if text has a character that folds to a letter (not a digit). */
static bool has_letter(const char *text)
{
    char word[GENOP_NAME_WORD_SIZE];
    while (genop_name_word_next(&text, word, sizeof word, NULL))
        if (strspn(word, "0123456789") != strlen(word))
            return true;
    return false;
}

/* The words of a name search. */
static genop_err read_words(const char *text, genop_case_search *out, genop_error *e)
{
    char word[GENOP_NAME_WORD_SIZE];
    bool cut;
    while (genop_name_word_next(&text, word, sizeof word, &cut)) {
        if (cut)
            return genop_refuse(e, GENOP_EINVAL, FIELD,
                                "Et ord i søgeteksten er længere, end et navn kan være.");
        if (out->n_words == GENOP_SEARCH_WORDS_MAX)
            return genop_refuse(e, GENOP_EINVAL, FIELD, "Søg med højst %d ord ad gangen.",
                                GENOP_SEARCH_WORDS_MAX);
        memcpy(out->words[out->n_words++], word, sizeof word);
    }
    return GENOP_OK;
}

genop_err casework_search_parse(const char *text, genop_case_search *out, genop_error *e)
{
    const char *start;
    size_t len;
    memset(out, 0, sizeof *out);
    trim(text ? text : "", &start, &len);
    genop_err err = check_text(start, len, e);
    if (err)
        return err;
    char trimmed[CASEWORK_SEARCH_TEXT_MAX * 4 + 1];
    memcpy(trimmed, start, len);
    trimmed[len] = '\0';
    read_numbers(trimmed, len, out);
    if (has_letter(trimmed) && (err = read_words(trimmed, out, e)))
        return err;
    const char *rest = trimmed;
    char word[GENOP_NAME_WORD_SIZE];
    if (!genop_name_word_next(&rest, word, sizeof word, NULL))
        return genop_refuse(e, GENOP_EINVAL, FIELD,
                            "Skriv et navn, et CPR-nummer eller et sagsnummer at søge efter.");
    return GENOP_OK;
}

/* Copies src into buf[size] from *len on, cut at a whole character and
 * ended with "…" when it does not fit; keeps buf NUL-terminated. */
static void append(char *buf, size_t size, size_t *len, const char *src)
{
    static const char ellipsis[] = "…";
    size_t room = size - 1 - *len, n = strlen(src);
    if (n > room) {
        n = room >= sizeof ellipsis - 1 ? room - (sizeof ellipsis - 1) : 0;
        while (n && ((unsigned char)src[n] & 0xC0) == 0x80)
            n--;                        /* not inside a character */
        memcpy(buf + *len, src, n);
        *len += n;
        src = room >= sizeof ellipsis - 1 ? ellipsis : "";
        n = strlen(src);
    }
    memcpy(buf + *len, src, n);
    *len += n;
    buf[*len] = '\0';
}

/* What search s looked for, into buf[size] (large enough for every
 * word). */
static void searched_for(const genop_case_search *s, char *buf, size_t size)
{
    size_t len = 0;
    buf[0] = '\0';
    if (s->cpr[0]) {
        append(buf, size, &len, s->case_id ? "søgning på CPR-nummer eller sagsnummer"
                                           : "søgning på CPR-nummer");
        return;
    }
    if (s->case_id) {
        char number[48];
        snprintf(number, sizeof number, "søgning på sagsnummer %" PRId64, s->case_id);
        append(buf, size, &len, number);
        return;
    }
    append(buf, size, &len, "søgning på navn \"");
    for (size_t i = 0; i < s->n_words; i++) {
        append(buf, size, &len, i ? " " : "");
        append(buf, size, &len, s->words[i]);
    }
    append(buf, size, &len, "\"");
}

void casework_search_purpose(const genop_case_search *s, const char *prefix, char *buf,
                             size_t size)
{
    char what[GENOP_SEARCH_WORDS_MAX * (GENOP_NAME_WORD_SIZE + 1) + 64];
    size_t len = 0;
    buf[0] = '\0';
    searched_for(s, what, sizeof what);
    if (prefix && prefix[0]) {
        char all[sizeof what + GENOP_TEXT_SMALL_MAX + 2];
        size_t all_len = 0;
        all[0] = '\0';
        append(all, sizeof all, &all_len, prefix);
        append(all, sizeof all, &all_len, ": ");
        append(all, sizeof all, &all_len, what);
        append(buf, size, &len, all);
        return;
    }
    append(buf, size, &len, what);
}

genop_err casework_search_audit(const casework_env *env, const genop_user *actor,
                                const genop_case_search *s, const genop_case_summary *items,
                                size_t n, genop_error *e)
{
    char purpose[GENOP_TEXT_SMALL_MAX];
    audit_rows r;
    casework_search_purpose(s, NULL, purpose, sizeof purpose);
    audit_rows_init(&r, actor, AUDIT_CASE_SEARCH, purpose);
    genop_err err = GENOP_OK;
    for (size_t i = 0; !err && i < n; i++)
        err = audit_rows_add_citizen(&r, items[i].c.citizen_id, e);
    if (!err)
        err = audit_rows_record(env, &r, e);
    audit_rows_release(&r);
    return err;
}

genop_err casework_citizen_search(const casework_env *env, const genop_user *actor,
                                  const genop_case_search *s, size_t limit, size_t offset,
                                  genop_list *out, size_t *total, genop_error *e)
{
    char purpose[GENOP_TEXT_SMALL_MAX];
    audit_rows r;
    memset(out, 0, sizeof *out);
    *total = 0;
    genop_err err = casework_require_role(actor, ROLES_OVERSIGHT, "søge efter borgere", e);
    if (err)
        return err;
    casework_search_purpose(s, AUDIT_PURPOSE_CONTROL, purpose, sizeof purpose);
    audit_rows_init(&r, actor, AUDIT_CITIZEN_SEARCH, purpose);
    err = genop_store_citizen_search(env->store, actor->municipality, s, limit, offset, out,
                                     total, e);
    const genop_citizen_hit *hits = out->items;
    for (size_t i = 0; !err && i < out->n; i++)
        err = audit_rows_add_citizen(&r, hits[i].id, e);
    if (!err)
        err = audit_rows_record(env, &r, e);
    audit_rows_release(&r);
    if (err)
        genop_store_free_list(out);
    return casework_internal(err, e);
}
