// The printable report of the last privacy audit (issue 4), built with DOM
// calls from the stored report. Every string, including what was read from
// Facebook pages, goes in with textContent; links are only the rule pack's
// https://www.facebook.com/ fix addresses.

const { t, fill, said, pieces } = globalThis.BoundaryI18n;
const $ = (id) => document.getElementById(id);
fill();
const STATUS_WORDS = { risk: t('report_statusRisk'), unknown: t('audit_stateFailed'), ok: t('report_statusOk') };
// Severities are the audit pack's ids; a new one shows as it is written.
const SEVERITY = { info: t('sev_info'), low: t('sev_low'), medium: t('sev_medium'), high: t('sev_high'), critical: t('sev_critical') };

function el(tag, text, attrs = {}) {
  const e = document.createElement(tag);
  if (text !== undefined) e.textContent = text;
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  return e;
}

const when = (iso) => {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? t('report_unknownDate') : d.toLocaleString(undefined, { dateStyle: 'long', timeStyle: 'short' });
};

const safeFixURL = (u) => typeof u === 'string' && u.startsWith('https://www.facebook.com/');
const str = (v) => (typeof v === 'string' ? v : '');

function row(dl, term, value) {
  if (!value) return;
  dl.append(el('dt', term));
  const dd = el('dd');
  if (value instanceof Node) dd.append(value); else dd.textContent = value;
  dl.append(dd);
}

function finding(c) {
  const status = ['risk', 'unknown', 'ok'].includes(c.status) ? c.status : 'unknown';
  const sec = el('section', undefined, { class: `finding ${status}`, id: `check-${str(c.id)}` });
  const h = el('h3');
  h.append(el('span', STATUS_WORDS[status], { class: 'tag status' }), el('span', SEVERITY[c.severity] || str(c.severity), { class: 'tag' }), document.createTextNode(str(said(c, 'message'))));
  sec.append(h);
  if (c.explanation) sec.append(el('p', str(said(c, 'explanation'))));
  const dl = el('dl');
  row(dl, t('report_check'), str(c.id));
  row(dl, t('report_found'), str(pieces(c.detail_why, str(c.detail))));
  if (status !== 'ok') {
    row(dl, t('report_whereToFix'), str(c.steps));
    if (safeFixURL(c.fix_url)) row(dl, t('report_fixLink'), el('a', c.fix_url, { href: c.fix_url, target: '_blank', rel: 'noopener noreferrer' }));
  }
  const guidance = Array.isArray(c.guidance_titles) ? c.guidance_titles.filter((g) => typeof g === 'string') : [];
  if (guidance.length) {
    const ul = el('ul');
    for (const g of guidance) ul.append(el('li', g));
    row(dl, t('report_guidance'), ul);
  }
  sec.append(dl);
  return sec;
}

async function show() {
  const { auditLatest, audits } = await chrome.storage.local.get(['auditLatest', 'audits']);
  const rep = auditLatest && auditLatest.report;
  if (!rep || !Array.isArray(rep.checks)) {
    $('meta').textContent = t('report_none');
    return;
  }
  $('meta').textContent = t('report_meta', when(auditLatest.date), (Array.isArray(rep.page_titles) ? rep.page_titles : rep.pages || []).join(', ') || t('report_noPages'));
  const sum = $('summary');
  sum.append(
    el('div', `${rep.score}/100`, { class: 'big', id: 'score' }),
    el('div', t('report_summary', rep.risk, rep.unknown, rep.ok)),
  );
  sum.hidden = false;
  if (Array.isArray(audits) && audits.length > 1) {
    for (const a of audits.slice(-10)) {
      if (a && typeof a.date === 'string' && Number.isInteger(a.score)) $('trend').append(el('li', `${when(a.date)}: ${a.score}/100`));
    }
    $('trend-sec').hidden = false;
  }
  // The core already ordered the findings: most severe first, then risk,
  // could-not-read and fine.
  $('findings').replaceChildren(...rep.checks.map(finding));
}

$('print').addEventListener('click', () => window.print());
show();
