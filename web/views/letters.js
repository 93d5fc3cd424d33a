// views/letters.js - the case's letters on the case page (shared/spec/
// letters.md section 2; docs/letters.md) and the citizen's aktindsigt:
//
// - "Breve": the letters of the case (GET /api/v1/cases/{id}/letters),
//   each with its kind and the date it was made in Danish, its status
//   (lavet, sendt med Digital Post, venter på udskrift, udskrevet), a link
//   that opens its PDF in a new tab (GET /api/v1/letters/{id}.pdf: the
//   server writes the reading to the access log; a leder may list letters
//   but not read them, as they show the address) and, for a visitator, "Send"
//   for a letter not yet sent: a confirmation in the row says how it goes
//   (Digital Post, or the print queue because the citizen is exempt:
//   citizen.digital_post_exempt), then POST /api/v1/letters/{id}/send.
// - "Skriv brev" (a visitator's): the kind among those the case has an
//   event for, the individual assessment in the visitator's own words
//   (what belongs there said beside the field), for a grant "delvis
//   bevilling"; "Se udkast" fetches the preview (POST .../letters/preview,
//   nothing kept) as a blob and offers it to open in a new tab or to
//   download; "Lav brevet" (only after a draft of exactly that text was
//   seen: a letter is kept unchanged once made) makes it. The API's
//   refusals are shown beside the field they name ($.kind, $.text,
//   $.partial).
// - a visible prompt, not a popup, when the latest decision has no letter
//   yet (right after a decision is registered, too): "Skriv
//   afgørelsesbrevet" opens the form with the decision chosen.
// - "Aktindsigt (PDF)" in the citizen panel (a visitator's): a
//   confirmation that says the making is logged in the citizen's access
//   log, then POST /api/v1/citizens/{id}/access-report, offered like a
//   draft.
//
// Blob URLs are opened by links the user clicks (a new tab from a click
// is never blocked as a popup) and revoked when replaced; the page's CSP
// needs no frame or object source for them.

import { get, post, ApiError } from '../api.js';
import { longDate, dateTime } from '../dates.js';
import { h, replace, cell } from '../dom.js';
import { currentEvents, besideField, stripPath } from './forms.js';

// The letter kinds (contract names), the event each is for, and its words.
export const KINDS = [
  { kind: 'decision', event: 'decision', label: 'Afgørelse',
    help: 'Skriv med dine egne ord den konkrete, individuelle vurdering: borgerens situation, og hvad du har lagt vægt på. ' +
      'Bevillingen eller afslagets begrundelser, kvalitetsstandardens løfter og klagevejledningen sætter genop selv i brevet.' },
  { kind: 'complaint_decision', event: 'complaint_decided', label: 'Genvurdering af klage',
    help: 'Skriv begrundelsen for resultatet af genvurderingen. Den skal med, medmindre borgeren får fuldt medhold ' +
      '(forvaltningsloven § 22). Hvornår klagen sendes videre til Ankestyrelsen, sætter genop selv i brevet.' },
  { kind: 'complaint_forwarded', event: 'complaint_forwarded', label: 'Klage sendt til Ankestyrelsen',
    help: 'Valgfrit: det borgeren bør vide ud over, at klagen er sendt til Ankestyrelsen, ' +
      'og at afgørelsen gælder imens (det skriver genop selv).' },
  { kind: 'course_ended', event: 'closed', label: 'Forløb afsluttet',
    help: 'Skriv med dine egne ord, hvorfor forløbet afsluttes for netop denne borger. Årsagen, standardens regel ' +
      'og klagevejledningen sætter genop selv i brevet.' },
];
const kindLabel = (k) => (KINDS.find((x) => x.kind === k) || {}).label || k;

const STATUS = {
  made: 'lavet', sent: 'sendt med Digital Post', queued: 'venter på udskrift', printed: 'udskrevet',
  delivered: 'modtaget af borgeren',
};
export const statusText = (s) => STATUS[s] || s;

const TEXT_MAX = 8000;           // as the API (letter_types.h: bytes)

// The latest current event of each type that a letter kind is for.
function latestEvents(data) {
  const latest = new Map();
  for (const e of currentEvents(data)) latest.set(e.type, e);
  return latest;
}

// Fetches a PDF (method, path, body) as a blob URL; rejects with ApiError.
export async function pdfBlob(method, path, body) {
  let res;
  try {
    res = await fetch(`/api/v1${path}`, {
      method, credentials: 'same-origin', cache: 'no-store', redirect: 'error',
      headers: body === undefined ? { Accept: 'application/pdf' }
        : { Accept: 'application/pdf', 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new ApiError(0, null, 'genop kunne ikke nås. Tjek forbindelsen, og prøv igen.');
  }
  if (!res.ok || !/application\/pdf/.test(res.headers.get('Content-Type') || '')) {
    // The problem's Danish message; a 401 asks api.js who is logged in,
    // so the app shows the login as after any other request.
    const problem = await res.json().catch(() => null);
    if (res.status === 401) await get('/session').catch(() => {});
    throw new ApiError(res.status, problem);
  }
  return URL.createObjectURL(await res.blob());
}

// The links to a fetched PDF (blob URL): open in a new tab, or download
// as filename. what: "udkastet", "aktindsigten".
export function pdfLinks(url, filename, what, idPrefix) {
  return h('p', { class: 'pdf-links' },
    h('a', { href: url, target: '_blank', rel: 'noopener', id: `${idPrefix}-open`, class: 'button' },
      `Åbn ${what}`, h('span', { class: 'visually-hidden' }, ' (PDF, åbner i en ny fane)')),
    ' ',
    h('a', { href: url, download: filename, id: `${idPrefix}-download`, class: 'button secondary' },
      `Hent ${what}`, h('span', { class: 'visually-hidden' }, ' som PDF-fil')));
}

// ---- the list ---------------------------------------------------------------

// How sending will go, in words, for the confirmation.
function channelText(citizen, kind) {
  const name = citizen.name || 'borgeren';
  const received = kind === 'decision'
    ? ' Den dag registreres på sagen som dagen, borgeren modtog afgørelsen; klagefristen regnes derfra.' : '';
  if (citizen.digital_post_exempt) {
    return `${name} er fritaget for Digital Post. Brevet lægges derfor i udskriftskøen og sendes med almindelig post; ` +
      `det regnes for modtaget 6 hverdage efter brevets dato.${received}`;
  }
  return `Brevet sendes med Digital Post til ${name} og regnes for modtaget i dag.${received}`;
}

// The row's send button and its confirmation (a visitator's, letter made).
function sendControl(letter, citizen, done) {
  const slot = h('div', { class: 'send-confirm', id: `letter-${letter.id}-confirm`, hidden: true });
  // The confirmation's row shows only while it is open.
  const showRow = (on) => { const tr = slot.closest('tr'); if (tr) tr.hidden = !on; };
  const button = h('button', { type: 'button', class: 'button secondary', 'data-send': letter.id,
    'aria-expanded': 'false', 'aria-controls': slot.id }, 'Send',
  h('span', { class: 'visually-hidden' }, ` brevet ${kindLabel(letter.kind).toLowerCase()}`));
  const cancel = () => {
    slot.hidden = true;
    showRow(false);
    replace(slot);
    button.setAttribute('aria-expanded', 'false');
    button.focus();
  };
  button.addEventListener('click', () => {
    if (!slot.hidden) return cancel();
    const error = h('p', { class: 'form-error', role: 'alert', id: `${slot.id}-error` });
    const yes = h('button', { type: 'button', class: 'button', 'data-confirm-send': letter.id },
      citizen.digital_post_exempt ? 'Læg i udskriftskøen' : 'Send med Digital Post');
    yes.addEventListener('click', async () => {
      yes.disabled = true;
      error.textContent = '';
      try {
        const r = await post(`/letters/${Number(letter.id)}/send`);
        const when = r && r.received ? ` Det regnes for modtaget ${longDate(r.received)}.` : '';
        await done(r && r.channel === 'print'
          ? `Brevet er lagt i udskriftskøen og sendes med almindelig post.${when}`
          : `Brevet er sendt med Digital Post.${when}`);
      } catch (err) {
        yes.disabled = false;
        if (err.status === 401) return;
        error.textContent = stripPath(err.message);
        yes.focus();
      }
    });
    replace(slot, h('p', { id: `${slot.id}-text` }, channelText(citizen, letter.kind)), error,
      h('div', { class: 'actions' }, yes,
        h('button', { type: 'button', class: 'button secondary', onclick: cancel }, 'Fortryd')));
    slot.hidden = false;
    showRow(true);
    button.setAttribute('aria-expanded', 'true');
    yes.focus();
  });
  return [button, slot];
}

function letterRow(letter, citizen, ctx, done) {
  const role = ctx.session.role;
  const readable = role === 'visitator' || role === 'terapeut';
  const what = `${kindLabel(letter.kind)} ${dateTime(letter.created)}`;
  const open = readable
    ? h('a', { href: `/api/v1/letters/${Number(letter.id)}.pdf`, target: '_blank', rel: 'noopener',
      'data-letter-pdf': letter.id, 'aria-label': `Åbn brevet ${what} (PDF, åbner i en ny fane)` }, 'Åbn (PDF)')
    : null;
  const [send, confirm] = role === 'visitator' && letter.status === 'made' ? sendControl(letter, citizen, done) : [null, null];
  const row = h('tr', { 'data-letter': letter.id },
    cell('Brev', h('span', { class: 'letter-kind' }, kindLabel(letter.kind))),
    cell('Lavet', dateTime(letter.created), letter.created_by ? h('span', { class: 'sub' }, `af ${letter.created_by}`) : null),
    cell('Status', h('span', { class: `letter-status status-${letter.status}` }, statusText(letter.status))),
    cell('Handling', h('div', { class: 'letter-actions' }, open, send)));
  // The send confirmation in a row of its own, the table's full width.
  return confirm ? [row, h('tr', { class: 'send-row', hidden: true }, h('td', { colspan: '4' }, confirm))] : row;
}

function lettersTable(letters, citizen, ctx, done) {
  if (letters === null) return h('p', { class: 'error-text' }, 'Brevene kunne ikke hentes. Genindlæs siden.');
  if (!letters.length) return h('p', { class: 'empty', id: 'letters-empty' }, 'Der er ikke skrevet breve på sagen endnu.');
  const sorted = [...letters].sort((a, b) => (a.created < b.created ? 1 : a.created > b.created ? -1 : b.id - a.id));
  return h('table', { class: 'table letters-table', id: 'letters' },
    h('caption', { class: 'visually-hidden' }, 'Sagens breve, nyeste først'),
    h('thead', null, h('tr', null, ['Brev', 'Lavet', 'Status', 'Handling'].map((t) => h('th', { scope: 'col' }, t)))),
    h('tbody', null, sorted.map((l) => letterRow(l, citizen, ctx, done)).flat()));
}

// ---- making a letter --------------------------------------------------------

// The form that makes a letter; kinds: those the case has an event for
// (objects of KINDS with the latest event), chosen: the kind to start with.
function letterForm(data, kinds, chosen, close, done) {
  const id = Number(data.id);
  const formError = h('p', { class: 'form-error', id: 'letter-form-error', role: 'alert' });
  const kindErr = h('p', { class: 'field-error', id: 'letter-kind-error' });
  const kindGroup = h('fieldset', { class: 'field radios', id: 'letter-kind', 'aria-describedby': 'letter-kind-error' },
    h('legend', null, 'Hvilket brev?'),
    kinds.map((k, i) => h('div', { class: 'radio' },
      h('input', { type: 'radio', name: 'letter-kind', id: `letter-kind-${k.kind}`, value: k.kind,
        checked: k.kind === chosen || (!chosen && i === 0) }),
      h('label', { for: `letter-kind-${k.kind}` }, k.label,
        h('span', { class: 'sub' }, `om hændelsen ${longDate(k.latest.date)}`)))),
    kindErr);
  const partialErr = h('p', { class: 'field-error', id: 'letter-partial-error' });
  const partial = h('input', { type: 'checkbox', id: 'letter-partial', 'aria-describedby': 'letter-partial-help letter-partial-error' });
  const partialField = h('div', { class: 'field', id: 'letter-partial-field' },
    h('div', { class: 'radio' }, partial, h('label', { for: 'letter-partial' }, 'Delvis bevilling')),
    h('p', { class: 'help', id: 'letter-partial-help' },
      'Sæt kryds, hvis borgeren ikke får alt, hvad der er søgt om. Skriv så i vurderingen, hvad der ikke er bevilget, og hvorfor – det skal med.'),
    partialErr);
  const textErr = h('p', { class: 'field-error', id: 'letter-text-error' });
  const help = h('p', { class: 'help', id: 'letter-text-help' });
  const text = h('textarea', { id: 'letter-text', rows: '7', maxlength: String(TEXT_MAX),
    'aria-describedby': 'letter-text-help letter-text-error' });
  const textField = h('div', { class: 'field' },
    h('label', { for: 'letter-text' }, 'Vores vurdering'), help, text, textErr);
  const draft = h('div', { class: 'letter-draft', id: 'letter-draft', role: 'status' });
  const previewButton = h('button', { type: 'button', class: 'button secondary', id: 'letter-preview' }, 'Se udkast');
  const makeButton = h('button', { type: 'submit', class: 'button', id: 'letter-make' }, 'Lav brevet');
  const form = h('form', { class: 'action-form letter-form', id: 'letter-form', novalidate: true, 'aria-labelledby': 'letter-form-title' },
    h('h3', { id: 'letter-form-title' }, 'Skriv brev'),
    kindGroup, partialField, textField, draft, formError,
    h('div', { class: 'actions' }, previewButton, makeButton,
      h('button', { type: 'button', class: 'button secondary', onclick: () => close() }, 'Annullér')));

  const kind = () => form.querySelector('input[name="letter-kind"]:checked')?.value || '';
  const body = () => {
    const b = { kind: kind() };
    if (text.value.trim()) b.text = text.value.trim();
    if (b.kind === 'decision' && !partialField.hidden && partial.checked) b.partial = true;
    return b;
  };
  // Only a granting decision can be partial; the help follows the kind.
  const sync = () => {
    const k = kinds.find((x) => x.kind === kind());
    partialField.hidden = !(k && k.kind === 'decision' && k.latest.granted === true);
    help.textContent = k ? k.help : '';
  };
  sync();
  let seen = null;       // the body of the draft shown, as JSON
  let url = null;
  const forget = () => {
    if (url) URL.revokeObjectURL(url);
    url = null;
    seen = null;
    replace(draft);
  };
  form.addEventListener('change', (e) => {
    if (e.target.name === 'letter-kind') sync();
  });
  form.addEventListener('input', () => { if (seen !== null && seen !== JSON.stringify(body())) forget(); });
  form.addEventListener('change', () => { if (seen !== null && seen !== JSON.stringify(body())) forget(); });
  form.addEventListener('keydown', (e) => {
    if (e.key === 'Escape') {
      e.preventDefault();
      close();
    }
  });

  const fields = [
    { path: '$.kind', err: kindErr, el: kindGroup, focus: () => kindGroup.querySelector('input:checked, input')?.focus() },
    { path: '$.text', err: textErr, el: text, focus: () => text.focus() },
    { path: '$.partial', err: partialErr, el: partial, focus: () => partial.focus() },
  ];
  const clear = () => {
    formError.textContent = '';
    for (const f of fields) {
      f.err.textContent = '';
      f.el.removeAttribute('aria-invalid');
    }
  };
  const show = (err) => {
    const f = fields.find((x) => err.field && (err.field === x.path || err.field.startsWith(`${x.path}.`)));
    if (f) {
      f.err.textContent = besideField(err.message);
      f.el.setAttribute('aria-invalid', 'true');
      f.focus();
    } else {
      formError.textContent = stripPath(err.message);
    }
  };
  const busy = (on) => { previewButton.disabled = on; makeButton.disabled = on; };

  previewButton.addEventListener('click', async () => {
    clear();
    forget();
    const b = body();
    busy(true);
    replace(draft, h('p', { class: 'loading' }, 'Udkastet laves …'));
    try {
      url = await pdfBlob('POST', `/cases/${id}/letters/preview`, b);
      seen = JSON.stringify(b);
      replace(draft,
        h('p', null, h('strong', null, 'Udkastet er klar. '),
          'Læs det, før du laver brevet: et brev kan ikke ændres, når det er lavet. Udkastet gemmes ikke.'),
        pdfLinks(url, `udkast-sag-${id}.pdf`, 'udkastet', 'letter-draft'));
      busy(false);
      draft.querySelector('#letter-draft-open').focus();
    } catch (err) {
      busy(false);
      replace(draft);
      if (err.status !== 401) show(err);
    }
  });
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    clear();
    const b = body();
    if (seen !== JSON.stringify(b)) {
      formError.textContent = 'Se udkastet, før du laver brevet: et brev kan ikke ændres, når det er lavet.';
      previewButton.focus();
      return;
    }
    busy(true);
    try {
      await post(`/cases/${id}/letters`, b);
      forget();
      close(false);
      await done(`Brevet er lavet: ${kindLabel(b.kind)}. Det er ikke sendt endnu.`);
    } catch (err) {
      busy(false);
      if (err.status !== 401) show(err);
    }
  });
  return form;
}

// The visible prompt when the latest decision has no letter yet, or null.
function decisionPrompt(data, letters, latest, openForm) {
  const d = latest.get('decision');
  if (!d || !letters || letters.some((l) => l.kind === 'decision' && l.event === d.id)) return null;
  return h('div', { class: 'notice letter-prompt', id: 'letter-prompt' },
    h('p', null, h('strong', null, 'Afgørelsesbrevet mangler. '),
      `Afgørelsen af ${longDate(d.date)} skal meddeles borgeren skriftligt med begrundelse og klagevejledning.`),
    h('button', { type: 'button', class: 'button', id: 'letter-prompt-write', onclick: () => openForm('decision') },
      'Skriv afgørelsesbrevet'));
}

// The "Breve" section. data: the case (GET /api/v1/cases/{id}); letters:
// its letters' items, or null when they could not be read; done(message):
// renders the case page again with message. Returns { section, prompt }:
// prompt (or null) is the decision letter's prompt, for the top of the page.
export function lettersSection(data, letters, ctx, done) {
  const citizen = data.citizen || {};
  const visitator = ctx.session.role === 'visitator';
  const latest = latestEvents(data);
  const kinds = KINDS.filter((k) => latest.has(k.event)).map((k) => ({ ...k, latest: latest.get(k.event) }));
  const panel = h('div', { id: 'letter-panel' });
  let writeButton = null;
  const close = (focusBack = true) => {
    replace(panel);
    if (writeButton) {
      writeButton.setAttribute('aria-expanded', 'false');
      if (focusBack) writeButton.focus();
    }
  };
  const openForm = (chosen) => {
    replace(panel, letterForm(data, kinds, chosen, close, done));
    writeButton.setAttribute('aria-expanded', 'true');
    const start = panel.querySelector(`#letter-kind-${chosen}`) || panel.querySelector('input[name="letter-kind"]');
    panel.scrollIntoView({ block: 'start' });
    (chosen ? panel.querySelector('#letter-text') : start)?.focus();
  };
  if (visitator && kinds.length) {
    writeButton = h('button', { type: 'button', class: 'button secondary', id: 'letter-write', 'aria-expanded': 'false',
      'aria-controls': 'letter-panel' }, 'Skriv brev');
    writeButton.addEventListener('click', () => {
      if (writeButton.getAttribute('aria-expanded') === 'true') close();
      else openForm(null);
    });
  }
  const none = visitator && !kinds.length
    ? h('p', { class: 'help' }, 'Der kan skrives brev, når sagen har en afgørelse, en genvurderet eller videresendt klage eller er afsluttet.')
    : null;
  const section = h('section', { class: 'card letters', 'aria-labelledby': 'sec-letters' },
    h('h2', { id: 'sec-letters' }, 'Breve'),
    lettersTable(letters, citizen, ctx, done),
    none,
    writeButton ? h('div', { class: 'actions' }, writeButton) : null,
    panel);
  const prompt = visitator && !(data.case || {}).closed ? decisionPrompt(data, letters, latest, openForm) : null;
  return { section, prompt };
}

// The letters' items of case id, or null when they cannot be read.
export function fetchLetters(id) {
  return get(`/cases/${Number(id)}/letters`).then((r) => (r && r.items) || [], (err) => {
    if (err.status === 401) throw err;
    return null;
  });
}

// ---- aktindsigt ---------------------------------------------------------------

// The citizen panel's "Aktindsigt (PDF)" (a visitator's), or null.
export function accessReportPart(citizen, ctx) {
  if (ctx.session.role !== 'visitator' || !citizen.id) return null;
  const slot = h('div', { class: 'access-report', id: 'access-report', hidden: true });
  const button = h('button', { type: 'button', class: 'button secondary', id: 'access-report-button',
    'aria-expanded': 'false', 'aria-controls': 'access-report' }, 'Aktindsigt (PDF)');
  let url = null;
  const reset = () => {
    if (url) URL.revokeObjectURL(url);
    url = null;
    replace(slot);
    slot.hidden = true;
    button.setAttribute('aria-expanded', 'false');
  };
  button.addEventListener('click', () => {
    if (!slot.hidden) {
      reset();
      return;
    }
    const error = h('p', { class: 'form-error', role: 'alert', id: 'access-report-error' });
    const yes = h('button', { type: 'button', class: 'button', id: 'access-report-make' }, 'Lav aktindsigten');
    const cancel = h('button', { type: 'button', class: 'button secondary', onclick: () => { reset(); button.focus(); } }, 'Fortryd');
    yes.addEventListener('click', async () => {
      yes.disabled = true;
      error.textContent = '';
      try {
        url = await pdfBlob('POST', `/citizens/${Number(citizen.id)}/access-report`);
        replace(slot, h('p', { role: 'status' }, h('strong', null, 'Aktindsigten er lavet. '),
          'Den er skrevet i borgerens adgangslog. Giv den til borgeren; genop gemmer den ikke.'),
        pdfLinks(url, `aktindsigt-${Number(citizen.id)}.pdf`, 'aktindsigten', 'access-report'));
        slot.querySelector('#access-report-open').focus();
      } catch (err) {
        yes.disabled = false;
        if (err.status !== 401) error.textContent = stripPath(err.message);
      }
    });
    replace(slot, h('p', { id: 'access-report-text' },
      `Aktindsigten samler alt, hvad genop har om ${citizen.name || 'borgeren'}, i én PDF: sager, hændelser, breve og adgangsloggen. `,
      h('strong', null, 'At den laves, skrives i borgerens adgangslog.')),
    error, h('div', { class: 'actions' }, yes, cancel));
    slot.hidden = false;
    button.setAttribute('aria-expanded', 'true');
    yes.focus();
  });
  return h('div', { class: 'access-report-part' }, h('div', { class: 'actions' }, button), slot);
}
