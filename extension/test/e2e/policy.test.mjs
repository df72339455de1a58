// Clinic policy sync end to end: the policy Worker in real workerd
// (wrangler dev, local D1) and the built extension in Chromium. The user
// connects in the options page; an admin PUT reaches the extension at the
// next sync; a server sending garbage, or no server at all, leaves the last
// good policy in place and the UI says that sync is failing. The egress
// check proves that nothing but GETs of the policy left the browser.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ROOT, startTestbed, launch, importPatients, readNetLog, offSiteRequests, patientSurnames, waitStats } from './harness.mjs';
import { startWorker, wranglerProblem, api, freePort } from '../worker/wrangler.mjs';

const problem = await wranglerProblem();
if (problem && (process.env.CI || process.env.BOUNDARY_REQUIRE_WORKERD)) {
  throw new Error(`the workerd tests must run in CI: ${problem}`);
}
if (problem) {
  console.error(`\n!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!\n!!! SKIPPING the workerd policy-sync tests: ${problem}\n!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!\n`);
}
const skip = problem || false;

const ROOT_TOKEN = `root-${Math.random().toString(36).slice(2)}-test-only`;
const CLINIC = 'riverside';
const POLICY_PATH = `/v1/clinics/${CLINIC}/policy`;
const v1 = readFileSync(path.join(ROOT, 'wasm/policy/testdata/riverside.json'), 'utf8');
const v2 = v1.replace("Riverside Surgery's shared policy for every team member.", 'Riverside policy, second edition: new wording for closed hours.');
const csvPath = path.join(ROOT, 'wasm/testbed/data/patients.csv');
const logDir = mkdtempSync(path.join(tmpdir(), 'boundary-policy-e2e-'));
const testbedLog = path.join(logDir, 'testbed.jsonl');

let tb;
let br;
let worker;
let admin;
let readToken;
let etag1;
let etag2;
let garbage;
let garbageBody = '';
const garbageSeen = [];
let options;

const stored = () => br.sw.evaluate(() => chrome.storage.local.get(['clinicPolicy', 'clinicConnection']));

async function waitFor(what, fn, timeout = 30000) {
  const deadline = Date.now() + timeout;
  let last;
  for (;;) {
    last = await fn();
    if (last) return last;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 150));
  }
}

async function popupSync() {
  const popup = await br.context.newPage();
  await popup.goto(`chrome-extension://${br.extensionId}/popup.html`);
  await popup.waitForSelector('#sync-sec:not([hidden])');
  await popup.click('#sync-now');
  await popup.waitForFunction(() => !document.getElementById('sync-now').disabled && document.getElementById('sync-state').textContent);
  return popup;
}

before(async () => {
  if (skip) return;
  tb = await startTestbed({ logFile: testbedLog });
  br = await launch({ port: tb.port, loopback: true });
  assert.match(await importPatients(br.context, br.extensionId, csvPath), /^Imported \d+ people/);
  worker = await startWorker({ vars: { ADMIN_TOKEN: ROOT_TOKEN, ALLOWED_ORIGINS: `chrome-extension://${br.extensionId}` } });
  admin = api(worker.url, ROOT_TOKEN);
  const t = await admin('POST', `/v1/clinics/${CLINIC}/tokens`, { body: JSON.stringify({ role: 'read', label: 'e2e browser' }) });
  assert.equal(t.status, 201, t.text);
  readToken = t.json.token;
  const put = await admin('PUT', POLICY_PATH, { body: v1, headers: { 'If-None-Match': '*' } });
  assert.equal(put.status, 201, put.text);
  etag1 = put.headers.get('etag');
  // A server that answers like a broken or hostile policy server.
  garbage = createServer((req, res) => {
    garbageSeen.push({ method: req.method, url: req.url, headers: req.headers });
    const cors = {
      'Access-Control-Allow-Origin': req.headers.origin || '*',
      'Access-Control-Allow-Headers': 'Authorization, If-None-Match',
      'Access-Control-Expose-Headers': 'ETag',
    };
    if (req.method === 'OPTIONS') return res.writeHead(204, cors).end();
    res.writeHead(200, { ...cors, 'Content-Type': 'application/json', ETag: '"garbage"' }).end(garbageBody);
  });
  await new Promise((r) => garbage.listen(0, '127.0.0.1', r));
});

after(async () => {
  if (br) await br.close();
  if (tb) tb.stop();
  if (worker) {
    await worker.stop();
    worker.cleanup();
  }
  if (garbage) garbage.close();
});

test('connect to my clinic in the options page: the policy arrives', { skip }, async () => {
  options = await br.context.newPage();
  await options.goto(`chrome-extension://${br.extensionId}/options.html`);
  await options.fill('#connect-url', worker.url);
  await options.fill('#connect-clinic', CLINIC);
  await options.fill('#connect-token', readToken);
  await options.click('#connect-go');
  await options.waitForFunction(() => /last synced/.test(document.getElementById('connect-status').textContent), null, { timeout: 30000 });
  const status = await options.textContent('#connect-status');
  assert.match(status, /Clinic policy of Riverside Surgery \(riverside\), last synced just now/);
  const { clinicPolicy: p, clinicConnection: c } = await stored();
  assert.deepEqual(c, { url: worker.url, clinic: CLINIC, token: readToken });
  assert.equal(p.etag, etag1);
  assert.equal(p.lastError, null);
  assert.equal(p.pack.profile.clinic_name, 'Riverside Surgery');
  assert.deepEqual(p.locked, ['emergency.all.en', 'riverside.after_hours.en']);
  assert.match(await options.textContent('#connect-detail'), /2 reply templates are set by the clinic and locked/);
  assert.equal(await options.inputValue('#connect-token'), '', 'the token field is cleared after connecting');
  // The schedule exists.
  const alarm = await br.sw.evaluate(() => chrome.alarms.get('boundary-policy-sync'));
  assert.equal(alarm.periodInMinutes, 60);
});

test('a bad connection is refused with a clear message', { skip }, async () => {
  const r = await options.evaluate(() => chrome.runtime.sendMessage({
    type: 'options→sw:policy-connect', url: 'http://policy.example.com', clinic: 'riverside', token: 'bnd_xxxxxxxxxxxx',
  }));
  assert.match(r.error, /must start with https:\/\//);
  const { clinicConnection: c } = await stored();
  assert.equal(c.url, worker.url, 'the good connection stays');
});

test('an admin PUT reaches the extension at the next sync', { skip }, async () => {
  const stale = await admin('PUT', POLICY_PATH, { body: v2, headers: { 'If-Match': '"not-the-current-etag"' } });
  assert.equal(stale.status, 412);
  const put = await admin('PUT', POLICY_PATH, { body: v2, headers: { 'If-Match': etag1 } });
  assert.equal(put.status, 200, put.text);
  etag2 = put.headers.get('etag');
  const popup = await popupSync();
  const p = await waitFor('the new policy', async () => {
    const { clinicPolicy } = await stored();
    return clinicPolicy.etag === etag2 && clinicPolicy;
  });
  assert.equal(p.pack.message, 'Riverside policy, second edition: new wording for closed hours.');
  assert.match(await popup.textContent('#sync-state'), /Clinic policy of Riverside Surgery \(riverside\), last synced/);
  // The options page follows storage.
  await options.waitForFunction(() => /second edition/.test(document.getElementById('connect-detail').textContent));
  // Unchanged: the next scheduled sync is a 304 and keeps the same copy.
  // An unpacked extension may set an alarm seconds away: fire the
  // schedule's own alarm now instead of waiting an hour.
  const before = p.syncedAt;
  await br.sw.evaluate(() => chrome.alarms.create('boundary-policy-sync', { when: Date.now() + 500 }));
  const again = await waitFor('a 304 sync from the alarm', async () => {
    const { clinicPolicy } = await stored();
    return clinicPolicy.syncedAt !== before && clinicPolicy;
  });
  assert.equal(again.etag, etag2);
  assert.equal(again.pack.message, p.pack.message);
  assert.equal(again.lastError, null);
  // wrangler writes its request log asynchronously; wait for the line.
  await waitFor('the Worker to log the 304', async () => /GET \/v1\/clinics\/riverside\/policy 304/.test(worker.log()));
  const alarm = await waitFor('the hourly schedule back', async () => {
    const a = await br.sw.evaluate(() => chrome.alarms.get('boundary-policy-sync'));
    return a && a.periodInMinutes === 60 && a;
  });
  assert.ok(alarm.scheduledTime > Date.now() + 50 * 60000, 'the next sync is an hour away');
  await popup.close();
});

test('garbage from the server keeps the last good policy', { skip }, async () => {
  const conn = { url: `http://127.0.0.1:${garbage.address().port}`, clinic: CLINIC, token: readToken };
  await br.sw.evaluate((c) => chrome.storage.local.set({ clinicConnection: c }), conn);
  for (const [body, why] of [
    ['{"id":"evil","kind":"clinic.policy","profile":{"profession":"physician","country":"GB","phone":"<script>"}}', /not valid/],
    ['<html>maintenance</html>', /not JSON/],
  ]) {
    garbageBody = body;
    const popup = await popupSync();
    const p = await waitFor('the failure', async () => {
      const { clinicPolicy } = await stored();
      return why.test(clinicPolicy.lastError || '') && clinicPolicy;
    });
    assert.equal(p.etag, etag2, 'the last good policy is kept');
    assert.match(p.pack.message, /second edition/);
    assert.match(await popup.textContent('#sync-state'), /^Sync is failing: .*Using the policy last synced/);
    await popup.close();
  }
  await br.sw.evaluate((c) => chrome.storage.local.set({ clinicConnection: c }), { url: worker.url, clinic: CLINIC, token: readToken });
});

test('offline: with the Worker stopped the last good policy stays and the UI says sync is failing', { skip }, async () => {
  await worker.stop();
  const popup = await popupSync();
  const p = await waitFor('the offline failure', async () => {
    const { clinicPolicy } = await stored();
    return /could not reach the server/.test(clinicPolicy.lastError || '') && clinicPolicy;
  });
  assert.equal(p.etag, etag2);
  assert.match(p.pack.message, /second edition/);
  assert.match(await popup.textContent('#sync-state'), /Sync is failing: could not reach the server/);
  await options.waitForFunction(() => /Sync is failing/.test(document.getElementById('connect-status').textContent));
  assert.equal(await options.getAttribute('#connect-status', 'class'), 'error');
  await popup.close();
});

test('egress: only GETs of the policy left the browser, carrying nothing but the token', { skip }, async () => {
  // Visit a page the content script works on, so the session includes
  // flagged patients that must not leak anywhere.
  const page = await br.context.newPage();
  await page.goto('https://www.facebook.com/friends/requests/');
  await waitStats(page, (s) => s.flagged > 0, { what: 'flagged patients' });
  await page.close();
  const { netLogFile, extensionId } = br;
  await br.close();
  br = null;
  const policyURLs = new Set([worker.url + POLICY_PATH, `http://127.0.0.1:${garbage.address().port}${POLICY_PATH}`]);
  assert.deepEqual(offSiteRequests(netLogFile, extensionId, { allow: [...policyURLs] }), [], 'requests other than the policy syncs left the testbed and the extension');
  const requests = readNetLog(netLogFile);
  const fromExtension = requests.filter((r) => r.initiator === `chrome-extension://${extensionId}` && !r.url.startsWith('chrome-extension://'));
  assert.ok(fromExtension.length > 0, 'the net log shows the policy syncs');
  for (const r of fromExtension) {
    assert.ok(policyURLs.has(r.url), `the extension requested ${r.url}`);
    assert.ok(['GET', 'OPTIONS', ''].includes(r.method), `the extension sent ${r.method} ${r.url}`);
  }
  // The servers' side: the Worker's request log holds the test's own admin
  // calls plus, from the browser, only GETs and preflights of the policy.
  const mine = /^(POST \/v1\/clinics\/riverside\/tokens|PUT \/v1\/clinics\/riverside\/policy|GET \/healthz) /;
  const served = worker.log().split('\n').map((l) => l.match(/\[wrangler:info\] (\w+ \S+ \d{3})/)).filter(Boolean).map((m) => m[1]);
  assert.ok(served.some((l) => l.startsWith('GET /v1/clinics/riverside/policy')));
  for (const l of served) {
    if (!mine.test(l)) assert.match(l, /^(GET|OPTIONS) \/v1\/clinics\/riverside\/policy \d{3}$/, `the Worker served ${l}`);
  }
  const allowed = new Set(['host', 'connection', 'authorization', 'if-none-match', 'origin', 'user-agent', 'accept', 'accept-encoding',
    'accept-language', 'sec-fetch-site', 'sec-fetch-mode', 'sec-fetch-dest', 'access-control-request-method',
    'access-control-request-headers', 'sec-ch-ua', 'sec-ch-ua-mobile', 'sec-ch-ua-platform', 'cache-control', 'pragma']);
  assert.ok(garbageSeen.length > 0);
  for (const r of garbageSeen) {
    assert.ok(['GET', 'OPTIONS'].includes(r.method) && r.url === POLICY_PATH, `${r.method} ${r.url}`);
    for (const h of Object.keys(r.headers)) assert.ok(allowed.has(h), `unexpected request header ${h}`);
    if (r.method === 'GET') assert.equal(r.headers.authorization, `Bearer ${readToken}`);
  }
  // Nothing about patients travelled in any header or URL: check every
  // patient surname against what the policy servers and the site saw.
  const surnames = patientSurnames(csvPath);
  assert.ok(surnames.length > 10);
  const seen = JSON.stringify(garbageSeen) + worker.log() + readFileSync(testbedLog, 'utf8');
  for (const s of surnames) assert.ok(!seen.includes(s), `a request carried the patient surname ${s}`);
  assert.ok(!readFileSync(testbedLog, 'utf8').includes(readToken), 'the read token went to the site');
});
