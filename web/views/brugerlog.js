// views/brugerlog.js - "Brugerlog" for the municipality's administrator:
// every change to a user account (created, password reset, locked,
// unlocked, deactivated: who, when, which user, never a password) and the
// logins an admin should know of (a locked or deactivated user's refused
// login, the lock after 5 failed logins), newest first (GET
// /api/v1/users/audit). All users or one (#/brugerlog/bruger/{id}, also
// the "Historik" link of views/brugere.js), a page of PAGE rows at a time
// (#/brugerlog/{offset}, #/brugerlog/bruger/{id}/{offset}).

import { get } from '../api.js';
import { dateTime } from '../dates.js';
import { h, replace, cell, pager } from '../dom.js';
import * as labels from '../labels.js';

const PAGE = 50;
const TITLE = 'Brugerlog';

export async function render(main, params, ctx) {
  const userId = params[0] ? Number(params[0]) : 0;
  const offset = params[1] ? Number(params[1]) : 0;
  const [users, log] = await Promise.all([
    get('/users'),
    get(`/users/audit?limit=${PAGE}&offset=${offset}${userId ? `&user=${userId}` : ''}`).catch((err) => err),
  ]);
  if (ctx.stale()) return TITLE;
  if (log instanceof Error && log.status === 401) throw log;
  const list = users.items || [];
  const who = list.find((u) => u.id === userId);
  const select = h('select', { id: 'log-user', name: 'user' },
    h('option', { value: '' }, 'Alle brugere'),
    [...list].sort((a, b) => a.username.localeCompare(b.username)).map((u) =>
      h('option', { value: String(u.id), selected: u.id === userId }, u.username)));
  const form = h('form', { class: 'filters', role: 'search', 'aria-label': 'Vælg bruger' },
    h('div', { class: 'field' }, h('label', { for: 'log-user' }, 'Bruger'), select),
    h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'button' }, 'Vis')));
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    location.hash = select.value ? `#/brugerlog/bruger/${Number(select.value)}` : '#/brugerlog';
  });
  const title = who ? `Brugerlog for ${who.username}` : TITLE;
  replace(main,
    h('div', { class: 'page-head' },
      h('p', { class: 'crumbs' }, h('a', { href: '#/brugere' }, 'Brugere')),
      h('h1', null, title),
      h('p', { class: 'lead' }, 'Hvem der har oprettet, ændret, låst og deaktiveret brugere, og afviste logins, ',
        'nyeste først. Adgangskoder skrives aldrig i loggen.')),
    form,
    log instanceof Error
      ? h('p', { class: 'error-text', role: 'alert' },
        log.status === 404 ? 'Brugeren findes ikke i din kommune.' : log.message)
      : table(log, userId, offset, title));
  return title;
}

function table(log, userId, offset, title) {
  const items = log.items || [];
  if (items.length === 0) return h('p', { class: 'empty' }, 'Ingen registreringer.');
  const page = { total: log.total, limit: PAGE, offset, shown: items.length };
  const base = userId ? `#/brugerlog/bruger/${userId}` : '#/brugerlog';
  const link = (o) => `${base}/${o}`;
  return [
    pager(page, link, 'Sider i brugerloggen, øverst'),
    h('table', { class: 'table userlog', id: 'userlog' },
      h('caption', { class: 'visually-hidden' }, `${title}, nyeste først`),
      h('thead', null, h('tr', null,
        ['Tidspunkt', 'Bruger', 'Hændelse', 'Udført af', 'Detaljer'].map((t) => h('th', { scope: 'col' }, t)))),
      h('tbody', null, items.map((it) => h('tr', { 'data-action': it.action },
        cell('Tidspunkt', h('time', { datetime: it.time }, dateTime(it.time))),
        cell('Bruger', h('span', { class: 'username' }, it.username)),
        cell('Hændelse', labels.userAction(it.action)),
        cell('Udført af', it.actor || (it.action.startsWith('login.') ? 'Login' : 'genop user add (kommandolinjen)')),
        cell('Detaljer', it.detail || '–'))))),
    pager(page, link, 'Sider i brugerloggen, nederst')];
}
