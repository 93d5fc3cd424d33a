// closing.mjs - two faults of issue 12, item 5, in Aalborg on `genop
// demo`'s database (GENOP_DEMO_URL, the visitator.aalborg login in
// GENOP_DEMO_LOGINS):
// - the timeline numbers a case's events within the case ("hændelse nr.
//   1", "nr. 2", ...) where it showed the global ids ("hændelse nr. 285"),
//   and a correction names the numbers ("Retter hændelse nr. 2", "Rettet
//   ved hændelse nr. 4"); the correction form's list too;
// - a refused case is closed from the close form with genop's own reason
//   "Afslag: sagen er afsluttet uden forløb", offered (with what it means)
//   only where it applies: the page then says Afsluttet ("Sagen
//   afsluttet" in the timeline, no start or end status asked for), and so
//   does the case list; a complaint forwarded to Ankestyrelsen is closed with
//   "Klagen er sendt til Ankestyrelsen" (at 390 px); a granted case is
//   offered neither.
// Axe and screenshots at 1366x768 and 390x844, nothing wider than the
// window. The test.mjs helpers come in `t`.

import { ApiClient, GRANT, REASONS, isoDaysAgo } from './seed.mjs';

const REFUSED = 'Afslag: sagen er afsluttet uden forløb';
const FORWARDED = 'Klagen er sendt til Ankestyrelsen';

async function newCase(api, cpr, name, referred, granted) {
  const id = (await api.must('POST', '/api/v1/cases', {
    citizen: { cpr, name, address: 'Boulevarden 1, 9000 Aalborg', phone: '98000000' },
    referral: { date: isoDaysAgo(referred), paragraph: '86.1', source: 'egen læge', condition: 'skulder', consent: true },
  })).id;
  const contacted = (await api.must('POST', `/api/v1/cases/${id}/events`, { type: 'contacted', date: isoDaysAgo(referred) })).id;
  await api.must('POST', `/api/v1/cases/${id}/events`, { type: 'decision', date: isoDaysAgo(referred - 1), granted,
    ...(granted ? { grant: GRANT } : { reasons: REASONS, text: 'Borgeren kan selv træne i foreningslivet.' }) });
  return { id, contacted };
}

// A refused case with a corrected contact; a refused case whose complaint
// was sent to Ankestyrelsen; a granted case.
async function seedCases(api) {
  const refused = await newCase(api, '1504401234', 'Ole Afslag', 20, false);
  await api.must('POST', `/api/v1/cases/${refused.id}/events`, { type: 'correction', date: isoDaysAgo(17),
    corrects: refused.contacted, event: { type: 'contacted', date: isoDaysAgo(19) }, reason: 'Forkert dato' });
  const forwarded = (await newCase(api, '1604401234', 'Pia Klager', 40, false)).id;
  for (const [type, days, extra] of [['complaint_received', 30, {}], ['complaint_decided', 25, { upheld: 'none' }],
    ['complaint_forwarded', 20, {}]]) {
    await api.must('POST', `/api/v1/cases/${forwarded}/events`, { type, date: isoDaysAgo(days), ...extra });
  }
  const granted = (await newCase(api, '1704401234', 'Rita Bevilget', 20, true)).id;
  return { refused: refused.id, forwarded, granted };
}

// The timeline's event numbers and correction notes, as shown.
async function checkTimeline(t, page, id, api) {
  const events = (await api.must('GET', `/api/v1/cases/${id}`)).events;
  const shown = await page.locator('#timeline .event-no').allInnerTexts();
  const numbers = shown.map((s) => Number(/^hændelse nr\. (\d+)$/.exec(s.trim())?.[1])).sort((a, b) => a - b);
  t.ok(JSON.stringify(numbers) === JSON.stringify(events.map((_, i) => i + 1)) && events.at(-1).id > events.length,
    'the timeline numbers the case\'s events 1..n, not by their global ids', { shown, ids: events.map((e) => e.id) });
  const all = await t.text(page, '#timeline');
  t.ok(all.includes('Retter hændelse nr. 2:') && all.includes('Rettet ved hændelse nr. 4'),
    'a correction names the numbers: "Retter hændelse nr. 2", "Rettet ved hændelse nr. 4"', all);
}

// The close form's reasons: the group of genop's own, and the help line.
async function ownReasons(page) {
  return page.$$eval('#form-closed-reason optgroup[label="Sagen afsluttes uden forløb"] option', (os) => os.map((o) => o.textContent));
}

async function closeRefused(t, page, id, url) {
  await t.reveal(page, 'closed');
  await page.click('button[data-action=closed]');
  await page.waitForSelector('#form-closed');
  t.ok(JSON.stringify(await ownReasons(page)) === JSON.stringify([REFUSED]) &&
     (await t.text(page, '#form-closed-title')) === 'Afslutning af sagen',
  'the close form of a refused case offers "Afslag: sagen er afsluttet uden forløb" (not the complaint\'s)', await ownReasons(page));
  await page.selectOption('#form-closed-reason', 'refused');
  const help = await t.text(page, '#form-closed-reason-source');
  t.ok(help.includes('uden et træningsforløb') && help.includes('Grunden er genops egen'),
    'the chosen reason says what it means', help);
  await t.shot(page, 'sag-afslut-afslag-1366');
  await t.axe(page, 'the close form of a refused case (1366)');
  await page.fill('#form-closed-date', t.daDate(isoDaysAgo(1)));
  await t.navigate(page, () => page.click('#form-closed button[type=submit]'));
  await page.waitForSelector('#case-flash:not(:empty)');
  const lead = await t.text(page, '.page-head .lead');
  const timeline = await t.text(page, '#timeline');
  const flash = await t.text(page, '#case-flash');
  t.ok(lead.includes('Afsluttet') && flash === 'Registreret: Afslutning af sagen.' &&
     timeline.includes('Sagen afsluttet') && timeline.includes(`årsag: ${REFUSED}`),
  'the refused case is closed: "Afsluttet", and the timeline says "Sagen afsluttet" with the reason', { lead, flash });
  t.ok((await t.text(page, '#no-course-help')).includes('uden et træningsforløb') &&
     await page.locator('#udredning button[data-action^=status-]').count() === 0,
  'a case closed without a course asks for no start or end status');
  await t.shot(page, 'sag-afsluttet-afslag-1366');
  await t.navigate(page, () => page.evaluate(() => { location.hash = '#/sager/alle?status=closed'; }));
  const row = page.locator(`tr[data-case="${id}"]`);
  t.ok(await row.count() === 1 && (await row.innerText()).includes('Afsluttet'),
    'the case list shows the refused case as Afsluttet', url);
}

async function testRefused(t, url, login, ids, api) {
  const { context, page } = await t.newPage();
  await t.load(page, `${url}/#/sag/${ids.refused}`);
  await t.login(page, login[0], login[1]);
  await page.waitForSelector('#timeline');
  await checkTimeline(t, page, ids.refused, api);
  await t.reveal(page, 'correction');
  await page.click('button[data-action=correction]');
  const options = await page.$$eval('#form-correction-corrects option', (os) => os.map((o) => o.textContent));
  t.ok(options.length >= 2 && options.every((o, i) => o.startsWith(`Nr. ${i + 1}:`)),
    'the correction form lists the events by their numbers', options);
  await t.reveal(page, 'correction');
  await page.click('button[data-action=correction]');
  await t.shot(page, 'sag-tidslinje-numre-1366');
  await t.axe(page, 'the timeline with numbers (1366)');
  await closeRefused(t, page, ids.refused, url);
  t.noProblems(page, 'closing a refused case');
  await context.close();
}

async function testForwardedAndGranted(t, url, login, ids) {
  const narrow = t.SIZES.find((s) => s.name === '390');
  const { context, page } = await t.newPage(narrow);
  await t.load(page, `${url}/#/sag/${ids.granted}`);
  await t.login(page, login[0], login[1]);
  await t.reveal(page, 'closed');
  await page.click('button[data-action=closed]');
  await page.waitForSelector('#form-closed');
  t.ok((await ownReasons(page)).length === 0 && (await t.text(page, '#form-closed-title')) === 'Afslutning af forløbet',
    'a granted case\'s close form offers none of genop\'s own reasons', await ownReasons(page));
  await t.navigate(page, () => page.evaluate((id) => { location.hash = `#/sag/${id}`; }, ids.forwarded));
  await t.reveal(page, 'closed');
  await page.click('button[data-action=closed]');
  await page.waitForSelector('#form-closed');
  t.ok(JSON.stringify(await ownReasons(page)) === JSON.stringify([FORWARDED]),
    'a forwarded complaint\'s close form offers "Klagen er sendt til Ankestyrelsen"', await ownReasons(page));
  await page.selectOption('#form-closed-reason', 'complaint_forwarded');
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  t.ok(overflow <= 0, 'the close form (390): nothing wider than the window', overflow);
  await t.shot(page, 'sag-afslut-klage-390');
  await t.axe(page, 'the close form of a forwarded complaint (390)');
  await t.navigate(page, () => page.click('#form-closed button[type=submit]'));
  await page.waitForSelector('#case-flash:not(:empty)');
  t.ok((await t.text(page, '.page-head .lead')).includes('Afsluttet') && (await t.text(page, '#timeline')).includes(FORWARDED),
    'the forwarded complaint\'s case is closed (390)');
  await t.shot(page, 'sag-afsluttet-klage-390');
  await t.axe(page, 'the closed case of a forwarded complaint (390)');
  t.noProblems(page, 'closing a forwarded complaint (390)');
  await context.close();
}

export async function testClosing(t) {
  const url = process.env.GENOP_DEMO_URL;
  const logins = (process.env.GENOP_DEMO_LOGINS || '').split(',').filter(Boolean).map((x) => x.split(':'));
  const aalborg = logins.find((l) => l[0] === 'visitator.aalborg');
  if (!url || !aalborg) {
    t.ok(false, 'closing: the demo database and its Aalborg visitator', 'GENOP_DEMO_URL or the login missing');
    return;
  }
  const api = new ApiClient(url);
  await api.login(aalborg[0], aalborg[1]);
  const ids = await seedCases(api);
  await testRefused(t, url, aalborg, ids, api);
  await testForwardedAndGranted(t, url, aalborg, ids);
}
