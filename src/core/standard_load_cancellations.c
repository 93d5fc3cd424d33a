/*
 * standard_load_cancellations.c - the standard's `cancellations`: what
 * its text says happens when an appointment is cancelled, by the
 * provider (the training unit) or by the citizen (standard.h,
 * genop_cancellation_rule):
 *
 *   cancellations:
 *     provider:
 *       new_time: promised      # or not_offered, or unspecified
 *       source: {section: ..., quote: "..."}
 *     citizen:
 *       new_time: not_offered
 *       source: {...}
 *
 * Both sides are optional (a text that says nothing); a side needs its
 * new_time and a source with a quote, the words it rests on (the unit
 * test test_standard_quotes.c finds each in its seed text). The domain
 * layer acts on it: a provider's cancellation with a promised new time
 * gives the case the worklist task new_time until one is booked; a
 * citizen's with none offered is said, with the source, in the answer.
 */
#include "standard_loader.h"

static void load_side(sl_loader *L, struct fy_node *map, const char *key,
                      genop_cancellation_rule *r)
{
    static const char *const keys[] = {"new_time", "source", NULL};
    struct fy_node *n = sl_get_map(L, map, key, "cancellations", false);
    if (!n)
        return;
    r->present = true;
    sl_check_keys(L, n, key, keys);
    const char *t = sl_get_text(L, n, "new_time", key, true);
    if (t && !genop_new_time_from_name(t, &r->new_time))
        sl_problem(L, sl_member(n, "new_time"), n,
                   "new_time '%.40s' er ukendt; brug promised, not_offered eller unspecified", t);
    sl_load_source(L, n, key, &r->source);
    if (!r->source.law && !r->source.quote)
        sl_problem(L, sl_member(n, "source"), n,
                   "kilden til '%s' skal citere standardens ord (quote)", key);
}

void sl_load_cancellations(sl_loader *L, struct fy_node *root)
{
    static const char *const keys[] = {"provider", "citizen", NULL};
    struct fy_node *c = sl_get_map(L, root, "cancellations", "standarden", false);
    if (!c)
        return;
    sl_check_keys(L, c, "cancellations", keys);
    genop_standard *s = sl_standard(L);
    load_side(L, c, "provider", &s->cancel_by_provider);
    load_side(L, c, "citizen", &s->cancel_by_citizen);
}
