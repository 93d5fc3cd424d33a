// test.mjs - the staff web application in a real browser: Debian's
// chromium, headless, driven by playwright-core, against the genop serve
// that run.sh started (GENOP_URL) with users made by run.sh and cases
// made here through the API (seed.mjs). Prints TAP.
//
// What it checks: logging in as each role (and the municipality shown);
// the worklist with each status in words and colour, soonest first, its
// filters, and rows linking to their case; the case page with deadlines
// and their sources, limits, the attendance warning and the timeline
// with authors; registering events through the forms (and the API's
// refusal shown beside the field it names); the udredning (FSIII start
// and end status through the form, the change per condition and the
// goals in the table); a hospital admission putting a Skive course up
// for review (admission.mjs); the worklist's tasks, the overdue wording
// at a weekend, the citizen's complaint window, and closing without the
// end status and adding it after (tasks.mjs); events numbered within
// their case, and refused cases and forwarded complaints closed with
// genop's own reasons (closing.mjs); a complaint's channel, topic and
// route, Ankestyrelsen's ruling and a remitted case's new_decision task
// (complaints.mjs); the case page's buttons by the
// case's stage with the rest behind "Flere", the therapist's correction
// form, the warning before a session past a limit is saved, the limits in
// words and the forms of a hospital plan and a previous course
// (casepage.mjs); a refusal's reasons from the standard's criteria in the
// decision form, on the timeline and the standard's page (criteria.mjs);
// the full decision form: the grant with its end date, the standard's
// rule beside each field, an exception offered past a limit and the API's
// refusals beside their fields, the grant in force on the case page and a
// revisitation that changes it (decision.mjs);
// the case's letters: the prompt after a decision, the draft, the API's
// refusal beside its field, making, opening and sending a letter by
// Digital Post and to print, the aktindsigt, the print queue, and a made
// letter rendered with pdftoppm (letters.mjs);
// owning cases: the
// responsible visitator and therapist changed on the case page, Mine
// opgaver and Mine sager, each task's responsible and a leder's open tasks
// per person (assign.mjs); the citizen's identity: the question of a
// known CPR number with another name, the warning of an open case like
// it, consent and the contact person (identity.mjs); the users an administrator administers
// (users.mjs); Min kalender on the demo's first terapeut login, the
// outcome buttons, cancelling, moving an appointment with the keyboard
// and the mouse, a room's and a team's week (calendar.mjs); "Book tid" on the case page: the proposals, booking one,
// a series with its skipped dates, cancelling with the standard's rule
// (booking.mjs); the search in the header, its results, the case list's
// pages and filters and the access log found by a search (search.mjs);
// another municipality's case is "not
// found"; logging out, after which neither a reload nor the back button
// shows anything but the login; the quality standard for every role,
// each rule with its source, the reasons a course may end (and the close
// form that offers them) and the standard's own revision, with its
// warning when overdue; no console error or CSP violation on
// any screen; axe-core on every screen (no serious or critical
// violation); screenshots of every screen at 1366x768 and 390x844 in
// tests/browser/screenshots/; and the time until each page is
// interactive, from the Performance API, as TAP comments. Then the same
// app against `genop demo`'s database (GENOP_DEMO_URL, with the logins
// it printed in GENOP_DEMO_LOGINS): every case of every municipality.
// The leder's set-up pages: locations and rooms, each terapeut's
// profession, hours and absences, and the holidays opened for booking
// (setup.mjs). Ledelsesinformation on the demo's database: its numbers and
// charts against GET /api/v1/report, the choice of period and paragraph,
// the workbook (ledelse.mjs). The public page without login, on screen,
// on a phone and printed (public.mjs).

import { chromium } from 'playwright-core';
import { readFileSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { seed, ApiClient, GRANT, isoDaysAgo } from './seed.mjs';
import { testAdmission } from './admission.mjs';
import { testTasks } from './tasks.mjs';
import { testCriteria } from './criteria.mjs';
import { testDecision } from './decision.mjs';
import { testLetters } from './letters.mjs';
import { testClosing } from './closing.mjs';
import { testComplaints } from './complaints.mjs';
import { testCasepage } from './casepage.mjs';
import { testAssign } from './assign.mjs';
import { testIdentity } from './identity.mjs';
import { testUsers } from './users.mjs';
import { testSearch } from './search.mjs';
import { testCalendar } from './calendar.mjs';
import { testSetup } from './setup.mjs';
import { testTeams } from './teams.mjs';
import { testBooking } from './booking.mjs';
import { testLedelse } from './ledelse.mjs';
import { testPublic } from './public.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);
const AXE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const BASE = process.env.GENOP_URL;
const PASSWORD = process.env.GENOP_PASSWORD;
const SHOTS = path.join(here, 'screenshots');
mkdirSync(SHOTS, { recursive: true });

const USERS = {
  rodovre: { visitator: 'rod.visitator', terapeut: 'rod.terapeut', leder: 'rod.leder', admin: 'rod.admin',
    terapeut2: 'rod.terapeut2' },
  aalborg: { visitator: 'aal.visitator' },
};
const SIZES = [
  { name: '1366', viewport: { width: 1366, height: 768 } },
  { name: '390', viewport: { width: 390, height: 844 } },
];

// ---- TAP ---------------------------------------------------------------
let n = 0;
let failed = 0;
function ok(cond, name, ...details) {
  n += 1;
  if (cond) console.log(`ok ${n} - ${name}`);
  else {
    failed += 1;
    console.log(`not ok ${n} - ${name}`);
    for (const d of details) for (const line of String(typeof d === 'string' ? d : JSON.stringify(d, null, 1)).split('\n')) console.log(`#   ${line}`);
  }
  return cond;
}
const comment = (text) => console.log(`# ${text}`);

// ---- browser helpers ---------------------------------------------------
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  headless: true,
  // Playwright gives every launch a fresh, empty --user-data-dir of its own.
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});

const timings = [];
const axeSummary = [];

async function newPage(size = SIZES[0]) {
  const context = await browser.newContext({ viewport: size.viewport, locale: 'da-DK', timezoneId: 'Europe/Copenhagen' });
  const page = await context.newPage();
  page.problems = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error') {
      const text = msg.text();
      // A 4xx/5xx the app asked for and handles (401 before login, the
      // 404 of another municipality's case, a 422, the 409 of a known CPR
      // number with another name) is reported by the browser as a failed
      // resource; anything else is a problem.
      if (/Failed to load resource: the server responded with a status of (401|404|409|422)/.test(text)) return;
      page.problems.push(text);
    }
  });
  page.on('pageerror', (err) => page.problems.push(`pageerror: ${err.message}`));
  return { context, page };
}

const readyCount = (page) => page.evaluate(() => performance.getEntriesByName('genop:ready').length);

// Runs action (a click, a hash change) and waits for the next view to be ready.
async function navigate(page, action) {
  const before = await readyCount(page);
  await action();
  await page.waitForFunction((b) => performance.getEntriesByName('genop:ready').length > b, before, { timeout: 10000 });
  return page.evaluate(() => {
    const ready = performance.getEntriesByName('genop:ready').at(-1);
    const start = performance.getEntriesByName('genop:navigate').at(-1);
    return { view: document.body.dataset.view, ms: start && start.startTime <= ready.startTime ? ready.startTime - start.startTime : ready.startTime };
  });
}

// Waits for the app's first "genop:ready" mark in a fresh document, with a
// promise in the page rather than page.waitForFunction: that first
// evaluates Playwright's injected script (some hundred kB) on the main
// thread of the page being timed, which added 50-150 ms to the first
// load's time on the 2-core test machine.
const firstReady = (page, ms = 10000) => page.evaluate((timeout) => new Promise((resolve, reject) => {
  const seen = () => performance.getEntriesByName('genop:ready').length > 0;
  if (seen()) return resolve();
  const observer = new PerformanceObserver(() => {
    if (seen()) {
      observer.disconnect();
      resolve();
    }
  });
  observer.observe({ type: 'mark' });
  setTimeout(() => reject(new Error('no genop:ready mark')), timeout);
}), ms);

// Loads url from scratch and waits for the first view.
async function load(page, url) {
  await page.goto(url);
  await firstReady(page);
  return page.evaluate(() => ({ view: document.body.dataset.view, ms: performance.getEntriesByName('genop:ready').at(-1).startTime }));
}

function timing(label, t) {
  timings.push({ label, ms: t.ms });
  comment(`time to interactive: ${label}: ${t.ms.toFixed(1)} ms`);
}

async function login(page, username, password = PASSWORD) {
  await page.fill('#login-user', username);
  await page.fill('#login-pass', password);
  return navigate(page, () => page.click('form.login-form button[type=submit]'));
}

async function axe(page, label) {
  await page.evaluate(AXE);
  const result = await page.evaluate(() => window.axe.run(document, {
    runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] },
  }));
  const bad = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  const minor = result.violations.filter((v) => !bad.includes(v));
  axeSummary.push({ label, passes: result.passes.length, serious: bad.length, other: minor.map((v) => `${v.id} (${v.impact})`) });
  ok(bad.length === 0, `axe: no serious or critical violations on ${label}`,
    bad.map((v) => `${v.id} (${v.impact}): ${v.help} -> ${v.nodes.slice(0, 3).map((x) => x.target.join(' ')).join(', ')}`).join('\n'));
  if (minor.length) comment(`axe on ${label}: minor/moderate: ${minor.map((v) => `${v.id} (${v.impact})`).join(', ')}`);
}

async function shot(page, name) {
  await page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });
}

function noProblems(page, label) {
  ok(page.problems.length === 0, `no console errors or CSP violations: ${label}`, page.problems.join('\n'));
  page.problems.length = 0;
}

const text = (page, sel) => page.locator(sel).innerText();
// Opens "Flere" on the case page when the action's button is behind it
// (what cannot happen next at the case's stage: views/forms.js).
async function reveal(page, type) {
  const more = page.locator('#more-actions');
  if (await more.count() && await more.locator(`button[data-action="${type}"]`).count() &&
      !(await more.evaluate((d) => d.open))) await more.locator('summary').click();
}
const daDate = (iso) => iso.split('-').reverse().join('.');

// ---- the tests -----------------------------------------------------------
async function main() {
  const api = new ApiClient(BASE);
  const ids = await seed(BASE, USERS, PASSWORD);
  ok(true, 'seeded cases through the API');

  // Headers of the page itself.
  const r = await api.request('GET', '/');
  ok(/script-src 'self'/.test(r.headers.get('content-security-policy') || '') && r.headers.get('x-content-type-options') === 'nosniff',
    'the page is served with the CSP and nosniff');

  await testLoginAndRoles();
  await testWorklist(ids);
  await testCasePage(ids);
  await testForms(ids);
  await testUdredning();
  await testReferral();
  await testReferralEligibility();
  await testOtherMunicipality(ids);
  await testLogout();
  await testStandard();
  await testClosureReasons();
  await testRevision();
  await testScreens(ids);
  await testCaseWalk();
  await testDemo();
  await testAdmission({ ok, newPage, load, login, navigate, axe, shot, text, noProblems, daDate, SIZES });
  await testTasks({ ok, newPage, load, login, navigate, axe, shot, text, noProblems, daDate, SIZES });
  await testClosing({ ok, newPage, load, login, navigate, axe, shot, text, noProblems, daDate, reveal, SIZES });
  await testComplaints({ ok, newPage, load, login, navigate, axe, shot, text, noProblems, daDate, reveal, SIZES });
  await testAssign({ ok, newPage, load, login, navigate, axe, shot, text, noProblems, daDate, SIZES, BASE, PASSWORD, USERS });
  await testIdentity({ ok, newPage, load, login, navigate, axe, shot, text, noProblems, daDate, SIZES, BASE, PASSWORD, USERS });
  await testUsers({ ok, newPage, load, login, navigate, axe, shot, text, noProblems, SIZES, BASE, PASSWORD });
  // It adds cases to the first server's Rødovre and Aalborg.
  await testSearch({ ok, newPage, load, login, navigate, axe, shot, text, noProblems, daDate, SIZES,
    BASE, USERS, PASSWORD });
  // After the search, whose case list counts Rødovre's refused cases: it
  // refuses two more.
  await testCriteria({ ok, newPage, load, login, navigate, axe, shot, text, noProblems, SIZES, BASE, PASSWORD, USERS });
  // After the search, whose counts of Rødovre's cases (a second page,
  // one refused case) it would change.
  await testCasepage({ ok, newPage, load, login, navigate, axe, shot, text, noProblems, daDate, reveal, SIZES, BASE, USERS, PASSWORD });
  // Last: it grants two more Rødovre cases, which the counts above would see.
  await testDecision({ ok, newPage, load, login, navigate, axe, shot, text, noProblems, daDate, reveal, SIZES, BASE, USERS, PASSWORD });
  // After it: its Rødovre cases are granted, the counts above are done.
  await testLetters({ ok, newPage, load, login, navigate, axe, shot, text, noProblems, daDate, reveal, SIZES, BASE, USERS, PASSWORD });
  // Kalender (calendar.mjs): last, it adds Rødovre cases and a calendar.
  await testCalendar({ ok, newPage, load, login, navigate, axe, shot, text, noProblems, daDate, SIZES, BASE, PASSWORD, USERS });
  // The leder's set-up pages: a new location and terapeut of its own,
  // and a holiday of next year opened and closed again.
  await testSetup({ ok, newPage, load, login, navigate, axe, shot, text, noProblems, SIZES, BASE, PASSWORD });
  // After the letters: it adds two Rødovre cases, a centre and a team.
  await testTeams({ ok, newPage, load, login, navigate, axe, shot, text, noProblems, SIZES, BASE, USERS, PASSWORD });
  // "Book tid" (booking.mjs): its own Skive users and case.
  await testBooking({ ok, newPage, load, login, navigate, axe, shot, text, noProblems, SIZES, BASE, PASSWORD });
  // Ledelsesinformation (ledelse.mjs): on the demo's database, as its
  // Aalborg leder; it only reads.
  await testLedelse({ ok, newPage, load, login, navigate, axe, shot, text, noProblems, SIZES });
  // The public page (public.mjs): no login, on the demo's database and a
  // history of its own (genop demo --cases, served by a genop of its own).
  await testPublic({ ok, newPage, axe, shot, noProblems, SIZES });

  comment('timings (ms): ' + timings.map((t) => `${t.label}=${t.ms.toFixed(0)}`).join(', '));
  const worst = timings.reduce((a, b) => (b.ms > a.ms ? b : a), { ms: 0, label: '-' });
  comment(`slowest page: ${worst.label} ${worst.ms.toFixed(1)} ms (budget 300 ms)`);
  for (const a of axeSummary) comment(`axe ${a.label}: ${a.passes} rules passed, ${a.serious} serious/critical, other: ${a.other.join(', ') || 'none'}`);
}

async function testLoginAndRoles() {
  const { context, page } = await newPage();
  const first = await load(page, BASE + '/');
  timing('login (first load)', first);
  ok(first.view === 'login' && await page.locator('h1').innerText() === 'Log ind', 'not logged in: the login page');
  ok(await page.locator('label[for=login-user]').innerText() === 'Brugernavn' &&
     await page.locator('label[for=login-pass]').innerText() === 'Adgangskode', 'login fields have labels');
  // dates.js in the browser itself (module import under the page's CSP).
  const dates = await page.evaluate(async () => {
    const d = await import('/dates.js');
    return [d.longDate('2025-04-10'), d.shortDate('2025-04-10'), d.longDate('2024-02-29'),
      d.parseDanishDate('10.4.2025'), d.parseDanishDate('31.02.2025'), d.parseDanishDate('2025-04-10'),
      d.dateTime('2025-04-10T08:15:00.000Z'), d.dateTime('2025-01-10T23:30:00.000Z'), d.ageOn('1949-06-15', '2025-06-14')];
  });
  ok(JSON.stringify(dates) === JSON.stringify(['torsdag 10. april 2025', '10.04.2025', 'torsdag 29. februar 2024',
    '2025-04-10', null, '2025-04-10', '10.04.2025 kl. 10.15', '11.01.2025 kl. 00.30', 75]),
  'dates in Danish: long, short, typed, times in Danish time', dates);
  await page.fill('#login-user', USERS.rodovre.visitator);
  await page.fill('#login-pass', 'forkert-adgangskode');
  await page.click('form.login-form button[type=submit]');
  await page.waitForSelector('#login-error:not(:empty)');
  ok(/Forkert brugernavn eller adgangskode/.test(await text(page, '#login-error')),
    'a wrong password shows the server\'s Danish message', await text(page, '#login-error'));
  await context.close();

  for (const role of ['visitator', 'terapeut', 'leder', 'admin']) {
    const { context: c, page: p } = await newPage();
    await load(p, BASE + '/');
    const t = await login(p, USERS.rodovre[role]);
    timing(`after login as ${role}`, t);
    const who = await text(p, '#who');
    ok(who.includes('Rødovre Kommune') && who.includes(USERS.rodovre[role]),
      `log in as ${role}: name, role and municipality shown`, who);
    if (role === 'admin') {
      ok(t.view === 'adgangslog', 'admin lands on the access log (no case data)', t.view);
      const menu = await p.locator('#nav a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
      ok(JSON.stringify(menu) === JSON.stringify(['#/adgangslog', '#/brugere', '#/brugerlog', '#/kvalitetsstandard',
        '#/steder']),
      'admin: only the access log, the users, their log, the quality standard and the places in the menu', menu);
    } else {
      ok(t.view === 'opgaver' && (await p.locator('#worklist tbody tr').count()) > 0,
        `${role} lands on Opgaver with items`, t.view);
    }
    ok(await p.evaluate(() => localStorage.length === 0 && sessionStorage.length === 0),
      `${role}: nothing in local or session storage`);
    noProblems(p, `login as ${role}`);
    await c.close();
  }
}

async function testWorklist(ids) {
  const { context, page } = await newPage();
  await load(page, BASE + '/');
  await login(page, USERS.rodovre.visitator);
  const rows = page.locator('#worklist tbody tr');
  const count = await rows.count();
  const statuses = await rows.locator('td:first-child').allInnerTexts();
  for (const s of ['Overskredet', 'Forfalder i dag', 'Inden for 2 hverdage', 'Senere']) {
    ok(statuses.some((x) => x.includes(s)), `worklist shows the status "${s}" in words`, statuses);
  }
  const classes = await rows.evaluateAll((trs) => trs.map((tr) => tr.className));
  ok(classes.some((c) => c.includes('status-overdue')) && classes.some((c) => c.includes('status-today')),
    'worklist rows are coloured by status', classes);
  const dues = await rows.locator('time').evaluateAll((ts) => ts.map((t) => t.getAttribute('datetime')));
  ok(dues.every((d, i) => i === 0 || dues[i - 1] <= d), 'soonest deadline first', dues);
  const shown = await rows.locator('td[data-label=Forfalder] time').first().innerText();
  ok(/^\d{2}\.\d{2}\.\d{4}$/.test(shown), 'dates shown as dd.mm.åååå', shown);
  const lead = await text(page, '.page-head .lead');
  ok(/(mandag|tirsdag|onsdag|torsdag|fredag|lørdag|søndag) \d{1,2}\. [a-zæøå]+ \d{4}/.test(lead), 'long Danish date in the heading', lead);
  ok(await page.locator('label[for=filter-kind]').count() === 1 && await page.locator('label[for=filter-paragraph]').count() === 1,
    'filters have labels');

  await page.selectOption('#filter-kind', 'contact');
  const contactRows = await rows.count();
  const kinds = await rows.locator('td[data-label="Frist eller opgave"] .task-label').allInnerTexts();
  ok(contactRows > 0 && contactRows < count && kinds.every((k) => k === 'Kontakt til borgeren'),
    'filter by kind of deadline', { count, contactRows, kinds });
  ok(/Viser \d+ af \d+/.test(await text(page, '#worklist-count')), 'the count of shown rows is announced');
  await page.selectOption('#filter-kind', '');
  await page.selectOption('#filter-paragraph', '86.2');
  ok(await rows.count() === 0 && await page.locator('.empty').isVisible(), 'filter by paragraph (none under stk. 2)');
  await page.selectOption('#filter-paragraph', '86.1');
  ok(await rows.count() === count, 'filter by paragraph (all under stk. 1)');
  await page.selectOption('#filter-paragraph', '');

  // Keyboard only: tab to the first case link and press Enter.
  const link = page.locator(`#worklist a[href="#/sag/${ids.overdue}"]`).first();
  await link.focus();
  const t = await navigate(page, () => page.keyboard.press('Enter'));
  timing('case page from the worklist', t);
  ok(t.view === 'sag' && page.url().endsWith(`#/sag/${ids.overdue}`), 'a worklist row opens its case (keyboard)');
  ok(!/[0-9]{6}-?[0-9x]{4}/.test(page.url()) && !page.url().includes('Karen'), 'no CPR number or name in the URL', page.url());
  ok(await page.evaluate(() => document.activeElement && document.activeElement.tagName === 'H1'),
    'focus moves to the page heading after navigation');
  ok((await page.title()).startsWith('Karen Jensen'), 'the document title names the page', await page.title());
  noProblems(page, 'worklist');
  await context.close();
}

async function testCasePage(ids) {
  const api = new ApiClient(BASE);
  await api.login(USERS.rodovre.visitator, PASSWORD);
  const want = await api.must('GET', `/api/v1/cases/${ids.overdue}`);
  const { context, page } = await newPage();
  await load(page, BASE + '/');
  await login(page, USERS.rodovre.visitator);
  const t = await navigate(page, () => page.evaluate((id) => { location.hash = `#/sag/${id}`; }, ids.overdue));
  timing('case page (hash navigation)', t);
  const deadlines = page.locator('#deadlines > li');
  ok(await deadlines.count() === want.evaluation.deadlines.length && want.evaluation.deadlines.length > 0,
    'every deadline of the evaluation is shown', await deadlines.count());
  let sourcesOk = true;
  for (const d of want.evaluation.deadlines) {
    const li = page.locator(`#deadlines > li[data-deadline="${d.id}"]`);
    const body = await li.innerText();
    if (!body.includes(d.source) || !body.includes(d.rule) || !body.includes(d.label)) sourcesOk = false;
  }
  ok(sourcesOk, 'each deadline shows its label, rule and source in the standard\'s words');
  const contact = await page.locator('#deadlines > li[data-deadline="contact"]').innerText();
  ok(contact.includes('Overskredet') && /(mandag|tirsdag|onsdag|torsdag|fredag|lørdag|søndag) \d{1,2}\. [a-zæøå]+ \d{4}/.test(contact),
    'the overdue deadline: status in words and its due date in Danish', contact);
  const citizen = await text(page, 'section[aria-labelledby=sec-citizen]');
  ok(citizen.includes('Karen Jensen') && citizen.includes('010145-1234'), 'the visitator sees the citizen with the full CPR number');
  ok(citizen.includes('Rødovre Kommune (kommunekode 175)'), 'the citizen\'s municipality is named beside its code', citizen);
  noProblems(page, 'case page');

  // The rich case: limits, attendance warning, timeline with authors.
  await navigate(page, () => page.evaluate((id) => { location.hash = `#/sag/${id}`; }, ids.rich));
  const bars = page.locator('#limits progress');
  ok(await bars.count() >= 1, 'limits are shown as bars');
  const limitText = await text(page, '#limits');
  ok(/5 af højst 32 træningsgange/.test(limitText), 'a limit in words: used of max', limitText);
  ok(await page.locator('#attendance-warning').isVisible() &&
     /grænsen for fremmøde er nået/.test(await text(page, '#attendance-warning')), 'the attendance warning at the review limit');
  const timeline = page.locator('#timeline > li');
  ok(await timeline.count() === 11, 'the timeline holds every event', await timeline.count());
  const first = await timeline.first().innerText();
  ok(first.includes('Henvendelse modtaget') && /Registreret \d{2}\.\d{2}\.\d{4} kl\. \d{2}\.\d{2} af rod\.visitator/.test(first),
    'each event shows its author and registration time', first);
  ok(/Rettet ved hændelse nr\. \d+/.test(await text(page, '#timeline')), 'a corrected event says what corrected it');
  await context.close();

  // The leder sees the case without the full CPR number and can open the access log.
  const { context: c2, page: p2 } = await newPage();
  await load(p2, BASE + `/#/sag/${ids.rich}`);
  await login(p2, USERS.rodovre.leder);
  await p2.waitForSelector('#deadlines, #sec-deadlines');
  const side = await text(p2, 'section[aria-labelledby=sec-citizen]');
  ok(side.includes('150649-xxxx') && !side.includes('150649-1234'), 'a leder sees the CPR number masked, as the API gives it', side);
  ok(await p2.locator('section[aria-labelledby=sec-actions]').count() === 0, 'a leder has no action buttons');
  const t2 = await navigate(p2, () => p2.click('text=Se adgangsloggen for borgeren'));
  timing('access log', t2);
  ok(t2.view === 'adgangslog' && await p2.locator('#accesslog tbody tr').count() > 0, 'the leder sees the citizen\'s access log');
  noProblems(p2, 'leder case page and access log');
  await c2.close();
}

async function testForms(ids) {
  const { context, page } = await newPage();
  await load(page, BASE + `/`);
  await login(page, USERS.rodovre.terapeut);
  await navigate(page, () => page.evaluate((id) => { location.hash = `#/sag/${id}`; }, ids.later));
  ok(await page.locator('button[data-action=decision]').count() === 0 &&
     await page.locator('button[data-action=contacted]').count() === 1, 'a terapeut gets the training unit\'s actions only');
  const before = await page.locator('#timeline > li').count();
  await page.click('button[data-action=contacted]');
  ok(await page.evaluate(() => document.activeElement.id === 'form-contacted-date'), 'opening a form moves focus into it');
  await page.fill('#form-contacted-text', 'Ringet op; <b>tid</b> aftalt.');
  await navigate(page, () => page.click('#form-contacted button[type=submit]'));
  await page.waitForSelector('#case-flash:not(:empty)');
  const after = await page.locator('#timeline > li').count();
  const timeline = await text(page, '#timeline');
  ok(after === before + 1 && timeline.includes('Kontakt til borgeren') && timeline.includes('Ringet op; <b>tid</b> aftalt.') &&
     timeline.includes('af rod.terapeut'), 'a registered contact appears in the timeline, text as text', timeline);
  ok(/Overholdt/.test(await text(page, '#deadlines > li[data-deadline="contact"]')), 'and the contact deadline is met');

  // The API refuses a session before any grant and names $.date: its
  // message beside the date field.
  await reveal(page, 'session');
  await page.click('button[data-action=session]');
  await page.selectOption('#form-session-outcome', 'attended');
  await page.click('#form-session button[type=submit]');
  await page.waitForSelector('#form-session-date-error:not(:empty)');
  const err = await text(page, '#form-session-date-error');
  ok(/bevilling/.test(err) && await text(page, '#form-session-error') === '' &&
     await page.getAttribute('#form-session-date', 'aria-invalid') === 'true',
  'a refused event shows the API\'s Danish reason beside the field it names', err);
  await page.keyboard.press('Escape');
  ok(await page.locator('#form-session').count() === 0 &&
     await page.evaluate(() => document.activeElement.dataset.action === 'session'), 'Escape closes the form and returns focus');
  // A note dated in the future: the API names $.date, shown beside the date field.
  await page.click('button[data-action=note]');
  await page.fill('#form-note-date', daDate(isoDaysAgo(-30)));
  await page.fill('#form-note-text', 'Notat');
  await page.click('#form-note button[type=submit]');
  await page.waitForSelector('#form-note-date-error:not(:empty)');
  const dateErr = await text(page, '#form-note-date-error');
  ok(/fremtiden/.test(dateErr) && await page.getAttribute('#form-note-date', 'aria-invalid') === 'true' &&
     await page.evaluate(() => document.activeElement.id === 'form-note-date'),
    'a future date: the API\'s message beside the date field, focus on it', dateErr);
  await page.keyboard.press('Escape');
  // A note with nothing in it is refused before it is sent.
  await page.click('button[data-action=note]');
  await page.click('#form-note button[type=submit]');
  ok(await text(page, '#form-note-text-error') === 'Skal udfyldes.', 'a required field left empty is named');
  noProblems(page, 'forms');
  await context.close();

  // The visitator decides: a refusal needs its reasons.
  const { context: c2, page: p2 } = await newPage();
  await load(p2, BASE + `/#/sag/${ids.soon}`);
  await login(p2, USERS.rodovre.visitator);
  await p2.waitForSelector('button[data-action=decision]');
  await p2.click('button[data-action=decision]');
  await p2.check('#form-decision-granted-1');
  await p2.click('#form-decision button[type=submit]');
  ok(/kriterium/.test(await text(p2, '#form-decision-reasons-0-criterion-error')), 'a refusal without reasons is not sent');
  await p2.check('#form-decision-granted-0');
  // What is granted (letters.md section 1): the defaults, changed here and
  // there, go with the decision.
  ok(await p2.inputValue('#form-decision-minutes_per_session') === '45',
    'the decision form offers 45 minutes a session by default');
  await p2.selectOption('#form-decision-form', 'individual');
  await p2.fill('#form-decision-sessions_per_week', '3');
  await navigate(p2, () => p2.click('#form-decision button[type=submit]'));
  ok((await text(p2, '#timeline')).includes('bevilling'), 'a granted decision appears in the timeline');
  const api2 = new ApiClient(BASE);
  await api2.login(USERS.rodovre.visitator, PASSWORD);
  const decided = ((await api2.must('GET', `/api/v1/cases/${ids.soon}`)).events || [])
    .filter((e) => e.type === 'decision').pop() || {};
  const g = decided.grant || {};
  ok(g.form === 'individual' && g.place === 'centre' && g.sessions_per_week === 3
    && g.minutes_per_session === 45 && g.transport === false && Array.isArray(g.exceptions),
  'the decision form sends what is granted', JSON.stringify(decided));
  await c2.close();
}

// "Udredning" on the case page: a terapeut registers the start status and
// the end status of a course through the form (levels chosen with the
// keyboard in one area, goals written, then marked reached or not), the
// API's refusal of a status dated before the referral is shown beside
// the date field, and the table shows each condition's level at start
// and end and the change, and the goals with whether they were reached.
// Keyboard use, labels on every field, axe and screenshots at both sizes.
async function testUdredning() {
  const api = new ApiClient(BASE);
  await api.login(USERS.rodovre.visitator, PASSWORD);
  const id = (await api.must('POST', '/api/v1/cases', {
    citizen: { cpr: '0303431234', name: 'Else Udredning', address: 'Rødovrevej 1, 2610 Rødovre' },
    referral: { date: isoDaysAgo(20), paragraph: '86.1', source: 'egen læge', condition: 'hofte', consent: true },
  })).id;
  await api.must('POST', `/api/v1/cases/${id}/events`, { type: 'decision', date: isoDaysAgo(18), granted: true, grant: GRANT });

  const { context, page } = await newPage();
  await load(page, BASE + '/');
  await login(page, USERS.rodovre.terapeut);
  await navigate(page, () => page.evaluate((i) => { location.hash = `#/sag/${i}`; }, id));
  const section = page.locator('#udredning');
  ok(await section.isVisible() && (await section.innerText()).includes('ikke registreret endnu') &&
     await page.locator('#udredning button[data-action=status-end]').count() === 0,
  'Udredning: no status yet, and only the start status can be registered');
  await page.click('#udredning button[data-action=status-start]');
  ok(await page.evaluate(() => document.activeElement.id === 'form-status-start-date'), 'Udredning: the form opens with focus on its date');
  const unlabelled = await page.evaluate(() => [...document.querySelectorAll('#form-status-start input, #form-status-start select, #form-status-start textarea')]
    .filter((el) => !el.labels || el.labels.length === 0).map((el) => el.id));
  ok(unlabelled.length === 0 && await page.locator('#form-status-start select').count() >= 30,
    'Udredning: a labelled level select for every FSIII condition, every field labelled', unlabelled);
  const options = await page.locator('#form-status-start select').first().locator('option')
    .evaluateAll((os) => os.map((o) => o.textContent));
  ok(JSON.stringify(options) === JSON.stringify(['Ikke vurderet', '0 – Ingen/ubetydelige begrænsninger', '1 – Lette begrænsninger',
    '2 – Moderate begrænsninger', '3 – Svære begrænsninger', '4 – Totale begrænsninger', '9 – Ikke relevant']),
  'Udredning: the levels 0-4 and 9 with FSIII\'s Danish names', options);
  await page.click('#form-status-start button[type=submit]');
  ok(/mindst én funktionsevnetilstand/.test(await text(page, '#form-status-start-levels-error')) &&
     await page.evaluate(() => document.activeElement.tagName === 'SELECT'),
  'Udredning: a status without any level is not sent; focus goes to the first select');

  // Keyboard: open Mobilitet, choose Gå = 3 with the arrow keys.
  const mobility = page.locator('#form-status-start details.area summary', { hasText: 'Mobilitet' });
  await mobility.focus();
  await page.keyboard.press('Enter');
  const gaa = page.locator('#form-status-start select[data-code="51697715-965a-40f3-b4a5-819103bf9d49"]');
  ok(await gaa.isVisible(), 'Udredning: an area opens from the keyboard');
  await gaa.focus();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  ok(await gaa.inputValue() === '3', 'Udredning: a level chosen with the keyboard', await gaa.inputValue());
  // (Egenomsorg, the first area, was opened by the error above.)
  await page.selectOption('#form-status-start select[data-code="4d46bd94-9518-431c-82e8-ebb91bca307a"]', '2');
  ok((await text(page, '#form-status-start')).includes('(1 af 10 vurderet)'), 'Udredning: each area counts its chosen levels');
  await page.fill('#form-status-start-goal-1', 'Gå til Netto selv');
  await page.fill('#form-status-start-goal-2', 'Tage bad uden hjælp');
  // Dated before the referral: the API names $.date, shown beside the date.
  await page.fill('#form-status-start-date', daDate(isoDaysAgo(25)));
  await page.click('#form-status-start button[type=submit]');
  await page.waitForSelector('#form-status-start-date-error:not(:empty)');
  const dateErr = await text(page, '#form-status-start-date-error');
  ok(/før henvendelsen/.test(dateErr) && !dateErr.startsWith('$') &&
     await page.getAttribute('#form-status-start-date', 'aria-invalid') === 'true' &&
     await page.evaluate(() => document.activeElement.id === 'form-status-start-date'),
  'Udredning: the API\'s refusal beside the date field it names, focus on it', dateErr);
  await page.fill('#form-status-start-date', daDate(isoDaysAgo(15)));
  await navigate(page, () => page.click('#form-status-start button[type=submit]'));
  await page.waitForSelector('#case-flash:not(:empty)');
  ok((await text(page, '#case-flash')).includes('startstatus'), 'Udredning: the start status is registered');
  const gaaRow = () => text(page, '#effect-table tr[data-code="51697715-965a-40f3-b4a5-819103bf9d49"]');
  let row = await gaaRow();
  ok(row.includes('Gå') && row.includes('3 – Svære begrænsninger') && row.includes('Afventer slutstatus'),
    'Udredning: the table shows the start level, the end still to come', row);
  ok((await text(page, '#goals-table')).includes('Gå til Netto selv') &&
     (await text(page, '#timeline')).includes('startstatus, 2 funktionsevnetilstande vurderet, 2 mål'),
  'Udredning: the goals in their table, the status in the timeline');

  // The end status: the areas assessed at start are open, with the start level beside.
  await page.click('#udredning button[data-action=status-end]');
  const endGaa = page.locator('#form-status-end select[data-code="51697715-965a-40f3-b4a5-819103bf9d49"]');
  ok(await endGaa.isVisible() &&
     (await text(page, '#form-status-end')).includes('Ved start: 3 – Svære begrænsninger'),
  'Udredning: the end form opens the areas assessed at start and shows the start level');
  await endGaa.selectOption('1');
  await page.selectOption('#form-status-end select[data-code="4d46bd94-9518-431c-82e8-ebb91bca307a"]', '2');
  await page.check('#form-status-end-goal-1-0');
  await page.click('#form-status-end button[type=submit]');
  ok(await text(page, '#form-status-end-goal-2-error') === 'Vælg, om målet er nået.',
    'Udredning: each goal must be marked reached or not');
  await page.check('#form-status-end-goal-2-1');
  await shot(page, 'sag-udredning-formular-1366');
  await axe(page, 'Sagen with the Udredning form (1366)');
  await page.fill('#form-status-end-date', daDate(isoDaysAgo(1)));
  await navigate(page, () => page.click('#form-status-end button[type=submit]'));
  await page.waitForSelector('#case-flash:not(:empty)');
  row = await gaaRow();
  const vask = await text(page, '#effect-table tr[data-code="4d46bd94-9518-431c-82e8-ebb91bca307a"]');
  ok(row.includes('3 – Svære begrænsninger') && row.includes('1 – Lette begrænsninger') && row.includes('Forbedret 2 niveauer') &&
     vask.includes('Uændret'), 'Udredning: start level, end level and the change per condition', { row, vask });
  const summary = await text(page, '#effect-summary');
  ok(summary.includes('Forbedret på 1 af 2 funktionsevnetilstande, uændret på 1, forværret på 0.') && summary.includes('1 af 2 mål er nået.'),
    'Udredning: the effect in words', summary);
  const goals = await page.locator('#goals-table tbody tr').allInnerTexts();
  ok(goals.length === 2 && goals[0].includes('Gå til Netto selv') && goals[0].includes('Nået') && goals[1].includes('Ikke nået'),
    'Udredning: each goal with whether it was reached', goals);
  ok(await page.locator('#udredning button[data-action^=status]').count() === 0, 'Udredning: nothing more to register once both are in');
  await page.locator('#udredning').scrollIntoViewIfNeeded();
  await shot(page, 'sag-udredning-1366');
  await axe(page, 'Sagen with the Udredning table (1366)');
  noProblems(page, 'Udredning');
  await context.close();

  // The same case on a phone, and read by a leder (who registers nothing).
  const { context: c2, page: p2 } = await newPage(SIZES[1]);
  await load(p2, BASE + `/#/sag/${id}`);
  await login(p2, USERS.rodovre.leder);
  await p2.waitForSelector('#effect-table');
  const overflow = await p2.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  ok(overflow <= 0 && await p2.locator('#udredning button').count() === 0,
    'Udredning at 390 px: nothing wider than the window; a leder only reads it', overflow);
  await p2.locator('#udredning').scrollIntoViewIfNeeded();
  await shot(p2, 'sag-udredning-390');
  await axe(p2, 'Sagen with the Udredning table (390)');
  noProblems(p2, 'Udredning at 390 px');
  await c2.close();

  // The form on a phone.
  const { context: c3, page: p3 } = await newPage(SIZES[1]);
  const other = (await api.must('POST', '/api/v1/cases', {
    citizen: { cpr: '0404441234', name: 'Ove Udredning' },
    referral: { date: isoDaysAgo(3), paragraph: '86.1', source: 'egen læge', condition: 'knæ', consent: true },
  })).id;
  await load(p3, BASE + `/#/sag/${other}`);
  await login(p3, USERS.rodovre.terapeut);
  await p3.waitForSelector('#udredning button[data-action=status-start]');
  await p3.click('#udredning button[data-action=status-start]');
  await p3.locator('#form-status-start details.area summary', { hasText: 'Mobilitet' }).click();
  await p3.fill('#form-status-start-goal-1', 'Cykle til arbejde igen');
  await p3.click('#form-status-start button[type=submit]');
  const overflow3 = await p3.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  ok(overflow3 <= 0, 'Udredning form at 390 px: nothing wider than the window', overflow3);
  await p3.locator('#form-status-start').scrollIntoViewIfNeeded();
  await shot(p3, 'sag-udredning-formular-390');
  await axe(p3, 'Sagen with the Udredning form and an error (390)');
  noProblems(p3, 'Udredning form at 390 px');
  await c3.close();
}

async function testReferral() {
  const { context, page } = await newPage();
  await load(page, BASE + '/');
  await login(page, USERS.rodovre.visitator);
  const t = await navigate(page, () => page.click('#nav a[data-route="ny-henvendelse"]'));
  timing('Ny henvendelse', t);
  ok(t.view === 'ny-henvendelse', 'a visitator opens Ny henvendelse from the menu');
  const labelsOk = await page.evaluate(() => [...document.querySelectorAll('#referral-form input, #referral-form textarea')]
    .every((el) => el.labels && el.labels.length > 0));
  ok(labelsOk, 'every field of the referral form has a label');
  await page.fill('#ref-cpr', '3113031234');
  ok(/ikke en dato/.test(await text(page, '#ref-cpr-error')), 'live CPR check: an impossible date is named at once',
    await text(page, '#ref-cpr-error'));
  await page.fill('#ref-cpr', '240486-1234');
  const derived = await text(page, '#ref-cpr-derived');
  ok(/Født torsdag 24\. april 1986, \d+ år\./.test(derived) && await text(page, '#ref-cpr-error') === '',
    'live CPR check: a valid number shows the birth date and age', derived);
  await page.click('#referral-form button[type=submit]');
  ok(await text(page, '#ref-name-error') === 'Navn skal udfyldes.' &&
     await page.evaluate(() => document.activeElement.id === 'ref-name'), 'a missing name is named beside the field, focus on it');
  await page.fill('#ref-name', 'Mette Frederiksen-Lund');
  await page.fill('#ref-source', 'Hvidovre Hospital');
  await page.check('#ref-paragraph-0');
  await page.fill('#ref-condition', 'hofte');
  await page.fill('#ref-date', daDate(isoDaysAgo(-10)));
  await page.click('#referral-form button[type=submit]');
  await page.waitForSelector('#ref-date-error:not(:empty), #ref-error:not(:empty)');
  const refused = (await text(page, '#ref-date-error')) || (await text(page, '#ref-error'));
  ok(/fremtiden/.test(refused), 'a referral dated in the future: the API\'s message in the form', refused);
  await page.fill('#ref-date', daDate(isoDaysAgo(1)));
  await page.check('#ref-consent');
  const t2 = await navigate(page, () => page.click('#referral-form button[type=submit]'));
  ok(t2.view === 'sag' && /#\/sag\/\d+$/.test(page.url()), 'registering the referral opens the new case', page.url());
  ok((await text(page, 'h1')).startsWith('Mette Frederiksen-Lund') && !page.url().includes('240486'),
    'the new case shows the citizen; the CPR number is not in the URL');
  ok(/Hvidovre Hospital/.test(await text(page, 'section[aria-labelledby=sec-referral]')), 'the referral is on the case');
  noProblems(page, 'Ny henvendelse');
  await context.close();

  const { context: c2, page: p2 } = await newPage();
  await load(p2, BASE + '/#/ny-henvendelse');
  await login(p2, USERS.rodovre.terapeut);
  ok(await p2.locator('#nav a[data-route="ny-henvendelse"]').count() === 0 &&
     await text(p2, 'h1') === 'Siden findes ikke', 'a terapeut has no Ny henvendelse');
  await c2.close();
}

// "Ny henvendelse" checks the standard's eligibility rules as the form is
// filled in (GET /api/v1/standard): in Skive (demo database: minimum age
// 18, residency, hospital plan) a CPR number that makes the citizen 16 on
// the referral date and another municipality's code show both findings
// with the rule's sentence and citation, under their fields on a narrow
// screen too, and a polite live region says them once; the hospital plan
// is a rule to check on the case; age 18 exactly on the referral date
// meets the rule, the day before does not; a resident adult has no
// finding. Rødovre (no age or residency rule) shows neither rule; Ishøj
// shows its quarantine as a rule to check on the case. In Aalborg
// (minimum age 18) a minor's referral is still registered, and the case
// shows the evaluator's finding in the same words as the form did.
// Axe and screenshots at both sizes with the findings shown.
async function testReferralEligibility() {
  const demoUrl = process.env.GENOP_DEMO_URL;
  const logins = (process.env.GENOP_DEMO_LOGINS || '').split(',').filter(Boolean).map((x) => x.split(':'));
  const skive = logins.find((l) => l[0] === 'visitator.skive');
  const ishoj = logins.find((l) => l[0] === 'visitator.ishoj');
  if (!demoUrl || !skive || !ishoj) {
    ok(false, 'eligibility on Ny henvendelse: the demo\'s Skive and Ishøj visitators', logins.map((l) => l[0]));
    return;
  }
  const skiveApi = new ApiClient(demoUrl);
  await skiveApi.login(skive[0], skive[1]);
  const std = await skiveApi.must('GET', '/api/v1/standard');
  const rule = (id) => std.eligibility.find((r) => r.id === id);
  ok(rule('minimum_age') && rule('residency') && rule('hospital_plan_excludes') && !rule('quarantine'),
    'Skive\'s standard has a minimum age, residency and the hospital plan, no quarantine', std.eligibility.map((r) => r.id));

  // A CPR number of someone 16 today (7th digit 4: born 2000-2036).
  const [ty, tm, td] = isoDaysAgo(0).split('-');
  const young = `${tm === '02' && td === '29' ? '28' : td}${tm}${String(Number(ty) - 16).slice(2)}4321`;
  const item = (page, id) => page.locator(`#eligibility li[data-rule="${id}"]`);
  const openForm = async (page, base, user, pass) => {
    await load(page, base + '/');
    await login(page, user, pass);
    await navigate(page, () => page.click('#nav a[data-route="ny-henvendelse"]'));
    await page.waitForSelector('#eligibility .elig-list');
  };

  for (const size of SIZES) {
    const { context, page } = await newPage(size);
    await openForm(page, demoUrl, skive[0], skive[1]);
    ok(await item(page, 'minimum_age').getAttribute('data-state') === 'pending' &&
       await item(page, 'residency').getAttribute('data-state') === 'met' &&
       await page.locator('#eligibility [data-state="finding"]').count() === 0,
    `Skive (${size.name}): before a CPR number the age waits, an empty code is the own municipality, no finding`);
    await page.fill('#ref-cpr', young);
    await page.fill('#ref-municipality_code', '851');
    await page.waitForSelector('#eligibility li[data-rule="residency"][data-state="finding"]');
    const age = await item(page, 'minimum_age').innerText();
    const res = await item(page, 'residency').innerText();
    const ageRule = rule('minimum_age');
    const resRule = rule('residency');
    ok(await item(page, 'minimum_age').getAttribute('data-state') === 'finding' &&
       age.includes('Borgeren var 16 år, da henvendelsen blev modtaget; kravet er mindst 18 år.') &&
       age.includes(ageRule.text) && age.includes(`Kilde: ${ageRule.source.citation}`) && age.includes('Fund'),
    `Skive (${size.name}): a 16-year-old is a finding, with the rule's sentence and source`, age);
    ok(res.includes('Borgeren bor i Aalborg Kommune (kommunekode 851), ikke i Skive Kommune (779).') &&
       res.includes(resRule.text) && res.includes(`Kilde: ${resRule.source.citation}`),
    `Skive (${size.name}): another municipality's code is a finding, with the rule's sentence and source`, res);
    await item(page, 'residency').locator('summary').focus();
    await page.keyboard.press('Enter');
    ok((await item(page, 'residency').innerText()).includes(`»${resRule.source.quote}«`),
      `Skive (${size.name}): the standard's own words open from the keyboard`);
    const hosp = await page.locator('#elig-case li[data-rule="hospital_plan_excludes"]').innerText();
    ok(hosp.includes('Vurderes på sagen') && hosp.includes(rule('hospital_plan_excludes').text) &&
       hosp.includes(`Kilde: ${rule('hospital_plan_excludes').source.citation}`) &&
       await page.locator('#eligibility li[data-rule="quarantine"]').count() === 0,
    `Skive (${size.name}): the hospital plan is to be checked on the case; no quarantine rule, none shown`, hosp);
    ok(await text(page, '#elig-summary') === '2 fund: alder og bopæl.', `Skive (${size.name}): the panel sums up the findings`,
      await text(page, '#elig-summary'));
    await page.waitForFunction(() => /Aalborg Kommune \(kommunekode 851\)/.test(document.getElementById('elig-live').textContent));
    const live = page.locator('#elig-live');
    const said = await live.textContent();
    ok(await live.getAttribute('aria-live') === 'polite' && said.includes('kravet er mindst 18 år') && said.includes('Aalborg Kommune (kommunekode 851)') &&
       await page.locator('#eligibility [role="alert"]').count() === 0,
    `Skive (${size.name}): a polite live region says both findings once typing pauses`, said);
    const cueShown = await page.locator('#ref-cpr-cue').isVisible();
    ok(size.name === '390' ? cueShown && /Fund: Borgeren var 16 år/.test(await text(page, '#ref-cpr-cue')) : !cueShown,
      `Skive (${size.name}): ${size.name === '390' ? 'under the form, so the finding is named under its field too' : 'the panel is beside the form'}`);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    ok(overflow <= 0, `Skive (${size.name}): nothing wider than the window`, overflow);
    await shot(page, `ny-henvendelse-fund-${size.name}`);
    await axe(page, `Ny henvendelse with eligibility findings (${size.name})`);
    noProblems(page, `Ny henvendelse with eligibility findings (${size.name})`);
    await context.close();
  }

  // Exactly 18 on the referral date meets the rule; the day before does not.
  const { context, page } = await newPage();
  await openForm(page, demoUrl, skive[0], skive[1]);
  await page.fill('#ref-cpr', '150607-4321');
  await page.fill('#ref-date', '14.06.2025');
  await page.waitForSelector('#eligibility li[data-rule="minimum_age"][data-state="finding"]');
  ok((await item(page, 'minimum_age').innerText()).includes('Borgeren var 17 år'), 'Skive: 17 the day before the 18th birthday is a finding');
  await page.fill('#ref-date', '15.06.2025');
  await page.waitForSelector('#eligibility li[data-rule="minimum_age"][data-state="met"]');
  ok((await item(page, 'minimum_age').innerText()).includes('Borgeren var 18 år'), 'Skive: 18 on the referral date meets the rule');
  // A resident adult: no finding at all, and the live region says so.
  await page.fill('#ref-date', daDate(isoDaysAgo(0)));
  await page.fill('#ref-cpr', young);
  await page.waitForFunction(() => /kravet er mindst 18 år/.test(document.getElementById('elig-live').textContent));
  await page.fill('#ref-cpr', '010170-1234');
  await page.fill('#ref-municipality_code', '779');
  await page.waitForSelector('#eligibility li[data-rule="minimum_age"][data-state="met"]');
  ok(await page.locator('#eligibility [data-state="finding"]').count() === 0 &&
     await item(page, 'residency').getAttribute('data-state') === 'met' &&
     await text(page, '#elig-summary') === 'Ingen fund.' && await text(page, '#ref-cpr-cue') === '',
  'Skive: a resident adult (own code typed) shows no finding', await text(page, '#eligibility'));
  await page.fill('#ref-municipality_code', '');
  await page.waitForFunction(() => /Ingen fund/.test(document.getElementById('elig-live').textContent));
  ok(await page.locator('#eligibility [data-state="finding"]').count() === 0,
    'Skive: a resident adult (code left empty) shows no finding, and the live region says the findings are gone');
  noProblems(page, 'Ny henvendelse: eligibility at the age boundary');
  await context.close();

  // Ishøj has a quarantine rule: to be checked on the case, with its source.
  const ishojApi = new ApiClient(demoUrl);
  await ishojApi.login(ishoj[0], ishoj[1]);
  const ishojQ = (await ishojApi.must('GET', '/api/v1/standard')).eligibility.find((r) => r.id === 'quarantine');
  const { context: c3, page: p3 } = await newPage();
  await openForm(p3, demoUrl, ishoj[0], ishoj[1]);
  const q = await p3.locator('#elig-case li[data-rule="quarantine"]').innerText();
  ok(ishojQ && q.includes(ishojQ.text) && q.includes(`Kilde: ${ishojQ.source.citation}`) && q.includes('Vurderes på sagen'),
    'Ishøj: the quarantine is shown as a rule to check on the case, with its source', q);
  await c3.close();

  // Rødovre has neither an age nor a residency rule: neither is shown.
  const { context: c4, page: p4 } = await newPage();
  await openForm(p4, BASE, USERS.rodovre.visitator, PASSWORD);
  await p4.fill('#ref-cpr', young);
  await p4.fill('#ref-municipality_code', '851');
  await p4.waitForTimeout(200);
  ok(await p4.locator('#eligibility li[data-rule="minimum_age"], #eligibility li[data-rule="residency"]').count() === 0 &&
     await p4.locator('#eligibility [data-state="finding"]').count() === 0 &&
     await p4.locator('#elig-case li[data-rule="hospital_plan_excludes"]').count() === 1,
  'Rødovre: no age or residency rule, so no such finding; the hospital plan is to be checked', await text(p4, '#eligibility'));
  await c4.close();

  // Findings do not block: Aalborg (minimum age 18) registers a minor's
  // referral, and the case says what the form said.
  const { context: c5, page: p5 } = await newPage();
  await openForm(p5, BASE, USERS.aalborg.visitator, PASSWORD);
  await p5.fill('#ref-cpr', young);
  await p5.waitForSelector('#eligibility li[data-rule="minimum_age"][data-state="finding"]');
  const formSaid = await item(p5, 'minimum_age').locator('.elig-text').innerText();
  await p5.fill('#ref-name', 'Ung Borger Aalborg');
  await p5.fill('#ref-source', 'egen læge');
  await p5.check('#ref-paragraph-0');
  await p5.check('#ref-consent');
  const t = await navigate(p5, () => p5.click('#referral-form button[type=submit]'));
  const caseSaid = t.view === 'sag' ? await text(p5, 'section[aria-labelledby=sec-eligibility]') : '';
  ok(t.view === 'sag' && caseSaid.includes(formSaid),
    'Aalborg: a minor\'s referral is registered anyway; the case shows the same finding as the form', { formSaid, caseSaid });
  noProblems(p5, 'Ny henvendelse: a minor in Aalborg');
  await c5.close();
}

async function testOtherMunicipality(ids) {
  const { context, page } = await newPage();
  await load(page, BASE + '/');
  await login(page, USERS.aalborg.visitator);
  const t = await navigate(page, () => page.evaluate((id) => { location.hash = `#/sag/${id}`; }, ids.overdue));
  const h1 = await text(page, 'h1');
  ok(h1 === 'Sagen findes ikke' && /findes ikke/i.test(await text(page, '#case-missing')),
    'a user of another municipality does not see the case (404 message)', h1);
  ok(!(await page.content()).includes('Karen'), 'and nothing of the citizen is on the page');
  await navigate(page, () => page.evaluate(() => { location.hash = '#/'; }));
  const names = await page.locator('#worklist').innerText().catch(() => '');
  ok(!names.includes('Karen') && names.includes('Anne Aalborg'), 'the worklist holds only the own municipality\'s cases', names);
  timing('case not found', t);
  await context.close();
}

async function testLogout() {
  const { context, page } = await newPage();
  await load(page, BASE + '/');
  await login(page, USERS.rodovre.visitator);
  await navigate(page, () => page.click('#worklist a.case-link >> nth=0'));
  ok((await text(page, 'h1')).length > 0 && await page.locator('#deadlines, .empty').count() > 0, 'a case is open before logging out');
  const t = await navigate(page, () => page.click('#logout'));
  ok(t.view === 'login' && !(await page.locator('main').innerText()).includes('Frister'), 'log out shows the login, the case is gone');
  ok(!(await page.content()).includes('Karen Jensen'), 'no personal data left in the page after logging out');
  await page.reload();
  await page.waitForFunction(() => document.body.dataset.view);
  ok(await page.evaluate(() => document.body.dataset.view) === 'login', 'a reload after logging out shows the login');
  await page.goBack().catch(() => {});
  await page.waitForTimeout(300);
  ok(await page.evaluate(() => document.body.dataset.view) === 'login' && !(await page.content()).includes('Karen Jensen'),
    'the back button after logging out shows the login, not the case');
  const cookies = await context.cookies();
  const api = new ApiClient(BASE);
  api.cookie = cookies.filter((c) => c.name === 'genop_session').map((c) => `${c.name}=${c.value}`).join('; ');
  const r = await api.request('GET', '/api/v1/worklist');
  ok(r.status === 401, 'the old session cookie no longer works', r.status);
  await context.close();
}

// "Kvalitetsstandard": every role reaches it from the menu; the page shows
// The close form offers the municipality's standard's reasons (GET
// /api/v1/standard, closure_reasons): Rødovre's own three first, then
// genop's general ones, each group labelled; the chosen reason's source is
// shown under the select; nothing is chosen for the user; the closure is
// registered and the timeline shows its reason by its label. Axe and
// screenshots of the open form at both sizes.
async function testClosureReasons() {
  const api = new ApiClient(BASE);
  await api.login(USERS.rodovre.visitator, PASSWORD);
  const std = await api.must('GET', '/api/v1/standard');
  const reasons = std.closure_reasons || [];
  ok(JSON.stringify(reasons.filter((r) => !r.general).map((r) => r.id)) === JSON.stringify(['goal_reached', 'goal_unreachable', 'no_shows']),
    'Rødovre\'s standard names its own three reasons for ending a course', reasons.map((r) => r.id));
  const id = (await api.must('POST', '/api/v1/cases', {
    citizen: { cpr: '1010801234', name: 'Ole Afslutning', address: 'Rødovre Parkvej 150, 2610 Rødovre', phone: '36377000' },
    referral: { date: isoDaysAgo(10), paragraph: '86.1', source: 'egen læge', condition: 'knæ', consent: true,
      text: 'Nedsat gangfunktion.' },
  })).id;
  for (const size of SIZES) {
    const { context, page } = await newPage(size);
    await load(page, BASE + `/#/sag/${id}`);
    await login(page, USERS.rodovre.visitator);
    await page.waitForSelector('button[data-action=closed]', { state: 'attached' });
    await reveal(page, 'closed');
    await page.click('button[data-action=closed]');
    const options = await page.$$eval('#form-closed-reason option', (os) => os.map((o) => ({
      value: o.value, label: o.textContent, group: o.parentElement.tagName === 'OPTGROUP' ? o.parentElement.label : null })));
    const chosen = options.filter((o) => o.value);
    ok(JSON.stringify(chosen.map((o) => [o.value, o.label])) === JSON.stringify(reasons.map((r) => [r.id, r.label])) &&
       chosen.every((o) => o.group === (reasons.find((r) => r.id === o.value).general ? 'genops generelle grunde' : 'Standardens grunde')) &&
       options[0].value === '' && await page.inputValue('#form-closed-reason') === '',
    `the close form offers the standard's reasons, its own and then genop's, none chosen (${size.name})`, options);
    const help = () => text(page, '#form-closed-reason-source');
    await page.selectOption('#form-closed-reason', 'goal_unreachable');
    const own = await help();
    await page.selectOption('#form-closed-reason', 'moved');
    const general = await help();
    ok(own.includes('Kilde: Rødovre, Ydelsens omfang') && own.includes('umuligt at nå målet') &&
       general.includes('genops generelle grund') &&
       (await page.getAttribute('#form-closed-reason', 'aria-describedby')).includes('form-closed-reason-source'),
    `the chosen reason's source, or that it is genop's own, is shown under the select (${size.name})`, own, general);
    await shot(page, `afslutning-formular-${size.name}`);
    await axe(page, `the close form (${size.name})`);
    if (size === SIZES.at(-1)) {        // the last size: the case is closed after it
      await page.selectOption('#form-closed-reason', '');
      await page.click('#form-closed button[type=submit]');
      ok(await text(page, '#form-closed-reason-error') === 'Vælg en af mulighederne.', 'a closure without a reason is not sent');
      await page.selectOption('#form-closed-reason', 'goal_unreachable');
      await navigate(page, () => page.click('#form-closed button[type=submit]'));
      const closed = await text(page, '#timeline > li.event-closed');
      ok(closed.includes('årsag: Målet skønnes umuligt at nå'), 'the registered closure shows its reason by the standard\'s label', closed);
      const stored = (await api.must('GET', `/api/v1/cases/${id}`)).events.filter((e) => e.type === 'closed');
      ok(stored.length === 1 && stored[0].reason === 'goal_unreachable', 'the closure is stored with the reason\'s id', stored);
    }
    noProblems(page, `the close form (${size.name})`);
    await context.close();
  }
}

// The Kvalitetsstandard page of the demo's Nyborg (approved 3 May 2017,
// revised yearly: overdue) shows a warning box at the top, and the
// revision with its source under "Om standarden"; Ishøj's (no interval)
// shows no warning. Both show the reasons a course may end: the
// standard's own with their sources, then genop's general ones. Axe,
// nothing wider than the window, screenshots at both sizes.
async function testRevision() {
  const demoUrl = process.env.GENOP_DEMO_URL;
  const logins = (process.env.GENOP_DEMO_LOGINS || '').split(',').filter(Boolean).map((x) => x.split(':'));
  const login1 = (muni) => logins.find((l) => l[0] === `visitator.${muni}`);
  if (!demoUrl || !login1('nyborg') || !login1('ishoj')) {
    ok(false, 'revision: the demo\'s Nyborg and Ishøj visitators', logins.map((l) => l[0]));
    return;
  }
  for (const muni of ['nyborg', 'ishoj']) {
    const [user, pass] = login1(muni);
    const api = new ApiClient(demoUrl);
    await api.login(user, pass);
    const std = await api.must('GET', '/api/v1/standard');
    for (const size of SIZES) {
      const { context, page } = await newPage(size);
      await load(page, demoUrl + '/#/kvalitetsstandard');
      await login(page, user, pass);
      await page.waitForSelector('#std-afslutning');
      const warning = page.locator('#std-revision-warning');
      const revision = await text(page, '#std-revision');
      if (muni === 'nyborg') {
        const words = await warning.innerText();
        const first = await page.evaluate(() => document.querySelector('#std-revision-warning').compareDocumentPosition(document.querySelector('.std-layout')) & Node.DOCUMENT_POSITION_FOLLOWING);
        ok(await warning.isVisible() && first && words.startsWith('Advarsel: standarden er ikke revideret, som den selv lover.') &&
           words.includes('Standarden blev godkendt 3. maj 2017 og skal ifølge sig selv revideres hver 12. måned; den skulle have været revideret senest 3. maj 2018.') &&
           words.includes('Kilde: Nyborg, Kvalitetsmål'),
        `Nyborg: a visible warning at the top that the standard is past its yearly revision (${size.name})`, words);
        ok(revision.includes('revideres hver 12. måned, regnet fra godkendelsen 3. maj 2017') &&
           revision.includes('torsdag 3. maj 2018') && revision.includes('»Kvalitetsstandarden revideres 1 gang årligt.«'),
        `Nyborg: the revision under Om standarden, due date and the standard's words (${size.name})`, revision);
      } else {
        ok(await warning.count() === 0 && revision.includes('Standarden angiver ingen fast frist for, hvornår den revideres.') &&
           revision.includes('»Kvalitetsstandarden revideres ved større ændringer.«'),
        `Ishøj: no warning; the revision without an interval, in the standard's words (${size.name})`, revision);
      }
      const own = std.closure_reasons.filter((r) => !r.general);
      const general = std.closure_reasons.filter((r) => r.general);
      const shownOwn = await page.$$eval('#std-closure-reasons > li', (ls) => ls.map((l) => l.dataset.reason));
      const texts = await page.locator('#std-closure-reasons > li').allInnerTexts();
      const shownGeneral = await page.$$eval('#std-general-reasons > li', (ls) => ls.map((l) => l.textContent));
      ok(JSON.stringify(shownOwn) === JSON.stringify(own.map((r) => r.id)) &&
         own.every((r, i) => texts[i].includes(r.label) && texts[i].includes(`Kilde: ${r.source.citation}`) && texts[i].includes(`»${r.source.quote}«`)) &&
         JSON.stringify(shownGeneral) === JSON.stringify(general.map((r) => r.label)) &&
         (await text(page, '#std-afslutning')).includes('genops generelle grunde'),
      `${muni}: the reasons a course may end, the standard's own with their sources, then genop's general ones (${size.name})`,
      { shownOwn, shownGeneral });
      // The readings of these parts are gathered with the others'; a link
      // moves focus to the part's heading.
      const readings = await text(page, '#std-laesninger');
      const [label, target] = muni === 'nyborg' ? ['Revision af standarden', 'std-revision-h']
        : ['Grund til at afslutte: Ikke motiveret for genoptræning', 'std-reason-not_motivated'];
      const note = muni === 'nyborg' ? std.revision.source.note : std.closure_reasons.find((r) => r.id === 'not_motivated').source.note;
      await page.locator(`#std-laesninger a[data-target="${target}"]`).click();
      ok(readings.includes(label) && readings.includes(note) &&
         await page.evaluate((id) => document.activeElement && document.activeElement.id === id, target),
      `${muni}: "Sådan læser genop teksten" gives the reading of ${label}, and its link moves focus there (${size.name})`, readings);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      ok(overflow <= 0, `Kvalitetsstandard ${muni} (${size.name}): nothing wider than the window`, overflow);
      await shot(page, `kvalitetsstandard-${muni}-${size.name}`);
      await axe(page, `Kvalitetsstandard ${muni} (${size.name})`);
      noProblems(page, `Kvalitetsstandard ${muni} (${size.name})`);
      await context.close();
    }
  }
}

// "Kvalitetsstandard": every role reaches it from the menu; the page shows
// each rule of the municipality's standard (as GET /api/v1/standard has
// it) with its Danish sentence, its citation and the standard's own
// words; specific rules as standards/rodovre.yaml and aalborg.yaml write
// them; keyboard use of the list of parts; no horizontal scrolling, axe
// and screenshots at both sizes.
async function testStandard() {
  for (const role of ['visitator', 'terapeut', 'leder', 'admin']) {
    const { context, page } = await newPage();
    await load(page, BASE + '/');
    await login(page, USERS.rodovre[role]);
    const t = await navigate(page, () => page.click('#nav a[data-route="kvalitetsstandard"]'));
    timing(`Kvalitetsstandard as ${role}`, t);
    ok(t.view === 'kvalitetsstandard' && (await text(page, 'h1')).startsWith('Kvalitetsstandard') &&
       await page.locator('#nav a[data-route="kvalitetsstandard"]').getAttribute('aria-current') === 'page',
    `${role} opens Kvalitetsstandard from the menu`, t.view);
    if (role !== 'visitator') {
      noProblems(page, `Kvalitetsstandard as ${role}`);
      await context.close();
      continue;
    }
    const api = new ApiClient(BASE);
    await api.login(USERS.rodovre.visitator, PASSWORD);
    const std = await api.must('GET', '/api/v1/standard');
    const body = await text(page, 'main');
    const rules = [...std.deadlines, ...std.limits, ...(std.attendance ? [std.attendance] : []), ...std.eligibility];
    const missing = rules.filter((r) => !body.includes(r.text) || !body.includes(r.source.citation) ||
      (r.source.quote && !body.includes(`»${r.source.quote}«`)) || (r.source.note && !body.includes(r.source.note)));
    ok(rules.length >= 6 && missing.length === 0, 'every rule is shown with its sentence, citation, quote and note',
      missing.map((r) => r.text));
    const contact = await page.locator('#std-deadlines li[data-rule="contact"]').innerText();
    ok(contact.includes('Kontakt til borgeren') &&
       contact.includes('Borgeren kontaktes senest 5 kalenderdage efter modtagelsen af henvendelsen.') &&
       contact.includes('Kilde: Rødovre, Kvalitetsmål') &&
       contact.includes('»Visitatorkontakt til borgeren inden for fem dage fra ansøgningen«'),
    'Rødovre\'s contact deadline: the rule in Danish, its section and the standard\'s words', contact);
    const sessions = await page.locator('#std-limits li[data-rule="sessions"]').innerText();
    ok(sessions.includes('Højst 32 træningsgange i alt.') && sessions.includes('Kilde: Rødovre, Ydelsens omfang'),
      'Rødovre\'s 32 sessions under Omfang, with its source', sessions);
    const headings = await page.locator('main h2').allInnerTexts();
    ok(['Om standarden', 'Formål', 'Målgruppe', 'Frister', 'Omfang', 'Fremmøde', 'Klage'].every((x) => headings.includes(x)),
      'a heading for each part of the standard', headings);
    ok((await text(page, '#std-om')).includes('Teksten angiver ikke, hvornår den gælder fra.'),
      'a standard without a date says so instead of inventing one');
    // Keyboard: the list of parts moves focus to the chosen heading.
    await page.locator('.std-toc a[data-target="std-omfang-h"]').focus();
    await page.keyboard.press('Enter');
    ok(await page.evaluate(() => document.activeElement && document.activeElement.id === 'std-omfang-h') &&
       page.url().endsWith('#/kvalitetsstandard'), 'the list of parts moves focus to the heading (keyboard), the address stays',
    page.url());
    ok(await page.evaluate(() => localStorage.length === 0 && sessionStorage.length === 0),
      'Kvalitetsstandard: nothing in local or session storage');
    noProblems(page, 'Kvalitetsstandard as visitator');
    await context.close();
  }

  // Aalborg covers both paragraphs and gives a date: each rule names its paragraphs.
  const { context, page } = await newPage();
  await load(page, BASE + '/#/kvalitetsstandard');
  await login(page, USERS.aalborg.visitator);
  await page.waitForSelector('#std-deadlines');
  const start = page.locator('#std-deadlines li[data-rule="start"][data-paragraphs="86.1"]');
  const startText = await start.innerText();
  ok(startText.includes('§ 86, stk. 1') && startText.includes('Første træningsgang holdes senest 8 hverdage efter modtagelsen af henvendelsen.') &&
     startText.includes('Gælder ikke, når der er givet afslag.'),
  'Aalborg: start within 8 workdays under § 86, stk. 1', startText);
  const start2 = await page.locator('#std-deadlines li[data-rule="start"][data-paragraphs="86.2"]').innerText();
  ok(start2.includes('§ 86, stk. 2') && start2.includes('senest 10 hverdage'), 'Aalborg: 10 workdays under § 86, stk. 2', start2);
  const about = await text(page, '#std-om');
  ok(about.includes('søndag 1. januar 2023') && about.includes('Senior- og Omsorgsudvalget, 14.12.2022') &&
     about.includes('Aalborg Kommune (kommunekode 851)'), 'Aalborg: effective date in Danish, approval and kommunekode', about);
  const complaint = await text(page, '#std-klage');
  ok(complaint.includes('Klagefrist') && complaint.includes('Fristen er borgerens; den binder ikke kommunen.') &&
     complaint.includes('Kilde: Aalborg, Hvis du ønsker at klage'), 'Aalborg: the complaint deadlines under Klage, with sources', complaint);
  // The § 140 exclusion names its paragraph; the readings are gathered in one part.
  const plan = await page.locator('#std-eligibility li[data-rule="hospital_plan_excludes"]').innerText();
  ok(plan.includes('§ 86, stk. 1') && plan.includes('Der kan ikke bevilges træning efter § 86, stk. 1'),
    'Aalborg: the § 140 exclusion applies to § 86, stk. 1 only', plan);
  const readings = await text(page, '#std-laesninger');
  ok(readings.includes('Afgørelse (bevilling) (§ 86, stk. 1)') && readings.includes('3 + 5 = 8') &&
     readings.includes('Gentagne gange'),
  'Aalborg: "Sådan læser genop teksten" lists the chosen readings and why', readings);
  const target = await page.locator('#std-laesninger a').first().getAttribute('data-target');
  await page.locator('#std-laesninger a').first().click();
  ok(await page.evaluate((id) => document.activeElement && document.activeElement.id === id, target),
    'a reading links to its rule (focus moves to the rule)', target);
  await context.close();

  // Rødovre is silent on complaints: the law's deadlines, cited as the law.
  {
    const { context: c, page: p } = await newPage();
    await load(p, BASE + '/#/kvalitetsstandard');
    await login(p, USERS.rodovre.leder);
    await p.waitForSelector('#std-klage');
    const klage = await text(p, '#std-klage');
    ok(klage.includes('Kilde (loven, da standarden intet siger): Retssikkerhedsloven § 66') &&
       klage.includes('Retssikkerhedsloven § 67') && klage.includes('Klage videresendt til Ankestyrelsen'),
    'Rødovre: the law\'s complaint window and forwarding deadline, cited as the law', klage);
    await c.close();
  }

  for (const size of SIZES) {
    for (const [muni, user] of [['rodovre', USERS.rodovre.leder], ['aalborg', USERS.aalborg.visitator]]) {
      const { context: c, page: p } = await newPage(size);
      await load(p, BASE + '/#/kvalitetsstandard');
      await login(p, user);
      await p.waitForSelector('#std-om');
      const overflow = await p.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      ok(overflow <= 0, `Kvalitetsstandard ${muni} (${size.name}): nothing wider than the window`, overflow);
      await shot(p, `kvalitetsstandard-${muni}-${size.name}`);
      await axe(p, `Kvalitetsstandard ${muni} (${size.name})`);
      noProblems(p, `Kvalitetsstandard ${muni} (${size.name})`);
      await c.close();
    }
  }
}

// Every screen at both sizes: screenshot and axe.
async function testScreens(ids) {
  for (const size of SIZES) {
    const { context, page } = await newPage(size);
    const tag = size.name;
    timing(`login, full load in a new context (${tag})`, await load(page, BASE + '/'));
    await shot(page, `login-${tag}`);
    await axe(page, `login (${tag})`);
    await page.fill('#login-user', 'x');
    await page.fill('#login-pass', 'forkert-adgangskode');
    await page.click('form.login-form button[type=submit]');
    await page.waitForSelector('#login-error:not(:empty)');
    await shot(page, `login-error-${tag}`);
    await axe(page, `login with an error (${tag})`);
    await login(page, USERS.rodovre.visitator);
    await shot(page, `opgaver-${tag}`);
    await axe(page, `Opgaver (${tag})`);
    const screens = [
      ['ny-henvendelse', '#/ny-henvendelse', 'Ny henvendelse'],
      ['sager', '#/sager', 'Sager'],
      ['sag', `#/sag/${ids.overdue}`, 'Sagen'],
      ['sag-forloeb', `#/sag/${ids.rich}`, 'Sagen with training, limits and warning'],
      ['sag-afsluttet', `#/sag/${ids.closed}`, 'Sagen, closed'],
      ['sag-findes-ikke', `#/sag/${ids.other}`, 'Sagen not found'],
      ['side-findes-ikke', '#/ingenting', 'unknown page'],
    ];
    for (const [name, hash, label] of screens) {
      const t = await navigate(page, () => page.evaluate((hsh) => { location.hash = hsh; }, hash));
      timing(`${label} (${tag})`, t);
      await shot(page, `${name}-${tag}`);
      await axe(page, `${label} (${tag})`);
    }
    // A full reload of pages while logged in (the browser is warm now).
    for (const [hash, label] of [['#/', 'Opgaver'], [`#/sag/${ids.rich}`, 'Sagen']]) {
      await navigate(page, () => page.evaluate((hsh) => { location.hash = hsh; }, hash));
      await page.reload();
      await firstReady(page);
      const t = await page.evaluate(() => ({ view: document.body.dataset.view, ms: performance.getEntriesByName('genop:ready').at(-1).startTime }));
      ok(t.view === (label === 'Opgaver' ? 'opgaver' : 'sag'), `a reload while logged in shows ${label} again (${tag})`, t.view);
      timing(`${label}, full reload (${tag})`, t);
    }
    await navigate(page, () => page.evaluate(() => { location.hash = '#/ny-henvendelse'; }));
    await page.fill('#ref-cpr', '2404861234');
    await page.fill('#ref-name', 'Test');
    await page.fill('#ref-date', '31.02.2025');
    await page.click('#referral-form button[type=submit]');
    await page.waitForSelector('#ref-source-error:not(:empty)');
    await shot(page, `ny-henvendelse-udfyldt-${tag}`);
    await axe(page, `Ny henvendelse with errors (${tag})`);
    await navigate(page, () => page.evaluate((hsh) => { location.hash = hsh; }, `#/sag/${ids.rich}`));
    await page.click('button[data-action=session]');
    await page.fill('#form-session-date', daDate(isoDaysAgo(-3)));
    await page.selectOption('#form-session-outcome', 'no_show');
    await page.click('#form-session button[type=submit]');
    await page.waitForSelector('#form-session-date-error:not(:empty), #form-session-error:not(:empty)');
    await page.locator('#form-session').scrollIntoViewIfNeeded();
    await shot(page, `sag-formular-${tag}`);
    await axe(page, `Sagen with an open form and an error (${tag})`);
    noProblems(page, `visitator screens (${tag})`);
    await context.close();

    const { context: c2, page: p2 } = await newPage(size);
    await load(p2, BASE + `/#/adgangslog/${ids.richCitizen}`);
    await login(p2, USERS.rodovre.leder);
    await p2.waitForSelector('#accesslog');
    await shot(p2, `adgangslog-${tag}`);
    await axe(p2, `Adgangslog (${tag})`);
    noProblems(p2, `leder screens (${tag})`);
    await c2.close();
  }
}

// The demo database (genop demo --db), served by a second genop serve:
// every case of every municipality opens without an error, and the
// richest screens are checked with axe and photographed.
async function testDemo() {
  const demoTimes = [];
  const url = process.env.GENOP_DEMO_URL;
  const logins = (process.env.GENOP_DEMO_LOGINS || '').split(',').filter(Boolean).map((x) => x.split(':'));
  if (!url || logins.length === 0) {
    ok(false, 'the demo database was made and served', 'GENOP_DEMO_URL or GENOP_DEMO_LOGINS missing');
    return;
  }
  ok(logins.length === 5, 'a visitator of each of the five municipalities in the demo', logins.map((l) => l[0]));
  for (const [username, password] of logins) {
    const api = new ApiClient(url);
    await api.login(username, password);
    const cases = (await api.must('GET', '/api/v1/cases?limit=500')).items.map((c) => c.id);
    const { context, page } = await newPage();
    // Every task, not the visitator's own (the demo hands cases out).
    await load(page, url + '/#/opgaver/alle');
    await login(page, username, password);
    const muni = username.split('.')[1];
    ok(await page.locator('#worklist tbody tr').count() > 0, `demo ${muni}: the worklist has deadlines`);
    if (muni === 'aalborg') {
      await shot(page, 'demo-opgaver-aalborg-1366');
      await axe(page, 'demo Opgaver, Aalborg (1366)');
    }
    const broken = [];
    for (const id of cases) {
      const t = await navigate(page, () => page.evaluate((i) => { location.hash = `#/sag/${i}`; }, id));
      const h1 = await text(page, 'h1');
      if (t.view !== 'sag' || h1 === 'Der opstod en fejl' || await page.locator('#timeline > li').count() === 0) broken.push(`${id}: ${h1}`);
      demoTimes.push(t.ms);
    }
    ok(broken.length === 0 && cases.length > 0, `demo ${muni}: all ${cases.length} cases open with their timeline`, broken);
    noProblems(page, `demo ${muni}: every case`);
    await context.close();
  }
  // The richest demo cases, photographed and checked, at both sizes.
  const [user, pass] = logins.find((l) => l[0].endsWith('.aalborg')) || logins[0];
  for (const size of SIZES) {
    const { context, page } = await newPage(size);
    await load(page, url + '/');
    await login(page, user, pass);
    const api = new ApiClient(url);
    await api.login(user, pass);
    const items = (await api.must('GET', '/api/v1/cases?limit=500')).items;
    for (const c of items.slice(0, 8)) {
      await navigate(page, () => page.evaluate((i) => { location.hash = `#/sag/${i}`; }, c.id));
      await shot(page, `demo-sag-${c.id}-${size.name}`);
    }
    await axe(page, `demo Sagen, case ${items[7] ? items[7].id : '?'} (${size.name})`);
    noProblems(page, `demo screens (${size.name})`);
    await context.close();
  }
  if (demoTimes.length) {
    comment(`demo: ${demoTimes.length} case pages opened, median ${median(demoTimes).toFixed(0)} ms, slowest ${Math.max(...demoTimes).toFixed(0)} ms`);
  }
}

// Issue 4: a § 86, stk. 1 case walked from referral to closure in Aalborg
// (this server, aal.visitator) and in Skive (the demo database's
// visitator.skive), entirely through the web app as a visitator works it:
// the referral typed on "Ny henvendelse", then kontakt (from the
// keyboard), udredning/samtale, afgørelse, modtaget bevilling, training
// sessions with different outcomes and the closure with its reason,
// each through its button and form on "Sagen". After every step the
// deadlines on the page are compared with what the standard's rules
// give (standards/aalborg.yaml, standards/skive.yaml, computed here:
// calendar days and months with plain date arithmetic, workdays and
// Danish holidays with `genop calendar`, the binary run.sh passes as
// GENOP_BIN, never with the page's own code): each deadline's label,
// status in words (Åben - forfalder i dag / inden for 2 hverdage /
// senere, Overskredet, Overholdt, Overholdt for sent), due date in
// Danish, workdays left, done date and the date it counts from; the
// API's evaluation (GET /api/v1/cases/{id}) is compared with the same
// expectation as a cross-check. Aalborg's start deadline is met late on
// purpose, its decision on the last day; the limits (Skive's weekly
// sessions and minutes and the course length) and attendance (the
// review warning at each standard's limit) follow the sessions. The
// open deadlines are on the worklist while the case is open, with
// Skive's tasks (the review after a no-show, a week's limit exceeded);
// after the closure the case is closed, has none there but Skive's
// missing end status, and keeps only the citizen's own complaint window
// (the citizen's: "Klagefristen udløb ...") on the page. Screenshots of
// each closed case at 1366x768 and 390x844, axe on them.
async function testCaseWalk() {
  const GENOP = process.env.GENOP_BIN;
  const demoUrl = process.env.GENOP_DEMO_URL;
  const logins = (process.env.GENOP_DEMO_LOGINS || '').split(',').filter(Boolean).map((x) => x.split(':'));
  const skiveLogin = logins.find((l) => l[0] === 'visitator.skive');
  if (!GENOP || !demoUrl || !skiveLogin) {
    ok(false, 'case walk: GENOP_BIN, GENOP_DEMO_URL and the demo\'s Skive visitator are given',
      { GENOP_BIN: GENOP, demoUrl, logins: logins.map((l) => l[0]) });
    return;
  }
  const { execFileSync } = await import('node:child_process');

  // ---- dates, the rules' way ----
  const DAY = 86400000;
  const today = isoDaysAgo(0);
  const plusDays = (iso, n) => new Date(Date.parse(`${iso}T00:00:00Z`) + n * DAY).toISOString().slice(0, 10);
  const plusMonths = (iso, n) => {       // the same day n months later, clamped to the month's end
    const [y, m, d] = iso.split('-').map(Number);
    const last = new Date(Date.UTC(y, m - 1 + n + 1, 0)).getUTCDate();
    return new Date(Date.UTC(y, m - 1 + n, Math.min(d, last))).toISOString().slice(0, 10);
  };
  const daysFrom = (a, b) => Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / DAY);
  const isoWeek = (iso) => {             // ISO 8601 week, YYYY-Www: the week's Thursday decides the year
    const d = new Date(`${iso}T00:00:00Z`);
    const thursday = new Date(d.getTime() + (3 - ((d.getUTCDay() + 6) % 7)) * DAY);
    const year = thursday.getUTCFullYear();
    const week = Math.floor(daysFrom(`${year}-01-01`, thursday.toISOString().slice(0, 10)) / 7) + 1;
    return `${year}-W${String(week).padStart(2, '0')}`;
  };
  const WEEKDAYS = ['søndag', 'mandag', 'tirsdag', 'onsdag', 'torsdag', 'fredag', 'lørdag'];
  const MONTHS = ['januar', 'februar', 'marts', 'april', 'maj', 'juni', 'juli', 'august', 'september',
    'oktober', 'november', 'december'];
  const long = (iso) => {
    const d = new Date(`${iso}T00:00:00Z`);
    return `${WEEKDAYS[d.getUTCDay()]} ${d.getUTCDate()}. ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()}`;
  };
  // Workdays in the standard's calendar, from the binary.
  const calendar = (std, ...args) => execFileSync(GENOP, ['calendar', ...args, '--standard', std], { encoding: 'utf8' }).trim();
  const addWorkdays = (std, iso, n) => calendar(std, 'add', iso, String(n), 'workdays');
  const workdaysBetween = (std, a, b) => Number(calendar(std, 'between', a, b));   // a < d <= b
  const isWorkday = (std, iso) => addWorkdays(std, addWorkdays(std, iso, -1), 1) === iso;

  // A deadline as the rules give it: status, the badge's words, how far
  // from its due date in words. The citizen's complaint window is the
  // citizen's: "Klagefristen udløb 26.11.2026", never "Overskredet", and
  // no count of workdays (issue 12). Overdue with no workday since (at a
  // weekend) it "forfaldt fredag 4.12.".
  const dayMonth = (iso) => `${WEEKDAYS[new Date(`${iso}T00:00:00Z`).getUTCDay()]} ${Number(iso.slice(8))}.${Number(iso.slice(5, 7))}.`;
  function expectDeadline(std, d) {
    const status = d.done ? (d.done <= d.due ? 'met' : 'late') : (today <= d.due ? 'pending' : 'overdue');
    const left = d.done ? null : today <= d.due ? workdaysBetween(std, today, d.due) : -workdaysBetween(std, d.due, today);
    let badge = { met: 'Overholdt', late: 'Overholdt for sent', overdue: 'Overskredet' }[status];
    if (status === 'pending') {
      badge = `Åben – ${d.due === today ? 'forfalder i dag' : left <= 2 ? 'inden for 2 hverdage' : 'senere'}`;
    }
    if (d.citizen) {
      badge = { met: 'Klagen kom inden fristen', late: 'Klagen kom efter fristen' }[status] ||
        `Klagefristen ${status === 'overdue' ? 'udløb' : 'udløber'} ${daDate(d.due)}`;
    }
    const word = (n) => `${n} ${n === 1 ? 'hverdag' : 'hverdage'}`;
    let leftText = '';
    if (left !== null && !d.citizen) {
      if (status === 'overdue') leftText = left < 0 ? `overskredet med ${word(-left)}` : `forfaldt ${dayMonth(d.due)}`;
      else if (d.due === today) leftText = 'forfalder i dag';
      else leftText = left > 0 ? `${word(left)} tilbage` : `forfalder ${dayMonth(d.due)}`;
    }
    return { ...d, status, badge, leftText };
  }

  // The standards' deadlines for a § 86, stk. 1 case (the rules of
  // standards/aalborg.yaml and skive.yaml that apply to stk. 1).
  // c: { referral, assessment, decision, granted, grant, sessions: [{date, outcome}] }
  const firstSession = (c) => c.sessions.filter((s) => s.outcome !== 'provider_cancelled').map((s) => s.date).sort()[0] || null;
  // The citizen's complaint window, 4 weeks from the receipt of the
  // decision (else its date), moved to the next workday: Aalborg's own
  // rule, and the law's (retssikkerhedsloven § 66) where Skive is silent.
  const complaintWindow = (muni, c) => {
    const from = c.received || c.decision;
    let due = plusDays(from, 28);
    if (!isWorkday(muni, due)) due = addWorkdays(muni, due, 1);
    return { id: 'complaint_window', label: 'Klagefrist', from, due, done: null, citizen: true };
  };
  const RULES = {
    aalborg(c) {
      const out = [];
      const session = firstSession(c);
      // The decision counts from the referral (evaluate.md section 4).
      out.push({ id: 'decision', label: 'Afgørelse (bevilling)', from: c.referral,
        due: addWorkdays('aalborg', c.referral, 3), done: c.decision || null });
      if (!c.decision || c.granted) {
        out.push({ id: 'start', label: 'Opstart af træning', from: c.referral,
          due: addWorkdays('aalborg', c.referral, 8), done: session });
      }
      if (c.decision && c.granted) {
        const from = c.grant || c.decision;     // grant_received, else the granting decision's date
        out.push({ id: 'start_after_grant', label: 'Opstart efter bevilling', from,
          due: addWorkdays('aalborg', from, 5), done: session });
      }
      if (c.decision) out.push(complaintWindow('aalborg', c));
      return out.map((d) => expectDeadline('aalborg', d));
    },
    skive(c) {
      const out = [];
      if (!c.decision || c.granted) {
        out.push({ id: 'start', label: 'Opstart af træning', from: c.referral,
          due: plusDays(c.referral, 14), done: firstSession(c) });
      }
      if (c.decision) out.push(complaintWindow('skive', c));
      return out.map((d) => expectDeadline('skive', d));
    },
  };
  // Skive's limits: sessions and minutes in the worst ISO week (the
  // earliest of equals), and the course's length once it has started.
  function skiveLimits(c) {
    const counting = c.sessions.filter((s) => s.outcome !== 'provider_cancelled');
    const weeks = new Map();
    for (const s of counting) {
      const w = weeks.get(isoWeek(s.date)) || { n: 0, minutes: 0 };
      w.n += 1;
      w.minutes += s.minutes;
      weeks.set(isoWeek(s.date), w);
    }
    const worst = (key) => {
      let best = { used: 0, period: null };
      for (const [week, w] of [...weeks].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
        if (w[key] > best.used) best = { used: w[key], period: week };
      }
      return best;
    };
    const now = weeks.get(isoWeek(today)) || { n: 0, minutes: 0 };
    const out = [
      { id: 'sessions_per_week', label: 'Træningsgange pr. uge', max: 2, unit: 'træningsgange', ...worst('n'), now: now.n },
      { id: 'minutes_per_week', label: 'Træningsminutter pr. uge', max: 90, unit: 'minutter', ...worst('minutes'),
        now: now.minutes },
    ];
    if (counting.length) {
      const dates = counting.map((s) => s.date).sort();
      out.push({ id: 'course_length', label: 'Forløbets længde', unit: 'dage', period: null,
        max: daysFrom(dates[0], plusMonths(dates[0], 4)), lastDay: plusMonths(dates[0], 4),
        used: daysFrom(dates[0], c.closed ? dates.at(-1) : today) });
    }
    return out;
  }
  const ATTENDANCE = {
    aalborg: { limit: 2, counts: (a) => a.no_shows + a.cancellations, countsCancellations: true },
    skive: { limit: 1, counts: (a) => a.no_shows, countsCancellations: false },
  };

  // ---- reading the page ----
  const shownDeadlines = (page) => page.$$eval('#deadlines > li', (lis) => lis.map((li) => ({
    id: li.dataset.deadline,
    label: li.querySelector('h3').textContent,
    badge: li.querySelector('.badge').textContent.trim(),
    due: li.querySelector('time') && li.querySelector('time').getAttribute('datetime'),
    facts: Object.fromEntries([...li.querySelectorAll('dl > div')].map((div) =>
      [div.querySelector('dt').textContent, div.querySelector('dd').innerText.replace(/\s+/g, ' ').trim()])),
  })));

  async function checkDeadlines(page, api, muni, caseId, c, step) {
    const want = RULES[muni](c);
    const shown = await shownDeadlines(page);
    ok(JSON.stringify(shown.map((d) => d.id)) === JSON.stringify(want.map((d) => d.id)),
      `${muni} ${step}: the page lists the deadlines ${want.map((d) => d.id).join(', ')}`, shown.map((d) => d.id));
    for (const w of want) {
      const s = shown.find((d) => d.id === w.id);
      const problems = [];
      if (!s) problems.push('not shown');
      else {
        if (s.label !== w.label) problems.push(`label ${s.label}`);
        if (s.badge !== w.badge) problems.push(`status "${s.badge}"`);
        if (s.due !== w.due) problems.push(`due ${s.due}`);
        const dueText = `${long(w.due)}${w.leftText ? ` ${w.leftText}` : ''}`;
        if (s.facts.Forfalder !== dueText) problems.push(`Forfalder "${s.facts.Forfalder}", not "${dueText}"`);
        if (s.facts['Udført'] !== (w.done ? long(w.done) : 'ikke endnu')) problems.push(`Udført "${s.facts['Udført']}"`);
        if (s.facts['Regnes fra'] !== long(w.from)) problems.push(`Regnes fra "${s.facts['Regnes fra']}"`);
        if (Boolean(s.facts['Borgerens frist']) !== Boolean(w.citizen)) problems.push('Borgerens frist');
      }
      ok(problems.length === 0,
        `${muni} ${step}: ${w.label} "${w.badge}", due ${long(w.due)}${w.done ? `, done ${long(w.done)}` : ''}`,
        problems.join('; '), s);
    }
    // Cross-check: the API's evaluation agrees with the same expectation.
    const ev = (await api.must('GET', `/api/v1/cases/${caseId}`)).evaluation;
    const got = ev.deadlines.map((d) => `${d.id} ${d.due} ${d.status} ${d.done || '-'}`);
    const exp = want.map((d) => `${d.id} ${d.due} ${d.status} ${d.done || '-'}`);
    ok(JSON.stringify(got) === JSON.stringify(exp) && ev.as_of === today,
      `${muni} ${step}: the API's evaluation gives the same deadlines (cross-check)`, { got, exp, as_of: ev.as_of });
    return want;
  }

  async function checkLimitsAndAttendance(page, muni, c, step) {
    if (muni === 'aalborg') {
      ok(await page.locator('#limits').count() === 0 &&
         (await text(page, 'section[aria-labelledby=sec-limits]')).includes('Standarden sætter ingen grænser for forløbets omfang.'),
      `${muni} ${step}: no limits (Aalborg's standard sets none)`);
    } else {
      const want = skiveLimits(c);
      const shown = await page.$$eval('#limits > li', (lis) => lis.map((li) => ({
        label: li.querySelector('label').textContent,
        id: li.querySelector('progress').id.replace(/^limit-/, ''),
        value: li.querySelector('progress').getAttribute('value'),
        max: li.querySelector('progress').getAttribute('max'),
        text: li.querySelector('.limit-text').textContent,
        exceeded: li.classList.contains('exceeded'),
      })));
      // Issue 12: "uge 47, 2026", not "uge 2026-W47"; the course's length
      // in Skive's own words, "4 måneder (til DD.MM.ÅÅÅÅ)", not "højst 122
      // dage"; a weekly bar shows the current week of an open course, the
      // worst week beside it (casepage.mjs checks that line).
      const week = (p) => `uge ${Number(p.slice(6))}, ${p.slice(0, 4)}`;
      const words = (l) => {
        if (l.id === 'course_length') {
          return `${l.used > l.max ? 'Overskredet: ' : ''}${l.used} ${l.used === 1 ? 'dag' : 'dage'} af højst 4 måneder (til ${daDate(l.lastDay)})`;
        }
        if (c.closed) {
          return `${l.used > l.max ? 'Overskredet: ' : ''}${l.period ? `Værste uge: ${week(l.period)}: ${l.used} af ${l.max} (højst ${l.max} ${l.unit})`
            : `0 af højst ${l.max} ${l.unit} i en uge`}`;
        }
        return `${l.now > l.max ? 'Overskredet: ' : ''}${l.now} af højst ${l.max} ${l.unit} i denne uge (${week(isoWeek(today))})`;
      };
      const barValue = (l) => (l.id === 'course_length' || c.closed ? l.used : l.now);
      const exp = want.map((l) => ({
        label: l.label, id: l.id, value: String(Math.min(barValue(l), l.max)), max: String(l.max),
        text: words(l),
        exceeded: l.used > l.max,
      }));
      ok(JSON.stringify(shown) === JSON.stringify(exp),
        `${muni} ${step}: the limits' bars and words: ${exp.map((l) => l.text).join('; ')}`, { shown, exp });
    }
    const a = { no_shows: c.sessions.filter((s) => s.outcome === 'no_show').length,
      cancellations: c.sessions.filter((s) => s.outcome === 'citizen_cancelled').length };
    const review = ATTENDANCE[muni].counts(a) >= ATTENDANCE[muni].limit;
    // A closed course is not flagged for review any more: no warning, and
    // the status says the limit was reached. The warning names only what
    // the standard counts (Skive: no-shows, not cancellations).
    const flagged = review && !c.closed;
    const statusText = !review ? 'i orden' : c.closed ? 'grænsen blev nået' : 'grænsen er nået: forløbet skal revurderes';
    const countsText = ATTENDANCE[muni].countsCancellations ? 'udeblivelser og afbud' : 'udeblivelser';
    const facts = await page.$$eval('section[aria-labelledby=sec-attendance] dl > div', (divs) =>
      Object.fromEntries(divs.map((d) => [d.querySelector('dt').textContent, d.querySelector('dd').textContent])));
    const warning = page.locator('#attendance-warning');
    const warned = await warning.count() === 1 && await warning.isVisible();
    const warningText = warned ? await warning.innerText() : '';
    ok(facts.Udeblivelser === String(a.no_shows) && facts['Afbud fra borgeren'] === String(a.cancellations) &&
       facts['Grænse for revurdering'] === String(ATTENDANCE[muni].limit) &&
       facts.Status === statusText && facts['Tæller med'] === countsText &&
       warned === flagged && (!flagged || warningText.includes(`standardens grænse er ${ATTENDANCE[muni].limit}`)) &&
       (!flagged || ATTENDANCE[muni].countsCancellations || !warningText.includes('afbud')),
    `${muni} ${step}: attendance ${a.no_shows} no-show(s), ${a.cancellations} cancellation(s), ${flagged ? 'the review warning' : 'no warning'}`,
    { facts, warned, warningText });
  }

  // Registers one event through its button and form; fill() types into
  // the open form. Returns whether the page registered it: one more event
  // in the timeline, and one more of its type on its date (two sessions
  // may share a day: the walks' dates fall back to the last workday).
  async function register(page, type, title, fill, date) {
    const onDate = `#timeline > li.event-${type} time[datetime="${date}"]`;
    const before = await page.locator('#timeline > li').count();
    const beforeOnDate = await page.locator(onDate).count();
    await reveal(page, type);
    await page.click(`button[data-action="${type}"]`);
    await page.waitForSelector(`#form-${type}`);
    await fill();
    const ready = await readyCount(page);
    await page.click(`#form-${type} button[type=submit]`);
    const settled = (b) => performance.getEntriesByName('genop:ready').length > b ||
      [...document.querySelectorAll('.action-form .field-error, .action-form .form-error')].some((e) => e.textContent.trim());
    // A session past a limit of the standard is asked about first
    // (casepage.mjs checks the question): the walk says yes.
    await page.waitForFunction((b) => performance.getEntriesByName('genop:ready').length > b ||
      [...document.querySelectorAll('.action-form .field-error, .action-form .form-error, .limit-warning:not([hidden])')]
        .some((e) => e.textContent.trim()), ready, { timeout: 10000 });
    if (await page.locator('.limit-warning:not([hidden])').count()) {
      await page.click(`#form-${type} button[type=submit]`);
      await page.waitForFunction(settled, ready, { timeout: 10000 });
    }
    const refused = await page.locator('.action-form').count()
      ? await page.locator('.action-form').innerText() : '';
    const flash = await text(page, '#case-flash');
    const after = await page.locator('#timeline > li').count();
    const onDateAfter = await page.locator(onDate).count();
    return ok(!refused && flash === `Registreret: ${title}.` && after === before + 1 &&
      onDateAfter === beforeOnDate + 1,
    `registered through the form: ${title} ${daDate(date)} (in the timeline)`,
    { refused, flash, before, after, beforeOnDate, onDateAfter });
  }
  const typeDate = (page, sel, iso) => page.fill(sel, daDate(iso));
  async function session(page, date, outcome, minutes) {
    return register(page, 'session', 'Træningsgang', async () => {
      await typeDate(page, '#form-session-date', date);
      await page.selectOption('#form-session-outcome', outcome);
      await page.fill('#form-session-minutes', String(minutes));
      await page.selectOption('#form-session-kind', 'training');
    }, date);
  }

  async function worklistRows(page, caseId) {
    // All tasks: the walk's case is nobody's (Skive's demo visitator has cases of their own).
    await navigate(page, () => page.evaluate(() => { location.hash = '#/opgaver/alle'; }));
    return page.$$eval(`#worklist tbody tr[data-case="${caseId}"]`, (trs) => trs.map((tr) => ({
      status: tr.querySelector('td[data-label=Status]').textContent.trim(),
      kind: tr.querySelector('td[data-label="Frist eller opgave"] .task-label').textContent.trim(),
      due: tr.querySelector('time').getAttribute('datetime'),
    })));
  }
  // Skive's tasks for an open course (api.md): the review from the first
  // no-show, and each weekly limit from the session that first took its
  // week past the limit; a closed course's missing end status.
  function skiveTasks(c) {
    const row = (kind, due) => ({ status: due < today ? 'Overskredet' : 'Forfalder i dag', kind, due });
    if (c.closed) return [row('Slutstatus mangler', c.closed)];
    const out = [];
    const counting = c.sessions.filter((x) => x.outcome !== 'provider_cancelled').sort((a, b) => (a.date < b.date ? -1 : 1));
    const noShow = counting.find((x) => x.outcome === 'no_show');
    if (noShow) out.push(row('Forløbet skal vurderes (fremmøde)', noShow.date));
    for (const [label, max, add] of [['Træningsgange pr. uge', 2, () => 1], ['Træningsminutter pr. uge', 90, (x) => x.minutes]]) {
      const weeks = new Map();
      const first = counting.find((x) => {
        weeks.set(isoWeek(x.date), (weeks.get(isoWeek(x.date)) || 0) + add(x));
        return weeks.get(isoWeek(x.date)) > max;
      });
      if (first) out.push(row(`Grænse overskredet: ${label}`, first.date));
    }
    return sortRows(out);
  }
  const worklistWords = (d) => (d.status === 'overdue' ? 'Overskredet' : d.due === today ? 'Forfalder i dag'
    : d.badge === 'Åben – inden for 2 hverdage' ? 'Inden for 2 hverdage' : 'Senere');
  const openOnWorklist = (want) => want.filter((d) => !d.done && !d.citizen)
    .map((d) => ({ status: worklistWords(d), kind: d.label, due: d.due }))
    .sort((a, b) => (a.due < b.due ? -1 : a.due > b.due ? 1 : 0));
  const sortRows = (rows) => [...rows].sort((a, b) => (a.due < b.due ? -1 : a.due > b.due ? 1 : 0));

  // Ny henvendelse, typed as a visitator types it; returns the case id.
  async function refer(page, muni, citizen, date) {
    const t = await navigate(page, () => page.click('#nav a[data-route="ny-henvendelse"]'));
    ok(t.view === 'ny-henvendelse', `${muni}: Ny henvendelse from the menu`, t.view);
    await page.fill('#ref-cpr', citizen.cpr);
    await page.fill('#ref-name', citizen.name);
    await page.fill('#ref-address', citizen.address);
    await page.fill('#ref-source', 'egen læge');
    await page.check('#ref-paragraph-0');
    await page.fill('#ref-condition', citizen.condition);
    await page.fill('#ref-date', daDate(date));
    await page.fill('#ref-text', 'Nedsat gangfunktion og balance efter influenza; ikke indlagt.');
    await page.check('#ref-consent');
    const t2 = await navigate(page, () => page.click('#referral-form button[type=submit]'));
    const m = /#\/sag\/(\d+)$/.exec(page.url());
    const referral = t2.view === 'sag' ? await text(page, 'section[aria-labelledby=sec-referral]') : '';
    ok(t2.view === 'sag' && m && (await text(page, 'h1')).startsWith(citizen.name) &&
       referral.includes(long(date)) && referral.includes('§ 86, stk. 1') &&
       await page.locator('.page-head .lead time').getAttribute('datetime') === today &&
       (await text(page, '.page-head .lead')).includes('Åben'),
    `${muni}: the referral (§ 86, stk. 1, received ${daDate(date)}) opens its new, open case, evaluated as of today`,
    { url: page.url(), referral });
    return m ? Number(m[1]) : null;
  }

  for (const walk of [walkAalborg, walkSkive]) {
    try {
      await walk();
    } catch (err) {
      ok(false, `case walk: ${walk.name}`, err && err.stack ? err.stack : String(err));
    }
  }

  // ---- Aalborg: dates in workdays back from the last workday up to today ----
  async function walkAalborg() {
    const muni = 'aalborg';
    const T0 = addWorkdays(muni, addWorkdays(muni, today, 1), -1);
    const W = (k) => addWorkdays(muni, T0, k);
    // The decision on the last of its 3 workdays from the referral; the
    // grant reaches the training unit days later.
    const dates = { referral: W(-13), contact: W(-12), assessment: W(-11), decision: W(-10), received: W(-9), grant: W(-4),
      s1: W(-3), s2: W(-2), s3: W(-1), s4: W(0), closed: W(0) };
    comment(`case walk, Aalborg: today ${today}; ${Object.entries(dates).map(([k, v]) => `${k} ${v}`).join(', ')}`);
    const api = new ApiClient(BASE);
    await api.login(USERS.aalborg.visitator, PASSWORD);
    const { context, page } = await newPage();
    await load(page, BASE + '/');
    await login(page, USERS.aalborg.visitator);
    const c = { referral: dates.referral, sessions: [] };
    const id = await refer(page, muni, { cpr: '170847-2236', name: 'Gudrun Vestergaard', address: 'Boulevarden 13, 9000 Aalborg',
      condition: 'balance' }, dates.referral);
    if (id === null) { await context.close(); return; }
    let want = await checkDeadlines(page, api, muni, id, c, 'after the referral');
    ok(want[0].id === 'decision' && want[0].status === 'overdue' && want.find((d) => d.id === 'start').status === 'overdue',
      'aalborg: the decision (3 workdays from the referral) and start (8 workdays) deadlines have passed: Overskredet');
    await checkLimitsAndAttendance(page, muni, c, 'after the referral');
    // The open deadline is on the worklist, with its status in words.
    const rows = await worklistRows(page, id);
    ok(JSON.stringify(sortRows(rows)) === JSON.stringify(openOnWorklist(want)),
      'aalborg: the worklist holds the case\'s open deadlines (Overskredet: afgørelse, opstart)', { rows, want: openOnWorklist(want) });
    await navigate(page, () => page.click(`#worklist tr[data-case="${id}"] a.case-link`));

    // Kontakt, from the keyboard only: Aalborg promises no contact deadline.
    const before = await page.locator('#timeline > li').count();
    await page.locator('button[data-action="contacted"]').focus();
    await page.keyboard.press('Enter');
    ok(await page.evaluate(() => document.activeElement.id === 'form-contacted-date'), 'aalborg: the contact form opens from the keyboard, focus on its date');
    await page.keyboard.press('Control+A');
    await page.keyboard.type(daDate(dates.contact));
    await page.keyboard.press('Tab');
    await page.keyboard.type('Ringet op; samtale aftalt.');
    await page.keyboard.press('Tab');
    await navigate(page, () => page.keyboard.press('Enter'));
    ok(await page.locator('#timeline > li').count() === before + 1 &&
       await page.locator(`#timeline > li.event-contacted time[datetime="${dates.contact}"]`).count() === 1 &&
       (await text(page, '#case-flash')) === 'Registreret: Kontakt til borgeren.',
    'aalborg: kontakt registered from the keyboard (in the timeline)');
    await checkDeadlines(page, api, muni, id, c, 'after kontakt (no contact deadline in Aalborg\'s standard)');

    await register(page, 'assessment', 'Udredning eller indledende samtale', async () => {
      await typeDate(page, '#form-assessment-date', dates.assessment);
      await page.fill('#form-assessment-text', 'Hjemmebesøg; mål for forløbet aftalt.');
    }, dates.assessment);
    c.assessment = dates.assessment;
    want = await checkDeadlines(page, api, muni, id, c, 'after udredning');
    ok(want[0].id === 'decision' && want[0].status === 'overdue' && want[0].from === dates.referral,
      'aalborg: the assessment does not move the decision deadline (from the referral), still Overskredet');

    await register(page, 'decision', 'Afgørelse', async () => {
      await typeDate(page, '#form-decision-date', dates.decision);
      await page.check('#form-decision-granted-0');
      await page.fill('#form-decision-text', 'Bevilget genoptræning, 2 gange om ugen.');
    }, dates.decision);
    Object.assign(c, { decision: dates.decision, granted: true });
    want = await checkDeadlines(page, api, muni, id, c, 'after the decision');
    ok(want[0].status === 'met' && want[0].done === want[0].due, 'aalborg: the decision on the deadline\'s last day: Overholdt');
    const sagDue1 = want.find((d) => d.id === 'start_after_grant').due;
    const windowDue1 = want.find((d) => d.id === 'complaint_window').due;

    await register(page, 'decision_received', 'Borgeren har modtaget afgørelsen', async () => {
      await typeDate(page, '#form-decision_received-date', dates.received);
    }, dates.received);
    c.received = dates.received;
    want = await checkDeadlines(page, api, muni, id, c, 'after afgørelse modtaget');
    const cw = want.find((d) => d.id === 'complaint_window');
    ok(cw.from === dates.received,
      'aalborg: the citizen\'s complaint window now counts from the receipt of the decision', { before: windowDue1, now: cw.due });

    await register(page, 'grant_received', 'Træningsenheden har modtaget bevillingen', async () => {
      await typeDate(page, '#form-grant_received-date', dates.grant);
    }, dates.grant);
    c.grant = dates.grant;
    want = await checkDeadlines(page, api, muni, id, c, 'after modtaget bevilling');
    const sag = want.find((d) => d.id === 'start_after_grant');
    ok(sag.due !== sagDue1 && sag.status === 'pending',
      'aalborg: start after the grant now counts from its receipt (a later due date), still open', { before: sagDue1, now: sag.due });
    const rows2 = await worklistRows(page, id);
    ok(JSON.stringify(sortRows(rows2)) === JSON.stringify(openOnWorklist(want)),
      'aalborg: the worklist holds both open start deadlines, not the citizen\'s complaint window', { rows2, want: openOnWorklist(want) });
    await navigate(page, () => page.click(`#worklist tr[data-case="${id}"] a.case-link >> nth=0`));

    const plan = [[dates.s1, 'attended', 45], [dates.s2, 'citizen_cancelled', 45], [dates.s3, 'attended', 60], [dates.s4, 'no_show', 45]];
    for (const [i, [date, outcome, minutes]] of plan.entries()) {
      await session(page, date, outcome, minutes);
      c.sessions.push({ date, outcome, minutes });
      want = await checkDeadlines(page, api, muni, id, c, `after session ${i + 1} (${outcome})`);
      await checkLimitsAndAttendance(page, muni, c, `after session ${i + 1} (${outcome})`);
    }
    ok(want.find((d) => d.id === 'start').status === 'late' && want.find((d) => d.id === 'start_after_grant').status === 'met',
      'aalborg: the first session is late for the start deadline (Overholdt for sent), in time after the grant');

    await register(page, 'closed', 'Afslutning af forløbet', async () => {
      await typeDate(page, '#form-closed-date', dates.closed);
      await page.selectOption('#form-closed-reason', 'no_shows');
      await page.fill('#form-closed-text', 'Afsluttet efter udeblivelse og afbud, jf. standarden.');
    }, dates.closed);
    c.closed = dates.closed;
    await finish(page, api, muni, id, c, 'Gentagne afbud eller udeblivelser');
    await context.close();
  }

  // ---- Skive: 14 calendar days from the referral to the first session ----
  async function walkSkive() {
    const muni = 'skive';
    const [user, pass] = skiveLogin;
    // The referral 14 calendar days ago (the start deadline falls due
    // today); the other events n days back, on the last workday on or
    // before that, never before the event before them.
    let prev = plusDays(today, -14);
    const at = (n) => {
      const day = addWorkdays(muni, addWorkdays(muni, plusDays(today, -n), 1), -1);
      prev = day < prev ? prev : day;
      return prev;
    };
    const dates = { referral: prev, contact: at(13), assessment: at(12), decision: at(12), grant: at(11),
      s1: at(10), s2: at(7), s3: at(5), s4: at(3), s5: at(1), closed: at(0) };
    comment(`case walk, Skive: today ${today}; ${Object.entries(dates).map(([k, v]) => `${k} ${v}`).join(', ')}`);
    const api = new ApiClient(demoUrl);
    await api.login(user, pass);
    const { context, page } = await newPage();
    await load(page, demoUrl + '/');
    await login(page, user, pass);
    const c = { referral: dates.referral, sessions: [] };
    const id = await refer(page, muni, { cpr: '030554-1818', name: 'Holger Bach Skovgaard', address: 'Adelgade 9, 7800 Skive',
      condition: 'hofte' }, dates.referral);
    if (id === null) { await context.close(); return; }
    let want = await checkDeadlines(page, api, muni, id, c, 'after the referral');
    ok(want[0].badge === 'Åben – forfalder i dag', 'skive: the start deadline (14 days) falls due today');
    await checkLimitsAndAttendance(page, muni, c, 'after the referral');
    const rows = await worklistRows(page, id);
    ok(JSON.stringify(rows) === JSON.stringify([{ status: 'Forfalder i dag', kind: 'Opstart af træning', due: today }]),
      'skive: the worklist holds the case\'s start deadline, due today', rows);
    await navigate(page, () => page.click(`#worklist tr[data-case="${id}"] a.case-link`));

    await register(page, 'contacted', 'Kontakt til borgeren', async () => {
      await typeDate(page, '#form-contacted-date', dates.contact);
    }, dates.contact);
    await register(page, 'assessment', 'Udredning eller indledende samtale', async () => {
      await typeDate(page, '#form-assessment-date', dates.assessment);
    }, dates.assessment);
    c.assessment = dates.assessment;
    await checkDeadlines(page, api, muni, id, c, 'after kontakt and udredning (Skive has no deadline for them)');
    await register(page, 'decision', 'Afgørelse', async () => {
      await typeDate(page, '#form-decision-date', dates.decision);
      await page.locator('#form-decision-granted-0').check();
    }, dates.decision);
    Object.assign(c, { decision: dates.decision, granted: true });
    await checkDeadlines(page, api, muni, id, c, 'after the decision');
    await register(page, 'grant_received', 'Træningsenheden har modtaget bevillingen', async () => {
      await typeDate(page, '#form-grant_received-date', dates.grant);
    }, dates.grant);
    c.grant = dates.grant;
    await checkDeadlines(page, api, muni, id, c, 'after modtaget bevilling');

    const plan = [[dates.s1, 'attended', 45], [dates.s2, 'attended', 45], [dates.s3, 'no_show', 45],
      [dates.s4, 'citizen_cancelled', 30], [dates.s5, 'attended', 60]];
    for (const [i, [date, outcome, minutes]] of plan.entries()) {
      await session(page, date, outcome, minutes);
      c.sessions.push({ date, outcome, minutes });
      want = await checkDeadlines(page, api, muni, id, c, `after session ${i + 1} (${outcome})`);
      await checkLimitsAndAttendance(page, muni, c, `after session ${i + 1} (${outcome})`);
      if (i === 0) ok(want[0].status === 'met', 'skive: the first session meets the start deadline: Overholdt');
    }
    const rowsOpen = await worklistRows(page, id);
    ok(JSON.stringify(sortRows(rowsOpen)) === JSON.stringify(skiveTasks(c)),
      'skive: with the start met, the open case has its tasks on the worklist (the no-show\'s review, the week\'s limits exceeded)',
      { rowsOpen, want: skiveTasks(c) });
    // All cases: the walk's case is nobody's.
    await navigate(page, () => page.evaluate(() => { location.hash = '#/sager/alle'; }));
    await navigate(page, () => page.click(`#cases a[href="#/sag/${id}"]`));

    await register(page, 'closed', 'Afslutning af forløbet', async () => {
      await typeDate(page, '#form-closed-date', dates.closed);
      await page.selectOption('#form-closed-reason', 'goal_reached');
    }, dates.closed);
    c.closed = dates.closed;
    await finish(page, api, muni, id, c, 'Målet er nået');
    await context.close();
  }

  // After the closure: closed on the page and in Sager, only the journal's
  // actions left, deadlines and limits as the rules give them for a closed
  // course, nothing on the worklist; screenshots and axe at both sizes.
  async function finish(page, api, muni, id, c, reason) {
    const step = 'after the closure';
    const lead = await text(page, '.page-head .lead');
    const referral = await page.$$eval('section[aria-labelledby=sec-referral] dl > div', (divs) =>
      Object.fromEntries(divs.map((x) => [x.querySelector('dt').textContent, x.querySelector('dd').textContent])));
    const closedEvent = await text(page, `#timeline > li.event-closed`);
    ok(lead.includes('Afsluttet') && referral.Status === 'afsluttet' && closedEvent.includes(`årsag: ${reason}`) &&
       closedEvent.includes(long(c.closed)), `${muni}: the case shows as closed, with the reason "${reason}"`, { lead, referral, closedEvent });
    const actions = await page.locator('section[aria-labelledby=sec-actions] button[data-action]')
      .evaluateAll((bs) => bs.map((b) => b.dataset.action));
    ok(JSON.stringify(actions) === JSON.stringify(['note', 'complaint_received', 'complaint_decided', 'complaint_forwarded', 'appeal_decided', 'correction']),
      `${muni}: a closed case offers only the journal note, complaints and corrections`, actions);
    const want = await checkDeadlines(page, api, muni, id, c, step);
    await checkLimitsAndAttendance(page, muni, c, step);
    const open = want.filter((d) => !d.done);
    ok(open.every((d) => d.citizen), `${muni}: no open deadline of the municipality's is left${open.length ? ' (only the citizen\'s complaint window)' : ''}`,
      open.map((d) => d.id));
    ok(await page.locator('#timeline > li').count() === 11, `${muni}: the timeline holds the walk's every event`,
      await page.locator('#timeline > li').count());
    await page.screenshot({ path: path.join(SHOTS, `sag-forloeb-${muni}-afsluttet-1366.png`), fullPage: true });
    await axe(page, `Sagen after the walk, closed, ${muni} (1366)`);
    const rows = await worklistRows(page, id);
    const left = muni === 'skive' ? skiveTasks(c) : [];
    ok(JSON.stringify(rows) === JSON.stringify(left) &&
       await page.locator('#worklist tbody tr').count() + await page.locator('.empty').count() > 0,
    `${muni}: the closed case has no open deadlines on the worklist (Opgaver)${left.length ? ', only its missing end status' : ''}`,
    { rows, left });
    // Sager (all cases: the walk's case is nobody's): among the closed ones.
    await navigate(page, () => page.evaluate(() => { location.hash = '#/sager/alle'; }));
    const inOpen = await page.locator(`#cases a[href="#/sag/${id}"]`).count();
    await page.selectOption('#filter-status', 'closed');
    await page.waitForSelector(`#cases a[href="#/sag/${id}"]`);
    const row = await page.locator('#cases tbody tr', { has: page.locator(`a[href="#/sag/${id}"]`) }).innerText();
    ok(inOpen === 0 && row.includes('Afsluttet'), `${muni}: Sager lists the case among the closed ones`, row);
    noProblems(page, `the case walk in ${muni}`);

    const narrow = SIZES.find((s) => s.name === '390');
    const { context: c2, page: p2 } = await newPage(narrow);
    const [base, user, pass] = muni === 'aalborg' ? [BASE, USERS.aalborg.visitator, PASSWORD] : [demoUrl, ...skiveLogin];
    await load(p2, `${base}/#/sag/${id}`);
    await login(p2, user, pass);
    await p2.waitForSelector('#deadlines');
    const overflow = await p2.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    const shown = (await shownDeadlines(p2)).map((x) => `${x.id} ${x.badge}`);
    ok(overflow <= 0 && JSON.stringify(shown) === JSON.stringify(want.map((x) => `${x.id} ${x.badge}`)),
      `${muni} (390): the closed case's deadlines with their statuses, nothing wider than the window`, { overflow, shown });
    await p2.screenshot({ path: path.join(SHOTS, `sag-forloeb-${muni}-afsluttet-390.png`), fullPage: true });
    await axe(p2, `Sagen after the walk, closed, ${muni} (390)`);
    noProblems(p2, `the closed case in ${muni} (390)`);
    await c2.close();
  }
}

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

try {
  await main();
} catch (err) {
  ok(false, 'browser test run', err && err.stack ? err.stack : String(err));
} finally {
  await browser.close();
  console.log(`1..${n}`);
  process.exitCode = failed ? 1 : 0;
}
