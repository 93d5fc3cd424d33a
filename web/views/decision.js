// views/decision.js - what a decision grants (shared/spec/letters.md
// section 1): the grant's part of the decision form, and the grant on the
// case page.
//
// The form asks for all of the grant: the form of training, the place,
// sessions a week, minutes a session, the number of sessions (or none),
// the last day (dd.mm.åååå, or none) and transport. Beside each field is
// the municipality's standard's rule for it, cited: its limits (limits of
// GET /api/v1/standard, each with its source) for the numbers and the
// end date, and the standard's own words about training forms, places and
// transport (its content: "Indhold", "Hvem leverer træningen", as the
// standard's page heads them) for the rest. When a value goes past a
// limit the form says so at once, beside the field, and offers to record
// an exception: each limit of the standard for the case's paragraph has a
// row under "Undtagelser fra kvalitetsstandarden" with the new max and
// its reason; a grant past a limit without one is not sent. The API
// refuses an exception for a limit the standard lacks or without a
// reason and names the field ($.grant.exceptions[i].limit, .max,
// .reason): showError puts its message beside it.
//
// Defaults come from the standard (its weekly sessions and minutes, its
// number of sessions), or, for a revisitation, from the grant in force.
// A later decision replaces the grant from its date on: the grant in
// force is the latest decision's, when it granted (grantInForce), and the
// case page shows it (grantSection) with its exceptions and reasons; the
// timeline shows each decision's grant and which replaced which
// (grantTimeline).
//
// A partial grant (a grant that also gives reasons for what was not
// granted) is not offered: the API refuses reasons on a granted decision
// (src/casework/decision_reasons.c).

import { h, replace, facts } from '../dom.js';
import { shortDate, longDate, parseDanishDate, parseIsoDate } from '../dates.js';
import * as labels from '../labels.js';

const REASON_MAX = 1000;           // GENOP_EXCEPTION_REASON_MAX, src/core/case.h
const NUMBER_MAX = 100000;         // GENOP_EXCEPTION_MAX_MAX

// What each limit's max counts, for the exception's "Ny grænse".
const MAX_UNITS = {
  sessions_per_week: 'træningsgange om ugen',
  minutes_per_week: 'minutter om ugen',
  sessions: 'træningsgange i alt',
  assessment_sessions: 'udredningsgange i alt',
  course_length: 'dage fra første træningsgang',
};

// The grant's fields: which limit of the standard each is measured
// against, or which of the standard's words speak of it.
const FIELDS = [
  { name: 'form', label: 'Træningsform', type: 'select', options: labels.GRANT_FORMS, what: 'træningsformen',
    words: { parts: ['includes'], re: /\bhold\b|individuel/i } },
  { name: 'place', label: 'Sted', type: 'select', options: labels.GRANT_PLACES, what: 'hvor træningen foregår',
    words: { parts: ['includes'], re: /hjem|nærmiljø|træningslokale|træningscent|lokaler/i } },
  { name: 'sessions_per_week', label: 'Træningsgange om ugen', type: 'number', min: 1, max: 14,
    limit: 'sessions_per_week', what: 'træningsgange om ugen' },
  { name: 'minutes_per_session', label: 'Minutter pr. træningsgang', type: 'number', min: 1, max: 600,
    limit: 'minutes_per_week', what: 'minutter om ugen' },
  { name: 'sessions', label: 'Træningsgange i alt (valgfrit)', type: 'number', min: 1, max: 1000, optional: true,
    limit: 'sessions', what: 'antallet af træningsgange', hint: 'Tomt: intet fast antal.' },
  { name: 'until', label: 'Bevilget til og med (valgfrit)', type: 'date', optional: true,
    limit: 'course_length', what: 'forløbets længde', hint: 'Skrives dd.mm.åååå. Tomt: ingen slutdato.' },
  { name: 'transport', label: 'Kørsel', type: 'select', options: { false: 'Nej, borgeren kommer selv', true: 'Ja, kørsel bevilget' },
    what: 'kørsel', words: { parts: ['provider', 'includes'], re: /transport til|transportere dig|for transport|kørsel/i } },
];
const PART_TITLES = { includes: 'Indhold', provider: 'Hvem leverer træningen' };

// ---- dates ---------------------------------------------------------------

const isoOf = (y, m, d) => new Date(Date.UTC(y, m - 1, d)).toISOString().slice(0, 10);

// iso + n units (days, weeks, months clamped to the month's last day, as
// genop calendar add); null for a unit the browser cannot count
// (workdays need the holidays) or no date.
function addPeriod(iso, n, unit) {
  const p = parseIsoDate(iso);
  if (!p) return null;
  const [y, m, d] = p;
  if (unit === 'days' || unit === 'weeks') return isoOf(y, m, d + n * (unit === 'weeks' ? 7 : 1));
  if (unit !== 'months') return null;
  const total = m - 1 + n;
  const [ny, nm] = [y + Math.floor(total / 12), (total % 12) + 1];
  const last = new Date(Date.UTC(ny, nm, 0)).getUTCDate();
  return isoOf(ny, nm, Math.min(d, last));
}

const daysBetween = (a, b) => Math.round((Date.UTC(...parseIsoDate(b)) - Date.UTC(...parseIsoDate(a))) / 86400000);

// ---- the standard --------------------------------------------------------

// The standard's limits that concern a case of paragraph (all when unknown).
export function limitsFor(std, paragraph) {
  return ((std && std.limits) || []).filter((l) => !paragraph || !l.paragraphs || l.paragraphs.includes(paragraph));
}

const citation = (l) => (l.source && l.source.citation ? ` (${l.source.citation})` : '');
const municipalityName = (std) => (std && std.municipality && std.municipality.short_name) || '';

// "4 måneder" for a length limit; "2" for the others.
function limitAmount(l) {
  const units = { days: ['dag', 'dage'], weeks: ['uge', 'uger'], months: ['måned', 'måneder'], workdays: ['hverdag', 'hverdage'] };
  const u = units[l.unit];
  return u ? `${l.max} ${l.max === 1 ? u[0] : u[1]}` : String(l.max);
}

// The standard's rule for field f, as the line beside it says it.
function ruleText(f, std, limits) {
  if (!std) return 'Kvalitetsstandarden kunne ikke hentes – genindlæs siden for at se dens regler.';
  if (f.limit) {
    const l = limits.find((x) => x.id === f.limit);
    return l ? `Kvalitetsstandarden: ${l.text}${citation(l)}` : `Kvalitetsstandarden sætter ingen grænse for ${f.what}.`;
  }
  const content = std.content || {};
  for (const part of f.words.parts) {
    const line = (content[part] || []).find((t) => f.words.re.test(t));
    if (line) return `Kvalitetsstandarden: »${line}« (${municipalityName(std)}, ${PART_TITLES[part]})`;
  }
  return `Kvalitetsstandarden siger intet om ${f.what}.`;
}

// A new decision's values from the standard: its sessions a week, the
// minutes a week shared over them, its number of sessions.
function standardDefaults(limits) {
  const get = (id) => limits.find((l) => l.id === id);
  const perWeek = get('sessions_per_week');
  const minutes = get('minutes_per_week');
  const sessions = get('sessions');
  const spw = perWeek ? perWeek.max : 2;
  return { form: 'team', place: 'centre', sessions_per_week: spw,
    minutes_per_session: minutes ? Math.floor(minutes.max / spw) : 45,
    sessions: sessions ? sessions.max : null, until: null, transport: false, exceptions: [] };
}

// ---- the grant in force --------------------------------------------------

// The grant in force among the case's current events (sorted by date;
// forms.js currentEvents): the latest decision's, when it granted, as
// { event, grant }; null when there is no decision or the latest refused.
export function grantInForce(events) {
  const latest = events.filter((e) => e.type === 'decision').at(-1);
  return latest && latest.granted && latest.grant ? { event: latest, grant: latest.grant } : null;
}

// For each current decision's id, the decision whose grant it replaced
// (`replaces`) and the one that replaced its grant (`replacedBy`).
export function grantHistory(events) {
  const out = new Map();
  let last = null;
  for (const e of events.filter((x) => x.type === 'decision')) {
    const entry = { replaces: last && last.granted && last.grant ? last : null, replacedBy: null };
    if (entry.replaces) out.get(last.id).replacedBy = e;
    out.set(e.id, entry);
    last = e;
  }
  return out;
}

// ---- the form's part -----------------------------------------------------

const times = (n) => `${n} ${n === 1 ? 'gang' : 'gange'}`;

// The limits the grant `g` (values as typed; decided: the decision's date)
// goes past: limit id -> { value: the max an exception needs, text }.
function pastLimits(g, limits, decided) {
  const out = new Map();
  for (const l of limits) {
    let value = null;
    let text = '';
    if (l.id === 'sessions_per_week' && g.sessions_per_week > l.max) {
      value = g.sessions_per_week;
      text = `${times(value)} om ugen er over kvalitetsstandardens grænse på ${l.max}.`;
    } else if (l.id === 'minutes_per_week' && g.sessions_per_week * g.minutes_per_session > l.max) {
      value = g.sessions_per_week * g.minutes_per_session;
      text = `${times(g.sessions_per_week)} à ${g.minutes_per_session} minutter er ${value} minutter om ugen, ` +
        `over kvalitetsstandardens grænse på ${l.max}.`;
    } else if (l.id === 'sessions' && g.sessions > l.max) {
      value = g.sessions;
      text = `${value} træningsgange i alt er over kvalitetsstandardens grænse på ${l.max}.`;
    } else if (l.id === 'course_length' && g.until && decided) {
      const last = addPeriod(decided, l.max, l.unit);
      if (last && g.until > last) {
        value = daysBetween(decided, g.until);
        text = `Til og med ${shortDate(g.until)} er længere end kvalitetsstandardens ${limitAmount(l)} ` +
          `(fra afgørelsens dato til og med ${shortDate(last)}).`;
      }
    }
    if (value !== null) out.set(l.id, { value, text });
  }
  return out;
}

// One field of the grant: its label, hint, control, the standard's rule,
// the line that says when it goes past a limit, and its error.
function grantField(f, formId, value, std, limits) {
  const id = `${formId}-${f.name}`;
  const ids = [f.hint ? `${id}-hint` : null, `${id}-rule`, f.limit ? `${id}-over` : null, `${id}-error`];
  const common = { id, name: f.name, 'aria-describedby': ids.filter(Boolean).join(' '), required: f.optional ? null : true };
  let control;
  if (f.type === 'select') {
    control = h('select', common, Object.entries(f.options).map(([v, label]) =>
      h('option', { value: v, selected: String(value) === v }, label)));
  } else if (f.type === 'number') {
    control = h('input', { ...common, type: 'number', inputmode: 'numeric', min: String(f.min), max: String(f.max),
      step: '1', value: value === null || value === undefined ? '' : String(value) });
  } else {
    control = h('input', { ...common, type: 'text', inputmode: 'numeric', autocomplete: 'off', maxlength: '10',
      size: '10', value: value ? shortDate(value) : '' });
  }
  const err = h('p', { class: 'field-error', id: `${id}-error` });
  const over = f.limit ? h('div', { class: 'limit-over', id: `${id}-over`, 'aria-live': 'polite' }) : null;
  const el = h('div', { class: 'field', 'data-grant-field': f.name }, h('label', { for: id }, f.label),
    f.hint ? h('p', { class: 'help', id: `${id}-hint` }, f.hint) : null, control,
    h('p', { class: 'help grant-rule', id: `${id}-rule` }, ruleText(f, std, limits)), over, err);
  return { f, el, control, err, over };
}

// One limit's exception: a checkbox that opens the new max and the reason.
function exceptionRow(l, formId, given) {
  const id = `${formId}-x-${l.id}`;
  const box = h('input', { type: 'checkbox', id, name: `exception-${l.id}`, value: l.id, checked: Boolean(given),
    'aria-describedby': `${id}-rule ${id}-error`, 'aria-controls': `${id}-body` });
  const max = h('input', { type: 'number', id: `${id}-max`, name: `exception-${l.id}-max`, inputmode: 'numeric',
    min: '1', max: String(NUMBER_MAX), step: '1', value: given ? String(given.max) : '',
    'aria-describedby': `${id}-max-unit ${id}-max-error` });
  const reason = h('textarea', { id: `${id}-reason`, name: `exception-${l.id}-reason`, rows: '3',
    maxlength: String(REASON_MAX), 'aria-describedby': `${id}-reason-help ${id}-reason-error` });
  reason.value = given ? given.reason : '';
  const errs = { box: h('p', { class: 'field-error', id: `${id}-error` }),
    max: h('p', { class: 'field-error', id: `${id}-max-error` }),
    reason: h('p', { class: 'field-error', id: `${id}-reason-error` }) };
  const body = h('div', { class: 'exception-body', id: `${id}-body`, hidden: !given },
    h('div', { class: 'field' }, h('label', { for: max.id }, 'Ny grænse'),
      h('p', { class: 'help', id: `${id}-max-unit` }, `Antal ${MAX_UNITS[l.id] || ''}; standarden siger højst ${l.max}${l.unit ? ` (${limitAmount(l)})` : ''}.`),
      max, errs.max),
    h('div', { class: 'field' }, h('label', { for: reason.id }, 'Begrundelse for undtagelsen'),
      h('p', { class: 'help', id: `${id}-reason-help` }, 'Hvorfor borgeren har brug for mere, end standarden giver, med dine egne ord.'),
      reason, errs.reason));
  const row = { limit: l, box, max, reason, errs, body, auto: !given };
  box.addEventListener('change', () => { body.hidden = !box.checked; });
  max.addEventListener('input', () => { row.auto = false; });
  row.el = h('fieldset', { class: 'group exception', 'data-limit': l.id },
    h('legend', null, l.label || l.id),
    h('div', { class: 'radio' }, box, h('label', { for: id }, 'Gør undtagelse fra grænsen')),
    h('p', { class: 'help', id: `${id}-rule` }, `Kvalitetsstandarden: ${l.text}${citation(l)}`),
    errs.box, body);
  return row;
}

function mark(node, errNode, message) {
  errNode.textContent = message;
  node.setAttribute('aria-invalid', 'true');
  node.focus();
}

// The values as typed, as numbers (NaN when not one) and an ISO date.
function typed(fields) {
  const v = (name) => fields.get(name).control.value.trim();
  const num = (name) => (v(name) === '' ? null : (/^\d+$/.test(v(name)) ? Number(v(name)) : NaN));
  return { form: v('form'), place: v('place'), sessions_per_week: num('sessions_per_week'),
    minutes_per_session: num('minutes_per_session'), sessions: num('sessions'),
    until: v('until') === '' ? null : parseDanishDate(v('until')), untilRaw: v('until'), transport: v('transport') === 'true' };
}

// The grant's part of the decision form (id formId) for case `data`
// against std (GET /api/v1/standard, or null), filled in with `current`
// (the grant in force, for a revisitation) or the standard's defaults.
// decidedOn() gives the decision's date (ISO) as typed so far, or null.
// Returns { el, err, focus, show, refresh, validate, collect, showError,
// clear }.
export function grantPart(formId, std, data, current, decidedOn) {
  const limits = limitsFor(std, data.case && data.case.paragraph);
  const start = current || standardDefaults(limits);
  const fields = new Map(FIELDS.map((f) => [f.name, grantField(f, formId, start[f.name], std, limits)]));
  // One sentence of the standard about both form and place is cited once.
  const [formRule, placeRule] = ['form', 'place'].map((n) => fields.get(n).el.querySelector('.grant-rule'));
  if (formRule.textContent === placeRule.textContent && formRule.textContent.includes('»')) {
    placeRule.textContent = 'Kvalitetsstandarden: se dens ord under Træningsform ovenfor.';
  }
  const given = new Map((start.exceptions || []).map((x) => [x.limit, x]));
  const rows = limits.map((l) => exceptionRow(l, formId, given.get(l.id)));
  const err = h('p', { class: 'field-error', id: `${formId}-grant-error` });
  let sent = [];

  const open = (lid, value) => {
    const row = rows.find((r) => r.limit.id === lid);
    row.box.checked = true;
    row.body.hidden = false;
    if (row.auto || !row.max.value) row.max.value = String(value);
    (row.reason.value.trim() ? row.max : row.reason).focus();
    refresh();
  };
  const covered = (lid, value) => rows.some((r) => r.limit.id === lid && r.box.checked && Number(r.max.value) >= value);

  // Says beside each field whether it goes past its limit, and keeps an
  // exception's max at what the grant needs until the user changes it.
  function refresh() {
    const past = pastLimits(typed(fields), limits, decidedOn());
    for (const r of rows) if (r.auto && past.has(r.limit.id)) r.max.value = String(past.get(r.limit.id).value);
    for (const { f, over } of fields.values()) {
      if (!over) continue;
      const p = past.get(f.limit);
      // Unchanged, it is left alone: a blur's change event must not
      // replace the offer's button between a click's press and release.
      const state = p ? `${covered(f.limit, p.value)}:${p.text}` : '';
      if (over.dataset.state === state) continue;
      over.dataset.state = state;
      if (!p) { replace(over); over.className = 'limit-over'; continue; }
      if (covered(f.limit, p.value)) {
        over.className = 'limit-over notice';
        replace(over, h('p', null, `${p.text} Undtagelsen nedenfor tillader det.`));
      } else {
        over.className = 'limit-over warning';
        replace(over, h('p', null, h('strong', null, 'Over standardens grænse: '), p.text),
          h('button', { type: 'button', class: 'button secondary', 'data-exception': f.limit,
            onclick: () => open(f.limit, p.value) }, 'Gør en undtagelse med begrundelse'));
      }
    }
  }

  const el = h('fieldset', { class: 'group grant-part', id: `${formId}-grant`, 'aria-describedby': err.id },
    h('legend', null, 'Bevillingen'),
    h('p', { class: 'help' }, 'Hvad borgeren får. Ved hvert felt står kvalitetsstandardens regel for det.'),
    [...fields.values()].map((x) => x.el),
    h('fieldset', { class: 'group exceptions', id: `${formId}-exceptions` },
      h('legend', null, 'Undtagelser fra kvalitetsstandarden'),
      rows.length ? h('p', { class: 'help' }, 'Går bevillingen ud over en af standardens grænser, registreres en undtagelse ',
        'med den nye grænse og begrundelsen.')
        : h('p', { class: 'help', id: `${formId}-no-limits` }, std ? 'Kvalitetsstandarden sætter ingen grænser for sagens omfang, så der er ingen at gøre undtagelse fra.'
          : 'Kvalitetsstandarden kunne ikke hentes.'),
      rows.map((r) => r.el)),
    err);
  el.addEventListener('input', refresh);
  el.addEventListener('change', refresh);
  refresh();

  const all = () => [...[...fields.values()].map((x) => [x.control, x.err]),
    ...rows.flatMap((r) => [[r.box, r.errs.box], [r.max, r.errs.max], [r.reason, r.errs.reason]])];
  return {
    el, err, refresh,
    focus: () => fields.get('form').control.focus(),
    show(visible) { el.hidden = !visible; },
    // The first thing the form can see is wrong, marked: true when so.
    validate() {
      const g = typed(fields);
      for (const { f, control, err: e } of fields.values()) {
        const v = g[f.name];
        if (f.type === 'number' && !(f.optional && v === null) && !(Number.isInteger(v) && v >= f.min && v <= f.max)) {
          mark(control, e, `Skriv et helt tal fra ${f.min} til ${f.max}${f.optional ? ', eller lad feltet stå tomt' : ''}.`);
          return true;
        }
        if (f.type === 'date' && g.untilRaw && !g.until) {
          mark(control, e, 'Datoen skal skrives dd.mm.åååå og være en rigtig dato, fx 31.03.2027.');
          return true;
        }
      }
      for (const [lid, p] of pastLimits(g, limits, decidedOn())) {
        if (covered(lid, p.value)) continue;
        const { control, err: e } = [...fields.values()].find((x) => x.f.limit === lid);
        mark(control, e, `${p.text} Gør en undtagelse med den nye grænse og en begrundelse, eller ret ${lid === 'course_length' ? 'datoen' : 'tallet'}.`);
        return true;
      }
      for (const r of rows.filter((x) => x.box.checked)) {
        const m = r.max.value.trim();
        if (!/^\d+$/.test(m) || Number(m) < 1 || Number(m) > NUMBER_MAX) {
          mark(r.max, r.errs.max, `Skriv den nye grænse som et helt tal fra 1 til ${NUMBER_MAX}.`);
          return true;
        }
        if (!r.reason.value.trim()) {
          mark(r.reason, r.errs.reason, 'Skriv begrundelsen for undtagelsen.');
          return true;
        }
      }
      return false;
    },
    // The grant as the API takes it (letters.md section 1).
    collect() {
      const g = typed(fields);
      sent = rows.filter((r) => r.box.checked);
      return { form: g.form, place: g.place, sessions_per_week: g.sessions_per_week,
        minutes_per_session: g.minutes_per_session, sessions: g.sessions, until: g.until, transport: g.transport,
        exceptions: sent.map((r) => ({ limit: r.box.value, max: Number(r.max.value), reason: r.reason.value.trim() })) };
    },
    // The API's message beside the field it names ($.grant...); false
    // when the field is not the grant's.
    showError(field, message) {
      const m = /^\$\.grant(?:\.(\w+)(?:\[(\d+)\](?:\.(\w+))?)?)?$/.exec(field || '');
      if (!m) return false;
      const r = m[1] === 'exceptions' && m[2] !== undefined ? sent[Number(m[2])] : null;
      if (r && m[3] === 'max') mark(r.max, r.errs.max, message);
      else if (r && m[3] === 'reason') mark(r.reason, r.errs.reason, message);
      else if (r) mark(r.box, r.errs.box, message);
      else if (fields.has(m[1])) mark(fields.get(m[1]).control, fields.get(m[1]).err, message);
      else { err.textContent = message; el.setAttribute('aria-invalid', 'true'); fields.get('form').control.focus(); }
      return true;
    },
    clear() {
      err.textContent = '';
      el.removeAttribute('aria-invalid');
      for (const [node, e] of all()) {
        e.textContent = '';
        node.removeAttribute('aria-invalid');
      }
    },
  };
}

// ---- the grant on the case page ------------------------------------------

// "Holdtræning i træningscenter, 2 gange om ugen à 45 minutter, i alt 32
// gange, til og med 31.03.2027, uden kørsel".
export function grantLine(g) {
  const place = (labels.GRANT_PLACES[g.place] || g.place || '').toLowerCase();
  return [`${labels.GRANT_FORMS[g.form] || g.form}, ${place}`,
    `${times(g.sessions_per_week)} om ugen à ${g.minutes_per_session} minutter`,
    g.sessions ? `i alt ${times(g.sessions)}` : 'intet fast antal gange',
    g.until ? `til og med ${shortDate(g.until)}` : 'ingen slutdato',
    g.transport ? 'med kørsel' : 'uden kørsel'].join(', ');
}

// The grant's exceptions, each with its new max against the standard's
// (limits: the standard's, for their names and sources) and its reason.
function exceptionItems(g, limits) {
  return (g.exceptions || []).map((x) => {
    const l = limits.find((y) => y.id === x.limit);
    return h('li', { class: 'grant-exception', 'data-limit': x.limit },
      h('p', { class: 'exception-what' }, `${l ? l.label : x.limit}: højst ${x.max} ${MAX_UNITS[x.limit] || ''}`.trim(),
        l ? ` i stedet for standardens ${limitAmount(l)}` : ''),
      h('p', { class: 'reason-text' }, h('span', { class: 'source-label' }, 'Begrundelse: '), x.reason),
      l && l.source ? h('p', { class: 'source' }, h('span', { class: 'source-label' }, 'Kilde: '), l.source.citation) : null);
  });
}

// The case page's "Bevilling": the grant in force (what, since when, its
// exceptions with their reasons), or that the latest decision refused;
// null while the case has had no grant. events: the current events
// (forms.js currentEvents); asOf: the evaluation's date.
export function grantSection(events, std, asOf) {
  const decisions = events.filter((e) => e.type === 'decision');
  if (!decisions.some((d) => d.granted && d.grant)) return null;
  const limits = (std && std.limits) || [];
  const now = grantInForce(events);
  const head = h('h2', { id: 'sec-grant' }, 'Bevilling');
  if (!now) {
    const last = decisions.at(-1);
    return h('section', { class: 'card', 'aria-labelledby': 'sec-grant' }, head,
      h('p', { id: 'grant-in-force' }, `Ingen bevilling er i kraft: den seneste afgørelse, ${longDate(last.date)}, er et afslag.`),
      h('p', { class: 'help' }, 'De tidligere bevillinger står i tidslinjen.'));
  }
  const { event, grant: g } = now;
  const before = grantHistory(events).get(event.id).replaces;
  return h('section', { class: 'card', 'aria-labelledby': 'sec-grant' }, head,
    h('div', { id: 'grant-in-force' },
      h('p', null, `Bevilget ved afgørelsen ${longDate(event.date)} (hændelse nr. ${event.number}).`,
        before ? ` Den erstattede bevillingen af ${shortDate(before.date)}.` : ''),
      g.until && asOf && g.until < asOf ? h('p', { class: 'warning' }, `Bevillingen udløb ${shortDate(g.until)}.`) : null,
      facts([
        ['Træningsform', labels.GRANT_FORMS[g.form] || g.form],
        ['Sted', labels.GRANT_PLACES[g.place] || g.place],
        ['Omfang', `${times(g.sessions_per_week)} om ugen à ${g.minutes_per_session} minutter ` +
          `(${g.sessions_per_week * g.minutes_per_session} minutter om ugen)`],
        ['Træningsgange i alt', g.sessions ? String(g.sessions) : 'intet fast antal'],
        ['Til og med', g.until ? longDate(g.until) : 'ingen slutdato'],
        ['Kørsel', g.transport ? 'bevilget' : 'ikke bevilget'],
      ]),
      (g.exceptions || []).length ? [h('h3', null, 'Undtagelser fra kvalitetsstandarden'),
        h('ul', { class: 'grant-exceptions' }, exceptionItems(g, limits))]
        : h('p', { class: 'help' }, 'Ingen undtagelser fra kvalitetsstandarden.')),
    before ? h('p', { class: 'help' }, 'De tidligere bevillinger står i tidslinjen.') : null);
}

// A decision's grant on the timeline: what it granted, its exceptions,
// and which decision's grant it replaced or was replaced by (history:
// grantHistory of the current events). Null for a refusal.
export function grantTimeline(e, history, std) {
  if (!e.granted || !e.grant) return null;
  const entry = history.get(e.id);
  const limits = (std && std.limits) || [];
  return h('div', { class: 'grant-summary' },
    entry && entry.replaces ? h('p', { class: 'grant-revisit' },
      `Revisitation: erstatter bevillingen af ${shortDate(entry.replaces.date)}.`) : null,
    h('p', { class: 'grant-line' }, h('span', { class: 'source-label' }, 'Bevilget: '), grantLine(e.grant)),
    (e.grant.exceptions || []).length ? h('ul', { class: 'grant-exceptions' }, exceptionItems(e.grant, limits)) : null,
    entry && entry.replacedBy ? h('p', { class: 'event-state' },
      `Erstattet af afgørelsen ${shortDate(entry.replacedBy.date)} (hændelse nr. ${entry.replacedBy.number}).`) : null);
}
