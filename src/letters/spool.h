/*
 * spool.h - handing a finished file (a Digital Post message) to whatever
 * picks it up, through a spool directory in the style of maildir.
 *
 * A spool directory DIR has two folders: DIR/tmp, where a file is
 * written, and DIR/new, where it appears whole. genop writes the file to
 * DIR/tmp under a name of its own, fsyncs it, links it into DIR/new under
 * its final name (maildir's own delivery step: like a rename, but never
 * replacing a file that is already there), removes the tmp name and
 * fsyncs both folders. A reader (the integration to the national Digital
 * Post service) that lists DIR/new therefore only ever sees whole files;
 * it takes each one and removes it from DIR/new (or moves it elsewhere,
 * DIR/cur, say) once the service has it. The folders are made when they
 * are missing.
 *
 * Errors are in Danish and name the path that could not be made or
 * written.
 */
#ifndef GENOP_SPOOL_H
#define GENOP_SPOOL_H

#include <stddef.h>

#include "error.h"

/* The longest file name the spool takes (a MeMo message is named by its
 * UUID: "<36 characters>.xml"). */
#define GENOP_SPOOL_NAME_MAX 128

/* Writes the len bytes at data as DIR/new/NAME (dir and name borrowed for
 * the call), making dir, dir/tmp and dir/new (mode 0750) if missing.
 * name must be a plain file name: letters, digits, '-', '_' and '.', not
 * beginning with '.', at most GENOP_SPOOL_NAME_MAX bytes.
 *
 * Returns GENOP_OK once the file is in new/ and on the disk. Fails with
 * GENOP_EINVAL for a bad name, GENOP_ECONFLICT if new/NAME exists already
 * (the same message spooled twice: nothing is changed), GENOP_EIO when a
 * folder cannot be made or written (e->message names the path and says
 * why), and leaves no file of its own in tmp/ behind when it fails. */
genop_err genop_spool_write(const char *dir, const char *name, const void *data, size_t len,
                            genop_error *e);

#endif
