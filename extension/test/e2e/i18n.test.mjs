// The wording Boundary draws into the site follows the browser's language:
// the built extension in Chromium started in German shows German badges,
// banner, emergency note, panel and draft-check chrome (extension/_locales),
// while reasons and template text come from the core as before. The English
// suites run the same code in English.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ROOT, startTestbed, launch, importPatients, waitStats, marks, shadowNodes } from './harness.mjs';

const threads = JSON.parse(readFileSync(path.join(ROOT, 'wasm/testbed/data/threads.json'), 'utf8'));
const de = JSON.parse(readFileSync(path.join(ROOT, 'extension/_locales/de/messages.json'), 'utf8'));
const en = JSON.parse(readFileSync(path.join(ROOT, 'extension/_locales/en/messages.json'), 'utf8'));

let tb;
let br;

before(async () => {
  tb = await startTestbed();
  br = await launch({ port: tb.port, netLog: false, locale: 'de-DE' });
  assert.match(await importPatients(br.context, br.extensionId, path.join(ROOT, 'wasm/testbed/data/patients.csv')), /^Imported \d+ people/);
});

after(async () => {
  if (br) await br.close();
  if (tb) tb.stop();
});

async function settle(page) {
  let prev = -1;
  for (let i = 0, same = 0; i < 60 && same < 3; i++) {
    const n = await page.evaluate(() => document.querySelectorAll('boundary-badge, boundary-banner').length);
    same = n === prev ? same + 1 : 0;
    prev = n;
    await page.waitForTimeout(200);
  }
}

test('the browser is German, so the in-page wording is German', async () => {
  assert.match(await br.sw.evaluate(() => chrome.i18n.getUILanguage()), /^de/);
  // An emergency conversation, as the messenger suite's ground truth says.
  const t = threads.find((x) => !x.request && !x.e2ee && x.messages.some((m) => m.label === 'emergency'));
  const page = await br.context.newPage();
  await page.goto(`https://www.facebook.com/messages/t/${t.id}/?locale=de_DE`);
  await waitStats(page, (s) => s.firstScan > 0, { what: 'first scan' });
  await settle(page);
  const found = await marks(page);
  const banner = found.find((m) => m.tag === 'boundary-banner' && m.thread === t.id);
  assert.ok(banner, 'the emergency conversation has a banner');
  assert.equal(banner.heading.split(' · ')[0], `Boundary: ${de.cat_emergency.message}`);
  assert.ok(banner.text.includes(de.emergencyNote.message), 'the German emergency note');
  assert.ok(banner.text.includes(de.suggestReply.message), 'the German action');
  assert.ok(!banner.text.includes(en.emergencyNote.message), 'no English note');
  const rows = found.filter((m) => m.tag === 'boundary-badge' && m.where === 'row');
  assert.ok(rows.length > 5, 'rows are badged');
  const labels = new Set(['emergency', 'medical_question', 'appointment_admin', 'complaint', 'sensitive_info', 'personal'].map((c) => de[`cat_${c}`].message));
  for (const r of rows) {
    assert.ok(labels.has(r.pill.replace(/^\u26A0 /, '')), `row pill "${r.pill}" is a German category label`);
    assert.match(r.label, /^Boundary: /);
  }

  // The reply panel's own wording.
  await page.bringToFront();
  await br.sw.evaluate(async () => {
    const [tab] = await chrome.tabs.query({ active: true, currentWindow: true });
    await chrome.tabs.sendMessage(tab.id, { type: 'sw→content:open-reply-panel' });
  });
  let nodes = [];
  for (let i = 0; i < 75; i++) {
    nodes = await shadowNodes(page, 'boundary-panel');
    if (nodes.some((n) => n.attrs.role === 'option')) break;
    await page.waitForTimeout(200);
  }
  const title = (nodes.find((n) => n.tag === 'h2') || {}).text || '';
  assert.ok(title.startsWith(de.replyTo.message.replace('$P1$', '')), `panel title "${title}"`);
  const dialog = nodes.find((n) => n.attrs.role === 'dialog');
  assert.equal(dialog.attrs['aria-label'], de.panelLabel.message);
  const buttons = nodes.filter((n) => n.tag === 'button').map((n) => n.text);
  // No clinic profile here: the panel says so and asks for the values.
  assert.ok(buttons.includes(de.openSettings.message), `buttons ${JSON.stringify(buttons)}`);
  assert.ok(buttons.includes(de.insert.message) || buttons.includes(de.fillIn.message), `buttons ${JSON.stringify(buttons)}`);
  for (const k of ['openSettings', 'insert', 'fillIn', 'replyAndDecline']) assert.ok(!buttons.includes(en[k].message), `English "${en[k].message}"`);
  const text = nodes.map((n) => n.text).join(' ');
  assert.ok(text.includes(de.noProfile.message), 'the German note about the missing profile');
  await page.close();
});
