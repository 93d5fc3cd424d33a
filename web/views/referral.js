// views/referral.js - "Ny henvendelse" (visitator): registers a referral
// with POST /api/v1/cases, which finds or creates the citizen by CPR
// number and opens a case; then the new case is shown. The CPR number is
// checked as it is typed (its shape, and that its first six digits are a
// real date by CPR-kontoret's century rule, as the server reads it; no
// modulus 11) and the birth date and age it gives are shown beside it.
// The CPR number is only ever in the form and the request body, never in
// the address. Whatever the API refuses comes back beside its field.

import { post } from '../api.js';
import { longDate, shortDate, todayInDenmark, parseDanishDate, parseIsoDate, ageOn } from '../dates.js';
import { h, replace } from '../dom.js';
import * as labels from '../labels.js';

// CPR-kontoret's century for two-digit year yy and the 7th digit.
function birthYear(yy, seventh) {
  if (seventh <= 3) return 1900 + yy;
  if (seventh === 4 || seventh === 9) return yy <= 36 ? 2000 + yy : 1900 + yy;
  return yy <= 57 ? 2000 + yy : 1800 + yy;
}

// { birth: 'YYYY-MM-DD' } for a CPR number, or { error } in Danish;
// { empty: true } for nothing typed yet.
export function checkCpr(text, today) {
  const t = String(text || '').trim();
  if (!t) return { empty: true };
  const m = /^(\d{2})(\d{2})(\d{2})-?(\d)(\d{3})$/.exec(t);
  if (!m) return { error: 'Et CPR-nummer er 10 cifre, evt. med bindestreg efter de første 6: DDMMÅÅ-XXXX.' };
  const year = birthYear(Number(m[3]), Number(m[4]));
  const iso = `${year}-${m[2]}-${m[1]}`;
  if (!parseIsoDate(iso)) return { error: `De første 6 cifre er ikke en dato (${m[1]}.${m[2]}.${m[3]}).` };
  if (iso > today) return { error: 'CPR-nummeret giver en fødselsdato i fremtiden.' };
  return { birth: iso };
}

const FIELDS = [
  // name, label, path in the API's body, kind, required, extra attributes
  ['cpr', 'CPR-nummer', '$.citizen.cpr', 'text', true, { inputmode: 'numeric', autocomplete: 'off', maxlength: '11' }],
  ['name', 'Navn', '$.citizen.name', 'text', true, { autocomplete: 'off' }],
  ['address', 'Adresse', '$.citizen.address', 'text', false, { autocomplete: 'off' }],
  ['phone', 'Telefon', '$.citizen.phone', 'text', false, { inputmode: 'tel', autocomplete: 'off' }],
  ['municipality_code', 'Bopælskommunens kode (tom: borgeren bor i kommunen)', '$.citizen.municipality_code',
    'text', false, { inputmode: 'numeric', autocomplete: 'off', maxlength: '3' }],
  ['source', 'Henvist af', '$.referral.source', 'text', true, {}],
  ['paragraph', 'Paragraf', '$.referral.paragraph', 'radio', true, {}],
  ['condition', 'Lidelse', '$.referral.condition', 'text', false, {}],
  ['date', 'Modtaget', '$.referral.date', 'date', true, {}],
  ['text', 'Beskrivelse', '$.referral.text', 'textarea', false, {}],
];

export async function render(main, _params, ctx) {
  const today = todayInDenmark();
  const controls = new Map();
  const nodes = [];
  for (const [name, label, fieldPath, kind, required, extra] of FIELDS) {
    const id = `ref-${name}`;
    const err = h('p', { class: 'field-error', id: `${id}-error` });
    if (kind === 'radio') {
      const group = h('fieldset', { class: 'field radios', id, 'aria-describedby': `${id}-error` },
        h('legend', null, label),
        ['86.1', '86.2'].map((p, i) => h('div', { class: 'radio' },
          h('input', { type: 'radio', id: `${id}-${i}`, name, value: p, required: true }),
          h('label', { for: `${id}-${i}` }, `${labels.paragraph(p)} – ${p === '86.1' ? 'genoptræning' : 'vedligeholdende træning'}`))),
        err);
      controls.set(name, { el: group, err, path: fieldPath, required, kind, focus: () => group.querySelector('input').focus() });
      nodes.push(group);
      continue;
    }
    const hints = [];
    if (name === 'cpr') hints.push(h('p', { class: 'help', id: `${id}-hint` }, 'DDMMÅÅ-XXXX'));
    if (kind === 'date') hints.push(h('p', { class: 'help', id: `${id}-hint` }, 'Skrives dd.mm.åååå, fx 10.04.2025'));
    const describedBy = [hints.length ? `${id}-hint` : null, name === 'cpr' ? 'ref-cpr-derived' : null, `${id}-error`]
      .filter(Boolean).join(' ');
    const attrs = { id, name, 'aria-describedby': describedBy, required: required || null, ...extra };
    const el = kind === 'textarea' ? h('textarea', { ...attrs, rows: '4' })
      : h('input', { ...attrs, type: 'text', value: kind === 'date' ? shortDate(today) : null,
        ...(kind === 'date' ? { inputmode: 'numeric', autocomplete: 'off', maxlength: '10' } : {}) });
    controls.set(name, { el, err, path: fieldPath, required, kind, focus: () => el.focus() });
    const derived = name === 'cpr' ? h('p', { class: 'derived', id: 'ref-cpr-derived', 'aria-live': 'polite' }) : null;
    nodes.push(h('div', { class: 'field' }, h('label', { for: id }, label, required ? null : h('span', { class: 'optional' }, ' (valgfrit)')),
      hints, el, derived, err));
  }
  const consent = h('input', { type: 'checkbox', id: 'ref-consent', name: 'consent' });
  const consentField = h('div', { class: 'field checkbox' }, h('div', { class: 'radio' }, consent,
    h('label', { for: 'ref-consent' }, 'Borgeren har givet samtykke til henvisningen')));
  const formError = h('div', { class: 'form-error', id: 'ref-error', role: 'alert' });
  const submit = h('button', { type: 'submit', class: 'button' }, 'Registrér henvendelse');

  // Live check of the CPR number: birth date and age, or what is wrong.
  const cpr = controls.get('cpr');
  function showCpr(final) {
    const out = document.getElementById('ref-cpr-derived');
    const r = checkCpr(cpr.el.value, today);
    cpr.err.textContent = '';
    cpr.el.removeAttribute('aria-invalid');
    if (r.birth) {
      out.textContent = `Født ${longDate(r.birth)}, ${ageOn(r.birth, today)} år.`;
    } else {
      out.textContent = '';
      // While typing, an unfinished number is no error yet; a finished
      // one (10 digits) or one with a wrong character is.
      const typed = cpr.el.value.trim();
      const unfinished = /^(\d{0,6}|\d{6}-?\d{0,3})$/.test(typed);
      if (r.error && (final || !unfinished)) {
        cpr.err.textContent = r.error;
        cpr.el.setAttribute('aria-invalid', 'true');
      }
    }
    return r;
  }
  cpr.el.addEventListener('input', () => showCpr(false));
  cpr.el.addEventListener('blur', () => showCpr(true));

  const value = (name) => {
    const c = controls.get(name);
    if (c.kind === 'radio') return c.el.querySelector('input:checked')?.value || '';
    return c.el.value.trim();
  };
  function clear() {
    formError.textContent = '';
    for (const c of controls.values()) {
      c.err.textContent = '';
      c.el.removeAttribute('aria-invalid');
    }
  }
  function fieldError(name, message) {
    const c = controls.get(name);
    c.err.textContent = message;
    c.el.setAttribute('aria-invalid', 'true');
    c.focus();
  }

  const form = h('form', { class: 'card referral-form', id: 'referral-form', novalidate: true, 'aria-labelledby': 'ref-title' },
    h('h2', { id: 'ref-title', class: 'visually-hidden' }, 'Henvendelsen'),
    h('fieldset', { class: 'group' }, h('legend', null, 'Borgeren'), nodes.slice(0, 4)),
    h('fieldset', { class: 'group' }, h('legend', null, 'Henvendelsen'), nodes[4], consentField, nodes.slice(5)),
    formError,
    h('div', { class: 'actions' }, submit));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    clear();
    for (const [name, label, , , required] of FIELDS) {
      if (required && !value(name)) {
        fieldError(name, name === 'paragraph' ? 'Vælg stk. 1 eller stk. 2.' : `${label} skal udfyldes.`);
        return;
      }
    }
    const c = showCpr(true);
    if (c.error) {
      cpr.focus();
      return;
    }
    const date = parseDanishDate(value('date'));
    if (!date) {
      fieldError('date', 'Datoen skal skrives dd.mm.åååå og være en rigtig dato, fx 10.04.2025.');
      return;
    }
    const citizen = { cpr: value('cpr'), name: value('name') };
    if (value('address')) citizen.address = value('address');
    if (value('phone')) citizen.phone = value('phone');
    if (value('municipality_code')) {
      if (!/^[0-9]{3}$/.test(value('municipality_code'))) {
        fieldError('municipality_code', 'Kommunekoden er tre cifre, fx 851 for Aalborg.');
        return;
      }
      citizen.municipality_code = Number(value('municipality_code'));
    }
    const referral = { date, paragraph: value('paragraph'), source: value('source'), consent: consent.checked };
    if (value('condition')) referral.condition = value('condition');
    if (value('text')) referral.text = value('text');
    submit.disabled = true;
    try {
      const created = await post('/cases', { citizen, referral });
      ctx.announce('Henvendelsen er registreret.');
      location.hash = `#/sag/${Number(created.id)}`;
    } catch (err) {
      submit.disabled = false;
      if (err.status === 401) return;
      const hit = [...controls.entries()].find(([, x]) => x.path === err.field);
      const message = String(err.message).replace(/^\$[\w.[\]]*:\s*/, '');
      if (hit) fieldError(hit[0], message);
      else {
        formError.textContent = message;
        submit.focus();
      }
    } finally {
      submit.disabled = false;
    }
  });

  replace(main,
    h('div', { class: 'page-head' }, h('h1', null, 'Ny henvendelse'),
      h('p', { class: 'lead' }, 'Registrér en henvendelse eller henvisning om træning efter § 86. ',
        'Findes borgeren allerede, knyttes sagen til borgeren ud fra CPR-nummeret.')),
    form);
  return 'Ny henvendelse';
}
