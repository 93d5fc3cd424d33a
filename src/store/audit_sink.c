/*
 * audit_sink.c - the back-end-independent half of the audit sink (see
 * audit_sink.h): opening the sink of a location's back end and the
 * wrappers that dispatch through its function table.
 */
#include "audit_sink.h"

#include "sqlite/sqlite.h"

genop_err genop_audit_sink_open(const char *location, genop_audit_sink **out, genop_error *e)
{
    genop_store_location loc;
    *out = NULL;
    genop_err err = genop_store_location_parse(location, &loc, e);
    if (err)
        return err;
    return sqlite_audit_sink_open(loc.path, out, e);
}

genop_err genop_audit_sink_append(genop_audit_sink *s, genop_access_entry *rows, size_t n,
                                  genop_error *e)
{
    return n == 0 ? GENOP_OK : s->ops->append(s, rows, n, e);
}

genop_err genop_audit_sink_sync(genop_audit_sink *s, genop_error *e)
{
    return s->ops->sync(s, e);
}

genop_err genop_audit_sink_flush(genop_audit_sink *s, genop_error *e)
{
    return s->ops->flush(s, e);
}

void genop_audit_sink_close(genop_audit_sink *s)
{
    if (s)
        s->ops->close(s);
}
