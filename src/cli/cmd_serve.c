/*
 * cmd_serve.c - `genop serve`: runs the HTTP/JSON API (src/server) on a
 * database file until SIGTERM or SIGINT, and serves the web application's
 * files (by default the source tree's web/, compiled in; --web DIR).
 */
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "cli.h"
#include "router.h"
#include "server.h"

static const char usage[] =
    "Brug: genop serve [--db FIL] [--listen ADRESSE:PORT] [--threads N]\n"
    "                  [--secure-cookies] [--log] [--web MAPPE]\n"
    "                  [--digital-post-spool MAPPE] [--memo-schema MAPPE]\n"
    "       genop serve --routes\n"
    "\n"
    "Starter genops HTTP/JSON-API under /api/v1 og webapplikationen under /\n"
    "og kører, til processen får SIGTERM eller SIGINT (Ctrl-C). En ny\n"
    "databasefil oprettes og gøres klar første gang. Brugere oprettes med\n"
    "'genop user add'.\n"
    "\n"
    "Tilvalg:\n"
    "  --db FIL              databasefilen, også skrevet sqlite:FIL (standard:\n"
    "                        genop.db)\n"
    "  --listen ADR:PORT     adressen, der lyttes på (standard: 127.0.0.1:8086;\n"
    "                        IPv6 skrives [::1]:8086)\n"
    "  --threads N           antal arbejdstråde og databaseforbindelser (standard: en\n"
    "                        pr. processor, mindst 2 og højst 16)\n"
    "  --secure-cookies      marker sessionscookien Secure (når TLS afsluttes foran\n"
    "                        genop, fx i en reverse proxy)\n"
    "  --log                 skriv én linje pr. forespørgsel på standard error\n"
    "  --web MAPPE           mappen med webapplikationens filer (standard: web/ i\n"
    "                        kildetræet, som genop blev bygget fra)\n"
    "  --digital-post-spool MAPPE\n"
    "                        mappen, breve til Digital Post skrives i som MeMo-\n"
    "                        meddelelser (i MAPPE/new/), hvor integrationen til\n"
    "                        Digital Post henter dem (standard: databasefilens navn\n"
    "                        med .digital-post efter, fx genop.db.digital-post)\n"
    "  --memo-schema MAPPE   mappen med MeMo-skemaet (MeMo_core.xsd), som hver\n"
    "                        meddelelse kontrolleres mod (standard: data/memo/ i\n"
    "                        kildetræet)\n"
    "  --routes              skriv API'ets ruter (METODE STI), én pr. linje, og stop\n";

/* Splits "ADDR:PORT" (or "[V6]:PORT") into addr (buffer) and *port. */
static bool parse_listen(const char *s, char *addr, size_t size, uint16_t *port)
{
    const char *colon = strrchr(s, ':');
    long p;
    if (!colon || !cli_parse_long(colon + 1, &p) || p < 1 || p > 65535)
        return false;
    const char *a = s;
    size_t n = (size_t)(colon - s);
    if (n >= 2 && a[0] == '[' && a[n - 1] == ']') {
        a++;
        n -= 2;
    }
    if (n == 0 || n >= size)
        return false;
    memcpy(addr, a, n);
    addr[n] = '\0';
    *port = (uint16_t)p;
    return true;
}

static void on_ready(void *arg, const char *url)
{
    (void)arg;
    printf("genop lytter på %s\n", url);
    fflush(stdout);
}

static void on_refreshed(void *arg, const projection_refresh_muni *m)
{
    (void)arg;
    cli_report_refresh(m);
}

static int parse_opts(int argc, char **argv, genop_server_config *cfg, char *addr, size_t size)
{
    const char *listen = "127.0.0.1:8086";
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        bool takes_value = strcmp(a, "--db") == 0 || strcmp(a, "--listen") == 0 ||
                           strcmp(a, "--threads") == 0 || strcmp(a, "--web") == 0 ||
                           strcmp(a, "--digital-post-spool") == 0 ||
                           strcmp(a, "--memo-schema") == 0;
        if (takes_value && i + 1 >= argc)
            return cli_usage_error(&genop_cmd_serve, "%s kræver en værdi", a);
        long n;
        if (strcmp(a, "--db") == 0)
            cfg->store_location = argv[++i];
        else if (strcmp(a, "--listen") == 0)
            listen = argv[++i];
        else if (strcmp(a, "--threads") == 0) {
            if (!cli_parse_long(argv[++i], &n) || n < 1 || n > GENOP_SERVER_THREADS_MAX)
                return cli_usage_error(&genop_cmd_serve, "--threads skal være et tal fra 1 til %d",
                                       GENOP_SERVER_THREADS_MAX);
            cfg->threads = (unsigned)n;
        } else if (strcmp(a, "--secure-cookies") == 0)
            cfg->secure_cookies = true;
        else if (strcmp(a, "--log") == 0)
            cfg->log_requests = true;
        else if (strcmp(a, "--web") == 0) {
            struct stat st;
            cfg->web_dir = argv[++i];
            if (stat(cfg->web_dir, &st) != 0 || !S_ISDIR(st.st_mode))
                return cli_usage_error(&genop_cmd_serve, "--web: '%s' er ikke en mappe",
                                       cfg->web_dir);
        } else if (strcmp(a, "--digital-post-spool") == 0)
            cfg->digital_post_spool = argv[++i];
        else if (strcmp(a, "--memo-schema") == 0)
            cfg->memo_schema_dir = argv[++i];
        else
            return cli_usage_error(&genop_cmd_serve, "ukendt tilvalg '%s'", a);
    }
    if (!parse_listen(listen, addr, size, &cfg->port))
        return cli_usage_error(&genop_cmd_serve,
                               "--listen skal være ADRESSE:PORT, fx 127.0.0.1:8086 ('%s')", listen);
    cfg->listen_addr = addr;
    return CLI_OK;
}

/* The default spool directory, beside the database: its file's path
 * (without "sqlite:") and ".digital-post", into buf. */
static int default_spool(genop_server_config *cfg, char *buf, size_t size)
{
    const char *db = cfg->store_location;
    if (strncmp(db, "sqlite:", 7) == 0)
        db += 7;
    if ((size_t)snprintf(buf, size, "%s.digital-post", db) >= size)
        return cli_usage_error(&genop_cmd_serve, "databasens sti er for lang ('%s')", db);
    cfg->digital_post_spool = buf;
    return CLI_OK;
}

static void print_route(const char *method, const char *pattern, void *ctx)
{
    (void)ctx;
    printf("%s %s\n", method, pattern);
}

static int run(int argc, char **argv)
{
    if (cli_help_requested(argc, argv, usage))
        return CLI_OK;
    if (argc == 2 && strcmp(argv[1], "--routes") == 0) {
        router_each_route(print_route, NULL);
        return CLI_OK;
    }
    char addr[256];
    genop_server_config cfg = {.store_location = "genop.db", .on_ready = on_ready,
                               .on_refreshed = on_refreshed};
    char spool[4096];
    int rc = parse_opts(argc, argv, &cfg, addr, sizeof addr);
    if (!rc && !cfg.digital_post_spool)
        rc = default_spool(&cfg, spool, sizeof spool);
    if (rc)
        return rc;
    genop_error e;
    if (genop_server_run(&cfg, &e)) {
        cli_error("serve: %s", e.message);
        return CLI_FAILED;
    }
    return CLI_OK;
}

const genop_command genop_cmd_serve = {
    .name = "serve",
    .summary = "start HTTP/JSON-API'et (login, sager, hændelser, arbejdsliste, adgangslog)",
    .usage = usage,
    .run = run,
};
