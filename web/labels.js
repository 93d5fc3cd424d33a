// labels.js - the Danish words for the API's codes. A code without a
// word here is shown as it is, so nothing the server says is hidden.

import { shortDate, weekdayDay, weekText } from './dates.js';

const EVENT_TYPES = {
  referral_received: 'Henvendelse modtaget',
  contacted: 'Kontakt til borgeren',
  assessment: 'Udredning/samtale',
  decision: 'Afgørelse',
  decision_received: 'Borgeren modtog afgørelsen',
  grant_received: 'Bevilling modtaget',
  session: 'Træningsgang',
  closed: 'Forløbet afsluttet',
  complaint_received: 'Klage modtaget',
  complaint_decided: 'Klage genvurderet',
  complaint_forwarded: 'Klage videresendt til Ankestyrelsen',
  hospital_plan: 'Genoptræningsplan fra sygehus',
  previous_course: 'Tidligere forløb',
  function_status: 'Udredning (FSIII)',
  admitted: 'Indlagt på sygehus',
  assigned: 'Ansvarlig tildelt',
  appeal_decided: 'Ankestyrelsens afgørelse',
  note: 'Journalnotat',
  correction: 'Rettelse',
};

export const OUTCOMES = {
  attended: 'fremmødt',
  citizen_cancelled: 'afbud',
  no_show: 'udeblevet',
  provider_cancelled: 'aflyst af os',
};

export const SESSION_KINDS = { training: 'træning', assessment: 'udredning' };

export const UPHELD = {
  full: 'fuldt medhold',
  partial: 'delvist medhold',
  none: 'intet medhold',
};

// A complaint: how it came and what it is about; Ankestyrelsen's ruling
// (shared/spec/letters.md section 3; docs/complaints.md).
export const COMPLAINT_CHANNELS = { oral: 'Mundtligt', written: 'Skriftligt' };
export const COMPLAINT_ABOUT = {
  decision: 'Afgørelsen',
  service_level: 'Serviceniveauet (ventetider, organisering, omfang)',
  professional: 'Det faglige indhold i træningen',
};
export const APPEAL_OUTCOMES = {
  upheld: 'Stadfæstet',
  changed: 'Ændret',
  annulled: 'Ophævet',
  remitted: 'Hjemvist',
};

// A grant's form and place (shared/spec/letters.md section 1).
export const GRANT_FORMS = {
  team: 'Holdtræning',
  individual: 'Individuel træning',
  self_training: 'Egentræning med vejledning',
};
export const GRANT_PLACES = {
  centre: 'Træningscenter',
  home: 'I hjemmet',
  local_area: 'I nærmiljøet',
};

// The reasons a course may end are the municipality's standard's
// (GET /api/v1/standard, closure_reasons): its own and genop's general
// ones, defined once in src/core/closure_reasons.c.
// A closure's reason by its label in the standard's list, else as it is.
export function closeReason(id, reasons) {
  const r = (reasons || []).find((x) => x.id === id);
  return r ? r.label : id;
}

const DEADLINE_STATUS = {
  met: 'Overholdt',
  late: 'Overholdt for sent',
  pending: 'Åben',
  overdue: 'Overskredet',
};

const ROLES = {
  visitator: 'visitator',
  terapeut: 'terapeut',
  leder: 'leder',
  admin: 'administrator',
};

const ACTIONS = {
  'case.create': 'Oprettede sagen',
  'case.read': 'Læste sagen',
  'case.list': 'Så sagslisten',
  'event.append': 'Registrerede en hændelse',
  'event.reject': 'Forsøgte at registrere en hændelse (afvist)',
  'event.preview': 'Prøvede en hændelse mod standardens grænser (intet gemt)',
  'worklist.read': 'Så opgavelisten',
  'accesslog.read': 'Læste adgangsloggen',
  'case.search': 'Så borgeren i et søgeresultat',
  'citizen.search': 'Så borgeren i et søgeresultat (adgangslog)',
  'letter.make': 'Lavede et brev',
  'letter.preview': 'Så et udkast til et brev (intet gemt)',
  'letter.list': 'Så sagens breve',
  'letter.read': 'Læste et brev',
  'letter.send': 'Sendte et brev',
  'print.queue': 'Så udskriftskøen',
  'print.pdf': 'Hentede breve til udskrift',
  'print.done': 'Markerede breve som udskrevet',
  'citizen.access_report': 'Lavede aktindsigt til borgeren',
  'case.appeal_bundle': 'Samlede sagens akter til Ankestyrelsen',
  'citizen.identity': 'Sammenholdt en henvendelses navn med borgerens',
};

// Where a case stands (the API's `status`), as the case list says it.
export const CASE_STATUS = {
  referred: 'Henvist',
  granted: 'Bevilget',
  training: 'I træning',
  refused: 'Afslag',
  complaint: 'Klage',
  closed: 'Afsluttet',
  open: 'Åben',
};

// A user account's state and the audit log's actions (views/brugere.js,
// views/brugerlog.js; src/casework/users_admin.h).
const USER_STATES = {
  active: 'Aktiv',
  locked: 'Låst',
  deactivated: 'Deaktiveret',
};

const USER_ACTIONS = {
  'user.create': 'Oprettet',
  'user.password_reset': 'Ny adgangskode',
  'user.lock': 'Låst',
  'user.unlock': 'Låst op',
  'user.deactivate': 'Deaktiveret',
  'login.refused': 'Login afvist',
  'login.blocked': 'Spærret efter mislykkede logins',
};

export const eventType = (t) => EVENT_TYPES[t] || t;
export const outcome = (o) => OUTCOMES[o] || o;
export const sessionKind = (k) => SESSION_KINDS[k] || k;
export const upheld = (u) => UPHELD[u] || u;
export const complaintChannel = (c) => (COMPLAINT_CHANNELS[c] || c).toLowerCase();
export const complaintAbout = (a) => (COMPLAINT_ABOUT[a] || a).toLowerCase();
export const appealOutcome = (o) => (APPEAL_OUTCOMES[o] || o).toLowerCase();
export const deadlineStatus = (s) => DEADLINE_STATUS[s] || s;
export const role = (r) => ROLES[r] || r;
export const action = (a) => ACTIONS[a] || a;
export const userState = (s) => USER_STATES[s] || s;
export const userAction = (a) => USER_ACTIONS[a] || a;
export const caseStatus = (s) => CASE_STATUS[s] || s;

// "§ 86, stk. 1" for "86.1".
export function paragraph(p) {
  const m = /^86\.([12])$/.exec(p || '');
  return m ? `§ 86, stk. ${m[1]}` : p || '';
}

export const URGENCY = {
  overdue: 'Overskredet',
  today: 'Forfalder i dag',
  soon: 'Inden for 2 hverdage',
  later: 'Senere',
};

// How soon an open deadline is due, for the worklist's colours:
// { key, text } with key one of overdue, today, soon, later.
export function urgency(item, asOf) {
  let key = 'later';
  if (item.status === 'overdue') key = 'overdue';
  else if (item.due === asOf) key = 'today';
  else if (typeof item.workdays_left === 'number' && item.workdays_left <= 2) key = 'soon';
  return { key, text: URGENCY[key] };
}

const workdays = (n) => `${n} ${n === 1 ? 'hverdag' : 'hverdage'}`;

// Where an open deadline or task stands beside its due date: "3 hverdage
// tilbage", "forfalder i dag", "overskredet med 2 hverdage". Past its due
// date with no workday since (due on a Friday, read on the Sunday, or over
// Easter) it "forfaldt fredag 4.12.": "ingen hverdage tilbage" said the
// opposite of the truth.
export function dueText(item, asOf) {
  const n = item.workdays_left;
  if (typeof n !== 'number') return '';
  const overdue = item.status === 'overdue' || (asOf && item.due && item.due < asOf);
  if (overdue) return n < 0 ? `overskredet med ${workdays(-n)}` : `forfaldt ${weekdayDay(item.due)}`;
  if (item.due === asOf) return 'forfalder i dag';
  return n > 0 ? `${workdays(n)} tilbage` : `forfalder ${weekdayDay(item.due)}`;
}

// The citizen's own deadline (the complaint window: api.md, owner
// "citizen") in words: never the municipality's breach, so never
// "Overskredet". "Klagefristen udløb 26.11.2026", "Klagefristen udløber
// 26.11.2026", or whether the complaint came within it.
export function citizensDeadline(d, asOf) {
  const what = d.id === 'complaint_window' ? 'Klagefristen' : 'Borgerens frist';
  if (d.status === 'met') return d.id === 'complaint_window' ? 'Klagen kom inden fristen' : 'Overholdt';
  if (d.status === 'late') return d.id === 'complaint_window' ? 'Klagen kom efter fristen' : 'Overholdt for sent';
  const past = d.status === 'overdue' || (asOf && d.due < asOf);
  return `${what} ${past ? 'udløb' : 'udløber'} ${shortDate(d.due)}`;
}

// What each limit counts, in the singular and plural.
export const LIMIT_UNITS = {
  sessions: ['træningsgang', 'træningsgange'],
  assessment_sessions: ['udredningsgang', 'udredningsgange'],
  sessions_per_week: ['træningsgang', 'træningsgange'],
  minutes_per_week: ['minut', 'minutter'],
  course_length: ['dag', 'dage'],
};

// "3 træningsgange", "1 minut": n of what limit id counts.
export function limitCount(id, n) {
  const [one, many] = LIMIT_UNITS[id] || ['', ''];
  const unit = n === 1 ? one : many;
  return unit ? `${n} ${unit}` : String(n);
}

// The sentence that warns before a session is saved (views/forms.js): it
// names the limit, its source and where the case would stand. l is a
// limit of the dry run's `exceeds` (the evaluation's limit object).
export function limitExceededText(l) {
  const name = `Denne træningsgang overskrider grænsen »${l.label || l.id}«` +
    `${l.source ? ` (kilde: ${l.source})` : ''}`;
  if (l.id === 'course_length') {
    return `${name}: forløbet må vare til ${shortDate(l.last_day)}.`;
  }
  return `${name}: ${l.used} af højst ${limitCount(l.id, l.max)}${l.period ? ` i ${weekText(l.period)}` : ''}.`;
}
