/*
 * fuzz_standard.c - libFuzzer target for the quality standard loader: any
 * bytes must give either a standard or problems with positions, never a
 * crash, a leak or undefined behaviour.
 */
#include <assert.h>
#include <stddef.h>
#include <stdint.h>

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
    genop_standard_free(std);
    genop_problems_free(&problems);
    return 0;
}
