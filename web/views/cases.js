// views/cases.js - "Sager": the municipality's cases (GET
// /api/v1/cases), newest first, a page of PAGE at a time, filtered by
// status (open by default, closed, all, or where an open case stands),
// paragraph and who is responsible, each linking to its case page and
// naming its responsible visitator and therapist. "Mine sager"
// (?mine=true: the cases the user is assigned to) or "Alle sager", by the
// address (#/sager/mine, #/sager/alle); at #/sager a visitator or
// terapeut with open cases of their own sees theirs, anyone else all. In
// "Alle sager", "Ansvarlig" narrows the list to one person's cases
// (?owner=). The filters and the page are in the address too
// (#/sager/alle?status=refused&paragraph=86.1&ansvarlig=ter.aalborg&side=2:
// codes and usernames, nothing about a citizen), so a page can be
// reloaded, linked and gone back to; changing a filter replaces the
// address and loads the list in place, keeping the focus on the filter.

import { get } from '../api.js';
import { shortDate } from '../dates.js';
import { h, replace, cell, pager } from '../dom.js';
import * as labels from '../labels.js';
import { ASSIGNABLE, chooseView, viewSwitch, assignedLines } from './owners.js';

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

const USERNAME = /^[A-Za-z0-9._@-]{1,63}$/;

// The filters and page of the address's query
// ("status=...&paragraph=...&ansvarlig=...&side=N").
function readQuery(query) {
  const q = new URLSearchParams(query || '');
  const status = STATUSES.some(([v]) => v === q.get('status')) ? q.get('status') : 'open';
  const paragraph = PARAGRAPHS.includes(q.get('paragraph')) ? q.get('paragraph') : '';
  const owner = USERNAME.test(q.get('ansvarlig') || '') ? q.get('ansvarlig') : '';
  const side = Math.max(1, Math.min(1e6, Number.parseInt(q.get('side') || '1', 10) || 1));
  return { status, paragraph, owner, side };
}

function hashOf(view, { status, paragraph, owner, side }) {
  const q = new URLSearchParams();
  if (status !== 'open') q.set('status', status);
  if (paragraph) q.set('paragraph', paragraph);
  if (owner && view !== 'mine') q.set('ansvarlig', owner);
  if (side > 1) q.set('side', String(side));
  const text = q.toString();
  return `#/sager/${view}${text ? `?${text}` : ''}`;
}

function apiQuery(view, { status, paragraph, owner, side }) {
  const q = new URLSearchParams({ limit: String(PAGE), offset: String((side - 1) * PAGE) });
  if (status !== 'all') q.set('status', status);
  if (paragraph) q.set('paragraph', paragraph);
  if (view === 'mine') q.set('mine', 'true');
  else if (owner) q.set('owner', owner);
  return q.toString();
}

// "Ansvarlig": anyone, or one of the municipality's visitators and
// therapists (GET /api/v1/staff); the one in the address stays offered
// even when the staff list cannot be read.
async function ownerOptions(owner) {
  let staff = [];
  try {
    staff = (await get('/staff')).items || [];
  } catch (err) {
    if (err.status === 401) throw err;
  }
  const options = [['', 'Alle']];
  for (const u of staff) options.push([u.username, `${u.username} (${labels.role(u.role)})`]);
  if (owner && !staff.some((u) => u.username === owner)) options.push([owner, owner]);
  return options;
}

const select = (id, name, options, value) => h('select', { id, name },
  options.map(([v, text]) => h('option', { value: v, selected: v === value }, text)));

export async function render(main, params, ctx) {
  const role = ctx.session.role;
  const filter = readQuery(params[1]);
  const view = await chooseView(params[0], role, async () =>
    (await get('/cases?limit=1&closed=false&mine=true')).total > 0);
  if (ctx.stale()) return 'Sager';
  const ownerSelect = view === 'mine' ? null
    : select('filter-owner', 'ansvarlig', await ownerOptions(filter.owner), filter.owner);
  if (ctx.stale()) return 'Sager';
  const statusSelect = select('filter-status', 'status', STATUSES, filter.status);
  const paraSelect = select('filter-paragraph', 'paragraph',
    [['', 'Alle'], ...PARAGRAPHS.map((p) => [p, labels.paragraph(p)])], filter.paragraph);
  const count = h('p', { class: 'count', id: 'cases-count', 'aria-live': 'polite' });
  const holder = h('div');

  async function load() {
    let data;
    try {
      data = await get(`/cases?${apiQuery(view, filter)}`);
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
      const none = view === 'mine' ? 'Du er ikke ansvarlig for nogen sager, der passer til filtrene.'
        : 'Ingen sager passer til filtrene.';
      replace(holder, h('p', { class: 'empty' }, data.total === 0 ? none
        : 'Siden findes ikke: der er ikke så mange sager.', ' ', h('a', { href: hashOf(view, { ...filter, side: 1 }) }, 'Første side')));
      return;
    }
    const page = { total: data.total, limit: PAGE, offset: first, shown: items.length };
    const link = (o) => hashOf(view, { ...filter, side: Math.floor(o / PAGE) + 1 });
    replace(holder,
      pager(page, link, 'Sider i sagslisten, øverst'),
      casesTable(items),
      pager(page, link, 'Sider i sagslisten, nederst'));
  }
  const changed = () => {
    filter.status = statusSelect.value;
    filter.paragraph = paraSelect.value;
    if (ownerSelect) filter.owner = ownerSelect.value;
    filter.side = 1;
    history.replaceState(null, '', hashOf(view, filter));
    load();
  };
  statusSelect.addEventListener('change', changed);
  paraSelect.addEventListener('change', changed);
  if (ownerSelect) ownerSelect.addEventListener('change', changed);
  await load();
  if (ctx.stale()) return 'Sager';
  replace(main,
    h('div', { class: 'page-head' }, h('h1', null, 'Sager'),
      h('p', { class: 'lead' }, view === 'mine' ? 'De sager, du er ansvarlig for, nyeste først. '
        : 'Kommunens sager, nyeste først. ', 'Søg efter en borger i feltet øverst.')),
    ASSIGNABLE.includes(role) ? viewSwitch(view, '#/sager', 'Mine sager', 'Alle sager') : null,
    h('form', { class: 'filters', role: 'search', 'aria-label': 'Filtrér sager', onsubmit: (e) => e.preventDefault() },
      h('div', { class: 'field' }, h('label', { for: 'filter-status' }, 'Vis'), statusSelect),
      h('div', { class: 'field' }, h('label', { for: 'filter-paragraph' }, 'Paragraf'), paraSelect),
      ownerSelect ? h('div', { class: 'field' }, h('label', { for: 'filter-owner' }, 'Ansvarlig'), ownerSelect) : null),
    count,
    holder);
  const title = view === 'mine' ? 'Mine sager' : 'Sager';
  return filter.side > 1 ? `${title}, side ${filter.side}` : title;
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
      h('th', { scope: 'col' }, 'Ansvarlige'),
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
        cell('Ansvarlige', assignedLines(c.assigned)),
        cell('Status', labels.caseStatus(c.status || (c.closed ? 'closed' : 'open'))));
    })));
}
