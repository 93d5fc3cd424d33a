// views/steder.js - "Steder og rum", the first of the leder's set-up
// pages (views/setup.js): the municipality's training locations with
// their address and rooms (GET /api/v1/locations), a form to create a
// location with its first rooms (POST /api/v1/locations) and, on each
// location, one to add a room (POST /api/v1/locations/{id}/rooms). A
// room's capacity is how many appointments it holds at once. The API's
// Danish refusal is shown beside the field it names. A leder and an
// administrator set up; the page is theirs.

import { get, post } from '../api.js';
import { h, replace, cell } from '../dom.js';
import { setupNav, fieldErrors, field } from './setup.js';

const TITLE = 'Steder og rum';

export async function render(main, _params, ctx) {
  const data = await get('/locations');
  if (ctx.stale()) return TITLE;
  const page = {
    items: data.items || [],
    list: h('div', { id: 'locations' }),
    flash: h('p', { class: 'flash', id: 'setup-flash', role: 'status', tabindex: '-1' }),
  };
  showLocations(page);
  replace(main,
    h('div', { class: 'page-head' },
      h('h1', null, TITLE),
      h('p', { class: 'lead' }, 'Kommunens træningssteder med adresse og rum. Et rums pladser er, hvor mange ',
        'tider det kan rumme på samme tid; et hold kan ikke have flere pladser end sit rum.')),
    setupNav('steder', ctx.session.role),
    page.flash,
    page.list,
    createForm(page));
  return TITLE;
}

async function reload(page) {
  const data = await get('/locations');
  page.items = data.items || [];
  showLocations(page);
}

function showLocations(page) {
  if (page.items.length === 0) {
    replace(page.list, h('p', { class: 'empty', id: 'no-locations' }, 'Der er ingen steder endnu. Opret det første nedenfor.'));
    return;
  }
  replace(page.list, page.items.map((loc) => locationCard(page, loc)));
}

function locationCard(page, loc) {
  const title = `location-${Number(loc.id)}-title`;
  const rooms = loc.rooms || [];
  return h('section', { class: 'card location', 'data-location': loc.id, 'aria-labelledby': title },
    h('h2', { id: title }, loc.name),
    h('p', { class: 'sub' }, loc.address || 'Ingen adresse'),
    rooms.length === 0 ? h('p', { class: 'empty' }, 'Stedet har ingen rum endnu.')
      : h('table', { class: 'table rooms' },
        h('caption', { class: 'visually-hidden' }, `Rum på ${loc.name}`),
        h('thead', null, h('tr', null, h('th', { scope: 'col' }, 'Rum'), h('th', { scope: 'col' }, 'Pladser ad gangen'))),
        h('tbody', null, rooms.map((r) => h('tr', { 'data-room': r.id },
          cell('Rum', r.name), cell('Pladser ad gangen', String(r.capacity)))))),
    roomForm(page, loc));
}

// Sends a form's request (work resolves to what the flash says), then
// shows the locations again; the API's refusal goes beside its field.
async function send(page, submit, errs, work) {
  submit.disabled = true;
  try {
    const done = await work();
    await reload(page);
    page.flash.textContent = done;
    page.flash.focus();
  } catch (err) {
    if (err.status !== 401) errs.fail(err.field, err.message);
  } finally {
    submit.disabled = false;
  }
}

// "Tilføj rum" on one location: name and capacity in one row.
function roomForm(page, loc) {
  const id = Number(loc.id);
  const name = field(`room-name-${id}`, 'Nyt rums navn', h('input', { type: 'text', maxlength: '127', autocomplete: 'off' }));
  const cap = field(`room-capacity-${id}`, 'Pladser ad gangen',
    h('input', { type: 'number', min: '1', max: '1000', inputmode: 'numeric', value: '1' }));
  const formErr = h('p', { class: 'form-error', id: `room-form-error-${id}`, role: 'alert', tabindex: '-1' });
  const errs = fieldErrors(formErr);
  errs.add('$.name', name.input, name.error);
  errs.add('$.capacity', cap.input, cap.error);
  const submit = h('button', { type: 'submit', class: 'button secondary' }, 'Tilføj rum',
    h('span', { class: 'visually-hidden' }, ` på ${loc.name}`));
  const form = h('form', { class: 'filters room-form', novalidate: true, 'aria-label': `Tilføj rum på ${loc.name}` },
    name.el, cap.el, h('div', { class: 'field' }, submit), formErr);
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    errs.clear();
    await send(page, submit, errs, async () => {
      const room = await post(`/locations/${id}/rooms`, { name: name.input.value.trim(), capacity: Number(cap.input.value) });
      return `Rummet ${room.name} (${room.capacity} ${room.capacity === 1 ? 'plads' : 'pladser'}) er tilføjet ${loc.name}.`;
    });
  });
  return form;
}

// "Opret sted": name, address and its rooms (rows added and removed).
function createForm(page) {
  const name = field('loc-name', 'Navn', h('input', { type: 'text', maxlength: '127', autocomplete: 'off' }), 'Fx Træningscenter Nord.');
  const address = field('loc-address', 'Adresse', h('input', { type: 'text', maxlength: '255', autocomplete: 'off' }));
  const formErr = h('p', { class: 'form-error', id: 'loc-form-error', role: 'alert', tabindex: '-1' });
  const errs = fieldErrors(formErr);
  const rows = [];
  const list = h('div', { class: 'room-rows', id: 'loc-rooms' });
  let serial = 0;
  function addRow(focus) {
    const k = serial++;
    const rn = field(`loc-room-name-${k}`, 'Rummets navn', h('input', { type: 'text', maxlength: '127', autocomplete: 'off' }));
    const rc = field(`loc-room-capacity-${k}`, 'Pladser ad gangen',
      h('input', { type: 'number', min: '1', max: '1000', inputmode: 'numeric', value: '1' }));
    const row = { name: rn, cap: rc };
    const remove = h('button', { type: 'button', class: 'button secondary small' }, 'Fjern',
      h('span', { class: 'visually-hidden' }, ' rummet'));
    row.el = h('div', { class: 'room-row filters' }, rn.el, rc.el, h('div', { class: 'field' }, remove));
    remove.addEventListener('click', () => {
      rows.splice(rows.indexOf(row), 1);
      row.el.remove();
      more.focus();
    });
    rows.push(row);
    list.append(row.el);
    if (focus) rn.input.focus();
  }
  const more = h('button', { type: 'button', class: 'button secondary', id: 'loc-add-room' }, 'Tilføj et rum til');
  more.addEventListener('click', () => addRow(true));
  addRow(false);
  const submit = h('button', { type: 'submit', class: 'button' }, 'Opret sted');
  const form = h('form', { class: 'card', id: 'new-location', novalidate: true, 'aria-labelledby': 'new-location-title' },
    h('h2', { id: 'new-location-title' }, 'Opret sted'),
    name.el, address.el,
    h('fieldset', { class: 'rooms-fieldset' }, h('legend', null, 'Rum'), list, more),
    formErr,
    h('div', { class: 'actions' }, submit));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    errs.reset();
    errs.add('$.name', name.input, name.error);
    errs.add('$.address', address.input, address.error);
    rows.forEach((r, i) => {
      errs.add(`$.rooms[${i}].name`, r.name.input, r.name.error);
      errs.add(`$.rooms[${i}].capacity`, r.cap.input, r.cap.error);
      errs.add(`$.rooms[${i}]`, r.name.input, r.name.error);
    });
    errs.clear();
    if (!name.input.value.trim()) return errs.fail('$.name', 'Skriv stedets navn.');
    await send(page, submit, errs, async () => {
      const made = await post('/locations', {
        name: name.input.value.trim(),
        address: address.input.value.trim(),
        rooms: rows.map((r) => ({ name: r.name.input.value.trim(), capacity: Number(r.cap.input.value) })),
      });
      form.reset();
      for (const r of rows.splice(1)) r.el.remove();
      return `${made.name} er oprettet med ${made.rooms.length} rum.`;
    });
  });
  return form;
}
