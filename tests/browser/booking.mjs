// booking.mjs - "Book tid" on the case page (views/appointments.js) in a
// real browser, in Skive (run.sh's book.* users, which no other test
// touches):
// - the case's appointments: a past one in "Tidligere", with its room
//   and location by name;
// - "Book tid" proposes times with the therapist the citizen had before
//   (book.terapeut2, over the alphabetically first book.terapeut), each
//   saying why; one click books one, it moves to "Kommende tider", and
//   the start warning is shown with its date (Skive's start deadline,
//   14 days from the referral, has passed);
// - "Book en serie" with three weekdays a week against Skive's two
//   sessions a week: the booked count and every date left out with its
//   Danish reason;
// - cancelling by the citizen with a reason: the row says "Aflyst af
//   borgeren", and the standard's rule is shown with its source ("Hvis
//   borgeren aflyser, tilbydes ikke anden træningstid.");
// - at 390 px: nothing wider than the window, the proposals usable.
// Axe and screenshots at 1366x768 and 390x844. The test.mjs helpers come
// in `t`.

import { ApiClient, isoDaysAgo } from './seed.mjs';

const HOURS = [1, 2, 3, 4, 5].map((weekday) => ({ weekday, from: '08:00', to: '15:00' }));

// The latest weekday at least `n` days ago, ISO.
function weekdayAgo(n) {
  let d = n;
  for (;;) {
    const iso = isoDaysAgo(d);
    const wd = new Date(`${iso}T00:00:00Z`).getUTCDay();
    if (wd >= 1 && wd <= 5) return iso;
    d += 1;
  }
}

async function seedSkive(t) {
  const leder = new ApiClient(t.BASE);
  await leder.login('book.leder', t.PASSWORD);
  const loc = await leder.must('POST', '/api/v1/locations', {
    name: 'Skive Træningscenter', address: 'Torvegade 10, 7800 Skive',
    rooms: [{ name: 'Sal 1', capacity: 4 }, { name: 'Rum 2', capacity: 1 }],
  });
  for (const name of ['book.terapeut', 'book.terapeut2']) {
    await leder.must('PUT', `/api/v1/staff/${name}`, { profession: 'fysioterapeut', hours: HOURS });
  }
  const vis = new ApiClient(t.BASE);
  await vis.login('book.visitator', t.PASSWORD);
  const id = (await vis.must('POST', '/api/v1/cases', {
    citizen: { cpr: '1008701111', name: 'Birthe Booking', address: 'Skolegade 3, 7800 Skive', phone: '11223344' },
    referral: { date: isoDaysAgo(30), paragraph: '86.1', source: 'egen læge', condition: 'hofte', consent: true },
  })).id;
  const until = isoDaysAgo(-34);
  await vis.must('POST', `/api/v1/cases/${id}/events`, {
    type: 'decision', date: isoDaysAgo(25), granted: true,
    grant: { form: 'individual', place: 'centre', sessions_per_week: 2, minutes_per_session: 45, sessions: null,
      until, transport: false, exceptions: [] },
  });
  // The time the citizen had before: with book.terapeut2, in the past.
  await vis.must('POST', '/api/v1/appointments', {
    case: id, therapist: 'book.terapeut2', start: `${weekdayAgo(3)}T10:00`, minutes: 45, kind: 'training',
    room: loc.rooms[0].id,
  });
  return { id, until };
}

async function openCase(t, page, id) {
  await t.navigate(page, () => page.evaluate((hsh) => { location.hash = hsh; }, `#/sag/${id}`));
  await page.waitForSelector('section[aria-labelledby=sec-appointments]');
}

async function testProposals(t, page, id) {
  const past = await t.text(page, '#appointments-past');
  t.ok(/book\.terapeut2/.test(past) && /Sal 1, Skive Træningscenter/.test(past) && /Booket – udfaldet mangler/.test(past),
    'Tider: the past appointment with its therapist, room and location, and that its outcome is missing', past);
  await page.click('#book-open');
  await page.waitForSelector('#proposal-list li, #proposals-error, #proposals-ended');
  const preferred = await t.text(page, '#proposals-preferred');
  t.ok(/book\.terapeut2/.test(preferred), 'Book tid: the preferred therapist is the one the citizen had before', preferred);
  const items = await page.locator('#proposal-list li').allInnerTexts();
  t.ok(items.length >= 2 && items.every((x) => /book\.terapeut2/.test(x) && /kl\. \d\d\.\d\d/.test(x)),
    'every proposal is with book.terapeut2, its time in Danish', items);
  t.ok(items.every((x) => /Sal 1, Skive Træningscenter/.test(x) && /som borgeren havde før/.test(x)),
    'each in the room of the last time, and says why', items);
  await t.axe(page, 'Book tid: forslag (1366)');
  await t.shot(page, 'booking-forslag-1366');
  const first = items[0].split('\n')[0];
  await page.locator('#proposal-list li button[data-book]').first().click();
  await page.waitForSelector('#appointments-result p');
  const result = await t.text(page, '#appointments-result');
  t.ok(/er booket/.test(result), 'one click books the first proposal', result);
  const warning = await t.text(page, '#start-warning').catch(() => '');
  t.ok(/fristen for opstart, som var \S+dag \d+\. \S+ \d{4}/.test(warning),
    'the start warning is shown with its date', warning || result);
  const coming = await t.text(page, '#appointments-coming');
  t.ok(coming.includes(first.replace(/ · .*/, '').trim()), 'the booked time is among the coming appointments', { first, coming });
  await t.shot(page, 'booking-booket-1366');
}

async function testSeries(t, page) {
  await page.click('#series-open');
  await page.waitForSelector('#series-form');
  await page.check('#series-day-3');                  // Mon, Wed, Thu: more than 2 a week
  await page.fill('#series-time', '12:00');
  await page.selectOption('#series-therapist', 'book.terapeut');
  await t.axe(page, 'Book en serie (1366)');
  await t.shot(page, 'booking-serie-form-1366');
  await page.click('#series-submit');
  await page.waitForSelector('#series-booked');
  const booked = await t.text(page, '#series-booked');
  const skipped = await page.locator('#series-skipped li').allInnerTexts();
  t.ok(/\d+ tider er booket/.test(booked) && Number(booked.match(/\d+/)[0]) > 0, 'a series: the booked count', booked);
  t.ok(skipped.length > 0 && skipped.some((x) => /en grænse er nået/.test(x) && /Tiden kan ikke bookes/.test(x)) &&
    skipped.every((x) => /^\S+dag \d+\. \S+ \d{4}: /.test(x)),
  'the dates left out, each with its date and Danish reason', skipped);
  await t.shot(page, 'booking-serie-1366');
}

async function testCancel(t, page) {
  const row = page.locator('#appointments-coming tbody tr').first();
  const id = await row.getAttribute('data-appointment');
  await row.locator('button[data-cancel]').click();
  await page.fill(`#cancel-${id}-reason`, 'Borgeren er syg');
  await t.axe(page, 'aflys en tid (1366)');
  await page.click(`button[data-confirm-cancel="${id}"]`);
  await page.waitForSelector('#cancel-rule');
  const rule = await t.text(page, '#cancel-rule');
  t.ok(/Standarden siger: Når borgeren aflyser, tilbydes der ikke en anden tid/.test(rule) &&
    /Hvis borgeren aflyser, tilbydes ikke anden træningstid/.test(rule),
  "a citizen's cancellation shows Skive's rule with its source", rule);
  await page.waitForSelector(`#appointments-past tr[data-appointment="${id}"]`);
  const status = await t.text(page, `#appointments-past tr[data-appointment="${id}"]`);
  t.ok(/Aflyst af borgeren: Borgeren er syg/.test(status), 'the row is cancelled by the citizen, with the reason', status);
  await t.shot(page, 'booking-aflyst-1366');
}

export async function testBooking(t) {
  const { id } = await seedSkive(t);
  const [wide, narrow] = t.SIZES;
  {
    const { context, page } = await t.newPage(wide);
    await t.load(page, `${t.BASE}/`);
    await t.login(page, 'book.terapeut');
    await openCase(t, page, id);
    await testProposals(t, page, id);
    await testSeries(t, page);
    await testCancel(t, page);
    t.noProblems(page, 'Book tid (1366)');
    await context.close();
  }
  const { context, page } = await t.newPage(narrow);
  await t.load(page, `${t.BASE}/`);
  await t.login(page, 'book.visitator');
  await openCase(t, page, id);
  await page.click('#book-open');
  await page.waitForSelector('#proposal-list li, #proposals-ended');
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  t.ok(overflow <= 0, 'at 390 px nothing is wider than the window', `${overflow} px too wide`);
  await t.axe(page, 'Book tid (390)');
  await t.shot(page, 'booking-390');
  // The card alone too: the whole page at 390 px is too tall to look at.
  await page.locator('section[aria-labelledby=sec-appointments]').screenshot({
    path: new URL('./screenshots/booking-tider-390.png', import.meta.url).pathname });
  t.noProblems(page, 'Book tid (390)');
  await context.close();
}
