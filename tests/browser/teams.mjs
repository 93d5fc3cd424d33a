// teams.mjs - Hold (views/hold.js, holdside.js, holdmoede.js):
// - on `genop demo`'s database (GENOP_DEMO_URL, visitator.aalborg in
//   GENOP_DEMO_LOGINS): the teams (#/hold: three, no form for a
//   visitator) and the small Rygskole (#/hold/ID), full, with its roster
//   and its waiting list of two;
// - on the first server's Rødovre (its leder sets up a centre and a
//   therapist's hours through the API first): the leder creates a team
//   in the form (the refusal of too many places beside the field), enrols
//   a granted case (its meetings booked), the second is refused as the
//   team is full and goes on the waiting list; the leder sees a meeting
//   but registers nothing; the terapeut registers the meeting's
//   attendance on one screen with one save (a missing choice said beside
//   the participant, the choice made with the keyboard); the first case
//   leaves, the freed place is offered to the second (a badge, and the
//   task on the worklist) and accepted.
// Axe and screenshots at 1366x768 and 390x844, nothing wider than the
// window. Run last: it adds cases to the first server's Rødovre, which
// earlier tests count. The test.mjs helpers come in `t`.

import { ApiClient, GRANT, isoDaysAgo } from './seed.mjs';

const wide = (page) => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);

// Axe, a screenshot and the width check at one size.
async function look(t, page, name, size) {
  await t.axe(page, `${name} (${size.name})`);
  await t.shot(page, `${name}-${size.name}`);
  t.ok(await wide(page) <= 0, `${name} (${size.name}): nothing wider than the window`);
}

async function testDemoTeams(t) {
  const url = process.env.GENOP_DEMO_URL;
  const logins = (process.env.GENOP_DEMO_LOGINS || '').split(',').filter(Boolean).map((x) => x.split(':'));
  const vis = logins.find((l) => l[0] === 'visitator.aalborg');
  if (!url || !vis) {
    t.ok(false, 'teams: the demo database and its Aalborg visitator', 'GENOP_DEMO_URL or the login missing');
    return;
  }
  for (const size of t.SIZES) {
    const { context, page } = await t.newPage(size);
    await t.load(page, `${url}/#/hold`);
    await t.login(page, vis[0], vis[1]);
    await page.waitForSelector('#teams');
    const names = await page.$$eval('#teams .team-link', (as) => as.map((a) => a.textContent));
    t.ok(names.join('|') === 'Balancehold|Knæ- og hoftehold|Rygskole' && !(await page.$('#new-team')),
      `demo (${size.name}): #/hold lists the three teams, without the leder's form`, names);
    await look(t, page, 'hold-demo', size);
    const nav = await t.navigate(page, () => page.click('#teams .team-link >> text=Rygskole'));
    const roster = await page.$$eval('#roster tbody tr', (trs) => trs.length);
    const waiting = await page.$$eval('#waiting-list li', (lis) => lis.map((li) => li.querySelector('a').textContent));
    t.ok(nav.view === 'holdside' && await page.$('#team-full') && roster === 2 && waiting.length === 2,
      `demo (${size.name}): Rygskole is full, with 2 on its roster and 2 on its waiting list`, { roster, waiting });
    await look(t, page, 'hold-rygskole-demo', size);
    t.noProblems(page, `demo teams (${size.name})`);
    await context.close();
  }
}

// Rødovre's centre and an all-day therapist, two granted cases: {a, b}.
async function seedRodovre(t) {
  const leder = new ApiClient(t.BASE);
  await leder.login(t.USERS.rodovre.leder, t.PASSWORD);
  await leder.must('POST', '/api/v1/locations', { name: 'Rødovre Træningscenter', address: 'Rødovre Parkvej 150',
    rooms: [{ name: 'Holdsal', capacity: 10 }] });
  await leder.must('PUT', `/api/v1/staff/${t.USERS.rodovre.terapeut2}`, { profession: 'fysioterapeut',
    hours: [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, from: '00:00', to: '00:00' })) });
  const vis = new ApiClient(t.BASE);
  await vis.login(t.USERS.rodovre.visitator, t.PASSWORD);
  const ids = [];
  for (const [cpr, name] of [['0707551234', 'Holger Holdmand'], ['0808551234', 'Vera Venteliste']]) {
    const id = (await vis.must('POST', '/api/v1/cases', {
      citizen: { cpr, name, address: 'Rødovre Parkvej 150, 2610 Rødovre', phone: '36377000' },
      referral: { date: isoDaysAgo(30), paragraph: '86.1', source: 'egen læge', condition: 'ryg', consent: true },
    })).id;
    await vis.must('POST', `/api/v1/cases/${id}/events`, { type: 'decision', date: isoDaysAgo(25), granted: true, grant: GRANT });
    ids.push(id);
  }
  return { a: ids[0], b: ids[1] };
}

// The leder's part before the meeting: the team made, A enrolled, B waiting.
async function createAndEnrol(t, page, ids, d0) {
  await page.click('#nav a[data-route="hold"]');
  await page.waitForSelector('#new-team');
  const weekday = String(new Date(`${d0}T12:00:00Z`).getUTCDay() || 7);
  await page.fill('#team-name', 'Styrkehold');
  await page.selectOption('#team-room', { label: 'Holdsal, Rødovre Træningscenter' });
  await page.selectOption('#team-weekday', weekday);
  await page.fill('#team-time', '19:15');
  await page.fill('#team-minutes', '30');
  await page.fill('#team-capacity', '11');
  await page.selectOption('#team-therapist', t.USERS.rodovre.terapeut2);
  await page.fill('#team-from', isoDaysAgo(14));
  await page.click('#new-team button[type=submit]');
  await page.waitForSelector('#team-capacity-error:not(:empty)');
  t.ok(await page.getAttribute('#team-capacity', 'aria-invalid') === 'true' &&
    /lokale|plads/i.test(await t.text(page, '#team-capacity-error')),
  'teams: too many places for the room is refused beside the field', await t.text(page, '#team-capacity-error'));
  await page.fill('#team-capacity', '1');
  await page.click('#new-team button[type=submit]');
  await page.waitForSelector('#teams-flash:not(:empty)');
  t.ok(/Styrkehold er oprettet/.test(await t.text(page, '#teams-flash')) &&
    await page.$('#teams .team-link >> text=Styrkehold'), 'teams: the leder creates a team in the form');
  for (const size of t.SIZES) {
    if (size.name !== '1366') continue;
    await look(t, page, 'hold', size);
  }
  await t.navigate(page, () => page.click('#teams .team-link >> text=Styrkehold'));
  const teamId = Number(/#\/hold\/(\d+)/.exec(page.url())[1]);
  const to = new Date(Date.parse(`${d0}T00:00:00Z`) + 21 * 86400000).toISOString().slice(0, 10);
  await page.fill('#enrol-case', String(ids.a));
  await page.fill('#enrol-from', d0);
  await page.fill('#enrol-to', to);
  await page.click('#enrol-submit');
  await page.waitForSelector('#team-flash:not(:empty)');
  // Four meetings, less a public holiday among them (then listed below the form).
  const booked = /meldt på holdet; (\d) tider? er booket/.exec(await t.text(page, '#team-flash'));
  const skipped = await page.$$eval('#enrol-skipped li', (lis) => lis.length);
  t.ok(booked && Number(booked[1]) + skipped === 4 && await page.$(`#roster tr[data-case="${ids.a}"]`),
    'teams: enrolling books the case onto the four meetings (a holiday listed as skipped)', await t.text(page, '#team-flash'));
  await page.fill('#enrol-case', String(ids.b));
  await page.fill('#enrol-from', d0);
  await page.fill('#enrol-to', to);
  await page.click('#enrol-submit');
  await page.waitForSelector('#enrol-error:not(:empty)');
  t.ok(/fuldt/.test(await t.text(page, '#enrol-error')) && /Sæt på ventelisten/.test(await t.text(page, '#enrol-error')),
    'teams: a full team refuses the second case, and says to use the waiting list', await t.text(page, '#enrol-error'));
  await page.click('#wait-submit');
  await page.waitForSelector(`#waiting-list li[data-case="${ids.b}"]`);
  t.ok(await page.$('#team-full') && /står nu på ventelisten/.test(await t.text(page, '#team-flash')),
    'teams: the second case is on the waiting list, the team is full');
  return teamId;
}

async function attendance(t, url, teamId, d0, ids) {
  for (const size of [...t.SIZES].reverse()) {      // 390 first: it only looks
    const { context, page } = await t.newPage(size);
    await t.load(page, `${url}/#/hold/${teamId}/${d0}`);
    const nav = await t.login(page, t.USERS.rodovre.terapeut, t.PASSWORD);
    const fs = `fieldset[data-appointment]`;
    t.ok(nav.view === 'holdmoede' && (await page.$$(fs)).length === 1 &&
      (await page.$$(`${fs} input[type=radio]`)).length === 4,
    `teams (${size.name}): the meeting's participant with four choices`);
    await look(t, page, 'hold-fremmoede', size);
    if (size.name === '1366') {
      await page.click('#attendance-save');
      await page.waitForSelector(`${fs} .field-error:not(:empty)`);
      t.ok(/Vælg, om borgeren mødte/.test(await t.text(page, `${fs} .field-error`)),
        'teams: saving without a choice says so beside the participant');
      await page.focus(`${fs} input[value=attended]`);
      await page.keyboard.press('Space');
      await page.click('#attendance-save');
      await page.waitForSelector('#attendance-flash:not(:empty)');
      t.ok(/gemt for 1 deltager/.test(await t.text(page, '#attendance-flash')) &&
        /Registreret: fremmødt/.test(await t.text(page, `${fs} .attendance-state`)),
      'teams: the attendance is saved in one go, and shown as registered');
      const c = new ApiClient(url);
      await c.login(t.USERS.rodovre.terapeut, t.PASSWORD);
      const sess = ((await c.must('GET', `/api/v1/cases/${ids.a}`)).events || []).filter((e) => e.type === 'session');
      t.ok(sess.length === 1 && sess[0].date === d0 && sess[0].outcome === 'attended',
        'teams: the session event is in the case\'s log, with the meeting\'s date', sess);
    }
    t.noProblems(page, `attendance (${size.name})`);
    await context.close();
  }
}

async function leaveAndOffer(t, page, url, teamId, ids) {
  await t.navigate(page, () => page.evaluate((id) => { location.hash = `#/hold/${id}`; }, teamId));
  await page.click(`#roster tr[data-case="${ids.a}"] button[data-action=leave]`);
  await page.click(`#roster tr[data-case="${ids.a}"] button[data-confirm=yes]`);
  await page.waitForSelector('#team-flash:not(:empty)');
  t.ok(/er meldt af holdet/.test(await t.text(page, '#team-flash')) && /tilbudt den første/.test(await t.text(page, '#team-flash')) &&
    await page.$(`#waiting-list li[data-case="${ids.b}"] .offer`), 'teams: leaving frees the place, which is offered to the waiting case',
  await t.text(page, '#team-flash'));
  for (const size of t.SIZES) {
    const { context, page: p2 } = await t.newPage(size);
    await t.load(p2, `${url}/#/hold/${teamId}`);
    await t.login(p2, t.USERS.rodovre.leder, t.PASSWORD);
    await p2.waitForSelector('#waiting-list');
    await look(t, p2, 'hold-side', size);
    t.noProblems(p2, `team page (${size.name})`);
    await context.close();
  }
  await t.navigate(page, () => page.evaluate(() => { location.hash = '#/opgaver/alle'; }));
  await page.waitForSelector('#worklist');
  t.ok(await page.$(`#worklist tr[data-case="${ids.b}"] >> text=Ledig plads på holdet Styrkehold`),
    'teams: the offer is a task on the worklist');
  await t.navigate(page, () => page.evaluate((id) => { location.hash = `#/hold/${id}`; }, teamId));
  await page.click(`#waiting-list li[data-case="${ids.b}"] button[data-action=accept]`);
  await page.waitForSelector('#team-flash:not(:empty)');
  t.ok(/meldt på holdet/.test(await t.text(page, '#team-flash')) && !(await page.$('#waiting-list li')) &&
    await page.$(`#roster tr[data-case="${ids.b}"]`), 'teams: accepting the offer enrols the case, and empties the list');
}

// The last day before today that is not one of Rødovre's holidays or days
// off, so that the meeting registered below is booked whatever the date
// the suite runs on (the day after Christmas, say).
async function lastWorkday(t) {
  const c = new ApiClient(t.BASE);
  await c.login(t.USERS.rodovre.leder, t.PASSWORD);
  const closed = new Set();
  for (const year of new Set([isoDaysAgo(1).slice(0, 4), isoDaysAgo(10).slice(0, 4)])) {
    const r = await c.must('GET', `/api/v1/holiday-openings?year=${year}`);
    for (const h of r.holidays || []) if (!h.open) closed.add(h.date);
  }
  let n = 1;
  while (closed.has(isoDaysAgo(n))) n += 1;
  return isoDaysAgo(n);
}

export async function testTeams(t) {
  await testDemoTeams(t);
  const ids = await seedRodovre(t);
  const d0 = await lastWorkday(t);
  const { context, page } = await t.newPage(t.SIZES[0]);
  await t.load(page, `${t.BASE}/#/hold`);
  await t.login(page, t.USERS.rodovre.leder, t.PASSWORD);
  const teamId = await createAndEnrol(t, page, ids, d0);
  const nav = await t.navigate(page, () => page.evaluate((x) => { location.hash = `#/hold/${x[0]}/${x[1]}`; }, [teamId, d0]));
  t.ok(nav.view === 'holdmoede' && !(await page.$('#attendance-save')) &&
    /registreres af en visitator eller terapeut/.test(await t.text(page, '#attendance')),
  'teams: a leder sees the meeting, without registering');
  await attendance(t, t.BASE, teamId, d0, ids);
  await leaveAndOffer(t, page, t.BASE, teamId, ids);
  t.noProblems(page, 'teams (leder)');
  await context.close();
}
