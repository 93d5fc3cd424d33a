// criteria.mjs - who can and cannot receive training, and a refusal's
// reasons (shared/spec/letters.md section 1), in Rødovre on the first
// server (GENOP_URL, the rod.visitator login):
// - the decision form: choosing "Afslag" shows "Begrundelse for
//   afslaget", a select of the standard's criteria (the eligibility rules
//   and the target group, each with its section) plus "Anden begrundelse",
//   with the chosen criterion's source beneath it, and a textarea for the
//   individual assessment; a reason left incomplete is named beside its
//   field before anything is sent; a second reason can be added; a
//   criterion the API does not know (one the page offered from a stale
//   standard) gets the API's message beside that reason's select;
// - the refusal sent, the case's timeline shows each reason with its
//   criterion's text, its source and the assessment;
// - the standard's page lists the target group's criteria under "Hvem kan
//   få træning", each with its quote and source.
// Axe and screenshots at 1366x768 and 390x844, nothing wider than the
// window. The test.mjs helpers come in `t`.

import { ApiClient, isoDaysAgo } from './seed.mjs';

const ELSEWHERE = 'Borgeren kan ikke få træning, hvis borgeren vurderes at kunne træne i andet regi.';
const ELSEWHERE_SOURCE = 'Kilde: Rødovre, Hvem kan ikke modtage ydelsen?';

async function newCase(api, cpr, name) {
  const id = (await api.must('POST', '/api/v1/cases', {
    citizen: { cpr, name, address: 'Rødovre Parkvej 150, 2610 Rødovre', phone: '36377000' },
    referral: { date: isoDaysAgo(6), paragraph: '86.1', source: 'egen læge', condition: 'skulder', consent: true },
  })).id;
  await api.must('POST', `/api/v1/cases/${id}/events`, { type: 'contacted', date: isoDaysAgo(5) });
  return id;
}

const fitsWindow = (page) => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);

// The form: Afslag, its reasons, the client's and the API's errors.
async function fillRefusal(t, page, size) {
  await page.waitForSelector('button[data-action=decision]');
  await page.click('button[data-action=decision]');
  t.ok(await page.locator('#form-decision-reasons').isHidden(), `${size}: the reasons are hidden until Afslag is chosen`);
  await page.check('#form-decision-granted-1');
  t.ok(await page.locator('#form-decision-reasons').isVisible(), `${size}: Afslag shows "Begrundelse for afslaget"`);
  const options = await page.$$eval('#form-decision-reasons-0-criterion option', (os) => os.map((o) => [o.value, o.textContent]));
  t.ok(options.some(([v, l]) => v === 'can_train_elsewhere' && l === `${ELSEWHERE} (Hvem kan ikke modtage ydelsen?)`) &&
    options.some(([v]) => v === 'hospital_plan_excludes') && options.at(-1)[0] === 'other' &&
    options.at(-1)[1].startsWith('Anden begrundelse'),
  `${size}: the criteria with their sections, an eligibility rule, and "Anden begrundelse"`, options);
  await page.click('#form-decision button[type=submit]');
  t.ok((await t.text(page, '#form-decision-reasons-0-criterion-error')).includes('Vælg et kriterium') &&
    await page.getAttribute('#form-decision-reasons-0-criterion', 'aria-invalid') === 'true',
  `${size}: a refusal without a criterion is named beside the select, not sent`);
  await page.selectOption('#form-decision-reasons-0-criterion', 'can_train_elsewhere');
  t.ok((await t.text(page, '#form-decision-reasons-0-source')).startsWith(`${ELSEWHERE_SOURCE} – »Borgere som vurderes`),
    `${size}: the chosen criterion's source and words beneath it`);
  await page.click('#form-decision button[type=submit]');
  t.ok((await t.text(page, '#form-decision-reasons-0-text-error')).includes('vurdering'),
    `${size}: a reason without the assessment is named beside the textarea`);
  await page.fill('#form-decision-reasons-0-text', 'Borgeren går til seniorgymnastik to gange om ugen og kan træne skulderen dér.');
  await page.click('#form-decision-reasons-add');
  // A criterion of a stale standard: the API's refusal beside its select.
  await page.evaluate(() => {
    const select = document.querySelector('#form-decision-reasons-1-criterion');
    select.append(new Option('Et gammelt kriterium', 'gammelt_kriterium'));
  });
  await page.selectOption('#form-decision-reasons-1-criterion', 'gammelt_kriterium');
  await page.fill('#form-decision-reasons-1-text', 'Har ved samtalen sagt nej tak til træning.');
  await page.click('#form-decision button[type=submit]');
  await page.waitForFunction(() => document.querySelector('#form-decision-reasons-1-criterion-error').textContent !== '');
  t.ok((await t.text(page, '#form-decision-reasons-1-criterion-error')).includes('ikke et af kriterierne'),
    `${size}: an unknown criterion: the API's message beside that reason's select`);
  await page.selectOption('#form-decision-reasons-1-criterion', 'other');
  await t.axe(page, `the refusal form with two reasons (${size})`);
  await t.shot(page, `criteria-refusal-form-${size}`);
  t.ok(await fitsWindow(page), `${size}: the refusal form fits the window`);
}

async function checkTimeline(t, page, size) {
  const reasons = await page.$$eval('#timeline .refusal-reason', (lis) => lis.map((li) => li.innerText));
  t.ok(reasons.length === 2 && reasons[0].includes(ELSEWHERE) && reasons[0].includes(ELSEWHERE_SOURCE) &&
    reasons[0].includes('seniorgymnastik') && reasons[1].includes('Anden begrundelse') &&
    reasons[1].includes('nej tak til træning'),
  `${size}: the timeline shows each reason with its criterion, source and assessment`, reasons);
  await t.axe(page, `a case with a refusal and its reasons (${size})`);
  await page.locator('#timeline .refusal-reasons').scrollIntoViewIfNeeded();
  await t.shot(page, `criteria-refusal-case-${size}`);
  t.ok(await fitsWindow(page), `${size}: the case page fits the window`);
}

async function checkStandardPage(t, page, size) {
  await t.navigate(page, () => page.evaluate(() => { location.hash = '#/kvalitetsstandard'; }));
  await page.waitForSelector('#std-criteria');
  const item = await t.text(page, '#std-criteria li[data-criterion=can_train_elsewhere]');
  t.ok(item.includes(ELSEWHERE) && item.includes(ELSEWHERE_SOURCE) &&
    item.includes('»Borgere som vurderes at kunne træne i andet regi«'),
  `${size}: the standard's page lists the target group's criteria with words and source`, item);
  t.ok((await t.text(page, '#std-betingelser')).includes('Målgruppen: betingelser, som visitator vurderer'),
    `${size}: under "Hvem kan få træning"`);
  await t.axe(page, `the standard's criteria (${size})`);
  await page.locator('#std-criteria').scrollIntoViewIfNeeded();
  await t.shot(page, `criteria-standard-${size}`);
}

export async function testCriteria(t) {
  const api = new ApiClient(t.BASE);
  await api.login(t.USERS.rodovre.visitator, t.PASSWORD);
  const cprs = ['2811501239', '2811501247'];
  for (const [i, size] of t.SIZES.entries()) {
    const id = await newCase(api, cprs[i], `Rita Afslag ${size.name}`);
    const { context, page } = await t.newPage(size);
    await t.load(page, `${t.BASE}/#/sag/${id}`);
    await t.login(page, t.USERS.rodovre.visitator);
    await fillRefusal(t, page, size.name);
    await t.navigate(page, () => page.click('#form-decision button[type=submit]'));
    await checkTimeline(t, page, size.name);
    const stored = (await api.must('GET', `/api/v1/cases/${id}`)).events.find((e) => e.type === 'decision');
    t.ok(stored && stored.granted === false && stored.reasons.length === 2 &&
      stored.reasons[0].criterion === 'can_train_elsewhere' && stored.reasons[1].criterion === 'other',
    `${size.name}: the refusal was stored with both reasons`, stored);
    await checkStandardPage(t, page, size.name);
    t.noProblems(page, `criteria (${size.name})`);
    await context.close();
  }
}
