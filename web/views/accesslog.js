// views/accesslog.js - "Adgangslog" for leaders and administrators:
// who read or wrote a citizen's data, when and why (GET
// /api/v1/citizens/{id}/access-log). The citizen is named by genop's
// citizen id (from the case page), never by CPR number. The log grows with
// every look, so it is shown a page of PAGE rows at a time:
// #/adgangslog/{citizen}/{offset}.

import { get } from '../api.js';
import { dateTime } from '../dates.js';
import { h, replace, cell, pager } from '../dom.js';
import * as labels from '../labels.js';

const PAGE = 100;

export async function render(main, params, ctx) {
  const id = params[0] ? Number(params[0]) : null;
  const offset = params[1] ? Number(params[1]) : 0;
  const input = h('input', { id: 'log-citizen', name: 'citizen', type: 'text', inputmode: 'numeric',
    pattern: '[0-9]*', value: id ? String(id) : null, 'aria-describedby': 'log-citizen-help log-citizen-error',
    autocomplete: 'off' });
  const inputError = h('p', { class: 'field-error', id: 'log-citizen-error' });
  const form = h('form', { class: 'filters', 'aria-label': 'Vælg borger' },
    h('div', { class: 'field' },
      h('label', { for: 'log-citizen' }, 'Borgerens id i genop'),
      h('p', { class: 'help', id: 'log-citizen-help' }, 'Står på sagen under "Borger". Et CPR-nummer kan ikke bruges her.'),
      input, inputError),
    h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'button' }, 'Vis adgangslog')));
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const v = input.value.trim();
    if (!/^[1-9][0-9]{0,17}$/.test(v)) {
      inputError.textContent = 'Skriv borgerens id: et helt tal, fx 12.';
      input.setAttribute('aria-invalid', 'true');
      input.focus();
      return;
    }
    location.hash = `#/adgangslog/${v}`;
  });

  let result = null;
  if (id) {
    try {
      const data = await get(`/citizens/${id}/access-log?limit=${PAGE}&offset=${offset}`);
      if (ctx.stale()) return 'Adgangslog';
      const items = data.items || [];
      const page = { total: data.total, limit: PAGE, offset, shown: items.length };
      const link = (o) => `#/adgangslog/${id}/${o}`;
      result = items.length === 0 ? h('p', { class: 'empty' }, 'Ingen registreringer.') : [
        pager(page, link, 'Sider i adgangsloggen, øverst'),
        h('table', { class: 'table accesslog', id: 'accesslog' },
          h('caption', null, `Adgangslog for borger ${id}, nyeste først`),
          h('thead', null, h('tr', null,
            h('th', { scope: 'col' }, 'Tidspunkt'), h('th', { scope: 'col' }, 'Bruger'),
            h('th', { scope: 'col' }, 'Handling'), h('th', { scope: 'col' }, 'Sag'),
            h('th', { scope: 'col' }, 'Formål'))),
          h('tbody', null, items.map((it) => h('tr', null,
            cell('Tidspunkt', h('time', { datetime: it.time }, dateTime(it.time))),
            cell('Bruger', it.user),
            cell('Handling', labels.action(it.action)),
            cell('Sag', it.case ? (ctx.session.role === 'admin' ? String(it.case)
              : h('a', { href: `#/sag/${Number(it.case)}` }, `Sag ${it.case}`)) : '–'),
            cell('Formål', it.purpose || ''))))),
        pager(page, link, 'Sider i adgangsloggen, nederst')];
    } catch (err) {
      if (err.status === 401) throw err;
      result = h('p', { class: 'error-text', role: 'alert' }, err.status === 404
        ? 'Borgeren findes ikke i din kommune.' : err.message);
    }
  }
  replace(main,
    h('div', { class: 'page-head' }, h('h1', null, 'Adgangslog'),
      h('p', { class: 'lead' }, 'Hvem har læst eller skrevet i en borgers oplysninger, hvornår og hvorfor.')),
    form,
    result);
  return id ? `Adgangslog for borger ${id}` : 'Adgangslog';
}
