/*
 * standard_loader.h - the YAML loader's own interface, shared between
 * standard_load.c (the walk of the document, the getters, the positions of
 * problems) and the files that load further parts of a standard
 * (standard_load_parts.c: closure_reasons and revision;
 * standard_load_documentation.c: documentation; standard_load_criteria.c:
 * criteria). Nothing outside
 * the loader includes it; everyone else uses standard_load.h.
 *
 * Every getter reports a problem at the node's FILE:LINE:COLUMN, in
 * Danish, and carries on, so one run finds every problem in a file; a
 * getter that fails returns NULL or false and leaves its output alone.
 * Texts returned are borrowed from the YAML document, valid until the
 * parse ends: copy what the standard keeps.
 */
#ifndef GENOP_STANDARD_LOADER_H
#define GENOP_STANDARD_LOADER_H

#include <libfyaml.h>
#include <stdbool.h>

#include "standard.h"

/* One run of the loader (standard_load.c). */
typedef struct loader sl_loader;

/* The standard being built (owned by the loader until it succeeds). */
genop_standard *sl_standard(sl_loader *L);

/* Reports a problem at node (or, when node has no position, at fallback). */
void sl_problem(sl_loader *L, struct fy_node *node, struct fy_node *fallback,
                const char *fmt, ...) __attribute__((format(printf, 4, 5)));

/* The value of key in map, or NULL; reports nothing. */
struct fy_node *sl_member(struct fy_node *map, const char *key);

/* Reports every key of map not in allowed (NULL-terminated); `what` names
 * the mapping in the message ("en afslutningsgrund"). */
void sl_check_keys(sl_loader *L, struct fy_node *map, const char *what,
                   const char *const *allowed);

/* A member that must be a mapping / a list; NULL if absent (a problem
 * when required) or of the wrong kind (always a problem). */
struct fy_node *sl_get_map(sl_loader *L, struct fy_node *map, const char *key,
                           const char *what, bool required);
struct fy_node *sl_get_seq(sl_loader *L, struct fy_node *map, const char *key,
                           const char *what, bool required);

/* A scalar member's text; NULL when absent, empty or not a text. */
const char *sl_get_text(sl_loader *L, struct fy_node *map, const char *key,
                        const char *what, bool required);

/* A plain integer member in [min, max] into *out; false otherwise. */
bool sl_get_int(sl_loader *L, struct fy_node *map, const char *key, const char *what,
                bool required, long min, long max, int *out);

/* A plain true/false member into *out; false when absent (a problem when
 * required) or not a boolean. */
bool sl_get_bool(sl_loader *L, struct fy_node *map, const char *key, const char *what,
                 bool required, bool *out);

/* The required `unit` of map into *out; false when absent or unknown. */
bool sl_load_unit(sl_loader *L, struct fy_node *map, const char *what, genop_unit *out);

/* The required `source` of map into *src (its texts copied, the citation
 * formed), as every rule's source is read. */
void sl_load_source(sl_loader *L, struct fy_node *map, const char *what, genop_source *src);

/* The optional `paragraphs` of map (a list of "86.1"/"86.2", each one the
 * standard covers), or the standard's own paragraphs without it. */
unsigned sl_load_paragraphs(sl_loader *L, struct fy_node *map, const char *what);

/* True for an id of 1-40 characters a-z, 0-9 and _. */
bool sl_valid_id(const char *s);

/* standard_load_parts.c: the optional top-level `closure_reasons` and
 * `revision` of root, into the standard. */
void sl_load_closure_reasons(sl_loader *L, struct fy_node *root);
void sl_load_revision(sl_loader *L, struct fy_node *root);

/* standard_load_complaints.c: the optional top-level `complaint_routes`
 * of root, or the law's default route without them, into the standard. */
void sl_load_complaint_routes(sl_loader *L, struct fy_node *root);

/* standard_load_quotes.c: reports every single-quoted scalar under root
 * that libfyaml 0.7.12 would read wrong (text is the source the document
 * was built from); true when there is none and the loader may read. */
bool sl_check_single_quotes(sl_loader *L, struct fy_node *root, const char *text, size_t len);

/* standard_load_documentation.c: the optional top-level `documentation`
 * of root (end_status), into the standard. */
void sl_load_documentation(sl_loader *L, struct fy_node *root);

/* standard_load_criteria.c: the optional top-level `criteria` of root
 * (who can and cannot receive training), into the standard. */
void sl_load_criteria(sl_loader *L, struct fy_node *root);

/* standard_load_cancellations.c: the optional top-level `cancellations`
 * of root (what a cancellation by the provider or the citizen brings). */
void sl_load_cancellations(sl_loader *L, struct fy_node *root);

/* standard_load_letters.c: the optional top-level `letters` of root (the
 * letterhead, `sender`), into the standard. */
void sl_load_letters(sl_loader *L, struct fy_node *root);

#endif
