/*
 * memo.h - a letter as a Digital Post message in MeMo, the XML format
 * Digital Post takes (namespace https://DigitalPost.dk/MeMo-1, version
 * 1.1; the schema is in data/memo/, see its README), and the check of a
 * message against that schema.
 *
 * A message is built with libxml2's xmlTextWriter, never by pasting
 * strings: a MessageHeader (messageType DIGITALPOST, a version-4 message
 * UUID, the letter's title as label, mandatory, legalNotification, the
 * Sender by its CVR number and name, the Recipient by CPR number and
 * name, and optionally the case in ContentData) and a MessageBody (the
 * creation time in UTC and the MainDocument: the letter's PDF as base64
 * with its file name, MIME type application/pdf and language da).
 *
 * Every input is checked before anything is written, and a refusal names
 * the input at fault (genop_error.field) and says in Danish what is wrong.
 * CPR numbers never appear in a message text (they are personal data and
 * messages reach logs).
 *
 * The sender's CVR number is the municipality's own configuration (it is
 * in no standard's YAML and genop invents none); see docs/memo.md.
 *
 * Threads: libxml2 must be initialised once, from one thread, before
 * threads use it: genop_memo_schema_load() does that (xmlInitParser), so
 * a process that sends Digital Post loads its schema at start-up. After
 * that, genop_memo_build() may run in any number of threads at once (each
 * call has its own writer), and one schema handle may be shared between
 * threads: genop_memo_validate() serialises on the handle's own lock (see
 * memo.c for why).
 */
#ifndef GENOP_MEMO_H
#define GENOP_MEMO_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#include "error.h"
#include "strbuf.h"

/* The MeMo namespace and the version genop writes. */
#define GENOP_MEMO_NAMESPACE "https://DigitalPost.dk/MeMo-1"
#define GENOP_MEMO_VERSION "1.1"
#define GENOP_MEMO_SCH_VERSION "1.1.0"

/* "xxxxxxxx-xxxx-4xxx-yxxx-xxxxxxxxxxxx" and a NUL. */
#define GENOP_MEMO_UUID_SIZE 37

/* The most characters (not bytes) MeMo's text fields hold
 * (memoTextType) and its notification (memoNotificationType). */
#define GENOP_MEMO_TEXT_MAX 256
#define GENOP_MEMO_NOTIFICATION_MAX 160

/* The largest PDF genop puts in one message: genop's own bound (a letter
 * is tens of kilobytes), not a limit Digital Post states. Its base64 form
 * stays well inside a genop_buf's default limit. */
#define GENOP_MEMO_PDF_MAX ((size_t)32 * 1024 * 1024)

/* What a message says. Every pointer is borrowed for the call only. */
typedef struct genop_memo_input {
    /* The message UUID (version 4, lower or upper case hex); NULL or ""
     * for a fresh one. A caller that must know it before sending (the
     * outbox records it) makes it with genop_memo_uuid(). */
    const char *message_uuid;
    const char *sender_cvr;      /* the municipality's CVR number: 8 digits */
    const char *sender_label;    /* the municipality's name, "Aalborg Kommune" */
    const char *recipient_cpr;   /* the citizen: 10 digits, a hyphen allowed
                                    after the sixth ("DDMMYY-SSSS") */
    const char *recipient_name;  /* the citizen's name */
    const char *title;           /* the message's label: the letter's title */
    const char *notification;    /* optional (NULL): the short text of the
                                    citizen's notice, at most 160 characters */
    const char *case_id;         /* optional (NULL): the case, put in
                                    ContentData/CaseID with caseSystem "genop" */
    time_t created;              /* when the message was made (seconds since
                                    the epoch; written in UTC) */
    const unsigned char *pdf;    /* the letter, a PDF ("%PDF-" first) */
    size_t pdf_len;
    const char *filename;        /* the PDF's file name, "afgoerelse.pdf":
                                    no folder, ending in ".pdf" */
    bool mandatory;              /* MeMo's mandatory flag */
    bool legal_notification;     /* MeMo's legalNotification flag */
} genop_memo_input;

/* Writes a fresh version-4 UUID (random, lower-case) into out. Fails with
 * GENOP_EIO only if the system has no random numbers to give. */
genop_err genop_memo_uuid(char out[GENOP_MEMO_UUID_SIZE], genop_error *e);

/* Checks in (every field, as the header says) without building anything.
 * A refusal is GENOP_EINVAL with e->field the name of the input member
 * ("recipient_cpr") and e->message the Danish reason. */
genop_err genop_memo_check(const genop_memo_input *in, genop_error *e);

/* Builds the MeMo message for in and appends its XML text (UTF-8, with
 * an XML declaration) to xml, which the caller owns and frees with
 * genop_buf_release. uuid (may be NULL) receives the message UUID the
 * message carries: in->message_uuid, or the fresh one made for it.
 * Refuses bad input as genop_memo_check does; fails with GENOP_ETOOBIG if
 * xml cannot hold the message (its limit, or memory ran out), GENOP_EIO
 * if no random numbers were to be had. On failure nothing is
 * appended to xml (what it held before stays). */
genop_err genop_memo_build(const genop_memo_input *in, genop_buf *xml,
                           char uuid[GENOP_MEMO_UUID_SIZE], genop_error *e);

/* A parsed MeMo schema, parsed once and used for many messages. The
 * caller owns it and frees it with genop_memo_schema_free. */
typedef struct genop_memo_schema genop_memo_schema;

/* Parses the schema in dir (a folder holding MeMo_core.xsd and the files
 * it imports: data/memo/ of the repository) into *out. Also initialises
 * libxml2 for the process, so call it from one thread before others use
 * this module. Fails with GENOP_ENOTFOUND when dir/MeMo_core.xsd is not
 * there, GENOP_EPARSE when it is not a schema (e->message gives libxml2's
 * first complaint with its file and line), GENOP_ENOMEM. */
genop_err genop_memo_schema_load(const char *dir, genop_memo_schema **out,
                                 genop_error *e);
void genop_memo_schema_free(genop_memo_schema *schema);

/* Validates the len bytes of XML at xml against schema. GENOP_OK if the
 * message is valid; GENOP_EPARSE if it is not well-formed XML and
 * GENOP_EINVAL if it breaks the schema, e->message then giving the first
 * error with its line ("linje 7: ..."; the detail is libxml2's own
 * English text). Nothing is loaded from the network or outside the
 * message. The schema may be shared between threads (calls on one handle
 * take turns). */
genop_err genop_memo_validate(genop_memo_schema *schema, const char *xml,
                              size_t len, genop_error *e);

#endif
