/*
 * fuzz_standard.c - libFuzzer target for the quality standard loader: any
 * bytes must give either a standard or problems with positions, never a
 * crash, a leak or undefined behaviour. Every standard that loads must
 * also become the JSON document of GET /api/v1/standard (standard_json.h),
 * which must serialise: its sentences stay valid UTF-8 however long the
 * names in the standard are.
 */
#include <assert.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "standard_json.h"
#include "standard_load.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    genop_standard *std = NULL;
    genop_problems problems = {0};
    genop_error e = {0};
    genop_err err = genop_standard_parse((const char *)data, size, "fuzz.yaml", &std,
                                         &problems, &e);
    /* Either a standard and no problems, or no standard and a message. */
    assert(err ? std == NULL && e.message[0] != '\0' : std != NULL && problems.n == 0);
    if (std) {
        json_t *doc = NULL;
        /* As of the calendar's last day, so a revision interval is overdue
         * and its warning is written too. */
        genop_date last = genop_date_max();
        genop_err jerr = genop_standard_to_json_on(std, &last, &doc, &e);
        assert(jerr == GENOP_OK && doc != NULL);
        char *text = json_dumps(doc, JSON_COMPACT);
        assert(text != NULL);
        free(text);
        json_decref(doc);
    }
    genop_standard_free(std);
    genop_problems_free(&problems);
    return 0;
}
