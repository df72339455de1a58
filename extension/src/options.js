// Options page: the patient/client list import. The Go core parses the CSV
// (the same code the CLI uses); this page only shows its answers.
import { loadCore } from './load-core.js';

const $ = (id) => document.getElementById(id);
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
    say('list-status', `${patientsMeta.count} people on your list (imported ${when} from ${patientsMeta.file}).`, 'ok');
  } else {
    say('list-status', 'No list imported yet.');
  }
}

function fillSelect(sel, header, value) {
  sel.replaceChildren(new Option('(none)', '-1'));
  header.forEach((h, i) => sel.append(new Option(h || `Column ${i + 1}`, String(i))));
  sel.value = String(value);
}

function drawPreview(p, fileName) {
  preview = p;
  $('preview').hidden = false;
  say('preview-info', `${fileName}: ${p.total} rows, separator “${p.separator === '\t' ? 'tab' : p.separator}”${p.bom ? ', with byte-order mark' : ''}.${p.mapping_error ? ` ${p.mapping_error}` : ''}`);
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
    say('import-result', 'That file is larger than 20 MB. Your current list is unchanged.', 'error');
    return;
  }
  csvText = await file.text();
  const core = await loadCore();
  const p = JSON.parse(core.csvPreview(csvText));
  if (p.error) {
    $('preview').hidden = true;
    say('import-result', `Could not read ${file.name}: ${p.error}. Your current list is unchanged.`, 'error');
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
    say('import-result', `Not imported: ${r.error}. Your current list is unchanged.`, 'error');
    return;
  }
  await chrome.storage.local.set({
    patients: r.stored,
    patientsMeta: { count: r.count, skipped: r.skipped.length, importedAt: Date.now(), file: preview.file },
  });
  $('preview').hidden = true;
  say('import-result', `Imported ${r.count} people; ${r.skipped.length} rows skipped.`, 'ok');
  $('skipped').replaceChildren(...r.skipped.slice(0, 50).map((s) => {
    const li = document.createElement('li');
    li.textContent = `Row ${s.row}: ${s.reason}`;
    return li;
  }));
  showListStatus();
});

$('cancel').addEventListener('click', () => { $('preview').hidden = true; });

$('clear').addEventListener('click', async () => {
  if (!confirm('Remove the patient list from this browser?')) return;
  await chrome.storage.local.remove(['patients', 'patientsMeta']);
  say('import-result', 'The list was removed.', 'ok');
  showListStatus();
});

showListStatus();
