/*
 * cmd_token.c - `genop token` (being written).
 */
#include "cli.h"

static int run(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    cli_error("token: ikke færdig endnu");
    return CLI_FAILED;
}

const genop_command genop_cmd_token = {
    .name = "token",
    .summary = "(under udvikling)",
    .usage = "",
    .run = run,
};
