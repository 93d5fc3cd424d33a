// app.js - the staff web application's shell: who is logged in, the
// header and menu, and the router.
//
// Routes live in location.hash (#/, #/opgaver/mine, #/sager, #/sager/alle,
// #/sag/12, #/soeg, #/udskrift, #/kalender, #/adgangslog/3, #/kvalitetsstandard, and for an
// administrator
// #/brugere, #/brugerlog),
// #/sag/12, #/soeg, #/udskrift, #/adgangslog/3, #/kvalitetsstandard, #/hold,
// #/hold/4, #/hold/4/2026-12-07, for a leder #/ledelse (Ledelsesinformation)
// and the set-up pages #/steder,
// #/terapeuter/ter.a, #/helligdage/2027, and for an administrator
// #/brugere, #/brugerlog, #/steder),
// which the browser never sends to a server nor in a Referer: only ids
// and filter codes go there, never a CPR number or a name - so the text
// of a search (the header's field, on every screen) is held in memory
// and forgotten at logout. Nothing is kept in local or
// session storage; the session is the server's HttpOnly cookie, and on
// load the app asks GET /api/v1/session who that is. A 401 anywhere
// (the session ran out, or was ended in another tab) shows the login
// again; logging out deletes the session on the server and clears every
// view, so the back button and a reload both land on the login.
//
// Each view is a module with render(main, params, ctx) that fills <main>
// and returns its title. After a navigation, focus moves to the view's
// <h1> (tabindex -1), which a screen reader then reads, and the
// document title changes; the time from the start of a navigation to the view being
// ready is marked with the Performance API ("genop:ready"), which the
// browser tests read.
//
// Loading: index.html preloads GET /api/v1/session (which boot() asks
// first) and only the modules of the shell and the login. The view of the
// address asked for is imported (import()) as soon as app.js runs, while
// the session request is under way; the other views once the first page
// is ready, when the browser is idle. Importing every view before app.js
// could run kept the first page's API requests waiting behind a dozen
// module requests on the browser's six connections.

import { onUnauthorized, get, del } from './api.js';
import { h, replace } from './dom.js';
import * as labels from './labels.js';

// A view module, imported the first time it is asked for. Once it is in,
// it is handed over at once: a second import() would wait for a task of
// its own, and the browser may lay out and paint before that task runs.
function lazy(load) {
  let mod = null;
  let pending = null;
  return () => {
    if (mod) return Promise.resolve(mod);
    pending ??= load().then((m) => { mod = m; return m; }, (err) => { pending = null; throw err; });
    return pending;
  };
}
const loginView = lazy(() => import('./views/login.js'));
const worklistView = lazy(() => import('./views/worklist.js'));
const casesView = lazy(() => import('./views/cases.js'));
const caseView = lazy(() => import('./views/case.js'));
const accessLogView = lazy(() => import('./views/accesslog.js'));
const referralView = lazy(() => import('./views/referral.js'));
const standardView = lazy(() => import('./views/standard.js'));
const searchView = lazy(() => import('./views/search.js'));
const usersView = lazy(() => import('./views/brugere.js'));
const userLogView = lazy(() => import('./views/brugerlog.js'));
const printView = lazy(() => import('./views/udskrift.js'));
const calendarView = lazy(() => import('./views/kalender.js'));
// The leder's set-up pages (views/setup.js: Steder og rum, Terapeuter, Helligdage).
const placesView = lazy(() => import('./views/steder.js'));
const therapistsView = lazy(() => import('./views/terapeuter.js'));
const holidaysView = lazy(() => import('./views/helligdage.js'));
const teamsView = lazy(() => import('./views/hold.js'));
const teamView = lazy(() => import('./views/holdside.js'));
const meetingView = lazy(() => import('./views/holdmoede.js'));
// Ledelsesinformation (views/ledelse.js): how well the standard is kept.
const reportView = lazy(() => import('./views/ledelse.js'));

const NOT_LOADED = 'En del af genop kunne ikke hentes. Genindlæs siden, og prøv igen.';
const CASE_ROLES = ['visitator', 'terapeut', 'leder'];
const LOG_ROLES = ['leder', 'admin'];
const ALL_ROLES = ['visitator', 'terapeut', 'leder', 'admin'];

const routes = [
  // Opgaver: #/ (mine, when the user has cases, else all), #/opgaver/mine,
  // #/opgaver/alle, #/opgaver/ansvarlig/USERNAME (one person's tasks).
  { name: 'opgaver', re: /^(?:#?\/?|#\/opgaver\/(mine|alle)|#\/opgaver\/ansvarlig\/([A-Za-z0-9._@-]{1,63}))$/,
    view: worklistView, roles: CASE_ROLES, menu: 'Opgaver', href: '#/' },
  { name: 'ny-henvendelse', re: /^#\/ny-henvendelse$/, view: referralView, roles: ['visitator'],
    menu: 'Ny henvendelse', href: '#/ny-henvendelse' },
  { name: 'sager', re: /^#\/sager(?:\/(mine|alle))?(?:\?([A-Za-z0-9=&.@_%-]*))?$/, view: casesView, roles: CASE_ROLES,
    menu: 'Sager', href: '#/sager' },
  // Kalender (views/kalender.js): #/kalender (a terapeut's own), and
  // #/kalender/terapeut/NAME, /rum/ID, /hold/ID, then /dag or /uge and a date.
  { name: 'kalender', re: /^#\/kalender(?:\/(terapeut|rum|hold)\/([A-Za-z0-9._@-]{1,63}))?(?:\/(dag|uge))?(?:\/(\d{4}-\d{2}-\d{2}))?$/,
    view: calendarView, roles: CASE_ROLES, menu: 'Kalender', href: '#/kalender' },
  // The print queue (views/udskrift.js): what the API lets each role see.
  { name: 'udskrift', re: /^#\/udskrift$/, view: printView, roles: ['visitator', 'leder'],
    menu: 'Udskrift', href: '#/udskrift' },
  { name: 'sag', re: /^#\/sag\/([1-9][0-9]{0,17})$/, view: caseView, roles: CASE_ROLES },
  { name: 'soeg', re: /^#\/soeg(?:\/([0-9]{1,9}))?$/, view: searchView, roles: CASE_ROLES },
  { name: 'adgangslog', re: /^#\/adgangslog(?:\/(soeg|[1-9][0-9]{0,17})(?:\/([0-9]{1,9}))?)?$/,
    view: accessLogView, roles: LOG_ROLES, menu: 'Adgangslog', href: '#/adgangslog' },
  { name: 'brugere', re: /^#\/brugere$/, view: usersView, roles: ['admin'], menu: 'Brugere', href: '#/brugere' },
  { name: 'brugerlog', re: /^#\/brugerlog(?:\/bruger\/([1-9][0-9]{0,17}))?(?:\/([0-9]{1,9}))?$/, view: userLogView,
    roles: ['admin'], menu: 'Brugerlog', href: '#/brugerlog' },
  // Hold (views/hold.js, holdside.js, holdmoede.js): the teams, a team's
  // roster and waiting list, a meeting's attendance.
  { name: 'hold', re: /^#\/hold$/, view: teamsView, roles: CASE_ROLES, menu: 'Hold', href: '#/hold' },
  { name: 'holdside', re: /^#\/hold\/([1-9][0-9]{0,17})$/, view: teamView, roles: CASE_ROLES },
  { name: 'holdmoede', re: /^#\/hold\/([1-9][0-9]{0,17})\/([0-9]{4}-[0-9]{2}-[0-9]{2})$/, view: meetingView,
    roles: CASE_ROLES },
  // Ledelsesinformation: #/ledelse?fra=...&til=...&paragraf=...&pr=... (a leder's).
  { name: 'ledelse', re: /^#\/ledelse(?:\?([A-Za-z0-9=&.%_-]*))?$/, view: reportView, roles: ['leder'],
    menu: 'Ledelsesinformation', href: '#/ledelse' },
  { name: 'kvalitetsstandard', re: /^#\/kvalitetsstandard$/, view: standardView, roles: ALL_ROLES,
    menu: 'Kvalitetsstandard', href: '#/kvalitetsstandard' },
  // Opsætning: the calendar's set-up; `under` marks the menu item of the
  // pages reached from it.
  { name: 'steder', re: /^#\/steder$/, view: placesView, roles: LOG_ROLES, menu: 'Opsætning', href: '#/steder' },
  { name: 'terapeuter', re: /^#\/terapeuter(?:\/([A-Za-z0-9._@-]{1,63}))?$/, view: therapistsView, roles: ['leder'],
    under: 'steder' },
  { name: 'helligdage', re: /^#\/helligdage(?:\/([0-9]{4}))?$/, view: holidaysView, roles: ['leder'], under: 'steder' },
];

const state = {
  session: null,     // GET /api/v1/session's answer while logged in
  navigation: 0,     // increases with every navigation; stale renders stop
  firstView: true,
  prefetched: false, // the other views have been asked for
  // The last search, in memory only (never in the address, nor in any
  // storage), and the citizens its results named (id -> {name,
  // birth_date}), so the access log can say whose it is. Forgotten when
  // the user logs out.
  search: { text: null, citizens: new Map() },
};

// What a view gets to read and start searches with (ctx.search).
const searchContext = {
  get: () => state.search.text,     // null: nothing searched for yet
  // Searches for text on the page at hash (a new search starts at its
  // first page; the same address is rendered again).
  go(text, hash) {
    state.search.text = text;
    const field = $('site-search-q');
    if (field) field.value = text;
    if (location.hash === hash) route();
    else location.hash = hash;
  },
  remember(citizen) {
    state.search.citizens.set(Number(citizen.id), { name: citizen.name, birth_date: citizen.birth_date });
  },
  citizen: (id) => state.search.citizens.get(Number(id)) || null,
};

function forgetSearch() {
  state.search = { text: null, citizens: new Map() };
}

const $ = (id) => document.getElementById(id);

function announce(text) {
  const region = $('announce');
  region.textContent = '';
  // A new text node in a separate task is announced reliably.
  setTimeout(() => { region.textContent = text; }, 50);
}

function homeHash(session) {
  return session && session.role === 'admin' ? '#/adgangslog' : '#/';
}

// The search field of the header, on every screen: cases for the roles
// that read them, citizens (to open their access log) for an admin.
function renderSearch(s) {
  const slot = $('site-search');
  const cases = CASE_ROLES.includes(s.role);
  const label = cases ? 'Søg efter borger eller sag' : 'Søg efter borger (adgangslog)';
  const input = h('input', { id: 'site-search-q', type: 'search', name: 'q', autocomplete: 'off',
    spellcheck: 'false', maxlength: '100', placeholder: 'Navn, CPR, sagsnr.', value: state.search.text || null });
  const form = h('form', { class: 'site-search-form', role: 'search', 'aria-label': 'Søg' },
    h('label', { for: 'site-search-q', class: 'visually-hidden' }, label),
    input,
    h('button', { type: 'submit', class: 'button search-button' }, h('span', { class: 'visually-hidden' }, 'Søg')));
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    searchContext.go(input.value.trim(), cases ? '#/soeg' : '#/adgangslog/soeg');
  });
  replace(slot, form);
  slot.hidden = false;
}

function renderHeader() {
  const s = state.session;
  const nav = $('nav');
  const who = $('who');
  if (!s) {
    nav.hidden = true;
    who.hidden = true;
    $('site-search').hidden = true;
    replace(nav);
    replace(who);
    replace($('site-search'));
    return;
  }
  renderSearch(s);
  const items = routes.filter((r) => r.menu && r.roles.includes(s.role));
  replace(nav, h('ul', null, items.map((r) => h('li', null,
    h('a', { href: r.href, 'data-route': r.name }, r.menu)))));
  nav.hidden = false;
  const muni = (s.municipality && s.municipality.name) || '';
  replace(who,
    h('p', { class: 'who-text' },
      h('span', { class: 'who-muni' }, muni), ' ',
      h('span', { class: 'who-user' }, `${s.username} (${labels.role(s.role)})`)),
    h('button', { type: 'button', class: 'button secondary', id: 'logout', onclick: logout }, 'Log ud'));
  who.hidden = false;
}

function markCurrent(routeName) {
  for (const a of $('nav').querySelectorAll('a')) {
    const current = a.dataset.route === routeName ||
      (routeName === 'sag' && a.dataset.route === 'sager') ||
      routes.find((r) => r.name === routeName)?.under === a.dataset.route ||
      (routeName.startsWith('hold') && a.dataset.route === 'hold');
    if (current) a.setAttribute('aria-current', 'page');
    else a.removeAttribute('aria-current');
  }
}

function focusHeading(main) {
  const h1 = main.querySelector('h1');
  const target = h1 || main;
  if (!target.hasAttribute('tabindex')) target.setAttribute('tabindex', '-1');
  target.focus({ preventScroll: false });
}

function ready(name, title) {
  document.title = title ? `${title} – genop` : 'genop';
  document.body.dataset.view = name;
  performance.mark('genop:ready', { detail: name });
  if (!state.prefetched) {
    // The first page is shown: import the other views while the user reads.
    state.prefetched = true;
    const idle = window.requestIdleCallback || ((f) => setTimeout(f, 200));
    idle(() => [loginView, ...routes.map((r) => r.view)].forEach((load) => load().catch(() => {})));
  }
}

async function showLogin(message) {
  state.session = null;
  forgetSearch();
  renderHeader();
  const main = $('main');
  const nav = ++state.navigation;
  let view;
  try {
    view = await loginView();
  } catch {
    if (nav !== state.navigation) return;
    replace(main, h('h1', null, 'Der opstod en fejl'), h('p', { class: 'error-text', role: 'alert' }, NOT_LOADED));
    ready('fejl', 'Fejl');
    return;
  }
  if (nav !== state.navigation) return;
  const title = view.render(main, {
    message,
    onLoggedIn: (session) => {
      state.session = session;
      renderHeader();
      announce(`Du er logget ind som ${session.username}, ${session.municipality?.name || ''}.`);
      route();      // the page asked for (a deep link survives the login)
    },
  });
  if (nav !== state.navigation) return;
  ready('login', title);
  if (!state.firstView || message) main.querySelector('input')?.focus();
  state.firstView = false;
}

async function route() {
  if (!state.session) return;
  const nav = ++state.navigation;
  performance.mark('genop:navigate');
  const main = $('main');
  const hash = location.hash;
  let match = null;
  let params = [];
  for (const r of routes) {
    const m = r.re.exec(hash);
    if (m) {
      match = r;
      params = m.slice(1);
      break;
    }
  }
  if (match && !match.roles.includes(state.session.role)) {
    if (hash === '' || hash === '#/' || hash === '#') {
      location.replace(homeHash(state.session));
      return;
    }
    match = null;
  }
  markCurrent(match ? match.name : '');
  main.setAttribute('aria-busy', 'true');
  let title;
  if (!match) {
    replace(main, h('h1', null, 'Siden findes ikke'),
      h('p', null, 'Adressen svarer ikke til en side i genop, eller din rolle har ikke adgang til den. ',
        h('a', { href: homeHash(state.session) }, 'Gå til forsiden')));
    title = 'Siden findes ikke';
  } else {
    const ctx = {
      session: state.session,
      stale: () => nav !== state.navigation,
      announce,
      search: searchContext,
      // A view that renders itself again (the case page after an event)
      // says so here: new title, and a new "ready" mark.
      rerendered: (title) => ready(match.name, title),
    };
    try {
      const view = await match.view().catch(() => { throw new Error(NOT_LOADED); });
      if (nav !== state.navigation) return;
      title = await view.render(main, params, ctx);
    } catch (err) {
      if (nav !== state.navigation) return;
      if (err && err.status === 401) return;      // the login is shown
      replace(main, h('h1', null, 'Der opstod en fejl'),
        h('p', { class: 'error-text', role: 'alert' }, err && err.message ? err.message : String(err)));
      title = 'Fejl';
    }
  }
  if (nav !== state.navigation) return;
  main.removeAttribute('aria-busy');
  ready(match ? match.name : 'ukendt', title);
  if (!state.firstView) focusHeading(main);   // a screen reader reads the new heading
  state.firstView = false;
}

async function logout() {
  try {
    await del('/session');
  } catch {
    // Gone already (401) or unreachable: either way, forget it here.
  }
  state.session = null;
  forgetSearch();
  replace($('main'));
  history.replaceState(null, '', '#/');
  announce('Du er logget ud.');
  showLogin('Du er logget ud.');
}

async function start() {
  onUnauthorized(() => {
    if (state.session) showLogin('Din session er udløbet, eller du er blevet logget ud. Log ind igen.');
  });
  window.addEventListener('hashchange', () => {
    if (state.session) route();
  });
  // A page brought back from the back/forward cache asks again who is
  // logged in, so a logged-out session never shows old data.
  window.addEventListener('pageshow', (e) => {
    if (e.persisted) boot();
  });
  // The view of the address asked for is imported at once, while GET
  // /api/v1/session is under way.
  routes.find((r) => r.re.test(location.hash))?.view().catch(() => {});
  await boot();
}

async function boot() {
  try {
    state.session = await get('/session');
  } catch (err) {
    state.session = null;
    if (err.status !== 401) {
      showLogin(err.message);
      return;
    }
  }
  if (!state.session) {
    showLogin();
    return;
  }
  renderHeader();
  route();
}

start();
