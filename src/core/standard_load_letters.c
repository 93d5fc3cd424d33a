/*
 * standard_load_letters.c - the standard's `letters`: what the
 * municipality's letters take from its text. Today that is `sender`, the
 * letterhead (standard.h, genop_letterhead):
 *
 *   letters:
 *     sender:
 *       unit: Visitationen
 *       address: ["Lindholm Brygge 31", "9400 Nørresundby"]
 *       phone: "9982 5000"              # optional, as are email and web
 *       source: {section: Hvis du ønsker at klage, quote: "..."}
 *
 * A letterhead is quoted, not written: the source needs a quote, and each
 * part (unit, every address line, phone, e-mail, web) must be found in it
 * (white space aside), so a typing error or an invented phone number is a
 * problem at load time. A part the text does not give is left out.
 * Problems are reported as every other part's: FILE:LINE:COLUMN and a
 * Danish message, all of them in one run.
 */
#include <stdlib.h>
#include <string.h>

#include "standard_loader.h"

/* The longest part of a letterhead, in bytes. */
#define LETTERHEAD_PART_MAX 200

static bool is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* s with every run of white space one space, and none at either end;
 * malloc'ed (the caller frees), NULL when memory ran out. */
static char *squeezed(const char *s)
{
    char *out = malloc(strlen(s) + 1);
    size_t n = 0;
    bool gap = false;
    if (!out)
        return NULL;
    for (; *s; s++) {
        if (is_space(*s)) {
            gap = n > 0;
            continue;
        }
        if (gap)
            out[n++] = ' ';
        gap = false;
        out[n++] = *s;
    }
    out[n] = '\0';
    return out;
}

/* True when part is in quote, white space aside. */
static bool quoted(const char *quote, const char *part)
{
    char *q = squeezed(quote), *p = squeezed(part);
    bool found = q && p && strstr(q, p) != NULL;
    free(q);
    free(p);
    return found;
}

/* The part `key` of sender, checked against the quote; a copy or NULL. */
static char *load_part(sl_loader *L, struct fy_node *sender, const char *key, bool required,
                       const char *quote)
{
    const char *text = sl_get_text(L, sender, key, "afsenderen", required);
    struct fy_node *at = sl_member(sender, key);
    if (!text)
        return NULL;
    if (strlen(text) > LETTERHEAD_PART_MAX) {
        sl_problem(L, at, sender, "afsenderens %s er over %d bytes", key, LETTERHEAD_PART_MAX);
        return NULL;
    }
    if (quote && !quoted(quote, text)) {
        sl_problem(L, at, sender,
                   "afsenderens %s '%.60s' står ikke i kildens citat; brevhovedet citerer "
                   "standarden og opfinder intet",
                   key, text);
        return NULL;
    }
    return strdup(text);
}

static void load_address(sl_loader *L, struct fy_node *sender, const char *quote,
                         genop_letterhead *h)
{
    struct fy_node *seq = sl_get_seq(L, sender, "address", "afsenderen", false);
    if (!seq)
        return;
    int n = fy_node_sequence_item_count(seq);
    if (n < 1 || n > GENOP_LETTERHEAD_ADDRESS_MAX) {
        sl_problem(L, seq, sender, "afsenderens adresse har 1-%d linjer",
                   GENOP_LETTERHEAD_ADDRESS_MAX);
        return;
    }
    h->address.items = calloc((size_t)n, sizeof *h->address.items);
    if (!h->address.items) {
        sl_problem(L, seq, sender, "ikke nok hukommelse til adressen");
        return;
    }
    void *iter = NULL;
    struct fy_node *item;
    while ((item = fy_node_sequence_iterate(seq, &iter)) != NULL) {
        const char *line = fy_node_is_scalar(item) && !fy_node_is_alias(item)
                               ? fy_node_get_scalar0(item) : NULL;
        if (!line || !*line || strlen(line) > LETTERHEAD_PART_MAX)
            sl_problem(L, item, seq, "hver adresselinje er en tekst på 1-%d bytes",
                       LETTERHEAD_PART_MAX);
        else if (quote && !quoted(quote, line))
            sl_problem(L, item, seq,
                       "adresselinjen '%.60s' står ikke i kildens citat; brevhovedet citerer "
                       "standarden og opfinder intet",
                       line);
        else
            h->address.items[h->address.n++] = strdup(line);
    }
}

static void load_sender(sl_loader *L, struct fy_node *letters)
{
    static const char *const keys[] = {"unit", "address", "phone", "email", "web", "source",
                                       NULL};
    struct fy_node *sender = sl_get_map(L, letters, "sender", "letters", true);
    if (!sender)
        return;
    genop_letterhead *h = &sl_standard(L)->letterhead;
    sl_check_keys(L, sender, "afsenderen", keys);
    sl_load_source(L, sender, "afsenderen", &h->source);
    const char *quote = h->source.quote;
    if (sl_member(sender, "source") && !quote && !h->source.law)
        sl_problem(L, sl_member(sender, "source"), sender,
                   "afsenderens kilde skal have et citat (quote), som hver del står i");
    h->present = true;
    h->unit = load_part(L, sender, "unit", true, quote);
    load_address(L, sender, quote, h);
    h->phone = load_part(L, sender, "phone", false, quote);
    h->email = load_part(L, sender, "email", false, quote);
    h->web = load_part(L, sender, "web", false, quote);
}

void sl_load_letters(sl_loader *L, struct fy_node *root)
{
    static const char *const keys[] = {"sender", NULL};
    struct fy_node *letters = sl_get_map(L, root, "letters", "standarden", false);
    if (!letters)
        return;
    sl_check_keys(L, letters, "letters", keys);
    load_sender(L, letters);
}
