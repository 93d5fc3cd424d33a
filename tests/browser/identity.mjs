// identity.mjs - the citizen's identity in the browser (shared/spec/api.md;
// web/views/referral.js), on run.sh's server (Rødovre's visitator) with a
// citizen made here through the API:
// - a referral with the citizen's CPR number and another name shows the
//   question with both names side by side (the stored and the typed),
//   focus on it; "Tilbage til formularen" returns to the filled form;
//   "Opdatér navnet og opret sagen" stores the new name and opens the
//   new case, under the new name;
// - a referral for the same paragraph and condition as the citizen's open
//   case is registered with a warning naming that case, with a link to it
//   and to the new case, focus on the confirmation;
// - a referral by someone else without consent gets the API's reason
//   beside the consent box; one by the citizen themselves needs none, and
//   its contact person and exemption from Digital Post are on the case.
// Axe and screenshots (1366x768 and 390x844) of each screen, nothing
// wider than the window. The test.mjs helpers come in `t`.

import { ApiClient, isoDaysAgo } from './seed.mjs';

const CPR = '2203481234';
const wide = (page) => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
const focused = (page) => page.evaluate(() => document.activeElement && document.activeElement.id);

async function seedCitizen(t) {
  const api = new ApiClient(t.BASE);
  await api.login(t.USERS.rodovre.visitator, t.PASSWORD);
  const id = (await api.must('POST', '/api/v1/cases', {
    citizen: { cpr: CPR, name: 'Ib Identitet' },
    referral: { date: isoDaysAgo(8), paragraph: '86.1', source: 'egen læge', condition: 'skulder', consent: true },
  })).id;
  return { api, id };
}

async function openForm(t, size) {
  const { context, page } = await t.newPage(size);
  await t.load(page, `${t.BASE}/#/ny-henvendelse`);
  await t.login(page, t.USERS.rodovre.visitator);
  await page.waitForSelector('#referral-form');
  return { context, page };
}

async function fill(page, t, { cpr, name, condition, consent = true }) {
  await page.fill('#ref-cpr', cpr);
  await page.fill('#ref-name', name);
  await page.fill('#ref-source', 'egen læge');
  if (consent) await page.check('#ref-consent');
  await page.check('#ref-paragraph-0');
  await page.fill('#ref-condition', condition);
  await page.fill('#ref-date', t.daDate(isoDaysAgo(1)));
}

// The 409's question, going back once, then updating the name.
async function nameConflict(t, size, stored, typed, condition) {
  const { context, page } = await openForm(t, size);
  await fill(page, t, { cpr: CPR, name: typed, condition });
  await page.click('#referral-form button[type=submit]');
  await page.waitForSelector('#identity-question');
  const shown = { stored: await t.text(page, '#identity-stored'), typed: await t.text(page, '#identity-typed') };
  t.ok(shown.stored === stored && shown.typed === typed && await focused(page) === 'identity-title'
    && /Borgeren er kendt under et andet navn/.test(await t.text(page, '#identity-title')),
  `identity (${size.name}): a known CPR number with another name shows both names side by side, focus on the question`, shown);
  t.ok(await page.locator('#identity-update').innerText() === 'Opdatér navnet og opret sagen'
    && await page.locator('#referral-form').count() === 0,
  `identity (${size.name}): the question asks whether to update the name, in place of the form`);
  t.ok(await wide(page) <= 0, `identity (${size.name}): the question fits the window`, await wide(page));
  await t.shot(page, `henvendelse-navnekonflikt-${size.name}`);
  await t.axe(page, `Ny henvendelse: the name conflict (${size.name})`);
  await page.click('#identity-back');
  await page.waitForSelector('#referral-form');
  t.ok(await focused(page) === 'ref-name' && await page.inputValue('#ref-name') === typed,
    `identity (${size.name}): going back shows the filled form, focus on the name`);
  await page.click('#referral-form button[type=submit]');
  await page.waitForSelector('#identity-question');
  const nav = await t.navigate(page, () => page.click('#identity-update'));
  t.ok(nav.view === 'sag' && (await t.text(page, 'h1')).startsWith(typed),
    `identity (${size.name}): updating the name opens the new case under the new name`, await t.text(page, 'h1'));
  t.noProblems(page, `identity: the name conflict (${size.name})`);
  await context.close();
}

// The warning of an open case of the same paragraph and condition.
async function duplicate(t, size, name, seeded) {
  const { context, page } = await openForm(t, size);
  await fill(page, t, { cpr: CPR, name, condition: 'Skulder' });
  await page.click('#referral-form button[type=submit]');
  await page.waitForSelector('#referral-created');
  const warning = await t.text(page, '#referral-warnings');
  const link = page.locator(`#referral-warnings li[data-case="${seeded}"] a`);
  t.ok(warning.includes(`sag ${seeded}`) && /åben sag/.test(warning) && await link.getAttribute('href') === `#/sag/${seeded}`
    && await focused(page) === 'created-title',
  `identity (${size.name}): a second open case of the same condition is registered with a warning naming and linking the first`, warning);
  t.ok(await wide(page) <= 0, `identity (${size.name}): the confirmation fits the window`, await wide(page));
  await t.shot(page, `henvendelse-advarsel-${size.name}`);
  await t.axe(page, `Ny henvendelse: registered with a warning (${size.name})`);
  const created = (await t.text(page, '#created-title')).match(/sag (\d+)/)[1];
  const nav = await t.navigate(page, () => page.click('#created-open'));
  t.ok(nav.view === 'sag' && page.url().endsWith(`#/sag/${created}`), `identity (${size.name}): the confirmation opens the new case`, page.url());
  t.noProblems(page, `identity: the duplicate warning (${size.name})`);
  await context.close();
}

// Consent, the citizen's own referral, the contact person.
async function consentAndContact(t) {
  const [size] = t.SIZES.filter((s) => s.name === '390');
  const { context, page } = await openForm(t, size);
  await fill(page, t, { cpr: '1712521234', name: 'Karen Kontakt', condition: 'hofte', consent: false });
  await page.click('#referral-form button[type=submit]');
  await page.waitForSelector('#ref-consent-error:not(:empty)');
  t.ok(/samtykke/.test(await t.text(page, '#ref-consent-error')) && await page.getAttribute('#ref-consent', 'aria-invalid') === 'true'
    && await focused(page) === 'ref-consent',
  'identity: a referral by someone else without consent: the API\'s reason beside the consent box', await t.text(page, '#ref-consent-error'));
  await page.check('#ref-who-self');
  t.ok(await page.locator('#ref-source').isHidden() && await page.locator('#ref-consent').isHidden(),
    'identity: the citizen\'s own referral asks neither who referred nor consent');
  await page.fill('#ref-contact_name', 'Lone Kontakt');
  await page.fill('#ref-contact_relation', 'datter');
  await page.fill('#ref-contact_phone', '20304050');
  await page.check('#ref-digital_post_exempt');
  await t.shot(page, `henvendelse-kontaktperson-${size.name}`);
  const nav = await t.navigate(page, () => page.click('#referral-form button[type=submit]'));
  const panel = nav.view === 'sag' ? await t.text(page, 'section[aria-labelledby=sec-citizen]') : '';
  t.ok(/Lone Kontakt \(datter\), tlf\. 20304050/.test(panel) && /Fritaget for Digital Post\s*ja/.test(panel),
    'identity: the case\'s citizen panel shows the contact person and the exemption from Digital Post', panel);
  const referral = nav.view === 'sag' ? await t.text(page, 'section[aria-labelledby=sec-referral]') : '';
  t.ok(/Henvist af\s*borgeren/.test(referral), 'identity: the referral says the citizen referred', referral);
  await t.shot(page, `sag-kontaktperson-${size.name}`);
  await t.axe(page, `Sagen with a contact person (${size.name})`);
  t.noProblems(page, 'identity: consent and contact person');
  await context.close();
}

export async function testIdentity(t) {
  const { api, id } = await seedCitizen(t);
  const names = { '1366': 'Ib Identitet-Holm', '390': 'Ib Holm Identitet' };
  let stored = 'Ib Identitet';
  for (const size of t.SIZES) {
    await nameConflict(t, size, stored, names[size.name], size.name === '1366' ? 'knæ' : 'ryg');
    stored = names[size.name];
    await duplicate(t, size, stored, id);
  }
  const r = await api.must('GET', `/api/v1/cases/${id}`);
  t.ok(r.citizen.name === stored, 'identity: the API has the last confirmed name', r.citizen.name);
  await consentAndContact(t);
}
