// complaints.mjs - complaints to the end (issue 13, item 4;
// docs/complaints.md) on `genop demo`'s database (GENOP_DEMO_URL, the
// visitator.ishoj and visitator.aalborg logins in GENOP_DEMO_LOGINS):
// - Ishøj, at 1366: the complaint form asks how the complaint came and
//   what it is about, both required (named beside the field before
//   anything is sent), and shows where it goes as the topic is chosen:
//   the professional content straight to Styrelsen for Patientklager, the
//   service level to Genoptræning Ishøj with its address; registered, the
//   timeline shows how it came, what about and where it went, and the
//   case stays Afslag with nothing to reconsider;
// - Aalborg, at 390: a complaint sent to Ankestyrelsen offers
//   "Ankestyrelsens afgørelse" next; its form has the four outcomes in
//   Danish (stadfæstet, ændret, ophævet, hjemvist); Hjemvist registered,
//   the case page warns that Ankestyrelsen remitted the case, offers the
//   decision next and the timeline shows the ruling; the worklist shows
//   "Ny afgørelse: Ankestyrelsen har hjemvist sagen" for the case, at both
//   sizes.
// Axe and screenshots at 1366x768 and 390x844, nothing wider than the
// window. The test.mjs helpers come in `t`.

import { ApiClient, REASONS, isoDaysAgo } from './seed.mjs';

const PROFESSIONAL = 'Klager over det faglige indhold sendes direkte til Styrelsen for Patientklager';
const SERVICE = 'sendes til Genoptræning Ishøj, Vejlebrovej 45, 2635 Ishøj, som genvurderer sagen';
const TASK = 'Ny afgørelse: Ankestyrelsen har hjemvist sagen';

async function refusedCase(api, cpr, name, address) {
  const id = (await api.must('POST', '/api/v1/cases', {
    citizen: { cpr, name, address, phone: '43000000' },
    referral: { date: isoDaysAgo(40), paragraph: '86.1', source: 'egen læge', condition: 'skulder', consent: true },
  })).id;
  await api.must('POST', `/api/v1/cases/${id}/events`, { type: 'decision', date: isoDaysAgo(39), granted: false,
    reasons: REASONS, text: 'Borgeren kan selv træne.' });
  return id;
}

const fitsWindow = (page) => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);
const open = (t, page, id) => t.navigate(page, () => page.evaluate((hsh) => { location.hash = hsh; }, `#/sag/${id}`));
const nextButtons = (page) => page.locator('#next-actions button[data-action]').evaluateAll((bs) => bs.map((b) => b.dataset.action));

async function testComplaintForm(t, url, login) {
  const api = new ApiClient(url);
  await api.login(login[0], login[1]);
  const id = await refusedCase(api, '1805401234', 'Sara Klagesen', 'Vejlebrovej 1, 2635 Ishøj');
  const { context, page } = await t.newPage();
  await t.load(page, `${url}/#/sag/${id}`);
  await t.login(page, login[0], login[1]);
  await page.waitForSelector('button[data-action=complaint_received]');
  await page.click('button[data-action=complaint_received]');
  await page.waitForSelector('#form-complaint_received');
  const legends = await page.$$eval('#form-complaint_received legend', (ls) => ls.map((l) => l.textContent));
  const abouts = await page.$$eval('#form-complaint_received-about label', (ls) => ls.map((l) => l.textContent));
  t.ok(JSON.stringify(legends) === JSON.stringify(['Klagen kom', 'Klagen handler om']) &&
     JSON.stringify(abouts) === JSON.stringify(['Afgørelsen', 'Serviceniveauet (ventetider, organisering, omfang)',
       'Det faglige indhold i træningen']),
  'the complaint form asks how it came and what it is about, in Danish', { legends, abouts });
  await page.click('#form-complaint_received button[type=submit]');
  t.ok((await t.text(page, '#form-complaint_received-channel-error')) === 'Vælg en af mulighederne.',
    'how the complaint came is required, named beside its field');
  await page.check('#form-complaint_received-channel-1');
  await page.click('#form-complaint_received button[type=submit]');
  t.ok((await t.text(page, '#form-complaint_received-about-error')) === 'Vælg en af mulighederne.',
    'what it is about is required too');
  await page.check('#form-complaint_received-about-1');
  const service = await t.text(page, '#form-complaint_received-about-route');
  t.ok(service.includes(SERVICE) && service.includes('Ankestyrelsen') && service.includes('Ishøj, Klagemuligheder'),
    'the service level: to Genoptræning Ishøj with its address, then Ankestyrelsen, with the source', service);
  await page.check('#form-complaint_received-about-2');
  const route = await t.text(page, '#form-complaint_received-about-route');
  t.ok(route.includes(PROFESSIONAL) && route.includes('https://stpk.dk/om-os/') && route.includes('genvurderer dem ikke'),
    'the professional content: straight to Styrelsen for Patientklager, not reconsidered', route);
  await page.fill('#form-complaint_received-text', 'Utilfreds med øvelserne, som terapeuten valgte.');
  await t.shot(page, 'sag-klage-form-1366');
  await t.axe(page, 'the complaint form with its route (1366)');
  await t.navigate(page, () => page.click('#form-complaint_received button[type=submit]'));
  await page.waitForSelector('#case-flash:not(:empty)');
  const event = await t.text(page, '#timeline > li.event-complaint_received');
  t.ok(event.includes('skriftligt, om det faglige indhold i træningen') && event.includes(PROFESSIONAL) &&
     event.includes('Utilfreds med øvelserne'),
  'the timeline: how it came, what about, where it went and the text', event);
  const status = await api.must('GET', `/api/v1/cases/${id}`);
  t.ok(status.status === 'refused' && JSON.stringify(await nextButtons(page)) ===
     JSON.stringify(['decision_received', 'complaint_received', 'closed', 'note']),
  'the case stays Afslag: nothing for the municipality to reconsider', status.status);
  await t.shot(page, 'sag-klage-faglig-tidslinje-1366');
  await t.axe(page, 'the timeline with a complaint to Styrelsen for Patientklager (1366)');
  t.noProblems(page, 'the complaint form (Ishøj)');
  await context.close();
}

async function testAppeal(t, url, login) {
  const api = new ApiClient(url);
  await api.login(login[0], login[1]);
  const id = await refusedCase(api, '1905401234', 'Tove Anke', 'Boulevarden 1, 9000 Aalborg');
  for (const [type, days, extra] of [['complaint_received', 35, { channel: 'oral', about: 'decision' }],
    ['complaint_decided', 30, { upheld: 'none' }], ['complaint_forwarded', 28, {}]]) {
    await api.must('POST', `/api/v1/cases/${id}/events`, { type, date: isoDaysAgo(days), ...extra });
  }
  const narrow = t.SIZES.find((s) => s.name === '390');
  const { context, page } = await t.newPage(narrow);
  await t.load(page, `${url}/#/sag/${id}`);
  await t.login(page, login[0], login[1]);
  await page.waitForSelector('section[aria-labelledby=sec-actions]');
  t.ok(JSON.stringify(await nextButtons(page)) === JSON.stringify(['appeal_decided', 'closed', 'note']),
    'a complaint with Ankestyrelsen: "Ankestyrelsens afgørelse" next', await nextButtons(page));
  await page.click('button[data-action=appeal_decided]');
  await page.waitForSelector('#form-appeal_decided');
  const outcomes = await page.$$eval('#form-appeal_decided-outcome label', (ls) => ls.map((l) => l.textContent));
  t.ok(JSON.stringify(outcomes) === JSON.stringify(['Stadfæstet', 'Ændret', 'Ophævet', 'Hjemvist']),
    'the ruling\'s form offers the four outcomes in Danish', outcomes);
  await page.fill('#form-appeal_decided-date', t.daDate(isoDaysAgo(3)));
  await page.check('#form-appeal_decided-outcome-3');
  t.ok(await fitsWindow(page), 'the ruling\'s form (390): nothing wider than the window');
  await t.shot(page, 'sag-ankestyrelsen-form-390');
  await t.axe(page, 'Ankestyrelsens afgørelse (390)');
  await t.navigate(page, () => page.click('#form-appeal_decided button[type=submit]'));
  await page.waitForSelector('#remitted-warning');
  const warning = await t.text(page, '#remitted-warning');
  const ruling = await t.text(page, '#timeline > li.event-appeal_decided');
  t.ok(warning.includes('Ankestyrelsen har hjemvist sagen') && warning.includes('ny afgørelse') &&
     ruling.includes('Ankestyrelsens afgørelse') && ruling.includes('hjemvist'),
  'remitted: the page warns and the timeline shows the ruling', { warning, ruling });
  t.ok((await nextButtons(page)).includes('decision') &&
     (await api.must('GET', `/api/v1/cases/${id}`)).status === 'referred',
  'the case awaits a new decision: referred, the decision next');
  t.ok(await fitsWindow(page), 'the remitted case (390): nothing wider than the window');
  await t.shot(page, 'sag-hjemvist-390');
  await t.axe(page, 'a remitted case (390)');
  t.noProblems(page, 'Ankestyrelsens afgørelse (390)');
  await context.close();
  for (const size of t.SIZES) {
    const w = await t.newPage(size);
    await t.load(w.page, `${url}/#/opgaver/alle`);
    await t.login(w.page, login[0], login[1]);
    await w.page.waitForSelector('#worklist');
    const rows = await w.page.$$eval(`#worklist tbody tr[data-case="${id}"] .task-label`, (ls) => ls.map((l) => l.textContent));
    t.ok(JSON.stringify(rows) === JSON.stringify([TASK]), `the worklist (${size.name}): "${TASK}"`, rows);
    await t.shot(w.page, `opgaver-ny-afgoerelse-${size.name}`);
    await t.axe(w.page, `Opgaver with a remitted case (${size.name})`);
    t.noProblems(w.page, `Opgaver with a remitted case (${size.name})`);
    await w.context.close();
  }
}

export async function testComplaints(t) {
  const url = process.env.GENOP_DEMO_URL;
  const logins = (process.env.GENOP_DEMO_LOGINS || '').split(',').filter(Boolean).map((x) => x.split(':'));
  const ishoj = logins.find((l) => l[0] === 'visitator.ishoj');
  const aalborg = logins.find((l) => l[0] === 'visitator.aalborg');
  if (!url || !ishoj || !aalborg) {
    t.ok(false, 'complaints: the demo database and its Ishøj and Aalborg visitators', 'GENOP_DEMO_URL or a login missing');
    return;
  }
  await testComplaintForm(t, url, ishoj);
  await testAppeal(t, url, aalborg);
}
