/*
 * letter_doc.c - building a letter document (letter_doc.h): copies of
 * checked text, appended in reading order.
 */
#include "letter_doc.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "utf8.h"

static const char *const BLOCK_NAMES[] = {
    [GENOP_LETTER_HEADING] = "heading",
    [GENOP_LETTER_PARAGRAPH] = "paragraph",
    [GENOP_LETTER_ITEM] = "item",
    [GENOP_LETTER_FACT] = "fact",
    [GENOP_LETTER_SOURCE] = "source",
    [GENOP_LETTER_SIGNATURE] = "signature",
};
#define N_BLOCK_KINDS (sizeof BLOCK_NAMES / sizeof BLOCK_NAMES[0])

/* The longest text one block may hold: a caseworker's assessment is a
 * page or two, never more. */
#define BLOCK_TEXT_MAX (16 * 1024)

const char *genop_letter_block_kind_name(genop_letter_block_kind kind)
{
    return (size_t)kind < N_BLOCK_KINDS ? BLOCK_NAMES[kind] : "?";
}

int genop_letter_block_kind_from_name(const char *name, genop_letter_block_kind *out)
{
    for (size_t i = 0; name && i < N_BLOCK_KINDS; i++) {
        if (strcmp(BLOCK_NAMES[i], name) == 0) {
            *out = (genop_letter_block_kind)i;
            return 1;
        }
    }
    return 0;
}

int genop_letter_text_ok(const char *s, int newline_ok)
{
    size_t n = strlen(s);
    if (n > BLOCK_TEXT_MAX) return 0;
    for (size_t i = 0; i < n;) {
        unsigned char c = (unsigned char)s[i];
        if (c < 0x20 || c == 0x7f) {
            if (!(newline_ok && c == '\n')) return 0;
            i++;
            continue;
        }
        size_t len = genop_utf8_sequence((const unsigned char *)s + i, n - i);
        if (len == 0) return 0;
        i += len;
    }
    return 1;
}

/* A checked copy of s; the caller frees it. */
static genop_err copy_text(const char *s, int newline_ok, char **out, genop_error *e)
{
    if (!s || !genop_letter_text_ok(s, newline_ok))
        return genop_fail(e, GENOP_EINVAL, "brevets tekst er ikke gyldig tekst (UTF-8 uden styretegn)");
    *out = strdup(s);
    return *out ? GENOP_OK : genop_fail(e, GENOP_ENOMEM, "ikke nok hukommelse til brevet");
}

genop_letter_doc *genop_letter_doc_new(const char *kind, const char *title, genop_date date)
{
    genop_letter_doc *doc = calloc(1, sizeof *doc);
    if (!doc) return NULL;
    doc->date = date;
    if (copy_text(kind, 0, &doc->kind, NULL) || copy_text(title, 0, &doc->title, NULL) ||
        copy_text("", 0, &doc->reference, NULL)) {
        genop_letter_doc_free(doc);
        return NULL;
    }
    return doc;
}

static void free_lines(genop_letter_lines *lines)
{
    for (size_t i = 0; i < lines->n; i++) free(lines->line[i]);
    lines->n = 0;
}

void genop_letter_doc_free(genop_letter_doc *doc)
{
    if (!doc) return;
    free(doc->kind);
    free(doc->title);
    free(doc->reference);
    free_lines(&doc->sender);
    free_lines(&doc->recipient);
    for (size_t i = 0; i < doc->n_blocks; i++) {
        free(doc->blocks[i].label);
        free(doc->blocks[i].text);
    }
    free(doc->blocks);
    free(doc);
}

genop_err genop_letter_doc_set_reference(genop_letter_doc *doc, const char *reference,
                                         genop_error *e)
{
    char *copy = NULL;
    genop_err err = copy_text(reference, 0, &copy, e);
    if (err) return err;
    free(doc->reference);
    doc->reference = copy;
    return GENOP_OK;
}

static genop_err add_line(genop_letter_lines *lines, const char *line, genop_error *e)
{
    if (lines->n == GENOP_LETTER_LINES_MAX)
        return genop_fail(e, GENOP_ETOOBIG, "højst %d linjer i en adresse eller et brevhoved",
                          GENOP_LETTER_LINES_MAX);
    genop_err err = copy_text(line, 0, &lines->line[lines->n], e);
    if (err) return err;
    lines->n++;
    return GENOP_OK;
}

genop_err genop_letter_doc_add_sender(genop_letter_doc *doc, const char *line, genop_error *e)
{
    return add_line(&doc->sender, line, e);
}

genop_err genop_letter_doc_add_recipient(genop_letter_doc *doc, const char *line, genop_error *e)
{
    return add_line(&doc->recipient, line, e);
}

/* Appends a block of kind with copies of label (may be NULL) and text. */
static genop_err add_block(genop_letter_doc *doc, genop_letter_block_kind kind,
                           const char *label, const char *text, genop_error *e)
{
    if ((size_t)kind >= N_BLOCK_KINDS)
        return genop_fail(e, GENOP_EINVAL, "ukendt slags afsnit i brevet");
    if ((kind == GENOP_LETTER_FACT) != (label != NULL))
        return genop_fail(e, GENOP_EINVAL, "kun en oplysning i brevet har en overskrift");
    if (doc->n_blocks == doc->cap_blocks) {
        size_t cap = doc->cap_blocks ? doc->cap_blocks * 2 : 16;
        genop_letter_block *grown = realloc(doc->blocks, cap * sizeof *grown);
        if (!grown) return genop_fail(e, GENOP_ENOMEM, "ikke nok hukommelse til brevet");
        doc->blocks = grown;
        doc->cap_blocks = cap;
    }
    genop_letter_block block = { .kind = kind };
    genop_err err = copy_text(text, 1, &block.text, e);
    if (!err && label) err = copy_text(label, 0, &block.label, e);
    if (err) {
        free(block.text);
        return err;
    }
    doc->blocks[doc->n_blocks++] = block;
    return GENOP_OK;
}

genop_err genop_letter_doc_add(genop_letter_doc *doc, genop_letter_block_kind kind,
                               const char *text, genop_error *e)
{
    return add_block(doc, kind, NULL, text, e);
}

genop_err genop_letter_doc_add_fact(genop_letter_doc *doc, const char *label,
                                    const char *value, genop_error *e)
{
    return add_block(doc, GENOP_LETTER_FACT, label, value, e);
}

genop_err genop_letter_doc_addf(genop_letter_doc *doc, genop_letter_block_kind kind,
                                genop_error *e, const char *fmt, ...)
{
    char text[4096];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(text, sizeof text, fmt, ap);
    va_end(ap);
    genop_utf8_sanitize(text);
    return add_block(doc, kind, NULL, text, e);
}
