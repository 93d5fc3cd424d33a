/*
 * store_sqlite.c - the SQLite back end of the store (being written).
 */
#include "store.h"
