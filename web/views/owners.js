// views/owners.js - who owns what, in the lists: the switch between
// "Mine" and "Alle" on Opgaver and Sager, the words for who is
// responsible for a case or a task, the choice of the default view (a
// user who is assigned open cases sees their own first), and a leder's
// table of open tasks per person (GET /api/v1/worklist/owners).

import { get } from '../api.js';
import { h, cell } from '../dom.js';
import * as labels from '../labels.js';

// The roles a case can be assigned to; only they have "Mine".
export const ASSIGNABLE = ['visitator', 'terapeut'];

// "Mine opgaver | Alle opgaver" as two links (the current one marked),
// so the choice is in the address: back, forward and reload keep it.
export function viewSwitch(current, base, mineText, allText) {
  const link = (key, text) => h('li', null, h('a', {
    href: `${base}/${key}`, class: 'toggle-link', 'data-view': key,
    'aria-current': current === key ? 'page' : null,
  }, text));
  return h('nav', { class: 'view-toggle', 'aria-label': 'Vis' },
    h('ul', null, link('mine', mineText), link('alle', allText)));
}

// The view a list starts in: the one in the address, else "mine" for a
// visitator or terapeut with open cases of their own (hasOwn() resolves
// to whether they have), else "alle".
export async function chooseView(asked, role, hasOwn) {
  if (asked === 'mine' || asked === 'alle') return asked;
  if (!ASSIGNABLE.includes(role)) return 'alle';
  return (await hasOwn()) ? 'mine' : 'alle';
}

// "ter.aalborg", or "Ikke fordelt" (set apart) for nobody.
export const ownerText = (username) => username || h('span', { class: 'unassigned' }, 'Ikke fordelt');

// The case's responsible visitator and terapeut as two short lines.
export function assignedLines(assigned) {
  const a = assigned || {};
  return [
    h('span', { class: 'owner-line' }, h('span', { class: 'owner-role' }, 'Visitator: '), ownerText(a.visitator)),
    h('span', { class: 'owner-line' }, h('span', { class: 'owner-role' }, 'Terapeut: '), ownerText(a.terapeut)),
  ];
}

// A task's responsible person, with the role in words.
export function responsibleCell(resp) {
  if (!resp) return '–';
  const role = labels.role(resp.role);
  return resp.username
    ? h('span', null, resp.username, h('span', { class: 'sub' }, role))
    : h('span', { class: 'unassigned' }, 'Ikke fordelt', h('span', { class: 'sub' }, `ingen ${role}`));
}

// The leder's overview: each person's cases and open tasks, overdue in
// words and colour, each person linking to their tasks; the tasks nobody
// is responsible for yet on a row of their own per role.
export async function workloadSection(ctx) {
  let data;
  try {
    data = await get('/worklist/owners');
  } catch (err) {
    if (err.status === 401) throw err;
    return h('section', { class: 'card', id: 'workload' }, h('p', { class: 'error-text', role: 'alert' }, err.message));
  }
  if (ctx.stale()) return null;
  const items = data.items || [];
  const rows = items.map((it) => h('tr', { 'data-owner': it.username || '', 'data-role': it.role },
    cell('Medarbejder', it.username
      ? h('a', { href: `#/opgaver/ansvarlig/${encodeURIComponent(it.username)}` }, it.username)
      : h('span', { class: 'unassigned' }, 'Ikke fordelt')),
    cell('Rolle', labels.role(it.role)),
    cell('Sager', it.username ? String(it.cases) : '–'),
    cell('Åbne opgaver', String(it.open)),
    cell('Overskredne', it.overdue
      ? h('span', { class: 'badge status-overdue' }, h('span', { class: 'status-dot', 'aria-hidden': 'true' }),
        `${it.overdue} overskredet`)
      : '0')));
  return h('section', { class: 'card workload', id: 'workload', 'aria-labelledby': 'workload-title' },
    h('h2', { id: 'workload-title' }, 'Opgaver pr. medarbejder'),
    h('p', { class: 'lead-small' }, 'Hver åben opgave tælles hos den, der er ansvarlig for den: terapeuten for træningen ',
      '(opstart, fremmøde, grænser, forløbets længde), visitatoren for sagens øvrige frister.'),
    items.length === 0 ? h('p', { class: 'empty' }, 'Kommunen har ingen visitatorer eller terapeuter endnu.')
      : h('table', { class: 'table workload-table', id: 'workload-table' },
        h('caption', { class: 'visually-hidden' }, 'Åbne opgaver pr. medarbejder'),
        h('thead', null, h('tr', null,
          h('th', { scope: 'col' }, 'Medarbejder'),
          h('th', { scope: 'col' }, 'Rolle'),
          h('th', { scope: 'col' }, 'Sager'),
          h('th', { scope: 'col' }, 'Åbne opgaver'),
          h('th', { scope: 'col' }, 'Overskredne'))),
        h('tbody', null, rows)));
}
