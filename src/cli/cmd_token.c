/*
 * cmd_token.c - `genop token create|list|revoke`: the API tokens of
 * integrations that call the API as a user (Authorization: Bearer TOKEN).
 * A token is printed once, when it is made; only its hash is stored, and
 * list and revoke name it by the first digits of that hash.
 */
#include <stdio.h>
#include <string.h>

#include "auth.h"
#include "cli.h"
#include "store.h"

static const char usage[] =
    "Brug: genop token create --db FIL --user BRUGERNAVN [--name NAVN]\n"
    "      genop token list --db FIL [--user BRUGERNAVN]\n"
    "      genop token revoke --db FIL ID\n"
    "\n"
    "API-nøgler til integrationer, der kalder API'et som en bruger\n"
    "(Authorization: Bearer NØGLE).\n"
    "\n"
    "  create   danner en nøgle og skriver den én gang på standard output;\n"
    "           genop gemmer kun dens hash\n"
    "  list     viser nøglerne: id, bruger, kommune, navn og hvornår de blev dannet\n"
    "  revoke   tilbagekalder nøglen med det id, list viser; den virker ikke mere\n"
    "\n"
    "Tilvalg:\n"
    "  --db FIL           databasefilen, også skrevet sqlite:FIL\n"
    "  --user BRUGERNAVN  brugeren, nøglen giver adgang som (list: kun hans nøgler)\n"
    "  --name NAVN        hvad nøglen bruges til (vises ikke for borgere)\n";

typedef enum token_action { TOKEN_CREATE, TOKEN_LIST, TOKEN_REVOKE } token_action;

typedef struct token_opts {
    token_action action;
    const char *db, *user, *name, *id;
} token_opts;

static int parse_action(const char *word, token_action *out)
{
    static const char *const words[] = {"create", "list", "revoke"};
    for (int i = 0; i < 3; i++)
        if (word && strcmp(word, words[i]) == 0) {
            *out = (token_action)i;
            return CLI_OK;
        }
    return cli_usage_error(&genop_cmd_token, "angiv underkommandoen 'create', 'list' eller 'revoke'");
}

/* Checks that the options fit the subcommand. */
static int check_opts(const token_opts *o)
{
    if (!o->db)
        return cli_usage_error(&genop_cmd_token, "--db skal angives");
    if (o->action == TOKEN_CREATE && !o->user)
        return cli_usage_error(&genop_cmd_token, "token create: --user skal angives");
    if (o->action == TOKEN_REVOKE && !o->id)
        return cli_usage_error(&genop_cmd_token, "token revoke: angiv nøglens id");
    if (o->action != TOKEN_REVOKE && o->id)
        return cli_usage_error(&genop_cmd_token, "ukendt argument '%s'", o->id);
    if (o->action != TOKEN_CREATE && o->name)
        return cli_usage_error(&genop_cmd_token, "--name hører kun til token create");
    if (o->action == TOKEN_REVOKE && o->user)
        return cli_usage_error(&genop_cmd_token, "--user hører ikke til token revoke");
    if (o->name && strlen(o->name) >= GENOP_TEXT_SMALL_MAX)
        return cli_usage_error(&genop_cmd_token, "--name er for langt (højst %d byte)",
                               GENOP_TEXT_SMALL_MAX - 1);
    return CLI_OK;
}

static int parse_opts(int argc, char **argv, token_opts *o)
{
    memset(o, 0, sizeof *o);
    int rc = parse_action(argc > 1 ? argv[1] : NULL, &o->action);
    for (int i = 2; !rc && i < argc; i++) {
        const char *a = argv[i];
        const char **slot = strcmp(a, "--db") == 0     ? &o->db
                            : strcmp(a, "--user") == 0 ? &o->user
                            : strcmp(a, "--name") == 0 ? &o->name
                                                       : NULL;
        if (!slot && a[0] != '-' && !o->id) {
            o->id = a;
            continue;
        }
        if (!slot)
            return cli_usage_error(&genop_cmd_token, "ukendt tilvalg '%s'", a);
        if (i + 1 >= argc)
            return cli_usage_error(&genop_cmd_token, "%s kræver en værdi", a);
        *slot = argv[++i];
    }
    return rc ? rc : check_opts(o);
}

static genop_err create_token(genop_store *s, const token_opts *o,
                              char token[AUTH_TOKEN_TEXT_SIZE], genop_error *e)
{
    genop_user_auth ua;
    unsigned char hash[GENOP_TOKEN_HASH_SIZE];
    genop_err err = genop_store_user_auth_get(s, o->user, &ua, e);
    if (err == GENOP_ENOTFOUND)
        genop_fail(e, err, "brugeren '%.64s' findes ikke", o->user);
    /* It would never work (src/casework/users_admin.h: deactivation is
     * final); a locked user's token works once it is unlocked. */
    if (!err && ua.state == GENOP_USER_DEACTIVATED)
        err = genop_fail(e, GENOP_EINVAL, "brugeren '%.64s' er deaktiveret og kan ikke få en "
                         "API-nøgle", o->user);
    if (!err)
        err = auth_token_new(token, hash, e);
    if (!err)
        err = genop_store_token_create(s, hash, ua.user.id, o->name ? o->name : "", e);
    return err;
}

/* Prints the tokens as a table (a line each, columns separated by two
 * spaces), or a line saying there are none. */
static genop_err list_tokens(genop_store *s, const token_opts *o, genop_error *e)
{
    genop_list l;
    genop_err err = genop_store_token_list(s, o->user, &l, e);
    if (err)
        return err;
    const genop_token_info *t = l.items;
    if (l.n == 0)
        printf("Ingen API-nøgler%s%s.\n", o->user ? " for " : "", o->user ? o->user : "");
    else
        printf("%-12s  %-24s  %-10s  %-24s  %s\n", "id", "bruger", "kommune", "dannet (UTC)",
               "navn");
    for (size_t i = 0; i < l.n; i++)
        printf("%-12s  %-24s  %-10s  %-24s  %s\n", t[i].id, t[i].username, t[i].municipality,
               t[i].created, t[i].name);
    genop_store_free_list(&l);
    return GENOP_OK;
}

/* Runs the subcommand on the open store; a made token goes to token. */
static genop_err run_action(genop_store *s, const token_opts *o,
                            char token[AUTH_TOKEN_TEXT_SIZE], genop_error *e)
{
    switch (o->action) {
    case TOKEN_CREATE:
        return create_token(s, o, token, e);
    case TOKEN_LIST:
        return list_tokens(s, o, e);
    case TOKEN_REVOKE:
        return genop_store_token_revoke(s, o->id, e);
    }
    return GENOP_EINVAL;
}

static const char *action_name(token_action a)
{
    return a == TOKEN_CREATE ? "create" : a == TOKEN_LIST ? "list" : "revoke";
}

static int run(int argc, char **argv)
{
    if (cli_help_requested(argc, argv, usage))
        return CLI_OK;
    token_opts o;
    int rc = parse_opts(argc, argv, &o);
    if (rc)
        return rc;
    char token[AUTH_TOKEN_TEXT_SIZE] = "";
    genop_store *s = NULL;
    genop_error e;
    genop_err err = auth_init(&e);
    if (!err)
        err = genop_store_open(o.db, NULL, &s, &e);
    if (!err)
        err = run_action(s, &o, token, &e);
    genop_store_close(s);
    if (err) {
        cli_error("token %s: %s", action_name(o.action), e.message);
        return CLI_FAILED;
    }
    if (o.action == TOKEN_CREATE)
        printf("%s\n", token);
    else if (o.action == TOKEN_REVOKE)
        printf("Nøglen %s er tilbagekaldt.\n", o.id);
    fflush(stdout);
    memset(token, 0, sizeof token);
    return CLI_OK;
}

const genop_command genop_cmd_token = {
    .name = "token",
    .summary = "dan, vis og tilbagekald API-nøgler til integrationer",
    .usage = usage,
    .run = run,
};
