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

const sec = document.getElementById('templates');
let core = null;
let data = null; // the last templatesList answer
let overrides = ''; // the overrides the editor works on
let locked = '[]';
let profile = '';
let editing = null; // {mode: 'edit', id} | {mode: 'add'}
let previewTimer = null;

const FIELD_NAMES = {
  clinic_name: 'clinic name', phone: 'phone', email: 'email', portal_url: 'portal or app address',
  business_page_url: 'business page address', hours: 'opening hours', out_of_hours: 'out-of-hours service',
  emergency_number: 'emergency number', crisis_line: 'crisis line', complaints_url: 'complaints address',
  sign_off: 'sign-off name', first_name: 'first name', profile: 'a valid clinic profile',
};
const LANGS = { en: 'English', de: 'Deutsch' };

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
  const lang = el('select', { id: 'tpl-lang' }, el('option', { value: '', text: 'All languages' }));
  const prof = el('select', { id: 'tpl-profession' }, el('option', { value: '', text: 'All professions' }));
  sec.append(
    el('p', { id: 'tpl-corrupt', className: 'error', role: 'alert', hidden: true }),
    el('div', { className: 'filters' },
      el('label', {}, 'Language ', lang),
      el('label', {}, 'Profession ', prof),
      el('button', { type: 'button', id: 'tpl-add-open', text: 'Add a template' })),
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
      el('label', {}, 'Situation ', sit), el('label', {}, 'Language ', lang), el('label', {}, 'For ', prof)),
    el('label', { htmlFor: 'tpl-text', text: 'Wording' }),
    text,
    el('p', { id: 'tpl-syntax', className: 'hint', text: 'Placeholders such as {clinic_name} or {phone} are filled from your profile. [[ … ]] is left out when a value inside it is missing; [[ A || B ]] uses A, else B.' }),
    el('p', { id: 'tpl-error', className: 'field-error', 'aria-live': 'polite' }),
    el('h4', { text: 'Preview, filled from your clinic profile' }),
    el('div', { id: 'tpl-preview', className: 'preview', 'aria-live': 'polite' }),
    el('div', { className: 'actions' },
      el('button', { type: 'button', id: 'tpl-save', className: 'primary', text: 'Save' }),
      el('button', { type: 'button', id: 'tpl-reset', text: 'Reset to built-in' }),
      el('button', { type: 'button', id: 'tpl-close', text: 'Close' })));
  text.addEventListener('input', () => { clearTimeout(previewTimer); previewTimer = setTimeout(preview, 150); });
  for (const s of [sit, lang]) s.addEventListener('change', preview);
  box.querySelector('#tpl-save').addEventListener('click', save);
  box.querySelector('#tpl-reset').addEventListener('click', reset);
  box.querySelector('#tpl-close').addEventListener('click', () => { editing = null; box.hidden = true; });
  return box;
}

function situationLabel(id) {
  const s = data.situations.find((x) => x.id === id);
  return s ? s.label.en : id;
}

function fillFilters() {
  const lang = $('tpl-lang');
  const prof = $('tpl-profession');
  if (lang.options.length === 1) {
    for (const l of data.languages) lang.append(el('option', { value: l, text: LANGS[l] || l }));
    for (const p of data.professions) prof.append(el('option', { value: p, text: p }));
    const mine = parseProfile();
    if (mine.profession && data.professions.includes(mine.profession)) prof.value = mine.profession;
    if (mine.language && data.languages.includes(mine.language)) lang.value = mine.language;
  }
  const sit = $('tpl-add-situation');
  if (!sit.options.length) {
    for (const s of data.situations) sit.append(el('option', { value: s.id, text: s.label.en }));
    for (const l of data.languages) $('tpl-add-lang').append(el('option', { value: l, text: LANGS[l] || l }));
    $('tpl-add-profession').append(el('option', { value: '', text: 'every profession' }));
    for (const p of data.professions) $('tpl-add-profession').append(el('option', { value: p, text: p }));
  }
}

function parseProfile() {
  try { return JSON.parse(profile) || {}; } catch { return {}; }
}

function badges(t) {
  const out = [];
  if (t.locked) out.push(['locked', 'locked by clinic']);
  if (t.added) out.push(['mine', 'yours']);
  else if (t.overridden) out.push(['mine', 'edited']);
  if (t.outdated) out.push(['warn', 'built-in changed since your edit']);
  if (t.fallback) out.push(['', 'fallback']);
  return out.map(([cls, text]) => el('span', { className: `tag ${cls}`, text }));
}

function drawList() {
  const lang = $('tpl-lang').value;
  const prof = $('tpl-profession').value;
  const list = $('tpl-list');
  const shown = data.templates.filter((t) => (!lang || t.lang === lang)
    && (!prof || t.professions.length === 0 || t.professions.includes(prof)));
  const groups = [];
  for (const s of data.situations) {
    const ts = shown.filter((t) => t.situation === s.id);
    if (!ts.length) continue;
    groups.push(el('h3', { text: s.label.en }), el('ul', { className: 'tpl-group' }, ...ts.map((t) => {
      const who = t.professions.length ? t.professions.join(', ') : 'every profession';
      const li = el('li', { className: 'tpl-row' },
        el('div', {},
          el('strong', { text: `${LANGS[t.lang] || t.lang} · ${who}` }), ' ', ...badges(t),
          el('div', { className: 'hint', text: t.message || t.id })),
        el('button', { type: 'button', className: 'tpl-edit', text: t.locked ? 'View' : 'Edit', 'aria-label': `${t.locked ? 'View' : 'Edit'} ${t.id}` }));
      li.dataset.id = t.id;
      li.querySelector('button').addEventListener('click', () => openEditor({ mode: 'edit', id: t.id }));
      return li;
    })));
  }
  list.replaceChildren(...(groups.length ? groups : [el('p', { text: 'No templates match these filters.' })]));
}

function openEditor(what) {
  editing = what;
  const box = $('tpl-editor');
  box.hidden = false;
  $('tpl-error').textContent = '';
  $('tpl-text').removeAttribute('aria-invalid');
  const add = what.mode === 'add';
  $('tpl-add-fields').hidden = !add;
  const t = add ? null : data.templates.find((x) => x.id === what.id);
  $('tpl-editor-h').textContent = add ? 'New template' : `${situationLabel(t.situation)} (${LANGS[t.lang] || t.lang}) — ${t.id}`;
  $('tpl-text').value = add ? '' : t.text;
  $('tpl-text').readOnly = !add && t.locked;
  $('tpl-save').textContent = add ? 'Add' : 'Save';
  $('tpl-save').disabled = !add && t.locked;
  $('tpl-reset').hidden = add || (!t.overridden && !t.added);
  $('tpl-reset').disabled = !add && t.locked;
  $('tpl-reset').textContent = !add && t.added ? 'Delete this template' : 'Reset to built-in';
  const notes = [];
  if (add) {
    const l = $('tpl-lang').value;
    if (l) $('tpl-add-lang').value = l;
    notes.push('Your template is offered first for its situation, before the built-in ones.');
  } else {
    if (t.locked) notes.push('Locked by your clinic\u2019s policy: the clinic sets this wording, so it cannot be edited here.');
    if (t.kept_copy) notes.push('Your own earlier wording is kept and is used again if the clinic unlocks this template.');
    if (t.outdated) notes.push(`The built-in wording has changed since you edited this (your copy is based on version ${t.based_on_version}, the built-in is now version ${t.builtin_version}). Your wording is still the one used; reset to take the new one.`);
    else if (t.overridden) notes.push('You have edited this template; your wording is used instead of the built-in one.');
    if (t.added) notes.push('You added this template.');
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
    box.textContent = `Cannot be filled: ${r.error}`;
  } else if (r.needs && (r.needs.length || (r.one_of && r.one_of.length))) {
    const parts = [];
    if (r.needs.length) parts.push(r.needs.map((n) => FIELD_NAMES[n] || n).join(', '));
    if (r.one_of && r.one_of.length) parts.push(`at least one of ${r.one_of.map((n) => FIELD_NAMES[n] || n).join(', ')}`);
    box.className = 'preview needs';
    box.textContent = `Needs: ${parts.join('; and ')}. Add ${r.needs.includes('profile') ? 'it' : 'them'} in the clinic profile above; until then this template is not offered.`;
    if (r.profile_errors && r.profile_errors.length) box.append(el('div', { className: 'hint', text: r.profile_errors.join('; ') }));
  } else {
    box.textContent = r.text;
    if (r.defaulted && r.defaulted.length) {
      box.append(el('div', { className: 'hint', text: `Using your country\u2019s default for: ${r.defaulted.map((n) => FIELD_NAMES[n] || n).join(', ')}. Set it in the profile to confirm.` }));
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
    await store(r.overrides, `Added your template for \u201c${situationLabel($('tpl-add-situation').value)}\u201d.`);
    openEditor({ mode: 'edit', id: r.id });
    return;
  }
  const r = JSON.parse(core.templateSave(overrides, editing.id, text, locked));
  if (r.error) return fail(r.error);
  await store(r.overrides, `Saved your wording of ${editing.id}.`);
  openEditor(editing);
}

async function reset() {
  if (!editing || editing.mode !== 'edit') return;
  const t = data.templates.find((x) => x.id === editing.id);
  const r = JSON.parse(core.templateReset(overrides, editing.id));
  if (r.error) return fail(r.error);
  await store(r.overrides, t && t.added ? `Deleted ${editing.id}.` : `${editing.id} is back to the built-in wording.`);
  if (t && t.added) {
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
  $('tpl-problems').replaceChildren(...data.problems.map((p) => el('li', { text: `${p.template || 'stored edits'}: ${p.message}` })));
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
    corrupt.textContent = 'Your saved template edits could not be read, so the built-in templates are shown. The stored value is kept unchanged (as replyOverridesBackup) and nothing is lost; saving a template starts a new list of edits.';
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
      if (editing && editing.mode === 'edit' && !data.templates.some((t) => t.id === editing.id)) {
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
  sec.append(el('p', { className: 'error', role: 'alert', text: `The template editor could not start: ${e.message}` }));
});
