// views/search.js - "Søgning": the cases a search finds (GET
// /api/v1/cases?q=), for the roles that read cases. The search text comes
// from the header's search field or this page's own, and is held in the
// app's memory only (ctx.search): never in the address, which holds ids
// only (a CPR number or a name must not end up in the browser's history).
// Each result shows what tells two citizens of the same name apart: the
// case number, the birth date, the paragraph, the status and the date of
// the referral. The results come a page of PAGE at a time:
// #/soeg/{offset}. After a reload the text is gone and the page asks for
// it again.

import { get } from '../api.js';
import { shortDate } from '../dates.js';
import { h, replace, cell, pager } from '../dom.js';
import * as labels from '../labels.js';

const PAGE = 50;

// The search form: label, help, the field and the error beside it.
export function searchForm({ id, label, help, text, submit, formLabel }) {
  const input = h('input', { id, type: 'search', name: 'q', value: text || null, autocomplete: 'off',
    spellcheck: 'false', maxlength: '100', 'aria-describedby': `${id}-help ${id}-error` });
  const error = h('p', { class: 'field-error', id: `${id}-error` });
  const form = h('form', { class: 'search-form', role: 'search', 'aria-label': formLabel },
    h('div', { class: 'field' },
      h('label', { for: id }, label),
      h('p', { class: 'help', id: `${id}-help` }, help),
      h('div', { class: 'search-row' }, input, h('button', { type: 'submit', class: 'button' }, 'Søg')),
      error));
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    submit(input.value.trim());
  });
  const refuse = (message) => {
    error.textContent = message;
    input.setAttribute('aria-invalid', 'true');
  };
  return { form, input, refuse };
}

export const SEARCH_HELP = 'Et CPR-nummer (med eller uden bindestreg), et sagsnummer eller ' +
  'begyndelsen af ordene i et navn, fx »ben kri« for Bent Kristensen.';

export async function render(main, params, ctx) {
  const offset = params[0] ? Number(params[0]) : 0;
  const text = ctx.search.get();
  const { form, refuse } = searchForm({
    id: 'search-q', label: 'Søg efter borger eller sag', help: SEARCH_HELP, text,
    formLabel: 'Søg efter sager', submit: (t) => ctx.search.go(t, '#/soeg'),
  });
  let lead = 'Skriv, hvad du søger efter.';
  let result = null;
  if (text !== null) {          // searched for, perhaps nothing: the API says what is wrong
    try {
      const data = await get(`/cases?q=${encodeURIComponent(text)}&limit=${PAGE}&offset=${offset}`);
      if (ctx.stale()) return 'Søgning';
      const items = data.items || [];
      lead = `${data.total} ${data.total === 1 ? 'sag' : 'sager'} fundet for »${text}«.`;
      result = items.length ? resultsTable(items, data.total, offset) : h('p', { class: 'empty' },
        offset ? 'Ikke flere resultater.' : 'Ingen sager passer til søgningen.');
    } catch (err) {
      if (err.status === 401) throw err;
      if (ctx.stale()) return 'Søgning';
      lead = 'Søgningen kunne ikke gennemføres.';
      if (err.status === 422) refuse(err.message);
      else result = h('p', { class: 'error-text', role: 'alert' }, err.message);
    }
  }
  replace(main,
    h('div', { class: 'page-head' }, h('h1', null, 'Søgning'),
      h('p', { class: 'lead', id: 'search-count' }, lead)),
    form,
    result);
  return text !== null ? `Søgning: ${lead}` : 'Søgning';
}

function resultsTable(items, total, offset) {
  const page = { total, limit: PAGE, offset, shown: items.length };
  const link = (o) => `#/soeg/${o}`;
  return [
    pager(page, link, 'Sider i søgeresultatet, øverst'),
    h('table', { class: 'table cases search-results', id: 'search-results' },
      h('caption', { class: 'visually-hidden' }, 'Sager fundet ved søgningen, nyeste først'),
      h('thead', null, h('tr', null,
        h('th', { scope: 'col' }, 'Borger'),
        h('th', { scope: 'col' }, 'Født'),
        h('th', { scope: 'col' }, 'Sag'),
        h('th', { scope: 'col' }, 'Paragraf'),
        h('th', { scope: 'col' }, 'Status'),
        h('th', { scope: 'col' }, 'Modtaget'))),
      h('tbody', null, items.map((c) => {
        const name = (c.citizen && c.citizen.name) || `Sag ${c.id}`;
        const born = c.citizen && c.citizen.birth_date;
        return h('tr', { 'data-case': c.id },
          cell('Borger', h('a', { href: `#/sag/${Number(c.id)}`, class: 'case-link' }, name,
            h('span', { class: 'visually-hidden' }, `, sag ${c.id}`))),
          cell('Født', born ? h('time', { datetime: born }, shortDate(born)) : '–'),
          cell('Sag', String(c.id)),
          cell('Paragraf', labels.paragraph(c.paragraph)),
          cell('Status', labels.caseStatus(c.status || (c.closed ? 'closed' : 'open'))),
          cell('Modtaget', h('time', { datetime: c.referral_date }, shortDate(c.referral_date))));
      }))),
    pager(page, link, 'Sider i søgeresultatet, nederst')];
}
