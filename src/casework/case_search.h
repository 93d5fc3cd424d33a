/*
 * case_search.h - finding cases and citizens from what a person typed in
 * a search field: a CPR number (ten digits, with or without the dash
 * after the sixth), a case number, or words of a name ("ben kri" finds
 * Bent Kristensen: every word must start a word of the name; case and the
 * accents Danish does not write are ignored, æ, ø and å are letters of
 * their own; src/core/name_words.h).
 *
 * Cases are searched through the case list (casework_cases_list with the
 * filter's `search`); citizens, for the control of who read their data,
 * with casework_citizen_search(). Every citizen a search shows is written
 * to the access log: one row per citizen (not per case: the log is read
 * per citizen, and one look at a page of results is one look at each
 * citizen on it, however many of the citizen's cases it lists), whose
 * purpose says what was searched for - the words of a name as they were
 * searched, a case number, or "CPR-nummer" without the number - so that
 * the log tells a deliberate look-up of this citizen from a name shared
 * with others, and never holds a CPR number in its text.
 */
#ifndef GENOP_CASEWORK_CASE_SEARCH_H
#define GENOP_CASEWORK_CASE_SEARCH_H

#include <stddef.h>

#include "env.h"

/* The longest search text, in characters. */
#define CASEWORK_SEARCH_TEXT_MAX 100

/* Reads the search text (NUL-terminated; spaces around it do not count)
 * into *out:
 *   - "DDMMYY-SSSS" or "DDMMYYSSSS" that is a CPR number (cpr.h): the CPR
 *     number, and when it is all digits also the case number;
 *   - 1-18 digits: the case number (0 is none);
 *   - text with a letter: the words of a name, each folded
 *     (name_words.h), at most GENOP_SEARCH_WORDS_MAX.
 * Digits that are neither (a CPR number whose date does not exist) match
 * nothing. Refused (GENOP_EINVAL, field "q", a Danish message): no text,
 * or nothing to search for in it (only punctuation); more than
 * CASEWORK_SEARCH_TEXT_MAX characters; text that is not UTF-8; more than
 * GENOP_SEARCH_WORDS_MAX words, or a word longer than a name can hold. */
genop_err casework_search_parse(const char *text, genop_case_search *out, genop_error *e);

/* The purpose of the access-log rows of search s, into buf[size] (cut at
 * a whole character): prefix (may be NULL), then what was searched for:
 * 'søgning på navn "ben kri"', "søgning på sagsnummer 12", "søgning på
 * CPR-nummer" or "søgning på CPR-nummer eller sagsnummer". */
void casework_search_purpose(const genop_case_search *s, const char *prefix, char *buf,
                             size_t size);

/* Logs the reads of a page of cases that search s found (items,
 * genop_case_summary[n]): one row per citizen on it, as the top of this
 * file says, as env says (casework_log_reads) before return. */
genop_err casework_search_audit(const casework_env *env, const genop_user *actor,
                                const genop_case_search *s, const genop_case_summary *items,
                                size_t n, genop_error *e);

/* The citizens of the actor's municipality that search s finds (leder,
 * admin: to open a citizen's access log), by name; out->items is
 * genop_citizen_hit[] (free with genop_store_free_list()): id, name, birth
 * date and the numbers of the citizen's newest cases, no health data;
 * *total counts them without limit and offset (limit 0: all). Each
 * citizen shown is logged, with the control of access as the purpose. */
genop_err casework_citizen_search(const casework_env *env, const genop_user *actor,
                                  const genop_case_search *s, size_t limit, size_t offset,
                                  genop_list *out, size_t *total, genop_error *e);

#endif
