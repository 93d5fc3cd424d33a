/*
 * cmd_serve.c - `genop serve` (being written).
 */
#include "cli.h"

static int run(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    cli_error("serve: ikke færdig endnu");
    return CLI_FAILED;
}

const genop_command genop_cmd_serve = {
    .name = "serve",
    .summary = "(under udvikling)",
    .usage = "",
    .run = run,
};
