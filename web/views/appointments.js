// views/appointments.js - "Tider" on the case page: the case's
// appointments and "Book tid" (docs/calendar.md):
//
// - the appointments (GET /api/v1/appointments?case=ID), coming first
//   (booked, from today) and then the past and cancelled ones, each with
//   its time in Danish, therapist, place (the room and location by name
//   from GET /api/v1/locations, or the citizen's home, or a team), kind
//   and minutes, status and outcome;
// - "Book tid" opens the proposals (GET /api/v1/cases/{id}/appointment-
//   proposals: the next free times that keep every rule and the grant,
//   the therapist the citizen had before first, each with why), for
//   training or udredning, in the usual place or at home; "Book" books
//   one with one click (POST /api/v1/appointments), and the answer's
//   start warning is shown with its date;
// - "Book en serie" books a course (POST /api/v1/appointments/series):
//   weekdays, time and minutes, therapist, place, from and until (the
//   grant's end), and lists every date left out with its Danish reason;
// - "Aflys" on a coming appointment asks who cancels (the citizen or the
//   unit) and why, and then shows what the standard says that brings
//   (the answer's cancellation_rule, with its source).
// The list refreshes in place after each change, so a result stays on
// screen; the role's refusals come back from the API in Danish.

import { get, post } from '../api.js';
import { longDate, shortDate, todayInDenmark } from '../dates.js';
import { h, replace, cell } from '../dom.js';
import * as labels from '../labels.js';
import { currentEvents, stripPath } from './forms.js';

const WEEKDAYS = ['mandag', 'tirsdag', 'onsdag', 'torsdag', 'fredag', 'lørdag', 'søndag'];
const SKIP_REASONS = {
  therapist: 'terapeuten kan ikke', room: 'rummet er optaget', team: 'holdet kan ikke',
  limit: 'en grænse er nået', holiday: 'helligdag',
};
const BOOKING_ROLES = ['visitator', 'terapeut', 'leder'];

const plusDays = (iso, n) => new Date(Date.parse(`${iso}T00:00:00Z`) + n * 86400000).toISOString().slice(0, 10);

// "mandag 14. december 2026 kl. 09.00" for "2026-12-14T09:00".
export function whenText(start) {
  const s = String(start || '');
  return `${longDate(s.slice(0, 10))} kl. ${s.slice(11, 13)}.${s.slice(14, 16)}`;
}

// The start warning of a booking (its due date), as a sentence.
export function startWarningText(w) {
  return `Tiden ligger efter fristen for opstart, som var ${longDate(w.due)}. ` +
    'Borgeren skulle være startet senest den dag.';
}

// The case's appointments and the municipality's rooms by id, or null
// when they cannot be read (the case page shows without them).
export async function fetchAppointments(caseId) {
  try {
    const [list, locations] = await Promise.all([get(`/appointments?case=${Number(caseId)}`), get('/locations')]);
    const rooms = new Map();
    for (const l of (locations && locations.items) || []) {
      for (const r of l.rooms || []) rooms.set(r.id, `${r.name}, ${l.name}`);
    }
    return { items: (list && list.items) || [], rooms };
  } catch (err) {
    if (err.status === 401) throw err;
    return null;
  }
}

// The grant in force: the latest granted decision's grant, or null.
function grantOf(data) {
  const decisions = currentEvents(data).filter((e) => e.type === 'decision')
    .sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  const last = decisions.at(-1);
  return last && last.granted ? (last.grant || {}) : null;
}

function placeText(a, rooms) {
  if (a.place === 'home' || a.home) return 'Borgerens hjem';
  const room = rooms.get(a.room) || (a.room ? `rum ${a.room}` : '');
  return a.place === 'team' ? `Hold${room ? ` (${room})` : ''}` : room;
}

function statusText(a) {
  if (a.status === 'cancelled') {
    return `Aflyst af ${a.cancelled_by === 'citizen' ? 'borgeren' : 'os'}${a.cancel_reason ? `: ${a.cancel_reason}` : ''}`;
  }
  if (a.status === 'done') return `Afholdt – ${labels.outcome(a.outcome)}`;
  return a.start.slice(0, 10) < todayInDenmark() ? 'Booket – udfaldet mangler' : 'Booket';
}

// ---- cancelling -----------------------------------------------------------

// The standard's rule on the cancellation (the cancel answer's), in words.
function ruleBlock(rule) {
  if (!rule) {
    return h('p', { id: 'cancel-rule' }, 'Kvalitetsstandarden siger ikke, hvad en sådan aflysning betyder for borgeren.');
  }
  const src = rule.source || {};
  const where = src.citation || src.section;
  return h('div', { id: 'cancel-rule' },
    h('p', null, h('strong', null, 'Standarden siger: '), rule.text),
    src.quote ? h('p', { class: 'source' }, h('span', { class: 'source-label' }, 'Kilde: '),
      `»${src.quote}«${where ? ` (${where})` : ''}`) : null);
}

// The cancel form of appointment a, in slot; done(answer) after it.
function cancelForm(a, slot, button, done) {
  const error = h('p', { class: 'form-error', role: 'alert', id: `cancel-${a.id}-error` });
  const reason = h('input', { type: 'text', id: `cancel-${a.id}-reason`, maxlength: '127', required: true });
  const radio = (value, label, checked) => h('div', { class: 'radio' },
    h('input', { type: 'radio', name: `cancel-${a.id}-by`, id: `cancel-${a.id}-${value}`, value, checked }),
    h('label', { for: `cancel-${a.id}-${value}` }, label));
  const close = () => {
    replace(slot);
    slot.hidden = true;
    button.setAttribute('aria-expanded', 'false');
    button.focus();
  };
  const form = h('form', { class: 'action-form cancel-form', novalidate: true, 'data-cancel-form': a.id },
    h('fieldset', { class: 'field radios' }, h('legend', null, 'Hvem aflyser?'),
      radio('citizen', 'Borgeren', true), radio('provider', 'Vi (træningsenheden)', false)),
    h('div', { class: 'field' }, h('label', { for: reason.id }, 'Årsag'), reason),
    error,
    h('div', { class: 'actions' },
      h('button', { type: 'submit', class: 'button', 'data-confirm-cancel': a.id }, 'Aflys tiden'),
      h('button', { type: 'button', class: 'button secondary', onclick: close }, 'Fortryd')));
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    error.textContent = '';
    if (!reason.value.trim()) {
      error.textContent = 'Skriv årsagen til aflysningen.';
      reason.focus();
      return;
    }
    const by = form.querySelector(`input[name="cancel-${a.id}-by"]:checked`).value;
    try {
      done(await post(`/appointments/${Number(a.id)}/cancel`, { by, reason: reason.value.trim() }));
    } catch (err) {
      if (err.status !== 401) error.textContent = stripPath(err.message);
    }
  });
  replace(slot, form);
  slot.hidden = false;
  button.setAttribute('aria-expanded', 'true');
  reason.focus();
}

// ---- the list ---------------------------------------------------------------

function appointmentRow(a, rooms, canBook, onCancelled) {
  const slot = h('div', { class: 'cancel-slot', id: `cancel-${a.id}`, hidden: true });
  let button = null;
  if (canBook && a.status === 'booked' && !a.outcome) {
    button = h('button', { type: 'button', class: 'button secondary small', 'data-cancel': a.id,
      'aria-expanded': 'false', 'aria-controls': slot.id }, 'Aflys',
    h('span', { class: 'visually-hidden' }, ` tiden ${whenText(a.start)}`));
    button.addEventListener('click', () => {
      if (slot.hidden) return cancelForm(a, slot, button, onCancelled);
      replace(slot);
      slot.hidden = true;
      button.setAttribute('aria-expanded', 'false');
      return null;
    });
  }
  return h('tr', { 'data-appointment': a.id, class: `appointment status-${a.status}` },
    cell('Tid', h('time', { datetime: a.start }, whenText(a.start)),
      h('span', { class: 'sub' }, `${labels.sessionKind(a.kind)}, ${a.minutes} min.`)),
    cell('Terapeut', h('span', { class: 'therapist' }, a.therapist)),
    cell('Sted', placeText(a, rooms)),
    cell('Status', h('span', { class: 'appointment-status' }, statusText(a))),
    cell('Handling', button, slot));
}

function appointmentsTable(items, rooms, canBook, onCancelled) {
  if (!items.length) return h('p', { class: 'empty', id: 'appointments-empty' }, 'Der er ikke booket tider på sagen.');
  const today = todayInDenmark();
  const coming = items.filter((a) => a.status === 'booked' && a.start.slice(0, 10) >= today);
  const past = items.filter((a) => !coming.includes(a)).reverse();
  const table = (id, caption, rows) => (rows.length ? h('table', { class: 'table appointments-table', id },
    h('caption', null, caption),
    h('thead', null, h('tr', null, ['Tid', 'Terapeut', 'Sted', 'Status', 'Handling'].map((t) => h('th', { scope: 'col' }, t)))),
    h('tbody', null, rows.map((a) => appointmentRow(a, rooms, canBook, onCancelled)))) : null);
  return [table('appointments-coming', `Kommende tider (${coming.length})`, coming),
    table('appointments-past', `Tidligere og aflyste tider (${past.length})`, past)];
}

// ---- Book tid: the proposals ----------------------------------------------

function proposalItem(p, book) {
  const where = p.home ? 'borgerens hjem' : p.room ? `${p.room.name}, ${p.room.location}` : '';
  const button = h('button', { type: 'button', class: 'button', 'data-book': p.start },
    'Book', h('span', { class: 'visually-hidden' }, ` ${whenText(p.start)} hos ${p.therapist}`));
  button.addEventListener('click', () => book(p, button));
  const late = (p.warnings || []).find((w) => w.id === 'start');
  return h('li', { class: `proposal${p.preferred ? ' preferred' : ''}`, 'data-proposal': p.start },
    h('div', { class: 'proposal-text' },
      h('p', { class: 'proposal-when' }, h('strong', null, whenText(p.start)), ` · ${p.minutes} min.`),
      h('p', null, `${p.therapist} · ${where}`),
      h('p', { class: 'help' }, p.why),
      late ? h('p', { class: 'proposal-late' }, `Efter fristen for opstart (${shortDate(late.due)}).`) : null),
    button);
}

// The proposals panel: kind and place, the list, booking one.
function proposalsPanel(data, ctx, refresh, result) {
  const id = Number(data.id);
  const granted = grantOf(data) !== null;
  const kind = h('select', { id: 'proposal-kind' },
    h('option', { value: 'training', selected: granted }, 'Træning'),
    h('option', { value: 'assessment', selected: !granted }, 'Udredning'));
  const home = h('input', { type: 'checkbox', id: 'proposal-home' });
  const list = h('div', { id: 'proposals', 'aria-live': 'polite' });
  const load = async () => {
    replace(list, h('p', { class: 'empty' }, 'Finder ledige tider …'));
    const q = `kind=${kind.value}&count=5${home.checked ? '&home=true' : ''}`;
    try {
      const r = await get(`/cases/${id}/appointment-proposals?${q}`);
      replace(list,
        h('p', { id: 'proposals-preferred' }, r.preferred.therapist
          ? ['Foretrukken terapeut: ', h('strong', null, r.preferred.therapist), `. ${r.preferred.why}`]
          : r.preferred.why),
        r.items.length ? h('ul', { class: 'proposals', id: 'proposal-list' }, r.items.map((p) => proposalItem(p, book))) : null,
        r.ended ? h('p', { class: r.items.length ? 'help' : 'empty', id: 'proposals-ended' }, r.ended.detail) : null);
    } catch (err) {
      if (err.status !== 401) replace(list, h('p', { class: 'form-error', id: 'proposals-error' }, stripPath(err.message)));
    }
  };
  const book = async (p, button) => {
    button.disabled = true;
    const body = { case: id, therapist: p.therapist, start: p.start, minutes: p.minutes, kind: p.kind };
    if (p.home) body.home = true;
    else body.room = p.room.id;
    try {
      const a = await post('/appointments', body);
      const late = (a.warnings || []).find((w) => w.id === 'start');
      result(h('p', null, `Tiden ${whenText(a.start)} hos ${a.therapist} er booket.`),
        late ? h('p', { class: 'warning', id: 'start-warning' }, h('strong', null, 'Advarsel: '), startWarningText(late)) : null);
      await refresh();
      await load();
    } catch (err) {
      button.disabled = false;
      if (err.status !== 401) result(h('p', { class: 'form-error', role: 'alert' }, stripPath(err.message)));
    }
  };
  kind.addEventListener('change', load);
  home.addEventListener('change', load);
  const panel = h('div', { class: 'action-form proposals-panel', id: 'proposals-panel', 'aria-labelledby': 'proposals-title' },
    h('h3', { id: 'proposals-title' }, 'Ledige tider'),
    h('div', { class: 'proposal-options' },
      h('div', { class: 'field' }, h('label', { for: kind.id }, 'Art'), kind),
      h('div', { class: 'radio' }, home, h('label', { for: home.id }, 'Hjemme hos borgeren'))),
    list);
  load();
  return panel;
}

// ---- Book en serie ------------------------------------------------------------

function seriesResult(r) {
  const skipped = r.skipped || [];
  const late = (r.warnings || []).find((w) => w.id === 'start');
  return [
    h('p', { id: 'series-booked' }, `${r.ids.length} ${r.ids.length === 1 ? 'tid er booket' : 'tider er booket'}.`),
    late ? h('p', { class: 'warning', id: 'start-warning' }, h('strong', null, 'Advarsel: '), startWarningText(late)) : null,
    skipped.length ? [h('p', null, `${skipped.length} ${skipped.length === 1 ? 'dato blev' : 'datoer blev'} ikke booket:`),
      h('ul', { id: 'series-skipped' }, skipped.map((k) => h('li', { 'data-skipped': k.date },
        h('strong', null, `${longDate(k.date)}: `), `${SKIP_REASONS[k.reason] || k.reason}. ${k.detail || ''}`)))] : null,
  ];
}

async function seriesForm(data, refresh, result, close) {
  const grant = grantOf(data) || {};
  const [staff, locations] = await Promise.all([get('/staff'), get('/locations')]);
  const therapists = ((staff && staff.items) || []).filter((s) => s.role === 'terapeut' && (s.hours || []).length);
  const field = (label, input, help) => h('div', { class: 'field' }, h('label', { for: input.id }, label), input,
    help ? h('p', { class: 'help' }, help) : null);
  const days = WEEKDAYS.map((d, i) => h('div', { class: 'radio' },
    h('input', { type: 'checkbox', id: `series-day-${i + 1}`, value: String(i + 1), checked: i === 0 || i === 3 }),
    h('label', { for: `series-day-${i + 1}` }, d)));
  const time = h('input', { type: 'time', id: 'series-time', value: '10:00', required: true });
  const minutes = h('input', { type: 'number', id: 'series-minutes', min: '1', max: '480', value: String(grant.minutes_per_session || 45) });
  const therapist = h('select', { id: 'series-therapist' }, therapists.map((s) => h('option', { value: s.username }, s.username)));
  const place = h('select', { id: 'series-place' }, h('option', { value: 'home' }, 'Borgerens hjem'),
    ((locations && locations.items) || []).flatMap((l) => (l.rooms || []).map((r) => h('option', { value: String(r.id) }, `${r.name}, ${l.name}`))));
  if (place.options.length > 1) place.selectedIndex = 1;
  const kind = h('select', { id: 'series-kind' }, h('option', { value: 'training' }, 'Træning'), h('option', { value: 'assessment' }, 'Udredning'));
  const from = h('input', { type: 'date', id: 'series-from', value: todayInDenmark(), required: true });
  const until = h('input', { type: 'date', id: 'series-until', value: grant.until || plusDays(todayInDenmark(), 27), required: true });
  const error = h('p', { class: 'form-error', role: 'alert', id: 'series-error' });
  const form = h('form', { class: 'action-form series-form', id: 'series-form', novalidate: true, 'aria-labelledby': 'series-title' },
    h('h3', { id: 'series-title' }, 'Book en serie'),
    h('fieldset', { class: 'field radios weekdays' }, h('legend', null, 'Ugedage'), days),
    field('Klokken', time), field('Minutter', minutes), field('Terapeut', therapist), field('Sted', place), field('Art', kind),
    field('Fra og med', from), field('Til og med', until, grant.until ? `Bevillingen gælder til og med ${longDate(grant.until)}.` : null),
    error,
    h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'button', id: 'series-submit' }, 'Book serien'),
      h('button', { type: 'button', class: 'button secondary', onclick: close }, 'Annullér')));
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    error.textContent = '';
    const weekdays = days.map((d) => d.querySelector('input')).filter((c) => c.checked).map((c) => Number(c.value));
    if (!weekdays.length) {
      error.textContent = 'Vælg mindst én ugedag.';
      return;
    }
    const body = { case: Number(data.id), therapist: therapist.value, weekdays, time: time.value,
      minutes: Number(minutes.value), kind: kind.value, from: from.value, until: until.value };
    if (place.value === 'home') body.home = true;
    else body.room = Number(place.value);
    try {
      const r = await post('/appointments/series', body);
      result(seriesResult(r));
      close();
      await refresh();
    } catch (err) {
      if (err.status !== 401) error.textContent = stripPath(err.message);
    }
  });
  return form;
}

// ---- the section ----------------------------------------------------------------

// The "Tider" card of the case page. fetched: fetchAppointments()'s answer.
export function appointmentsSection(data, fetched, ctx) {
  const id = Number(data.id);
  const closed = Boolean((data.case || {}).closed);
  const canBook = BOOKING_ROLES.includes(ctx.session.role);
  const listSlot = h('div', { id: 'appointments' });
  const resultSlot = h('div', { class: 'appointments-result', id: 'appointments-result', role: 'status', tabindex: '-1' });
  const formSlot = h('div', { id: 'appointments-form' });
  let rooms = fetched ? fetched.rooms : new Map();
  const show = (items) => replace(listSlot, appointmentsTable(items, rooms, canBook && !closed, onCancelled));
  const refresh = async () => {
    const f = await fetchAppointments(id);
    if (f) {
      rooms = f.rooms;
      show(f.items);
    }
  };
  const result = (...nodes) => {
    replace(resultSlot, nodes);
    resultSlot.focus();
  };
  function onCancelled(a) {
    result(h('p', null, `Tiden ${whenText(a.start)} er aflyst af ${a.cancelled_by === 'citizen' ? 'borgeren' : 'os'}.`),
      ruleBlock(a.cancellation_rule));
    refresh();
  }
  if (fetched) show(fetched.items);
  else replace(listSlot, h('p', { class: 'error-text' }, 'Tiderne kunne ikke hentes. Genindlæs siden.'));

  const toggle = (button, open) => {
    button.addEventListener('click', async () => {
      const wasOpen = button.getAttribute('aria-expanded') === 'true';
      for (const b of buttons) b.setAttribute('aria-expanded', 'false');
      replace(formSlot);
      if (wasOpen) return;
      button.setAttribute('aria-expanded', 'true');
      const close = () => {
        replace(formSlot);
        button.setAttribute('aria-expanded', 'false');
      };
      try {
        replace(formSlot, await open(close));
      } catch (err) {
        if (err.status !== 401) replace(formSlot, h('p', { class: 'form-error' }, stripPath(err.message)));
      }
    });
    return button;
  };
  const buttons = canBook && !closed ? [
    toggle(h('button', { type: 'button', class: 'button', id: 'book-open', 'aria-expanded': 'false', 'aria-controls': 'appointments-form' }, 'Book tid'),
      async () => proposalsPanel(data, ctx, refresh, result)),
    toggle(h('button', { type: 'button', class: 'button secondary', id: 'series-open', 'aria-expanded': 'false', 'aria-controls': 'appointments-form' }, 'Book en serie'),
      (close) => seriesForm(data, refresh, result, close)),
  ] : [];
  return h('section', { class: 'card', 'aria-labelledby': 'sec-appointments' },
    h('h2', { id: 'sec-appointments' }, 'Tider'),
    closed ? h('p', { class: 'help' }, 'Sagen er afsluttet; der kan ikke bookes tider på den.') : null,
    buttons.length ? h('div', { class: 'actions' }, buttons) : null,
    formSlot, resultSlot, listSlot);
}
