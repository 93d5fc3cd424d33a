// views/cases.js - "Sager": the municipality's cases (GET
// /api/v1/cases), newest first, a page of PAGE at a time, filtered by
// status (open by default, closed, all, or where an open case stands)
// and paragraph, each linking to its case page. The filters and the page
// are in the address (#/sager?status=refused&paragraph=86.1&side=2: codes
// only, nothing personal), so a page can be reloaded, linked and gone
// back to; changing a filter replaces the address and loads the list in
// place, keeping the focus on the filter.
// (An owner filter, "Mine sager", joins these once cases have
// responsible users: one more select and one more query argument.)

import { get } from '../api.js';
import { shortDate } from '../dates.js';
import { h, replace, cell, pager } from '../dom.js';
import * as labels from '../labels.js';

const PAGE = 50;

const STATUSES = [
  ['open', 'Åbne sager'],
  ['referred', 'Henvist – afventer afgørelse'],
  ['granted', 'Bevilget – ikke startet'],
  ['training', 'I træning'],
  ['refused', 'Afslag'],
  ['complaint', 'Klage under behandling'],
  ['closed', 'Afsluttede sager'],
  ['all', 'Alle sager'],
];
const PARAGRAPHS = ['86.1', '86.2'];

// The filters and page of the address's query ("status=...&paragraph=...&side=N").
function readQuery(query) {
  const q = new URLSearchParams(query || '');
  const status = STATUSES.some(([v]) => v === q.get('status')) ? q.get('status') : 'open';
  const paragraph = PARAGRAPHS.includes(q.get('paragraph')) ? q.get('paragraph') : '';
  const side = Math.max(1, Math.min(1e6, Number.parseInt(q.get('side') || '1', 10) || 1));
  return { status, paragraph, side };
}

function hashOf({ status, paragraph, side }) {
  const q = new URLSearchParams();
  if (status !== 'open') q.set('status', status);
  if (paragraph) q.set('paragraph', paragraph);
  if (side > 1) q.set('side', String(side));
  const text = q.toString();
  return text ? `#/sager?${text}` : '#/sager';
}

function apiQuery({ status, paragraph, side }) {
  const q = new URLSearchParams({ limit: String(PAGE), offset: String((side - 1) * PAGE) });
  if (status !== 'all') q.set('status', status);
  if (paragraph) q.set('paragraph', paragraph);
  return q.toString();
}

const select = (id, name, options, value) => h('select', { id, name },
  options.map(([v, text]) => h('option', { value: v, selected: v === value }, text)));

export async function render(main, params, ctx) {
  const filter = readQuery(params[0]);
  const statusSelect = select('filter-status', 'status', STATUSES, filter.status);
  const paraSelect = select('filter-paragraph', 'paragraph',
    [['', 'Alle'], ...PARAGRAPHS.map((p) => [p, labels.paragraph(p)])], filter.paragraph);
  const count = h('p', { class: 'count', id: 'cases-count', 'aria-live': 'polite' });
  const holder = h('div');

  async function load() {
    let data;
    try {
      data = await get(`/cases?${apiQuery(filter)}`);
    } catch (err) {
      if (err.status === 401) throw err;
      replace(holder, h('p', { class: 'error-text', role: 'alert' }, err.message));
      return;
    }
    if (ctx.stale()) return;
    const items = data.items || [];
    const first = (filter.side - 1) * PAGE;
    // The pager says which of them are shown.
    count.textContent = data.total === 0 ? 'Ingen sager.' : `${data.total} ${data.total === 1 ? 'sag' : 'sager'}.`;
    if (items.length === 0) {
      replace(holder, h('p', { class: 'empty' }, data.total === 0 ? 'Ingen sager passer til filtrene.'
        : 'Siden findes ikke: der er ikke så mange sager.', ' ', h('a', { href: hashOf({ ...filter, side: 1 }) }, 'Første side')));
      return;
    }
    const page = { total: data.total, limit: PAGE, offset: first, shown: items.length };
    const link = (o) => hashOf({ ...filter, side: Math.floor(o / PAGE) + 1 });
    replace(holder,
      pager(page, link, 'Sider i sagslisten, øverst'),
      casesTable(items),
      pager(page, link, 'Sider i sagslisten, nederst'));
  }
  const changed = () => {
    filter.status = statusSelect.value;
    filter.paragraph = paraSelect.value;
    filter.side = 1;
    history.replaceState(null, '', hashOf(filter));
    load();
  };
  statusSelect.addEventListener('change', changed);
  paraSelect.addEventListener('change', changed);
  await load();
  if (ctx.stale()) return 'Sager';
  replace(main,
    h('div', { class: 'page-head' }, h('h1', null, 'Sager'),
      h('p', { class: 'lead' }, 'Kommunens sager, nyeste først. Søg efter en borger i feltet øverst.')),
    h('form', { class: 'filters', role: 'search', 'aria-label': 'Filtrér sager', onsubmit: (e) => e.preventDefault() },
      h('div', { class: 'field' }, h('label', { for: 'filter-status' }, 'Vis'), statusSelect),
      h('div', { class: 'field' }, h('label', { for: 'filter-paragraph' }, 'Paragraf'), paraSelect)),
    count,
    holder);
  return filter.side > 1 ? `Sager, side ${filter.side}` : 'Sager';
}

function casesTable(items) {
  return h('table', { class: 'table cases', id: 'cases' },
    h('caption', { class: 'visually-hidden' }, 'Sager, nyeste først'),
    h('thead', null, h('tr', null,
      h('th', { scope: 'col' }, 'Sag'),
      h('th', { scope: 'col' }, 'Borger'),
      h('th', { scope: 'col' }, 'Født'),
      h('th', { scope: 'col' }, 'Paragraf'),
      h('th', { scope: 'col' }, 'Modtaget'),
      h('th', { scope: 'col' }, 'Næste frist'),
      h('th', { scope: 'col' }, 'Status'))),
    h('tbody', null, items.map((c) => {
      const born = c.citizen && c.citizen.birth_date;
      return h('tr', { 'data-case': c.id },
        cell('Sag', String(c.id)),
        cell('Borger',
          h('a', { href: `#/sag/${Number(c.id)}` }, (c.citizen && c.citizen.name) || `Sag ${c.id}`)),
        cell('Født', born ? h('time', { datetime: born }, shortDate(born)) : '–'),
        cell('Paragraf', labels.paragraph(c.paragraph)),
        cell('Modtaget', h('time', { datetime: c.referral_date }, shortDate(c.referral_date))),
        cell('Næste frist', c.next_due ? h('time', { datetime: c.next_due }, shortDate(c.next_due)) : '–'),
        cell('Status', labels.caseStatus(c.status || (c.closed ? 'closed' : 'open'))));
    })));
}
