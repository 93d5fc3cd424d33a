// views/udredning.js - "Udredning" on the case page: the citizen's
// function ability in FSIII's terms and the citizen's own goals, at the
// start and at the end of the course (function_status events), so that
// the end status shows the effect of the training. FSIII is KL's Fælles
// Sprog III, version 20240530, OID 1.2.208.176.2.21; the scale and the
// function-ability conditions come from GET /api/v1/fsiii.
//
// The section shows each condition assessed with its level at start and
// at end and the change (on FSIII's scale a lower level is better: 0 is
// no limitation, 4 total; 9 means "not relevant" and is not compared),
// the goals and whether each was reached. For the roles that may register
// it (visitator, terapeut) a button opens the form for the start status
// or, once there is one, the end status - also after the course has
// closed, when a start status is dated before the closure and the end
// status may follow (a course closed without them otherwise could never
// get the end status its standard requires): a level select for every
// condition, grouped by area, and the goals (written at the start,
// marked reached or not at the end). The API decides what can be
// registered; its Danish message is shown beside the date, select or goal
// it names (problem.field, e.g. "$.levels[2].level", "$.goals[0].text").

import { post } from '../api.js';
import { longDate, shortDate, todayInDenmark, parseDanishDate } from '../dates.js';
import { h, replace, cell, facts } from '../dom.js';
import { fieldForPath, besideField, stripPath } from './forms.js';

const ROLES = ['visitator', 'terapeut'];
const GOALS_MAX = 20;
const GOALS_AT_START = 3;
const NOT_RELEVANT = 9;
const PHASE = {
  start: { word: 'startstatus', title: 'Startstatus: funktionsevne og mål', button: 'Registrér startstatus' },
  end: { word: 'slutstatus', title: 'Slutstatus: funktionsevne og mål', button: 'Registrér slutstatus' },
};

// ---- the case's statuses ---------------------------------------------------

// The events as they count now: a corrected event replaced by its latest
// correction's event, a withdrawn one left out, notes and corrections
// themselves left out.
export function currentEvents(events) {
  const fixes = new Map();
  for (const e of events) {
    if (e.type !== 'correction' || !e.corrects) continue;
    const seen = fixes.get(e.corrects);
    if (!seen || seen.id < e.id) fixes.set(e.corrects, e);
  }
  const out = [];
  for (const e of events) {
    if (e.type === 'note' || e.type === 'correction') continue;
    const fix = fixes.get(e.id);
    if (!fix) out.push(e);
    else if (fix.event) out.push({ ...fix.event, id: e.id, author: fix.author, corrected_by: fix.id });
  }
  return out;
}

// The case's start and end status as they count now (null when absent).
export function statuses(events) {
  const list = currentEvents(events || []).filter((e) => e.type === 'function_status');
  return {
    start: list.find((e) => e.phase === 'start') || null,
    end: list.find((e) => e.phase === 'end') || null,
  };
}

// The FSIII code list (GET /api/v1/fsiii), indexed for look-ups.
function indexFsiii(fsiii) {
  const levels = new Map(fsiii.levels.map((l) => [l.level, l]));
  const conditions = new Map();
  fsiii.areas.forEach((area, ai) => area.conditions.forEach((c) => {
    conditions.set(c.code, { ...c, areaIndex: ai, area: area.name });
  }));
  return { levels, conditions, areas: fsiii.areas, source: fsiii.source || {} };
}

// "3 – Svære begrænsninger".
function levelText(ix, level) {
  const l = ix.levels.get(level);
  return l ? `${l.level} – ${l.name}` : String(level);
}

// How one condition changed from start to end: { key, text }.
export function change(start, end, hasEnd) {
  if (start === undefined) return { key: 'none', text: 'Ikke vurderet ved start' };
  if (!hasEnd) return { key: 'pending', text: 'Afventer slutstatus' };
  if (end === undefined) return { key: 'none', text: 'Ikke vurderet ved slut' };
  if (start === NOT_RELEVANT || end === NOT_RELEVANT) {
    return { key: 'none', text: start === end ? 'Ikke relevant' : 'Kan ikke sammenlignes (9 = ikke relevant)' };
  }
  const d = start - end;
  const steps = (n) => `${n} ${n === 1 ? 'niveau' : 'niveauer'}`;
  if (d > 0) return { key: 'better', text: `Forbedret ${steps(d)}` };
  if (d < 0) return { key: 'worse', text: `Forværret ${steps(-d)}` };
  return { key: 'same', text: 'Uændret' };
}

const levelMap = (status) => new Map(((status && status.levels) || []).map((l) => [l.code, l.level]));

// ---- what the section shows ------------------------------------------------

function statusFacts(start, end) {
  const when = (s) => (s
    ? h('span', null, h('time', { datetime: s.date }, longDate(s.date)), s.corrected_by ? ' (rettet)' : '')
    : 'ikke registreret endnu');
  return facts([['Startstatus', when(start)], ['Slutstatus', when(end)]], 'facts compact');
}

// "Forbedret på 4 af 6 funktionsevnetilstande, ..." and "2 af 3 mål er nået."
function effectSummary(rows, end) {
  if (!end) return null;
  const compared = rows.filter((r) => ['better', 'same', 'worse'].includes(r.change.key));
  const n = (key) => compared.filter((r) => r.change.key === key).length;
  const parts = [];
  if (compared.length) {
    parts.push(`Forbedret på ${n('better')} af ${compared.length} ${compared.length === 1 ? 'funktionsevnetilstand' : 'funktionsevnetilstande'}, ` +
      `uændret på ${n('same')}, forværret på ${n('worse')}.`);
  }
  const goals = end.goals || [];
  if (goals.length) {
    parts.push(`${goals.filter((g) => g.reached === true).length} af ${goals.length} mål er nået.`);
  }
  return parts.length ? h('p', { class: 'effect-summary', id: 'effect-summary' }, parts.join(' ')) : null;
}

function changeBadge(c) {
  return h('span', { class: `change change-${c.key}` }, c.text);
}

// The rows of the effect table: every condition assessed at start or end,
// by area in FSIII's order.
function effectRows(ix, start, end) {
  const s = levelMap(start);
  const e = levelMap(end);
  const codes = new Set([...s.keys(), ...e.keys()]);
  const rows = [...codes].map((code) => {
    const c = ix.conditions.get(code) || { code, name: code, area: 'Ukendt område', areaIndex: ix.areas.length };
    return { c, start: s.get(code), end: e.get(code), change: change(s.get(code), e.get(code), Boolean(end)) };
  });
  const order = (r) => [r.c.areaIndex, ix.areas[r.c.areaIndex]?.conditions.findIndex((x) => x.code === r.c.code) ?? 0];
  rows.sort((a, b) => {
    const [aa, ai] = order(a);
    const [ba, bi] = order(b);
    return aa - ba || ai - bi;
  });
  return rows;
}

function effectTable(ix, rows) {
  const byArea = [];
  for (const r of rows) {
    const last = byArea[byArea.length - 1];
    if (last && last.area === r.c.area) last.rows.push(r);
    else byArea.push({ area: r.c.area, rows: [r] });
  }
  return h('table', { class: 'table effect', id: 'effect-table' },
    h('caption', null, 'Funktionsevne ved start og slut (FSIII: 0 = ingen begrænsninger, 4 = totale begrænsninger)'),
    h('thead', null, h('tr', null,
      h('th', { scope: 'col' }, 'Funktionsevnetilstand'),
      h('th', { scope: 'col' }, 'Start'),
      h('th', { scope: 'col' }, 'Slut'),
      h('th', { scope: 'col' }, 'Ændring'))),
    byArea.map((g) => h('tbody', null,
      h('tr', { class: 'area-row' }, h('th', { scope: 'colgroup', colspan: '4' }, g.area)),
      g.rows.map((r) => h('tr', { 'data-code': r.c.code },
        cell('Tilstand', r.c.name),
        cell('Start', r.start === undefined ? '–' : levelText(ix, r.start)),
        cell('Slut', r.end === undefined ? '–' : levelText(ix, r.end)),
        cell('Ændring', changeBadge(r.change)))))));
}

function goalsTable(start, end) {
  const goals = (end && end.goals) || (start && start.goals) || [];
  if (goals.length === 0) return h('p', { class: 'empty' }, 'Der er ikke registreret mål for borgeren.');
  const result = (g) => {
    if (!end) return h('span', { class: 'change change-pending' }, 'Afventer slutstatus');
    if (g.reached === true) return h('span', { class: 'change change-better' }, 'Nået');
    if (g.reached === false) return h('span', { class: 'change change-worse' }, 'Ikke nået');
    return '–';
  };
  return h('table', { class: 'table goals', id: 'goals-table' },
    h('caption', null, 'Borgerens egne mål'),
    h('thead', null, h('tr', null, h('th', { scope: 'col' }, 'Mål'), h('th', { scope: 'col' }, 'Ved slutstatus'))),
    h('tbody', null, goals.map((g) => h('tr', null, cell('Mål', g.text), cell('Ved slutstatus', result(g))))));
}

// The "Udredning" section of the case page. fsiii is GET /api/v1/fsiii's
// answer (null if it could not be fetched); done(message) re-renders the
// case page after a registration.
export function udredningSection(data, fsiii, role, done) {
  const title = h('h2', { id: 'sec-udredning' }, 'Udredning');
  const wrap = (...body) => h('section', { class: 'card udredning', 'aria-labelledby': 'sec-udredning', id: 'udredning' },
    title, body);
  if (!fsiii) {
    return wrap(h('p', { class: 'error-text' }, 'Listen over FSIII-funktionsevnetilstande kunne ikke hentes. Genindlæs siden for at prøve igen.'));
  }
  const ix = indexFsiii(fsiii);
  const { start, end } = statuses(data.events);
  const rows = effectRows(ix, start, end);
  const body = [
    h('p', { class: 'lead-small' }, 'Borgerens funktionsevne efter FSIII ved forløbets start og slut, og borgerens egne mål.'),
    statusFacts(start, end),
  ];
  if (start || end) body.push(effectSummary(rows, end), effectTable(ix, rows), goalsTable(start, end));
  else body.push(h('p', { class: 'empty' }, 'Der er ikke registreret en udredning endnu.'));
  if (ROLES.includes(role)) body.push(registration(ix, start, end, data, done));
  body.push(h('p', { class: 'source' }, h('span', { class: 'source-label' }, 'Kilde: '),
    `FSIII (Fælles Sprog III), KL, version ${ix.source.version || '?'}, OID ${ix.source.oid || '?'}.`));
  return wrap(body);
}

// ---- registering a status ------------------------------------------------

// The day the course was closed (ISO), or null while it is open.
function closedOn(data) {
  if (!(data.case && data.case.closed)) return null;
  const closed = currentEvents(data.events || []).filter((e) => e.type === 'closed').map((e) => e.date).sort();
  return closed[0] || null;
}

function registration(ix, start, end, data, done) {
  if (start && end) {
    return h('p', { class: 'help' }, 'Start- og slutstatus er registreret. En status rettes med en rettelse under Registrér.');
  }
  // A case closed by one of genop's reasons for a case without a course
  // (case.end_reasons: a refusal, a forwarded complaint) had no course.
  const closure = currentEvents(data.events || []).find((e) => e.type === 'closed');
  if (closure && ((data.case || {}).end_reasons || []).some((r) => r.id === closure.reason)) {
    return h('p', { class: 'help', id: 'no-course-help' },
      'Sagen blev afsluttet uden et træningsforløb; der er ingen start- eller slutstatus at registrere.');
  }
  // After the closure both can still be registered: an end status on any
  // day, a start status made during the course with its own date (the API
  // refuses one dated on or after the closure); then the end status.
  const closed = closedOn(data);
  const late = !start && closed
    ? h('p', { class: 'help', id: 'late-start-help' }, `Forløbet blev afsluttet ${shortDate(closed)} uden startstatus. `,
      'Registrér startstatus med den dato, funktionsevnen blev vurderet (før afslutningen), og derefter slutstatus.')
    : null;
  const phase = start ? 'end' : 'start';
  const panel = h('div', { class: 'status-panel', id: 'status-panel' });
  const button = h('button', { type: 'button', class: 'button secondary', 'aria-expanded': 'false',
    'aria-controls': 'status-panel', 'data-action': `status-${phase}` }, PHASE[phase].button);
  function close(focusBack = true) {
    replace(panel);
    button.setAttribute('aria-expanded', 'false');
    if (focusBack) button.focus();
  }
  button.addEventListener('click', () => {
    if (button.getAttribute('aria-expanded') === 'true') {
      close();
      return;
    }
    button.setAttribute('aria-expanded', 'true');
    replace(panel, statusForm(phase, ix, start, data, { close, done }));
    panel.querySelector('input')?.focus();
  });
  return h('div', { class: 'status-actions' }, late, button, panel);
}

// The scale's steps with KL's definitions, for reading the levels.
function scaleHelp(ix) {
  return h('details', { class: 'scale-help' },
    h('summary', null, 'Sådan læses FSIII\'s funktionsevneskala'),
    h('dl', null, [...ix.levels.values()].map((l) => h('div', null,
      h('dt', null, `${l.level} – ${l.name}`), h('dd', null, l.definition)))));
}

// The level selects of one area, in a <details> that says how many are chosen.
function areaLevels(formId, ix, area, startLevels, open, selects) {
  const count = h('span', { class: 'area-count' });
  const mine = [];
  const rows = area.conditions.map((c) => {
    const sid = `${formId}-c-${c.code}`;
    const at = startLevels.get(c.code);
    const hint = at === undefined ? null : h('p', { class: 'help', id: `${sid}-hint` }, `Ved start: ${levelText(ix, at)}`);
    const err = h('p', { class: 'field-error', id: `${sid}-error` });
    // The list's own error (no level chosen) describes every select too.
    const select = h('select', { id: sid, name: c.code, 'data-code': c.code,
      'aria-describedby': `${hint ? `${sid}-hint ` : ''}${sid}-error ${formId}-levels-error` },
    h('option', { value: '' }, 'Ikke vurderet'),
    [...ix.levels.values()].map((l) => h('option', { value: String(l.level) }, levelText(ix, l.level))));
    mine.push({ code: c.code, el: select, err, focus: () => select.focus() });
    return h('div', { class: 'level-field' }, h('label', { for: sid }, c.name), hint, select, err);
  });
  const details = h('details', { class: 'area', open: open || null },
    h('summary', null, h('span', { class: 'area-name' }, area.name), ' ', count),
    h('div', { class: 'level-grid' }, rows));
  const recount = () => {
    const n = mine.filter((s) => s.el.value !== '').length;
    count.textContent = `(${n} af ${mine.length} vurderet)`;
  };
  for (const s of mine) {
    s.details = details;
    s.el.addEventListener('change', recount);
    selects.push(s);
  }
  recount();
  return details;
}

// The goals of a start status: text fields, three to begin with.
function startGoals(formId, goals) {
  const list = h('ol', { class: 'goal-inputs' });
  const add = h('button', { type: 'button', class: 'button secondary' }, 'Tilføj et mål');
  function addGoal(focus) {
    const n = goals.length + 1;
    const gid = `${formId}-goal-${n}`;
    const input = h('input', { type: 'text', id: gid, name: 'goal', maxlength: '500', autocomplete: 'off',
      'aria-describedby': `${gid}-error` });
    const err = h('p', { class: 'field-error', id: `${gid}-error` });
    goals.push({ el: input, err, focus: () => input.focus(), text: () => input.value.trim() });
    list.append(h('li', { class: 'field' }, h('label', { for: gid }, `Mål ${n}`), input, err));
    if (goals.length >= GOALS_MAX) add.hidden = true;
    if (focus) input.focus();
  }
  for (let i = 0; i < GOALS_AT_START; i++) addGoal(false);
  add.addEventListener('click', () => addGoal(true));
  return h('fieldset', { class: 'group goals-group' },
    h('legend', null, 'Borgerens egne mål'),
    h('p', { class: 'help' }, 'Skriv målene med borgerens egne ord, ét mål i hvert felt. Tomme felter gemmes ikke.'),
    list, add);
}

// The goals of an end status: was each goal of the start reached?
function endGoals(formId, start, goals) {
  const startGoalsList = (start && start.goals) || [];
  if (startGoalsList.length === 0) {
    return h('fieldset', { class: 'group goals-group' }, h('legend', null, 'Borgerens egne mål'),
      h('p', { class: 'help' }, 'Der blev ikke sat mål ved startstatus.'));
  }
  const groups = startGoalsList.map((g, i) => {
    const gid = `${formId}-goal-${i + 1}`;
    const err = h('p', { class: 'field-error', id: `${gid}-error` });
    const set = h('fieldset', { class: 'field radios goal-result', id: gid, 'aria-describedby': `${gid}-error` },
      h('legend', null, g.text),
      [['true', 'Nået'], ['false', 'Ikke nået']].map(([value, label], k) => h('div', { class: 'radio' },
        h('input', { type: 'radio', id: `${gid}-${k}`, name: `goal-${i + 1}`, value }),
        h('label', { for: `${gid}-${k}` }, label))),
      err);
    goals.push({ el: set, err, focus: () => set.querySelector('input')?.focus(), text: () => g.text,
      reached: () => set.querySelector('input:checked')?.value });
    return set;
  });
  return h('fieldset', { class: 'group goals-group' }, h('legend', null, 'Er borgerens mål nået?'), groups);
}

// The date a new status is proposed with: today, but for a start status
// registered after the closure, the course's first session (it must be
// dated before the closure).
function proposedDate(phase, data) {
  if (phase !== 'start' || !closedOn(data)) return todayInDenmark();
  const sessions = currentEvents(data.events || []).filter((e) => e.type === 'session').map((e) => e.date).sort();
  return sessions[0] || (data.case && data.case.referral_date) || todayInDenmark();
}

function statusForm(phase, ix, start, data, { close, done }) {
  const formId = `form-status-${phase}`;
  const formError = h('div', { class: 'form-error', id: `${formId}-error`, role: 'alert' });
  const dateId = `${formId}-date`;
  const dateInput = h('input', { type: 'text', id: dateId, name: 'date', inputmode: 'numeric', autocomplete: 'off',
    maxlength: '10', size: '10', required: true, value: shortDate(proposedDate(phase, data)),
    'aria-describedby': `${dateId}-hint ${dateId}-error` });
  const date = { path: '$.date', el: dateInput, err: h('p', { class: 'field-error', id: `${dateId}-error` }),
    focus: () => dateInput.focus() };
  const noteId = `${formId}-text`;
  const noteInput = h('textarea', { id: noteId, name: 'text', rows: '2', 'aria-describedby': `${noteId}-error` });
  const note = { path: '$.text', el: noteInput, err: h('p', { class: 'field-error', id: `${noteId}-error` }),
    focus: () => noteInput.focus() };

  const startLevels = levelMap(start);
  const selects = [];
  const areas = ix.areas.map((area) => areaLevels(formId, ix, area, startLevels,
    phase === 'end' && area.conditions.some((c) => startLevels.has(c.code)), selects));
  const levelsError = h('p', { class: 'field-error', id: `${formId}-levels-error` });
  const levelsGroup = h('fieldset', { class: 'group levels-group', 'aria-describedby': `${formId}-levels-error` },
    h('legend', null, 'Funktionsevne (FSIII)'),
    h('p', { class: 'help' }, phase === 'end'
      ? 'Vælg niveauet ved slut. Områder med tilstande fra startstatus er åbnet; niveauet ved start står ved hver tilstand.'
      : 'Åbn et område, og vælg niveauet for de funktionsevnetilstande, der er vurderet. Tilstande uden niveau gemmes ikke.'),
    levelsError, scaleHelp(ix), areas);
  const levels = { path: '$.levels', el: levelsGroup, err: levelsError,
    focus: () => { const s = selects[0]; s.details.open = true; s.el.focus(); } };

  const goals = [];
  const goalsGroup = phase === 'start' ? startGoals(formId, goals) : endGoals(formId, start, goals);

  const submit = h('button', { type: 'submit', class: 'button' }, `Registrér ${PHASE[phase].word}`);
  const cancel = h('button', { type: 'button', class: 'button secondary', onclick: () => close() }, 'Annullér');
  const form = h('form', { class: 'action-form status-form', id: formId, novalidate: true, 'aria-labelledby': `${formId}-title` },
    h('h3', { id: `${formId}-title` }, PHASE[phase].title),
    h('div', { class: 'field' }, h('label', { for: dateId }, 'Dato for status'),
      h('p', { class: 'help', id: `${dateId}-hint` }, 'Skrives dd.mm.åååå, fx 10.04.2025'), dateInput, date.err),
    levelsGroup, goalsGroup,
    h('div', { class: 'field' }, h('label', { for: noteId }, 'Notat (valgfrit)'), noteInput, note.err),
    formError, h('div', { class: 'actions' }, submit, cancel));
  form.addEventListener('keydown', (e) => {
    if (e.key === 'Escape') {
      e.preventDefault();
      close();
    }
  });

  const all = () => [date, note, levels, ...selects, ...goals];
  function clearErrors() {
    formError.textContent = '';
    for (const x of all()) {
      x.err.textContent = '';
      x.el.removeAttribute('aria-invalid');
    }
  }
  function fieldError(x, message) {
    x.err.textContent = message;
    x.el.setAttribute('aria-invalid', 'true');
    if (x.details) x.details.open = true;
    x.focus();
  }

  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    clearErrors();
    const typed = dateInput.value.trim();
    const iso = parseDanishDate(typed);
    if (!typed) return fieldError(date, 'Skal udfyldes.');
    if (!iso) return fieldError(date, 'Datoen skal skrives dd.mm.åååå og være en rigtig dato, fx 10.04.2025.');
    const chosen = selects.filter((s) => s.el.value !== '');
    if (chosen.length === 0) return fieldError(levels, 'Vælg et niveau for mindst én funktionsevnetilstand.');
    const given = phase === 'start' ? goals.filter((g) => g.text()) : goals;
    if (phase === 'end') {
      const open = goals.find((g) => !g.reached());
      if (open) return fieldError(open, 'Vælg, om målet er nået.');
    }
    const body = {
      type: 'function_status', date: iso, phase,
      levels: chosen.map((s) => ({ code: s.code, level: Number(s.el.value) })),
      goals: given.map((g) => (phase === 'end' ? { text: g.text(), reached: g.reached() === 'true' } : { text: g.text() })),
    };
    if (noteInput.value.trim()) body.text = noteInput.value.trim();
    // Where each path of the body is in the form, for the API's answer.
    const paths = [date, note, levels,
      ...chosen.map((s, i) => ({ ...s, path: `$.levels[${i}]`, target: s })),
      ...given.map((g, i) => ({ ...g, path: `$.goals[${i}]`, target: g }))];
    submit.disabled = true;
    try {
      await post(`/cases/${Number(data.id)}/events`, body);
      close(false);
      await done(`Registreret: ${PHASE[phase].word}.`);
    } catch (err) {
      submit.disabled = false;
      if (err.status === 401) return;
      const hit = fieldForPath(err.field, paths);
      if (hit) fieldError(hit.target || hit, besideField(err.message));
      else {
        formError.textContent = stripPath(err.message);
        submit.focus();
      }
    } finally {
      submit.disabled = false;
    }
    return undefined;
  });
  return form;
}
