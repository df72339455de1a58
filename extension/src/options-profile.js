// Options: the clinic profile form (issue 6). Owns #clinic.
//
// The Go core validates (profileValidate) and describes what a profile may
// hold (profileSchema); this file only draws the form from that and stores
// what the core accepted. Storage:
//   clinicProfile       the last valid profile, JSON string (what replies,
//                       the handout and `boundary reply --profile` read)
//   clinicProfileDraft  what the user typed, JSON string, while it is not
//                       valid; reloading the page restores it
// An invalid edit never overwrites clinicProfile.
import { loadCore } from './load-core.js';

const { t, keyed } = globalThis.BoundaryI18n;
const sec = document.getElementById('clinic');
const SAVE_DELAY = 400;

const TEXT_FIELDS = [
  ['clinic_name', t('prof_clinicName'), 'Riverside Surgery'],
  ['phone', t('prof_phone'), '+44 20 7946 0321'],
  ['email', t('prof_email'), 'reception@clinic.example'],
  ['portal_url', t('prof_portal'), 'https://clinic.example/online'],
  ['business_page_url', t('prof_businessPage'), 'https://www.facebook.com/yourclinic'],
];
const HELP_FIELDS = [
  ['out_of_hours', t('prof_outOfHours'), t('prof_outOfHoursExample')],
  ['emergency_number', t('prof_emergencyNumber'), ''],
  ['crisis_line', t('prof_crisisLine'), t('prof_crisisLineExample')],
  ['complaints_url', t('prof_complaints'), 'https://clinic.example/complaints'],
  ['sign_off', t('prof_signOff'), 'Dr Amara Okafor'],
];

// The core's labels are English; these word the same ids for the page, and
// an id the catalogue does not know keeps the core's label.
const PROFESSIONS = {
  physician: t('profession_physician'), dentist: t('profession_dentist'), nurse: t('profession_nurse'),
  veterinarian: t('profession_veterinarian'), therapist: t('profession_therapist'),
  aesthetics: t('profession_aesthetics'), pharmacist: t('profession_pharmacist'),
};
const WEEKDAYS = {
  mon: t('day_mon'), tue: t('day_tue'), wed: t('day_wed'), thu: t('day_thu'), fri: t('day_fri'), sat: t('day_sat'), sun: t('day_sun'),
};
const COUNTRIES = {
  AU: t('country_AU'), CA: t('country_CA'), DE: t('country_DE'), GB: t('country_GB'), IE: t('country_IE'), US: t('country_US'),
};
const countryName = (c) => COUNTRIES[c.code] || c.name;

let schema = null;
let core = null;
let timer = null;
let managed = false;
const inputs = {}; // field key → input element

function el(tag, props = {}, ...kids) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(props)) {
    if (k === 'text') e.textContent = v;
    else if (k in e && k !== 'list') e[k] = v;
    else e.setAttribute(k, v);
  }
  e.append(...kids);
  return e;
}

// field draws a labelled control with its own error line, which the
// control names in aria-describedby.
function field(key, label, control, hint = '') {
  control.id = `pf-${key}`;
  control.dataset.field = key;
  const err = el('p', { id: `pf-${key}-err`, className: 'field-error', 'aria-live': 'polite' });
  const described = [err.id];
  const wrap = el('div', { className: 'field' }, el('label', { htmlFor: control.id, text: label }), control);
  if (hint) {
    const h = el('p', { id: `pf-${key}-hint`, className: 'hint', text: hint });
    wrap.append(h);
    described.unshift(h.id);
  }
  control.setAttribute('aria-describedby', described.join(' '));
  wrap.append(err);
  inputs[key] = control;
  return wrap;
}

function textInput(placeholder, type = 'text') {
  return el('input', { type, placeholder, autocomplete: 'off', spellcheck: false });
}

function build() {
  sec.hidden = false;
  const form = el('form', { id: 'profile-form', noValidate: true });
  form.addEventListener('submit', (e) => e.preventDefault());
  const fs = el('fieldset', { id: 'profile-fields' });

  const prof = el('select');
  prof.append(el('option', { value: '', text: t('prof_choose') }));
  for (const p of schema.professions) prof.append(el('option', { value: p.id, text: PROFESSIONS[p.id] || p.label }));
  const country = el('select');
  country.append(el('option', { value: '', text: t('prof_choose') }));
  for (const c of schema.countries) country.append(el('option', { value: c.code, text: `${countryName(c)} (${c.code})` }));
  const lang = el('select');
  for (const [v, text] of [['', t('prof_countryLanguage')], ['en', 'English'], ['de', 'Deutsch']]) lang.append(el('option', { value: v, text }));
  const zone = el('select');

  fs.append(
    el('div', { className: 'form-grid' },
      field('profession', t('profession'), prof),
      field('country', t('prof_country'), country),
      field('language', t('prof_replyLanguage'), lang),
      field('time_zone', t('prof_timeZone'), zone)),
    el('p', { id: 'pf-jurisdiction', className: 'note' }),
    el('h3', { text: t('prof_reachHeading') }),
    el('div', { className: 'form-grid' }, ...TEXT_FIELDS.map(([k, label, ph]) => field(k, label, textInput(ph, k === 'phone' ? 'tel' : 'text')))),
  );

  const hours = el('fieldset', { id: 'pf-hours', className: 'hours', 'aria-describedby': 'pf-hours-err' });
  hours.append(el('legend', { text: t('prof_hoursLegend') }));
  for (const d of schema.weekdays) hours.append(field(`hours.week.${d.key}`, WEEKDAYS[d.key] || d.label, textInput(t('prof_closed'))));
  hours.append(el('p', { id: 'pf-hours-err', className: 'field-error', 'aria-live': 'polite' }));
  fs.append(hours);

  fs.append(el('div', { className: 'form-grid' },
    field('hours.closed', t('prof_holidays'), el('textarea', { rows: 3, placeholder: '2026-12-25\n2026-12-26' }), t('prof_holidaysHint')),
    field('away', t('prof_away'), el('textarea', { rows: 3, placeholder: t('prof_awayExample') }), t('prof_awayHint'))));

  fs.append(el('h3', { text: t('prof_helpHeading') }),
    el('div', { className: 'form-grid' }, ...HELP_FIELDS.map(([k, label, ph]) => field(k, label, textInput(ph, k === 'emergency_number' ? 'tel' : 'text')))));
  form.append(fs);

  const status = el('p', { id: 'profile-status', role: 'status' });
  const problems = el('ul', { id: 'profile-problems', className: 'error' });
  const importInput = el('input', { type: 'file', id: 'profile-file', accept: '.json,application/json' });
  const actions = el('div', { className: 'actions' },
    el('button', { type: 'button', id: 'profile-export', text: t('prof_export') }),
    el('label', { className: 'file', id: 'profile-import-label' }, `${t('prof_import')} `, importInput),
    el('button', { type: 'button', id: 'handout-open', className: 'primary', text: t('prof_handout') }));

  sec.append(el('p', { id: 'profile-managed', className: 'note managed', hidden: true }),
    status, problems, form, actions);

  fs.addEventListener('input', () => { clearTimeout(timer); timer = setTimeout(save, SAVE_DELAY); });
  fs.addEventListener('change', (e) => {
    if (e.target === country) drawJurisdiction();
    clearTimeout(timer);
    save();
  });
  importInput.addEventListener('change', importFile);
  document.getElementById('profile-export').addEventListener('click', exportFile);
  document.getElementById('handout-open').addEventListener('click', () => {
    chrome.tabs.create({ url: chrome.runtime.getURL('handout.html') });
  });
  // A save still waiting when the page goes away is done at once.
  window.addEventListener('pagehide', () => { if (timer) { clearTimeout(timer); save(); } });
}

function countryOf(code) {
  return schema.countries.find((c) => c.code === code) || null;
}

// drawJurisdiction shows what the country decides (emergency number,
// default out-of-hours service and crisis line) and offers its time zones.
function drawJurisdiction() {
  const c = countryOf(inputs.country.value);
  const note = document.getElementById('pf-jurisdiction');
  const zone = inputs.time_zone;
  const current = zone.value || zone.dataset.want || '';
  const zones = c ? c.zones : [];
  zone.replaceChildren(el('option', { value: '', text: t('prof_computerZone') }));
  for (const z of zones) zone.append(el('option', { value: z, text: z.replace(/_/g, ' ') }));
  if (current && !zones.includes(current)) zone.append(el('option', { value: current, text: current }));
  zone.value = current;
  if (!c) {
    note.textContent = t('prof_chooseCountry');
    inputs.emergency_number.placeholder = '';
    return;
  }
  const lang = inputs.language.value || c.language;
  const ooh = c.out_of_hours[lang] || c.out_of_hours.en || '';
  const crisis = c.crisis_line[lang] || c.crisis_line.en || '';
  note.textContent = [
    c.emergency_alt ? t('prof_jurEmergencyAlt', countryName(c), c.emergency, c.emergency_alt) : t('prof_jurEmergency', countryName(c), c.emergency),
    ooh ? t('prof_jurOutOfHours', ooh) : t('prof_jurNoOutOfHours'),
    crisis ? t('prof_jurCrisis', crisis) : '',
  ].filter(Boolean).join(' ');
  inputs.emergency_number.placeholder = t('prof_emergencyDefault', c.emergency, c.code);
  inputs.out_of_hours.placeholder = ooh ? t('prof_default', ooh) : t('prof_outOfHoursHint');
  inputs.crisis_line.placeholder = crisis ? t('prof_default', crisis) : t('prof_crisisHint');
}

// assemble turns the form into a profile in the core's JSON shape, as
// typed: the core decides what is valid.
function assemble() {
  const p = {};
  for (const [k, e] of Object.entries(inputs)) {
    if (k.startsWith('hours.') || k === 'away') continue;
    const v = e.value.trim();
    if (v) p[k] = v;
  }
  const week = {};
  for (const d of schema.weekdays) {
    const v = inputs[`hours.week.${d.key}`].value.replace(/[\u2013\u2014]/g, '-').trim();
    if (v && !/^(?:closed|geschlossen)$/i.test(v)) week[d.key] = v.split(/\s*[,;]\s*/).filter(Boolean);
  }
  const closed = inputs['hours.closed'].value.split(/[\n,;]+/).map((s) => s.trim()).filter(Boolean);
  if (Object.keys(week).length || closed.length) {
    p.hours = { week };
    if (closed.length) p.hours.closed = closed;
  }
  const away = inputs.away.value.split('\n').map((s) => s.trim()).filter(Boolean).map((line) => {
    const parts = line.split(/\s+(?:to|bis|until)\s+|\s*[\u2013\u2014]\s*|\s+-\s+/i);
    return parts.length === 1 ? { from: parts[0], to: parts[0] } : { from: parts[0], to: parts.slice(1).join(' ') };
  });
  if (away.length) p.away = away;
  return p;
}

// fill puts a profile (parsed JSON, as stored or as typed) into the form.
function fill(p) {
  for (const [k, e] of Object.entries(inputs)) {
    if (k.startsWith('hours.') || k === 'away') continue;
    const v = typeof p[k] === 'string' ? p[k] : '';
    if (e.tagName === 'SELECT' && v && ![...e.options].some((o) => o.value === v)) e.append(el('option', { value: v, text: v }));
    e.value = v;
    if (k === 'time_zone') e.dataset.want = v;
  }
  const h = p.hours && typeof p.hours === 'object' ? p.hours : {};
  const week = h.week && typeof h.week === 'object' ? h.week : {};
  for (const d of schema.weekdays) {
    const v = week[d.key];
    inputs[`hours.week.${d.key}`].value = Array.isArray(v) ? v.join(', ') : (typeof v === 'string' ? v : '');
  }
  inputs['hours.closed'].value = Array.isArray(h.closed) ? h.closed.join('\n') : '';
  inputs.away.value = Array.isArray(p.away)
    ? p.away.map((a) => (a && a.from === a.to ? `${a.from}` : t('prof_awayRange', a && a.from, a && a.to))).join('\n') : '';
  drawJurisdiction();
}

// inputFor maps a core field path to the control that shows its error.
function inputFor(f) {
  if (inputs[f]) return inputs[f];
  if (f.startsWith('away')) return inputs.away;
  if (f === 'utc_offset') return inputs.time_zone;
  if (f.startsWith('hours.week.') && inputs[f.split('.').slice(0, 3).join('.')]) return inputs[f.split('.').slice(0, 3).join('.')];
  return null;
}

function showErrors(errors) {
  for (const e of Object.values(inputs)) {
    e.removeAttribute('aria-invalid');
    document.getElementById(`${e.id}-err`).textContent = '';
  }
  document.getElementById('pf-hours-err').textContent = '';
  const loose = [];
  for (const err of errors) {
    // The core's message in the page's language; its English when the
    // catalogue lacks the key.
    const f = err.field;
    const message = keyed(err, err.message);
    const input = inputFor(f);
    if (input) {
      input.setAttribute('aria-invalid', 'true');
      const line = document.getElementById(`${input.id}-err`);
      const said = f.startsWith('away[') ? t('prof_lineError', Number(f.slice(5, f.indexOf(']'))) + 1, message) : message;
      line.textContent = (line.textContent ? `${line.textContent} ` : '') + said;
    } else if (f === 'hours' || f === 'hours.week') {
      document.getElementById('pf-hours-err').textContent = message;
    } else {
      loose.push(f ? `${f}: ${message}` : message);
    }
  }
  return loose;
}

function say(text, cls = '') {
  const s = document.getElementById('profile-status');
  s.textContent = text;
  s.className = cls;
}

function listProblems(lines) {
  document.getElementById('profile-problems').replaceChildren(...lines.map((t) => el('li', { text: t })));
}

async function save() {
  timer = null;
  if (managed) return;
  const typed = JSON.stringify(assemble());
  const r = JSON.parse(core.profileValidate(typed));
  const loose = showErrors(r.errors || []);
  listProblems(loose);
  if (r.ok) {
    await chrome.storage.local.set({ clinicProfile: JSON.stringify(r.normalized) });
    await chrome.storage.local.remove('clinicProfileDraft');
    say(t('prof_saved'), 'ok');
  } else {
    await chrome.storage.local.set({ clinicProfileDraft: typed });
    const n = r.errors.length;
    say(n === 1 ? t('prof_notSavedOne') : t('prof_notSavedMany', n), 'error');
  }
}

async function importFile(ev) {
  const file = ev.target.files[0];
  ev.target.value = '';
  if (!file) return;
  if (file.size > 1024 * 1024) {
    say(t('prof_tooLarge', file.name), 'error');
    return;
  }
  const text = await file.text();
  const r = JSON.parse(core.profileValidate(text));
  if (!r.ok) {
    say(t('prof_notProfile', file.name), 'error');
    listProblems(r.errors.map((e) => (e.field ? `${e.field}: ${keyed(e, e.message)}` : keyed(e, e.message))));
    return;
  }
  await chrome.storage.local.set({ clinicProfile: JSON.stringify(r.normalized) });
  await chrome.storage.local.remove('clinicProfileDraft');
  fill(r.normalized);
  showErrors([]);
  listProblems([]);
  say(t('prof_imported', file.name), 'ok');
}

async function exportFile() {
  const { clinicProfile } = await chrome.storage.local.get('clinicProfile');
  if (!clinicProfile) {
    say(t('prof_nothingToExport'), 'error');
    return;
  }
  const blob = new Blob([JSON.stringify(JSON.parse(clinicProfile), null, 2) + '\n'], { type: 'application/json' });
  const a = el('a', { href: URL.createObjectURL(blob), download: 'clinic-profile.json' });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(a.href), 10000);
}

function parseOr(s, fallback) {
  try {
    const v = typeof s === 'string' ? JSON.parse(s) : s;
    return v && typeof v === 'object' && !Array.isArray(v) ? v : fallback;
  } catch {
    return fallback;
  }
}

async function load() {
  const st = await chrome.storage.local.get(['clinicProfile', 'clinicProfileDraft', 'clinicPolicy', 'clinicConnection']);
  const pack = st.clinicPolicy && st.clinicPolicy.pack;
  managed = !!(pack && pack.profile);
  const fs = document.getElementById('profile-fields');
  const note = document.getElementById('profile-managed');
  fs.disabled = managed;
  document.getElementById('profile-file').disabled = managed;
  note.hidden = !managed;
  if (managed) {
    const clinicName = st.clinicConnection && st.clinicConnection.clinic;
    note.textContent = clinicName ? t('prof_managed', clinicName) : t('prof_managedUnnamed');
    fill(parseOr(pack.profile, {}));
    const r = JSON.parse(core.profileValidate(JSON.stringify(pack.profile)));
    listProblems(showErrors(r.errors || []));
    say(r.ok ? '' : t('prof_clinicProblems'), r.ok ? '' : 'error');
    return;
  }
  const draft = st.clinicProfileDraft ? parseOr(st.clinicProfileDraft, null) : null;
  const good = st.clinicProfile ? parseOr(st.clinicProfile, null) : null;
  if (st.clinicProfile && !good) {
    say(t('prof_unreadable'), 'error');
  }
  fill(draft || good || {});
  if (draft) {
    const r = JSON.parse(core.profileValidate(JSON.stringify(draft)));
    listProblems(showErrors(r.errors || []));
    say(t('prof_draftRestored'), 'error');
  } else if (!good) {
    say(t('prof_none'));
  }
}

async function main() {
  core = await loadCore();
  schema = JSON.parse(core.profileSchema());
  build();
  await load();
  chrome.storage.onChanged.addListener((changes, area) => {
    if (area === 'local' && changes.clinicPolicy) load();
  });
  sec.dataset.ready = '1';
}

main().catch((e) => {
  sec.hidden = false;
  sec.append(el('p', { className: 'error', text: t('prof_loadFailed', e.message) }));
});
