// The Firefox build (dist/firefox) in real headless Firefox ESR, installed
// as a temporary add-on over WebDriver BiDi, against the real testbed: the
// options page imports the patient list, the friend-requests page shows
// badges on exactly the patients' cards (English, German, strict CSP), an
// emergency conversation shows its banner, hostile names stay text, and
// nothing leaves the machine.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, mkdtempSync } from 'node:fs';
import path from 'node:path';
import { tmpdir } from 'node:os';
import { ROOT, startTestbed } from '../e2e/harness.mjs';
import { startProxy, launchFirefox, Tab, hosts, shadowFind, pressNode, EXT_DIR } from './bidi.mjs';

const people = JSON.parse(readFileSync(path.join(ROOT, 'wasm/testbed/data/people.json'), 'utf8'));
const patientNames = new Set(people.filter((p) => p.patient).map((p) => p.name));
const threads = JSON.parse(readFileSync(path.join(ROOT, 'wasm/testbed/data/threads.json'), 'utf8'));
const csvPath = path.join(ROOT, 'wasm/testbed/data/patients.csv');
const logDir = mkdtempSync(path.join(tmpdir(), 'boundary-ff-e2e-'));
const testbedLog = path.join(logDir, 'testbed.jsonl');

const ORDER = ['emergency', 'sensitive_info', 'complaint', 'medical_question', 'appointment_admin', 'personal'];
function truth(messages) {
  let best = 'personal';
  for (const m of messages) if (ORDER.indexOf(m.label) < ORDER.indexOf(best)) best = m.label;
  return best;
}

let tb;
let px;
let ff;

before(async () => {
  const manifest = JSON.parse(readFileSync(path.join(EXT_DIR, 'manifest.json'), 'utf8'));
  assert.ok(manifest.browser_specific_settings, `${EXT_DIR} is not the Firefox build: run scripts/build`);
  tb = await startTestbed({ logFile: testbedLog });
  px = await startProxy(tb.port);
  ff = await launchFirefox({ proxyPort: px.port });
});

after(async () => {
  if (ff) await ff.close();
  if (px) px.stop();
  if (tb) tb.stop();
});

// settle waits until the number of Boundary marks on the page has stayed
// the same for a while (the content script's stats live in its own world,
// which WebDriver BiDi does not expose in Firefox).
async function settle(tab, { min = 0 } = {}) {
  let prev = -1;
  let same = 0;
  for (let i = 0; i < 100 && same < 5; i++) {
    const n = await tab.eval(() => document.querySelectorAll('boundary-badge, boundary-banner').length);
    same = n === prev && n >= min ? same + 1 : 0;
    prev = n;
    await new Promise((r) => setTimeout(r, 200));
  }
  return prev;
}

async function scrollToEnd(tab, selector) {
  let last = -1;
  let stable = 0;
  for (let i = 0; i < 60 && stable < 3; i++) {
    const n = await tab.eval((sel) => {
      const all = document.querySelectorAll(JSON.parse(sel));
      if (all.length) all[all.length - 1].scrollIntoView({ block: 'end' });
      return all.length;
    }, selector);
    stable = n === last ? stable + 1 : 0;
    last = n;
    await new Promise((r) => setTimeout(r, 400));
  }
}

const CONFIRM = '[role=button][aria-label^="Confirm"], [role=button][aria-label$="bestätigen"], [role=button][aria-label="Bestätigen"]';

test('the add-on is installed under its gecko id, in a Firefox that meets strict_min_version', async () => {
  assert.equal(ff.extensionId, 'boundary@boundaryhq.example');
  assert.match(ff.version, /^\d+\./);
  assert.ok(Number(ff.version.split('.')[0]) >= 128, `Firefox ${ff.version} is older than strict_min_version`);
});

test('options page: the patient CSV import works and lands in storage', async () => {
  const tab = await Tab.open(ff);
  await tab.goto(`${ff.base}options.html`);
  const input = await tab.raw(`document.getElementById('csv-file')`);
  assert.equal(input.type, 'node');
  await ff.bidi.send('input.setFiles', { context: tab.context, element: { sharedId: input.sharedId }, files: [csvPath] });
  await tab.waitFor(() => !document.getElementById('preview').hidden, { what: 'the CSV preview' });
  await tab.eval(() => document.getElementById('import').click());
  const said = await tab.waitFor(() => document.getElementById('import-result').textContent, { what: 'the import result' });
  assert.match(said, /^Imported \d+ people/);
  const stored = await tab.eval(() => chrome.storage.local.get('patientsMeta').then((r) => r.patientsMeta));
  assert.ok(stored && stored.count > 30, `patientsMeta in storage: ${JSON.stringify(stored)}`);
  await tab.goto(`${ff.base}options.html`);
  const status = await tab.waitFor(() => document.getElementById('list-status').textContent.match(/^\d+ people/) && document.getElementById('list-status').textContent, { what: 'list status' });
  assert.match(status, new RegExp(`^${stored.count} people on your list`));
  await tab.close();
});

function assertExactlyPatients(found, where) {
  const badges = found.filter((b) => b.tag === 'boundary-badge');
  const names = badges.map((b) => b.avatar);
  const unexpected = names.filter((n) => !patientNames.has(n));
  assert.deepEqual(unexpected, [], `${where}: badges on non-patients`);
  assert.equal(new Set(names).size, names.length, `${where}: a card has two badges`);
  for (const b of badges) {
    assert.equal(b.shadowMode, 'closed', `${where}: badge shadow root`);
    assert.match(b.text, /^Likely patient/, `${where}: badge text`);
  }
  return new Set(names);
}

for (const variant of [
  { name: 'English', query: '' },
  { name: 'German', query: '?locale=de_DE' },
  { name: 'strict CSP', query: '?csp=strict', strict: true },
]) {
  test(`friend requests page, ${variant.name}: badges on exactly the patients, including cards loaded by scrolling`, async () => {
    const tab = await Tab.open(ff);
    await tab.goto(`https://www.facebook.com/friends/requests/${variant.query}`);
    if (variant.strict) {
      // The page's own CSP forbids WebAssembly here (no 'wasm-unsafe-eval'),
      // so the badges below come from an extension context the page's CSP
      // does not govern.
      const pageWasm = await tab.eval(() => WebAssembly.compile(new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0])).then(() => 'compiled', (e) => e.name));
      assert.equal(pageWasm, 'CompileError', 'the strict-CSP page could compile WebAssembly itself');
    }
    await tab.waitFor(() => document.querySelectorAll('boundary-badge').length > 0, { what: 'the first badge', timeout: 30000 });
    await scrollToEnd(tab, CONFIRM);
    await settle(tab);
    const found = assertExactlyPatients(await hosts(tab), variant.name);
    const missing = [...patientNames].filter((n) => !found.has(n));
    assert.deepEqual(missing, [], `${variant.name}: patients without a badge`);
    await tab.close();
  });
}

test('hostile display names stay inert text', async () => {
  const tab = await Tab.open(ff);
  await tab.goto('https://www.facebook.com/friends/requests/');
  await tab.waitFor(() => document.querySelectorAll('boundary-badge').length > 0, { what: 'the first badge', timeout: 30000 });
  await scrollToEnd(tab, CONFIRM);
  await settle(tab);
  const injected = await tab.eval(() => document.querySelectorAll('img[src="x"], svg[onload], [onerror]').length
    + [...document.scripts].filter((sc) => (!sc.type || sc.type === 'text/javascript') && sc.text.includes('alert(')).length);
  assert.equal(injected, 0, 'elements from hostile names appeared in the page');
  const mary = (await hosts(tab)).find((b) => b.tag === 'boundary-badge' && b.avatar === 'Mary <b>Jones</b>');
  assert.ok(mary, 'the patient with markup in her display name has a badge');
  assert.match(mary.text, /Jones, Mary/);
  await tab.close();
});

const emergency = threads.find((t) => !t.request && !t.e2ee && truth(t.messages) === 'emergency');

for (const variant of [
  { name: 'facebook.com/messages', url: () => `https://www.facebook.com/messages/t/${emergency.id}/` },
  { name: 'strict CSP', url: () => `https://www.facebook.com/messages/t/${emergency.id}/?csp=strict` },
  { name: 'www.messenger.com', url: () => `https://www.messenger.com/t/${emergency.id}/` },
]) {
  test(`Messenger, ${variant.name}: an emergency conversation shows the emergency banner, and its row says so`, async () => {
    assert.ok(emergency, 'threads.json has an emergency thread');
    const tab = await Tab.open(ff);
    await tab.goto(variant.url());
    await tab.waitFor(() => document.querySelector('boundary-banner') !== null, { what: 'a banner', timeout: 30000 });
    await settle(tab, { min: 2 });
    const found = await hosts(tab);
    const banners = found.filter((m) => m.tag === 'boundary-banner' && m.where === 'conversation' && m.thread === emergency.id);
    assert.equal(banners.length, 1, `one banner in the conversation (${JSON.stringify(found.map((m) => [m.tag, m.where, m.thread]))})`);
    const [b] = banners;
    assert.equal(b.shadowMode, 'closed');
    assert.equal(b.role, 'alert');
    assert.match(b.heading, /^Boundary: Emergency/);
    assert.match(b.text, /Possible emergency\. Do not advise here/);
    const row = found.filter((m) => m.tag === 'boundary-badge' && m.where === 'row' && m.thread === emergency.id);
    assert.equal(row.length, 1, 'the thread row has one badge');
    assert.match(row[0].cls, /\bcat-emergency\b/);
    // Every badge sits on a known thread, one per row.
    const rowIds = found.filter((m) => m.where === 'row').map((m) => m.thread);
    assert.equal(new Set(rowIds).size, rowIds.length, 'a row has two badges');
    for (const id of rowIds) assert.ok(threads.some((t) => t.id === id), `badge on unknown thread ${id}`);
    await tab.close();
  });
}

test('popup: today\'s counts per category match the threads the Messenger page flagged, and the patients flagged on friend requests', async () => {
  const popup0 = await Tab.open(ff);
  await popup0.goto(`${ff.base}popup.html`);
  await popup0.eval(() => chrome.storage.session.remove('counts'));
  await popup0.close();

  const fb = await Tab.open(ff);
  await fb.goto('https://www.facebook.com/friends/requests/');
  await fb.waitFor(() => document.querySelectorAll('boundary-badge').length > 0, { what: 'friend-request badges', timeout: 30000 });
  await settle(fb);
  const patientsFlagged = assertExactlyPatients(await hosts(fb), 'friend requests before the popup').size;
  assert.ok(patientsFlagged > 0);
  await fb.close();

  const ms = await Tab.open(ff);
  await ms.goto(`https://www.facebook.com/messages/t/${emergency.id}/`);
  await ms.waitFor(() => document.querySelector('boundary-banner') !== null, { what: 'a banner', timeout: 30000 });
  await scrollToEnd(ms, '[role=navigation] [role=grid] [role=row]');
  await settle(ms, { min: 2 });
  // The most severe category each thread showed on the page.
  const shown = new Map();
  for (const m of await hosts(ms)) {
    const c = (/cat-([a-z_]+)/.exec(m.cls || '') || [])[1];
    if (!m.thread || !c || c === 'personal') continue;
    const prev = shown.get(m.thread);
    if (!prev || ORDER.indexOf(c) < ORDER.indexOf(prev)) shown.set(m.thread, c);
  }
  assert.ok(shown.size > 3, `clinical threads were shown (${shown.size})`);
  assert.equal(shown.get(emergency.id), 'emergency');
  const want = {};
  for (const c of shown.values()) want[c] = (want[c] || 0) + 1;
  await ms.close();

  const popup = await Tab.open(ff);
  await popup.goto(`${ff.base}popup.html`);
  const listed = await popup.waitFor(() => {
    const ls = [...document.querySelectorAll('#today-threads li[data-category]')];
    return ls.length ? Object.fromEntries(ls.map((l) => [l.dataset.category, parseInt(l.textContent, 10)])) : false;
  }, { what: 'the popup\'s counts' });
  assert.deepEqual(listed, want, 'popup counts vs badges shown');
  const today = await popup.eval(() => document.getElementById('today').textContent);
  const flagged = parseInt(today, 10);
  assert.ok(flagged >= patientsFlagged, `the popup counts ${flagged} flagged today, fewer than the ${patientsFlagged} patients badged: "${today}"`);
  await popup.close();
});

// The privacy audit needs the core in the background (Chrome's offscreen
// document; Firefox's background page): it lists the pages to visit, and
// merges what the content script read on each.
test('privacy audit from the popup: every check reads as the testbed\'s account state says', async () => {
  const state = 'mixed';
  const fb = await Tab.open(ff);
  await fb.goto('https://www.facebook.com/__testbed/privacy/expected?state=' + state);
  const truth = await fb.eval(() => JSON.parse(document.body.textContent)); // the JSON viewer is off (bidi.mjs)
  assert.ok(Object.keys(truth).length > 5, 'the testbed has ground truth for the audit checks');
  await fb.eval((st) => {
    for (const [k, v] of Object.entries({ testbed_state: JSON.parse(st), testbed_locale: 'en_US', testbed_lazy: '0', testbed_csp: '', testbed_stall: '' })) {
      document.cookie = `${k}=${v}; path=/; secure`;
    }
  }, state);
  await fb.close();
  const popup = await Tab.open(ff);
  await popup.goto(`${ff.base}popup.html`);
  await popup.eval(() => chrome.storage.local.set({ clinicProfile: JSON.stringify({ practice_name: 'Springfield Family Practice', business_page_url: 'https://www.facebook.com/springfieldfamilypractice' }) }));
  await popup.eval(() => document.getElementById('audit-run').click());
  const t0 = Date.now();
  const latest = await popup.waitFor(async () => {
    const st = document.getElementById('audit-state').textContent;
    if (st.startsWith('The audit stopped') || st.startsWith('Could not start')) return { failed: st };
    const { auditLatest } = await chrome.storage.local.get('auditLatest');
    return auditLatest || false;
  }, { what: 'the stored audit', timeout: 240000, interval: 500 });
  assert.equal(latest.failed, undefined, `the popup says: ${latest.failed}`);
  const got = Object.fromEntries(latest.report.checks.map((c) => [c.id, c.status]));
  assert.deepEqual(got, truth, 'statuses per check');
  console.log(`# Firefox privacy audit (${state}, en): ${Date.now() - t0} ms, score ${latest.report.score}`);
  await popup.close();
});

// Firefox lets the user revoke an MV3 add-on's site access. Without it the
// content script never runs; the popup says so and asks again.
test('site access revoked: nothing runs on facebook.com, the popup says why, and "Allow access" brings it back', async () => {
  const ORIGINS = ['https://www.facebook.com/*', 'https://web.facebook.com/*', 'https://www.messenger.com/*'];
  const popup = await Tab.open(ff);
  await popup.goto(`${ff.base}popup.html`);
  assert.equal(await popup.eval(() => document.getElementById('access-sec').hidden), true, 'the notice shows while access is granted');
  assert.equal(await popup.eval((o) => chrome.permissions.remove({ origins: JSON.parse(o) }), ORIGINS), true);
  assert.equal(await popup.eval((o) => chrome.permissions.contains({ origins: JSON.parse(o) }), ORIGINS), false);
  await popup.waitFor(() => !document.getElementById('access-sec').hidden, { what: 'the site-access notice' });

  const fb = await Tab.open(ff);
  await fb.goto('https://www.facebook.com/friends/requests/');
  await new Promise((r) => setTimeout(r, 5000));
  assert.equal(await fb.eval(() => document.querySelectorAll('boundary-badge, boundary-banner').length), 0, 'marks drawn without site access');

  await popup.click('#access-grant');
  const said = await popup.waitFor(() => document.getElementById('access-state').textContent, { what: 'the answer to "Allow access"' });
  assert.match(said, /^Access granted/, `the popup said: ${said}`);
  assert.equal(await popup.eval(() => document.getElementById('access-sec').hidden), true);
  await fb.goto('https://www.facebook.com/friends/requests/');
  await fb.waitFor(() => document.querySelectorAll('boundary-badge').length > 0, { what: 'badges after access came back', timeout: 30000 });
  await settle(fb);
  const found = assertExactlyPatients(await hosts(fb), 'after access came back');
  assert.ok(found.size > 0);
  await fb.close();
  await popup.close();
});

// pressButton clicks, like a user, the button with this text inside the
// shadow roots of host elements, and reports whether there was one. A later
// scan may draw the banner anew between finding the button and pressing it
// (the pointer then aims at a node no longer displayed): it finds the
// button again, for up to five seconds.
async function pressButton(tab, host, text) {
  for (let i = 0; ; i++) {
    const [b] = await shadowFind(tab, host, (v, t) => v.localName === 'button' && t === text);
    try {
      if (!b) throw new Error(`no ${text} button`);
      await pressNode(tab, b);
      return true;
    } catch (e) {
      if (i >= 33) {
        if (!b) return false;
        throw e;
      }
      await new Promise((r) => setTimeout(r, 150));
    }
  }
}

test('reply panel: "Suggest a reply" on a patient\'s conversation, then Insert puts the reply into the Lexical composer, and nothing is sent', async () => {
  const profile = readFileSync(path.join(ROOT, 'wasm/replies/testdata/profiles/physician-gb.json'), 'utf8');
  const opt = await Tab.open(ff);
  await opt.goto(`${ff.base}options.html`);
  await opt.eval((p) => chrome.storage.local.set({ clinicProfile: JSON.parse(p) }), profile);
  await opt.close();
  const priya = threads.find((t) => t.name === 'Priya Patel');
  const tab = await Tab.open(ff);
  await tab.goto(`https://www.facebook.com/messages/t/${priya.id}/`);
  await tab.waitFor(() => !!(window.__composer && document.querySelector('[data-lexical-editor]') && document.querySelector('boundary-banner')), { what: 'the composer and the banner', timeout: 30000 });
  assert.ok(await pressButton(tab, 'boundary-banner', 'Suggest a reply'), 'the banner offers a reply');
  let reply = '';
  for (let i = 0; i < 100 && !reply; i++) {
    const [r] = await shadowFind(tab, 'boundary-panel', (v) => (v.attributes || {}).class === 'text');
    reply = r ? r.text : '';
    if (!reply) await new Promise((res) => setTimeout(res, 150));
  }
  assert.match(reply, /^Hi Priya,/);
  for (const v of ['Riverside Surgery', '020 7946 0321']) assert.ok(reply.includes(v), `profile value ${v} filled in`);
  assert.doesNotMatch(reply, /\{[a-z0-9_]+\}/);
  assert.ok(await pressButton(tab, 'boundary-panel', 'Insert'), 'the panel has Insert');
  const text = await tab.waitFor(() => window.__composer.text(), { what: 'text in the composer' });
  assert.equal(text, reply, 'Lexical\'s own state holds the reply');
  await tab.eval(() => window.__composer.forceRerender());
  assert.equal(await tab.eval(() => window.__composer.text()), reply, 'still there after a re-render from state');
  assert.deepEqual(await tab.eval(() => [window.__sent.length, window.__keys.synthetic.length, window.__keys.enter]), [0, 0, 0], 'nothing sent, no key pressed');
  await tab.close();
});

test('egress: every request went to the testbed, none carried a patient name or a verdict', async () => {
  await ff.close();
  ff = null;
  assert.deepEqual(px.refused, [], 'requests to hosts other than the testbed (Firefox\'s own or the extension\'s)');
  assert.ok(px.allowed.length > 0, 'the proxy saw the testbed traffic');
  const received = readFileSync(testbedLog, 'utf8');
  assert.ok(received.length > 0, 'the testbed logged requests');
  const csv = readFileSync(csvPath, 'utf8').replace(/^\uFEFF/, '').split(/\r?\n/);
  const surnameCol = csv[0].split(',').indexOf('Surname');
  const surnames = csv.slice(1).map((l) => l.split(',')[surnameCol]).filter((x) => x && x.length > 3);
  assert.ok(surnames.length > 10);
  for (const s of surnames) assert.ok(!received.includes(s), `a request to the site carried the patient surname ${s}`);
  for (const word of ['Likely patient', 'Possible emergency', 'emergency-overdose']) {
    assert.ok(!received.includes(word), `a request carried "${word}"`);
  }
});
