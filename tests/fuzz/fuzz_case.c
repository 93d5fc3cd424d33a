/*
 * fuzz_case.c - libFuzzer target for the case JSON reader and the
 * evaluator behind it: any bytes are parsed as a case and, when valid,
 * evaluated against every shipped standard and turned into result JSON.
 */
#include <assert.h>
#include <stddef.h>
#include <stdint.h>

#include "case_json.h"
#include "evaluate.h"
#include "registry.h"
#include "result_json.h"

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

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    load_standards();
    genop_case c = {0};
    genop_error e = {0};
    if (genop_case_parse((const char *)data, size, &c, &e) == GENOP_OK) {
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
