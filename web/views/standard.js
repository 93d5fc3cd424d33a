// views/standard.js - "Kvalitetsstandard": the user's municipality's
// quality standard (GET /api/v1/standard) as readable Danish pages, for
// every role. One section per part of the standard (formål, målgruppe,
// who can get training: the eligibility rules and the target group's
// criteria that a refusal names, indhold, frister, omfang, fremmøde, klage,
// leverandør, kontakt); every rule says in plain Danish what it promises
// (the server's "text") and shows where it comes from: the citation
// (kommune, afsnit), the standard's own words as a quote, and, where the
// text is ambiguous, how genop reads it. The reasons a course may end
// (the standard's own with their sources, then genop's general ones), and
// what the standard says of its own revision, with a warning box at the
// top when it is older than it promises; what it requires documented of
// a course (Dokumentation: the end status). A list of the sections at the
// top moves focus to the chosen heading (the app routes on
// location.hash, so in-page #fragments cannot be used as links). A
// standard holds no personal data; nothing about the user goes anywhere.

import { get } from '../api.js';
import { longDate } from '../dates.js';
import { h, replace, facts } from '../dom.js';
import * as labels from '../labels.js';

const HREF = '#/kvalitetsstandard';

const ELIGIBILITY_LABELS = {
  minimum_age: 'Alder',
  residency: 'Bopæl',
  hospital_plan_excludes: 'Genoptræningsplan fra sygehus',
  quarantine: 'Tidligere forløb for samme lidelse',
};

// "§ 86, stk. 1 og 2" for ["86.1", "86.2"], "§ 86, stk. 2" for ["86.2"].
export function paragraphsText(list) {
  const stk = (list || []).map((p) => (/^86\.([12])$/.exec(p) || [])[1]).filter(Boolean);
  if (stk.length === 0) return '';
  if (stk.length === 1) return labels.paragraph(`86.${stk[0]}`);
  return `§ 86, stk. ${stk.slice(0, -1).join(', ')} og ${stk.at(-1)}`;
}

// Where a rule comes from: the citation, the standard's own words, and
// genop's reading where the text is ambiguous.
function sourceBlock(src) {
  if (!src) return h('p', { class: 'source' }, h('span', { class: 'source-label' }, 'Kilde: '), 'ukendt');
  return h('div', { class: 'rule-source' },
    h('p', { class: 'source' },
      h('span', { class: 'source-label' }, src.law ? 'Kilde (loven, da standarden intet siger): ' : 'Kilde: '),
      src.citation || src.section),
    src.quote ? h('p', { class: 'quote-label' }, 'Standardens ord:') : null,
    src.quote ? h('blockquote', { class: 'quote' }, h('p', null, `»${src.quote}«`)) : null,
    src.note ? h('p', { class: 'note' }, h('span', { class: 'source-label' }, 'Sådan læser genop det: '), src.note) : null);
}

// One rule: its name (and paragraphs when the standard covers both), the
// promise in Danish, the conditions, the source.
function ruleItem(rule, key, label, std) {
  const headingId = `std-rule-${key}`;
  const both = (std.paragraphs || []).length > 1;
  const paras = rule.paragraphs ? paragraphsText(rule.paragraphs) : '';
  return h('li', { class: 'rule', 'data-rule': rule.id, 'data-paragraphs': (rule.paragraphs || []).join(' ') || null },
    h('article', { 'aria-labelledby': headingId },
      h('div', { class: 'rule-head' },
        h('h3', { id: headingId }, label),
        both && paras ? h('span', { class: 'para-badge' }, paras) : null),
      h('p', { class: 'rule-text' }, rule.text),
      rule.details && rule.details.length ? h('ul', { class: 'rule-details' }, rule.details.map((d) => h('li', null, d))) : null,
      sourceBlock(rule.source)));
}

function ruleList(id, rules, std, labelOf) {
  return h('ul', { class: 'rules', id }, rules.map((r, i) => ruleItem(r, `${id}-${i}`, labelOf(r), std)));
}

const textList = (items, cls) => h('ul', { class: cls || 'text-list' }, items.map((t) => h('li', null, t)));
const empty = (text) => h('p', { class: 'empty' }, text);

// A part of the standard: <section> named by its <h2>.
function part(id, title, ...body) {
  return h('section', { class: 'card std-part', id, 'aria-labelledby': `${id}-h` },
    h('h2', { id: `${id}-h`, tabindex: '-1' }, title), body);
}

function aboutPart(std) {
  const m = std.municipality || {};
  const eff = std.effective_from;
  return part('std-om', 'Om standarden',
    facts([
      ['Kommune', m.code ? `${m.name} (kommunekode ${m.code})` : m.name],
      ['Titel', std.title],
      ['Gælder for', `${paragraphsText(std.paragraphs)} i Lov om social service`],
      ['Gælder fra', eff ? h('time', { datetime: eff }, longDate(eff)) : 'Teksten angiver ikke, hvornår den gælder fra.'],
      ['Godkendt', std.approved || 'Teksten angiver ikke, hvem der har godkendt den eller hvornår.'],
    ]),
    h('p', { class: 'notice' }, 'Hver regel står med det afsnit af standarden, den kommer fra, og standardens egne ord. ',
      'Hvor teksten kan læses på flere måder, står der, hvordan genop læser den.'),
    revisionBlock(std.revision));
}

// What the standard says of its own revision: the promise, its source.
function revisionBlock(rev) {
  if (!rev) return null;
  return h('div', { class: 'std-revision', id: 'std-revision' },
    h('h3', { id: 'std-revision-h' }, 'Revision'),
    h('p', { class: 'rule-text' }, rev.text),
    rev.due ? h('p', null, 'Skal være revideret senest ', h('time', { datetime: rev.due }, longDate(rev.due)), '.') : null,
    sourceBlock(rev.source));
}

// The warning at the top of the page when the standard is older than its
// own revision interval (the server judged it as of today).
function revisionWarning(rev) {
  if (!rev || !rev.overdue || !rev.warning) return null;
  const words = rev.warning.charAt(0).toUpperCase() + rev.warning.slice(1);
  return h('div', { class: 'warning', id: 'std-revision-warning' },
    h('p', null, h('strong', null, 'Advarsel: standarden er ikke revideret, som den selv lover. '), words),
    h('p', { class: 'source' }, h('span', { class: 'source-label' }, 'Kilde: '), rev.source.citation));
}

// The reasons a course may end, the values of a closure's reason here:
// the standard's own, each with its source, then genop's general ones.
function closurePart(std) {
  const reasons = std.closure_reasons || [];
  const own = reasons.filter((r) => !r.general);
  const general = reasons.filter((r) => r.general);
  const item = (r) => h('li', { class: 'rule', 'data-reason': r.id },
    h('article', { 'aria-labelledby': `std-reason-${r.id}` },
      h('div', { class: 'rule-head' }, h('h3', { id: `std-reason-${r.id}` }, r.label)),
      sourceBlock(r.source)));
  return part('std-afslutning', 'Grunde til at afslutte et forløb',
    h('p', null, 'Når et forløb afsluttes, registreres en af disse grunde.'),
    own.length ? h('ul', { class: 'rules', id: 'std-closure-reasons' }, own.map(item))
      : empty('Standarden nævner ingen grunde til at afslutte et forløb.'),
    general.length ? h('div', { class: 'general-reasons' },
      h('h3', { id: 'std-general-reasons-h' }, 'genops generelle grunde'),
      h('p', { class: 'help' }, 'Standarden nævner dem ikke, men alle kommuner kan bruge dem.'),
      h('ul', { class: 'text-list', id: 'std-general-reasons', 'aria-labelledby': 'std-general-reasons-h' },
        general.map((r) => h('li', { 'data-reason': r.id }, r.label)))) : null);
}

function contentPart(id, title, items, none) {
  if (!items || items.length === 0) return none ? part(id, title, empty(none)) : null;
  return part(id, title, textList(items));
}

function includesPart(c) {
  const inc = c.includes || [];
  const exc = c.excludes || [];
  if (!inc.length && !exc.length) return null;
  return part('std-indhold', 'Indhold',
    inc.length ? [h('h3', null, 'Træningen kan indeholde'), textList(inc)] : null,
    exc.length ? [h('h3', null, 'Træningen indeholder ikke'), textList(exc)] : null);
}

// The standard's target-group criteria (kind target_group of criteria):
// the conditions its text sets, which the visitator judges. Each is its
// own rule, so its words are its heading.
const targetCriteria = (std) => (std.criteria || []).filter((c) => c.kind === 'target_group');

function criterionItem(c, i, std) {
  const headingId = `std-rule-std-criteria-${i}`;
  const both = (std.paragraphs || []).length > 1;
  const paras = paragraphsText(c.paragraphs);
  return h('li', { class: 'rule', 'data-criterion': c.id, 'data-paragraphs': (c.paragraphs || []).join(' ') || null },
    h('article', { 'aria-labelledby': headingId },
      h('div', { class: 'rule-head' },
        h('h3', { id: headingId, class: 'criterion-text' }, c.text),
        both && paras ? h('span', { class: 'para-badge' }, paras) : null),
      sourceBlock(c.source)));
}

// Who can get training: the eligibility rules genop checks, then the
// criteria of the target group that the visitator judges. A refusal
// names one of them (or another ground) as its reason.
function eligibilityPart(std) {
  const rules = std.eligibility || [];
  const criteria = targetCriteria(std);
  return part('std-betingelser', 'Hvem kan få træning',
    rules.length
      ? [h('p', null, 'Betingelser, som genop kontrollerer for hver sag:'),
        ruleList('std-eligibility', rules, std, (r) => ELIGIBILITY_LABELS[r.id] || r.id)]
      : empty('Standarden stiller ingen betingelser, som genop kan kontrollere.'),
    criteria.length
      ? [h('h3', { id: 'std-criteria-h', class: 'criteria-heading' }, 'Målgruppen: betingelser, som visitator vurderer'),
        h('p', { class: 'help' }, 'Et afslag begrundes med en eller flere af betingelserne på denne side ',
          '(eller en anden begrundelse) og en konkret, individuel vurdering.'),
        h('ul', { class: 'rules', id: 'std-criteria', 'aria-labelledby': 'std-criteria-h' },
          criteria.map((c, i) => criterionItem(c, i, std)))]
      : null);
}

function deadlinesPart(std) {
  const rules = (std.deadlines || []).filter((d) => d.topic !== 'complaint');
  return part('std-frister', 'Frister',
    rules.length ? ruleList('std-deadlines', rules, std, (r) => r.label || r.id) : empty('Standarden lover ingen frister.'));
}

function limitsPart(std) {
  const rules = std.limits || [];
  return part('std-omfang', 'Omfang',
    rules.length ? ruleList('std-limits', rules, std, (r) => r.label || r.id)
      : empty('Standarden sætter ingen faste grænser for, hvor meget træning et forløb kan have.'));
}

// The attendance rule, and its admission rule where it has one.
function attendanceRules(a) {
  return [{ ...a, id: 'attendance' }].concat(a.admission ? [{ ...a.admission, id: 'admission' }] : []);
}

function attendancePart(std) {
  const a = std.attendance;
  const obligations = (std.content && std.content.obligations) || [];
  return part('std-fremmoede', 'Fremmøde',
    a ? ruleList('std-attendance', attendanceRules(a), std,
      (r) => (r.id === 'admission' ? 'Indlæggelse under forløbet'
        : a.counts === 'no_shows' ? 'Udeblivelser' : 'Udeblivelser og afbud'))
      : empty('Standarden sætter ingen grænse for udeblivelser.'),
    obligations.length ? [h('h3', null, 'Borgerens forpligtelser'), textList(obligations)] : null);
}

// What the standard requires documented of a course (Skive, Nyborg: the
// end status); no part when it requires nothing.
function documentationPart(std) {
  const end = (std.documentation || {}).end_status;
  if (!end) return null;
  return part('std-dokumentation', 'Dokumentation', ruleList('std-documentation', [end], std, () => 'Slutstatus'));
}

function complaintPart(std) {
  const rules = (std.deadlines || []).filter((d) => d.topic === 'complaint');
  const words = (std.content && std.content.complaints) || [];
  if (!rules.length && !words.length) {
    return part('std-klage', 'Klage', empty('Standarden siger ikke noget om klage.'));
  }
  return part('std-klage', 'Klage',
    words.length ? textList(words) : null,
    rules.length ? ruleList('std-complaints', rules, std, (r) => r.label || r.id) : null);
}

// Every rule with genop's reading of its text (the note), gathered in one
// place for the leader who answers for them: which reading was chosen and
// why, with a link to the rule. Keys match ruleList's heading ids.
function readingsPart(std) {
  const deadlines = std.deadlines || [];
  const lists = [
    ['std-eligibility', std.eligibility || [], (r) => ELIGIBILITY_LABELS[r.id] || r.id],
    ['std-criteria', targetCriteria(std), (r) => `Målgruppen: ${r.text}`],
    ['std-deadlines', deadlines.filter((d) => d.topic !== 'complaint'), (r) => r.label || r.id],
    ['std-limits', std.limits || [], (r) => r.label || r.id],
    ['std-attendance', std.attendance ? [std.attendance] : [], () => 'Fremmøde'],
    ['std-complaints', deadlines.filter((d) => d.topic === 'complaint'), (r) => r.label || r.id],
    ['std-documentation', (std.documentation || {}).end_status ? [std.documentation.end_status] : [], () => 'Slutstatus'],
  ];
  const both = (std.paragraphs || []).length > 1;
  // The standard's own reasons for ending a course and its revision.
  const more = [
    ...(std.closure_reasons || []).filter((r) => r.source).map((r) => [`std-reason-${r.id}`, r, `Grund til at afslutte: ${r.label}`]),
    ...(std.revision ? [['std-revision-h', std.revision, 'Revision af standarden']] : []),
  ];
  const items = lists.flatMap(([id, rules, labelOf]) => rules.map((r, i) => [`std-rule-${id}-${i}`, r, labelOf(r)]))
    .concat(more)
    .filter(([, r]) => r.source && r.source.note)
    .map(([target, r, label]) => h('li', null,
      h('a', { href: HREF, 'data-target': target, onclick: (e) => jumpTo(e, target) },
        label, both && r.paragraphs ? ` (${paragraphsText(r.paragraphs)})` : ''),
      r.source.law ? h('span', { class: 'para-badge' }, 'loven') : null,
      h('p', { class: 'note' }, r.source.note)));
  if (!items.length) return null;
  return part('std-laesninger', 'Sådan læser genop teksten',
    h('p', null, 'Hvor standardens tekst kan læses på mere end én måde, eller hvor den intet siger og loven gælder, ',
      'står her, hvilken læsning genop har valgt og hvorfor. Den samme forklaring står ved hver regel.'),
    h('ul', { class: 'text-list readings' }, items));
}

// Moves focus to the heading with id target (an in-page link).
function jumpTo(e, target) {
  e.preventDefault();
  const heading = document.getElementById(target);
  if (!heading) return;
  heading.setAttribute('tabindex', '-1');
  heading.scrollIntoView({ block: 'start' });
  heading.focus({ preventScroll: true });
}

// The list of parts at the top. Following one moves focus to its heading.
function contents(parts) {
  const items = parts.filter(Boolean).map((sec) => {
    const heading = sec.querySelector('h2');
    return h('li', null, h('a', {
      href: HREF,
      'data-target': heading.id,
      onclick: (e) => jumpTo(e, heading.id),
    }, heading.textContent));
  });
  return h('nav', { class: 'std-toc', 'aria-labelledby': 'std-toc-h' },
    h('h2', { id: 'std-toc-h', class: 'toc-heading' }, 'På denne side'),
    h('ul', null, items));
}

export async function render(main, _params, ctx) {
  const std = await get('/standard');
  if (ctx.stale()) return 'Kvalitetsstandard';
  const c = std.content || {};
  const muni = (std.municipality && std.municipality.name) || '';
  const parts = [
    aboutPart(std),
    contentPart('std-formaal', 'Formål', c.purpose),
    contentPart('std-maalgruppe', 'Målgruppe', c.target_group),
    eligibilityPart(std),
    includesPart(c),
    deadlinesPart(std),
    limitsPart(std),
    attendancePart(std),
    closurePart(std),
    documentationPart(std),
    complaintPart(std),
    contentPart('std-leverandoer', 'Hvem leverer træningen', c.provider),
    contentPart('std-kontakt', 'Kontakt', c.contact),
    readingsPart(std),
  ].filter(Boolean);
  replace(main,
    h('div', { class: 'page-head' },
      h('h1', null, 'Kvalitetsstandard', muni ? h('span', { class: 'h1-sub' }, ` – ${muni}`) : null),
      h('p', { class: 'lead', id: 'std-title' }, std.title || '')),
    revisionWarning(std.revision),
    h('div', { class: 'std-layout' }, contents(parts), h('div', { class: 'std-parts' }, parts)));
  return muni ? `Kvalitetsstandard – ${muni}` : 'Kvalitetsstandard';
}
