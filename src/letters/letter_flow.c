/*
 * letter_flow.c - a letter's title and blocks laid out and broken into
 * pages (letter_flow.h).
 *
 * Each block gets a pango layout at its column's width; its lines are
 * measured once (top, bottom, baseline) so that a block can be split
 * between any two lines and each line drawn on its own with
 * pango_cairo_show_layout_line(). Placing is one pass over the blocks
 * with a cursor: a block starts where the previous ended plus the larger
 * of the two spacings; what must stay together (a heading and the start
 * of what follows it, the first lines of a paragraph, a whole signature)
 * is measured before anything is placed, and moves to a new page as one.
 */
#include "letter_flow.h"

#include <fontconfig/fontconfig.h>
#include <limits.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

/* Leading: lines of body text stand 1.3 times their font size apart. */
#define BODY_SPACING 1.3
#define TIGHT_SPACING 1.15
/* Spacing between blocks, in points. */
#define GAP_PARAGRAPH 9.0
#define GAP_LIST 4.0
#define GAP_SOURCE 3.0
/* The indent of a bulleted item's text and of its bullet. */
#define ITEM_INDENT LF_MM(7.0)
#define BULLET_X LF_MM(2.0)
/* A FACT's columns: the label's width, and where the value starts. */
#define FACT_LABEL_W LF_MM(62.0)
#define FACT_VALUE_X LF_MM(65.0)

typedef struct role_style {
    const char *font;
    double spacing;
    double before;
    double after;
    int keep_lines;
    bool keep_with_next;
} role_style;

static const role_style STYLES[] = {
    [LF_TITLE] = { LF_FONT " Bold 16", TIGHT_SPACING, 0, 14, INT_MAX, true },
    [LF_HEADING] = { LF_FONT " Bold 13.5", TIGHT_SPACING, 16, 5, INT_MAX, true },
    [LF_PARAGRAPH] = { LF_FONT " 12", BODY_SPACING, 0, GAP_PARAGRAPH, 2, false },
    [LF_ITEM] = { LF_FONT " 12", BODY_SPACING, 0, GAP_LIST, 2, false },
    [LF_FACT] = { LF_FONT " Bold 12", BODY_SPACING, 0, GAP_LIST, 2, false },
    [LF_SOURCE] = { LF_FONT " 9.5", TIGHT_SPACING, 0, GAP_PARAGRAPH + 3, 2, false },
    [LF_SIGNATURE] = { LF_FONT " 12", BODY_SPACING, 16, 0, INT_MAX, false },
};

/* The process's first layout loads fontconfig's configuration, once (see
 * letter_pdf.c on threads); written once, never changed after. */
static pthread_once_t fc_once = PTHREAD_ONCE_INIT;

static void fc_init(void)
{
    FcInit();
}

PangoContext *lf_context(cairo_t *cr)
{
    pthread_once(&fc_once, fc_init);
    /* The calling thread's own font map (see letter_pdf.c). */
    PangoFontMap *fonts = pango_cairo_font_map_get_default();
    PangoContext *ctx = pango_font_map_create_context(fonts);
    if (!ctx) return NULL;
    if (cr) pango_cairo_update_context(cr, ctx);
    /* One unit is one point: a 12 pt font is 12 units high (pango's
     * default of 96 dpi would set it at 16). */
    pango_cairo_context_set_resolution(ctx, 72.0);
    /* Outlines unhinted and metrics unrounded: the layout of a PDF does
     * not depend on a screen's pixels. */
    cairo_font_options_t *fo = cairo_font_options_create();
    cairo_font_options_set_hint_style(fo, CAIRO_HINT_STYLE_NONE);
    cairo_font_options_set_hint_metrics(fo, CAIRO_HINT_METRICS_OFF);
    pango_cairo_context_set_font_options(ctx, fo);
    cairo_font_options_destroy(fo);
    /* Glyphs where the font puts them: pango rounds positions to whole
     * units by default, a jitter of up to half a point between letters
     * at 72 units an inch. */
    pango_context_set_round_glyph_positions(ctx, FALSE);
    pango_context_set_language(ctx, pango_language_from_string("da-dk"));
    return ctx;
}

void lf_ink(cairo_t *cr)
{
    cairo_set_source_rgb(cr, 0.1, 0.1, 0.1);
}

void lf_grey(cairo_t *cr)
{
    /* #4d4d4d: small print that still reads well on paper (a contrast of
     * 8.4:1 against white). */
    cairo_set_source_rgb(cr, 0.3, 0.3, 0.3);
}

const char *lf_role_tag(lf_role role)
{
    switch (role) {
    case LF_TITLE: return "H1";
    case LF_HEADING: return "H2";
    default: return "P";
    }
}

PangoLayout *lf_layout(PangoContext *ctx, const char *font, const char *text, double width)
{
    PangoLayout *layout = pango_layout_new(ctx);
    if (!layout) return NULL;
    PangoFontDescription *desc = pango_font_description_from_string(font);
    pango_layout_set_font_description(layout, desc);
    pango_font_description_free(desc);
    if (width > 0) {
        pango_layout_set_width(layout, (int)(width * PANGO_SCALE));
        pango_layout_set_wrap(layout, PANGO_WRAP_WORD_CHAR);
    }
    pango_layout_set_text(layout, text, -1);
    return layout;
}

/* The role of a document block. */
static lf_role role_of(genop_letter_block_kind kind)
{
    switch (kind) {
    case GENOP_LETTER_HEADING: return LF_HEADING;
    case GENOP_LETTER_ITEM: return LF_ITEM;
    case GENOP_LETTER_FACT: return LF_FACT;
    case GENOP_LETTER_SOURCE: return LF_SOURCE;
    case GENOP_LETTER_SIGNATURE: return LF_SIGNATURE;
    default: return LF_PARAGRAPH;
    }
}

/* Measures b->main's lines into b's arrays. GENOP_ENOMEM when out of
 * memory. */
static genop_err measure(lf_block *b)
{
    int n = pango_layout_get_line_count(b->main);
    if (n < 1) n = 1;
    b->n_lines = n;
    double *arrays = calloc((size_t)n * 4, sizeof *arrays);
    if (!arrays) return GENOP_ENOMEM;
    b->top = arrays;
    b->bottom = arrays + n;
    b->baseline = arrays + 2 * n;
    b->line_x = arrays + 3 * n;
    PangoLayoutIter *it = pango_layout_get_iter(b->main);
    int i = 0;
    do {
        int y0, y1;
        PangoRectangle logical;
        pango_layout_iter_get_line_yrange(it, &y0, &y1);
        pango_layout_iter_get_line_extents(it, NULL, &logical);
        b->top[i] = (double)y0 / PANGO_SCALE;
        b->bottom[i] = (double)y1 / PANGO_SCALE;
        b->baseline[i] = (double)pango_layout_iter_get_baseline(it) / PANGO_SCALE;
        b->line_x[i] = (double)logical.x / PANGO_SCALE;
        i++;
    } while (i < n && pango_layout_iter_next_line(it));
    pango_layout_iter_free(it);
    return GENOP_OK;
}

/* The widest line of b, from the left edge of the text area. */
static double widest_of(const lf_block *b)
{
    double widest = 0;
    for (int i = 0; i < b->n_lines; i++) {
        PangoLayoutLine *line = pango_layout_get_line_readonly(b->main, i);
        PangoRectangle logical;
        pango_layout_line_get_extents(line, NULL, &logical);
        double w = b->main_x + b->line_x[i] + (double)logical.width / PANGO_SCALE;
        if (w > widest) widest = w;
    }
    return widest;
}

/* The text a block shows: a source is introduced as one. The caller frees
 * the result; NULL when out of memory. */
static char *shown_text(lf_role role, const char *text)
{
    const char *prefix = role == LF_SOURCE && strncmp(text, "Kilde", 5) != 0 ? "Kilde: " : "";
    size_t a = strlen(prefix), n = strlen(text);
    char *s = malloc(a + n + 1);
    if (!s) return NULL;
    memcpy(s, prefix, a);
    memcpy(s + a, text, n + 1);
    return s;
}

/* Lays out one block of role with text (and label: a FACT's, else NULL). */
static genop_err make_block(PangoContext *ctx, lf_role role, const char *label,
                            const char *text, lf_block *b)
{
    const role_style *st = &STYLES[role];
    b->role = role;
    b->space_before = st->before;
    b->space_after = st->after;
    b->keep_lines = st->keep_lines;
    b->keep_with_next = st->keep_with_next;
    double width = LF_TEXT_W;
    if (role == LF_ITEM) {
        b->main_x = ITEM_INDENT;
        b->side = lf_layout(ctx, LF_FONT " 12", "\u2022", 0);
    } else if (role == LF_FACT) {
        b->main_x = FACT_VALUE_X;
        b->side = lf_layout(ctx, LF_FONT " 12", label, FACT_LABEL_W);
    }
    width -= b->main_x;
    char *shown = shown_text(role, text);
    if (!shown || ((role == LF_ITEM || role == LF_FACT) && !b->side)) {
        free(shown);
        return GENOP_ENOMEM;
    }
    b->main = lf_layout(ctx, st->font, shown, width);
    free(shown);
    if (!b->main) return GENOP_ENOMEM;
    pango_layout_set_line_spacing(b->main, (float)st->spacing);
    if (b->side) {
        pango_layout_set_line_spacing(b->side, (float)st->spacing);
        int w, h;
        pango_layout_get_size(b->side, &w, &h);
        b->side_h = (double)h / PANGO_SCALE;
    }
    return measure(b);
}

/* Tightens the spacing where blocks belong together: a paragraph and the
 * source under it, the items of one list, the facts of one table. */
static void join_spacing(lf_flow *f)
{
    for (size_t i = 0; i + 1 < f->n_blocks; i++) {
        lf_block *b = &f->blocks[i], *next = &f->blocks[i + 1];
        if (next->role == LF_SOURCE && b->role != LF_HEADING && b->role != LF_TITLE)
            b->space_after = GAP_SOURCE;
        else if ((b->role == LF_ITEM || b->role == LF_FACT) && next->role != b->role)
            b->space_after = GAP_PARAGRAPH;
    }
}

/* The height of lines [first, first + n) of b (at least the side's on
 * the block's first line). */
static double lines_height(const lf_block *b, int first, int n)
{
    if (n <= 0) return 0;
    double h = b->bottom[first + n - 1] - b->top[first];
    if (first == 0 && b->side_h > h) h = b->side_h;
    return h;
}

static double gap_between(const lf_block *a, const lf_block *b)
{
    return a->space_after > b->space_before ? a->space_after : b->space_before;
}

/* True if block i must not start a page: a source stays with what it
 * cites, a signature with the end of the letter. */
static bool clings(const lf_flow *f, size_t i)
{
    return i < f->n_blocks && (f->blocks[i].role == LF_SOURCE || f->blocks[i].role == LF_SIGNATURE);
}

/* What must follow the end of block i on the same page: the blocks that
 * cling to it (whole: a source is a line or three, a signature is kept
 * whole anyway) and their gaps; 0 when none does. */
static double tail_of(const lf_flow *f, size_t i)
{
    double h = 0;
    for (size_t j = i + 1; clings(f, j); j++)
        h += gap_between(&f->blocks[j - 1], &f->blocks[j]) +
             lines_height(&f->blocks[j], 0, f->blocks[j].n_lines);
    return h;
}

/* What must follow the cursor on the same page when block i starts:
 * its first keep_lines lines and, for a heading, its space and what it
 * keeps with it. */
static double lead_of(const lf_flow *f, size_t i)
{
    const lf_block *b = &f->blocks[i];
    int keep = b->keep_lines < b->n_lines ? b->keep_lines : b->n_lines;
    if (b->n_lines - keep < 2) keep = b->n_lines;   /* too short to break */
    double h = lines_height(b, 0, keep);
    if (keep == b->n_lines) h += tail_of(f, i);
    if (b->keep_with_next && i + 1 < f->n_blocks)
        h = lines_height(b, 0, b->n_lines) + gap_between(b, &f->blocks[i + 1]) + lead_of(f, i + 1);
    return h;
}

static genop_err add_piece(lf_flow *f, lf_piece piece)
{
    if (f->n_pieces == f->cap_pieces) {
        size_t cap = f->cap_pieces ? f->cap_pieces * 2 : 32;
        lf_piece *grown = realloc(f->pieces, cap * sizeof *grown);
        if (!grown) return GENOP_ENOMEM;
        f->pieces = grown;
        f->cap_pieces = cap;
    }
    f->pieces[f->n_pieces++] = piece;
    return GENOP_OK;
}

/* How many of b's lines from `first` fit in `room` points, keeping two
 * lines together on either side of a break where the block has them. */
static int lines_fitting(const lf_block *b, int first, double room)
{
    int left = b->n_lines - first, k = 0;
    while (k < left && lines_height(b, first, k + 1) <= room) k++;
    if (k == left) return k;
    if (left - k < 2) k = left - 2;                 /* no widow */
    if (first == 0 && k < 2) k = 0;                 /* no orphan */
    return k < 0 ? 0 : k;
}

/* The cursor of placing: the page and the y where the next block goes. */
typedef struct cursor {
    int page;
    double y;
    double top;   /* the top of the body on this page */
} cursor;

static void next_page(cursor *c)
{
    c->page++;
    c->y = LF_TOP;
    c->top = LF_TOP;
}

/* Of the k lines of b from `first` that fit on this page, how many to
 * place when they would end b and `tail` must follow them on the same
 * page but does not fit: two lines go over with the tail where b has
 * lines to spare, else all of b does (0). */
static int room_for_tail(const lf_block *b, int first, int k, double y, double tail)
{
    if (tail <= 0 || first + k < b->n_lines || y + lines_height(b, first, k) + tail <= LF_BOTTOM)
        return k;
    if (tail + lines_height(b, b->n_lines - 2 >= 0 ? b->n_lines - 2 : 0, 2) > LF_BOTTOM - LF_TOP)
        return k;   /* it would not fit on a page of its own either */
    int keep = k - 2;
    return keep >= (first == 0 ? 2 : 1) ? keep : 0;
}

/* Places block i at the cursor, breaking it over pages as needed. */
static genop_err place_block(lf_flow *f, size_t i, cursor *c, double gap)
{
    const lf_block *b = &f->blocks[i];
    double room_full = LF_BOTTOM - LF_TOP;
    double lead = lead_of(f, i), tail = tail_of(f, i);
    if (c->y > c->top && c->y + gap + (lead < room_full ? lead : room_full) > LF_BOTTOM)
        next_page(c);
    else if (c->y > c->top)
        c->y += gap;
    int first = 0;
    while (first < b->n_lines) {
        int k = lines_fitting(b, first, LF_BOTTOM - c->y);
        if (c->y > c->top) k = room_for_tail(b, first, k, c->y, tail);
        if (k == 0 && c->y <= c->top) k = 1;   /* a line taller than a page */
        if (k == 0) {
            next_page(c);
            continue;
        }
        lf_piece p = { .block = i, .page = c->page, .y = c->y, .first_line = first, .n_lines = k };
        if (add_piece(f, p)) return GENOP_ENOMEM;
        c->y += lines_height(b, first, k);
        first += k;
        if (first < b->n_lines) next_page(c);
    }
    return GENOP_OK;
}

/* The number of flow blocks doc's blocks become: a paragraph's lines
 * (the caseworker's own paragraphs, separated by newlines) each become a
 * paragraph of their own, spaced as paragraphs are; empty ones vanish. */
static size_t count_blocks(const genop_letter_doc *doc)
{
    size_t n = 1;
    for (size_t i = 0; i < doc->n_blocks; i++) {
        const char *t = doc->blocks[i].text;
        size_t parts = 0;
        if (doc->blocks[i].kind != GENOP_LETTER_PARAGRAPH) parts = 1;
        else
            for (const char *p = t; *p;) {
                size_t len = strcspn(p, "\n");
                if (len) parts++;
                p += len + (p[len] == '\n');
            }
        n += parts ? parts : 1;
    }
    return n;
}

/* Adds the flow blocks of doc's block i (its paragraphs) to f. */
static genop_err add_doc_block(PangoContext *ctx, const genop_letter_doc *doc, size_t i, lf_flow *f)
{
    const genop_letter_block *src = &doc->blocks[i];
    lf_role role = role_of(src->kind);
    if (role != LF_PARAGRAPH || !strchr(src->text, '\n')) {
        f->blocks[f->n_blocks].doc_block = i;
        return make_block(ctx, role, src->label, src->text, &f->blocks[f->n_blocks++]);
    }
    size_t before = f->n_blocks;
    for (const char *p = src->text; *p;) {
        size_t len = strcspn(p, "\n");
        if (len) {
            char *part = strndup(p, len);
            if (!part) return GENOP_ENOMEM;
            f->blocks[f->n_blocks].doc_block = i;
            genop_err err = make_block(ctx, role, NULL, part, &f->blocks[f->n_blocks++]);
            free(part);
            if (err) return err;
        }
        p += len + (p[len] == '\n');
    }
    if (f->n_blocks == before) {   /* nothing but newlines */
        f->blocks[f->n_blocks].doc_block = i;
        return make_block(ctx, role, NULL, "", &f->blocks[f->n_blocks++]);
    }
    return GENOP_OK;
}

/* Lays out the title and doc's blocks into f->blocks. */
static genop_err make_blocks(PangoContext *ctx, const genop_letter_doc *doc, lf_flow *f)
{
    f->blocks = calloc(count_blocks(doc), sizeof *f->blocks);
    if (!f->blocks) return GENOP_ENOMEM;
    f->n_blocks = 1;
    f->blocks[0].doc_block = LF_NO_BLOCK;
    genop_err err = make_block(ctx, LF_TITLE, NULL, doc->title, &f->blocks[0]);
    for (size_t i = 0; !err && i < doc->n_blocks; i++)
        err = add_doc_block(ctx, doc, i, f);
    return err;
}

genop_err lf_flow_make(PangoContext *ctx, const genop_letter_doc *doc, double first_top,
                       lf_flow *flow, genop_error *e)
{
    memset(flow, 0, sizeof *flow);
    genop_err err = make_blocks(ctx, doc, flow);
    if (err) return genop_fail(e, err, "ikke nok hukommelse til at sætte brevet");
    join_spacing(flow);
    cursor c = { .page = 0, .y = first_top, .top = first_top };
    double after = 0;
    for (size_t i = 0; i < flow->n_blocks; i++) {
        const lf_block *b = &flow->blocks[i];
        double gap = after > b->space_before ? after : b->space_before;
        if (place_block(flow, i, &c, gap))
            return genop_fail(e, GENOP_ENOMEM, "ikke nok hukommelse til at sætte brevet");
        after = b->space_after;
        double w = widest_of(b);
        if (w > flow->widest) flow->widest = w;
    }
    flow->pages = c.page + 1;
    return GENOP_OK;
}

void lf_flow_draw(cairo_t *cr, const lf_flow *flow, const lf_piece *p)
{
    const lf_block *b = &flow->blocks[p->block];
    if (b->role == LF_SOURCE) lf_grey(cr);
    else lf_ink(cr);
    cairo_tag_begin(cr, lf_role_tag(b->role), "");
    if (p->first_line == 0 && b->side) {
        double x = b->role == LF_ITEM ? BULLET_X : 0;
        cairo_move_to(cr, LF_LEFT + x, p->y);
        pango_cairo_show_layout(cr, b->side);
    }
    double origin = p->y - b->top[p->first_line];
    for (int i = p->first_line; i < p->first_line + p->n_lines; i++) {
        cairo_move_to(cr, LF_LEFT + b->main_x + b->line_x[i], origin + b->baseline[i]);
        pango_cairo_show_layout_line(cr, pango_layout_get_line_readonly(b->main, i));
    }
    cairo_tag_end(cr, lf_role_tag(b->role));
}

void lf_flow_release(lf_flow *flow)
{
    for (size_t i = 0; flow->blocks && i < flow->n_blocks; i++) {
        lf_block *b = &flow->blocks[i];
        if (b->main) g_object_unref(b->main);
        if (b->side) g_object_unref(b->side);
        free(b->top);
    }
    free(flow->blocks);
    free(flow->pieces);
    memset(flow, 0, sizeof *flow);
}
