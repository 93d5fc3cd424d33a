// decision.mjs - the full decision form (shared/spec/letters.md section
// 1) in Rødovre on the first server (GENOP_URL, the rod.visitator login),
// at 1366x768 and 390x844:
// - beside each field the standard's rule, cited ("Kvalitetsstandarden:
//   Højst 32 træningsgange i alt. (Rødovre, Ydelsens omfang)"), or that it
//   sets none; the number of sessions defaults to the standard's 32;
// - a number of sessions past the limit is named at once beside the field
//   with an offer to record an exception; sent without one, it is named as
//   an error beside the field; the offer (used from the keyboard) opens
//   the exception with the new max filled in and focus on its reason;
// - an exception without a reason is named before it is sent; the API's
//   refusals are shown beside the fields they name: an end date before the
//   decision's, and an exception for a limit the standard lacks (a row the
//   page offered from a stale standard);
// - the grant with until and an exception is sent, stored as sent, and
//   shown on the case page as the grant in force with the exception's
//   reason;
// - on a case with a grant the decision is offered as "Revisitation",
//   filled in with the grant in force; a revisitation changes the grant in
//   force, which says what it replaced, and the timeline shows the earlier
//   grant as replaced.
// In Skive on the demo server (GENOP_DEMO_URL, visitator.skive): the
// weekly limits and the course's length beside their fields, three
// sessions a week past both weekly limits and an end date past four
// months each offered an exception whose new max the form fills in
// (3, 135 minutes, the days to the end date), sent and shown beside the
// limits on the case page.
// Axe and screenshots of the form and the case page at both sizes,
// nothing wider than the window. The test.mjs helpers come in `t`.

import { ApiClient, assessedCase, isoDaysAgo } from './seed.mjs';

const fitsWindow = (page) => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);

const newCase = (api, cpr, name, address) => assessedCase(api, cpr, name, address ? { address } : {});

// The rules beside the fields, the defaults, and a value past the limit.
async function rulesAndLimit(t, page, size) {
  await page.waitForSelector('button[data-action=decision]');
  t.ok((await t.text(page, 'button[data-action=decision]')) === 'Afgørelse', `${size}: a case without a grant: "Afgørelse"`);
  await page.click('button[data-action=decision]');
  t.ok(await t.text(page, '#form-decision-sessions-rule') === 'Kvalitetsstandarden: Højst 32 træningsgange i alt. (Rødovre, Ydelsens omfang)' &&
    await t.text(page, '#form-decision-sessions_per_week-rule') === 'Kvalitetsstandarden sætter ingen grænse for træningsgange om ugen.' &&
    (await t.text(page, '#form-decision-transport-rule')).startsWith('Kvalitetsstandarden: »Transport til og fra træningscentret kan bevilges') &&
    (await page.getAttribute('#form-decision-sessions', 'aria-describedby')).includes('form-decision-sessions-rule'),
  `${size}: beside each field the standard's rule, cited, tied to the field`);
  t.ok(await page.inputValue('#form-decision-sessions') === '32' && await page.inputValue('#form-decision-until') === '',
    `${size}: the number of sessions defaults to the standard's 32, no end date`);
  await page.fill('#form-decision-date', t.daDate(isoDaysAgo(5)));
  await page.check('#form-decision-granted-0');
  await page.fill('#form-decision-sessions', '40');
  const over = await t.text(page, '#form-decision-sessions-over');
  t.ok(over.includes('40 træningsgange i alt er over kvalitetsstandardens grænse på 32') &&
    await page.locator('#form-decision-sessions-over button[data-exception=sessions]').isVisible(),
  `${size}: past the limit, the form says so at once and offers an exception`, over);
  await page.click('#form-decision button[type=submit]');
  t.ok((await t.text(page, '#form-decision-sessions-error')).includes('Gør en undtagelse') &&
    await page.getAttribute('#form-decision-sessions', 'aria-invalid') === 'true' &&
    await page.evaluate(() => document.activeElement.id === 'form-decision-sessions'),
  `${size}: sent past the limit without an exception: named beside the field, not sent`);
  await page.focus('#form-decision-sessions-over button');
  await page.keyboard.press('Enter');
  t.ok(await page.isChecked('#form-decision-x-sessions') && await page.inputValue('#form-decision-x-sessions-max') === '40' &&
    await page.evaluate(() => document.activeElement.id === 'form-decision-x-sessions-reason') &&
    (await t.text(page, '#form-decision-sessions-over')).includes('Undtagelsen nedenfor tillader det'),
  `${size}: the offer (from the keyboard) opens the exception, max 40, focus on its reason`);
}

// The reason required, and the API's refusals beside their fields.
async function refusals(t, page, size) {
  await page.fill('#form-decision-until', t.daDate(isoDaysAgo(6)));
  await page.click('#form-decision button[type=submit]');
  t.ok((await t.text(page, '#form-decision-x-sessions-reason-error')) === 'Skriv begrundelsen for undtagelsen.',
    `${size}: an exception without its reason is named before it is sent`);
  await page.fill('#form-decision-x-sessions-reason', 'Kompleks hoftefraktur med komplikationer; behov for et længere forløb.');
  await page.click('#form-decision button[type=submit]');
  await page.waitForFunction(() => document.querySelector('#form-decision-until-error').textContent !== '');
  t.ok((await t.text(page, '#form-decision-until-error')).includes('før afgørelsens dato') &&
    await page.getAttribute('#form-decision-until', 'aria-invalid') === 'true',
  `${size}: an end date before the decision: the API's message beside the field`);
  await page.fill('#form-decision-until', t.daDate(isoDaysAgo(-90)));
  // A row from a stale standard: a limit Rødovre's standard lacks.
  await page.evaluate(() => { document.querySelector('#form-decision-x-sessions').value = 'course_length'; });
  await page.click('#form-decision button[type=submit]');
  await page.waitForFunction(() => document.querySelector('#form-decision-x-sessions-error').textContent !== '');
  const err = await t.text(page, '#form-decision-x-sessions-error');
  t.ok(/ingen grænse/.test(err) && await page.getAttribute('#form-decision-x-sessions', 'aria-invalid') === 'true' &&
    await t.text(page, '#form-decision-error') === '',
  `${size}: an exception for a limit the standard lacks: the API's message beside it`, err);
  await page.evaluate(() => { document.querySelector('#form-decision-x-sessions').value = 'sessions'; });
  await t.axe(page, `the decision form with an exception (${size})`);
  await t.shot(page, `decision-form-${size}`);
  t.ok(await fitsWindow(page), `${size}: the decision form fits the window`);
}

// The grant as stored, and as the case page shows it.
async function granted(t, page, api, id, size) {
  await t.navigate(page, () => page.click('#form-decision button[type=submit]'));
  const stored = (await api.must('GET', `/api/v1/cases/${id}`)).events.find((e) => e.type === 'decision');
  const g = (stored && stored.grant) || {};
  t.ok(g.sessions === 40 && g.until === isoDaysAgo(-90) && g.exceptions.length === 1 && g.exceptions[0].limit === 'sessions' &&
    g.exceptions[0].max === 40 && /hoftefraktur/.test(g.exceptions[0].reason),
  `${size}: the grant with until and an exception is sent`, stored);
  const inForce = await t.text(page, '#grant-in-force');
  t.ok(inForce.includes(`Bevilget ved afgørelsen`) && /Træningsgange i alt\s+40/.test(inForce) &&
    /Til og med\s+\S+ \d+\. \S+ \d{4}/.test(inForce) &&
    inForce.includes('Træningsgange i alt: højst 40 træningsgange i alt i stedet for standardens 32') &&
    inForce.includes('Begrundelse: Kompleks hoftefraktur'),
  `${size}: the case page shows the grant in force with its exception and reason`, inForce);
}

async function revisit(t, page, size) {
  await t.reveal(page, 'decision');
  t.ok((await t.text(page, 'button[data-action=decision]')) === 'Revisitation', `${size}: with a grant, the decision is "Revisitation"`);
  await page.click('button[data-action=decision]');
  t.ok(await t.text(page, '#form-decision-title') === 'Revisitation: ny afgørelse om bevillingen' &&
    await page.isChecked('#form-decision-granted-0') && await page.inputValue('#form-decision-sessions') === '40' &&
    await page.inputValue('#form-decision-until') === t.daDate(isoDaysAgo(-90)) && await page.isChecked('#form-decision-x-sessions') &&
    /hoftefraktur/.test(await page.inputValue('#form-decision-x-sessions-reason')),
  `${size}: the revisitation starts from the grant in force`);
  await page.fill('#form-decision-sessions_per_week', '3');
  await page.fill('#form-decision-minutes_per_session', '60');
  await page.fill('#form-decision-sessions', '24');
  await page.uncheck('#form-decision-x-sessions');
  await page.fill('#form-decision-text', 'Revisiteret efter terapeutens status.');
  await t.navigate(page, () => page.click('#form-decision button[type=submit]'));
  const inForce = await t.text(page, '#grant-in-force');
  t.ok(inForce.includes('3 gange om ugen à 60 minutter (180 minutter om ugen)') && /Træningsgange i alt\s+24/.test(inForce) &&
    inForce.includes(`Den erstattede bevillingen af ${t.daDate(isoDaysAgo(5))}`) && inForce.includes('Ingen undtagelser'),
  `${size}: the revisitation changes the grant in force`, inForce);
  const decisions = await page.$$eval('#timeline li.event-decision', (lis) => lis.map((li) => li.innerText));
  t.ok(decisions.length === 2 && decisions[0].includes('Erstattet af afgørelsen') && decisions[0].includes('i alt 40 gange') &&
    decisions[1].includes(`Revisitation: erstatter bevillingen af ${t.daDate(isoDaysAgo(5))}`),
  `${size}: the timeline shows the earlier grant as replaced`, decisions);
  await t.axe(page, `a case with a revisited grant (${size})`);
  await page.locator('#sec-grant').scrollIntoViewIfNeeded();
  await t.shot(page, `decision-case-${size}`);
  t.ok(await fitsWindow(page), `${size}: the case page fits the window`);
}

export async function testDecision(t) {
  const api = new ApiClient(t.BASE);
  await api.login(t.USERS.rodovre.visitator, t.PASSWORD);
  const cprs = ['1712481239', '1712481247'];
  for (const [i, size] of t.SIZES.entries()) {
    const id = await newCase(api, cprs[i], `Henning Bevilling ${size.name}`);
    const { context, page } = await t.newPage(size);
    await t.load(page, `${t.BASE}/#/sag/${id}`);
    await t.login(page, t.USERS.rodovre.visitator);
    await rulesAndLimit(t, page, size.name);
    await refusals(t, page, size.name);
    await granted(t, page, api, id, size.name);
    await revisit(t, page, size.name);
    t.noProblems(page, `decision (${size.name})`);
    await context.close();
  }
  await testSkive(t);
}

// Skive: the weekly limits and the course's length, each exception's max
// filled in by the form.
async function skive(t, url, login, size, cpr) {
  const api = new ApiClient(url);
  await api.login(login[0], login[1]);
  const id = await newCase(api, cpr, `Sonja Skive ${size.name}`, 'Eksempelvej 1, 7800 Skive');
  const { context, page } = await t.newPage(size);
  await t.load(page, `${url}/#/sag/${id}`);
  await t.login(page, login[0], login[1]);
  await page.waitForSelector('button[data-action=decision]');
  await page.click('button[data-action=decision]');
  const s = size.name;
  t.ok(await t.text(page, '#form-decision-sessions_per_week-rule') === 'Kvalitetsstandarden: Højst 2 træningsgange pr. uge. (Skive, Ydelsens omfang)' &&
    await t.text(page, '#form-decision-minutes_per_session-rule') === 'Kvalitetsstandarden: Højst 90 minutter pr. uge. (Skive, Ydelsens omfang)' &&
    (await t.text(page, '#form-decision-until-rule')).startsWith('Kvalitetsstandarden: Højst 4 måneder') &&
    await page.inputValue('#form-decision-sessions_per_week') === '2' && await page.inputValue('#form-decision-minutes_per_session') === '45',
  `skive ${s}: the weekly limits and the length beside their fields, defaults 2 × 45 minutes`);
  await page.fill('#form-decision-date', t.daDate(isoDaysAgo(2)));
  await page.check('#form-decision-granted-0');
  await page.fill('#form-decision-sessions_per_week', '3');
  await page.fill('#form-decision-until', t.daDate(isoDaysAgo(-150)));
  const overs = await Promise.all(['sessions_per_week', 'minutes_per_session', 'until']
    .map((f) => t.text(page, `#form-decision-${f}-over`)));
  t.ok(overs[0].includes('3 gange om ugen er over kvalitetsstandardens grænse på 2') &&
    overs[1].includes('3 gange à 45 minutter er 135 minutter om ugen') && overs[2].includes('længere end kvalitetsstandardens 4 måneder'),
  `skive ${s}: three a week and five months: each limit named beside its field`, overs);
  for (const limit of ['sessions_per_week', 'minutes_per_week', 'course_length']) {
    await page.click(`button[data-exception=${limit}]`);
    await page.fill(`#form-decision-x-${limit}-reason`, 'Særligt komplekse træningsbehov efter apopleksi.');
  }
  const maxes = await Promise.all(['sessions_per_week', 'minutes_per_week', 'course_length']
    .map((l) => page.inputValue(`#form-decision-x-${l}-max`)));
  t.ok(JSON.stringify(maxes) === JSON.stringify(['3', '135', '152']), `skive ${s}: the new maxes filled in: 3, 135 minutes, 152 days`, maxes);
  await t.axe(page, `the decision form past Skive's limits (${s})`);
  await t.shot(page, `decision-skive-form-${s}`);
  t.ok(await fitsWindow(page), `skive ${s}: the form fits the window`);
  await t.navigate(page, () => page.click('#form-decision button[type=submit]'));
  const g = (await api.must('GET', `/api/v1/cases/${id}`)).events.find((e) => e.type === 'decision').grant;
  t.ok(JSON.stringify(g.exceptions.map((x) => [x.limit, x.max])) ===
    JSON.stringify([['sessions_per_week', 3], ['minutes_per_week', 135], ['course_length', 152]]),
  `skive ${s}: the three exceptions are sent`, g);
  const limit = await t.text(page, '#limit-sessions_per_week-exception');
  t.ok(limit.includes('højst 3 i stedet for standardens 2') && limit.includes('Særligt komplekse'),
    `skive ${s}: the limits on the case page name the exception and its reason`, limit);
  await page.locator('#sec-limits').scrollIntoViewIfNeeded();
  await t.shot(page, `decision-skive-case-${s}`);
  t.noProblems(page, `decision in Skive (${s})`);
  await context.close();
}

async function testSkive(t) {
  const url = process.env.GENOP_DEMO_URL;
  const logins = (process.env.GENOP_DEMO_LOGINS || '').split(',').filter(Boolean).map((x) => x.split(':'));
  const login = logins.find((l) => l[0] === 'visitator.skive');
  if (!url || !login) {
    t.ok(false, 'decision: the demo database and its Skive visitator', 'GENOP_DEMO_URL or the login missing');
    return;
  }
  const cprs = ['0305451239', '0305451247'];
  for (const [i, size] of t.SIZES.entries()) await skive(t, url, login, size, cprs[i]);
}
