// Privacy audit in real Chromium with the built extension: the popup's
// "Run privacy audit" opens the testbed's settings, About, group and review
// pages in one background tab; the statuses stored for each check must be
// the testbed's ground truth for the account state (served by the testbed,
// derived from the state definitions), in English and German, with lazily
// loaded About sections; a UI language without labels reads "unknown",
// never "ok"; the trend is stored and shown; corrupt stored data is kept
// aside; page text that looks like markup stays text.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { ROOT, startTestbed, launch, isolated, waitStats } from './harness.mjs';

const PRACTICE = 'https://www.facebook.com/springfieldfamilypractice';
const AUDIT_TIMEOUT = 240000;

// The checks as the rule pack defines them; a check with embedded-data
// references can be read in any UI language, the others need labels.
const checks = readdirSync(path.join(ROOT, 'rules/audit'))
  .filter((f) => f.endsWith('.json') && !f.startsWith('_'))
  .map((f) => JSON.parse(readFileSync(path.join(ROOT, 'rules/audit', f), 'utf8')));
const checkIDs = checks.map((c) => c.id).sort();
const needsLabels = new Set(checks.filter((c) => !(c.read.data && c.read.data.length)).map((c) => c.id));
const severity = Object.fromEntries(checks.map((c) => [c.id, c.severity]));

let tb;
let br;
let popup;

before(async () => {
  tb = await startTestbed({});
  br = await launch({ port: tb.port, netLog: false });
  await inWorker((p) => chrome.storage.local.set({ clinicProfile: JSON.stringify({ practice_name: 'Springfield Family Practice', business_page_url: p }) }), PRACTICE);
  popup = await br.context.newPage();
  await popup.goto(`chrome-extension://${br.extensionId}/popup.html`);
});

after(async () => {
  if (br) await br.close();
  if (tb) tb.stop();
});

// account chooses what the testbed's Facebook shows, by cookie, so the
// extension visits the real addresses.
async function account({ state, locale, lazy = 0, csp = '', stall = '' }) {
  await br.context.clearCookies();
  await br.context.addCookies([
    { name: 'testbed_state', value: state, url: 'https://www.facebook.com' },
    { name: 'testbed_locale', value: locale, url: 'https://www.facebook.com' },
    { name: 'testbed_lazy', value: String(lazy === true ? 1 : lazy), url: 'https://www.facebook.com' },
    { name: 'testbed_csp', value: csp, url: 'https://www.facebook.com' },
    { name: 'testbed_stall', value: stall, url: 'https://www.facebook.com' },
  ]);
}

async function groundTruth(state) {
  const p = await br.context.newPage();
  const resp = await p.goto(`https://www.facebook.com/__testbed/privacy/expected?state=${state}`);
  const truth = await resp.json();
  await p.close();
  assert.deepEqual(Object.keys(truth).sort(), checkIDs, 'the ground truth covers every check');
  return truth;
}

// inWorker evaluates in the extension's service worker as it is now: one
// test has the browser stop it, and a fresh instance takes its place.
async function inWorker(f, arg) {
  for (let attempt = 0; ; attempt++) {
    const w = br.context.serviceWorkers().find((x) => x.url().startsWith(`chrome-extension://${br.extensionId}/`))
      || await br.context.waitForEvent('serviceworker', { timeout: 15000 });
    try {
      return await w.evaluate(f, arg);
    } catch (e) {
      // A handle to the stopped instance may linger for a moment.
      if (attempt >= 20 || !/restarted|closed/.test(e.message)) throw e;
      await new Promise((r) => setTimeout(r, 250));
    }
  }
}

const stored = () => inWorker(() => chrome.storage.local.get(null));

// runAudit presses the popup's button and waits until the audit is stored.
async function runAudit() {
  const before = (await stored()).audits;
  const n = Array.isArray(before) ? before.length : 0;
  const t0 = Date.now();
  await popup.click('#audit-run');
  const deadline = Date.now() + AUDIT_TIMEOUT;
  for (;;) {
    const s = await stored();
    const st = await popup.evaluate(() => document.getElementById('audit-state').textContent);
    if (Array.isArray(s.audits) && s.auditLatest && (s.audits.length > n || (n === 20 && s.auditLatest.date !== before[n - 1].date))) {
      await popup.waitForFunction(() => !document.getElementById('audit-run').disabled, null, { timeout: 10000 });
      return { ...s, ms: Date.now() - t0 };
    }
    if (st.startsWith('The audit stopped') || st.startsWith('Could not start')) throw new Error(st);
    if (Date.now() > deadline) throw new Error(`audit did not finish; popup says ${st}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

const statuses = (rep) => Object.fromEntries(rep.checks.map((c) => [c.id, c.status]));

function assertTruth(rep, truth, what) {
  const got = statuses(rep);
  for (const id of checkIDs) {
    const c = rep.checks.find((x) => x.id === id);
    assert.equal(got[id], truth[id], `${what}: ${id} is ${got[id]} (${c && c.detail}), want ${truth[id]}`);
  }
  // Findings come most severe first.
  const rank = { info: 0, low: 1, medium: 2, high: 3, critical: 4 };
  for (let i = 1; i < rep.checks.length; i++) {
    assert.ok(rank[rep.checks[i - 1].severity] >= rank[rep.checks[i].severity], `${what}: findings not ordered by severity at ${i}`);
  }
}

test('private account in English, over corrupt stored audits: every check reads as the state says', async () => {
  await inWorker(() => chrome.storage.local.set({ audits: '{"not": a list' }));
  await account({ state: 'private', locale: 'en_US' });
  const truth = await groundTruth('private');
  assert.ok(Object.values(truth).every((s) => s === 'ok'), 'the private state is all safe settings');
  const s = await runAudit();
  assertTruth(s.auditLatest.report, truth, 'private en');
  assert.equal(s.auditLatest.report.score, 100);
  assert.equal(s.auditLatest.report.risk, 0);
  assert.equal(s.audits.length, 1, 'a fresh list after corrupt data');
  assert.equal(s.auditsCorrupt.raw, JSON.stringify('{"not": a list'), 'the corrupt value is kept aside');
  assert.deepEqual(s.audits[0].statuses, truth);
  // The audit tab is gone and the popup's tab is still there.
  const fb = br.context.pages().filter((p) => p.url().startsWith('https://www.facebook.com/') && !p.url().includes('__testbed'));
  assert.equal(fb.length, 0, `audit tab left open: ${fb.map((p) => p.url())}`);
  console.log(`private en audit: ${s.ms} ms`);
});

test('public account in German: every check is a risk, score 0', async () => {
  await account({ state: 'public', locale: 'de_DE' });
  const truth = await groundTruth('public');
  const s = await runAudit();
  assertTruth(s.auditLatest.report, truth, 'public de');
  assert.equal(s.auditLatest.report.score, 0);
  assert.equal(s.auditLatest.report.risk, checkIDs.length);
  // German pages give German menu paths.
  const phone = s.auditLatest.report.checks.find((c) => c.id === 'lookup_by_phone');
  assert.match(phone.steps, /Einstellungen/);
  console.log(`public de audit: ${s.ms} ms`);
});

test('mixed account, About sections loaded lazily, in both languages; trend stored and shown', async () => {
  const truth = await groundTruth('mixed');
  assert.ok(Object.values(truth).includes('ok') && Object.values(truth).includes('risk'), 'mixed has both');
  const scores = [];
  for (const locale of ['en_US', 'de_DE']) {
    await account({ state: 'mixed', locale, lazy: true });
    const s = await runAudit();
    assertTruth(s.auditLatest.report, truth, `mixed ${locale}`);
    // The score follows from the truth and the severities.
    const w = (id) => ({ info: 1, low: 2, medium: 4, high: 8, critical: 16 })[severity[id]];
    const ok = checkIDs.filter((id) => truth[id] === 'ok').reduce((a, id) => a + w(id), 0);
    const all = checkIDs.reduce((a, id) => a + w(id), 0);
    assert.equal(s.auditLatest.report.score, Math.floor((100 * ok) / all));
    scores.push(s.auditLatest.report.score);
    console.log(`mixed ${locale} lazy audit: ${s.ms} ms`);
  }
  const { audits } = await stored();
  assert.deepEqual(audits.map((a) => a.score), [100, 0, ...scores]);
  for (const a of audits) assert.ok(!Number.isNaN(Date.parse(a.date)));
  assert.deepEqual([...audits[3].findings].sort(), checkIDs.filter((id) => truth[id] === 'risk'));
  // The popup shows the last score, the trend and how it moved.
  await popup.reload();
  await popup.waitForSelector('#audit-score');
  assert.equal(await popup.textContent('#audit-score'), `Score ${scores[1]}/100`);
  const trend = await popup.$$eval('#audit-trend li', (lis) => lis.map((li) => li.textContent));
  assert.deepEqual(trend.map((t) => t.replace(/^.*: /, '')), ['100/100', '0/100', `${scores[0]}/100`, `${scores[1]}/100`]);
  assert.equal(await popup.textContent('#audit-trend-note'), 'No change since the previous audit.');
  assert.equal(await popup.getAttribute('#audit-trend', 'aria-label'), 'Scores of recent audits, oldest first');
  const top = await popup.$$eval('#audit-top li', (lis) => lis.map((li) => li.textContent));
  assert.ok(top.length > 0 && top.every((t) => t.startsWith('high: ')), `top findings: ${top}`);
});

test('pages whose CSP forbids WebAssembly are read by the offscreen core', async () => {
  await account({ state: 'mixed', locale: 'de_DE', csp: 'strict' });
  const truth = await groundTruth('mixed');
  const s = await runAudit();
  assertTruth(s.auditLatest.report, truth, 'mixed de strict CSP');
  console.log(`strict-CSP audit: ${s.ms} ms`);
  // The same pages really run the core offscreen.
  const page = await br.context.newPage();
  await page.goto('https://www.facebook.com/settings?tab=privacy');
  const st = await waitStats(page, (x) => x.firstScan > 0, { what: 'core ready' });
  assert.equal(st.mode, 'offscreen');
  await page.close();
});

test('a UI language the audit has no labels for reads "unknown", never "ok"', async () => {
  await account({ state: 'private', locale: 'fr_FR' });
  const truth = await groundTruth('private');
  const s = await runAudit();
  const got = statuses(s.auditLatest.report);
  for (const id of checkIDs) {
    if (needsLabels.has(id)) {
      assert.equal(got[id], 'unknown', `${id} on French pages: ${got[id]}`);
      const c = s.auditLatest.report.checks.find((x) => x.id === id);
      assert.match(c.detail, /^could not read/);
    } else {
      // Embedded page data is language-free and still reads.
      assert.equal(got[id], truth[id], `${id} from embedded data`);
    }
  }
  assert.ok(needsLabels.size >= 8, 'About, lock, posts, groups and reviews need labels');
  const { audits } = await stored();
  assert.equal(audits.at(-1).unknown, needsLabels.size);
  assert.equal(audits.length, 6);
  // The popup says so, and the trend notes the change in score.
  await popup.reload();
  await popup.waitForSelector('#audit-counts');
  assert.match(await popup.textContent('#audit-counts'), new RegExp(`${needsLabels.size} could not be read`));
});

test('page text that looks like markup stays text in the popup and the report', async () => {
  await account({ state: 'hostile', locale: 'en_US' });
  const truth = await groundTruth('hostile');
  const s = await runAudit();
  assertTruth(s.auditLatest.report, truth, 'hostile');
  const work = s.auditLatest.report.checks.find((c) => c.id === 'about_work_visible');
  assert.ok(work.detail.includes('<img src=x onerror='), `the workplace's name is reported as read: ${work.detail}`);

  await popup.reload();
  await popup.waitForSelector('#audit-top');
  const topText = await popup.textContent('#audit-top');
  assert.ok(topText.includes('<img src=x onerror='), 'popup shows the name as text');
  assert.equal(await popup.$$eval('#audit-sec img', (x) => x.length), 0);
  assert.equal(await popup.evaluate(() => document.documentElement.dataset.pwned), undefined);

  const [report] = await Promise.all([br.context.waitForEvent('page'), popup.click('#audit-report')]);
  await report.waitForSelector('#check-about_work_visible');
  assert.equal(await report.$$eval('img', (x) => x.length), 0);
  assert.equal(await report.evaluate(() => document.documentElement.dataset.pwned), undefined);
  const card = await report.textContent('#check-about_work_visible');
  assert.ok(card.includes('<img src=x onerror='), 'report shows the name as text');
  // Findings in severity order, each risk with its menu path, deep link
  // and guidance; printable.
  const ids = await report.$$eval('#findings > section', (secs) => secs.map((x) => x.id.replace('check-', '')));
  assert.deepEqual(ids, s.auditLatest.report.checks.map((c) => c.id));
  const risk = await report.$eval('#findings > section.risk', (sec) => ({
    text: sec.textContent, link: sec.querySelector('a[href]') && sec.querySelector('a[href]').href,
  }));
  assert.match(risk.text, /Where to fix it/);
  assert.match(risk.text, /Guidance/);
  assert.match(risk.link, /^https:\/\/www\.facebook\.com\//);
  await report.emulateMedia({ media: 'print' });
  assert.equal(await report.$eval('.actions', (e) => getComputedStyle(e).display), 'none');
  assert.equal(await report.textContent('#score'), `${s.auditLatest.report.score}/100`);
  await report.close();
});

// firstPageRead waits until the popup shows this run's first page read.
async function firstPageRead() {
  await popup.waitForFunction(() => document.querySelector('#audit-progress:not([hidden]) li[data-state="done"]'), null, { timeout: 60000 });
}

// closeAuditTab closes the audit's tab, as the user would, through the
// browser's tabs; the running audit keeps its tab in session storage.
async function closeAuditTab() {
  const closed = await inWorker(async () => {
    const { auditRun } = await chrome.storage.session.get('auditRun');
    if (!auditRun || !Number.isInteger(auditRun.tabId)) return 'no audit is running';
    await chrome.tabs.remove(auditRun.tabId);
    return auditRun.tabId;
  });
  assert.ok(Number.isInteger(closed), `closed the audit tab: ${closed}`);
}

test('closing the audit tab mid-way leaves the unread checks "unknown"; the trend keeps the last 20', async () => {
  await account({ state: 'private', locale: 'en_US' });
  // A full history: the oldest entry must make room.
  const old = Array.from({ length: 20 }, (_, i) => ({
    date: new Date(Date.UTC(2026, 0, 1 + i)).toISOString(), score: i, ok: 0, risk: 0, unknown: 0, findings: [], statuses: {},
  }));
  await inWorker((a) => chrome.storage.local.set({ audits: a }), old);
  const latestBefore = (await stored()).auditLatest?.date;
  await popup.click('#audit-run');
  // Let the first page be read, then close the tab.
  await firstPageRead();
  // From now on every page stalls, so the audit cannot be over before the
  // tab is closed, whatever the order of its pages and however fast or
  // slow this machine runs.
  await br.context.addCookies([{ name: 'testbed_stall', value: '/', url: 'https://www.facebook.com' }]);
  await closeAuditTab();
  const deadline = Date.now() + 60000;
  let s;
  for (;;) {
    s = await stored();
    if (s.auditLatest && s.auditLatest.date !== latestBefore) break;
    if (Date.now() > deadline) throw new Error('audit did not finish after its tab closed');
    await new Promise((r) => setTimeout(r, 250));
  }
  const got = statuses(s.auditLatest.report);
  const unknown = checkIDs.filter((id) => got[id] === 'unknown');
  assert.ok(unknown.length > 0 && unknown.length < checkIDs.length, `unknown: ${unknown}`);
  for (const id of checkIDs) assert.ok(got[id] === 'unknown' || got[id] === 'ok', `${id}: ${got[id]} on an all-safe account`);
  const closed = s.auditLatest.report.checks.filter((c) => /audit tab was closed/.test(c.detail));
  assert.ok(closed.length > 0, `the reason is given: ${JSON.stringify(s.auditLatest.report.checks.map((c) => c.detail))}`);
  assert.equal(s.audits.length, 20);
  assert.deepEqual(s.audits.slice(0, 19).map((a) => a.score), old.slice(1).map((a) => a.score));
  assert.equal(s.audits[19].date, s.auditLatest.date);
});

// stopWorker has the browser stop the extension's service worker, as it
// does with an idle one; the next event starts a fresh instance.
async function stopWorker() {
  const page = await br.context.newPage();
  await page.goto('https://www.facebook.com/__testbed/privacy/expected?state=private');
  const cdp = await br.context.newCDPSession(page);
  const versions = [];
  cdp.on('ServiceWorker.workerVersionUpdated', (e) => versions.push(...e.versions));
  await cdp.send('ServiceWorker.enable');
  const deadline = Date.now() + 10000;
  let v;
  while (!(v = versions.find((x) => x.scriptURL.startsWith(`chrome-extension://${br.extensionId}/`) && x.runningStatus === 'running'))) {
    if (Date.now() > deadline) throw new Error('the extension\'s worker is not listed as running');
    await new Promise((r) => setTimeout(r, 100));
  }
  await cdp.send('ServiceWorker.stopWorker', { versionId: v.versionId });
  await cdp.detach();
  await page.close();
}

test('a worker stopped mid-way takes the audit up again and reads every page', async () => {
  await account({ state: 'public', locale: 'en_US' });
  const truth = await groundTruth('public');
  const latestBefore = (await stored()).auditLatest?.date;
  await inWorker(() => { globalThis.boundaryTestMark = 'before'; });
  await popup.click('#audit-run');
  await firstPageRead();
  // Hold the next page back, so the worker stops while a page hangs; the
  // fresh worker's request for it again is answered.
  await br.context.addCookies([{ name: 'testbed_stall', value: '/', url: 'https://www.facebook.com' }]);
  await popup.waitForTimeout(1500);
  await br.context.addCookies([{ name: 'testbed_stall', value: '', url: 'https://www.facebook.com' }]);
  assert.ok((await popup.textContent('#audit-state')).startsWith('Reading page'), 'the audit is still running');
  await stopWorker();
  // The popup's status poll wakes a fresh worker, which takes the run up.
  const deadline = Date.now() + AUDIT_TIMEOUT;
  let s;
  for (;;) {
    s = await stored();
    if (s.auditLatest && s.auditLatest.date !== latestBefore) break;
    if (Date.now() > deadline) throw new Error(`audit did not finish after the worker stopped; popup says ${await popup.textContent('#audit-state')}`);
    await new Promise((r) => setTimeout(r, 250));
  }
  assert.equal(await inWorker(() => globalThis.boundaryTestMark), undefined, 'the worker was not restarted');
  assertTruth(s.auditLatest.report, truth, 'after a worker restart');
  assert.equal(s.auditLatest.report.unknown, 0);
  assert.deepEqual(await inWorker(() => chrome.storage.session.get('auditRun')), {}, 'the run is cleared once stored');
  await popup.waitForFunction(() => !document.getElementById('audit-run').disabled, null, { timeout: 10000 });
});

test('a page that never finishes loading times out, and its checks are "unknown"', async () => {
  await account({ state: 'public', locale: 'en_US', stall: '/groups' });
  const truth = await groundTruth('public');
  const s = await runAudit();
  const got = statuses(s.auditLatest.report);
  const groups = s.auditLatest.report.checks.find((c) => c.id === 'community_groups');
  assert.equal(groups.status, 'unknown');
  assert.match(groups.detail, /^could not read: the page did not answer within \d+ s/);
  for (const id of checkIDs) if (id !== 'community_groups') assert.equal(got[id], truth[id], id);
  assert.ok(s.ms >= 20000, `the runner waited ${s.ms} ms`);
});

test('the content script waits for lazily loaded sections, and answers the worker when asked', async () => {
  await account({ state: 'public', locale: 'en_US', lazy: 12000 });
  const page = await br.context.newPage();
  await page.goto('https://www.facebook.com/me/about');
  await waitStats(page, (st) => st.firstScan > 0, { what: 'core ready' });
  // The sections are still held back when the worker asks.
  assert.equal(await page.$$eval('template[data-lazy]', (t) => t.length), 1, 'the About sections arrived before the test could ask');
  const answers = await inWorker(async () => {
    const tabs = await chrome.tabs.query({});
    const out = [];
    for (const t of tabs) {
      const r = await chrome.tabs.sendMessage(t.id, { type: 'sw→content:audit-read', wait: 20000 }).catch(() => null);
      if (r) out.push(r);
    }
    return out;
  });
  assert.equal(answers.length, 1, 'exactly the Facebook tab answers');
  const res = answers[0].result;
  assert.equal(res.page, 'about');
  for (const c of res.checks) assert.equal(c.status, 'risk', `${c.id}: ${c.status} (${c.detail})`);
  const st = await isolated(page, 'globalThis.__boundaryStats.audit');
  assert.ok(st.rounds > 1, `read ${st.rounds} time(s); the first read must have found the sections missing`);
  await page.close();
});
