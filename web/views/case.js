// views/case.js - "Sagen": one case (GET /api/v1/cases/{id}) as the
// API gives it to the user's role: the citizen (only the fields the
// role may see come back), the referral, every deadline with its due
// date, status, rule and source in the standard's own words, the limits
// used so far as bars with the numbers in words (a weekly limit: the
// current week, the worst week beside it, "uge 47, 2026"; the course's
// length in the standard's unit to its last day, "4 måneder (til
// 12.03.2027)", from GET /api/v1/standard; a limit the grant goes
// beyond by a recorded exception says so, with its reason), attendance
// with a warning when the review limit is reached or (where the standard says
// so) the citizen was admitted to hospital during the course, the
// eligibility findings, who is responsible for the case (its visitator
// and therapist, changed there too; views/assign.js), the udredning
// (FSIII function levels and the
// citizen's goals at start and end, and the change between them;
// views/udredning.js), and a
// timeline of every event with its author and registration time.
// The actions the role may register are buttons that open small forms
// (views/forms.js): what can happen next at the case's stage (the API's
// `status`), the rest behind "Flere". An overdue deadline says how long it has been
// overdue ("overskredet med 2 hverdage", at a weekend "forfaldt fredag
// 4.12."); the citizen's complaint window reads as the citizen's
// deadline ("Klagefristen udløb 26.11.2026"), never as the municipality's
// "Overskredet". A closed course without the end status its standard
// requires says so (views/endstatus.js). Another municipality's case is
// 404, shown as such. The FSIII code list (GET /api/v1/fsiii) and the
// municipality's standard (GET /api/v1/standard: the reasons a course may
// end, for the close form and a closure's reason by its label; its
// criteria, for the refusal form and a refusal's reasons on the timeline,
// views/refusal.js; its limits, for the grant's rules and exceptions) are
// fetched alongside the case. "Bevilling" shows the grant in force (the
// latest decision's: what, since when, its exceptions to the standard
// with their reasons), and the timeline each decision's grant and which
// replaced which (views/decision.js). "Breve": the case's letters, making
// and sending them, the prompt to write a registered decision's letter,
// and the citizen's aktindsigt (views/letters.js). "Tider": the case's
// appointments, "Book tid" with the proposals, a series, cancelling
// (views/appointments.js).

import { get } from '../api.js';
import { longDate, shortDate, dateTime, isoWeekId, weekText } from '../dates.js';
import { h, replace, facts } from '../dom.js';
import * as labels from '../labels.js';
import { missingWarning } from './endstatus.js';
import { actionsFor, renderActions, currentEvents } from './forms.js';
import { refusalReasons } from './refusal.js';
import { complaintRouteLine, remittedWarning } from './complaints.js';
import { grantSection, grantTimeline, grantHistory } from './decision.js';
import { assignSection } from './assign.js';
import { udredningSection } from './udredning.js';
import { lettersSection, fetchLetters, accessReportPart } from './letters.js';
import { appointmentsSection, fetchAppointments } from './appointments.js';

const UNCHECKED = {
  age: 'Alder: borgerens fødselsdato kendes ikke',
  residency: 'Bopæl: borgerens kommune kendes ikke',
  hospital_plan: 'Genoptræningsplan fra sygehus',
  quarantine: 'Tidligere forløb: henvendelsen nævner ingen lidelse at sammenligne med',
};

const section = (id, title, ...body) => h('section', { class: 'card', 'aria-labelledby': id },
  h('h2', { id }, title), body);

export async function render(main, params, ctx, flash) {
  const id = Number(params[0]);
  let data;
  let fsiii;
  let std;
  let letters;
  let appointments;
  try {
    // The code list and the standard are not personal data; if either
    // fails, the case still shows (so it does without its letters).
    [data, fsiii, std, letters, appointments] = await Promise.all([get(`/cases/${id}`), get('/fsiii').catch(() => null),
      get('/standard').catch(() => null), fetchLetters(id), fetchAppointments(id)]);
  } catch (err) {
    if (err.status === 404) {
      if (ctx.stale()) return 'Sagen findes ikke';
      replace(main, h('h1', null, 'Sagen findes ikke'),
        h('p', { class: 'error-text', id: 'case-missing' }, err.message),
        h('p', null, 'Sagen findes ikke i din kommune, eller nummeret er forkert. ',
          h('a', { href: '#/' }, 'Tilbage til opgaverne')));
      return 'Sagen findes ikke';
    }
    throw err;
  }
  if (ctx.stale()) return '';
  const citizen = data.citizen || {};
  const kase = data.case || {};
  const ev = data.evaluation || {};
  const reasons = (std && std.closure_reasons) || null;
  const criteria = (std && std.criteria) || null;
  const name = citizen.name || `Borger ${citizen.id}`;
  const title = `${name} – sag ${data.id}`;

  const status = h('p', { class: 'flash', id: 'case-flash', role: 'status', tabindex: '-1' }, flash || '');
  const warnings = [];
  // A closed course needs no review any more.
  if (ev.attendance && ev.attendance.status === 'review' && !kase.closed) {
    warnings.push(attendanceWarning(ev.attendance));
  }
  for (const w of ev.warnings || []) warnings.push(h('p', { class: 'warning' }, w.detail || w.id));
  const endStatus = missingWarning(data);
  if (endStatus) warnings.push(endStatus);
  const remitted = remittedWarning(currentEvents(data), kase.closed);
  if (remitted) warnings.push(remitted);

  const actions = actionsFor(ctx.session, data);
  const rerender = async (message) => {
    const t = await render(main, params, ctx, message);
    ctx.rerendered(t);
    const f = document.getElementById('case-flash');
    if (f) f.focus();
  };
  const mail = lettersSection(data, letters, ctx, rerender);

  replace(main,
    h('div', { class: 'page-head' },
      h('p', { class: 'crumbs' }, h('a', { href: '#/sager' }, 'Sager'), ' › ', `Sag ${data.id}`),
      h('h1', null, name, h('span', { class: 'h1-sub' }, ` – sag ${data.id}`)),
      h('p', { class: 'lead' },
        labels.paragraph(kase.paragraph || ev.paragraph), ' · ',
        kase.closed ? 'Afsluttet' : 'Åben', ' · vurderet efter ',
        h('span', { class: 'nowrap' }, `standarden for ${ctx.session.municipality?.name || ev.standard}`),
        ' pr. ', h('time', { datetime: ev.as_of }, longDate(ev.as_of)))),
    status,
    mail.prompt,
    warnings,
    h('div', { class: 'case-grid' },
      h('div', { class: 'case-side' },
        citizenSection(citizen, ctx),
        referralSection(kase),
        grantSection(currentEvents(data), std, ev.as_of),
        assignSection(data, ctx, rerender),
        actions.next.length + actions.more.length ? renderActions(actions, data, ctx, rerender, reasons, std) : null),
      h('div', { class: 'case-main' },
        deadlinesSection(ev),
        appointmentsSection(data, appointments, ctx),
        mail.section,
        limitsSection(ev, data, std),
        attendanceSection(ev.attendance, kase.closed),
        eligibilitySection(ev.eligibility),
        udredningSection(data, fsiii, ctx.session.role, rerender),
        timelineSection(data.events || [], reasons, kase.end_reasons || [], criteria,
          { std, history: grantHistory(currentEvents(data)) }))));
  return title;
}

// The contact person as one line: "Lone Berg (datter), tlf. 20 30 40 50".
function contactText(k) {
  if (!k || !k.name) return null;
  return `${k.name}${k.relation ? ` (${k.relation})` : ''}${k.phone ? `, tlf. ${k.phone}` : ''}`;
}

function citizenSection(c, ctx) {
  const yesNo = (b) => (b === true ? 'ja' : b === false ? 'nej' : null);
  const list = facts([
    ['Navn', c.name],
    ['CPR-nummer', c.cpr],
    ['Fødselsdato', c.birth_date ? longDate(c.birth_date) : null],
    ['Alder', typeof c.age === 'number' ? `${c.age} år` : null],
    ['Adresse', c.address],
    ['Telefon', c.phone],
    ['Pårørende', c.relatives],
    ['Kontaktperson', contactText(c.contact)],
    ['Fritaget for Digital Post', yesNo(c.digital_post_exempt)],
    ['Bopælskommune', typeof c.municipality_code === 'number' ? (c.municipality_name ? `${c.municipality_name} (kommunekode ${c.municipality_code})` : `Kommunekode ${c.municipality_code}`) : null],
    ['Borger-id i genop', c.id !== undefined ? String(c.id) : null],
  ]);
  const log = ['leder', 'admin'].includes(ctx.session.role) && c.id
    ? h('p', null, h('a', { href: `#/adgangslog/${Number(c.id)}` }, 'Se adgangsloggen for borgeren'))
    : null;
  return section('sec-citizen', 'Borger', list, log, accessReportPart(c, ctx));
}

function referralSection(k) {
  return section('sec-referral', 'Henvendelse', facts([
    ['Paragraf', labels.paragraph(k.paragraph)],
    ['Modtaget', k.referral_date ? longDate(k.referral_date) : null],
    ['Henvist af', k.source],
    ['Samtykke', k.consent === true ? 'borgeren har givet samtykke' : k.consent === false ? 'nej' : null],
    ['Lidelse', k.condition],
    ['Beskrivelse', k.text],
    ['Status', k.closed ? 'afsluttet' : 'åben'],
    ['Næste frist', k.next_due ? longDate(k.next_due) : null],
  ]));
}

function deadlineBadge(d, asOf) {
  let key;
  let text;
  if (d.owner === 'citizen') [key, text] = ['citizen', labels.citizensDeadline(d, asOf)];
  else if (d.status === 'met') [key, text] = ['met', 'Overholdt'];
  else if (d.status === 'late') [key, text] = ['late', 'Overholdt for sent'];
  else {
    const u = labels.urgency(d, asOf);
    [key, text] = [u.key, d.status === 'overdue' ? 'Overskredet' : `Åben – ${u.text.toLowerCase()}`];
  }
  return h('span', { class: `badge status-${key}` }, h('span', { class: 'status-dot', 'aria-hidden': 'true' }), text);
}

function deadlinesSection(ev) {
  const list = ev.deadlines || [];
  const body = list.length === 0
    ? h('p', { class: 'empty' }, 'Standarden giver ingen frister for sagen endnu.')
    : h('ul', { class: 'deadlines', id: 'deadlines' }, list.map((d) => h('li', { class: 'deadline', 'data-deadline': d.id },
      h('div', { class: 'deadline-head' },
        h('h3', null, d.label || d.id),
        deadlineBadge(d, ev.as_of)),
      facts([
        ['Forfalder', h('span', null, h('time', { datetime: d.due }, longDate(d.due)),
          d.done || d.owner === 'citizen' ? null : h('span', { class: 'sub' }, labels.dueText(d, ev.as_of)))],
        ['Udført', d.done ? longDate(d.done) : 'ikke endnu'],
        ['Regnes fra', d.from ? longDate(d.from) : null],
        ['Regel', d.rule],
        ['Borgerens frist', d.owner === 'citizen' ? 'ja, det er borgerens egen frist' : null],
      ], 'facts compact'),
      h('p', { class: 'source' }, h('span', { class: 'source-label' }, 'Kilde: '), d.source || 'ukendt'))));
  return section('sec-deadlines', 'Frister', body);
}

// A length in the standard's own unit and amount ("4 måneder").
const LENGTH_UNITS = { days: ['dag', 'dage'], workdays: ['hverdag', 'hverdage'], weeks: ['uge', 'uger'],
  months: ['måned', 'måneder'] };
function lengthText(rule) {
  const [one, many] = LENGTH_UNITS[rule.unit] || [];
  return one ? `${rule.max} ${rule.max === 1 ? one : many}` : null;
}

// What the counting sessions of the ISO week of asOf add up to (either
// kind; a session the unit cancelled does not count): the week's
// sessions or minutes, as the limit id counts them.
function weekUse(data, asOf, id) {
  const week = isoWeekId(asOf);
  return currentEvents(data)
    .filter((e) => e.type === 'session' && e.outcome !== 'provider_cancelled' && isoWeekId(e.date) === week)
    .reduce((n, e) => n + (id === 'minutes_per_week' ? (e.minutes || 0) : 1), 0);
}

// One limit's bar and words: { value, words, over, note }: over when
// what the bar shows is past the limit. A weekly limit of an open course
// shows the current week, and beside it (note) the worst week when that
// is another; the course's length is in the standard's unit, to its last
// allowed day.
function limitWords(l, ev, data, std, closed) {
  const exceeded = l.status === 'exceeded';
  const max = `højst ${labels.limitCount(l.id, l.max)}`;
  if (l.id === 'course_length') {
    const rule = ((std && std.limits) || []).find((r) => r.id === 'course_length');
    const length = (rule && lengthText(rule)) || labels.limitCount(l.id, l.max);
    return { value: l.used, over: exceeded, words: `${labels.limitCount(l.id, l.used)} af højst ${length}` +
      `${l.last_day ? ` (til ${shortDate(l.last_day)})` : ''}` };
  }
  if (l.id !== 'sessions_per_week' && l.id !== 'minutes_per_week') {
    return { value: l.used, over: exceeded, words: `${l.used} af ${max}` };
  }
  const worst = l.period ? `Værste uge: ${weekText(l.period)}: ${l.used} af ${l.max}` : null;
  if (closed) return { value: l.used, over: exceeded, words: worst ? `${worst} (${max})` : `0 af ${max} i en uge` };
  const now = weekUse(data, ev.as_of, l.id);
  const current = isoWeekId(ev.as_of);
  return { value: now, over: now > l.max, words: `${now} af ${max} i denne uge (${weekText(current)})`,
    note: worst && l.period !== current ? worst : null };
}

function limitsSection(ev, data, std) {
  const list = ev.limits || [];
  if (list.length === 0) {
    return section('sec-limits', 'Grænser', h('p', { class: 'empty' }, 'Standarden sætter ingen grænser for forløbets omfang.'));
  }
  const closed = Boolean((data.case || {}).closed);
  return section('sec-limits', 'Grænser', h('ul', { class: 'limits', id: 'limits' }, list.map((l) => {
    const pid = `limit-${l.id}`;
    const exceeded = l.status === 'exceeded';
    const { value, words, over, note } = limitWords(l, ev, data, std, closed);
    const top = Math.max(l.max, 1);
    return h('li', { class: `limit${exceeded ? ' exceeded' : ''}` },
      h('label', { for: pid }, l.label || l.id),
      h('progress', { id: pid, max: String(top), value: String(Math.min(value, top)),
        'aria-describedby': `${pid}-text${note ? ` ${pid}-worst` : ''}${l.exception ? ` ${pid}-exception` : ''}` }),
      h('p', { class: `limit-text${over ? ' over' : ''}`, id: `${pid}-text` }, over ? h('strong', null, 'Overskredet: ') : null, words),
      note ? h('p', { class: 'limit-worst', id: `${pid}-worst` }, exceeded ? h('strong', null, 'Overskredet: ') : null, note) : null,
      // A limit the grant in force goes beyond by a recorded exception.
      l.exception ? h('p', { class: 'limit-exception', id: `${pid}-exception` }, h('strong', null, 'Undtagelse: '),
        `højst ${l.max} i stedet for standardens ${l.exception.standard_max ?? '?'}, bevilget ${shortDate(l.exception.decided)}. `,
        `Begrundelse: ${l.exception.reason}`) : null,
      l.source ? h('p', { class: 'source' }, h('span', { class: 'source-label' }, 'Kilde: '), l.source) : null);
  })));
}

// What the standard's review limit counts (a.counts): no-shows, or
// no-shows and the citizen's cancellations, and whether it is reached.
function countedReview(a) {
  const withCancellations = a.counts !== 'no_shows';
  const text = `${a.no_shows} ${a.no_shows === 1 ? 'udeblivelse' : 'udeblivelser'}` +
    (withCancellations && a.citizen_cancellations ? ` og ${a.citizen_cancellations} afbud` : '');
  const counted = (a.no_shows ?? 0) + (withCancellations ? (a.citizen_cancellations ?? 0) : 0);
  const reached = typeof a.review_limit === 'number' && counted >= a.review_limit;
  return { text, reached };
}

// "Borgeren blev indlagt 12.03.2026 under forløbet" (or "... 2 gange
// under forløbet, senest ..."): the hospital admissions during the course.
function admissionsText(a) {
  return a.admissions === 1 ? `Borgeren blev indlagt ${shortDate(a.last_admission)} under forløbet`
    : `Borgeren blev indlagt ${a.admissions} gange under forløbet, senest ${shortDate(a.last_admission)}`;
}

const sourceLine = (src, label = 'Kilde: ') => (src
  ? h('p', { class: 'source' }, h('span', { class: 'source-label' }, label), src) : null);

// Why the course is up for review: the review limit is reached, or the
// citizen was admitted to hospital during the course where the standard
// says so (a.admission_detail is set exactly then), or both.
function attendanceWarning(a) {
  const count = countedReview(a);
  return h('div', { class: 'warning', id: 'attendance-warning' },
    count.reached ? [
      h('p', null, h('strong', null, 'Advarsel: grænsen for fremmøde er nået. '),
        `Borgeren har ${count.text}; standardens grænse er ${a.review_limit}. Forløbet skal revurderes og kan afsluttes.`),
      sourceLine(a.source)] : null,
    a.admission_detail ? [
      h('p', { id: 'admission-warning' }, h('strong', null, 'Advarsel: indlæggelse under forløbet. '),
        `${admissionsText(a)}: forløbet skal revurderes.`),
      sourceLine(a.admission_source)] : null);
}

// The hospital admissions during the course, and what they mean under
// this standard (a rule: the course is up for review; none: only noted),
// under their own heading with the admission rule's source.
function admissionsNote(a, closed) {
  if (!a.admissions) return null;
  let text = `${admissionsText(a)}.`;
  if (!a.admission_source) text += ' Standarden siger ikke, at en indlæggelse kan afslutte forløbet.';
  else if (!closed) text = `${admissionsText(a)}: forløbet skal revurderes.`;
  return h('div', { class: 'admissions', id: 'admissions' },
    h('h3', null, 'Indlæggelse'), h('p', null, text), sourceLine(a.admission_source));
}

function attendanceStatus(a, closed) {
  if (a.status !== 'review') return 'i orden';
  const why = [countedReview(a).reached ? (closed ? 'grænsen blev nået' : 'grænsen er nået') : null,
    a.admission_detail ? 'borgeren blev indlagt' : null].filter(Boolean).join(' og ');
  return closed ? why : `${why}: forløbet skal revurderes`;
}

function attendanceSection(a, closed) {
  if (!a) return null;
  return section('sec-attendance', 'Fremmøde',
    facts([
      ['Udeblivelser', String(a.no_shows ?? 0)],
      ['Afbud fra borgeren', String(a.citizen_cancellations ?? 0)],
      ['Grænse for revurdering', a.review_limit === null || a.review_limit === undefined ? 'ingen' : String(a.review_limit)],
      ['Tæller med', a.counts === 'no_shows' ? 'udeblivelser'
        : a.counts === 'no_shows_and_cancellations' ? 'udeblivelser og afbud' : null],
      ['Indlæggelser under forløbet', a.admissions || a.admission_source ? String(a.admissions ?? 0) : null],
      ['Status', attendanceStatus(a, closed)],
    ]),
    sourceLine(a.source),
    admissionsNote(a, closed));
}

function eligibilitySection(e) {
  if (!e) return null;
  const findings = e.findings || [];
  const unchecked = e.unchecked || [];
  return section('sec-eligibility', 'Betingelser for at få træning',
    h('p', null, e.eligible ? 'Borgeren opfylder standardens betingelser.' : h('strong', null, 'Borgeren opfylder ikke standardens betingelser.')),
    findings.length ? h('ul', { class: 'findings' }, findings.map((f) => h('li', null, f.detail || f.id,
      f.source ? h('p', { class: 'source' }, h('span', { class: 'source-label' }, 'Kilde: '), f.source) : null))) : null,
    unchecked.length ? h('div', null, h('p', null, 'Kunne ikke kontrolleres og skal tjekkes i hånden:'),
      h('ul', null, unchecked.map((u) => h('li', null, UNCHECKED[u] || u)))) : null);
}

// The words of one event's own fields; a closure's reason by its label in
// the standard's reasons (as its id when they are not known).
export function eventDetails(e, reasons) {
  const parts = [];
  switch (e.type) {
    case 'referral_received':
      if (e.paragraph) parts.push(labels.paragraph(e.paragraph));
      if (e.condition) parts.push(`lidelse: ${e.condition}`);
      if (e.source) parts.push(`henvist af ${e.source}`);
      break;
    case 'decision':
      parts.push(e.granted ? 'bevilling' : 'afslag');
      break;
    case 'session':
      if (e.outcome) parts.push(labels.outcome(e.outcome));
      if (typeof e.minutes === 'number') parts.push(`${e.minutes} minutter`);
      if (e.kind && e.kind !== 'training') parts.push(labels.sessionKind(e.kind));
      break;
    case 'closed':
      if (e.reason) parts.push(`årsag: ${labels.closeReason(e.reason, reasons)}`);
      break;
    case 'complaint_received':
      if (e.channel) parts.push(labels.complaintChannel(e.channel));
      if (e.about) parts.push(`om ${labels.complaintAbout(e.about)}`);
      break;
    case 'complaint_decided':
      if (e.upheld) parts.push(labels.upheld(e.upheld));
      break;
    case 'appeal_decided':
      if (e.outcome) parts.push(labels.appealOutcome(e.outcome));
      break;
    case 'previous_course':
      if (e.condition) parts.push(`lidelse: ${e.condition}`);
      break;
    case 'assigned':
      if (e.username) parts.push(`${e.username} er ansvarlig ${e.role === 'terapeut' ? 'terapeut' : 'visitator'}`);
      break;
    case 'function_status': {
      const n = (e.levels || []).length;
      const goals = (e.goals || []).length;
      parts.push(e.phase === 'end' ? 'slutstatus' : 'startstatus');
      parts.push(`${n} ${n === 1 ? 'funktionsevnetilstand' : 'funktionsevnetilstande'} vurderet`);
      if (goals) parts.push(`${goals} mål`);
      if (e.phase === 'end' && goals) parts.push(`${(e.goals || []).filter((g) => g.reached === true).length} nået`);
      break;
    }
    default:
      break;
  }
  return parts.join(', ');
}

// The timeline. reasons: the standard's closure_reasons, ends genop's
// own for a case without a course (case.end_reasons), for their labels:
// a case closed by one of those is "Sagen afsluttet", not the course. An
// event is named by its number within the case; the API's ids (in
// corrects and corrected_by) are mapped to those numbers. criteria: the
// standard's (a refusal's reasons name them), or null; grants: the
// standard (std) and grantHistory of the current events, for a decision's
// grant, and the standard's complaint routes, which say where a
// complaint went (views/complaints.js).
function timelineSection(events, standardReasons, ends, criteria, grants) {
  const reasons = [...ends, ...(standardReasons || [])];
  const endIds = new Set(ends.map((r) => r.id));
  const typeLabel = (e) => (e.type === 'closed' && endIds.has(e.reason) ? 'Sagen afsluttet' : labels.eventType(e.type));
  const numberOf = new Map(events.map((e) => [e.id, e.number]));
  const nr = (id) => numberOf.get(id) ?? '?';
  const sorted = [...events].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.number - b.number));
  const items = sorted.map((e) => {
    const details = eventDetails(e, reasons);
    const stateNote = e.state === 'corrected' ? `Rettet ved hændelse nr. ${nr(e.corrected_by)}`
      : e.state === 'withdrawn' ? `Trukket tilbage ved hændelse nr. ${nr(e.corrected_by)}` : null;
    let body = null;
    if (e.type === 'correction') {
      body = h('p', null, `Retter hændelse nr. ${nr(e.corrects)}: `,
        e.event ? `ny udgave: ${labels.eventType(e.event.type)} ${shortDate(e.event.date)}` +
          (eventDetails(e.event, reasons) ? ` (${eventDetails(e.event, reasons)})` : '') : 'trækkes tilbage',
        e.reason ? `. Begrundelse: ${e.reason}` : '');
    }
    return h('li', { class: `event event-${e.type}${stateNote ? ' superseded' : ''}`, 'data-event': e.id },
      h('div', { class: 'event-head' },
        h('time', { datetime: e.date }, longDate(e.date)),
        h('span', { class: 'event-type' }, typeLabel(e)),
        h('span', { class: 'event-no' }, `hændelse nr. ${e.number}`)),
      details ? h('p', { class: 'event-details' }, details) : null,
      e.type === 'decision' ? refusalReasons(e.reasons, criteria) : null,
      e.type === 'decision' ? grantTimeline(e, grants.history, grants.std) : null,
      e.type === 'complaint_received' ? complaintRouteLine(e, grants.std) : null,
      body,
      e.text ? h('p', { class: 'event-text' }, e.text) : null,
      stateNote ? h('p', { class: 'event-state' }, stateNote) : null,
      h('p', { class: 'event-meta' }, `Registreret ${dateTime(e.registered_at)} af ${e.author || 'ukendt'}`));
  });
  return section('sec-timeline', 'Tidslinje', items.length
    ? h('ol', { class: 'timeline', id: 'timeline' }, items)
    : h('p', { class: 'empty' }, 'Ingen hændelser.'));
}
