// views/brugere.js - "Brugere" for the municipality's administrator: the
// users with their role and state (GET /api/v1/users), a form to create
// one (POST /api/v1/users), and per user: reset the password, lock or
// unlock, deactivate (POST /api/v1/users/{id}/password, /lock, /unlock,
// /deactivate). A password genop made up is shown once, in a panel with a
// copy button, and is kept nowhere but in that panel: it is gone when the
// panel is closed or the page left. Resetting a password and deactivating
// ask first, inline in the row (the safe choice, "Fortryd", has focus);
// deactivating is final. The API decides what may be done (an admin and
// itself, a deactivated user): its Danish message is shown beside the
// field it names or above the table. Every change is in the audit log
// (views/brugerlog.js).

import { get, post } from '../api.js';
import { dateTime } from '../dates.js';
import { h, replace, cell } from '../dom.js';
import * as labels from '../labels.js';

const TITLE = 'Brugere';
const ROLES = ['visitator', 'terapeut', 'leder', 'admin'];

// "24.11.2026" of an ISO timestamp, in Danish time.
const dayOf = (iso) => dateTime(iso).replace(/ kl\. .*$/, '');

export async function render(main, _params, ctx) {
  const data = await get('/users');
  if (ctx.stale()) return TITLE;
  const page = {
    users: data.items || [],
    me: ctx.session.id,
    secret: h('div', { id: 'password-slot' }),
    flash: h('p', { class: 'flash', id: 'users-flash', role: 'status', tabindex: '-1' }),
    error: h('p', { class: 'error-text', id: 'users-error', role: 'alert', tabindex: '-1' }),
    table: h('div', { id: 'users-host' }),
    ctx,
  };
  showTable(page);
  replace(main,
    h('div', { class: 'page-head' },
      h('h1', null, TITLE),
      h('p', { class: 'lead' }, 'Kommunens brugere i genop: opret en bruger, nulstil en adgangskode, lås, lås op eller ',
        'deaktivér. Hver ændring skrives i ', h('a', { href: '#/brugerlog' }, 'brugerloggen'), '.')),
    page.secret,
    createForm(page),
    page.flash,
    page.error,
    page.table);
  return TITLE;
}

// Gets the users again and shows them.
async function reload(page) {
  const data = await get('/users');
  page.users = data.items || [];
  showTable(page);
}

function showTable(page) {
  // Deactivated users last: they are kept for the history only.
  const users = [...page.users].sort((a, b) =>
    (a.state === 'deactivated') - (b.state === 'deactivated') || a.username.localeCompare(b.username));
  const active = users.filter((u) => u.state !== 'deactivated').length;
  replace(page.table, h('table', { class: 'table users', id: 'users' },
    h('caption', null, caption(users.length, active)),
    h('thead', null, h('tr', null,
      ['Brugernavn', 'Rolle', 'Tilstand', 'Oprettet', 'Sidste login', 'Handlinger']
        .map((t) => h('th', { scope: 'col' }, t)))),
    h('tbody', null, users.map((u) => userRow(page, u)))));
}

// "7 brugere: 6 aktive eller låste og 1 deaktiveret".
function caption(all, active) {
  const gone = all - active;
  const text = `${all} ${all === 1 ? 'bruger' : 'brugere'}: ${active} ${active === 1 ? 'aktiv eller låst' : 'aktive eller låste'}`;
  return gone ? `${text} og ${gone} ${gone === 1 ? 'deaktiveret' : 'deaktiverede'}` : text;
}

function userRow(page, u) {
  const last = u.last_login
    ? h('time', { datetime: u.last_login }, dateTime(u.last_login)) : h('span', { class: 'sub' }, 'Aldrig');
  return h('tr', { 'data-user': u.username, class: `user-${u.state}` },
    cell('Brugernavn', h('strong', { class: 'username' }, u.username), u.id === page.me ? h('span', { class: 'sub' }, 'Det er dig') : null),
    cell('Rolle', labels.role(u.role)),
    cell('Tilstand', stateBadge(u)),
    cell('Oprettet', h('time', { datetime: u.created }, dayOf(u.created))),
    cell('Sidste login', last),
    cell('Handlinger', actions(page, u)));
}

function stateBadge(u) {
  const key = { active: 'met', locked: 'overdue', deactivated: 'off' }[u.state] || 'off';
  const badge = h('span', { class: `badge status-${key}` },
    h('span', { class: 'status-dot', 'aria-hidden': 'true' }), labels.userState(u.state));
  if (!u.blocked_until) return badge;
  return [badge, h('span', { class: 'sub blocked' },
    `Spærret til ${dateTime(u.blocked_until)} efter ${u.failed_logins} mislykkede logins`)];
}

// The buttons of a user's row (none for oneself or a deactivated user).
function actions(page, u) {
  const box = h('div', { class: 'row-actions' });
  const history = h('a', { href: `#/brugerlog/bruger/${Number(u.id)}`, class: 'history-link' },
    'Historik', h('span', { class: 'visually-hidden' }, ` for ${u.username}`));
  const button = (text, name, onclick) => h('button', { type: 'button', class: 'button secondary small',
    'data-action': name, onclick }, text, h('span', { class: 'visually-hidden' }, ` ${u.username}`));
  const restore = (focusName) => {
    fill();
    box.querySelector(`[data-action="${focusName}"]`)?.focus();
  };
  function fill() {
    if (u.id === page.me) {
      replace(box, h('span', { class: 'sub' }, 'En anden administrator kan ændre din bruger.'), history);
      return;
    }
    if (u.state === 'deactivated') {
      replace(box, h('span', { class: 'sub' }, 'Deaktiveret for altid.'), history);
      return;
    }
    const locked = u.state === 'locked' || u.blocked_until;
    replace(box,
      button('Nulstil adgangskode', 'password', () => askFirst(page, box, u, 'password', restore)),
      locked ? button('Lås op', 'unlock', () => change(page, u, 'unlock'))
        : button('Lås', 'lock', () => change(page, u, 'lock')),
      button('Deaktivér', 'deactivate', () => askFirst(page, box, u, 'deactivate', restore)),
      history);
  }
  fill();
  return box;
}

const CONFIRM = {
  password: {
    text: (u) => `Giv ${u.username} en ny adgangskode? Den gamle holder op med at virke, og brugeren bliver logget ud overalt (også API-nøgler).`,
    yes: 'Ja, lav en ny adgangskode',
  },
  deactivate: {
    text: (u) => `Deaktivér ${u.username} for altid? Brugeren kan ikke logge ind igen og kan ikke genaktiveres. Brugeren bevares i historikken; kommer personen tilbage, oprettes et nyt brugernavn.`,
    yes: 'Ja, deaktivér',
  },
};

// Asks in the row before a reset or a deactivation.
function askFirst(page, box, u, action, restore) {
  const c = CONFIRM[action];
  const id = `confirm-${action}-${Number(u.id)}`;
  const no = h('button', { type: 'button', class: 'button secondary small', 'data-confirm': 'no' }, 'Fortryd');
  const yes = h('button', { type: 'button', class: 'button danger small', 'data-confirm': 'yes' }, c.yes);
  no.addEventListener('click', () => restore(action));
  yes.addEventListener('click', () => change(page, u, action));
  const group = h('div', { class: 'confirm', role: 'group', 'aria-labelledby': id },
    h('p', { id }, c.text(u)), h('div', { class: 'actions' }, yes, no));
  group.addEventListener('keydown', (e) => {
    if (e.key === 'Escape') {
      e.preventDefault();
      restore(action);
    }
  });
  replace(box, group);
  no.focus();
}

const DONE = {
  lock: (u) => `${u.username} er låst. Brugeren kan ikke logge ind, og brugerens sessioner er afsluttet.`,
  unlock: (u) => `${u.username} er låst op og kan logge ind igen.`,
  deactivate: (u) => `${u.username} er deaktiveret. Brugeren kan ikke logge ind og er bevaret i historikken.`,
};

// Makes the change, then shows the list again with what happened.
async function change(page, u, action) {
  page.flash.textContent = '';
  page.error.textContent = '';
  for (const b of page.table.querySelectorAll('button')) b.disabled = true;
  let result;
  try {
    result = await post(`/users/${Number(u.id)}/${action}`);
  } catch (err) {
    if (err.status === 401) return;
    page.error.textContent = err.message;
    await reload(page).catch(() => showTable(page));
    page.error.focus();
    return;
  }
  await reload(page).catch(() => showTable(page));
  if (action === 'password') {
    showPassword(page, result.user.username, result.password, false);
    return;
  }
  page.flash.textContent = DONE[action](u);
  page.flash.focus();
}

// The made-up password, once: with a copy button and what to do with it.
function showPassword(page, username, password, isNew) {
  const code = h('code', { class: 'password', id: 'new-password' }, password);
  const status = h('p', { class: 'copy-status', id: 'copy-status', role: 'status' });
  const copy = h('button', { type: 'button', class: 'button', id: 'copy-password' }, 'Kopiér adgangskoden');
  copy.addEventListener('click', async () => {
    try {
      await navigator.clipboard.writeText(password);
      status.textContent = 'Adgangskoden er kopieret.';
    } catch {
      getSelection().selectAllChildren(code);
      status.textContent = 'Browseren tillod ikke at kopiere. Adgangskoden er markeret: tryk Ctrl+C (⌘+C på Mac).';
    }
  });
  const hide = h('button', { type: 'button', class: 'button secondary', id: 'hide-password' }, 'Skjul adgangskoden');
  const title = isNew ? `Adgangskode til den nye bruger ${username}` : `Ny adgangskode til ${username}`;
  const panel = h('section', { class: 'card password-card', id: 'password-panel', 'aria-labelledby': 'password-title' },
    h('h2', { id: 'password-title', tabindex: '-1' }, title),
    h('p', { class: 'password-line' }, h('span', { class: 'visually-hidden' }, 'Adgangskoden er: '), code),
    h('div', { class: 'actions' }, copy, hide),
    status,
    h('div', { class: 'notice' },
      h('p', null, h('strong', null, 'Adgangskoden vises kun nu.'), ' genop gemmer den ikke og kan ikke vise den igen. ',
        'Glemmer brugeren den, nulstiller du den igen.'),
      h('p', null, `Giv den til ${username} på en sikker måde, fx personligt eller i telefonen – ikke i en almindelig e-mail. `,
        `Brugeren logger ind med brugernavnet ${username} og denne adgangskode.`),
      isNew ? null : h('p', null, 'Den gamle adgangskode virker ikke længere, og brugeren er logget ud overalt.')));
  hide.addEventListener('click', () => {
    replace(page.secret);
    page.flash.textContent = `Adgangskoden til ${username} er skjult.`;
    page.flash.focus();
  });
  replace(page.secret, panel);
  panel.querySelector('h2').focus();
}

function createForm(page) {
  const user = h('input', { id: 'new-username', name: 'username', type: 'text', autocomplete: 'off',
    autocapitalize: 'none', spellcheck: 'false', maxlength: '63', 'aria-describedby': 'new-username-help new-username-error' });
  const role = h('select', { id: 'new-role', name: 'role', 'aria-describedby': 'new-role-help new-role-error' },
    h('option', { value: '' }, 'Vælg rolle'),
    ROLES.map((r) => h('option', { value: r }, labels.role(r))));
  const userErr = h('p', { class: 'field-error', id: 'new-username-error' });
  const roleErr = h('p', { class: 'field-error', id: 'new-role-error' });
  const formErr = h('p', { class: 'form-error', id: 'new-user-error', role: 'alert' });
  const submit = h('button', { type: 'submit', class: 'button' }, 'Opret bruger');
  const fields = { '$.username': [user, userErr], '$.role': [role, roleErr] };
  const fail = (path, message) => {
    const [el, err] = fields[path];
    err.textContent = message;
    el.setAttribute('aria-invalid', 'true');
    el.focus();
  };
  const form = h('form', { class: 'card user-form', id: 'new-user', novalidate: true, 'aria-labelledby': 'new-user-title' },
    h('h2', { id: 'new-user-title' }, 'Opret bruger'),
    h('div', { class: 'user-form-fields' },
      h('div', { class: 'field' }, h('label', { for: 'new-username' }, 'Brugernavn'),
        h('p', { class: 'help', id: 'new-username-help' },
          '1–63 tegn: a–z, A–Z, cifre og . _ @ - (ikke æ, ø, å). Fx fornavn.efternavn. Brugernavne er fælles for alle kommuner.'),
        user, userErr),
      h('div', { class: 'field' }, h('label', { for: 'new-role' }, 'Rolle'),
        h('p', { class: 'help', id: 'new-role-help' }, 'Hvad brugeren må i genop.'),
        role, roleErr)),
    h('p', { class: 'help' }, 'genop laver en adgangskode, som vises én gang, når brugeren er oprettet.'),
    formErr,
    h('div', { class: 'actions' }, submit));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    for (const [el, err] of Object.values(fields)) {
      err.textContent = '';
      el.removeAttribute('aria-invalid');
    }
    formErr.textContent = '';
    if (!user.value.trim()) return fail('$.username', 'Skriv et brugernavn.');
    if (!role.value) return fail('$.role', 'Vælg en rolle.');
    submit.disabled = true;
    try {
      const r = await post('/users', { username: user.value.trim(), role: role.value });
      form.reset();
      await reload(page).catch(() => showTable(page));
      page.flash.textContent = `${r.user.username} er oprettet som ${labels.role(r.user.role)}.`;
      showPassword(page, r.user.username, r.password, true);
    } catch (err) {
      if (err.status === 401) return;
      if (fields[err.field]) fail(err.field, err.message);
      else formErr.textContent = err.message;
    } finally {
      submit.disabled = false;
    }
  });
  return form;
}
