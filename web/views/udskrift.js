// views/udskrift.js - "Udskrift": the print queue (docs/letters.md; the
// outbox's routes): the letters to citizens exempt from Digital Post that
// wait to be printed and posted (GET /api/v1/print-queue: a visitator's
// and a leder's), each with its citizen (a link to the case), kind, when
// it was made and queued and when it counts as received. A visitator
// fetches them as one PDF for the printer (GET /api/v1/print-queue.pdf
// ?letters=the ids listed, so the PDF holds exactly what the page shows;
// the address sits in a window envelope's window) and then marks exactly
// the letters of that PDF as printed (POST /api/v1/print-queue/printed):
// a letter queued after the PDF was fetched stays in the queue. A leder
// sees the queue only.

import { get, post } from '../api.js';
import { longDate, dateTime } from '../dates.js';
import { h, replace, cell } from '../dom.js';
import { KINDS, pdfBlob, pdfLinks } from './letters.js';
import { stripPath } from './forms.js';

const kindLabel = (k) => (KINDS.find((x) => x.kind === k) || {}).label || k;

function queueTable(items) {
  return h('table', { class: 'table print-queue', id: 'print-queue' },
    h('caption', { class: 'visually-hidden' }, 'Breve, der venter på udskrift, ældste først'),
    h('thead', null, h('tr', null, ['Borger', 'Brev', 'Lavet', 'Lagt i kø', 'Regnes modtaget']
      .map((t) => h('th', { scope: 'col' }, t)))),
    h('tbody', null, items.map((i) => h('tr', { 'data-letter': i.letter },
      cell('Borger', h('a', { href: `#/sag/${Number(i.case)}` }, (i.citizen && i.citizen.name) || `Sag ${i.case}`),
        h('span', { class: 'sub' }, `sag ${i.case}`)),
      cell('Brev', kindLabel(i.kind)),
      cell('Lavet', dateTime(i.created)),
      cell('Lagt i kø', dateTime(i.queued), i.queued_by ? h('span', { class: 'sub' }, `af ${i.queued_by}`) : null),
      cell('Regnes modtaget', i.received ? longDate(i.received) : '')))));
}

// The visitator's two steps: fetch the PDF of ids, then mark those printed.
function printSteps(ids, ctx, again) {
  const out = h('div', { class: 'print-result', id: 'print-result', role: 'status' });
  const error = h('p', { class: 'form-error', id: 'print-error', role: 'alert' });
  const n = ids.length;
  const fetchButton = h('button', { type: 'button', class: 'button', id: 'print-fetch' },
    `Hent PDF til udskrift (${n} ${n === 1 ? 'brev' : 'breve'})`);
  let url = null;
  fetchButton.addEventListener('click', async () => {
    fetchButton.disabled = true;
    error.textContent = '';
    if (url) URL.revokeObjectURL(url);
    try {
      url = await pdfBlob('GET', `/print-queue.pdf?letters=${ids.map(Number).join(',')}`);
      const mark = h('button', { type: 'button', class: 'button', id: 'print-done' },
        `Markér som udskrevet (${n} ${n === 1 ? 'brev' : 'breve'})`);
      mark.addEventListener('click', async () => {
        mark.disabled = true;
        error.textContent = '';
        try {
          await post('/print-queue/printed', { letters: ids });
          URL.revokeObjectURL(url);
          await again(`${n === 1 ? 'Brevet er' : `${n} breve er`} markeret som udskrevet.`);
        } catch (err) {
          mark.disabled = false;
          if (err.status !== 401) error.textContent = stripPath(err.message);
        }
      });
      replace(out,
        h('p', null, h('strong', null, 'PDF’en er klar. '),
          n === 1 ? 'Udskriv den, læg brevet i en kuvert med rude, og markér det derefter som udskrevet.'
            : `Udskriv den, læg brevene i kuverter med rude, og markér dem derefter som udskrevet. Kun de ${n} breve i PDF’en markeres.`),
        pdfLinks(url, 'breve-til-udskrift.pdf', 'PDF’en', 'print-pdf'),
        h('div', { class: 'actions' }, mark));
      out.querySelector('#print-pdf-open').focus();
    } catch (err) {
      if (err.status !== 401) error.textContent = stripPath(err.message);
    } finally {
      fetchButton.disabled = false;
    }
  });
  return [h('div', { class: 'actions' }, fetchButton), error, out];
}

export async function render(main, params, ctx, flash) {
  const q = await get('/print-queue');
  if (ctx.stale()) return '';
  const items = (q && q.items) || [];
  const again = async (message) => {
    const t = await render(main, params, ctx, message);
    ctx.rerendered(t);
    document.getElementById('print-flash')?.focus();
  };
  const visitator = ctx.session.role === 'visitator';
  replace(main,
    h('div', { class: 'page-head' },
      h('h1', null, 'Udskrift'),
      h('p', { class: 'lead' }, 'Breve til borgere, der er fritaget for Digital Post. De sendes med almindelig post: ',
        'udskriv dem, og læg dem i kuverter med rude – adressen står, hvor ruden er.')),
    h('p', { class: 'flash', id: 'print-flash', role: 'status', tabindex: '-1' }, flash || ''),
    h('section', { class: 'card', 'aria-labelledby': 'print-heading' },
      h('h2', { id: 'print-heading' }, items.length ? `Venter på udskrift (${items.length})` : 'Venter på udskrift'),
      items.length ? [queueTable(items),
        visitator ? printSteps(items.map((i) => i.letter), ctx, again)
          : h('p', { class: 'help' }, 'Kun en visitator kan hente udskriften og markere brevene som udskrevet.')]
        : h('p', { class: 'empty', id: 'print-empty' }, 'Der er ingen breve, der venter på udskrift.')));
  return 'Udskrift';
}
