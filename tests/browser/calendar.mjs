// calendar.mjs - "Kalender" in the web app (views/kalender.js, issue 14):
// "Min kalender" on the demo database's first login of a terapeut (today
// first, the day and the week full of the demo's appointments); on the
// test server's Rødovre, a therapist's day with the outcome buttons (Mødt
// registers the session; the card says so), cancelling with the
// standard's rule shown, moving an appointment with the keyboard (arrow
// keys, Enter keeps, Escape undoes; the server's 409 shown beside it in
// Danish and the appointment back where it was) and with the mouse
// (dragged in the week's grid), each checked against the API; a leder's
// room and team weeks through the picker, without outcome buttons. Axe
// and screenshots at 1366x768 and 390x844, nothing wider than the window.
// Runs last: it adds Rødovre cases, which earlier tests count.

import { ApiClient, GRANT, isoDaysAgo } from './seed.mjs';

const ALL_DAY = [1, 2, 3, 4, 5, 6, 7].map((d) => ({ weekday: d, from: '00:00', to: '00:00' }));

const overflow = (page) => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
const hashTo = (t, page, hash) => t.navigate(page, () => page.evaluate((x) => { location.hash = x; }, hash));

// Rødovre's calendar: a centre with a room of one, two therapists who
// work around the clock, a team, three granted cases and their
// appointments today, tomorrow and the day after.
async function seedCalendar(t) {
  const leder = new ApiClient(t.BASE);
  await leder.login(t.USERS.rodovre.leder, t.PASSWORD);
  const loc = await leder.must('POST', '/api/v1/locations', {
    name: 'Træningscenter Rødovre', address: 'Rødovre Parkvej 150, 2610 Rødovre',
    rooms: [{ name: 'Sal', capacity: 6 }, { name: 'Rum 1', capacity: 1 }],
  });
  const [sal, rum] = loc.rooms.map((r) => r.id);
  for (const name of [t.USERS.rodovre.terapeut, t.USERS.rodovre.terapeut2]) {
    await leder.must('PUT', `/api/v1/staff/${name}`, { profession: 'fysioterapeut', hours: ALL_DAY });
  }
  const team = (await leder.must('POST', '/api/v1/teams', {
    name: 'Balancehold', paragraph: '86.1', room: sal, weekday: 2, time: '10:00', minutes: 45, capacity: 6,
    therapist: t.USERS.rodovre.terapeut, from: isoDaysAgo(30), to: null,
  })).id;
  const vis = new ApiClient(t.BASE);
  await vis.login(t.USERS.rodovre.visitator, t.PASSWORD);
  const cases = [];
  for (const [cpr, name] of [['1203551111', 'Kalender Karlsen'], ['1304562222', 'Agnete Aftale'],
    ['1405573333', 'Rum Rasmussen']]) {
    const id = (await vis.must('POST', '/api/v1/cases', {
      citizen: { cpr, name, address: 'Rødovre Parkvej 150, 2610 Rødovre' },
      referral: { date: isoDaysAgo(10), paragraph: '86.1', source: 'egen læge', condition: 'knæ', consent: true },
    })).id;
    await vis.must('POST', `/api/v1/cases/${id}/events`, { type: 'decision', date: isoDaysAgo(8), granted: true,
      grant: { ...GRANT, form: 'individual', sessions_per_week: 5 } });
    cases.push(id);
  }
  const ter = new ApiClient(t.BASE);
  await ter.login(t.USERS.rodovre.terapeut, t.PASSWORD);
  const book = async (b) => (await ter.must('POST', '/api/v1/appointments', { kind: 'training', minutes: 45, ...b })).id;
  const today = isoDaysAgo(0);
  const tomorrow = isoDaysAgo(-1);
  const ids = {
    begun: await book({ case: cases[0], therapist: t.USERS.rodovre.terapeut, start: `${today}T00:00`, home: true }),
    move: await book({ case: cases[1], therapist: t.USERS.rodovre.terapeut, start: `${tomorrow}T10:00`, room: rum }),
    blocker: await book({ case: cases[2], therapist: t.USERS.rodovre.terapeut2, start: `${tomorrow}T12:00`, room: rum }),
    cancel: await book({ case: cases[2], therapist: t.USERS.rodovre.terapeut, start: `${isoDaysAgo(-2)}T09:00`, home: true }),
    // The team's meeting in the week a week from today.
    team: await book({ case: cases[0], therapist: t.USERS.rodovre.terapeut, start: `${isoDaysAgo(-7)}T10:00`, team }),
  };
  return { ter, sal, rum, team, cases, ids, today, tomorrow };
}

async function appointment(s, id) {
  const r = await s.ter.must('GET', `/api/v1/appointments?from=${isoDaysAgo(7)}&to=${isoDaysAgo(-14)}`);
  return r.items.find((a) => a.id === id);
}

// Min kalender on the demo's first terapeut login of a municipality.
async function testDemoFirstLogin(t, size) {
  const url = process.env.GENOP_DEMO_URL;
  const logins = (process.env.GENOP_DEMO_THERAPISTS || '').split(',').filter(Boolean).map((x) => x.split(':'));
  if (!t.ok(url && logins.length === 5, `calendar (${size.name}): the demo's first terapeut of each municipality`, logins)) return;
  const [username, password] = logins.find((l) => l[0] === 'terapeut.aalborg') || logins[0];
  const { context, page } = await t.newPage(size);
  await t.load(page, url + '/');
  await t.login(page, username, password);
  const menu = page.locator('#nav a[data-route="kalender"]');
  t.ok(await menu.count() === 1 && (await menu.innerText()) === 'Kalender', `calendar (${size.name}): "Kalender" in the menu`);
  await t.navigate(page, () => menu.click());
  const today = await page.evaluate(async (d) => (await import('/dates.js')).longDate(d), isoDaysAgo(0));
  const day = await page.evaluate(() => ({
    h1: document.querySelector('h1').textContent,
    title: document.querySelector('.kalender-day-title')?.textContent || '',
    cards: document.querySelectorAll('#kalender-dag .appt-card').length,
    next: document.getElementById('kalender-naeste-tid')?.textContent || '',
  }));
  t.ok(day.h1 === 'Min kalender' && day.title.includes(today) && (day.cards > 0 || /^Næste tid: /.test(day.next)),
    `calendar (${size.name}): the demo's first login opens Min kalender on today, with its appointments or the next one`, day);
  await t.axe(page, `Min kalender, dag (demo, ${size.name})`);
  await t.shot(page, `kalender-demo-dag-${size.name}`);
  await t.navigate(page, () => page.click('#kalender-visning-uge'));
  const blocks = await page.locator('#kalender-uge .appt').count();
  const next = blocks ? 0 : await (async () => {
    await t.navigate(page, () => page.click('#kalender-naeste'));
    return page.locator('#kalender-uge .appt').count();
  })();
  t.ok(blocks + next >= 3, `calendar (${size.name}): the demo's week (or the next) holds the therapist's appointments`, blocks, next);
  t.ok(await overflow(page) <= 0, `calendar (${size.name}): the week fits the window`);
  await t.axe(page, `Min kalender, uge (demo, ${size.name})`);
  await t.shot(page, `kalender-demo-uge-${size.name}`);
  t.noProblems(page, `Min kalender on the demo (${size.name})`);
  await context.close();
}

async function testOutcomeAndCancel(t, s) {
  const { context, page } = await t.newPage(t.SIZES[0]);
  await t.load(page, t.BASE + '/#/kalender');
  await t.login(page, t.USERS.rodovre.terapeut);
  const card = page.locator(`.appt-card[data-appointment="${s.ids.begun}"]`);
  t.ok(await page.locator('h1').innerText() === 'Min kalender' && await card.count() === 1 &&
    (await card.innerText()).includes('Kalender Karlsen') && (await card.innerText()).includes('Borgerens hjem'),
  'calendar: Min kalender shows today\'s appointment with the citizen, place and kind');
  const labels = await card.locator('button[data-outcome]').allInnerTexts();
  t.ok(JSON.stringify(labels) === JSON.stringify(['Mødt', 'Udeblevet', 'Aflyst af borger', 'Aflyst af os']),
    'calendar: a begun appointment has the four outcome buttons', labels);
  await t.axe(page, 'Min kalender, dag (1366)');
  await t.shot(page, 'kalender-dag-1366');
  await t.navigate(page, () => card.locator('button[data-outcome="attended"]').click());
  const flash = await page.locator('#kalender-flash').innerText();
  const after = await appointment(s, s.ids.begun);
  t.ok(/registreret/.test(flash) && after.status === 'done' && after.outcome === 'attended' && after.event > 0,
    'calendar: Mødt registers the session (the appointment done, its event in the log)', flash, after);
  t.ok((await page.locator(`.appt-card[data-appointment="${s.ids.begun}"]`).innerText()).includes('Registreret: fremmødt'),
    'calendar: the card says the outcome');
  // Cancelling the day after tomorrow's, by us: Rødovre's rule shown.
  await hashTo(t, page, `#/kalender/dag/${isoDaysAgo(-2)}`);
  const c = page.locator(`.appt-card[data-appointment="${s.ids.cancel}"]`);
  t.ok(await c.locator('button[data-outcome]').count() === 0, 'calendar: no outcome buttons before the appointment begins');
  await c.locator('summary').click();
  await c.locator('select[name=by]').selectOption('provider');
  await c.locator('button[type=submit]').click();
  t.ok(/grund/.test(await c.locator('.form-error').innerText()), 'calendar: cancelling without a reason is refused beside the form');
  await c.locator('input[name=reason]').fill('Terapeuten er syg');
  await t.navigate(page, () => c.locator('button[type=submit]').click());
  const cflash = await page.locator('#kalender-flash').innerText();
  t.ok(/er aflyst/.test(cflash) && /meddeles borgeren/.test(cflash) && (await appointment(s, s.ids.cancel)).status === 'cancelled',
    'calendar: cancelled by us, with Rødovre\'s rule and its source', cflash);
  t.noProblems(page, 'Min kalender: outcome and cancel');
  await context.close();
}

// The appointment's block in the week's grid.
const block = (page, id) => page.locator(`#kalender-uge .appt[data-id="${id}"]`);

async function testKeyboardMove(t, s) {
  const { context, page } = await t.newPage(t.SIZES[0]);
  await t.load(page, t.BASE + `/#/kalender/uge/${s.tomorrow}`);
  await t.login(page, t.USERS.rodovre.terapeut);
  await block(page, s.ids.move).focus();
  await page.keyboard.press('ArrowRight');
  const moved = await block(page, s.ids.move).innerText();
  await page.keyboard.press('Escape');
  let a = await appointment(s, s.ids.move);
  t.ok(/Ny tid: /.test(moved) && a.start === `${s.tomorrow}T10:00` &&
    (await block(page, s.ids.move).getAttribute('aria-pressed')) === null,
  'calendar: an arrow key proposes a new time, Escape undoes it (nothing sent)', moved, a);
  await block(page, s.ids.move).focus();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  t.ok((await block(page, s.ids.move).innerText()).includes('kl. 10.30'), 'calendar: two steps down: 10.30 proposed');
  await t.navigate(page, () => page.keyboard.press('Enter'));
  a = await appointment(s, s.ids.move);
  const focused = await page.evaluate(() => document.activeElement?.dataset?.id);
  t.ok(a.start === `${s.tomorrow}T10:30` && /flyttet/.test(await page.locator('#kalender-flash').innerText()) &&
    Number(focused) === s.ids.move, 'calendar: Enter keeps it: moved to 10.30 (the API agrees), focus stays on it', a, focused);
  // Onto the room's other appointment at 12:00: the server's 409 beside it.
  for (let i = 0; i < 6; i++) await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  const err = page.locator(`#move-error-${s.ids.move}`);
  await err.waitFor({ timeout: 5000 });
  a = await appointment(s, s.ids.move);
  t.ok(/optaget/.test(await err.innerText()) && a.start === `${s.tomorrow}T10:30` &&
    (await block(page, s.ids.move).innerText()).includes('10.30'),
  'calendar: a move into a taken room: the server\'s refusal beside the appointment, in Danish, and it stays', await err.innerText(), a);
  await t.axe(page, 'Kalender, uge med afvist flytning (1366)');
  await t.shot(page, 'kalender-uge-flyt-afvist-1366');
  // The mouse: an hour earlier (1.2 px a minute in the grid).
  await page.keyboard.press('Escape');
  const box = await block(page, s.ids.move).boundingBox();
  await page.mouse.move(box.x + box.width / 2, box.y + 10);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width / 2, box.y + 10 - 36, { steps: 4 });
  await page.mouse.move(box.x + box.width / 2, box.y + 10 - 72, { steps: 4 });
  await t.navigate(page, () => page.mouse.up());
  a = await appointment(s, s.ids.move);
  t.ok(a.start === `${s.tomorrow}T09:30`, 'calendar: dragged an hour up with the mouse: moved to 9.30 (the API agrees)', a);
  await t.shot(page, 'kalender-uge-1366');
  t.noProblems(page, 'Kalender: moving');
  await context.close();
}

async function testRoomAndTeam(t, s, size) {
  const { context, page } = await t.newPage(size);
  await t.load(page, t.BASE + `/#/kalender`);
  await t.login(page, t.USERS.rodovre.leder);
  t.ok(await page.locator('h1').innerText() === 'Kalender' && await page.locator('#kalender-vis').count() === 1,
    `calendar (${size.name}): a leder chooses whose calendar`);
  await page.selectOption('#kalender-vis', `rum/${s.rum}`);
  await t.navigate(page, () => page.click('.kalender-picker button[type=submit]'));
  await hashTo(t, page, `#/kalender/rum/${s.rum}/${s.tomorrow}`);
  const ids = await page.$$eval('#kalender-uge .appt', (els) => els.map((e) => Number(e.dataset.id)));
  t.ok(await page.locator('h1').innerText() === 'Kalender for rummet Rum 1' &&
    ids.includes(s.ids.move) && ids.includes(s.ids.blocker) && await page.locator('#kalender-dag').count() === 0,
  `calendar (${size.name}): the room's week with every therapist's appointments in it`, ids);
  t.ok(await overflow(page) <= 0, `calendar (${size.name}): the room's week fits the window`);
  await block(page, s.ids.blocker).click();
  t.ok(await page.locator('#kalender-valgt .appt-card').count() === 1 &&
    await page.locator('#kalender-valgt button[data-outcome]').count() === 0,
  `calendar (${size.name}): a selected appointment shows its card, without outcome buttons for a leder`);
  await t.axe(page, `Kalender, rum (${size.name})`);
  await t.shot(page, `kalender-rum-${size.name}`);
  await hashTo(t, page, `#/kalender/hold/${s.team}/${isoDaysAgo(-7)}`);
  const team = await page.$$eval('#kalender-uge .appt', (els) => els.map((e) => e.innerText));
  t.ok(await page.locator('h1').innerText() === 'Kalender for holdet Balancehold' &&
    team.length === 1 && team[0].includes('Kalender Karlsen') && team[0].includes('10.00'),
  `calendar (${size.name}): the team's week with its participant at the meeting`, team);
  await t.axe(page, `Kalender, hold (${size.name})`);
  await t.shot(page, `kalender-hold-${size.name}`);
  await hashTo(t, page, `#/kalender/terapeut/${t.USERS.rodovre.terapeut}/dag/${s.tomorrow}`);
  t.ok((await page.locator('#kalender-dag').innerText()).includes('Agnete Aftale') && await overflow(page) <= 0,
    `calendar (${size.name}): a therapist's day chosen by a leder`);
  await t.shot(page, `kalender-terapeut-dag-${size.name}`);
  t.noProblems(page, `Kalender for a leder (${size.name})`);
  await context.close();
}

export async function testCalendar(t) {
  const s = await seedCalendar(t);
  t.ok(true, 'calendar: Rødovre\'s centre, therapists, team, cases and appointments made through the API');
  for (const size of t.SIZES) await testDemoFirstLogin(t, size);
  await testOutcomeAndCancel(t, s);
  await testKeyboardMove(t, s);
  for (const size of t.SIZES) await testRoomAndTeam(t, s, size);
}
