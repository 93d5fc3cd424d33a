/*
 * cmd_token.c - `genop token create`: makes an API token for an
 * integration that calls the API as a user (Authorization: Bearer TOKEN).
 * The token is printed once; only its hash is stored.
 */
#include <stdio.h>
#include <string.h>

#include "auth.h"
#include "cli.h"
#include "store.h"

static const char usage[] =
    "Brug: genop token create --db FIL --user BRUGERNAVN [--name NAVN]\n"
    "\n"
    "Danner en API-nøgle til en integration, der kalder API'et som brugeren\n"
    "(Authorization: Bearer NØGLE). Nøglen skrives én gang på standard output;\n"
    "genop gemmer kun dens hash.\n"
    "\n"
    "Tilvalg:\n"
    "  --db FIL           databasefilen\n"
    "  --user BRUGERNAVN  brugeren, nøglen giver adgang som\n"
    "  --name NAVN        hvad nøglen bruges til (vises ikke for borgere)\n";

typedef struct token_opts {
    const char *db, *user, *name;
} token_opts;

static int parse_opts(int argc, char **argv, token_opts *o)
{
    memset(o, 0, sizeof *o);
    if (argc < 2 || strcmp(argv[1], "create") != 0)
        return cli_usage_error(&genop_cmd_token, "angiv underkommandoen 'create'");
    for (int i = 2; i < argc; i++) {
        const char *a = argv[i];
        const char **slot = strcmp(a, "--db") == 0     ? &o->db
                            : strcmp(a, "--user") == 0 ? &o->user
                            : strcmp(a, "--name") == 0 ? &o->name
                                                       : NULL;
        if (!slot)
            return cli_usage_error(&genop_cmd_token, "ukendt tilvalg '%s'", a);
        if (i + 1 >= argc)
            return cli_usage_error(&genop_cmd_token, "%s kræver en værdi", a);
        *slot = argv[++i];
    }
    if (!o->db || !o->user)
        return cli_usage_error(&genop_cmd_token, "--db og --user skal angives");
    return CLI_OK;
}

static genop_err create_token(const token_opts *o, char token[AUTH_TOKEN_TEXT_SIZE],
                              genop_error *e)
{
    genop_store *s = NULL;
    genop_user_auth ua;
    unsigned char hash[GENOP_TOKEN_HASH_SIZE];
    genop_err err = auth_init(e);
    if (!err)
        err = genop_store_open_sqlite(o->db, &s, e);
    if (!err && (err = genop_store_user_auth_get(s, o->user, &ua, e)) == GENOP_ENOTFOUND)
        genop_fail(e, err, "brugeren '%.64s' findes ikke", o->user);
    if (!err)
        err = auth_token_new(token, hash, e);
    if (!err)
        err = genop_store_token_create(s, hash, ua.user.id, o->name ? o->name : "", e);
    genop_store_close(s);
    return err;
}

static int run(int argc, char **argv)
{
    if (cli_help_requested(argc, argv, usage))
        return CLI_OK;
    token_opts o;
    int rc = parse_opts(argc, argv, &o);
    if (rc)
        return rc;
    if (o.name && strlen(o.name) >= GENOP_TEXT_SMALL_MAX)
        return cli_usage_error(&genop_cmd_token, "--name er for langt (højst %d byte)",
                               GENOP_TEXT_SMALL_MAX - 1);
    char token[AUTH_TOKEN_TEXT_SIZE];
    genop_error e;
    if (create_token(&o, token, &e)) {
        cli_error("token create: %s", e.message);
        return CLI_FAILED;
    }
    printf("%s\n", token);
    fflush(stdout);
    memset(token, 0, sizeof token);
    return CLI_OK;
}

const genop_command genop_cmd_token = {
    .name = "token",
    .summary = "dan en API-nøgle til en integration",
    .usage = usage,
    .run = run,
};
