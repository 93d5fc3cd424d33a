// views/hold.js - "Hold": the municipality's teams (GET /api/v1/teams),
// each with its weekday and time, room, places, therapist and period and
// a link to its page (#/hold/ID, views/holdside.js), and for a leder a
// form to create one (POST /api/v1/teams): the rooms come from GET
// /api/v1/locations, the therapists from GET /api/v1/staff. The server's
// refusal is shown beside the field it names.

import { get, post } from '../api.js';
import { parseDanishDate, shortDate, todayInDenmark } from '../dates.js';
import { h, replace, cell } from '../dom.js';
import * as labels from '../labels.js';
import { besideField } from './forms.js';

const TITLE = 'Hold';
export const WEEKDAY_NAMES = ['', 'mandag', 'tirsdag', 'onsdag', 'torsdag', 'fredag', 'lørdag', 'søndag'];

// "mandag kl. 08:00, 45 min."
export const when = (t) => `${WEEKDAY_NAMES[t.weekday]} kl. ${t.time}, ${t.minutes} min.`;

// "fra 23.11.2026" or "23.11.2026–31.03.2027".
export const period = (t) => (t.to ? `${shortDate(t.from)}–${shortDate(t.to)}` : `fra ${shortDate(t.from)}`);

// A date typed the Danish way as the API's ISO date; what was typed when
// it is no date (the server then says what is wrong, beside the field).
export const isoOf = (text) => parseDanishDate(text) || text;

// A text field for a date, "dd.mm.åååå".
export const dateInput = (attrs) => h('input', { type: 'text', inputmode: 'numeric', autocomplete: 'off',
  maxlength: '10', placeholder: 'dd.mm.åååå', ...attrs });

// Room id -> "Sal 1, Træningscenter Nord" from GET /locations.
export function roomNames(locations) {
  const names = new Map();
  for (const loc of locations.items || []) {
    for (const r of loc.rooms || []) names.set(r.id, `${r.name}, ${loc.name}`);
  }
  return names;
}

export async function render(main, _params, ctx) {
  const leder = ctx.session.role === 'leder';
  const [teams, locations, staff] = await Promise.all([get('/teams'), get('/locations'),
    leder ? get('/staff') : Promise.resolve({ items: [] })]);
  if (ctx.stale()) return TITLE;
  const rooms = roomNames(locations);
  const list = h('div', { id: 'teams-host' });
  const flash = h('p', { class: 'flash', id: 'teams-flash', role: 'status', tabindex: '-1' });
  const show = (items) => replace(list, teamTable(items, rooms));
  show(teams.items || []);
  replace(main,
    h('div', { class: 'page-head' },
      h('h1', null, TITLE),
      h('p', { class: 'lead' }, 'Kommunens hold. Vælg et hold for at se deltagerne, ventelisten og de næste møder ',
        'og for at registrere fremmøde.')),
    flash,
    list,
    leder ? createForm(locations, staff, rooms, async (name) => {
      show((await get('/teams')).items || []);
      flash.textContent = `Holdet ${name} er oprettet.`;
      flash.focus();
    }) : null);
  return TITLE;
}

function teamTable(items, rooms) {
  if (items.length === 0) return h('p', { class: 'empty' }, 'Kommunen har ingen hold endnu.');
  return h('table', { class: 'table teams', id: 'teams' },
    h('caption', { class: 'visually-hidden' }, 'Kommunens hold'),
    h('thead', null, h('tr', null,
      ['Hold', 'Paragraf', 'Mødes', 'Lokale', 'Pladser', 'Terapeut', 'Periode'].map((t) => h('th', { scope: 'col' }, t)))),
    h('tbody', null, items.map((t) => h('tr', { 'data-team': t.id },
      cell('Hold', h('a', { href: `#/hold/${Number(t.id)}`, class: 'team-link' }, t.name)),
      cell('Paragraf', labels.paragraph(t.paragraph)),
      cell('Mødes', when(t)),
      cell('Lokale', rooms.get(t.room) || `Lokale ${t.room}`),
      cell('Pladser', String(t.capacity)),
      cell('Terapeut', t.therapist),
      cell('Periode', period(t))))));
}

// One labelled field: [wrapper, control, error].
function field(id, label, control, help) {
  const err = h('p', { class: 'field-error', id: `${id}-error` });
  control.setAttribute('id', id);
  control.setAttribute('aria-describedby', help ? `${id}-help ${id}-error` : `${id}-error`);
  return [h('div', { class: 'field' }, h('label', { for: id }, label),
    help ? h('p', { class: 'help', id: `${id}-help` }, help) : null, control, err), control, err];
}

function createForm(locations, staff, rooms, done) {
  const option = (value, text) => h('option', { value }, text);
  const therapists = (staff.items || []).filter((s) => s.role === 'terapeut');
  const inputs = {
    '$.name': field('team-name', 'Navn', h('input', { type: 'text', maxlength: '120', autocomplete: 'off' })),
    '$.paragraph': field('team-paragraph', 'Paragraf', h('select', null,
      option('86.1', labels.paragraph('86.1')), option('86.2', labels.paragraph('86.2')))),
    '$.room': field('team-room', 'Lokale', h('select', null, option('', 'Vælg lokale'),
      [...rooms].map(([id, name]) => option(id, name)))),
    '$.weekday': field('team-weekday', 'Ugedag', h('select', null,
      WEEKDAY_NAMES.slice(1).map((d, i) => option(i + 1, d)))),
    '$.time': field('team-time', 'Tidspunkt', h('input', { type: 'text', value: '10:00', inputmode: 'numeric',
      maxlength: '5', autocomplete: 'off' }), 'tt:mm, fx 10:00'),
    '$.minutes': field('team-minutes', 'Minutter', h('input', { type: 'number', min: '1', max: '600', value: '60', inputmode: 'numeric' })),
    '$.capacity': field('team-capacity', 'Pladser', h('input', { type: 'number', min: '1', max: '100', value: '8', inputmode: 'numeric' }),
      'Højst lokalets kapacitet.'),
    '$.therapist': field('team-therapist', 'Terapeut', h('select', null, option('', 'Vælg terapeut'),
      therapists.map((s) => option(s.username, s.username)))),
    '$.from': field('team-from', 'Første dag', dateInput({ value: shortDate(todayInDenmark()) }), 'dd.mm.åååå'),
    '$.to': field('team-to', 'Sidste dag (valgfri)', dateInput({}), 'Tom: holdet fortsætter.'),
  };
  const formErr = h('p', { class: 'form-error', id: 'team-form-error', role: 'alert' });
  const submit = h('button', { type: 'submit', class: 'button' }, 'Opret hold');
  const form = h('form', { class: 'card team-form', id: 'new-team', novalidate: true, 'aria-labelledby': 'new-team-title' },
    h('h2', { id: 'new-team-title' }, 'Opret hold'),
    h('div', { class: 'user-form-fields' }, Object.values(inputs).map(([wrap]) => wrap)),
    formErr,
    h('div', { class: 'actions' }, submit));
  const v = (path) => inputs[path][1].value.trim();
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    for (const [, el, err] of Object.values(inputs)) {
      err.textContent = '';
      el.removeAttribute('aria-invalid');
    }
    formErr.textContent = '';
    const body = {
      name: v('$.name'), paragraph: v('$.paragraph'), room: Number(v('$.room')) || null,
      weekday: Number(v('$.weekday')), time: v('$.time'), minutes: Number(v('$.minutes')),
      capacity: Number(v('$.capacity')), therapist: v('$.therapist'), from: isoOf(v('$.from')),
      to: v('$.to') ? isoOf(v('$.to')) : null,
    };
    submit.disabled = true;
    try {
      await post('/teams', body);
      form.reset();
      inputs['$.from'][1].value = shortDate(todayInDenmark());
      await done(body.name);
    } catch (err) {
      if (err.status === 401) return;
      const f = inputs[err.field];
      if (f) {
        f[2].textContent = besideField(err.message);
        f[1].setAttribute('aria-invalid', 'true');
        f[1].focus();
      } else formErr.textContent = err.message;
    } finally {
      submit.disabled = false;
    }
  });
  return form;
}
