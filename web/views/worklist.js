// views/worklist.js - "Opgaver", the start page: every open deadline and
// task of the municipality (GET /api/v1/worklist: the standard's
// deadlines, and the tasks of api.md - a course to review for its
// attendance, a limit exceeded, a course past its length - and a missing
// end status), soonest due first, each with its status in colour and in
// words (overskredet, forfalder i dag, inden for 2 hverdage, senere),
// how far it is from its due date ("overskredet med 2 hverdage",
// "forfaldt fredag 4.12." at a weekend) and the source of its rule,
// filterable by kind and by paragraph (in the browser), each row
// linking to its case.

import { get } from '../api.js';
import { shortDate, longDate } from '../dates.js';
import { h, replace, cell } from '../dom.js';
import * as labels from '../labels.js';

const ORDER = ['overdue', 'today', 'soon', 'later'];

export async function render(main, _params, ctx) {
  const data = await get('/worklist?limit=500');
  if (ctx.stale()) return 'Opgaver';
  const items = data.items || [];
  const asOf = data.as_of;

  const kinds = new Map();
  for (const it of items) if (!kinds.has(kindOf(it))) kinds.set(kindOf(it), it.label || it.id);
  const kindSelect = h('select', { id: 'filter-kind', name: 'kind' },
    h('option', { value: '' }, 'Alle frister og opgaver'),
    [...kinds].map(([id, label]) => h('option', { value: id }, label)));
  const paraSelect = h('select', { id: 'filter-paragraph', name: 'paragraph' },
    h('option', { value: '' }, 'Alle'),
    h('option', { value: '86.1' }, labels.paragraph('86.1')),
    h('option', { value: '86.2' }, labels.paragraph('86.2')));
  const count = h('p', { class: 'count', id: 'worklist-count', 'aria-live': 'polite' });
  const tbody = h('tbody');
  const table = h('table', { class: 'table worklist', id: 'worklist' },
    h('caption', { class: 'visually-hidden' }, 'Åbne frister og opgaver, den der forfalder først, står øverst'),
    h('thead', null, h('tr', null,
      h('th', { scope: 'col' }, 'Status'),
      h('th', { scope: 'col' }, 'Forfalder'),
      h('th', { scope: 'col' }, 'Frist eller opgave'),
      h('th', { scope: 'col' }, 'Borger'),
      h('th', { scope: 'col' }, 'Paragraf'))),
    tbody);
  const empty = h('p', { class: 'empty', hidden: true });

  const summary = h('ul', { class: 'summary', 'aria-label': 'Fordeling af frister' });
  const tally = Object.fromEntries(ORDER.map((k) => [k, 0]));
  for (const it of items) tally[labels.urgency(it, asOf).key] += 1;
  for (const key of ORDER) {
    summary.append(h('li', { class: `status status-${key}` },
      h('span', { class: 'status-dot', 'aria-hidden': 'true' }),
      `${labels.URGENCY[key]}: `, h('strong', null, String(tally[key]))));
  }

  function show() {
    const kind = kindSelect.value;
    const para = paraSelect.value;
    const rows = items.filter((it) => (!kind || kindOf(it) === kind) && (!para || it.paragraph === para));
    replace(tbody, rows.map((it) => row(it, asOf)));
    table.hidden = rows.length === 0;
    empty.hidden = rows.length !== 0;
    empty.textContent = items.length === 0 ? 'Der er ingen åbne frister eller opgaver.' : 'Ingen frister eller opgaver passer til filtrene.';
    let text = `Viser ${rows.length} af ${items.length} åbne frister og opgaver.`;
    if (typeof data.total === 'number' && data.total > items.length) {
      text += ` Listen viser de første ${items.length} af ${data.total}.`;
    }
    count.textContent = text;
  }
  kindSelect.addEventListener('change', show);
  paraSelect.addEventListener('change', show);
  show();

  replace(main,
    h('div', { class: 'page-head' },
      h('h1', null, 'Opgaver'),
      h('p', { class: 'lead' }, 'Åbne frister og opgaver pr. ', h('time', { datetime: asOf }, longDate(asOf)),
        ', den der forfalder først, står øverst.')),
    summary,
    h('form', { class: 'filters', role: 'search', 'aria-label': 'Filtrér opgaver', onsubmit: (e) => e.preventDefault() },
      h('div', { class: 'field' }, h('label', { for: 'filter-kind' }, 'Frist eller opgave'), kindSelect),
      h('div', { class: 'field' }, h('label', { for: 'filter-paragraph' }, 'Paragraf'), paraSelect)),
    count,
    table,
    empty);
  return 'Opgaver';
}

// A kind to filter by: the deadline's or task's id, and an exceeded
// limit's own ("limit_exceeded:sessions_per_week").
const kindOf = (it) => (it.limit ? `${it.id}:${it.limit}` : it.id);

function row(it, asOf) {
  const u = labels.urgency(it, asOf);
  const name = (it.citizen && it.citizen.name) || `Sag ${it.case}`;
  return h('tr', { class: `status-row status-${u.key}`, 'data-case': it.case },
    cell('Status',
      h('span', { class: `badge status-${u.key}` }, h('span', { class: 'status-dot', 'aria-hidden': 'true' }), u.text)),
    cell('Forfalder',
      h('time', { datetime: it.due }, shortDate(it.due)),
      h('span', { class: 'sub' }, labels.dueText(it, asOf))),
    cell('Frist eller opgave', h('span', { class: 'task-label' }, it.label || it.id),
      it.source ? h('span', { class: 'sub task-source' }, `Kilde: ${it.source}`) : null),
    cell('Borger',
      h('a', { href: `#/sag/${Number(it.case)}`, class: 'case-link' }, name,
        h('span', { class: 'visually-hidden' }, `, sag ${it.case}`))),
    cell('Paragraf', labels.paragraph(it.paragraph)));
}
