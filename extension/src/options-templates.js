// Options: the template library editor (issue 6). Owns #templates.
//
// The core lists, saves, resets, adds and previews templates
// (templatesList, templateSave, templateReset, templateAdd,
// templatePreview); this file draws its answers. Storage:
//   replyOverrides        the user's edits, JSON string (replies.ParseOverrides)
//   replyOverridesBackup  {value, savedAt}: a stored value that could not be
//                         read, kept untouched before the editor starts afresh
// Locks come from clinicPolicy.pack.locked; the profile for previews is
// clinicPolicy.pack.profile when the clinic manages it, else clinicProfile.
import { loadCore } from './load-core.js';

const { t, keyed, lang: uiLang } = globalThis.BoundaryI18n;
const sec = document.getElementById('templates');
let core = null;
let data = null; // the last templatesList answer
let overrides = ''; // the overrides the editor works on
let locked = '[]';
let profile = '';
let editing = null; // {mode: 'edit', id} | {mode: 'add'}
let previewTimer = null;

const FIELD_NAMES = {
  clinic_name: t('tplField_clinic_name'), phone: t('tplField_phone'), email: t('tplField_email'),
  portal_url: t('tplField_portal_url'), business_page_url: t('tplField_business_page_url'), hours: t('tplField_hours'),
  out_of_hours: t('tplField_out_of_hours'), emergency_number: t('tplField_emergency_number'),
  crisis_line: t('tplField_crisis_line'), complaints_url: t('tplField_complaints_url'), sign_off: t('tplField_sign_off'),
  first_name: t('tplField_first_name'), profile: t('tplField_profile'),
};
// Languages by their own names, as a language menu lists them.
const LANGS = { en: 'English', de: 'Deutsch' };
// Templates name professions by id; in English the id is shown as it is.
const PROFESSIONS = uiLang() === 'en' ? {} : {
  physician: t('profession_physician'), dentist: t('profession_dentist'), nurse: t('profession_nurse'),
  veterinarian: t('profession_veterinarian'), therapist: t('profession_therapist'),
  aesthetics: t('profession_aesthetics'), pharmacist: t('profession_pharmacist'),
};
const professionName = (p) => PROFESSIONS[p] || p;

function el(tag, props = {}, ...kids) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(props)) {
    if (k === 'text') e.textContent = v;
    else if (k in e) e[k] = v;
    else e.setAttribute(k, v);
  }
  e.append(...kids);
  return e;
}

const $ = (id) => document.getElementById(id);

function build() {
  sec.hidden = false;
  const lang = el('select', { id: 'tpl-lang' }, el('option', { value: '', text: t('tpl_allLanguages') }));
  const prof = el('select', { id: 'tpl-profession' }, el('option', { value: '', text: t('tpl_allProfessions') }));
  sec.append(
    el('p', { id: 'tpl-corrupt', className: 'error', role: 'alert', hidden: true }),
    el('div', { className: 'filters' },
      el('label', {}, `${t('language')} `, lang),
      el('label', {}, `${t('profession')} `, prof),
      el('button', { type: 'button', id: 'tpl-add-open', text: t('tpl_add') })),
    el('p', { id: 'tpl-status', role: 'status' }),
    el('ul', { id: 'tpl-problems', className: 'error' }),
    editor(),
    el('div', { id: 'tpl-list' }));
  lang.addEventListener('change', drawList);
  prof.addEventListener('change', drawList);
  $('tpl-add-open').addEventListener('click', () => openEditor({ mode: 'add' }));
}

function editor() {
  const box = el('div', { id: 'tpl-editor', className: 'editor', hidden: true, role: 'group', 'aria-labelledby': 'tpl-editor-h' });
  const sit = el('select', { id: 'tpl-add-situation' });
  const lang = el('select', { id: 'tpl-add-lang' });
  const prof = el('select', { id: 'tpl-add-profession' });
  const text = el('textarea', { id: 'tpl-text', rows: 9, spellcheck: true, 'aria-describedby': 'tpl-syntax tpl-error' });
  box.append(
    el('h3', { id: 'tpl-editor-h' }),
    el('p', { id: 'tpl-notes', className: 'note' }),
    el('div', { id: 'tpl-add-fields', className: 'filters' },
      el('label', {}, `${t('tpl_situation')} `, sit), el('label', {}, `${t('language')} `, lang), el('label', {}, `${t('tpl_for')} `, prof)),
    el('label', { htmlFor: 'tpl-text', text: t('tpl_wording') }),
    text,
    el('p', { id: 'tpl-syntax', className: 'hint', text: t('tpl_syntax') }),
    el('p', { id: 'tpl-error', className: 'field-error', 'aria-live': 'polite' }),
    el('h4', { text: t('tpl_previewHeading') }),
    el('div', { id: 'tpl-preview', className: 'preview', 'aria-live': 'polite' }),
    el('div', { className: 'actions' },
      el('button', { type: 'button', id: 'tpl-save', className: 'primary', text: t('tpl_save') }),
      el('button', { type: 'button', id: 'tpl-reset', text: t('tpl_reset') }),
      el('button', { type: 'button', id: 'tpl-close', text: t('close') })));
  text.addEventListener('input', () => { clearTimeout(previewTimer); previewTimer = setTimeout(preview, 150); });
  for (const s of [sit, lang]) s.addEventListener('change', preview);
  box.querySelector('#tpl-save').addEventListener('click', save);
  box.querySelector('#tpl-reset').addEventListener('click', reset);
  box.querySelector('#tpl-close').addEventListener('click', () => { editing = null; box.hidden = true; });
  return box;
}

// situationLabel words a situation in the page's language when the rule
// pack has it, else in English.
function situationLabel(id) {
  const s = data.situations.find((x) => x.id === id);
  return s ? s.label[uiLang()] || s.label.en : id;
}

function fillFilters() {
  const lang = $('tpl-lang');
  const prof = $('tpl-profession');
  if (lang.options.length === 1) {
    for (const l of data.languages) lang.append(el('option', { value: l, text: LANGS[l] || l }));
    for (const p of data.professions) prof.append(el('option', { value: p, text: professionName(p) }));
    const mine = parseProfile();
    if (mine.profession && data.professions.includes(mine.profession)) prof.value = mine.profession;
    if (mine.language && data.languages.includes(mine.language)) lang.value = mine.language;
  }
  const sit = $('tpl-add-situation');
  if (!sit.options.length) {
    for (const s of data.situations) sit.append(el('option', { value: s.id, text: situationLabel(s.id) }));
    for (const l of data.languages) $('tpl-add-lang').append(el('option', { value: l, text: LANGS[l] || l }));
    $('tpl-add-profession').append(el('option', { value: '', text: t('tpl_everyProfession') }));
    for (const p of data.professions) $('tpl-add-profession').append(el('option', { value: p, text: professionName(p) }));
  }
}

function parseProfile() {
  try { return JSON.parse(profile) || {}; } catch { return {}; }
}

function badges(tp) {
  const out = [];
  if (tp.locked) out.push(['locked', t('tpl_locked')]);
  if (tp.added) out.push(['mine', t('tpl_yours')]);
  else if (tp.overridden) out.push(['mine', t('tpl_edited')]);
  if (tp.outdated) out.push(['warn', t('tpl_outdated')]);
  if (tp.fallback) out.push(['', t('tpl_fallback')]);
  return out.map(([cls, text]) => el('span', { className: `tag ${cls}`, text }));
}

function drawList() {
  const lang = $('tpl-lang').value;
  const prof = $('tpl-profession').value;
  const list = $('tpl-list');
  const shown = data.templates.filter((tp) => (!lang || tp.lang === lang)
    && (!prof || tp.professions.length === 0 || tp.professions.includes(prof)));
  const groups = [];
  for (const s of data.situations) {
    const ts = shown.filter((tp) => tp.situation === s.id);
    if (!ts.length) continue;
    groups.push(el('h3', { text: situationLabel(s.id) }), el('ul', { className: 'tpl-group' }, ...ts.map((tp) => {
      const who = tp.professions.length ? tp.professions.map(professionName).join(', ') : t('tpl_everyProfession');
      const li = el('li', { className: 'tpl-row' },
        el('div', {},
          el('strong', { text: `${LANGS[tp.lang] || tp.lang} · ${who}` }), ' ', ...badges(tp),
          el('div', { className: 'hint', text: tp.message || tp.id })),
        el('button', { type: 'button', className: 'tpl-edit', text: tp.locked ? t('tpl_view') : t('tpl_edit'), 'aria-label': tp.locked ? t('tpl_viewId', tp.id) : t('tpl_editId', tp.id) }));
      li.dataset.id = tp.id;
      li.querySelector('button').addEventListener('click', () => openEditor({ mode: 'edit', id: tp.id }));
      return li;
    })));
  }
  list.replaceChildren(...(groups.length ? groups : [el('p', { text: t('tpl_noMatch') })]));
}

function openEditor(what) {
  editing = what;
  const box = $('tpl-editor');
  box.hidden = false;
  $('tpl-error').textContent = '';
  $('tpl-text').removeAttribute('aria-invalid');
  const add = what.mode === 'add';
  $('tpl-add-fields').hidden = !add;
  const tp = add ? null : data.templates.find((x) => x.id === what.id);
  $('tpl-editor-h').textContent = add ? t('tpl_new') : `${situationLabel(tp.situation)} (${LANGS[tp.lang] || tp.lang}) — ${tp.id}`;
  $('tpl-text').value = add ? '' : tp.text;
  $('tpl-text').readOnly = !add && tp.locked;
  $('tpl-save').textContent = add ? t('tpl_addButton') : t('tpl_save');
  $('tpl-save').disabled = !add && tp.locked;
  $('tpl-reset').hidden = add || (!tp.overridden && !tp.added);
  $('tpl-reset').disabled = !add && tp.locked;
  $('tpl-reset').textContent = !add && tp.added ? t('tpl_delete') : t('tpl_reset');
  const notes = [];
  if (add) {
    const l = $('tpl-lang').value;
    if (l) $('tpl-add-lang').value = l;
    notes.push(t('tpl_noteAdd'));
  } else {
    if (tp.locked) notes.push(t('tpl_noteLocked'));
    if (tp.kept_copy) notes.push(t('tpl_noteKept'));
    if (tp.outdated) notes.push(t('tpl_noteOutdated', tp.based_on_version, tp.builtin_version));
    else if (tp.overridden) notes.push(t('tpl_noteEdited'));
    if (tp.added) notes.push(t('tpl_noteAdded'));
  }
  $('tpl-notes').textContent = notes.join(' ');
  preview();
  const ta = $('tpl-text');
  ta.focus();
  ta.setSelectionRange(0, 0);
  ta.scrollTop = 0;
}

function preview() {
  if (!editing) return;
  const add = editing.mode === 'add';
  const id = add ? '' : editing.id;
  const lang = add ? $('tpl-add-lang').value : '';
  const r = JSON.parse(core.templatePreview(id, $('tpl-text').value, profile, lang));
  const box = $('tpl-preview');
  box.className = 'preview';
  if (r.error) {
    box.className = 'preview error';
    box.textContent = t('tpl_cannotFill', r.error);
  } else if (r.needs && (r.needs.length || (r.one_of && r.one_of.length))) {
    const parts = [];
    if (r.needs.length) parts.push(r.needs.map((n) => FIELD_NAMES[n] || n).join(', '));
    if (r.one_of && r.one_of.length) parts.push(t('tpl_oneOf', r.one_of.map((n) => FIELD_NAMES[n] || n).join(', ')));
    box.className = 'preview needs';
    const needs = parts.length > 1 ? t('tpl_needsAnd', parts[0], parts[1]) : parts[0];
    box.textContent = r.needs.includes('profile') ? t('tpl_needsIt', needs) : t('tpl_needsThem', needs);
    // The profile's problems in the page's language (English when the
    // catalogue lacks a key), as the settings page words them.
    const problems = Array.isArray(r.profile_problems)
      ? r.profile_problems.map((p) => (p.field ? `${p.field}: ${keyed(p, p.message)}` : keyed(p, p.message)))
      : r.profile_errors || [];
    if (problems.length) box.append(el('div', { className: 'hint', text: problems.join('; ') }));
  } else {
    box.textContent = r.text;
    if (r.defaulted && r.defaulted.length) {
      box.append(el('div', { className: 'hint', text: t('tpl_defaulted', r.defaulted.map((n) => FIELD_NAMES[n] || n).join(', ')) }));
    }
  }
}

function fail(msg) {
  $('tpl-error').textContent = msg;
  $('tpl-text').setAttribute('aria-invalid', 'true');
}

async function store(next, message) {
  await chrome.storage.local.set({ replyOverrides: next });
  overrides = next;
  refresh();
  $('tpl-status').textContent = message;
  $('tpl-status').className = 'ok';
}

async function save() {
  if (!editing) return;
  const text = $('tpl-text').value;
  if (editing.mode === 'add') {
    const p = $('tpl-add-profession').value;
    const r = JSON.parse(core.templateAdd(overrides, $('tpl-add-situation').value, $('tpl-add-lang').value, JSON.stringify(p ? [p] : []), text));
    if (r.error) return fail(r.error);
    await store(r.overrides, t('tpl_addedStatus', situationLabel($('tpl-add-situation').value)));
    openEditor({ mode: 'edit', id: r.id });
    return;
  }
  const r = JSON.parse(core.templateSave(overrides, editing.id, text, locked));
  if (r.error) return fail(r.error);
  await store(r.overrides, t('tpl_savedStatus', editing.id));
  openEditor(editing);
}

async function reset() {
  if (!editing || editing.mode !== 'edit') return;
  const tp = data.templates.find((x) => x.id === editing.id);
  const r = JSON.parse(core.templateReset(overrides, editing.id));
  if (r.error) return fail(r.error);
  await store(r.overrides, tp && tp.added ? t('tpl_deletedStatus', editing.id) : t('tpl_resetStatus', editing.id));
  if (tp && tp.added) {
    editing = null;
    $('tpl-editor').hidden = true;
  } else {
    openEditor(editing);
  }
}

function refresh() {
  data = JSON.parse(core.templatesList(overrides, locked, ''));
  if (data.error) throw new Error(data.error);
  fillFilters();
  drawList();
  $('tpl-problems').replaceChildren(...data.problems.map((p) => el('li', { text: `${p.template || t('tpl_storedEdits')}: ${p.message}` })));
}

// readStorage loads overrides, locks and the profile. A stored overrides
// value the core cannot read is copied, untouched, to replyOverridesBackup
// (unless that copy exists already), and the editor starts from an empty
// list; nothing is written to replyOverrides until the user saves.
async function readStorage() {
  const st = await chrome.storage.local.get(['replyOverrides', 'replyOverridesBackup', 'clinicPolicy', 'clinicProfile']);
  const pack = (st.clinicPolicy && st.clinicPolicy.pack) || {};
  locked = JSON.stringify(Array.isArray(pack.locked) ? pack.locked.filter((x) => typeof x === 'string') : []);
  profile = pack.profile ? JSON.stringify(pack.profile) : (typeof st.clinicProfile === 'string' ? st.clinicProfile : '');
  let raw = st.replyOverrides;
  if (raw === undefined || raw === null) raw = '';
  const asText = typeof raw === 'string' ? raw : JSON.stringify(raw);
  const probe = JSON.parse(core.templatesList(asText, '[]', 'none'));
  const corrupt = $('tpl-corrupt');
  if (typeof raw !== 'string' || !probe.overrides_ok) {
    const backup = st.replyOverridesBackup;
    if (!backup || JSON.stringify(backup.value) !== JSON.stringify(raw)) {
      await chrome.storage.local.set({ replyOverridesBackup: { value: raw, savedAt: Date.now() } });
    }
    corrupt.hidden = false;
    corrupt.textContent = t('tpl_corrupt');
    overrides = '';
  } else {
    corrupt.hidden = true;
    overrides = asText;
  }
}

async function main() {
  core = await loadCore();
  build();
  await readStorage();
  refresh();
  chrome.storage.onChanged.addListener(async (changes, area) => {
    if (area !== 'local') return;
    if (changes.clinicProfile || changes.clinicPolicy || (changes.replyOverrides && changes.replyOverrides.newValue !== overrides)) {
      await readStorage();
      refresh();
      if (editing && editing.mode === 'edit' && !data.templates.some((x) => x.id === editing.id)) {
        editing = null;
        $('tpl-editor').hidden = true;
      }
      preview();
    }
  });
  sec.dataset.ready = '1';
}

main().catch((e) => {
  sec.hidden = false;
  sec.append(el('p', { className: 'error', role: 'alert', text: t('tpl_startFailed', e.message) }));
});
