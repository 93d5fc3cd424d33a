// views/accesslog.js - "Adgangslog" for leaders and administrators:
// who read or wrote a citizen's data, when and why (GET
// /api/v1/citizens/{id}/access-log). The citizen is found by a search
// (GET /api/v1/citizens?q=: a name, a CPR number or a case number), which
// lists the citizens it finds with their birth dates and case numbers,
// each with a link to the log; the address holds genop's citizen id only
// (#/adgangslog/{citizen}/{offset}), never a CPR number or a name, and
// the search text stays in the app's memory (#/adgangslog/soeg/{offset}
// shows its results). The case page links to its citizen's log too. The
// log grows with every look, so it is shown a page of PAGE rows at a time.

import { get } from '../api.js';
import { dateTime, shortDate } from '../dates.js';
import { h, replace, cell, pager } from '../dom.js';
import * as labels from '../labels.js';
import { searchForm, SEARCH_HELP } from './search.js';

const PAGE = 100;
const HITS = 20;

export async function render(main, params, ctx) {
  const searching = params[0] === 'soeg';
  const id = params[0] && !searching ? Number(params[0]) : null;
  const offset = params[1] ? Number(params[1]) : 0;
  const { form, refuse } = searchForm({
    id: 'log-search', label: 'Find borgeren', help: SEARCH_HELP,
    text: searching ? ctx.search.get() : null, formLabel: 'Find en borgers adgangslog',
    submit: (t) => ctx.search.go(t, '#/adgangslog/soeg'),
  });
  let result = null;
  let title = 'Adgangslog';
  if (searching) {
    [result, title] = await citizens(ctx, offset, refuse);
  } else if (id) {
    [result, title] = await accessLog(ctx, id, offset);
  }
  if (ctx.stale()) return title;
  replace(main,
    h('div', { class: 'page-head' }, h('h1', null, 'Adgangslog'),
      h('p', { class: 'lead' }, 'Hvem har læst eller skrevet i en borgers oplysninger, hvornår og hvorfor.')),
    form,
    result);
  return title;
}

// The citizens the search finds: [content, title].
async function citizens(ctx, offset, refuse) {
  const text = ctx.search.get();
  if (text === null) return [h('p', { class: 'empty' }, 'Skriv, hvilken borger du søger.'), 'Adgangslog: søgning'];
  let data;
  try {
    data = await get(`/citizens?q=${encodeURIComponent(text)}&limit=${HITS}&offset=${offset}`);
  } catch (err) {
    if (err.status === 401) throw err;
    if (err.status === 422) {
      refuse(err.message);
      return [null, 'Adgangslog: søgning'];
    }
    return [h('p', { class: 'error-text', role: 'alert' }, err.message), 'Adgangslog: søgning'];
  }
  const items = data.items || [];
  items.forEach((c) => ctx.search.remember(c));
  const found = `${data.total} ${data.total === 1 ? 'borger' : 'borgere'} fundet for »${text}«.`;
  if (items.length === 0) {
    return [h('p', { class: 'empty', id: 'log-hits-count' }, offset ? 'Ikke flere borgere.' : 'Ingen borgere passer til søgningen.'),
      'Adgangslog: søgning'];
  }
  const page = { total: data.total, limit: HITS, offset, shown: items.length };
  const link = (o) => `#/adgangslog/soeg/${o}`;
  const born = (c) => (c.birth_date ? shortDate(c.birth_date) : 'ukendt');
  return [[
    h('p', { class: 'count', id: 'log-hits-count' }, found),
    pager(page, link, 'Sider i søgeresultatet'),
    h('table', { class: 'table citizens', id: 'log-hits' },
      h('caption', { class: 'visually-hidden' }, 'Borgere fundet ved søgningen'),
      h('thead', null, h('tr', null,
        h('th', { scope: 'col' }, 'Borger'), h('th', { scope: 'col' }, 'Født'),
        h('th', { scope: 'col' }, 'Sager'), h('th', { scope: 'col' }, 'Adgangslog'))),
      h('tbody', null, items.map((c) => h('tr', { 'data-citizen': c.id },
        cell('Borger', c.name),
        cell('Født', c.birth_date ? h('time', { datetime: c.birth_date }, born(c)) : 'ukendt'),
        cell('Sager', caseNumbers(c)),
        cell('Adgangslog', h('a', { href: `#/adgangslog/${Number(c.id)}` }, 'Vis adgangslog',
          h('span', { class: 'visually-hidden' }, ` for ${c.name}, født ${born(c)}`))))))),
  ], `Adgangslog: ${found}`];
}

// "sag 12, 9 og 3" (and how many more).
function caseNumbers(c) {
  const ids = (c.cases || []).map(String);
  if (ids.length === 0) return '–';
  const list = ids.length === 1 ? ids[0] : `${ids.slice(0, -1).join(', ')} og ${ids.at(-1)}`;
  const more = c.case_count > ids.length ? ` (og ${c.case_count - ids.length} til)` : '';
  return `${ids.length === 1 ? 'sag' : 'sager'} ${list}${more}`;
}

// Citizen id's log from offset: [content, title].
async function accessLog(ctx, id, offset) {
  const known = ctx.search.citizen(id);
  const who = known ? `${known.name}${known.birth_date ? `, født ${shortDate(known.birth_date)}` : ''}` : `borger ${id}`;
  try {
    const data = await get(`/citizens/${id}/access-log?limit=${PAGE}&offset=${offset}`);
    const items = data.items || [];
    const page = { total: data.total, limit: PAGE, offset, shown: items.length };
    const link = (o) => `#/adgangslog/${id}/${o}`;
    const content = items.length === 0 ? h('p', { class: 'empty' }, 'Ingen registreringer.') : [
      pager(page, link, 'Sider i adgangsloggen, øverst'),
      h('table', { class: 'table accesslog', id: 'accesslog' },
        h('caption', null, `Adgangslog for ${who}, nyeste først`),
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
    return [content, `Adgangslog for ${who}`];
  } catch (err) {
    if (err.status === 401) throw err;
    return [h('p', { class: 'error-text', role: 'alert' }, err.status === 404
      ? 'Borgeren findes ikke i din kommune.' : err.message), 'Adgangslog'];
  }
}
