// The options page's clinic profile, template editor and patient handout in
// real Chromium with the built extension: validation beside each field,
// autosave that survives a reload, invalid edits and broken imports that
// never replace the last good profile, template edits that are saved,
// reset and kept across a change of the built-in pack, clinic locks, a
// corrupt stored value that is backed up rather than lost, and a handout
// that prints with the clinic's details and no placeholders.
//
// BOUNDARY_SCREENSHOTS=1 also writes docs/options-profile.png and
// docs/options-templates.png.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { ROOT, startTestbed, launch, setStorage } from './harness.mjs';

const HOSTILE = '<img src=x onerror="window.__pwned=1">Riverside & Co';
const GOOD = {
  profession: 'physician', country: 'GB', clinic_name: 'Riverside Surgery', phone: '020 7946 0321',
  email: 'reception@riverside-surgery.example', portal_url: 'https://riverside-surgery.example/online',
  business_page_url: 'https://www.facebook.com/riversidesurgery.example', time_zone: 'Europe/London',
  hours: { week: { mon: ['08:00-18:30'], tue: ['08:00-18:30'], wed: ['08:00-13:00'], thu: ['08:00-18:30'], fri: ['08:00-18:30'] }, closed: ['2026-12-25', '2026-12-26'] },
  away: [{ from: '2026-08-03', to: '2026-08-14' }],
  complaints_url: 'https://riverside-surgery.example/complaints', sign_off: 'Dr Amara Okafor',
};

let tb;
let br;
const pageErrors = [];

before(async () => {
  tb = await startTestbed();
  br = await launch({ port: tb.port, netLog: false });
});

after(async () => {
  if (br) await br.close();
  if (tb) tb.stop();
});

async function storage(keys) {
  return br.sw.evaluate((k) => chrome.storage.local.get(k), keys);
}

async function openOptions(page) {
  page = page || await br.context.newPage();
  if (!page.__watched) {
    page.on('pageerror', (e) => pageErrors.push(String(e)));
    page.__watched = true;
  }
  await page.goto(`chrome-extension://${br.extensionId}/options.html`);
  await page.waitForSelector('#clinic[data-ready="1"]', { timeout: 20000 });
  await page.waitForSelector('#templates[data-ready="1"]', { timeout: 20000 });
  return page;
}

async function status(page, re) {
  await page.waitForFunction((src) => new RegExp(src).test(document.getElementById('profile-status').textContent), re.source, { timeout: 10000 });
  return page.textContent('#profile-status');
}

async function fieldError(page, key) {
  const input = page.locator(`[id="pf-${key}"]`);
  return {
    invalid: await input.getAttribute('aria-invalid'),
    describedBy: await input.getAttribute('aria-describedby'),
    text: await page.textContent(`[id="pf-${key}-err"]`),
  };
}

test('profile: errors beside the fields, hostile text stays text, autosave survives a reload', async () => {
  await br.sw.evaluate(() => chrome.storage.local.clear());
  const page = await openOptions();
  await page.selectOption('#pf-profession', 'physician');
  await page.selectOption('#pf-country', 'GB');
  assert.match(await page.textContent('#pf-jurisdiction'), /emergency number 999 \(also 112\)/);
  await page.fill('#pf-clinic_name', HOSTILE);
  await page.fill('#pf-phone', '020 7946 0321');
  await page.fill('#pf-email', 'reception at riverside');
  await page.fill('#pf-portal_url', 'riverside-surgery.example/online');
  await page.fill('[id="pf-hours.week.mon"]', '18:30-08:00');
  await page.fill('#pf-away', '2026-08-14 to 2026-08-03');
  await status(page, /Not saved yet: 4 fields need attention/);

  const email = await fieldError(page, 'email');
  assert.equal(email.invalid, 'true');
  assert.ok(email.describedBy.split(' ').includes('pf-email-err'), 'the email field does not name its error');
  assert.match(email.text, /email address/);
  assert.match((await fieldError(page, 'portal_url')).text, /web address starting with https:\/\//);
  assert.match((await fieldError(page, 'hours.week.mon')).text, /ends before it starts/);
  assert.match((await fieldError(page, 'away')).text, /Line 1: must not be before from/);
  assert.equal((await fieldError(page, 'phone')).invalid, null, 'a valid phone is marked invalid');

  // The last valid state (typed before the bad email) is the stored
  // profile; the invalid typing is only a draft.
  let st = await storage(['clinicProfile', 'clinicProfileDraft']);
  assert.equal(JSON.parse(st.clinicProfile).email, undefined);
  assert.equal(JSON.parse(st.clinicProfileDraft).email, 'reception at riverside');
  assert.equal(JSON.parse(st.clinicProfileDraft).clinic_name, HOSTILE);

  // The hostile name never became markup.
  assert.equal(await page.evaluate(() => document.querySelectorAll('img').length), 0);
  assert.equal(await page.evaluate(() => window.__pwned), undefined);

  await page.fill('#pf-email', 'reception@riverside-surgery.example');
  await page.fill('#pf-portal_url', 'https://riverside-surgery.example/online');
  await page.fill('[id="pf-hours.week.mon"]', '08:00-12:30, 13:30\u201318:30');
  await page.fill('[id="pf-hours.week.tue"]', '08:00-18:30');
  await page.fill('#pf-away', '2026-08-03 to 2026-08-14');
  await status(page, /^Saved\.$/);
  assert.equal(await page.locator('[aria-invalid="true"]').count(), 0);
  st = await storage(['clinicProfile', 'clinicProfileDraft']);
  const saved = JSON.parse(st.clinicProfile);
  assert.equal(saved.clinic_name, HOSTILE);
  assert.deepEqual(saved.hours.week.mon, ['08:00-12:30', '13:30-18:30']);
  assert.deepEqual(saved.away, [{ from: '2026-08-03', to: '2026-08-14' }]);
  assert.equal(st.clinicProfileDraft, undefined);

  await page.reload();
  await page.waitForSelector('#clinic[data-ready="1"]');
  assert.equal(await page.inputValue('#pf-clinic_name'), HOSTILE);
  assert.equal(await page.inputValue('[id="pf-hours.week.mon"]'), '08:00-12:30, 13:30-18:30');
  assert.equal(await page.inputValue('#pf-country'), 'GB');
  await page.close();
});

test('profile: an invalid edit keeps the last good profile and survives a reload as a draft', async () => {
  const page = await openOptions();
  const before = (await storage('clinicProfile')).clinicProfile;
  await page.fill('#pf-phone', 'call me maybe');
  await page.fill('#pf-complaints_url', 'javascript:alert(1)');
  await page.waitForFunction(() => document.getElementById('pf-complaints_url').getAttribute('aria-invalid') === 'true');
  await status(page, /2 fields need attention/);
  assert.match((await fieldError(page, 'phone')).text, /must be a phone number/);
  assert.match((await fieldError(page, 'complaints_url')).text, /web address/);
  const st = await storage(['clinicProfile', 'clinicProfileDraft']);
  assert.equal(st.clinicProfile, before, 'an invalid edit replaced the stored profile');
  assert.equal(JSON.parse(st.clinicProfileDraft).phone, 'call me maybe');

  await page.reload();
  await page.waitForSelector('#clinic[data-ready="1"]');
  assert.equal(await page.inputValue('#pf-phone'), 'call me maybe', 'the draft was lost on reload');
  assert.match(await page.textContent('#profile-status'), /Restored your unsaved draft/);
  assert.equal((await fieldError(page, 'phone')).invalid, 'true');
  await page.fill('#pf-phone', '020 7946 0999');
  await page.fill('#pf-complaints_url', '');
  await status(page, /^Saved\.$/);
  assert.equal(JSON.parse((await storage('clinicProfile')).clinicProfile).phone, '020 7946 0999');
  await page.close();
});

test('profile: a broken import keeps the last good profile and says why; a good one replaces it', async () => {
  const page = await openOptions();
  const before = (await storage('clinicProfile')).clinicProfile;
  await page.setInputFiles('#profile-file', { name: 'broken.json', mimeType: 'application/json', buffer: Buffer.from('{"profession": "physician", "country": ') });
  assert.match(await status(page, /Not imported/), /broken\.json is not a valid profile\. Your profile is unchanged/);
  assert.match(await page.textContent('#profile-problems'), /not valid JSON/);
  await page.setInputFiles('#profile-file', { name: 'wrong.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify({ ...GOOD, profession: 'surgeon', email: 'nope' })) });
  await status(page, /wrong\.json is not a valid profile/);
  const problems = await page.textContent('#profile-problems');
  assert.match(problems, /profession: unknown profession "surgeon"/);
  assert.match(problems, /email: must be an email address/);
  assert.equal((await storage('clinicProfile')).clinicProfile, before, 'a broken import changed the stored profile');
  assert.equal(await page.inputValue('#pf-clinic_name'), HOSTILE, 'a broken import changed the form');

  await page.setInputFiles('#profile-file', { name: 'riverside.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(GOOD)) });
  await status(page, /Imported riverside\.json/);
  assert.equal(await page.inputValue('#pf-clinic_name'), 'Riverside Surgery');
  assert.equal(await page.inputValue('[id="pf-hours.closed"]'), '2026-12-25\n2026-12-26');
  assert.equal(await page.inputValue('#pf-time_zone'), 'Europe/London');
  assert.deepEqual(JSON.parse((await storage('clinicProfile')).clinicProfile), GOOD);

  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#profile-export')]);
  assert.equal(download.suggestedFilename(), 'clinic-profile.json');
  const exported = JSON.parse(await new Promise((resolve, reject) => {
    download.createReadStream().then((s) => {
      let buf = '';
      s.on('data', (d) => { buf += d; });
      s.on('end', () => resolve(buf));
      s.on('error', reject);
    }, reject);
  }));
  assert.deepEqual(exported, GOOD, 'export does not round-trip');
  if (process.env.BOUNDARY_SCREENSHOTS) {
    await page.setViewportSize({ width: 900, height: 900 });
    await page.locator('#clinic').screenshot({ path: path.join(ROOT, 'docs/options-profile.png') });
  }
  await page.close();
});

test('templates: preview from the profile, refuse unknown placeholders, save, reset, add, and keep edits across a pack change', async () => {
  await br.sw.evaluate(() => chrome.storage.local.remove('replyOverrides'));
  const page = await openOptions();
  await page.selectOption('#tpl-lang', 'en');
  const row = page.locator('li[data-id="after_hours.all.en"]');
  await row.locator('button').click();
  await page.waitForSelector('#tpl-editor:not([hidden])');
  assert.equal(await page.isVisible('#tpl-add-fields'), false, 'the new-template fields show while editing');
  const preview = await page.textContent('#tpl-preview');
  assert.match(preview, /^Hi Sam,/);
  assert.match(preview, /Riverside Surgery is closed at the moment, and our opening hours are Mon–Tue 08:00–18:30; Wed 08:00–13:00; Thu–Fri 08:00–18:30 \(Europe\/London\)/);
  assert.doesNotMatch(preview, /[{}]|\[\[/);

  await page.fill('#tpl-text', 'Closed now. Call {phone}, or {nickname}.');
  await page.waitForFunction(() => /Cannot be filled: unknown variable \{nickname\}/.test(document.getElementById('tpl-preview').textContent));
  await page.click('#tpl-save');
  assert.match(await page.textContent('#tpl-error'), /unknown variable \{nickname\}/);
  assert.equal(await page.getAttribute('#tpl-text', 'aria-invalid'), 'true');
  assert.equal((await storage('replyOverrides')).replyOverrides, undefined, 'a refused edit was stored');

  // A value the profile lacks is named, never shown as a placeholder.
  await page.fill('#tpl-text', 'Closed now. Call {phone}. Crisis: {crisis_line}. Complaints: {complaints_url}?');
  await page.fill('#tpl-text', 'Closed now. Call {phone}. {sign_off}');
  await page.waitForFunction(() => document.getElementById('tpl-preview').textContent.startsWith('Closed now. Call 020 7946 0321. Dr Amara Okafor'));
  await page.click('#tpl-save');
  await page.waitForFunction(() => /Saved your wording/.test(document.getElementById('tpl-status').textContent));
  let ov = JSON.parse((await storage('replyOverrides')).replyOverrides);
  assert.deepEqual(ov.overrides.map((o) => [o.template, o.based_on_version, o.text]), [['after_hours.all.en', 1, 'Closed now. Call {phone}. {sign_off}']]);
  assert.match(await row.textContent(), /edited/);

  // Needs: a template that uses a value the profile lacks says so.
  await page.locator('li[data-id="decline_friend_request.all.en"] button').click();
  await page.fill('#tpl-text', 'Please see {business_page_url}. In a crisis: {crisis_line}. {out_of_hours}');
  await setStorage(br.sw, { clinicProfile: JSON.stringify({ ...GOOD, business_page_url: undefined }) });
  await page.waitForFunction(() => /^Needs: business page address\./.test(document.getElementById('tpl-preview').textContent));

  // Add a template of one's own.
  await page.click('#tpl-add-open');
  await page.selectOption('#tpl-add-situation', 'complaint');
  await page.selectOption('#tpl-add-lang', 'de');
  await page.selectOption('#tpl-add-profession', 'physician');
  await page.fill('#tpl-text', 'Hallo {first_name}, bitte nutzen Sie {complaints_url}. {sign_off}');
  await page.waitForFunction(() => document.getElementById('tpl-preview').textContent.startsWith('Hallo Anna, bitte nutzen Sie https://riverside-surgery.example/complaints.'));
  await page.click('#tpl-save');
  await page.waitForFunction(() => /Added your template/.test(document.getElementById('tpl-status').textContent));
  ov = JSON.parse((await storage('replyOverrides')).replyOverrides);
  assert.deepEqual(ov.overrides.map((o) => o.template), ['after_hours.all.en', 'user.complaint.de.1']);
  assert.deepEqual(ov.overrides[1].professions, ['physician']);

  // The built-in pack changes under the stored edits (simulated: an edit of
  // a built-in this release no longer has): every edit survives and shows.
  const upgraded = { overrides: [...ov.overrides, { template: 'after_hours.retired.en', based_on_version: 3, situation: 'after_hours', lang: 'en', text: 'Old favourite: {clinic_name}.' }] };
  await setStorage(br.sw, { replyOverrides: JSON.stringify(upgraded), clinicProfile: JSON.stringify(GOOD) });
  await openOptions(page);
  await page.selectOption('#tpl-lang', '');
  await page.selectOption('#tpl-profession', '');
  assert.match(await page.locator('li[data-id="after_hours.all.en"]').textContent(), /edited/);
  assert.match(await page.locator('li[data-id="user.complaint.de.1"]').textContent(), /yours/);
  await page.locator('li[data-id="after_hours.retired.en"] button').click();
  assert.equal(await page.inputValue('#tpl-text'), 'Old favourite: {clinic_name}.');
  assert.equal(await page.textContent('#tpl-preview'), 'Old favourite: Riverside Surgery.');

  // Reset goes back to the built-in wording.
  await page.locator('li[data-id="after_hours.all.en"] button').click();
  assert.equal(await page.inputValue('#tpl-text'), 'Closed now. Call {phone}. {sign_off}');
  await page.click('#tpl-reset');
  await page.waitForFunction(() => /back to the built-in wording/.test(document.getElementById('tpl-status').textContent));
  assert.match(await page.inputValue('#tpl-text'), /^\[\[Hi \{first_name\},\|\|Hello,\]\]/);
  ov = JSON.parse((await storage('replyOverrides')).replyOverrides);
  assert.deepEqual(ov.overrides.map((o) => o.template), ['user.complaint.de.1', 'after_hours.retired.en']);
  assert.doesNotMatch(await page.locator('li[data-id="after_hours.all.en"]').textContent(), /edited/);

  if (process.env.BOUNDARY_SCREENSHOTS) {
    await page.selectOption('#tpl-lang', 'en');
    await page.selectOption('#tpl-profession', 'physician');
    await page.locator('li[data-id="redirect_medical_question.all.en"] button').click();
    await page.setViewportSize({ width: 900, height: 900 });
    const box = await page.locator('#templates').evaluate((e) => {
      const r = e.getBoundingClientRect();
      return { x: r.x + window.scrollX, y: r.y + window.scrollY, width: r.width, height: r.height };
    });
    await page.screenshot({ path: path.join(ROOT, 'docs/options-templates.png'), fullPage: true, clip: { x: box.x, y: box.y, width: box.width, height: Math.min(box.height, 1150) } });
  }
  await page.close();
});

test('templates: corrupt stored edits are backed up, not lost, and the page still works', async () => {
  const raw = '{"overrides": [{"template": "after_hours.all.en", "text": "half a';
  await setStorage(br.sw, { replyOverrides: raw });
  await br.sw.evaluate(() => chrome.storage.local.remove('replyOverridesBackup'));
  const page = await openOptions();
  assert.ok(await page.isVisible('#tpl-corrupt'));
  assert.match(await page.textContent('#tpl-corrupt'), /could not be read.*kept unchanged/);
  const st = await storage(['replyOverrides', 'replyOverridesBackup']);
  assert.equal(st.replyOverrides, raw, 'the corrupt value was changed');
  assert.equal(st.replyOverridesBackup.value, raw, 'no backup of the corrupt value');
  assert.ok(await page.locator('li[data-id="after_hours.all.en"]').count() > 0, 'templates are not listed');
  // Saving starts afresh; the backup stays.
  await page.locator('li[data-id="complaint.all.en"] button').click();
  await page.fill('#tpl-text', 'Please use {complaints_url}.');
  await page.click('#tpl-save');
  await page.waitForFunction(() => /Saved your wording/.test(document.getElementById('tpl-status').textContent));
  const after = await storage(['replyOverrides', 'replyOverridesBackup']);
  assert.deepEqual(JSON.parse(after.replyOverrides).overrides.map((o) => o.template), ['complaint.all.en']);
  assert.equal(after.replyOverridesBackup.value, raw);
  await page.close();
});

test('clinic policy: locked templates are read-only and a managed profile cannot be edited', async () => {
  const clinicProfile = JSON.stringify(GOOD);
  await setStorage(br.sw, {
    clinicProfile,
    clinicPolicy: { pack: { locked: ['complaint.all.en', 'emergency.all.en'], profile: { ...GOOD, clinic_name: 'Riverside Group Practice' } }, etag: 'x', syncedAt: Date.now() },
    clinicConnection: { url: 'https://policy.example', clinic: 'Riverside Group' },
  });
  const page = await openOptions();
  assert.ok(await page.isVisible('#profile-managed'));
  assert.match(await page.textContent('#profile-managed'), /managed by Riverside Group's policy/);
  assert.equal(await page.inputValue('#pf-clinic_name'), 'Riverside Group Practice');
  assert.ok(await page.locator('#profile-fields').evaluate((f) => f.disabled));
  assert.ok(await page.isDisabled('#profile-file'));

  const row = page.locator('li[data-id="complaint.all.en"]');
  assert.match(await row.textContent(), /locked by clinic/);
  await row.locator('button').click();
  assert.ok(await page.locator('#tpl-text').evaluate((t) => t.readOnly));
  assert.ok(await page.isDisabled('#tpl-save'));
  assert.match(await page.textContent('#tpl-notes'), /Locked by your clinic.s policy/);
  assert.match(await page.textContent('#tpl-notes'), /Your own earlier wording is kept/);
  assert.match(await page.textContent('#tpl-preview'), /Riverside Group Practice/);
  assert.equal((await storage('clinicProfile')).clinicProfile, clinicProfile, 'the managed view changed the user\u2019s own profile');
  await br.sw.evaluate(() => chrome.storage.local.remove(['clinicPolicy', 'clinicConnection']));
  await page.waitForFunction(() => !document.getElementById('profile-fields').disabled);
  await page.close();
});

test('handout: the clinic\u2019s details, escaped, no placeholders, one printable page', async () => {
  await setStorage(br.sw, { clinicProfile: JSON.stringify({ ...GOOD, clinic_name: HOSTILE }) });
  await br.sw.evaluate(() => chrome.storage.local.remove('clinicProfileDraft'));
  const options = await openOptions();
  const [page] = await Promise.all([br.context.waitForEvent('page'), options.click('#handout-open')]);
  page.on('pageerror', (e) => pageErrors.push(String(e)));
  await page.waitForFunction(() => document.body && document.body.dataset.ready === '1', null, { timeout: 20000 })
    .catch(async (e) => { throw new Error(`${e.message}; page ${page.url()} says ${await page.textContent('body').catch(() => '?')}`); });
  assert.equal(new URL(page.url()).pathname, '/handout.html');
  const text = await page.textContent('#sheet');
  for (const want of ['How to reach us', HOSTILE, '020 7946 0321', 'reception@riverside-surgery.example', 'In an emergency, call 999 (or 112).', 'NHS 111', 'Monday', '08:00–18:30', 'Dr Amara Okafor', 'https://riverside-surgery.example/complaints']) {
    assert.ok(text.includes(want), `handout lacks ${want}`);
  }
  assert.doesNotMatch(text, /[{}]|\[\[/);
  assert.equal(await page.evaluate(() => document.querySelectorAll('img, script:not([src])').length), 0);
  assert.equal(await page.evaluate(() => window.__pwned), undefined);
  assert.equal(await page.getAttribute('#sheet a[href^="tel:"]', 'href'), 'tel:02079460321');

  await page.selectOption('#lang', 'de');
  await page.waitForFunction(() => document.documentElement.lang === 'de' && /So erreichen Sie uns/.test(document.getElementById('sheet').textContent));
  await page.selectOption('#lang', 'en');
  await page.waitForFunction(() => document.documentElement.lang === 'en');
  const pdf = await page.pdf({ format: 'A4', printBackground: true });
  assert.equal(pdf.subarray(0, 5).toString(), '%PDF-');
  const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) || []).length;
  assert.equal(pages, 1, `the handout prints on ${pages} pages`);
  await page.close();
  await options.close();
  assert.deepEqual(pageErrors, []);
});
