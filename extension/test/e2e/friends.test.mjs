// Friend requests in real Chromium with the built extension: badges on
// exactly the patients' cards, in both UI languages, under the strict CSP
// (offscreen fallback), after scrolling, client-side navigation and in the
// popover; hostile names stay text; nothing leaves the browser.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import {
  ROOT, startTestbed, launch, importPatients, waitStats, badges, offSiteRequests, patientSurnames, isolated,
} from './harness.mjs';

const people = JSON.parse(readFileSync(path.join(ROOT, 'wasm/testbed/data/people.json'), 'utf8'));
const patientNames = new Set(people.filter((p) => p.patient).map((p) => p.name));
const csvPath = path.join(ROOT, 'wasm/testbed/data/patients.csv');
const logDir = mkdtempSync(path.join(tmpdir(), 'boundary-e2e-'));
const testbedLog = path.join(logDir, 'testbed.jsonl');

let tb;
let br;
const dialogs = [];

before(async () => {
  tb = await startTestbed({ logFile: testbedLog });
  br = await launch({ port: tb.port });
  const said = await importPatients(br.context, br.extensionId, csvPath);
  assert.match(said, /^Imported \d+ people/);
});

after(async () => {
  if (br) await br.close();
  if (tb) tb.stop();
});

async function openPage(url) {
  const page = await br.context.newPage();
  page.on('dialog', (d) => { dialogs.push(d.message()); d.dismiss().catch(() => {}); });
  await page.goto(url);
  await waitStats(page, (s) => s.firstScan > 0, { what: 'first scan' });
  return page;
}

// scrollToEnd scrolls the way a reader does (the list lives in its own
// scrolling container, not the window) until no more requests arrive.
async function scrollToEnd(page) {
  let last = -1;
  let stable = 0;
  for (let i = 0; i < 60 && stable < 3; i++) {
    const n = await page.evaluate(() => {
      const all = document.querySelectorAll('[role=button][aria-label^="Confirm"], [role=button][aria-label$="bestätigen"], [role=button][aria-label="Bestätigen"]');
      if (all.length) all[all.length - 1].scrollIntoView({ block: 'end' });
      return all.length;
    });
    stable = n === last ? stable + 1 : 0;
    last = n;
    await page.waitForTimeout(400);
  }
}

// settle waits until the content script's scan queue has been quiet.
async function settle(page) {
  let prev = -1;
  for (let i = 0; i < 50; i++) {
    const s = await isolated(page, 'JSON.stringify({n: globalThis.__boundaryStats.scans.length + globalThis.__boundaryStats.flagged})');
    if (s === prev) return;
    prev = s;
    await page.waitForTimeout(200);
  }
}

function assertExactlyPatients(found, where) {
  const names = found.map((b) => b.avatar);
  const unexpected = names.filter((n) => !patientNames.has(n));
  assert.deepEqual(unexpected, [], `${where}: badges on non-patients`);
  assert.equal(new Set(names).size, names.length, `${where}: a card has two badges`);
  return new Set(names);
}

for (const variant of [
  { name: 'English', query: '' },
  { name: 'German', query: '?locale=de_DE' },
  { name: 'German, second markup build', query: '?locale=de_DE&build=2' },
  { name: 'strict CSP (offscreen core)', query: '?csp=strict', mode: 'offscreen' },
]) {
  test(`friend requests page, ${variant.name}: badges on exactly the patients, including cards loaded by scrolling`, async () => {
    const page = await openPage(`https://www.facebook.com/friends/requests/${variant.query}`);
    const mode = await isolated(page, 'globalThis.__boundaryStats.mode');
    assert.equal(mode, variant.mode || 'in-page');
    await scrollToEnd(page);
    await settle(page);
    const found = assertExactlyPatients(await badges(page), variant.name);
    const missing = [...patientNames].filter((n) => !found.has(n));
    const stats = await isolated(page, 'JSON.stringify(globalThis.__boundaryStats)');
    const cards = await page.evaluate(() => document.querySelectorAll('[role=button][aria-label]').length);
    assert.deepEqual(missing, [], `${variant.name}: patients without a badge (${cards} buttons; stats ${stats})`);
    for (const b of await badges(page)) {
      assert.equal(b.shadowMode, 'closed');
      assert.match(b.text, /^Likely patient/);
    }
    await page.close();
  });
}

test('hostile display names stay inert text', async () => {
  const page = await openPage('https://www.facebook.com/friends/requests/');
  await scrollToEnd(page);
  await settle(page);
  // The testbed's hostile names would call alert() or set a global if any
  // of them ever became markup.
  assert.deepEqual(dialogs, []);
  const injected = await page.evaluate(() => document.querySelectorAll('img[src="x"], svg[onload], [onerror]').length
    + [...document.scripts].filter((sc) => (!sc.type || sc.type === 'text/javascript') && sc.text.includes('alert(')).length);
  assert.equal(injected, 0, 'elements from hostile names appeared in the page');
  const mary = (await badges(page)).find((b) => b.avatar === 'Mary <b>Jones</b>');
  assert.ok(mary, 'the patient with markup in her display name has a badge');
  assert.match(mary.text, /Jones, Mary/);
  await page.close();
});

test('suggestions ("People you may know") are not requests', async () => {
  const page = await openPage('https://www.facebook.com/friends/');
  await settle(page);
  const found = await badges(page);
  assert.ok(found.length > 0, 'the requests section on /friends/ has patients');
  assertExactlyPatients(found, '/friends/');
  // Every badge sits in a card with a Confirm button, never Add friend.
  const onSuggestions = await page.evaluate(() => [...document.querySelectorAll('boundary-badge')]
    .filter((h) => { for (let n = h; n; n = n.parentElement) { if (n.querySelector('[aria-label="Add friend"]') && !n.querySelector('[aria-label^="Confirm"]')) return true; if (n.querySelector('[aria-label^="Confirm"]')) return false; } return false; }).length);
  assert.equal(onSuggestions, 0);
  await page.close();
});

test('client-side navigation (pushState) and the friend-requests popover', async () => {
  const page = await openPage('https://www.facebook.com/');
  assert.equal((await badges(page)).length, 0, 'the feed has no request cards');
  await page.click('[aria-label="Friend requests"]');
  await page.waitForSelector('[role=dialog] [role=button][aria-label]');
  await settle(page);
  const inPopover = await badges(page);
  assert.ok(inPopover.length > 0, 'patients in the popover get badges');
  assertExactlyPatients(inPopover, 'popover');
  await page.keyboard.press('Escape');
  const before = await page.evaluate(() => performance.getEntriesByType('navigation').length);
  await page.click('a[href="/friends/requests/"]');
  await page.waitForURL('**/friends/requests/');
  await page.waitForFunction(() => document.querySelectorAll('[role=button][aria-label^="Confirm"]').length > 4);
  assert.equal(await page.evaluate(() => performance.getEntriesByType('navigation').length), before, 'navigation reloaded the page');
  await settle(page);
  const found = await badges(page);
  assert.ok(found.length > 0, 'badges after pushState navigation');
  assertExactlyPatients(found, 'after pushState');
  await page.close();
});

test('options page: a bad file gives a clear error and keeps the previous list', async () => {
  const before = await br.sw.evaluate(() => chrome.storage.local.get(['patients', 'patientsMeta']));
  assert.ok(before.patientsMeta && before.patientsMeta.count > 30, 'the list from before() is in storage');
  const bad = path.join(logDir, 'not-a-list.csv');
  writeFileSync(bad, Buffer.from([0, 159, 146, 150, 0, 1, 2, 3, 255, 254, 0, 0]));
  const page = await br.context.newPage();
  await page.goto(`chrome-extension://${br.extensionId}/options.html`);
  await page.setInputFiles('#csv-file', bad);
  await page.waitForFunction(() => document.getElementById('import-result').textContent.length > 0);
  const said = await page.textContent('#import-result');
  assert.match(said, /Could not read not-a-list\.csv: .+ Your current list is unchanged\./);
  assert.ok(await page.isHidden('#preview'));
  const after = await br.sw.evaluate(() => chrome.storage.local.get(['patients', 'patientsMeta']));
  assert.deepEqual(after, before, 'storage changed after a failed import');
  assert.match(await page.textContent('#list-status'), new RegExp(`^${before.patientsMeta.count} people on your list`));
  await page.close();
});

test('egress: the extension sends nothing anywhere', async () => {
  // Close the browser so the net log is complete, then read every request
  // any context (pages, content scripts, service worker, offscreen
  // document) made during this file's tests.
  const { netLogFile, extensionId } = br;
  await br.close();
  br = null;
  assert.deepEqual(offSiteRequests(netLogFile, extensionId), [], 'requests to hosts other than the testbed and the extension itself');
  // Requests to the site are the page's own. None carries the patient list
  // or a verdict: the testbed logged every URL and body it received.
  const received = readFileSync(testbedLog, 'utf8');
  assert.ok(received.length > 0, 'the testbed logged requests');
  const surnames = patientSurnames(csvPath);
  assert.ok(surnames.length > 10);
  for (const s of surnames) assert.ok(!received.includes(s), `a request to the site carried the patient surname ${s}`);
  assert.ok(!received.includes('Likely patient'), 'a request carried a verdict');
});
