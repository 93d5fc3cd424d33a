/*
 * letter_pdf.c - letters as A4 PDFs (letter_pdf.h): the cairo PDF surface
 * written into a genop_buf, the page furniture (letterhead, information
 * block, the address in the envelope's window, fold marks, running head,
 * page numbers), metadata and outline. The body's text and its page
 * breaks are letter_flow.c's.
 *
 * The address field is placed for a window envelope by DIN 5008:2020,
 * form B ("Form B", the higher letterhead), the layout that the window of
 * DIN 680 / ISO 269 window envelopes (C6/5 "DL" and C5, window 90 x 45 mm
 * 20 mm from the left edge) is made for when an A4 sheet is folded at
 * the form's fold marks (105 mm and 210 mm from the top):
 *   - the address field is 85 x 45 mm, 20 mm from the left edge and
 *     45 mm from the top edge;
 *   - its first 17.7 mm are the zone for the return address and postal
 *     notes (left empty here: the municipality's envelopes carry its
 *     return address), the address zone below it is 27.3 mm high, from
 *     62.7 mm to 90 mm, for at most six lines;
 *   - text starts on the 25 mm line (the field's 20 mm plus 5 mm inside
 *     it), which is also the left edge of the body;
 *   - the information block (date, reference, the sender's address)
 *     stands at 125 mm from the left, from 50 mm down.
 * Sources: DIN 5008:2020 "Schreib- und Gestaltungsregeln für die Text-
 * und Informationsverarbeitung", section 12 and annex; as summarised in
 * https://gruendung.de/din-5008/anschriftenfeld (62.7 mm, 17.7 mm and
 * 27.3 mm) and http://www.korrespondenz-din-5008.de/briefe-schreiben/
 * din-5008-adressfeld/ (nine lines: three for notes, six for the
 * address). Danish window envelopes (PostNord's C5 and C6/5 "med rude")
 * follow the same ISO 269 window.
 *
 * Thread safety, and what it rests on:
 *   - cairo: a surface and its context are used by one thread only (each
 *     call makes its own); cairo's own caches are locked internally
 *     (cairo is thread-safe for distinct objects);
 *   - pango: each call takes the calling thread's default font map,
 *     pango_cairo_font_map_get_default(), which "since Pango 1.32.6 is
 *     per-thread. Each thread gets its own default fontmap. In this way,
 *     PangoCairo can be used safely from multiple threads" (pango's
 *     reference, PangoCairo.FontMap.get_default). The font map lives as
 *     long as its thread and caches fonts between letters (the speed of
 *     a server thread's second letter); GLib frees it when the thread
 *     ends. A PangoContext and layouts are made per call;
 *   - fontconfig: thread-safe since 2.10.91 (atomic reference counts and
 *     a mutex around its configuration); FcInit() loads the default
 *     configuration once and "does nothing" when it has been loaded, but
 *     two threads racing into a first load may both read it. So the
 *     first rendering in the process calls FcInit() under pthread_once():
 *     the one piece of process-wide state here, written once, never
 *     changed after.
 */
#include "letter_pdf.h"

#include <cairo-pdf.h>
#include <stdio.h>
#include <string.h>

#include "letter_flow.h"

/* DIN 5008 form B (see above). */
#define ADDRESS_X LF_MM(25.0)
#define ADDRESS_TOP LF_MM(62.7)
#define ADDRESS_BOTTOM LF_MM(90.0)
#define ADDRESS_W LF_MM(80.0)
/* Below the top of the address zone: six lines of 11 pt fill 26.8 mm of
 * its 27.3. */
#define ADDRESS_INSET LF_MM(0.5)
#define INFO_X LF_MM(125.0)
#define INFO_TOP LF_MM(50.0)
#define INFO_W (LF_RIGHT - INFO_X)
#define LETTERHEAD_TOP LF_MM(15.0)
#define INFO_FONT LF_FONT " 10.5"
/* The first page's body starts this far below the address and the
 * information block, whichever ends lower. */
#define BODY_GAP LF_MM(9.0)
/* The running head of later pages, and the page number. */
#define HEAD_TOP LF_MM(13.0)
#define FOOT_TOP LF_MM(280.0)

static const struct { const char *kind, *title; } KIND_TITLES[] = {
    { "decision", "Afgørelse" },
    { "complaint_decision", "Genvurdering af klage" },
    { "complaint_forwarded", "Klage sendt til Ankestyrelsen" },
    { "course_ended", "Afslutning af forløb" },
    { "access_report", "Aktindsigt" },
    { "appeal_bundle", "Sagens dokumenter til Ankestyrelsen" },
};

const char *genop_letter_kind_title(const char *kind)
{
    for (size_t i = 0; kind && i < sizeof KIND_TITLES / sizeof KIND_TITLES[0]; i++)
        if (strcmp(KIND_TITLES[i].kind, kind) == 0) return KIND_TITLES[i].title;
    return NULL;
}

genop_err genop_letter_pdf_check(const genop_letter_doc *doc, genop_error *e)
{
    if (!doc) return genop_fail(e, GENOP_EINVAL, "intet brev at sætte op");
    if (!doc->title || !doc->title[0])
        return genop_refuse(e, GENOP_EINVAL, "$.title", "brevet har ingen overskrift");
    if (!doc->kind || !doc->kind[0])
        return genop_refuse(e, GENOP_EINVAL, "$.kind", "brevet har ingen slags");
    if (doc->sender.n == 0 || !doc->sender.line[0][0])
        return genop_refuse(e, GENOP_EINVAL, "$.sender",
                            "brevet har intet brevhoved (afsenderens navn mangler)");
    if (doc->recipient.n > GENOP_LETTER_PDF_ADDRESS_LINES)
        return genop_refuse(e, GENOP_EINVAL, "$.recipient",
                            "modtagerens navn og adresse fylder %zu linjer; højst %d kan ses "
                            "i kuvertens rude", doc->recipient.n, GENOP_LETTER_PDF_ADDRESS_LINES);
    if (doc->n_blocks == 0)
        return genop_refuse(e, GENOP_EINVAL, "$.blocks", "brevet har ingen tekst");
    if (!genop_date_in_range(doc->date))
        return genop_refuse(e, GENOP_EINVAL, "$.date", "brevets dato ligger uden for 1900-2199");
    return GENOP_OK;
}

/* The state of one rendering: the surface, its context, pango's context
 * and the pages written so far. */
typedef struct render {
    cairo_surface_t *surface;
    cairo_t *cr;
    PangoContext *ctx;
    const genop_letter_pdf_options *opt;
    size_t n_docs;
    int pages;       /* pages shown so far, in the whole PDF */
    double widest;
} render;

static cairo_status_t write_out(void *closure, const unsigned char *data, unsigned int len)
{
    genop_buf *out = closure;
    genop_buf_add(out, (const char *)data, len);
    return genop_buf_failed(out) ? CAIRO_STATUS_WRITE_ERROR : CAIRO_STATUS_SUCCESS;
}

/* Opens the PDF surface writing into out and the contexts on it. */
static genop_err render_open(render *r, genop_buf *out, genop_error *e)
{
    r->surface = cairo_pdf_surface_create_for_stream(write_out, out, LF_PAGE_W, LF_PAGE_H);
    r->cr = cairo_create(r->surface);
    if (cairo_status(r->cr) != CAIRO_STATUS_SUCCESS)
        return genop_fail(e, GENOP_ENOMEM, "kunne ikke begynde brevets PDF");
    r->ctx = lf_context(r->cr);
    if (!r->ctx) return genop_fail(e, GENOP_ENOMEM, "kunne ikke begynde brevets PDF");
    return GENOP_OK;
}

static void render_free(render *r)
{
    if (r->ctx) g_object_unref(r->ctx);
    if (r->cr) cairo_destroy(r->cr);
    if (r->surface) cairo_surface_destroy(r->surface);
}

/* Writes the PDF's end (cross references, fonts) and checks cairo's
 * status; out holds the whole PDF after GENOP_OK. */
static genop_err render_finish(render *r, genop_buf *out, genop_error *e)
{
    cairo_surface_finish(r->surface);
    cairo_status_t st = cairo_surface_status(r->surface);
    if (genop_buf_failed(out))
        return genop_fail(e, GENOP_ENOMEM, "brevets PDF blev for stor, eller hukommelsen slap op");
    if (st != CAIRO_STATUS_SUCCESS)
        return genop_fail(e, GENOP_EIO, "brevets PDF kunne ikke laves: %s",
                          cairo_status_to_string(st));
    return GENOP_OK;
}

/* Sets the PDF's metadata. */
static void set_metadata(cairo_surface_t *surface, const char *title, const char *author,
                         const char *subject, genop_date date)
{
    char iso[GENOP_DATE_STR_SIZE], stamp[32];
    genop_date_format(date, iso);
    /* A letter has a date, not an instant: midnight, with no zone. */
    genop_bprintf(stamp, sizeof stamp, "%sT00:00:00", iso);
    cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_TITLE, title);
    cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_AUTHOR, author);
    cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_SUBJECT, subject);
    cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATOR, "genop");
    cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATE_DATE, stamp);
}

/* Draws text in font at (x, y), its top left; width > 0 wraps it, and
 * align sets each line within that width. Returns the height drawn. */
static double draw_text(render *r, const char *font, const char *text, double x, double y,
                        double width, PangoAlignment align)
{
    PangoLayout *layout = lf_layout(r->ctx, font, text, width);
    if (!layout) return 0;
    pango_layout_set_alignment(layout, align);
    int w, h;
    pango_layout_get_size(layout, &w, &h);
    cairo_move_to(r->cr, x, y);
    pango_cairo_show_layout(r->cr, layout);
    g_object_unref(layout);
    return (double)h / PANGO_SCALE;
}

/* The recipient's lines in the address zone, in the largest size from
 * 11 pt down that fits the zone's six lines. Returns its bottom: the
 * zone's, or below it for an address so long that 7 pt does not fit. */
static double draw_address(render *r, const genop_letter_doc *doc)
{
    genop_buf lines = { 0 };
    for (size_t i = 0; i < doc->recipient.n; i++) {
        if (i) genop_buf_add(&lines, "\n", 1);
        genop_buf_adds(&lines, doc->recipient.line[i]);
    }
    const char *text = lines.data && !genop_buf_failed(&lines) ? lines.data : "";
    double bottom = ADDRESS_BOTTOM;
    for (int size = 11; size >= 7; size--) {
        char font[64];
        genop_bprintf(font, sizeof font, "%s %d", LF_FONT, size);
        PangoLayout *layout = lf_layout(r->ctx, font, text, ADDRESS_W);
        if (!layout) break;
        int w, h;
        pango_layout_get_size(layout, &w, &h);
        double end = ADDRESS_TOP + ADDRESS_INSET + (double)h / PANGO_SCALE;
        if (end <= ADDRESS_BOTTOM || size == 7) {
            if (end > bottom) bottom = end;
            lf_ink(r->cr);
            cairo_tag_begin(r->cr, "P", "");
            cairo_move_to(r->cr, ADDRESS_X, ADDRESS_TOP + ADDRESS_INSET);
            pango_cairo_show_layout(r->cr, layout);
            cairo_tag_end(r->cr, "P");
            g_object_unref(layout);
            break;
        }
        g_object_unref(layout);
    }
    genop_buf_release(&lines);
    return bottom;
}

/* Short marks at the left edge where the sheet is folded for the window
 * envelope (105 mm and 210 mm) and punched (148.5 mm), as DIN 5008 form
 * B places them. */
static void draw_fold_marks(cairo_t *cr)
{
    static const double at[] = { 105.0, 148.5, 210.0 };
    cairo_save(cr);
    cairo_set_source_rgb(cr, 0.6, 0.6, 0.6);
    cairo_set_line_width(cr, 0.5);
    for (size_t i = 0; i < sizeof at / sizeof at[0]; i++) {
        double len = at[i] == 148.5 ? 7.0 : 5.0;
        cairo_move_to(cr, LF_MM(5.0), LF_MM(at[i]));
        cairo_line_to(cr, LF_MM(5.0 + len), LF_MM(at[i]));
    }
    cairo_stroke(cr);
    cairo_restore(cr);
}

/* The information block: the letterhead's other lines, the date and the
 * reference. Returns its bottom. */
static double draw_info(render *r, const genop_letter_doc *doc)
{
    char date[GENOP_DATE_DA_SIZE];
    genop_date_format_da(doc->date, date);
    double y = INFO_TOP;
    lf_ink(r->cr);
    cairo_tag_begin(r->cr, "P", "");
    for (size_t i = 1; i < doc->sender.n; i++)
        y += draw_text(r, INFO_FONT, doc->sender.line[i], INFO_X, y, INFO_W, PANGO_ALIGN_LEFT);
    if (doc->sender.n > 1) y += LF_MM(4.0);
    char line[GENOP_DATE_DA_SIZE + 16];
    genop_bprintf(line, sizeof line, "Dato: %s", date);
    y += draw_text(r, INFO_FONT, line, INFO_X, y, INFO_W, PANGO_ALIGN_LEFT);
    if (doc->reference[0])
        y += draw_text(r, INFO_FONT, doc->reference, INFO_X, y, INFO_W, PANGO_ALIGN_LEFT);
    cairo_tag_end(r->cr, "P");
    return y;
}

/* The first page's furniture; returns where its body starts. */
static double draw_first_page(render *r, const genop_letter_doc *doc)
{
    lf_ink(r->cr);
    cairo_tag_begin(r->cr, "P", "");
    draw_text(r, LF_FONT " Bold 17", doc->sender.line[0], LF_LEFT, LETTERHEAD_TOP, LF_TEXT_W,
              PANGO_ALIGN_RIGHT);
    cairo_tag_end(r->cr, "P");
    double bottom = draw_info(r, doc);
    if (doc->recipient.n > 0) {
        double address = draw_address(r, doc);
        if (address > bottom) bottom = address;
        draw_fold_marks(r->cr);
    }
    return bottom + BODY_GAP;
}

/* The running head of a later page: sender, reference and date, on one
 * line (cut short with an ellipsis if it is longer). */
static void draw_running_head(render *r, const genop_letter_doc *doc)
{
    char date[GENOP_DATE_DA_SIZE];
    genop_date_format_da(doc->date, date);
    genop_buf head = { 0 };
    genop_buf_adds(&head, doc->sender.line[0]);
    if (doc->reference[0]) genop_buf_addf(&head, " \u00b7 %s", doc->reference);
    genop_buf_addf(&head, " \u00b7 %s", date);
    PangoLayout *layout = genop_buf_failed(&head)
        ? NULL : lf_layout(r->ctx, LF_FONT " 9.5", head.data, LF_TEXT_W);
    if (layout) {
        pango_layout_set_ellipsize(layout, PANGO_ELLIPSIZE_END);
        lf_grey(r->cr);
        cairo_move_to(r->cr, LF_LEFT, HEAD_TOP);
        pango_cairo_show_layout(r->cr, layout);
        g_object_unref(layout);
    }
    genop_buf_release(&head);
}

/* "Side 1 af 2", and with numbered documents "Dokument 2 af 5 · ". */
static void draw_page_number(render *r, size_t index, int page, int pages)
{
    char foot[96];
    if (r->opt->number_documents)
        genop_bprintf(foot, sizeof foot, "Dokument %zu af %zu \u00b7 Side %d af %d", index + 1,
                      r->n_docs, page + 1, pages);
    else
        genop_bprintf(foot, sizeof foot, "Side %d af %d", page + 1, pages);
    lf_ink(r->cr);
    draw_text(r, LF_FONT " 10", foot, LF_LEFT, FOOT_TOP, LF_TEXT_W, PANGO_ALIGN_RIGHT);
}

/* The outline entry of the document's title and of each heading, each
 * pointing at the destination named where it is drawn (draw_body). */
static void add_outline(render *r, const genop_letter_doc *doc, size_t index)
{
    char dest[48];
    genop_buf text = { 0 };
    genop_bprintf(dest, sizeof dest, "dest='d%zu'", index);
    if (r->opt->number_documents) genop_buf_addf(&text, "%zu. ", index + 1);
    genop_buf_adds(&text, doc->title);
    int parent = cairo_pdf_surface_add_outline(r->surface, CAIRO_PDF_OUTLINE_ROOT,
                                               genop_buf_failed(&text) ? doc->title : text.data,
                                               dest, CAIRO_PDF_OUTLINE_FLAG_OPEN);
    genop_buf_release(&text);
    for (size_t i = 0; i < doc->n_blocks; i++) {
        if (doc->blocks[i].kind != GENOP_LETTER_HEADING) continue;
        genop_bprintf(dest, sizeof dest, "dest='d%zu-%zu'", index, i + 1);
        cairo_pdf_surface_add_outline(r->surface, parent, doc->blocks[i].text, dest, 0);
    }
}

/* Draws the pieces of page `page` of flow, naming a destination at the
 * title and at each heading. */
static void draw_body(render *r, const lf_flow *flow, size_t index, int page, size_t *next)
{
    for (; *next < flow->n_pieces && flow->pieces[*next].page == page; (*next)++) {
        const lf_piece *p = &flow->pieces[*next];
        lf_role role = flow->blocks[p->block].role;
        bool dest = p->first_line == 0 && (role == LF_TITLE || role == LF_HEADING);
        char name[48];
        if (dest) {
            if (p->block == 0) genop_bprintf(name, sizeof name, "name='d%zu'", index);
            else genop_bprintf(name, sizeof name, "name='d%zu-%zu'", index,
                               flow->blocks[p->block].doc_block + 1);
            cairo_tag_begin(r->cr, CAIRO_TAG_DEST, name);
        }
        lf_flow_draw(r->cr, flow, p);
        if (dest) cairo_tag_end(r->cr, CAIRO_TAG_DEST);
    }
}

/* Lays out and draws one document, from a new page. */
static genop_err render_doc(render *r, const genop_letter_doc *doc, size_t index, genop_error *e)
{
    double first_top = draw_first_page(r, doc);
    lf_flow flow;
    genop_err err = lf_flow_make(r->ctx, doc, first_top, &flow, e);
    if (!err) {
        size_t next = 0;
        for (int page = 0; page < flow.pages; page++) {
            if (page > 0) draw_running_head(r, doc);
            draw_body(r, &flow, index, page, &next);
            draw_page_number(r, index, page, flow.pages);
            cairo_show_page(r->cr);
            r->pages++;
        }
        if (r->opt->duplex && flow.pages % 2 == 1 && index + 1 < r->n_docs) {
            cairo_show_page(r->cr);   /* the back of the last sheet, blank */
            r->pages++;
        }
        add_outline(r, doc, index);
        if (flow.widest > r->widest) r->widest = flow.widest;
    }
    lf_flow_release(&flow);
    return err;
}

/* Checks every document, naming the one at fault when there are several. */
static genop_err check_all(const genop_letter_doc *const *docs, size_t n, genop_error *e)
{
    if (n == 0) return genop_fail(e, GENOP_EINVAL, "ingen breve at sætte op");
    for (size_t i = 0; i < n; i++) {
        genop_err err = genop_letter_pdf_check(docs[i], e);
        if (err) {
            if (n > 1) genop_error_prefix(e, "dokument %zu", i + 1);
            return err;
        }
    }
    return GENOP_OK;
}

/* The latest of the documents' dates. */
static genop_date latest_date(const genop_letter_doc *const *docs, size_t n)
{
    genop_date d = docs[0]->date;
    for (size_t i = 1; i < n; i++)
        if (docs[i]->date > d) d = docs[i]->date;
    return d;
}

genop_err genop_letter_pdf_many(const genop_letter_doc *const *docs, size_t n,
                                const genop_letter_pdf_options *opt, genop_buf *out,
                                genop_letter_pdf_info *info, genop_error *e)
{
    static const genop_letter_pdf_options defaults = { 0 };
    genop_err err = check_all(docs, n, e);
    if (err) return err;
    if (genop_buf_failed(out))
        return genop_fail(e, GENOP_ENOMEM, "brevets PDF blev for stor, eller hukommelsen slap op");
    size_t before = out->len;
    render r = { .opt = opt ? opt : &defaults, .n_docs = n };
    err = render_open(&r, out, e);
    if (!err) {
        const char *subject = r.opt->subject ? r.opt->subject : genop_letter_kind_title(docs[0]->kind);
        set_metadata(r.surface, r.opt->title ? r.opt->title : docs[0]->title,
                     docs[0]->sender.line[0], subject ? subject : docs[0]->title,
                     latest_date(docs, n));
    }
    for (size_t i = 0; !err && i < n; i++)
        err = render_doc(&r, docs[i], i, e);
    if (!err) err = render_finish(&r, out, e);
    render_free(&r);
    if (err) {
        out->len = before;
        if (out->data) out->data[before] = '\0';
        return err;
    }
    if (info) *info = (genop_letter_pdf_info){ .pages = r.pages, .widest_line = r.widest,
                                               .text_width = LF_TEXT_W };
    return GENOP_OK;
}

genop_err genop_letter_pdf(const genop_letter_doc *doc, genop_buf *out,
                           genop_letter_pdf_info *info, genop_error *e)
{
    const genop_letter_doc *docs[1] = { doc };
    return genop_letter_pdf_many(docs, 1, NULL, out, info, e);
}

void genop_letter_pdf_thread_done(void)
{
    pango_cairo_font_map_set_default(NULL);
}

void genop_letter_pdf_shutdown(void)
{
    /* Not cairo_debug_reset_static_data() nor FcFini(): pango's own
     * worker thread (pango 1.50 matches fonts on a thread of its own) may
     * still hold fonts and patterns a moment after the last letter, and
     * cairo asserts, or fontconfig frees what that thread uses. What
     * stays is reachable from the libraries' globals, except 288 bytes
     * fontconfig 2.14 loses while parsing its configuration, which
     * tests/lsan.supp names. */
    genop_letter_pdf_thread_done();
}
