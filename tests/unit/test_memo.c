/*
 * test_memo.c - Digital Post messages in MeMo (src/letters/memo.h):
 * - a built message validates against the MeMo 1.1 schema in data/memo/,
 *   and read back with libxml2's XPath it says what was put in: sender
 *   by CVR, recipient by CPR (ten digits, no hyphen), names and title
 *   with æ, ø and å intact, XML's own characters escaped, the PDF's bytes
 *   in base64 (decoded here by the test's own decoder), the time in UTC;
 * - a fresh version-4 UUID per message unless one is given, and the one
 *   reported is the one in the message;
 * - every input check refuses what it should, naming the member, and
 *   leaves the output buffer as it was; text of 256 characters (512
 *   bytes of æ) passes both our check and the schema, 257 does not;
 * - validation finds what breaks the schema or XML, with the line;
 * - a schema that is missing or broken is reported; one handle is shared
 *   by threads validating at once (run under ASan/UBSan too).
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <libxml/parser.h>
#include <libxml/xpath.h>
#include <libxml/xpathInternals.h>

#include "memo.h"
#include "memo_fixture.h"
#include "strbuf.h"
#include "test_helpers.h"

/* The schema, loaded once for the whole run (the group's state). */
static int load_schema(void **state)
{
    genop_memo_schema *s = NULL;
    genop_error e;
    genop_error_clear(&e);
    if (genop_memo_schema_load(GENOP_MEMO_SCHEMA_DIR, &s, &e) != GENOP_OK) {
        fprintf(stderr, "schema: %s\n", e.message);
        return -1;
    }
    *state = s;
    return 0;
}

static int free_schema(void **state)
{
    genop_memo_schema_free(*state);
    return 0;
}

/* Builds in into *xml (which the caller releases); fails the test if it
 * does not build or does not validate. */
static void build_valid(void **state, const genop_memo_input *in, genop_buf *xml,
                        char uuid[GENOP_MEMO_UUID_SIZE])
{
    must(genop_memo_build(in, xml, uuid, e));
    must(genop_memo_validate(*state, xml->data, xml->len, e));
}

/* The nodes path selects in xml: their number, and the text of the
 * first ("" if none; the caller frees it with xmlFree). The prefix m is
 * MeMo's namespace. */
static int xpath_eval(const genop_buf *xml, const char *path, char **text)
{
    xmlDocPtr doc = xmlReadMemory(xml->data, (int)xml->len, "t.xml", NULL, XML_PARSE_NONET);
    assert_non_null(doc);
    xmlXPathContextPtr x = xmlXPathNewContext(doc);
    xmlXPathRegisterNs(x, (const xmlChar *)"m", (const xmlChar *)GENOP_MEMO_NAMESPACE);
    xmlXPathObjectPtr r = xmlXPathEvalExpression((const xmlChar *)path, x);
    assert_non_null(r);
    int n = r->nodesetval ? r->nodesetval->nodeNr : 0;
    if (text)
        *text = n > 0 ? (char *)xmlNodeGetContent(r->nodesetval->nodeTab[0])
                      : (char *)xmlStrdup((const xmlChar *)"");
    xmlXPathFreeObject(r);
    xmlXPathFreeContext(x);
    xmlFreeDoc(doc);
    return n;
}

static int xpath_count(const genop_buf *xml, const char *path)
{
    return xpath_eval(xml, path, NULL);
}

/* The text of the one node path selects (the test fails unless there is
 * exactly one); the caller frees it with xmlFree. */
static char *xpath_text(const genop_buf *xml, const char *path)
{
    char *text;
    int n = xpath_eval(xml, path, &text);
    if (n != 1) {
        xmlFree(text);
        fail_msg("%s selects %d nodes, not 1", path, n);
    }
    return text;
}

#define assert_xpath(xml, path, want)                                       \
    do {                                                                    \
        char *got_ = xpath_text((xml), (path));                             \
        if (strcmp(got_, (want)) != 0) {                                    \
            fail_msg("%s is \"%s\", not \"%s\"", (path), got_, (want));     \
        }                                                                   \
        xmlFree(got_);                                                      \
    } while (0)

/* Decodes base64 (whitespace skipped) into out; returns the length or
 * -1 for a character that is not base64. The test's own, so the
 * message's encoding is checked by something other than what wrote it. */
static long b64_decode(const char *s, unsigned char *out, size_t cap)
{
    static const char alphabet[] =
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    unsigned bits = 0, nbits = 0;
    size_t n = 0;
    for (; *s; s++) {
        if (*s == '\n' || *s == '\r' || *s == ' ' || *s == '\t' || *s == '=')
            continue;
        const char *p = strchr(alphabet, *s);
        if (p == NULL)
            return -1;
        bits = (bits << 6) | (unsigned)(p - alphabet);
        nbits += 6;
        if (nbits >= 8) {
            nbits -= 8;
            if (n == cap)
                return -1;
            out[n++] = (unsigned char)(bits >> nbits);
            bits &= (1u << nbits) - 1;
        }
    }
    return (long)n;
}

static void test_builds_a_valid_message(void **state)
{
    genop_memo_input in = test_memo_input();
    genop_buf xml = {0};
    char uuid[GENOP_MEMO_UUID_SIZE];
    build_valid(state, &in, &xml, uuid);
    assert_xpath(&xml, "/m:Message/@memoVersion", "1.1");
    assert_xpath(&xml, "/m:Message/@memoSchVersion", "1.1.0");
    assert_xpath(&xml, "//m:MessageHeader/m:messageType", "DIGITALPOST");
    assert_xpath(&xml, "//m:MessageHeader/m:messageUUID", uuid);
    assert_xpath(&xml, "//m:MessageHeader/m:label", in.title);
    assert_xpath(&xml, "//m:MessageHeader/m:mandatory", "false");
    assert_xpath(&xml, "//m:MessageHeader/m:legalNotification", "false");
    assert_xpath(&xml, "//m:Sender/m:senderID", TEST_MEMO_CVR);
    assert_xpath(&xml, "//m:Sender/m:idType", "CVR");
    assert_xpath(&xml, "//m:Sender/m:label", "Æblerød Kommune");
    assert_xpath(&xml, "//m:Recipient/m:recipientID", "0101901234");
    assert_xpath(&xml, "//m:Recipient/m:idType", "CPR");
    assert_xpath(&xml, "//m:Recipient/m:label", "Søren Åberg Ærø");
    assert_xpath(&xml, "//m:MessageBody/m:createdDateTime", "2027-05-03T08:30:00Z");
    assert_xpath(&xml, "//m:MainDocument/m:label", in.title);
    assert_xpath(&xml, "//m:File/m:encodingFormat", "application/pdf");
    assert_xpath(&xml, "//m:File/m:filename", "afgørelse-2027-05-03.pdf");
    assert_xpath(&xml, "//m:File/m:language", "da");
    assert_int_equal(xpath_count(&xml, "//m:ContentData"), 0);   /* none asked for */
    assert_int_equal(xpath_count(&xml, "//m:notification"), 0);
    assert_int_equal(xpath_count(&xml, "//m:Recipient"), 1);
    char *b64 = xpath_text(&xml, "//m:File/m:content");
    unsigned char pdf[sizeof TEST_MEMO_PDF];
    long n = b64_decode(b64, pdf, sizeof pdf);
    xmlFree(b64);
    assert_int_equal(n, (long)in.pdf_len);
    assert_memory_equal(pdf, TEST_MEMO_PDF, in.pdf_len);
    /* Danish letters are written as UTF-8, not as character references. */
    assert_non_null(strstr(xml.data, "Søren Åberg Ærø"));
    assert_non_null(strstr(xml.data, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"));
    genop_buf_release(&xml);
}

static void test_optional_fields_and_flags(void **state)
{
    genop_memo_input in = test_memo_input();
    in.notification = "Du har fået en afgørelse fra Æblerød Kommune";
    in.case_id = "Sag 42";
    in.mandatory = true;
    in.legal_notification = true;
    in.title = "Svar på klage: <vigtigt> & \"hastende\" 'nu'";
    genop_buf xml = {0};
    build_valid(state, &in, &xml, NULL);
    assert_xpath(&xml, "//m:MessageHeader/m:notification", in.notification);
    assert_xpath(&xml, "//m:ContentData/m:CaseID/m:caseID", "Sag 42");
    assert_xpath(&xml, "//m:ContentData/m:CaseID/m:caseSystem", "genop");
    assert_xpath(&xml, "//m:MessageHeader/m:mandatory", "true");
    assert_xpath(&xml, "//m:MessageHeader/m:legalNotification", "true");
    assert_xpath(&xml, "//m:MessageHeader/m:label", in.title);
    assert_null(strstr(xml.data, "<vigtigt>"));   /* escaped, not markup */
    genop_buf_release(&xml);
}

static bool uuid_v4(const char *s)
{
    if (strlen(s) != 36 || s[14] != '4' || !strchr("89ab", s[19]))
        return false;
    for (int i = 0; i < 36; i++) {
        bool dash = i == 8 || i == 13 || i == 18 || i == 23;
        if (dash ? s[i] != '-' : !strchr("0123456789abcdef", s[i]))
            return false;
    }
    return true;
}

static void test_uuids(void **state)
{
    genop_memo_input in = test_memo_input();
    genop_buf a = {0}, b = {0};
    char ua[GENOP_MEMO_UUID_SIZE], ub[GENOP_MEMO_UUID_SIZE];
    build_valid(state, &in, &a, ua);
    build_valid(state, &in, &b, ub);
    assert_true(uuid_v4(ua));
    assert_true(uuid_v4(ub));
    assert_string_not_equal(ua, ub);
    assert_xpath(&b, "//m:messageUUID", ub);
    genop_buf_release(&a);
    genop_buf_release(&b);

    in.message_uuid = "6F9619FF-8B86-4D01-B42D-00C04FC964FF";
    build_valid(state, &in, &a, ua);
    assert_string_equal(ua, in.message_uuid);
    assert_xpath(&a, "//m:messageUUID", in.message_uuid);
    genop_buf_release(&a);
}

/* Builds in, expecting a refusal of field whose message holds needle;
 * the buffer keeps what it held. */
static void refused(genop_memo_input in, const char *field, const char *needle)
{
    genop_buf xml = {0};
    genop_buf_adds(&xml, "før");
    genop_error e;
    genop_error_clear(&e);
    char uuid[GENOP_MEMO_UUID_SIZE] = "uændret";
    genop_err err = genop_memo_build(&in, &xml, uuid, &e);
    if (err != GENOP_EINVAL)
        fail_msg("%s: expected a refusal, got %s (%s)", field, genop_strerror(err), e.message);
    assert_string_equal(e.field, field);
    assert_message_contains(e, needle);
    assert_string_equal(xml.data, "før");
    assert_string_equal(uuid, "uændret");
    genop_buf_release(&xml);
    /* genop_memo_check says the same. */
    genop_error_clear(&e);
    assert_int_equal(genop_memo_check(&in, &e), GENOP_EINVAL);
    assert_string_equal(e.field, field);
}

/* n copies of the UTF-8 character c; the caller frees. */
static char *repeat(const char *c, size_t n)
{
    char *s = test_memo_repeat(c, n);
    assert_non_null(s);
    return s;
}

static void test_refuses_people(void **state)
{
    (void)state;
    genop_memo_input in = test_memo_input();
    in.sender_cvr = NULL;
    refused(in, "sender_cvr", "mangler");
    in.sender_cvr = "1234567";
    refused(in, "sender_cvr", "8 cifre");
    in.sender_cvr = "1234567X";
    refused(in, "sender_cvr", "8 cifre");
    in.sender_cvr = "123456789";
    refused(in, "sender_cvr", "8 cifre");
    in = test_memo_input();
    in.sender_label = "";
    refused(in, "sender_label", "afsenderens navn mangler");
    in = test_memo_input();
    in.recipient_cpr = "01019012345";
    refused(in, "recipient_cpr", "10 cifre");
    in.recipient_cpr = "320190-1234";
    refused(in, "recipient_cpr", "ikke en dato");
    in.recipient_cpr = NULL;
    refused(in, "recipient_cpr", "mangler");
    in = test_memo_input();
    in.recipient_name = "Søren\nÅberg";
    refused(in, "recipient_name", "kontroltegn");
    in.recipient_name = "S\xf8ren";   /* Latin-1, not UTF-8 */
    refused(in, "recipient_name", "ugyldig UTF-8");
    in.recipient_name = "  ";
    refused(in, "recipient_name", "er tom");
}

static void test_refuses_words(void **state)
{
    (void)state;
    genop_memo_input in = test_memo_input();
    in.title = NULL;
    refused(in, "title", "brevets titel mangler");
    in.title = "Afgørelse\t1";
    refused(in, "title", "kontroltegn");
    in.title = "Afgørelse \xef\xbf\xbe";   /* U+FFFE, no XML character */
    refused(in, "title", "ugyldig");
    char *long_title = repeat("æ", 257);
    in.title = long_title;
    refused(in, "title", "257 tegn");
    free(long_title);
    in = test_memo_input();
    char *long_note = repeat("ø", 161);
    in.notification = long_note;
    refused(in, "notification", "højst 160");
    free(long_note);
    in = test_memo_input();
    in.case_id = "Sag\x01";
    refused(in, "case_id", "kontroltegn");
    in = test_memo_input();
    in.message_uuid = "6f9619ff-8b86-1d01-b42d-00c04fc964ff";   /* version 1 */
    refused(in, "message_uuid", "version 4");
    in.message_uuid = "6f9619ff8b864d01b42d00c04fc964ff";
    refused(in, "message_uuid", "version 4");
}

static void test_refuses_the_document(void **state)
{
    (void)state;
    genop_memo_input in = test_memo_input();
    in.filename = NULL;
    refused(in, "filename", "filnavnet mangler");
    in.filename = "../afgørelse.pdf";
    refused(in, "filename", "mappe");
    in.filename = "breve/afgørelse.pdf";
    refused(in, "filename", "mappe");
    in.filename = ".pdf";
    refused(in, "filename", "punktum");
    in.filename = "afgørelse.docx";
    refused(in, "filename", ".pdf");
    in = test_memo_input();
    in.pdf = NULL;
    refused(in, "pdf", "mangler");
    in.pdf = (const unsigned char *)"<html>ikke en pdf</html>";
    in.pdf_len = 24;
    refused(in, "pdf", "ikke en PDF");
    in.pdf = TEST_MEMO_PDF;
    in.pdf_len = 0;
    refused(in, "pdf", "mangler");
    in = test_memo_input();
    in.pdf_len = GENOP_MEMO_PDF_MAX + 1;   /* checked before it is read */
    refused(in, "pdf", "højst");
    in = test_memo_input();
    in.created = -1;
    refused(in, "created", "1970-9999");
}

/* 256 characters is what MeMo's text fields hold: the check and the
 * schema agree at the edge, counting characters, not bytes. */
static void test_longest_text_is_valid(void **state)
{
    genop_memo_input in = test_memo_input();
    char *title = repeat("æ", GENOP_MEMO_TEXT_MAX);
    char *note = repeat("å", GENOP_MEMO_NOTIFICATION_MAX);
    in.title = title;
    in.notification = note;
    genop_buf xml = {0};
    build_valid(state, &in, &xml, NULL);
    genop_buf_release(&xml);
    free(title);
    free(note);
}

static void test_buffer_limit(void **state)
{
    (void)state;
    genop_memo_input in = test_memo_input();
    genop_buf xml = {0};
    genop_buf_set_limit(&xml, 400);
    genop_buf_adds(&xml, "før");
    genop_error e;
    genop_error_clear(&e);
    assert_int_equal(genop_memo_build(&in, &xml, NULL, &e), GENOP_ETOOBIG);
    assert_message_contains(e, "grænse");
    assert_false(genop_buf_failed(&xml));
    assert_string_equal(xml.data, "før");
    genop_buf_release(&xml);
}

/* The line (1-based) on which needle first occurs in text. */
static int line_of(const char *text, const char *needle)
{
    const char *at = strstr(text, needle);
    assert_non_null(at);
    int line = 1;
    for (const char *p = text; p < at; p++)
        line += *p == '\n';
    return line;
}

/* Replaces the first from in xml->data with to (a new buffer). */
static void replace(genop_buf *xml, const char *from, const char *to)
{
    const char *at = strstr(xml->data, from);
    assert_non_null(at);
    genop_buf out = {0};
    genop_buf_add(&out, xml->data, (size_t)(at - xml->data));
    genop_buf_adds(&out, to);
    genop_buf_adds(&out, at + strlen(from));
    genop_buf_release(xml);
    *xml = out;
}

/* Expects validation to fail with code, its message holding "linje N"
 * for the line of marker and needle. */
static void invalid(void **state, const genop_buf *xml, genop_err code, const char *marker,
                    const char *needle)
{
    genop_error e;
    genop_error_clear(&e);
    assert_int_equal(genop_memo_validate(*state, xml->data, xml->len, &e), code);
    char want[32];
    snprintf(want, sizeof want, "linje %d", line_of(xml->data, marker));
    assert_message_contains(e, want);
    assert_message_contains(e, needle);
}

static void test_validation_finds_errors(void **state)
{
    genop_memo_input in = test_memo_input();
    genop_buf xml = {0};
    build_valid(state, &in, &xml, NULL);
    replace(&xml, "DIGITALPOST", "BREV");
    invalid(state, &xml, GENOP_EINVAL, "BREV", "følger ikke skemaet");
    replace(&xml, "BREV", "DIGITALPOST");
    replace(&xml, "<idType>CVR</idType>", "");   /* a required element gone */
    invalid(state, &xml, GENOP_EINVAL, "<label>Æblerød", "idType");
    genop_buf_release(&xml);

    build_valid(state, &in, &xml, NULL);
    replace(&xml, "2027-05-03T08:30:00Z", "2027-05-03T08:30:00+02:00");   /* not UTC */
    invalid(state, &xml, GENOP_EINVAL, "2027-05-03T08:30:00+02:00", "createdDateTime");
    genop_buf_release(&xml);

    build_valid(state, &in, &xml, NULL);
    replace(&xml, "</Recipient>", "</Recipent>");   /* not well-formed */
    invalid(state, &xml, GENOP_EPARSE, "</Recipent>", "ikke gyldig XML");
    genop_buf_release(&xml);

    build_valid(state, &in, &xml, NULL);
    replace(&xml, "https://DigitalPost.dk/MeMo-1", "https://example.org/andet");
    invalid(state, &xml, GENOP_EINVAL, "<Message", "følger ikke skemaet");
    genop_buf_release(&xml);
}

static void test_schema_load_errors(void **state)
{
    (void)state;
    genop_memo_schema *s = NULL;
    genop_error e;
    genop_error_clear(&e);
    assert_int_equal(genop_memo_schema_load("/nonexistent/memo", &s, &e), GENOP_ENOTFOUND);
    assert_message_contains(e, "/nonexistent/memo/MeMo_core.xsd");
    assert_null(s);

    char dir[] = "/tmp/genop-memo-XXXXXX";
    assert_non_null(mkdtemp(dir));
    char path[256];
    assert_true(genop_bprintf(path, sizeof path, "%s/MeMo_core.xsd", dir));
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs("<?xml version=\"1.0\"?>\n<xs:schema xmlns:xs=\"http://www.w3.org/2001/XMLSchema\">\n"
          "  <xs:element name=\"Message\" type=\"ingen:type\"/>\n</xs:schema>\n", f);
    fclose(f);
    genop_error_clear(&e);
    assert_int_equal(genop_memo_schema_load(dir, &s, &e), GENOP_EPARSE);
    assert_message_contains(e, path);
    assert_message_contains(e, "linje 3");
    assert_null(s);
    unlink(path);
    rmdir(dir);
}

/* Threads validating with one shared handle at once. */
typedef struct shared_job {
    genop_memo_schema *schema;
    const genop_buf *valid;
    const genop_buf *broken;
    int failures;
} shared_job;

static void *validate_many(void *arg)
{
    shared_job *job = arg;
    for (int i = 0; i < 20; i++) {
        genop_error e;
        genop_error_clear(&e);
        if (genop_memo_validate(job->schema, job->valid->data, job->valid->len, &e) != GENOP_OK)
            job->failures++;
        if (genop_memo_validate(job->schema, job->broken->data, job->broken->len, &e) !=
            GENOP_EINVAL)
            job->failures++;
    }
    return NULL;
}

static void test_shared_between_threads(void **state)
{
    genop_memo_input in = test_memo_input();
    genop_buf valid = {0}, broken = {0};
    build_valid(state, &in, &valid, NULL);
    build_valid(state, &in, &broken, NULL);
    replace(&broken, "<language>da</language>", "<language>dansk</language>");
    pthread_t t[4];
    shared_job jobs[4];
    for (int i = 0; i < 4; i++) {
        jobs[i] = (shared_job){*state, &valid, &broken, 0};
        assert_int_equal(pthread_create(&t[i], NULL, validate_many, &jobs[i]), 0);
    }
    for (int i = 0; i < 4; i++) {
        pthread_join(t[i], NULL);
        assert_int_equal(jobs[i].failures, 0);
    }
    genop_buf_release(&valid);
    genop_buf_release(&broken);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_builds_a_valid_message),
        cmocka_unit_test(test_optional_fields_and_flags),
        cmocka_unit_test(test_uuids),
        cmocka_unit_test(test_refuses_people),
        cmocka_unit_test(test_refuses_words),
        cmocka_unit_test(test_refuses_the_document),
        cmocka_unit_test(test_longest_text_is_valid),
        cmocka_unit_test(test_buffer_limit),
        cmocka_unit_test(test_validation_finds_errors),
        cmocka_unit_test(test_schema_load_errors),
        cmocka_unit_test(test_shared_between_threads),
    };
    int failed = cmocka_run_group_tests(tests, load_schema, free_schema);
    xmlCleanupParser();
    return failed;
}
