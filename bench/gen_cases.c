/*
 * gen_cases.c - writes N generated cases as JSON Lines to standard output
 * (the input of the `genop evaluate --jsonl` benchmark).
 *   gen_cases N [SEED]
 */
#include <stdio.h>
#include <stdlib.h>

#include "gen.h"

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: gen_cases N [SEED]\n");
        return 2;
    }
    long n = strtol(argv[1], NULL, 10);
    gen_rng rng = {argc > 2 ? strtoull(argv[2], NULL, 10) | 1 : 0x9E3779B97F4A7C15ULL};
    char buf[16384];
    for (long i = 0; i < n; i++) {
        size_t len = gen_case_json(&rng, buf, sizeof buf);
        if (!len)
            return 1;
        fwrite(buf, 1, len, stdout);
        putchar('\n');
    }
    return 0;
}
