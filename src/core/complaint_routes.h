/*
 * complaint_routes.h - where a complaint goes, by the standard's
 * `complaint_routes` (standard.h, genop_complaint_route; read by
 * standard_load_complaints.c; docs/standard-format.md).
 *
 * A route names what its complaints are about (the decision, the service
 * level, the professional content), whether the municipality reconsiders
 * them first and in which unit, and who decides them in the end: the
 * municipality alone, Ankestyrelsen, or Styrelsen for Patientklager.
 * Ishøj sends the professional content straight to Styrelsen for
 * Patientklager; every other complaint in the shipped standards goes to
 * the municipality, which reconsiders it, and then to Ankestyrelsen.
 *
 * Where the YAML has no `complaint_routes`, the loader gives the standard
 * the law's default route (retssikkerhedsloven §§ 66-67), so every loaded
 * standard has a route for decisions. Pure: no I/O; strings are static or
 * borrowed from the standard.
 */
#ifndef GENOP_COMPLAINT_ROUTES_H
#define GENOP_COMPLAINT_ROUTES_H

#include <stdbool.h>
#include <stddef.h>

#include "case.h"
#include "standard.h"

/* Names in YAML and JSON: "decision", "service_level", "professional". */
const char *genop_complaint_about_name(genop_complaint_about about);
bool genop_complaint_about_from_name(const char *name, genop_complaint_about *out);
/* Danish, as "Klage over ...": "afgørelsen", "serviceniveauet",
 * "det faglige indhold". */
const char *genop_complaint_about_label_da(genop_complaint_about about);

/* "municipality", "ankestyrelsen", "styrelsen_for_patientklager". */
const char *genop_complaint_handler_name(genop_complaint_handler h);
bool genop_complaint_handler_from_name(const char *name, genop_complaint_handler *out);
/* "kommunen", "Ankestyrelsen", "Styrelsen for Patientklager". */
const char *genop_complaint_handler_label_da(genop_complaint_handler h);

/* The route that takes complaints about `about`: the one that names it,
 * else the standard's route for decisions (a standard that names no route
 * for the service level sends such complaints where decisions go). NULL
 * only for a standard that was not loaded (no route at all). Borrowed from
 * the standard. */
const genop_complaint_route *genop_complaint_route_for(const genop_standard *std,
                                                       genop_complaint_about about);

/* Whether the complaint ev (a complaint_received event) goes to the
 * municipality, which reconsiders it: always for one without `about`
 * (evaluate.md's plain complaint), else as its route says (Ishøj's
 * professional content goes straight to Styrelsen for Patientklager). A
 * complaint that does not is no complaint about the decision to the
 * municipality: evaluate counts no complaint deadline from it, and it
 * keeps no complaint window. */
bool genop_complaint_reconsidered(const genop_standard *std, const genop_event *ev);

/* For ev, a complaint_decided to be added to c: GENOP_OK when a complaint
 * the municipality reconsiders came on or before it, else GENOP_EINVAL
 * with "$.date: ..." in Danish naming where the complaint went. GENOP_OK
 * for any other event, and when c has no complaint at all (the case
 * rules, case_rules.h, refuse that). */
genop_err genop_complaint_admissible(const genop_standard *std, const genop_case *c,
                                     const genop_event *ev, genop_error *e);

/* The route as one Danish sentence into buf (cut short safely), e.g.
 * "Klager over afgørelsen sendes til Visitationen, Lindholm Brygge 31,
 * 9400 Nørresundby, som genvurderer sagen. Ændres afgørelsen ikke helt,
 * sendes klagen til Ankestyrelsen." Returns buf. */
const char *genop_complaint_route_text(const genop_complaint_route *r, char *buf, size_t size);

#define GENOP_COMPLAINT_ROUTE_TEXT_MAX 600

#endif
