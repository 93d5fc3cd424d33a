// assign.mjs - owning cases in the browser (shared/spec/api.md;
// web/views/assign.js, owners.js), on run.sh's server (Rødovre's users,
// two therapists) with a case made here through the API:
// - the case page's "Ansvarlige" says nobody is responsible; a visitator
//   opens "Skift ansvarlige", whose selects hold the municipality's
//   visitators and therapists only; a date before the referral is
//   refused with the API's reason beside the date; then both are
//   assigned, shown on the page and in the timeline;
// - the second therapist takes the case ("Gør mig til ansvarlig
//   terapeut"), as the API then says too;
// - "Mine opgaver" and "Mine sager" are that therapist's default view,
//   holding only their case and naming them responsible, with a switch
//   to all; a user without cases starts on all; another municipality's
//   visitator never sees the case;
// - a leder's Opgaver shows the open tasks per person, each person
//   linking to the tasks they are responsible for.
// Axe and screenshots (1366x768 and 390x844) of each screen, nothing
// wider than the window. The test.mjs helpers come in `t`.

import { ApiClient, isoDaysAgo } from './seed.mjs';

async function makeCase(t) {
  const api = new ApiClient(t.BASE);
  await api.login(t.USERS.rodovre.visitator, t.PASSWORD);
  const id = (await api.must('POST', '/api/v1/cases', {
    citizen: { cpr: '1108471234', name: 'Aase Ansvar', address: 'Rødovrevej 1, 2610 Rødovre', phone: '36370000' },
    referral: { date: isoDaysAgo(6), paragraph: '86.1', source: 'egen læge', condition: 'knæ', consent: true },
  })).id;
  return { api, id };
}

const assignedText = (t, page) => t.text(page, '#assigned');
const wide = (page) => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);

// The visitator assigns both roles through the form.
async function visitatorAssigns(t, id) {
  const { context, page } = await t.newPage();
  await t.load(page, `${t.BASE}/#/sag/${id}`);
  await t.login(page, t.USERS.rodovre.visitator);
  const before = await assignedText(t, page);
  t.ok((before.match(/Ikke fordelt/g) || []).length === 2, 'assign: a new case has no visitator and no therapist', before);
  await page.click('#assign-open');
  await page.waitForSelector('#assign-form');
  const options = (sel) => page.locator(`${sel} option`).evaluateAll((os) => os.map((o) => o.value).filter(Boolean));
  const ter = await options('#assign-terapeut');
  const vis = await options('#assign-visitator');
  t.ok(JSON.stringify(ter) === JSON.stringify(['rod.terapeut', 'rod.terapeut2']) && JSON.stringify(vis) === JSON.stringify(['rod.visitator']),
    'assign: the selects hold the municipality\'s therapists and visitators, nobody else', { ter, vis });
  t.ok(await page.evaluate(() => document.activeElement.id === 'assign-visitator'), 'assign: the form opens on its first select');
  await page.selectOption('#assign-terapeut', 'rod.terapeut');
  await page.fill('#assign-date', t.daDate(isoDaysAgo(10)));
  await page.click('#assign-form button[type=submit]');
  await page.waitForSelector('#assign-date-error:not(:empty)');
  t.ok(/før henvendelsen/.test(await t.text(page, '#assign-date-error')) &&
     await page.getAttribute('#assign-date', 'aria-invalid') === 'true',
  'assign: a date before the referral is refused, the API\'s reason beside the date', await t.text(page, '#assign-date-error'));
  await page.locator('#assign-form').scrollIntoViewIfNeeded();
  await t.shot(page, 'sag-ansvarlige-formular-1366');
  await t.axe(page, 'Sagen with the assignment form and an error (1366)');
  await page.fill('#assign-date', t.daDate(isoDaysAgo(0)));
  await page.selectOption('#assign-visitator', 'rod.visitator');
  await t.navigate(page, () => page.click('#assign-form button[type=submit]'));
  await page.waitForSelector('#case-flash:not(:empty)');
  const flash = await t.text(page, '#case-flash');
  const after = await assignedText(t, page);
  t.ok(/ansvarlig visitator er nu rod\.visitator/.test(flash) && /ansvarlig terapeut er nu rod\.terapeut/.test(flash),
    'assign: the page says both were registered', flash);
  t.ok(after.includes('rod.visitator') && after.includes('rod.terapeut') && !after.includes('Ikke fordelt') &&
     after.includes(`ansvarlig fra ${t.daDate(isoDaysAgo(0))}`), 'assign: Ansvarlige names both, and since when', after);
  const timeline = await t.text(page, '#timeline');
  t.ok(timeline.includes('Ansvarlig tildelt') && timeline.includes('rod.terapeut er ansvarlig terapeut'),
    'assign: the timeline holds the assignments', timeline);
  t.noProblems(page, 'assign: the visitator assigns');
  await context.close();
}

// The second therapist takes the case; the page at both sizes.
async function therapistTakes(t, api, id) {
  for (const size of t.SIZES) {
    const { context, page } = await t.newPage(size);
    await t.load(page, `${t.BASE}/#/sag/${id}`);
    await t.login(page, t.USERS.rodovre.terapeut2);
    if (size === t.SIZES[0]) {
      t.ok(await page.locator('#assign-open').count() === 0, 'assign: a therapist is not offered to change others');
      await t.navigate(page, () => page.click('#assign-me'));
      await page.waitForSelector('#case-flash:not(:empty)');
    }
    const shown = await assignedText(t, page);
    t.ok(shown.includes('rod.terapeut2') && await page.locator('#assign-me').count() === 0 && await wide(page) <= 0,
      `assign (${size.name}): the therapist took the case, nothing wider than the window`, shown);
    await page.locator('#assigned').scrollIntoViewIfNeeded();
    await t.shot(page, `sag-ansvarlige-${size.name}`);
    await t.axe(page, `Sagen with its responsibles (${size.name})`);
    t.noProblems(page, `assign: the therapist's case page (${size.name})`);
    await context.close();
  }
  const kase = await api.must('GET', `/api/v1/cases/${id}`);
  t.ok(kase.assigned.terapeut === 'rod.terapeut2' && kase.assigned.visitator === 'rod.visitator',
    'assign: the API says the same', kase.assigned);
}

// Mine opgaver and Mine sager of the second therapist.
async function mineViews(t, id) {
  for (const size of t.SIZES) {
    const { context, page } = await t.newPage(size);
    await t.load(page, `${t.BASE}/`);
    await t.login(page, t.USERS.rodovre.terapeut2);
    const current = await page.getAttribute('.view-toggle a[aria-current=page]', 'data-view');
    const cases = await page.locator('#worklist tbody tr').evaluateAll((trs) => trs.map((tr) => Number(tr.dataset.case)));
    const owners = await page.locator('#worklist td[data-label=Ansvarlig]').allInnerTexts();
    t.ok(current === 'mine' && cases.length > 0 && cases.every((c) => c === id),
      `assign (${size.name}): Mine opgaver is the default, with only the therapist's case`, { current, cases });
    t.ok(owners.some((o) => o.includes('rod.terapeut2')) && owners.some((o) => o.includes('rod.visitator')),
      `assign (${size.name}): each task names who is responsible`, owners);
    t.ok(await wide(page) <= 0, `assign (${size.name}): Mine opgaver fits the window`);
    await t.shot(page, `opgaver-mine-${size.name}`);
    await t.axe(page, `Mine opgaver (${size.name})`);
    await t.navigate(page, () => page.click('.view-toggle a[data-view=alle]'));
    const all = await page.locator('#worklist tbody tr').evaluateAll((trs) => new Set(trs.map((tr) => tr.dataset.case)).size);
    t.ok(all > 1 && await page.getAttribute('.view-toggle a[aria-current=page]', 'data-view') === 'alle',
      `assign (${size.name}): the switch shows every task`, all);
    await t.navigate(page, () => page.click('#nav a[data-route="sager"]'));
    const rows = await page.locator('#cases tbody tr').count();
    const resp = await t.text(page, '#cases td[data-label=Ansvarlige]');
    t.ok(rows === 1 && resp.includes('rod.terapeut2') && await page.getAttribute('.view-toggle a[aria-current=page]', 'data-view') === 'mine',
      `assign (${size.name}): Mine sager is the default, naming the responsibles`, { rows, resp });
    await t.shot(page, `sager-mine-${size.name}`);
    await t.axe(page, `Mine sager (${size.name})`);
    t.noProblems(page, `assign: Mine opgaver and Mine sager (${size.name})`);
    await context.close();
  }
}

// Users without cases start on every task; another municipality never
// sees the case.
async function othersSeeAll(t, id) {
  for (const [user, label] of [[t.USERS.rodovre.terapeut, 'a therapist without cases'],
    [t.USERS.aalborg.visitator, 'another municipality\'s visitator']]) {
    const { context, page } = await t.newPage();
    await t.load(page, `${t.BASE}/`);
    await t.login(page, user);
    const current = await page.getAttribute('.view-toggle a[aria-current=page]', 'data-view');
    const mine = await page.locator(`#worklist tbody tr[data-case="${id}"]`).count();
    const own = user === t.USERS.rodovre.terapeut;
    t.ok(current === 'alle' && (own ? mine > 0 : mine === 0),
      `assign: ${label} starts on all tasks${own ? '' : ', never this case'}`, { current, mine });
    t.noProblems(page, `assign: ${label}`);
    await context.close();
  }
}

// A leder's open tasks per person, and one person's tasks.
async function lederOverview(t, api) {
  const expected = (await api.must('GET', '/api/v1/worklist?responsible=rod.terapeut2&limit=500')).items.length;
  for (const size of t.SIZES) {
    const { context, page } = await t.newPage(size);
    await t.load(page, `${t.BASE}/`);
    await t.login(page, t.USERS.rodovre.leder);
    await page.waitForSelector('#workload-table');
    const row = await t.text(page, '#workload-table tr[data-owner="rod.terapeut2"]');
    const open = await page.locator('#workload-table tr[data-owner="rod.terapeut2"] td[data-label="Åbne opgaver"]').innerText();
    const nobody = await page.locator('#workload-table tr[data-owner=""]').count();
    t.ok(row.includes('terapeut') && Number(open) === expected && expected > 0 && nobody > 0,
      `assign (${size.name}): the leder sees each person's open tasks and those of nobody`, { row, open, expected, nobody });
    t.ok(await page.locator('.view-toggle').count() === 0 && await wide(page) <= 0,
      `assign (${size.name}): a leder has no "Mine", and the overview fits the window`);
    await t.shot(page, `opgaver-leder-${size.name}`);
    await t.axe(page, `Opgaver pr. medarbejder (${size.name})`);
    if (size === t.SIZES[0]) {
      await t.navigate(page, () => page.click('#workload-table a[href="#/opgaver/ansvarlig/rod.terapeut2"]'));
      const owners = await page.locator('#worklist td[data-label=Ansvarlig]').allInnerTexts();
      t.ok((await t.text(page, 'h1')) === 'Opgaver for rod.terapeut2' && owners.length === expected &&
         owners.every((o) => o.includes('rod.terapeut2')), 'assign: a person\'s link shows the tasks they are responsible for', owners);
      await t.axe(page, 'Opgaver for one person (1366)');
    }
    t.noProblems(page, `assign: the leder's overview (${size.name})`);
    await context.close();
  }
}

export async function testAssign(t) {
  const { api, id } = await makeCase(t);
  await visitatorAssigns(t, id);
  await therapistTakes(t, api, id);
  await mineViews(t, id);
  await othersSeeAll(t, id);
  await lederOverview(t, api);
}
