// Service-worker part of the privacy audit runner (issue 4).
// handlers: named messages this module answers, merged into sw.js's
// dispatcher ({ accept(sender), run(msg, sender) }).
//
// The runner opens the pages the core lists (auditPages) one after another
// in one background tab, collects what the content script read there, and
// has the core merge it (auditMerge). The core runs in the offscreen
// document, the same one strict-CSP pages use. Results stay in
// chrome.storage.local: `audits` (the trend) and `auditLatest` (the last
// full report, for the report page).

import { offscreenOpen, toOffscreen } from './offscreen-link.js';

const OFFSCREEN_URL = 'offscreen.html';
// VISIT_TIMEOUT_MS bounds one page: load, core start, the content
// script's own wait for lazy sections (READ_WAIT_MS) and the answer.
const VISIT_TIMEOUT_MS = 25000;
const READ_WAIT_MS = 6000;
export const KEEP_AUDITS = 20;

const TAB_CLOSED = 'the audit tab was closed';

// tabGone says whether the tab no longer exists (tabs.get needs no
// permission).
const tabGone = (tabId) => chrome.tabs.get(tabId).then(() => false, () => true);

// extensionPage is sw.js's ownPage: this extension's own pages.
let extensionPage = () => false;

// run is the audit in progress, or null. Only one runs at a time.
let run = null;
let lastError = '';
// resumed settles once a run left by a stopped worker has been taken up.
let resumed = Promise.resolve();

async function ensureCore() {
  if (!(await offscreenOpen())) {
    try {
      await chrome.offscreen.createDocument({
        url: OFFSCREEN_URL,
        reasons: ['DOM_PARSER'],
        justification: 'Runs the Boundary core on page markup when the page forbids WebAssembly.',
      });
    } catch (e) {
      // sw.js may have opened it meanwhile; only one may exist.
      if (!(await offscreenOpen())) throw e;
    }
  }
  for (let i = 0; i < 150; i++) {
    const r = await toOffscreen({ type: 'sw→offscreen:ping' }).catch(() => null);
    if (r && r.ready) return;
    await new Promise((res) => setTimeout(res, 20));
  }
  throw new Error('the offscreen core did not start');
}

async function callCore(name, ...args) {
  await ensureCore();
  const r = await toOffscreen({ type: 'sw→offscreen:call', name, args });
  if (!r || r.error) throw new Error(r ? r.error : 'no answer from the offscreen core');
  const out = JSON.parse(r.result);
  if (out && out.error) throw new Error(out.error);
  return out;
}

// clinicProfileJSON is the profile the clinic's policy sets, else the
// local one; the core reads the practice's Page address from it.
async function clinicProfileJSON() {
  const { clinicProfile, clinicPolicy } = await chrome.storage.local.get(['clinicProfile', 'clinicPolicy']);
  const pack = clinicPolicy && typeof clinicPolicy === 'object' ? clinicPolicy.pack : null;
  if (pack && pack.profile && typeof pack.profile === 'object') return JSON.stringify(pack.profile);
  return typeof clinicProfile === 'string' ? clinicProfile : '';
}

function status() {
  if (!run) return { running: false, error: lastError };
  return {
    running: true,
    steps: run.visits.map((v, i) => ({ title: v.title, state: run.states[i] })),
    done: run.states.filter((s) => s === 'done' || s === 'failed').length,
    total: run.visits.length,
  };
}

// visit opens one page in the audit tab and asks its content script to
// read it, until the answer, the tab's closing or the timeout. The worker
// asks; pages never announce themselves, so an ordinary facebook.com page
// load costs the worker nothing.
function visit(v, i) {
  return new Promise((resolve) => {
    const token = `${run.id}:${i}`;
    const tabId = run.tabId;
    let done = false;
    let asking = false;
    const timer = setTimeout(() => failed(`the page did not answer within ${VISIT_TIMEOUT_MS / 1000} s`), VISIT_TIMEOUT_MS);
    // The first 'loading' after the update is the new page's navigation:
    // from then on, the old page's content script can no longer answer.
    const onUpdated = (id, change) => {
      if (id === tabId && change.status === 'loading') ask();
    };
    function finish(entry) {
      if (done) return;
      done = true;
      clearTimeout(timer);
      chrome.tabs.onUpdated.removeListener(onUpdated);
      if (run.current && run.current.token === token) run.current = null;
      resolve(entry);
    }
    // failed finishes the visit with an error, unless the tab is gone:
    // then the reason is the closed tab, whichever of tabs.onRemoved and
    // a failing tabs call reaches the worker first.
    async function failed(error) {
      if (done) return;
      if (await tabGone(tabId)) {
        run.tabClosed = true;
        finish({ page: v.page, error: TAB_CLOSED });
        return;
      }
      finish({ page: v.page, error });
    }
    // ask retries while the content script is not there yet (no receiver)
    // or answers for another page (a late answer from the last one).
    async function ask() {
      if (asking) return;
      asking = true;
      while (!done) {
        const r = await chrome.tabs.sendMessage(tabId, { type: 'sw→content:audit-read', wait: READ_WAIT_MS }).catch(() => null);
        if (done) return;
        if (r && accept(r)) return;
        await new Promise((res) => setTimeout(res, 200));
      }
    }
    // accept finishes the visit with an answer for this page and says
    // whether it did.
    function accept(r) {
      if (typeof r.error === 'string') {
        finish({ page: v.page, error: `the page could not be read: ${r.error}` });
        return true;
      }
      const res = r.result;
      if (!res || typeof res !== 'object' || !Array.isArray(res.checks) || typeof res.page !== 'string') {
        finish({ page: v.page, error: 'the page sent a malformed answer' });
        return true;
      }
      if (res.page === v.page) {
        finish(res);
        return true;
      }
      if (res.page === 'unknown') {
        finish({ page: v.page, error: `the address ${res.url} is not the expected page` });
        return true;
      }
      return false;
    }
    run.current = { token, page: v.page, finish };
    chrome.tabs.onUpdated.addListener(onUpdated);
    chrome.tabs.update(tabId, { url: v.url }).catch((e) => failed(`could not open the page: ${e.message}`));
  });
}

// An audit in progress is kept in chrome.storage.session (memory only,
// this browser session) after every page, so a worker that the browser
// stops mid-way picks the audit up where it was when it next wakes (the
// popup's status poll, a content script's message, the audit tab's
// closing). Only what the pages said is kept there, which the report
// stores anyway.
const RUN_KEY = 'auditRun';

async function persist() {
  if (!run) return;
  const { id, visits, states, collected, tabId, tabClosed } = run;
  await chrome.storage.session.set({ [RUN_KEY]: { id, visits, states, collected, tabId, tabClosed } }).catch(() => {});
}

// validRun is the shape persist writes.
const validRun = (r) => r && typeof r === 'object' && typeof r.id === 'string' && Number.isInteger(r.tabId)
  && Array.isArray(r.visits) && r.visits.every((v) => v && typeof v.page === 'string' && typeof v.url === 'string')
  && Array.isArray(r.states) && r.states.length === r.visits.length
  && Array.isArray(r.collected) && r.collected.length <= r.visits.length;

async function audit() {
  const visits = await callCore('auditPages', await clinicProfileJSON());
  run.visits = visits;
  run.states = visits.map(() => 'pending');
  const tab = await chrome.tabs.create({ url: 'about:blank', active: false });
  run.tabId = tab.id;
  await persist();
  // A navigation started while the blank page is still loading can be
  // dropped, so let it settle first (tabs.get needs no permission).
  for (let i = 0; i < 50; i++) {
    const t = await chrome.tabs.get(tab.id).catch(() => null);
    if (!t || t.status === 'complete') break;
    await new Promise((r) => setTimeout(r, 40));
  }
  return proceed();
}

// proceed visits the pages not yet read, then merges and stores the report.
async function proceed() {
  const { visits, collected } = run;
  try {
    for (let i = collected.length; i < visits.length; i++) {
      if (run.tabClosed) {
        collected.push({ page: visits[i].page, error: TAB_CLOSED });
        run.states[i] = 'failed';
        continue;
      }
      run.states[i] = 'reading';
      const entry = await visit(visits[i], i);
      run.states[i] = entry.error ? 'failed' : 'done';
      collected.push(entry);
      await persist();
    }
  } finally {
    if (!run.tabClosed) await chrome.tabs.remove(run.tabId).catch(() => {});
  }
  const report = await callCore('auditMerge', JSON.stringify(collected));
  return save(report);
}

// resume takes up an audit that a stopped worker left; a page that was
// being read is read again. What cannot be taken up is dropped with a
// reason the popup shows, never left to block the next audit.
async function resume() {
  const { [RUN_KEY]: saved } = await chrome.storage.session.get(RUN_KEY).catch(() => ({}));
  if (saved === undefined) return;
  if (!validRun(saved)) {
    lastError = 'an interrupted audit could not be taken up; run it again';
    await chrome.storage.session.remove(RUN_KEY).catch(() => {});
    return;
  }
  run = { ...saved, current: null, states: saved.states.map((st, i) => (i < saved.collected.length ? st : 'pending')) };
  if (!run.tabClosed && (await tabGone(run.tabId))) run.tabClosed = true;
  lastError = '';
  launch(proceed);
}

// launch runs one audit step to its end, then frees the runner.
function launch(step) {
  step().catch((e) => { lastError = String(e && e.message); }).finally(() => {
    run = null;
    chrome.storage.session.remove(RUN_KEY).catch(() => {});
  });
}

// validEntry is the shape of one stored audit.
const validEntry = (e) => e && typeof e === 'object' && typeof e.date === 'string' && Number.isInteger(e.score)
  && e.score >= 0 && e.score <= 100 && e.statuses && typeof e.statuses === 'object';

async function save(report) {
  const date = new Date().toISOString();
  const statuses = {};
  for (const c of report.checks) statuses[c.id] = c.status;
  const entry = {
    date,
    score: report.score,
    ok: report.ok,
    risk: report.risk,
    unknown: report.unknown,
    findings: report.checks.filter((c) => c.status === 'risk').map((c) => c.id),
    statuses,
  };
  const { audits } = await chrome.storage.local.get('audits');
  let list = [];
  const extra = {};
  if (Array.isArray(audits) && audits.every(validEntry)) {
    list = audits;
  } else if (audits !== undefined) {
    // Never crash on what is stored, and never throw it away unseen.
    let raw;
    try { raw = JSON.stringify(audits); } catch { raw = String(audits); }
    extra.auditsCorrupt = { date, raw };
  }
  list = list.concat([entry]).slice(-KEEP_AUDITS);
  await chrome.storage.local.set({ ...extra, audits: list, auditLatest: { date, report } });
  return entry;
}

export const handlers = {
  'popup→sw:audit-start': {
    accept: (s) => extensionPage(s),
    async run() {
      await resumed;
      if (run) return { started: false, ...status() };
      run = { id: Date.now().toString(36), visits: [], states: [], collected: [], tabId: null, current: null, tabClosed: false };
      lastError = '';
      launch(audit);
      return { started: true };
    },
  },
  'popup→sw:audit-status': {
    accept: (s) => extensionPage(s),
    async run() {
      await resumed;
      return status();
    },
  },
};

// start runs once when the service worker starts.
export function start(ctx) {
  extensionPage = ctx.ownPage;
  resumed = resume().catch(() => {});
  chrome.tabs.onRemoved.addListener((tabId) => {
    if (!run || tabId !== run.tabId) return;
    run.tabClosed = true;
    if (run.current) run.current.finish({ page: run.current.page, error: TAB_CLOSED });
  });
}
