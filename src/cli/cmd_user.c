/*
 * cmd_user.c - `genop user` (being written).
 */
#include "cli.h"

static int run(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    cli_error("user: ikke færdig endnu");
    return CLI_FAILED;
}

const genop_command genop_cmd_user = {
    .name = "user",
    .summary = "(under udvikling)",
    .usage = "",
    .run = run,
};
