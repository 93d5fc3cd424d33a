// dates.js - dates as Danes write them.
//
// The API speaks ISO 8601: calendar dates "2025-04-10" (Danish local
// dates; no time zone) and registration times "2025-04-10T08:15:00.000Z"
// (UTC). Dates are formatted from their digits, never through a Date in
// the browser's own zone, so a date is the same day wherever the browser
// thinks it is; times are shown in Danish time (Europe/Copenhagen).

const WEEKDAYS = ['søndag', 'mandag', 'tirsdag', 'onsdag', 'torsdag', 'fredag', 'lørdag'];
const MONTHS = ['januar', 'februar', 'marts', 'april', 'maj', 'juni', 'juli',
  'august', 'september', 'oktober', 'november', 'december'];

// [year, month, day] of "YYYY-MM-DD", or null if it is not a real date.
export function parseIsoDate(text) {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(String(text ?? ''));
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const probe = new Date(Date.UTC(y, mo - 1, d));
  if (probe.getUTCFullYear() !== y || probe.getUTCMonth() !== mo - 1 || probe.getUTCDate() !== d) {
    return null;
  }
  return [y, mo, d];
}

// "YYYY-MM-DD" for a date typed the Danish way: "10.04.2025", "10.4.2025",
// "10-04-2025" or "10/4/2025" (or already ISO); null if it is no real date.
export function parseDanishDate(text) {
  const t = String(text ?? '').trim();
  if (parseIsoDate(t)) return t;
  const m = /^(\d{1,2})[.\-/](\d{1,2})[.\-/](\d{4})$/.exec(t);
  if (!m) return null;
  const iso = `${m[3]}-${m[2].padStart(2, '0')}-${m[1].padStart(2, '0')}`;
  return parseIsoDate(iso) ? iso : null;
}

// "torsdag 10. april 2025"; the text itself when it is not a date.
export function longDate(iso) {
  const p = parseIsoDate(iso);
  if (!p) return iso ?? '';
  const [y, mo, d] = p;
  const weekday = WEEKDAYS[new Date(Date.UTC(y, mo - 1, d)).getUTCDay()];
  return `${weekday} ${d}. ${MONTHS[mo - 1]} ${y}`;
}

// "10.04.2025"; the text itself when it is not a date.
export function shortDate(iso) {
  const p = parseIsoDate(iso);
  if (!p) return iso ?? '';
  const [y, mo, d] = p;
  return `${String(d).padStart(2, '0')}.${String(mo).padStart(2, '0')}.${y}`;
}

// Danish time without Intl: UTC+1, and UTC+2 in summer time, which in
// the EU runs from 01:00 UTC on the last Sunday of March to 01:00 UTC on
// the last Sunday of October (Directive 2000/84/EC; the server's
// genop_date_in_denmark() uses the same rule). Creating the first
// Intl.DateTimeFormat for a time zone loads ICU's zone data, which cost
// 80-170 ms of the first page load on the test machine.
function lastSundayUtc(year, month) {        // month 1-12, at 01:00 UTC
  const last = new Date(Date.UTC(year, month, 0));
  return Date.UTC(year, month - 1, last.getUTCDate() - last.getUTCDay(), 1);
}

function partsOf(date) {
  const ms = date.getTime();
  const year = date.getUTCFullYear();
  const summer = ms >= lastSundayUtc(year, 3) && ms < lastSundayUtc(year, 10);
  const t = new Date(ms + (summer ? 2 : 1) * 3600000);
  const two = (n) => String(n).padStart(2, '0');
  return {
    year: String(t.getUTCFullYear()), month: two(t.getUTCMonth() + 1), day: two(t.getUTCDate()),
    hour: two(t.getUTCHours()), minute: two(t.getUTCMinutes()),
  };
}

// "24.11.2026 kl. 05.19" (Danish time) for an ISO timestamp.
export function dateTime(isoTimestamp) {
  const t = new Date(isoTimestamp);
  if (Number.isNaN(t.getTime())) return isoTimestamp ?? '';
  const p = partsOf(t);
  return `${p.day}.${p.month}.${p.year} kl. ${p.hour}.${p.minute}`;
}

// Today's date in Denmark as "YYYY-MM-DD".
export function todayInDenmark(now = new Date()) {
  const p = partsOf(now);
  return `${p.year}-${p.month}-${p.day}`;
}

// Whole years from birth date to date (both ISO), or null.
export function ageOn(birthIso, onIso) {
  const b = parseIsoDate(birthIso);
  const o = parseIsoDate(onIso);
  if (!b || !o) return null;
  let age = o[0] - b[0];
  if (o[1] < b[1] || (o[1] === b[1] && o[2] < b[2])) age -= 1;
  return age;
}

// "fredag 4.12." (the weekday and the day without its year, as one says
// a date in the near past or future); the text itself when no date.
export function weekdayDay(iso) {
  const p = parseIsoDate(iso);
  if (!p) return iso ?? '';
  const [y, mo, d] = p;
  return `${WEEKDAYS[new Date(Date.UTC(y, mo - 1, d)).getUTCDay()]} ${d}.${mo}.`;
}

// The ISO week of a date: { year, week } (the year the week belongs to,
// which at New Year may be the next or the last); null when no date.
export function isoWeek(iso) {
  const p = parseIsoDate(iso);
  if (!p) return null;
  const d = new Date(Date.UTC(p[0], p[1] - 1, p[2]));
  d.setUTCDate(d.getUTCDate() + 3 - ((d.getUTCDay() + 6) % 7));   // the week's Thursday
  const jan4 = new Date(Date.UTC(d.getUTCFullYear(), 0, 4));
  const week = 1 + Math.round(((d - jan4) / 86400000 - 3 + ((jan4.getUTCDay() + 6) % 7)) / 7);
  return { year: d.getUTCFullYear(), week };
}

// "2026-W47" (the API's week) for a date.
export function isoWeekId(iso) {
  const w = isoWeek(iso);
  return w ? `${w.year}-W${String(w.week).padStart(2, '0')}` : null;
}

// "uge 47, 2026" for the API's "2026-W47"; the text itself otherwise.
export function weekText(period) {
  const m = /^(\d{4})-W(\d{2})$/.exec(String(period ?? ''));
  return m ? `uge ${Number(m[2])}, ${m[1]}` : period ?? '';
}
