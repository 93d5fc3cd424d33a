// svgchart.js - bar charts drawn as SVG by genop itself (no chart
// library), for Ledelsesinformation (views/ledelse.js).
//
// barChart(spec) returns an <svg role="img"> named by its <title> and
// <desc> (aria-labelledby), so a screen reader reads one sentence for the
// chart; the numbers themselves are in the <table> the view puts beside
// it, which is what a screen reader user reads. The chart's own texts
// (axis labels, values on the bars) are for the eye only.
//
// The drawing's coordinates are pixels at the width it is drawn for
// (spec.width: the width of its box when drawn), so its text keeps its
// size; CSS scales it (width 100%, height auto) when the box changes
// afterwards. Colours come from classes in style.css (chart-*), never
// from style attributes (the page's CSP forbids them); every bar kind
// differs by more than its colour: the overdue ones are hatched, and the
// groups of bars are named under the axis.

const NS = 'http://www.w3.org/2000/svg';
const CHAR = 7;          // the width of a character of the 12 px labels, about

// An SVG element: attrs as attributes, children as nodes or text.
export function svg(tag, attrs, ...children) {
  const el = document.createElementNS(NS, tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v !== null && v !== undefined && v !== false) el.setAttribute(k, String(v));
  }
  for (const c of children.flat(Infinity)) {
    if (c === null || c === undefined || c === false) continue;
    el.append(c instanceof Node ? c : String(c));
  }
  return el;
}

// A round number at or above max, for the top of a count axis, and its
// ticks: [top, step].
function countScale(max) {
  if (max <= 4) return [Math.max(max, 1), 1];
  const raw = max / 4;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * mag).find((s) => s >= raw && Number.isInteger(s)) || 10 * mag;
  return [Math.ceil(max / step) * step, step];
}

// The chart of spec:
//   id: a prefix for the ids of its title, desc and patterns (unique);
//   title, desc: its name and its one-sentence summary;
//   width: the width of its box (px); height: the plot's (default 200);
//   bars: [{ label, sub, value, text, kind }]: one bar each, in order;
//     value null draws no bar (text, e.g. "–", is written at the base);
//     label (and sub, a second line, e.g. the year) under the axis;
//     text over the bar; kind: the bar's class suffix (chart-bar-KIND),
//     'overdue' hatched;
//   percent: the axis is 0-100 % of value 0-1 (else counts from 0);
//   target: { value, label }: a dashed line across at value;
//   marker: { after, label }: a dashed line up after bar number after;
//   groups: [{ from, to, label }]: a bracket under bars from..to, named.
export function barChart(spec) {
  const width = Math.max(280, Math.round(spec.width || 600));
  const plotH = spec.height || 200;
  const n = Math.max(1, spec.bars.length);
  const left = 44;
  const right = 12;
  // Room over the plot for the target's or the marker's name (at the
  // top, clear of the values over the highest bars).
  const top = spec.target || spec.marker ? 34 : 18;
  const hasSub = spec.bars.some((b) => b.sub);
  const bottom = 22 + (hasSub ? 14 : 0) + (spec.groups ? 22 : 0);
  const plotW = width - left - right;
  const band = plotW / n;
  const [maxV, step] = spec.percent ? [1, 0.25] : countScale(Math.max(0, ...spec.bars.map((b) => b.value || 0)));
  const y = (v) => top + plotH - (v / maxV) * plotH;
  const x = (i) => left + i * band;
  const ids = { title: `${spec.id}-title`, desc: `${spec.id}-desc`, hatch: `${spec.id}-hatch` };

  const grid = [];
  for (let v = 0; v <= maxV + 1e-9; v += step) {
    const text = spec.percent ? `${Math.round(v * 100)} %` : String(Math.round(v * 100) / 100);
    grid.push(svg('line', { class: v === 0 ? 'chart-axis' : 'chart-gridline', x1: left, x2: width - right, y1: y(v), y2: y(v) }),
      svg('text', { class: 'chart-tick', x: left - 6, y: y(v) + 4, 'text-anchor': 'end' }, text));
  }

  // Labels under the axis: every k-th, so they do not overlap.
  const longest = Math.max(1, ...spec.bars.map((b) => String(b.label ?? '').length));
  const every = Math.max(1, Math.ceil(((longest + 1) * CHAR) / band));
  const valueFits = band >= Math.max(...spec.bars.map((b) => String(b.text ?? '').length), 1) * CHAR * 0.9;
  const bars = spec.bars.map((b, i) => {
    const cx = x(i) + band / 2;
    const w = Math.max(2, Math.min(band * 0.7, 64));
    const parts = [];
    if (b.value !== null && b.value !== undefined) {
      const h = Math.max(b.value > 0 ? 1.5 : 0, y(0) - y(b.value));
      const cls = `chart-bar chart-bar-${b.kind || 'main'}`;
      parts.push(svg('rect', { class: cls, x: cx - w / 2, y: y(0) - h, width: w, height: h }));
      if (b.kind === 'overdue' && h > 0) {
        parts.push(svg('rect', { class: 'chart-hatch', x: cx - w / 2, y: y(0) - h, width: w, height: h, fill: `url(#${ids.hatch})` }));
      }
    }
    if (b.text && (valueFits || b.value === null || b.value === undefined)) {
      const at = b.value === null || b.value === undefined ? y(0) - 4 : y(b.value) - 5;
      parts.push(svg('text', { class: 'chart-value', x: cx, y: at, 'text-anchor': 'middle' }, b.text));
    }
    if (i % every === 0 || b.sub) {
      parts.push(svg('text', { class: 'chart-label', x: cx, y: top + plotH + 16, 'text-anchor': 'middle' }, b.label ?? ''));
    }
    if (b.sub) parts.push(svg('text', { class: 'chart-sub', x: cx, y: top + plotH + 30, 'text-anchor': 'middle' }, b.sub));
    return svg('g', { class: 'chart-bar-group' }, parts);
  });

  const extras = [];
  if (spec.target) {
    const ty = y(spec.target.value);
    extras.push(svg('line', { class: 'chart-target', x1: left, x2: width - right, y1: ty, y2: ty }),
      svg('text', { class: 'chart-target-label', x: left, y: 13, 'text-anchor': 'start' }, spec.target.label));
  }
  if (spec.marker && spec.marker.after >= -1 && spec.marker.after < n) {
    const mx = x(spec.marker.after + 1);
    const anchor = mx > width / 2 ? 'end' : 'start';
    extras.push(svg('line', { class: 'chart-marker', x1: mx, x2: mx, y1: top - 8, y2: top + plotH }),
      svg('text', { class: 'chart-marker-label', x: anchor === 'end' ? mx - 4 : mx + 4, y: 13, 'text-anchor': anchor },
        spec.marker.label));
  }
  for (const g of spec.groups || []) {
    const gy = top + plotH + (hasSub ? 44 : 30);
    const x1 = x(g.from) + 4;
    const x2 = x(g.to + 1) - 4;
    extras.push(svg('path', { class: 'chart-bracket', d: `M${x1} ${gy - 8} V${gy - 4} H${x2} V${gy - 8}` }),
      svg('text', { class: 'chart-group', x: (x1 + x2) / 2, y: gy + 10, 'text-anchor': 'middle' }, g.label));
  }

  const height = top + plotH + bottom;
  return svg('svg', {
    class: 'chart', id: spec.id, role: 'img', 'aria-labelledby': `${ids.title} ${ids.desc}`,
    viewBox: `0 0 ${width} ${height}`, width, height, preserveAspectRatio: 'xMinYMin meet', focusable: 'false',
  },
  svg('title', { id: ids.title }, spec.title),
  svg('desc', { id: ids.desc }, spec.desc),
  svg('defs', null, svg('pattern', { id: ids.hatch, width: 6, height: 6, patternUnits: 'userSpaceOnUse', patternTransform: 'rotate(45)' },
    svg('line', { class: 'chart-hatch-line', x1: 0, y1: 0, x2: 0, y2: 6 }))),
  grid, bars, extras);
}
