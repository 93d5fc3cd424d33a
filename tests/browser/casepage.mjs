// casepage.mjs - the case page's faults of issue 12, item 5, in a real
// browser:
// - the buttons follow the case's stage: a fresh referral offers kontakt,
//   udredning, afgørelse (and the visitator's genoptræningsplan and
//   tidligere forløb), never "Klage videresendt" or "Træningsgang", which
//   are behind "Flere" (a closed <details>); a course in training offers
//   træningsgang and afslutning; a refused case and a complaint sent to
//   Ankestyrelsen offer afslutning; a terapeut gets the training unit's
//   next steps only (Rødovre, GENOP_URL);
// - the therapist's correction form lists only the events a terapeut may
//   register (no decision, no referral);
// - the two new forms: a hospital rehabilitation plan and a previous
//   course registered by the visitator, shown in the timeline, the plan
//   judged in the eligibility panel;
// - a session past Skive's weekly limit is asked about before it is saved,
//   naming the limit and its source, and nothing is stored until
//   "Registrér alligevel"; then it is (GENOP_DEMO_URL, visitator.skive);
// - the limits in words: "uge 47, 2026" (never "2026-W47"), the current
//   week's bar with the worst week beside it, the course's length as "4
//   måneder (til DD.MM.ÅÅÅÅ)".
// Axe and screenshots at 1366x768 and 390x844 (nothing wider than the
// window). The test.mjs helpers come in `t`.

import { ApiClient, isoDaysAgo, GRANT, REASONS } from './seed.mjs';

const SCOPE = 'Skive, Ydelsens omfang';

// The Monday of the ISO week `weeks` weeks back, ISO.
function monday(weeks) {
  const d = new Date(`${isoDaysAgo(7 * weeks)}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - ((d.getUTCDay() + 6) % 7));
  return d.toISOString().slice(0, 10);
}
const plusDays = (iso, n) => new Date(Date.parse(`${iso}T00:00:00Z`) + n * 86400000).toISOString().slice(0, 10);
const session = (date, outcome = 'attended', minutes = 45) => ({ type: 'session', date, outcome, minutes });
// "uge 47, 2026" for "2026-W47".
const week = (p) => `uge ${Number(p.slice(6))}, ${p.slice(0, 4)}`;

async function refer(api, cpr, name, daysAgo, condition = 'knæ') {
  return (await api.must('POST', '/api/v1/cases', {
    citizen: { cpr, name, address: 'Testvej 1', phone: '11223344' },
    referral: { date: isoDaysAgo(daysAgo), paragraph: '86.1', source: 'egen læge', condition, consent: true },
  })).id;
}

// One case at each stage, in Rødovre.
async function seedStages(api) {
  const ev = (id, e) => api.must('POST', `/api/v1/cases/${id}/events`, e);
  const referred = await refer(api, '0106701111', 'Rita Henvist', 3);
  const training = await refer(api, '0206701111', 'Tage Træner', 30);
  await ev(training, { type: 'decision', date: isoDaysAgo(28), granted: true, grant: GRANT });
  await ev(training, session(isoDaysAgo(20)));
  const refused = await refer(api, '0306701111', 'Aase Afslag', 30);
  await ev(refused, { type: 'decision', date: isoDaysAgo(28), granted: false, reasons: REASONS, text: 'Ikke behov.' });
  const forwarded = await refer(api, '0406701111', 'Kurt Klager', 40);
  await ev(forwarded, { type: 'decision', date: isoDaysAgo(38), granted: false, reasons: REASONS, text: 'Ikke behov.' });
  await ev(forwarded, { type: 'complaint_received', date: isoDaysAgo(30) });
  await ev(forwarded, { type: 'complaint_decided', date: isoDaysAgo(25), upheld: 'none' });
  await ev(forwarded, { type: 'complaint_forwarded', date: isoDaysAgo(20) });
  return { referred, training, refused, forwarded };
}

// The buttons of the case page: the next steps and those behind "Flere".
async function buttons(page) {
  await page.waitForSelector('section[aria-labelledby=sec-actions]');
  const list = (sel) => page.locator(sel).evaluateAll((bs) => bs.map((b) => b.dataset.action));
  return { next: await list('#next-actions button[data-action]'), more: await list('#more-actions button[data-action]'),
    moreOpen: await page.locator('#more-actions').evaluate((d) => d.open).catch(() => null) };
}

async function open(t, page, url, id) {
  await t.navigate(page, () => page.evaluate((hsh) => { location.hash = hsh; }, `#/sag/${id}`));
  await page.waitForSelector('#limits, section[aria-labelledby=sec-limits]');
  return url;
}

async function testStages(t, ids) {
  const { context, page } = await t.newPage();
  await t.load(page, `${t.BASE}/`);
  await t.login(page, t.USERS.rodovre.visitator);
  await open(t, page, t.BASE, ids.referred);
  let b = await buttons(page);
  t.ok(JSON.stringify(b.next) === JSON.stringify(['contacted', 'assessment', 'decision', 'hospital_plan', 'previous_course', 'note']) &&
     b.more.includes('session') && b.more.includes('complaint_forwarded') && b.moreOpen === false &&
     !(await page.locator('button[data-action=complaint_forwarded]').isVisible()),
  'a fresh referral: kontakt, udredning, afgørelse, plan and previous course next; træningsgang and klage videresendt behind a closed "Flere"', b);
  await page.click('#more-actions summary');
  t.ok(await page.locator('#more-actions').evaluate((d) => d.open) &&
     await page.locator('button[data-action=complaint_forwarded]').isVisible(), '"Flere" opens to show the rest');
  await t.shot(page, 'sag-flere-aaben-1366');
  await t.axe(page, 'Sagen with "Flere" open (1366)');
  await open(t, page, t.BASE, ids.training);
  b = await buttons(page);
  t.ok(JSON.stringify(b.next) === JSON.stringify(['session', 'admitted', 'closed', 'note']) && !b.next.includes('decision'),
    'a course in training: træningsgang, indlæggelse, afslutning, journalnotat next', b);
  await open(t, page, t.BASE, ids.refused);
  b = await buttons(page);
  t.ok(JSON.stringify(b.next) === JSON.stringify(['decision_received', 'complaint_received', 'closed', 'note']),
    'a refused case: afgørelse modtaget, klage modtaget and afslutning next', b);
  await open(t, page, t.BASE, ids.forwarded);
  b = await buttons(page);
  t.ok(JSON.stringify(b.next) === JSON.stringify(['appeal_decided', 'closed', 'note']) && b.more.includes('complaint_decided'),
    'a complaint sent to Ankestyrelsen: Ankestyrelsens afgørelse and afslutning next', b);
  t.noProblems(page, 'the buttons per stage');
  await context.close();
}

async function testTherapist(t, ids) {
  const { context, page } = await t.newPage();
  await t.load(page, `${t.BASE}/`);
  await t.login(page, t.USERS.rodovre.terapeut);
  await open(t, page, t.BASE, ids.referred);
  const b = await buttons(page);
  t.ok(JSON.stringify(b.next) === JSON.stringify(['contacted', 'assessment', 'note']) &&
     ![...b.next, ...b.more].some((x) => ['decision', 'hospital_plan', 'previous_course', 'complaint_forwarded'].includes(x)),
  'a terapeut on a fresh referral: kontakt, udredning, journalnotat; none of the visitator\'s', b);
  await open(t, page, t.BASE, ids.training);
  await t.reveal(page, 'correction');
  await page.click('button[data-action=correction]');
  const options = await page.$$eval('#form-correction-corrects option', (os) => os.map((o) => o.textContent));
  t.ok(options.length === 1 && /Træningsgang/.test(options[0]) && !options.some((o) => /Afgørelse|Henvendelse/.test(o)),
    'the therapist\'s correction form lists only what a terapeut may register (the session)', options);
  // The API still refuses a decision, in words (if it should happen).
  const detail = await page.evaluate(async ([id, grant]) => {
    const r = await fetch(`/api/v1/cases/${id}/events`, { method: 'POST', headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ type: 'decision', date: new Date().toISOString().slice(0, 10), granted: true, grant }) });
    return { status: r.status, detail: (await r.json()).detail };
  }, [ids.training, GRANT]);
  t.ok(detail.status === 403 && /Som terapeut kan du ikke registrere eller rette en afgørelse/.test(detail.detail) &&
     !/decision/.test(detail.detail), 'a terapeut\'s 403 says in Danish words what they cannot register', detail);
  page.problems.length = 0;       // the 403 just provoked is reported by the browser
  await t.shot(page, 'sag-terapeut-rettelse-1366');
  await t.axe(page, 'the therapist\'s correction form (1366)');
  await context.close();
}

async function testNewForms(t, api, ids) {
  const { context, page } = await t.newPage();
  await t.load(page, `${t.BASE}/`);
  await t.login(page, t.USERS.rodovre.visitator);
  await open(t, page, t.BASE, ids.referred);
  await page.click('button[data-action=previous_course]');
  t.ok(await page.inputValue('#form-previous_course-condition') === 'knæ',
    'the previous course form proposes the referral\'s condition');
  await page.fill('#form-previous_course-date', t.daDate(isoDaysAgo(400)));
  await t.navigate(page, () => page.click('#form-previous_course button[type=submit]'));
  await page.waitForSelector('#case-flash:not(:empty)');
  const tl1 = await t.text(page, '#timeline');
  t.ok(tl1.includes('Tidligere forløb') && tl1.includes('lidelse: knæ'),
    'a previous course is registered through its form (before the referral)', tl1);
  await page.click('button[data-action=hospital_plan]');
  await page.fill('#form-hospital_plan-date', t.daDate(isoDaysAgo(5)));
  await page.fill('#form-hospital_plan-text', 'Hvidovre Hospital, ortopædkirurgisk afdeling');
  await t.shot(page, 'sag-genoptraeningsplan-form-1366');
  await t.axe(page, 'the hospital plan form (1366)');
  await t.navigate(page, () => page.click('#form-hospital_plan button[type=submit]'));
  await page.waitForSelector('#case-flash:not(:empty)');
  const tl2 = await t.text(page, '#timeline');
  const elig = await t.text(page, 'section[aria-labelledby=sec-eligibility]');
  const ev = (await api.must('GET', `/api/v1/cases/${ids.referred}`)).evaluation;
  t.ok(tl2.includes('Genoptræningsplan fra sygehus') && tl2.includes('Hvidovre Hospital') &&
     ev.eligibility.findings.some((f) => f.id === 'hospital_plan') && elig.includes('opfylder ikke'),
  'a hospital plan is registered through its form and judged on the case', { elig, findings: ev.eligibility.findings });
  t.noProblems(page, 'the two new forms');
  await context.close();
}

// Skive: two sessions in a week, a third asked about before it is saved.
async function testLimitWarning(t, url, login, api) {
  const mon = monday(2);
  const id = await refer(api, '0506701111', 'Vera Ugegrænse', 40, 'hofte');
  await api.must('POST', `/api/v1/cases/${id}/events`, { type: 'decision', date: isoDaysAgo(39), granted: true, grant: GRANT });
  await api.must('POST', `/api/v1/cases/${id}/events`, session(mon));
  await api.must('POST', `/api/v1/cases/${id}/events`, session(plusDays(mon, 1)));
  const count = async () => (await api.must('GET', `/api/v1/cases/${id}`)).events.length;
  const before = await count();
  for (const size of t.SIZES) {
    const { context, page } = await t.newPage(size);
    await t.load(page, `${url}/#/sag/${id}`);
    await t.login(page, login[0], login[1]);
    await page.click('button[data-action=session]');
    await page.fill('#form-session-date', t.daDate(plusDays(mon, 2)));
    await page.selectOption('#form-session-outcome', 'attended');
    await page.click('#form-session button[type=submit]');
    await page.waitForSelector('#form-session-limit-warning:not([hidden])');
    const warning = await t.text(page, '#form-session-limit-warning');
    const button = (await t.text(page, '#form-session button[type=submit]')).trim();
    t.ok(warning.includes(`Denne træningsgang overskrider grænsen »Træningsgange pr. uge« (kilde: ${SCOPE})`) &&
       warning.includes(`3 af højst 2 træningsgange i ${week(isoWeekOf(mon))}`) && warning.includes('Registrér alligevel?') &&
       button === 'Registrér alligevel' && await count() === before,
    `the limit warning (${size.name}): names the limit and its source before saving, nothing stored yet`, { warning, button });
    await t.shot(page, `sag-graense-advarsel-${size.name}`);
    await t.axe(page, `the session form's limit warning (${size.name})`);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    t.ok(overflow <= 0, `the limit warning (${size.name}): nothing wider than the window`, overflow);
    if (size === t.SIZES[0]) {
      // A change asks again; the first size cancels, the second confirms.
      await page.fill('#form-session-minutes', '40');
      t.ok(await page.locator('#form-session-limit-warning').isHidden() &&
         (await t.text(page, '#form-session button[type=submit]')).trim() === 'Registrér',
      'a change in the form takes the question back');
      await page.keyboard.press('Escape');
      t.ok(await count() === before, 'cancelled after the warning: nothing stored');
    } else {
      await t.navigate(page, () => page.click('#form-session button[type=submit]'));
      await page.waitForSelector('#case-flash:not(:empty)');
      t.ok((await t.text(page, '#case-flash')).includes('Registreret: Træningsgang') && await count() === before + 1,
        'after "Registrér alligevel" the session is saved');
    }
    t.noProblems(page, `the limit warning (${size.name})`);
    await context.close();
  }
  return id;
}

// The ISO week of an ISO date, "2026-W47" (as the API writes it).
function isoWeekOf(iso) {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 3 - ((d.getUTCDay() + 6) % 7));
  const jan1 = new Date(Date.UTC(d.getUTCFullYear(), 0, 1));
  return `${d.getUTCFullYear()}-W${String(1 + Math.floor((d - jan1) / 604800000)).padStart(2, '0')}`;
}

async function testLimitWords(t, url, login, api, id) {
  const ev = (await api.must('GET', `/api/v1/cases/${id}`)).evaluation;
  const length = ev.limits.find((l) => l.id === 'course_length');
  const perWeek = ev.limits.find((l) => l.id === 'sessions_per_week');
  const now = week(isoWeekOf(ev.as_of));
  for (const size of t.SIZES) {
    const { context, page } = await t.newPage(size);
    await t.load(page, `${url}/#/sag/${id}`);
    await t.login(page, login[0], login[1]);
    const all = await t.text(page, '#limits');
    const text = (lid) => t.text(page, `#limit-${lid}-text`);
    const sessions = await text('sessions_per_week');
    const worst = await t.text(page, '#limit-sessions_per_week-worst');
    const bar = await page.getAttribute('#limit-sessions_per_week', 'value');
    t.ok(sessions === `0 af højst 2 træningsgange i denne uge (${now})` && bar === '0' &&
       worst === `Overskredet: Værste uge: ${week(perWeek.period)}: 3 af 2`,
    `the weekly limit (${size.name}): the current week's bar, the worst week beside it`, { sessions, bar, worst });
    const courseText = await text('course_length');
    t.ok(courseText === `${length.used} dage af højst 4 måneder (til ${t.daDate(length.last_day)})`,
      `the course length (${size.name}): in Skive's 4 months, to its last day`, courseText);
    t.ok(!/\d{4}-W\d{2}/.test(all) && !/højst \d+ dage/.test(all), `the limits (${size.name}): no ISO week code, no length in days`, all);
    await t.shot(page, `sag-graenser-${size.name}`);
    await t.axe(page, `Sagen's limits in words (${size.name})`);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    t.ok(overflow <= 0, `the limits (${size.name}): nothing wider than the window`, overflow);
    t.noProblems(page, `the limits in words (${size.name})`);
    await context.close();
  }
}

export async function testCasepage(t) {
  const api = new ApiClient(t.BASE);
  await api.login(t.USERS.rodovre.visitator, t.PASSWORD);
  const ids = await seedStages(api);
  await testStages(t, ids);
  await testTherapist(t, ids);
  await testNewForms(t, api, ids);
  const url = process.env.GENOP_DEMO_URL;
  const logins = (process.env.GENOP_DEMO_LOGINS || '').split(',').filter(Boolean).map((x) => x.split(':'));
  const skive = logins.find((l) => l[0] === 'visitator.skive');
  if (!url || !skive) {
    t.ok(false, 'case page: the demo database and its Skive visitator', 'GENOP_DEMO_URL or the login missing');
    return;
  }
  const sk = new ApiClient(url);
  await sk.login(skive[0], skive[1]);
  const id = await testLimitWarning(t, url, skive, sk);
  await testLimitWords(t, url, skive, sk, id);
}
