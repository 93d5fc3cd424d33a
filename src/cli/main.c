/*
 * main.c - `genop`, the command line: dispatches to one file per command
 * through the table below (git/tmux style) and prints the help.
 */
#include <malloc.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "store.h"

static const genop_command *const commands[] = {
    &genop_cmd_evaluate,
    &genop_cmd_calendar,
    &genop_cmd_standard,
    &genop_cmd_demo,
    &genop_cmd_report,
    &genop_cmd_serve,
    &genop_cmd_user,
    &genop_cmd_token,
    &genop_cmd_digital_post,
};
#define N_COMMANDS (sizeof commands / sizeof commands[0])

static void print_help(FILE *out)
{
    fprintf(out,
            "genop - kvalitetsstandarder for træning efter servicelovens § 86, gjort kørbare\n"
            "\n"
            "Brug: genop KOMMANDO [TILVALG] ...\n"
            "\n"
            "Kommandoer:\n");
    for (size_t i = 0; i < N_COMMANDS; i++)
        fprintf(out, "  %-12s %s\n", commands[i]->name, commands[i]->summary);
    fprintf(out,
            "\n"
            "Skriv 'genop KOMMANDO --help' for at se kommandoens tilvalg.\n"
            "Datoer skrives ÅÅÅÅ-MM-DD. Fejl skrives som én linje på standard error,\n"
            "og kommandoen afslutter da med en status forskellig fra 0.\n");
}

/* glibc's malloc gives the top of a thread's heap back to the system
 * (madvise) whenever more than a threshold is free there, and takes it
 * again on the next allocations: `genop serve`'s write thread did so at
 * every commit (SQLite frees its dirty pages), ~11% of its time in perf.
 * A fixed threshold of 64 MB keeps that memory; blocks of 16 MB and more
 * still come from mmap. */
static void configure_malloc(void)
{
    mallopt(M_TRIM_THRESHOLD, 64 * 1024 * 1024);
    mallopt(M_MMAP_THRESHOLD, 16 * 1024 * 1024);
}

int main(int argc, char **argv)
{
    configure_malloc();
    genop_store_configure();
    if (argc < 2) {
        /* A bad invocation gets one line, like every other error; the
         * full help is for --help. */
        cli_error("angiv en kommando (se 'genop --help')");
        return CLI_USAGE;
    }
    if (cli_is_help(argv[1]) || strcmp(argv[1], "help") == 0) {
        print_help(stdout);
        return CLI_OK;
    }
    if (strcmp(argv[1], "--version") == 0) {
        printf("genop 0.1.0\n");
        return CLI_OK;
    }
    for (size_t i = 0; i < N_COMMANDS; i++)
        if (strcmp(argv[1], commands[i]->name) == 0)
            return commands[i]->run(argc - 1, argv + 1);
    cli_error("ukendt kommando '%s' (se 'genop --help')", argv[1]);
    return CLI_USAGE;
}
