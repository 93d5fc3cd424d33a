// users.mjs - the users an administrator administers in the web app
// (views/brugere.js, views/brugerlog.js; /api/v1/users), as Rødovre's
// admin (rod.admin, made by run.sh) on test.mjs's database. With new
// users only, so the other tests' users stay as they are:
// - the menu (Brugere, Brugerlog: an admin's only), and a visitator who
//   types #/brugere is told the page is not there;
// - creating: an empty username refused beside the field, the API's
//   Danish message beside the username for "søren" and for a taken name;
//   then the made-up password, once, in a panel whose heading has focus,
//   with a copy button that puts it on the clipboard, and the new user in
//   the table; the user logs in with it;
// - locking (the user's open page goes back to the login), unlocking;
// - resetting a password asks first (Fortryd has focus; Escape gives the
//   button its focus back), then a new password that differs; hiding it;
// - deactivating asks first, says "for altid", and leaves the row
//   without buttons; one's own row has none either;
// - the Brugerlog: Danish dates and words, who did it, never a password,
//   and one user's history from the filter;
// - axe (no serious or critical violation), no console error, nothing
//   wider than the window, and screenshots of every screen at 1366x768
//   and 390x844 (brugere-*, brugerlog-*). The test.mjs helpers come in t.

import { ApiClient } from './seed.mjs';

const PASSWORD_SHAPE = /^[a-z]{3,}-[a-z]{3,}-[a-z]{3,}-[a-z]{3,}-[1-9][0-9]$/;
const DANISH_TIME = /^\d\d\.\d\d\.\d{4} kl\. \d\d\.\d\d$/;

// Drops the browser's report of a 409 the page asked for and shows.
function forgive409(page) {
  page.problems = page.problems.filter((p) => !/status of 409/.test(p));
}

async function overflow(page) {
  return page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
}

async function rowButtons(page, username) {
  return page.locator(`#users tr[data-user="${username}"] button`).allInnerTexts();
}

// Fills and sends the create form; waits for the panel or an error.
async function create(page, username, role) {
  await page.fill('#new-username', username);
  await page.selectOption('#new-role', role);
  await page.click('#new-user button[type=submit]');
  await page.waitForSelector('#password-panel, #new-username-error:not(:empty), #new-role-error:not(:empty), #new-user-error:not(:empty)');
}

async function testCreate(t, page, names) {
  await page.click('#new-user button[type=submit]');
  t.ok(await t.text(page, '#new-username-error') === 'Skriv et brugernavn.' &&
     await page.getAttribute('#new-username', 'aria-invalid') === 'true' &&
     await page.evaluate(() => document.activeElement.id === 'new-username'),
  'users: an empty username is refused beside the field, which gets focus');
  await create(page, 'søren', 'terapeut');
  t.ok(/ikke æ, ø, å/.test(await t.text(page, '#new-username-error')),
    'users: the API\'s Danish reason for "søren" beside the username', await t.text(page, '#new-username-error'));
  await create(page, 'ROD.ADMIN', 'leder');
  t.ok(/allerede i brug/.test(await t.text(page, '#new-username-error')),
    'users: a taken username (in another case) is refused beside the field', await t.text(page, '#new-username-error'));
  forgive409(page);
  await create(page, names.main, 'terapeut');
  const password = (await t.text(page, '#new-password')).trim();
  t.ok(PASSWORD_SHAPE.test(password) && (await t.text(page, '#password-title')).includes(names.main) &&
     await page.evaluate(() => document.activeElement.id === 'password-title'),
  'users: the new user\'s made-up password is shown once, its heading focused', password);
  const notice = await t.text(page, '#password-panel');
  t.ok(/vises kun nu/.test(notice) && /ikke i en almindelig e-mail/.test(notice),
    'users: the panel says the password is shown only now and how to hand it on', notice);
  t.ok((await t.text(page, '#users-flash')).includes(`${names.main} er oprettet som terapeut`) &&
     (await t.text(page, `#users tr[data-user="${names.main}"]`)).includes('Aktiv'),
  'users: the flash says so and the table shows the new user as active');
  await page.click('#copy-password');
  await page.waitForSelector('#copy-status:not(:empty)');
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  t.ok(copied === password && /kopieret/.test(await t.text(page, '#copy-status')),
    'users: "Kopiér adgangskoden" puts it on the clipboard', copied);
  return password;
}

async function testLock(t, page, base, names, password) {
  const { context: other, page: theirs } = await t.newPage();
  await t.load(theirs, base + '/');
  const landed = await t.login(theirs, names.main, password);
  t.ok(landed.view === 'opgaver', 'users: the new terapeut logs in with the password', landed);
  await page.click(`#users tr[data-user="${names.main}"] button[data-action=lock]`);
  await page.waitForSelector('#users-flash:not(:empty)');
  t.ok(/er låst/.test(await t.text(page, '#users-flash')) &&
     (await t.text(page, `#users tr[data-user="${names.main}"]`)).includes('Låst') &&
     (await rowButtons(page, names.main)).some((b) => b.startsWith('Lås op')),
  'users: "Lås" locks; the row says Låst and offers "Lås op"');
  await t.navigate(theirs, () => theirs.evaluate(() => { location.hash = '#/sager'; }));
  t.ok(await theirs.locator('h1').innerText() === 'Log ind', 'users: the locked user\'s open page goes back to the login');
  t.noProblems(theirs, 'users: the locked user');
  await other.close();
  await page.click(`#users tr[data-user="${names.main}"] button[data-action=unlock]`);
  await page.waitForFunction((u) => document.querySelector(`#users tr[data-user="${u}"]`)?.innerText.includes('Aktiv'), names.main);
  t.ok(/låst op/.test(await t.text(page, '#users-flash')), 'users: "Lås op" makes the user active again');
}

async function testReset(t, page, names, password) {
  const sel = `#users tr[data-user="${names.main}"]`;
  await page.click(`${sel} button[data-action=password]`);
  t.ok(/logget ud overalt/.test(await t.text(page, `${sel} .confirm`)) &&
     await page.evaluate(() => document.activeElement.dataset.confirm === 'no'),
  'users: resetting asks first, with "Fortryd" focused');
  await page.keyboard.press('Escape');
  t.ok(await page.evaluate(() => document.activeElement.dataset.action === 'password'),
    'users: Escape cancels and gives the button its focus back');
  await page.click(`${sel} button[data-action=password]`);
  await page.click(`${sel} button[data-confirm=yes]`);
  await page.waitForFunction((old) => {
    const code = document.getElementById('new-password');
    return code && code.textContent !== old;
  }, password);
  const fresh = (await t.text(page, '#new-password')).trim();
  t.ok(PASSWORD_SHAPE.test(fresh) && fresh !== password &&
     (await t.text(page, '#password-title')).startsWith('Ny adgangskode til') &&
     /gamle adgangskode virker ikke/.test(await t.text(page, '#password-panel')),
  'users: a new password, shown once, and the old one no longer works', fresh);
  return fresh;
}

async function testDeactivate(t, page, names) {
  const sel = `#users tr[data-user="${names.gone}"]`;
  await page.click(`${sel} button[data-action=deactivate]`);
  t.ok(/for altid/.test(await t.text(page, `${sel} .confirm`)) && /kan ikke genaktiveres/.test(await t.text(page, `${sel} .confirm`)),
    'users: deactivating asks first and says it is for good');
  await page.click(`${sel} button[data-confirm=yes]`);
  await page.waitForFunction((s) => document.querySelector(s)?.innerText.includes('Deaktiveret for altid'), sel);
  t.ok((await rowButtons(page, names.gone)).length === 0 && (await t.text(page, sel)).includes('Deaktiveret'),
    'users: a deactivated user\'s row says so and offers no button');
  t.ok((await rowButtons(page, 'rod.admin')).length === 0 && (await t.text(page, '#users tr[data-user="rod.admin"]')).includes('Det er dig'),
    'users: one\'s own row offers no button');
}

async function testLog(t, page, names, secrets) {
  await t.navigate(page, () => page.click('#nav a[href="#/brugerlog"]'));
  const rows = page.locator('#userlog tbody tr');
  const times = await rows.locator('td:first-child').allInnerTexts();
  const all = await t.text(page, '#userlog');
  t.ok(times.length >= 6 && times.every((x) => DANISH_TIME.test(x.trim())),
    'brugerlog: every row has a Danish date and time', times.slice(0, 3));
  t.ok(['Oprettet', 'Låst', 'Låst op', 'Ny adgangskode', 'Deaktiveret'].every((w) => all.includes(w)) &&
     all.includes('rod.admin') && all.includes('genop user add (kommandolinjen)'),
  'brugerlog: the changes in Danish, with who did them (the admin, the command line)');
  t.ok(!secrets.some((s) => all.includes(s)), 'brugerlog: no password is shown');
  const id = await page.locator(`#log-user option:text-is("${names.main}")`).getAttribute('value');
  await page.selectOption('#log-user', id);
  await t.navigate(page, () => page.click('form.filters button[type=submit]'));
  const mine = await page.locator('#userlog tbody tr td:nth-child(2)').allInnerTexts();
  t.ok(page.url().endsWith(`#/brugerlog/bruger/${id}`) && mine.length === 4 && mine.every((x) => x.trim() === names.main) &&
     await page.locator('h1').innerText() === `Brugerlog for ${names.main}`,
  'brugerlog: the filter shows one user\'s history', mine);
}

async function screens(t, base, size, names) {
  const { context, page } = await t.newPage(size);
  await t.load(page, `${base}/#/brugere`);
  await t.login(page, 'rod.admin');
  await t.shot(page, `brugere-${size.name}`);
  await t.axe(page, `Brugere (${size.name})`);
  t.ok(await overflow(page) <= 0, `users (${size.name}): nothing wider than the window`, await overflow(page));
  await page.click(`#users tr[data-user="${names.main}"] button[data-action=deactivate]`);
  await t.shot(page, `brugere-bekraeft-${size.name}`);
  await t.axe(page, `Brugere, asking to deactivate (${size.name})`);
  await page.click(`#users tr[data-user="${names.main}"] button[data-confirm=no]`);
  await create(page, `${names.main}.${size.name}`, 'leder');
  await t.shot(page, `brugere-adgangskode-${size.name}`);
  await t.axe(page, `Brugere with a new password (${size.name})`);
  t.ok(await overflow(page) <= 0, `users (${size.name}): the password panel fits the window`, await overflow(page));
  const secret = (await t.text(page, '#new-password')).trim();
  await t.navigate(page, () => page.click('#nav a[href="#/brugerlog"]'));
  await t.shot(page, `brugerlog-${size.name}`);
  await t.axe(page, `Brugerlog (${size.name})`);
  t.ok(await overflow(page) <= 0, `brugerlog (${size.name}): nothing wider than the window`, await overflow(page));
  t.noProblems(page, `users screens (${size.name})`);
  await context.close();
  return secret;
}

export async function testUsers(t) {
  const base = t.BASE;
  const names = { main: 'ny.terapeut.rod', gone: 'vikar.rod' };
  const admin = new ApiClient(base);
  await admin.login('rod.admin', t.PASSWORD);
  await admin.must('POST', '/api/v1/users', { username: names.gone, role: 'visitator' });

  const { context: vis, page: visPage } = await t.newPage();
  await t.load(visPage, `${base}/#/brugere`);
  await t.login(visPage, 'rod.visitator');
  const menu = await visPage.locator('#nav a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
  t.ok(await visPage.locator('h1').innerText() === 'Siden findes ikke' && !menu.includes('#/brugere'),
    'users: a visitator has no Brugere page, nor a menu item', menu);
  await vis.close();

  const { context, page } = await t.newPage(t.SIZES[0]);
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: base });
  await t.load(page, `${base}/`);
  await t.login(page, 'rod.admin');
  await t.navigate(page, () => page.click('#nav a[href="#/brugere"]'));
  t.ok(await page.locator('h1').innerText() === 'Brugere' && await page.locator('#users tbody tr').count() >= 5,
    'users: the admin\'s Brugere page lists the municipality\'s users');
  const first = await testCreate(t, page, names);
  await testLock(t, page, base, names, first);
  const second = await testReset(t, page, names, first);
  await page.click('#hide-password');
  t.ok(await page.locator('#new-password').count() === 0 && /skjult/.test(await t.text(page, '#users-flash')),
    'users: "Skjul adgangskoden" removes it from the page');
  await testDeactivate(t, page, names);
  await testLog(t, page, names, [first, second]);
  t.noProblems(page, 'users');
  await context.close();
  const secrets = [first, second];
  for (const size of t.SIZES) secrets.push(await screens(t, base, size, names));
}
