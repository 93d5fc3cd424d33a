// views/ledelse.js - "Ledelsesinformation", a leder's page: how well the
// municipality keeps the promises of its quality standard, from GET
// /api/v1/report (docs/report.md) for the period and paragraph chosen on
// the page, and the same report as a workbook (GET /api/v1/report.xlsx)
// to download.
//
// The choice is in the address (#/ledelse?fra=2026-01-01&til=2026-11-30
// &paragraf=86.1&pr=2026-12-06: dates and a code, nothing about a
// citizen), so a page can be linked and survives a reload; without one,
// the last 12 months up to today. Quick choices set the period: the
// last 12 months, the last full month, this year so far, the last 12
// full months, last year. Changing the choice replaces the address and
// loads the numbers in place, keeping the focus where it was.
//
// First a table of every promise in the period; then a card per promise
// (views/ledelse_promise.js) with its charts and their tables. While the
// numbers load the results say so (aria-busy); the API's refusal of a
// choice (400) is shown beside the field it names.

import { get } from '../api.js';
import { longDate, shortDate, parseDanishDate, parseIsoDate, todayInDenmark } from '../dates.js';
import { h, replace } from '../dom.js';
import * as labels from '../labels.js';
import { promiseCard, ruleOf, unitOf, keyOf, num, pct, amount } from './ledelse_promise.js';

const TITLE = 'Ledelsesinformation';
const PARAGRAPHS = ['86.1', '86.2'];
const PARAGRAPH_TEXT = { '': 'Alle', '86.1': '§ 86, stk. 1 genoptræning', '86.2': '§ 86, stk. 2 vedligeholdende træning' };
const FIELDS = { from: 'fra', to: 'til', as_of: 'pr', paragraph: 'paragraf' };

const pad = (n) => String(n).padStart(2, '0');
const iso = (y, m, d) => `${y}-${pad(m)}-${pad(d)}`;
const lastDay = (y, m) => new Date(Date.UTC(y, m, 0)).getUTCDate();
// [year, month] k months after (before, k < 0) year-month.
function shift(y, m, k) {
  const t = y * 12 + (m - 1) + k;
  return [Math.floor(t / 12), (t % 12) + 1];
}

// The quick choices of period as of today (ISO): [{key, text, from, to}].
export function quickPeriods(today) {
  const [y, m] = today.split('-').map(Number);
  const [y11, m11] = shift(y, m, -11);
  const [yp, mp] = shift(y, m, -1);
  const [y12, m12] = shift(y, m, -12);
  return [
    { key: '12m', text: 'Seneste 12 måneder', from: iso(y11, m11, 1), to: today },
    { key: 'maaned', text: 'Seneste hele måned', from: iso(yp, mp, 1), to: iso(yp, mp, lastDay(yp, mp)) },
    { key: 'aar', text: 'I år til dato', from: iso(y, 1, 1), to: today },
    { key: '12hele', text: 'Seneste 12 hele måneder', from: iso(y12, m12, 1), to: iso(yp, mp, lastDay(yp, mp)) },
    { key: 'sidsteaar', text: 'Sidste år', from: iso(y - 1, 1, 1), to: iso(y - 1, 12, 31) },
  ];
}

// The choice of the address's query; a value that is not even shaped
// like a date is dropped, a wrong date is kept for the API to refuse.
function readChoice(query, today) {
  const q = new URLSearchParams(query || '');
  const date = (k) => (/^\d{4}-\d{2}-\d{2}$/.test(q.get(k) || '') ? q.get(k) : '');
  const def = quickPeriods(today)[0];
  return {
    from: date('fra') || def.from,
    to: date('til') || def.to,
    asOf: date('pr'),
    paragraph: PARAGRAPHS.includes(q.get('paragraf')) ? q.get('paragraf') : '',
  };
}

function hashOf(c) {
  const q = new URLSearchParams({ fra: c.from, til: c.to });
  if (c.paragraph) q.set('paragraf', c.paragraph);
  if (c.asOf) q.set('pr', c.asOf);
  return `#/ledelse?${q}`;
}

function apiQuery(c) {
  const q = new URLSearchParams({ from: c.from, to: c.to });
  if (c.asOf) q.set('as_of', c.asOf);
  if (c.paragraph) q.set('paragraph', c.paragraph);
  return q.toString();
}

// A date as the field shows it: dd.mm.åååå, or the text as it came.
const fieldDate = (d) => (parseIsoDate(d) ? shortDate(d) : d);

function dateField(id, label, value, hint) {
  const input = h('input', { type: 'text', id, name: id, inputmode: 'numeric', autocomplete: 'off', maxlength: '10',
    size: '10', value: fieldDate(value), 'aria-describedby': `${id}-hint ${id}-error` });
  const error = h('p', { class: 'field-error', id: `${id}-error` });
  return { input, error, el: h('div', { class: 'field' }, h('label', { for: id }, label),
    h('p', { class: 'help', id: `${id}-hint` }, hint), input, error) };
}

// The form of the choice; its fields by the API's names.
function choiceForm(page) {
  const c = page.choice;
  const from = dateField('ledelse-from', 'Fra', c.from, 'dd.mm.åååå');
  const to = dateField('ledelse-to', 'Til og med', c.to, 'dd.mm.åååå');
  const asOf = dateField('ledelse-asof', 'Opgjort pr.', c.asOf, 'dd.mm.åååå – tom: i dag');
  const para = h('select', { id: 'ledelse-paragraph', name: 'paragraph', 'aria-describedby': 'ledelse-paragraph-error' },
    Object.entries(PARAGRAPH_TEXT).map(([v, t]) => h('option', { value: v, selected: v === c.paragraph }, t)));
  const paraError = h('p', { class: 'field-error', id: 'ledelse-paragraph-error' });
  page.fields = { from, to, as_of: asOf, paragraph: { input: para, error: paraError } };
  const quick = h('ul', { class: 'quick-periods' }, quickPeriods(page.today).map((p) => h('li', null,
    h('button', { type: 'button', class: 'button secondary small', 'data-period': p.key,
      'aria-pressed': String(p.from === c.from && p.to === c.to),
      onclick: () => choose(page, { ...page.choice, from: p.from, to: p.to }) }, p.text))));
  const form = h('form', { class: 'ledelse-form', novalidate: true, 'aria-labelledby': 'ledelse-choice-h' },
    h('h2', { id: 'ledelse-choice-h', class: 'visually-hidden' }, 'Periode og paragraf'),
    h('div', { class: 'quick', role: 'group', 'aria-label': 'Hurtige valg af periode' }, quick),
    h('div', { class: 'filters' }, from.el, to.el,
      h('div', { class: 'field' }, h('label', { for: 'ledelse-paragraph' }, 'Paragraf'), para, paraError),
      asOf.el,
      h('div', { class: 'field field-submit' }, h('button', { type: 'submit', class: 'button' }, 'Vis tal'))));
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    submit(page);
  });
  para.addEventListener('change', () => choose(page, { ...page.choice, paragraph: para.value }));
  return form;
}

function clearErrors(page) {
  for (const f of Object.values(page.fields)) {
    f.error.textContent = '';
    f.input.removeAttribute('aria-invalid');
  }
  page.error.textContent = '';
}

// Shows message beside the field the API names (from, to, as_of,
// paragraph), or at the top when it names none; focuses it.
function fieldError(page, field, message) {
  const f = page.fields[field];
  if (!f) {
    page.error.textContent = message;
    page.error.focus();
    return;
  }
  f.error.textContent = message;
  f.input.setAttribute('aria-invalid', 'true');
  f.input.focus();
}

function submit(page) {
  clearErrors(page);
  const read = (f, optional) => {
    const text = f.input.value.trim();
    if (optional && text === '') return '';
    return parseDanishDate(text);
  };
  const c = { from: read(page.fields.from), to: read(page.fields.to), asOf: read(page.fields.as_of, true),
    paragraph: page.fields.paragraph.input.value };
  for (const k of ['from', 'to', 'as_of']) {
    if (c[k === 'as_of' ? 'asOf' : k] === null) {
      fieldError(page, k, 'Skriv datoen som dd.mm.åååå, fx 31.12.2025.');
      return;
    }
  }
  choose(page, c);
}

// Makes c the choice: the address, the fields, the numbers.
function choose(page, c) {
  page.choice = c;
  history.replaceState(null, '', hashOf(c));
  page.fields.from.input.value = fieldDate(c.from);
  page.fields.to.input.value = fieldDate(c.to);
  page.fields.as_of.input.value = fieldDate(c.asOf);
  page.fields.paragraph.input.value = c.paragraph;
  for (const b of page.form.querySelectorAll('[data-period]')) {
    const p = quickPeriods(page.today).find((x) => x.key === b.dataset.period);
    b.setAttribute('aria-pressed', String(p.from === c.from && p.to === c.to));
  }
  load(page);
}

export async function render(main, params, ctx) {
  const today = todayInDenmark();
  const page = {
    ctx, today, choice: readChoice(params[0], today), report: null, std: null, loads: 0, drawnWidth: 0,
    status: h('p', { class: 'count', id: 'ledelse-status', role: 'status' }),
    error: h('p', { class: 'error-text', id: 'ledelse-error', role: 'alert', tabindex: '-1' }),
    xlsx: h('a', { class: 'button secondary', id: 'ledelse-xlsx', download: '' }, 'Hent som regneark (XLSX)'),
    results: h('div', { id: 'ledelse-results', class: 'ledelse-results' }),
  };
  page.form = choiceForm(page);
  replace(main,
    h('div', { class: 'page-head' }, h('h1', null, TITLE),
      h('p', { class: 'lead' }, 'Hvor godt kommunen holder kvalitetsstandardens løfter: frister overholdt måned for måned, ',
        'ventetider, og de åbne frister. Tallene regnes af genop fra hver sags forløb, som sagens egen side viser det.')),
    page.form, page.error, h('div', { class: 'ledelse-bar' }, page.status, page.xlsx), page.results);
  const stdPromise = get('/standard').catch((err) => {
    if (err.status === 401) throw err;
    return null;
  });
  await load(page, stdPromise);
  redrawOnResize(page);
  return TITLE;
}

// Loads the report of the page's choice and shows it (the standard is
// asked for once, with the first report).
async function load(page, stdPromise) {
  const nav = ++page.loads;
  const c = page.choice;
  clearErrors(page);
  page.xlsx.href = `/api/v1/report.xlsx?${apiQuery(c)}`;
  page.results.setAttribute('aria-busy', 'true');
  page.status.textContent = 'Henter tallene …';
  let report;
  try {
    [report, page.std] = await Promise.all([get(`/report?${apiQuery(c)}`), stdPromise || page.std]);
  } catch (err) {
    if (err.status === 401) throw err;
    if (nav !== page.loads || page.ctx.stale()) return;
    page.results.removeAttribute('aria-busy');
    page.status.textContent = 'Tallene kunne ikke vises.';
    page.xlsx.hidden = true;
    replace(page.results);
    fieldError(page, err.status === 400 ? FIELDS[err.field] && err.field : null, err.message);
    return;
  }
  if (nav !== page.loads || page.ctx.stale()) return;
  page.report = report;
  page.xlsx.hidden = false;
  draw(page);
}

// "Frister med forfaldsdato fra 1. januar 2026 til 6. december 2026 ..."
function statusText(r) {
  const para = r.paragraph ? labels.paragraph(r.paragraph) : 'alle paragraffer';
  return `Frister med forfaldsdato fra ${longDate(r.from)} til ${longDate(r.to)}, ${para}; status pr. ${longDate(r.as_of)}.`;
}

// The promises to show: every (deadline, paragraph) with deadlines in the
// period or open as of the report's date, in the report's order.
function promises(r, std) {
  const byKey = new Map();
  const add = (d, what) => {
    const key = keyOf(d.id, d.paragraph);
    if (!byKey.has(key)) {
      byKey.set(key, { id: d.id, paragraph: d.paragraph, label: d.label || d.id, row: null, open: null,
        rule: ruleOf(std, d.id, d.paragraph), report: r });
    }
    byKey.get(key)[what] = d;
  };
  for (const d of r.deadlines || []) add(d, 'row');
  for (const o of r.open_by_due || []) add(o, 'open');
  return [...byKey.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : a.paragraph.localeCompare(b.paragraph)));
}

// Every promise of the period in one table, as the report's rows.
function overview(r, list) {
  const rows = list.filter((p) => p.row);
  if (rows.length === 0) {
    return h('p', { class: 'empty', id: 'ledelse-empty' }, `Ingen frister forfalder i perioden fra ${shortDate(r.from)} til ${shortDate(r.to)}`,
      r.paragraph ? ` under ${labels.paragraph(r.paragraph)}` : '', '. Vælg en anden periode eller paragraf.');
  }
  const time = (p, k) => amount(p.row[`${unitOf(p.rule)}_${k}`], unitOf(p.rule));
  return h('div', { class: 'table-scroll', role: 'region', 'aria-labelledby': 'overview-caption', tabindex: '0' },
    h('table', { class: 'num-table', id: 'ledelse-overview' },
      h('caption', { id: 'overview-caption' }, 'Løfterne i perioden'),
      h('thead', null, h('tr', null, ['Løfte', 'Paragraf', 'Overholdt', 'For sent', 'Overskredet', 'Afventer', 'Andel overholdt',
        'Median', '90 % nået inden for'].map((t, i) => h('th', { scope: 'col', class: i > 1 ? 'num' : null }, t)))),
      h('tbody', null, rows.map((p) => h('tr', { 'data-deadline': p.id, 'data-paragraph': p.paragraph },
        h('th', { scope: 'row' }, h('a', { href: `#/ledelse`, 'data-promise': keyOf(p.id, p.paragraph) }, p.label)),
        h('td', null, labels.paragraph(p.paragraph)),
        [num(p.row.met), num(p.row.late), num(p.row.overdue), num(p.row.pending), pct(p.row.share_met),
          time(p, 'median'), time(p, 'p90')].map((v) => h('td', { class: 'num' }, v)))))));
}

// The cases and sessions of the period as tiles.
function counts(r) {
  const c = r.cases || {};
  const a = r.attendance || {};
  const tiles = [['Henvendelser', c.referrals], ['Bevilget', c.granted], ['Afslag', c.refused], ['Afsluttede forløb', c.closed],
    ['Træningsgange', a.sessions], ['Udeblivelser', a.no_shows], ['Afbud fra borgeren', a.citizen_cancellations]];
  return h('section', { class: 'card', 'aria-labelledby': 'ledelse-counts-h' },
    h('h2', { id: 'ledelse-counts-h' }, 'Sager og træning i perioden'),
    h('dl', { class: 'kpis', id: 'ledelse-counts' }, tiles.map(([t, v]) => h('div', null, h('dt', null, t), h('dd', null, num(v ?? 0))))),
    h('p', { class: 'help' }, 'Bevilget og afslag tæller sagernes første afgørelse. Træningsgange tæller alle, der ikke er aflyst af kommunen.'));
}

function draw(page) {
  const r = page.report;
  const width = Math.max(280, (page.results.clientWidth || 900) - 44);
  page.drawnWidth = page.results.clientWidth;
  page.status.textContent = statusText(r);
  const list = promises(r, page.std);
  const table = overview(r, list);
  replace(page.results,
    h('section', { class: 'card', 'aria-labelledby': 'ledelse-overview-h' },
      h('h2', { id: 'ledelse-overview-h' }, 'Frister i perioden'), table),
    counts(r),
    list.map((p) => promiseCard(p, width)));
  // The overview's links move the focus to their promise (the app routes
  // on location.hash, so a #fragment cannot be a link).
  for (const a of page.results.querySelectorAll('a[data-promise]')) {
    a.addEventListener('click', (e) => {
      e.preventDefault();
      const h2 = document.getElementById(`h-promise-${a.dataset.promise}`);
      h2.setAttribute('tabindex', '-1');
      h2.focus();
    });
  }
  page.results.removeAttribute('aria-busy');
}

// Draws the charts again for a new width (a phone turned, a window
// resized), unless the focus is in them; stops when the page is left.
function redrawOnResize(page) {
  let timer = null;
  const onResize = () => {
    if (page.ctx.stale()) {
      window.removeEventListener('resize', onResize);
      return;
    }
    clearTimeout(timer);
    timer = setTimeout(() => {
      if (page.ctx.stale() || !page.report || page.results.contains(document.activeElement)) return;
      if (Math.abs(page.results.clientWidth - page.drawnWidth) > 40) draw(page);
    }, 200);
  };
  window.addEventListener('resize', onResize);
}
