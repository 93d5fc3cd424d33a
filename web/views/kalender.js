// views/kalender.js - "Kalender": a therapist's day and week, and the
// week of a room or a team (GET /api/v1/calendar/week).
//
// Addresses: #/kalender (a terapeut's own: "Min kalender", today first;
// a visitator or leder chooses whose), #/kalender/terapeut/USERNAME,
// #/kalender/rum/ID and #/kalender/hold/ID, each optionally followed by
// /dag or /uge and /YYYY-MM-DD (the day shown, or a day of the week).
// A room's and a team's calendar are week views.
//
// Each appointment shows its time, citizen (a link to the case), place,
// kind and status; one that has begun and has no outcome has the outcome
// buttons (Mødt, Udeblevet, Aflyst af borger, Aflyst af os: POST
// .../outcome) for those who register sessions, and every booked one a
// cancel form (by whom, why: POST .../cancel, the standard's rule on
// cancelling shown after). Appointments are moved with the keyboard and
// the mouse (views/calendar_move.js); the week is a grid of the days'
// hours at 1366 px and a list of days at 390 px.

import { get, post } from '../api.js';
import { longDate, todayInDenmark, isoWeekId, weekText, weekdayDay } from '../dates.js';
import { h, replace } from '../dom.js';
import * as labels from '../labels.js';
import { movable, splitStart, addDays, hhmm, klokken, whenText } from './calendar_move.js';

const PPM = 1.2;      // px per minute in the week's grid
const OUTCOME_BUTTONS = [
  ['attended', 'Mødt'], ['no_show', 'Udeblevet'],
  ['citizen_cancelled', 'Aflyst af borger'], ['provider_cancelled', 'Aflyst af os'],
];
const STATUS = { booked: 'Booket', cancelled: 'Aflyst', done: 'Registreret' };
const KIND = { training: 'Træning', assessment: 'Udredning' };
const MOVE_HELP = 'Flyt en tid: vælg den, og brug piletasterne (op og ned flytter 15 minutter, ' +
  'venstre og højre en dag). Enter gemmer den nye tid, Escape fortryder. Med musen trækkes tiden hen ' +
  'til en ny tid i ugen.';

// Minutes Denmark is ahead of UTC at t: 60, or 120 in summer time (the
// EU rule, as dates.js and the server reckon it).
function danishOffset(t) {
  const y = t.getUTCFullYear();
  const lastSunday = (month) => {
    const last = new Date(Date.UTC(y, month, 0));
    return Date.UTC(y, month - 1, last.getUTCDate() - last.getUTCDay(), 1);
  };
  return t.getTime() >= lastSunday(3) && t.getTime() < lastSunday(10) ? 120 : 60;
}

// Now in Denmark as "YYYY-MM-DDTHH:MM".
function nowInDenmark(t = new Date()) {
  return new Date(t.getTime() + danishOffset(t) * 60000).toISOString().slice(0, 16);
}

// Minute of the day of "HH:MM"; "00:00" as an end is midnight (1440).
function minuteOf(text, end = false) {
  const [hh, mm] = text.split(':').map(Number);
  return end && hh === 0 && mm === 0 ? 1440 : hh * 60 + mm;
}

// What the address asks for.
function readParams(params, session) {
  const [type, id, mode, date] = params;
  const own = !type && session.role === 'terapeut';
  const of = type === 'rum' ? 'room' : type === 'hold' ? 'team' : 'therapist';
  return {
    of,
    id: type ? decodeURIComponent(id) : own ? session.username : null,
    own,
    mode: of !== 'therapist' ? 'uge' : mode || 'dag',
    date: date || todayInDenmark(),
  };
}

function hashOf(p, mode, date) {
  const base = p.own ? '#/kalender' : `#/kalender/${{ therapist: 'terapeut', room: 'rum', team: 'hold' }[p.of]}/${encodeURIComponent(p.id)}`;
  return p.of === 'therapist' ? `${base}/${mode}/${date}` : `${base}/${date}`;
}

// The picker: whose calendar (therapists, rooms, teams).
function picker(p, staff, locations, teams) {
  const sel = h('select', { id: 'kalender-vis', name: 'vis' },
    p.id ? null : h('option', { value: '' }, 'Vælg …'),
    h('optgroup', { label: 'Terapeuter' }, staff.filter((u) => u.role === 'terapeut').map((u) =>
      h('option', { value: `terapeut/${u.username}`, selected: p.of === 'therapist' && p.id === u.username },
        u.profession ? `${u.username} (${u.profession})` : u.username))),
    h('optgroup', { label: 'Rum' }, locations.flatMap((l) => (l.rooms || []).map((r) =>
      h('option', { value: `rum/${r.id}`, selected: p.of === 'room' && String(p.id) === String(r.id) },
        `${r.name}, ${l.name}`)))),
    h('optgroup', { label: 'Hold' }, teams.map((t) =>
      h('option', { value: `hold/${t.id}`, selected: p.of === 'team' && String(p.id) === String(t.id) }, t.name))));
  const form = h('form', { class: 'filters kalender-picker', 'aria-label': 'Vælg kalender' },
    h('div', { class: 'field' }, h('label', { for: 'kalender-vis' }, 'Vis kalender for'), sel),
    h('div', { class: 'field' }, h('button', { type: 'submit', class: 'button secondary' }, 'Vis')));
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    if (sel.value) location.hash = `#/kalender/${sel.value}`;
  });
  return form;
}

// Previous, today/this week, next; day or week.
function navigation(p) {
  const week = p.mode === 'uge';
  const step = week ? 7 : 1;
  const today = todayInDenmark();
  const nav = h('nav', { class: 'kalender-nav', 'aria-label': week ? 'Uger' : 'Dage' },
    h('a', { class: 'button secondary', href: hashOf(p, p.mode, addDays(p.date, -step)), id: 'kalender-forrige' },
      week ? 'Forrige uge' : 'Forrige dag'),
    h('a', { class: 'button secondary', href: hashOf(p, p.mode, today), id: 'kalender-idag' },
      week ? 'Denne uge' : 'I dag'),
    h('a', { class: 'button secondary', href: hashOf(p, p.mode, addDays(p.date, step)), id: 'kalender-naeste' },
      week ? 'Næste uge' : 'Næste dag'));
  if (p.of !== 'therapist') return nav;
  const modes = h('ul', { class: 'kalender-modes', 'aria-label': 'Visning' },
    ['dag', 'uge'].map((m) => h('li', null, h('a', {
      href: hashOf(p, m, p.date), 'aria-current': p.mode === m ? 'page' : null, id: `kalender-visning-${m}`,
    }, m === 'dag' ? 'Dag' : 'Uge'))));
  return h('div', { class: 'kalender-bar' }, nav, modes);
}

function placeText(it) {
  const pl = it.place || {};
  const where = pl.type === 'home' ? 'Borgerens hjem' : [pl.name, pl.location].filter(Boolean).join(', ');
  return it.team ? `Holdet ${it.team.name}, ${where}` : where;
}

function statusBadge(it) {
  const key = it.status === 'cancelled' ? 'overdue' : it.status === 'done' ? 'met' : 'later';
  const text = it.status === 'done' && it.outcome ? `Registreret: ${labels.outcome(it.outcome)}`
    : it.status === 'cancelled' ? `Aflyst af ${it.cancelled_by === 'citizen' ? 'borgeren' : 'os'}`
      : STATUS[it.status] || it.status;
  return h('span', { class: `badge status-${key}` }, h('span', { class: 'status-dot', 'aria-hidden': 'true' }), text);
}

// The actions on one appointment: the outcome and cancelling.
function actions(it, ctx, refresh) {
  if (it.status !== 'booked') return null;
  const msg = h('p', { class: 'form-error', role: 'alert', id: `appt-${it.id}-error` });
  const run = async (button, f, done) => {
    button.disabled = true;
    msg.textContent = '';
    try {
      const answer = await f();
      await refresh(done(answer), it.id);
    } catch (err) {
      if (err.status === 401) return;
      msg.textContent = err.message;
      button.disabled = false;
    }
  };
  const begun = it.start <= nowInDenmark();
  const registers = ['visitator', 'terapeut'].includes(ctx.session.role);
  const outcome = begun && registers ? h('div', { class: 'actions', role: 'group', 'aria-label': `Udfald for ${it.citizen.name}` },
    OUTCOME_BUTTONS.map(([o, text]) => {
      const b = h('button', { type: 'button', class: 'button', 'data-outcome': o }, text);
      b.addEventListener('click', () => run(b, () => post(`/appointments/${it.id}/outcome`, { outcome: o }),
        () => `${it.citizen.name}: ${text.toLowerCase()} er registreret.`));
      return b;
    })) : null;
  const reason = h('input', { type: 'text', id: `cancel-${it.id}-reason`, name: 'reason', maxlength: '127', 'aria-required': 'true' });
  const by = h('select', { id: `cancel-${it.id}-by`, name: 'by' },
    h('option', { value: 'provider' }, 'Os (træningsenheden)'), h('option', { value: 'citizen' }, 'Borgeren'));
  const submit = h('button', { type: 'submit', class: 'button secondary' }, 'Aflys tiden');
  const form = h('form', { class: 'cancel-form' },
    h('div', { class: 'field' }, h('label', { for: `cancel-${it.id}-by` }, 'Aflyst af'), by),
    h('div', { class: 'field' }, h('label', { for: `cancel-${it.id}-reason` }, 'Grund'), reason),
    submit);
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    if (!reason.value.trim()) {
      msg.textContent = 'Skriv en grund til aflysningen.';
      reason.focus();
      return;
    }
    run(submit, () => post(`/appointments/${it.id}/cancel`, { by: by.value, reason: reason.value.trim() }),
      (a) => [`Tiden ${whenText(...splitStart(it.start))} er aflyst.`, a.cancellation_rule]);
  });
  const cancel = h('details', { class: 'cancel' }, h('summary', null, 'Aflys'), form);
  return [outcome, cancel, msg];
}

// One appointment as a card (the day's list, the week's selected one).
function card(it, ctx, refresh, headingLevel = 'h3') {
  const [, start] = splitStart(it.start);
  const [, end] = splitStart(it.end);
  return h('article', { class: `card appt-card appt-${it.status}`, 'data-appointment': it.id, 'aria-labelledby': `appt-${it.id}-h` },
    h('div', { class: 'appt-head' },
      h(headingLevel, { id: `appt-${it.id}-h` }, h('span', { class: 'appt-time' }, `${klokken(start)}–${klokken(end)}`), ' ',
        h('a', { href: `#/sag/${it.case}` }, it.citizen.name)),
      statusBadge(it)),
    h('p', { class: 'appt-facts' }, `${KIND[it.kind] || it.kind}, ${it.minutes} min. · ${placeText(it)} · ${it.therapist} · sag ${it.case}`),
    actions(it, ctx, refresh));
}

function dayFacts(day, of) {
  const parts = [];
  if (day.holiday) parts.push(h('span', { class: 'badge status-today' }, day.holiday));
  if (of === 'therapist') {
    if (day.absence) parts.push(h('span', { class: 'badge status-overdue' }, `Fravær: ${day.absence}`));
    else if (day.hours && day.hours.length) parts.push(h('span', { class: 'sub' }, `Arbejdstid ${day.hours.map((x) => `${x.from}–${x.to === '00:00' ? '24:00' : x.to}`).join(', ')}`));
    else parts.push(h('span', { class: 'sub' }, 'Ingen arbejdstid'));
  }
  return parts;
}

function dayView(week, p, ctx, refresh, next) {
  const day = week.days.find((d) => d.date === p.date);
  const items = week.items.filter((it) => it.start.startsWith(p.date));
  const list = h('div', { class: 'appt-list', id: 'kalender-dag' },
    items.length ? items.map((it) => card(it, ctx, refresh)) : h('p', { class: 'empty' }, 'Ingen tider denne dag.'));
  const ahead = next && !items.some((it) => it.status === 'booked' && it.start >= nowInDenmark())
    ? h('p', { class: 'notice', id: 'kalender-naeste-tid' }, 'Næste tid: ',
      h('a', { href: hashOf(p, 'dag', next.start.slice(0, 10)) }, `${whenText(...splitStart(next.start))}, ${next.citizen.name}`))
    : null;
  return [h('h2', { class: 'kalender-day-title' }, longDate(p.date), ' ', dayFacts(day, p.of)), list, ahead];
}

// The therapist's next booked appointment from now, this week or the
// next (for today's view when nothing more is booked today), or null.
async function nextAppointment(p, week) {
  const now = nowInDenmark();
  const later = (w) => w.items.find((it) => it.status === 'booked' && it.start >= now) || null;
  if (p.date !== todayInDenmark() || p.mode !== 'dag') return null;
  const found = later(week);
  if (found) return found;
  const following = await get(`/calendar/week?week=${isoWeekId(addDays(week.from, 7))}&therapist=${encodeURIComponent(p.id)}`);
  return later(following);
}

// Lanes of overlapping appointments within a day: item -> [lane, lanes].
function lanes(items) {
  const out = new Map();
  let group = [];
  let groupEnd = '';
  const flush = () => {
    const ends = [];
    for (const it of group) {
      let lane = ends.findIndex((e) => e <= it.start);
      if (lane < 0) lane = ends.length;
      ends[lane] = it.end;
      out.set(it, lane);
    }
    for (const it of group) out.set(it, [out.get(it), ends.length]);
    group = [];
  };
  for (const it of items) {
    if (group.length && it.start >= groupEnd) flush();
    group.push(it);
    if (it.end > groupEnd || group.length === 1) groupEnd = it.end;
  }
  flush();
  return out;
}

// The first and last minute the grid shows.
function range(week) {
  let from = 8 * 60;
  let to = 16 * 60;
  for (const d of week.days) for (const x of d.hours || []) {    // within 6-20: a day of 24 hours
    from = Math.min(from, Math.max(6 * 60, minuteOf(x.from)));    // is not drawn hour by hour
    to = Math.max(to, Math.min(20 * 60, minuteOf(x.to, true)));
  }
  for (const it of week.items) {
    from = Math.min(from, splitStart(it.start)[1]);
    const [ed, em] = splitStart(it.end);
    to = Math.max(to, ed > it.start.slice(0, 10) ? 1440 : em);
  }
  return [Math.floor(from / 60) * 60, Math.min(1440, Math.ceil(to / 60) * 60)];
}

function weekView(week, p, ctx, refresh) {
  const [from, to] = range(week);
  const wide = () => window.matchMedia('(min-width: 701px)').matches;
  const detail = h('div', { class: 'appt-detail', id: 'kalender-valgt', 'aria-live': 'polite' });
  const bodies = new Map();
  const grid = h('div', { class: 'week-grid', id: 'kalender-uge' });
  grid.style.setProperty('--grid-height', `${(to - from) * PPM}px`);
  grid.style.setProperty('--hour', `${60 * PPM}px`);
  const axis = h('div', { class: 'week-axis', 'aria-hidden': 'true' });
  for (let m = from; m < to; m += 60) {
    const l = h('span', null, hhmm(m));
    l.style.setProperty('--top', `${(m - from) * PPM}px`);
    axis.append(l);
  }
  grid.append(axis);
  const place = (el, minute, minutes) => {
    el.style.setProperty('--top', `${(minute - from) * PPM}px`);
    el.style.setProperty('--height', `${Math.max(minutes * PPM, 22)}px`);
  };
  const lanesOf = lanes(week.items);
  const view = {
    preview(el, date, minute) {
      const body = bodies.get(date);
      if (body && body !== el.parentElement) {
        const focused = document.activeElement === el;
        body.append(el);
        if (focused) el.focus();
      }
      place(el, minute, Number(el.dataset.minutes));
      el.style.setProperty('--lane', '0');
      el.style.setProperty('--lanes', '1');
      el.querySelector('.appt-new').textContent = `Ny tid: ${whenText(date, minute)}`;
    },
    restore(el) {
      const body = bodies.get(el.dataset.date);
      if (body && body !== el.parentElement) body.append(el);
      place(el, Number(el.dataset.minute), Number(el.dataset.minutes));
      el.style.setProperty('--lane', el.dataset.lane);
      el.style.setProperty('--lanes', el.dataset.lanes);
      el.querySelector('.appt-new').textContent = '';
      el.focus();
    },
    showError(el, text) {
      const err = h('p', { class: 'move-error', role: 'alert', id: `move-error-${el.dataset.id}` }, text);
      err.style.setProperty('--top', `calc(${el.style.getPropertyValue('--top')} + ${el.style.getPropertyValue('--height')})`);
      el.after(err);
      el.setAttribute('aria-describedby', `move-help move-error-${el.dataset.id}`);
    },
    clearError(el) {
      document.getElementById(`move-error-${el.dataset.id}`)?.remove();
      el.setAttribute('aria-describedby', 'move-help');
    },
    moved(item, answer) {
      refresh(`Tiden er flyttet til ${whenText(...splitStart(answer.start))}.`, item.id, (answer.warnings || []));
    },
    announce: ctx.announce,
    dayAt(x, y) {
      for (const [date, body] of bodies) {
        const r = body.getBoundingClientRect();
        if (x >= r.left && x <= r.right && y >= r.top - 200 && y <= r.bottom + 200) return date;
      }
      return null;
    },
    minuteOf: (dy) => (wide() ? dy / PPM : null),
  };
  for (const day of week.days) {
    const body = h('div', { class: 'week-body' });
    bodies.set(day.date, body);
    for (const x of (p.of === 'therapist' && !day.absence ? day.hours : []) || []) {
      const band = h('div', { class: 'work-band', 'aria-hidden': 'true' });
      const a = minuteOf(x.from);
      const b = minuteOf(x.to, true);
      place(band, a, b - a);
      body.append(band);
    }
    const items = week.items.filter((it) => it.start.startsWith(day.date));
    if (!items.length) body.append(h('p', { class: 'empty week-empty' }, 'Ingen tider'));
    for (const it of items) {
      const [date, minute] = splitStart(it.start);
      const [lane, n] = lanesOf.get(it);
      const el = h('button', {
        type: 'button', class: `appt appt-${it.status}`, 'data-id': it.id, 'data-date': date, 'data-minute': minute,
        'data-minutes': it.minutes, 'data-lane': lane, 'data-lanes': n, 'aria-describedby': 'move-help',
      },
      h('span', { class: 'appt-when' }, `${klokken(minute)}–${klokken(splitStart(it.end)[1])}`),
      h('span', { class: 'appt-who' }, it.citizen.name),
      h('span', { class: 'appt-what' }, `${KIND[it.kind] || it.kind}, ${it.team ? it.team.name : it.place.name}`),
      it.status !== 'booked' ? h('span', { class: 'appt-state' }, statusBadge(it).textContent) : null,
      h('span', { class: 'appt-new' }));
      place(el, minute, it.minutes);
      el.style.setProperty('--lane', String(lane));
      el.style.setProperty('--lanes', String(n));
      el.addEventListener('click', () => {
        if (el.dataset.dragged) return;
        replace(detail, card(it, ctx, refresh, 'h2'));
        const head = detail.querySelector('h2');
        head.setAttribute('tabindex', '-1');
        head.focus();
      });
      if (it.status === 'booked') movable(el, it, view);
      body.append(el);
    }
    grid.append(h('section', { class: `week-day${day.date === todayInDenmark() ? ' today' : ''}`, 'aria-label': longDate(day.date) },
      h('h2', { class: 'week-day-head' }, weekdayDay(day.date), ' ', dayFacts(day, p.of)), body));
  }
  return [h('p', { class: 'help', id: 'move-help' }, MOVE_HELP), grid, detail];
}

// The title and heading of the page.
function titleOf(p, week, session) {
  if (p.own || (p.of === 'therapist' && p.id === session.username)) return 'Min kalender';
  if (!week) return 'Kalender';
  const name = week.of.name;
  return p.of === 'room' ? `Kalender for rummet ${name}` : p.of === 'team' ? `Kalender for holdet ${name}` : `Kalender for ${name}`;
}

export async function render(main, params, ctx, flash = null) {
  const p = readParams(params, ctx.session);
  const weekId = isoWeekId(p.date);
  const [staff, locations, teams, week] = await Promise.all([
    get('/staff').then((r) => r.items || []),
    get('/locations').then((r) => r.items || []),
    get('/teams').then((r) => r.items || []),
    p.id ? get(`/calendar/week?week=${weekId}&${{ therapist: 'therapist', room: 'room', team: 'team' }[p.of]}=${encodeURIComponent(p.id)}`) : null,
  ]);
  const next = week && p.of === 'therapist' ? await nextAppointment(p, week) : null;
  const title = titleOf(p, week, ctx.session);
  if (ctx.stale()) return title;
  // Renders the page again with message; focus goes to the moved
  // appointment (a move: the keyboard goes on from there) or the message.
  const refresh = async (message, id, warnings = null) => {
    const t = await render(main, params, ctx, message);
    ctx.rerendered(t);
    const shown = document.getElementById('kalender-flash');
    if (warnings && warnings.length && shown) {
      shown.append(' ', warnings.map((w) => (w.id === 'start' ? `Bemærk: opstartsfristen var ${longDate(w.due)}.` : w.id)).join(' '));
    }
    const again = warnings && document.querySelector(`.appt[data-id="${id}"]`);
    (again || shown)?.focus();
  };
  let flashNode = null;
  if (flash) {
    const [text, rule] = Array.isArray(flash) ? flash : [flash, null];
    flashNode = h('div', { class: 'flash', id: 'kalender-flash', role: 'status', tabindex: '-1' }, text,
      rule ? h('span', { class: 'sub' }, `${rule.text} `, rule.source && rule.source.quote ? `Kilde: "${rule.source.quote}"` : '') : null);
  } else {
    flashNode = h('div', { class: 'flash', id: 'kalender-flash', role: 'status', tabindex: '-1' });
  }
  const lead = !week ? null : p.mode === 'uge' ? `${longDate(week.from)} – ${longDate(week.to)} (${weekText(week.week)})`
    : `${longDate(p.date)} (${weekText(week.week)})`;
  replace(main,
    h('div', { class: 'page-head' },
      h('h1', null, title),
      lead ? h('p', { class: 'lead' }, lead) : null),
    picker(p, staff, locations, teams),
    flashNode,
    week ? navigation(p) : h('p', { class: 'empty' }, 'Vælg en terapeut, et rum eller et hold for at se kalenderen.'),
    week ? (p.mode === 'uge' ? weekView(week, p, ctx, refresh) : dayView(week, p, ctx, refresh, next)) : null);
  return title;
}
