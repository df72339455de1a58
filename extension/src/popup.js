// Popup: today's counts and the state of the patient list.
const $ = (id) => document.getElementById(id);

async function show() {
  const status = await chrome.runtime.sendMessage({ type: 'popup→sw:status' }).catch(() => null);
  const n = status && status.counts ? status.counts.flagged : 0;
  $('today').textContent = n === 1 ? '1 likely patient flagged today.' : `${n} likely patients flagged today.`;
  const { patientsMeta } = await chrome.storage.local.get('patientsMeta');
  $('list').textContent = patientsMeta && patientsMeta.count
    ? `${patientsMeta.count} people on your patient list.`
    : 'No patient list yet: import one in the settings.';
}

$('options').addEventListener('click', () => chrome.runtime.openOptionsPage());
show();
