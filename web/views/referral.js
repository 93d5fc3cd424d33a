// views/referral.js - "Ny henvendelse" (visitator): registers a referral
// with POST /api/v1/cases, which finds or creates the citizen by CPR
// number and opens a case; then the new case is shown. The CPR number is
// checked as it is typed (its shape, and that its first six digits are a
// real date by CPR-kontoret's century rule, as the server reads it; no
// modulus 11) and the birth date and age it gives are shown beside it.
// The CPR number is only ever in the form and the request body, never in
// the address. Whatever the API refuses comes back beside its field.
//
// Beside the form (below it on a narrow screen), the eligibility rules of
// the municipality's standard (GET /api/v1/standard) are checked as the
// form is filled in, each with its sentence and source: the minimum age
// on the referral date as soon as the CPR number and the date are known,
// and residency from the home municipality's code, as the evaluator
// judges them (src/core/evaluate.c); the hospital plan and the
// quarantine depend on the case's events, so they are shown as rules to
// check on the case. A rule the standard does not have is not shown.
// Findings inform and never block: the API decides. A screen reader
// hears each change of the findings once, politely, after typing pauses.
//
// The citizen's identity (shared/spec/api.md): when genop knows the CPR
// number under another name, the API answers 409 with the stored citizen;
// the form then shows both names side by side and asks whether to update
// the name and open the case (the same body again with update_citizen)
// or to go back to the form. A referral for a citizen with an open case
// of the same paragraph and condition is registered with a warning: then
// a confirmation names the other case, with links to both, instead of
// opening the new case at once. Who refers: the citizen, or someone else
// on the citizen's behalf (source "borgeren", else the name typed), who
// needs the citizen's consent; the contact person and the exemption from
// Digital Post belong to the citizen.

import { get, post } from '../api.js';
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

// ---- eligibility ---------------------------------------------------------

const RULE_NAMES = {
  minimum_age: 'Alder',
  residency: 'Bopæl',
  hospital_plan_excludes: 'Genoptræningsplan fra sygehus',
  quarantine: 'Tidligere forløb for samme lidelse',
};

// What the visitator checks on the case for the rules that need its events.
const ON_THE_CASE = {
  hospital_plan_excludes: 'Spørg, om borgeren er udskrevet fra sygehuset med en genoptræningsplan.',
  quarantine: 'Spørg, om borgeren har haft et træningsforløb for samme lidelse.',
};

// The computable rules' state from what is typed: for each of age and
// residency that the standard has, { id, state: 'finding' | 'met' |
// 'pending', text }, with the evaluator's words for a finding.
// input: { birth: 'YYYY-MM-DD' | null, date: 'YYYY-MM-DD' | null,
// code: the typed municipality code ('' = the own municipality) }.
export function eligibilityNow(std, input, ownCode) {
  const out = [];
  for (const rule of (std && std.eligibility) || []) {
    if (rule.id === 'minimum_age') {
      const min = Number(rule.years);
      if (!input.birth || !input.date) {
        out.push({ id: rule.id, state: 'pending', text: 'Vurderes, når CPR-nummer og modtagelsesdato er udfyldt.' });
        continue;
      }
      const age = Math.max(0, ageOn(input.birth, input.date));
      out.push(age < min
        ? { id: rule.id, state: 'finding', text: `Borgeren var ${age} år, da henvendelsen blev modtaget; kravet er mindst ${min} år.` }
        : { id: rule.id, state: 'met', text: `Borgeren var ${age} år, da henvendelsen blev modtaget.` });
    } else if (rule.id === 'residency') {
      const own = Number(rule.municipality_code || (std.municipality && std.municipality.code) || ownCode);
      const name = (std.municipality && (std.municipality.short_name || std.municipality.name)) || 'kommunen';
      const typed = String(input.code || '').trim();
      if (typed === '') {
        out.push({ id: rule.id, state: 'met', text: `Borgeren bor i ${name} (kommunekoden er ikke udfyldt).` });
      } else if (!/^[0-9]{3}$/.test(typed) || Number(typed) < 101 || Number(typed) > 860) {
        out.push({ id: rule.id, state: 'pending', text: 'Vurderes, når kommunekoden er udfyldt (tre cifre, 101-860).' });
      } else if (Number(typed) !== own) {
        // Named as the server's finding names it (src/core/evaluate.c); std.municipalities: GET /municipalities.
        const known = std.municipalities || [];
        const home = known.find((m) => m.code === Number(typed));
        const ownName = (std.municipality && std.municipality.name) || name;
        out.push(home || !known.length
          ? { id: rule.id, state: 'finding', text: `Borgeren bor i ${home ? home.full_name : `kommune ${Number(typed)}`} (kommunekode ${Number(typed)}), ikke i ${ownName} (${own}).` }
          : { id: rule.id, state: 'pending', text: `Ingen kommune har kommunekode ${Number(typed)}; skriv bopælskommunens kode med tre cifre.` });
      } else {
        out.push({ id: rule.id, state: 'met', text: `Borgeren bor i ${name} (kommunekode ${own}).` });
      }
    }
  }
  return out;
}

const STATE_WORDS = { finding: 'Fund', met: 'Opfyldt', pending: 'Afventer', 'on-case': 'Vurderes på sagen' };

// Where a rule comes from: the citation, and the standard's own words and
// genop's reading behind a disclosure, to keep the panel small.
function ruleSource(src) {
  if (!src) return h('p', { class: 'source' }, h('span', { class: 'source-label' }, 'Kilde: '), 'ukendt');
  return h('div', { class: 'rule-source' },
    h('p', { class: 'source' }, h('span', { class: 'source-label' }, 'Kilde: '), src.citation || src.section),
    src.quote || src.note
      ? h('details', { class: 'elig-words' }, h('summary', null, 'Standardens ord'),
        src.quote ? h('blockquote', { class: 'quote' }, h('p', null, `»${src.quote}«`)) : null,
        src.note ? h('p', { class: 'note' }, h('span', { class: 'source-label' }, 'Sådan læser genop det: '), src.note) : null)
      : null);
}

// One rule: its name and state, what was found (or what to ask), the
// rule in Danish and its source. On the case, the rule comes first.
function ruleItem(rule, state, text) {
  const said = text ? h('p', { class: 'elig-text' }, text) : null;
  const ruleText = h('p', { class: 'rule-text' }, rule.text);
  return h('li', { class: `elig-rule elig-${state}`, 'data-rule': rule.id, 'data-state': state },
    h('div', { class: 'elig-head' },
      h('h3', null, RULE_NAMES[rule.id] || rule.id),
      h('span', { class: `badge elig-badge elig-badge-${state}` },
        h('span', { class: 'status-dot', 'aria-hidden': 'true' }), STATE_WORDS[state])),
    state === 'on-case' ? [ruleText, said] : [said, ruleText],
    ruleSource(rule.source));
}

// The panel: filled when the standard is in, then again whenever what the
// rules depend on changes; onFindings(findings) hears each new state.
// Returns { node, update(input) }.
function eligibilityPanel(standardPromise, ownCode, onFindings) {
  const body = h('div', { id: 'elig-body' }, h('p', { class: 'loading' }, 'Henter kvalitetsstandarden …'));
  const live = h('div', { id: 'elig-live', class: 'visually-hidden', 'aria-live': 'polite' });
  const node = h('aside', { class: 'card eligibility', id: 'eligibility', 'aria-labelledby': 'elig-title' },
    h('h2', { id: 'elig-title' }, 'Betingelser i kvalitetsstandarden'), body, live);
  let std = null;
  let input = { birth: null, date: null, code: '' };
  let shownKey = null;
  let spokenKey = '';          // the findings a screen reader last heard
  let timer = 0;

  function render() {
    const rules = (std && std.eligibility) || [];
    const now = eligibilityNow(std, input, ownCode);
    const key = JSON.stringify(now);
    if (key === shownKey) return;
    shownKey = key;
    const byId = new Map(rules.map((r) => [r.id, r]));
    const findings = now.filter((x) => x.state === 'finding');
    onFindings(findings);
    const onCase = rules.filter((r) => ON_THE_CASE[r.id]);
    const muni = std.municipality && std.municipality.name;
    replace(body,
      h('p', { class: 'help' }, muni ? `${muni}s kvalitetsstandard. ` : 'Kommunens kvalitetsstandard. ',
        'Fundene vises, så snart de kan beregnes; ',
        'de forhindrer ikke, at henvendelsen registreres.'),
      now.length ? h('p', { class: 'elig-summary', id: 'elig-summary' },
        findings.length === 0 ? 'Ingen fund.'
          : `${findings.length} fund: ${findings.map((f) => (RULE_NAMES[f.id] || f.id).toLowerCase()).join(' og ')}.`) : null,
      now.length ? h('ul', { class: 'elig-list', id: 'elig-now', 'aria-label': 'Kontrolleres nu' },
        now.map((x) => ruleItem(byId.get(x.id), x.state, x.text))) : null,
      onCase.length ? [h('h3', { class: 'elig-subhead', id: 'elig-case-h' }, 'Vurderes på sagen'),
        h('p', { class: 'help' }, 'Kan først vurderes, når henvendelsen er registreret, ud fra sagens hændelser.'),
        h('ul', { class: 'elig-list', id: 'elig-case', 'aria-labelledby': 'elig-case-h' },
          onCase.map((r) => ruleItem(r, 'on-case', ON_THE_CASE[r.id])))] : null,
      rules.length === 0 ? h('p', { class: 'empty' }, 'Standarden stiller ingen betingelser, som genop kan kontrollere.') : null);
    // Tell a screen reader what changed in the findings, once typing pauses.
    clearTimeout(timer);
    timer = setTimeout(() => {
      const spoken = findings.map((f) => f.text).join(' ');
      if (spoken === spokenKey) return;
      live.textContent = spoken ? `Fund i forhold til kvalitetsstandarden: ${spoken}`
        : 'Ingen fund i forhold til kvalitetsstandarden.';
      spokenKey = spoken;
    }, 700);
  }

  standardPromise.then((s) => {
    std = s;
    render();
  }, (err) => {
    if (err && err.status === 401) return;      // the login is shown
    replace(body, h('p', { class: 'error-text' }, 'Kvalitetsstandarden kunne ikke hentes: ',
      err && err.message ? err.message : String(err)));
  });
  return {
    node,
    update(next) {
      input = next;
      if (std) render();
    },
  };
}

// ---- the form --------------------------------------------------------------

const FIELDS = [
  // name, label, path in the API's body, kind, required, extra attributes
  ['cpr', 'CPR-nummer', '$.citizen.cpr', 'text', true, { inputmode: 'numeric', autocomplete: 'off', maxlength: '11' }],
  ['name', 'Navn', '$.citizen.name', 'text', true, { autocomplete: 'off' }],
  ['address', 'Adresse', '$.citizen.address', 'text', false, { autocomplete: 'off' }],
  ['phone', 'Telefon', '$.citizen.phone', 'text', false, { inputmode: 'tel', autocomplete: 'off' }],
  ['contact_name', 'Kontaktpersonens navn', '$.citizen.contact.name', 'text', false, { autocomplete: 'off' }],
  ['contact_relation', 'Relation til borgeren (fx datter, nabo)', '$.citizen.contact.relation', 'text', false, { autocomplete: 'off' }],
  ['contact_phone', 'Kontaktpersonens telefon', '$.citizen.contact.phone', 'text', false, { inputmode: 'tel', autocomplete: 'off' }],
  ['municipality_code', 'Bopælskommunens kode (tom: borgeren bor i kommunen)', '$.citizen.municipality_code',
    'text', false, { inputmode: 'numeric', autocomplete: 'off', maxlength: '3' }],
  ['source', 'Henvist af (fx egen læge, datter, hjemmeplejen)', '$.referral.source', 'text', true, {}],
  ['paragraph', 'Paragraf', '$.referral.paragraph', 'radio', true, {}],
  ['condition', 'Lidelse', '$.referral.condition', 'text', false, {}],
  ['date', 'Modtaget', '$.referral.date', 'date', true, {}],
  ['text', 'Beskrivelse', '$.referral.text', 'textarea', false, {}],
];

// The source the API reads as the citizen's own referral.
const OWN_SOURCE = 'borgeren';

// A checkbox field: { node, el, err }.
function checkboxField(id, label, describedBy) {
  const el = h('input', { type: 'checkbox', id, 'aria-describedby': describedBy || null });
  const err = h('p', { class: 'field-error', id: `${id}-error` });
  if (describedBy) el.setAttribute('aria-describedby', `${describedBy} ${id}-error`);
  else el.setAttribute('aria-describedby', `${id}-error`);
  return { el, err, node: h('div', { class: 'field checkbox' }, h('div', { class: 'radio' }, el, h('label', { for: id }, label)), err) };
}

// "Hvem henvender sig?": the citizen, or someone on the citizen's behalf.
function whoField() {
  const opts = [['self', 'Borgeren selv'], ['other', 'En anden på borgerens vegne (pårørende, læge, hjemmepleje, sygehus …)']];
  const group = h('fieldset', { class: 'field radios', id: 'ref-who' }, h('legend', null, 'Hvem henvender sig?'),
    opts.map(([v, text]) => h('div', { class: 'radio' },
      h('input', { type: 'radio', id: `ref-who-${v}`, name: 'who', value: v, checked: v === 'other' ? true : null }),
      h('label', { for: `ref-who-${v}` }, text))));
  return { node: group, self: () => group.querySelector('input:checked')?.value === 'self' };
}

// The question of a 409: the stored name and the typed one side by side.
// onUpdate() resends with update_citizen, onBack() returns to the form.
function identityQuestion(stored, typed, onUpdate, onBack) {
  const title = h('h2', { id: 'identity-title', tabindex: '-1' }, 'Borgeren er kendt under et andet navn');
  const update = h('button', { type: 'button', class: 'button', id: 'identity-update' }, 'Opdatér navnet og opret sagen');
  const back = h('button', { type: 'button', class: 'button secondary', id: 'identity-back' }, 'Tilbage til formularen');
  const error = h('p', { class: 'form-error', id: 'identity-error', role: 'alert' });
  update.addEventListener('click', () => onUpdate(update, error));
  back.addEventListener('click', onBack);
  const node = h('section', { class: 'card warning identity-question', id: 'identity-question', 'aria-labelledby': 'identity-title' },
    title,
    h('p', null, 'CPR-nummeret tilhører en borger, som genop allerede kender. Navnet i henvendelsen er ikke det samme som det gemte.'),
    h('dl', { class: 'identity-names' },
      h('div', null, h('dt', null, 'Navn i genop'), h('dd', { id: 'identity-stored' }, stored)),
      h('div', null, h('dt', null, 'Navn i henvendelsen'), h('dd', { id: 'identity-typed' }, typed))),
    h('p', { id: 'identity-ask', class: 'identity-ask' }, `Skal borgerens navn opdateres til »${typed}«?`),
    h('p', null, 'Det gamle navn gemmes i borgerens historik. Er navnet skrevet forkert, så gå tilbage og ret det.'),
    error,
    h('div', { class: 'actions' }, update, back));
  return { node, focus: () => title.focus() };
}

// After a referral with warnings: the new case and each other case named.
function createdWithWarnings(created) {
  const id = Number(created.id);
  const title = h('h2', { id: 'created-title', tabindex: '-1' }, `Henvendelsen er registreret som sag ${id}`);
  const node = h('section', { class: 'card', id: 'referral-created', 'aria-labelledby': 'created-title' },
    title,
    h('div', { class: 'warning', id: 'referral-warnings' },
      h('h3', null, 'Se efter, om sagen findes i forvejen'),
      h('ul', null, created.warnings.map((w) => h('li', { 'data-case': String(Number(w.case)) }, w.detail, ' ',
        h('a', { href: `#/sag/${Number(w.case)}` }, `Åbn sag ${Number(w.case)}`))))),
    h('div', { class: 'actions' }, h('a', { class: 'button', id: 'created-open', href: `#/sag/${id}` }, `Gå til den nye sag ${id}`)));
  return { node, focus: () => title.focus() };
}

export async function render(main, _params, ctx) {
  const today = todayInDenmark();
  const standard = Promise.all([get('/standard'), get('/municipalities').catch(() => ({ items: [] }))])
    .then(([s, m]) => ({ ...s, municipalities: m.items }));     // not awaited: the form is usable at once
  standard.catch(() => {});
  const ownCode = ctx.session && ctx.session.municipality && ctx.session.municipality.code;
  // A finding is also named under its field (on a narrow screen the panel
  // is below the form): cues[rule id] is that field's line.
  const cues = {};
  const eligibility = eligibilityPanel(standard, ownCode, (findings) => {
    for (const [id, cue] of Object.entries(cues)) {
      const f = findings.find((x) => x.id === id);
      if (f) replace(cue, h('strong', null, 'Fund: '), f.text, ' Se »Betingelser i kvalitetsstandarden« under formularen.');
      else replace(cue);
    }
  });
  const controls = new Map();
  const nodes = new Map();
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
      nodes.set(name, group);
      continue;
    }
    const hints = [];
    if (name === 'cpr') hints.push(h('p', { class: 'help', id: `${id}-hint` }, 'DDMMÅÅ-XXXX'));
    if (kind === 'date') hints.push(h('p', { class: 'help', id: `${id}-hint` }, 'Skrives dd.mm.åååå, fx 10.04.2025'));
    const cueRule = { cpr: 'minimum_age', municipality_code: 'residency' }[name];
    const describedBy = [hints.length ? `${id}-hint` : null, name === 'cpr' ? 'ref-cpr-derived' : null,
      cueRule ? `${id}-cue` : null, `${id}-error`].filter(Boolean).join(' ');
    const attrs = { id, name, 'aria-describedby': describedBy, required: required || null, ...extra };
    const el = kind === 'textarea' ? h('textarea', { ...attrs, rows: '4' })
      : h('input', { ...attrs, type: 'text', value: kind === 'date' ? shortDate(today) : null,
        ...(kind === 'date' ? { inputmode: 'numeric', autocomplete: 'off', maxlength: '10' } : {}) });
    controls.set(name, { el, err, path: fieldPath, required, kind, focus: () => el.focus() });
    const derived = name === 'cpr' ? h('p', { class: 'derived', id: 'ref-cpr-derived', 'aria-live': 'polite' }) : null;
    if (cueRule) cues[cueRule] = h('p', { class: 'elig-cue', id: `${id}-cue` });
    nodes.set(name, h('div', { class: 'field' }, h('label', { for: id }, label, required ? null : h('span', { class: 'optional' }, ' (valgfrit)')),
      hints, el, derived, cueRule ? cues[cueRule] : null, err));
  }
  const exempt = checkboxField('ref-digital_post_exempt', 'Fritaget for Digital Post (breve sendes med posten)');
  controls.set('digital_post_exempt', { ...exempt, path: '$.citizen.digital_post_exempt', kind: 'checkbox', focus: () => exempt.el.focus() });
  const who = whoField();
  const consentHint = h('p', { class: 'help', id: 'ref-consent-hint' },
    'Henvender en anden sig på borgerens vegne, skal borgeren have givet samtykke til det.');
  const consent = checkboxField('ref-consent', 'Borgeren har givet samtykke til henvisningen', 'ref-consent-hint');
  controls.set('consent', { ...consent, path: '$.referral.consent', kind: 'checkbox', focus: () => consent.el.focus() });
  const onBehalf = h('div', { id: 'ref-on-behalf' }, nodes.get('source'), consentHint, consent.node);
  const showWho = () => { onBehalf.hidden = who.self(); };
  who.node.addEventListener('change', showWho);
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

  // The eligibility panel follows the CPR number, the date and the code.
  const checkEligibility = () => eligibility.update({
    birth: checkCpr(cpr.el.value, today).birth || null,
    date: parseDanishDate(controls.get('date').el.value),
    code: controls.get('municipality_code').el.value,
  });
  for (const name of ['cpr', 'date', 'municipality_code']) {
    controls.get(name).el.addEventListener('input', checkEligibility);
  }

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

  // The request body from the form, or null after naming what is wrong.
  function body() {
    const self = who.self();
    for (const [name, label, , , required] of FIELDS) {
      if (required && !value(name) && !(name === 'source' && self)) {
        fieldError(name, name === 'paragraph' ? 'Vælg stk. 1 eller stk. 2.' : `${label.replace(/ \(.*\)$/, '')} skal udfyldes.`);
        return null;
      }
    }
    const c = showCpr(true);
    if (c.error) {
      cpr.focus();
      return null;
    }
    const date = parseDanishDate(value('date'));
    if (!date) {
      fieldError('date', 'Datoen skal skrives dd.mm.åååå og være en rigtig dato, fx 10.04.2025.');
      return null;
    }
    const citizen = { cpr: value('cpr'), name: value('name') };
    if (value('address')) citizen.address = value('address');
    if (value('phone')) citizen.phone = value('phone');
    if (exempt.el.checked) citizen.digital_post_exempt = true;
    if (value('contact_name') || value('contact_relation') || value('contact_phone')) {
      if (!value('contact_name')) {
        fieldError('contact_name', 'Skriv kontaktpersonens navn, eller tøm felterne om kontaktpersonen.');
        return null;
      }
      citizen.contact = { name: value('contact_name') };
      if (value('contact_relation')) citizen.contact.relation = value('contact_relation');
      if (value('contact_phone')) citizen.contact.phone = value('contact_phone');
    }
    if (value('municipality_code')) {
      if (!/^[0-9]{3}$/.test(value('municipality_code'))) {
        fieldError('municipality_code', 'Kommunekoden er tre cifre, fx 851 for Aalborg.');
        return null;
      }
      citizen.municipality_code = Number(value('municipality_code'));
    }
    // The consent is the API's to require (422 at $.referral.consent,
    // shown beside the checkbox), after the checks of the date.
    const referral = { date, paragraph: value('paragraph'), source: self ? OWN_SOURCE : value('source') };
    if (!self) referral.consent = consent.el.checked;
    if (value('condition')) referral.condition = value('condition');
    if (value('text')) referral.text = value('text');
    return { citizen, referral };
  }

  const form = h('form', { class: 'card referral-form', id: 'referral-form', novalidate: true, 'aria-labelledby': 'ref-title' },
    h('h2', { id: 'ref-title', class: 'visually-hidden' }, 'Henvendelsen'),
    h('fieldset', { class: 'group' }, h('legend', null, 'Borgeren'),
      ['cpr', 'name', 'address', 'phone'].map((n) => nodes.get(n)), exempt.node),
    h('fieldset', { class: 'group', id: 'ref-contact' }, h('legend', null, 'Kontaktperson ', h('span', { class: 'optional' }, '(valgfrit)')),
      ['contact_name', 'contact_relation', 'contact_phone'].map((n) => nodes.get(n))),
    h('fieldset', { class: 'group' }, h('legend', null, 'Henvendelsen'), nodes.get('municipality_code'), who.node, onBehalf,
      ['paragraph', 'condition', 'date', 'text'].map((n) => nodes.get(n))),
    formError,
    h('div', { class: 'actions' }, submit));
  const layout = h('div', { class: 'referral-layout' }, form, eligibility.node);
  const page = h('div', { id: 'referral-page' }, layout);

  // A refusal beside its field, or under the form.
  function showRefusal(err) {
    const hit = [...controls.entries()].find(([, x]) => x.path === err.field);
    const message = String(err.message).replace(/^\$[\w.[\]]*:\s*/, '');
    if (hit) fieldError(hit[0], message);
    else {
      formError.textContent = message;
      submit.focus();
    }
  }
  // The new case, or first the warnings of the cases like it.
  function created(answer) {
    if (Array.isArray(answer.warnings) && answer.warnings.length) {
      const done = createdWithWarnings(answer);
      replace(page, done.node);
      ctx.announce(`Henvendelsen er registreret som sag ${Number(answer.id)}. Borgeren har en anden åben sag for det samme.`);
      done.focus();
      return;
    }
    ctx.announce('Henvendelsen er registreret.');
    location.hash = `#/sag/${Number(answer.id)}`;
  }
  // The 409: both names and the question, in place of the form.
  function askIdentity(sent, err) {
    const stored = (err.problem && err.problem.citizen && err.problem.citizen.name) || '';
    const q = identityQuestion(stored, sent.citizen.name, async (button, error) => {
      button.disabled = true;
      try {
        created(await post('/cases', { ...sent, update_citizen: true }));
      } catch (e2) {
        button.disabled = false;
        if (e2.status !== 401) error.textContent = String(e2.message).replace(/^\$[\w.[\]]*:\s*/, '');
      }
    }, () => {
      replace(page, layout);
      controls.get('name').el.focus();
    });
    replace(page, q.node);
    q.focus();
  }

  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    clear();
    const sent = body();
    if (!sent) return;
    submit.disabled = true;
    try {
      created(await post('/cases', sent));
    } catch (err) {
      if (err.status === 401) return;
      if (err.status === 409 && err.problem && err.problem.citizen) askIdentity(sent, err);
      else showRefusal(err);
    } finally {
      submit.disabled = false;
    }
  });

  replace(main,
    h('div', { class: 'page-head' }, h('h1', null, 'Ny henvendelse'),
      h('p', { class: 'lead' }, 'Registrér en henvendelse eller henvisning om træning efter § 86. ',
        'Findes borgeren allerede, knyttes sagen til borgeren ud fra CPR-nummeret.')),
    page);
  showWho();
  checkEligibility();
  return 'Ny henvendelse';
}
