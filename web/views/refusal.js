// views/refusal.js - a refusal's reasons (shared/spec/letters.md section
// 1): the part of the decision form that asks for them when "Afslag" is
// chosen, and their rendering on the case's timeline. Each reason names
// one of the criteria of the municipality's standard (criteria of GET
// /api/v1/standard: the eligibility rules genop checks, then the target
// group's conditions, each with its section) or "Anden begrundelse"
// (other), and gives the individual assessment in the caseworker's own
// words. The API checks them and names the field at fault
// ($.reasons, $.reasons[i].criterion, $.reasons[i].text); showError puts
// its message beside that field.

import { h } from '../dom.js';

const MAX_REASONS = 10;        // as the API (decision_reasons.h)
const OTHER = 'other';

// Where a criterion is written in the standard: its section, or the law.
function sectionOf(c) {
  const s = c.source || {};
  if (s.law) return `${s.law} ${s.paragraph || ''}`.trim();
  return s.section || s.citation || '';
}

// The criteria that concern a case of paragraph (all when unknown).
function forParagraph(criteria, paragraph) {
  return (criteria || []).filter((c) => !paragraph || !c.paragraphs || c.paragraphs.includes(paragraph));
}

function criterionOptions(criteria) {
  if (!criteria) return [h('option', { value: '' }, 'Kriterierne kunne ikke hentes – genindlæs siden'),
    h('option', { value: OTHER }, 'Anden begrundelse')];
  const option = (c) => h('option', { value: c.id }, `${c.text} (${sectionOf(c)})`);
  const group = (label, list) => (list.length ? h('optgroup', { label }, list.map(option)) : null);
  return [h('option', { value: '' }, 'Vælg et kriterium'),
    group('Betingelser, som genop kontrollerer', criteria.filter((c) => c.kind === 'eligibility')),
    group('Målgruppen i kvalitetsstandarden', criteria.filter((c) => c.kind !== 'eligibility')),
    h('option', { value: OTHER }, 'Anden begrundelse (standarden nævner den ikke)')];
}

// The line under a criterion's select: where the chosen one comes from.
function sourceText(criteria, id) {
  if (!id) return 'Vælg det kriterium i kvalitetsstandarden, afslaget bygger på.';
  if (id === OTHER) return 'En begrundelse, som standarden ikke nævner: beskriv den i vurderingen.';
  const c = (criteria || []).find((x) => x.id === id);
  if (!c) return '';
  const s = c.source || {};
  return `Kilde: ${s.citation || sectionOf(c)}${s.quote ? ` – »${s.quote}«` : ''}`;
}

// The reasons' part of the decision form for a case of paragraph.
// Returns { el, err, focus, collect, validate, showError, clear }.
export function reasonsPart(formId, criteria, paragraph) {
  const own = criteria ? forParagraph(criteria, paragraph) : null;
  const baseId = `${formId}-reasons`;
  const errId = `${baseId}-error`;
  const err = h('p', { class: 'field-error', id: errId });
  const list = h('ol', { class: 'reason-rows' });
  const rows = [];
  let serial = 0;
  const add = h('button', { type: 'button', class: 'button secondary', id: `${baseId}-add` }, 'Tilføj en begrundelse');

  function renumber() {
    rows.forEach((r, i) => {
      r.legend.textContent = `Begrundelse ${i + 1}`;
      r.remove.hidden = rows.length === 1;
    });
    add.hidden = rows.length >= MAX_REASONS;
  }
  function addRow() {
    const n = serial++;
    const id = `${baseId}-${n}`;
    const select = h('select', { id: `${id}-criterion`, name: `reason-${n}-criterion`, required: true,
      'aria-describedby': `${id}-source ${id}-criterion-error` }, criterionOptions(own));
    const help = h('p', { class: 'help reason-source', id: `${id}-source` }, sourceText(own, ''));
    select.addEventListener('change', () => { help.textContent = sourceText(own, select.value); });
    const text = h('textarea', { id: `${id}-text`, name: `reason-${n}-text`, rows: '3', required: true,
      'aria-describedby': `${id}-text-help ${id}-text-error` });
    const criterionErr = h('p', { class: 'field-error', id: `${id}-criterion-error` });
    const textErr = h('p', { class: 'field-error', id: `${id}-text-error` });
    const legend = h('legend', null, '');
    const remove = h('button', { type: 'button', class: 'button secondary reason-remove' }, 'Fjern begrundelsen');
    const row = { select, text, criterionErr, textErr, legend, remove };
    row.el = h('li', { class: 'reason-row' }, h('fieldset', { class: 'group reason' }, legend,
      h('div', { class: 'field' }, h('label', { for: select.id }, 'Kriterium'), select, help, criterionErr),
      h('div', { class: 'field' }, h('label', { for: text.id }, 'Konkret, individuel vurdering'),
        h('p', { class: 'help', id: `${id}-text-help` }, 'Hvorfor borgeren ikke opfylder kriteriet, med dine egne ord.'),
        text, textErr),
      remove));
    remove.addEventListener('click', () => {
      rows.splice(rows.indexOf(row), 1);
      row.el.remove();
      renumber();
      (rows[0] && rows[0].select).focus();
    });
    rows.push(row);
    list.append(row.el);
    renumber();
    return row;
  }
  add.addEventListener('click', () => addRow().select.focus());
  addRow();

  const el = h('fieldset', { class: 'field reasons', id: baseId, 'aria-describedby': errId, hidden: true },
    h('legend', null, 'Begrundelse for afslaget'),
    h('p', { class: 'help' }, 'Et afslag skal begrundes med et eller flere kriterier fra kvalitetsstandarden ',
      'og en konkret, individuel vurdering af borgeren.'),
    list, h('div', { class: 'actions' }, add), err);

  function mark(node, errNode, message) {
    errNode.textContent = message;
    node.setAttribute('aria-invalid', 'true');
    node.focus();
  }
  return {
    el,
    err,
    focus: () => (rows[0] ? rows[0].select.focus() : add.focus()),
    show(visible) { el.hidden = !visible; },
    collect: () => rows.map((r) => ({ criterion: r.select.value, text: r.text.value.trim() })),
    // The first reason the form can see is incomplete: true when marked.
    validate() {
      for (const r of rows) {
        if (!r.select.value) { mark(r.select, r.criterionErr, 'Vælg et kriterium eller »Anden begrundelse«.'); return true; }
        if (!r.text.value.trim()) { mark(r.text, r.textErr, 'Skriv din konkrete, individuelle vurdering.'); return true; }
      }
      return false;
    },
    // Shows the API's message beside the field it names; false when the
    // field is not one of the reasons'.
    showError(field, message) {
      const m = /^\$\.reasons(?:\[(\d+)\](?:\.(criterion|text))?)?$/.exec(field || '');
      if (!m) return false;
      const r = m[1] !== undefined ? rows[Number(m[1])] : null;
      if (r && m[2] === 'text') mark(r.text, r.textErr, message);
      else if (r) mark(r.select, r.criterionErr, message);
      else { err.textContent = message; el.setAttribute('aria-invalid', 'true'); this.focus(); }
      return true;
    },
    clear() {
      err.textContent = '';
      el.removeAttribute('aria-invalid');
      for (const r of rows) {
        for (const [node, e] of [[r.select, r.criterionErr], [r.text, r.textErr]]) {
          e.textContent = '';
          node.removeAttribute('aria-invalid');
        }
      }
    },
  };
}

// A refusal's reasons on the timeline: each criterion's text and source
// (as its id when the standard's criteria are not known), then the
// individual assessment.
export function refusalReasons(reasons, criteria) {
  if (!Array.isArray(reasons) || !reasons.length) return null;
  const item = (r) => {
    const c = (criteria || []).find((x) => x.id === r.criterion);
    const title = r.criterion === OTHER ? 'Anden begrundelse' : c ? c.text : `Kriterium »${r.criterion}«`;
    return h('li', { class: 'refusal-reason', 'data-criterion': r.criterion },
      h('p', { class: 'reason-criterion' }, title),
      c && c.source ? h('p', { class: 'source' }, h('span', { class: 'source-label' }, 'Kilde: '), c.source.citation || sectionOf(c)) : null,
      h('p', { class: 'reason-text' }, h('span', { class: 'source-label' }, 'Vurdering: '), r.text));
  };
  return h('div', { class: 'refusal-reasons' },
    h('p', { class: 'reasons-label' }, reasons.length === 1 ? 'Begrundelse for afslaget:' : 'Begrundelser for afslaget:'),
    h('ul', null, reasons.map(item)));
}
