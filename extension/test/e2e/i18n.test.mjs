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

// The fixed words of the core's audit details (msg_audit_…): a German
// detail carries some of the German ones and none of the English ones
// that German does not share.
const words = (lang, prefix) => [...new Set(Object.keys(lang).filter((k) => k.startsWith(prefix))
  .flatMap((k) => lang[k].message.split(/\$P\d\$/)).map((w) => w.trim()).filter((w) => w.length >= 4))];
const auditDE = words(de, 'msg_audit_');
const auditEN = words(en, 'msg_audit_').filter((w) => !auditDE.some((d) => d.includes(w)));
const germanDetail = (s) => auditDE.some((w) => s.includes(w)) && !auditEN.some((w) => s.includes(w));

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
  // What each finding read is German too ("1 Eintrag: Öffentlich 1", not
  // "1 item: public 1").
  const found = await popup.$$eval('#audit-top li small', (ss) => ss.map((x) => ({ text: x.textContent, elements: x.children.length })));
  assert.equal(found.length, top.length, 'every top finding says what was read');
  const foundRe = pattern(de.audit_found);
  for (const f of found) {
    const m = foundRe.exec(f.text);
    assert.ok(m, `"${f.text}" is the German "found" line`);
    assert.ok(germanDetail(m[1]), `popup detail "${m[1]}" is German, with no English words`);
    assert.equal(f.elements, 0, 'the detail is text only');
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
  const details = await report.$$eval('#findings > section dt', (dts, label) => dts.filter((dt) => dt.textContent === label)
    .map((dt) => ({ text: dt.nextElementSibling.textContent, elements: dt.nextElementSibling.children.length })), de.report_found.message);
  assert.equal(details.length, checks.length, 'every finding says what was read');
  for (const d of details) {
    assert.ok(germanDetail(d.text), `report detail "${d.text}" is German, with no English words`);
    assert.equal(d.elements, 0, 'the detail is text only');
  }
  assert.ok(details.some((d) => /^\d+ (Eintrag|Einträge): /.test(d.text)), `an audience count among ${JSON.stringify(details.map((d) => d.text))}`);
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

// The core's own messages: a refused profile field, a refused import, a
// skipped row, an audit finding's detail and a policy sync error read
// German, and the values they quote (typed, from a file, from a server)
// stay text.
const HOSTILE = '<img src=x onerror=alert(1)>';
const quoted = (s) => JSON.stringify(s); // Go's strconv.Quote, for ASCII

async function openOptions() {
  const page = await br.context.newPage();
  const dialogs = [];
  page.on('dialog', (d) => { dialogs.push(d.message()); d.dismiss().catch(() => {}); });
  await page.goto(`chrome-extension://${br.extensionId}/options.html`);
  await page.waitForSelector('#clinic[data-ready="1"]');
  return { page, dialogs };
}

test('a refused profile field says why in German, with the typed value as text', async () => {
  await br.sw.evaluate(() => chrome.storage.local.remove(['clinicProfile', 'clinicProfileDraft']));
  const { page, dialogs } = await openOptions();
  await page.selectOption('#pf-profession', 'physician');
  await page.selectOption('#pf-country', 'DE');
  await page.fill('#pf-email', 'empfang bei praxis');
  await page.fill('[id="pf-hours.week.mon"]', HOSTILE);
  await page.waitForFunction((s) => document.getElementById('profile-status').textContent === s, fill(de.prof_notSavedMany, 2));

  const email = await page.textContent('#pf-email-err');
  assert.equal(email, de.msg_prof_email.message);
  assert.ok(!email.includes(en.msg_prof_email.message), 'no English email error');
  const mon = await page.textContent('[id="pf-hours.week.mon-err"]');
  assert.equal(mon, fill(de.msg_hours_interval_form, quoted(HOSTILE)));
  assert.ok(!mon.includes(fill(en.msg_hours_interval_form, '')), 'no English interval error');
  assert.equal(await page.$$eval('.field-error *', (es) => es.length), 0, 'no element came from an error');

  // A profile file that is refused lists its problems in German.
  const file = path.join(tmp, 'profil.json');
  writeFileSync(file, JSON.stringify({ profession: 'nurse', country: '<b>xx</b>', phone: 'ruf an' }));
  await page.setInputFiles('#profile-file', file);
  await page.waitForFunction((s) => document.getElementById('profile-status').textContent === s, fill(de.prof_notProfile, 'profil.json'));
  const problems = await page.$$eval('#profile-problems li', (lis) => lis.map((li) => li.textContent));
  assert.deepEqual(problems, [
    `country: ${fill(de.msg_prof_country_unknown, quoted('<B>XX</B>'), 'AU, CA, DE, GB, IE, US')}`,
    `phone: ${de.msg_prof_phone.message}`,
  ]);
  assert.ok(!problems.some((p) => p.includes(en.msg_prof_phone.message)), 'no English problem');
  assert.equal(await page.$$eval('#profile-problems li *', (es) => es.length), 0, 'no element came from a problem');
  assert.deepEqual(dialogs, []);
  await page.close();
  await br.sw.evaluate(() => chrome.storage.local.remove(['clinicProfile', 'clinicProfileDraft']));
});

test('a refused patient-list import and a skipped row say why in German, with the file\'s text as text', async () => {
  const { page, dialogs } = await openOptions();
  const broken = path.join(tmp, 'kaputt.csv');
  writeFileSync(broken, 'Vorname,Nachname\n"Anna,Schmidt\n');
  await page.setInputFiles('#csv-file', broken);
  await page.waitForFunction(() => document.getElementById('import-result').textContent.length > 0);
  const said = await page.textContent('#import-result');
  assert.equal(said, fill(de.opt_couldNotRead, 'kaputt.csv', fill(de.msg_csv_open_quote, 2)));
  assert.ok(!said.includes(fill(en.msg_csv_open_quote, 2)), 'no English import error');

  // A mapping the core cannot use is named in the preview.
  const first = path.join(tmp, 'vornamen.csv');
  writeFileSync(first, 'Vorname,Notiz\nAnna,x\nBernd,y\n');
  await page.setInputFiles('#csv-file', first);
  await page.waitForSelector('#preview:not([hidden])');
  const info = await page.textContent('#preview-info');
  assert.ok(info.endsWith(` ${de.msg_csv_need_last.message}`), `preview "${info}"`);
  assert.ok(!info.includes(en.msg_csv_need_last.message), 'no English mapping error');

  // A row without a surname is skipped, quoting its markup as text.
  const rows = path.join(tmp, 'liste.csv');
  writeFileSync(rows, `Vorname,Nachname\nAnna,Schmidt\n${HOSTILE},\n`);
  await page.setInputFiles('#csv-file', rows);
  await page.waitForFunction(() => !document.getElementById('preview-info').textContent.includes('vornamen.csv'));
  await page.click('#import');
  await page.waitForFunction((s) => document.getElementById('import-result').textContent === s, fill(de.opt_imported, 1, 1));
  const skipped = await page.$$eval('#skipped li', (lis) => lis.map((li) => li.textContent));
  assert.deepEqual(skipped, [fill(de.opt_skippedRow, 3, fill(de.msg_csv_skip_no_last, `'${HOSTILE}'`))]);
  assert.ok(!skipped[0].includes(fill(en.msg_csv_skip_no_last, '')), 'no English skip reason');
  assert.equal(await page.$$eval('#skipped *, #import-result *, #preview-info *', (es) => es.filter((e) => e.tagName !== 'LI').length), 0, 'no element came from the file');
  assert.deepEqual(dialogs, []);
  await page.close();
});

test('an audit detail whose argument carries markup reads German and stays text', async () => {
  const base = `chrome-extension://${br.extensionId}`;
  const { auditLatest } = await br.sw.evaluate(() => chrome.storage.local.get('auditLatest'));
  assert.ok(auditLatest && auditLatest.report, 'the audit above stored its report');
  const report = structuredClone(auditLatest.report);
  const c = report.checks.find((x) => x.status === 'risk');
  c.detail = `1 item: public 1; visible: ${quoted(HOSTILE)}`;
  c.detail_why = [
    { key: 'msg_audit_item', args: ['public 1', 'Öffentlich 1'] },
    { key: 'msg_audit_visible', args: [quoted(HOSTILE), quoted(HOSTILE)] },
  ];
  report.checks = [c, ...report.checks.filter((x) => x !== c)];
  await br.sw.evaluate((r) => chrome.storage.local.set({ auditLatest: { date: new Date().toISOString(), report: r } }), report);
  const want = fill(de.msg_audit_item, '', 'Öffentlich 1') + fill(de.msg_audit_visible, '', quoted(HOSTILE));

  const popup = await br.context.newPage();
  const dialogs = [];
  popup.on('dialog', (d) => { dialogs.push(d.message()); d.dismiss().catch(() => {}); });
  await popup.goto(`${base}/popup.html`);
  await popup.waitForSelector('#audit-top li small');
  const small = await popup.$eval('#audit-top li small', (x) => ({ text: x.textContent, elements: x.querySelectorAll('*').length }));
  assert.equal(small.text, fill(de.audit_found, want));
  assert.ok(!small.text.includes('1 item') && !small.text.includes('visible:'), 'no English detail');
  assert.equal(small.elements, 0, 'no element came from the detail');
  await popup.close();

  const page = await br.context.newPage();
  page.on('dialog', (d) => { dialogs.push(d.message()); d.dismiss().catch(() => {}); });
  await page.goto(`${base}/report.html`);
  await page.waitForSelector('#findings > section');
  const dd = await page.$eval(`[id="check-${c.id}"]`, (sec, label) => {
    const dt = [...sec.querySelectorAll('dt')].find((x) => x.textContent === label);
    return { text: dt.nextElementSibling.textContent, elements: dt.nextElementSibling.querySelectorAll('*').length };
  }, de.report_found.message);
  assert.equal(dd.text, want);
  assert.equal(dd.elements, 0, 'no element came from the detail');
  assert.deepEqual(dialogs, []);
  await page.close();
});

test('a policy sync error reads German in the settings and the popup, and a server\'s words stay text', async () => {
  const { page, dialogs } = await openOptions();
  await page.waitForFunction(() => document.getElementById('connect-status').textContent.length > 0);
  const connect = async (url) => {
    await page.fill('#connect-url', url);
    await page.fill('#connect-clinic', 'praxis-am-markt');
    await page.fill('#connect-token', 'bnd_lesetoken123');
    await page.click('#connect-go');
  };
  // Refused before any request: not an https address.
  await connect('ftp://richtlinie.praxis.example');
  await page.waitForFunction((s) => document.getElementById('connect-status').textContent === s, de.syncErr_https.message);
  assert.ok(!(await page.textContent('#connect-status')).includes(en.syncErr_https.message));
  // A server that cannot be reached (the name does not resolve here).
  await connect('https://richtlinie.praxis.invalid');
  const failing = fill(de.sync_failingNone, de.syncErr_unreachable.message);
  await page.waitForFunction((s) => document.getElementById('connect-status').textContent === s, failing, { timeout: 30000 });
  assert.ok(!(await page.textContent('#connect-status')).includes(en.syncErr_unreachable.message), 'no English sync error');
  const st = await br.sw.evaluate(() => chrome.storage.local.get('clinicPolicy'));
  assert.equal(st.clinicPolicy.lastError, en.syncErr_unreachable.message, 'the stored error is the English');
  assert.deepEqual(st.clinicPolicy.lastErrorWhy, { key: 'syncErr_unreachable', args: [] });

  const popup = await br.context.newPage();
  popup.on('dialog', (d) => { dialogs.push(d.message()); d.dismiss().catch(() => {}); });
  await popup.goto(`chrome-extension://${br.extensionId}/popup.html`);
  await popup.waitForFunction((s) => document.getElementById('sync-state').textContent === s, failing);

  // What a server sent is an argument, and stays text.
  await br.sw.evaluate((h) => chrome.storage.local.get('clinicPolicy').then(({ clinicPolicy: p }) => chrome.storage.local.set({
    clinicPolicy: { ...p, lastError: `the server sent a policy that is not valid (${h})`, lastErrorWhy: { key: 'syncErr_invalid', args: [h] } },
  })), HOSTILE);
  const invalid = fill(de.sync_failingNone, fill(de.syncErr_invalid, HOSTILE));
  await popup.waitForFunction((s) => document.getElementById('sync-state').textContent === s, invalid);
  await page.waitForFunction((s) => document.getElementById('connect-status').textContent === s, invalid);
  assert.equal(await popup.$$eval('#sync-state *', (es) => es.length), 0, 'no element came from the server');
  assert.equal(await page.$$eval('#connect-status *', (es) => es.length), 0, 'no element came from the server');
  assert.deepEqual(dialogs, []);
  await popup.close();
  await page.close();
  await br.sw.evaluate(() => chrome.storage.local.remove(['clinicConnection', 'clinicPolicy']));
});
