// views/complaints.js - complaints on the case page (docs/complaints.md):
// where a complaint goes by the municipality's standard (GET
// /api/v1/standard, complaint_routes: Ishøj sends the professional
// content straight to Styrelsen for Patientklager, every other complaint
// goes to the municipality, which reconsiders it, then to Ankestyrelsen),
// shown in the complaint form as its topic is chosen and under the
// complaint on the timeline; and the warning on a case that
// Ankestyrelsen remitted (hjemvist), which waits for a new decision and
// is on the worklist as new_decision until it is registered.

import { shortDate } from '../dates.js';
import { h } from '../dom.js';

// The route of a complaint about `about` (decision, service_level,
// professional): the route that names it, else the route for decisions
// (complaint_routes.h). Null when the standard could not be read.
export function routeFor(std, about) {
  const routes = (std && std.complaint_routes) || [];
  return routes.find((r) => (r.about || []).includes(about || 'decision'))
    || routes.find((r) => (r.about || []).includes('decision')) || null;
}

// Where a complaint goes, in words: the route's sentence and its source.
export function routeText(route) {
  if (!route) return 'Standarden kunne ikke hentes; klagevejen kan ikke vises.';
  const source = route.source && route.source.citation ? ` (kilde: ${route.source.citation})` : '';
  return `${route.text}${source}`;
}

// The line under the complaint form's topic (a radio group, id groupId):
// where the chosen complaint goes, kept up to date as the topic changes.
export function routeHelp(group, std, groupId) {
  const help = h('p', { class: 'help complaint-route', id: `${groupId}-route`, 'aria-live': 'polite' },
    'Vælg, hvad klagen handler om, så vises, hvor den skal hen.');
  group.addEventListener('change', (e) => {
    if (e.target.name === 'about') help.textContent = routeText(routeFor(std, e.target.value));
  });
  return help;
}

// Under a complaint on the timeline: where it went (its topic's route;
// a complaint without a topic is about the decision). Null without the
// standard.
export function complaintRouteLine(e, std) {
  const route = routeFor(std, e.about);
  if (!route) return null;
  return h('p', { class: 'event-route' }, routeText(route));
}

// The ruling that remitted the case when no decision has followed it in
// events (current, sorted), else null.
function remittedBy(events) {
  let latest = null;
  for (const e of events) if (e.type === 'decision' || e.type === 'appeal_decided') latest = e;
  return latest && latest.type === 'appeal_decided' && latest.outcome === 'remitted' ? latest : null;
}

// For the case page: Ankestyrelsen remitted the case and it waits for a
// new decision (a closed case: withdraw the closure first); null
// otherwise. events: the case's current events, sorted.
export function remittedWarning(events, closed) {
  const ruling = remittedBy(events);
  if (!ruling) return null;
  const closedAfter = events.some((e) => e.type === 'closed' && e.date >= ruling.date);
  if (closedAfter) return null;
  return h('div', { class: 'warning', id: 'remitted-warning' },
    h('p', null, h('strong', null, 'Ankestyrelsen har hjemvist sagen. '),
      `Ankestyrelsen sendte ${shortDate(ruling.date)} sagen tilbage til kommunen, som skal træffe en ny afgørelse. `,
      closed ? 'Sagen er afsluttet: træk afslutningen tilbage med en rettelse, og registrér derefter den nye afgørelse. '
        : 'Registrér den nye afgørelse under Afgørelse. ',
      'Indtil da står sagen på opgavelisten som »Ny afgørelse«.'));
}
