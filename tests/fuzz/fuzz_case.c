/*
 * fuzz_case.c - libFuzzer target for the case JSON reader and the
 * evaluator behind it: any bytes are parsed as a case and, when valid,
 * evaluated against every shipped standard and turned into result JSON.
 *
 * The bytes are also read the other way in: parsed by jansson (as the
 * server parses a body) and the tree read with the same reader
 * (case_tree.h). Whenever jansson takes the text, the tree must give what
 * the text gave: the same code, the same message, the same case.
 */
#include <assert.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "case_json.h"
#include "case_tree.h"
#include "evaluate.h"
#include "registry.h"
#include "result_tree.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char *const ids[] = {"rodovre", "skive", "nyborg", "ishoj", "aalborg"};
#define N_IDS (sizeof ids / sizeof ids[0])

/* Loading a standard builds its calendar (about 110,000 days); the fuzzer
 * loads them once for the whole run rather than once per input. */
static genop_standard *standards[N_IDS];

static void load_standards(void)
{
    for (size_t i = 0; i < N_IDS; i++)
        if (!standards[i] && genop_registry_load(ids[i], &standards[i], NULL))
            __builtin_trap();
}

/* Reads the text as a jansson tree and asserts that the tree gives what
 * the text gave (err, *te, *c). */
static void check_tree_agrees(const uint8_t *data, size_t size, genop_err err,
                              const genop_error *te, const genop_case *c)
{
    json_t *root = NULL;
    genop_error je = {0};
    if (genop_json_parse((const char *)data, size, &root, &je))
        return;      /* duplicate keys, \u0000, syntax: jansson refuses */
    genop_case t = {0};
    genop_error tr = {0};
    genop_err tree_err = genop_case_from_json(root, &t, &tr);
    json_decref(root);
    assert(tree_err == err);
    if (err) {
        assert(strcmp(tr.message, te->message) == 0);
    } else {
        assert(t.n_events == c->n_events && t.id_kind == c->id_kind);
        assert(strcmp(t.id, c->id) == 0 && t.as_of == c->as_of && t.has_as_of == c->has_as_of);
        assert(t.birth_date == c->birth_date && t.municipality_code == c->municipality_code);
        for (size_t i = 0; i < c->n_events; i++) {
            const genop_event *a = &c->events[i], *b = &t.events[i];
            assert(a->type == b->type && a->date == b->date && a->seq == b->seq);
            assert(a->paragraph == b->paragraph && a->granted == b->granted);
            assert(a->minutes == b->minutes && a->outcome == b->outcome && a->kind == b->kind);
            assert(a->upheld == b->upheld && a->phase == b->phase);
            assert(strcmp(a->condition, b->condition) == 0);
        }
    }
    genop_case_release(&t);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    load_standards();
    genop_case c = {0};
    genop_error e = {0};
    genop_err err = genop_case_parse((const char *)data, size, &c, &e);
    check_tree_agrees(data, size, err, &e, &c);
    if (err == GENOP_OK) {
        for (size_t i = 0; i < N_IDS; i++) {
            genop_result r;
            genop_date as_of = c.has_as_of ? c.as_of : c.events[0].date;
            if (genop_evaluate(&c, standards[i], as_of, &r, &e) == GENOP_OK) {
                json_t *j = genop_result_to_json(&r, &c);
                assert(j != NULL);
                json_decref(j);
            }
        }
    } else {
        assert(e.message[0] != '\0');
    }
    genop_case_release(&c);
    return 0;
}
