// views/endstatus.js - the end status a standard requires of a course
// (the evaluation's documentation.end_status: Skive "Der udarbejdes status
// ved starten og slutningen af træningsforløbet", Nyborg "skriftlig
// dokumentation af effekt af træningen i slutstatus"; docs/evaluation.md).
// The close form warns when the course would close without it (closing
// stays possible: the status is often written up after the last
// session), and a closed course without it says so on the case page,
// where it is on the worklist as "Slutstatus mangler" until registered
// under Udredning.

import { shortDate } from '../dates.js';
import { h } from '../dom.js';

const endStatus = (data) => ((data.evaluation || {}).documentation || {}).end_status || null;

const source = (rule) => (rule.source
  ? h('p', { class: 'source' }, h('span', { class: 'source-label' }, 'Kilde: '), rule.source) : null);

// For the close form: a warning when the standard requires an end status
// and the course has none yet; null otherwise.
export function closeWarning(data) {
  const rule = endStatus(data);
  if (!rule || rule.status !== 'due') return null;
  return h('div', { class: 'warning form-warning', id: 'close-end-status-warning' },
    h('p', null, h('strong', null, 'Slutstatus mangler. '),
      'Standarden kræver slutstatus ved forløbets afslutning. Du kan afslutte nu og registrere ',
      'slutstatus bagefter under Udredning; indtil da står den på opgavelisten.'),
    source(rule));
}

// For the case page: a closed course without the end status its standard
// requires; null otherwise.
export function missingWarning(data) {
  const rule = endStatus(data);
  if (!rule || rule.status !== 'missing') return null;
  return h('div', { class: 'warning', id: 'end-status-warning' },
    h('p', null, h('strong', null, 'Slutstatus mangler. '),
      `Forløbet blev afsluttet ${shortDate(rule.due)} uden den slutstatus, standarden kræver. `,
      'Registrér den under Udredning; den står på opgavelisten, indtil den er registreret.'),
    source(rule));
}
