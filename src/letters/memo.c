/*
 * memo.c - Digital Post messages in MeMo (memo.h): checking what a
 * message is to say, writing it with libxml2's xmlTextWriter into a
 * genop_buf, and validating a message against the MeMo schema with
 * libxml2's XML Schema API.
 *
 * The checks come first and refuse before anything is written, so the
 * writer only ever sees text that is valid UTF-8 without control
 * characters and within MeMo's lengths; the writer escapes what XML
 * needs escaped and encodes the PDF as base64 itself.
 *
 * Validation and threads. libxml2's documentation of thread safety
 * (xmlsoft.org/threads.html) promises that threads may parse and
 * validate *different documents* in parallel once xmlInitParser() has
 * run in the main thread; it does not promise that one parsed xmlSchema
 * may be used by several validation contexts at once, and schema parsing
 * sets up global type tables lazily (xmlSchemaInitTypes) without a lock
 * in the 2.9 series Debian 12 ships. So: the schema is parsed once, by
 * genop_memo_schema_load (which runs xmlInitParser first), in one thread;
 * each validation gets a parser context and a validation context of its
 * own; and the calls on one handle take turns on the handle's mutex, so
 * sharing a handle never rests on a promise libxml2 does not make. A
 * process that needs parallel validation loads one handle per thread.
 * There is no global state of ours: the handle is the caller's.
 */
#include "memo.h"

#include <errno.h>
#include <limits.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <sys/types.h>

#include <libxml/parser.h>
#include <libxml/xmlerror.h>
#include <libxml/xmlschemas.h>
#include <libxml/xmlwriter.h>

#include "cpr.h"
#include "utf8.h"

/* libxml2 2.12 made the error handlers take a const error. */
#if LIBXML_VERSION >= 21200
typedef const xmlError *memo_xml_error;
#else
typedef xmlError *memo_xml_error;
#endif

/* ---------------------------------------------------------------------
 * Checking the input.
 * ------------------------------------------------------------------- */

/* How much of a refused value a message quotes. */
#define QUOTE_MAX 40

/* Counts the characters of s and checks that it is UTF-8 that XML 1.0
 * can carry, without control characters. Returns the number of
 * characters, or SIZE_MAX if s is not such text. */
static size_t text_chars(const char *s)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t n = strlen(s), chars = 0;
    for (size_t i = 0; i < n; chars++) {
        if (p[i] < 0x20 || p[i] == 0x7f)
            return SIZE_MAX;
        size_t len = genop_utf8_sequence(p + i, n - i);
        if (len == 0)
            return SIZE_MAX;
        /* U+FFFE and U+FFFF are not XML characters. */
        if (len == 3 && p[i] == 0xef && p[i + 1] == 0xbf && p[i + 2] >= 0xbe)
            return SIZE_MAX;
        i += len;
    }
    return chars;
}

/* True if s holds something besides spaces. */
static bool has_content(const char *s)
{
    for (; *s; s++)
        if (*s != ' ')
            return true;
    return false;
}

/* Checks one text field: what (a Danish noun phrase) names it in the
 * message, field the input member. Optional fields may be NULL. */
static genop_err check_text(const char *s, const char *field, const char *what,
                            size_t max_chars, bool required, genop_error *e)
{
    if (s == NULL || *s == '\0') {
        if (!required)
            return GENOP_OK;
        return genop_refuse(e, GENOP_EINVAL, field, "%s mangler", what);
    }
    size_t chars = text_chars(s);
    if (chars == SIZE_MAX)
        return genop_refuse(e, GENOP_EINVAL, field,
                            "%s er ikke gyldig tekst (ugyldig UTF-8 eller kontroltegn som "
                            "linjeskift og tabulator)", what);
    if (!has_content(s))
        return genop_refuse(e, GENOP_EINVAL, field, "%s er tom", what);
    if (chars > max_chars)
        return genop_refuse(e, GENOP_EINVAL, field,
                            "%s er %zu tegn; Digital Post tager højst %zu", what, chars,
                            max_chars);
    return GENOP_OK;
}

static bool all_digits(const char *s, size_t n)
{
    if (strlen(s) != n)
        return false;
    for (size_t i = 0; i < n; i++)
        if (s[i] < '0' || s[i] > '9')
            return false;
    return true;
}

static genop_err check_cvr(const char *cvr, genop_error *e)
{
    if (cvr == NULL || *cvr == '\0')
        return genop_refuse(e, GENOP_EINVAL, "sender_cvr",
                            "afsenderens CVR-nummer mangler (kommunens CVR-nummer er en "
                            "indstilling, se docs/memo.md)");
    if (!all_digits(cvr, 8))
        return genop_refuse(e, GENOP_EINVAL, "sender_cvr",
                            "afsenderens CVR-nummer skal være 8 cifre, ikke \"%.*s\"",
                            QUOTE_MAX, cvr);
    return GENOP_OK;
}

/* The CPR number's check, with the CPR module's reason (which never
 * repeats the number). */
static genop_err check_cpr(const char *cpr, genop_cpr *out, genop_error *e)
{
    genop_error why;
    genop_error_clear(&why);
    if (cpr == NULL || *cpr == '\0')
        return genop_refuse(e, GENOP_EINVAL, "recipient_cpr", "modtagerens CPR-nummer mangler");
    if (genop_cpr_parse(cpr, out, &why) != GENOP_OK)
        return genop_refuse(e, GENOP_EINVAL, "recipient_cpr", "modtagerens CPR-nummer: %s",
                            why.message);
    return GENOP_OK;
}

static bool is_hex(char c)
{
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

/* True if s is a version-4 UUID as MeMo's memoUuidType has it. */
static bool uuid_ok(const char *s)
{
    if (strlen(s) != GENOP_MEMO_UUID_SIZE - 1)
        return false;
    for (size_t i = 0; i < GENOP_MEMO_UUID_SIZE - 1; i++) {
        bool dash = i == 8 || i == 13 || i == 18 || i == 23;
        if (dash ? s[i] != '-' : !is_hex(s[i]))
            return false;
    }
    return s[14] == '4' && strchr("89abAB", s[19]) != NULL;
}

/* A file name for the citizen: no folder, no leading dot, ".pdf" last. */
static genop_err check_filename(const char *name, genop_error *e)
{
    genop_err err = check_text(name, "filename", "filnavnet", GENOP_MEMO_TEXT_MAX, true, e);
    if (err)
        return err;
    if (strchr(name, '/') || strchr(name, '\\') || name[0] == '.')
        return genop_refuse(e, GENOP_EINVAL, "filename",
                            "filnavnet \"%.*s\" må ikke indeholde en mappe eller begynde med "
                            "punktum", QUOTE_MAX, name);
    size_t n = strlen(name);
    const char *ext = n >= 4 ? name + n - 4 : "";
    if (!(ext[0] == '.' && (ext[1] | 0x20) == 'p' && (ext[2] | 0x20) == 'd' &&
          (ext[3] | 0x20) == 'f'))
        return genop_refuse(e, GENOP_EINVAL, "filename",
                            "filnavnet \"%.*s\" skal ende på .pdf", QUOTE_MAX, name);
    return GENOP_OK;
}

static genop_err check_pdf(const unsigned char *pdf, size_t len, genop_error *e)
{
    if (pdf == NULL || len == 0)
        return genop_refuse(e, GENOP_EINVAL, "pdf", "brevets PDF mangler");
    if (len < 5 || memcmp(pdf, "%PDF-", 5) != 0)
        return genop_refuse(e, GENOP_EINVAL, "pdf",
                            "brevet er ikke en PDF (den begynder ikke med %%PDF-)");
    if (len > GENOP_MEMO_PDF_MAX)
        return genop_refuse(e, GENOP_EINVAL, "pdf",
                            "brevets PDF er %zu byte; genop sender højst %zu byte i én besked",
                            len, GENOP_MEMO_PDF_MAX);
    return GENOP_OK;
}

/* Formats t as MeMo's dateTime in UTC ("2027-05-03T08:30:00Z"). */
static genop_err format_created(time_t t, char out[32], genop_error *e)
{
    struct tm tm;
    if (t < 0 || gmtime_r(&t, &tm) == NULL || tm.tm_year + 1900 > 9999)
        return genop_refuse(e, GENOP_EINVAL, "created",
                            "beskedens tidspunkt ligger uden for årene 1970-9999");
    if (strftime(out, 32, "%Y-%m-%dT%H:%M:%SZ", &tm) == 0)
        return genop_refuse(e, GENOP_EINVAL, "created", "beskedens tidspunkt kan ikke skrives");
    return GENOP_OK;
}

/* The header's fields: the people and the words. */
static genop_err check_header(const genop_memo_input *in, genop_error *e)
{
    genop_cpr cpr;
    genop_err err = check_cvr(in->sender_cvr, e);
    if (!err)
        err = check_text(in->sender_label, "sender_label", "afsenderens navn",
                         GENOP_MEMO_TEXT_MAX, true, e);
    if (!err)
        err = check_cpr(in->recipient_cpr, &cpr, e);
    if (!err)
        err = check_text(in->recipient_name, "recipient_name", "modtagerens navn",
                         GENOP_MEMO_TEXT_MAX, true, e);
    if (!err)
        err = check_text(in->title, "title", "brevets titel", GENOP_MEMO_TEXT_MAX, true, e);
    if (!err)
        err = check_text(in->notification, "notification", "notifikationsteksten",
                         GENOP_MEMO_NOTIFICATION_MAX, false, e);
    if (!err)
        err = check_text(in->case_id, "case_id", "sagens nummer", GENOP_MEMO_TEXT_MAX, false,
                         e);
    return err;
}

genop_err genop_memo_check(const genop_memo_input *in, genop_error *e)
{
    if (in->message_uuid && *in->message_uuid && !uuid_ok(in->message_uuid))
        return genop_refuse(e, GENOP_EINVAL, "message_uuid",
                            "beskedens UUID \"%.*s\" er ikke et UUID af version 4",
                            QUOTE_MAX, in->message_uuid);
    genop_err err = check_header(in, e);
    if (!err)
        err = check_filename(in->filename, e);
    if (!err)
        err = check_pdf(in->pdf, in->pdf_len, e);
    char created[32];
    if (!err)
        err = format_created(in->created, created, e);
    return err;
}

genop_err genop_memo_uuid(char out[GENOP_MEMO_UUID_SIZE], genop_error *e)
{
    static const char hex[] = "0123456789abcdef";
    unsigned char b[16];
    if (getrandom(b, sizeof b, 0) != (ssize_t)sizeof b)
        return genop_fail(e, GENOP_EIO, "ingen tilfældige tal til beskedens UUID: %s",
                          strerror(errno));
    b[6] = (unsigned char)((b[6] & 0x0f) | 0x40);   /* version 4 */
    b[8] = (unsigned char)((b[8] & 0x3f) | 0x80);   /* RFC 4122 variant */
    size_t o = 0;
    for (size_t i = 0; i < sizeof b; i++) {
        if (i == 4 || i == 6 || i == 8 || i == 10)
            out[o++] = '-';
        out[o++] = hex[b[i] >> 4];
        out[o++] = hex[b[i] & 0xf];
    }
    out[o] = '\0';
    return GENOP_OK;
}

/* ---------------------------------------------------------------------
 * Writing the message.
 * ------------------------------------------------------------------- */

/* libxml2's output callback: appends to the genop_buf at ctx. It always
 * reports success: a buffer that is full stays failed (strbuf.h), which
 * write_into checks at the end, and libxml2 is spared an I/O error it
 * would print on standard error. */
static int buf_write(void *ctx, const char *data, int len)
{
    genop_buf_add(ctx, data, (size_t)len);
    return len;
}

static int buf_close(void *ctx)
{
    (void)ctx;
    return 0;
}

#define X(s) ((const xmlChar *)(s))

/* Each writer step returns < 0 on failure; `ok` chains them. */
static int elem(xmlTextWriterPtr w, const char *name, const char *text)
{
    return xmlTextWriterWriteElement(w, X(name), X(text));
}

static int write_sender(xmlTextWriterPtr w, const genop_memo_input *in)
{
    int ok = xmlTextWriterStartElement(w, X("Sender"));
    if (ok >= 0) ok = elem(w, "senderID", in->sender_cvr);
    if (ok >= 0) ok = elem(w, "idType", "CVR");
    if (ok >= 0) ok = elem(w, "label", in->sender_label);
    if (ok >= 0) ok = xmlTextWriterEndElement(w);
    return ok;
}

static int write_recipient(xmlTextWriterPtr w, const genop_memo_input *in,
                           const genop_cpr *cpr)
{
    int ok = xmlTextWriterStartElement(w, X("Recipient"));
    if (ok >= 0) ok = elem(w, "recipientID", cpr->digits);
    if (ok >= 0) ok = elem(w, "idType", "CPR");
    if (ok >= 0) ok = elem(w, "label", in->recipient_name);
    if (ok >= 0) ok = xmlTextWriterEndElement(w);
    return ok;
}

/* ContentData with the case, when there is one. */
static int write_content_data(xmlTextWriterPtr w, const genop_memo_input *in)
{
    if (in->case_id == NULL || *in->case_id == '\0')
        return 0;
    int ok = xmlTextWriterStartElement(w, X("ContentData"));
    if (ok >= 0) ok = xmlTextWriterStartElement(w, X("CaseID"));
    if (ok >= 0) ok = elem(w, "caseID", in->case_id);
    if (ok >= 0) ok = elem(w, "caseSystem", "genop");
    if (ok >= 0) ok = xmlTextWriterEndElement(w);
    if (ok >= 0) ok = xmlTextWriterEndElement(w);
    return ok;
}

/* MessageHeader, its elements in the order MeMo_core.xsd's sequence
 * gives them. */
static int write_header(xmlTextWriterPtr w, const genop_memo_input *in, const char *uuid,
                        const genop_cpr *cpr)
{
    int ok = xmlTextWriterStartElement(w, X("MessageHeader"));
    if (ok >= 0) ok = elem(w, "messageType", "DIGITALPOST");
    if (ok >= 0) ok = elem(w, "messageUUID", uuid);
    if (ok >= 0) ok = elem(w, "label", in->title);
    if (ok >= 0 && in->notification && *in->notification)
        ok = elem(w, "notification", in->notification);
    if (ok >= 0) ok = elem(w, "mandatory", in->mandatory ? "true" : "false");
    if (ok >= 0) ok = elem(w, "legalNotification", in->legal_notification ? "true" : "false");
    if (ok >= 0) ok = write_sender(w, in);
    if (ok >= 0) ok = write_recipient(w, in, cpr);
    if (ok >= 0) ok = write_content_data(w, in);
    if (ok >= 0) ok = xmlTextWriterEndElement(w);
    return ok;
}

/* MessageBody: when, and the letter as the main document. */
static int write_body(xmlTextWriterPtr w, const genop_memo_input *in, const char *created)
{
    int ok = xmlTextWriterStartElement(w, X("MessageBody"));
    if (ok >= 0) ok = elem(w, "createdDateTime", created);
    if (ok >= 0) ok = xmlTextWriterStartElement(w, X("MainDocument"));
    if (ok >= 0) ok = elem(w, "label", in->title);
    if (ok >= 0) ok = xmlTextWriterStartElement(w, X("File"));
    if (ok >= 0) ok = elem(w, "encodingFormat", "application/pdf");
    if (ok >= 0) ok = elem(w, "filename", in->filename);
    if (ok >= 0) ok = elem(w, "language", "da");
    if (ok >= 0) ok = xmlTextWriterStartElement(w, X("content"));
    if (ok >= 0)
        ok = xmlTextWriterWriteBase64(w, (const char *)in->pdf, 0, (int)in->pdf_len);
    if (ok >= 0) ok = xmlTextWriterEndElement(w);   /* content */
    if (ok >= 0) ok = xmlTextWriterEndElement(w);   /* File */
    if (ok >= 0) ok = xmlTextWriterEndElement(w);   /* MainDocument */
    if (ok >= 0) ok = xmlTextWriterEndElement(w);   /* MessageBody */
    return ok;
}

/* The whole document into w. */
static int write_message(xmlTextWriterPtr w, const genop_memo_input *in, const char *uuid,
                         const genop_cpr *cpr, const char *created)
{
    int ok = xmlTextWriterSetIndent(w, 1);
    if (ok >= 0) ok = xmlTextWriterSetIndentString(w, X("  "));
    if (ok >= 0) ok = xmlTextWriterStartDocument(w, "1.0", "UTF-8", NULL);
    if (ok >= 0)
        ok = xmlTextWriterStartElementNS(w, NULL, X("Message"), X(GENOP_MEMO_NAMESPACE));
    if (ok >= 0) ok = xmlTextWriterWriteAttribute(w, X("memoVersion"), X(GENOP_MEMO_VERSION));
    if (ok >= 0)
        ok = xmlTextWriterWriteAttribute(w, X("memoSchVersion"), X(GENOP_MEMO_SCH_VERSION));
    if (ok >= 0) ok = write_header(w, in, uuid, cpr);
    if (ok >= 0) ok = write_body(w, in, created);
    if (ok >= 0) ok = xmlTextWriterEndDocument(w);
    return ok;
}

/* Writes the checked message into out (empty, owned by the caller). */
static genop_err write_into(const genop_memo_input *in, const char *uuid, const genop_cpr *cpr,
                            const char *created, genop_buf *out, genop_error *e)
{
    xmlOutputBufferPtr ob = xmlOutputBufferCreateIO(buf_write, buf_close, out, NULL);
    if (ob == NULL)
        return genop_fail(e, GENOP_ENOMEM, "MeMo-beskeden: ikke hukommelse nok");
    /* The writer owns ob from here and closes it when freed. */
    xmlTextWriterPtr w = xmlNewTextWriter(ob);
    if (w == NULL) {
        xmlOutputBufferClose(ob);
        return genop_fail(e, GENOP_ENOMEM, "MeMo-beskeden: ikke hukommelse nok");
    }
    int ok = write_message(w, in, uuid, cpr, created);
    if (ok >= 0)
        ok = xmlTextWriterFlush(w);
    xmlFreeTextWriter(w);
    if (genop_buf_failed(out))
        return genop_fail(e, GENOP_ETOOBIG,
                          "MeMo-beskeden er større end bufferens grænse på %zu byte, eller "
                          "hukommelsen slap op", out->limit ? out->limit : GENOP_BUF_LIMIT);
    if (ok < 0)
        return genop_fail(e, GENOP_ENOMEM, "MeMo-beskeden kunne ikke skrives (libxml2)");
    return GENOP_OK;
}

genop_err genop_memo_build(const genop_memo_input *in, genop_buf *xml,
                           char uuid[GENOP_MEMO_UUID_SIZE], genop_error *e)
{
    genop_err err = genop_memo_check(in, e);
    if (err)
        return err;
    char id[GENOP_MEMO_UUID_SIZE], created[32];
    genop_cpr cpr;
    if (in->message_uuid && *in->message_uuid)
        memcpy(id, in->message_uuid, GENOP_MEMO_UUID_SIZE);
    else if ((err = genop_memo_uuid(id, e)) != GENOP_OK)
        return err;
    /* Both were checked above; here they only give their values. */
    if ((err = check_cpr(in->recipient_cpr, &cpr, e)) != GENOP_OK ||
        (err = format_created(in->created, created, e)) != GENOP_OK)
        return err;
    xmlInitParser();
    genop_buf out = {0};
    genop_buf_set_limit(&out, xml->limit);
    err = write_into(in, id, &cpr, created, &out, e);
    if (!err) {
        genop_buf_add(xml, out.data, out.len);
        if (genop_buf_failed(xml))
            err = genop_fail(e, GENOP_ETOOBIG, "MeMo-beskeden er for stor til sin buffer");
    }
    genop_buf_release(&out);
    if (!err && uuid)
        memcpy(uuid, id, GENOP_MEMO_UUID_SIZE);
    return err;
}

/* ---------------------------------------------------------------------
 * Validating a message against the schema.
 * ------------------------------------------------------------------- */

struct genop_memo_schema {
    xmlSchemaPtr schema;       /* read only after loading */
    pthread_mutex_t lock;      /* validations on this handle take turns */
};

/* The first error libxml2 reports, kept by the handlers below. */
typedef struct first_error {
    bool set;
    int line;
    char file[128];
    char text[300];
} first_error;

static void keep_first(first_error *f, memo_xml_error err)
{
    if (f->set || err == NULL)
        return;
    f->set = true;
    f->line = err->line;
    genop_bprintf(f->file, sizeof f->file, "%s", err->file ? err->file : "");
    genop_bprintf(f->text, sizeof f->text, "%s", err->message ? err->message : "ukendt fejl");
    size_t n = strlen(f->text);
    while (n > 0 && (f->text[n - 1] == '\n' || f->text[n - 1] == ' '))
        f->text[--n] = '\0';
}

/* Schema parsing and validation errors: data is the first_error. */
static void on_error(void *data, memo_xml_error err)
{
    keep_first(data, err);
}

/* Document parsing errors: libxml2 passes the parser context, whose
 * _private is the first_error. */
static void on_parse_error(void *ctx, memo_xml_error err)
{
    xmlParserCtxtPtr pc = ctx;
    keep_first(pc->_private, err);
}

genop_err genop_memo_schema_load(const char *dir, genop_memo_schema **out, genop_error *e)
{
    char path[PATH_MAX];
    struct stat st;
    if (!genop_bprintf(path, sizeof path, "%s/MeMo_core.xsd", dir))
        return genop_fail(e, GENOP_ETOOBIG, "MeMo-skemaets sti er for lang: %.80s", dir);
    if (stat(path, &st) != 0 || !S_ISREG(st.st_mode))
        return genop_fail(e, GENOP_ENOTFOUND, "MeMo-skemaet findes ikke: %s", path);
    xmlInitParser();
    genop_memo_schema *s = calloc(1, sizeof *s);
    xmlSchemaParserCtxtPtr pc = s ? xmlSchemaNewParserCtxt(path) : NULL;
    if (pc == NULL) {
        free(s);
        return genop_fail(e, GENOP_ENOMEM, "MeMo-skemaet: ikke hukommelse nok");
    }
    first_error f = {0};
    xmlSchemaSetParserStructuredErrors(pc, on_error, &f);
    s->schema = xmlSchemaParse(pc);
    xmlSchemaFreeParserCtxt(pc);
    if (s->schema == NULL) {
        free(s);
        return genop_fail(e, GENOP_EPARSE, "MeMo-skemaet %s kan ikke læses (%s, linje %d): %s",
                          path, f.file, f.line, f.set ? f.text : "ukendt fejl");
    }
    if (pthread_mutex_init(&s->lock, NULL) != 0) {
        xmlSchemaFree(s->schema);
        free(s);
        return genop_fail(e, GENOP_ENOMEM, "MeMo-skemaet: ingen lås");
    }
    *out = s;
    return GENOP_OK;
}

void genop_memo_schema_free(genop_memo_schema *schema)
{
    if (schema == NULL)
        return;
    pthread_mutex_destroy(&schema->lock);
    xmlSchemaFree(schema->schema);
    free(schema);
}

/* Parses xml into *doc, never reaching the network or loading DTDs. */
static genop_err parse_message(const char *xml, size_t len, xmlDocPtr *doc, genop_error *e)
{
    if (len > INT_MAX)
        return genop_fail(e, GENOP_ETOOBIG, "MeMo-beskeden er for stor (%zu byte)", len);
    xmlParserCtxtPtr pc = xmlNewParserCtxt();
    if (pc == NULL)
        return genop_fail(e, GENOP_ENOMEM, "MeMo-beskeden: ikke hukommelse nok");
    first_error f = {0};
    pc->_private = &f;
    pc->sax->serror = on_parse_error;
    *doc = xmlCtxtReadMemory(pc, xml, (int)len, "memo.xml", NULL,
                             XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
    bool ok = *doc != NULL && pc->wellFormed && pc->nsWellFormed;
    if (!ok && !f.set)
        keep_first(&f, xmlCtxtGetLastError(pc));
    xmlFreeParserCtxt(pc);
    if (ok)
        return GENOP_OK;
    xmlFreeDoc(*doc);
    *doc = NULL;
    return genop_fail(e, GENOP_EPARSE, "MeMo-beskeden er ikke gyldig XML (linje %d): %s",
                      f.line, f.set ? f.text : "ukendt fejl");
}

/* Validates doc against schema; the caller holds schema->lock. */
static genop_err validate_doc(const genop_memo_schema *schema, xmlDocPtr doc, genop_error *e)
{
    xmlSchemaValidCtxtPtr vc = xmlSchemaNewValidCtxt(schema->schema);
    if (vc == NULL)
        return genop_fail(e, GENOP_ENOMEM, "MeMo-beskeden: ikke hukommelse nok");
    first_error f = {0};
    xmlSchemaSetValidStructuredErrors(vc, on_error, &f);
    int rc = xmlSchemaValidateDoc(vc, doc);
    xmlSchemaFreeValidCtxt(vc);
    if (rc == 0)
        return GENOP_OK;
    if (rc < 0)
        return genop_fail(e, GENOP_ENOMEM, "MeMo-beskeden kunne ikke valideres (libxml2 fejl %d)",
                          rc);
    return genop_fail(e, GENOP_EINVAL, "MeMo-beskeden følger ikke skemaet (linje %d): %s",
                      f.line, f.set ? f.text : "ukendt fejl");
}

genop_err genop_memo_validate(genop_memo_schema *schema, const char *xml, size_t len,
                              genop_error *e)
{
    xmlDocPtr doc = NULL;
    genop_err err = parse_message(xml, len, &doc, e);
    if (err)
        return err;
    pthread_mutex_lock(&schema->lock);
    err = validate_doc(schema, doc, e);
    pthread_mutex_unlock(&schema->lock);
    xmlFreeDoc(doc);
    return err;
}
