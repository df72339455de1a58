// Popup: today's counts and the state of the patient list. It is the
// popup's first module, so it words the page's markup for the others.
const { t, fill } = globalThis.BoundaryI18n;
const $ = (id) => document.getElementById(id);
fill();

// Category counts, most severe first, as the badges say them.
const CATEGORIES = [
  ['emergency', () => t('popup_emergencyOne'), (n) => t('popup_emergencyMany', n)],
  ['sensitive_info', () => t('popup_sensitiveOne'), (n) => t('popup_sensitiveMany', n)],
  ['complaint', () => t('popup_complaintOne'), (n) => t('popup_complaintMany', n)],
  ['medical_question', () => t('popup_medicalOne'), (n) => t('popup_medicalMany', n)],
  ['appointment_admin', () => t('popup_appointmentOne'), (n) => t('popup_appointmentMany', n)],
];

async function show() {
  const status = await chrome.runtime.sendMessage({ type: 'popup→sw:status' }).catch(() => null);
  const counts = status && status.counts ? status.counts : { flagged: 0, threads: 0, byCategory: {} };
  const n = counts.flagged || 0;
  $('today').textContent = n === 1 ? t('popup_flaggedOne') : t('popup_flaggedMany', n);
  let list = $('today-threads');
  if (!list) {
    list = document.createElement('ul');
    list.id = 'today-threads';
    list.setAttribute('aria-label', t('popup_threadsLabel'));
    $('today').after(list);
  }
  const items = [];
  for (const [key, one, many] of CATEGORIES) {
    const c = (counts.byCategory && counts.byCategory[key]) || 0;
    if (c === 0) continue;
    const li = document.createElement('li');
    li.dataset.category = key;
    li.textContent = c === 1 ? one() : many(c);
    items.push(li);
  }
  if (items.length === 0) {
    const li = document.createElement('li');
    li.textContent = t('popup_noConversations');
    items.push(li);
  }
  list.replaceChildren(...items);
  const { patientsMeta } = await chrome.storage.local.get('patientsMeta');
  $('list').textContent = patientsMeta && patientsMeta.count
    ? t('popup_listCount', patientsMeta.count)
    : t('popup_noList');
}

$('options').addEventListener('click', () => chrome.runtime.openOptionsPage());
show();
