// views/login.js - "Log ind": username and password to POST
// /api/v1/session; the server's Danish message on failure.

import { post } from '../api.js';
import { h, replace } from '../dom.js';

export function render(main, { message, onLoggedIn }) {
  const error = h('p', { class: 'error-text', id: 'login-error', role: 'alert' });
  const info = message ? h('p', { class: 'notice', id: 'login-info' }, message) : null;
  const user = h('input', { id: 'login-user', name: 'username', type: 'text', autocomplete: 'username',
    required: true, autocapitalize: 'none', spellcheck: 'false' });
  const pass = h('input', { id: 'login-pass', name: 'password', type: 'password',
    autocomplete: 'current-password', required: true });
  const button = h('button', { type: 'submit', class: 'button' }, 'Log ind');
  const form = h('form', { class: 'card login-form', novalidate: true, 'aria-describedby': info ? 'login-info' : null },
    h('div', { class: 'field' }, h('label', { for: 'login-user' }, 'Brugernavn'), user),
    h('div', { class: 'field' }, h('label', { for: 'login-pass' }, 'Adgangskode'), pass),
    error,
    h('div', { class: 'actions' }, button));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    error.textContent = '';
    if (!user.value.trim() || !pass.value) {
      error.textContent = 'Skriv både brugernavn og adgangskode.';
      (user.value.trim() ? pass : user).focus();
      return;
    }
    button.disabled = true;
    try {
      const session = await post('/session', { username: user.value.trim(), password: pass.value });
      pass.value = '';
      onLoggedIn(session);
    } catch (err) {
      error.textContent = err.message;
      pass.value = '';
      pass.focus();
    } finally {
      button.disabled = false;
    }
  });
  replace(main,
    h('div', { class: 'login-page' },
      h('h1', null, 'Log ind'),
      h('p', { class: 'lead' }, 'Log ind med den bruger, din kommune har oprettet til dig i genop.'),
      info,
      form));
  return 'Log ind';
}
