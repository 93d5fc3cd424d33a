// setup.mjs - the leder's set-up pages ("Opsætning": views/steder.js,
// terapeuter.js, helligdage.js) as Rødovre's leder (rod.leder, made by
// run.sh) on test.mjs's database. With a location, a terapeut and a
// holiday of its own, so the other tests' calendar stays as it was:
// - the menu: "Opsætning" for a leder and an admin (whose page has no
//   links to Terapeuter and Helligdage), none for a visitator, who is
//   told #/steder is not there;
// - Steder og rum: an empty name refused beside the field; the API's
//   refusal of a capacity under 1 beside that room's field; a location
//   made with two rooms, shown as a card; a room added to it, and the
//   API's refusal of a room without a name beside its field;
// - Terapeuter: a new terapeut (made by the admin through the API) in the
//   table; its form: the profession, "Hverdage 08:00–15:30", a period
//   that ends before it begins refused beside its "Til", removed, an
//   absence added (a date that is not dd.mm.åååå refused beside it);
//   saved, and GET /staff has exactly that; the table
//   shows it;
// - Helligdage: next year's holidays, the first on a weekday closed;
//   opening it asks
//   for a reason (an empty one refused beside the field, Escape gives
//   the button back), then the row says Åben with the reason and the
//   leder; a booking on it (API) is then accepted; "Luk igen" closes it,
//   and the API refuses the booking again;
// - axe (no serious or critical violation), no console error, nothing
//   wider than the window, and screenshots at 1366x768 and 390x844
//   (opsaetning-steder-*, opsaetning-terapeut-*, opsaetning-terapeuter-*,
//   opsaetning-helligdage-*). The test.mjs helpers come in t.

import { ApiClient } from './seed.mjs';

const THERAPIST = 'setup.terapeut.rod';
const PLACE = 'Testcenter Syd';
const YEAR = new Date().getFullYear() + 1;
// The first holiday of next year on a weekday (the new terapeut works
// Monday to Friday), set by testSetup from the API.
const DAY = { date: '', name: '' };

async function overflow(page) {
  return page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
}

// Waits until the flash (or an error line) says something.
const said = (page, sel) => page.waitForSelector(`${sel}:not(:empty)`);

async function testMenus(t) {
  const { context, page } = await t.newPage();
  await t.load(page, `${t.BASE}/#/steder`);
  await t.login(page, 'rod.visitator');
  const menu = await page.locator('#nav a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
  t.ok(await page.locator('h1').innerText() === 'Siden findes ikke' && !menu.includes('#/steder'),
    'setup: a visitator has no Opsætning, and #/steder is not there for them', menu);
  await context.close();
  const { context: c2, page: admin } = await t.newPage();
  await t.load(admin, `${t.BASE}/`);
  await t.login(admin, 'rod.admin');
  await t.navigate(admin, () => admin.click('#nav a[href="#/steder"]'));
  t.ok(await admin.locator('h1').innerText() === 'Steder og rum' &&
     await admin.locator('nav[aria-label="Opsætning"]').count() === 0 &&
     await admin.locator('#new-location').count() === 1,
  'setup: an admin reaches Steder og rum from "Opsætning", without the leder\'s other pages');
  t.noProblems(admin, 'setup: admin');
  await c2.close();
}

async function testPlaces(t, page) {
  await t.navigate(page, () => page.click('#nav a[href="#/steder"]'));
  t.ok(await page.locator('h1').innerText() === 'Steder og rum' &&
     await page.getAttribute('#nav a[href="#/steder"]', 'aria-current') === 'page' &&
     await page.getAttribute('nav[aria-label="Opsætning"] a[data-setup=steder]', 'aria-current') === 'page',
  'setup: "Opsætning" opens Steder og rum, marked in the menu and the page\'s links');
  await page.click('#new-location button[type=submit]');
  t.ok(await t.text(page, '#loc-name-error') === 'Skriv stedets navn.' &&
     await page.evaluate(() => document.activeElement.id === 'loc-name'),
  'setup: a location without a name is refused beside the field, which gets focus');
  await page.fill('#loc-name', PLACE);
  await page.fill('#loc-address', 'Tårnvej 10, 2610 Rødovre');
  await page.fill('#loc-room-name-0', 'Sal A');
  await page.fill('#loc-room-capacity-0', '0');
  await page.click('#loc-add-room');
  t.ok(await page.evaluate(() => document.activeElement.id === 'loc-room-name-1'), 'setup: "Tilføj et rum til" adds a row and focuses it');
  await page.fill('#loc-room-name-1', 'Rum B');
  await page.click('#new-location button[type=submit]');
  await said(page, '#loc-room-capacity-0-error');
  t.ok(/mindst 1|1-1000|1 og 1000/.test(await t.text(page, '#loc-room-capacity-0-error')) &&
     await page.getAttribute('#loc-room-capacity-0', 'aria-invalid') === 'true',
  'setup: the API\'s refusal of a capacity under 1 beside that room\'s field', await t.text(page, '#loc-room-capacity-0-error'));
  await page.fill('#loc-room-capacity-0', '6');
  await page.click('#new-location button[type=submit]');
  await said(page, '#setup-flash');
  const card = page.locator('section.location', { hasText: PLACE });
  t.ok((await t.text(page, '#setup-flash')).includes(`${PLACE} er oprettet med 2 rum`) &&
     JSON.stringify(await card.locator('tbody tr').allInnerTexts()).includes('Sal A') &&
     (await card.locator('tbody tr').count()) === 2,
  'setup: the location is made with its two rooms and shown as a card');
  const id = await card.getAttribute('data-location');
  await page.click(`form[aria-label="Tilføj rum på ${PLACE}"] button[type=submit]`);
  await said(page, `#room-name-${id}-error`);
  t.ok((await t.text(page, `#room-name-${id}-error`)).length > 0 &&
     await page.getAttribute(`#room-name-${id}`, 'aria-invalid') === 'true',
  'setup: a room without a name: the API\'s refusal beside the field', await t.text(page, `#room-name-${id}-error`));
  await page.fill(`#room-name-${id}`, 'Rum C');
  await page.fill(`#room-capacity-${id}`, '2');
  await page.click(`form[aria-label="Tilføj rum på ${PLACE}"] button[type=submit]`);
  await page.waitForFunction((p) => document.getElementById('setup-flash').textContent.includes('Rum C'), PLACE);
  t.ok((await page.locator('section.location', { hasText: PLACE }).locator('tbody tr').count()) === 3,
    'setup: "Tilføj rum" adds a third room to the location');
  t.noProblems(page, 'setup: places');
}

async function testTherapist(t, page, api) {
  await t.navigate(page, () => page.click('nav[aria-label="Opsætning"] a[data-setup=terapeuter]'));
  const row = page.locator(`#therapists tr[data-user="${THERAPIST}"]`);
  t.ok(await page.locator('h1').innerText() === 'Terapeuter' && /Ingen arbejdstid/.test(await row.innerText()),
    'setup: Terapeuter lists the new terapeut, without hours');
  await t.navigate(page, () => row.locator('a.edit-link').click());
  t.ok(await page.locator('h1').innerText() === `Terapeut ${THERAPIST}`, 'setup: "Redigér" opens the terapeut\'s form');
  await page.click('#staff-form button[type=submit]');
  t.ok(await t.text(page, '#profession-error') === 'Vælg terapeutens fag.', 'setup: the profession is asked for');
  await page.selectOption('#profession', 'ergoterapeut');
  await page.click('#hours-weekdays');
  await page.click('#hours-add');
  await page.selectOption('#hours-day-5', '6');
  await page.fill('#hours-from-5', '12:00');
  await page.fill('#hours-to-5', '09:00');
  await page.click('#absences-add');
  await page.fill('#absence-from-0', `01.02.${YEAR}`);
  await page.fill('#absence-to-0', `5.2.${YEAR}`);
  await page.fill('#absence-reason-0', 'kursus');
  await page.fill('#absence-to-0', '31.02');
  await page.click('#staff-form button[type=submit]');
  t.ok(/dd\.mm\.åååå/.test(await t.text(page, '#absence-to-0-error')) &&
     await page.evaluate(() => document.activeElement.id === 'absence-to-0'),
  'setup: an absence\'s day that is not a date is refused beside it');
  await page.fill('#absence-to-0', `5.2.${YEAR}`);
  await page.click('#staff-form button[type=submit]');
  await said(page, '#hours-to-5-error');
  t.ok(await page.getAttribute('#hours-to-5', 'aria-invalid') === 'true' &&
     await page.evaluate(() => document.activeElement.id === 'hours-to-5'),
  'setup: a period that ends before it begins: the API\'s refusal beside its "Til"', await t.text(page, '#hours-to-5-error'));
  await page.locator('#hours .setup-row').nth(5).locator('button[data-remove]').click();
  await page.click('#staff-form button[type=submit]');
  await said(page, '#setup-flash');
  const staff = (await api.must('GET', '/api/v1/staff')).items.find((u) => u.username === THERAPIST);
  t.ok(staff.profession === 'ergoterapeut' && staff.hours.length === 5 &&
     staff.hours.every((p, i) => p.weekday === i + 1 && p.from === '08:00' && p.to === '15:30') &&
     JSON.stringify(staff.absences) === JSON.stringify([{ from: `${YEAR}-02-01`, to: `${YEAR}-02-05`, reason: 'kursus' }]),
  'setup: saved: GET /staff has the profession, the weekdays\' hours and the absence', staff);
  await t.navigate(page, () => page.click('.crumbs a'));
  const text = await page.locator(`#therapists tr[data-user="${THERAPIST}"]`).innerText();
  t.ok(/Ergoterapeut/.test(text) && /man 08:00–15:30/.test(text) && /kursus/.test(text),
    'setup: the table shows the profession, hours and absence', text);
  t.noProblems(page, 'setup: therapists');
}

async function testHolidays(t, page, api, caseId) {
  await t.navigate(page, () => page.evaluate((y) => { location.hash = `#/helligdage/${y}`; }, YEAR));
  const row = page.locator(`#holidays tr[data-date="${DAY.date}"]`);
  t.ok(await page.locator('h1').innerText() === `Helligdage ${YEAR}` && (await row.innerText()).includes(DAY.name) &&
     /Lukket/.test(await row.innerText()), `setup: Helligdage lists next year's holidays, ${DAY.name} closed`);
  await row.locator('button[data-action=open]').click();
  await row.locator('button[data-confirm=yes]').click();
  t.ok(/Skriv hvorfor/.test(await t.text(page, `#reason-${DAY.date}-error`)) &&
     await page.evaluate((d) => document.activeElement.id === `reason-${d}`, DAY.date),
  'setup: opening a holiday asks for the reason; an empty one is refused beside the field');
  await page.keyboard.press('Escape');
  t.ok(await page.evaluate(() => document.activeElement.dataset.action === 'open'),
    'setup: Escape gives the "Åbn for booking" button back, focused');
  await row.locator('button[data-action=open]').click();
  await page.fill(`#reason-${DAY.date}`, 'Juletræning for holdene');
  await t.shot(page, 'opsaetning-helligdage-aabn-1366');
  await row.locator('button[data-confirm=yes]').click();
  await said(page, '#setup-flash');
  const opened = await page.locator(`#holidays tr[data-date="${DAY.date}"]`).innerText();
  t.ok(/Åben/.test(opened) && /Juletræning for holdene/.test(opened) && /rod\.leder/.test(opened),
    'setup: the day is open, with the reason and who opened it', opened);
  const body = { case: caseId, therapist: THERAPIST, start: `${DAY.date}T10:00`, minutes: 30, kind: 'assessment', home: true };
  const booked = await api.request('POST', '/api/v1/appointments', body);
  t.ok(booked.status === 201, `setup: a booking on the opened ${DAY.name} is accepted`, booked);
  return { row, body, booked };
}

async function closeHoliday(t, page, api, { body, booked }) {
  const row = page.locator(`#holidays tr[data-date="${DAY.date}"]`);
  await row.locator('button[data-action=close]').click();
  await page.waitForFunction((d) => /Lukket/.test(document.querySelector(`#holidays tr[data-date="${d}"]`)?.innerText || ''), DAY.date);
  t.ok(/lukket for booking igen/.test(await t.text(page, '#setup-flash')), 'setup: "Luk igen" closes the day again');
  if (booked.status === 201) {
    await api.must('POST', `/api/v1/appointments/${booked.json.id}/cancel`, { by: 'provider', reason: 'test' });
  }
  const again = await api.request('POST', '/api/v1/appointments', { ...body, start: `${DAY.date}T12:00` });
  t.ok(again.status === 422 && again.json.field === '$.start' && again.json.detail.includes(DAY.name),
    'setup: closed again, the API refuses a booking on it at $.start', again);
  t.noProblems(page, 'setup: holidays');
}

async function screens(t, size) {
  const { context, page } = await t.newPage(size);
  await t.load(page, `${t.BASE}/#/steder`);
  await t.login(page, 'rod.leder');
  for (const [hash, name, label] of [['#/steder', 'steder', 'Steder og rum'], ['#/terapeuter', 'terapeuter', 'Terapeuter'],
    [`#/terapeuter/${THERAPIST}`, 'terapeut', 'a terapeut\'s form'], [`#/helligdage/${YEAR}`, 'helligdage', 'Helligdage']]) {
    if (await page.evaluate(() => location.hash) !== hash) await t.navigate(page, () => page.evaluate((x) => { location.hash = x; }, hash));
    await t.shot(page, `opsaetning-${name}-${size.name}`);
    await t.axe(page, `${label} (${size.name})`);
    t.ok(await overflow(page) <= 0, `setup: ${label} (${size.name}): nothing wider than the window`, await overflow(page));
  }
  t.noProblems(page, `setup screens (${size.name})`);
  await context.close();
}

export async function testSetup(t) {
  const admin = new ApiClient(t.BASE);
  await admin.login('rod.admin', t.PASSWORD);
  await admin.must('POST', '/api/v1/users', { username: THERAPIST, role: 'terapeut' });
  const api = new ApiClient(t.BASE);
  await api.login('rod.leder', t.PASSWORD);
  const vis = new ApiClient(t.BASE);
  await vis.login('rod.visitator', t.PASSWORD);
  const caseId = (await vis.must('POST', '/api/v1/cases', {
    citizen: { cpr: '2512701234', name: 'Jens Jul', address: 'Rødovre Parkvej 1, 2610 Rødovre' },
    referral: { date: new Date().toISOString().slice(0, 10), paragraph: '86.1', source: 'egen læge', condition: 'knæ', consent: true },
  })).id;
  const days = (await api.must('GET', `/api/v1/holiday-openings?year=${YEAR}`)).holidays;
  Object.assign(DAY, days.find((d) => [1, 2, 3, 4, 5].includes(new Date(`${d.date}T12:00:00Z`).getUTCDay())));
  await testMenus(t);
  const { context, page } = await t.newPage(t.SIZES[0]);
  await t.load(page, `${t.BASE}/`);
  await t.login(page, 'rod.leder');
  await testPlaces(t, page);
  await testTherapist(t, page, api);
  const opened = await testHolidays(t, page, api, caseId);
  await context.close();
  for (const size of t.SIZES) await screens(t, size);
  const { context: c2, page: p2 } = await t.newPage(t.SIZES[0]);
  await t.load(p2, `${t.BASE}/#/helligdage/${YEAR}`);
  await t.login(p2, 'rod.leder');
  await closeHoliday(t, p2, api, opened);
  await c2.close();
}
