/*
 * cmd_user.c - `genop user add`: creates a user of one municipality with
 * one role. The password is read as one line from standard input (never
 * from the command line, where other users could see it in the process
 * list), without echo when standard input is a terminal, and stored only
 * as its argon2id hash. The username's rule and the row in the audit log
 * of user accounts are the domain layer's (src/casework/users_admin.h),
 * the same as for a user an admin creates in the web app.
 */
#include <stdio.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "auth.h"
#include "cli.h"
#include "registry.h"
#include "store.h"
#include "users_admin.h"

static const char usage[] =
    "Brug: genop user add --db FIL --municipality ID --role ROLLE BRUGERNAVN\n"
    "\n"
    "Opretter en bruger i en kommune. Adgangskoden læses som én linje fra\n"
    "standard input (mindst 12 tegn) og gemmes kun som argon2id-hash.\n"
    "\n"
    "Tilvalg:\n"
    "  --db FIL             databasefilen, også skrevet sqlite:FIL (oprettes, hvis\n"
    "                       den ikke findes)\n"
    "  --municipality ID    kommunen: en indbygget standard (rodovre, skive,\n"
    "                       nyborg, ishoj, aalborg)\n"
    "  --role ROLLE         visitator, terapeut, leder eller admin\n"
    "  BRUGERNAVN           1-63 tegn: bogstaverne a-z og A-Z, cifre og . _ @ -\n";

typedef struct user_opts {
    const char *db, *municipality, *role, *username;
} user_opts;

static int parse_opts(int argc, char **argv, user_opts *o)
{
    memset(o, 0, sizeof *o);
    if (argc < 2 || strcmp(argv[1], "add") != 0)
        return cli_usage_error(&genop_cmd_user, "angiv underkommandoen 'add'");
    for (int i = 2; i < argc; i++) {
        const char *a = argv[i];
        const char **slot = strcmp(a, "--db") == 0             ? &o->db
                            : strcmp(a, "--municipality") == 0 ? &o->municipality
                            : strcmp(a, "--role") == 0         ? &o->role
                                                               : NULL;
        if (slot && i + 1 >= argc)
            return cli_usage_error(&genop_cmd_user, "%s kræver en værdi", a);
        if (slot)
            *slot = argv[++i];
        else if (a[0] == '-')
            return cli_usage_error(&genop_cmd_user, "ukendt tilvalg '%s'", a);
        else if (o->username)
            return cli_usage_error(&genop_cmd_user, "kun ét brugernavn ad gangen ('%s')", a);
        else
            o->username = a;
    }
    if (!o->db || !o->municipality || !o->role || !o->username)
        return cli_usage_error(&genop_cmd_user, "--db, --municipality, --role og BRUGERNAVN skal angives");
    return CLI_OK;
}

/* Reads one line from standard input into buf; no echo on a terminal. */
static genop_err read_password(char *buf, size_t size, genop_error *e)
{
    struct termios old, quiet;
    bool tty = isatty(STDIN_FILENO) && tcgetattr(STDIN_FILENO, &old) == 0;
    if (tty) {
        fputs("Adgangskode: ", stderr);
        quiet = old;
        quiet.c_lflag &= ~(tcflag_t)ECHO;
        tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet);
    }
    bool got = fgets(buf, (int)size, stdin) != NULL;
    if (tty) {
        tcsetattr(STDIN_FILENO, TCSAFLUSH, &old);
        fputc('\n', stderr);
    }
    if (!got)
        return genop_fail(e, GENOP_EINVAL, "ingen adgangskode på standard input");
    size_t n = strlen(buf);
    if (n == size - 1 && buf[n - 1] != '\n')
        return genop_fail(e, GENOP_ETOOBIG, "adgangskoden er længere end %d byte", AUTH_PASSWORD_MAX);
    buf[strcspn(buf, "\r\n")] = '\0';
    return auth_password_acceptable(buf, e);
}

/* Creates the municipality (if new) and the user. */
static genop_err add_user(const user_opts *o, const genop_user *u, const char *hash,
                          genop_error *e)
{
    genop_standard *std = NULL;
    genop_store *s = NULL;
    genop_user added = *u;
    genop_err err = genop_registry_load(o->municipality, &std, e);
    if (err) {
        genop_error_prefix(e, "--municipality");
        return err;
    }
    err = genop_store_open(o->db, NULL, &s, e);
    if (!err)
        err = genop_store_municipality_ensure(s, std->id, std->municipality_code,
                                              std->municipality, e);
    if (!err)   /* with its row in the audit log of user accounts */
        err = casework_user_add_hashed(s, &added, hash, e);
    if (!err)
        printf("Brugeren '%s' er oprettet (%s, %s).\n", u->username, genop_role_name(u->role),
               std->municipality);
    genop_store_close(s);
    genop_standard_free(std);
    return err;
}

static int run(int argc, char **argv)
{
    if (cli_help_requested(argc, argv, usage))
        return CLI_OK;
    user_opts o;
    int rc = parse_opts(argc, argv, &o);
    if (rc)
        return rc;
    genop_user u;
    memset(&u, 0, sizeof u);
    if (!genop_role_from_name(o.role, &u.role))
        return cli_usage_error(&genop_cmd_user, "--role skal være visitator, terapeut, leder eller admin");
    if (casework_username_check(o.username, NULL) != GENOP_OK)
        return cli_usage_error(&genop_cmd_user, "ugyldigt brugernavn (1-63 tegn: a-z, A-Z, 0-9, . _ @ -)");
    snprintf(u.username, sizeof u.username, "%s", o.username);
    snprintf(u.municipality, sizeof u.municipality, "%s", o.municipality);
    char password[AUTH_PASSWORD_MAX + 2], hash[GENOP_HASH_TEXT_MAX];
    genop_error e;
    genop_err err = read_password(password, sizeof password, &e);
    if (!err)
        err = auth_init(&e);
    if (!err)
        err = auth_hash_password(password, hash, &e);
    memset(password, 0, sizeof password);
    if (!err)
        err = add_user(&o, &u, hash, &e);
    if (err) {
        cli_error("user add: %s", e.message);
        return CLI_FAILED;
    }
    return CLI_OK;
}

const genop_command genop_cmd_user = {
    .name = "user",
    .summary = "opret brugere (visitator, terapeut, leder, admin)",
    .usage = usage,
    .run = run,
};
