// The patient handout page: the core writes a self-contained, escaped HTML
// notice from the clinic profile (boundaryCore.handout); this page shows it
// and prints it. The notice's markup is parsed inertly with DOMParser and
// its nodes moved here; its own Content-Security-Policy meta is left out,
// since this extension page already has a stricter one.
import { loadCore } from './load-core.js';

const { t, fill } = globalThis.BoundaryI18n;
const $ = (id) => document.getElementById(id);
fill();

function say(text, cls = '') {
  $('handout-status').textContent = text;
  $('handout-status').className = cls;
}

async function profileJSON() {
  const st = await chrome.storage.local.get(['clinicProfile', 'clinicPolicy']);
  const pack = st.clinicPolicy && st.clinicPolicy.pack;
  if (pack && pack.profile) return JSON.stringify(pack.profile);
  return typeof st.clinicProfile === 'string' ? st.clinicProfile : '';
}

async function render() {
  const core = await loadCore();
  const profile = await profileJSON();
  if (!profile) {
    $('sheet').replaceChildren();
    say(t('handout_noProfile'), 'error');
    return;
  }
  const r = JSON.parse(core.handout(profile, $('lang').value));
  if (r.error) {
    $('sheet').replaceChildren();
    say(`${t('handout_cannot', `${r.error}${r.errors && r.errors.length ? ` (${r.errors.join('; ')})` : ''}`)}.`, 'error');
    return;
  }
  const doc = new DOMParser().parseFromString(r.html, 'text/html');
  document.title = doc.title;
  document.documentElement.lang = doc.documentElement.lang;
  for (const old of document.querySelectorAll('style[data-handout]')) old.remove();
  for (const s of doc.head.querySelectorAll('style')) {
    const own = document.createElement('style');
    own.dataset.handout = '1';
    own.textContent = s.textContent;
    document.head.append(own);
  }
  $('sheet').replaceChildren(...[...doc.body.childNodes].map((n) => document.adoptNode(n)));
  say('');
  document.body.dataset.ready = '1';
}

$('print').addEventListener('click', () => window.print());
$('lang').addEventListener('change', render);
const want = new URLSearchParams(location.search).get('lang');
if (want) $('lang').value = want;
render().catch((e) => say(t('handout_cannot', e.message), 'error'));
