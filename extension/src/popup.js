// Popup: today's counts and the state of the patient list.
const $ = (id) => document.getElementById(id);

// Category wording, most severe first, as the badges say it.
const CATEGORIES = [
  ['emergency', 'emergency', 'emergencies'],
  ['sensitive_info', 'sensitive information', 'sensitive information'],
  ['complaint', 'complaint', 'complaints'],
  ['medical_question', 'medical question', 'medical questions'],
  ['appointment_admin', 'appointment or admin request', 'appointment or admin requests'],
];

async function show() {
  const status = await chrome.runtime.sendMessage({ type: 'popup→sw:status' }).catch(() => null);
  const counts = status && status.counts ? status.counts : { flagged: 0, threads: 0, byCategory: {} };
  const n = counts.flagged || 0;
  $('today').textContent = n === 1 ? '1 likely patient flagged today.' : `${n} likely patients flagged today.`;
  let list = $('today-threads');
  if (!list) {
    list = document.createElement('ul');
    list.id = 'today-threads';
    list.setAttribute('aria-label', 'Conversations flagged today');
    $('today').after(list);
  }
  const items = [];
  for (const [key, one, many] of CATEGORIES) {
    const c = (counts.byCategory && counts.byCategory[key]) || 0;
    if (c === 0) continue;
    const li = document.createElement('li');
    li.dataset.category = key;
    li.textContent = `${c} ${c === 1 ? one : many}`;
    items.push(li);
  }
  if (items.length === 0) {
    const li = document.createElement('li');
    li.textContent = 'No patient or client conversations today.';
    items.push(li);
  }
  list.replaceChildren(...items);
  const { patientsMeta } = await chrome.storage.local.get('patientsMeta');
  $('list').textContent = patientsMeta && patientsMeta.count
    ? `${patientsMeta.count} people on your patient list.`
    : 'No patient list yet: import one in the settings.';
}

$('options').addEventListener('click', () => chrome.runtime.openOptionsPage());
show();
