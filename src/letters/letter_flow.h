/*
 * letter_flow.h - the flow of a letter's title and blocks onto pages: the
 * typography of each kind of block (font, size, indent, spacing) and the
 * page breaks, for letter_pdf.c, which draws the pages around them.
 *
 * Internal to src/letters. A flow is made once per document: one pango
 * layout per block, measured line by line, then placed as "pieces" (a
 * run of a block's lines on one page) so that a heading is never the
 * last thing on a page, a paragraph never leaves one line alone on
 * either side of a break (orphans and widows) and a signature is never
 * split. Geometry is in PDF points (1/72 inch), y downwards from the top
 * edge of the page.
 */
#ifndef GENOP_LETTER_FLOW_H
#define GENOP_LETTER_FLOW_H

#include <pango/pangocairo.h>
#include <stdbool.h>
#include <stddef.h>

#include "error.h"
#include "letter_doc.h"

/* Millimetres to points. */
#define LF_MM(x) ((x) * 72.0 / 25.4)

/* A4 and the text area of the body. The left edge of the text is DIN
 * 5008's 25 mm (the line the address also starts on); 25 mm on the right
 * keeps lines near 75 characters, easier to follow than a full width. */
#define LF_PAGE_W LF_MM(210.0)
#define LF_PAGE_H LF_MM(297.0)
#define LF_LEFT LF_MM(25.0)
#define LF_RIGHT LF_MM(185.0)
#define LF_TEXT_W (LF_RIGHT - LF_LEFT)
/* Where the body starts on pages after the first (below the running
 * head) and where it must end (above the page number). */
#define LF_TOP LF_MM(28.0)
#define LF_BOTTOM LF_MM(270.0)

/* The fonts: Liberation Sans (Debian's fonts-liberation2, metric-
 * compatible with Arial, which Danish municipalities' letters commonly
 * use), with DejaVu Sans to fall back on; both cover Danish. */
#define LF_FONT "Liberation Sans, DejaVu Sans"
#define LF_BODY_PT 12.0

/* What a piece of text is, for its typography and its structure tag. */
typedef enum lf_role {
    LF_TITLE = 0,
    LF_HEADING,
    LF_PARAGRAPH,
    LF_ITEM,
    LF_FACT,
    LF_SOURCE,
    LF_SIGNATURE,
} lf_role;

/* One block (or the title) laid out at the width it is given. */
/* lf_block.doc_block of the title. */
#define LF_NO_BLOCK ((size_t)-1)

typedef struct lf_block {
    lf_role role;
    size_t doc_block;     /* the document's block it shows; LF_NO_BLOCK */
    PangoLayout *main;    /* the text; owned (a reference) */
    PangoLayout *side;    /* a bullet or a FACT's label; owned; or NULL */
    double main_x;        /* where main's lines start */
    int n_lines;          /* lines of main (at least 1) */
    double *top;          /* per line of main: top, bottom and baseline */
    double *bottom;       /* in main's coordinates */
    double *baseline;
    double *line_x;       /* per line: its left edge (alignment, indent) */
    double side_h;        /* the side layout's height (0 without one) */
    double space_before;  /* dropped at the top of a page */
    double space_after;
    int keep_lines;       /* lines that must stay together at the start */
    bool keep_with_next;  /* a heading: stays with what follows */
} lf_block;

/* A run of a block's lines placed on one page. */
typedef struct lf_piece {
    size_t block;         /* index into lf_flow.blocks (0: the title) */
    int page;             /* 0-based, within the document */
    double y;             /* the top of the piece's first line */
    int first_line;
    int n_lines;
} lf_piece;

typedef struct lf_flow {
    lf_block *blocks;     /* the title, then the document's blocks (a
                             paragraph of several lines is several) */
    size_t n_blocks;
    lf_piece *pieces;     /* in reading order, so by page */
    size_t n_pieces;
    size_t cap_pieces;
    int pages;            /* pages the body takes (at least 1) */
    double widest;        /* the widest line, measured from LF_LEFT */
} lf_flow;

/* A pango context for laying out letters on cr (NULL: for measuring
 * only), with the calling thread's font map, at 72 units an inch,
 * unhinted, in Danish. The caller releases it with g_object_unref();
 * NULL when memory ran out. */
PangoContext *lf_context(cairo_t *cr);

/* Lays out doc's title and blocks with ctx and places them on pages, the
 * first page's body starting at first_top. *flow is overwritten; release
 * it with lf_flow_release() whatever the result. GENOP_ENOMEM when
 * memory ran out. */
genop_err lf_flow_make(PangoContext *ctx, const genop_letter_doc *doc, double first_top,
                       lf_flow *flow, genop_error *e);

/* Draws piece p of flow with cr (the colour and structure tag of its
 * role included). */
void lf_flow_draw(cairo_t *cr, const lf_flow *flow, const lf_piece *p);

/* The structure tag (cairo_tag_begin) of a role: "H1", "H2" or "P". */
const char *lf_role_tag(lf_role role);

void lf_flow_release(lf_flow *flow);

/* A layout of text in font (a pango font description such as
 * LF_FONT " Bold 12") at width points (<= 0: unbounded), wrapped at
 * words, and within a word when one is longer than a line. The caller
 * releases it with g_object_unref(); NULL when memory ran out. */
PangoLayout *lf_layout(PangoContext *ctx, const char *font, const char *text, double width);

/* The near-black of text and the grey of small print. */
void lf_ink(cairo_t *cr);
void lf_grey(cairo_t *cr);

#endif
