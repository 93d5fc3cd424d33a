// views/holdside.js - a team's page (#/hold/ID; GET /api/v1/teams/{id}):
// the team, its roster (who is on it, from and to, who left), its
// waiting list in order with the offers of freed places, and its next
// meetings, each linking to its attendance screen (#/hold/ID/DATE,
// views/holdmoede.js). Here a case is enrolled (POST .../roster: its
// meetings are booked, and dates that could not be are listed with the
// reason) or put on the waiting list (POST .../waiting-list); the list's
// order is changed with "Op"/"Ned" (PUT .../waiting-list); an offer is
// accepted (enrolling from the freed meeting) or declined (POST
// .../waiting-list/decline: the next is offered); a case is taken off
// the list (.../remove) or leaves the team (.../roster/leave, asked
// first, inline). Every change shows the page again with what happened.

import { api, get, post } from '../api.js';
import { longDate, shortDate, todayInDenmark } from '../dates.js';
import { h, replace, cell, facts } from '../dom.js';
import * as labels from '../labels.js';
import { besideField } from './forms.js';
import { dateInput, isoOf, period, roomNames, when } from './hold.js';

export async function render(main, params, ctx) {
  const id = Number(params[0]);
  const page = { id, main, ctx, rooms: new Map(),
    flash: h('p', { class: 'flash', id: 'team-flash', role: 'status', tabindex: '-1' }),
    error: h('p', { class: 'error-text', id: 'team-error', role: 'alert', tabindex: '-1' }) };
  const [team, locations] = await Promise.all([get(`/teams/${id}`), get('/locations')]);
  if (ctx.stale()) return team.name;
  page.rooms = roomNames(locations);
  show(page, team);
  return `Hold: ${team.name}`;
}

async function reload(page, message) {
  const team = await get(`/teams/${page.id}`);
  show(page, team);
  if (message) {
    page.flash.textContent = message;
    page.flash.focus();
  }
}

// Runs a change; on refusal the server's message is shown above.
async function change(page, f, message) {
  page.flash.textContent = '';
  page.error.textContent = '';
  try {
    const r = await f();
    await reload(page, typeof message === 'function' ? message(r) : message);
  } catch (err) {
    if (err.status === 401) return;
    page.error.textContent = err.message;
    page.error.focus();
  }
}

function show(page, t) {
  const caseLink = (x) => h('a', { href: `#/sag/${Number(x.case)}` }, x.citizen.name,
    h('span', { class: 'sub' }, `Sag ${x.case}`));
  replace(page.main,
    h('div', { class: 'page-head' },
      h('p', { class: 'lead-small' }, h('a', { href: '#/hold' }, 'Hold')),
      h('h1', null, t.name),
      h('p', { class: 'lead' }, `${labels.paragraph(t.paragraph)}, ${when(t)} `,
        t.full ? h('span', { class: 'badge status-overdue', id: 'team-full' }, 'Fuldt') :
          h('span', { class: 'badge status-met', id: 'team-free' }, 'Ledige pladser'))),
    facts([['Lokale', page.rooms.get(t.room) || `Lokale ${t.room}`], ['Pladser', `${t.enrolled} af ${t.capacity} besat`],
      ['Terapeut', t.therapist], ['Periode', period(t)]]),
    page.flash,
    page.error,
    meetings(page, t),
    roster(page, t, caseLink),
    waiting(page, t, caseLink),
    enrolForm(page, t));
}

function meetings(page, t) {
  return h('section', { class: 'card', 'aria-labelledby': 'meetings-title' },
    h('h2', { id: 'meetings-title' }, 'Næste møder'),
    t.meetings.length === 0 ? h('p', { class: 'empty' }, 'Holdet har ikke flere møder.') :
      h('ul', { class: 'meetings', id: 'team-meetings' }, t.meetings.map((m) => h('li', null,
        h('a', { href: `#/hold/${page.id}/${m.date}` }, `${longDate(m.date)} kl. ${t.time}`),
        h('span', { class: 'sub' }, `${m.booked} tilmeldt, ${m.free} ${m.free === 1 ? 'ledig plads' : 'ledige pladser'}`)))));
}

function roster(page, t, caseLink) {
  const rows = t.roster;
  return h('section', { class: 'card', 'aria-labelledby': 'roster-title' },
    h('h2', { id: 'roster-title' }, `Deltagere (${rows.filter((r) => !r.left_on).length})`),
    rows.length === 0 ? h('p', { class: 'empty' }, 'Ingen er meldt på holdet.') :
      h('table', { class: 'table roster', id: 'roster' },
        h('caption', { class: 'visually-hidden' }, 'Holdets deltagere'),
        h('thead', null, h('tr', null, ['Borger', 'Fra', 'Til', 'Handlinger'].map((x) => h('th', { scope: 'col' }, x)))),
        h('tbody', null, rows.map((r) => h('tr', { 'data-case': r.case },
          cell('Borger', caseLink(r)),
          cell('Fra', shortDate(r.from)),
          cell('Til', r.left_on ? `udmeldt ${shortDate(r.left_on)}` : r.to ? shortDate(r.to) : 'bevillingens slut'),
          cell('Handlinger', r.left_on ? null : leaveButton(page, r)))))));
}

// "Meld af", asked first inline: from which day, who, and why.
function leaveButton(page, r) {
  const box = h('div', { class: 'row-actions' });
  const start = h('button', { type: 'button', class: 'button secondary small', 'data-action': 'leave' },
    'Meld af', h('span', { class: 'visually-hidden' }, ` ${r.citizen.name}`));
  const restore = () => { replace(box, start); start.focus(); };
  start.addEventListener('click', () => {
    const key = `leave-${Number(r.case)}`;
    const from = dateInput({ id: `${key}-from`, value: shortDate(todayInDenmark()) });
    const by = h('select', { id: `${key}-by` }, h('option', { value: 'citizen' }, 'Borgeren'),
      h('option', { value: 'provider' }, 'Kommunen'));
    const reason = h('input', { type: 'text', id: `${key}-reason`, maxlength: '120', value: 'Udmeldt af holdet' });
    const yes = h('button', { type: 'button', class: 'button danger small', 'data-confirm': 'yes' }, 'Meld af holdet');
    const no = h('button', { type: 'button', class: 'button secondary small', 'data-confirm': 'no' }, 'Fortryd');
    no.addEventListener('click', restore);
    yes.addEventListener('click', () => change(page, () => post(`/teams/${page.id}/roster/leave`,
      { case: r.case, from: isoOf(from.value.trim()), by: by.value, reason: reason.value.trim() }),
    (x) => `${r.citizen.name} er meldt af holdet fra ${shortDate(x.left_on)}; ${x.cancelled} ${x.cancelled === 1 ? 'tid er' : 'tider er'} aflyst.` +
      (x.offered ? ' Pladsen er tilbudt den første på ventelisten.' : '')));
    const group = h('div', { class: 'confirm', role: 'group', 'aria-label': `Meld ${r.citizen.name} af holdet` },
      h('div', { class: 'field' }, h('label', { for: `${key}-from` }, 'Fra og med'), from),
      h('div', { class: 'field' }, h('label', { for: `${key}-by` }, 'Hvem melder af'), by),
      h('div', { class: 'field' }, h('label', { for: `${key}-reason` }, 'Grund'), reason),
      h('p', { class: 'help' }, 'Borgerens tider på holdet fra den dag aflyses.'),
      h('div', { class: 'actions' }, yes, no));
    group.addEventListener('keydown', (e) => { if (e.key === 'Escape') { e.preventDefault(); restore(); } });
    replace(box, group);
    from.focus();
  });
  box.append(start);
  return box;
}

function waiting(page, t, caseLink) {
  const list = t.waiting_list;
  const order = list.map((w) => w.case);
  const move = (i, j) => {
    const next = [...order];
    [next[i], next[j]] = [next[j], next[i]];
    return change(page, () => api('PUT', `/teams/${page.id}/waiting-list`, { cases: next }),
      `${list[i].citizen.name} er flyttet ${j < i ? 'op' : 'ned'} på ventelisten.`);
  };
  const small = (text, name, who, onclick) => h('button', { type: 'button', class: 'button secondary small',
    'data-action': name, onclick }, text, h('span', { class: 'visually-hidden' }, ` ${who}`));
  return h('section', { class: 'card', 'aria-labelledby': 'waiting-title' },
    h('h2', { id: 'waiting-title' }, `Venteliste (${list.length})`),
    h('p', { class: 'help' }, 'Når en plads bliver ledig, tilbydes den den første på listen uden tilbud; ',
      'tilbuddet står som opgave på sagen, til det er taget imod eller afslået.'),
    list.length === 0 ? h('p', { class: 'empty' }, 'Ingen står på ventelisten.') :
      h('ol', { class: 'waiting', id: 'waiting-list' }, list.map((w, i) => h('li', { 'data-case': w.case },
        h('div', { class: 'waiting-who' }, caseLink(w),
          h('span', { class: 'sub' }, `På listen siden ${shortDate(w.added_on)}`),
          w.offer ? h('span', { class: 'badge status-today offer' },
            `Tilbudt plads ${shortDate(w.offer.due)}`) : null),
        h('div', { class: 'row-actions' },
          i > 0 ? small('Op', 'up', w.citizen.name, () => move(i, i - 1)) : null,
          i < list.length - 1 ? small('Ned', 'down', w.citizen.name, () => move(i, i + 1)) : null,
          w.offer ? small('Tag imod', 'accept', w.citizen.name, () => change(page,
            () => post(`/teams/${page.id}/roster`, { case: w.case, from: w.offer.due }),
            (r) => `${w.citizen.name} er meldt på holdet; ${r.ids.length} ${r.ids.length === 1 ? 'tid er' : 'tider er'} booket.`)) : null,
          w.offer ? small('Afslå', 'decline', w.citizen.name, () => change(page,
            () => post(`/teams/${page.id}/waiting-list/decline`, { case: w.case }),
            (r) => `${w.citizen.name} har afslået pladsen.` + (r.offered ? ' Den er tilbudt den næste på listen.' : ''))) : null,
          small('Fjern', 'remove', w.citizen.name, () => change(page,
            () => post(`/teams/${page.id}/waiting-list/remove`, { case: w.case }),
            `${w.citizen.name} er fjernet fra ventelisten.`)))))));
}

// The skipped dates of an enrolment, each with its Danish reason.
function skippedList(skipped) {
  if (!skipped.length) return null;
  return h('div', { class: 'notice', id: 'enrol-skipped' },
    h('p', null, h('strong', null, `${skipped.length} ${skipped.length === 1 ? 'møde kunne' : 'møder kunne'} ikke bookes:`)),
    h('ul', null, skipped.map((s) => h('li', null, `${shortDate(s.date)}: ${s.detail}`))));
}

function enrolForm(page, t) {
  const caseIn = h('input', { type: 'text', id: 'enrol-case', inputmode: 'numeric', autocomplete: 'off',
    maxlength: '18', 'aria-describedby': 'enrol-case-help enrol-case-error' });
  const next = t.meetings[0] ? t.meetings[0].date : todayInDenmark();
  const from = dateInput({ id: 'enrol-from', value: shortDate(next), 'aria-describedby': 'enrol-from-help enrol-from-error' });
  const to = dateInput({ id: 'enrol-to', 'aria-describedby': 'enrol-to-help enrol-to-error' });
  const errs = { '$.case': h('p', { class: 'field-error', id: 'enrol-case-error' }),
    '$.from': h('p', { class: 'field-error', id: 'enrol-from-error' }),
    '$.to': h('p', { class: 'field-error', id: 'enrol-to-error' }) };
  const controls = { '$.case': caseIn, '$.from': from, '$.to': to };
  const formErr = h('p', { class: 'form-error', id: 'enrol-error', role: 'alert' });
  const result = h('div', { id: 'enrol-result' });
  const enrol = h('button', { type: 'submit', class: 'button', id: 'enrol-submit' }, 'Meld på holdet');
  const wait = h('button', { type: 'button', class: 'button secondary', id: 'wait-submit' }, 'Sæt på ventelisten');
  const reset = () => {
    for (const [k, e] of Object.entries(errs)) { e.textContent = ''; controls[k].removeAttribute('aria-invalid'); }
    formErr.textContent = '';
    replace(result);
  };
  const refused = (err) => {
    if (err.status === 401) return;
    if (errs[err.field]) {
      errs[err.field].textContent = besideField(err.message);
      controls[err.field].setAttribute('aria-invalid', 'true');
      controls[err.field].focus();
    } else formErr.textContent = err.message;
  };
  const caseId = () => {
    const n = Number(caseIn.value.trim());
    if (Number.isInteger(n) && n > 0) return n;
    refused({ field: '$.case', message: 'Skriv sagens nummer.' });
    return null;
  };
  const form = h('form', { class: 'card', id: 'enrol-form', novalidate: true, 'aria-labelledby': 'enrol-title' },
    h('h2', { id: 'enrol-title' }, 'Meld en sag på holdet'),
    h('div', { class: 'user-form-fields' },
      h('div', { class: 'field' }, h('label', { for: 'enrol-case' }, 'Sagsnummer'),
        h('p', { class: 'help', id: 'enrol-case-help' }, 'Sagen skal have en bevilling af træning.'), caseIn, errs['$.case']),
      h('div', { class: 'field' }, h('label', { for: 'enrol-from' }, 'Fra og med'),
        h('p', { class: 'help', id: 'enrol-from-help' }, 'dd.mm.åååå'), from, errs['$.from']),
      h('div', { class: 'field' }, h('label', { for: 'enrol-to' }, 'Til og med (valgfri)'),
        h('p', { class: 'help', id: 'enrol-to-help' }, 'Tom: til bevillingen eller holdet slutter.'), to, errs['$.to'])),
    formErr,
    h('div', { class: 'actions' }, enrol, wait),
    result);
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    reset();
    const id = caseId();
    if (!id) return;
    enrol.disabled = true;
    try {
      const r = await post(`/teams/${page.id}/roster`, { case: id, from: isoOf(from.value.trim()),
        to: to.value.trim() ? isoOf(to.value.trim()) : null });
      await reload(page, `Sag ${id} er meldt på holdet; ${r.ids.length} ${r.ids.length === 1 ? 'tid er' : 'tider er'} booket.`);
      const again = page.main.querySelector('#enrol-result');
      if (again) replace(again, skippedList(r.skipped));
    } catch (err) {
      refused(err);
      if (err.problem && err.problem.conflict === 'team') {
        formErr.textContent = `${err.message} Brug knappen „Sæt på ventelisten“.`;
      }
    } finally {
      enrol.disabled = false;
    }
  });
  wait.addEventListener('click', async () => {
    reset();
    const id = caseId();
    if (!id) return;
    wait.disabled = true;
    try {
      await post(`/teams/${page.id}/waiting-list`, { case: id });
      await reload(page, `Sag ${id} står nu på ventelisten.`);
    } catch (err) {
      refused(err);
    } finally {
      wait.disabled = false;
    }
  });
  return form;
}
