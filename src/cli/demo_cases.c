/*
 * demo_cases.c - the cases of `genop demo --db` (see demo_db.h), five to
 * eight per municipality, chosen so that every rule of the five standards
 * shows: deadlines pending, overdue, met and late; refusals, complaints
 * (under reconsideration, forwarded late); courses in training, with
 * no-shows, over their limits, closed, a hospital admission during a
 * course in Skive; § 86, stk. 2 in Aalborg and Ishøj;
 * the eligibility findings (age, residency: a citizen of Viborg in Skive,
 * hospital plan, quarantine); and the
 * therapist's udredning: FSIII function levels and the citizen's own goals
 * at the start and the end of a course (a finished course in Aalborg and
 * in Rødovre, one still in training in Aalborg).
 *
 * Dates are workdays before today ("wd"), counted in the municipality's
 * calendar: a deadline of 5 workdays from a referral 8 workdays ago is
 * overdue on any day the demo is made. Deadlines in calendar days are
 * given wide margins for the same reason.
 *
 * Every person, address and CPR number is made up. The streets
 * (Eksempelvej, Prøvestien, Demovej, ...) do not exist; the CPR numbers
 * have birth dates that fit the story and use the century rule (seventh
 * digit 4 or 9 for people born 1937-1999, 4 for a child born after 2000).
 */
#include "demo_db.h"

/* Fields of the events used below. */
/* A grant (letters.md section 1): team training at the centre twice a
 * week, 45 minutes a time, within every shipped standard's limits. */
#define GRANTED "{\"granted\": true, \"grant\": {\"form\": \"team\", \"place\": \"centre\"," \
    " \"sessions_per_week\": 2, \"minutes_per_session\": 45, \"sessions\": null," \
    " \"until\": null, \"transport\": false, \"exceptions\": []}}"
/* A refusal with its reason: a criterion of the standard (or "other") and
 * the individual assessment (shared/spec/letters.md section 1). */
#define REFUSED(criterion, why)                                               \
    "{\"granted\": false, \"reasons\": [{\"criterion\": \"" criterion "\", \"text\": \"" why \
    "\"}]}"
#define ATT45 "{\"minutes\": 45, \"outcome\": \"attended\"}"
#define ATT60 "{\"minutes\": 60, \"outcome\": \"attended\"}"
#define NO_SHOW "{\"minutes\": 45, \"outcome\": \"no_show\"}"
#define CANCELLED "{\"minutes\": 45, \"outcome\": \"citizen_cancelled\"}"
#define ASSESS60 "{\"minutes\": 60, \"outcome\": \"attended\", \"kind\": \"assessment\"}"
#define GOAL "{\"reason\": \"goal_reached\", \"text\": \"Målene for forløbet er nået.\"}"

/* Function statuses: FSIII function-ability conditions (codes of KL's
 * FSIII version 20240530, OID 1.2.208.176.2.21) and levels 0-4 or 9. */
#define FS_GAA "51697715-965a-40f3-b4a5-819103bf9d49"          /* Gå */
#define FS_FAERDEN "0266853a-f222-4955-a2ce-687e26161144"      /* Færden i forskellige omgivelser */
#define FS_LOEFTE "ba4683f8-4700-4059-a2f6-0598e2e9e15a"       /* Løfte og bære */
#define FS_KROPSSTILLING "8d848883-6da7-4a7a-91a9-83fc9ffa2e06" /* Ændre kropsstilling */
#define FS_VASKE "4d46bd94-9518-431c-82e8-ebb91bca307a"        /* Vaske sig */
#define FS_KLAEDE "e853d3e7-1de5-44f0-ab48-1fb20c449035"       /* Af- og påklædning */
#define FS_INDKOEB "293bd85b-d9b4-4e2c-83d9-d3df32ce9d82"      /* Indkøb */
#define FS_HUSLIGT "a7ac8429-513f-43cd-bc69-96a8d0e0f0ff"      /* Lave husligt arbejde */
#define FS_ENERGI "ff8312dc-442a-43f8-831a-faa18918c1ee"       /* Energi og handlekraft */
#define FS_ARBEJDE "589d1a12-9be3-4d4c-bb72-3de133731e2f"      /* Have lønnet beskæftigelse */
#define LV(code, level) "{\"code\": \"" code "\", \"level\": " #level "}"
#define STATUS(phase, levels, goals) \
    "{\"phase\": \"" phase "\", \"levels\": [" levels "], \"goals\": [" goals "]}"
#define MAAL(text) "{\"text\": \"" text "\"}"
#define NAAET(text, yes) "{\"text\": \"" text "\", \"reached\": " #yes "}"

/* Birthe Nørgaard's new hip: from walking with a rollator to shopping alone. */
#define HOFTE_START STATUS("start", \
    LV(FS_GAA, 3) "," LV(FS_FAERDEN, 3) "," LV(FS_KROPSSTILLING, 2) "," LV(FS_VASKE, 2) "," \
    LV(FS_KLAEDE, 2) "," LV(FS_INDKOEB, 3) "," LV(FS_ARBEJDE, 9), \
    MAAL("Gå til Netto og handle selv") "," MAAL("Tage bad uden hjælp") "," \
    MAAL("Cykle til kolonihaven"))
#define HOFTE_END STATUS("end", \
    LV(FS_GAA, 1) "," LV(FS_FAERDEN, 1) "," LV(FS_KROPSSTILLING, 0) "," LV(FS_VASKE, 0) "," \
    LV(FS_KLAEDE, 1) "," LV(FS_INDKOEB, 1) "," LV(FS_ARBEJDE, 9), \
    NAAET("Gå til Netto og handle selv", true) "," NAAET("Tage bad uden hjælp", true) "," \
    NAAET("Cykle til kolonihaven", false))
/* Poul Erik Madsen's back, still in training: only the start so far. */
#define RYG_START STATUS("start", \
    LV(FS_LOEFTE, 3) "," LV(FS_KROPSSTILLING, 2) "," LV(FS_HUSLIGT, 3) "," LV(FS_ARBEJDE, 3), \
    MAAL("Tilbage på arbejde som tømrer på nedsat tid") "," MAAL("Bære indkøbsposer op på 2. sal"))
/* Mogens Winther's hip, course ended: better, but one goal not reached. */
#define WINTHER_START STATUS("start", \
    LV(FS_GAA, 3) "," LV(FS_KROPSSTILLING, 3) "," LV(FS_KLAEDE, 3) "," LV(FS_ENERGI, 2), \
    MAAL("Gå tur med hunden hver dag") "," MAAL("Klæde mig selv på om morgenen"))
#define WINTHER_END STATUS("end", \
    LV(FS_GAA, 2) "," LV(FS_KROPSSTILLING, 1) "," LV(FS_KLAEDE, 1) "," LV(FS_ENERGI, 2), \
    NAAET("Gå tur med hunden hver dag", false) "," NAAET("Klæde mig selv på om morgenen", true))

/* Shorthands: one event wd workdays ago; a series of n every k workdays. */
#define EV(t, d) {.type = (t), .wd = (d)}
#define EVF(t, d, f) {.type = (t), .wd = (d), .fields = (f)}
#define SERIES(d, k, n, f) {.type = "session", .wd = (d), .every = (k), .count = (n), .fields = (f)}
#define IN_WEEK(weeks_ago, day, f) {.type = "session", .wd = (weeks_ago), .week_day = (day), .fields = (f)}

const char *const demo_municipalities[] = {"aalborg", "ishoj", "nyborg", "rodovre", "skive"};
const size_t demo_n_municipalities = sizeof demo_municipalities / sizeof demo_municipalities[0];

const demo_case demo_cases[] = {
    /* ---- Aalborg: 86.1 and 86.2, decision and start in workdays, complaints ---- */
    {"aalborg", "Henvist for nylig - venter på visitation", false,
     {"Bent Kristensen", "Eksempelvej 12, 9000 Aalborg", "1948-05-17", 0, "1233", NULL, 0},
     "86.1", 1, "egen læge", "knæ", "Faldet på trappen, usikker gang siden.",
     {EV("contacted", 0)}},
    {"aalborg", "Visitation holdt - afgørelsen er ikke truffet", false,
     {"Inger Marie Holm", "Prøvestien 4, 1. tv., 9200 Aalborg SV", "1939-11-02", 0, "4126",
      "Søn: Lars Holm", 0},
     "86.1", 9, "sygehus, udskrivning uden genoptræningsplan", "lunger",
     "Svækket efter lungebetændelse.",
     {EV("contacted", 8), EV("assessment", 7)}},
    {"aalborg", "Bevilget og i træning", false,
     {"Poul Erik Madsen", "Demovej 7, 9400 Nørresundby", "1952-02-28", 0, "9317", NULL, 0},
     "86.1", 20, "egen læge", "ryg", NULL,
     {EV("contacted", 19), EV("assessment", 18), EVF("decision", 17, GRANTED),
      EV("grant_received", 17), EV("decision_received", 16),
      EVF("function_status", 14, RYG_START), SERIES(14, 3, 5, ATT45)}},
    {"aalborg", "Udeblivelse og afbud - forløbet skal vurderes", true,
     {"Grethe Sørensen", "Opdigtet Allé 3, 9000 Aalborg", "1944-07-09", 0, "0844", NULL, 0},
     "86.1", 30, "hjemmeplejen", "hofte", "Nyopereret hofte, går med rollator.",
     {EV("contacted", 29), EV("assessment", 28), EVF("decision", 27, GRANTED),
      EV("grant_received", 27), EVF("session", 24, ATT45), EVF("session", 21, NO_SHOW),
      EVF("session", 18, ATT45), EVF("session", 15, CANCELLED), EVF("session", 12, ATT45)}},
    {"aalborg", "Vedligeholdende træning bevilget for sent, ikke startet", false,
     {"Jørgen Bech", "Fiktivgade 21, st., 9000 Aalborg", "1936-09-21", 0, "2771",
      "Hustru: Ellen Bech", 0},
     "86.2", 12, "egen læge", "parkinson", "Vedligeholdende træning af gang og balance.",
     {EV("contacted", 11), EV("assessment", 10), EVF("decision", 4, GRANTED),
      EV("grant_received", 4)}},
    {"aalborg", "Afslag - klage under genvurdering", true,
     {"Kirsten Lund", "Modelvej 15, 9210 Aalborg SØ", "1958-04-14", 0, "4562", NULL, 0},
     "86.1", 25, "borgeren selv", "skulder", NULL,
     {EV("contacted", 24), EV("assessment", 23),
      EVF("decision", 19, REFUSED("other_training_rehab", "Borgeren kan træne skulderen selv med et hjemmeprogram.")),
      EV("decision_received", 18), EV("complaint_received", 6)}},
    {"aalborg", "Klage videresendt for sent til Ankestyrelsen", true,
     {"Hans Henrik Dahl", "Skitsegade 2, 9000 Aalborg", "1961-12-01", 0, "9083", NULL, 0},
     "86.1", 70, "egen læge", "ryg", NULL,
     {EV("contacted", 69), EV("assessment", 68),
      EVF("decision", 66, REFUSED("other_training_rehab", "Træningsbehovet dækkes af holdtræning i en idrætsforening.")),
      EV("decision_received", 65), EV("complaint_received", 55),
      EVF("complaint_decided", 45, "{\"upheld\": \"none\"}"), EV("complaint_forwarded", 30)}},
    {"aalborg", "Forløb afsluttet - målet nået", false,
     {"Birthe Nørgaard", "Øvelsesvej 40, 9200 Aalborg SV", "1947-03-30", 0, "1458", NULL, 0},
     "86.1", 60, "egen læge", "hofte", NULL,
     {EV("contacted", 59), EV("assessment", 58), EVF("decision", 57, GRANTED),
      EV("grant_received", 57), EV("decision_received", 56),
      EVF("function_status", 53, HOFTE_START), SERIES(53, 3, 10, ATT45),
      EVF("function_status", 24, HOFTE_END), EVF("closed", 24, GOAL)}},

    /* ---- Ishøj: assessment in 15 workdays, reconsideration, quarantine, 86.2 ---- */
    {"ishoj", "Ny henvendelse - venter på indledende samtale", false,
     {"Lone Vestergaard", "Eksempelvej 5, 2635 Ishøj", "1955-08-19", 0, "3146", NULL, 0},
     "86.1", 2, "egen læge", "knæ", NULL,
     {EV("contacted", 1)}},
    {"ishoj", "Indledende samtale ikke holdt inden for 15 hverdage", false,
     {"Aksel Thygesen", "Prøvestien 18, 2. th., 2635 Ishøj", "1938-01-06", 0, "4221",
      "Datter: Susanne Thygesen", 0},
     "86.1", 20, "hjemmeplejen", "fald", "Svækket efter et fald i hjemmet; går usikkert.",
     {EV("contacted", 17)}},
    {"ishoj", "Karensperiode - samme lidelse inden for fem måneder", false,
     {"Ruth Kjær", "Demovej 31, 2635 Ishøj", "1950-10-23", 0, "1908", NULL, 0},
     "86.1", 10, "egen læge", "hofte", NULL,
     {EVF("previous_course", 45, "{\"condition\": \"hofte\"}"), EV("contacted", 9),
      EV("assessment", 6),
      EVF("decision", 5, REFUSED("quarantine", "Forløb for samme lidelse afsluttet for under fem måneder siden."))}},
    {"ishoj", "Vedligeholdende træning i gang", false,
     {"Svend Aage Bak", "Modelvej 9, 2635 Ishøj", "1934-06-12", 0, "0377", NULL, 0},
     "86.2", 40, "egen læge", "KOL", NULL,
     {EV("contacted", 39), EV("assessment", 36), EVF("decision", 35, GRANTED),
      SERIES(33, 4, 8, ATT60), EVF("session", 19, CANCELLED)}},
    {"ishoj", "Afslag og klage - genvurderingen er ikke nået", false,
     {"Else Mikkelsen", "Opdigtet Allé 22, 2635 Ishøj", "1963-02-15", 0, "9744", NULL, 0},
     "86.1", 50, "borgeren selv", "nakke", NULL,
     {EV("contacted", 49), EV("assessment", 45),
      EVF("decision", 44, REFUSED("other", "Generelle nakkesmerter er ikke et fald i funktionsevnen.")),
      EV("decision_received", 43), EV("complaint_received", 30)}},
    {"ishoj", "Forløb afsluttet", false,
     {"Erik Juul", "Fiktivgade 8, 2635 Ishøj", "1945-05-05", 0, "2519", NULL, 0},
     "86.1", 70, "sygehus, udskrivning uden genoptræningsplan", "fald", NULL,
     {EV("contacted", 69), EV("assessment", 66), EVF("decision", 65, GRANTED),
      SERIES(63, 4, 9, ATT45), EVF("closed", 30, GOAL)}},

    /* ---- Nyborg: contact in 5 workdays, start in 14 days, age, hospital plan ---- */
    {"nyborg", "Henvist i går - kontakt og opstart afventer", false,
     {"Gunnar Friis", "Eksempelvej 44, 5800 Nyborg", "1942-12-13", 0, "1151", NULL, 0},
     "86.1", 1, "egen læge", "fald", "Faldet to gange på en måned.",
     {{0}}},
    {"nyborg", "Kontaktfristen er overskredet", false,
     {"Tove Lauridsen", "Skitsegade 11, 5800 Nyborg", "1937-07-27", 0, "4388", NULL, 0},
     "86.1", 8, "hjemmeplejen", "svækkelse", NULL,
     {{0}}},
    {"nyborg", "Genoptræningsplan fra sygehuset - hører under sundhedsloven", false,
     {"Arne Skov", "Demovej 2, 5800 Nyborg", "1949-03-03", 0, "2065", NULL, 0},
     "86.1", 10, "egen læge", "knæ", "Nyt knæ for tre uger siden.",
     {EV("hospital_plan", 12), EV("contacted", 9),
      EVF("decision", 8, REFUSED("hospital_plan_excludes", "Borgeren genoptrænes efter sin genoptræningsplan (sundhedslovens § 140)."))}},
    {"nyborg", "15-årig - under målgruppens alder", false,
     {"Emma Bisgaard", "Prøvestien 9, 5800 Nyborg", NULL, 15, "4012",
      "Mor: Hanne Bisgaard", 0},
     "86.1", 3, "egen læge", "ankel", "Forstuvet ankel efter håndbold.",
     {EV("contacted", 2), EV("assessment", 1)}},
    {"nyborg", "I træning - to udeblivelser", false,
     {"Knud Ravn", "Øvelsesvej 6, 5800 Nyborg", "1940-08-08", 0, "9155", NULL, 0},
     "86.1", 25, "egen læge", "hofte", NULL,
     {EV("contacted", 24), EV("assessment", 23), EVF("decision", 22, GRANTED),
      EVF("session", 20, ATT45), EVF("session", 17, NO_SHOW), EVF("session", 14, ATT45),
      EVF("session", 11, NO_SHOW), EVF("session", 8, ATT45), EVF("session", 5, ATT45)}},
    {"nyborg", "Forløb afsluttet - kontakt og opstart kom for sent", false,
     {"Lis Pedersen", "Modelvej 27, 5800 Nyborg", "1953-09-30", 0, "1676", NULL, 0},
     "86.1", 60, "borgeren selv", "skulder", NULL,
     {EV("contacted", 52), EV("assessment", 51), EVF("decision", 50, GRANTED),
      SERIES(45, 4, 8, ATT45), EVF("closed", 15, GOAL)}},

    /* ---- Rødovre: contact in 5 days, start in 14 days, 32 sessions, 8 assessments ---- */
    {"rodovre", "Ny ansøgning - kontakt og opstart afventer", false,
     {"Ole Brink", "Eksempelvej 70, 2610 Rødovre", "1951-06-18", 0, "2833", NULL, 0},
     "86.1", 0, "borgeren selv", "ryg", NULL,
     {{0}}},
    {"rodovre", "Kontakt ikke nået inden for fem dage", false,
     {"Vibeke Østergaard", "Fiktivgade 3, 2610 Rødovre", "1946-01-25", 0, "0962",
      "Nabo: Jens Hald", 0},
     "86.1", 7, "hjemmeplejen", "fald", NULL,
     {{0}}},
    {"rodovre", "Udredning og træning - to udeblivelser", false,
     {"Henning Lykke", "Prøvestien 14, 1. th., 2610 Rødovre", "1943-04-07", 0, "4715", NULL, 0},
     "86.1", 30, "egen læge", "lunger", NULL,
     {EV("contacted", 29), EV("assessment", 28), EVF("decision", 27, GRANTED),
      EVF("session", 27, ASSESS60), EVF("session", 26, ASSESS60), SERIES(24, 2, 7, ATT60),
      EVF("session", 21, NO_SHOW), EVF("session", 15, NO_SHOW)}},
    {"rodovre", "Forløbet har passeret 32 træningsgange", false,
     {"Jytte Kofoed", "Opdigtet Allé 101, 2610 Rødovre", "1957-11-11", 0, "9520", NULL, 0},
     "86.1", 95, "sygehus, udskrivning uden genoptræningsplan", "apopleksi", NULL,
     {EV("contacted", 94), EV("assessment", 93), EVF("decision", 93, GRANTED),
      EVF("session", 93, ASSESS60), EVF("session", 92, ASSESS60), SERIES(90, 2, 34, ATT60)}},
    {"rodovre", "Opstart efter mere end 14 dage", false,
     {"Karen Margrethe Iversen", "Skitsegade 5, 2610 Rødovre", "1949-08-29", 0, "3204", NULL, 0},
     "86.1", 30, "egen læge", "knæ", NULL,
     {EV("contacted", 29), EV("assessment", 27), EVF("decision", 27, GRANTED),
      SERIES(18, 3, 5, ATT60)}},
    {"rodovre", "Forløb afsluttet", false,
     {"Mogens Winther", "Demovej 16, 2610 Rødovre", "1935-02-02", 0, "1399", NULL, 0},
     "86.1", 50, "egen læge", "hofte", NULL,
     {EV("contacted", 49), EV("assessment", 48), EVF("decision", 48, GRANTED),
      EVF("function_status", 46, WINTHER_START), SERIES(46, 3, 10, ATT60),
      EVF("function_status", 18, WINTHER_END), EVF("closed", 18, GOAL)}},

    /* ---- Skive: start in 14 days, 2 sessions and 90 minutes a week, 4 months ---- */
    {"skive", "Ny henvendelse - opstart afventer", false,
     {"Finn Agerskov", "Eksempelvej 3, 7800 Skive", "1950-03-16", 0, "1017", NULL, 0},
     "86.1", 1, "egen læge", "skulder", NULL,
     {EV("contacted", 0)}},
    {"skive", "Opstart ikke nået inden for 14 dage", false,
     {"Dorthe Helms", "Modelvej 12, 7800 Skive", "1959-05-22", 0, "4830", NULL, 0},
     "86.1", 15, "egen læge", "ryg", NULL,
     {EV("contacted", 14), EV("assessment", 12), EVF("decision", 11, GRANTED)}},
    {"skive", "Tre træningsgange i samme uge", false,
     {"Leif Damgaard", "Demovej 58, 7800 Skive", "1947-10-04", 0, "2151", NULL, 0},
     "86.1", 25, "egen læge", "knæ", NULL,
     {EV("contacted", 24), EV("assessment", 23), EVF("decision", 22, GRANTED),
      EVF("session", 20, ATT45), IN_WEEK(2, 1, ATT45), IN_WEEK(2, 2, ATT45),
      IN_WEEK(2, 3, ATT45)}},
    {"skive", "Én udeblivelse - forløbet skal vurderes", false,
     {"Annelise Bonde", "Øvelsesvej 21, 7800 Skive", "1941-07-19", 0, "9406", NULL, 0},
     "86.1", 20, "hjemmeplejen", "fald", NULL,
     {EV("contacted", 19), EV("assessment", 18), EVF("decision", 18, GRANTED),
      EVF("session", 15, ATT45), EVF("session", 12, NO_SHOW), EVF("session", 9, ATT45)}},
    {"skive", "Indlagt under forløbet - forløbet skal revurderes", false,
     {"Margit Thomsen", "Eksempelvej 88, 7800 Skive", "1939-02-11", 0, "4906", NULL, 0},
     "86.1", 22, "egen læge", "knæ", "Usikker gang efter influenza.",
     {EV("contacted", 21), EV("assessment", 20), EVF("decision", 20, GRANTED),
      EVF("session", 17, ATT45), EVF("session", 14, ATT45), EVF("session", 11, ATT45),
      EVF("admitted", 9, "{\"text\": \"Indlagt på Regionshospitalet Viborg med lungebetændelse.\"}")}},
    {"skive", "Borger bosat i Viborg Kommune - afslag", false,
     {"Carl Emil Vinther", "Prøvestien 30, 8800 Viborg", "1966-01-29", 0, "1879", NULL, 791},
     "86.1", 6, "egen læge", "skulder", "Arbejder i Skive, bor i Viborg.",
     {EV("contacted", 5),
      EVF("decision", 3, REFUSED("residency", "Borgeren har bopæl i Viborg Kommune og skal søge dér."))}},
    {"skive", "Forløbet har varet mere end fire måneder", false,
     {"Bodil Storm", "Skitsegade 19, 7800 Skive", "1944-12-05", 0, "0618", NULL, 0},
     "86.1", 100, "egen læge", "apopleksi", NULL,
     {EV("contacted", 99), EV("assessment", 98), EVF("decision", 97, GRANTED),
      SERIES(95, 5, 19, ATT60)}},
    {"skive", "Forløb afsluttet", false,
     {"Preben Holst", "Fiktivgade 77, 7800 Skive", "1938-08-14", 0, "4473", NULL, 0},
     "86.1", 70, "egen læge", "hofte", NULL,
     {EV("contacted", 69), EV("assessment", 68), EVF("decision", 67, GRANTED),
      SERIES(65, 4, 10, ATT45), EVF("closed", 27, GOAL)}},
};
const size_t demo_n_cases = sizeof demo_cases / sizeof demo_cases[0];
