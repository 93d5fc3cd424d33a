/*
 * cmd_digital_post.c - `genop digital-post sender`: sets a municipality's
 * sender in Digital Post, its CVR number, which every MeMo message of its
 * letters carries (docs/memo.md). The CVR number is configuration: it is
 * in no standard's text, and genop invents none; until it is set, the
 * outbox refuses to send the municipality's letters by Digital Post.
 * `--test` marks an obvious test value (the demo's 12345678) as such.
 * The setting is the domain layer's (outbox.h: casework_dp_sender_set).
 */
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "local.h"
#include "outbox.h"

static const char usage[] =
    "Brug: genop digital-post sender --db FIL --municipality ID --cvr CVR [--test]\n"
    "\n"
    "Sætter kommunens CVR-nummer som afsender af breve med Digital Post. Indtil\n"
    "det er sat, sendes kommunens breve ikke med Digital Post.\n"
    "\n"
    "Tilvalg:\n"
    "  --db FIL             databasefilen, også skrevet sqlite:FIL\n"
    "  --municipality ID    kommunen: en indbygget standard (rodovre, skive,\n"
    "                       nyborg, ishoj, aalborg)\n"
    "  --cvr CVR            kommunens CVR-nummer: 8 cifre\n"
    "  --test               nummeret er en testværdi, ingen kommunes (fx 12345678)\n";

typedef struct dp_opts {
    const char *db, *municipality, *cvr;
    bool test;
} dp_opts;

static int parse_opts(int argc, char **argv, dp_opts *o)
{
    memset(o, 0, sizeof *o);
    if (argc < 2 || strcmp(argv[1], "sender") != 0)
        return cli_usage_error(&genop_cmd_digital_post, "angiv underkommandoen 'sender'");
    for (int i = 2; i < argc; i++) {
        const char *a = argv[i];
        const char **slot = strcmp(a, "--db") == 0             ? &o->db
                            : strcmp(a, "--municipality") == 0 ? &o->municipality
                            : strcmp(a, "--cvr") == 0          ? &o->cvr
                                                               : NULL;
        if (slot && i + 1 >= argc)
            return cli_usage_error(&genop_cmd_digital_post, "%s kræver en værdi", a);
        if (slot)
            *slot = argv[++i];
        else if (strcmp(a, "--test") == 0)
            o->test = true;
        else
            return cli_usage_error(&genop_cmd_digital_post, "ukendt tilvalg '%s'", a);
    }
    if (!o->db || !o->municipality || !o->cvr)
        return cli_usage_error(&genop_cmd_digital_post,
                               "--db, --municipality og --cvr skal angives");
    return CLI_OK;
}

static int run(int argc, char **argv)
{
    if (cli_help_requested(argc, argv, usage))
        return CLI_OK;
    dp_opts o;
    int rc = parse_opts(argc, argv, &o);
    if (rc)
        return rc;
    casework_local loc;
    genop_error e;
    genop_err err = casework_local_open(o.db, &loc, &e);
    const genop_standard *std = err ? NULL : casework_standard(&loc.env, o.municipality);
    if (!err && !std)
        err = genop_fail(&e, GENOP_ENOTFOUND, "--municipality: ingen indbygget standard for '%s'",
                         o.municipality);
    if (!err)
        err = casework_local_municipality_ensure(&loc, std, &e);
    if (!err)
        err = casework_dp_sender_set(&loc.env, std->id, o.cvr, o.test, "genop digital-post", &e);
    if (!err)
        printf("%s sender nu breve med Digital Post som CVR-nummer %s%s.\n", std->municipality,
               o.cvr, o.test ? " (en testværdi)" : "");
    casework_local_close(&loc);
    if (err) {
        cli_error("digital-post: %s", e.message);
        return err == GENOP_EINVAL ? CLI_USAGE : CLI_FAILED;
    }
    return CLI_OK;
}

const genop_command genop_cmd_digital_post = {
    .name = "digital-post",
    .summary = "sæt kommunens CVR-nummer som afsender i Digital Post",
    .usage = usage,
    .run = run,
};
