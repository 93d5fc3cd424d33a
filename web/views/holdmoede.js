// views/holdmoede.js - a team meeting's attendance (#/hold/ID/DATE; GET
// /api/v1/teams/{id}/meetings/{date}): every participant on one screen,
// one choice each (Mødt, Udeblevet, Aflyst af borger, Aflyst af os), and
// one save (POST .../attendance), which the server keeps all or nothing:
// a refusal names the participant (`$.items[i]...`), and its Danish
// message is shown beside that participant's choices. A participant
// whose outcome is registered, or whose time was cancelled, is shown
// with it and has no choice. A leder sees the meeting but registers
// nothing (only those who register sessions do).

import { get, post } from '../api.js';
import { longDate } from '../dates.js';
import { h, replace } from '../dom.js';
import * as labels from '../labels.js';
import { besideField } from './forms.js';

const CHOICES = [['attended', 'Mødt'], ['no_show', 'Udeblevet'],
  ['citizen_cancelled', 'Aflyst af borger'], ['provider_cancelled', 'Aflyst af os']];

export async function render(main, params, ctx) {
  const [id, date] = [Number(params[0]), params[1]];
  const m = await get(`/teams/${id}/meetings/${date}`);
  if (ctx.stale()) return m.team.name;
  show(main, ctx, id, m);
  return `Fremmøde: ${m.team.name} ${date}`;
}

function state(p) {
  if (p.event) return `Registreret: ${labels.outcome(p.outcome)}`;
  if (p.status === 'cancelled') return p.cancelled_by === 'citizen' ? 'Tiden er aflyst af borgeren' : 'Tiden er aflyst af kommunen';
  return null;
}

function show(main, ctx, id, m, message) {
  const mayRegister = ctx.session.role === 'visitator' || ctx.session.role === 'terapeut';
  const open = m.participants.filter((p) => !state(p));
  const flash = h('p', { class: 'flash', id: 'attendance-flash', role: 'status', tabindex: '-1' }, message || null);
  const formErr = h('p', { class: 'form-error', id: 'attendance-error', role: 'alert', tabindex: '-1' });
  const groups = new Map();
  const rows = m.participants.map((p) => {
    const done = state(p);
    const err = h('p', { class: 'field-error', id: `att-${p.appointment}-error` });
    const legend = h('legend', null, p.citizen.name, h('span', { class: 'sub' }, `Sag ${p.case}`));
    const fs = h('fieldset', { class: 'radios attendance', 'data-appointment': p.appointment,
      'aria-describedby': `att-${p.appointment}-error` }, legend);
    if (done || !mayRegister) {
      fs.append(h('p', { class: 'sub attendance-state' }, done || 'Ikke registreret'));
    } else {
      for (const [value, text] of CHOICES) {
        const rid = `att-${p.appointment}-${value}`;
        fs.append(h('div', { class: 'radio' },
          h('input', { type: 'radio', id: rid, name: `att-${p.appointment}`, value }),
          h('label', { for: rid }, text)));
      }
      groups.set(p.appointment, { fs, err });
    }
    fs.append(err);
    return fs;
  });
  const submit = h('button', { type: 'submit', class: 'button', id: 'attendance-save' }, 'Gem fremmøde');
  const form = h('form', { class: 'card attendance-form', id: 'attendance', novalidate: true, 'aria-labelledby': 'attendance-title' },
    h('h2', { id: 'attendance-title' }, `Deltagere (${m.participants.length})`),
    m.participants.length === 0 ? h('p', { class: 'empty' }, 'Ingen er booket på dette møde.') : rows,
    formErr,
    mayRegister && open.length ? h('div', { class: 'actions' }, submit) : null,
    !mayRegister ? h('p', { class: 'help' }, 'Fremmøde registreres af en visitator eller terapeut.') : null);
  const fail = (appointment, text) => {
    const g = groups.get(appointment);
    if (!g) { formErr.textContent = text; formErr.focus(); return; }
    g.err.textContent = text;
    g.fs.setAttribute('aria-invalid', 'true');
    (g.fs.querySelector('input:checked') || g.fs.querySelector('input')).focus();
  };
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    formErr.textContent = '';
    for (const g of groups.values()) { g.err.textContent = ''; g.fs.removeAttribute('aria-invalid'); }
    const items = [];
    for (const [appointment, g] of groups) {
      const chosen = g.fs.querySelector('input:checked');
      if (!chosen) return fail(appointment, 'Vælg, om borgeren mødte.');
      items.push({ appointment, outcome: chosen.value });
    }
    submit.disabled = true;
    try {
      await post(`/teams/${id}/meetings/${m.date}/attendance`, { items });
      const again = await get(`/teams/${id}/meetings/${m.date}`);
      show(main, ctx, id, again, `Fremmødet er gemt for ${items.length} ${items.length === 1 ? 'deltager' : 'deltagere'}.`);
      main.querySelector('#attendance-flash').focus();
    } catch (err) {
      if (err.status === 401) return;
      const i = /^\$\.items\[(\d+)\]/.exec(err.field || '');
      if (i && items[Number(i[1])]) fail(items[Number(i[1])].appointment, besideField(err.message));
      else { formErr.textContent = err.message; formErr.focus(); }
      submit.disabled = false;
    }
  });
  replace(main,
    h('div', { class: 'page-head' },
      h('p', { class: 'lead-small' }, h('a', { href: '#/hold' }, 'Hold'), ' › ',
        h('a', { href: `#/hold/${id}` }, m.team.name)),
      h('h1', null, `Fremmøde: ${m.team.name}`),
      h('p', { class: 'lead' }, `${longDate(m.date)} kl. ${m.time}, ${m.team.minutes} min. `,
        'Vælg for hver deltager, og gem én gang. Gemmes intet, hvis én ikke kan registreres.')),
    flash,
    form);
}
