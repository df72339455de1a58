// Messenger in real Chromium with the built extension: category badges on
// every conversation row and a banner on clinical conversations, checked
// against the testbed's ground truth (threads.json) on every surface —
// /messages/t/, /messages/e2ee/t/, message requests, chat windows docked on
// facebook.com, www.messenger.com — in English and German, in the second
// markup build and under the strict CSP (offscreen core). A message that
// arrives while the page is open updates the row and the banner; hostile
// message text stays inert; the popup counts each thread once a day; and
// nothing leaves the browser.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, mkdtempSync } from 'node:fs';
import path from 'node:path';
import { tmpdir } from 'node:os';
import {
  ROOT, startTestbed, launch, importPatients, waitStats, isolated, marks, offSiteRequests,
} from './harness.mjs';

const threads = JSON.parse(readFileSync(path.join(ROOT, 'wasm/testbed/data/threads.json'), 'utf8'));
const byId = new Map(threads.map((t) => [t.id, t]));
const inbox = threads.filter((t) => !t.request);
const requests = threads.filter((t) => t.request);
const csvPath = path.join(ROOT, 'wasm/testbed/data/patients.csv');
const logDir = mkdtempSync(path.join(tmpdir(), 'boundary-msg-'));
const testbedLog = path.join(logDir, 'testbed.jsonl');

// Categories, most severe first (wasm/triage), and the badge wording.
const ORDER = ['emergency', 'sensitive_info', 'complaint', 'medical_question', 'appointment_admin', 'personal'];
const LABEL = {
  emergency: 'Emergency', sensitive_info: 'Sensitive information', complaint: 'Complaint',
  medical_question: 'Medical question', appointment_admin: 'Appointment / admin', personal: 'Personal',
};

// truth is a thread's ground-truth category over the messages a page makes
// known: the most severe label among them (emergency first).
function truth(messages) {
  let best = 'personal';
  for (const m of messages) if (ORDER.indexOf(m.label) < ORDER.indexOf(best)) best = m.label;
  return best;
}

// known: the open conversation's every message is on the page (markup and
// embedded data); of any other thread, the list shows the last one.
const known = (t, openId) => (t.id === openId ? t.messages : t.messages.slice(-1));

let tb;
let br;
const dialogs = [];
const agreement = { rows: 0, clinicalAgree: 0, exact: 0 };

before(async () => {
  tb = await startTestbed({ logFile: testbedLog });
  br = await launch({ port: tb.port });
  const said = await importPatients(br.context, br.extensionId, csvPath);
  assert.match(said, /^Imported \d+ people/);
});

after(async () => {
  if (br) await br.close();
  if (tb) tb.stop();
  if (agreement.rows > 0) {
    console.log(`# rows checked: ${agreement.rows}; clinical-vs-personal agrees with threads.json on ${agreement.clinicalAgree}, category on ${agreement.exact}; banners shown iff clinical on ${agreement.bannerAgree || 0} of ${agreement.banners || 0} conversations`);
  }
});

async function openPage(url) {
  const page = await br.context.newPage();
  page.on('dialog', (d) => { dialogs.push(d.message()); d.dismiss().catch(() => {}); });
  await page.goto(url);
  await waitStats(page, (s) => s.firstScan > 0, { what: 'first scan' });
  return page;
}

// settle waits until the content script's scans have been quiet a while.
async function settle(page) {
  let prev = '';
  let same = 0;
  for (let i = 0; i < 80 && same < 3; i++) {
    const s = await isolated(page, 'JSON.stringify({n: globalThis.__boundaryStats.scans.length})');
    same = s === prev ? same + 1 : 0;
    prev = s;
    await page.waitForTimeout(200);
  }
}

// scrollThreads scrolls the thread list (its own scrolling grid) until the
// lazy loading brings no more rows.
async function scrollThreads(page) {
  let last = -1;
  let stable = 0;
  for (let i = 0; i < 40 && stable < 3; i++) {
    const n = await page.evaluate(() => {
      const rows = document.querySelectorAll('[role=navigation] [role=grid] [role=row]');
      if (rows.length) rows[rows.length - 1].scrollIntoView({ block: 'end' });
      return rows.length;
    });
    stable = n === last ? stable + 1 : 0;
    last = n;
    await page.waitForTimeout(300);
  }
  return last;
}

function categoryOf(mark) {
  const m = /cat-([a-z_]+)/.exec(mark.cls || '');
  return m ? m[1] : '';
}

// checkRows asserts one badge per thread row, drawn in a closed shadow
// root with the category's wording, and that every emergency thread (by
// threads.json) shows as one. Other categories are tallied: the detector's
// accuracy is a figure, reported in after().
function checkRows(found, { openId, expectIds, where }) {
  const rowMarks = found.filter((m) => m.where === 'row');
  const ids = rowMarks.map((m) => m.thread);
  assert.equal(new Set(ids).size, ids.length, `${where}: a row has two badges`);
  assert.deepEqual([...ids].sort(), [...expectIds].sort(), `${where}: rows with badges`);
  const misses = [];
  for (const m of rowMarks) {
    const t = byId.get(m.thread);
    assert.ok(t, `${where}: badge on unknown thread ${m.thread}`);
    assert.equal(m.shadowMode, 'closed');
    const cat = categoryOf(m);
    assert.ok(ORDER.includes(cat), `${where}: badge class ${m.cls}`);
    assert.ok(m.pill.endsWith(LABEL[cat]), `${where}: pill says ${m.pill} for ${cat}`);
    assert.match(m.label, new RegExp(`^Boundary: ${LABEL[cat].replace('/', '\\/')}`));
    const want = truth(known(t, openId));
    if (want === 'emergency') assert.equal(cat, 'emergency', `${where}: emergency thread ${t.name} shows ${cat} (${m.text})`);
    if (t.patient) assert.match(m.text, new RegExp(`patient ${t.patient.split(',')[0]}`), `${where}: ${t.name} is a patient`);
    if (t.request) assert.match(m.text, /message request from someone who is not your friend/, `${where}: ${t.name} is a request`);
    agreement.rows++;
    if ((cat === 'personal') === (want === 'personal')) agreement.clinicalAgree++;
    else misses.push(`${t.name}: ${cat} vs ${want}`);
    if (cat === want) agreement.exact++;
  }
  return misses;
}

function checkBanner(found, { threadId, where, where2 = 'conversation' }) {
  const t = byId.get(threadId);
  const want = truth(t.messages);
  const banners = found.filter((m) => m.tag === 'boundary-banner' && m.thread === threadId && m.where === where2);
  if (want === 'emergency') {
    assert.equal(banners.length, 1, `${where}: emergency conversation ${t.name} has no banner`);
    assert.equal(banners[0].role, 'alert');
    assert.match(banners[0].heading, /^Boundary: Emergency/);
    assert.match(banners[0].text, /Possible emergency\. Do not advise here/);
  }
  for (const b of banners) {
    assert.equal(b.shadowMode, 'closed');
    assert.ok(b.text.length > 20, 'the banner lists reasons');
  }
  return banners;
}

const firstInbox = inbox[0];

for (const variant of [
  { name: 'English', q: '' },
  { name: 'German', q: '?locale=de_DE' },
  { name: 'second markup build', q: '?build=2' },
  { name: 'German, second build', q: '?build=2&locale=de_DE' },
]) {
  test(`/messages/t/, ${variant.name}: a badge on every row (also rows loaded by scrolling) and the banner`, async () => {
    const page = await openPage(`https://www.facebook.com/messages/t/${firstInbox.id}/${variant.q}`);
    assert.equal(await isolated(page, 'globalThis.__boundaryStats.mode'), 'in-page');
    const rowsShown = await scrollThreads(page);
    assert.equal(rowsShown, inbox.length, 'lazy loading brought every thread');
    await settle(page);
    const found = await marks(page);
    checkRows(found, { openId: firstInbox.id, expectIds: inbox.map((t) => t.id), where: variant.name });
    checkBanner(found, { threadId: firstInbox.id, where: variant.name });
    const errors = await isolated(page, 'JSON.stringify(globalThis.__boundaryStats.errors)');
    assert.equal(errors, '[]');
    await page.close();
  });
}

test('every conversation, opened one by one: banner and open row agree with threads.json on emergencies', async () => {
  const page = await br.context.newPage();
  page.on('dialog', (d) => { dialogs.push(d.message()); d.dismiss().catch(() => {}); });
  for (const t of threads) {
    const url = `https://www.facebook.com/messages/${t.e2ee ? 'e2ee/' : ''}t/${t.id}/`;
    await page.goto(url);
    await waitStats(page, (s) => s.firstScan > 0, { what: 'first scan' });
    await settle(page);
    const found = await marks(page);
    const open = found.filter((m) => m.where === 'row' && m.thread === t.id);
    // The list shows the first threads until scrolled; the open one may
    // be further down, and requests live in their own folder.
    const listed = await page.evaluate((id) => document.querySelectorAll(`[role=navigation] [role=row] a[href*="/t/${id}/"]`).length, t.id);
    assert.equal(open.length, listed, `${t.name}: the open thread's row has a badge`);
    const want = truth(t.messages);
    for (const m of open) {
      if (want === 'emergency') assert.equal(categoryOf(m), 'emergency', `${t.name}: row`);
    }
    const banners = checkBanner(found, { threadId: t.id, where: t.name });
    // A banner on a personal conversation is a detector false positive:
    // counted, not failed (emergencies above are the hard line).
    agreement.banners = (agreement.banners || 0) + 1;
    if ((banners.length > 0) === (want !== 'personal')) agreement.bannerAgree = (agreement.bannerAgree || 0) + 1;
  }
  await page.close();
});

test('end-to-end-encrypted conversation on /messages/e2ee/t/: emergency banner and row', async () => {
  const becky = threads.find((t) => t.e2ee && truth(t.messages) === 'emergency');
  const page = await openPage(`https://www.facebook.com/messages/e2ee/t/${becky.id}/`);
  await settle(page);
  const found = await marks(page);
  checkBanner(found, { threadId: becky.id, where: 'e2ee' });
  assert.equal(categoryOf(found.find((m) => m.where === 'row' && m.thread === becky.id)), 'emergency');
  await page.close();
});

for (const variant of [
  { name: 'facebook.com, English', url: 'https://www.facebook.com/messages/requests/' },
  { name: 'messenger.com, German', url: 'https://www.messenger.com/requests/?locale=de_DE' },
]) {
  test(`message requests, ${variant.name}: every request badged and said to be one`, async () => {
    const page = await openPage(variant.url);
    await settle(page);
    const found = await marks(page);
    checkRows(found, { openId: '', expectIds: requests.map((t) => t.id), where: variant.name });
    await page.close();
  });
}

for (const variant of [
  { name: 'English', q: '' },
  { name: 'German, second build', q: '?locale=de_DE&build=2' },
]) {
  test(`www.messenger.com/t/, ${variant.name}`, async () => {
    const t = inbox.find((x) => truth(x.messages) === 'emergency' && !x.e2ee);
    const page = await openPage(`https://www.messenger.com/t/${t.id}/${variant.q}`);
    await scrollThreads(page);
    await settle(page);
    const found = await marks(page);
    checkRows(found, { openId: t.id, expectIds: inbox.map((x) => x.id), where: `messenger.com ${variant.name}` });
    checkBanner(found, { threadId: t.id, where: `messenger.com ${variant.name}` });
    await page.close();
  });
}

test('chat windows docked on a facebook.com page: banners in the clinical chat only', async () => {
  const page = await openPage('https://www.facebook.com/');
  await settle(page);
  const chats = await page.evaluate(() => [...document.querySelectorAll('[role=dialog] a[href*="/t/"]')]
    .map((a) => /\/t\/([^/?#]+)/.exec(a.getAttribute('href'))[1]));
  assert.equal(chats.length, 2, 'two chat windows are docked');
  const found = await marks(page);
  for (const id of chats) {
    const t = byId.get(id);
    const banners = found.filter((m) => m.tag === 'boundary-banner' && m.where === 'chat' && m.thread === id);
    assert.equal(banners.length, truth(t.messages) === 'personal' ? 0 : 1, `${t.name}: banner in its chat window`);
  }
  await page.close();
});

test('strict CSP (offscreen core): row badges and the banner', async () => {
  const t = inbox.find((x) => truth(x.messages) === 'emergency' && !x.e2ee);
  const page = await openPage(`https://www.facebook.com/messages/t/${t.id}/?csp=strict`);
  assert.equal(await isolated(page, 'globalThis.__boundaryStats.mode'), 'offscreen');
  await scrollThreads(page);
  await settle(page);
  const found = await marks(page);
  checkRows(found, { openId: t.id, expectIds: inbox.map((x) => x.id), where: 'strict CSP' });
  checkBanner(found, { threadId: t.id, where: 'strict CSP' });
  await page.close();
});

for (const variant of [{ name: 'in-page core', query: '', mode: 'in-page' }, { name: 'strict CSP, offscreen core', query: '?csp=strict', mode: 'offscreen' }]) test(`a message arriving live turns a personal thread into an emergency (${variant.name}): row badge and banner follow`, async () => {
  const friend = inbox.find((t) => t.name === 'Sophie Turner');
  assert.equal(truth(friend.messages), 'personal');
  const page = await openPage(`https://www.facebook.com/messages/t/${friend.id}/${variant.query}`);
  assert.equal(await isolated(page, 'globalThis.__boundaryStats.mode'), variant.mode);
  await settle(page);
  let found = await marks(page);
  assert.equal(found.filter((m) => m.tag === 'boundary-banner').length, 0, 'no banner on a personal chat');
  const before = found.find((m) => m.where === 'row' && m.thread === friend.id);
  assert.ok(before, 'the open thread has a row badge');
  await page.evaluate((id) => window.__testbed.receiveMessage(id, 'Actually I just took 30 of my sleeping tablets and I feel really strange'), friend.id);
  await page.waitForTimeout(300);
  await settle(page);
  found = await marks(page);
  const row = found.filter((m) => m.where === 'row' && m.thread === friend.id);
  assert.equal(row.length, 1, 'one badge on the re-rendered row');
  assert.equal(categoryOf(row[0]), 'emergency');
  const live = found.filter((m) => m.tag === 'boundary-banner' && m.thread === friend.id);
  assert.equal(live.length, 1, 'a banner appeared');
  assert.equal(live[0].role, 'alert');
  assert.match(live[0].text, /rule emergency-overdose-en/);
  await page.close();
});

test('a live message in a docked chat window raises its banner', async () => {
  const page = await openPage('https://www.facebook.com/friends/');
  await settle(page);
  const friend = threads.find((t) => t.name === 'Sophie Turner');
  let found = await marks(page);
  // Before: a friend's chat (a detector false positive may already show a
  // banner, but never an emergency one).
  const before = found.filter((m) => m.tag === 'boundary-banner' && m.where === 'chat' && m.thread === friend.id);
  assert.ok(before.every((m) => !/^Boundary: Emergency/.test(m.heading)));
  await page.evaluate((id) => window.__testbed.receiveMessage(id, "Rhian's waters have just gone and she's only 33 weeks"), friend.id);
  await page.waitForTimeout(300);
  await settle(page);
  found = await marks(page);
  const b = found.filter((m) => m.tag === 'boundary-banner' && m.where === 'chat' && m.thread === friend.id);
  assert.equal(b.length, 1);
  assert.match(b[0].heading, /^Boundary: Emergency/);
  await page.close();
});

test('hostile message text and sender names stay inert', async () => {
  const hostile = threads.find((t) => t.name.startsWith('<img'));
  const mary = threads.find((t) => t.name.startsWith('Mary <b>'));
  for (const t of [hostile, mary]) {
    const page = await openPage(`https://www.facebook.com/messages/t/${t.id}/`);
    await page.evaluate((id) => window.__testbed.receiveMessage(id, '<img src=x onerror="window.__pwned=1"> my chest hurts badly and my left arm is numb <script>window.__pwned=2</script>', { sender: '<svg onload="window.__pwned=3">' }), t.id);
    await page.waitForTimeout(300);
    await settle(page);
    const found = await marks(page);
    assert.ok(found.some((m) => m.tag === 'boundary-banner'), `${t.name}: the live message is clinical and gets a banner`);
    const injected = await page.evaluate(() => ({
      pwned: window.__pwned || 0,
      els: document.querySelectorAll('img[src="x"], svg[onload], [onerror]').length,
      scripts: [...document.scripts].filter((sc) => (!sc.type || sc.type === 'text/javascript') && /__pwned|alert\(/.test(sc.text)).length,
    }));
    assert.deepEqual(injected, { pwned: 0, els: 0, scripts: 0 }, `${t.name}: markup from message text became elements`);
    await page.close();
  }
  assert.deepEqual(dialogs, []);
});

test('popup: today\'s counts per category, each thread once however often it is scanned', async () => {
  await br.sw.evaluate(() => chrome.storage.session.remove('counts'));
  const page = await openPage(`https://www.facebook.com/messages/t/${firstInbox.id}/`);
  await scrollThreads(page);
  await settle(page);
  const found = await marks(page);
  // The most severe category each thread showed on this page.
  const shown = new Map();
  for (const m of found) {
    const c = categoryOf(m);
    if (!m.thread || !c || c === 'personal') continue;
    const prev = shown.get(m.thread);
    if (!prev || ORDER.indexOf(c) < ORDER.indexOf(prev)) shown.set(m.thread, c);
  }
  assert.ok(shown.size > 5, 'clinical threads were shown');
  const want = {};
  for (const c of shown.values()) want[c] = (want[c] || 0) + 1;
  await page.reload();
  await waitStats(page, (s) => s.firstScan > 0, { what: 'first scan after reload' });
  await scrollThreads(page);
  await settle(page);
  await page.waitForTimeout(300);
  const popup = await br.context.newPage();
  await popup.goto(`chrome-extension://${br.extensionId}/popup.html`);
  await popup.waitForSelector('#today-threads li');
  const listed = await popup.$$eval('#today-threads li[data-category]', (ls) => Object.fromEntries(ls.map((l) => [l.dataset.category, parseInt(l.textContent, 10)])));
  assert.deepEqual(listed, want, 'popup counts vs badges shown');
  const text = await popup.textContent('#today-threads');
  if (want.emergency) assert.match(text, new RegExp(`${want.emergency} emergenc`));
  await popup.close();
  await page.close();
});

test('egress: nothing leaves the browser, no message text or verdict reaches the site', async () => {
  const { netLogFile, extensionId } = br;
  await br.close();
  br = null;
  assert.deepEqual(offSiteRequests(netLogFile, extensionId), [], 'requests to hosts other than the testbed and the extension itself');
  const received = readFileSync(testbedLog, 'utf8');
  assert.ok(received.length > 0, 'the testbed logged requests');
  for (const word of ['Emergency', 'medical_question', 'emergency-overdose', 'sleeping tablets', 'Possible emergency']) {
    assert.ok(!received.includes(word), `a request to the site carried ${word}`);
  }
});
