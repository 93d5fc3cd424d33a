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

/* The route as one Danish sentence into buf (cut short safely), e.g.
 * "Klager over afgørelsen sendes til Visitationen, Lindholm Brygge 31,
 * 9400 Nørresundby, som genvurderer sagen. Ændres afgørelsen ikke helt,
 * sendes klagen til Ankestyrelsen." Returns buf. */
const char *genop_complaint_route_text(const genop_complaint_route *r, char *buf, size_t size);

#define GENOP_COMPLAINT_ROUTE_TEXT_MAX 600

#endif
