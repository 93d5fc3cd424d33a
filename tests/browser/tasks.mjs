// tasks.mjs - the worklist's tasks and the faults of issue 12, item 5
// that go with them, in Skive on `genop demo`'s database (GENOP_DEMO_URL,
// the visitator.skive and terapeut.skive logins in GENOP_DEMO_LOGINS):
// - the worklist (Opgaver) lists a case's tasks with their Danish labels
//   ("Forløbet skal vurderes (fremmøde)", "Grænse overskredet:
//   Træningsgange pr. uge", "Forløbet har passeret 4 måneder", "Slutstatus
//   mangler") and the rule's source, filterable by task, as the API says;
// - an overdue deadline says how long it has been overdue: "overskredet
//   med 2 hverdage", and at a weekend (no workday since) "forfaldt fredag
//   4.12." where it said "ingen hverdage tilbage" (labels.dueText, run in
//   the page);
// - the citizen's complaint window reads as the citizen's ("Klagefristen
//   udløb DD.MM.ÅÅÅÅ"), never as "Overskredet", and is not on the worklist;
// - the close form warns that Skive's required end status is missing,
//   with its source, and closing stays possible; the closed case says the
//   end status is missing; after the closure a journal note, a start
//   status dated in the course (the one form that was not offered: the
//   end status could never be added) and then the end status are
//   registered through the page, and the task leaves the worklist;
// - the standard's page shows the end status rule with its source.
// Axe and screenshots at 1366x768 and 390x844, nothing wider than the
// window. The test.mjs helpers come in `t`.

import { ApiClient, GRANT, isoDaysAgo } from './seed.mjs';

const QUALITY = 'Skive, Kommunens kvalitetsmål og leverancesikkerhed';
const SCOPE = 'Skive, Ydelsens omfang';
const GAA = '51697715-965a-40f3-b4a5-819103bf9d49';   // Gå (Mobilitet), FSIII

// The Monday of the week `weeks` weeks back, ISO.
function monday(weeks) {
  const d = new Date(`${isoDaysAgo(7 * weeks)}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - ((d.getUTCDay() + 6) % 7));
  return d.toISOString().slice(0, 10);
}
const plusDays = (iso, n) => new Date(Date.parse(`${iso}T00:00:00Z`) + n * 86400000).toISOString().slice(0, 10);

async function newCase(api, cpr, name, referred, granted = true) {
  const id = (await api.must('POST', '/api/v1/cases', {
    citizen: { cpr, name, address: 'Adelgade 1, 7800 Skive', phone: '97000000' },
    referral: { date: isoDaysAgo(referred), paragraph: '86.1', source: 'egen læge', condition: 'hofte', consent: true },
  })).id;
  await api.must('POST', `/api/v1/cases/${id}/events`, { type: 'decision', date: isoDaysAgo(referred - 1), granted,
    ...(granted ? { grant: GRANT } : { reasons: [{ criterion: 'motivation', text: 'Borgeren kan selv træne i foreningslivet.' }] }) });
  return id;
}
const session = (date, outcome = 'attended', minutes = 45) => ({ type: 'session', date, outcome, minutes });

// A course with a no-show and three sessions in one week (the weekly
// limits), one past its 4 months, one to close, one refused long ago.
async function seedCases(api) {
  const mon = monday(2);
  const busy = await newCase(api, '1103401234', 'Karla Travl', 30);
  for (const [i, outcome] of ['attended', 'no_show', 'attended'].entries()) {
    await api.must('POST', `/api/v1/cases/${busy}/events`, session(plusDays(mon, i), outcome));
  }
  const long = await newCase(api, '1203401234', 'Lars Langtræner', 150);
  await api.must('POST', `/api/v1/cases/${long}/events`, session(isoDaysAgo(140)));
  await api.must('POST', `/api/v1/cases/${long}/events`, session(isoDaysAgo(3)));
  const closing = await newCase(api, '1303401234', 'Mona Afslutter', 30);
  await api.must('POST', `/api/v1/cases/${closing}/events`, session(isoDaysAgo(20)));
  await api.must('POST', `/api/v1/cases/${closing}/events`, session(isoDaysAgo(13)));
  const refused = await newCase(api, '1403401234', 'Niels Afslag', 70, false);
  return { busy, long, closing, refused, mon };
}

// The worklist's rows of one case, as shown.
const rowsOf = (page, id) => page.$$eval(`#worklist tbody tr[data-case="${id}"]`, (trs) => trs.map((tr) => ({
  label: tr.querySelector('.task-label').textContent,
  source: (tr.querySelector('.task-source') || {}).textContent || '',
  due: tr.querySelector('time').getAttribute('datetime'),
  status: tr.querySelector('td[data-label=Status]').textContent.trim(),
  sub: tr.querySelector('td[data-label=Forfalder] .sub').textContent,
})));

async function checkWorklist(t, page, size, ids, api) {
  await page.waitForSelector('#worklist');
  const busy = await rowsOf(page, ids.busy);
  const want = [
    { label: 'Forløbet skal vurderes (fremmøde)', source: `Kilde: ${QUALITY}`, due: plusDays(ids.mon, 1) },
    { label: 'Grænse overskredet: Træningsgange pr. uge', source: `Kilde: ${SCOPE}`, due: plusDays(ids.mon, 2) },
    { label: 'Grænse overskredet: Træningsminutter pr. uge', source: `Kilde: ${SCOPE}`, due: plusDays(ids.mon, 2) },
  ];
  t.ok(JSON.stringify(busy.map(({ label, source, due }) => ({ label, source, due }))) === JSON.stringify(want) &&
     busy.every((r) => r.status === 'Overskredet' && /^overskredet med \d+ hverdag/.test(r.sub)),
  `tasks (${size.name}): the review after the no-show and the week's limits, each with its source and how long overdue`, busy);
  const long = await rowsOf(page, ids.long);
  t.ok(long.length === 1 && long[0].label === 'Forløbet har passeret 4 måneder' && long[0].source === `Kilde: ${SCOPE}`,
    `tasks (${size.name}): the course past Skive's 4 months`, long);
  t.ok(await page.locator(`#worklist tbody tr[data-case="${ids.refused}"]`).count() === 0,
    `tasks (${size.name}): the citizen's complaint window is not on the worklist`);
  const api1 = (await api.must('GET', '/api/v1/worklist?limit=500')).items.filter((i) => i.case === ids.busy);
  t.ok(api1.length === 3 && api1.every((i) => i.kind === 'task' && busy.some((r) => r.label === i.label && r.due === i.due)),
    `tasks (${size.name}): the page shows what the API lists`, api1);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  t.ok(overflow <= 0, `tasks (${size.name}): the worklist is no wider than the window`, overflow);
}

// The filter by task, and the wording of labels.dueText run in the page.
async function checkFilterAndWording(t, page, ids) {
  await page.selectOption('#filter-kind', 'limit_exceeded:sessions_per_week');
  const labels = await page.locator('#worklist tbody .task-label').allInnerTexts();
  t.ok(labels.length >= 1 && labels.every((l) => l === 'Grænse overskredet: Træningsgange pr. uge') &&
     await page.locator(`#worklist tbody tr[data-case="${ids.busy}"]`).count() === 1,
  'tasks: the filter shows one exceeded limit by its own name', labels);
  await page.selectOption('#filter-kind', '');
  const words = await page.evaluate(async () => {
    const l = await import('/labels.js');
    const at = (due, status, n, asOf) => l.dueText({ due, status, workdays_left: n }, asOf);
    return [at('2026-12-04', 'overdue', 0, '2026-12-06'), at('2026-12-02', 'overdue', -2, '2026-12-04'),
      at('2026-12-03', 'overdue', -1, '2026-12-04'), at('2026-12-06', 'pending', 0, '2026-12-06'),
      at('2026-12-09', 'pending', 3, '2026-12-06'), at('2026-12-05', 'pending', 0, '2026-12-04')];
  });
  t.ok(JSON.stringify(words) === JSON.stringify(['forfaldt fredag 4.12.', 'overskredet med 2 hverdage',
    'overskredet med 1 hverdag', 'forfalder i dag', '3 hverdage tilbage', 'forfalder lørdag 5.12.']),
  'overdue at a weekend: "forfaldt fredag 4.12.", not "ingen hverdage tilbage"; "overskredet med 2 hverdage"', words);
}

async function testWorklistTasks(t, url, login, ids, api) {
  for (const size of t.SIZES) {
    const { context, page } = await t.newPage(size);
    // All tasks: the demo's visitator has cases of their own, and Opgaver
    // would start on theirs.
    await t.load(page, `${url}/#/opgaver/alle`);
    await t.login(page, login[0], login[1]);
    await checkWorklist(t, page, size, ids, api);
    if (size === t.SIZES[0]) await checkFilterAndWording(t, page, ids);
    await t.shot(page, `opgaver-med-opgaver-${size.name}`);
    await t.axe(page, `Opgaver with tasks (${size.name})`);
    t.noProblems(page, `Opgaver with tasks (${size.name})`);
    await context.close();
  }
}

// The refused case: the complaint window is the citizen's.
async function testComplaintWindow(t, url, login, ids, api) {
  const ev = (await api.must('GET', `/api/v1/cases/${ids.refused}`)).evaluation;
  const window = ev.deadlines.find((d) => d.id === 'complaint_window');
  const want = `Klagefristen udløb ${t.daDate(window.due)}`;
  for (const size of t.SIZES) {
    const { context, page } = await t.newPage(size);
    await t.load(page, `${url}/#/sag/${ids.refused}`);
    await t.login(page, login[0], login[1]);
    const li = page.locator('#deadlines li[data-deadline=complaint_window]');
    const badge = (await li.locator('.badge').innerText()).trim();
    const cls = await li.locator('.badge').getAttribute('class');
    t.ok(window.status === 'overdue' && badge === want && cls.includes('status-citizen') && !cls.includes('status-overdue') &&
       !(await li.innerText()).includes('Overskredet'),
    `the complaint window (${size.name}): "${want}", the citizen's deadline, not the municipality's "Overskredet"`, { badge, cls });
    await t.shot(page, `sag-klagefrist-${size.name}`);
    await t.axe(page, `Sagen with the citizen's complaint window (${size.name})`);
    t.noProblems(page, `the complaint window (${size.name})`);
    await context.close();
  }
}

// Closing without the end status: the warning, then closing anyway.
async function closeWithWarning(t, page, id) {
  await page.click('button[data-action=closed]');
  await page.waitForSelector('#form-closed');
  const warning = await t.text(page, '#close-end-status-warning');
  t.ok(warning.includes('Slutstatus mangler') && warning.includes(`Kilde: ${QUALITY}`) &&
     await page.getAttribute('#form-closed', 'aria-describedby') === 'close-end-status-warning',
  'closing: the form warns that the end status Skive requires is missing, with its source', warning);
  await t.shot(page, 'sag-afslut-uden-slutstatus-1366');
  await t.axe(page, 'the close form with the end status warning (1366)');
  await page.fill('#form-closed-date', t.daDate(isoDaysAgo(6)));
  await page.selectOption('#form-closed-reason', 'goal_reached');
  await t.navigate(page, () => page.click('#form-closed button[type=submit]'));
  await page.waitForSelector('#case-flash:not(:empty)');
  const after = await t.text(page, '#end-status-warning');
  t.ok((await t.text(page, '#case-flash')).includes('Afslutning') && after.includes('Slutstatus mangler') &&
     after.includes(t.daDate(isoDaysAgo(6))), 'closing: the course closes all the same, and the case says its end status is missing', after);
}

// After the closure: a note, a start status dated in the course, the end status.
async function registerAfterClosure(t, page) {
  await page.click('button[data-action=note]');
  await page.fill('#form-note-text', 'Slutstatus indhentes hos terapeuten.');
  await t.navigate(page, () => page.click('#form-note button[type=submit]'));
  t.ok((await t.text(page, '#timeline')).includes('Slutstatus indhentes hos terapeuten.'), 'after the closure: a journal note');
  const help = await t.text(page, '#late-start-help');
  t.ok(help.includes('uden startstatus') && await page.locator('#udredning button[data-action=status-start]').count() === 1,
    'after the closure: the start status is still offered, to be dated before the closure', help);
  await page.click('#udredning button[data-action=status-start]');
  t.ok(await page.inputValue('#form-status-start-date') === t.daDate(isoDaysAgo(20)),
    'after the closure: the start status is proposed on the course\'s first session');
  await page.locator('#form-status-start details.area summary', { hasText: 'Mobilitet' }).click();
  await page.selectOption(`#form-status-start select[data-code="${GAA}"]`, '3');
  await page.fill('#form-status-start-goal-1', 'Gå til bussen');
  await t.navigate(page, () => page.click('#form-status-start button[type=submit]'));
  await page.click('#udredning button[data-action=status-end]');
  await page.selectOption(`#form-status-end select[data-code="${GAA}"]`, '1');
  await page.check('#form-status-end-goal-1-0');
  await t.navigate(page, () => page.click('#form-status-end button[type=submit]'));
  await page.waitForSelector('#case-flash:not(:empty)');
  t.ok((await t.text(page, '#case-flash')).includes('slutstatus') && await page.locator('#end-status-warning').count() === 0,
    'after the closure: the end status is registered, and the case no longer says it is missing');
}

async function testClosing(t, url, login, ids, api) {
  const { context, page } = await t.newPage();
  await t.load(page, `${url}/#/sag/${ids.closing}`);
  await t.login(page, login[0], login[1]);
  await closeWithWarning(t, page, ids.closing);
  const task = (await api.must('GET', '/api/v1/worklist?limit=500')).items.filter((i) => i.case === ids.closing);
  t.ok(task.length === 1 && task[0].id === 'end_status' && task[0].label === 'Slutstatus mangler' && task[0].source === QUALITY,
    'closing: the missing end status is on the worklist', task);
  await t.shot(page, 'sag-slutstatus-mangler-1366');
  await t.axe(page, 'the closed case without its end status (1366)');
  await registerAfterClosure(t, page);
  const left = (await api.must('GET', '/api/v1/worklist?limit=500')).items.filter((i) => i.case === ids.closing);
  t.ok(left.length === 0, 'after the closure: the end status takes the task off the worklist', left);
  t.noProblems(page, 'closing without the end status and adding it after');
  await context.close();
  const narrow = t.SIZES.find((s) => s.name === '390');
  const { context: c2, page: p2 } = await t.newPage(narrow);
  await t.load(p2, `${url}/#/sag/${ids.closing}`);
  await t.login(p2, login[0], login[1]);
  const overflow = await p2.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  t.ok(overflow <= 0, 'the closed case with both statuses (390): nothing wider than the window', overflow);
  await t.shot(p2, 'sag-slutstatus-efter-afslutning-390');
  await t.axe(p2, 'the closed case with both statuses (390)');
  t.noProblems(p2, 'the closed case (390)');
  await c2.close();
}

// The standard's page names the rule behind the end status task.
async function testStandardPage(t, url, login) {
  const { context, page } = await t.newPage();
  await t.load(page, `${url}/#/kvalitetsstandard`);
  await t.login(page, login[0], login[1]);
  await page.waitForSelector('#std-dokumentation');
  const part = await t.text(page, '#std-dokumentation');
  t.ok(part.includes('Slutstatus') && part.includes(`Kilde: ${QUALITY}`) &&
     part.includes('»Der udarbejdes status ved starten og slutningen af træningsforløbet.«'),
  'the standard\'s page: Dokumentation, the end status rule with Skive\'s words and source', part);
  t.noProblems(page, 'Kvalitetsstandard Skive, Dokumentation');
  await context.close();
}

export async function testTasks(t) {
  const url = process.env.GENOP_DEMO_URL;
  const logins = (process.env.GENOP_DEMO_LOGINS || '').split(',').filter(Boolean).map((x) => x.split(':'));
  const skive = logins.find((l) => l[0] === 'visitator.skive');
  if (!url || !skive) {
    t.ok(false, 'tasks: the demo database and its Skive visitator', 'GENOP_DEMO_URL or the login missing');
    return;
  }
  const api = new ApiClient(url);
  await api.login(skive[0], skive[1]);
  const ids = await seedCases(api);
  await testWorklistTasks(t, url, skive, ids, api);
  await testComplaintWindow(t, url, skive, ids, api);
  await testClosing(t, url, skive, ids, api);
  await testStandardPage(t, url, skive);
}
