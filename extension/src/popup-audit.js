// Popup: "Run privacy audit", its progress, the score and the trend (issue 4). Owns #audit-sec.
// Everything shown is set with textContent: findings carry text read from
// pages (a workplace's name, a group's), which must never become markup.

const { t, said, pieces } = globalThis.BoundaryI18n;
const sec = document.getElementById('audit-sec');
const STATE_WORDS = { pending: t('audit_stateWaiting'), reading: t('audit_stateReading'), done: t('audit_stateRead'), failed: t('audit_stateFailed') };
// Severities are the audit pack's ids; a new one shows as it is written.
const SEVERITY = { info: t('sev_info'), low: t('sev_low'), medium: t('sev_medium'), high: t('sev_high'), critical: t('sev_critical') };
const TREND_SHOWN = 5;

function el(tag, text, attrs = {}) {
  const e = document.createElement(tag);
  if (text !== undefined) e.textContent = text;
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  return e;
}

const when = (iso) => {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? t('audit_unknownDate') : d.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
};

sec.replaceChildren(
  el('h2', t('audit_title')),
  el('button', t('audit_run'), { id: 'audit-run', type: 'button', class: 'primary' }),
  el('p', '', { id: 'audit-state', role: 'status', 'aria-live': 'polite' }),
  el('ol', undefined, { id: 'audit-progress', 'aria-label': t('audit_progress'), hidden: '' }),
  el('div', undefined, { id: 'audit-result' }),
);
sec.hidden = false;
const $ = (id) => document.getElementById(id);

// trendNote compares the last two audits in words.
function trendNote(list) {
  if (list.length < 2) return t('audit_trendFirst');
  const a = list[list.length - 2].score;
  const b = list[list.length - 1].score;
  if (b > a) return t('audit_trendUp', b - a);
  if (b < a) return t('audit_trendDown', a - b);
  return t('audit_trendSame');
}

function showResult(audits, latest) {
  const box = $('audit-result');
  const list = Array.isArray(audits) ? audits.filter((e) => e && Number.isInteger(e.score) && typeof e.date === 'string') : [];
  if (list.length === 0) {
    box.replaceChildren(el('p', t('audit_none')));
    return;
  }
  const last = list[list.length - 1];
  const parts = [
    el('p', t('audit_score', last.score), { id: 'audit-score', class: 'score' }),
    el('p', t('audit_counts', last.risk, last.unknown, last.ok, when(last.date)), { id: 'audit-counts' }),
  ];
  const report = latest && latest.report && Array.isArray(latest.report.checks) ? latest.report : null;
  if (report) {
    const top = report.checks.filter((c) => c.status === 'risk').slice(0, 3);
    if (top.length) {
      const ul = el('ul', undefined, { id: 'audit-top', 'aria-label': t('audit_top') });
      for (const c of top) {
        const li = el('li');
        li.append(el('strong', `${SEVERITY[c.severity] || c.severity}: `), document.createTextNode(String(said(c, 'message'))));
        if (c.detail) {
          const found = el('small', t('audit_found', pieces(c.detail_why, c.detail)));
          found.style.overflowWrap = 'anywhere';
          li.append(el('br'), found);
        }
        ul.append(li);
      }
      parts.push(ul);
    }
  }
  const trend = el('ol', undefined, { id: 'audit-trend', 'aria-label': t('audit_trendLabel') });
  for (const e of list.slice(-TREND_SHOWN)) trend.append(el('li', `${when(e.date)}: ${e.score}/100`));
  parts.push(el('h3', t('audit_trend')), trend, el('p', trendNote(list), { id: 'audit-trend-note' }));
  const link = el('a', t('audit_openReport'), { id: 'audit-report', href: 'report.html', target: '_blank', rel: 'noopener' });
  const linkP = el('p');
  linkP.append(link);
  parts.push(linkP);
  box.replaceChildren(...parts);
}

function showProgress(st) {
  const ol = $('audit-progress');
  if (!st.running) {
    ol.hidden = true;
    ol.replaceChildren();
    $('audit-run').disabled = false;
    $('audit-state').textContent = st.error ? t('audit_stopped', st.error) : '';
    return;
  }
  $('audit-run').disabled = true;
  ol.hidden = false;
  $('audit-state').textContent = st.total ? t('audit_readingPage', Math.min(st.done + 1, st.total), st.total) : t('audit_starting');
  ol.replaceChildren(...(st.steps || []).map((s) => el('li', `${s.title}: ${STATE_WORDS[s.state] || s.state}`, { 'data-state': s.state })));
}

async function refresh() {
  const [st, stored] = await Promise.all([
    chrome.runtime.sendMessage({ type: 'popup→sw:audit-status' }).catch(() => null),
    chrome.storage.local.get(['audits', 'auditLatest']),
  ]);
  if (st && !st.error) showProgress(st);
  showResult(stored.audits, stored.auditLatest);
  return st;
}

let polling = null;
function poll() {
  if (polling) return;
  polling = setInterval(async () => {
    const st = await refresh();
    if (!st || !st.running) {
      clearInterval(polling);
      polling = null;
    }
  }, 400);
}

$('audit-run').addEventListener('click', async () => {
  $('audit-run').disabled = true;
  $('audit-state').textContent = t('audit_starting');
  const r = await chrome.runtime.sendMessage({ type: 'popup→sw:audit-start' }).catch((e) => ({ error: e.message }));
  if (r && r.error) {
    $('audit-state').textContent = t('audit_couldNotStart', r.error);
    $('audit-run').disabled = false;
    return;
  }
  poll();
});

refresh().then((st) => { if (st && st.running) poll(); });
