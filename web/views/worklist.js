// views/worklist.js - "Opgaver", the start page: every open deadline and
// task of the municipality (GET /api/v1/worklist: the standard's
// deadlines, and the tasks of api.md - a course to review for its
// attendance, a limit exceeded, a course past its length - and a missing
// end status), soonest due first, each with its status in colour and in
// words (overskredet, forfalder i dag, inden for 2 hverdage, senere),
// how far it is from its due date ("overskredet med 2 hverdage",
// "forfaldt fredag 4.12." at a weekend), the source of its rule and who
// is responsible for it, filterable by kind and by paragraph (in the
// browser), each row linking to its case.
//
// Which tasks: "Mine opgaver" (?mine=true: the cases the user is
// assigned to) or "Alle opgaver", chosen by the address (#/opgaver/mine,
// #/opgaver/alle); at #/ a visitator or terapeut with open cases of
// their own sees theirs, anyone else all. #/opgaver/ansvarlig/USERNAME
// is one person's tasks (?responsible=), which a leder reaches from the
// table of open tasks per person shown above all tasks (views/owners.js).

import { get } from '../api.js';
import { shortDate, longDate } from '../dates.js';
import { h, replace, cell } from '../dom.js';
import * as labels from '../labels.js';
import { ASSIGNABLE, chooseView, viewSwitch, responsibleCell, workloadSection } from './owners.js';

const ORDER = ['overdue', 'today', 'soon', 'later'];

// The tasks of the view, and the view: {data, view}.
async function fetchTasks(params, role) {
  const person = params[1] ? decodeURIComponent(params[1]) : null;
  if (person) {
    return { data: await get(`/worklist?limit=500&responsible=${encodeURIComponent(person)}`), view: 'person', person };
  }
  let mine = null;
  const view = await chooseView(params[0], role, async () => {
    mine = await get('/worklist?mine=true&limit=500');
    return mine.assigned_cases > 0;
  });
  if (view === 'mine') return { data: mine || await get('/worklist?mine=true&limit=500'), view };
  return { data: await get('/worklist?limit=500'), view };
}

function heading(view, person, asOf, data) {
  const date = h('time', { datetime: asOf }, longDate(asOf));
  if (view === 'person') {
    return [h('h1', null, `Opgaver for ${person}`),
      h('p', { class: 'lead' }, `Åbne frister og opgaver pr. `, date, `, som ${person} er ansvarlig for. `,
        h('a', { href: '#/opgaver/alle' }, 'Alle opgaver'))];
  }
  if (view === 'mine') {
    const n = data.assigned_cases || 0;
    return [h('h1', null, 'Opgaver'),
      h('p', { class: 'lead' }, `Åbne frister og opgaver på ${n === 1 ? 'den sag' : `de ${n} sager`}, du er ansvarlig for, pr. `, date,
        '. Den, der forfalder først, står øverst.')];
  }
  return [h('h1', null, 'Opgaver'),
    h('p', { class: 'lead' }, 'Åbne frister og opgaver pr. ', date, ', den der forfalder først, står øverst.')];
}

export async function render(main, params, ctx) {
  const role = ctx.session.role;
  const { data, view, person } = await fetchTasks(params, role);
  if (ctx.stale()) return 'Opgaver';
  const workload = role === 'leder' && view === 'alle' ? await workloadSection(ctx) : null;
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
      h('th', { scope: 'col' }, 'Paragraf'),
      h('th', { scope: 'col' }, 'Ansvarlig'))),
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
    empty.textContent = items.length > 0 ? 'Ingen frister eller opgaver passer til filtrene.'
      : view === 'mine' ? 'Der er ingen åbne frister eller opgaver på dine sager.' : 'Der er ingen åbne frister eller opgaver.';
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
    h('div', { class: 'page-head' }, heading(view, person, asOf, data)),
    ASSIGNABLE.includes(role) && view !== 'person' ? viewSwitch(view, '#/opgaver', 'Mine opgaver', 'Alle opgaver') : null,
    workload,
    summary,
    h('form', { class: 'filters', role: 'search', 'aria-label': 'Filtrér opgaver', onsubmit: (e) => e.preventDefault() },
      h('div', { class: 'field' }, h('label', { for: 'filter-kind' }, 'Frist eller opgave'), kindSelect),
      h('div', { class: 'field' }, h('label', { for: 'filter-paragraph' }, 'Paragraf'), paraSelect)),
    count,
    table,
    empty);
  return view === 'person' ? `Opgaver for ${person}` : view === 'mine' ? 'Mine opgaver' : 'Opgaver';
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
    cell('Paragraf', labels.paragraph(it.paragraph)),
    cell('Ansvarlig', responsibleCell(it.responsible)));
}
