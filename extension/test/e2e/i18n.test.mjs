// The wording Boundary draws into the site follows the browser's language:
// the built extension in Chromium started in German shows German badges,
// banner, emergency note, panel and draft-check chrome, the reasons under a
// verdict (the core sends each as a key with arguments), and its own pages:
// popup, settings, audit report and handout (extension/_locales). Template
// text comes from the rule packs in the profile's language. The English
// suites run the same code in English.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ROOT, startTestbed, launch, importPatients, waitStats, marks, shadowNodes } from './harness.mjs';

const threads = JSON.parse(readFileSync(path.join(ROOT, 'wasm/testbed/data/threads.json'), 'utf8'));
const de = JSON.parse(readFileSync(path.join(ROOT, 'extension/_locales/de/messages.json'), 'utf8'));
const en = JSON.parse(readFileSync(path.join(ROOT, 'extension/_locales/en/messages.json'), 'utf8'));

const situations = JSON.parse(readFileSync(path.join(ROOT, 'rules/replies/_situations.json'), 'utf8'));

// fill puts arguments into a catalogue message; pattern matches any
// filling of it and captures the arguments.
const fill = (m, ...args) => m.message.replace(/\$P(\d)\$/g, (_, i) => String(args[Number(i) - 1]));
const esc = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const pattern = (m) => new RegExp(`^${m.message.split(/\$P\d\$/).map(esc).join('(.*)')}$`);
const reasonKeys = Object.keys(de).filter((k) => k.startsWith('why_'));

let tb;
let br;
let listed = 0;
const tmp = mkdtempSync(path.join(os.tmpdir(), 'boundary-i18n-'));

before(async () => {
  tb = await startTestbed();
  br = await launch({ port: tb.port, netLog: false, locale: 'de-DE' });
  const said = await importPatients(br.context, br.extensionId, path.join(ROOT, 'wasm/testbed/data/patients.csv'));
  const m = pattern(de.opt_imported).exec(said);
  assert.ok(m, `the import result "${said}" is the German sentence`);
  listed = Number(m[1]);
  assert.ok(listed > 10, `${listed} people imported`);
});

after(async () => {
  if (br) await br.close();
  if (tb) tb.stop();
  rmSync(tmp, { recursive: true, force: true });
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

// fold is close enough to the core's word folding for English text: lower
// case, and anything but letters and digits separates words.
const fold = (s) => s.toLowerCase().normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[^a-z0-9]+/g, ' ');

async function bannerOf(page, threadId) {
  await page.goto(`https://www.facebook.com/messages/t/${threadId}/?locale=de_DE`);
  await waitStats(page, (s) => s.firstScan > 0, { what: 'first scan' });
  await settle(page);
  const found = await marks(page);
  const i = found.filter((m) => m.tag === 'boundary-banner').findIndex((m) => m.thread === threadId);
  assert.ok(i >= 0, `thread ${threadId} has a banner`);
  return (await shadowNodes(page, 'boundary-banner')).filter((n) => n.host === i);
}

test('the reasons under a verdict are German, and the message\'s words stay as written', async () => {
  const t = threads.find((x) => x.lang === 'en' && !x.request && !x.e2ee && x.messages.some((m) => m.label === 'emergency'));
  const page = await br.context.newPage();
  const nodes = await bannerOf(page, t.id);
  const reasons = nodes.filter((n) => n.tag === 'li').map((n) => n.text);
  assert.ok(reasons.length >= 2, `reasons ${JSON.stringify(reasons)}`);
  const englishRule = pattern(en.why_rule);
  const germanRule = pattern(de.why_rule);
  const said = fold(t.messages.map((m) => m.text).join('\n'));
  let quoted = 0;
  for (const r of reasons) {
    const key = reasonKeys.find((k) => pattern(de[k]).test(r));
    assert.ok(key, `reason "${r}" is a German catalogue message`);
    assert.ok(!englishRule.test(r) && !pattern(en.why_model_top).test(r), `reason "${r}" is not the English one`);
    const m = germanRule.exec(r);
    if (m) {
      quoted++;
      // The rule's id and the words it quotes from the message are as the
      // core sent them, inside German quotation marks.
      assert.match(m[1], /^[a-z0-9-]+$/, `rule id in "${r}"`);
      // A rule with a cue near its match quotes both, joined by " + ".
      for (const part of m[2].split(' + ')) assert.ok(said.includes(part), `"${part}" (of "${m[2]}") is words of the message`);
    }
  }
  assert.ok(quoted > 0, `a rule reason among ${JSON.stringify(reasons)}`);
  await page.close();
});

test('the popup, the settings page, the report and the handout are German', async () => {
  const base = `chrome-extension://${br.extensionId}`;
  const popup = await br.context.newPage();
  await popup.goto(`${base}/popup.html`);
  await popup.waitForFunction(() => document.getElementById('list').textContent.length > 0);
  assert.equal(await popup.getAttribute('html', 'lang'), 'de');
  assert.equal(await popup.textContent('#options'), de.popup_options.message);
  assert.equal(await popup.textContent('#audit-sec h2'), de.audit_title.message);
  assert.equal(await popup.textContent('#audit-run'), de.audit_run.message);
  assert.equal(await popup.getAttribute('#today-sec', 'aria-label'), de.popup_todayLabel.message);
  assert.equal(await popup.textContent('#list'), fill(de.popup_listCount, listed));
  const today = await popup.textContent('#today');
  assert.ok(pattern(de.popup_flaggedMany).test(today) || today === de.popup_flaggedOne.message, `today: "${today}"`);
  await popup.close();

  const opt = await br.context.newPage();
  await opt.goto(`${base}/options.html`);
  await opt.waitForSelector('#clinic[data-ready="1"]');
  await opt.waitForSelector('#templates[data-ready="1"]');
  await opt.waitForFunction(() => document.getElementById('connect-status').textContent.length > 0);
  assert.equal(await opt.getAttribute('html', 'lang'), 'de');
  assert.equal(await opt.title(), de.opt_title.message);
  assert.equal(await opt.textContent('h1'), de.opt_heading.message);
  // The patient list.
  assert.equal(await opt.textContent('#patients-h'), de.opt_patientsHeading.message);
  assert.equal(await opt.textContent('#import'), de.opt_importList.message);
  assert.ok(pattern(de.opt_listStatus).test(await opt.textContent('#list-status')), 'the list status is German');
  // The clinic profile.
  assert.equal(await opt.textContent('label[for="pf-profession"]'), de.profession.message);
  assert.equal(await opt.textContent('label[for="pf-hours.week.mon"]'), de.day_mon.message);
  assert.equal(await opt.textContent('#pf-hours legend'), de.prof_hoursLegend.message);
  assert.equal(await opt.textContent('#handout-open'), de.prof_handout.message);
  assert.equal(await opt.textContent('#profile-status'), de.prof_none.message);
  const countries = await opt.$$eval('#pf-country option', (os) => os.map((o) => o.textContent));
  assert.ok(countries.includes(`${de.country_DE.message} (DE)`), `countries ${JSON.stringify(countries)}`);
  // The template editor: German situations from the rule pack.
  assert.equal(await opt.textContent('#tpl-add-open'), de.tpl_add.message);
  const heads = await opt.$$eval('#tpl-list h3', (hs) => hs.map((h) => h.textContent));
  const germanSituations = new Set(situations.situations.map((x) => x.label.de));
  assert.ok(heads.length > 3 && heads.every((h) => germanSituations.has(h)), `situations ${JSON.stringify(heads)}`);
  // The clinic policy.
  assert.equal(await opt.textContent('#connect-h'), de.clinicPolicy.message);
  assert.equal(await opt.textContent('#connect-go'), de.opt_connect.message);
  assert.equal(await opt.textContent('#connect-status'), de.sync_notConnected.message);
  const body = await opt.textContent('body');
  for (const k of ['opt_lead', 'opt_patientsText', 'opt_clinicText', 'opt_templatesText', 'opt_connectText', 'prof_hoursLegend', 'prof_handout', 'tpl_add']) {
    assert.ok(body.includes(de[k].message), `German ${k}`);
    assert.ok(!body.includes(en[k].message), `no English ${k}`);
  }
  await opt.close();

  const report = await br.context.newPage();
  await report.goto(`${base}/report.html`);
  await report.waitForFunction((s) => document.getElementById('meta').textContent === s, de.report_none.message);
  assert.equal(await report.textContent('h1'), de.report_title.message);
  assert.equal(await report.textContent('#print'), de.printPdf.message);
  await report.close();

  const handout = await br.context.newPage();
  await handout.goto(`${base}/handout.html`);
  await handout.waitForFunction((s) => document.getElementById('handout-status').textContent === s, de.handout_noProfile.message);
  assert.equal(await handout.textContent('#print'), de.printPdf.message);
  await handout.close();
});

test('an audit\'s findings read German in the popup and the report', async () => {
  const checks = readdirSync(path.join(ROOT, 'rules/audit')).filter((f) => f.endsWith('.json') && !f.startsWith('_'))
    .map((f) => JSON.parse(readFileSync(path.join(ROOT, 'rules/audit', f), 'utf8')));
  // The testbed's public account in German: every check is a risk.
  await br.context.addCookies([
    { name: 'testbed_state', value: 'public', url: 'https://www.facebook.com' },
    { name: 'testbed_locale', value: 'de_DE', url: 'https://www.facebook.com' },
  ]);
  const base = `chrome-extension://${br.extensionId}`;
  const popup = await br.context.newPage();
  await popup.goto(`${base}/popup.html`);
  await popup.click('#audit-run');
  await popup.waitForFunction(() => document.querySelectorAll('#audit-top li').length > 0 && !document.getElementById('audit-run').disabled, null, { timeout: 240000 });
  const top = await popup.$$eval('#audit-top li', (lis) => lis.map((li) => li.textContent));
  for (const line of top) {
    const c = checks.find((x) => line.includes(x.translations.de.message));
    assert.ok(c, `popup finding "${line}" is a check's German message`);
  }
  await popup.close();
  const report = await br.context.newPage();
  await report.goto(`${base}/report.html`);
  await report.waitForSelector('#findings > section');
  const secs = await report.$$eval('#findings > section', (ss) => ss.map((x) => ({ id: x.id.replace('check-', ''), text: x.textContent })));
  assert.equal(secs.length, checks.length);
  for (const sec of secs) {
    const c = checks.find((x) => x.id === sec.id);
    assert.ok(sec.text.includes(c.translations.de.message), `${c.id}: German message`);
    assert.ok(sec.text.includes(c.translations.de.explanation), `${c.id}: German explanation`);
    assert.ok(!sec.text.includes(c.message) && !sec.text.includes(c.explanation), `${c.id}: no English`);
  }
  await report.close();
});

test('markup and $-signs in the arguments of a reason stay inert text', async () => {
  // A patient list whose entry carries markup in its middle name: the entry
  // still matches "Mary <b>Jones</b>", and the sender-match reason quotes it.
  const display = 'Jones, Mary <img src=x onerror=alert(1)> $2';
  const csv = path.join(tmp, 'hostile.csv');
  writeFileSync(csv, 'Surname,Forename,Middle\nJones,Mary,<img src=x onerror=alert(1)> $2\n');
  assert.ok(pattern(de.opt_imported).test(await importPatients(br.context, br.extensionId, csv)));
  const t = threads.find((x) => x.name === 'Mary <b>Jones</b>');
  const page = await br.context.newPage();
  const dialogs = [];
  page.on('dialog', (d) => { dialogs.push(d.message()); d.dismiss().catch(() => {}); });
  const nodes = await bannerOf(page, t.id);
  const reasons = nodes.filter((n) => n.tag === 'li').map((n) => n.text);
  assert.ok(reasons.includes(fill(de.why_sender_match, display)), `reasons ${JSON.stringify(reasons)}`);
  assert.ok(!nodes.some((n) => ['img', 'svg', 'script', 'b'].includes(n.tag)), 'no element came from the reason');
  assert.deepEqual(dialogs, []);
  await page.close();
});
