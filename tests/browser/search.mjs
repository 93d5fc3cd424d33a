// search.mjs - finding citizens and cases in the web app (issue 12): the
// search field in the header of every screen (a labelled role=search
// form, used with the keyboard alone), its results page telling two
// Bent Kristensens apart by birth date, case number, paragraph and
// status; a search by CPR number with the dash; "ent" finding nothing;
// another municipality's citizen never shown; the API's refusal beside
// the field; the text never in the address, gone after a reload and at
// logout; the case list paged and filtered by status and paragraph, the
// filters in the address; a leder finding a citizen's access log by a
// search (name, birth date, case numbers), and the log naming the search;
// an admin's header search going to the access log. Axe and screenshots
// of each screen at 1366x768 and 390x844, nothing wider than the window.
// Runs against test.mjs's server (Rødovre and Aalborg) after every other
// test, since it adds cases. The test.mjs helpers come in `t`.

import { ApiClient, isoDaysAgo } from './seed.mjs';

function referral(cpr, name, days, paragraph = '86.1') {
  return {
    citizen: { cpr, name, address: 'Rødovre Parkvej 150, 2610 Rødovre' },
    referral: { date: isoDaysAgo(days), paragraph, source: 'egen læge', condition: 'knæ', consent: true },
  };
}

// Two Bent Kristensens (one with two cases), a refused case, and enough
// cases for a second page of Sager.
async function makeCases(t) {
  const api = new ApiClient(t.BASE);
  await api.login(t.USERS.rodovre.visitator, t.PASSWORD);
  const add = async (body) => (await api.must('POST', '/api/v1/cases', body)).id;
  const bent1 = await add(referral('0303421234', 'Bent Kristensen', 12));
  const bent2 = await add(referral('1710581234', 'Bent Kristensen', 6, '86.2'));
  const bent1b = await add(referral('030342-1234', 'Bent Kristensen', 2));
  await api.must('POST', `/api/v1/cases/${bent2}/events`, { type: 'decision', date: isoDaysAgo(5), granted: false,
    reasons: [{ criterion: 'other', text: 'Ikke behov for træning.' }] });
  for (let i = 0; i < 48; i++) {
    const day = String((i % 28) + 1).padStart(2, '0');
    await add(referral(`${day}0170${1000 + i}`, `Side Testesen ${i + 1}`, 1));
  }
  const aal = new ApiClient(t.BASE);
  await aal.login(t.USERS.aalborg.visitator, t.PASSWORD);
  const other = (await aal.must('POST', '/api/v1/cases', referral('0303421234', 'Bent Kristensen', 3))).id;
  return { bent1, bent2, bent1b, other };
}

const rowsOf = (page, sel) => page.$$eval(`${sel} tbody tr`, (trs) => trs.map((tr) =>
  Object.fromEntries([...tr.querySelectorAll('td')].map((td) => [td.dataset.label, td.innerText.trim()]))));

const overflow = (page) => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);

// Types text into the header's field and submits it with Enter.
async function headerSearch(t, page, text) {
  await page.fill('#site-search-q', text);
  return t.navigate(page, () => page.press('#site-search-q', 'Enter'));
}

async function testHeaderAndResults(t, ids, size) {
  const { context, page } = await t.newPage(size);
  await t.load(page, t.BASE + '/');
  await t.login(page, t.USERS.rodovre.visitator);
  const tag = size.name;
  for (const hash of ['#/', '#/sager', `#/sag/${ids.bent1}`, '#/kvalitetsstandard', '#/ny-henvendelse']) {
    await t.navigate(page, () => page.evaluate((h) => { location.hash = h; }, hash));
    const field = await page.evaluate(() => {
      const input = document.getElementById('site-search-q');
      const form = input && input.closest('form');
      return input && form && form.getAttribute('role') === 'search' && input.labels.length === 1 &&
        input.labels[0].textContent === 'Søg efter borger eller sag' && input.offsetParent !== null;
    });
    t.ok(field, `search (${tag}): a labelled search form in the header on ${hash}`);
  }
  // The keyboard alone: Tab from the skip link reaches the field.
  await t.navigate(page, () => page.evaluate(() => { location.hash = '#/'; }));
  await page.focus('.skip-link');
  let reached = false;
  for (let i = 0; i < 20 && !reached; i++) {
    await page.keyboard.press('Tab');
    reached = await page.evaluate(() => document.activeElement && document.activeElement.id === 'site-search-q');
  }
  t.ok(reached, `search (${tag}): the header's field is reached with Tab`);
  await page.keyboard.type('ben kri');
  const r = await t.navigate(page, () => page.keyboard.press('Enter'));
  t.ok(r.view === 'soeg' && page.url().endsWith('#/soeg'), `search (${tag}): Enter shows the results at #/soeg, no text in the address`, page.url());
  const rows = await rowsOf(page, '#search-results');
  const bents = rows.filter((x) => x.Borger.startsWith('Bent Kristensen'));
  const want = [[ids.bent1b, '03.03.1942', '§ 86, stk. 1', 'Henvist'], [ids.bent2, '17.10.1958', '§ 86, stk. 2', 'Afslag'],
    [ids.bent1, '03.03.1942', '§ 86, stk. 1', 'Henvist']];
  t.ok(JSON.stringify(bents.map((x) => [Number(x.Sag), x['Født'], x.Paragraf, x.Status])) === JSON.stringify(want) &&
     !rows.some((x) => Number(x.Sag) === ids.other),
  `search (${tag}): "ben kri" lists the two Bent Kristensens apart (case, birth date, paragraph, status), not Aalborg's`, rows);
  t.ok((await t.text(page, '#search-count')).includes('fundet for »ben kri«'), `search (${tag}): the count names the search`);
  t.ok(await overflow(page) <= 0, `search (${tag}): nothing wider than the window`);
  await t.shot(page, `soeg-${tag}`);
  await t.axe(page, `Søgning (${tag})`);
  if (size.name === '1366') await moreSearches(t, page, ids);
  t.noProblems(page, `search (${tag})`);
  await context.close();
}

async function moreSearches(t, page, ids) {
  await headerSearch(t, page, '030342-1234');
  let rows = await rowsOf(page, '#search-results');
  t.ok(JSON.stringify(rows.map((x) => Number(x.Sag))) === JSON.stringify([ids.bent1b, ids.bent1]),
    'search: a CPR number with the dash finds that citizen\'s two cases', rows);
  await headerSearch(t, page, 'ent');
  t.ok(await page.locator('#search-results').count() === 0 &&
     (await t.text(page, 'main .empty')) === 'Ingen sager passer til søgningen.', 'search: "ent" finds nothing');
  await headerSearch(t, page, 'Anne Aalborg');
  t.ok(await page.locator('#search-results').count() === 0, 'search: another municipality\'s citizen is not found');
  await headerSearch(t, page, '  ');
  t.ok(/Skriv et navn, et CPR-nummer eller et sagsnummer/.test(await t.text(page, '#search-q-error')) &&
     await page.getAttribute('#search-q', 'aria-invalid') === 'true',
  'search: an empty search shows the API\'s reason beside the field');
  await t.shot(page, 'soeg-fejl-1366');
  await t.axe(page, 'Søgning with an error (1366)');
  // The page's own field; a result opens its case; back shows the results.
  await page.fill('#search-q', 'bent KRISTENSEN');
  await t.navigate(page, () => page.press('#search-q', 'Enter'));
  await t.navigate(page, () => page.click(`#search-results a[href="#/sag/${ids.bent2}"]`));
  t.ok((await t.text(page, 'h1')).startsWith('Bent Kristensen') &&
     await page.inputValue('#site-search-q') === 'bent KRISTENSEN', 'search: a result opens its case; the header keeps the text');
  await t.navigate(page, () => page.goBack());
  t.ok(await page.locator(`#search-results a[href="#/sag/${ids.bent2}"]`).count() === 1, 'search: back shows the results again');
  await page.reload();
  await page.waitForSelector('#search-count');
  t.ok((await t.text(page, '#search-count')) === 'Skriv, hvad du søger efter.' && await page.inputValue('#site-search-q') === '',
    'search: after a reload the text is gone (memory only)');
  t.ok(await page.evaluate(() => localStorage.length === 0 && sessionStorage.length === 0),
    'search: nothing in local or session storage');
}

async function testCaseList(t, _ids, size) {
  const { context, page } = await t.newPage(size);
  // All cases: testAssign gave the visitator cases of their own (Mine sager).
  await t.load(page, t.BASE + '/#/sager/alle');
  await t.login(page, t.USERS.rodovre.visitator);
  const tag = size.name;
  const count = await t.text(page, '#cases-count');
  const total = Number((/^(\d+) sager\.$/.exec(count) || [])[1]);
  const range = await t.text(page, 'nav.pager >> nth=0 >> p');
  t.ok(total > 50 && range === `Viser 1–50 af ${total}` && await page.locator('#cases tbody tr').count() === 50,
    `Sager (${tag}): the first 50 open cases and the total`, { count, range });
  await t.shot(page, `sager-${tag}`);
  await t.axe(page, `Sager, paged (${tag})`);
  if (size.name === '1366') {
    await t.navigate(page, () => page.locator('nav.pager a[rel=next]').first().click());
    t.ok(page.url().endsWith('#/sager/alle?side=2') && (await t.text(page, 'nav.pager >> nth=0 >> p')) === `Viser 51–${total} af ${total}` &&
       await page.locator('#cases tbody tr').count() === total - 50,
    'Sager: the next page, in the address', page.url());
    await page.focus('#filter-status');
    await page.selectOption('#filter-status', 'refused');
    await page.waitForFunction(() => document.getElementById('cases-count').textContent === '1 sag.');
    const rows = await rowsOf(page, '#cases');
    t.ok(page.url().endsWith('#/sager/alle?status=refused') && rows.length === 1 && rows[0].Status === 'Afslag' &&
       await page.evaluate(() => document.activeElement.id === 'filter-status'),
    'Sager: filtered by status (Afslag), from the first page, the focus kept on the filter', { url: page.url(), rows });
    await page.selectOption('#filter-paragraph', '86.1');
    await page.waitForFunction(() => /Ingen sager/.test(document.getElementById('cases-count').textContent));
    t.ok(page.url().endsWith('#/sager/alle?status=refused&paragraph=86.1'), 'Sager: and by paragraph', page.url());
    await page.reload();
    await page.waitForSelector('#cases-count:not(:empty)');
    t.ok(await page.inputValue('#filter-status') === 'refused' && await page.inputValue('#filter-paragraph') === '86.1',
      'Sager: a reload keeps the filters (from the address)');
    await page.selectOption('#filter-status', 'closed');
    await page.selectOption('#filter-paragraph', '');
    await page.waitForSelector('#cases tbody tr');
    const closed = await rowsOf(page, '#cases');
    t.ok(closed.length > 0 && closed.every((x) => x.Status === 'Afsluttet'), 'Sager: the closed cases', closed);
    await t.shot(page, 'sager-filtreret-1366');
    await t.axe(page, 'Sager, filtered (1366)');
  }
  t.ok(await overflow(page) <= 0, `Sager (${tag}): nothing wider than the window`);
  t.noProblems(page, `Sager (${tag})`);
  await context.close();
}

async function testAccessLog(t, ids, size) {
  const tag = size.name;
  const { context, page } = await t.newPage(size);
  await t.load(page, t.BASE + '/#/adgangslog');
  await t.login(page, t.USERS.rodovre.leder);
  await page.fill('#log-search', 'kristensen b');
  await t.navigate(page, () => page.press('#log-search', 'Enter'));
  const hits = await rowsOf(page, '#log-hits');
  t.ok(page.url().endsWith('#/adgangslog/soeg') && hits.length === 2 &&
     hits[0]['Født'] === '03.03.1942' && hits[0].Sager === `sager ${ids.bent1b} og ${ids.bent1}` &&
     hits[1]['Født'] === '17.10.1958' && hits[1].Sager === `sag ${ids.bent2}`,
  `Adgangslog (${tag}): a leder's search lists the citizens with birth dates and case numbers`, hits);
  await t.shot(page, `adgangslog-soeg-${tag}`);
  await t.axe(page, `Adgangslog, search (${tag})`);
  await t.navigate(page, () => page.locator('#log-hits a').first().click());
  const caption = await t.text(page, '#accesslog caption');
  const log = await rowsOf(page, '#accesslog');
  t.ok(caption === 'Adgangslog for Bent Kristensen, født 03.03.1942, nyeste først' &&
     log.some((x) => x.Handling === 'Så borgeren i et søgeresultat (adgangslog)' &&
       x['Formål'] === 'kontrol af adgang til personoplysninger: søgning på navn "kristensen b"') &&
     /#\/adgangslog\/\d+$/.test(page.url()),
  `Adgangslog (${tag}): the log opened from the search names the citizen and the search`, { caption, log: log.slice(0, 4) });
  if (size.name === '1366') {
    t.ok(log.some((x) => x.Handling === 'Så borgeren i et søgeresultat' && x['Formål'] === 'søgning på navn "ben kri"'),
      'Adgangslog: the visitator\'s search is in the log', log.slice(0, 8));
  }
  await t.shot(page, `adgangslog-borger-${tag}`);
  await t.axe(page, `Adgangslog of a searched citizen (${tag})`);
  t.ok(await overflow(page) <= 0, `Adgangslog (${tag}): nothing wider than the window`);
  t.noProblems(page, `Adgangslog search (${tag})`);
  await context.close();

  const { context: c2, page: p2 } = await t.newPage(size);
  await t.load(p2, t.BASE + '/');
  await t.login(p2, t.USERS.rodovre.admin);
  t.ok(await p2.evaluate(() => document.getElementById('site-search-q').labels[0].textContent) === 'Søg efter borger (adgangslog)',
    `admin (${tag}): the header's search finds citizens for the access log`);
  await headerSearch(t, p2, '0303421234');
  const adminHits = await rowsOf(p2, '#log-hits');
  t.ok(p2.url().endsWith('#/adgangslog/soeg') && adminHits.length === 1 && adminHits[0].Borger === 'Bent Kristensen',
    `admin (${tag}): by CPR number, one citizen`, adminHits);
  await t.shot(p2, `adgangslog-admin-${tag}`);
  await t.axe(p2, `Adgangslog, admin's search (${tag})`);
  // Logging out forgets the search.
  await t.navigate(p2, () => p2.click('#logout'));
  await t.login(p2, t.USERS.rodovre.admin);
  t.ok(await p2.inputValue('#site-search-q') === '', `admin (${tag}): logging out forgets the search`);
  t.noProblems(p2, `admin search (${tag})`);
  await c2.close();
}

export async function testSearch(t) {
  const ids = await makeCases(t);
  for (const size of t.SIZES) {
    for (const step of [testHeaderAndResults, testCaseList, testAccessLog]) {
      try {
        await step(t, ids, size);
      } catch (err) {
        t.ok(false, `search: ${step.name} (${size.name})`, err && err.stack ? err.stack : String(err));
      }
    }
  }
}
