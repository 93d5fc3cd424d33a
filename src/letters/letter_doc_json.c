/*
 * letter_doc_json.c - letter documents to JSON and back
 * (letter_doc_json.h). Written straight into a genop_buf in a fixed
 * member order; read with jansson (src/jsonio's parser, which refuses
 * duplicate keys and NUL bytes) and rebuilt through letter_doc.h's
 * builder, so a document read back obeys every rule one built in C does.
 */
#include "letter_doc_json.h"

#include <jansson.h>
#include <string.h>

#include "json_tree.h"

static void write_lines(genop_buf *out, const char *name, const genop_letter_lines *lines)
{
    genop_buf_addf(out, ",\"%s\":[", name);
    for (size_t i = 0; i < lines->n; i++) {
        if (i) genop_buf_add(out, ",", 1);
        genop_buf_add_json_string(out, lines->line[i]);
    }
    genop_buf_add(out, "]", 1);
}

void genop_letter_doc_write_json(const genop_letter_doc *doc, genop_buf *out)
{
    char date[GENOP_DATE_STR_SIZE];
    genop_buf_addf(out, "{\"version\":%d,\"kind\":", GENOP_LETTER_JSON_VERSION);
    genop_buf_add_json_string(out, doc->kind);
    genop_buf_adds(out, ",\"title\":");
    genop_buf_add_json_string(out, doc->title);
    genop_buf_adds(out, ",\"reference\":");
    genop_buf_add_json_string(out, doc->reference);
    genop_buf_addf(out, ",\"date\":\"%s\"", genop_date_format(doc->date, date));
    write_lines(out, "sender", &doc->sender);
    write_lines(out, "recipient", &doc->recipient);
    genop_buf_adds(out, ",\"blocks\":[");
    for (size_t i = 0; i < doc->n_blocks; i++) {
        const genop_letter_block *b = &doc->blocks[i];
        genop_buf_adds(out, i ? ",{\"type\":" : "{\"type\":");
        genop_buf_add_json_string(out, genop_letter_block_kind_name(b->kind));
        if (b->label) {
            genop_buf_adds(out, ",\"label\":");
            genop_buf_add_json_string(out, b->label);
        }
        genop_buf_adds(out, ",\"text\":");
        genop_buf_add_json_string(out, b->text);
        genop_buf_add(out, "}", 1);
    }
    genop_buf_adds(out, "]}");
}

/* Refuses with path as the field and the start of the message. */
#define REFUSE(e, code, path, fmt, ...) \
    genop_refuse(e, code, path, "%s: " fmt, path, __VA_ARGS__)

/* An error of letter_doc.h's builder (or the date parser) at path. */
static genop_err at_path(genop_error *e, genop_err code, const char *path, const genop_error *inner)
{
    return REFUSE(e, code, path, "%s", inner->message);
}

/* Refuses any member of obj not named in allowed (a NULL-ended list). */
static genop_err only_members(const json_t *obj, const char *path, const char *const *allowed,
                              genop_error *e)
{
    const char *key;
    json_t *value;
    json_object_foreach((json_t *)obj, key, value) {
        size_t i = 0;
        while (allowed[i] && strcmp(allowed[i], key) != 0) i++;
        if (!allowed[i])
            return genop_refuse(e, GENOP_EINVAL, path, "%s: ukendt felt '%s' i et brev", path, key);
    }
    return GENOP_OK;
}

/* The string member `name` of obj (path is obj's). */
static genop_err string_member(const json_t *obj, const char *path, const char *name,
                               const char **out, genop_error *e)
{
    char at[GENOP_ERROR_FIELD_MAX];
    genop_bprintf(at, sizeof at, "%s.%s", path, name);
    const json_t *v = json_object_get(obj, name);
    if (!v) return REFUSE(e, GENOP_EINVAL, at, "%s", "mangler");
    if (!json_is_string(v)) return REFUSE(e, GENOP_EINVAL, at, "%s", "skal være en tekst");
    *out = json_string_value(v);
    return GENOP_OK;
}

typedef genop_err (*line_adder)(genop_letter_doc *, const char *, genop_error *);

/* Reads the array member `name` of root into doc with add. */
static genop_err read_lines(const json_t *root, const char *name, line_adder add,
                            genop_letter_doc *doc, genop_error *e)
{
    char at[GENOP_ERROR_FIELD_MAX];
    genop_bprintf(at, sizeof at, "$.%s", name);
    const json_t *arr = json_object_get(root, name);
    if (!arr) return REFUSE(e, GENOP_EINVAL, at, "%s", "mangler");
    if (!json_is_array(arr))
        return REFUSE(e, GENOP_EINVAL, at, "%s", "skal være en liste af linjer");
    for (size_t i = 0; i < json_array_size(arr); i++) {
        genop_bprintf(at, sizeof at, "$.%s[%zu]", name, i);
        const json_t *v = json_array_get(arr, i);
        if (!json_is_string(v)) return REFUSE(e, GENOP_EINVAL, at, "%s", "skal være en tekst");
        genop_error inner = { 0 };
        genop_err err = add(doc, json_string_value(v), &inner);
        if (err) return at_path(e, err, at, &inner);
    }
    return GENOP_OK;
}

/* Reads block i (the object v) into doc. */
static genop_err read_block(const json_t *v, size_t i, genop_letter_doc *doc, genop_error *e)
{
    static const char *const members[] = { "type", "label", "text", NULL };
    char at[GENOP_ERROR_FIELD_MAX], field[GENOP_ERROR_FIELD_MAX];
    genop_bprintf(at, sizeof at, "$.blocks[%zu]", i);
    if (!json_is_object(v)) return REFUSE(e, GENOP_EINVAL, at, "%s", "skal være et objekt");
    genop_err err = only_members(v, at, members, e);
    const char *type = NULL, *text = NULL, *label = NULL;
    if (!err) err = string_member(v, at, "type", &type, e);
    if (!err) err = string_member(v, at, "text", &text, e);
    if (err) return err;
    genop_letter_block_kind kind;
    genop_bprintf(field, sizeof field, "%s.type", at);
    if (!genop_letter_block_kind_from_name(type, &kind))
        return REFUSE(e, GENOP_EINVAL, field, "ukendt slags afsnit '%s'", type);
    genop_bprintf(field, sizeof field, "%s.label", at);
    bool has_label = json_object_get(v, "label") != NULL;
    if (kind == GENOP_LETTER_FACT) {
        err = string_member(v, at, "label", &label, e);
        if (err) return err;
    } else if (has_label) {
        return REFUSE(e, GENOP_EINVAL, field, "%s", "kun en oplysning (fact) har en label");
    }
    if (label && !genop_letter_text_ok(label, 0))
        return REFUSE(e, GENOP_EINVAL, field, "%s", "er ikke gyldig tekst (UTF-8 uden styretegn)");
    genop_bprintf(field, sizeof field, "%s.text", at);
    genop_error inner = { 0 };
    err = label ? genop_letter_doc_add_fact(doc, label, text, &inner)
                : genop_letter_doc_add(doc, kind, text, &inner);
    if (err) return at_path(e, err, field, &inner);
    return GENOP_OK;
}

static genop_err read_blocks(const json_t *root, genop_letter_doc *doc, genop_error *e)
{
    const json_t *arr = json_object_get(root, "blocks");
    if (!arr) return REFUSE(e, GENOP_EINVAL, "$.blocks", "%s", "mangler");
    if (!json_is_array(arr))
        return REFUSE(e, GENOP_EINVAL, "$.blocks", "%s", "skal være en liste af afsnit");
    for (size_t i = 0; i < json_array_size(arr); i++) {
        genop_err err = read_block(json_array_get(arr, i), i, doc, e);
        if (err) return err;
    }
    return GENOP_OK;
}

/* The version, kind, title and date: what a new document needs. */
static genop_err read_head(const json_t *root, genop_letter_doc **out, genop_error *e)
{
    const json_t *version = json_object_get(root, "version");
    if (!version) return REFUSE(e, GENOP_EINVAL, "$.version", "%s", "mangler");
    if (!json_is_integer(version) || json_integer_value(version) != GENOP_LETTER_JSON_VERSION)
        return REFUSE(e, GENOP_EINVAL, "$.version", "kun version %d kan læses",
                      GENOP_LETTER_JSON_VERSION);
    const char *kind = NULL, *title = NULL, *date_text = NULL;
    genop_err err = string_member(root, "$", "kind", &kind, e);
    if (!err) err = string_member(root, "$", "title", &title, e);
    if (!err) err = string_member(root, "$", "date", &date_text, e);
    if (err) return err;
    genop_date date;
    genop_error inner = { 0 };
    err = genop_date_parse(date_text, &date, &inner);
    if (err) return at_path(e, GENOP_EINVAL, "$.date", &inner);
    if (!genop_letter_text_ok(kind, 0))
        return REFUSE(e, GENOP_EINVAL, "$.kind", "%s", "er ikke gyldig tekst (UTF-8 uden styretegn)");
    if (!genop_letter_text_ok(title, 0))
        return REFUSE(e, GENOP_EINVAL, "$.title", "%s", "er ikke gyldig tekst (UTF-8 uden styretegn)");
    *out = genop_letter_doc_new(kind, title, date);
    if (!*out) return genop_fail(e, GENOP_ENOMEM, "ikke nok hukommelse til brevet");
    return GENOP_OK;
}

static genop_err read_doc(const json_t *root, genop_letter_doc **out, genop_error *e)
{
    static const char *const members[] = { "version", "kind", "title", "reference", "date",
                                           "sender", "recipient", "blocks", NULL };
    if (!json_is_object(root)) return REFUSE(e, GENOP_EINVAL, "$", "%s", "skal være et objekt");
    genop_err err = only_members(root, "$", members, e);
    if (!err) err = read_head(root, out, e);
    if (err) return err;
    const char *reference = NULL;
    err = string_member(root, "$", "reference", &reference, e);
    if (!err) {
        genop_error inner = { 0 };
        err = genop_letter_doc_set_reference(*out, reference, &inner);
        if (err) err = at_path(e, err, "$.reference", &inner);
    }
    if (!err) err = read_lines(root, "sender", genop_letter_doc_add_sender, *out, e);
    if (!err) err = read_lines(root, "recipient", genop_letter_doc_add_recipient, *out, e);
    if (!err) err = read_blocks(root, *out, e);
    return err;
}

genop_err genop_letter_doc_read_json(const char *text, size_t len, genop_letter_doc **out,
                                     genop_error *e)
{
    *out = NULL;
    json_t *root = NULL;
    genop_err err = genop_json_parse(text, len, &root, e);
    if (err) return err;
    err = read_doc(root, out, e);
    json_decref(root);
    if (err) {
        genop_letter_doc_free(*out);
        *out = NULL;
    }
    return err;
}
