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
// goals in the table); another municipality's case is "not
// found"; logging out, after which neither a reload nor the back button
// shows anything but the login; the quality standard for every role,
// each rule with its source; no console error or CSP violation on
// any screen; axe-core on every screen (no serious or critical
// violation); screenshots of every screen at 1366x768 and 390x844 in
// tests/browser/screenshots/; and the time until each page is
// interactive, from the Performance API, as TAP comments. Then the same
// app against `genop demo`'s database (GENOP_DEMO_URL, with the logins
// it printed in GENOP_DEMO_LOGINS): every case of every municipality.

import { chromium } from 'playwright-core';
import { readFileSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { seed, ApiClient, isoDaysAgo } from './seed.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);
const AXE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const BASE = process.env.GENOP_URL;
const PASSWORD = process.env.GENOP_PASSWORD;
const SHOTS = path.join(here, 'screenshots');
mkdirSync(SHOTS, { recursive: true });

const USERS = {
  rodovre: { visitator: 'rod.visitator', terapeut: 'rod.terapeut', leder: 'rod.leder', admin: 'rod.admin' },
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
      // 404 of another municipality's case, a 422) is reported by the
      // browser as a failed resource; anything else is a problem.
      if (/Failed to load resource: the server responded with a status of (401|404|422)/.test(text)) return;
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

// Loads url from scratch and waits for the first view.
async function load(page, url) {
  await page.goto(url);
  await page.waitForFunction(() => performance.getEntriesByName('genop:ready').length > 0, null, { timeout: 10000 });
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
  await testOtherMunicipality(ids);
  await testLogout();
  await testStandard();
  await testScreens(ids);
  await testDemo();

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
      ok(JSON.stringify(menu) === JSON.stringify(['#/adgangslog', '#/kvalitetsstandard']),
        'admin: only the access log and the quality standard in the menu', menu);
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
  const kinds = await rows.locator('td[data-label=Frist]').allInnerTexts();
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
  ok(/begrundelse/.test(await text(p2, '#form-decision-text-error')), 'a refusal without reasons is not sent');
  await p2.check('#form-decision-granted-0');
  await navigate(p2, () => p2.click('#form-decision button[type=submit]'));
  ok((await text(p2, '#timeline')).includes('bevilling'), 'a granted decision appears in the timeline');
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
  await api.must('POST', `/api/v1/cases/${id}/events`, { type: 'decision', date: isoDaysAgo(18), granted: true });

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
    referral: { date: isoDaysAgo(3), paragraph: '86.1', source: 'egen læge', condition: 'knæ' },
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
  await context.close();

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
      await page.waitForFunction(() => performance.getEntriesByName('genop:ready').length > 0, null, { timeout: 10000 });
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
    await load(page, url + '/');
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
