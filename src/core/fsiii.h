/*
 * fsiii.h - the part of FSIII (Fælles Sprog III, KL's national terminology
 * for municipal care and training; version 20240530, OID 1.2.208.176.2.21,
 * published through HL7 Denmark) that genop records a citizen's function
 * ability with: the function-ability scale (levels 0-4, and 9 "Ikke
 * relevant") and the function-ability conditions (funktionsevnetilstande)
 * in their five areas (Egenomsorg, Praktiske opgaver, Mobilitet, Mentale
 * funktioner, Samfundsliv), each with its UUID code and Danish name.
 *
 * The data is constant and compiled in: data/fsiii.json (made from the
 * code system by tools/fsiii_extract.py) becomes a C table at build time
 * (tools/fsiii_ctable.py). Every pointer handed out here points into that
 * table and is valid for the life of the program; callers never free.
 */
#ifndef GENOP_FSIII_H
#define GENOP_FSIII_H

#include <stdbool.h>
#include <stddef.h>

/* The version and OID of the FSIII code system the table comes from. */
#define GENOP_FSIII_VERSION "20240530"
#define GENOP_FSIII_OID "1.2.208.176.2.21"

/* Length of an FSIII code (a UUID such as
 * "4d46bd94-9518-431c-82e8-ebb91bca307a"), without the NUL. */
#define GENOP_FSIII_CODE_LEN 36
/* Most conditions the table may hold (the build checks it). */
#define GENOP_FSIII_CONDITIONS_MAX 64
/* The level 9: "Ikke relevant" (assessed, and found not to apply). */
#define GENOP_FSIII_NOT_RELEVANT 9

/* One step of the function-ability scale. */
typedef struct genop_fsiii_level {
    int level;                /* 0, 1, 2, 3, 4 or 9 */
    const char *code;         /* the level's own FSIII code */
    const char *name;         /* e.g. "Svære begrænsninger" */
    const char *definition;   /* KL's definition, Danish */
} genop_fsiii_level;

/* One area of conditions, e.g. Mobilitet. */
typedef struct genop_fsiii_area {
    const char *code;
    const char *name;
} genop_fsiii_area;

/* One function-ability condition, e.g. "Gå" in Mobilitet. */
typedef struct genop_fsiii_condition {
    const char *code;
    unsigned area;            /* index into the areas */
    const char *name;
    const char *definition;
} genop_fsiii_condition;

/* The whole table, as the build generates it. */
typedef struct genop_fsiii_table {
    const char *version, *oid;
    const genop_fsiii_level *levels;
    size_t n_levels;
    const genop_fsiii_area *areas;
    size_t n_areas;
    const genop_fsiii_condition *conditions;   /* grouped by area, KL's order */
    const unsigned char *by_code;             /* condition indices sorted by code */
    size_t n_conditions;
} genop_fsiii_table;

/* The table (generated from data/fsiii.json). */
extern const genop_fsiii_table genop_fsiii_data;

/* The condition whose code is code[0..len) (not NUL-terminated; compared
 * exactly, lower-case hex as FSIII writes it), or NULL. When found and
 * index is not NULL, *index is its position in genop_fsiii_data.conditions
 * (0 <= *index < n_conditions). */
const genop_fsiii_condition *genop_fsiii_condition_find(const char *code, size_t len,
                                                        size_t *index);

/* The area of a condition found above. */
const genop_fsiii_area *genop_fsiii_condition_area(const genop_fsiii_condition *c);

/* True if level is a step of the scale: 0, 1, 2, 3, 4 or 9. */
bool genop_fsiii_level_valid(long long level);

/* The scale step for level, or NULL if it is not one. */
const genop_fsiii_level *genop_fsiii_level_find(long long level);

#endif
