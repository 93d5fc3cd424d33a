/*
 * demo_history.c - `genop demo --db PATH --cases N ...` (see
 * demo_history.h): plans each case with demo_history_case.c and registers
 * it through the domain layer - every event read by casework_event_read()
 * as the API reads a body, and the referral and the events registered as
 * one case by casework_history_import() (history_import.h: the same
 * checks as casework_referral_register() and casework_event_append(), in
 * one job, with one projection and kept answer at the end), or with
 * --per-event one registration at a time, exactly as the API does - as
 * the municipality's visitator "historik-visitator.<id>" and therapist
 * "historik-terapeut.<id>" (users who cannot log in: their password hash
 * is no hash, so every password is wrong).
 *
 * Speed: the environment's writer (env.h) is a batch of its own here,
 * which runs the jobs of the domain layer in one open transaction and
 * commits every HISTORY_BATCH jobs, so a case costs its judging and
 * writing, not a disk flush. The store's handle commits to its log only
 * (GENOP_COMMIT_LOGGED), and is flushed to the disk once at the end. The
 * access log's rows of reads go into the same transaction. The clock is
 * the history's last day at noon, so nothing is dated after it and the
 * run is repeatable.
 */
#include "demo_history.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#include "cli.h"
#include "demo_db.h"
#include "demo_history_case.h"
#include "event_append.h"
#include "event_input.h"
#include "history_import.h"
#include "local.h"
#include "projection_refresh.h"
#include "referral.h"
#include "registry.h"
#include "roles.h"
#include "users_admin.h"

/* Jobs a transaction: large enough that commits cost little, small
 * enough that the pages a transaction changes (some 10 KB a case) stay in
 * the store's page cache (64 MB, sqlite/db.c) and the database's log
 * stays short: a transaction of 20,000 cases spilled pages to the log
 * before its commit, and cost twice the CPU a case. */
#define HISTORY_BATCH 2000
/* The password hash of the history's users: no argon2id hash, so no
 * password matches it. */
#define HISTORY_NO_LOGIN "!historik-ingen-adgangskode"

/* ---- the batching writer ----------------------------------------------- */

typedef struct batch {
    genop_store *store;      /* borrowed */
    bool open;               /* a transaction is open */
    long jobs;               /* jobs in it */
    bool failed;             /* a job failed: the batch was undone */
} batch;

static genop_err batch_commit(batch *b, genop_error *e)
{
    if (!b->open)
        return GENOP_OK;
    b->open = false;
    b->jobs = 0;
    genop_err err = genop_store_commit(b->store, e);
    if (err)
        genop_store_rollback(b->store);
    return err;
}

/* The writer's run (env.h): the job in the open transaction. A failed
 * job undoes the whole batch - with no savepoint, whose statement
 * journal would cost a temporary file's write for every page a job
 * changes - and every job after it fails: a history must be accepted
 * whole, so the first refusal ends the run. */
static genop_err batch_run(void *self, casework_job_fn job, void *ctx, genop_error *e)
{
    batch *b = self;
    genop_err err = GENOP_OK;
    if (b->failed)
        return genop_fail(e, GENOP_EIO, "historikken er stoppet efter en fejl");
    if (!b->open) {
        if ((err = genop_store_begin(b->store, e)) != GENOP_OK)
            return err;
        b->open = true;
    }
    err = job(b->store, ctx, e);
    if (err) {
        genop_store_rollback(b->store);
        b->open = false;
        b->failed = true;
        return err;
    }
    return ++b->jobs >= HISTORY_BATCH ? batch_commit(b, e) : GENOP_OK;
}

/* The log of reads (env.h): the rows go into the open transaction, or,
 * when none is open (a refusal's read, logged after its failed job undid
 * the batch), into one of their own - so the refusal is told as it was. */
static genop_err batch_log(void *self, genop_access_entry *rows, size_t n, genop_error *e)
{
    batch *b = self;
    bool alone = !b->open;
    genop_err err = alone ? genop_store_begin(b->store, e) : GENOP_OK;
    for (size_t i = 0; !err && i < n; i++)
        err = genop_store_access_log_append(b->store, &rows[i], e);
    if (alone && !err)
        err = genop_store_commit(b->store, e);
    if (alone && err)
        genop_store_rollback(b->store);
    return err;
}

/* ---- the state of a run ------------------------------------------------- */

typedef struct history {
    const demo_history_opts *o;
    casework_local loc;
    batch b;
    const genop_standard *std;   /* borrowed from loc */
    genop_user visitator, therapist;
    history_gen *gen;            /* owned */
    history_case *c;             /* owned: the case being written */
    casework_event *in;          /* owned: its events read, HISTORY_EVENTS_MAX */
    casework_import_event *list; /* owned: and who registers them */
    long events;                 /* registered, referrals included */
    long by_type[GENOP_EV_COUNT];
    long refused, granted, closed;
} history;

/* Tells that the domain layer refused what the generator made (a bug of
 * the generator, or of the rules), with the case and the event. */
static int refused(const history *h, long k, const char *what, genop_date d,
                   const genop_error *e)
{
    char ref[GENOP_DATE_STR_SIZE], ds[GENOP_DATE_STR_SIZE];
    cli_error("demo: sag %ld (henvendelse %s): %s dateret %s blev afvist: %s%s%s", k + 1,
              genop_date_format(h->c->referral, ref), what, genop_date_format(d, ds),
              e->message, e->field[0] ? " ved " : "", e->field);
    return CLI_FAILED;
}

/* The case's referral as the domain layer takes it (strings borrowed
 * from c). */
static void referral_input(const history_case *c, casework_referral *in)
{
    memset(in, 0, sizeof *in);
    in->cpr = c->cpr;
    in->name = c->name;
    in->address = c->address;
    in->date = c->referral;
    in->paragraph = c->paragraph;
    in->source = c->source;
    in->condition = c->condition;
    in->text = c->text;
    in->has_consent = in->consent = true;
    in->update_citizen = true;   /* a CPR number drawn twice keeps the newest name */
}

/* Reads event ev into *in as the API reads a body (casework_event_read());
 * release *in with casework_event_release() whatever the result. */
static genop_err read_event(const history_event *ev, casework_event *in, genop_error *e)
{
    char ds[GENOP_DATE_STR_SIZE];
    json_t *body = ev->fields ? json_copy(ev->fields) : json_object();
    bool made = body &&
                !json_object_set_new(body, "type", json_string(genop_event_type_name(ev->type))) &&
                !json_object_set_new(body, "date", json_string(genop_date_format(ev->date, ds)));
    genop_err err = GENOP_OK;
    if (made) {
        err = casework_event_read(body, in, e);  /* zeroes *in first */
    } else {
        memset(in, 0, sizeof *in);
        err = genop_fail(e, GENOP_ENOMEM, "ikke nok hukommelse");
    }
    json_decref(body);
    return err;
}

/* The user who registers ev. */
static const genop_user *actor(const history *h, const history_event *ev)
{
    return ev->therapist ? &h->therapist : &h->visitator;
}

/* Registers case k (planned in h->c) as the API would, one registration
 * at a time: the referral, then every event read and appended. */
static int post_case(history *h, long k)
{
    const history_case *c = h->c;
    casework_referral ref;
    casework_referral_result r;
    genop_error e;
    referral_input(c, &ref);
    if (casework_referral_register(&h->loc.env, &h->visitator, &ref, &r, &e))
        return refused(h, k, "henvendelsen", c->referral, &e);
    for (size_t i = 0; i < c->n_events; i++) {
        const history_event *ev = &c->events[i];
        casework_event in;
        int64_t id;
        genop_err err = read_event(ev, &in, &e);
        if (!err)
            err = casework_event_append(&h->loc.env, actor(h, ev), r.case_id, &in, &id, &e);
        casework_event_release(&in);
        if (err)
            return refused(h, k, roles_event_label(genop_event_type_name(ev->type)), ev->date,
                           &e);
    }
    return CLI_OK;
}

/* Registers case k (planned in h->c) as one import
 * (casework_history_import(): one job, one projection and kept answer). */
static int import_case(history *h, long k)
{
    const history_case *c = h->c;
    casework_referral ref;
    casework_import_result r;
    genop_error e;
    genop_err err = GENOP_OK;
    size_t n = 0;
    referral_input(c, &ref);
    for (; !err && n < c->n_events; n++) {
        err = read_event(&c->events[n], &h->in[n], &e);
        h->list[n] = (casework_import_event){actor(h, &c->events[n]), &h->in[n]};
    }
    r.refused_at = n - 1;
    if (!err)
        err = casework_history_import(&h->loc.env, &h->visitator, &ref, h->list, n, &r, &e);
    for (size_t i = 0; i < n; i++)
        casework_event_release(&h->in[i]);
    if (!err)
        return CLI_OK;
    if (r.refused_at == CASEWORK_IMPORT_REFERRAL)
        return refused(h, k, "henvendelsen", c->referral, &e);
    const history_event *ev = &c->events[r.refused_at];
    return refused(h, k, roles_event_label(genop_event_type_name(ev->type)), ev->date, &e);
}

/* Counts what a written case adds to the summary. */
static void tally(history *h)
{
    bool decided = false;
    h->events += 1 + (long)h->c->n_events;
    h->by_type[GENOP_EV_REFERRAL_RECEIVED]++;
    for (size_t i = 0; i < h->c->n_events; i++) {
        const history_event *ev = &h->c->events[i];
        h->by_type[ev->type]++;
        if (ev->type == GENOP_EV_DECISION && !decided) {
            decided = true;
            json_t *g = json_object_get(ev->fields, "granted");
            if (json_is_true(g))
                h->granted++;
            else
                h->refused++;
        }
        if (ev->type == GENOP_EV_CLOSED)
            h->closed++;
    }
}

/* Plans case k and writes it. */
static int write_case(history *h, long k)
{
    genop_error e;
    if (history_gen_next(h->gen, h->c, &e)) {
        cli_error("demo: %s", e.message);
        return CLI_FAILED;
    }
    int rc = h->o->per_event ? post_case(h, k) : import_case(h, k);
    if (rc == CLI_OK)
        tally(h);
    history_case_release(h->c);
    return rc;
}


/* ---- setting up and finishing ------------------------------------------ */

/* Adds the history's user of role as "<name>.<municipality>". */
static int add_user(history *h, genop_user *u, genop_role role, const char *name)
{
    genop_error e;
    memset(u, 0, sizeof *u);
    u->role = role;
    snprintf(u->municipality, sizeof u->municipality, "%s", h->std->id);
    snprintf(u->username, sizeof u->username, "%s.%s", name, h->std->id);
    if (casework_user_add_hashed(h->loc.store, u, HISTORY_NO_LOGIN, &e)) {
        cli_error("demo: brugeren %s kan ikke oprettes: %s", u->username, e.message);
        return CLI_FAILED;
    }
    return CLI_OK;
}

/* Opens the store, makes the municipality and the users, and puts the
 * batch in as the environment's writer and log of reads. */
static int setup(history *h)
{
    const demo_history_opts *o = h->o;
    genop_error e;
    /* Commits reach the log, not the disk, until the flush at the end
     * (finish()): a history cut short is made again with --force. */
    genop_store_options so = {.commit_mode = GENOP_COMMIT_LOGGED};
    if (casework_local_open_with(o->db, &so, &h->loc, &e)) {
        cli_error("demo: %s", e.message);
        return CLI_FAILED;
    }
    casework_local_set_time(&h->loc, (int64_t)o->last * 86400 + 11 * 3600);
    h->std = casework_standard(&h->loc.env, o->municipality);
    if (casework_local_municipality_ensure(&h->loc, h->std, &e)) {
        cli_error("demo: kommunen %s kan ikke oprettes: %s", o->municipality, e.message);
        return CLI_FAILED;
    }
    if (add_user(h, &h->visitator, GENOP_ROLE_VISITATOR, "historik-visitator") ||
        add_user(h, &h->therapist, GENOP_ROLE_TERAPEUT, "historik-terapeut"))
        return CLI_FAILED;
    h->b.store = h->loc.store;
    h->loc.env.writer = (casework_writer){batch_run, &h->b};
    h->loc.env.reads = (casework_read_log){batch_log, NULL, &h->b};
    h->gen = calloc(1, sizeof *h->gen);
    h->c = calloc(1, sizeof *h->c);
    h->in = calloc(HISTORY_EVENTS_MAX, sizeof *h->in);
    h->list = calloc(HISTORY_EVENTS_MAX, sizeof *h->list);
    if (!h->gen || !h->c || !h->in || !h->list) {
        cli_error("demo: ikke nok hukommelse");
        return CLI_FAILED;
    }
    genop_date first = genop_date_add_months(o->last, -12 * o->years) + 1;
    if (history_gen_init(h->gen, h->std, first, o->last, o->cases, o->seed, &e)) {
        cli_error("demo: %s", e.message);
        return CLI_FAILED;
    }
    return CLI_OK;
}

/* Stamps the rules the projections are computed with (projection_refresh.h)
 * while the municipality has no case yet, so the refresh has nothing to
 * compute: every case is then written with its projection by these same
 * rules, as of the same day, so `genop serve` has nothing to redo. (Each
 * case's projection evaluates the case when it is written: a case whose
 * events do not evaluate fails the history there.) */
static int stamp_rules(history *h)
{
    projection_refresh_report r;
    genop_error e;
    if (casework_projections_refresh(&h->loc.env, &r, &e) || batch_commit(&h->b, &e)) {
        cli_error("demo: %s", e.message);
        return CLI_FAILED;
    }
    return CLI_OK;
}

static double seconds_since(const struct timespec *t0)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)(t.tv_sec - t0->tv_sec) + (double)(t.tv_nsec - t0->tv_nsec) / 1e9;
}

/* The CPU time of the process so far, user and system, in seconds. */
static double cpu_seconds(void)
{
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    return (double)(ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) +
           (double)(ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1e6;
}

/* Writes every case, telling the progress on stderr now and then: the
 * cases a second, and the CPU time a case of the last stretch (the figure
 * that does not depend on what else the machine runs). */
static int write_cases(history *h, const struct timespec *t0)
{
    long step = h->o->cases >= 200000 ? 100000 : h->o->cases >= 20000 ? 10000 : 0;
    double cpu = cpu_seconds();
    genop_error e;
    for (long k = 0; k < h->o->cases; k++) {
        if (write_case(h, k))
            return CLI_FAILED;
        if (step && (k + 1) % step == 0) {
            double now = cpu_seconds();
            fprintf(stderr, "demo: %ld af %ld sager, %.0f sager/s, %.2f ms CPU pr. sag\n", k + 1,
                    h->o->cases, (double)(k + 1) / seconds_since(t0),
                    (now - cpu) * 1000 / (double)step);
            cpu = now;
        }
    }
    if (batch_commit(&h->b, &e) || genop_store_flush(h->loc.store, &e)) {
        cli_error("demo: %s", e.message);
        return CLI_FAILED;
    }
    return CLI_OK;
}

static void summary(const history *h, double write_s, double total_s)
{
    const demo_history_opts *o = h->o;
    char d1[GENOP_DATE_STR_SIZE], d2[GENOP_DATE_STR_SIZE];
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    printf("Historikken for %s er skrevet i %s: %ld sager henvist %s til %s (frø %llu).\n",
           h->std->municipality, o->db, o->cases, genop_date_format(h->gen->first, d1),
           genop_date_format(o->last, d2), (unsigned long long)o->seed);
    printf("  hændelser:        %ld (henvendelser %ld, kontakter %ld, afgørelser %ld, "
           "træningsgange %ld)\n", h->events, h->by_type[GENOP_EV_REFERRAL_RECEIVED],
           h->by_type[GENOP_EV_CONTACTED], h->by_type[GENOP_EV_DECISION],
           h->by_type[GENOP_EV_SESSION]);
    printf("  første afgørelse: %ld bevilget, %ld afslag\n", h->granted, h->refused);
    printf("  klager:           %ld modtaget, %ld sendt til Ankestyrelsen\n",
           h->by_type[GENOP_EV_COMPLAINT_RECEIVED], h->by_type[GENOP_EV_COMPLAINT_FORWARDED]);
    printf("  afsluttede sager: %ld\n", h->closed);
    printf("  tid:              %.1f s i alt (%.1f s CPU), heraf %.1f s til sagerne (%.0f "
           "sager/s); højst %ld MB hukommelse\n", total_s, cpu_seconds(), write_s,
           (double)o->cases / write_s, ru.ru_maxrss / 1024);
    printf("Brugerne historik-visitator.%s og historik-terapeut.%s kan ikke logge ind; opret "
           "en bruger med 'genop user add' for at se sagerne i 'genop serve'.\n",
           h->std->id, h->std->id);
}

int demo_history_run(const demo_history_opts *o)
{
    bool known = false;
    for (const genop_embedded_standard *s = genop_embedded_standards; s->id; s++)
        known = known || strcmp(s->id, o->municipality) == 0;
    if (!known) {
        cli_error("demo: --municipality: der er ingen kvalitetsstandard for '%s'",
                  o->municipality);
        return CLI_USAGE;
    }
    if (demo_db_prepare_file(o->db, o->force))
        return CLI_FAILED;
    history h;
    memset(&h, 0, sizeof h);
    h.o = o;
    struct timespec t0;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    int rc = setup(&h);
    if (rc == CLI_OK)
        rc = stamp_rules(&h);
    if (rc == CLI_OK)
        rc = write_cases(&h, &t0);
    double write_s = seconds_since(&t0);
    if (rc == CLI_OK)
        summary(&h, write_s, seconds_since(&t0));
    else
        cli_error("demo: historikken i %s er ikke færdig; lav den forfra med --force", o->db);
    if (h.loc.store)
        genop_store_rollback(h.loc.store);   /* what a failure left open */
    casework_local_close(&h.loc);
    if (h.gen)
        history_gen_free(h.gen);
    free(h.gen);
    free(h.c);
    free(h.in);
    free(h.list);
    return rc;
}
