/*
 * standard_load_complaints.c - the standard's `complaint_routes`
 * (standard.h, genop_complaint_route; complaint_routes.h): for each route
 * what its complaints are about, who decides them in the end, whether the
 * municipality reconsiders them first and in which unit (name, address and
 * phone as the text gives them), and its source. Without the key, the
 * standard gets the law's default route (retssikkerhedsloven §§ 66-67):
 * decisions go to the municipality, which reconsiders them, then to
 * Ankestyrelsen.
 *
 * Read with the loader's getters (standard_loader.h), so problems are
 * reported as every other part's: FILE:LINE:COLUMN and a Danish message,
 * all of them in one run.
 */
#include <stdlib.h>
#include <string.h>

#include "complaint_routes.h"
#include "standard_loader.h"

static char *dup_text(const char *s)
{
    return s ? strdup(s) : NULL;
}

/* The unit's optional `address`: a list of texts (one per line). */
static void load_address(sl_loader *L, struct fy_node *unit, genop_text_list *out)
{
    struct fy_node *seq = sl_get_seq(L, unit, "address", "enheden", false);
    if (!seq)
        return;
    int n = fy_node_sequence_item_count(seq);
    if (n <= 0) {
        sl_problem(L, seq, unit, "'address' i enheden må ikke være tom; udelad den, hvis "
                                 "teksten ingen adresse giver");
        return;
    }
    out->items = calloc((size_t)n, sizeof *out->items);
    void *iter = NULL;
    struct fy_node *item;
    while (out->items && (item = fy_node_sequence_iterate(seq, &iter)) != NULL) {
        const char *line = fy_node_is_scalar(item) && !fy_node_is_alias(item)
                               ? fy_node_get_scalar0(item) : NULL;
        if (!line || !*line)
            sl_problem(L, item, seq, "hver linje i 'address' skal være en tekst, der ikke er tom");
        else
            out->items[out->n++] = dup_text(line);
    }
}

/* `unit`: the municipality's unit that receives and reconsiders. */
static void load_unit(sl_loader *L, struct fy_node *route, genop_complaint_unit *u)
{
    static const char *const keys[] = {"name", "address", "phone", "source", NULL};
    struct fy_node *n = sl_get_map(L, route, "unit", "klagevejen", false);
    if (!n)
        return;
    u->present = true;
    sl_check_keys(L, n, "enheden", keys);
    u->name = dup_text(sl_get_text(L, n, "name", "enheden", true));
    load_address(L, n, &u->address);
    u->phone = dup_text(sl_get_text(L, n, "phone", "enheden", false));
    if (sl_member(n, "source")) {
        u->has_source = true;
        sl_load_source(L, n, "enheden", &u->source);
    }
}

/* `about`: a list of decision / service_level / professional, none of
 * them taken by an earlier route (*taken, updated). */
static unsigned load_about(sl_loader *L, struct fy_node *route, unsigned *taken)
{
    struct fy_node *seq = sl_get_seq(L, route, "about", "klagevejen", true);
    if (!seq)
        return 0;
    if (fy_node_sequence_item_count(seq) == 0)
        sl_problem(L, seq, route, "'about' skal nævne mindst ét emne (decision, service_level "
                                  "eller professional)");
    unsigned bits = 0;
    void *iter = NULL;
    struct fy_node *item;
    while ((item = fy_node_sequence_iterate(seq, &iter)) != NULL) {
        const char *name = fy_node_is_scalar(item) ? fy_node_get_scalar0(item) : NULL;
        genop_complaint_about a;
        if (!genop_complaint_about_from_name(name, &a))
            sl_problem(L, item, seq, "klageemnet '%.40s' findes ikke (decision, service_level "
                                     "eller professional)", name ? name : "?");
        else if ((bits | *taken) & (1u << a))
            sl_problem(L, item, seq, "klager over '%s' står i mere end én klagevej; hvert emne "
                                     "har én vej", name);
        else
            bits |= 1u << a;
    }
    *taken |= bits;
    return bits;
}

/* What the handler, reconsideration and unit must be together. */
static void check_route(sl_loader *L, struct fy_node *node, const genop_complaint_route *r)
{
    if (r->reconsiders && !r->unit.present)
        sl_problem(L, node, NULL, "klagevejen har 'reconsiders: true', men ingen 'unit': nævn "
                                  "den enhed i kommunen, der genvurderer klagen");
    else if (!r->reconsiders && r->unit.present)
        sl_problem(L, sl_member(node, "unit"), node,
                   "'unit' hører til en klagevej, som kommunen genvurderer (reconsiders: true)");
    else if (!r->reconsiders && r->handler == GENOP_HANDLER_MUNICIPALITY)
        sl_problem(L, sl_member(node, "reconsiders"), node,
                   "en klage, som kommunen selv afgør, genvurderes af kommunen: "
                   "'reconsiders' skal være true");
}

static void load_route(sl_loader *L, struct fy_node *node, struct fy_node *seq, unsigned *taken)
{
    static const char *const keys[] = {"about", "handler", "reconsiders", "unit", "web",
                                       "text_names", "source", NULL};
    genop_standard *s = sl_standard(L);
    if (!fy_node_is_mapping(node)) {
        sl_problem(L, node, seq, "hver klagevej skal være en mapping (about, handler, "
                                 "reconsiders, source)");
        return;
    }
    if (s->n_complaint_routes >= GENOP_COMPLAINT_ROUTES_MAX) {
        sl_problem(L, node, seq, "højst %d klageveje: hvert emne har én vej",
                   GENOP_COMPLAINT_ROUTES_MAX);
        return;
    }
    genop_complaint_route *r = &s->complaint_routes[s->n_complaint_routes++];
    sl_check_keys(L, node, "en klagevej", keys);
    r->about = load_about(L, node, taken);
    const char *handler = sl_get_text(L, node, "handler", "klagevejen", true);
    bool handler_ok = handler && genop_complaint_handler_from_name(handler, &r->handler);
    if (handler && !handler_ok)
        sl_problem(L, sl_member(node, "handler"), node,
                   "'handler: %.40s' findes ikke (municipality, ankestyrelsen eller "
                   "styrelsen_for_patientklager)", handler);
    bool has_reconsiders = sl_get_bool(L, node, "reconsiders", "klagevejen", true,
                                       &r->reconsiders);
    load_unit(L, node, &r->unit);
    r->web = dup_text(sl_get_text(L, node, "web", "klagevejen", false));
    r->text_names = dup_text(sl_get_text(L, node, "text_names", "klagevejen", false));
    sl_load_source(L, node, "klagevejen", &r->source);
    if (has_reconsiders && handler_ok)
        check_route(L, node, r);
}

/* The law's default, where the standard names no route: decisions go to
 * the municipality, which reconsiders them, and then to Ankestyrelsen. */
static void default_route(genop_standard *s)
{
    genop_complaint_route *r = &s->complaint_routes[s->n_complaint_routes++];
    r->about = 1u << GENOP_ABOUT_DECISION;
    r->handler = GENOP_HANDLER_ANKESTYRELSEN;
    r->reconsiders = true;
    r->source.law = dup_text("Retssikkerhedsloven");
    r->source.law_paragraph = dup_text("§§ 66-67");
    r->source.citation = dup_text("Retssikkerhedsloven §§ 66-67");
    r->source.note = dup_text(
        "Standarden nævner ingen klagevej, så lovens regel gælder: klagen sendes til kommunen "
        "senest 4 uger efter, at borgeren har fået afgørelsen; kommunen genvurderer den, og "
        "giver den ikke borgeren fuldt medhold, sendes klagen til Ankestyrelsen senest 4 uger "
        "efter, at kommunen modtog den.");
}

void sl_load_complaint_routes(sl_loader *L, struct fy_node *root)
{
    genop_standard *s = sl_standard(L);
    struct fy_node *seq = sl_get_seq(L, root, "complaint_routes", "standarden", false);
    if (!sl_member(root, "complaint_routes")) {
        default_route(s);
        return;
    }
    if (!seq)
        return;
    unsigned taken = 0;
    void *iter = NULL;
    struct fy_node *item;
    while ((item = fy_node_sequence_iterate(seq, &iter)) != NULL)
        load_route(L, item, seq, &taken);
    if (!(taken & (1u << GENOP_ABOUT_DECISION)))
        sl_problem(L, seq, root, "complaint_routes mangler en vej for klager over afgørelsen "
                                 "(about: [decision]); udelad nøglen, hvis teksten intet siger, "
                                 "så gælder lovens regel");
}
