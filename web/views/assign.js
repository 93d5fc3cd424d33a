// views/assign.js - the case page's "Ansvarlige": who is responsible for
// the case as its visitator and its therapist (GET /api/v1/cases/{id}'s
// `assigned`, and since when), and changing them with `assigned` events
// (shared/spec/api.md). A visitator or a leder picks each from a select
// of the municipality's users of that role (GET /api/v1/staff, fetched
// when the form opens) and the date it holds from; a therapist can only
// take the case for themselves. The API decides: its Danish message is
// shown beside the select or the date it names ($.username and $.role
// beside the role's select).

import { get, post } from '../api.js';
import { shortDate, todayInDenmark, parseDanishDate } from '../dates.js';
import { h, replace, facts } from '../dom.js';
import { besideField, stripPath } from './forms.js';

const ROLES = [
  { role: 'visitator', label: 'Visitator', select: 'Ansvarlig visitator', choose: 'Vælg en visitator' },
  { role: 'terapeut', label: 'Terapeut', select: 'Ansvarlig terapeut', choose: 'Vælg en terapeut' },
];

function who(data, role) {
  const user = (data.assigned || {})[role];
  const since = (data.assigned_since || {})[role];
  if (!user) return h('span', { class: 'unassigned' }, 'Ikke fordelt');
  return h('span', null, user, since ? h('span', { class: 'sub' }, `ansvarlig fra ${shortDate(since)}`) : null);
}

// The section: who, and what the user's role may change.
export function assignSection(data, ctx, done) {
  const role = ctx.session.role;
  const me = ctx.session.username;
  const message = h('p', { class: 'form-error', id: 'assign-error', role: 'alert' });
  const panel = h('div', { id: 'assign-panel' });
  let control = null;
  if (role === 'visitator' || role === 'leder') {
    const button = h('button', { type: 'button', class: 'button secondary', id: 'assign-open',
      'aria-expanded': 'false', 'aria-controls': 'assign-panel' }, 'Skift ansvarlige');
    const close = (focusBack = true) => {
      replace(panel);
      button.setAttribute('aria-expanded', 'false');
      if (focusBack) button.focus();
    };
    button.addEventListener('click', async () => {
      if (button.getAttribute('aria-expanded') === 'true') return close();
      button.setAttribute('aria-expanded', 'true');
      replace(panel, h('p', { class: 'loading' }, 'Henter kommunens medarbejdere …'));
      try {
        const staff = (await get('/staff')).items || [];
        replace(panel, assignForm(data, staff, { close, done }));
        panel.querySelector('select')?.focus();
      } catch (err) {
        if (err.status === 401) return;
        replace(panel, h('p', { class: 'error-text', role: 'alert' }, err.message));
      }
    });
    control = h('div', { class: 'actions' }, button);
  } else if (role === 'terapeut' && (data.assigned || {}).terapeut !== me) {
    const take = h('button', { type: 'button', class: 'button secondary', id: 'assign-me' }, 'Gør mig til ansvarlig terapeut');
    take.addEventListener('click', async () => {
      take.disabled = true;
      message.textContent = '';
      try {
        await post(`/cases/${Number(data.id)}/events`, { type: 'assigned', date: todayInDenmark(), role: 'terapeut', username: me });
        await done('Registreret: du er nu sagens ansvarlige terapeut.');
      } catch (err) {
        take.disabled = false;
        if (err.status !== 401) message.textContent = stripPath(err.message);
      }
    });
    control = h('div', { class: 'actions' }, take);
  }
  return h('section', { class: 'card', 'aria-labelledby': 'sec-assigned', id: 'assigned' },
    h('h2', { id: 'sec-assigned' }, 'Ansvarlige'),
    facts(ROLES.map((r) => [r.label, who(data, r.role)]), 'facts assigned-facts'),
    control, message, panel);
}

// The form: a select per role (the current user chosen), the date.
function assignForm(data, staff, { close, done }) {
  const current = data.assigned || {};
  const fields = new Map();
  const nodes = ROLES.map((r) => {
    const id = `assign-${r.role}`;
    const users = staff.filter((u) => u.role === r.role);
    const select = h('select', { id, name: r.role, 'aria-describedby': `${id}-error` },
      current[r.role] ? null : h('option', { value: '' }, r.choose),
      users.map((u) => h('option', { value: u.username, selected: u.username === current[r.role] }, u.username)));
    const err = h('p', { class: 'field-error', id: `${id}-error` });
    fields.set(r.role, { el: select, err });
    return h('div', { class: 'field' }, h('label', { for: id }, r.select), select, err);
  });
  const dateInput = h('input', { type: 'text', id: 'assign-date', name: 'date', inputmode: 'numeric', autocomplete: 'off',
    maxlength: '10', size: '10', value: shortDate(todayInDenmark()), 'aria-describedby': 'assign-date-hint assign-date-error' });
  const dateErr = h('p', { class: 'field-error', id: 'assign-date-error' });
  fields.set('date', { el: dateInput, err: dateErr });
  const formError = h('div', { class: 'form-error', id: 'assign-form-error', role: 'alert' });
  const submit = h('button', { type: 'submit', class: 'button' }, 'Gem');
  const form = h('form', { class: 'action-form', id: 'assign-form', novalidate: true, 'aria-labelledby': 'assign-form-title' },
    h('h3', { id: 'assign-form-title' }, 'Skift ansvarlige'),
    nodes,
    h('div', { class: 'field' }, h('label', { for: 'assign-date' }, 'Gælder fra'),
      h('p', { class: 'help', id: 'assign-date-hint' }, 'Skrives dd.mm.åååå, fx 10.04.2025'), dateInput, dateErr),
    formError,
    h('div', { class: 'actions' }, submit,
      h('button', { type: 'button', class: 'button secondary', onclick: () => close() }, 'Annullér')));
  form.addEventListener('keydown', (e) => {
    if (e.key === 'Escape') {
      e.preventDefault();
      close();
    }
  });
  const fail = (name, text) => {
    const f = fields.get(name);
    f.err.textContent = text;
    f.el.setAttribute('aria-invalid', 'true');
    f.el.focus();
  };
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    formError.textContent = '';
    for (const f of fields.values()) {
      f.err.textContent = '';
      f.el.removeAttribute('aria-invalid');
    }
    const date = parseDanishDate(dateInput.value.trim());
    if (!date) return fail('date', 'Datoen skal skrives dd.mm.åååå og være en rigtig dato, fx 10.04.2025.');
    const changes = ROLES.filter((r) => fields.get(r.role).el.value && fields.get(r.role).el.value !== current[r.role]);
    if (changes.length === 0) {
      formError.textContent = 'Vælg en anden visitator eller terapeut end den, der er ansvarlig nu.';
      submit.focus();
      return;
    }
    submit.disabled = true;
    const said = [];
    for (const r of changes) {
      const username = fields.get(r.role).el.value;
      try {
        await post(`/cases/${Number(data.id)}/events`, { type: 'assigned', date, role: r.role, username });
        said.push(`ansvarlig ${r.role} er nu ${username}`);
      } catch (err) {
        submit.disabled = false;
        if (err.status === 401) return;
        if (said.length) formError.textContent = `Gemt: ${said.join(', ')}. `;
        if (err.field === '$.date') fail('date', besideField(err.message));
        else if (err.field === '$.username' || err.field === '$.role') fail(r.role, besideField(err.message));
        else formError.textContent += stripPath(err.message);
        return;
      }
    }
    close(false);
    await done(`Registreret: ${said.join(' og ')}.`);
  });
  return form;
}
