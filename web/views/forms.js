// views/forms.js - the case page's actions: one button per kind of event
// the user's role may register, each opening a small form that posts one
// event to /api/v1/cases/{id}/events. What can happen next at the case's
// stage (the API's `status`: a fresh referral is contacted, assessed and
// decided; a course in training has sessions and is closed) comes first,
// the rest behind "Flere" (a <details>). The API decides what can have
// happened: its Danish message is shown beside the field it names
// (problem.field, e.g. "$.date" when an event predates the referral or
// has no grant, "$.minutes", "$.event.date" in a correction; see
// fieldForPath), or above the buttons of the form when it names none or a
// field the form does not have. The form checks only what it must to
// build the event (a date, a required choice), and that a refusal has its
// reasons: each a criterion of the standard (criteria of GET
// /api/v1/standard) or "Anden begrundelse", with the individual
// assessment (views/refusal.js). The closure's reasons are the municipality's standard's
// (closure_reasons of GET /api/v1/standard, which the case page fetches):
// its own grounds first, each with its source shown as it is chosen, then
// genop's general ones. A case that never had a course is closed by one
// of genop's own reasons (refused, complaint_forwarded: the case's
// case.end_reasons), offered first, with what it means, only when the API
// says it applies. A granted decision carries what is granted
// (letters.md section 1): all of the grant, with the standard's rule
// beside each field and an exception with its reason for each limit it
// goes past (views/decision.js), hidden when "Afslag" is chosen. On a
// case with a grant in force the decision is offered as "Revisitation",
// filled in with that grant: a later decision replaces the grant from
// its date on. views/udredning.js builds the
// function-status form the same way. The close form warns when the standard's end status
// is missing (views/endstatus.js); journal notes stay open after the
// closure.

import { post } from '../api.js';
import { shortDate, todayInDenmark, parseDanishDate } from '../dates.js';
import { h, replace } from '../dom.js';
import * as labels from '../labels.js';
import { routeHelp } from './complaints.js';
import { closeWarning } from './endstatus.js';
import { reasonsPart } from './refusal.js';
import { grantPart, grantInForce } from './decision.js';

const V = 'visitator';
const T = 'terapeut';

const dateField = { name: 'date', label: 'Dato', type: 'date', required: true, path: '$.date' };
const textField = (label, required) => ({ name: 'text', label, type: 'textarea', required, path: '$.text' });
const options = (map) => Object.entries(map).map(([value, label]) => ({ value, label }));

const ACTIONS = [
  { type: 'contacted', button: 'Kontakt', title: 'Kontakt til borgeren', roles: [V, T],
    fields: [dateField, textField('Notat (valgfrit)')] },
  { type: 'assessment', button: 'Udredning/samtale', title: 'Udredning eller indledende samtale', roles: [V, T],
    fields: [dateField, textField('Notat (valgfrit)')] },
  { type: 'decision', button: 'Afgørelse', title: 'Afgørelse', roles: [V],
    fields: [dateField,
      { name: 'granted', label: 'Afgørelsen', type: 'radio', required: true, path: '$.granted',
        options: [{ value: 'true', label: 'Bevilling' }, { value: 'false', label: 'Afslag' }] },
      // What is granted: views/decision.js, hidden when "Afslag" is chosen.
      { name: 'grant', label: 'Bevillingen', type: 'grant', path: '$.grant' },
      // A refusal's reasons: views/refusal.js, shown when "Afslag" is chosen.
      { name: 'reasons', label: 'Begrundelse for afslaget', type: 'reasons', path: '$.reasons' },
      textField('Notat (valgfrit)')] },
  // The citizen's complaint window runs from here (without it, from the
  // decision's date): shared/spec/evaluate.md, decision_received.
  { type: 'decision_received', button: 'Afgørelse modtaget', title: 'Borgeren har modtaget afgørelsen',
    roles: [V], fields: [dateField] },
  { type: 'grant_received', button: 'Modtaget bevilling', title: 'Træningsenheden har modtaget bevillingen', roles: [V],
    fields: [dateField] },
  { type: 'session', button: 'Træningsgang', title: 'Træningsgang', roles: [V, T],
    fields: [dateField,
      { name: 'outcome', label: 'Udfald', type: 'select', required: true, path: '$.outcome', options: options(labels.OUTCOMES) },
      // max: the API's limit, GENOP_SESSION_MINUTES_MAX in src/core/input_limits.h (tests/api/test_api.py checks they agree).
      { name: 'minutes', label: 'Varighed i minutter', type: 'number', required: true, path: '$.minutes', value: '45', min: 0, max: 1440 },
      { name: 'kind', label: 'Slags', type: 'select', required: true, path: '$.kind', options: options(labels.SESSION_KINDS) },
      textField('Notat (valgfrit)')] },
  // A hospital admission: during the course it puts the course up for
  // review where the standard says so (Skive); docs/evaluation.md.
  { type: 'admitted', button: 'Indlæggelse', title: 'Indlæggelse på sygehus', roles: [V, T],
    fields: [{ ...dateField, label: 'Indlagt den' }, textField('Notat (valgfrit)')] },
  // What the eligibility rules judge on the case (evaluate.md, section 3):
  // a hospital rehabilitation plan (Sundhedsloven § 140) in force bars
  // § 86, stk. 1 training, and an earlier course for the same condition
  // may start a waiting period (Ishøj). Both may predate the referral.
  { type: 'hospital_plan', button: 'Genoptræningsplan', title: 'Genoptræningsplan fra sygehus', roles: [V],
    fields: [{ ...dateField, label: 'Planen gælder fra' }, textField('Notat (valgfrit), fx sygehus og afdeling')] },
  { type: 'previous_course', button: 'Tidligere forløb', title: 'Tidligere træningsforløb i kommunen', roles: [V],
    fields: [{ ...dateField, label: 'Forløbet sluttede den' },
      { name: 'condition', label: 'Lidelse', type: 'text', required: true, path: '$.condition',
        prefill: (data) => (data.case && data.case.condition) || '' },
      textField('Notat (valgfrit)')] },
  { type: 'note', button: 'Journalnotat', title: 'Journalnotat', roles: [V, T], open: true,
    fields: [dateField, textField('Notat', true)] },
  { type: 'closed', button: 'Afslutning', title: 'Afslutning af forløbet', roles: [V, T],
    fields: [dateField,
      { name: 'reason', label: 'Årsag', type: 'select', required: true, path: '$.reason', options: 'closure_reasons' },
      textField('Notat (valgfrit)')] },
  // A complaint: how it came and what it is about; the form shows where it
  // goes by the standard's complaint routes (views/complaints.js).
  { type: 'complaint_received', button: 'Klage modtaget', title: 'Klage modtaget', roles: [V], open: true,
    fields: [dateField,
      { name: 'channel', label: 'Klagen kom', type: 'radio', required: true, path: '$.channel',
        options: options(labels.COMPLAINT_CHANNELS) },
      { name: 'about', label: 'Klagen handler om', type: 'radio', required: true, path: '$.about',
        options: options(labels.COMPLAINT_ABOUT), route: true },
      textField('Hvad klager borgeren over? (valgfrit)')] },
  { type: 'complaint_decided', button: 'Klage genvurderet', title: 'Klagen er genvurderet', roles: [V], open: true,
    fields: [dateField,
      { name: 'upheld', label: 'Borgeren får', type: 'radio', required: true, path: '$.upheld', options: options(labels.UPHELD) },
      textField('Notat (valgfrit)')] },
  { type: 'complaint_forwarded', button: 'Klage videresendt', title: 'Klagen er sendt videre til Ankestyrelsen', roles: [V], open: true,
    fields: [dateField, textField('Notat (valgfrit)')] },
  // Ankestyrelsen's ruling (shared/spec/letters.md section 3): hjemvist
  // sends the case back for a new decision (the worklist's new_decision).
  { type: 'appeal_decided', button: 'Ankestyrelsens afgørelse', title: 'Ankestyrelsens afgørelse', roles: [V], open: true,
    fields: [{ ...dateField, label: 'Afgørelsens dato' },
      { name: 'outcome', label: 'Ankestyrelsen har', type: 'radio', required: true, path: '$.outcome',
        options: options(labels.APPEAL_OUTCOMES) },
      textField('Notat (valgfrit)')] },
  { type: 'correction', button: 'Rettelse', title: 'Rettelse af en hændelse', roles: [V, T], open: true,
    fields: [
      { name: 'corrects', label: 'Hændelse, der rettes', type: 'select', required: true, path: '$.corrects', options: [] },
      { name: 'what', label: 'Rettelsen', type: 'radio', required: true,
        options: [{ value: 'date', label: 'Ret datoen' }, { value: 'withdraw', label: 'Træk hændelsen tilbage' }] },
      { name: 'newdate', label: 'Ny dato (ved rettelse af datoen)', type: 'date', path: '$.event.date' },
      { name: 'reason', label: 'Begrundelse', type: 'textarea', required: true, path: '$.reason' },
      { ...dateField, label: 'Rettelsens dato' }] },
];

// What can happen next at each stage of a case (the API's `status`,
// src/casework/case_stage.h); the rest of what the role may register is
// behind "Flere". A complaint's next step depends on how far it has come
// (complaintNext).
const NEXT = {
  referred: ['contacted', 'assessment', 'decision', 'hospital_plan', 'previous_course', 'note'],
  granted: ['grant_received', 'decision_received', 'session', 'note'],
  training: ['session', 'admitted', 'closed', 'note'],
  refused: ['decision_received', 'complaint_received', 'closed', 'note'],
  closed: ['note'],
};

// The current events of the case (corrected ones as corrected, withdrawn
// ones left out), sorted by date then registration.
export function currentEvents(data) {
  const events = data.events || [];
  const replaced = new Map(events.filter((e) => e.type === 'correction' && e.event)
    .map((e) => [e.corrects, e.event]));
  return events.filter((e) => e.type !== 'note' && e.type !== 'correction' && e.state !== 'withdrawn')
    .map((e) => (e.state === 'corrected' && replaced.has(e.id) ? { ...replaced.get(e.id), id: e.id, number: e.number } : e))
    .sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.id - b.id));
}

// A pending complaint: reconsider it; not fully upheld, send it on (or
// decide anew); sent to Ankestyrelsen, its ruling, or the case can be
// closed; changed or annulled by Ankestyrelsen, decide anew.
function complaintNext(data) {
  let step = 'received';
  for (const e of currentEvents(data)) {
    if (e.type === 'complaint_received') step = 'received';
    else if (e.type === 'complaint_decided' && step === 'received') step = 'decided';
    else if (e.type === 'complaint_forwarded' && step !== 'forwarded') step = 'forwarded';
    else if (e.type === 'appeal_decided' && step === 'forwarded') step = 'ruled';
  }
  if (step === 'ruled') return ['decision', 'note'];
  if (step === 'forwarded') return ['appeal_decided', 'closed', 'note'];
  if (step === 'decided') return ['complaint_forwarded', 'decision', 'note'];
  return ['complaint_decided', 'note'];
}

// The types role may register: the server's list for the logged-in user
// (GET /api/v1/session's event_types), else the table's roles.
function permitted(a, session) {
  const types = session && session.event_types;
  return Array.isArray(types) ? types.includes(a.type) && a.roles.includes(session.role)
    : a.roles.includes(session && session.role);
}

// The actions the user may take on the case (open ones only on open
// cases), split into what can happen next at the case's stage and the
// rest ("Flere"). session: the logged-in user (role, event_types); data:
// the case as read. Without a known stage, every action is "next".
export function actionsFor(session, data) {
  const kase = data.case || {};
  const all = ACTIONS.filter((a) => permitted(a, session) && (!kase.closed || a.open) &&
    (a.type !== 'correction' || correctable(data, session).length > 0));
  const stage = kase.closed ? 'closed' : data.status;
  const next = stage === 'complaint' ? complaintNext(data) : NEXT[stage];
  // With a grant in force, a decision is a revisitation ("Alle forløb
  // revisiteres", Rødovre) that starts from that grant.
  const inForce = grantInForce(currentEvents(data));
  const at = all.findIndex((a) => a.type === 'decision');
  if (inForce && at >= 0) {
    all[at] = { ...all[at], button: 'Revisitation', title: 'Revisitation: ny afgørelse om bevillingen', current: inForce.grant };
  }
  if (!next) return { next: all, more: [] };
  return { next: next.map((t) => all.find((a) => a.type === t)).filter(Boolean),
    more: all.filter((a) => !next.includes(a.type)) };
}

// The message without the JSON path the API puts first ("$.date: ...").
export const stripPath = (message) => String(message).replace(/^\$[\w.[\]]*:\s*/, '');
// The message as shown beside its field, which names the subject: also
// "$.minutes er 2000; ..." loses its path ("er 2000; ...").
export const besideField = (message) => String(message).replace(/^\$[\w.[\]]*(?::\s*|\s+(?=\S))/, '');

// The entry of `entries` (objects with a JSON `path`) that the API's
// problem.field names: the one whose path is the field, or else the
// longest whose path the field continues ("$.event.date" is inside
// "$.event"; "$.levels[2].level" inside "$.levels[2]"). Null if none.
export function fieldForPath(field, entries) {
  if (!field) return null;
  let best = null;
  for (const entry of entries) {
    const p = entry.path;
    if (!p) continue;
    const inside = field === p || (field.startsWith(p) && /^[.[]/.test(field.slice(p.length)));
    if (inside && (!best || p.length > best.path.length)) best = entry;
  }
  return best;
}

// The section with the buttons and the form they open: what can happen
// next first, the rest behind "Flere" (a disclosure). actions: what
// actionsFor() gives. reasons: the standard's closure_reasons (null when
// the standard could not be read); std: the standard (GET
// /api/v1/standard), for the decision's defaults and a refusal's
// criteria.
export function renderActions(actions, data, ctx, done, reasons = null, std = null) {
  const panel = h('div', { class: 'action-panel', id: 'action-panel' });
  let openButton = null;
  const button = (a) => {
    const b = h('button', { type: 'button', class: 'button secondary', 'aria-expanded': 'false',
      'aria-controls': 'action-panel', 'data-action': a.type }, a.button);
    b.addEventListener('click', () => {
      if (openButton === b) {
        close();
        return;
      }
      close(false);
      openButton = b;
      b.setAttribute('aria-expanded', 'true');
      replace(panel, buildForm(a, data, { close, done, reasons, session: ctx.session, std }));
      panel.querySelector('input, select, textarea')?.focus();
    });
    return b;
  };
  function close(focusBack = true) {
    replace(panel);
    if (openButton) {
      openButton.setAttribute('aria-expanded', 'false');
      if (focusBack) openButton.focus();
    }
    openButton = null;
  }
  return h('section', { class: 'card', 'aria-labelledby': 'sec-actions' },
    h('h2', { id: 'sec-actions' }, 'Registrér'),
    actions.next.length ? h('div', { class: 'action-buttons', id: 'next-actions' }, actions.next.map(button)) : null,
    actions.more.length ? h('details', { class: 'more-actions', id: 'more-actions' },
      h('summary', null, 'Flere'),
      h('div', { class: 'action-buttons' }, actions.more.map(button))) : null,
    panel);
}

// genop's own reasons for closing a case without a course that apply to
// it now (GET /api/v1/cases/{id}: case.end_reasons), marked `end`.
export function endReasons(data) {
  return ((data.case || {}).end_reasons || []).filter((r) => r.applies).map((r) => ({ ...r, end: true }));
}

// The reasons for ending the case as option groups: genop's own that
// apply, the standard's own, then genop's general ones. Only genop's own
// when the standard could not be read.
function reasonOptions(reasons, ends) {
  const group = (label, list) => (list.length
    ? h('optgroup', { label }, list.map((r) => h('option', { value: r.id }, r.label))) : null);
  const missing = !reasons || !reasons.length;
  if (missing && !ends.length) return [h('option', { value: '' }, 'Grundene kunne ikke hentes – genindlæs siden')];
  return [h('option', { value: '' }, 'Vælg en grund'),
    group('Sagen afsluttes uden forløb', ends),
    missing ? null : group('Standardens grunde', reasons.filter((r) => !r.general)),
    missing ? null : group('genops generelle grunde', reasons.filter((r) => r.general))];
}

// Where the chosen reason comes from: what genop's own reason for ending
// a case means, the standard's section and words, or that it is one of
// genop's general reasons.
function reasonSource(reason) {
  if (!reason) return 'Vælg den grund, forløbet afsluttes af.';
  if (reason.end) return `${reason.detail} Grunden er genops egen, ikke standardens.`;
  if (!reason.source) return 'genops generelle grund; standarden nævner den ikke.';
  return `Kilde: ${reason.source.citation}${reason.source.quote ? ` – »${reason.source.quote}«` : ''}`;
}

// The line under the reasons' select (id select.id + "-source") that says
// where the chosen reason comes from, kept up to date as it changes.
function reasonHelp(select, reasons) {
  const help = h('p', { class: 'help reason-source', id: `${select.id}-source` }, reasonSource(null));
  select.addEventListener('change', () => {
    help.textContent = reasonSource((reasons || []).find((r) => r.id === select.value));
  });
  return help;
}

// The events of the case the user may correct: not notes or corrections,
// not withdrawn, and of a type their role may register (a terapeut cannot
// correct the visitator's decision; GET /api/v1/session's event_types).
export function correctable(data, session) {
  const types = session && Array.isArray(session.event_types) ? session.event_types : null;
  return (data.events || []).filter((e) => e.type !== 'note' && e.type !== 'correction' &&
    e.state !== 'withdrawn' && (!types || types.includes(e.type)));
}


function control(f, id, errId, data, reasons, session, std) {
  const common = { id, name: f.name, 'aria-describedby': errId, required: f.required || null };
  if (f.type === 'textarea') return h('textarea', { ...common, rows: '3' });
  if (f.options === 'closure_reasons') {
    return h('select', { ...common, 'aria-describedby': `${id}-source ${errId}` }, reasonOptions(reasons, endReasons(data)));
  }
  if (f.type === 'select') {
    let opts = f.options;
    if (f.name === 'corrects') {
      opts = correctable(data, session)
        .map((e) => ({ value: String(e.id), label: `Nr. ${e.number}: ${labels.eventType(e.type)} ${shortDate(e.date)}` }));
    }
    return h('select', common, f.required ? null : h('option', { value: '' }, 'Ikke angivet'),
      opts.map((o) => h('option', { value: o.value }, o.label)));
  }
  // Dates are typed as Danes write them (dd.mm.åååå), whatever language
  // the browser's own date picker would use.
  const attrs = { ...common, type: f.type === 'number' ? 'number' : 'text' };
  if (f.type === 'date') {
    Object.assign(attrs, { inputmode: 'numeric', autocomplete: 'off', maxlength: '10', size: '10',
      value: f.name === 'date' ? shortDate(todayInDenmark()) : null,
      'aria-describedby': `${id}-hint ${errId}` });
  }
  if (f.type === 'text' && f.prefill) attrs.value = f.prefill(data);
  if (f.type === 'number') {
    Object.assign(attrs, { inputmode: 'numeric', min: String(f.min), max: String(f.max), step: '1', value: f.value });
  }
  return h('input', attrs);
}

function buildForm(a, data, { close, done, reasons, session, std }) {
  const formId = `form-${a.type}`;
  const formError = h('div', { class: 'form-error', id: `${formId}-error`, role: 'alert' });
  const byName = new Map();
  let refusal = null;
  let grant = null;
  const nodes = a.fields.map((f) => {
    if (f.type === 'grant') {
      // The decision's date as typed so far (the date field comes first).
      const decidedOn = () => (byName.has('date') ? parseDanishDate(byName.get('date').el.value.trim()) : null);
      grant = grantPart(formId, std, data, a.current || null, decidedOn);
      byName.set(f.name, { f, el: grant.el, err: grant.err, focus: grant.focus });
      return grant.el;
    }
    if (f.type === 'reasons') {
      refusal = reasonsPart(formId, (std && std.criteria) || null, data.case?.paragraph);
      byName.set(f.name, { f, el: refusal.el, err: refusal.err, focus: refusal.focus });
      return refusal.el;
    }
    const id = `${formId}-${f.name}`;
    const errId = `${id}-error`;
    const err = h('p', { class: 'field-error', id: errId });
    if (f.type === 'radio') {
      const group = h('fieldset', { class: 'field radios', id, 'aria-describedby': errId },
        h('legend', null, f.label),
        f.options.map((o, i) => h('div', { class: 'radio' },
          // A revisitation starts from the grant in force: "Bevilling".
          h('input', { type: 'radio', id: `${id}-${i}`, name: f.name, value: o.value, required: f.required || null,
            checked: f.name === 'granted' && a.current && o.value === 'true' }),
          h('label', { for: `${id}-${i}` }, o.label))),
        err);
      if (f.route) {        // where the complaint goes, as its topic is chosen
        group.insertBefore(routeHelp(group, std, id), err);
        group.setAttribute('aria-describedby', `${id}-route ${errId}`);
      }
      byName.set(f.name, { f, el: group, err, focus: () => group.querySelector('input')?.focus() });
      return group;
    }
    const el = control(f, id, errId, data, reasons, session, std);
    byName.set(f.name, { f, el, err, focus: () => el.focus() });
    const hint = f.type === 'date' ? h('p', { class: 'help', id: `${id}-hint` }, 'Skrives dd.mm.åååå, fx 10.04.2025') : null;
    const source = f.options === 'closure_reasons' ? reasonHelp(el, [...endReasons(data), ...(reasons || [])]) : null;
    return h('div', { class: 'field' }, h('label', { for: id }, f.label), hint, el, source, err);
  });
  const submit = h('button', { type: 'submit', class: 'button' }, 'Registrér');
  const cancel = h('button', { type: 'button', class: 'button secondary', onclick: () => close() }, 'Annullér');
  const warning = a.type === 'closed' ? closeWarning(data) : null;
  const attrs = { class: 'action-form', id: formId, novalidate: true, 'aria-labelledby': `${formId}-title`,
    'aria-describedby': warning ? warning.id : null };
  // A case without a course closes as a case, not as a course.
  const title = a.type === 'closed' && endReasons(data).length ? 'Afslutning af sagen' : a.title;
  const buttons = h('div', { class: 'actions' }, submit, cancel);
  const form = h('form', attrs, h('h3', { id: `${formId}-title` }, title), warning,
    nodes, formError, buttons);
  // "Afslag" shows the refusal's reasons and hides what a grant needs.
  if (refusal) {
    form.addEventListener('change', (e) => {
      if (e.target.name !== 'granted') return;
      const refused = e.target.value === 'false';
      refusal.show(refused);
      if (grant) grant.show(!refused);
    });
  }
  // The decision's date moves the last day a length limit allows.
  if (grant) form.addEventListener('input', (e) => { if (e.target.name === 'date') grant.refresh(); });
  // The limits a session would exceed, asked about before it is saved:
  // `confirmed` is the body the user said yes to; any change asks again.
  let confirmed = null;
  const limitWarning = h('div', { class: 'warning limit-warning', id: `${formId}-limit-warning`, role: 'alert', hidden: true });
  form.insertBefore(limitWarning, buttons);
  function askToConfirm(exceeds, body) {
    replace(limitWarning, exceeds.map((l) => h('p', null, labels.limitExceededText(l))),
      h('p', null, h('strong', null, 'Registrér alligevel?')));
    limitWarning.hidden = false;
    confirmed = JSON.stringify(body);
    submit.textContent = 'Registrér alligevel';
    submit.disabled = false;
    submit.focus();
  }
  form.addEventListener('input', () => {
    if (confirmed === null) return;
    confirmed = null;
    limitWarning.hidden = true;
    replace(limitWarning);
    submit.textContent = 'Registrér';
  });
  form.addEventListener('keydown', (e) => {
    if (e.key === 'Escape') {
      e.preventDefault();
      close();
    }
  });

  const raw = (name) => {
    const entry = byName.get(name);
    if (!entry) return '';
    if (entry.f.type === 'radio') return entry.el.querySelector('input:checked')?.value || '';
    return entry.el.value.trim();
  };
  // Dates come out as ISO (what the API takes); everything else as typed.
  const value = (name) => {
    const entry = byName.get(name);
    const v = raw(name);
    return entry && entry.f.type === 'date' && v ? parseDanishDate(v) || v : v;
  };
  function clearErrors() {
    formError.textContent = '';
    if (refusal) refusal.clear();
    if (grant) grant.clear();
    for (const { el, err } of byName.values()) {
      err.textContent = '';
      el.removeAttribute('aria-invalid');
    }
  }
  function fieldError(name, message) {
    const entry = byName.get(name);
    entry.err.textContent = message;
    entry.el.setAttribute('aria-invalid', 'true');
    entry.focus();
  }

  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    clearErrors();
    for (const { f } of byName.values()) {
      if (f.required && !raw(f.name)) {
        fieldError(f.name, f.type === 'radio' || f.type === 'select' ? 'Vælg en af mulighederne.' : 'Skal udfyldes.');
        return;
      }
    }
    const refuses = refusal && value('granted') === 'false';
    if (refuses && refusal.validate()) return;
    for (const { f } of byName.values()) {
      if (f.type === 'date' && raw(f.name) && !parseDanishDate(raw(f.name))) {
        fieldError(f.name, 'Datoen skal skrives dd.mm.åååå og være en rigtig dato, fx 10.04.2025.');
        return;
      }
    }
    if (grant && value('granted') === 'true' && grant.validate()) return;
    let body;
    try {
      body = buildEvent(a.type, value, data);
    } catch (err) {
      fieldError(err.field, err.message);
      return;
    }
    if (refuses) body.reasons = refusal.collect();
    if (grant && body.granted) body.grant = grant.collect();
    submit.disabled = true;
    try {
      // A session is tried first (dry_run): past a limit of the standard,
      // the form says which and asks before it saves.
      if (a.type === 'session' && confirmed !== JSON.stringify(body)) {
        const trial = await post(`/cases/${Number(data.id)}/events?dry_run=true`, body);
        if (trial && trial.exceeds && trial.exceeds.length) {
          askToConfirm(trial.exceeds, body);
          return;
        }
      }
      await post(`/cases/${Number(data.id)}/events`, body);
      close(false);
      await done(`Registreret: ${title}.`);
    } catch (err) {
      submit.disabled = false;      // before any focus() below: a disabled button takes none
      if (err.status === 401) return;
      if (refusal && refusal.showError(err.field, besideField(err.message))) return;
      if (grant && grant.showError(err.field, besideField(err.message))) return;
      const hit = fieldForPath(err.field, [...byName.values()].map((x) => ({ path: x.f.path, name: x.f.name })));
      if (hit) fieldError(hit.name, besideField(err.message));
      else {
        formError.textContent = stripPath(err.message);
        submit.focus();
      }
    } finally {
      submit.disabled = false;
    }
  });
  return form;
}

function buildEvent(type, value, data) {
  const text = value('text');
  if (type === 'correction') {
    const corrects = Number(value('corrects'));
    const original = (data.events || []).find((e) => e.id === corrects);
    let event = null;
    if (value('what') === 'date') {
      const newdate = value('newdate');
      if (!newdate) {
        const err = new Error('Skriv den rigtige dato.');
        err.field = 'newdate';
        throw err;
      }
      event = {};
      for (const [k, v] of Object.entries(original || {})) {
        if (!['id', 'number', 'author', 'registered_at', 'corrects', 'state', 'corrected_by'].includes(k)) event[k] = v;
      }
      event.date = newdate;
    }
    return { type, date: value('date'), corrects, event, reason: value('reason') };
  }
  const body = { type, date: value('date') };
  if (text) body.text = text;
  if (type === 'decision') body.granted = value('granted') === 'true';
  if (type === 'session') {
    body.outcome = value('outcome');
    body.minutes = Number(value('minutes'));
    if (value('kind')) body.kind = value('kind');
  }
  if (type === 'closed') body.reason = value('reason');
  if (type === 'complaint_received') {
    body.channel = value('channel');
    body.about = value('about');
  }
  if (type === 'complaint_decided') body.upheld = value('upheld');
  if (type === 'appeal_decided') body.outcome = value('outcome');
  if (type === 'previous_course') body.condition = value('condition');
  return body;
}
