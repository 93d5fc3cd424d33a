// admission.mjs - a hospital admission on the case page (genop's own
// `admitted` event; docs/evaluation.md), in Skive, whose standard says
// "Udebliver eller indlægges borgeren, kan genoptræningen afsluttes", on
// `genop demo`'s database (GENOP_DEMO_URL, the visitator.skive login in
// GENOP_DEMO_LOGINS). A case made through the API (referral, grant, one
// session) gets its admission through the page's "Indlæggelse" form: an
// admission dated before the referral is refused with the API's reason
// beside the date field; a valid one is in the timeline with its note,
// and the attendance section and the page's warning say "Borgeren blev
// indlagt DD.MM.ÅÅÅÅ under forløbet: forløbet skal revurderes" with
// Skive's source, as the API's evaluation says (status review, one
// admission); no reached review limit is claimed. The standard's page
// lists the admission rule under Fremmøde. Axe and screenshots at both
// sizes, nothing wider than the window. The test.mjs helpers come in `t`.

import { ApiClient, GRANT, isoDaysAgo } from './seed.mjs';

const SOURCE = 'Skive, Kommunens kvalitetsmål og leverancesikkerhed';

// A Skive case in training: referral 20 days ago, granted, one session.
async function makeCase(api) {
  const id = (await api.must('POST', '/api/v1/cases', {
    citizen: { cpr: '2802401357', name: 'Kaj Indlagt', address: 'Eksempelvej 1, 7800 Skive', phone: '97000000' },
    referral: { date: isoDaysAgo(20), paragraph: '86.1', source: 'egen læge', condition: 'hofte', consent: true },
  })).id;
  await api.must('POST', `/api/v1/cases/${id}/events`, { type: 'decision', date: isoDaysAgo(18), granted: true, grant: GRANT });
  await api.must('POST', `/api/v1/cases/${id}/events`, { type: 'session', date: isoDaysAgo(15), minutes: 45, outcome: 'attended' });
  return id;
}

// The form: a date before the referral refused beside the field, then
// the admission registered with a note.
async function register(t, page, admittedOn) {
  t.ok(await page.locator('#attendance-warning').count() === 0, 'admission: no warning before the admission');
  await page.click('button[data-action=admitted]');
  t.ok(await page.evaluate(() => document.activeElement.id === 'form-admitted-date'), 'admission: the form opens on its date field');
  await page.fill('#form-admitted-date', t.daDate(isoDaysAgo(25)));
  await page.click('#form-admitted button[type=submit]');
  await page.waitForSelector('#form-admitted-date-error:not(:empty)');
  t.ok(/før henvendelsen/.test(await t.text(page, '#form-admitted-date-error')) &&
     await page.getAttribute('#form-admitted-date', 'aria-invalid') === 'true',
  'admission: one before the referral is refused, the reason beside the date');
  await page.fill('#form-admitted-date', t.daDate(admittedOn));
  await page.fill('#form-admitted-text', 'Indlagt med lungebetændelse.');
  await t.navigate(page, () => page.click('#form-admitted button[type=submit]'));
  await page.waitForSelector('#case-flash:not(:empty)');
}

export async function testAdmission(t) {
  const url = process.env.GENOP_DEMO_URL;
  const logins = (process.env.GENOP_DEMO_LOGINS || '').split(',').filter(Boolean).map((x) => x.split(':'));
  const skive = logins.find((l) => l[0] === 'visitator.skive');
  if (!url || !skive) {
    t.ok(false, 'admission: the demo database and its Skive visitator', 'GENOP_DEMO_URL or the login missing');
    return;
  }
  const api = new ApiClient(url);
  await api.login(skive[0], skive[1]);
  const id = await makeCase(api);
  const admittedOn = isoDaysAgo(10);
  const sentence = `Borgeren blev indlagt ${t.daDate(admittedOn)} under forløbet: forløbet skal revurderes.`;
  for (const size of t.SIZES) {
    const { context, page } = await t.newPage(size);
    await t.load(page, `${url}/#/sag/${id}`);
    await t.login(page, skive[0], skive[1]);
    if (size === t.SIZES[0]) await register(t, page, admittedOn);
    const warning = await t.text(page, '#attendance-warning');
    t.ok(warning.includes(sentence) && warning.includes(`Kilde: ${SOURCE}`) && !/grænsen for fremmøde er nået/.test(warning),
      `admission (${size.name}): the page's warning names the admission and Skive's source, not the review limit`, warning);
    const section = await t.text(page, '#admissions');
    t.ok(section.includes(sentence) && section.includes(SOURCE), `admission (${size.name}): the attendance section says it`, section);
    const timeline = await t.text(page, '#timeline');
    t.ok(timeline.includes('Indlagt på sygehus') && timeline.includes('Indlagt med lungebetændelse.'),
      `admission (${size.name}): the timeline names the event and keeps its note`, timeline);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    t.ok(overflow <= 0, `admission (${size.name}): nothing wider than the window`, overflow);
    await t.shot(page, `sag-indlagt-${size.name}`);
    await t.axe(page, `Sagen with an admission (${size.name})`);
    t.noProblems(page, `admission (${size.name})`);
    await context.close();
  }
  const att = (await api.must('GET', `/api/v1/cases/${id}`)).evaluation.attendance;
  t.ok(att.status === 'review' && att.admissions === 1 && att.last_admission === admittedOn && att.no_shows === 0 &&
     att.admission_source === SOURCE, 'admission: the API\'s evaluation says the same', att);

  const { context, page } = await t.newPage();
  await t.load(page, `${url}/#/kvalitetsstandard`);
  await t.login(page, skive[0], skive[1]);
  await page.waitForSelector('#std-attendance li[data-rule="admission"]');
  const rule = await t.text(page, '#std-attendance li[data-rule="admission"]');
  t.ok(rule.includes('Indlæggelse under forløbet') && rule.includes('tages forløbet op til revurdering') &&
     rule.includes('»Udebliver eller indlægges borgeren, kan genoptræningen afsluttes.«') && rule.includes(`Kilde: ${SOURCE}`),
  'admission: Skive\'s standard page lists the admission rule with its source', rule);
  t.noProblems(page, 'Kvalitetsstandard Skive');
  await context.close();
}
