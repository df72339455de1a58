// Popup: site access. Firefox treats a Manifest V3 extension's access to the
// sites its content scripts match as the user's to grant or revoke
// (about:addons → Boundary → Permissions, or the Extensions panel). Without
// it Boundary never runs on facebook.com or messenger.com and would flag
// nothing without saying why, so the popup says so and asks again.
const { t } = globalThis.BoundaryI18n;
const $ = (id) => document.getElementById(id);
const ORIGINS = [...new Set(chrome.runtime.getManifest().content_scripts.flatMap((c) => c.matches))];

async function show() {
  let granted = true;
  try {
    granted = await chrome.permissions.contains({ origins: ORIGINS });
  } catch {
    // A browser that cannot answer has not withheld anything we know of.
  }
  $('access-sec').hidden = granted;
}

$('access-grant').addEventListener('click', () => {
  // request must run in the click itself, where the user's gesture counts.
  chrome.permissions.request({ origins: ORIGINS }).then((ok) => {
    $('access-state').textContent = ok ? t('popup_accessGranted') : t('popup_accessDenied');
    return show();
  }, (e) => {
    $('access-state').textContent = t('popup_accessError', e && e.message);
  });
});
chrome.permissions.onAdded.addListener(show);
chrome.permissions.onRemoved.addListener(show);
show();
