// views/cases.js - "Sager": the municipality's cases (GET
// /api/v1/cases), newest first, open ones by default, each linking to
// its case page and naming who is responsible for it. "Mine sager"
// (?mine=true: the cases the user is assigned to) or "Alle sager", by
// the address (#/sager/mine, #/sager/alle); at #/sager a visitator or
// terapeut with open cases of their own sees theirs, anyone else all.

import { get } from '../api.js';
import { shortDate } from '../dates.js';
import { h, replace, cell } from '../dom.js';
import * as labels from '../labels.js';
import { ASSIGNABLE, chooseView, viewSwitch, assignedLines } from './owners.js';

const LIMIT = 200;

export async function render(main, params, ctx) {
  const role = ctx.session.role;
  const select = h('select', { id: 'filter-closed', name: 'closed' },
    h('option', { value: 'false' }, 'Åbne sager'),
    h('option', { value: 'true' }, 'Afsluttede sager'),
    h('option', { value: '' }, 'Alle sager'));
  const count = h('p', { class: 'count', id: 'cases-count', 'aria-live': 'polite' });
  const holder = h('div');
  let first = null;       // the answer that chose the view, shown once
  const view = await chooseView(params[0], role, async () => {
    first = await get(`/cases?limit=${LIMIT}&closed=false&mine=true`);
    return first.total > 0;
  });
  if (ctx.stale()) return 'Sager';
  const mine = view === 'mine' ? '&mine=true' : '';

  async function load() {
    const q = select.value ? `&closed=${select.value}` : '';
    let data;
    try {
      data = first && view === 'mine' ? first : await get(`/cases?limit=${LIMIT}${q}${mine}`);
      first = null;
    } catch (err) {
      if (err.status === 401) throw err;
      replace(holder, h('p', { class: 'error-text', role: 'alert' }, err.message));
      return;
    }
    if (ctx.stale()) return;
    const items = data.items || [];
    let text = `${items.length} ${items.length === 1 ? 'sag' : 'sager'}.`;
    if (data.total > items.length) text = `Viser de ${items.length} nyeste af ${data.total} sager.`;
    count.textContent = text;
    if (items.length === 0) {
      replace(holder, h('p', { class: 'empty' }, view === 'mine' ? 'Du er ikke ansvarlig for nogen af disse sager.' : 'Ingen sager.'));
      return;
    }
    replace(holder, h('table', { class: 'table cases', id: 'cases' },
      h('caption', { class: 'visually-hidden' }, 'Sager, nyeste først'),
      h('thead', null, h('tr', null,
        h('th', { scope: 'col' }, 'Sag'),
        h('th', { scope: 'col' }, 'Borger'),
        h('th', { scope: 'col' }, 'Paragraf'),
        h('th', { scope: 'col' }, 'Modtaget'),
        h('th', { scope: 'col' }, 'Næste frist'),
        h('th', { scope: 'col' }, 'Ansvarlige'),
        h('th', { scope: 'col' }, 'Status'))),
      h('tbody', null, items.map((c) => h('tr', null,
        cell('Sag', String(c.id)),
        cell('Borger',
          h('a', { href: `#/sag/${Number(c.id)}` }, (c.citizen && c.citizen.name) || `Sag ${c.id}`)),
        cell('Paragraf', labels.paragraph(c.paragraph)),
        cell('Modtaget', h('time', { datetime: c.referral_date }, shortDate(c.referral_date))),
        cell('Næste frist', c.next_due ? h('time', { datetime: c.next_due }, shortDate(c.next_due)) : '–'),
        cell('Ansvarlige', assignedLines(c.assigned)),
        cell('Status', c.closed ? 'Afsluttet' : 'Åben'))))));
  }
  select.addEventListener('change', () => { load(); });
  await load();
  if (ctx.stale()) return 'Sager';
  replace(main,
    h('div', { class: 'page-head' }, h('h1', null, 'Sager'),
      h('p', { class: 'lead' }, view === 'mine' ? 'De sager, du er ansvarlig for, nyeste først.' : 'Kommunens sager, nyeste først.')),
    ASSIGNABLE.includes(role) ? viewSwitch(view, '#/sager', 'Mine sager', 'Alle sager') : null,
    h('form', { class: 'filters', role: 'search', 'aria-label': 'Filtrér sager', onsubmit: (e) => e.preventDefault() },
      h('div', { class: 'field' }, h('label', { for: 'filter-closed' }, 'Vis'), select)),
    count,
    holder);
  return view === 'mine' ? 'Mine sager' : 'Sager';
}
