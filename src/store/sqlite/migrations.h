/*
 * migrations.h - the SQLite back end's schema migrations, the .sql files
 * of src/store/sqlite/migrations/ embedded at build time (tools/embed.c
 * --migrations, listed in src/store/meson.build). Private to
 * src/store/sqlite; migrate.c applies them.
 */
#ifndef GENOP_SQLITE_MIGRATIONS_H
#define GENOP_SQLITE_MIGRATIONS_H

typedef struct sqlite_migration {
    int version;                   /* 1, 2, 3 ...: PRAGMA user_version after it */
    const char *name;              /* the file's name without ".sql" */
    const char *sql;               /* the file's text */
} sqlite_migration;

/* sqlite_migrations[i].version is i + 1 (the generator checks). */
extern const sqlite_migration sqlite_migrations[];
extern const int sqlite_n_migrations;

#endif
