// views/calendar_move.js - moving an appointment in the calendar
// (views/kalender.js) with the keyboard and with the mouse, checked by the
// server (POST /api/v1/appointments/{id}/move: the booking's own rules).
//
// Keyboard: an appointment is a button; with it focused, the arrow keys
// move it (up/down 15 minutes, left/right a day), Enter keeps the new
// time and Escape undoes it; leaving the appointment undoes it too. The
// new time is shown on the appointment and announced. Mouse: an
// appointment of the week's grid is dragged to another time or day (in
// steps of 15 minutes) and kept when let go. The server's refusal (409
// or 422, in Danish) is shown beside the appointment, which goes back
// to where it was.

import { post } from '../api.js';
import { weekdayDay } from '../dates.js';

export const STEP = 15;

// [date, minute of the day] of "YYYY-MM-DDTHH:MM".
export function splitStart(start) {
  const [d, t] = String(start).split('T');
  const [hh, mm] = t.split(':').map(Number);
  return [d, hh * 60 + mm];
}

export const hhmm = (m) => `${String(Math.floor(m / 60) % 24).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
// "10.15", as Danes write a time of day.
export const klokken = (m) => hhmm(m).replace(':', '.');

// The date n days after iso.
export function addDays(iso, n) {
  const [y, mo, d] = iso.split('-').map(Number);
  const t = new Date(Date.UTC(y, mo - 1, d + n));
  return `${t.getUTCFullYear()}-${String(t.getUTCMonth() + 1).padStart(2, '0')}-${String(t.getUTCDate()).padStart(2, '0')}`;
}

export const whenText = (date, minute) => `${weekdayDay(date)} kl. ${klokken(minute)}`;

// Makes el (the appointment's button) movable.
//   item     the week view's item (id, start, minutes)
//   view     { preview(el, date, minute), restore(el), showError(el, text),
//              clearError(el), moved(item, answer), announce(text),
//              dayAt(x, y) -> date or null (mouse), minuteOf(dy) -> minutes
//              (mouse; null: no dragging) }
export function movable(el, item, view) {
  const [date0, minute0] = splitStart(item.start);
  let moving = null;          // { date, minute } while a new time is proposed
  let busy = false;

  const propose = (date, minute) => {
    minute = Math.max(0, Math.min(24 * 60 - item.minutes, minute));
    moving = { date, minute };
    view.clearError(el);
    view.preview(el, date, minute);
    el.setAttribute('aria-pressed', 'true');
  };
  const undo = () => {
    if (!moving) return;
    moving = null;
    el.removeAttribute('aria-pressed');
    view.restore(el);
  };
  const keep = async () => {
    if (!moving || busy) return;
    const { date, minute } = moving;
    if (date === date0 && minute === minute0) {
      undo();
      return;
    }
    busy = true;
    el.setAttribute('aria-busy', 'true');
    try {
      const answer = await post(`/appointments/${item.id}/move`, { start: `${date}T${hhmm(minute)}` });
      moving = null;
      view.moved(item, answer);
    } catch (err) {
      if (err.status === 401) return;
      undo();
      view.showError(el, err.message);
      view.announce(`Tiden blev ikke flyttet: ${err.message}`);
    } finally {
      busy = false;
      el.removeAttribute('aria-busy');
    }
  };

  el.addEventListener('keydown', (e) => {
    const cur = moving || { date: date0, minute: minute0 };
    const step = { ArrowUp: [0, -STEP], ArrowDown: [0, STEP], ArrowLeft: [-1, 0], ArrowRight: [1, 0] }[e.key];
    if (step) {
      e.preventDefault();
      propose(addDays(cur.date, step[0]), cur.minute + step[1]);
      view.announce(`Ny tid: ${whenText(moving.date, moving.minute)}. Enter gemmer, Escape fortryder.`);
    } else if (e.key === 'Enter' && moving) {
      e.preventDefault();
      keep();
    } else if (e.key === 'Escape' && moving) {
      e.preventDefault();
      undo();
      view.announce(`Flytningen er fortrudt. Tiden er stadig ${whenText(date0, minute0)}.`);
    }
  });
  // Leaving the appointment undoes a proposal; its own move to another
  // day's column (which blurs it for a moment) does not.
  el.addEventListener('blur', () => {
    setTimeout(() => {
      if (moving && !busy && !drag && document.activeElement !== el) undo();
    }, 0);
  });

  // The mouse: drag on the week's grid (followed on the window, since the
  // appointment moves from column to column under the pointer).
  let drag = null;
  const follow = (e) => {
    if (!drag.started && Math.abs(e.clientX - drag.x) + Math.abs(e.clientY - drag.y) < 6) return;
    if (!drag.started) {
      drag.started = true;
      el.classList.add('dragging');
    }
    const date = view.dayAt(e.clientX, e.clientY) || (moving ? moving.date : date0);
    propose(date, minute0 + Math.round(view.minuteOf(e.clientY - drag.y) / STEP) * STEP);
  };
  const end = (e) => {
    window.removeEventListener('pointermove', follow);
    window.removeEventListener('pointerup', end);
    window.removeEventListener('pointercancel', end);
    const started = drag && drag.started;
    drag = null;
    el.classList.remove('dragging');
    if (!started) return;
    el.dataset.dragged = 'true';            // the click that follows is no selection
    setTimeout(() => { delete el.dataset.dragged; }, 0);
    el.focus();
    if (e.type === 'pointercancel') undo();
    else keep();
  };
  el.addEventListener('pointerdown', (e) => {
    if (e.pointerType !== 'mouse' || e.button !== 0 || view.minuteOf(0) === null || busy) return;
    e.preventDefault();                     // no text selection while dragging
    drag = { x: e.clientX, y: e.clientY, started: false };
    window.addEventListener('pointermove', follow);
    window.addEventListener('pointerup', end);
    window.addEventListener('pointercancel', end);
  });
}
