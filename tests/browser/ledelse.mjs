// ledelse.mjs - Ledelsesinformation (views/ledelse.js, ledelse_promise.js,
// svgchart.js) on `genop demo`'s database (GENOP_DEMO_URL), as Aalborg's
// leder (GENOP_DEMO_LEDERS) and visitator (GENOP_DEMO_LOGINS):
// - the leder has "Ledelsesinformation" in the menu, and a deep link
//   (#/ledelse) survives the login; a visitator has no menu item and is
//   told the page is not there;
// - for the page's own choice, every number matches GET /api/v1/report
//   for the same query: the overview table's row per promise, each
//   promise's tiles, its month table and chart (a bar per month with a
//   share, heights in proportion), its waiting-time table (the
//   histogram, value by value) and chart, its open deadlines table and
//   chart (nine bars, heights in proportion to the counts); every chart
//   an <svg role="img"> named by its <title> and <desc>, every table
//   with a caption and th scope;
// - the paragraph changed (§ 86, stk. 2): the address says so, and the
//   numbers are the API's for ?paragraph=86.2; a reload keeps the choice;
// - a quick choice ("Seneste hele måned") sets the period and the address;
//   a period without deadlines says so in Danish; a date that is no date
//   is refused beside its field, and the API's refusal (an end before the
//   start) is shown beside "Til og med";
// - the workbook link answers 200 with the XLSX content type;
// - axe (no serious or critical violation), no console error, nothing
//   wider than the window, screenshots ledelse-1366 and ledelse-390 (and
//   ledelse-86-2-*). The test.mjs helpers come in t.

import { ApiClient } from './seed.mjs';

const wide = (page) => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
const num = (n) => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, '.');
const pct = (s) => (s === null || s === undefined ? '–' : `${String(Math.round(s * 1000) / 10).replace('.', ',')} %`);
const key = (d) => `${d.id}-${d.paragraph}`.replace(/[^A-Za-z0-9_-]/g, '-');

function demoLogin(variable, name) {
  return (process.env[variable] || '').split(',').filter(Boolean).map((x) => x.split(':')).find((l) => l[0] === name);
}

// The API query of the page's current choice (the workbook link's).
async function pageQuery(page) {
  const href = await page.getAttribute('#ledelse-xlsx', 'href');
  return href.slice(href.indexOf('?') + 1);
}

// Waits until the page has shown the numbers of a new choice.
async function settled(page) {
  await page.waitForFunction(() => {
    const r = document.getElementById('ledelse-results');
    return r && !r.hasAttribute('aria-busy') && !/Henter/.test(document.getElementById('ledelse-status').textContent);
  }, null, { timeout: 10000 });
}

// The cells of table sel as text, row by row (th and td).
const tableRows = (page, sel) => page.$$eval(`${sel} tbody tr`, (trs) => trs.map((tr) =>
  [...tr.children].map((c) => c.textContent.trim())));

// Bars of chart id: the heights of its bars with a value, in order.
const barHeights = (page, id) => page.$$eval(`#${id} rect.chart-bar`, (rs) => rs.map((r) => Number(r.getAttribute('height'))));

// Every chart is named by its title and desc; every table has a caption
// and scoped headers: the problems found.
function accessibleCharts(page) {
  return page.evaluate(() => {
    const bad = [];
    for (const s of document.querySelectorAll('#ledelse-results svg')) {
      const ids = (s.getAttribute('aria-labelledby') || '').split(' ');
      const title = document.getElementById(ids[0]);
      const desc = document.getElementById(ids[1]);
      if (s.getAttribute('role') !== 'img' || !title || title.tagName !== 'title' || !desc || desc.tagName !== 'desc' ||
          !title.textContent.trim() || !desc.textContent.trim()) bad.push(s.id);
    }
    for (const t of document.querySelectorAll('#ledelse-results table')) {
      if (!t.caption || !t.caption.textContent.trim() || [...t.querySelectorAll('th')].some((th) => !th.getAttribute('scope'))) bad.push(t.id);
    }
    return bad;
  });
}

// True when heights are in proportion to values (the bars with a value > 0).
function proportional(heights, values) {
  const pairs = values.map((v, i) => [v, heights[i]]).filter(([v]) => v > 0);
  if (pairs.length === 0) return true;
  const unit = pairs[0][1] / pairs[0][0];
  return pairs.every(([v, hgt]) => Math.abs(hgt - v * unit) < 0.6);
}

// One promise's card against its report row r and open row o.
async function checkPromise(t, page, report, r, o, label) {
  const k = key(r || o);
  const problems = [];
  if (r) {
    const tiles = await page.$$eval(`#promise-${k} .kpis > div`, (ds) => Object.fromEntries(ds.map((d) => [d.dataset.kpi, d.querySelector('dd').textContent])));
    if (tiles.met !== num(r.met) || tiles.late !== num(r.late) || tiles.overdue !== num(r.overdue) || tiles.pending !== num(r.pending) ||
        (r.share_met !== null && !tiles.share.startsWith(pct(r.share_met)))) problems.push(`tiles ${JSON.stringify(tiles)}`);
    const months = report.months.map((m) => [m.month, m.deadlines.find((d) => d.id === r.id && d.paragraph === r.paragraph)]).filter(([, d]) => d);
    const rows = await tableRows(page, `#months-${k}`);
    const want = months.map(([, d]) => [num(d.met), num(d.late), num(d.overdue), num(d.pending), pct(d.share_met)]);
    if (JSON.stringify(rows.map((x) => x.slice(1))) !== JSON.stringify(want)) problems.push(`months ${JSON.stringify(rows)} != ${JSON.stringify(want)}`);
    const shares = months.map(([, d]) => d.share_met).filter((s) => s !== null);
    const heights = await barHeights(page, `chart-months-${k}`);
    if (heights.length !== shares.length || !proportional(heights, shares)) problems.push(`month bars ${heights} for ${shares}`);
    const unit = (await page.textContent(`#h-wait-${k}`)).includes('hverdage') ? 'workdays' : 'days';
    const hist = r[`${unit}_histogram`];
    if (hist.length) {
      const wait = await tableRows(page, `#wait-${k}`);
      const wantWait = hist.map((x) => [num(x[unit]), num(x.count)]);
      if (JSON.stringify(wait.map((x) => x.slice(0, 2))) !== JSON.stringify(wantWait)) problems.push(`wait ${JSON.stringify(wait)} != ${JSON.stringify(wantWait)}`);
      const total = (await barHeights(page, `chart-wait-${k}`)).length;
      if (total === 0) problems.push('no waiting-time bars');
    } else if (!(await page.textContent(`#promise-${k}`)).includes('ingen ventetider')) problems.push('no empty waiting time');
  }
  if (o) {
    const rows = await tableRows(page, `#open-${k}`);
    if (JSON.stringify(rows.map((x) => x[1])) !== JSON.stringify(o.buckets.map((b) => num(b.count)))) problems.push(`open ${JSON.stringify(rows)}`);
    const heights = await barHeights(page, `chart-open-${k}`);
    const counts = o.buckets.map((b) => b.count);
    if (heights.length !== 9 || !proportional(heights, counts) || heights.some((hgt, i) => (hgt > 0) !== (counts[i] > 0))) {
      problems.push(`open bars ${heights} for ${counts}`);
    }
  }
  t.ok(problems.length === 0, `ledelse ${label}: ${(r || o).id} ${(r || o).paragraph}: the card's numbers and charts are the API's`, problems.join('\n'));
}

// The page against the API's report for the page's own choice.
async function checkAgainstApi(t, page, api, label) {
  await settled(page);
  const query = await pageQuery(page);
  const report = await api.must('GET', `/api/v1/report?${query}`);
  const overview = await tableRows(page, '#ledelse-overview');
  const want = report.deadlines.map((d) => [num(d.met), num(d.late), num(d.overdue), num(d.pending), pct(d.share_met)]);
  t.ok(report.deadlines.length > 0 && JSON.stringify(overview.map((x) => x.slice(2, 7))) === JSON.stringify(want),
    `ledelse ${label}: the overview has the API's row per promise (${query})`, overview, want);
  const counts = await page.$$eval('#ledelse-counts dd', (dds) => dds.map((d) => d.textContent));
  t.ok(JSON.stringify(counts) === JSON.stringify([report.cases.referrals, report.cases.granted, report.cases.refused, report.cases.closed,
    report.attendance.sessions, report.attendance.no_shows, report.attendance.citizen_cancellations].map(num)),
  `ledelse ${label}: the cases and sessions are the API's`, counts);
  const keys = new Set([...report.deadlines, ...report.open_by_due].map(key));
  t.ok(await page.locator('section.promise').count() === keys.size, `ledelse ${label}: a card per promise`, [...keys]);
  for (const k of keys) {
    const r = report.deadlines.find((d) => key(d) === k) || null;
    const o = report.open_by_due.find((d) => key(d) === k) || null;
    await checkPromise(t, page, report, r, o, label);
  }
  const bad = await accessibleCharts(page);
  const charts = await page.locator('#ledelse-results svg[role="img"]').count();
  t.ok(bad.length === 0 && charts >= keys.size, `ledelse ${label}: ${charts} charts named by title and desc, every table captioned with scoped headers`, bad);
  return report;
}

async function testLeder(t, url, leder, size) {
  const api = new ApiClient(url);
  await api.login(leder[0], leder[1]);
  const { context, page } = await t.newPage(size);
  await t.load(page, `${url}/#/ledelse`);
  const nav = await t.login(page, leder[0], leder[1]);
  t.ok(nav.view === 'ledelse' && await t.text(page, 'h1') === 'Ledelsesinformation' &&
     await page.getAttribute('#nav a[href="#/ledelse"]', 'aria-current') === 'page',
  `ledelse (${size.name}): the deep link survives the login, the menu item marked`, nav);
  await checkAgainstApi(t, page, api, `(${size.name})`);
  await t.axe(page, `Ledelsesinformation (${size.name})`);
  await t.shot(page, `ledelse-${size.name}`);
  t.ok(await wide(page) <= 0, `ledelse (${size.name}): nothing wider than the window`);
  const xlsx = await context.request.get(`${url}${await page.getAttribute('#ledelse-xlsx', 'href')}`);
  t.ok(xlsx.status() === 200 && xlsx.headers()['content-type'] === 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    `ledelse (${size.name}): the workbook link answers 200 with the XLSX type`, xlsx.status(), xlsx.headers()['content-type']);
  if (size.name === '1366') await testChoices(t, page, api);
  t.noProblems(page, `ledelse (${size.name})`);
  await context.close();
}

async function testChoices(t, page, api) {
  await page.focus('#ledelse-paragraph');
  await page.selectOption('#ledelse-paragraph', '86.2');
  await settled(page);
  t.ok(page.url().includes('paragraf=86.2') && await page.evaluate(() => document.activeElement.id === 'ledelse-paragraph'),
    'ledelse: the paragraph is in the address, the focus stays on its field', page.url());
  const r = await checkAgainstApi(t, page, api, '§ 86, stk. 2');
  t.ok(r.paragraph === '86.2' && r.deadlines.every((d) => d.paragraph === '86.2'), 'ledelse: the API report is of § 86, stk. 2');
  await t.shot(page, 'ledelse-86-2-1366');
  const before = await page.inputValue('#ledelse-from');
  await page.reload();
  await page.waitForSelector('#ledelse-results');
  await settled(page);
  t.ok(await page.inputValue('#ledelse-paragraph') === '86.2' && await page.inputValue('#ledelse-from') === before,
    'ledelse: a reload keeps the period and the paragraph');

  await page.click('button[data-period="maaned"]');
  await settled(page);
  const q = new URLSearchParams(page.url().split('?')[1]);
  const [y, m] = q.get('fra').split('-').map(Number);
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  t.ok(q.get('fra').endsWith('-01') && q.get('til') === `${q.get('fra').slice(0, 8)}${last}` &&
     await page.getAttribute('button[data-period="maaned"]', 'aria-pressed') === 'true',
  'ledelse: "Seneste hele måned" sets a whole month, in the address', page.url());

  await page.selectOption('#ledelse-paragraph', '');
  await page.fill('#ledelse-from', '01.01.2020');
  await page.fill('#ledelse-to', '31.01.2020');
  await page.click('.ledelse-form button[type=submit]');
  await settled(page);
  t.ok(/Ingen frister forfalder i perioden fra 01\.01\.2020 til 31\.01\.2020/.test(await t.text(page, '#ledelse-empty')) &&
     await page.locator('#ledelse-overview').count() === 0,
  'ledelse: a period without deadlines says so in Danish', await page.textContent('#ledelse-results'));

  await page.fill('#ledelse-from', '31.02.2026');
  await page.click('.ledelse-form button[type=submit]');
  t.ok(/dd\.mm\.åååå/.test(await t.text(page, '#ledelse-from-error')) &&
     await page.evaluate(() => document.activeElement.id === 'ledelse-from'),
  'ledelse: a date that is no date is refused beside its field, which gets the focus');

  await page.fill('#ledelse-from', '01.03.2026');
  await page.fill('#ledelse-to', '01.02.2026');
  await page.click('.ledelse-form button[type=submit]');
  await page.waitForSelector('#ledelse-to-error:not(:empty)');
  const said = await api.request('GET', '/api/v1/report?from=2026-03-01&to=2026-02-01');
  t.ok(said.status === 400 && await t.text(page, '#ledelse-to-error') === said.json.detail &&
     await page.getAttribute('#ledelse-to', 'aria-invalid') === 'true' && await page.isHidden('#ledelse-xlsx'),
  'ledelse: the API\'s refusal (the end before the start) is shown beside "Til og med"', await t.text(page, '#ledelse-to-error'));
  await t.axe(page, 'Ledelsesinformation with a refusal (1366)');
  // The browser reports the 400 the page asked for and handled.
  page.problems = page.problems.filter((p) => !/status of 400/.test(p));
}

async function testVisitator(t, url, vis) {
  const { context, page } = await t.newPage();
  await t.load(page, `${url}/#/ledelse`);
  await t.login(page, vis[0], vis[1]);
  const menu = await page.locator('#nav a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
  t.ok(await t.text(page, 'h1') === 'Siden findes ikke' && !menu.includes('#/ledelse'),
    'ledelse: a visitator has no Ledelsesinformation, and #/ledelse is not there for them', menu);
  t.noProblems(page, 'ledelse: visitator');
  await context.close();
}

export async function testLedelse(t) {
  const url = process.env.GENOP_DEMO_URL;
  const leder = demoLogin('GENOP_DEMO_LEDERS', 'leder.aalborg');
  const vis = demoLogin('GENOP_DEMO_LOGINS', 'visitator.aalborg');
  if (!url || !leder || !vis) {
    t.ok(false, 'ledelse: the demo database and its Aalborg leder and visitator', 'GENOP_DEMO_URL, GENOP_DEMO_LEDERS or GENOP_DEMO_LOGINS missing');
    return;
  }
  for (const size of t.SIZES) await testLeder(t, url, leder, size);
  await testVisitator(t, url, vis);
}
