// views/terapeuter.js - "Terapeuter", a leder's set-up page (views/
// setup.js): each terapeut of the municipality with profession, weekly
// working hours and absences (GET /api/v1/staff), and one terapeut's
// form (#/terapeuter/USERNAME) that replaces all three at once (PUT
// /api/v1/staff/{username}): the profession, working periods (weekday,
// from, to; a period may end at 24:00, several a day) and absences (from,
// to, reason), rows added and removed. The API's Danish refusal is shown
// beside the field it names ("$.hours[2].to"). Bookings are checked
// against these hours and absences (docs/calendar.md).

import { api, get } from '../api.js';
import { shortDate, parseDanishDate } from '../dates.js';
import { h, replace, cell } from '../dom.js';
import { setupNav, fieldErrors, field } from './setup.js';

const TITLE = 'Terapeuter';
const PROFESSIONS = { fysioterapeut: 'Fysioterapeut', ergoterapeut: 'Ergoterapeut', træningsassistent: 'Træningsassistent' };
const DAYS = ['', 'mandag', 'tirsdag', 'onsdag', 'torsdag', 'fredag', 'lørdag', 'søndag'];
const SHORT = ['', 'man', 'tir', 'ons', 'tor', 'fre', 'lør', 'søn'];

export async function render(main, params, ctx) {
  const staff = await get('/staff');
  if (ctx.stale()) return TITLE;
  const therapists = (staff.items || []).filter((u) => u.role === 'terapeut')
    .sort((a, b) => a.username.localeCompare(b.username));
  if (params[0]) return renderOne(main, ctx, therapists, params[0]);
  replace(main,
    h('div', { class: 'page-head' },
      h('h1', null, TITLE),
      h('p', { class: 'lead' }, 'Kommunens terapeuter med fag, arbejdstider og fravær. Tider bookes kun inden for ',
        'en terapeuts arbejdstid og aldrig på en fraværsdag.')),
    setupNav('terapeuter', ctx.session.role),
    therapists.length === 0
      ? h('p', { class: 'empty' }, 'Kommunen har ingen brugere med rollen terapeut. En administrator opretter dem under Brugere.')
      : h('table', { class: 'table therapists', id: 'therapists' },
        h('caption', null, `${therapists.length} ${therapists.length === 1 ? 'terapeut' : 'terapeuter'}`),
        h('thead', null, h('tr', null, ['Terapeut', 'Fag', 'Arbejdstid', 'Fravær', 'Handling']
          .map((t) => h('th', { scope: 'col' }, t)))),
        h('tbody', null, therapists.map(row))));
  return TITLE;
}

// A username is [A-Za-z0-9._@-] (users_admin), so it goes into the
// address and the API's path as it is.
function row(u) {
  return h('tr', { 'data-user': u.username },
    cell('Terapeut', h('strong', { class: 'username' }, u.username)),
    cell('Fag', u.profession ? PROFESSIONS[u.profession] || u.profession : h('span', { class: 'sub' }, 'Ikke angivet')),
    cell('Arbejdstid', hoursText(u.hours)),
    cell('Fravær', absencesText(u.absences)),
    cell('Handling', h('a', { href: `#/terapeuter/${u.username}`, class: 'button secondary small edit-link' },
      'Redigér', h('span', { class: 'visually-hidden' }, ` ${u.username}`))));
}

// "man 08:00–15:30, tir 08:00–12:00 og 13:00–16:00" (or "Ingen").
function hoursText(hours) {
  if (!hours || hours.length === 0) return h('span', { class: 'sub' }, 'Ingen arbejdstid');
  const byDay = new Map();
  for (const p of hours) byDay.set(p.weekday, [...(byDay.get(p.weekday) || []), `${p.from}–${p.to}`]);
  return h('ul', { class: 'text-list' }, [...byDay].map(([d, ps]) => h('li', null, `${SHORT[d]} ${ps.join(' og ')}`)));
}

function absencesText(absences) {
  if (!absences || absences.length === 0) return h('span', { class: 'sub' }, 'Intet fravær');
  return h('ul', { class: 'text-list' }, absences.map((a) => h('li', null,
    a.from === a.to ? shortDate(a.from) : `${shortDate(a.from)}–${shortDate(a.to)}`, a.reason ? `: ${a.reason}` : '')));
}

function renderOne(main, ctx, therapists, username) {
  const u = therapists.find((t) => t.username === username);
  const title = u ? `Terapeut ${u.username}` : 'Terapeuten findes ikke';
  replace(main,
    h('div', { class: 'page-head' },
      h('p', { class: 'crumbs' }, h('a', { href: '#/terapeuter' }, 'Terapeuter')),
      h('h1', null, title),
      u ? h('p', { class: 'lead' }, 'Fag, arbejdstider og fravær gemmes samlet. Allerede bookede tider ændres ikke.') : null),
    setupNav('terapeuter', ctx.session.role),
    u ? editForm(u) : h('p', { class: 'error-text', role: 'alert' },
      `${username} er ikke terapeut i din kommune.`));
  return title;
}

// Rows that can be added and removed; each row registers its fields
// under path(i) when the form is sent.
function rowList(id, addText, makeRow) {
  const rows = [];
  const box = h('div', { class: 'setup-rows', id });
  const add = h('button', { type: 'button', class: 'button secondary', id: `${id}-add` }, addText);
  let serial = 0;
  function push(value, focus) {
    const r = makeRow(serial++, value);
    const remove = h('button', { type: 'button', class: 'button secondary small', 'data-remove': '' }, 'Fjern',
      h('span', { class: 'visually-hidden' }, ` ${r.label}`));
    r.el = h('div', { class: 'setup-row filters' }, r.fields.map((f) => f.el), h('div', { class: 'field' }, remove));
    remove.addEventListener('click', () => {
      rows.splice(rows.indexOf(r), 1);
      r.el.remove();
      add.focus();
    });
    rows.push(r);
    box.append(r.el);
    if (focus) r.fields[0].input.focus();
  }
  add.addEventListener('click', () => push(null, true));
  return { rows, box, add, push };
}

function hoursRow(k, p) {
  const day = h('select', null, DAYS.slice(1).map((d, i) =>
    h('option', { value: String(i + 1), selected: p ? p.weekday === i + 1 : false }, d[0].toUpperCase() + d.slice(1))));
  const time = (v) => h('input', { type: 'text', inputmode: 'numeric', maxlength: '5', placeholder: 'tt:mm', autocomplete: 'off', value: v || '' });
  const fields = [field(`hours-day-${k}`, 'Ugedag', day), field(`hours-from-${k}`, 'Fra', time(p && p.from)),
    field(`hours-to-${k}`, 'Til', time(p && p.to), null)];
  fields[0].el.classList.add('field-wide');
  return { fields, label: 'arbejdstiden', value: () => ({ weekday: Number(day.value), from: fields[1].input.value.trim(), to: fields[2].input.value.trim() }) };
}

// Dates are typed as Danes write them (dd.mm.åååå), as in views/forms.js.
function absenceRow(k, a) {
  const date = (v) => h('input', { type: 'text', inputmode: 'numeric', autocomplete: 'off', maxlength: '10',
    placeholder: 'dd.mm.åååå', value: v ? shortDate(v) : '' });
  const fields = [field(`absence-from-${k}`, 'Første dag', date(a && a.from)), field(`absence-to-${k}`, 'Sidste dag', date(a && a.to)),
    field(`absence-reason-${k}`, 'Årsag', h('input', { type: 'text', maxlength: '127', autocomplete: 'off', value: a ? a.reason : '' }))];
  fields[2].el.classList.add('field-wide');
  const day = (f) => parseDanishDate(f.input.value) || f.input.value.trim();
  return { fields, label: 'fraværet', value: () => ({ from: day(fields[0]), to: day(fields[1]), reason: fields[2].input.value.trim() }) };
}

// The path of the first absence date that is not a date, or null.
function badDate(absences) {
  for (const [i, r] of absences.rows.entries()) {
    for (const [j, key] of [[0, 'from'], [1, 'to']]) {
      if (!parseDanishDate(r.fields[j].input.value)) return `$.absences[${i}].${key}`;
    }
  }
  return null;
}

function editForm(u) {
  const prof = field('profession', 'Fag', h('select', null, h('option', { value: '' }, 'Vælg fag'),
    Object.entries(PROFESSIONS).map(([v, t]) => h('option', { value: v, selected: u.profession === v }, t))));
  const hours = rowList('hours', 'Tilføj arbejdstid', hoursRow);
  const absences = rowList('absences', 'Tilføj fravær', absenceRow);
  for (const p of u.hours || []) hours.push(p, false);
  for (const a of u.absences || []) absences.push(a, false);
  const weekdays = h('button', { type: 'button', class: 'button secondary', id: 'hours-weekdays' }, 'Hverdage 08:00–15:30');
  weekdays.addEventListener('click', () => {
    for (let d = 1; d <= 5; d++) hours.push({ weekday: d, from: '08:00', to: '15:30' }, false);
    hours.rows.at(-5)?.fields[0].input.focus();
  });
  const formErr = h('p', { class: 'form-error', id: 'staff-form-error', role: 'alert', tabindex: '-1' });
  const flash = h('p', { class: 'flash', id: 'setup-flash', role: 'status', tabindex: '-1' });
  const errs = fieldErrors(formErr);
  const submit = h('button', { type: 'submit', class: 'button' }, 'Gem');
  const form = h('form', { class: 'card staff-form', id: 'staff-form', novalidate: true, 'aria-label': `Fag, arbejdstid og fravær for ${u.username}` },
    prof.el,
    h('fieldset', { class: 'setup-fieldset' }, h('legend', null, 'Arbejdstid'),
      h('p', { class: 'help' }, 'Tider skrives tt:mm, fx 08:00. En periode til midnat slutter 24:00.'),
      hours.box, h('div', { class: 'actions' }, hours.add, weekdays)),
    h('fieldset', { class: 'setup-fieldset' }, h('legend', null, 'Fravær'),
      h('p', { class: 'help' }, 'Sygdom, ferie, kursus: begge dage er med. Datoer skrives dd.mm.åååå.'),
      absences.box, h('div', { class: 'actions' }, absences.add)),
    formErr,
    h('div', { class: 'actions' }, submit, h('a', { href: '#/terapeuter', class: 'button secondary' }, 'Tilbage til terapeuterne')));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    errs.reset();
    errs.add('$.profession', prof.input, prof.error);
    const register = (list, name) => list.rows.forEach((r, i) => {
      const keys = name === 'hours' ? ['weekday', 'from', 'to'] : ['from', 'to', 'reason'];
      errs.add(`$.${name}[${i}]`, r.fields[1].input, r.fields[1].error);
      keys.forEach((key, j) => errs.add(`$.${name}[${i}].${key}`, r.fields[j].input, r.fields[j].error));
    });
    register(hours, 'hours');
    register(absences, 'absences');
    errs.clear();
    flash.textContent = '';
    if (!prof.input.value) return errs.fail('$.profession', 'Vælg terapeutens fag.');
    const bad = badDate(absences);
    if (bad) return errs.fail(bad, 'Skriv datoen som dd.mm.åååå, fx 10.04.2025.');
    submit.disabled = true;
    try {
      await api('PUT', `/staff/${u.username}`, {
        profession: prof.input.value,
        hours: hours.rows.map((r) => r.value()),
        absences: absences.rows.map((r) => r.value()),
      });
      flash.textContent = `Fag, arbejdstid og fravær for ${u.username} er gemt.`;
      flash.focus();
    } catch (err) {
      if (err.status === 401) return;
      errs.fail(err.field, err.message);
    } finally {
      submit.disabled = false;
    }
  });
  return [flash, form];
}
