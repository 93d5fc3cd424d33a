// seed.mjs - the browser tests' own data, made through the JSON API as a
// visitator would make it (so the pages show what the API really
// answers). Dates are relative to today in Denmark, so the worklist
// always holds each status: Rødovre's contact deadline is 5 calendar
// days and its start deadline 14, so a referral 10 days ago is overdue,
// 5 days ago is due today, 4 days ago is due tomorrow (within 2
// workdays) and today is due later.

const DAY = 86400000;

// A decision's grant as the API requires it (letters.md section 1): team
// training at the centre twice a week, within every standard's limits.
export const GRANT = {
  form: 'team', place: 'centre', sessions_per_week: 2, minutes_per_session: 45,
  sessions: null, until: null, transport: false, exceptions: [],
};

// A refusal's reasons as the API requires them (letters.md section 1):
// genop's own criterion "other", which every standard allows, with an
// individual assessment. Tests that register a refusal send them.
export const REASONS = [{ criterion: 'other', text: 'Borgeren har ikke behov for træning.' }];

export function isoDaysAgo(n, now = new Date()) {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Copenhagen' }).format(now);
  const [y, m, d] = parts.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d) - n * DAY).toISOString().slice(0, 10);
}

export class ApiClient {
  constructor(base) {
    this.base = base;
    this.cookie = '';
  }

  async request(method, path, body) {
    const headers = { Accept: 'application/json' };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    if (this.cookie) headers.Cookie = this.cookie;
    const res = await fetch(this.base + path, {
      method, headers, body: body === undefined ? undefined : JSON.stringify(body),
    });
    const set = res.headers.get('set-cookie');
    if (set && set.startsWith('genop_session=')) this.cookie = set.split(';')[0];
    const text = await res.text();
    const json = text && /json/.test(res.headers.get('content-type') || '') ? JSON.parse(text) : null;
    return { status: res.status, json, headers: res.headers };
  }

  async login(username, password) {
    const r = await this.request('POST', '/api/v1/session', { username, password });
    if (r.status !== 200) throw new Error(`login ${username}: ${r.status}`);
    return r.json;
  }

  async must(method, path, body) {
    const r = await this.request(method, path, body);
    if (r.status >= 300) throw new Error(`${method} ${path}: ${r.status} ${JSON.stringify(r.json)}`);
    return r.json;
  }
}

// A Rødovre-style case through the API, contacted and assessed, ready for
// its decision (decision.mjs, letters.mjs); its id. exempt: the citizen is
// exempt from Digital Post.
export async function assessedCase(api, cpr, name, { address = 'Rødovre Parkvej 150, 2610 Rødovre', condition = 'hofte',
  exempt = false } = {}) {
  const id = (await api.must('POST', '/api/v1/cases', {
    citizen: { cpr, name, address, phone: '36377000', digital_post_exempt: exempt },
    referral: { date: isoDaysAgo(8), paragraph: '86.1', source: 'egen læge', condition, consent: true },
  })).id;
  await api.must('POST', `/api/v1/cases/${id}/events`, { type: 'contacted', date: isoDaysAgo(7) });
  await api.must('POST', `/api/v1/cases/${id}/events`, { type: 'assessment', date: isoDaysAgo(6) });
  return id;
}

function referral(cpr, name, date, paragraph = '86.1', condition = 'knæ') {
  return {
    citizen: { cpr, name, address: 'Rødovre Parkvej 150, 2610 Rødovre', phone: '36377000' },
    referral: { date, paragraph, source: 'egen læge', condition, consent: true,
      text: 'Nedsat gangfunktion efter fald i hjemmet.' },
  };
}

// Makes the cases; returns their ids by role in the tests.
export async function seed(base, users, password) {
  const rod = new ApiClient(base);
  await rod.login(users.rodovre.visitator, password);
  const add = async (body) => (await rod.must('POST', '/api/v1/cases', body)).id;
  const ev = (id, e) => rod.must('POST', `/api/v1/cases/${id}/events`, e);

  const overdue = await add(referral('0101451234', 'Karen Jensen', isoDaysAgo(10)));
  const today = await add(referral('1203521234', 'Jørgen Nielsen', isoDaysAgo(5), '86.1', 'hofte'));
  const soon = await add(referral('2307611234', 'Fatima <b>Hassan</b>', isoDaysAgo(4), '86.1', 'skulder'));
  const later = await add(referral('0511381234', 'Bent Ærø Østergård-Christiansen', isoDaysAgo(0), '86.1', 'ryg'));

  const rich = await add(referral('1506491234', 'Inger Marie Hansen', isoDaysAgo(20), '86.1', 'knæ'));
  await ev(rich, { type: 'contacted', date: isoDaysAgo(18), text: 'Ringede; tid til samtale aftalt.' });
  await ev(rich, { type: 'assessment', date: isoDaysAgo(17) });
  await ev(rich, { type: 'decision', date: isoDaysAgo(16), granted: true, grant: GRANT, text: 'Bevilget genoptræning.' });
  await ev(rich, { type: 'session', date: isoDaysAgo(14), minutes: 45, outcome: 'attended' });
  const wrong = await ev(rich, { type: 'session', date: isoDaysAgo(12), minutes: 60, outcome: 'attended' });
  await ev(rich, { type: 'session', date: isoDaysAgo(10), minutes: 45, outcome: 'no_show' });
  await ev(rich, { type: 'session', date: isoDaysAgo(7), minutes: 45, outcome: 'citizen_cancelled' });
  await ev(rich, { type: 'session', date: isoDaysAgo(5), minutes: 45, outcome: 'no_show' });
  await ev(rich, { type: 'correction', date: isoDaysAgo(3), corrects: wrong.id, reason: 'Varigheden var 45 minutter.',
    event: { type: 'session', date: isoDaysAgo(12), minutes: 45, outcome: 'attended' } });
  await ev(rich, { type: 'note', date: isoDaysAgo(2), text: 'Borgeren oplyser smerter i knæet efter træning.\nAftalt at tage det roligt.' });

  const closed = await add(referral('0909591234', 'Poul Madsen', isoDaysAgo(40), '86.1', 'fod'));
  await ev(closed, { type: 'contacted', date: isoDaysAgo(39) });
  await ev(closed, { type: 'decision', date: isoDaysAgo(37), granted: false,
    reasons: [{ criterion: 'other', text: 'Ikke behov for genoptræning.' }] });
  await ev(closed, { type: 'closed', date: isoDaysAgo(36), reason: 'other' });

  const aal = new ApiClient(base);
  await aal.login(users.aalborg.visitator, password);
  const other = (await aal.must('POST', '/api/v1/cases', referral('0202021234', 'Anne Aalborg', isoDaysAgo(3), '86.2', 'balance'))).id;

  const richCase = await rod.must('GET', `/api/v1/cases/${rich}`);
  return { overdue, today, soon, later, rich, closed, other, richCitizen: richCase.citizen.id };
}
