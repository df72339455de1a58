// Options page: the patient/client list import. The Go core parses the CSV
// (the same code the CLI uses); this page only shows its answers. It is the
// page's first module, so it words the page's markup for the others. The
// core's own messages (why a file or a row was refused) come as English
// and as a key with arguments, which the catalogue words.
import { loadCore } from './load-core.js';

const { t, fill, keyed } = globalThis.BoundaryI18n;
const $ = (id) => document.getElementById(id);
fill();
let csvText = '';
let preview = null;

function say(id, text, cls = '') {
  const e = $(id);
  e.textContent = text;
  e.className = cls;
}

async function showListStatus() {
  const { patientsMeta } = await chrome.storage.local.get('patientsMeta');
  if (patientsMeta && patientsMeta.count) {
    const when = new Date(patientsMeta.importedAt).toLocaleString();
    say('list-status', t('opt_listStatus', patientsMeta.count, when, patientsMeta.file), 'ok');
  } else {
    say('list-status', t('opt_noList'));
  }
}

function fillSelect(sel, header, value) {
  sel.replaceChildren(new Option(t('opt_noColumn'), '-1'));
  header.forEach((h, i) => sel.append(new Option(h || t('opt_column', i + 1), String(i))));
  sel.value = String(value);
}

function drawPreview(p, fileName) {
  preview = p;
  $('preview').hidden = false;
  const sep = p.separator === '\t' ? t('opt_tab') : p.separator;
  const info = p.bom ? t('opt_previewInfoBom', fileName, p.total, sep) : t('opt_previewInfo', fileName, p.total, sep);
  say('preview-info', p.mapping_error ? `${info} ${keyed(p.mapping_error_why, p.mapping_error)}` : info);
  for (const k of ['first', 'last', 'middle', 'name']) fillSelect($(`map-${k}`), p.header, p.mapping[k]);
  $('map-order').value = p.mapping.order || 'auto';
  const table = $('preview-table');
  const head = document.createElement('tr');
  for (const h of p.header) {
    const th = document.createElement('th');
    th.textContent = h;
    head.append(th);
  }
  const rows = p.rows.map((r) => {
    const tr = document.createElement('tr');
    for (const c of r) {
      const td = document.createElement('td');
      td.textContent = c;
      tr.append(td);
    }
    return tr;
  });
  table.replaceChildren(head, ...rows);
}

$('csv-file').addEventListener('change', async (ev) => {
  const file = ev.target.files[0];
  if (!file) return;
  say('import-result', '');
  $('skipped').replaceChildren();
  if (file.size > 20 * 1024 * 1024) {
    say('import-result', t('opt_tooLarge'), 'error');
    return;
  }
  csvText = await file.text();
  const core = await loadCore();
  const p = JSON.parse(core.csvPreview(csvText));
  if (p.error) {
    $('preview').hidden = true;
    say('import-result', t('opt_couldNotRead', file.name, keyed(p.error_why, p.error)), 'error');
    return;
  }
  p.file = file.name;
  drawPreview(p, file.name);
});

$('import').addEventListener('click', async () => {
  const core = await loadCore();
  const mapping = JSON.stringify({
    first: Number($('map-first').value), last: Number($('map-last').value),
    middle: Number($('map-middle').value), name: Number($('map-name').value), order: $('map-order').value,
  });
  const r = JSON.parse(core.csvImport(csvText, mapping));
  if (r.error) {
    say('import-result', t('opt_notImported', keyed(r.error_why, r.error)), 'error');
    return;
  }
  await chrome.storage.local.set({
    patients: r.stored,
    patientsMeta: { count: r.count, skipped: r.skipped.length, importedAt: Date.now(), file: preview.file },
  });
  $('preview').hidden = true;
  say('import-result', t('opt_imported', r.count, r.skipped.length), 'ok');
  $('skipped').replaceChildren(...r.skipped.slice(0, 50).map((s) => {
    const li = document.createElement('li');
    li.textContent = t('opt_skippedRow', s.row, keyed(s.why, s.reason));
    return li;
  }));
  showListStatus();
});

$('cancel').addEventListener('click', () => { $('preview').hidden = true; });

$('clear').addEventListener('click', async () => {
  if (!confirm(t('opt_confirmClear'))) return;
  await chrome.storage.local.remove(['patients', 'patientsMeta']);
  say('import-result', t('opt_removed'), 'ok');
  showListStatus();
});

showListStatus();
