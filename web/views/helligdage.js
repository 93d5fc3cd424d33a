// views/helligdage.js - "Helligdage", a leder's set-up page (views/
// setup.js): nothing is booked on a public holiday or a day off of the
// standard's calendar unless a leder opens it (docs/calendar.md,
// "Holidays"). One year at a time (#/helligdage/YYYY, this year without),
// its holidays from GET /api/v1/holiday-openings?year=YYYY, each closed
// or open with the reason and who opened it. Opening asks for the reason
// in the row (POST /api/v1/holiday-openings); closing again (DELETE
// /api/v1/holiday-openings/{date}) leaves what was booked on the day.

import { get, post, del } from '../api.js';
import { longDate, todayInDenmark } from '../dates.js';
import { h, replace, cell } from '../dom.js';
import { setupNav } from './setup.js';

const TITLE = 'Helligdage';

export async function render(main, params, ctx) {
  const year = params[0] ? Number(params[0]) : Number(todayInDenmark().slice(0, 4));
  const data = await get(`/holiday-openings?year=${year}`);
  if (ctx.stale()) return TITLE;
  const page = {
    year,
    holidays: data.holidays || [],
    table: h('div', { id: 'holidays-host' }),
    flash: h('p', { class: 'flash', id: 'setup-flash', role: 'status', tabindex: '-1' }),
    error: h('p', { class: 'error-text', id: 'holidays-error', role: 'alert', tabindex: '-1' }),
  };
  showTable(page);
  const title = `${TITLE} ${year}`;
  replace(main,
    h('div', { class: 'page-head' },
      h('h1', null, title),
      h('p', { class: 'lead' }, 'Der bookes ikke tider på helligdage og kvalitetsstandardens fridage. ',
        'Skal der trænes en af dagene, åbner du den her for hele kommunen med en begrundelse; ',
        'så bookes den som en almindelig hverdag.')),
    setupNav('helligdage', ctx.session.role),
    h('nav', { class: 'pager year-pager', 'aria-label': 'Vælg år' },
      h('a', { href: `#/helligdage/${year - 1}`, rel: 'prev' }, `Forrige år (${year - 1})`),
      h('a', { href: `#/helligdage/${year + 1}`, rel: 'next' }, `Næste år (${year + 1})`)),
    page.flash,
    page.error,
    page.table);
  return title;
}

async function reload(page) {
  const data = await get(`/holiday-openings?year=${page.year}`);
  page.holidays = data.holidays || [];
  showTable(page);
}

function showTable(page) {
  const open = page.holidays.filter((d) => d.open).length;
  replace(page.table, h('table', { class: 'table holidays', id: 'holidays' },
    h('caption', null, `${page.holidays.length} helligdage og fridage i ${page.year}; ${open} er åbnet for booking`),
    h('thead', null, h('tr', null, ['Dato', 'Helligdag', 'Booking', 'Handling'].map((t) => h('th', { scope: 'col' }, t)))),
    h('tbody', null, page.holidays.map((d) => dayRow(page, d)))));
}

function dayRow(page, d) {
  const state = d.open
    ? [h('span', { class: 'badge status-met' }, h('span', { class: 'status-dot', 'aria-hidden': 'true' }), 'Åben'),
      h('span', { class: 'sub' }, `${d.reason} (åbnet af ${d.opened_by})`)]
    : h('span', { class: 'badge status-off' }, h('span', { class: 'status-dot', 'aria-hidden': 'true' }), 'Lukket');
  return h('tr', { 'data-date': d.date, class: d.open ? 'holiday-open' : 'holiday-closed' },
    cell('Dato', h('time', { datetime: d.date }, longDate(d.date))),
    cell('Helligdag', d.name),
    cell('Booking', state),
    cell('Handling', actions(page, d)));
}

function actions(page, d) {
  const box = h('div', { class: 'row-actions' });
  const label = h('span', { class: 'visually-hidden' }, ` ${d.name}`);
  function fill() {
    if (d.open) {
      replace(box, h('button', { type: 'button', class: 'button secondary small', 'data-action': 'close',
        onclick: () => change(page, d, () => del(`/holiday-openings/${d.date}`),
          `${d.name} er lukket for booking igen. Tider, der allerede er booket, er bevaret.`) }, 'Luk igen', label));
      return;
    }
    replace(box, h('button', { type: 'button', class: 'button secondary small', 'data-action': 'open', onclick: ask },
      'Åbn for booking', label));
  }
  // Asks for the reason in the row; Escape or "Fortryd" puts the button back.
  function ask() {
    const id = `reason-${d.date}`;
    const input = h('input', { type: 'text', id, maxlength: '127', autocomplete: 'off', 'aria-describedby': `${id}-error` });
    const err = h('p', { class: 'field-error', id: `${id}-error` });
    const cancel = h('button', { type: 'button', class: 'button secondary small', 'data-confirm': 'no' }, 'Fortryd');
    const form = h('form', { class: 'open-form', novalidate: true, 'aria-label': `Åbn ${d.name} for booking` },
      h('div', { class: 'field' }, h('label', { for: id }, 'Begrundelse'), input, err),
      h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'button small', 'data-confirm': 'yes' }, 'Åbn dagen'), cancel));
    const back = () => {
      fill();
      box.querySelector('button')?.focus();
    };
    cancel.addEventListener('click', back);
    form.addEventListener('keydown', (e) => {
      if (e.key === 'Escape') {
        e.preventDefault();
        back();
      }
    });
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      if (!input.value.trim()) {
        err.textContent = 'Skriv hvorfor dagen åbnes.';
        input.setAttribute('aria-invalid', 'true');
        input.focus();
        return;
      }
      change(page, d, () => post('/holiday-openings', { date: d.date, reason: input.value.trim() }),
        `${d.name} er åbnet for booking: den bookes nu som en hverdag.`);
    });
    replace(box, form);
    input.focus();
  }
  fill();
  return box;
}

// Makes the change, then shows the year again with what happened.
async function change(page, d, send, done) {
  page.flash.textContent = '';
  page.error.textContent = '';
  for (const b of page.table.querySelectorAll('button')) b.disabled = true;
  try {
    await send();
  } catch (err) {
    if (err.status === 401) return;
    page.error.textContent = err.message;
    await reload(page).catch(() => showTable(page));
    page.error.focus();
    return;
  }
  await reload(page).catch(() => showTable(page));
  page.flash.textContent = done;
  page.flash.focus();
}
