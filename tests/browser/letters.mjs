// letters.mjs - the case's letters, sending them, the aktindsigt and the
// print queue in the web app (shared/spec/letters.md section 2; the
// outbox), in Rødovre on the first server (GENOP_URL; run.sh sets
// Rødovre's Digital Post sender):
// - a decision registered with the decision form: the case page prompts
//   for its letter (a visible notice, not a popup); from the keyboard,
//   the prompt opens the letter form with the decision chosen, Tab goes to
//   "Se udkast";
// - the API's refusal beside its field: a partial grant without its text
//   ($.text); "Lav brevet" before a draft is refused by the page;
// - "Se udkast": the preview's answer is application/pdf, offered as a
//   blob link that opens a new tab and a download; "Lav brevet" keeps the
//   letter: the list shows it (kind, date, "lavet"), the prompt is gone;
// - opening the letter's PDF from the list: application/pdf, and the
//   reading is in the citizen's access log (letter.read);
// - sending: the confirmation says Digital Post for a citizen who is not
//   exempt (status "sendt med Digital Post", the case records
//   decision_received), the print queue for one who is ("venter på
//   udskrift");
// - the aktindsigt behind a confirmation that names the access log, its
//   answer application/pdf;
// - "Udskrift": the queued letter, its PDF fetched, "Markér som udskrevet"
//   for exactly those letters (the list then says "udskrevet"), the empty
//   state; a leder sees the queue without the buttons, a terapeut has no
//   "Udskrift" and no "Send";
// - one made letter downloaded, read back with pdftotext and rendered with
//   pdftoppm -png -r 60 into screenshots/ (looked at by hand).
// Axe and screenshots at 1366x768 and 390x844, nothing wider than the
// window. The test.mjs helpers come in `t`.

import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ApiClient, GRANT, assessedCase, isoDaysAgo } from './seed.mjs';

const SHOTS = path.join(path.dirname(fileURLToPath(import.meta.url)), 'screenshots');
const fitsWindow = (page) => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);
// A screenshot of one part of the page (a full page at 390 is too tall to look at).
const partShot = (page, sel, name) => page.locator(sel).screenshot({ path: path.join(SHOTS, `${name}.png`) });
const focused = (page) => page.evaluate(() => document.activeElement && document.activeElement.id);

const newCase = (api, cpr, name, exempt) => assessedCase(api, cpr, name, { condition: 'knæ', exempt });

// The decision through the decision form; then the prompt for its letter.
async function decideInForm(t, page, s) {
  await page.waitForSelector('#sec-letters');
  t.ok(await page.locator('#letters-empty').count() === 1 && await page.locator('#letter-prompt').count() === 0 &&
    await page.locator('#letter-write').count() === 0,
  `${s}: before a decision: no letters, no prompt, nothing to write about`);
  await page.click('button[data-action=decision]');
  await page.fill('#form-decision-date', t.daDate(isoDaysAgo(5)));
  await page.check('#form-decision-granted-0');
  await t.navigate(page, () => page.click('#form-decision button[type=submit]'));
  const prompt = await t.text(page, '#letter-prompt');
  t.ok(prompt.includes('Afgørelsesbrevet mangler') && prompt.includes('klagevejledning') &&
    await page.locator('#letter-prompt').isVisible(),
  `${s}: after the decision form, the page prompts for the decision letter`, prompt);
}

// The letter form from the prompt (keyboard), a refusal, the draft, the letter.
async function writeLetter(t, page, s, text) {
  await page.focus('#letter-prompt-write');
  await page.keyboard.press('Enter');
  t.ok(await page.isChecked('#letter-kind-decision') && await focused(page) === 'letter-text' &&
    (await t.text(page, '#letter-text-help')).includes('konkrete, individuelle vurdering') &&
    await page.locator('#letter-partial').isVisible(),
  `${s}: the prompt (Enter) opens the form: the decision chosen, focus in the text, its help, "Delvis bevilling" offered`);
  await page.keyboard.press('Tab');
  t.ok(await focused(page) === 'letter-preview', `${s}: Tab from the text goes to "Se udkast"`, await focused(page));
  await page.check('#letter-partial');
  await page.click('#letter-preview');
  await page.waitForFunction(() => document.querySelector('#letter-text-error').textContent !== '');
  await partShot(page, '#letter-form', `part-letters-refusal-${s}`);
  const err = await t.text(page, '#letter-text-error');
  t.ok(err.includes('delvis bevilling skal begrundes') && await page.getAttribute('#letter-text', 'aria-invalid') === 'true' &&
    await focused(page) === 'letter-text' && await t.text(page, '#letter-form-error') === '',
  `${s}: a partial grant without its text: the API's refusal beside the text, focus there`, err);
  await page.uncheck('#letter-partial');
  await page.fill('#letter-text', text);
  await page.click('#letter-make');
  t.ok((await t.text(page, '#letter-form-error')).includes('Se udkastet, før du laver brevet'),
    `${s}: "Lav brevet" before a draft is seen: the page asks for the draft first`);
  await page.focus('#letter-preview');
  const [resp] = await Promise.all([
    page.waitForResponse((r) => r.url().endsWith('/letters/preview')),
    page.keyboard.press('Enter'),
  ]);
  // (Playwright gives no body for an answer the page read as a blob: its
  // length instead; the API tests read the preview back.)
  const length = Number(resp.headers()['content-length'] || 0);
  await page.waitForSelector('#letter-draft-open');
  const href = await page.getAttribute('#letter-draft-open', 'href');
  t.ok(resp.status() === 200 && resp.headers()['content-type'] === 'application/pdf' &&
    length > 5000 && href.startsWith('blob:') &&
    await page.getAttribute('#letter-draft-download', 'download') !== null && await focused(page) === 'letter-draft-open' &&
    await t.text(page, '#letter-text-error') === '',
  `${s}: "Se udkast" (Enter): the preview is a PDF, offered to open and to download, focus on it`,
  { type: resp.headers()['content-type'], status: resp.status(), length, href, focus: await focused(page) });
  return { href };
}

async function madeAndListed(t, page, s) {
  await t.navigate(page, () => page.click('#letter-make'));
  const row = await t.text(page, '#letters tbody tr[data-letter]');
  t.ok(await page.locator('#letters tbody tr[data-letter]').count() === 1 && row.includes('Afgørelse') && row.includes('lavet') &&
    row.includes(t.daDate(isoDaysAgo(0))) && await page.locator('#letter-prompt').count() === 0 &&
    (await t.text(page, '#case-flash')).includes('Brevet er lavet'),
  `${s}: "Lav brevet": the list shows the letter (Afgørelse, today, lavet), the prompt is gone`, row);
}

async function openPdf(t, page, api, s, citizenId) {
  const link = page.locator('#letters a[data-letter-pdf]').first();
  const letterId = await link.getAttribute('data-letter-pdf');
  const [resp] = await Promise.all([
    page.context().waitForEvent('response', (r) => r.url().endsWith(`/api/v1/letters/${letterId}.pdf`)),
    link.click(),
  ]);
  t.ok(resp.status() === 200 && resp.headers()['content-type'] === 'application/pdf' &&
    await link.getAttribute('target') === '_blank',
  `${s}: the list's link opens the letter's PDF in a new tab: application/pdf`, resp.headers()['content-type']);
  for (const p of page.context().pages()) if (p !== page) await p.close();
  const leder = new ApiClient(t.BASE);
  await leder.login(t.USERS.rodovre.leder, t.PASSWORD);
  const log = await leder.must('GET', `/api/v1/citizens/${citizenId}/access-log`);
  const rows = (log.items || []).map((r) => r.action);
  t.ok(rows.includes('letter.read') && rows.includes('letter.preview') && rows.includes('letter.make'),
    `${s}: the preview, the making and the reading are in the citizen's access log`, rows.slice(0, 8));
  return Number(letterId);
}

async function send(t, page, s, exempt) {
  await page.click('#letters button[data-send]');
  const confirm = await t.text(page, '#letters .send-confirm');
  const want = exempt ? ['fritaget for Digital Post', 'udskriftskøen', '6 hverdage'] : ['sendes med Digital Post', 'klagefristen'];
  t.ok(want.every((w) => confirm.includes(w)) && await focused(page) !== null,
    `${s}: "Send" asks first, and says how: ${exempt ? 'print (exempt)' : 'Digital Post'}`, confirm);
  await t.axe(page, `a letter's send confirmation (${s}${exempt ? ', exempt' : ''})`);
  await t.shot(page, `letters-send-${exempt ? 'print' : 'dp'}-${s}`);
  await partShot(page, 'section.letters', `part-letters-send-${exempt ? 'print' : 'dp'}-${s}`);
  await t.navigate(page, () => page.click('#letters button[data-confirm-send]'));
  const status = await t.text(page, '#letters tbody tr[data-letter] .letter-status');
  t.ok(status === (exempt ? 'venter på udskrift' : 'sendt med Digital Post') &&
    (await t.text(page, '#case-flash')).includes(exempt ? 'udskriftskøen' : 'Digital Post') &&
    await page.locator('#letters button[data-send]').count() === 0,
  `${s}: sent: the status "${status}", no "Send" any more`);
}

// One made letter, read back and rendered for a look.
function renderLetter(t, pdf, name) {
  const file = path.join(SHOTS, `${name}.pdf`);
  writeFileSync(file, pdf);
  execFileSync('pdftoppm', ['-png', '-r', '60', file, path.join(SHOTS, name)]);
  return execFileSync('pdftotext', ['-layout', file, '-']).toString();
}

async function accessReport(t, page, s) {
  await page.click('#access-report-button');
  const text = await t.text(page, '#access-report-text');
  t.ok(text.includes('skrives i borgerens adgangslog') && await focused(page) === 'access-report-make',
    `${s}: "Aktindsigt (PDF)" asks first and says it is logged in the access log`, text);
  const [resp] = await Promise.all([
    page.waitForResponse((r) => r.url().endsWith('/access-report')),
    page.click('#access-report-make'),
  ]);
  await page.waitForSelector('#access-report-open');
  t.ok(resp.status() === 200 && resp.headers()['content-type'] === 'application/pdf' &&
    (await page.getAttribute('#access-report-open', 'href')).startsWith('blob:') && await focused(page) === 'access-report-open',
  `${s}: the aktindsigt is made: application/pdf, offered to open, focus on it`);
  await t.axe(page, `the aktindsigt made (${s})`);
  await page.locator('#sec-citizen').scrollIntoViewIfNeeded();
  await t.shot(page, `letters-aktindsigt-${s}`);
  await partShot(page, 'section[aria-labelledby=sec-citizen]', `part-letters-aktindsigt-${s}`);
}

// The whole path for a citizen who is not exempt (Digital Post).
async function digitalPost(t, size, cpr) {
  const s = size.name;
  const api = new ApiClient(t.BASE);
  await api.login(t.USERS.rodovre.visitator, t.PASSWORD);
  const id = await newCase(api, cpr, `Dorthe Digital ${s}`, false);
  const citizenId = (await api.must('GET', `/api/v1/cases/${id}`)).citizen.id;
  const { context, page } = await t.newPage(size);
  await t.load(page, `${t.BASE}/#/sag/${id}`);
  await t.login(page, t.USERS.rodovre.visitator);
  await decideInForm(t, page, s);
  await t.axe(page, `a case with a decision without its letter (${s})`);
  await t.shot(page, `letters-prompt-${s}`);
  await partShot(page, '#letter-prompt', `part-letters-prompt-${s}`);
  const { href } = await writeLetter(t, page, s, 'Du har brug for hjælp til at komme op af en stol igen; derfor bevilger vi holdtræning.');
  if (s === '1366') {
    const [popup] = await Promise.all([page.waitForEvent('popup'), page.click('#letter-draft-open')]);
    t.ok(popup.url() === href, `${s}: "Åbn udkastet" opens the draft (blob) in a new tab`, popup.url());
    await popup.close();
  }
  await t.axe(page, `the letter form with a draft (${s})`);
  await page.locator('#letter-form').scrollIntoViewIfNeeded();
  await t.shot(page, `letters-form-${s}`);
  await partShot(page, 'section.letters', `part-letters-form-${s}`);
  t.ok(await fitsWindow(page), `${s}: the letter form fits the window`);
  await madeAndListed(t, page, s);
  const letterId = await openPdf(t, page, api, s, citizenId);
  await send(t, page, s, false);
  const events = (await api.must('GET', `/api/v1/cases/${id}`)).events.map((e) => e.type);
  t.ok(events.includes('decision_received'), `${s}: sending the decision letter recorded decision_received`, events);
  if (s === '1366') {
    const res = await fetch(`${t.BASE}/api/v1/letters/${letterId}.pdf`, { headers: { Cookie: api.cookie } });
    const text = renderLetter(t, Buffer.from(await res.arrayBuffer()), 'letter-decision');
    t.ok(res.status === 200 && text.includes('Dorthe Digital 1366') && text.includes('komme op af en stol') &&
      text.includes('Klagevejledning'), `${s}: the made letter read back: the citizen, the assessment, the guidance`);
  }
  await accessReport(t, page, s);
  t.ok(await fitsWindow(page), `${s}: the case page fits the window`);
  await page.locator('#sec-letters').scrollIntoViewIfNeeded();
  await t.shot(page, `letters-case-${s}`);
  await partShot(page, 'section.letters', `part-letters-case-${s}`);
  t.noProblems(page, `letters by Digital Post (${s})`);
  await context.close();
}

// A citizen exempt from Digital Post: "Skriv brev", the print queue.
async function printed(t, size, cpr) {
  const s = size.name;
  const api = new ApiClient(t.BASE);
  await api.login(t.USERS.rodovre.visitator, t.PASSWORD);
  const id = await newCase(api, cpr, `Peter Papir ${s}`, true);
  await api.must('POST', `/api/v1/cases/${id}/events`, { type: 'decision', date: isoDaysAgo(4), granted: true, grant: GRANT });
  const { context, page } = await t.newPage(size);
  await t.load(page, `${t.BASE}/#/sag/${id}`);
  await t.login(page, t.USERS.rodovre.visitator);
  await page.focus('#letter-write');
  await page.keyboard.press('Enter');
  t.ok(await page.isChecked('#letter-kind-decision') && await focused(page) === 'letter-kind-decision',
    `${s}: "Skriv brev" (Enter) opens the form, focus on the kind`);
  await page.fill('#letter-text', 'Du kan ikke selv komme til træning; derfor træner du på holdet med kørsel.');
  await page.click('#letter-preview');
  await page.waitForSelector('#letter-draft-open');
  await t.navigate(page, () => page.click('#letter-make'));
  await send(t, page, s, true);
  await t.navigate(page, () => page.click('#nav a[data-route="udskrift"]'));
  const rows = await page.locator('#print-queue tbody tr').allInnerTexts();
  t.ok(rows.length === 1 && rows[0].includes(`Peter Papir ${s}`) && rows[0].includes('Afgørelse') &&
    await page.locator('#nav a[data-route="udskrift"]').getAttribute('aria-current') === 'page',
  `${s}: "Udskrift" lists the queued letter`, rows);
  await t.axe(page, `Udskrift with a letter (${s})`);
  await t.shot(page, `udskrift-${s}`);
  t.ok(await fitsWindow(page), `${s}: Udskrift fits the window`);
  const [resp] = await Promise.all([
    page.waitForResponse((r) => r.url().includes('/print-queue.pdf')),
    page.click('#print-fetch'),
  ]);
  await page.waitForSelector('#print-done');
  const queued = await api.must('GET', '/api/v1/print-queue');
  t.ok(resp.status() === 200 && resp.headers()['content-type'] === 'application/pdf' &&
    resp.url().endsWith(`letters=${queued.letters.join(',')}`) && await focused(page) === 'print-pdf-open',
  `${s}: "Hent PDF til udskrift": the PDF of exactly the letters listed`, resp.url());
  await t.shot(page, `udskrift-pdf-${s}`);
  await t.navigate(page, () => page.click('#print-done'));
  t.ok((await t.text(page, '#print-empty')) === 'Der er ingen breve, der venter på udskrift.' &&
    (await t.text(page, '#print-flash')).includes('markeret som udskrevet'),
  `${s}: "Markér som udskrevet": the queue is empty, in Danish`);
  await t.axe(page, `Udskrift, empty (${s})`);
  await t.shot(page, `udskrift-tom-${s}`);
  await t.navigate(page, () => page.evaluate((h) => { location.hash = h; }, `#/sag/${id}`));
  t.ok(await t.text(page, '#letters tbody tr[data-letter] .letter-status') === 'udskrevet', `${s}: the letter is now "udskrevet"`);
  t.noProblems(page, `letters to print (${s})`);
  await context.close();
  return id;
}

// A leder sees the queue, not its buttons; a terapeut neither the queue nor "Send".
async function otherRoles(t, caseId) {
  const api = new ApiClient(t.BASE);
  await api.login(t.USERS.rodovre.visitator, t.PASSWORD);
  const id = await newCase(api, '0112481236', 'Lise Leder-Kø', true);
  await api.must('POST', `/api/v1/cases/${id}/events`, { type: 'decision', date: isoDaysAgo(4), granted: true, grant: GRANT });
  const made = await api.must('POST', `/api/v1/cases/${id}/letters`, { kind: 'decision', text: 'Bevilget.' });
  await api.must('POST', `/api/v1/letters/${made.id}/send`);
  const { context, page } = await t.newPage();
  await t.load(page, `${t.BASE}/#/udskrift`);
  await t.login(page, t.USERS.rodovre.leder);
  t.ok(await page.locator('#print-queue tbody tr').count() === 1 && await page.locator('#print-fetch').count() === 0 &&
    (await t.text(page, 'main')).includes('Kun en visitator'),
  'leder: "Udskrift" lists the queue, without fetching or marking');
  await t.axe(page, 'Udskrift as leder');
  await context.close();
  const { context: c2, page: p2 } = await t.newPage();
  await t.load(p2, `${t.BASE}/#/sag/${caseId}`);
  await t.login(p2, t.USERS.rodovre.terapeut);
  t.ok(await p2.locator('#nav a[data-route="udskrift"]').count() === 0 && await p2.locator('#letters a[data-letter-pdf]').count() === 1 &&
    await p2.locator('#letters button[data-send], #letter-write, #access-report-button').count() === 0,
  'terapeut: the letters with their PDF, but no "Send", no "Skriv brev", no aktindsigt, no "Udskrift"');
  t.noProblems(p2, 'letters as terapeut');
  await c2.close();
  // Leave the queue empty for whoever comes next.
  await api.must('POST', '/api/v1/print-queue/printed', { letters: [made.id] });
}

export async function testLetters(t) {
  const cprs = [['0112481228', '0112481244'], ['0112481252', '0112481260']];
  for (const [i, size] of t.SIZES.entries()) await digitalPost(t, size, cprs[i][0]);
  let exemptCase = null;
  for (const [i, size] of t.SIZES.entries()) exemptCase = await printed(t, size, cprs[i][1]);
  await otherRoles(t, exemptCase);
}
