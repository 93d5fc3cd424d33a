/*
 * seed_api_db.c - makes the database of the API benchmark (bench/api.sh):
 * N realistic cases of one municipality (aalborg), registered through the
 * domain layer the API calls (src/casework: the same input checks, event
 * admissibility, projection, kept answers and access log as over HTTP),
 * as the visitator "bench-visitator".
 *
 *   seed_api_db DB N [SEED]
 *
 * DB must not exist. Besides DB it writes DB.open: the ids of the cases
 * that have a granted decision and are not closed (the cases a session
 * may be registered on today), one a line. Case ids are 1..N in order.
 *
 * The cases are dated back from today (the date in Denmark when the
 * seeder runs), so every event is admissible: about 15% are new referrals
 * waiting for contact or assessment (the worklist's rows), 5% refusals
 * (some with a complaint), the rest granted courses of 4-23 sessions,
 * most of them closed, those still running open. About 8% of the cases
 * belong to a citizen who already has one.
 *
 * Every call is a durable transaction (synchronous=FULL), one per event:
 * on a disk that is slow, so bench/api.sh seeds into a tmpfs directory
 * when it has one, where fsync costs nothing, and moves the finished file.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "date.h"
#include "gen.h"
#include "local.h"
#include "seed_casework.h"

#define PASSWORD "bench-adgangskode-1234"
#define REUSE_RING 1024

static const char *const streets[] = {
    "Boulevarden", "Vesterbro", "Nørregade", "Hobrovej", "Kastetvej", "Vestergade", "Sohngårdsholmsvej",
};
static const char *const conditions[] = {"hofte", "knæ", "skulder", "ryg", "fald", "lunger", "apopleksi"};
static const char *const sources[] = {"egen læge", "hjemmeplejen", "sygehus", "borgeren selv"};
static const char *const outcomes[] = {"attended", "attended", "attended", "attended", "attended",
                                       "attended", "no_show", "citizen_cancelled",
                                       "provider_cancelled"};
#define COUNT(a) ((int)(sizeof a / sizeof a[0]))

typedef struct seeder {
    casework_local loc;
    genop_user user;
    gen_rng rng;
    genop_date today;
    long calls;
    /* Recent citizens, for the cases of a citizen who already has one. */
    char cpr[REUSE_RING][12];
    char name[REUSE_RING][64];
    size_t n_seen;
} seeder;

static int pick(seeder *s, int n)
{
    return (int)(gen_next(&s->rng) % (uint64_t)n);
}

/* Registers the referral body (a new reference, taken); *id gets the case. */
static int post_case(seeder *s, json_t *body, int64_t *id)
{
    s->calls++;
    return seed_post_case(&s->loc, &s->user, body, id);
}

/* Registers the event body (a new reference, taken) on case id. */
static int post_event(seeder *s, int64_t id, json_t *body)
{
    s->calls++;
    return seed_post_event(&s->loc, &s->user, id, body);
}

/* A new citizen, or now and then one seen before. */
static json_t *citizen(seeder *s, genop_date referral)
{
    char cpr[12], name[64], address[96], phone[16];
    if (s->n_seen > 100 && pick(s, 100) < 8) {
        size_t k = (size_t)pick(s, s->n_seen < REUSE_RING ? (int)s->n_seen : REUSE_RING);
        return json_pack("{s:s, s:s}", "cpr", s->cpr[k], "name", s->name[k]);
    }
    genop_date birth = referral - 365 * (20 + pick(s, 75)) - pick(s, 365);
    int y, m, d;
    genop_date_to_ymd(birth, &y, &m, &d);
    /* The 7th digit says the century (cpr.c): 0-3 for 1900-1999, 4 for 2000-2036. */
    int serial = y < 2000 ? pick(s, 4000) : 4000 + pick(s, 1000);
    snprintf(cpr, sizeof cpr, "%02d%02d%02d%04d", d, m, y % 100, serial);
    snprintf(name, sizeof name, "%s %s", seed_first_names[pick(s, SEED_FIRST_NAMES)],
             seed_last_names[pick(s, SEED_LAST_NAMES)]);
    snprintf(address, sizeof address, "%s %d, 9000 Aalborg", streets[pick(s, COUNT(streets))],
             1 + pick(s, 180));
    snprintf(phone, sizeof phone, "+45 %08d", 20000000 + pick(s, 70000000));
    size_t k = s->n_seen++ % REUSE_RING;
    memcpy(s->cpr[k], cpr, sizeof cpr);
    memcpy(s->name[k], name, sizeof name);
    return json_pack("{s:s, s:s, s:s, s:s}", "cpr", cpr, "name", name, "address", address,
                     "phone", phone);
}

/* Registers one more event of case id when its date is not after today.
 * *stop is set (and nothing sent) once a date lies in the future: the
 * case is still running. */
static int event(seeder *s, int64_t id, const char *type, genop_date date, json_t *extra,
                 bool *stop)
{
    if (*stop || date > s->today) {
        *stop = true;
        json_decref(extra);
        return 0;
    }
    json_t *body = extra ? extra : json_object();
    json_object_set_new(body, "type", json_string(type));
    json_object_set_new(body, "date", seed_jdate(date));
    return post_event(s, id, body);
}

/* A decision's fields (the caller owns them): a grant (letters.md
 * section 1) of team training twice a week, or a refusal. */
static json_t *decision_fields(bool granted)
{
    if (!granted)
        return json_pack("{s:b, s:[{s:s, s:s}]}", "granted", 0, "reasons", "criterion", "other",
                         "text", "Ikke behov for træning.");
    return json_pack("{s:b,s:{s:s,s:s,s:i,s:i,s:n,s:n,s:b,s:[]}}", "granted", 1, "grant",
                     "form", "team", "place", "centre", "sessions_per_week", 2,
                     "minutes_per_session", 45, "sessions", "until", "transport", 0,
                     "exceptions");
}

/* One case; *open_granted says whether it ends with a granted decision
 * and no closure. */
static int one_case(seeder *s, long i, bool *open_granted)
{
    int stage = pick(s, 100);
    genop_date ref;
    if (stage < 8)
        ref = s->today - pick(s, 45);             /* waits for contact */
    else if (stage < 15)
        ref = s->today - 3 - pick(s, 60);         /* contacted, waits for assessment */
    else
        ref = s->today - 20 - pick(s, 980);
    json_t *referral = json_pack("{s:o, s:s, s:s, s:s, s:s, s:b}", "date", seed_jdate(ref),
                                 "paragraph", pick(s, 4) ? "86.1" : "86.2",
                                 "source", sources[pick(s, COUNT(sources))],
                                 "condition", conditions[pick(s, COUNT(conditions))],
                                 "text", "Genoptræning efter udskrivelse; gangfunktion nedsat.",
                                 "consent", 1);
    /* A random new CPR number can be one drawn before with another name:
     * update_citizen takes the name given instead of the 409 (api.md). */
    json_t *body = json_pack("{s:o, s:o, s:b}", "citizen", citizen(s, ref), "referral", referral,
                             "update_citizen", 1);
    int64_t id = 0;
    *open_granted = false;
    if (post_case(s, body, &id))
        return 1;
    if (id != i + 1) {
        fprintf(stderr, "seed_api_db: case %ld got id %" PRId64 "; the database was not new\n",
                i + 1, id);
        return 1;
    }
    bool stop = false;
    genop_date d = ref + 1 + pick(s, 4);
    if (stage < 8)
        return 0;
    if (event(s, id, "contacted", d, NULL, &stop))
        return 1;
    if (stage < 15)
        return 0;
    d += 1 + pick(s, 5);
    if (event(s, id, "assessment", d, NULL, &stop))
        return 1;
    d += pick(s, 5);
    bool granted = stage >= 20;
    if (event(s, id, "decision", d, decision_fields(granted), &stop))
        return 1;
    if (!granted) {
        if (pick(s, 3) == 0 &&
            (event(s, id, "complaint_received", d + 10, NULL, &stop) ||
             event(s, id, "complaint_decided", d + 20, json_pack("{s:s}", "upheld", "none"),
                   &stop)))
            return 1;
        return 0;
    }
    *open_granted = !stop;
    int sessions = 4 + pick(s, 20);
    d += 2 + pick(s, 8);
    for (int k = 0; k < sessions; k++) {
        json_t *extra = json_pack("{s:i, s:s}", "minutes", 30 + 15 * pick(s, 4), "outcome",
                                  outcomes[pick(s, COUNT(outcomes))]);
        if (event(s, id, "session", d, extra, &stop))
            return 1;
        d += 2 + pick(s, 5);
    }
    /* Most finished courses are closed; a few are left open, as in life. */
    if (!stop && pick(s, 10) < 8) {
        if (event(s, id, "closed", d, json_pack("{s:s}", "reason", "goal_reached"), &stop))
            return 1;
        *open_granted = stop;       /* not closed if the closing date is still ahead */
    }
    return 0;
}

static double now_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int setup(seeder *s, const char *db)
{
    genop_error e;
    const genop_standard *std;
    if (casework_local_open(db, &s->loc, &e)) {
        fprintf(stderr, "seed_api_db: %s\n", e.message);
        return 1;
    }
    std = casework_standard(&s->loc.env, "aalborg");
    memset(&s->user, 0, sizeof s->user);
    snprintf(s->user.municipality, sizeof s->user.municipality, "aalborg");
    snprintf(s->user.username, sizeof s->user.username, "bench-visitator");
    s->user.role = GENOP_ROLE_VISITATOR;
    if (!std || casework_local_municipality_ensure(&s->loc, std, &e) ||
        casework_local_user_add(&s->loc, &s->user, PASSWORD, &e)) {
        fprintf(stderr, "seed_api_db: %s\n", std ? e.message : "no standard aalborg");
        return 1;
    }
    return 0;
}

int main(int argc, char **argv)
{
    if (argc < 3) {
        fprintf(stderr, "usage: seed_api_db DB N [SEED]\n");
        return 2;
    }
    const char *db = argv[1];
    char *end;
    long n = strtol(argv[2], &end, 10);
    struct stat st;
    if (*end || n < 1) {
        fprintf(stderr, "seed_api_db: N must be a positive number\n");
        return 2;
    }
    if (stat(db, &st) == 0) {
        fprintf(stderr, "seed_api_db: %s exists; seeding needs a new file\n", db);
        return 2;
    }
    char open_path[4096], tmp_path[4096];
    snprintf(open_path, sizeof open_path, "%s.open", db);
    snprintf(tmp_path, sizeof tmp_path, "%s.open.tmp", db);
    static seeder s;
    s.rng.state = argc > 3 ? strtoull(argv[3], NULL, 10) | 1 : 0x5EED5EED5EEDULL;
    s.today = genop_date_in_denmark((int64_t)time(NULL));
    if (setup(&s, db)) {
        casework_local_close(&s.loc);
        return 1;
    }
    FILE *open_ids = fopen(tmp_path, "w");
    if (!open_ids) {
        perror(tmp_path);
        casework_local_close(&s.loc);
        return 1;
    }
    double t0 = now_seconds();
    long n_open = 0;
    int rc = 0;
    for (long i = 0; i < n && !rc; i++) {
        bool open_granted;
        rc = one_case(&s, i, &open_granted);
        if (!rc && open_granted) {
            fprintf(open_ids, "%ld\n", i + 1);
            n_open++;
        }
        if (!rc && (i + 1) % 10000 == 0)
            fprintf(stderr, "seed_api_db: %ld cases, %ld calls, %.0f calls/s\n", i + 1, s.calls,
                    (double)s.calls / (now_seconds() - t0));
    }
    if (fclose(open_ids) != 0)
        rc = 1;
    casework_local_close(&s.loc);
    if (rc || rename(tmp_path, open_path) != 0) {
        fprintf(stderr, "seed_api_db: seeding failed\n");
        return 1;
    }
    double dt = now_seconds() - t0;
    printf("seeded %ld cases (%ld open with a grant) in %ld API calls, %.1f s (%.0f calls/s)\n",
           n, n_open, s.calls, dt, (double)s.calls / dt);
    return 0;
}
