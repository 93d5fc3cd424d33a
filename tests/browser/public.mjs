// public.mjs - the public page (GET /offentlig/ID, rendered by the server:
// src/casework/report/report_public_html.c) in the browser, without login:
// - on the demo's database (GENOP_DEMO_URL): Aalborg's page opens without
//   a login, in Danish, with its title as the one h1, a table per promise
//   and the overview; axe (no serious or critical violation) and no
//   console error or CSP violation at 1366x768 and 390x844, nothing wider
//   than the window; the same page with JavaScript turned off is whole
//   (no script is needed); an unknown municipality's page is the Danish
//   404 linking to the others;
// - on a history of Aalborg written by `genop demo --db --cases` (GENOP_BIN,
//   a server of its own on a free port, stopped at the end), whose counts
//   are large enough to be shown: screenshots at both sizes and with print
//   media emulated (public-*.png), the overview's link moving to its
//   promise, a printed PDF of the page, and its load time as a comment.
// The test.mjs helpers come in t.

import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, connect } from 'node:net';
import os from 'node:os';
import path from 'node:path';

const TITLE = 'Hvordan holder Aalborg Kommune sine løfter om genoptræning?';

function freePort() {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });
}

function answers(port) {
  return new Promise((resolve) => {
    const c = connect(port, '127.0.0.1', () => { c.destroy(); resolve(true); });
    c.on('error', () => resolve(false));
  });
}

// A genop serve on a history of Aalborg in a temporary directory; its
// URL and a stop function, or null (with the reason) when it cannot start.
async function historyServer(bin) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'genop-public-'));
  const db = path.join(dir, 'history.db');
  const made = spawnSync(bin, ['demo', '--db', db, '--cases', '1500', '--municipality', 'aalborg',
    '--years', '2', '--seed', '15'], { encoding: 'utf8' });
  if (made.status !== 0) return { error: `genop demo --cases: ${made.stderr}` };
  const port = await freePort();
  const proc = spawn(bin, ['serve', '--db', db, '--listen', `127.0.0.1:${port}`], { stdio: 'ignore' });
  const stop = () => new Promise((resolve) => {
    proc.once('exit', () => { rmSync(dir, { recursive: true, force: true }); resolve(); });
    proc.kill('SIGTERM');
  });
  for (let i = 0; i < 100; i++) {
    if (await answers(port)) return { url: `http://127.0.0.1:${port}`, stop };
    await new Promise((r) => setTimeout(r, 50));
  }
  await stop();
  return { error: 'genop serve on the history did not answer' };
}

const overflow = (page) => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);

// The page's structure, as the checks need it.
const structure = (page) => page.evaluate(() => ({
  lang: document.documentElement.lang,
  h1: [...document.querySelectorAll('h1')].map((h) => h.textContent),
  title: document.title,
  tables: document.querySelectorAll('table').length,
  captions: document.querySelectorAll('table > caption').length,
  scripts: document.querySelectorAll('script').length,
  promises: document.querySelectorAll('section.promise').length,
  small: [...document.querySelectorAll('td')].filter((td) => td.textContent === '<5').length,
}));

async function checkDemo(t, url) {
  for (const size of t.SIZES) {
    const { context, page } = await t.newPage(size);
    const resp = await page.goto(`${url}/offentlig/aalborg`);
    const s = await structure(page);
    t.ok(resp.status() === 200 && s.lang === 'da' && s.h1.length === 1 && s.h1[0] === TITLE &&
      s.title === TITLE && s.tables === s.captions && s.promises === 7 && s.tables === 8 &&
      s.scripts === 0,
    `public page (demo) at ${size.name}: without login, lang da, one h1, 7 promises, tables with captions, no script`, s);
    t.ok(await overflow(page) <= 0, `public page (demo) at ${size.name}: nothing wider than the window`);
    await t.axe(page, `public page (demo) ${size.name}`);
    await t.shot(page, `public-demo-${size.name}`);
    t.noProblems(page, `public page (demo) ${size.name}`);
    await context.close();
  }
  const first = await t.newPage();
  const off = await first.context.browser().newContext({ javaScriptEnabled: false, viewport: t.SIZES[0].viewport });
  await first.context.close();
  const p = await off.newPage();
  await p.goto(`${url}/offentlig/aalborg`);
  const h1 = await p.locator('h1').innerText();
  const rows = await p.locator('section.promise table tbody tr').count();
  t.ok(h1 === TITLE && rows === 7 * 4, 'public page with JavaScript turned off: the whole page', { h1, rows });
  await off.close();

  const { context, page } = await t.newPage();
  const resp = await page.goto(`${url}/offentlig/atlantis`);
  const links = await page.locator('main a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
  t.ok(resp.status() === 404 && await page.locator('h1').innerText() === 'Kommunen findes ikke' &&
    links.includes('/offentlig/rodovre') && links.length === 5,
  'an unknown municipality: the Danish 404 page linking to the five', links);
  await t.axe(page, 'public page 404');
  t.noProblems(page, 'public page 404');
  await context.close();
}

async function checkHistory(t, url) {
  for (const size of t.SIZES) {
    const { context, page } = await t.newPage(size);
    const started = Date.now();
    await page.goto(`${url}/offentlig/aalborg`);
    const ms = await page.evaluate(() => {
      const nav = performance.getEntriesByType('navigation')[0];
      return nav ? nav.loadEventEnd - nav.startTime : null;
    });
    console.log(`# public page (history of 1500 cases) at ${size.name}: loaded in ${ms === null ? Date.now() - started : ms.toFixed(1)} ms`);
    const s = await structure(page);
    const shares = await page.locator('td.share').count();
    t.ok(s.h1[0] === TITLE && shares >= 10,
      `public page (history) at ${size.name}: the shares kept are shown where the counts allow`, { s, shares });
    t.ok(await overflow(page) <= 0, `public page (history) at ${size.name}: nothing wider than the window`);
    await t.axe(page, `public page (history) ${size.name}`);
    await t.shot(page, `public-${size.name}`);
    if (size.name === '1366') {
      await page.click('.overview tbody tr:nth-child(3) a');
      const at = await page.evaluate(() => location.hash);
      const top = await page.evaluate(() => document.querySelector('#loefte-3').getBoundingClientRect().top);
      t.ok(at === '#loefte-3' && Math.abs(top) < 5, 'the overview links to its promise', { at, top });
      await page.emulateMedia({ media: 'print' });
      await t.shot(page, 'public-print');
      const bg = await page.evaluate(() => getComputedStyle(document.querySelector('section.promise')).borderLeftStyle);
      t.ok(bg === 'none', 'printed: the promises lose their card borders (the print style sheet applies)', bg);
      const pdf = await page.pdf({ format: 'A4' });
      t.ok(pdf.length > 10000 && pdf.subarray(0, 4).toString() === '%PDF', `the page prints (PDF of ${pdf.length} bytes)`);
      await page.emulateMedia({ media: 'screen' });
    }
    t.noProblems(page, `public page (history) ${size.name}`);
    await context.close();
  }
}

export async function testPublic(t) {
  const url = process.env.GENOP_DEMO_URL;
  if (!t.ok(Boolean(url), 'the demo server is there for the public page')) return;
  await checkDemo(t, url);
  const srv = await historyServer(process.env.GENOP_BIN);
  if (!t.ok(!srv.error, 'a server on a history of Aalborg for the public page', srv.error)) return;
  try {
    await checkHistory(t, srv.url);
  } finally {
    await srv.stop();
  }
}
