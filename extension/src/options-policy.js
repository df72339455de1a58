// Options: "Connect to my clinic". Owns #connect. The service worker does
// the sync (sw-policy.js); this page sends it the connection and shows
// what it stored.
import { describeSync } from './sync-state.js';

const { t, keyed } = globalThis.BoundaryI18n;
const $ = (id) => document.getElementById(id);

async function show() {
  const { clinicConnection: conn, clinicPolicy: pol } = await chrome.storage.local.get(['clinicConnection', 'clinicPolicy']);
  const d = describeSync(conn, pol);
  $('connect-status').textContent = d.text;
  $('connect-status').className = d.failing ? 'error' : conn ? 'ok' : '';
  const detail = [];
  if (pol && pol.pack) {
    if (pol.pack.id) detail.push(t('opt_policyId', pol.pack.id));
    if (Array.isArray(pol.locked) && pol.locked.length) {
      detail.push(pol.locked.length === 1 ? t('opt_lockedOne') : t('opt_lockedMany', pol.locked.length));
    }
    if (pol.pack.message) detail.push(pol.pack.message);
  }
  $('connect-detail').textContent = detail.join(' ');
  $('connect-sync').hidden = !conn;
  $('connect-remove').hidden = !conn;
  if (conn && !$('connect-url').value) {
    $('connect-url').value = conn.url;
    $('connect-clinic').value = conn.clinic;
  }
}

async function send(msg) {
  const r = await chrome.runtime.sendMessage(msg).catch((e) => ({ error: String(e && e.message) }));
  if (r && r.error) {
    $('connect-status').textContent = keyed(r.why, r.error);
    $('connect-status').className = 'error';
  } else {
    await show();
  }
  return r;
}

$('connect-form').addEventListener('submit', async (ev) => {
  ev.preventDefault();
  $('connect-status').textContent = t('opt_connecting');
  $('connect-status').className = '';
  const r = await send({
    type: 'options→sw:policy-connect', url: $('connect-url').value, clinic: $('connect-clinic').value, token: $('connect-token').value,
  });
  if (r && !r.error) $('connect-token').value = '';
});
$('connect-sync').addEventListener('click', () => send({ type: 'options→sw:policy-sync' }));
$('connect-remove').addEventListener('click', async () => {
  await send({ type: 'options→sw:policy-disconnect' });
  $('connect-url').value = '';
  $('connect-clinic').value = '';
});
chrome.storage.onChanged.addListener((changes, area) => {
  if (area === 'local' && (changes.clinicPolicy || changes.clinicConnection)) show();
});
show();
