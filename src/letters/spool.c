/*
 * spool.c - the maildir-style spool directory (spool.h): write to tmp/,
 * fsync, link into new/, unlink from tmp/, fsync new/.
 *
 * The file in tmp/ has a name of its own (the final name, the process id
 * and random hex), opened with O_EXCL, so two writers never share one,
 * and a file left in tmp/ by a crash never blocks a later attempt.
 * link() rather than rename() puts it into new/ because link refuses to
 * replace an existing name: the same message spooled twice is reported
 * (GENOP_ECONFLICT) instead of silently written over a file the
 * integration may be reading.
 */
#include "spool.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>

/* Why a file operation failed, in Danish. */
static const char *why_da(int err)
{
    switch (err) {
    case EACCES:
    case EPERM: return "ingen skriveadgang";
    case EROFS: return "filsystemet er skrivebeskyttet";
    case ENOSPC: return "disken er fuld";
    case EDQUOT: return "diskkvoten er brugt op";
    case ENOTDIR: return "en del af stien er ikke en mappe";
    case ENOENT: return "mappen findes ikke";
    case ENAMETOOLONG: return "stien er for lang";
    case EEXIST: return "der ligger allerede en fil med det navn";
    case EIO: return "I/O-fejl på disken";
    case EMFILE:
    case ENFILE: return "for mange åbne filer";
    default: return strerror(err);
    }
}

static genop_err sys_fail(genop_error *e, const char *what, const char *path)
{
    return genop_fail(e, GENOP_EIO, "Digital Post-spoolen: %s %s: %s", what, path,
                      why_da(errno));
}

/* True if name is a plain file name the spool takes. */
static bool name_ok(const char *name)
{
    size_t n = strlen(name);
    if (n == 0 || n > GENOP_SPOOL_NAME_MAX || name[0] == '.')
        return false;
    for (size_t i = 0; i < n; i++) {
        char c = name[i];
        bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                  c == '-' || c == '_' || c == '.';
        if (!ok)
            return false;
    }
    return true;
}

/* Makes the folder path (mode 0750) unless it is there; *made says
 * whether it was made now. */
static genop_err make_dir(const char *path, bool *made, genop_error *e)
{
    struct stat st;
    *made = false;
    if (mkdir(path, 0750) == 0) {
        *made = true;
        return GENOP_OK;
    }
    if (errno != EEXIST)
        return sys_fail(e, "kan ikke oprette mappen", path);
    if (stat(path, &st) != 0)
        return sys_fail(e, "kan ikke undersøge", path);
    if (!S_ISDIR(st.st_mode))
        return genop_fail(e, GENOP_EIO, "Digital Post-spoolen: %s er ikke en mappe", path);
    return GENOP_OK;
}

/* Makes dir and its missing parents, like mkdir -p. */
static genop_err make_dirs(const char *dir, genop_error *e)
{
    char path[PATH_MAX];
    bool made;
    if (!genop_bprintf(path, sizeof path, "%s", dir))
        return genop_fail(e, GENOP_EIO, "Digital Post-spoolen: stien er for lang: %.80s", dir);
    for (char *p = path + 1; *p; p++) {
        if (*p != '/')
            continue;
        *p = '\0';
        struct stat st;
        genop_err err = stat(path, &st) == 0 ? GENOP_OK : make_dir(path, &made, e);
        *p = '/';
        if (err)
            return err;
    }
    return make_dir(path, &made, e);
}

/* fsyncs the folder at path, so the names in it are on the disk. */
static int sync_dir(const char *path)
{
    int fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0)
        return -1;
    int rc = fsync(fd);
    int saved = errno;
    close(fd);
    errno = saved;
    return rc;
}

/* Makes dir, dir/tmp and dir/new, and writes their paths into tmp and
 * new (PATH_MAX each). */
static genop_err prepare(const char *dir, char *tmp, char *new_dir, genop_error *e)
{
    bool made_tmp, made_new;
    if (!genop_bprintf(tmp, PATH_MAX, "%s/tmp", dir) ||
        !genop_bprintf(new_dir, PATH_MAX, "%s/new", dir))
        return genop_fail(e, GENOP_EIO, "Digital Post-spoolen: stien er for lang: %.80s", dir);
    genop_err err = make_dirs(dir, e);
    if (!err)
        err = make_dir(tmp, &made_tmp, e);
    if (!err)
        err = make_dir(new_dir, &made_new, e);
    if (!err && (made_tmp || made_new) && sync_dir(dir) != 0)
        err = sys_fail(e, "kan ikke synkronisere mappen", dir);
    return err;
}

static int write_all(int fd, const unsigned char *p, size_t len)
{
    while (len > 0) {
        ssize_t n = write(fd, p, len);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            return -1;
        }
        p += n;
        len -= (size_t)n;
    }
    return 0;
}

/* Writes data to the new file path (in the folder tmp_dir) and fsyncs it;
 * on failure the file is removed again. */
static genop_err write_tmp(const char *tmp_dir, const char *path, const void *data, size_t len,
                           genop_error *e)
{
    int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0640);
    if (fd < 0)
        return sys_fail(e, "kan ikke skrive i mappen", tmp_dir);
    if (write_all(fd, data, len) != 0 || fsync(fd) != 0) {
        int saved = errno;
        close(fd);
        unlink(path);
        errno = saved;
        return sys_fail(e, "kan ikke skrive", path);
    }
    if (close(fd) != 0) {
        int saved = errno;
        unlink(path);
        errno = saved;
        return sys_fail(e, "kan ikke skrive", path);
    }
    return GENOP_OK;
}

/* The name of the file in tmp/: the final name, the process and random
 * hex. */
static genop_err tmp_path(const char *tmp_dir, const char *name, char *out, genop_error *e)
{
    uint32_t r;
    if (getrandom(&r, sizeof r, 0) != (ssize_t)sizeof r)
        return genop_fail(e, GENOP_EIO, "Digital Post-spoolen: ingen tilfældige tal: %s",
                          strerror(errno));
    if (!genop_bprintf(out, PATH_MAX, "%s/%s.%ld.%08x", tmp_dir, name, (long)getpid(),
                       (unsigned)r))
        return genop_fail(e, GENOP_EIO, "Digital Post-spoolen: stien er for lang: %.80s",
                          tmp_dir);
    return GENOP_OK;
}

genop_err genop_spool_write(const char *dir, const char *name, const void *data, size_t len,
                            genop_error *e)
{
    if (!name_ok(name))
        return genop_refuse(e, GENOP_EINVAL, "name",
                            "Digital Post-spoolen: filnavnet \"%.*s\" er ikke et rent filnavn "
                            "(bogstaver a-z og A-Z, cifre, - _ og ., ikke punktum først)",
                            GENOP_SPOOL_NAME_MAX, name);
    char tmp_dir[PATH_MAX], new_dir[PATH_MAX], tmp[PATH_MAX], final[PATH_MAX];
    genop_err err = prepare(dir, tmp_dir, new_dir, e);
    if (!err)
        err = tmp_path(tmp_dir, name, tmp, e);
    if (!err && !genop_bprintf(final, sizeof final, "%s/%s", new_dir, name))
        err = genop_fail(e, GENOP_EIO, "Digital Post-spoolen: stien er for lang: %.80s", dir);
    if (!err)
        err = write_tmp(tmp_dir, tmp, data, len, e);
    if (err)
        return err;
    if (link(tmp, final) != 0) {
        int saved = errno;
        unlink(tmp);
        errno = saved;
        if (saved == EEXIST)
            return genop_fail(e, GENOP_ECONFLICT,
                              "Digital Post-spoolen: %s findes allerede; beskeden er ikke "
                              "skrevet igen", final);
        return sys_fail(e, "kan ikke lægge filen i", new_dir);
    }
    /* The message is in new/ now. A tmp name that cannot be removed is
     * left for the operator; it is no copy a reader would take. */
    (void)unlink(tmp);
    if (sync_dir(new_dir) != 0)
        return genop_fail(e, GENOP_EIO, "Digital Post-spoolen: %s er skrevet, men mappen %s kan "
                          "ikke synkroniseres: %s", final, new_dir, why_da(errno));
    return GENOP_OK;
}
