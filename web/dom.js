// dom.js - building DOM nodes from data without ever parsing markup.
//
// h(tag, attrs, ...children) makes an element: attrs are set as
// attributes (true: present, false/null/undefined: left out), "class" as
// the class list, "on<event>" functions as listeners; children are nodes
// or text (strings and numbers become text nodes, null/false are
// skipped, arrays are flattened). Names and other text from users only
// ever become text nodes, so they can never inject markup.

export function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === undefined || value === null || value === false) continue;
    if (key === 'class') el.className = value;
    else if (key.startsWith('on') && typeof value === 'function') {
      el.addEventListener(key.slice(2), value);
    } else if (value === true) el.setAttribute(key, '');
    else el.setAttribute(key, String(value));
  }
  append(el, children);
  return el;
}

// Appends children (as h() takes them) to el.
export function append(el, children) {
  for (const child of [children].flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    el.append(child instanceof Node ? child : String(child));
  }
  return el;
}

// Replaces everything inside el with children.
export function replace(el, ...children) {
  el.replaceChildren();
  return append(el, children);
}

// A definition list from [term, value] pairs; pairs whose value is
// null, undefined or '' are left out (the API did not give them).
export function facts(pairs, cls) {
  const dl = h('dl', { class: cls || 'facts' });
  for (const [term, value] of pairs) {
    if (value === null || value === undefined || value === '') continue;
    dl.append(h('div', null, h('dt', null, term), h('dd', null, value)));
  }
  return dl;
}

// Navigation between pages of a long list: "Viser 101-200 af 340" and
// links to the previous and next page; href(offset) makes a link's target.
// Nothing when everything fits on one page.
export function pager({ total, limit, offset, shown }, href, label) {
  if (total <= shown && offset === 0) return null;
  const first = total === 0 ? 0 : offset + 1;
  const last = offset + shown;
  const links = [];
  if (offset > 0) {
    links.push(h('a', { href: href(Math.max(0, offset - limit)), rel: 'prev' }, 'Forrige side'));
  }
  if (last < total) links.push(h('a', { href: href(last), rel: 'next' }, 'Næste side'));
  return h('nav', { class: 'pager', 'aria-label': label },
    h('p', null, `Viser ${first}–${last} af ${total}`), links);
}

// A table cell with its column's name in data-label (shown before the
// content when narrow screens stack the table) and its content in one
// wrapper, so the stacked layout has exactly two parts.
export function cell(label, ...children) {
  return h('td', { 'data-label': label }, h('div', { class: 'cell' }, children));
}
