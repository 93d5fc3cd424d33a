// views/ledelse_promise.js - one promise (a deadline of the standard, for
// one paragraph) on Ledelsesinformation (views/ledelse.js): the
// municipality's own words for it and their source, its counts in the
// period, and three charts (svgchart.js), each with its numbers in a
// table under it: the share kept month by month against the promise of
// 100 %, how long the deadlines reached in the period took (the report's
// histogram in the promise's unit, with the deadline marked), and the
// deadlines open as of the report's date by workdays to due. Everything
// comes from GET /api/v1/report (docs/report.md) and the standard's rule
// (GET /api/v1/standard); nothing is counted here but sums of its
// numbers.

import { longDate, shortDate } from '../dates.js';
import { h } from '../dom.js';
import * as labels from '../labels.js';
import { barChart } from '../svgchart.js';

const MONTHS = ['januar', 'februar', 'marts', 'april', 'maj', 'juni', 'juli',
  'august', 'september', 'oktober', 'november', 'december'];
const MONTHS_SHORT = ['jan', 'feb', 'mar', 'apr', 'maj', 'jun', 'jul', 'aug', 'sep', 'okt', 'nov', 'dec'];

// 20114 -> "20.114".
export const num = (n) => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, '.');

// 0.6667 -> "66,7 %", 1 -> "100 %"; null -> "–".
export function pct(share) {
  if (share === null || share === undefined) return '–';
  return `${String(Math.round(share * 1000) / 10).replace('.', ',')} %`;
}

// "3 hverdage", "1 dag".
export function amount(n, unit) {
  if (n === null || n === undefined) return '–';
  if (unit === 'workdays') return `${num(n)} ${n === 1 ? 'hverdag' : 'hverdage'}`;
  return `${num(n)} ${n === 1 ? 'dag' : 'dage'}`;
}

// "marts 2026" for "2026-03".
export function monthName(ym) {
  const [y, m] = ym.split('-').map(Number);
  return `${MONTHS[m - 1]} ${y}`;
}

// Every month "YYYY-MM" from the month of from to that of to (ISO dates).
export function monthsOf(from, to) {
  let [y, m] = from.split('-').map(Number);
  const [y2, m2] = to.split('-').map(Number);
  const out = [];
  while (y < y2 || (y === y2 && m <= m2)) {
    out.push(`${y}-${String(m).padStart(2, '0')}`);
    m += 1;
    if (m > 12) {
      m = 1;
      y += 1;
    }
  }
  return out;
}

// The key of a promise in ids: "start-86-1".
export const keyOf = (id, paragraph) => `${id}-${paragraph}`.replace(/[^A-Za-z0-9_-]/g, '-');

// The standard's rule of deadline id for paragraph, or null.
export function ruleOf(std, id, paragraph) {
  return ((std && std.deadlines) || []).find((d) => d.id === id &&
    (!d.paragraphs || d.paragraphs.length === 0 || d.paragraphs.includes(paragraph))) || null;
}

// The unit its waiting times are shown in: workdays when the rule counts
// workdays (or is unknown), else calendar days.
export const unitOf = (rule) => (rule && rule.unit !== 'workdays' ? 'days' : 'workdays');

// A table in a box that scrolls sideways on a narrow screen (reachable
// by keyboard: it is focusable and named by its caption).
function scrollTable(id, caption, head, rows) {
  const capId = `${id}-caption`;
  return h('div', { class: 'table-scroll', role: 'region', 'aria-labelledby': capId, tabindex: '0' },
    h('table', { class: 'num-table', id },
      h('caption', { id: capId }, caption),
      h('thead', null, h('tr', null, head.map((t, i) => h('th', { scope: 'col', class: i ? 'num' : null }, t)))),
      h('tbody', null, rows.map((cells) => h('tr', null, cells.map((c, i) => (i === 0
        ? h('th', { scope: 'row' }, c)
        : h('td', { class: 'num' }, c))))))));
}

// The promise as the municipality words it, its source, and genop's sentence.
function promiseText(rule, row) {
  const src = rule && rule.source;
  return h('div', { class: 'promise-text' },
    src && src.quote ? h('blockquote', { class: 'quote' }, h('p', null, `»${src.quote}«`)) : null,
    h('p', { class: 'source' }, h('span', { class: 'source-label' }, 'Kilde: '), (src && src.citation) || row.source || 'ukendt'),
    rule && rule.text ? h('p', { class: 'promise-rule' }, h('span', { class: 'source-label' }, 'Sådan regner genop: '), rule.text) : null);
}

// The row's counts and times as tiles.
function summary(row, unit) {
  const done = row ? row.met + row.late + row.overdue : 0;
  const time = (main, other) => (main === null || main === undefined ? '–'
    : `${amount(main, unit)}${unit === 'workdays' && other !== null && other !== undefined ? ` (${amount(other, 'days')})` : ''}`);
  const median = row ? time(row[`${unit}_median`], row.days_median) : '–';
  const p90 = row ? time(row[`${unit}_p90`], row.days_p90) : '–';
  const tiles = [
    ['Overholdt', row ? num(row.met) : '0', 'met'],
    ['For sent', row ? num(row.late) : '0', 'late'],
    ['Overskredet', row ? num(row.overdue) : '0', 'overdue'],
    ['Afventer', row ? num(row.pending) : '0', 'pending'],
    ['Andel overholdt', row && row.share_met !== null ? `${pct(row.share_met)} af ${num(done)}` : '–', 'share'],
    ['Median', median, 'median'],
    ['90 % nået inden for', p90, 'p90'],
  ];
  return h('dl', { class: 'kpis' }, tiles.map(([t, v, k]) => h('div', { 'data-kpi': k }, h('dt', null, t), h('dd', null, v))));
}

// The share kept per month, against the promise of 100 %.
function monthsPart(p, width) {
  const { id, paragraph, label, report } = p;
  const key = keyOf(id, paragraph);
  const months = monthsOf(report.from, report.to).map((ym) => {
    const m = (report.months || []).find((x) => x.month === ym);
    return { ym, row: m ? m.deadlines.find((d) => d.id === id && d.paragraph === paragraph) : null };
  });
  const bars = months.map(({ ym, row }, i) => {
    const [y, m] = ym.split('-').map(Number);
    const share = row ? row.share_met : null;
    return { label: MONTHS_SHORT[m - 1], sub: i === 0 || m === 1 ? String(y) : null, value: share,
      text: share === null ? '–' : pct(share) };
  });
  const known = months.filter((x) => x.row && x.row.share_met !== null);
  const low = known.reduce((a, b) => (a && a.row.share_met <= b.row.share_met ? a : b), null);
  const high = known.reduce((a, b) => (a && a.row.share_met >= b.row.share_met ? a : b), null);
  const name = `${label} (${labels.paragraph(paragraph)})`;
  const desc = known.length === 0
    ? `Ingen af månederne fra ${monthName(months[0].ym)} til ${monthName(months.at(-1).ym)} har frister, der er nået eller overskredet. Løftet er 100 %.`
    : `Søjler for ${months.length} måneder fra ${monthName(months[0].ym)} til ${monthName(months.at(-1).ym)} mod løftet på 100 %. ` +
      `Laveste andel ${pct(low.row.share_met)} i ${monthName(low.ym)}, højeste ${pct(high.row.share_met)} i ${monthName(high.ym)}. ` +
      'Tallene står i tabellen under diagrammet.';
  const chart = barChart({ id: `chart-months-${key}`, title: `Andel overholdt pr. måned: ${name}`, desc, width, percent: true,
    bars, target: { value: 1, label: 'Stiplet linje: løftet om 100 %' } });
  const rows = months.filter((x) => x.row).map(({ ym, row }) => [monthName(ym),
    num(row.met), num(row.late), num(row.overdue), num(row.pending), pct(row.share_met)]);
  const left = months.length - rows.length;
  return h('div', { class: 'chart-part' },
    h('h3', { id: `h-months-${key}` }, 'Andel overholdt pr. måned'),
    h('p', { class: 'help' }, 'Frister med forfaldsdato i måneden. Løftet er, at alle holdes (100 %).'),
    h('div', { class: 'chart-box' }, chart),
    scrollTable(`months-${key}`, `Andel overholdt pr. måned: ${name}`,
      ['Måned', 'Overholdt', 'For sent', 'Overskredet', 'Afventer', 'Andel'], rows),
    left ? h('p', { class: 'help' }, `${left === 1 ? 'Én måned' : `${left} måneder`} af perioden uden frister er ikke med i tabellen.`) : null);
}

// Bars of the histogram hist ([{value, count}]): one a value up to 45
// values, else groups of equal width; the index of the bar the deadline
// (in the same unit) ends with, or null.
function waitBars(hist, deadline) {
  const maxV = Math.max(hist.at(-1).value, deadline ?? 0, 0);
  const size = maxV + 1 <= 45 ? 1 : Math.ceil((maxV + 1) / 30);
  const out = [];
  for (let lo = 0; lo <= maxV; lo += size) {
    const hi = lo + size - 1;
    const count = hist.filter((x) => x.value >= lo && x.value <= hi).reduce((s, x) => s + x.count, 0);
    out.push({ label: size === 1 ? String(lo) : `${lo}–${hi}`, value: count, text: count ? num(count) : '' });
  }
  const below = hist.filter((x) => x.value < 0).reduce((s, x) => s + x.count, 0);
  if (below) out.unshift({ label: '<0', value: below, text: num(below) });
  const marker = deadline !== null && (deadline + 1) % size === 0 ? (deadline + 1) / size - 1 + (below ? 1 : 0) : null;
  return { bars: out, marker };
}

// How long the deadlines reached in the period took.
function waitPart(p, width) {
  const { id, paragraph, label, row, unit, rule } = p;
  const key = keyOf(id, paragraph);
  const raw = (row && row[`${unit}_histogram`]) || [];
  const hist = raw.map((x) => ({ value: x[unit], count: x.count }));
  const name = `${label} (${labels.paragraph(paragraph)})`;
  const word = unit === 'workdays' ? 'hverdage' : 'dage';
  const head = h('h3', { id: `h-wait-${key}` }, `Ventetid i ${word}`);
  if (hist.length === 0) {
    return h('div', { class: 'chart-part' }, head,
      h('p', { class: 'empty' }, 'Ingen af periodens frister er nået endnu, så der er ingen ventetider at vise.'));
  }
  let deadline = null;
  if (rule && rule.unit === unit) deadline = rule.amount;
  else if (rule && unit === 'days' && rule.unit === 'weeks') deadline = rule.amount * 7;
  const { bars, marker } = waitBars(hist, deadline);
  const total = hist.reduce((s, x) => s + x.count, 0);
  const desc = `${num(total)} frister nået i perioden. Median ${amount(row[`${unit}_median`], unit)}, 90 % inden for ` +
    `${amount(row[`${unit}_p90`], unit)}, den længste ${amount(hist.at(-1).value, unit)}` +
    `${deadline !== null ? `; fristen er ${amount(deadline, unit)}` : ''}. Tallene står i tabellen under diagrammet.`;
  const chart = barChart({ id: `chart-wait-${key}`, title: `Ventetid i ${word}: ${name}`, desc, width, bars,
    marker: marker !== null ? { after: marker, label: `Fristen: ${amount(deadline, unit)}` } : null });
  let sum = 0;
  const rows = hist.map((x) => {
    sum += x.count;
    return [num(x.value), num(x.count), pct(Math.round((sum / total) * 10000) / 10000)];
  });
  return h('div', { class: 'chart-part' }, head,
    h('p', { class: 'help' }, `Hvor mange ${word} de frister, der er nået (til tiden eller for sent), tog fra fristens start.`),
    h('div', { class: 'chart-box' }, chart),
    scrollTable(`wait-${key}`, `Ventetid i ${word}: ${name}`, [word.charAt(0).toUpperCase() + word.slice(1), 'Antal frister', 'Nået inden for (samlet)'], rows));
}

// "21 eller flere", "11–20", "0–5".
function bucketText(b) {
  return b.workdays_max === null ? `${b.workdays_min} eller flere` : `${b.workdays_min}–${b.workdays_max}`;
}

// The deadlines open as of the report's date by workdays to due.
function openPart(p, width) {
  const { id, paragraph, label, open, report } = p;
  const key = keyOf(id, paragraph);
  const asOf = report.as_of;
  const name = `${label} (${labels.paragraph(paragraph)})`;
  const head = h('h3', { id: `h-open-${key}` }, 'Åbne frister pr. ', h('time', { datetime: asOf }, shortDate(asOf)));
  const help = h('p', { class: 'help' }, `Frister, der ikke er nået pr. ${longDate(asOf)}, uanset periode, efter hvor mange hverdage der er til fristen, eller hvor mange den er overskredet med.`);
  if (!open || open.open === 0) {
    return h('div', { class: 'chart-part' }, head,
      h('p', { class: 'empty' }, `Ingen åbne frister pr. ${shortDate(asOf)}.`));
  }
  const buckets = open.buckets;
  const overdue = buckets.filter((b) => b.status === 'overdue').reduce((s, b) => s + b.count, 0);
  const bars = buckets.map((b) => ({ label: b.workdays_max === null ? `${b.workdays_min}+` : `${b.workdays_min}–${b.workdays_max}`,
    value: b.count, text: b.count ? num(b.count) : '0', kind: b.status === 'overdue' ? 'overdue' : 'pending' }));
  const firstPending = buckets.findIndex((b) => b.status === 'pending');
  const desc = `${num(open.open)} åbne frister: ${num(overdue)} overskredet og ${num(open.open - overdue)} endnu ikke forfaldne. ` +
    'Søjlerne til venstre er de overskredne, mest overskredet først; til højre de kommende, snarest først. Tallene står i tabellen under diagrammet.';
  const chart = barChart({ id: `chart-open-${key}`, title: `Åbne frister pr. ${shortDate(asOf)} efter hverdage til fristen: ${name}`,
    desc, width, bars, groups: [
      { from: 0, to: firstPending - 1, label: 'Overskredet med (hverdage)' },
      { from: firstPending, to: buckets.length - 1, label: 'Forfalder om (hverdage)' }] });
  const rows = buckets.map((b) => [b.status === 'overdue' ? `Overskredet med ${bucketText(b)} hverdage` : `Forfalder om ${bucketText(b)} hverdage`, num(b.count)]);
  return h('div', { class: 'chart-part open-part' }, head, help,
    h('div', { class: 'open-body' },
      h('div', { class: 'chart-box' }, chart),
      scrollTable(`open-${key}`, `Åbne frister pr. ${shortDate(asOf)}: ${name}`, ['Hvor langt fra fristen', 'Antal frister'], rows)));
}

// The card of one promise. p: { id, paragraph, label, row (the period's
// deadline row or null), open (its open_by_due row or null), rule (the
// standard's or null), report }; width: the width its charts are drawn
// for (px).
export function promiseCard(p, width) {
  const key = keyOf(p.id, p.paragraph);
  const unit = unitOf(p.rule);
  const q = { ...p, unit };
  const chartWidth = width >= 900 ? Math.floor((width - 24) / 2) : width;
  return h('section', { class: 'card promise', id: `promise-${key}`, 'data-deadline': p.id, 'data-paragraph': p.paragraph,
    'aria-labelledby': `h-promise-${key}` },
  h('h2', { id: `h-promise-${key}` }, p.label, ' ', h('span', { class: 'para-badge' }, labels.paragraph(p.paragraph))),
  promiseText(p.rule, p.row || p.open || {}),
  p.row ? summary(p.row, unit) : h('p', { class: 'empty' }, 'Ingen af fristerne forfalder i perioden.'),
  h('div', { class: chartWidth < width ? 'chart-grid two' : 'chart-grid' },
    p.row ? monthsPart(q, chartWidth) : null,
    p.row ? waitPart(q, chartWidth) : null,
    openPart(q, chartWidth)));
}
