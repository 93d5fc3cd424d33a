// views/setup.js - what the leder's set-up pages share ("Opsætning" in
// the menu): the links between them (Steder og rum, Terapeuter,
// Helligdage; the current one marked, the ones the role may not use
// left out), and a form's errors shown beside the field the API names.

import { h } from '../dom.js';

const PAGES = [
  { key: 'steder', href: '#/steder', text: 'Steder og rum', roles: ['leder', 'admin'] },
  { key: 'terapeuter', href: '#/terapeuter', text: 'Terapeuter', roles: ['leder'] },
  { key: 'helligdage', href: '#/helligdage', text: 'Helligdage', roles: ['leder'] },
];

// The set-up pages' links for role, current marked (aria-current).
export function setupNav(current, role) {
  const pages = PAGES.filter((p) => p.roles.includes(role));
  if (pages.length < 2) return null;
  return h('nav', { class: 'view-toggle setup-nav', 'aria-label': 'Opsætning' },
    h('ul', null, pages.map((p) => h('li', null, h('a', {
      href: p.href, 'data-setup': p.key, 'aria-current': p.key === current ? 'page' : null,
    }, p.text)))));
}

// Tracks a form's fields by the API's JSON path ("$.rooms[0].capacity"),
// each with an error line below it; fail(path, message) shows the message
// beside the field (or in the form's own error line when no field has
// that path) and focuses it; clear() removes every message.
export function fieldErrors(formError) {
  const fields = new Map();
  return {
    add(path, input, error) {
      fields.set(path, [input, error]);
    },
    reset() {
      fields.clear();
    },
    clear() {
      formError.textContent = '';
      for (const [input, error] of fields.values()) {
        error.textContent = '';
        input.removeAttribute('aria-invalid');
      }
    },
    fail(path, message) {
      const hit = fields.get(path);
      if (!hit) {
        formError.textContent = message;
        formError.focus();
        return;
      }
      hit[1].textContent = besideField(message);
      hit[0].setAttribute('aria-invalid', 'true');
      hit[0].focus();
    },
  };
}

// The API's message without the JSON path it starts with ("$.rooms[0].
// capacity: skal være ..."): beside the field the path says nothing.
function besideField(message) {
  const text = message.replace(/^\$[A-Za-z0-9_.[\]]*:?\s*/, '');
  return text ? text[0].toUpperCase() + text.slice(1) : message;
}

// A labelled field: label, optional help, the input and its error line
// (both named by the input's aria-describedby).
export function field(id, label, input, help) {
  const error = h('p', { class: 'field-error', id: `${id}-error` });
  input.id = id;
  input.setAttribute('aria-describedby', help ? `${id}-help ${id}-error` : `${id}-error`);
  return { input, error, el: h('div', { class: 'field' }, h('label', { for: id }, label),
    help ? h('p', { class: 'help', id: `${id}-help` }, help) : null, input, error) };
}
