/*
 * sql_functions.h - the SQL functions of genop's schema, which every
 * connection to a genop database must have before it writes a citizen
 * (the triggers of the name words call them). db.c registers them on each
 * handle before migrating; a test's plain connection may do the same.
 */
#ifndef GENOP_SQLITE_SQL_FUNCTIONS_H
#define GENOP_SQLITE_SQL_FUNCTIONS_H

#include <sqlite3.h>

/* Registers genop_name_words(name) on db; returns SQLite's result code. */
int sql_functions_register(sqlite3 *db);

#endif
