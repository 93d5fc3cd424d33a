/*
 * report_scan.h - every case of a municipality evaluated and counted in
 * one pass over the store, on worker threads (report_scan.c says how).
 * Private to src/casework/report.
 */
#ifndef GENOP_REPORT_SCAN_H
#define GENOP_REPORT_SCAN_H

#include "report_tally.h"
#include "store.h"

/* Counts every case of muni into total (set up by report_tally_init for
 * the municipality's standard and the query; its q.threads says how many
 * workers). Uses s only on the calling thread. */
genop_err report_scan(genop_store *s, const char *muni, report_tally *total, genop_error *e);

#endif
