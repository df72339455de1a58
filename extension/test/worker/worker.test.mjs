// The policy Worker in real workerd (wrangler dev, local D1), one instance
// for the file. First the API over D1 (tokens, tenancy, conditional
// writes, limits, CORS), which the native tests cover over the in-memory
// store; then the Messenger after-hours autoresponder end to end: signed
// webhook events answered through a local fake Graph API, which records
// every Send API call. Meta is the only outside party, so the Graph API is
// the one fake.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { createServer } from 'node:http';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ROOT } from '../e2e/harness.mjs';
import { startWorker, wranglerProblem, api, freePort } from './wrangler.mjs';

const ROOT_TOKEN = `root-${Math.random().toString(36).slice(2)}-test-only`;
const APP_SECRET = 'app-secret-test-only';
const PAGE_TOKEN = 'page-token-test-only';
const EXT_ORIGIN = 'chrome-extension://aaaabbbbccccddddeeeeffffgggghhhh';
const base = JSON.parse(readFileSync(path.join(ROOT, 'wasm/policy/testdata/riverside.json'), 'utf8'));

const problem = await wranglerProblem();
if (problem && (process.env.CI || process.env.BOUNDARY_REQUIRE_WORKERD)) {
  throw new Error(`the workerd tests must run in CI: ${problem}`);
}
if (problem) {
  console.error(`\n!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!\n!!! SKIPPING the workerd Worker tests: ${problem}\n!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!\n`);
}

let worker;
let graph;
const sent = [];
let graphDown = false;

// A clinic closed all of yesterday, today and tomorrow (UTC), so the
// Worker's real clock is in one closed period that began yesterday at
// midnight; and one open around the clock.
const day = (offset) => new Date(Date.now() + offset * 86400000).toISOString().slice(0, 10);
const everyDay = Object.fromEntries(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((d) => [d, ['00:00-24:00']]));
function pack(id, closed) {
  const p = structuredClone(base);
  p.id = id;
  p.profile.time_zone = 'UTC';
  p.profile.hours = { week: everyDay, closed };
  return JSON.stringify(p);
}

function event(clinic, sender, mid, text, at = Date.now()) {
  return JSON.stringify({
    object: 'page',
    entry: [{
      id: 'PAGE1', time: at,
      messaging: [{ sender: { id: sender }, recipient: { id: 'PAGE1' }, timestamp: at, message: { mid, text } }],
    }],
  });
}

async function deliver(clinic, body, secret = APP_SECRET) {
  const sig = `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
  const res = await fetch(`${worker.url}/v1/clinics/${clinic}/messenger/webhook`, {
    method: 'POST', headers: { 'Content-Type': 'application/json', 'X-Hub-Signature-256': sig }, body,
  });
  return { status: res.status, text: await res.text() };
}

before(async () => {
  if (problem) return;
  const gport = await freePort();
  graph = createServer((req, res) => {
    let b = '';
    req.on('data', (d) => { b += d; });
    req.on('end', () => {
      if (graphDown) {
        res.writeHead(503).end('{"error":{"message":"down"}}');
        return;
      }
      sent.push({ method: req.method, path: req.url, auth: req.headers.authorization, body: JSON.parse(b) });
      res.writeHead(200, { 'Content-Type': 'application/json' }).end('{"recipient_id":"1","message_id":"m"}');
    });
  });
  await new Promise((r) => graph.listen(gport, '127.0.0.1', r));
  worker = await startWorker({
    vars: {
      ADMIN_TOKEN: ROOT_TOKEN, MESSENGER_APP_SECRET: APP_SECRET, MESSENGER_VERIFY_TOKEN: 'verify-test',
      MESSENGER_PAGE_TOKEN: PAGE_TOKEN, ALLOWED_ORIGINS: EXT_ORIGIN, SEND_API_BASE: `http://127.0.0.1:${gport}/v21.0`,
    },
  });
  const admin = api(worker.url, ROOT_TOKEN);
  for (const [clinic, body] of [['closed-clinic', pack('closed-clinic', [day(-1), day(0), day(1)])], ['open-clinic', pack('open-clinic', [])]]) {
    const r = await admin('PUT', `/v1/clinics/${clinic}/policy`, { body, headers: { 'If-None-Match': '*' } });
    assert.equal(r.status, 201, r.text);
  }
});

after(async () => {
  if (worker) {
    await worker.stop();
    worker.cleanup();
  }
  if (graph) graph.close();
});

test('D1: tokens are minted, listed without secrets, scoped to one clinic and revocable', { skip: problem || false }, async () => {
  const root = api(worker.url, ROOT_TOKEN);
  const mint = async (clinic, role) => (await root('POST', `/v1/clinics/${clinic}/tokens`, { body: JSON.stringify({ role, label: `${role} for ${clinic}` }) })).json;
  const a = await mint('closed-clinic', 'read');
  const b = await mint('open-clinic', 'read');
  const adminA = await mint('closed-clinic', 'admin');
  assert.match(a.token, /^bnd_[A-Za-z0-9_-]{43}$/);
  assert.equal((await api(worker.url, a.token)('GET', '/v1/clinics/closed-clinic/policy')).status, 200);
  assert.equal((await api(worker.url, a.token)('GET', '/v1/clinics/open-clinic/policy')).status, 403, "clinic A's token read clinic B");
  assert.equal((await api(worker.url, adminA.token)('GET', '/v1/clinics/open-clinic/tokens')).status, 403);
  assert.equal((await api(worker.url, a.token)('PUT', '/v1/clinics/closed-clinic/policy', { body: '{}', headers: { 'If-Match': '"x"' } })).status, 403);
  const list = await api(worker.url, adminA.token)('GET', '/v1/clinics/closed-clinic/tokens');
  assert.equal(list.status, 200);
  assert.deepEqual(list.json.tokens.map((t) => t.label).sort(), ['admin for closed-clinic', 'read for closed-clinic']);
  assert.ok(!list.text.includes(a.token) && !list.text.includes('bnd_'), 'the list shows a token');
  assert.equal((await api(worker.url, adminA.token)('DELETE', `/v1/clinics/closed-clinic/tokens/${b.id}`)).status, 404, "revoked another clinic's token");
  assert.equal((await api(worker.url, adminA.token)('DELETE', `/v1/clinics/closed-clinic/tokens/${a.id}`)).status, 204);
  assert.equal((await api(worker.url, a.token)('GET', '/v1/clinics/closed-clinic/policy')).status, 401, 'a revoked token still reads');
  assert.equal((await api(worker.url, b.token)('GET', '/v1/clinics/open-clinic/policy')).status, 200);
});

test('D1: If-None-Match, If-Match, validation and size limits', { skip: problem || false }, async () => {
  const root = api(worker.url, ROOT_TOKEN);
  const got = await root('GET', '/v1/clinics/open-clinic/policy');
  const tag = got.headers.get('etag');
  assert.match(tag, /^"[0-9a-f]{32}"$/);
  assert.equal(got.headers.get('cache-control'), 'private, no-cache');
  assert.equal((await root('GET', '/v1/clinics/open-clinic/policy', { headers: { 'If-None-Match': tag } })).status, 304);
  assert.equal((await root('PUT', '/v1/clinics/open-clinic/policy', { body: got.text })).status, 428);
  const bad = await root('PUT', '/v1/clinics/open-clinic/policy', { body: got.text.replace('"physician"', '"wizard"'), headers: { 'If-Match': tag } });
  assert.equal(bad.status, 400);
  assert.ok(bad.json.problems.some((p) => p.startsWith('profile.profession: unknown profession')), bad.text);
  const big = `{"pad":"${'a'.repeat(300 * 1024)}"}`;
  assert.equal((await root('PUT', '/v1/clinics/open-clinic/policy', { body: big, headers: { 'If-Match': tag } })).status, 413);
  // Two admins edit the same version: the second gets 412.
  const edit = (n) => got.text.replace("Riverside Surgery's shared policy", `Edit ${n} of the policy`);
  const first = await root('PUT', '/v1/clinics/open-clinic/policy', { body: edit(1), headers: { 'If-Match': tag } });
  const second = await root('PUT', '/v1/clinics/open-clinic/policy', { body: edit(2), headers: { 'If-Match': tag } });
  assert.equal(first.status, 200, first.text);
  assert.equal(second.status, 412);
  assert.match((await root('GET', '/v1/clinics/open-clinic/policy')).text, /Edit 1 of the policy/);
});

test('CORS: only the configured extension origin', { skip: problem || false }, async () => {
  const pre = (origin) => fetch(`${worker.url}/v1/clinics/open-clinic/policy`, {
    method: 'OPTIONS', headers: { Origin: origin, 'Access-Control-Request-Method': 'GET', 'Access-Control-Request-Headers': 'authorization' },
  });
  const ok = await pre(EXT_ORIGIN);
  assert.equal(ok.status, 204);
  assert.equal(ok.headers.get('access-control-allow-origin'), EXT_ORIGIN);
  const evil = await pre('https://evil.example');
  assert.equal(evil.status, 403);
  assert.equal(evil.headers.get('access-control-allow-origin'), null);
});

test('webhook verification challenge', { skip: problem || false }, async () => {
  const ok = await fetch(`${worker.url}/v1/clinics/closed-clinic/messenger/webhook?hub.mode=subscribe&hub.verify_token=verify-test&hub.challenge=8723`);
  assert.equal(ok.status, 200);
  assert.equal(await ok.text(), '8723');
  const bad = await fetch(`${worker.url}/v1/clinics/closed-clinic/messenger/webhook?hub.mode=subscribe&hub.verify_token=guess&hub.challenge=8723`);
  assert.equal(bad.status, 403);
});

test('a bad signature gets 401 and no reply', { skip: problem || false }, async () => {
  const body = event('closed-clinic', 'PSID-X', 'm.bad', 'hello');
  assert.equal((await deliver('closed-clinic', body, 'wrong-secret')).status, 401);
  const unsigned = await fetch(`${worker.url}/v1/clinics/closed-clinic/messenger/webhook`, { method: 'POST', body });
  assert.equal(unsigned.status, 401);
  assert.equal(sent.length, 0);
});

test('after hours: one reply per sender per closed period, idempotent per message id', { skip: problem || false }, async () => {
  const before = sent.length;
  const first = event('closed-clinic', 'PSID-1', 'm.1', 'Can I book a blood test for next week?');
  assert.equal((await deliver('closed-clinic', first)).status, 200);
  assert.equal(sent.length, before + 1);
  const reply = sent.at(-1);
  assert.equal(reply.method, 'POST');
  assert.equal(reply.path, '/v21.0/me/messages');
  assert.equal(reply.auth, `Bearer ${PAGE_TOKEN}`);
  assert.equal(reply.body.recipient.id, 'PSID-1');
  assert.equal(reply.body.messaging_type, 'RESPONSE');
  assert.match(reply.body.message.text, /Riverside Surgery is closed right now/);
  // Meta retries the same delivery; the sender writes again.
  assert.equal((await deliver('closed-clinic', first)).status, 200);
  assert.equal((await deliver('closed-clinic', event('closed-clinic', 'PSID-1', 'm.2', 'hello?'))).status, 200);
  assert.equal(sent.length, before + 1, 'a second reply in the same closed period');
  // Another sender gets their own reply.
  await deliver('closed-clinic', event('closed-clinic', 'PSID-2', 'm.3', 'Are you open on Saturday?'));
  assert.equal(sent.length, before + 2);
  assert.equal(sent.at(-1).body.recipient.id, 'PSID-2');
});

test('an emergency gets the emergency template', { skip: problem || false }, async () => {
  const before = sent.length;
  await deliver('closed-clinic', event('closed-clinic', 'PSID-3', 'm.e1', "my dad has crushing chest pain and can't breathe"));
  assert.equal(sent.length, before + 1);
  assert.match(sent.at(-1).body.message.text, /If this is an emergency, please call 999 now/);
  // A sender who already had the after-hours note still gets it.
  await deliver('closed-clinic', event('closed-clinic', 'PSID-1', 'm.e2', 'she has taken an overdose of her tablets'));
  assert.equal(sent.length, before + 2);
  assert.equal(sent.at(-1).body.recipient.id, 'PSID-1');
  assert.match(sent.at(-1).body.message.text, /emergency/);
});

test('within hours, or outside the 24-hour window, nothing is sent', { skip: problem || false }, async () => {
  const before = sent.length;
  assert.equal((await deliver('open-clinic', event('open-clinic', 'PSID-4', 'm.o1', 'Can I book a blood test?'))).status, 200);
  assert.equal((await deliver('open-clinic', event('open-clinic', 'PSID-4', 'm.o2', 'chest pain and cannot breathe'))).status, 200);
  const old = event('closed-clinic', 'PSID-5', 'm.old', 'hello', Date.now() - 25 * 3600 * 1000);
  assert.equal((await deliver('closed-clinic', old)).status, 200);
  assert.equal(sent.length, before);
});

test('a failed send is retried by Meta and then answered once', { skip: problem || false }, async () => {
  const before = sent.length;
  const body = event('closed-clinic', 'PSID-6', 'm.f1', 'hello, anyone there?');
  graphDown = true;
  assert.equal((await deliver('closed-clinic', body)).status, 502);
  graphDown = false;
  assert.equal((await deliver('closed-clinic', body)).status, 200);
  assert.equal((await deliver('closed-clinic', body)).status, 200);
  assert.equal(sent.length, before + 1);
  // The Worker never logs message text.
  assert.ok(!worker.log().includes('anyone there'), 'message text in the Worker log');
});
