// Popup: clinic policy sync state. Owns #sync-sec; shown only when the
// user has connected to a clinic.
import { describeSync } from './sync-state.js';

const $ = (id) => document.getElementById(id);

async function show() {
  const { clinicConnection: conn, clinicPolicy: pol } = await chrome.storage.local.get(['clinicConnection', 'clinicPolicy']);
  $('sync-sec').hidden = !conn;
  if (!conn) return;
  const d = describeSync(conn, pol);
  $('sync-state').textContent = d.text;
  $('sync-state').className = d.failing ? 'error' : 'ok';
}

$('sync-now').addEventListener('click', async () => {
  $('sync-now').disabled = true;
  await chrome.runtime.sendMessage({ type: 'popup→sw:policy-sync' }).catch(() => null);
  $('sync-now').disabled = false;
  show();
});
chrome.storage.onChanged.addListener((changes, area) => {
  if (area === 'local' && (changes.clinicPolicy || changes.clinicConnection)) show();
});
show();
